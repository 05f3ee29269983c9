//! The outcome aggregation as SQL over Parquet on DataFusion (Apache Arrow's query engine), or
//! the same SQL and settings on Ballista, DataFusion's distributed scheduler (built with the
//! `ballista` feature): the path for wage files too large to hold per person in memory, and
//! the query the DuckDB benchmark runs verbatim.
//!
//! Inputs are two Parquet files: the cohort (`person_key`, `credential_id`, `entry_q`, `exit_q`,
//! quarters as `year * 4 + quarter - 1`) and wage rows (`person_key`, `employer_id`, `naics`,
//! `county`, `year`, `quarter`, `wage`). Person keys are expected to be hashed already.

use std::path::Path;
use std::time::Duration;
use std::time::Instant;

use arrow::array::{Array, Float64Array, Int64Array, StringArray};
use arrow::datatypes::DataType;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use serde::Serialize;

use crate::OutcomesError;

/// The outcome query, in SQL that DataFusion and DuckDB both run unchanged.
pub const OUTCOME_SQL: &str = "\
WITH per_person AS (
  SELECT c.credential_id, c.person_key,
    SUM(CASE WHEN w.year * 4 + w.quarter - 1 = c.exit_q + 2 THEN w.wage ELSE 0 END) AS q2,
    SUM(CASE WHEN w.year * 4 + w.quarter - 1 = c.exit_q + 4 THEN w.wage ELSE 0 END) AS q4,
    SUM(CASE WHEN w.year * 4 + w.quarter - 1 BETWEEN c.entry_q - 4 AND c.entry_q - 1 THEN w.wage ELSE 0 END) / 4.0 AS pre,
    SUM(CASE WHEN w.year * 4 + w.quarter - 1 BETWEEN c.exit_q + 1 AND c.exit_q + 4 THEN w.wage ELSE 0 END) / 4.0 AS post
  FROM cohort c LEFT JOIN wages w ON w.person_key = c.person_key
  GROUP BY c.credential_id, c.person_key
)
SELECT credential_id,
  COUNT(*) AS exiters,
  SUM(CASE WHEN q2 > 0 THEN 1 ELSE 0 END) AS employed_q2,
  SUM(CASE WHEN q4 > 0 THEN 1 ELSE 0 END) AS employed_q4,
  MEDIAN(CASE WHEN q2 > 0 THEN q2 END) AS median_earnings_q2,
  AVG(pre) AS mean_before,
  AVG(post) AS mean_after
FROM per_person
GROUP BY credential_id
ORDER BY credential_id";

/// One credential's row of the outcome query (unsuppressed: callers apply disclosure control).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryRow {
    /// Credential id.
    pub credential_id: String,
    /// Cohort size.
    pub exiters: i64,
    /// Employed (any UI wages) in the 2nd quarter after exit.
    pub employed_q2: i64,
    /// Employed in the 4th quarter after exit.
    pub employed_q4: i64,
    /// Median earnings in the 2nd quarter after exit among the employed.
    pub median_earnings_q2: Option<f64>,
    /// Mean quarterly earnings over the 4 quarters before entry.
    pub mean_before: Option<f64>,
    /// Mean quarterly earnings over the 4 quarters after exit.
    pub mean_after: Option<f64>,
}

/// Which engine runs the outcome query: the same SQL and settings either way, so a
/// deployment can move from one machine to a cluster without changing its figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum QueryEngine {
    /// DataFusion in this process (the default).
    #[default]
    Local,
    /// Ballista: with no scheduler, a standalone cluster (scheduler and executor) started in
    /// this process; with `df://host:port`, a remote scheduler whose executors can read the
    /// same file paths. Needs the `ballista` feature.
    Ballista {
        /// Scheduler URL (`df://host:port`), or `None` for an in-process cluster.
        scheduler: Option<String>,
    },
}

fn qe(e: impl std::fmt::Display) -> OutcomesError {
    OutcomesError::Query(e.to_string())
}

