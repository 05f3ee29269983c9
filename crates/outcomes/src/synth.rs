//! A seeded generator of participants (PIRL-numbered CSV) and LEHD-style wage histories (one row
//! per person × employer × quarter) that knows its ground truth, written apart from the data.
//!
//! The model, in quarterly dollars (see docs/outcomes.md for why it is shaped this way):
//! * a latent ability `a ~ N(0,1)` raises both the chance of earning the credential
//!   (logistic in `a`) and the person's wage level (`base = 4500 + 1200·a + group terms + noise`),
//!   so holders would out-earn non-holders even without the credential;
//! * a person works in a quarter with probability 0.78 (zero-earning gaps otherwise); 12% of
//!   working quarters add a second employer; earnings are `base + season + trend + noise`;
//! * earnings dip by $1,500 in the two quarters before programme entry (the pre-programme dip) and
//!   are 40% lower while in the programme;
//! * 6% of people work partly out of state, federally or self-employed: those quarters leave no UI
//!   wage row;
//! * holders gain `tau[credential][sex] · ramp(k)` dollars per quarter and 4 points of employment
//!   probability times `ramp(k)`, `ramp(k) = min(1, k/3)` for the k-th quarter after exit.
//!
//! The truth is the realized average effect on the treated, computed with common random numbers
//! (the same draws with and without the credential), on UI-covered earnings (what wage records can
//! show) and on all earnings.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, Float64Builder, Int32Builder, StringBuilder};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};

use crate::{OutcomesError, Quarter};

/// One credential the synthetic programmes lead to, with its true effect by sex.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SynthCredential {
    /// Registry id or CTID written to the `credential_id` column.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Programme CIP code (PIRL 1305).
    pub cip: String,
    /// Share of participants who are female.
    pub female_share: f64,
    /// True quarterly earnings gain at full ramp-up for women, dollars.
    pub tau_female: f64,
    /// True quarterly earnings gain at full ramp-up for men, dollars.
    pub tau_male: f64,
}

/// What to generate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SynthConfig {
    /// Seed: the same seed gives byte-identical files.
    pub seed: u64,
    /// Programme participants.
    pub participants: usize,
    /// Extra workers who never participated (wage rows only), to make wage files realistic in size.
    pub other_workers: usize,
    /// The credentials, each with its true effects.
    pub credentials: Vec<SynthCredential>,
    /// Write wage rows as CSV.
    pub wages_csv: bool,
    /// Write wage rows (and a participant cohort file) as Parquet.
    pub parquet: bool,
}

impl SynthConfig {
    /// Three built-in credentials with different true effects (nursing assistant, CDL, IT support).
    pub fn default_credentials() -> Vec<SynthCredential> {
        vec![
            SynthCredential {
                id: "synth-cna".into(),
                name: "Certified Nursing Assistant (synthetic)".into(),
                cip: "51.3902".into(),
                female_share: 0.85,
                tau_female: 700.0,
                tau_male: 500.0,
            },
            SynthCredential {
                id: "synth-cdl".into(),
                name: "Commercial Driver's License Class A (synthetic)".into(),
                cip: "49.0205".into(),
                female_share: 0.12,
                tau_female: 1200.0,
                tau_male: 1600.0,
            },
            SynthCredential {
                id: "synth-it".into(),
                name: "IT Support Professional Certificate (synthetic)".into(),
                cip: "11.1006".into(),
                female_share: 0.35,
                tau_female: 1000.0,
                tau_male: 900.0,
            },
        ]
    }

    /// A configuration with the built-in credentials.
    pub fn new(seed: u64, participants: usize) -> SynthConfig {
        SynthConfig {
            seed,
            participants,
            other_workers: 0,
            credentials: SynthConfig::default_credentials(),
            wages_csv: true,
            parquet: false,
        }
    }
}

/// The true effect for one credential and one group.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TrueEffect {
    /// Holders in the group.
    pub treated: usize,
    /// Average effect on the treated, mean quarterly UI-covered earnings over quarters 1–4 after exit.
    pub att_ui: f64,
    /// The same on all earnings (including uncovered work).
    pub att_all: f64,
}

