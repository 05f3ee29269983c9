//! End to end: CTDL written by the test (a CSCP-style any-of prerequisite, a CompTIA-style stack)
//! imported with the registry crate, joined with the real reference data, evaluated for sample
//! people read from TOML files, and planned through; plus the real registry fixtures and a
//! generated graph checked against an independent shortest-path oracle.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use credence_model::Record;
use credence_pathways::condition::EducationLevel;
use credence_pathways::graph::NodeKind;
use credence_pathways::plan::{build_steps, resolve_targets, search};
use credence_pathways::{
    build_graph, check_eligibility, generated_graph, parse_condition, parse_credit_csv, plan,
    Assumptions, Condition, Limits, PathwayGraph, Person, Verdict,
};
use credence_registry::{import_ctdl_bytes, Vocabulary};
use credence_taxonomy::ReferenceData;

const CPIM: &str = "ce-1a000000-0000-4000-8000-000000000001";
const CSCP: &str = "ce-1a000000-0000-4000-8000-000000000002";
const APLUS: &str = "ce-2b000000-0000-4000-8000-000000000001";
const NETPLUS: &str = "ce-2b000000-0000-4000-8000-000000000002";
const SECPLUS: &str = "ce-2b000000-0000-4000-8000-000000000003";
const CYSA: &str = "ce-2b000000-0000-4000-8000-000000000004";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let dir = credence_testkit::data_dir().join("ctdl");
        let schema = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("ctdl_schema_encoding_"))
            })
            .expect("CTDL schema in the data directory");
        Vocabulary::load(schema).unwrap()
    })
}

fn reference() -> &'static ReferenceData {
    static R: OnceLock<ReferenceData> = OnceLock::new();
    R.get_or_init(|| credence_taxonomy::load_all(&credence_testkit::data_dir()).unwrap())
}

fn uri(ctid: &str) -> String {
    format!("https://credentialengineregistry.org/resources/{ctid}")
}

fn cost(price: f64) -> serde_json::Value {
    serde_json::json!([{"@type": "ceterms:CostProfile", "ceterms:currency": "USD",
        "ceterms:description": "Exam fee", "ceterms:price": price}])
}

fn soc(code: &str) -> serde_json::Value {
    serde_json::json!([{"@type": "ceterms:CredentialAlignmentObject",
        "ceterms:frameworkName": "Standard Occupational Classification", "ceterms:codedNotation": code}])
}

