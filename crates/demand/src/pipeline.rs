//! The demand pipeline: read → analyze in parallel → de-duplicate → aggregate, in input order.
//!
//! A reader thread streams batches through a bounded channel (so memory stays bounded whatever
//! the file size); each batch is analyzed on all cores with rayon (mentions, occupation,
//! location, month, fingerprint) and then folded in input order into the de-duplicator and the
//! aggregates, so results are the same on one core or many.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;
use std::time::Instant;

use credence_geo::Gazetteer;
use credence_model::{Level, Mention, MentionKind, PostingMentions};
use credence_taxonomy::TitleCoder;
use indexmap::IndexSet;
use rayon::prelude::*;
use serde::Serialize;

use crate::dedup::{month_number, Deduper, Fingerprint, Remembered, Seen, EARLIER_INGEST};
use crate::ingest::{self, FieldMap, Format, Item, Limits, RawPosting, Reject};
use crate::{DemandError, Extractor};

/// Everything the analysis of one posting needs, shared read-only across threads.
pub struct Analyzer {
    /// Finds mentions.
    pub extractor: Extractor,
    /// Codes titles to SOC when the source gives none.
    pub titles: Option<TitleCoder>,
    /// Resolves free-text locations.
    pub geo: Option<Gazetteer>,
}

/// One posting after analysis.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// The posting as read.
    pub raw: RawPosting,
    /// `YYYY-MM`, when the date could be read.
    pub month: Option<String>,
    /// SOC 2018 code, given or coded from the title.
    pub soc: Option<String>,
    /// Confidence of the SOC (1.0 when the source gave it).
    pub soc_confidence: f32,
    /// Region key: `US-CO`, `GB-ENG`, a country code, or `unknown`.
    pub region: String,
    /// Every mention found.
    pub mentions: Vec<Mention>,
    /// Near-duplicate fingerprint.
    pub fingerprint: Fingerprint,
}

impl Analyzer {
    /// Analyzes one posting; never fails (unknown fields stay unknown).
    pub fn analyze(&self, raw: RawPosting) -> Analyzed {
        self.analyze_with(raw, None)
    }

    /// [`Analyzer::analyze`] with memos of title codes and regions (both repeat heavily).
    fn analyze_with(&self, raw: RawPosting, memos: Option<&Memos>) -> Analyzed {
        let title = (!raw.title.is_empty()).then_some(raw.title.as_str());
        let mentions = self.extractor.extract(&raw.text, title);
        let (soc, soc_confidence) = match memos {
            Some(m) if credence_taxonomy::parse_soc(raw.soc.trim()).is_none() => {
                m.titles.get_or(&raw.title, || self.occupation(&raw))
            }
            _ => self.occupation(&raw),
        };
        let region = match memos {
            Some(m) => m
                .regions
                .get_or(&raw.location, || self.region(&raw.location)),
            None => self.region(&raw.location),
        };
        let month = month_of(&raw.date);
        let fingerprint = Fingerprint::of(&raw.text);
        Analyzed {
            raw,
            month,
            soc,
            soc_confidence,
            region,
            mentions,
            fingerprint,
        }
    }

    fn occupation(&self, raw: &RawPosting) -> (Option<String>, f32) {
        if let Some(code) = credence_taxonomy::parse_soc(raw.soc.trim()) {
            return (Some(code.code), 1.0);
        }
        match (&self.titles, raw.title.is_empty()) {
            (Some(coder), false) => coder
                .code(&raw.title)
                .map_or((None, 0.0), |m| (Some(m.soc), m.confidence)),
            _ => (None, 0.0),
        }
    }

    fn region(&self, location: &str) -> String {
        let Some(geo) = &self.geo else {
            return UNKNOWN.into();
        };
        if location.trim().is_empty() {
            return UNKNOWN.into();
        }
        let r = geo.resolve(location);
        match (r.country.as_deref(), r.state.as_deref()) {
            (Some(c), Some(s)) => format!("{c}-{s}"),
            (Some(c), None) => c.to_string(),
            _ => UNKNOWN.into(),
        }
    }
}

