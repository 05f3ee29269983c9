//! Precision, recall and F1 of pairwise identity decisions on the labelled pairs in `data/pairs.csv`.
//!
//! Pairs are split deterministically (FNV-1a of the four name/issuer fields, 70 % dev / 30 %
//! holdout); thresholds were tuned on dev only. Run with
//! `cargo test -p credence-identity --test evaluation -- --nocapture`; set
//! `IDENTITY_EVAL_ERRORS=dev` to print the dev mistakes (never tune on holdout).

use credence_identity::{compare, Candidate};

/// One labelled pair.
struct Pair {
    a: Candidate,
    b: Candidate,
    same: bool,
    basis: String,
    dev: bool,
}

/// Counts of one split.
#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// FNV-1a 64-bit: a stable hash for the split (std's hasher may change between releases).
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn candidate(name: &str, issuer: &str) -> Candidate {
    Candidate {
        id: format!("{name}|{issuer}"),
        name: name.to_string(),
        issuer: (!issuer.is_empty()).then(|| issuer.to_string()),
        alternate_names: Vec::new(),
        is_license: false,
    }
}

fn load() -> Vec<Pair> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/pairs.csv");
    let mut rdr = csv::Reader::from_path(path).expect("pairs.csv is committed with the crate");
    rdr.records()
        .map(|r| {
            let r = r.expect("pairs.csv is well-formed");
            let f = |i: usize| r.get(i).unwrap_or("").to_string();
            let split_key = format!("{}|{}|{}|{}", f(0), f(1), f(2), f(3));
            Pair {
                a: candidate(&f(0), &f(1)),
                b: candidate(&f(2), &f(3)),
                same: f(4) == "1",
                basis: f(5),
                dev: fnv(&split_key) % 10 < 7,
            }
        })
        .collect()
}

fn evaluate(pairs: &[Pair], dev: bool, show_errors: bool) -> Counts {
    let mut c = Counts::default();
    for p in pairs.iter().filter(|p| p.dev == dev) {
        let s = compare(&p.a, &p.b);
        match (s.same, p.same) {
            (true, true) => c.tp += 1,
            (true, false) => c.fp += 1,
            (false, true) => c.fn_ += 1,
            (false, false) => c.tn += 1,
        }
        if show_errors && s.same != p.same {
            println!(
                "  {} `{}` [{}] vs `{}` [{}] ({}): {}",
                if p.same { "FN" } else { "FP" },
                p.a.name,
                p.a.issuer.as_deref().unwrap_or(""),
                p.b.name,
                p.b.issuer.as_deref().unwrap_or(""),
                p.basis,
                s.reason
            );
        }
    }
    c
}

fn report(label: &str, c: &Counts) {
    println!(
        "{label}: pairs {} (same {}), tp {} fp {} fn {} tn {}, precision {:.3}, recall {:.3}, F1 {:.3}",
        c.tp + c.fp + c.fn_ + c.tn,
        c.tp + c.fn_,
        c.tp,
        c.fp,
        c.fn_,
        c.tn,
        c.precision(),
        c.recall(),
        c.f1()
    );
}

#[test]
fn precision_and_recall_on_labelled_pairs() {
    let pairs = load();
    assert!(pairs.len() >= 200, "at least 200 labelled pairs");
    let show_dev = std::env::var("IDENTITY_EVAL_ERRORS").is_ok_and(|v| v == "dev");
    let dev = evaluate(&pairs, true, show_dev);
    let holdout = evaluate(&pairs, false, false);
    report("dev", &dev);
    report("holdout", &holdout);
    // Floors: precision matters most (a wrong merge hides a credential); recall may trail.
    assert!(
        dev.precision() >= 0.95 && dev.recall() >= 0.85,
        "dev below floor"
    );
    assert!(
        holdout.precision() >= 0.93 && holdout.recall() >= 0.80,
        "holdout below floor"
    );
}
