//! Scoring a linkage against known true pairs: precision, recall and F1.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::LinkError;

/// Confusion counts and the scores derived from them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Predicted pairs that are true.
    pub true_positives: usize,
    /// Predicted pairs that are not true.
    pub false_positives: usize,
    /// True pairs not predicted.
    pub false_negatives: usize,
    /// TP / (TP + FP).
    pub precision: f64,
    /// TP / (TP + FN).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// Scores predicted (left id, right id) pairs against the truth; duplicates count once.
pub fn score<'a>(
    predicted: impl IntoIterator<Item = (&'a str, &'a str)>,
    truth: &HashSet<(String, String)>,
) -> Scores {
    let predicted: HashSet<(&str, &str)> = predicted.into_iter().collect();
    let tp = predicted
        .iter()
        .filter(|(l, r)| truth.contains(&(l.to_string(), r.to_string())))
        .count();
    let fp = predicted.len() - tp;
    let fn_ = truth.len() - tp;
    let precision = if predicted.is_empty() {
        0.0
    } else {
        tp as f64 / predicted.len() as f64
    };
    let recall = if truth.is_empty() {
        0.0
    } else {
        tp as f64 / truth.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        true_positives: tp,
        false_positives: fp,
        false_negatives: fn_,
        precision,
        recall,
        f1,
    }
}

/// Reads true pairs: a CSV whose first two columns are the left and right ids (header row).
pub fn read_truth(path: &Path) -> Result<HashSet<(String, String)>, LinkError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| LinkError::Csv {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    let mut out = HashSet::new();
    for row in rdr.records() {
        let row = row.map_err(|e| LinkError::Csv {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        if let (Some(l), Some(r)) = (row.get(0), row.get(1)) {
            out.insert((l.trim().to_string(), r.trim().to_string()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_each_pair_once() {
        let truth: HashSet<(String, String)> = [("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")]
            .iter()
            .map(|(l, r)| (l.to_string(), r.to_string()))
            .collect();
        let s = score([("a", "1"), ("a", "1"), ("b", "2"), ("x", "9")], &truth);
        assert_eq!(
            (s.true_positives, s.false_positives, s.false_negatives),
            (2, 1, 2)
        );
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.recall - 0.5).abs() < 1e-12);
        assert!((s.f1 - 4.0 / 7.0).abs() < 1e-12);
    }
}