/// The memos of one run: title → SOC and location → region.
struct Memos {
    titles: Memo<Coded>,
    regions: Memo<String>,
}

impl Memos {
    fn new() -> Self {
        Memos {
            titles: Memo::new(),
            regions: Memo::new(),
        }
    }
}

/// Results by input string for one run, one map per worker thread (so no lock is ever
/// contended), each cleared when it reaches [`Memo::CAP`] keys so memory stays bounded.
struct Memo<V> {
    maps: Vec<Mutex<HashMap<String, V>>>,
}

/// A title's SOC (if any) and its confidence.
type Coded = (Option<String>, f32);

impl<V: Clone> Memo<V> {
    /// Distinct keys remembered per worker before its map starts over.
    const CAP: usize = 50_000;

    fn new() -> Self {
        let n = rayon::current_num_threads() + 1;
        Memo {
            maps: (0..n).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }

    /// The remembered value for `title`, else `code()`'s, remembered.
    fn get_or(&self, title: &str, code: impl FnOnce() -> V) -> V {
        let slot = rayon::current_thread_index()
            .map_or(self.maps.len() - 1, |i| i.min(self.maps.len() - 1));
        let mut map = self.maps[slot].lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = map.get(title) {
            return hit.clone();
        }
        let coded = code();
        if map.len() >= Self::CAP {
            map.clear();
        }
        map.insert(title.to_string(), coded.clone());
        coded
    }
}

/// The region key for postings whose location could not be resolved.
pub const UNKNOWN: &str = "unknown";

/// Reads `YYYY-MM` out of the common date shapes; `None` rather than a guess.
pub fn month_of(date: &str) -> Option<String> {
    let d = date.trim();
    if d.is_empty() {
        return None;
    }
    let head: String = d.chars().take(10).collect();
    if let Ok(x) = chrono::NaiveDate::parse_from_str(&head, "%Y-%m-%d") {
        return Some(x.format("%Y-%m").to_string());
    }
    for f in [
        "%m/%d/%Y",
        "%d %b %Y",
        "%d %B %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%Y/%m/%d",
        "%d.%m.%Y",
    ] {
        if let Ok(x) = chrono::NaiveDate::parse_from_str(d, f) {
            return Some(x.format("%Y-%m").to_string());
        }
    }
    if let Ok(x) = chrono::DateTime::parse_from_rfc2822(d) {
        return Some(x.format("%Y-%m").to_string());
    }
    // "2025-07" on its own.
    let ym = format!("{head}-01");
    chrono::NaiveDate::parse_from_str(&ym, "%Y-%m-%d")
        .ok()
        .filter(|_| head.len() == 7)
        .map(|x| x.format("%Y-%m").to_string())
}

/// Counts for one credential × SOC × region × month cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Postings naming the credential, duplicates included.
    pub postings: u64,
    /// Distinct postings naming it (duplicates removed).
    pub unique: u64,
    /// Distinct postings where it is required (or required with "or equivalent").
    pub required: u64,
    /// Distinct postings where it is preferred.
    pub preferred: u64,
    /// Distinct postings where it may be obtained after hire.
    pub after_hire: u64,
}

/// Strings of the aggregate keys, each stored once: a million postings share a few thousand
/// credentials, SOCs, regions, months and employers, so keys hold indices, not copies.
#[derive(Debug, Default)]
struct Names(IndexSet<Box<str>>);

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        let index = match self.0.get_index_of(name) {
            Some(i) => i,
            None => self.0.insert_full(name.into()).0,
        };
        index as u32
    }

    fn lookup(&self, name: &str) -> Option<u32> {
        self.0.get_index_of(name).map(|i| i as u32)
    }

    fn name(&self, id: u32) -> &str {
        &self.0[id as usize]
    }

    fn names<const N: usize>(&self, ids: &[u32; N]) -> [&str; N] {
        ids.map(|id| self.name(id))
    }
}

