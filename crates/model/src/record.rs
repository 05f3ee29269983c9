//! A registry record: the normalized view credence analyses, plus the lossless JSON-LD it came from.

use serde::{Deserialize, Serialize};

use crate::Ctid;

/// The family a CTDL class belongs to; decides which pages and analyses apply to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordClass {
    /// `ceterms:Credential` or any subclass.
    Credential,
    /// `ceterms:Agent` subclasses: credential and QA organizations.
    Organization,
    /// `ceterms:AssessmentProfile`.
    Assessment,
    /// `ceterms:LearningOpportunityProfile`, `ceterms:Course`, `ceterms:LearningProgram`.
    LearningOpportunity,
    /// `ceterms:ConditionManifest`.
    ConditionManifest,
    /// `ceterms:CostManifest`.
    CostManifest,
    /// `ceasn:CompetencyFramework` and `ceasn:Competency`.
    Competency,
    /// `ceterms:Pathway` and its components.
    Pathway,
    /// `qdata:DataSetProfile` and other outcome data.
    OutcomeData,
    /// Anything else the registry publishes; stored and exported, not analysed.
    Other,
}

impl RecordClass {
    /// Stable lower-case name used in the store, the API and facets.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordClass::Credential => "credential",
            RecordClass::Organization => "organization",
            RecordClass::Assessment => "assessment",
            RecordClass::LearningOpportunity => "learning_opportunity",
            RecordClass::ConditionManifest => "condition_manifest",
            RecordClass::CostManifest => "cost_manifest",
            RecordClass::Competency => "competency",
            RecordClass::Pathway => "pathway",
            RecordClass::OutcomeData => "outcome_data",
            RecordClass::Other => "other",
        }
    }

    /// Inverse of [`RecordClass::as_str`]; unknown names become `Other`.
    pub fn parse(s: &str) -> RecordClass {
        match s {
            "credential" => RecordClass::Credential,
            "organization" => RecordClass::Organization,
            "assessment" => RecordClass::Assessment,
            "learning_opportunity" => RecordClass::LearningOpportunity,
            "condition_manifest" => RecordClass::ConditionManifest,
            "cost_manifest" => RecordClass::CostManifest,
            "competency" => RecordClass::Competency,
            "pathway" => RecordClass::Pathway,
            "outcome_data" => RecordClass::OutcomeData,
            _ => RecordClass::Other,
        }
    }
}

/// Whether a record is live; retired records stay for history and are ranked down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    /// Offered now.
    Active,
    /// Deprecated, suspended or deleted at the source; kept, not live.
    Retired,
    /// The source says nothing.
    Unknown,
}

impl Lifecycle {
    /// Stable name for storage.
    pub fn as_str(&self) -> &'static str {
        match self {
            Lifecycle::Active => "active",
            Lifecycle::Retired => "retired",
            Lifecycle::Unknown => "unknown",
        }
    }

    /// Inverse of [`Lifecycle::as_str`].
    pub fn parse(s: &str) -> Lifecycle {
        match s {
            "active" => Lifecycle::Active,
            "retired" => Lifecycle::Retired,
            _ => Lifecycle::Unknown,
        }
    }
}

/// A link from a record to an agent in some role (owner, offerer, accreditor, regulator…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentRef {
    /// The CTDL property that makes the link, e.g. `ceterms:ownedBy`, `ceterms:accreditedBy`.
    pub role: String,
    /// URI or CTID of the agent when the source gives one.
    pub id: Option<String>,
    /// The agent's name when the source embeds it.
    pub name: Option<String>,
}

/// Which code system a [`Code`] belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeScheme {
    /// SOC 2018 (`15-1211`).
    Soc2018,
    /// SOC 2010 (`15-1122`): must be crosswalked before use.
    Soc2010,
    /// O*NET-SOC (`15-1211.01`).
    OnetSoc,
    /// CIP 2020 (`52.0201`).
    Cip2020,
    /// NAICS 2022 (`621340`).
    Naics2022,
}

impl CodeScheme {
    /// Stable name for storage and facets.
    pub fn as_str(&self) -> &'static str {
        match self {
            CodeScheme::Soc2018 => "soc2018",
            CodeScheme::Soc2010 => "soc2010",
            CodeScheme::OnetSoc => "onet_soc",
            CodeScheme::Cip2020 => "cip2020",
            CodeScheme::Naics2022 => "naics2022",
        }
    }

    /// Inverse of [`CodeScheme::as_str`].
    pub fn parse(s: &str) -> Option<CodeScheme> {
        Some(match s {
            "soc2018" => CodeScheme::Soc2018,
            "soc2010" => CodeScheme::Soc2010,
            "onet_soc" => CodeScheme::OnetSoc,
            "cip2020" => CodeScheme::Cip2020,
            "naics2022" => CodeScheme::Naics2022,
            _ => return None,
        })
    }
}

/// An occupation, program or industry code attached to a record, with the text it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Code {
    /// Code system.
    pub scheme: CodeScheme,
    /// The code, normalized (`15-1211`, `52.0201`).
    pub code: String,
    /// The label the source gave.
    pub label: Option<String>,
}

