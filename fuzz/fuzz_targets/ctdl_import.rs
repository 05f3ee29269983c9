//! Fuzz target: arbitrary bytes into the CTDL JSON-LD importer and back out through export.
#![no_main]

use std::sync::OnceLock;

use credence_registry::{export_graph, import_ctdl_bytes, Vocabulary};
use libfuzzer_sys::fuzz_target;

/// The real vocabulary when `CREDENCE_DATA` points at the data dir, else an empty one.
fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        std::env::var("CREDENCE_DATA")
            .ok()
            .and_then(|d| Vocabulary::load(format!("{d}/ctdl/ctdl_schema_encoding_2026-08-06.json")).ok())
            .unwrap_or_default()
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(outcome) = import_ctdl_bytes("fuzz.json", data, vocab()) {
        let _ = export_graph(&outcome.records);
    }
});
