//! Import → export → re-import on every CTDL fixture: equal normalized records, and every key of the
//! original nodes present in the export with an equal value (CTID and `@id` suffix canonicalized).

mod common;

use credence_registry::{export_graph, export_record, import_ctdl_bytes, import_ctdl_file};
use serde_json::Value;

#[test]
fn every_fixture_round_trips() {
    let files = common::fixture_files();
    assert_eq!(files.len(), 8);
    for path in files {
        let name = path.display().to_string();
        let first = import_ctdl_file(&path, common::vocab()).expect("imports");
        assert!(!first.records.is_empty(), "{name}");
        let exported = export_graph(&first.records);
        assert_eq!(
            exported["@context"],
            "https://credreg.net/ctdl/schema/context/json"
        );
        let text = serde_json::to_vec(&exported).expect("serializes");
        let second =
            import_ctdl_bytes("exported.json", &text, common::vocab()).expect("re-imports");
        assert_eq!(second.records.len(), first.records.len(), "{name}");
        for (a, b) in first.records.iter().zip(&second.records) {
            assert_eq!(common::normalized(a), common::normalized(b), "{name}");
            compare_nodes(
                &a.document,
                &export_record(a)["@graph"][0],
                a.ctid.as_ref().map(|c| c.as_str()),
                &name,
            );
        }
    }
}

/// Key-by-key: same keys in the same order; equal values except the canonical CTID.
fn compare_nodes(original: &Value, exported: &Value, ctid: Option<&str>, name: &str) {
    let (Some(o), Some(e)) = (original.as_object(), exported.as_object()) else {
        panic!("{name}: nodes must be objects");
    };
    let original_keys: Vec<_> = o.keys().collect();
    let exported_keys: Vec<_> = e.keys().take(o.len()).collect();
    assert_eq!(original_keys, exported_keys, "{name}: key order");
    for (key, value) in o {
        let out = &e[key];
        match key.as_str() {
            "ceterms:ctid" => assert_eq!(out.as_str(), ctid, "{name}"),
            "@id" => {
                let (a, b) = (value.as_str().unwrap_or(""), out.as_str().unwrap_or(""));
                assert_eq!(
                    a.to_lowercase(),
                    b.to_lowercase(),
                    "{name}: @id differs beyond case"
                );
            }
            _ => assert_eq!(value, out, "{name}: `{key}`"),
        }
    }
}
