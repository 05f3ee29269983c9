//! JSON API under `/api`, with its OpenAPI 3.1 document generated from these handlers and types.
//!
//! Wire types live here, not in the engine: the engine speaks product vocabulary, the API
//! converts at the boundary (rust-analyzer's `to_proto`), so domain crates carry no web concerns.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use credence_engine::search::{Facets, SearchQuery};
use credence_engine::{CredentialView, ErrorKind, OccupationView, Wages};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::{ApiError, AppState};

/// Results per page unless the client asks otherwise, and the most it may ask for.
const DEFAULT_PER_PAGE: usize = 20;
const MAX_PER_PAGE: usize = 100;

/// The OpenAPI document, generated from the handlers below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "credence API",
        description = "Which credentials are worth earning, with evidence. Every figure carries its source, time window and sample size."
    ),
    paths(
        health,
        list_credentials,
        get_credential,
        get_credential_ctdl,
        get_classification,
        compare,
        get_occupation,
        crate::api_demand::get_demand,
        crate::api_demand::get_top,
        crate::api_outcomes::get_outcomes,
        crate::api_outcomes::get_published,
        crate::api_pathways::eligible,
        crate::api_pathways::plan,
        crate::api_pathways::next,
        crate::api_pathways::pathway,
        crate::api_value::value_frameworks,
        crate::api_value::value_tier,
        crate::api_value::value_report,
        openapi
    ),
    components(schemas(
        ApiError,
        Health,
        SearchPage,
        Hit,
        FacetCount,
        FacetSet,
        Credential,
        Agent,
        OccupationLink,
        WageFigure,
        Occupation,
        RecordRef,
        Version,
        crate::api_demand::Demand,
        crate::api_demand::Forecast,
        crate::api_demand::ForecastPoint,
        crate::api_demand::DemandRanking,
        crate::api_outcomes::Outcomes,
        crate::api_outcomes::OutcomeFigure,
        crate::api_outcomes::PublishedFigure,
        crate::api_pathways::EligibleRequest,
        crate::api_pathways::PlanRequest,
        crate::api_pathways::NextRequest
    ))
)]
pub struct ApiDoc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/credentials", get(list_credentials))
        .route("/api/credentials/{id}", get(get_credential))
        .route("/api/credentials/{id}/ctdl", get(get_credential_ctdl))
        .route(
            "/api/credentials/{id}/classification",
            get(get_classification),
        )
        .route("/api/compare", get(compare))
        .route("/api/occupations/{soc}", get(get_occupation))
        .route("/api/openapi.json", get(openapi))
}

/// The API's answer for an unknown `/api/…` path (the web UI's fallback delegates here).
pub(crate) fn not_found() -> ApiError {
    ApiError::new(
        ErrorKind::NotFound,
        "no such endpoint; see /api/openapi.json",
    )
}

/// Liveness and what is loaded.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    status: String,
    /// `sqlite` or `postgres`.
    database: String,
    /// Records in the search index.
    indexed_records: usize,
}

#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health), (status = 503, body = ApiError)))]
async fn health(State(s): State<AppState>) -> Result<Json<Health>, ApiError> {
    s.engine
        .store()
        .ping()
        .await
        .map_err(|e| ApiError::new(ErrorKind::Unavailable, e.to_string()))?;
    let all = s.engine.search(&SearchQuery {
        limit: 1,
        ..Default::default()
    })?;
    Ok(Json(Health {
        status: "ok".into(),
        database: format!("{:?}", s.engine.store().backend()).to_lowercase(),
        indexed_records: all.total,
    }))
}

/// Search parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct CredentialQuery {
    /// Free text (names, acronyms, issuers, descriptions).
    pub q: Option<String>,
    /// Type label facet, e.g. `Certification`, `License`, `Unclassified`.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub type_label: Option<String>,
    /// SOC 2018 code: major group (`29-0000`) or detailed (`29-1141`).
    pub soc: Option<String>,
    /// Issuer name facet.
    pub issuer: Option<String>,
    /// State facet (`NJ`).
    pub state: Option<String>,
    /// CIP 2020 code or 2-digit family.
    pub cip: Option<String>,
    /// Record class (`credential` by default; `organization`, `assessment`, … or `all`).
    pub class: Option<String>,
    /// 1-based page.
    pub page: Option<usize>,
    /// Results per page (max 100).
    pub per_page: Option<usize>,
}

