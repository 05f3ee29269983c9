//! CTIDs: the Credential Registry's identifiers, validated strictly and normalized leniently.
//!
//! A canonical CTID is `ce-` followed by a lower-case UUID version 4. Real data carries upper case,
//! `urn:ctid:` prefixes, bare UUIDs and other UUID versions; those normalize with a warning so a
//! publisher can fix them. Anything that is not a whole UUID (a truncated CTID above all) is an error.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A canonical CTID (`ce-` + lower-case hyphenated UUID); only [`Ctid::normalize`] makes one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ctid(String);

/// Why a string could not be read as a CTID at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CtidError {
    /// Empty or whitespace-only input.
    #[error("CTID is empty")]
    Empty,
    /// The hexadecimal part is shorter than a UUID: the CTID was cut off somewhere.
    #[error("CTID `{input}` is truncated: expected 32 hex digits after the prefix, found {found}")]
    Truncated {
        /// The text as given.
        input: String,
        /// How many hex digits were present.
        found: usize,
    },
    /// Not a UUID for another reason (bad characters, too long, misplaced hyphens).
    #[error("CTID `{input}` is not `ce-` followed by a UUID: {reason}")]
    Malformed {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// A deviation that normalization repaired; kept so importers can report it per record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CtidWarning {
    /// Upper-case hex digits were lower-cased.
    UpperCase,
    /// A legacy `urn:ctid:` prefix was replaced by `ce-`.
    UrnPrefix,
    /// A bare UUID was given the `ce-` prefix.
    BareUuid,
    /// The UUID is valid but not version 4 (the registry mints v4).
    NotVersion4(usize),
    /// The CTID was embedded in a URI and extracted from it.
    FromUri,
}

impl fmt::Display for CtidWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CtidWarning::UpperCase => f.write_str("CTID had upper-case letters; lower-cased"),
            CtidWarning::UrnPrefix => f.write_str("CTID used the legacy `urn:ctid:` prefix"),
            CtidWarning::BareUuid => f.write_str("CTID was a bare UUID; `ce-` prefix added"),
            CtidWarning::NotVersion4(v) => write!(f, "CTID UUID is version {v}, not version 4"),
            CtidWarning::FromUri => f.write_str("CTID was taken from the end of a URI"),
        }
    }
}

impl Ctid {
    /// Accepts only the canonical form; use when input must already be clean (API paths, DB keys).
    pub fn parse_strict(input: &str) -> Result<Ctid, CtidError> {
        let (ctid, warnings) = Ctid::normalize(input)?;
        match warnings.into_iter().next() {
            None => Ok(ctid),
            Some(w) => Err(CtidError::Malformed {
                input: input.to_string(),
                reason: w.to_string(),
            }),
        }
    }

