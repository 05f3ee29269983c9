//! Pathways as product operations: eligibility, the pathway graph over the registry and the
//! reference tables, plans, next steps, the pathway map of one credential, credit rule import,
//! and the planning benchmark against a named peer.
//!
//! The reference tables the graph needs (OEWS wages, job zones, related occupations, CIP↔SOC,
//! the SOC crosswalk) are read from the data directory once per process and shared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;
use credence_pathways::credit::CreditType;
use credence_pathways::graph::{GraphFindings, NodeKind};
use credence_pathways::{
    Assumptions, Condition, CreditRule, DemandSignal, Eligibility, Limits, NextStep, PathwayGraph,
    Person, Plan,
};
use credence_store::{CreditRuleRow, DemandFilter};
use credence_taxonomy::ReferenceData;
use serde::Serialize;

use crate::{Engine, EngineError};

/// Eligibility for one credential, with what it is and where the requirement comes from.
#[derive(Debug, Clone, Serialize)]
pub struct EligibilityView {
    /// Credential id.
    pub id: String,
    /// Credential name.
    pub name: String,
    /// Verdict, satisfied branch and what is missing per alternative.
    pub eligibility: Eligibility,
    /// Recommendations (never required), in text form.
    pub recommends: Option<String>,
    /// Where the requirement was read from.
    pub source: String,
}

/// One node of a pathway map.
#[derive(Debug, Clone, Serialize)]
pub struct MapNode {
    /// Node id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: NodeKind,
    /// Published cost to earn, USD.
    pub cost: Option<f64>,
    /// Published time to earn, years.
    pub years: Option<f64>,
    /// Median wage (occupations) or best wage led to (others), USD.
    pub wage: Option<f64>,
    /// Where the wage comes from.
    pub wage_source: Option<String>,
    /// Requirement in text form (`true` when none).
    pub requires: String,
    /// Outcomes of people who earned it, where present: computed from wage records for a
    /// credential, published (NJ ETPL, PSEO) for a program; with n, window and source.
    pub outcomes: Option<String>,
    /// Steps from the center: negative before it, positive after.
    pub layer: i32,
    /// Whether the learner holds it (the step they stand on).
    pub held: bool,
    /// The credential the map is about.
    pub center: bool,
}

/// One edge of a pathway map.
#[derive(Debug, Clone, Serialize)]
pub struct MapEdge {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// Kind (`prerequisite`, `leads_to`, `credit`, …).
    pub kind: String,
    /// Credits, for credit edges.
    pub credits: Option<f64>,
    /// Where the edge comes from.
    pub source: String,
}

/// The pathway around one credential: what comes before, what it leads to, with figures.
#[derive(Debug, Clone, Serialize)]
pub struct PathwayMap {
    /// The credential.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Nodes, center first.
    pub nodes: Vec<MapNode>,
    /// Edges among them.
    pub edges: Vec<MapEdge>,
    /// Cycles and dangling references that touch the map.
    pub findings: Vec<String>,
}

/// A summary of the whole graph for `credence path check`.
#[derive(Debug, Clone, Serialize)]
pub struct GraphSummary {
    /// Nodes per kind.
    pub nodes: Vec<(String, usize)>,
    /// Edges per kind.
    pub edges: Vec<(String, usize)>,
    /// Entry points (open to a high-school student).
    pub entry_points: usize,
    /// Occupations with wages that something leads to.
    pub exit_points: usize,
    /// Cycles, dangling references and record findings.
    pub findings: GraphFindings,
}

/// Result of one credit-rule import.
#[derive(Debug, Clone, Serialize)]
pub struct CreditImport {
    /// The file.
    pub file: String,
    /// Rules stored.
    pub rules: usize,
    /// Rejected rows, with line and field.
    pub diagnostics: Vec<credence_model::Diagnostic>,
}

/// Reference tables by data directory, read once.
fn reference_cache() -> &'static Mutex<HashMap<PathBuf, Arc<ReferenceData>>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<ReferenceData>>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn read_table<T>(
    dir: &Path,
    name: &str,
    parse: fn(
        &[u8],
        &str,
    ) -> Result<credence_taxonomy::Parsed<T>, credence_taxonomy::TaxonomyError>,
) -> Result<Vec<T>, EngineError> {
    let (file, bytes) = credence_taxonomy::read_reference(dir, name)?;
    Ok(parse(&bytes, &file.path)?.rows)
}

