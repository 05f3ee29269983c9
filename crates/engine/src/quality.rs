//! Quality signals, the data-quality score and the renewal burden of a record, with the store's
//! crosswalk and the CTDL vocabulary plugged in.

use std::collections::HashMap;

use credence_model::{CodeScheme, Record};
use credence_quality::{DataQuality, QualityContext, QualitySignals, RenewalBurden};
use credence_registry::Vocabulary;
use serde::Serialize;

use crate::{Engine, EngineError};

/// Everything credence can say about a credential's quality and the cost of keeping it.
#[derive(Debug, Clone, Serialize)]
pub struct QualityView {
    /// Accreditation, independent assessment, renewal, revocation, credit… with evidence.
    pub signals: QualitySignals,
    /// Score with every check, passed or failed.
    pub data_quality: DataQuality,
    /// Cost and hours per year of keeping it, beside the cost to earn it.
    pub renewal_burden: RenewalBurden,
}

/// The crosswalk answers for one record's SOC 2010 codes, fetched before the synchronous checks.
struct Context<'a> {
    vocabulary: Option<&'a Vocabulary>,
    crosswalk: HashMap<String, Vec<String>>,
}

impl QualityContext for Context<'_> {
    fn vocabulary(&self) -> Option<&Vocabulary> {
        self.vocabulary
    }

    fn soc2010_crosswalk(&self, code: &str) -> Vec<String> {
        let key = credence_taxonomy::parse_soc(code)
            .map(|s| s.code)
            .unwrap_or_else(|| code.to_string());
        self.crosswalk.get(&key).cloned().unwrap_or_default()
    }
}

impl Engine {
    /// Quality signals, data-quality checks and renewal burden for one record.
    pub async fn quality(&self, record: &Record) -> Result<QualityView, EngineError> {
        let mut crosswalk = HashMap::new();
        for code in record.codes_in(CodeScheme::Soc2010) {
            let key = credence_taxonomy::parse_soc(&code.code)
                .map(|s| s.code)
                .unwrap_or_else(|| code.code.clone());
            let targets = self.store.crosswalk_soc2010(&key).await?;
            crosswalk.insert(key, targets);
        }
        let context = Context {
            vocabulary: self.vocab.as_deref(),
            crosswalk,
        };
        Ok(QualityView {
            signals: credence_quality::signals(record),
            data_quality: credence_quality::data_quality(record, &context),
            renewal_burden: credence_quality::renewal_burden(record),
        })
    }
}
