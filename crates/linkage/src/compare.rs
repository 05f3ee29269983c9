//! Comparison vectors: each field of a candidate pair is put on an agreement level (exact,
//! nearly, loosely, different, or missing), packed four bits per field into one `Pattern`.

use strsim::{jaro_winkler, osa_distance};

use crate::normalize::canonical_given;
use crate::person::Person;

/// A comparison vector: level of field `i` in bits `4i..4i+4`; level 0 means "missing".
pub type Pattern = u64;

/// The name level for "agrees with the other record's other name" (see [`Kind::Name`]).
pub const SWAPPED: u8 = 6;

/// At most this many fields fit in a [`Pattern`].
pub const MAX_FIELDS: usize = 16;

/// The level of field `i` in a pattern.
pub fn level(p: Pattern, i: usize) -> u8 {
    ((p >> (4 * i)) & 0xF) as u8
}

/// How a field is compared; each kind has its own levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Given name (with the nickname table) or surname: exact / nickname / Jaro–Winkler ≥ 0.92 /
    /// ≥ 0.80 / different / agrees with the other record's other name (given and surname
    /// entered in each other's places; set by [`Comparator::pattern`]).
    Name {
        /// Whether nicknames count as a level (given names only).
        nicknames: bool,
    },
    /// Date of birth `YYYYMMDD`: exact / day and month swapped / one digit or one transposition
    /// / same year / different.
    Dob,
    /// Identifiers and postcodes: exact / one edit or transposition / different.
    Code,
    /// Addresses and places: exact / Jaro–Winkler ≥ 0.88 / ≥ 0.70 / different.
    Text,
    /// Exact or different (sex).
    Exact,
    /// Bloom-filter encodings: Dice 1 / ≥ 0.85 / ≥ 0.70 / lower.
    Dice,
}

impl Kind {
    /// Labels of levels 1.. (level 0 is always "missing").
    pub fn labels(self) -> &'static [&'static str] {
        match self {
            Kind::Name { .. } => &[
                "exact",
                "nickname",
                "jw>=0.92",
                "jw>=0.80",
                "different",
                "swapped with the other name",
            ],
            Kind::Dob => &[
                "exact",
                "day/month swapped",
                "one digit or transposition",
                "same year",
                "different",
            ],
            Kind::Code => &["exact", "one edit", "different"],
            Kind::Text => &["exact", "jw>=0.88", "jw>=0.70", "different"],
            Kind::Exact => &["same", "different"],
            Kind::Dice => &["dice=1", "dice>=0.85", "dice>=0.70", "dice<0.70"],
        }
    }

    /// Number of levels including "missing".
    pub fn levels(self) -> usize {
        self.labels().len() + 1
    }

    /// Label of a level.
    pub fn label(self, level: u8) -> &'static str {
        match level {
            0 => "missing",
            l => self.labels().get(l as usize - 1).copied().unwrap_or("?"),
        }
    }

    /// Compares two normalized values of this kind; empty on either side is level 0.
    pub fn compare(self, a: &str, b: &str) -> u8 {
        if a.is_empty() || b.is_empty() {
            return 0;
        }
        if a == b {
            return 1;
        }
        match self {
            Kind::Name { nicknames } => {
                if nicknames && canonical_given(a) == canonical_given(b) {
                    return 2;
                }
                let s = jaro_winkler(a, b);
                if s >= 0.92 {
                    3
                } else if s >= 0.80 {
                    4
                } else {
                    5
                }
            }
            Kind::Dob => {
                // Bytes, not chars: slicing bytes never panics on multi-byte input.
                let (x, y) = (a.as_bytes(), b.as_bytes());
                let swapped = x.len() == 8
                    && y.len() == 8
                    && x[..4] == y[..4]
                    && x[4..6] == y[6..8]
                    && x[6..8] == y[4..6];
                if swapped {
                    2
                } else if osa_distance(a, b) <= 1 {
                    3
                } else if a.get(..4).is_some() && a.get(..4) == b.get(..4) {
                    4
                } else {
                    5
                }
            }
            Kind::Code => {
                if osa_distance(a, b) <= 1 {
                    2
                } else {
                    3
                }
            }
            Kind::Text => {
                let s = jaro_winkler(a, b);
                if s >= 0.88 {
                    2
                } else if s >= 0.70 {
                    3
                } else {
                    4
                }
            }
            Kind::Exact => 2,
            Kind::Dice => 4, // Dice levels come from `dice_level`; unequal text is "lower".
        }
    }
}

/// The level of a Dice coefficient (`None` when either filter is empty).
pub fn dice_level(dice: Option<f64>) -> u8 {
    match dice {
        None => 0,
        Some(d) if d >= 0.999_999 => 1,
        Some(d) if d >= 0.85 => 2,
        Some(d) if d >= 0.70 => 3,
        Some(_) => 4,
    }
}

/// A compared field: its name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Field name as in the mapping (`given`, `dob`…).
    pub name: &'static str,
    /// How it is compared.
    pub kind: Kind,
}

