//! One linkage run: choose the fields both files share, block, compare in parallel, fit the
//! Fellegi–Sunter model, pick the threshold from the estimated precision, and explain each pair.

use std::collections::{HashMap, HashSet};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use crate::block::{self, BlockStats, Rule, DEFAULT_RULES};
use crate::bloom;
use crate::compare::{Comparator, FieldSpec, Pattern};
use crate::key::LinkKey;
use crate::model::{EmOptions, Model};
use crate::person::{People, FIELDS};
use crate::LinkError;

/// How to link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Equal keyed hashes of the shared identifier (`ssn`).
    Deterministic,
    /// Fellegi–Sunter on plaintext comparisons, m/u by EM.
    Fs,
    /// Fellegi–Sunter on Dice levels of keyed Bloom-filter encodings.
    Bloom,
}

impl Method {
    /// Parses `deterministic`, `fs` or `bloom`.
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "deterministic" | "exact" => Some(Method::Deterministic),
            "fs" | "probabilistic" | "fellegi-sunter" => Some(Method::Fs),
            "bloom" | "clk" => Some(Method::Bloom),
            _ => None,
        }
    }
}

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// Method.
    pub method: Method,
    /// Blocking rules (their candidate pairs are united).
    pub rules: Vec<Rule>,
    /// Blocks with more right-hand records than this are skipped (and counted).
    pub max_block: usize,
    /// Accept pairs down to the probability where the estimated precision of all accepted pairs
    /// is still at least this.
    pub target_precision: f64,
    /// Never accept a pair below this probability, whatever the precision target allows.
    pub min_probability: f64,
    /// Keep at most one partner per record (greedy by probability).
    pub one_to_one: bool,
    /// Random pairs sampled to estimate u.
    pub random_pairs: usize,
    /// Seed of the random-pair sample.
    pub seed: u64,
    /// EM settings.
    pub em: EmOptions,
    /// Train m per blocking rule with the rule's fields masked (Splink's method); else one EM
    /// over all candidate pairs.
    pub em_per_rule: bool,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            method: Method::Fs,
            rules: DEFAULT_RULES.to_vec(),
            max_block: 5_000,
            target_precision: 0.95,
            min_probability: 0.5,
            one_to_one: false,
            random_pairs: 100_000,
            seed: 7,
            em: EmOptions::default(),
            em_per_rule: true,
        }
    }
}

/// One accepted pair.
#[derive(Debug, Clone, Serialize)]
pub struct MatchPair {
    /// Left record id.
    pub left: String,
    /// Right record id.
    pub right: String,
    /// Posterior match probability.
    pub probability: f64,
    /// Total match weight (log2 odds).
    pub weight: f64,
    /// Each field's level and weight.
    pub explanation: String,
}

/// The outcome of a run.
#[derive(Debug, Clone, Serialize)]
pub struct LinkResult {
    /// Method used.
    pub method: Method,
    /// Fields compared.
    pub fields: Vec<&'static str>,
    /// Blocking rules used.
    pub rules: Vec<&'static str>,
    /// Blocking statistics.
    pub blocking: BlockStats,
    /// The fitted model (probabilistic methods).
    pub model: Option<Model>,
    /// Probability threshold chosen.
    pub threshold: f64,
    /// Estimated precision of the accepted pairs (mean posterior).
    pub estimated_precision: f64,
    /// Estimated recall among candidate pairs (accepted posterior mass / all posterior mass).
    pub estimated_recall: f64,
    /// Accepted pairs, by left record then probability.
    pub pairs: Vec<MatchPair>,
    /// Records whose key matched more than one record on the other side (deterministic).
    pub ambiguous: usize,
}

/// Links two files of people. `key` is the shared secret (deterministic and Bloom methods); when
/// absent an ephemeral key is made for this run.
pub fn link(
    left: &People,
    right: &People,
    key: Option<&LinkKey>,
    opts: &LinkOptions,
) -> Result<LinkResult, LinkError> {
    let fields: Vec<&'static str> = FIELDS
        .iter()
        .copied()
        .filter(|f| left.fields.contains(f) && right.fields.contains(f))
        .collect();
    if fields.is_empty() {
        return Err(LinkError::Invalid(
            "the two files share no identifying field; map at least one of given, surname, dob, sex, postcode, city, address, ssn".into(),
        ));
    }
    let ephemeral;
    let key = match key {
        Some(k) => k,
        None => {
            ephemeral = LinkKey::ephemeral();
            &ephemeral
        }
    };
    match opts.method {
        Method::Deterministic => deterministic(left, right, key, fields),
        Method::Fs => {
            let cmp = Comparator::for_fields(&fields);
            let lk: Vec<_> = left
                .records
                .par_iter()
                .map(|p| block::plain_keys(p, &opts.rules))
                .collect();
            let rk: Vec<_> = right
                .records
                .par_iter()
                .map(|p| block::plain_keys(p, &opts.rules))
                .collect();
            let pat = |i: usize, j: usize| cmp.pattern(&left.records[i], &right.records[j]);
            let ids = (ids(left), ids(right));
            Ok(probabilistic(
                &ids,
                fields,
                cmp.specs.clone(),
                &lk,
                &rk,
                pat,
                opts,
            ))
        }
        Method::Bloom => {
            let le: Vec<_> = left
                .records
                .par_iter()
                .map(|p| bloom::encode(key, p, &fields, &opts.rules))
                .collect();
            let re: Vec<_> = right
                .records
                .par_iter()
                .map(|p| bloom::encode(key, p, &fields, &opts.rules))
                .collect();
            Ok(link_encoded(&le, &re, fields, opts))
        }
    }
}

