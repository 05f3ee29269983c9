//! Pairwise scoring: are two named credentials the same one, how sure, and why.
//!
//! Order of rules (the first that decides wins, then issuer agreement adjusts):
//! 1. **Conflict guards** — different declared acronyms, a distinguishing token (number, year,
//!    version, level word, class letter, Roman numeral) on one side only, or unmatched content words
//!    on *both* sides (`network+` vs `security+`): the score is capped at [`CONFLICT_CAP`].
//! 2. **Exact key** — the normalized match keys are equal: 1.0.
//! 3. **Acronym** — one side is only an acronym that the other declares or whose initials spell it.
//! 4. **String similarity** — `0.3·Jaro-Winkler + 0.3·normalized Levenshtein + 0.4·token-set`
//!    over the issuer-stripped keys (token-set = fuzzy-matched tokens / union).
//!
//! Issuer agreement adds [`ISSUER_AGREE`], disagreement subtracts [`ISSUER_DISAGREE`]. Pairs at or
//! above [`THRESHOLD`] are the same credential.

use serde::{Deserialize, Serialize};

use crate::normalize::{
    brand_prefix, normalize_issuer, normalize_name, strip_issuer, NormalizedName,
};

/// Confidence at or above which two records are linked as the same credential (tuned on dev pairs).
pub const THRESHOLD: f64 = 0.85;
/// Highest confidence a pair with a conflict guard can get.
pub const CONFLICT_CAP: f64 = 0.4;
/// Bonus when both issuers are known and agree.
pub const ISSUER_AGREE: f64 = 0.05;
/// Penalty when both issuers are known and differ.
pub const ISSUER_DISAGREE: f64 = 0.10;
/// Base confidence of a two-letter acronym match ("AS", "BE" are also English words).
const SHORT_ACRONYM: f64 = 0.85;
/// Highest confidence when one side has words the other lacks (`Java Web Development` vs `Web Development`).
pub const SUBSET_CAP: f64 = 0.8;
/// Jaro-Winkler similarity at which two single tokens count as one word misspelled.
const TOKEN_TYPO: f64 = 0.93;

/// Tokens that make siblings different when only one side has them.
const LEVEL_WORDS: &[&str] = &[
    "basic",
    "intermediate",
    "advanced",
    "junior",
    "senior",
    "master",
    "journeyman",
    "apprentice",
    "associate",
    "professional",
    "expert",
    "specialist",
    "entry",
    "foundation",
    "practitioner",
    "fundamental",
    "essential",
    "level",
    "class",
    "pediatric",
    "adult",
    "assistant",
    "instructor",
    "trainer",
    "supervisor",
    "manager",
    "executive",
    "administrator",
];

/// Roman numerals used as levels.
const ROMAN: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];

/// What a pair comparison needs to know about one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Record id (any stable key).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Issuer name or id, when known.
    pub issuer: Option<String>,
    /// Other names and acronyms.
    pub alternate_names: Vec<String>,
    /// The source declares it a license (CTDL `ceterms:License`): never the same as a certification.
    #[serde(default)]
    pub is_license: bool,
}

/// Which rule decided a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Normalized names are equal.
    ExactKey,
    /// One side is the other's acronym.
    Acronym,
    /// String similarity of the normalized names.
    Similarity,
    /// A conflict guard capped the score.
    Conflict,
    /// A reviewed override decided.
    Override,
}

/// The verdict on one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairScore {
    /// 0.0 (certainly different) to 1.0 (certainly the same).
    pub confidence: f64,
    /// `confidence >= THRESHOLD` (or an override said so).
    pub same: bool,
    /// The deciding rule.
    pub rule: Rule,
    /// Human-readable reason with the scores that fired.
    pub reason: String,
}

/// A candidate prepared once for many comparisons (normalizing names is most of a comparison's
/// cost, so a matcher over many candidates keeps one profile per candidate).
#[derive(Debug, Clone)]
pub struct Profile {
    /// Normalized display name.
    pub name: NormalizedName,
    /// Normalized issuer (stated or inferred from a leading brand).
    pub issuer: Option<String>,
    /// Acronyms from the name and from alternate names.
    pub acronyms: Vec<String>,
    /// Issuer brand the name starts with (`comptia`), stripped from names before comparing.
    pub brand: Option<String>,
    /// License or certification/certificate, when the declared type or the name says so.
    pub kind: Option<&'static str>,
}