/// Today's date, for "active" and age checks.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn to_rule(r: CreditRuleRow) -> CreditRule {
    CreditRule {
        credential: r.credential_id,
        institution: r.institution,
        program_cip: r.program_cip,
        program_name: r.program_name,
        credits: r.credits,
        credit_type: match r.credit_type.as_str() {
            "cpl" => CreditType::Cpl,
            "advanced_standing" => CreditType::AdvancedStanding,
            _ => CreditType::Ace,
        },
        source: r.source,
    }
}

fn type_key(t: CreditType) -> &'static str {
    match t {
        CreditType::Ace => "ace",
        CreditType::Cpl => "cpl",
        CreditType::AdvancedStanding => "advanced_standing",
    }
}

impl Engine {
    /// The reference tables the pathway graph uses (wages, job zones, related occupations, CIP↔SOC, crosswalk).
    pub fn pathway_reference(&self) -> Result<Arc<ReferenceData>, EngineError> {
        let key = self.data_dir.clone();
        if let Some(r) = reference_cache()
            .lock()
            .ok()
            .and_then(|c| c.get(&key).cloned())
        {
            return Ok(r);
        }
        let dir = &self.data_dir;
        let data = ReferenceData {
            wages: read_table(dir, "oews_national", credence_taxonomy::parse_oews)?,
            job_zones: read_table(dir, "onet_job_zones", credence_taxonomy::parse_job_zones)?,
            related: read_table(
                dir,
                "onet_related_occupations",
                credence_taxonomy::parse_related_occupations,
            )?,
            cip_soc: read_table(
                dir,
                "cip2020_soc2018_crosswalk",
                credence_taxonomy::parse_cip_soc,
            )?,
            crosswalk: read_table(
                dir,
                "soc2010_soc2018_crosswalk",
                credence_taxonomy::parse_soc_crosswalk,
            )?
            .into(),
            ..ReferenceData::default()
        };
        let data = Arc::new(data);
        if let Ok(mut c) = reference_cache().lock() {
            c.insert(key, data.clone());
        }
        Ok(data)
    }

    /// The pathway graph over every stored record, the reference tables and stored credit rules.
    pub async fn pathway_graph(&self) -> Result<PathwayGraph, EngineError> {
        let records = self.store.all_records().await?;
        let reference = self.pathway_reference()?;
        let credits: Vec<CreditRule> = self
            .store
            .credit_rules()
            .await?
            .into_iter()
            .map(to_rule)
            .collect();
        Ok(credence_pathways::build_graph(
            &records,
            Some(&reference),
            &credits,
        ))
    }

