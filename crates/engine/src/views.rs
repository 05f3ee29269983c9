//! Plain view structs the edges render: product vocabulary, every figure with its source.

use credence_model::Record;
use credence_store::RecordSummary;
use serde::Serialize;

pub use credence_store::reference::{JobZone, OnetOccupation, RelatedOccupation, Wages};

/// Everything a credential page shows.
#[derive(Debug, Clone, Serialize)]
pub struct CredentialView {
    /// The record as normalized, with its JSON-LD.
    pub record: Record,
    /// "Certification", "License", … or "Unclassified".
    pub type_label: String,
    /// The CTDL definition of that type, so readers learn what the label means.
    pub type_definition: Option<String>,
    /// Owner / offerer / issuer names.
    pub issuers: Vec<String>,
    /// Accreditation, approval, recognition and regulation, in plain words.
    pub quality_assurance: Vec<AgentView>,
    /// Occupations the credential leads to, with wages.
    pub occupations: Vec<OccupationLink>,
    /// Change history: each version and the fields it changed.
    pub history: Vec<crate::HistoryEntry>,
    /// What kind of credential the evidence says it is, feature by feature.
    pub type_call: crate::TypeCall,
    /// Quality signals, data-quality checks and renewal burden.
    pub quality: crate::QualityView,
    /// The same credential under other records (other sources, other names), best first.
    pub same_as: Vec<crate::SameAsView>,
    /// The cluster's canonical record, when it is another one.
    pub canonical: Option<String>,
    /// The exam blueprint (domains and weights), when one was imported.
    pub blueprint: Option<credence_quality::Blueprint>,
}

/// An agent in a role, resolved to a name where possible.
#[derive(Debug, Clone, Serialize)]
pub struct AgentView {
    /// Plain-language role ("Accredited by").
    pub role: String,
    /// Name, or the reference when no name is known.
    pub name: String,
    /// Local record id when the agent is in the registry.
    pub record_id: Option<String>,
}

/// A credential → occupation link with how it was made.
#[derive(Debug, Clone, Serialize)]
pub struct OccupationLink {
    /// SOC 2018 detailed code.
    pub soc: String,
    /// SOC title.
    pub title: String,
    /// How the link was made ("O*NET-SOC 29-1141.00", "SOC 2010 15-1132 via BLS crosswalk").
    pub via: String,
    /// National wages, when published.
    pub wages: Option<Wages>,
}

/// Everything an occupation page shows.
#[derive(Debug, Clone, Serialize)]
pub struct OccupationView {
    /// SOC 2018 code.
    pub soc: String,
    /// SOC title.
    pub title: String,
    /// SOC level (Major, Minor, Broad, Detailed).
    pub level: String,
    /// BLS definition.
    pub definition: Option<String>,
    /// O*NET occupations under this SOC code.
    pub onet: Vec<OnetOccupation>,
    /// O*NET job zone (preparation needed).
    pub job_zone: Option<JobZone>,
    /// National wage distribution.
    pub wages: Option<Wages>,
    /// O*NET related occupations.
    pub related: Vec<RelatedOccupation>,
    /// Sample of O*NET alternate titles.
    pub alternate_titles: Vec<String>,
    /// O*NET hot technologies.
    pub hot_technologies: Vec<String>,
    /// Programs (CIP 2020) that prepare for it.
    pub programs: Vec<(String, String)>,
    /// Credentials in the registry linked to it.
    pub credentials: Vec<RecordSummary>,
    /// Attribution strings for every source shown.
    pub attribution: Vec<String>,
}