impl Profile {
    /// Normalizes a candidate.
    pub fn new(c: &Candidate) -> Profile {
        let name = normalize_name(&c.name);
        let stated = c
            .issuer
            .as_deref()
            .map(normalize_issuer)
            .filter(|s| !s.is_empty());
        let brand = brand_prefix(&name.tokens);
        let issuer = stated.or_else(|| brand.clone());
        let mut acronyms = name.acronyms.clone();
        for alt in &c.alternate_names {
            acronyms.extend(normalize_name(alt).acronyms);
        }
        acronyms.sort();
        acronyms.dedup();
        let lower = c.name.to_lowercase();
        let kind = if c.is_license || lower.contains("licens") {
            Some("license")
        } else if lower.contains("certif") {
            Some("certification or certificate")
        } else {
            None
        };
        Profile {
            name,
            issuer,
            acronyms,
            brand,
            kind,
        }
    }

    /// Match tokens with either side's issuer removed.
    pub fn core_tokens(&self, other: &Profile) -> Vec<String> {
        let mut t = self.name.tokens.clone();
        let all = [&self.issuer, &other.issuer, &self.brand, &other.brand];
        for issuer in all.into_iter().flatten() {
            t = strip_issuer(&t, issuer);
        }
        t
    }

    /// True when the name is nothing but an acronym (`CNA`, `PMP Certification`).
    pub fn acronym_only(&self) -> bool {
        self.name.is_acronym
    }
}

/// Compares two candidates.
pub fn compare(a: &Candidate, b: &Candidate) -> PairScore {
    score_profiles(&Profile::new(a), &Profile::new(b))
}

/// Compares two candidates prepared with [`Profile::new`]; the same score as [`compare`].
pub fn compare_profiles(a: &Profile, b: &Profile) -> PairScore {
    score_profiles(a, b)
}

/// Issuer agreement of two profiles.
#[derive(Debug, Clone, Copy, PartialEq)]
enum IssuerAgreement {
    Agree,
    Disagree,
    Unknown,
}

/// Compares two prepared profiles.
pub(crate) fn score_profiles(a: &Profile, b: &Profile) -> PairScore {
    let issuer = issuer_agreement(a, b);
    let (base, rule, reason, cap) = name_score(a, b);
    let (adjust, note) = match issuer {
        IssuerAgreement::Agree => (ISSUER_AGREE, "issuers agree"),
        IssuerAgreement::Disagree => (-ISSUER_DISAGREE, "issuers differ"),
        IssuerAgreement::Unknown => (0.0, "issuer unknown on a side"),
    };
    let confidence = (base + adjust).clamp(0.0, cap);
    let confidence = (confidence * 1000.0).round() / 1000.0;
    PairScore {
        confidence,
        same: confidence >= THRESHOLD,
        rule,
        reason: format!("{reason}; {note} ({adjust:+.2}); confidence {confidence:.3}"),
    }
}

/// Whether the issuers are the same body (equal, one inside the other, or one the other's initials).
fn issuer_agreement(a: &Profile, b: &Profile) -> IssuerAgreement {
    let (Some(x), Some(y)) = (&a.issuer, &b.issuer) else {
        return IssuerAgreement::Unknown;
    };
    let initials = |s: &str| -> String { s.split(' ').filter_map(|w| w.chars().next()).collect() };
    let contains = |long: &str, short: &str| {
        long.split(' ')
            .collect::<Vec<_>>()
            .windows(short.split(' ').count())
            .any(|w| w.join(" ") == short)
    };
    let same = x == y
        || x.replace(' ', "") == y.replace(' ', "")
        || contains(x, y)
        || contains(y, x)
        || (!x.contains(' ') && initials(y) == *x)
        || (!y.contains(' ') && initials(x) == *y);
    if same {
        IssuerAgreement::Agree
    } else {
        IssuerAgreement::Disagree
    }
}

