//! Identity resolution: the same credential from several sources, linked with a confidence and a
//! reason, and one canonical record per cluster.

use std::path::Path;

use credence_identity::{Overrides, Resolution};
use credence_model::{Diagnostic, Record, RecordClass};
use serde::Serialize;

use crate::{Engine, EngineError};

/// A same-as link as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SameAsView {
    /// The other record.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How sure the resolver is (0–1).
    pub confidence: f64,
    /// Which rule or similarity decided it.
    pub reason: String,
}

/// Loads the reviewable override file, if one is configured; bad rows become diagnostics.
pub(crate) fn load_overrides(
    path: Option<&Path>,
) -> Result<(Overrides, Vec<Diagnostic>), EngineError> {
    match path {
        None => Ok((Overrides::new(), Vec::new())),
        Some(p) => Overrides::load(p).map_err(|e| EngineError::Io {
            path: p.display().to_string(),
            source: e,
        }),
    }
}

/// Resolves the credential records among `records`.
pub(crate) fn resolve_credentials(records: &[Record], overrides: &Overrides) -> Resolution {
    let credentials: Vec<Record> = records
        .iter()
        .filter(|r| r.class == RecordClass::Credential)
        .cloned()
        .collect();
    credence_identity::resolve(&credentials, overrides)
}

impl Engine {
    /// The current resolution of every credential (recomputed after each import).
    pub fn resolution(&self) -> std::sync::Arc<Resolution> {
        self.identity
            .read()
            .map(|g| std::sync::Arc::clone(&g))
            .unwrap_or_default()
    }

    /// Same-as links of one record, best first, with the other record's name.
    /// (Names are filled in by the caller, which can reach the store.)
    pub(crate) fn same_as(&self, id: &str) -> Vec<SameAsView> {
        let resolution = self.resolution();
        let mut out: Vec<SameAsView> = resolution
            .links
            .iter()
            .filter_map(|l| {
                let other = if l.a == id {
                    &l.b
                } else if l.b == id {
                    &l.a
                } else {
                    return None;
                };
                Some(SameAsView {
                    id: other.clone(),
                    name: String::new(),
                    confidence: l.confidence,
                    reason: l.reason.clone(),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }
}
