//! `init`, the demo load and status: getting a fresh machine from nothing to a working registry.

use std::path::PathBuf;

use credence_model::Diagnostic;
use credence_store::reference::ReferenceFileRow;
use serde::Serialize;

use crate::{Engine, EngineError, FileImport, ImportOptions, ListFormat, Progress};

/// What `init` loaded.
#[derive(Debug, Clone, Serialize)]
pub struct InitReport {
    /// Each file with source, vintage, checksum and license.
    pub files: Vec<ReferenceFileRow>,
    /// Rows written (0 when nothing changed).
    pub rows: u64,
    /// True when every file matched its checksum from the previous load, so nothing was rewritten.
    pub unchanged: bool,
    /// Rows the readers rejected, with file, line and field.
    pub diagnostics: Vec<Diagnostic>,
}

/// What is in the store.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Records per class family.
    pub records: Vec<(String, i64)>,
    /// Loaded reference files.
    pub reference_files: Vec<ReferenceFileRow>,
    /// Latest import findings (the quarantine report).
    pub recent_diagnostics: Vec<Diagnostic>,
}

/// The CTDL fixtures the demo loads: every `cer_*` and `ra_*` record file.
pub(crate) fn demo_ctdl_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (name.starts_with("cer_") || name.starts_with("ra_"))
                && name.ends_with(".json")
                && name != "cer_subclasses_map.json"
        })
        .collect();
    files.sort();
    files
}

impl Engine {
    /// Loads the public reference data into the store; idempotent (unchanged files are skipped).
    pub async fn init(&self, progress: &dyn Progress) -> Result<InitReport, EngineError> {
        progress.start("reading reference data", 0);
        let dir = self.data_dir.clone();
        let data = tokio::task::spawn_blocking(move || credence_taxonomy::load_all(&dir))
            .await
            .map_err(|e| EngineError::Internal(e.to_string()))??;
        progress.start("loading reference data", 0);
        let (rows, unchanged) = self.store.load_reference(&data).await?;
        progress.finish();
        Ok(InitReport {
            files: self.store.reference_files().await?,
            rows,
            unchanged,
            diagnostics: data.diagnostics.clone(),
        })
    }

    /// Imports the CTDL fixtures and the New Jersey lists from the data directory.
    pub async fn load_demo_records(
        &self,
        progress: &dyn Progress,
    ) -> Result<Vec<FileImport>, EngineError> {
        let ctdl = demo_ctdl_files(&self.data_dir.join("ctdl"));
        if ctdl.is_empty() {
            return Err(EngineError::MissingData {
                file: "ctdl/cer_*.json, ctdl/ra_*.json".into(),
                url:
                    "https://github.com/CredentialEngine/CredentialRegistry (spec/support/fixtures)"
                        .into(),
            });
        }
        let mut reports = self
            .import_ctdl(&ctdl, ImportOptions::default(), progress)
            .await?;
        let lists = [
            (
                "nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv",
                ListFormat::NjIndustry,
            ),
            ("nj_etpl/TBLLICENSE_DATA_TABLE.csv", ListFormat::NjLicense),
        ];
        for (file, format) in lists {
            let path = self.data_dir.join(file);
            if !path.exists() {
                return Err(EngineError::MissingData {
                    file: file.into(),
                    url: "https://github.com/newjersey/dol-mcnj-main/tree/main/backend/data/program-credentials".into(),
                });
            }
            reports.push(
                self.import_list(&path, &format, ImportOptions::default())
                    .await?,
            );
        }
        Ok(reports)
    }

    /// Record counts, reference files and recent import findings.
    pub async fn status(&self) -> Result<Status, EngineError> {
        Ok(Status {
            records: self.store.record_counts().await?,
            reference_files: self.store.reference_files().await?,
            recent_diagnostics: self.store.import_diagnostics(20).await?,
        })
    }
}
