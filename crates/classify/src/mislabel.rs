//! Declared type versus evidence: mislabel flags for classified records, proposals for
//! unclassified ones.

use credence_model::Record;
use serde::{Deserialize, Serialize};

use crate::{declared_kind, Classification, Kind};

/// The evidence must beat the declared kind's score by at least this much to flag a mislabel.
pub const MISLABEL_MARGIN: f64 = 2.0;
/// …and the call must be at least this confident.
pub const MISLABEL_CONFIDENCE: f64 = 0.5;

/// A declared CTDL type that the evidence contradicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mislabel {
    /// What the record declares.
    pub declared: Kind,
    /// What the evidence says.
    pub evidence_says: Kind,
    /// Why, citing the strongest evidence.
    pub reason: String,
}

/// A proposed type for a record whose type is unknown (`classified == false`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// The proposed kind.
    pub proposed: Kind,
    /// The classifier's confidence.
    pub confidence: f64,
    /// Why, citing the strongest evidence.
    pub reason: String,
}

/// Flags a classified record whose declared type contradicts the evidence; `None` when they agree,
/// when the declared type is generic, when the record is unclassified, or when the evidence is weak.
pub fn check_declared(record: &Record, c: &Classification) -> Option<Mislabel> {
    if !record.classified || c.call == Kind::Unknown {
        return None;
    }
    let declared = declared_kind(&record.ctdl_type)?;
    let margin = c.scores.get(c.call) - c.scores.get(declared);
    if declared == c.call || margin < MISLABEL_MARGIN || c.confidence < MISLABEL_CONFIDENCE {
        return None;
    }
    let reason = format!(
        "declared {} ({}) but the evidence scores {} {:.1} vs {} {:.1}: {}",
        declared,
        record.ctdl_type,
        c.call,
        c.scores.get(c.call),
        declared,
        c.scores.get(declared),
        strongest(c, c.call)
    );
    Some(Mislabel {
        declared,
        evidence_says: c.call,
        reason,
    })
}

/// Proposes a type for an unclassified record (`classified == false`); `None` for classified
/// records or when the evidence is too thin.
pub fn propose(record: &Record, c: &Classification) -> Option<Proposal> {
    if record.classified || c.call == Kind::Unknown {
        return None;
    }
    Some(Proposal {
        proposed: c.call,
        confidence: c.confidence,
        reason: strongest(c, c.call),
    })
}

/// The three strongest pieces of evidence for `kind`, as text.
fn strongest(c: &Classification, kind: Kind) -> String {
    let mut items: Vec<_> = c
        .features
        .iter()
        .flat_map(|f| f.evidence.iter().map(move |e| (f, e)))
        .filter(|(_, e)| e.points_to == kind)
        .collect();
    items.sort_by(|a, b| b.1.weight.total_cmp(&a.1.weight));
    items
        .iter()
        .take(3)
        .map(|(f, e)| {
            format!(
                "{} \"{}\" in {} ({})",
                f.title, e.span, e.source_field, e.rule
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
