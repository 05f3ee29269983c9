//! Resolves the locations given on the command line and prints one JSON line each, with the
//! load time: `cargo run --release -p credence-geo --example resolve -- "Aurora, CO 80012"`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::var_os("CREDENCE_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("../shared/data"));
    let start = std::time::Instant::now();
    let g = match credence_geo::Gazetteer::load(&dir) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!(
        "loaded in {:?}; {}",
        start.elapsed(),
        credence_geo::attribution()
    );
    for text in std::env::args().skip(1) {
        match serde_json::to_string(&g.resolve(&text)) {
            Ok(json) => println!("{json}"),
            Err(e) => eprintln!("error: {e}"),
        }
    }
    ExitCode::SUCCESS
}
