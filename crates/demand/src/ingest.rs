//! Streams postings out of JSONL and CSV files, plain or gzip, in bounded memory.
//!
//! A field mapping (`id=job_id,title=job_title,text=description+qualifications,…`) lets real
//! exports load without conversion: JSON fields are dotted paths into nested objects
//! (`MatchedObjectDescriptor.UserArea.Details.JobSummary`), CSV fields are column names, and
//! `+` joins several fields into the text. A record that cannot be read becomes a [`Reject`] with
//! its line and reason; the stream goes on unless the caller asks for strict mode.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

use crate::DemandError;

/// Which posting fields come from which input fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldMap {
    /// The posting's own identifier.
    pub id: Vec<String>,
    /// The job title (drives occupation coding).
    pub title: Vec<String>,
    /// The posting text; several fields are joined with a blank line.
    pub text: Vec<String>,
    /// Free-text location.
    pub location: Vec<String>,
    /// Posting date.
    pub date: Vec<String>,
    /// Employer name.
    pub employer: Vec<String>,
    /// A SOC code given by the source, which overrides title coding.
    pub soc: Vec<String>,
}

/// Names tried, in order, for each field when the mapping leaves it out.
const DEFAULT_NAMES: [(&str, &[&str]); 7] = [
    (
        "id",
        &[
            "id",
            "job_id",
            "posting_id",
            "jobid",
            "MatchedObjectId",
            "uuid",
            "requisition_id",
        ],
    ),
    (
        "title",
        &[
            "title",
            "job_title",
            "position_title",
            "PositionTitle",
            "MatchedObjectDescriptor.PositionTitle",
            "name",
        ],
    ),
    (
        "text",
        &[
            "text",
            "description",
            "job_description",
            "body",
            "posting_text",
            "MatchedObjectDescriptor.UserArea.Details.JobSummary",
            "qualifications",
        ],
    ),
    (
        "location",
        &[
            "location",
            "job_location",
            "position_location",
            "city_state",
            "PositionLocationDisplay",
            "MatchedObjectDescriptor.PositionLocationDisplay",
        ],
    ),
    (
        "date",
        &[
            "date",
            "date_posted",
            "posted_at",
            "posted_date",
            "post_date",
            "created",
            "PublicationStartDate",
            "MatchedObjectDescriptor.PublicationStartDate",
            "position_open_date",
        ],
    ),
    (
        "employer",
        &[
            "employer",
            "company",
            "employer_name",
            "company_name",
            "hiring_agency",
            "OrganizationName",
            "MatchedObjectDescriptor.OrganizationName",
        ],
    ),
    (
        "soc",
        &["soc", "soc_code", "soc2018", "onet_soc", "onet_code"],
    ),
];

impl FieldMap {
    /// Parses `id=job_id,title=job_title,text=a+b`; unknown keys are an error that lists the valid ones.
    pub fn parse(spec: &str) -> Result<Self, DemandError> {
        let mut map = FieldMap::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=').ok_or_else(|| {
                DemandError::Input(format!("mapping `{part}` should look like key=field"))
            })?;
            let fields: Vec<String> = value
                .split('+')
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect();
            let slot = match key.trim() {
                "id" => &mut map.id,
                "title" => &mut map.title,
                "text" => &mut map.text,
                "location" => &mut map.location,
                "date" => &mut map.date,
                "employer" => &mut map.employer,
                "soc" => &mut map.soc,
                other => {
                    return Err(DemandError::Input(format!(
                        "unknown mapping key `{other}`; use id, title, text, location, date, employer or soc"
                    )))
                }
            };
            *slot = fields;
        }
        Ok(map)
    }

    fn slot(&self, key: &str) -> &Vec<String> {
        match key {
            "id" => &self.id,
            "title" => &self.title,
            "text" => &self.text,
            "location" => &self.location,
            "date" => &self.date,
            "employer" => &self.employer,
            _ => &self.soc,
        }
    }

    /// Fills unmapped fields from the first default name present in a CSV header.
    fn resolve_columns(&self, header: &[String]) -> FieldMap {
        let mut out = self.clone();
        for (key, names) in DEFAULT_NAMES {
            if !self.slot(key).is_empty() {
                continue;
            }
            let found = names
                .iter()
                .find(|n| header.iter().any(|h| h.eq_ignore_ascii_case(n)))
                .map(|n| vec![n.to_string()])
                .unwrap_or_default();
            match key {
                "id" => out.id = found,
                "title" => out.title = found,
                "text" => out.text = found,
                "location" => out.location = found,
                "date" => out.date = found,
                "employer" => out.employer = found,
                _ => out.soc = found,
            }
        }
        out
    }
}