/// Applies credence's join defaults and then the caller's DataFusion settings (`key`, `value`,
/// as in DataFusion's `SET`) to a session config, so both engines run with the same options.
fn configure(
    mut config: SessionConfig,
    settings: &[(String, String)],
) -> Result<SessionConfig, OutcomesError> {
    config = config.with_target_partitions(
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2),
    );
    // Collect the cohort (one row per participant) once and probe the wage rows where they are,
    // instead of hash-repartitioning every wage row on `person_key` (the default above 128 k
    // build rows); see docs/benchmarks.md.
    let optimizer = &mut config.options_mut().optimizer;
    optimizer.hash_join_single_partition_threshold = 256 * 1024 * 1024;
    optimizer.hash_join_single_partition_threshold_rows = 16 * 1024 * 1024;
    for (key, value) in settings {
        config
            .options_mut()
            .set(key, value)
            .map_err(|e| OutcomesError::Invalid(format!("setting `{key}`: {e}")))?;
    }
    Ok(config)
}

/// The session context for an engine: DataFusion's own, or one whose planner sends the plan
/// to a Ballista scheduler.
async fn context(
    engine: &QueryEngine,
    settings: &[(String, String)],
) -> Result<SessionContext, OutcomesError> {
    match engine {
        QueryEngine::Local => Ok(SessionContext::new_with_config(configure(
            SessionConfig::new(),
            settings,
        )?)),
        QueryEngine::Ballista { scheduler } => {
            ballista_context(scheduler.as_deref(), settings).await
        }
    }
}

/// A Ballista context. The config starts from Ballista's own defaults (which, among others,
/// prefer sort-merge joins because DataFusion's hash join cannot spill) and then gets the same
/// credence defaults and caller settings as the local engine; a caller can still override
/// Ballista's defaults with `--set`.
#[cfg(feature = "ballista")]
async fn ballista_context(
    scheduler: Option<&str>,
    settings: &[(String, String)],
) -> Result<SessionContext, OutcomesError> {
    use ballista::prelude::{SessionConfigExt, SessionContextExt};
    use datafusion::execution::SessionStateBuilder;

    let config = configure(SessionConfig::new_with_ballista(), settings)?;
    let state = SessionStateBuilder::new()
        .with_default_features()
        .with_config(config)
        .build();
    match scheduler {
        None => SessionContext::standalone_with_state(state)
            .await
            .map_err(qe),
        Some(url) => {
            let valid = url
                .strip_prefix("df://")
                .and_then(|rest| rest.rsplit_once(':'))
                .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
            if !valid {
                return Err(OutcomesError::Invalid(format!(
                    "Ballista scheduler `{url}` is not df://HOST:PORT"
                )));
            }
            SessionContext::remote_with_state(url, state)
                .await
                .map_err(qe)
        }
    }
}

/// Without the `ballista` feature the engine is refused with the way to get it.
#[cfg(not(feature = "ballista"))]
async fn ballista_context(
    _scheduler: Option<&str>,
    _settings: &[(String, String)],
) -> Result<SessionContext, OutcomesError> {
    Err(OutcomesError::Invalid(
        "this build has no Ballista engine: rebuild with `--features ballista`".into(),
    ))
}

/// Builds the session both the query and its plan use (see [`configure`]) on the chosen engine,
/// with the two files registered as tables `cohort` and `wages`.
async fn session(
    engine: &QueryEngine,
    cohort: &Path,
    wages: &Path,
    settings: &[(String, String)],
) -> Result<SessionContext, OutcomesError> {
    let path = |p: &Path| {
        p.to_str()
            .map(str::to_string)
            .ok_or_else(|| OutcomesError::Invalid("path is not UTF-8".into()))
    };
    let (cohort, wages) = (path(cohort)?, path(wages)?);
    let ctx = context(engine, settings).await?;
    ctx.register_parquet("cohort", &cohort, ParquetReadOptions::default())
        .await
        .map_err(qe)?;
    ctx.register_parquet("wages", &wages, ParquetReadOptions::default())
        .await
        .map_err(qe)?;
    Ok(ctx)
}