/// Everything a run adds to the demand tables. Keys are read and written as strings; inside,
/// they are interned (see `Names`), which keeps a national corpus's cells small.
#[derive(Debug, Default)]
pub struct Aggregates {
    names: Names,
    /// Per credential × SOC × region × month.
    cells: HashMap<[u32; 4], Cell>,
    /// Distinct postings per SOC × region × month: the denominator of "share of postings".
    occupation: HashMap<[u32; 3], u64>,
    /// Distinct postings per credential × employer.
    employers: HashMap<[u32; 2], u64>,
    /// Display name and kind per credential key.
    pub credentials: HashMap<String, (String, MentionKind)>,
}

impl Aggregates {
    /// Adds one analyzed posting; `duplicate` postings count only in `postings`.
    pub fn add(&mut self, a: &Analyzed, duplicate: bool) {
        let soc = self.names.id(a.soc.as_deref().unwrap_or(UNKNOWN));
        let region = self.names.id(&a.region);
        let month = self.names.id(a.month.as_deref().unwrap_or(UNKNOWN));
        if !duplicate {
            *self.occupation.entry([soc, region, month]).or_default() += 1;
        }
        // The firmest level per credential: postings name few, so a list beats a map.
        let mut best: Vec<(u32, Level)> = Vec::new();
        for m in &a.mentions {
            let key = credential_key(m);
            let id = self.names.id(&key);
            self.credentials
                .entry(key)
                .or_insert_with(|| (m.credential.clone(), m.kind));
            match best.iter_mut().find(|(k, _)| *k == id) {
                Some((_, level)) if rank(m.level) < rank(*level) => *level = m.level,
                Some(_) => {}
                None => best.push((id, m.level)),
            }
        }
        // Only employers of distinct postings that name a credential are counted, so only they
        // are interned.
        let employer = a.raw.employer.trim();
        let employer = (!duplicate && !best.is_empty() && !employer.is_empty())
            .then(|| self.names.id(employer));
        for (key, level) in best {
            let cell = self.cells.entry([key, soc, region, month]).or_default();
            cell.postings += 1;
            if duplicate {
                continue;
            }
            cell.unique += 1;
            match level {
                Level::Required | Level::OrEquivalent => cell.required += 1,
                Level::Preferred => cell.preferred += 1,
                Level::AfterHire => cell.after_hire += 1,
                Level::Unclear => {}
            }
            if let Some(employer) = employer {
                *self.employers.entry([key, employer]).or_default() += 1;
            }
        }
    }

    /// Adds `cell` to the counts of credential × SOC × region × month (for merges and tests).
    pub fn add_cell(&mut self, key: [&str; 4], cell: Cell) {
        let key = key.map(|k| self.names.id(k));
        let c = self.cells.entry(key).or_default();
        c.postings += cell.postings;
        c.unique += cell.unique;
        c.required += cell.required;
        c.preferred += cell.preferred;
        c.after_hire += cell.after_hire;
    }

    /// Per credential × SOC × region × month, in no particular order.
    pub fn cells(&self) -> impl Iterator<Item = ([&str; 4], &Cell)> + '_ {
        self.cells.iter().map(|(k, c)| (self.names.names(k), c))
    }

    /// The cell for credential × SOC × region × month, if any posting fell in it.
    pub fn cell(&self, key: [&str; 4]) -> Option<&Cell> {
        let ids = key.map(|k| self.names.lookup(k));
        let ids = [ids[0]?, ids[1]?, ids[2]?, ids[3]?];
        self.cells.get(&ids)
    }

    /// Number of credential × SOC × region × month cells.
    pub fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// Distinct postings per SOC × region × month.
    pub fn occupation(&self) -> impl Iterator<Item = ([&str; 3], u64)> + '_ {
        self.occupation
            .iter()
            .map(|(k, n)| (self.names.names(k), *n))
    }

    /// Distinct postings per credential × employer.
    pub fn employers(&self) -> impl Iterator<Item = ([&str; 2], u64)> + '_ {
        self.employers
            .iter()
            .map(|(k, n)| (self.names.names(k), *n))
    }
}

/// How strongly a level asks: the firmest ask in a posting decides its cell.
fn rank(level: Level) -> u8 {
    match level {
        Level::Required => 0,
        Level::OrEquivalent => 1,
        Level::AfterHire => 2,
        Level::Preferred => 3,
        Level::Unclear => 4,
    }
}

