//! Each data-quality check, signal and renewal rule on small inline records.

mod common;

use credence_model::{
    AgentRef, Code, CodeScheme, ConditionSummary, CostItem, Ctid, DurationItem, RecordClass,
};
use credence_quality::{data_quality, renewal_burden, signals, DataQuality, SignalStatus};
use serde_json::json;

const CTID: &str = "ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47";

fn ctx() -> common::Ctx {
    common::Ctx { with_vocab: true }
}

fn passed(dq: &DataQuality, name: &str) -> bool {
    dq.checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name}"))
        .passed
}

fn detail(dq: &DataQuality, name: &str) -> String {
    dq.checks
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.detail.clone())
        .unwrap_or_default()
}

fn good() -> credence_model::Record {
    let mut r = common::record(json!({
        "@type": "ceterms:Certification",
        "ceterms:ctid": CTID,
        "ceterms:name": {"en-US": "Good"},
    }));
    r.ctid = Some(Ctid::parse_strict(CTID).expect("valid"));
    r.costs.push(CostItem {
        amount: Some(100.0),
        currency: Some("USD".into()),
        kind: Some("Exam fee".into()),
        description: None,
    });
    r.durations.push(DurationItem {
        iso8601: Some("P3M".into()),
        description: None,
    });
    r.codes.push(Code {
        scheme: CodeScheme::Soc2018,
        code: "29-1122".into(),
        label: None,
    });
    r.agents.push(AgentRef {
        role: "ceterms:accreditedBy".into(),
        id: None,
        name: Some("NCCA".into()),
    });
    r
}

#[test]
fn a_complete_record_scores_100() {
    let dq = data_quality(&good(), &ctx());
    assert_eq!(dq.score, 100, "{dq:?}");
    assert_eq!(dq.checks.len(), 9);
    assert_eq!(dq.checks.iter().map(|c| c.weight).sum::<u32>(), 100);
}

#[test]
fn missing_content_fails_each_check() {
    let mut r = good();
    r.costs[0].amount = None;
    r.durations.clear();
    r.codes.clear();
    r.agents.clear();
    let dq = data_quality(&r, &ctx());
    for name in [
        "has_cost",
        "has_duration",
        "has_occupations",
        "has_quality_assurance",
    ] {
        assert!(!passed(&dq, name), "{name}");
    }
    assert_eq!(
        detail(&dq, "has_cost"),
        "1 cost profile(s) without an amount"
    );
    assert_eq!(dq.score, 55);
}

#[test]
fn organizations_skip_content_checks() {
    let mut r = good();
    r.class = RecordClass::Organization;
    r.document["@type"] = json!("ceterms:CredentialOrganization");
    let dq = data_quality(&r, &ctx());
    assert!(dq.checks.iter().all(|c| !c.name.starts_with("has_")));
}

#[test]
fn ctid_missing_invalid_or_repaired() {
    let mut r = good();
    r.ctid = None;
    r.document["ceterms:ctid"] = json!("not-a-ctid");
    assert_eq!(
        detail(&data_quality(&r, &ctx()), "ctid_valid"),
        "invalid CTID `not-a-ctid`"
    );
    r.document
        .as_object_mut()
        .expect("object")
        .remove("ceterms:ctid");
    assert_eq!(detail(&data_quality(&r, &ctx()), "ctid_valid"), "no CTID");
    let mut r = good();
    r.document["ceterms:ctid"] = json!(CTID.to_uppercase().replace("CE-", "ce-"));
    let dq = data_quality(&r, &ctx());
    assert!(!passed(&dq, "ctid_valid") && detail(&dq, "ctid_valid").contains("repaired"));
    // Non-CTDL records (state lists) have no CTID to check.
    let mut r = good();
    r.document = json!({"NAME": "Good"});
    assert!(data_quality(&r, &ctx())
        .checks
        .iter()
        .all(|c| c.name != "ctid_valid"));
}

