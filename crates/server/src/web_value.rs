//! Web pages for credentials of value: the printable supply-vs-demand report
//! (`/value/report?list=…&framework=…&region=…`) with server-drawn SVG charts, the framework list
//! (`/value/frameworks`), and the value section of the credential page.
//!
//! The report page is self-contained (inline stylesheet with print rules) so the same HTML is the
//! print-ready export of `credence value report --html`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use credence_engine::value_model::eval::Verdict;
use credence_engine::value_model::Share;
use credence_engine::{
    CredentialValueView, FrameworkSummary, ValueListSource, ValueReport, ValueRequest,
};
use serde::Deserialize;

use crate::web::{error_page, render};
use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/value/report", get(report_page))
        .route("/value/frameworks", get(frameworks_page))
}

/// Query of the report page.
#[derive(Debug, Deserialize)]
pub(crate) struct ReportQuery {
    /// Imported list name, or `nj-industry` for the data directory's New Jersey table.
    pub list: Option<String>,
    /// Preset id.
    pub framework: Option<String>,
    /// Region key.
    pub region: Option<String>,
    /// First month.
    pub from: Option<String>,
    /// Last month.
    pub to: Option<String>,
    /// List year.
    pub year: Option<i32>,
}

impl ReportQuery {
    pub(crate) fn request(&self) -> ValueRequest {
        let mut req = ValueRequest::new(
            ValueListSource::Imported(self.list.clone().unwrap_or_else(|| "nj-industry".into())),
            self.framework.as_deref().unwrap_or("credentials-matter"),
        );
        req.region = self.region.clone().filter(|r| !r.is_empty());
        req.from = self.from.clone().filter(|r| !r.is_empty());
        req.to = self.to.clone().filter(|r| !r.is_empty());
        req.year = self.year;
        req
    }
}

async fn report_page(State(s): State<AppState>, Query(q): Query<ReportQuery>) -> Response {
    match s.engine.value_report(&q.request()).await {
        Ok(r) => render(&ReportPage::build(&r), StatusCode::OK),
        Err(e) => error_page(e),
    }
}

/// Renders the print-ready HTML of a report (also used by `credence value report --html`).
pub fn value_report_html(report: &ValueReport) -> Result<String, askama::Error> {
    ReportPage::build(report).render()
}

#[derive(Template)]
#[template(path = "value_frameworks.html")]
struct FrameworksPage {
    frameworks: Vec<FrameworkSummary>,
}

async fn frameworks_page(State(s): State<AppState>) -> Response {
    match s.engine.value_frameworks() {
        Ok(frameworks) => render(&FrameworksPage { frameworks }, StatusCode::OK),
        Err(e) => error_page(e),
    }
}

/// One bar of a horizontal bar chart, geometry precomputed in SVG user units.
pub(crate) struct Bar {
    label: String,
    /// `42.1%` or `suppressed (n < 10)`.
    text: String,
    y: f64,
    width: f64,
    /// Interval whisker ends.
    lo: f64,
    hi: f64,
    shown: bool,
    class: &'static str,
}

/// A chart: title, description for screen readers, bars and height.
pub(crate) struct Chart {
    id: String,
    title: String,
    desc: String,
    bars: Vec<Bar>,
    height: f64,
}

const LABEL_W: f64 = 260.0;
const PLOT_W: f64 = 300.0;
const ROW_H: f64 = 26.0;

impl Chart {
    fn new(id: &str, title: &str, rows: Vec<(String, &Share, &'static str)>) -> Chart {
        let bars: Vec<Bar> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, share, class))| {
                let (lo, hi) = share.interval.unwrap_or((0.0, 0.0));
                Bar {
                    text: match share.value {
                        Some(v) => format!("{:.1}% (n = {})", v * 100.0, share.denominator),
                        None => format!("suppressed (n = {})", share.denominator),
                    },
                    label,
                    y: 10.0 + i as f64 * ROW_H,
                    width: share.value.unwrap_or(0.0) * PLOT_W,
                    lo: LABEL_W + lo * PLOT_W,
                    hi: LABEL_W + hi * PLOT_W,
                    shown: share.value.is_some(),
                    class,
                }
            })
            .collect();
        let desc = bars
            .iter()
            .map(|b| format!("{}: {}", b.label, b.text))
            .collect::<Vec<_>>()
            .join("; ");
        Chart {
            id: id.to_string(),
            title: title.to_string(),
            height: 20.0 + bars.len() as f64 * ROW_H + 20.0,
            bars,
            desc,
        }
    }
}