impl CredentialQuery {
    /// Converts to an engine query, rejecting nonsense paging.
    pub(crate) fn to_search(&self) -> Result<SearchQuery, ApiError> {
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(ApiError::new(
                ErrorKind::Invalid,
                format!("per_page must be between 1 and {MAX_PER_PAGE}"),
            ));
        }
        let page = self.page.unwrap_or(1);
        if page == 0 || page > 10_000 {
            return Err(ApiError::new(
                ErrorKind::Invalid,
                "page must be between 1 and 10000",
            ));
        }
        let class = match self.class.as_deref() {
            None | Some("") => Some("credential".to_string()),
            Some("all") => None,
            Some(c) => Some(c.to_string()),
        };
        Ok(SearchQuery {
            text: self.q.clone().unwrap_or_default(),
            type_label: self.type_label.clone(),
            issuer: self.issuer.clone(),
            soc: self.soc.clone(),
            cip: self.cip.clone(),
            state: self.state.clone(),
            class,
            offset: (page - 1) * per_page,
            limit: per_page,
        })
    }
}

/// A page of search results with facets over all matches.
#[derive(Serialize, ToSchema)]
pub struct SearchPage {
    total: usize,
    page: usize,
    per_page: usize,
    hits: Vec<Hit>,
    facets: FacetSet,
}

/// One search hit.
#[derive(Serialize, ToSchema)]
pub struct Hit {
    id: String,
    name: String,
    type_label: String,
    issuers: Vec<String>,
    score: f32,
}

/// A facet value and how many matches carry it.
#[derive(Serialize, ToSchema)]
pub struct FacetCount {
    value: String,
    count: u64,
}

/// Facet counts by dimension.
#[derive(Serialize, ToSchema)]
pub struct FacetSet {
    types: Vec<FacetCount>,
    issuers: Vec<FacetCount>,
    soc_major: Vec<FacetCount>,
    cip: Vec<FacetCount>,
    states: Vec<FacetCount>,
}

fn facet_counts(v: Vec<(String, u64)>) -> Vec<FacetCount> {
    v.into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect()
}

impl From<Facets> for FacetSet {
    fn from(f: Facets) -> Self {
        FacetSet {
            types: facet_counts(f.types),
            issuers: facet_counts(f.issuers),
            soc_major: facet_counts(f.soc_major),
            cip: facet_counts(f.cip),
            states: facet_counts(f.states),
        }
    }
}

#[utoipa::path(get, path = "/api/credentials", params(CredentialQuery),
    responses((status = 200, body = SearchPage), (status = 400, body = ApiError)))]
async fn list_credentials(
    State(s): State<AppState>,
    q: Result<Query<CredentialQuery>, QueryRejection>,
) -> Result<Json<SearchPage>, ApiError> {
    let Query(q) = q.map_err(|e| ApiError::new(ErrorKind::Invalid, e.body_text()))?;
    let query = q.to_search()?;
    let results = s.engine.search(&query)?;
    Ok(Json(SearchPage {
        total: results.total,
        page: query.offset / query.limit + 1,
        per_page: query.limit,
        hits: results
            .hits
            .into_iter()
            .map(|h| Hit {
                id: h.id,
                name: h.name,
                type_label: h.type_label,
                issuers: h.issuers,
                score: h.score,
            })
            .collect(),
        facets: results.facets.into(),
    }))
}

/// A credential with its evidence: type, issuers, quality assurance, occupations and wages.
#[derive(Serialize, ToSchema)]
pub struct Credential {
    id: String,
    ctid: Option<String>,
    name: String,
    ctdl_type: String,
    type_label: String,
    type_definition: Option<String>,
    /// False when the type is not known yet (never guessed).
    classified: bool,
    lifecycle: String,
    description: Option<String>,
    issuers: Vec<String>,
    quality_assurance: Vec<Agent>,
    occupations: Vec<OccupationLink>,
    /// Costs, durations, conditions (with alternatives), renewal and revocation as normalized.
    #[schema(value_type = Object)]
    details: serde_json::Value,
    /// Source, file, record pointer, checksum and license.
    #[schema(value_type = Object)]
    provenance: serde_json::Value,
    history: Vec<Version>,
    /// The classifier's call (certificate, certification, license, badge, degree) with the
    /// evidence for each of the twelve defining features, a mislabel flag or a proposed type.
    #[schema(value_type = Object)]
    type_call: serde_json::Value,
    /// Quality signals with evidence, the data-quality score with every check, and the renewal
    /// burden (cost and hours per year of keeping it) beside the cost to earn it.
    #[schema(value_type = Object)]
    quality: serde_json::Value,
    /// The same credential under other records, with confidence and reason (identity resolution).
    #[schema(value_type = Vec<Object>)]
    same_as: Vec<serde_json::Value>,
    /// The canonical record of this credential's cluster, when it is another record.
    canonical: Option<String>,
    /// Exam blueprint: domains with their weights in percent.
    #[schema(value_type = Object)]
    blueprint: Option<serde_json::Value>,
}

