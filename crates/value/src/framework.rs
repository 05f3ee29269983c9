//! The value-framework format: a readable TOML file of criteria and tiers.
//!
//! ```toml
//! [framework]
//! id = "washington-etpl"
//! name = "Washington ETPL minimum performance"
//! source = "Washington Workforce Training and Education Coordinating Board"
//! url = "https://www.wtb.wa.gov/"
//! vintage = "2024"
//!
//! [[criteria]]
//! id = "completion"
//! kind = "completion_rate"
//! min = 0.30
//! source = "…"
//! vintage = "…"
//!
//! [[tiers]]
//! name = "Meets minimum performance"
//! requires = ["completion"]
//! ```
//!
//! Every criterion names a `kind` (a primitive or a combinator), its parameters, and — for
//! thresholds — the `source` and `vintage` of the figure. Tiers are tried in order; the first
//! whose `requires` all pass is the credential's tier; a tier with `requires = []` catches the
//! rest. Validation is strict: unknown keys or kinds, impossible thresholds (a rate above 1, a
//! negative wage, `k` larger than the list, min above max), dangling or cyclic references and
//! missing sources are rejected with file, line and field.

use std::collections::{BTreeMap, BTreeSet};

use credence_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::evidence::{FIGURE_NAMES, QUALITY_SIGNALS};
use crate::ValueError;

/// A whole framework: metadata, criteria and tiers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framework {
    /// Short id used on the command line (`indiana`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Who published the framework.
    pub source: String,
    /// Where it is published.
    pub url: Option<String>,
    /// Which edition the file follows.
    pub vintage: String,
    /// Remarks on how credence implements it (proxies, omissions).
    pub notes: Option<String>,
    /// Criteria in file order.
    pub criteria: Vec<Criterion>,
    /// Tiers, best first.
    pub tiers: Vec<Tier>,
    /// The file it was read from (`preset:indiana` for shipped presets).
    pub file: String,
}

/// One criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// Unique within the framework.
    pub id: String,
    /// What it says, in words.
    pub label: String,
    /// The test.
    pub primitive: Primitive,
    /// Source of the threshold (required for every primitive that is not a combinator).
    pub source: Option<String>,
    /// Vintage of the threshold.
    pub vintage: Option<String>,
    /// Line in the file.
    pub line: usize,
}

/// What a wage is compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum WageBasis {
    /// At least this many dollars an hour.
    AbsoluteHourly {
        /// Dollars per hour.
        value: f64,
    },
    /// At least this many dollars a year.
    AbsoluteAnnual {
        /// Dollars per year.
        value: f64,
    },
    /// At or above a percentile of all wages in the state or nation.
    PercentileAll {
        /// 10, 25, 50, 75 or 90.
        percentile: u8,
        /// `state` or `national`.
        area: Area,
    },
    /// At least a multiple of the state's or nation's all-occupation median.
    MultipleOfMedian {
        /// 1.0 = the median itself.
        multiple: f64,
        /// `state` or `national`.
        area: Area,
    },
    /// At least a multiple of high-school graduates' median earnings.
    MultipleOfHsMedian {
        /// 1.15 = 15% above.
        multiple: f64,
        /// `state` or `national`.
        area: Area,
    },
    /// At least a multiple of the region's living wage.
    LivingWage {
        /// 1.0 = the living wage itself.
        multiple: f64,
    },
}

/// Geography of a reference figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// The report's state.
    State,
    /// The United States.
    National,
}

