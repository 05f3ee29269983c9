//! Demand vocabulary: what a job posting says about a credential.
//!
//! The extractor (`credence-demand`), the posting generator (`credence-synth`) and the scorer all
//! speak these types, so a generated truth file and an extractor output can be compared field by
//! field. The JSON shape is the public `mentions.jsonl` format documented in `docs/demand.md`.

use serde::{Deserialize, Serialize};

/// What sort of credential a mention names; a certificate is not a certification, nor a license.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A government permission to practise or operate (driver's licence, RN licence, CDL).
    License,
    /// An independent assessment by a body, usually time-limited (CISSP, ASE, "certified X").
    Certification,
    /// A named certificate or card earned for a learning event (food handler, CPR card).
    Certificate,
    /// Entry on a professional register (NMC, HCPC, a state board registration).
    Registration,
    /// A generic ask whose type the text does not settle ("relevant credentials").
    Unspecified,
}

impl MentionKind {
    /// Every kind, in a stable order for tables and reports.
    pub const ALL: [MentionKind; 5] = [
        MentionKind::License,
        MentionKind::Certification,
        MentionKind::Certificate,
        MentionKind::Registration,
        MentionKind::Unspecified,
    ];

    /// The stable lower-case word used in JSON, CSV and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::License => "license",
            MentionKind::Certification => "certification",
            MentionKind::Certificate => "certificate",
            MentionKind::Registration => "registration",
            MentionKind::Unspecified => "unspecified",
        }
    }

    /// Reads the stored word back; `None` for anything else so bad input is reported, not guessed.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind a catalogued certificate or certification takes from the way `span` writes it
    /// (the labelling rule "as written"): the last of "certification"/"certified" or
    /// "certificate"/"card"/"ticket" decides, so "CPR card" is a certificate and "First Aid
    /// certification" a certification. Other kinds, and spans with neither word, keep `self`.
    pub fn as_written(self, span: &str) -> MentionKind {
        if !matches!(self, MentionKind::Certificate | MentionKind::Certification) {
            return self;
        }
        span.split(|c: char| !c.is_alphanumeric())
            .rev()
            .find_map(|w| match w.to_ascii_lowercase().as_str() {
                "certification" | "certifications" | "certified" => {
                    Some(MentionKind::Certification)
                }
                "certificate" | "certificates" | "card" | "cards" | "ticket" | "tickets" => {
                    Some(MentionKind::Certificate)
                }
                _ => None,
            })
            .unwrap_or(self)
    }
}

/// How firmly the employer asks for the credential; funders count `required` and `preferred` apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Must hold it at hire (must, required, essential, or under a requirements heading).
    Required,
    /// Nice to have (preferred, desirable, a plus, or under a preferred heading).
    Preferred,
    /// Required, but an explicit "or equivalent" is accepted.
    OrEquivalent,
    /// May be obtained after hiring ("within 90 days of hire", "able to obtain").
    AfterHire,
    /// Negated, optional, a benefit (fees paid), a pay table: not a hiring requirement.
    Unclear,
}

impl Level {
    /// Every level, in a stable order for tables and reports.
    pub const ALL: [Level; 5] = [
        Level::Required,
        Level::Preferred,
        Level::OrEquivalent,
        Level::AfterHire,
        Level::Unclear,
    ];

    /// The stable lower-case word used in JSON, CSV and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Required => "required",
            Level::Preferred => "preferred",
            Level::OrEquivalent => "or_equivalent",
            Level::AfterHire => "after_hire",
            Level::Unclear => "unclear",
        }
    }

    /// Reads the stored word back; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Which part of the posting a mention sits in; a benefit is not a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Qualifications, requirements, "what you bring".
    Requirements,
    /// Preferred or desirable qualifications.
    Preferred,
    /// Duties, responsibilities, "what you will do".
    Responsibilities,
    /// Benefits, perks, pay.
    Benefits,
    /// No heading seen yet, or one credence does not recognise.
    #[default]
    Other,
}

impl Section {
    /// The stable lower-case word used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Requirements => "requirements",
            Section::Preferred => "preferred",
            Section::Responsibilities => "responsibilities",
            Section::Benefits => "benefits",
            Section::Other => "other",
        }
    }
}

/// One credential named in one posting, with offsets an auditor can check against the text.
///
/// `start` and `end` count Unicode scalar values (code points), not bytes, into the posting's
/// text field as it was read (before HTML removal), so any tool in any language can verify them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
    /// The span's text exactly as it appears (after HTML entity decoding).
    pub surface: String,
    /// Canonical credential name, or `unspecified` for generic asks.
    pub credential: String,
    /// Registry or curated identifier; `None` when the credential is generic or unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// License, certification, certificate, registration or unspecified.
    pub kind: MentionKind,
    /// Required, preferred, or_equivalent, after_hire or unclear.
    pub level: Level,
    /// The alias or rule that produced the mention, so a reviewer can see why it fired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The posting section the span sits in.
    #[serde(default)]
    pub section: Section,
}

/// One line of `mentions.jsonl`: a posting id and every mention in it, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingMentions {
    /// The posting's own identifier (from the mapped id field, else `<file>:<line>`).
    pub id: String,
    /// Every mention, sorted by start offset; empty when the posting names no credential.
    pub mentions: Vec<Mention>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_levels_round_trip_through_their_words() {
        for k in MentionKind::ALL {
            assert_eq!(MentionKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.as_str()));
        }
        assert_eq!(Level::parse("mandatory"), None);
    }

    #[test]
    fn a_mention_line_reads_back_in_the_documented_shape() {
        let line = r#"{"id":"p1","mentions":[{"start":9,"end":20,"surface":"Class A CDL",
            "credential":"Commercial Driver's License","credential_id":"cdl","kind":"license",
            "level":"required"}]}"#;
        let p: PostingMentions = serde_json::from_str(line).unwrap();
        assert_eq!(p.mentions[0].end - p.mentions[0].start, 11);
        assert_eq!(p.mentions[0].section, Section::Other);
        assert_eq!(p.mentions[0].level, Level::Required);
    }
}
