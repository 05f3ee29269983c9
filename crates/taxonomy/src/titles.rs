//! Codes free-text job titles to SOC 2018 occupations using O*NET's own titles, alternate titles,
//! short titles and (when supplied) reported sample titles.
//!
//! A title is normalized (case, punctuation, abbreviations, seniority and shift noise, pay, grade
//! codes, requisition numbers), then looked up exactly; failing that, it is scored against every
//! O*NET title by IDF-weighted token overlap in which the head noun counts most. The method and
//! its measured accuracy are described in `docs/occupation-coding.md`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{
    onet_to_soc, parse_alternate_titles, parse_onet_occupations, read_reference, AlternateTitle,
    OnetOccupation, TaxonomyError,
};

/// How a title was matched, so a reviewer can trust an exact hit more than a fuzzy one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MatchMethod {
    /// The title, case and spacing aside, is an O*NET title.
    Exact,
    /// The normalized title (or its leading segment) equals a normalized O*NET title.
    Normalized,
    /// The best IDF-weighted token overlap with an O*NET title.
    Tokens,
}

/// The occupation a job title was coded to, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleMatch {
    /// SOC 2018 code (`29-1141`), the join key to wages and programs.
    pub soc: String,
    /// O*NET-SOC code of the title that matched (`29-1141.00`).
    pub onet_soc: String,
    /// The O*NET title that matched, for review.
    pub matched_title: String,
    /// 0..=1; exact unambiguous hits are 1, token matches are capped at 0.9.
    pub confidence: f32,
    /// How the match was found.
    pub method: MatchMethod,
}

/// A job title O*NET reports incumbents using (`Sample of Reported Titles.txt`), strong evidence for its occupation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedTitle {
    /// O*NET-SOC code.
    pub code: String,
    /// The reported title.
    pub title: String,
}

/// Token matches scoring below this confidence are not returned by [`TitleCoder::code`].
pub const MIN_CONFIDENCE: f32 = 0.40;

/// Longest title (in bytes) considered; the rest of a hostile input is ignored.
const MAX_TITLE_BYTES: usize = 300;
/// Extra weight of the head noun (the last content word) over other words.
const HEAD_WEIGHT: f32 = 3.0;
/// Weight of words outside the title's head segment (`RN - Med/Surg`: `med surg`).
const OTHER_SEGMENT_WEIGHT: f32 = 0.6;
/// Weight of words in brackets (`Nurse (Clinical Nurse Leader)`).
const BRACKET_WEIGHT: f32 = 0.5;
/// Share of credit for a query word the matched title lacks but its occupation's other titles use.
const BORROW_WEIGHT: f32 = 0.5;
/// Docs scoring below this fraction of the best doc are not considered for ranking.
const CANDIDATE_FLOOR: f32 = 0.5;
/// Most docs (best base score first) re-scored with borrowed credit, which bounds the work per title.
const MAX_CANDIDATES: usize = 200;
/// Highest confidence a token match can have; exact and normalized hits rank above it.
const TOKEN_CAP: f32 = 0.9;

/// Where an O*NET title came from; earlier kinds are stronger evidence for their occupation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Own,
    Reported,
    Alternate,
    Short,
}

impl Kind {
    /// Multiplier on a token score so ties go to the stronger kind of title.
    fn factor(self) -> f32 {
        match self {
            Kind::Own | Kind::Reported => 1.0,
            Kind::Alternate => 0.98,
            Kind::Short => 0.96,
        }
    }
}

/// One O*NET title attached to one O*NET-SOC occupation.
#[derive(Debug, Clone)]
struct Entry {
    onet: u32,
    title: u32,
    kind: Kind,
    /// How many O*NET sources report the title (at least 1); "most frequent" means highest.
    weight: f32,
}

/// A distinct normalized title (token set) and every entry that normalizes to it.
#[derive(Debug, Clone, Default)]
struct Doc {
    entries: Vec<u32>,
    /// Token ids, sorted.
    tokens: Vec<u32>,
    /// Sum of the doc's token weights (the Dice denominator's share).
    total: f32,
}

/// Analysed title: content tokens with their weights, plus the keys used for exact lookup.
#[derive(Debug, Default)]
struct Analysis {
    /// Content tokens per outside-bracket segment, in order.
    segments: Vec<Vec<String>>,
    /// Head token position per segment (last content word before a preposition).
    heads: Vec<Option<usize>>,
    /// Content tokens inside brackets that do not look like a location.
    inside: Vec<String>,
}

impl Analysis {
    /// Index of the segment holding the title's head: the first whose head `known` accepts.
    fn head_segment(&self, known: impl Fn(&str) -> bool) -> Option<usize> {
        let nonempty = |i: &usize| !self.segments[*i].is_empty();
        let mut first = None;
        for i in (0..self.segments.len()).filter(nonempty) {
            first.get_or_insert(i);
            if let Some(h) = self.heads[i] {
                if known(&self.segments[i][h]) {
                    return Some(i);
                }
            }
        }
        first
    }

