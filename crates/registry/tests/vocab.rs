//! The CTDL vocabulary derived from the real schema file, cross-checked with the registry's map.

mod common;

use credence_model::RecordClass;
use serde_json::Value;

#[test]
fn class_tree_is_derived_from_schema() {
    let v = common::vocab();
    assert!(v.is_class("ceterms:Certification"));
    assert!(v.is_property("ceterms:ownedBy") && !v.is_class("ceterms:ownedBy"));
    assert!(v.is_subclass_of("ceterms:BachelorOfArtsDegree", "ceterms:Credential"));
    assert!(v.is_subclass_of("ceterms:ApprenticeshipCertificate", "ceterms:Certificate"));
    assert!(!v.is_subclass_of("ceterms:CredentialOrganization", "ceterms:Credential"));
    assert_eq!(v.label("ceterms:MasterDegree"), Some("Master's Degree"));
    let subs = v.credential_subclasses();
    assert!(subs.contains(&"ceterms:License") && subs.contains(&"ceterms:OpenBadge"));
    assert!(!subs.contains(&"ceterms:Credential"));
}

#[test]
fn record_classes() {
    let v = common::vocab();
    let cases = [
        ("ceterms:MasterDegree", RecordClass::Credential),
        (
            "ceterms:QACredentialOrganization",
            RecordClass::Organization,
        ),
        ("ceterms:CredentialPerson", RecordClass::Organization),
        ("ceterms:AssessmentProfile", RecordClass::Assessment),
        ("ceterms:Course", RecordClass::LearningOpportunity),
        ("ceterms:LearningProgram", RecordClass::LearningOpportunity),
        ("ceterms:ConditionManifest", RecordClass::ConditionManifest),
        ("ceterms:CostManifest", RecordClass::CostManifest),
        ("ceasn:CompetencyFramework", RecordClass::Competency),
        ("ceterms:CourseComponent", RecordClass::Pathway),
        ("ceterms:Pathway", RecordClass::Pathway),
        ("qdata:DataSetProfile", RecordClass::OutcomeData),
        ("ceterms:CostProfile", RecordClass::Other),
        ("ceterms:NoSuchThing", RecordClass::Other),
    ];
    for (t, class) in cases {
        assert_eq!(v.record_class(t), class, "{t}");
    }
}

/// Every class below `ceterms:Credential` in the registry's subclass map that the 2026 schema still
/// defines is a credential subclass in our derived tree.
#[test]
fn agrees_with_registry_subclass_map() {
    let v = common::vocab();
    let text =
        std::fs::read_to_string(common::ctdl("cer_subclasses_map.json")).expect("map readable");
    let map: Value = serde_json::from_str(&text).expect("map is JSON");
    let mut names = Vec::new();
    collect_keys(&map["ceterms:Credential"], &mut names);
    assert!(names.len() > 20);
    let known: Vec<&String> = names.iter().filter(|n| v.is_class(n)).collect();
    assert!(
        known.len() >= names.len() - 2,
        "most mapped classes still exist"
    );
    for n in known {
        assert!(v.is_subclass_of(n, "ceterms:Credential"), "{n}");
    }
}

fn collect_keys(value: &Value, out: &mut Vec<String>) {
    if let Value::Object(map) = value {
        for (k, v) in map {
            out.push(k.clone());
            collect_keys(v, out);
        }
    }
}

#[test]
fn property_domains_and_ranges_from_schema() {
    let v = common::vocab();
    let domains = v
        .property_domains("ceterms:renewal")
        .expect("renewal has a domain");
    assert!(domains.iter().any(|d| d == "ceterms:Certification"));
    assert!(!domains
        .iter()
        .any(|d| d == "ceterms:CredentialOrganization"));
    assert_eq!(
        v.property_ranges("ceterms:price"),
        Some(&["xsd:decimal".to_string()][..])
    );
    assert_eq!(
        v.property_ranges("ceterms:renewal"),
        Some(&["ceterms:ConditionProfile".to_string()][..])
    );
    assert!(v.allows_property("ceterms:Certification", "ceterms:renewal"));
    assert!(!v.allows_property("ceterms:CredentialOrganization", "ceterms:renewal"));
    // `ceterms:startTime` states no domain in the schema: any class may use it.
    assert_eq!(v.property_domains("ceterms:startTime"), None);
    assert!(v.allows_property("ceterms:Certification", "ceterms:startTime"));
    assert_eq!(v.property_domains("ceterms:noSuchProperty"), None);
}
