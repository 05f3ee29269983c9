//! Renewal burden: what keeping a credential costs per year (renewal fee ÷ cycle) and takes per
//! year (continuing-education hours ÷ cycle), beside what earning it costs. See `docs/quality.md`.

use credence_model::{CostItem, Record};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::evidence::{condition_sources, Source};
use crate::signals::values;
use crate::text::{
    ce_amount, cycle, find_any, iso_years, sentences, tokens, CeUnit, HOURS_PER_CEU,
};
use crate::Evidence;

/// The cost and time of keeping a credential, beside the cost of earning it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalBurden {
    /// Years between renewals.
    pub cycle_years: Option<f64>,
    /// Fee paid at each renewal (renewal, recertification or maintenance costs; late and
    /// reinstatement fees excluded), in `currency`.
    pub renewal_fee: Option<f64>,
    /// Continuing education required per cycle, in contact hours (1 CEU = 10 contact hours;
    /// units, credits and PDUs count one hour each).
    pub ce_hours_per_cycle: Option<f64>,
    /// `renewal_fee / cycle_years`.
    pub cost_per_year: Option<f64>,
    /// `ce_hours_per_cycle / cycle_years`.
    pub hours_per_year: Option<f64>,
    /// Sum of the priced costs that are not renewal costs, in `currency`.
    pub cost_to_earn: Option<f64>,
    /// ISO 4217 currency of the money figures (the first priced cost's; others are left out).
    pub currency: Option<String>,
    /// What each figure was read from.
    pub evidence: Vec<Evidence>,
    /// Inputs that could not be found: `cycle_years`, `renewal_fee`, `ce_hours_per_cycle`,
    /// `cost_to_earn`.
    pub missing: Vec<String>,
}

/// Words that make a cost a renewal cost.
const RENEWAL_COST_CUES: &[&str] = &[
    "renewal",
    "renew",
    "recertification",
    "recertify",
    "maintenance",
    "continuing certification",
];

/// Renewal-related costs that are not paid at every renewal.
const PENALTY_CUES: &[&str] = &["late", "reinstatement", "reinstate", "reactivation"];

/// Word stems that put a description sentence in renewal context.
const RENEWAL_CONTEXT: &[&str] = &[
    "renew",
    "recertif",
    "maintain",
    "maintenance",
    "expir",
    "valid",
    "continuing",
    "ceu",
];

/// Computes the renewal burden of a record.
pub fn renewal_burden(record: &Record) -> RenewalBurden {
    let mut evidence = Vec::new();
    let cycle = cycle_years(record).map(|(y, e)| {
        evidence.push(e);
        y
    });
    let ce = ce_hours(record).map(|(h, e)| {
        evidence.push(e);
        h
    });
    let money = Money::read(record, &mut evidence);
    let per_year = |x: Option<f64>| Some(x? / cycle.filter(|c| *c > 0.0)?);
    let mut burden = RenewalBurden {
        cycle_years: cycle,
        renewal_fee: money.renewal_fee,
        ce_hours_per_cycle: ce,
        cost_per_year: per_year(money.renewal_fee),
        hours_per_year: per_year(ce),
        cost_to_earn: money.cost_to_earn,
        currency: money.currency,
        evidence,
        missing: Vec::new(),
    };
    burden.missing = missing(&burden);
    burden
}

/// Names of the inputs that were not found.
fn missing(b: &RenewalBurden) -> Vec<String> {
    [
        ("cycle_years", b.cycle_years),
        ("renewal_fee", b.renewal_fee),
        ("ce_hours_per_cycle", b.ce_hours_per_cycle),
        ("cost_to_earn", b.cost_to_earn),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_none())
    .map(|(n, _)| n.to_string())
    .collect()
}

