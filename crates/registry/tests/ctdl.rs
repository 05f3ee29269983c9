//! CTDL import on the real fixtures and on small inline documents of every accepted shape.

mod common;

use credence_model::{CodeScheme, Lifecycle, RecordClass, Severity};
use credence_registry::{import_ctdl_bytes, import_ctdl_file, ImportOutcome, RegistryError};

fn file(name: &str) -> ImportOutcome {
    import_ctdl_file(common::ctdl(name), common::vocab()).expect("fixture imports")
}

fn bytes(text: &str) -> ImportOutcome {
    import_ctdl_bytes("inline.json", text.as_bytes(), common::vocab()).expect("inline JSON parses")
}

#[test]
fn cota_2018_shape() {
    let out = file("cer_fixture_certification_cota.json");
    assert_eq!(out.records.len(), 1);
    let r = &out.records[0];
    assert_eq!(r.id, "ce-1a4ab486-8212-4708-b7d5-c5167fdd2b47");
    let w = out
        .diagnostics
        .iter()
        .find(|d| d.location.field.as_deref() == Some("ceterms:ctid"))
        .expect("CTID warning");
    assert_eq!(w.severity, Severity::Warning);
    assert!(w.message.contains("upper-case"), "{}", w.message);
    assert_eq!(r.ctdl_type, "ceterms:Certification");
    assert_eq!(r.class, RecordClass::Credential);
    assert!(r.classified);
    assert_eq!(r.name, "Certified Occupational Therapy Assistant (COTA®)");
    assert_eq!(r.lifecycle, Lifecycle::Active);
    assert_eq!(
        r.subject_webpage.as_deref(),
        Some("http://www.nbcot.org/certificants")
    );
    assert!(r
        .codes
        .iter()
        .any(|c| c.scheme == CodeScheme::OnetSoc && c.code == "29-1122.00"));
    assert_eq!(
        r.codes_in(CodeScheme::Naics2022)
            .filter(|c| c.code == "621340")
            .count(),
        1
    );
    assert!(r
        .agents_in("ceterms:regulatedBy")
        .next()
        .and_then(|a| a.name.as_deref())
        .is_some());
    assert_eq!(r.durations[0].iso8601.as_deref(), Some("P2Y"));
    assert!(!r.renewal.is_empty() && !r.conditions.is_empty() && !r.revocation.is_empty());
    let renewal_fee = r
        .costs
        .iter()
        .find(|c| c.amount == Some(65.0))
        .expect("renewal fee");
    assert_eq!(renewal_fee.currency.as_deref(), Some("USD"));
    assert!(r.keywords.contains(&"Occupational Therapy".to_string()));
    assert_eq!(r.provenance.file_sha256.len(), 64);
    assert_eq!(
        r.provenance.license.as_deref(),
        Some("CTDL by Credential Engine, CC BY 4.0")
    );
}

#[test]
fn master_degree_seed_graph() {
    let out = file("cer_seed_masterdegree.json");
    assert!(common::errors(&out.diagnostics).is_empty());
    let r = &out.records[0];
    assert_eq!(
        r.ctid.as_ref().map(|c| c.as_str()),
        Some("ce-53bc7e5d-d39c-4687-ac89-0474f691055d")
    );
    assert_eq!(
        r.name,
        "Master of Business Administration (MBA) - self-designed"
    );
    assert_eq!(r.provenance.pointer, "@graph[0]");
    let cip: Vec<_> = r
        .codes_in(CodeScheme::Cip2020)
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(cip, vec!["52.0201"]);
    assert_eq!(r.agents_in("ceterms:accreditedBy").count(), 2);
    assert_eq!(r.lifecycle, Lifecycle::Active);
    assert!(r
        .description
        .as_deref()
        .unwrap_or("")
        .starts_with("The MBA Self-Designed"));
}

