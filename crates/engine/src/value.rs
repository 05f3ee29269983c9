//! Credentials of value as product operations: import a credential list, run a value framework
//! over it, report supply vs demand for a region and window, tier one credential, and value for
//! money. The `credence-value` crate owns the definitions; this file gathers the facts (registry
//! records, identity matches, demand counts, in-demand lists, OEWS wages, quality signals).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use credence_identity::{compare_profiles, Candidate, PairScore, Profile};
use credence_model::{CodeScheme, Diagnostic, Record, RecordClass};
use credence_quality::SignalStatus;
use credence_store::reference::{Wages, OEWS_SOURCE, OEWS_WINDOW};
use credence_store::{DemandWindow, KeyPostings, ValueListInfo, ValueListRow};
use credence_value::evidence::Fact;
use credence_value::list::{ListEntry, ListFieldMap, ValueList};
use credence_value::money::{value_for_money, Gain, GainEvidence, ValueForMoney};
use credence_value::supply::{supply_demand, Ask, EntryFacts, SupplyOptions, SupplyReport};
use credence_value::{
    evaluate, presets, CredentialEvidence, Figure, Framework, ReferenceFigures, TierResult,
    ValueError,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Engine, EngineError, DEMAND_SOURCE};

pub use credence_value as value_model;

/// Where a value report's list comes from.
#[derive(Debug, Clone)]
pub enum ValueListSource {
    /// A file read now.
    File {
        /// CSV or XLSX.
        path: PathBuf,
        /// Its layout.
        format: ValueListFormat,
    },
    /// A list imported earlier with `credence value import`, by name.
    Imported(String),
}

/// List layouts.
#[derive(Debug, Clone)]
pub enum ValueListFormat {
    /// New Jersey ETPL industry credentials (`TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv`).
    NjIndustry,
    /// Any CSV or XLSX with a field mapping.
    Mapped(ListFieldMap),
}

/// A baseline annual wage the user supplies (e.g. high-school graduates' median earnings).
#[derive(Debug, Clone, Serialize)]
pub struct Baseline {
    /// Dollars a year.
    pub annual: f64,
    /// Where the figure comes from.
    pub source: String,
}

/// What to report on.
#[derive(Debug, Clone)]
pub struct ValueRequest {
    /// The list.
    pub list: ValueListSource,
    /// Preset id or framework file.
    pub framework: String,
    /// Region key (`US-NJ`); `None` for all postings.
    pub region: Option<String>,
    /// First month `YYYY-MM`.
    pub from: Option<String>,
    /// Last month `YYYY-MM`.
    pub to: Option<String>,
    /// Only list rows of this year.
    pub year: Option<i32>,
    /// A state in-demand SOC list (CSV with a `SOC` column); default: the data directory's list
    /// for the region's state when there is one.
    pub in_demand: Option<PathBuf>,
    /// Small-cell threshold.
    pub min_cell: u64,
    /// High-school-graduate median earnings, when the user has the figure.
    pub hs_baseline: Option<Baseline>,
}

impl ValueRequest {
    /// A request with defaults: all regions and months, small cells under 10 suppressed.
    pub fn new(list: ValueListSource, framework: &str) -> ValueRequest {
        ValueRequest {
            list,
            framework: framework.to_string(),
            region: None,
            from: None,
            to: None,
            year: None,
            in_demand: None,
            min_cell: 10,
            hs_baseline: None,
        }
    }
}

/// A framework as listed by `credence value frameworks`.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Publisher.
    pub source: String,
    /// Where published.
    pub url: Option<String>,
    /// Edition.
    pub vintage: String,
    /// Implementation notes.
    pub notes: Option<String>,
    /// Criteria: id, label, threshold source.
    pub criteria: Vec<(String, String, String)>,
    /// Tier names, best first.
    pub tiers: Vec<String>,
}

impl FrameworkSummary {
    fn of(f: &Framework) -> FrameworkSummary {
        FrameworkSummary {
            id: f.id.clone(),
            name: f.name.clone(),
            source: f.source.clone(),
            url: f.url.clone(),
            vintage: f.vintage.clone(),
            notes: f.notes.clone(),
            criteria: f
                .criteria
                .iter()
                .map(|c| {
                    let src = match (&c.source, &c.vintage) {
                        (Some(s), Some(v)) => format!("{s} ({v})"),
                        _ => "combinator".into(),
                    };
                    (c.id.clone(), c.label.clone(), src)
                })
                .collect(),
            tiers: f.tiers.iter().map(|t| t.name.clone()).collect(),
        }
    }
}

/// The list part of a report.
#[derive(Debug, Clone, Serialize)]
pub struct ListSummary {
    /// Name.
    pub name: String,
    /// File.
    pub file: String,
    /// Entries kept.
    pub entries: usize,
    /// Rows not used, with reasons.
    pub rejected: Vec<(usize, String)>,
    /// Row-level findings.
    pub diagnostics: Vec<Diagnostic>,
    /// The main year, when years are mapped.
    pub main_year: Option<i32>,
    /// Total awards with a count.
    pub total_awards: Option<u64>,
}

/// The in-demand list used for alignment.
#[derive(Debug, Clone, Serialize)]
pub struct InDemandInfo {
    /// File read.
    pub file: String,
    /// SOC codes on it.
    pub socs: usize,
    /// Publisher.
    pub source: String,
}