/// Texts about renewal: the renewal profiles, then the sentences of the description (and
/// keywords) that mention renewal, recertification, maintenance, expiry or validity.
pub(crate) fn renewal_sources(record: &Record) -> Vec<Source<'_>> {
    let mut out = condition_sources(&record.renewal);
    let in_context = |s: &str| {
        tokens(s)
            .iter()
            .any(|t| RENEWAL_CONTEXT.iter().any(|stem| t.word.starts_with(stem)))
    };
    let description = record.description.as_deref().unwrap_or_default();
    out.extend(
        sentences(description)
            .into_iter()
            .filter(|s| in_context(s))
            .map(|text| Source {
                field: "description".into(),
                text,
            }),
    );
    out
}

/// The renewal cycle in years: `ceterms:renewalFrequency` (ISO 8601) on the record or a renewal
/// profile, else an explicit phrase in renewal text ("every three years"), else an adjective
/// ("biennial"), else the `estimatedDuration` of a renewal profile.
pub(crate) fn cycle_years(record: &Record) -> Option<(f64, Evidence)> {
    frequency(&record.document)
        .or_else(|| text_cycle(record))
        .or_else(|| renewal_profile_duration(&record.document))
}

/// `ceterms:renewalFrequency` on the record or inside its renewal profiles.
fn frequency(document: &Value) -> Option<(f64, Evidence)> {
    let key = "ceterms:renewalFrequency";
    let own = values(document.get(key))
        .into_iter()
        .map(|v| (key.to_string(), v));
    let nested = values(document.get("ceterms:renewal"))
        .into_iter()
        .flat_map(|p| values(p.get(key)))
        .map(|v| (format!("ceterms:renewal/{key}"), v));
    own.chain(nested).find_map(|(field, v)| {
        let iso = v.as_str()?;
        let years = iso_years(iso)?;
        Some((
            years,
            Evidence::new(field, iso, format!("cycle: {} years", round2(years))),
        ))
    })
}

/// A cycle phrase in renewal text: the first explicit one in any source, else the first adjective.
fn text_cycle(record: &Record) -> Option<(f64, Evidence)> {
    let sources = renewal_sources(record);
    let hits: Vec<_> = sources
        .iter()
        .filter_map(|s| cycle(s.text).map(|h| (s, h)))
        .collect();
    let (source, hit) = hits
        .iter()
        .find(|(_, h)| h.explicit)
        .or_else(|| hits.first())?;
    let note = format!("cycle: {} years", round2(hit.years));
    Some((hit.years, Evidence::new(&source.field, hit.span, note)))
}

/// The exact (else maximum) `estimatedDuration` of a renewal profile, read as the cycle.
fn renewal_profile_duration(document: &Value) -> Option<(f64, Evidence)> {
    values(document.get("ceterms:renewal"))
        .into_iter()
        .flat_map(|p| values(p.get("ceterms:estimatedDuration")))
        .find_map(|d| {
            let iso = ["ceterms:exactDuration", "ceterms:maximumDuration"]
                .iter()
                .find_map(|k| d.get(*k).and_then(Value::as_str))?;
            let years = iso_years(iso)?;
            let note = format!("cycle: {} years (renewal profile duration)", round2(years));
            Some((
                years,
                Evidence::new("ceterms:renewal/ceterms:estimatedDuration", iso, note),
            ))
        })
}

/// Continuing education per cycle in contact hours, from the first amount in renewal text.
pub(crate) fn ce_hours(record: &Record) -> Option<(f64, Evidence)> {
    renewal_sources(record).iter().find_map(|s| {
        let hit = ce_amount(s.text)?;
        let note = match hit.unit {
            CeUnit::Ceu => format!(
                "continuing education: {} CEUs = {} contact hours (1 CEU = {HOURS_PER_CEU} hours)",
                hit.amount,
                hit.hours()
            ),
            CeUnit::Hours => format!("continuing education: {} hours", hit.hours()),
            CeUnit::Units => format!(
                "continuing education: {} units, counted as {} hours (one hour per unit)",
                hit.amount,
                hit.hours()
            ),
        };
        Some((hit.hours(), Evidence::new(&s.field, hit.span, note)))
    })
}

/// The money figures of a record.
#[derive(Debug, Default)]
struct Money {
    renewal_fee: Option<f64>,
    cost_to_earn: Option<f64>,
    currency: Option<String>,
}

