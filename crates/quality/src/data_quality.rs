//! Data-quality score of one record: weighted checks (cost, duration, occupations, quality
//! assurance, CTID, SOC 2010 crosswalk, blank nodes, CTDL domain and range), each with a detail
//! saying what failed. Weights and applicability are listed in `docs/quality.md`.

use std::collections::BTreeSet;

use credence_model::{CodeScheme, Record, RecordClass};
use credence_registry::Vocabulary;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ctdl_check;
use crate::evidence::is_ctdl;
use crate::signals::MAX_DEPTH;

/// What the quality engine needs from its host: the CTDL vocabulary and the SOC 2010→2018
/// crosswalk (the engine plugs in its store; tests plug in fixtures).
pub trait QualityContext {
    /// The CTDL vocabulary; `None` skips the domain and range checks.
    fn vocabulary(&self) -> Option<&Vocabulary>;
    /// SOC 2018 codes a SOC 2010 code maps to; empty when it is not in the crosswalk.
    fn soc2010_crosswalk(&self, code: &str) -> Vec<String>;
}

/// One check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Stable id: `has_cost`, `has_duration`, `has_occupations`, `has_quality_assurance`,
    /// `ctid_valid`, `soc2010_crosswalked`, `blank_nodes_resolved`, `ctdl_domain`, `ctdl_range`.
    pub name: String,
    /// Whether the record passes.
    pub passed: bool,
    /// What was found (on failure: what is missing or wrong).
    pub detail: String,
    /// Its weight in the score.
    pub weight: u32,
}

/// The data-quality score of one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataQuality {
    /// Weighted share of passed checks, 0–100 (rounded).
    pub score: u8,
    /// Every check that applies to the record, in a fixed order.
    pub checks: Vec<Check>,
    /// Checks that could not run, with the reason (for example no vocabulary).
    pub skipped: Vec<String>,
}

impl DataQuality {
    /// The checks that failed.
    pub fn failed(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.passed)
    }
}

/// Weight of `has_cost`.
pub const WEIGHT_COST: u32 = 10;
/// Weight of `has_duration`.
pub const WEIGHT_DURATION: u32 = 10;
/// Weight of `has_occupations`.
pub const WEIGHT_OCCUPATIONS: u32 = 15;
/// Weight of `has_quality_assurance`.
pub const WEIGHT_QA: u32 = 10;
/// Weight of `ctid_valid`.
pub const WEIGHT_CTID: u32 = 15;
/// Weight of `soc2010_crosswalked`.
pub const WEIGHT_SOC2010: u32 = 10;
/// Weight of `blank_nodes_resolved`.
pub const WEIGHT_BLANK_NODES: u32 = 10;
/// Weight of `ctdl_domain`.
pub const WEIGHT_DOMAIN: u32 = 10;
/// Weight of `ctdl_range`.
pub const WEIGHT_RANGE: u32 = 10;

/// At most this many findings are spelled out in a detail; the rest are counted.
const MAX_LISTED: usize = 5;

/// Scores a record. Content checks (cost, duration, occupations, QA) apply to credentials,
/// assessments and learning opportunities; the CTID, domain and range checks to CTDL records;
/// the SOC 2010 and blank-node checks to every record.
pub fn data_quality(record: &Record, ctx: &dyn QualityContext) -> DataQuality {
    let mut checks = Vec::new();
    let mut skipped = Vec::new();
    if has_content(record.class) {
        checks.push(has_cost(record));
        checks.push(has_duration(record));
        checks.push(has_occupations(record));
        checks.push(has_qa(record));
    }
    let ctdl = is_ctdl(record);
    if ctdl {
        checks.push(ctid_valid(record));
    }
    checks.push(soc2010(record, ctx));
    checks.push(blank_nodes(record));
    match (ctdl, ctx.vocabulary()) {
        (true, Some(vocab)) => checks.extend(conformance(record, vocab)),
        (true, None) => skipped.push("ctdl_domain, ctdl_range: no CTDL vocabulary loaded".into()),
        (false, _) => {}
    }
    DataQuality {
        score: score(&checks),
        checks,
        skipped,
    }
}