/// The physical plan DataFusion would run for [`OUTCOME_SQL`] on these files and settings, so
/// a slow run can be explained without a profiler.
pub async fn explain_outcome_query(
    cohort: &Path,
    wages: &Path,
    settings: &[(String, String)],
) -> Result<String, OutcomesError> {
    explain_outcome_query_on(&QueryEngine::Local, cohort, wages, settings).await
}

/// [`explain_outcome_query`] on a chosen engine (on Ballista the top of the plan is the
/// distributed job that the scheduler splits into stages).
pub async fn explain_outcome_query_on(
    engine: &QueryEngine,
    cohort: &Path,
    wages: &Path,
    settings: &[(String, String)],
) -> Result<String, OutcomesError> {
    let ctx = session(engine, cohort, wages, settings).await?;
    let plan = ctx
        .sql(OUTCOME_SQL)
        .await
        .map_err(qe)?
        .create_physical_plan()
        .await
        .map_err(qe)?;
    let text = datafusion::physical_plan::displayable(plan.as_ref())
        .indent(true)
        .to_string();
    Ok(text)
}

/// Runs [`OUTCOME_SQL`] over the two Parquet files with optional DataFusion settings; returns
/// the rows and the wall time of planning plus execution (file registration excluded, as in the
/// DuckDB timing).
pub async fn run_outcome_query(
    cohort: &Path,
    wages: &Path,
    settings: &[(String, String)],
) -> Result<(Vec<QueryRow>, Duration), OutcomesError> {
    run_outcome_query_on(&QueryEngine::Local, cohort, wages, settings).await
}

/// [`run_outcome_query`] on a chosen engine. The time excludes starting a standalone Ballista
/// cluster (done with the file registration), so it compares with the local time.
pub async fn run_outcome_query_on(
    engine: &QueryEngine,
    cohort: &Path,
    wages: &Path,
    settings: &[(String, String)],
) -> Result<(Vec<QueryRow>, Duration), OutcomesError> {
    let ctx = session(engine, cohort, wages, settings).await?;
    let start = Instant::now();
    let batches = ctx
        .sql(OUTCOME_SQL)
        .await
        .map_err(qe)?
        .collect()
        .await
        .map_err(qe)?;
    let elapsed = start.elapsed();
    let mut rows = Vec::new();
    for b in batches {
        let s = |i: usize| -> Result<StringArray, OutcomesError> {
            let a = arrow::compute::cast(b.column(i), &DataType::Utf8).map_err(qe)?;
            a.as_any()
                .downcast_ref::<StringArray>()
                .cloned()
                .ok_or_else(|| qe("not a string column"))
        };
        let i64c = |i: usize| -> Result<Int64Array, OutcomesError> {
            let a = arrow::compute::cast(b.column(i), &DataType::Int64).map_err(qe)?;
            a.as_any()
                .downcast_ref::<Int64Array>()
                .cloned()
                .ok_or_else(|| qe("not an integer column"))
        };
        let f64c = |i: usize| -> Result<Float64Array, OutcomesError> {
            let a = arrow::compute::cast(b.column(i), &DataType::Float64).map_err(qe)?;
            a.as_any()
                .downcast_ref::<Float64Array>()
                .cloned()
                .ok_or_else(|| qe("not a float column"))
        };
        let (id, n, e2, e4, med, pre, post) = (
            s(0)?,
            i64c(1)?,
            i64c(2)?,
            i64c(3)?,
            f64c(4)?,
            f64c(5)?,
            f64c(6)?,
        );
        let opt = |a: &Float64Array, r: usize| a.is_valid(r).then(|| a.value(r));
        for r in 0..b.num_rows() {
            rows.push(QueryRow {
                credential_id: id.value(r).to_string(),
                exiters: n.value(r),
                employed_q2: e2.value(r),
                employed_q4: e4.value(r),
                median_earnings_q2: opt(&med, r),
                mean_before: opt(&pre, r),
                mean_after: opt(&post, r),
            });
        }
    }
    Ok((rows, elapsed))
}
