//! SQLite FTS5 over the same documents: the named peer `credence bench` measures search against.

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};

use crate::StoreError;

/// An in-memory SQLite FTS5 index, ranked by bm25 with the name weighted like credence's.
pub struct Fts5Peer {
    pool: AnyPool,
}

impl Fts5Peer {
    /// Indexes `(id, name, other text)` triples in a fresh in-memory database.
    pub async fn build(docs: &[(String, String, String)]) -> Result<Fts5Peer, StoreError> {
        crate::install_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await?;
        sqlx::query("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, body)")
            .execute(&pool)
            .await?;
        let mut tx = pool.begin().await?;
        for (id, name, body) in docs {
            sqlx::query("INSERT INTO docs (id, name, body) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(name)
                .bind(body)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Fts5Peer { pool })
    }

    /// Top ids for a free-text query (words OR-ed, as credence does).
    pub async fn search(&self, text: &str, limit: i64) -> Result<Vec<String>, StoreError> {
        let terms: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(|t| format!("\"{t}\""))
            .collect();
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT id FROM docs WHERE docs MATCH $1 ORDER BY bm25(docs, 4.0, 1.0) LIMIT $2",
        )
        .bind(terms.join(" OR "))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }
}
