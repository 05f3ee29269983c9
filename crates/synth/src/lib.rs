//! Seeded, realistic job-posting generator that knows its ground truth, for tests and benchmarks
//! of the credential-demand extractor.
//!
//! Each [`GeneratedPosting`] carries the text as a job board would show it and the truth a
//! perfect reader would extract: every credential span ([`credence_model::Mention`], offsets in
//! Unicode code points into `text`, end exclusive), the SOC, the state or UK nation, the country
//! and, for reposts and cross-posts, the original's id.
//!
//! # Truth conventions
//! - A span covers the credential's name as the catalog knows it (an alias, an acronym, an
//!   "expansion (ACRONYM)" pair, or a CDL class with its endorsements). Validity adjectives
//!   (`valid`, `current`, `active`, `clean`) stay outside; HTML tags and entities never fall inside.
//! - Coordinated lists are one span per credential: in "BLS and ACLS certifications" the spans
//!   are `BLS` and `ACLS`.
//! - Generic asks ("relevant certifications", "appropriate licensure", "licence to practise")
//!   are mentions of credential `unspecified`, no id, kind from the noun (`unspecified` for
//!   "licenses and certifications"); "No prior certification required" is the span
//!   `certification` at level `unclear`.
//! - Not in the truth: degrees, diplomas, background and drug checks, clearances, right to
//!   work, memberships, courses, product experience ("experience with AWS"), software licences,
//!   the employer's or other people's credentials ("ISO 9001 certified company", "under the
//!   supervision of a registered nurse", "H-2A labor certification") and false friends
//!   ("A+ customer service", "CPT codes").
//! - The section of a mention is the heading it sits under; postings without headings (15 %)
//!   have every mention in `other`.
//!
//! # Rates (defaults of [`GeneratorConfig`])
//! Levels required 50 %, preferred 20 %, or_equivalent 7 %, after_hire 12 %, unclear 11 %; 15 %
//! UK postings; 20 % HTML (`<p>`, `<ul><li>`, `<br>`, `&amp;`, `&nbsp;`); 8 % flattened to one
//! line; about 20 % with no mention; 8 % reposts or cross-posts; 150–600 words. The time
//! truth (36 months from January 2022, per-credential trend and season) is in [`trend`].
//!
//! # Corpus files ([`write_corpus`])
//! | Shape | File | Field mapping for the extractor |
//! |---|---|---|
//! | [`Shape::FlatJsonl`] | `postings.jsonl` | `id=id,title=title,text=description,location=location,date=date_posted,employer=company` |
//! | [`Shape::UsajobsJsonl`] | `usajobs.jsonl` | `id=MatchedObjectId,title=MatchedObjectDescriptor.PositionTitle,text=MatchedObjectDescriptor.UserArea.Details.JobSummary,location=MatchedObjectDescriptor.PositionLocationDisplay,date=MatchedObjectDescriptor.PublicationStartDate,employer=MatchedObjectDescriptor.OrganizationName` |
//! | [`Shape::Csv`] | `postings.csv` | `id=job_id,title=job_title,text=job_description,location=job_location,date=posted_at,employer=employer_name` |
//!
//! Dates are `YYYY-MM-DD` in the flat shape, `YYYY-MM-DDT00:00:00.0000` in the USAJOBS shape and
//! `YYYY-MM-DD 00:00:00` in the CSV; the first ten characters are always the date. With gzip the
//! file name gains `.gz`. Beside it, `truth.jsonl` holds one `PostingMentions` per posting (same
//! id, same order) and `postings_truth.csv` holds `id,soc,country,state,duplicate_of,month`.

#![deny(missing_docs)]

mod catalog;
mod compose;
mod doc;
mod error;
mod generator;
mod phrasing;
mod places;
mod titles;
pub mod trend;
mod writer;

pub use catalog::{Catalog, CatalogEntry, BUILTIN_CATALOG};
pub use error::SynthError;
pub use generator::{GeneratedPosting, GeneratorConfig, PostingGenerator};
pub use titles::{builtin_titles, onet_titles};
pub use writer::{write_corpus, CorpusFiles, Format, Shape};
