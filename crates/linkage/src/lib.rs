//! Record linkage of person records: which row of one file is the same person as a row of another.
//!
//! Three methods share one pipeline (read → normalize → block → compare → score → choose):
//! deterministic linkage on a shared keyed-HMAC key ([`key`]), probabilistic Fellegi–Sunter
//! linkage with m/u probabilities estimated by EM ([`model`]), and privacy-preserving linkage on
//! keyed Bloom-filter encodings of the identifying fields ([`bloom`]), so the party holding wage
//! records never sees names. [`noise`] generates seeded people and corrupted copies with the truth
//! written apart, and [`eval`] scores a linkage against that truth.
//!
//! Personal data stays inside this crate's values: diagnostics name file, line and field but
//! never a value, and [`Person`]'s `Debug` prints only its id.

#![deny(missing_docs)]

pub mod block;
pub mod bloom;
pub mod compare;
mod error;
pub mod eval;
pub mod key;
pub mod link;
pub mod model;
pub mod noise;
pub mod normalize;
pub mod person;

pub use error::LinkError;
pub use eval::{read_truth, Scores};
pub use key::LinkKey;
pub use link::{link, LinkOptions, LinkResult, MatchPair, Method};
pub use person::{read_people, FieldMap, People, Person};
