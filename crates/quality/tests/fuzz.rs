//! Property tests: no input makes the blueprint parsers, the signals, the data-quality score or
//! the renewal burden panic.

mod common;

use credence_model::{ConditionSummary, CostItem};
use credence_quality::{
    data_quality, parse_blueprints_csv, parse_blueprints_json, renewal_burden, signals,
};
use proptest::prelude::*;
use serde_json::Value;

/// Arbitrary JSON values, a few levels deep, with CTDL-looking keys.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "(_:a|_:b|P3Y|ceterms:Certification|[a-z ]{0,8}|.{0,12})".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                "(@type|@id|ceterms:name|ceterms:renewal|ceterms:price|ceterms:estimatedCost|ceterms:renewalFrequency|ceterms:creditValue|ceterms:x|en)",
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn blueprint_csv_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse_blueprints_csv("f.csv", &bytes);
        let mut with_header = b"credential_id,domain,weight\n".to_vec();
        with_header.extend(&bytes);
        let _ = parse_blueprints_csv("f.csv", &with_header);
    }

    #[test]
    fn blueprint_json_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256), v in json()) {
        let _ = parse_blueprints_json("f.json", &bytes);
        let _ = parse_blueprints_json("f.json", v.to_string().as_bytes());
    }

    #[test]
    fn analyses_never_panic(
        doc in json(),
        attached in prop::collection::vec(json(), 0..3),
        text in ".{0,80}",
        words in "(every|three|3|\\(3\\)|years|months|valid|for|renewal|ceus|36|units|1.5|annually|biennial| ){0,16}",
        amount in prop::option::of(any::<f64>()),
    ) {
        let mut r = common::record(doc.clone());
        if let Value::Object(mut map) = doc {
            map.insert("@type".into(), Value::String("ceterms:Certification".into()));
            r.document = Value::Object(map);
        }
        r.attached = attached;
        r.description = Some(format!("{text} {words}"));
        r.renewal.push(ConditionSummary {
            kind: "ceterms:renewal".into(),
            name: Some(words.clone()),
            description: Some(text.clone()),
            requirements: vec![words],
            experience: None,
            years_of_experience: None,
            targets: vec![text],
            alternatives: vec![],
        });
        r.costs.push(CostItem { amount, currency: None, kind: Some("renewal".into()), description: None });
        let _ = signals(&r);
        let _ = renewal_burden(&r);
        let dq = data_quality(&r, &common::Ctx { with_vocab: true });
        prop_assert!(dq.score <= 100);
    }
}
