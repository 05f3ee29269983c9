//! Loading the Census reference tables into lookup maps keyed by normalized names, once, so that
//! resolving a posting's location is a handful of hash lookups.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use credence_model::{Diagnostic, Location};

use crate::text::key;
use crate::uk::{self, UkTable};
use crate::vocab::{self, Vocab};
use crate::GeoError;

/// Where the Census Gazetteer files can be downloaded.
pub const GAZETTEER_URL: &str =
    "https://www.census.gov/geographies/reference-files/time-series/geo/gazetteer-files.html";

/// A U.S. state, DC or territory from `state.txt`.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub fips: String,
    pub usps: String,
    pub name: String,
    /// Counties of the 2025 Gazetteer in this state (current codes only).
    pub counties: Vec<usize>,
}

/// A county or county equivalent.
#[derive(Debug, Clone)]
pub(crate) struct County {
    pub fips: String,
    pub name: String,
    pub state: usize,
    pub cbsa: Option<usize>,
    /// False for codes kept only because ZIP data still uses them (pre-2022 Connecticut, Island Areas).
    pub current: bool,
}

/// A core-based statistical area.
#[derive(Debug, Clone)]
pub(crate) struct Cbsa {
    pub code: String,
    pub title: String,
}

/// A Census place or an active county subdivision (a township or New England town).
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub geoid: String,
    /// Name with the LSAD term stripped ("Aurora", "Edison").
    pub name: String,
    pub state: usize,
    pub counties: Vec<usize>,
    pub population: u32,
}

