//! Engine errors and the kinds the edges map to exit codes and HTTP statuses.

use credence_model::Diagnostic;

/// What kind of failure, independent of where it happened; edges choose codes from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The thing asked for does not exist.
    NotFound,
    /// The user's input is wrong (bad file, bad code, bad flag value).
    Invalid,
    /// A dependency (database, data file) is unavailable.
    Unavailable,
    /// A bug or an unexpected state.
    Internal,
}

/// Everything that can go wrong in a product operation.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Database failure.
    #[error(transparent)]
    Store(#[from] credence_store::StoreError),
    /// CTDL or list parsing failed for a whole file.
    #[error(transparent)]
    Registry(#[from] credence_registry::RegistryError),
    /// Reference data could not be read.
    #[error(transparent)]
    Taxonomy(#[from] credence_taxonomy::TaxonomyError),
    /// The search index failed.
    #[error(transparent)]
    Search(#[from] credence_search::SearchError),
    /// A requested record or code does not exist.
    #[error("{what} `{id}` not found")]
    NotFound {
        /// Kind of thing (credential, occupation…).
        what: &'static str,
        /// The identifier asked for.
        id: String,
    },
    /// Input the user must fix.
    #[error("{0}")]
    Invalid(String),
    /// A file of the data directory is missing.
    #[error("data file `{file}` is missing; download it from {url}")]
    MissingData {
        /// Path relative to the data directory.
        file: String,
        /// Public address to download it from.
        url: String,
    },
    /// A file had rejected records and `--keep-going` was not given: nothing was written.
    #[error("`{file}`: {} record(s) rejected; nothing imported from this file (use --keep-going to import the rest and quarantine the bad records)", .diagnostics.iter().filter(|d| d.severity == credence_model::Severity::Error).count())]
    Rejected {
        /// The file.
        file: String,
        /// Every finding, errors and warnings.
        diagnostics: Vec<Diagnostic>,
    },
    /// I/O on a user-named path failed.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path.
        path: String,
        /// OS error.
        source: std::io::Error,
    },
    /// A bug.
    #[error("internal error: {0}")]
    Internal(String),
}

impl EngineError {
    /// The kind, for exit codes and HTTP statuses.
    pub fn kind(&self) -> ErrorKind {
        match self {
            EngineError::NotFound { .. } => ErrorKind::NotFound,
            EngineError::Invalid(_) | EngineError::Rejected { .. } | EngineError::Registry(_) => {
                ErrorKind::Invalid
            }
            EngineError::MissingData { .. } | EngineError::Io { .. } | EngineError::Taxonomy(_) => {
                ErrorKind::Unavailable
            }
            EngineError::Store(credence_store::StoreError::Connect { .. }) => {
                ErrorKind::Unavailable
            }
            EngineError::Store(_) | EngineError::Search(_) | EngineError::Internal(_) => {
                ErrorKind::Internal
            }
        }
    }
}
