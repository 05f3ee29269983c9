//! `credence bench`: search latency and import throughput, each against a named peer in the same run.
//!
//! Search: credence's tantivy index vs SQLite FTS5 (bm25) over the same records and queries.
//! Import: credence's NJ list importer (parse + normalize + provenance) vs a bare `csv` crate
//! parse of the same file, and the CTDL importer vs a bare `serde_json` parse. Ratios are printed.

use std::fmt;
use std::time::Instant;

use credence_search::SearchQuery;
use credence_store::Fts5Peer;
use serde::Serialize;

use crate::{Engine, EngineError};

/// Latency percentiles of one engine, microseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    /// Who was measured.
    pub name: String,
    /// Median.
    pub p50_us: f64,
    /// 99th percentile.
    pub p99_us: f64,
}

/// Throughput of one importer.
#[derive(Debug, Clone, Serialize)]
pub struct Throughput {
    /// Who was measured.
    pub name: String,
    /// Records per second.
    pub records_per_sec: f64,
}

/// Everything `credence bench` measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Records indexed.
    pub records: usize,
    /// Queries timed.
    pub queries: usize,
    /// credence search.
    pub search: Latency,
    /// The peer.
    pub search_peer: Latency,
    /// credence importers and their peers, in pairs.
    pub imports: Vec<(Throughput, Throughput)>,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn latency(name: &str, mut samples: Vec<f64>) -> Latency {
    samples.sort_by(|a, b| a.total_cmp(b));
    Latency {
        name: name.into(),
        p50_us: percentile(&samples, 50.0),
        p99_us: percentile(&samples, 99.0),
    }
}

/// Deterministic query mix: whole names, first words, acronyms-like prefixes, and the A+ cases.
fn queries_from(names: &[String], n: usize) -> Vec<String> {
    let mut out = vec!["a+ certification".to_string(), "comptia a plus".to_string()];
    let mut i = 0usize;
    while out.len() < n && !names.is_empty() {
        let name = &names[(i * 7919) % names.len()];
        let words: Vec<&str> = name.split_whitespace().collect();
        let q = match i % 3 {
            0 => name.clone(),
            1 => words.iter().take(2).copied().collect::<Vec<_>>().join(" "),
            _ => words.last().copied().unwrap_or("nurse").to_string(),
        };
        out.push(q.to_lowercase());
        i += 1;
    }
    out.truncate(n);
    out
}

impl Engine {
    /// Runs the benchmarks on the loaded registry and the data directory's files.
    pub async fn bench(&self, queries: usize) -> Result<BenchReport, EngineError> {
        let records = self.store.all_records().await?;
        if records.is_empty() {
            return Err(EngineError::Invalid(
                "the registry is empty: run `credence demo --no-serve` first".into(),
            ));
        }
        let names: Vec<String> = records.iter().map(|r| r.name.clone()).collect();
        let qs = queries_from(&names, queries.max(10));
        let mut ours = Vec::with_capacity(qs.len());
        for q in &qs {
            let started = Instant::now();
            self.search(&SearchQuery {
                text: q.clone(),
                limit: 10,
                ..Default::default()
            })?;
            ours.push(started.elapsed().as_secs_f64() * 1e6);
        }
        let docs: Vec<(String, String, String)> = records
            .iter()
            .map(|r| {
                let body = [
                    r.alternate_names.join(" "),
                    r.description.clone().unwrap_or_default(),
                ]
                .join(" ");
                (r.id.clone(), r.name.clone(), body)
            })
            .collect();
        let peer = Fts5Peer::build(&docs).await?;
        let mut theirs = Vec::with_capacity(qs.len());
        for q in &qs {
            let started = Instant::now();
            peer.search(q, 10).await?;
            theirs.push(started.elapsed().as_secs_f64() * 1e6);
        }
        Ok(BenchReport {
            records: records.len(),
            queries: qs.len(),
            search: latency("credence (tantivy, in memory)", ours),
            search_peer: latency("SQLite FTS5 bm25 (in memory)", theirs),
            imports: self.import_throughput()?,
        })
    }

