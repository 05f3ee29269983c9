//! The pathway graph: credentials, assessments, learning opportunities, programs (CIP) and
//! occupations (SOC), joined by prerequisite, preparation, advanced-standing, part-of, Pathway,
//! occupation, CIP↔SOC, O*NET related-occupation and credit edges. Cycles and dangling
//! references are found and reported, never followed blindly.

use std::collections::{HashMap, HashSet};

use credence_model::{CodeScheme, Diagnostic, Record, RecordClass};
use credence_taxonomy::ReferenceData;
use petgraph::graph::DiGraph;
use serde::Serialize;

use crate::condition::Condition;
use crate::credit::CreditRule;
use crate::ctdl::{read_record, EdgeKind, Link};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A credential (certificate, certification, license, degree, badge).
    Credential,
    /// An assessment (exam).
    Assessment,
    /// A learning opportunity or course.
    LearningOpportunity,
    /// An instructional program, by CIP 2020 code.
    Program,
    /// An occupation, by SOC 2018 code.
    Occupation,
}

impl NodeKind {
    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Credential => "credential",
            NodeKind::Assessment => "assessment",
            NodeKind::LearningOpportunity => "learning_opportunity",
            NodeKind::Program => "program",
            NodeKind::Occupation => "occupation",
        }
    }
}

/// An occupation's wage, with the evidence it needs to be shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExitWage {
    /// SOC 2018 code.
    pub soc: String,
    /// Annual median wage, USD.
    pub median: f64,
    /// Employment the estimate rests on (OEWS `TOT_EMP`), if published.
    pub employment: Option<f64>,
    /// Relative standard error of the mean wage, percent, if published.
    pub rse_percent: Option<f64>,
    /// Where the figure comes from.
    pub source: String,
}

/// Source line for OEWS wages.
pub const OEWS_SOURCE: &str = "BLS OEWS, national, May 2024 (annual median)";

/// A node of the pathway graph.
#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    /// Record id, `cip:NN.NNNN`, `soc:NN-NNNN`, or `name:…` for unidentified references.
    pub id: String,
    /// Kind.
    pub kind: NodeKind,
    /// Display name.
    pub name: String,
    /// What must be met to earn it (credentials); `true` when nothing.
    #[serde(serialize_with = "as_text")]
    pub requires: Condition,
    /// Published cost to earn, USD.
    pub cost: Option<f64>,
    /// Published time to earn, years.
    pub years: Option<f64>,
    /// Renewal cost per year, USD (renewal cost / frequency).
    pub renewal_per_year: Option<f64>,
    /// For occupations: the wage; for credentials and programs: the best wage they lead to.
    pub wage: Option<ExitWage>,
    /// O*NET job zone (occupations).
    pub job_zone: Option<u8>,
    /// True when the node is only referenced, not described by a record or reference table.
    pub external: bool,
    /// Owner or offerer name (credentials), for "any credential from this issuer" requirements.
    pub issuer: Option<String>,
}

fn as_text<S: serde::Serializer>(c: &Condition, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&c.to_text())
}

/// An edge of the pathway graph.
#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    /// Source node index.
    pub from: usize,
    /// Target node index.
    pub to: usize,
    /// Kind.
    pub kind: EdgeKind,
    /// Credits (credit edges).
    pub credits: Option<f64>,
    /// Where the edge comes from (CTDL property, reference file, credit file line).
    pub source: String,
}

/// A reference to something the graph does not describe.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dangling {
    /// The record that makes the reference.
    pub from: String,
    /// The property.
    pub property: String,
    /// The reference as published (normalized).
    pub target: String,
}

/// Problems found while building: cycles of step edges and dangling references.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GraphFindings {
    /// Each cycle as node ids (a strongly connected component of step edges, size > 1 or a self-loop).
    pub cycles: Vec<Vec<String>>,
    /// References to records not in the registry.
    pub dangling: Vec<Dangling>,
    /// Record-level findings (costs in other currencies, deep alternatives…).
    pub diagnostics: Vec<Diagnostic>,
}

/// The whole graph, with adjacency lists for the planner.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PathwayGraph {
    /// Nodes.
    pub nodes: Vec<GraphNode>,
    /// Edges.
    pub edges: Vec<GraphEdge>,
    /// What was wrong.
    pub findings: GraphFindings,
    #[serde(skip)]
    index: HashMap<String, usize>,
    #[serde(skip)]
    out: Vec<Vec<usize>>,
    #[serde(skip)]
    inc: Vec<Vec<usize>>,
}

/// Edge kinds that order steps (used for cycle detection).
pub fn is_step(kind: EdgeKind) -> bool {
    matches!(
        kind,
        EdgeKind::Prerequisite
            | EdgeKind::PreparationFor
            | EdgeKind::AdvancedStanding
            | EdgeKind::PathwayComponent
    )
}

