//! Store errors, with the kind the edges map to exit codes and HTTP statuses.

/// What went wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The `--db` value is not a URL credence understands.
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    /// The database could not be reached or opened.
    #[error("cannot open database `{url}`: {source}")]
    Connect {
        /// The URL with any password hidden.
        url: String,
        /// Driver error.
        source: sqlx::Error,
    },
    /// A migration failed; the schema is older or newer than this binary.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    /// A stored JSON body no longer deserializes (written by an incompatible version).
    #[error("stored record `{id}` is unreadable: {source}")]
    Corrupt {
        /// Record id.
        id: String,
        /// Decoding error.
        source: serde_json::Error,
    },
}
