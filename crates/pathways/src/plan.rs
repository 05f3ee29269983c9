//! Planning from a person's current state to a target credential or occupation: the cheapest,
//! the fastest and the Pareto set over (cost, time, expected wage), by a bounded label-setting
//! multi-criteria search; and next-step recommendations ranked by value with reasons.
//!
//! *Steps.* Earning a credential, assessment, learning opportunity or program is a step; entering
//! an occupation it leads to is a free step. A step is open from the start when one alternative
//! of its requirement is met by the person (or only lacks experience or age, which become waiting
//! time), and from a node `u` when that alternative also needs `u` held. Text-only requirements
//! are assumed met and listed to confirm; education gaps make an alternative unplannable (they
//! are reported by eligibility instead). Cost counts published exam/prep prices (else a stated
//! assumption), renewal fees of credentials already earned on the path while later steps take
//! time, and credit transferred into a program (fewer credits to pay for and study).
//!
//! *Search.* Labels carry (cost, years, renewal rate); a label is dropped when another at the
//! same node is no worse on all three, so revisiting a node around a cycle never survives (costs
//! and times are non-negative) and the search cannot loop. Before searching, Dijkstra runs
//! backwards from the targets twice (cost, time) to give every node a lower bound on what is
//! still to pay; labels are expanded in order of cost plus that bound (A*), nodes that reach no
//! target are never entered, and a label whose bounded completion a found path already beats on
//! cost, time and wage is dropped. Bags are capped per node and the whole search is capped in
//! labels; hitting a cap is reported as `truncated`.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;

use crate::condition::Condition;
use crate::ctdl::EdgeKind;
use crate::eligibility::{evaluate, Verdict};
use crate::graph::{ExitWage, NodeKind, PathwayGraph};
use crate::person::{fields_match, Person};

/// Figures used when the registry publishes none; every use is flagged in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Assumptions {
    /// Exam and preparation cost of a credential with no published price, USD.
    pub credential_cost: f64,
    /// Time to prepare for a credential with no published duration, years.
    pub credential_years: f64,
    /// Cost of a program with no published price, USD.
    pub program_cost: f64,
    /// Length of a program with no published duration, years.
    pub program_years: f64,
    /// Price of one transferred credit, USD (what credit saves).
    pub cost_per_credit: f64,
    /// Credits in a full-time year (what credit saves in time).
    pub credits_per_year: f64,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            credential_cost: 500.0,
            credential_years: 0.25,
            program_cost: 8_000.0,
            program_years: 2.0,
            cost_per_credit: 250.0,
            credits_per_year: 30.0,
        }
    }
}

/// Bounds that keep every query finite on any graph.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Limits {
    /// Labels kept per node.
    pub labels_per_node: usize,
    /// Labels created in one search.
    pub max_labels: usize,
    /// Steps in one path.
    pub max_steps: u16,
    /// Prune with lower bounds to the targets (A*); off only to check that bounding loses nothing.
    pub bounding: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            labels_per_node: 6,
            max_labels: 2_000_000,
            max_steps: 16,
            bounding: true,
        }
    }
}

/// One step of a planned path.
#[derive(Debug, Clone, Serialize)]
pub struct PlanStep {
    /// Node id.
    pub id: String,
    /// Node name.
    pub name: String,
    /// Kind.
    pub kind: NodeKind,
    /// Cost of this step, USD (including renewal fees paid meanwhile).
    pub cost: f64,
    /// Time of this step, years (including waiting for experience or age).
    pub years: f64,
    /// Why the figures are what they are (assumed, waiting, credit, to confirm).
    pub notes: Vec<String>,
}

/// A path from the person's state to the target.
#[derive(Debug, Clone, Serialize)]
pub struct PlanPath {
    /// Steps in order.
    pub steps: Vec<PlanStep>,
    /// Total cost, USD.
    pub cost: f64,
    /// Total time, years.
    pub years: f64,
    /// The wage at the end (the occupation reached, or the best the target credential leads to).
    pub exit_wage: Option<ExitWage>,
}

