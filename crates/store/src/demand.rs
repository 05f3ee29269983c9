//! Demand tables: additive counts that several ingest runs add to, and the queries behind
//! `credence demand show|top`, the API and the credential page.

use std::ops::RangeInclusive;

use credence_demand::dedup::{Fingerprint, Remembered, HASHES};
use credence_demand::export::CellRow;
use credence_demand::pipeline::{Aggregates, Summary};
use serde::Serialize;
use sqlx::Row;

use crate::batch::{insert_rows, Value};
use crate::{Store, StoreError};

/// Columns of `demand_fingerprints`, in the order rows are written and read.
const FINGERPRINT_COLUMNS: [&str; 10] = [
    "month", "exact", "h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7",
];

// Two signature values per column: the table has eight.
const _: () = assert!(HASHES == 2 * (FINGERPRINT_COLUMNS.len() - 2));

/// Fingerprint rows handed to one multi-row insert call (bounds the bound values in memory).
const FINGERPRINT_CHUNK: usize = 2_000;

/// One month of demand for a credential (all occupations and regions in the filter).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DemandMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Distinct postings naming the credential.
    pub unique_postings: i64,
    /// Of which it was required.
    pub required: i64,
    /// Of which it was preferred.
    pub preferred: i64,
}

/// A ranked row: an occupation, region or employer and its distinct postings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ranked {
    /// SOC code, region key or employer name.
    pub key: String,
    /// Distinct postings.
    pub unique_postings: i64,
    /// Share of that occupation's (or region's) distinct postings that name the credential,
    /// when the denominator is known.
    pub share: Option<f64>,
    /// A readable name for the key (SOC title, state name), filled by the caller that knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// One credential in a demand ranking.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DemandRow {
    /// Catalog id, registry id or `kind:name`.
    pub credential_key: String,
    /// Display name.
    pub name: String,
    /// license, certification, certificate, registration or unspecified.
    pub kind: String,
    /// Postings including duplicates.
    pub postings: i64,
    /// Distinct postings.
    pub unique_postings: i64,
    /// Distinct postings where it is required.
    pub required: i64,
    /// Distinct postings where it is preferred.
    pub preferred: i64,
    /// Distinct postings where it may be obtained after hire.
    pub after_hire: i64,
}

/// A file already counted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DemandFile {
    /// Content hash.
    pub sha256: String,
    /// Path as given.
    pub file: String,
    /// When it was counted (RFC 3339).
    pub ingested_at: String,
}

/// Filters for demand queries: a region (`US`, `US-CO`, `GB-ENG`) and/or SOC prefix.
#[derive(Debug, Clone, Default)]
pub struct DemandFilter {
    /// Region key or country prefix.
    pub region: Option<String>,
    /// SOC code or prefix (`53-3032`, `29-`).
    pub soc: Option<String>,
}

impl DemandFilter {
    /// SQL conditions (with `$n` placeholders from `first`) and their values.
    fn clause(&self, first: usize) -> (String, Vec<String>) {
        let mut sql = String::new();
        let mut values = Vec::new();
        let mut n = first;
        if let Some(r) = &self.region {
            sql.push_str(&format!(" AND (region = ${n} OR region LIKE ${})", n + 1));
            values.push(r.clone());
            values.push(format!("{r}-%"));
            n += 2;
        }
        if let Some(s) = &self.soc {
            sql.push_str(&format!(" AND soc LIKE ${n}"));
            values.push(format!("{s}%"));
        }
        (sql, values)
    }
}

