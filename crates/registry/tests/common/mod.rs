//! Shared test helpers: the data directory and a vocabulary loaded once per test binary.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use credence_model::{Diagnostic, Record, Severity};
use credence_registry::Vocabulary;

pub use credence_testkit::data_dir;

/// A file under `ctdl/`.
pub fn ctdl(name: &str) -> PathBuf {
    data_dir().join("ctdl").join(name)
}

/// The CTDL vocabulary, parsed once.
pub fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        Vocabulary::load(ctdl("ctdl_schema_encoding_2026-08-06.json")).expect("vocabulary loads")
    })
}

/// The fixture files the round trip runs on: `cer_*` and `ra_*` except the subclass map.
pub fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir().join("ctdl"))
        .expect("data dir readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (n.starts_with("cer_") || n.starts_with("ra_"))
                && n.ends_with(".json")
                && n != "cer_subclasses_map.json"
        })
        .collect();
    files.sort();
    files
}

/// A record without the parts that legitimately differ after a round trip.
pub fn normalized(r: &Record) -> Record {
    let mut r = r.clone();
    r.document = serde_json::Value::Null;
    r.provenance = Default::default();
    r
}

/// Errors only.
pub fn errors(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|d| d.severity == Severity::Error).collect()
}