impl PathwayGraph {
    /// An empty graph.
    pub fn new() -> PathwayGraph {
        PathwayGraph::default()
    }

    /// Adds a node (or returns the existing one with that id).
    pub fn add_node(&mut self, node: GraphNode) -> usize {
        if let Some(&i) = self.index.get(&node.id) {
            return i;
        }
        let i = self.nodes.len();
        self.index.insert(node.id.clone(), i);
        self.nodes.push(node);
        self.out.push(Vec::new());
        self.inc.push(Vec::new());
        i
    }

    /// Adds an edge unless the same (from, to, kind) exists.
    pub fn add_edge(&mut self, edge: GraphEdge) {
        if self.out[edge.from]
            .iter()
            .any(|&e| self.edges[e].to == edge.to && self.edges[e].kind == edge.kind)
        {
            return;
        }
        let e = self.edges.len();
        self.out[edge.from].push(e);
        self.inc[edge.to].push(e);
        self.edges.push(edge);
    }

    /// Node index by id (credential ids in any CTID spelling, `soc:` / `cip:` codes, bare SOC codes).
    pub fn find(&self, id: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(id) {
            return Some(i);
        }
        let n = crate::ctdl::node_id(id);
        if let Some(&i) = self.index.get(&n) {
            return Some(i);
        }
        if let Some(code) = credence_taxonomy::parse_soc(id) {
            if let Some(&i) = self.index.get(&format!("soc:{}", code.code)) {
                return Some(i);
            }
        }
        let code = id.strip_prefix("cip:").unwrap_or(id);
        self.index.get(&format!("cip:{code}")).copied()
    }

    /// Outgoing edge indices of a node.
    pub fn out_edges(&self, node: usize) -> &[usize] {
        &self.out[node]
    }

    /// Incoming edge indices of a node.
    pub fn in_edges(&self, node: usize) -> &[usize] {
        &self.inc[node]
    }

    /// Entry points: credentials and programs whose requirement is empty or met by a high-school
    /// education (open to a high-school student).
    pub fn entry_points(&self) -> Vec<usize> {
        let student = crate::person::Person {
            education: crate::condition::EducationLevel::HighSchool,
            age: Some(17),
            ..Default::default()
        };
        let today = chrono::Utc::now().date_naive();
        let names = |_: &str| -> Option<String> { None };
        (0..self.nodes.len())
            .filter(|&i| matches!(self.nodes[i].kind, NodeKind::Credential | NodeKind::Program))
            .filter(|&i| {
                let r = &self.nodes[i].requires;
                r.is_nothing()
                    || crate::eligibility::evaluate(r, &student, today, &names).verdict
                        == crate::eligibility::Verdict::Met
            })
            .collect()
    }

    /// Exit points: occupations with an OEWS wage that something in the graph leads to.
    pub fn exit_points(&self) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].kind == NodeKind::Occupation && self.nodes[i].wage.is_some())
            .filter(|&i| !self.inc[i].is_empty())
            .collect()
    }

    /// Finds cycles of step edges (Tarjan's strongly connected components, via petgraph).
    pub fn find_cycles(&self) -> Vec<Vec<String>> {
        let mut g: DiGraph<usize, ()> = DiGraph::with_capacity(self.nodes.len(), self.edges.len());
        let ix: Vec<_> = (0..self.nodes.len()).map(|i| g.add_node(i)).collect();
        for e in self.edges.iter().filter(|e| is_step(e.kind)) {
            g.add_edge(ix[e.from], ix[e.to], ());
        }
        petgraph::algo::tarjan_scc(&g)
            .into_iter()
            .filter(|scc| scc.len() > 1 || g.contains_edge(scc[0], scc[0]))
            .map(|scc| {
                let mut ids: Vec<String> =
                    scc.iter().map(|n| self.nodes[g[*n]].id.clone()).collect();
                ids.sort();
                ids
            })
            .collect()
    }

    /// The neighbourhood of a node within `depth` edges either way (for the map), bounded.
    pub fn neighbourhood(&self, center: usize, depth: usize, max_nodes: usize) -> Vec<usize> {
        let mut seen = vec![center];
        let mut set: HashSet<usize> = HashSet::from([center]);
        let mut frontier = vec![center];
        for _ in 0..depth {
            let mut next = Vec::new();
            for &n in &frontier {
                let neighbours = self.out[n]
                    .iter()
                    .map(|&e| self.edges[e].to)
                    .chain(self.inc[n].iter().map(|&e| self.edges[e].from));
                for m in neighbours {
                    // Occupations fan out into hundreds of programs; stop there.
                    if seen.len() >= max_nodes {
                        return seen;
                    }
                    if set.insert(m) {
                        seen.push(m);
                        if self.nodes[m].kind != NodeKind::Occupation
                            && self.nodes[m].kind != NodeKind::Program
                        {
                            next.push(m);
                        }
                    }
                }
            }
            frontier = next;
        }
        seen
    }
}

