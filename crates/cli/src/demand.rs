//! `credence demand …`: extract mentions, ingest postings, show and rank demand, score extractors.

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use credence_engine::demand_score::Scorer;
use credence_engine::PostingMentions;
use credence_engine::{Engine, EngineError, FieldMap, Limits, PostingFormat, RunOptions};

use crate::args::{DemandCommand, PostingInput};
use crate::output;
use crate::progress::Bars;

/// Runs one demand subcommand.
pub async fn run(
    engine: &Engine,
    cmd: DemandCommand,
    bars: &Bars,
    json: bool,
) -> anyhow::Result<()> {
    match cmd {
        DemandCommand::Extract { input, out } => extract(engine, &input, &out, bars, json).await,
        DemandCommand::Ingest {
            input,
            dedup_window,
        } => ingest(engine, &input, &dedup_window, bars, json).await,
        DemandCommand::Show { id, region } => {
            let view = engine.demand_show(&id, region.as_deref()).await?;
            if json {
                return output::json(&view);
            }
            println!(
                "{} ({}) — {}",
                view.name,
                view.kind,
                view.region.as_deref().unwrap_or("all regions")
            );
            if let Some((a, b)) = &view.window {
                println!("window {a} … {b}; source: {}", view.source);
            }
            println!(
                "distinct postings {}: required {}, preferred {}",
                view.unique_postings, view.required, view.preferred
            );
            for m in &view.months {
                println!(
                    "  {}  {:>7}  (required {:>6}, preferred {:>6})",
                    m.month, m.unique_postings, m.required, m.preferred
                );
            }
            match &view.forecast {
                Ok(f) => {
                    println!("forecast ({:.0}% interval; {}):", f.level * 100.0, f.method);
                    for (month, mean, lo, hi) in &f.points {
                        println!("  {month}  {mean:>9.1}  [{lo:.1}, {hi:.1}]");
                    }
                }
                Err(why) => println!("no forecast: {why}"),
            }
            print_ranked("top occupations", &view.occupations);
            print_ranked("top regions", &view.regions);
            print_ranked("top employers", &view.employers);
            Ok(())
        }
        DemandCommand::Top { soc, region, limit } => {
            let rows = engine
                .demand_top(soc.as_deref(), region.as_deref(), limit)
                .await?;
            if json {
                return output::json(&rows);
            }
            println!(
                "{:<40} {:<13} {:>8} {:>8} {:>8} {:>8}",
                "credential", "kind", "postings", "unique", "required", "preferred"
            );
            for r in rows {
                println!(
                    "{:<40} {:<13} {:>8} {:>8} {:>8} {:>8}",
                    truncate(&r.name, 40),
                    r.kind,
                    r.postings,
                    r.unique_postings,
                    r.required,
                    r.preferred
                );
            }
            Ok(())
        }
        DemandCommand::Score { truth, predicted } => score(&truth, &predicted, json),
        DemandCommand::Export { parquet } => {
            let rows = engine.demand_export_parquet(&parquet, bars).await?;
            if json {
                return output::json(&serde_json::json!({
                    "file": parquet.display().to_string(),
                    "rows": rows,
                }));
            }
            println!("wrote {rows} demand cells to {}", parquet.display());
            Ok(())
        }
    }
}

fn print_ranked(title: &str, rows: &[credence_engine::Ranked]) {
    if rows.is_empty() {
        return;
    }
    println!("{title}:");
    for r in rows {
        let share = r
            .share
            .map_or("share withheld (n<10) or unknown".to_string(), |s| {
                format!("{:.1}% of its postings", s * 100.0)
            });
        println!(
            "  {:<40} {:>7}  {share}",
            truncate(&r.key, 40),
            r.unique_postings
        );
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(std::iter::once('…')).collect()
    }
}

fn options(input: &PostingInput) -> anyhow::Result<RunOptions> {
    let map = match &input.map {
        Some(m) => FieldMap::parse(m).map_err(|e| EngineError::Invalid(e.to_string()))?,
        None => FieldMap::default(),
    };
    let format = match &input.format {
        Some(f) => Some(PostingFormat::parse(f).ok_or_else(|| {
            EngineError::Invalid(format!("unknown format `{f}`; use jsonl, csv or tsv"))
        })?),
        None => None,
    };
    Ok(RunOptions {
        map,
        format,
        limits: Limits {
            max_record_bytes: input.max_record_bytes,
        },
        strict: input.strict,
        ..RunOptions::default()
    })
}

fn quarantine(input: &PostingInput) -> anyhow::Result<Option<Box<dyn Write + Send>>> {
    input
        .quarantine
        .as_ref()
        .map(|p| {
            std::fs::File::create(p)
                .map(|f| Box::new(BufWriter::new(f)) as Box<dyn Write + Send>)
                .with_context(|| format!("cannot create {}", p.display()))
        })
        .transpose()
}

