//! `credence value …`: credentials of value — list import, supply-vs-demand reports under a
//! value framework (text, JSON, CSV or print-ready HTML), the shipped frameworks, one credential's tier.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use credence_engine::value_model::list::ListFieldMap;
use credence_engine::{
    Baseline, Engine, EngineError, ValueListFormat, ValueListSource, ValueReport, ValueRequest,
};

use crate::output;

/// Value subcommands.
#[derive(Debug, Subcommand)]
pub enum ValueCommand {
    /// Supply vs demand and tiers for a credential list under a value framework.
    Report(ReportArgs),
    /// The shipped value frameworks with their published sources.
    Frameworks,
    /// One credential's tier under a framework, with per-criterion evidence and value for money.
    Tier {
        /// Registry id or CTID.
        id: String,
        /// Preset id (see `credence value frameworks`) or a framework TOML file.
        #[arg(long, default_value = "credentials-matter")]
        framework: String,
        /// Region of the demand figures (`US-NJ`).
        #[arg(long)]
        region: Option<String>,
        /// High-school-graduate median annual earnings to compare with, and its source (`46800:BLS CPS 2024`).
        #[arg(long)]
        hs_baseline: Option<String>,
    },
    /// Import a credential list under a name so reports can use it by name.
    Import {
        /// CSV or XLSX file.
        file: PathBuf,
        /// Layout.
        #[arg(long, value_enum, default_value = "csv")]
        format: ValueListFormatArg,
        /// Field mapping for `csv`: `name=COL,id=COL,issuer=COL,awards=COL,year=COL,cluster=COL,soc=COL`.
        #[arg(long)]
        map: Option<String>,
        /// Name to store it under (default: the file name without extension).
        #[arg(long)]
        name: Option<String>,
    },
}

/// List layouts for value reports.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ValueListFormatArg {
    /// New Jersey ETPL industry-credential table.
    NjIndustry,
    /// Any CSV or XLSX with `--map`.
    Csv,
}

/// `credence value report` options.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A list file (CSV/XLSX) or the name of an imported list.
    pub list: String,
    /// Layout of a list file.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ValueListFormatArg,
    /// Field mapping for `csv`: `name=COL,id=COL,issuer=COL,awards=COL,year=COL,cluster=COL,soc=COL`.
    #[arg(long)]
    pub map: Option<String>,
    /// Preset id or framework TOML file.
    #[arg(long, default_value = "credentials-matter")]
    pub framework: String,
    /// Region of the demand figures (`US-NJ`); also picks the state's in-demand list.
    #[arg(long)]
    pub region: Option<String>,
    /// First month of postings (`2023-01`).
    #[arg(long)]
    pub from: Option<String>,
    /// Last month of postings (`2024-12`).
    #[arg(long)]
    pub to: Option<String>,
    /// Only list rows of this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// In-demand occupation list (CSV with a SOC column).
    #[arg(long)]
    pub in_demand: Option<PathBuf>,
    /// Suppress shares whose denominator is below this.
    #[arg(long, default_value_t = 10)]
    pub min_cell: u64,
    /// High-school-graduate median annual earnings and its source (`46800:BLS CPS 2024`).
    #[arg(long)]
    pub hs_baseline: Option<String>,
    /// Output as CSV rows.
    #[arg(long, conflicts_with = "html")]
    pub csv: bool,
    /// Output as print-ready HTML.
    #[arg(long)]
    pub html: bool,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

fn baseline(spec: Option<&str>) -> anyhow::Result<Option<Baseline>> {
    let Some(spec) = spec else { return Ok(None) };
    let (value, source) = spec
        .split_once(':')
        .unwrap_or((spec, "supplied on the command line"));
    let annual: f64 = value.trim().parse().map_err(|_| {
        EngineError::Invalid(format!("--hs-baseline `{spec}`: expected DOLLARS:SOURCE"))
    })?;
    Ok(Some(Baseline {
        annual,
        source: source.trim().to_string(),
    }))
}