/// Work done by one search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchStats {
    /// Steps built for this person.
    pub steps: usize,
    /// Labels created.
    pub labels: usize,
    /// Labels expanded.
    pub expanded: usize,
    /// True when a cap cut the search short (answers may then not be optimal).
    pub truncated: bool,
    /// Wall time, microseconds.
    pub micros: u128,
}

/// The answer to "how do I get there?".
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// What was asked for.
    pub target: String,
    /// Target node ids (one credential, or the occupations matching a SOC code or prefix).
    pub targets: Vec<String>,
    /// Least total cost.
    pub cheapest: Option<PlanPath>,
    /// Least total time.
    pub fastest: Option<PlanPath>,
    /// Every path no other beats on cost, time and exit wage at once, cheapest first.
    pub pareto: Vec<PlanPath>,
    /// The assumptions in force.
    pub assumptions: Assumptions,
    /// Search effort.
    pub stats: SearchStats,
}

const START: u32 = u32::MAX;
const NOTE_COST_ASSUMED: u8 = 1;
const NOTE_TIME_ASSUMED: u8 = 2;
const NOTE_WAIT: u8 = 4;
const NOTE_CREDIT: u8 = 8;
const NOTE_CONFIRM: u8 = 16;
const NOTE_AS_PART: u8 = 32;

#[derive(Debug, Clone, Copy)]
struct Step {
    from: u32,
    to: u32,
    cost: f64,
    years: f64,
    wait: f64,
    credits: f64,
    notes: u8,
}

/// Steps for one person, grouped by source (index `n` is the start).
pub struct StepTable {
    offsets: Vec<u32>,
    steps: Vec<Step>,
    /// Offsets by target node, and step indices in that order.
    reverse: (Vec<u32>, Vec<u32>),
}

/// Most alternatives one requirement expands to; bigger trees are cut (and still planned).
const MAX_OPTIONS: usize = 16;

#[derive(Debug, Clone, Default)]
struct Gap {
    needs: Vec<u32>,
    wait: f64,
    notes: u8,
}

struct GapCtx<'a> {
    graph: &'a PathwayGraph,
    person: &'a Person,
    today: NaiveDate,
    held: &'a [bool],
    issuers: &'a HashMap<String, Vec<u32>>,
}

fn no_names(_: &str) -> Option<String> {
    None
}

