//! Outcomes as product operations: compute from participant and wage files (person keys hashed
//! at ingest, aggregates stored), show one credential's outcomes by group, import and list
//! published outcome tables, generate synthetic data, and run the Parquet outcome query.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use credence_model::{CodeScheme, Diagnostic, Location, Record};
use credence_outcomes::metrics::{compute, METRICS};
use credence_outcomes::participants::read_participants;
use credence_outcomes::published::{
    read_labels, read_published, PublishedFormat, PublishedOutcome,
};
use credence_outcomes::query::{
    explain_outcome_query_on, run_outcome_query_on, QueryEngine, QueryRow,
};
use credence_outcomes::synth::{generate, SynthConfig, Truth};
use credence_outcomes::wages::{read_wages, WageFormat, WageHistory, WageMap};
use credence_outcomes::{
    DisclosureOptions, MetricCell, MetricOptions, OutcomesError, ParticipantMap, PersonKeyer,
    Reject,
};
use credence_store::{OutcomeRun, PublishedFilter};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Engine, EngineError};

pub use credence_outcomes::key::KEY_ENV as OUTCOMES_KEY_ENV;

/// Where computed outcome figures come from, shown beside every one of them.
pub const OUTCOMES_SOURCE: &str = "UI wage records linked to programme participants by keyed-hash person key; WIOA definitions (docs/outcomes.md)";

/// The dimensions outcomes are disaggregated by.
pub const OUTCOME_DIMENSIONS: &[&str] = &["race", "sex", "age", "income", "region"];

/// What to compute outcomes from, and how.
#[derive(Debug, Clone)]
pub struct ComputeRequest {
    /// Participant file (PIRL-numbered CSV).
    pub participants: PathBuf,
    /// Wage files (CSV or Parquet).
    pub wages: Vec<PathBuf>,
    /// The HMAC secret for person keys (never stored, never logged).
    pub key: Vec<u8>,
    /// `field=column` overrides for the participant file.
    pub participant_map: Vec<String>,
    /// `field=column` overrides for the wage files.
    pub wage_map: Vec<String>,
    /// Suppression threshold.
    pub min_cell: usize,
    /// Geometric-mechanism epsilon per count, if noise is wanted.
    pub epsilon: Option<f64>,
    /// Interval level.
    pub level: f64,
    /// Bootstrap replications for the comparison-group gain.
    pub bootstrap: usize,
    /// Seed for bootstrap and noise.
    pub seed: u64,
    /// Quarantine rejected records instead of refusing the whole computation.
    pub keep_going: bool,
}

/// One credential's headline in a compute report.
#[derive(Debug, Clone, Serialize)]
pub struct ComputedCredential {
    /// Credential id as in the participant file.
    pub credential_id: String,
    /// Registry name, when the id is a known record.
    pub name: Option<String>,
    /// Overall figures (after disclosure control).
    pub overall: Vec<MetricCell>,
}

/// The outcome of `credence outcomes compute`.
#[derive(Debug, Clone, Serialize)]
pub struct ComputeReport {
    /// The stored run.
    pub run: OutcomeRun,
    /// Wage rows of people outside the cohort (skipped, not stored).
    pub other_persons: usize,
    /// Quarantined records (first 200; all are counted in `run.rejected`).
    pub rejects: Vec<Reject>,
    /// Per credential.
    pub credentials: Vec<ComputedCredential>,
}

/// One group's row of a disaggregated table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeGroup {
    /// The group (`female`, `25-34`, `34013`…).
    pub category: String,
    /// Its cells, one per metric (suppressed ones carry `suppressed`).
    pub cells: Vec<MetricCell>,
}

impl OutcomeGroup {
    /// The cell for a metric.
    pub fn cell(&self, metric: &str) -> Option<&MetricCell> {
        self.cells.iter().find(|c| c.metric == metric)
    }
}

/// One dimension's table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeTable {
    /// `race`, `sex`, `age`, `income` or `region`.
    pub dimension: String,
    /// Groups in order.
    pub groups: Vec<OutcomeGroup>,
}

