//! Eligibility: evaluates a condition tree against a person and explains, in plain language,
//! which alternative is satisfied and what is missing for each of the others.

use chrono::NaiveDate;
use serde::Serialize;

use crate::condition::Condition;
use crate::person::{fields_match, Person};

/// Three-valued outcome: text-only requirements cannot be decided from a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Satisfied.
    Met,
    /// Not satisfied.
    NotMet,
    /// Depends on a text requirement the person has not confirmed.
    Unknown,
}

/// The result of checking one (sub)condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Outcome.
    pub verdict: Verdict,
    /// What is missing, one plain-language item each.
    pub missing: Vec<String>,
    /// Text requirements the person must confirm themselves.
    pub to_confirm: Vec<String>,
    /// Years of experience still to gain for this to be met (0 when none), for planning.
    pub years_short: f64,
}

/// One alternative of a requirement, as shown to the person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlternativeReport {
    /// Canonical text form of the alternative.
    pub condition: String,
    /// The alternative in words.
    pub description: String,
    /// Outcome and what is missing.
    pub check: Check,
}

/// The answer to "may this person go for this credential?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eligibility {
    /// Overall outcome.
    pub verdict: Verdict,
    /// The whole requirement in text form.
    pub condition: String,
    /// The alternative that is met, in words, if any.
    pub satisfied_by: Option<String>,
    /// Each alternative with its outcome and what is missing.
    pub alternatives: Vec<AlternativeReport>,
    /// The date used for "active" and age checks.
    pub as_of: NaiveDate,
    /// Why nobody can meet the requirement as published, when it contradicts itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contradiction: Option<String>,
}

