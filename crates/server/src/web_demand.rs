//! Demand in the web UI: the credential page's demand section, a page per demanded credential,
//! and the demand explorer (credentials ranked by postings, filtered by occupation and region).
//!
//! The monthly chart is inline SVG drawn here, so it prints, needs no script and can be tested by
//! reading the DOM: observed months as a line, the forecast as a dashed mean inside a shaded band.

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use credence_engine::{thousands, DemandRow, DemandView, EngineError, Ranked, MIN_CELL};

use crate::api_demand::DemandQuery;
use crate::web::{error_page, render, urlencode};
use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/demand", get(explorer_page))
        .route("/demand/{key}", get(demand_page))
}

/// The demand section as the credential page and the demand page show it.
pub(crate) struct DemandSection {
    /// "1,234".
    pub total: String,
    /// "required in 61% (752), preferred in 12% (150)".
    pub levels: String,
    /// Widths in percent for the required / preferred / other bar.
    pub bar: (f64, f64, f64),
    /// "2023-01 to 2025-06".
    pub window: String,
    /// Inline SVG chart (markup we generate; numbers and escaped text only).
    pub chart: String,
    /// The forecast's method and coverage, or why there is none.
    pub forecast_note: String,
    pub occupations: Vec<RankRow>,
    pub regions: Vec<RankRow>,
    pub employers: Vec<RankRow>,
    pub region: Option<String>,
    pub source: String,
    pub min_cell: i64,
}

