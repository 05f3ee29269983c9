//! CTDL JSON-LD export: the imported node is written back unchanged except for the canonical CTID
//! (in `ceterms:ctid` and at the end of `@id`), followed by its attached blank nodes, so a round trip
//! keeps every property, unknown ones included. Records that did not come from CTDL (state lists) get
//! a minimal CTDL node built from their normalized fields.

use std::collections::HashMap;

use credence_model::{Code, CodeScheme, Ctid, Record};
use serde_json::{json, Map, Value};

/// The current CTDL JSON-LD context.
const CONTEXT: &str = "https://credreg.net/ctdl/schema/context/json";

/// One record as a CTDL JSON-LD document (`@context` + `@graph` of the record and its blank nodes).
pub fn export_record(record: &Record) -> Value {
    export_graph(std::slice::from_ref(record))
}

/// Several records as one CTDL JSON-LD document; shared blank nodes are written once.
pub fn export_graph(records: &[Record]) -> Value {
    // Blank-node labels are only unique within one source file: a label already used by another
    // file is renamed (in the node and in every reference to it), never dropped or merged.
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut graph = Vec::new();
    for record in records {
        let file = record.provenance.file.as_str();
        let mut renames: HashMap<String, String> = HashMap::new();
        let mut attached = Vec::new();
        for node in &record.attached {
            let Some(id) = node.get("@id").and_then(Value::as_str) else {
                attached.push(node.clone());
                continue;
            };
            match owner.get(id) {
                Some(f) if f == file => {} // shared by records of one file: written once
                Some(_) => {
                    let fresh = format!("{id}-{}", owner.len());
                    owner.insert(fresh.clone(), file.to_string());
                    renames.insert(id.to_string(), fresh);
                    attached.push(node.clone());
                }
                None => {
                    owner.insert(id.to_string(), file.to_string());
                    attached.push(node.clone());
                }
            }
        }
        let mut main = record_node(record);
        relabel(&mut main, &renames);
        graph.push(main);
        for mut node in attached {
            relabel(&mut node, &renames);
            graph.push(node);
        }
    }
    json!({ "@context": CONTEXT, "@graph": graph })
}

