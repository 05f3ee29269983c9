//! Signals, data quality and renewal burden on the real CTDL fixtures, with values verified by
//! reading the fixture files.

mod common;

use credence_quality::{data_quality, renewal_burden, signals, SignalStatus};

#[test]
fn cota_renewal_burden() {
    // The renewal profile says "valid for a period of three (3) years" and "accrue 36 units";
    // its cost profile "Online Renewal Application" is priced 65.0 US Dollar.
    let r = common::fixture("cer_fixture_certification_cota.json");
    let b = renewal_burden(&r);
    assert_eq!(b.cycle_years, Some(3.0));
    assert_eq!(b.renewal_fee, Some(65.0));
    assert_eq!(b.ce_hours_per_cycle, Some(36.0));
    let per_year = b.cost_per_year.expect("cost per year");
    assert!((per_year - 21.67).abs() < 0.01, "{per_year}");
    assert_eq!(b.hours_per_year, Some(12.0));
    assert_eq!(b.currency.as_deref(), Some("USD"));
    // The only priced cost is the renewal fee: nothing is known about the cost to earn.
    assert_eq!(b.cost_to_earn, None);
    assert_eq!(b.missing, ["cost_to_earn"]);
    assert!(b
        .evidence
        .iter()
        .any(|e| e.span.contains("Online Renewal Application")));
}

#[test]
fn cota_signals() {
    let r = common::fixture("cer_fixture_certification_cota.json");
    let s = signals(&r);
    assert_eq!(s.regulation.status, SignalStatus::Present);
    assert_eq!(s.regulation.evidence[0].span, "Indiana University East");
    assert_eq!(s.accreditation.status, SignalStatus::Absent);
    assert!(s.independent_assessment.is_present());
    assert!(s
        .independent_assessment
        .evidence
        .iter()
        .any(|e| e.span == "passing score" && e.field == "ceterms:requires/ceterms:experience"));
    assert!(s.renewal.is_present() && s.continuing_education.is_present());
    assert!(s.revocation.is_present());
    assert_eq!(s.credit_recommendation.status, SignalStatus::Absent);
    assert_eq!(s.cycle_years, Some(3.0));
    assert_eq!(s.ce_hours_per_cycle, Some(36.0));
}

#[test]
fn cota_data_quality() {
    let r = common::fixture("cer_fixture_certification_cota.json");
    let dq = data_quality(&r, &common::Ctx { with_vocab: true });
    let failed: Vec<&str> = dq.failed().map(|c| c.name.as_str()).collect();
    // Upper-case CTID repaired on import; `targetContactPoint` is defined for Place and
    // CredentialPerson only, not for the embedded CredentialOrganization.
    assert_eq!(failed, ["ctid_valid", "ctdl_domain"]);
    assert_eq!(dq.score, 75);
    let domain = dq
        .checks
        .iter()
        .find(|c| c.name == "ctdl_domain")
        .expect("domain check");
    assert!(
        domain.detail.contains("ceterms:targetContactPoint"),
        "{}",
        domain.detail
    );
}

#[test]
fn detailed_graph_costs_and_blank_nodes() {
    // Application 100.0 + Tuition 12999.0; four `_:` references, all defined in the graph.
    let r = common::fixture("ra_certification_detailed_graph.json");
    let b = renewal_burden(&r);
    assert_eq!(b.cost_to_earn, Some(13099.0));
    assert_eq!(b.renewal_fee, None);
    let s = signals(&r);
    assert_eq!(s.accreditation.evidence.len(), 2);
    assert!(s
        .accreditation
        .evidence
        .iter()
        .any(|e| e.span == "Council on Social Work Education (CSWE)"));
    let dq = data_quality(&r, &common::Ctx { with_vocab: true });
    let blank = dq
        .checks
        .iter()
        .find(|c| c.name == "blank_nodes_resolved")
        .expect("check");
    assert!(blank.passed);
    assert_eq!(blank.detail, "all 4 blank-node reference(s) resolved");
    assert_eq!(
        dq.failed().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["has_duration"]
    );
    assert_eq!(dq.score, 90);
}

#[test]
fn legacy_and_seed_records() {
    let legacy = common::fixture("cer_legacy_2016_certificate_with_revocation.json");
    let dq = data_quality(&legacy, &common::Ctx { with_vocab: true });
    let domain = dq
        .checks
        .iter()
        .find(|c| c.name == "ctdl_domain")
        .expect("check");
    assert!(
        !domain.passed
            && domain
                .detail
                .contains("`ceterms:owner` is not a CTDL property")
    );
    let ctid = dq
        .checks
        .iter()
        .find(|c| c.name == "ctid_valid")
        .expect("check");
    assert!(!ctid.passed && ctid.detail.contains("urn:ctid:"));
    assert!(signals(&legacy).revocation.is_present());

    // The MBA's requires profile states 48.0 credit units.
    let mba = common::fixture("cer_seed_masterdegree.json");
    let s = signals(&mba);
    assert!(s.credit_recommendation.is_present());
    assert_eq!(s.credit_recommendation.evidence[0].span, "48.0");
    assert_eq!(s.accreditation.evidence.len(), 2);
}

#[test]
fn health_informatics_assessment_and_renewal() {
    let r = common::fixture("cer_fixture_certification_health_informatics.json");
    let s = signals(&r);
    assert!(s
        .independent_assessment
        .evidence
        .iter()
        .any(|e| e.span == "CSP Examination"));
    assert!(s.renewal.is_present());
    assert_eq!(s.cycle_years, None);
    let b = renewal_burden(&r);
    assert!(b.missing.contains(&"cycle_years".to_string()));
}

#[test]
fn without_vocabulary_the_ctdl_checks_are_skipped() {
    let r = common::fixture("cer_fixture_certification_cota.json");
    let dq = data_quality(&r, &common::Ctx { with_vocab: false });
    assert!(dq.checks.iter().all(|c| !c.name.starts_with("ctdl_")));
    assert_eq!(dq.skipped.len(), 1);
}