/// The comparison kind used for a plaintext field.
pub fn kind_of(field: &str) -> Kind {
    match field {
        "given" => Kind::Name { nicknames: true },
        "surname" => Kind::Name { nicknames: false },
        "dob" => Kind::Dob,
        "postcode" | "ssn" => Kind::Code,
        "sex" => Kind::Exact,
        _ => Kind::Text,
    }
}

/// Compares plaintext person records on the given fields.
#[derive(Debug, Clone)]
pub struct Comparator {
    /// Fields compared, in pattern order.
    pub specs: Vec<FieldSpec>,
}

impl Comparator {
    /// A comparator for the fields both files provide (at most [`MAX_FIELDS`]).
    pub fn for_fields(fields: &[&'static str]) -> Self {
        Comparator {
            specs: fields
                .iter()
                .take(MAX_FIELDS)
                .map(|f| FieldSpec {
                    name: f,
                    kind: kind_of(f),
                })
                .collect(),
        }
    }

    /// The comparison vector of a pair.
    pub fn pattern(&self, l: &Person, r: &Person) -> Pattern {
        let mut levels: Vec<u8> = self
            .specs
            .iter()
            .map(|s| s.kind.compare(l.field(s.name), r.field(s.name)))
            .collect();
        self.mark_swapped_names(l, r, &mut levels);
        levels
            .iter()
            .enumerate()
            .fold(0u64, |p, (i, lv)| p | (u64::from(*lv) << (4 * i)))
    }

    /// Given name and surname keyed in each other's places ("Fitzpatrick Lucy" for "Lucy
    /// Fitzpatrick") is a common entry error: a name that disagrees with its own field but
    /// agrees closely (exact, nickname, Jaro–Winkler ≥ 0.92) with the other record's other name
    /// gets its own level, whose weight EM learns like any other.
    fn mark_swapped_names(&self, l: &Person, r: &Person, levels: &mut [u8]) {
        let find = |name: &str| self.specs.iter().position(|s| s.name == name);
        let (Some(g), Some(s)) = (find("given"), find("surname")) else {
            return;
        };
        let different = |lv: u8| lv >= 4;
        let close = |lv: u8| (1..=3).contains(&lv);
        let cross_g = self.specs[g].kind.compare(&l.given, &r.surname);
        let cross_s = self.specs[s].kind.compare(&l.surname, &r.given);
        if different(levels[g]) && close(cross_g) {
            levels[g] = SWAPPED;
        }
        if different(levels[s]) && close(cross_s) {
            levels[s] = SWAPPED;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_levels() {
        let k = Kind::Name { nicknames: true };
        assert_eq!(k.compare("robert", "robert"), 1);
        assert_eq!(k.compare("bob", "robert"), 2);
        assert_eq!(k.compare("jonathan", "jonathon"), 3);
        assert_eq!(k.compare("smith", "smyth"), 4);
        assert_eq!(k.compare("smith", "garcia"), 5);
        assert_eq!(k.compare("", "garcia"), 0);
        assert_eq!(k.label(2), "nickname");
    }

    #[test]
    fn swapped_names_get_their_own_level() {
        let c = Comparator::for_fields(&["given", "surname"]);
        let person = |g: &str, s: &str| Person {
            given: g.into(),
            surname: s.into(),
            ..Person::default()
        };
        let a = person("lucy", "fitzpatrick");
        let p = c.pattern(&a, &person("fitzpatrick", "lucy"));
        assert_eq!((level(p, 0), level(p, 1)), (SWAPPED, SWAPPED));
        // Only the surname moved into the given-name field.
        let p = c.pattern(&person("harrison", "capurso"), &person("capurso", "ruby"));
        assert_eq!((level(p, 0), level(p, 1)), (5, SWAPPED));
        // Agreeing names stay as they are; unrelated names stay different.
        let p = c.pattern(&a, &person("lucy", "fitzpatrick"));
        assert_eq!((level(p, 0), level(p, 1)), (1, 1));
        let p = c.pattern(&a, &person("ruby", "smith"));
        assert_eq!((level(p, 0), level(p, 1)), (5, 5));
        assert_eq!(
            Kind::Name { nicknames: true }.label(SWAPPED),
            "swapped with the other name"
        );
    }

    #[test]
    fn dob_levels() {
        assert_eq!(Kind::Dob.compare("19800305", "19800305"), 1);
        assert_eq!(Kind::Dob.compare("19800305", "19800503"), 2);
        assert_eq!(Kind::Dob.compare("19800305", "19800350"), 3);
        assert_eq!(Kind::Dob.compare("19800305", "19801122"), 4);
        assert_eq!(Kind::Dob.compare("19800305", "19711122"), 5);
    }

    #[test]
    fn pattern_packs_levels() {
        let c = Comparator::for_fields(&["given", "surname", "dob"]);
        let a = Person {
            given: "ann".into(),
            surname: "lee".into(),
            ..Person::default()
        };
        let b = Person {
            given: "ann".into(),
            surname: "zhu".into(),
            dob: "19800101".into(),
            ..Person::default()
        };
        let p = c.pattern(&a, &b);
        assert_eq!((level(p, 0), level(p, 1), level(p, 2)), (1, 5, 0));
    }
}
