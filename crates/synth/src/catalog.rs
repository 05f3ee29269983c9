//! The curated credential catalog (`crates/demand/data/credentials.csv`) that the extractor and
//! the generator share: one row per credential with its aliases, acronyms, context words and the
//! SOC codes where employers typically ask for it.

use std::collections::HashMap;

use credence_model::MentionKind;
use serde::Deserialize;

use crate::SynthError;

/// The catalog as shipped in the repository, compiled in so the generator needs no files.
pub const BUILTIN_CATALOG: &str = include_str!("../../demand/data/credentials.csv");

/// One credential the extractor can name and the generator can write.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogEntry {
    /// Stable slug (`cdl`, `rn-license`); the `credential_id` of a mention.
    pub id: String,
    /// Canonical display name; the `credential` of a mention.
    pub name: String,
    /// License, certification, certificate or registration.
    pub kind: MentionKind,
    /// Who issues it, for display; `(UK)` marks a United Kingdom body.
    pub issuer: String,
    /// Phrases that identify the credential on their own (matched case-insensitively).
    pub aliases: Vec<String>,
    /// Short or ambiguous forms matched case-sensitively that need supporting context.
    pub acronyms: Vec<String>,
    /// Lower-case words whose presence nearby supports an acronym.
    pub context: Vec<String>,
    /// SOC 2018 detailed codes where the credential is typical.
    pub socs: Vec<String>,
}

impl CatalogEntry {
    /// True for credentials issued in the United Kingdom (the name or issuer says `(UK)`).
    pub fn is_uk(&self) -> bool {
        self.name.contains("(UK)") || self.issuer.contains("(UK)")
    }
}

/// Every catalog row, with lookups by id and by SOC.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
    by_id: HashMap<String, usize>,
}

/// One CSV row as written, before validation.
#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    name: String,
    kind: String,
    issuer: String,
    aliases: String,
    acronyms: String,
    context: String,
    socs: String,
}

/// Splits a `|`-separated field, dropping empty pieces and surrounding spaces.
fn split_bar(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// True for a SOC 2018 detailed code such as `53-3032`.
fn is_soc(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 7
        && b[2] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// Checks and converts one row; `line` is used in the error message.
fn entry_from_row(row: Row, line: u64) -> Result<CatalogEntry, SynthError> {
    let bad = |message: String| SynthError::Catalog { line, message };
    if row.id.is_empty()
        || !row
            .id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        return Err(bad(format!("id `{}` is not a lower-case slug", row.id)));
    }
    let kind = MentionKind::parse(&row.kind)
        .filter(|k| *k != MentionKind::Unspecified)
        .ok_or_else(|| {
            bad(format!(
                "kind `{}` is not license, certification, certificate or registration",
                row.kind
            ))
        })?;
    let entry = CatalogEntry {
        id: row.id,
        name: row.name.trim().to_string(),
        kind,
        issuer: row.issuer.trim().to_string(),
        aliases: split_bar(&row.aliases),
        acronyms: split_bar(&row.acronyms),
        context: split_bar(&row.context),
        socs: split_bar(&row.socs),
    };
    if entry.name.is_empty() || entry.aliases.is_empty() {
        return Err(bad(format!(
            "`{}` needs a name and at least one alias",
            entry.id
        )));
    }
    if let Some(code) = entry.socs.iter().find(|c| !is_soc(c)) {
        return Err(bad(format!(
            "`{}` has SOC `{code}`, not a detailed SOC 2018 code",
            entry.id
        )));
    }
    if let Some(word) = entry.context.iter().find(|w| w.to_lowercase() != **w) {
        return Err(bad(format!(
            "`{}` has context word `{word}` that is not lower-case",
            entry.id
        )));
    }
    Ok(entry)
}

impl Catalog {
    /// Reads the catalog CSV (RFC 4180 with header), rejecting malformed rows and duplicate ids.
    pub fn parse(csv: &str) -> Result<Catalog, SynthError> {
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let mut entries = Vec::new();
        let mut by_id = HashMap::new();
        for (i, row) in reader.deserialize::<Row>().enumerate() {
            let line = i as u64 + 2;
            let entry = entry_from_row(row?, line)?;
            if by_id.insert(entry.id.clone(), entries.len()).is_some() {
                return Err(SynthError::Catalog {
                    line,
                    message: format!("duplicate id `{}`", entry.id),
                });
            }
            entries.push(entry);
        }
        Ok(Catalog { entries, by_id })
    }

    /// The compiled-in catalog; a unit test guarantees it parses, so this cannot fail at run time.
    pub fn builtin() -> Catalog {
        Catalog::parse(BUILTIN_CATALOG).expect("the compiled-in catalog parses (checked by a test)")
    }

    /// Every row, in file order.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// The row with this id, if any.
    pub fn get(&self, id: &str) -> Option<&CatalogEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Rows whose `socs` include `soc`, in file order.
    pub fn for_soc<'a>(&'a self, soc: &'a str) -> impl Iterator<Item = &'a CatalogEntry> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.socs.iter().any(|s| s == soc))
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the catalog has no rows.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_parses_and_has_the_core_rows() {
        let c = Catalog::parse(BUILTIN_CATALOG).unwrap();
        assert!(c.len() >= 150, "{} rows", c.len());
        for id in [
            "cdl",
            "drivers-license",
            "comptia-a-plus",
            "rn-license",
            "servsafe-food-handler",
            "nmc-registration",
        ] {
            assert!(c.get(id).is_some(), "{id}");
        }
        assert!(c.get("nmc-registration").unwrap().is_uk());
        assert!(!c.get("cdl").unwrap().is_uk());
        assert!(c.for_soc("53-3032").any(|e| e.id == "cdl"));
    }

    #[test]
    fn aliases_never_carry_validity_adjectives_or_bare_generic_words() {
        let c = Catalog::builtin();
        let generic = [
            "license",
            "licence",
            "certification",
            "certificate",
            "registration",
            "certified",
        ];
        for e in c.entries() {
            for a in &e.aliases {
                // "Eddy Current Testing" is a method's name, not a validity adjective.
                let lower = a.to_lowercase().replace("eddy current", "eddy-current");
                assert!(!generic.contains(&lower.as_str()), "{}: {a}", e.id);
                for adj in ["valid ", "current ", "active ", "clean "] {
                    assert!(
                        !lower.starts_with(adj) && !lower.contains(&format!(" {adj}")),
                        "{}: {a}",
                        e.id
                    );
                }
            }
        }
    }

    #[test]
    fn malformed_rows_are_reported_with_their_line() {
        let head = "id,name,kind,issuer,aliases,acronyms,context,socs\n";
        let bad_kind = format!("{head}x,X,diploma,I,X cert,,,\n");
        assert!(matches!(
            Catalog::parse(&bad_kind),
            Err(SynthError::Catalog { line: 2, .. })
        ));
        let dup = format!("{head}x,X,license,I,X cert,,,\nx,X,license,I,X cert,,,\n");
        assert!(matches!(
            Catalog::parse(&dup),
            Err(SynthError::Catalog { line: 3, .. })
        ));
        let bad_soc = format!("{head}x,X,license,I,X cert,,,53-30\n");
        assert!(matches!(
            Catalog::parse(&bad_soc),
            Err(SynthError::Catalog { .. })
        ));
    }
}