    fn head(&self, segment: Option<usize>) -> Option<&str> {
        let i = segment?;
        self.heads[i].map(|h| self.segments[i][h].as_str())
    }

    fn outside_tokens(&self) -> impl Iterator<Item = &String> {
        self.segments.iter().flatten()
    }
}

/// Sorted, de-duplicated tokens joined by spaces: the exact-lookup key (word order ignored).
fn key<'a>(tokens: impl Iterator<Item = &'a String>) -> String {
    let mut v: Vec<&str> = tokens.map(String::as_str).collect();
    v.sort_unstable();
    v.dedup();
    v.join(" ")
}

/// Lower-cased title with whitespace collapsed: the `Exact` lookup key.
fn raw_key(title: &str) -> String {
    clip(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The first `MAX_TITLE_BYTES` of `s`, cut on a character boundary.
fn clip(s: &str) -> &str {
    if s.len() <= MAX_TITLE_BYTES {
        return s;
    }
    let mut end = MAX_TITLE_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Words that carry no occupational meaning wherever they appear.
const NOISE: &[&str] = &[
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "senior",
    "sr",
    "junior",
    "jr",
    "lead",
    "trainee",
    "remote",
    "hybrid",
    "onsite",
    "nights",
    "overnight",
    "overnights",
    "weekend",
    "weekends",
    "days",
    "evenings",
    "shift",
    "shifts",
    "prn",
    "perdiem",
    "temp",
    "temporary",
    "seasonal",
    "fulltime",
    "parttime",
    "ft",
    "bonus",
    "hiring",
    "urgent",
    "urgently",
    "immediate",
    "immediately",
    "needed",
    "wanted",
    "opportunity",
    "opportunities",
    "position",
    "positions",
    "job",
    "jobs",
    "req",
    "reqid",
    "requisition",
    "level",
    "experienced",
    "weekly",
    "daily",
    "local",
    "gs",
    "gg",
    "wg",
    "wl",
    "ws",
    "nf",
    "tier",
    "all",
    "other",
    "usd",
    "hourly",
    "salary",
];

/// Multi-word noise, removed before single words are looked at.
const NOISE_PHRASES: &[&[&str]] = &[
    &["sign", "on", "bonus"],
    &["sign", "on"],
    &["entry", "level"],
    &["part", "time"],
    &["full", "time"],
    &["night", "shift"],
    &["day", "shift"],
    &["home", "weekly"],
    &["home", "daily"],
    &["home", "every", "weekend"],
    &["home", "time"],
    &["per", "diem"],
    &["per", "hour"],
    &["an", "hour"],
    &["per", "year"],
    &["new", "grad"],
    &["new", "graduate"],
    &["now", "hiring"],
    &["work", "from", "home"],
    &["job", "id"],
    &["up", "to"],
    &["no", "experience"],
];

/// Function words: dropped, but prepositions mark where the head noun ends.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "the", "or", "on", "by", "from", "as", "per", "w", "with", "of", "for", "to",
    "in", "at",
];
const PREPOSITIONS: &[&str] = &["of", "for", "to", "in", "at", "with"];

/// Units that follow a number in pay text (`25/hr`).
const AFTER_NUMBER: &[&str] = &["hr", "hrs", "hour", "hours", "yr", "year", "k", "wk"];

/// Common job-board abbreviations and their expansion.
fn expand(token: &str) -> Option<&'static [&'static str]> {
    Some(match token {
        "mgr" | "mngr" => &["manager"],
        "mgmt" => &["management"],
        "asst" => &["assistant"],
        "assoc" => &["associate"],
        "tech" | "techs" => &["technician"],
        "eng" | "engr" => &["engineer"],
        "rn" => &["registered", "nurse"],
        "lpn" => &["licensed", "practical", "nurse"],
        "lvn" => &["licensed", "vocational", "nurse"],
        "cna" => &["certified", "nursing", "assistant"],
        "cdl" => &["commercial", "driver", "license"],
        "cma" => &["certified", "medical", "assistant"],
        "np" => &["nurse", "practitioner"],
        "coord" => &["coordinator"],
        "spec" => &["specialist"],
        "rep" | "reps" => &["representative"],
        "dir" => &["director"],
        "vp" => &["vice", "president"],
        "svc" => &["service"],
        "svcs" => &["services"],
        "maint" => &["maintenance"],
        "ops" => &["operations"],
        "supv" | "supvr" | "supvsr" => &["supervisor"],
        "cust" => &["customer"],
        "med" => &["medical"],
        "surg" => &["surgical"],
        "dept" => &["department"],
        "mfg" => &["manufacturing"],
        "qa" => &["quality", "assurance"],
        "qc" => &["quality", "control"],
        "sw" => &["software"],
        "dev" => &["developer"],
        "pharm" => &["pharmacy"],
        "pct" => &["patient", "care", "technician"],
        "elem" => &["elementary"],
        "admin" => &["administrative"],
        "acct" => &["accounting"],
        _ => return None,
    })
}

/// Folds simple English plurals so `Registered Nurses` and `registered nurse` share tokens.
fn stem(token: &str) -> String {
    let t = token;
    if t.len() <= 3 || t.ends_with("ss") || t.ends_with("us") || t.ends_with("is") {
        return t.to_string();
    }
    if let Some(s) = t.strip_suffix("ies") {
        return format!("{s}y");
    }
    for suffix in ["ches", "shes", "sses", "xes"] {
        if t.ends_with(suffix) {
            return t[..t.len() - 2].to_string();
        }
    }
    match t.strip_suffix('s') {
        Some(s) => s.to_string(),
        None => t.to_string(),
    }
}

/// Splits the title into outside-bracket text, with segment breaks as `\u{1}`, and bracket groups.
fn split_brackets(title: &str) -> (String, Vec<String>) {
    let lower = clip(title).to_lowercase();
    let mut outside = String::with_capacity(lower.len());
    let mut groups: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut skipping_money = false;
    let chars: Vec<char> = lower.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if skipping_money {
            if c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '{' | '}') {
                skipping_money = false;
            } else {
                continue;
            }
        }
        let buf = if depth > 0 {
            match groups.last_mut() {
                Some(g) => g,
                None => &mut outside,
            }
        } else {
            &mut outside
        };
        let prev_space = i == 0 || chars[i - 1].is_whitespace();
        let next_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    groups.push(String::new());
                }
                outside.push('\u{1}');
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '$' => skipping_money = true,
            '\'' | '\u{2019}' | '.' => {}
            '-' if prev_space && next_space => buf.push('\u{1}'),
            '/' if prev_space || next_space => buf.push('\u{1}'),
            '–' | '—' | '|' | ',' | ';' | ':' | '•' | '\u{1}' => buf.push('\u{1}'),
            '&' => buf.push_str(" and "),
            c if c.is_alphanumeric() => buf.push(c),
            _ => buf.push(' '),
        }
    }
    // "Secretaries, Except Legal, Medical": what follows "except" is excluded, not described.
    if let Some(at) = find_word(&outside, "except") {
        outside.truncate(at);
    }
    (outside, groups)
}

