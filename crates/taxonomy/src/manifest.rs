//! The manifest: every reference file credence uses, who publishes it, under which terms, and where to get it.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::TaxonomyError;

/// Environment variable naming the data directory when `--data` is not given.
pub const DATA_DIR_ENV: &str = "CREDENCE_DATA";

/// A publisher and vintage that every figure derived from its files can cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Short stable key (`oews`, `onet`, …).
    pub key: &'static str,
    /// Who publishes the data.
    pub publisher: &'static str,
    /// Which release or reference period.
    pub vintage: &'static str,
    /// License or public-domain status.
    pub license: &'static str,
    /// Attribution text to show wherever the data is displayed.
    pub attribution: &'static str,
    /// One-line citation for a derived figure (`BLS OEWS, May 2024, national (…)`).
    pub citation: &'static str,
}

/// O*NET 29.2, whose CC BY 4.0 license requires the exact attribution below.
pub static ONET: Source = Source {
    key: "onet",
    publisher: "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)",
    vintage: "O*NET 29.2 Database (February 2025)",
    license: "CC BY 4.0",
    attribution: "This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.",
    citation: "O*NET 29.2 Database, February 2025 (USDOL/ETA, CC BY 4.0)",
};

/// The 2018 Standard Occupational Classification (structure and definitions).
pub static SOC: Source = Source {
    key: "soc",
    publisher: "U.S. Bureau of Labor Statistics",
    vintage: "SOC 2018",
    license: "Public domain (U.S. government work)",
    attribution: "2018 Standard Occupational Classification, U.S. Bureau of Labor Statistics.",
    citation: "BLS Standard Occupational Classification, 2018 (U.S. Bureau of Labor Statistics)",
};

/// The BLS SOC 2010 → SOC 2018 crosswalk.
pub static SOC_CROSSWALK: Source = Source {
    key: "soc_crosswalk",
    publisher: "U.S. Bureau of Labor Statistics",
    vintage: "SOC 2010 to SOC 2018 crosswalk",
    license: "Public domain (U.S. government work)",
    attribution: "SOC 2010 to 2018 crosswalk, U.S. Bureau of Labor Statistics.",
    citation: "BLS SOC 2010 to 2018 crosswalk (U.S. Bureau of Labor Statistics)",
};

/// The NCES/BLS CIP 2020 ↔ SOC 2018 crosswalk.
pub static CIP_SOC: Source = Source {
    key: "cip_soc",
    publisher:
        "National Center for Education Statistics (NCES) and U.S. Bureau of Labor Statistics",
    vintage: "CIP 2020 to SOC 2018 crosswalk",
    license: "Public domain (U.S. government work)",
    attribution: "CIP 2020 to SOC 2018 crosswalk, NCES and BLS.",
    citation: "NCES/BLS CIP 2020–SOC 2018 crosswalk",
};

/// The North American Industry Classification System, 2022.
pub static NAICS: Source = Source {
    key: "naics",
    publisher: "U.S. Census Bureau",
    vintage: "NAICS 2022",
    license: "Public domain (U.S. government work)",
    attribution: "North American Industry Classification System, 2022, U.S. Census Bureau.",
    citation: "NAICS 2022 (U.S. Census Bureau)",
};

/// OEWS national wage and employment estimates, May 2024.
pub static OEWS: Source = Source {
    key: "oews",
    publisher: "U.S. Bureau of Labor Statistics",
    vintage: "May 2024, national",
    license: "Public domain (U.S. government work)",
    attribution:
        "Occupational Employment and Wage Statistics, May 2024, U.S. Bureau of Labor Statistics.",
    citation: "BLS OEWS, May 2024, national (U.S. Bureau of Labor Statistics)",
};

/// New Jersey ETPL credentials, licenses, outcomes and in-demand lists.
pub static NJ: Source = Source {
    key: "nj",
    publisher:
        "New Jersey Department of Labor and Workforce Development (via newjersey/dol-mcnj-main)",
    vintage: "dol-mcnj-main snapshot e9476034",
    license: "MIT (© 2020 Data for the American Dream); underlying data from NJDOL",
    attribution:
        "New Jersey Department of Labor and Workforce Development; newjersey/dol-mcnj-main (MIT).",
    citation: "NJ Department of Labor ETPL data (newjersey/dol-mcnj-main)",
};

/// The CTDL vocabulary published by Credential Engine.
pub static CTDL: Source = Source {
    key: "ctdl",
    publisher: "Credential Engine",
    vintage: "CTDL schema retrieved 2026-08-06",
    license: "CC BY 4.0",
    attribution: "Credential Transparency Description Language (CTDL) by Credential Engine, licensed under CC BY 4.0",
    citation: "CTDL by Credential Engine (CC BY 4.0)",
};

