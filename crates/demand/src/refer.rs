//! Spans that look like credentials but are not asks: a bare "license" that points back at one
//! named earlier ("a copy of your license", "the certification described above"), a generic
//! heading over named options ("2. Certification", "Licensure:"), and plural people
//! ("Registered Nurses", "LPNs") who are colleagues or job titles, not what the hire must hold.
//!
//! These are the judgements of the labelling guidelines (`docs/demand-labeling.md`) written as
//! rules over the words around a span; they never look at a particular employer's phrasing.

/// Determiners and possessives that make a bare credential noun point at one already named.
const BACK_POINTERS: &[&str] = &[
    "the",
    "your",
    "this",
    "that",
    "these",
    "those",
    "such",
    "said",
    "its",
    "their",
    "his",
    "her",
    "same",
    "above",
    "applicable",
    "aforementioned",
];

/// Adjectives that may sit between the pointer and the noun ("your current, valid license").
const SKIPPABLE: &[&str] = &[
    "valid",
    "current",
    "active",
    "unrestricted",
    "full",
    "required",
    "appropriate",
    "necessary",
    "state",
    "professional",
    "relevant",
    "and",
    "or",
    "current,",
    "valid,",
];

/// Words right after a bare noun that point elsewhere in the text ("described above").
const POINTS_ELSEWHERE: &[&str] = &[
    "above",
    "below",
    "described",
    "listed",
    "mentioned",
    "noted",
    "identified",
    "indicated",
    "specified",
    "outlined",
];

/// Words before a bare noun that make it a document to hand in, not an ask ("a copy of your
/// license", "proof of certification", "upload your license").
const DOCUMENT_WORDS: &[&str] = &[
    "copy",
    "copies",
    "proof",
    "upload",
    "uploaded",
    "attach",
    "attached",
    "submit",
    "submitted",
    "documentation",
    "scan",
];

/// Words right after a bare noun that make it a form field or a reminder ("license number").
const FORM_FIELD_AFTER: &[&str] = &[
    "number",
    "numbers",
    "reminder",
    "information",
    "expiration",
    "type",
    "date",
    "dates",
];

/// People nouns whose plural names colleagues or a job family, never the hire's credential.
const PERSON_NOUNS: &[&str] = &[
    "nurse",
    "technician",
    "technologist",
    "assistant",
    "aide",
    "dietitian",
    "engineer",
    "specialist",
    "counselor",
    "counsellor",
    "worker",
    "therapist",
    "paramedic",
    "practitioner",
    "physician",
    "pharmacist",
    "hygienist",
    "inspector",
    "accountant",
    "electrician",
    "plumber",
    "operator",
    "officer",
    "professional",
    "provider",
    "responder",
    "clinician",
    "midwife",
    "psychologist",
    "surveyor",
    "architect",
    "auditor",
    "planner",
    "teacher",
    "educator",
];

/// True when the span at `[start, end)` of `t` is not an ask of its own (see the module doc).
/// `generic` says the span names no particular credential (a bare head noun).
pub fn not_an_ask(t: &str, start: usize, end: usize, generic: bool) -> bool {
    let (Some(span), Some(before), Some(after)) = (t.get(start..end), t.get(..start), t.get(end..))
    else {
        return false;
    };
    if plural_people(span) || someone_licensed(before, span) || bare_participle(span) {
        return true;
    }
    (generic || bare_noun(span))
        && (points_back(before, after) || generic_heading(before, span, after))
}

/// Credential nouns that name no particular credential on their own.
const HEAD_NOUNS: &[&str] = &[
    "license",
    "licenses",
    "licence",
    "licences",
    "licensure",
    "certification",
    "certifications",
    "certificate",
    "certificates",
    "credential",
    "credentials",
    "registration",
    "registrations",
];

/// Modifiers that leave a head noun generic ("4. Board Certification", "additional licenses").
const GENERIC_MODIFIERS: &[&str] = &[
    "board",
    "professional",
    "additional",
    "speciality",
    "specialty",
    "state",
    "valid",
    "current",
    "active",
    "required",
    "relevant",
    "expired",
    "any",
    "basic",
    "full",
    "unrestricted",
    "other",
];

/// "2.", "8a.", "B)", "iv." or a bullet: a list marker, not a word.
fn is_enumerator(token: &str) -> bool {
    let body = token.trim_end_matches(['.', ')']);
    let marked = body.len() < token.len() && !body.is_empty() && body.len() <= 3;
    marked && body.chars().all(|c| c.is_ascii_alphanumeric())
        || token.chars().count() == 1 && !token.chars().all(char::is_alphanumeric)
}

