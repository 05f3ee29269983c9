//! Exam blueprints: the content domains of a credential's exam with their weights, imported from
//! CSV (`credential_id,domain,weight`) or JSON. Weights are percentages and must sum to 100
//! (± [`SUM_TOLERANCE`]) per credential. A malformed file is rejected whole, with one
//! [`Diagnostic`] per problem naming the file, the line (CSV) or JSON path, and the field.

use std::path::Path;

use credence_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How far the weights of one credential may stray from 100 (percentage points).
pub const SUM_TOLERANCE: f64 = 0.5;

/// One content domain of an exam and its share of the exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlueprintDomain {
    /// Domain name as published ("Patient care", "Domain 1: Security").
    pub name: String,
    /// Share of the exam, in percent (0 < weight ≤ 100).
    pub weight_percent: f64,
}

/// The exam blueprint of one credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blueprint {
    /// The credential's id (CTID or local id).
    pub credential_id: String,
    /// Domains in file order.
    pub domains: Vec<BlueprintDomain>,
}

/// Why a blueprint file was rejected.
#[derive(Debug, thiserror::Error)]
pub enum BlueprintError {
    /// The file could not be read.
    #[error("cannot read blueprint file {file}: {message}")]
    Io {
        /// The file as named.
        file: String,
        /// The operating system's message.
        message: String,
    },
    /// The file was read but is malformed; every problem found is listed.
    #[error("blueprint file {file} rejected: {}", summary(.diagnostics))]
    Invalid {
        /// The file as named.
        file: String,
        /// One error per problem, with line or JSON path and field.
        diagnostics: Vec<Diagnostic>,
    },
}

impl BlueprintError {
    /// The diagnostics of an invalid file (none for an unreadable one).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BlueprintError::Io { .. } => &[],
            BlueprintError::Invalid { diagnostics, .. } => diagnostics,
        }
    }
}

/// All diagnostics on one line each.
fn summary(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a blueprint file: `.json` as JSON, anything else as CSV.
pub fn load_blueprints(path: impl AsRef<Path>) -> Result<Vec<Blueprint>, BlueprintError> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| BlueprintError::Io {
        file: file.clone(),
        message: e.to_string(),
    })?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        parse_blueprints_json(&file, &bytes)
    } else {
        parse_blueprints_csv(&file, &bytes)
    }
}

/// One parsed row or JSON domain, before grouping: where it was, which credential, which domain.
#[derive(Debug)]
struct Row {
    /// `line 3` or `$[0].domains[1]`.
    at: String,
    credential_id: String,
    domain: BlueprintDomain,
}

/// Collects diagnostics for one file.
struct Findings {
    file: String,
    diagnostics: Vec<Diagnostic>,
}

impl Findings {
    /// Starts an empty list for a file.
    fn new(file: &str) -> Findings {
        Findings {
            file: file.to_string(),
            diagnostics: Vec::new(),
        }
    }

    /// Records one error at a record position and field.
    fn error(&mut self, at: &str, field: &str, message: impl Into<String>) {
        let mut location = Location::file(&self.file).record(at);
        if !field.is_empty() {
            location = location.field(field);
        }
        self.diagnostics.push(Diagnostic::error(location, message));
    }

    /// The blueprints, or every problem found.
    fn finish(self, rows: Vec<Row>) -> Result<Vec<Blueprint>, BlueprintError> {
        let mut findings = self;
        let blueprints = group(rows, &mut findings);
        if findings.diagnostics.is_empty() {
            Ok(blueprints)
        } else {
            Err(BlueprintError::Invalid {
                file: findings.file,
                diagnostics: findings.diagnostics,
            })
        }
    }
}

/// Parses CSV with a header naming `credential_id`, `domain` and `weight` (any order, any case;
/// `weight_percent` is accepted for `weight`; a trailing `%` on a weight is allowed).
pub fn parse_blueprints_csv(file: &str, bytes: &[u8]) -> Result<Vec<Blueprint>, BlueprintError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut findings = Findings::new(file);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let Some(columns) = header(&mut reader, &mut findings) else {
        return findings.finish(Vec::new());
    };
    let mut rows = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => rows.extend(csv_row(&record, columns, &mut findings)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                findings.error(&format!("line {line}"), "", format!("unreadable CSV: {e}"));
            }
        }
    }
    if rows.is_empty() && findings.diagnostics.is_empty() {
        findings.error("line 2", "", "no blueprint rows");
    }
    findings.finish(rows)
}

