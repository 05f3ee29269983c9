//! Credentials of value end to end: New Jersey's industry-credential list against a generated
//! posting set. The report's share requested and share aligned are recomputed independently —
//! posting counts through the demand read path (`demand_show`), alignment from the in-demand CSV
//! read here with the csv crate, and requested credentials from the generator's ground truth.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use credence_engine::{
    Engine, EngineConfig, ImportOptions, ListFormat, NoProgress, RunOptions, ValueListSource,
    ValueRequest,
};
use credence_engine::{FieldMap, PostingMentions};
use credence_synth::{write_corpus, Catalog, Format, PostingGenerator, Shape};
use credence_testkit::data_dir;

/// Postings generated for the test; enough for New Jersey cells above the small-cell threshold.
const POSTINGS: usize = 4000;

async fn engine(db: &Path) -> Engine {
    Engine::open(&EngineConfig {
        db_url: format!("sqlite://{}", db.display()),
        data_dir: data_dir(),
        overrides: None,
    })
    .await
    .unwrap()
}

/// In-demand SOCs read straight from the file.
fn in_demand_socs() -> BTreeSet<String> {
    let mut r = csv::Reader::from_path(data_dir().join("nj_etpl/in_demand_socs.csv")).unwrap();
    r.records()
        .map(|x| x.unwrap()[0].trim().to_string())
        .collect()
}

#[tokio::test]
async fn new_jersey_list_against_generated_postings() {
    if !data_dir().join("nj_etpl").exists() {
        eprintln!("SKIPPED: no data directory at {}", data_dir().display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let engine = engine(&dir.path().join("v.db")).await;
    engine.init(&NoProgress).await.unwrap();
    let nj = data_dir().join("nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv");
    engine
        .import_list(&nj, &ListFormat::NjIndustry, ImportOptions::default())
        .await
        .unwrap();

    // A realistic generated posting set with ground truth.
    let titles = credence_synth::onet_titles(&data_dir()).unwrap();
    let mut generator = PostingGenerator::new(2026, &Catalog::builtin(), titles);
    let corpus = dir.path().join("corpus");
    let files = write_corpus(
        &corpus,
        POSTINGS,
        Format {
            shape: Shape::Csv,
            gzip: false,
        },
        &mut generator,
    )
    .unwrap();
    let options = RunOptions {
        map: FieldMap::parse("id=job_id,title=job_title,text=job_description,location=job_location,date=posted_at,employer=employer_name").unwrap(),
        format: None,
        ..RunOptions::default()
    };
    engine
        .demand_ingest(&[files.postings.as_path()], &options, None, &NoProgress)
        .await
        .unwrap();

    let mut req = ValueRequest::new(
        ValueListSource::File {
            path: nj.clone(),
            format: credence_engine::ValueListFormat::NjIndustry,
        },
        "credentials-matter",
    );
    req.region = Some("US-NJ".into());
    let report = engine.value_report(&req).await.unwrap();
    let s = &report.supply;

    // Every row of the file with a name is listed; every one is matched by its registry id.
    let mut rdr = csv::Reader::from_path(&nj).unwrap();
    let named = rdr
        .records()
        .filter(|r| !r.as_ref().unwrap()[1].trim().is_empty())
        .count() as u64;
    assert_eq!(s.listed, named);
    assert_eq!(
        s.matched, named,
        "every NJ row is in the registry under nj-industry-ID"
    );
    assert!(
        report.sample_postings >= 10,
        "NJ postings: {}",
        report.sample_postings
    );

    // 1. Share requested, recomputed from the demand ranking (`demand_top`, a different query)
    //    summed over each entry's demand keys.
    let top: HashMap<String, i64> = engine
        .demand_top(None, Some("US-NJ"), 1_000_000)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.credential_key, r.unique_postings))
        .collect();
    let mut requested = 0u64;
    for e in &s.entries {
        let n: i64 = e.demand_keys.iter().filter_map(|k| top.get(k)).sum();
        assert_eq!(n as u64, e.postings, "{}", e.name);
        requested += u64::from(n >= 1);
    }
    assert_eq!(s.share_requested.numerator, requested);
    assert_eq!(s.share_requested.denominator, named);
    let share = s.share_requested.value.unwrap();
    assert!((share - requested as f64 / named as f64).abs() < 1e-12);

    // 2. Share aligned, recomputed from the in-demand CSV read here.
    let list = in_demand_socs();
    assert!(list.len() > 50);
    let aligned = s
        .entries
        .iter()
        .filter(|e| e.socs.iter().any(|soc| list.contains(soc)))
        .count() as u64;
    assert_eq!(s.share_aligned.numerator, aligned);
    assert!(
        aligned > 0,
        "some NJ credentials link to in-demand occupations"
    );

    // 3. Against the generator's truth: NJ postings (originals only) that mention a catalog
    //    credential; the entries whose demand keys hold that id should be the requested ones.
    let mut state_of: HashMap<String, (String, bool)> = HashMap::new();
    let mut meta = csv::Reader::from_path(&files.postings_truth).unwrap();
    for r in meta.records() {
        let r = r.unwrap();
        state_of.insert(r[0].to_string(), (r[3].to_string(), r[4].is_empty()));
    }
    let mut truth_ids: HashSet<String> = HashSet::new();
    for line in std::io::BufReader::new(std::fs::File::open(&files.truth).unwrap()).lines() {
        let p: PostingMentions = serde_json::from_str(&line.unwrap()).unwrap();
        let Some((state, original)) = state_of.get(&p.id) else {
            continue;
        };
        if state == "NJ" && *original {
            truth_ids.extend(p.mentions.iter().filter_map(|m| m.credential_id.clone()));
        }
    }
    let truth_requested = s
        .entries
        .iter()
        .filter(|e| e.demand_keys.iter().any(|k| truth_ids.contains(k)))
        .count() as f64;
    let truth_share = truth_requested / named as f64;
    eprintln!(
        "NJ list: {named} entries; share requested {share:.4} (truth {truth_share:.4}); share aligned {:.4}; {} NJ postings",
        s.share_aligned.value.unwrap(),
        report.sample_postings
    );
    assert!(
        (share - truth_share).abs() <= 0.02,
        "report {share:.4} vs truth {truth_share:.4}"
    );

    // Definitions, n and intervals travel with every share; tiers come with per-criterion evidence.
    assert!(s
        .share_requested
        .definition
        .contains("distinct job postings"));
    let (lo, hi) = s.share_requested.interval.unwrap();
    assert!(lo <= share && share <= hi);
    assert_eq!(report.tiers.len() as u64, named);
    let t = &report.tiers[0];
    assert_eq!(t.criteria.len(), 2);
    let tiers: BTreeMap<String, usize> = report.tier_counts.iter().cloned().collect();
    assert_eq!(tiers.values().sum::<usize>() as u64, named);
    assert!(!s.asked_not_listed.is_empty());

    // Other presets give tiers with per-criterion evidence on the same credentials.
    for fw in [
        "texas-tea-ibc",
        "washington-etpl",
        "ohio-techcred",
        "indiana",
    ] {
        let mut r2 = req.clone();
        r2.framework = fw.into();
        let rep = engine.value_report(&r2).await.unwrap();
        assert!(rep.tiers.iter().all(|t| !t.criteria.is_empty()), "{fw}");
        // New Jersey's table carries no outcomes, projections or quality fields: these frameworks
        // must say so rather than guess.
        assert!(
            rep.tiers
                .iter()
                .all(|t| t.criteria.iter().any(|c| !c.missing.is_empty())),
            "{fw}"
        );
    }

    // A credential's tier under a framework whose criteria it can meet.
    let a_plus = s.entries.iter().find(|e| e.name == "CompTIA A+").unwrap();
    let view = engine
        .value_tier(
            a_plus.matched_id.as_deref().unwrap(),
            "credentials-matter",
            Some("US-NJ"),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        view.result.criteria[0].verdict == credence_engine::value_model::Verdict::Pass,
        a_plus.postings >= 1
    );
    assert!(
        view.money.gain.is_some(),
        "A+ links to an occupation with OEWS wages"
    );
}

