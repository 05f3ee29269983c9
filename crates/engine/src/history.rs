//! Change history: what changed in a record between imports, field by field.

use credence_model::Record;
use credence_store::RecordVersion;
use serde::Serialize;
use serde_json::Value;

use crate::{Engine, EngineError};

/// One version of a record and what it changed relative to the one before.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// Version number, time and source file.
    pub version: RecordVersion,
    /// Changed fields; empty for the first version.
    pub changes: Vec<FieldChange>,
}

/// One changed field, with its value before and after (as compact JSON text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Normalized field (`name`, `costs`) or source property (`document.ceterms:description`).
    pub field: String,
    /// Value before, absent when the field was added.
    pub before: Option<String>,
    /// Value after, absent when the field was removed.
    pub after: Option<String>,
}

/// Field-level differences between two versions: normalized fields and source properties.
pub fn diff(before: &Record, after: &Record) -> Vec<FieldChange> {
    let as_object = |r: &Record| match serde_json::to_value(r) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    let (old, new) = (as_object(before), as_object(after));
    let mut changes = Vec::new();
    for (key, old_v, new_v) in union(&old, &new) {
        // Provenance changes with every file; the source document is compared property by property.
        match key.as_str() {
            "provenance" => {}
            "document" => {
                let (o, n) = (object(old_v), object(new_v));
                for (k, a, b) in union(&o, &n) {
                    push_change(&mut changes, format!("document.{k}"), a, b);
                }
            }
            _ => push_change(&mut changes, key, old_v, new_v),
        }
    }
    changes
}

fn object(v: Option<&Value>) -> serde_json::Map<String, Value> {
    match v {
        Some(Value::Object(m)) => m.clone(),
        _ => serde_json::Map::new(),
    }
}

/// Keys of both maps (first map's order, then the second's new keys) with their values.
fn union<'a>(
    a: &'a serde_json::Map<String, Value>,
    b: &'a serde_json::Map<String, Value>,
) -> Vec<(String, Option<&'a Value>, Option<&'a Value>)> {
    let mut keys: Vec<&String> = a.keys().collect();
    keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
    keys.into_iter()
        .map(|k| (k.clone(), a.get(k), b.get(k)))
        .collect()
}

fn push_change(out: &mut Vec<FieldChange>, field: String, a: Option<&Value>, b: Option<&Value>) {
    if a == b {
        return;
    }
    let text = |v: Option<&Value>| v.map(|v| serde_json::to_string(v).unwrap_or_default());
    out.push(FieldChange {
        field,
        before: text(a),
        after: text(b),
    });
}

impl Engine {
    /// Every version of a record with what each changed.
    pub async fn history(&self, id: &str) -> Result<Vec<HistoryEntry>, EngineError> {
        let record = self.record(id).await?;
        let versions = self.store.record_versions(&record.id).await?;
        let mut out = Vec::with_capacity(versions.len());
        let mut previous: Option<Record> = None;
        for (version, body) in versions {
            let changes = previous
                .as_ref()
                .map(|p| diff(p, &body))
                .unwrap_or_default();
            out.push(HistoryEntry { version, changes });
            previous = Some(body);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_normalized_fields_and_source_properties() {
        let before: Record = serde_json::from_value(serde_json::json!({
            "id": "x", "ctid": null, "ctdl_type": "ceterms:Certificate", "class": "credential",
            "classified": true, "name": "Old", "alternate_names": [], "description": null,
            "lifecycle": "active", "subject_webpage": null, "agents": [], "codes": [], "costs": [],
            "durations": [], "conditions": [], "renewal": [], "revocation": [], "jurisdictions": [],
            "keywords": [], "document": {"ceterms:name": "Old", "x:keep": 1}, "attached": [],
            "provenance": {"source": "s", "file": "a.json", "pointer": "", "file_sha256": "", "license": null}
        }))
        .unwrap();
        let mut after = before.clone();
        after.name = "New".into();
        after.document = serde_json::json!({"ceterms:name": "New", "x:keep": 1, "x:added": true});
        after.provenance.file = "b.json".into();
        let fields: Vec<String> = diff(&before, &after).into_iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec!["name", "document.ceterms:name", "document.x:added"]
        );
        assert!(diff(&before, &before).is_empty());
    }
}
