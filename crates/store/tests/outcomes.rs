//! Outcome tables on SQLite and PostgreSQL: runs and cells round-trip, the latest run wins,
//! published figures upsert by key and keep suppression as suppression.

use credence_outcomes::published::PublishedOutcome;
use credence_outcomes::{CredentialOutcomes, MetricCell, Reject};
use credence_store::{OutcomeRun, PublishedFilter};

#[macro_use]
mod common;

fn run(id: &str, at: &str) -> OutcomeRun {
    OutcomeRun {
        run_id: id.into(),
        computed_at: at.into(),
        participants_file: "p.csv".into(),
        wage_files: "w.csv".into(),
        participants: 120,
        wage_rows: 3000,
        rejected: 1,
        wage_window: "2016Q1–2023Q4".into(),
        min_cell: 10,
        epsilon: None,
        level: 0.95,
        method: "test".into(),
    }
}

fn cell(dim: &str, cat: &str, metric: &str, v: Option<f64>) -> MetricCell {
    MetricCell {
        dimension: dim.into(),
        category: cat.into(),
        metric: metric.into(),
        value: v,
        lower: v.map(|x| x - 0.1),
        upper: v.map(|x| x + 0.1),
        n: v.map(|_| 40),
        suppressed: if v.is_none() {
            Some("n < 10".into())
        } else {
            None
        },
    }
}

conformance!(outcome_runs_round_trip, |store| {
    let o = |v: f64| CredentialOutcomes {
        credential_id: "ce-1".into(),
        exit_window: Some(("2018Q1".into(), "2021Q4".into())),
        not_observable: 2,
        unmatched: 1,
        cells: vec![
            cell("all", "all", "employment_q2", Some(v)),
            cell("sex", "female", "employment_q2", None),
        ],
    };
    let rej = Reject::new("w.csv", "line 9", "wage", "negative wages");
    store
        .save_outcome_run(
            &run("r1", "2026-01-01T00:00:00Z"),
            &[o(0.5)],
            std::slice::from_ref(&rej),
        )
        .await
        .unwrap();
    store
        .save_outcome_run(&run("r2", "2026-02-01T00:00:00Z"), &[o(0.7)], &[])
        .await
        .unwrap();
    let got = store.latest_outcomes("ce-1").await.unwrap().unwrap();
    assert_eq!(got.run.run_id, "r2");
    assert_eq!(got.exit_window, Some(("2018Q1".into(), "2021Q4".into())));
    assert_eq!(got.cells.len(), 2);
    let all = got.cells.iter().find(|c| c.dimension == "all").unwrap();
    assert_eq!((all.value, all.n), (Some(0.7), Some(40)));
    let hidden = got.cells.iter().find(|c| c.dimension == "sex").unwrap();
    assert_eq!(
        (hidden.value, hidden.n, hidden.suppressed.as_deref()),
        (None, None, Some("n < 10"))
    );
    assert!(store.latest_outcomes("nope").await.unwrap().is_none());
    assert_eq!(
        store.outcome_credentials().await.unwrap(),
        vec!["ce-1".to_string()]
    );
    // A second run with the same id is refused and leaves nothing half-written.
    assert!(store
        .save_outcome_run(&run("r2", "2026-03-01T00:00:00Z"), &[o(0.9)], &[])
        .await
        .is_err());
    assert_eq!(
        store
            .latest_outcomes("ce-1")
            .await
            .unwrap()
            .unwrap()
            .cells
            .iter()
            .find(|c| c.dimension == "all")
            .unwrap()
            .value,
        Some(0.7)
    );
});

conformance!(published_outcomes_upsert_and_filter, |store| {
    let row = |inst: &str, cip: &str, value: Option<f64>, status: &str| PublishedOutcome {
        format: "pseo".into(),
        institution: inst.into(),
        institution_name: Some(format!("College {inst}")),
        cip: Some(cip.into()),
        degree_level: Some("01".into()),
        cohort: Some("2016 (5-year)".into()),
        detail: String::new(),
        measure: "y1_p50_earnings".into(),
        value,
        n: value.map(|_| 45),
        status: status.into(),
    };
    store
        .upsert_published(
            "a.csv",
            "aa",
            &[
                row("001", "51.3902", Some(31000.0), "published"),
                row("002", "11.0101", None, "suppressed (status 5)"),
            ],
        )
        .await
        .unwrap();
    store
        .upsert_published(
            "b.csv",
            "bb",
            &[row("001", "51.3902", Some(32000.0), "published")],
        )
        .await
        .unwrap();
    let all = store
        .published_outcomes(&PublishedFilter {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    let nurse = store
        .published_outcomes(&PublishedFilter {
            cip: Some("51".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(nurse.len(), 1);
    assert_eq!(nurse[0].value, Some(32000.0));
    let by_name = store
        .published_outcomes(&PublishedFilter {
            institution: Some("college 002".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(
        (by_name[0].value, by_name[0].status.as_str()),
        (None, "suppressed (status 5)")
    );
});
