//! One function per subcommand: call the engine, print the answer.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use credence_engine::search::SearchQuery;
use credence_engine::{
    Engine, EngineConfig, EngineError, FileImport, ImportOptions, ListFormat, Progress,
};

use crate::args::{Cli, Command, ExportCommand, ImportCommand, ListFormatArg};
use crate::output;
use crate::progress::Bars;

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Linkage reads and writes files only: no database is opened for it.
    let cli = match cli.command {
        Command::Outcomes(crate::outcomes::OutcomesCommand::Linkage(cmd)) => {
            return crate::linkage::run(cmd, cli.global.json)
        }
        command => Cli {
            global: cli.global,
            command,
        },
    };
    let g = &cli.global;
    let config = EngineConfig {
        db_url: g.db.clone(),
        data_dir: g.data.clone(),
        overrides: g.overrides.clone(),
    };
    let bars = Bars::new(g.json || g.quiet);
    let engine = Engine::open(&config).await?;
    match cli.command {
        Command::Init => init(&engine, &bars, g.json).await,
        Command::Import(ImportCommand::Ctdl { paths, keep_going }) => {
            import_ctdl(&engine, &paths, keep_going, &bars, (g.json, g.quiet)).await
        }
        Command::Import(ImportCommand::Blueprint { file }) => {
            match engine.import_blueprints(&file).await {
                Ok(n) => {
                    if g.json {
                        return output::json(&serde_json::json!({ "blueprints": n }));
                    }
                    eprintln!("{}: {n} blueprint(s) imported", file.display());
                    Ok(())
                }
                Err(e) => finish_import(Err(e), g.json, g.quiet),
            }
        }
        Command::Import(ImportCommand::List {
            file,
            format,
            map,
            keep_going,
        }) => import_list(&engine, file, format, map, keep_going, (g.json, g.quiet)).await,
        Command::Search(a) => {
            let results = engine.search(&SearchQuery {
                text: a.query.clone(),
                type_label: a.type_label,
                issuer: a.issuer,
                soc: a.soc,
                state: a.state,
                class: Some("credential".into()),
                offset: 0,
                limit: a.limit.max(1),
                ..Default::default()
            })?;
            if g.json {
                return output::json(&results);
            }
            println!("{} result(s) for `{}`", results.total, a.query);
            for h in results.hits {
                println!(
                    "  {:<44} {:<14} {}  [{}]",
                    h.name,
                    h.type_label,
                    h.issuers.join(", "),
                    h.id
                );
            }
            Ok(())
        }
        Command::Show { id } => show(&engine, &id, g.json).await,
        Command::Occupation { soc } => {
            let v = engine.occupation(&soc).await?;
            if g.json {
                return output::json(&v);
            }
            println!("{} {} ({})", v.soc, v.title, v.level);
            if let Some(w) = &v.wages {
                println!(
                    "  median annual wage {} (p10 {}, p90 {}), employment {}; {}, {}, {}",
                    w.formatted("median"),
                    w.formatted("p10"),
                    w.formatted("p90"),
                    w.employment
                        .map(|e| format!("{e:.0}"))
                        .unwrap_or_else(|| "n/a".into()),
                    w.source,
                    w.area,
                    w.window
                );
            }
            if let Some(z) = &v.job_zone {
                println!("  job zone {}: {}", z.zone, z.name);
            }
            println!("  {} linked credential(s)", v.credentials.len());
            Ok(())
        }
        Command::Classify { id, all } => classify(&engine, id, all, g.json).await,
        Command::Compare { ids } => {
            let views = engine.compare(&ids).await?;
            if g.json {
                return output::json(&views);
            }
            for row in credence_engine::comparison_table(&views) {
                println!("{:<16} {}", row.label, row.cells.join(" | "));
            }
            Ok(())
        }
        Command::Demand(cmd) => crate::demand::run(&engine, cmd, &bars, g.json).await,
        Command::Outcomes(cmd) => crate::outcomes::run(&engine, cmd, g.json).await,
        Command::Eligible {
            person,
            id,
            condition,
        } => {
            crate::path::eligible(
                &engine,
                &person,
                id.as_deref(),
                condition.as_deref(),
                g.json,
            )
            .await
        }
        Command::Path(cmd) => crate::path::run(&engine, cmd, g.json).await,
        Command::Value(cmd) => crate::value::run(&engine, cmd, g.json).await,
        Command::Resolve => {
            let resolution = engine.resolution();
            if g.json {
                return output::json(&*resolution);
            }
            for cluster in resolution.clusters.iter().filter(|c| c.members.len() > 1) {
                println!("{} ⇐ {}", cluster.canonical, cluster.members.join(", "));
            }
            for link in &resolution.links {
                println!(
                    "  {} = {} ({:.2}): {}",
                    link.a, link.b, link.confidence, link.reason
                );
            }
            Ok(())
        }
        Command::History { id } => {
            let entries = engine.history(&id).await?;
            if g.json {
                return output::json(&entries);
            }
            for e in &entries {
                let v = &e.version;
                println!(
                    "version {} at {} from {}",
                    v.version, v.recorded_at, v.source_file
                );
                for c in &e.changes {
                    let show = |x: &Option<String>| x.clone().unwrap_or_else(|| "(absent)".into());
                    println!("  {}: {} → {}", c.field, show(&c.before), show(&c.after));
                }
            }
            Ok(())
        }
        Command::Export(ExportCommand::Ctdl { ids, all, out }) => {
            if ids.is_empty() && !all {
                return Err(EngineError::Invalid("name record ids or pass --all".into()).into());
            }
            let doc = engine
                .export_ctdl(if all { None } else { Some(&ids) })
                .await?;
            let text = serde_json::to_string_pretty(&doc)?;
            match out {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("cannot write `{}`", path.display()))?,
                None => println!("{text}"),
            }
            Ok(())
        }
        Command::Serve { addr } => serve(engine, &addr).await,
        Command::Demo { addr, no_serve } => {
            init(&engine, &bars, g.json).await?;
            let reports = engine.load_demo_records(&bars).await?;
            print_imports(&reports, g.json, g.quiet)?;
            if no_serve {
                return Ok(());
            }
            serve(engine, &addr).await
        }
        Command::Status => status(&engine, g.json).await,
        Command::Bench(a) => crate::commands::bench(&engine, a.queries, g.json).await,
    }
}

