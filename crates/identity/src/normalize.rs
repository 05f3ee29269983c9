//! Normalization of credential names, acronyms and issuers into comparable keys.
//!
//! Display text is never changed; a [`NormalizedName`] carries the *match* form beside it:
//! lower case, punctuation split, `+` folded into the word (`A+`, `a plus` → `aplus`), `&` → `and`,
//! trademark signs dropped, parenthesized acronyms (`(CNA)`) moved to `acronyms`, exam codes
//! (`(220-1101/1102)`, `SY0-701`) moved to `exam_codes`, and generic words (`certification`,
//! `certificate`, `credential`, `exam`) dropped from the match tokens.

use serde::{Deserialize, Serialize};

/// Words that say *what kind* of thing a name is, not *which* one: removed for matching only.
const GENERIC: &[&str] = &[
    "certification",
    "certificate",
    "credential",
    "exam",
    "examination",
    "cert",
    "certified",
];

/// Function words ignored for matching and for initials.
const STOP: &[&str] = &["the", "of", "and", "in", "for", "to", "on", "with"];

/// Issuer brands that often lead a name ("CompTIA A+", "Cisco Certified …").
///
/// Used only when a record states no issuer, to infer one from the name.
const BRANDS: &[&str] = &[
    "comptia",
    "cisco",
    "microsoft",
    "ibm",
    "oracle",
    "adobe",
    "aws",
    "isaca",
    "isc2",
    "pmi",
    "nccer",
    "lucent",
    "novell",
    "autodesk",
    "google",
    "red hat",
    "juniper",
    "vmware",
    "citrix",
    "sap",
    "eta",
    "ase",
    "nate",
    "osha",
    "aha",
    "red cross",
    "servsafe",
    "ahlei",
    "acf",
];

/// A name prepared for matching, with the display form kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormalizedName {
    /// The name exactly as given.
    pub display: String,
    /// Match tokens in order: lower case, `+` folded, generic and function words removed.
    pub tokens: Vec<String>,
    /// Acronyms found in the name: parenthesized (`CNA`), leading before a dash (`BTCS - …`), or
    /// the whole name when it is one short upper-case word. Lower case, `+` folded.
    pub acronyms: Vec<String>,
    /// Exam codes stripped from the name (`220-1101/1102`, `sy0-701`), lower case.
    pub exam_codes: Vec<String>,
    /// Initials of the words, with and without function and generic words
    /// (`Certified Nursing Assistant` → `cna`, `na`).
    pub initials: Vec<String>,
    /// True when the name is only an acronym, perhaps with a generic word (`CNA`, `PMP Certification`).
    pub is_acronym: bool,
}

impl NormalizedName {
    /// The match tokens joined by single spaces.
    pub fn key(&self) -> String {
        self.tokens.join(" ")
    }
}

/// Normalizes a credential name; `issuer` (when known) is not removed here, see [`strip_issuer`].
pub fn normalize_name(name: &str) -> NormalizedName {
    let (outside, parens) = split_parentheses(name);
    let mut acronyms = Vec::new();
    let mut exam_codes = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for inner in &parens {
        classify_parenthetical(inner, &mut acronyms, &mut exam_codes, &mut words);
    }
    let outside = leading_acronym(&outside, &mut acronyms);
    let mut main = Vec::new();
    for raw in outside.split_whitespace() {
        if is_exam_code(raw) {
            exam_codes.push(clean_code(raw));
        } else {
            main.push(raw.to_string());
        }
    }
    let specific: Vec<&String> = main
        .iter()
        .filter(|w| !GENERIC.contains(&w.to_lowercase().as_str()))
        .collect();
    let is_acronym =
        words.is_empty() && specific.len() == 1 && specific.iter().all(|w| whole_name_acronym(w));
    if is_acronym {
        acronyms.extend(specific.iter().flat_map(|w| acronym_forms(w)));
    }
    main.extend(words);
    let all = tokenize(&main.join(" "));
    let tokens: Vec<String> = all
        .iter()
        .filter(|t| !GENERIC.contains(&t.as_str()) && !STOP.contains(&t.as_str()))
        .cloned()
        .collect();
    let initials = initials_of(&all);
    acronyms.sort();
    acronyms.dedup();
    NormalizedName {
        display: name.to_string(),
        tokens,
        acronyms,
        exam_codes,
        initials,
        is_acronym,
    }
}

