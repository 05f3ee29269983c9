//! The server-rendered web UI: search with facets, credential pages, occupation pages with charts.
//!
//! Templates are compiled into the binary (askama), and so are the stylesheet and the one small
//! script: the UI works offline with no build step. View models here are neither API wire types
//! nor domain types; every figure they carry names its source and window.

use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use credence_engine::search::SearchResults;
use credence_engine::{
    format_wage, thousands, CredentialView, EngineError, ErrorKind, OccupationView, Wages,
};

use crate::api::CredentialQuery;
use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search_page))
        .route("/credentials/{id}", get(credential_page))
        .route("/occupations/{soc}", get(occupation_page))
        .route("/compare", get(compare_page))
        .route("/static/style.css", get(stylesheet))
        .route("/static/app.js", get(script))
        .fallback(page_not_found)
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/style.css"),
    )
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/app.js"),
    )
}

/// Renders a template, or a plain 500 page if rendering itself fails.
pub(crate) fn render(t: &impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    message: String,
}

pub(crate) fn error_page(e: EngineError) -> Response {
    let (status, title) = match e.kind() {
        ErrorKind::NotFound => (StatusCode::NOT_FOUND, "Not found"),
        ErrorKind::Invalid => (StatusCode::BAD_REQUEST, "Bad request"),
        ErrorKind::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "Unavailable"),
        ErrorKind::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong"),
    };
    let message = if e.kind() == ErrorKind::Internal {
        tracing::error!(error = %e, "internal error");
        "An internal error occurred; the server log has details.".to_string()
    } else {
        e.to_string()
    };
    render(
        &ErrorPage {
            title: title.into(),
            message,
        },
        status,
    )
}

async fn page_not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        return crate::api::not_found().into_response();
    }
    render(
        &ErrorPage {
            title: "Not found".into(),
            message: "There is no page at this address.".into(),
        },
        StatusCode::NOT_FOUND,
    )
}

/// One facet value as a link that narrows (or widens) the search.
struct FacetLink {
    label: String,
    count: u64,
    href: String,
    active: bool,
}

struct FacetGroup {
    title: &'static str,
    links: Vec<FacetLink>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    q: String,
    total: usize,
    results: Vec<ResultRow>,
    facets: Vec<FacetGroup>,
    filters: Vec<(String, String)>,
    page: usize,
    pages: usize,
    prev_href: Option<String>,
    next_href: Option<String>,
}

struct ResultRow {
    id: String,
    name: String,
    type_label: String,
    issuers: String,
}

async fn search_page(
    State(s): State<AppState>,
    q: Result<Query<CredentialQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = match q {
        Ok(Query(q)) => q,
        Err(e) => return error_page(EngineError::Invalid(e.body_text())),
    };
    let query = match q.to_search() {
        Ok(query) => query,
        Err(e) => return error_page(EngineError::Invalid(e.message)),
    };
    match s.engine.search(&query) {
        Ok(results) => render(&search_view(&q, &query, results), StatusCode::OK),
        Err(e) => error_page(e),
    }
}

/// Current parameters as (name, value) pairs, so facet links keep the rest of the query.
fn params(q: &CredentialQuery) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    let pairs = [
        ("q", &q.q),
        ("type", &q.type_label),
        ("issuer", &q.issuer),
        ("soc", &q.soc),
        ("cip", &q.cip),
        ("state", &q.state),
        ("class", &q.class),
    ];
    for (k, val) in pairs {
        if let Some(val) = val.as_ref().filter(|v| !v.is_empty()) {
            v.push((k, val.clone()));
        }
    }
    v
}

