//! Command-line definitions: every flag is documented here, and `--help` is generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// credence: which credentials are worth earning, with evidence.
#[derive(Debug, Parser)]
#[command(name = "credence", version, about, long_about = None)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Database: a SQLite file path or sqlite:// URL (embedded default), or a postgres:// URL.
    #[arg(
        long,
        global = true,
        env = "CREDENCE_DB",
        default_value = "credence.db"
    )]
    pub db: String,
    /// Directory of public reference data (SOC, O*NET, OEWS, CTDL…); see docs/data.md.
    #[arg(
        long,
        global = true,
        env = "CREDENCE_DATA",
        default_value = "../shared/data"
    )]
    pub data: PathBuf,
    /// Reviewable identity decisions (CSV `a_id,b_id,decision,reason`; decision `same` or `different`).
    #[arg(long, global = true, env = "CREDENCE_OVERRIDES")]
    pub overrides: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// More log output (-v, -vv).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr; no progress bars.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the reference data (SOC, O*NET, CIP, NAICS, OEWS) into the store; safe to repeat.
    Init,
    /// Import records into the registry.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Search credentials by name, acronym, issuer or description.
    Search(SearchArgs),
    /// Show one credential with its evidence.
    Show {
        /// CTID (any spelling) or local id such as `nj-license-816`.
        id: String,
    },
    /// Show one occupation: wages, job zone, related occupations, linked credentials.
    Occupation {
        /// SOC 2018 or O*NET-SOC code.
        soc: String,
    },
    /// What kind of credential it is (certificate, certification, license, badge, degree), with
    /// the evidence for each of the twelve defining features, and any contradiction with its declared type.
    Classify {
        /// Record id or CTID.
        id: Option<String>,
        /// Classify every credential in the store.
        #[arg(long, conflicts_with = "id")]
        all: bool,
    },
    /// Two to four credentials side by side: type and evidence, issuer, quality, prerequisites,
    /// cost, duration, renewal, occupations with wages.
    Compare {
        /// Record ids or CTIDs (2 to 4).
        #[arg(num_args = 2..=4, required = true)]
        ids: Vec<String>,
    },
    /// Credentials that are the same under different names or sources: clusters with a canonical
    /// record, same-as links with a confidence and the reason.
    Resolve,
    /// Every version of a record: when, from which file, and which fields changed.
    History {
        /// Record id or CTID.
        id: String,
    },
    /// Export records.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Serve the web UI and the HTTP API.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Load everything from the data directory and serve the UI: the one-command tour.
    Demo {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Load the data and exit without serving (for scripts and tests).
        #[arg(long)]
        no_serve: bool,
    },
    /// What is loaded: record counts, reference files with checksums and licenses, recent import problems.
    Status,
    /// Measure search latency and import throughput against named peers; prints ratios.
    Bench(BenchArgs),
    /// Employer demand: which credentials job postings ask for, how firmly, where and when.
    #[command(subcommand)]
    Demand(DemandCommand),
    /// Outcomes: what happened to people's jobs and earnings after earning a credential, by group, with privacy.
    #[command(subcommand)]
    Outcomes(crate::outcomes::OutcomesCommand),
    /// May this person go for this credential? Which alternative of its prerequisites they meet,
    /// and what is missing for each of the others, in plain language.
    Eligible {
        /// The person's profile (TOML: education, experience, credentials with dates, age).
        person: PathBuf,
        /// Credential id or CTID.
        #[arg(required_unless_present = "condition")]
        id: Option<String>,
        /// Check an authored requirement instead of a credential's, in the text form
        /// (`experience 3 years in "logistics" OR education bachelor`); `@FILE` reads it from a file.
        #[arg(long, conflicts_with = "id")]
        condition: Option<String>,
    },
    /// Pathways: plan the cheapest, fastest and Pareto paths to a credential or occupation,
    /// recommend next steps, show a credential's pathway, import credit rules, benchmark.
    #[command(subcommand)]
    Path(crate::path::PathCommand),
    /// Credentials of value: supply vs demand for a list, value frameworks, tiers, value for money.
    #[command(subcommand)]
    Value(crate::value::ValueCommand),
}

/// Where postings come from and how to read them.
#[derive(Debug, Args)]
pub struct PostingInput {
    /// JSONL or CSV files, plain or gzip.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Field mapping, e.g. `id=job_id,title=job_title,text=description+qualifications,location=city,date=posted,employer=company,soc=soc_code`.
    #[arg(long)]
    pub map: Option<String>,
    /// Input format when the file name does not tell (`jsonl`, `csv`, `tsv`).
    #[arg(long)]
    pub format: Option<String>,
    /// Write rejected records (file, line, reason, excerpt) as JSONL to this file.
    #[arg(long)]
    pub quarantine: Option<PathBuf>,
    /// Stop at the first rejected record instead of counting and going on.
    #[arg(long)]
    pub strict: bool,
    /// Largest record accepted, in bytes.
    #[arg(long, default_value_t = 4 << 20)]
    pub max_record_bytes: usize,
}

