//! Prints the mentions found in each argument (or each stdin line): a quick way to see a rule fire.

use credence_demand::{Catalog, Extractor};

fn main() {
    let extractor = Extractor::new(Catalog::builtin().expect("catalog")).expect("automaton");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let inputs: Vec<String> = if args.is_empty() {
        std::io::stdin().lines().map_while(Result::ok).collect()
    } else {
        args
    };
    for text in inputs {
        println!("> {text}");
        for m in extractor.extract(&text, None) {
            println!(
                "  [{}..{}] {:?} {} {} ({})",
                m.start,
                m.end,
                m.surface,
                m.kind.as_str(),
                m.level.as_str(),
                m.credential
            );
        }
    }
}