/// Byte offset of `word` as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = text[from..].find(word) {
        let at = from + pos;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if edge(before) && edge(after) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// Content tokens of one segment and the position of its head noun.
fn segment_tokens(text: &str) -> (Vec<String>, Option<usize>) {
    let raw: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut head_end: Option<usize> = None;
    let mut i = 0;
    let mut prev_number = false;
    'words: while i < raw.len() {
        for phrase in NOISE_PHRASES {
            if raw[i..].starts_with(phrase) {
                i += phrase.len();
                prev_number = false;
                continue 'words;
            }
        }
        let w = raw[i];
        i += 1;
        let was_number = prev_number;
        prev_number = w.chars().any(|c| c.is_ascii_digit());
        if prev_number || (was_number && AFTER_NUMBER.contains(&w)) {
            continue;
        }
        if PREPOSITIONS.contains(&w) && head_end.is_none() && !out.is_empty() {
            head_end = Some(out.len());
        }
        let expanded: &[&str] = match expand(w) {
            Some(e) => e,
            None => std::slice::from_ref(&w),
        };
        for t in expanded {
            if t.chars().count() < 2 || NOISE.contains(t) || STOPWORDS.contains(t) {
                continue;
            }
            out.push(stem(t));
        }
    }
    let head = match head_end {
        Some(end) if end > 0 => Some(end.min(out.len()) - 1),
        _ => out.len().checked_sub(1),
    };
    (out, head)
}

/// Normalizes a title into segments, head positions and bracket words.
fn analyse(title: &str) -> Analysis {
    let (outside, groups) = split_brackets(title);
    let mut a = Analysis::default();
    for seg in outside.split('\u{1}') {
        let (tokens, head) = segment_tokens(seg);
        a.segments.push(tokens);
        a.heads.push(head);
    }
    for g in groups {
        // "(Austin, TX)" is a place, not a description of the work.
        if g.contains('\u{1}') {
            continue;
        }
        a.inside.extend(segment_tokens(&g).0);
    }
    a
}

/// The normalized form of a title (content words, abbreviations expanded, plurals folded), for
/// memoization keys and review; word order is kept.
pub fn normalize_title(title: &str) -> String {
    let a = analyse(title);
    let mut words: Vec<&str> = a.outside_tokens().map(String::as_str).collect();
    words.extend(a.inside.iter().map(String::as_str));
    words.join(" ")
}

