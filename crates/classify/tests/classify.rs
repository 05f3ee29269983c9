//! Behaviour of the classifier and the mislabel check on hand-built records, and a property test
//! that it never panics.

use credence_classify::{check_declared, classify, propose, FeatureStatus, Kind, LabelRow, Split};
use credence_model::{AgentRef, ConditionSummary, Record};
use proptest::prelude::*;

/// A minimal record from a name and an issuer.
fn record(name: &str, issuer: &str) -> Record {
    credence_classify::record_for(&LabelRow {
        source: "test".into(),
        id: "1".into(),
        name: name.into(),
        issuer: issuer.into(),
        label: Kind::Certificate,
        label_basis: String::new(),
        split: Split::Dev,
    })
}

/// A condition profile with only a description.
fn condition(kind: &str, description: &str) -> ConditionSummary {
    ConditionSummary {
        kind: kind.into(),
        name: None,
        description: Some(description.into()),
        requirements: Vec::new(),
        experience: None,
        years_of_experience: None,
        targets: Vec::new(),
        alternatives: Vec::new(),
    }
}

#[test]
fn sparse_names_are_told_apart() {
    assert_eq!(
        classify(&record("Certificate in Project Management", "")).call,
        Kind::Certificate
    );
    assert_eq!(
        classify(&record("Certified Pharmacy Technician", "")).call,
        Kind::Certification
    );
    assert_eq!(
        classify(&record("OSHA 10 Hr Course Completion Card", "")).call,
        Kind::Certificate
    );
    assert_eq!(
        classify(&record("Bachelor of Science in Nursing", "")).call,
        Kind::Degree
    );
    assert_eq!(classify(&record("Teamwork Badge", "")).call, Kind::Badge);
    assert_eq!(
        classify(&record("Plumber", "NJ State Board of Examiners")).call,
        Kind::License
    );
}

#[test]
fn sparse_records_say_so() {
    let c = classify(&record("Certified Nursing Assistant", ""));
    assert_eq!(c.features.len(), 12);
    assert!(c.notes.iter().any(|n| n.contains("sparse")));
    assert!(c.missing.iter().any(|m| m.contains("ceterms:renewal")));
    let found: Vec<_> = c
        .features
        .iter()
        .filter(|f| f.status == FeatureStatus::Found)
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].evidence[0].span, "Certified");
    assert_eq!(found[0].evidence[0].source_field, "name");
}

#[test]
fn no_evidence_is_unknown() {
    let c = classify(&record("Widget Fundamentals", ""));
    assert_eq!(c.call, Kind::Unknown);
    assert_eq!(c.confidence, 0.0);
    assert!(c
        .features
        .iter()
        .all(|f| f.status == FeatureStatus::NoEvidence));
}

#[test]
fn certificate_with_renewal_and_exam_is_flagged() {
    let mut r = record("Data Privacy Specialist", "");
    r.ctdl_type = "ceterms:Certificate".into();
    r.classified = true;
    r.renewal.push(condition(
        "ceterms:renewal",
        "Recertify every 3 years with 30 continuing education units",
    ));
    r.conditions.push(ConditionSummary {
        years_of_experience: Some(2.0),
        ..condition(
            "ceterms:requires",
            "Pass the proctored certification examination",
        )
    });
    r.revocation.push("Revoked for ethics violations".into());
    let c = classify(&r);
    assert_eq!(c.call, Kind::Certification);
    let m = check_declared(&r, &c).expect("mislabel");
    assert_eq!(m.declared, Kind::Certificate);
    assert_eq!(m.evidence_says, Kind::Certification);
    assert!(m.reason.contains("ceterms:renewal"), "{}", m.reason);
}

#[test]
fn agreeing_declared_type_is_not_flagged() {
    let mut r = record(
        "Certified Safety Professional",
        "Board of Certified Safety Professionals",
    );
    r.ctdl_type = "ceterms:Certification".into();
    r.classified = true;
    assert!(check_declared(&r, &classify(&r)).is_none());
}

#[test]
fn regulated_records_are_licenses() {
    let mut r = record("BARBER", "");
    r.agents.push(AgentRef {
        role: "ceterms:regulatedBy".into(),
        id: None,
        name: Some("State of New Jersey".into()),
    });
    let c = classify(&r);
    assert_eq!(c.call, Kind::License);
    assert!(c.confidence > 0.5);
}

#[test]
fn unclassified_records_get_proposals() {
    let r = record("Cisco Certified Network Associate", "");
    let c = classify(&r);
    assert!(check_declared(&r, &c).is_none());
    let p = propose(&r, &c).expect("proposal");
    assert_eq!(p.proposed, Kind::Certification);
    assert!(p.reason.contains("Certified"));
}

#[test]
fn classification_serializes() {
    let c = classify(&record("Certificate of Completion", "Example College"));
    let json = serde_json::to_value(&c).expect("serialize");
    assert_eq!(json["call"], "certificate");
    assert_eq!(json["features"].as_array().map(Vec::len), Some(12));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn never_panics(name in ".{0,80}", description in proptest::option::of(".{0,200}"),
                    issuer in ".{0,40}", renewal in proptest::option::of(".{0,60}"),
                    years in proptest::option::of(any::<f64>()), iso in ".{0,12}") {
        let mut r = record(&name, &issuer);
        r.description = description;
        r.classified = true;
        r.ctdl_type = name.clone();
        if let Some(text) = renewal {
            r.renewal.push(condition("ceterms:renewal", &text));
            r.revocation.push(text);
        }
        r.conditions.push(ConditionSummary { years_of_experience: years, ..condition("ceterms:requires", &issuer) });
        r.durations.push(credence_model::DurationItem { iso8601: Some(iso), description: None });
        let c = classify(&r);
        prop_assert_eq!(c.features.len(), 12);
        prop_assert!((0.0..=1.0).contains(&c.confidence));
        let _ = check_declared(&r, &c);
        let _ = propose(&r, &c);
    }
}
