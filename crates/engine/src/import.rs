//! Imports: read a file with the registry crate, then write it to the store atomically.
//!
//! A file is one batch. Without `keep_going`, one rejected record rejects the whole file (nothing is
//! written, the diagnostics are logged and returned). With it, good records are written and bad
//! ones are quarantined: their diagnostics are stored with the run and reported.

use std::path::{Path, PathBuf};

use credence_model::{Diagnostic, Severity};
use credence_registry::{ImportOutcome, ListMapping};
use credence_store::{ImportRun, UpsertStats};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Engine, EngineError, Progress};

/// How strictly to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Write the good records of a file and quarantine the bad ones, instead of rejecting the file.
    pub keep_going: bool,
}

/// The credential-list layouts credence reads.
#[derive(Debug, Clone)]
pub enum ListFormat {
    /// New Jersey ETPL industry credentials (`TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv`).
    NjIndustry,
    /// New Jersey licenses (`TBLLICENSE_DATA_TABLE.csv`).
    NjLicense,
    /// Any CSV with a column mapping.
    Csv(Box<ListMapping>),
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileImport {
    /// The file as named.
    pub file: String,
    /// Importer used.
    pub kind: String,
    /// Records read successfully.
    pub records: usize,
    /// Records rejected (quarantined).
    pub rejected: usize,
    /// Warnings on kept records.
    pub warnings: usize,
    /// What the store did.
    pub stats: UpsertStats,
    /// Every finding, with file, record and field.
    pub diagnostics: Vec<Diagnostic>,
}

impl Engine {
    /// Imports CTDL JSON-LD files or directories of them; returns one report per file.
    ///
    /// Stops at the first file that is rejected (unless `keep_going`); files before it stay imported.
    pub async fn import_ctdl(
        &self,
        paths: &[PathBuf],
        options: ImportOptions,
        progress: &dyn Progress,
    ) -> Result<Vec<FileImport>, EngineError> {
        let files = expand_json_files(paths)?;
        let vocab = self.vocabulary()?;
        progress.start("importing CTDL", files.len() as u64);
        let mut reports = Vec::with_capacity(files.len());
        for file in &files {
            let outcome = credence_registry::import_ctdl_file(file, vocab);
            let report = self.persist("ctdl", file, outcome, options).await;
            progress.advance(1);
            match report {
                Ok(r) => reports.push(r),
                Err(EngineError::Registry(e)) if options.keep_going => {
                    reports.push(FileImport::failed(file, "ctdl", e.to_string()));
                }
                Err(e) => {
                    progress.finish();
                    return Err(e);
                }
            }
        }
        progress.finish();
        self.rebuild_index().await?;
        Ok(reports)
    }

    /// Imports a credential list (New Jersey tables or a mapped CSV).
    pub async fn import_list(
        &self,
        path: &Path,
        format: &ListFormat,
        options: ImportOptions,
    ) -> Result<FileImport, EngineError> {
        let (kind, outcome) = match format {
            ListFormat::NjIndustry => ("nj-industry", credence_registry::import_nj_industry(path)),
            ListFormat::NjLicense => ("nj-license", credence_registry::import_nj_license(path)),
            ListFormat::Csv(mapping) => ("csv", credence_registry::import_list_csv(path, mapping)),
        };
        let report = self.persist(kind, path, outcome, options).await?;
        self.rebuild_index().await?;
        Ok(report)
    }

    async fn persist(
        &self,
        kind: &str,
        file: &Path,
        outcome: Result<ImportOutcome, credence_registry::RegistryError>,
        options: ImportOptions,
    ) -> Result<FileImport, EngineError> {
        let outcome = outcome?;
        let run = ImportRun {
            run_id: run_id(file),
            kind: kind.to_string(),
            file: file.display().to_string(),
            file_sha256: outcome.file_sha256.clone(),
        };
        let errors = outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 && !options.keep_going {
            self.store
                .log_rejected_run(&run, &outcome.diagnostics)
                .await?;
            return Err(EngineError::Rejected {
                file: run.file,
                diagnostics: outcome.diagnostics,
            });
        }
        let stats = self
            .store
            .upsert_records(&run, &outcome.records, &outcome.diagnostics)
            .await?;
        Ok(FileImport {
            file: run.file,
            kind: kind.to_string(),
            records: outcome.records.len(),
            rejected: outcome.rejected,
            warnings: outcome.diagnostics.len() - errors,
            stats,
            diagnostics: outcome.diagnostics,
        })
    }
}

impl Engine {
    /// Imports exam blueprints (CSV `credential_id,domain,weight` or JSON); all or nothing.
    ///
    /// Weights must sum to 100% per credential and every credential must be in the registry;
    /// otherwise nothing is stored and every problem is reported with file, line and field.
    pub async fn import_blueprints(&self, path: &Path) -> Result<usize, EngineError> {
        let file = path.display().to_string();
        let mut blueprints = credence_quality::load_blueprints(path).map_err(|e| match e {
            credence_quality::BlueprintError::Invalid { file, diagnostics } => {
                EngineError::Rejected { file, diagnostics }
            }
            other => EngineError::Invalid(other.to_string()),
        })?;
        let mut unknown = Vec::new();
        for b in &mut blueprints {
            match self.record(&b.credential_id).await {
                Ok(r) => b.credential_id = r.id,
                Err(_) => unknown.push(Diagnostic::error(
                    credence_model::Location::file(&file)
                        .record(b.credential_id.clone())
                        .field("credential_id"),
                    format!("credential `{}` is not in the registry", b.credential_id),
                )),
            }
        }
        if !unknown.is_empty() {
            return Err(EngineError::Rejected {
                file,
                diagnostics: unknown,
            });
        }
        self.store.replace_blueprints(&blueprints, &file).await?;
        Ok(blueprints.len())
    }
}

impl FileImport {
    fn failed(file: &Path, kind: &str, message: String) -> FileImport {
        let location = credence_model::Location::file(file.display().to_string());
        FileImport {
            file: file.display().to_string(),
            kind: kind.into(),
            records: 0,
            rejected: 1,
            warnings: 0,
            stats: UpsertStats::default(),
            diagnostics: vec![Diagnostic::error(location, message)],
        }
    }
}

/// Files named directly, plus the `.json` files of named directories (sorted, not recursive).
fn expand_json_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, EngineError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| EngineError::Io {
                path: p.display().to_string(),
                source: e,
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "json" || x == "jsonld"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn run_id(file: &Path) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let digest = Sha256::digest(format!("{}{nanos}", file.display()).as_bytes());
    format!("run-{nanos}-{}", &hex::encode(digest)[..8])
}