/// One file credence may read, with the address a user downloads it from when it is missing.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ManifestEntry {
    /// Stable logical name (`oews_national`).
    pub name: &'static str,
    /// Path relative to the data directory.
    pub path: &'static str,
    /// Publisher, vintage and license.
    pub source: &'static Source,
    /// Public download address.
    pub download_url: &'static str,
    /// What to do with the download to get this exact file.
    pub how_to_obtain: &'static str,
    /// Whether [`crate::load_all`] reads (and therefore requires) it.
    pub loaded: bool,
}

const ONET_ZIP: &str = "https://www.onetcenter.org/dl_files/database/db_29_2_text.zip";
const ONET_HOW: &str = "unzip db_29_2_text.zip into onet_29_2/";
const NJ_REPO: &str = "https://github.com/newjersey/dol-mcnj-main";

const fn entry(
    name: &'static str,
    path: &'static str,
    source: &'static Source,
    download_url: &'static str,
    how_to_obtain: &'static str,
    loaded: bool,
) -> ManifestEntry {
    ManifestEntry {
        name,
        path,
        source,
        download_url,
        how_to_obtain,
        loaded,
    }
}

/// Every reference file credence knows, in load order.
pub static MANIFEST: &[ManifestEntry] = &[
    entry("soc2018_structure", "soc/soc2018_all.csv", &SOC, "https://www.bls.gov/soc/2018/", "soc2018_all.csv from github.com/danielruss/codingsystems, or soc_structure_2018.xlsx converted to code,title,Level,Hierarchical_structure,parent columns", true),
    entry("soc2018_definitions", "soc/soc2018_definitions.csv", &SOC, "https://www.bls.gov/soc/2018/soc_2018_definitions.xlsx", "save the sheet as CSV with columns SOCGroup,SOCCode,SOCTitle,SOCDefinition", true),
    entry("soc2010_soc2018_crosswalk", "soc/soc2010_soc2018.csv", &SOC_CROSSWALK, "https://www.bls.gov/soc/2018/soc_2010_to_2018_crosswalk.xlsx", "save as CSV with columns soc2010,soc2010_title,soc2018,soc2018_title", true),
    entry("cip2020_soc2018_crosswalk", "soc/soc2018_cip2020_crosswalk.csv", &CIP_SOC, "https://nces.ed.gov/ipeds/cipcode/resources.aspx?y=56", "save the SOC-CIP sheet as CSV with columns SOC2018Code,SOC2018Title,CIP2020Code,CIP2020Title", true),
    entry("naics2022", "soc/naics2022_all.csv", &NAICS, "https://www.census.gov/naics/", "naics2022_all.csv from github.com/danielruss/codingsystems, or the 2-6 digit code file converted to code,title,Level", true),
    entry("onet_occupation_data", "onet_29_2/Occupation Data.txt", &ONET, ONET_ZIP, ONET_HOW, true),
    entry("onet_alternate_titles", "onet_29_2/Alternate Titles.txt", &ONET, ONET_ZIP, ONET_HOW, true),
    entry("onet_job_zones", "onet_29_2/Job Zones.txt", &ONET, ONET_ZIP, ONET_HOW, true),
    entry("onet_job_zone_reference", "onet_29_2/Job Zone Reference.txt", &ONET, ONET_ZIP, ONET_HOW, true),
    entry("onet_related_occupations", "onet_29_2/Related Occupations.txt", &ONET, ONET_ZIP, ONET_HOW, true),
    entry("onet_technology_skills", "onet_29_2/Technology Skills.txt", &ONET, ONET_ZIP, ONET_HOW, true),
    entry("oews_national", "oews/oews_national_may2024.csv", &OEWS, "https://www.bls.gov/oes/special-requests/oesm24nat.zip", "unzip oesm24nat.zip and save sheet 1 of national_M2024_dl.xlsx as CSV", true),
    entry("oews_field_descriptions", "oews/oews_field_descriptions_may2024.txt", &OEWS, "https://www.bls.gov/oes/special-requests/oesm24nat.zip", "save sheet 2 (field descriptions) of national_M2024_dl.xlsx as text", false),
    entry("nj_industry_credentials", "nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv", &NJ, NJ_REPO, "backend/data/program-credentials/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv", false),
    entry("nj_licenses", "nj_etpl/TBLLICENSE_DATA_TABLE.csv", &NJ, NJ_REPO, "backend/data/program-credentials/TBLLICENSE_DATA_TABLE.csv", false),
    entry("nj_degree_levels", "nj_etpl/TBLDEGREELU_DATA_TABLE.csv", &NJ, NJ_REPO, "backend/data/program-credentials/TBLDEGREELU_DATA_TABLE.csv", false),
    entry("nj_outcomes_schcip", "nj_etpl/outcomes_schcip.csv", &NJ, NJ_REPO, "backend/data/outcomes_schcip.csv", false),
    entry("nj_in_demand_socs", "nj_etpl/in_demand_socs.csv", &NJ, NJ_REPO, "backend/data/in_demand_socs.csv", false),
    entry("nj_in_demand_cips", "nj_etpl/in_demand_cips.csv", &NJ, NJ_REPO, "backend/data/in_demand_cips.csv", false),
    entry("ctdl_schema", "ctdl/ctdl_schema_encoding_2026-08-06.json", &CTDL, "https://credreg.net/ctdl/schema/encoding/json", "save the JSON response under this name", false),
    entry("ctdl_context", "ctdl/ctdl_context_2026-08-06.json", &CTDL, "https://credreg.net/ctdl/schema/context/json", "save the JSON response under this name", false),
];

