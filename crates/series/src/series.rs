//! Monthly count series: one value per consecutive calendar month, no gaps.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{SeriesError, YearMonth};

/// Longest span [`MonthlySeries::from_counts`] will fill, so one stray date (year 1) cannot
/// allocate millions of zero months.
pub const MAX_SPAN_MONTHS: usize = 12 * 200;

/// Counts for consecutive calendar months starting at `start`: the input to forecasting.
///
/// `values[i]` is the count for `start + i` months. Fields are public for convenience;
/// [`forecast`](crate::forecast) and [`backtest`](crate::backtest) re-check them with
/// [`MonthlySeries::validate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthlySeries {
    /// The month of `values[0]`.
    pub start: YearMonth,
    /// One non-negative count per month, oldest first.
    pub values: Vec<f64>,
}

impl MonthlySeries {
    /// Builds a checked series from a start month and consecutive counts.
    pub fn new(start: YearMonth, values: Vec<f64>) -> Result<Self, SeriesError> {
        let series = Self { start, values };
        series.validate()?;
        Ok(series)
    }

    /// Builds a series from (month, count) pairs in any order, as aggregations produce them.
    ///
    /// Pairs are sorted by month, counts for the same month are added together, and months
    /// missing between the first and last month are filled with 0 (no postings seen).
    /// Rejects an empty input, NaN/infinite or negative counts, and spans over
    /// [`MAX_SPAN_MONTHS`].
    pub fn from_counts<I>(pairs: I) -> Result<Self, SeriesError>
    where
        I: IntoIterator<Item = (YearMonth, f64)>,
    {
        let mut by_month: BTreeMap<YearMonth, f64> = BTreeMap::new();
        for (month, value) in pairs {
            let month = month.validate()?;
            check_value(month, value)?;
            *by_month.entry(month).or_insert(0.0) += value;
        }
        let (Some((&first, _)), Some((&last, _))) =
            (by_month.first_key_value(), by_month.last_key_value())
        else {
            return Err(SeriesError::Empty);
        };
        let span = first.months_until(last) + 1;
        if span > MAX_SPAN_MONTHS as i64 {
            return Err(SeriesError::TooLong {
                first: first.to_string(),
                last: last.to_string(),
                months: span,
                max: MAX_SPAN_MONTHS,
            });
        }
        let mut values = vec![0.0; span as usize];
        for (month, value) in by_month {
            values[first.months_until(month) as usize] = value;
        }
        Ok(Self {
            start: first,
            values,
        })
    }

    /// Checks what forecasting relies on: a real start month, at least one month, and
    /// finite non-negative counts.
    pub fn validate(&self) -> Result<(), SeriesError> {
        let start = self.start.validate()?;
        if self.values.is_empty() {
            return Err(SeriesError::Empty);
        }
        if self.values.len() > MAX_SPAN_MONTHS {
            return Err(SeriesError::TooLong {
                first: start.to_string(),
                last: "?".to_string(),
                months: self.values.len() as i64,
                max: MAX_SPAN_MONTHS,
            });
        }
        for (i, &value) in self.values.iter().enumerate() {
            let month = start
                .add_months(i as i64)
                .ok_or(SeriesError::InvalidMonth {
                    input: format!("{start} + {i} months"),
                })?;
            check_value(month, value)?;
        }
        Ok(())
    }

    /// Number of months in the series.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the series has no months (only possible through the public fields).
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The month of `values[i]`, or `None` past the representable calendar.
    pub fn month_at(&self, i: usize) -> Option<YearMonth> {
        self.start.add_months(i64::try_from(i).ok()?)
    }

    /// The most recent month and its count, where a forecast starts from.
    pub fn last(&self) -> Option<(YearMonth, f64)> {
        let value = *self.values.last()?;
        Some((self.month_at(self.values.len() - 1)?, value))
    }

    /// (month, count) pairs oldest first, for reports and plotting.
    pub fn iter(&self) -> impl Iterator<Item = (YearMonth, f64)> + '_ {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(i, &v)| Some((self.month_at(i)?, v)))
    }

    /// The first `months` months as their own series: a training window for backtests.
    pub fn head(&self, months: usize) -> Self {
        Self {
            start: self.start,
            values: self.values[..months.min(self.values.len())].to_vec(),
        }
    }
}

/// Rejects counts no demand series can hold.
fn check_value(month: YearMonth, value: f64) -> Result<(), SeriesError> {
    if !value.is_finite() {
        return Err(SeriesError::NotFinite {
            month: month.to_string(),
            value,
        });
    }
    if value < 0.0 {
        return Err(SeriesError::Negative {
            month: month.to_string(),
            value,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    #[test]
    fn from_counts_sorts_sums_and_fills_gaps() {
        let s = MonthlySeries::from_counts([
            (ym("2025-03"), 4.0),
            (ym("2024-12"), 1.0),
            (ym("2025-03"), 1.0),
            (ym("2025-01"), 2.0),
        ])
        .unwrap();
        assert_eq!(s.start, ym("2024-12"));
        assert_eq!(s.values, vec![1.0, 2.0, 0.0, 5.0]);
        assert_eq!(s.last(), Some((ym("2025-03"), 5.0)));
        assert_eq!(s.iter().nth(2), Some((ym("2025-02"), 0.0)));
    }

    #[test]
    fn from_counts_rejects_bad_values() {
        assert_eq!(
            MonthlySeries::from_counts(Vec::<(YearMonth, f64)>::new()),
            Err(SeriesError::Empty)
        );
        assert!(matches!(
            MonthlySeries::from_counts([(ym("2025-01"), -1.0)]),
            Err(SeriesError::Negative { .. })
        ));
        assert!(matches!(
            MonthlySeries::from_counts([(ym("2025-01"), f64::NAN)]),
            Err(SeriesError::NotFinite { .. })
        ));
        assert!(matches!(
            MonthlySeries::from_counts([(ym("0001-01"), 1.0), (ym("2025-01"), 1.0)]),
            Err(SeriesError::TooLong { .. })
        ));
        let bad_month = YearMonth {
            year: 2025,
            month: 13,
        };
        assert!(MonthlySeries::from_counts([(bad_month, 1.0)]).is_err());
    }
}
