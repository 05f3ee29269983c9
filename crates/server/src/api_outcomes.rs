//! Outcomes API: computed outcomes of a credential's programme participants (aggregates after
//! disclosure control, every figure with n and interval) and published outcome tables.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use credence_engine::{ErrorKind, MetricCell, OutcomesView, PublishedOutcome};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{ApiError, AppState};

/// One published figure of a computed outcome; suppressed figures carry no value and no n.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeFigure {
    /// `all`, `race`, `sex`, `age`, `income` or `region`.
    pub dimension: String,
    /// The group, `all` for the total.
    pub category: String,
    /// Metric id (`employment_q2`, `median_earnings_q2`, `gain_did`, …).
    pub metric: String,
    /// Rate (0–1) or dollars per quarter; absent when suppressed.
    pub value: Option<f64>,
    /// Interval lower bound.
    pub lower: Option<f64>,
    /// Interval upper bound.
    pub upper: Option<f64>,
    /// People the figure rests on.
    pub n: Option<i64>,
    /// Why it is suppressed (`n < 10`, `complementary`), absent when shown.
    pub suppressed: Option<String>,
}

impl From<&MetricCell> for OutcomeFigure {
    fn from(c: &MetricCell) -> Self {
        OutcomeFigure {
            dimension: c.dimension.clone(),
            category: c.category.clone(),
            metric: c.metric.clone(),
            value: c.value,
            lower: c.lower,
            upper: c.upper,
            n: c.n,
            suppressed: c.suppressed.clone(),
        }
    }
}

/// A figure from a published outcome table (NJ ETPL, Census PSEO).
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedFigure {
    /// `nj-etpl` or `pseo`.
    pub format: String,
    /// Provider or institution id.
    pub institution: String,
    /// Institution name, when a label file gave it.
    pub institution_name: Option<String>,
    /// CIP code.
    pub cip: Option<String>,
    /// PSEO degree level.
    pub degree_level: Option<String>,
    /// PSEO cohort.
    pub cohort: Option<String>,
    /// Further breakdown (PSEO flows: geography, industry).
    pub detail: String,
    /// Measure id.
    pub measure: String,
    /// Value; absent when suppressed.
    pub value: Option<f64>,
    /// People it rests on, when published.
    pub n: Option<i64>,
    /// `published` or the suppression flag in words.
    pub status: String,
}

impl From<&PublishedOutcome> for PublishedFigure {
    fn from(p: &PublishedOutcome) -> Self {
        PublishedFigure {
            format: p.format.clone(),
            institution: p.institution.clone(),
            institution_name: p.institution_name.clone(),
            cip: p.cip.clone(),
            degree_level: p.degree_level.clone(),
            cohort: p.cohort.clone(),
            detail: p.detail.clone(),
            measure: p.measure.clone(),
            value: p.value,
            n: p.n,
            status: p.status.clone(),
        }
    }
}

/// Outcomes of one credential's programme participants.
#[derive(Debug, Serialize, ToSchema)]
pub struct Outcomes {
    /// Credential id the outcomes are stored under.
    pub credential_id: String,
    /// Registry name, when known.
    pub name: Option<String>,
    /// Where the figures come from.
    pub source: String,
    /// Wage-record window.
    pub wage_window: String,
    /// First exit quarter of the cohort.
    pub exit_first: Option<String>,
    /// Last exit quarter of the cohort.
    pub exit_last: Option<String>,
    /// When the run was computed.
    pub computed_at: String,
    /// Run id.
    pub run_id: String,
    /// Interval coverage.
    pub level: f64,
    /// Suppression threshold.
    pub min_cell: i64,
    /// Geometric-noise epsilon per count, when noise was added.
    pub epsilon: Option<f64>,
    /// Method in words.
    pub method: String,
    /// Overall figures.
    pub overall: Vec<OutcomeFigure>,
    /// Figures by group.
    pub groups: Vec<OutcomeFigure>,
    /// Published outcome tables for the credential's CIP codes.
    pub published: Vec<PublishedFigure>,
}

impl From<OutcomesView> for Outcomes {
    fn from(v: OutcomesView) -> Self {
        Outcomes {
            credential_id: v.credential_id,
            name: v.name,
            source: v.source.to_string(),
            wage_window: v.run.wage_window,
            exit_first: v.exit_window.as_ref().map(|w| w.0.clone()),
            exit_last: v.exit_window.as_ref().map(|w| w.1.clone()),
            computed_at: v.run.computed_at,
            run_id: v.run.run_id,
            level: v.run.level,
            min_cell: v.run.min_cell,
            epsilon: v.run.epsilon,
            method: v.run.method,
            overall: v.overall.iter().map(Into::into).collect(),
            groups: v
                .tables
                .iter()
                .flat_map(|t| t.groups.iter().flat_map(|g| g.cells.iter().map(Into::into)))
                .collect(),
            published: v.published.iter().map(Into::into).collect(),
        }
    }
}

/// `?by=` for one dimension.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ByQuery {
    /// race, sex, age, income or region (default: all).
    pub by: Option<String>,
}

/// Filters for published outcomes.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PublishedQuery {
    /// Institution id or part of its name.
    pub institution: Option<String>,
    /// CIP code or prefix.
    pub cip: Option<String>,
    /// Maximum rows (default 200, at most 5000).
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/outcomes/{id}", params(("id" = String, Path, description = "Credential id or CTID"), ByQuery),
    responses((status = 200, body = Outcomes), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub(crate) async fn get_outcomes(
    State(s): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<ByQuery>, QueryRejection>,
) -> Result<Json<Outcomes>, ApiError> {
    let Query(q) = q.map_err(|e| ApiError::new(ErrorKind::Invalid, e.body_text()))?;
    Ok(Json(
        s.engine.outcomes_show(&id, q.by.as_deref()).await?.into(),
    ))
}

#[utoipa::path(get, path = "/api/outcomes/published", params(PublishedQuery),
    responses((status = 200, body = [PublishedFigure]), (status = 400, body = ApiError)))]
pub(crate) async fn get_published(
    State(s): State<AppState>,
    q: Result<Query<PublishedQuery>, QueryRejection>,
) -> Result<Json<Vec<PublishedFigure>>, ApiError> {
    let Query(q) = q.map_err(|e| ApiError::new(ErrorKind::Invalid, e.body_text()))?;
    let rows = s
        .engine
        .outcomes_published(
            q.institution.as_deref(),
            q.cip.as_deref(),
            q.limit.unwrap_or(200).clamp(1, 5000),
        )
        .await?;
    Ok(Json(rows.iter().map(Into::into).collect()))
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/outcomes/published", get(get_published))
        .route("/api/outcomes/{id}", get(get_outcomes))
}
