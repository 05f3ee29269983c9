//! End-to-end checks on generated data: the estimators recover the generator's true effects
//! within their intervals at the stated coverage, the naive comparisons do not, suppressed cells
//! cannot be recovered from the published tables, and the DataFusion query agrees with the
//! in-memory computation (and, built with `--features ballista`, with standalone Ballista).

use std::collections::{BTreeMap, HashSet};
use std::fs::File;

use credence_outcomes::metrics::{compute, CredentialOutcomes, MetricCell, MetricOptions};
use credence_outcomes::participants::read_participants;
use credence_outcomes::synth::{generate, SynthConfig, Truth};
use credence_outcomes::wages::{read_wages, WageFormat, WageHistory, WageMap};
use credence_outcomes::{DisclosureOptions, Participant, ParticipantMap, PersonKeyer};

fn keyer() -> PersonKeyer {
    PersonKeyer::new(b"integration-test-secret-key").unwrap()
}

/// Generates, imports and computes; the truth is read back from its own file.
fn run(
    seed: u64,
    participants: usize,
    opts: &MetricOptions,
    parquet: bool,
) -> (Vec<CredentialOutcomes>, Truth, tempfile::TempDir) {
    let (out, truth, data, _, _) = run_with_inputs(seed, participants, opts, parquet);
    (out, truth, data)
}

/// Outcomes, truth, the data directory, and the imported participants and wage history.
type RunWithInputs = (
    Vec<CredentialOutcomes>,
    Truth,
    tempfile::TempDir,
    Vec<Participant>,
    WageHistory,
);

/// As [`run`], also returning the imported participants and wage history.
fn run_with_inputs(
    seed: u64,
    participants: usize,
    opts: &MetricOptions,
    parquet: bool,
) -> RunWithInputs {
    let data = tempfile::tempdir().unwrap();
    let truth_dir = tempfile::tempdir().unwrap();
    let mut cfg = SynthConfig::new(seed, participants);
    cfg.parquet = parquet;
    let truth_path = truth_dir.path().join("truth.json");
    generate(&cfg, data.path(), &truth_path).unwrap();
    let truth: Truth = serde_json::from_reader(File::open(&truth_path).unwrap()).unwrap();
    assert!(
        !data.path().join("truth.json").exists(),
        "truth must not sit beside the data"
    );
    let p = read_participants(
        File::open(data.path().join("participants.csv")).unwrap(),
        "participants.csv",
        &ParticipantMap::default(),
        &keyer(),
    )
    .unwrap();
    assert!(
        p.rejects.is_empty(),
        "{:?}",
        &p.rejects[..p.rejects.len().min(3)]
    );
    let wanted: HashSet<String> = p.participants.iter().map(|x| x.person.clone()).collect();
    let mut w = WageHistory::default();
    read_wages(
        &data.path().join("wages.csv"),
        WageFormat::Csv,
        &WageMap::default(),
        &keyer(),
        Some(&wanted),
        &mut w,
    )
    .unwrap();
    assert_eq!(w.rejected, 0);
    let out = compute(&p.participants, &w, opts).unwrap();
    (out, truth, data, p.participants, w)
}

fn cell<'a>(
    o: &'a CredentialOutcomes,
    dim: &str,
    cat: &str,
    metric: &str,
) -> Option<&'a MetricCell> {
    o.cells
        .iter()
        .find(|c| c.dimension == dim && c.category == cat && c.metric == metric)
}