#[test]
fn soc2010_codes_must_crosswalk() {
    let mut r = good();
    r.codes.push(Code {
        scheme: CodeScheme::Soc2010,
        code: "15-1132".into(),
        label: None,
    });
    assert!(passed(&data_quality(&r, &ctx()), "soc2010_crosswalked"));
    r.codes.push(Code {
        scheme: CodeScheme::Soc2010,
        code: "99-9999".into(),
        label: None,
    });
    let dq = data_quality(&r, &ctx());
    assert!(!passed(&dq, "soc2010_crosswalked"));
    assert_eq!(
        detail(&dq, "soc2010_crosswalked"),
        "not in the SOC 2010→2018 crosswalk: 99-9999"
    );
}

#[test]
fn blank_nodes_must_resolve() {
    let mut r = good();
    r.document["ceterms:accreditedBy"] = json!(["_:a", "_:b", {"@id": "_:c"}]);
    r.document["ceterms:offeredBy"] = json!([{"@id": "_:b", "ceterms:name": "Embedded"}]);
    r.attached
        .push(json!({"@id": "_:a", "@type": "ceterms:QACredentialOrganization"}));
    let dq = data_quality(&r, &ctx());
    assert!(!passed(&dq, "blank_nodes_resolved"));
    assert_eq!(
        detail(&dq, "blank_nodes_resolved"),
        "unresolved blank nodes: _:c"
    );
    r.attached
        .push(json!({"@id": "_:c", "@type": "ceterms:QACredentialOrganization"}));
    assert!(passed(&data_quality(&r, &ctx()), "blank_nodes_resolved"));
}

#[test]
fn domain_violations_and_unknown_properties() {
    let mut r = good();
    // `ceterms:price` belongs to CostProfile; `ceterms:madeUp` is not CTDL.
    r.document["ceterms:price"] = json!(5);
    r.document["ceterms:madeUp"] = json!("x");
    // An embedded typed node is checked against its own class: a CostProfile may have a price.
    r.document["ceterms:estimatedCost"] =
        json!([{"@type": "ceterms:CostProfile", "ceterms:price": 10}]);
    let dq = data_quality(&r, &ctx());
    let d = detail(&dq, "ctdl_domain");
    assert!(
        d.contains("$: `ceterms:madeUp` is not a CTDL property"),
        "{d}"
    );
    assert!(
        d.contains("$: `ceterms:price` is not defined for `ceterms:Certification`"),
        "{d}"
    );
    assert!(!d.contains("estimatedCost"), "{d}");
    // A subclass inherits its ancestors' domain: `ceterms:renewal` is fine on a MasterDegree.
    let mut r = good();
    r.document["@type"] = json!("ceterms:MasterDegree");
    r.document["ceterms:renewal"] = json!([{"@type": "ceterms:ConditionProfile"}]);
    assert!(passed(&data_quality(&r, &ctx()), "ctdl_domain"));
}

#[test]
fn range_violations_are_conservative() {
    let mut r = good();
    // A language map, a `@value` object and a string reference are all fine.
    r.document["ceterms:description"] = json!({"en": "text"});
    r.document["ceterms:subjectWebpage"] = json!({"@id": "http://example.org"});
    r.document["ceterms:estimatedCost"] = json!(["_:cost"]);
    r.attached
        .push(json!({"@id": "_:cost", "@type": "ceterms:CostProfile"}));
    assert!(passed(&data_quality(&r, &ctx()), "ctdl_range"));
    // A node where a literal is expected, a number where a node is expected.
    r.document["ceterms:name"] = json!({"@type": "ceterms:CostProfile", "ceterms:price": 1});
    r.document["ceterms:renewal"] = json!([3]);
    let dq = data_quality(&r, &ctx());
    let d = detail(&dq, "ctdl_range");
    assert!(
        d.contains("$/ceterms:name: an object where the range is a literal"),
        "{d}"
    );
    assert!(
        d.contains("$/ceterms:renewal: the literal `3` where the range is a node"),
        "{d}"
    );
}