/// An agent in a role.
#[derive(Serialize, ToSchema)]
pub struct Agent {
    role: String,
    name: String,
    record_id: Option<String>,
}

/// A credential → occupation link.
#[derive(Serialize, ToSchema)]
pub struct OccupationLink {
    soc: String,
    title: String,
    via: String,
    wages: Option<WageFigure>,
}

/// A wage distribution with its source, window, area and precision.
#[derive(Serialize, ToSchema)]
pub struct WageFigure {
    /// Annual wage percentiles in USD; null when BLS does not publish one.
    p10: Option<f64>,
    p25: Option<f64>,
    median: Option<f64>,
    p75: Option<f64>,
    p90: Option<f64>,
    mean: Option<f64>,
    /// Values at or above the BLS top code: their figure is the top code, a lower bound (show as ≥).
    top_coded: Vec<String>,
    /// Employment estimate (the population behind the figures).
    employment: Option<f64>,
    /// Relative standard error of the employment estimate, percent.
    employment_rse: Option<f64>,
    /// Relative standard error of the mean wage, percent.
    mean_rse: Option<f64>,
    area: String,
    window: String,
    source: String,
}

impl From<Wages> for WageFigure {
    fn from(w: Wages) -> Self {
        WageFigure {
            p10: w.p10,
            p25: w.p25,
            median: w.median,
            p75: w.p75,
            p90: w.p90,
            mean: w.mean,
            top_coded: w.top_coded,
            employment: w.employment,
            employment_rse: w.employment_rse,
            mean_rse: w.mean_rse,
            area: w.area,
            window: w.window,
            source: w.source,
        }
    }
}

/// One version in a record's history and the fields it changed.
#[derive(Serialize, ToSchema)]
pub struct Version {
    version: i64,
    content_sha256: String,
    source_file: String,
    recorded_at: String,
    /// Fields this version changed relative to the previous one (empty for the first).
    changed_fields: Vec<String>,
}

impl From<CredentialView> for Credential {
    fn from(v: CredentialView) -> Self {
        let r = &v.record;
        let details = serde_json::json!({
            "alternate_names": r.alternate_names,
            "costs": r.costs,
            "durations": r.durations,
            "conditions": r.conditions,
            "renewal": r.renewal,
            "revocation": r.revocation,
            "codes": r.codes,
            "jurisdictions": r.jurisdictions,
            "keywords": r.keywords,
            "subject_webpage": r.subject_webpage,
        });
        Credential {
            id: r.id.clone(),
            ctid: r.ctid.as_ref().map(|c| c.to_string()),
            name: r.name.clone(),
            ctdl_type: r.ctdl_type.clone(),
            type_label: v.type_label,
            type_definition: v.type_definition,
            classified: r.classified,
            lifecycle: r.lifecycle.as_str().to_string(),
            description: r.description.clone(),
            issuers: v.issuers,
            quality_assurance: v
                .quality_assurance
                .into_iter()
                .map(|a| Agent {
                    role: a.role,
                    name: a.name,
                    record_id: a.record_id,
                })
                .collect(),
            occupations: v
                .occupations
                .into_iter()
                .map(|o| OccupationLink {
                    soc: o.soc,
                    title: o.title,
                    via: o.via,
                    wages: o.wages.map(Into::into),
                })
                .collect(),
            details,
            type_call: serde_json::to_value(&v.type_call).unwrap_or_default(),
            quality: serde_json::to_value(&v.quality).unwrap_or_default(),
            same_as: v
                .same_as
                .iter()
                .filter_map(|s| serde_json::to_value(s).ok())
                .collect(),
            canonical: v.canonical.clone(),
            blueprint: v
                .blueprint
                .as_ref()
                .and_then(|b| serde_json::to_value(b).ok()),
            provenance: serde_json::to_value(&r.provenance).unwrap_or_default(),
            history: v
                .history
                .into_iter()
                .map(|h| Version {
                    version: h.version.version,
                    content_sha256: h.version.content_sha256,
                    source_file: h.version.source_file,
                    recorded_at: h.version.recorded_at,
                    changed_fields: h.changes.into_iter().map(|c| c.field).collect(),
                })
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/credentials/{id}", params(("id" = String, Path, description = "CTID or local id")),
    responses((status = 200, body = Credential), (status = 404, body = ApiError)))]
async fn get_credential(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Credential>, ApiError> {
    Ok(Json(s.engine.credential(&id).await?.into()))
}

#[utoipa::path(get, path = "/api/credentials/{id}/ctdl", params(("id" = String, Path, description = "CTID or local id")),
    responses((status = 200, description = "CTDL JSON-LD document", body = Object), (status = 404, body = ApiError)))]