impl Money {
    /// Splits the record's costs into renewal and earning costs, in one currency.
    fn read(record: &Record, evidence: &mut Vec<Evidence>) -> Money {
        let mut from_profiles = renewal_profile_prices(&record.document);
        let currency = record
            .costs
            .iter()
            .find(|c| c.amount.is_some())
            .and_then(|c| c.currency.clone());
        let mut money = Money {
            currency,
            ..Money::default()
        };
        for (i, cost) in record.costs.iter().enumerate() {
            let Some(amount) = cost.amount.filter(|a| a.is_finite()) else {
                continue;
            };
            let field = format!("costs[{i}]");
            if cost.currency.is_some() && cost.currency != money.currency {
                let note = "other currency: left out of the totals";
                evidence.push(Evidence::new(field, describe(cost), note));
                continue;
            }
            money.add(cost, amount, &field, &mut from_profiles, evidence);
        }
        for (amount, text) in from_profiles {
            add(&mut money.renewal_fee, amount);
            evidence.push(Evidence::new(
                "ceterms:renewal/ceterms:estimatedCost",
                text,
                "renewal fee",
            ));
        }
        money
    }

    /// Adds one priced cost to the renewal fee, to nothing (late fees) or to the cost to earn.
    fn add(
        &mut self,
        cost: &CostItem,
        amount: f64,
        field: &str,
        from_profiles: &mut Vec<(f64, String)>,
        evidence: &mut Vec<Evidence>,
    ) {
        let text = describe(cost);
        let profile = from_profiles
            .iter()
            .position(|(a, _)| (a - amount).abs() < 0.005);
        let profile_text = profile.map(|at| from_profiles.remove(at).1);
        let cue = find_any(&text, RENEWAL_COST_CUES).is_some();
        if !cue && profile_text.is_none() {
            add(&mut self.cost_to_earn, amount);
            evidence.push(Evidence::new(field, text, "cost to earn"));
            return;
        }
        let span = profile_text.map_or(text.clone(), |p| format!("{text}; {p}"));
        if find_any(&span, PENALTY_CUES).is_some() {
            evidence.push(Evidence::new(
                field,
                span,
                "late or reinstatement fee: not counted",
            ));
        } else {
            add(&mut self.renewal_fee, amount);
            evidence.push(Evidence::new(field, span, "renewal fee"));
        }
    }
}

/// Adds to an optional sum.
fn add(sum: &mut Option<f64>, amount: f64) {
    *sum = Some(sum.unwrap_or(0.0) + amount);
}

/// Kind, description and amount of a cost line, for evidence and cue matching.
fn describe(cost: &CostItem) -> String {
    let amount = cost
        .amount
        .map(|a| format!("{a} {}", cost.currency.as_deref().unwrap_or("")));
    [
        cost.kind.as_deref(),
        cost.description.as_deref(),
        amount.as_deref().map(str::trim),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" — ")
}

/// Prices of the cost profiles inside `ceterms:renewal` profiles, with their names: these are
/// renewal costs whatever their cost type says (COTA's is typed "Application").
fn renewal_profile_prices(document: &Value) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    for profile in values(document.get("ceterms:renewal")) {
        for cost in values(profile.get("ceterms:estimatedCost")) {
            let name = ["ceterms:name", "ceterms:description"]
                .iter()
                .find_map(|k| cost.get(*k).and_then(Value::as_str))
                .unwrap_or("renewal cost profile")
                .trim()
                .to_string();
            let typed: Vec<f64> = values(cost.get("ceterms:directCostType"))
                .into_iter()
                .filter_map(|t| t.get("ceterms:price").and_then(Value::as_f64))
                .collect();
            let prices = if typed.is_empty() {
                cost.get("ceterms:price")
                    .and_then(Value::as_f64)
                    .into_iter()
                    .collect()
            } else {
                typed
            };
            out.extend(
                prices
                    .into_iter()
                    .filter(|p| p.is_finite())
                    .map(|p| (p, name.clone())),
            );
        }
    }
    out
}

/// Rounds to two decimals for notes.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
