//! The outcome measures, each with an interval: WIOA employment rates in the 2nd and 4th quarter
//! after exit, median earnings in the 2nd quarter after exit, credential attainment rate,
//! earnings in the 4 quarters before entry vs after exit, and the gain relative to matched
//! non-holders (difference-in-differences). Definitions are written out in docs/outcomes.md.
//!
//! Person-level rows exist only inside this module while computing; what leaves is
//! [`MetricCell`]s (aggregates) after disclosure control.

use std::collections::{BTreeMap, HashMap};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};

use crate::disclosure::{self, DisclosureOptions};
use crate::{OutcomesError, Participant, Quarter, WageHistory};

/// A point estimate with its interval and sample size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The estimate.
    pub value: f64,
    /// Lower bound of the interval.
    pub lower: f64,
    /// Upper bound of the interval.
    pub upper: f64,
    /// People the estimate rests on (denominator, or treated for a gain).
    pub n: usize,
    /// Numerator for rates (people employed, people who attained).
    pub count: Option<usize>,
}

/// Options for computing outcomes.
#[derive(Debug, Clone)]
pub struct MetricOptions {
    /// Interval coverage (0.95).
    pub level: f64,
    /// Bootstrap replications for the comparison-group gain.
    pub bootstrap: usize,
    /// Seed for the bootstrap and the noise.
    pub seed: u64,
    /// Disclosure control.
    pub disclosure: DisclosureOptions,
}

impl Default for MetricOptions {
    fn default() -> Self {
        MetricOptions {
            level: 0.95,
            bootstrap: 199,
            seed: 20_261_123,
            disclosure: DisclosureOptions::default(),
        }
    }
}

/// One published figure: a metric for one group (or `all`), or its suppression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricCell {
    /// `all`, `race`, `sex`, `age`, `income` or `region`.
    pub dimension: String,
    /// The group (`all` for the total).
    pub category: String,
    /// Metric id (see [`METRICS`]).
    pub metric: String,
    /// The value (rate 0–1 or dollars per quarter); `None` when suppressed.
    pub value: Option<f64>,
    /// Interval lower bound.
    pub lower: Option<f64>,
    /// Interval upper bound.
    pub upper: Option<f64>,
    /// People it rests on; `None` when suppressed.
    pub n: Option<i64>,
    /// Why it is not shown (`n < 10`, `complementary`), `None` when shown.
    pub suppressed: Option<String>,
}

/// Metric ids with their meaning, in display order.
pub const METRICS: &[(&str, &str)] = &[
    ("exiters", "participants who exited (the cohort)"),
    ("employment_q2", "employment rate, 2nd quarter after exit"),
    ("employment_q4", "employment rate, 4th quarter after exit"),
    (
        "median_earnings_q2",
        "median earnings, 2nd quarter after exit (employed)",
    ),
    ("credential_attainment", "credential attainment rate"),
    (
        "earnings_before",
        "holders' mean quarterly earnings, 4 quarters before entry",
    ),
    (
        "earnings_after",
        "holders' mean quarterly earnings, 4 quarters after exit",
    ),
    (
        "naive_change",
        "holders' after minus before (naive, biased)",
    ),
    (
        "naive_gap",
        "holders minus non-holders after exit (naive, biased)",
    ),
    (
        "gain_did",
        "gain vs matched non-holders (difference-in-differences)",
    ),
];

/// Outcomes for the participants of programmes leading to one credential.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CredentialOutcomes {
    /// The credential (registry id / CTID from `credential_id`).
    pub credential_id: String,
    /// First and last exit quarter in the cohort.
    pub exit_window: Option<(String, String)>,
    /// Participants left out because their 4 quarters before entry or after exit are outside the
    /// wage window, or they have not exited.
    pub not_observable: usize,
    /// Holders without a comparison match (excluded from the gain).
    pub unmatched: usize,
    /// All published figures, overall and by group, after disclosure control.
    pub cells: Vec<MetricCell>,
}

