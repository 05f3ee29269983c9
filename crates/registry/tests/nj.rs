//! New Jersey ETPL tables and generic CSV lists.

mod common;

use std::path::PathBuf;

use credence_model::{CodeScheme, Lifecycle, Record, RecordClass, Severity};
use credence_registry::{
    import_list_csv, import_nj_industry, import_nj_license, ImportOutcome, ListMapping,
    RegistryError,
};

fn nj(name: &str) -> PathBuf {
    common::data_dir().join("nj_etpl").join(name)
}

/// Data rows, and rows whose ISDELETED column is 1, counted straight from the file.
fn counts(path: &PathBuf, column: usize) -> (usize, usize) {
    let mut reader = csv::Reader::from_path(path).expect("readable");
    let rows: Vec<_> = reader.records().filter_map(Result::ok).collect();
    (
        rows.len(),
        rows.iter().filter(|r| r.get(column) == Some("1")).count(),
    )
}

fn temp_csv(name: &str, text: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("credence-registry-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("temp file writable");
    path
}

#[test]
fn industry_credentials() {
    let path = nj("TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv");
    let out = import_nj_industry(&path).expect("imports");
    // The file has 2,041 data rows: its last line has no newline, so `wc -l` shows one fewer.
    let (rows, deleted) = counts(&path, 6);
    assert_eq!((out.records.len(), rows), (2041, 2041));
    assert_eq!(out.rejected, 0);
    assert_eq!(retired(&out), deleted);
    let r = record(&out, "nj-industry-430");
    assert_eq!(
        r.name,
        "Cisco Certified Design Professional - WAN Switching"
    );
    assert!(
        !r.classified && r.class == RecordClass::Credential && r.ctdl_type == "ceterms:Credential"
    );
    assert_eq!(r.agents[0].role, "nj:issuer");
    assert_eq!(r.agents[0].id.as_deref(), Some("nj-issuer-91"));
    assert_eq!(r.provenance.pointer, "line 2");
    assert!(r
        .provenance
        .source
        .starts_with("New Jersey ETPL industry credentials"));
}

#[test]
fn licenses() {
    let path = nj("TBLLICENSE_DATA_TABLE.csv");
    let out = import_nj_license(&path).expect("imports");
    // 228 data rows (same missing final newline as the industry table).
    let (rows, deleted) = counts(&path, 5);
    assert_eq!((out.records.len(), rows, out.rejected), (228, 228, 0));
    assert_eq!(retired(&out), deleted);
    let cpa = record(&out, "nj-license-816");
    assert_eq!(cpa.name, "ACCOUNTANT (CPA)");
    assert!(cpa.classified && cpa.ctdl_type == "ceterms:License");
    assert_eq!(
        cpa.codes_in(CodeScheme::OnetSoc)
            .next()
            .map(|c| c.code.as_str()),
        Some("13-2011.00")
    );
    assert_eq!(
        cpa.codes_in(CodeScheme::Soc2018)
            .next()
            .map(|c| c.code.as_str()),
        Some("13-2011")
    );
    assert_eq!(cpa.jurisdictions, vec!["NJ"]);
    assert_eq!(cpa.agents[0].name.as_deref(), Some("State of New Jersey"));
    let bad_code = out
        .diagnostics
        .iter()
        .find(|d| d.message.contains("`989`"))
        .expect("bad CODE warned");
    assert_eq!(bad_code.location.field.as_deref(), Some("CODE"));
    assert_eq!(bad_code.severity, Severity::Warning);
}

#[test]
fn bad_rows_are_diagnosed() {
    let text = "ID,NAME,CODE,ISSUERID,DATECREATED,DATELASTMODIFIED,ISDELETED,DATEDELETED\n\
                1,Good,0001,5,02-NOV-18,,0,\n\
                x,Bad id,0002,5,,,0,\n\
                3,,0003,5,,,0,\n\
                4,Short\n\
                5,Bad date,0005,5,31-XYZ-18,,1,\n";
    let out = import_nj_industry(temp_csv("bad.csv", text)).expect("imports");
    assert_eq!((out.records.len(), out.rejected), (2, 3));
    let fields: Vec<_> = out
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.severity,
                d.location.record.clone(),
                d.location.field.clone(),
            )
        })
        .collect();
    assert!(fields.contains(&(Severity::Error, Some("line 3".into()), Some("ID".into()))));
    assert!(fields.contains(&(Severity::Error, Some("line 4".into()), Some("NAME".into()))));
    assert!(fields.contains(&(Severity::Error, Some("line 5".into()), Some("CODE".into()))));
    assert!(fields.contains(&(
        Severity::Warning,
        Some("line 6".into()),
        Some("DATECREATED".into())
    )));
    let missing =
        import_nj_industry(temp_csv("nohdr.csv", "A,B\n1,2\n")).expect_err("no ID column");
    assert!(matches!(missing, RegistryError::MissingColumn { .. }));
    assert!(missing.to_string().contains("`ID`"));
}

#[test]
fn generic_list_with_mapping() {
    let text = "Code,Title,Kind,Body,SOC,CIP\n\
                A-1,Welding  Cert,Certification,AWS,51-4121,48.0508\n\
                B-2,Forklift,,OSHA,bad,\n";
    let mapping =
        ListMapping::parse("id=Code,name=Title,type=Kind,issuer=Body,soc=SOC,cip=CIP,prefix=wv")
            .expect("mapping");
    let out = import_list_csv(temp_csv("list.csv", text), &mapping).expect("imports");
    assert_eq!(out.records.len(), 2);
    let a = &out.records[0];
    assert_eq!(
        (a.id.as_str(), a.name.as_str(), a.ctdl_type.as_str()),
        ("wv-A-1", "Welding Cert", "ceterms:Certification")
    );
    assert!(a.classified);
    assert_eq!(a.codes.len(), 2);
    assert!(!out.records[1].classified);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.location.field.as_deref() == Some("SOC")));
    assert!(ListMapping::parse("colour=Red").is_err());
}

/// How many imported records are retired (rows marked deleted at the source).
fn retired(out: &ImportOutcome) -> usize {
    out.records
        .iter()
        .filter(|r| r.lifecycle == Lifecycle::Retired)
        .count()
}

/// The imported record with this id.
fn record<'a>(out: &'a ImportOutcome, id: &str) -> &'a Record {
    out.records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("record {id} imported"))
}