/// A full value report: supply vs demand, tiers, methods and sources.
#[derive(Debug, Clone, Serialize)]
pub struct ValueReport {
    /// The list.
    pub list: ListSummary,
    /// The framework.
    pub framework: FrameworkSummary,
    /// Region asked for.
    pub region: Option<String>,
    /// First and last month of postings counted.
    pub window: (Option<String>, Option<String>),
    /// Distinct postings in the region and window (the demand sample).
    pub sample_postings: i64,
    /// In-demand list, when one was found.
    pub in_demand: Option<InDemandInfo>,
    /// Supply vs demand figures.
    pub supply: SupplyReport,
    /// Tier of each entry.
    pub tiers: Vec<TierResult>,
    /// Entries per tier (`insufficient evidence` included), in tier order.
    pub tier_counts: Vec<(String, usize)>,
    /// Entries not matched to the registry, for review.
    pub unmatched: Vec<EntryFacts>,
    /// Definitions of every figure.
    pub methods: Vec<(String, String)>,
    /// Sources of every figure.
    pub sources: Vec<String>,
}

/// One credential's value: tier under a framework, evidence and value for money.
#[derive(Debug, Clone, Serialize)]
pub struct TierView {
    /// The framework.
    pub framework: FrameworkSummary,
    /// Tier and per-criterion verdicts.
    pub result: TierResult,
    /// The evidence judged.
    pub evidence: CredentialEvidence,
    /// Value for money.
    pub money: ValueForMoney,
    /// Region of the demand figures.
    pub region: Option<String>,
}

/// The value section of a credential page: tier under every preset, value for money.
#[derive(Debug, Clone, Serialize)]
pub struct CredentialValueView {
    /// `(framework name, tier or "insufficient evidence", reason)` per preset.
    pub tiers: Vec<(String, String, String)>,
    /// Value for money.
    pub money: ValueForMoney,
    /// Demand figure used (all regions).
    pub postings: Option<Figure>,
}

/// Import outcome of a value list.
#[derive(Debug, Clone, Serialize)]
pub struct ValueListImport {
    /// Name stored under.
    pub name: String,
    /// Entries stored.
    pub entries: usize,
    /// Rows rejected with reasons.
    pub rejected: Vec<(usize, String)>,
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// The list name that always means the data directory's New Jersey industry-credential table.
pub const NJ_LIST_NAME: &str = "nj-industry";
/// Where that table sits in the data directory.
const NJ_LIST_FILE: &str = "nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv";

/// Source line of the New Jersey in-demand occupation list.
const NJ_IN_DEMAND_SOURCE: &str =
    "New Jersey Department of Labor, in-demand occupations list (via newjersey/dol-mcnj-main, MIT)";

fn value_error(e: ValueError) -> EngineError {
    match e {
        ValueError::Rejected { file, diagnostics } => EngineError::Rejected { file, diagnostics },
        ValueError::UnknownFramework(name) => EngineError::NotFound {
            what: "framework",
            id: name,
        },
        ValueError::Io { path, source } => EngineError::Io { path, source },
        other => EngineError::Invalid(other.to_string()),
    }
}

impl Engine {
    /// Shipped frameworks with their sources.
    pub fn value_frameworks(&self) -> Result<Vec<FrameworkSummary>, EngineError> {
        Ok(presets::all()
            .map_err(value_error)?
            .iter()
            .map(FrameworkSummary::of)
            .collect())
    }

    /// Reads and validates a framework (preset id or file path).
    pub fn value_framework(&self, name: &str) -> Result<Framework, EngineError> {
        presets::find(name).map_err(value_error)
    }

    /// Reads a list file (nothing stored).
    pub fn value_read_list(
        &self,
        path: &Path,
        format: &ValueListFormat,
        year: Option<i32>,
    ) -> Result<ValueList, EngineError> {
        let map = match format {
            ValueListFormat::NjIndustry => ListFieldMap::nj_industry(),
            ValueListFormat::Mapped(m) => m.clone(),
        };
        credence_value::list::read_list(path, &map, year).map_err(value_error)
    }

