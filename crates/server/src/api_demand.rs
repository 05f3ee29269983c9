//! Demand endpoints: one credential's demand (series, forecast, breakdowns) and the ranking.
//!
//! The wire shape flattens the engine's `Result` forecast into a forecast or the reason there is
//! none, so clients never branch on Rust's enum encoding.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use credence_engine::{
    DemandMonth, DemandRow, DemandView, ErrorKind, ForecastView, Ranked, DEMAND_SOURCE, MIN_CELL,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{ApiError, AppState};

/// Most rows a ranking may return.
const MAX_LIMIT: i64 = 500;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/credentials/{id}/demand", get(get_demand))
        .route("/api/demand/top", get(get_top))
}

/// Filters for demand queries.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct DemandQuery {
    /// Region key: `US-NJ`, `GB`, `US`.
    pub region: Option<String>,
    /// SOC 2018 code (rankings only).
    pub soc: Option<String>,
    /// Rows to return (rankings only; default 25, max 500).
    pub limit: Option<i64>,
}

/// One credential's demand: totals, monthly series, forecast, top occupations, regions, employers.
#[derive(Serialize, ToSchema)]
pub struct Demand {
    /// Keys counted (registry id, catalog id).
    keys: Vec<String>,
    name: String,
    /// license, certification, certificate, registration or unspecified.
    kind: String,
    region: Option<String>,
    /// Distinct postings naming it over the window.
    unique_postings: i64,
    required: i64,
    preferred: i64,
    /// First and last month with dated postings (`YYYY-MM`).
    window: Option<(String, String)>,
    #[schema(value_type = Vec<Object>)]
    months: Vec<DemandMonth>,
    /// Forecast with prediction intervals, absent when there is too little history.
    forecast: Option<Forecast>,
    /// Why there is no forecast.
    forecast_unavailable: Option<String>,
    #[schema(value_type = Vec<Object>)]
    occupations: Vec<Ranked>,
    #[schema(value_type = Vec<Object>)]
    regions: Vec<Ranked>,
    #[schema(value_type = Vec<Object>)]
    employers: Vec<Ranked>,
    /// Shares are withheld when the denominator has fewer postings than this.
    min_cell: i64,
    source: String,
}

/// A monthly forecast with its interval.
#[derive(Serialize, ToSchema)]
pub struct Forecast {
    /// Nominal interval coverage (0.8 = 80%).
    level: f64,
    method: String,
    /// Months of history fitted.
    n_train: usize,
    points: Vec<ForecastPoint>,
}

/// One forecast month.
#[derive(Serialize, ToSchema)]
pub struct ForecastPoint {
    month: String,
    mean: f64,
    lower: f64,
    upper: f64,
}

impl From<ForecastView> for Forecast {
    fn from(f: ForecastView) -> Self {
        Forecast {
            level: f.level,
            method: f.method,
            n_train: f.n_train,
            points: f
                .points
                .into_iter()
                .map(|(month, mean, lower, upper)| ForecastPoint {
                    month,
                    mean,
                    lower,
                    upper,
                })
                .collect(),
        }
    }
}

impl From<DemandView> for Demand {
    fn from(v: DemandView) -> Self {
        let (forecast, forecast_unavailable) = match v.forecast {
            Ok(f) => (Some(f.into()), None),
            Err(why) => (None, Some(why)),
        };
        Demand {
            keys: v.keys,
            name: v.name,
            kind: v.kind,
            region: v.region,
            unique_postings: v.unique_postings,
            required: v.required,
            preferred: v.preferred,
            window: v.window,
            months: v.months,
            forecast,
            forecast_unavailable,
            occupations: v.occupations,
            regions: v.regions,
            employers: v.employers,
            min_cell: MIN_CELL,
            source: v.source.to_string(),
        }
    }
}

/// Credentials ranked by distinct postings.
#[derive(Serialize, ToSchema)]
pub struct DemandRanking {
    soc: Option<String>,
    region: Option<String>,
    #[schema(value_type = Vec<Object>)]
    rows: Vec<DemandRow>,
    source: String,
}

fn parse<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(q)| q)
        .map_err(|e| ApiError::new(ErrorKind::Invalid, e.body_text()))
}

#[utoipa::path(get, path = "/api/credentials/{id}/demand", params(("id" = String, Path), DemandQuery),
    responses((status = 200, body = Demand), (status = 404, body = ApiError)))]
pub(crate) async fn get_demand(
    State(s): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<DemandQuery>, QueryRejection>,
) -> Result<Json<Demand>, ApiError> {
    let q = parse(q)?;
    let view = s.engine.demand_show(&id, q.region.as_deref()).await?;
    Ok(Json(view.into()))
}

#[utoipa::path(get, path = "/api/demand/top", params(DemandQuery),
    responses((status = 200, body = DemandRanking), (status = 400, body = ApiError)))]
pub(crate) async fn get_top(
    State(s): State<AppState>,
    q: Result<Query<DemandQuery>, QueryRejection>,
) -> Result<Json<DemandRanking>, ApiError> {
    let q = parse(q)?;
    let limit = q.limit.unwrap_or(25);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::new(
            ErrorKind::Invalid,
            format!("limit must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let rows = s
        .engine
        .demand_top(q.soc.as_deref(), q.region.as_deref(), limit)
        .await?;
    Ok(Json(DemandRanking {
        soc: q.soc,
        region: q.region,
        rows,
        source: DEMAND_SOURCE.to_string(),
    }))
}
