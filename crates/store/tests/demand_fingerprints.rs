//! Stored posting fingerprints (cross-run de-duplication) on SQLite and PostgreSQL: they round
//! trip bit for bit, load by month window, and are written in the file's transaction.

use credence_demand::dedup::{Fingerprint, Remembered, HASHES};
use credence_demand::pipeline::{Aggregates, Cell, Summary};
use credence_model::MentionKind;
use credence_store::{DemandFilter, Store};

#[macro_use]
mod common;

/// A fingerprint whose values use every bit (sign bits included), distinct per `seed`.
fn fingerprint(seed: u32, month: Option<u32>) -> Remembered {
    let mut minhash = [0u32; HASHES];
    for (i, v) in minhash.iter_mut().enumerate() {
        *v = u32::MAX
            - seed
                .wrapping_mul(2_654_435_761)
                .wrapping_add(i as u32 * 977);
    }
    minhash[3] = 0;
    Remembered {
        fingerprint: Fingerprint {
            exact: u64::MAX - u64::from(seed),
            minhash,
        },
        month,
    }
}

fn one_cell(unique: u64) -> Aggregates {
    let mut a = Aggregates::default();
    a.credentials
        .insert("cdl".into(), ("CDL".into(), MentionKind::License));
    a.add_cell(
        ["cdl", "53-3032", "US-CO", "2025-01"],
        Cell {
            postings: unique,
            unique,
            required: unique,
            ..Cell::default()
        },
    );
    a
}

async fn loaded(store: &Store, months: Option<std::ops::RangeInclusive<u32>>) -> Vec<Remembered> {
    let mut out = Vec::new();
    let n = store
        .demand_fingerprints(months, |r| out.push(r))
        .await
        .unwrap();
    assert_eq!(n as usize, out.len());
    out.sort_by_key(|r| (r.month, r.fingerprint.exact));
    out
}

async fn cdl_unique(store: &Store) -> i64 {
    let top = store
        .demand_top(&DemandFilter::default(), 10)
        .await
        .unwrap();
    top.iter()
        .find(|r| r.credential_key == "cdl")
        .map_or(0, |r| r.unique_postings)
}

conformance!(fingerprints_round_trip_by_window_and_atomically, |store| {
    assert!(!store.demand_fingerprints_exist().await.unwrap());
    let stored = vec![
        fingerprint(1, Some(202_401)),
        fingerprint(2, Some(202_501)),
        fingerprint(3, Some(202_507)),
        fingerprint(4, None),
    ];
    store
        .add_demand(
            "sha-a",
            "a.jsonl",
            &Summary::default(),
            &one_cell(3),
            &stored,
        )
        .await
        .unwrap();
    assert!(store.demand_fingerprints_exist().await.unwrap());

    let mut all = stored.clone();
    all.sort_by_key(|r| (r.month, r.fingerprint.exact));
    assert_eq!(
        loaded(&store, None).await,
        all,
        "every bit survives the round trip"
    );
    assert_eq!(
        loaded(&store, Some(202_407..=202_503)).await,
        vec![stored[3], stored[1]],
        "the window's months and the undated ones"
    );
    assert_eq!(
        loaded(&store, Some(std::ops::RangeInclusive::new(1, 0))).await,
        vec![stored[3]]
    );

    // The same file again fails on its row, written last: nothing of it is kept.
    let err = store
        .add_demand(
            "sha-a",
            "a-again.jsonl",
            &Summary::default(),
            &one_cell(5),
            &[fingerprint(9, Some(202_502))],
        )
        .await;
    assert!(err.is_err());
    assert_eq!(loaded(&store, None).await.len(), 4);
    assert_eq!(cdl_unique(&store).await, 3);

    // Another file adds both.
    store
        .add_demand(
            "sha-b",
            "b.jsonl",
            &Summary::default(),
            &one_cell(2),
            &[fingerprint(9, Some(202_502))],
        )
        .await
        .unwrap();
    assert_eq!(loaded(&store, Some(202_502..=202_502)).await.len(), 2);
    assert_eq!(cdl_unique(&store).await, 5);
});
