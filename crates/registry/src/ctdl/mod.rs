//! CTDL JSON-LD import: every document shape the registry has published since 2016, turned into
//! [`Record`]s with per-record diagnostics.
//!
//! Accepted shapes: a single record object; an `@graph` document (the node with a CTID is the record,
//! `_:` blank nodes are attached to the records that reference them, other nodes with their own CTID
//! become records of their own); a top-level array of any of these; registry envelopes whose
//! `decoded_resource` holds a record or a graph; the 2018 shape (plain strings, upper-case CTIDs) and
//! the 2016 legacy shape (`urn:ctid:`, `schema:name`). A UTF-8 byte order mark is skipped.

pub(crate) mod codes;
mod profiles;
mod record;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use credence_model::{Diagnostic, Location, Record, Severity};
use serde_json::Value;

use crate::error::{read_file, sha256_hex, RegistryError};
use crate::jsonld::{blank_references, node_id, Node};
use crate::Vocabulary;

/// What one import produced: the records kept, every finding, and how many records were rejected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOutcome {
    /// Records that passed (possibly with warnings).
    pub records: Vec<Record>,
    /// Warnings (record kept) and errors (record rejected), in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many records were rejected by an error diagnostic.
    pub rejected: usize,
    /// SHA-256 of the input file, so the import run can cite exactly what was read.
    pub file_sha256: String,
}

/// Imports a CTDL JSON-LD file from disk; see [`import_ctdl_bytes`].
pub fn import_ctdl_file(
    path: impl AsRef<Path>,
    vocab: &Vocabulary,
) -> Result<ImportOutcome, RegistryError> {
    let path = path.as_ref();
    let bytes = read_file(path)?;
    import_ctdl_bytes(&path.display().to_string(), &bytes, vocab)
}

/// Imports CTDL JSON-LD bytes; only invalid JSON fails the whole file, record problems are diagnostics.
pub fn import_ctdl_bytes(
    file_name: &str,
    bytes: &[u8],
    vocab: &Vocabulary,
) -> Result<ImportOutcome, RegistryError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc: Value = serde_json::from_slice(body).map_err(|e| RegistryError::Json {
        file: file_name.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let sha = sha256_hex(bytes);
    let mut importer = Importer {
        file: file_name,
        sha: &sha,
        vocab,
        out: ImportOutcome {
            file_sha256: sha.clone(),
            ..Default::default()
        },
    };
    importer.walk(&doc, "");
    Ok(importer.out)
}

/// Shared facts for building records from one file.
pub(crate) struct Ctx<'a> {
    /// The file name as given.
    pub file: &'a str,
    /// SHA-256 of the file bytes.
    pub sha: &'a str,
    /// The CTDL vocabulary.
    pub vocab: &'a Vocabulary,
    /// Nodes of the current `@graph` by `@id`, to name referenced agents and targets.
    pub index: HashMap<String, &'a Node>,
}

/// Walks a parsed document and collects records and diagnostics.
struct Importer<'a> {
    file: &'a str,
    sha: &'a str,
    vocab: &'a Vocabulary,
    out: ImportOutcome,
}

/// Joins a JSON pointer-like path: `[2]`, `@graph[0]`, `[1].decoded_resource.@graph[3]`.
fn join(parent: &str, child: &str) -> String {
    match (parent.is_empty(), child.starts_with('[')) {
        (true, _) => child.to_string(),
        (false, true) => format!("{parent}{child}"),
        (false, false) => format!("{parent}.{child}"),
    }
}

/// The pointer shown for the document root.
pub(crate) fn display_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        "$".to_string()
    } else {
        pointer.to_string()
    }
}

