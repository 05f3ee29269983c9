//! Small readers for JSON-LD values as the registry publishes them: language maps, single values or
//! arrays, numbers written as strings, `{"@id": …}` references and embedded objects.

use serde_json::{Map, Value};

/// A node's properties, for readability in signatures.
pub(crate) type Node = Map<String, Value>;

/// Treats a single value and an array alike; `null` and absence give nothing.
pub(crate) fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

/// True when an object looks like a language map (`{"en": …}`, `{"en-US": …}`).
fn is_language_map(map: &Node) -> bool {
    !map.is_empty() && map.keys().all(|k| is_language_tag(k))
}

/// A BCP 47-ish tag: letters, then hyphen-separated alphanumeric parts.
fn is_language_tag(key: &str) -> bool {
    let mut parts = key.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The value of a language map in the preferred language: `en*` first, else the first entry.
fn preferred_language(map: &Node) -> Option<&Value> {
    map.iter()
        .find(|(k, _)| k.to_ascii_lowercase().starts_with("en"))
        .or_else(|| map.iter().next())
        .map(|(_, v)| v)
}

/// All plain texts in a value: strings, numbers, language maps (preferred language) and `@value`s.
pub(crate) fn texts(value: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    for item in list(value) {
        collect_texts(item, &mut out);
    }
    out
}

/// Appends the texts of one (non-array or array) value.
fn collect_texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => push_trimmed(s, out),
        Value::Number(n) => out.push(n.to_string()),
        Value::Bool(b) => out.push(b.to_string()),
        Value::Array(items) => items.iter().for_each(|i| collect_texts(i, out)),
        Value::Object(map) => {
            if let Some(v) = map.get("@value") {
                collect_texts(v, out);
            } else if is_language_map(map) {
                if let Some(v) = preferred_language(map) {
                    collect_texts(v, out);
                }
            }
        }
        Value::Null => {}
    }
}

/// Keeps a string when it has content, trimmed.
fn push_trimmed(s: &str, out: &mut Vec<String>) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t.to_string());
    }
}

/// The first text of a value (see [`texts`]).
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    texts(value).into_iter().next()
}

/// The first text of the first present property among `keys`.
pub(crate) fn text_of(node: &Node, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| text(node.get(*k)))
}

/// A number, whether published as a JSON number or as text (`"48.0"`, `"$1,200"`).
pub(crate) fn number(value: Option<&Value>) -> Option<f64> {
    match list(value).into_iter().next()? {
        Value::Number(n) => n.as_f64(),
        other => {
            let t = text(Some(other))?;
            let cleaned: String = t.chars().filter(|c| *c != ',' && *c != '$').collect();
            cleaned.trim().parse::<f64>().ok().filter(|f| f.is_finite())
        }
    }
}

/// The identifier a value refers to: a plain string, or an object's `@id`.
pub(crate) fn reference(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(map) => map.get("@id").and_then(reference),
        _ => None,
    }
}

/// The `@id` of a node, when it has a non-blank one.
pub(crate) fn node_id(node: &Node) -> Option<String> {
    node.get("@id").and_then(reference)
}

/// Every string in a value that names a blank node (`_:…`), for ownership of graph nodes.
pub(crate) fn blank_references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.starts_with("_:") => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| blank_references(i, out)),
        Value::Object(map) => map.values().for_each(|v| blank_references(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn language_maps_prefer_english() {
        let v = json!({"fr": "Bonjour", "en-US": "Hello"});
        assert_eq!(text(Some(&v)).as_deref(), Some("Hello"));
        let v = json!({"es": ["a", "b"]});
        assert_eq!(texts(Some(&v)), vec!["a", "b"]);
        let v = json!({"@type": "ceterms:Place", "ceterms:name": "x"});
        assert!(text(Some(&v)).is_none());
    }

    #[test]
    fn numbers_from_text() {
        assert_eq!(number(Some(&json!("48.0"))), Some(48.0));
        assert_eq!(number(Some(&json!([12999.0]))), Some(12999.0));
        assert_eq!(number(Some(&json!("n/a"))), None);
    }
}