async fn extract(
    engine: &Engine,
    input: &PostingInput,
    out: &Path,
    bars: &Bars,
    json: bool,
) -> anyhow::Result<()> {
    let files: Vec<&Path> = input.files.iter().map(|p| p.as_path()).collect();
    let options = options(input)?;
    let mut writer: Box<dyn Write> = if out == Path::new("-") {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        Box::new(BufWriter::new(
            std::fs::File::create(out)
                .with_context(|| format!("cannot create {}", out.display()))?,
        ))
    };
    let summary = engine
        .demand_extract(&files, &options, &mut writer, quarantine(input)?, bars)
        .await?;
    writer.flush()?;
    drop(writer);
    if json && out != Path::new("-") {
        return output::json(&summary);
    }
    eprintln!(
        "{} postings ({} rejected), {} mentions in {} postings, {:.1} MB/s, {:.0} postings/s on {} threads",
        summary.postings, summary.rejected, summary.mentions, summary.postings_with_mentions, summary.mb_per_second, summary.postings_per_second, summary.threads
    );
    Ok(())
}

/// Reads `--dedup-window`: a number of months, or `all`.
fn dedup_window(s: &str) -> Result<Option<u32>, EngineError> {
    match s.trim() {
        "all" => Ok(None),
        n => n.parse().map(Some).map_err(|_| {
            EngineError::Invalid(format!(
                "--dedup-window `{s}`: give a number of months or `all`"
            ))
        }),
    }
}

async fn ingest(
    engine: &Engine,
    input: &PostingInput,
    window: &str,
    bars: &Bars,
    json: bool,
) -> anyhow::Result<()> {
    let files: Vec<&Path> = input.files.iter().map(|p| p.as_path()).collect();
    let options = RunOptions {
        dedup_window_months: dedup_window(window)?,
        ..options(input)?
    };
    let report = engine
        .demand_ingest(&files, &options, quarantine(input)?, bars)
        .await?;
    if json {
        return output::json(&report);
    }
    for f in &report.files {
        if f.skipped {
            eprintln!("{}: already counted (same SHA-256), skipped", f.file);
            continue;
        }
        let s = &f.summary;
        eprintln!(
            "{}: {} records, {} postings, {} rejected, {} duplicates ({} within the file, {} of earlier ingests, checked against {} stored fingerprints), {} mentions in {} postings; SOC {} / region {} / month {}; {:.1} MB/s, {:.0} postings/s",
            f.file, s.records, s.postings, s.rejected, s.duplicates, s.duplicates_within, s.duplicates_earlier, f.earlier_fingerprints, s.mentions, s.postings_with_mentions,
            s.postings_with_soc, s.postings_with_region, s.postings_with_month, s.mb_per_second, s.postings_per_second
        );
        for (reason, n) in &s.rejected_by_reason {
            eprintln!("  rejected {n}: {reason}");
        }
    }
    for r in report.rejects.iter().take(20) {
        eprintln!(
            "  {}: line {}{}: {}",
            r.file,
            r.line,
            r.field
                .as_deref()
                .map(|f| format!(": field `{f}`"))
                .unwrap_or_default(),
            r.reason
        );
    }
    Ok(())
}

fn read_mentions(path: &Path) -> anyhow::Result<Vec<PostingMentions>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let p: PostingMentions = serde_json::from_str(&line).map_err(|e| {
            EngineError::Invalid(format!("{}: line {}: {e}", path.display(), i + 1))
        })?;
        out.push(p);
    }
    Ok(out)
}

fn score(truth: &Path, predicted: &Path, json: bool) -> anyhow::Result<()> {
    let truth = read_mentions(truth)?;
    let predicted: std::collections::HashMap<String, PostingMentions> = read_mentions(predicted)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut scorer = Scorer::default();
    for t in &truth {
        let p = predicted
            .get(&t.id)
            .map(|p| p.mentions.as_slice())
            .unwrap_or(&[]);
        scorer.add(&t.id, &t.mentions, p);
    }
    let s = scorer.score();
    if json {
        return output::json(&s);
    }
    println!("documents {}", s.documents);
    println!(
        "spans      P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
        s.spans.precision, s.spans.recall, s.spans.f1, s.spans.tp, s.spans.fp, s.spans.fn_
    );
    for (k, v) in &s.by_kind {
        println!(
            "{k:<13} P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
            v.precision, v.recall, v.f1, v.tp, v.fp, v.fn_
        );
    }
    println!(
        "level accuracy {:.3} over {} matched spans",
        s.level_accuracy, s.level_pairs
    );
    Ok(())
}
