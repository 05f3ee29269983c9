//! Evaluation on a labelled set: label file parsing, minimal records, accuracy, per-class
//! precision and recall, and the confusion matrix.

use std::collections::BTreeMap;
use std::fmt;

use credence_model::{AgentRef, Provenance, Record, RecordClass};
use serde::{Deserialize, Serialize};

use crate::{classify_with, Kind, Options};

/// The labelled set committed with the crate (`data/labels.csv`).
pub const LABELS_CSV: &str = include_str!("../data/labels.csv");

/// Which part of the labelled set a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Used while writing the rules.
    Dev,
    /// Held back: measured, never tuned on.
    Holdout,
}

/// One labelled credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelRow {
    /// Data set it came from (`nj_license`, `npd`, …).
    pub source: String,
    /// Id in that data set.
    pub id: String,
    /// Credential name.
    pub name: String,
    /// Issuer name (may be empty).
    pub issuer: String,
    /// The true kind.
    pub label: Kind,
    /// Why the label is right (source table, declared type, hand-reviewed rule).
    pub label_basis: String,
    /// Dev or holdout.
    pub split: Split,
}

/// A malformed label file.
#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    /// The CSV itself could not be read.
    #[error("labels line {line}: {message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A field has a value outside its domain.
    #[error("labels line {line}, field `{field}`: {message}")]
    Field {
        /// 1-based line.
        line: u64,
        /// Column name.
        field: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// Parses `source,id,name,issuer,label,label_basis,split` rows.
pub fn parse_labels(text: &str) -> Result<Vec<LabelRow>, LabelError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for result in reader.records() {
        let rec = result.map_err(|e| LabelError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        let label = Kind::parse(&get(4))
            .filter(|k| *k != Kind::Unknown)
            .ok_or_else(|| LabelError::Field {
                line,
                field: "label",
                message: format!("`{}` is not a kind", get(4)),
            })?;
        let split = match get(6).as_str() {
            "dev" => Split::Dev,
            "holdout" => Split::Holdout,
            other => {
                return Err(LabelError::Field {
                    line,
                    field: "split",
                    message: format!("`{other}` is not dev or holdout"),
                })
            }
        };
        rows.push(LabelRow {
            source: get(0),
            id: get(1),
            name: get(2),
            issuer: get(3),
            label,
            label_basis: get(5),
            split,
        });
    }
    Ok(rows)
}

/// A minimal record for a labelled row: the name, and the issuer as `ceterms:ownedBy` when given.
/// Type is the generic `ceterms:Credential`, unclassified, so nothing but name and issuer leaks in.
pub fn record_for(row: &LabelRow) -> Record {
    let agents = if row.issuer.is_empty() {
        Vec::new()
    } else {
        vec![AgentRef {
            role: "ceterms:ownedBy".into(),
            id: None,
            name: Some(row.issuer.clone()),
        }]
    };
    let id = format!("{}-{}", row.source, row.id);
    let mut record = Record::new(
        id,
        "ceterms:Credential",
        RecordClass::Credential,
        row.name.clone(),
    );
    record.classified = false;
    record.agents = agents;
    record.provenance = Provenance {
        source: row.source.clone(),
        ..Provenance::default()
    };
    record
}

/// Precision and recall of one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    /// The class.
    pub kind: Kind,
    /// Rows labelled with it.
    pub support: usize,
    /// Rows called it.
    pub predicted: usize,
    /// Rows labelled and called it.
    pub correct: usize,
    /// correct / predicted (`None` when never predicted).
    pub precision: Option<f64>,
    /// correct / support (`None` when no support).
    pub recall: Option<f64>,
}

/// Evaluation results on a set of rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Rows evaluated.
    pub total: usize,
    /// Rows called correctly (an `Unknown` call is wrong).
    pub correct: usize,
    /// correct / total.
    pub accuracy: f64,
    /// Rows called `Unknown`.
    pub unknown: usize,
    /// Accuracy over the rows not called `Unknown`.
    pub accuracy_when_decided: f64,
    /// Per-class metrics, in [`Kind::DECIDABLE`] order.
    pub per_class: Vec<ClassMetrics>,
    /// `confusion[label][call]`, indexed by [`Kind::index`] (rows: true kind, columns: call).
    pub confusion: Vec<Vec<usize>>,
    /// (correct, total) per source data set.
    pub per_source: BTreeMap<String, (usize, usize)>,
}

/// Classifies every row with the default options and scores the calls.
pub fn evaluate(rows: &[LabelRow]) -> Report {
    evaluate_with(rows, Options::default())
}

/// Classifies every row with `options` and scores the calls.
pub fn evaluate_with(rows: &[LabelRow], options: Options) -> Report {
    let n = Kind::ALL.len();
    let mut confusion = vec![vec![0usize; n]; n];
    let mut per_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for row in rows {
        let call = classify_with(&record_for(row), options).call;
        confusion[row.label.index()][call.index()] += 1;
        let entry = per_source.entry(row.source.clone()).or_default();
        entry.0 += usize::from(call == row.label);
        entry.1 += 1;
    }
    let correct: usize = (0..n).map(|i| confusion[i][i]).sum();
    let unknown: usize = confusion.iter().map(|r| r[Kind::Unknown.index()]).sum();
    let decided = rows.len() - unknown;
    Report {
        total: rows.len(),
        correct,
        accuracy: ratio(correct, rows.len()).unwrap_or(0.0),
        unknown,
        accuracy_when_decided: ratio(correct, decided).unwrap_or(0.0),
        per_class: Kind::DECIDABLE
            .iter()
            .map(|k| metrics(*k, &confusion))
            .collect(),
        confusion,
        per_source,
    }
}

/// a / b, `None` when b is 0.
fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Precision and recall of `kind` from the confusion matrix.
fn metrics(kind: Kind, confusion: &[Vec<usize>]) -> ClassMetrics {
    let i = kind.index();
    let support: usize = confusion[i].iter().sum();
    let predicted: usize = confusion.iter().map(|r| r[i]).sum();
    let correct = confusion[i][i];
    ClassMetrics {
        kind,
        support,
        predicted,
        correct,
        precision: ratio(correct, predicted),
        recall: ratio(correct, support),
    }
}

/// Formats an optional ratio as a percentage or "–".
fn pct(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "accuracy {} ({}/{}); unknown {}; accuracy when decided {}",
            pct(Some(self.accuracy)),
            self.correct,
            self.total,
            self.unknown,
            pct(Some(self.accuracy_when_decided))
        )?;
        writeln!(
            f,
            "{:<14} {:>7} {:>9} {:>9} {:>8}",
            "class", "support", "predicted", "precision", "recall"
        )?;
        for m in &self.per_class {
            writeln!(
                f,
                "{:<14} {:>7} {:>9} {:>9} {:>8}",
                m.kind.as_str(),
                m.support,
                m.predicted,
                pct(m.precision),
                pct(m.recall)
            )?;
        }
        write!(f, "confusion (rows: label, columns: call)\n{:<14}", "")?;
        for k in Kind::ALL {
            write!(f, " {:>13}", k.as_str())?;
        }
        writeln!(f)?;
        for k in Kind::DECIDABLE {
            write!(f, "{:<14}", k.as_str())?;
            for c in &self.confusion[k.index()] {
                write!(f, " {c:>13}")?;
            }
            writeln!(f)?;
        }
        writeln!(f, "per source (correct/total):")?;
        for (source, (c, t)) in &self.per_source {
            writeln!(f, "  {source:<18} {c}/{t} {}", pct(ratio(*c, *t)))?;
        }
        Ok(())
    }
}