/// The tests criteria are built from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Primitive {
    /// At least `min` distinct postings (and optionally a share of linked occupations' postings).
    Postings {
        /// Minimum distinct postings in the region and window.
        min: u64,
        /// Minimum share (0–1) of linked occupations' postings.
        min_share: Option<f64>,
    },
    /// At least `min` projected openings in linked occupations over `years`.
    ProjectedOpenings {
        /// Openings.
        min: f64,
        /// Horizon in years.
        years: u32,
    },
    /// A linked occupation is on the named in-demand list.
    InDemandList {
        /// List name (`nj`).
        list: String,
    },
    /// The linked occupation's wage against a basis.
    Wage {
        /// What it is compared with.
        basis: WageBasis,
    },
    /// Employment rate in quarter 2 or 4 after exit at least `min`.
    EmploymentRate {
        /// 2 or 4.
        quarter: u8,
        /// 0–1.
        min: f64,
    },
    /// Earnings after exit at least a quarterly or an hourly figure.
    MedianEarnings {
        /// 2 or 4.
        quarter: u8,
        /// Dollars per quarter.
        min_quarterly: Option<f64>,
        /// Dollars per hour.
        min_hourly: Option<f64>,
    },
    /// Completion rate at least `min`.
    CompletionRate {
        /// 0–1.
        min: f64,
    },
    /// Cost recovered within `max_years`.
    Payback {
        /// Years.
        max_years: f64,
    },
    /// Program length within bounds.
    ClockHours {
        /// Minimum clock hours.
        min: Option<f64>,
        /// Maximum clock hours.
        max: Option<f64>,
    },
    /// Cost to earn at most `max` dollars.
    Cost {
        /// Dollars.
        max: f64,
    },
    /// A quality signal is present.
    Quality {
        /// One of [`QUALITY_SIGNALS`].
        signal: String,
    },
    /// The named figures exist with at least `min_n` behind each.
    DataSufficiency {
        /// Minimum sample size.
        min_n: u64,
        /// Figure names ([`FIGURE_NAMES`]).
        figures: Vec<String>,
    },
    /// Every referenced criterion passes.
    All {
        /// Criterion ids.
        of: Vec<String>,
    },
    /// At least one referenced criterion passes.
    Any {
        /// Criterion ids.
        of: Vec<String>,
    },
    /// At least `k` referenced criteria pass.
    KOfN {
        /// How many must pass.
        k: usize,
        /// Criterion ids.
        of: Vec<String>,
    },
}

impl Primitive {
    /// Ids a combinator refers to (empty for primitives).
    pub fn refs(&self) -> &[String] {
        match self {
            Primitive::All { of } | Primitive::Any { of } | Primitive::KOfN { of, .. } => of,
            _ => &[],
        }
    }
}

/// A tier: a name and the criteria that must all pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tier {
    /// Display name.
    pub name: String,
    /// Criterion ids that must all pass (empty: the fallback tier).
    pub requires: Vec<String>,
    /// What the tier means.
    pub description: Option<String>,
}

/// A TOML table whose keys and values keep their byte spans.
type RawTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// The file as TOML sees it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    framework: Spanned<RawTable>,
    #[serde(default)]
    criteria: Vec<Spanned<RawTable>>,
    #[serde(default)]
    tiers: Vec<Spanned<RawTable>>,
}

/// Reads one table's fields, remembering which were used and where each sits.
struct Fields<'a> {
    table: &'a RawTable,
    used: BTreeSet<String>,
    section: String,
    line: usize,
    ctx: &'a Ctx<'a>,
    diags: Vec<Diagnostic>,
}

/// File name and text, for locations.
struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn diag(&self, line: usize, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(
            Location::file(self.file)
                .record(format!("line {line}"))
                .field(field),
            message,
        )
    }
}

