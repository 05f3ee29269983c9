//! Resolution of many records into clusters with one canonical record each.
//!
//! 1. Every record is normalized once ([`Profile`]).
//! 2. **Blocking**: records are grouped under a few keys — their acronyms and initials, their
//!    full normalized key, and their three rarest match tokens (tokens in more than
//!    [`MAX_BLOCK`] records are skipped). Only records that share a block are compared.
//! 3. Each candidate pair is scored ([`crate::score`]); reviewed overrides replace the score.
//! 4. Links at or above the threshold are merged in descending confidence, except where a merge
//!    would put two records with a conflict guard or a `different` override in one cluster.
//! 5. Each cluster's canonical record: a CTDL record with a CTID first, then live over retired,
//!    then the longest name, then the smallest id.

use std::collections::{BTreeSet, HashMap};

use credence_model::{Diagnostic, Lifecycle, Location, Record};
use serde::{Deserialize, Serialize};

use crate::overrides::{Decision, Overrides};
use crate::score::{score_profiles, Candidate, PairScore, Profile, Rule};

/// Blocks up to this size are compared all-pairs; larger ones only within a sliding window.
pub const MAX_BLOCK: usize = 40;
/// Sorted-neighbourhood window used inside blocks larger than [`MAX_BLOCK`].
pub const WINDOW: usize = 4;
/// How many of a record's rarest tokens become blocking keys.
const RARE_TOKENS: usize = 3;

/// Agent roles that name a credential's issuer, in order of preference.
const ISSUER_ROLES: &[&str] = &[
    "ceterms:ownedBy",
    "ceterms:offeredBy",
    "nj:issuer",
    "ceterms:regulatedBy",
];

/// A same-as link between two records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SameAs {
    /// First record id (the smaller).
    pub a: String,
    /// Second record id.
    pub b: String,
    /// 0.0–1.0; 1.0 for a `same` override.
    pub confidence: f64,
    /// Which rule or override fired, with the scores.
    pub reason: String,
}

/// One resolved credential: the canonical record and every record that is the same credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Id of the canonical record.
    pub canonical: String,
    /// Ids of all members, canonical included, sorted.
    pub members: Vec<String>,
}

/// Counts that show how much work blocking saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionStats {
    /// Records given.
    pub records: usize,
    /// Pairs compared after blocking.
    pub compared_pairs: usize,
    /// Links at or above the threshold (or `same` overrides).
    pub links: usize,
    /// Links not merged because the merge would join conflicting records.
    pub held_back: usize,
}

/// The outcome of [`resolve`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    /// Every record in exactly one cluster (singletons included), ordered by canonical id.
    pub clusters: Vec<Cluster>,
    /// Links that were merged, ordered by ids.
    pub links: Vec<SameAs>,
    /// Work done.
    pub stats: ResolutionStats,
    /// Overrides that name records not given.
    pub diagnostics: Vec<Diagnostic>,
}

impl Resolution {
    /// The cluster a record belongs to.
    pub fn cluster_of(&self, id: &str) -> Option<&Cluster> {
        self.clusters
            .iter()
            .find(|c| c.members.iter().any(|m| m == id))
    }
}

/// The issuer name (or id) of a record, from its owner, offerer, NJ issuer or regulator.
pub fn issuer_of(record: &Record) -> Option<String> {
    ISSUER_ROLES.iter().find_map(|role| {
        record
            .agents_in(role)
            .find_map(|a| a.name.clone().or_else(|| a.id.clone()))
            .filter(|s| !s.trim().is_empty())
    })
}

impl Candidate {
    /// The comparison view of a record.
    pub fn from_record(record: &Record) -> Candidate {
        Candidate {
            id: record.id.clone(),
            name: record.name.clone(),
            issuer: issuer_of(record),
            alternate_names: record.alternate_names.clone(),
            is_license: record.classified && record.ctdl_type == "ceterms:License",
        }
    }
}

