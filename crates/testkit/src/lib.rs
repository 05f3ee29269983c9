//! Test-only helpers shared by every crate's tests (a dev-dependency, never linked into the binary).

#![deny(missing_docs)]

use std::path::PathBuf;

/// The public reference data directory: `CREDENCE_DATA`, else `../shared/data` beside the checkout.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("CREDENCE_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

/// A name no other test or test run uses: `prefix_pid_nanos`.
pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{prefix}_{}_{nanos}", std::process::id())
}

/// A PostgreSQL URL with a fresh schema for one test (`CREDENCE_TEST_POSTGRES`, else the local
/// server at 127.0.0.1:5432, user `postgres`, database `test`).
pub fn postgres_url(test: &str) -> String {
    let base = std::env::var("CREDENCE_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    format!("{base}?credence_schema={}", unique(&format!("t_{test}")))
}