// Matching on the baseline year itself biased the gain by regression to the mean (16 of 24
// intervals covered the truth on 2026-11-23); matching on the year before the baseline fixed it
// (see docs/outcomes.md, "Measured accuracy").
#[test]
fn did_recovers_true_effects_at_stated_coverage_and_naive_estimates_do_not() {
    let opts = MetricOptions {
        bootstrap: 149,
        ..MetricOptions::default()
    };
    let (mut hits, mut total) = (0, 0);
    let (mut naive_change_hits, mut naive_gap_hits) = (0, 0);
    let (mut did_err, mut change_err, mut gap_err) = (0.0, 0.0, 0.0);
    let mut group_hits = (0, 0);
    for seed in 1..=8u64 {
        let (out, truth, _dir) = run(seed, 3000, &opts, false);
        assert_eq!(out.len(), 3);
        for o in &out {
            let t = &truth.effects[&o.credential_id];
            let want = t["all"].att_ui;
            let g = o.overall("gain_did").unwrap();
            let (v, lo, hi) = (g.value.unwrap(), g.lower.unwrap(), g.upper.unwrap());
            assert!(
                hi - lo < 900.0,
                "interval too wide to mean anything: [{lo}, {hi}]"
            );
            total += 1;
            if lo <= want && want <= hi {
                hits += 1;
            }
            did_err += (v - want).abs();
            let c = o.overall("naive_change").unwrap();
            if c.lower.unwrap() <= want && want <= c.upper.unwrap() {
                naive_change_hits += 1;
            }
            change_err += (c.value.unwrap() - want).abs();
            let gap = o.overall("naive_gap").unwrap();
            if gap.lower.unwrap() <= want && want <= gap.upper.unwrap() {
                naive_gap_hits += 1;
            }
            gap_err += (gap.value.unwrap() - want).abs();
            for sex in ["female", "male"] {
                let (Some(tg), Some(c)) = (
                    t.get(&format!("sex={sex}")),
                    cell(o, "sex", sex, "gain_did"),
                ) else {
                    continue;
                };
                if let (Some(lo), Some(hi)) = (c.lower, c.upper) {
                    group_hits.1 += 1;
                    if lo <= tg.att_ui && tg.att_ui <= hi {
                        group_hits.0 += 1;
                    }
                }
            }
        }
    }
    // 95% intervals over 24 credential-seeds: at most 4 misses (P ≈ 0.03 under correct coverage).
    assert!(hits >= total - 4, "coverage {hits}/{total}");
    assert!(
        group_hits.1 >= 30,
        "too few group intervals: {group_hits:?}"
    );
    assert!(
        group_hits.0 as f64 >= 0.85 * group_hits.1 as f64,
        "group coverage {group_hits:?}"
    );
    // The naive comparisons are biased: their intervals rarely contain the truth and their errors
    // are several times the difference-in-differences error.
    assert!(
        naive_change_hits <= total / 4,
        "naive before/after covered {naive_change_hits}/{total}"
    );
    assert!(
        naive_gap_hits <= total / 4,
        "naive holder gap covered {naive_gap_hits}/{total}"
    );
    assert!(
        change_err > 3.0 * did_err && gap_err > 3.0 * did_err,
        "did {did_err}, change {change_err}, gap {gap_err}"
    );
}

/// The adversary: from the published total and cells of one dimension, bound each suppressed
/// cell's size and employment count. Written independently of the library's own rule.
fn recovered(cells: &[&MetricCell], total: &BTreeMap<&str, (f64, f64)>) -> Vec<String> {
    let mut by_cat: BTreeMap<&str, BTreeMap<&str, &MetricCell>> = BTreeMap::new();
    for c in cells {
        by_cat
            .entry(c.category.as_str())
            .or_default()
            .insert(c.metric.as_str(), c);
    }
    let hidden: Vec<&str> = by_cat
        .iter()
        .filter(|(_, m)| m["exiters"].suppressed.is_some())
        .map(|(c, _)| *c)
        .collect();
    if hidden.is_empty() {
        return vec![];
    }
    let mut found = vec![];
    let pub_n: f64 = by_cat.values().filter_map(|m| m["exiters"].value).sum();
    let rest_n = total["exiters"].0 - pub_n;
    // Every category present has at least one person.
    if hidden.len() == 1 || rest_n <= hidden.len() as f64 {
        found.push(format!("sizes of {hidden:?} pinned (rest {rest_n})"));
    }
    for m in ["employment_q2", "employment_q4"] {
        let pub_k: f64 = by_cat
            .values()
            .filter_map(|c| c[m].value.zip(c[m].n).map(|(r, n)| (r * n as f64).round()))
            .sum();
        let rest_k = total[m].1 - pub_k;
        if hidden.len() == 1 || rest_k == 0.0 || rest_k == rest_n {
            found.push(format!(
                "{m} of {hidden:?} pinned (rest {rest_k} of {rest_n})"
            ));
        }
    }
    found
}

fn attack(out: &[CredentialOutcomes]) -> (usize, Vec<String>) {
    let mut suppressed = 0;
    let mut leaks = vec![];
    for o in out {
        let mut total = BTreeMap::new();
        for m in ["exiters", "employment_q2", "employment_q4"] {
            let c = o.overall(m).unwrap();
            let n = c.n.unwrap() as f64;
            total.insert(
                m,
                (
                    n,
                    (c.value.unwrap() * if m == "exiters" { 1.0 } else { n }).round(),
                ),
            );
        }
        for d in ["race", "sex", "age", "income", "region"] {
            let cells: Vec<&MetricCell> = o.cells.iter().filter(|c| c.dimension == d).collect();
            suppressed += cells
                .iter()
                .filter(|c| c.metric == "exiters" && c.suppressed.is_some())
                .count();
            for l in recovered(&cells, &total) {
                leaks.push(format!("{} {d}: {l}", o.credential_id));
            }
        }
    }
    (suppressed, leaks)
}