fn list_format(format: ValueListFormatArg, map: Option<&str>) -> anyhow::Result<ValueListFormat> {
    Ok(match format {
        ValueListFormatArg::NjIndustry => ValueListFormat::NjIndustry,
        ValueListFormatArg::Csv => {
            let spec = map.ok_or_else(|| {
                EngineError::Invalid("--format csv needs --map name=COLUMN,…".into())
            })?;
            ValueListFormat::Mapped(ListFieldMap::parse(spec).map_err(EngineError::Invalid)?)
        }
    })
}

/// Runs one value subcommand.
pub async fn run(engine: &Engine, cmd: ValueCommand, json: bool) -> anyhow::Result<()> {
    match cmd {
        ValueCommand::Frameworks => {
            let all = engine.value_frameworks()?;
            if json {
                return output::json(&all);
            }
            for f in all {
                println!("{} — {}", f.id, f.name);
                println!(
                    "  source: {} ({}){}",
                    f.source,
                    f.vintage,
                    f.url.map(|u| format!(" {u}")).unwrap_or_default()
                );
                for (id, label, src) in &f.criteria {
                    println!("  · {id}: {label} [{src}]");
                }
                println!("  tiers: {}", f.tiers.join(" › "));
            }
            Ok(())
        }
        ValueCommand::Import {
            file,
            format,
            map,
            name,
        } => {
            let fmt = list_format(format, map.as_deref())?;
            let r = engine
                .value_import_list(&file, &fmt, name.as_deref())
                .await?;
            if json {
                return output::json(&r);
            }
            println!(
                "{}: {} entries stored as `{}`",
                file.display(),
                r.entries,
                r.name
            );
            for d in &r.diagnostics {
                eprintln!("  {d}");
            }
            Ok(())
        }
        ValueCommand::Tier {
            id,
            framework,
            region,
            hs_baseline,
        } => {
            let v = engine
                .value_tier(
                    &id,
                    &framework,
                    region.as_deref(),
                    baseline(hs_baseline.as_deref())?,
                )
                .await?;
            if json {
                return output::json(&v);
            }
            println!("{} — {}", v.result.credential_name, v.framework.name);
            println!(
                "tier: {} ({})",
                v.result.tier.as_deref().unwrap_or("insufficient evidence"),
                v.result.reason
            );
            for c in &v.result.criteria {
                println!("  [{}] {}: {}", c.verdict.label(), c.label, c.detail);
            }
            print_money(&v.money);
            Ok(())
        }
        ValueCommand::Report(args) => report(engine, args, json).await,
    }
}

