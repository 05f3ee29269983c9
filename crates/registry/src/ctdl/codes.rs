//! Occupation, industry and program codes from alignment objects (`codedNotation`, or labels such as
//! `CIP Code: 52.0201`) and plain code lists (`ceterms:naics`), with the code system detected from
//! the code's shape: O*NET-SOC `NN-NNNN.NN`, SOC `NN-NNNN`, CIP `NN.NNNN`, NAICS 2–6 digits.

use credence_model::{Code, CodeScheme};
use serde_json::Value;

use super::record::Findings;
use crate::jsonld::{list, text, text_of, Node};

/// Which code systems a property may carry.
#[derive(Clone, Copy, PartialEq)]
enum Family {
    /// SOC or O*NET-SOC.
    Occupation,
    /// NAICS.
    Industry,
    /// CIP.
    Program,
    /// Any, but only from `… Code: X` labels (subjects are mostly free text).
    Subject,
}

/// Code-bearing properties and what they may hold.
const PROPERTIES: &[(&str, Family)] = &[
    ("ceterms:occupationType", Family::Occupation),
    ("ceterms:industryType", Family::Industry),
    ("ceterms:naics", Family::Industry),
    ("ceterms:instructionalProgramType", Family::Program),
    ("ceterms:subject", Family::Subject),
];

/// All codes of a node, deduplicated; invalid code text is a warning naming the property.
pub(crate) fn codes(node: &Node, f: &mut Findings) -> Vec<Code> {
    let mut out: Vec<Code> = Vec::new();
    for (property, family) in PROPERTIES {
        for value in list(node.get(*property)) {
            let Some(candidate) = candidate(value, *family) else {
                continue;
            };
            match detect(&candidate.text, candidate.vintage_2010) {
                Some((scheme, code)) if accepts(*family, &scheme) => {
                    push_unique(
                        &mut out,
                        Code {
                            scheme,
                            code,
                            label: candidate.label,
                        },
                    );
                }
                _ if *family == Family::Subject => {}
                _ => f.warn(
                    property,
                    format!(
                        "`{}` is not a valid {} code",
                        candidate.text,
                        family_name(*family)
                    ),
                ),
            }
        }
    }
    out
}

/// Code text found in one value, with its label and vintage hint.
struct Candidate {
    text: String,
    label: Option<String>,
    vintage_2010: bool,
}

/// Reads the code text of an alignment object or a plain string; `None` when there is no code.
fn candidate(value: &Value, family: Family) -> Option<Candidate> {
    match value {
        Value::Object(map) => object_candidate(map, family),
        other => {
            let raw = text(Some(other))?;
            if family == Family::Subject {
                return labeled_code(&raw).map(|t| Candidate {
                    text: t,
                    label: None,
                    vintage_2010: false,
                });
            }
            Some(Candidate {
                text: code_from_uri(&raw),
                label: None,
                vintage_2010: raw.contains("2010"),
            })
        }
    }
}

/// An alignment object: `codedNotation`, else a `… Code: X` framework or target name.
fn object_candidate(map: &Node, family: Family) -> Option<Candidate> {
    let label = text_of(map, &["ceterms:targetNodeName"]);
    let hints = [
        "ceterms:framework",
        "ceterms:frameworkName",
        "ceterms:codedNotation",
    ];
    let vintage_2010 = hints
        .iter()
        .filter_map(|k| text_of(map, &[k]))
        .any(|t| t.contains("2010"));
    let notation = if family == Family::Subject {
        None
    } else {
        text_of(map, &["ceterms:codedNotation"])
    };
    let text = notation.or_else(|| {
        ["ceterms:targetNodeName", "ceterms:frameworkName"]
            .iter()
            .filter_map(|k| text_of(map, &[k]))
            .find_map(|t| labeled_code(&t))
    })?;
    let label = label.filter(|l| !looks_like_code_label(l));
    Some(Candidate {
        text,
        label,
        vintage_2010,
    })
}

