//! A person's profile (credentials held with dates, education, experience, age), read from TOML.
//!
//! Profiles are personal data: they are read, evaluated and dropped. Nothing here logs them, and
//! views built from them carry only what the person asked about.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::condition::EducationLevel;
use crate::error::PathwayError;

/// Years of work experience, optionally in a field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperienceEntry {
    /// Field, free text ("business", "IT support"); matched loosely against requirements.
    #[serde(default)]
    pub field: Option<String>,
    /// Years, finite and ≥ 0.
    pub years: f64,
}

/// A credential the person holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeldCredential {
    /// Record id or CTID.
    pub id: String,
    /// Issuer, for "any credential from this issuer" requirements.
    #[serde(default)]
    pub issuer: Option<String>,
    /// When it was earned.
    #[serde(default, deserialize_with = "date_opt")]
    pub earned: Option<NaiveDate>,
    /// When it lapses, if it does.
    #[serde(default, deserialize_with = "date_opt")]
    pub expires: Option<NaiveDate>,
}

impl HeldCredential {
    /// Whether it is still in force on `today`.
    pub fn active_on(&self, today: NaiveDate) -> bool {
        self.expires.is_none_or(|e| e >= today)
    }
}

/// Everything eligibility and planning need to know about a person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Age in years, if given directly.
    #[serde(default)]
    pub age: Option<u32>,
    /// Date of birth; age is computed from it when `age` is absent.
    #[serde(default, deserialize_with = "date_opt")]
    pub birth_date: Option<NaiveDate>,
    /// Highest education completed.
    #[serde(default = "no_education")]
    pub education: EducationLevel,
    /// Work experience.
    #[serde(default)]
    pub experience: Vec<ExperienceEntry>,
    /// Credentials held.
    #[serde(default)]
    pub credentials: Vec<HeldCredential>,
    /// Assessments passed (ids or names).
    #[serde(default)]
    pub passed: Vec<String>,
    /// Programs or learning opportunities completed (ids, CIP codes or names).
    #[serde(default)]
    pub completed: Vec<String>,
    /// Text-only requirements the person confirms meeting (matched exactly, case-insensitive).
    #[serde(default)]
    pub confirms: Vec<String>,
    /// Region for demand (`US-CO`, `GB`), if any.
    #[serde(default)]
    pub region: Option<String>,
    /// Current occupation (SOC), for wage gain.
    #[serde(default)]
    pub occupation: Option<String>,
}

fn no_education() -> EducationLevel {
    EducationLevel::None
}

/// Dates as TOML dates (`2024-05-01`) or strings (`"2024-05-01"`).
fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Toml(toml::value::Datetime),
    }
    let raw: Option<Raw> = Option::deserialize(d)?;
    let text = match raw {
        None => return Ok(None),
        Some(Raw::Text(s)) => s,
        Some(Raw::Toml(dt)) => dt.to_string(),
    };
    let day = text.get(..10).unwrap_or(&text);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
}

impl Person {
    /// Reads a profile from TOML text; `file` names it in errors (with line and column).
    pub fn from_toml(text: &str, file: &str) -> Result<Person, PathwayError> {
        let p: Person = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let before = text.get(..s.start).unwrap_or(text);
                    format!(
                        "line {}, column {}: ",
                        before.matches('\n').count() + 1,
                        before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1
                    )
                })
                .unwrap_or_default();
            PathwayError::Profile {
                file: file.to_string(),
                message: format!("{at}{}", e.message()),
            }
        })?;
        for (i, x) in p.experience.iter().enumerate() {
            if !x.years.is_finite() || x.years < 0.0 {
                return Err(PathwayError::Profile {
                    file: file.to_string(),
                    message: format!("experience[{i}].years must be a finite number ≥ 0"),
                });
            }
        }
        Ok(p)
    }

    /// Age on `today`, from `age` or `birth_date`.
    pub fn age_on(&self, today: NaiveDate) -> Option<u32> {
        self.age
            .or_else(|| self.birth_date.and_then(|b| today.years_since(b)))
    }

    /// Years of experience counting toward a field (`None` counts everything).
    pub fn experience_in(&self, field: Option<&str>) -> f64 {
        self.experience
            .iter()
            .filter(|e| match (field, e.field.as_deref()) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(want), Some(have)) => fields_match(want, have),
            })
            .map(|e| e.years)
            .sum()
    }

    /// The held credential with this id (ids compare case-insensitively).
    pub fn held(&self, id: &str) -> Option<&HeldCredential> {
        self.credentials
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(id))
    }

    /// Whether the person holds `id` (and, if `active`, still in force on `today`).
    pub fn holds(&self, id: &str, active: bool, today: NaiveDate) -> bool {
        self.held(id).is_some_and(|c| !active || c.active_on(today))
    }
}

/// Loose field match: either names the other, ignoring case ("IT" vs "IT support").
pub fn fields_match(want: &str, have: &str) -> bool {
    let w = want.trim().to_lowercase();
    let h = have.trim().to_lowercase();
    !w.is_empty() && !h.is_empty() && (w.contains(&h) || h.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_and_string_dates() {
        let p = Person::from_toml(
            r#"
education = "bachelor"
birth_date = 2000-02-29
[[credentials]]
id = "a"
earned = "2020-01-01"
expires = 2023-01-01
"#,
            "p.toml",
        )
        .unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(p.age_on(today), Some(26));
        assert!(p.holds("A", false, today));
        assert!(!p.holds("a", true, today));
    }

    #[test]
    fn bad_profile_names_line() {
        let e = Person::from_toml("education = \"wizard\"\n", "me.toml").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("me.toml: line 1"), "{msg}");
        let e = Person::from_toml("[[experience]]\nyears = -2\n", "me.toml").unwrap_err();
        assert!(e.to_string().contains("experience[0]"), "{e}");
    }
}