/// True when the span's noun phrase, up to its first head noun, is only an enumerator, generic
/// modifiers and the head noun ("2. CERTIFICATION", "license with your application package").
fn bare_noun(span: &str) -> bool {
    for (i, raw) in span.split_whitespace().enumerate() {
        let w = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if HEAD_NOUNS.contains(&w.as_str()) {
            return true;
        }
        let enumerator = i == 0 && is_enumerator(raw);
        if !(enumerator || GENERIC_MODIFIERS.contains(&w.as_str())) {
            return false;
        }
    }
    false
}

/// "Registered Nurses", "LPNs": the span ends in a plural person noun or a plural acronym.
fn plural_people(span: &str) -> bool {
    let Some(last) = span
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .rfind(|w| !w.is_empty())
    else {
        return false;
    };
    if let Some(stem) = last.strip_suffix('s') {
        let acronym = stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase());
        let lower = stem.to_lowercase();
        return acronym || PERSON_NOUNS.contains(&lower.as_str());
    }
    false
}

/// Participles that describe a person as holding a credential.
const PARTICIPLES: &[&str] = &["licensed", "certified", "registered", "credentialed"];

/// "a letter from a licensed medical professional": a credentialed person who is not the hire.
fn someone_licensed(before: &str, span: &str) -> bool {
    let first = words(span).next();
    if !first.is_some_and(|w| PARTICIPLES.contains(&w.as_str())) {
        return false;
    }
    let line_start = before.rfind(['\n', '.', ';', ':']).map_or(0, |i| i + 1);
    words(&before[line_start..])
        .rev()
        .find(|w| !matches!(w.as_str(), "a" | "an" | "the" | "another" | "other"))
        .is_some_and(|w| matches!(w.as_str(), "from" | "by"))
}

/// Time words that may follow a bare participle ("licensed within three years").
const TIME_WORDS: &[&str] = &[
    "within", "before", "after", "prior", "upon", "during", "until",
];

/// "licensed or certified within 3 years": participles with no credential named, only a time.
fn bare_participle(span: &str) -> bool {
    let mut seen = false;
    for w in words(span) {
        if PARTICIPLES.contains(&w.as_str()) || w == "or" || w == "and" {
            seen |= w != "or" && w != "and";
            continue;
        }
        return seen && TIME_WORDS.contains(&w.as_str());
    }
    false
}

/// Lower-case words of `s`, punctuation stripped from their edges.
fn words(s: &str) -> impl DoubleEndedIterator<Item = String> + '_ {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// "your license", "the certification described above": a pointer before, or a reference after.
fn points_back(before: &str, after: &str) -> bool {
    // Stay inside the sentence: stop at the last sentence or line break before the span.
    let clause_start = before
        .rfind(['.', '\n', '?', '!', ';', ':'])
        .map_or(0, |i| i + 1);
    let pointer = words(&before[clause_start..])
        .rev()
        .take(4)
        .find(|w| !SKIPPABLE.contains(&w.as_str()));
    if pointer.is_some_and(|w| BACK_POINTERS.contains(&w.as_str())) {
        return true;
    }
    if words(&before[clause_start..])
        .rev()
        .take(5)
        .any(|w| DOCUMENT_WORDS.contains(&w.as_str()))
    {
        return true;
    }
    let clause_end = after
        .find(['.', '\n', '?', '!', ';'])
        .unwrap_or(after.len());
    if words(&after[..clause_end])
        .next()
        .is_some_and(|w| FORM_FIELD_AFTER.contains(&w.as_str()))
    {
        return true;
    }
    words(&after[..clause_end])
        .take(3)
        .any(|w| POINTS_ELSEWHERE.contains(&w.as_str()))
}

