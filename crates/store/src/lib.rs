//! Persistence for credence: SQLite as the embedded default, PostgreSQL as the server option.
//!
//! One code path serves both through sqlx's `Any` driver. All SQL lives in this crate; queries use
//! `$N` placeholders, which both SQLite and PostgreSQL accept. Migrations are versioned under
//! `migrations/` in SQL both accept. Domain crates never see SQL: they hand over plain values and get them back.

#![deny(missing_docs)]

mod batch;
mod blueprints;
mod credits;
mod demand;
mod error;
mod fts5;
mod outcomes;
mod records;
pub mod reference;
mod value;

use std::str::FromStr;
use std::sync::Once;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use credits::CreditRuleRow;
pub use demand::{Breakdown, DemandFile, DemandFilter, DemandMonth, DemandRow, Ranked};
pub use error::StoreError;
pub use fts5::Fts5Peer;
pub use outcomes::{OutcomeRun, PublishedFilter, StoredOutcomes};
pub use records::{ImportRun, RecordSummary, RecordVersion, UpsertStats};
pub use value::{DemandWindow, KeyPostings, ValueListInfo, ValueListRow};

/// One set of versioned migrations in SQL both backends accept (TEXT, BIGINT, DOUBLE PRECISION);
/// should the backends ever need different SQL, this splits into one directory per backend.
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!();

/// Which database is behind a [`Store`]; a few statements (upserts, schemas) differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A connection pool plus the backend it talks to; cheap to clone and share.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
}

/// Query parameter on a PostgreSQL URL that credence consumes itself: run in this schema.
const SCHEMA_PARAM: &str = "credence_schema";

impl Store {
    /// Opens (creating if needed) the database at `url` and applies pending migrations.
    ///
    /// `url` is `sqlite://PATH`, a bare file path (SQLite), or `postgres://…`. A PostgreSQL URL may
    /// carry `credence_schema=NAME` to work inside its own schema, so test runs never collide.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        install_drivers();
        let (backend, url, schema) = classify_url(url)?;
        let options = AnyConnectOptions::from_str(&url).map_err(|e| StoreError::Connect {
            url: redact(&url),
            source: e,
        })?;
        let mut pool_options = AnyPoolOptions::new().max_connections(match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 8,
        });
        if let Some(schema) = schema.clone() {
            pool_options = pool_options.after_connect(move |conn, _| {
                let schema = schema.clone();
                Box::pin(async move {
                    conn.execute(format!("SET search_path TO \"{schema}\"").as_str())
                        .await?;
                    Ok(())
                })
            });
        }
        if backend == Backend::Sqlite {
            pool_options = pool_options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;")
                        .await?;
                    Ok(())
                })
            });
        }
        if let Some(schema) = &schema {
            create_schema(&url, schema).await?;
        }
        let pool = pool_options
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Connect {
                url: redact(&url),
                source: e,
            })?;
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    /// Applies the backend's migrations; safe to run on every start.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATIONS.run(&self.pool).await?;
        Ok(())
    }

    /// Which backend this store uses.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Cheap liveness check for health endpoints.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes the pool, flushing SQLite's write-ahead log.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn install_drivers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(sqlx::any::install_default_drivers);
}

/// Splits a user's `--db` value into backend, driver URL and optional schema.
fn classify_url(url: &str) -> Result<(Backend, String, Option<String>), StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let (base, schema) = take_schema_param(url);
        if let Some(s) = &schema {
            if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || s.is_empty() {
                return Err(StoreError::InvalidUrl(format!(
                    "schema name `{s}` may contain only letters, digits and `_`"
                )));
            }
        }
        return Ok((Backend::Postgres, base, schema));
    }
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//");
        if path.is_empty() {
            return Err(StoreError::InvalidUrl("empty SQLite path".into()));
        }
        let url = if path.contains('?') {
            format!("sqlite://{path}")
        } else {
            format!("sqlite://{path}?mode=rwc")
        };
        return Ok((Backend::Sqlite, url, None));
    }
    if url.contains("://") {
        return Err(StoreError::InvalidUrl(format!(
            "`{}`: use sqlite://PATH, a file path, or postgres://…",
            redact(url)
        )));
    }
    Ok((Backend::Sqlite, format!("sqlite://{url}?mode=rwc"), None))
}

fn take_schema_param(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut schema = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|kv| match kv.split_once('=') {
            Some((k, v)) if k == SCHEMA_PARAM => {
                schema = Some(v.to_string());
                false
            }
            _ => true,
        })
        .collect();
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (url, schema)
}

async fn create_schema(url: &str, schema: &str) -> Result<(), StoreError> {
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .map_err(|e| StoreError::Connect {
            url: redact(url),
            source: e,
        })?;
    pool.execute(format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"").as_str())
        .await?;
    pool.close().await;
    Ok(())
}

/// Drops a schema created through `credence_schema=`; used by tests to clean up after themselves.
pub async fn drop_postgres_schema(url: &str) -> Result<(), StoreError> {
    install_drivers();
    let (_, base, schema) = classify_url(url)?;
    let Some(schema) = schema else {
        return Ok(());
    };
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&base)
        .await
        .map_err(|e| StoreError::Connect {
            url: redact(&base),
            source: e,
        })?;
    pool.execute(format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE").as_str())
        .await?;
    pool.close().await;
    Ok(())
}

/// Hides passwords in a connection URL (`user:pass@` and `password=` parameters) before it
/// reaches a message or a log.
pub fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match (base.find("://"), base.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &base[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &base[..scheme_end + 3], &base[at..]),
                None => base.to_string(),
            }
        }
        _ => base.to_string(),
    };
    match query {
        None => base,
        Some(q) => {
            let params: Vec<String> = q
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => kv.to_string(),
                })
                .collect();
            format!("{base}?{}", params.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_classified() {
        let (b, u, s) = classify_url("credence.db").unwrap();
        assert_eq!(
            (b, u.as_str(), s),
            (Backend::Sqlite, "sqlite://credence.db?mode=rwc", None)
        );
        let (b, u, s) =
            classify_url("postgres://postgres@127.0.0.1:5432/test?credence_schema=t1").unwrap();
        assert_eq!(b, Backend::Postgres);
        assert_eq!(u, "postgres://postgres@127.0.0.1:5432/test");
        assert_eq!(s.as_deref(), Some("t1"));
        assert!(classify_url("postgres://x/y?credence_schema=a;drop").is_err());
        assert!(classify_url("mysql://x").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("postgres://u@h/db?password=secret&sslmode=disable"),
            "postgres://u@h/db?password=***&sslmode=disable"
        );
    }
}