/// Outcomes for one credential, ready for a page or `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomesView {
    /// Credential id the outcomes are stored under.
    pub credential_id: String,
    /// Registry name, when known.
    pub name: Option<String>,
    /// The run the figures come from.
    pub run: OutcomeRun,
    /// First and last exit quarter of the cohort.
    pub exit_window: Option<(String, String)>,
    /// Participants outside the observable window.
    pub not_observable: i64,
    /// Holders without a comparison match.
    pub unmatched: i64,
    /// Source line.
    pub source: &'static str,
    /// Metric ids and meanings.
    pub metrics: Vec<(String, String)>,
    /// Overall figures.
    pub overall: Vec<MetricCell>,
    /// Disaggregated tables (one, with `--by`, or all).
    pub tables: Vec<OutcomeTable>,
    /// Published outcomes for the credential's CIP codes (other evidence, other sources).
    pub published: Vec<PublishedOutcome>,
}

impl OutcomesView {
    /// The overall cell for a metric.
    pub fn overall(&self, metric: &str) -> Option<&MetricCell> {
        self.overall.iter().find(|c| c.metric == metric)
    }
}

/// The outcome of `credence outcomes import`.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedImportReport {
    /// Per file: (file, records read, figures stored, suppressed figures, rejected records).
    pub files: Vec<(String, usize, usize, usize, usize)>,
    /// Rejected records.
    pub rejects: Vec<Reject>,
}

fn invalid(e: OutcomesError) -> EngineError {
    match e {
        OutcomesError::Io { file, source } => EngineError::Io { path: file, source },
        other => EngineError::Invalid(other.to_string()),
    }
}

fn diagnostics(rejects: &[Reject]) -> Vec<Diagnostic> {
    rejects
        .iter()
        .map(|r| {
            Diagnostic::error(
                Location {
                    file: r.file.clone(),
                    record: Some(r.record.clone()),
                    field: Some(r.field.clone()),
                },
                r.reason.clone(),
            )
        })
        .collect()
}

fn open(path: &Path) -> Result<File, EngineError> {
    File::open(path).map_err(|source| EngineError::Io {
        path: path.display().to_string(),
        source,
    })
}

impl Engine {
    /// Reads participants and wages, computes every credential's outcomes with disclosure
    /// control, and stores the aggregates (one transaction). Rejected records refuse the run
    /// unless `keep_going` quarantines them.
    pub async fn outcomes_compute(
        &self,
        req: ComputeRequest,
    ) -> Result<ComputeReport, EngineError> {
        let keyer = PersonKeyer::new(&req.key).map_err(invalid)?;
        let pmap = ParticipantMap::parse(&req.participant_map).map_err(invalid)?;
        let wmap = WageMap::parse(&req.wage_map).map_err(invalid)?;
        let opts = MetricOptions {
            level: req.level,
            bootstrap: req.bootstrap,
            seed: req.seed,
            disclosure: DisclosureOptions {
                min_cell: req.min_cell,
                epsilon: req.epsilon,
                level: req.level,
            },
        };
        if req.min_cell < 1 {
            return Err(EngineError::Invalid("--min-cell must be at least 1".into()));
        }
        if let Some(e) = req.epsilon {
            if !(e > 0.0 && e.is_finite()) {
                return Err(EngineError::Invalid(
                    "--epsilon must be a positive number".into(),
                ));
            }
        }
        let preq = req.clone();
        let (participants, wages, outcomes) =
            tokio::task::spawn_blocking(move || -> Result<_, EngineError> {
                let pfile = preq.participants.display().to_string();
                let p = read_participants(open(&preq.participants)?, &pfile, &pmap, &keyer)
                    .map_err(invalid)?;
                let wanted: HashSet<String> =
                    p.participants.iter().map(|x| x.person.clone()).collect();
                let mut w = WageHistory::default();
                for f in &preq.wages {
                    read_wages(
                        f,
                        WageFormat::from_path(f),
                        &wmap,
                        &keyer,
                        Some(&wanted),
                        &mut w,
                    )
                    .map_err(invalid)?;
                }
                w.finish();
                let out = compute(&p.participants, &w, &opts).map_err(invalid)?;
                Ok((p, w, out))
            })
            .await
            .map_err(|e| EngineError::Internal(e.to_string()))??;
        let mut rejects = participants.rejects.clone();
        rejects.extend(wages.rejects.iter().cloned());
        let rejected = participants.rejects.len() + wages.rejected;
        if rejected > 0 && !req.keep_going {
            return Err(EngineError::Rejected {
                file: req.participants.display().to_string(),
                diagnostics: diagnostics(&rejects),
            });
        }
        let now = chrono::Utc::now();
        let mut h = Sha256::new();
        h.update(now.to_rfc3339().as_bytes());
        h.update(req.participants.display().to_string().as_bytes());
        let run = OutcomeRun {
            run_id: format!("run-{}-{}", now.format("%Y%m%dT%H%M%S"), &hex::encode(h.finalize())[..8]),
            computed_at: now.to_rfc3339(),
            participants_file: req.participants.display().to_string(),
            wage_files: req.wages.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(";"),
            participants: participants.participants.len() as i64,
            wage_rows: wages.rows as i64,
            rejected: rejected as i64,
            wage_window: wages.window.map(|(a, b)| format!("{a}–{b}")).unwrap_or_else(|| "no wage records".into()),
            min_cell: req.min_cell as i64,
            epsilon: req.epsilon,
            level: req.level,
            method: format!(
                "WIOA exit-based measures from UI wages; Wilson intervals for rates, order-statistic intervals for medians; \
                 difference-in-differences vs non-holders matched on exit quarter, sex, prior earnings and age band, \
                 {}-replication percentile bootstrap; suppression n < {} with complementary suppression{}",
                req.bootstrap,
                req.min_cell,
                req.epsilon.map(|e| format!("; geometric noise ε = {e} per count")).unwrap_or_default()
            ),
        };
        tracing::info!(run = %run.run_id, participants = run.participants, wage_rows = run.wage_rows, rejected, "outcomes computed");
        self.store
            .save_outcome_run(&run, &outcomes, &rejects)
            .await?;
        let mut credentials = Vec::new();
        for o in &outcomes {
            credentials.push(ComputedCredential {
                credential_id: o.credential_id.clone(),
                name: self.record(&o.credential_id).await.ok().map(|r| r.name),
                overall: o
                    .cells
                    .iter()
                    .filter(|c| c.dimension == "all")
                    .cloned()
                    .collect(),
            });
        }
        rejects.truncate(200);
        Ok(ComputeReport {
            run,
            other_persons: wages.other_persons,
            rejects,
            credentials,
        })
    }

