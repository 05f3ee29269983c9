//! Credential lists to value: a state's approved or funded list, or a district's or college's
//! awards with counts by year, from CSV or XLSX with a field mapping.
//!
//! Every row is reported when something is off — missing name (rejected), duplicate row (kept
//! once), a year other than the list's main year, a missing or unreadable count — with file,
//! line and field. Nothing is dropped silently: rejected rows are listed with their reason.

use std::collections::BTreeMap;
use std::path::Path;

use credence_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};

use crate::ValueError;

/// Which columns hold which fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFieldMap {
    /// Credential name (required).
    pub name: String,
    /// The list's own id for the entry.
    pub id: Option<String>,
    /// Issuer name.
    pub issuer: Option<String>,
    /// Number awarded.
    pub awards: Option<String>,
    /// Year of the awards or listing.
    pub year: Option<String>,
    /// Career cluster as the list states it.
    pub cluster: Option<String>,
    /// SOC code the list links the entry to.
    pub soc: Option<String>,
}

impl ListFieldMap {
    /// The New Jersey ETPL industry-credential table (`ID`, `NAME`, `ISSUERID`).
    pub fn nj_industry() -> ListFieldMap {
        ListFieldMap {
            name: "NAME".into(),
            id: Some("ID".into()),
            issuer: None,
            awards: None,
            year: None,
            cluster: None,
            soc: None,
        }
    }

    /// Reads `name=COL,id=COL,issuer=COL,awards=COL,year=COL,cluster=COL,soc=COL`.
    pub fn parse(spec: &str) -> Result<ListFieldMap, String> {
        let mut m = ListFieldMap {
            name: "name".into(),
            id: None,
            issuer: None,
            awards: None,
            year: None,
            cluster: None,
            soc: None,
        };
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not `field=COLUMN`"))?;
            let v = v.trim().to_string();
            match k.trim() {
                "name" => m.name = v,
                "id" => m.id = Some(v),
                "issuer" => m.issuer = Some(v),
                "awards" | "count" => m.awards = Some(v),
                "year" => m.year = Some(v),
                "cluster" => m.cluster = Some(v),
                "soc" => m.soc = Some(v),
                other => {
                    return Err(format!(
                    "unknown field `{other}` (known: name, id, issuer, awards, year, cluster, soc)"
                ))
                }
            }
        }
        Ok(m)
    }
}

/// One accepted row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListEntry {
    /// 1-based line (CSV, header = 1) or spreadsheet row.
    pub line: usize,
    /// The list's id for it, if mapped.
    pub list_id: Option<String>,
    /// Name as written (whitespace collapsed).
    pub name: String,
    /// Issuer as written.
    pub issuer: Option<String>,
    /// Awards, when mapped and readable.
    pub awards: Option<u64>,
    /// Year, when mapped and readable.
    pub year: Option<i32>,
    /// Career cluster as the list states it.
    pub cluster: Option<String>,
    /// SOC code as the list states it.
    pub soc: Option<String>,
}

/// A list as read: accepted entries, rejected rows and every finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueList {
    /// Name of the list (file stem unless given).
    pub name: String,
    /// File as named.
    pub file: String,
    /// Accepted entries, in file order, duplicates removed.
    pub entries: Vec<ListEntry>,
    /// Rows not used, with the reason (line, reason).
    pub rejected: Vec<(usize, String)>,
    /// Every finding with file, line and field.
    pub diagnostics: Vec<Diagnostic>,
    /// The year most rows carry, when years are mapped.
    pub main_year: Option<i32>,
}

impl ValueList {
    /// Total awards over entries that have a count.
    pub fn total_awards(&self) -> u64 {
        self.entries.iter().filter_map(|e| e.awards).sum()
    }

    /// Whether any entry has an award count.
    pub fn has_awards(&self) -> bool {
        self.entries.iter().any(|e| e.awards.is_some())
    }
}

