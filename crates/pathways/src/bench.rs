//! The planning benchmark: per-query time of the multi-criteria planner against a named peer,
//! petgraph's single-criterion Dijkstra, on the same step table and the same targets.
//!
//! The peer answers less (one criterion, no path, no Pareto set), so the ratio says what the
//! extra answers cost; both run in the same process on the same input, in alternation.

use std::time::Instant;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::graph::{NodeKind, PathwayGraph};
use crate::person::Person;
use crate::plan::{build_steps, search, Assumptions, Limits};

/// Per-query timings of one side of the benchmark, in microseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    /// Who ran.
    pub name: String,
    /// Median.
    pub p50_us: f64,
    /// 95th percentile.
    pub p95_us: f64,
    /// Maximum.
    pub max_us: f64,
    /// Mean.
    pub mean_us: f64,
}

/// The outcome of `credence path bench`.
#[derive(Debug, Clone, Serialize)]
pub struct PathBench {
    /// What graph.
    pub graph: String,
    /// Nodes.
    pub nodes: usize,
    /// Edges.
    pub edges: usize,
    /// Step-table build time for the person, ms (once per person, shared by queries).
    pub steps_ms: f64,
    /// Steps in the table.
    pub steps: usize,
    /// Queries run.
    pub queries: usize,
    /// Queries with a path.
    pub reachable: usize,
    /// Queries where a cap cut the search short.
    pub truncated: usize,
    /// Mean Pareto set size over reachable queries.
    pub mean_pareto: f64,
    /// The planner (cheapest + fastest + Pareto over cost, time, wage).
    pub planner: Timing,
    /// The peer (petgraph Dijkstra on cost, one source, early exit at the target).
    pub peer: Timing,
    /// planner mean / peer mean.
    pub ratio: f64,
}

impl std::fmt::Display for PathBench {
    /// The human-readable report the CLI and the example print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{}: {} nodes, {} edges, {} steps (step table {:.1} ms); {} queries, {} reachable, {} capped, mean Pareto size {:.2}",
            self.graph, self.nodes, self.edges, self.steps, self.steps_ms, self.queries, self.reachable, self.truncated, self.mean_pareto
        )?;
        for t in [&self.planner, &self.peer] {
            writeln!(
                f,
                "  {:<62} p50 {:>9.1} µs  p95 {:>9.1} µs  max {:>9.1} µs  mean {:>9.1} µs",
                t.name, t.p50_us, t.p95_us, t.max_us, t.mean_us
            )?;
        }
        write!(f, "  ratio (planner mean / peer mean): {:.2}", self.ratio)
    }
}

fn timing(name: &str, mut us: Vec<f64>) -> Timing {
    us.sort_by(f64::total_cmp);
    let at = |q: f64| us[((us.len() - 1) as f64 * q).round() as usize];
    Timing {
        name: name.into(),
        p50_us: at(0.5),
        p95_us: at(0.95),
        max_us: *us.last().unwrap_or(&0.0),
        mean_us: us.iter().sum::<f64>() / us.len().max(1) as f64,
    }
}

/// Runs `queries` random targets (credentials and occupations) on `graph` for `person`.
pub fn bench_graph(
    label: &str,
    graph: &PathwayGraph,
    person: &Person,
    today: NaiveDate,
    queries: usize,
    seed: u64,
) -> PathBench {
    let t0 = Instant::now();
    let table = build_steps(graph, person, today, &Assumptions::default());
    let steps_ms = t0.elapsed().as_secs_f64() * 1e3;
    let n = graph.nodes.len();
    let mut pg: petgraph::graph::DiGraph<(), f64> =
        petgraph::graph::DiGraph::with_capacity(n + 1, table.len());
    let ix: Vec<_> = (0..=n).map(|_| pg.add_node(())).collect();
    for (from, to, cost, _) in table.edges(n) {
        pg.add_edge(ix[from], ix[to], cost);
    }
    let candidates: Vec<usize> = (0..n)
        .filter(|&i| {
            matches!(
                graph.nodes[i].kind,
                NodeKind::Credential | NodeKind::Occupation
            )
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let limits = Limits::default();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let (mut reachable, mut truncated, mut pareto) = (0, 0, 0usize);
    for _ in 0..queries.max(1) {
        if candidates.is_empty() {
            break;
        }
        let t = candidates[rng.gen_range(0..candidates.len())];
        let a = Instant::now();
        let plan = search(graph, &table, &[t], &limits);
        ours.push(a.elapsed().as_secs_f64() * 1e6);
        let b = Instant::now();
        let d = petgraph::algo::dijkstra(&pg, ix[n], Some(ix[t]), |e| *e.weight());
        theirs.push(b.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(&d);
        if plan.cheapest.is_some() {
            reachable += 1;
            pareto += plan.pareto.len();
        }
        if plan.stats.truncated {
            truncated += 1;
        }
    }
    let planner = timing(
        "credence label-setting planner (cheapest, fastest, Pareto)",
        ours,
    );
    let peer = timing("petgraph 0.8 dijkstra (cost only, early exit)", theirs);
    PathBench {
        graph: label.to_string(),
        nodes: n,
        edges: graph.edges.len(),
        steps_ms,
        steps: table.len(),
        queries: queries.max(1),
        reachable,
        truncated,
        mean_pareto: pareto as f64 / reachable.max(1) as f64,
        ratio: planner.mean_us / peer.mean_us.max(1e-9),
        planner,
        peer,
    }
}
