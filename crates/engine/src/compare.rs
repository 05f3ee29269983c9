//! Side-by-side comparison of credentials: one table the CLI prints and the web page renders.

use serde::Serialize;

use crate::{format_wage, CredentialView};

/// One row of a comparison: a label and one cell per credential.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRow {
    /// What the row shows ("Cost to earn").
    pub label: &'static str,
    /// One cell per credential, in the order compared.
    pub cells: Vec<String>,
}

/// The comparison rows for some credential views, in reading order.
pub fn comparison_table(views: &[CredentialView]) -> Vec<ComparisonRow> {
    let row = |label, f: &dyn Fn(&CredentialView) -> String| ComparisonRow {
        label,
        cells: views.iter().map(f).collect(),
    };
    vec![
        row("Credential", &|v| v.record.name.clone()),
        row("Declared type", &|v| v.type_label.clone()),
        row("Evidence says", &|v| {
            let k = &v.type_call.classification;
            format!(
                "{} ({:.0}% confidence)",
                k.call.as_str(),
                k.confidence * 100.0
            )
        }),
        row("Issuer", &|v| or_none(v.issuers.join(", "))),
        row("Quality assurance", &|v| {
            or_none(
                v.quality_assurance
                    .iter()
                    .map(|q| format!("{}: {}", q.role, q.name))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }),
        row("Prerequisites", &|v| match v.record.conditions.len() {
            0 => "none recorded".into(),
            n => format!("{n} condition profile(s)"),
        }),
        row("Costs", &|v| {
            or_none(
                v.record
                    .costs
                    .iter()
                    .filter_map(|c| {
                        let what = c.kind.clone().or_else(|| c.description.clone())?;
                        Some(format!("{what}: {}", format_wage(c.amount, false, false)))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }),
        row("Duration", &|v| {
            or_none(
                v.record
                    .durations
                    .iter()
                    .filter_map(|d| d.iso8601.clone().or_else(|| d.description.clone()))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }),
        row("Quality signals", &|v| {
            let s = &v.quality.signals;
            let named = [
                ("accredited", &s.accreditation),
                ("recognized", &s.recognition),
                ("approved", &s.approval),
                ("regulated", &s.regulation),
                ("independent assessment", &s.independent_assessment),
                ("renewal", &s.renewal),
                ("continuing education", &s.continuing_education),
                ("revocation", &s.revocation),
                ("credit recommendation", &s.credit_recommendation),
            ];
            or_none(
                named
                    .iter()
                    .filter(|(_, sig)| sig.is_present())
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }),
        row("Renewal burden", &|v| {
            let b = &v.quality.renewal_burden;
            match (b.cost_per_year, b.hours_per_year, b.cycle_years) {
                (None, None, None) => "not stated".into(),
                (cost, hours, cycle) => format!(
                    "{} per year, {} hours per year{}",
                    format_wage(cost, false, false),
                    hours
                        .map(|h| format!("{h:.0}"))
                        .unwrap_or_else(|| "?".into()),
                    cycle
                        .map(|c| format!(" (every {c} years)"))
                        .unwrap_or_default()
                ),
            }
        }),
        row("Data quality", &|v| {
            let d = &v.quality.data_quality;
            let failed: Vec<&str> = d
                .checks
                .iter()
                .filter(|c| !c.passed)
                .map(|c| c.name.as_str())
                .collect();
            if failed.is_empty() {
                format!("{}/100", d.score)
            } else {
                format!("{}/100 (failed: {})", d.score, failed.join(", "))
            }
        }),
        row("Occupations (median wage)", &|v| {
            or_none(
                v.occupations
                    .iter()
                    .map(|o| {
                        let median = o.wages.as_ref().map(|w| w.formatted("median"));
                        format!("{} {}", o.title, median.unwrap_or_default())
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }),
        row("Source", &|v| v.record.provenance.source.clone()),
    ]
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "none recorded".into()
    } else {
        s
    }
}
