//! Credentials-of-value tables on SQLite and on the real PostgreSQL server: a list is stored
//! whole, replaced whole, and read back in line order with its nulls.

use credence_store::{DemandWindow, ValueListInfo, ValueListRow};

#[macro_use]
mod common;

fn row(line: i64, name: &str, awards: Option<i64>) -> ValueListRow {
    ValueListRow {
        line,
        list_id: Some(format!("id{line}")),
        name: name.into(),
        issuer: None,
        awards,
        year: Some(2024),
        cluster: None,
        soc: Some("29-1141".into()),
    }
}

fn info(entries: i64) -> ValueListInfo {
    ValueListInfo {
        name: "district".into(),
        file: "awards.csv".into(),
        file_sha256: "00".into(),
        imported_at: "2026-11-23T00:00:00Z".into(),
        entries,
        rejected: 1,
    }
}

conformance!(value_lists_round_trip, |store| {
    store
        .replace_value_list(
            &info(2),
            &[row(3, "CNA", Some(12)), row(2, "CompTIA A+", None)],
        )
        .await
        .unwrap();
    let (i, rows) = store.value_list("district").await.unwrap().unwrap();
    assert_eq!(i.entries, 2);
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3]);
    assert_eq!(rows[0].awards, None);
    assert_eq!(rows[1].awards, Some(12));
    // A re-import replaces the list whole.
    store
        .replace_value_list(&info(1), &[row(5, "OSHA 10", Some(3))])
        .await
        .unwrap();
    let (_, rows) = store.value_list("district").await.unwrap().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(store.value_lists().await.unwrap().len(), 1);
    assert!(store.value_list("other").await.unwrap().is_none());
    // Demand roll-ups on an empty demand table: nothing, and a zero sample.
    let w = DemandWindow {
        region: Some("US-NJ".into()),
        from: Some("2023-01".into()),
        to: None,
    };
    assert!(store.demand_by_key(&w, true).await.unwrap().is_empty());
    assert_eq!(store.demand_sample(&w).await.unwrap().0, 0);
});
