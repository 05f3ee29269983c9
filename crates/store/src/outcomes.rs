//! Outcome tables: computed runs (published cells only, after disclosure control) and imported
//! published outcome tables. Person-level data never reaches the store.

use credence_outcomes::published::PublishedOutcome;
use credence_outcomes::{CredentialOutcomes, MetricCell, Reject};
use serde::Serialize;
use sqlx::Row;

use crate::batch::{insert_rows, Value};
use crate::{Store, StoreError};

/// One outcome computation as recorded (no person data: files, counts, settings).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OutcomeRun {
    /// Run id.
    pub run_id: String,
    /// When it ran (RFC 3339).
    pub computed_at: String,
    /// Participant file as named.
    pub participants_file: String,
    /// Wage files as named, `;`-separated.
    pub wage_files: String,
    /// Participations accepted.
    pub participants: i64,
    /// Wage rows read.
    pub wage_rows: i64,
    /// Records quarantined.
    pub rejected: i64,
    /// First and last wage quarter, `2016Q1–2023Q4`.
    pub wage_window: String,
    /// Suppression threshold used.
    pub min_cell: i64,
    /// Noise epsilon, if noise was added.
    pub epsilon: Option<f64>,
    /// Interval level.
    pub level: f64,
    /// Method in words.
    pub method: String,
}

/// One credential's stored outcomes from one run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoredOutcomes {
    /// The run.
    pub run: OutcomeRun,
    /// Credential id.
    pub credential_id: String,
    /// First and last exit quarter.
    pub exit_window: Option<(String, String)>,
    /// People outside the observable window.
    pub not_observable: i64,
    /// Holders without a comparison match.
    pub unmatched: i64,
    /// Published cells.
    pub cells: Vec<MetricCell>,
}

/// Filters for published outcomes.
#[derive(Debug, Clone, Default)]
pub struct PublishedFilter {
    /// Institution id or name substring (case-insensitive).
    pub institution: Option<String>,
    /// CIP code or prefix (`51`, `51.39`, `51.3902`).
    pub cip: Option<String>,
    /// Row limit.
    pub limit: i64,
}

fn run_from(r: &sqlx::any::AnyRow) -> Result<OutcomeRun, StoreError> {
    Ok(OutcomeRun {
        run_id: r.try_get("run_id")?,
        computed_at: r.try_get("computed_at")?,
        participants_file: r.try_get("participants_file")?,
        wage_files: r.try_get("wage_files")?,
        participants: r.try_get("participants")?,
        wage_rows: r.try_get("wage_rows")?,
        rejected: r.try_get("rejected")?,
        wage_window: r.try_get("wage_window")?,
        min_cell: r.try_get("min_cell")?,
        epsilon: r.try_get("epsilon")?,
        level: r.try_get("level")?,
        method: r.try_get("method")?,
    })
}

