//! Reads the real public files and checks facts stated in SOURCES.md or visible in the files.

mod common;

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Instant;

use credence_taxonomy::*;

fn data() -> &'static ReferenceData {
    static DATA: OnceLock<ReferenceData> = OnceLock::new();
    DATA.get_or_init(|| {
        let start = Instant::now();
        let d = load_all(&common::data_dir()).expect("load_all on the shared data");
        eprintln!("load_all took {:?}", start.elapsed());
        d
    })
}

/// Data rows in a file, counted independently of the reader (lines minus header).
fn line_count(rel: &str) -> usize {
    let text = std::fs::read_to_string(common::data_dir().join(rel)).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).count() - 1
}

#[test]
fn all_required_files_present_and_hashed() {
    let status = check_files(&common::data_dir());
    assert_eq!(status.len(), MANIFEST.len());
    assert!(status.iter().filter(|s| s.required).all(|s| s.present));
    let d = data();
    assert_eq!(d.files.len(), MANIFEST.iter().filter(|e| e.loaded).count());
    let occ = d.file("onet_occupation_data").unwrap();
    assert_eq!(occ.bytes, 265_794);
    assert_eq!(occ.sha256.len(), 64);
    assert!(occ
        .attribution
        .contains("O*NET 29.2 Database by the U.S. Department of Labor"));
    let oews = d.file("oews_national").unwrap();
    assert_eq!(
        oews.citation,
        "BLS OEWS, May 2024, national (U.S. Bureau of Labor Statistics)"
    );
}