impl CredentialOutcomes {
    /// The overall figure for a metric.
    pub fn overall(&self, metric: &str) -> Option<&MetricCell> {
        self.cells
            .iter()
            .find(|c| c.dimension == "all" && c.metric == metric)
    }
}

/// One participant's outcomes, in memory only while computing.
#[derive(Debug, Clone)]
pub(crate) struct PersonOutcome {
    pub race: String,
    pub sex: String,
    pub age: String,
    pub region: String,
    pub income: &'static str,
    pub exit: Quarter,
    pub holder: bool,
    pub trained: bool,
    pub pre: f64,
    /// Mean quarterly earnings in quarters 8–5 before entry, the matching variable of the gain;
    /// `None` when that year lies outside the wage window.
    pub prior: Option<f64>,
    pub post: f64,
    pub q2: f64,
    pub q4: f64,
}

impl PersonOutcome {
    pub(crate) fn group(&self, dimension: &str) -> &str {
        match dimension {
            "race" => &self.race,
            "sex" => &self.sex,
            "age" => &self.age,
            "region" => &self.region,
            "income" => self.income,
            _ => "all",
        }
    }

    fn age_rank(&self) -> f64 {
        ["<25", "25-34", "35-44", "45-54", "55+"]
            .iter()
            .position(|a| *a == self.age)
            .unwrap_or(2) as f64
    }
}

/// Income proxy: mean quarterly UI earnings in the 4 quarters before entry.
fn income_band(pre: f64) -> &'static str {
    if pre <= 0.0 {
        "no prior UI earnings"
    } else if pre < 3000.0 {
        "prior < $3,000/qtr"
    } else if pre < 7500.0 {
        "prior $3,000–7,499/qtr"
    } else {
        "prior ≥ $7,500/qtr"
    }
}