    /// Reads a person's profile (TOML); errors name the file, line and column.
    pub fn read_person(&self, path: &Path) -> Result<Person, EngineError> {
        let text = std::fs::read_to_string(path).map_err(|e| EngineError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Person::from_toml(&text, &path.display().to_string())
            .map_err(|e| EngineError::Invalid(e.to_string()))
    }

    /// Whether a person may go for a credential, which alternative satisfies it, what is missing.
    pub async fn eligible(
        &self,
        person: &Person,
        id: &str,
    ) -> Result<EligibilityView, EngineError> {
        let record = self.record(id).await?;
        let graph = self.pathway_graph().await?;
        let node = graph
            .find(&record.id)
            .map(|i| &graph.nodes[i])
            .ok_or_else(|| EngineError::NotFound {
                what: "credential",
                id: id.to_string(),
            })?;
        let names = |x: &str| graph.find(x).map(|i| graph.nodes[i].name.clone());
        let eligibility =
            credence_pathways::check_eligibility(&node.requires, person, today(), &names);
        let recommends = credence_pathways::read_record(&record)
            .recommends
            .map(|c| c.to_text());
        Ok(EligibilityView {
            id: record.id.clone(),
            name: record.name.clone(),
            eligibility,
            recommends,
            source: format!(
                "{} ({}, {})",
                record.provenance.source, record.provenance.file, record.provenance.pointer
            ),
        })
    }

    /// Eligibility for a requirement a counselor wrote rather than one a registry published.
    pub async fn eligible_for(
        &self,
        person: &Person,
        requirement: &Condition,
        origin: &str,
    ) -> Result<EligibilityView, EngineError> {
        let graph = self.pathway_graph().await?;
        let names = |x: &str| graph.find(x).map(|i| graph.nodes[i].name.clone());
        Ok(EligibilityView {
            id: String::new(),
            name: "authored requirement".into(),
            eligibility: credence_pathways::check_eligibility(requirement, person, today(), &names),
            recommends: None,
            source: origin.to_string(),
        })
    }

    /// Cheapest, fastest and Pareto paths from a person's state to a credential or occupation.
    pub async fn path_plan(
        &self,
        person: &Person,
        target: &str,
        assumptions: &Assumptions,
    ) -> Result<Plan, EngineError> {
        let graph = self.pathway_graph().await?;
        credence_pathways::plan(
            &graph,
            person,
            target,
            today(),
            assumptions,
            &Limits::default(),
        )
        .ok_or_else(|| EngineError::NotFound {
            what: "pathway target (credential id, SOC code or SOC prefix)",
            id: target.to_string(),
        })
    }

    /// Next steps ranked by value: wage gain and (when postings were ingested) regional demand.
    pub async fn path_next(
        &self,
        person: &Person,
        region: Option<&str>,
        limit: usize,
    ) -> Result<Vec<NextStep>, EngineError> {
        let graph = self.pathway_graph().await?;
        let mut demand = HashMap::new();
        let region = region.or(person.region.as_deref());
        let filter = DemandFilter {
            region: region.map(str::to_string),
            ..DemandFilter::default()
        };
        for row in self.store.demand_top(&filter, 100_000).await? {
            if row.unique_postings < crate::MIN_CELL {
                continue;
            }
            demand.insert(
                row.credential_key.clone(),
                DemandSignal {
                    postings: row.unique_postings,
                    window: format!("all months ingested, {}", region.unwrap_or("all regions")),
                    source: crate::DEMAND_SOURCE.to_string(),
                },
            );
        }
        Ok(credence_pathways::next_steps(
            &graph,
            person,
            today(),
            &Assumptions::default(),
            &demand,
            limit,
        ))
    }

    /// The pathway map around one credential, with the learner's held steps marked.
    pub async fn pathway_map(
        &self,
        id: &str,
        person: Option<&Person>,
    ) -> Result<PathwayMap, EngineError> {
        let record = self.record(id).await?;
        let graph = self.pathway_graph().await?;
        let center = graph
            .find(&record.id)
            .ok_or_else(|| EngineError::NotFound {
                what: "credential",
                id: id.to_string(),
            })?;
        let mut map = map_around(&graph, center, person);
        for node in map.nodes.iter_mut() {
            node.outcomes = self.exit_outcomes(node).await?;
        }
        Ok(map)
    }

    /// What people who took this step went on to earn, when outcome data covers it.
    async fn exit_outcomes(&self, node: &MapNode) -> Result<Option<String>, EngineError> {
        match node.kind {
            NodeKind::Program => {
                let cip = node.id.trim_start_matches("cip:");
                let rows = self.outcomes_published(None, Some(cip), 50).await?;
                Ok(published_summary(&rows))
            }
            NodeKind::Occupation => Ok(None),
            _ => {
                let Ok(record) = self.record(&node.id).await else {
                    return Ok(None);
                };
                let view = self.outcomes_for_record(&record).await?;
                Ok(view.as_ref().and_then(computed_summary))
            }
        }
    }

    /// A summary of the whole graph: sizes, entry and exit points, cycles and dangling references.
    pub async fn pathway_check(&self) -> Result<GraphSummary, EngineError> {
        let graph = self.pathway_graph().await?;
        let mut nodes: HashMap<&'static str, usize> = HashMap::new();
        for n in &graph.nodes {
            *nodes.entry(n.kind.as_str()).or_default() += 1;
        }
        let mut edges: HashMap<&'static str, usize> = HashMap::new();
        for e in &graph.edges {
            *edges.entry(e.kind.as_str()).or_default() += 1;
        }
        let sorted = |m: HashMap<&'static str, usize>| {
            let mut v: Vec<(String, usize)> =
                m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            v.sort();
            v
        };
        Ok(GraphSummary {
            nodes: sorted(nodes),
            edges: sorted(edges),
            entry_points: graph.entry_points().len(),
            exit_points: graph.exit_points().len(),
            findings: graph.findings.clone(),
        })
    }

