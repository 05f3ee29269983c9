//! The pathway map page: the credentials, programs and occupations around one credential, drawn
//! server-side as an SVG graph in layers (before it, it, after it), with costs, times and exit
//! wages with their source, and the learner's held steps highlighted (`?held=ID,ID`). A small
//! vanilla script adds click-for-details and "I hold this" toggles; the page works without it.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use credence_engine::path::{HeldCredential, NodeKind, Person};
use credence_engine::{format_wage, PathwayMap};
use serde::Deserialize;

use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/pathways/{id}", get(pathway_page))
        .route("/static/pathways.js", get(script))
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/pathways.js"),
    )
}

/// Query of the map page.
#[derive(Debug, Default, Deserialize)]
struct MapQuery {
    /// Comma-separated ids of credentials the learner holds.
    held: Option<String>,
}

/// One drawn node.
struct DrawnNode {
    id: String,
    name: String,
    short: String,
    kind: &'static str,
    kind_label: &'static str,
    figure: String,
    x: f64,
    y: f64,
    held: bool,
    center: bool,
    cost: String,
    years: String,
    wage: String,
    wage_source: String,
    outcomes: String,
    requires: String,
    href: Option<String>,
}

/// One drawn edge.
struct DrawnEdge {
    from: String,
    to: String,
    kind: String,
    d: String,
    label: String,
}

#[derive(Template)]
#[template(path = "pathways.html")]
struct PathwayPage {
    map: PathwayMap,
    nodes: Vec<DrawnNode>,
    edges: Vec<DrawnEdge>,
    width: f64,
    height: f64,
    held_count: usize,
}

const COL_W: f64 = 250.0;
const ROW_H: f64 = 74.0;
const BOX_W: f64 = 200.0;
const BOX_H: f64 = 58.0;
const PAD: f64 = 16.0;

fn years_words(y: f64) -> String {
    if y <= 0.0 {
        "no time".into()
    } else if y < 1.0 {
        format!("{:.0} months", (y * 12.0).max(1.0))
    } else {
        format!("{y:.1} years")
    }
}

fn short(name: &str, n: usize) -> String {
    if name.chars().count() <= n {
        name.to_string()
    } else {
        let cut: String = name.chars().take(n - 1).collect();
        format!("{cut}…")
    }
}

