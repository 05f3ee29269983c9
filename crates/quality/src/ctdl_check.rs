//! CTDL conformance of a record's JSON-LD against the vocabulary: properties used outside their
//! domain, unknown `ceterms:` properties, and the range violations that can be told without
//! guessing. Checked on the record node, its attached graph nodes, and every embedded node whose
//! `@type` is a class of the vocabulary.

use credence_registry::Vocabulary;
use serde_json::{Map, Value};

use crate::signals::MAX_DEPTH;

/// One conformance problem, as a readable line: `path: message`.
pub(crate) type Finding = String;

/// Domain and unknown-property findings, then range findings.
#[derive(Debug, Default)]
pub(crate) struct Conformance {
    /// Properties outside their domain and unknown `ceterms:` properties.
    pub domain: Vec<Finding>,
    /// Values whose JSON shape contradicts every type in the property's range.
    pub range: Vec<Finding>,
}

/// Checks the record's document and attached nodes.
pub(crate) fn check(document: &Value, attached: &[Value], vocab: &Vocabulary) -> Conformance {
    let mut out = Conformance::default();
    walk(document, "$", vocab, &mut out, 0);
    for (i, node) in attached.iter().enumerate() {
        walk(node, &format!("attached[{i}]"), vocab, &mut out, 0);
    }
    out
}

/// Visits a value: typed objects are checked, then every nested value is visited.
fn walk(value: &Value, path: &str, vocab: &Vocabulary, out: &mut Conformance, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(class) = node_type(map, vocab) {
                check_node(map, class, path, vocab, out);
            }
            for (key, v) in map.iter().filter(|(k, _)| !k.starts_with('@')) {
                walk(v, &format!("{path}/{key}"), vocab, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{path}[{i}]"), vocab, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The first `@type` of a node that the vocabulary defines as a class.
fn node_type<'a>(map: &'a Map<String, Value>, vocab: &Vocabulary) -> Option<&'a str> {
    match map.get("@type")? {
        Value::String(t) => Some(t.as_str()).filter(|t| vocab.is_class(t)),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| vocab.is_class(t)),
        _ => None,
    }
}

/// Domain and range of every `ceterms:` property of one typed node.
fn check_node(
    map: &Map<String, Value>,
    class: &str,
    path: &str,
    vocab: &Vocabulary,
    out: &mut Conformance,
) {
    for (property, value) in map.iter().filter(|(k, _)| k.starts_with("ceterms:")) {
        if !vocab.is_property(property) {
            out.domain
                .push(format!("{path}: `{property}` is not a CTDL property"));
            continue;
        }
        if !vocab.allows_property(class, property) {
            out.domain.push(format!(
                "{path}: `{property}` is not defined for `{class}` or its ancestors"
            ));
        }
        if let Some(problem) = range_problem(property, value, vocab) {
            out.range.push(format!("{path}/{property}: {problem}"));
        }
    }
}

/// Datatypes whose values are literals (strings, numbers, language maps).
fn is_literal_type(t: &str) -> bool {
    t.starts_with("xsd:")
        || matches!(
            t,
            "rdf:langString" | "rdfs:Literal" | "schema:Date" | "schema:Duration"
        )
}

/// Range types that accept both literals and nodes, so nothing can be concluded.
fn is_open_type(t: &str) -> bool {
    matches!(t, "rdfs:Resource" | "xsd:anyURI" | "schema:WebPage")
}

/// The range problem of one property value, if its JSON shape contradicts every range type:
/// a node (an object with `@type`, `@id` or prefixed keys) where only literals are allowed, or
/// a number or boolean where only nodes are allowed. Strings are never flagged for node ranges
/// (they may be URIs or blank-node references), nor language maps and `@value` objects for
/// literal ranges.
fn range_problem(property: &str, value: &Value, vocab: &Vocabulary) -> Option<String> {
    let ranges = vocab.property_ranges(property)?;
    if ranges.is_empty() || ranges.iter().any(|r| is_open_type(r)) {
        return None;
    }
    let all_literal = ranges.iter().all(|r| is_literal_type(r));
    let all_nodes = ranges.iter().all(|r| !is_literal_type(r));
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let range = ranges.join(", ");
    items.into_iter().find_map(|item| {
        if all_literal && is_node(item) {
            Some(format!("an object where the range is a literal ({range})"))
        } else if all_nodes && matches!(item, Value::Number(_) | Value::Bool(_)) {
            Some(format!(
                "the literal `{item}` where the range is a node ({range})"
            ))
        } else {
            None
        }
    })
}

/// Whether an object is a graph node rather than a language map or a value object.
fn is_node(value: &Value) -> bool {
    let Some(map) = value.as_object() else {
        return false;
    };
    if map.contains_key("@value") {
        return false;
    }
    map.contains_key("@type") || map.contains_key("@id") || map.keys().any(|k| k.contains(':'))
}
