//! The façade every edge (CLI, API, web) calls: product operations in product vocabulary.
//!
//! `Engine` composes the domain crates — `registry` (CTDL and state lists), `taxonomy`
//! (reference classifications), `search` (the index) and `store` (persistence) — and returns plain
//! view structs. It knows nothing of HTTP, HTML or command lines.

#![deny(missing_docs)]

mod bench;
mod classification;
mod compare;
mod demand;
mod error;
mod history;
mod identity;
mod import;
mod linkage;
mod outcomes;
mod pages;
mod pathways;
mod progress;
mod quality;
mod setup;
mod value;
mod views;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use credence_model::{CodeScheme, Record, RecordClass};
use credence_registry::Vocabulary;
use credence_search::{SearchDoc, SearchIndex, SearchQuery, SearchResults};
use credence_store::Store;

pub use bench::BenchReport;
pub use classification::{type_call, TypeCall};
pub use compare::{comparison_table, ComparisonRow};
pub use credence_classify as classify;
pub use credence_demand::ingest::{FieldMap, Format as PostingFormat, Limits};
pub use credence_demand::pipeline::{RunOptions, Summary as DemandSummary};
pub use credence_demand::score as demand_score;
pub use credence_model::PostingMentions;
pub use credence_outcomes::published::PublishedOutcome;
pub use credence_outcomes::query::{
    QueryEngine as OutcomeQueryEngine, QueryRow as OutcomeQueryRow, OUTCOME_SQL,
};
pub use credence_outcomes::synth::{SynthConfig as OutcomesSynthConfig, Truth as OutcomesTruth};
pub use credence_outcomes::MetricCell;
pub use credence_outcomes::Reject as OutcomesReject;
pub use credence_pathways as path;
pub use credence_quality as quality_signals;
pub use credence_registry::ListMapping;
pub use credence_search as search;
pub use credence_store::{DemandMonth, DemandRow, Ranked};
pub use credence_taxonomy::{format_wage, thousands};
pub use demand::{DemandView, FileOutcome, ForecastView, IngestReport, DEMAND_SOURCE, MIN_CELL};
pub use error::{EngineError, ErrorKind};
pub use history::{FieldChange, HistoryEntry};
pub use identity::SameAsView;
pub use import::{FileImport, ImportOptions, ListFormat};
pub use linkage::{EncodeReport, EncodeRequest, LinkFileSummary, LinkReport, LinkRequest};
pub use outcomes::{
    ComputeReport, ComputeRequest, ComputedCredential, OutcomeGroup, OutcomeTable, OutcomesView,
    PublishedImportReport, OUTCOMES_KEY_ENV, OUTCOMES_SOURCE, OUTCOME_DIMENSIONS,
};
pub use pages::ONET_ATTRIBUTION;
pub use pathways::{
    map_around, today, CreditImport, EligibilityView, GraphSummary, MapEdge, MapNode, PathwayMap,
};
pub use progress::{NoProgress, Progress};
pub use quality::QualityView;
pub use setup::{InitReport, Status};
pub use value::{
    value_model, Baseline, CredentialValueView, FrameworkSummary, InDemandInfo, ListSummary,
    TierView, ValueListFormat, ValueListImport, ValueListSource, ValueReport, ValueRequest,
};
pub use views::*;

/// Where the CTDL vocabulary sits inside the data directory.
const VOCABULARY_GLOB_DIR: &str = "ctdl";
const VOCABULARY_PREFIX: &str = "ctdl_schema_encoding_";

/// Settings an engine is opened with; the edges fill it from flags and environment.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// `sqlite://…`, a file path, or `postgres://…`.
    pub db_url: String,
    /// The public reference data directory (`--data` / `CREDENCE_DATA`).
    pub data_dir: PathBuf,
    /// Reviewable same/different decisions for identity resolution (`--overrides`), if any.
    pub overrides: Option<PathBuf>,
}

/// The running system: store, vocabulary and search index.
pub struct Engine {
    store: Store,
    data_dir: PathBuf,
    vocab: Option<Arc<Vocabulary>>,
    index: RwLock<Arc<SearchIndex>>,
    overrides: credence_identity::Overrides,
    identity: RwLock<Arc<credence_identity::Resolution>>,
    demand: std::sync::OnceLock<Arc<credence_demand::pipeline::Analyzer>>,
}

impl Engine {
    /// Opens the store (migrating it), reads the vocabulary when present and builds the index.
    pub async fn open(config: &EngineConfig) -> Result<Engine, EngineError> {
        let store = Store::open(&config.db_url).await?;
        let vocab = match find_vocabulary(&config.data_dir) {
            Some(path) => Some(Arc::new(Vocabulary::load(&path)?)),
            None => None,
        };
        let (overrides, findings) = identity::load_overrides(config.overrides.as_deref())?;
        if findings
            .iter()
            .any(|d| d.severity == credence_model::Severity::Error)
        {
            return Err(EngineError::Rejected {
                file: config
                    .overrides
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                diagnostics: findings,
            });
        }
        let engine = Engine {
            store,
            data_dir: config.data_dir.clone(),
            vocab,
            index: RwLock::new(Arc::new(SearchIndex::build(Vec::new())?)),
            overrides,
            identity: RwLock::new(Arc::default()),
            demand: std::sync::OnceLock::new(),
        };
        engine.rebuild_index().await?;
        Ok(engine)
    }

