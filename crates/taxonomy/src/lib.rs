//! Public reference classifications read from the data directory: SOC 2018, the SOC 2010→2018
//! crosswalk, O*NET 29.2, CIP 2020↔SOC 2018, NAICS 2022 and OEWS May 2024 national wages, and a
//! job-title → SOC coder ([`TitleCoder`]) built on O*NET's titles.
//!
//! Pure readers: every `parse_*` takes bytes and a file label and returns typed rows plus
//! [`Diagnostic`]s for rows it rejected; [`load_all`] reads the whole [`MANIFEST`] set. Nothing
//! here touches a database; the store crate persists what this crate returns.

#![deny(missing_docs)]

mod cip;
mod codes;
mod error;
mod manifest;
mod naics;
mod oews;
mod onet;
mod soc;
mod table;
mod titles;

use std::path::Path;

use credence_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};

pub use cip::{normalize_cip_title, parse_cip_soc, CipSoc};
pub use codes::{
    onet_to_soc, parse_cip, parse_naics, parse_soc, soc_major_group, CipCode, NaicsCode, SocCode,
};
pub use error::TaxonomyError;
pub use manifest::{
    check_files, manifest_entry, read_reference, FileStatus, ManifestEntry, ReferenceFile, Source,
    CIP_SOC, CTDL, DATA_DIR_ENV, MANIFEST, NAICS, NJ, OEWS, ONET, SOC, SOC_CROSSWALK,
};
pub use naics::{parse_naics_file, NaicsIndustry};
pub use oews::{
    format_wage, parse_oews, thousands, OewsGroup, OewsWage, TOP_CODE_ANNUAL, TOP_CODE_HOURLY,
};
pub use onet::{
    parse_alternate_titles, parse_job_zone_names, parse_job_zones, parse_onet_occupations,
    parse_related_occupations, parse_tech_skills, AlternateTitle, JobZone, JobZoneName,
    OnetOccupation, RelatedOccupation, RelatednessTier, TechSkill,
};
pub use soc::{
    join_definitions, parse_soc_crosswalk, parse_soc_definitions, parse_soc_structure, Crosswalk,
    SocCrosswalk, SocDefinition, SocLevel, SocOccupation,
};
pub use table::Parsed;
pub use titles::{
    normalize_title, MatchMethod, ReportedTitle, TitleCoder, TitleMatch, MIN_CONFIDENCE,
};

/// Everything `credence init` loads, with provenance for each file and every row-level finding.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReferenceData {
    /// Each file read, with checksum, size and attribution.
    pub files: Vec<ReferenceFile>,
    /// SOC 2018 hierarchy with definitions.
    pub soc: Vec<SocOccupation>,
    /// SOC 2010 → 2018 crosswalk.
    pub crosswalk: Crosswalk,
    /// O*NET-SOC occupations.
    pub onet_occupations: Vec<OnetOccupation>,
    /// O*NET alternate titles.
    pub alternate_titles: Vec<AlternateTitle>,
    /// O*NET job zone per occupation.
    pub job_zones: Vec<JobZone>,
    /// What each job zone means.
    pub job_zone_names: Vec<JobZoneName>,
    /// O*NET related occupations.
    pub related: Vec<RelatedOccupation>,
    /// O*NET technology skills.
    pub tech_skills: Vec<TechSkill>,
    /// CIP 2020 ↔ SOC 2018 pairs.
    pub cip_soc: Vec<CipSoc>,
    /// NAICS 2022 industries.
    pub naics: Vec<NaicsIndustry>,
    /// OEWS May 2024 national wages.
    pub wages: Vec<OewsWage>,
    /// Findings from every file, in load order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one manifest file, records its provenance, parses it and collects its diagnostics.