/// The key a mention is counted under: its catalog id, else `kind:name` for named but
/// uncatalogued credentials, else `unspecified:kind`.
pub fn credential_key(m: &Mention) -> String {
    match &m.credential_id {
        Some(id) => id.clone(),
        None if m.credential == "unspecified" => format!("unspecified:{}", m.kind.as_str()),
        None => format!("{}:{}", m.kind.as_str(), m.credential.to_lowercase()),
    }
}

/// What a run read and found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Input files.
    pub files: usize,
    /// Files skipped because the same bytes were ingested before.
    pub files_skipped: usize,
    /// Records read (postings plus rejects).
    pub records: u64,
    /// Postings analyzed.
    pub postings: u64,
    /// Records rejected.
    pub rejected: u64,
    /// Rejects by reason (first words of the reason).
    pub rejected_by_reason: std::collections::BTreeMap<String, u64>,
    /// Records decoded as Windows-1252 because they were not UTF-8.
    pub transcoded: u64,
    /// Postings that repeat an earlier one: `duplicates_within` + `duplicates_earlier`.
    pub duplicates: u64,
    /// Of `duplicates`, those repeating a posting of this run (of the same file, for an ingest).
    pub duplicates_within: u64,
    /// Of `duplicates`, those repeating a posting counted by an earlier ingest (whose stored
    /// fingerprints were loaded into the de-duplicator).
    pub duplicates_earlier: u64,
    /// Mentions found (duplicates included).
    pub mentions: u64,
    /// Postings with at least one mention.
    pub postings_with_mentions: u64,
    /// Postings coded to a SOC.
    pub postings_with_soc: u64,
    /// Postings whose location resolved at least to a country.
    pub postings_with_region: u64,
    /// Postings with a readable month.
    pub postings_with_month: u64,
    /// Bytes of posting text analyzed.
    pub text_bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Text megabytes per second.
    pub mb_per_second: f64,
    /// Postings per second.
    pub postings_per_second: f64,
    /// Worker threads used.
    pub threads: usize,
}

/// Options for one run over some files.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Field mapping.
    pub map: FieldMap,
    /// Forced format; else guessed per file.
    pub format: Option<Format>,
    /// Size limits.
    pub limits: Limits,
    /// Postings per batch.
    pub batch: usize,
    /// Stop at the first rejected record.
    pub strict: bool,
    /// For an ingest into a database: months either side of a file's first and last month
    /// whose stored fingerprints (from earlier ingests) the de-duplicator loads; `None` loads
    /// them all. Reposts fall within weeks, so a few months bound memory without missing any.
    pub dedup_window_months: Option<u32>,
}

/// Default [`RunOptions::dedup_window_months`]: six months either side of the file's months.
pub const DEDUP_WINDOW_MONTHS: u32 = 6;

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            map: FieldMap::default(),
            format: None,
            limits: Limits::default(),
            batch: 2048,
            strict: false,
            dedup_window_months: Some(DEDUP_WINDOW_MONTHS),
        }
    }
}

/// Receives results in input order; the CLI writes files, the engine fills tables.
pub trait Sink {
    /// One analyzed posting and, if it repeats an earlier one, that posting's id
    /// ([`EARLIER_INGEST`] when the original was counted by an earlier ingest).
    fn posting(&mut self, a: &Analyzed, duplicate_of: Option<&str>) -> Result<(), DemandError>;
    /// One rejected record.
    fn reject(&mut self, r: &Reject) -> Result<(), DemandError>;
    /// Progress: bytes of text analyzed so far.
    fn progress(&mut self, _postings: u64) {}
}