/// Everything needed to resolve locations: the loaded, indexed reference tables.
#[derive(Debug)]
pub struct Gazetteer {
    pub(crate) states: Vec<State>,
    pub(crate) state_by_usps: HashMap<String, usize>,
    pub(crate) state_by_fips: HashMap<String, usize>,
    pub(crate) counties: Vec<County>,
    pub(crate) county_by_fips: HashMap<String, usize>,
    /// Normalized full county name ("harris county") → counties (several states).
    pub(crate) county_index: HashMap<String, Vec<usize>>,
    pub(crate) cbsas: Vec<Cbsa>,
    pub(crate) cbsa_by_code: HashMap<String, usize>,
    pub(crate) places: Vec<Place>,
    /// Normalized place name → Census places.
    pub(crate) place_index: HashMap<String, Vec<usize>>,
    /// Normalized name → active county subdivisions (into `places`).
    pub(crate) cousub_index: HashMap<String, Vec<usize>>,
    /// ZIP (ZCTA5) → (county, land square miles), largest first.
    pub(crate) zips: HashMap<String, Vec<(usize, f32)>>,
    pub(crate) vocab: HashMap<String, Vocab>,
    pub(crate) uk: UkTable,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// County by (state, normalized name) of every non-statistical county subdivision.
type SubdivisionCounties = HashMap<(usize, String), Vec<usize>>;

/// Gazetteer LSAD terms stripped from the end of place and county-subdivision names, longest first.
const LSAD_SUFFIXES: &[&str] = &[
    "consolidated government",
    "metropolitan government",
    "unified government",
    "metro government",
    "urban county",
    "municipality",
    "zona urbana",
    "comunidad",
    "corporation",
    "plantation",
    "charter township",
    "township",
    "borough",
    "village",
    "city",
    "town",
    "cdp",
];

/// Consolidated city-counties whose Gazetteer place is missing from the GNIS place→county table
/// and whose name does not carry the county. Curated: Indianapolis merged with Marion County (1970).
const CONSOLIDATED: &[(&str, &str)] = &[("1836003", "18097")];

/// Extra names for places whose Gazetteer name is not what postings write. Curated.
const PLACE_ALIASES: &[(&str, &str, &str)] = &[
    ("HI", "urban honolulu", "honolulu"),
    ("ID", "boise city", "boise"),
    ("NY", "new york", "nyc"),
    ("NY", "new york", "new york city"),
];

/// Which file the loader reads, and where it comes from (for the missing-file error).
struct Source {
    file: &'static str,
    origin: &'static str,
}

const STATES: Source = Source {
    file: "state.txt",
    origin: "the U.S. Census Bureau ANSI/FIPS state code list (www2.census.gov/geo/docs/reference/state.txt)",
};
const COUNTIES: Source = Source {
    file: "2025_Gaz_counties_national.txt",
    origin: "the U.S. Census Bureau 2025 Gazetteer Files",
};
const PLACES: Source = Source {
    file: "2025_Gaz_place_national.txt",
    origin: "the U.S. Census Bureau 2025 Gazetteer Files",
};
const COUSUBS: Source = Source {
    file: "2025_Gaz_cousubs_national.txt",
    origin: "the U.S. Census Bureau 2025 Gazetteer Files",
};
const CBSAS: Source = Source {
    file: "2025_Gaz_cbsa_national.txt",
    origin: "the U.S. Census Bureau 2025 Gazetteer Files",
};
const DELINEATION: Source = Source {
    file: "list1_Jul_2023.csv",
    origin: "the U.S. Census Bureau CBSA delineation file of July 2023 (list1_2023.xlsx), as CSV in bdurand/us_geo",
};
const PLACE_COUNTIES: Source = Source {
    file: "us_geo_gnis_place_counties.csv",
    origin:
        "bdurand/us_geo (MIT), derived from the USGS GNIS and U.S. Census Bureau Gazetteer files",
};
const ZIP_COUNTIES: Source = Source {
    file: "us_geo_zcta_counties_2020.csv",
    origin: "bdurand/us_geo (MIT), derived from the U.S. Census Bureau 2020 ZCTA-county relationship file",
};
const EXTRA_COUNTIES: Source = Source {
    file: "us_geo_extra_counties.csv",
    origin: "bdurand/us_geo (MIT), curated from U.S. Census Bureau county lists",
};
const PLACE_POPULATION: Source = Source {
    file: "acs5_2023_place_population.json",
    origin: "the U.S. Census Bureau Data API (ACS 2019-2023 5-year, B01003)",
};

/// The folder holding the geo files: `data_dir/geo` when it exists, else `data_dir` itself.
fn geo_dir(data_dir: &Path) -> PathBuf {
    let nested = data_dir.join("geo");
    if nested.join(STATES.file).is_file() {
        nested
    } else {
        data_dir.to_path_buf()
    }
}

/// A delimited reader over one source file, or the error that names the file and its origin.
fn open(dir: &Path, src: &Source, delimiter: u8) -> Result<(csv::Reader<File>, PathBuf), GeoError> {
    let path = dir.join(src.file);
    let file = File::open(&path).map_err(|e| missing(&path, src, e))?;
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(file);
    Ok((reader, path))
}

/// The error for a file that cannot be opened.
fn missing(path: &Path, src: &Source, e: std::io::Error) -> GeoError {
    if e.kind() == std::io::ErrorKind::NotFound {
        GeoError::Missing {
            path: path.to_path_buf(),
            origin: src.origin,
        }
    } else {
        GeoError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

/// Column positions looked up by header name, so a reordered file still loads.
struct Columns(Vec<usize>);

impl Columns {
    fn find(
        reader: &mut csv::Reader<File>,
        path: &Path,
        names: &[&'static str],
    ) -> Result<Self, GeoError> {
        let headers = reader.headers().map_err(|e| read_error(path, e))?.clone();
        let mut at = Vec::with_capacity(names.len());
        for &name in names {
            let i = headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == name)
                .ok_or_else(|| GeoError::Column {
                    path: path.to_path_buf(),
                    column: name,
                })?;
            at.push(i);
        }
        Ok(Columns(at))
    }

    /// Field `n` (in the order given to `find`) of a row, empty when the row is short.
    fn get<'r>(&self, row: &'r csv::StringRecord, n: usize) -> &'r str {
        self.0.get(n).and_then(|&i| row.get(i)).unwrap_or("")
    }
}

/// The error for a file whose rows cannot be read.
fn read_error(path: &Path, e: csv::Error) -> GeoError {
    GeoError::Read {
        path: path.to_path_buf(),
        source: e,
    }
}

/// Strips the LSAD term ("city", "township", "(balance)") from a Gazetteer name; keeps names whose
/// LSAD code says the term is part of the name (code `00`, e.g. "Carson City").
pub(crate) fn strip_lsad(name: &str, lsad_code: Option<&str>) -> String {
    let name = name.trim();
    let balance = name.ends_with("(balance)");
    let name = name.strip_suffix("(balance)").unwrap_or(name).trim_end();
    if lsad_code == Some("00") && !balance {
        return name.to_string();
    }
    let lower = name.to_ascii_lowercase();
    for suffix in LSAD_SUFFIXES {
        if let Some(rest) = lower.strip_suffix(suffix) {
            if rest.ends_with(' ') && rest.trim().len() > 1 {
                return name
                    .get(..rest.trim_end().len())
                    .unwrap_or(name)
                    .to_string();
            }
        }
    }
    name.to_string()
}

/// The warning for a row the loader skipped or repaired.
fn warn(path: &Path, line: Option<u64>, message: String) -> Diagnostic {
    let mut location = Location {
        file: path.display().to_string(),
        ..Location::default()
    };
    location.record = line.map(|l| format!("line {l}"));
    Diagnostic::warning(location, message)
}

impl Gazetteer {
    /// Reads the reference tables from `data_dir` (the data directory or its `geo/` folder).
    pub fn load(data_dir: &Path) -> Result<Gazetteer, GeoError> {
        let dir = geo_dir(data_dir);
        let mut g = Gazetteer {
            states: Vec::new(),
            state_by_usps: HashMap::new(),
            state_by_fips: HashMap::new(),
            counties: Vec::new(),
            county_by_fips: HashMap::new(),
            county_index: HashMap::new(),
            cbsas: Vec::new(),
            cbsa_by_code: HashMap::new(),
            places: Vec::new(),
            place_index: HashMap::new(),
            cousub_index: HashMap::new(),
            zips: HashMap::new(),
            vocab: HashMap::new(),
            uk: uk::load()?,
            warnings: Vec::new(),
        };
        g.load_states(&dir)?;
        g.load_counties(&dir)?;
        g.load_extra_counties(&dir)?;
        g.load_cbsas(&dir)?;
        g.load_delineation(&dir)?;
        let population = load_place_population(&dir)?;
        g.load_places(&dir, &population)?;
        g.load_place_counties(&dir)?;
        let subdivision_counties = g.load_cousubs(&dir)?;
        g.fill_missing_place_counties(&subdivision_counties);
        g.add_place_aliases();
        g.load_zips(&dir)?;
        g.vocab = vocab::build(&g.states);
        Ok(g)
    }