    /// Imports a list under a name (replacing an earlier one of that name) in one transaction.
    pub async fn value_import_list(
        &self,
        path: &Path,
        format: &ValueListFormat,
        name: Option<&str>,
    ) -> Result<ValueListImport, EngineError> {
        let mut list = self.value_read_list(path, format, None)?;
        if let Some(n) = name {
            list.name = n.to_string();
        }
        let bytes = std::fs::read(path).map_err(|e| EngineError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        let info = ValueListInfo {
            name: list.name.clone(),
            file: list.file.clone(),
            file_sha256: hex::encode(Sha256::digest(&bytes)),
            imported_at: chrono_now(),
            entries: list.entries.len() as i64,
            rejected: list.rejected.len() as i64,
        };
        let rows: Vec<ValueListRow> = list
            .entries
            .iter()
            .map(|e| ValueListRow {
                line: e.line as i64,
                list_id: e.list_id.clone(),
                name: e.name.clone(),
                issuer: e.issuer.clone(),
                awards: e.awards.map(|a| a as i64),
                year: e.year.map(i64::from),
                cluster: e.cluster.clone(),
                soc: e.soc.clone(),
            })
            .collect();
        self.store.replace_value_list(&info, &rows).await?;
        Ok(ValueListImport {
            name: list.name,
            entries: rows.len(),
            rejected: list.rejected,
            diagnostics: list.diagnostics,
        })
    }

    /// Names of imported lists.
    pub async fn value_lists(&self) -> Result<Vec<ValueListInfo>, EngineError> {
        Ok(self.store.value_lists().await?)
    }

    async fn load_value_list(&self, req: &ValueRequest) -> Result<(ValueList, bool), EngineError> {
        match &req.list {
            ValueListSource::File { path, format } => {
                let nj = matches!(format, ValueListFormat::NjIndustry);
                Ok((self.value_read_list(path, format, req.year)?, nj))
            }
            ValueListSource::Imported(name) => {
                let stored = self.store.value_list(name).await?;
                let (info, rows) = match stored {
                    Some(found) => found,
                    None if name == NJ_LIST_NAME => {
                        let path = self.data_dir.join(NJ_LIST_FILE);
                        return Ok((
                            self.value_read_list(&path, &ValueListFormat::NjIndustry, req.year)?,
                            true,
                        ));
                    }
                    None => {
                        return Err(EngineError::NotFound {
                            what: "imported list",
                            id: name.clone(),
                        })
                    }
                };
                let entries = rows
                    .into_iter()
                    .map(|r| ListEntry {
                        line: r.line as usize,
                        list_id: r.list_id,
                        name: r.name,
                        issuer: r.issuer,
                        awards: r.awards.map(|a| a as u64),
                        year: r.year.map(|y| y as i32),
                        cluster: r.cluster,
                        soc: r.soc,
                    })
                    .filter(|e| req.year.is_none() || e.year.is_none() || e.year == req.year)
                    .collect();
                let nj = info.file.ends_with("TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv");
                Ok((
                    ValueList {
                        name: info.name,
                        file: info.file,
                        entries,
                        rejected: Vec::new(),
                        diagnostics: Vec::new(),
                        main_year: None,
                    },
                    nj,
                ))
            }
        }
    }

    /// The supply-vs-demand report and tiers for a list under a framework.
    pub async fn value_report(&self, req: &ValueRequest) -> Result<ValueReport, EngineError> {
        let framework = self.value_framework(&req.framework)?;
        let (list, nj_ids) = self.load_value_list(req).await?;
        let ctx = self.value_context(req).await?;
        let records = self.store.all_records().await?;
        let credentials: Vec<&Record> = records
            .iter()
            .filter(|r| r.class == RecordClass::Credential)
            .collect();
        let registry = Matcher::new(
            credentials
                .iter()
                .map(|r| Candidate::from_record(r))
                .collect(),
        );
        let by_id: HashMap<&str, &Record> =
            credentials.iter().map(|r| (r.id.as_str(), *r)).collect();

        let mut facts = Vec::new();
        let mut results = Vec::new();
        let mut soc_titles: HashMap<String, String> = HashMap::new();
        for entry in &list.entries {
            // Registry match: the NJ table's own id first, else the identity resolver.
            let direct = nj_ids
                .then_some(entry.list_id.as_ref())
                .flatten()
                .map(|id| format!("nj-industry-{id}"))
                .filter(|id| by_id.contains_key(id.as_str()));
            let (record, confidence, reason) = match direct {
                Some(id) => (
                    by_id.get(id.as_str()).copied(),
                    Some(1.0),
                    "same id in the registry (nj-industry)".to_string(),
                ),
                None => {
                    let probe = Candidate {
                        id: format!("list-line-{}", entry.line),
                        name: entry.name.clone(),
                        issuer: entry.issuer.clone(),
                        alternate_names: Vec::new(),
                        is_license: false,
                    };
                    match registry.best(&probe) {
                        Some((i, s)) => (
                            by_id.get(registry.candidates[i].id.as_str()).copied(),
                            Some(s.confidence),
                            s.reason,
                        ),
                        None => (
                            None,
                            None,
                            "no registry record at or above the identity threshold".to_string(),
                        ),
                    }
                }
            };
            let (f, evidence) = self
                .entry_facts(entry, record, confidence, reason, &ctx, &mut soc_titles)
                .await?;
            let result = evaluate(&framework, &evidence, &ctx.reference);
            facts.push(f);
            results.push(result);
        }
        let asks: Vec<Ask> = ctx
            .key_totals
            .iter()
            .map(|k| Ask {
                key: k.key.clone(),
                name: k.name.clone(),
                kind: k.kind.clone(),
                postings: k.unique_postings.max(0) as u64,
            })
            .collect();
        let supply = supply_demand(
            facts,
            &asks,
            &SupplyOptions {
                min_cell: req.min_cell,
                ..SupplyOptions::default()
            },
        );
        let mut tier_counts: Vec<(String, usize)> = framework
            .tiers
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    results
                        .iter()
                        .filter(|r| r.tier.as_ref() == Some(&t.name))
                        .count(),
                )
            })
            .collect();
        tier_counts.push((
            "insufficient evidence".into(),
            results.iter().filter(|r| r.tier.is_none()).count(),
        ));
        let unmatched = supply
            .entries
            .iter()
            .filter(|e| e.matched_id.is_none())
            .cloned()
            .collect();
        let mut sources = vec![
            format!("Credential list: {} ({})", list.name, list.file),
            format!("Demand: {DEMAND_SOURCE}"),
            format!("Wages: {OEWS_SOURCE}, {OEWS_WINDOW}, national"),
            format!(
                "Framework: {} — {} ({})",
                framework.name, framework.source, framework.vintage
            ),
            "Registry matching: credence identity resolver (docs/identity.md)".to_string(),
        ];
        if let Some(d) = &ctx.in_demand {
            sources.push(format!("In-demand occupations: {} ({})", d.source, d.file));
        }
        Ok(ValueReport {
            list: ListSummary {
                name: list.name.clone(),
                file: list.file.clone(),
                entries: list.entries.len(),
                rejected: list.rejected.clone(),
                diagnostics: list.diagnostics.clone(),
                main_year: list.main_year,
                total_awards: list.has_awards().then(|| list.total_awards()),
            },
            framework: FrameworkSummary::of(&framework),
            region: req.region.clone(),
            window: ctx.window.clone(),
            sample_postings: ctx.sample,
            in_demand: ctx.in_demand.clone(),
            tier_counts,
            tiers: results,
            unmatched,
            methods: methods(),
            sources,
            supply,
        })
    }

    /// Evidence and value for money for one registry record judged on its own (not from a list).
    async fn record_evidence(
        &self,
        record: &Record,
        match_note: &str,
        ctx: &ValueContext,
    ) -> Result<(CredentialEvidence, ValueForMoney), EngineError> {
        let entry = ListEntry {
            line: 0,
            list_id: None,
            name: record.name.clone(),
            issuer: None,
            awards: None,
            year: None,
            cluster: None,
            soc: None,
        };
        let mut titles = HashMap::new();
        let (_, evidence) = self
            .entry_facts(
                &entry,
                Some(record),
                Some(1.0),
                match_note.to_string(),
                ctx,
                &mut titles,
            )
            .await?;
        let money = self.money_for(&evidence, ctx).await?;
        Ok((evidence, money))
    }

    /// One credential's tier under a framework, with evidence and value for money.
    pub async fn value_tier(
        &self,
        id: &str,
        framework: &str,
        region: Option<&str>,
        hs_baseline: Option<Baseline>,
    ) -> Result<TierView, EngineError> {
        let framework = self.value_framework(framework)?;
        let record = self.record(id).await?;
        let mut req = ValueRequest::new(ValueListSource::Imported(String::new()), &framework.id);
        req.region = region.map(str::to_string);
        req.hs_baseline = hs_baseline;
        let ctx = self.value_context(&req).await?;
        let (evidence, money) = self
            .record_evidence(&record, "the record itself", &ctx)
            .await?;
        Ok(TierView {
            framework: FrameworkSummary::of(&framework),
            result: evaluate(&framework, &evidence, &ctx.reference),
            evidence,
            money,
            region: region.map(str::to_string),
        })
    }

    /// The value section of a credential page: tiers under every preset and value for money.
    pub async fn value_credential(&self, id: &str) -> Result<CredentialValueView, EngineError> {
        let record = self.record(id).await?;
        let req = ValueRequest::new(
            ValueListSource::Imported(String::new()),
            "credentials-matter",
        );
        let ctx = self.value_context(&req).await?;
        let (evidence, money) = self.record_evidence(&record, "", &ctx).await?;
        let mut tiers = Vec::new();
        for fw in presets::all().map_err(value_error)? {
            let r = evaluate(&fw, &evidence, &ctx.reference);
            tiers.push((
                fw.name.clone(),
                r.tier
                    .clone()
                    .unwrap_or_else(|| "insufficient evidence".into()),
                r.reason.clone(),
            ));
        }
        Ok(CredentialValueView {
            tiers,
            money,
            postings: evidence.postings.clone(),
        })
    }

    /// Facts shared by every entry of a report.
    async fn value_context(&self, req: &ValueRequest) -> Result<ValueContext, EngineError> {
        let window = DemandWindow {
            region: req.region.clone(),
            from: req.from.clone(),
            to: req.to.clone(),
        };
        let key_totals = self.store.demand_by_key(&window, false).await?;
        let key_socs = self.store.demand_by_key(&window, true).await?;
        let (sample, first, last) = self.store.demand_sample(&window).await?;
        let catalog =
            credence_demand::Catalog::builtin().map_err(|e| EngineError::Invalid(e.to_string()))?;
        let mut demand_candidates = Vec::new();
        let mut catalog_socs: HashMap<String, Vec<String>> = HashMap::new();
        for e in catalog.entries() {
            let mut alt = e.aliases.clone();
            alt.extend(e.acronyms.iter().cloned());
            demand_candidates.push(Candidate {
                id: e.id.clone(),
                name: e.name.clone(),
                issuer: e.issuer.clone(),
                alternate_names: alt,
                is_license: e.kind == credence_model::MentionKind::License,
            });
            catalog_socs.insert(e.id.clone(), e.socs.clone());
        }
        for k in &key_totals {
            if catalog.get(&k.key).is_none() && k.kind != "unspecified" {
                demand_candidates.push(Candidate {
                    id: k.key.clone(),
                    name: k.name.clone(),
                    issuer: None,
                    alternate_names: Vec::new(),
                    is_license: k.kind == "license",
                });
            }
        }
        let (in_demand, in_demand_socs) = self.in_demand_list(req)?;
        let mut reference = ReferenceFigures::default();
        if let Some(all) = self.store.wages("00-0000").await? {
            for name in ["p10", "p25", "median", "p75", "p90"] {
                if let Some(v) = all.value(name) {
                    reference.national_wage_percentiles.insert(
                        name.to_string(),
                        Figure::new(
                            v,
                            all.employment.map(|e| e as u64),
                            &all.window,
                            &format!("{} ({}, all occupations)", all.source, all.area),
                        ),
                    );
                }
            }
        }
        if let Some(b) = &req.hs_baseline {
            let f = Figure::new(b.annual, None, "as supplied", &b.source)
                .with_note("supplied by the user (--hs-baseline)");
            reference.hs_graduate_median = Some(f.clone());
            reference.state_hs_graduate_median = Some(f);
        }
        let mut socs_by_key: HashMap<String, Vec<(String, i64)>> = HashMap::new();
        for k in key_socs {
            socs_by_key
                .entry(k.key.clone())
                .or_default()
                .push((k.soc, k.unique_postings));
        }
        Ok(ValueContext {
            totals: key_totals
                .iter()
                .map(|k| (k.key.clone(), k.unique_postings))
                .collect(),
            key_totals,
            socs_by_key,
            demand: Matcher::new(demand_candidates),
            catalog_socs,
            in_demand,
            in_demand_socs,
            reference,
            sample,
            window: (first, last),
            hs_baseline: req.hs_baseline.clone(),
            region: req.region.clone(),
        })
    }

    /// The in-demand SOC list: the one asked for, or the data directory's list for New Jersey.
    fn in_demand_list(
        &self,
        req: &ValueRequest,
    ) -> Result<(Option<InDemandInfo>, BTreeSet<String>), EngineError> {
        let state = req
            .region
            .as_deref()
            .and_then(|r| r.strip_prefix("US-"))
            .map(|s| s.get(..2).unwrap_or(s).to_string());
        let (path, source) = match (&req.in_demand, state.as_deref()) {
            (Some(p), _) => (p.clone(), format!("in-demand list {}", p.display())),
            (None, Some("NJ")) => (
                self.data_dir.join("nj_etpl/in_demand_socs.csv"),
                NJ_IN_DEMAND_SOURCE.to_string(),
            ),
            _ => return Ok((None, BTreeSet::new())),
        };
        let socs = read_soc_list(&path)?;
        Ok((
            Some(InDemandInfo {
                file: path.display().to_string(),
                socs: socs.len(),
                source,
            }),
            socs,
        ))
    }

    /// Facts and framework evidence of one list entry.
    async fn entry_facts(
        &self,
        entry: &ListEntry,
        record: Option<&Record>,
        confidence: Option<f64>,
        match_reason: String,
        ctx: &ValueContext,
        soc_titles: &mut HashMap<String, String>,
    ) -> Result<(EntryFacts, CredentialEvidence), EngineError> {
        // Demand keys: the record's own id, plus demand candidates the resolver calls the same.
        let mut keys: BTreeSet<String> = BTreeSet::new();
        let mut names = vec![(entry.name.clone(), entry.issuer.clone())];
        if let Some(r) = record {
            keys.insert(r.id.clone());
            if r.name != entry.name {
                names.push((r.name.clone(), credence_identity::issuer_of(r)));
            }
        }
        for (name, issuer) in &names {
            let probe = Candidate {
                id: "probe".into(),
                name: name.clone(),
                issuer: issuer.clone(),
                alternate_names: record
                    .map(|r| r.alternate_names.clone())
                    .unwrap_or_default(),
                is_license: record
                    .is_some_and(|r| r.classified && r.ctdl_type == "ceterms:License"),
            };
            for (i, _) in ctx.demand.all_same(&probe) {
                keys.insert(ctx.demand.candidates[i].id.clone());
            }
        }
        let keys: Vec<String> = keys.into_iter().collect();
        let postings: i64 = keys.iter().filter_map(|k| ctx.totals.get(k)).sum();
        // Linked occupations, most postings first.
        let mut soc_weight: BTreeMap<String, i64> = BTreeMap::new();
        for k in &keys {
            for (soc, n) in ctx.socs_by_key.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(code) = credence_taxonomy::parse_soc(soc) {
                    *soc_weight.entry(code.code).or_default() += n;
                }
            }
            for soc in ctx.catalog_socs.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(code) = credence_taxonomy::parse_soc(soc) {
                    soc_weight.entry(code.code).or_default();
                }
            }
        }
        if let Some(r) = record {
            for c in &r.codes {
                if matches!(c.scheme, CodeScheme::Soc2018 | CodeScheme::OnetSoc) {
                    if let Some(code) = credence_taxonomy::parse_soc(&c.code) {
                        soc_weight.entry(code.code).or_default();
                    }
                }
            }
        }
        if let Some(code) = entry.soc.as_deref().and_then(credence_taxonomy::parse_soc) {
            soc_weight.entry(code.code).or_default();
        }
        let mut socs: Vec<(String, i64)> = soc_weight.into_iter().collect();
        socs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let socs: Vec<String> = socs.into_iter().map(|(s, _)| s).collect();
        let in_demand_socs: Vec<String> = socs
            .iter()
            .filter(|s| ctx.in_demand_socs.contains(*s))
            .cloned()
            .collect();
        let cluster = match socs.first() {
            Some(s) => {
                let major = format!("{}-0000", &s[..2]);
                match soc_titles.get(&major) {
                    Some(t) => t.clone(),
                    None => {
                        let t = self
                            .store
                            .soc(&major)
                            .await?
                            .map(|e| e.title)
                            .unwrap_or_else(|| major.clone());
                        soc_titles.insert(major, t.clone());
                        t
                    }
                }
            }
            None => entry
                .cluster
                .clone()
                .unwrap_or_else(|| "No occupation link".to_string()),
        };
        let window = match &ctx.window {
            (Some(a), Some(b)) => format!("{a} … {b}"),
            _ => "no dated postings".to_string(),
        };
        let region = ctx.region.clone().unwrap_or_else(|| "all regions".into());
        let mut ev = CredentialEvidence {
            id: record
                .map(|r| r.id.clone())
                .unwrap_or_else(|| format!("line {}", entry.line)),
            name: entry.name.clone(),
            ..Default::default()
        };
        if let Some(r) = record {
            if let Some(view) = self.outcomes_for_record(r).await? {
                ev.outcomes = outcome_evidence(&view);
            }
        }
        ev.postings = Some(
            Figure::new(
                postings as f64,
                Some(ctx.sample.max(0) as u64),
                &window,
                DEMAND_SOURCE,
            )
            .with_note(&format!(
                "distinct postings in {region}; n is all distinct postings there"
            )),
        );
        if let Some(info) = &ctx.in_demand {
            let present = if socs.is_empty() {
                None
            } else {
                Some(!in_demand_socs.is_empty())
            };
            let detail = if socs.is_empty() {
                "no occupation link to check".to_string()
            } else if in_demand_socs.is_empty() {
                format!("linked occupations {} are not on the list", socs.join(", "))
            } else {
                format!(
                    "linked occupations on the list: {}",
                    in_demand_socs.join(", ")
                )
            };
            ev.in_demand.insert(
                "state".into(),
                Fact {
                    present,
                    detail,
                    source: info.source.clone(),
                },
            );
        }
        if let Some(main) = socs.first() {
            if let Some(w) = self.store.wages(main).await? {
                let (annual, hourly) = wage_figures(&w);
                ev.wage_annual = annual;
                ev.wage_hourly = hourly;
            }
        }
        if let Some(r) = record {
            quality_facts(r, &mut ev);
            let burden = credence_quality::renewal_burden(r);
            let src = r.provenance.source.clone();
            ev.cost_to_earn = burden
                .cost_to_earn
                .map(|c| Figure::new(c, None, "as published", &src));
            ev.renewal_per_year = burden
                .cost_per_year
                .map(|c| Figure::new(c, None, "as published", &src));
            let (hours, months) = durations(r);
            ev.clock_hours = hours.map(|h| Figure::new(h, None, "as published", &src));
            ev.months_to_earn = months.map(|m| Figure::new(m, None, "as published", &src));
            let money = self.money_for(&ev, ctx).await?;
            ev.payback_years = money.payback_years.clone();
        }
        let facts = EntryFacts {
            line: entry.line,
            name: entry.name.clone(),
            matched_id: record.map(|r| r.id.clone()),
            matched_name: record.map(|r| r.name.clone()),
            confidence,
            match_reason,
            awards: entry.awards,
            postings: postings.max(0) as u64,
            demand_keys: keys,
            socs,
            in_demand_socs,
            cluster,
        };
        Ok((facts, ev))
    }

    /// Value for money from the evidence: outcome gains when present, else the linked
    /// occupation's wage against a baseline (weaker evidence).
    async fn money_for(
        &self,
        ev: &CredentialEvidence,
        ctx: &ValueContext,
    ) -> Result<ValueForMoney, EngineError> {
        let gain = if let Some(g) = &ev.outcomes.annual_gain {
            Some(Gain {
                annual: g.clone(),
                evidence: GainEvidence::Outcomes,
                method: "outcome estimate of the annual earnings gain".into(),
            })
        } else {
            let baseline = match &ctx.hs_baseline {
                Some(b) => Some((b.annual, b.source.clone())),
                None => ctx
                    .reference
                    .national_wage_percentiles
                    .get("median")
                    .map(|f| (f.value, format!("{} median, {}", f.source, f.window))),
            };
            match (&ev.wage_annual, baseline) {
                (Some(w), Some((base, base_src))) => {
                    let (lo, hi) = w.interval.unwrap_or((w.value, w.value));
                    let mut f = Figure::new(
                        w.value - base,
                        w.n,
                        &w.window,
                        &format!("{} minus baseline ({base_src})", w.source),
                    )
                    .with_interval(lo - base, hi - base);
                    f.note = Some("weaker evidence: linked occupation's median wage minus a baseline; interval from its 25th and 75th percentiles".into());
                    Some(Gain {
                        annual: f,
                        evidence: GainEvidence::OccupationWages,
                        method: format!(
                            "OEWS median of the main linked occupation minus ${:.0} ({base_src})",
                            base
                        ),
                    })
                }
                _ => None,
            }
        };
        Ok(value_for_money(
            ev.cost_to_earn.clone(),
            ev.renewal_per_year.clone(),
            ev.months_to_earn.clone(),
            gain,
        ))
    }
}