/// The ways a condition can be met: each a set of nodes still to earn plus waiting time.
fn options(c: &Condition, cx: &GapCtx) -> Vec<Gap> {
    let ok = || vec![Gap::default()];
    match c {
        Condition::All(parts) => {
            let mut acc = ok();
            for p in parts {
                let opts = options(p, cx);
                let mut next = Vec::new();
                for a in &acc {
                    for o in &opts {
                        if next.len() >= MAX_OPTIONS {
                            break;
                        }
                        let mut needs = a.needs.clone();
                        needs.extend(o.needs.iter().filter(|n| !a.needs.contains(n)));
                        next.push(Gap {
                            needs,
                            wait: a.wait.max(o.wait),
                            notes: a.notes | o.notes,
                        });
                    }
                }
                acc = next;
                if acc.is_empty() {
                    break;
                }
            }
            acc
        }
        Condition::Any(parts) => {
            let mut out: Vec<Gap> = Vec::new();
            for p in parts {
                for o in options(p, cx) {
                    if out.len() < MAX_OPTIONS {
                        out.push(o);
                    }
                }
            }
            out
        }
        Condition::Not(_) => match evaluate(c, cx.person, cx.today, &no_names).verdict {
            Verdict::NotMet => Vec::new(),
            _ => ok(),
        },
        Condition::Experience { years, field } => {
            let have = cx.person.experience_in(field.as_deref());
            vec![Gap {
                needs: Vec::new(),
                wait: (years - have).max(0.0),
                notes: if have < *years { NOTE_WAIT } else { 0 },
            }]
        }
        Condition::Education(level) => {
            if cx.person.education >= *level {
                ok()
            } else {
                Vec::new()
            }
        }
        Condition::MinAge(n) => match cx.person.age_on(cx.today) {
            Some(a) if a < *n => vec![Gap {
                needs: Vec::new(),
                wait: f64::from(n - a),
                notes: NOTE_WAIT,
            }],
            Some(_) => ok(),
            None => vec![Gap {
                notes: NOTE_CONFIRM,
                ..Gap::default()
            }],
        },
        Condition::Holds { credential, active } => {
            if cx.person.holds(credential, *active, cx.today) {
                return ok();
            }
            match cx.graph.find(credential) {
                Some(i) if cx.held[i] && !*active => ok(),
                Some(i) => vec![Gap {
                    needs: vec![i as u32],
                    ..Gap::default()
                }],
                None => Vec::new(),
            }
        }
        Condition::HoldsFrom { issuer, active } => {
            let met = cx.person.credentials.iter().any(|h| {
                h.issuer.as_deref().is_some_and(|i| fields_match(issuer, i))
                    && (!*active || h.active_on(cx.today))
            });
            if met {
                return ok();
            }
            let key = issuer.to_lowercase();
            cx.issuers
                .iter()
                .filter(|(k, _)| fields_match(&key, k))
                .flat_map(|(_, v)| v.iter())
                .take(MAX_OPTIONS)
                .map(|&i| Gap {
                    needs: vec![i],
                    ..Gap::default()
                })
                .collect()
        }
        Condition::Passes(x) | Condition::Completes(x) => {
            let done = cx
                .person
                .passed
                .iter()
                .chain(&cx.person.completed)
                .any(|p| p.eq_ignore_ascii_case(x));
            if done {
                return ok();
            }
            match cx.graph.find(x) {
                Some(i) if !cx.held[i] => vec![Gap {
                    needs: vec![i as u32],
                    ..Gap::default()
                }],
                Some(_) => ok(),
                None => vec![Gap {
                    notes: NOTE_AS_PART,
                    ..Gap::default()
                }],
            }
        }
        Condition::Statement(s) => {
            let confirmed = cx
                .person
                .confirms
                .iter()
                .any(|c| c.trim().eq_ignore_ascii_case(s.trim()));
            vec![Gap {
                notes: if confirmed { 0 } else { NOTE_CONFIRM },
                ..Gap::default()
            }]
        }
    }
}

/// Which nodes the person already holds or completed.
pub fn held_nodes(graph: &PathwayGraph, person: &Person) -> Vec<bool> {
    let mut held = vec![false; graph.nodes.len()];
    for h in &person.credentials {
        if let Some(i) = graph.find(&h.id) {
            held[i] = true;
        }
    }
    for x in person.passed.iter().chain(&person.completed) {
        if let Some(i) = graph.find(x) {
            held[i] = true;
        }
    }
    held
}