/// Replaces every string equal to a renamed blank-node label, at any depth.
fn relabel(value: &mut Value, renames: &HashMap<String, String>) {
    if renames.is_empty() {
        return;
    }
    match value {
        Value::String(s) => {
            if let Some(new) = renames.get(s.as_str()) {
                *s = new.clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| relabel(v, renames)),
        Value::Object(map) => map.values_mut().for_each(|v| relabel(v, renames)),
        _ => {}
    }
}

/// The record's own node: the imported document with the canonical CTID, else a synthesized node.
fn record_node(record: &Record) -> Value {
    match &record.document {
        Value::Object(doc) if doc.contains_key("@type") => {
            Value::Object(with_canonical_ctid(doc, record.ctid.as_ref()))
        }
        _ => synthesized(record),
    }
}

/// Replaces the CTID text (property and `@id` suffix) by the canonical form, keeping key order.
fn with_canonical_ctid(doc: &Map<String, Value>, ctid: Option<&Ctid>) -> Map<String, Value> {
    let mut node = doc.clone();
    let Some(ctid) = ctid else {
        return node;
    };
    node.insert(
        "ceterms:ctid".to_string(),
        Value::String(ctid.as_str().to_string()),
    );
    if let Some(Value::String(id)) = node.get_mut("@id") {
        if let Some(fixed) = canonical_id(id, ctid) {
            *id = fixed;
        }
    }
    node
}

/// An `@id` whose last segment spells the same CTID, rewritten with the canonical spelling.
fn canonical_id(id: &str, ctid: &Ctid) -> Option<String> {
    let (head, last) = match id.rfind('/') {
        Some(at) => (id.get(..=at)?, id.get(at + 1..)?),
        None => ("", id),
    };
    match Ctid::normalize(last) {
        Ok((c, _)) if &c == ctid && last != ctid.as_str() => {
            Some(format!("{head}{}", ctid.as_str()))
        }
        _ => None,
    }
}

/// A minimal CTDL node for records imported from lists (no JSON-LD source).
fn synthesized(record: &Record) -> Value {
    let mut node = Map::new();
    node.insert("@id".into(), json!(format!("urn:credence:{}", record.id)));
    let ctdl_type = if record.ctdl_type.is_empty() {
        "ceterms:Credential"
    } else {
        &record.ctdl_type
    };
    node.insert("@type".into(), json!(ctdl_type));
    if let Some(ctid) = &record.ctid {
        node.insert("ceterms:ctid".into(), json!(ctid.as_str()));
    }
    node.insert("ceterms:name".into(), json!({ "en": record.name }));
    if !record.alternate_names.is_empty() {
        node.insert(
            "ceterms:alternateName".into(),
            json!({ "en": record.alternate_names }),
        );
    }
    if let Some(d) = &record.description {
        node.insert("ceterms:description".into(), json!({ "en": d }));
    }
    if let Some(w) = &record.subject_webpage {
        node.insert("ceterms:subjectWebpage".into(), json!(w));
    }
    add_alignments(&mut node, &record.codes);
    Value::Object(node)
}

/// Codes as CTDL alignment objects under the property for their system.
fn add_alignments(node: &mut Map<String, Value>, codes: &[Code]) {
    for code in codes {
        let (property, framework) = match code.scheme {
            CodeScheme::OnetSoc => ("ceterms:occupationType", "O*NET-SOC"),
            CodeScheme::Soc2018 => ("ceterms:occupationType", "SOC 2018"),
            CodeScheme::Soc2010 => ("ceterms:occupationType", "SOC 2010"),
            CodeScheme::Cip2020 => ("ceterms:instructionalProgramType", "CIP 2020"),
            CodeScheme::Naics2022 => ("ceterms:industryType", "NAICS 2022"),
        };
        let mut cao = json!({
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:codedNotation": code.code,
            "ceterms:frameworkName": { "en": framework },
        });
        if let (Some(label), Some(obj)) = (&code.label, cao.as_object_mut()) {
            obj.insert("ceterms:targetNodeName".into(), json!({ "en": label }));
        }
        if let Value::Array(items) = node.entry(property).or_insert_with(|| json!([])) {
            items.push(cao);
        }
    }
}

#[cfg(test)]
mod graph_tests {
    use super::*;
    use credence_model::{Lifecycle, Provenance, RecordClass};

    fn record(id: &str, file: &str) -> Record {
        Record {
            id: id.into(),
            ctid: None,
            ctdl_type: "ceterms:Certificate".into(),
            class: RecordClass::Credential,
            classified: true,
            name: id.into(),
            alternate_names: vec![],
            description: None,
            lifecycle: Lifecycle::Active,
            subject_webpage: None,
            agents: vec![],
            codes: vec![],
            costs: vec![],
            durations: vec![],
            conditions: vec![],
            renewal: vec![],
            revocation: vec![],
            jurisdictions: vec![],
            keywords: vec![],
            document: json!({"@id": format!("urn:{id}"), "@type": "ceterms:Certificate", "ceterms:requires": ["_:b1"]}),
            attached: vec![
                json!({"@id": "_:b1", "@type": "ceterms:ConditionProfile", "ceterms:name": file}),
            ],
            provenance: Provenance {
                file: file.into(),
                ..Default::default()
            },
        }
    }

    #[test]
    fn same_blank_label_from_two_files_is_renamed_not_dropped() {
        let doc = export_graph(&[record("a", "one.json"), record("b", "two.json")]);
        let graph = doc["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 4);
        let second_ref = graph[2]["ceterms:requires"][0].as_str().unwrap();
        assert_ne!(second_ref, "_:b1");
        assert_eq!(graph[3]["@id"], second_ref);
        assert_eq!(graph[3]["ceterms:name"], "two.json");
        // Records of one file share their blank nodes: written once.
        let doc = export_graph(&[record("a", "one.json"), record("b", "one.json")]);
        assert_eq!(doc["@graph"].as_array().unwrap().len(), 3);
    }
}
