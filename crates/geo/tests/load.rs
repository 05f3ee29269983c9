//! Loading the real reference files: speed, sizes, display helpers, the known source defects
//! reported as warnings, and the error a user sees when a file is missing.

mod common;

use credence_geo::{attribution, Gazetteer, GeoError};

#[test]
fn loading_takes_well_under_a_second_in_release() {
    let start = std::time::Instant::now();
    let g = Gazetteer::load(&credence_testkit::data_dir()).expect("loads");
    let took = start.elapsed();
    let (states, counties, places, zips) = g.counts();
    println!(
        "load: {took:?} for {states} states, {counties} counties, {places} places and subdivisions, {zips} ZIPs"
    );
    assert_eq!(states, 57);
    // 3,222 Gazetteer counties + 21 extra (8 old Connecticut counties and Island Areas; DC is shared).
    assert_eq!(counties, 3_243);
    assert!(zips > 33_000, "{zips} ZIPs");
}

#[test]
fn display_helpers_name_codes() {
    let g = common::gazetteer();
    assert_eq!(g.state_name("CO"), Some("Colorado"));
    assert_eq!(g.state_name("co"), Some("Colorado"));
    assert_eq!(g.state_name("XX"), None);
    assert_eq!(g.county_name("08005"), Some("Arapahoe County"));
    assert_eq!(g.county_name("09001"), Some("Fairfield County"));
    assert_eq!(g.county_name("99999"), None);
    assert_eq!(g.cbsa_title("19740"), Some("Denver-Aurora-Centennial, CO"));
    assert_eq!(g.cbsa_title("nope"), None);
    assert_eq!(
        attribution(),
        "Source: U.S. Census Bureau, 2025 Gazetteer Files; delineation July 2023; us_geo (MIT)"
    );
}

#[test]
fn known_defects_of_the_place_county_table_are_reported() {
    let g = common::gazetteer();
    let messages: Vec<String> = g.warnings().iter().map(|w| w.to_string()).collect();
    let all = messages.join("\n");
    assert!(
        all.contains("183600,18097"),
        "the short place code is reported:\n{all}"
    );
    assert!(
        all.contains("1117225,11000"),
        "the bad DC county is reported:\n{all}"
    );
    // DC still resolves to its one county-equivalent.
    assert_eq!(
        g.resolve("Washington, DC").county_fips.as_deref(),
        Some("11001")
    );
}

#[test]
fn a_missing_file_names_itself_and_the_census_download() {
    let dir = std::env::temp_dir().join(credence_testkit::unique("geo_missing"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let err = Gazetteer::load(&dir).expect_err("an empty directory cannot load");
    let text = err.to_string();
    assert!(matches!(err, GeoError::Missing { .. }), "{err:?}");
    assert!(text.contains("state.txt"), "{text}");
    assert!(text.contains("U.S. Census Bureau"), "{text}");
    assert!(text.contains("https://www.census.gov/geographies/reference-files/time-series/geo/gazetteer-files.html"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_without_its_columns_is_refused_by_name() {
    let dir = std::env::temp_dir().join(credence_testkit::unique("geo_columns"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("state.txt"), "A|B\n1|2\n").expect("write");
    let err = Gazetteer::load(&dir).expect_err("wrong header");
    assert!(err.to_string().contains("STATE"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