/// Column positions of credential id, domain and weight.
type Columns = (usize, usize, usize);

/// Finds the three required columns in the header, reporting the missing ones.
fn header(reader: &mut csv::Reader<&[u8]>, findings: &mut Findings) -> Option<Columns> {
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            findings.error("line 1", "", format!("unreadable CSV header: {e}"));
            return None;
        }
    };
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let id = find(&["credential_id", "ctid", "credential"]);
    let domain = find(&["domain", "domain_name", "name"]);
    let weight = find(&["weight", "weight_percent", "percent"]);
    for (col, name) in [
        (id, "credential_id"),
        (domain, "domain"),
        (weight, "weight"),
    ] {
        if col.is_none() {
            findings.error("line 1", name, format!("header has no `{name}` column"));
        }
    }
    Some((id?, domain?, weight?))
}

/// One CSV data row, or errors for its bad fields.
fn csv_row(record: &csv::StringRecord, columns: Columns, findings: &mut Findings) -> Option<Row> {
    let line = record.position().map_or(0, |p| p.line());
    let at = format!("line {line}");
    if record.iter().all(str::is_empty) {
        return None;
    }
    let (id_col, domain_col, weight_col) = columns;
    let credential_id = required(record.get(id_col), &at, "credential_id", findings);
    let name = required(record.get(domain_col), &at, "domain", findings);
    let weight = match record.get(weight_col) {
        None | Some("") => {
            findings.error(&at, "weight", "weight is empty");
            None
        }
        Some(raw) => weight(raw.trim_end_matches('%').trim(), &at, findings),
    };
    Some(Row {
        at,
        credential_id: credential_id?,
        domain: BlueprintDomain {
            name: name?,
            weight_percent: weight?,
        },
    })
}

/// A non-empty text field, or an error.
fn required(value: Option<&str>, at: &str, field: &str, findings: &mut Findings) -> Option<String> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => Some(v.to_string()),
        None => {
            findings.error(at, field, format!("`{field}` is empty"));
            None
        }
    }
}

/// A weight in percent: a finite number above 0 and at most 100.
fn weight(raw: &str, at: &str, findings: &mut Findings) -> Option<f64> {
    match raw.parse::<f64>() {
        Ok(w) if w.is_finite() && w > 0.0 && w <= 100.0 => Some(w),
        Ok(w) => {
            findings.error(
                at,
                "weight",
                format!("weight {w} is not a percentage above 0 and at most 100"),
            );
            None
        }
        Err(_) => {
            findings.error(at, "weight", format!("weight `{raw}` is not a number"));
            None
        }
    }
}

/// Parses JSON: an array of `{"credential_id", "domains": [{"name", "weight"}]}` objects, one
/// such object, or `{"blueprints": [...]}`. `weight_percent` is accepted for `weight`, and
/// `domain` for `name`.
pub fn parse_blueprints_json(file: &str, bytes: &[u8]) -> Result<Vec<Blueprint>, BlueprintError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut findings = Findings::new(file);
    let doc: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            let at = format!("line {}, column {}", e.line(), e.column());
            findings.error(&at, "", format!("invalid JSON: {e}"));
            return findings.finish(Vec::new());
        }
    };
    let (items, base) = match &doc {
        Value::Array(items) => (items.iter().collect::<Vec<_>>(), "$".to_string()),
        Value::Object(map) => match map.get("blueprints") {
            Some(Value::Array(items)) => (items.iter().collect(), "$.blueprints".to_string()),
            Some(_) => {
                findings.error(
                    "$.blueprints",
                    "blueprints",
                    "`blueprints` must be an array",
                );
                return findings.finish(Vec::new());
            }
            None => (vec![&doc], String::new()),
        },
        _ => {
            findings.error("$", "", "expected an array or an object of blueprints");
            return findings.finish(Vec::new());
        }
    };
    let mut rows = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let path = if base.is_empty() {
            "$".to_string()
        } else {
            format!("{base}[{i}]")
        };
        rows.extend(json_blueprint(item, &path, &mut findings));
    }
    if rows.is_empty() && findings.diagnostics.is_empty() {
        findings.error("$", "domains", "no blueprint domains");
    }
    findings.finish(rows)
}

