//! Bad input gives a clear error, never a panic or a fake forecast.

use credence_series::{
    backtest, forecast, MonthlySeries, SeriesError, YearMonth, MAX_HORIZON, MIN_MONTHS,
};

fn ym(s: &str) -> YearMonth {
    s.parse().expect("valid month")
}

fn series(values: Vec<f64>) -> MonthlySeries {
    MonthlySeries {
        start: ym("2024-01"),
        values,
    }
}

#[test]
fn short_histories_name_the_months_needed() {
    for n in [1, 5, MIN_MONTHS - 1] {
        let err = forecast(&series(vec![3.0; n]), 6, 0.9).unwrap_err();
        assert_eq!(
            err,
            SeriesError::InsufficientHistory {
                needed: MIN_MONTHS,
                available: n
            }
        );
        assert!(err
            .to_string()
            .contains(&format!("{MIN_MONTHS} months needed")));
    }
    let err = backtest(&series((1..=20).map(f64::from).collect()), 12, 3).unwrap_err();
    assert_eq!(
        err,
        SeriesError::InsufficientHistory {
            needed: MIN_MONTHS + 12 + 2,
            available: 20
        }
    );
}

#[test]
fn invalid_values_are_rejected() {
    assert_eq!(forecast(&series(vec![]), 6, 0.9), Err(SeriesError::Empty));
    assert_eq!(
        forecast(&series(vec![0.0; 30]), 6, 0.9),
        Err(SeriesError::AllZero { months: 30 })
    );
    let mut nan = vec![5.0; 30];
    nan[3] = f64::NAN;
    assert!(matches!(
        forecast(&series(nan), 6, 0.9),
        Err(SeriesError::NotFinite { month, .. }) if month == "2024-04"
    ));
    let mut neg = vec![5.0; 30];
    neg[29] = -1.0;
    assert!(matches!(
        backtest(&series(neg), 6, 2),
        Err(SeriesError::Negative { .. })
    ));
    let bad_start = MonthlySeries {
        start: YearMonth {
            year: 2024,
            month: 0,
        },
        values: vec![1.0; 30],
    };
    assert!(matches!(
        forecast(&bad_start, 6, 0.9),
        Err(SeriesError::InvalidMonth { .. })
    ));
}

#[test]
fn invalid_horizon_level_and_folds_are_rejected() {
    let s = series((0..30).map(|t| 10.0 + f64::from(t)).collect());
    for h in [0, MAX_HORIZON + 1] {
        assert!(matches!(
            forecast(&s, h, 0.9),
            Err(SeriesError::InvalidHorizon { .. })
        ));
    }
    for level in [0.0, 1.0, -0.5, 95.0, f64::NAN] {
        assert!(matches!(
            forecast(&s, 6, level),
            Err(SeriesError::InvalidLevel { .. })
        ));
    }
    assert_eq!(backtest(&s, 6, 0), Err(SeriesError::NoFolds));
}

#[test]
fn degenerate_but_valid_series_never_panic() {
    let cases: Vec<Vec<f64>> = vec![
        vec![7.0; 30],         // constant
        vec![7.0; MIN_MONTHS], // constant, minimal
        (0..36)
            .map(|t| if t % 5 == 0 { 1.0 } else { 0.0 })
            .collect(), // sparse
        (0..30).map(|t| if t == 29 { 500.0 } else { 1.0 }).collect(), // last-month spike
        (0..40).map(|t| 1e7 * f64::from(t + 1)).collect(), // large counts
        (0..30).map(|t| f64::from(30 - t)).collect(), // falling to 1
    ];
    for values in cases {
        match forecast(&series(values.clone()), 12, 0.95) {
            Ok(fc) => {
                assert_eq!(fc.points.len(), 12);
                for p in &fc.points {
                    assert!(p.lower >= 0.0 && p.mean >= 0.0 && p.upper >= 0.0, "{p:?}");
                    assert!(p.lower <= p.mean && p.mean <= p.upper, "{p:?}");
                    assert!(p.upper.is_finite());
                }
            }
            Err(e) => assert!(matches!(e, SeriesError::Model(_)), "{values:?}: {e}"),
        }
    }
}

#[test]
fn series_and_forecasts_round_trip_through_json() {
    let s = MonthlySeries::from_counts([(ym("2024-03"), 2.0), (ym("2024-01"), 1.0)]).unwrap();
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(json, r#"{"start":"2024-01","values":[1.0,0.0,2.0]}"#);
    assert_eq!(serde_json::from_str::<MonthlySeries>(&json).unwrap(), s);
    assert!(serde_json::from_str::<YearMonth>(r#""2024-13""#).is_err());
}

#[test]
fn method_names_the_library_versions_in_cargo_lock() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock"))
        .expect("workspace Cargo.lock");
    for (name, version) in [
        ("augurs-ets", credence_series::AUGURS_ETS_VERSION),
        ("stlrs", credence_series::STLRS_VERSION),
    ] {
        let entry = format!("name = \"{name}\"\nversion = \"{version}\"");
        assert!(lock.contains(&entry), "Cargo.lock has no {name} {version}");
    }
}
