//! Disaggregation and disclosure control: every metric by race/ethnicity, sex, age band, income
//! proxy and region; cells resting on fewer than `min_cell` people are suppressed (primary), and
//! more cells are suppressed (complementary) until no suppressed cell can be recovered from the
//! published total and the other cells; counts can additionally get two-sided geometric noise
//! with a stated epsilon.
//!
//! Protection rule (checked per dimension, see [`protected`]): with the total published, the
//! suppressed cells' sums are known to anyone. They are safe when at least two cells are
//! suppressed, their combined size is at least `min_cell` and exceeds the number of suppressed
//! cells (so no cell's size is pinned), and for every additive count (employed in Q2, employed in
//! Q4, attained) the suppressed sum is neither 0 nor its whole denominator (so no group's rate is
//! pinned at 0% or 100%).

use std::collections::{BTreeSet, HashMap};

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::metrics::{wilson, z_of, Estimate, GroupStats, MetricCell, PersonOutcome, DIMENSIONS};

/// How figures are protected before they leave the computation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DisclosureOptions {
    /// Cells resting on fewer people are suppressed (default 10).
    pub min_cell: usize,
    /// When set, counts get two-sided geometric noise with this epsilon per count.
    pub epsilon: Option<f64>,
    /// Interval level used when rates are recomputed from noisy counts.
    pub level: f64,
}

impl Default for DisclosureOptions {
    fn default() -> Self {
        DisclosureOptions {
            min_cell: 10,
            epsilon: None,
            level: 0.95,
        }
    }
}

/// The additive counts of one cell an adversary can do arithmetic with:
/// `(exiters, employed_q2, employed_q4, trained, attained)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Exiters.
    pub n: usize,
    /// Employed in the 2nd quarter after exit.
    pub emp2: usize,
    /// Employed in the 4th quarter after exit.
    pub emp4: usize,
    /// Received training.
    pub trained: usize,
    /// Attained the credential (of the trained).
    pub attained: usize,
}

/// True when the suppressed cells (`suppressed[i]`) cannot be recovered from the total and the
/// published cells (see the module documentation for the rule).
pub fn protected(cells: &[Counts], suppressed: &[bool], min_cell: usize) -> bool {
    let s: Vec<&Counts> = cells
        .iter()
        .zip(suppressed)
        .filter(|(_, s)| **s)
        .map(|(c, _)| c)
        .collect();
    if s.is_empty() {
        return true;
    }
    let sum = |f: fn(&Counts) -> usize| s.iter().map(|c| f(c)).sum::<usize>();
    let n = sum(|c| c.n);
    if s.len() < 2 || n < min_cell || n <= s.len() {
        return false;
    }
    let pinned = |num: usize, den: usize| den > 0 && (num == 0 || num == den);
    !(pinned(sum(|c| c.emp2), n)
        || pinned(sum(|c| c.emp4), n)
        || pinned(sum(|c| c.attained), sum(|c| c.trained)))
}

/// Chooses the suppressed cells of one dimension: primary (`n < min_cell`, or `0 < trained <
/// min_cell`), then complementary (smallest remaining cells) until [`protected`] holds or all
/// are suppressed. Returns `(suppressed, primary)` flags.
pub fn choose_suppression(cells: &[Counts], min_cell: usize) -> (Vec<bool>, Vec<bool>) {
    let primary: Vec<bool> = cells
        .iter()
        .map(|c| c.n < min_cell || (c.trained > 0 && c.trained < min_cell))
        .collect();
    let mut s = primary.clone();
    while !protected(cells, &s, min_cell) {
        let next = (0..cells.len())
            .filter(|&i| !s[i])
            .min_by_key(|&i| (cells[i].n, i));
        match next {
            Some(i) => s[i] = true,
            None => break,
        }
    }
    (s, primary)
}

/// Two-sided geometric noise with `alpha = exp(-epsilon)` (sensitivity 1).
pub fn geometric_noise(epsilon: f64, rng: &mut ChaCha8Rng) -> i64 {
    let alpha = (-epsilon).exp();
    let one = |rng: &mut ChaCha8Rng| -> i64 {
        let u: f64 = rng.gen::<f64>().max(f64::MIN_POSITIVE);
        (u.ln() / alpha.ln()).floor() as i64
    };
    one(rng) - one(rng)
}

fn counts(g: &GroupStats) -> Counts {
    Counts {
        n: g.exiters,
        emp2: g.employed_q2,
        emp4: g.employed_q4,
        trained: g.trained,
        attained: g.attained,
    }
}

fn shown(dim: &str, cat: &str, metric: &str, e: Option<Estimate>) -> MetricCell {
    match e {
        Some(e) => MetricCell {
            dimension: dim.into(),
            category: cat.into(),
            metric: metric.into(),
            value: Some(e.value),
            lower: Some(e.lower),
            upper: Some(e.upper),
            n: Some(e.n as i64),
            suppressed: None,
        },
        None => hidden(dim, cat, metric, "no data"),
    }
}

fn hidden(dim: &str, cat: &str, metric: &str, why: &str) -> MetricCell {
    MetricCell {
        dimension: dim.into(),
        category: cat.into(),
        metric: metric.into(),
        value: None,
        lower: None,
        upper: None,
        n: None,
        suppressed: Some(why.into()),
    }
}

