//! Framework format: presets parse and cite sources; bad files are rejected with file, line and
//! field; evaluation gives pass / fail / insufficient evidence with three-valued combinators.

use std::collections::BTreeMap;

use credence_value::evidence::Fact;
use credence_value::{
    evaluate, presets, CredentialEvidence, Figure, Framework, ReferenceFigures, ValueError, Verdict,
};

fn rejected(text: &str) -> Vec<(String, String, String)> {
    match Framework::parse(text, "bad.toml") {
        Err(ValueError::Rejected { diagnostics, .. }) => diagnostics
            .iter()
            .map(|d| {
                (
                    d.location.record.clone().unwrap_or_default(),
                    d.location.field.clone().unwrap_or_default(),
                    d.message.clone(),
                )
            })
            .collect(),
        other => panic!("expected rejection, got {other:?}"),
    }
}

const HEAD: &str = "[framework]\nid = \"t\"\nname = \"T\"\nsource = \"S\"\nvintage = \"2025\"\n";

#[test]
fn every_preset_parses_and_cites_source_and_vintage() {
    let all = presets::all().expect("presets are valid");
    assert!(all.len() >= 8);
    for fw in &all {
        assert!(!fw.source.is_empty() && !fw.vintage.is_empty(), "{}", fw.id);
        for c in &fw.criteria {
            if c.primitive.refs().is_empty() {
                assert!(
                    c.source.is_some() && c.vintage.is_some(),
                    "{}:{}",
                    fw.id,
                    c.id
                );
            }
        }
        assert!(
            fw.tiers.last().is_some_and(|t| t.requires.is_empty()),
            "{} has a fallback tier",
            fw.id
        );
    }
}

#[test]
fn unknown_kind_is_rejected_with_its_line() {
    let text = format!("{HEAD}\n[[criteria]]\nid = \"a\"\nkind = \"vibes\"\nsource = \"x\"\nvintage = \"y\"\n\n[[tiers]]\nname = \"A\"\nrequires = [\"a\"]\n");
    let d = rejected(&text);
    assert!(
        d.iter().any(|(line, field, msg)| line == "line 9"
            && field == "criteria[0].kind"
            && msg.contains("vibes")),
        "{d:?}"
    );
}

#[test]
fn impossible_thresholds_are_rejected_with_line_and_field() {
    let text = format!(
        "{HEAD}\n[[criteria]]\nid = \"emp\"\nkind = \"employment_rate\"\nquarter = 2\nmin = 1.5\nsource = \"x\"\nvintage = \"y\"\n\n\
         [[criteria]]\nid = \"len\"\nkind = \"clock_hours\"\nmin = 600\nmax = 150\nsource = \"x\"\nvintage = \"y\"\n\n\
         [[criteria]]\nid = \"k\"\nkind = \"k_of_n\"\nk = 3\nof = [\"emp\", \"len\"]\n\n\
         [[criteria]]\nid = \"q\"\nkind = \"employment_rate\"\nquarter = 3\nmin = 0.5\nsource = \"x\"\nvintage = \"y\"\n\n\
         [[tiers]]\nname = \"A\"\nrequires = [\"emp\", \"nope\"]\n"
    );
    let d = rejected(&text);
    let has = |line: &str, field: &str| d.iter().any(|(l, f, _)| l == line && f == field);
    assert!(has("line 11", "criteria[0].min"), "{d:?}");
    assert!(has("line 18", "criteria[1].min"), "{d:?}");
    assert!(has("line 26", "criteria[2].k"), "{d:?}");
    assert!(has("line 32", "criteria[3].quarter"), "{d:?}");
    assert!(
        d.iter()
            .any(|(_, f, m)| f == "tiers[0].requires" && m.contains("nope")),
        "{d:?}"
    );
}

#[test]
fn unknown_keys_missing_sources_and_cycles_are_rejected() {
    let text = format!(
        "{HEAD}colour = \"red\"\n\n[[criteria]]\nid = \"c\"\nkind = \"cost\"\nmax = 10\n\n\
         [[criteria]]\nid = \"x\"\nkind = \"all\"\nof = [\"y\"]\n\n[[criteria]]\nid = \"y\"\nkind = \"any\"\nof = [\"x\"]\n\n\
         [[tiers]]\nname = \"A\"\nrequires = []\n\n[[tiers]]\nname = \"B\"\nrequires = [\"c\"]\n"
    );
    let d = rejected(&text);
    assert!(
        d.iter()
            .any(|(l, f, m)| l == "line 6" && f == "framework.colour" && m.contains("unknown key")),
        "{d:?}"
    );
    assert!(d.iter().any(|(_, f, _)| f == "criteria[0].source"), "{d:?}");
    assert!(
        d.iter().any(|(_, _, m)| m.contains("refers to itself")),
        "{d:?}"
    );
    assert!(
        d.iter()
            .any(|(_, f, m)| f == "tiers[0].requires" && m.contains("must come last")),
        "{d:?}"
    );
}

