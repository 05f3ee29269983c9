//! The demand pipeline's benchmark half: times the whole pipeline (read, parse, prepare, match,
//! classify, de-duplicate, code, aggregate) and the raw automaton scan over the same texts, and
//! writes the dictionary and texts for the Python peers. `scripts/bench/demand.sh` drives it.
//!
//! Usage: `bench DATA_DIR OUT_DIR FILE…` (threads from `RAYON_NUM_THREADS`). Prints one JSON line.
//!
//! Optional, all outside the timed pipeline run:
//! * `BENCH_STAGES=N` times each stage alone, single-threaded, over the postings held in memory,
//!   keeping the fastest of N passes (the stage breakdown in `docs/benchmarks.md`);
//! * `BENCH_DUMP=DIR` runs the pipeline once more and writes every posting's analysis
//!   (`analyzed.jsonl`: id, duplicate-of, SOC, region, month, mentions) and the sorted cells
//!   (`cells.tsv`), so two builds can be compared byte for byte;
//! * when `postings_truth.csv` sits beside the first file, the dump run also scores the
//!   de-duplication against the generator's `duplicate_of` truth (precision and recall).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use credence_demand::dedup::{Deduper, Fingerprint};
use credence_demand::ingest::{read_all, Format, RawPosting, Reject};
use credence_demand::pipeline::{
    month_of, run, AggregateSink, Aggregates, Analyzed, Analyzer, RunOptions, Sink,
};
use credence_demand::prepare::Prepared;
use credence_demand::{Catalog, DemandError, Extractor};

/// The same allocator as the `credence` binary, so the figures are what `demand ingest` gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Peak resident memory of this process in KiB (Linux `VmHWM`), 0 elsewhere.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU seconds (user + system, all threads, exited ones included) this process has used, from
/// Linux `/proc/self/stat` in USER_HZ ticks (100 per second on Linux); 0 elsewhere.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name; utime and stime are 14th and 15th.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
            Some(ticks as f64 / 100.0)
        })
        .unwrap_or(0.0)
}

/// Writes each analyzed posting as one JSON line and keeps the aggregates and predicted duplicates.
struct DumpSink<W: Write> {
    out: W,
    aggregates: Aggregates,
    duplicates: HashSet<String>,
}

impl<W: Write> Sink for DumpSink<W> {
    fn posting(&mut self, a: &Analyzed, duplicate_of: Option<&str>) -> Result<(), DemandError> {
        let line = serde_json::json!({
            "id": a.raw.id,
            "dup": duplicate_of,
            "soc": a.soc,
            "conf": a.soc_confidence,
            "region": a.region,
            "month": a.month,
            "mentions": a.mentions,
        });
        serde_json::to_writer(&mut self.out, &line).expect("write");
        self.out.write_all(b"\n").expect("write");
        self.aggregates.add(a, duplicate_of.is_some());
        if duplicate_of.is_some() {
            self.duplicates.insert(a.raw.id.clone());
        }
        Ok(())
    }

    fn reject(&mut self, _r: &Reject) -> Result<(), DemandError> {
        Ok(())
    }
}

/// Ids the generator marked as reposts or cross-posts, when its truth file is beside `file`.
fn truth_duplicates(file: &Path) -> Option<(HashSet<String>, HashSet<String>)> {
    let path = file.parent()?.join("postings_truth.csv");
    let mut reader = csv::Reader::from_path(path).ok()?;
    let headers = reader.headers().ok()?.clone();
    let id = headers.iter().position(|h| h == "id")?;
    let dup = headers.iter().position(|h| h == "duplicate_of")?;
    let (mut all, mut dups) = (HashSet::new(), HashSet::new());
    for row in reader.records().map_while(Result::ok) {
        all.insert(row[id].to_string());
        if !row[dup].is_empty() {
            dups.insert(row[id].to_string());
        }
    }
    Some((all, dups))
}

