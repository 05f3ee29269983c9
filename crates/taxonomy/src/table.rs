//! Shared row reader: header lookup by name, 1-based line numbers, and per-row diagnostics.

use credence_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};

use crate::TaxonomyError;

/// Rows a reader accepted plus a diagnostic for every row it rejected or repaired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed<T> {
    /// Accepted rows, in file order.
    pub rows: Vec<T>,
    /// Findings, each pointing at `line N` and a field.
    pub diagnostics: Vec<Diagnostic>,
}

/// How a file is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// RFC 4180 comma-separated with `"` quoting.
    Csv,
    /// O*NET tab-separated text: no quoting, a `"` is literal.
    Tab,
}

/// One data row with its line number and the reader's column positions.
pub(crate) struct Row<'a> {
    record: &'a csv::StringRecord,
    columns: &'a [(&'static str, usize)],
    file: &'a str,
    line: u64,
}

impl Row<'_> {
    /// The trimmed value of `column` (empty when the row is short).
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .iter()
            .find(|(name, _)| *name == column)
            .and_then(|(_, i)| self.record.get(*i))
            .map(str::trim)
            .unwrap_or("")
    }

    /// The value of `column`, or an error diagnostic if it is empty.
    pub fn required(&self, column: &str) -> Result<&str, Diagnostic> {
        match self.get(column) {
            "" => Err(self.error(column, format!("`{column}` is empty"))),
            v => Ok(v),
        }
    }

    /// The value of `column` treating `NA` and empty as absent.
    pub fn optional(&self, column: &str) -> Option<&str> {
        match self.get(column) {
            "" | "NA" | "n/a" => None,
            v => Some(v),
        }
    }

    /// Where this row's `column` is.
    pub fn location(&self, column: &str) -> Location {
        Location::file(self.file)
            .record(format!("line {}", self.line))
            .field(column)
    }

    /// A row-rejecting finding about `column`.
    pub fn error(&self, column: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.location(column), message)
    }

    /// A row-keeping finding about `column`.
    pub fn warning(&self, column: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.location(column), message)
    }
}

/// Truncates hostile values before they are quoted in a message.
pub(crate) fn shown(value: &str) -> String {
    const MAX: usize = 80;
    match value.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &value[..i]),
        None => value.to_string(),
    }
}

fn reader(bytes: &[u8], format: Format) -> csv::Reader<&[u8]> {
    let mut b = csv::ReaderBuilder::new();
    b.flexible(true).has_headers(true);
    if format == Format::Tab {
        b.delimiter(b'\t').quoting(false);
    }
    b.from_reader(bytes)
}

fn normalize_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase()
}

/// Positions of the `wanted` columns, matched case-insensitively; a missing one fails the file.
fn locate(
    headers: &csv::StringRecord,
    wanted: &[&'static str],
    file: &str,
) -> Result<Vec<(&'static str, usize)>, TaxonomyError> {
    let names: Vec<String> = headers.iter().map(normalize_header).collect();
    wanted
        .iter()
        .map(|w| {
            let key = w.to_ascii_lowercase();
            names
                .iter()
                .position(|n| *n == key)
                .map(|i| (*w, i))
                .ok_or_else(|| TaxonomyError::MissingColumn {
                    file: file.to_string(),
                    column: w.to_string(),
                    found: shown(&headers.iter().collect::<Vec<_>>().join(", ")),
                })
        })
        .collect()
}

/// What a row callback decided.
pub(crate) type RowResult<T> = Result<Option<T>, Diagnostic>;

/// Reads every data row, handing each to `f`; `Ok(None)` skips a row silently, `Err` rejects it.
pub(crate) fn read_rows<T>(
    bytes: &[u8],
    file: &str,
    format: Format,
    wanted: &[&'static str],
    f: impl FnMut(&Row<'_>, &mut Vec<Diagnostic>) -> RowResult<T>,
) -> Result<Parsed<T>, TaxonomyError> {
    read_rows_with_optional(bytes, file, format, wanted, &[], f)
}

/// [`read_rows`] that also exposes the `optional` columns present in the header (absent ones read as empty).
pub(crate) fn read_rows_with_optional<T>(
    bytes: &[u8],
    file: &str,
    format: Format,
    wanted: &[&'static str],
    optional: &[&'static str],
    mut f: impl FnMut(&Row<'_>, &mut Vec<Diagnostic>) -> RowResult<T>,
) -> Result<Parsed<T>, TaxonomyError> {
    let mut rdr = reader(bytes, format);
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(_) => csv::StringRecord::new(),
    };
    let mut columns = locate(&headers, wanted, file)?;
    for column in optional {
        if let Ok(found) = locate(&headers, &[*column], file) {
            columns.extend(found);
        }
    }
    let mut out = Parsed {
        rows: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(bytes);
    loop {
        let start = rdr.position().byte();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let byte = record.position().map_or(start, |p| p.byte());
                let row = Row {
                    record: &record,
                    columns: &columns,
                    file,
                    line: lines.line_at(byte),
                };
                match f(&row, &mut out.diagnostics) {
                    Ok(Some(v)) => out.rows.push(v),
                    Ok(None) => {}
                    Err(d) => out.diagnostics.push(d),
                }
            }
            Err(e) => {
                let byte = e.position().map_or(start, |p| p.byte());
                out.diagnostics
                    .push(read_error(file, lines.line_at(byte), &e));
                if rdr.position().byte() == start {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// 1-based line numbers from byte offsets (the `csv` crate miscounts lines after `\r\n`).
struct LineCounter<'a> {
    bytes: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            byte: 0,
            line: 1,
        }
    }

    /// The line containing `byte`; offsets must not decrease between calls.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut to = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        // After `\r\n` the reported offset points at the `\n`; a record never starts with one.
        while matches!(self.bytes.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        if to > self.byte {
            let newlines = self.bytes[self.byte..to]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.line += newlines as u64;
            self.byte = to;
        }
        self.line
    }
}

fn read_error(file: &str, line: u64, e: &csv::Error) -> Diagnostic {
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "row is not valid UTF-8".to_string(),
        _ => format!("unreadable row: {e}"),
    };
    Diagnostic::error(Location::file(file).record(format!("line {line}")), what)
}