/// One cost line (tuition, exam fee, renewal fee…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostItem {
    /// Amount in `currency`, when the source states one.
    pub amount: Option<f64>,
    /// ISO 4217 currency code.
    pub currency: Option<String>,
    /// What the cost is for (CTDL `directCostType` label or profile name).
    pub kind: Option<String>,
    /// Free-text description.
    pub description: Option<String>,
}

/// How long something takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DurationItem {
    /// ISO 8601 duration as published (`P2Y`, `PT40H`).
    pub iso8601: Option<String>,
    /// Free-text description.
    pub description: Option<String>,
}

/// A condition profile in summary: prerequisites, recommendations, renewal rules, with alternatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionSummary {
    /// CTDL property it came from (`ceterms:requires`, `ceterms:renewal`, …).
    pub kind: String,
    /// Profile name.
    pub name: Option<String>,
    /// Profile description.
    pub description: Option<String>,
    /// `ceterms:condition` lines and other requirement text.
    pub requirements: Vec<String>,
    /// Required experience, as published.
    pub experience: Option<String>,
    /// Years of experience when stated as a number.
    pub years_of_experience: Option<f64>,
    /// Referenced credentials, assessments or learning opportunities (URIs or names).
    pub targets: Vec<String>,
    /// Alternatives (`ceterms:alternativeCondition`): any one of them satisfies the condition.
    pub alternatives: Vec<ConditionSummary>,
}

/// Where a record came from: enough to cite it and to re-fetch it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Human-readable source, e.g. "Credential Engine Registry" or "New Jersey ETPL industry credentials".
    pub source: String,
    /// The file name it was read from.
    pub file: String,
    /// Record position inside the file: `line 12`, `@graph[0]`, or the `@id`.
    pub pointer: String,
    /// SHA-256 of the input file.
    pub file_sha256: String,
    /// License or attribution statement that must travel with the data.
    pub license: Option<String>,
}

/// A registry record as credence understands it, with the JSON-LD it was imported from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable key: the canonical CTID, or a namespaced local id (`nj-industry-430`).
    pub id: String,
    /// Canonical CTID when the record has one.
    pub ctid: Option<Ctid>,
    /// Declared CTDL class, compact (`ceterms:Certification`).
    pub ctdl_type: String,
    /// Family of the class.
    pub class: RecordClass,
    /// False when the type is not known yet (NJ industry credentials): never guessed silently.
    pub classified: bool,
    /// Display name (English preferred).
    pub name: String,
    /// Other names and acronyms.
    pub alternate_names: Vec<String>,
    /// Description (English preferred).
    pub description: Option<String>,
    /// Live or retired.
    pub lifecycle: Lifecycle,
    /// Publisher's page for it.
    pub subject_webpage: Option<String>,
    /// Owners, offerers, QA bodies and other agents.
    pub agents: Vec<AgentRef>,
    /// SOC, O*NET-SOC, CIP and NAICS codes.
    pub codes: Vec<Code>,
    /// Costs.
    pub costs: Vec<CostItem>,
    /// Durations.
    pub durations: Vec<DurationItem>,
    /// Prerequisites, recommendations, corequisites and entry conditions.
    pub conditions: Vec<ConditionSummary>,
    /// Renewal conditions.
    pub renewal: Vec<ConditionSummary>,
    /// Revocation profile descriptions.
    pub revocation: Vec<String>,
    /// Jurisdictions (state abbreviations, country names) where it applies.
    pub jurisdictions: Vec<String>,
    /// Keywords and subjects.
    pub keywords: Vec<String>,
    /// The JSON-LD node exactly as imported (embedded objects inline); the source of truth for export.
    pub document: serde_json::Value,
    /// Other graph nodes this record owns (blank nodes from the same `@graph`), kept for export.
    pub attached: Vec<serde_json::Value>,
    /// Where it came from.
    pub provenance: Provenance,
}

impl Record {
    /// A record with only its identity set and every other field empty; importers and tests
    /// fill in what their source says.
    pub fn new(
        id: impl Into<String>,
        ctdl_type: impl Into<String>,
        class: RecordClass,
        name: impl Into<String>,
    ) -> Record {
        Record {
            id: id.into(),
            ctid: None,
            ctdl_type: ctdl_type.into(),
            class,
            classified: true,
            name: name.into(),
            alternate_names: Vec::new(),
            description: None,
            lifecycle: Lifecycle::Unknown,
            subject_webpage: None,
            agents: Vec::new(),
            codes: Vec::new(),
            costs: Vec::new(),
            durations: Vec::new(),
            conditions: Vec::new(),
            renewal: Vec::new(),
            revocation: Vec::new(),
            jurisdictions: Vec::new(),
            keywords: Vec::new(),
            document: serde_json::Value::Null,
            attached: Vec::new(),
            provenance: Provenance::default(),
        }
    }

    /// Agents in one role, e.g. all `ceterms:accreditedBy` bodies.
    pub fn agents_in<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a AgentRef> {
        self.agents.iter().filter(move |a| a.role == role)
    }

    /// Codes of one scheme.
    pub fn codes_in(&self, scheme: CodeScheme) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(move |c| c.scheme == scheme)
    }
}
