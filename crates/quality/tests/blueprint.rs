//! Exam blueprint import from CSV and JSON, and precise rejection of malformed files.

use credence_quality::{
    load_blueprints, parse_blueprints_csv, parse_blueprints_json, BlueprintError,
};

fn problems(err: BlueprintError) -> Vec<String> {
    err.diagnostics().iter().map(ToString::to_string).collect()
}

#[test]
fn csv_groups_by_credential() {
    let csv = "credential_id,domain,weight\n\
               ce-a,Safety,40\n\
               ce-a,Practice,60%\n\
               ce-b,Only,99.6\n";
    let bps = parse_blueprints_csv("bp.csv", csv.as_bytes()).expect("valid");
    assert_eq!(bps.len(), 2);
    assert_eq!(bps[0].credential_id, "ce-a");
    assert_eq!(bps[0].domains[1].name, "Practice");
    assert_eq!(bps[0].domains[1].weight_percent, 60.0);
    assert_eq!(bps[1].domains.len(), 1);
}

#[test]
fn csv_errors_name_file_line_and_field() {
    let csv = "Weight,Domain,Credential_ID\n\
               50,A,ce-a\n\
               abc,B,ce-a\n\
               30,,ce-a\n\
               120,C,ce-b\n";
    let got = problems(parse_blueprints_csv("bp.csv", csv.as_bytes()).expect_err("invalid"));
    assert!(
        got.contains(
            &"error: bp.csv: line 3: field `weight`: weight `abc` is not a number".to_string()
        ),
        "{got:?}"
    );
    assert!(
        got.contains(&"error: bp.csv: line 4: field `domain`: `domain` is empty".to_string()),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|g| g.starts_with("error: bp.csv: line 5: field `weight`: weight 120")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|g| g.contains("line 2: field `weight`: weights of `ce-a` sum to 50.00%")),
        "{got:?}"
    );
}

#[test]
fn csv_missing_columns_and_duplicates() {
    let got = problems(parse_blueprints_csv("x.csv", b"id,domain\n1,A\n").expect_err("invalid"));
    assert!(got.contains(
        &"error: x.csv: line 1: field `credential_id`: header has no `credential_id` column"
            .to_string()
    ));
    assert!(got.contains(
        &"error: x.csv: line 1: field `weight`: header has no `weight` column".to_string()
    ));
    let csv = "credential_id,domain,weight\nce-a,A,50\nce-a,a,50\n";
    let got = problems(parse_blueprints_csv("x.csv", csv.as_bytes()).expect_err("dup"));
    assert_eq!(
        got,
        ["error: x.csv: line 3: field `domain`: domain `a` appears twice for `ce-a`"]
    );
    let got = problems(
        parse_blueprints_csv("x.csv", b"credential_id,domain,weight\n").expect_err("empty"),
    );
    assert_eq!(got, ["error: x.csv: line 2: no blueprint rows"]);
    let csv = "credential_id,domain,weight\nce-a,A,0.5\nce-a,B,0.5\n";
    let got = problems(parse_blueprints_csv("x.csv", csv.as_bytes()).expect_err("fractions"));
    assert!(got[0].contains("fractions?"), "{got:?}");
}

#[test]
fn json_shapes_and_paths() {
    let one = r#"{"credential_id":"ce-a","domains":[{"name":"A","weight":70},{"domain":"B","weight_percent":"30%"}]}"#;
    let bps = parse_blueprints_json("bp.json", one.as_bytes()).expect("single object");
    assert_eq!(bps[0].domains.len(), 2);
    let wrapped = format!(r#"{{"blueprints":[{one}]}}"#);
    assert_eq!(
        parse_blueprints_json("bp.json", wrapped.as_bytes()).expect("wrapped"),
        bps
    );
    let bad = r#"[{"credential_id":"ce-a","domains":[{"name":"A","weight":70},{"name":"","weight":true}]},{"domains":[]}]"#;
    let got = problems(parse_blueprints_json("bp.json", bad.as_bytes()).expect_err("invalid"));
    assert!(got.contains(&"error: bp.json: $[0].domains[1].name: field `name`: `name` must be a non-empty string".to_string()), "{got:?}");
    assert!(
        got.contains(
            &"error: bp.json: $[0].domains[1].weight: field `weight`: `weight` must be a number"
                .to_string()
        ),
        "{got:?}"
    );
    assert!(got.contains(&"error: bp.json: $[1].credential_id: field `credential_id`: `credential_id` must be a non-empty string".to_string()), "{got:?}");
    let got = problems(parse_blueprints_json("bp.json", b"{\n  \"x\": ").expect_err("syntax"));
    assert!(
        got[0].starts_with("error: bp.json: line 2, column"),
        "{got:?}"
    );
}

#[test]
fn load_reads_by_extension_and_reports_missing_files() {
    let dir = std::env::temp_dir().join(credence_testkit::unique("bp"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let json = dir.join("bp.json");
    std::fs::write(
        &json,
        r#"[{"credential_id":"ce-a","domains":[{"name":"A","weight":100}]}]"#,
    )
    .expect("write");
    assert_eq!(
        load_blueprints(&json).expect("loads")[0].credential_id,
        "ce-a"
    );
    let csv = dir.join("bp.csv");
    std::fs::write(&csv, "credential_id,domain,weight\nce-b,A,100\n").expect("write");
    assert_eq!(
        load_blueprints(&csv).expect("loads")[0].credential_id,
        "ce-b"
    );
    let err = load_blueprints(dir.join("missing.csv")).expect_err("missing");
    assert!(matches!(err, BlueprintError::Io { .. }));
    std::fs::remove_dir_all(&dir).ok();
}