/// Resolves records into clusters with same-as links; overrides win over scores.
pub fn resolve(records: &[Record], overrides: &Overrides) -> Resolution {
    let profiles: Vec<Profile> = records
        .iter()
        .map(|r| Profile::new(&Candidate::from_record(r)))
        .collect();
    let index: HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let pairs = candidate_pairs(&profiles);
    let mut stats = ResolutionStats {
        records: records.len(),
        compared_pairs: pairs.len(),
        ..Default::default()
    };
    let mut scored: Vec<(usize, usize, PairScore)> = pairs
        .into_iter()
        .map(|(i, j)| {
            let s = decide(records, &profiles, overrides, i, j);
            (i, j, s)
        })
        .filter(|(_, _, s)| s.same)
        .collect();
    let diagnostics = forced_links(overrides, &index, &mut scored);
    stats.links = scored.len();
    scored.sort_by(|x, y| {
        y.2.confidence
            .total_cmp(&x.2.confidence)
            .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
    });
    let (clusters, links, held_back) = merge(records, &profiles, overrides, scored);
    stats.held_back = held_back;
    Resolution {
        clusters,
        links,
        stats,
        diagnostics,
    }
}

/// The score of a pair, replaced by an override when one exists.
fn decide(
    records: &[Record],
    profiles: &[Profile],
    overrides: &Overrides,
    i: usize,
    j: usize,
) -> PairScore {
    match overrides.get(&records[i].id, &records[j].id) {
        Some(o) => override_score(o.decision, &o.reason, &o.source),
        None => score_profiles(&profiles[i], &profiles[j]),
    }
}

/// The score an override imposes.
fn override_score(decision: Decision, reason: &str, source: &str) -> PairScore {
    let same = decision == Decision::Same;
    PairScore {
        confidence: if same { 1.0 } else { 0.0 },
        same,
        rule: Rule::Override,
        reason: format!("override ({source}): {reason}"),
    }
}

/// Adds `same` overrides whose records blocking never paired; reports unknown ids.
fn forced_links(
    overrides: &Overrides,
    index: &HashMap<&str, usize>,
    scored: &mut Vec<(usize, usize, PairScore)>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let present: BTreeSet<(usize, usize)> = scored.iter().map(|(i, j, _)| (*i, *j)).collect();
    for o in overrides.entries() {
        let (Some(&x), Some(&y)) = (index.get(o.a_id.as_str()), index.get(o.b_id.as_str())) else {
            let (file, line) = o.source.split_once(": ").unwrap_or((&o.source, ""));
            let loc = Location::file(file).record(line).field("a_id");
            let msg = format!(
                "override names `{}`/`{}`, not both among the records",
                o.a_id, o.b_id
            );
            diags.push(Diagnostic::warning(loc, msg));
            continue;
        };
        let (i, j) = (x.min(y), x.max(y));
        if o.decision == Decision::Same && !present.contains(&(i, j)) {
            scored.push((i, j, override_score(o.decision, &o.reason, &o.source)));
        }
    }
    diags
}

