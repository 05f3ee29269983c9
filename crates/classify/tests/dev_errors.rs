//! Lists dev-split misclassifications (for rule writing; ignored by default, never the holdout).

use credence_classify::eval::LABELS_CSV;
use credence_classify::{classify, parse_labels, record_for, Split};

#[test]
#[ignore]
fn list_dev_errors() {
    let rows = parse_labels(LABELS_CSV).expect("labels parse");
    for row in rows.iter().filter(|r| r.split == Split::Dev) {
        let c = classify(&record_for(row));
        if c.call != row.label {
            println!(
                "{} | {} | {} | label {} | call {}",
                row.source, row.name, row.issuer, row.label, c.call
            );
        }
    }
}
