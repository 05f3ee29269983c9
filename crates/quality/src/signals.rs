//! Quality signals of one credential: quality assurance (accreditation, recognition, approval,
//! regulation), independent assessment, renewal, continuing education, revocation and credit
//! recommendations — each present, absent or unknown, with the evidence read.

use credence_model::Record;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::evidence::{condition_sources, is_ctdl, record_sources, summarize, Source};
use crate::renewal::{ce_hours, cycle_years, renewal_sources};
use crate::text::{clip, find_any};
use crate::Evidence;

/// Whether a signal was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalStatus {
    /// At least one piece of evidence says it is there.
    Present,
    /// A CTDL record, whose vocabulary has a property for it, publishes nothing; or the text
    /// says so explicitly ("does not expire").
    Absent,
    /// The source (a state list, a CSV row) has no place to say it: nothing can be concluded.
    Unknown,
}

/// One signal: its status and the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// Present, absent or unknown.
    pub status: SignalStatus,
    /// What was read, strongest (structured) first.
    pub evidence: Vec<Evidence>,
}

impl Signal {
    /// Present when there is evidence, else absent for CTDL records and unknown otherwise.
    fn from(evidence: Vec<Evidence>, ctdl: bool) -> Signal {
        let status = match (evidence.is_empty(), ctdl) {
            (false, _) => SignalStatus::Present,
            (true, true) => SignalStatus::Absent,
            (true, false) => SignalStatus::Unknown,
        };
        Signal { status, evidence }
    }

    /// Whether the signal is present.
    pub fn is_present(&self) -> bool {
        self.status == SignalStatus::Present
    }
}

/// Every quality signal of one record. See `docs/quality.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualitySignals {
    /// `ceterms:accreditedBy`, or text naming ISO/IEC 17024, NCCA or ANAB.
    pub accreditation: Signal,
    /// `ceterms:recognizedBy`.
    pub recognition: Signal,
    /// `ceterms:approvedBy`.
    pub approval: Signal,
    /// `ceterms:regulatedBy`.
    pub regulation: Signal,
    /// An exam or assessment required to earn it (condition targets, `ceterms:targetAssessment`,
    /// "passing score on the … exam").
    pub independent_assessment: Signal,
    /// Renewal rules (`ceterms:renewal`, `ceterms:renewalFrequency`, "recertify", a cycle).
    pub renewal: Signal,
    /// Continuing education to renew (CEUs, contact hours, units in renewal text).
    pub continuing_education: Signal,
    /// `ceterms:revocation` profiles or revocation text.
    pub revocation: Signal,
    /// Credit values (`ceterms:creditValue`, `ceterms:creditUnitValue`) or ACE / college-credit
    /// recommendations in text.
    pub credit_recommendation: Signal,
    /// Renewal cycle in years when one could be read.
    pub cycle_years: Option<f64>,
    /// Continuing education per cycle, in contact hours, when one could be read.
    pub ce_hours_per_cycle: Option<f64>,
}

/// Text naming a personnel-certification accreditation standard or body.
const ACCREDITATION_CUES: &[&str] = &[
    "17024",
    "ncca",
    "national commission for certifying agencies",
    "anab",
    "ansi national accreditation board",
    "ansi accredited",
];

/// Text saying an independent exam must be passed.
const EXAM_CUES: &[&str] = &[
    "passing score",
    "pass the exam",
    "pass the examination",
    "pass an exam",
    "pass an examination",
    "certification exam",
    "certification examination",
    "board exam",
    "board examination",
    "licensing exam",
    "licensing examination",
    "licensure exam",
    "licensure examination",
    "proctored exam",
    "proctored examination",
    "independent assessment",
    "third party assessment",
];

/// Words in a condition target that make it an assessment.
const ASSESSMENT_TARGET_WORDS: &[&str] = &["exam", "examination", "assessment", "test"];