/// Shared facts for every entry of one report.
struct ValueContext {
    key_totals: Vec<KeyPostings>,
    totals: HashMap<String, i64>,
    socs_by_key: HashMap<String, Vec<(String, i64)>>,
    demand: Matcher,
    catalog_socs: HashMap<String, Vec<String>>,
    in_demand: Option<InDemandInfo>,
    in_demand_socs: BTreeSet<String>,
    reference: ReferenceFigures,
    sample: i64,
    window: (Option<String>, Option<String>),
    hs_baseline: Option<Baseline>,
    region: Option<String>,
}

/// Identity matching with token blocking: only candidates sharing a normalized token or an
/// acronym are scored with the resolver's pairwise rules.
struct Matcher {
    candidates: Vec<Candidate>,
    /// One prepared profile per candidate, built once (a 1,118-row catalog times a list of
    /// 1,758 names is too many name normalizations to repeat per pair).
    profiles: Vec<Profile>,
    index: HashMap<String, Vec<usize>>,
}

impl Matcher {
    fn new(candidates: Vec<Candidate>) -> Matcher {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in candidates.iter().enumerate() {
            let mut keys = BTreeSet::new();
            for name in std::iter::once(&c.name).chain(c.alternate_names.iter()) {
                keys.extend(block_keys(name));
            }
            for k in keys {
                index.entry(k).or_default().push(i);
            }
        }
        let profiles = candidates.iter().map(Profile::new).collect();
        Matcher {
            candidates,
            profiles,
            index,
        }
    }

