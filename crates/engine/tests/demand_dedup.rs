//! Reposts across ingest runs, on SQLite and on the real PostgreSQL server: generated postings
//! (whose generator knows which are reposts) are split into two files so that reposts straddle
//! them; ingesting one file after the other must count the same distinct postings as ingesting
//! both at once, report the straddling reposts as duplicates of earlier ingests, and a file that
//! repeats the second one (re-exported, other bytes) must add no distinct posting.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use credence_engine::{Engine, EngineConfig, FieldMap, IngestReport, NoProgress, RunOptions};
use credence_synth::{Catalog, GeneratedPosting, GeneratorConfig, PostingGenerator};
use credence_testkit::{data_dir, postgres_url};

/// Postings generated; about 8 % are reposts or cross-posts of a recent original.
const POSTINGS: usize = 3000;
const MAP: &str = "id=id,title=title,text=text,location=location,date=date,employer=employer";

/// Generated postings; `duplicate_share` of them repost a recent original 0–60 days later.
fn generate(duplicate_share: f64) -> Vec<GeneratedPosting> {
    let config = GeneratorConfig {
        duplicate_share,
        ..GeneratorConfig::default()
    };
    PostingGenerator::with_config(77, &Catalog::builtin(), Vec::new(), config)
        .take(POSTINGS)
        .collect()
}

fn write(path: &Path, postings: &[&GeneratedPosting], id_prefix: &str) -> PathBuf {
    let mut body = String::new();
    for p in postings {
        let line = serde_json::json!({
            "id": format!("{id_prefix}{}", p.id),
            "title": p.title,
            "text": p.text,
            "location": p.location,
            "date": p.date,
            "employer": p.employer,
        });
        body.push_str(&line.to_string());
        body.push('\n');
    }
    std::fs::write(path, body).unwrap();
    path.to_path_buf()
}

async fn engine(db_url: String) -> Engine {
    Engine::open(&EngineConfig {
        db_url,
        data_dir: data_dir(),
        overrides: None,
    })
    .await
    .unwrap_or_else(|e| panic!("cannot open the store (PostgreSQL must be running): {e}"))
}

async fn ingest(engine: &Engine, file: &Path, window: Option<u32>) -> IngestReport {
    let options = RunOptions {
        map: FieldMap::parse(MAP).unwrap(),
        dedup_window_months: window,
        ..RunOptions::default()
    };
    engine
        .demand_ingest(&[file], &options, None, &NoProgress)
        .await
        .unwrap()
}

/// Distinct postings a report's (not skipped) files added.
fn distinct(r: &IngestReport) -> u64 {
    r.files
        .iter()
        .filter(|f| !f.skipped)
        .map(|f| f.summary.postings - f.summary.duplicates)
        .sum()
}

/// Every credential's (key, distinct postings, required, preferred) as the demand tables hold it.
async fn table(engine: &Engine) -> Vec<(String, i64, i64, i64)> {
    let mut rows: Vec<_> = engine
        .demand_top(None, None, 1_000_000)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.credential_key, r.unique_postings, r.required, r.preferred))
        .collect();
    rows.sort();
    rows
}

/// Reposts in `second` whose original is in `first`, by the generator's truth.
fn straddling(first: &[&GeneratedPosting], second: &[&GeneratedPosting]) -> u64 {
    let ids: HashSet<&str> = first.iter().map(|p| p.id.as_str()).collect();
    second
        .iter()
        .filter(|p| p.duplicate_of.as_deref().is_some_and(|o| ids.contains(o)))
        .count() as u64
}

