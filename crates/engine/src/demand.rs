//! Employer demand as product operations: extract, ingest, show one credential, rank many.
//!
//! The analyzer (catalog + registry names, title coder, gazetteer) is built once per engine and
//! shared; ingest adds a file's counts in one transaction and skips files already counted.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use credence_demand::dedup::{add_months, Deduper};
use credence_demand::export::CellWriter;
use credence_demand::ingest::Reject;
use credence_demand::pipeline::{self, AggregateSink, Analyzer, RunOptions, Sink, Summary};
use credence_demand::{Catalog, Extractor};
use credence_model::{MentionKind, Record, RecordClass};
use credence_series::{MonthlySeries, YearMonth};
use credence_store::{Breakdown, DemandFilter, DemandMonth, DemandRow, Ranked};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Engine, EngineError, Progress};

/// Source line attached to every demand figure.
pub const DEMAND_SOURCE: &str =
    "credence demand engine: job postings ingested into this database (see `credence demand files`)";

/// Shares with fewer postings than this in the denominator are suppressed, never shown.
pub const MIN_CELL: i64 = 10;

/// One input file's outcome in an ingest run.
#[derive(Debug, Clone, Serialize)]
pub struct FileOutcome {
    /// The file as named.
    pub file: String,
    /// Content hash.
    pub sha256: String,
    /// True when the same bytes had been counted before (nothing added).
    pub skipped: bool,
    /// Fingerprints of earlier ingests the file was de-duplicated against (those within the
    /// window of its months; see `RunOptions::dedup_window_months`).
    pub earlier_fingerprints: u64,
    /// What the file held.
    pub summary: Summary,
}

/// The outcome of `credence demand ingest`.
#[derive(Debug, Clone, Serialize)]
pub struct IngestReport {
    /// Per file.
    pub files: Vec<FileOutcome>,
    /// Rejected records (first ones; all are counted in the summaries).
    pub rejects: Vec<Reject>,
}

/// Demand for one credential, ready for a page or `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct DemandView {
    /// The keys counted (catalog id, registry id).
    pub keys: Vec<String>,
    /// Display name.
    pub name: String,
    /// Kind as extracted.
    pub kind: String,
    /// Region filter applied, if any.
    pub region: Option<String>,
    /// Distinct postings over the whole window.
    pub unique_postings: i64,
    /// Of which required.
    pub required: i64,
    /// Of which preferred.
    pub preferred: i64,
    /// First and last month with data.
    pub window: Option<(String, String)>,
    /// Monthly series, oldest first, gaps filled with zero.
    pub months: Vec<DemandMonth>,
    /// Forecast with prediction intervals, or why there is none.
    pub forecast: Result<ForecastView, String>,
    /// Top occupations with their share of the occupation's postings.
    pub occupations: Vec<Ranked>,
    /// Top regions.
    pub regions: Vec<Ranked>,
    /// Top employers.
    pub employers: Vec<Ranked>,
    /// Where the figures come from.
    pub source: &'static str,
}

/// A forecast as shown: month, mean and interval bounds.
#[derive(Debug, Clone, Serialize)]
pub struct ForecastView {
    /// Nominal coverage of the interval (0.8 = 80%).
    pub level: f64,
    /// The model, library versions and calibration, verbatim from the series crate.
    pub method: String,
    /// Months of history fitted.
    pub n_train: usize,
    /// `(month, mean, lower, upper)`.
    pub points: Vec<(String, f64, f64, f64)>,
}

