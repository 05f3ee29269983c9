//! Exam blueprints: stored per credential, replaced whole when a file brings a new one.

use credence_quality::{Blueprint, BlueprintDomain};
use sqlx::Row;

use crate::batch::{insert_rows, Value};
use crate::{Store, StoreError};

impl Store {
    /// Stores blueprints in one transaction, replacing any earlier blueprint of the same credential.
    pub async fn replace_blueprints(
        &self,
        blueprints: &[Blueprint],
        file: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut rows: Vec<Vec<Value>> = Vec::new();
        for b in blueprints {
            sqlx::query("DELETE FROM blueprints WHERE credential_id = $1")
                .bind(&b.credential_id)
                .execute(&mut *tx)
                .await?;
            for (i, d) in b.domains.iter().enumerate() {
                rows.push(vec![
                    b.credential_id.clone().into(),
                    (i as i64).into(),
                    d.name.clone().into(),
                    d.weight_percent.into(),
                    file.into(),
                ]);
            }
        }
        let columns = [
            "credential_id",
            "position",
            "domain",
            "weight_percent",
            "source_file",
        ];
        insert_rows(&mut tx, "blueprints", &columns, rows).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A credential's exam blueprint, in published order.
    pub async fn blueprint(&self, credential_id: &str) -> Result<Option<Blueprint>, StoreError> {
        let rows = sqlx::query(
            "SELECT domain, weight_percent FROM blueprints WHERE credential_id = $1 ORDER BY position",
        )
        .bind(credential_id)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        let domains = rows
            .iter()
            .map(|r| {
                Ok(BlueprintDomain {
                    name: r.try_get(0)?,
                    weight_percent: r.try_get(1)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(Blueprint {
            credential_id: credential_id.to_string(),
            domains,
        }))
    }
}