impl<'a> Importer<'a> {
    /// Dispatches on the document shape.
    fn walk(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &join(pointer, &format!("[{i}]")));
                }
            }
            Value::Object(map) => self.walk_object(map, pointer),
            other => self.reject(
                pointer,
                None,
                &format!("expected a record object, found {}", kind(other)),
            ),
        }
    }

    /// An envelope, a graph document or a single record.
    fn walk_object(&mut self, map: &Node, pointer: &str) {
        if let Some(decoded) = map.get("decoded_resource") {
            self.walk_envelope(decoded, &join(pointer, "decoded_resource"));
        } else if map.contains_key("envelope_type") {
            self.reject(
                pointer,
                Some("decoded_resource"),
                "registry envelope has no `decoded_resource`",
            );
        } else if let Some(graph) = map.get("@graph") {
            self.walk_graph(graph, &join(pointer, "@graph"));
        } else {
            self.add_records(
                &[(pointer.to_string(), map)],
                &HashMap::new(),
                &HashMap::new(),
            );
        }
    }

    /// `decoded_resource` is normally an object; some exports store it as JSON text.
    fn walk_envelope(&mut self, decoded: &Value, pointer: &str) {
        match decoded {
            Value::String(s) => match serde_json::from_str::<Value>(s) {
                Ok(inner) => self.walk(&inner, pointer),
                Err(e) => self.reject(
                    pointer,
                    None,
                    &format!("`decoded_resource` text is not JSON: {e}"),
                ),
            },
            other => self.walk(other, pointer),
        }
    }

    /// Splits a graph into records (nodes with a CTID or a non-blank `@id`) and their blank nodes.
    fn walk_graph(&mut self, graph: &Value, pointer: &str) {
        let Value::Array(items) = graph else {
            self.reject(
                pointer,
                None,
                &format!("`@graph` must be an array, found {}", kind(graph)),
            );
            return;
        };
        let mut nodes: Vec<(String, &Node)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{pointer}[{i}]");
            match item {
                Value::Object(map) => nodes.push((p, map)),
                other => self.reject(
                    &p,
                    None,
                    &format!("graph node must be an object, found {}", kind(other)),
                ),
            }
        }
        let index: HashMap<String, &Node> = nodes
            .iter()
            .filter_map(|(_, n)| node_id(n).map(|id| (id, *n)))
            .collect();
        let (owners, blanks): (Vec<_>, Vec<_>) =
            nodes.into_iter().partition(|(_, n)| is_record_node(n));
        let attached = self.assign_blank_nodes(&owners, &blanks, &index);
        self.add_records(&owners, &index, &attached);
    }

    /// Which blank nodes each record owns (by pointer); orphans go to the first record with a warning.
    fn assign_blank_nodes(
        &mut self,
        owners: &[(String, &Node)],
        blanks: &[(String, &Node)],
        index: &HashMap<String, &Node>,
    ) -> HashMap<String, Vec<Value>> {
        let blank_ids: HashMap<String, usize> = blanks
            .iter()
            .enumerate()
            .filter_map(|(i, (_, n))| node_id(n).map(|id| (id, i)))
            .collect();
        let mut used = HashSet::new();
        let mut attached = HashMap::new();
        for (pointer, node) in owners {
            let owned = reachable_blanks(node, index, &blank_ids);
            used.extend(owned.iter().copied());
            let values = owned
                .iter()
                .filter_map(|i| blanks.get(*i))
                .map(|(_, n)| Value::Object((*n).clone()));
            attached.insert(pointer.clone(), values.collect::<Vec<_>>());
        }
        for (i, (pointer, node)) in blanks.iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            let label = node_id(node).unwrap_or_else(|| pointer.clone());
            match owners.first().and_then(|(p, _)| attached.get_mut(p)) {
                Some(list) => {
                    list.push(Value::Object((*node).clone()));
                    let loc = Location::file(self.file).record(label);
                    self.out.diagnostics.push(Diagnostic::warning(
                        loc,
                        "blank node is not referenced by any record; attached to the first record",
                    ));
                }
                None => self.reject(
                    pointer,
                    None,
                    "graph node has no CTID and no record references it",
                ),
            }
        }
        attached
    }

    /// Builds records from nodes, recording diagnostics and rejections.
    fn add_records(
        &mut self,
        nodes: &[(String, &Node)],
        index: &HashMap<String, &Node>,
        attached: &HashMap<String, Vec<Value>>,
    ) {
        let ctx = Ctx {
            file: self.file,
            sha: self.sha,
            vocab: self.vocab,
            index: index.clone(),
        };
        for (pointer, node) in nodes {
            let (record, diagnostics) = record::build(node, pointer, &ctx);
            let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
            self.out.diagnostics.extend(diagnostics);
            match record {
                Some(mut r) if !has_error => {
                    r.attached = attached.get(pointer).cloned().unwrap_or_default();
                    self.out.records.push(r);
                }
                _ => self.out.rejected += 1,
            }
        }
    }

    /// Records an error for something that could not become a record at all.
    fn reject(&mut self, pointer: &str, field: Option<&str>, message: &str) {
        let mut loc = Location::file(self.file).record(display_pointer(pointer));
        if let Some(f) = field {
            loc = loc.field(f);
        }
        self.out.diagnostics.push(Diagnostic::error(loc, message));
        self.out.rejected += 1;
    }
}

/// A graph node is a record when it has a CTID property or a non-blank `@id`.
fn is_record_node(node: &Node) -> bool {
    node.contains_key("ceterms:ctid") || node_id(node).is_some_and(|id| !id.starts_with("_:"))
}

/// Blank nodes (by position) reachable from a record, directly or through other blank nodes.
fn reachable_blanks(
    node: &Node,
    index: &HashMap<String, &Node>,
    blank_ids: &HashMap<String, usize>,
) -> Vec<usize> {
    let mut refs = Vec::new();
    node.values().for_each(|v| blank_references(v, &mut refs));
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    while let Some(id) = refs.pop() {
        let Some(&pos) = blank_ids.get(&id) else {
            continue;
        };
        if seen.insert(pos) {
            order.push(pos);
            if let Some(target) = index.get(&id) {
                target.values().for_each(|v| blank_references(v, &mut refs));
            }
        }
    }
    order.sort_unstable();
    order
}

/// A JSON kind name for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
