//! Errors of the value crate: file-level failures and rejected inputs with every finding.

use credence_model::Diagnostic;

/// Why a framework or list could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ValueError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file as named.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input was read but is not acceptable; every problem is listed with file, line, field.
    #[error("{file}: rejected ({} problem{}){}", diagnostics.len(), if diagnostics.len() == 1 { "" } else { "s" }, first(diagnostics))]
    Rejected {
        /// The file as named.
        file: String,
        /// Every finding.
        diagnostics: Vec<Diagnostic>,
    },
    /// A spreadsheet or CSV could not be parsed at all.
    #[error("{file}: {message}")]
    Unreadable {
        /// The file as named.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// No preset or file by that name.
    #[error("no framework named `{0}` (see `credence value frameworks`)")]
    UnknownFramework(String),
}

fn first(d: &[Diagnostic]) -> String {
    d.first().map(|d| format!(": {d}")).unwrap_or_default()
}
