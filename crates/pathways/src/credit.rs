//! Credit articulation: ACE-style credit recommendations and institution-specific
//! credit-for-prior-learning (CPL) rules, read from CSV as edges from a credential to college
//! credit in a program.
//!
//! Columns (header required, any order): `credential_id, institution, program_cip, credits,
//! credit_type` and optionally `program_name, level, valid_from, valid_until, source`.
//! `credit_type` is `ace` (a recommendation), `cpl` (an institution's rule) or `advanced_standing`.
//! Every rejected row is reported with file, line and field; good rows are kept (a bad row never
//! silently becomes a partial rule).

use credence_model::{Diagnostic, Location};
use serde::Serialize;

use crate::error::PathwayError;

/// What kind of credit rule it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditType {
    /// A third-party credit recommendation (American Council on Education and similar).
    Ace,
    /// An institution's own credit-for-prior-learning rule.
    Cpl,
    /// Advanced standing granted by a program.
    AdvancedStanding,
}

impl CreditType {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            CreditType::Ace => "ACE recommendation",
            CreditType::Cpl => "credit for prior learning",
            CreditType::AdvancedStanding => "advanced standing",
        }
    }
}

/// One rule: holding `credential` earns `credits` toward the program `program_cip` at `institution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreditRule {
    /// Credential id (CTID or local id).
    pub credential: String,
    /// Who grants or recommends the credit.
    pub institution: String,
    /// CIP 2020 code of the program (`11.0901`).
    pub program_cip: String,
    /// Program name, if given.
    pub program_name: Option<String>,
    /// Semester credit hours.
    pub credits: f64,
    /// Recommendation or rule.
    pub credit_type: CreditType,
    /// Where the row came from: `file line N`, plus the source column when present.
    pub source: String,
}

/// Most credits one rule may carry; more is a typo (a bachelor's degree is about 120).
const MAX_CREDITS: f64 = 120.0;

/// Reads credit rules from CSV bytes; `file` names the input in diagnostics.
pub fn parse_credit_csv(
    bytes: &[u8],
    file: &str,
) -> Result<(Vec<CreditRule>, Vec<Diagnostic>), PathwayError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| PathwayError::Csv {
            file: file.to_string(),
            message: format!("cannot read the header: {e}"),
        })?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let required = [
        "credential_id",
        "institution",
        "program_cip",
        "credits",
        "credit_type",
    ];
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| col(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(PathwayError::Csv {
            file: file.to_string(),
            message: format!("missing column(s): {}", missing.join(", ")),
        });
    }
    let idx = |n: &str| col(n).unwrap_or(usize::MAX);
    let (c_id, c_inst, c_cip, c_credits, c_type) = (
        idx("credential_id"),
        idx("institution"),
        idx("program_cip"),
        idx("credits"),
        idx("credit_type"),
    );
    let (c_name, c_source) = (col("program_name"), col("source"));
    let mut rules = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let loc = |field: &str| {
            Location::file(file.to_string())
                .record(format!("line {line}"))
                .field(field.to_string())
        };
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                diagnostics.push(Diagnostic::error(loc(""), format!("unreadable row: {e}")));
                continue;
            }
        };
        let get = |c: usize| row.get(c).unwrap_or("").to_string();
        let credential = get(c_id);
        if credential.is_empty() {
            diagnostics.push(Diagnostic::error(
                loc("credential_id"),
                "empty credential id",
            ));
            continue;
        }
        let institution = get(c_inst);
        if institution.is_empty() {
            diagnostics.push(Diagnostic::error(loc("institution"), "empty institution"));
            continue;
        }
        let cip_raw = get(c_cip);
        let Some(cip) = credence_taxonomy::parse_cip(&cip_raw) else {
            diagnostics.push(Diagnostic::error(
                loc("program_cip"),
                format!("`{cip_raw}` is not a CIP 2020 code (NN.NNNN)"),
            ));
            continue;
        };
        let credits_raw = get(c_credits);
        let credits = match credits_raw.parse::<f64>() {
            Ok(c) if c.is_finite() && c > 0.0 && c <= MAX_CREDITS => c,
            _ => {
                diagnostics.push(Diagnostic::error(
                    loc("credits"),
                    format!("`{credits_raw}` is not a number of credits in (0, {MAX_CREDITS}]"),
                ));
                continue;
            }
        };
        let type_raw = get(c_type);
        let credit_type = match type_raw.to_ascii_lowercase().as_str() {
            "ace" | "recommendation" => CreditType::Ace,
            "cpl" | "pla" | "prior_learning" => CreditType::Cpl,
            "advanced_standing" => CreditType::AdvancedStanding,
            _ => {
                diagnostics.push(Diagnostic::error(
                    loc("credit_type"),
                    format!("`{type_raw}` is not ace, cpl or advanced_standing"),
                ));
                continue;
            }
        };
        let mut source = format!("{file} line {line}");
        if let Some(s) = c_source.map(get).filter(|s| !s.is_empty()) {
            source = format!("{s}; {source}");
        }
        rules.push(CreditRule {
            credential,
            institution,
            program_cip: cip.code,
            program_name: c_name.map(get).filter(|s| !s.is_empty()),
            credits,
            credit_type,
            source,
        });
    }
    Ok((rules, diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn good_and_bad_rows() {
        let csv = "credential_id,institution,program_cip,credits,credit_type,program_name\n\
                   comptia-a-plus,Example CC,11.0901,3,ace,Computer Systems Networking\n\
                   comptia-a-plus,Example CC,11-0901,3,ace,\n\
                   ,Example CC,11.0901,3,cpl,\n\
                   x,Example CC,11.0901,-1,cpl,\n\
                   x,Example CC,11.0901,3,gift,\n";
        let (rules, diags) = parse_credit_csv(csv.as_bytes(), "credits.csv").unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].program_cip, "11.0901");
        assert_eq!(diags.len(), 4);
        let fields: Vec<_> = diags.iter().map(|d| d.location.field.clone()).collect();
        assert_eq!(
            fields,
            vec![
                Some("program_cip".to_string()),
                Some("credential_id".to_string()),
                Some("credits".to_string()),
                Some("credit_type".to_string())
            ]
        );
        assert_eq!(diags[0].location.record.as_deref(), Some("line 3"));
        assert!(parse_credit_csv(b"a,b\n1,2\n", "x.csv").is_err());
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_credit_csv(&bytes, "fuzz.csv");
        }

        #[test]
        fn never_panics_with_header(rows in "[a-z0-9.,\" \n-]{0,300}") {
            let text = format!("credential_id,institution,program_cip,credits,credit_type\n{rows}");
            let _ = parse_credit_csv(text.as_bytes(), "fuzz.csv");
        }
    }
}