/// The truth file: parameters and realized effects, never mixed with the generated data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Truth {
    /// The configuration that produced the files.
    pub config: SynthConfig,
    /// First and last quarter of the wage window.
    pub window: (String, String),
    /// Credential id → group (`all`, `sex=female`, `sex=male`) → effect.
    pub effects: BTreeMap<String, BTreeMap<String, TrueEffect>>,
    /// Wage rows written.
    pub wage_rows: u64,
}

/// First quarter of generated wage history.
pub const FIRST: Quarter = Quarter(2016 * 4);
/// Last quarter of generated wage history.
pub const LAST: Quarter = Quarter(2023 * 4 + 3);

const P_EMP: f64 = 0.78;
const DELTA_EMP: f64 = 0.04;
const DIP: f64 = 1500.0;

fn ramp(k: i32) -> f64 {
    (k as f64 / 3.0).clamp(0.0, 1.0)
}

struct WageWriter {
    csv: Option<csv::Writer<BufWriter<File>>>,
    parquet: Option<(parquet::arrow::ArrowWriter<File>, Arc<Schema>)>,
    cols: (
        StringBuilder,
        StringBuilder,
        StringBuilder,
        StringBuilder,
        Int32Builder,
        Int32Builder,
        Float64Builder,
    ),
    pending: usize,
    rows: u64,
}

fn io(file: &Path) -> impl Fn(std::io::Error) -> OutcomesError + '_ {
    move |source| OutcomesError::Io {
        file: file.display().to_string(),
        source,
    }
}

fn qerr(e: impl std::fmt::Display) -> OutcomesError {
    OutcomesError::Query(e.to_string())
}

/// The Arrow schema of generated wage Parquet files.
pub fn wage_schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("person_key", DataType::Utf8, false),
        Field::new("employer_id", DataType::Utf8, false),
        Field::new("naics", DataType::Utf8, false),
        Field::new("county", DataType::Utf8, false),
        Field::new("year", DataType::Int32, false),
        Field::new("quarter", DataType::Int32, false),
        Field::new("wage", DataType::Float64, false),
    ]))
}

fn parquet_props() -> parquet::file::properties::WriterProperties {
    parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build()
}

