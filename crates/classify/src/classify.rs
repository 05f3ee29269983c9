//! The classifier: gathers structured and text evidence, sums weights per kind, and calls the kind
//! with the highest score when it clears [`MIN_SCORE`].

use credence_model::Record;
use serde::{Deserialize, Serialize};

use crate::cues::{
    field_weight, Cue, ISSUER_CUES, LICENSED_OCCUPATIONS, OCCUPATION_WEIGHT, TEXT_CUES,
};
use crate::structured::{issuer_names, structured_evidence, QA_ROLES};
use crate::text::{drop_nested, find_phrase};
use crate::{Evidence, Feature, FeatureEvidence, Kind};

/// Below this total weight for the leading kind the call is `Unknown`.
pub const MIN_SCORE: f64 = 2.0;
/// Smoothing added to the total in the confidence formula, so one cue is never certainty.
pub const CONFIDENCE_PRIOR: f64 = 1.5;

/// Switches for ablations; [`Options::default`] is what `classify` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Use the licensed-occupation title list ([`LICENSED_OCCUPATIONS`]).
    pub occupation_lexicon: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            occupation_lexicon: true,
        }
    }
}

/// Total weight per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Certificate.
    pub certificate: f64,
    /// Certification.
    pub certification: f64,
    /// License.
    pub license: f64,
    /// Badge or micro-credential.
    pub badge: f64,
    /// Degree or diploma.
    pub degree: f64,
}

impl Scores {
    /// The score of one kind (`Unknown` is always 0).
    pub fn get(&self, kind: Kind) -> f64 {
        match kind {
            Kind::Certificate => self.certificate,
            Kind::Certification => self.certification,
            Kind::License => self.license,
            Kind::Badge => self.badge,
            Kind::Degree => self.degree,
            Kind::Unknown => 0.0,
        }
    }

    /// Adds weight to one kind.
    fn add(&mut self, kind: Kind, weight: f64) {
        let slot = match kind {
            Kind::Certificate => &mut self.certificate,
            Kind::Certification => &mut self.certification,
            Kind::License => &mut self.license,
            Kind::Badge => &mut self.badge,
            Kind::Degree => &mut self.degree,
            Kind::Unknown => return,
        };
        *slot += weight;
    }

    /// Sum over kinds.
    pub fn total(&self) -> f64 {
        Kind::DECIDABLE.iter().map(|k| self.get(*k)).sum()
    }

    /// Leading and runner-up kinds; ties go to the earlier kind in [`Kind::DECIDABLE`].
    pub fn ranked(&self) -> (Kind, Kind) {
        let mut order = Kind::DECIDABLE;
        order.sort_by(|a, b| self.get(*b).total_cmp(&self.get(*a)));
        (order[0], order[1])
    }
}

/// The classifier's answer for one record, with all the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The call.
    pub call: Kind,
    /// Confidence in the call, 0..1 (0 for `Unknown`).
    pub confidence: f64,
    /// Summed evidence weight per kind.
    pub scores: Scores,
    /// Exactly the twelve defining features, each with evidence or "no evidence".
    pub features: Vec<FeatureEvidence>,
    /// Data that is absent and would have helped decide.
    pub missing: Vec<String>,
    /// Remarks: sparse record, close call, conflicting evidence.
    pub notes: Vec<String>,
}

/// Classifies a record with the default options. Deterministic; never panics.
pub fn classify(record: &Record) -> Classification {
    classify_with(record, Options::default())
}

/// Classifies a record with explicit options.
pub fn classify_with(record: &Record, options: Options) -> Classification {
    let mut items = structured_evidence(record);
    let structured_count = items.len();
    items.extend(text_evidence(record, options));
    let mut scores = Scores::default();
    for (_, e) in &items {
        scores.add(e.points_to, e.weight);
    }
    let (call, confidence, mut notes) = decide(&scores);
    if structured_count == 0 && !items.is_empty() {
        notes.push("sparse record: decided from name, issuer and free text only".to_string());
    }
    if items.is_empty() {
        notes.push("no evidence found in any field".to_string());
    }
    Classification {
        call,
        confidence,
        scores,
        features: FeatureEvidence::group(items),
        missing: missing(record),
        notes,
    }
}

