//! Published outcome tables, imported as their own kind of evidence beside computed outcomes:
//! New Jersey ETPL program outcomes (suppression code `-99999`) and the Census Bureau's
//! Post-Secondary Employment Outcomes (PSEO) earnings and flows files with the institution label
//! file. A suppressed cell stays suppressed with its flag; it is never read as zero.

use std::collections::HashMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::{OutcomesError, Reject};

/// Which published layout a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublishedFormat {
    /// NJ ETPL consumer report card outcomes by provider × CIP (`outcomes_schcip.csv`).
    NjEtpl,
    /// Census PSEO earnings or flows CSV.
    Pseo,
}

impl std::str::FromStr for PublishedFormat {
    type Err = OutcomesError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "nj-etpl" => Ok(PublishedFormat::NjEtpl),
            "pseo" => Ok(PublishedFormat::Pseo),
            other => Err(OutcomesError::Invalid(format!(
                "unknown published format `{other}` (nj-etpl, pseo)"
            ))),
        }
    }
}

impl PublishedFormat {
    /// The source name stored with every row.
    pub fn source(self) -> &'static str {
        match self {
            PublishedFormat::NjEtpl => "NJ ETPL consumer report card (NJ Department of Labor)",
            PublishedFormat::Pseo => {
                "Post-Secondary Employment Outcomes (U.S. Census Bureau, LEHD)"
            }
        }
    }

    /// Short key (`nj-etpl`, `pseo`).
    pub fn key(self) -> &'static str {
        match self {
            PublishedFormat::NjEtpl => "nj-etpl",
            PublishedFormat::Pseo => "pseo",
        }
    }
}

/// One published figure (or its suppression).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedOutcome {
    /// `nj-etpl` or `pseo`.
    pub format: String,
    /// Provider id (ETPL) or OPEID institution code (PSEO).
    pub institution: String,
    /// Institution name from the label file, when given.
    pub institution_name: Option<String>,
    /// CIP code (`51.1020`, or a 2/4-digit family for PSEO aggregates).
    pub cip: Option<String>,
    /// PSEO degree level code (`01` certificate < 1 yr, `05` bachelor's, …).
    pub degree_level: Option<String>,
    /// PSEO graduation cohort (`2016`, span in years).
    pub cohort: Option<String>,
    /// Further breakdown (`geography=…;industry=…` for PSEO flows).
    pub detail: String,
    /// Measure id (`employment_q2`, `avg_quarterly_wage_q4`, `y1_p50_earnings`, `y5_grads_emp`…).
    pub measure: String,
    /// The value; `None` when suppressed or not available.
    pub value: Option<f64>,
    /// People the figure rests on, when published.
    pub n: Option<i64>,
    /// `published`, or the suppression flag in words (`suppressed (-99999)`, `suppressed (status 5)`).
    pub status: String,
}

/// What a published import produced.
#[derive(Debug, Default, Serialize)]
pub struct PublishedImport {
    /// Figures, one per measure per row.
    pub rows: Vec<PublishedOutcome>,
    /// Rejected records.
    pub rejects: Vec<Reject>,
    /// Data records read.
    pub records: usize,
}

/// Institution code → name, from the PSEO institution label file (`institution,label,…`).
pub fn read_labels<R: Read>(
    input: R,
    file: &str,
) -> Result<HashMap<String, String>, OutcomesError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = headers(&mut rdr, file)?;
    let inst = col(&headers, &["institution", "opeid"])
        .ok_or_else(|| fmt_err(file, "no `institution` column"))?;
    let label = col(
        &headers,
        &["label", "label_institution", "institution_name", "name"],
    )
    .ok_or_else(|| fmt_err(file, "no `label` column"))?;
    let mut out = HashMap::new();
    for rec in rdr.records().flatten() {
        if let (Some(i), Some(l)) = (rec.get(inst), rec.get(label)) {
            if !i.trim().is_empty() {
                out.insert(i.trim().to_string(), l.trim().chars().take(300).collect());
            }
        }
    }
    Ok(out)
}

fn fmt_err(file: &str, m: &str) -> OutcomesError {
    OutcomesError::Format {
        file: file.into(),
        message: m.into(),
    }
}

fn headers<R: Read>(rdr: &mut csv::Reader<R>, file: &str) -> Result<Vec<String>, OutcomesError> {
    Ok(rdr
        .byte_headers()
        .map_err(|e| fmt_err(file, &format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
        })
        .collect())
}