/// Input formats credence reads postings from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line (`.jsonl`, `.ndjson`, `.json`).
    Jsonl,
    /// RFC 4180 CSV with a header row (`.csv`; `.tsv` for tabs).
    Csv {
        /// Field delimiter.
        delimiter: u8,
    },
}

impl Format {
    /// Guesses the format from the file name, ignoring a `.gz` suffix.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
            Some(Format::Jsonl)
        } else if name.ends_with(".csv") {
            Some(Format::Csv { delimiter: b',' })
        } else if name.ends_with(".tsv") {
            Some(Format::Csv { delimiter: b'\t' })
        } else {
            None
        }
    }

    /// Reads `jsonl` or `csv` as written on the command line.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv { delimiter: b',' }),
            "tsv" => Some(Format::Csv { delimiter: b'\t' }),
            _ => None,
        }
    }
}

/// One posting as read, before any analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawPosting {
    /// 1-based line (JSONL) or record start line (CSV) in the input file.
    pub line: u64,
    /// The mapped id, else `<file>:<line>`.
    pub id: String,
    /// Job title (may be empty).
    pub title: String,
    /// Posting text as read (HTML allowed).
    pub text: String,
    /// Free-text location (may be empty).
    pub location: String,
    /// Date as written (may be empty).
    pub date: String,
    /// Employer (may be empty).
    pub employer: String,
    /// SOC given by the source (may be empty).
    pub soc: String,
    /// True when the bytes were not UTF-8 and were decoded as Windows-1252.
    pub transcoded: bool,
}

/// A record that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reject {
    /// The input file as named.
    pub file: String,
    /// 1-based line of the record.
    pub line: u64,
    /// The field at fault, when one is.
    pub field: Option<String>,
    /// What is wrong.
    pub reason: String,
    /// The first bytes of the raw record (never a whole huge line), for the quarantine file.
    pub excerpt: String,
}

/// Limits that keep hostile input from exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest record accepted, in bytes; longer ones are rejected and skipped.
    pub max_record_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_record_bytes: 4 << 20,
        }
    }
}

/// Either a readable posting or a rejected record, in input order.
pub type Item = Result<RawPosting, Reject>;

/// Opens a file, decompressing gzip when the name or the magic bytes say so.
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>, DemandError> {
    let io = |source| DemandError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut file = BufReader::with_capacity(1 << 16, File::open(path).map_err(io)?);
    let magic = file.fill_buf().map_err(io)?;
    if magic.starts_with(&[0x1f, 0x8b]) {
        let decoder = flate2::bufread::MultiGzDecoder::new(file);
        Ok(Box::new(BufReader::with_capacity(1 << 16, decoder)))
    } else {
        Ok(Box::new(file))
    }
}