impl Engine {
    /// The shared analyzer, built on first use from the catalog, registry names and reference data.
    pub async fn demand_analyzer(&self) -> Result<Arc<Analyzer>, EngineError> {
        if let Some(a) = self.demand.get() {
            return Ok(a.clone());
        }
        let mut catalog = Catalog::builtin().map_err(|e| EngineError::Invalid(e.to_string()))?;
        for r in self.store.all_records().await? {
            if let Some(kind) = mention_kind(&r) {
                catalog.add_registry(&r.id, &r.name, kind);
            }
        }
        let extractor = Extractor::new(catalog).map_err(|e| EngineError::Invalid(e.to_string()))?;
        let titles = match credence_taxonomy::TitleCoder::from_dir(&self.data_dir) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::warn!("occupation coding is off: {e}");
                None
            }
        };
        let geo = match credence_geo::Gazetteer::load(&self.data_dir) {
            Ok(g) => Some(g),
            Err(e) => {
                tracing::warn!("location coding is off: {e}");
                None
            }
        };
        let analyzer = Arc::new(Analyzer {
            extractor,
            titles,
            geo,
        });
        Ok(self.demand.get_or_init(|| analyzer).clone())
    }

    /// Writes `mentions.jsonl` for the files: one line per input record, in input order.
    pub async fn demand_extract(
        &self,
        files: &[&Path],
        options: &RunOptions,
        out: &mut dyn Write,
        quarantine: Option<Box<dyn Write + Send>>,
        progress: &dyn Progress,
    ) -> Result<Summary, EngineError> {
        let analyzer = self.demand_analyzer().await?;
        let mut sink = ProgressSink {
            inner: pipeline::MentionWriter::new(out, quarantine),
            progress,
            seen: 0,
        };
        progress.start("extracting", 0);
        let summary = pipeline::run(
            &analyzer,
            files,
            options,
            &mut Deduper::default(),
            &mut sink,
        )
        .map_err(demand_error)?;
        progress.finish();
        Ok(summary)
    }

    /// Counts the files into the demand tables; a file already counted is skipped, and each file
    /// is added in one transaction together with the fingerprints of its distinct postings.
    /// Each file is de-duplicated against the stored fingerprints of earlier ingests (earlier
    /// files of this call included) within `options.dedup_window_months` of its months.
    pub async fn demand_ingest(
        &self,
        files: &[&Path],
        options: &RunOptions,
        mut quarantine: Option<Box<dyn Write + Send>>,
        progress: &dyn Progress,
    ) -> Result<IngestReport, EngineError> {
        let analyzer = self.demand_analyzer().await?;
        let mut report = IngestReport {
            files: Vec::new(),
            rejects: Vec::new(),
        };
        for path in files {
            let label = path.display().to_string();
            let sha256 = file_sha256(path)?;
            if self.store.demand_file_seen(&sha256).await?.is_some() {
                report.files.push(FileOutcome {
                    file: label,
                    sha256,
                    skipped: true,
                    earlier_fingerprints: 0,
                    summary: Summary::default(),
                });
                continue;
            }
            let mut deduper = self.earlier_fingerprints(path, options).await?;
            progress.start(&format!("ingesting {label}"), 0);
            let mut sink = ProgressSink {
                inner: AggregateSink::default(),
                progress,
                seen: 0,
            };
            let summary = pipeline::run(&analyzer, &[path], options, &mut deduper, &mut sink)
                .map_err(demand_error)?;
            progress.finish();
            if let Some(q) = quarantine.as_mut() {
                for r in &sink.inner.rejects {
                    serde_json::to_writer(&mut *q, r)
                        .map_err(|e| EngineError::Invalid(e.to_string()))?;
                    q.write_all(b"\n")
                        .map_err(|e| EngineError::Invalid(e.to_string()))?;
                }
            }
            self.store
                .add_demand(
                    &sha256,
                    &label,
                    &summary,
                    &sink.inner.aggregates,
                    &sink.inner.fingerprints,
                )
                .await?;
            report
                .rejects
                .extend(sink.inner.rejects.into_iter().take(1000));
            report.files.push(FileOutcome {
                file: label,
                sha256,
                skipped: false,
                earlier_fingerprints: deduper.seeded() as u64,
                summary,
            });
        }
        Ok(report)
    }

    /// A de-duplicator holding the stored fingerprints a file is checked against: those dated
    /// within the window of the file's first and last month (all when the window is `None`)
    /// and the undated ones. With nothing stored the file is not pre-read for its months.
    async fn earlier_fingerprints(
        &self,
        path: &Path,
        options: &RunOptions,
    ) -> Result<Deduper, EngineError> {
        let mut deduper = Deduper::default();
        if !self.store.demand_fingerprints_exist().await? {
            return Ok(deduper);
        }
        let months = match options.dedup_window_months {
            None => None,
            Some(w) => Some(
                match pipeline::file_months(path, options).map_err(demand_error)? {
                    Some((first, last)) => {
                        add_months(first, -i64::from(w))..=add_months(last, i64::from(w))
                    }
                    // No dated posting: an empty range, so only the undated fingerprints.
                    None => std::ops::RangeInclusive::new(1, 0),
                },
            ),
        };
        let started = std::time::Instant::now();
        let read = self
            .store
            .demand_fingerprints(months.clone(), |r| deduper.seed(&r.fingerprint))
            .await?;
        tracing::info!(
            "{}: {read} stored fingerprints (months {months:?}) loaded in {:.2} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
        Ok(deduper)
    }

    /// Demand for a credential (registry id, catalog id or name key), optionally in a region.
    pub async fn demand_show(
        &self,
        id: &str,
        region: Option<&str>,
    ) -> Result<DemandView, EngineError> {
        let keys = self.demand_keys(id).await?;
        let filter = DemandFilter {
            region: region.map(str::to_string),
            soc: None,
        };
        let mut name_kind = None;
        for k in &keys {
            if let Some(nk) = self.store.demand_credential(k).await? {
                name_kind = Some(nk);
                break;
            }
        }
        let months = fill_months(self.store.demand_months(&keys, &filter).await?);
        if name_kind.is_none() && months.is_empty() {
            return Err(EngineError::NotFound {
                what: "demand for credential",
                id: id.to_string(),
            });
        }
        let (name, kind) = name_kind.unwrap_or_else(|| (id.to_string(), String::new()));
        let dated: Vec<&DemandMonth> = months
            .iter()
            .filter(|m| m.month != pipeline::UNKNOWN)
            .collect();
        let window = dated
            .first()
            .zip(dated.last())
            .map(|(a, b)| (a.month.clone(), b.month.clone()));
        let mut occupations = self
            .store
            .demand_breakdown(&keys, Breakdown::Occupation, &filter, 10, MIN_CELL)
            .await?;
        for o in &mut occupations {
            o.label = self.store.soc(&o.key).await?.map(|e| e.title);
        }
        let regions = self
            .store
            .demand_breakdown(&keys, Breakdown::Region, &filter, 10, MIN_CELL)
            .await?;
        Ok(DemandView {
            unique_postings: months.iter().map(|m| m.unique_postings).sum(),
            required: months.iter().map(|m| m.required).sum(),
            preferred: months.iter().map(|m| m.preferred).sum(),
            forecast: forecast(&dated),
            employers: self.store.demand_employers(&keys, 10).await?,
            keys,
            name,
            kind,
            region: region.map(str::to_string),
            window,
            months,
            occupations,
            regions,
            source: DEMAND_SOURCE,
        })
    }

    /// Writes every demand cell (with its occupation denominator and share) to a Parquet file,
    /// paging through the store so memory stays bounded; returns the rows written.
    pub async fn demand_export_parquet(
        &self,
        path: &Path,
        progress: &dyn Progress,
    ) -> Result<u64, EngineError> {
        const PAGE: i64 = 50_000;
        let mut writer = CellWriter::create(path).map_err(demand_error)?;
        progress.start("exporting demand cells", 0);
        let mut last = None;
        loop {
            let page = self.store.demand_cells_after(last.as_ref(), PAGE).await?;
            writer.write(&page).map_err(demand_error)?;
            progress.advance(page.len() as u64);
            if (page.len() as i64) < PAGE {
                break;
            }
            last = page.into_iter().last();
        }
        progress.finish();
        writer.finish().map_err(demand_error)
    }

    /// Credentials ranked by distinct postings, optionally within an occupation and a region.
    pub async fn demand_top(
        &self,
        soc: Option<&str>,
        region: Option<&str>,
        limit: i64,
    ) -> Result<Vec<DemandRow>, EngineError> {
        let filter = DemandFilter {
            region: region.map(str::to_string),
            soc: soc.map(str::to_string),
        };
        Ok(self.store.demand_top(&filter, limit).await?)
    }

    /// The demand keys a credential is counted under: itself, plus the catalog entry whose alias
    /// is its name (a registry record and a curated row for the same credential).
    async fn demand_keys(&self, id: &str) -> Result<Vec<String>, EngineError> {
        let mut keys = vec![id.to_string()];
        if let Some(record) = self.store.record(id).await? {
            let catalog = Catalog::builtin().map_err(|e| EngineError::Invalid(e.to_string()))?;
            let names: Vec<String> = std::iter::once(&record.name)
                .chain(record.alternate_names.iter())
                .map(|n| n.to_lowercase())
                .collect();
            for e in catalog.entries() {
                if e.aliases.iter().any(|a| names.contains(&a.to_lowercase()))
                    || names.contains(&e.name.to_lowercase())
                {
                    keys.push(e.id.clone());
                }
            }
        }
        Ok(keys)
    }
}