/// Per-thread scratch space for token scoring, so coding a title allocates little.
#[derive(Default)]
struct Scratch {
    acc: Vec<f32>,
    touched: Vec<u32>,
    soc_best: Vec<(f32, u32)>,
    soc_touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A job-title → SOC 2018 coder over O*NET titles; build once, then call [`TitleCoder::code`] per posting.
#[derive(Debug, Clone)]
pub struct TitleCoder {
    socs: Vec<String>,
    onets: Vec<(String, u32)>,
    titles: Vec<String>,
    entries: Vec<Entry>,
    exact: HashMap<String, Vec<u32>>,
    normalized: HashMap<String, Vec<u32>>,
    docs: Vec<Doc>,
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
    heads: Vec<bool>,
    postings: Vec<Vec<(u32, f32)>>,
    /// Per SOC, the sorted ids of every token in any of its titles.
    soc_vocab: Vec<Vec<u32>>,
}

/// An entry waiting to be indexed, with its analysis.
struct Pending {
    entry: u32,
    raw: String,
    analysis: Analysis,
}

impl TitleCoder {
    /// Builds the coder from O*NET occupations, alternate titles and reported sample titles
    /// (pass `&[]` when `Sample of Reported Titles.txt` is not available).
    pub fn new(
        occupations: &[OnetOccupation],
        alternate_titles: &[AlternateTitle],
        sample_titles: &[ReportedTitle],
    ) -> TitleCoder {
        let mut b = Builder::default();
        for o in occupations {
            b.add(&o.code, &o.title, Kind::Own, 1.0);
        }
        for r in sample_titles {
            b.add(&r.code, &r.title, Kind::Reported, 1.0);
        }
        for a in alternate_titles {
            let weight = a.sources.len().max(1) as f32;
            b.add(&a.code, &a.title, Kind::Alternate, weight);
            if let Some(short) = &a.short_title {
                b.add(&a.code, short, Kind::Short, weight);
            }
        }
        b.finish()
    }

    /// Reads `Occupation Data.txt` and `Alternate Titles.txt` from the data directory and builds the coder.
    pub fn from_dir(data_dir: &Path) -> Result<TitleCoder, TaxonomyError> {
        let (_, occ) = read_reference(data_dir, "onet_occupation_data")?;
        let (_, alt) = read_reference(data_dir, "onet_alternate_titles")?;
        let occupations = parse_onet_occupations(&occ, "Occupation Data.txt")?.rows;
        let alternates = parse_alternate_titles(&alt, "Alternate Titles.txt")?.rows;
        Ok(TitleCoder::new(&occupations, &alternates, &[]))
    }

    /// Number of distinct normalized titles indexed, for reporting.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether nothing was indexed (no occupations given).
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best SOC 2018 occupation for a job title, or `None` when the evidence is too weak to say.
    pub fn code(&self, title: &str) -> Option<TitleMatch> {
        let a = analyse(title);
        if let Some(m) = self.lookup(title, &a) {
            return Some(m);
        }
        let best = self.ranked(&a, 2).into_iter().next()?;
        (best.confidence >= MIN_CONFIDENCE).then_some(best)
    }

    /// Up to `k` candidate occupations, best first, without the confidence floor, for review.
    pub fn code_top(&self, title: &str, k: usize) -> Vec<TitleMatch> {
        if k == 0 {
            return Vec::new();
        }
        let a = analyse(title);
        let mut out: Vec<TitleMatch> = Vec::new();
        if let Some(m) = self.lookup(title, &a) {
            out.push(m);
        }
        for m in self.ranked(&a, k + 1) {
            if out.len() >= k {
                break;
            }
            if !out.iter().any(|o| o.soc == m.soc) {
                out.push(m);
            }
        }
        out
    }

    /// Exact, then normalized lookups: the whole title, outside brackets, then the head segment.
    fn lookup(&self, title: &str, a: &Analysis) -> Option<TitleMatch> {
        let all = key(a.outside_tokens().chain(a.inside.iter()));
        if let Some(exact) = self.exact.get(&raw_key(title)) {
            // Titles that normalize alike compete, so an own title beats an alternate's spelling.
            let ids = self
                .normalized
                .get(&all)
                .map_or(exact.as_slice(), Vec::as_slice);
            let (entry, confidence) = self.resolve(ids, 1.0);
            let method = if exact.contains(&entry) {
                MatchMethod::Exact
            } else {
                MatchMethod::Normalized
            };
            return Some(self.to_match(entry, confidence, method));
        }
        let outside = key(a.outside_tokens());
        let seg = a.head_segment(|t| self.is_head(t));
        let head_seg = seg.map(|i| key(a.segments[i].iter())).unwrap_or_default();
        for (k, factor) in [(all, 0.95), (outside, 0.93), (head_seg, 0.9)] {
            if k.is_empty() {
                continue;
            }
            if let Some(ids) = self.normalized.get(&k) {
                let (entry, confidence) = self.resolve(ids, factor);
                return Some(self.to_match(entry, confidence, MatchMethod::Normalized));
            }
        }
        None
    }