impl Store {
    /// True when a file with these bytes has been counted before.
    pub async fn demand_file_seen(&self, sha256: &str) -> Result<Option<DemandFile>, StoreError> {
        let row =
            sqlx::query("SELECT sha256, file, ingested_at FROM demand_files WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| {
            Ok(DemandFile {
                sha256: r.try_get(0)?,
                file: r.try_get(1)?,
                ingested_at: r.try_get(2)?,
            })
        })
        .transpose()
    }

    /// Adds one file's aggregates and the fingerprints of its distinct postings in one
    /// transaction (all or nothing) and records the file.
    pub async fn add_demand(
        &self,
        sha256: &str,
        file: &str,
        summary: &Summary,
        aggregates: &Aggregates,
        fingerprints: &[Remembered],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for (key, (name, kind)) in &aggregates.credentials {
            sqlx::query(
                "INSERT INTO demand_credentials (credential_key, name, kind) VALUES ($1, $2, $3) \
                 ON CONFLICT (credential_key) DO NOTHING",
            )
            .bind(key)
            .bind(name)
            .bind(kind.as_str())
            .execute(&mut *tx)
            .await?;
        }
        for ([key, soc, region, month], c) in aggregates.cells() {
            sqlx::query(
                "INSERT INTO demand_cells (credential_key, soc, region, month, postings, unique_postings, required, preferred, after_hire) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (credential_key, soc, region, month) DO UPDATE SET \
                 postings = demand_cells.postings + excluded.postings, \
                 unique_postings = demand_cells.unique_postings + excluded.unique_postings, \
                 required = demand_cells.required + excluded.required, \
                 preferred = demand_cells.preferred + excluded.preferred, \
                 after_hire = demand_cells.after_hire + excluded.after_hire",
            )
            .bind(key)
            .bind(soc)
            .bind(region)
            .bind(month)
            .bind(c.postings as i64)
            .bind(c.unique as i64)
            .bind(c.required as i64)
            .bind(c.preferred as i64)
            .bind(c.after_hire as i64)
            .execute(&mut *tx)
            .await?;
        }
        for ([soc, region, month], n) in aggregates.occupation() {
            sqlx::query(
                "INSERT INTO demand_occupation (soc, region, month, unique_postings) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (soc, region, month) DO UPDATE SET \
                 unique_postings = demand_occupation.unique_postings + excluded.unique_postings",
            )
            .bind(soc)
            .bind(region)
            .bind(month)
            .bind(n as i64)
            .execute(&mut *tx)
            .await?;
        }
        for ([key, employer], n) in aggregates.employers() {
            sqlx::query(
                "INSERT INTO demand_employers (credential_key, employer, unique_postings) VALUES ($1, $2, $3) \
                 ON CONFLICT (credential_key, employer) DO UPDATE SET \
                 unique_postings = demand_employers.unique_postings + excluded.unique_postings",
            )
            .bind(key)
            .bind(employer)
            .bind(n as i64)
            .execute(&mut *tx)
            .await?;
        }
        let started = std::time::Instant::now();
        for chunk in fingerprints.chunks(FINGERPRINT_CHUNK) {
            let rows = chunk.iter().map(fingerprint_row).collect();
            insert_rows(&mut tx, "demand_fingerprints", &FINGERPRINT_COLUMNS, rows).await?;
        }
        tracing::info!(
            "{file}: {} fingerprints written in {:.2} s",
            fingerprints.len(),
            started.elapsed().as_secs_f64()
        );
        // The file's row last: a file already recorded fails here and rolls everything back.
        sqlx::query(
            "INSERT INTO demand_files (sha256, file, ingested_at, records, postings, rejected, duplicates, mentions) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(sha256)
        .bind(file)
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(summary.records as i64)
        .bind(summary.postings as i64)
        .bind(summary.rejected as i64)
        .bind(summary.duplicates as i64)
        .bind(summary.mentions as i64)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// True when some ingest has stored fingerprints (so a new file has something to be
    /// checked against).
    pub async fn demand_fingerprints_exist(&self) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 FROM demand_fingerprints LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Feeds `each` the stored fingerprints whose month (`YYYYMM`) lies in `months` (all of
    /// them when `None`), plus every undated one; an empty range gives only the undated.
    /// Read one month at a time, so memory beyond what `each` keeps stays small. Returns how
    /// many were read.
    pub async fn demand_fingerprints(
        &self,
        months: Option<RangeInclusive<u32>>,
        mut each: impl FnMut(Remembered),
    ) -> Result<u64, StoreError> {
        let list = match &months {
            Some(r) => sqlx::query(
                "SELECT DISTINCT month FROM demand_fingerprints WHERE month >= $1 AND month <= $2",
            )
            .bind(i64::from(*r.start()))
            .bind(i64::from(*r.end()))
            .fetch_all(&self.pool)
            .await?,
            None => {
                sqlx::query(
                    "SELECT DISTINCT month FROM demand_fingerprints WHERE month IS NOT NULL",
                )
                .fetch_all(&self.pool)
                .await?
            }
        };
        let mut dated = list
            .iter()
            .map(|r| r.try_get::<i64, _>(0))
            .collect::<Result<Vec<_>, _>>()?;
        dated.sort_unstable();
        let select = format!(
            "SELECT {} FROM demand_fingerprints",
            FINGERPRINT_COLUMNS.join(", ")
        );
        let mut read = 0u64;
        for month in dated.into_iter().map(Some).chain(std::iter::once(None)) {
            let rows = match month {
                Some(m) => {
                    sqlx::query(&format!("{select} WHERE month = $1"))
                        .bind(m)
                        .fetch_all(&self.pool)
                        .await?
                }
                None => {
                    sqlx::query(&format!("{select} WHERE month IS NULL"))
                        .fetch_all(&self.pool)
                        .await?
                }
            };
            for r in &rows {
                each(fingerprint_of(r)?);
                read += 1;
            }
        }
        Ok(read)
    }

    /// Credentials ranked by distinct postings under a filter.
    pub async fn demand_top(
        &self,
        filter: &DemandFilter,
        limit: i64,
    ) -> Result<Vec<DemandRow>, StoreError> {
        let (cond, values) = filter.clause(1);
        let sql = format!(
            "SELECT c.credential_key, COALESCE(d.name, c.credential_key), COALESCE(d.kind, ''), \
             CAST(SUM(c.postings) AS BIGINT), CAST(SUM(c.unique_postings) AS BIGINT), CAST(SUM(c.required) AS BIGINT), CAST(SUM(c.preferred) AS BIGINT), CAST(SUM(c.after_hire) AS BIGINT) \
             FROM demand_cells c LEFT JOIN demand_credentials d ON d.credential_key = c.credential_key \
             WHERE 1 = 1{cond} GROUP BY c.credential_key, d.name, d.kind"
        );
        let mut q = sqlx::query(&sql);
        for v in values {
            q = q.bind(v);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok(DemandRow {
                    credential_key: r.try_get(0)?,
                    name: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    postings: r.try_get(3)?,
                    unique_postings: r.try_get(4)?,
                    required: r.try_get(5)?,
                    preferred: r.try_get(6)?,
                    after_hire: r.try_get(7)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.sort_by(|a, b| {
            b.unique_postings
                .cmp(&a.unique_postings)
                .then(a.credential_key.cmp(&b.credential_key))
        });
        out.truncate(limit.max(0) as usize);
        Ok(out)
    }

    /// Monthly series for some credential keys (summed) under a filter, oldest first.
    pub async fn demand_months(
        &self,
        keys: &[String],
        filter: &DemandFilter,
    ) -> Result<Vec<DemandMonth>, StoreError> {
        let (cond, values) = filter.clause(keys.len() + 1);
        let sql = format!(
            "SELECT month, CAST(SUM(unique_postings) AS BIGINT), CAST(SUM(required) AS BIGINT), CAST(SUM(preferred) AS BIGINT) FROM demand_cells \
             WHERE credential_key IN ({}){cond} GROUP BY month",
            placeholders(1, keys.len())
        );
        let mut q = sqlx::query(&sql);
        for k in keys {
            q = q.bind(k);
        }
        for v in values {
            q = q.bind(v);
        }
        let mut out = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(DemandMonth {
                    month: r.try_get(0)?,
                    unique_postings: r.try_get(1)?,
                    required: r.try_get(2)?,
                    preferred: r.try_get(3)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.sort_by(|a, b| a.month.cmp(&b.month));
        Ok(out)
    }

    /// Top occupations or regions (`by` = `soc` or `region`) for some credential keys, with the
    /// share of that occupation's or region's distinct postings.
    /// Shares whose denominator is under `min_denominator` are left out (`None`).
    pub async fn demand_breakdown(
        &self,
        keys: &[String],
        by: Breakdown,
        filter: &DemandFilter,
        limit: usize,
        min_denominator: i64,
    ) -> Result<Vec<Ranked>, StoreError> {
        let column = by.column();
        let (cond, values) = filter.clause(keys.len() + 1);
        let sql = format!(
            "SELECT {column}, CAST(SUM(unique_postings) AS BIGINT) FROM demand_cells WHERE credential_key IN ({}){cond} GROUP BY {column}",
            placeholders(1, keys.len())
        );
        let mut q = sqlx::query(&sql);
        for k in keys {
            q = q.bind(k);
        }
        for v in &values {
            q = q.bind(v.clone());
        }
        let mut ranked = top_ranked(q.fetch_all(&self.pool).await?, limit)?;
        let denominator_sql = format!(
            "SELECT CAST(SUM(unique_postings) AS BIGINT) FROM demand_occupation WHERE {column} = $1{}",
            filter.clause(2).0
        );
        for r in ranked.iter_mut() {
            let mut q = sqlx::query(&denominator_sql).bind(r.key.clone());
            for v in &values {
                q = q.bind(v.clone());
            }
            let total: Option<i64> = q.fetch_one(&self.pool).await?.try_get(0)?;
            r.share = total
                .filter(|t| *t >= min_denominator.max(1))
                .map(|t| r.unique_postings as f64 / t as f64);
        }
        Ok(ranked)
    }

    /// A page of demand cells in key order, after `after` (keyset paging keeps exports of any
    /// size in bounded memory), each with its occupation denominator.
    pub async fn demand_cells_after(
        &self,
        after: Option<&CellRow>,
        limit: i64,
    ) -> Result<Vec<CellRow>, StoreError> {
        let select =
            "SELECT c.credential_key, c.soc, c.region, c.month, c.postings, c.unique_postings, \
             c.required, c.preferred, c.after_hire, o.unique_postings \
             FROM demand_cells c LEFT JOIN demand_occupation o \
             ON o.soc = c.soc AND o.region = c.region AND o.month = c.month";
        let order = "ORDER BY c.credential_key, c.soc, c.region, c.month";
        let rows = match after {
            None => {
                sqlx::query(&format!("{select} {order} LIMIT $1"))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
            Some(a) => {
                sqlx::query(&format!(
                    "{select} WHERE (c.credential_key, c.soc, c.region, c.month) > ($1, $2, $3, $4) {order} LIMIT $5"
                ))
                .bind(&a.credential_key)
                .bind(&a.soc)
                .bind(&a.region)
                .bind(&a.month)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter()
            .map(|r| {
                Ok(CellRow {
                    credential_key: r.try_get(0)?,
                    soc: r.try_get(1)?,
                    region: r.try_get(2)?,
                    month: r.try_get(3)?,
                    postings: r.try_get(4)?,
                    unique_postings: r.try_get(5)?,
                    required: r.try_get(6)?,
                    preferred: r.try_get(7)?,
                    after_hire: r.try_get(8)?,
                    occupation_postings: r.try_get(9)?,
                })
            })
            .collect()
    }

    /// Top employers for some credential keys.
    pub async fn demand_employers(
        &self,
        keys: &[String],
        limit: usize,
    ) -> Result<Vec<Ranked>, StoreError> {
        let sql = format!(
            "SELECT employer, CAST(SUM(unique_postings) AS BIGINT) FROM demand_employers WHERE credential_key IN ({}) GROUP BY employer",
            placeholders(1, keys.len())
        );
        let mut q = sqlx::query(&sql);
        for k in keys {
            q = q.bind(k);
        }
        let ranked = top_ranked(q.fetch_all(&self.pool).await?, limit)?;
        Ok(ranked)
    }

    /// Display name and kind of a credential key, when demand for it was ever counted.
    pub async fn demand_credential(
        &self,
        key: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        let row =
            sqlx::query("SELECT name, kind FROM demand_credentials WHERE credential_key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }
}

/// What a demand breakdown groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    /// By SOC occupation.
    Occupation,
    /// By region.
    Region,
}

impl Breakdown {
    fn column(self) -> &'static str {
        match self {
            Breakdown::Occupation => "soc",
            Breakdown::Region => "region",
        }
    }
}

/// `(key, distinct postings)` rows, most postings first (ties by key), cut to `limit`.
fn top_ranked(rows: Vec<sqlx::any::AnyRow>, limit: usize) -> Result<Vec<Ranked>, StoreError> {
    let mut ranked = rows
        .iter()
        .map(|r| {
            Ok(Ranked {
                key: r.try_get(0)?,
                unique_postings: r.try_get(1)?,
                share: None,
                label: None,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    ranked.sort_by(|a, b| {
        b.unique_postings
            .cmp(&a.unique_postings)
            .then(a.key.cmp(&b.key))
    });
    ranked.truncate(limit);
    Ok(ranked)
}

/// One `demand_fingerprints` row: month, exact hash, then the signature two values a column.
fn fingerprint_row(r: &Remembered) -> Vec<Value> {
    let mut row = Vec::with_capacity(FINGERPRINT_COLUMNS.len());
    row.push(Value::Int(r.month.map(i64::from)));
    row.push(Value::Int(Some(r.fingerprint.exact as i64)));
    for pair in r.fingerprint.minhash.chunks_exact(2) {
        let packed = (u64::from(pair[0]) << 32) | u64::from(pair[1]);
        row.push(Value::Int(Some(packed as i64)));
    }
    row
}

/// The fingerprint a row written by [`fingerprint_row`] holds; a month out of range reads as
/// undated rather than failing the ingest.
fn fingerprint_of(r: &sqlx::any::AnyRow) -> Result<Remembered, StoreError> {
    let month: Option<i64> = r.try_get(0)?;
    let exact: i64 = r.try_get(1)?;
    let mut minhash = [0u32; HASHES];
    for (i, pair) in minhash.chunks_exact_mut(2).enumerate() {
        let packed = r.try_get::<i64, _>(i + 2)? as u64;
        pair[0] = (packed >> 32) as u32;
        pair[1] = packed as u32;
    }
    Ok(Remembered {
        fingerprint: Fingerprint {
            exact: exact as u64,
            minhash,
        },
        month: month.and_then(|m| u32::try_from(m).ok()),
    })
}

fn placeholders(first: usize, n: usize) -> String {
    (first..first + n.max(1))
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