    /// Imports credit rules from CSV; bad rows are reported (file, line, field) and nothing is
    /// stored unless `keep_going` is set or every row is good.
    pub async fn import_credits(
        &self,
        path: &Path,
        keep_going: bool,
    ) -> Result<CreditImport, EngineError> {
        let bytes = std::fs::read(path).map_err(|e| EngineError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        let file = path.display().to_string();
        let (rules, diagnostics) = credence_pathways::parse_credit_csv(&bytes, &file)
            .map_err(|e| EngineError::Invalid(e.to_string()))?;
        if !diagnostics.is_empty() && !keep_going {
            return Err(EngineError::Rejected { file, diagnostics });
        }
        let rows: Vec<CreditRuleRow> = rules
            .iter()
            .map(|r| CreditRuleRow {
                credential_id: r.credential.clone(),
                institution: r.institution.clone(),
                program_cip: r.program_cip.clone(),
                program_name: r.program_name.clone(),
                credits: r.credits,
                credit_type: type_key(r.credit_type).to_string(),
                source: r.source.clone(),
            })
            .collect();
        self.store.replace_credit_rules(&file, &rows).await?;
        Ok(CreditImport {
            file,
            rules: rows.len(),
            diagnostics,
        })
    }
}

/// Layers a bounded neighbourhood of `center`: prerequisites before it, what it leads to after.
pub fn map_around(graph: &PathwayGraph, center: usize, person: Option<&Person>) -> PathwayMap {
    const MAX_NODES: usize = 40;
    let ids = graph.neighbourhood(center, 3, MAX_NODES);
    let held = person
        .map(|p| credence_pathways::plan::held_nodes(graph, p))
        .unwrap_or_else(|| vec![false; graph.nodes.len()]);
    let in_map: HashMap<usize, usize> = ids.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    // Layers: breadth-first from the center, forward edges +1, backward edges −1.
    let mut layer: HashMap<usize, i32> = HashMap::from([(center, 0)]);
    let mut queue = std::collections::VecDeque::from([center]);
    while let Some(u) = queue.pop_front() {
        let l = layer[&u];
        for &e in graph.out_edges(u) {
            let v = graph.edges[e].to;
            if in_map.contains_key(&v) && !layer.contains_key(&v) {
                layer.insert(v, l + 1);
                queue.push_back(v);
            }
        }
        for &e in graph.in_edges(u) {
            let v = graph.edges[e].from;
            if in_map.contains_key(&v) && !layer.contains_key(&v) {
                layer.insert(v, l - 1);
                queue.push_back(v);
            }
        }
    }
    let nodes = ids
        .iter()
        .map(|&i| {
            let n = &graph.nodes[i];
            MapNode {
                id: n.id.clone(),
                name: n.name.clone(),
                kind: n.kind,
                cost: n.cost,
                years: n.years,
                wage: n.wage.as_ref().map(|w| w.median),
                wage_source: n.wage.as_ref().map(|w| {
                    format!(
                        "{} for {}{}",
                        w.source,
                        w.soc,
                        w.employment
                            .map(|e| format!(", employment {e:.0}"))
                            .unwrap_or_default()
                    )
                }),
                requires: n.requires.to_text(),
                outcomes: None,
                layer: layer.get(&i).copied().unwrap_or(0),
                held: held[i],
                center: i == center,
            }
        })
        .collect();
    let edges = graph
        .edges
        .iter()
        .filter(|e| in_map.contains_key(&e.from) && in_map.contains_key(&e.to))
        .map(|e| MapEdge {
            from: graph.nodes[e.from].id.clone(),
            to: graph.nodes[e.to].id.clone(),
            kind: e.kind.as_str().to_string(),
            credits: e.credits,
            source: e.source.clone(),
        })
        .collect();
    let mut findings = Vec::new();
    for c in &graph.findings.cycles {
        if c.iter()
            .any(|id| in_map.keys().any(|&i| &graph.nodes[i].id == id))
        {
            findings.push(format!("prerequisite cycle: {}", c.join(" → ")));
        }
    }
    for d in &graph.findings.dangling {
        if d.from == graph.nodes[center].id {
            findings.push(format!(
                "{} refers to `{}`, which is not in the registry",
                d.property, d.target
            ));
        }
    }
    PathwayMap {
        id: graph.nodes[center].id.clone(),
        name: graph.nodes[center].name.clone(),
        nodes,
        edges,
        findings,
    }
}

/// One line for a computed outcome: median 2nd-quarter earnings with interval, n and window.
fn computed_summary(view: &crate::outcomes::OutcomesView) -> Option<String> {
    let c = view.overall("median_earnings_q2")?;
    let value = c.value?;
    let interval = match (c.lower, c.upper) {
        (Some(lo), Some(hi)) => format!(", 95% CI ${lo:.0}–${hi:.0}"),
        _ => String::new(),
    };
    let window = view
        .exit_window
        .as_ref()
        .map(|(a, b)| format!("exits {a}–{b}"))
        .unwrap_or_else(|| "exit window unknown".into());
    Some(format!(
        "median earnings in the 2nd quarter after exit ${value:.0}{interval} (n = {}, {window}; {})",
        c.n.unwrap_or(0),
        view.source
    ))
}

/// One line for published outcomes of a program: the first unsuppressed earnings figure, else
/// the first unsuppressed figure, with its n and source; suppressed cells are never shown.
fn published_summary(rows: &[credence_outcomes::published::PublishedOutcome]) -> Option<String> {
    let shown = |r: &&credence_outcomes::published::PublishedOutcome| {
        r.value.is_some() && r.status == "published"
    };
    let row = rows
        .iter()
        .filter(shown)
        .find(|r| r.measure.contains("earn") || r.measure.contains("wage"))
        .or_else(|| rows.iter().find(shown))?;
    Some(format!(
        "published: {} {} (n = {}, {}, {}; {})",
        row.measure,
        row.value.map(|v| format!("{v:.2}")).unwrap_or_default(),
        row.n.map_or("not published".into(), |n| n.to_string()),
        row.institution_name.as_deref().unwrap_or(&row.institution),
        row.cohort.as_deref().unwrap_or("cohort not stated"),
        row.format
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use credence_outcomes::published::PublishedOutcome;

    fn row(measure: &str, value: Option<f64>, status: &str) -> PublishedOutcome {
        PublishedOutcome {
            format: "pseo".into(),
            institution: "00123400".into(),
            institution_name: Some("Example College".into()),
            cip: Some("51.0801".into()),
            degree_level: Some("01".into()),
            cohort: Some("2016".into()),
            detail: String::new(),
            measure: measure.into(),
            value,
            n: Some(42),
            status: status.into(),
        }
    }

    #[test]
    fn published_summary_prefers_earnings_and_never_shows_suppressed_cells() {
        let rows = [
            row("y1_p50_earnings", None, "suppressed (status 5)"),
            row("y1_grads_emp", Some(0.81), "published"),
            row("y5_p50_earnings", Some(41_250.0), "published"),
        ];
        let line = published_summary(&rows).unwrap();
        assert!(line.contains("y5_p50_earnings 41250.00"), "{line}");
        assert!(
            line.contains("n = 42") && line.contains("Example College"),
            "{line}"
        );
        let only_suppressed = [row("y1_p50_earnings", None, "suppressed (status 5)")];
        assert_eq!(published_summary(&only_suppressed), None);
        let no_earnings = [row("y1_grads_emp", Some(0.81), "published")];
        assert!(published_summary(&no_earnings)
            .unwrap()
            .contains("y1_grads_emp"));
    }
}
