//! The rule table: text cues with the kind they point to, the defining feature they bear on, and a
//! weight. Read this file to know everything the text side of the classifier does.
//!
//! Weights are on one scale: 4 is a cue that alone decides (a credential calling itself a
//! "license" or a "degree"), 2 to 3 is strong but contestable, 1 to 1.5 is a hint. Text from the
//! name counts in full, alternate names ×0.8, the description ×0.6 and keywords ×0.5
//! ([`FIELD_WEIGHTS`]). A phrase nested in a longer matched phrase is not counted twice.

use serde::Serialize;

use crate::{Feature, Kind};

/// One text rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cue {
    /// Lower-case ASCII phrase, matched case-insensitively on word boundaries.
    pub phrase: &'static str,
    /// When true the phrase may be a word prefix (`recertif` matches "recertification").
    pub prefix: bool,
    /// Kind the cue argues for.
    pub points_to: Kind,
    /// Defining feature it is evidence about.
    pub feature: Feature,
    /// Weight before the field factor.
    pub weight: f64,
    /// Why the rule exists, in words.
    pub why: &'static str,
}

/// Shorthand for a whole-phrase cue.
#[rustfmt::skip]
const fn w(phrase: &'static str, points_to: Kind, feature: Feature, weight: f64, why: &'static str) -> Cue {
    Cue { phrase, prefix: false, points_to, feature, weight, why }
}

/// Shorthand for a word-prefix cue.
#[rustfmt::skip]
const fn p(phrase: &'static str, points_to: Kind, feature: Feature, weight: f64, why: &'static str) -> Cue {
    Cue { phrase, prefix: true, points_to, feature, weight, why }
}

use Feature as F;
use Kind as K;

