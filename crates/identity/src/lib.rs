//! Identity resolution: the same credential arrives from several sources under different names
//! ("CompTIA A+", "A+ Certification", "CompTIA A Plus (220-1101/1102)"); this crate resolves them
//! to one canonical credential with same-as links, a confidence and the reason.
//!
//! * [`normalize`] — names, acronyms, exam codes and issuers to comparable keys.
//! * [`score`] — pairwise rules and string similarity ([`compare`], [`THRESHOLD`]).
//! * [`resolve()`] — blocking, scoring, conflict-aware clustering and canonical choice.
//! * [`overrides`] — the reviewable `a_id,b_id,decision,reason` file that wins over scores.
//!
//! Method, thresholds and measured precision/recall: `docs/identity.md`.

#![deny(missing_docs)]

pub mod normalize;
pub mod overrides;
pub mod resolve;
pub mod score;

pub use normalize::{normalize_issuer, normalize_name, NormalizedName};
pub use overrides::{Decision, Override, Overrides};
pub use resolve::{issuer_of, resolve, Cluster, Resolution, ResolutionStats, SameAs};
pub use score::{compare, compare_profiles, Candidate, PairScore, Profile, Rule, THRESHOLD};