async fn get_credential_ctdl(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(s.engine.export_ctdl(Some(&[id])).await?))
}

#[utoipa::path(get, path = "/api/credentials/{id}/classification", params(("id" = String, Path, description = "CTID or local id")),
    responses((status = 200, description = "Type call with evidence per defining feature", body = Object), (status = 404, body = ApiError)))]
async fn get_classification(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let call = s.engine.classify(&id).await?;
    Ok(Json(serde_json::to_value(call).unwrap_or_default()))
}

/// Credential ids from a query string: repeated `id=` and comma-separated `ids=` both work.
pub(crate) fn ids_from_query(raw: Option<&str>) -> Vec<String> {
    let Some(raw) = raw else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
        match k.as_ref() {
            "id" => ids.push(v.trim().to_string()),
            "ids" => ids.extend(v.split(',').map(|s| s.trim().to_string())),
            _ => {}
        }
    }
    ids.retain(|i| !i.is_empty());
    ids.dedup();
    ids
}

#[utoipa::path(get, path = "/api/compare", params(("ids" = String, Query, description = "2 to 4 credential ids, comma-separated (or repeated `id=`)")),
    responses((status = 200, body = Vec<Credential>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
async fn compare(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<Credential>>, ApiError> {
    let views = s.engine.compare(&ids_from_query(raw.as_deref())).await?;
    Ok(Json(views.into_iter().map(Into::into).collect()))
}

/// A reference to a registry record.
#[derive(Serialize, ToSchema)]
pub struct RecordRef {
    id: String,
    name: String,
    ctdl_type: String,
    classified: bool,
    lifecycle: String,
}

/// An occupation with wages, preparation, related occupations and linked credentials.
#[derive(Serialize, ToSchema)]
pub struct Occupation {
    soc: String,
    title: String,
    level: String,
    definition: Option<String>,
    job_zone: Option<i64>,
    job_zone_name: Option<String>,
    wages: Option<WageFigure>,
    /// O*NET-SOC occupations under this code.
    #[schema(value_type = Vec<Object>)]
    onet: Vec<serde_json::Value>,
    /// Related occupations (O*NET), with relatedness tier.
    #[schema(value_type = Vec<Object>)]
    related: Vec<serde_json::Value>,
    alternate_titles: Vec<String>,
    hot_technologies: Vec<String>,
    /// CIP 2020 programs that prepare for it: `[code, title]`.
    programs: Vec<(String, String)>,
    credentials: Vec<RecordRef>,
    attribution: Vec<String>,
}

impl From<OccupationView> for Occupation {
    fn from(v: OccupationView) -> Self {
        Occupation {
            soc: v.soc,
            title: v.title,
            level: v.level,
            definition: v.definition,
            job_zone: v.job_zone.as_ref().map(|z| z.zone),
            job_zone_name: v.job_zone.map(|z| z.name),
            wages: v.wages.map(Into::into),
            onet: v
                .onet
                .iter()
                .filter_map(|o| serde_json::to_value(o).ok())
                .collect(),
            related: v
                .related
                .iter()
                .filter_map(|o| serde_json::to_value(o).ok())
                .collect(),
            alternate_titles: v.alternate_titles,
            hot_technologies: v.hot_technologies,
            programs: v.programs,
            credentials: v
                .credentials
                .into_iter()
                .map(|r| RecordRef {
                    id: r.id,
                    name: r.name,
                    ctdl_type: r.ctdl_type,
                    classified: r.classified,
                    lifecycle: r.lifecycle,
                })
                .collect(),
            attribution: v.attribution,
        }
    }
}

#[utoipa::path(get, path = "/api/occupations/{soc}", params(("soc" = String, Path, description = "SOC 2018 code (15-1252) or O*NET-SOC code")),
    responses((status = 200, body = Occupation), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
async fn get_occupation(
    State(s): State<AppState>,
    Path(soc): Path<String>,
) -> Result<Json<Occupation>, ApiError> {
    Ok(Json(s.engine.occupation(&soc).await?.into()))
}

#[utoipa::path(get, path = "/api/openapi.json", responses((status = 200, description = "This document", body = Object)))]
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