    fn load_states(&mut self, dir: &Path) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &STATES, b'|')?;
        let cols = Columns::find(&mut r, &path, &["STATE", "STUSAB", "STATE_NAME"])?;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let (fips, usps, name) = (cols.get(&row, 0), cols.get(&row, 1), cols.get(&row, 2));
            if fips.len() != 2 || usps.len() != 2 {
                let line = row.position().map(|p| p.line());
                self.warnings
                    .push(warn(&path, line, format!("skipped state row {fips:?}")));
                continue;
            }
            let i = self.states.len();
            self.states.push(State {
                fips: fips.to_string(),
                usps: usps.to_string(),
                name: name.to_string(),
                counties: Vec::new(),
            });
            self.state_by_usps.insert(usps.to_ascii_lowercase(), i);
            self.state_by_fips.insert(fips.to_string(), i);
        }
        if self.states.is_empty() {
            return Err(GeoError::Empty { path });
        }
        Ok(())
    }

    fn add_county(&mut self, fips: &str, name: &str, current: bool) -> Option<usize> {
        let state = *self.state_by_fips.get(fips.get(..2)?)?;
        if fips.len() != 5 || self.county_by_fips.contains_key(fips) {
            return None;
        }
        let i = self.counties.len();
        self.counties.push(County {
            fips: fips.to_string(),
            name: name.to_string(),
            state,
            cbsa: None,
            current,
        });
        self.county_by_fips.insert(fips.to_string(), i);
        self.county_index.entry(key(name)).or_default().push(i);
        if current {
            if let Some(s) = self.states.get_mut(state) {
                s.counties.push(i);
            }
        }
        Some(i)
    }

    fn load_counties(&mut self, dir: &Path) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &COUNTIES, b'|')?;
        let cols = Columns::find(&mut r, &path, &["GEOID", "NAME"])?;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let (fips, name) = (cols.get(&row, 0), cols.get(&row, 1));
            if self.add_county(fips, name, true).is_none() {
                let line = row.position().map(|p| p.line());
                self.warnings
                    .push(warn(&path, line, format!("skipped county {fips:?}")));
            }
        }
        if self.counties.is_empty() {
            return Err(GeoError::Empty { path });
        }
        Ok(())
    }

    /// Pre-2022 Connecticut counties and Island Areas: ZIP data and postings still use them.
    /// The state comes from the code's first two digits (the file's own column says GU for
    /// American Samoa).
    fn load_extra_counties(&mut self, dir: &Path) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &EXTRA_COUNTIES, b',')?;
        let cols = Columns::find(&mut r, &path, &["GEOID", "Full Name"])?;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let (fips, name) = (cols.get(&row, 0), cols.get(&row, 1));
            if !self.county_by_fips.contains_key(fips) {
                self.add_county(fips, name, false);
            }
        }
        Ok(())
    }

    fn load_cbsas(&mut self, dir: &Path) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &CBSAS, b'|')?;
        let cols = Columns::find(&mut r, &path, &["GEOID", "NAME"])?;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let (code, name) = (cols.get(&row, 0), cols.get(&row, 1));
            let title = name
                .strip_suffix(" Metro Area")
                .or_else(|| name.strip_suffix(" Micro Area"))
                .unwrap_or(name);
            self.cbsa_by_code.insert(code.to_string(), self.cbsas.len());
            self.cbsas.push(Cbsa {
                code: code.to_string(),
                title: title.to_string(),
            });
        }
        Ok(())
    }

    fn load_delineation(&mut self, dir: &Path) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &DELINEATION, b',')?;
        let cols = Columns::find(
            &mut r,
            &path,
            &[
                "CBSA Code",
                "CBSA Title",
                "FIPS State Code",
                "FIPS County Code",
            ],
        )?;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let code = cols.get(&row, 0);
            let fips = format!("{}{}", cols.get(&row, 2), cols.get(&row, 3));
            let cbsa = match self.cbsa_by_code.get(code) {
                Some(&c) => c,
                None => {
                    let c = self.cbsas.len();
                    self.cbsas.push(Cbsa {
                        code: code.to_string(),
                        title: cols.get(&row, 1).to_string(),
                    });
                    self.cbsa_by_code.insert(code.to_string(), c);
                    c
                }
            };
            match self.county_by_fips.get(&fips) {
                Some(&c) => {
                    if let Some(county) = self.counties.get_mut(c) {
                        county.cbsa = Some(cbsa);
                    }
                }
                None => {
                    let line = row.position().map(|p| p.line());
                    self.warnings.push(warn(
                        &path,
                        line,
                        format!("county {fips} is not in the Gazetteer"),
                    ));
                }
            }
        }
        Ok(())
    }

    fn load_places(
        &mut self,
        dir: &Path,
        population: &HashMap<String, u32>,
    ) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &PLACES, b'|')?;
        let cols = Columns::find(&mut r, &path, &["USPS", "GEOID", "NAME", "LSAD"])?;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let (usps, geoid, full) = (cols.get(&row, 0), cols.get(&row, 1), cols.get(&row, 2));
            let Some(&state) = self.state_by_usps.get(&usps.to_ascii_lowercase()) else {
                let line = row.position().map(|p| p.line());
                self.warnings.push(warn(
                    &path,
                    line,
                    format!("place {geoid} has unknown state {usps:?}"),
                ));
                continue;
            };
            let name = strip_lsad(full, Some(cols.get(&row, 3)));
            let i = self.places.len();
            self.place_index.entry(key(&name)).or_default().push(i);
            if let Some(alias) = consolidated_alias(&name, cols.get(&row, 3)) {
                self.place_index.entry(key(alias)).or_default().push(i);
            }
            if let Some(town) = name.strip_suffix(" Town") {
                // Massachusetts "Weymouth Town city": postings write "Weymouth"
                self.place_index.entry(key(town)).or_default().push(i);
            }
            self.places.push(Place {
                geoid: geoid.to_string(),
                population: population.get(geoid).copied().unwrap_or(0),
                name,
                state,
                counties: Vec::new(),
            });
        }
        for list in self.place_index.values_mut() {
            list.dedup();
        }
        Ok(())
    }

    fn load_place_counties(&mut self, dir: &Path) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &PLACE_COUNTIES, b',')?;
        let cols = Columns::find(&mut r, &path, &["Place GEOID", "County GEOID"])?;
        let by_geoid: HashMap<String, usize> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.geoid.clone(), i))
            .collect();
        let mut not_gazetteer = 0usize;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let (place, county) = (cols.get(&row, 0), cols.get(&row, 1));
            if place.len() == 10 {
                continue; // county subdivisions: their county is in their own GEOID
            }
            let line = row.position().map(|p| p.line());
            let Some(&c) = self.county_by_fips.get(county) else {
                let msg = format!("skipped pair {place},{county}: no such county");
                self.warnings.push(warn(&path, line, msg));
                continue;
            };
            let Some(&p) = by_geoid.get(place) else {
                if place.len() == 7 {
                    not_gazetteer += 1; // GNIS-only codes (e.g. "010153M"), not 2025 Gazetteer places
                } else {
                    let msg = format!("skipped pair {place},{county}: a place code has 7 digits");
                    self.warnings.push(warn(&path, line, msg));
                }
                continue;
            };
            if let Some(entry) = self.places.get_mut(p) {
                if !entry.counties.contains(&c) {
                    entry.counties.push(c);
                }
            }
        }
        if not_gazetteer > 0 {
            let msg = format!(
                "skipped {not_gazetteer} pairs whose place code is not a 2025 Gazetteer place"
            );
            self.warnings.push(warn(&path, None, msg));
        }
        Ok(())
    }

    /// Places the GNIS table misses get a county when it is certain: the state has one county
    /// (DC), the place lies in the one same-named town of a town state ("Milford city (balance)"
    /// in Milford town, CT), the consolidated name carries the county ("Athens-Clarke County"),
    /// or the curated [`CONSOLIDATED`] list names it.
    fn fill_missing_place_counties(&mut self, subdivisions: &SubdivisionCounties) {
        for p in 0..self.places.len() {
            let Some(place) = self.places.get(p) else {
                continue;
            };
            if !place.counties.is_empty() {
                continue;
            }
            let found = self.certain_county_for(place, subdivisions);
            if let (Some(c), Some(place)) = (found, self.places.get_mut(p)) {
                place.counties.push(c);
            }
        }
    }

    fn certain_county_for(
        &self,
        place: &Place,
        subdivisions: &SubdivisionCounties,
    ) -> Option<usize> {
        if let Some((_, fips)) = CONSOLIDATED.iter().find(|(g, _)| *g == place.geoid) {
            return self.county_by_fips.get(*fips).copied();
        }
        let state = self.states.get(place.state)?;
        if let [only] = state.counties.as_slice() {
            return Some(*only);
        }
        if let Some([only]) = subdivisions
            .get(&(place.state, key(&place.name)))
            .map(Vec::as_slice)
        {
            return Some(*only);
        }
        let parts = place.name.split(['-', '/', ',']).skip(1);
        for part in parts {
            let part = key(part);
            let part = part.strip_suffix(" county").unwrap_or(&part);
            let wanted = format!("{part} county");
            let hits: Vec<usize> = self
                .county_index
                .get(&wanted)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&c| {
                    self.counties
                        .get(c)
                        .is_some_and(|c| c.state == place.state && c.current)
                })
                .collect();
            if let [only] = hits.as_slice() {
                return Some(*only);
            }
        }
        None
    }

    /// Loads active county subdivisions as places; returns the county of every non-statistical
    /// subdivision by (state, name), which places missing from the GNIS table fall back on.
    fn load_cousubs(&mut self, dir: &Path) -> Result<SubdivisionCounties, GeoError> {
        let (mut r, path) = open(dir, &COUSUBS, b'|')?;
        let cols = Columns::find(&mut r, &path, &["USPS", "GEOID", "NAME", "FUNCSTAT"])?;
        let mut all: SubdivisionCounties = HashMap::new();
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let funcstat = cols.get(&row, 3);
            let (usps, geoid, full) = (cols.get(&row, 0), cols.get(&row, 1), cols.get(&row, 2));
            if funcstat != "S" {
                let state = self.state_by_usps.get(&usps.to_ascii_lowercase()).copied();
                let county = geoid
                    .get(..5)
                    .and_then(|f| self.county_by_fips.get(f))
                    .copied();
                if let (Some(state), Some(county)) = (state, county) {
                    let list = all
                        .entry((state, key(&strip_lsad(full, None))))
                        .or_default();
                    if !list.contains(&county) {
                        list.push(county);
                    }
                }
            }
            if !matches!(funcstat, "A" | "B" | "C") {
                continue; // CCDs and fictitious or nonfunctioning units are not places people name
            }
            let state = self.state_by_usps.get(&usps.to_ascii_lowercase()).copied();
            let county = geoid
                .get(..5)
                .and_then(|f| self.county_by_fips.get(f))
                .copied();
            let (Some(state), Some(county)) = (state, county) else {
                let line = row.position().map(|p| p.line());
                self.warnings.push(warn(
                    &path,
                    line,
                    format!("skipped county subdivision {geoid}"),
                ));
                continue;
            };
            let name = strip_lsad(full, None);
            let i = self.places.len();
            self.cousub_index.entry(key(&name)).or_default().push(i);
            self.places.push(Place {
                geoid: geoid.to_string(),
                name,
                state,
                counties: vec![county],
                population: 0,
            });
        }
        Ok(all)
    }

    fn add_place_aliases(&mut self) {
        for (usps, name, alias) in PLACE_ALIASES {
            let Some(&state) = self.state_by_usps.get(&usps.to_ascii_lowercase()) else {
                continue;
            };
            let hits: Vec<usize> = self
                .place_index
                .get(*name)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&p| self.places.get(p).is_some_and(|p| p.state == state))
                .collect();
            if let [only] = hits.as_slice() {
                let list = self.place_index.entry(alias.to_string()).or_default();
                if !list.contains(only) {
                    list.push(*only);
                }
            }
        }
    }

    fn load_zips(&mut self, dir: &Path) -> Result<(), GeoError> {
        let (mut r, path) = open(dir, &ZIP_COUNTIES, b',')?;
        let cols = Columns::find(&mut r, &path, &["ZCTA5", "County GEOID", "Land Area"])?;
        let mut unknown = 0usize;
        for row in r.records() {
            let row = row.map_err(|e| read_error(&path, e))?;
            let (zip, county) = (cols.get(&row, 0), cols.get(&row, 1));
            let land: f32 = cols.get(&row, 2).parse().unwrap_or(0.0);
            match self.county_by_fips.get(county) {
                Some(&c) if zip.len() == 5 => self
                    .zips
                    .entry(zip.to_string())
                    .or_default()
                    .push((c, land)),
                _ => unknown += 1,
            }
        }
        for list in self.zips.values_mut() {
            list.sort_by(|a, b| b.1.total_cmp(&a.1));
        }
        if unknown > 0 {
            self.warnings.push(warn(
                &path,
                None,
                format!("skipped {unknown} ZIP-county pairs whose county code is unknown"),
            ));
        }
        Ok(())
    }
}