    fn scored(&self, probe: &Candidate) -> Vec<(usize, PairScore)> {
        let mut seen = BTreeSet::new();
        for k in block_keys(&probe.name) {
            if let Some(list) = self.index.get(&k) {
                // Very common tokens ("certified") block nothing useful; skip them.
                if list.len() > 400 {
                    continue;
                }
                seen.extend(list.iter().copied());
            }
        }
        let probe = Profile::new(probe);
        seen.into_iter()
            .map(|i| (i, compare_profiles(&probe, &self.profiles[i])))
            .filter(|(_, s)| s.same)
            .collect()
    }

    fn best(&self, probe: &Candidate) -> Option<(usize, PairScore)> {
        self.scored(probe).into_iter().max_by(|a, b| {
            a.1.confidence
                .total_cmp(&b.1.confidence)
                .then_with(|| b.0.cmp(&a.0))
        })
    }

    fn all_same(&self, probe: &Candidate) -> Vec<(usize, PairScore)> {
        self.scored(probe)
    }
}

fn block_keys(name: &str) -> Vec<String> {
    let n = credence_identity::normalize_name(name);
    let mut keys: Vec<String> = n.tokens.iter().map(|t| format!("t:{t}")).collect();
    keys.extend(n.acronyms.iter().map(|a| format!("a:{a}")));
    keys.extend(n.initials.iter().map(|a| format!("a:{a}")));
    if n.is_acronym {
        keys.extend(n.tokens.iter().map(|t| format!("a:{t}")));
    }
    keys
}

