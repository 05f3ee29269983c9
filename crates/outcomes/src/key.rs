//! Person keys: a raw identifier is replaced by a keyed HMAC-SHA-256 at ingest, so raw
//! identifiers never enter memory beyond the line being parsed, the store, logs or exports.
//!
//! The key is personal-data-grade secret: whoever holds it can test guesses of identifiers.
//! Both files of one computation must be hashed with the same key; the key itself is never
//! stored or logged (its SHA-256 fingerprint is not stored either).

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::OutcomesError;

/// The environment variable the edges read the HMAC key from.
pub const KEY_ENV: &str = "CREDENCE_OUTCOMES_KEY";

/// Hashes person identifiers with a secret key; the output is the only person key kept.
#[derive(Clone)]
pub struct PersonKeyer {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for PersonKeyer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonKeyer(<secret>)")
    }
}

impl PersonKeyer {
    /// A keyer from secret bytes; keys shorter than 16 bytes are refused (guessable).
    pub fn new(secret: &[u8]) -> Result<PersonKeyer, OutcomesError> {
        if secret.len() < 16 {
            return Err(OutcomesError::Invalid(format!(
                "the person-key secret must be at least 16 bytes (set {KEY_ENV})"
            )));
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret)
            .map_err(|e| OutcomesError::Invalid(e.to_string()))?;
        Ok(PersonKeyer { mac })
    }

    /// The key for one raw identifier: separators and case are ignored (`123-45-6789` and
    /// `123456789` meet); `None` when nothing identifying is left.
    pub fn key(&self, raw: &str) -> Option<String> {
        let norm: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect();
        if norm.is_empty() {
            return None;
        }
        let mut mac = self.mac.clone();
        mac.update(norm.as_bytes());
        let out = mac.finalize().into_bytes();
        Some(hex::encode(&out[..16]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_identifier_meets_and_keys_differ() {
        let a = PersonKeyer::new(b"0123456789abcdef-one").unwrap();
        let b = PersonKeyer::new(b"0123456789abcdef-two").unwrap();
        assert_eq!(a.key("123-45-6789"), a.key("123456789"));
        assert_ne!(a.key("123456789"), b.key("123456789"));
        assert_ne!(a.key("123456789"), a.key("123456780"));
        let k = a.key("123456789").unwrap();
        assert_eq!(k.len(), 32);
        assert!(!k.contains("123456789"));
        assert_eq!(a.key(" - "), None);
        assert!(PersonKeyer::new(b"short").is_err());
        assert!(!format!("{a:?}").contains("0123"));
    }
}
