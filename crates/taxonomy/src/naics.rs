//! NAICS 2022 industries at every level (sector to national industry).

use serde::{Deserialize, Serialize};

use crate::table::{read_rows, shown, Format, Parsed};
use crate::{parse_naics, TaxonomyError};

/// One NAICS 2022 code with its title and depth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NaicsIndustry {
    /// Code as published (`541511`, or a sector range such as `31-33`).
    pub code: String,
    /// Census title.
    pub title: String,
    /// Digits of detail, 2 (sector) to 6 (national industry).
    pub level: u8,
}

/// Reads `naics2022_all.csv` (`code,title,Level,…`); a level that contradicts the code is a warning.
pub fn parse_naics_file(bytes: &[u8], file: &str) -> Result<Parsed<NaicsIndustry>, TaxonomyError> {
    read_rows(
        bytes,
        file,
        Format::Csv,
        &["code", "title", "Level"],
        |row, diags| {
            let raw = row.required("code")?;
            let code = parse_naics(raw).ok_or_else(|| {
                row.error("code", format!("`{}` is not a NAICS code", shown(raw)))
            })?;
            let derived = code.level();
            let level = match row.get("Level").parse::<u8>() {
                Ok(l) if l == derived => l,
                _ => {
                    let found = shown(row.get("Level"));
                    diags.push(row.warning(
                        "Level",
                        format!("`{found}` does not match the code; using {derived}"),
                    ));
                    derived
                }
            };
            Ok(Some(NaicsIndustry {
                code: code.code,
                title: row.required("title")?.to_string(),
                level,
            }))
        },
    )
}
