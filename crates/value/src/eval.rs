//! Evaluation: each criterion passes, fails or lacks evidence (and says what is missing); the
//! credential gets the first tier whose requirements all pass. It never guesses: a criterion whose
//! figure credence does not have is "insufficient evidence", and a tier that depends on it is not
//! assigned past that point.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::evidence::{CredentialEvidence, Figure, ReferenceFigures};
use crate::framework::{Area, Criterion, Framework, Primitive, WageBasis};

/// The verdict on one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The evidence meets the threshold.
    Pass,
    /// The evidence falls short.
    Fail,
    /// Credence lacks a figure the criterion needs.
    Insufficient,
}

impl Verdict {
    /// `pass`, `fail`, `insufficient evidence`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Insufficient => "insufficient evidence",
        }
    }
}

/// One criterion's verdict with the figures and sources behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    /// Criterion id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Pass, fail or insufficient evidence.
    pub verdict: Verdict,
    /// The comparison in words (`1,204 postings ≥ 200`).
    pub detail: String,
    /// The figures used, by name.
    pub figures: Vec<(String, Figure)>,
    /// What is missing, when insufficient.
    pub missing: Vec<String>,
    /// Source and vintage of the threshold.
    pub threshold_source: Option<String>,
}

/// A credential's tier under a framework, with every criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierResult {
    /// Framework id.
    pub framework: String,
    /// Credential id.
    pub credential_id: String,
    /// Credential name.
    pub credential_name: String,
    /// The tier, or `None` when evidence is insufficient to decide.
    pub tier: Option<String>,
    /// Why the tier is what it is.
    pub reason: String,
    /// Every criterion, in file order.
    pub criteria: Vec<CriterionResult>,
}

/// Evaluates one credential against a framework.
pub fn evaluate(
    framework: &Framework,
    evidence: &CredentialEvidence,
    reference: &ReferenceFigures,
) -> TierResult {
    let mut done: BTreeMap<String, CriterionResult> = BTreeMap::new();
    for c in &framework.criteria {
        judge(framework, c, evidence, reference, &mut done, 0);
    }
    let criteria: Vec<CriterionResult> = framework
        .criteria
        .iter()
        .filter_map(|c| done.get(&c.id).cloned())
        .collect();
    let mut tier = None;
    let mut reason = String::new();
    for t in &framework.tiers {
        let verdicts: Vec<(&String, Verdict)> = t
            .requires
            .iter()
            .map(|r| (r, done.get(r).map_or(Verdict::Insufficient, |c| c.verdict)))
            .collect();
        if verdicts.iter().all(|(_, v)| *v == Verdict::Pass) {
            tier = Some(t.name.clone());
            reason = if t.requires.is_empty() {
                "no higher tier's requirements all pass".to_string()
            } else {
                format!("passes {}", t.requires.join(", "))
            };
            break;
        }
        if verdicts.iter().any(|(_, v)| *v == Verdict::Fail) {
            continue;
        }
        let missing: Vec<String> = verdicts
            .iter()
            .filter(|(_, v)| *v == Verdict::Insufficient)
            .map(|(r, _)| {
                let needs = done
                    .get(*r)
                    .map(|c| c.missing.join("; "))
                    .unwrap_or_default();
                format!("{r} (needs {needs})")
            })
            .collect();
        reason = format!(
            "insufficient evidence to decide tier `{}`: {}",
            t.name,
            missing.join(", ")
        );
        break;
    }
    TierResult {
        framework: framework.id.clone(),
        credential_id: evidence.id.clone(),
        credential_name: evidence.name.clone(),
        tier,
        reason,
        criteria,
    }
}