/// Runs the pipeline over files, feeding `sink` in input order; returns the run's summary.
pub fn run(
    analyzer: &Analyzer,
    files: &[&Path],
    options: &RunOptions,
    deduper: &mut Deduper,
    sink: &mut dyn Sink,
) -> Result<Summary, DemandError> {
    let started = Instant::now();
    let memos = Memos::new();
    let mut summary = Summary {
        files: files.len(),
        threads: rayon::current_num_threads(),
        ..Summary::default()
    };
    for path in files {
        let format = format_of(path, options)?;
        run_file(
            analyzer,
            &memos,
            path,
            format,
            options,
            deduper,
            sink,
            &mut summary,
        )?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    if summary.seconds > 0.0 {
        summary.mb_per_second = summary.text_bytes as f64 / 1e6 / summary.seconds;
        summary.postings_per_second = summary.postings as f64 / summary.seconds;
    }
    Ok(summary)
}

/// The file's format: forced by the options, else guessed from its name.
fn format_of(path: &Path, options: &RunOptions) -> Result<Format, DemandError> {
    options
        .format
        .or_else(|| Format::from_path(path))
        .ok_or_else(|| {
            DemandError::Input(format!(
                "{}: cannot tell the format from the name; pass --format jsonl|csv",
                path.display()
            ))
        })
}

/// The first and last month (`YYYYMM`) with a readable date in a file, read without analysis,
/// so an ingest knows which earlier fingerprints to load before it starts; `None` when no
/// posting has a readable date. Rejected records are skipped here (the run reports them).
pub fn file_months(path: &Path, options: &RunOptions) -> Result<Option<(u32, u32)>, DemandError> {
    let format = format_of(path, options)?;
    let mut span: Option<(u32, u32)> = None;
    ingest::read_file(
        path,
        format,
        &options.map,
        options.limits,
        options.batch.max(1),
        |batch| {
            for raw in batch.iter().flatten() {
                if let Some(m) = month_of(&raw.date).as_deref().and_then(month_number) {
                    span = Some(span.map_or((m, m), |(a, b)| (a.min(m), b.max(m))));
                }
            }
            Ok(())
        },
    )?;
    Ok(span)
}

#[allow(clippy::too_many_arguments)]
fn run_file(
    analyzer: &Analyzer,
    memos: &Memos,
    path: &Path,
    format: Format,
    options: &RunOptions,
    deduper: &mut Deduper,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> Result<(), DemandError> {
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            ingest::read_file(
                path,
                format,
                &options.map,
                options.limits,
                options.batch,
                |batch| {
                    tx.send(batch)
                        .map_err(|_| DemandError::Input("the analysis stopped early".into()))
                },
            )
        });
        // Batch k is folded (in input order, on this thread) while batch k + 1 is analyzed on
        // the pool, so the serial fold does not leave the workers idle.
        let mut outcome = Ok(());
        let mut pending: Option<Vec<Result<Analyzed, Reject>>> = None;
        for batch in rx {
            if outcome.is_err() {
                continue; // drain so the reader can finish
            }
            let mut next = None;
            let slot = &mut next;
            rayon::in_place_scope(|s| {
                s.spawn(move |_| *slot = Some(analyze_batch(analyzer, memos, batch)));
                if let Some(done) = pending.take() {
                    outcome = fold_batch(done, options, deduper, sink, summary);
                }
            });
            pending = next;
        }
        if let (Ok(()), Some(done)) = (&outcome, pending.take()) {
            outcome = fold_batch(done, options, deduper, sink, summary);
        }
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(DemandError::Input("the reader thread panicked".into())));
        outcome.and(read.map(|_| ()))
    })
}

/// Analyzes one batch on all the pool's threads, keeping input order.
fn analyze_batch(
    analyzer: &Analyzer,
    memos: &Memos,
    batch: Vec<Item>,
) -> Vec<Result<Analyzed, Reject>> {
    batch
        .into_par_iter()
        .map(|item| item.map(|raw| analyzer.analyze_with(raw, Some(memos))))
        .collect()
}