/// Reads a SOC list (CSV with a `SOC` column, else the first column) into 6-digit codes.
fn read_soc_list(path: &Path) -> Result<BTreeSet<String>, EngineError> {
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| EngineError::Invalid(format!("{}: {e}", path.display())))?;
    let headers = reader
        .headers()
        .map_err(|e| EngineError::Invalid(format!("{}: {e}", path.display())))?
        .clone();
    let col = headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("soc"))
        .unwrap_or(0);
    let mut out = BTreeSet::new();
    for rec in reader.records().flatten() {
        if let Some(code) = rec.get(col).and_then(credence_taxonomy::parse_soc) {
            out.insert(code.code);
        }
    }
    Ok(out)
}

/// Annual median (interval p25–p75) and hourly median of an occupation.
fn wage_figures(w: &Wages) -> (Option<Figure>, Option<Figure>) {
    let src = format!("{} ({}, SOC {} {})", w.source, w.area, w.soc, w.title);
    let n = w.employment.map(|e| e as u64);
    let annual = w.median.map(|m| {
        let mut f = Figure::new(m, n, &w.window, &src);
        if let (Some(lo), Some(hi)) = (w.p25, w.p75) {
            f = f.with_interval(lo, hi);
        }
        let mut note =
            "n is the OEWS employment estimate; interval is the 25th–75th percentile".to_string();
        if !w.top_coded.is_empty() {
            note.push_str(&format!("; top-coded: {}", w.top_coded.join(", ")));
        }
        f.with_note(&note)
    });
    let hourly = w.hourly_median.map(|h| Figure::new(h, n, &w.window, &src));
    (annual, hourly)
}