/// The mention kind a registry record's type implies; `None` for things that are not credentials
/// postings ask for (degrees, organizations).
fn mention_kind(r: &Record) -> Option<MentionKind> {
    if r.class != RecordClass::Credential {
        return None;
    }
    let t = r.ctdl_type.to_lowercase();
    if t.contains("license") {
        Some(MentionKind::License)
    } else if t.contains("certification") {
        Some(MentionKind::Certification)
    } else if t.contains("certificate") || t.contains("badge") {
        Some(MentionKind::Certificate)
    } else {
        None
    }
}

fn demand_error(e: credence_demand::DemandError) -> EngineError {
    EngineError::Invalid(e.to_string())
}

fn file_sha256(path: &Path) -> Result<String, EngineError> {
    let mut file = std::fs::File::open(path)
        .map_err(|e| EngineError::Invalid(format!("{}: {e}", path.display())))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher)
        .map_err(|e| EngineError::Invalid(format!("{}: {e}", path.display())))?;
    Ok(hex::encode(hasher.finalize()))
}

/// Fills missing months between the first and last with zeros; the `unknown` month stays last.
fn fill_months(months: Vec<DemandMonth>) -> Vec<DemandMonth> {
    let (unknown, dated): (Vec<_>, Vec<_>) = months
        .into_iter()
        .partition(|m| m.month == pipeline::UNKNOWN);
    let parsed: Vec<(YearMonth, DemandMonth)> = dated
        .into_iter()
        .filter_map(|m| m.month.parse::<YearMonth>().ok().map(|ym| (ym, m)))
        .collect();
    let mut out = Vec::new();
    if let (Some(first), Some(last)) = (parsed.first().map(|p| p.0), parsed.last().map(|p| p.0)) {
        let mut i = 0;
        let mut ym = first;
        loop {
            if i < parsed.len() && parsed[i].0 == ym {
                out.push(parsed[i].1.clone());
                i += 1;
            } else {
                out.push(DemandMonth {
                    month: ym.to_string(),
                    unique_postings: 0,
                    required: 0,
                    preferred: 0,
                });
            }
            if ym == last {
                break;
            }
            match ym.next() {
                Some(n) => ym = n,
                None => break,
            }
        }
    }
    out.extend(unknown);
    out
}