/// Looks up display names of credentials and other referenced things.
pub trait Names {
    /// The display name of an id, if known.
    fn name(&self, id: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Names for F {
    fn name(&self, id: &str) -> Option<String> {
        self(id)
    }
}

fn label(names: &dyn Names, id: &str) -> String {
    match names.name(id) {
        Some(n) if n != id => format!("{n} ({id})"),
        _ => id.to_string(),
    }
}

/// A condition in plain language.
pub fn describe(c: &Condition, names: &dyn Names) -> String {
    match c {
        Condition::All(v) if v.is_empty() => "no requirement".into(),
        Condition::Any(v) if v.is_empty() => "an impossible requirement (no alternatives)".into(),
        Condition::All(v) => v
            .iter()
            .map(|x| describe(x, names))
            .collect::<Vec<_>>()
            .join(", and "),
        Condition::Any(v) => format!(
            "one of: {}",
            v.iter()
                .map(|x| describe(x, names))
                .collect::<Vec<_>>()
                .join("; or ")
        ),
        Condition::Not(x) => format!("not {}", describe(x, names)),
        Condition::Experience { years, field } => {
            let unit = if *years == 1.0 { "year" } else { "years" };
            match field {
                Some(f) => format!("{years} {unit} of experience in {f}"),
                None => format!("{years} {unit} of work experience"),
            }
        }
        Condition::Education(l) => l.words().to_string(),
        Condition::Holds { credential, active } => format!(
            "{}holding {}",
            if *active { "actively " } else { "" },
            label(names, credential)
        ),
        Condition::HoldsFrom { issuer, active } => format!(
            "holding {} credential from {issuer}",
            if *active { "an active" } else { "a" }
        ),
        Condition::MinAge(n) => format!("being at least {n} years old"),
        Condition::Passes(a) => format!("passing {}", label(names, a)),
        Condition::Completes(p) => format!("completing {}", label(names, p)),
        Condition::Statement(s) => format!("“{s}”"),
    }
}

fn met() -> Check {
    Check {
        verdict: Verdict::Met,
        missing: Vec::new(),
        to_confirm: Vec::new(),
        years_short: 0.0,
    }
}

fn not_met(item: String) -> Check {
    Check {
        verdict: Verdict::NotMet,
        missing: vec![item],
        to_confirm: Vec::new(),
        years_short: 0.0,
    }
}

fn matches_id(list: &[String], want: &str, names: &dyn Names) -> bool {
    let name = names.name(want);
    list.iter().any(|x| {
        x.eq_ignore_ascii_case(want) || name.as_deref().is_some_and(|n| x.eq_ignore_ascii_case(n))
    })
}

/// Evaluates a condition for a person on a date.
pub fn evaluate(c: &Condition, person: &Person, today: NaiveDate, names: &dyn Names) -> Check {
    match c {
        Condition::All(parts) => {
            let mut out = met();
            for p in parts {
                let r = evaluate(p, person, today, names);
                out.verdict = match (out.verdict, r.verdict) {
                    (Verdict::NotMet, _) | (_, Verdict::NotMet) => Verdict::NotMet,
                    (Verdict::Unknown, _) | (_, Verdict::Unknown) => Verdict::Unknown,
                    _ => Verdict::Met,
                };
                out.missing.extend(r.missing);
                out.to_confirm.extend(r.to_confirm);
                out.years_short = out.years_short.max(r.years_short);
            }
            out
        }
        Condition::Any(parts) => {
            let checks: Vec<Check> = parts
                .iter()
                .map(|p| evaluate(p, person, today, names))
                .collect();
            if checks.iter().any(|c| c.verdict == Verdict::Met) {
                return met();
            }
            if let Some(u) = checks.iter().find(|c| c.verdict == Verdict::Unknown) {
                return u.clone();
            }
            if checks.is_empty() {
                return not_met(describe(c, names));
            }
            let options: Vec<String> = checks.iter().map(|c| c.missing.join(" and ")).collect();
            Check {
                verdict: Verdict::NotMet,
                missing: vec![format!("one of: {}", options.join("; or "))],
                to_confirm: Vec::new(),
                years_short: checks
                    .iter()
                    .filter(|c| c.missing.len() == 1 && c.years_short > 0.0)
                    .map(|c| c.years_short)
                    .fold(0.0, f64::max),
            }
        }
        Condition::Not(inner) => match evaluate(inner, person, today, names).verdict {
            Verdict::Met => not_met(format!("must not meet: {}", describe(inner, names))),
            Verdict::NotMet => met(),
            Verdict::Unknown => Check {
                verdict: Verdict::Unknown,
                missing: Vec::new(),
                to_confirm: vec![format!("that you do not meet: {}", describe(inner, names))],
                years_short: 0.0,
            },
        },
        Condition::Experience { years, field } => {
            let have = person.experience_in(field.as_deref());
            if have + 1e-9 >= *years {
                met()
            } else {
                let short = years - have;
                let mut r = not_met(format!(
                    "{} more year(s) of experience{} (you have {have} of {years})",
                    round2(short),
                    field
                        .as_deref()
                        .map(|f| format!(" in {f}"))
                        .unwrap_or_default()
                ));
                r.years_short = short;
                r
            }
        }
        Condition::Education(level) => {
            if person.education >= *level {
                met()
            } else {
                not_met(format!(
                    "{} (you have {})",
                    level.words(),
                    person.education.words()
                ))
            }
        }
        Condition::Holds { credential, active } => match person.held(credential) {
            Some(h) if !*active || h.active_on(today) => met(),
            Some(h) => not_met(format!(
                "an active {} (yours expired on {})",
                label(names, credential),
                h.expires.map(|d| d.to_string()).unwrap_or_default()
            )),
            None => not_met(format!("the credential {}", label(names, credential))),
        },
        Condition::HoldsFrom { issuer, active } => {
            let from: Vec<_> = person
                .credentials
                .iter()
                .filter(|c| c.issuer.as_deref().is_some_and(|i| fields_match(issuer, i)))
                .collect();
            if from.iter().any(|c| !*active || c.active_on(today)) {
                met()
            } else if from.is_empty() {
                not_met(format!(
                    "{} credential from {issuer}",
                    if *active { "an active" } else { "a" }
                ))
            } else {
                not_met(format!(
                    "an active credential from {issuer} (yours have expired)"
                ))
            }
        }
        Condition::MinAge(n) => match person.age_on(today) {
            Some(a) if a >= *n => met(),
            Some(a) => not_met(format!("being at least {n} years old (you are {a})")),
            None => Check {
                verdict: Verdict::Unknown,
                missing: Vec::new(),
                to_confirm: vec![format!(
                    "that you are at least {n} years old (no age in your profile)"
                )],
                years_short: 0.0,
            },
        },
        Condition::Passes(a) => {
            if matches_id(&person.passed, a, names) {
                met()
            } else {
                not_met(format!("passing {}", label(names, a)))
            }
        }
        Condition::Completes(p) => {
            if matches_id(&person.completed, p, names) {
                met()
            } else {
                not_met(format!("completing {}", label(names, p)))
            }
        }
        Condition::Statement(s) => {
            if person
                .confirms
                .iter()
                .any(|c| c.trim().eq_ignore_ascii_case(s.trim()))
            {
                met()
            } else {
                Check {
                    verdict: Verdict::Unknown,
                    missing: Vec::new(),
                    to_confirm: vec![s.clone()],
                    years_short: 0.0,
                }
            }
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Checks a requirement alternative by alternative and says which one is satisfied.
pub fn check_eligibility(
    requirement: &Condition,
    person: &Person,
    today: NaiveDate,
    names: &dyn Names,
) -> Eligibility {
    let alternatives: Vec<AlternativeReport> = requirement
        .alternatives()
        .into_iter()
        .map(|alt| AlternativeReport {
            condition: alt.to_text(),
            description: describe(alt, names),
            check: evaluate(alt, person, today, names),
        })
        .collect();
    let satisfied_by = alternatives
        .iter()
        .find(|a| a.check.verdict == Verdict::Met)
        .map(|a| a.description.clone());
    let contradiction = requirement.contradiction();
    let verdict = if contradiction.is_some() {
        Verdict::NotMet
    } else if satisfied_by.is_some() {
        Verdict::Met
    } else if alternatives
        .iter()
        .any(|a| a.check.verdict == Verdict::Unknown)
    {
        Verdict::Unknown
    } else {
        Verdict::NotMet
    };
    Eligibility {
        verdict,
        condition: requirement.to_text(),
        satisfied_by,
        alternatives,
        as_of: today,
        contradiction,
    }
}