fn col(headers: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| headers.iter().position(|h| h == n))
}

/// `511020` / `51.1020` → `51.1020`; 2- and 4-digit PSEO families kept (`11`, `11.01`).
fn norm_cip(s: &str) -> Option<String> {
    let d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    match d.len() {
        2 => Some(d),
        4 => Some(format!("{}.{}", &d[..2], &d[2..])),
        6 => Some(format!("{}.{}", &d[..2], &d[2..])),
        _ => None,
    }
}

/// The NJ ETPL measures: (column, measure id, column holding its n, is a rate).
const ETPL: &[(&str, &str, &str, bool)] = &[
    ("peremployed2", "employment_q2", "numcompleted2", true),
    ("peremployed4", "employment_q4", "numcompleted4", true),
    ("peremployed8", "employment_q8", "numcompleted8", true),
    (
        "avgquarterlywage2",
        "avg_quarterly_wage_q2",
        "numusedwagecalc2",
        false,
    ),
    (
        "avgquarterlywage4",
        "avg_quarterly_wage_q4",
        "numusedwagecalc4",
        false,
    ),
    (
        "avgquarterlywage8",
        "avg_quarterly_wage_q8",
        "numusedwagecalc8",
        false,
    ),
    (
        "perretention4",
        "retention_q4",
        "numusedretentioncalc4",
        true,
    ),
    (
        "perretention8",
        "retention_q8",
        "numusedretentioncalc8",
        true,
    ),
];

/// The ETPL suppression code.
pub const ETPL_SUPPRESSED: &str = "-99999";

/// Reads any published file in the given layout.
pub fn read_published<R: Read>(
    input: R,
    file: &str,
    format: PublishedFormat,
    labels: &HashMap<String, String>,
) -> Result<PublishedImport, OutcomesError> {
    match format {
        PublishedFormat::NjEtpl => read_etpl(input, file),
        PublishedFormat::Pseo => read_pseo(input, file, labels),
    }
}

fn read_etpl<R: Read>(input: R, file: &str) -> Result<PublishedImport, OutcomesError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let h = headers(&mut rdr, file)?;
    let provider = col(&h, &["providerid"])
        .ok_or_else(|| fmt_err(file, "no `providerid` column (NJ ETPL outcomes layout)"))?;
    let cip = col(&h, &["cipcode"]).ok_or_else(|| fmt_err(file, "no `cipcode` column"))?;
    let cols: Vec<(usize, &str, Option<usize>, bool, &str)> = ETPL
        .iter()
        .filter_map(|(c, m, n, rate)| col(&h, &[*c]).map(|i| (i, *m, col(&h, &[*n]), *rate, *c)))
        .collect();
    if cols.is_empty() {
        return Err(fmt_err(
            file,
            "none of the ETPL outcome columns (PerEmployed2, AvgQuarterlyWage2, …) is present",
        ));
    }
    let mut out = PublishedImport::default();
    for (i, rec) in rdr.records().enumerate() {
        out.records += 1;
        let line = format!("line {}", i + 2);
        let Ok(rec) = rec else {
            out.rejects
                .push(Reject::new(file, line, "", "malformed CSV record"));
            continue;
        };
        let inst = rec.get(provider).unwrap_or("").trim();
        if inst.is_empty() {
            out.rejects
                .push(Reject::new(file, line, "providerid", "missing provider id"));
            continue;
        }
        let Some(c) = rec
            .get(cip)
            .filter(|s| s.trim().len() == 6)
            .and_then(norm_cip)
        else {
            out.rejects.push(Reject::new(
                file,
                line,
                "cipcode",
                "CIP code must have 6 digits",
            ));
            continue;
        };
        let mut rows = Vec::new();
        let mut bad = None;
        for (idx, measure, n_idx, rate, name) in &cols {
            let raw = rec.get(*idx).unwrap_or("").trim();
            let n = n_idx
                .and_then(|j| rec.get(j))
                .and_then(|s| s.trim().parse::<i64>().ok())
                .filter(|n| *n >= 0);
            let (value, status) = if raw == ETPL_SUPPRESSED {
                (None, format!("suppressed ({ETPL_SUPPRESSED})"))
            } else if raw.is_empty() {
                (None, "not reported".to_string())
            } else {
                match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() && v >= 0.0 && (!rate || v <= 1.0) => {
                        (Some(v), "published".to_string())
                    }
                    Ok(_) => {
                        bad = Some((
                            *name,
                            if *rate {
                                "rate outside 0–1"
                            } else {
                                "negative or invalid wage"
                            },
                        ));
                        break;
                    }
                    Err(_) => {
                        bad = Some((*name, "not a number"));
                        break;
                    }
                }
            };
            rows.push(PublishedOutcome {
                format: "nj-etpl".into(),
                institution: inst.chars().take(64).collect(),
                institution_name: None,
                cip: Some(c.clone()),
                degree_level: None,
                cohort: None,
                detail: String::new(),
                measure: measure.to_string(),
                n: if value.is_some() { n } else { None },
                value,
                status,
            });
        }
        match bad {
            Some((field, why)) => out.rejects.push(Reject::new(file, line, field, why)),
            None => out.rows.extend(rows),
        }
    }
    Ok(out)
}