/// Computes outcomes for every credential named in the participants' `credential_id`.
pub fn compute(
    participants: &[Participant],
    wages: &WageHistory,
    opts: &MetricOptions,
) -> Result<Vec<CredentialOutcomes>, OutcomesError> {
    if !(0.5..1.0).contains(&opts.level) {
        return Err(OutcomesError::Invalid(
            "interval level must be in [0.5, 1)".into(),
        ));
    }
    let Some((first, last)) = wages.window else {
        return Ok(Vec::new());
    };
    let mut by_cred: BTreeMap<&str, Vec<&Participant>> = BTreeMap::new();
    for p in participants {
        if let Some(c) = &p.credential_id {
            by_cred.entry(c).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for (i, (cred, ps)) in by_cred.into_iter().enumerate() {
        let mut rows = Vec::new();
        let mut not_observable = 0;
        for p in ps {
            let Some(exit) = p.exit else {
                not_observable += 1;
                continue;
            };
            if p.entry.plus(-4) < first || exit.plus(4) > last {
                not_observable += 1;
                continue;
            }
            let e = |q: Quarter| wages.earnings(&p.person, q);
            let pre = (1..=4).map(|k| e(p.entry.plus(-k))).sum::<f64>() / 4.0;
            let post = (1..=4).map(|k| e(exit.plus(k))).sum::<f64>() / 4.0;
            let prior = (p.entry.plus(-8) >= first)
                .then(|| (5..=8).map(|k| e(p.entry.plus(-k))).sum::<f64>() / 4.0);
            rows.push(PersonOutcome {
                race: p.race.clone(),
                sex: p.sex.clone(),
                age: p.age_band.clone(),
                region: p.region.clone(),
                income: income_band(pre),
                exit,
                holder: p.attained(),
                trained: p.trained,
                pre,
                prior,
                post,
                q2: e(exit.plus(2)),
                q4: e(exit.plus(4)),
            });
        }
        let mut rng = ChaCha8Rng::seed_from_u64(opts.seed.wrapping_add(i as u64));
        let raw = group_stats(&rows, opts, &mut rng);
        let exit_window = rows
            .iter()
            .map(|r| r.exit)
            .min()
            .zip(rows.iter().map(|r| r.exit).max())
            .map(|(a, b)| (a.to_string(), b.to_string()));
        let unmatched = raw
            .get(&("all".to_string(), "all".to_string()))
            .map(|g| g.unmatched)
            .unwrap_or(0);
        let cells = disclosure::publish(&rows, raw, &opts.disclosure, &mut rng);
        out.push(CredentialOutcomes {
            credential_id: cred.to_string(),
            exit_window,
            not_observable,
            unmatched,
            cells,
        });
    }
    Ok(out)
}

/// Unsuppressed statistics of one group, before disclosure control.
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupStats {
    pub exiters: usize,
    pub employed_q2: usize,
    pub employed_q4: usize,
    pub trained: usize,
    pub attained: usize,
    pub median_q2: Option<Estimate>,
    pub before: Option<Estimate>,
    pub after: Option<Estimate>,
    pub naive_change: Option<Estimate>,
    pub naive_gap: Option<Estimate>,
    pub gain: Option<Estimate>,
    pub unmatched: usize,
    pub controls: usize,
}

pub(crate) const DIMENSIONS: &[&str] = &["race", "sex", "age", "income", "region"];

fn group_stats(
    rows: &[PersonOutcome],
    opts: &MetricOptions,
    rng: &mut ChaCha8Rng,
) -> HashMap<(String, String), GroupStats> {
    let mut groups: HashMap<(String, String), Vec<&PersonOutcome>> = HashMap::new();
    for r in rows {
        groups
            .entry(("all".into(), "all".into()))
            .or_default()
            .push(r);
        for d in DIMENSIONS {
            groups
                .entry((d.to_string(), r.group(d).to_string()))
                .or_default()
                .push(r);
        }
    }
    let mut keys: Vec<_> = groups.keys().cloned().collect();
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let s = stats(&groups[&k], opts, rng);
            (k, s)
        })
        .collect()
}

fn stats(rows: &[&PersonOutcome], opts: &MetricOptions, rng: &mut ChaCha8Rng) -> GroupStats {
    let z = z_of(opts.level);
    let holders: Vec<&PersonOutcome> = rows.iter().copied().filter(|r| r.holder).collect();
    let others: Vec<&PersonOutcome> = rows.iter().copied().filter(|r| !r.holder).collect();
    let mut q2: Vec<f64> = rows.iter().map(|r| r.q2).filter(|w| *w > 0.0).collect();
    let before: Vec<f64> = holders.iter().map(|r| r.pre).collect();
    let after: Vec<f64> = holders.iter().map(|r| r.post).collect();
    let change: Vec<f64> = holders.iter().map(|r| r.post - r.pre).collect();
    let other_after: Vec<f64> = others.iter().map(|r| r.post).collect();
    let gain = did(&holders, &others, opts.bootstrap, opts.level, rng);
    GroupStats {
        exiters: rows.len(),
        employed_q2: rows.iter().filter(|r| r.q2 > 0.0).count(),
        employed_q4: rows.iter().filter(|r| r.q4 > 0.0).count(),
        trained: rows.iter().filter(|r| r.trained).count(),
        attained: rows.iter().filter(|r| r.trained && r.holder).count(),
        median_q2: median_ci(&mut q2, z),
        before: mean_ci(&before, z),
        after: mean_ci(&after, z),
        naive_change: mean_ci(&change, z),
        naive_gap: welch(&after, &other_after, z),
        gain: gain.as_ref().map(|g| g.0),
        unmatched: gain.as_ref().map(|g| g.1).unwrap_or(0),
        controls: others.len(),
    }
}

