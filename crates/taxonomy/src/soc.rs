//! SOC 2018 hierarchy joined with BLS definitions, and the SOC 2010 → 2018 crosswalk.

use std::collections::{HashMap, HashSet};

use credence_model::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::table::{read_rows, shown, Format, Parsed, Row};
use crate::{parse_soc, TaxonomyError};

/// Level of a SOC 2018 entry, from the broadest group to the occupation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SocLevel {
    /// `15-0000`: one of 23 major groups.
    Major,
    /// `15-1200`: a minor group.
    Minor,
    /// `15-1250`: a broad occupation.
    Broad,
    /// `15-1252`: a detailed occupation, the unit wages and programs attach to.
    Detailed,
}

impl SocLevel {
    /// Parses BLS's level names (`Major`, `minor`, …) case-insensitively.
    pub fn parse(s: &str) -> Option<SocLevel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "major" => Some(SocLevel::Major),
            "minor" => Some(SocLevel::Minor),
            "broad" => Some(SocLevel::Broad),
            "detailed" => Some(SocLevel::Detailed),
            _ => None,
        }
    }

    /// The BLS name of the level (`Detailed`).
    pub fn as_str(self) -> &'static str {
        match self {
            SocLevel::Major => "Major",
            SocLevel::Minor => "Minor",
            SocLevel::Broad => "Broad",
            SocLevel::Detailed => "Detailed",
        }
    }
}

/// One SOC 2018 entry at any level, with its parent and BLS definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocOccupation {
    /// Canonical code (`15-1252`).
    pub code: String,
    /// BLS title.
    pub title: String,
    /// Position in the hierarchy.
    pub level: SocLevel,
    /// Code of the enclosing group; `None` for major groups.
    pub parent: Option<String>,
    /// BLS definition (detailed occupations only carry one).
    pub definition: Option<String>,
}

/// One BLS definition row, joined onto the hierarchy by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocDefinition {
    /// Canonical code.
    pub code: String,
    /// Definition text; `None` when BLS gives none (groups).
    pub definition: Option<String>,
}

/// A canonical SOC code from `column`, or a diagnostic quoting what was there.
pub(crate) fn soc_field(row: &Row<'_>, column: &str) -> Result<String, Diagnostic> {
    let raw = row.required(column)?;
    parse_soc(raw)
        .map(|c| c.code)
        .ok_or_else(|| row.error(column, format!("`{}` is not a SOC code", shown(raw))))
}

fn soc_row(row: &Row<'_>, seen: &mut HashSet<String>) -> Result<SocOccupation, Diagnostic> {
    let code = soc_field(row, "code")?;
    let title = row.required("title")?.to_string();
    let raw_level = row.required("Hierarchical_structure")?;
    let level = SocLevel::parse(raw_level).ok_or_else(|| {
        row.error(
            "Hierarchical_structure",
            format!(
                "`{}` is not Major, Minor, Broad or Detailed",
                shown(raw_level)
            ),
        )
    })?;
    let parent = match row.optional("parent") {
        Some(_) => Some(soc_field(row, "parent")?),
        None => None,
    };
    if !seen.insert(code.clone()) {
        return Err(row.error("code", format!("duplicate SOC code `{code}`")));
    }
    Ok(SocOccupation {
        code,
        title,
        level,
        parent,
        definition: None,
    })
}

/// Reads the SOC 2018 structure (`code,title,Level,Hierarchical_structure,parent,…`).
pub fn parse_soc_structure(
    bytes: &[u8],
    file: &str,
) -> Result<Parsed<SocOccupation>, TaxonomyError> {
    let mut seen = HashSet::new();
    let cols = ["code", "title", "Hierarchical_structure", "parent"];
    read_rows(bytes, file, Format::Csv, &cols, |row, _| {
        soc_row(row, &mut seen).map(Some)
    })
}

/// Reads the BLS definitions file (`SOCGroup,SOCCode,SOCTitle,SOCDefinition`).
pub fn parse_soc_definitions(
    bytes: &[u8],
    file: &str,
) -> Result<Parsed<SocDefinition>, TaxonomyError> {
    read_rows(
        bytes,
        file,
        Format::Csv,
        &["SOCCode", "SOCDefinition"],
        |row, _| {
            Ok(Some(SocDefinition {
                code: soc_field(row, "SOCCode")?,
                definition: row.optional("SOCDefinition").map(str::to_string),
            }))
        },
    )
}