/// Turns raw group statistics into published cells: suppression, then optional noise.
pub(crate) fn publish(
    rows: &[PersonOutcome],
    raw: HashMap<(String, String), GroupStats>,
    opts: &DisclosureOptions,
    rng: &mut ChaCha8Rng,
) -> Vec<MetricCell> {
    let k = opts.min_cell.max(1);
    let small = format!("n < {k}");
    let z = z_of(opts.level);
    let mut out = Vec::new();
    let Some(total) = raw.get(&("all".to_string(), "all".to_string())) else {
        return out;
    };
    let all_hidden = total.exiters < k;
    let mut noise = |c: usize| -> usize {
        match opts.epsilon {
            Some(e) => (c as i64 + geometric_noise(e, rng)).max(0) as usize,
            None => c,
        }
    };
    let emit = |dim: &str,
                cat: &str,
                g: &GroupStats,
                out: &mut Vec<MetricCell>,
                noise: &mut dyn FnMut(usize) -> usize| {
        let n = noise(g.exiters);
        let e2 = noise(g.employed_q2).min(n);
        let e4 = noise(g.employed_q4).min(n);
        let tr = noise(g.trained);
        let at = noise(g.attained).min(tr);
        out.push(MetricCell {
            dimension: dim.into(),
            category: cat.into(),
            metric: "exiters".into(),
            value: Some(n as f64),
            lower: None,
            upper: None,
            n: Some(n as i64),
            suppressed: None,
        });
        out.push(shown(dim, cat, "employment_q2", wilson(e2, n, z)));
        out.push(shown(dim, cat, "employment_q4", wilson(e4, n, z)));
        out.push(if g.employed_q2 < k {
            hidden(dim, cat, "median_earnings_q2", &small)
        } else {
            shown(dim, cat, "median_earnings_q2", g.median_q2)
        });
        out.push(if g.trained == 0 {
            hidden(dim, cat, "credential_attainment", "no one trained")
        } else {
            shown(dim, cat, "credential_attainment", wilson(at, tr, z))
        });
        let holders = g.attained.max(g.before.map(|e| e.n).unwrap_or(0));
        let enough = holders >= k && g.controls >= k;
        let gain = if enough && g.gain.map(|e| e.n >= k).unwrap_or(false) {
            shown(dim, cat, "gain_did", g.gain)
        } else {
            hidden(dim, cat, "gain_did", &small)
        };
        if dim == "all" {
            for (m, e) in [
                ("earnings_before", g.before),
                ("earnings_after", g.after),
                ("naive_change", g.naive_change),
                ("naive_gap", g.naive_gap),
            ] {
                out.push(if enough {
                    shown(dim, cat, m, e)
                } else {
                    hidden(dim, cat, m, &small)
                });
            }
        }
        out.push(gain);
    };
    if all_hidden {
        for (m, _) in crate::metrics::METRICS {
            out.push(hidden("all", "all", m, &small));
        }
        return out;
    }
    emit("all", "all", total, &mut out, &mut noise);
    for d in DIMENSIONS {
        let cats: BTreeSet<&str> = rows.iter().map(|r| r.group(d)).collect();
        let cats: Vec<&str> = cats.into_iter().collect();
        let stats: Vec<&GroupStats> = cats
            .iter()
            .map(|c| {
                raw.get(&(d.to_string(), c.to_string()))
                    .expect("every category has stats")
            })
            .collect();
        let cs: Vec<Counts> = stats.iter().map(|g| counts(g)).collect();
        let (sup, primary) = choose_suppression(&cs, k);
        for (i, cat) in cats.iter().enumerate() {
            if sup[i] {
                let why = if primary[i] {
                    small.as_str()
                } else {
                    "complementary"
                };
                for m in [
                    "exiters",
                    "employment_q2",
                    "employment_q4",
                    "median_earnings_q2",
                    "credential_attainment",
                    "gain_did",
                ] {
                    out.push(hidden(d, cat, m, why));
                }
            } else {
                emit(d, cat, stats[i], &mut out, &mut noise);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn c(n: usize, emp2: usize) -> Counts {
        Counts {
            n,
            emp2,
            emp4: emp2,
            trained: n,
            attained: n / 2,
        }
    }

    #[test]
    fn one_small_cell_drags_a_second_one_with_it() {
        let cells = [c(50, 30), c(40, 20), c(4, 2), c(25, 10)];
        let (s, p) = choose_suppression(&cells, 10);
        assert_eq!(p, vec![false, false, true, false]);
        assert_eq!(s, vec![false, false, true, true]);
        assert!(protected(&cells, &s, 10));
    }

    #[test]
    fn suppressed_cells_that_are_all_employed_need_more_company() {
        let cells = [c(50, 30), c(3, 3), c(12, 12), c(30, 10)];
        let (s, _) = choose_suppression(&cells, 10);
        // 3 + 12 all employed would pin both groups at 100%: a third cell joins.
        assert_eq!(s, vec![false, true, true, true]);
    }

    #[test]
    fn geometric_noise_has_the_stated_spread() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let eps = 0.5f64;
        let draws: Vec<i64> = (0..20_000)
            .map(|_| geometric_noise(eps, &mut rng))
            .collect();
        let mean = draws.iter().sum::<i64>() as f64 / draws.len() as f64;
        let var = draws
            .iter()
            .map(|d| (*d as f64 - mean).powi(2))
            .sum::<f64>()
            / draws.len() as f64;
        let alpha = (-eps).exp();
        let expected = 2.0 * alpha / (1.0 - alpha).powi(2);
        assert!(mean.abs() < 0.1, "{mean}");
        assert!((var / expected - 1.0).abs() < 0.08, "{var} vs {expected}");
    }
}