fn kind_of(record: &Record) -> Option<NodeKind> {
    match record.class {
        RecordClass::Credential => Some(NodeKind::Credential),
        RecordClass::Assessment => Some(NodeKind::Assessment),
        RecordClass::LearningOpportunity => Some(NodeKind::LearningOpportunity),
        _ => None,
    }
}

fn kind_of_type(ty: Option<&str>) -> NodeKind {
    match ty {
        Some(t) if t.contains("Assessment") => NodeKind::Assessment,
        Some(t) if t.contains("Learning") || t.contains("Course") => NodeKind::LearningOpportunity,
        _ => NodeKind::Credential,
    }
}

fn bare(id: String, kind: NodeKind, name: String) -> GraphNode {
    GraphNode {
        id,
        kind,
        name,
        requires: Condition::nothing(),
        cost: None,
        years: None,
        renewal_per_year: None,
        wage: None,
        job_zone: None,
        external: true,
        issuer: None,
    }
}

/// Renewal cost per year, assuming a published cost without a frequency recurs every three years.
const DEFAULT_RENEWAL_YEARS: f64 = 3.0;

/// Builds the graph from registry records, reference data (optional) and credit rules.
pub fn build_graph(
    records: &[Record],
    reference: Option<&ReferenceData>,
    credits: &[CreditRule],
) -> PathwayGraph {
    let mut g = PathwayGraph::new();
    let mut links: Vec<(String, Link)> = Vec::new();
    let mut findings = GraphFindings::default();
    for r in records {
        let Some(kind) = kind_of(r) else { continue };
        let p = read_record(r);
        findings.diagnostics.extend(p.diagnostics);
        let renewal_per_year = p.renewal_cost.map(|c| {
            c / p
                .renewal_every_years
                .filter(|y| *y > 0.0)
                .unwrap_or(DEFAULT_RENEWAL_YEARS)
        });
        g.add_node(GraphNode {
            id: r.id.clone(),
            kind,
            name: r.name.clone(),
            requires: p.requires,
            cost: p.earn_cost,
            years: p.years,
            renewal_per_year,
            wage: None,
            job_zone: None,
            external: false,
            issuer: r
                .agents
                .iter()
                .filter(|a| a.role == "ceterms:ownedBy" || a.role == "ceterms:offeredBy")
                .find_map(|a| a.name.clone()),
        });
        for l in p.links {
            links.push((r.id.clone(), l));
        }
    }
    if let Some(reference) = reference {
        add_reference(&mut g, reference);
    }
    for r in records {
        let Some(from) = g.find(&r.id).filter(|_| kind_of(r).is_some()) else {
            continue;
        };
        let mut socs: Vec<String> = Vec::new();
        for c in &r.codes {
            match c.scheme {
                CodeScheme::Soc2018 | CodeScheme::OnetSoc => {
                    let Some(soc) = credence_taxonomy::onet_to_soc(&c.code) else {
                        continue;
                    };
                    // Registry records often carry O*NET-SOC 2010 codes (15-1122.00): when the
                    // code is no current occupation, take what the SOC 2010→2018 crosswalk says.
                    let current = g.find(&format!("soc:{soc}")).is_some();
                    let moved = match reference {
                        Some(reference) if !current => reference.crosswalk.soc2010_to_2018(&soc),
                        _ => Vec::new(),
                    };
                    if moved.is_empty() {
                        socs.push(soc);
                    } else {
                        socs.extend(moved);
                    }
                }
                CodeScheme::Soc2010 => {
                    if let Some(reference) = reference {
                        socs.extend(reference.crosswalk.soc2010_to_2018(&c.code));
                    }
                }
                _ => {}
            }
        }
        for soc in socs {
            let id = format!("soc:{soc}");
            let to = match g.find(&id) {
                Some(i) => i,
                None => g.add_node(bare(id, NodeKind::Occupation, soc.clone())),
            };
            g.add_edge(GraphEdge {
                from,
                to,
                kind: EdgeKind::LeadsTo,
                credits: None,
                source: "record occupation code".into(),
            });
        }
    }
    for (record, l) in links {
        let resolve = |g: &mut PathwayGraph, id: &str, findings: &mut GraphFindings| -> usize {
            if let Some(i) = g.find(id) {
                return i;
            }
            findings.dangling.push(Dangling {
                from: record.clone(),
                property: l.property.to_string(),
                target: id.to_string(),
            });
            let name = l
                .other_name
                .clone()
                .or_else(|| id.strip_prefix("name:").map(str::to_string))
                .unwrap_or_else(|| id.to_string());
            g.add_node(bare(
                id.to_string(),
                kind_of_type(l.other_type.as_deref()),
                name,
            ))
        };
        let from = resolve(&mut g, &l.from, &mut findings);
        let to = resolve(&mut g, &l.to, &mut findings);
        g.add_edge(GraphEdge {
            from,
            to,
            kind: l.kind,
            credits: None,
            source: l.property.to_string(),
        });
    }
    for rule in credits {
        let Some(from) = g.find(&rule.credential) else {
            findings.dangling.push(Dangling {
                from: rule.source.clone(),
                property: "credit rule credential".into(),
                target: rule.credential.clone(),
            });
            continue;
        };
        let id = format!("cip:{}", rule.program_cip);
        let to = match g.find(&id) {
            Some(i) => i,
            None => g.add_node(bare(
                id,
                NodeKind::Program,
                rule.program_name
                    .clone()
                    .unwrap_or_else(|| format!("CIP {}", rule.program_cip)),
            )),
        };
        g.add_edge(GraphEdge {
            from,
            to,
            kind: EdgeKind::Credit,
            credits: Some(rule.credits),
            source: format!(
                "{} credit: {} ({})",
                rule.credit_type.as_str(),
                rule.institution,
                rule.source
            ),
        });
    }
    // Credentials and programs carry the best wage they lead to.
    for i in 0..g.nodes.len() {
        if g.nodes[i].kind == NodeKind::Occupation {
            continue;
        }
        let best = g.out[i]
            .iter()
            .map(|&e| &g.edges[e])
            .filter(|e| e.kind == EdgeKind::LeadsTo)
            .filter_map(|e| g.nodes[e.to].wage.clone())
            .max_by(|a, b| a.median.total_cmp(&b.median));
        if best.is_some() {
            g.nodes[i].wage = best;
        }
    }
    findings.cycles = g.find_cycles();
    g.findings = findings;
    g
}

