//! Credentials-of-value tables: imported lists by name, and the demand roll-ups a
//! supply-vs-demand report needs (distinct postings per credential key and per key × SOC in a
//! region and month window).

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::batch::{insert_rows, Value};
use crate::{Store, StoreError};

/// One stored list entry (plain values; the value crate owns the meaning).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueListRow {
    /// Line in the source file.
    pub line: i64,
    /// The list's own id.
    pub list_id: Option<String>,
    /// Name as written.
    pub name: String,
    /// Issuer as written.
    pub issuer: Option<String>,
    /// Awards.
    pub awards: Option<i64>,
    /// Year.
    pub year: Option<i64>,
    /// Career cluster as the list states it.
    pub cluster: Option<String>,
    /// SOC as the list states it.
    pub soc: Option<String>,
}

/// A stored list's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueListInfo {
    /// Name the list is known by.
    pub name: String,
    /// File it came from.
    pub file: String,
    /// SHA-256 of the file.
    pub file_sha256: String,
    /// When (RFC 3339).
    pub imported_at: String,
    /// Entries kept.
    pub entries: i64,
    /// Rows rejected.
    pub rejected: i64,
}

/// Distinct postings of one credential key (optionally in one SOC) in a region and window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPostings {
    /// Demand key.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// SOC (empty when summed over occupations).
    pub soc: String,
    /// Distinct postings.
    pub unique_postings: i64,
}

/// Region and month window for demand roll-ups (`None` = no limit).
#[derive(Debug, Clone, Default)]
pub struct DemandWindow {
    /// Region key (`US-NJ`) or prefix (`US`).
    pub region: Option<String>,
    /// First month `YYYY-MM`, inclusive.
    pub from: Option<String>,
    /// Last month `YYYY-MM`, inclusive.
    pub to: Option<String>,
}

impl DemandWindow {
    fn clause(&self) -> (String, Vec<String>) {
        let mut sql = String::new();
        let mut values = Vec::new();
        let mut n = 1;
        if let Some(r) = &self.region {
            sql.push_str(&format!(
                " AND (c.region = ${n} OR c.region LIKE ${})",
                n + 1
            ));
            values.push(r.clone());
            values.push(format!("{r}-%"));
            n += 2;
        }
        if let Some(f) = &self.from {
            sql.push_str(&format!(" AND c.month >= ${n} AND c.month <> 'unknown'"));
            values.push(f.clone());
            n += 1;
        }
        if let Some(t) = &self.to {
            sql.push_str(&format!(" AND c.month <= ${n} AND c.month <> 'unknown'"));
            values.push(t.clone());
        }
        (sql, values)
    }
}

impl Store {
    /// Stores a list under `name` in one transaction, replacing an earlier list of that name.
    pub async fn replace_value_list(
        &self,
        info: &ValueListInfo,
        rows: &[ValueListRow],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM value_list_entries WHERE list_name = $1")
            .bind(&info.name)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM value_lists WHERE name = $1")
            .bind(&info.name)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO value_lists (name, file, file_sha256, imported_at, entries, rejected) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&info.name)
        .bind(&info.file)
        .bind(&info.file_sha256)
        .bind(&info.imported_at)
        .bind(info.entries)
        .bind(info.rejected)
        .execute(&mut *tx)
        .await?;
        let values: Vec<Vec<Value>> = rows
            .iter()
            .map(|r| {
                vec![
                    info.name.clone().into(),
                    r.line.into(),
                    r.list_id.clone().into(),
                    r.name.clone().into(),
                    r.issuer.clone().into(),
                    r.awards.into(),
                    r.year.into(),
                    r.cluster.clone().into(),
                    r.soc.clone().into(),
                ]
            })
            .collect();
        let columns = [
            "list_name",
            "line",
            "list_id",
            "name",
            "issuer",
            "awards",
            "year",
            "cluster",
            "soc",
        ];
        insert_rows(&mut tx, "value_list_entries", &columns, values).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every stored list's header, by name.
    pub async fn value_lists(&self) -> Result<Vec<ValueListInfo>, StoreError> {
        let rows = sqlx::query(
            "SELECT name, file, file_sha256, imported_at, entries, rejected FROM value_lists ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ValueListInfo {
                    name: r.try_get(0)?,
                    file: r.try_get(1)?,
                    file_sha256: r.try_get(2)?,
                    imported_at: r.try_get(3)?,
                    entries: r.try_get(4)?,
                    rejected: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// A stored list's entries in line order, or `None` when no list has that name.
    pub async fn value_list(
        &self,
        name: &str,
    ) -> Result<Option<(ValueListInfo, Vec<ValueListRow>)>, StoreError> {
        let Some(info) = self
            .value_lists()
            .await?
            .into_iter()
            .find(|l| l.name == name)
        else {
            return Ok(None);
        };
        let rows = sqlx::query(
            "SELECT line, list_id, name, issuer, awards, year, cluster, soc FROM value_list_entries \
             WHERE list_name = $1 ORDER BY line",
        )
        .bind(name)
        .fetch_all(&self.pool)
        .await?;
        let rows = rows
            .iter()
            .map(|r| {
                Ok(ValueListRow {
                    line: r.try_get(0)?,
                    list_id: r.try_get(1)?,
                    name: r.try_get(2)?,
                    issuer: r.try_get(3)?,
                    awards: r.try_get(4)?,
                    year: r.try_get(5)?,
                    cluster: r.try_get(6)?,
                    soc: r.try_get(7)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some((info, rows)))
    }

    /// Distinct postings per credential key in a region and window (`by_soc`: per key × SOC).
    pub async fn demand_by_key(
        &self,
        window: &DemandWindow,
        by_soc: bool,
    ) -> Result<Vec<KeyPostings>, StoreError> {
        let (cond, values) = window.clause();
        let soc = if by_soc { "c.soc" } else { "''" };
        let group = if by_soc { ", c.soc" } else { "" };
        let sql = format!(
            "SELECT c.credential_key, COALESCE(d.name, c.credential_key), COALESCE(d.kind, ''), {soc}, \
             CAST(SUM(c.unique_postings) AS BIGINT) \
             FROM demand_cells c LEFT JOIN demand_credentials d ON d.credential_key = c.credential_key \
             WHERE 1 = 1{cond} GROUP BY c.credential_key, d.name, d.kind{group}"
        );
        let mut q = sqlx::query(&sql);
        for v in values {
            q = q.bind(v);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok(KeyPostings {
                    key: r.try_get(0)?,
                    name: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    soc: r.try_get(3)?,
                    unique_postings: r.try_get(4)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.soc.cmp(&b.soc)));
        Ok(out)
    }

    /// Distinct postings (all credentials or none) in a region and window, and the first and
    /// last dated month: the sample a report's demand figures come from.
    pub async fn demand_sample(
        &self,
        window: &DemandWindow,
    ) -> Result<(i64, Option<String>, Option<String>), StoreError> {
        let (cond, values) = window.clause();
        let sql = format!(
            "SELECT CAST(COALESCE(SUM(c.unique_postings), 0) AS BIGINT), \
             MIN(CASE WHEN c.month <> 'unknown' THEN c.month END), \
             MAX(CASE WHEN c.month <> 'unknown' THEN c.month END) \
             FROM demand_occupation c WHERE 1 = 1{cond}"
        );
        let mut q = sqlx::query(&sql);
        for v in values {
            q = q.bind(v);
        }
        let r = q.fetch_one(&self.pool).await?;
        Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))
    }
}
