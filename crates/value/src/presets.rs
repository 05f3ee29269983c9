//! Frameworks shipped with credence, compiled in from `crates/value/frameworks/*.toml`; each
//! cites its published source and the vintage of every threshold.

use crate::{Framework, ValueError};

/// `(id, file text)` of every preset, in display order.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "credentials-matter",
        include_str!("../frameworks/credentials-matter.toml"),
    ),
    ("indiana", include_str!("../frameworks/indiana.toml")),
    (
        "washington-etpl",
        include_str!("../frameworks/washington-etpl.toml"),
    ),
    (
        "texas-tea-ibc",
        include_str!("../frameworks/texas-tea-ibc.toml"),
    ),
    ("thecb-pvc", include_str!("../frameworks/thecb-pvc.toml")),
    ("lumina", include_str!("../frameworks/lumina.toml")),
    (
        "workforce-pell",
        include_str!("../frameworks/workforce-pell.toml"),
    ),
    (
        "ohio-techcred",
        include_str!("../frameworks/ohio-techcred.toml"),
    ),
];

/// Every preset, parsed.
pub fn all() -> Result<Vec<Framework>, ValueError> {
    PRESETS
        .iter()
        .map(|(id, text)| Framework::parse(text, &format!("preset:{id}")))
        .collect()
}

/// A preset by id, or a framework file by path.
pub fn find(name: &str) -> Result<Framework, ValueError> {
    if let Some((id, text)) = PRESETS.iter().find(|(id, _)| *id == name) {
        return Framework::parse(text, &format!("preset:{id}"));
    }
    let path = std::path::Path::new(name);
    if path.extension().is_some_and(|e| e == "toml") || path.exists() {
        return Framework::load(path);
    }
    Err(ValueError::UnknownFramework(name.to_string()))
}