/// Quality facts from the quality crate's signals.
fn quality_facts(r: &Record, ev: &mut CredentialEvidence) {
    let s = credence_quality::signals(r);
    let src = r.provenance.source.clone();
    let fact = |sig: &credence_quality::Signal, what: &str| Fact {
        present: match sig.status {
            SignalStatus::Present => Some(true),
            SignalStatus::Absent => Some(false),
            SignalStatus::Unknown => None,
        },
        detail: match sig.status {
            SignalStatus::Present => {
                format!("{what} found ({} piece(s) of evidence)", sig.evidence.len())
            }
            SignalStatus::Absent => format!("the record publishes no {what}"),
            SignalStatus::Unknown => format!("the source cannot state {what}"),
        },
        source: src.clone(),
    };
    ev.quality.insert(
        "accreditation".into(),
        fact(&s.accreditation, "accreditation"),
    );
    ev.quality.insert(
        "independent_assessment".into(),
        fact(&s.independent_assessment, "an independent assessment"),
    );
    ev.quality.insert(
        "time_limited".into(),
        fact(&s.renewal, "renewal rules (time-limited)"),
    );
    ev.quality.insert(
        "articulated_credit".into(),
        fact(&s.credit_recommendation, "credit recommendations"),
    );
    ev.quality
        .insert("regulated".into(), fact(&s.regulation, "a regulator"));
    // Industry standard: accreditation of the certification body or recognition by an industry body.
    let industry = match (s.accreditation.status, s.recognition.status) {
        (SignalStatus::Present, _) | (_, SignalStatus::Present) => Some(true),
        (SignalStatus::Absent, SignalStatus::Absent) => Some(false),
        _ => None,
    };
    ev.quality.insert(
        "industry_standard".into(),
        Fact {
            present: industry,
            detail: "read as accreditation (ISO/IEC 17024, NCCA, ANAB) or recognition by an industry body".into(),
            source: src.clone(),
        },
    );
    ev.quality.insert(
        "stackable".into(),
        Fact {
            present: None,
            detail: "needs pathway links (not yet in credence)".into(),
            source: src,
        },
    );
}