/// Cues read in the name, alternate names, description and keywords.
#[rustfmt::skip]
pub const TEXT_CUES: &[Cue] = &[
    // Certificates: a learning event completed.
    w("certificate of completion", K::Certificate, F::ProviderRole, 4.0, "awarded for completing training"),
    w("course completion", K::Certificate, F::ProviderRole, 3.5, "awarded for completing a course"),
    w("completion card", K::Certificate, F::ProviderRole, 3.5, "course completion card (OSHA, CPR)"),
    w("certificate of attendance", K::Certificate, F::ProviderRole, 4.0, "attendance, not assessment"),
    w("certificate of participation", K::Certificate, F::ProviderRole, 4.0, "participation, not assessment"),
    w("certificate program", K::Certificate, F::ProviderRole, 3.5, "a program of instruction"),
    w("post-master's certificate", K::Certificate, F::Intent, 4.5, "graduate certificate, not a degree"),
    w("post-baccalaureate certificate", K::Certificate, F::Intent, 4.5, "graduate certificate, not a degree"),
    w("certificate in", K::Certificate, F::Intent, 3.5, "\"Certificate in …\" names a course of study"),
    w("certificate of", K::Certificate, F::Intent, 3.0, "\"Certificate of …\" names an award"),
    w("certificate", K::Certificate, F::PublicStatements, 2.5, "calls itself a certificate"),
    w("certification training", K::Certificate, F::ProviderRole, 3.5, "training that prepares for a certification"),
    w("certification prep", K::Certificate, F::ProviderRole, 3.5, "preparation course, not the certification"),
    w("exam prep", K::Certificate, F::ProviderRole, 3.0, "preparation course"),
    w("training", K::Certificate, F::ProviderRole, 1.0, "the provider trains"),
    w("course", K::Certificate, F::ProviderRole, 1.0, "the provider teaches a course"),
    w("workshop", K::Certificate, F::ProviderRole, 1.0, "the provider teaches a workshop"),
    w("card", K::Certificate, F::ProviderRole, 2.0, "wallet card issued after a course"),
    w("first aid", K::Certificate, F::ProviderRole, 1.0, "first-aid courses end in a completion card"),
    w("attendance", K::Certificate, F::Assessment, 1.5, "attendance rather than an assessment"),
    // Certifications: independent assessment of competence, maintained.
    w("board certified", K::Certification, F::Oversight, 4.0, "board certification"),
    w("board certification", K::Certification, F::Oversight, 4.0, "board certification"),
    w("diplomate", K::Certification, F::Oversight, 3.5, "diplomate of a certifying board"),
    w("certified", K::Certification, F::PublicStatements, 3.0, "\"Certified …\" designation of a holder"),
    w("certification", K::Certification, F::PublicStatements, 3.0, "calls itself a certification"),
    w("bc", K::Certification, F::PublicStatements, 2.0, "-BC (board certified) suffix"),
    p("recertif", K::Certification, F::Maintenance, 4.0, "recertification"),
    w("renew every", K::Certification, F::Maintenance, 2.0, "periodic renewal"),
    w("continuing education", K::Certification, F::Maintenance, 1.5, "continuing education to maintain it"),
    w("ceu", K::Certification, F::Maintenance, 1.5, "continuing education units"),
    w("ceus", K::Certification, F::Maintenance, 1.5, "continuing education units"),
    w("job analysis", K::Certification, F::ContentValidation, 3.0, "content from a job analysis"),
    w("practice analysis", K::Certification, F::ContentValidation, 3.0, "content from a practice analysis"),
    w("role delineation", K::Certification, F::ContentValidation, 3.0, "content from a role delineation"),
    p("psychometric", K::Certification, F::AssessmentValidation, 3.0, "psychometrically validated exam"),
    w("cut score", K::Certification, F::StandardSetting, 3.0, "standard setting"),
    w("passing score", K::Certification, F::StandardSetting, 1.5, "a passing standard"),
    w("angoff", K::Certification, F::StandardSetting, 3.0, "Angoff standard setting"),
    w("item analysis", K::Certification, F::AssessmentEvaluation, 2.0, "ongoing evaluation of exam items"),
    w("proctored", K::Certification, F::Assessment, 2.0, "proctored exam"),
    w("examination", K::Certification, F::Assessment, 1.5, "an examination"),
    w("exam", K::Certification, F::Assessment, 1.0, "an exam"),
    w("ncca", K::Certification, F::Oversight, 3.0, "NCCA-accredited certification"),
    w("17024", K::Certification, F::Oversight, 3.0, "ISO/IEC 17024 personnel certification"),
    // Licenses: legal authority, government issuer.
    w("license", K::License, F::Intent, 4.0, "calls itself a license"),
    w("licence", K::License, F::Intent, 4.0, "calls itself a licence"),
    w("licensed", K::License, F::Intent, 4.5, "\"Licensed …\" title: legal authority"),
    w("licensure", K::License, F::Intent, 3.5, "licensure"),
    w("licensing", K::License, F::Intent, 3.0, "licensing"),
    w("permit", K::License, F::Intent, 2.5, "a permit to practise"),
    w("state board", K::License, F::Oversight, 3.0, "a state board"),
    w("registered", K::License, F::Identification, 1.0, "on a state register"),
    w("commercial driver", K::License, F::Intent, 2.0, "commercial driver's license"),
    w("in training", K::License, F::Requirements, 1.0, "regulated trainee grade (engineer in training)"),
    w("in-training", K::License, F::Requirements, 2.0, "regulated trainee grade (engineer-in-training)"),
    // Degrees and diplomas.
    w("degree", K::Degree, F::PublicStatements, 4.0, "calls itself a degree"),
    p("bachelor", K::Degree, F::PublicStatements, 4.0, "bachelor's degree"),
    w("master of", K::Degree, F::PublicStatements, 3.5, "master's degree"),
    w("master's", K::Degree, F::PublicStatements, 3.5, "master's degree"),
    w("masters", K::Degree, F::PublicStatements, 3.5, "master's degree"),
    w("doctor of", K::Degree, F::PublicStatements, 3.5, "doctoral degree"),
    w("doctoral", K::Degree, F::PublicStatements, 4.0, "doctoral degree"),
    w("doctorate", K::Degree, F::PublicStatements, 4.0, "doctorate"),
    w("associate of", K::Degree, F::PublicStatements, 3.5, "associate degree"),
    w("associate's", K::Degree, F::PublicStatements, 3.5, "associate degree"),
    w("diploma", K::Degree, F::PublicStatements, 3.5, "a diploma"),
    w("high school", K::Degree, F::PublicStatements, 2.5, "high-school diploma"),
    w("phd", K::Degree, F::PublicStatements, 3.5, "doctorate"),
    w("mba", K::Degree, F::PublicStatements, 3.0, "master's degree"),
    // Badges and micro-credentials.
    w("badge", K::Badge, F::PublicStatements, 4.0, "calls itself a badge"),
    w("digital badge", K::Badge, F::PublicStatements, 4.5, "digital badge"),
    w("open badge", K::Badge, F::PublicStatements, 4.5, "Open Badge"),
    w("micro-credential", K::Badge, F::PublicStatements, 4.0, "micro-credential"),
    w("micro credential", K::Badge, F::PublicStatements, 4.0, "micro-credential"),
    w("microcredential", K::Badge, F::PublicStatements, 4.0, "micro-credential"),
    w("nanodegree", K::Badge, F::PublicStatements, 4.0, "nanodegree (a micro-credential)"),
];

