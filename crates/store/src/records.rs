//! Registry records: atomic upserts with change history, lookups, and import run logs.

use std::collections::HashMap;

use credence_model::{Diagnostic, Record, Severity};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::batch::{insert_rows, Value};
use crate::{Store, StoreError};

/// What an import did to the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertStats {
    /// Records new to the store.
    pub inserted: u64,
    /// Records whose content changed (a new version was kept).
    pub updated: u64,
    /// Records seen before with identical content.
    pub unchanged: u64,
}

/// One import of one file, logged with its diagnostics so rejected rows are never lost.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportRun {
    /// Unique id of the run.
    pub run_id: String,
    /// Importer used (`ctdl`, `nj-industry`, …).
    pub kind: String,
    /// File as named by the user.
    pub file: String,
    /// SHA-256 of the file.
    pub file_sha256: String,
}

/// The fields list pages and search results need, without decoding whole records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordSummary {
    /// Record id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Declared CTDL class.
    pub ctdl_type: String,
    /// Class family.
    pub class: String,
    /// Whether the type is known.
    pub classified: bool,
    /// `active`, `retired` or `unknown`.
    pub lifecycle: String,
}

/// One historic version of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordVersion {
    /// 1 for the first import, +1 per change.
    pub version: i64,
    /// Content hash of that version.
    pub content_sha256: String,
    /// File that brought it.
    pub source_file: String,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}

