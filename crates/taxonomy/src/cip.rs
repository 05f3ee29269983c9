//! The NCES CIP 2020 ↔ SOC 2018 crosswalk: which programs lead to which occupations.

use credence_model::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::soc::soc_field;
use crate::table::{read_rows, shown, Format, Parsed, Row};
use crate::{parse_cip, TaxonomyError};

/// One program ↔ occupation pairing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CipSoc {
    /// CIP 2020 code (`52.0201`).
    pub cip: String,
    /// CIP title without NCES's trailing period.
    pub cip_title: String,
    /// SOC 2018 code.
    pub soc: String,
    /// SOC 2018 title.
    pub soc_title: String,
}

/// The placeholder NCES uses on either side of a row that has no counterpart.
const NO_MATCH: &str = "NO MATCH";

/// Strips the period NCES ends every CIP title with (`Public Administration.`).
pub fn normalize_cip_title(title: &str) -> String {
    title.trim().trim_end_matches('.').trim_end().to_string()
}

fn cip_field(row: &Row<'_>, column: &str) -> Result<String, Diagnostic> {
    let raw = row.required(column)?;
    parse_cip(raw)
        .map(|c| c.code)
        .ok_or_else(|| row.error(column, format!("`{}` is not a CIP code", shown(raw))))
}

/// Reads the crosswalk (`SOC2018Code,SOC2018Title,CIP2020Code,CIP2020Title`); `NO MATCH` rows are skipped.
pub fn parse_cip_soc(bytes: &[u8], file: &str) -> Result<Parsed<CipSoc>, TaxonomyError> {
    let cols = ["SOC2018Code", "SOC2018Title", "CIP2020Code", "CIP2020Title"];
    read_rows(bytes, file, Format::Csv, &cols, |row, _| {
        if row.get("SOC2018Title") == NO_MATCH || row.get("CIP2020Title") == NO_MATCH {
            return Ok(None);
        }
        Ok(Some(CipSoc {
            cip: cip_field(row, "CIP2020Code")?,
            cip_title: normalize_cip_title(row.required("CIP2020Title")?),
            soc: soc_field(row, "SOC2018Code")?,
            soc_title: row.required("SOC2018Title")?.to_string(),
        }))
    })
}
