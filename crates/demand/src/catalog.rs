//! The credential catalog the extractor matches against: curated rows plus registry names.
//!
//! The curated file `data/credentials.csv` holds what postings actually write (aliases,
//! acronyms that need context, the context words that support them, typical occupations). The
//! registry adds every credential name it knows, under rules that keep generic names ("Welding")
//! from turning ordinary words into mentions.

use std::collections::HashMap;

use credence_model::{Diagnostic, Location, MentionKind};

use crate::DemandError;

/// The curated catalog shipped with credence; `credence-synth` generates postings from it too.
pub const BUILTIN_CATALOG: &str = include_str!("../data/credentials.csv");

/// One credential the extractor can name.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable identifier: a catalog slug or a registry CTID.
    pub id: String,
    /// Canonical display name.
    pub name: String,
    /// What sort of credential it is when the text does not say.
    pub kind: MentionKind,
    /// Issuing body, matched next to the credential to widen the span.
    pub issuer: Option<String>,
    /// Phrases that name the credential on their own (matched ignoring case, whole words).
    pub aliases: Vec<String>,
    /// Short forms that count only with supporting context (matched with exact case).
    pub acronyms: Vec<String>,
    /// Lower-case words whose presence nearby supports an acronym.
    pub context: Vec<String>,
    /// SOC 2018 codes where the credential is typical.
    pub socs: Vec<String>,
}

/// A set of entries with unique ids.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

/// Column order of the curated catalog file.
const COLUMNS: [&str; 8] = [
    "id", "name", "kind", "issuer", "aliases", "acronyms", "context", "socs",
];

impl Catalog {
    /// The curated catalog compiled into the binary.
    pub fn builtin() -> Result<Self, DemandError> {
        let (catalog, diagnostics) = Self::parse(BUILTIN_CATALOG, "data/credentials.csv")?;
        match diagnostics.into_iter().next() {
            Some(d) => Err(DemandError::Catalog(d.to_string())),
            None => Ok(catalog),
        }
    }

    /// Reads a catalog CSV; bad rows become diagnostics naming line and field, good rows load.
    pub fn parse(csv_text: &str, file: &str) -> Result<(Self, Vec<Diagnostic>), DemandError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(csv_text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| DemandError::Catalog(format!("{file}: header: {e}")))?
            .clone();
        let column = |name: &str| headers.iter().position(|h| h.trim() == name);
        let idx: Vec<Option<usize>> = COLUMNS.iter().map(|c| column(c)).collect();
        if idx[0].is_none() || idx[1].is_none() || idx[2].is_none() {
            return Err(DemandError::Catalog(format!(
                "{file}: needs columns id, name and kind; found {}",
                headers.iter().collect::<Vec<_>>().join(",")
            )));
        }
        let mut catalog = Catalog::default();
        let mut diagnostics = Vec::new();
        for (i, row) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    diagnostics.push(row_error(file, line, "", &e.to_string()));
                    continue;
                }
            };
            let get = |k: usize| idx[k].and_then(|c| row.get(c)).unwrap_or("").trim();
            let list = |k: usize| split_list(get(k));
            let Some(kind) = MentionKind::parse(get(2)) else {
                diagnostics.push(row_error(
                    file,
                    line,
                    "kind",
                    &format!("unknown kind {:?}", get(2)),
                ));
                continue;
            };
            let entry = Entry {
                id: get(0).to_string(),
                name: get(1).to_string(),
                kind,
                issuer: Some(get(3).to_string()).filter(|s| !s.is_empty()),
                aliases: list(4),
                acronyms: list(5),
                context: list(6).into_iter().map(|w| w.to_lowercase()).collect(),
                socs: list(7),
            };
            if entry.id.is_empty() || entry.name.is_empty() {
                diagnostics.push(row_error(file, line, "id", "id and name must not be empty"));
            } else if catalog.by_id.contains_key(&entry.id) {
                diagnostics.push(row_error(
                    file,
                    line,
                    "id",
                    &format!("duplicate id {}", entry.id),
                ));
            } else {
                catalog.push(entry);
            }
        }
        Ok((catalog, diagnostics))
    }

    /// Adds a registry credential; its name becomes an alias only when it is distinctive.
    ///
    /// A name counts when it has a credential head word ("certification", "license"…), an
    /// acronym in parentheses, or at least three words; a registry name that a curated row
    /// already aliases links that row to the registry instead of adding a duplicate.
    pub fn add_registry(&mut self, id: &str, name: &str, kind: MentionKind) -> bool {
        let name = name.trim();
        if !distinctive_name(name) || self.by_id.contains_key(id) {
            return false;
        }
        let lower = name.to_lowercase();
        let known = self
            .entries
            .iter()
            .any(|e| e.aliases.iter().any(|a| a.to_lowercase() == lower));
        if known {
            return false;
        }
        self.push(Entry {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            issuer: None,
            aliases: vec![name.to_string()],
            acronyms: Vec::new(),
            context: Vec::new(),
            socs: Vec::new(),
        });
        true
    }

    /// Every entry, in load order (curated rows first).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Looks an entry up by id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn push(&mut self, entry: Entry) {
        self.by_id.insert(entry.id.clone(), self.entries.len());
        self.entries.push(entry);
    }
}

/// Splits a `|`-separated cell into trimmed, non-empty items.
fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn row_error(file: &str, line: u64, field: &str, message: &str) -> Diagnostic {
    let location = Location::file(file).record(format!("line {line}"));
    let location = if field.is_empty() {
        location
    } else {
        location.field(field)
    };
    Diagnostic::error(location, message)
}

/// Words that mark a name as a credential rather than a skill or subject.
const HEAD_WORDS: &[&str] = &[
    "certification",
    "certificate",
    "certified",
    "license",
    "licence",
    "licensed",
    "registered",
    "registration",
    "card",
    "endorsement",
    "credential",
];

/// True when a registry name is safe to match verbatim in posting text.
fn distinctive_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 || name.len() < 8 {
        return false;
    }
    let lower = name.to_lowercase();
    let has_head = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| HEAD_WORDS.contains(&w));
    has_head || (name.contains('(') && name.contains(')')) || words.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_loads_without_diagnostics() {
        let c = Catalog::builtin().unwrap();
        assert!(c.len() >= 50, "{} entries", c.len());
        assert!(c.get("cdl").is_some());
    }

    #[test]
    fn bad_rows_are_reported_with_line_and_field_and_good_rows_load() {
        let csv =
            "id,name,kind,aliases\nx,X Cert,certification,x cert\ny,Y,badge,y\nx,Dup,license,\n";
        let (c, d) = Catalog::parse(csv, "t.csv").unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(d.len(), 2);
        let text = d[0].to_string();
        assert!(
            text.contains("t.csv") && text.contains("line 3") && text.contains("kind"),
            "{text}"
        );
    }

    #[test]
    fn generic_registry_names_are_not_aliases() {
        let mut c = Catalog::default();
        assert!(!c.add_registry("r1", "Welding", MentionKind::Certificate));
        assert!(!c.add_registry("r2", "AutoCAD", MentionKind::Certification));
        assert!(c.add_registry(
            "r3",
            "Certified Logistics Technician",
            MentionKind::Certification
        ));
        assert!(c.add_registry(
            "r4",
            "Manufacturing Technician Level 1",
            MentionKind::Certificate
        ));
    }
}