/// Streams a file's postings into `sink` in batches of `batch` items; returns records read.
pub fn read_file(
    path: &Path,
    format: Format,
    map: &FieldMap,
    limits: Limits,
    batch: usize,
    mut sink: impl FnMut(Vec<Item>) -> Result<(), DemandError>,
) -> Result<u64, DemandError> {
    let label = path.display().to_string();
    let reader = open(path)?;
    let mut buf = Vec::with_capacity(batch);
    let mut count = 0u64;
    let mut push = |item: Item, buf: &mut Vec<Item>| -> Result<(), DemandError> {
        count += 1;
        buf.push(item);
        if buf.len() >= batch {
            sink(std::mem::take(buf))?;
        }
        Ok(())
    };
    match format {
        Format::Jsonl => {
            let mut lines = LimitedLines::new(reader, limits.max_record_bytes);
            while let Some(line) = lines.next_line().map_err(|source| DemandError::Io {
                path: label.clone(),
                source,
            })? {
                let item = match line {
                    Line::Ok(no, bytes) => {
                        if bytes.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        parse_json_line(&label, no, &bytes, map)
                    }
                    Line::TooLong(no, len) => Err(Reject {
                        file: label.clone(),
                        line: no,
                        field: None,
                        reason: format!(
                            "record is {len} bytes, over the {} byte limit",
                            limits.max_record_bytes
                        ),
                        excerpt: String::new(),
                    }),
                };
                push(item, &mut buf)?;
            }
        }
        Format::Csv { delimiter } => {
            let mut csv = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .from_reader(reader);
            let header: Vec<String> = csv
                .byte_headers()
                .map_err(|e| DemandError::Input(format!("{label}: cannot read the header: {e}")))?
                .iter()
                .map(|h| {
                    decode(h)
                        .0
                        .trim()
                        .trim_start_matches('\u{feff}')
                        .to_string()
                })
                .collect();
            let map = map.resolve_columns(&header);
            let columns = ColumnIndex::new(&header, &map);
            if columns.text.is_empty() {
                return Err(DemandError::Input(format!(
                    "{label}: no text column; map one with --map text=COLUMN (columns: {})",
                    header.join(", ")
                )));
            }
            let mut record = csv::ByteRecord::new();
            loop {
                let line = csv.position().line();
                match csv.read_byte_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => {
                        let item = if record.as_slice().len() > limits.max_record_bytes {
                            Err(reject(
                                &label,
                                line,
                                None,
                                format!(
                                    "record is {} bytes, over the limit",
                                    record.as_slice().len()
                                ),
                                b"",
                            ))
                        } else {
                            columns.posting(&label, line, &record)
                        };
                        push(item, &mut buf)?;
                    }
                    Err(e) => {
                        let item = Err(reject(
                            &label,
                            line,
                            None,
                            format!("malformed CSV: {e}"),
                            b"",
                        ));
                        push(item, &mut buf)?;
                        if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                            break;
                        }
                    }
                }
            }
        }
    }
    if !buf.is_empty() {
        sink(buf)?;
    }
    Ok(count)
}

fn reject(file: &str, line: u64, field: Option<&str>, reason: String, raw: &[u8]) -> Reject {
    let excerpt = String::from_utf8_lossy(&raw[..raw.len().min(200)]).into_owned();
    Reject {
        file: file.to_string(),
        line,
        field: field.map(str::to_string),
        reason,
        excerpt,
    }
}

/// Decodes bytes as UTF-8, falling back to Windows-1252 (the usual culprit) with a flag.
fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (s, true)
        }
    }
}

fn parse_json_line(file: &str, line: u64, bytes: &[u8], map: &FieldMap) -> Item {
    let (text, transcoded) = decode(bytes);
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| reject(file, line, None, format!("not valid JSON: {e}"), bytes))?;
    if !value.is_object() {
        return Err(reject(
            file,
            line,
            None,
            "a line must hold a JSON object".into(),
            bytes,
        ));
    }
    let get = |key: &str| -> String {
        let fields = map.slot(key);
        let names: Vec<&str> = if fields.is_empty() {
            DEFAULT_NAMES
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, n)| {
                    n.iter()
                        .copied()
                        .find(|n| lookup(&value, n).is_some())
                        .into_iter()
                        .collect()
                })
                .unwrap_or_default()
        } else {
            fields.iter().map(String::as_str).collect()
        };
        join_fields(names.iter().filter_map(|n| lookup(&value, n)))
    };
    let posting = RawPosting {
        line,
        id: get("id"),
        title: get("title"),
        text: get("text"),
        location: get("location"),
        date: get("date"),
        employer: get("employer"),
        soc: get("soc"),
        transcoded,
    };
    finish(file, posting, bytes, map)
}

