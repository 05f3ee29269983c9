//! Errors of the pathways crate: unparseable conditions (with line and column), bad profiles,
//! unknown planning targets.

/// What can go wrong reading conditions, profiles, credit files or planning.
#[derive(Debug, thiserror::Error)]
pub enum ConditionError {
    /// Condition text or TOML that does not parse, with where.
    #[error("line {line}, column {column}: {message}")]
    Parse {
        /// 1-based line.
        line: usize,
        /// 1-based column (characters).
        column: usize,
        /// What was expected or found.
        message: String,
    },
    /// A well-formed condition with an impossible value.
    #[error("{0}")]
    Invalid(String),
}

/// Errors of the pathways crate as a whole.
#[derive(Debug, thiserror::Error)]
pub enum PathwayError {
    /// A condition failed to parse or validate.
    #[error("{file}: {source}")]
    Condition {
        /// The file or record the condition came from.
        file: String,
        /// The condition error.
        source: ConditionError,
    },
    /// A person profile that cannot be read.
    #[error("{file}: {message}")]
    Profile {
        /// The profile file.
        file: String,
        /// What is wrong, with line and column when TOML says.
        message: String,
    },
    /// A target the graph does not contain.
    #[error("`{0}` is not in the pathway graph (not a known credential, program or occupation)")]
    UnknownTarget(String),
    /// A file-level failure of a CSV import (unreadable, missing column).
    #[error("{file}: {message}")]
    Csv {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
}
