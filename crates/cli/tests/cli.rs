//! The real `credence` binary: exit codes, `--json` output and error messages a user sees.

use std::process::{Command, Output};

use credence_testkit::data_dir;

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
fn import_search_show_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let nj = data_dir().join("nj_etpl/TBLLICENSE_DATA_TABLE.csv");

    let out = credence(
        &db,
        &[
            "--json",
            "import",
            "list",
            nj.to_str().unwrap(),
            "--format",
            "nj-license",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports[0]["records"], 228, "data rows of the license table");

    let out = credence(
        &db,
        &["--json", "search", "registered nurse", "--type", "License"],
    );
    assert!(out.status.success());
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(results["total"].as_u64().unwrap() >= 1);
    assert!(results["hits"][0]["name"]
        .as_str()
        .unwrap()
        .contains("NURSE"));

    let out = credence(&db, &["show", "nj-license-816"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ACCOUNTANT (CPA)"));

    let out = credence(&db, &["--json", "classify", "nj-license-816"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let calls: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(calls[0]["classification"]["call"], "license");
    let out = credence(&db, &["classify", "--all"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        228,
        "one line per credential"
    );

    let out = credence(&db, &["compare", "nj-license-816", "nj-license-801"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ACCOUNTANT (CPA) | ACUPUNCTURIST"), "{text}");
    let out = credence(&db, &["compare", "nj-license-816"]);
    assert_eq!(out.status.code(), Some(2), "clap enforces 2 to 4 ids");

    // Not found → 4.
    let out = credence(&db, &["show", "nj-license-0"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));

    // A malformed CTDL file → 3, with the file, line and column in the message.
    let err = rejected(
        &db,
        &dir.path().join("bad.json"),
        "{\n  \"@type\": \"ceterms:Certification\",\n  \"ceterms:name\": \n}",
        &["import", "ctdl"],
    );
    assert!(err.contains("bad.json") && err.contains("line 4"), "{err}");

    // A truncated CTID → rejected with the field named.
    let err = rejected(
        &db,
        &dir.path().join("trunc.json"),
        r#"{"@type":"ceterms:Certification","ceterms:ctid":"ce-53bc7e5d-d39c-4687-ac89","ceterms:name":"X"}"#,
        &["import", "ctdl"],
    );
    assert!(
        err.contains("ceterms:ctid") && err.contains("truncated"),
        "{err}"
    );

    // A blueprint whose weights do not sum to 100 is rejected with the line and field named.
    let err = rejected(
        &db,
        &dir.path().join("bp.csv"),
        "credential_id,domain,weight\nnj-license-816,Audit,60\nnj-license-816,Tax,30\n",
        &["import", "blueprint"],
    );
    assert!(err.contains("bp.csv") && err.contains("weight"), "{err}");

    // Usage errors are clap's 2.
    let out = credence(&db, &["import", "list", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Writes `content` to `file`, runs `credence ARGS… FILE`, expects exit code 3; returns stderr.
fn rejected(db: &std::path::Path, file: &std::path::Path, content: &str, args: &[&str]) -> String {
    std::fs::write(file, content).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    all.push(file.to_str().unwrap());
    let out = credence(db, &all);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(3), "{err}");
    err
}