fn judge(
    fw: &Framework,
    c: &Criterion,
    e: &CredentialEvidence,
    refs: &ReferenceFigures,
    done: &mut BTreeMap<String, CriterionResult>,
    depth: usize,
) -> Verdict {
    if let Some(r) = done.get(&c.id) {
        return r.verdict;
    }
    let threshold_source = c.source.as_ref().map(|s| match &c.vintage {
        Some(v) => format!("{s} ({v})"),
        None => s.clone(),
    });
    let mut out = Judgement::default();
    match &c.primitive {
        Primitive::Postings { min, min_share } => {
            out.at_least("postings", e.postings.as_ref(), *min as f64, "distinct postings in the region and window", "");
            if let Some(share) = min_share {
                let mut second = Judgement::default();
                second.at_least("posting_share", e.posting_share.as_ref(), *share, "share of linked occupations' postings", "");
                out.and(second);
            }
        }
        Primitive::ProjectedOpenings { min, years } => out.at_least(
            "projected_openings",
            e.projected_openings.get(years),
            *min,
            &format!("projected openings in linked occupations over {years} years (state occupational projections)"),
            "",
        ),
        Primitive::InDemandList { list } => match e.in_demand.get(list) {
            Some(fact) => out.fact(fact, &format!("in-demand list `{list}`")),
            None => out.missing(&format!("the `{list}` in-demand occupation list and an occupation link")),
        },
        Primitive::Wage { basis } => wage(&mut out, basis, e, refs),
        Primitive::EmploymentRate { quarter, min } => {
            let fig = if *quarter == 2 { &e.outcomes.employment_q2 } else { &e.outcomes.employment_q4 };
            out.at_least(
                &format!("employment_q{quarter}"),
                fig.as_ref(),
                *min,
                &format!("employment rate in quarter {quarter} after exit (program outcomes)"),
                "",
            );
        }
        Primitive::MedianEarnings { quarter, min_quarterly, min_hourly } => {
            let fig = if *quarter == 2 { &e.outcomes.earnings_q2 } else { &e.outcomes.earnings_q4 };
            let mut parts = Vec::new();
            if let Some(q) = min_quarterly {
                let mut j = Judgement::default();
                j.at_least(&format!("earnings_q{quarter}"), fig.as_ref(), *q, &format!("earnings in quarter {quarter} after exit"), "$");
                parts.push(j);
            }
            if let Some(h) = min_hourly {
                let mut j = Judgement::default();
                j.at_least("earnings_hourly", e.outcomes.earnings_hourly.as_ref(), *h, "hourly earnings after exit", "$");
                parts.push(j);
            }
            out = Judgement::any(parts);
        }
        Primitive::CompletionRate { min } => out.at_least(
            "completion_rate",
            e.outcomes.completion_rate.as_ref(),
            *min,
            "completion rate (program outcomes)",
            "",
        ),
        Primitive::Payback { max_years } => out.at_most(
            "payback_years",
            e.payback_years.as_ref(),
            *max_years,
            "payback period in years (cost to earn and an expected wage gain)",
        ),
        Primitive::ClockHours { min, max } => {
            if let Some(lo) = min {
                out.at_least("clock_hours", e.clock_hours.as_ref(), *lo, "program length in clock hours", "");
            }
            if let Some(hi) = max {
                let mut j = Judgement::default();
                j.at_most("clock_hours", e.clock_hours.as_ref(), *hi, "program length in clock hours");
                if min.is_some() { out.and(j) } else { out = j }
            }
        }
        Primitive::Cost { max } => out.at_most("cost", e.cost_to_earn.as_ref(), *max, "cost to earn in dollars"),
        Primitive::Quality { signal } => match e.quality.get(signal) {
            Some(fact) => out.fact(fact, &format!("quality signal `{signal}`")),
            None => out.missing(&format!("quality signal `{signal}`")),
        },
        Primitive::DataSufficiency { min_n, figures } => {
            let mut parts = Vec::new();
            for name in figures {
                let mut j = Judgement::default();
                match e.figure(name) {
                    None => j.missing(&format!("figure `{name}`")),
                    Some(f) => {
                        let n = f.n.unwrap_or(0);
                        j.verdict = if n >= *min_n { Verdict::Pass } else { Verdict::Fail };
                        j.details.push(format!("{name}: n = {n} {} {min_n}", if n >= *min_n { "≥" } else { "<" }));
                        j.figures.push((name.clone(), f.clone()));
                    }
                }
                parts.push(j);
            }
            out = Judgement::all(parts);
        }
        Primitive::All { of } | Primitive::Any { of } | Primitive::KOfN { of, .. } => {
            let mut passes = 0usize;
            let mut insufficient = 0usize;
            let mut fails = 0usize;
            let mut lines = Vec::new();
            let mut missing = Vec::new();
            for r in of {
                let v = match fw.criterion(r) {
                    Some(sub) if depth < 32 => judge(fw, sub, e, refs, done, depth + 1),
                    _ => Verdict::Insufficient,
                };
                match v {
                    Verdict::Pass => passes += 1,
                    Verdict::Fail => fails += 1,
                    Verdict::Insufficient => {
                        insufficient += 1;
                        missing.push(r.clone());
                    }
                }
                lines.push(format!("{r}: {}", v.label()));
            }
            let k = match &c.primitive {
                Primitive::All { .. } => of.len(),
                Primitive::Any { .. } => 1,
                Primitive::KOfN { k, .. } => *k,
                _ => unreachable!("matched combinators only"),
            };
            out.verdict = if passes >= k {
                Verdict::Pass
            } else if passes + insufficient < k {
                Verdict::Fail
            } else {
                Verdict::Insufficient
            };
            out.details.push(format!("{passes} of {} pass, {fails} fail, {insufficient} lack evidence; needs {k} ({})", of.len(), lines.join("; ")));
            if out.verdict == Verdict::Insufficient {
                out.missing = missing.into_iter().map(|m| format!("evidence for `{m}`")).collect();
            }
        }
    }
    let result = CriterionResult {
        id: c.id.clone(),
        label: c.label.clone(),
        verdict: out.verdict,
        detail: out.details.join("; "),
        figures: out.figures,
        missing: out.missing,
        threshold_source,
    };
    let v = result.verdict;
    done.insert(c.id.clone(), result);
    v
}

