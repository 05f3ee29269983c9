//! Forecasts of a monthly series with prediction intervals: STL + AutoETS via augurs.

use std::panic::{catch_unwind, AssertUnwindSafe};

use augurs_core::{Fit, Predict};
use augurs_ets::{AutoETS, FittedAutoETS};
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};

use crate::{MonthlySeries, SeriesError, YearMonth};

/// Fewest months any forecast is made from; shorter series get
/// [`SeriesError::InsufficientHistory`] rather than a guess.
pub const MIN_MONTHS: usize = 8;
/// Months needed (two full years) before a 12-month seasonal pattern is estimated.
pub const SEASONAL_MIN_MONTHS: usize = 2 * SEASON_LENGTH;
/// Length of the seasonal cycle of monthly data.
pub const SEASON_LENGTH: usize = 12;
/// Longest horizon accepted: beyond two years a monthly demand forecast is not meaningful.
pub const MAX_HORIZON: usize = 24;
/// Version of `augurs-ets` named in [`Forecast::method`] (a test checks it against Cargo.lock).
pub const AUGURS_ETS_VERSION: &str = "0.10.3";
/// Version of `stlrs` named in [`Forecast::method`] (a test checks it against Cargo.lock).
pub const STLRS_VERSION: &str = "0.4.0";

/// Length of the STL seasonal smoother (odd, in cycles); 13 keeps the pattern close to fixed.
const STL_SEASONAL_SMOOTHER: usize = 13;

/// One forecast month: the point forecast and its prediction interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastPoint {
    /// The month forecast.
    pub month: YearMonth,
    /// Point forecast (mean of the predictive distribution), clamped at 0.
    pub mean: f64,
    /// Lower interval bound, clamped at 0 because counts cannot be negative.
    pub lower: f64,
    /// Upper interval bound (clamped at 0 too, which only matters for a collapsing series).
    pub upper: f64,
}

/// A forecast of the months after a series ends, with the model that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// One point per month, starting the month after the series' last month.
    pub points: Vec<ForecastPoint>,
    /// The model actually fitted, e.g. `STL(12) + AutoETS(A,Ad,N) via augurs-ets 0.10.3, stlrs 0.4.0`.
    pub method: String,
    /// Nominal coverage of each interval, e.g. 0.95.
    pub level: f64,
    /// Months of history the model was fitted on.
    pub n_train: usize,
    /// Factor (>= 1) by which the analytic ETS interval half-widths were widened after
    /// checking them on forecasts made inside the history (1 = not widened / not calibrated).
    pub interval_scale: f64,
}

/// Projects a monthly count series `horizon` months ahead with `level` prediction intervals.
///
/// Method (see `docs/forecasting.md`):
/// * at least [`SEASONAL_MIN_MONTHS`] (24) months: STL decomposition with period 12
///   (`stlrs`), then AutoETS restricted to additive errors and no seasonality (ANN, AAN or
///   AAdN, chosen by AICc, `augurs-ets`) on the seasonally adjusted series; the last estimated
///   year of the seasonal component is added back to the mean and both interval bounds;
/// * [`MIN_MONTHS`]..24 months: the same AutoETS on the raw series (trend, no seasonality);
/// * fewer months: [`SeriesError::InsufficientHistory`].
///
/// Intervals start from the analytic Gaussian intervals of the selected ETS model (Hyndman
/// et al. 2008, class 1), computed by `augurs-ets`. Those assume the fitted parameters and
/// seasonal pattern are exact and covered only ~61% / ~83% at nominal 80% / 95% in our
/// synthetic backtests, so their half-widths are multiplied by a factor (≥ 1, ≤ 3) measured
/// on forecasts from the last 12 origins inside the history: the root mean square of the
/// errors divided by the model's own predictive standard deviation
/// ([`Forecast::interval_scale`]; 1 when there are fewer than 10 such errors). Counts cannot
/// be negative, so `mean`, `lower` and `upper` are clamped at 0: a clamped lower bound means
/// the interval reaches zero demand.
///
/// Rejects an invalid series, an all-zero series, `horizon` outside `1..=MAX_HORIZON` and a
/// `level` not strictly between 0 and 1.
pub fn forecast(
    series: &MonthlySeries,
    horizon: usize,
    level: f64,
) -> Result<Forecast, SeriesError> {
    series.validate()?;
    check_horizon(horizon)?;
    check_level(level)?;
    let model = FittedModel::fit(&series.values)?;
    let Bands { mean, lower, upper } = model.predict(horizon, level)?;
    let (last, _) = series.last().ok_or(SeriesError::Empty)?;
    let mut points = Vec::with_capacity(horizon);
    for (h, ((mean, lower), upper)) in mean.into_iter().zip(lower).zip(upper).enumerate() {
        let month = last
            .add_months(h as i64 + 1)
            .ok_or_else(|| SeriesError::InvalidMonth {
                input: format!("{last} + {} months", h + 1),
            })?;
        points.push(ForecastPoint {
            month,
            mean,
            lower,
            upper,
        });
    }
    Ok(Forecast {
        points,
        method: model.method,
        level,
        n_train: series.len(),
        interval_scale: model.interval_scale,
    })
}

