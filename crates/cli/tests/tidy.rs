//! Repository hygiene checked by `cargo test`, as rust-analyzer's tidy does: every Rust file
//! opens with a `//!` comment saying why it exists, and nothing from the data directory is committed.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() && p.file_name().is_some_and(|n| n != "target") {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let crates = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&crates, &mut files);
    assert!(
        files.len() > 20,
        "found only {} files under {}",
        files.len(),
        crates.display()
    );
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a leading //! comment: {missing:#?}"
    );
}

#[test]
fn no_reference_data_is_committed() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    for forbidden in [
        "TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv",
        "oews_national_may2024.csv",
        "Occupation Data.txt",
    ] {
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if p.is_dir() && name != "target" && name != ".git" {
                    stack.push(p);
                } else {
                    assert_ne!(
                        name,
                        forbidden,
                        "{} must come from the data directory",
                        p.display()
                    );
                }
            }
        }
    }
}
