//! The HTTP API and the HTML pages, exercised in-process through the real router.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get_json(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let (status, body) = get(app, uri).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn api_and_pages_answer_with_real_data() {
    let (engine, _dir) = common::loaded_engine().await;
    let app = credence_server::router(engine);

    let (s, health) = get_json(&app, "/api/health").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(health["status"], "ok");
    assert!(health["indexed_records"].as_u64().unwrap() > 2000);

    // Ranking: CompTIA A+ first for both spellings.
    for q in ["a%2B%20certification", "comptia%20a%20plus"] {
        let (s, page) = get_json(&app, &format!("/api/credentials?q={q}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(page["hits"][0]["name"], "CompTIA A+", "query {q}: {page}");
    }
    // Facets and filters.
    let (_, page) = get_json(&app, "/api/credentials?type=License&per_page=5").await;
    assert!(page["total"].as_u64().unwrap() >= 200);
    assert_eq!(page["hits"].as_array().unwrap().len(), 5);
    assert!(page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["type_label"] == "License"));
    let (_, page) = get_json(&app, "/api/credentials?per_page=1").await;
    assert!(page["facets"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"] == "Unclassified"));

    // Bad paging gets a stable error shape.
    let (s, err) = get_json(&app, "/api/credentials?per_page=0").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(err["code"], "invalid_request");
    assert!(err["message"].as_str().unwrap().contains("per_page"));

    // Malformed and too-deep paging get the same JSON error shape.
    for bad in ["/api/credentials?page=abc", "/api/credentials?page=100000"] {
        let (s, err) = get_json(&app, bad).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(err["code"], "invalid_request", "{bad}");
    }

    // A credential with occupations and wages (COTA fixture, upper-case CTID accepted).
    let (s, cota) = get_json(
        &app,
        "/api/credentials/ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{cota}");
    assert_eq!(cota["id"], "ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47");
    assert_eq!(cota["type_label"], "Certification");
    assert!(cota["provenance"]["file"]
        .as_str()
        .unwrap()
        .contains("cer_fixture_certification_cota.json"));

    // Quality and renewal burden from the COTA record: renewal every 3 years, $65 fee, 36 CE units.
    let burden = &cota["quality"]["renewal_burden"];
    assert_eq!(burden["cycle_years"].as_f64(), Some(3.0), "{burden}");
    assert_eq!(burden["renewal_fee"].as_f64(), Some(65.0));
    assert!((burden["cost_per_year"].as_f64().unwrap() - 65.0 / 3.0).abs() < 0.01);
    assert!(cota["quality"]["data_quality"]["score"].as_u64().unwrap() <= 100);
    let (_, html) = get(&app, "/credentials/ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47").await;
    assert!(html.contains("Quality and upkeep") && html.contains("every 3 years"));

    // The type call: twelve defining features, each with evidence or an explicit "no evidence".
    assert_eq!(
        cota["type_call"]["classification"]["features"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    let (s, call) = get_json(&app, "/api/credentials/nj-license-816/classification").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(call["classification"]["call"], "license", "{call}");
    let (_, unclassified) = get_json(&app, "/api/credentials/nj-industry-8/classification").await;
    assert!(unclassified["declared"].is_null());

    // Compare: 2 to 4 credentials, in the order asked.
    let (s, both) = get_json(
        &app,
        "/api/compare?ids=nj-license-816,ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{both}");
    assert_eq!(both.as_array().unwrap().len(), 2);
    assert_eq!(both[0]["id"], "nj-license-816");
    let (s, err) = get_json(&app, "/api/compare?ids=nj-license-816").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(err["message"].as_str().unwrap().contains("2 to 4"));
    let (s, html) = get(&app, "/compare?id=nj-license-816&id=nj-license-801").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("ACCOUNTANT (CPA)") && html.contains("ACUPUNCTURIST"));

    // Not found has the stable shape too.
    let (s, err) = get_json(
        &app,
        "/api/credentials/ce-00000000-0000-4000-8000-000000000000",
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(err["code"], "not_found");

    // An occupation: wages p10..p90 with source and window, job zone, related, linked credentials.
    let (s, rn) = get_json(&app, "/api/occupations/29-1141").await;
    assert_eq!(s, StatusCode::OK, "{rn}");
    assert_eq!(rn["title"], "Registered Nurses");
    let w = &rn["wages"];
    for k in ["p10", "p25", "median", "p75", "p90"] {
        assert!(w[k].as_f64().unwrap() > 20_000.0, "{k}: {w}");
    }
    assert!(w["p10"].as_f64() < w["p90"].as_f64());
    assert_eq!(w["window"], "May 2024");
    assert!(w["source"].as_str().unwrap().contains("OEWS"));
    assert!(rn["job_zone"].as_i64().is_some());
    assert!(!rn["related"].as_array().unwrap().is_empty());
    // Top-coded wages carry the top code as a lower bound and say so.
    let (_, ceo) = get_json(&app, "/api/occupations/11-1011").await;
    let w = &ceo["wages"];
    assert!(
        w["top_coded"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "p90"),
        "{w}"
    );
    assert_eq!(w["p90"].as_f64(), Some(239_200.0));
    let (_, html) = get(&app, "/occupations/11-1011").await;
    assert!(html.contains("≥ $239,200"));
    let (s, _) = get_json(&app, "/api/occupations/not-a-code").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // The OpenAPI document is generated and lists every route.
    let (s, doc) = get_json(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/credentials",
        "/api/credentials/{id}",
        "/api/occupations/{soc}",
        "/api/health",
    ] {
        assert!(doc["paths"].get(path).is_some(), "missing {path}");
    }

    // CTDL export of one record.
    let (s, ctdl) = get_json(
        &app,
        "/api/credentials/ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47/ctdl",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(ctdl["@graph"].as_array().is_some_and(|g| !g.is_empty()));

    // HTML pages.
    let (s, html) = get(&app, "/?q=comptia+a%2B").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("CompTIA A+"));
    let (s, html) = get(&app, "/occupations/29-1141").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("<svg") && html.contains("Registered Nurses"));
    let (s, _) = get(&app, "/credentials/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = get(&app, "/static/style.css").await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn unknown_api_paths_get_json_and_pages_get_html() {
    let dir = tempfile::tempdir().unwrap();
    let engine = credence_engine::Engine::open(&credence_engine::EngineConfig {
        db_url: format!("sqlite://{}", dir.path().join("e.db").display()),
        data_dir: common::data_dir(),
        overrides: None,
    })
    .await
    .unwrap();
    let app = credence_server::router(std::sync::Arc::new(engine));
    let (s, err) = get_json(&app, "/api/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(err["code"], "not_found");
    let (s, html) = get(&app, "/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("<html"));
}