    fn import_throughput(&self) -> Result<Vec<(Throughput, Throughput)>, EngineError> {
        let mut out = Vec::new();
        let nj = self
            .data_dir
            .join("nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv");
        if nj.exists() {
            let (n, ours) = time_repeated(|| {
                credence_registry::import_nj_industry(&nj)
                    .map(|o| o.records.len())
                    .unwrap_or(0)
            });
            let (m, theirs) = time_repeated(|| {
                csv::Reader::from_path(&nj)
                    .map(|mut r| r.records().filter(|x| x.is_ok()).count())
                    .unwrap_or(0)
            });
            out.push((
                Throughput {
                    name: "credence NJ industry import (parse, normalize, provenance)".into(),
                    records_per_sec: n as f64 / ours,
                },
                Throughput {
                    name: "csv crate, bare parse of the same file".into(),
                    records_per_sec: m as f64 / theirs,
                },
            ));
        }
        if let (Ok(vocab), files) = (
            self.vocabulary(),
            crate::setup::demo_ctdl_files(&self.data_dir.join("ctdl")),
        ) {
            let bytes: Vec<(String, Vec<u8>)> = files
                .iter()
                .filter_map(|f| std::fs::read(f).ok().map(|b| (f.display().to_string(), b)))
                .collect();
            let (n, ours) = time_repeated(|| {
                bytes
                    .iter()
                    .map(|(name, b)| {
                        credence_registry::import_ctdl_bytes(name, b, vocab)
                            .map(|o| o.records.len())
                            .unwrap_or(0)
                    })
                    .sum()
            });
            let (_, theirs) = time_repeated(|| {
                bytes
                    .iter()
                    .filter(|(_, b)| {
                        serde_json::from_slice::<serde_json::Value>(
                            b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b),
                        )
                        .is_ok()
                    })
                    .count()
            });
            out.push((
                Throughput {
                    name: "credence CTDL import (all shapes, normalize)".into(),
                    records_per_sec: n as f64 / ours,
                },
                Throughput {
                    name:
                        "serde_json, bare parse of the same files (records counted as credence's)"
                            .into(),
                    records_per_sec: n as f64 / theirs,
                },
            ));
        }
        Ok(out)
    }
}

/// Runs `f` repeatedly for about half a second; returns its last count and seconds per run.
fn time_repeated(mut f: impl FnMut() -> usize) -> (usize, f64) {
    let started = Instant::now();
    let mut runs = 0u32;
    let mut count = 0;
    while runs < 3 || started.elapsed().as_secs_f64() < 0.5 {
        count = f();
        runs += 1;
        if runs > 10_000 {
            break;
        }
    }
    (count, started.elapsed().as_secs_f64() / f64::from(runs))
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "search latency: {} queries over {} records, top 10",
            self.queries, self.records
        )?;
        for l in [&self.search, &self.search_peer] {
            writeln!(
                f,
                "  {:<40} p50 {:>9.1} µs   p99 {:>9.1} µs",
                l.name, l.p50_us, l.p99_us
            )?;
        }
        writeln!(
            f,
            "  ratio peer/credence: p50 {:.2}x, p99 {:.2}x",
            self.search_peer.p50_us / self.search.p50_us.max(1e-9),
            self.search_peer.p99_us / self.search.p99_us.max(1e-9)
        )?;
        writeln!(f, "import throughput:")?;
        for (ours, theirs) in &self.imports {
            writeln!(
                f,
                "  {:<70} {:>12.0} records/s",
                ours.name, ours.records_per_sec
            )?;
            writeln!(
                f,
                "  {:<70} {:>12.0} records/s",
                theirs.name, theirs.records_per_sec
            )?;
            writeln!(
                f,
                "  ratio credence/peer: {:.2}x",
                ours.records_per_sec / theirs.records_per_sec.max(1e-9)
            )?;
        }
        Ok(())
    }
}