    /// Reads any CTID spelling seen in the wild, returning the canonical form and what was repaired.
    pub fn normalize(input: &str) -> Result<(Ctid, Vec<CtidWarning>), CtidError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(CtidError::Empty);
        }
        let mut warnings = Vec::new();
        let mut rest = trimmed;
        if rest.contains('/') {
            // Registry URIs end in the CTID: .../resources/ce-…
            rest = rest.rsplit('/').next().unwrap_or(rest);
            warnings.push(CtidWarning::FromUri);
        }
        let lower_prefix = rest.get(..9).map(|p| p.to_ascii_lowercase());
        if lower_prefix.as_deref() == Some("urn:ctid:") {
            rest = &rest[9..];
            warnings.push(CtidWarning::UrnPrefix);
        } else if rest.get(..3).map(|p| p.eq_ignore_ascii_case("ce-")) == Some(true) {
            if !rest.starts_with("ce-") {
                warnings.push(CtidWarning::UpperCase);
            }
            rest = &rest[3..];
        } else {
            warnings.push(CtidWarning::BareUuid);
        }
        let hex_digits = rest.chars().filter(|c| c.is_ascii_hexdigit()).count();
        let only_uuid_chars = rest.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        if !only_uuid_chars {
            return Err(CtidError::Malformed {
                input: input.to_string(),
                reason: "contains characters other than hex digits and hyphens".into(),
            });
        }
        if hex_digits < 32 {
            return Err(CtidError::Truncated {
                input: input.to_string(),
                found: hex_digits,
            });
        }
        let uuid = uuid::Uuid::try_parse(rest).map_err(|e| CtidError::Malformed {
            input: input.to_string(),
            reason: e.to_string(),
        })?;
        if rest.len() != 36 {
            return Err(CtidError::Malformed {
                input: input.to_string(),
                reason: "UUID must be written in hyphenated form (8-4-4-4-12)".into(),
            });
        }
        if rest.chars().any(|c| c.is_ascii_uppercase())
            && !warnings.contains(&CtidWarning::UpperCase)
        {
            warnings.push(CtidWarning::UpperCase);
        }
        let version = uuid.get_version_num();
        if version != 4 {
            warnings.push(CtidWarning::NotVersion4(version));
        }
        Ok((Ctid(format!("ce-{}", uuid.hyphenated())), warnings))
    }

    /// The canonical text, for storage and URLs.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ctid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V4: &str = "ce-53bc7e5d-d39c-4687-ac89-0474f691055d";

    #[test]
    fn canonical_passes_strict() {
        assert_eq!(Ctid::parse_strict(V4).unwrap().as_str(), V4);
    }

    #[test]
    fn upper_case_normalizes_with_warning() {
        let (c, w) = Ctid::normalize("ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47").unwrap();
        assert_eq!(c.as_str(), "ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47");
        assert_eq!(w, vec![CtidWarning::UpperCase]);
        assert!(Ctid::parse_strict("ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47").is_err());
    }

    #[test]
    fn urn_and_bare_and_uri_forms() {
        let (c, w) = Ctid::normalize("urn:ctid:14525AEA-57C5-4F5A-8F1C-BDC95C7F8B9B").unwrap();
        assert_eq!(c.as_str(), "ce-14525aea-57c5-4f5a-8f1c-bdc95c7f8b9b");
        assert!(w.contains(&CtidWarning::UrnPrefix) && w.contains(&CtidWarning::UpperCase));
        let (c, w) = Ctid::normalize("53bc7e5d-d39c-4687-ac89-0474f691055d").unwrap();
        assert_eq!(c.as_str(), V4);
        assert_eq!(w, vec![CtidWarning::BareUuid]);
        let (c, w) =
            Ctid::normalize("https://credentialengineregistry.org/resources/ce-53bc7e5d-d39c-4687-ac89-0474f691055d")
                .unwrap();
        assert_eq!(c.as_str(), V4);
        assert_eq!(w, vec![CtidWarning::FromUri]);
    }

    #[test]
    fn non_v4_warns() {
        let (_, w) = Ctid::normalize("ce-53bc7e5d-d39c-1687-ac89-0474f691055d").unwrap();
        assert_eq!(w, vec![CtidWarning::NotVersion4(1)]);
    }

    #[test]
    fn truncated_is_an_error() {
        match Ctid::normalize("ce-53bc7e5d-d39c-4687-ac89-0474f69105") {
            Err(CtidError::Truncated { found, .. }) => assert_eq!(found, 30),
            other => panic!("expected truncation error, got {other:?}"),
        }
        assert!(matches!(
            Ctid::normalize("ce-"),
            Err(CtidError::Truncated { .. })
        ));
        assert!(matches!(Ctid::normalize("  "), Err(CtidError::Empty)));
        assert!(matches!(
            Ctid::normalize("ce-53bc7e5d-d39c-4687-ac89-0474f691055dzz"),
            Err(CtidError::Malformed { .. })
        ));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_output_is_canonical(s in "\\PC{0,60}") {
            if let Ok((c, _)) = Ctid::normalize(&s) {
                proptest::prop_assert!(Ctid::parse_strict(c.as_str()).is_ok() || Ctid::normalize(c.as_str()).unwrap().1.iter().all(|w| matches!(w, CtidWarning::NotVersion4(_))));
            }
        }
    }
}
