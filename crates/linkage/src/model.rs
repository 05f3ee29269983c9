//! The Fellegi–Sunter model: per field and level, m = P(level | match) and u = P(level |
//! non-match); u is estimated from random pairs (almost all non-matches), m and the match prior
//! λ by expectation–maximisation over the candidate pairs' comparison vectors.

use std::collections::HashMap;

use serde::Serialize;

use crate::compare::{level, FieldSpec, Pattern};

/// Estimated parameters of one field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldModel {
    /// Field name.
    pub name: &'static str,
    /// Level labels, index = level (0 = missing).
    pub labels: Vec<&'static str>,
    /// P(level | match), index = level; entry 0 unused.
    pub m: Vec<f64>,
    /// P(level | non-match), index = level; entry 0 unused.
    pub u: Vec<f64>,
}

impl FieldModel {
    /// Match weight log2(m/u) of a level; 0 for "missing" (no evidence either way).
    pub fn weight(&self, level: u8) -> f64 {
        let l = level as usize;
        if l == 0 || l >= self.m.len() {
            return 0.0;
        }
        (self.m[l] / self.u[l]).log2()
    }
}

/// A fitted model.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// Per field.
    pub fields: Vec<FieldModel>,
    /// Estimated share of candidate pairs that are matches.
    pub lambda: f64,
    /// EM iterations run.
    pub iterations: usize,
    /// Whether EM stopped because parameters stopped changing (else it hit the limit).
    pub converged: bool,
}

/// EM settings.
#[derive(Debug, Clone, Copy)]
pub struct EmOptions {
    /// Most iterations.
    pub max_iterations: usize,
    /// Stop when no parameter moves more than this.
    pub tolerance: f64,
    /// Also re-estimate u by EM (else u stays as estimated from random pairs).
    pub update_u: bool,
}

impl Default for EmOptions {
    fn default() -> Self {
        EmOptions {
            max_iterations: 100,
            tolerance: 1e-6,
            update_u: false,
        }
    }
}

/// Level frequencies per field among patterns (with weights), Laplace-smoothed, as probabilities.
fn level_distribution(
    specs: &[FieldSpec],
    patterns: impl Iterator<Item = (Pattern, f64)> + Clone,
) -> Vec<Vec<f64>> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = s.kind.levels();
            let mut counts = vec![0.0; n];
            for (p, w) in patterns.clone() {
                let l = level(p, i) as usize;
                if l > 0 && l < n {
                    counts[l] += w;
                }
            }
            let total: f64 = counts[1..].iter().sum::<f64>() + (n - 1) as f64 * 0.5;
            (0..n)
                .map(|l| {
                    if l == 0 {
                        1.0
                    } else {
                        (counts[l] + 0.5) / total
                    }
                })
                .collect()
        })
        .collect()
}

/// Starting m: most matches agree exactly; the rest spread over the other levels.
fn initial_m(specs: &[FieldSpec]) -> Vec<Vec<f64>> {
    specs
        .iter()
        .map(|s| {
            let n = s.kind.levels();
            let rest = 0.1 / (n - 2).max(1) as f64;
            (0..n)
                .map(|l| match l {
                    0 => 1.0,
                    1 => 0.9,
                    _ => rest,
                })
                .collect()
        })
        .collect()
}

