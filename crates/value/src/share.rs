//! A share with its numerator, denominator, definition and a Wilson 95% interval; shares whose
//! denominator is below the small-cell threshold are suppressed (no value, no interval).

use serde::{Deserialize, Serialize};

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// A percentage as shown: never without its n and definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// Count that meets the definition.
    pub numerator: u64,
    /// Count it is a share of (the n).
    pub denominator: u64,
    /// `numerator / denominator`, or `None` when suppressed (denominator below the threshold).
    pub value: Option<f64>,
    /// Wilson score 95% interval, when shown.
    pub interval: Option<(f64, f64)>,
    /// What is counted, in words.
    pub definition: String,
    /// True when withheld because the denominator is a small cell.
    pub suppressed: bool,
}

impl Share {
    /// A share, suppressed when `denominator < min_cell`.
    pub fn new(numerator: u64, denominator: u64, min_cell: u64, definition: &str) -> Share {
        let suppressed = denominator < min_cell.max(1);
        let (value, interval) = if suppressed {
            (None, None)
        } else {
            let p = numerator as f64 / denominator as f64;
            (Some(p), Some(wilson(numerator as f64, denominator as f64)))
        };
        Share {
            numerator,
            denominator,
            value,
            interval,
            definition: definition.to_string(),
            suppressed,
        }
    }

    /// `42.1% (n = 2,031; 95% CI 40.0–44.3%)` or `suppressed (n < 10)`.
    pub fn display(&self) -> String {
        match (self.value, self.interval) {
            (Some(v), Some((lo, hi))) => format!(
                "{:.1}% ({} of {}; 95% CI {:.1}–{:.1}%)",
                v * 100.0,
                self.numerator,
                self.denominator,
                lo * 100.0,
                hi * 100.0
            ),
            _ => format!("suppressed (n = {} is a small cell)", self.denominator),
        }
    }
}

/// Wilson score interval for `x` successes in `n` trials.
fn wilson(x: f64, n: f64) -> (f64, f64) {
    let p = x / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_a_published_example() {
        // Newcombe (1998), Statistics in Medicine 17:857, Table I: 81/263 -> 0.2553–0.3662.
        let (lo, hi) = wilson(81.0, 263.0);
        assert!((lo - 0.2553).abs() < 5e-4, "{lo}");
        assert!((hi - 0.3662).abs() < 5e-4, "{hi}");
    }

    #[test]
    fn small_cells_are_suppressed() {
        let s = Share::new(3, 9, 10, "x");
        assert!(s.suppressed && s.value.is_none() && s.interval.is_none());
        let s = Share::new(3, 10, 10, "x");
        assert_eq!(s.value, Some(0.3));
    }
}
