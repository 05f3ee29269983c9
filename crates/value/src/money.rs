//! Value for money: what a credential costs to earn and keep, against the wage gain expected from
//! it — payback period and net value over 5 and 10 years, with intervals carried through from the
//! gain's interval. Outcome-based gains are strong evidence; occupation wages against a baseline
//! are weaker and labelled so.

use serde::{Deserialize, Serialize};

use crate::evidence::Figure;

/// How strong the gain estimate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GainEvidence {
    /// From outcomes of people who earned it (difference-in-differences or published outcomes).
    Outcomes,
    /// Linked occupation's wages minus a baseline: weaker evidence, not a causal gain.
    OccupationWages,
}

/// An expected annual wage gain with an interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gain {
    /// Central estimate, dollars a year.
    pub annual: Figure,
    /// Where it comes from.
    pub evidence: GainEvidence,
    /// How it was computed, in words.
    pub method: String,
}

/// Net value at a horizon with its interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Net {
    /// Years.
    pub years: u32,
    /// Central estimate, dollars (undiscounted).
    pub value: f64,
    /// From the gain interval's ends.
    pub interval: Option<(f64, f64)>,
}

/// The value-for-money figures of one credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueForMoney {
    /// Cost to earn.
    pub cost_to_earn: Option<Figure>,
    /// Renewal cost per year.
    pub renewal_per_year: Option<Figure>,
    /// Months to earn (earning time is time without the gain).
    pub months_to_earn: Option<Figure>,
    /// The expected gain.
    pub gain: Option<Gain>,
    /// Years until the gain repays the cost; `None` when it never does or inputs are missing.
    pub payback_years: Option<Figure>,
    /// Net value over 5 and 10 years.
    pub net: Vec<Net>,
    /// Inputs that were missing.
    pub missing: Vec<String>,
    /// Caveats.
    pub notes: Vec<String>,
}

/// Computes value for money. Missing cost or gain leaves payback and net empty (never guessed);
/// missing renewal cost is taken as zero and said so.
pub fn value_for_money(
    cost_to_earn: Option<Figure>,
    renewal_per_year: Option<Figure>,
    months_to_earn: Option<Figure>,
    gain: Option<Gain>,
) -> ValueForMoney {
    let mut missing = Vec::new();
    let mut notes = vec![
        "net value is undiscounted dollars: gain × working years after earning − cost − renewal"
            .to_string(),
    ];
    if cost_to_earn.is_none() {
        missing.push("cost to earn (exam, prep, fees)".to_string());
    }
    if gain.is_none() {
        missing.push(
            "an expected wage gain (outcomes, or linked occupation wages and a baseline)"
                .to_string(),
        );
    }
    let renewal = match &renewal_per_year {
        Some(f) => f.value,
        None => {
            notes.push("no renewal cost published: taken as $0 a year".to_string());
            0.0
        }
    };
    let earn_years = months_to_earn.as_ref().map_or(0.0, |m| m.value / 12.0);
    if months_to_earn.is_none() {
        notes.push("time to earn unknown: gain assumed from year 0".to_string());
    }
    if let Some(g) = &gain {
        if g.evidence == GainEvidence::OccupationWages {
            notes.push("weaker evidence: the gain is the linked occupation's wage minus a baseline, not an observed gain of people who earned the credential".to_string());
        }
    }
    let (mut payback, mut net) = (None, Vec::new());
    if let (Some(cost), Some(g)) = (&cost_to_earn, &gain) {
        let yearly = |gain: f64| gain - renewal;
        let pb = |gain: f64| {
            let y = yearly(gain);
            (y > 0.0).then(|| earn_years + cost.value / y)
        };
        if let Some(central) = pb(g.annual.value) {
            let mut f = Figure::new(
                central,
                g.annual.n,
                &g.annual.window,
                &format!(
                    "credence value for money from {} and {}",
                    cost.source, g.annual.source
                ),
            );
            if let Some((lo, hi)) = g.annual.interval {
                // A larger gain pays back sooner: the interval's ends swap.
                let fast = pb(hi);
                let slow = pb(lo);
                if let Some(fast) = fast {
                    f.interval = Some((fast, slow.unwrap_or(f64::INFINITY)));
                }
            }
            payback = Some(f);
        } else {
            notes.push(
                "the expected gain does not exceed the renewal cost: the cost is never recovered"
                    .to_string(),
            );
        }
        for years in [5u32, 10] {
            let span = (years as f64 - earn_years).max(0.0);
            let value_at = |gain: f64| span * yearly(gain) - cost.value;
            net.push(Net {
                years,
                value: value_at(g.annual.value),
                interval: g
                    .annual
                    .interval
                    .map(|(lo, hi)| (value_at(lo), value_at(hi))),
            });
        }
    }
    ValueForMoney {
        cost_to_earn,
        renewal_per_year,
        months_to_earn,
        gain,
        payback_years: payback,
        net,
        missing,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(v: f64) -> Figure {
        Figure::new(v, None, "w", "s")
    }

    #[test]
    fn payback_and_net_follow_the_definitions() {
        let gain = Gain {
            annual: fig(5_000.0).with_interval(2_000.0, 8_000.0),
            evidence: GainEvidence::OccupationWages,
            method: "m".into(),
        };
        let v = value_for_money(
            Some(fig(3_000.0)),
            Some(fig(500.0)),
            Some(fig(6.0)),
            Some(gain),
        );
        let pb = v.payback_years.unwrap();
        // 0.5 years earning + 3000 / (5000 - 500).
        assert!((pb.value - (0.5 + 3_000.0 / 4_500.0)).abs() < 1e-9);
        let (fast, slow) = pb.interval.unwrap();
        assert!((fast - (0.5 + 3_000.0 / 7_500.0)).abs() < 1e-9);
        assert!((slow - (0.5 + 3_000.0 / 1_500.0)).abs() < 1e-9);
        let ten = v.net.iter().find(|n| n.years == 10).unwrap();
        assert!((ten.value - (9.5 * 4_500.0 - 3_000.0)).abs() < 1e-9);
        assert!(v.notes.iter().any(|n| n.contains("weaker evidence")));
    }

    #[test]
    fn missing_inputs_are_named_not_guessed() {
        let v = value_for_money(None, None, None, None);
        assert!(v.payback_years.is_none() && v.net.is_empty());
        assert_eq!(v.missing.len(), 2);
    }

    #[test]
    fn a_gain_below_renewal_never_pays_back() {
        let gain = Gain {
            annual: fig(100.0),
            evidence: GainEvidence::Outcomes,
            method: "m".into(),
        };
        let v = value_for_money(Some(fig(10.0)), Some(fig(200.0)), None, Some(gain));
        assert!(v.payback_years.is_none());
        assert!(v.net[0].value < 0.0);
    }
}