impl<'a> Fields<'a> {
    fn new(table: &'a Spanned<RawTable>, section: String, ctx: &'a Ctx<'a>) -> Fields<'a> {
        Fields {
            table: table.get_ref(),
            used: BTreeSet::new(),
            section,
            line: ctx.line_of(table.span().start),
            ctx,
            diags: Vec::new(),
        }
    }

    fn get(&mut self, key: &str) -> Option<&'a Spanned<toml::Value>> {
        self.used.insert(key.to_string());
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    fn field(&self, key: &str) -> String {
        format!("{}.{key}", self.section)
    }

    fn fail(&mut self, key: &str, at: Option<&Spanned<toml::Value>>, message: impl Into<String>) {
        let line = at.map_or(self.line, |v| self.ctx.line_of(v.span().start));
        let field = self.field(key);
        self.diags.push(self.ctx.diag(line, &field, message));
    }

    fn string(&mut self, key: &str, required: bool) -> Option<String> {
        match self.get(key) {
            None => {
                if required {
                    self.fail(key, None, format!("`{key}` is required"));
                }
                None
            }
            Some(v) => match v.get_ref() {
                toml::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                toml::Value::String(_) => {
                    self.fail(key, Some(v), format!("`{key}` is empty"));
                    None
                }
                other => {
                    self.fail(
                        key,
                        Some(v),
                        format!("`{key}` must be text, not {}", other.type_str()),
                    );
                    None
                }
            },
        }
    }

    fn number(&mut self, key: &str, required: bool) -> Option<(f64, &'a Spanned<toml::Value>)> {
        match self.get(key) {
            None => {
                if required {
                    self.fail(key, None, format!("`{key}` is required"));
                }
                None
            }
            Some(v) => match v.get_ref() {
                toml::Value::Integer(i) => Some((*i as f64, v)),
                toml::Value::Float(f) if f.is_finite() => Some((*f, v)),
                other => {
                    self.fail(
                        key,
                        Some(v),
                        format!("`{key}` must be a finite number, not {}", other.type_str()),
                    );
                    None
                }
            },
        }
    }

    /// A number in `[lo, hi]`.
    fn bounded(&mut self, key: &str, required: bool, lo: f64, hi: f64, what: &str) -> Option<f64> {
        let (x, at) = self.number(key, required)?;
        if x < lo || x > hi {
            self.fail(
                key,
                Some(at),
                format!("impossible threshold {x}: {what} must be between {lo} and {hi}"),
            );
            return None;
        }
        Some(x)
    }

    fn strings(&mut self, key: &str, required: bool) -> Option<Vec<String>> {
        match self.get(key) {
            None => {
                if required {
                    self.fail(key, None, format!("`{key}` is required"));
                }
                None
            }
            Some(v) => match v.get_ref() {
                toml::Value::Array(items) => {
                    let mut out = Vec::new();
                    for item in items {
                        match item {
                            toml::Value::String(s) => out.push(s.trim().to_string()),
                            other => {
                                self.fail(
                                    key,
                                    Some(v),
                                    format!("`{key}` must list text, found {}", other.type_str()),
                                );
                                return None;
                            }
                        }
                    }
                    Some(out)
                }
                other => {
                    self.fail(
                        key,
                        Some(v),
                        format!("`{key}` must be a list, not {}", other.type_str()),
                    );
                    None
                }
            },
        }
    }

    /// Reports keys that were never read.
    fn finish(mut self) -> Vec<Diagnostic> {
        for (k, _) in self.table.iter() {
            if !self.used.contains(k.get_ref()) {
                let line = self.ctx.line_of(k.span().start);
                let field = self.field(k.get_ref());
                self.diags.push(self.ctx.diag(
                    line,
                    &field,
                    format!("unknown key `{}`", k.get_ref()),
                ));
            }
        }
        self.diags
    }
}

/// Primitive and combinator names a `kind` may take.
pub const KINDS: &[&str] = &[
    "postings",
    "projected_openings",
    "in_demand_list",
    "wage",
    "employment_rate",
    "median_earnings",
    "completion_rate",
    "payback",
    "clock_hours",
    "cost",
    "quality",
    "data_sufficiency",
    "all",
    "any",
    "k_of_n",
];

impl Framework {
    /// Parses and validates a framework; every problem is reported with file, line and field.
    pub fn parse(text: &str, file: &str) -> Result<Framework, ValueError> {
        let ctx = Ctx { file, text };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| ctx.line_of(s.start));
            ValueError::Rejected {
                file: file.to_string(),
                diagnostics: vec![ctx.diag(line, "", e.message().trim().to_string())],
            }
        })?;
        let mut diags = Vec::new();
        let mut meta = Fields::new(&raw.framework, "framework".into(), &ctx);
        let id = meta.string("id", true).unwrap_or_default();
        let name = meta.string("name", true).unwrap_or_default();
        let source = meta.string("source", true).unwrap_or_default();
        let url = meta.string("url", false);
        let vintage = meta.string("vintage", true).unwrap_or_default();
        let notes = meta.string("notes", false);
        diags.extend(meta.finish());
        if !id.is_empty()
            && !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            diags.push(ctx.diag(
                1,
                "framework.id",
                format!("id `{id}` must be lowercase letters, digits and `-`"),
            ));
        }

        let mut criteria = Vec::new();
        for (i, table) in raw.criteria.iter().enumerate() {
            let mut f = Fields::new(table, format!("criteria[{i}]"), &ctx);
            let criterion = criterion(&mut f);
            diags.extend(f.finish());
            if let Some(c) = criterion {
                criteria.push(c);
            }
        }
        let mut tiers = Vec::new();
        for (i, table) in raw.tiers.iter().enumerate() {
            let mut f = Fields::new(table, format!("tiers[{i}]"), &ctx);
            let line = f.line;
            let name = f.string("name", true);
            let requires = f.strings("requires", true);
            let description = f.string("description", false);
            diags.extend(f.finish());
            if let (Some(name), Some(requires)) = (name, requires) {
                tiers.push((
                    line,
                    i,
                    Tier {
                        name,
                        requires,
                        description,
                    },
                ));
            }
        }
        diags.extend(check_references(&ctx, &criteria, &tiers));
        if raw.tiers.is_empty() {
            diags.push(ctx.diag(1, "tiers", "at least one `[[tiers]]` is required"));
        }
        if raw.criteria.is_empty() {
            diags.push(ctx.diag(1, "criteria", "at least one `[[criteria]]` is required"));
        }
        if !diags.is_empty() {
            return Err(ValueError::Rejected {
                file: file.to_string(),
                diagnostics: diags,
            });
        }
        Ok(Framework {
            id,
            name,
            source,
            url,
            vintage,
            notes,
            criteria,
            tiers: tiers.into_iter().map(|(_, _, t)| t).collect(),
            file: file.to_string(),
        })
    }

    /// Reads and validates a framework file.
    pub fn load(path: &std::path::Path) -> Result<Framework, ValueError> {
        let text = std::fs::read_to_string(path).map_err(|e| ValueError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Framework::parse(&text, &path.display().to_string())
    }

    /// A criterion by id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
}

