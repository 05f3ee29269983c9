//! Planning benchmark without a database: the generated graph (default 100,000 nodes) and the
//! real registry (CTDL fixtures + New Jersey lists + reference data from `CREDENCE_DATA`), each
//! timed per query against petgraph's Dijkstra on the same step table.
//!
//! `cargo run --release -p credence-pathways --example path_bench -- [NODES] [QUERIES] [SEED]`

use std::time::Instant;

use credence_pathways::bench::{bench_graph, PathBench};
use credence_pathways::{build_graph, generated_graph, EducationLevel, Person};

fn print(b: &PathBench) {
    println!("{b}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let nodes: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let queries: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(200);
    let seed: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(7);
    let today = chrono::Utc::now().date_naive();
    let person = Person {
        education: EducationLevel::HighSchool,
        ..Default::default()
    };
    let t = Instant::now();
    let g = generated_graph(nodes, seed);
    println!(
        "generated graph in {:.0} ms ({} cycles planted/found)",
        t.elapsed().as_secs_f64() * 1e3,
        g.findings.cycles.len()
    );
    print(&bench_graph(
        &format!("generated (seed {seed})"),
        &g,
        &person,
        today,
        queries,
        seed,
    ));

    let data = credence_testkit::data_dir();
    let t = Instant::now();
    let reference = credence_taxonomy::load_all(&data).expect("reference data");
    let vocab_path = std::fs::read_dir(data.join("ctdl"))
        .expect("ctdl dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ctdl_schema_encoding_"))
        })
        .expect("CTDL schema");
    let vocab = credence_registry::Vocabulary::load(vocab_path).expect("vocabulary");
    let mut records = Vec::new();
    for entry in std::fs::read_dir(data.join("ctdl"))
        .expect("ctdl dir")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("cer_fixture")
            || name.starts_with("cer_seed")
            || name.starts_with("cer_legacy")
            || name.starts_with("ra_")
        {
            records.extend(
                credence_registry::import_ctdl_file(entry.path(), &vocab)
                    .expect("ctdl")
                    .records,
            );
        }
    }
    records.extend(
        credence_registry::import_nj_industry(
            data.join("nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv"),
        )
        .expect("nj")
        .records,
    );
    records.extend(
        credence_registry::import_nj_license(data.join("nj_etpl/TBLLICENSE_DATA_TABLE.csv"))
            .expect("nj")
            .records,
    );
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let real = build_graph(&records, Some(&reference), &[]);
    println!(
        "registry: {} records read in {load_ms:.0} ms; graph built in {:.0} ms; {} cycles, {} dangling references",
        records.len(),
        t.elapsed().as_secs_f64() * 1e3,
        real.findings.cycles.len(),
        real.findings.dangling.len()
    );
    print(&bench_graph(
        "registry fixtures + NJ lists + reference data",
        &real,
        &person,
        today,
        queries,
        seed,
    ));
}