/// Weighted share of passed checks, rounded; 100 when no check applies.
fn score(checks: &[Check]) -> u8 {
    let total: u32 = checks.iter().map(|c| c.weight).sum();
    let passed: u32 = checks.iter().filter(|c| c.passed).map(|c| c.weight).sum();
    if total == 0 {
        return 100;
    }
    let pct = (f64::from(passed) * 100.0 / f64::from(total)).round();
    pct.clamp(0.0, 100.0) as u8
}

/// Classes that describe something a learner earns or takes.
fn has_content(class: RecordClass) -> bool {
    matches!(
        class,
        RecordClass::Credential | RecordClass::Assessment | RecordClass::LearningOpportunity
    )
}

/// Builds a check.
fn check(name: &str, passed: bool, detail: impl Into<String>, weight: u32) -> Check {
    Check {
        name: name.to_string(),
        passed,
        detail: detail.into(),
        weight,
    }
}

/// At least one cost with an amount.
fn has_cost(record: &Record) -> Check {
    let priced = record.costs.iter().filter(|c| c.amount.is_some()).count();
    let detail = match (priced, record.costs.len()) {
        (0, 0) => "no cost published".to_string(),
        (0, n) => format!("{n} cost profile(s) without an amount"),
        (p, _) => format!("{p} priced cost(s)"),
    };
    check("has_cost", priced > 0, detail, WEIGHT_COST)
}

/// At least one duration (ISO or described).
fn has_duration(record: &Record) -> Check {
    let n = record.durations.len();
    let detail = if n == 0 {
        "no duration published".to_string()
    } else {
        format!("{n} duration(s)")
    };
    check("has_duration", n > 0, detail, WEIGHT_DURATION)
}

/// At least one SOC or O*NET-SOC code.
fn has_occupations(record: &Record) -> Check {
    let schemes = [
        CodeScheme::Soc2018,
        CodeScheme::Soc2010,
        CodeScheme::OnetSoc,
    ];
    let n = schemes
        .iter()
        .map(|s| record.codes_in(s.clone()).count())
        .sum::<usize>();
    let detail = if n == 0 {
        "no SOC or O*NET-SOC occupation codes".to_string()
    } else {
        format!("{n} occupation code(s)")
    };
    check("has_occupations", n > 0, detail, WEIGHT_OCCUPATIONS)
}

/// At least one accrediting, approving, recognizing or regulating agent.
fn has_qa(record: &Record) -> Check {
    let roles = [
        "ceterms:accreditedBy",
        "ceterms:approvedBy",
        "ceterms:recognizedBy",
        "ceterms:regulatedBy",
    ];
    let found: Vec<&str> = roles
        .iter()
        .filter(|r| record.agents_in(r).next().is_some())
        .copied()
        .collect();
    let detail = if found.is_empty() {
        "no accrediting, approving, recognizing or regulating body".to_string()
    } else {
        found.join(", ")
    };
    check(
        "has_quality_assurance",
        !found.is_empty(),
        detail,
        WEIGHT_QA,
    )
}

/// A CTID that was present and already canonical in the source.
fn ctid_valid(record: &Record) -> Check {
    let raw = record.document.get("ceterms:ctid").and_then(Value::as_str);
    let (passed, detail) = match (&record.ctid, raw) {
        (None, None) => (false, "no CTID".to_string()),
        (None, Some(r)) => (false, format!("invalid CTID `{r}`")),
        (Some(c), Some(r)) if r != c.as_str() => (
            false,
            format!("CTID repaired from `{r}` to `{}`", c.as_str()),
        ),
        (Some(c), _) => (true, format!("CTID `{}`", c.as_str())),
    };
    check("ctid_valid", passed, detail, WEIGHT_CTID)
}

