//! What kind of credential each record is: the classifier's call, its evidence, and any
//! contradiction with the declared CTDL type.

use credence_classify::{Classification, Mislabel, Proposal};
use credence_model::{Record, RecordClass};
use serde::Serialize;

use crate::{Engine, EngineError};

/// The type call for one credential, with everything needed to check it.
#[derive(Debug, Clone, Serialize)]
pub struct TypeCall {
    /// Record id.
    pub id: String,
    /// Record name.
    pub name: String,
    /// Declared CTDL type, or `None` when the source gave none.
    pub declared: Option<String>,
    /// The classifier's call with the evidence for each of the twelve defining features.
    pub classification: Classification,
    /// The declared type contradicts the evidence.
    pub mislabel: Option<Mislabel>,
    /// For records whose type the source did not state: a proposed type with its evidence.
    pub proposal: Option<Proposal>,
}

/// Classifies one record (pure; no store access).
pub fn type_call(record: &Record) -> TypeCall {
    let classification = credence_classify::classify(record);
    let mislabel = credence_classify::check_declared(record, &classification);
    let proposal = credence_classify::propose(record, &classification);
    TypeCall {
        id: record.id.clone(),
        name: record.name.clone(),
        declared: record.classified.then(|| record.ctdl_type.clone()),
        classification,
        mislabel,
        proposal,
    }
}

impl Engine {
    /// The type call for one credential.
    pub async fn classify(&self, id: &str) -> Result<TypeCall, EngineError> {
        Ok(type_call(&self.record(id).await?))
    }

    /// Type calls for every credential in the store, in id order.
    pub async fn classify_all(&self) -> Result<Vec<TypeCall>, EngineError> {
        Ok(self
            .store
            .all_records()
            .await?
            .iter()
            .filter(|r| r.class == RecordClass::Credential)
            .map(type_call)
            .collect())
    }
}