async fn report(engine: &Engine, a: ReportArgs, json: bool) -> anyhow::Result<()> {
    let path = PathBuf::from(&a.list);
    let source = if path.is_file() {
        ValueListSource::File {
            path,
            format: list_format(a.format, a.map.as_deref())?,
        }
    } else {
        ValueListSource::Imported(a.list.clone())
    };
    let mut req = ValueRequest::new(source, &a.framework);
    req.region = a.region.clone();
    req.from = a.from.clone();
    req.to = a.to.clone();
    req.year = a.year;
    req.in_demand = a.in_demand.clone();
    req.min_cell = a.min_cell;
    req.hs_baseline = baseline(a.hs_baseline.as_deref())?;
    let r = engine.value_report(&req).await?;
    let text = if json {
        serde_json::to_string_pretty(&r)?
    } else if a.csv {
        csv_rows(&r)?
    } else if a.html {
        credence_server::value_report_html(&r).map_err(|e| EngineError::Internal(e.to_string()))?
    } else {
        text_report(&r)
    };
    match &a.out {
        Some(p) => std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

fn text_report(r: &ValueReport) -> String {
    let s = &r.supply;
    let mut t = String::new();
    let window = match &r.window {
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "no dated postings".into(),
    };
    t.push_str(&format!(
        "{} — {} entries ({} matched to the registry), framework {}\n",
        r.list.name, s.listed, s.matched, r.framework.name
    ));
    t.push_str(&format!(
        "region {}, postings {window}, {} distinct postings\n",
        r.region.as_deref().unwrap_or("all"),
        r.sample_postings
    ));
    t.push_str(&format!(
        "share requested: {}\n",
        s.share_requested.display()
    ));
    if let Some(x) = &s.share_awards_requested {
        t.push_str(&format!("share of awards requested: {}\n", x.display()));
    }
    match &r.in_demand {
        Some(d) => t.push_str(&format!(
            "share aligned: {} (list: {}, {} SOCs)\n",
            s.share_aligned.display(),
            d.source,
            d.socs
        )),
        None => {
            t.push_str("share aligned: no in-demand list for this region (give --in-demand FILE)\n")
        }
    }
    if let Some(x) = &s.share_awards_aligned {
        t.push_str(&format!("share of awards aligned: {}\n", x.display()));
    }
    if let Some(x) = &s.awards_mismatch {
        t.push_str(&format!("awards-weighted mismatch: {}\n", x.display()));
    }
    t.push_str("tiers:\n");
    for (tier, n) in &r.tier_counts {
        t.push_str(&format!("  {n:>6}  {tier}\n"));
    }
    t.push_str("asked for by employers, not on the list:\n");
    for a in s.asked_not_listed.iter().take(15) {
        t.push_str(&format!("  {:>7}  {} ({})\n", a.postings, a.name, a.kind));
    }
    t.push_str(&format!(
        "unmatched entries (for review): {}\n",
        r.unmatched.len()
    ));
    for e in r.unmatched.iter().take(10) {
        t.push_str(&format!("  line {}: {}\n", e.line, e.name));
    }
    t.push_str("definitions:\n");
    for (k, v) in &r.methods {
        t.push_str(&format!("  {k}: {v}\n"));
    }
    t
}

fn csv_rows(r: &ValueReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "line",
        "name",
        "matched_id",
        "confidence",
        "postings",
        "requested",
        "aligned",
        "in_demand_socs",
        "linked_socs",
        "cluster",
        "awards",
        "tier",
    ])?;
    for (e, t) in r.supply.entries.iter().zip(&r.tiers) {
        w.write_record([
            e.line.to_string(),
            e.name.clone(),
            e.matched_id.clone().unwrap_or_default(),
            e.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
            e.postings.to_string(),
            (e.postings >= 1).to_string(),
            (!e.in_demand_socs.is_empty()).to_string(),
            e.in_demand_socs.join(" "),
            e.socs.join(" "),
            e.cluster.clone(),
            e.awards.map(|a| a.to_string()).unwrap_or_default(),
            t.tier
                .clone()
                .unwrap_or_else(|| "insufficient evidence".into()),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
    Ok(String::from_utf8(bytes)?)
}

fn print_money(m: &credence_engine::value_model::money::ValueForMoney) {
    println!("value for money:");
    let f = |x: &Option<credence_engine::value_model::Figure>| {
        x.as_ref().map_or("unknown".to_string(), |f| {
            format!("{:.0} ({})", f.value, f.source)
        })
    };
    println!("  cost to earn: {}", f(&m.cost_to_earn));
    println!("  renewal per year: {}", f(&m.renewal_per_year));
    if let Some(g) = &m.gain {
        let (lo, hi) = g
            .annual
            .interval
            .unwrap_or((g.annual.value, g.annual.value));
        println!(
            "  expected annual gain: ${:.0} [{lo:.0}, {hi:.0}] — {}",
            g.annual.value, g.method
        );
    }
    match &m.payback_years {
        Some(p) => println!(
            "  payback: {:.1} years{}",
            p.value,
            p.interval
                .map(|(a, b)| format!(" [{a:.1}, {b:.1}]"))
                .unwrap_or_default()
        ),
        None => println!("  payback: not computed"),
    }
    for n in &m.net {
        println!(
            "  net over {} years: ${:.0}{}",
            n.years,
            n.value,
            n.interval
                .map(|(a, b)| format!(" [{a:.0}, {b:.0}]"))
                .unwrap_or_default()
        );
    }
    for x in &m.missing {
        println!("  missing: {x}");
    }
    for x in &m.notes {
        println!("  note: {x}");
    }
}