/// PSEO status flag in words; `None` for 1 (valid).
fn pseo_status(flag: &str) -> Option<String> {
    match flag.trim() {
        "1" | "" => None,
        "5" => Some("suppressed (status 5)".into()),
        "-1" => Some("not available (status -1)".into()),
        f => Some(format!(
            "flagged (status {})",
            f.chars().take(8).collect::<String>()
        )),
    }
}

fn read_pseo<R: Read>(
    input: R,
    file: &str,
    labels: &HashMap<String, String>,
) -> Result<PublishedImport, OutcomesError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let h = headers(&mut rdr, file)?;
    let inst = col(&h, &["institution"])
        .ok_or_else(|| fmt_err(file, "no `institution` column (PSEO layout)"))?;
    let cip = col(&h, &["cipcode"]);
    let degree = col(&h, &["degree_level"]);
    let cohort = col(&h, &["grad_cohort"]);
    let years = col(&h, &["grad_cohort_years"]);
    let geography = col(&h, &["geography"]);
    let industry = col(&h, &["industry"]);
    // Measures: y{1,5,10}_… columns. Earnings percentiles share status_y{t}_earnings and n
    // y{t}_grads_earn; other measures have their own status_<measure> column.
    let mut measures: Vec<(usize, String, Option<usize>, Option<usize>)> = Vec::new();
    for (i, name) in h.iter().enumerate() {
        let Some(t) = ["y1_", "y5_", "y10_"].iter().find(|p| name.starts_with(*p)) else {
            continue;
        };
        if name.ends_with("_ipeds_count") {
            continue;
        }
        let year = &t[..t.len() - 1];
        let (status, n) = if name.ends_with("_earnings") {
            let status = format!("status_{year}_earnings");
            let n = format!("{year}_grads_earn");
            (col(&h, &[status.as_str()]), col(&h, &[n.as_str()]))
        } else {
            let status = format!("status_{name}");
            (col(&h, &[status.as_str()]), None)
        };
        measures.push((i, name.clone(), status, n));
    }
    if measures.is_empty() {
        return Err(fmt_err(
            file,
            "no y1_/y5_/y10_ measure columns (PSEO earnings or flows layout)",
        ));
    }
    let mut out = PublishedImport::default();
    for (r, rec) in rdr.records().enumerate() {
        out.records += 1;
        let line = format!("line {}", r + 2);
        let Ok(rec) = rec else {
            out.rejects
                .push(Reject::new(file, line, "", "malformed CSV record"));
            continue;
        };
        let institution = rec.get(inst).unwrap_or("").trim().to_string();
        if institution.is_empty() {
            out.rejects.push(Reject::new(
                file,
                line,
                "institution",
                "missing institution",
            ));
            continue;
        }
        let get = |c: Option<usize>| {
            c.and_then(|i| rec.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let cip_code = match get(cip) {
            None => None,
            Some(s) => match norm_cip(s) {
                Some(c) => Some(c),
                None => {
                    out.rejects.push(Reject::new(
                        file,
                        line,
                        "cipcode",
                        "CIP code must have 2, 4 or 6 digits",
                    ));
                    continue;
                }
            },
        };
        let cohort_s = get(cohort).map(|c| match get(years) {
            Some(y) => format!("{c} ({y}-year)"),
            None => c.to_string(),
        });
        let mut detail = Vec::new();
        if let Some(g) = get(geography) {
            detail.push(format!("geography={g}"));
        }
        if let Some(i) = get(industry) {
            detail.push(format!("industry={i}"));
        }
        let mut rows = Vec::new();
        let mut bad = None;
        for (idx, name, status_idx, n_idx) in &measures {
            if name.ends_with("_grads_earn") {
                continue;
            }
            let flag = get(*status_idx).and_then(pseo_status);
            let raw = rec.get(*idx).unwrap_or("").trim();
            let (value, status) = match flag {
                Some(f) => (None, f),
                None if raw.is_empty() => (None, "not reported".to_string()),
                None => match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() && v >= 0.0 => (Some(v), "published".to_string()),
                    _ => {
                        bad = Some(name.clone());
                        break;
                    }
                },
            };
            let n = if value.is_some() {
                get(*n_idx).and_then(|s| s.parse::<i64>().ok())
            } else {
                None
            };
            rows.push(PublishedOutcome {
                format: "pseo".into(),
                institution: institution.chars().take(64).collect(),
                institution_name: labels.get(&institution).cloned(),
                cip: cip_code.clone(),
                degree_level: get(degree).map(|s| s.chars().take(8).collect()),
                cohort: cohort_s.clone(),
                detail: detail.join(";"),
                measure: name.clone(),
                value,
                n,
                status,
            });
        }
        match bad {
            Some(field) => {
                out.rejects
                    .push(Reject::new(file, line, &field, "negative or not a number"))
            }
            None => out.rows.extend(rows),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etpl_suppression_code_stays_suppressed() {
        let csv = "providerid,cipcode,PerEmployed2,PerEmployed4,PerEmployed8,AvgQuarterlyWage2,AvgQuarterlyWage4,AvgQuarterlyWage8,PerRetention4,PerRetention8,NumCompleted2,NumCompleted4,NumCompleted8,NumUsedWageCalc2,NumUsedWageCalc4,NumUsedWageCalc8,NumUsedRetentionCalc4,NumUsedRetentionCalc8\n\
                   37,120503,0.529411764705882,0.588235294117647,0.714285714285714,3034,5947,7548,0.8,0.8,17,17,7,9,10,5,10,5\n\
                   6,999999,-99999,-99999,-99999,-99999,-99999,-99999,-99999,-99999,3,3,3,0,0,0,0,0\n\
                   7,12,0.5,0.5,0.5,1,1,1,1,1,1,1,1,1,1,1,1,1\n\
                   8,120503,1.5,0.5,0.5,1,1,1,1,1,1,1,1,1,1,1,1,1\n";
        let out = read_published(
            csv.as_bytes(),
            "o.csv",
            PublishedFormat::NjEtpl,
            &HashMap::new(),
        )
        .unwrap();
        assert_eq!(out.records, 4);
        assert_eq!(out.rows.len(), 16);
        let e2 = &out.rows[0];
        assert_eq!(
            (e2.measure.as_str(), e2.cip.as_deref(), e2.n),
            ("employment_q2", Some("12.0503"), Some(17))
        );
        assert!((e2.value.unwrap() - 0.5294).abs() < 1e-3);
        let sup = &out.rows[8];
        assert_eq!(sup.institution, "6");
        assert_eq!(sup.value, None);
        assert_eq!(sup.status, "suppressed (-99999)");
        assert_eq!(out.rejects.len(), 2);
        assert_eq!(
            (out.rejects[0].field.as_str(), out.rejects[1].field.as_str()),
            ("cipcode", "peremployed2")
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_input_never_panics(s in "\\PC{0,400}", bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let labels = HashMap::new();
            for f in [PublishedFormat::NjEtpl, PublishedFormat::Pseo] {
                let _ = read_published(s.as_bytes(), "f.csv", f, &labels);
                let _ = read_published(&bytes[..], "f.csv", f, &labels);
            }
            let etpl = format!("providerid,cipcode,PerEmployed2,NumCompleted2\n{s}");
            let _ = read_published(etpl.as_bytes(), "f.csv", PublishedFormat::NjEtpl, &labels);
            let pseo = format!("institution,cipcode,y1_p50_earnings,status_y1_earnings,y1_grads_earn\n{s}");
            let _ = read_published(pseo.as_bytes(), "f.csv", PublishedFormat::Pseo, &labels);
            let _ = read_labels(&bytes[..], "l.csv");
        }
    }
}
