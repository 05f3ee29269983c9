//! Links two CSV files with the library alone (no database, no server) and prints the scores as
//! one JSON line: the same steps as `credence outcomes link`, for benchmarking when only this
//! crate is built. Usage: `link_files LEFT.csv RIGHT.csv TRUTH.csv METHOD OUT.csv [--one-to-one]`.

use std::time::Instant;

use credence_linkage::{link, read_people, read_truth, FieldMap, LinkOptions, Method};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        return Err("usage: link_files LEFT RIGHT TRUTH METHOD OUT [--one-to-one]".into());
    }
    let started = Instant::now();
    let map = FieldMap::default();
    let left = read_people(args[1].as_ref(), &map)?;
    let right = read_people(args[2].as_ref(), &map)?;
    let method = Method::parse(&args[4]).ok_or("unknown method")?;
    let opts = LinkOptions {
        method,
        one_to_one: args.iter().any(|a| a == "--one-to-one"),
        ..LinkOptions::default()
    };
    let res = link(&left, &right, None, &opts)?;
    let mut w = csv::Writer::from_path(&args[5])?;
    w.write_record([
        "left_id",
        "right_id",
        "probability",
        "match_weight",
        "explanation",
    ])?;
    for p in &res.pairs {
        w.write_record([
            p.left.as_str(),
            p.right.as_str(),
            &format!("{:.6}", p.probability),
            &format!("{:.3}", p.weight),
            p.explanation.as_str(),
        ])?;
    }
    w.flush()?;
    let seconds = started.elapsed().as_secs_f64();
    let truth = read_truth(args[3].as_ref())?;
    let s = credence_linkage::eval::score(
        res.pairs
            .iter()
            .map(|p| (p.left.as_str(), p.right.as_str())),
        &truth,
    );
    println!(
        "{}",
        serde_json::json!({
            "method": args[4], "seconds": seconds, "candidates": res.blocking.candidates,
            "threshold": res.threshold, "matched": res.pairs.len(),
            "estimated_precision": res.estimated_precision,
            "precision": s.precision, "recall": s.recall, "f1": s.f1,
            "left_warnings": left.diagnostics.len(), "right_warnings": right.diagnostics.len(),
        })
    );
    Ok(())
}