/// A figure row of the headline table.
pub(crate) struct Headline {
    name: String,
    value: String,
    definition: String,
}

/// A full-table row.
pub(crate) struct EntryRow {
    line: usize,
    name: String,
    matched: String,
    confidence: String,
    postings: u64,
    requested: bool,
    aligned: bool,
    socs: String,
    cluster: String,
    awards: String,
    tier: String,
    criteria: Vec<(String, &'static str, String)>,
}

#[derive(Template)]
#[template(path = "value_report.html")]
struct ReportPage {
    list_name: String,
    list_file: String,
    framework: FrameworkSummary,
    region: String,
    window: String,
    sample: i64,
    listed: u64,
    matched: u64,
    in_demand: String,
    headlines: Vec<Headline>,
    charts: Vec<Chart>,
    clusters: Vec<(String, u64, String, String, u64, u64)>,
    asks: Vec<(String, String, u64)>,
    tiers: Vec<(String, usize)>,
    rows: Vec<EntryRow>,
    unmatched: Vec<(usize, String, String)>,
    findings: Vec<String>,
    methods: Vec<(String, String)>,
    sources: Vec<String>,
}

impl ReportPage {
    fn build(r: &ValueReport) -> ReportPage {
        let s = &r.supply;
        let mut headlines = vec![Headline {
            name: "Share of listed credentials requested by employers".into(),
            value: s.share_requested.display(),
            definition: s.share_requested.definition.clone(),
        }];
        if let Some(x) = &s.share_awards_requested {
            headlines.push(Headline {
                name: "Share of awards requested".into(),
                value: x.display(),
                definition: x.definition.clone(),
            });
        }
        headlines.push(Headline {
            name: "Share aligned with in-demand occupations".into(),
            value: if r.in_demand.is_some() {
                s.share_aligned.display()
            } else {
                "no in-demand list for this region".into()
            },
            definition: s.share_aligned.definition.clone(),
        });
        for (name, x) in [
            ("Share of awards aligned", &s.share_awards_aligned),
            ("Awards-weighted mismatch", &s.awards_mismatch),
        ] {
            if let Some(x) = x {
                headlines.push(Headline {
                    name: name.into(),
                    value: x.display(),
                    definition: x.definition.clone(),
                });
            }
        }
        let mut overview = vec![("Requested".to_string(), &s.share_requested, "bar-requested")];
        if r.in_demand.is_some() {
            overview.push(("Aligned".to_string(), &s.share_aligned, "bar-aligned"));
        }
        if let Some(x) = &s.share_awards_requested {
            overview.push(("Awards requested".to_string(), x, "bar-requested"));
        }
        if let (Some(x), true) = (&s.share_awards_aligned, r.in_demand.is_some()) {
            overview.push(("Awards aligned".to_string(), x, "bar-aligned"));
        }
        let mut charts = vec![Chart::new(
            "chart-overview",
            "Share requested and share aligned (95% intervals)",
            overview,
        )];
        let top: Vec<_> = s.clusters.iter().take(12).collect();
        charts.push(Chart::new(
            "chart-requested-by-cluster",
            "Share requested by career cluster",
            top.iter()
                .map(|c| (c.cluster.clone(), &c.share_requested, "bar-requested"))
                .collect(),
        ));
        if r.in_demand.is_some() {
            charts.push(Chart::new(
                "chart-aligned-by-cluster",
                "Share aligned by career cluster",
                top.iter()
                    .map(|c| (c.cluster.clone(), &c.share_aligned, "bar-aligned"))
                    .collect(),
            ));
        }
        let rows = s
            .entries
            .iter()
            .zip(&r.tiers)
            .map(|(e, t)| EntryRow {
                line: e.line,
                name: e.name.clone(),
                matched: e.matched_id.clone().unwrap_or_else(|| "unmatched".into()),
                confidence: e
                    .confidence
                    .map(|c| format!("{:.0}%", c * 100.0))
                    .unwrap_or_default(),
                postings: e.postings,
                requested: e.postings >= 1,
                aligned: !e.in_demand_socs.is_empty(),
                socs: e.socs.iter().take(4).cloned().collect::<Vec<_>>().join(" "),
                cluster: e.cluster.clone(),
                awards: e.awards.map(|a| a.to_string()).unwrap_or_default(),
                tier: t
                    .tier
                    .clone()
                    .unwrap_or_else(|| "insufficient evidence".into()),
                criteria: t
                    .criteria
                    .iter()
                    .map(|c| {
                        let v = match c.verdict {
                            Verdict::Pass => "pass",
                            Verdict::Fail => "fail",
                            Verdict::Insufficient => "insufficient",
                        };
                        (c.label.clone(), v, c.detail.clone())
                    })
                    .collect(),
            })
            .collect();
        ReportPage {
            list_name: r.list.name.clone(),
            // The file name only: the server's directories are not the reader's business.
            list_file: std::path::Path::new(&r.list.file)
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            framework: r.framework.clone(),
            region: r.region.clone().unwrap_or_else(|| "all regions".into()),
            window: match &r.window {
                (Some(a), Some(b)) => format!("{a} to {b}"),
                _ => "no dated postings".into(),
            },
            sample: r.sample_postings,
            listed: s.listed,
            matched: s.matched,
            in_demand: r
                .in_demand
                .as_ref()
                .map(|d| format!("{} — {} occupations", d.source, d.socs))
                .unwrap_or_else(|| "none for this region".into()),
            headlines,
            charts,
            clusters: s
                .clusters
                .iter()
                .map(|c| {
                    (
                        c.cluster.clone(),
                        c.listed,
                        c.share_requested.display(),
                        c.share_aligned.display(),
                        c.awards,
                        c.awards_mismatched,
                    )
                })
                .collect(),
            asks: s
                .asked_not_listed
                .iter()
                .map(|a| (a.name.clone(), a.kind.clone(), a.postings))
                .collect(),
            tiers: r.tier_counts.clone(),
            rows,
            unmatched: r
                .unmatched
                .iter()
                .map(|e| (e.line, e.name.clone(), e.match_reason.clone()))
                .collect(),
            findings: r
                .list
                .diagnostics
                .iter()
                .map(|d| d.to_string())
                .chain(
                    r.list
                        .rejected
                        .iter()
                        .map(|(l, why)| format!("line {l}: not used — {why}")),
                )
                .collect(),
            methods: r.methods.clone(),
            sources: r.sources.clone(),
        }
    }
}

/// The credential page's value section.
pub(crate) struct ValueSection {
    pub(crate) tiers: Vec<(String, String, String)>,
    pub(crate) money: Vec<(String, String)>,
    pub(crate) notes: Vec<String>,
}

/// Builds the credential page's value section from the engine's view.
pub(crate) fn value_section(v: CredentialValueView) -> ValueSection {
    let dollars = |x: f64| {
        let sign = if x < 0.0 { "−" } else { "" };
        format!("{sign}${}", credence_engine::thousands(x.abs()))
    };
    let fig = |f: &Option<credence_engine::value_model::Figure>| {
        f.as_ref()
            .map(|f| format!("{} ({})", dollars(f.value), f.source))
            .unwrap_or_else(|| "not published".into())
    };
    let m = &v.money;
    let mut money = vec![
        ("Cost to earn".to_string(), fig(&m.cost_to_earn)),
        (
            "Renewal cost per year".to_string(),
            fig(&m.renewal_per_year),
        ),
    ];
    if let Some(g) = &m.gain {
        let range = g
            .annual
            .interval
            .map(|(a, b)| format!(" (range {} to {})", dollars(a), dollars(b)))
            .unwrap_or_default();
        money.push((
            "Expected annual wage gain".to_string(),
            format!("{}{range} — {}", dollars(g.annual.value), g.method),
        ));
    }
    money.push((
        "Payback period".to_string(),
        m.payback_years
            .as_ref()
            .map(|p| {
                let iv = p
                    .interval
                    .map(|(a, b)| {
                        if b.is_finite() {
                            format!(" (range {a:.1} to {b:.1})")
                        } else {
                            format!(" (range {a:.1} to never)")
                        }
                    })
                    .unwrap_or_default();
                format!("{:.1} years{iv}", p.value)
            })
            .unwrap_or_else(|| "not computed".into()),
    ));
    for n in &m.net {
        let iv = n
            .interval
            .map(|(a, b)| format!(" (range {} to {})", dollars(a), dollars(b)))
            .unwrap_or_default();
        money.push((
            format!("Net value over {} years", n.years),
            format!("{}{iv}", dollars(n.value)),
        ));
    }
    let mut notes: Vec<String> = m.missing.iter().map(|x| format!("Missing: {x}")).collect();
    notes.extend(m.notes.iter().cloned());
    ValueSection {
        tiers: v.tiers,
        money,
        notes,
    }
}
