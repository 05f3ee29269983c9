//! The time truth of the corpus: which months postings fall in and how the chance that a posting
//! asks for a given credential moves over the 36 months (a linear trend times a yearly season).
//!
//! For a posting in month `m` (0 = January 2022 … 35 = December 2024) the probability that the
//! generator includes a credential it considers for that posting's SOC is
//! `base × credential_trend(id, m)`, capped at 0.95, where
//! `credential_trend = (1 + slope·(2m/35 − 1)) · (1 + amplitude·cos(2π(month_of_year − peak)/12))`.
//! [`trend_params`] gives `slope`, `amplitude` and `peak` for every id, so a benchmark can compare
//! a measured series with the truth. Posting volume itself rises 15 % over the window and peaks
//! each March ([`month_weight`]).

/// First year of the window; month index 0 is January of this year.
pub const FIRST_YEAR: i32 = 2022;
/// Number of months in the window.
pub const MONTHS: u32 = 36;

/// How one credential's demand moves: the documented truth behind [`credential_trend`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendParams {
    /// Relative change from the window's middle to its end (−0.4 … +0.4): +0.3 means the share of
    /// postings asking for it is 30 % above the middle by December 2024 and 30 % below in January 2022.
    pub slope: f64,
    /// Seasonal swing around the trend (0 = none, 0.3 = ±30 %).
    pub amplitude: f64,
    /// Month of year (1–12) when the seasonal factor is highest.
    pub peak: u32,
}

/// Hand-set trends for credentials whose story is well known; everything else is hashed.
const KNOWN: &[(&str, f64, f64, u32)] = &[
    ("comptia-security-plus", 0.35, 0.0, 1),
    ("cissp", 0.25, 0.0, 1),
    ("aws-solutions-architect", 0.4, 0.0, 1),
    ("azure-administrator", 0.4, 0.0, 1),
    ("comptia-a-plus", -0.2, 0.0, 1),
    ("pmp", 0.0, 0.0, 1),
    ("cdl", -0.25, 0.3, 10),
    ("rn-license", 0.1, 0.1, 1),
    ("cna", -0.15, 0.0, 1),
    ("forklift-certification", -0.1, 0.25, 10),
    ("servsafe-food-handler", 0.0, 0.3, 5),
    ("food-handler-card", 0.0, 0.3, 5),
    ("tips-certification", 0.0, 0.3, 5),
    ("lifeguard", 0.0, 0.6, 4),
    ("teaching-license", -0.1, 0.4, 7),
    ("substitute-teaching-permit", 0.0, 0.5, 8),
    ("cpa", -0.2, 0.25, 1),
    ("enrolled-agent", 0.0, 0.5, 1),
    ("osha-10", 0.2, 0.2, 4),
    ("epa-608", 0.0, 0.3, 5),
];

/// FNV-1a, so hashed parameters are the same on every platform and in every release.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The trend of `id`: hand-set for well-known credentials, otherwise a stable hash of the id
/// giving a slope in −0.3 … +0.3 and no season.
pub fn trend_params(id: &str) -> TrendParams {
    if let Some(&(_, slope, amplitude, peak)) = KNOWN.iter().find(|k| k.0 == id) {
        return TrendParams {
            slope,
            amplitude,
            peak,
        };
    }
    let h = fnv(id);
    TrendParams {
        slope: ((h % 601) as f64 - 300.0) / 1000.0,
        amplitude: 0.0,
        peak: 1,
    }
}

/// Multiplier on the inclusion probability of `id` in month index `month` (0 … 35).
pub fn credential_trend(id: &str, month: u32) -> f64 {
    let p = trend_params(id);
    let t = 2.0 * f64::from(month) / f64::from(MONTHS - 1) - 1.0;
    let moy = month % 12 + 1;
    let angle = 2.0 * std::f64::consts::PI * (f64::from(moy) - f64::from(p.peak)) / 12.0;
    (1.0 + p.slope * t) * (1.0 + p.amplitude * angle.cos())
}

/// Relative posting volume of month index `month`: +15 % over the window, ±10 % peaking in March.
pub fn month_weight(month: u32) -> f64 {
    let moy = month % 12 + 1;
    let angle = 2.0 * std::f64::consts::PI * (f64::from(moy) - 3.0) / 12.0;
    (1.0 + 0.15 * f64::from(month) / f64::from(MONTHS - 1)) * (1.0 + 0.1 * angle.cos())
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// First and one-past-last day number of the window.
pub(crate) fn window_days() -> (i64, i64) {
    (
        days_from_civil(FIRST_YEAR, 1, 1),
        days_from_civil(FIRST_YEAR + 3, 1, 1),
    )
}

/// Month index (0 … 35) of a day number inside the window.
pub(crate) fn month_index(day: i64) -> u32 {
    let (y, m, _) = civil_from_days(day);
    ((y - FIRST_YEAR) * 12 + m as i32 - 1) as u32
}

/// `YYYY-MM-DD` of a day number.
pub(crate) fn ymd(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Day number of the first day of month index `month`.
pub(crate) fn month_start(month: u32) -> i64 {
    days_from_civil(FIRST_YEAR + (month / 12) as i32, month % 12 + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_months_index_the_window() {
        let (a, b) = window_days();
        assert_eq!(ymd(a), "2022-01-01");
        assert_eq!(ymd(b - 1), "2024-12-31");
        for d in a..b {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
            assert!(month_index(d) < MONTHS);
        }
        assert_eq!(month_index(month_start(25)), 25);
    }

    #[test]
    fn trends_follow_their_documented_parameters() {
        let rising = credential_trend("aws-solutions-architect", 35)
            / credential_trend("aws-solutions-architect", 0);
        assert!((rising - 1.4 / 0.6).abs() < 1e-9);
        let cdl_oct = credential_trend("cdl", 21);
        let cdl_apr = credential_trend("cdl", 15);
        assert!(cdl_oct > cdl_apr);
        let p = trend_params("some-unknown-id");
        assert!(p.slope.abs() <= 0.3 && p.amplitude == 0.0);
    }
}
