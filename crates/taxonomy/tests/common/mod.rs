//! Locates the shared data directory for tests: `CREDENCE_DATA`, else `../../../shared/data`.

use std::path::PathBuf;

/// The reference data directory the tests read.
pub fn data_dir() -> PathBuf {
    std::env::var_os("CREDENCE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}
