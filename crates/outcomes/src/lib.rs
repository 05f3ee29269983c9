//! Outcomes of credential holders: what happened to people's jobs and earnings after they earned
//! a credential, compared with similar people who did not, by group, with disclosure control.
//!
//! Data flow inside the crate: [`participants`] and [`wages`] read PIRL-numbered participant
//! records and UI wage records (person keys are replaced by a keyed HMAC at ingest, see [`key`]);
//! [`metrics`] computes the WIOA measures and the comparison-group gain with intervals;
//! [`disclosure`] disaggregates, suppresses small cells (primary + complementary) and optionally
//! adds geometric-mechanism noise; [`published`] reads published outcome tables (NJ ETPL, Census
//! PSEO); [`query`] runs the outcome aggregation as DataFusion SQL over Parquet; [`synth`] generates
//! participants and LEHD-style wage histories with a separate truth file.
//!
//! Nothing here writes person-level rows anywhere but the caller's own files: results leave as
//! aggregates only.

pub mod disclosure;
pub mod key;
pub mod metrics;
pub mod participants;
pub mod published;
pub mod query;
pub mod synth;
pub mod wages;

use serde::{Deserialize, Serialize};

pub use disclosure::DisclosureOptions;
pub use key::PersonKeyer;
pub use metrics::{CredentialOutcomes, Estimate, MetricCell, MetricOptions};
pub use participants::ParticipantImport;
pub use participants::{Participant, ParticipantMap};
pub use wages::{WageFormat, WageHistory, WageMap};

/// Errors from reading inputs or running queries; bad *records* are [`Reject`]s, not errors.
#[derive(Debug, thiserror::Error)]
pub enum OutcomesError {
    /// A file could not be opened or read.
    #[error("{file}: {source}")]
    Io {
        /// The file as named.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file's structure (not one record) is unusable: missing header, required column absent.
    #[error("{file}: {message}")]
    Format {
        /// The file as named.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Arrow, Parquet or DataFusion failed.
    #[error("query engine: {0}")]
    Query(String),
    /// The options are inconsistent (empty key, negative threshold, …).
    #[error("invalid option: {0}")]
    Invalid(String),
}

/// One rejected record, quarantined with where and why (never the offending personal value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reject {
    /// The input file as named.
    pub file: String,
    /// Line (CSV, 1-based, header = line 1) or `row N` (Parquet).
    pub record: String,
    /// The column at fault.
    pub field: String,
    /// Why, in words a data owner can act on; personal values are never echoed.
    pub reason: String,
}

impl Reject {
    /// A reject for one field of one record.
    pub fn new(
        file: &str,
        record: impl Into<String>,
        field: &str,
        reason: impl Into<String>,
    ) -> Self {
        Reject {
            file: file.to_string(),
            record: record.into(),
            field: field.to_string(),
            reason: reason.into(),
        }
    }
}

/// A calendar quarter as one integer (`year * 4 + quarter - 1`), so "2 quarters after" is `+ 2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter(pub i32);

impl Quarter {
    /// The quarter from a year and a quarter number 1–4; `None` when out of range.
    pub fn new(year: i32, quarter: u32) -> Option<Quarter> {
        ((1..=4).contains(&quarter) && (1900..=2200).contains(&year))
            .then(|| Quarter(year * 4 + quarter as i32 - 1))
    }

    /// The quarter a date falls in.
    pub fn of(date: chrono::NaiveDate) -> Quarter {
        use chrono::Datelike;
        Quarter(date.year() * 4 + (date.month0() / 3) as i32)
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(4)
    }

    /// Quarter number 1–4.
    pub fn number(self) -> u32 {
        self.0.rem_euclid(4) as u32 + 1
    }

    /// This quarter shifted by `k` quarters.
    pub fn plus(self, k: i32) -> Quarter {
        Quarter(self.0 + k)
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}Q{}", self.year(), self.number())
    }
}
