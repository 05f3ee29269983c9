//! Quality and data-quality signals for credence.
//!
//! * [`signals`] reads, per credential, whether it is accredited, recognized, approved or
//!   regulated, requires an independent assessment, renews (with continuing education and a
//!   cycle), can be revoked, and carries credit recommendations — each present, absent or
//!   unknown, with the field and text span it was read from.
//! * [`Blueprint`]s (exam domains and weights) are imported from CSV or JSON; a malformed file
//!   is rejected with file, line or JSON path, and field ([`BlueprintError`]).
//! * [`data_quality`] scores a record 0–100 from weighted checks (missing cost, duration,
//!   occupations or QA; invalid or repaired CTID; SOC 2010 codes not crosswalked; unresolved
//!   blank nodes; CTDL domain and range violations against the vocabulary), through a
//!   [`QualityContext`] the engine implements over its store.
//! * [`renewal_burden`] turns renewal fee, continuing-education hours and cycle length into cost
//!   and hours per year, beside the cost to earn.
//!
//! Everything is pure: no I/O except [`load_blueprints`]. See `docs/quality.md`.

#![deny(missing_docs)]

mod blueprint;
mod ctdl_check;
mod data_quality;
mod evidence;
mod renewal;
mod signals;
mod text;

pub use blueprint::{
    load_blueprints, parse_blueprints_csv, parse_blueprints_json, Blueprint, BlueprintDomain,
    BlueprintError, SUM_TOLERANCE,
};
pub use data_quality::{
    data_quality, Check, DataQuality, QualityContext, WEIGHT_BLANK_NODES, WEIGHT_COST, WEIGHT_CTID,
    WEIGHT_DOMAIN, WEIGHT_DURATION, WEIGHT_OCCUPATIONS, WEIGHT_QA, WEIGHT_RANGE, WEIGHT_SOC2010,
};
pub use evidence::Evidence;
pub use renewal::{renewal_burden, RenewalBurden};
pub use signals::{signals, QualitySignals, Signal, SignalStatus};

/// Contact hours in one Continuing Education Unit (IACET: 1 CEU = 10 contact hours).
pub const HOURS_PER_CEU: f64 = text::HOURS_PER_CEU;
