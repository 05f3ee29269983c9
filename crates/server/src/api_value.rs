//! JSON API for credentials of value: the shipped frameworks, a credential's tier with
//! per-criterion evidence and value for money, and the supply-vs-demand report of an imported list.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::web_value::ReportQuery;
use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/value/frameworks", get(value_frameworks))
        .route("/api/value/tier/{id}", get(value_tier))
        .route("/api/value/report", get(value_report))
}

/// Framework and region of a tier request.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct TierQuery {
    /// Preset id (default `credentials-matter`).
    framework: Option<String>,
    /// Region of the demand figures (`US-NJ`).
    region: Option<String>,
}

/// Report parameters (documented for OpenAPI).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(crate) struct ReportParams {
    /// Imported list name, or `nj-industry` for the data directory's New Jersey table.
    list: Option<String>,
    /// Preset id (default `credentials-matter`).
    framework: Option<String>,
    /// Region (`US-NJ`).
    region: Option<String>,
    /// First month `YYYY-MM`.
    from: Option<String>,
    /// Last month `YYYY-MM`.
    to: Option<String>,
    /// Only list rows of this year.
    year: Option<i32>,
}

#[utoipa::path(get, path = "/api/value/frameworks",
    responses((status = 200, description = "Shipped value frameworks with sources, criteria and tiers", body = Object)))]
pub(crate) async fn value_frameworks(
    State(s): State<AppState>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let all = s.engine.value_frameworks()?;
    Ok(Json(serde_json::to_value(all).unwrap_or_default()))
}

#[utoipa::path(get, path = "/api/value/tier/{id}", params(("id" = String, Path, description = "CTID or local id"), TierQuery),
    responses((status = 200, description = "Tier with per-criterion verdicts, evidence and value for money", body = Object), (status = 404, body = ApiError)))]
pub(crate) async fn value_tier(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<TierQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let v = s
        .engine
        .value_tier(
            &id,
            q.framework.as_deref().unwrap_or("credentials-matter"),
            q.region.as_deref(),
            None,
        )
        .await?;
    Ok(Json(serde_json::to_value(v).unwrap_or_default()))
}

#[utoipa::path(get, path = "/api/value/report", params(ReportParams),
    responses((status = 200, description = "Supply vs demand, tiers, methods and sources for a list", body = Object), (status = 404, body = ApiError)))]
pub(crate) async fn value_report(
    State(s): State<AppState>,
    Query(q): Query<ReportQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let r = s.engine.value_report(&q.request()).await?;
    Ok(Json(serde_json::to_value(r).unwrap_or_default()))
}
