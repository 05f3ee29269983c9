//! Pathway endpoints through the real router with the real fixtures and reference data.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;

const CERT: &str = "ce-509682bb-658e-4eb6-87f2-ebff5d5e0aec";

async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap();
    let response = app.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn pathway_api_answers_with_real_data() {
    let (engine, _dir) = common::loaded_engine().await;
    let app = credence_server::router(engine);
    let student = json!({"education": "high_school", "confirms": ["Have a drivers licence."]});

    let (s, v) = call(
        &app,
        "POST",
        "/api/eligible",
        Some(json!({"person": student, "id": CERT})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // Requires completing two learning opportunities the student has not completed.
    assert_eq!(v["eligibility"]["verdict"], "not_met", "{v}");
    let missing = v["eligibility"]["alternatives"][0]["check"]["missing"].to_string();
    assert!(missing.contains("completing"), "{missing}");

    let (s, v) = call(
        &app,
        "POST",
        "/api/path/plan",
        Some(json!({"person": student, "to": "15-1212"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["cheapest"]["steps"].as_array().unwrap().len() >= 2, "{v}");
    assert_eq!(v["cheapest"]["exit_wage"]["soc"], "15-1212");
    assert!(!v["pareto"].as_array().unwrap().is_empty());

    let (s, v) = call(
        &app,
        "POST",
        "/api/path/plan",
        Some(json!({"person": student, "to": "no-such-target"})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert_eq!(v["code"], "not_found");
    let (s, v) = call(
        &app,
        "POST",
        "/api/path/plan",
        Some(json!({"person": {"education": "wizard"}, "to": "15-1212"})),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");

    let (s, v) = call(
        &app,
        "POST",
        "/api/path/next",
        Some(json!({"person": student, "limit": 5})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let steps = v.as_array().unwrap();
    assert_eq!(steps.len(), 5);
    assert!(steps[0]["score"].as_f64().unwrap() >= steps[4]["score"].as_f64().unwrap());
    assert!(!steps[0]["reasons"].as_array().unwrap().is_empty());

    let (s, v) = call(
        &app,
        "GET",
        &format!("/api/credentials/{CERT}/pathway"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "soc:15-1212" && n["wage"].is_number()));

    let (s, doc) = call(&app, "GET", "/api/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    for p in [
        "/api/path/plan",
        "/api/path/next",
        "/api/eligible",
        "/api/credentials/{id}/pathway",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} in the OpenAPI document");
    }
}
