//! Evidence from structured fields: renewal and revocation profiles, QA agent roles, issuer names,
//! conditions (experience, assessment targets, courses) and durations. Read before text cues.

use credence_model::{ConditionSummary, Record};

use crate::text::find_phrase;
use crate::{Evidence, Feature, Kind};

/// Agent roles that name the issuer (owner, offerer, NJ issuer id).
pub(crate) const ISSUER_ROLES: &[&str] = &[
    "ceterms:ownedBy",
    "ceterms:offeredBy",
    "ceterms:ownedOfferedBy",
    "nj:issuer",
];

/// Quality-assurance roles.
pub(crate) const QA_ROLES: &[&str] = &[
    "ceterms:accreditedBy",
    "ceterms:approvedBy",
    "ceterms:recognizedBy",
    "ceterms:regulatedBy",
];

/// Builds one evidence item.
fn ev(field: &str, span: String, kind: Kind, weight: f64, rule: &str) -> Evidence {
    Evidence {
        source_field: field.to_string(),
        span,
        points_to: kind,
        weight,
        rule: rule.to_string(),
    }
}

/// First 160 characters of a text, for evidence spans of structured values.
fn clip(text: &str) -> String {
    let t: String = text.chars().take(160).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// All text in a condition profile (name, description, requirements, experience, targets).
fn condition_text(c: &ConditionSummary) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(c.name.as_deref());
    parts.extend(c.description.as_deref());
    parts.extend(c.requirements.iter().map(String::as_str));
    parts.extend(c.experience.as_deref());
    parts.extend(c.targets.iter().map(String::as_str));
    parts.join(" | ")
}

/// Evidence from every structured field of the record.
pub(crate) fn structured_evidence(record: &Record) -> Vec<(Feature, Evidence)> {
    let mut out = Vec::new();
    renewal(record, &mut out);
    revocation(record, &mut out);
    qa_agents(record, &mut out);
    conditions(record, &mut out);
    durations(record, &mut out);
    out
}

/// `ceterms:renewal`: a maintained credential (certification; licenses renew too, but a
/// certificate does not).
fn renewal(record: &Record, out: &mut Vec<(Feature, Evidence)>) {
    for r in &record.renewal {
        let text = condition_text(r);
        let span = if text.is_empty() {
            "renewal profile present".to_string()
        } else {
            clip(&text)
        };
        let e = ev(
            "ceterms:renewal",
            span,
            Kind::Certification,
            3.0,
            "renewal rules published",
        );
        out.push((Feature::Maintenance, e));
        let ce = ["continuing education", "ceu", "contact hour", "recertif"];
        if let Some(hit) = ce.iter().find_map(|p| find_phrase(&text, p, true)) {
            let span = text[hit.start..hit.end].to_string();
            let e = ev(
                "ceterms:renewal",
                span,
                Kind::Certification,
                1.0,
                "continuing education to renew",
            );
            out.push((Feature::Maintenance, e));
        }
    }
}

/// `ceterms:revocation`: holders are tracked and can lose the credential.
fn revocation(record: &Record, out: &mut Vec<(Feature, Evidence)>) {
    if let Some(first) = record.revocation.first() {
        let span = if first.is_empty() {
            "revocation profile present".to_string()
        } else {
            clip(first)
        };
        let e = ev(
            "ceterms:revocation",
            span,
            Kind::Certification,
            2.0,
            "revocation profile: holders are identified and can lose it",
        );
        out.push((Feature::Identification, e));
    }
}

/// QA agents: regulation means a license; accreditation of a personnel certification or of a
/// degree-granting institution; approval of a training program.
fn qa_agents(record: &Record, out: &mut Vec<(Feature, Evidence)>) {
    for a in record
        .agents
        .iter()
        .filter(|a| QA_ROLES.contains(&a.role.as_str()))
    {
        let who = a.name.clone().or_else(|| a.id.clone()).unwrap_or_default();
        let lower = who.to_ascii_lowercase();
        let (kind, weight, rule) = match a.role.as_str() {
            "ceterms:regulatedBy" => (Kind::License, 3.5, "regulated by a government body"),
            "ceterms:accreditedBy" if lower.contains("higher") || lower.contains("colleges") => {
                (Kind::Degree, 2.5, "institutional accreditor of colleges")
            }
            "ceterms:accreditedBy"
                if lower.contains("ncca") || lower.contains("17024") || lower.contains("ansi") =>
            {
                (
                    Kind::Certification,
                    3.0,
                    "accredited as a personnel certification (NCCA / ISO/IEC 17024)",
                )
            }
            "ceterms:accreditedBy" => (Kind::Certification, 2.0, "accredited by a QA body"),
            "ceterms:recognizedBy" => (Kind::Certification, 1.0, "recognized by a QA body"),
            _ => (
                Kind::Certificate,
                1.0,
                "approved by a QA body (typical of training programs)",
            ),
        };
        let span = format!("{} {}", a.role, who).trim().to_string();
        out.push((Feature::Oversight, ev(&a.role, span, kind, weight, rule)));
    }
}