impl WageWriter {
    fn row(
        &mut self,
        person: &str,
        employer: &str,
        naics: &str,
        county: &str,
        q: Quarter,
        wage: f64,
    ) -> Result<(), OutcomesError> {
        let wage = (wage * 100.0).round() / 100.0;
        if let Some(w) = &mut self.csv {
            w.write_record([
                person,
                employer,
                naics,
                county,
                &q.year().to_string(),
                &q.number().to_string(),
                &format!("{wage:.2}"),
            ])
            .map_err(qerr)?;
        }
        if self.parquet.is_some() {
            self.cols.0.append_value(person);
            self.cols.1.append_value(employer);
            self.cols.2.append_value(naics);
            self.cols.3.append_value(county);
            self.cols.4.append_value(q.year());
            self.cols.5.append_value(q.number() as i32);
            self.cols.6.append_value(wage);
            self.pending += 1;
            if self.pending >= 262_144 {
                self.flush()?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), OutcomesError> {
        if let Some((w, schema)) = &mut self.parquet {
            if self.pending == 0 {
                return Ok(());
            }
            let c = &mut self.cols;
            let arrays: Vec<ArrayRef> = vec![
                Arc::new(c.0.finish()),
                Arc::new(c.1.finish()),
                Arc::new(c.2.finish()),
                Arc::new(c.3.finish()),
                Arc::new(c.4.finish()),
                Arc::new(c.5.finish()),
                Arc::new(c.6.finish()),
            ];
            let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(qerr)?;
            w.write(&batch).map_err(qerr)?;
            self.pending = 0;
        }
        Ok(())
    }
}

const COUNTIES: &[(&str, f64)] = &[
    ("34013", 0.16),
    ("34017", 0.13),
    ("34003", 0.12),
    ("34023", 0.11),
    ("34025", 0.09),
    ("34029", 0.08),
    ("34031", 0.07),
    ("34007", 0.07),
    ("34021", 0.06),
    ("34039", 0.05),
    ("34041", 0.03),
    ("34033", 0.02),
    ("34011", 0.01),
];

const RACES: &[(&str, f64)] = &[
    ("White", 0.52),
    ("Black/African American", 0.19),
    ("Hispanic/Latino", 0.18),
    ("Asian", 0.06),
    ("American Indian/Alaska Native", 0.02),
    ("Native Hawaiian/Pacific Islander", 0.01),
    ("two or more races", 0.02),
];

const NAICS: &[&str] = &[
    "622110", "623110", "484121", "484110", "541512", "518210", "722511", "445110", "561320",
    "236220",
];

fn pick<'a>(rng: &mut ChaCha8Rng, table: &'a [(&'a str, f64)]) -> &'a str {
    let mut u: f64 = rng.gen::<f64>() * table.iter().map(|t| t.1).sum::<f64>();
    for (v, w) in table {
        if u < *w {
            return v;
        }
        u -= w;
    }
    table[table.len() - 1].0
}

fn date_in(rng: &mut ChaCha8Rng, q: Quarter) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(q.year(), (q.number() - 1) * 3 + 1, 1)
        .expect("valid quarter start");
    start + Duration::days(rng.gen_range(0..90))
}

fn pirl_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Generates participants, wages and truth into `out_dir`, writing the truth to `truth_path`
/// (which should lie outside `out_dir`).
pub fn generate(
    config: &SynthConfig,
    out_dir: &Path,
    truth_path: &Path,
) -> Result<Truth, OutcomesError> {
    if config.credentials.is_empty() {
        return Err(OutcomesError::Invalid(
            "at least one credential is needed".into(),
        ));
    }
    std::fs::create_dir_all(out_dir).map_err(io(out_dir))?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let normal = Normal::new(0.0, 1.0).expect("unit normal");

    let p_path = out_dir.join("participants.csv");
    let mut pw =
        csv::Writer::from_writer(BufWriter::new(File::create(&p_path).map_err(io(&p_path))?));
    pw.write_record([
        "100",
        "101",
        "200",
        "201",
        "210",
        "211",
        "212",
        "213",
        "214",
        "215",
        "408",
        "900",
        "901",
        "1300",
        "1301",
        "1302",
        "1303",
        "1305",
        "1308",
        "1602",
        "1606",
        "1704",
        "1800",
        "1801",
        "credential_id",
        "region",
    ])
    .map_err(qerr)?;
    let w_csv = out_dir.join("wages.csv");
    let w_pq = out_dir.join("wages.parquet");
    let mut ww = WageWriter {
        csv: if config.wages_csv {
            Some(csv::Writer::from_writer(BufWriter::new(
                File::create(&w_csv).map_err(io(&w_csv))?,
            )))
        } else {
            None
        },
        parquet: if config.parquet {
            let schema = wage_schema();
            let f = File::create(&w_pq).map_err(io(&w_pq))?;
            Some((
                parquet::arrow::ArrowWriter::try_new(f, schema.clone(), Some(parquet_props()))
                    .map_err(qerr)?,
                schema,
            ))
        } else {
            None
        },
        cols: Default::default(),
        pending: 0,
        rows: 0,
    };
    if let Some(w) = &mut ww.csv {
        w.write_record([
            "person_key",
            "employer_id",
            "naics",
            "county",
            "year",
            "quarter",
            "wage",
        ])
        .map_err(qerr)?;
    }
    // Cohort file for the DataFusion/DuckDB query: person key, credential, entry and exit quarter.
    let mut cohort: Vec<(String, String, i32, i32)> = Vec::new();

    let mut sums: BTreeMap<String, BTreeMap<String, (usize, f64, f64)>> = BTreeMap::new();
    let total = config.participants + config.other_workers;
    for i in 0..total {
        let participant = i < config.participants;
        let id = format!("9{:08}", i + 1);
        let cred = &config.credentials[rng.gen_range(0..config.credentials.len())];
        let ability: f64 = normal.sample(&mut rng);
        let female = rng.gen::<f64>() < if participant { cred.female_share } else { 0.5 };
        let race = pick(&mut rng, RACES);
        let county = pick(&mut rng, COUNTIES).to_string();
        let age: i64 = 18 + (-(rng.gen::<f64>().max(1e-12)).ln() * 14.0).min(50.0) as i64;
        let base = (4500.0 + 1200.0 * ability - if female { 400.0 } else { 0.0 }
            + if age >= 25 { 500.0 } else { 0.0 }
            + 800.0 * normal.sample(&mut rng))
        .max(900.0);
        let partly_uncovered = rng.gen::<f64>() < 0.06;
        let entry = Quarter(FIRST.0 + 8 + rng.gen_range(0..16));
        let exit = entry.plus(rng.gen_range(0..3));
        let p_hold = 1.0 / (1.0 + (-(0.0 + 1.1 * ability)).exp());
        let holder = participant && rng.gen::<f64>() < p_hold;
        let tau = if female {
            cred.tau_female
        } else {
            cred.tau_male
        };
        let mut employer = format!("E{:05}", rng.gen_range(0..20_000));
        let mut naics = NAICS[rng.gen_range(0..NAICS.len())];
        let (mut gain_ui, mut gain_all) = (0.0, 0.0);
        let (mut emp_q2, mut emp_q4, mut wage_q2) = (false, false, 0.0);
        for t in FIRST.0..=LAST.0 {
            let q = Quarter(t);
            let u_emp: f64 = rng.gen();
            let noise = 600.0 * normal.sample(&mut rng);
            let u_second: f64 = rng.gen();
            let split = 0.55 + 0.3 * rng.gen::<f64>();
            let u_cover: f64 = rng.gen();
            if rng.gen::<f64>() < 0.08 {
                employer = format!("E{:05}", rng.gen_range(0..20_000));
                naics = NAICS[rng.gen_range(0..NAICS.len())];
            }
            let season = [-300.0, 0.0, 150.0, 250.0][(q.number() - 1) as usize];
            let mut level = base + season + 25.0 * (t - FIRST.0) as f64 + noise;
            if participant {
                if q == entry.plus(-1) || q == entry.plus(-2) {
                    level -= DIP;
                }
                if q >= entry && q <= exit {
                    level *= 0.6;
                }
            }
            let level = level.max(150.0);
            let k = t - exit.0;
            let (eff_emp, eff_wage) = if holder && k >= 1 {
                (DELTA_EMP * ramp(k), tau * ramp(k))
            } else {
                (0.0, 0.0)
            };
            let worked1 = u_emp < P_EMP + eff_emp;
            let worked0 = u_emp < P_EMP;
            let y1 = if worked1 { level + eff_wage } else { 0.0 };
            let y0 = if worked0 { level } else { 0.0 };
            let covered = !(partly_uncovered && u_cover < 0.5);
            if holder && (1..=4).contains(&k) {
                gain_all += (y1 - y0) / 4.0;
                if covered {
                    gain_ui += (y1 - y0) / 4.0;
                }
            }
            if participant && k == 2 {
                emp_q2 = worked1;
                wage_q2 = y1;
            }
            if participant && k == 4 {
                emp_q4 = worked1;
            }
            if worked1 && covered {
                if u_second < 0.12 {
                    let second = format!(
                        "E{:05}",
                        (employer[1..].parse::<u32>().unwrap_or(0) + 7919) % 20_000
                    );
                    ww.row(&id, &employer, naics, &county, q, y1 * split)?;
                    ww.row(&id, &second, "722511", &county, q, y1 * (1.0 - split))?;
                } else {
                    ww.row(&id, &employer, naics, &county, q, y1)?;
                }
            }
        }
        if !participant {
            continue;
        }
        if holder {
            let groups = sums.entry(cred.id.clone()).or_default();
            for g in [
                "all".to_string(),
                format!("sex={}", if female { "female" } else { "male" }),
            ] {
                let e = groups.entry(g).or_insert((0, 0.0, 0.0));
                e.0 += 1;
                e.1 += gain_ui;
                e.2 += gain_all;
            }
        }
        let entry_date = date_in(&mut rng, entry);
        let mut exit_date = date_in(&mut rng, exit);
        if exit_date < entry_date {
            exit_date = entry_date;
        }
        let dob = entry_date - Duration::days(age * 365 + rng.gen_range(0..360));
        let race_flags: Vec<&str> = match race {
            "Hispanic/Latino" => vec![
                "1",
                "0",
                "0",
                "0",
                "0",
                if rng.gen::<bool>() { "1" } else { "0" },
            ],
            "two or more races" => vec!["0", "0", "0", "1", "0", "1"],
            r => {
                let pos = [
                    "American Indian/Alaska Native",
                    "Asian",
                    "Black/African American",
                    "Native Hawaiian/Pacific Islander",
                    "White",
                ]
                .iter()
                .position(|x| *x == r)
                .unwrap_or(4);
                let mut v = vec!["0"; 6];
                v[pos + 1] = "1";
                v
            }
        };
        let education = ["1", "1", "2", "4", "4", "5", "6", "7"][rng.gen_range(0..8)];
        let (ctype, cdate) = if holder {
            let cq = exit.plus(rng.gen_range(0..2));
            (
                "6".to_string(),
                pirl_date(date_in(&mut rng, cq).max(entry_date)),
            )
        } else {
            (String::new(), String::new())
        };
        let mut row: Vec<String> = vec![
            id.clone(),
            "NJ".into(),
            pirl_date(dob),
            if female { "2".into() } else { "1".into() },
        ];
        row.extend(race_flags.iter().map(|s| s.to_string()));
        row.extend([
            education.to_string(),
            pirl_date(entry_date),
            pirl_date(exit_date),
            "1".into(),
            "Synthetic Training Provider".into(),
            pirl_date(entry_date),
            // Type of training service: occupational skills training.
            "6".into(),
            cred.cip.replace('.', ""),
            pirl_date(exit_date),
            if emp_q2 { "1".into() } else { "0".into() },
            if emp_q4 { "1".into() } else { "0".into() },
            format!("{wage_q2:.2}"),
            ctype,
            cdate,
            cred.id.clone(),
            county.clone(),
        ]);
        pw.write_record(&row).map_err(qerr)?;
        if config.parquet {
            cohort.push((id, cred.id.clone(), entry.0, exit.0));
        }
    }
    pw.flush().map_err(io(&p_path))?;
    if let Some(mut w) = ww.csv.take() {
        w.flush().map_err(io(&w_csv))?;
    }
    ww.flush()?;
    if let Some((w, _)) = ww.parquet.take() {
        w.close().map_err(qerr)?;
    }
    if config.parquet {
        write_cohort(&out_dir.join("cohort.parquet"), &cohort)?;
    }
    let effects = sums
        .into_iter()
        .map(|(c, groups)| {
            let g = groups
                .into_iter()
                .map(|(g, (n, ui, all))| {
                    (
                        g,
                        TrueEffect {
                            treated: n,
                            att_ui: ui / n as f64,
                            att_all: all / n as f64,
                        },
                    )
                })
                .collect();
            (c, g)
        })
        .collect();
    let truth = Truth {
        config: config.clone(),
        window: (FIRST.to_string(), LAST.to_string()),
        effects,
        wage_rows: ww.rows,
    };
    if let Some(dir) = truth_path.parent() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let text = serde_json::to_string_pretty(&truth).map_err(qerr)?;
    std::fs::write(truth_path, text).map_err(io(truth_path))?;
    Ok(truth)
}

fn write_cohort(path: &Path, rows: &[(String, String, i32, i32)]) -> Result<(), OutcomesError> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("person_key", DataType::Utf8, false),
        Field::new("credential_id", DataType::Utf8, false),
        Field::new("entry_q", DataType::Int32, false),
        Field::new("exit_q", DataType::Int32, false),
    ]));
    let f = File::create(path).map_err(io(path))?;
    let mut w = parquet::arrow::ArrowWriter::try_new(f, schema.clone(), Some(parquet_props()))
        .map_err(qerr)?;
    for chunk in rows.chunks(262_144) {
        let mut a = StringBuilder::new();
        let mut b = StringBuilder::new();
        let mut c = Int32Builder::new();
        let mut d = Int32Builder::new();
        for (p, cr, e, x) in chunk {
            a.append_value(p);
            b.append_value(cr);
            c.append_value(*e);
            d.append_value(*x);
        }
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(a.finish()),
            Arc::new(b.finish()),
            Arc::new(c.finish()),
            Arc::new(d.finish()),
        ];
        w.write(&RecordBatch::try_new(schema.clone(), arrays).map_err(qerr)?)
            .map_err(qerr)?;
    }
    w.close().map_err(qerr)?;
    Ok(())
}

/// Writes any text lines to a file (used by tests for hostile fixtures).
pub fn write_lines(path: &Path, lines: &[&str]) -> Result<(), OutcomesError> {
    let mut f = BufWriter::new(File::create(path).map_err(io(path))?);
    for l in lines {
        writeln!(f, "{l}").map_err(io(path))?;
    }
    f.flush().map_err(io(path))
}