    /// The store, for edges that report on it (health checks).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The data directory in use.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The CTDL vocabulary, required for CTDL import.
    pub fn vocabulary(&self) -> Result<&Vocabulary, EngineError> {
        self.vocab
            .as_deref()
            .ok_or_else(|| EngineError::MissingData {
                file: format!("{VOCABULARY_GLOB_DIR}/{VOCABULARY_PREFIX}<date>.json"),
                url: "https://credreg.net/ctdl/schema/encoding/json".into(),
            })
    }

    /// Re-reads every record from the store into a fresh search index.
    pub async fn rebuild_index(&self) -> Result<usize, EngineError> {
        let records = self.store.all_records().await?;
        let docs: Vec<SearchDoc> = records
            .iter()
            .map(|r| self.search_doc(r, &records))
            .collect();
        let index = SearchIndex::build(docs)?;
        let n = index.len();
        if let Ok(mut slot) = self.index.write() {
            *slot = Arc::new(index);
        }
        let resolution = identity::resolve_credentials(&records, &self.overrides);
        if let Ok(mut slot) = self.identity.write() {
            *slot = Arc::new(resolution);
        }
        Ok(n)
    }

    /// Full-text, faceted search.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, EngineError> {
        let index = self
            .index
            .read()
            .map(|g| Arc::clone(&g))
            .map_err(|_| EngineError::Internal("search index lock poisoned".into()))?;
        Ok(index.search(query)?)
    }

    /// Human label for a record's type ("Certification"), or "Unclassified" when unknown.
    pub fn type_label(&self, record: &Record) -> String {
        if !record.classified {
            return "Unclassified".into();
        }
        let compact = record.ctdl_type.as_str();
        self.vocab
            .as_ref()
            .and_then(|v| v.label(compact))
            .map(str::to_string)
            .unwrap_or_else(|| compact.trim_start_matches("ceterms:").to_string())
    }

    fn search_doc(&self, r: &Record, all: &[Record]) -> SearchDoc {
        let mut soc = Vec::new();
        for c in &r.codes {
            if !matches!(c.scheme, CodeScheme::Soc2018 | CodeScheme::OnetSoc) {
                continue;
            }
            if let Some(code) = credence_taxonomy::parse_soc(&c.code) {
                for value in [code.major_group(), code.code] {
                    if !soc.contains(&value) {
                        soc.push(value);
                    }
                }
            }
        }
        let cip = r
            .codes_in(CodeScheme::Cip2020)
            .flat_map(|c| [c.code.clone(), c.code.chars().take(2).collect()])
            .collect();
        SearchDoc {
            id: r.id.clone(),
            name: r.name.clone(),
            alternate_names: r.alternate_names.clone(),
            description: r.description.clone().unwrap_or_default(),
            issuers: issuer_names(r, all),
            keywords: r.keywords.clone(),
            type_label: self.type_label(r),
            class: r.class.as_str().to_string(),
            soc,
            cip,
            states: r.jurisdictions.clone(),
            active: r.lifecycle != credence_model::Lifecycle::Retired,
        }
    }
}

/// Names of the owners/offerers/issuers of a record, resolved through organization records.
fn issuer_names(r: &Record, all: &[Record]) -> Vec<String> {
    const ROLES: [&str; 5] = [
        "ceterms:ownedBy",
        "ceterms:owner",
        "ceterms:offeredBy",
        "nj:issuer",
        "ceterms:regulatedBy",
    ];
    let mut out: Vec<String> = Vec::new();
    for a in r.agents.iter().filter(|a| ROLES.contains(&a.role.as_str())) {
        let name = a.name.clone().or_else(|| {
            a.id.as_deref()
                .and_then(|id| find_org(all, id))
                .map(|o| o.name.clone())
        });
        let name = name.unwrap_or_else(|| match a.id.as_deref() {
            Some(id) if id.starts_with("nj-issuer-") => {
                format!("NJ issuer #{}", id.trim_start_matches("nj-issuer-"))
            }
            _ => "Unnamed organization".into(),
        });
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Finds the organization record an agent reference points to (by id, CTID or URI ending).
fn find_org<'a>(all: &'a [Record], reference: &str) -> Option<&'a Record> {
    let key = record_key(reference);
    all.iter()
        .find(|o| o.class == RecordClass::Organization && (o.id == reference || o.id == key))
}

/// The store key a reference most likely names: its canonical CTID when it holds one (any
/// spelling, or the end of a registry URI), else the reference itself.
fn record_key(reference: &str) -> String {
    credence_model::Ctid::normalize(reference)
        .map(|(c, _)| c.to_string())
        .unwrap_or_else(|_| reference.to_string())
}

fn find_vocabulary(data_dir: &Path) -> Option<PathBuf> {
    let dir = data_dir.join(VOCABULARY_GLOB_DIR);
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(VOCABULARY_PREFIX) && n.ends_with(".json"))
        })
        .collect();
    candidates.sort();
    candidates.pop()
}
