//! Credit articulation rules: stored per source file, replaced whole when the file is imported
//! again, read back in file order. The store keeps plain rows; the pathways crate gives them meaning.

use sqlx::Row;

use crate::batch::{insert_rows, Value};
use crate::{Store, StoreError};

/// One stored credit rule, as plain fields.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditRuleRow {
    /// Credential id.
    pub credential_id: String,
    /// Institution that grants or recommends the credit.
    pub institution: String,
    /// CIP 2020 code of the program.
    pub program_cip: String,
    /// Program name, if given.
    pub program_name: Option<String>,
    /// Credits.
    pub credits: f64,
    /// `ace`, `cpl` or `advanced_standing`.
    pub credit_type: String,
    /// Citation: source column and file line.
    pub source: String,
}

impl Store {
    /// Replaces every rule that came from `file` with `rules`, in one transaction.
    pub async fn replace_credit_rules(
        &self,
        file: &str,
        rules: &[CreditRuleRow],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM credit_rules WHERE source_file = $1")
            .bind(file)
            .execute(&mut *tx)
            .await?;
        let rows: Vec<Vec<Value>> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    file.into(),
                    (i as i64).into(),
                    r.credential_id.clone().into(),
                    r.institution.clone().into(),
                    r.program_cip.clone().into(),
                    r.program_name.clone().into(),
                    r.credits.into(),
                    r.credit_type.clone().into(),
                    r.source.clone().into(),
                ]
            })
            .collect();
        let columns = [
            "source_file",
            "position",
            "credential_id",
            "institution",
            "program_cip",
            "program_name",
            "credits",
            "credit_type",
            "source",
        ];
        insert_rows(&mut tx, "credit_rules", &columns, rows).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every stored credit rule, by file and position.
    pub async fn credit_rules(&self) -> Result<Vec<CreditRuleRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT credential_id, institution, program_cip, program_name, credits, credit_type, source \
             FROM credit_rules ORDER BY source_file, position",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CreditRuleRow {
                    credential_id: r.try_get(0)?,
                    institution: r.try_get(1)?,
                    program_cip: r.try_get(2)?,
                    program_name: r.try_get(3)?,
                    credits: r.try_get(4)?,
                    credit_type: r.try_get(5)?,
                    source: r.try_get(6)?,
                })
            })
            .collect()
    }
}
