//! `credence outcomes …`: compute outcomes from participant and wage files, show them by group,
//! import and list published outcome tables, generate synthetic data, run the Parquet query.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use credence_engine::{ComputeRequest, Engine, MetricCell, OutcomesSynthConfig, OUTCOMES_KEY_ENV};

use crate::output;

/// Outcomes subcommands.
#[derive(Debug, Subcommand)]
pub enum OutcomesCommand {
    /// Record linkage: `link` and `encode` (files only, no database).
    #[command(flatten)]
    Linkage(crate::linkage::LinkageCommand),
    /// Compute outcomes (employment, earnings, attainment, comparison-group gain, by group) from a
    /// PIRL-numbered participant CSV and UI wage records; stores aggregates only. The person-key
    /// secret comes from the environment variable CREDENCE_OUTCOMES_KEY (at least 16 bytes).
    Compute {
        /// Participant CSV (PIRL element numbers or names as headers).
        #[arg(long)]
        participants: PathBuf,
        /// Wage record files, CSV or Parquet (person_key, employer_id, naics, county, year, quarter, wage).
        #[arg(long, required = true, num_args = 1..)]
        wages: Vec<PathBuf>,
        /// Participant column mapping, `field=column` (repeatable), e.g. `person=ssn`.
        #[arg(long = "map")]
        map: Vec<String>,
        /// Wage column mapping, `field=column` (repeatable), e.g. `wage=earnings`.
        #[arg(long = "wage-map")]
        wage_map: Vec<String>,
        /// Suppress cells resting on fewer people than this.
        #[arg(long, default_value_t = 10)]
        min_cell: usize,
        /// Add two-sided geometric noise to published counts with this epsilon per count.
        #[arg(long)]
        epsilon: Option<f64>,
        /// Interval coverage.
        #[arg(long, default_value_t = 0.95)]
        level: f64,
        /// Bootstrap replications for the comparison-group gain.
        #[arg(long, default_value_t = 199)]
        bootstrap: usize,
        /// Seed for bootstrap and noise.
        #[arg(long, default_value_t = 20_261_123)]
        seed: u64,
        /// Quarantine rejected records and compute from the rest (default: refuse).
        #[arg(long)]
        keep_going: bool,
    },
    /// Outcomes for one credential, overall and by group, with intervals; suppressed cells are
    /// shown as suppressed.
    Show {
        /// Registry id, CTID, or the credential id used in the participant file.
        id: String,
        /// One dimension: race, sex, age, income, region (default: all).
        #[arg(long)]
        by: Option<String>,
    },
    /// Import published outcome tables: NJ ETPL (`outcomes_schcip.csv`) or Census PSEO
    /// earnings/flows CSV (with the institution label file).
    Import {
        /// Files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// `nj-etpl` or `pseo`.
        #[arg(long)]
        format: String,
        /// PSEO institution label file (`institution,label,…`).
        #[arg(long)]
        labels: Option<PathBuf>,
        /// Import the good rows and quarantine the bad ones (default: refuse the file).
        #[arg(long)]
        keep_going: bool,
    },
    /// Published outcome figures by institution and/or CIP code.
    Published {
        /// Institution id or part of its name.
        #[arg(long)]
        institution: Option<String>,
        /// CIP code or prefix (`51`, `51.39`, `51.3902`).
        #[arg(long)]
        cip: Option<String>,
        /// How many rows.
        #[arg(long, default_value_t = 200)]
        limit: i64,
    },
    /// Generate synthetic participants and LEHD-style wage histories with a separate truth file.
    Generate {
        /// Output directory for participants.csv, wages.csv / wages.parquet, cohort.parquet.
        #[arg(long)]
        out: PathBuf,
        /// Where to write the truth (keep it outside the output directory).
        #[arg(long)]
        truth: PathBuf,
        /// Participants.
        #[arg(long, default_value_t = 5000)]
        participants: usize,
        /// Extra workers with wage rows only.
        #[arg(long, default_value_t = 0)]
        other_workers: usize,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write Parquet (wages.parquet, cohort.parquet).
        #[arg(long)]
        parquet: bool,
        /// Skip the wage CSV (for large benchmark runs).
        #[arg(long)]
        no_csv: bool,
        /// Credential ids to use instead of the built-in synthetic ones (effects are kept in order).
        #[arg(long = "credential")]
        credentials: Vec<String>,
    },
    /// Run the outcome aggregation as DataFusion SQL over Parquet and print it with its time
    /// (unsuppressed counts: for benchmarks and checks, not for publication).
    Query {
        /// Cohort Parquet (person_key, credential_id, entry_q, exit_q).
        #[arg(long, required_unless_present = "show_sql")]
        cohort: Option<PathBuf>,
        /// Wage Parquet.
        #[arg(long, required_unless_present = "show_sql")]
        wages: Option<PathBuf>,
        /// Print the SQL (tables `cohort` and `wages`) and exit, so peers can run it verbatim.
        #[arg(long)]
        show_sql: bool,
        /// Run the query this many times and report every time.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// A DataFusion setting, as in its `SET` (repeatable), e.g.
        /// `--set datafusion.execution.batch_size=16384`.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        settings: Vec<String>,
        /// Print the physical plan instead of running the query.
        #[arg(long)]
        explain: bool,
        /// Where the query runs: DataFusion in this process, or Ballista (a standalone
        /// in-process cluster, or the scheduler given with `--scheduler`). Ballista needs a
        /// build with `--features ballista`.
        #[arg(long, value_enum, default_value_t = QueryEngineArg::Datafusion)]
        engine: QueryEngineArg,
        /// Ballista scheduler, `df://HOST:PORT`; its executors must read the same paths.
        #[arg(long, value_name = "df://HOST:PORT")]
        scheduler: Option<String>,
    },
}

