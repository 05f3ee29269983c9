//! Explainable credential-type classification for credence.
//!
//! [`classify`] decides whether a [`credence_model::Record`] is a certificate, a certification, a
//! license, a badge (micro-credential) or a degree (diploma) — or [`Kind::Unknown`] when the
//! evidence is too thin — and shows why, organised by the twelve defining features of the
//! Institute for Credentialing Excellence's certificate-versus-certification comparison.
//!
//! Structured fields are read first (renewal and revocation profiles, QA roles, conditions,
//! durations), then text cues from the readable rule table in [`cues`]. Each piece of evidence
//! has a weight and points to one kind; the call is the kind with the highest total when it
//! reaches [`MIN_SCORE`]. The declared CTDL type is never used as evidence, so that
//! [`check_declared`] can compare the two. [`eval`] measures the rules on the labelled set in
//! `data/labels.csv`. See `docs/classification.md`.

#![deny(missing_docs)]

mod classify;
pub mod cues;
pub mod eval;
mod feature;
mod kind;
mod mislabel;
mod structured;
mod text;

pub use classify::{
    classify, classify_with, Classification, Options, Scores, CONFIDENCE_PRIOR, MIN_SCORE,
};
pub use eval::{evaluate, evaluate_with, parse_labels, record_for, LabelRow, Report, Split};
pub use feature::{Evidence, Feature, FeatureEvidence, FeatureStatus};
pub use kind::{declared_kind, Kind};
pub use mislabel::{
    check_declared, propose, Mislabel, Proposal, MISLABEL_CONFIDENCE, MISLABEL_MARGIN,
};
