//! Generic credential lists in CSV (`--format csv`) with a column mapping: which column holds the id,
//! name, and optionally the CTDL type, issuer, SOC, CIP and description. Without a type column the
//! records stay unclassified.

use std::path::Path;

use credence_model::{AgentRef, Code, CodeScheme, Diagnostic, Record};

use crate::csvrows::{blank_record, clean_name, load, Row, Table};
use crate::ctdl::codes::detect;
use crate::{ImportOutcome, RegistryError};

/// Which CSV columns hold which record fields, plus how to name the records and their source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMapping {
    /// Column with the row id (required; letters, digits, `.`, `_`, `-`).
    pub id: String,
    /// Column with the credential name (required).
    pub name: String,
    /// Column with the CTDL type (`Certification` or `ceterms:Certification`).
    pub ctdl_type: Option<String>,
    /// Column with the issuing organization's name.
    pub issuer: Option<String>,
    /// Column with a SOC or O*NET-SOC code.
    pub soc: Option<String>,
    /// Column with a CIP code.
    pub cip: Option<String>,
    /// Column with a description.
    pub description: Option<String>,
    /// Record ids are `{id_prefix}-{id}`.
    pub id_prefix: String,
    /// Provenance source text.
    pub source: String,
}

impl Default for ListMapping {
    fn default() -> Self {
        ListMapping {
            id: "id".into(),
            name: "name".into(),
            ctdl_type: None,
            issuer: None,
            soc: None,
            cip: None,
            description: None,
            id_prefix: "list".into(),
            source: "Credential list (CSV)".into(),
        }
    }
}

impl ListMapping {
    /// Reads `id=ID,name=NAME,type=KIND,issuer=…,soc=…,cip=…,description=…` (as given to `--map`).
    pub fn parse(spec: &str) -> Result<ListMapping, RegistryError> {
        let mut m = ListMapping::default();
        let fail = |message: String| RegistryError::Mapping {
            spec: spec.to_string(),
            message,
        };
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, column) = part
                .split_once('=')
                .ok_or_else(|| fail(format!("`{part}` is not `field=COLUMN`")))?;
            let column = column.trim().to_string();
            match key.trim() {
                "id" => m.id = column,
                "name" => m.name = column,
                "type" => m.ctdl_type = Some(column),
                "issuer" => m.issuer = Some(column),
                "soc" => m.soc = Some(column),
                "cip" => m.cip = Some(column),
                "description" => m.description = Some(column),
                "prefix" => m.id_prefix = column,
                other => return Err(fail(format!("unknown field `{other}`"))),
            }
        }
        Ok(m)
    }
}

/// Imports a CSV credential list with a column mapping; bad rows are error diagnostics.
pub fn import_list_csv(
    path: impl AsRef<Path>,
    mapping: &ListMapping,
) -> Result<ImportOutcome, RegistryError> {
    list_from_table(&load(path.as_ref())?, mapping)
}

/// Resolved column indexes of a mapping.
struct Columns {
    id: usize,
    name: usize,
    ctdl_type: Option<usize>,
    issuer: Option<usize>,
    soc: Option<usize>,
    cip: Option<usize>,
    description: Option<usize>,
}

/// Rows to records, after checking that every mapped column exists.
pub(crate) fn list_from_table(
    table: &Table,
    mapping: &ListMapping,
) -> Result<ImportOutcome, RegistryError> {
    let optional = |c: &Option<String>| c.as_deref().map(|c| table.column(c)).transpose();
    let cols = Columns {
        id: table.column(&mapping.id)?,
        name: table.column(&mapping.name)?,
        ctdl_type: optional(&mapping.ctdl_type)?,
        issuer: optional(&mapping.issuer)?,
        soc: optional(&mapping.soc)?,
        cip: optional(&mapping.cip)?,
        description: optional(&mapping.description)?,
    };
    let mut out = table.outcome();
    for row in &table.rows {
        let mut diags = Vec::new();
        let record = list_record(table, row, mapping, &cols, &mut diags);
        out.diagnostics.extend(diags);
        match record {
            Some(r) => out.records.push(r),
            None => out.rejected += 1,
        }
    }
    Ok(out)
}

/// One row; `None` when the id or name is missing or the id is not URL-safe.
fn list_record(
    table: &Table,
    row: &Row,
    m: &ListMapping,
    cols: &Columns,
    diags: &mut Vec<Diagnostic>,
) -> Option<Record> {
    let id = row.get(Some(cols.id));
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if !id_ok {
        let msg = if id.is_empty() {
            "id is missing".to_string()
        } else {
            format!("id `{id}` must be letters, digits, `.`, `_` or `-`")
        };
        diags.push(Diagnostic::error(table.location(row, &m.id), msg));
    }
    let name = clean_name(row.get(Some(cols.name)));
    if name.is_empty() {
        diags.push(Diagnostic::error(
            table.location(row, &m.name),
            "name is missing",
        ));
    }
    if !id_ok || name.is_empty() {
        return None;
    }
    let raw_type = row.get(cols.ctdl_type);
    let ctdl_type = match raw_type {
        "" => String::new(),
        t if t.contains(':') => t.to_string(),
        t => format!("ceterms:{t}"),
    };
    let provenance = table.provenance(row, &m.source, "as stated by the list publisher");
    let mut r = blank_record(
        format!("{}-{id}", m.id_prefix),
        &ctdl_type,
        !ctdl_type.is_empty(),
        name,
        table.document(row),
        provenance,
    );
    r.description = Some(clean_name(row.get(cols.description))).filter(|d| !d.is_empty());
    let issuer = clean_name(row.get(cols.issuer));
    if !issuer.is_empty() {
        r.agents.push(AgentRef {
            role: "ceterms:ownedBy".into(),
            id: None,
            name: Some(issuer),
        });
    }
    r.codes = row_codes(table, row, m, cols, diags);
    Some(r)
}

/// SOC and CIP codes of a row; text that is not such a code is a warning.
fn row_codes(
    table: &Table,
    row: &Row,
    m: &ListMapping,
    cols: &Columns,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Code> {
    let wanted: [(Option<usize>, &Option<String>, &[CodeScheme]); 2] = [
        (
            cols.soc,
            &m.soc,
            &[CodeScheme::OnetSoc, CodeScheme::Soc2018],
        ),
        (cols.cip, &m.cip, &[CodeScheme::Cip2020]),
    ];
    let mut codes = Vec::new();
    for (col, name, schemes) in wanted {
        let raw = row.get(col);
        if raw.is_empty() {
            continue;
        }
        match detect(raw, false) {
            Some((scheme, code)) if schemes.contains(&scheme) => codes.push(Code {
                scheme,
                code,
                label: None,
            }),
            _ => {
                let field = name.as_deref().unwrap_or_default();
                diags.push(Diagnostic::warning(
                    table.location(row, field),
                    format!("`{raw}` is not a valid code"),
                ));
            }
        }
    }
    codes
}
