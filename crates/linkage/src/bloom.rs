//! Privacy-preserving linkage on Bloom-filter encodings (cryptographic long-term keys, CLKs):
//! each identifying field's bigrams are hashed with a keyed HMAC into a bit array, and pairs are
//! compared by the Dice coefficient of their bit arrays. The linking party sees only bits and
//! opaque block tokens, never names; the threat model is in `docs/linkage.md`.

use std::path::Path;

use credence_model::{Diagnostic, Location};

use crate::block::Rule;
use crate::compare::{dice_level, FieldSpec, Kind, Pattern, MAX_FIELDS};
use crate::key::LinkKey;
use crate::person::{Person, FIELDS};
use crate::LinkError;

/// Bits per field filter.
pub const FILTER_BITS: usize = 512;
const WORDS: usize = FILTER_BITS / 64;
/// Bit positions set per bigram (double hashing from one HMAC).
pub const HASHES: u64 = 10;

/// One field's Bloom filter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Filter([u64; WORDS]);

impl std::fmt::Debug for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Filter({} bits set)", self.ones())
    }
}

impl Filter {
    /// An empty filter (a missing field).
    pub const EMPTY: Filter = Filter([0; WORDS]);

    fn set(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Number of bits set.
    pub fn ones(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// Dice coefficient 2|A∩B| / (|A|+|B|); `None` when either filter is empty.
    pub fn dice(&self, other: &Filter) -> Option<f64> {
        let (a, b) = (self.ones(), other.ones());
        if a == 0 || b == 0 {
            return None;
        }
        let both: u32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(x, y)| (x & y).count_ones())
            .sum();
        Some(2.0 * f64::from(both) / f64::from(a + b))
    }

    /// The bits as hex (the form a data holder ships).
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|w| format!("{w:016x}")).collect()
    }
}

/// Bigrams of a value padded with one space at each end (`ann` → ` a`, `an`, `nn`, `n `).
pub fn bigrams(value: &str) -> Vec<String> {
    if value.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = std::iter::once(' ')
        .chain(value.chars())
        .chain(std::iter::once(' '))
        .collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// A keyed Bloom filter of one field value.
pub fn encode_value(key: &LinkKey, field: &str, value: &str) -> Filter {
    let mut f = Filter::EMPTY;
    let domain = format!("bloom:{field}");
    for g in bigrams(value) {
        let mac = key.mac(&domain, g.as_bytes());
        let h1 = u64::from_le_bytes([
            mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], mac[6], mac[7],
        ]);
        let h2 = u64::from_le_bytes([
            mac[8], mac[9], mac[10], mac[11], mac[12], mac[13], mac[14], mac[15],
        ]) | 1;
        for i in 0..HASHES {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % FILTER_BITS as u64;
            f.set(bit as usize);
        }
    }
    f
}

/// What a data holder ships for one person: the record id, one filter per field and keyed
/// block tokens. No name, date or identifier appears in it.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// Record id in the holder's file.
    pub id: String,
    /// One filter per encoded field, in field order.
    pub filters: Vec<Filter>,
    /// One keyed token per blocking rule (`None` when a needed field is missing).
    pub blocks: Vec<Option<u64>>,
}

/// Encodes a person on the given fields and blocking rules with the shared secret.
pub fn encode(key: &LinkKey, p: &Person, fields: &[&'static str], rules: &[Rule]) -> Encoded {
    Encoded {
        id: p.id.clone(),
        filters: fields
            .iter()
            .map(|f| encode_value(key, f, p.field(f)))
            .collect(),
        blocks: rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.key(p)
                    .map(|k| key.token(&format!("block:{i}"), k.as_bytes()))
            })
            .collect(),
    }
}