/// The name-only score, the rule that produced it, its reason and the cap on the final confidence.
fn name_score(a: &Profile, b: &Profile) -> (f64, Rule, String, f64) {
    // A license and a certification of the same occupation are different credentials, however
    // alike their names ("PHARMACY TECHNICIAN" license vs "Certified Pharmacy Technician").
    if let (Some(ka), Some(kb)) = (a.kind, b.kind) {
        if ka != kb {
            return (
                0.0,
                Rule::Conflict,
                format!("one is a {ka}, the other a {kb}"),
                CONFLICT_CAP,
            );
        }
    }
    if let Some(why) = acronym_conflict(a, b) {
        return (0.0, Rule::Conflict, why, CONFLICT_CAP);
    }
    if let Some((s, rule, why)) = acronym_match(a, b).or_else(|| acronym_match(b, a)) {
        return (s, rule, why, 1.0);
    }
    if !a.name.tokens.is_empty() && a.name.tokens == b.name.tokens {
        let why = format!("exact normalized name `{}`", a.name.key());
        return (1.0, Rule::ExactKey, why, 1.0);
    }
    let ta = a.core_tokens(b);
    let tb = b.core_tokens(a);
    let (only_a, only_b, matched) = align(&ta, &tb);
    if let Some(why) = token_conflict(&only_a, &only_b) {
        let s = similarity(&ta, &tb, matched).0;
        return (s, Rule::Conflict, why, CONFLICT_CAP);
    }
    if !ta.is_empty() && ta == tb {
        let why = format!("exact normalized name `{}`", ta.join(" "));
        return (1.0, Rule::ExactKey, why, 1.0);
    }
    let (s, detail) = similarity(&ta, &tb, matched);
    if !only_a.is_empty() || !only_b.is_empty() {
        let extra = only_a
            .iter()
            .chain(&only_b)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let why = format!("{detail}; words on one side only `{extra}` cap {SUBSET_CAP:.2}");
        return (s, Rule::Similarity, why, SUBSET_CAP);
    }
    (s, Rule::Similarity, detail, 1.0)
}

/// Both sides declare acronyms and none is shared: different credentials (`AOCN` vs `AOCNP`).
fn acronym_conflict(a: &Profile, b: &Profile) -> Option<String> {
    if a.acronyms.is_empty() || b.acronyms.is_empty() {
        return None;
    }
    let shared = a.acronyms.iter().any(|x| b.acronyms.contains(x));
    (!shared).then(|| {
        format!(
            "conflict: acronyms differ ({} vs {})",
            a.acronyms.join("/"),
            b.acronyms.join("/")
        )
    })
}

/// `short` is only an acronym, and `long` declares it or its initials spell it.
fn acronym_match(short: &Profile, long: &Profile) -> Option<(f64, Rule, String)> {
    if !short.acronym_only() || long.acronym_only() {
        return None;
    }
    let declared = short.acronyms.iter().find(|a| long.acronyms.contains(a));
    let spelled = short
        .acronyms
        .iter()
        .find(|a| long.name.initials.contains(a));
    let acr = declared.or(spelled)?;
    // Two-letter acronyms are common English words ("AS", "BE"): weaker on their own.
    let base = if acr.chars().count() <= 2 {
        SHORT_ACRONYM
    } else {
        0.9
    };
    let how = if declared.is_some() {
        "declared by"
    } else {
        "initials of"
    };
    Some((
        base,
        Rule::Acronym,
        format!(
            "acronym `{acr}` {how} `{}` (base {base:.2})",
            long.name.display
        ),
    ))
}

/// Aligns tokens exactly or as typos; returns the unmatched tokens of each side and the match count.
fn align(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>, usize) {
    let mut used = vec![false; b.len()];
    let mut only_a = Vec::new();
    for t in a {
        let hit = (0..b.len())
            .find(|&j| !used[j] && b[j] == *t)
            .or_else(|| (0..b.len()).find(|&j| !used[j] && typo(t, &b[j])));
        match hit {
            Some(j) => used[j] = true,
            None => only_a.push(t.clone()),
        }
    }
    let only_b: Vec<String> = b
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(t, _)| t.clone())
        .collect();
    let matched = a.len() - only_a.len();
    (only_a, only_b, matched)
}

/// Two words that are one word misspelled (long, no digits, very similar).
fn typo(x: &str, y: &str) -> bool {
    x.len() >= 5
        && y.len() >= 5
        && !x.chars().any(|c| c.is_ascii_digit())
        && !y.chars().any(|c| c.is_ascii_digit())
        && strsim::jaro_winkler(x, y) >= TOKEN_TYPO
}

/// A token that names a level, class, version or year.
fn distinguishing(t: &str) -> bool {
    t.chars().count() == 1
        || t.chars().any(|c| c.is_ascii_digit())
        || ROMAN.contains(&t)
        || LEVEL_WORDS.contains(&t)
        || t.ends_with("plus")
}