/// Demand subcommands.
#[derive(Debug, Subcommand)]
pub enum DemandCommand {
    /// Write one JSON line per input posting, in input order, with every credential mention
    /// (code point offsets into the text field, credential, kind, level).
    Extract {
        /// Postings to read.
        #[command(flatten)]
        input: PostingInput,
        /// Output file (`-` for stdout).
        #[arg(long, default_value = "-")]
        out: PathBuf,
    },
    /// Count postings into the database: mentions, occupations, regions, months, duplicates.
    Ingest {
        /// Postings to read.
        #[command(flatten)]
        input: PostingInput,
        /// Months either side of each file's first and last month whose postings, counted by
        /// earlier ingests, are checked for reposts (`all` for every stored fingerprint).
        #[arg(long, default_value = "6")]
        dedup_window: String,
    },
    /// Demand for one credential: monthly series with forecast, required vs preferred, top
    /// occupations, regions and employers.
    Show {
        /// Registry id, CTID or catalog id (e.g. `cdl`).
        id: String,
        /// Region: `US`, `US-CO`, `GB-ENG`.
        #[arg(long)]
        region: Option<String>,
    },
    /// Credentials employers ask for most, optionally in one occupation and region.
    Top {
        /// SOC code or prefix (`53-3032`, `29-`).
        #[arg(long)]
        soc: Option<String>,
        /// Region: `US`, `US-CO`, `GB-ENG`.
        #[arg(long)]
        region: Option<String>,
        /// How many rows.
        #[arg(long, default_value_t = 25)]
        limit: i64,
    },
    /// Score a mentions file against a truth file (overlap matching of spans): precision,
    /// recall and F1 per kind, and level accuracy.
    Score {
        /// Truth JSONL (`{"id":…,"mentions":[…]}` per line).
        truth: PathBuf,
        /// Predicted JSONL in the same shape (`credence demand extract` output).
        predicted: PathBuf,
    },
    /// Write every demand cell (credential × SOC × region × month, with the occupation
    /// denominator and share) to a Parquet file for DataFusion, DuckDB, Spark or pandas.
    Export {
        /// Output Parquet file.
        #[arg(long)]
        parquet: PathBuf,
    },
}

/// Import subcommands.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// CTDL JSON-LD files or directories (current @graph, 2018 and 2016 shapes, envelopes, arrays).
    Ctdl {
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Import the good records of a file and quarantine the bad ones (default: reject the file).
        #[arg(long)]
        keep_going: bool,
    },
    /// Exam blueprints: CSV `credential_id,domain,weight` or JSON; weights sum to 100 per credential.
    Blueprint {
        /// The CSV or JSON file.
        file: PathBuf,
    },
    /// A credential list: New Jersey tables or any CSV with a column mapping.
    List {
        /// The CSV file.
        file: PathBuf,
        /// Layout of the file.
        #[arg(long, value_enum)]
        format: ListFormatArg,
        /// Column mapping for `--format csv`: `id=COL,name=COL,type=COL,issuer=COL,soc=COL,cip=COL,description=COL,prefix=ID_PREFIX`.
        #[arg(long)]
        map: Option<String>,
        /// Import the good rows and quarantine the bad ones.
        #[arg(long)]
        keep_going: bool,
    },
}

/// List layouts.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormatArg {
    /// New Jersey ETPL industry credentials table.
    NjIndustry,
    /// New Jersey license table.
    NjLicense,
    /// Any CSV, with `--map`.
    Csv,
}

/// Search options.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Free text.
    #[arg(default_value = "")]
    pub query: String,
    /// Only this type (Certification, License, Certificate, Unclassified, …).
    #[arg(long = "type")]
    pub type_label: Option<String>,
    /// Only this SOC code (major group 29-0000 or detailed 29-1141).
    #[arg(long)]
    pub soc: Option<String>,
    /// Only this issuer.
    #[arg(long)]
    pub issuer: Option<String>,
    /// Only this state.
    #[arg(long)]
    pub state: Option<String>,
    /// How many results.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
}

/// Export subcommands.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// CTDL JSON-LD: the given records, or all with `--all`.
    Ctdl {
        /// Record ids.
        ids: Vec<String>,
        /// Export every record.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

/// Benchmark options.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Number of search queries to time.
    #[arg(long, default_value_t = 1000)]
    pub queries: usize,
}
