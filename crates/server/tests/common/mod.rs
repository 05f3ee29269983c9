//! Test harness: a real engine over a temporary SQLite store, loaded from the data directory.

use std::path::PathBuf;
use std::sync::Arc;

use credence_engine::{Engine, EngineConfig, NoProgress};

/// The public reference data directory (`CREDENCE_DATA`, else `../shared/data` beside the repo).
pub fn data_dir() -> PathBuf {
    match std::env::var_os("CREDENCE_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

/// An engine with reference data, the CTDL fixtures and the NJ lists loaded; keep the tempdir alive.
pub async fn loaded_engine() -> (Arc<Engine>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = EngineConfig {
        db_url: format!("sqlite://{}", dir.path().join("t.db").display()),
        data_dir: data_dir(),
    };
    let engine = Engine::open(&config).await.expect("open engine");
    engine.init(&NoProgress).await.expect("init");
    engine
        .load_demo_records(&NoProgress)
        .await
        .expect("demo records");
    (Arc::new(engine), dir)
}