/// Normalizes an issuer name or id into a comparison key (`"CompTIA, Inc."` → `comptia`).
pub fn normalize_issuer(issuer: &str) -> String {
    const SUFFIXES: &[&str] = &["inc", "llc", "ltd", "corp", "corporation", "co", "the"];
    tokenize(issuer)
        .into_iter()
        .filter(|t| !SUFFIXES.contains(&t.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The issuer brand a name starts with, when the name names one (`"CompTIA A+"` → `comptia`).
pub fn brand_prefix(tokens: &[String]) -> Option<String> {
    BRANDS.iter().find_map(|b| {
        let parts: Vec<&str> = b.split(' ').collect();
        let matches =
            parts.len() <= tokens.len() && parts.iter().zip(tokens).all(|(p, t)| *p == t.as_str());
        matches.then(|| (*b).to_string())
    })
}

/// Removes the issuer's tokens (or its acronym) from the front or back of match tokens.
///
/// `"comptia aplus"` with issuer `comptia` → `"aplus"`. Tokens are only removed when something
/// is left, so a name that *is* the issuer's name stays as it is.
pub fn strip_issuer(tokens: &[String], issuer: &str) -> Vec<String> {
    let parts: Vec<String> = issuer.split(' ').map(str::to_string).collect();
    if parts.is_empty() || parts[0].is_empty() {
        return tokens.to_vec();
    }
    if tokens.len() > parts.len() {
        if tokens.starts_with(&parts) {
            return tokens[parts.len()..].to_vec();
        }
        if tokens.ends_with(&parts) {
            return tokens[..tokens.len() - parts.len()].to_vec();
        }
    }
    let acronym: String = parts.iter().filter_map(|p| p.chars().next()).collect();
    if parts.len() > 1 && tokens.len() > 1 && tokens.first().is_some_and(|t| *t == acronym) {
        return tokens[1..].to_vec();
    }
    tokens.to_vec()
}

/// Lower-cases and splits text into match tokens, folding `+`, `&` and trademark signs.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut prev_alnum = false;
    for c in text.chars() {
        match c {
            '+' if prev_alnum => spaced.push_str("plus "),
            '&' => spaced.push_str(" and "),
            '™' | '®' | '©' | '℠' => {}
            '¹' => spaced.push('1'),
            '²' => spaced.push('2'),
            '³' => spaced.push('3'),
            '\'' | '’' => {}
            c if c.is_alphanumeric() => spaced.extend(c.to_lowercase()),
            _ => spaced.push(' '),
        }
        prev_alnum = c.is_alphanumeric();
    }
    join_plus(spaced.split_whitespace())
        .into_iter()
        .map(|w| singular(&w))
        .collect()
}

/// Joins a `plus` onto the word before it (`a plus` → `aplus`, `network plus` → `networkplus`).
fn join_plus<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        let joinable = out
            .last()
            .is_some_and(|p| !GENERIC.contains(&p.as_str()) && !p.ends_with("plus"));
        match out.last_mut() {
            Some(last) if w == "plus" && joinable => last.push_str("plus"),
            _ => out.push(w.to_string()),
        }
    }
    out
}

/// Drops a plain English plural `s` from long words (`specialists` → `specialist`).
fn singular(word: &str) -> String {
    let n = word.len();
    let plural = n > 4
        && word.is_ascii()
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !word.chars().any(|c| c.is_ascii_digit());
    if plural {
        word[..n - 1].to_string()
    } else {
        word.to_string()
    }
}