/// Blocking: pairs of records that share an acronym, a full key or a rare token.
fn candidate_pairs(profiles: &[Profile]) -> Vec<(usize, usize)> {
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for p in profiles {
        let unique: BTreeSet<&str> = p.name.tokens.iter().map(String::as_str).collect();
        for t in unique {
            *freq.entry(t).or_default() += 1;
        }
    }
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in profiles.iter().enumerate() {
        for k in block_keys(p, &freq) {
            blocks.entry(k).or_default().push(i);
        }
    }
    let mut pairs = BTreeSet::new();
    for members in blocks.values_mut() {
        let reach = if members.len() <= MAX_BLOCK {
            members.len()
        } else {
            members.sort_by_cached_key(|&i| (profiles[i].name.key(), i));
            WINDOW
        };
        for (n, &i) in members.iter().enumerate() {
            for &j in members.iter().skip(n + 1).take(reach) {
                if i != j {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.into_iter().collect()
}

/// A record's blocking keys.
fn block_keys(p: &Profile, freq: &HashMap<&str, usize>) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    keys.insert(format!("k:{}", p.name.key()));
    for a in p.acronyms.iter().chain(&p.name.initials) {
        keys.insert(format!("a:{a}"));
    }
    if p.acronym_only() {
        keys.extend(p.name.tokens.iter().map(|t| format!("a:{t}")));
    }
    let mut rare: Vec<&String> = p
        .name
        .tokens
        .iter()
        .filter(|t| freq.get(t.as_str()).copied().unwrap_or(0) <= MAX_BLOCK)
        .collect();
    rare.sort_by_key(|t| (freq.get(t.as_str()).copied().unwrap_or(0), t.as_str()));
    rare.dedup();
    keys.extend(rare.into_iter().take(RARE_TOKENS).map(|t| format!("t:{t}")));
    keys
}

/// Union of accepted links, refusing merges that would join conflicting records.
fn merge(
    records: &[Record],
    profiles: &[Profile],
    overrides: &Overrides,
    links: Vec<(usize, usize, PairScore)>,
) -> (Vec<Cluster>, Vec<SameAs>, usize) {
    let mut members: Vec<Vec<usize>> = (0..records.len()).map(|i| vec![i]).collect();
    let mut owner: Vec<usize> = (0..records.len()).collect();
    let mut kept = Vec::new();
    let mut held_back = 0;
    for (i, j, s) in links {
        let (ci, cj) = (owner[i], owner[j]);
        if ci == cj {
            kept.push(same_as(records, i, j, &s));
            continue;
        }
        let forced = s.rule == Rule::Override;
        if !forced && clusters_conflict(records, profiles, overrides, &members[ci], &members[cj]) {
            held_back += 1;
            continue;
        }
        let moved = std::mem::take(&mut members[cj]);
        for &m in &moved {
            owner[m] = ci;
        }
        members[ci].extend(moved);
        kept.push(same_as(records, i, j, &s));
    }
    kept.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    (build_clusters(records, members), kept, held_back)
}

/// True when any cross pair is a `different` override or falls below the threshold by a conflict.
fn clusters_conflict(
    records: &[Record],
    profiles: &[Profile],
    overrides: &Overrides,
    x: &[usize],
    y: &[usize],
) -> bool {
    x.iter().any(|&i| {
        y.iter()
            .any(|&j| match overrides.get(&records[i].id, &records[j].id) {
                Some(o) => o.decision == Decision::Different,
                None => score_profiles(&profiles[i], &profiles[j]).rule == Rule::Conflict,
            })
    })
}

/// A link in id order.
fn same_as(records: &[Record], i: usize, j: usize, s: &PairScore) -> SameAs {
    let (a, b) = (&records[i].id, &records[j].id);
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    SameAs {
        a: a.clone(),
        b: b.clone(),
        confidence: s.confidence,
        reason: s.reason.clone(),
    }
}

/// Non-empty member lists to clusters with their canonical record.
fn build_clusters(records: &[Record], members: Vec<Vec<usize>>) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .filter_map(|m| {
            let best = m
                .iter()
                .copied()
                .min_by(|&a, &b| canonical_order(&records[a], &records[b]))?;
            let mut ids: Vec<String> = m.iter().map(|&i| records[i].id.clone()).collect();
            ids.sort();
            Some(Cluster {
                canonical: records[best].id.clone(),
                members: ids,
            })
        })
        .collect();
    clusters.sort_by(|a, b| a.canonical.cmp(&b.canonical));
    clusters
}

/// Canonical preference: CTID first, then live over unknown over retired, then longest name, then id.
fn canonical_order(a: &Record, b: &Record) -> std::cmp::Ordering {
    let live = |r: &Record| match r.lifecycle {
        Lifecycle::Active => 0,
        Lifecycle::Unknown => 1,
        Lifecycle::Retired => 2,
    };
    a.ctid
        .is_none()
        .cmp(&b.ctid.is_none())
        .then_with(|| live(a).cmp(&live(b)))
        .then_with(|| {
            b.name
                .trim()
                .chars()
                .count()
                .cmp(&a.name.trim().chars().count())
        })
        .then_with(|| a.id.cmp(&b.id))
}
