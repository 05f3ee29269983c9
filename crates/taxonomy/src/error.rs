//! Whole-file failures; per-row problems are `Diagnostic`s instead, so one bad row never sinks a file.

use std::path::PathBuf;

use thiserror::Error;

/// Why a reference file could not be read at all.
#[derive(Debug, Error)]
pub enum TaxonomyError {
    /// A required file is absent: the message names the public address to download it from.
    #[error(
        "reference file `{name}` is missing at `{path}`; download it from {download_url} ({how_to_obtain})"
    )]
    MissingFile {
        /// Logical name from the manifest.
        name: String,
        /// Where credence looked.
        path: PathBuf,
        /// Public download address.
        download_url: String,
        /// What to do with the download (unzip, convert a sheet, …).
        how_to_obtain: String,
    },
    /// The file exists but could not be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },
    /// The header lacks a column the reader needs, so no row can be interpreted.
    #[error("`{file}` has no `{column}` column in its header (found: {found})")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column that was expected.
        column: String,
        /// The header as read, for comparison.
        found: String,
    },
    /// The manifest has no entry by that name (a programming error in a caller).
    #[error("no reference file named `{0}` in the manifest")]
    UnknownFile(String),
}