/// Looks up a manifest entry by logical name.
pub fn manifest_entry(name: &str) -> Option<&'static ManifestEntry> {
    MANIFEST.iter().find(|e| e.name == name)
}

/// Whether one manifest file is present, so `credence status` and `init` can say what to download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStatus {
    /// Logical name.
    pub name: String,
    /// Full path checked.
    pub path: PathBuf,
    /// Whether a regular file exists there.
    pub present: bool,
    /// Its size, when present.
    pub bytes: Option<u64>,
    /// Whether `load_all` needs it.
    pub required: bool,
    /// Where to download it.
    pub download_url: String,
    /// What to do with the download.
    pub how_to_obtain: String,
}

/// Reports every manifest file as present or missing, with its download address.
pub fn check_files(data_dir: &Path) -> Vec<FileStatus> {
    MANIFEST
        .iter()
        .map(|e| {
            let path = data_dir.join(e.path);
            let meta = fs::metadata(&path).ok().filter(|m| m.is_file());
            FileStatus {
                name: e.name.to_string(),
                present: meta.is_some(),
                bytes: meta.map(|m| m.len()),
                path,
                required: e.loaded,
                download_url: e.download_url.to_string(),
                how_to_obtain: e.how_to_obtain.to_string(),
            }
        })
        .collect()
}

/// A file as read: provenance plus checksum, so the store can skip unchanged files and cite sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceFile {
    /// Logical name.
    pub name: String,
    /// Path relative to the data directory.
    pub path: String,
    /// Publisher.
    pub source: String,
    /// Release or reference period.
    pub vintage: String,
    /// License or public-domain status.
    pub license: String,
    /// Attribution text to display.
    pub attribution: String,
    /// One-line citation for derived figures.
    pub citation: String,
    /// Public download address.
    pub download_url: String,
    /// Lower-case hex SHA-256 of the bytes read.
    pub sha256: String,
    /// Number of bytes read.
    pub bytes: u64,
}

impl ReferenceFile {
    /// Describes `bytes` read for `entry`, hashing them.
    pub fn describe(entry: &ManifestEntry, bytes: &[u8]) -> Self {
        let s = entry.source;
        ReferenceFile {
            name: entry.name.to_string(),
            path: entry.path.to_string(),
            source: s.publisher.to_string(),
            vintage: s.vintage.to_string(),
            license: s.license.to_string(),
            attribution: s.attribution.to_string(),
            citation: s.citation.to_string(),
            download_url: entry.download_url.to_string(),
            sha256: hex::encode(Sha256::digest(bytes)),
            bytes: bytes.len() as u64,
        }
    }
}

/// Reads one manifest file whole; a missing file is an error that names its download address.
pub fn read_reference(
    data_dir: &Path,
    name: &str,
) -> Result<(ReferenceFile, Vec<u8>), TaxonomyError> {
    let entry = manifest_entry(name).ok_or_else(|| TaxonomyError::UnknownFile(name.into()))?;
    let path = data_dir.join(entry.path);
    match fs::read(&path) {
        Ok(bytes) => Ok((ReferenceFile::describe(entry, &bytes), bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(TaxonomyError::MissingFile {
            name: entry.name.into(),
            path,
            download_url: entry.download_url.into(),
            how_to_obtain: entry.how_to_obtain.into(),
        }),
        Err(source) => Err(TaxonomyError::Io { path, source }),
    }
}