#[test]
fn accreditation_from_text_and_agent_roles() {
    let mut r = common::record(json!({"@type": "ceterms:Certification"}));
    r.description = Some("Accredited under ISO/IEC 17024 by ANAB.".into());
    let s = signals(&r);
    assert_eq!(s.accreditation.status, SignalStatus::Present);
    assert_eq!(s.accreditation.evidence[0].span, "17024");
    assert_eq!(s.accreditation.evidence[0].field, "description");
    for (role, pick) in [
        ("ceterms:recognizedBy", 0),
        ("ceterms:approvedBy", 1),
        ("ceterms:regulatedBy", 2),
    ] {
        let mut r = common::record(json!({"@type": "ceterms:Certification"}));
        r.agents.push(AgentRef {
            role: role.into(),
            id: Some("ce-x".into()),
            name: None,
        });
        let s = signals(&r);
        let got = [&s.recognition, &s.approval, &s.regulation];
        assert!(got[pick].is_present(), "{role}");
        assert_eq!(got[pick].evidence[0].span, "ce-x");
    }
}

#[test]
fn unknown_for_lists_absent_for_ctdl() {
    let r = common::record(json!({"NAME": "row"}));
    assert_eq!(signals(&r).renewal.status, SignalStatus::Unknown);
    let r = common::record(json!({"@type": "ceterms:Certification"}));
    assert_eq!(signals(&r).renewal.status, SignalStatus::Absent);
    let mut r = common::record(json!({"NAME": "row"}));
    r.description = Some("This certificate does not expire.".into());
    let s = signals(&r).renewal;
    assert_eq!(s.status, SignalStatus::Absent);
    assert_eq!(s.evidence[0].span, "does not expire");
}

#[test]
fn assessment_and_credit_from_conditions() {
    let mut r = common::record(json!({"@type": "ceterms:Certification"}));
    r.conditions.push(ConditionSummary {
        kind: "ceterms:requires".into(),
        name: None,
        description: Some("Pass the exam; 3 ACE credit recommendation hours.".into()),
        requirements: vec![],
        experience: None,
        years_of_experience: None,
        targets: vec!["Final Assessment".into()],
        alternatives: vec![],
    });
    let s = signals(&r);
    assert!(s
        .independent_assessment
        .evidence
        .iter()
        .any(|e| e.field == "ceterms:requires/target"));
    assert!(s
        .independent_assessment
        .evidence
        .iter()
        .any(|e| e.span == "Pass the exam"));
    assert_eq!(s.credit_recommendation.evidence[0].span, "ACE credit");
}

#[test]
fn renewal_burden_from_text_and_costs() {
    let mut r = common::record(json!({"@type": "ceterms:License"}));
    r.description = Some(
        "Licenses are renewed biennially. Renewal requires 3.0 CEUs. Initial training lasts 120 hours."
            .into(),
    );
    let cost = |amount: f64, kind: &str| CostItem {
        amount: Some(amount),
        currency: Some("USD".into()),
        kind: Some(kind.into()),
        description: None,
    };
    r.costs = vec![
        cost(200.0, "Tuition"),
        cost(50.0, "Exam"),
        cost(80.0, "Renewal fee"),
        cost(25.0, "Late renewal fee"),
        CostItem {
            currency: Some("EUR".into()),
            ..cost(10.0, "Tuition")
        },
    ];
    let b = renewal_burden(&r);
    assert_eq!(b.cycle_years, Some(2.0));
    assert_eq!(b.ce_hours_per_cycle, Some(30.0));
    assert_eq!(b.hours_per_year, Some(15.0));
    assert_eq!(b.renewal_fee, Some(80.0));
    assert_eq!(b.cost_per_year, Some(40.0));
    assert_eq!(b.cost_to_earn, Some(250.0));
    assert!(b.missing.is_empty());
    assert!(b.evidence.iter().any(|e| e.note.contains("late")));
    assert!(b.evidence.iter().any(|e| e.note.contains("other currency")));
}

#[test]
fn renewal_frequency_iso_wins() {
    let mut r = common::record(json!({
        "@type": "ceterms:Certification",
        "ceterms:renewalFrequency": "P5Y",
    }));
    r.description = Some("Recertify every 3 years.".into());
    let b = renewal_burden(&r);
    assert_eq!(b.cycle_years, Some(5.0));
    assert_eq!(b.evidence[0].field, "ceterms:renewalFrequency");
    let r = common::record(json!({
        "@type": "ceterms:Certification",
        "ceterms:renewal": [{"ceterms:estimatedDuration": [{"ceterms:exactDuration": "P36M"}]}],
    }));
    assert_eq!(renewal_burden(&r).cycle_years, Some(3.0));
}