/// One `[[criteria]]` table to a criterion; `None` (with diagnostics) when it is unusable.
fn criterion(f: &mut Fields<'_>) -> Option<Criterion> {
    let line = f.line;
    let id = f.string("id", true);
    let label = f.string("label", false);
    let kind_at = f.get("kind");
    let kind = f.string("kind", true)?;
    let primitive = match kind.as_str() {
        "postings" => {
            let min = f.bounded("min", true, 0.0, 1e12, "a posting count")?;
            let min_share = f.bounded("min_share", false, 0.0, 1.0, "a share");
            if min.fract() != 0.0 {
                f.fail("min", None, "a posting count must be a whole number");
            }
            Primitive::Postings {
                min: min as u64,
                min_share,
            }
        }
        "projected_openings" => Primitive::ProjectedOpenings {
            min: f.bounded("min", true, 0.0, 1e12, "openings")?,
            years: f.bounded("years", true, 1.0, 50.0, "a horizon in years")? as u32,
        },
        "in_demand_list" => Primitive::InDemandList {
            list: f.string("list", true)?,
        },
        "wage" => Primitive::Wage {
            basis: wage_basis(f)?,
        },
        "employment_rate" => Primitive::EmploymentRate {
            quarter: quarter(f)?,
            min: f.bounded("min", true, 0.0, 1.0, "an employment rate (a share)")?,
        },
        "median_earnings" => {
            let quarter = quarter(f)?;
            let min_quarterly = f.bounded("min_quarterly", false, 0.0, 1e7, "quarterly earnings");
            let min_hourly = f.bounded("min_hourly", false, 0.0, 1e4, "hourly earnings");
            if min_quarterly.is_none() && min_hourly.is_none() {
                f.fail(
                    "min_quarterly",
                    None,
                    "give `min_quarterly` or `min_hourly`",
                );
                return None;
            }
            Primitive::MedianEarnings {
                quarter,
                min_quarterly,
                min_hourly,
            }
        }
        "completion_rate" => Primitive::CompletionRate {
            min: f.bounded("min", true, 0.0, 1.0, "a completion rate (a share)")?,
        },
        "payback" => Primitive::Payback {
            max_years: f.bounded("max_years", true, 0.0, 100.0, "a payback period in years")?,
        },
        "clock_hours" => {
            let min = f.bounded("min", false, 0.0, 20_000.0, "clock hours");
            let max = f.bounded("max", false, 0.0, 20_000.0, "clock hours");
            match (min, max) {
                (None, None) => {
                    f.fail("min", None, "give `min`, `max` or both");
                    return None;
                }
                (Some(a), Some(b)) if a > b => {
                    let at = f.get("min");
                    f.fail(
                        "min",
                        at,
                        format!("impossible range: min {a} is above max {b}"),
                    );
                    return None;
                }
                _ => {}
            }
            Primitive::ClockHours { min, max }
        }
        "cost" => Primitive::Cost {
            max: f.bounded("max", true, 0.0, 1e7, "a cost in dollars")?,
        },
        "quality" => {
            let at = f.get("signal");
            let signal = f.string("signal", true)?;
            if !QUALITY_SIGNALS.contains(&signal.as_str()) {
                f.fail(
                    "signal",
                    at,
                    format!(
                        "unknown quality signal `{signal}` (known: {})",
                        QUALITY_SIGNALS.join(", ")
                    ),
                );
                return None;
            }
            Primitive::Quality { signal }
        }
        "data_sufficiency" => {
            let min_n = f.bounded("min_n", true, 1.0, 1e9, "a sample size")? as u64;
            let at = f.get("figures");
            let figures = f.strings("figures", true)?;
            for fig in &figures {
                if !FIGURE_NAMES.contains(&fig.as_str()) {
                    f.fail(
                        "figures",
                        at,
                        format!(
                            "unknown figure `{fig}` (known: {})",
                            FIGURE_NAMES.join(", ")
                        ),
                    );
                    return None;
                }
            }
            Primitive::DataSufficiency { min_n, figures }
        }
        "all" => Primitive::All {
            of: f.strings("of", true)?,
        },
        "any" => Primitive::Any {
            of: f.strings("of", true)?,
        },
        "k_of_n" => {
            let k = f.bounded("k", true, 1.0, 1000.0, "k")?;
            let at = f.get("k");
            let of = f.strings("of", true)?;
            if k as usize > of.len() || k.fract() != 0.0 {
                f.fail(
                    "k",
                    at,
                    format!(
                        "impossible threshold: k = {k} but `of` lists {} criteria",
                        of.len()
                    ),
                );
                return None;
            }
            Primitive::KOfN { k: k as usize, of }
        }
        other => {
            f.fail(
                "kind",
                kind_at,
                format!(
                    "unknown criterion kind `{other}` (known: {})",
                    KINDS.join(", ")
                ),
            );
            return None;
        }
    };
    let combinator = !primitive.refs().is_empty()
        || matches!(
            primitive,
            Primitive::All { .. } | Primitive::Any { .. } | Primitive::KOfN { .. }
        );
    let source = f.string("source", !combinator);
    let vintage = f.string("vintage", !combinator);
    let id = id?;
    Some(Criterion {
        label: label.unwrap_or_else(|| id.clone()),
        id,
        primitive,
        source,
        vintage,
        line,
    })
}