/// Feeds one analyzed batch, in order, to the de-duplicator, the summary and the sink.
fn fold_batch(
    analyzed: Vec<Result<Analyzed, Reject>>,
    options: &RunOptions,
    deduper: &mut Deduper,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> Result<(), DemandError> {
    for item in analyzed {
        summary.records += 1;
        match item {
            Ok(a) => {
                summary.postings += 1;
                summary.text_bytes += a.raw.text.len() as u64;
                summary.transcoded += u64::from(a.raw.transcoded);
                summary.mentions += a.mentions.len() as u64;
                summary.postings_with_mentions += u64::from(!a.mentions.is_empty());
                summary.postings_with_soc += u64::from(a.soc.is_some());
                summary.postings_with_region += u64::from(a.region != UNKNOWN);
                summary.postings_with_month += u64::from(a.month.is_some());
                let dup = match deduper.classify(&a.raw.id, &a.fingerprint) {
                    Seen::New => None,
                    Seen::Repeat(original) => {
                        summary.duplicates_within += 1;
                        Some(original)
                    }
                    Seen::Earlier => {
                        summary.duplicates_earlier += 1;
                        Some(EARLIER_INGEST.to_string())
                    }
                };
                summary.duplicates += u64::from(dup.is_some());
                sink.posting(&a, dup.as_deref())?;
            }
            Err(r) => {
                summary.rejected += 1;
                let reason: String = r
                    .reason
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(40)
                    .collect();
                *summary.rejected_by_reason.entry(reason).or_default() += 1;
                sink.reject(&r)?;
                if options.strict {
                    return Err(DemandError::Input(format!(
                        "{}: line {}: {} (--strict stops at the first bad record)",
                        r.file, r.line, r.reason
                    )));
                }
            }
        }
    }
    sink.progress(summary.postings);
    Ok(())
}

/// A sink that writes `mentions.jsonl` (one line per input record, in order) and, optionally,
/// a quarantine file of rejected records.
pub struct MentionWriter<W: std::io::Write> {
    out: W,
    quarantine: Option<Box<dyn std::io::Write + Send>>,
}

impl<W: std::io::Write> MentionWriter<W> {
    /// Writes mentions to `out` and rejects to `quarantine` when given.
    pub fn new(out: W, quarantine: Option<Box<dyn std::io::Write + Send>>) -> Self {
        MentionWriter { out, quarantine }
    }
}

/// One line of `mentions.jsonl` for a rejected record: same id scheme, no mentions, the reason.
#[derive(Serialize)]
struct RejectLine<'a> {
    id: String,
    mentions: [(); 0],
    error: &'a str,
}

impl<W: std::io::Write> Sink for MentionWriter<W> {
    fn posting(&mut self, a: &Analyzed, _duplicate_of: Option<&str>) -> Result<(), DemandError> {
        let line = PostingMentions {
            id: a.raw.id.clone(),
            mentions: a.mentions.clone(),
        };
        serde_json::to_writer(&mut self.out, &line).map_err(io_error)?;
        self.out.write_all(b"\n").map_err(io_error)
    }

    fn reject(&mut self, r: &Reject) -> Result<(), DemandError> {
        let line = RejectLine {
            id: format!("{}:{}", ingest::file_name(&r.file), r.line),
            mentions: [],
            error: &r.reason,
        };
        serde_json::to_writer(&mut self.out, &line).map_err(io_error)?;
        self.out.write_all(b"\n").map_err(io_error)?;
        if let Some(q) = &mut self.quarantine {
            serde_json::to_writer(&mut *q, r).map_err(io_error)?;
            q.write_all(b"\n").map_err(io_error)?;
        }
        Ok(())
    }
}

fn io_error(e: impl std::fmt::Display) -> DemandError {
    DemandError::Input(format!("cannot write output: {e}"))
}

/// A sink that aggregates (for `demand ingest`) and optionally quarantines rejects.
#[derive(Default)]
pub struct AggregateSink {
    /// What the run adds.
    pub aggregates: Aggregates,
    /// Rejected records (kept for the report and the quarantine file; capped).
    pub rejects: Vec<Reject>,
    /// Fingerprints of the distinct postings counted, for later ingests to de-duplicate against.
    pub fingerprints: Vec<Remembered>,
}

/// Rejected records kept in memory for the report; the rest are only counted.
pub const MAX_KEPT_REJECTS: usize = 10_000;

impl Sink for AggregateSink {
    fn posting(&mut self, a: &Analyzed, duplicate_of: Option<&str>) -> Result<(), DemandError> {
        self.aggregates.add(a, duplicate_of.is_some());
        if duplicate_of.is_none() {
            self.fingerprints.push(Remembered {
                fingerprint: a.fingerprint,
                month: a.month.as_deref().and_then(month_number),
            });
        }
        Ok(())
    }