/// A short line that is only an enumerator and the bare noun ("2. CERTIFICATION", "Licensure:").
fn generic_heading(before: &str, span: &str, after: &str) -> bool {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = after.find('\n').unwrap_or(after.len());
    let lead = before[line_start..].trim();
    let tail = after[..line_end].trim();
    // The span may itself start with the enumerator ("2. CERTIFICATION").
    // Nothing before it on the line but one enumerator or bullet ("2.", "8a.", "B)", "•").
    let enumerator = lead.is_empty() || !lead.contains(char::is_whitespace) && is_enumerator(lead);
    // Alone on its line, or opening it as a label: "2. CERTIFICATION: Applicants must …".
    let trailing = tail
        .chars()
        .all(|c| matches!(c, ':' | '.' | '-' | ' ' | '*'))
        || tail.starts_with(':')
        || tail.trim_start_matches(['\u{a0}', ' ']).starts_with("- ");
    enumerator && trailing && span.split_whitespace().count() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, span: &str, generic: bool) -> bool {
        let s = text.find(span).unwrap();
        not_an_ask(text, s, s + span.len(), generic)
    }

    #[test]
    fn bare_nouns_that_point_back_are_not_asks() {
        assert!(check("Upload a copy of your license.", "license", true));
        assert!(check(
            "Do you meet the certification requirement?",
            "certification",
            true
        ));
        assert!(check(
            "I hold the certification described above.",
            "certification",
            true
        ));
        assert!(check(
            "Submit your current, valid license.",
            "license",
            true
        ));
        // The ask itself: an indefinite noun with nothing pointing elsewhere.
        assert!(!check(
            "Must possess a license to practice.",
            "license",
            true
        ));
        assert!(!check(
            "Do you possess any certifications?",
            "certifications",
            true
        ));
        // Named credentials are never dropped for a determiner.
        assert!(!check(
            "Submit your CompTIA Security+ certification.",
            "CompTIA Security+ certification",
            false
        ));
    }

    #[test]
    fn generic_headings_are_not_asks() {
        assert!(check(
            "Requirements\n2. CERTIFICATION\nYou must",
            "CERTIFICATION",
            true
        ));
        assert!(check("Licensure:\nA full license", "Licensure", true));
        assert!(check(
            "\n5. Licensure: Do you possess a full licensure?",
            "5. Licensure",
            false
        ));
        assert!(check(
            "Upload a copy of a current license.",
            "license",
            true
        ));
        assert!(check("Enter your license number.", "license", true));
        assert!(check("State license number:", "license", true));
        assert!(!check(
            "• Must hold relevant certifications\n",
            "certifications",
            true
        ));
        assert!(!check(
            "- Must hold appropriate licensure.\n",
            "licensure",
            true
        ));
        assert!(!check(
            "You must hold a certification in the field.",
            "certification",
            true
        ));
    }

    #[test]
    fn spans_that_carry_their_enumerator_or_a_complement_are_judged_by_their_noun() {
        assert!(check(
            "Questions\n2. CERTIFICATION\nDo you",
            "2. CERTIFICATION",
            false
        ));
        assert!(check(
            "4. Board Certification\n",
            "4. Board Certification",
            false
        ));
        assert!(check(
            "Submit a copy of your license with your application package.",
            "license with your application package",
            false
        ));
        assert!(!check(
            "Submit your CPR First Aid certification.",
            "CPR First Aid certification",
            false
        ));
    }

    #[test]
    fn plural_people_are_not_asks() {
        assert!(check(
            "You will supervise Registered Nurses.",
            "Registered Nurses",
            false
        ));
        assert!(check("Works alongside LPNs and CNAs.", "LPNs", false));
        assert!(!check(
            "Must be a Registered Nurse.",
            "Registered Nurse",
            false
        ));
        assert!(!check(
            "Relevant certifications preferred.",
            "certifications",
            true
        ));
        assert!(!check("Licenses: Class A CDL", "Class A CDL", false));
    }

    #[test]
    fn credentialed_other_people_and_bare_participles_are_not_asks() {
        assert!(check(
            "A letter signed by a licensed medical professional (e.g. a physician).",
            "licensed medical professional",
            false
        ));
        assert!(check(
            "Documentation from a licensed vocational rehabilitation specialist stating",
            "licensed vocational rehabilitation specialist stating",
            false
        ));
        assert!(check(
            "You must become licensed or certified within 3 years.",
            "licensed or certified within 3 years",
            false
        ));
        assert!(!check(
            "Must be licensed as a Registered Nurse.",
            "licensed as a Registered Nurse",
            false
        ));
        assert!(!check(
            "Must be certified by the ARRT.",
            "certified by the ARRT",
            false
        ));
    }

    #[test]
    fn hostile_offsets_never_panic() {
        let t = "é license";
        assert!(!not_an_ask(t, 1, 5, true));
        assert!(!not_an_ask(t, 50, 60, true));
    }
}