fn ids(p: &People) -> Vec<&str> {
    p.records.iter().map(|r| r.id.as_str()).collect()
}

/// Links two sets of Bloom-filter encodings (the linking party's whole view: ids, filters and
/// keyed block tokens, with `fields` naming the filters in order).
pub fn link_encoded(
    left: &[bloom::Encoded],
    right: &[bloom::Encoded],
    fields: Vec<&'static str>,
    opts: &LinkOptions,
) -> LinkResult {
    let lk: Vec<_> = left.iter().map(|e| e.blocks.clone()).collect();
    let rk: Vec<_> = right.iter().map(|e| e.blocks.clone()).collect();
    let pat = |i: usize, j: usize| bloom::pattern(&left[i], &right[j]);
    let specs = bloom::specs(&fields);
    let ids = (
        left.iter().map(|e| e.id.as_str()).collect(),
        right.iter().map(|e| e.id.as_str()).collect(),
    );
    let mut res = probabilistic(&ids, fields, specs, &lk, &rk, pat, opts);
    res.method = Method::Bloom;
    res
}

fn deterministic(
    left: &People,
    right: &People,
    key: &LinkKey,
    fields: Vec<&'static str>,
) -> Result<LinkResult, LinkError> {
    if !fields.contains(&"ssn") {
        return Err(LinkError::Invalid(
            "deterministic linkage needs the shared identifier (ssn) in both files".into(),
        ));
    }
    let hash = |s: &str| (!s.is_empty()).then(|| key.mac("ssn", s.as_bytes()));
    let mut index: HashMap<[u8; 32], Vec<usize>> = HashMap::new();
    for (j, p) in right.records.iter().enumerate() {
        if let Some(h) = hash(&p.ssn) {
            index.entry(h).or_default().push(j);
        }
    }
    let mut pairs = Vec::new();
    let mut ambiguous = 0;
    for p in &left.records {
        let Some(js) = hash(&p.ssn).and_then(|h| index.get(&h)) else {
            continue;
        };
        if js.len() > 1 {
            ambiguous += 1;
        }
        for j in js {
            pairs.push(MatchPair {
                left: p.id.clone(),
                right: right.records[*j].id.clone(),
                probability: 1.0 / js.len() as f64,
                weight: f64::INFINITY,
                explanation: format!("hashed ssn equal ({} candidate(s))", js.len()),
            });
        }
    }
    let n = pairs.len();
    Ok(LinkResult {
        method: Method::Deterministic,
        fields: vec!["ssn"],
        rules: vec!["hashed ssn"],
        blocking: BlockStats {
            candidates: n,
            oversized_blocks: 0,
        },
        model: None,
        threshold: 1.0,
        estimated_precision: if n == 0 { 0.0 } else { 1.0 },
        estimated_recall: if n == 0 { 0.0 } else { 1.0 },
        pairs,
        ambiguous,
    })
}