    fn is_head(&self, token: &str) -> bool {
        self.vocab
            .get(token)
            .is_some_and(|&t| self.heads[t as usize])
    }

    /// Picks one SOC among entries sharing a key: own/reported titles first, then the most
    /// reported SOC; confidence falls with the chosen SOC's share of the evidence.
    fn resolve(&self, ids: &[u32], base: f32) -> (u32, f32) {
        // Per SOC: (best kind, summed weight, representative entry).
        let mut per_soc: Vec<(u32, Kind, f32, u32)> = Vec::new();
        for &id in ids {
            let e = &self.entries[id as usize];
            let soc = self.onets[e.onet as usize].1;
            match per_soc.iter_mut().find(|p| p.0 == soc) {
                Some(p) => {
                    p.2 += e.weight;
                    if e.kind < p.1 {
                        p.1 = e.kind;
                        p.3 = id;
                    }
                }
                None => per_soc.push((soc, e.kind, e.weight, id)),
            }
        }
        let total: f32 = per_soc.iter().map(|p| p.2).sum();
        let strong = |k: Kind| matches!(k, Kind::Own | Kind::Reported);
        per_soc.sort_by(|x, y| {
            strong(y.1)
                .cmp(&strong(x.1))
                .then(y.2.total_cmp(&x.2))
                .then(self.socs[x.0 as usize].cmp(&self.socs[y.0 as usize]))
        });
        let (_, kind, weight, id) = per_soc[0];
        let confidence = if per_soc.len() == 1 {
            base
        } else {
            let share = if total > 0.0 { weight / total } else { 0.0 };
            let share = if strong(kind) { share.max(0.6) } else { share };
            base * (0.5 + 0.4 * share)
        };
        (id, confidence.clamp(0.0, 1.0))
    }

    fn to_match(&self, entry: u32, confidence: f32, method: MatchMethod) -> TitleMatch {
        let e = &self.entries[entry as usize];
        let (onet, soc) = &self.onets[e.onet as usize];
        TitleMatch {
            soc: self.socs[*soc as usize].clone(),
            onet_soc: onet.clone(),
            matched_title: self.titles[e.title as usize].clone(),
            confidence,
            method,
        }
    }

    /// The query's known tokens with weights: head ×3, other segments and brackets reduced.
    fn query(&self, a: &Analysis) -> Vec<(u32, f32)> {
        let seg = a.head_segment(|t| self.is_head(t));
        let head = a.head(seg);
        let mut q: Vec<(u32, f32)> = Vec::new();
        let mut push = |t: &str, mult: f32| {
            if let Some(&id) = self.vocab.get(t) {
                let w = self.idf[id as usize] * mult;
                match q.iter_mut().find(|(i, _)| *i == id) {
                    Some(e) => e.1 = e.1.max(w),
                    None => q.push((id, w)),
                }
            }
        };
        for (i, tokens) in a.segments.iter().enumerate() {
            let mult = if Some(i) == seg {
                1.0
            } else {
                OTHER_SEGMENT_WEIGHT
            };
            for t in tokens {
                let h = if Some(t.as_str()) == head && Some(i) == seg {
                    HEAD_WEIGHT
                } else {
                    1.0
                };
                push(t, mult * h);
            }
        }
        for t in &a.inside {
            push(t, BRACKET_WEIGHT);
        }
        q
    }

