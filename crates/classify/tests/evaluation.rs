//! Measures the classifier on the committed labelled set (`data/labels.csv`): accuracy, per-class
//! precision and recall and the confusion matrix on the dev and holdout splits.
//!
//! Run with `cargo test -p credence-classify --test evaluation -- --nocapture` to see the reports.

use credence_classify::eval::LABELS_CSV;
use credence_classify::{evaluate, evaluate_with, parse_labels, LabelRow, Options, Split};

/// Rows of one split.
fn split(rows: &[LabelRow], which: Split) -> Vec<LabelRow> {
    rows.iter().filter(|r| r.split == which).cloned().collect()
}

#[test]
fn labelled_set_is_large_and_split() {
    let rows = parse_labels(LABELS_CSV).expect("labels parse");
    assert!(rows.len() >= 300, "{} rows", rows.len());
    let holdout = split(&rows, Split::Holdout).len() as f64 / rows.len() as f64;
    assert!((0.2..0.4).contains(&holdout), "holdout share {holdout}");
    assert!(rows.iter().all(|r| !r.label_basis.is_empty()));
}

#[test]
fn evaluation_report() {
    let rows = parse_labels(LABELS_CSV).expect("labels parse");
    let dev = evaluate(&split(&rows, Split::Dev));
    let holdout = evaluate(&split(&rows, Split::Holdout));
    println!("== dev ==\n{dev}\n== holdout ==\n{holdout}");
    let no_lexicon = Options {
        occupation_lexicon: false,
    };
    let ablation = evaluate_with(&split(&rows, Split::Holdout), no_lexicon);
    println!("== holdout without the licensed-occupation list ==\n{ablation}");
    // Floors: measured values minus a margin (see docs/classification.md), not the results.
    assert!(dev.accuracy >= 0.85, "dev accuracy {}", dev.accuracy);
    assert!(
        holdout.accuracy >= 0.85,
        "holdout accuracy {}",
        holdout.accuracy
    );
    assert!(holdout.accuracy_when_decided >= 0.93);
    for m in &holdout.per_class {
        if m.support >= 10 {
            assert!(m.recall.unwrap_or(0.0) >= 0.5, "{:?}", m);
        }
    }
}