/// Cues read in issuer (owner, offerer) names.
#[rustfmt::skip]
pub const ISSUER_CUES: &[Cue] = &[
    w("state board", K::License, F::Oversight, 3.5, "a state board issues licenses"),
    w("department of", K::License, F::Oversight, 3.0, "a government department"),
    w("state of", K::License, F::Oversight, 3.0, "a state government"),
    w("division of", K::License, F::Oversight, 2.5, "a government division"),
    w("bureau of", K::License, F::Oversight, 2.5, "a government bureau"),
    w("licensing", K::License, F::Oversight, 3.0, "a licensing authority"),
    w("agency", K::License, F::Oversight, 1.5, "a government agency"),
    w("ministry", K::License, F::Oversight, 2.5, "a government ministry"),
    w("federal communications commission", K::License, F::Oversight, 3.0, "FCC licenses"),
    w("board of", K::License, F::Oversight, 1.0, "a board (often a state board)"),
    p("certif", K::Certification, F::Oversight, 3.5, "a certification body"),
    w("board for certification", K::Certification, F::Oversight, 4.0, "a certification board"),
    w("board of certification", K::Certification, F::Oversight, 4.0, "a certification board"),
    p("credentialing", K::Certification, F::Oversight, 3.5, "a credentialing body"),
    w("osteopathic board", K::Certification, F::Oversight, 3.0, "an osteopathic specialty board"),
    w("association", K::Certification, F::Oversight, 1.5, "professional associations certify; governments license"),
    w("society", K::Certification, F::Oversight, 1.0, "professional societies certify"),
    w("academy", K::Certification, F::Oversight, 1.0, "professional academies certify"),
    w("registry", K::Certification, F::Oversight, 3.0, "a national registry of holders"),
    w("american board", K::Certification, F::Oversight, 3.0, "a specialty certification board"),
    w("national board", K::Certification, F::Oversight, 2.5, "a national certification board"),
    w("commission on dietetic registration", K::Certification, F::Oversight, 3.0, "a certification commission"),
    w("university", K::Degree, F::Oversight, 2.5, "a university awards degrees"),
    w("community college", K::Degree, F::Oversight, 2.0, "a college awards degrees and certificates"),
    w("college", K::Degree, F::Oversight, 1.0, "a college (or a professional college)"),
    w("school of", K::Degree, F::Oversight, 1.5, "a school awards degrees and diplomas"),
];

/// Occupations commonly licensed by U.S. states. Matched in the name only, when the name carries
/// no stronger cue; weight [`OCCUPATION_WEIGHT`]. Written from general knowledge of state
/// licensing (and, see `docs/classification.md`, after reading the NJ license table).
#[rustfmt::skip]
pub const LICENSED_OCCUPATIONS: &[&str] = &[
    "accountant", "acupuncturist", "architect", "attorney", "lawyer", "audiologist",
    "speech pathologist", "barber", "cosmetologist", "hairstylist", "manicurist", "esthetician",
    "electrologist", "electrician", "electrical contractor", "plumber", "refrigeration",
    "boiler operator", "operating engineer", "crane operator", "blaster", "inspector",
    "contractor", "chiropractor", "dentist", "dental hygienist", "dental assistant", "physician",
    "pharmacist", "pharmacy technician", "optometrist", "optician", "ophthalmic dispenser",
    "podiatrist", "veterinarian", "psychologist", "social worker", "counselor", "therapist",
    "nurse", "midwife", "paramedic", "emergency medical technician", "funeral director",
    "mortician", "embalmer", "real estate", "appraiser", "insurance producer", "public adjuster",
    "broker", "securities agent", "investment advisor", "teacher", "school principal",
    "school administrator", "librarian", "surveyor", "professional engineer", "landscape architect",
    "interior designer", "pesticide", "well driller", "water system operator", "driver",
    "driving instructor", "firefighter", "fire official", "security officer", "private detective",
    "bounty hunter", "locksmith", "alarm technician", "massage", "athletic trainer",
    "perfusionist", "radon", "lead abatement", "asbestos", "court reporter", "casino", "jockey",
    "pawnbroker", "home health aide", "medication aide", "nurse aide", "radiologic technologist",
    "nuclear medicine technologist", "nursing home administrator", "assisted living administrator",
    "health officer", "tax collector", "pilot", "weighmaster", "notary", "official", "salesperson",
    "dispenser",
];

/// Weight of a licensed-occupation title match.
pub const OCCUPATION_WEIGHT: f64 = 2.0;

/// Field factors: (field name, factor).
pub const FIELD_WEIGHTS: &[(&str, f64)] = &[
    ("name", 1.0),
    ("alternate_name", 0.8),
    ("description", 0.6),
    ("keyword", 0.5),
];

/// The factor of a field (1.0 when not listed).
pub fn field_weight(field: &str) -> f64 {
    FIELD_WEIGHTS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(1.0, |(_, w)| *w)
}