/// Comparable forms of an acronym: compacted (`AGACNP-BC` → `agacnpbc`, `RHIT®` → `rhit`,
/// `Net+` → `netplus`) and, when hyphenated, its longest part of three or more letters (`agacnp`).
pub fn acronym_forms(word: &str) -> Vec<String> {
    let compact = |s: &str| -> String {
        s.chars()
            .flat_map(|c| match c {
                '+' => "plus".chars().collect::<Vec<_>>(),
                c if c.is_ascii_alphanumeric() => c.to_lowercase().collect(),
                _ => Vec::new(),
            })
            .collect()
    };
    let mut out = vec![compact(word)];
    let parts: Vec<String> = word.split(['-', '/']).map(compact).collect();
    if parts.len() > 1 {
        if let Some(longest) = parts
            .iter()
            .max_by_key(|p| p.len())
            .filter(|p| p.len() >= 3)
        {
            out.push(longest.clone());
        }
    }
    out.retain(|s| s.len() >= 2);
    out.dedup();
    out
}

/// A one-word name that is an acronym rather than a word in capitals (`CNA`, `MBChB`,
/// `ADM-BC`, but not `ACCOUNTANT` or `PLUMBER`).
fn whole_name_acronym(word: &str) -> bool {
    if !looks_like_acronym(word) || !mostly_upper(word) {
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let vowels = letters
        .iter()
        .filter(|c| "aeiouAEIOU".contains(**c))
        .count();
    let mixed = letters.iter().any(char::is_ascii_lowercase);
    letters.len() <= 5
        || mixed
        || word.contains(['-', '+', '/'])
        || word.chars().any(|c| c.is_ascii_digit())
        || vowels * 4 < letters.len()
}

/// Text outside parentheses, and each parenthesized part (unbalanced brackets are tolerated).
fn split_parentheses(name: &str) -> (String, Vec<String>) {
    let mut outside = String::with_capacity(name.len());
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in name.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                outside.push(' ');
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parts.push(std::mem::take(&mut current));
                }
            }
            c if depth > 0 => current.push(c),
            c => outside.push(c),
        }
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    (outside, parts)
}

/// Sorts a parenthetical into acronym, exam code(s) or ordinary words.
fn classify_parenthetical(
    inner: &str,
    acronyms: &mut Vec<String>,
    codes: &mut Vec<String>,
    words: &mut Vec<String>,
) {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return;
    }
    if trimmed.split_whitespace().all(is_exam_code) {
        codes.extend(trimmed.split_whitespace().map(clean_code));
    } else if looks_like_acronym(trimmed) {
        acronyms.extend(acronym_forms(trimmed));
    } else {
        words.push(trimmed.to_string());
    }
}

/// `"BTCS - Broadband TelecomCenter Specialist"` → acronym `btcs`, rest returned.
fn leading_acronym(outside: &str, acronyms: &mut Vec<String>) -> String {
    if let Some((head, rest)) = outside.split_once(" - ") {
        let head = head.trim();
        if looks_like_acronym(head) && !rest.trim().is_empty() {
            acronyms.extend(acronym_forms(head));
            return rest.to_string();
        }
    }
    outside.to_string()
}

