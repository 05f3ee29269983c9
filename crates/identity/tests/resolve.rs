//! Resolution over records: clusters, canonical choice, overrides, scale, and no panics.

use credence_identity::{resolve, Overrides, Resolution};
use credence_model::{AgentRef, Ctid, Lifecycle, Record, RecordClass};
use proptest::prelude::*;

fn record(id: &str, name: &str, issuer: Option<&str>) -> Record {
    let mut record = Record::new(id, "ceterms:Certification", RecordClass::Credential, name);
    record.lifecycle = Lifecycle::Active;
    record.agents = issuer
        .map(|n| AgentRef {
            role: "ceterms:ownedBy".to_string(),
            id: None,
            name: Some(n.to_string()),
        })
        .into_iter()
        .collect();
    record
}

fn members(r: &Resolution, id: &str) -> Vec<String> {
    r.cluster_of(id)
        .map(|c| c.members.clone())
        .unwrap_or_default()
}

#[test]
fn a_plus_variants_form_one_cluster_and_siblings_stay_apart() {
    let mut ctdl = record("ce-aplus", "A+ Certification", Some("CompTIA"));
    ctdl.ctid = Ctid::parse_strict("ce-8f4b2c1e-3a5d-4e6f-9a7b-1c2d3e4f5a6b").ok();
    let mut retired = record("nj-8", "CompTIA A+", None);
    retired.lifecycle = Lifecycle::Retired;
    let records = vec![
        retired,
        ctdl,
        record("x-1", "CompTIA A Plus (220-1101/1102)", None),
        record("x-2", "CompTIA Network+", None),
        record("x-3", "CompTIA Security+", None),
        record("x-4", "Class A CDL", None),
        record("x-5", "Class B CDL", None),
    ];
    let r = resolve(&records, &Overrides::new());
    let aplus = r.cluster_of("nj-8").expect("clustered");
    assert_eq!(aplus.members, vec!["ce-aplus", "nj-8", "x-1"]);
    if records[1].ctid.is_some() {
        assert_eq!(aplus.canonical, "ce-aplus");
    }
    for id in ["x-2", "x-3", "x-4", "x-5"] {
        assert_eq!(members(&r, id), vec![id.to_string()], "{id} stays alone");
    }
    assert!(r
        .links
        .iter()
        .all(|l| !l.reason.is_empty() && l.confidence >= 0.85));
}

#[test]
fn canonical_prefers_live_then_longest_name() {
    let mut old = record("a", "Certified Culinarian", Some("ACF"));
    old.lifecycle = Lifecycle::Retired;
    let records = vec![
        old,
        record("b", "Certified Culinarian ", Some("ACF")),
        record("c", "Certified  Culinarian", Some("ACF")),
    ];
    let r = resolve(&records, &Overrides::new());
    assert_eq!(r.clusters.len(), 1);
    assert_eq!(r.clusters[0].canonical, "c");
}

#[test]
fn overrides_win_over_scores() {
    let records = vec![
        record("a", "Certified Master Chef", Some("ACF")),
        record("b", "Certified Master Chef", Some("ACF")),
        record("c", "Master Chef Program", Some("ACF")),
    ];
    let text = "a_id,b_id,decision,reason\na,b,different,two programs\nc,a,same,reviewed\nz,a,same,unknown\n";
    let (o, diags) = Overrides::from_reader("overrides.csv", text.as_bytes());
    assert!(diags.is_empty());
    let r = resolve(&records, &o);
    assert_ne!(members(&r, "a"), members(&r, "b"));
    assert_eq!(members(&r, "a"), vec!["a", "c"]);
    assert!(r.links.iter().any(|l| l.reason.starts_with("override")));
    assert_eq!(r.diagnostics.len(), 1, "unknown id reported");
}

#[test]
fn twenty_thousand_records_resolve_quickly() {
    let issuers = [
        "CompTIA", "Cisco", "NCCER", "AHA", "ACF", "ASE", "PMI", "ISACA",
    ];
    let words = [
        "Network",
        "Security",
        "Welding",
        "Chef",
        "Pastry",
        "Technician",
        "Analyst",
        "Manager",
        "Cloud",
        "Data",
        "Safety",
        "Nurse",
        "Pharmacy",
        "Electrical",
        "Carpentry",
        "Plumbing",
    ];
    let records: Vec<Record> = (0..20_000usize)
        .map(|i| {
            let w1 = words[i % words.len()];
            let w2 = words[(i / 16) % words.len()];
            let level = (i / 256) % 40;
            let name = if i % 7 == 0 {
                format!("{w1} {w2} Level {level} Certification")
            } else {
                format!("Certified {w1} {w2} Level {level}")
            };
            record(&format!("r{i}"), &name, Some(issuers[i % issuers.len()]))
        })
        .collect();
    let start = std::time::Instant::now();
    let r = resolve(&records, &Overrides::new());
    let took = start.elapsed();
    println!("20000 records: {took:?}, {:?}", r.stats);
    assert_eq!(
        r.clusters.iter().map(|c| c.members.len()).sum::<usize>(),
        20_000
    );
    assert!(took.as_secs_f64() < 10.0, "took {took:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics(names in proptest::collection::vec(("\\PC{0,40}", proptest::option::of("\\PC{0,20}")), 0..12)) {
        let records: Vec<Record> = names
            .iter()
            .enumerate()
            .map(|(i, (n, iss))| record(&format!("p{i}"), n, iss.as_deref()))
            .collect();
        let r = resolve(&records, &Overrides::new());
        prop_assert_eq!(r.clusters.iter().map(|c| c.members.len()).sum::<usize>(), records.len());
        for l in &r.links {
            prop_assert!((0.0..=1.0).contains(&l.confidence));
        }
    }

    #[test]
    fn compare_never_panics(a in "\\PC{0,60}", b in "[A-Za-z+&()/ .-]{0,40}", ia in "\\PC{0,20}") {
        let x = credence_identity::Candidate { id: "a".into(), name: a, issuer: Some(ia), alternate_names: vec![], is_license: false };
        let y = credence_identity::Candidate { id: "b".into(), name: b.clone(), issuer: None, alternate_names: vec![b], is_license: false };
        let s = credence_identity::compare(&x, &y);
        prop_assert!((0.0..=1.0).contains(&s.confidence));
    }

    #[test]
    fn override_parser_never_panics(text in "\\PC{0,200}") {
        let _ = Overrides::from_reader("fuzz.csv", text.as_bytes());
    }
}