/// Content hash that ignores provenance, so re-importing the same data from elsewhere is "unchanged".
pub fn content_hash(record: &Record) -> String {
    let mut r = record.clone();
    r.provenance = Default::default();
    let body = serde_json::to_vec(&r).unwrap_or_default();
    hex::encode(Sha256::digest(&body))
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Writes a batch of records and the run's diagnostics in one transaction: all or nothing.
    pub async fn upsert_records(
        &self,
        run: &ImportRun,
        records: &[Record],
        diagnostics: &[Diagnostic],
    ) -> Result<UpsertStats, StoreError> {
        // A file may carry the same record twice; the last one wins, as in the registry.
        let records = last_of_each_id(records);
        let mut tx = self.pool.begin().await?;
        let existing = existing_versions(&mut tx, &records).await?;
        let now = now();
        let mut stats = UpsertStats::default();
        let mut new_rows = Vec::new();
        let mut version_rows = Vec::new();
        let mut code_rows = Vec::new();
        let mut agent_rows = Vec::new();
        for record in records {
            let hash = content_hash(record);
            let body = serde_json::to_string(record).map_err(|e| StoreError::Corrupt {
                id: record.id.clone(),
                source: e,
            })?;
            let version = match existing.get(&record.id) {
                Some((old_hash, _)) if *old_hash == hash => {
                    stats.unchanged += 1;
                    continue;
                }
                Some((_, v)) => {
                    stats.updated += 1;
                    update_record(&mut tx, record, &body, &hash, v + 1, &now).await?;
                    v + 1
                }
                None => {
                    stats.inserted += 1;
                    new_rows.push(record_row(record, &body, &hash, &now));
                    1
                }
            };
            version_rows.push(vec![
                record.id.clone().into(),
                version.into(),
                hash.into(),
                body.into(),
                record.provenance.file.clone().into(),
                now.as_str().into(),
            ]);
            code_rows.extend(record.codes.iter().map(|c| {
                vec![
                    record.id.clone().into(),
                    c.scheme.as_str().into(),
                    c.code.clone().into(),
                    c.label.clone().into(),
                ]
            }));
            agent_rows.extend(record.agents.iter().map(|a| {
                vec![
                    record.id.clone().into(),
                    a.role.clone().into(),
                    a.id.clone().into(),
                    a.name.clone().into(),
                ]
            }));
        }
        insert_rows(&mut tx, "records", RECORD_COLUMNS, new_rows).await?;
        let versions = [
            "record_id",
            "version",
            "content_sha256",
            "body",
            "source_file",
            "recorded_at",
        ];
        insert_rows(&mut tx, "record_versions", &versions, version_rows).await?;
        let codes = ["record_id", "scheme", "code", "label"];
        insert_rows(&mut tx, "record_codes", &codes, code_rows).await?;
        let agents = ["record_id", "role", "agent_id", "agent_name"];
        insert_rows(&mut tx, "record_agents", &agents, agent_rows).await?;
        log_run(&mut tx, run, stats, diagnostics, &now).await?;
        tx.commit().await?;
        Ok(stats)
    }

    /// Logs a run that wrote nothing (rejected whole), so its diagnostics are kept.
    pub async fn log_rejected_run(
        &self,
        run: &ImportRun,
        diagnostics: &[Diagnostic],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        log_run(&mut tx, run, UpsertStats::default(), diagnostics, &now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The whole record, as imported and normalized.
    pub async fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        let row = sqlx::query("SELECT body FROM records WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| decode(id, &r.try_get::<String, _>(0)?))
            .transpose()
    }

    /// Every record, in id order; feeds the search index and full exports.
    pub async fn all_records(&self) -> Result<Vec<Record>, StoreError> {
        let rows = sqlx::query("SELECT id, body FROM records ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| decode(&r.try_get::<String, _>(0)?, &r.try_get::<String, _>(1)?))
            .collect()
    }

    /// Records carrying a code (e.g. every credential linked to SOC 29-1141).
    pub async fn records_with_code(
        &self,
        scheme: &str,
        code: &str,
    ) -> Result<Vec<RecordSummary>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT r.id, r.name, r.ctdl_type, r.class, r.classified, r.lifecycle \
             FROM records r JOIN record_codes c ON c.record_id = r.id \
             WHERE c.scheme = $1 AND (c.code = $2 OR c.code LIKE $3)",
        )
        .bind(scheme)
        .bind(code)
        .bind(format!("{code}.%"))
        .fetch_all(&self.pool)
        .await?;
        sorted_summaries(&rows)
    }

    /// Records naming an agent (by URI, CTID or local id) in any role.
    pub async fn records_by_agent(&self, agent_id: &str) -> Result<Vec<RecordSummary>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT r.id, r.name, r.ctdl_type, r.class, r.classified, r.lifecycle \
             FROM records r JOIN record_agents a ON a.record_id = r.id \
             WHERE a.agent_id = $1",
        )
        .bind(agent_id)
        .fetch_all(&self.pool)
        .await?;
        sorted_summaries(&rows)
    }

    /// Every stored version of a record with its full content, oldest first: what changed, when.
    pub async fn record_versions(
        &self,
        id: &str,
    ) -> Result<Vec<(RecordVersion, Record)>, StoreError> {
        let rows = sqlx::query(
            "SELECT version, content_sha256, source_file, recorded_at, body FROM record_versions \
             WHERE record_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let version = RecordVersion {
                    version: r.try_get(0)?,
                    content_sha256: r.try_get(1)?,
                    source_file: r.try_get(2)?,
                    recorded_at: r.try_get(3)?,
                };
                Ok((version, decode(id, &r.try_get::<String, _>(4)?)?))
            })
            .collect()
    }

    /// Record counts per class family, for status pages.
    pub async fn record_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query("SELECT class, COUNT(*) FROM records GROUP BY class ORDER BY class")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// Diagnostics of every logged import run, newest first; the quarantine report.
    pub async fn import_diagnostics(&self, limit: i64) -> Result<Vec<Diagnostic>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.severity, d.file, d.record, d.field, d.message FROM import_diagnostics d \
             JOIN import_runs r ON r.run_id = d.run_id ORDER BY r.run_id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let severity: String = r.try_get(0)?;
                Ok(Diagnostic {
                    severity: if severity == "error" {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    location: credence_model::Location {
                        file: r.try_get(1)?,
                        record: r.try_get(2)?,
                        field: r.try_get(3)?,
                    },
                    message: r.try_get(4)?,
                })
            })
            .collect()
    }
}

const RECORD_COLUMNS: &[&str] = &[
    "id",
    "registry_ctid",
    "ctdl_type",
    "class",
    "classified",
    "name",
    "description",
    "lifecycle",
    "body",
    "content_sha256",
    "source",
    "source_file",
    "source_pointer",
    "version",
    "first_seen_at",
    "updated_at",
];

fn record_row(record: &Record, body: &str, hash: &str, now: &str) -> Vec<Value> {
    vec![
        record.id.clone().into(),
        record.ctid.as_ref().map(|c| c.to_string()).into(),
        record.ctdl_type.clone().into(),
        record.class.as_str().into(),
        i64::from(record.classified).into(),
        record.name.clone().into(),
        record.description.clone().into(),
        record.lifecycle.as_str().into(),
        body.into(),
        hash.into(),
        record.provenance.source.clone().into(),
        record.provenance.file.clone().into(),
        record.provenance.pointer.clone().into(),
        1i64.into(),
        now.into(),
        now.into(),
    ]
}

