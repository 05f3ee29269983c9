//! `credence outcomes …` end to end through the real binary: generate, compute (refusing bad
//! input unless told to quarantine), show by group, and import published tables (NJ ETPL from
//! the data directory, a PSEO-shaped file written here) with suppression kept as suppression.

use std::path::Path;
use std::process::{Command, Output};

use credence_testkit::data_dir;

fn credence(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_credence"))
        .arg("--db")
        .arg(db)
        .arg("--data")
        .arg(data_dir())
        .args(args)
        .env_remove("CREDENCE_DB")
        .env("CREDENCE_OUTCOMES_KEY", "cli-test-secret-0123456789")
        .output()
        .expect("run credence")
}

fn ok(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn generate_compute_show_and_quarantine() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    let data = dir.path().join("gen");
    let truth = dir.path().join("truth.json");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    ok(&credence(
        &db,
        &[
            "--json",
            "outcomes",
            "generate",
            "--out",
            &s(&data),
            "--truth",
            &s(&truth),
            "--participants",
            "900",
            "--seed",
            "3",
        ],
    ));
    let participants = s(&data.join("participants.csv"));
    let wages = s(&data.join("wages.csv"));

    // A hostile wage row refuses the run (exit 3) and names file, line and field, without the identifier.
    let bad = data.join("bad.csv");
    std::fs::write(&bad, "person_key,employer_id,naics,county,year,quarter,wage\n900000001,E1,622110,34013,2020,3,-250\n").unwrap();
    let out = credence(
        &db,
        &[
            "outcomes",
            "compute",
            "--participants",
            &participants,
            "--wages",
            &wages,
            &s(&bad),
            "--bootstrap",
            "30",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rejected"), "{err}");
    assert!(!err.contains("900000001"), "identifier leaked: {err}");
    let none = credence(&db, &["--json", "outcomes", "show", "synth-cna"]);
    assert_eq!(none.status.code(), Some(4), "nothing was stored");

    // With --keep-going the bad row is quarantined and the rest is computed.
    let report = ok(&credence(
        &db,
        &[
            "--json",
            "outcomes",
            "compute",
            "--participants",
            &participants,
            "--wages",
            &wages,
            &s(&bad),
            "--bootstrap",
            "30",
            "--keep-going",
        ],
    ));
    assert_eq!(report["run"]["rejected"], 1);
    assert_eq!(report["rejects"][0]["field"], "wage");
    assert_eq!(report["credentials"].as_array().unwrap().len(), 3);

    let view = ok(&credence(
        &db,
        &["--json", "outcomes", "show", "synth-cdl", "--by", "sex"],
    ));
    assert_eq!(view["tables"].as_array().unwrap().len(), 1);
    let e2 = view["overall"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == "employment_q2")
        .unwrap();
    let (v, lo, hi) = (
        e2["value"].as_f64().unwrap(),
        e2["lower"].as_f64().unwrap(),
        e2["upper"].as_f64().unwrap(),
    );
    assert!(lo < v && v < hi && e2["n"].as_i64().unwrap() >= 10, "{e2}");
    // The CDL cohort is mostly men: the women's cells are small and suppressed, with complementary
    // suppression when needed, and never carry numbers.
    for g in view["tables"][0]["groups"].as_array().unwrap() {
        for c in g["cells"].as_array().unwrap() {
            if !c["suppressed"].is_null() {
                assert!(c["value"].is_null() && c["n"].is_null(), "{c}");
            }
        }
    }
    let bad_by = credence(&db, &["outcomes", "show", "synth-cdl", "--by", "zodiac"]);
    assert_eq!(bad_by.status.code(), Some(3));
    // Text output names source and window.
    let text = credence(&db, &["outcomes", "show", "synth-it"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("source: UI wage records") && text.contains("2016Q1–2023Q4"),
        "{text}"
    );
}

#[test]
fn published_tables_import_and_keep_suppression() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let etpl = data_dir().join("nj_etpl/outcomes_schcip.csv");
    let etpl_s = etpl.to_str().unwrap();
    // Count the suppression code in the file itself, for the assertion below.
    let raw = std::fs::read_to_string(&etpl).unwrap();
    let mut rdr = csv::Reader::from_reader(raw.as_bytes());
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "PerEmployed2")
        .unwrap();
    let cip_col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "cipcode")
        .unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let nursing: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[cip_col].starts_with("5139"))
        .collect();
    assert!(!nursing.is_empty());
    let suppressed_nursing = nursing.iter().filter(|r| &r[col] == "-99999").count();

    let report = ok(&credence(
        &db,
        &[
            "--json",
            "outcomes",
            "import",
            etpl_s,
            "--format",
            "nj-etpl",
            "--keep-going",
        ],
    ));
    assert_eq!(report["files"][0][1].as_u64().unwrap() as usize, rows.len());
    let got = ok(&credence(
        &db,
        &[
            "--json",
            "outcomes",
            "published",
            "--cip",
            "51.39",
            "--limit",
            "5000",
        ],
    ));
    let e2: Vec<&serde_json::Value> = got
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["measure"] == "employment_q2")
        .collect();
    assert_eq!(e2.len(), nursing.len());
    let hidden: Vec<&&serde_json::Value> = e2.iter().filter(|r| r["value"].is_null()).collect();
    assert_eq!(hidden.len(), suppressed_nursing);
    for h in hidden {
        assert_eq!(h["status"], "suppressed (-99999)");
    }

    // A PSEO-shaped earnings file (layout from the Census PSEO documentation) with a label file.
    let pseo = dir.path().join("pseoe_test.csv");
    std::fs::write(
        &pseo,
        "agg_level_pseo,inst_level,institution,degree_level,cip_level,cipcode,grad_cohort,grad_cohort_years,geo_level,geography,ind_level,industry,\
y1_p25_earnings,y1_p50_earnings,y1_p75_earnings,y1_grads_earn,y5_p25_earnings,y5_p50_earnings,y5_p75_earnings,y5_grads_earn,\
y10_p25_earnings,y10_p50_earnings,y10_p75_earnings,y10_grads_earn,status_y1_earnings,status_y5_earnings,status_y10_earnings\n\
48,I,00999900,02,6,513902,2016,5,N,0,A,00,21000,28000,35000,140,25000,33000,41000,120,,,,,1,1,-1\n\
48,I,00999900,02,6,110101,2016,5,N,0,A,00,,,,,,,,,,,,,5,5,-1\n",
    )
    .unwrap();
    let labels = dir.path().join("pseo_institutions.csv");
    std::fs::write(
        &labels,
        "institution,label,inst_state\n00999900,Example Community College,34\n",
    )
    .unwrap();
    ok(&credence(
        &db,
        &[
            "--json",
            "outcomes",
            "import",
            pseo.to_str().unwrap(),
            "--format",
            "pseo",
            "--labels",
            labels.to_str().unwrap(),
        ],
    ));
    let got = ok(&credence(
        &db,
        &[
            "--json",
            "outcomes",
            "published",
            "--institution",
            "example community",
            "--limit",
            "100",
        ],
    ));
    let rows = got.as_array().unwrap();
    let med = rows
        .iter()
        .find(|r| r["measure"] == "y1_p50_earnings" && r["cip"] == "51.3902")
        .unwrap();
    assert_eq!(
        (med["value"].as_f64(), med["n"].as_i64()),
        (Some(28000.0), Some(140))
    );
    assert_eq!(med["institution_name"], "Example Community College");
    let sup = rows
        .iter()
        .find(|r| r["measure"] == "y1_p50_earnings" && r["cip"] == "11.0101")
        .unwrap();
    assert!(sup["value"].is_null());
    assert_eq!(sup["status"], "suppressed (status 5)");
    let y10 = rows
        .iter()
        .find(|r| r["measure"] == "y10_p50_earnings" && r["cip"] == "51.3902")
        .unwrap();
    assert_eq!(y10["status"], "not available (status -1)");
}