/// Text saying a credential is renewed.
const RENEWAL_CUES: &[&str] = &[
    "recertify",
    "recertification",
    "renewal",
    "renew",
    "renewed",
    "maintenance of certification",
];

/// Text saying a credential is never renewed.
const NO_RENEWAL_CUES: &[&str] = &[
    "does not expire",
    "never expires",
    "no expiration",
    "no renewal",
    "not renewable",
    "lifetime certification",
];

/// Continuing-education words (read in renewal text).
const CE_CUES: &[&str] = &[
    "continuing education",
    "ceu",
    "ceus",
    "contact hours",
    "professional development units",
    "pdus",
    "continuing competency",
    "units",
];

/// Revocation words.
const REVOCATION_CUES: &[&str] = &["revoked", "revocation", "revoke"];

/// Credit-recommendation words.
const CREDIT_CUES: &[&str] = &[
    "ace credit",
    "american council on education",
    "credit recommendation",
    "college credit",
    "academic credit",
    "nccrs",
];

/// Document properties that carry a credit value.
const CREDIT_PROPERTIES: &[&str] = &[
    "ceterms:creditValue",
    "ceterms:creditUnitValue",
    "ceterms:creditHourValue",
];

/// Reads every quality signal of a record.
pub fn signals(record: &Record) -> QualitySignals {
    let ctdl = is_ctdl(record);
    let cycle = cycle_years(record);
    let ce = ce_hours(record);
    QualitySignals {
        accreditation: Signal::from(accreditation(record), ctdl),
        recognition: Signal::from(agents(record, "ceterms:recognizedBy"), ctdl),
        approval: Signal::from(agents(record, "ceterms:approvedBy"), ctdl),
        regulation: Signal::from(agents(record, "ceterms:regulatedBy"), ctdl),
        independent_assessment: Signal::from(assessment(record), ctdl),
        renewal: renewal(record, cycle.as_ref().map(|c| c.1.clone()), ctdl),
        continuing_education: Signal::from(continuing_education(record, ce.as_ref()), ctdl),
        revocation: Signal::from(revocation(record), ctdl),
        credit_recommendation: Signal::from(credit(record), ctdl),
        cycle_years: cycle.map(|c| c.0),
        ce_hours_per_cycle: ce.map(|c| c.0),
    }
}

/// Agents in one role, as evidence.
fn agents(record: &Record, role: &str) -> Vec<Evidence> {
    record
        .agents_in(role)
        .map(|a| {
            let who = a.name.as_deref().or(a.id.as_deref()).unwrap_or("(unnamed)");
            Evidence::new(role, who, format!("{role} agent"))
        })
        .collect()
}

