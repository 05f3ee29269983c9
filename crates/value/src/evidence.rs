//! The facts about one credential that frameworks are judged on. The engine fills what it has;
//! everything else stays `None`, and criteria that need it say "insufficient evidence: needs …".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One figure with everything needed to judge it: sample size, time window, source, interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The estimate.
    pub value: f64,
    /// Sample size or population behind it, when known.
    pub n: Option<u64>,
    /// Reference period (`2022-01 … 2024-12`, `May 2024`).
    pub window: String,
    /// Publisher or computation.
    pub source: String,
    /// Interval around the estimate (and what it is, in `note`), when it is an estimate.
    pub interval: Option<(f64, f64)>,
    /// Caveats: proxies, weaker evidence, top-coding.
    pub note: Option<String>,
}

impl Figure {
    /// A figure without interval or note.
    pub fn new(value: f64, n: Option<u64>, window: &str, source: &str) -> Figure {
        Figure {
            value,
            n,
            window: window.to_string(),
            source: source.to_string(),
            interval: None,
            note: None,
        }
    }

    /// Adds an interval.
    pub fn with_interval(mut self, lo: f64, hi: f64) -> Figure {
        self.interval = Some((lo, hi));
        self
    }

    /// Adds a caveat.
    pub fn with_note(mut self, note: &str) -> Figure {
        self.note = Some(note.to_string());
        self
    }
}

/// A yes/no fact read from a source (a quality signal, list membership), with what was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// `Some(true)` present, `Some(false)` absent, `None` the source cannot tell.
    pub present: Option<bool>,
    /// What was read, in words.
    pub detail: String,
    /// Where it was read.
    pub source: String,
}

/// Published or computed program outcomes (the outcomes crate fills these at merge).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutcomeEvidence {
    /// Share employed in the 2nd quarter after exit (0–1).
    pub employment_q2: Option<Figure>,
    /// Share employed in the 4th quarter after exit (0–1).
    pub employment_q4: Option<Figure>,
    /// Median (or average, see note) quarterly earnings in the 2nd quarter after exit.
    pub earnings_q2: Option<Figure>,
    /// Median (or average, see note) quarterly earnings in the 4th quarter after exit.
    pub earnings_q4: Option<Figure>,
    /// Median hourly earnings after exit.
    pub earnings_hourly: Option<Figure>,
    /// Share of starters who complete (0–1).
    pub completion_rate: Option<Figure>,
    /// Annual earnings gain attributable to the credential (difference-in-differences).
    pub annual_gain: Option<Figure>,
}

/// Figures every credential is compared against (state and national distributions, baselines).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReferenceFigures {
    /// National all-occupation annual wage percentiles (`p10`, `p25`, `median`, `p75`, `p90`).
    pub national_wage_percentiles: BTreeMap<String, Figure>,
    /// The state's all-occupation annual wage percentiles, when loaded.
    pub state_wage_percentiles: BTreeMap<String, Figure>,
    /// Median annual earnings of high-school graduates with no college (national).
    pub hs_graduate_median: Option<Figure>,
    /// The state's high-school-graduate median annual earnings.
    pub state_hs_graduate_median: Option<Figure>,
    /// Annual living wage for the region.
    pub living_wage: Option<Figure>,
}

/// Everything known about one credential for a framework.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CredentialEvidence {
    /// Registry id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Distinct postings asking for it in the region and window.
    pub postings: Option<Figure>,
    /// Its postings as a share of its linked occupations' postings (0–1).
    pub posting_share: Option<Figure>,
    /// Projected openings in linked occupations, by horizon in years.
    pub projected_openings: BTreeMap<u32, Figure>,
    /// Membership of a linked occupation in named in-demand lists (`nj` → fact).
    pub in_demand: BTreeMap<String, Fact>,
    /// Median annual wage of the main linked occupation (interval p25–p75).
    pub wage_annual: Option<Figure>,
    /// Median hourly wage of the main linked occupation.
    pub wage_hourly: Option<Figure>,
    /// Outcomes of people who earned it.
    pub outcomes: OutcomeEvidence,
    /// Cost to earn (exam, prep, fees), dollars.
    pub cost_to_earn: Option<Figure>,
    /// Renewal cost per year, dollars.
    pub renewal_per_year: Option<Figure>,
    /// Program length in clock hours.
    pub clock_hours: Option<Figure>,
    /// Months to earn.
    pub months_to_earn: Option<Figure>,
    /// Payback period in years (from [`crate::money`]).
    pub payback_years: Option<Figure>,
    /// Quality signals by name (`accreditation`, `independent_assessment`, `industry_standard`,
    /// `time_limited`, `articulated_credit`, `stackable`, `regulated`).
    pub quality: BTreeMap<String, Fact>,
}

impl CredentialEvidence {
    /// A figure by the name data-sufficiency criteria use.
    pub fn figure(&self, name: &str) -> Option<&Figure> {
        match name {
            "postings" => self.postings.as_ref(),
            "posting_share" => self.posting_share.as_ref(),
            "wage" => self.wage_annual.as_ref(),
            "employment_q2" => self.outcomes.employment_q2.as_ref(),
            "employment_q4" => self.outcomes.employment_q4.as_ref(),
            "earnings_q2" => self.outcomes.earnings_q2.as_ref(),
            "earnings_q4" => self.outcomes.earnings_q4.as_ref(),
            "completion_rate" => self.outcomes.completion_rate.as_ref(),
            "cost" => self.cost_to_earn.as_ref(),
            "clock_hours" => self.clock_hours.as_ref(),
            _ => None,
        }
    }
}

/// Figure names [`CredentialEvidence::figure`] knows.
pub const FIGURE_NAMES: &[&str] = &[
    "postings",
    "posting_share",
    "wage",
    "employment_q2",
    "employment_q4",
    "earnings_q2",
    "earnings_q4",
    "completion_rate",
    "cost",
    "clock_hours",
];

/// Quality signal names a `quality` criterion may test.
pub const QUALITY_SIGNALS: &[&str] = &[
    "accreditation",
    "independent_assessment",
    "industry_standard",
    "time_limited",
    "articulated_credit",
    "stackable",
    "regulated",
];
