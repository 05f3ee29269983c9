//! The demand pipeline's benchmark half: times the whole pipeline (read, parse, prepare, match,
//! classify, de-duplicate, code, aggregate) and the raw automaton scan over the same texts, and
//! writes the dictionary and texts for the Python peers. `scripts/bench/demand.sh` drives it.
//!
//! Usage: `bench DATA_DIR OUT_DIR FILE…` (threads from `RAYON_NUM_THREADS`). Prints one JSON line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use credence_demand::dedup::Deduper;
use credence_demand::ingest::{read_all, Format};
use credence_demand::pipeline::{run, AggregateSink, Analyzer, RunOptions};
use credence_demand::{Catalog, Extractor};

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
    let pipeline_peak_kib = peak_rss_kib();

    // The same texts, in memory, for the raw scan and the peers (only when asked: it holds
    // the whole corpus in memory, which the pipeline never does).
    let write_peer_files = std::env::var("BENCH_WRITE_PEER_FILES").is_ok_and(|v| v == "1");
    let mut texts: Vec<String> = Vec::new();
    for f in &files {
        let format = Format::from_path(f).unwrap_or(Format::Jsonl);
        let items = read_all(f, format, &Default::default()).expect("read");
        texts.extend(items.into_iter().flatten().map(|p| p.text));
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = Instant::now();
    let hits: usize = texts.iter().map(|t| analyzer.extractor.raw_scan(t)).sum();
    let raw_s = started.elapsed().as_secs_f64();

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
        for text in &texts {
            writeln!(t, "{}", serde_json::Value::String(text.clone())).expect("write");
        }
    }

    let mb = summary.text_bytes as f64 / 1e6;
    let report = serde_json::json!({
        "threads": summary.threads,
        "postings": summary.postings,
        "duplicates": summary.duplicates,
        "mentions": summary.mentions,
        "text_mb": mb,
        "pipeline_seconds": pipeline_s,
        "pipeline_mb_per_s": mb / pipeline_s,
        "pipeline_postings_per_s": summary.postings as f64 / pipeline_s,
        "pipeline_peak_rss_mib": pipeline_peak_kib as f64 / 1024.0,
        "raw_scan_seconds": raw_s,
        "raw_scan_mb_per_s": bytes as f64 / 1e6 / raw_s,
        "raw_scan_hits": hits,
        "patterns": analyzer.extractor.pattern_count(),
        "cells": sink.aggregates.cells.len(),
    });
    println!("{report}");
}