async fn init(engine: &Engine, bars: &Bars, json: bool) -> anyhow::Result<()> {
    let report = engine.init(bars).await?;
    if json {
        return output::json(&report);
    }
    eprintln!(
        "reference data: {} file(s), {} row(s){}",
        report.files.len(),
        report.rows,
        if report.unchanged {
            " (unchanged since last load)"
        } else {
            ""
        }
    );
    Ok(())
}

async fn import_ctdl(
    engine: &Engine,
    paths: &[PathBuf],
    keep_going: bool,
    bars: &dyn Progress,
    (json, quiet): (bool, bool),
) -> anyhow::Result<()> {
    let result = engine
        .import_ctdl(paths, ImportOptions { keep_going }, bars)
        .await;
    finish_import(result, json, quiet)
}

async fn import_list(
    engine: &Engine,
    file: PathBuf,
    format: ListFormatArg,
    map: Option<String>,
    keep_going: bool,
    (json, quiet): (bool, bool),
) -> anyhow::Result<()> {
    let format = match format {
        ListFormatArg::NjIndustry => ListFormat::NjIndustry,
        ListFormatArg::NjLicense => ListFormat::NjLicense,
        ListFormatArg::Csv => {
            let spec = map.ok_or_else(|| {
                EngineError::Invalid("--format csv needs --map id=COL,name=COL,…".into())
            })?;
            ListFormat::Csv(Box::new(
                credence_engine::ListMapping::parse(&spec).map_err(EngineError::from)?,
            ))
        }
    };
    let result = engine
        .import_list(&file, &format, ImportOptions { keep_going })
        .await
        .map(|r| vec![r]);
    finish_import(result, json, quiet)
}

/// Prints reports; on a rejected file prints every diagnostic before failing.
fn finish_import(
    result: Result<Vec<FileImport>, EngineError>,
    json: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    match result {
        Ok(reports) => print_imports(&reports, json, quiet),
        Err(EngineError::Rejected { file, diagnostics }) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            Err(EngineError::Rejected { file, diagnostics }.into())
        }
        Err(e) => Err(e.into()),
    }
}

fn print_imports(reports: &[FileImport], json: bool, quiet: bool) -> anyhow::Result<()> {
    if json {
        return output::json(&reports);
    }
    if quiet {
        return Ok(());
    }
    for r in reports {
        for d in &r.diagnostics {
            eprintln!("{d}");
        }
        eprintln!(
            "{}: {} record(s) read, {} new, {} updated, {} unchanged, {} rejected, {} warning(s)",
            r.file,
            r.records,
            r.stats.inserted,
            r.stats.updated,
            r.stats.unchanged,
            r.rejected,
            r.warnings
        );
    }
    Ok(())
}