/// Rejects horizons of 0 or beyond [`MAX_HORIZON`].
pub(crate) fn check_horizon(horizon: usize) -> Result<(), SeriesError> {
    if (1..=MAX_HORIZON).contains(&horizon) {
        Ok(())
    } else {
        Err(SeriesError::InvalidHorizon {
            horizon,
            max: MAX_HORIZON,
        })
    }
}

/// Rejects interval levels that are not a probability strictly between 0 and 1.
fn check_level(level: f64) -> Result<(), SeriesError> {
    if level.is_finite() && level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(SeriesError::InvalidLevel { level })
    }
}

/// A model fitted once to a training window; backtests predict from it at several levels.
pub(crate) struct FittedModel {
    /// The smoothing model of the (seasonally adjusted) series, plus the seasonal tail.
    core: CoreModel,
    /// Factor (≥ 1) applied to the analytic interval half-widths, from in-sample origins.
    pub(crate) interval_scale: f64,
    /// Human-readable description of what was fitted, calibration included.
    pub(crate) method: String,
}

impl FittedModel {
    /// Fits the model to already validated, non-negative values and calibrates its intervals.
    pub(crate) fn fit(values: &[f64]) -> Result<Self, SeriesError> {
        let n = values.len();
        if n == 0 {
            return Err(SeriesError::Empty);
        }
        if n < MIN_MONTHS {
            return Err(SeriesError::InsufficientHistory {
                needed: MIN_MONTHS,
                available: n,
            });
        }
        if values.iter().all(|&v| v == 0.0) {
            return Err(SeriesError::AllZero { months: n });
        }
        // augurs-ets describes itself as in development and has panicking paths for model
        // classes we never request; the guard turns any surprise into an error, not a crash.
        let core = catch_unwind(AssertUnwindSafe(|| CoreModel::fit(values)))
            .unwrap_or_else(|_| Err(SeriesError::Model("the model library panicked".into())))?;
        let (interval_scale, n_errors) = calibrate(values, core.season.is_some());
        let method = if n_errors > 0 {
            format!(
                "{}; intervals x{interval_scale:.2} from {n_errors} in-sample rolling-origin errors",
                core.method
            )
        } else {
            format!(
                "{}; intervals uncalibrated (too little history)",
                core.method
            )
        };
        Ok(Self {
            core,
            interval_scale,
            method,
        })
    }