    /// SOCs ranked by their best doc's weighted Dice score against the query, where query words
    /// missing from the doc but present in the doc's occupation's other titles earn partial credit.
    fn ranked(&self, a: &Analysis, k: usize) -> Vec<TitleMatch> {
        let q = self.query(a);
        if q.is_empty() || k == 0 {
            return Vec::new();
        }
        let q_total: f32 = q.iter().map(|x| x.1).sum();
        SCRATCH.with(|cell| {
            let mut s = cell.borrow_mut();
            let s = &mut *s;
            if s.acc.len() < self.docs.len() {
                s.acc.resize(self.docs.len(), 0.0);
            }
            if s.soc_best.len() < self.socs.len() {
                s.soc_best.resize(self.socs.len(), (0.0, 0));
            }
            for &(t, wq) in &q {
                for &(d, wd) in &self.postings[t as usize] {
                    let slot = &mut s.acc[d as usize];
                    if *slot == 0.0 {
                        s.touched.push(d);
                    }
                    *slot += wq + wd;
                }
            }
            let mut best_doc = 0.0f32;
            for &d in &s.touched {
                let score = s.acc[d as usize] / (q_total + self.docs[d as usize].total);
                s.acc[d as usize] = score;
                best_doc = best_doc.max(score);
            }
            let floor = best_doc * CANDIDATE_FLOOR;
            let mut candidates: Vec<(f32, u32)> = Vec::new();
            for &d in &s.touched {
                let score = s.acc[d as usize];
                s.acc[d as usize] = 0.0;
                if score >= floor {
                    candidates.push((score, d));
                }
            }
            s.touched.clear();
            if candidates.len() > MAX_CANDIDATES {
                candidates.select_nth_unstable_by(MAX_CANDIDATES, |x, y| y.0.total_cmp(&x.0));
                candidates.truncate(MAX_CANDIDATES);
            }
            for &(score, d) in &candidates {
                let doc = &self.docs[d as usize];
                let shares = self.doc_shares(doc);
                let denom = q_total + doc.total;
                for &id in &doc.entries {
                    let e = &self.entries[id as usize];
                    let soc = self.onets[e.onet as usize].1;
                    let share = shares.iter().find(|x| x.0 == soc).map_or(1.0, |x| x.1);
                    // Words the title lacks but its occupation uses elsewhere still count, partly.
                    let vocab = &self.soc_vocab[soc as usize];
                    let borrowed: f32 = q
                        .iter()
                        .filter(|(t, _)| {
                            doc.tokens.binary_search(t).is_err() && vocab.binary_search(t).is_ok()
                        })
                        .map(|(_, w)| w)
                        .sum();
                    let score = score + BORROW_WEIGHT * borrowed / denom;
                    let v = score * e.kind.factor() * (0.9 + 0.1 * share);
                    let slot = &mut s.soc_best[soc as usize];
                    if slot.0 == 0.0 {
                        s.soc_touched.push(soc);
                    }
                    if v > slot.0 {
                        *slot = (v, id);
                    }
                }
            }
            let mut ranked: Vec<(f32, u32, u32)> = s
                .soc_touched
                .iter()
                .map(|&soc| (s.soc_best[soc as usize].0, soc, s.soc_best[soc as usize].1))
                .collect();
            for &soc in &s.soc_touched {
                s.soc_best[soc as usize] = (0.0, 0);
            }
            s.soc_touched.clear();
            ranked.sort_by(|x, y| {
                y.0.total_cmp(&x.0)
                    .then(self.socs[x.1 as usize].cmp(&self.socs[y.1 as usize]))
            });
            let top = ranked.first().map_or(0.0, |r| r.0);
            let runner_up = ranked.get(1).map_or(0.0, |r| r.0);
            ranked
                .iter()
                .take(k)
                .enumerate()
                .map(|(i, &(v, _, id))| {
                    let other = if i == 0 { runner_up } else { top };
                    let margin = if v > 0.0 {
                        ((v - other) / v).clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                    let conf = (v * (0.5 + 0.5 * margin)).min(TOKEN_CAP);
                    self.to_match(id, conf, MatchMethod::Tokens)
                })
                .collect()
        })
    }

    /// Each SOC's share of the source weight among a doc's entries (empty, meaning 1.0, for one entry).
    fn doc_shares(&self, doc: &Doc) -> Vec<(u32, f32)> {
        let mut shares: Vec<(u32, f32)> = Vec::new();
        if doc.entries.len() < 2 {
            return shares;
        }
        let mut total = 0.0;
        for &id in &doc.entries {
            let e = &self.entries[id as usize];
            let soc = self.onets[e.onet as usize].1;
            total += e.weight;
            match shares.iter_mut().find(|x| x.0 == soc) {
                Some(x) => x.1 += e.weight,
                None => shares.push((soc, e.weight)),
            }
        }
        if total > 0.0 {
            for x in &mut shares {
                x.1 /= total;
            }
        }
        shares
    }
}

/// Collects entries and their analyses, then builds the indexes in one pass.
#[derive(Default)]
struct Builder {
    socs: Vec<String>,
    soc_ids: HashMap<String, u32>,
    onets: Vec<(String, u32)>,
    onet_ids: HashMap<String, u32>,
    titles: Vec<String>,
    title_ids: HashMap<String, u32>,
    entries: Vec<Entry>,
    seen: HashSet<(u32, u32, Kind)>,
    pending: Vec<Pending>,
}

impl Builder {
    fn add(&mut self, code: &str, title: &str, kind: Kind, weight: f32) {
        let title = title.trim();
        let Some(soc) = onet_to_soc(code) else {
            return;
        };
        if title.is_empty() {
            return;
        }
        let onet_code = code.trim().to_string();
        let soc_id = *self.soc_ids.entry(soc.clone()).or_insert_with(|| {
            self.socs.push(soc);
            (self.socs.len() - 1) as u32
        });
        let onet = *self.onet_ids.entry(onet_code.clone()).or_insert_with(|| {
            self.onets.push((onet_code, soc_id));
            (self.onets.len() - 1) as u32
        });
        let title_id = *self.title_ids.entry(title.to_string()).or_insert_with(|| {
            self.titles.push(title.to_string());
            (self.titles.len() - 1) as u32
        });
        if !self.seen.insert((onet, title_id, kind)) {
            return;
        }
        self.entries.push(Entry {
            onet,
            title: title_id,
            kind,
            weight,
        });
        self.pending.push(Pending {
            entry: (self.entries.len() - 1) as u32,
            raw: raw_key(title),
            analysis: analyse(title),
        });
    }

