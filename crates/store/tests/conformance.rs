//! One conformance suite, run against SQLite and against the real PostgreSQL server.
//!
//! PostgreSQL comes from `CREDENCE_TEST_POSTGRES` (default: the local server,
//! `postgres://postgres@127.0.0.1:5432/test`); each test works in its own schema and drops it.

use credence_model::{
    AgentRef, Code, CodeScheme, Ctid, Diagnostic, Lifecycle, Location, Provenance, Record,
    RecordClass,
};
use credence_store::ImportRun;
use credence_testkit::unique;

#[macro_use]
mod common;

fn record(id: &str, name: &str) -> Record {
    Record {
        id: id.to_string(),
        ctid: Ctid::normalize(id).ok().map(|(c, _)| c),
        ctdl_type: "ceterms:Certification".into(),
        class: RecordClass::Credential,
        classified: true,
        name: name.into(),
        alternate_names: vec!["ALT".into()],
        description: Some("A test credential".into()),
        lifecycle: Lifecycle::Active,
        subject_webpage: None,
        agents: vec![AgentRef {
            role: "ceterms:ownedBy".into(),
            id: Some("org-1".into()),
            name: Some("Org One".into()),
        }],
        codes: vec![Code {
            scheme: CodeScheme::OnetSoc,
            code: "29-1141.00".into(),
            label: Some("Registered Nurses".into()),
        }],
        costs: vec![],
        durations: vec![],
        conditions: vec![],
        renewal: vec![],
        revocation: vec![],
        jurisdictions: vec!["NJ".into()],
        keywords: vec![],
        document: serde_json::json!({"@type": "ceterms:Certification", "ceterms:name": name, "x:unknown": [1, {"a": "b"}]}),
        attached: vec![],
        provenance: Provenance {
            source: "test".into(),
            file: "test.json".into(),
            pointer: "@graph[0]".into(),
            file_sha256: "00".into(),
            license: None,
        },
    }
}

fn run(file: &str) -> ImportRun {
    ImportRun {
        run_id: unique("run"),
        kind: "ctdl".into(),
        file: file.into(),
        file_sha256: "00".into(),
    }
}

const ID1: &str = "ce-53bc7e5d-d39c-4687-ac89-0474f691055d";
const ID2: &str = "ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47";

conformance!(round_trip_and_history, |store| {
    let a = record(ID1, "Alpha");
    let b = record(ID2, "Beta");
    let stats = store
        .upsert_records(&run("a.json"), &[a.clone(), b.clone()], &[])
        .await
        .unwrap();
    assert_eq!((stats.inserted, stats.updated, stats.unchanged), (2, 0, 0));
    assert_eq!(store.record(ID1).await.unwrap().as_ref(), Some(&a));
    assert!(store.record("nope").await.unwrap().is_none());

    // Same content again: unchanged, no new version.
    let stats = store
        .upsert_records(&run("a.json"), std::slice::from_ref(&a), &[])
        .await
        .unwrap();
    assert_eq!((stats.inserted, stats.updated, stats.unchanged), (0, 0, 1));

    // Changed content: a new version, and the codes follow.
    let mut a2 = a.clone();
    a2.name = "Alpha renamed".into();
    a2.codes.clear();
    let stats = store
        .upsert_records(&run("b.json"), std::slice::from_ref(&a2), &[])
        .await
        .unwrap();
    assert_eq!(stats.updated, 1);
    let history = store.record_versions(ID1).await.unwrap();
    assert_eq!(
        history.iter().map(|h| h.0.version).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(history[1].0.source_file, "test.json");
    assert_eq!(history[1].1.name, "Alpha renamed");
    assert_eq!(
        store.record(ID1).await.unwrap().unwrap().name,
        "Alpha renamed"
    );
    let linked = store
        .records_with_code("onet_soc", "29-1141")
        .await
        .unwrap();
    assert_eq!(
        linked.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec![ID2]
    );
    assert_eq!(store.records_by_agent("org-1").await.unwrap().len(), 2);
    assert_eq!(
        store.record_counts().await.unwrap(),
        vec![("credential".to_string(), 2)]
    );
    assert_eq!(store.all_records().await.unwrap().len(), 2);
});

conformance!(diagnostics_are_kept, |store| {
    let d = Diagnostic::error(
        Location::file("bad.json")
            .record("@graph[2]")
            .field("ceterms:ctid"),
        "CTID `ce-12` is truncated",
    );
    store
        .log_rejected_run(&run("bad.json"), std::slice::from_ref(&d))
        .await
        .unwrap();
    assert_eq!(store.import_diagnostics(10).await.unwrap(), vec![d]);
});

conformance!(large_batches_chunk, |store| {
    let records: Vec<Record> = (0..2500)
        .map(|i| {
            let mut r = record(&format!("local-{i}"), &format!("Credential {i}"));
            r.ctid = None;
            r
        })
        .collect();
    let stats = store
        .upsert_records(&run("big.csv"), &records, &[])
        .await
        .unwrap();
    assert_eq!(stats.inserted, 2500);
    assert_eq!(store.all_records().await.unwrap().len(), 2500);
});

conformance!(migrations_are_idempotent, |store| {
    store.migrate().await.unwrap();
    store.ping().await.unwrap();
});

conformance!(duplicate_ids_in_one_batch_keep_the_last, |store| {
    let first = record(ID1, "First copy");
    let mut last = record(ID1, "Last copy");
    last.codes.clear();
    let stats = store
        .upsert_records(&run("dup.json"), &[first, last.clone()], &[])
        .await
        .unwrap();
    assert_eq!((stats.inserted, stats.updated), (1, 0));
    assert_eq!(store.record(ID1).await.unwrap(), Some(last));
    assert_eq!(store.record_versions(ID1).await.unwrap().len(), 1);
    assert!(store
        .records_with_code("onet_soc", "29-1141")
        .await
        .unwrap()
        .is_empty());
});
