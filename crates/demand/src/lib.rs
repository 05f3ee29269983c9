//! Employer demand: reads job postings, finds the credentials they ask for, and counts them.
//!
//! The curated credential catalog lives in `data/credentials.csv`; the posting generator in
//! `credence-synth` reads the same catalog so generated truth and extractor output share ids.

#![deny(missing_docs)]