/// The short name postings use for a consolidated government ("Nashville" for
/// "Nashville-Davidson metropolitan government (balance)"), when the LSAD code marks one.
fn consolidated_alias<'a>(name: &'a str, lsad_code: &str) -> Option<&'a str> {
    if !matches!(lsad_code, "00" | "UG" | "CG" | "MG" | "UC") {
        return None;
    }
    let first = name.split(['-', '/', ',']).next()?.trim();
    (first.len() < name.len() && !first.is_empty()).then_some(first)
}

/// ACS population by 7-digit place GEOID, for ranking same-named places.
fn load_place_population(dir: &Path) -> Result<HashMap<String, u32>, GeoError> {
    let path = dir.join(PLACE_POPULATION.file);
    let text = std::fs::read_to_string(&path).map_err(|e| missing(&path, &PLACE_POPULATION, e))?;
    let rows: Vec<Vec<Option<String>>> =
        serde_json::from_str(&text).map_err(|e| GeoError::Json {
            path: path.clone(),
            source: e,
        })?;
    let mut out = HashMap::with_capacity(rows.len());
    for row in rows.iter().skip(1) {
        let field = |i: usize| row.get(i).and_then(|v| v.as_deref()).unwrap_or("");
        if let Ok(pop) = field(1).parse::<u32>() {
            out.insert(format!("{}{}", field(3), field(4)), pop);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsad_terms_are_stripped_unless_part_of_the_name() {
        assert_eq!(strip_lsad("Aurora city", Some("25")), "Aurora");
        assert_eq!(
            strip_lsad("Urban Honolulu CDP", Some("57")),
            "Urban Honolulu"
        );
        assert_eq!(strip_lsad("Boise City city", Some("25")), "Boise City");
        assert_eq!(strip_lsad("Carson City", Some("00")), "Carson City");
        assert_eq!(
            strip_lsad("Indianapolis city (balance)", Some("00")),
            "Indianapolis"
        );
        assert_eq!(strip_lsad("Edison township", None), "Edison");
        assert_eq!(
            strip_lsad(
                "Nashville-Davidson metropolitan government (balance)",
                Some("00")
            ),
            "Nashville-Davidson"
        );
    }

    #[test]
    fn consolidated_governments_get_their_short_name() {
        assert_eq!(
            consolidated_alias("Nashville-Davidson", "00"),
            Some("Nashville")
        );
        assert_eq!(consolidated_alias("Winston-Salem", "25"), None);
    }
}