#[tokio::test]
async fn a_list_with_awards_is_weighted_and_its_bad_rows_reported() {
    if !data_dir().join("nj_etpl").exists() {
        eprintln!("SKIPPED: no data directory");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let engine = engine(&dir.path().join("a.db")).await;
    let list = dir.path().join("awards.csv");
    std::fs::write(
        &list,
        "Credential,Issuer,Earned,Year\n\
         CompTIA A+,CompTIA,40,2024\n\
         Certified Nursing Assistant,,25,2024\n\
         Underwater Basket Weaving Seal,,5,2024\n\
         CompTIA A+,CompTIA,40,2024\n\
         OSHA 10,,,2024\n",
    )
    .unwrap();
    let map = credence_engine::value_model::list::ListFieldMap::parse(
        "name=Credential,issuer=Issuer,awards=Earned,year=Year",
    )
    .unwrap();
    let imported = engine
        .value_import_list(
            &list,
            &credence_engine::ValueListFormat::Mapped(map),
            Some("district"),
        )
        .await
        .unwrap();
    assert_eq!(imported.entries, 4);
    assert!(imported
        .rejected
        .iter()
        .any(|(line, why)| *line == 5 && why.contains("duplicate")));
    assert!(imported
        .diagnostics
        .iter()
        .any(|d| d.location.record.as_deref() == Some("line 6")));
    let mut req = ValueRequest::new(
        ValueListSource::Imported("district".into()),
        "credentials-matter",
    );
    req.min_cell = 1;
    req.in_demand = Some(data_dir().join("nj_etpl/in_demand_socs.csv"));
    let r = engine.value_report(&req).await.unwrap();
    // No registry records were imported: every entry is listed for review, none dropped.
    assert_eq!(r.unmatched.len(), 4);
    let awards = r.supply.share_awards_requested.as_ref().unwrap();
    assert_eq!(awards.denominator, 70, "awards with a count: 40 + 25 + 5");
    assert!(engine
        .value_report(&ValueRequest::new(
            ValueListSource::Imported("nope".into()),
            "lumina"
        ))
        .await
        .is_err());
}