async fn update_record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    record: &Record,
    body: &str,
    hash: &str,
    version: i64,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE records SET registry_ctid = $1, ctdl_type = $2, class = $3, classified = $4, name = $5, \
         description = $6, lifecycle = $7, body = $8, content_sha256 = $9, source = $10, \
         source_file = $11, source_pointer = $12, version = $13, updated_at = $14 WHERE id = $15",
    )
    .bind(record.ctid.as_ref().map(|c| c.to_string()))
    .bind(&record.ctdl_type)
    .bind(record.class.as_str())
    .bind(i64::from(record.classified))
    .bind(&record.name)
    .bind(&record.description)
    .bind(record.lifecycle.as_str())
    .bind(body)
    .bind(hash)
    .bind(&record.provenance.source)
    .bind(&record.provenance.file)
    .bind(&record.provenance.pointer)
    .bind(version)
    .bind(now)
    .bind(&record.id)
    .execute(&mut **tx)
    .await?;
    for table in ["record_codes", "record_agents"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE record_id = $1"))
            .bind(&record.id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The last record of each id, in first-seen order.
fn last_of_each_id(records: &[Record]) -> Vec<&Record> {
    let mut position: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<&Record> = Vec::with_capacity(records.len());
    for r in records {
        match position.get(r.id.as_str()) {
            Some(&i) => out[i] = r,
            None => {
                position.insert(&r.id, out.len());
                out.push(r);
            }
        }
    }
    out
}

async fn existing_versions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    records: &[&Record],
) -> Result<HashMap<String, (String, i64)>, StoreError> {
    let mut out = HashMap::new();
    for chunk in records.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, content_sha256, version FROM records WHERE id IN ({})",
            placeholders.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q.bind(r.id.clone());
        }
        for row in q.fetch_all(&mut **tx).await? {
            out.insert(row.try_get(0)?, (row.try_get(1)?, row.try_get(2)?));
        }
    }
    Ok(out)
}

async fn log_run(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    run: &ImportRun,
    stats: UpsertStats,
    diagnostics: &[Diagnostic],
    now: &str,
) -> Result<(), StoreError> {
    let rejected = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count() as i64;
    let warnings = diagnostics.len() as i64 - rejected;
    let columns = [
        "run_id",
        "kind",
        "file",
        "file_sha256",
        "started_at",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "warnings",
    ];
    let row = vec![
        run.run_id.clone().into(),
        run.kind.clone().into(),
        run.file.clone().into(),
        run.file_sha256.clone().into(),
        now.into(),
        (stats.inserted as i64).into(),
        (stats.updated as i64).into(),
        (stats.unchanged as i64).into(),
        rejected.into(),
        warnings.into(),
    ];
    insert_rows(tx, "import_runs", &columns, vec![row]).await?;
    let rows = diagnostics
        .iter()
        .map(|d| {
            vec![
                run.run_id.clone().into(),
                match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                }
                .into(),
                d.location.file.clone().into(),
                d.location.record.clone().into(),
                d.location.field.clone().into(),
                d.message.clone().into(),
            ]
        })
        .collect();
    let columns = ["run_id", "severity", "file", "record", "field", "message"];
    insert_rows(tx, "import_diagnostics", &columns, rows).await
}

fn decode(id: &str, body: &str) -> Result<Record, StoreError> {
    serde_json::from_str(body).map_err(|e| StoreError::Corrupt {
        id: id.to_string(),
        source: e,
    })
}

/// Summaries by name then id, sorted here so SQLite and PostgreSQL list them identically.
fn sorted_summaries(rows: &[sqlx::any::AnyRow]) -> Result<Vec<RecordSummary>, StoreError> {
    let mut out: Vec<RecordSummary> = rows.iter().map(summary).collect::<Result<_, _>>()?;
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

fn summary(r: &sqlx::any::AnyRow) -> Result<RecordSummary, StoreError> {
    Ok(RecordSummary {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        ctdl_type: r.try_get(2)?,
        class: r.try_get(3)?,
        classified: r.try_get::<i64, _>(4)? != 0,
        lifecycle: r.try_get(5)?,
    })
}