fn quarter(f: &mut Fields<'_>) -> Option<u8> {
    let (q, at) = f.number("quarter", true)?;
    if q != 2.0 && q != 4.0 {
        f.fail(
            "quarter",
            Some(at),
            format!("quarter after exit must be 2 or 4, not {q}"),
        );
        return None;
    }
    Some(q as u8)
}

fn area(f: &mut Fields<'_>) -> Option<Area> {
    let at = f.get("area");
    match f.string("area", false).as_deref() {
        None | Some("state") => Some(Area::State),
        Some("national") => Some(Area::National),
        Some(other) => {
            f.fail(
                "area",
                at,
                format!("area must be `state` or `national`, not `{other}`"),
            );
            None
        }
    }
}

fn wage_basis(f: &mut Fields<'_>) -> Option<WageBasis> {
    let at = f.get("basis");
    let basis = f.string("basis", true)?;
    Some(match basis.as_str() {
        "absolute_hourly" => WageBasis::AbsoluteHourly {
            value: f.bounded("value", true, 0.0, 1e4, "an hourly wage")?,
        },
        "absolute_annual" => WageBasis::AbsoluteAnnual {
            value: f.bounded("value", true, 0.0, 1e8, "an annual wage")?,
        },
        "percentile_all" => {
            let (p, pat) = f.number("percentile", true)?;
            if ![10.0, 25.0, 50.0, 75.0, 90.0].contains(&p) {
                f.fail(
                    "percentile",
                    Some(pat),
                    format!("percentile must be 10, 25, 50, 75 or 90 (published OEWS percentiles), not {p}"),
                );
                return None;
            }
            WageBasis::PercentileAll {
                percentile: p as u8,
                area: area(f)?,
            }
        }
        "multiple_of_median" => WageBasis::MultipleOfMedian {
            multiple: f.bounded("multiple", true, 0.01, 100.0, "a multiple")?,
            area: area(f)?,
        },
        "multiple_of_hs_median" => WageBasis::MultipleOfHsMedian {
            multiple: f.bounded("multiple", true, 0.01, 100.0, "a multiple")?,
            area: area(f)?,
        },
        "living_wage" => WageBasis::LivingWage {
            multiple: f
                .bounded("multiple", false, 0.01, 100.0, "a multiple")
                .unwrap_or(1.0),
        },
        other => {
            f.fail(
                "basis",
                at,
                format!("unknown wage basis `{other}` (known: absolute_hourly, absolute_annual, percentile_all, multiple_of_median, multiple_of_hs_median, living_wage)"),
            );
            return None;
        }
    })
}