    fn reject(&mut self, r: &Reject) -> Result<(), DemandError> {
        if self.rejects.len() < MAX_KEPT_REJECTS {
            self.rejects.push(r.clone());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    #[test]
    fn a_memo_computes_each_key_once_and_starts_over_at_its_cap() {
        let memo: Memo<Coded> = Memo::new();
        let mut calls = 0;
        let mut code = |t: &str| {
            memo.get_or(t, || {
                calls += 1;
                (Some(format!("soc of {t}")), 0.5)
            })
        };
        assert_eq!(code("Nurse").0.as_deref(), Some("soc of Nurse"));
        assert_eq!(code("Nurse").0.as_deref(), Some("soc of Nurse"));
        assert_eq!(code("Driver").0.as_deref(), Some("soc of Driver"));
        assert_eq!(calls, 2, "a repeated title is not coded again");
        for i in 0..Memo::<Coded>::CAP {
            memo.get_or(&format!("t{i}"), || (None, 0.0));
        }
        let slot = memo.maps.len() - 1; // this test runs outside the pool
        assert!(memo.maps[slot].lock().unwrap().len() <= Memo::<Coded>::CAP);
    }

    #[test]
    fn months_are_read_from_common_shapes_and_never_guessed() {
        assert_eq!(month_of("2025-07-14T10:00:00Z").as_deref(), Some("2025-07"));
        assert_eq!(month_of("07/14/2025").as_deref(), Some("2025-07"));
        assert_eq!(month_of("14 Jul 2025").as_deref(), Some("2025-07"));
        assert_eq!(month_of("July 14, 2025").as_deref(), Some("2025-07"));
        assert_eq!(month_of("2025-07").as_deref(), Some("2025-07"));
        assert_eq!(month_of("yesterday"), None);
        assert_eq!(month_of("2025-13-01"), None);
    }

    #[test]
    fn a_run_is_ordered_counts_duplicates_once_and_aggregates_levels() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jsonl");
        let mut body = String::new();
        for i in 0..50 {
            let text = if i % 10 == 0 {
                "Driver wanted. Must hold a valid Class A CDL. Hazmat endorsement preferred."
                    .to_string()
            } else {
                format!("Posting {i}: warehouse associate {i}, lifting {i} pounds, shift {i}, team {i}, site {i}.")
            };
            body.push_str(&serde_json::json!({"id": format!("p{i}"), "text": text, "date": "2025-03-02", "soc": "53-3032"}).to_string());
            body.push('\n');
        }
        body.push_str("{broken\n");
        std::fs::write(&path, body).unwrap();
        let analyzer = Analyzer {
            extractor: Extractor::new(Catalog::builtin().unwrap()).unwrap(),
            titles: None,
            geo: None,
        };
        let mut out = Vec::new();
        let options = RunOptions {
            batch: 7,
            ..RunOptions::default()
        };
        let s = run(
            &analyzer,
            &[&path],
            &options,
            &mut Deduper::default(),
            &mut MentionWriter::new(&mut out, None),
        )
        .unwrap();
        assert_eq!((s.records, s.postings, s.rejected), (51, 50, 1));
        assert_eq!(s.duplicates, 4, "the CDL ad repeats four times");
        let lines: Vec<serde_json::Value> = out
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 51);
        assert_eq!(lines[3]["id"], "p3");
        assert!(lines[50]["error"].as_str().unwrap().contains("JSON"));
        let mut agg = AggregateSink::default();
        run(
            &analyzer,
            &[&path],
            &options,
            &mut Deduper::default(),
            &mut agg,
        )
        .unwrap();
        let cdl = *agg
            .aggregates
            .cell(["cdl", "53-3032", UNKNOWN, "2025-03"])
            .unwrap();
        assert_eq!((cdl.postings, cdl.unique, cdl.required), (5, 1, 1));
        let occupation: HashMap<[&str; 3], u64> = agg.aggregates.occupation().collect();
        assert_eq!(occupation[&["53-3032", UNKNOWN, "2025-03"]], 46);
    }
}