impl Store {
    /// Saves one computation (run, per-credential cells, reject reasons) in one transaction.
    pub async fn save_outcome_run(
        &self,
        run: &OutcomeRun,
        outcomes: &[CredentialOutcomes],
        rejects: &[Reject],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        insert_rows(
            &mut tx,
            "outcome_runs",
            &[
                "run_id",
                "computed_at",
                "participants_file",
                "wage_files",
                "participants",
                "wage_rows",
                "rejected",
                "wage_window",
                "min_cell",
                "epsilon",
                "level",
                "method",
            ],
            vec![vec![
                run.run_id.as_str().into(),
                run.computed_at.as_str().into(),
                run.participants_file.as_str().into(),
                run.wage_files.as_str().into(),
                run.participants.into(),
                run.wage_rows.into(),
                run.rejected.into(),
                run.wage_window.as_str().into(),
                run.min_cell.into(),
                run.epsilon.into(),
                run.level.into(),
                run.method.as_str().into(),
            ]],
        )
        .await?;
        let creds: Vec<Vec<Value>> = outcomes
            .iter()
            .map(|o| {
                vec![
                    run.run_id.as_str().into(),
                    o.credential_id.as_str().into(),
                    o.exit_window.as_ref().map(|w| w.0.clone()).into(),
                    o.exit_window.as_ref().map(|w| w.1.clone()).into(),
                    (o.not_observable as i64).into(),
                    (o.unmatched as i64).into(),
                ]
            })
            .collect();
        insert_rows(
            &mut tx,
            "outcome_credentials",
            &[
                "run_id",
                "credential_id",
                "exit_first",
                "exit_last",
                "not_observable",
                "unmatched",
            ],
            creds,
        )
        .await?;
        let cells: Vec<Vec<Value>> = outcomes
            .iter()
            .flat_map(|o| {
                o.cells.iter().map(|c| {
                    vec![
                        run.run_id.as_str().into(),
                        o.credential_id.as_str().into(),
                        c.dimension.as_str().into(),
                        c.category.as_str().into(),
                        c.metric.as_str().into(),
                        c.value.into(),
                        c.lower.into(),
                        c.upper.into(),
                        c.n.into(),
                        c.suppressed.clone().into(),
                    ]
                })
            })
            .collect();
        insert_rows(
            &mut tx,
            "outcome_cells",
            &[
                "run_id",
                "credential_id",
                "dimension",
                "category",
                "metric",
                "value",
                "lower_bound",
                "upper_bound",
                "n",
                "suppressed",
            ],
            cells,
        )
        .await?;
        let rej: Vec<Vec<Value>> = rejects
            .iter()
            .map(|r| {
                vec![
                    run.run_id.as_str().into(),
                    r.file.as_str().into(),
                    r.record.as_str().into(),
                    r.field.as_str().into(),
                    r.reason.as_str().into(),
                ]
            })
            .collect();
        insert_rows(
            &mut tx,
            "outcome_rejects",
            &["run_id", "file", "record", "field", "reason"],
            rej,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The latest run's outcomes for a credential, if any run covered it.
    pub async fn latest_outcomes(
        &self,
        credential_id: &str,
    ) -> Result<Option<StoredOutcomes>, StoreError> {
        let row = sqlx::query(
            "SELECT r.run_id, r.computed_at, r.participants_file, r.wage_files, r.participants, r.wage_rows, r.rejected, \
             r.wage_window, r.min_cell, r.epsilon, r.level, r.method, c.exit_first, c.exit_last, c.not_observable, c.unmatched \
             FROM outcome_credentials c JOIN outcome_runs r ON r.run_id = c.run_id \
             WHERE c.credential_id = $1 ORDER BY r.computed_at DESC, r.run_id DESC LIMIT 1",
        )
        .bind(credential_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let run = run_from(&row)?;
        let first: Option<String> = row.try_get("exit_first")?;
        let last: Option<String> = row.try_get("exit_last")?;
        let cells = sqlx::query(
            "SELECT dimension, category, metric, value, lower_bound, upper_bound, n, suppressed FROM outcome_cells \
             WHERE run_id = $1 AND credential_id = $2 ORDER BY dimension, category, metric",
        )
        .bind(&run.run_id)
        .bind(credential_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(MetricCell {
                dimension: r.try_get(0)?,
                category: r.try_get(1)?,
                metric: r.try_get(2)?,
                value: r.try_get(3)?,
                lower: r.try_get(4)?,
                upper: r.try_get(5)?,
                n: r.try_get(6)?,
                suppressed: r.try_get(7)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(StoredOutcomes {
            credential_id: credential_id.to_string(),
            exit_window: first.zip(last),
            not_observable: row.try_get("not_observable")?,
            unmatched: row.try_get("unmatched")?,
            run,
            cells,
        }))
    }

    /// Credentials with computed outcomes (latest run first).
    pub async fn outcome_credentials(&self) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT credential_id FROM outcome_credentials ORDER BY credential_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Adds (or replaces, by key) published figures from one file in one transaction.
    pub async fn upsert_published(
        &self,
        file: &str,
        sha256: &str,
        rows: &[PublishedOutcome],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let now = chrono::Utc::now().to_rfc3339();
        for r in rows {
            sqlx::query(
                "INSERT INTO published_outcomes (format, institution, cip, degree_level, cohort, detail, measure, institution_name, value, n, status, file, file_sha256, imported_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                 ON CONFLICT (format, institution, cip, degree_level, cohort, detail, measure) DO UPDATE SET \
                 institution_name = excluded.institution_name, value = excluded.value, n = excluded.n, status = excluded.status, \
                 file = excluded.file, file_sha256 = excluded.file_sha256, imported_at = excluded.imported_at",
            )
            .bind(&r.format)
            .bind(&r.institution)
            .bind(r.cip.clone().unwrap_or_default())
            .bind(r.degree_level.clone().unwrap_or_default())
            .bind(r.cohort.clone().unwrap_or_default())
            .bind(&r.detail)
            .bind(&r.measure)
            .bind(r.institution_name.clone())
            .bind(r.value)
            .bind(r.n)
            .bind(&r.status)
            .bind(file)
            .bind(sha256)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Published figures matching the filter, by institution, CIP, cohort and measure.
    pub async fn published_outcomes(
        &self,
        f: &PublishedFilter,
    ) -> Result<Vec<PublishedOutcome>, StoreError> {
        let mut sql = String::from(
            "SELECT format, institution, institution_name, cip, degree_level, cohort, detail, measure, value, n, status \
             FROM published_outcomes WHERE 1 = 1",
        );
        let mut binds: Vec<String> = Vec::new();
        if let Some(i) = &f.institution {
            binds.push(i.clone());
            binds.push(format!("%{}%", i.to_lowercase()));
            sql.push_str(&format!(
                " AND (institution = ${} OR LOWER(COALESCE(institution_name, '')) LIKE ${})",
                binds.len() - 1,
                binds.len()
            ));
        }
        if let Some(c) = &f.cip {
            binds.push(format!("{c}%"));
            sql.push_str(&format!(" AND cip LIKE ${}", binds.len()));
        }
        sql.push_str(&format!(
            " ORDER BY cip, institution, degree_level, cohort, detail, measure LIMIT {}",
            f.limit.clamp(1, 100_000)
        ));
        let mut q = sqlx::query(&sql);
        for b in binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let blank = |s: String| (!s.is_empty()).then_some(s);
        rows.iter()
            .map(|r| {
                Ok(PublishedOutcome {
                    format: r.try_get(0)?,
                    institution: r.try_get(1)?,
                    institution_name: r.try_get(2)?,
                    cip: blank(r.try_get(3)?),
                    degree_level: blank(r.try_get(4)?),
                    cohort: blank(r.try_get(5)?),
                    detail: r.try_get(6)?,
                    measure: r.try_get(7)?,
                    value: r.try_get(8)?,
                    n: r.try_get(9)?,
                    status: r.try_get(10)?,
                })
            })
            .collect()
    }
}