/// Checks the fields every posting needs and fills the id when the source has none.
fn finish(file: &str, mut p: RawPosting, raw: &[u8], map: &FieldMap) -> Item {
    if p.text.trim().is_empty() {
        let field = map.text.first().map_or("text", String::as_str);
        return Err(reject(
            file,
            p.line,
            Some(field),
            "no posting text".into(),
            raw,
        ));
    }
    if p.id.trim().is_empty() {
        p.id = format!("{}:{}", file_name(file), p.line);
    }
    Ok(p)
}

/// The last component of a path as the user wrote it: the file part of `<file>:<line>` ids.
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Follows a dotted path into nested objects; arrays contribute their elements joined.
fn lookup(value: &Value, path: &str) -> Option<String> {
    let mut current = value;
    for key in path.split('.') {
        current = match current {
            Value::Object(m) => m.get(key)?,
            Value::Array(items) => {
                let idx: usize = key.parse().ok()?;
                items.get(idx)?
            }
            _ => return None,
        };
    }
    scalar_text(current)
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        }
        Value::Object(_) => Some(v.to_string()),
    }
}

fn join_fields(parts: impl Iterator<Item = String>) -> String {
    let parts: Vec<String> = parts.filter(|p| !p.trim().is_empty()).collect();
    parts.join("\n\n")
}

/// Column positions for each mapped CSV field.
struct ColumnIndex {
    id: Vec<usize>,
    title: Vec<usize>,
    text: Vec<usize>,
    location: Vec<usize>,
    date: Vec<usize>,
    employer: Vec<usize>,
    soc: Vec<usize>,
    map: FieldMap,
}

impl ColumnIndex {
    fn new(header: &[String], map: &FieldMap) -> Self {
        let find = |names: &Vec<String>| -> Vec<usize> {
            names
                .iter()
                .filter_map(|n| header.iter().position(|h| h.eq_ignore_ascii_case(n)))
                .collect()
        };
        ColumnIndex {
            id: find(&map.id),
            title: find(&map.title),
            text: find(&map.text),
            location: find(&map.location),
            date: find(&map.date),
            employer: find(&map.employer),
            soc: find(&map.soc),
            map: map.clone(),
        }
    }

    fn posting(&self, file: &str, line: u64, record: &csv::ByteRecord) -> Item {
        let mut transcoded = false;
        let mut get = |cols: &Vec<usize>| -> String {
            join_fields(cols.iter().filter_map(|&c| record.get(c)).map(|b| {
                let (s, t) = decode(b);
                transcoded |= t;
                s.into_owned()
            }))
        };
        let posting = RawPosting {
            line,
            id: get(&self.id),
            title: get(&self.title),
            text: get(&self.text),
            location: get(&self.location),
            date: get(&self.date),
            employer: get(&self.employer),
            soc: get(&self.soc),
            transcoded,
        };
        finish(file, posting, record.as_slice(), &self.map)
    }
}

/// A line read with a size limit.
enum Line {
    Ok(u64, Vec<u8>),
    TooLong(u64, usize),
}

/// Reads lines without ever holding more than the limit of one line in memory.
struct LimitedLines<R> {
    reader: R,
    limit: usize,
    line: u64,
}

impl<R: BufRead> LimitedLines<R> {
    fn new(reader: R, limit: usize) -> Self {
        LimitedLines {
            reader,
            limit,
            line: 0,
        }
    }

    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut out = Vec::new();
        let mut total = 0usize;
        let mut too_long = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                if total == 0 {
                    return Ok(None);
                }
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            total += take;
            if !too_long && total <= self.limit {
                out.extend_from_slice(&chunk[..take]);
            } else {
                too_long = true;
                out = Vec::new();
            }
            self.reader.consume(take);
            if done {
                break;
            }
        }
        self.line += 1;
        if too_long {
            return Ok(Some(Line::TooLong(self.line, total)));
        }
        while out.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            out.pop();
        }
        if self.line == 1 && out.starts_with(&[0xef, 0xbb, 0xbf]) {
            out.drain(..3);
        }
        Ok(Some(Line::Ok(self.line, out)))
    }
}