    /// Point forecasts and calibrated interval bounds for `horizon` months, clamped at 0.
    pub(crate) fn predict(&self, horizon: usize, level: f64) -> Result<Bands, SeriesError> {
        let z = normal_quantile(level)?;
        let (mean, sd) = self.core.predict(horizon)?;
        let mut lower = Vec::with_capacity(horizon);
        let mut upper = Vec::with_capacity(horizon);
        for (m, s) in mean.iter().zip(&sd) {
            let half = z * s * self.interval_scale;
            lower.push((m - half).max(0.0));
            upper.push((m + half).max(0.0));
        }
        Ok(Bands {
            mean: mean.into_iter().map(|m| m.max(0.0)).collect(),
            lower,
            upper,
        })
    }
}

/// Clamped point forecasts and interval bounds, one entry per step ahead.
pub(crate) struct Bands {
    /// Point forecasts.
    pub(crate) mean: Vec<f64>,
    /// Lower interval bounds.
    pub(crate) lower: Vec<f64>,
    /// Upper interval bounds.
    pub(crate) upper: Vec<f64>,
}

/// Most recent training origins used to calibrate interval widths.
const CALIBRATION_ORIGINS: usize = 12;
/// Fewest standardized errors for which a calibration factor is trusted (else factor 1).
const CALIBRATION_MIN_ERRORS: usize = 10;
/// Largest calibration factor applied, so one wild month cannot blow intervals up.
const CALIBRATION_MAX_SCALE: f64 = 3.0;

/// Interval inflation factor from forecasts made inside the training data, and how many
/// errors it rests on.
///
/// Refits the same model class at each of the last [`CALIBRATION_ORIGINS`] origins that leave
/// enough history, forecasts the remaining in-sample months (up to [`MAX_HORIZON`]), and
/// standardizes each error by the model's own predictive standard deviation. The factor is the
/// root mean square of those z-scores, never below 1 (the analytic intervals are kept as a
/// floor) nor above [`CALIBRATION_MAX_SCALE`]. Failed refits are skipped.
fn calibrate(values: &[f64], seasonal: bool) -> (f64, usize) {
    let n = values.len();
    let min_origin = if seasonal {
        SEASONAL_MIN_MONTHS
    } else {
        MIN_MONTHS
    };
    let first = min_origin.max(n.saturating_sub(CALIBRATION_ORIGINS));
    let mut sum_sq = 0.0;
    let mut count = 0usize;
    for origin in first..n {
        let train = &values[..origin];
        if train.iter().all(|&v| v == 0.0) {
            continue;
        }
        let steps = (n - origin).min(MAX_HORIZON);
        let Ok(Ok(model)) = catch_unwind(AssertUnwindSafe(|| CoreModel::fit(train))) else {
            continue;
        };
        let Ok((mean, sd)) = model.predict(steps) else {
            continue;
        };
        for ((m, s), y) in mean.iter().zip(&sd).zip(&values[origin..]) {
            if *s > 0.0 {
                sum_sq += ((y - m) / s).powi(2);
                count += 1;
            }
        }
    }
    if count < CALIBRATION_MIN_ERRORS {
        return (1.0, 0);
    }
    let scale = (sum_sq / count as f64).sqrt();
    if scale.is_finite() {
        (scale.clamp(1.0, CALIBRATION_MAX_SCALE), count)
    } else {
        (1.0, 0)
    }
}

/// Level at which augurs-ets is asked for intervals; only used to read off the standard deviation.
const SD_PROBE_LEVEL: f64 = 0.8;

/// Two-sided standard normal quantile `z` with `P(|Z| <= z) = level`, from statrs.
fn normal_quantile(level: f64) -> Result<f64, SeriesError> {
    let normal = Normal::standard();
    let z = normal.inverse_cdf(0.5 + level / 2.0);
    if z.is_finite() && z > 0.0 {
        Ok(z)
    } else {
        Err(SeriesError::InvalidLevel { level })
    }
}

