//! `credence outcomes link` as a user runs it: generated files with truth, JSON scores, pairs
//! file shape, exit codes for bad input, no database touched and no names printed.

use std::process::{Command, Output};

use credence_linkage::noise::{generate, write_people, write_truth, NoiseConfig};

fn credence(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_credence"))
        .current_dir(dir)
        .args(args)
        .env_remove("CREDENCE_DB")
        .output()
        .expect("run credence")
}

#[test]
fn links_generated_files_and_reports_scores_without_names() {
    let dir = tempfile::tempdir().unwrap();
    let g = generate(&NoiseConfig {
        people: 600,
        right_only: 200,
        seed: 11,
        ..NoiseConfig::default()
    });
    let p = |n: &str| dir.path().join(n);
    write_people(&p("left.csv"), &g.left).unwrap();
    write_people(&p("right.csv"), &g.right).unwrap();
    write_truth(&p("truth.csv"), &g.truth).unwrap();
    std::fs::write(p("k.key"), "a secret shared by both holders\n").unwrap();

    for method in ["fs", "bloom", "deterministic"] {
        let out = credence(
            dir.path(),
            &[
                "--json",
                "outcomes",
                "link",
                "left.csv",
                "right.csv",
                "--method",
                method,
                "--key-file",
                "k.key",
                "--truth",
                "truth.csv",
                "--out",
                "pairs.csv",
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{method}: {stderr}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let f1 = report["evaluation"]["f1"].as_f64().unwrap();
        let floor = if method == "deterministic" { 0.8 } else { 0.9 };
        assert!(f1 >= floor, "{method}: F1 {f1}");
        let pairs = std::fs::read_to_string(p("pairs.csv")).unwrap();
        assert!(pairs.starts_with("left_id,right_id,probability,match_weight,explanation"));
        assert_eq!(
            pairs.lines().count() - 1,
            report["matched"].as_u64().unwrap() as usize
        );
        // No identifying value from the inputs appears in anything printed or written.
        let printed = format!("{}{stderr}{pairs}", String::from_utf8_lossy(&out.stdout));
        for person in g.left.iter().take(50) {
            assert!(!printed.contains(&format!(",{},", person.ssn)));
            assert!(!printed.contains(&person.address), "address leaked");
        }
    }
    assert!(
        !p("credence.db").exists(),
        "linkage must not open a database"
    );

    // Two-party flow: each holder encodes with the shared key; the linker sees only encodings.
    for side in ["left", "right"] {
        let out = credence(
            dir.path(),
            &[
                "outcomes",
                "encode",
                &format!("{side}.csv"),
                "--key-file",
                "k.key",
                "--out",
                &format!("{side}.enc.csv"),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let enc = std::fs::read_to_string(p(&format!("{side}.enc.csv"))).unwrap();
        assert!(enc.starts_with("id,bf:given,bf:surname,bf:dob"));
        assert!(!enc.contains(&g.left[0].surname) && !enc.contains(&g.left[0].ssn));
    }
    let out = credence(
        dir.path(),
        &[
            "--json",
            "outcomes",
            "link",
            "left.enc.csv",
            "right.enc.csv",
            "--method",
            "bloom",
            "--truth",
            "truth.csv",
            "--out",
            "pairs.csv",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["evaluation"]["f1"].as_f64().unwrap() >= 0.9,
        "{report}"
    );

    let out = credence(
        dir.path(),
        &[
            "--quiet",
            "outcomes",
            "link",
            "left.csv",
            "right.csv",
            "--method",
            "nope",
            "--out",
            "x.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    std::fs::write(p("noid.csv"), "name\nann\n").unwrap();
    let out = credence(
        dir.path(),
        &[
            "outcomes",
            "link",
            "noid.csv",
            "right.csv",
            "--out",
            "x.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no id column"));
}
