//! Scores extracted mentions against labelled truth with overlap matching of spans.
//!
//! Two spans match when they overlap by at least one code point; each truth span pairs with at
//! most one predicted span (largest overlap first). Precision and recall are reported for spans
//! regardless of kind, per kind (span match and same kind), and level accuracy over matched
//! pairs, so a reviewer sees where the extractor is wrong, not just how often.

use std::collections::BTreeMap;

use credence_model::{Level, Mention, MentionKind};
use serde::Serialize;

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    /// Matched spans.
    pub tp: usize,
    /// Predicted spans with no truth span.
    pub fp: usize,
    /// Truth spans with no predicted span.
    pub fn_: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Prf {
    fn from_counts(tp: usize, fp: usize, fn_: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            tp,
            fp,
            fn_,
            precision,
            recall,
            f1,
        }
    }
}

/// The whole report for one truth/prediction pair of files.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// Documents compared.
    pub documents: usize,
    /// Span matching regardless of kind.
    pub spans: Prf,
    /// Span matching that also requires the same kind, per kind.
    pub by_kind: BTreeMap<&'static str, Prf>,
    /// Share of matched pairs whose level agrees.
    pub level_accuracy: f64,
    /// Matched pairs counted for the level accuracy.
    pub level_pairs: usize,
    /// Truth level → predicted level → count, over matched pairs.
    pub level_confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
}

/// One document's errors, for a reviewer.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Document id.
    pub id: String,
    /// What went wrong: `fp`, `fn`, `kind` or `level`.
    pub what: &'static str,
    /// Truth surface (for fn, kind, level).
    pub truth: Option<String>,
    /// Predicted surface (for fp, kind, level).
    pub predicted: Option<String>,
    /// Truth vs predicted value for kind and level errors.
    pub detail: String,
    /// Start offset (code points) of the truth span, else the predicted one.
    pub at: usize,
}

/// Running totals while documents are added.
#[derive(Debug, Default)]
pub struct Scorer {
    documents: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    kind: BTreeMap<MentionKind, (usize, usize, usize)>,
    level_ok: usize,
    level_pairs: usize,
    confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    /// Every error seen, in document order.
    pub misses: Vec<Miss>,
}

impl Scorer {
    /// Adds one document's truth and predictions.
    pub fn add(&mut self, id: &str, truth: &[Mention], predicted: &[Mention]) {
        self.documents += 1;
        let pairs = match_spans(truth, predicted);
        let mut truth_used = vec![false; truth.len()];
        let mut pred_used = vec![false; predicted.len()];
        for &(ti, pi) in &pairs {
            truth_used[ti] = true;
            pred_used[pi] = true;
            let (t, p) = (&truth[ti], &predicted[pi]);
            self.tp += 1;
            if t.kind == p.kind {
                self.kind.entry(t.kind).or_default().0 += 1;
            } else {
                self.kind.entry(p.kind).or_default().1 += 1;
                self.kind.entry(t.kind).or_default().2 += 1;
                self.miss(
                    id,
                    "kind",
                    Some(t),
                    Some(p),
                    format!("{} vs {}", t.kind.as_str(), p.kind.as_str()),
                );
            }
            self.level_pairs += 1;
            *self
                .confusion
                .entry(t.level.as_str())
                .or_default()
                .entry(p.level.as_str())
                .or_default() += 1;
            if t.level == p.level {
                self.level_ok += 1;
            } else {
                self.miss(
                    id,
                    "level",
                    Some(t),
                    Some(p),
                    format!("{} vs {}", t.level.as_str(), p.level.as_str()),
                );
            }
        }
        for (p, _) in predicted.iter().zip(&pred_used).filter(|(_, u)| !**u) {
            self.fp += 1;
            self.kind.entry(p.kind).or_default().1 += 1;
            self.miss(id, "fp", None, Some(p), p.kind.as_str().to_string());
        }
        for (t, _) in truth.iter().zip(&truth_used).filter(|(_, u)| !**u) {
            self.fn_ += 1;
            self.kind.entry(t.kind).or_default().2 += 1;
            self.miss(id, "fn", Some(t), None, t.kind.as_str().to_string());
        }
    }

    fn miss(
        &mut self,
        id: &str,
        what: &'static str,
        t: Option<&Mention>,
        p: Option<&Mention>,
        detail: String,
    ) {
        self.misses.push(Miss {
            id: id.to_string(),
            what,
            truth: t.map(|m| m.surface.clone()),
            predicted: p.map(|m| m.surface.clone()),
            detail,
            at: t.or(p).map_or(0, |m| m.start),
        });
    }

    /// The report so far.
    pub fn score(&self) -> Score {
        Score {
            documents: self.documents,
            spans: Prf::from_counts(self.tp, self.fp, self.fn_),
            by_kind: self
                .kind
                .iter()
                .map(|(k, &(tp, fp, fn_))| (k.as_str(), Prf::from_counts(tp, fp, fn_)))
                .collect(),
            level_accuracy: if self.level_pairs == 0 {
                0.0
            } else {
                self.level_ok as f64 / self.level_pairs as f64
            },
            level_pairs: self.level_pairs,
            level_confusion: self.confusion.clone(),
        }
    }
}

/// Pairs truth and predicted spans that overlap, largest overlap first, each used once.
fn match_spans(truth: &[Mention], predicted: &[Mention]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (ti, t) in truth.iter().enumerate() {
        for (pi, p) in predicted.iter().enumerate() {
            let overlap = t.end.min(p.end).saturating_sub(t.start.max(p.start));
            if overlap > 0 {
                candidates.push((overlap, ti, pi));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut t_used = vec![false; truth.len()];
    let mut p_used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (_, ti, pi) in candidates {
        if !t_used[ti] && !p_used[pi] {
            t_used[ti] = true;
            p_used[pi] = true;
            pairs.push((ti, pi));
        }
    }
    pairs
}

/// Reads a level word leniently for truth files written by hand.
pub fn parse_level(s: &str) -> Option<Level> {
    Level::parse(&s.trim().to_lowercase().replace(['-', ' '], "_"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use credence_model::Section;

    fn m(start: usize, end: usize, kind: MentionKind, level: Level) -> Mention {
        Mention {
            start,
            end,
            surface: format!("{start}-{end}"),
            credential: "x".into(),
            credential_id: None,
            kind,
            level,
            alias: None,
            section: Section::Other,
        }
    }

    #[test]
    fn overlap_matching_counts_each_span_once() {
        use Level::*;
        use MentionKind::*;
        let truth = [
            m(0, 10, License, Required),
            m(20, 30, Certification, Preferred),
        ];
        let pred = [
            m(2, 8, License, Required),
            m(5, 9, License, Required),
            m(25, 40, Certificate, Required),
            m(50, 55, License, Unclear),
        ];
        let mut s = Scorer::default();
        s.add("d", &truth, &pred);
        let r = s.score();
        assert_eq!((r.spans.tp, r.spans.fp, r.spans.fn_), (2, 2, 0));
        assert_eq!(r.by_kind["license"].tp, 1);
        assert_eq!(r.by_kind["certification"].fn_, 1);
        assert!((r.level_accuracy - 0.5).abs() < 1e-9);
        assert_eq!(s.misses.iter().filter(|m| m.what == "fp").count(), 2);
    }
}
