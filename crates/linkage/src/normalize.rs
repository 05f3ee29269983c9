//! Normalization of identifying fields before comparison: accents, case, punctuation, nicknames,
//! phonetic codes and digit strings, so `José O'Neil` and `jose oneil` meet.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Names longer than this (in characters) are cut: a hostile file cannot make comparisons slow.
pub const MAX_FIELD_CHARS: usize = 64;

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "jr", "sr", "ii", "iii", "iv",
];

/// Folds text to lowercase ASCII-like letters, digits and single spaces: compatibility
/// decomposition (NFKD) removes accents, everything else becomes a separator.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if c == '\'' || c == '’' {
            // O'Neil → oneil: apostrophes join.
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    let trimmed = out.trim_end();
    trimmed.chars().take(MAX_FIELD_CHARS).collect()
}

/// A person's name as compared: folded, honorifics and generational suffixes removed, letters
/// and single spaces only (`Dr. José-Luis O'Neil Jr` → `jose luis oneil`).
pub fn name(s: &str) -> String {
    let folded = fold(s);
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && !TITLES.contains(w))
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect();
    words.join(" ")
}

/// Only the ASCII digits of a value (identifiers, postcodes), at most [`MAX_FIELD_CHARS`].
pub fn digits(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_digit)
        .take(MAX_FIELD_CHARS)
        .collect()
}

/// A code such as a postcode: folded, spaces removed (`SW1A 1AA` → `sw1a1aa`).
pub fn code(s: &str) -> String {
    fold(s).chars().filter(|c| *c != ' ').collect()
}

fn nickname_table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/nicknames.csv")
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(','))
            .map(|(n, c)| (n.trim(), c.trim()))
            .collect()
    })
}

/// The formal given name for a nickname (`bob` → `robert`), or the name itself; the table is
/// `data/nicknames.csv`, reviewable and extendable.
pub fn canonical_given(name: &str) -> &str {
    nickname_table().get(name).copied().unwrap_or(name)
}

/// Every nickname of a formal name, for the noise generator.
pub fn nicknames_of(formal: &str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = nickname_table()
        .iter()
        .filter(|(_, c)| **c == formal)
        .map(|(n, _)| *n)
        .collect();
    v.sort_unstable();
    v
}

/// American Soundex of the first word of a normalized name (empty for an empty name), used as
/// a blocking key so spelling variants share a block.
pub fn soundex(name: &str) -> String {
    let word: String = name
        .split(' ')
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let mut chars = word.chars().map(|c| c.to_ascii_uppercase());
    let Some(first) = chars.next() else {
        return String::new();
    };
    // American Soundex (the US National Archives rules): letters to digit classes, vowels
    // separate equal codes, H and W do not.
    let class = |c: char| match c {
        'B' | 'F' | 'P' | 'V' => b'1',
        'C' | 'G' | 'J' | 'K' | 'Q' | 'S' | 'X' | 'Z' => b'2',
        'D' | 'T' => b'3',
        'L' => b'4',
        'M' | 'N' => b'5',
        'R' => b'6',
        'H' | 'W' => b'-',
        _ => b'0',
    };
    let mut code = vec![first as u8];
    let mut last = class(first);
    for c in chars {
        let d = class(c);
        match d {
            b'-' => {}
            b'0' => last = b'0',
            _ if d != last => {
                if code.len() < 4 {
                    code.push(d);
                }
                last = d;
            }
            _ => {}
        }
    }
    code.resize(4, b'0');
    String::from_utf8(code).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_titles_and_punctuation() {
        assert_eq!(name("Dr. José-Luis O'Neil Jr"), "jose luis oneil");
        assert_eq!(name("  ZOË  "), "zoe");
        assert_eq!(digits("123-45 6789"), "123456789");
        assert_eq!(code("SW1A 1AA"), "sw1a1aa");
    }

    #[test]
    fn nicknames_map_to_formal_names() {
        assert_eq!(canonical_given("bob"), "robert");
        assert_eq!(canonical_given("robert"), "robert");
        assert!(nicknames_of("william").contains(&"bill"));
    }

    #[test]
    fn soundex_groups_spelling_variants() {
        assert_eq!(soundex("smith"), soundex("smyth"));
        assert_ne!(soundex("smith"), soundex("jones"));
        assert_eq!(soundex(""), "");
        // Reference codes from the US National Archives' description of Soundex.
        assert_eq!(soundex("robert"), "R163");
        assert_eq!(soundex("rupert"), "R163");
        assert_eq!(soundex("ashcraft"), "A261");
        assert_eq!(soundex("tymczak"), "T522");
        assert_eq!(soundex("pfister"), "P236");
        assert_eq!(soundex("lee"), "L000");
    }
}