/// Accumulates a verdict, details, figures and missing inputs.
#[derive(Debug)]
struct Judgement {
    verdict: Verdict,
    details: Vec<String>,
    figures: Vec<(String, Figure)>,
    missing: Vec<String>,
}

impl Default for Judgement {
    fn default() -> Self {
        Judgement {
            verdict: Verdict::Pass,
            details: Vec::new(),
            figures: Vec::new(),
            missing: Vec::new(),
        }
    }
}

impl Judgement {
    fn missing(&mut self, what: &str) {
        self.verdict = Verdict::Insufficient;
        self.missing.push(what.to_string());
        self.details
            .push(format!("insufficient evidence: needs {what}"));
    }

    fn compare(
        &mut self,
        name: &str,
        fig: Option<&Figure>,
        threshold: f64,
        what: &str,
        unit: &str,
        at_least: bool,
    ) {
        let Some(f) = fig else {
            self.missing(what);
            return;
        };
        let ok = if at_least {
            f.value >= threshold
        } else {
            f.value <= threshold
        };
        let sign = match (at_least, ok) {
            (true, true) => "≥",
            (true, false) => "<",
            (false, true) => "≤",
            (false, false) => ">",
        };
        let n = f.n.map(|n| format!(", n = {n}")).unwrap_or_default();
        self.details.push(format!(
            "{name} {unit}{} {sign} {unit}{} ({}; {}{n})",
            fmt_num(f.value),
            fmt_num(threshold),
            f.source,
            f.window
        ));
        self.figures.push((name.to_string(), f.clone()));
        if !ok && self.verdict != Verdict::Insufficient {
            self.verdict = Verdict::Fail;
        }
    }

    fn at_least(
        &mut self,
        name: &str,
        fig: Option<&Figure>,
        threshold: f64,
        what: &str,
        unit: &str,
    ) {
        self.compare(name, fig, threshold, what, unit, true);
    }

    fn at_most(&mut self, name: &str, fig: Option<&Figure>, threshold: f64, what: &str) {
        let unit = if name == "cost" { "$" } else { "" };
        self.compare(name, fig, threshold, what, unit, false);
    }

    fn fact(&mut self, fact: &crate::evidence::Fact, what: &str) {
        match fact.present {
            Some(true) => self
                .details
                .push(format!("{what}: yes — {} ({})", fact.detail, fact.source)),
            Some(false) => {
                self.verdict = Verdict::Fail;
                self.details
                    .push(format!("{what}: no — {} ({})", fact.detail, fact.source));
            }
            None => {
                self.missing(&format!("{what} ({})", fact.detail));
            }
        }
    }

    /// Both must pass: fail wins over insufficient, insufficient over pass.
    fn and(&mut self, other: Judgement) {
        self.verdict = match (self.verdict, other.verdict) {
            (Verdict::Fail, _) | (_, Verdict::Fail) => Verdict::Fail,
            (Verdict::Insufficient, _) | (_, Verdict::Insufficient) => Verdict::Insufficient,
            _ => Verdict::Pass,
        };
        self.details.extend(other.details);
        self.figures.extend(other.figures);
        self.missing.extend(other.missing);
    }