/// Attaches definitions to the hierarchy by code; returns codes defined but absent from the hierarchy.
pub fn join_definitions(soc: &mut [SocOccupation], definitions: &[SocDefinition]) -> Vec<String> {
    let mut by_code: HashMap<&str, &SocDefinition> =
        definitions.iter().map(|d| (d.code.as_str(), d)).collect();
    for occ in soc.iter_mut() {
        if let Some(d) = by_code.remove(occ.code.as_str()) {
            occ.definition.clone_from(&d.definition);
        }
    }
    let mut orphans: Vec<String> = by_code.into_keys().map(str::to_string).collect();
    orphans.sort();
    orphans
}

/// One SOC 2010 → SOC 2018 mapping; a 2010 code may map to several 2018 codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocCrosswalk {
    /// SOC 2010 code.
    pub soc2010: String,
    /// SOC 2010 title.
    pub soc2010_title: String,
    /// SOC 2018 code.
    pub soc2018: String,
    /// SOC 2018 title, without the upstream ` (##)` marker.
    pub soc2018_title: String,
}

/// Drops the trailing ` (##)` marker the crosswalk CSV appends to some 2018 titles.
fn clean_title(t: &str) -> String {
    t.trim().trim_end_matches("(##)").trim_end().to_string()
}

/// Reads the SOC 2010 → 2018 crosswalk (`soc2010,soc2010_title,soc2018,soc2018_title`).
pub fn parse_soc_crosswalk(
    bytes: &[u8],
    file: &str,
) -> Result<Parsed<SocCrosswalk>, TaxonomyError> {
    let cols = ["soc2010", "soc2010_title", "soc2018", "soc2018_title"];
    read_rows(bytes, file, Format::Csv, &cols, |row, _| {
        Ok(Some(SocCrosswalk {
            soc2010: soc_field(row, "soc2010")?,
            soc2010_title: clean_title(row.get("soc2010_title")),
            soc2018: soc_field(row, "soc2018")?,
            soc2018_title: clean_title(row.get("soc2018_title")),
        }))
    })
}

/// The crosswalk with an index for lookups in both directions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<SocCrosswalk>", into = "Vec<SocCrosswalk>")]
pub struct Crosswalk {
    rows: Vec<SocCrosswalk>,
    by_2010: HashMap<String, Vec<usize>>,
    by_2018: HashMap<String, Vec<usize>>,
}

impl From<Vec<SocCrosswalk>> for Crosswalk {
    fn from(rows: Vec<SocCrosswalk>) -> Self {
        let mut by_2010: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_2018: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_2010.entry(r.soc2010.clone()).or_default().push(i);
            by_2018.entry(r.soc2018.clone()).or_default().push(i);
        }
        Crosswalk {
            rows,
            by_2010,
            by_2018,
        }
    }
}

impl From<Crosswalk> for Vec<SocCrosswalk> {
    fn from(c: Crosswalk) -> Self {
        c.rows
    }
}

impl Crosswalk {
    /// All mapping rows, in file order.
    pub fn rows(&self) -> &[SocCrosswalk] {
        &self.rows
    }

    /// SOC 2018 codes a SOC 2010 code (any spelling) became; empty when unknown.
    pub fn soc2010_to_2018(&self, code: &str) -> Vec<String> {
        self.lookup(&self.by_2010, code, |r| &r.soc2018)
    }

    /// SOC 2010 codes that became a SOC 2018 code (any spelling); empty when unknown.
    pub fn soc2018_to_2010(&self, code: &str) -> Vec<String> {
        self.lookup(&self.by_2018, code, |r| &r.soc2010)
    }

    fn lookup(
        &self,
        index: &HashMap<String, Vec<usize>>,
        code: &str,
        pick: impl Fn(&SocCrosswalk) -> &String,
    ) -> Vec<String> {
        let Some(key) = parse_soc(code) else {
            return Vec::new();
        };
        let mut out: Vec<String> = index
            .get(&key.code)
            .into_iter()
            .flatten()
            .map(|&i| pick(&self.rows[i]).clone())
            .collect();
        out.dedup();
        out
    }
}
