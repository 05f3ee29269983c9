//! Writes a synthetic corpus and reports the speed: `cargo run --release -p credence-synth
//! --example generate -- <n> <out_dir> [flat|usajobs|csv] [gz]`; with `<out_dir>` = `-` it only
//! generates (no disk) to time the generator alone.

use std::path::Path;
use std::time::Instant;

use credence_synth::{write_corpus, Catalog, Format, PostingGenerator, Shape};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let out = args.get(2).map_or("-", String::as_str);
    let shape = match args.get(3).map(String::as_str) {
        Some("usajobs") => Shape::UsajobsJsonl,
        Some("csv") => Shape::Csv,
        _ => Shape::FlatJsonl,
    };
    let gzip = args.get(4).is_some_and(|s| s == "gz");
    let data = std::env::var_os("CREDENCE_DATA").unwrap_or_else(|| "/work/shared/data".into());
    let titles = credence_synth::onet_titles(Path::new(&data)).unwrap_or_default();
    let catalog = Catalog::builtin();
    let started = Instant::now();
    let mut generator = PostingGenerator::new(42, &catalog, titles);
    eprintln!(
        "set-up {:.2?} ({} catalog rows)",
        started.elapsed(),
        catalog.len()
    );
    let started = Instant::now();
    if out == "-" {
        let (mut bytes, mut mentions) = (0usize, 0usize);
        for p in generator.take(n) {
            bytes += p.text.len();
            mentions += p.truth.mentions.len();
        }
        eprintln!(
            "generated {n} postings ({bytes} text bytes, {mentions} mentions) in {:.2?}",
            started.elapsed()
        );
    } else {
        let files = write_corpus(Path::new(out), n, Format { shape, gzip }, &mut generator)?;
        eprintln!(
            "wrote {} postings to {} in {:.2?}",
            files.count,
            files.postings.display(),
            started.elapsed()
        );
    }
    Ok(())
}