#[test]
fn suppressed_cells_cannot_be_recovered_from_published_tables() {
    let protected = MetricOptions {
        bootstrap: 20,
        ..MetricOptions::default()
    };
    let mut any_suppressed = 0;
    for seed in [3u64, 11, 19] {
        let (out, _, _d) = run(seed, 240, &protected, false);
        let (suppressed, leaks) = attack(&out);
        any_suppressed += suppressed;
        assert!(leaks.is_empty(), "seed {seed}: {leaks:#?}");
        for o in &out {
            for c in o.cells.iter().filter(|c| c.suppressed.is_some()) {
                assert!(
                    c.value.is_none() && c.n.is_none() && c.lower.is_none(),
                    "{c:?}"
                );
            }
            for c in o
                .cells
                .iter()
                .filter(|c| c.suppressed.is_none() && c.metric == "exiters")
            {
                assert!(c.n.unwrap() >= 10 || c.dimension == "all", "{c:?}");
            }
        }
    }
    assert!(
        any_suppressed > 10,
        "the test must exercise suppression ({any_suppressed})"
    );

    // The same adversary does break primary-only suppression: publish everything (min_cell 1)
    // and hide only the small cells, as a table without complementary suppression would.
    let open = MetricOptions {
        bootstrap: 20,
        disclosure: DisclosureOptions {
            min_cell: 1,
            ..DisclosureOptions::default()
        },
        ..MetricOptions::default()
    };
    let mut broke = 0;
    for seed in [3u64, 11, 19] {
        let (mut out, _, _d) = run(seed, 240, &open, false);
        for o in &mut out {
            let small: HashSet<(String, String)> = o
                .cells
                .iter()
                .filter(|c| c.metric == "exiters" && c.dimension != "all" && c.n.unwrap() < 10)
                .map(|c| (c.dimension.clone(), c.category.clone()))
                .collect();
            for c in &mut o.cells {
                if small.contains(&(c.dimension.clone(), c.category.clone())) {
                    c.value = None;
                    c.n = None;
                    c.suppressed = Some("n < 10".into());
                }
            }
        }
        broke += attack(&out).1.len();
    }
    assert!(broke > 0, "primary-only suppression should leak somewhere");
}

#[test]
fn same_seed_same_files_and_hostile_rows_are_quarantined() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let t = tempfile::tempdir().unwrap();
    let cfg = SynthConfig::new(42, 50);
    generate(&cfg, a.path(), &t.path().join("a.json")).unwrap();
    generate(&cfg, b.path(), &t.path().join("b.json")).unwrap();
    for f in ["participants.csv", "wages.csv"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap()
        );
    }
    let mut wages = std::fs::read_to_string(a.path().join("wages.csv")).unwrap();
    let first_row = wages.lines().nth(1).unwrap().to_string();
    let lines_before = wages.lines().count();
    wages.push_str(&first_row);
    wages.push('\n');
    wages.push_str("900000001,E1,622110,34013,2020,3,-5\n900000001,E1,622110,34013,20x0,3,5\n");
    let path = a.path().join("hostile.csv");
    std::fs::write(&path, wages).unwrap();
    let mut h = WageHistory::default();
    read_wages(
        &path,
        WageFormat::Csv,
        &WageMap::default(),
        &keyer(),
        None,
        &mut h,
    )
    .unwrap();
    let got: Vec<(String, String)> = h
        .rejects
        .iter()
        .map(|r| (r.record.clone(), r.field.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (format!("line {}", lines_before + 1), "employer".to_string()),
            (format!("line {}", lines_before + 2), "wage".to_string()),
            (format!("line {}", lines_before + 3), "year".to_string()),
        ]
    );
    for r in &h.rejects {
        assert!(!r.reason.contains("9000000"), "identifier echoed: {r:?}");
    }
}