impl Model {
    /// Fits m (and λ, optionally u) by EM over the candidate patterns; u starts from the
    /// random-pair patterns. `prior` is the starting λ.
    pub fn fit(
        specs: &[FieldSpec],
        candidates: &HashMap<Pattern, u64>,
        random_pairs: &HashMap<Pattern, u64>,
        prior: f64,
        opts: EmOptions,
    ) -> Model {
        // Sorted, so sums run in the same order every time and results are reproducible.
        let sorted = |h: &HashMap<Pattern, u64>| {
            let mut v: Vec<(Pattern, f64)> = h.iter().map(|(p, c)| (*p, *c as f64)).collect();
            v.sort_by_key(|(p, _)| *p);
            v
        };
        let mut u = level_distribution(specs, sorted(random_pairs).into_iter());
        let mut m = initial_m(specs);
        let mut lambda = prior.clamp(1e-6, 0.5);
        let pats = sorted(candidates);
        let total: f64 = pats.iter().map(|(_, c)| c).sum();
        let mut iterations = 0;
        let mut converged = false;
        while iterations < opts.max_iterations && total > 0.0 {
            iterations += 1;
            let post: Vec<f64> = pats
                .iter()
                .map(|(p, _)| posterior(&m, &u, lambda, *p))
                .collect();
            let matched: f64 = pats.iter().zip(&post).map(|((_, c), q)| c * q).sum();
            let new_lambda = (matched / total).clamp(1e-9, 1.0 - 1e-9);
            let new_m =
                level_distribution(specs, pats.iter().zip(&post).map(|((p, c), q)| (*p, c * q)));
            let new_u = if opts.update_u {
                level_distribution(
                    specs,
                    pats.iter()
                        .zip(&post)
                        .map(|((p, c), q)| (*p, c * (1.0 - q))),
                )
            } else {
                u.clone()
            };
            let delta = max_delta(&m, &new_m)
                .max(max_delta(&u, &new_u))
                .max((lambda - new_lambda).abs());
            m = new_m;
            u = new_u;
            lambda = new_lambda;
            if delta < opts.tolerance {
                converged = true;
                break;
            }
        }
        let fields = specs
            .iter()
            .zip(m.into_iter().zip(u))
            .map(|(s, (m, u))| FieldModel {
                name: s.name,
                labels: (0..s.kind.levels() as u8)
                    .map(|l| s.kind.label(l))
                    .collect(),
                m,
                u,
            })
            .collect();
        Model {
            fields,
            lambda,
            iterations,
            converged,
        }
    }

    /// Fits the model as Splink does: one EM session per blocking rule on that rule's pairs,
    /// with the rule's own fields masked (they agree by construction, so their m would be
    /// biased); each field's m is the mean over the sessions that did not mask it, then λ is
    /// re-estimated over all candidates with m and u fixed. Sessions with fewer than
    /// `min_pairs` pairs are skipped; fields no session estimated keep the union fit's m.
    pub fn fit_sessions(
        specs: &[FieldSpec],
        sessions: &[(HashMap<Pattern, u64>, Vec<usize>)],
        candidates: &HashMap<Pattern, u64>,
        random_pairs: &HashMap<Pattern, u64>,
        prior: f64,
        opts: EmOptions,
    ) -> Model {
        let mut model = Model::fit(specs, candidates, random_pairs, prior, opts);
        let mut sum: Vec<Vec<f64>> = model.fields.iter().map(|f| vec![0.0; f.m.len()]).collect();
        let mut n = vec![0usize; specs.len()];
        for (pats, masked) in sessions {
            if pats.values().sum::<u64>() < 50 {
                continue;
            }
            let fit = Model::fit(specs, pats, random_pairs, prior, opts);
            for (i, f) in fit.fields.iter().enumerate() {
                if masked.contains(&i) {
                    continue;
                }
                n[i] += 1;
                for (acc, m) in sum[i].iter_mut().zip(&f.m) {
                    *acc += m;
                }
            }
            model.iterations += fit.iterations;
            model.converged &= fit.converged;
        }
        for (i, f) in model.fields.iter_mut().enumerate() {
            if n[i] > 0 {
                f.m = sum[i].iter().map(|x| x / n[i] as f64).collect();
                f.m[0] = 1.0;
            }
        }
        // λ with m and u fixed.
        let total: f64 = candidates.values().map(|c| *c as f64).sum();
        let mut pats: Vec<(Pattern, f64)> =
            candidates.iter().map(|(p, c)| (*p, *c as f64)).collect();
        pats.sort_by_key(|(p, _)| *p);
        let m: Vec<Vec<f64>> = model.fields.iter().map(|f| f.m.clone()).collect();
        let u: Vec<Vec<f64>> = model.fields.iter().map(|f| f.u.clone()).collect();
        for _ in 0..opts.max_iterations {
            if total <= 0.0 {
                break;
            }
            let matched: f64 = pats
                .iter()
                .map(|(p, c)| c * posterior(&m, &u, model.lambda, *p))
                .sum();
            let new = (matched / total).clamp(1e-9, 1.0 - 1e-9);
            let done = (new - model.lambda).abs() < opts.tolerance;
            model.lambda = new;
            if done {
                break;
            }
        }
        model
    }