fn draw(map: PathwayMap) -> PathwayPage {
    let mut layers: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, n) in map.nodes.iter().enumerate() {
        layers.entry(n.layer).or_default().push(i);
    }
    let min_layer = layers.keys().next().copied().unwrap_or(0);
    let mut pos = vec![(0.0, 0.0); map.nodes.len()];
    let mut rows = 0usize;
    for (layer, members) in layers.iter_mut() {
        members.sort_by(|&a, &b| {
            let (na, nb) = (&map.nodes[a], &map.nodes[b]);
            na.kind
                .as_str()
                .cmp(nb.kind.as_str())
                .then(na.name.cmp(&nb.name))
        });
        for (r, &i) in members.iter().enumerate() {
            pos[i] = (
                PAD + f64::from(layer - min_layer) * COL_W,
                PAD + r as f64 * ROW_H,
            );
        }
        rows = rows.max(members.len());
    }
    let index: std::collections::HashMap<&str, usize> = map
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let edges = map
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = (*index.get(e.from.as_str())?, *index.get(e.to.as_str())?);
            let (ax, ay) = pos[a];
            let (bx, by) = pos[b];
            let (x1, y1) = (ax + BOX_W, ay + BOX_H / 2.0);
            let d = if bx > ax {
                let (x2, y2) = (bx, by + BOX_H / 2.0);
                let mid = (x1 + x2) / 2.0;
                format!("M{x1:.1},{y1:.1} C{mid:.1},{y1:.1} {mid:.1},{y2:.1} {x2:.1},{y2:.1}")
            } else {
                let (x2, y2) = (bx + BOX_W, by + BOX_H / 2.0);
                let bulge = x1.max(x2) + 30.0;
                format!("M{x1:.1},{y1:.1} C{bulge:.1},{y1:.1} {bulge:.1},{y2:.1} {x2:.1},{y2:.1}")
            };
            let label = match e.credits {
                Some(c) => format!("{}: {c} credits ({})", e.kind.replace('_', " "), e.source),
                None => format!("{} ({})", e.kind.replace('_', " "), e.source),
            };
            Some(DrawnEdge {
                from: e.from.clone(),
                to: e.to.clone(),
                kind: e.kind.clone(),
                d,
                label,
            })
        })
        .collect();
    let nodes: Vec<DrawnNode> = map
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let money = |v: Option<f64>| format_wage(v, false, false);
            let (kind, kind_label) = match n.kind {
                NodeKind::Credential => ("credential", "Credential"),
                NodeKind::Assessment => ("assessment", "Assessment"),
                NodeKind::LearningOpportunity => ("learning", "Learning opportunity"),
                NodeKind::Program => ("program", "Program (CIP)"),
                NodeKind::Occupation => ("occupation", "Occupation (SOC)"),
            };
            let figure = match n.kind {
                NodeKind::Occupation => match n.wage {
                    Some(w) => format!("median {}", money(Some(w))),
                    None => "no published wage".into(),
                },
                _ => {
                    let c = n
                        .cost
                        .map_or("cost not published".into(), |c| money(Some(c)));
                    let t = n.years.map_or("time not published".into(), years_words);
                    format!("{c} · {t}")
                }
            };
            let href = match n.kind {
                NodeKind::Occupation => {
                    Some(format!("/occupations/{}", n.id.trim_start_matches("soc:")))
                }
                NodeKind::Program => None,
                _ if n.id.starts_with("ce-") || !n.id.contains(':') => {
                    Some(format!("/pathways/{}", n.id))
                }
                _ => None,
            };
            DrawnNode {
                id: n.id.clone(),
                name: n.name.clone(),
                short: short(&n.name, 30),
                kind,
                kind_label,
                figure,
                x: pos[i].0,
                y: pos[i].1,
                held: n.held,
                center: n.center,
                cost: n.cost.map_or("not published".into(), |c| money(Some(c))),
                years: n.years.map_or("not published".into(), years_words),
                wage: n.wage.map_or("none published".into(), |w| money(Some(w))),
                wage_source: n.wage_source.clone().unwrap_or_default(),
                outcomes: n.outcomes.clone().unwrap_or_default(),
                requires: if n.requires == "true" {
                    "none".into()
                } else {
                    n.requires.clone()
                },
                href,
            }
        })
        .collect();
    let width = PAD * 2.0 + f64::from(layers.len().max(1) as i32 - 1) * COL_W + BOX_W + 40.0;
    let height = PAD * 2.0 + rows.max(1) as f64 * ROW_H;
    let held_count = nodes.iter().filter(|n| n.held).count();
    PathwayPage {
        map,
        nodes,
        edges,
        width,
        height,
        held_count,
    }
}

async fn pathway_page(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<MapQuery>,
) -> Response {
    let person = q.held.as_deref().map(|h| Person {
        credentials: h
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .take(100)
            .map(|x| HeldCredential {
                id: x.to_string(),
                issuer: None,
                earned: None,
                expires: None,
            })
            .collect(),
        ..Person::default()
    });
    match s.engine.pathway_map(&id, person.as_ref()).await {
        Ok(map) => match draw(map).render() {
            Ok(html) => (StatusCode::OK, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "template rendering failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        },
        Err(e) => crate::web::error_page(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut() {
        assert_eq!(short("abcdef", 4), "abc…");
        assert_eq!(short("abc", 4), "abc");
        assert_eq!(years_words(0.25), "3 months");
        assert_eq!(years_words(2.0), "2.0 years");
    }
}
