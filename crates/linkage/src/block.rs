//! Blocking: only pairs that agree on at least one blocking key are compared. Several rules are
//! used and their candidate pairs united, so a typo in one field does not hide a true match.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::normalize::soundex;
use crate::person::Person;

/// A blocking rule: the fields whose (transformed) values must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Same date of birth.
    Dob,
    /// Same Soundex of surname and of given name, in either order (a record with given name and
    /// surname keyed in each other's places still meets its partner).
    SoundexNames,
    /// Same identifier.
    Ssn,
    /// Same postcode and the same first letter of the given name.
    PostcodeInitial,
    /// Same surname and same year of birth.
    SurnameYear,
    /// Same given name and same city.
    GivenCity,
    /// Same postcode and same surname (catches pairs whose given name and date of birth both
    /// changed: a nickname or a different first name on file plus a mistyped birth date).
    PostcodeSurname,
}

/// The rules used when none are chosen.
pub const DEFAULT_RULES: &[Rule] = &[
    Rule::Dob,
    Rule::SoundexNames,
    Rule::Ssn,
    Rule::PostcodeInitial,
    Rule::SurnameYear,
    Rule::GivenCity,
    Rule::PostcodeSurname,
];

impl Rule {
    /// Short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Dob => "dob",
            Rule::SoundexNames => "soundex(surname)+soundex(given)",
            Rule::Ssn => "ssn",
            Rule::PostcodeInitial => "postcode+initial",
            Rule::SurnameYear => "surname+birth year",
            Rule::GivenCity => "given+city",
            Rule::PostcodeSurname => "postcode+surname",
        }
    }

    /// The compared fields this rule's key is built from (they agree within its blocks).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Rule::Dob => &["dob"],
            Rule::SoundexNames => &["surname", "given"],
            Rule::Ssn => &["ssn"],
            Rule::PostcodeInitial => &["postcode", "given"],
            Rule::SurnameYear => &["surname", "dob"],
            Rule::GivenCity => &["given", "city"],
            Rule::PostcodeSurname => &["postcode", "surname"],
        }
    }

    /// The rule's key text for a person, or `None` when a needed field is missing.
    pub fn key(self, p: &Person) -> Option<String> {
        let need = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match self {
            Rule::Dob => need(&p.dob),
            Rule::SoundexNames => {
                let (s, g) = (soundex(&p.surname), soundex(&p.given));
                let (a, b) = if s <= g { (s, g) } else { (g, s) };
                (!a.is_empty() && !b.is_empty()).then(|| format!("{a}|{b}"))
            }
            Rule::Ssn => need(&p.ssn),
            Rule::PostcodeInitial => {
                let i = p.given.chars().next()?;
                need(&p.postcode).map(|pc| format!("{pc}|{i}"))
            }
            Rule::SurnameYear => {
                let y = p.dob.get(..4)?;
                need(&p.surname).map(|s| format!("{s}|{y}"))
            }
            Rule::GivenCity => {
                need(&p.city).and_then(|c| need(&p.given).map(|g| format!("{g}|{c}")))
            }
            Rule::PostcodeSurname => {
                need(&p.postcode).and_then(|pc| need(&p.surname).map(|s| format!("{pc}|{s}")))
            }
        }
    }
}

/// Plain (non-secret) block keys of a person under the rules: one `Option<u64>` per rule.
pub fn plain_keys(p: &Person, rules: &[Rule]) -> Vec<Option<u64>> {
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.key(p).map(|k| {
                let mut h = DefaultHasher::new();
                (i, k).hash(&mut h);
                h.finish()
            })
        })
        .collect()
}

/// What blocking did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BlockStats {
    /// Distinct candidate pairs after the union.
    pub candidates: usize,
    /// Blocks skipped because they held more right-hand records than the limit (their pairs
    /// were not compared by that rule).
    pub oversized_blocks: usize,
}

/// Distinct (left, right) index pairs sharing at least one key, sorted. Keys are per rule; a
/// block larger than `max_block` on the right is skipped (counted in the stats).
pub fn candidate_pairs(
    left: &[Vec<Option<u64>>],
    right: &[Vec<Option<u64>>],
    max_block: usize,
) -> (Vec<(u32, u32)>, BlockStats) {
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for (j, keys) in right.iter().enumerate() {
        for k in keys.iter().flatten() {
            index.entry(*k).or_default().push(j as u32);
        }
    }
    let oversized = index.values().filter(|v| v.len() > max_block).count();
    let mut pairs: Vec<(u32, u32)> = left
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, keys)| {
            let mut js: Vec<u32> = keys
                .iter()
                .flatten()
                .filter_map(|k| index.get(k))
                .filter(|v| v.len() <= max_block)
                .flatten()
                .copied()
                .collect();
            js.sort_unstable();
            js.dedup();
            js.into_iter().map(move |j| (i as u32, j))
        })
        .collect();
    pairs.sort_unstable();
    let stats = BlockStats {
        candidates: pairs.len(),
        oversized_blocks: oversized,
    };
    (pairs, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_of_rules_and_dedup() {
        let a = Person {
            id: "a".into(),
            dob: "19800101".into(),
            surname: "smith".into(),
            given: "ann".into(),
            ..Person::default()
        };
        let b = Person {
            id: "b".into(),
            dob: "19800101".into(),
            surname: "smyth".into(),
            given: "anne".into(),
            ..Person::default()
        };
        let c = Person {
            id: "c".into(),
            dob: "19700101".into(),
            surname: "jones".into(),
            given: "bo".into(),
            ..Person::default()
        };
        let l = vec![plain_keys(&a, DEFAULT_RULES)];
        let r = vec![plain_keys(&b, DEFAULT_RULES), plain_keys(&c, DEFAULT_RULES)];
        let (pairs, stats) = candidate_pairs(&l, &r, 1000);
        // a and b share dob and soundex; the pair appears once.
        assert_eq!(pairs, vec![(0, 0)]);
        assert_eq!(stats.candidates, 1);
        let (none, stats) = candidate_pairs(&l, &r, 0);
        assert!(none.is_empty());
        assert!(stats.oversized_blocks > 0);
    }
}
