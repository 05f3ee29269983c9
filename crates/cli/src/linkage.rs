//! `credence outcomes link …`: link person files (participants to wage-record identities) and
//! write pair ids with match probabilities and explanations. Prints counts, never names.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use credence_engine::{EncodeRequest, Engine, LinkReport, LinkRequest};

use crate::output;

/// The linkage subcommands of `credence outcomes` (flattened into its command list).
#[derive(Debug, Subcommand)]
pub enum LinkageCommand {
    /// Link two person files: deterministic on a keyed hash of the shared identifier,
    /// probabilistic Fellegi–Sunter with EM, or on keyed Bloom-filter encodings.
    Link(LinkArgs),
    /// Encode a people file as keyed Bloom filters and block tokens for privacy-preserving
    /// linkage: the output holds no name, date or identifier; link two such files with
    /// `outcomes link A.enc.csv B.enc.csv --method bloom`.
    Encode {
        /// Plaintext people CSV.
        input: PathBuf,
        /// Field mapping, as `link --map-left`.
        #[arg(long)]
        map: Option<String>,
        /// The secret shared with the other data holder (never with the linking party).
        #[arg(long)]
        key_file: PathBuf,
        /// Output CSV `id,bf:FIELD…,block:N…`.
        #[arg(long)]
        out: PathBuf,
    },
}

/// `credence outcomes link` options.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Left CSV (e.g. participant records).
    pub left: PathBuf,
    /// Right CSV (e.g. wage-record identities).
    pub right: PathBuf,
    /// Left field mapping: `id=COL,given=COL,surname=COL,dob=COL,sex=COL,postcode=COL,city=COL,address=COL,ssn=COL` (default: recognised header names).
    #[arg(long)]
    pub map_left: Option<String>,
    /// Right field mapping, as `--map-left`.
    #[arg(long)]
    pub map_right: Option<String>,
    /// Linkage method: `deterministic`, `fs` (Fellegi–Sunter) or `bloom` (privacy-preserving).
    #[arg(long, default_value = "fs")]
    pub method: String,
    /// File holding the secret shared by both data holders (≥ 16 bytes); without it a random
    /// key is used for this run only.
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    /// Output CSV of pairs: `left_id,right_id,probability,match_weight,explanation`.
    #[arg(long)]
    pub out: PathBuf,
    /// True pairs CSV (`left_id,right_id`) to score the result against (precision, recall, F1).
    #[arg(long)]
    pub truth: Option<PathBuf>,
    /// Estimated precision the chosen threshold must keep.
    #[arg(long, default_value_t = 0.95)]
    pub target_precision: f64,
    /// Keep at most one partner per record (greedy by probability).
    #[arg(long)]
    pub one_to_one: bool,
    /// Skip blocks with more right-hand records than this.
    #[arg(long, default_value_t = 5000)]
    pub max_block: usize,
}

/// Runs one outcomes subcommand; linkage needs no database.
pub fn run(cmd: LinkageCommand, json: bool) -> anyhow::Result<()> {
    match cmd {
        LinkageCommand::Link(a) => {
            let report = Engine::link_files(&LinkRequest {
                left: a.left,
                right: a.right,
                map_left: a.map_left,
                map_right: a.map_right,
                method: a.method,
                key_file: a.key_file,
                out: a.out,
                truth: a.truth,
                target_precision: a.target_precision,
                one_to_one: a.one_to_one,
                max_block: a.max_block,
            })?;
            if json {
                return output::json(&report);
            }
            print_report(&report);
            Ok(())
        }
        LinkageCommand::Encode {
            input,
            map,
            key_file,
            out,
        } => {
            let report = Engine::encode_file(&EncodeRequest {
                input,
                map,
                key_file,
                out,
            })?;
            if json {
                return output::json(&report);
            }
            for d in report.diagnostics.iter().take(20) {
                eprintln!("{d}");
            }
            println!(
                "{}: {} record(s) encoded ({} rejected) on {} -> {}",
                report.input.file,
                report.input.records,
                report.input.rejected,
                report.fields.join(", "),
                report.out
            );
            Ok(())
        }
    }
}

fn print_report(r: &LinkReport) {
    for f in [&r.left, &r.right] {
        println!(
            "{}: {} record(s), {} rejected, {} field(s) blanked; fields {}",
            f.file,
            f.records,
            f.rejected,
            f.warnings,
            f.fields.join(", ")
        );
    }
    for d in r.diagnostics.iter().take(20) {
        eprintln!("{d}");
    }
    if r.diagnostics.len() > 20 {
        eprintln!(
            "… {} more finding(s) (see --json)",
            r.diagnostics.len() - 20
        );
    }
    println!(
        "method {:?}; compared {}; blocking {} ({} candidate pairs, {} oversized block(s) skipped)",
        r.method,
        r.fields.join(", "),
        r.rules.join(" ∪ "),
        r.candidates,
        r.oversized_blocks
    );
    if let Some(m) = &r.model {
        println!(
            "EM: {} iteration(s){}; estimated match share λ = {:.4}",
            m.iterations,
            if m.converged { ", converged" } else { "" },
            m.lambda
        );
        for f in &m.fields {
            let levels: Vec<String> = (1..f.labels.len())
                .map(|l| format!("{} {:+.1}", f.labels[l], f.weight(l as u8)))
                .collect();
            println!("  {:<9} {}", f.name, levels.join(" | "));
        }
    }
    println!(
        "threshold p ≥ {:.3}: {} pair(s), estimated precision {:.3}, estimated recall {:.3}{}",
        r.threshold,
        r.matched,
        r.estimated_precision,
        r.estimated_recall,
        if r.ambiguous > 0 {
            format!("; {} ambiguous key(s)", r.ambiguous)
        } else {
            String::new()
        }
    );
    if let Some(s) = &r.evaluation {
        println!(
            "against truth: precision {:.4}, recall {:.4}, F1 {:.4} (TP {}, FP {}, FN {})",
            s.precision, s.recall, s.f1, s.true_positives, s.false_positives, s.false_negatives
        );
    }
    println!("pairs written to {} in {:.2}s", r.out, r.seconds);
}