/// The DataFusion SQL over the generated Parquet files against two in-memory computations of
/// the same figures: the crate's own `compute` (cohort size, employment, median) and sums done
/// here from the imported wage history (employment Q4, mean earnings before entry and after exit
/// over the whole cohort, which `compute` does not publish in that form).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn datafusion_query_agrees_with_the_in_memory_computation() {
    let opts = MetricOptions {
        bootstrap: 20,
        ..MetricOptions::default()
    };
    let (out, _truth, dir, participants, wages) = run_with_inputs(5, 600, &opts, true);
    let (cohort_pq, wages_pq) = (
        dir.path().join("cohort.parquet"),
        dir.path().join("wages.parquet"),
    );
    let (rows, _) = credence_outcomes::query::run_outcome_query(&cohort_pq, &wages_pq, &[])
        .await
        .unwrap();
    // Settings reach DataFusion: small batches give the same answer, an unknown key is refused,
    // and the plan can be shown.
    let small = [(
        "datafusion.execution.batch_size".to_string(),
        "512".to_string(),
    )];
    let (rows_small, _) =
        credence_outcomes::query::run_outcome_query(&cohort_pq, &wages_pq, &small)
            .await
            .unwrap();
    assert_same_rows(&rows_small, &rows);
    let bad = [("datafusion.no_such_option".to_string(), "1".to_string())];
    assert!(
        credence_outcomes::query::run_outcome_query(&cohort_pq, &wages_pq, &bad)
            .await
            .is_err()
    );
    let plan = credence_outcomes::query::explain_outcome_query(&cohort_pq, &wages_pq, &[])
        .await
        .unwrap();
    assert!(plan.contains("HashJoinExec"), "{plan}");
    assert_eq!(rows.len(), out.len());
    assert_eq!(rows.len(), 3, "every generated credential has a row");

    // Per credential: exiters, employed Q2, employed Q4, sum of mean pre, sum of mean post.
    let mut mine: BTreeMap<&str, (i64, i64, i64, f64, f64)> = BTreeMap::new();
    for p in &participants {
        let (Some(cred), Some(exit)) = (p.credential_id.as_deref(), p.exit) else {
            continue;
        };
        let e = |q| wages.earnings(&p.person, q);
        let m = mine.entry(cred).or_default();
        m.0 += 1;
        m.1 += i64::from(e(exit.plus(2)) > 0.0);
        m.2 += i64::from(e(exit.plus(4)) > 0.0);
        m.3 += (1..=4).map(|k| e(p.entry.plus(-k))).sum::<f64>() / 4.0;
        m.4 += (1..=4).map(|k| e(exit.plus(k))).sum::<f64>() / 4.0;
    }
    assert_eq!(mine.len(), rows.len());
    for (r, o) in rows.iter().zip(&out) {
        assert_eq!(r.credential_id, o.credential_id);
        assert_eq!(Some(r.exiters), o.overall("exiters").unwrap().n);
        let e2 = o.overall("employment_q2").unwrap();
        assert_eq!(
            r.employed_q2,
            (e2.value.unwrap() * e2.n.unwrap() as f64).round() as i64
        );
        let e4 = o.overall("employment_q4").unwrap();
        assert_eq!(
            r.employed_q4,
            (e4.value.unwrap() * e4.n.unwrap() as f64).round() as i64
        );
        let med = o.overall("median_earnings_q2").unwrap().value.unwrap();
        assert!(
            (r.median_earnings_q2.unwrap() - med).abs() < 0.01,
            "{r:?} vs {med}"
        );

        let m = mine[r.credential_id.as_str()];
        assert_eq!((r.exiters, r.employed_q2, r.employed_q4), (m.0, m.1, m.2));
        let (before, after) = (m.3 / m.0 as f64, m.4 / m.0 as f64);
        assert!(
            (r.mean_before.unwrap() - before).abs() < 0.01,
            "{r:?} vs before {before}"
        );
        assert!(
            (r.mean_after.unwrap() - after).abs() < 0.01,
            "{r:?} vs after {after}"
        );
        assert!(after > 0.0 && before > 0.0, "degenerate data: {r:?}");
    }
}

/// Counts equal, money within 1e-6 relative: the check both engines' rows must pass.
fn assert_same_rows(
    a: &[credence_outcomes::query::QueryRow],
    b: &[credence_outcomes::query::QueryRow],
) {
    assert_eq!(a.len(), b.len());
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(y.abs()).max(1.0),
        (x, y) => x == y,
    };
    for (a, b) in a.iter().zip(b) {
        assert_eq!(
            (&a.credential_id, a.exiters, a.employed_q2, a.employed_q4),
            (&b.credential_id, b.exiters, b.employed_q2, b.employed_q4)
        );
        assert!(
            close(a.median_earnings_q2, b.median_earnings_q2),
            "{a:?} vs {b:?}"
        );
        assert!(close(a.mean_before, b.mean_before), "{a:?} vs {b:?}");
        assert!(close(a.mean_after, b.mean_after), "{a:?} vs {b:?}");
    }
}

