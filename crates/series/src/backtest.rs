//! Rolling-origin backtests: how far off the forecasts were on months held out from the fit.

use serde::{Deserialize, Serialize};

use crate::forecast::{check_horizon, Bands, FittedModel};
use crate::{MonthlySeries, SeriesError, YearMonth, MIN_MONTHS, SEASON_LENGTH};

/// Interval levels whose empirical coverage every backtest reports.
pub const BACKTEST_LEVELS: [f64; 2] = [0.80, 0.95];

/// How often the held-out months fell inside the intervals of one nominal level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Nominal level of the intervals, e.g. 0.8.
    pub level: f64,
    /// Held-out months inside `[lower, upper]`.
    pub covered: usize,
    /// Held-out months evaluated.
    pub total: usize,
    /// `covered / total`: compare with `level`.
    pub empirical: f64,
}

/// One forecast origin: the model fitted on the months before it, scored on the next ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fold {
    /// Last month of the training window.
    pub origin: YearMonth,
    /// Months the model was fitted on.
    pub n_train: usize,
    /// The model fitted at this origin.
    pub method: String,
    /// Observed counts of the held-out months.
    pub actual: Vec<f64>,
    /// The model's point forecasts for those months.
    pub forecast: Vec<f64>,
    /// The seasonal-naive baseline's forecasts for those months.
    pub baseline: Vec<f64>,
    /// Mean absolute error of `forecast`.
    pub mae: f64,
    /// Mean absolute error of `baseline`.
    pub baseline_mae: f64,
}

/// Errors of a rolling-origin evaluation, the model against a seasonal-naive baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// Months forecast from each origin.
    pub horizon: usize,
    /// One entry per origin, oldest first.
    pub folds: Vec<Fold>,
    /// Held-out (origin, month) pairs scored, `folds × horizon`.
    pub n_points: usize,
    /// Mean absolute error of the model over all held-out points.
    pub mae: f64,
    /// Symmetric MAPE of the model in percent (0–200; a 0-vs-0 month counts as 0 error).
    pub smape: f64,
    /// Description of the baseline.
    pub baseline: String,
    /// Mean absolute error of the baseline over the same points.
    pub baseline_mae: f64,
    /// Symmetric MAPE of the baseline in percent.
    pub baseline_smape: f64,
    /// `mae / baseline_mae`: below 1 means the model beats the baseline (None if baseline is perfect).
    pub relative_mae: Option<f64>,
    /// Empirical coverage of the model's intervals at each of [`BACKTEST_LEVELS`].
    pub coverage: Vec<Coverage>,
}