/// Occupations (OEWS wages, job zones), programs (CIP), CIP→SOC and related-occupation edges.
fn add_reference(g: &mut PathwayGraph, reference: &ReferenceData) {
    let zones: HashMap<&str, u8> = reference
        .job_zones
        .iter()
        .map(|z| (z.code.as_str(), z.zone))
        .collect();
    for w in reference
        .wages
        .iter()
        .filter(|w| w.group == credence_taxonomy::OewsGroup::Detailed)
    {
        let zone = zones.get(format!("{}.00", w.soc).as_str()).copied();
        g.add_node(GraphNode {
            id: format!("soc:{}", w.soc),
            kind: NodeKind::Occupation,
            name: w.title.clone(),
            requires: Condition::nothing(),
            cost: Some(0.0),
            years: Some(0.0),
            renewal_per_year: None,
            wage: w.a_median.map(|m| ExitWage {
                soc: w.soc.clone(),
                median: m,
                employment: w.tot_emp,
                rse_percent: w.mean_prse,
                source: if w.is_top_coded("A_MEDIAN") {
                    format!("{OEWS_SOURCE}; top-coded, at least this")
                } else {
                    OEWS_SOURCE.to_string()
                },
            }),
            job_zone: zone,
            external: false,
            issuer: None,
        });
    }
    for cs in &reference.cip_soc {
        let soc_id = format!("soc:{}", cs.soc);
        let Some(to) = g.find(&soc_id) else { continue };
        let from = g.add_node(GraphNode {
            id: format!("cip:{}", cs.cip),
            kind: NodeKind::Program,
            name: cs.cip_title.clone(),
            requires: Condition::nothing(),
            cost: None,
            years: None,
            renewal_per_year: None,
            wage: None,
            job_zone: None,
            external: false,
            issuer: None,
        });
        g.add_edge(GraphEdge {
            from,
            to,
            kind: EdgeKind::LeadsTo,
            credits: None,
            source: "NCES CIP 2020 ↔ SOC 2018 crosswalk".into(),
        });
    }
    for r in &reference.related {
        let (Some(a), Some(b)) = (
            credence_taxonomy::onet_to_soc(&r.code),
            credence_taxonomy::onet_to_soc(&r.related_code),
        ) else {
            continue;
        };
        if a == b {
            continue;
        }
        let (Some(from), Some(to)) = (g.find(&format!("soc:{a}")), g.find(&format!("soc:{b}")))
        else {
            continue;
        };
        g.add_edge(GraphEdge {
            from,
            to,
            kind: EdgeKind::RelatedOccupation,
            credits: None,
            source: format!("O*NET 29.2 related occupations ({})", r.tier.as_str()),
        });
    }
}
