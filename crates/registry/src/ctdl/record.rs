//! One JSON-LD node to one [`Record`]: identity (CTID or derived id), type, names, lifecycle and the
//! lists filled by [`super::codes`] and [`super::profiles`].

use credence_model::{Ctid, Diagnostic, Lifecycle, Location, Provenance, Record, RecordClass};
use serde_json::Value;

use super::{codes, display_pointer, profiles, Ctx};
use crate::error::sha256_hex;
use crate::jsonld::{list, node_id, text, text_of, texts, Node};

/// Provenance source name for registry records.
const SOURCE: &str = "Credential Engine Registry (CTDL JSON-LD)";
/// Attribution that travels with CTDL data.
const LICENSE: &str = "CTDL by Credential Engine, CC BY 4.0";
/// The CTID property.
const CTID: &str = "ceterms:ctid";

/// Where findings about one node point, and the findings so far.
pub(crate) struct Findings {
    /// File and record (the `@id`, else the pointer).
    pub location: Location,
    /// Collected diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl Findings {
    /// A warning about one field.
    pub fn warn(&mut self, field: &str, message: impl Into<String>) {
        let loc = self.location.clone().field(field);
        self.diagnostics.push(Diagnostic::warning(loc, message));
    }

    /// An error about one field: the record will be rejected.
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        let loc = self.location.clone().field(field);
        self.diagnostics.push(Diagnostic::error(loc, message));
    }
}

/// Builds a record; `None` (with an error diagnostic) when the node cannot be identified.
pub(crate) fn build(node: &Node, pointer: &str, ctx: &Ctx) -> (Option<Record>, Vec<Diagnostic>) {
    let label = node_id(node).unwrap_or_else(|| display_pointer(pointer));
    let mut f = Findings {
        location: Location::file(ctx.file).record(label),
        diagnostics: Vec::new(),
    };
    let Some((id, ctid)) = identity(node, &mut f) else {
        return (None, f.diagnostics);
    };
    let (ctdl_type, class, classified) = classify(node, ctx, &mut f);
    let name = text_of(node, &["ceterms:name", "schema:name"]).unwrap_or_else(|| {
        f.warn(
            "ceterms:name",
            "record has no name; its id is shown instead",
        );
        id.clone()
    });
    let record = Record {
        id,
        ctid,
        ctdl_type,
        class,
        classified,
        name,
        alternate_names: texts(node.get("ceterms:alternateName")),
        description: text_of(node, &["ceterms:description", "schema:description"]),
        lifecycle: lifecycle(node),
        subject_webpage: text_of(node, &["ceterms:subjectWebpage", "schema:url"]),
        agents: profiles::agents(node, ctx),
        codes: codes::codes(node, &mut f),
        costs: profiles::costs(node),
        durations: profiles::durations(node),
        conditions: profiles::conditions(node, ctx),
        renewal: profiles::renewal(node, ctx),
        revocation: profiles::revocation(node),
        jurisdictions: profiles::jurisdictions(node),
        keywords: keywords(node),
        document: Value::Object(node.clone()),
        attached: Vec::new(),
        provenance: Provenance {
            source: SOURCE.to_string(),
            file: ctx.file.to_string(),
            pointer: display_pointer(pointer),
            file_sha256: ctx.sha.to_string(),
            license: Some(LICENSE.to_string()),
        },
    };
    (Some(record), f.diagnostics)
}

/// The record key and CTID. A node without a CTID but with an `@id` gets a CTID taken from an `@id`
/// that ends in one, else the derived key `jsonld-` + the first 32 hex digits of SHA-256(`@id`).
fn identity(node: &Node, f: &mut Findings) -> Option<(String, Option<Ctid>)> {
    if let Some(raw) = node.get(CTID) {
        return ctid_from_property(raw, f).map(|c| (c.as_str().to_string(), Some(c)));
    }
    let Some(at_id) = node_id(node) else {
        f.error(CTID, "record has neither `ceterms:ctid` nor `@id`");
        return None;
    };
    if let Ok((ctid, _)) = Ctid::normalize(&at_id) {
        f.warn(
            CTID,
            format!("no `ceterms:ctid`; CTID taken from `@id` `{at_id}`"),
        );
        return Some((ctid.as_str().to_string(), Some(ctid)));
    }
    let digest = sha256_hex(at_id.as_bytes());
    let key = format!("jsonld-{}", digest.get(..32).unwrap_or(&digest));
    Some((key, None))
}