/// Reads a whole small input into memory for tests and one-off tools.
pub fn read_all(path: &Path, format: Format, map: &FieldMap) -> Result<Vec<Item>, DemandError> {
    let mut out = Vec::new();
    read_file(path, format, map, Limits::default(), 1024, |b| {
        out.extend(b);
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn jsonl_with_nested_paths_bad_lines_and_a_bom_streams_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let body = "\u{feff}{\"MatchedObjectId\":\"a1\",\"MatchedObjectDescriptor\":{\"PositionTitle\":\"Nurse\",\"UserArea\":{\"Details\":{\"JobSummary\":\"RN license required\"}}}}\n\
                    not json\n\
                    \n\
                    [1,2]\n\
                    {\"id\":\"b2\",\"description\":\"\"}\n\
                    {\"id\":7,\"description\":\"Class A CDL\",\"location\":\"Aurora, CO\"}\n";
        let p = write(dir.path(), "x.jsonl", body.as_bytes());
        let items = read_all(&p, Format::Jsonl, &FieldMap::default()).unwrap();
        assert_eq!(items.len(), 5);
        let first = items[0].as_ref().unwrap();
        assert_eq!((first.id.as_str(), first.title.as_str()), ("a1", "Nurse"));
        assert_eq!(first.text, "RN license required");
        let lines: Vec<u64> = items
            .iter()
            .map(|i| match i {
                Ok(p) => p.line,
                Err(r) => r.line,
            })
            .collect();
        assert_eq!(lines, [1, 2, 4, 5, 6]);
        let bad = items[1].as_ref().unwrap_err();
        assert!(bad.reason.contains("not valid JSON"), "{bad:?}");
        assert_eq!(
            items[3].as_ref().unwrap_err().field.as_deref(),
            Some("text")
        );
        assert_eq!(items[4].as_ref().unwrap().id, "7");
    }

    #[test]
    fn gzip_csv_with_a_mapping_joins_text_fields_and_transcodes_latin1() {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = b"job_id,job_title,summary,quals,where\n1,Cook,Line cook,\"ServSafe, \"\"Food Handler\"\"\",Leeds\n2,Chef,".to_vec();
        csv.extend_from_slice(b"Caf\xe9 chef,Food hygiene certificate,London\n");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&csv).unwrap();
        let p = write(dir.path(), "x.csv.gz", &gz.finish().unwrap());
        let map =
            FieldMap::parse("id=job_id,title=job_title,text=summary+quals,location=where").unwrap();
        let items = read_all(&p, Format::from_path(&p).unwrap(), &map).unwrap();
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.text, "Line cook\n\nServSafe, \"Food Handler\"");
        let b = items[1].as_ref().unwrap();
        assert!(b.text.starts_with("Café chef") && b.transcoded, "{b:?}");
        assert_eq!(b.location, "London");
    }

    #[test]
    fn absurd_lines_are_rejected_without_being_held_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mut body =
            format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "x".repeat(100_000)).into_bytes();
        body.extend_from_slice(b"{\"id\":\"ok\",\"text\":\"CDL\"}");
        let p = write(dir.path(), "x.jsonl", &body);
        let mut items = Vec::new();
        read_file(
            &p,
            Format::Jsonl,
            &FieldMap::default(),
            Limits {
                max_record_bytes: 1000,
            },
            10,
            |b| {
                items.extend(b);
                Ok(())
            },
        )
        .unwrap();
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("over the 1000 byte limit"));
        assert_eq!(items[1].as_ref().unwrap().id, "ok");
    }

    #[test]
    fn mappings_are_checked() {
        assert!(FieldMap::parse("id=a,texte=b").is_err());
        assert!(FieldMap::parse("id").is_err());
        assert_eq!(FieldMap::parse("text=a+b").unwrap().text, ["a", "b"]);
    }
}
