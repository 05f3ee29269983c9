//! The twelve defining features of ICE's certificate-versus-certification comparison, and the
//! evidence the classifier attaches to each.

use serde::{Deserialize, Serialize};

use crate::Kind;

/// One of the twelve defining features (Institute for Credentialing Excellence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// 1. Primary intent / purpose (train vs. recognise competence vs. grant legal authority).
    Intent,
    /// 2. Program content and its validation (job analysis, role delineation).
    ContentValidation,
    /// 3. Program oversight (independent governance, accreditation, regulation).
    Oversight,
    /// 4. Provider role in education and training (training separated from assessment or not).
    ProviderRole,
    /// 5. Program requirements and prerequisites (experience, education, eligibility).
    Requirements,
    /// 6. Assessment (an independent exam, or a course assessment).
    Assessment,
    /// 7. Validation of the assessment (psychometrics).
    AssessmentValidation,
    /// 8. Standard setting (cut score).
    StandardSetting,
    /// 9. Ongoing evaluation of assessments (item analysis, form review).
    AssessmentEvaluation,
    /// 10. Credential maintenance (renewal, recertification, continuing education).
    Maintenance,
    /// 11. Identification of individuals (registry of holders, verification, revocation).
    Identification,
    /// 12. Public statements of program purpose (what the credential calls itself).
    PublicStatements,
}

impl Feature {
    /// All twelve, in ICE's order.
    pub const ALL: [Feature; 12] = [
        Feature::Intent,
        Feature::ContentValidation,
        Feature::Oversight,
        Feature::ProviderRole,
        Feature::Requirements,
        Feature::Assessment,
        Feature::AssessmentValidation,
        Feature::StandardSetting,
        Feature::AssessmentEvaluation,
        Feature::Maintenance,
        Feature::Identification,
        Feature::PublicStatements,
    ];

    /// Human-readable title for tables.
    pub fn title(self) -> &'static str {
        match self {
            Feature::Intent => "Primary intent",
            Feature::ContentValidation => "Content validation (job analysis)",
            Feature::Oversight => "Oversight (independent governance)",
            Feature::ProviderRole => "Provider role in training",
            Feature::Requirements => "Requirements and prerequisites",
            Feature::Assessment => "Assessment",
            Feature::AssessmentValidation => "Validation of the assessment",
            Feature::StandardSetting => "Standard setting (cut score)",
            Feature::AssessmentEvaluation => "Evaluation of assessments",
            Feature::Maintenance => "Credential maintenance (renewal, CE)",
            Feature::Identification => "Identification of individuals (registry, revocation)",
            Feature::PublicStatements => "Public statements of purpose",
        }
    }
}

/// One piece of evidence: where it was found, the exact text, and which kind it points to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Field it came from: `name`, `description`, `alternate_name`, `keyword`, `issuer`,
    /// or a CTDL property such as `ceterms:renewal` or `ceterms:accreditedBy`.
    pub source_field: String,
    /// The exact text found (a span of the field, or a summary of a structured value).
    pub span: String,
    /// The kind this evidence argues for.
    pub points_to: Kind,
    /// How strongly it argues (the rule's weight times the field's weight).
    pub weight: f64,
    /// The rule that fired, in words.
    pub rule: String,
}

/// Whether anything was found for a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureStatus {
    /// At least one piece of evidence.
    Found,
    /// The record says nothing this classifier can read about the feature.
    NoEvidence,
}

/// The evidence for one defining feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureEvidence {
    /// Which feature.
    pub feature: Feature,
    /// Its title, for display.
    pub title: String,
    /// Found or no evidence.
    pub status: FeatureStatus,
    /// Evidence items, strongest first.
    pub evidence: Vec<Evidence>,
}

impl FeatureEvidence {
    /// Groups evidence by feature: always exactly twelve entries, in ICE order.
    pub fn group(items: Vec<(Feature, Evidence)>) -> Vec<FeatureEvidence> {
        Feature::ALL
            .into_iter()
            .map(|feature| {
                let mut evidence: Vec<Evidence> = items
                    .iter()
                    .filter(|(f, _)| *f == feature)
                    .map(|(_, e)| e.clone())
                    .collect();
                evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight));
                let status = if evidence.is_empty() {
                    FeatureStatus::NoEvidence
                } else {
                    FeatureStatus::Found
                };
                FeatureEvidence {
                    feature,
                    title: feature.title().to_string(),
                    status,
                    evidence,
                }
            })
            .collect()
    }
}