#[test]
fn syntax_errors_carry_a_line() {
    let d = rejected("[framework]\nid = \"t\"\nname = \n");
    assert_eq!(d[0].0, "line 3", "{d:?}");
}

fn fig(v: f64, n: u64) -> Figure {
    Figure::new(v, Some(n), "2024", "test")
}

#[test]
fn k_of_n_is_three_valued() {
    let fw = presets::find("texas-tea-ibc").unwrap();
    let fact = |p: Option<bool>| Fact {
        present: p,
        detail: "d".into(),
        source: "s".into(),
    };
    let mut e = CredentialEvidence {
        id: "x".into(),
        name: "X".into(),
        ..Default::default()
    };
    let refs = ReferenceFigures::default();
    // One pass, two unknown: undecided.
    e.quality = BTreeMap::from([
        ("industry_standard".into(), fact(Some(true))),
        ("independent_assessment".into(), fact(None)),
        ("time_limited".into(), fact(None)),
    ]);
    let r = evaluate(&fw, &e, &refs);
    let k = r.criteria.iter().find(|c| c.id == "two_of_three").unwrap();
    assert_eq!(k.verdict, Verdict::Insufficient);
    assert!(
        r.tier.is_none() && r.reason.contains("insufficient"),
        "{r:?}"
    );
    // One pass, two fail: fails, falls to the fallback tier.
    e.quality
        .insert("independent_assessment".into(), fact(Some(false)));
    e.quality.insert("time_limited".into(), fact(Some(false)));
    let r = evaluate(&fw, &e, &refs);
    assert_eq!(
        r.tier.as_deref(),
        Some("Does not meet IBC quality criteria")
    );
    // Two pass: meets.
    e.quality.insert("time_limited".into(), fact(Some(true)));
    let r = evaluate(&fw, &e, &refs);
    assert_eq!(r.tier.as_deref(), Some("Meets IBC quality criteria"));
}

#[test]
fn washington_uses_outcomes_and_says_what_is_missing() {
    let fw = presets::find("washington-etpl").unwrap();
    let refs = ReferenceFigures::default();
    let mut e = CredentialEvidence {
        id: "x".into(),
        name: "X".into(),
        ..Default::default()
    };
    let r = evaluate(&fw, &e, &refs);
    assert!(r.tier.is_none());
    assert!(r
        .criteria
        .iter()
        .all(|c| c.verdict == Verdict::Insufficient));
    assert!(r.criteria[0].missing[0].contains("completion rate"));
    e.outcomes.completion_rate = Some(fig(0.45, 40));
    e.outcomes.employment_q2 = Some(fig(0.62, 40));
    e.outcomes.earnings_q2 = Some(fig(4_800.0, 30));
    let r = evaluate(&fw, &e, &refs);
    // Quarterly earnings fall short and hourly is unknown: still undecided, not failed.
    let earn = r.criteria.iter().find(|c| c.id == "earnings").unwrap();
    assert_eq!(earn.verdict, Verdict::Insufficient, "{earn:?}");
    e.outcomes.earnings_q2 = Some(fig(5_200.0, 30));
    let r = evaluate(&fw, &e, &refs);
    assert_eq!(r.tier.as_deref(), Some("Meets minimum performance"));
    e.outcomes.completion_rate = Some(fig(0.20, 40));
    let r = evaluate(&fw, &e, &refs);
    assert_eq!(r.tier.as_deref(), Some("Below minimum performance"));
}

#[test]
fn wage_percentile_uses_the_reference_distribution() {
    let text = format!(
        "{HEAD}\n[[criteria]]\nid = \"w\"\nkind = \"wage\"\nbasis = \"percentile_all\"\npercentile = 25\narea = \"national\"\nsource = \"x\"\nvintage = \"y\"\n\n[[tiers]]\nname = \"A\"\nrequires = [\"w\"]\n\n[[tiers]]\nname = \"B\"\nrequires = []\n"
    );
    let fw = Framework::parse(&text, "t.toml").unwrap();
    let mut refs = ReferenceFigures::default();
    let mut e = CredentialEvidence {
        id: "x".into(),
        name: "X".into(),
        wage_annual: Some(fig(40_000.0, 1000)),
        ..Default::default()
    };
    assert_eq!(
        evaluate(&fw, &e, &refs).criteria[0].verdict,
        Verdict::Insufficient
    );
    refs.national_wage_percentiles
        .insert("p25".into(), fig(36_730.0, 154_187_380));
    assert_eq!(evaluate(&fw, &e, &refs).tier.as_deref(), Some("A"));
    e.wage_annual = Some(fig(30_000.0, 1000));
    assert_eq!(evaluate(&fw, &e, &refs).tier.as_deref(), Some("B"));
}