/// Field specs for encoded comparisons (every field compared by Dice levels).
pub fn specs(fields: &[&'static str]) -> Vec<FieldSpec> {
    fields
        .iter()
        .take(MAX_FIELDS)
        .map(|f| FieldSpec {
            name: f,
            kind: Kind::Dice,
        })
        .collect()
}

/// The comparison vector of two encodings.
pub fn pattern(l: &Encoded, r: &Encoded) -> Pattern {
    l.filters
        .iter()
        .zip(&r.filters)
        .take(MAX_FIELDS)
        .enumerate()
        .fold(0u64, |p, (i, (a, b))| {
            p | (u64::from(dice_level(a.dice(b))) << (4 * i))
        })
}

/// Encodings read from a file shipped by a data holder.
#[derive(Debug, Clone, Default)]
pub struct EncodedFile {
    /// The file as named.
    pub file: String,
    /// Fields encoded, in filter order.
    pub fields: Vec<&'static str>,
    /// Records.
    pub records: Vec<Encoded>,
    /// Rejected rows (file, line, field).
    pub diagnostics: Vec<Diagnostic>,
}

impl Filter {
    /// Parses [`Filter::to_hex`] output; `None` unless exactly the right number of hex digits.
    pub fn from_hex(s: &str) -> Option<Filter> {
        if s.len() != WORDS * 16 || !s.is_ascii() {
            return None;
        }
        let mut f = Filter::EMPTY;
        for (i, w) in f.0.iter_mut().enumerate() {
            *w = u64::from_str_radix(&s[i * 16..(i + 1) * 16], 16).ok()?;
        }
        Some(f)
    }
}

/// Writes encodings as CSV `id,bf:FIELD…,block:N…`: what a data holder ships to the linking party.
pub fn write_encoded(
    path: &Path,
    fields: &[&'static str],
    records: &[Encoded],
) -> Result<(), LinkError> {
    let err = |e: csv::Error| LinkError::Csv {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    let blocks = records.first().map_or(0, |r| r.blocks.len());
    let mut header = vec!["id".to_string()];
    header.extend(fields.iter().map(|f| format!("bf:{f}")));
    header.extend((0..blocks).map(|i| format!("block:{i}")));
    w.write_record(&header).map_err(err)?;
    for r in records {
        let mut row = vec![r.id.clone()];
        row.extend(r.filters.iter().map(Filter::to_hex));
        row.extend(
            r.blocks
                .iter()
                .map(|b| b.map_or(String::new(), |t| format!("{t:016x}"))),
        );
        w.write_record(&row).map_err(err)?;
    }
    w.flush().map_err(|source| LinkError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Reads encodings written by [`write_encoded`]; malformed rows are rejected with line and field.
pub fn read_encoded(path: &Path) -> Result<EncodedFile, LinkError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| LinkError::Io {
        path: name.clone(),
        source,
    })?;
    read_encoded_from(file, &name)
}

/// Reads encodings from any reader; never panics on hostile bytes.
pub fn read_encoded_from<R: std::io::Read>(
    reader: R,
    name: &str,
) -> Result<EncodedFile, LinkError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header: Vec<String> = rdr
        .byte_headers()
        .map_err(|e| LinkError::Csv {
            path: name.to_string(),
            message: e.to_string(),
        })?
        .iter()
        .map(|h| String::from_utf8_lossy(h).to_string())
        .collect();
    if header.first().map(String::as_str) != Some("id") {
        return Err(LinkError::Invalid(format!(
            "`{name}` is not an encoding file (first column must be `id`)"
        )));
    }
    let mut out = EncodedFile {
        file: name.to_string(),
        ..EncodedFile::default()
    };
    let mut filter_cols = Vec::new();
    let mut block_cols = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(f) = h.strip_prefix("bf:") {
            if let Some(known) = FIELDS.iter().find(|k| **k == f && **k != "id") {
                filter_cols.push(i);
                out.fields.push(known);
            }
        } else if h.starts_with("block:") {
            block_cols.push(i);
        }
    }
    let mut row = csv::ByteRecord::new();
    let mut seen = std::collections::HashSet::new();
    loop {
        match rdr.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if e.is_io_error() => {
                return Err(LinkError::Csv {
                    path: name.to_string(),
                    message: e.to_string(),
                })
            }
            Err(_) => continue,
        }
        let line = row.position().map_or(0, |p| p.line());
        let at = |field: &str| {
            Location::file(name)
                .record(format!("line {line}"))
                .field(field)
        };
        let text = |i: usize| {
            std::str::from_utf8(row.get(i).unwrap_or(b""))
                .unwrap_or("\u{fffd}")
                .trim()
                .to_string()
        };
        let id = text(0);
        if id.is_empty() || !seen.insert(id.clone()) {
            out.diagnostics.push(Diagnostic::error(
                at("id"),
                "missing or duplicate id; row rejected",
            ));
            continue;
        }
        let mut filters = Vec::with_capacity(filter_cols.len());
        let mut bad = None;
        for (c, f) in filter_cols.iter().zip(&out.fields) {
            let t = text(*c);
            match if t.is_empty() {
                Some(Filter::EMPTY)
            } else {
                Filter::from_hex(&t)
            } {
                Some(x) => filters.push(x),
                None => {
                    bad = Some(*f);
                    break;
                }
            }
        }
        if let Some(f) = bad {
            out.diagnostics.push(Diagnostic::error(
                at(&format!("bf:{f}")),
                "not a 512-bit hex Bloom filter; row rejected",
            ));
            continue;
        }
        let blocks = block_cols
            .iter()
            .map(|c| u64::from_str_radix(&text(*c), 16).ok())
            .collect();
        out.records.push(Encoded {
            id,
            filters,
            blocks,
        });
    }
    Ok(out)
}