/// Ingests `first` then `second` into `split_db` and both in one file into `whole_db`;
/// `every_month` says the window loads all of file 1's fingerprints, so the counts must match
/// the one-shot ingest exactly (else within the de-duplicator's precision).
async fn two_runs_against_one(
    split_db: String,
    whole_db: String,
    first: &[&GeneratedPosting],
    second: &[&GeneratedPosting],
    window: Option<u32>,
    every_month: bool,
    min_straddling: u64,
) {
    let dir = tempfile::tempdir().unwrap();
    let f1 = write(&dir.path().join("march.jsonl"), first, "");
    let f2 = write(&dir.path().join("april.jsonl"), second, "");
    let both: Vec<&GeneratedPosting> = first.iter().chain(second).copied().collect();
    let fb = write(&dir.path().join("both.jsonl"), &both, "");
    let truth = straddling(first, second);
    assert!(
        truth >= min_straddling,
        "the split must put reposts across files: {truth}"
    );

    let split = engine(split_db).await;
    let r1 = ingest(&split, &f1, window).await;
    let r2 = ingest(&split, &f2, window).await;
    let s1 = &r1.files[0].summary;
    let s2 = &r2.files[0].summary;
    assert_eq!(r1.files[0].earlier_fingerprints, 0);
    assert_eq!(s1.duplicates_earlier, 0, "nothing was stored before file 1");
    assert_eq!(s2.duplicates, s2.duplicates_within + s2.duplicates_earlier);
    assert!(
        s2.duplicates_earlier >= truth && s2.duplicates_earlier <= truth + truth / 20,
        "reposts of file 1 found in file 2: {} (generator: {truth})",
        s2.duplicates_earlier
    );

    let whole = engine(whole_db).await;
    let rw = ingest(&whole, &fb, window).await;
    let (two, one) = (distinct(&r1) + distinct(&r2), distinct(&rw));
    eprintln!(
        "straddling reposts {truth}; file 2: {} earlier + {} within, {} fingerprints loaded; \
         distinct postings {two} in two runs, {one} in one",
        s2.duplicates_earlier, s2.duplicates_within, r2.files[0].earlier_fingerprints
    );
    let counted = table(&split).await;
    if every_month {
        assert_eq!(r2.files[0].earlier_fingerprints, distinct(&r1));
        assert_eq!(two, one, "distinct postings: two runs vs one");
        assert_eq!(counted, table(&whole).await, "per-credential demand");
    } else {
        let loaded = r2.files[0].earlier_fingerprints;
        assert!(
            loaded > 0 && loaded < distinct(&r1),
            "the window loads part of file 1: {loaded} of {}",
            distinct(&r1)
        );
        assert!(
            two.abs_diff(one) <= one / 200,
            "distinct postings: two runs {two} vs one {one}"
        );
    }

    // The same bytes again: skipped by checksum.
    let again = ingest(&split, &f2, window).await;
    assert!(again.files[0].skipped);
    // The same postings re-exported (other ids, so other bytes): every one is a repeat of an
    // earlier ingest and no distinct posting is added.
    let second_again = write(&dir.path().join("april-again.jsonl"), second, "re-");
    let r3 = ingest(&split, &second_again, window).await;
    let s3 = &r3.files[0].summary;
    assert!(!r3.files[0].skipped);
    assert_eq!(
        (s3.duplicates_earlier, s3.duplicates_within),
        (s3.postings, 0),
        "a re-export adds nothing"
    );
    assert_eq!(table(&split).await, counted);
}

/// File 1 is the first half of the generated stream, file 2 the second: reposts copy recent
/// originals, so many straddle the files; both files span all 36 months, so the default window
/// loads every stored fingerprint and the result must equal the one-shot ingest exactly.
async fn halves(split_db: String, whole_db: String) {
    let all = generate(GeneratorConfig::default().duplicate_share);
    let refs: Vec<&GeneratedPosting> = all.iter().collect();
    let (first, second) = refs.split_at(POSTINGS / 2);
    two_runs_against_one(split_db, whole_db, first, second, Some(6), true, 20).await;
}

/// Monthly files as an agency gets them: file 1 holds postings dated before July 2023, file 2
/// the rest (a repost comes 0–60 days after its original, so only reposts of the weeks before
/// the cut straddle it: the generator reposts 30 % here, not 8 %). With every fingerprint loaded
/// (`None`) the result equals the one-shot ingest exactly; with a window, file 2 is checked
/// only against file 1's last months, which still holds every straddling repost.
async fn by_month(split_db: String, whole_db: String, window: Option<u32>) {
    let all = generate(0.3);
    let (first, second): (Vec<&GeneratedPosting>, Vec<&GeneratedPosting>) =
        all.iter().partition(|p| p.date.as_str() < "2023-07");
    let every_month = window.is_none();
    two_runs_against_one(split_db, whole_db, &first, &second, window, every_month, 5).await;
}

fn sqlite_url(dir: &tempfile::TempDir, name: &str) -> String {
    format!("sqlite://{}", dir.path().join(name).display())
}

#[tokio::test]
async fn sqlite_reposts_across_halves() {
    let dir = tempfile::tempdir().unwrap();
    halves(sqlite_url(&dir, "a.db"), sqlite_url(&dir, "b.db")).await;
}

#[tokio::test]
async fn sqlite_reposts_across_months_all_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    by_month(sqlite_url(&dir, "a.db"), sqlite_url(&dir, "b.db"), None).await;
}

#[tokio::test]
async fn sqlite_reposts_across_months_default_window() {
    let dir = tempfile::tempdir().unwrap();
    by_month(sqlite_url(&dir, "a.db"), sqlite_url(&dir, "b.db"), Some(6)).await;
}

#[tokio::test]
async fn postgres_reposts_across_halves() {
    let (a, b) = (
        postgres_url("dedup_halves_a"),
        postgres_url("dedup_halves_b"),
    );
    halves(a.clone(), b.clone()).await;
    credence_store::drop_postgres_schema(&a).await.unwrap();
    credence_store::drop_postgres_schema(&b).await.unwrap();
}

#[tokio::test]
async fn postgres_reposts_across_months_all_fingerprints() {
    let (a, b) = (
        postgres_url("dedup_months_a"),
        postgres_url("dedup_months_b"),
    );
    by_month(a.clone(), b.clone(), None).await;
    credence_store::drop_postgres_schema(&a).await.unwrap();
    credence_store::drop_postgres_schema(&b).await.unwrap();
}
