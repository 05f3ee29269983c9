//! New Jersey ETPL tables (newjersey/dol-mcnj-main, MIT): industry credentials and state licenses.
//!
//! Industry credentials carry no CTDL type, so they stay unclassified (never guessed); rows marked
//! `ISDELETED=1` are kept as retired. Licenses carry an O*NET-SOC code, from which the SOC 6-digit code
//! is derived.

use std::path::Path;

use credence_model::{AgentRef, Code, CodeScheme, Diagnostic, Lifecycle, Record};

use crate::csvrows::{blank_record, clean_name, load, parse_date, Row, Table};
use crate::ctdl::codes::detect;
use crate::{ImportOutcome, RegistryError};

/// Provenance source of industry credentials.
const INDUSTRY_SOURCE: &str =
    "New Jersey ETPL industry credentials (NJ Department of Labor, via newjersey/dol-mcnj-main, MIT)";
/// Provenance source of licenses.
const LICENSE_SOURCE: &str =
    "New Jersey ETPL licenses (NJ Department of Labor, via newjersey/dol-mcnj-main, MIT)";
/// License statement for both tables.
const LICENSE: &str = "MIT (newjersey/dol-mcnj-main, © 2020 Data for the American Dream)";
/// Date columns checked in both tables.
const DATE_COLUMNS: &[&str] = &["DATECREATED", "DATELASTMODIFIED", "DATEDELETED"];

/// Imports `TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv`: unclassified credentials with their issuer id.
pub fn import_nj_industry(path: impl AsRef<Path>) -> Result<ImportOutcome, RegistryError> {
    industry_from_table(&load(path.as_ref())?)
}

/// Imports `TBLLICENSE_DATA_TABLE.csv`: New Jersey licenses with O*NET-SOC codes.
pub fn import_nj_license(path: impl AsRef<Path>) -> Result<ImportOutcome, RegistryError> {
    license_from_table(&load(path.as_ref())?)
}

/// Industry rows to records.
pub(crate) fn industry_from_table(table: &Table) -> Result<ImportOutcome, RegistryError> {
    let issuer = table.optional_column("ISSUERID");
    import_rows(table, |row, diags| {
        let (id, name) = id_and_name(table, row, diags)?;
        let mut r = blank_record(
            format!("nj-industry-{id}"),
            "ceterms:Credential",
            false,
            name,
            table.document(row),
            table.provenance(row, INDUSTRY_SOURCE, LICENSE),
        );
        r.lifecycle = lifecycle(table, row, diags);
        let issuer_id = row.get(issuer);
        if !issuer_id.is_empty() {
            if !issuer_id.chars().all(|c| c.is_ascii_digit()) {
                let msg = format!("issuer id `{issuer_id}` is not numeric");
                diags.push(Diagnostic::warning(table.location(row, "ISSUERID"), msg));
            }
            r.agents.push(AgentRef {
                role: "nj:issuer".into(),
                id: Some(format!("nj-issuer-{issuer_id}")),
                name: None,
            });
        }
        Some(r)
    })
}

/// License rows to records.
pub(crate) fn license_from_table(table: &Table) -> Result<ImportOutcome, RegistryError> {
    let code = table.optional_column("CODE");
    import_rows(table, |row, diags| {
        let (id, name) = id_and_name(table, row, diags)?;
        let mut r = blank_record(
            format!("nj-license-{id}"),
            "ceterms:License",
            true,
            name,
            table.document(row),
            table.provenance(row, LICENSE_SOURCE, LICENSE),
        );
        r.lifecycle = lifecycle(table, row, diags);
        r.codes = license_codes(table, row, row.get(code), diags);
        r.jurisdictions = vec!["NJ".to_string()];
        r.agents.push(AgentRef {
            role: "ceterms:regulatedBy".into(),
            id: None,
            name: Some("State of New Jersey".into()),
        });
        Some(r)
    })
}

/// Runs `build` on every row after checking the required columns; rows with errors are rejected.
fn import_rows(
    table: &Table,
    build: impl Fn(&Row, &mut Vec<Diagnostic>) -> Option<Record>,
) -> Result<ImportOutcome, RegistryError> {
    table.column("ID")?;
    table.column("NAME")?;
    let mut out = table.outcome();
    for row in &table.rows {
        let mut diags = Vec::new();
        check_dates(table, row, &mut diags);
        let record = build(row, &mut diags);
        let failed = diags
            .iter()
            .any(|d| d.severity == credence_model::Severity::Error);
        out.diagnostics.extend(diags);
        match record {
            Some(r) if !failed => out.records.push(r),
            _ => out.rejected += 1,
        }
    }
    Ok(out)
}

/// The numeric `ID` and cleaned `NAME`; either missing is an error.
pub(crate) fn id_and_name(
    table: &Table,
    row: &Row,
    diags: &mut Vec<Diagnostic>,
) -> Option<(u64, String)> {
    let raw_id = row.get(table.optional_column("ID"));
    let id = raw_id.parse::<u64>().ok();
    if id.is_none() {
        let msg = if raw_id.is_empty() {
            "ID is missing".to_string()
        } else {
            format!("ID `{raw_id}` is not a number")
        };
        diags.push(Diagnostic::error(table.location(row, "ID"), msg));
    }
    let name = clean_name(row.get(table.optional_column("NAME")));
    if name.is_empty() {
        diags.push(Diagnostic::error(
            table.location(row, "NAME"),
            "NAME is missing",
        ));
    }
    Some((id?, Some(name).filter(|n| !n.is_empty())?))
}

/// `ISDELETED=1` is retired (kept, not live); `0` or empty is active.
fn lifecycle(table: &Table, row: &Row, diags: &mut Vec<Diagnostic>) -> Lifecycle {
    match row.get(table.optional_column("ISDELETED")) {
        "1" => Lifecycle::Retired,
        "0" | "" => Lifecycle::Active,
        other => {
            let msg = format!("ISDELETED `{other}` is neither 0 nor 1");
            diags.push(Diagnostic::warning(table.location(row, "ISDELETED"), msg));
            Lifecycle::Unknown
        }
    }
}

/// Warns about dates that are present but unreadable.
fn check_dates(table: &Table, row: &Row, diags: &mut Vec<Diagnostic>) {
    for column in DATE_COLUMNS {
        let raw = row.get(table.optional_column(column));
        if parse_date(raw).is_err() {
            let msg = format!("date `{raw}` is not like `02-NOV-18`");
            diags.push(Diagnostic::warning(table.location(row, column), msg));
        }
    }
}

/// The O*NET-SOC code and the SOC 6-digit code it belongs to; anything else is a warning.
fn license_codes(table: &Table, row: &Row, raw: &str, diags: &mut Vec<Diagnostic>) -> Vec<Code> {
    if raw.is_empty() {
        return Vec::new();
    }
    match detect(raw, false) {
        Some((CodeScheme::OnetSoc, onet)) => {
            let soc = onet.get(..7).unwrap_or(&onet).to_string();
            vec![
                Code {
                    scheme: CodeScheme::OnetSoc,
                    code: onet,
                    label: None,
                },
                Code {
                    scheme: CodeScheme::Soc2018,
                    code: soc,
                    label: None,
                },
            ]
        }
        Some((CodeScheme::Soc2018, soc)) => vec![Code {
            scheme: CodeScheme::Soc2018,
            code: soc,
            label: None,
        }],
        _ => {
            let msg = format!("CODE `{raw}` is not an O*NET-SOC code");
            diags.push(Diagnostic::warning(table.location(row, "CODE"), msg));
            Vec::new()
        }
    }
}
