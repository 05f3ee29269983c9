//! Monthly count series, forecasts with prediction intervals, and rolling-origin backtests.
//!
//! Demand for a credential is counted per calendar month ([`MonthlySeries`]). [`forecast`]
//! projects such a series 1–24 months ahead with prediction intervals: an STL decomposition
//! (`stlrs`) removes a 12-month seasonal pattern when there are at least two full years, and
//! an automatically selected additive-error exponential smoothing model (`augurs-ets`
//! AutoETS: ANN, AAN or AAdN by AICc) forecasts the seasonally adjusted series; the model's
//! analytic intervals are widened by a factor measured on in-sample rolling origins. [`backtest`]
//! measures how well that works on held-out months against a seasonal-naive baseline.
//! `docs/forecasting.md` explains the method and the measured errors.

#![deny(missing_docs)]

mod backtest;
mod error;
mod forecast;
mod month;
mod series;

pub use backtest::{backtest, Backtest, Coverage, Fold, BACKTEST_LEVELS};
pub use error::SeriesError;
pub use forecast::{
    forecast, Forecast, ForecastPoint, AUGURS_ETS_VERSION, MAX_HORIZON, MIN_MONTHS,
    SEASONAL_MIN_MONTHS, SEASON_LENGTH, STLRS_VERSION,
};
pub use month::YearMonth;
pub use series::MonthlySeries;
