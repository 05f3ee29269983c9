//! Errors of the linkage crate: whole-file failures; per-record problems are diagnostics instead.

/// A failure that stops a linkage run (bad mapping, unreadable file, unusable key).
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The field mapping text is malformed or names an unknown field.
    #[error("field mapping: {0}")]
    Mapping(String),
    /// A file could not be opened or read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// OS error.
        source: std::io::Error,
    },
    /// The CSV layer failed on a whole file (not one record).
    #[error("`{path}`: {message}")]
    Csv {
        /// The path as given.
        path: String,
        /// What failed.
        message: String,
    },
    /// The secret key is missing or too short.
    #[error("linkage key: {0}")]
    Key(String),
    /// The inputs cannot be linked with the chosen method.
    #[error("{0}")]
    Invalid(String),
}