/// The first cue found in each source, as evidence.
fn cues(sources: &[Source<'_>], phrases: &[&str], note: &str) -> Vec<Evidence> {
    sources
        .iter()
        .filter_map(|s| find_any(s.text, phrases).map(|hit| Evidence::new(&s.field, hit, note)))
        .collect()
}

/// Accrediting agents, then text naming ISO/IEC 17024, NCCA or ANAB (record text and agent names).
fn accreditation(record: &Record) -> Vec<Evidence> {
    let mut out = agents(record, "ceterms:accreditedBy");
    let mut sources = record_sources(record);
    sources.extend(record.agents.iter().filter_map(|a| {
        a.name.as_deref().map(|text| Source {
            field: a.role.clone(),
            text,
        })
    }));
    out.extend(cues(
        &sources,
        ACCREDITATION_CUES,
        "names a certification accreditation standard or body",
    ));
    out
}

/// Assessment targets of conditions, then exam phrases in condition and record text.
fn assessment(record: &Record) -> Vec<Evidence> {
    let mut out = target_assessments(&record.document);
    let conditions = condition_sources(&record.conditions);
    for s in conditions.iter().filter(|s| s.field.ends_with("/target")) {
        if let Some(hit) = find_any(s.text, ASSESSMENT_TARGET_WORDS) {
            out.push(Evidence::new(
                &s.field,
                clip(s.text),
                format!("condition targets an {}", hit.to_lowercase()),
            ));
        }
    }
    out.extend(cues(&conditions, EXAM_CUES, "an exam must be passed"));
    out.extend(cues(
        &record_sources(record),
        EXAM_CUES,
        "an exam must be passed",
    ));
    out
}

/// `ceterms:targetAssessment` in the record's condition profiles.
fn target_assessments(document: &Value) -> Vec<Evidence> {
    let kinds = [
        "ceterms:requires",
        "ceterms:entryCondition",
        "ceterms:corequisite",
    ];
    let mut out = Vec::new();
    for kind in kinds {
        for profile in values(document.get(kind)) {
            for target in values(profile.get("ceterms:targetAssessment")) {
                let span = target
                    .get("ceterms:name")
                    .map(summarize)
                    .unwrap_or_else(|| summarize(target));
                out.push(Evidence::new(
                    format!("{kind}/ceterms:targetAssessment"),
                    span,
                    "condition requires an assessment",
                ));
            }
        }
    }
    out
}

/// The items of a JSON value that may be one item or an array.
pub(crate) fn values(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

/// Renewal profiles, the cycle, renewal words; explicit "does not expire" text makes it absent.
fn renewal(record: &Record, cycle: Option<Evidence>, ctdl: bool) -> Signal {
    let mut out: Vec<Evidence> = record
        .renewal
        .iter()
        .map(|r| {
            let text = r
                .name
                .as_deref()
                .or(r.description.as_deref())
                .unwrap_or("renewal profile");
            Evidence::new("ceterms:renewal", clip(text), "renewal profile published")
        })
        .collect();
    out.extend(cycle);
    out.extend(cues(
        &record_sources(record),
        RENEWAL_CUES,
        "text says it is renewed",
    ));
    if out.is_empty() {
        let none = cues(
            &record_sources(record),
            NO_RENEWAL_CUES,
            "text says it is not renewed",
        );
        if !none.is_empty() {
            return Signal {
                status: SignalStatus::Absent,
                evidence: none,
            };
        }
    }
    Signal::from(out, ctdl)
}

/// A CE amount, else CE words, in renewal text.
fn continuing_education(record: &Record, ce: Option<&(f64, Evidence)>) -> Vec<Evidence> {
    if let Some((_, e)) = ce {
        return vec![e.clone()];
    }
    let sources = renewal_sources(record);
    cues(&sources, CE_CUES, "continuing education to renew")
        .into_iter()
        .take(1)
        .collect()
}

/// Revocation profiles, then revocation words.
fn revocation(record: &Record) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = record
        .revocation
        .iter()
        .map(|r| {
            Evidence::new(
                "ceterms:revocation",
                clip(r),
                "revocation profile published",
            )
        })
        .collect();
    if out.is_empty() {
        out = cues(
            &record_sources(record),
            REVOCATION_CUES,
            "text mentions revocation",
        );
    }
    out
}

/// Credit values anywhere in the document, then credit-recommendation words.
fn credit(record: &Record) -> Vec<Evidence> {
    let mut out = Vec::new();
    credit_values(&record.document, "", &mut out, 0);
    let mut sources = record_sources(record);
    sources.extend(condition_sources(&record.conditions));
    out.extend(cues(&sources, CREDIT_CUES, "credit recommendation in text"));
    out
}

/// How deep the document walks go; JSON-LD documents are shallow, hostile ones need not be.
pub(crate) const MAX_DEPTH: usize = 16;

/// Collects credit-value properties at any depth, with their path.
fn credit_values(value: &Value, path: &str, out: &mut Vec<Evidence>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}/{key}")
                };
                if CREDIT_PROPERTIES.contains(&key.as_str()) {
                    out.push(Evidence::new(&here, summarize(v), "credit value published"));
                } else {
                    credit_values(v, &here, out, depth + 1);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| credit_values(v, path, out, depth + 1)),
        _ => {}
    }
}