/// Clock hours and months from ISO 8601 durations (`PT40H`, `P6M`, `P1Y`), when published.
fn durations(r: &Record) -> (Option<f64>, Option<f64>) {
    let mut hours = None;
    let mut months = None;
    for d in &r.durations {
        let Some(iso) = d.iso8601.as_deref() else {
            continue;
        };
        let Some(rest) = iso.strip_prefix('P') else {
            continue;
        };
        let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
        let mut m = 0.0;
        let mut num = String::new();
        for ch in date.chars() {
            match ch {
                '0'..='9' | '.' => num.push(ch),
                'Y' => {
                    m += num.parse::<f64>().unwrap_or(0.0) * 12.0;
                    num.clear();
                }
                'M' => {
                    m += num.parse::<f64>().unwrap_or(0.0);
                    num.clear();
                }
                'W' => {
                    m += num.parse::<f64>().unwrap_or(0.0) * 7.0 / 30.44;
                    num.clear();
                }
                'D' => {
                    m += num.parse::<f64>().unwrap_or(0.0) / 30.44;
                    num.clear();
                }
                _ => num.clear(),
            }
        }
        if m > 0.0 {
            months = Some(m);
        }
        num.clear();
        let mut h = 0.0;
        for ch in time.chars() {
            match ch {
                '0'..='9' | '.' => num.push(ch),
                'H' => {
                    h += num.parse::<f64>().unwrap_or(0.0);
                    num.clear();
                }
                'M' => {
                    h += num.parse::<f64>().unwrap_or(0.0) / 60.0;
                    num.clear();
                }
                _ => num.clear(),
            }
        }
        if h > 0.0 {
            hours = Some(h);
        }
    }
    (hours, months)
}

/// Definitions shown in every report's methods section.
fn methods() -> Vec<(String, String)> {
    use credence_value::supply::definitions as d;
    vec![
        ("Share requested".into(), d::REQUESTED.into()),
        ("Share of awards requested".into(), d::AWARDS_REQUESTED.into()),
        ("Share aligned".into(), d::ALIGNED.into()),
        ("Share of awards aligned".into(), d::AWARDS_ALIGNED.into()),
        ("Awards-weighted mismatch".into(), d::MISMATCH.into()),
        ("Matching".into(), "each list entry is matched to the registry by its own id where the list is the registry's source, else by the identity resolver (same credential at confidence ≥ 0.85, with rule and scores shown); entries below the threshold are listed for review and count as not requested and not aligned unless their own name matches demand".into()),
        ("Demand".into(), "distinct job postings (duplicates removed) in the region and months given, counted by `credence demand ingest`; a credential's demand keys are its registry id plus every demand-catalog or posting name the identity resolver calls the same credential".into()),
        ("Intervals".into(), "Wilson score 95% intervals for shares; wages show the OEWS 25th–75th percentile range".into()),
        ("Small cells".into(), "shares whose denominator is below the small-cell threshold are suppressed, never shown".into()),
        ("Career cluster".into(), "SOC 2018 major group of the credential's main linked occupation (most postings, else the first linked code)".into()),
        ("Tiers".into(), "the first tier whose required criteria all pass; when a required criterion lacks evidence and none fails, the tier is left undecided and the missing figure named".into()),
    ]
}

fn chrono_now() -> String {
    chrono::Utc::now().to_rfc3339()
}

/// Computed outcomes as value evidence: overall, unsuppressed figures only, each with its n,
/// exit window, run and interval; the quarterly DiD gain becomes an annual gain (× 4).
fn outcome_evidence(view: &crate::outcomes::OutcomesView) -> credence_value::OutcomeEvidence {
    let window = view
        .exit_window
        .as_ref()
        .map(|(a, b)| format!("exits {a} … {b}"))
        .unwrap_or_else(|| "exit window unknown".into());
    let source = format!("{} (run {})", view.source, view.run.run_id);
    let figure = |metric: &str, scale: f64| -> Option<Figure> {
        let c = view.overall(metric)?;
        let value = c.value?;
        let mut f = Figure::new(
            value * scale,
            c.n.map(|n| n.max(0) as u64),
            &window,
            &source,
        );
        if let (Some(lo), Some(hi)) = (c.lower, c.upper) {
            f = f.with_interval(lo * scale, hi * scale);
        }
        Some(f)
    };
    credence_value::OutcomeEvidence {
        employment_q2: figure("employment_q2", 1.0),
        employment_q4: figure("employment_q4", 1.0),
        earnings_q2: figure("median_earnings_q2", 1.0),
        annual_gain: figure("gain_did", 4.0).map(|f| {
            f.with_note("difference-in-differences against matched non-holders, quarterly gain × 4")
        }),
        ..Default::default()
    }
}
