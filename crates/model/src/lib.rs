//! Shared nouns of credence: every crate speaks in these types, so they live at the bottom.
//!
//! Nothing here does I/O. Domain crates (`registry`, `taxonomy`, later `demand`, `outcomes`, …)
//! produce and consume these values; `store` persists them; the edges render them.

#![deny(missing_docs)]

pub mod ctid;
pub mod demand;
pub mod diagnostic;
pub mod record;

pub use ctid::{Ctid, CtidError, CtidWarning};
pub use demand::{Level, Mention, MentionKind, PostingMentions, Section};
pub use diagnostic::{Diagnostic, Location, Severity};
pub use record::{
    AgentRef, Code, CodeScheme, ConditionSummary, CostItem, DurationItem, Lifecycle, Provenance,
    Record, RecordClass,
};
