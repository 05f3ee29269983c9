//! Pathway endpoints: eligibility, plans and next steps for a person profile sent in the request
//! body (never in the URL, so it stays out of access logs), and the pathway map of a credential.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use credence_engine::path::{Assumptions, NextStep, Person, Plan};
use credence_engine::{EligibilityView, ErrorKind, PathwayMap};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::{ApiError, AppState};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/eligible", post(eligible))
        .route("/api/path/plan", post(plan))
        .route("/api/path/next", post(next))
        .route("/api/credentials/{id}/pathway", get(pathway))
}

fn person(value: serde_json::Value) -> Result<Person, ApiError> {
    serde_json::from_value(value)
        .map_err(|e| ApiError::new(ErrorKind::Invalid, format!("person profile: {e}")))
}

/// Who is asking and about which credential.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EligibleRequest {
    /// The person's profile: `education`, `experience` [{field, years}], `credentials` [{id, issuer, earned, expires}], `age` or `birth_date`, `passed`, `completed`, `confirms`.
    #[schema(value_type = Object)]
    pub person: serde_json::Value,
    /// Credential id or CTID.
    pub id: String,
}

/// Whether the person may go for the credential, which alternative is met, and what is missing for the others.
#[utoipa::path(post, path = "/api/eligible", request_body = EligibleRequest,
    responses((status = 200, description = "verdict, satisfied alternative, missing items per alternative", content_type = "application/json"),
              (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub(crate) async fn eligible(
    State(s): State<AppState>,
    Json(req): Json<EligibleRequest>,
) -> Result<Json<EligibilityView>, ApiError> {
    let p = person(req.person)?;
    Ok(Json(s.engine.eligible(&p, &req.id).await?))
}

/// A person and a target.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PlanRequest {
    /// The person's profile (as for `/api/eligible`).
    #[schema(value_type = Object)]
    pub person: serde_json::Value,
    /// Credential id or CTID, SOC code (`15-1212`), SOC prefix (`15-12`) or `cip:NN.NNNN`.
    pub to: String,
}

/// Cheapest, fastest and Pareto (cost, time, exit wage) paths, with assumptions and search effort.
#[utoipa::path(post, path = "/api/path/plan", request_body = PlanRequest,
    responses((status = 200, description = "cheapest, fastest and Pareto paths", content_type = "application/json"),
              (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub(crate) async fn plan(
    State(s): State<AppState>,
    Json(req): Json<PlanRequest>,
) -> Result<Json<Plan>, ApiError> {
    let p = person(req.person)?;
    Ok(Json(
        s.engine
            .path_plan(&p, &req.to, &Assumptions::default())
            .await?,
    ))
}

/// A person, optionally a region and how many steps.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NextRequest {
    /// The person's profile (as for `/api/eligible`).
    #[schema(value_type = Object)]
    pub person: serde_json::Value,
    /// Region for demand (`US-CO`, `GB`).
    pub region: Option<String>,
    /// How many (default 10, at most 100).
    pub limit: Option<usize>,
}

/// Next steps open now, ranked by wage gain per year of effort and regional demand, with reasons.
#[utoipa::path(post, path = "/api/path/next", request_body = NextRequest,
    responses((status = 200, description = "ranked next steps with reasons", content_type = "application/json"),
              (status = 400, body = ApiError)))]
pub(crate) async fn next(
    State(s): State<AppState>,
    Json(req): Json<NextRequest>,
) -> Result<Json<Vec<NextStep>>, ApiError> {
    let p = person(req.person)?;
    let limit = req.limit.unwrap_or(10).clamp(1, 100);
    Ok(Json(
        s.engine.path_next(&p, req.region.as_deref(), limit).await?,
    ))
}

/// The pathway around a credential: prerequisites, preparation, occupations with wages, credit.
#[utoipa::path(get, path = "/api/credentials/{id}/pathway",
    params(("id" = String, Path, description = "credential id or CTID")),
    responses((status = 200, description = "nodes with layers, costs, times and wages; edges with kinds and sources", content_type = "application/json"),
              (status = 404, body = ApiError)))]
pub(crate) async fn pathway(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PathwayMap>, ApiError> {
    Ok(Json(s.engine.pathway_map(&id, None).await?))
}