/// A 12-month forecast at 80% from the dated months, or the reason there is none.
fn forecast(months: &[&DemandMonth]) -> Result<ForecastView, String> {
    let first = months.first().ok_or("no dated postings")?;
    let start: YearMonth = first.month.parse().map_err(|e| format!("{e}"))?;
    let values: Vec<f64> = months.iter().map(|m| m.unique_postings as f64).collect();
    let series = MonthlySeries::new(start, values).map_err(|e| e.to_string())?;
    let f = credence_series::forecast(&series, 12, 0.8).map_err(|e| e.to_string())?;
    Ok(ForecastView {
        level: f.level,
        method: f.method.clone(),
        n_train: f.n_train,
        points: f
            .points
            .iter()
            .map(|p| (p.month.to_string(), p.mean, p.lower, p.upper))
            .collect(),
    })
}

/// Forwards to a sink and reports progress.
struct ProgressSink<'a, S> {
    inner: S,
    progress: &'a dyn Progress,
    seen: u64,
}

impl<S: Sink> Sink for ProgressSink<'_, S> {
    fn posting(
        &mut self,
        a: &pipeline::Analyzed,
        duplicate_of: Option<&str>,
    ) -> Result<(), credence_demand::DemandError> {
        self.inner.posting(a, duplicate_of)
    }

    fn reject(&mut self, r: &Reject) -> Result<(), credence_demand::DemandError> {
        self.inner.reject(r)
    }

    fn progress(&mut self, postings: u64) {
        self.progress.advance(postings - self.seen);
        self.seen = postings;
    }
}