#[test]
fn detailed_graph_attaches_blank_nodes() {
    let out = file("ra_certification_detailed_graph.json");
    assert_eq!(out.records.len(), 1);
    let r = &out.records[0];
    assert_eq!(r.attached.len(), 4);
    let cswe = r
        .agents_in("ceterms:accreditedBy")
        .find(|a| a.id.as_deref() == Some("_:99fe32d9-ab9e-4f4c-9dad-dbb11e006b28"));
    assert_eq!(
        cswe.and_then(|a| a.name.as_deref()),
        Some("Council on Social Work Education (CSWE)")
    );
    let amounts: Vec<_> = r
        .costs
        .iter()
        .map(|c| (c.kind.as_deref(), c.amount))
        .collect();
    assert_eq!(
        amounts,
        vec![
            (Some("Application"), Some(100.0)),
            (Some("Tuition"), Some(12999.0))
        ]
    );
    let req = &r.conditions[0];
    assert_eq!(req.kind, "ceterms:requires");
    assert_eq!(
        req.requirements,
        vec!["Complete High School", "Have a drivers licence."]
    );
    assert!(req
        .targets
        .contains(&"Another required learning opportunity (external)".to_string()));
    assert!(r
        .codes
        .iter()
        .any(|c| c.scheme == CodeScheme::OnetSoc && c.code == "15-1122.00"));
    assert!(r
        .codes
        .iter()
        .any(|c| c.scheme == CodeScheme::Cip2020 && c.code == "30.1301"));
    assert_eq!(
        r.keywords[..3],
        [
            "Credentials",
            "Technical Information",
            "Credential Registry"
        ]
    );
}

#[test]
fn dataset_profiles_become_records() {
    for name in [
        "ra_certification_with_dataset_profile_graph.json",
        "ra_certificate_with_aggregate_data_graph.json",
    ] {
        let out = file(name);
        let classes: Vec<_> = out.records.iter().map(|r| r.class).collect();
        assert_eq!(
            classes,
            vec![RecordClass::Credential, RecordClass::OutcomeData],
            "{name}"
        );
        assert!(
            out.diagnostics
                .iter()
                .all(|d| d.severity == Severity::Warning),
            "{name}: {:?}",
            out.diagnostics
        );
    }
}

#[test]
fn legacy_2016_shape() {
    let out = file("cer_legacy_2016_certificate_with_revocation.json");
    let r = &out.records[0];
    assert_eq!(r.id, "ce-14525aea-57c5-4f5a-8f1c-bdc95c7f8b9b");
    assert_eq!(r.name, "21st Century Skills for Workplace Success");
    assert!(r.description.is_some());
    assert!(r
        .subject_webpage
        .as_deref()
        .unwrap_or("")
        .contains("nocti.org"));
    assert_eq!(r.agents_in("ceterms:owner").count(), 1);
    assert_eq!(r.revocation.len(), 1);
    assert!(r.codes.iter().any(|c| c.code == "5613"));
    let ctid_warnings = out
        .diagnostics
        .iter()
        .filter(|d| d.location.field.as_deref() == Some("ceterms:ctid"))
        .count();
    assert_eq!(ctid_warnings, 2, "urn prefix and upper case");
}

#[test]
fn organization_fixture() {
    let out = file("cer_fixture_organization_nocti.json");
    assert_eq!(out.records[0].class, RecordClass::Organization);
    assert_eq!(out.records[0].name, "NOCTI");
}

