//! Shared CSV reading for list importers: header lookup, rows with line numbers, bad rows as
//! diagnostics (wrong column count, invalid UTF-8), name clean-up and date parsing.

use std::path::Path;

use chrono::NaiveDate;
use credence_model::{Diagnostic, Location, Provenance, Record, RecordClass};
use serde_json::{Map, Value};

use crate::error::{read_file, sha256_hex, RegistryError};

/// A parsed CSV file: header, good rows, and diagnostics for rows that could not be read.
pub(crate) struct Table {
    /// The file as the user named it.
    pub file: String,
    /// SHA-256 of the file bytes.
    pub sha: String,
    /// Column names as published (BOM and surrounding spaces removed).
    pub headers: Vec<String>,
    /// Rows with the right number of columns.
    pub rows: Vec<Row>,
    /// Errors for rows that were skipped.
    pub bad_rows: Vec<Diagnostic>,
}

/// One data row.
pub(crate) struct Row {
    /// 1-based line where the row starts (the header is line 1).
    pub line: u64,
    /// Field values, one per header column.
    pub fields: Vec<String>,
}

/// Reads a CSV file from disk.
pub(crate) fn load(path: &Path) -> Result<Table, RegistryError> {
    let bytes = read_file(path)?;
    parse(&path.display().to_string(), &bytes)
}

/// Parses CSV bytes; rows with the wrong column count or bad UTF-8 become error diagnostics.
pub(crate) fn parse(file: &str, bytes: &[u8]) -> Result<Table, RegistryError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| RegistryError::Csv {
            file: file.to_string(),
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let mut table = Table {
        file: file.to_string(),
        sha: sha256_hex(bytes),
        headers,
        rows: Vec::new(),
        bad_rows: Vec::new(),
    };
    let mut lines = LineCounter::new(bytes);
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = lines.line_at(record.position());
                table.accept(record, line);
            }
            Err(e) => {
                let line = lines.line_at(e.position());
                let loc = Location::file(file)
                    .record(format!("line {line}"))
                    .field("(row)");
                table
                    .bad_rows
                    .push(Diagnostic::error(loc, format!("unreadable row: {e}")));
            }
        }
    }
    Ok(table)
}

/// Turns reader byte positions into 1-based line numbers, counting each byte once.
///
/// The reader's own line count is off for CRLF files, so lines are counted from the bytes; records
/// arrive in order, so the counter only scans forward from where it last stopped.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            newlines: 0,
        }
    }

    fn line_at(&mut self, position: Option<&csv::Position>) -> u64 {
        let byte = position.map(|p| p.byte()).unwrap_or(0);
        let mut upto = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        // With CRLF the reader reports a record as starting at the `\n` of the previous terminator.
        while self
            .bytes
            .get(upto)
            .is_some_and(|c| *c == b'\r' || *c == b'\n')
        {
            upto += 1;
        }
        if upto < self.offset {
            // Out of order (never seen in practice): count from the start again.
            self.offset = 0;
            self.newlines = 0;
        }
        let span = self.bytes.get(self.offset..upto).unwrap_or_default();
        self.newlines += span.iter().filter(|c| **c == b'\n').count() as u64;
        self.offset = upto;
        self.newlines + 1
    }
}

impl Table {
    /// Keeps a row with the header's column count, else reports it.
    fn accept(&mut self, record: csv::StringRecord, line: u64) {
        let (want, got) = (self.headers.len(), record.len());
        if want == got {
            self.rows.push(Row {
                line,
                fields: record.iter().map(str::to_string).collect(),
            });
            return;
        }
        let field = self
            .headers
            .get(got)
            .cloned()
            .unwrap_or_else(|| format!("column {}", want + 1));
        let loc = Location::file(&self.file)
            .record(format!("line {line}"))
            .field(field);
        self.bad_rows.push(Diagnostic::error(
            loc,
            format!("expected {want} columns, found {got}"),
        ));
    }

    /// An import outcome that starts with this file's unreadable rows and checksum.
    pub fn outcome(&self) -> crate::ImportOutcome {
        crate::ImportOutcome {
            rejected: self.bad_rows.len(),
            diagnostics: self.bad_rows.clone(),
            file_sha256: self.sha.clone(),
            ..Default::default()
        }
    }

    /// Index of a required column (case-insensitive).
    pub fn column(&self, name: &str) -> Result<usize, RegistryError> {
        self.optional_column(name)
            .ok_or_else(|| RegistryError::MissingColumn {
                file: self.file.clone(),
                column: name.to_string(),
            })
    }

    /// Index of an optional column (case-insensitive).
    pub fn optional_column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// Where a finding about one row and column points.
    pub fn location(&self, row: &Row, field: &str) -> Location {
        Location::file(&self.file)
            .record(format!("line {}", row.line))
            .field(field)
    }

    /// The row as a JSON object (column → text), kept as the record's source document.
    pub fn document(&self, row: &Row) -> Value {
        let map: Map<String, Value> = self
            .headers
            .iter()
            .zip(&row.fields)
            .map(|(h, v)| (h.clone(), Value::String(v.clone())))
            .collect();
        Value::Object(map)
    }

    /// Provenance for one row.
    pub fn provenance(&self, row: &Row, source: &str, license: &str) -> Provenance {
        Provenance {
            source: source.to_string(),
            file: self.file.clone(),
            pointer: format!("line {}", row.line),
            file_sha256: self.sha.clone(),
            license: Some(license.to_string()),
        }
    }
}

impl Row {
    /// A field by column index, trimmed; empty when the column is absent.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.fields.get(c))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// Trims and collapses runs of whitespace.
pub(crate) fn clean_name(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses `02-NOV-18` (the NJ tables), ISO `2018-11-02` or US `11/02/2018`; empty is `Ok(None)`.
pub(crate) fn parse_date(raw: &str) -> Result<Option<NaiveDate>, ()> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    ["%d-%b-%y", "%Y-%m-%d", "%m/%d/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .map(Some)
        .ok_or(())
}

/// A list record with empty normalized lists, to be filled by the importer.
pub(crate) fn blank_record(
    id: String,
    ctdl_type: &str,
    classified: bool,
    name: String,
    document: Value,
    provenance: Provenance,
) -> Record {
    let mut record = Record::new(id, ctdl_type, RecordClass::Credential, name);
    record.classified = classified;
    record.document = document;
    record.provenance = provenance;
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_names() {
        assert_eq!(
            parse_date("02-NOV-18"),
            Ok(NaiveDate::from_ymd_opt(2018, 11, 2))
        );
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("31-FEB-18").is_err());
        assert_eq!(
            clean_name("  Cisco  Certified \t Expert "),
            "Cisco Certified Expert"
        );
    }

    #[test]
    fn short_rows_are_reported() {
        let t = parse("x.csv", b"ID,NAME\n1,a\n2\n3,c,d\n").expect("header reads");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.bad_rows.len(), 2);
        assert_eq!(t.bad_rows[0].location.record.as_deref(), Some("line 3"));
        assert_eq!(t.bad_rows[0].location.field.as_deref(), Some("NAME"));
        let crlf = parse("y.csv", b"ID,NAME\r\n1,a\r\n2,b").expect("header reads");
        assert_eq!(
            crlf.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }
}