    fn all(parts: Vec<Judgement>) -> Judgement {
        let mut out = Judgement::default();
        for p in parts {
            out.and(p);
        }
        out
    }

    fn any(parts: Vec<Judgement>) -> Judgement {
        let mut out = Judgement {
            verdict: Verdict::Fail,
            ..Judgement::default()
        };
        let pass = parts.iter().any(|p| p.verdict == Verdict::Pass);
        let insufficient = parts.iter().any(|p| p.verdict == Verdict::Insufficient);
        out.verdict = if pass {
            Verdict::Pass
        } else if insufficient {
            Verdict::Insufficient
        } else {
            Verdict::Fail
        };
        for p in parts {
            out.details.extend(p.details);
            out.figures.extend(p.figures);
            if out.verdict == Verdict::Insufficient {
                out.missing.extend(p.missing);
            }
        }
        out
    }
}

/// The wage criterion: the linked occupation's wage against the chosen basis.
fn wage(out: &mut Judgement, basis: &WageBasis, e: &CredentialEvidence, refs: &ReferenceFigures) {
    let own = e.wage_annual.as_ref();
    let area_name = |a: Area| match a {
        Area::State => "state",
        Area::National => "national",
    };
    let (threshold, what): (Option<Figure>, String) = match basis {
        WageBasis::AbsoluteHourly { value } => {
            out.at_least(
                "wage_hourly",
                e.wage_hourly.as_ref(),
                *value,
                "median hourly wage of a linked occupation (OEWS)",
                "$",
            );
            return;
        }
        WageBasis::AbsoluteAnnual { value } => {
            out.at_least(
                "wage",
                own,
                *value,
                "median annual wage of a linked occupation (OEWS)",
                "$",
            );
            return;
        }
        WageBasis::PercentileAll { percentile, area } => {
            let key = match percentile {
                50 => "median".to_string(),
                p => format!("p{p}"),
            };
            let table = match area {
                Area::State => &refs.state_wage_percentiles,
                Area::National => &refs.national_wage_percentiles,
            };
            (
                table.get(&key).cloned(),
                format!(
                    "the {} {percentile}th percentile of all wages (OEWS all occupations)",
                    area_name(*area)
                ),
            )
        }
        WageBasis::MultipleOfMedian { multiple, area } => {
            let table = match area {
                Area::State => &refs.state_wage_percentiles,
                Area::National => &refs.national_wage_percentiles,
            };
            (
                table.get("median").map(|f| scaled(f, *multiple)),
                format!(
                    "{multiple} × the {} median wage of all occupations",
                    area_name(*area)
                ),
            )
        }
        WageBasis::MultipleOfHsMedian { multiple, area } => {
            let base = match area {
                Area::State => refs.state_hs_graduate_median.as_ref(),
                Area::National => refs.hs_graduate_median.as_ref(),
            };
            (
                base.map(|f| scaled(f, *multiple)),
                format!(
                    "{multiple} × the {} median earnings of high-school graduates",
                    area_name(*area)
                ),
            )
        }
        WageBasis::LivingWage { multiple } => (
            refs.living_wage.as_ref().map(|f| scaled(f, *multiple)),
            format!("{multiple} × the regional living wage"),
        ),
    };
    let Some(threshold) = threshold else {
        out.missing(&what);
        if own.is_none() {
            out.missing("median annual wage of a linked occupation (OEWS)");
        }
        return;
    };
    out.at_least(
        "wage",
        own,
        threshold.value,
        "median annual wage of a linked occupation (OEWS)",
        "$",
    );
    out.details.push(format!(
        "threshold: {what} = ${} ({}; {})",
        fmt_num(threshold.value),
        threshold.source,
        threshold.window
    ));
    out.figures.push(("threshold".into(), threshold));
}

fn scaled(f: &Figure, m: f64) -> Figure {
    let mut g = f.clone();
    g.value *= m;
    g.interval = f.interval.map(|(a, b)| (a * m, b * m));
    g
}

/// `1,234`, `0.62`, `13.70`.
pub(crate) fn fmt_num(x: f64) -> String {
    if x.abs() < 1.0 && x != 0.0 {
        return format!("{x:.2}");
    }
    if x.fract().abs() > 1e-9 && x.abs() < 1000.0 {
        return format!("{x:.2}");
    }
    let whole = x.round() as i64;
    let s = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if whole < 0 {
        format!("-{out}")
    } else {
        out
    }
}