/// Conditions: prior experience, an exam to pass, or a course to complete.
fn conditions(record: &Record, out: &mut Vec<(Feature, Evidence)>) {
    for c in &record.conditions {
        condition(c, &format!("{} condition", c.kind), out);
        for alt in &c.alternatives {
            condition(alt, &format!("{} alternative", c.kind), out);
        }
    }
}

/// Evidence from one condition profile.
fn condition(c: &ConditionSummary, field: &str, out: &mut Vec<(Feature, Evidence)>) {
    if let Some(years) = c.years_of_experience.filter(|y| y.is_finite() && *y > 0.0) {
        let e = ev(
            field,
            format!("{years} years of experience"),
            Kind::Certification,
            2.0,
            "prior work experience required",
        );
        out.push((Feature::Requirements, e));
    } else if let Some(x) = c.experience.as_deref().filter(|x| !x.trim().is_empty()) {
        let e = ev(
            field,
            clip(x),
            Kind::Certification,
            2.0,
            "prior work experience required",
        );
        out.push((Feature::Requirements, e));
    }
    let text = condition_text(c);
    let exam = ["exam", "examination", "assessment", "test"];
    if let Some(hit) = exam.iter().find_map(|p| find_phrase(&text, p, false)) {
        let e = ev(
            field,
            text[hit.start..hit.end].to_string(),
            Kind::Certification,
            2.0,
            "passing an exam is a condition",
        );
        out.push((Feature::Assessment, e));
    }
    let course = ["course", "training", "program", "class"];
    if let Some(hit) = course.iter().find_map(|p| find_phrase(&text, p, true)) {
        let e = ev(
            field,
            text[hit.start..hit.end].to_string(),
            Kind::Certificate,
            1.0,
            "completing instruction is a condition",
        );
        out.push((Feature::ProviderRole, e));
    }
}

/// Durations: a time to complete means instruction; two years or more suggests a degree.
fn durations(record: &Record, out: &mut Vec<(Feature, Evidence)>) {
    let Some(d) = record.durations.first() else {
        return;
    };
    let iso = d.iso8601.clone().unwrap_or_default();
    let span = if iso.is_empty() {
        d.description.clone().map(|s| clip(&s)).unwrap_or_default()
    } else {
        iso.clone()
    };
    if years_of(&iso).is_some_and(|y| y >= 2.0) {
        let e = ev(
            "ceterms:estimatedDuration",
            span,
            Kind::Degree,
            1.5,
            "two years or more of study",
        );
        out.push((Feature::ProviderRole, e));
    } else {
        let e = ev(
            "ceterms:estimatedDuration",
            span,
            Kind::Certificate,
            1.0,
            "a time to complete: a program of instruction",
        );
        out.push((Feature::ProviderRole, e));
    }
}

/// Years in an ISO 8601 duration's `nY` part (`P2Y6M` → 2).
fn years_of(iso: &str) -> Option<f64> {
    let body = iso.strip_prefix('P')?;
    let (years, _) = body.split_once('Y')?;
    years.parse::<f64>().ok()
}

/// Names of the issuing agents (owner, offerer), in record order.
pub(crate) fn issuer_names(record: &Record) -> Vec<&str> {
    record
        .agents
        .iter()
        .filter(|a| ISSUER_ROLES.contains(&a.role.as_str()))
        .filter_map(|a| a.name.as_deref())
        .filter(|n| !n.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_parse() {
        assert_eq!(years_of("P2Y6M"), Some(2.0));
        assert_eq!(years_of("PT40H"), None);
        assert_eq!(years_of(""), None);
    }
}
