//! Job-posting locations to codes: "Aurora, Colorado 80012" becomes state CO, county 08005
//! (Arapahoe), CBSA 19740 (Denver-Aurora-Centennial, CO) and place Aurora, with a confidence and
//! a one-line reason.
//!
//! [`Gazetteer::load`] reads the U.S. Census Bureau reference tables from the data directory
//! (`geo/`: state codes, the 2025 Gazetteer counties, places, county subdivisions and CBSAs, the
//! July 2023 CBSA delineation, and the us_geo place→county and ZIP→county tables) and indexes
//! them by normalized name. [`Gazetteer::resolve`] then reads one location string and fills only
//! the levels it is sure of; an ambiguous name ("Springfield") is never guessed. UK locations
//! resolve to country GB and a nation through a small curated table shipped in the crate
//! (`data/uk_places.csv`). Resolution does no I/O and keeps no cache; callers may memoize.

#![deny(missing_docs)]

mod gazetteer;
mod resolve;
mod text;
mod uk;
mod vocab;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use gazetteer::{Gazetteer, GAZETTEER_URL};

/// The credit line to show wherever resolved codes are displayed.
pub const ATTRIBUTION: &str =
    "Source: U.S. Census Bureau, 2025 Gazetteer Files; delineation July 2023; us_geo (MIT)";

/// The credit line for the data behind every resolution (for footers and exports).
pub fn attribution() -> &'static str {
    ATTRIBUTION
}

/// How precisely a location was resolved: the finest level that was certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Only the country is known ("Remote (US)", "United Kingdom").
    Country,
    /// A U.S. state or a UK nation is known, but no finer unit.
    State,
    /// A county is known from the text ("Harris County, Texas").
    County,
    /// A place (city, town, CDP, township, UK town) was matched.
    Place,
    /// Only a ZIP code or UK postcode located it (county from the ZIP's largest land share).
    Zip,
    /// Nothing could be said with certainty.
    Unresolved,
}

/// What one location string resolved to; every code field is `None` unless certain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    /// ISO 3166-1 alpha-2 country (`US`, `GB`; U.S. territories keep their own code, e.g. `PR`).
    pub country: Option<String>,
    /// USPS state code (`CO`), or the UK nation (`ENG`, `SCT`, `WLS`, `NIR`).
    pub state: Option<String>,
    /// Two-digit state FIPS code.
    pub state_fips: Option<String>,
    /// Five-digit county FIPS code.
    pub county_fips: Option<String>,
    /// County name for display ("Arapahoe County").
    pub county_name: Option<String>,
    /// CBSA code (July 2023 delineation).
    pub cbsa: Option<String>,
    /// CBSA title ("Denver-Aurora-Centennial, CO").
    pub cbsa_title: Option<String>,
    /// Place name as matched, without its LSAD term ("Aurora", "Edison").
    pub place: Option<String>,
    /// Census GEOID of the matched place (7 digits) or county subdivision (10 digits).
    pub place_geoid: Option<String>,
    /// The ZIP code or UK outward postcode that was used.
    pub postal_code: Option<String>,
    /// The text says the work is remote (telework, work from home, anywhere).
    pub remote: bool,
    /// The finest level resolved.
    pub level: Level,
    /// How sure the finest level is, 0 (nothing) to 1.
    pub confidence: f32,
    /// A short human explanation of what matched and what was left out.
    pub reason: String,
}

impl Resolved {
    /// The empty result every resolution starts from.
    pub fn unresolved() -> Resolved {
        Resolved {
            country: None,
            state: None,
            state_fips: None,
            county_fips: None,
            county_name: None,
            cbsa: None,
            cbsa_title: None,
            place: None,
            place_geoid: None,
            postal_code: None,
            remote: false,
            level: Level::Unresolved,
            confidence: 0.0,
            reason: String::new(),
        }
    }
}

/// Why the reference tables could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// A reference file is absent from the data directory.
    #[error(
        "{path} is missing: it comes from {origin}; download the Census Gazetteer files from \
         {GAZETTEER_URL} (see geo/SOURCES.md in the data directory for every file's origin)"
    )]
    Missing {
        /// The file that was looked for.
        path: PathBuf,
        /// Who publishes it.
        origin: &'static str,
    },
    /// A reference file exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// A delimited file has a malformed row.
    #[error("cannot parse {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The CSV error, with its position.
        source: csv::Error,
    },
    /// A JSON file (ACS population) is malformed.
    #[error("cannot parse {path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The JSON error, with its position.
        source: serde_json::Error,
    },
    /// A file lacks a column the loader needs (a different vintage or a renamed header).
    #[error(
        "{path} has no column {column:?}; is it the 2025 Gazetteer layout described in SOURCES.md?"
    )]
    Column {
        /// The file.
        path: PathBuf,
        /// The header that was expected.
        column: &'static str,
    },
    /// A file has a header but no usable rows.
    #[error("{path} has no usable rows")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The curated UK table compiled into the crate is malformed (a build defect).
    #[error("data/uk_places.csv line {line}: {message}")]
    UkTable {
        /// Line in the table.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

impl Gazetteer {
    /// The state name for a USPS code ("CO" → "Colorado"), for display.
    pub fn state_name(&self, usps: &str) -> Option<&str> {
        let i = *self.state_by_usps.get(&usps.to_ascii_lowercase())?;
        self.states.get(i).map(|s| s.name.as_str())
    }

    /// The county name for a five-digit FIPS code ("08005" → "Arapahoe County"), for display.
    pub fn county_name(&self, fips: &str) -> Option<&str> {
        let i = *self.county_by_fips.get(fips)?;
        self.counties.get(i).map(|c| c.name.as_str())
    }

    /// The CBSA title for a code ("19740" → "Denver-Aurora-Centennial, CO"), for display.
    pub fn cbsa_title(&self, code: &str) -> Option<&str> {
        let i = *self.cbsa_by_code.get(code)?;
        self.cbsas.get(i).map(|c| c.title.as_str())
    }

    /// Rows the loader skipped or repaired (known defects of the source tables), for audit.
    pub fn warnings(&self) -> &[credence_model::Diagnostic] {
        &self.warnings
    }

    /// Sizes of the loaded tables (states, counties, places and subdivisions, ZIPs), for logs.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.states.len(),
            self.counties.len(),
            self.places.len(),
            self.zips.len(),
        )
    }
}
