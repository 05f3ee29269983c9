//! Shared test helpers: the real vocabulary and fixtures, a test context and an empty record.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use credence_model::{Record, RecordClass};
use credence_quality::QualityContext;
use credence_registry::{import_ctdl_file, Vocabulary};

/// A fixture in the CTDL data directory.
pub fn ctdl(name: &str) -> PathBuf {
    credence_testkit::data_dir().join("ctdl").join(name)
}

/// The published CTDL vocabulary, loaded once.
pub fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        Vocabulary::load(ctdl("ctdl_schema_encoding_2026-08-06.json")).expect("vocabulary loads")
    })
}

/// The first record of a fixture file.
pub fn fixture(name: &str) -> Record {
    let out = import_ctdl_file(ctdl(name), vocab()).expect("fixture imports");
    out.records
        .into_iter()
        .next()
        .expect("fixture has a record")
}

/// A context with the real vocabulary and a two-code SOC 2010 crosswalk.
pub struct Ctx {
    /// Whether to offer the vocabulary.
    pub with_vocab: bool,
}

impl QualityContext for Ctx {
    fn vocabulary(&self) -> Option<&Vocabulary> {
        self.with_vocab.then(vocab)
    }

    fn soc2010_crosswalk(&self, code: &str) -> Vec<String> {
        match code {
            "15-1132" => vec!["15-1252".to_string()],
            "29-1122" => vec!["29-1122".to_string()],
            _ => Vec::new(),
        }
    }
}

/// A bare credential record with a CTDL document; tests fill in what they need.
pub fn record(document: serde_json::Value) -> Record {
    let mut record = Record::new(
        "test",
        "ceterms:Certification",
        RecordClass::Credential,
        "Test Credential",
    );
    record.document = document;
    record
}
