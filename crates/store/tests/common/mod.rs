//! What the store test binaries share: one conformance harness over both backends.

/// Runs `$body` once with a fresh SQLite store and once with a fresh PostgreSQL schema.
macro_rules! conformance {
    ($name:ident, |$store:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("t.db").display());
                let $store = credence_store::Store::open(&url).await.unwrap();
                $body
                $store.close().await;
            }

            #[tokio::test]
            async fn postgres() {
                let url = credence_testkit::postgres_url(stringify!($name));
                let $store = credence_store::Store::open(&url).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL is required for this test (start it with pg_ctlcluster, or set CREDENCE_TEST_POSTGRES): {e}")
                });
                $body
                $store.close().await;
                credence_store::drop_postgres_schema(&url).await.unwrap();
            }
        }
    };
}
