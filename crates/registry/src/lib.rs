//! Registry import and export: CTDL JSON-LD from the Credential Engine Registry, and state
//! credential lists (New Jersey ETPL tables, generic CSV lists), turned into [`credence_model::Record`]s.
//!
//! Every importer reports per-record problems as [`credence_model::Diagnostic`]s and never panics on
//! bad input; only file-level failures (unreadable file, invalid JSON, missing CSV column) are errors.

#![deny(missing_docs)]

mod csvrows;
mod ctdl;
mod error;
mod export;
mod jsonld;
mod list;
mod nj;
mod vocab;

pub use ctdl::{import_ctdl_bytes, import_ctdl_file, ImportOutcome};
pub use error::RegistryError;
pub use export::{export_graph, export_record};
pub use list::{import_list_csv, ListMapping};
pub use nj::{import_nj_industry, import_nj_license};
pub use vocab::Vocabulary;

#[cfg(test)]
mod fuzz_tests;
