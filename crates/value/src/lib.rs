//! Credentials of value: run a state's "credentials of value" framework transparently, measure how
//! well a credential list lines up with employer demand, and weigh what a credential costs against
//! what it is expected to pay.
//!
//! * [`framework`] — the TOML format (criteria from a small set of primitives, `all` / `any` /
//!   `k_of_n` combinators, ordered tiers; every threshold with its source and vintage) and its
//!   strict validation (file, line and field for every problem).
//! * [`presets`] — published frameworks shipped with credence (Indiana, Washington ETPL, Texas
//!   TEA, THECB / PVC, Lumina, Workforce Pell, Ohio TechCred, Credentials Matter).
//! * [`evidence`] — the facts about one credential the engine fills (postings, wages, outcomes,
//!   quality signals, cost), each figure with n, window and source.
//! * [`eval`] — pass / fail / insufficient evidence per criterion and a tier per credential.
//! * [`list`] — credential lists with award counts and years from CSV or XLSX, row-level findings.
//! * [`supply`] — the supply-vs-demand report: shares requested and aligned, with n and definitions.
//! * [`money`] — value for money: cost, renewal, payback and net value with intervals.
//!
//! The crate does no I/O beyond reading the list and framework files it is given; the engine
//! passes store facts in as plain data.

#![deny(missing_docs)]

pub mod eval;
pub mod evidence;
pub mod framework;
pub mod list;
pub mod money;
pub mod presets;
pub mod supply;

mod error;
mod share;

pub use error::ValueError;
pub use eval::{evaluate, CriterionResult, TierResult, Verdict};
pub use evidence::{CredentialEvidence, Fact, Figure, OutcomeEvidence, ReferenceFigures};
pub use framework::{Criterion, Framework, Primitive, Tier};
pub use share::Share;