fn load<T>(
    dir: &Path,
    name: &str,
    data: &mut ReferenceData,
    parse: fn(&[u8], &str) -> Result<Parsed<T>, TaxonomyError>,
) -> Result<Vec<T>, TaxonomyError> {
    let (file, bytes) = read_reference(dir, name)?;
    let label = dir.join(&file.path).display().to_string();
    data.files.push(file);
    let parsed = parse(&bytes, &label)?;
    data.diagnostics.extend(parsed.diagnostics);
    Ok(parsed.rows)
}

/// Fails on the first required manifest file that is absent, before reading anything.
fn require_present(dir: &Path) -> Result<(), TaxonomyError> {
    match check_files(dir)
        .into_iter()
        .find(|s| s.required && !s.present)
    {
        Some(s) => Err(TaxonomyError::MissingFile {
            name: s.name,
            path: s.path,
            download_url: s.download_url,
            how_to_obtain: s.how_to_obtain,
        }),
        None => Ok(()),
    }
}

/// Loads every file `load_all` needs from `data_dir`; a missing file is an error naming its download address.
pub fn load_all(data_dir: &Path) -> Result<ReferenceData, TaxonomyError> {
    require_present(data_dir)?;
    let dir = data_dir;
    let mut d = ReferenceData::default();
    d.soc = load(dir, "soc2018_structure", &mut d, parse_soc_structure)?;
    let defs = load(dir, "soc2018_definitions", &mut d, parse_soc_definitions)?;
    warn_orphans(
        dir,
        &join_definitions(&mut d.soc, &defs),
        &mut d.diagnostics,
    );
    d.crosswalk = load(
        dir,
        "soc2010_soc2018_crosswalk",
        &mut d,
        parse_soc_crosswalk,
    )?
    .into();
    d.cip_soc = load(dir, "cip2020_soc2018_crosswalk", &mut d, parse_cip_soc)?;
    d.naics = load(dir, "naics2022", &mut d, parse_naics_file)?;
    d.onet_occupations = load(dir, "onet_occupation_data", &mut d, parse_onet_occupations)?;
    d.alternate_titles = load(dir, "onet_alternate_titles", &mut d, parse_alternate_titles)?;
    d.job_zones = load(dir, "onet_job_zones", &mut d, parse_job_zones)?;
    d.job_zone_names = load(dir, "onet_job_zone_reference", &mut d, parse_job_zone_names)?;
    d.related = load(
        dir,
        "onet_related_occupations",
        &mut d,
        parse_related_occupations,
    )?;
    d.tech_skills = load(dir, "onet_technology_skills", &mut d, parse_tech_skills)?;
    d.wages = load(dir, "oews_national", &mut d, parse_oews)?;
    Ok(d)
}

/// Notes definitions whose code is not in the hierarchy (they cannot be attached).
fn warn_orphans(dir: &Path, orphans: &[String], diagnostics: &mut Vec<Diagnostic>) {
    let file = manifest_entry("soc2018_definitions").map_or("", |e| e.path);
    for code in orphans {
        let loc = Location::file(dir.join(file).display().to_string()).field("SOCCode");
        diagnostics.push(Diagnostic::warning(
            loc,
            format!("definition for `{code}`, which is not in the SOC 2018 structure"),
        ));
    }
}

impl ReferenceData {
    /// The provenance of a loaded file by logical name, for citing it next to a figure.
    pub fn file(&self, name: &str) -> Option<&ReferenceFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// The detailed OEWS row for a SOC code (any spelling), preferring `detailed` over `broad`.
    pub fn wage(&self, code: &str) -> Option<&OewsWage> {
        let soc = parse_soc(code)?.code;
        let mut rows = self.wages.iter().filter(|w| w.soc == soc);
        let first = rows.clone().find(|w| w.group == OewsGroup::Detailed);
        first.or_else(|| rows.next())
    }

    /// The O*NET job zone of an O*NET-SOC code, or of a SOC code's `.00` occupation.
    pub fn job_zone(&self, code: &str) -> Option<u8> {
        let onet = parse_soc(code)?.onet_code();
        self.job_zones
            .iter()
            .find(|z| z.code == onet)
            .map(|z| z.zone)
    }
}
