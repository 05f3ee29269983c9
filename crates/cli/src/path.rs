//! `credence eligible` and `credence path …`: eligibility, plans, next steps, pathway maps,
//! graph checks, credit rule import and the planning benchmark.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use credence_engine::path::{Assumptions, PlanPath, Verdict};
use credence_engine::{Engine, EngineError};

use crate::output;

/// Pathway subcommands.
#[derive(Debug, Subcommand)]
pub enum PathCommand {
    /// Cheapest, fastest and Pareto (cost, time, wage) paths from a person to a target.
    Plan {
        /// The person's profile (TOML).
        #[arg(long)]
        from: PathBuf,
        /// Target: credential id or CTID, SOC code (`15-1212`) or SOC prefix (`15-12`), or `cip:NN.NNNN`.
        #[arg(long)]
        to: String,
        /// Cost assumed for a credential with no published price, USD.
        #[arg(long, default_value_t = Assumptions::default().credential_cost)]
        credential_cost: f64,
        /// Cost assumed for a program with no published price, USD.
        #[arg(long, default_value_t = Assumptions::default().program_cost)]
        program_cost: f64,
        /// Years assumed for a program with no published duration.
        #[arg(long, default_value_t = Assumptions::default().program_years)]
        program_years: f64,
    },
    /// Next steps open to a person now, ranked by wage gain per year of effort and regional demand.
    Next {
        /// The person's profile (TOML).
        person: PathBuf,
        /// Region for demand (`US-CO`, `GB`); defaults to the profile's `region`.
        #[arg(long)]
        region: Option<String>,
        /// How many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// The pathway around one credential: prerequisites, what it prepares for, occupations and wages.
    Map {
        /// Credential id or CTID.
        id: String,
        /// Mark the steps this person holds.
        #[arg(long)]
        person: Option<PathBuf>,
    },
    /// The whole graph: sizes, entry and exit points, cycles and dangling references.
    Check,
    /// Import credit rules (ACE-style recommendations, credit for prior learning) from CSV:
    /// `credential_id,institution,program_cip,credits,credit_type[,program_name,source]`.
    Credits {
        /// The CSV file.
        file: PathBuf,
        /// Store the good rows and report the bad ones (default: reject the file).
        #[arg(long)]
        keep_going: bool,
    },
    /// Time the planner against petgraph's Dijkstra on a generated graph (and the real registry).
    Bench {
        /// Nodes in the generated graph.
        #[arg(long, default_value_t = 100_000)]
        nodes: usize,
        /// Queries per graph.
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Generator seed.
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
}

fn years(y: f64) -> String {
    if y < 1.0 {
        format!("{:.1} months", y * 12.0)
    } else {
        format!("{y:.2} years")
    }
}

fn print_path(label: &str, p: &PlanPath) {
    println!(
        "{label}: ${:.0}, {}{}",
        p.cost,
        years(p.years),
        p.exit_wage
            .as_ref()
            .map(|w| format!(
                ", exit wage ${:.0} ({} {}; employment {})",
                w.median,
                w.source,
                w.soc,
                w.employment.map_or("n/a".into(), |e| format!("{e:.0}"))
            ))
            .unwrap_or_default()
    );
    for (i, s) in p.steps.iter().enumerate() {
        println!(
            "  {}. {} [{}] {}  ${:.0}, {}",
            i + 1,
            s.name,
            s.kind.as_str(),
            s.id,
            s.cost,
            years(s.years)
        );
        for n in &s.notes {
            println!("       - {n}");
        }
    }
}

/// `credence eligible PERSON.toml ID` or `credence eligible PERSON.toml --condition TEXT|@FILE`.
pub async fn eligible(
    engine: &Engine,
    person: &Path,
    id: Option<&str>,
    condition: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let p = engine.read_person(person)?;
    let v = match (id, condition) {
        (_, Some(text)) => {
            let (origin, text) = match text.strip_prefix('@') {
                Some(file) => (
                    file.to_string(),
                    std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?,
                ),
                None => ("--condition".to_string(), text.to_string()),
            };
            let requirement = credence_engine::path::parse_condition(&text)
                .with_context(|| format!("{origin}: the condition does not parse"))?;
            engine.eligible_for(&p, &requirement, &origin).await?
        }
        (Some(id), None) => engine.eligible(&p, id).await?,
        (None, None) => anyhow::bail!("give a credential id or --condition"),
    };
    if json {
        return output::json(&v);
    }
    let e = &v.eligibility;
    println!("{} ({})", v.name, v.id);
    println!("requirement: {}", e.condition);
    if let Some(why) = &e.contradiction {
        println!("CONTRADICTORY — nobody can meet this requirement: {why}");
    }
    match e.verdict {
        Verdict::Met => println!(
            "ELIGIBLE — satisfied by: {}",
            e.satisfied_by.as_deref().unwrap_or("no requirement")
        ),
        Verdict::NotMet => println!("NOT ELIGIBLE yet"),
        Verdict::Unknown => println!("POSSIBLY ELIGIBLE — confirm the text requirements below"),
    }
    for (i, a) in e.alternatives.iter().enumerate() {
        let mark = match a.check.verdict {
            Verdict::Met => "met",
            Verdict::NotMet => "not met",
            Verdict::Unknown => "to confirm",
        };
        println!("  option {}: {} — {mark}", i + 1, a.description);
        for m in &a.check.missing {
            println!("      missing: {m}");
        }
        for c in &a.check.to_confirm {
            println!("      confirm: {c}");
        }
    }
    if let Some(r) = &v.recommends {
        println!("recommended (not required): {r}");
    }
    println!("as of {}; source: {}", e.as_of, v.source);
    Ok(())
}

/// Runs one path subcommand.
pub async fn run(engine: &Engine, cmd: PathCommand, json: bool) -> anyhow::Result<()> {
    match cmd {
        PathCommand::Plan {
            from,
            to,
            credential_cost,
            program_cost,
            program_years,
        } => {
            for (name, v) in [
                ("--credential-cost", credential_cost),
                ("--program-cost", program_cost),
                ("--program-years", program_years),
            ] {
                if !v.is_finite() || v < 0.0 {
                    return Err(EngineError::Invalid(format!("{name} must be a number ≥ 0")).into());
                }
            }
            let person = engine.read_person(&from)?;
            let assumptions = Assumptions {
                credential_cost,
                program_cost,
                program_years,
                ..Assumptions::default()
            };
            let plan = engine.path_plan(&person, &to, &assumptions).await?;
            if json {
                return output::json(&plan);
            }
            println!(
                "plan to {} ({} target node(s)); {} steps considered, {} labels, {:.1} ms{}",
                plan.target,
                plan.targets.len(),
                plan.stats.steps,
                plan.stats.labels,
                plan.stats.micros as f64 / 1000.0,
                if plan.stats.truncated {
                    " — search capped, answers may not be optimal"
                } else {
                    ""
                }
            );
            match (&plan.cheapest, &plan.fastest) {
                (Some(c), Some(f)) => {
                    print_path("cheapest", c);
                    print_path("fastest", f);
                    println!(
                        "Pareto set (cost, time, exit wage): {} path(s)",
                        plan.pareto.len()
                    );
                    for (i, p) in plan.pareto.iter().enumerate() {
                        print_path(&format!("  pareto {}", i + 1), p);
                    }
                }
                _ => println!(
                    "no path found from this profile (see `credence eligible` for what is missing)"
                ),
            }
            println!(
                "assumed where unpublished: credential ${:.0} and {}, program ${:.0} and {}, credit worth ${:.0} and 1/{:.0} year each",
                plan.assumptions.credential_cost,
                years(plan.assumptions.credential_years),
                plan.assumptions.program_cost,
                years(plan.assumptions.program_years),
                plan.assumptions.cost_per_credit,
                plan.assumptions.credits_per_year
            );
            Ok(())
        }
        PathCommand::Next {
            person,
            region,
            limit,
        } => {
            let p = engine.read_person(&person)?;
            let steps = engine.path_next(&p, region.as_deref(), limit).await?;
            if json {
                return output::json(&steps);
            }
            if steps.is_empty() {
                println!("no open next steps found");
            }
            for (i, s) in steps.iter().enumerate() {
                println!(
                    "{}. {} [{}] {} — score {:.0}",
                    i + 1,
                    s.name,
                    s.kind.as_str(),
                    s.id,
                    s.score
                );
                for r in &s.reasons {
                    println!("     - {r}");
                }
            }
            Ok(())
        }
        PathCommand::Map { id, person } => {
            let p = match person {
                Some(f) => Some(engine.read_person(&f)?),
                None => None,
            };
            let map = engine.pathway_map(&id, p.as_ref()).await?;
            if json {
                return output::json(&map);
            }
            println!("{} ({})", map.name, map.id);
            let mut nodes = map.nodes.clone();
            nodes.sort_by_key(|n| n.layer);
            for n in &nodes {
                println!(
                    "  [{:+}] {}{} [{}] {}{}{}",
                    n.layer,
                    if n.held { "(held) " } else { "" },
                    n.name,
                    n.kind.as_str(),
                    n.id,
                    n.cost.map(|c| format!(" ${c:.0}")).unwrap_or_default(),
                    n.wage.map(|w| format!(" wage ${w:.0}")).unwrap_or_default()
                );
            }
            for e in &map.edges {
                println!("  {} —{}→ {}", e.from, e.kind, e.to);
            }
            for f in &map.findings {
                println!("  ! {f}");
            }
            Ok(())
        }
        PathCommand::Check => {
            let s = engine.pathway_check().await?;
            if json {
                return output::json(&s);
            }
            println!(
                "nodes: {}",
                s.nodes
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            println!(
                "edges: {}",
                s.edges
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            println!(
                "entry points {}, exit points {}",
                s.entry_points, s.exit_points
            );
            println!("cycles: {}", s.findings.cycles.len());
            for c in &s.findings.cycles {
                println!("  {}", c.join(" → "));
            }
            println!("dangling references: {}", s.findings.dangling.len());
            for d in &s.findings.dangling {
                println!("  {} {} → {}", d.from, d.property, d.target);
            }
            for d in &s.findings.diagnostics {
                println!(
                    "  {}: {}",
                    d.location.record.as_deref().unwrap_or(""),
                    d.message
                );
            }
            Ok(())
        }
        PathCommand::Credits { file, keep_going } => {
            let r = engine.import_credits(&file, keep_going).await;
            match r {
                Ok(r) => {
                    if json {
                        return output::json(&r);
                    }
                    println!("{}: {} credit rule(s) stored", r.file, r.rules);
                    for d in &r.diagnostics {
                        println!(
                            "  {} {} {}: {}",
                            d.location.file,
                            d.location.record.as_deref().unwrap_or(""),
                            d.location.field.as_deref().unwrap_or(""),
                            d.message
                        );
                    }
                    Ok(())
                }
                Err(EngineError::Rejected { file, diagnostics }) => {
                    for d in &diagnostics {
                        eprintln!(
                            "{} {} {}: {}",
                            d.location.file,
                            d.location.record.as_deref().unwrap_or(""),
                            d.location.field.as_deref().unwrap_or(""),
                            d.message
                        );
                    }
                    Err(EngineError::Rejected { file, diagnostics }.into())
                }
                Err(e) => Err(e.into()),
            }
        }
        PathCommand::Bench {
            nodes,
            queries,
            seed,
        } => {
            let today = credence_engine::today();
            let person = credence_engine::path::Person {
                education: credence_engine::path::EducationLevel::HighSchool,
                ..Default::default()
            };
            let t = std::time::Instant::now();
            let g = credence_engine::path::generated_graph(nodes, seed);
            let gen_ms = t.elapsed().as_secs_f64() * 1e3;
            let generated = credence_engine::path::bench::bench_graph(
                &format!("generated (seed {seed})"),
                &g,
                &person,
                today,
                queries,
                seed,
            );
            let t = std::time::Instant::now();
            let real = engine.pathway_graph().await?;
            let real_ms = t.elapsed().as_secs_f64() * 1e3;
            let registry = credence_engine::path::bench::bench_graph(
                "registry + reference data in this database",
                &real,
                &person,
                today,
                queries,
                seed,
            );
            if json {
                return output::json(&serde_json::json!({
                    "generate_ms": gen_ms, "registry_graph_ms": real_ms,
                    "results": [generated, registry]
                }));
            }
            println!("graph generation {gen_ms:.0} ms; registry graph build {real_ms:.0} ms");
            for b in [generated, registry] {
                println!("{b}");
            }
            Ok(())
        }
    }
}