/// Keeps only the given fields' filters, in that order (for linking two files whose encoded
/// fields differ).
pub fn select(file: &EncodedFile, fields: &[&'static str]) -> Vec<Encoded> {
    let idx: Vec<Option<usize>> = fields
        .iter()
        .map(|f| file.fields.iter().position(|g| g == f))
        .collect();
    file.records
        .iter()
        .map(|r| Encoded {
            id: r.id.clone(),
            filters: idx
                .iter()
                .map(|i| {
                    i.and_then(|i| r.filters.get(i).copied())
                        .unwrap_or(Filter::EMPTY)
                })
                .collect(),
            blocks: r.blocks.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_names_have_high_dice_and_key_matters() {
        let k = LinkKey::new(b"an example secret key").unwrap();
        let a = encode_value(&k, "surname", "johnson");
        let b = encode_value(&k, "surname", "jonson");
        let c = encode_value(&k, "surname", "garcia");
        assert_eq!(a.dice(&a), Some(1.0));
        assert!(a.dice(&b).unwrap() > 0.7);
        assert!(a.dice(&c).unwrap() < 0.4);
        assert_eq!(encode_value(&k, "surname", "").dice(&a), None);
        let other = LinkKey::new(b"another secret key!!").unwrap();
        assert!(encode_value(&other, "surname", "johnson").dice(&a).unwrap() < 0.5);
        assert_eq!(bigrams("ab"), vec![" a", "ab", "b "]);
    }

    #[test]
    fn encodings_round_trip_through_csv_and_reject_garbage() {
        let k = LinkKey::new(b"an example secret key").unwrap();
        let p = Person {
            id: "1".into(),
            given: "ann".into(),
            surname: "lee".into(),
            dob: "19800101".into(),
            ..Person::default()
        };
        let fields = ["given", "surname", "dob"];
        let e = encode(&k, &p, &fields, crate::block::DEFAULT_RULES);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("enc.csv");
        write_encoded(&path, &fields, std::slice::from_ref(&e)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("ann") && !text.contains("1980"));
        let back = read_encoded(&path).unwrap();
        assert_eq!(back.fields, fields);
        assert_eq!(back.records[0].filters, e.filters);
        assert_eq!(back.records[0].blocks, e.blocks);
        let bad = read_encoded_from("id,bf:given\n1,zz\n1,\n".as_bytes(), "x").unwrap();
        assert_eq!(bad.records.len(), 0);
        assert_eq!(bad.diagnostics.len(), 2);
    }
}