    /// The latest computed outcomes for a credential (by registry id, CTID, or the id used in
    /// the participant file), with one dimension's table (`by`) or all of them.
    pub async fn outcomes_show(
        &self,
        id: &str,
        by: Option<&str>,
    ) -> Result<OutcomesView, EngineError> {
        if let Some(b) = by {
            if !OUTCOME_DIMENSIONS.contains(&b) {
                return Err(EngineError::Invalid(format!(
                    "--by must be one of {}",
                    OUTCOME_DIMENSIONS.join(", ")
                )));
            }
        }
        let record = self.record(id).await.ok();
        match self.outcomes_for(id, record.as_ref(), by).await? {
            Some(v) => Ok(v),
            None => Err(EngineError::NotFound {
                what: "outcomes for credential",
                id: id.to_string(),
            }),
        }
    }

    /// Outcomes for a credential page: `None` when no run covered it.
    pub async fn outcomes_for_record(
        &self,
        record: &Record,
    ) -> Result<Option<OutcomesView>, EngineError> {
        self.outcomes_for(&record.id, Some(record), None).await
    }

    async fn outcomes_for(
        &self,
        id: &str,
        record: Option<&Record>,
        by: Option<&str>,
    ) -> Result<Option<OutcomesView>, EngineError> {
        let mut keys = vec![id.to_string()];
        if let Some(r) = record {
            keys.push(r.id.clone());
            if let Some(c) = &r.ctid {
                keys.push(c.to_string());
            }
        }
        let mut stored = None;
        for k in keys {
            if let Some(s) = self.store.latest_outcomes(&k).await? {
                stored = Some(s);
                break;
            }
        }
        let Some(s) = stored else { return Ok(None) };
        let overall = s
            .cells
            .iter()
            .filter(|c| c.dimension == "all")
            .cloned()
            .collect();
        let mut tables = Vec::new();
        for d in OUTCOME_DIMENSIONS
            .iter()
            .filter(|d| by.is_none_or(|b| b == **d))
        {
            let mut groups: Vec<OutcomeGroup> = Vec::new();
            for c in s.cells.iter().filter(|c| c.dimension == *d) {
                match groups.iter_mut().find(|g| g.category == c.category) {
                    Some(g) => g.cells.push(c.clone()),
                    None => groups.push(OutcomeGroup {
                        category: c.category.clone(),
                        cells: vec![c.clone()],
                    }),
                }
            }
            tables.push(OutcomeTable {
                dimension: d.to_string(),
                groups,
            });
        }
        let mut published = Vec::new();
        if let Some(r) = record {
            for c in r.codes.iter().filter(|c| c.scheme == CodeScheme::Cip2020) {
                let f = PublishedFilter {
                    cip: Some(c.code.clone()),
                    limit: 50,
                    ..Default::default()
                };
                published.extend(self.store.published_outcomes(&f).await?);
            }
        }
        Ok(Some(OutcomesView {
            credential_id: s.credential_id,
            name: record.map(|r| r.name.clone()),
            exit_window: s.exit_window,
            not_observable: s.not_observable,
            unmatched: s.unmatched,
            run: s.run,
            source: OUTCOMES_SOURCE,
            metrics: METRICS
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            overall,
            tables,
            published,
        }))
    }

