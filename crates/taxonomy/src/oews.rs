//! BLS OEWS national wages (May 2024), with BLS's special values kept distinct from numbers.
//!
//! Footnotes (from `oews_field_descriptions_may2024.txt`): `*` wage estimate not available,
//! `**` employment estimate not available, `#` wage ≥ $115.00/hour or $239,200/year (top-coded),
//! `~` under 0.5% of establishments report the occupation.

use credence_model::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::soc::soc_field;
use crate::table::{read_rows, shown, Format, Parsed, Row};
use crate::TaxonomyError;

/// BLS top code for annual wages: a `#` means at least this much.
pub const TOP_CODE_ANNUAL: f64 = 239_200.0;
/// BLS top code for hourly wages: a `#` means at least this much.
pub const TOP_CODE_HOURLY: f64 = 115.0;

/// SOC aggregation level of an OEWS row (`O_GROUP`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OewsGroup {
    /// All occupations (`00-0000`).
    Total,
    /// SOC major group.
    Major,
    /// SOC minor group.
    Minor,
    /// SOC broad occupation.
    Broad,
    /// Most detailed level OEWS publishes (may be a broad code or OEWS-specific aggregate).
    Detailed,
}

impl OewsGroup {
    /// Parses `O_GROUP` values (`total`, `major`, …).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "total" => Some(Self::Total),
            "major" => Some(Self::Major),
            "minor" => Some(Self::Minor),
            "broad" => Some(Self::Broad),
            "detailed" => Some(Self::Detailed),
            _ => None,
        }
    }
}

/// National employment and wage distribution for one occupation; `None` where BLS publishes none.
///
/// A top-coded value (`#`) is `None` and its field name (`a_pct90`) is listed in `top_coded`,
/// so it is never mistaken for a number; show it as "≥ $239,200" with [`format_wage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OewsWage {
    /// SOC code (`15-1252`; `00-0000` for all occupations).
    pub soc: String,
    /// OEWS occupation title.
    pub title: String,
    /// Aggregation level; some codes appear as both `broad` and `detailed`.
    pub group: OewsGroup,
    /// Employment, rounded to 10 (excludes self-employed).
    pub tot_emp: Option<f64>,
    /// Percent relative standard error of `tot_emp`.
    pub emp_prse: Option<f64>,
    /// Mean annual wage.
    pub a_mean: Option<f64>,
    /// Percent relative standard error of the mean wage.
    pub mean_prse: Option<f64>,
    /// Annual 10th percentile.
    pub a_pct10: Option<f64>,
    /// Annual 25th percentile.
    pub a_pct25: Option<f64>,
    /// Annual median.
    pub a_median: Option<f64>,
    /// Annual 75th percentile.
    pub a_pct75: Option<f64>,
    /// Annual 90th percentile.
    pub a_pct90: Option<f64>,
    /// Mean hourly wage.
    pub h_mean: Option<f64>,
    /// Hourly 10th percentile.
    pub h_pct10: Option<f64>,
    /// Hourly 25th percentile.
    pub h_pct25: Option<f64>,
    /// Hourly median.
    pub h_median: Option<f64>,
    /// Hourly 75th percentile.
    pub h_pct75: Option<f64>,
    /// Hourly 90th percentile.
    pub h_pct90: Option<f64>,
    /// BLS releases only annual wages (teachers, pilots): hourly values are absent by design.
    pub annual_only: bool,
    /// BLS releases only hourly wages (actors, musicians): annual values are absent by design.
    pub hourly_only: bool,
    /// Lower-case names of fields that are top-coded (`a_pct90`, `h_median`, …).
    pub top_coded: Vec<String>,
}

impl OewsWage {
    /// Whether `field` (`a_pct90`) was published as `#`, i.e. at or above the top code.
    pub fn is_top_coded(&self, field: &str) -> bool {
        self.top_coded.iter().any(|f| f.eq_ignore_ascii_case(field))
    }
}

/// Renders a wage for display: `$123,450`, `$61.18`, `≥ $239,200`, or `not available`.
pub fn format_wage(value: Option<f64>, top_coded: bool, hourly: bool) -> String {
    match (value, top_coded) {
        (_, true) if hourly => format!("≥ ${TOP_CODE_HOURLY:.2}"),
        (_, true) => format!("≥ ${}", thousands(TOP_CODE_ANNUAL)),
        (Some(v), false) if hourly => format!("${v:.2}"),
        (Some(v), false) => format!("${}", thousands(v)),
        (None, false) => "not available".to_string(),
    }
}