/// Duplicate ids, dangling references, cycles, tiers naming unknown criteria, fallback placement.
fn check_references(
    ctx: &Ctx<'_>,
    criteria: &[Criterion],
    tiers: &[(usize, usize, Tier)],
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut seen = BTreeMap::new();
    for (i, c) in criteria.iter().enumerate() {
        if let Some(first) = seen.insert(c.id.clone(), c.line) {
            diags.push(ctx.diag(
                c.line,
                &format!("criteria[{i}].id"),
                format!("duplicate criterion id `{}` (first on line {first})", c.id),
            ));
        }
        for r in c.primitive.refs() {
            if !criteria.iter().any(|o| &o.id == r) {
                diags.push(ctx.diag(
                    c.line,
                    &format!("criteria[{i}].of"),
                    format!("`{r}` is not a criterion in this file"),
                ));
            }
        }
    }
    // Cycles: depth-first from each combinator.
    for (i, c) in criteria.iter().enumerate() {
        let mut stack: Vec<&str> = c.primitive.refs().iter().map(String::as_str).collect();
        let mut visited = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if id == c.id {
                diags.push(ctx.diag(
                    c.line,
                    &format!("criteria[{i}].of"),
                    format!("criterion `{}` refers to itself through `of`", c.id),
                ));
                break;
            }
            if visited.insert(id) {
                if let Some(o) = criteria.iter().find(|o| o.id == id) {
                    stack.extend(o.primitive.refs().iter().map(String::as_str));
                }
            }
        }
    }
    let mut names = BTreeSet::new();
    for (pos, (line, i, t)) in tiers.iter().enumerate() {
        if !names.insert(t.name.clone()) {
            diags.push(ctx.diag(
                *line,
                &format!("tiers[{i}].name"),
                format!("duplicate tier `{}`", t.name),
            ));
        }
        for r in &t.requires {
            if !criteria.iter().any(|o| &o.id == r) {
                diags.push(ctx.diag(
                    *line,
                    &format!("tiers[{i}].requires"),
                    format!("`{r}` is not a criterion in this file"),
                ));
            }
        }
        if t.requires.is_empty() && pos + 1 != tiers.len() {
            diags.push(ctx.diag(
                *line,
                &format!("tiers[{i}].requires"),
                "a tier with no requirements catches everything and must come last",
            ));
        }
    }
    diags
}
