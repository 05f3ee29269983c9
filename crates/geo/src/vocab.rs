//! The fixed words a location string is scanned for: state names, country names, remote-work
//! phrases, "multiple locations" phrases and filler words ("hybrid", "on-site") that separate a
//! place name from its neighbours.

use std::collections::HashMap;

use crate::gazetteer::State;
use crate::text::key;

/// The longest phrase in the vocabulary, in tokens ("united states of america").
pub(crate) const MAX_PHRASE: usize = 4;

/// What a recognized phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vocab {
    /// A U.S. state, DC or territory by name (index into the state list).
    StateName(usize),
    /// A country (ISO 3166-1 alpha-2), with the UK nation when the word names one.
    Country {
        /// ISO code.
        code: &'static str,
        /// ENG, SCT, WLS or NIR.
        nation: Option<&'static str>,
    },
    /// The job can be done away from an office.
    Remote,
    /// The posting names several or unspecified locations.
    Multi,
    /// A word that is never part of a place name here.
    Noise,
}

/// Country names and codes recognized, with ISO codes. Names that are also common U.S. place
/// names (Georgia, Jordan, Lebanon, Peru) are left out so they are never read as countries.
const COUNTRIES: &[(&str, &str, Option<&str>)] = &[
    ("us", "US", None),
    ("usa", "US", None),
    ("united states", "US", None),
    ("united states of america", "US", None),
    ("uk", "GB", None),
    ("gb", "GB", None),
    ("united kingdom", "GB", None),
    ("great britain", "GB", None),
    ("britain", "GB", None),
    ("england", "GB", Some("ENG")),
    ("scotland", "GB", Some("SCT")),
    ("wales", "GB", Some("WLS")),
    ("northern ireland", "GB", Some("NIR")),
    ("canada", "CA", None),
    ("ontario", "CA", None),
    ("quebec", "CA", None),
    ("british columbia", "CA", None),
    ("alberta", "CA", None),
    ("manitoba", "CA", None),
    ("saskatchewan", "CA", None),
    ("nova scotia", "CA", None),
    ("new brunswick", "CA", None),
    ("mexico", "MX", None),
    ("india", "IN", None),
    ("germany", "DE", None),
    ("france", "FR", None),
    ("ireland", "IE", None),
    ("republic of ireland", "IE", None),
    ("australia", "AU", None),
    ("new zealand", "NZ", None),
    ("netherlands", "NL", None),
    ("spain", "ES", None),
    ("italy", "IT", None),
    ("poland", "PL", None),
    ("brazil", "BR", None),
    ("japan", "JP", None),
    ("china", "CN", None),
    ("singapore", "SG", None),
    ("philippines", "PH", None),
    ("israel", "IL", None),
    ("south africa", "ZA", None),
    ("sweden", "SE", None),
    ("switzerland", "CH", None),
    ("belgium", "BE", None),
    ("portugal", "PT", None),
    ("austria", "AT", None),
    ("denmark", "DK", None),
    ("norway", "NO", None),
    ("finland", "FI", None),
    ("czech republic", "CZ", None),
    ("czechia", "CZ", None),
    ("romania", "RO", None),
    ("ukraine", "UA", None),
    ("argentina", "AR", None),
    ("colombia", "CO", None),
    ("costa rica", "CR", None),
    ("united arab emirates", "AE", None),
    ("uae", "AE", None),
    ("hong kong", "HK", None),
    ("south korea", "KR", None),
    ("taiwan", "TW", None),
    ("vietnam", "VN", None),
    ("nigeria", "NG", None),
    ("kenya", "KE", None),
    ("pakistan", "PK", None),
];

/// Phrases saying the work is remote.
const REMOTE: &[&str] = &[
    "remote",
    "remotely",
    "fully remote",
    "100 remote",
    "telework",
    "teleworking",
    "telecommute",
    "telecommuting",
    "work from home",
    "work at home",
    "wfh",
    "home based",
    "virtual",
    "anywhere",
    "work from anywhere",
];

/// Phrases saying the posting covers several or unnamed places.
const MULTI: &[&str] = &[
    "multiple locations",
    "various locations",
    "several locations",
    "many locations",
    "all locations",
    "multiple cities",
    "multiple states",
    "multiple",
    "various",
    "nationwide",
    "location negotiable",
    "negotiable",
];

/// Words that are never a place name in a location field; they split runs of place words.
const NOISE: &[&str] = &[
    "hybrid",
    "onsite",
    "on site",
    "in office",
    "in person",
    "office",
    "location",
    "locations",
    "based",
    "area",
    "metro",
    "metropolitan",
    "region",
    "greater",
    "downtown",
    "hq",
    "headquarters",
    "others",
    "other",
    "more",
    "job",
    "position",
    "primary",
    "flexible",
    "near",
    "preferred",
    "required",
    "only",
    "after selection",
];

/// The scanning vocabulary: every phrase above plus the state names, keyed by normalized text.
pub(crate) fn build(states: &[State]) -> HashMap<String, Vocab> {
    let mut v = HashMap::new();
    for w in NOISE {
        v.insert(key(w), Vocab::Noise);
    }
    for w in MULTI {
        v.insert(key(w), Vocab::Multi);
    }
    for w in REMOTE {
        v.insert(key(w), Vocab::Remote);
    }
    for (name, code, nation) in COUNTRIES {
        let nation = nation.and_then(static_nation);
        v.insert(key(name), Vocab::Country { code, nation });
    }
    for (i, s) in states.iter().enumerate() {
        v.insert(key(&s.name), Vocab::StateName(i));
    }
    v
}

/// The `'static` nation code for a table value.
fn static_nation(code: &str) -> Option<&'static str> {
    ["ENG", "SCT", "WLS", "NIR"]
        .into_iter()
        .find(|n| *n == code)
}

/// Two-letter state codes that are also English words: read as states only when written in
/// capitals in mixed-case text, or standing alone.
pub(crate) const WORDY_CODES: &[&str] = &[
    "in", "or", "me", "hi", "ok", "oh", "de", "la", "pa", "co", "ma", "al", "id", "as", "mo",
];

/// One-word country codes that are also words ("us"): read as countries only when capitalized,
/// alone, or closing their segment.
pub(crate) const SHORT_COUNTRY_WORDS: &[&str] = &["us", "gb", "uk"];
