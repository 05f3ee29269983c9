//! Fuzz target: arbitrary bytes as a CSV file into the NJ and generic list importers.
#![no_main]

use credence_registry::{import_list_csv, import_nj_industry, import_nj_license, ListMapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The importers read files; one scratch file per fuzzing process.
    let path = std::env::temp_dir().join(format!("credence-fuzz-{}.csv", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let _ = import_nj_industry(&path);
    let _ = import_nj_license(&path);
    if let Ok(mapping) = ListMapping::parse("id=ID,name=NAME,soc=CODE") {
        let _ = import_list_csv(&path, &mapping);
    }
});
