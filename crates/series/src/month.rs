//! Calendar months: the time axis of every series in this crate.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::SeriesError;

/// One calendar month, the unit in which demand is counted.
///
/// Serialised as the text `"2025-07"`; parsed from `2025-07` or from a full date such as
/// `2025-07-14` (the day is checked, then dropped). Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    /// Calendar year (field order matters: it makes the derived ordering chronological).
    pub year: i32,
    /// Month of the year, 1 = January … 12 = December.
    pub month: u8,
}

impl YearMonth {
    /// Builds a month, rejecting a month number outside 1..=12.
    pub fn new(year: i32, month: u8) -> Result<Self, SeriesError> {
        if (1..=12).contains(&month) {
            Ok(Self { year, month })
        } else {
            Err(SeriesError::InvalidMonth {
                input: format!("{year}-{month}"),
            })
        }
    }

    /// Checks a month built from the public fields, so struct literals cannot sneak in month 13.
    pub fn validate(self) -> Result<Self, SeriesError> {
        Self::new(self.year, self.month)
    }

    /// Months since year 0, a linear index that makes month arithmetic simple.
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The month with a given linear index (inverse of `index`).
    fn from_index(index: i64) -> Option<Self> {
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        // rem_euclid(12) is in 0..12, so the cast cannot truncate.
        let month = index.rem_euclid(12) as u8 + 1;
        Some(Self { year, month })
    }

    /// The month `n` months later (earlier when negative); `None` beyond the `i32` year range.
    pub fn add_months(self, n: i64) -> Option<Self> {
        Self::from_index(self.index().checked_add(n)?)
    }

    /// The following month, used to walk a series' time axis.
    pub fn next(self) -> Option<Self> {
        self.add_months(1)
    }

    /// Signed number of months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Self) -> i64 {
        later.index() - self.index()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = SeriesError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let bad = || SeriesError::InvalidMonth {
            input: s.to_string(),
        };
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let year: i32 = y.parse().map_err(|_| bad())?;
                let month: u8 = m.parse().map_err(|_| bad())?;
                Self::new(year, month).map_err(|_| bad())
            }
            [_, _, _] => {
                let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
                Ok(Self::from(date))
            }
            _ => Err(bad()),
        }
    }
}

impl From<NaiveDate> for YearMonth {
    fn from(date: NaiveDate) -> Self {
        use chrono::Datelike;
        // chrono's month() is always in 1..=12.
        Self {
            year: date.year(),
            month: date.month() as u8,
        }
    }
}

impl TryFrom<String> for YearMonth {
    type Error = SeriesError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<YearMonth> for String {
    fn from(value: YearMonth) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_months_and_dates() {
        let ym: YearMonth = "2025-07".parse().unwrap();
        assert_eq!(
            ym,
            YearMonth {
                year: 2025,
                month: 7
            }
        );
        assert_eq!("2025-07-14".parse::<YearMonth>().unwrap(), ym);
        assert_eq!(ym.to_string(), "2025-07");
        for bad in [
            "2025-13",
            "2025-7",
            "2025",
            "2025-02-30",
            "july",
            "",
            "2025-07-14-1",
        ] {
            assert!(
                bad.parse::<YearMonth>().is_err(),
                "{bad} should be rejected"
            );
        }
    }

    #[test]
    fn month_arithmetic_wraps_years() {
        let dec = YearMonth::new(2024, 12).unwrap();
        assert_eq!(dec.next().unwrap(), YearMonth::new(2025, 1).unwrap());
        assert_eq!(
            dec.add_months(-12).unwrap(),
            YearMonth::new(2023, 12).unwrap()
        );
        assert_eq!(dec.months_until(YearMonth::new(2026, 2).unwrap()), 14);
        assert!(YearMonth::new(i32::MAX, 12).unwrap().next().is_none());
    }
}
