//! Locates the shared data directory for tests: `CREDENCE_DATA`, else `../../../shared/data`.

pub use credence_testkit::data_dir;