#[test]
fn bom_envelope_and_array_shapes() {
    let node = r#"{"@type":"ceterms:Badge","ceterms:ctid":"ce-53bc7e5d-d39c-4687-ac89-0474f691055d","ceterms:name":{"fr":"Insigne","en-GB":"Badge"}}"#;
    let bom = format!("\u{feff}{node}");
    let out = bytes(&bom);
    assert_eq!(out.records[0].name, "Badge");
    let envelope =
        format!(r#"{{"envelope_type":"resource_data","decoded_resource":{{"@graph":[{node}]}}}}"#);
    let out = bytes(&envelope);
    assert_eq!(out.records.len(), 1);
    assert_eq!(
        out.records[0].provenance.pointer,
        "decoded_resource.@graph[0]"
    );
    let array = format!("[{node}, 7, {envelope}]");
    let out = bytes(&array);
    assert_eq!((out.records.len(), out.rejected), (2, 1));
    assert_eq!(out.diagnostics[0].location.record.as_deref(), Some("[1]"));
}

#[test]
fn bad_ctids_and_missing_ids() {
    let text = r#"{"@graph":[
      {"@type":"ceterms:Certificate","ceterms:name":"ok","ceterms:ctid":"ce-53bc7e5d-d39c-4687-ac89-0474f691055d"},
      {"@type":"ceterms:Certificate","ceterms:name":"cut","ceterms:ctid":"ce-53bc7e5d-d39c-4687-ac89-0474f69105"},
      {"@type":"ceterms:Certificate","@id":"https://example.org/x","ceterms:name":"no ctid"},
      {"@type":"ceterms:Widget","@id":"https://example.org/y","ceterms:name":"odd"}
    ]}"#;
    let out = bytes(text);
    assert_eq!(out.rejected, 1);
    let err = common::errors(&out.diagnostics)[0];
    assert_eq!(err.location.record.as_deref(), Some("@graph[1]"));
    assert_eq!(err.location.field.as_deref(), Some("ceterms:ctid"));
    assert!(err.message.contains("truncated"));
    let derived = &out.records[1];
    assert!(derived.id.starts_with("jsonld-") && derived.ctid.is_none());
    let again = bytes(text);
    assert_eq!(again.records[1].id, derived.id, "derived ids are stable");
    assert_eq!(out.records[2].class, RecordClass::Other);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning && d.message.contains("ceterms:Widget")));
    let none = bytes(r#"{"@type":"ceterms:Certificate","ceterms:name":"x"}"#);
    assert_eq!((none.records.len(), none.rejected), (0, 1));
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = import_ctdl_bytes("broken.json", b"{\n  \"a\": 1,\n  oops\n}", common::vocab())
        .expect_err("invalid");
    match &err {
        RegistryError::Json {
            file, line, column, ..
        } => {
            assert_eq!((file.as_str(), *line, *column), ("broken.json", 3, 3));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("`broken.json`"));
    let missing =
        import_ctdl_file("/nonexistent/x.json", common::vocab()).expect_err("missing file");
    assert!(missing.to_string().contains("`/nonexistent/x.json`"));
}

#[test]
fn alternatives_experience_and_codes() {
    let text = r#"{"@type":"ceterms:License","ceterms:ctid":"ce-53bc7e5d-d39c-4687-ac89-0474f691055d",
      "ceterms:name":"L","ceterms:lifeCycleStatusType":{"ceterms:targetNode":"lifeCycle:Ceased"},
      "ceterms:requires":[{"@type":"ceterms:ConditionProfile","ceterms:yearsOfExperience":"2",
        "ceterms:experience":{"en":"Two years"},
        "ceterms:alternativeCondition":[{"ceterms:name":"Path A","ceterms:condition":["Degree"]},
                                        {"ceterms:name":"Path B","ceterms:targetCredential":{"@type":"ceterms:Certificate","ceterms:name":"Cert X"}}]}],
      "ceterms:occupationType":[{"ceterms:codedNotation":"15-1122","ceterms:frameworkName":"SOC 2010"},
                                {"ceterms:codedNotation":"not a code"}],
      "ceterms:jurisdiction":[{"ceterms:mainJurisdiction":[{"ceterms:name":"New Jersey"}],
                               "ceterms:jurisdictionException":[{"ceterms:name":"Oregon"}]}],
      "ceterms:estimatedDuration":[{"ceterms:minimumDuration":"P1Y","ceterms:maximumDuration":"P2Y"}]}"#;
    let out = bytes(text);
    let r = &out.records[0];
    assert_eq!(r.lifecycle, Lifecycle::Retired);
    let c = &r.conditions[0];
    assert_eq!(
        (c.years_of_experience, c.experience.as_deref()),
        (Some(2.0), Some("Two years"))
    );
    assert_eq!(c.alternatives.len(), 2);
    assert_eq!(c.alternatives[0].requirements, vec!["Degree"]);
    assert_eq!(c.alternatives[1].targets, vec!["Cert X"]);
    assert_eq!(r.codes.len(), 1);
    assert_eq!(
        (r.codes[0].scheme.clone(), r.codes[0].code.as_str()),
        (CodeScheme::Soc2010, "15-1122")
    );
    let w = out
        .diagnostics
        .iter()
        .find(|d| d.message.contains("not a code"))
        .expect("code warning");
    assert_eq!(w.location.field.as_deref(), Some("ceterms:occupationType"));
    assert_eq!(r.jurisdictions, vec!["New Jersey"]);
    assert_eq!(r.durations[0].iso8601.as_deref(), Some("P2Y"));
}

#[test]
fn cyclic_alternative_conditions_terminate() {
    let out = bytes(
        r#"{"@context":"https://credreg.net/ctdl/schema/context/json","@graph":[
        {"@id":"https://x/resources/ce-53bc7e5d-d39c-4687-ac89-0474f691055d","@type":"ceterms:Certification",
         "ceterms:ctid":"ce-53bc7e5d-d39c-4687-ac89-0474f691055d","ceterms:name":{"en":"Loop"},
         "ceterms:requires":["_:c"]},
        {"@id":"_:c","@type":"ceterms:ConditionProfile","ceterms:name":"A","ceterms:alternativeCondition":["_:c"]}
    ]}"#,
    );
    let r = &out.records[0];
    assert_eq!(r.conditions.len(), 1);
    let mut depth = 0;
    let mut c = &r.conditions[0];
    while let Some(next) = c.alternatives.first() {
        depth += 1;
        c = next;
    }
    assert!(depth < 10, "cycle cut at a bounded depth, got {depth}");
}