/// STL (when seasonal) + AutoETS, fitted once, before any interval calibration.
struct CoreModel {
    /// The smoothing model of the (seasonally adjusted) series.
    ets: FittedAutoETS,
    /// The last full year of the STL seasonal component, when seasonality was modelled.
    season: Option<Vec<f64>>,
    /// Human-readable description of what was fitted.
    method: String,
}

impl CoreModel {
    /// The fit itself: STL when there are two full years, then AutoETS.
    fn fit(values: &[f64]) -> Result<Self, SeriesError> {
        let (adjusted, season) = if values.len() >= SEASONAL_MIN_MONTHS {
            let stl = stlrs::params()
                .seasonal_length(STL_SEASONAL_SMOOTHER)
                .fit(values, SEASON_LENGTH)
                .map_err(|e| SeriesError::Model(format!("STL decomposition: {e}")))?;
            let seasonal = stl.seasonal();
            let adjusted: Vec<f64> = values.iter().zip(seasonal).map(|(y, s)| y - s).collect();
            let tail = seasonal[seasonal.len() - SEASON_LENGTH..].to_vec();
            (adjusted, Some(tail))
        } else {
            (values.to_vec(), None)
        };
        // Additive errors only: multiplicative-error ETS has no analytic intervals in
        // augurs-ets and is undefined for months with zero postings.
        let auto = AutoETS::new(1, "AZN").map_err(|e| SeriesError::Model(e.to_string()))?;
        let ets = auto
            .fit(&adjusted)
            .map_err(|e| SeriesError::Model(format!("AutoETS: {e}")))?;
        let spec = ets_name(&ets);
        let method = match season {
            Some(_) => format!(
                "STL({SEASON_LENGTH}) + AutoETS({spec}) via augurs-ets {AUGURS_ETS_VERSION}, stlrs {STLRS_VERSION}"
            ),
            None => format!("AutoETS({spec}) via augurs-ets {AUGURS_ETS_VERSION}, non-seasonal"),
        };
        Ok(Self {
            ets,
            season,
            method,
        })
    }

    /// Unclamped point forecasts (seasonal part added back) and predictive standard deviations.
    fn predict(&self, horizon: usize) -> Result<(Vec<f64>, Vec<f64>), SeriesError> {
        let out = catch_unwind(AssertUnwindSafe(|| {
            self.ets.predict(horizon, SD_PROBE_LEVEL)
        }))
        .map_err(|_| SeriesError::Model("the model library panicked".into()))?
        .map_err(|e| SeriesError::Model(format!("AutoETS forecast: {e}")))?;
        let intervals = out
            .intervals
            .ok_or_else(|| SeriesError::Model("AutoETS returned no intervals".into()))?;
        if out.point.len() != horizon || intervals.upper.len() != horizon {
            return Err(SeriesError::Model(
                "AutoETS returned a short forecast".into(),
            ));
        }
        let z = normal_quantile(SD_PROBE_LEVEL)?;
        let mut mean = Vec::with_capacity(horizon);
        let mut sd = Vec::with_capacity(horizon);
        for h in 0..horizon {
            let s = self.season.as_ref().map_or(0.0, |s| s[h % SEASON_LENGTH]);
            let m = out.point[h] + s;
            let d = (intervals.upper[h] - out.point[h]) / z;
            if !(m.is_finite() && d.is_finite() && d >= 0.0) {
                return Err(SeriesError::Model(format!(
                    "non-finite forecast at step {}",
                    h + 1
                )));
            }
            mean.push(m);
            sd.push(d);
        }
        Ok((mean, sd))
    }
}

/// ETS taxonomy name of the selected model, e.g. `A,Ad,N`.
fn ets_name(fitted: &FittedAutoETS) -> String {
    let model = fitted.model();
    let code: Vec<char> = model.model_type().to_string().chars().collect();
    match code.as_slice() {
        [e, t, s] => {
            let damped = if model.damped() { "d" } else { "" };
            format!("{e},{t}{damped},{s}")
        }
        _ => code.iter().collect(),
    }
}