/// The call, its confidence and notes from the scores.
fn decide(scores: &Scores) -> (Kind, f64, Vec<String>) {
    let (top, second) = scores.ranked();
    let (a, b) = (scores.get(top), scores.get(second));
    let mut notes = Vec::new();
    if a < MIN_SCORE {
        notes.push(format!(
            "evidence too thin: best score {a:.1} ({top}) is below {MIN_SCORE}"
        ));
        return (Kind::Unknown, 0.0, notes);
    }
    if b > 0.0 {
        notes.push(format!(
            "conflicting evidence: {top} {a:.1} vs {second} {b:.1}"
        ));
    }
    let confidence = (a / (scores.total() + CONFIDENCE_PRIOR)).clamp(0.0, 1.0);
    (top, round3(confidence), notes)
}

/// Rounds to three decimals so serialized confidences are stable.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Text fields of a record as (field name, text).
fn text_fields(record: &Record) -> Vec<(&'static str, &str)> {
    let mut out = vec![("name", record.name.as_str())];
    out.extend(
        record
            .alternate_names
            .iter()
            .map(|t| ("alternate_name", t.as_str())),
    );
    out.extend(record.description.as_deref().map(|t| ("description", t)));
    out.extend(record.keywords.iter().map(|t| ("keyword", t.as_str())));
    out
}

/// Evidence from the text cue table, issuer cues and (optionally) the occupation list.
fn text_evidence(record: &Record, options: Options) -> Vec<(Feature, Evidence)> {
    let mut out = Vec::new();
    for (field, text) in text_fields(record) {
        out.extend(scan(field, text, TEXT_CUES));
    }
    for issuer in issuer_names(record) {
        out.extend(scan("issuer", issuer, ISSUER_CUES));
    }
    let text_total: f64 = out.iter().map(|(_, e)| e.weight).sum();
    let issuer_disagrees = out
        .iter()
        .any(|(_, e)| e.source_field == "issuer" && e.points_to != Kind::License);
    if options.occupation_lexicon && text_total < MIN_SCORE && !issuer_disagrees {
        out.extend(occupation(&record.name));
    }
    out
}

/// Matches a cue table in one field, longest phrases first, nested phrases dropped.
fn scan(field: &str, text: &str, cues: &'static [Cue]) -> Vec<(Feature, Evidence)> {
    let hits: Vec<_> = cues
        .iter()
        .filter_map(|c| find_phrase(text, c.phrase, c.prefix).map(|s| (s, c)))
        .collect();
    let factor = field_weight(field);
    drop_nested(hits)
        .into_iter()
        .map(|(s, c)| {
            let e = Evidence {
                source_field: field.to_string(),
                span: text[s.start..s.end].to_string(),
                points_to: c.points_to,
                weight: c.weight * factor,
                rule: c.why.to_string(),
            };
            (c.feature, e)
        })
        .collect()
}

/// A bare occupation title commonly licensed by states (used only when text cues stay below
/// [`MIN_SCORE`] and no issuer cue points elsewhere).
fn occupation(name: &str) -> Option<(Feature, Evidence)> {
    let hit = LICENSED_OCCUPATIONS
        .iter()
        .filter_map(|o| find_phrase(name, o, false))
        .max_by_key(|s| s.end - s.start)?;
    let e = Evidence {
        source_field: "name".to_string(),
        span: name[hit.start..hit.end].to_string(),
        points_to: Kind::License,
        weight: OCCUPATION_WEIGHT,
        rule: "bare title of an occupation commonly licensed by U.S. states".to_string(),
    };
    Some((Feature::Intent, e))
}

/// What the record lacks that would have decided the call.
fn missing(record: &Record) -> Vec<String> {
    let mut out = Vec::new();
    let mut need = |absent: bool, what: &str| {
        if absent {
            out.push(what.to_string());
        }
    };
    need(
        record
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty()),
        "description (purpose, assessment and maintenance statements)",
    );
    need(
        issuer_names(record).is_empty(),
        "issuer name (ceterms:ownedBy / offeredBy with a name)",
    );
    need(
        !record
            .agents
            .iter()
            .any(|a| QA_ROLES.contains(&a.role.as_str())),
        "quality assurance (ceterms:accreditedBy / approvedBy / recognizedBy / regulatedBy)",
    );
    need(
        record.conditions.is_empty(),
        "requirements (ceterms:requires: experience, exam, course)",
    );
    need(
        record.renewal.is_empty(),
        "maintenance (ceterms:renewal: renewal cycle, continuing education)",
    );
    need(
        record.revocation.is_empty(),
        "revocation (ceterms:revocation)",
    );
    need(
        record.durations.is_empty(),
        "duration (ceterms:estimatedDuration)",
    );
    out
}
