//! O*NET 29.2 tab-separated files: occupations, alternate titles, job zones, related occupations, technology skills.

use credence_model::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::table::{read_rows, read_rows_with_optional, shown, Format, Parsed, Row};
use crate::{parse_soc, TaxonomyError};

const CODE: &str = "O*NET-SOC Code";
const SOURCES: &str = "Source(s)";

/// An O*NET-SOC occupation (`15-1252.00`) and the SOC 2018 code it rolls up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnetOccupation {
    /// O*NET-SOC code (`15-1252.00`).
    pub code: String,
    /// SOC 2018 code (`15-1252`), the join key to wages and programs.
    pub soc: String,
    /// O*NET title.
    pub title: String,
    /// O*NET description.
    pub description: String,
}

/// Another name people use for an occupation, for search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlternateTitle {
    /// O*NET-SOC code.
    pub code: String,
    /// The alternate title.
    pub title: String,
    /// Abbreviated form (`MD`), when O*NET gives one (`n/a` becomes `None`).
    pub short_title: Option<String>,
    /// O*NET source codes that reported the title (`02`, `10`, …); how widely it is used.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The O*NET job zone (1–5) of an occupation: how much preparation it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobZone {
    /// O*NET-SOC code.
    pub code: String,
    /// 1 (little or no preparation) to 5 (extensive).
    pub zone: u8,
}

/// What a job zone means, from `Job Zone Reference.txt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobZoneName {
    /// 1–5.
    pub zone: u8,
    /// `Job Zone Three: Medium Preparation Needed`.
    pub name: String,
    /// Typical prior experience.
    pub experience: String,
    /// Typical education.
    pub education: String,
    /// Typical on-the-job training.
    pub job_training: String,
    /// Example occupations.
    pub examples: String,
    /// Specific Vocational Preparation range (`(6.0 to < 7.0)`).
    pub svp_range: String,
}

/// O*NET's closeness grouping for related occupations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelatednessTier {
    /// The five most related occupations.
    #[serde(rename = "Primary-Short")]
    PrimaryShort,
    /// The next five.
    #[serde(rename = "Primary-Long")]
    PrimaryLong,
    /// Ten further related occupations.
    #[serde(rename = "Supplemental")]
    Supplemental,
}

impl RelatednessTier {
    /// Parses O*NET's tier names.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "Primary-Short" => Some(Self::PrimaryShort),
            "Primary-Long" => Some(Self::PrimaryLong),
            "Supplemental" => Some(Self::Supplemental),
            _ => None,
        }
    }

    /// O*NET's name for the tier.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PrimaryShort => "Primary-Short",
            Self::PrimaryLong => "Primary-Long",
            Self::Supplemental => "Supplemental",
        }
    }
}

/// An occupation O*NET considers related, for "similar careers" links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedOccupation {
    /// O*NET-SOC code.
    pub code: String,
    /// Related O*NET-SOC code.
    pub related_code: String,
    /// Closeness group.
    pub tier: RelatednessTier,
    /// Rank within the occupation (1 = most related).
    pub index: u32,
}

/// A software or technology example used in an occupation, with O*NET's demand flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechSkill {
    /// O*NET-SOC code.
    pub code: String,
    /// The product or technology (`Python`).
    pub example: String,
    /// UNSPSC commodity code.
    pub commodity_code: u32,
    /// UNSPSC commodity title.
    pub commodity_title: String,
    /// O*NET "Hot Technology": frequently in employer job postings.
    pub hot_technology: bool,
    /// O*NET "In Demand" for this occupation.
    pub in_demand: bool,
}

/// A full O*NET-SOC code (`15-1252.00`) from `column`; a bare SOC code is rejected.
fn onet_code(row: &Row<'_>, column: &str) -> Result<String, Diagnostic> {
    let raw = row.required(column)?;
    match parse_soc(raw) {
        Some(c) if c.onet_suffix.is_some() => Ok(c.onet_code()),
        _ => Err(row.error(
            column,
            format!(
                "`{}` is not an O*NET-SOC code like `15-1252.00`",
                shown(raw)
            ),
        )),
    }
}

fn number<T: std::str::FromStr>(row: &Row<'_>, column: &str) -> Result<T, Diagnostic> {
    let raw = row.required(column)?;
    raw.parse()
        .map_err(|_| row.error(column, format!("`{}` is not a whole number", shown(raw))))
}

fn zone(row: &Row<'_>, column: &str) -> Result<u8, Diagnostic> {
    let z: u8 = number(row, column)?;
    if (1..=5).contains(&z) {
        Ok(z)
    } else {
        Err(row.error(column, format!("job zone `{z}` is outside 1–5")))
    }
}

