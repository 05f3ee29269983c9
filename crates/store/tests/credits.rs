//! Credit rules round-trip through SQLite and PostgreSQL, and re-importing a file replaces it.

use credence_store::{CreditRuleRow, Store};
use credence_testkit::postgres_url;

fn rule(credential: &str, credits: f64) -> CreditRuleRow {
    CreditRuleRow {
        credential_id: credential.into(),
        institution: "Example College".into(),
        program_cip: "11.1003".into(),
        program_name: None,
        credits,
        credit_type: "ace".into(),
        source: "credits.csv line 2".into(),
    }
}

async fn exercise(store: &Store) {
    store
        .replace_credit_rules("a.csv", &[rule("x", 3.0), rule("y", 4.5)])
        .await
        .unwrap();
    store
        .replace_credit_rules("b.csv", &[rule("z", 6.0)])
        .await
        .unwrap();
    assert_eq!(store.credit_rules().await.unwrap().len(), 3);
    store
        .replace_credit_rules("a.csv", &[rule("x", 9.0)])
        .await
        .unwrap();
    let all = store.credit_rules().await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], rule("x", 9.0));
    assert_eq!(all[1].credential_id, "z");
}

#[tokio::test]
async fn credit_rules_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.path().join("t.db").display()))
        .await
        .unwrap();
    exercise(&store).await;
}

#[tokio::test]
async fn credit_rules_postgres() {
    let url = postgres_url("credit_rules");
    let store = Store::open(&url).await.unwrap_or_else(|e| {
        panic!("PostgreSQL is required for this test (start it with pg_ctlcluster): {e}")
    });
    exercise(&store).await;
    store.close().await;
    credence_store::drop_postgres_schema(&url).await.unwrap();
}
