//! File-level failures: the whole input could not be read. Per-record problems are diagnostics instead.

/// Why an input file (or a vocabulary, or a column mapping) could not be used at all.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The file could not be opened or read.
    #[error("cannot read `{file}`: {source}")]
    Read {
        /// The file as the user named it.
        file: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not JSON; line and column come from the JSON parser.
    #[error("`{file}` is not valid JSON at line {line}, column {column}: {message}")]
    Json {
        /// The file as the user named it.
        file: String,
        /// 1-based line of the syntax error.
        line: usize,
        /// 1-based column of the syntax error.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The CTDL vocabulary file does not have the expected `@graph` shape.
    #[error("`{file}` is not a CTDL vocabulary: {message}")]
    Vocabulary {
        /// The file as the user named it.
        file: String,
        /// What is missing.
        message: String,
    },
    /// A CSV file lacks a column the importer needs.
    #[error("`{file}` has no column `{column}` in its header")]
    MissingColumn {
        /// The file as the user named it.
        file: String,
        /// The column that was expected.
        column: String,
    },
    /// The CSV header itself could not be read.
    #[error("`{file}`: cannot read the CSV header: {message}")]
    Csv {
        /// The file as the user named it.
        file: String,
        /// The CSV reader's message.
        message: String,
    },
    /// A `--map` column mapping could not be understood.
    #[error("column mapping `{spec}` is invalid: {message}")]
    Mapping {
        /// The mapping text as given.
        spec: String,
        /// What is wrong with it.
        message: String,
    },
}

impl RegistryError {
    /// Wraps an I/O error with the file it concerns.
    pub(crate) fn read(file: &str, source: std::io::Error) -> Self {
        RegistryError::Read {
            file: file.to_string(),
            source,
        }
    }
}

/// Reads a whole file, naming it in the error.
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, RegistryError> {
    std::fs::read(path).map_err(|e| RegistryError::read(&path.display().to_string(), e))
}

/// The SHA-256 of input bytes, hex encoded, for provenance.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
