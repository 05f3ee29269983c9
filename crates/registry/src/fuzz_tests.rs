//! Bounded property tests: arbitrary bytes, JSON-ish structures and CSV text never make an importer panic.

use proptest::prelude::*;
use serde_json::{Map, Value};

use crate::csvrows::parse;
use crate::{import_ctdl_bytes, Vocabulary};

/// A tiny vocabulary so the cases run fast.
fn vocab() -> Vocabulary {
    let doc = br#"{"@graph":[{"@id":"ceterms:Credential","@type":"rdfs:Class"},
      {"@id":"ceterms:Certificate","@type":"rdfs:Class","rdfs:subClassOf":"ceterms:Credential"}]}"#;
    Vocabulary::from_bytes(doc).unwrap_or_default()
}

/// Keys and values that steer the importer into its interesting branches.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("@type".to_string()),
        Just("@id".to_string()),
        Just("@graph".to_string()),
        Just("ceterms:ctid".to_string()),
        Just("ceterms:name".to_string()),
        Just("decoded_resource".to_string()),
        Just("ceterms:requires".to_string()),
        Just("ceterms:alternativeCondition".to_string()),
        Just("ceterms:estimatedCost".to_string()),
        Just("ceterms:directCostType".to_string()),
        Just("ceterms:price".to_string()),
        Just("ceterms:occupationType".to_string()),
        Just("ceterms:codedNotation".to_string()),
        Just("ceterms:ownedBy".to_string()),
        Just("en".to_string()),
        "[a-z:@]{0,8}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        Just(Value::String("ceterms:Certificate".into())),
        Just(Value::String("_:b1".into())),
        Just(Value::String(
            "ce-53bc7e5d-d39c-4687-ac89-0474f691055d".into()
        )),
        Just(Value::String(
            "CE-53BC7E5D-D39C-4687-AC89-0474F69105".into()
        )),
        Just(Value::String("15-1122.00".into())),
        "\\PC{0,12}".prop_map(Value::String),
    ]
}

fn json_ish() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ctdl_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256), bom in any::<bool>()) {
        let mut input = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        input.extend(bytes);
        let _ = import_ctdl_bytes("fuzz.json", &input, &vocab());
    }

    #[test]
    fn ctdl_json_ish(value in json_ish(), bom in any::<bool>()) {
        let mut input = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        input.extend(serde_json::to_vec(&value).unwrap_or_default());
        let out = import_ctdl_bytes("fuzz.json", &input, &vocab());
        prop_assert!(out.is_ok());
        if let Ok(out) = out {
            let exported = crate::export_graph(&out.records);
            prop_assert!(exported.get("@graph").is_some());
        }
    }

    #[test]
    fn csv_importers(text in "(ID|NAME|CODE|ISDELETED|[A-Z]{0,3}|[0-9]{0,3}|[-,\"\n ]|\\PC){0,120}") {
        if let Ok(table) = parse("fuzz.csv", text.as_bytes()) {
            let _ = crate::nj::industry_from_table(&table);
            let _ = crate::nj::license_from_table(&table);
            let mapping = crate::ListMapping { soc: Some("CODE".into()), ..crate::ListMapping::parse("id=ID,name=NAME").unwrap_or_default() };
            let _ = crate::list::list_from_table(&table, &mapping);
        }
    }
}