/// Formats a non-negative count or amount as a whole number with thousands separators (`1,234,567`).
pub fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.max(0.0));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One OEWS cell: a number, or one of BLS's special markers.
enum Cell {
    Number(f64),
    Missing,
    TopCoded,
}

fn cell(row: &Row<'_>, column: &str) -> Result<Cell, Diagnostic> {
    let raw = row.get(column);
    match raw {
        "" | "*" | "**" | "~" => return Ok(Cell::Missing),
        "#" => return Ok(Cell::TopCoded),
        _ => {}
    }
    let cleaned: String = raw.chars().filter(|c| *c != ',').collect();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Cell::Number(v)),
        _ => Err(row.error(
            column,
            format!("`{}` is not a number or a BLS footnote marker", shown(raw)),
        )),
    }
}

/// Reads a value that cannot be top-coded (employment, PRSE); a stray `#` is a warning.
fn plain(
    row: &Row<'_>,
    column: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<f64>, Diagnostic> {
    Ok(match cell(row, column)? {
        Cell::Number(v) => Some(v),
        Cell::Missing => None,
        Cell::TopCoded => {
            diags.push(row.warning(
                column,
                "`#` (top-coded) is only meaningful for wages; treated as not available",
            ));
            None
        }
    })
}

/// Reads a wage, recording `#` in `top_coded` under the field's lower-case name.
fn wage(
    row: &Row<'_>,
    column: &str,
    top_coded: &mut Vec<String>,
) -> Result<Option<f64>, Diagnostic> {
    Ok(match cell(row, column)? {
        Cell::Number(v) => Some(v),
        Cell::Missing => None,
        Cell::TopCoded => {
            top_coded.push(column.to_ascii_lowercase());
            None
        }
    })
}

const COLUMNS: [&str; 20] = [
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
];

fn oews_row(row: &Row<'_>, diags: &mut Vec<Diagnostic>) -> Result<OewsWage, Diagnostic> {
    let soc = soc_field(row, "OCC_CODE")?;
    let raw_group = row.required("O_GROUP")?;
    let group = OewsGroup::parse(raw_group).ok_or_else(|| {
        row.error(
            "O_GROUP",
            format!("unknown occupation group `{}`", shown(raw_group)),
        )
    })?;
    let mut tc = Vec::new();
    let flag = |c: &str| row.get(c).eq_ignore_ascii_case("true");
    Ok(OewsWage {
        soc,
        title: row.required("OCC_TITLE")?.to_string(),
        group,
        tot_emp: plain(row, "TOT_EMP", diags)?,
        emp_prse: plain(row, "EMP_PRSE", diags)?,
        mean_prse: plain(row, "MEAN_PRSE", diags)?,
        a_mean: wage(row, "A_MEAN", &mut tc)?,
        a_pct10: wage(row, "A_PCT10", &mut tc)?,
        a_pct25: wage(row, "A_PCT25", &mut tc)?,
        a_median: wage(row, "A_MEDIAN", &mut tc)?,
        a_pct75: wage(row, "A_PCT75", &mut tc)?,
        a_pct90: wage(row, "A_PCT90", &mut tc)?,
        h_mean: wage(row, "H_MEAN", &mut tc)?,
        h_pct10: wage(row, "H_PCT10", &mut tc)?,
        h_pct25: wage(row, "H_PCT25", &mut tc)?,
        h_median: wage(row, "H_MEDIAN", &mut tc)?,
        h_pct75: wage(row, "H_PCT75", &mut tc)?,
        h_pct90: wage(row, "H_PCT90", &mut tc)?,
        annual_only: flag("ANNUAL"),
        hourly_only: flag("HOURLY"),
        top_coded: tc,
    })
}

/// Reads the OEWS national file (the `national_M2024_dl.xlsx` columns, saved as CSV).
pub fn parse_oews(bytes: &[u8], file: &str) -> Result<Parsed<OewsWage>, TaxonomyError> {
    read_rows(bytes, file, Format::Csv, &COLUMNS, |row, diags| {
        oews_row(row, diags).map(Some)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_wages() {
        assert_eq!(format_wage(Some(133080.0), false, false), "$133,080");
        assert_eq!(format_wage(Some(999.0), false, false), "$999");
        assert_eq!(format_wage(Some(1000.0), false, false), "$1,000");
        assert_eq!(format_wage(Some(63.98), false, true), "$63.98");
        assert_eq!(format_wage(None, true, false), "≥ $239,200");
        assert_eq!(format_wage(None, true, true), "≥ $115.00");
        assert_eq!(format_wage(None, false, false), "not available");
    }
}