    /// Re-expresses λ, estimated over the candidate pairs, over all `all_pairs` pairs: u comes
    /// from random pairs, so the prior that goes with it is the chance that a *random* pair
    /// matches (as in Splink), not the share of matches among blocked candidates. Blocking only
    /// chooses which pairs are scored; with the candidate-level λ, weak agreement on a blocking
    /// field (same postcode and given name, everything else different) scored as a likely match.
    /// Assumes blocking kept (nearly) every match, so expected matches = λ × candidates.
    pub fn scale_prior_to_all_pairs(&mut self, candidates: usize, all_pairs: f64) {
        if candidates == 0 || all_pairs <= 0.0 {
            return;
        }
        let expected_matches = self.lambda * candidates as f64;
        self.lambda = (expected_matches / all_pairs).clamp(1e-15, 0.5);
    }

    /// The prior weight log2(λ / (1 − λ)).
    pub fn prior_weight(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }

    /// Total match weight of a pattern (prior included).
    pub fn weight(&self, p: Pattern) -> f64 {
        self.prior_weight()
            + self
                .fields
                .iter()
                .enumerate()
                .map(|(i, f)| f.weight(level(p, i)))
                .sum::<f64>()
    }

    /// Posterior match probability of a pattern.
    pub fn probability(&self, p: Pattern) -> f64 {
        1.0 / (1.0 + (-self.weight(p)).exp2())
    }

    /// Each field's level and weight, e.g. `given=nickname(+5.1); dob=exact(+9.8); prior(-11.2)`.
    pub fn explain(&self, p: Pattern) -> String {
        let mut parts: Vec<String> = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let l = level(p, i);
                let label = f.labels.get(l as usize).copied().unwrap_or("?");
                format!("{}={}({:+.1})", f.name, label, f.weight(l))
            })
            .collect();
        parts.push(format!("prior({:+.1})", self.prior_weight()));
        parts.join("; ")
    }
}

fn posterior(m: &[Vec<f64>], u: &[Vec<f64>], lambda: f64, p: Pattern) -> f64 {
    let mut lm = lambda.ln();
    let mut lu = (1.0 - lambda).ln();
    for (i, (mi, ui)) in m.iter().zip(u).enumerate() {
        let l = level(p, i) as usize;
        if l > 0 && l < mi.len() {
            lm += mi[l].ln();
            lu += ui[l].ln();
        }
    }
    1.0 / (1.0 + (lu - lm).exp())
}

fn max_delta(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    a.iter()
        .zip(b)
        .flat_map(|(x, y)| x.iter().zip(y).map(|(p, q)| (p - q).abs()))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Kind;

    #[test]
    fn em_separates_two_clear_populations() {
        let specs = [
            FieldSpec {
                name: "a",
                kind: Kind::Code,
            },
            FieldSpec {
                name: "b",
                kind: Kind::Code,
            },
        ];
        let agree: Pattern = 1 | (1 << 4);
        let disagree: Pattern = 3 | (3 << 4);
        let mixed: Pattern = 1 | (3 << 4);
        let cand = HashMap::from([(agree, 100), (disagree, 800), (mixed, 100)]);
        let random = HashMap::from([(disagree, 9000), (mixed, 900), (agree, 100)]);
        let m = Model::fit(&specs, &cand, &random, 0.1, EmOptions::default());
        assert!(m.probability(agree) > 0.9, "{}", m.probability(agree));
        assert!(m.probability(disagree) < 0.01);
        assert!(m.weight(agree) > m.weight(mixed) && m.weight(mixed) > m.weight(disagree));
        assert!(m.explain(agree).contains("a=exact"));
    }
}