fn yes_no(row: &Row<'_>, column: &str) -> Result<bool, Diagnostic> {
    match row.required(column)? {
        "Y" | "y" => Ok(true),
        "N" | "n" => Ok(false),
        other => Err(row.error(column, format!("`{}` is not Y or N", shown(other)))),
    }
}

/// Reads `Occupation Data.txt` (O*NET-SOC Code, Title, Description).
pub fn parse_onet_occupations(
    bytes: &[u8],
    file: &str,
) -> Result<Parsed<OnetOccupation>, TaxonomyError> {
    read_rows(
        bytes,
        file,
        Format::Tab,
        &[CODE, "Title", "Description"],
        |row, _| {
            let code = onet_code(row, CODE)?;
            Ok(Some(OnetOccupation {
                soc: code[..7].to_string(),
                code,
                title: row.required("Title")?.to_string(),
                description: row.get("Description").to_string(),
            }))
        },
    )
}

/// Reads `Alternate Titles.txt` (O*NET-SOC Code, Alternate Title, Short Title, and Source(s) when present).
pub fn parse_alternate_titles(
    bytes: &[u8],
    file: &str,
) -> Result<Parsed<AlternateTitle>, TaxonomyError> {
    let cols = [CODE, "Alternate Title", "Short Title"];
    read_rows_with_optional(bytes, file, Format::Tab, &cols, &[SOURCES], |row, _| {
        Ok(Some(AlternateTitle {
            code: onet_code(row, CODE)?,
            title: row.required("Alternate Title")?.to_string(),
            short_title: row.optional("Short Title").map(str::to_string),
            sources: row
                .get(SOURCES)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        }))
    })
}

/// Reads `Job Zones.txt` (O*NET-SOC Code, Job Zone).
pub fn parse_job_zones(bytes: &[u8], file: &str) -> Result<Parsed<JobZone>, TaxonomyError> {
    read_rows(bytes, file, Format::Tab, &[CODE, "Job Zone"], |row, _| {
        Ok(Some(JobZone {
            code: onet_code(row, CODE)?,
            zone: zone(row, "Job Zone")?,
        }))
    })
}

/// Reads `Job Zone Reference.txt` (Job Zone, Name, Experience, Education, Job Training, Examples, SVP Range).
pub fn parse_job_zone_names(
    bytes: &[u8],
    file: &str,
) -> Result<Parsed<JobZoneName>, TaxonomyError> {
    let cols = [
        "Job Zone",
        "Name",
        "Experience",
        "Education",
        "Job Training",
        "Examples",
        "SVP Range",
    ];
    read_rows(bytes, file, Format::Tab, &cols, |row, _| {
        Ok(Some(JobZoneName {
            zone: zone(row, "Job Zone")?,
            name: row.required("Name")?.to_string(),
            experience: row.get("Experience").to_string(),
            education: row.get("Education").to_string(),
            job_training: row.get("Job Training").to_string(),
            examples: row.get("Examples").to_string(),
            svp_range: row.get("SVP Range").to_string(),
        }))
    })
}

/// Reads `Related Occupations.txt` (O*NET-SOC Code, Related O*NET-SOC Code, Relatedness Tier, Index).
pub fn parse_related_occupations(
    bytes: &[u8],
    file: &str,
) -> Result<Parsed<RelatedOccupation>, TaxonomyError> {
    const RELATED: &str = "Related O*NET-SOC Code";
    const TIER: &str = "Relatedness Tier";
    read_rows(
        bytes,
        file,
        Format::Tab,
        &[CODE, RELATED, TIER, "Index"],
        |row, _| {
            let raw_tier = row.required(TIER)?;
            let tier = RelatednessTier::parse(raw_tier).ok_or_else(|| {
                row.error(
                    TIER,
                    format!("unknown relatedness tier `{}`", shown(raw_tier)),
                )
            })?;
            Ok(Some(RelatedOccupation {
                code: onet_code(row, CODE)?,
                related_code: onet_code(row, RELATED)?,
                tier,
                index: number(row, "Index")?,
            }))
        },
    )
}

/// Reads `Technology Skills.txt` (code, Example, Commodity Code/Title, Hot Technology, In Demand).
pub fn parse_tech_skills(bytes: &[u8], file: &str) -> Result<Parsed<TechSkill>, TaxonomyError> {
    let cols = [
        CODE,
        "Example",
        "Commodity Code",
        "Commodity Title",
        "Hot Technology",
        "In Demand",
    ];
    read_rows(bytes, file, Format::Tab, &cols, |row, _| {
        Ok(Some(TechSkill {
            code: onet_code(row, CODE)?,
            example: row.required("Example")?.to_string(),
            commodity_code: number(row, "Commodity Code")?,
            commodity_title: row.get("Commodity Title").to_string(),
            hot_technology: yes_no(row, "Hot Technology")?,
            in_demand: yes_no(row, "In Demand")?,
        }))
    })
}