async fn show(engine: &Engine, id: &str, json: bool) -> anyhow::Result<()> {
    let v = engine.credential(id).await?;
    if json {
        return output::json(&v);
    }
    let r = &v.record;
    println!("{}", r.name);
    println!(
        "  type:      {}{}",
        v.type_label,
        if r.classified {
            ""
        } else {
            " (not yet classified)"
        }
    );
    println!("  id:        {}", r.id);
    println!("  status:    {}", r.lifecycle.as_str());
    if !v.issuers.is_empty() {
        println!("  issuer:    {}", v.issuers.join(", "));
    }
    for qa in &v.quality_assurance {
        println!("  {}: {}", qa.role, qa.name);
    }
    for c in &r.costs {
        println!(
            "  cost:      {} {}",
            c.amount
                .map(|a| format!("{a:.2}"))
                .unwrap_or_else(|| "?".into()),
            c.kind.as_deref().or(c.description.as_deref()).unwrap_or("")
        );
    }
    for o in &v.occupations {
        let median = o
            .wages
            .as_ref()
            .map(|w| w.formatted("median"))
            .unwrap_or_else(|| "no wage data".into());
        println!(
            "  leads to:  {} {} (median {median}; {})",
            o.soc, o.title, o.via
        );
    }
    println!(
        "  source:    {} ({}, {})",
        r.provenance.source, r.provenance.file, r.provenance.pointer
    );
    Ok(())
}

async fn serve(engine: Engine, addr: &str) -> anyhow::Result<()> {
    let addr: SocketAddr = addr
        .parse()
        .map_err(|_| EngineError::Invalid(format!("`{addr}` is not HOST:PORT")))?;
    credence_server::serve(Arc::new(engine), addr, |bound| {
        println!("credence is serving on http://{bound}/  (API: http://{bound}/api/openapi.json; Ctrl-C stops)");
    })
    .await
    .with_context(|| format!("cannot serve on {addr}"))
}

async fn status(engine: &Engine, json: bool) -> anyhow::Result<()> {
    let s = engine.status().await?;
    if json {
        return output::json(&s);
    }
    println!("database: {:?}", engine.store().backend());
    for (class, n) in &s.records {
        println!("  {class:<22} {n}");
    }
    println!("reference files:");
    for f in &s.reference_files {
        println!(
            "  {:<28} {} sha256 {}…  {}",
            f.name,
            f.vintage,
            &f.sha256.get(..12).unwrap_or(""),
            f.license
        );
    }
    if !s.recent_diagnostics.is_empty() {
        println!("recent import findings:");
        for d in &s.recent_diagnostics {
            println!("  {d}");
        }
    }
    Ok(())
}

/// `credence bench`: see docs/benchmarks.md.
pub async fn bench(engine: &Engine, queries: usize, json: bool) -> anyhow::Result<()> {
    let report = engine.bench(queries).await?;
    if json {
        return output::json(&report);
    }
    println!("{report}");
    Ok(())
}

async fn classify(
    engine: &Engine,
    id: Option<String>,
    all: bool,
    json: bool,
) -> anyhow::Result<()> {
    let calls = match (id, all) {
        (Some(id), _) => vec![engine.classify(&id).await?],
        (None, true) => engine.classify_all().await?,
        (None, false) => {
            return Err(EngineError::Invalid("name a record id or pass --all".into()).into())
        }
    };
    if json {
        return output::json(&calls);
    }
    let single = calls.len() == 1;
    for c in &calls {
        let k = &c.classification;
        let flag = match (&c.mislabel, &c.proposal) {
            (Some(m), _) => format!("  MISLABEL? declared {}: {}", m.declared.as_str(), m.reason),
            (None, Some(p)) => format!("  proposed: {}", p.proposed.as_str()),
            _ => String::new(),
        };
        println!(
            "{:<14} {:>4.0}%  {}  [{}]{flag}",
            k.call.as_str(),
            k.confidence * 100.0,
            c.name,
            c.id
        );
        if single {
            for f in &k.features {
                let evidence: Vec<String> = f
                    .evidence
                    .iter()
                    .map(|e| {
                        format!(
                            "{} \"{}\" → {}",
                            e.source_field,
                            e.span,
                            e.points_to.as_str()
                        )
                    })
                    .collect();
                let text = if evidence.is_empty() {
                    "no evidence".to_string()
                } else {
                    evidence.join("; ")
                };
                println!("  {:<34} {text}", f.title);
            }
            for m in &k.missing {
                println!("  missing: {m}");
            }
        }
    }
    Ok(())
}