#[test]
fn real_files_have_no_error_diagnostics() {
    let errors: Vec<_> = data()
        .diagnostics
        .iter()
        .filter(|d| d.severity == credence_model::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn soc_hierarchy_and_definitions() {
    let d = data();
    assert_eq!(d.soc.len(), line_count("soc/soc2018_all.csv"));
    let count = |l| d.soc.iter().filter(|s| s.level == l).count();
    assert_eq!(count(SocLevel::Major), 23);
    assert_eq!(count(SocLevel::Detailed), 867);
    let dev = d.soc.iter().find(|s| s.code == "15-1252").unwrap();
    assert_eq!(dev.title, "Software Developers");
    assert_eq!(dev.parent.as_deref(), Some("15-1250"));
    assert!(dev
        .definition
        .as_deref()
        .unwrap()
        .starts_with("Research, design, and develop"));
    let codes: HashSet<&str> = d.soc.iter().map(|s| s.code.as_str()).collect();
    let orphan = d
        .soc
        .iter()
        .filter_map(|s| s.parent.as_deref())
        .find(|p| !codes.contains(p));
    assert_eq!(orphan, None, "every parent exists");
    assert!(d
        .soc
        .iter()
        .filter(|s| s.level == SocLevel::Major)
        .all(|s| s.parent.is_none()));
}

#[test]
fn crosswalk_maps_2010_to_2018() {
    let d = data();
    assert_eq!(
        d.crosswalk.rows().len(),
        line_count("soc/soc2010_soc2018.csv")
    );
    let new = d.crosswalk.soc2010_to_2018("15-1132");
    assert!(new.contains(&"15-1252".to_string()), "{new:?}");
    assert!(new.len() > 1, "one-to-many: {new:?}");
    assert_eq!(d.crosswalk.soc2010_to_2018("151132"), new);
    assert!(d
        .crosswalk
        .soc2018_to_2010("15-1252")
        .contains(&"15-1132".to_string()));
    assert!(d
        .crosswalk
        .rows()
        .iter()
        .all(|r| !r.soc2018_title.contains("(##)")));
    assert!(d.crosswalk.soc2010_to_2018("not a code").is_empty());
}

#[test]
fn onet_files() {
    let d = data();
    assert_eq!(d.onet_occupations.len(), 1016);
    let dev = d
        .onet_occupations
        .iter()
        .find(|o| o.code == "15-1252.00")
        .unwrap();
    assert_eq!(
        (dev.soc.as_str(), dev.title.as_str()),
        ("15-1252", "Software Developers")
    );
    assert_eq!(
        d.alternate_titles.len(),
        line_count("onet_29_2/Alternate Titles.txt")
    );
    assert!(d
        .alternate_titles
        .iter()
        .any(|a| a.short_title.as_deref() == Some("MD")));
    assert_eq!(d.job_zones.len(), line_count("onet_29_2/Job Zones.txt"));
    assert_eq!(d.job_zone_names.len(), 5);
    assert!(d.job_zone_names[2].name.starts_with("Job Zone Three"));
    // O*NET 29.2 puts Registered Nurses (29-1141.00) in zone 4; Acute Care Nurses (.01) in zone 3.
    assert_eq!(d.job_zone("29-1141"), Some(4));
    assert_eq!(d.job_zone("29-1141.01"), Some(3));
    assert_eq!(
        d.related.len(),
        line_count("onet_29_2/Related Occupations.txt")
    );
    assert_eq!(
        d.tech_skills.len(),
        line_count("onet_29_2/Technology Skills.txt")
    );
    let hot = d.tech_skills.iter().filter(|t| t.hot_technology).count();
    assert_eq!(hot, 9601 + 2020, "Y/Y and Y/N rows");
}

#[test]
fn cip_soc_crosswalk() {
    let d = data();
    let all = line_count("soc/soc2018_cip2020_crosswalk.csv");
    let text =
        std::fs::read_to_string(common::data_dir().join("soc/soc2018_cip2020_crosswalk.csv"))
            .unwrap();
    let no_match = text.lines().filter(|l| l.contains("NO MATCH")).count();
    assert_eq!(d.cip_soc.len(), all - no_match);
    assert!(d.cip_soc.iter().all(|r| !r.cip_title.ends_with('.')));
    let row = d
        .cip_soc
        .iter()
        .find(|r| r.cip == "52.0201" && r.soc == "11-1011")
        .unwrap();
    assert_eq!(
        row.cip_title,
        "Business Administration and Management, General"
    );
}

#[test]
fn naics_levels() {
    let d = data();
    assert_eq!(d.naics.len(), line_count("soc/naics2022_all.csv"));
    let mfg = d.naics.iter().find(|n| n.code == "31-33").unwrap();
    assert_eq!((mfg.level, mfg.title.as_str()), (2, "Manufacturing"));
    assert_eq!(d.naics.iter().filter(|n| n.level == 6).count(), 1013);
}

#[test]
fn oews_wages() {
    let d = data();
    assert_eq!(d.wages.len(), 1403);
    assert_eq!(
        d.wages
            .iter()
            .filter(|w| w.group == OewsGroup::Detailed)
            .count(),
        831
    );
    let dev = d.wage("15-1252").unwrap();
    assert!(dev.a_median.unwrap() > 100_000.0);
    assert!(dev.tot_emp.unwrap() > 1_000_000.0);
    let mgmt = d.wages.iter().find(|w| w.soc == "11-0000").unwrap();
    assert_eq!(mgmt.a_pct90, None);
    assert!(mgmt.is_top_coded("a_pct90") && mgmt.is_top_coded("h_pct90"));
    assert!(!mgmt.is_top_coded("a_median"));
    assert_eq!(
        format_wage(mgmt.a_pct90, mgmt.is_top_coded("a_pct90"), false),
        "≥ $239,200"
    );
    let annual_only = d.wages.iter().filter(|w| w.annual_only).count();
    assert_eq!(annual_only, 83);
    assert!(d
        .wages
        .iter()
        .filter(|w| w.annual_only)
        .all(|w| w.h_median.is_none()));
}

#[test]
fn load_all_is_fast() {
    let start = Instant::now();
    let d = load_all(&common::data_dir()).unwrap();
    let took = start.elapsed();
    eprintln!(
        "load_all: {took:?}, {} rows",
        d.alternate_titles.len() + d.tech_skills.len()
    );
    assert!(took.as_secs_f64() < 5.0, "{took:?}");
}