fn href(pairs: &[(&str, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    if query.is_empty() {
        "/".into()
    } else {
        format!("/?{}", query.join("&"))
    }
}

pub(crate) fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A link that toggles one facet while keeping the other parameters (and resetting the page).
fn toggle(q: &CredentialQuery, key: &'static str, value: &str) -> (String, bool) {
    let mut p = params(q);
    let active = p.iter().any(|(k, v)| *k == key && v == value);
    p.retain(|(k, _)| *k != key);
    if !active {
        p.push((key, value.to_string()));
    }
    (href(&p), active)
}

fn search_view(
    q: &CredentialQuery,
    query: &credence_engine::search::SearchQuery,
    results: SearchResults,
) -> SearchPage {
    let group = |title, key: &'static str, values: Vec<(String, u64)>| FacetGroup {
        title,
        links: values
            .into_iter()
            .take(12)
            .map(|(label, count)| {
                let (href, active) = toggle(q, key, &label);
                FacetLink {
                    label,
                    count,
                    href,
                    active,
                }
            })
            .collect(),
    };
    let f = results.facets;
    let page = query.offset / query.limit + 1;
    let pages = results.total.div_ceil(query.limit).max(1);
    let page_href = |n: usize| {
        let mut p = params(q);
        p.push(("page", n.to_string()));
        href(&p)
    };
    SearchPage {
        q: q.q.clone().unwrap_or_default(),
        total: results.total,
        results: results
            .hits
            .into_iter()
            .map(|h| ResultRow {
                id: h.id,
                name: h.name,
                type_label: h.type_label,
                issuers: h.issuers.join(", "),
            })
            .collect(),
        facets: vec![
            group("Type", "type", f.types),
            group("Issuer", "issuer", f.issuers),
            group("Occupation group (SOC)", "soc", f.soc_major),
            group("Program family (CIP)", "cip", f.cip),
            group("State", "state", f.states),
        ],
        filters: params(q)
            .into_iter()
            .filter(|(k, _)| *k != "q")
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        page,
        pages,
        prev_href: (page > 1).then(|| page_href(page - 1)),
        next_href: (page < pages).then(|| page_href(page + 1)),
    }
}

#[derive(Template)]
#[template(path = "credential.html")]
struct CredentialPage {
    /// "certification, 87% confidence" — the classifier's call in words.
    call: String,
    /// A mislabel warning or a proposed type, in words.
    call_note: Option<String>,
    /// The twelve defining features: (feature, evidence in words, whether any was found).
    features: Vec<(String, String, bool)>,
    /// What data would have settled the call.
    missing: Vec<String>,
    /// Quality signals: (signal, status, evidence in words).
    signals: Vec<(String, String, String)>,
    /// Renewal burden in words, beside the cost to earn.
    upkeep: Vec<(String, String)>,
    /// "75/100" and the checks that failed, with why.
    data_quality: String,
    failed_checks: Vec<(String, String)>,
    v: CredentialView,
    occupations: Vec<OccupationRow>,
    costs: Vec<String>,
    durations: Vec<String>,
    json_ld: String,
    /// Employer demand from ingested postings, when any posting names it.
    demand: Option<crate::web_demand::DemandSection>,
    /// Computed outcomes of programme participants, when a run covered this credential.
    outcomes: Option<crate::web_outcomes::OutcomesSection>,
    /// Credentials-of-value section: tiers under each preset, value for money.
    value: Option<crate::web_value::ValueSection>,
}

struct OccupationRow {
    soc: String,
    title: String,
    via: String,
    median: String,
    range: String,
    source: String,
}

async fn credential_page(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let v = match s.engine.credential(&id).await {
        Ok(v) => v,
        Err(e) => return error_page(e),
    };
    let demand = match s.engine.demand_show(&id, None).await {
        Ok(d) => Some(crate::web_demand::demand_section(&d)),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => {
            tracing::warn!(error = %e, "demand section unavailable");
            None
        }
    };
    let outcomes = match s.engine.outcomes_for_record(&v.record).await {
        Ok(o) => o,
        Err(e) => {
            tracing::warn!(error = %e, "outcomes section unavailable");
            None
        }
    };
    let value = match s.engine.value_credential(&id).await {
        Ok(v) => Some(crate::web_value::value_section(v)),
        Err(e) => {
            tracing::warn!(error = %e, "value section unavailable");
            None
        }
    };
    let mut page = credential_view(v);
    page.demand = demand;
    page.outcomes = outcomes.as_ref().map(crate::web_outcomes::section);
    page.value = value;
    render(&page, StatusCode::OK)
}

/// A dollar amount for display (`$12,999`), or "not published".
fn money(v: Option<f64>) -> String {
    format_wage(v, false, false)
}

fn credential_view(v: CredentialView) -> CredentialPage {
    let occupations = v
        .occupations
        .iter()
        .map(|o| OccupationRow {
            soc: o.soc.clone(),
            title: o.title.clone(),
            via: o.via.clone(),
            median: o
                .wages
                .as_ref()
                .map(|w| w.formatted("median"))
                .unwrap_or_else(|| "no wage data".into()),
            range: o
                .wages
                .as_ref()
                .map(|w| format!("{} – {}", w.formatted("p10"), w.formatted("p90")))
                .unwrap_or_default(),
            source: o
                .wages
                .as_ref()
                .map(|w| format!("{}, {}, {}", w.source, w.area, w.window))
                .unwrap_or_default(),
        })
        .collect();
    let costs = v
        .record
        .costs
        .iter()
        .map(|c| {
            let amount = match (c.amount, c.currency.as_deref()) {
                (Some(a), Some("USD")) | (Some(a), None) => money(Some(a)),
                (Some(a), Some(cur)) => format!("{a:.2} {cur}"),
                (None, _) => "amount not stated".into(),
            };
            let what = c
                .kind
                .clone()
                .or_else(|| c.description.clone())
                .unwrap_or_else(|| "Cost".into());
            format!("{what}: {amount}")
        })
        .collect();
    let durations = v
        .record
        .durations
        .iter()
        .filter_map(|d| match (&d.iso8601, &d.description) {
            (Some(i), Some(desc)) => Some(format!("{} ({desc})", iso_duration_words(i))),
            (Some(i), None) => Some(iso_duration_words(i)),
            (None, Some(desc)) => Some(desc.clone()),
            (None, None) => None,
        })
        .collect();
    let json_ld = serde_json::to_string_pretty(&v.record.document).unwrap_or_default();
    let k = &v.type_call.classification;
    let call = format!(
        "{}, {:.0}% confidence",
        k.call.as_str(),
        k.confidence * 100.0
    );
    let call_note = match (&v.type_call.mislabel, &v.type_call.proposal) {
        (Some(m), _) => Some(format!(
            "The source declares a {}, but the evidence points to a {}: {}",
            m.declared.as_str(),
            m.evidence_says.as_str(),
            m.reason
        )),
        (None, Some(p)) => Some(format!(
            "Proposed type: {} ({})",
            p.proposed.as_str(),
            p.reason
        )),
        _ => None,
    };
    let features = k
        .features
        .iter()
        .map(|f| {
            let found = !f.evidence.is_empty();
            let text = if found {
                f.evidence
                    .iter()
                    .map(|e| {
                        format!(
                            "“{}” in {} → {}",
                            e.span,
                            e.source_field,
                            e.points_to.as_str()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                "no evidence".to_string()
            };
            (f.title.clone(), text, found)
        })
        .collect();
    let missing = k.missing.clone();
    let q = &v.quality;
    let s = &q.signals;
    let signals = [
        ("Accreditation", &s.accreditation),
        ("Recognition", &s.recognition),
        ("Approval", &s.approval),
        ("Regulation", &s.regulation),
        ("Independent assessment", &s.independent_assessment),
        ("Renewal", &s.renewal),
        ("Continuing education", &s.continuing_education),
        ("Revocation", &s.revocation),
        ("Credit recommendation", &s.credit_recommendation),
    ]
    .iter()
    .map(|(name, sig)| {
        let evidence = sig
            .evidence
            .iter()
            .map(|e| format!("“{}” in {}", e.span, e.field))
            .collect::<Vec<_>>()
            .join("; ");
        (
            name.to_string(),
            format!("{:?}", sig.status).to_lowercase(),
            evidence,
        )
    })
    .collect();
    let b = &q.renewal_burden;
    let upkeep = vec![
        ("Cost to earn".to_string(), money(b.cost_to_earn)),
        (
            "Renewal cycle".to_string(),
            b.cycle_years
                .map(|c| format!("every {c} years"))
                .unwrap_or_else(|| "not stated".into()),
        ),
        ("Renewal fee".to_string(), money(b.renewal_fee)),
        (
            "Continuing education per cycle".to_string(),
            b.ce_hours_per_cycle
                .map(|h| format!("{h:.0} hours"))
                .unwrap_or_else(|| "not stated".into()),
        ),
        ("Cost per year to keep".to_string(), money(b.cost_per_year)),
        (
            "Hours per year to keep".to_string(),
            b.hours_per_year
                .map(|h| format!("{h:.1}"))
                .unwrap_or_else(|| "not stated".into()),
        ),
    ];
    let data_quality = format!("{}/100", q.data_quality.score);
    let failed_checks = q
        .data_quality
        .failed()
        .map(|c| (c.name.clone(), c.detail.clone()))
        .collect();
    CredentialPage {
        signals,
        upkeep,
        data_quality,
        failed_checks,
        call,
        call_note,
        features,
        missing,
        v,
        occupations,
        costs,
        durations,
        json_ld,
        demand: None,
        outcomes: None,
        value: None,
    }
}

/// `P2Y6M` → "2 years 6 months"; anything unparseable is shown as published.
fn iso_duration_words(iso: &str) -> String {
    let Some(body) = iso.strip_prefix('P') else {
        return iso.to_string();
    };
    let mut words = Vec::new();
    let mut number = String::new();
    let mut in_time = false;
    for c in body.chars() {
        match c {
            'T' => in_time = true,
            d if d.is_ascii_digit() || d == '.' => number.push(d),
            unit => {
                let name = match (unit, in_time) {
                    ('Y', _) => "year",
                    ('M', false) => "month",
                    ('W', _) => "week",
                    ('D', _) => "day",
                    ('H', true) => "hour",
                    ('M', true) => "minute",
                    _ => return iso.to_string(),
                };
                let plural = if number == "1" { "" } else { "s" };
                words.push(format!("{number} {name}{plural}"));
                number.clear();
            }
        }
    }
    if words.is_empty() {
        iso.to_string()
    } else {
        words.join(" ")
    }
}

#[derive(Template)]
#[template(path = "occupation.html")]
struct OccupationPage {
    v: OccupationView,
    chart: Option<WageChart>,
    /// Every published figure as (label, value), the chart's accessible table.
    wage_rows: Vec<(String, String)>,
}

fn wage_rows(w: &Wages) -> Vec<(String, String)> {
    let fmt_rse = |r: Option<f64>| {
        r.map(|r| format!("{r}%"))
            .unwrap_or_else(|| "not published".into())
    };
    vec![
        ("10th percentile".into(), w.formatted("p10")),
        ("25th percentile".into(), w.formatted("p25")),
        ("Median".into(), w.formatted("median")),
        ("75th percentile".into(), w.formatted("p75")),
        ("90th percentile".into(), w.formatted("p90")),
        ("Mean".into(), w.formatted("mean")),
        (
            "Mean wage relative standard error".into(),
            fmt_rse(w.mean_rse),
        ),
        (
            "Employment".into(),
            w.employment
                .map(thousands)
                .unwrap_or_else(|| "not published".into()),
        ),
        (
            "Employment relative standard error".into(),
            fmt_rse(w.employment_rse),
        ),
    ]
}

/// A horizontal box plot of the national wage distribution, drawn as inline SVG.
struct WageChart {
    /// (label, value text, x position) for p10, p25, median, p75, p90.
    points: Vec<(String, String, f64)>,
    box_x: f64,
    box_w: f64,
    whisker_x1: f64,
    whisker_x2: f64,
    median_x: f64,
    caption: String,
}

const CHART_LEFT: f64 = 20.0;
const CHART_WIDTH: f64 = 560.0;

fn wage_chart(w: &Wages) -> Option<WageChart> {
    let values = [w.p10?, w.p25?, w.median?, w.p75?, w.p90?];
    let max = values[4].max(1.0) * 1.05;
    let x = |v: f64| CHART_LEFT + v / max * CHART_WIDTH;
    let names = ["p10", "p25", "median", "p75", "p90"];
    let labels = ["10th", "25th", "Median", "75th", "90th"];
    let points = names
        .iter()
        .zip(labels)
        .zip(values)
        .map(|((n, l), v)| (l.to_string(), w.formatted(n), x(v)))
        .collect();
    Some(WageChart {
        points,
        box_x: x(values[1]),
        box_w: x(values[3]) - x(values[1]),
        whisker_x1: x(values[0]),
        whisker_x2: x(values[4]),
        median_x: x(values[2]),
        caption: format!(
            "Annual wages, {}, {}. Employment {}{}. Source: {}.",
            w.area,
            w.window,
            w.employment
                .map(thousands)
                .unwrap_or_else(|| "not published".into()),
            w.employment_rse
                .map(|r| format!(" (relative standard error {r}%)"))
                .unwrap_or_default(),
            w.source
        ),
    })
}

async fn occupation_page(State(s): State<AppState>, Path(soc): Path<String>) -> Response {
    match s.engine.occupation(&soc).await {
        Ok(v) => {
            let chart = v.wages.as_ref().and_then(wage_chart);
            let wage_rows = v.wages.as_ref().map(wage_rows).unwrap_or_default();
            render(
                &OccupationPage {
                    v,
                    chart,
                    wage_rows,
                },
                StatusCode::OK,
            )
        }
        Err(e) => error_page(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(iso_duration_words("P2Y"), "2 years");
        assert_eq!(iso_duration_words("PT40H"), "40 hours");
        assert_eq!(iso_duration_words("P1Y6M"), "1 year 6 months");
        assert_eq!(iso_duration_words("P1X"), "P1X");
        assert_eq!(iso_duration_words("about a week"), "about a week");
    }

    #[test]
    fn links_are_encoded() {
        assert_eq!(href(&[("q", "a+ b&c".into())]), "/?q=a%2B+b%26c");
    }
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    /// (id, name) per compared credential, for the column headers.
    columns: Vec<(String, String)>,
    rows: Vec<credence_engine::ComparisonRow>,
}

async fn compare_page(State(s): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let ids = crate::api::ids_from_query(raw.as_deref());
    match s.engine.compare(&ids).await {
        Ok(views) => {
            let columns = views
                .iter()
                .map(|v| (v.record.id.clone(), v.record.name.clone()))
                .collect();
            let rows = credence_engine::comparison_table(&views);
            render(&ComparePage { columns, rows }, StatusCode::OK)
        }
        Err(e) => error_page(e),
    }
}