/// One ranked occupation, region or employer.
pub(crate) struct RankRow {
    pub label: String,
    pub href: Option<String>,
    pub count: String,
    /// "4.2% of its postings", or why the share is withheld.
    pub share: String,
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn rank_rows(rows: &[Ranked], link: impl Fn(&str) -> Option<String>) -> Vec<RankRow> {
    rows.iter()
        .map(|r| RankRow {
            label: match &r.label {
                Some(l) => format!("{l} ({})", r.key),
                None => r.key.clone(),
            },
            href: link(&r.key),
            count: thousands(r.unique_postings as f64),
            share: match r.share {
                Some(s) => format!("{:.1}% of its postings", s * 100.0),
                None => format!("share withheld (fewer than {MIN_CELL} postings in total)"),
            },
        })
        .collect()
}

/// The view model of a credential's demand.
pub(crate) fn demand_section(v: &DemandView) -> DemandSection {
    let total = v.unique_postings;
    let other = (total - v.required - v.preferred).max(0);
    let window = match &v.window {
        Some((a, b)) => format!("{a} to {b}"),
        None => "no dated postings".into(),
    };
    let forecast_note = match &v.forecast {
        Ok(f) => format!(
            "Shaded: {:.0}% prediction interval for the next {} months, fitted on {} months ({}).",
            f.level * 100.0,
            f.points.len(),
            f.n_train,
            f.method
        ),
        Err(why) => format!("No forecast: {why}."),
    };
    DemandSection {
        total: thousands(total as f64),
        levels: format!(
            "required in {:.0}% ({}), preferred in {:.0}% ({}), other or unclear in {:.0}% ({})",
            percent(v.required, total),
            thousands(v.required as f64),
            percent(v.preferred, total),
            thousands(v.preferred as f64),
            percent(other, total),
            thousands(other as f64),
        ),
        bar: (
            percent(v.required, total),
            percent(v.preferred, total),
            percent(other, total),
        ),
        window,
        chart: chart_svg(v),
        forecast_note,
        occupations: rank_rows(&v.occupations, |k| {
            (k != "unknown").then(|| format!("/occupations/{k}"))
        }),
        regions: rank_rows(&v.regions, |_| None),
        employers: rank_rows(&v.employers, |_| None),
        region: v.region.clone(),
        source: v.source.to_string(),
        min_cell: MIN_CELL,
    }
}

/// Chart geometry.
const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Monthly distinct postings as a line, the forecast mean dashed inside its interval band.
pub(crate) fn chart_svg(v: &DemandView) -> String {
    let observed: Vec<(&str, f64)> = v
        .months
        .iter()
        .filter(|m| m.month != "unknown")
        .map(|m| (m.month.as_str(), m.unique_postings as f64))
        .collect();
    if observed.is_empty() {
        return String::new();
    }
    let forecast: Vec<(&str, f64, f64, f64)> = match &v.forecast {
        Ok(f) => f
            .points
            .iter()
            .map(|(m, mean, lo, hi)| (m.as_str(), *mean, lo.max(0.0), *hi))
            .collect(),
        Err(_) => Vec::new(),
    };
    let n = observed.len() + forecast.len();
    let y_max = observed
        .iter()
        .map(|p| p.1)
        .chain(forecast.iter().map(|p| p.3))
        .fold(1.0_f64, f64::max)
        * 1.1;
    let x = |i: usize| LEFT + (W - LEFT - RIGHT) * i as f64 / (n.max(2) - 1) as f64;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / y_max);
    let mut svg = format!(
        r#"<svg class="demand-chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="demand-chart-title"><title id="demand-chart-title">Postings per month naming {}, {} observed months{}</title>"#,
        escape(&v.name),
        observed.len(),
        if forecast.is_empty() {
            String::new()
        } else {
            format!(" and a {}-month forecast", forecast.len())
        }
    );
    // Axes and labels.
    svg.push_str(&format!(
        r#"<line class="axis" x1="{LEFT}" y1="{b}" x2="{r}" y2="{b}"/><line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{b}"/><text class="tick" x="{tx}" y="{ty}" text-anchor="end">{top}</text><text class="tick" x="{tx}" y="{b}" text-anchor="end">0</text>"#,
        b = H - BOTTOM,
        r = W - RIGHT,
        tx = LEFT - 4.0,
        ty = TOP + 10.0,
        top = thousands(y_max / 1.1),
    ));
    let label = |i: usize, m: &str| {
        format!(
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(i),
            H - 8.0,
            escape(m)
        )
    };
    svg.push_str(&label(0, observed[0].0));
    svg.push_str(&label(observed.len() - 1, observed[observed.len() - 1].0));
    if let Some(last) = forecast.last() {
        svg.push_str(&label(n - 1, last.0));
    }
    if !forecast.is_empty() {
        // The band: upper edge forward, lower edge back, anchored at the last observed month.
        let (last_i, last_v) = (observed.len() - 1, observed[observed.len() - 1].1);
        let mut pts = vec![format!("{:.1},{:.1}", x(last_i), y(last_v))];
        pts.extend(
            forecast
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{:.1},{:.1}", x(observed.len() + i), y(p.3))),
        );
        pts.extend(
            forecast
                .iter()
                .enumerate()
                .rev()
                .map(|(i, p)| format!("{:.1},{:.1}", x(observed.len() + i), y(p.2))),
        );
        svg.push_str(&format!(
            r#"<polygon class="forecast-band" points="{}"><title>prediction interval</title></polygon>"#,
            pts.join(" ")
        ));
        let mean: Vec<String> = std::iter::once(format!("{:.1},{:.1}", x(last_i), y(last_v)))
            .chain(
                forecast
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("{:.1},{:.1}", x(observed.len() + i), y(p.1))),
            )
            .collect();
        svg.push_str(&format!(
            r#"<polyline class="forecast-mean" points="{}"/>"#,
            mean.join(" ")
        ));
    }
    let line: Vec<String> = observed
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.1)))
        .collect();
    svg.push_str(&format!(
        r#"<polyline class="observed" points="{}"/>"#,
        line.join(" ")
    ));
    for (i, (m, v)) in observed.iter().enumerate() {
        svg.push_str(&format!(
            r#"<circle class="point" cx="{:.1}" cy="{:.1}" r="2" data-month="{}" data-postings="{}"><title>{}: {} postings</title></circle>"#,
            x(i),
            y(*v),
            escape(m),
            v,
            escape(m),
            v
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[derive(Template)]
#[template(path = "demand.html")]
struct DemandPage {
    name: String,
    kind: String,
    key: String,
    demand: Option<DemandSection>,
}

async fn demand_page(
    State(s): State<AppState>,
    Path(key): Path<String>,
    q: Result<Query<DemandQuery>, QueryRejection>,
) -> Response {
    let q = match q {
        Ok(Query(q)) => q,
        Err(e) => return error_page(EngineError::Invalid(e.body_text())),
    };
    match s.engine.demand_show(&key, q.region.as_deref()).await {
        Ok(v) => render(
            &DemandPage {
                name: v.name.clone(),
                kind: v.kind.clone(),
                key,
                demand: Some(demand_section(&v)),
            },
            StatusCode::OK,
        ),
        Err(e) => error_page(e),
    }
}

#[derive(Template)]
#[template(path = "demand_explorer.html")]
struct ExplorerPage {
    soc: String,
    region: String,
    rows: Vec<ExplorerRow>,
    source: &'static str,
}

struct ExplorerRow {
    href: String,
    name: String,
    kind: String,
    unique_postings: String,
    postings: String,
    required: String,
    preferred: String,
}

fn explorer_row(r: DemandRow, region: &str) -> ExplorerRow {
    let total = r.unique_postings;
    let mut href = format!("/demand/{}", urlencode(&r.credential_key));
    if !region.is_empty() {
        href.push_str(&format!("?region={}", urlencode(region)));
    }
    ExplorerRow {
        href,
        name: r.name,
        kind: r.kind,
        unique_postings: thousands(total as f64),
        postings: thousands(r.postings as f64),
        required: format!("{:.0}%", percent(r.required, total)),
        preferred: format!("{:.0}%", percent(r.preferred, total)),
    }
}

async fn explorer_page(
    State(s): State<AppState>,
    q: Result<Query<DemandQuery>, QueryRejection>,
) -> Response {
    let q = match q {
        Ok(Query(q)) => q,
        Err(e) => return error_page(EngineError::Invalid(e.body_text())),
    };
    let soc = q.soc.clone().filter(|s| !s.trim().is_empty());
    let region = q.region.clone().filter(|s| !s.trim().is_empty());
    let limit = q.limit.unwrap_or(50).clamp(1, 500);
    match s
        .engine
        .demand_top(soc.as_deref(), region.as_deref(), limit)
        .await
    {
        Ok(rows) => {
            let region = region.unwrap_or_default();
            render(
                &ExplorerPage {
                    soc: soc.unwrap_or_default(),
                    rows: rows.into_iter().map(|r| explorer_row(r, &region)).collect(),
                    region,
                    source: credence_engine::DEMAND_SOURCE,
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
    use credence_engine::{DemandMonth, ForecastView};

    fn view(months: &[(&str, i64)], forecast: Option<Vec<(f64, f64, f64)>>) -> DemandView {
        DemandView {
            keys: vec!["x".into()],
            name: "A <b>&".into(),
            kind: "license".into(),
            region: None,
            unique_postings: months.iter().map(|m| m.1).sum(),
            required: 0,
            preferred: 0,
            window: None,
            months: months
                .iter()
                .map(|(m, n)| DemandMonth {
                    month: m.to_string(),
                    unique_postings: *n,
                    required: 0,
                    preferred: 0,
                })
                .collect(),
            forecast: match forecast {
                Some(p) => Ok(ForecastView {
                    level: 0.8,
                    method: "test".into(),
                    n_train: months.len(),
                    points: p
                        .into_iter()
                        .enumerate()
                        .map(|(i, (m, l, u))| (format!("2030-{:02}", i + 1), m, l, u))
                        .collect(),
                }),
                None => Err("too few months".into()),
            },
            occupations: vec![],
            regions: vec![],
            employers: vec![],
            source: "test",
        }
    }

    #[test]
    fn chart_escapes_names_and_draws_one_point_per_observed_month() {
        let v = view(&[("2029-11", 3), ("2029-12", 5), ("unknown", 9)], None);
        let svg = chart_svg(&v);
        assert!(svg.contains("A &lt;b&gt;&amp;"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(!svg.contains("forecast-band"));
    }

    #[test]
    fn forecast_band_encloses_the_mean() {
        let v = view(
            &[("2029-11", 3), ("2029-12", 5)],
            Some(vec![(5.0, 2.0, 8.0), (6.0, 1.0, 11.0)]),
        );
        let svg = chart_svg(&v);
        assert!(svg.contains("forecast-band") && svg.contains("forecast-mean"));
        // Upper bounds sit above (smaller y than) lower bounds at every forecast month.
        let band = svg
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let ys: Vec<f64> = band
            .split(' ')
            .map(|p| p.split(',').nth(1).unwrap().parse().unwrap())
            .collect();
        // anchor, upper(1), upper(2), lower(2), lower(1)
        assert!(ys[1] < ys[4] && ys[2] < ys[3], "{ys:?}");
    }

    #[test]
    fn empty_series_draws_nothing() {
        assert!(chart_svg(&view(&[("unknown", 4)], None)).is_empty());
    }
}