/// Times `f` over every posting, single-threaded; the fastest of `reps` passes, since the
/// machine may be shared.
fn stage<T>(
    postings: &[RawPosting],
    reps: usize,
    mut f: impl FnMut(&RawPosting) -> T,
) -> (Duration, Vec<T>) {
    let mut best = Duration::MAX;
    let mut out = Vec::new();
    for _ in 0..reps.max(1) {
        let started = Instant::now();
        out = postings.iter().map(&mut f).collect();
        best = best.min(started.elapsed());
    }
    (best, out)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: bench DATA_DIR OUT_DIR FILE…");
        std::process::exit(2);
    }
    let data = PathBuf::from(&args[0]);
    let out = PathBuf::from(&args[1]);
    let files: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();

    let analyzer = Analyzer {
        extractor: Extractor::new(Catalog::builtin().expect("catalog")).expect("automaton"),
        titles: Some(credence_taxonomy::TitleCoder::from_dir(&data).expect("O*NET titles")),
        geo: Some(credence_geo::Gazetteer::load(&data).expect("gazetteer")),
    };

    // The whole pipeline, streaming from the files.
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let mut sink = AggregateSink::default();
    let summary = run(
        &analyzer,
        &files,
        &RunOptions::default(),
        &mut Deduper::default(),
        &mut sink,
    )
    .expect("pipeline");
    let pipeline_s = started.elapsed().as_secs_f64();
    let pipeline_cpu_s = cpu_seconds() - cpu_before;
    let pipeline_peak_kib = peak_rss_kib();

    let mut report = serde_json::json!({});
    if let Ok(dir) = std::env::var("BENCH_DUMP") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("dump dir");
        let file = std::fs::File::create(dir.join("analyzed.jsonl")).expect("analyzed.jsonl");
        let mut dump = DumpSink {
            out: std::io::BufWriter::new(file),
            aggregates: Aggregates::default(),
            duplicates: HashSet::new(),
        };
        run(
            &analyzer,
            &files,
            &RunOptions::default(),
            &mut Deduper::default(),
            &mut dump,
        )
        .expect("dump run");
        dump.out.flush().expect("flush");
        let mut cells: Vec<String> = dump
            .aggregates
            .cells()
            .map(|([c, s, r, m], v)| {
                format!(
                    "{c}\t{s}\t{r}\t{m}\t{}\t{}\t{}\t{}\t{}",
                    v.postings, v.unique, v.required, v.preferred, v.after_hire
                )
            })
            .collect();
        cells.sort();
        std::fs::write(dir.join("cells.tsv"), cells.join("\n") + "\n").expect("cells.tsv");
        if let Some((all, truth)) = truth_duplicates(files[0]) {
            let predicted: HashSet<&String> = dump
                .duplicates
                .iter()
                .filter(|i| all.contains(*i))
                .collect();
            let hits = predicted.iter().filter(|i| truth.contains(**i)).count();
            report["dedup_truth"] = serde_json::json!(truth.len());
            report["dedup_predicted"] = serde_json::json!(predicted.len());
            report["dedup_precision"] = serde_json::json!(hits as f64 / predicted.len() as f64);
            report["dedup_recall"] = serde_json::json!(hits as f64 / truth.len() as f64);
        }
    }

    // The same postings, in memory, for the stage breakdown, the raw scan and the peers (it
    // holds the whole corpus in memory, which the pipeline never does, so it comes after the
    // pipeline's peak is read).
    let started = Instant::now();
    let mut postings: Vec<RawPosting> = Vec::new();
    for f in &files {
        let format = Format::from_path(f).unwrap_or(Format::Jsonl);
        let items = read_all(f, format, &Default::default()).expect("read");
        postings.extend(items.into_iter().flatten());
    }
    let read_s = started.elapsed().as_secs_f64();
    let bytes: usize = postings.iter().map(|p| p.text.len()).sum();
    let started = Instant::now();
    let hits: usize = postings
        .iter()
        .map(|p| analyzer.extractor.raw_scan(&p.text))
        .sum();
    let raw_s = started.elapsed().as_secs_f64();

    let reps: usize = std::env::var("BENCH_STAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if reps > 0 {
        let (prepare, _) = stage(&postings, reps, |p| Prepared::new(&p.text).text.len());
        let (extract, mentions) = stage(&postings, reps, |p| {
            let title = (!p.title.is_empty()).then_some(p.title.as_str());
            analyzer.extractor.extract(&p.text, title)
        });
        let (titles, _) = stage(&postings, reps, |p| {
            analyzer.titles.as_ref().and_then(|c| c.code(&p.title))
        });
        let (regions, _) = stage(&postings, reps, |p| {
            analyzer.geo.as_ref().map(|g| g.resolve(&p.location))
        });
        let (months, _) = stage(&postings, reps, |p| month_of(&p.date));
        let (fingerprints, fps) = stage(&postings, reps, |p| Fingerprint::of(&p.text));
        let started = Instant::now();
        let mut deduper = Deduper::default();
        let dups: Vec<bool> = postings
            .iter()
            .zip(&fps)
            .map(|(p, fp)| deduper.check(&p.id, fp).is_some())
            .collect();
        let dedup = started.elapsed();
        drop(fps);
        let analyzed: Vec<Analyzed> = postings
            .iter()
            .zip(mentions)
            .map(|(p, m)| Analyzed {
                raw: p.clone(),
                month: month_of(&p.date),
                soc: None,
                soc_confidence: 0.0,
                region: "unknown".into(),
                mentions: m,
                fingerprint: Fingerprint::of(""),
            })
            .collect();
        let started = Instant::now();
        let mut agg = Aggregates::default();
        for (a, d) in analyzed.iter().zip(&dups) {
            agg.add(a, *d);
        }
        let aggregate = started.elapsed();
        let ms = |d: Duration| (d.as_secs_f64() * 1e3).round();
        report["stages_ms"] = serde_json::json!({
            "read_parse": (read_s * 1e3).round(),
            "prepare_html": ms(prepare),
            "extract_incl_prepare": ms(extract),
            "title_coding": ms(titles),
            "region": ms(regions),
            "month": ms(months),
            "fingerprint": ms(fingerprints),
            "dedup_check": ms(dedup),
            "aggregate": ms(aggregate),
            "raw_scan": (raw_s * 1e3).round(),
        });
    }

    let write_peer_files = std::env::var("BENCH_WRITE_PEER_FILES").is_ok_and(|v| v == "1");
    if write_peer_files {
        std::fs::create_dir_all(&out).expect("out dir");
        let mut dict = std::io::BufWriter::new(
            std::fs::File::create(out.join("dictionary.txt")).expect("dictionary"),
        );
        for n in analyzer.extractor.dictionary() {
            writeln!(dict, "{n}").expect("write");
        }
        let mut t =
            std::io::BufWriter::new(std::fs::File::create(out.join("texts.jsonl")).expect("texts"));
        for p in &postings {
            writeln!(t, "{}", serde_json::Value::String(p.text.clone())).expect("write");
        }
    }

    let mb = summary.text_bytes as f64 / 1e6;
    let fields = serde_json::json!({
        "threads": summary.threads,
        "postings": summary.postings,
        "duplicates": summary.duplicates,
        "mentions": summary.mentions,
        "text_mb": mb,
        "pipeline_seconds": pipeline_s,
        "pipeline_mb_per_s": mb / pipeline_s,
        "pipeline_postings_per_s": summary.postings as f64 / pipeline_s,
        "pipeline_peak_rss_mib": pipeline_peak_kib as f64 / 1024.0,
        "pipeline_cpu_seconds": pipeline_cpu_s,
        "pipeline_mb_per_cpu_s": mb / pipeline_cpu_s,
        "raw_scan_seconds": raw_s,
        "raw_scan_mb_per_s": bytes as f64 / 1e6 / raw_s,
        "raw_scan_hits": hits,
        "patterns": analyzer.extractor.pattern_count(),
        "cells": sink.aggregates.cell_count(),
    });
    for (k, v) in fields.as_object().expect("object") {
        report[k] = v.clone();
    }
    println!("{report}");
}