/// A table of strings: header plus rows with their line numbers.
struct Table {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV or XLSX list (by extension; `.xlsx`, `.xlsm`, `.xls`, `.ods` go to calamine).
pub fn read_list(
    path: &Path,
    map: &ListFieldMap,
    year: Option<i32>,
) -> Result<ValueList, ValueError> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let table = if ["xlsx", "xlsm", "xls", "xlsb", "ods"].contains(&ext.as_str()) {
        read_sheet(path, &file)?
    } else {
        let bytes = std::fs::read(path).map_err(|e| ValueError::Io {
            path: file.clone(),
            source: e,
        })?;
        read_csv(&bytes, &file)?
    };
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("list")
        .to_string();
    from_table(&table, map, &file, name, year)
}

/// Reads a list from CSV bytes (used by tests and fuzzing; never panics).
pub fn read_csv_bytes(
    bytes: &[u8],
    file: &str,
    map: &ListFieldMap,
    year: Option<i32>,
) -> Result<ValueList, ValueError> {
    let table = read_csv(bytes, file)?;
    from_table(&table, map, file, file.to_string(), year)
}

fn read_csv(bytes: &[u8], file: &str) -> Result<Table, ValueError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ValueError::Unreadable {
            file: file.to_string(),
            message: format!("header: {e}"),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for rec in reader.byte_records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                rows.push((
                    line,
                    r.iter()
                        .map(|c| String::from_utf8_lossy(c).trim().to_string())
                        .collect(),
                ));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                rows.push((line, vec![format!("\u{0}unreadable: {e}")]));
            }
        }
    }
    Ok(Table { header, rows })
}

fn read_sheet(path: &Path, file: &str) -> Result<Table, ValueError> {
    use calamine::{open_workbook_auto, Data, Reader};
    let unreadable = |m: String| ValueError::Unreadable {
        file: file.to_string(),
        message: m,
    };
    let mut wb = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    let sheet = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| unreadable("the workbook has no sheets".into()))?;
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| unreadable(e.to_string()))?;
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let cell = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_string(),
    };
    let mut rows_iter = range.rows();
    let header: Vec<String> = rows_iter
        .next()
        .map(|r| r.iter().map(cell).collect())
        .unwrap_or_default();
    let rows = rows_iter
        .enumerate()
        .map(|(i, r)| (start_row + i + 2, r.iter().map(cell).collect()))
        .collect();
    Ok(Table { header, rows })
}

