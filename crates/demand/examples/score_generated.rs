//! Scores the extractor on a `credence-synth` CSV corpus without building the whole CLI: the
//! quick check that a rule change keeps the generated-data figure (`docs/demand.md`).
//!
//! Usage: `score_generated POSTINGS.csv[.gz] TRUTH.jsonl` (as written by
//! `cargo run -p credence-synth --example generate -- 5000 DIR csv gz`). Prints the scores as
//! JSON; set `SCORE_MISSES=1` to list every error as well.

use std::collections::HashMap;
use std::io::{BufRead, Read};

use credence_demand::score::Scorer;
use credence_demand::{Catalog, Extractor};
use credence_model::Mention;
use serde::Deserialize;

/// One truth line of the generator.
#[derive(Deserialize)]
struct Truth {
    id: String,
    mentions: Vec<Mention>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [postings, truth] = args.as_slice() else {
        return Err("usage: score_generated POSTINGS.csv[.gz] TRUTH.jsonl".into());
    };
    let mut bytes = Vec::new();
    std::fs::File::open(postings)?.read_to_end(&mut bytes)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes.as_slice()).read_to_end(&mut plain)?;
        bytes = plain;
    }
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("no column {name}"))
    };
    let (id_col, title_col, text_col) = (
        column("job_id")?,
        column("job_title")?,
        column("job_description")?,
    );
    let extractor = Extractor::new(Catalog::builtin()?)?;
    let mut predicted: HashMap<String, Vec<Mention>> = HashMap::new();
    for record in reader.records() {
        let record = record?;
        let (id, title, text) = (&record[id_col], &record[title_col], &record[text_col]);
        predicted.insert(id.to_string(), extractor.extract(text, Some(title)));
    }
    let mut scorer = Scorer::default();
    for line in std::io::BufReader::new(std::fs::File::open(truth)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let t: Truth = serde_json::from_str(&line)?;
        let p = predicted.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        scorer.add(&t.id, &t.mentions, p);
    }
    if std::env::var_os("SCORE_MISSES").is_some() {
        for m in &scorer.misses {
            eprintln!(
                "{} {} {} {:?} | {:?} | {}",
                m.id, m.at, m.what, m.truth, m.predicted, m.detail
            );
        }
    }
    println!("{}", serde_json::to_string_pretty(&scorer.score())?);
    Ok(())
}
