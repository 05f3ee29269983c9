//! `credence eligible` and `credence path …` through the real binary: text and `--json` output,
//! exit codes for unknown targets and bad profiles, credit rule import with per-line errors.

use std::process::{Command, Output};

use credence_testkit::data_dir;

const CERT: &str = "ce-509682bb-658e-4eb6-87f2-ebff5d5e0aec";

fn credence(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_credence"))
        .arg("--db")
        .arg(db)
        .arg("--data")
        .arg(data_dir())
        .args(args)
        .env_remove("CREDENCE_DB")
        .output()
        .expect("run credence")
}

#[test]
fn eligible_plan_next_credits_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("path.db");
    let fixture = data_dir().join("ctdl/ra_certification_detailed_graph.json");
    let out = credence(&db, &["import", "ctdl", fixture.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let person = dir.path().join("me.toml");
    std::fs::write(
        &person,
        "education = \"high_school\"\nconfirms = [\"Have a drivers licence.\"]\n[[experience]]\nfield = \"IT support\"\nyears = 1.5\n",
    )
    .unwrap();
    let p = person.to_str().unwrap();

    let out = credence(&db, &["eligible", p, CERT]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("NOT ELIGIBLE"), "{text}");
    assert!(text.contains("missing: completing"), "{text}");

    // An authored requirement in the text form: met, contradictory, unparseable.
    let run = |condition: &str| credence(&db, &["eligible", p, "--condition", condition]);
    let out = run(r#"experience 1 years in "IT support" OR education bachelor"#);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("ELIGIBLE — satisfied by"),
        "{text}"
    );
    let out = run("age 21 AND NOT age 18");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("CONTRADICTORY") && text.contains("NOT ELIGIBLE"),
        "{text}"
    );
    let out = run("experience 3 yaers");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "unparseable condition must fail");
    assert!(
        err.contains("--condition") && err.contains("line 1, column"),
        "{err}"
    );

    let out = credence(
        &db,
        &["--json", "path", "plan", "--from", p, "--to", "15-1212"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["cheapest"]["exit_wage"]["soc"], "15-1212");
    assert!(
        plan["fastest"]["years"].as_f64().unwrap()
            <= plan["cheapest"]["years"].as_f64().unwrap() + 1e-9
    );

    let out = credence(&db, &["path", "plan", "--from", p, "--to", "nothing-here"]);
    assert_eq!(out.status.code(), Some(4), "unknown target is not found");

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "education = \"high_school\"\nage = \"old\"\n").unwrap();
    let out = credence(&db, &["eligible", bad.to_str().unwrap(), CERT]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml") && err.contains("line 2"), "{err}");

    let out = credence(&db, &["--json", "path", "next", p, "--limit", "3"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let next: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(next.as_array().unwrap().len(), 3);

    let credits = dir.path().join("credits.csv");
    std::fs::write(
        &credits,
        format!("credential_id,institution,program_cip,credits,credit_type\n{CERT},Example College,11.1003,6,cpl\n{CERT},Example College,11.1003,lots,cpl\n"),
    )
    .unwrap();
    let out = credence(&db, &["path", "credits", credits.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "a bad row rejects the file");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("credits"), "{err}");
    let out = credence(
        &db,
        &[
            "--json",
            "path",
            "credits",
            credits.to_str().unwrap(),
            "--keep-going",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["rules"], 1);

    let out = credence(&db, &["--json", "path", "map", CERT]);
    assert!(out.status.success());
    let map: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(map["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "credit" && e["credits"] == 6.0));

    let out = credence(&db, &["--json", "path", "check"]);
    assert!(out.status.success());
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!check["findings"]["dangling"].as_array().unwrap().is_empty());
}
