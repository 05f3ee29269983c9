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

/// Writes postings the test knows the answers to: 12 CDL ads (one reposted), 8 nursing ads.
fn write_postings(dir: &std::path::Path) -> std::path::PathBuf {
    let mut body = String::new();
    for i in 0..12 {
        let text = format!(
            "<p>Route {i} delivery driver.</p><ul><li>Must hold a valid Class A CDL</li><li>Forklift certification preferred</li></ul> Depot {i}, shift {i}, lane {i}."
        );
        body.push_str(&serde_json::json!({"job_id": format!("d{i}"), "job_title": "Truck Driver", "body": text, "city": "Aurora, CO 80012", "posted": format!("2025-{:02}-03", i % 12 + 1), "company": "Acme Freight"}).to_string());
        body.push('\n');
    }
    let repost = body
        .lines()
        .next()
        .unwrap()
        .replace("\"d0\"", "\"d0-repost\"");
    body.push_str(&repost);
    body.push('\n');
    for i in 0..8 {
        let (unit, town) = [
            ("cardiac", "Leeds"),
            ("oncology", "York"),
            ("surgical", "Hull"),
            ("maternity", "Bath"),
            ("renal", "Derby"),
            ("stroke", "Wells"),
            ("trauma", "Ripon"),
            ("paediatric", "Ely"),
        ][i];
        let text = format!("The {town} {unit} team ({i}) wants a registered nurse on {unit} shifts near {town}. Active RN license and BLS certification required. ACLS within 90 days of hire.");
        body.push_str(&serde_json::json!({"job_id": format!("n{i}"), "job_title": "Registered Nurse", "body": text, "city": "Leeds LS1 4AP", "posted": "2025-02-10"}).to_string());
        body.push('\n');
    }
    body.push_str("{not json\n");
    let path = dir.join("postings.jsonl");
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn demand_ingest_reports_reposts_of_earlier_ingests_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let march = write_postings(dir.path());
    let map = "id=job_id,title=job_title,text=body,location=city,date=posted,employer=company";
    let o = credence(
        &db,
        &["demand", "ingest", march.to_str().unwrap(), "--map", map],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("1 within the file, 0 of earlier ingests"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // April's export: two of March's ads reposted (new ids, one with an edit), one repeated
    // within April, and a new ad.
    let lines: Vec<String> = std::fs::read_to_string(&march)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let april = [
        lines[2].replace("\"d2\"", "\"a1\"").replace("2025-03-03", "2025-04-03"),
        lines[13]
            .replace("\"n0\"", "\"a2\"")
            .replace("ACLS within 90 days of hire.", "ACLS within 90 days of hire. Reposted."),
        serde_json::json!({"job_id": "a3", "job_title": "Welder", "body": "Certified welder for our Pueblo shop: AWS D1.1 certification required, forklift certification preferred, day shift, overtime available, tools provided.", "city": "Pueblo, CO", "posted": "2025-04-09"}).to_string(),
        serde_json::json!({"job_id": "a4", "job_title": "Welder", "body": "Certified welder for our Pueblo shop: AWS D1.1 certification required, forklift certification preferred, day shift, overtime available, tools provided.", "city": "Pueblo, CO", "posted": "2025-04-10"}).to_string(),
    ]
    .join("\n");
    let april_path = dir.path().join("april.jsonl");
    std::fs::write(&april_path, april).unwrap();
    let o = credence(
        &db,
        &[
            "demand",
            "ingest",
            april_path.to_str().unwrap(),
            "--map",
            map,
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let file = &report["files"][0];
    let s = &file["summary"];
    assert_eq!(
        (
            s["postings"].as_u64(),
            s["duplicates"].as_u64(),
            s["duplicates_within"].as_u64(),
            s["duplicates_earlier"].as_u64()
        ),
        (Some(4), Some(3), Some(1), Some(2)),
        "{s}"
    );
    assert!(file["earlier_fingerprints"].as_u64().unwrap() >= 12);
    let o = credence(
        &db,
        &[
            "demand",
            "ingest",
            march.to_str().unwrap(),
            "--map",
            map,
            "--dedup-window",
            "soon",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn demand_extract_ingest_show_and_top() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let postings = write_postings(dir.path());
    let map = "id=job_id,title=job_title,text=body,location=city,date=posted,employer=company";
    let out = dir.path().join("mentions.jsonl");
    let p = postings.to_str().unwrap();
    let o = credence(
        &db,
        &[
            "demand",
            "extract",
            p,
            "--map",
            map,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        22,
        "one line per input record, rejects included"
    );
    assert_eq!(lines[0]["id"], "d0");
    let first = &lines[0]["mentions"][0];
    assert_eq!(first["surface"], "Class A CDL");
    assert_eq!(first["level"], "required");
    assert!(lines[21]["error"].as_str().unwrap().contains("JSON"));

    let o = credence(&db, &["demand", "ingest", p, "--map", map, "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let summary = &report["files"][0]["summary"];
    assert_eq!(
        (
            summary["postings"].as_u64(),
            summary["rejected"].as_u64(),
            summary["duplicates"].as_u64()
        ),
        (Some(21), Some(1), Some(1))
    );
    let again = credence(&db, &["demand", "ingest", p, "--map", map, "--json"]);
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        again["files"][0]["skipped"], true,
        "re-ingesting the same file never double-counts"
    );

    let o = credence(&db, &["demand", "show", "cdl", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let view: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(view["unique_postings"], 12);
    assert_eq!(view["required"], 12);
    assert_eq!(view["regions"][0]["key"], "US-CO");
    assert_eq!(view["occupations"][0]["key"], "53-3032");
    assert!(
        view["forecast"]["Ok"]["points"]
            .as_array()
            .is_some_and(|p| p.len() == 12),
        "{}",
        view["forecast"]
    );

    let o = credence(&db, &["demand", "top", "--region", "GB", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["credential_key"].as_str())
        .collect();
    assert!(
        keys.contains(&"rn-license") && keys.contains(&"bls") && !keys.contains(&"cdl"),
        "{keys:?}"
    );
    let o = credence(&db, &["demand", "show", "no-such-credential"]);
    assert_eq!(o.status.code(), Some(4));

    // The Parquet export holds every cell: its CDL postings add up to what `show` counted.
    let parquet = dir.path().join("cells.parquet");
    let o = credence(
        &db,
        &[
            "demand",
            "export",
            "--parquet",
            parquet.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let (mut rows, mut cdl) = (0u64, 0i64);
    let file = std::fs::File::open(&parquet).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    for batch in reader {
        let batch = batch.unwrap();
        let keys = arrow::array::AsArray::as_string::<i32>(
            batch.column_by_name("credential_key").unwrap(),
        );
        let unique = arrow::array::AsArray::as_primitive::<arrow::datatypes::Int64Type>(
            batch.column_by_name("unique_postings").unwrap(),
        );
        for i in 0..batch.num_rows() {
            if keys.value(i) == "cdl" {
                cdl += unique.value(i);
            }
        }
        rows += batch.num_rows() as u64;
    }
    assert_eq!(written["rows"].as_u64(), Some(rows));
    assert_eq!(cdl, 12);
}
