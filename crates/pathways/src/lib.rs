//! Pathways: where a credential leads, what it takes, and the cheapest or fastest way to a job.
//!
//! * [`condition`] — prerequisites and entry conditions as expression trees, with a readable text
//!   form and a TOML form that round-trip;
//! * [`ctdl`] — conditions, connections, costs and durations read from CTDL JSON-LD records;
//! * [`person`] and [`eligibility`] — a person's profile and the plain-language verdict;
//! * [`graph`] — credentials, programs (CIP) and occupations (SOC) with every kind of edge, cycles
//!   and dangling references reported;
//! * [`plan`] — bounded multi-criteria planning (cheapest, fastest, Pareto) and next steps;
//! * [`credit`] — ACE-style credit recommendations and credit-for-prior-learning rules from CSV;
//! * [`generate`] — seeded large graphs for benchmarks; [`bench`] — planner vs a named peer.
//!
//! Depends only on `model` and `taxonomy`; the engine passes records and reference data in.

#![deny(missing_docs)]

pub mod bench;
pub mod condition;
pub mod credit;
pub mod ctdl;
pub mod eligibility;
pub mod error;
pub mod generate;
pub mod graph;
pub mod person;
pub mod plan;

pub use condition::{parse_condition, Condition, EducationLevel};
pub use credit::{parse_credit_csv, CreditRule, CreditType};
pub use ctdl::{read_record, EdgeKind, RecordPathway};
pub use eligibility::{check_eligibility, describe, evaluate, Eligibility, Names, Verdict};
pub use error::{ConditionError, PathwayError};
pub use generate::generated_graph;
pub use graph::{build_graph, ExitWage, GraphNode, NodeKind, PathwayGraph, OEWS_SOURCE};
pub use person::{HeldCredential, Person};
pub use plan::{next_steps, plan, Assumptions, DemandSignal, Limits, NextStep, Plan, PlanPath};
