//! The reviewable override file: people decide pairs the scores get wrong, and they win.
//!
//! Format (CSV with a header): `a_id,b_id,decision,reason`, where `decision` is `same` or
//! `different` and `reason` is required free text. Malformed rows are rejected with a
//! [`Diagnostic`] naming the file, the line and the field; good rows still load.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use credence_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};

/// Columns the file must have.
const COLUMNS: [&str; 4] = ["a_id", "b_id", "decision", "reason"];

/// What a reviewer decided about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The two records are one credential.
    Same,
    /// The two records are different credentials, whatever the scores say.
    Different,
}

/// One reviewed pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// First record id.
    pub a_id: String,
    /// Second record id.
    pub b_id: String,
    /// The decision.
    pub decision: Decision,
    /// Why, in the reviewer's words.
    pub reason: String,
    /// Where it was read from (`file: line N`).
    pub source: String,
}

/// All reviewed pairs, looked up in either order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Overrides {
    /// The reviewed pairs in file order (read-only; add with [`Overrides::insert`]).
    entries: Vec<Override>,
    #[serde(skip)]
    index: HashMap<(String, String), usize>,
}

/// Unordered pair key.
fn key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

impl Overrides {
    /// No overrides.
    pub fn new() -> Overrides {
        Overrides::default()
    }

    /// Adds a reviewed pair; a later entry for the same pair replaces the earlier one.
    pub fn insert(&mut self, o: Override) {
        let k = key(&o.a_id, &o.b_id);
        match self.index.get(&k) {
            Some(&i) => self.entries[i] = o,
            None => {
                self.index.insert(k, self.entries.len());
                self.entries.push(o);
            }
        }
    }

    /// The override for a pair, in either order.
    pub fn get(&self, a: &str, b: &str) -> Option<&Override> {
        self.index
            .get(&key(a, b))
            .and_then(|&i| self.entries.get(i))
    }

    /// The reviewed pairs in file order.
    pub fn entries(&self) -> &[Override] {
        &self.entries
    }

    /// Number of reviewed pairs.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads an override file; I/O failure is an error, bad rows are diagnostics.
    pub fn load(path: impl AsRef<Path>) -> std::io::Result<(Overrides, Vec<Diagnostic>)> {
        let path = path.as_ref();
        let file = std::fs::File::open(path)?;
        Ok(Overrides::from_reader(&path.display().to_string(), file))
    }

    /// Parses override CSV from any reader; `file` names it in diagnostics.
    pub fn from_reader(file: &str, reader: impl Read) -> (Overrides, Vec<Diagnostic>) {
        let mut out = Overrides::new();
        let mut diags = Vec::new();
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let columns = match header_columns(file, &mut rdr) {
            Ok(c) => c,
            Err(d) => return (out, vec![d]),
        };
        for result in rdr.records() {
            match result {
                Ok(row) => match parse_row(file, &columns, &row) {
                    Ok(o) => out.insert_checked(o, &mut diags),
                    Err(d) => diags.push(d),
                },
                Err(e) => diags.push(csv_error(file, &e)),
            }
        }
        (out, diags)
    }

    /// Inserts, reporting a contradicting earlier decision for the same pair.
    fn insert_checked(&mut self, o: Override, diags: &mut Vec<Diagnostic>) {
        if let Some(prev) = self.get(&o.a_id, &o.b_id) {
            if prev.decision != o.decision {
                let (file, line) = o.source.split_once(": ").unwrap_or((&o.source, ""));
                let loc = Location::file(file).record(line).field("decision");
                let msg = format!(
                    "contradicts {} for the same pair; the later row wins",
                    prev.source
                );
                diags.push(Diagnostic::warning(loc, msg));
            }
        }
        self.insert(o);
    }
}

/// Column positions of the four required columns, or an error naming the missing one.
fn header_columns<R: Read>(file: &str, rdr: &mut csv::Reader<R>) -> Result<[usize; 4], Diagnostic> {
    let header = rdr.headers().map_err(|e| csv_error(file, &e))?.clone();
    let mut cols = [0usize; 4];
    for (slot, name) in cols.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let loc = Location::file(file).record("line 1").field(name);
                Diagnostic::error(loc, format!("header lacks the `{name}` column"))
            })?;
    }
    Ok(cols)
}

/// One data row to an override, or an error naming the line and field.
fn parse_row(
    file: &str,
    cols: &[usize; 4],
    row: &csv::StringRecord,
) -> Result<Override, Diagnostic> {
    let line = row.position().map_or(0, |p| p.line());
    let at = |field: &str| {
        Location::file(file)
            .record(format!("line {line}"))
            .field(field)
    };
    let get = |i: usize, field: &str| -> Result<String, Diagnostic> {
        let v = row.get(cols[i]).map(str::trim).unwrap_or("");
        if v.is_empty() {
            Err(Diagnostic::error(at(field), format!("`{field}` is empty")))
        } else {
            Ok(v.to_string())
        }
    };
    let a_id = get(0, "a_id")?;
    let b_id = get(1, "b_id")?;
    if a_id == b_id {
        return Err(Diagnostic::error(
            at("b_id"),
            "a record cannot be paired with itself",
        ));
    }
    let decision = match get(2, "decision")?.to_ascii_lowercase().as_str() {
        "same" => Decision::Same,
        "different" => Decision::Different,
        other => {
            let msg = format!("decision `{other}` is neither `same` nor `different`");
            return Err(Diagnostic::error(at("decision"), msg));
        }
    };
    let reason = get(3, "reason")?;
    Ok(Override {
        a_id,
        b_id,
        decision,
        reason,
        source: format!("{file}: line {line}"),
    })
}

/// A CSV-level error (bad UTF-8, unreadable) with its line when known.
fn csv_error(file: &str, e: &csv::Error) -> Diagnostic {
    let mut loc = Location::file(file);
    if let Some(p) = e.position() {
        loc = loc.record(format!("line {}", p.line()));
    }
    Diagnostic::error(loc, format!("unreadable CSV: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_good_rows_and_rejects_bad_ones() {
        let text = "a_id,b_id,decision,reason\n\
                    x,y,same,reviewed\n\
                    x,z,maybe,unsure\n\
                    ,z,same,missing id\n\
                    q,q,same,self\n\
                    y,x,different,changed my mind\n";
        let (o, d) = Overrides::from_reader("o.csv", text.as_bytes());
        assert_eq!(o.len(), 1);
        assert_eq!(
            o.get("y", "x").map(|e| e.decision),
            Some(Decision::Different)
        );
        assert_eq!(d.len(), 4, "{d:?}");
        assert_eq!(d[0].location.record.as_deref(), Some("line 3"));
        assert_eq!(d[0].location.field.as_deref(), Some("decision"));
        assert_eq!(d[1].location.field.as_deref(), Some("a_id"));
        assert_eq!(d[2].location.field.as_deref(), Some("b_id"));
    }

    #[test]
    fn missing_column_is_reported() {
        let (o, d) = Overrides::from_reader("o.csv", "a_id,b_id,decision\n".as_bytes());
        assert!(o.is_empty());
        assert_eq!(d[0].location.field.as_deref(), Some("reason"));
    }
}