/// The domains of one JSON blueprint object, as rows.
fn json_blueprint(item: &Value, path: &str, findings: &mut Findings) -> Vec<Row> {
    let Some(map) = item.as_object() else {
        findings.error(path, "", "a blueprint must be an object");
        return Vec::new();
    };
    let id = json_text(map.get("credential_id").or_else(|| map.get("ctid")));
    let Some(id) = id else {
        findings.error(
            &format!("{path}.credential_id"),
            "credential_id",
            "`credential_id` must be a non-empty string",
        );
        return Vec::new();
    };
    let Some(domains) = map.get("domains").and_then(Value::as_array) else {
        findings.error(
            &format!("{path}.domains"),
            "domains",
            "`domains` must be an array",
        );
        return Vec::new();
    };
    domains
        .iter()
        .enumerate()
        .filter_map(|(j, d)| json_domain(d, &format!("{path}.domains[{j}]"), &id, findings))
        .collect()
}

/// One JSON domain object.
fn json_domain(d: &Value, path: &str, id: &str, findings: &mut Findings) -> Option<Row> {
    let Some(map) = d.as_object() else {
        findings.error(path, "", "a domain must be an object");
        return None;
    };
    let name = json_text(map.get("name").or_else(|| map.get("domain")));
    if name.is_none() {
        findings.error(
            &format!("{path}.name"),
            "name",
            "`name` must be a non-empty string",
        );
    }
    let raw = map.get("weight").or_else(|| map.get("weight_percent"));
    let at = format!("{path}.weight");
    let weight = match raw {
        Some(Value::Number(n)) => n
            .as_f64()
            .and_then(|w| weight(&w.to_string(), &at, findings)),
        Some(Value::String(s)) => weight(s.trim_end_matches('%').trim(), &at, findings),
        _ => {
            findings.error(&at, "weight", "`weight` must be a number");
            None
        }
    };
    Some(Row {
        at: path.to_string(),
        credential_id: id.to_string(),
        domain: BlueprintDomain {
            name: name?,
            weight_percent: weight?,
        },
    })
}

/// A non-empty trimmed string value.
fn json_text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Groups rows by credential (first-seen order), rejecting duplicate domains and weights that do
/// not sum to 100 ± [`SUM_TOLERANCE`].
fn group(rows: Vec<Row>, findings: &mut Findings) -> Vec<Blueprint> {
    let mut out: Vec<(Blueprint, Vec<String>)> = Vec::new();
    for row in rows {
        let at = out
            .iter()
            .position(|(b, _)| b.credential_id == row.credential_id);
        let (blueprint, places) = match at {
            Some(i) => &mut out[i],
            None => {
                out.push((
                    Blueprint {
                        credential_id: row.credential_id.clone(),
                        domains: Vec::new(),
                    },
                    Vec::new(),
                ));
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        let duplicate = blueprint
            .domains
            .iter()
            .any(|d| d.name.eq_ignore_ascii_case(&row.domain.name));
        if duplicate {
            let msg = format!(
                "domain `{}` appears twice for `{}`",
                row.domain.name, row.credential_id
            );
            findings.error(&row.at, "domain", msg);
        }
        blueprint.domains.push(row.domain);
        places.push(row.at);
    }
    out.into_iter()
        .map(|(b, places)| check_sum(b, &places, findings))
        .collect()
}

/// Reports a blueprint whose weights do not sum to 100.
fn check_sum(blueprint: Blueprint, places: &[String], findings: &mut Findings) -> Blueprint {
    let sum: f64 = blueprint.domains.iter().map(|d| d.weight_percent).sum();
    if (sum - 100.0).abs() > SUM_TOLERANCE {
        let first = places.first().map_or("", String::as_str);
        let last = places.last().map_or("", String::as_str);
        let at = if first == last {
            first.to_string()
        } else {
            format!("{first} to {last}")
        };
        let hint = if (sum - 1.0).abs() <= 0.005 {
            " (fractions? give percentages)"
        } else {
            ""
        };
        let msg = format!(
            "weights of `{}` sum to {sum:.2}%, not 100% (±{SUM_TOLERANCE}){hint}",
            blueprint.credential_id
        );
        findings.error(&at, "weight", msg);
    }
    blueprint
}