    /// Imports published outcome tables (NJ ETPL, PSEO) file by file, each in one transaction;
    /// a file with rejected records is refused unless `keep_going`.
    pub async fn outcomes_import(
        &self,
        files: &[PathBuf],
        format: &str,
        labels: Option<&Path>,
        keep_going: bool,
    ) -> Result<PublishedImportReport, EngineError> {
        let format: PublishedFormat = format.parse().map_err(invalid)?;
        let labels = match labels {
            Some(p) => read_labels(open(p)?, &p.display().to_string()).map_err(invalid)?,
            None => Default::default(),
        };
        let mut report = PublishedImportReport {
            files: Vec::new(),
            rejects: Vec::new(),
        };
        for f in files {
            let name = f.display().to_string();
            let bytes = std::fs::read(f).map_err(|source| EngineError::Io {
                path: name.clone(),
                source,
            })?;
            let sha = hex::encode(Sha256::digest(&bytes));
            let out = read_published(&bytes[..], &name, format, &labels).map_err(invalid)?;
            if !out.rejects.is_empty() && !keep_going {
                return Err(EngineError::Rejected {
                    file: name,
                    diagnostics: diagnostics(&out.rejects),
                });
            }
            self.store.upsert_published(&name, &sha, &out.rows).await?;
            let suppressed = out.rows.iter().filter(|r| r.value.is_none()).count();
            report.files.push((
                name,
                out.records,
                out.rows.len(),
                suppressed,
                out.rejects.len(),
            ));
            report.rejects.extend(out.rejects);
        }
        Ok(report)
    }

    /// Published outcome figures by institution (id or name) and/or CIP prefix.
    pub async fn outcomes_published(
        &self,
        institution: Option<&str>,
        cip: Option<&str>,
        limit: i64,
    ) -> Result<Vec<PublishedOutcome>, EngineError> {
        Ok(self
            .store
            .published_outcomes(&PublishedFilter {
                institution: institution.map(str::to_string),
                cip: cip.map(str::to_string),
                limit,
            })
            .await?)
    }

    /// Writes synthetic participants and wage histories to `out`, and the truth to `truth`.
    pub async fn outcomes_generate(
        &self,
        config: SynthConfig,
        out: PathBuf,
        truth: PathBuf,
    ) -> Result<Truth, EngineError> {
        tokio::task::spawn_blocking(move || generate(&config, &out, &truth))
            .await
            .map_err(|e| EngineError::Internal(e.to_string()))?
            .map_err(invalid)
    }

    /// Runs the outcome query (DataFusion SQL over Parquet, locally or on Ballista); returns
    /// the unsuppressed rows, which the caller must not publish as they are, and the query time.
    pub async fn outcomes_query(
        &self,
        on: &QueryEngine,
        cohort: &Path,
        wages: &Path,
        settings: &[(String, String)],
    ) -> Result<(Vec<QueryRow>, std::time::Duration), EngineError> {
        run_outcome_query_on(on, cohort, wages, settings)
            .await
            .map_err(invalid)
    }

    /// The physical plan of the outcome query on these files, for tuning large installations.
    pub async fn outcomes_query_plan(
        &self,
        on: &QueryEngine,
        cohort: &Path,
        wages: &Path,
        settings: &[(String, String)],
    ) -> Result<String, EngineError> {
        explain_outcome_query_on(on, cohort, wages, settings)
            .await
            .map_err(invalid)
    }
}
