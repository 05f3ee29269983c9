//! The shared secret of a linkage: keyed HMAC-SHA256 of identifiers, so a key that leaks without
//! the secret cannot be reversed by hashing every possible SSN or name.

use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::LinkError;

type HmacSha256 = Hmac<Sha256>;

/// Shortest secret accepted, in bytes: shorter keys could be guessed.
pub const MIN_KEY_BYTES: usize = 16;

/// A linkage secret shared by the two data holders and never by the linking party.
#[derive(Clone)]
pub struct LinkKey {
    secret: Vec<u8>,
}

impl std::fmt::Debug for LinkKey {
    // The secret itself must never be printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(<secret>)")
    }
}

impl LinkKey {
    /// A key from secret bytes; at least [`MIN_KEY_BYTES`].
    pub fn new(secret: &[u8]) -> Result<Self, LinkError> {
        if secret.len() < MIN_KEY_BYTES {
            return Err(LinkError::Key(format!(
                "the secret has {} byte(s); at least {MIN_KEY_BYTES} are needed",
                secret.len()
            )));
        }
        Ok(LinkKey {
            secret: secret.to_vec(),
        })
    }

    /// Reads a key file: its bytes, with surrounding whitespace trimmed (a hex or base64 line works).
    pub fn from_file(path: &Path) -> Result<Self, LinkError> {
        let bytes = std::fs::read(path).map_err(|source| LinkError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let text = bytes.trim_ascii();
        LinkKey::new(text)
    }

    /// A fresh random key for a run where both files are encoded in one process; it is never
    /// written anywhere, so its hashes are useless after the run.
    pub fn ephemeral() -> Self {
        LinkKey {
            secret: rand::random::<[u8; 32]>().to_vec(),
        }
    }

    /// HMAC-SHA256 of `domain` and `value` (the domain separates uses: `ssn`, `bloom:given`…).
    pub fn mac(&self, domain: &str, value: &[u8]) -> [u8; 32] {
        // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
        let mut mac = match HmacSha256::new_from_slice(&self.secret) {
            Ok(m) => m,
            Err(_) => unreachable_key(),
        };
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value);
        mac.finalize().into_bytes().into()
    }

    /// The first 8 bytes of [`LinkKey::mac`] as a number, for block tokens.
    pub fn token(&self, domain: &str, value: &[u8]) -> u64 {
        let m = self.mac(domain, value);
        u64::from_le_bytes([m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]])
    }

    /// The hashed form of an identifier (hex), as shipped instead of the identifier itself.
    pub fn hash_hex(&self, domain: &str, value: &str) -> String {
        hex::encode(self.mac(domain, value.as_bytes()))
    }
}

#[cold]
fn unreachable_key() -> ! {
    // HMAC's `InvalidLength` is only returned by MACs with fixed key sizes; SHA-256 HMAC has none.
    panic!("HMAC-SHA256 rejected a key; this cannot happen")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_hash_depends_on_key_and_domain() {
        let a = LinkKey::new(b"0123456789abcdef").unwrap();
        let b = LinkKey::new(b"0123456789abcdeX").unwrap();
        assert_eq!(a.hash_hex("ssn", "123"), a.hash_hex("ssn", "123"));
        assert_ne!(a.hash_hex("ssn", "123"), b.hash_hex("ssn", "123"));
        assert_ne!(a.hash_hex("ssn", "123"), a.hash_hex("dob", "123"));
        assert!(LinkKey::new(b"short").is_err());
        assert!(!format!("{a:?}").contains("0123"));
    }
}
