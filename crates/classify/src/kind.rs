//! The credential kinds the classifier tells apart, and how declared CTDL types map onto them.

use serde::{Deserialize, Serialize};

/// A credential kind in the sense of the ICE certificate/certification distinction, plus licenses,
/// badges and degrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Training-based or assessment-based certificate: awarded for completing a learning event.
    Certificate,
    /// Professional certification: independent assessment of previously acquired competence, renewed.
    Certification,
    /// Government-issued legal authority to practise.
    License,
    /// Badge or micro-credential.
    Badge,
    /// Degree or diploma awarded by an educational institution.
    Degree,
    /// The evidence is too thin to decide.
    Unknown,
}

impl Kind {
    /// Every kind, in report order (`Unknown` last).
    pub const ALL: [Kind; 6] = [
        Kind::Certificate,
        Kind::Certification,
        Kind::License,
        Kind::Badge,
        Kind::Degree,
        Kind::Unknown,
    ];

    /// The five decidable kinds (everything but `Unknown`).
    pub const DECIDABLE: [Kind; 5] = [
        Kind::Certificate,
        Kind::Certification,
        Kind::License,
        Kind::Badge,
        Kind::Degree,
    ];

    /// Stable lower-case name used in the labelled set, the API and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Certificate => "certificate",
            Kind::Certification => "certification",
            Kind::License => "license",
            Kind::Badge => "badge",
            Kind::Degree => "degree",
            Kind::Unknown => "unknown",
        }
    }

    /// Inverse of [`Kind::as_str`]; anything else is `None`.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Position in [`Kind::ALL`], used to index score and confusion tables.
    pub fn index(self) -> usize {
        match self {
            Kind::Certificate => 0,
            Kind::Certification => 1,
            Kind::License => 2,
            Kind::Badge => 3,
            Kind::Degree => 4,
            Kind::Unknown => 5,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Certificate-like CTDL classes (everything CTDL files under "certificate").
const CERTIFICATE_TYPES: &[&str] = &[
    "Certificate",
    "ApprenticeshipCertificate",
    "JourneymanCertificate",
    "MasterCertificate",
    "CertificateOfCompletion",
    "CertificateOfParticipation",
    "ProficiencyCertificate",
    "ProfessionalCertificate",
    "AcademicCertificate",
    "BasicTechnicalCertificate",
    "AdvancedTechnicalCertificate",
    "PostSecondaryCertificate",
];

/// Badge-like CTDL and Open Badges classes.
const BADGE_TYPES: &[&str] = &[
    "Badge",
    "DigitalBadge",
    "OpenBadge",
    "MicroCredential",
    "Microcredential",
];

/// The kind a declared CTDL type claims, or `None` for generic or non-credential types
/// (`ceterms:Credential`, `ceterms:QualityAssuranceCredential`, organizations, …).
pub fn declared_kind(ctdl_type: &str) -> Option<Kind> {
    let local = ctdl_type
        .rsplit([':', '/', '#'])
        .next()
        .unwrap_or("")
        .trim();
    if local == "Certification" {
        return Some(Kind::Certification);
    }
    if local == "License" {
        return Some(Kind::License);
    }
    if BADGE_TYPES.contains(&local) {
        return Some(Kind::Badge);
    }
    if local.ends_with("Degree") || local.ends_with("Diploma") || local == "Doctorate" {
        return Some(Kind::Degree);
    }
    if CERTIFICATE_TYPES.contains(&local) || local.ends_with("Certificate") {
        return Some(Kind::Certificate);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_declared_types() {
        assert_eq!(
            declared_kind("ceterms:Certification"),
            Some(Kind::Certification)
        );
        assert_eq!(
            declared_kind("ceterms:ApprenticeshipCertificate"),
            Some(Kind::Certificate)
        );
        assert_eq!(declared_kind("ceterms:MasterDegree"), Some(Kind::Degree));
        assert_eq!(
            declared_kind("ceterms:SecondarySchoolDiploma"),
            Some(Kind::Degree)
        );
        assert_eq!(declared_kind("ceterms:DigitalBadge"), Some(Kind::Badge));
        assert_eq!(declared_kind("ceterms:License"), Some(Kind::License));
        assert_eq!(declared_kind("ceterms:Credential"), None);
        assert_eq!(declared_kind(""), None);
    }

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
            assert_eq!(Kind::ALL[k.index()], k);
        }
    }
}
