//! Loads the Gazetteer once per test binary from the shared data directory.

use std::sync::OnceLock;

use credence_geo::Gazetteer;

/// The Gazetteer read from `credence_testkit::data_dir()`; panics with the loader's message if absent.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| match Gazetteer::load(&credence_testkit::data_dir()) {
        Ok(g) => g,
        Err(e) => panic!("set CREDENCE_DATA to the shared data directory: {e}"),
    })
}