/// The `--engine` choices of `outcomes query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryEngineArg {
    /// DataFusion in this process.
    Datafusion,
    /// Ballista, DataFusion's distributed scheduler.
    Ballista,
}

fn fmt_cell(c: &MetricCell) -> String {
    if let Some(why) = &c.suppressed {
        return format!("suppressed ({why})");
    }
    let Some(v) = c.value else {
        return "—".into();
    };
    let rate = c.metric.starts_with("employment") || c.metric == "credential_attainment";
    let f = |x: f64| {
        if rate {
            format!("{:.1}%", x * 100.0)
        } else {
            format!("${x:.0}")
        }
    };
    match (c.metric.as_str(), c.lower, c.upper) {
        ("exiters", _, _) => format!("{v:.0}"),
        (_, Some(lo), Some(hi)) => {
            format!("{} [{} – {}] n={}", f(v), f(lo), f(hi), c.n.unwrap_or(0))
        }
        _ => f(v),
    }
}

/// Runs one outcomes subcommand.
pub async fn run(engine: &Engine, cmd: OutcomesCommand, json: bool) -> anyhow::Result<()> {
    match cmd {
        OutcomesCommand::Linkage(cmd) => crate::linkage::run(cmd, json),
        OutcomesCommand::Compute {
            participants,
            wages,
            map,
            wage_map,
            min_cell,
            epsilon,
            level,
            bootstrap,
            seed,
            keep_going,
        } => {
            let key = std::env::var(OUTCOMES_KEY_ENV).with_context(|| {
                format!("set {OUTCOMES_KEY_ENV} to the person-key secret (at least 16 bytes)")
            })?;
            let report = engine
                .outcomes_compute(ComputeRequest {
                    participants,
                    wages,
                    key: key.into_bytes(),
                    participant_map: map,
                    wage_map,
                    min_cell,
                    epsilon,
                    level,
                    bootstrap,
                    seed,
                    keep_going,
                })
                .await?;
            if json {
                return output::json(&report);
            }
            let r = &report.run;
            println!(
                "run {} — {} participants, {} wage rows ({}), {} quarantined",
                r.run_id, r.participants, r.wage_rows, r.wage_window, r.rejected
            );
            for rej in report.rejects.iter().take(20) {
                println!(
                    "  rejected {} {} [{}]: {}",
                    rej.file, rej.record, rej.field, rej.reason
                );
            }
            for c in &report.credentials {
                println!(
                    "{}{}",
                    c.credential_id,
                    c.name
                        .as_deref()
                        .map(|n| format!(" — {n}"))
                        .unwrap_or_default()
                );
                for cell in &c.overall {
                    println!("  {:<22} {}", cell.metric, fmt_cell(cell));
                }
            }
            Ok(())
        }
        OutcomesCommand::Show { id, by } => {
            let v = engine.outcomes_show(&id, by.as_deref()).await?;
            if json {
                return output::json(&v);
            }
            println!(
                "{}{}",
                v.credential_id,
                v.name
                    .as_deref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            );
            println!(
                "source: {}; wages {}; exits {}; run {} ({}); {}% intervals; cells with n < {} suppressed{}",
                v.source,
                v.run.wage_window,
                v.exit_window.as_ref().map(|(a, b)| format!("{a}–{b}")).unwrap_or_else(|| "none".into()),
                v.run.run_id,
                v.run.computed_at,
                (v.run.level * 100.0).round(),
                v.run.min_cell,
                v.run.epsilon.map(|e| format!(", geometric noise ε = {e}")).unwrap_or_default()
            );
            for c in &v.overall {
                println!("  {:<22} {}", c.metric, fmt_cell(c));
            }
            let cols = [
                "exiters",
                "employment_q2",
                "employment_q4",
                "median_earnings_q2",
                "gain_did",
            ];
            for t in &v.tables {
                println!("by {}:", t.dimension);
                for g in &t.groups {
                    let cells: Vec<String> = cols
                        .iter()
                        .map(|m| g.cell(m).map(fmt_cell).unwrap_or_else(|| "—".into()))
                        .collect();
                    println!("  {:<34} {}", g.category, cells.join(" | "));
                }
            }
            if !v.published.is_empty() {
                println!("published outcomes for this credential's programmes:");
                for p in &v.published {
                    print_published(p);
                }
            }
            Ok(())
        }
        OutcomesCommand::Import {
            files,
            format,
            labels,
            keep_going,
        } => {
            let report = engine
                .outcomes_import(&files, &format, labels.as_deref(), keep_going)
                .await?;
            if json {
                return output::json(&report);
            }
            for (file, records, figures, suppressed, rejected) in &report.files {
                println!("{file}: {records} records, {figures} figures ({suppressed} suppressed), {rejected} rejected");
            }
            for r in report.rejects.iter().take(20) {
                println!(
                    "  rejected {} {} [{}]: {}",
                    r.file, r.record, r.field, r.reason
                );
            }
            Ok(())
        }
        OutcomesCommand::Published {
            institution,
            cip,
            limit,
        } => {
            let rows = engine
                .outcomes_published(institution.as_deref(), cip.as_deref(), limit)
                .await?;
            if json {
                return output::json(&rows);
            }
            for p in &rows {
                print_published(p);
            }
            Ok(())
        }
        OutcomesCommand::Generate {
            out,
            truth,
            participants,
            other_workers,
            seed,
            parquet,
            no_csv,
            credentials,
        } => {
            let mut cfg = OutcomesSynthConfig::new(seed, participants);
            cfg.other_workers = other_workers;
            cfg.parquet = parquet;
            cfg.wages_csv = !no_csv;
            if !credentials.is_empty() {
                let builtin = cfg.credentials.clone();
                cfg.credentials = credentials
                    .iter()
                    .enumerate()
                    .map(|(i, id)| {
                        let mut c = builtin[i % builtin.len()].clone();
                        c.id = id.clone();
                        c
                    })
                    .collect();
            }
            let t = engine
                .outcomes_generate(cfg, out.clone(), truth.clone())
                .await?;
            if json {
                return output::json(&t);
            }
            println!(
                "wrote {} wage rows and participants to {}; truth in {}",
                t.wage_rows,
                out.display(),
                truth.display()
            );
            Ok(())
        }
        OutcomesCommand::Query {
            cohort,
            wages,
            show_sql,
            repeat,
            settings,
            explain,
            engine: on,
            scheduler,
        } => {
            if show_sql {
                println!("{}", credence_engine::OUTCOME_SQL);
                return Ok(());
            }
            let (Some(cohort), Some(wages)) = (cohort, wages) else {
                anyhow::bail!("--cohort and --wages are required");
            };
            let settings = settings
                .iter()
                .map(|s| {
                    s.split_once('=')
                        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                        .ok_or_else(|| anyhow::anyhow!("--set `{s}` is not KEY=VALUE"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let on = match (on, scheduler) {
                (QueryEngineArg::Datafusion, None) => credence_engine::OutcomeQueryEngine::Local,
                (QueryEngineArg::Datafusion, Some(_)) => {
                    anyhow::bail!("--scheduler is for --engine ballista")
                }
                (QueryEngineArg::Ballista, scheduler) => {
                    credence_engine::OutcomeQueryEngine::Ballista { scheduler }
                }
            };
            if explain {
                print!(
                    "{}",
                    engine
                        .outcomes_query_plan(&on, &cohort, &wages, &settings)
                        .await?
                );
                return Ok(());
            }
            let mut times = Vec::new();
            let mut rows = Vec::new();
            for _ in 0..repeat.max(1) {
                let (r, elapsed) = engine
                    .outcomes_query(&on, &cohort, &wages, &settings)
                    .await?;
                times.push(elapsed.as_secs_f64());
                rows = r;
            }
            let elapsed = std::time::Duration::from_secs_f64(
                times.iter().cloned().fold(f64::INFINITY, f64::min),
            );
            if json {
                return output::json(&serde_json::json!({ "seconds": times, "rows": rows }));
            }
            for r in &rows {
                println!(
                    "{}  exiters {}  employed Q2 {}  employed Q4 {}  median Q2 {:.2}  before {:.2}  after {:.2}",
                    r.credential_id,
                    r.exiters,
                    r.employed_q2,
                    r.employed_q4,
                    r.median_earnings_q2.unwrap_or(f64::NAN),
                    r.mean_before.unwrap_or(f64::NAN),
                    r.mean_after.unwrap_or(f64::NAN)
                );
            }
            println!("query seconds {:.3}", elapsed.as_secs_f64());
            Ok(())
        }
    }
}

fn print_published(p: &credence_engine::PublishedOutcome) {
    let value = match p.value {
        Some(v) => format!("{v}"),
        None => p.status.clone(),
    };
    println!(
        "  [{}] {} {} cip {} {} {} {}: {}{}",
        p.format,
        p.institution,
        p.institution_name.as_deref().unwrap_or(""),
        p.cip.as_deref().unwrap_or("—"),
        p.degree_level.as_deref().unwrap_or(""),
        p.cohort.as_deref().unwrap_or(""),
        p.measure,
        value,
        p.n.map(|n| format!(" (n={n})")).unwrap_or_default()
    );
}