/// Builds every step open to this person.
pub fn build_steps(
    graph: &PathwayGraph,
    person: &Person,
    today: NaiveDate,
    assumptions: &Assumptions,
) -> StepTable {
    let n = graph.nodes.len();
    let held = held_nodes(graph, person);
    let mut issuers: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if let Some(issuer) = &node.issuer {
            issuers
                .entry(issuer.to_lowercase())
                .or_default()
                .push(i as u32);
        }
    }
    let cx = GapCtx {
        graph,
        person,
        today,
        held: &held,
        issuers: &issuers,
    };
    let mut steps: Vec<Step> = Vec::new();
    for (v, node) in graph.nodes.iter().enumerate() {
        if held[v] {
            continue;
        }
        let (base_cost, base_years, mut base_notes) = match node.kind {
            NodeKind::Occupation => continue,
            NodeKind::Program => (
                node.cost.unwrap_or(assumptions.program_cost),
                node.years.unwrap_or(assumptions.program_years),
                0u8,
            ),
            _ => (
                node.cost.unwrap_or(assumptions.credential_cost),
                node.years.unwrap_or(assumptions.credential_years),
                0u8,
            ),
        };
        if node.cost.is_none() {
            base_notes |= NOTE_COST_ASSUMED;
        }
        if node.years.is_none() {
            base_notes |= NOTE_TIME_ASSUMED;
        }
        for gap in options(&node.requires, &cx) {
            let from = match gap.needs.as_slice() {
                [] => START,
                [u] => *u,
                // Two or more credentials still to earn at once: not planned (see the docs).
                _ => continue,
            };
            if from != START && from as usize == v {
                continue;
            }
            steps.push(Step {
                from,
                to: v as u32,
                cost: base_cost,
                years: base_years,
                wait: gap.wait,
                credits: 0.0,
                notes: base_notes | gap.notes,
            });
        }
        // Credit transferred into a program from a credential on the path (or already held).
        if node.kind == NodeKind::Program {
            for &e in graph.in_edges(v) {
                let edge = &graph.edges[e];
                if edge.kind != EdgeKind::Credit {
                    continue;
                }
                let credits = edge.credits.unwrap_or(0.0);
                let from = if held[edge.from] {
                    START
                } else {
                    edge.from as u32
                };
                steps.push(Step {
                    from,
                    to: v as u32,
                    cost: (base_cost - credits * assumptions.cost_per_credit).max(0.0),
                    years: (base_years - credits / assumptions.credits_per_year).max(0.0),
                    wait: 0.0,
                    credits,
                    notes: base_notes | NOTE_CREDIT,
                });
            }
        }
    }
    // Entering an occupation something leads to is free; from held nodes it is open now.
    for (u, node) in graph.nodes.iter().enumerate() {
        if node.kind == NodeKind::Occupation {
            continue;
        }
        for &e in graph.out_edges(u) {
            let edge = &graph.edges[e];
            if edge.kind != EdgeKind::LeadsTo {
                continue;
            }
            steps.push(Step {
                from: if held[u] { START } else { u as u32 },
                to: edge.to as u32,
                cost: 0.0,
                years: 0.0,
                wait: 0.0,
                credits: 0.0,
                notes: 0,
            });
        }
    }
    // Group by source: index n is the start.
    let key = |s: &Step| if s.from == START { n } else { s.from as usize };
    let mut counts = vec![0u32; n + 2];
    for s in &steps {
        counts[key(s) + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let mut fill = counts.clone();
    let mut sorted = steps.clone();
    for s in steps {
        let k = key(&s);
        sorted[fill[k] as usize] = s;
        fill[k] += 1;
    }
    let reverse = group_by_target(&sorted, n);
    StepTable {
        offsets: counts,
        steps: sorted,
        reverse,
    }
}

/// Step indices grouped by the node they reach, so bounds can be computed backwards from targets.
fn group_by_target(steps: &[Step], n: usize) -> (Vec<u32>, Vec<u32>) {
    let mut offsets = vec![0u32; n + 2];
    for s in steps {
        offsets[s.to as usize + 1] += 1;
    }
    for i in 1..offsets.len() {
        offsets[i] += offsets[i - 1];
    }
    let mut fill = offsets.clone();
    let mut index = vec![0u32; steps.len()];
    for (k, s) in steps.iter().enumerate() {
        let slot = &mut fill[s.to as usize];
        index[*slot as usize] = k as u32;
        *slot += 1;
    }
    (offsets, index)
}

impl StepTable {
    fn steps_of(&self, source: usize) -> &[Step] {
        let a = self.offsets[source] as usize;
        let b = self.offsets[source + 1] as usize;
        &self.steps[a..b]
    }

    fn steps_into(&self, v: usize) -> &[u32] {
        let (offsets, index) = &self.reverse;
        &index[offsets[v] as usize..offsets[v + 1] as usize]
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there are no steps.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Steps open from the start, as (target node, cost, years incl. waiting) — for peers and tests.
    pub fn edges(&self, n: usize) -> Vec<(usize, usize, f64, f64)> {
        self.steps
            .iter()
            .map(|s| {
                let from = if s.from == START { n } else { s.from as usize };
                (from, s.to as usize, s.cost, s.years + s.wait)
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy)]
struct Label {
    node: u32,
    cost: f64,
    years: f64,
    rate: f64,
    pred: u32,
    step: u32,
    hops: u16,
    dead: bool,
}

#[derive(PartialEq)]
struct Queued(f64, f64, u32);

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| other.1.total_cmp(&self.1))
            .then_with(|| other.2.cmp(&self.2))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Least cost and least time from every node to the nearest target, by Dijkstra run backwards
/// over the steps (index `n` is the start). Renewal fees are left out, so both are lower bounds on
/// what any path still has to pay; `INFINITY` marks nodes from which no target can be reached.
fn bounds_to_targets(table: &StepTable, n: usize, targets: &[usize]) -> (Vec<f64>, Vec<f64>) {
    (
        backward_dijkstra(table, n, targets, |s| s.cost),
        backward_dijkstra(table, n, targets, |s| s.wait + s.years),
    )
}

fn backward_dijkstra(
    table: &StepTable,
    n: usize,
    targets: &[usize],
    weight: impl Fn(&Step) -> f64,
) -> Vec<f64> {
    let mut dist = vec![f64::INFINITY; n + 1];
    let mut heap = BinaryHeap::new();
    for &t in targets {
        dist[t] = 0.0;
        heap.push(Queued(0.0, 0.0, t as u32));
    }
    while let Some(Queued(d, _, v)) = heap.pop() {
        if d > dist[v as usize] {
            continue;
        }
        for &k in table.steps_into(v as usize) {
            let s = &table.steps[k as usize];
            let u = if s.from == START { n } else { s.from as usize };
            let nd = d + weight(s);
            if nd < dist[u] {
                dist[u] = nd;
                heap.push(Queued(nd, 0.0, u as u32));
            }
        }
    }
    dist
}

fn dominates(a: &Label, b: &Label) -> bool {
    a.cost <= b.cost + 1e-9 && a.years <= b.years + 1e-9 && a.rate <= b.rate + 1e-9
}

/// Target nodes for a target spec: a node id, a SOC code, or a SOC prefix such as `15-12`.
pub fn resolve_targets(graph: &PathwayGraph, target: &str) -> Vec<usize> {
    if let Some(i) = graph.find(target) {
        return vec![i];
    }
    let prefix = target.trim().trim_start_matches("soc:");
    let looks_soc = prefix.len() >= 2
        && prefix.chars().all(|c| c.is_ascii_digit() || c == '-')
        && prefix.chars().take(2).all(|c| c.is_ascii_digit());
    if !looks_soc {
        return Vec::new();
    }
    graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            n.kind == NodeKind::Occupation
                && n.id["soc:".len().min(n.id.len())..].starts_with(prefix)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Plans from the person's state to `target`; `None` when the target is unknown.
pub fn plan(
    graph: &PathwayGraph,
    person: &Person,
    target: &str,
    today: NaiveDate,
    assumptions: &Assumptions,
    limits: &Limits,
) -> Option<Plan> {
    let started = Instant::now();
    let targets = resolve_targets(graph, target);
    if targets.is_empty() {
        return None;
    }
    let table = build_steps(graph, person, today, assumptions);
    let mut result = search(graph, &table, &targets, limits);
    result.target = target.to_string();
    result.assumptions = assumptions.clone();
    result.stats.steps = table.len();
    result.stats.micros = started.elapsed().as_micros();
    Some(result)
}

/// Runs the label-setting search over a prepared step table.
pub fn search(graph: &PathwayGraph, table: &StepTable, targets: &[usize], limits: &Limits) -> Plan {
    let started = Instant::now();
    let n = graph.nodes.len();
    let mut is_target = vec![false; n];
    for &t in targets {
        is_target[t] = true;
    }
    let renewal: Vec<f64> = graph
        .nodes
        .iter()
        .map(|x| x.renewal_per_year.unwrap_or(0.0))
        .collect();
    let wage_of = |i: usize| graph.nodes[i].wage.as_ref().map(|w| w.median);
    let best_wage = targets
        .iter()
        .filter_map(|&t| wage_of(t))
        .fold(f64::NEG_INFINITY, f64::max);
    // What any completion still costs at least: labels that cannot reach a target, or whose best
    // completion a found path already beats, are never created (A*-style bounding).
    let (lb_cost, lb_years) = if limits.bounding {
        bounds_to_targets(table, n, targets)
    } else {
        (vec![0.0; n + 1], vec![0.0; n + 1])
    };
    let beaten = |found: &[u32], labels: &[Label], cost: f64, years: f64| {
        found.iter().any(|&f| {
            let f = &labels[f as usize];
            f.cost <= cost
                && f.years <= years
                && wage_of(f.node as usize).unwrap_or(f64::NEG_INFINITY) >= best_wage
        })
    };
    let mut labels: Vec<Label> = Vec::new();
    let mut bags: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut heap = BinaryHeap::new();
    let mut found: Vec<u32> = Vec::new();
    let mut truncated = false;
    let mut expanded = 0usize;
    // The start is a virtual node; its label has index 0.
    labels.push(Label {
        node: START,
        cost: 0.0,
        years: 0.0,
        rate: 0.0,
        pred: START,
        step: START,
        hops: 0,
        dead: false,
    });
    heap.push(Queued(0.0, 0.0, 0));
    while let Some(Queued(_, _, li)) = heap.pop() {
        let l = labels[li as usize];
        if l.dead {
            continue;
        }
        if l.node != START && is_target[l.node as usize] {
            continue;
        }
        let at = if l.node == START { n } else { l.node as usize };
        if beaten(
            &found,
            &labels,
            l.cost + lb_cost[at],
            l.years + lb_years[at],
        ) {
            continue;
        }
        expanded += 1;
        if l.hops >= limits.max_steps {
            truncated = true;
            continue;
        }
        let source = if l.node == START { n } else { l.node as usize };
        let base = table.offsets[source] as usize;
        for (k, s) in table.steps_of(source).iter().enumerate() {
            let v = s.to as usize;
            let t = s.wait + s.years;
            let new = Label {
                node: s.to,
                cost: l.cost + s.cost + l.rate * t,
                years: l.years + t,
                rate: l.rate + renewal[v],
                pred: li,
                step: (base + k) as u32,
                hops: l.hops + 1,
                dead: false,
            };
            let (lower_cost, lower_years) = (new.cost + lb_cost[v], new.years + lb_years[v]);
            if !lower_cost.is_finite() || beaten(&found, &labels, lower_cost, lower_years) {
                continue;
            }
            if bags[v]
                .iter()
                .any(|&o| !labels[o as usize].dead && dominates(&labels[o as usize], &new))
            {
                continue;
            }
            for &o in &bags[v] {
                if dominates(&new, &labels[o as usize]) {
                    labels[o as usize].dead = true;
                }
            }
            bags[v].retain(|&o| !labels[o as usize].dead);
            if bags[v].len() >= limits.labels_per_node {
                truncated = true;
                continue;
            }
            if labels.len() >= limits.max_labels {
                truncated = true;
                break;
            }
            let idx = labels.len() as u32;
            labels.push(new);
            bags[v].push(idx);
            if is_target[v] {
                found.push(idx);
            } else {
                heap.push(Queued(lower_cost, lower_years, idx));
            }
        }
    }
    let alive: Vec<u32> = found
        .iter()
        .copied()
        .filter(|&f| !labels[f as usize].dead)
        .collect();
    let wage = |f: u32| wage_of(labels[f as usize].node as usize).unwrap_or(f64::NEG_INFINITY);
    let mut pareto: Vec<u32> = alive
        .iter()
        .copied()
        .filter(|&a| {
            let la = &labels[a as usize];
            !alive.iter().any(|&b| {
                let lb = &labels[b as usize];
                b != a
                    && lb.cost <= la.cost
                    && lb.years <= la.years
                    && wage(b) >= wage(a)
                    && (lb.cost < la.cost || lb.years < la.years || wage(b) > wage(a) || b < a)
            })
        })
        .collect();
    pareto.sort_by(|&a, &b| {
        let (la, lb) = (&labels[a as usize], &labels[b as usize]);
        la.cost
            .total_cmp(&lb.cost)
            .then(la.years.total_cmp(&lb.years))
    });
    let cheapest = pareto.first().copied();
    let fastest = pareto.iter().copied().min_by(|&a, &b| {
        let (la, lb) = (&labels[a as usize], &labels[b as usize]);
        la.years
            .total_cmp(&lb.years)
            .then(la.cost.total_cmp(&lb.cost))
    });
    let path = |f: u32| reconstruct(graph, table, &labels, f);
    Plan {
        target: String::new(),
        targets: targets.iter().map(|&t| graph.nodes[t].id.clone()).collect(),
        cheapest: cheapest.map(path),
        fastest: fastest.map(path),
        pareto: pareto.iter().map(|&f| path(f)).collect(),
        assumptions: Assumptions::default(),
        stats: SearchStats {
            steps: table.len(),
            labels: labels.len(),
            expanded,
            truncated,
            micros: started.elapsed().as_micros(),
        },
    }
}

fn reconstruct(graph: &PathwayGraph, table: &StepTable, labels: &[Label], last: u32) -> PlanPath {
    let mut chain = Vec::new();
    let mut at = last;
    while at != 0 && at != START {
        chain.push(at);
        at = labels[at as usize].pred;
    }
    chain.reverse();
    let mut steps = Vec::new();
    for &li in &chain {
        let l = &labels[li as usize];
        let prev = &labels[l.pred as usize];
        let s = &table.steps[l.step as usize];
        let node = &graph.nodes[l.node as usize];
        let mut notes = Vec::new();
        if s.notes & NOTE_COST_ASSUMED != 0 {
            notes.push("cost not published: assumed".to_string());
        }
        if s.notes & NOTE_TIME_ASSUMED != 0 {
            notes.push("duration not published: assumed".to_string());
        }
        if s.notes & NOTE_WAIT != 0 {
            notes.push(format!(
                "includes {:.2} year(s) of waiting for required experience or age",
                s.wait
            ));
        }
        if s.notes & NOTE_CREDIT != 0 {
            notes.push(format!("{} credit(s) transferred", s.credits));
        }
        if s.notes & NOTE_CONFIRM != 0 {
            notes.push("has text requirements you must confirm".to_string());
        }
        if s.notes & NOTE_AS_PART != 0 {
            notes.push(
                "a required course or exam not in the registry is part of this step".to_string(),
            );
        }
        let renewal = l.cost - prev.cost - s.cost;
        if renewal > 0.005 {
            notes.push(format!("includes ${renewal:.0} of renewal fees meanwhile"));
        }
        steps.push(PlanStep {
            id: node.id.clone(),
            name: node.name.clone(),
            kind: node.kind,
            cost: l.cost - prev.cost,
            years: l.years - prev.years,
            notes,
        });
    }
    let l = &labels[last as usize];
    PlanPath {
        steps,
        cost: l.cost,
        years: l.years,
        exit_wage: graph.nodes[l.node as usize].wage.clone(),
    }
}

/// Demand for a credential in the person's region, when the engine has it.
#[derive(Debug, Clone, Serialize)]
pub struct DemandSignal {
    /// Distinct postings mentioning it.
    pub postings: i64,
    /// Months covered.
    pub window: String,
    /// Where the count comes from.
    pub source: String,
}

/// One recommended next step.
#[derive(Debug, Clone, Serialize)]
pub struct NextStep {
    /// Node id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: NodeKind,
    /// Cost of the step, USD.
    pub cost: f64,
    /// Time, years (including waiting).
    pub years: f64,
    /// Best wage it leads to.
    pub exit_wage: Option<ExitWage>,
    /// Expected annual wage gain over the person's baseline, USD, when known.
    pub wage_gain: Option<f64>,
    /// Regional demand, when known.
    pub demand: Option<DemandSignal>,
    /// Ranking score: wage gain per year of effort, scaled up by demand.
    pub score: f64,
    /// Why it ranks where it does, in words.
    pub reasons: Vec<String>,
}

/// Next steps open now, ranked by value (wage gain and regional demand, per year of effort).
pub fn next_steps(
    graph: &PathwayGraph,
    person: &Person,
    today: NaiveDate,
    assumptions: &Assumptions,
    demand: &HashMap<String, DemandSignal>,
    limit: usize,
) -> Vec<NextStep> {
    let table = build_steps(graph, person, today, assumptions);
    let n = graph.nodes.len();
    let held = held_nodes(graph, person);
    let baseline: Option<(f64, String)> = person
        .occupation
        .as_deref()
        .and_then(|soc| graph.find(soc))
        .and_then(|i| graph.nodes[i].wage.clone())
        .map(|w| (w.median, format!("your occupation {}", w.soc)))
        .or_else(|| {
            (0..n)
                .filter(|&i| held[i])
                .filter_map(|i| graph.nodes[i].wage.clone())
                .max_by(|a, b| a.median.total_cmp(&b.median))
                .map(|w| {
                    (
                        w.median,
                        format!("the best occupation your credentials lead to ({})", w.soc),
                    )
                })
        });
    let mut best: HashMap<u32, Step> = HashMap::new();
    for s in table.steps_of(n) {
        let kind = graph.nodes[s.to as usize].kind;
        if kind == NodeKind::Occupation {
            continue;
        }
        let e = best.entry(s.to).or_insert(*s);
        if s.cost + s.years < e.cost + e.years {
            *e = *s;
        }
    }
    let mut out: Vec<NextStep> = best
        .into_values()
        .map(|s| {
            let node = &graph.nodes[s.to as usize];
            let years = s.years + s.wait;
            let gain = match (&node.wage, &baseline) {
                (Some(w), Some((b, _))) => Some(w.median - b),
                (Some(w), None) => Some(w.median),
                _ => None,
            };
            let d = demand.get(&node.id).cloned();
            let demand_factor = d
                .as_ref()
                .map_or(1.0, |d| 1.0 + (1.0 + d.postings.max(0) as f64).log10());
            let score = gain.unwrap_or(0.0).max(0.0) / (1.0 + years) * demand_factor;
            let mut reasons = Vec::new();
            match (&node.wage, &baseline) {
                (Some(w), Some((b, what))) => reasons.push(format!(
                    "leads to {} with a median wage of ${:.0}, {} ${:.0} compared with {what} (${b:.0}); {}, employment {}",
                    w.soc,
                    w.median,
                    if w.median >= *b { "up" } else { "down" },
                    (w.median - b).abs(),
                    w.source,
                    w.employment.map_or("not published".into(), |e| format!("{e:.0}"))
                )),
                (Some(w), None) => reasons.push(format!(
                    "leads to {} with a median wage of ${:.0} ({}); no current occupation given, so the gain is the whole wage",
                    w.soc, w.median, w.source
                )),
                (None, _) => reasons.push("no occupation with a published wage is linked to it".into()),
            }
            match &d {
                Some(d) => reasons.push(format!(
                    "{} postings ask for it in your region ({}; {})",
                    d.postings, d.window, d.source
                )),
                None => reasons.push("no regional demand data".into()),
            }
            reasons.push(format!(
                "about ${:.0} and {:.2} year(s){}",
                s.cost,
                years,
                if s.notes & (NOTE_COST_ASSUMED | NOTE_TIME_ASSUMED) != 0 {
                    " (partly assumed: not published)"
                } else {
                    ""
                }
            ));
            if s.notes & NOTE_WAIT != 0 {
                reasons.push(format!("you must first gain {:.2} year(s) of experience or age", s.wait));
            }
            NextStep {
                id: node.id.clone(),
                name: node.name.clone(),
                kind: node.kind,
                cost: s.cost,
                years,
                exit_wage: node.wage.clone(),
                wage_gain: gain,
                demand: d,
                score,
                reasons,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.cost.total_cmp(&b.cost))
            .then(a.id.cmp(&b.id))
    });
    out.truncate(limit);
    out
}