/// Whether a name is really a code label such as `CIP Code: 52.0201`.
pub(crate) fn looks_like_code_label(name: &str) -> bool {
    labeled_code(name).is_some()
}

/// The code after `Code:` in a label.
fn labeled_code(label: &str) -> Option<String> {
    let lower = label.to_ascii_lowercase();
    let at = lower.find("code:")?;
    let rest = label.get(at + 5..)?.trim();
    let token = rest.split_whitespace().next()?;
    Some(token.trim_end_matches([',', ';', '.', ')']).to_string()).filter(|t| !t.is_empty())
}

/// A code inside a URI (`…?code=5613&…`, `…/summary/15-1122.00`), else the text itself.
fn code_from_uri(raw: &str) -> String {
    if !raw.starts_with("http") {
        return raw.to_string();
    }
    if let Some((_, after)) = raw.split_once("code=") {
        return after.split('&').next().unwrap_or(after).to_string();
    }
    raw.rsplit('/').next().unwrap_or(raw).to_string()
}

/// Detects the code system from the code's shape; `vintage_2010` turns SOC forms into SOC 2010.
pub(crate) fn detect(raw: &str, vintage_2010: bool) -> Option<(CodeScheme, String)> {
    let code = raw.trim();
    let shape: String = code
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    let soc = |c: &str| {
        if vintage_2010 {
            (CodeScheme::Soc2010, c.get(..7).unwrap_or(c).to_string())
        } else {
            (CodeScheme::Soc2018, c.to_string())
        }
    };
    match shape.as_str() {
        "99-9999.99" if vintage_2010 => Some(soc(code)),
        "99-9999.99" => Some((CodeScheme::OnetSoc, code.to_string())),
        "99-9999" => Some(soc(code)),
        "99.9999" => Some((CodeScheme::Cip2020, code.to_string())),
        s if (2..=6).contains(&s.len()) && s.chars().all(|c| c == '9') => {
            Some((CodeScheme::Naics2022, code.to_string()))
        }
        _ => None,
    }
}

/// Whether a property may carry a scheme.
fn accepts(family: Family, scheme: &CodeScheme) -> bool {
    match family {
        Family::Occupation => matches!(
            scheme,
            CodeScheme::OnetSoc | CodeScheme::Soc2018 | CodeScheme::Soc2010
        ),
        Family::Industry => *scheme == CodeScheme::Naics2022,
        Family::Program => *scheme == CodeScheme::Cip2020,
        Family::Subject => true,
    }
}

/// Words for messages.
fn family_name(family: Family) -> &'static str {
    match family {
        Family::Occupation => "SOC or O*NET-SOC",
        Family::Industry => "NAICS",
        Family::Program => "CIP",
        Family::Subject => "classification",
    }
}

/// Adds a code unless the same scheme and code are present; a later label fills a missing one.
fn push_unique(out: &mut Vec<Code>, code: Code) {
    match out
        .iter_mut()
        .find(|c| c.scheme == code.scheme && c.code == code.code)
    {
        Some(existing) => {
            if existing.label.is_none() {
                existing.label = code.label;
            }
        }
        None => out.push(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(
            detect("15-1122.00", false),
            Some((CodeScheme::OnetSoc, "15-1122.00".into()))
        );
        assert_eq!(
            detect("15-1122.00", true),
            Some((CodeScheme::Soc2010, "15-1122".into()))
        );
        assert_eq!(
            detect("15-1211", false),
            Some((CodeScheme::Soc2018, "15-1211".into()))
        );
        assert_eq!(
            detect("52.0201", false),
            Some((CodeScheme::Cip2020, "52.0201".into()))
        );
        assert_eq!(
            detect("62", false),
            Some((CodeScheme::Naics2022, "62".into()))
        );
        assert_eq!(detect("6", false), None);
        assert_eq!(detect("1234567", false), None);
        assert_eq!(
            labeled_code("CIP Code: 52.0201").as_deref(),
            Some("52.0201")
        );
        assert_eq!(
            code_from_uri("https://x/naicsrch?code=5613&search=2012"),
            "5613"
        );
    }
}