/// The two-sided normal quantile for a coverage level.
pub fn z_of(level: f64) -> f64 {
    Normal::new(0.0, 1.0)
        .map(|n| n.inverse_cdf(0.5 + level / 2.0))
        .unwrap_or(1.959_963_984_540_054)
}

/// Wilson score interval for `k` of `n`.
pub fn wilson(k: usize, n: usize, z: f64) -> Option<Estimate> {
    if n == 0 {
        return None;
    }
    let (kf, nf) = (k as f64, n as f64);
    let p = kf / nf;
    let d = 1.0 + z * z / nf;
    let c = (p + z * z / (2.0 * nf)) / d;
    let h = z * ((p * (1.0 - p) / nf + z * z / (4.0 * nf * nf)).sqrt()) / d;
    Some(Estimate {
        value: p,
        lower: (c - h).max(0.0),
        upper: (c + h).min(1.0),
        n,
        count: Some(k),
    })
}

/// Mean with a normal-approximation interval.
pub fn mean_ci(x: &[f64], z: f64) -> Option<Estimate> {
    let n = x.len();
    if n < 2 {
        return None;
    }
    let m = x.iter().sum::<f64>() / n as f64;
    let var = x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1) as f64;
    let h = z * (var / n as f64).sqrt();
    Some(Estimate {
        value: m,
        lower: m - h,
        upper: m + h,
        n,
        count: None,
    })
}

fn welch(a: &[f64], b: &[f64], z: f64) -> Option<Estimate> {
    let (ma, mb) = (mean_ci(a, z)?, mean_ci(b, z)?);
    let se = (((ma.upper - ma.value) / z).powi(2) + ((mb.upper - mb.value) / z).powi(2)).sqrt();
    let d = ma.value - mb.value;
    Some(Estimate {
        value: d,
        lower: d - z * se,
        upper: d + z * se,
        n: a.len(),
        count: None,
    })
}

/// Median with a distribution-free order-statistic interval (binomial ranks, normal approx).
pub fn median_ci(x: &mut [f64], z: f64) -> Option<Estimate> {
    let n = x.len();
    if n == 0 {
        return None;
    }
    x.sort_by(|a, b| a.total_cmp(b));
    let med = if n % 2 == 1 {
        x[n / 2]
    } else {
        (x[n / 2 - 1] + x[n / 2]) / 2.0
    };
    let nf = n as f64;
    let lo = ((nf / 2.0 - z * nf.sqrt() / 2.0).floor() as isize).clamp(1, n as isize) as usize;
    let hi = ((nf / 2.0 + z * nf.sqrt() / 2.0).ceil() as isize + 1).clamp(1, n as isize) as usize;
    Some(Estimate {
        value: med,
        lower: x[lo - 1],
        upper: x[hi - 1],
        n,
        count: None,
    })
}