/// The same SQL with the same settings on a standalone Ballista cluster in this process gives
/// the local DataFusion figures, in the same order, from a plan the scheduler runs; settings reach it (a Ballista one is
/// accepted, an unknown one refused) and a malformed or unreachable scheduler is an error,
/// not a hang.
#[cfg(feature = "ballista")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ballista_standalone_agrees_with_local_datafusion() {
    use credence_outcomes::query::{explain_outcome_query_on, run_outcome_query_on, QueryEngine};
    let opts = MetricOptions {
        bootstrap: 20,
        ..MetricOptions::default()
    };
    let (_, _, dir, _, _) = run_with_inputs(9, 500, &opts, true);
    let (cohort, wages) = (
        dir.path().join("cohort.parquet"),
        dir.path().join("wages.parquet"),
    );
    let (local, _) = run_outcome_query_on(&QueryEngine::Local, &cohort, &wages, &[])
        .await
        .unwrap();
    assert_eq!(local.len(), 3, "every generated credential has a row");
    assert!(local
        .iter()
        .all(|r| r.exiters > 0 && r.mean_after.is_some()));

    let standalone = QueryEngine::Ballista { scheduler: None };
    // The plan goes to the scheduler, so the rows below did not come from local DataFusion.
    let plan = explain_outcome_query_on(&standalone, &cohort, &wages, &[])
        .await
        .unwrap();
    assert!(plan.starts_with("DistributedQueryExec"), "{plan}");
    let (distributed, _) = run_outcome_query_on(&standalone, &cohort, &wages, &[])
        .await
        .unwrap();
    assert_same_rows(&distributed, &local);

    let settings = [
        ("datafusion.execution.batch_size", "512"),
        ("ballista.job.name", "credence outcome query test"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()));
    let (small, _) = run_outcome_query_on(&standalone, &cohort, &wages, &settings)
        .await
        .unwrap();
    assert_same_rows(&small, &local);

    let bad = [("datafusion.no_such_option".to_string(), "1".to_string())];
    assert!(run_outcome_query_on(&standalone, &cohort, &wages, &bad)
        .await
        .is_err());
    for url in [
        "http://localhost:50050",
        "df://:50050",
        "df://localhost",
        "df://h:99999",
    ] {
        let remote = QueryEngine::Ballista {
            scheduler: Some(url.to_string()),
        };
        let err = run_outcome_query_on(&remote, &cohort, &wages, &[])
            .await
            .unwrap_err();
        assert!(err.to_string().contains("df://HOST:PORT"), "{url}: {err}");
    }
    // Port 1 on loopback: nothing listens, so the connection is refused.
    let unreachable = QueryEngine::Ballista {
        scheduler: Some("df://127.0.0.1:1".to_string()),
    };
    let run = run_outcome_query_on(&unreachable, &cohort, &wages, &[]);
    let outcome = tokio::time::timeout(std::time::Duration::from_secs(120), run)
        .await
        .expect("an unreachable scheduler must fail, not hang");
    assert!(outcome.is_err());
}

/// A build without the `ballista` feature refuses the Ballista engine with the way to get it,
/// rather than silently running locally.
#[cfg(not(feature = "ballista"))]
#[tokio::test]
async fn ballista_engine_without_the_feature_is_refused() {
    use credence_outcomes::query::{run_outcome_query_on, QueryEngine};
    let dir = tempfile::tempdir().unwrap();
    let (cohort, wages) = (
        dir.path().join("cohort.parquet"),
        dir.path().join("wages.parquet"),
    );
    let err = run_outcome_query_on(
        &QueryEngine::Ballista { scheduler: None },
        &cohort,
        &wages,
        &[],
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("--features ballista"), "{err}");
}

#[test]
fn parquet_and_csv_wage_files_read_the_same() {
    let data = tempfile::tempdir().unwrap();
    let t = tempfile::tempdir().unwrap();
    let mut cfg = SynthConfig::new(9, 120);
    cfg.parquet = true;
    cfg.other_workers = 30;
    let truth = generate(&cfg, data.path(), &t.path().join("t.json")).unwrap();
    let mut a = WageHistory::default();
    let mut b = WageHistory::default();
    read_wages(
        &data.path().join("wages.csv"),
        WageFormat::Csv,
        &WageMap::default(),
        &keyer(),
        None,
        &mut a,
    )
    .unwrap();
    read_wages(
        &data.path().join("wages.parquet"),
        WageFormat::Parquet,
        &WageMap::default(),
        &keyer(),
        None,
        &mut b,
    )
    .unwrap();
    assert_eq!(a.rows as u64, truth.wage_rows);
    assert_eq!((a.rows, a.kept, a.rejected), (b.rows, b.kept, b.rejected));
    assert_eq!(a.earnings, b.earnings);
    assert_eq!(
        a.earnings.len(),
        150,
        "every generated person has wage rows"
    );
}
