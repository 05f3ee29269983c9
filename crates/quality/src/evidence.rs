//! Evidence shared by every result of this crate: where a fact was read and the exact text.

use credence_model::{ConditionSummary, Record};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::text::clip;

/// One piece of evidence: the field it was read from and the text span that says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Field: `description`, `name`, `keywords`, a CTDL property (`ceterms:accreditedBy`), or a
    /// path into a profile (`ceterms:renewal/ceterms:experience`, `costs[0]`).
    pub field: String,
    /// The exact text found, or a short summary of a structured value.
    pub span: String,
    /// What was concluded from it, in words (`cycle: 3 years`, `renewal fee`).
    pub note: String,
}

impl Evidence {
    /// Builds one evidence item.
    pub fn new(field: impl Into<String>, span: impl Into<String>, note: impl Into<String>) -> Self {
        Evidence {
            field: field.into(),
            span: span.into(),
            note: note.into(),
        }
    }
}

/// A readable text of a record together with the field it came from.
#[derive(Debug, Clone)]
pub(crate) struct Source<'a> {
    /// Field name for evidence.
    pub field: String,
    /// The text.
    pub text: &'a str,
}

/// Texts of condition profiles, each with a field path (`ceterms:requires/ceterms:experience`),
/// alternatives included.
pub(crate) fn condition_sources<'a>(conditions: &'a [ConditionSummary]) -> Vec<Source<'a>> {
    let mut out = Vec::new();
    for c in conditions {
        let mut push = |part: &str, text: &'a str| {
            out.push(Source {
                field: format!("{}/{part}", c.kind),
                text,
            })
        };
        c.name.iter().for_each(|t| push("ceterms:name", t));
        c.description
            .iter()
            .for_each(|t| push("ceterms:description", t));
        c.requirements
            .iter()
            .for_each(|t| push("ceterms:condition", t));
        c.experience
            .iter()
            .for_each(|t| push("ceterms:experience", t));
        c.targets.iter().for_each(|t| push("target", t));
        out.extend(condition_sources(&c.alternatives));
    }
    out
}

/// The record's own free text: name, alternate names, description and keywords.
pub(crate) fn record_sources(record: &Record) -> Vec<Source<'_>> {
    let mut out = vec![Source {
        field: "name".into(),
        text: &record.name,
    }];
    out.extend(record.alternate_names.iter().map(|t| Source {
        field: "alternate_names".into(),
        text: t,
    }));
    out.extend(record.description.iter().map(|t| Source {
        field: "description".into(),
        text: t,
    }));
    out.extend(record.keywords.iter().map(|t| Source {
        field: "keywords".into(),
        text: t,
    }));
    out
}

/// Whether a record came from CTDL JSON-LD (its document has an `@type` or `ceterms:` keys)
/// rather than from a state list or CSV row.
pub(crate) fn is_ctdl(record: &Record) -> bool {
    record
        .document
        .as_object()
        .is_some_and(|m| m.keys().any(|k| k == "@type" || k.starts_with("ceterms:")))
}

/// A short summary of a JSON value for evidence spans.
pub(crate) fn summarize(value: &Value) -> String {
    match value {
        Value::String(s) => clip(s),
        other => clip(&other.to_string()),
    }
}