    fn finish(self) -> TitleCoder {
        let mut exact: HashMap<String, Vec<u32>> = HashMap::new();
        let mut normalized: HashMap<String, Vec<u32>> = HashMap::new();
        let mut doc_ids: HashMap<String, u32> = HashMap::new();
        let mut docs: Vec<Doc> = Vec::new();
        // Per doc: token set and head token, before ids exist.
        let mut doc_tokens: Vec<(Vec<String>, Option<String>)> = Vec::new();
        for p in &self.pending {
            exact.entry(p.raw.clone()).or_default().push(p.entry);
            let a = &p.analysis;
            let full = key(a.outside_tokens().chain(a.inside.iter()));
            if full.is_empty() {
                continue;
            }
            let outside = key(a.outside_tokens());
            let inside = key(a.inside.iter());
            let mut keys = vec![full.clone()];
            if !outside.is_empty() && outside != full {
                keys.push(outside);
            }
            if a.inside.len() >= 2 && inside != full {
                keys.push(inside);
            }
            for k in keys {
                normalized.entry(k).or_default().push(p.entry);
            }
            let d = *doc_ids.entry(full.clone()).or_insert_with(|| {
                docs.push(Doc::default());
                let head = a.head(a.head_segment(|_| true)).map(str::to_string);
                doc_tokens.push((full.split(' ').map(str::to_string).collect(), head));
                (docs.len() - 1) as u32
            });
            docs[d as usize].entries.push(p.entry);
        }
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut heads: Vec<bool> = Vec::new();
        let mut doc_token_ids: Vec<(Vec<u32>, Option<u32>)> = Vec::with_capacity(docs.len());
        for (tokens, head) in &doc_tokens {
            let mut ids = Vec::with_capacity(tokens.len());
            for t in tokens {
                let id = *vocab.entry(t.clone()).or_insert_with(|| {
                    df.push(0);
                    heads.push(false);
                    (df.len() - 1) as u32
                });
                df[id as usize] += 1;
                ids.push(id);
            }
            let head_id = head.as_ref().and_then(|h| vocab.get(h).copied());
            if let Some(h) = head_id {
                heads[h as usize] = true;
            }
            doc_token_ids.push((ids, head_id));
        }
        let n = docs.len().max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
        for (d, (ids, head)) in doc_token_ids.iter().enumerate() {
            let mut total = 0.0;
            for &t in ids {
                let w = idf[t as usize] * if Some(t) == *head { HEAD_WEIGHT } else { 1.0 };
                total += w;
                postings[t as usize].push((d as u32, w));
            }
            docs[d].total = total;
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            docs[d].tokens = sorted;
        }
        let mut soc_vocab: Vec<Vec<u32>> = vec![Vec::new(); self.socs.len()];
        for doc in &docs {
            for &id in &doc.entries {
                let soc = self.onets[self.entries[id as usize].onet as usize].1;
                soc_vocab[soc as usize].extend(&doc.tokens);
            }
        }
        for v in &mut soc_vocab {
            v.sort_unstable();
            v.dedup();
        }
        TitleCoder {
            socs: self.socs,
            onets: self.onets,
            titles: self.titles,
            entries: self.entries,
            exact,
            normalized,
            docs,
            vocab,
            idf,
            heads,
            postings,
            soc_vocab,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(code: &str, title: &str) -> OnetOccupation {
        OnetOccupation {
            code: code.into(),
            soc: code[..7].into(),
            title: title.into(),
            description: String::new(),
        }
    }

    fn alt(code: &str, title: &str, short: Option<&str>, sources: &[&str]) -> AlternateTitle {
        AlternateTitle {
            code: code.into(),
            title: title.into(),
            short_title: short.map(str::to_string),
            sources: sources.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn small() -> TitleCoder {
        TitleCoder::new(
            &[
                occ("29-1141.00", "Registered Nurses"),
                occ("53-3032.00", "Heavy and Tractor-Trailer Truck Drivers"),
                occ("53-3033.00", "Light Truck Drivers"),
                occ("35-2014.00", "Cooks, Restaurant"),
                occ("35-2012.00", "Cooks, Institution and Cafeteria"),
                occ(
                    "43-6014.00",
                    "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
                ),
                occ("43-6013.00", "Medical Secretaries and Administrative Assistants"),
            ],
            &[
                alt("29-1141.00", "Registered Nurse (RN)", Some("RN"), &["02"]),
                alt("35-2014.00", "Line Cook", None, &["02", "04", "10"]),
                alt("35-2012.00", "Line Cook", None, &["02"]),
                alt("53-3032.00", "Driver", None, &["02", "04", "06"]),
                alt("53-3033.00", "Driver", None, &["02"]),
            ],
            &[],
        )
    }

    #[test]
    fn normalization_drops_noise_and_expands_abbreviations() {
        assert_eq!(
            normalize_title("Sr. Pharmacy Tech II - Nights (Remote)"),
            "pharmacy technician"
        );
        assert_eq!(
            normalize_title("RN - Med/Surg - $5,000 Sign-On Bonus"),
            "registered nurse medical surgical"
        );
        assert_eq!(
            normalize_title("IT Specialist (INFOSEC) GS-2210-12"),
            "it specialist infosec"
        );
        assert_eq!(
            normalize_title("Nurse (Austin, TX) Req #12345 w/ sign-on bonus"),
            "nurse"
        );
        assert_eq!(
            normalize_title("Secretaries and Administrative Assistants, Except Legal, Medical"),
            "secretary administrative assistant"
        );
        assert_eq!(normalize_title("Cook 25/hr full-time"), "cook");
    }

    #[test]
    fn head_noun_stops_at_preposition() {
        let a = analyse("Director of Nursing Services");
        assert_eq!(a.head(Some(0)), Some("director"));
        let a = analyse("Cooks, Restaurant");
        assert_eq!(a.head(a.head_segment(|_| true)), Some("cook"));
    }

    #[test]
    fn exact_then_normalized_then_tokens() {
        let c = small();
        let m = c.code("registered nurses").unwrap();
        assert_eq!((m.soc.as_str(), m.method), ("29-1141", MatchMethod::Exact));
        assert_eq!(m.confidence, 1.0);
        let m = c.code("RN - Med/Surg Nights").unwrap();
        assert_eq!(
            (m.soc.as_str(), m.method),
            ("29-1141", MatchMethod::Normalized)
        );
        let m = c.code("Tractor Trailer Driver").unwrap();
        assert_eq!((m.soc.as_str(), m.method), ("53-3032", MatchMethod::Tokens));
        assert!(m.confidence <= TOKEN_CAP);
        assert_eq!(
            c.code("Medical Administrative Assistant").unwrap().soc,
            "43-6013"
        );
        assert_eq!(
            c.code("Legal Administrative Assistant").unwrap().soc,
            "43-6014"
        );
    }

    #[test]
    fn ambiguous_titles_prefer_the_most_reported_soc_with_less_confidence() {
        let c = small();
        let m = c.code("Cook - Line").unwrap();
        assert_eq!(m.soc, "35-2014");
        assert!(m.confidence < 0.95, "{m:?}");
        let d = c.code("Driver").unwrap();
        assert_eq!(d.soc, "53-3032");
        assert!(d.confidence < 1.0);
    }

    #[test]
    fn own_titles_outrank_more_frequent_alternates() {
        let c = TitleCoder::new(
            &[occ("11-1111.00", "Widget Makers")],
            &[alt("22-2222.00", "Widget Maker", None, &["01", "02", "03"])],
            &[ReportedTitle {
                code: "33-3333.00".into(),
                title: "Gadget Fixer".into(),
            }],
        );
        assert_eq!(c.code("Widget Maker").unwrap().soc, "11-1111");
        assert_eq!(c.code("gadget fixers").unwrap().soc, "33-3333");
    }

    #[test]
    fn weak_or_empty_titles_are_not_coded() {
        let c = small();
        for t in [
            "",
            "   ",
            "Remote - Full Time",
            "$25/hr",
            "Zebra Whisperer",
            "((((",
            "-",
        ] {
            assert_eq!(c.code(t), None, "{t}");
        }
        assert!(c.code_top("Zebra Whisperer", 3).is_empty());
        assert!(c.code_top("nurse", 0).is_empty());
    }

    #[test]
    fn code_top_lists_distinct_socs_best_first() {
        let c = small();
        let top = c.code_top("Truck Driver", 3);
        let socs: HashSet<&str> = top.iter().map(|m| m.soc.as_str()).collect();
        assert_eq!(socs.len(), top.len(), "{top:?}");
        assert!(
            socs.contains("53-3032") && socs.contains("53-3033"),
            "{top:?}"
        );
        assert!(top.windows(2).all(|w| w[0].confidence >= w[1].confidence));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let c = small();
        let long = "nurse ".repeat(10_000);
        let weird = [
            "\u{0}\u{1}(",
            "é".repeat(400).as_str(),
            "$",
            ") ( ] [",
            "- - -",
        ]
        .map(str::to_string);
        for t in weird.iter().chain([long].iter()) {
            let _ = c.code(t);
            let _ = c.code_top(t, 5);
            let _ = normalize_title(t);
        }
        let empty = TitleCoder::new(&[], &[], &[]);
        assert!(empty.is_empty());
        assert_eq!(empty.code("Registered Nurse"), None);
    }
}