/// Scores forecasts from `folds` rolling origins, each `horizon` months ahead.
///
/// Origins are one month apart and the last one leaves exactly `horizon` months after it, so
/// the fold `i` (0-based) trains on the first `n - horizon - (folds - 1 - i)` months and is
/// scored on the following `horizon` months. Every fold refits the model from scratch
/// (including the seasonal/non-seasonal choice). The baseline repeats the same month of the
/// previous year (plain last value when a window has under 12 months). Needs
/// `MIN_MONTHS + horizon + folds - 1` months, else [`SeriesError::InsufficientHistory`].
pub fn backtest(
    series: &MonthlySeries,
    horizon: usize,
    folds: usize,
) -> Result<Backtest, SeriesError> {
    series.validate()?;
    check_horizon(horizon)?;
    if folds == 0 {
        return Err(SeriesError::NoFolds);
    }
    let n = series.len();
    let needed = MIN_MONTHS + horizon + folds - 1;
    if n < needed {
        return Err(SeriesError::InsufficientHistory {
            needed,
            available: n,
        });
    }
    let mut out = Vec::with_capacity(folds);
    let mut covered = [0usize; BACKTEST_LEVELS.len()];
    let (mut abs_err, mut abs_err_base, mut smape, mut smape_base) = (0.0, 0.0, 0.0, 0.0);
    for i in 0..folds {
        let n_train = n - horizon - (folds - 1 - i);
        let train = &series.values[..n_train];
        let actual = series.values[n_train..n_train + horizon].to_vec();
        let model = FittedModel::fit(train)?;
        let mut forecast = Vec::new();
        for (k, &level) in BACKTEST_LEVELS.iter().enumerate() {
            let Bands { mean, lower, upper } = model.predict(horizon, level)?;
            covered[k] += actual
                .iter()
                .zip(lower.iter().zip(&upper))
                .filter(|&(&y, (&l, &u))| l <= y && y <= u)
                .count();
            forecast = mean;
        }
        let baseline = seasonal_naive(train, horizon);
        let fold_abs: f64 = abs_errors(&actual, &forecast).sum();
        let fold_abs_base: f64 = abs_errors(&actual, &baseline).sum();
        abs_err += fold_abs;
        abs_err_base += fold_abs_base;
        smape += smape_sum(&actual, &forecast);
        smape_base += smape_sum(&actual, &baseline);
        out.push(Fold {
            origin: series.month_at(n_train - 1).ok_or(SeriesError::Empty)?,
            n_train,
            method: model.method,
            actual,
            forecast,
            baseline,
            mae: fold_abs / horizon as f64,
            baseline_mae: fold_abs_base / horizon as f64,
        });
    }
    let n_points = folds * horizon;
    let total = n_points as f64;
    let (mae, baseline_mae) = (abs_err / total, abs_err_base / total);
    Ok(Backtest {
        horizon,
        folds: out,
        n_points,
        mae,
        smape: smape / total,
        baseline: format!("seasonal naive (same month {SEASON_LENGTH} months earlier)"),
        baseline_mae,
        baseline_smape: smape_base / total,
        relative_mae: (baseline_mae > 0.0).then(|| mae / baseline_mae),
        coverage: BACKTEST_LEVELS
            .iter()
            .zip(covered)
            .map(|(&level, covered)| Coverage {
                level,
                covered,
                total: n_points,
                empirical: covered as f64 / total,
            })
            .collect(),
    })
}

/// Forecast that repeats the value of the same month a year earlier (last value if < 1 year).
fn seasonal_naive(train: &[f64], horizon: usize) -> Vec<f64> {
    let n = train.len();
    (0..horizon)
        .map(|h| {
            if n >= SEASON_LENGTH {
                train[n - SEASON_LENGTH + h % SEASON_LENGTH]
            } else {
                train[n - 1]
            }
        })
        .collect()
}

/// Absolute errors of a forecast against the held-out values.
fn abs_errors<'a>(actual: &'a [f64], forecast: &'a [f64]) -> impl Iterator<Item = f64> + 'a {
    actual.iter().zip(forecast).map(|(y, f)| (y - f).abs())
}

/// Sum of per-month sMAPE terms `200 |y - f| / (|y| + |f|)`, 0 when both are 0.
fn smape_sum(actual: &[f64], forecast: &[f64]) -> f64 {
    actual
        .iter()
        .zip(forecast)
        .map(|(y, f)| {
            let denom = y.abs() + f.abs();
            if denom == 0.0 {
                0.0
            } else {
                200.0 * (y - f).abs() / denom
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seasonal_naive_repeats_last_year() {
        let train: Vec<f64> = (0..24).map(f64::from).collect();
        assert_eq!(seasonal_naive(&train, 3), vec![12.0, 13.0, 14.0]);
        assert_eq!(seasonal_naive(&train, 13)[12], 12.0);
        assert_eq!(seasonal_naive(&train[..5], 2), vec![4.0, 4.0]);
    }

    #[test]
    fn smape_treats_zero_against_zero_as_exact() {
        assert_eq!(smape_sum(&[0.0, 10.0], &[0.0, 10.0]), 0.0);
        assert_eq!(smape_sum(&[0.0], &[5.0]), 200.0);
    }
}