/// Sibling guard: unmatched words on both sides, or a distinguishing word on one side.
fn token_conflict(only_a: &[String], only_b: &[String]) -> Option<String> {
    let dist: Vec<&String> = only_a
        .iter()
        .chain(only_b)
        .filter(|t| distinguishing(t))
        .collect();
    if !dist.is_empty() {
        let words: Vec<&str> = dist.iter().map(|s| s.as_str()).collect();
        return Some(format!(
            "conflict: distinguishing word(s) on one side only: {}",
            words.join(", ")
        ));
    }
    if !only_a.is_empty() && !only_b.is_empty() {
        return Some(format!(
            "conflict: sibling names differ in `{}` vs `{}`",
            only_a.join(" "),
            only_b.join(" ")
        ));
    }
    None
}

/// Tokens sorted and joined, so word order does not matter (`class a cdl` = `cdl class a`).
fn sorted(tokens: &[String]) -> String {
    let mut t = tokens.to_vec();
    t.sort();
    t.join(" ")
}

/// Weighted string similarity of two token lists, with its components spelled out.
fn similarity(a: &[String], b: &[String], matched: usize) -> (f64, String) {
    let (ka, kb) = (a.join(" "), b.join(" "));
    if ka.is_empty() || kb.is_empty() {
        return (0.0, "no comparable words on a side".to_string());
    }
    let (sa, sb) = (sorted(a), sorted(b));
    let jw = strsim::jaro_winkler(&ka, &kb).max(strsim::jaro_winkler(&sa, &sb));
    let lev =
        strsim::normalized_levenshtein(&ka, &kb).max(strsim::normalized_levenshtein(&sa, &sb));
    let union = a.len() + b.len() - matched;
    let tset = if union == 0 {
        0.0
    } else {
        matched as f64 / union as f64
    };
    let s = 0.3 * jw + 0.3 * lev + 0.4 * tset;
    let detail = format!(
        "similarity of `{ka}` and `{kb}`: jaro-winkler {jw:.3}, levenshtein {lev:.3}, token-set {tset:.3} → {s:.3}"
    );
    (s, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, issuer: Option<&str>) -> Candidate {
        Candidate {
            id: name.to_string(),
            name: name.to_string(),
            issuer: issuer.map(str::to_string),
            alternate_names: Vec::new(),
            is_license: false,
        }
    }

    #[test]
    fn a_license_never_matches_a_certification() {
        let mut license = c("PHARMACY TECHNICIAN", None);
        license.is_license = true;
        let cert = c("Certified Pharmacy Technician (CPhT)", None);
        let s = compare(&license, &cert);
        assert!(!s.same && s.rule == Rule::Conflict, "{s:?}");
        assert!(
            compare(
                &c("Licensed Practical Nurse", None),
                &c("Practical Nurse Certificate", None)
            )
            .rule
                == Rule::Conflict
        );
    }

    #[test]
    fn a_plus_spellings_are_the_same() {
        let a = c("CompTIA A+", None);
        let b = c("A+ Certification", Some("CompTIA"));
        let d = c("CompTIA A Plus (220-1101/1102)", None);
        assert!(compare(&a, &b).same, "{:?}", compare(&a, &b));
        assert!(compare(&a, &d).same);
        assert!(compare(&b, &d).same);
    }

    #[test]
    fn siblings_are_different() {
        let pairs = [
            ("CompTIA Network+", "CompTIA Security+"),
            ("Class A CDL", "Class B CDL"),
            ("Welding Level 1", "Welding Level 2"),
            (
                "Microsoft Office 2003 Specialist",
                "Microsoft Office 2007 Specialist",
            ),
            (
                "Oncology Certified Nurse",
                "Advanced Oncology Certified Nurse",
            ),
        ];
        for (x, y) in pairs {
            let s = compare(&c(x, None), &c(y, None));
            assert!(!s.same, "{x} vs {y}: {s:?}");
        }
    }

    #[test]
    fn acronym_matches_full_name() {
        let s = compare(
            &c("CNA", Some("State Board")),
            &c("Certified Nursing Assistant", Some("State Board")),
        );
        assert!(s.same, "{s:?}");
        assert_eq!(s.rule, Rule::Acronym);
    }
}