/// One short word of mostly capitals, e.g. `CNA`, `AGACNP-BC`, `CDIA+`, `Net+`, `MBChB`.
fn looks_like_acronym(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    if !(2..=12).contains(&n) || t.contains(char::is_whitespace) {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && (mostly_upper(t) || t.ends_with('+')) && !is_exam_code(t)
}

/// At least half the letters are capitals (`CNA`, `MBChB`, not `Network+`).
fn mostly_upper(word: &str) -> bool {
    let upper = word.chars().filter(char::is_ascii_uppercase).count();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && upper * 2 >= letters
}

/// Exam codes: `220-1101`, `220-1101/1102`, `N10-008`, `SY0-701`, `1Z0-808`, `70-410`.
fn is_exam_code(word: &str) -> bool {
    let w = word.trim_matches(|c: char| c == ',' || c == ';' || c == '.');
    let Some((head, tail)) = w.split_once('-') else {
        return false;
    };
    let head_ok = (1..=4).contains(&head.len())
        && head.chars().all(|c| c.is_ascii_alphanumeric())
        && head.chars().any(|c| c.is_ascii_digit());
    let tail_ok = tail
        .split('/')
        .all(|p| (3..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    head_ok && tail_ok
}

/// Exam code in lower case without trailing punctuation.
fn clean_code(word: &str) -> String {
    word.trim_matches(|c: char| c == ',' || c == ';' || c == '.')
        .to_lowercase()
}

/// Initials of a name's words, with and without function and generic words.
fn initials_of(all: &[String]) -> Vec<String> {
    let first = |ts: &mut dyn Iterator<Item = &String>| -> String {
        ts.filter_map(|t| t.chars().next()).collect()
    };
    let every = first(&mut all.iter());
    let content = first(&mut all.iter().filter(|t| !STOP.contains(&t.as_str())));
    let core = first(
        &mut all
            .iter()
            .filter(|t| !STOP.contains(&t.as_str()) && !GENERIC.contains(&t.as_str())),
    );
    let mut out: Vec<String> = [every, content, core]
        .into_iter()
        .filter(|s| s.chars().count() >= 2)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_and_generic_words_fold() {
        assert_eq!(normalize_name("CompTIA A+").key(), "comptia aplus");
        assert_eq!(normalize_name("A+ Certification").key(), "aplus");
        assert_eq!(normalize_name("CompTIA A Plus").key(), "comptia aplus");
        assert_eq!(normalize_name("Network+ (Net+)").acronyms, vec!["netplus"]);
        assert_eq!(normalize_name("AT&T Exam").key(), "at t");
    }

    #[test]
    fn exam_codes_and_acronyms_are_separated() {
        let n = normalize_name("CompTIA A Plus (220-1101/1102)");
        assert_eq!(n.key(), "comptia aplus");
        assert_eq!(n.exam_codes, vec!["220-1101/1102"]);
        let n = normalize_name("Certified Nursing Assistant (CNA)");
        assert_eq!(n.acronyms, vec!["cna"]);
        assert!(n.initials.contains(&"cna".to_string()));
        let n = normalize_name("BTCS - Broadband TelecomCenter Specialist");
        assert_eq!(n.acronyms, vec!["btcs"]);
        assert_eq!(n.key(), "broadband telecomcenter specialist");
        assert_eq!(normalize_name("CNA").acronyms, vec!["cna"]);
        assert!(normalize_name("PMP Certification").is_acronym);
        assert!(!normalize_name("ACCOUNTANT").is_acronym);
        assert_eq!(normalize_name("ADM-BC").acronyms, vec!["adm", "admbc"]);
        assert_eq!(normalize_name("Technician (RHIT®)").acronyms, vec!["rhit"]);
    }

    #[test]
    fn issuer_is_stripped_when_something_remains() {
        let t = normalize_name("CompTIA Security+").tokens;
        assert_eq!(strip_issuer(&t, "comptia"), vec!["securityplus"]);
        assert_eq!(strip_issuer(&["comptia".to_string()], "comptia").len(), 1);
        assert_eq!(normalize_issuer("CompTIA, Inc."), "comptia");
        assert_eq!(brand_prefix(&t).as_deref(), Some("comptia"));
    }

    #[test]
    fn trademarks_and_unbalanced_brackets() {
        assert_eq!(
            normalize_name("ServSafe® Manager").key(),
            "servsafe manager"
        );
        assert_eq!(normalize_name("Foo (Bar").key(), "foo bar");
    }
}
