//! The one error type of this crate: every bad input is reported, never panicked on.

use thiserror::Error;

/// Why a series could not be built, forecast or backtested.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SeriesError {
    /// Text that is neither `YYYY-MM` nor a `YYYY-MM-DD` date was given as a month.
    #[error("invalid month {input:?}: expected YYYY-MM or YYYY-MM-DD")]
    InvalidMonth {
        /// The rejected text or value.
        input: String,
    },
    /// A series (or list of counts) had no months at all.
    #[error("the series is empty")]
    Empty,
    /// A count was NaN or infinite.
    #[error("count for {month} is not a finite number ({value})")]
    NotFinite {
        /// Month holding the bad value.
        month: YearMonthText,
        /// The value itself.
        value: f64,
    },
    /// A count was negative; demand counts cannot be.
    #[error("count for {month} is negative ({value})")]
    Negative {
        /// Month holding the bad value.
        month: YearMonthText,
        /// The value itself.
        value: f64,
    },
    /// Every month is zero: there is no signal to forecast from.
    #[error("all {months} months are zero: nothing to forecast from")]
    AllZero {
        /// Length of the series.
        months: usize,
    },
    /// Too few months to fit any model honestly.
    #[error("insufficient history: {needed} months needed, {available} available")]
    InsufficientHistory {
        /// Months the requested operation needs.
        needed: usize,
        /// Months the series has.
        available: usize,
    },
    /// The forecast horizon is zero or longer than [`crate::MAX_HORIZON`].
    #[error("horizon {horizon} is outside 1..={max}")]
    InvalidHorizon {
        /// The requested horizon.
        horizon: usize,
        /// The largest horizon allowed.
        max: usize,
    },
    /// The interval level is not strictly between 0 and 1.
    #[error("interval level {level} is not strictly between 0 and 1")]
    InvalidLevel {
        /// The requested level.
        level: f64,
    },
    /// A backtest asked for zero folds.
    #[error("a backtest needs at least one fold")]
    NoFolds,
    /// A series built from pairs would span an absurd number of months.
    #[error("series from {first} to {last} spans {months} months, more than {max}")]
    TooLong {
        /// First month seen.
        first: YearMonthText,
        /// Last month seen.
        last: YearMonthText,
        /// Months the span would need.
        months: i64,
        /// The largest span allowed.
        max: usize,
    },
    /// The decomposition or the smoothing model failed on this data.
    #[error("model fit failed: {0}")]
    Model(String),
}

/// A month rendered as `YYYY-MM` inside an error, so errors stay `PartialEq` and printable.
pub type YearMonthText = String;
