//! Test harness: a real engine over a temporary SQLite store, loaded from the data directory.

pub mod browser;

use std::sync::Arc;

use credence_engine::{Engine, EngineConfig, NoProgress};

pub use credence_testkit::data_dir;

/// An engine with reference data, the CTDL fixtures and the NJ lists loaded; keep the tempdir alive.
pub async fn loaded_engine() -> (Arc<Engine>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = EngineConfig {
        db_url: format!("sqlite://{}", dir.path().join("t.db").display()),
        data_dir: data_dir(),
        overrides: None,
    };
    let engine = Engine::open(&config).await.expect("open engine");
    engine.init(&NoProgress).await.expect("init");
    engine
        .load_demo_records(&NoProgress)
        .await
        .expect("demo records");
    (Arc::new(engine), dir)
}
