//! From an empty store to a searchable registry, on SQLite and on the real PostgreSQL server.

use credence_engine::search::SearchQuery;
use credence_engine::{Engine, EngineConfig, EngineError, ImportOptions, ListFormat, NoProgress};
use credence_testkit::{data_dir, postgres_url};

/// Counts data rows of a CSV file whose ISDELETED column equals `flag`, read independently of credence.
fn nj_rows(file: &str, flag: Option<&str>) -> usize {
    let mut reader = csv::Reader::from_path(data_dir().join("nj_etpl").join(file)).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "ISDELETED").unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| flag.is_none_or(|f| r.get(col) == Some(f)))
        .count()
}

fn top_name(engine: &Engine, text: &str) -> String {
    let r = engine
        .search(&SearchQuery {
            text: text.into(),
            class: Some("credential".into()),
            limit: 5,
            ..Default::default()
        })
        .unwrap();
    r.hits.first().map(|h| h.name.clone()).unwrap_or_default()
}

async fn full_load(db_url: String) {
    let engine = Engine::open(&EngineConfig {
        db_url,
        data_dir: data_dir(),
        overrides: None,
    })
    .await
    .unwrap();
    let init = engine.init(&NoProgress).await.unwrap();
    assert!(init.rows > 100_000, "reference rows {}", init.rows);
    assert!(!init.unchanged);
    assert!(init
        .files
        .iter()
        .all(|f| f.sha256.len() == 64 && !f.license.is_empty()));
    // Idempotent: a second init finds every file unchanged.
    let again = engine.init(&NoProgress).await.unwrap();
    assert!(again.unchanged);

    let reports = engine.load_demo_records(&NoProgress).await.unwrap();
    let industry = reports.iter().find(|r| r.kind == "nj-industry").unwrap();
    assert_eq!(
        industry.records,
        nj_rows("TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv", None)
    );
    assert_eq!(
        industry.records, 2041,
        "data rows in the file (its last line has no newline)"
    );
    let licenses = reports.iter().find(|r| r.kind == "nj-license").unwrap();
    assert_eq!(licenses.records, nj_rows("TBLLICENSE_DATA_TABLE.csv", None));
    let ctdl: Vec<_> = reports.iter().filter(|r| r.kind == "ctdl").collect();
    let fixtures = std::fs::read_dir(data_dir().join("ctdl"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            (n.starts_with("cer_") || n.starts_with("ra_")) && n != "cer_subclasses_map.json"
        })
        .count();
    assert_eq!(
        ctdl.len(),
        fixtures,
        "every cer_* and ra_* fixture is a file report"
    );
    assert!(ctdl.iter().all(|r| r.records >= 1 && r.rejected == 0));

    // Retired rows are kept, not live.
    let retired = engine
        .store()
        .all_records()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| {
            r.id.starts_with("nj-industry-") && r.lifecycle == credence_model::Lifecycle::Retired
        })
        .count();
    assert_eq!(
        retired,
        nj_rows("TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv", Some("1"))
    );

    // Reloading changes nothing.
    let reports = engine.load_demo_records(&NoProgress).await.unwrap();
    assert!(reports
        .iter()
        .all(|r| r.stats.inserted == 0 && r.stats.updated == 0));

    // Search ranking on the real registry.
    assert_eq!(top_name(&engine, "a+ certification"), "CompTIA A+");
    assert_eq!(top_name(&engine, "comptia a plus"), "CompTIA A+");

    // A credential page: type, occupations with wages and provenance.
    let cota = engine
        .credential("ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47")
        .await
        .unwrap();
    assert_eq!(cota.type_label, "Certification");
    assert!(cota.type_definition.is_some());
    assert_eq!(cota.history.len(), 1);
    // Identity resolution links the registry record to the NJ list's row for the same credential.
    assert!(
        cota.same_as
            .iter()
            .any(|s| s.id == "nj-industry-313" && s.confidence >= 0.85),
        "{:?}",
        cota.same_as
    );
    let license = engine.credential("nj-license-816").await.unwrap();
    assert_eq!(license.type_label, "License");
    let accountants = license
        .occupations
        .iter()
        .find(|o| o.soc == "13-2011")
        .unwrap();
    assert!(accountants.wages.as_ref().and_then(|w| w.median).unwrap() > 50_000.0);
    // A record coded with a SOC 2010 O*NET code reaches its SOC 2018 occupation through the crosswalk.
    let security = engine
        .credential("ce-509682bb-658e-4eb6-87f2-ebff5d5e0aec")
        .await
        .unwrap();
    let link = security
        .occupations
        .iter()
        .find(|o| o.soc == "15-1212")
        .unwrap();
    assert!(link.via.contains("crosswalk"), "{}", link.via);
    assert!(link.wages.is_some());
    let unclassified = engine.credential("nj-industry-8").await.unwrap();
    assert_eq!(unclassified.type_label, "Unclassified");

    // An occupation page gathers its linked credentials.
    let acct = engine.occupation("13-2011.00").await.unwrap();
    assert!(acct.credentials.iter().any(|c| c.id == "nj-license-816"));
    assert!(acct.job_zone.is_some());

    // Export round trip of one record.
    let doc = engine
        .export_ctdl(Some(&[
            "ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47".to_string()
        ]))
        .await
        .unwrap();
    assert_eq!(
        doc["@graph"][0]["ceterms:ctid"],
        "ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47"
    );

    // A bad file is rejected whole and nothing is written; --keep-going quarantines instead.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "ID,NAME,CODE,DATECREATED,DATELASTMODIFIED,ISDELETED,DATEDELETED\n9001,GOOD LICENSE,29-1141.00,,,0,\nxx,,29-1141.00,,,0,\n").unwrap();
    let err = engine
        .import_list(&bad, &ListFormat::NjLicense, ImportOptions::default())
        .await
        .unwrap_err();
    match &err {
        EngineError::Rejected { diagnostics, .. } => {
            assert!(diagnostics
                .iter()
                .any(|d| d.location.record.as_deref() == Some("line 3")));
        }
        other => panic!("expected rejection, got {other}"),
    }
    assert!(
        engine.record("nj-license-9001").await.is_err(),
        "nothing half-written"
    );
    let kept = engine
        .import_list(
            &bad,
            &ListFormat::NjLicense,
            ImportOptions { keep_going: true },
        )
        .await
        .unwrap();
    assert_eq!((kept.records, kept.rejected), (1, 1));
    assert!(engine.record("nj-license-9001").await.is_ok());
    // Exam blueprints: weights must sum to 100 and the credential must exist; all or nothing.
    let bp = dir.path().join("bp.csv");
    std::fs::write(&bp, "credential_id,domain,weight\nce-1A4AB486-8212-4708-B7D5-C5167FDD2B47,Evaluation,30\nce-1A4AB486-8212-4708-B7D5-C5167FDD2B47,Intervention,70\n").unwrap();
    assert_eq!(engine.import_blueprints(&bp).await.unwrap(), 1);
    let cota = engine
        .credential("ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47")
        .await
        .unwrap();
    assert_eq!(cota.blueprint.as_ref().map(|b| b.domains.len()), Some(2));
    std::fs::write(&bp, "credential_id,domain,weight\nce-1a4ab486-8212-4708-b7d5-c5167fdd2b47,Evaluation,30\nnj-license-0,Nothing,100\n").unwrap();
    assert!(matches!(
        engine.import_blueprints(&bp).await,
        Err(EngineError::Rejected { .. })
    ));
    let cota = engine
        .credential("ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47")
        .await
        .unwrap();
    assert_eq!(
        cota.blueprint.map(|b| b.domains.len()),
        Some(2),
        "a rejected file changes nothing"
    );

    // A changed row becomes a new version, and the history names the changed field.
    std::fs::write(&bad, "ID,NAME,CODE,DATECREATED,DATELASTMODIFIED,ISDELETED,DATEDELETED\n9001,RENAMED LICENSE,29-1141.00,,,0,\n").unwrap();
    engine
        .import_list(&bad, &ListFormat::NjLicense, ImportOptions::default())
        .await
        .unwrap();
    let history = engine.history("nj-license-9001").await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0].changes.is_empty());
    assert!(
        history[1]
            .changes
            .iter()
            .any(|c| c.field == "name" && c.after.as_deref() == Some("\"RENAMED LICENSE\"")),
        "{:?}",
        history[1].changes
    );
    let status = engine.status().await.unwrap();
    assert!(status
        .recent_diagnostics
        .iter()
        .any(|d| d.location.file.ends_with("bad.csv")));
    engine.store().close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_full_load() {
    let dir = tempfile::tempdir().unwrap();
    full_load(format!("sqlite://{}", dir.path().join("e2e.db").display())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_full_load() {
    let url = postgres_url("e2e_full");
    full_load(url.clone()).await;
    credence_store::drop_postgres_schema(&url).await.unwrap();
}
