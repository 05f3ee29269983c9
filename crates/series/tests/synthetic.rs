//! Forecast quality on synthetic series with known trend, seasonality and noise.
//!
//! Run with `--nocapture` to see the measured errors and coverage quoted in
//! `docs/forecasting.md`.

use credence_series::{backtest, forecast, MonthlySeries, YearMonth};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// Noise-free expected count for month `t`: level + linear trend + 12-month sine seasonality.
fn signal(t: usize) -> f64 {
    let t = t as f64;
    200.0 + 1.5 * t + 40.0 * (2.0 * std::f64::consts::PI * t / 12.0).sin()
}

/// `months` observations of [`signal`] with Gaussian noise (sd 12), clamped at 0, seeded.
fn synthetic(seed: u64, months: usize) -> MonthlySeries {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let noise = Normal::new(0.0, 12.0).expect("valid normal");
    let values = (0..months)
        .map(|t| (signal(t) + noise.sample(&mut rng)).max(0.0))
        .collect();
    MonthlySeries::new(YearMonth::new(2019, 1).expect("valid month"), values).expect("valid")
}

#[test]
fn forecast_tracks_the_seasonal_signal_better_than_seasonal_naive() {
    let (mut model_err, mut naive_err) = (0.0, 0.0);
    let seeds = 0..12u64;
    let n = 48;
    for seed in seeds.clone() {
        let series = synthetic(seed, n);
        let fc = forecast(&series, 12, 0.95).expect("forecast");
        assert!(fc.method.starts_with("STL(12) + AutoETS("), "{}", fc.method);
        assert_eq!(fc.n_train, n);
        assert_eq!(fc.points[0].month.to_string(), "2023-01");
        for (h, p) in fc.points.iter().enumerate() {
            let truth = signal(n + h);
            model_err += (p.mean - truth).abs();
            naive_err += (series.values[n - 12 + h] - truth).abs();
            assert!(p.lower <= p.mean && p.mean <= p.upper, "{p:?}");
        }
    }
    let points = (seeds.count() * 12) as f64;
    let (model_mae, naive_mae) = (model_err / points, naive_err / points);
    eprintln!("MAE vs true signal: model {model_mae:.2}, seasonal naive {naive_mae:.2}");
    assert!(
        model_mae < 0.8 * naive_mae,
        "model {model_mae} vs seasonal naive {naive_mae}"
    );
}

#[test]
fn backtest_beats_seasonal_naive_on_held_out_months() {
    let (mut mae, mut base) = (0.0, 0.0);
    let seeds = 0..12u64;
    for seed in seeds.clone() {
        let bt = backtest(&synthetic(seed, 60), 12, 6).expect("backtest");
        assert_eq!(bt.n_points, 72);
        assert_eq!(bt.folds.len(), 6);
        assert!(bt.smape > 0.0 && bt.smape < bt.baseline_smape * 1.5);
        mae += bt.mae;
        base += bt.baseline_mae;
    }
    let k = seeds.count() as f64;
    eprintln!(
        "backtest (60 months, h=12, 6 folds, 12 seeds): MAE model {:.2}, seasonal naive {:.2}, ratio {:.3}",
        mae / k,
        base / k,
        mae / base
    );
    assert!(mae < 0.85 * base, "model {mae} vs baseline {base}");
}

#[test]
fn interval_coverage_is_near_nominal_over_many_seeds() {
    let mut covered = [0usize; 2];
    let mut total = 0usize;
    for seed in 100..140u64 {
        let bt = backtest(&synthetic(seed, 60), 12, 6).expect("backtest");
        for (k, c) in bt.coverage.iter().enumerate() {
            covered[k] += c.covered;
        }
        total += bt.n_points;
    }
    let c80 = covered[0] as f64 / total as f64;
    let c95 = covered[1] as f64 / total as f64;
    eprintln!("coverage over {total} held-out points: 80% -> {c80:.3}, 95% -> {c95:.3}");
    assert!((0.70..=0.90).contains(&c80), "80% coverage {c80}");
    assert!((0.88..=0.99).contains(&c95), "95% coverage {c95}");
}

#[test]
fn short_series_use_a_non_seasonal_trend_model_with_sane_coverage() {
    // 20 months: below two seasons, so no seasonality is estimated. Data: trend + noise.
    let mut covered = [0usize; 2];
    let mut total = 0;
    for seed in 0..30u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let noise = Normal::new(0.0, 8.0).expect("valid normal");
        let values = (0..20)
            .map(|t| (50.0 + 2.0 * t as f64 + noise.sample(&mut rng)).max(0.0))
            .collect();
        let series = MonthlySeries::new(YearMonth::new(2024, 1).unwrap(), values).unwrap();
        let fc = forecast(&series, 6, 0.8).expect("forecast");
        assert!(fc.method.contains("non-seasonal"), "{}", fc.method);
        let bt = backtest(&series, 6, 3).expect("backtest");
        for (k, c) in bt.coverage.iter().enumerate() {
            covered[k] += c.covered;
        }
        total += bt.n_points;
    }
    let c80 = covered[0] as f64 / total as f64;
    let c95 = covered[1] as f64 / total as f64;
    eprintln!("short series coverage over {total} points: 80% -> {c80:.3}, 95% -> {c95:.3}");
    assert!(c80 >= 0.6 && c95 >= 0.8, "80%: {c80}, 95%: {c95}");
}

#[test]
fn coverage_with_only_two_to_three_years_of_history() {
    // Folds train on 25..=30 months: the seasonal pattern rests on two years and the interval
    // calibration on few (or, below 28 months, no) in-sample errors, so coverage is known to
    // fall short of nominal here (about 0.70 / 0.85 when written); this guards against worse.
    let mut covered = [0usize; 2];
    let mut total = 0usize;
    let (mut mae, mut base) = (0.0, 0.0);
    for seed in 200..240u64 {
        let bt = backtest(&synthetic(seed, 36), 6, 6).expect("backtest");
        for (k, c) in bt.coverage.iter().enumerate() {
            covered[k] += c.covered;
        }
        total += bt.n_points;
        mae += bt.mae;
        base += bt.baseline_mae;
    }
    let c80 = covered[0] as f64 / total as f64;
    let c95 = covered[1] as f64 / total as f64;
    eprintln!(
        "36-month series, h=6: MAE ratio {:.3}; coverage over {total} points: 80% -> {c80:.3}, 95% -> {c95:.3}",
        mae / base
    );
    assert!(mae < base, "model {mae} vs baseline {base}");
    assert!((0.62..=0.92).contains(&c80), "80% coverage {c80}");
    assert!((0.80..=0.99).contains(&c95), "95% coverage {c95}");
}