/// Difference-in-differences against matched non-holders: each holder is matched (with
/// replacement) to the non-holder with the same exit quarter and sex and the nearest prior
/// earnings (age band breaks near-ties); the gain is the mean over holders of
/// `(after − before)_holder − (after − before)_match`. The interval is a percentile bootstrap
/// that resamples holders and non-holders and re-matches in every replication.
///
/// "Prior earnings" are those of the year *before* the baseline year (quarters 8–5 before
/// entry), not the baseline (quarters 4–1) itself: matching on the same noisy quarters that
/// are subtracted makes a holder's match someone whose baseline was transitorily high for
/// their (lower) ability, so the match's earnings regress upwards less and the gain is biased
/// upwards (regression to the mean; Daw & Hatfield 2018). On the generator's data that bias
/// was about $240 a quarter and left 16 of 24 intervals missing the truth. People whose
/// earlier year lies outside the wage window have no matching variable: such holders count as
/// unmatched and such non-holders are not used.
/// Returns the estimate and the number of holders left unmatched.
pub(crate) fn did(
    treated: &[&PersonOutcome],
    controls: &[&PersonOutcome],
    reps: usize,
    level: f64,
    rng: &mut ChaCha8Rng,
) -> Option<(Estimate, usize)> {
    let (point, used, unmatched) = match_estimate(treated, controls)?;
    let mut draws = Vec::with_capacity(reps);
    let mut t = Vec::with_capacity(treated.len());
    let mut c = Vec::with_capacity(controls.len());
    for _ in 0..reps {
        t.clear();
        c.clear();
        t.extend((0..treated.len()).map(|_| treated[rng.gen_range(0..treated.len())]));
        c.extend((0..controls.len()).map(|_| controls[rng.gen_range(0..controls.len())]));
        if let Some((v, _, _)) = match_estimate(&t, &c) {
            draws.push(v);
        }
    }
    if draws.len() < reps / 2 || draws.len() < 20 {
        return None;
    }
    draws.sort_by(|a, b| a.total_cmp(b));
    let alpha = (1.0 - level) / 2.0;
    let at = |p: f64| draws[((p * (draws.len() - 1) as f64).round() as usize).min(draws.len() - 1)];
    Some((
        Estimate {
            value: point,
            lower: at(alpha),
            upper: at(1.0 - alpha),
            n: used,
            count: None,
        },
        unmatched,
    ))
}

/// A control's matching coordinates and outcome: (prior earnings, age, change).
type ControlPoint = (f64, f64, f64);

fn match_estimate(
    treated: &[&PersonOutcome],
    controls: &[&PersonOutcome],
) -> Option<(f64, usize, usize)> {
    if treated.is_empty() || controls.is_empty() {
        return None;
    }
    let mut cells: HashMap<(Quarter, &str), Vec<ControlPoint>> = HashMap::new();
    for c in controls {
        let Some(prior) = c.prior else { continue };
        cells.entry((c.exit, c.sex.as_str())).or_default().push((
            prior,
            c.age_rank(),
            c.post - c.pre,
        ));
    }
    for v in cells.values_mut() {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let (mut sum, mut used, mut unmatched) = (0.0, 0usize, 0usize);
    for t in treated {
        let (Some(prior), Some(cell)) = (t.prior, cells.get(&(t.exit, t.sex.as_str()))) else {
            unmatched += 1;
            continue;
        };
        let pos = cell.partition_point(|c| c.0 < prior);
        let lo = pos.saturating_sub(4);
        let hi = (pos + 4).min(cell.len());
        let best = cell[lo..hi]
            .iter()
            .min_by(|a, b| {
                let da = (a.0 - prior).abs() / 1000.0 + 0.5 * (a.1 - t.age_rank()).abs();
                let db = (b.0 - prior).abs() / 1000.0 + 0.5 * (b.1 - t.age_rank()).abs();
                da.total_cmp(&db)
            })
            .expect("non-empty cell");
        sum += (t.post - t.pre) - best.2;
        used += 1;
    }
    (used > 0).then(|| (sum / used as f64, used, unmatched))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_and_median_intervals_bracket_the_estimate() {
        let w = wilson(30, 40, 1.96).unwrap();
        assert!(w.lower < 0.75 && 0.75 < w.upper && w.upper <= 1.0);
        // Known value: Wilson 95% for 30/40 is about [0.598, 0.858].
        assert!(
            (w.lower - 0.598).abs() < 0.01 && (w.upper - 0.858).abs() < 0.01,
            "{w:?}"
        );
        let mut x: Vec<f64> = (1..=101).map(f64::from).collect();
        let m = median_ci(&mut x, 1.96).unwrap();
        assert_eq!(m.value, 51.0);
        assert!(
            m.lower < 51.0 && m.upper > 51.0 && m.lower >= 40.0 && m.upper <= 62.0,
            "{m:?}"
        );
        assert!(wilson(0, 0, 1.96).is_none());
        assert!((z_of(0.95) - 1.96).abs() < 0.001);
    }
}