#[allow(clippy::too_many_arguments)]
fn probabilistic<F>(
    (left, right): &(Vec<&str>, Vec<&str>),
    fields: Vec<&'static str>,
    specs: Vec<FieldSpec>,
    lk: &[Vec<Option<u64>>],
    rk: &[Vec<Option<u64>>],
    pattern: F,
    opts: &LinkOptions,
) -> LinkResult
where
    F: Fn(usize, usize) -> Pattern + Sync,
{
    let (cands, blocking) = block::candidate_pairs(lk, rk, opts.max_block);
    let patterns: Vec<Pattern> = cands
        .par_iter()
        .map(|(i, j)| pattern(*i as usize, *j as usize))
        .collect();
    let mut counts: HashMap<Pattern, u64> = HashMap::new();
    for p in &patterns {
        *counts.entry(*p).or_default() += 1;
    }
    let (nl, nr) = (left.len(), right.len());
    let mut random: HashMap<Pattern, u64> = HashMap::new();
    if nl > 0 && nr > 0 {
        let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
        let n = opts.random_pairs.min(nl.saturating_mul(nr));
        let sample: Vec<(usize, usize)> = (0..n)
            .map(|_| (rng.gen_range(0..nl), rng.gen_range(0..nr)))
            .collect();
        let pats: Vec<Pattern> = sample.par_iter().map(|(i, j)| pattern(*i, *j)).collect();
        for p in pats {
            *random.entry(p).or_default() += 1;
        }
    }
    let prior = if cands.is_empty() {
        0.01
    } else {
        nl.min(nr) as f64 / cands.len() as f64
    };
    // One training session per blocking rule, on the pairs that rule produced, with the rule's
    // fields masked (set to "missing").
    let sessions: Vec<(HashMap<Pattern, u64>, Vec<usize>)> = opts
        .rules
        .iter()
        .enumerate()
        .map(|(r, rule)| {
            let masked: Vec<usize> = specs
                .iter()
                .enumerate()
                .filter(|(_, s)| rule.fields().contains(&s.name))
                .map(|(i, _)| i)
                .collect();
            let keep = masked.iter().fold(!0u64, |acc, i| acc & !(0xF << (4 * i)));
            let mut h: HashMap<Pattern, u64> = HashMap::new();
            for (k, (i, j)) in cands.iter().enumerate() {
                let (a, b) = (&lk[*i as usize], &rk[*j as usize]);
                if a.get(r).copied().flatten().is_some() && a.get(r) == b.get(r) {
                    *h.entry(patterns[k] & keep).or_default() += 1;
                }
            }
            (h, masked)
        })
        .collect();
    let mut model = if opts.em_per_rule {
        Model::fit_sessions(&specs, &sessions, &counts, &random, prior, opts.em)
    } else {
        Model::fit(&specs, &counts, &random, prior, opts.em)
    };
    model.scale_prior_to_all_pairs(cands.len(), nl as f64 * nr as f64);
    let scored: HashMap<Pattern, (f64, f64)> = counts
        .keys()
        .map(|p| (*p, (model.probability(*p), model.weight(*p))))
        .collect();
    let prob = |k: usize| scored.get(&patterns[k]).map_or(0.0, |s| s.0);

    // Threshold: the lowest probability at which the mean posterior (estimated precision) of
    // everything accepted stays at or above the target, never below `min_probability`.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|a, b| prob(*b).total_cmp(&prob(*a)));
    let total_mass: f64 = order.iter().map(|k| prob(*k)).sum();
    let mut take = 0usize;
    let mut mass = 0.0;
    for (n, k) in order.iter().enumerate() {
        let p = prob(*k);
        if p < opts.min_probability {
            break;
        }
        mass += p;
        if mass / (n + 1) as f64 >= opts.target_precision {
            take = n + 1;
        }
    }
    let threshold = if take == 0 {
        1.0
    } else {
        prob(order[take - 1])
    };
    let mut chosen: Vec<usize> = order[..take].to_vec();
    if opts.one_to_one {
        let (mut ul, mut ur) = (HashSet::new(), HashSet::new());
        chosen.retain(|k| {
            let (i, j) = cands[*k];
            if ul.contains(&i) || ur.contains(&j) {
                return false;
            }
            ul.insert(i);
            ur.insert(j);
            true
        });
    }
    let kept_mass: f64 = chosen.iter().map(|k| prob(*k)).sum();
    let mut pairs: Vec<(u32, MatchPair)> = chosen
        .iter()
        .map(|k| {
            let (i, j) = cands[*k];
            let (p, w) = scored.get(&patterns[*k]).copied().unwrap_or((0.0, 0.0));
            (
                i,
                MatchPair {
                    left: left[i as usize].to_string(),
                    right: right[j as usize].to_string(),
                    probability: p,
                    weight: w,
                    explanation: model.explain(patterns[*k]),
                },
            )
        })
        .collect();
    pairs.sort_by(|(a, x), (b, y)| a.cmp(b).then(y.probability.total_cmp(&x.probability)));
    LinkResult {
        method: opts.method,
        fields,
        rules: opts.rules.iter().map(|r| r.name()).collect(),
        blocking,
        model: Some(model),
        threshold,
        estimated_precision: if chosen.is_empty() {
            0.0
        } else {
            kept_mass / chosen.len() as f64
        },
        estimated_recall: if total_mass > 0.0 {
            kept_mass / total_mass
        } else {
            0.0
        },
        pairs: pairs.into_iter().map(|(_, p)| p).collect(),
        ambiguous: 0,
    }
}
