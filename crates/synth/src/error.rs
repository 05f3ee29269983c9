//! The one error type of the generator, so callers can tell a bad catalog from a full disk.

use std::path::PathBuf;

/// Everything that can go wrong while reading the catalog, the titles or writing a corpus.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A catalog row is malformed; the line number counts the header as line 1.
    #[error("credential catalog line {line}: {message}")]
    Catalog {
        /// 1-based line of the offending row.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// The catalog or a written CSV file could not be parsed or written as CSV.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// A file could not be created, read or written.
    #[error("I/O on {path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// A JSON line could not be written.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The O*NET reference files could not be read.
    #[error("reference data: {0}")]
    Taxonomy(#[from] credence_taxonomy::TaxonomyError),
}

impl SynthError {
    /// Wraps an I/O error with the path it concerns, so the message says which file failed.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        SynthError::Io {
            path: path.into(),
            source,
        }
    }
}
