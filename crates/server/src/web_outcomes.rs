//! The outcomes section of the credential page (and a standalone outcomes page): employment and
//! earnings before/after with intervals, the comparison-group gain, and the disaggregated tables
//! with suppressed cells shown as "suppressed".

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use credence_engine::{MetricCell, OutcomesView};
use serde::Deserialize;

use crate::AppState;

/// One headline figure as shown.
pub(crate) struct HeadRow {
    pub label: String,
    pub value: String,
    pub interval: String,
    pub n: String,
    pub suppressed: bool,
}

/// One cell of a group table as shown.
pub(crate) struct ShownCell {
    pub text: String,
    pub suppressed: bool,
}

/// One group table as shown.
pub(crate) struct ShownTable {
    pub dimension: String,
    pub rows: Vec<(String, Vec<ShownCell>)>,
}

/// Everything the outcomes section renders, already formatted.
pub(crate) struct OutcomesSection {
    pub note: String,
    pub head: Vec<HeadRow>,
    pub columns: Vec<&'static str>,
    pub tables: Vec<ShownTable>,
    pub published: Vec<String>,
    pub suppression: String,
}

const HEADLINE: &[(&str, &str)] = &[
    ("exiters", "Participants who exited"),
    ("employment_q2", "Employed, 2nd quarter after exit"),
    ("employment_q4", "Employed, 4th quarter after exit"),
    (
        "median_earnings_q2",
        "Median earnings, 2nd quarter after exit",
    ),
    ("credential_attainment", "Earned the credential"),
    (
        "earnings_before",
        "Holders' quarterly earnings, year before",
    ),
    ("earnings_after", "Holders' quarterly earnings, year after"),
    ("gain_did", "Gain vs similar non-holders (per quarter)"),
];

const TABLE_METRICS: &[(&str, &str)] = &[
    ("exiters", "Exiters"),
    ("employment_q2", "Employed Q2"),
    ("employment_q4", "Employed Q4"),
    ("median_earnings_q2", "Median earnings Q2"),
    ("credential_attainment", "Earned it"),
    ("gain_did", "Gain vs comparison"),
];

fn is_rate(metric: &str) -> bool {
    metric.starts_with("employment") || metric == "credential_attainment"
}

fn fmt(metric: &str, v: f64) -> String {
    if metric == "exiters" {
        format!("{v:.0}")
    } else if is_rate(metric) {
        format!("{:.1}%", v * 100.0)
    } else {
        let sign = if v < 0.0 { "−" } else { "" };
        format!("{sign}${}", credence_engine::thousands(v.abs().round()))
    }
}

fn shown(c: Option<&MetricCell>) -> ShownCell {
    match c {
        Some(c) if c.suppressed.is_some() => ShownCell {
            text: "suppressed".into(),
            suppressed: true,
        },
        Some(c) => match (c.value, c.lower, c.upper) {
            (Some(v), Some(lo), Some(hi)) => ShownCell {
                text: format!(
                    "{} ({}–{})",
                    fmt(&c.metric, v),
                    fmt(&c.metric, lo),
                    fmt(&c.metric, hi)
                ),
                suppressed: false,
            },
            (Some(v), _, _) => ShownCell {
                text: fmt(&c.metric, v),
                suppressed: false,
            },
            _ => ShownCell {
                text: "—".into(),
                suppressed: false,
            },
        },
        None => ShownCell {
            text: "—".into(),
            suppressed: false,
        },
    }
}

/// Formats an outcomes view for the page.
pub(crate) fn section(v: &OutcomesView) -> OutcomesSection {
    let level = (v.run.level * 100.0).round();
    let note = format!(
        "Source: {}. Wage records {}; programme exits {}; computed {} (run {}). Intervals are {level}% intervals; n is the number of people each figure rests on.",
        v.source,
        v.run.wage_window,
        v.exit_window.as_ref().map(|(a, b)| format!("{a}–{b}")).unwrap_or_else(|| "none".into()),
        v.run.computed_at.get(..10).unwrap_or(&v.run.computed_at),
        v.run.run_id,
    );
    let head = HEADLINE
        .iter()
        .filter_map(|(m, label)| {
            let c = v.overall(m)?;
            let suppressed = c.suppressed.is_some();
            Some(HeadRow {
                label: label.to_string(),
                value: match (suppressed, c.value) {
                    (true, _) => "suppressed".into(),
                    (false, Some(x)) => fmt(m, x),
                    (false, None) => "—".into(),
                },
                interval: match (c.lower, c.upper) {
                    (Some(lo), Some(hi)) => format!("{} – {}", fmt(m, lo), fmt(m, hi)),
                    _ => String::new(),
                },
                n: c.n
                    .map(|n| credence_engine::thousands(n as f64))
                    .unwrap_or_default(),
                suppressed,
            })
        })
        .collect();
    let tables = v
        .tables
        .iter()
        .map(|t| ShownTable {
            dimension: match t.dimension.as_str() {
                "race" => "Race/ethnicity",
                "sex" => "Sex",
                "age" => "Age at entry",
                "income" => "Income before the programme (UI earnings)",
                "region" => "Region (county)",
                other => other,
            }
            .to_string(),
            rows: t
                .groups
                .iter()
                .map(|g| {
                    (
                        g.category.clone(),
                        TABLE_METRICS
                            .iter()
                            .map(|(m, _)| shown(g.cell(m)))
                            .collect(),
                    )
                })
                .collect(),
        })
        .collect();
    let published = v
        .published
        .iter()
        .map(|p| {
            format!(
                "{} {}{} — {}: {}{}",
                if p.format == "pseo" {
                    "PSEO"
                } else {
                    "NJ ETPL"
                },
                p.institution_name
                    .clone()
                    .unwrap_or_else(|| format!("institution {}", p.institution)),
                p.cip
                    .as_deref()
                    .map(|c| format!(" (CIP {c})"))
                    .unwrap_or_default(),
                p.measure,
                p.value
                    .map(|x| format!("{x}"))
                    .unwrap_or_else(|| p.status.clone()),
                p.n.map(|n| format!(", n = {n}")).unwrap_or_default()
            )
        })
        .collect();
    OutcomesSection {
        note,
        head,
        columns: TABLE_METRICS.iter().map(|(_, l)| *l).collect(),
        tables,
        published,
        suppression: format!(
            "Groups with fewer than {} people are suppressed, and further groups are suppressed so that hidden ones cannot be worked out from the totals{}.",
            v.run.min_cell,
            v.run.epsilon.map(|e| format!("; counts carry geometric noise (ε = {e} per count)")).unwrap_or_default()
        ),
    }
}

#[derive(Template)]
#[template(path = "outcomes.html")]
struct OutcomesPage {
    name: String,
    id: String,
    outcomes: Option<OutcomesSection>,
}

#[derive(Deserialize)]
struct ByQuery {
    by: Option<String>,
}

async fn outcomes_page(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<ByQuery>,
) -> Response {
    match s.engine.outcomes_show(&id, q.by.as_deref()).await {
        Ok(v) => crate::web::render(
            &OutcomesPage {
                name: v.name.clone().unwrap_or_else(|| v.credential_id.clone()),
                id: v.credential_id.clone(),
                outcomes: Some(section(&v)),
            },
            StatusCode::OK,
        ),
        Err(e) => crate::web::error_page(e),
    }
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/outcomes/{id}", get(outcomes_page))
}
