//! Employer demand: reads job postings, finds the credentials they ask for, and counts them.
//!
//! The curated credential catalog lives in `data/credentials.csv`; the posting generator in
//! `credence-synth` reads the same catalog so generated truth and extractor output share ids.

#![deny(missing_docs)]

pub mod catalog;
pub mod dedup;
pub mod export;
pub mod extract;
pub mod ingest;
mod lexicon;
pub mod pipeline;
pub mod prepare;
mod refer;
pub mod score;

pub use catalog::{Catalog, Entry};
pub use extract::Extractor;

/// Why a demand operation failed as a whole (per-record problems are diagnostics instead).
#[derive(Debug, thiserror::Error)]
pub enum DemandError {
    /// The credential catalog could not be read or compiled.
    #[error("credential catalog: {0}")]
    Catalog(String),
    /// An input or output file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file as the user named it.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input could not be processed at all (bad mapping, unknown format, strict mode).
    #[error("{0}")]
    Input(String),
    /// Aggregates could not be encoded or written as Parquet.
    #[error("Parquet output {path}: {message}")]
    Parquet {
        /// The output file.
        path: String,
        /// What Arrow or Parquet said.
        message: String,
    },
}