/// Normalizes the `ceterms:ctid` value; repairs are warnings, an unusable CTID is an error.
fn ctid_from_property(raw: &Value, f: &mut Findings) -> Option<Ctid> {
    let Some(text) = text(Some(raw)) else {
        f.error(CTID, "`ceterms:ctid` is empty or not text");
        return None;
    };
    match Ctid::normalize(&text) {
        Ok((ctid, warnings)) => {
            for w in warnings {
                f.warn(CTID, format!("`{text}`: {w}"));
            }
            Some(ctid)
        }
        Err(e) => {
            f.error(CTID, e.to_string());
            None
        }
    }
}

/// Declared type, family, and whether the type is known; unknown types are kept as `Other`.
fn classify(node: &Node, ctx: &Ctx, f: &mut Findings) -> (String, RecordClass, bool) {
    let types: Vec<String> = list(node.get("@type"))
        .into_iter()
        .filter_map(Value::as_str)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let Some(first) = types.first() else {
        f.warn("@type", "record has no `@type`; stored as unclassified");
        return (String::new(), RecordClass::Other, false);
    };
    let chosen = types.iter().find(|t| is_known(ctx, t)).unwrap_or(first);
    let class = ctx.vocab.record_class(chosen);
    if !is_known(ctx, chosen) {
        f.warn(
            "@type",
            format!("unknown `@type` `{chosen}`: not a CTDL class; stored as other"),
        );
    }
    (chosen.clone(), class, true)
}

/// A type is known when the vocabulary defines it or it belongs to a family handled by name
/// (`ceasn:` competencies and `qdata:` outcome data are published in separate vocabularies).
fn is_known(ctx: &Ctx, ctdl_type: &str) -> bool {
    ctx.vocab.is_class(ctdl_type) || ctx.vocab.record_class(ctdl_type) != RecordClass::Other
}

/// Lifecycle from `lifeCycleStatusType`, else `credentialStatusType`.
fn lifecycle(node: &Node) -> Lifecycle {
    [
        "ceterms:lifeCycleStatusType",
        "ceterms:credentialStatusType",
    ]
    .iter()
    .flat_map(|k| list(node.get(*k)))
    .filter_map(status_text)
    .map(|s| lifecycle_from(&s))
    .find(|l| *l != Lifecycle::Unknown)
    .unwrap_or(Lifecycle::Unknown)
}

/// The status term of an alignment object or a plain string.
fn status_text(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => text_of(map, &["ceterms:targetNode", "ceterms:targetNodeName"]),
        other => text(Some(other)),
    }
}

/// Maps a status term (`credentialStat:Active`, `lifeCycle:Ceased`) to a lifecycle.
fn lifecycle_from(status: &str) -> Lifecycle {
    let s = status.to_ascii_lowercase();
    let retired = [
        "deprecated",
        "ceased",
        "suspended",
        "retired",
        "deleted",
        "revoked",
        "inactive",
        "discontinued",
    ];
    if retired.iter().any(|w| s.contains(w)) {
        Lifecycle::Retired
    } else if s.contains("active") {
        Lifecycle::Active
    } else {
        Lifecycle::Unknown
    }
}

/// `ceterms:keyword` texts and `ceterms:subject` names, without duplicates or code labels.
fn keywords(node: &Node) -> Vec<String> {
    let mut out = texts(node.get("ceterms:keyword"));
    for subject in list(node.get("ceterms:subject")) {
        let name = match subject {
            Value::Object(map) => text_of(map, &["ceterms:targetNodeName"]),
            other => text(Some(other)),
        };
        if let Some(n) = name.filter(|n| !codes::looks_like_code_label(n)) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}