/// CTDL JSON-LD for the two families, in the current `@graph` shape.
fn test_ctdl() -> Vec<u8> {
    let org =
        "https://credentialengineregistry.org/resources/ce-1a000000-0000-4000-8000-0000000000ff";
    let comptia =
        "https://credentialengineregistry.org/resources/ce-2b000000-0000-4000-8000-0000000000ff";
    let cred = |ctid: &str, name: &str, owner: &str| {
        serde_json::json!({
            "@id": uri(ctid), "@type": "ceterms:Certification", "ceterms:ctid": ctid,
            "ceterms:name": {"en-US": name}, "ceterms:ownedBy": [owner],
            "ceterms:description": {"en-US": format!("{name}, written for the pathways test")},
        })
    };
    let mut cpim = cred(CPIM, "Certified in Planning and Inventory Management", org);
    cpim["ceterms:estimatedCost"] = cost(1000.0);
    cpim["ceterms:estimatedDuration"] =
        serde_json::json!([{"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "P6M"}]);
    cpim["ceterms:occupationType"] = soc("13-1081");
    let mut cscp = cred(CSCP, "Certified Supply Chain Professional", org);
    cscp["ceterms:estimatedCost"] = cost(1400.0);
    cscp["ceterms:estimatedDuration"] =
        serde_json::json!([{"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "P3M"}]);
    cscp["ceterms:occupationType"] = soc("13-1081");
    cscp["ceterms:requires"] = serde_json::json!([{
        "@type": "ceterms:ConditionProfile",
        "ceterms:description": {"en-US": "Eligibility: meet one of the following"},
        "ceterms:alternativeCondition": [
            {"@type": "ceterms:ConditionProfile", "ceterms:yearsOfExperience": 3},
            {"@type": "ceterms:ConditionProfile", "ceterms:condition": {"en-US": ["Bachelor's degree"]}},
            {"@type": "ceterms:ConditionProfile", "ceterms:targetCredential": [uri(CPIM)]}
        ]
    }]);
    let mut aplus = cred(APLUS, "CompTIA A+", comptia);
    aplus["ceterms:estimatedCost"] = cost(500.0);
    aplus["ceterms:occupationType"] = soc("15-1232");
    aplus["ceterms:recommends"] = serde_json::json!([{"@type": "ceterms:ConditionProfile",
        "ceterms:condition": ["9 to 12 months of hands-on experience in a lab or field"]}]);
    aplus["ceterms:isPreparationFor"] = serde_json::json!([{"@type": "ceterms:ConditionProfile",
        "ceterms:targetCredential": [uri(NETPLUS)]}]);
    let mut netplus = cred(NETPLUS, "CompTIA Network+", comptia);
    netplus["ceterms:estimatedCost"] = cost(370.0);
    netplus["ceterms:occupationType"] = soc("15-1231");
    netplus["ceterms:recommends"] = serde_json::json!([{"@type": "ceterms:ConditionProfile",
        "ceterms:targetCredential": [uri(APLUS)]}]);
    netplus["ceterms:isPreparationFor"] = serde_json::json!([{"@type": "ceterms:ConditionProfile",
        "ceterms:targetCredential": [uri(SECPLUS)]}]);
    let mut secplus = cred(SECPLUS, "CompTIA Security+", comptia);
    secplus["ceterms:estimatedCost"] = cost(400.0);
    secplus["ceterms:occupationType"] = soc("15-1212");
    secplus["ceterms:recommends"] = serde_json::json!([{"@type": "ceterms:ConditionProfile",
        "ceterms:targetCredential": [uri(NETPLUS)]}]);
    let mut cysa = cred(CYSA, "CompTIA Cybersecurity Analyst (CySA+)", comptia);
    cysa["ceterms:estimatedCost"] = cost(400.0);
    cysa["ceterms:occupationType"] = soc("15-1212");
    cysa["ceterms:requires"] = serde_json::json!([{
        "@type": "ceterms:ConditionProfile",
        "ceterms:alternativeCondition": [
            {"@type": "ceterms:ConditionProfile", "ceterms:yearsOfExperience": 4},
            {"@type": "ceterms:ConditionProfile", "ceterms:targetCredential": [uri(SECPLUS)]}
        ]
    }]);
    let graph = serde_json::json!({
        "@context": "https://credreg.net/ctdl/schema/context/json",
        "@graph": [
            {"@id": org, "@type": "ceterms:CredentialOrganization", "ceterms:ctid": "ce-1a000000-0000-4000-8000-0000000000ff", "ceterms:name": "ASCM"},
            {"@id": comptia, "@type": "ceterms:CredentialOrganization", "ceterms:ctid": "ce-2b000000-0000-4000-8000-0000000000ff", "ceterms:name": "CompTIA"},
            cpim, cscp, aplus, netplus, secplus, cysa
        ]
    });
    serde_json::to_vec_pretty(&graph).unwrap()
}

fn test_records() -> Vec<Record> {
    let out = import_ctdl_bytes("pathways_test.json", &test_ctdl(), vocab()).unwrap();
    assert_eq!(out.rejected, 0, "{:?}", out.diagnostics);
    out.records
}

fn test_graph() -> PathwayGraph {
    build_graph(&test_records(), Some(reference()), &[])
}

fn person(dir: &Path, name: &str, toml: &str) -> Person {
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, toml).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    Person::from_toml(&text, &path.display().to_string()).unwrap()
}

#[test]
fn cscp_alternatives_import_from_ctdl_as_an_any_of() {
    let g = test_graph();
    let cscp = &g.nodes[g.find(CSCP).unwrap()];
    assert_eq!(
        cscp.requires,
        Condition::Any(vec![
            Condition::Experience {
                years: 3.0,
                field: None
            },
            Condition::Education(EducationLevel::Bachelor),
            Condition::Holds {
                credential: CPIM.into(),
                active: false
            },
        ])
    );
    assert_eq!(cscp.cost, Some(1400.0));
    assert_eq!(cscp.issuer.as_deref(), Some("ASCM"));
    // The text form of the imported tree reads back to the same tree.
    assert_eq!(
        parse_condition(&cscp.requires.to_text()).unwrap(),
        cscp.requires
    );
}

#[test]
fn cscp_eligibility_for_sample_people() {
    let dir = tempfile::tempdir().unwrap();
    let g = test_graph();
    let req = g.nodes[g.find(CSCP).unwrap()].requires.clone();
    let names = |id: &str| g.find(id).map(|i| g.nodes[i].name.clone());

    let ana = person(
        dir.path(),
        "ana",
        "education = \"high_school\"\n[[experience]]\nfield = \"logistics\"\nyears = 4\n",
    );
    let e = check_eligibility(&req, &ana, today(), &names);
    assert_eq!(e.verdict, Verdict::Met);
    assert_eq!(
        e.satisfied_by.as_deref(),
        Some("3 years of work experience")
    );

    let ben = person(dir.path(), "ben", "education = \"master\"\n");
    let e = check_eligibility(&req, &ben, today(), &names);
    assert_eq!(e.verdict, Verdict::Met);
    assert_eq!(
        e.satisfied_by.as_deref(),
        Some("a bachelor's degree or equivalent")
    );

    let cy = person(
        dir.path(),
        "cy",
        "education = \"high_school\"\n[[experience]]\nyears = 1\n",
    );
    let e = check_eligibility(&req, &cy, today(), &names);
    assert_eq!(e.verdict, Verdict::NotMet);
    assert_eq!(e.alternatives.len(), 3);
    let missing: Vec<String> = e
        .alternatives
        .iter()
        .map(|a| a.check.missing.join("; "))
        .collect();
    assert!(
        missing[0].contains("2 more year(s) of experience (you have 1 of 3)"),
        "{missing:?}"
    );
    assert!(missing[1].contains("bachelor's degree"), "{missing:?}");
    assert!(
        missing[2].contains("Certified in Planning and Inventory Management"),
        "{missing:?}"
    );

    // The authored form with the issuer rule: an expired ASCM credential does not count.
    let authored = parse_condition(
        r#"experience 3 years in "business" OR education bachelor OR holds active from "ASCM""#,
    )
    .unwrap();
    let dee = person(
        dir.path(),
        "dee",
        "[[experience]]\nfield = \"business operations\"\nyears = 2\n[[credentials]]\nid = \"cpim\"\nissuer = \"ASCM\"\nearned = 2019-01-01\nexpires = 2024-01-01\n",
    );
    let e = check_eligibility(&authored, &dee, today(), &names);
    assert_eq!(e.verdict, Verdict::NotMet);
    assert!(
        e.alternatives[2].check.missing[0].contains("expired"),
        "{:?}",
        e.alternatives[2]
    );
    assert!(e.alternatives[0].check.missing[0].contains("1 more year(s) of experience in business"));
    let eve = person(
        dir.path(),
        "eve",
        "[[credentials]]\nid = \"cltd\"\nissuer = \"ASCM\"\nexpires = \"2027-06-30\"\n",
    );
    let e = check_eligibility(&authored, &eve, today(), &names);
    assert_eq!(e.verdict, Verdict::Met);
    assert_eq!(
        e.satisfied_by.as_deref(),
        Some("holding an active credential from ASCM")
    );
}

#[test]
fn cscp_plan_trades_waiting_against_a_stack() {
    let dir = tempfile::tempdir().unwrap();
    let g = test_graph();
    let cy = person(
        dir.path(),
        "cy",
        "education = \"high_school\"\n[[experience]]\nyears = 1\n",
    );
    let p = plan(
        &g,
        &cy,
        CSCP,
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    let cheapest = p.cheapest.unwrap();
    let fastest = p.fastest.unwrap();
    // Waiting two years for the experience costs only the CSCP exam ($1,400, 0.25 y + 2 y);
    // earning CPIM first ($1,000, 0.5 y) unlocks CSCP at once.
    let ids =
        |p: &credence_pathways::PlanPath| p.steps.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&cheapest), vec![CSCP.to_string()]);
    assert!((cheapest.cost - 1400.0).abs() < 1e-6);
    assert!((cheapest.years - 2.25).abs() < 1e-6);
    assert_eq!(ids(&fastest), vec![CPIM.to_string(), CSCP.to_string()]);
    assert!((fastest.cost - 2400.0).abs() < 1e-6);
    assert!((fastest.years - 0.75).abs() < 1e-6);
    assert_eq!(p.pareto.len(), 2);
    assert!(!p.stats.truncated);
    // With a bachelor's degree, CSCP is open now: one step, no wait.
    let ben = person(dir.path(), "ben", "education = \"bachelor\"\n");
    let p = plan(
        &g,
        &ben,
        CSCP,
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(p.pareto.len(), 1);
    assert!((p.cheapest.unwrap().years - 0.25).abs() < 1e-6);
}

#[test]
fn comptia_stack_plans_to_an_occupation_with_wages() {
    let dir = tempfile::tempdir().unwrap();
    let g = test_graph();
    // The stack is visible as preparation edges A+ → Network+ → Security+.
    let prep = |a: &str, b: &str| {
        let (a, b) = (g.find(a).unwrap(), g.find(b).unwrap());
        g.out_edges(a).iter().any(|&e| {
            g.edges[e].to == b && g.edges[e].kind == credence_pathways::EdgeKind::PreparationFor
        })
    };
    assert!(prep(APLUS, NETPLUS) && prep(NETPLUS, SECPLUS));
    let new = person(dir.path(), "new", "education = \"high_school\"\nage = 19\n");
    // CySA+ needs 4 years or Security+: Security+ first is fastest, waiting is cheapest.
    let p = plan(
        &g,
        &new,
        CYSA,
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    let fastest = p.fastest.unwrap();
    assert_eq!(
        fastest
            .steps
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        vec![SECPLUS, CYSA]
    );
    assert_eq!(p.cheapest.unwrap().steps.len(), 1);
    // Information security analysts (15-1212): reached through Security+ with the OEWS wage.
    let p = plan(
        &g,
        &new,
        "15-1212",
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    let c = p.cheapest.unwrap();
    assert_eq!(c.steps.first().unwrap().id, SECPLUS);
    assert_eq!(c.steps.last().unwrap().kind, NodeKind::Occupation);
    let wage = c.exit_wage.unwrap();
    assert_eq!(wage.soc, "15-1212");
    assert_eq!(
        Some(wage.median),
        reference().wage("15-1212").and_then(|w| w.a_median)
    );
    // A SOC prefix targets every matching occupation; the Pareto set then trades wage too.
    let p = plan(
        &g,
        &new,
        "15-12",
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    assert!(p.targets.len() > 5);
    assert!(!p.pareto.is_empty());
    // Someone holding Security+ can go to CySA+ at once.
    let sec = person(
        dir.path(),
        "sec",
        "[[credentials]]\nid = \"ce-2b000000-0000-4000-8000-000000000003\"\nearned = 2025-01-01\n",
    );
    let p = plan(
        &g,
        &sec,
        CYSA,
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(p.cheapest.unwrap().steps.len(), 1);
    assert!(p.fastest.unwrap().years < 0.5);
}

#[test]
fn credit_rules_shorten_a_program() {
    let g0 = test_graph();
    let csv = format!(
        "credential_id,institution,program_cip,program_name,credits,credit_type,source\n\
         {SECPLUS},Example Community College,11.1003,Computer and Information Systems Security,9,ace,ACE-style recommendation (test)\n"
    );
    let (rules, diags) = parse_credit_csv(csv.as_bytes(), "credits.csv").unwrap();
    assert!(diags.is_empty());
    let g = build_graph(&test_records(), Some(reference()), &rules);
    assert!(g.nodes.len() >= g0.nodes.len());
    let prog = g.find("cip:11.1003").unwrap();
    let credit = g
        .in_edges(prog)
        .iter()
        .find(|&&e| g.edges[e].kind == credence_pathways::EdgeKind::Credit);
    assert_eq!(credit.map(|&e| g.edges[e].credits), Some(Some(9.0)));
    let sec = Person::from_toml(
        "[[credentials]]\nid = \"ce-2b000000-0000-4000-8000-000000000003\"\n",
        "sec.toml",
    )
    .unwrap();
    let a = Assumptions::default();
    let p = plan(&g, &sec, "cip:11.1003", today(), &a, &Limits::default()).unwrap();
    let c = p.cheapest.unwrap();
    assert!(
        (c.cost - (a.program_cost - 9.0 * a.cost_per_credit)).abs() < 1e-6,
        "{c:?}"
    );
    assert!(c.steps[0]
        .notes
        .iter()
        .any(|n| n.contains("9 credit(s) transferred")));
}

#[test]
fn cycles_are_reported_and_planning_terminates() {
    let mut records = test_records();
    // Make A+ require CySA+ while CySA+ can require Security+ ← … : add a two-node cycle.
    for r in records.iter_mut() {
        if r.id == APLUS {
            r.document["ceterms:requires"] = serde_json::json!([{"@type": "ceterms:ConditionProfile",
                "ceterms:targetCredential": [uri(NETPLUS)]}]);
        }
        if r.id == NETPLUS {
            r.document["ceterms:requires"] = serde_json::json!([{"@type": "ceterms:ConditionProfile",
                "ceterms:targetCredential": [uri(APLUS)]}]);
        }
    }
    let g = build_graph(&records, Some(reference()), &[]);
    assert!(g
        .findings
        .cycles
        .iter()
        .any(|c| c.contains(&APLUS.to_string()) && c.contains(&NETPLUS.to_string())));
    let p = plan(
        &g,
        &Person::default(),
        NETPLUS,
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    assert!(
        p.cheapest.is_none(),
        "a prerequisite cycle with no way in has no plan"
    );
    assert!(!p.stats.truncated);
}

#[test]
fn unknown_targets_are_none() {
    let g = test_graph();
    assert!(plan(
        &g,
        &Person::default(),
        "no-such-thing",
        today(),
        &Assumptions::default(),
        &Limits::default()
    )
    .is_none());
    assert!(resolve_targets(&g, "99-99").is_empty());
}

#[test]
fn real_registry_fixtures_build_and_plan() {
    let dir = credence_testkit::data_dir().join("ctdl");
    let mut records = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with("cer_fixture")
            || name.starts_with("cer_seed")
            || name.starts_with("cer_legacy")
            || name.starts_with("ra_"))
        {
            continue;
        }
        let out = credence_registry::import_ctdl_file(&path, vocab()).unwrap();
        records.extend(out.records);
    }
    assert!(records.len() >= 8);
    let g = build_graph(&records, Some(reference()), &[]);
    assert!(
        g.nodes.len() > 1000,
        "reference occupations and programs are in the graph"
    );
    assert!(!g.entry_points().is_empty());
    assert!(g.exit_points().len() > 100);
    // The detailed RA sample requires high school, a driver's licence and two learning opportunities.
    let id = "ce-509682bb-658e-4eb6-87f2-ebff5d5e0aec";
    let node = &g.nodes[g.find(id).unwrap()];
    let text = node.requires.to_text();
    assert!(text.contains("education high_school"), "{text}");
    assert!(
        text.contains("confirms \"Have a drivers licence.\""),
        "{text}"
    );
    assert!(
        g.findings.dangling.iter().any(|d| d.from == id),
        "{:?}",
        g.findings.dangling
    );
    // Its occupation codes are SOC 2010 (15-1122) and crosswalk to 15-1212 in SOC 2018.
    let leads: Vec<String> = g
        .out_edges(g.find(id).unwrap())
        .iter()
        .map(|&e| g.nodes[g.edges[e].to].id.clone())
        .collect();
    assert!(leads.contains(&"soc:15-1212".to_string()), "{leads:?}");
    let hs = Person::from_toml(
        "education = \"high_school\"\nconfirms = [\"Have a drivers licence.\"]\n",
        "p.toml",
    )
    .unwrap();
    let p = plan(
        &g,
        &hs,
        "15-1212",
        today(),
        &Assumptions::default(),
        &Limits::default(),
    )
    .unwrap();
    assert!(p.cheapest.is_some() && p.fastest.is_some());
    assert!(p.stats.micros < 1_000_000);
    // Every Pareto path is not beaten by the cheapest on all criteria.
    let c = p.cheapest.as_ref().unwrap();
    for q in &p.pareto {
        assert!(q.cost + 1e-9 >= c.cost);
    }
}

#[test]
fn generated_graph_cheapest_and_fastest_match_dijkstra_oracles() {
    let mut g = generated_graph(20_000, 7);
    for n in g.nodes.iter_mut() {
        n.renewal_per_year = None;
    }
    assert!(!g.findings.cycles.is_empty(), "the generator plants cycles");
    let p = Person {
        education: EducationLevel::HighSchool,
        ..Default::default()
    };
    let table = build_steps(&g, &p, today(), &Assumptions::default());
    let n = g.nodes.len();
    // Oracle: petgraph's Dijkstra on cost over the same steps, from the virtual start.
    // Oracle for the fastest path: the same on time (waiting included).
    let mut pg: petgraph::graph::DiGraph<(), (f64, f64)> = petgraph::graph::DiGraph::new();
    let ix: Vec<_> = (0..=n).map(|_| pg.add_node(())).collect();
    for (from, to, cost, years) in table.edges(n) {
        pg.add_edge(ix[from], ix[to], (cost, years));
    }
    let dist = petgraph::algo::dijkstra(&pg, ix[n], None, |e| e.weight().0);
    let time = petgraph::algo::dijkstra(&pg, ix[n], None, |e| e.weight().1);
    // The default bounds: the planner's pruning must make them enough on this graph.
    let limits = Limits {
        max_steps: 64,
        ..Limits::default()
    };
    let mut checked = 0;
    for t in (0..n)
        .step_by(997)
        .filter(|&t| g.nodes[t].kind != NodeKind::Program)
    {
        let r = search(&g, &table, &[t], &limits);
        match (r.cheapest.as_ref(), dist.get(&ix[t])) {
            (Some(c), Some(d)) => {
                assert!((c.cost - d).abs() < 1e-6, "target {t}: {} vs {d}", c.cost);
                let f = r.fastest.as_ref().unwrap();
                assert!(f.years <= c.years + 1e-9);
                let y = time[&ix[t]];
                assert!((f.years - y).abs() < 1e-6, "target {t}: {} vs {y}", f.years);
                checked += 1;
            }
            (None, None) => {}
            (a, b) => panic!(
                "target {t}: planner {:?} vs oracle {b:?}",
                a.map(|c| c.cost)
            ),
        }
        assert!(!r.stats.truncated);
    }
    assert!(checked > 5, "{checked}");
}

#[test]
fn bounding_keeps_the_whole_pareto_set() {
    // Renewal fees kept: labels then differ in cost growth, so the Pareto sets are non-trivial.
    let g = generated_graph(20_000, 11);
    let p = Person {
        education: EducationLevel::HighSchool,
        ..Default::default()
    };
    let table = build_steps(&g, &p, today(), &Assumptions::default());
    let exhaustive = Limits {
        max_steps: 64,
        labels_per_node: 256,
        bounding: false,
        ..Limits::default()
    };
    let bounded = Limits::default();
    let points = |plan: &credence_pathways::Plan| {
        let mut v: Vec<(i64, i64)> = plan
            .pareto
            .iter()
            .map(|q| {
                (
                    (q.cost * 100.0).round() as i64,
                    (q.years * 1e4).round() as i64,
                )
            })
            .collect();
        v.sort_unstable();
        v
    };
    let (mut compared, mut multi) = (0, 0);
    for t in (0..g.nodes.len())
        .step_by(1_009)
        .filter(|&t| g.nodes[t].kind != NodeKind::Program)
    {
        let slow = search(&g, &table, &[t], &exhaustive);
        if slow.stats.truncated {
            continue;
        }
        let fast = search(&g, &table, &[t], &bounded);
        assert!(!fast.stats.truncated, "target {t}");
        assert_eq!(points(&fast), points(&slow), "target {t}");
        assert!(fast.stats.labels <= slow.stats.labels);
        compared += 1;
        multi += usize::from(slow.pareto.len() > 1);
    }
    eprintln!("compared {compared} targets, {multi} with several Pareto paths");
    assert!(compared >= 10, "{compared}");
    assert!(multi >= 1, "no target had more than one Pareto path");
}