fn from_table(
    table: &Table,
    map: &ListFieldMap,
    file: &str,
    name: String,
    year_filter: Option<i32>,
) -> Result<ValueList, ValueError> {
    let col = |c: &str| table.header.iter().position(|h| h.eq_ignore_ascii_case(c));
    let mut missing_cols = Vec::new();
    let mut need = |field: &str, c: &Option<String>| -> Option<usize> {
        let c = c.as_ref()?;
        let found = col(c);
        if found.is_none() {
            missing_cols.push(Diagnostic::error(
                Location::file(file).record("line 1").field(c.clone()),
                format!(
                    "column `{c}` (mapped to {field}) is not in the header ({})",
                    table.header.join(", ")
                ),
            ));
        }
        found
    };
    let name_col = need("name", &Some(map.name.clone()));
    let id_col = need("id", &map.id);
    let issuer_col = need("issuer", &map.issuer);
    let awards_col = need("awards", &map.awards);
    let year_col = need("year", &map.year);
    let cluster_col = need("cluster", &map.cluster);
    let soc_col = need("soc", &map.soc);
    if !missing_cols.is_empty() {
        return Err(ValueError::Rejected {
            file: file.to_string(),
            diagnostics: missing_cols,
        });
    }
    let name_col = name_col.unwrap_or(0);
    let get = |row: &[String], c: Option<usize>| -> String {
        c.and_then(|c| row.get(c))
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    let loc = |line: usize, field: &str| {
        Location::file(file)
            .record(format!("line {line}"))
            .field(field)
    };
    let mut out = ValueList {
        name,
        file: file.to_string(),
        entries: Vec::new(),
        rejected: Vec::new(),
        diagnostics: Vec::new(),
        main_year: None,
    };
    let mut seen: BTreeMap<(String, Option<i32>, String), usize> = BTreeMap::new();
    for (line, row) in &table.rows {
        let line = *line;
        if let Some(msg) = row.first().and_then(|c| c.strip_prefix('\u{0}')) {
            out.diagnostics
                .push(Diagnostic::error(loc(line, ""), msg.to_string()));
            out.rejected.push((line, msg.to_string()));
            continue;
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let entry_name = get(row, Some(name_col));
        if entry_name.is_empty() {
            let reason = "name is missing".to_string();
            out.diagnostics
                .push(Diagnostic::error(loc(line, &map.name), reason.clone()));
            out.rejected.push((line, reason));
            continue;
        }
        let awards = match awards_col {
            None => None,
            Some(c) => {
                let raw = get(row, Some(c)).replace(',', "");
                let field = map.awards.as_deref().unwrap_or("awards");
                if raw.is_empty() {
                    out.diagnostics.push(Diagnostic::warning(
                        loc(line, field),
                        "award count is missing: the entry counts in listed shares, not in awards-weighted ones",
                    ));
                    None
                } else {
                    match raw.parse::<f64>() {
                        Ok(x) if x >= 0.0 && x.fract() == 0.0 && x < 1e12 => Some(x as u64),
                        _ => {
                            out.diagnostics.push(Diagnostic::warning(
                                loc(line, field),
                                format!("award count `{raw}` is not a whole number ≥ 0: left out of awards-weighted shares"),
                            ));
                            None
                        }
                    }
                }
            }
        };
        let year = match year_col {
            None => None,
            Some(c) => {
                let raw = get(row, Some(c));
                let field = map.year.as_deref().unwrap_or("year");
                let parsed = raw
                    .get(..4)
                    .and_then(|y| y.parse::<i32>().ok())
                    .filter(|y| (1900..=2100).contains(y));
                if parsed.is_none() {
                    out.diagnostics.push(Diagnostic::warning(
                        loc(line, field),
                        if raw.is_empty() {
                            "year is missing".to_string()
                        } else {
                            format!("year `{raw}` is not a year")
                        },
                    ));
                }
                parsed
            }
        };
        if let (Some(want), Some(y)) = (year_filter, year) {
            if want != y {
                out.rejected
                    .push((line, format!("year {y} is not the selected year {want}")));
                continue;
            }
        }
        let list_id = Some(get(row, id_col)).filter(|s| !s.is_empty());
        let key = (
            entry_name.to_lowercase(),
            year,
            list_id.clone().unwrap_or_default(),
        );
        if let Some(first) = seen.get(&key) {
            let reason =
                format!("duplicate of line {first} (same name, id and year): counted once");
            out.diagnostics
                .push(Diagnostic::warning(loc(line, &map.name), reason.clone()));
            out.rejected.push((line, reason));
            continue;
        }
        seen.insert(key, line);
        out.entries.push(ListEntry {
            line,
            list_id,
            name: entry_name,
            issuer: Some(get(row, issuer_col)).filter(|s| !s.is_empty()),
            awards,
            year,
            cluster: Some(get(row, cluster_col)).filter(|s| !s.is_empty()),
            soc: Some(get(row, soc_col)).filter(|s| !s.is_empty()),
        });
    }
    // Mixed years: the main year is the most common; other rows are flagged one by one.
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    for e in &out.entries {
        if let Some(y) = e.year {
            *years.entry(y).or_default() += 1;
        }
    }
    out.main_year = years
        .iter()
        .max_by_key(|(y, n)| (**n, **y))
        .map(|(y, _)| *y);
    if years.len() > 1 {
        let all: Vec<String> = years.keys().map(|y| y.to_string()).collect();
        for e in &out.entries {
            if let (Some(y), Some(main)) = (e.year, out.main_year) {
                if y != main {
                    out.diagnostics.push(Diagnostic::warning(
                        loc(e.line, map.year.as_deref().unwrap_or("year")),
                        format!(
                            "list mixes years ({}): this row is {y}, most rows are {main}; awards are summed across years unless a year is selected",
                            all.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    Ok(out)
}