/// Every SOC 2010 code maps to SOC 2018 through the crosswalk.
fn soc2010(record: &Record, ctx: &dyn QualityContext) -> Check {
    let codes: Vec<&str> = record
        .codes_in(CodeScheme::Soc2010)
        .map(|c| c.code.as_str())
        .collect();
    let unmapped: Vec<&str> = codes
        .iter()
        .filter(|c| ctx.soc2010_crosswalk(c).is_empty())
        .copied()
        .collect();
    let detail = match (codes.len(), unmapped.len()) {
        (0, _) => "no SOC 2010 codes".to_string(),
        (n, 0) => format!("all {n} SOC 2010 code(s) crosswalked to SOC 2018"),
        (_, _) => format!("not in the SOC 2010→2018 crosswalk: {}", listed(&unmapped)),
    };
    check(
        "soc2010_crosswalked",
        unmapped.is_empty(),
        detail,
        WEIGHT_SOC2010,
    )
}

/// Every `_:` reference in the document is defined by an attached node or an embedded node.
fn blank_nodes(record: &Record) -> Check {
    let mut referenced = BTreeSet::new();
    let mut defined = BTreeSet::new();
    blank_refs(&record.document, true, &mut referenced, &mut defined, 0);
    for node in &record.attached {
        blank_refs(node, true, &mut BTreeSet::new(), &mut defined, 0);
    }
    let unresolved: Vec<&str> = referenced
        .iter()
        .filter(|r| !defined.contains(*r))
        .map(String::as_str)
        .collect();
    let detail = match (referenced.len(), unresolved.len()) {
        (0, _) => "no blank-node references".to_string(),
        (n, 0) => format!("all {n} blank-node reference(s) resolved"),
        (_, _) => format!("unresolved blank nodes: {}", listed(&unresolved)),
    };
    check(
        "blank_nodes_resolved",
        unresolved.is_empty(),
        detail,
        WEIGHT_BLANK_NODES,
    )
}

/// Collects `_:` strings used as references and `_:` ids of nodes that define themselves
/// (an object whose `@id` is a blank node and that has other keys, or the root).
fn blank_refs(
    value: &Value,
    root: bool,
    referenced: &mut BTreeSet<String>,
    defined: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::String(s) if s.starts_with("_:") => {
            referenced.insert(s.clone());
        }
        Value::Object(map) => {
            let id = map.get("@id").and_then(Value::as_str);
            if let Some(id) = id.filter(|i| i.starts_with("_:")) {
                if root || map.len() > 1 {
                    defined.insert(id.to_string());
                } else {
                    referenced.insert(id.to_string());
                }
            }
            for (_, v) in map.iter().filter(|(k, _)| k.as_str() != "@id") {
                blank_refs(v, false, referenced, defined, depth + 1);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| blank_refs(v, false, referenced, defined, depth + 1)),
        _ => {}
    }
}

/// The domain and range checks.
fn conformance(record: &Record, vocab: &Vocabulary) -> [Check; 2] {
    let found = ctdl_check::check(&record.document, &record.attached, vocab);
    let detail = |items: &[String], ok: &str| {
        if items.is_empty() {
            ok.to_string()
        } else {
            listed(items)
        }
    };
    [
        check(
            "ctdl_domain",
            found.domain.is_empty(),
            detail(
                &found.domain,
                "every ceterms: property is defined for its node's class",
            ),
            WEIGHT_DOMAIN,
        ),
        check(
            "ctdl_range",
            found.range.is_empty(),
            detail(&found.range, "no value contradicts its property's range"),
            WEIGHT_RANGE,
        ),
    ]
}

/// The first few items joined, with a count of the rest.
fn listed<S: AsRef<str>>(items: &[S]) -> String {
    let shown: Vec<&str> = items.iter().take(MAX_LISTED).map(AsRef::as_ref).collect();
    let rest = items.len().saturating_sub(MAX_LISTED);
    if rest == 0 {
        shown.join("; ")
    } else {
        format!("{}; and {rest} more", shown.join("; "))
    }
}
