//! Assembling the credential and occupation views from the store.

use credence_model::{CodeScheme, Record};
use credence_store::reference::OEWS_SOURCE;

use crate::{AgentView, CredentialView, Engine, EngineError, OccupationLink, OccupationView};

/// Quality-assurance roles and how a page says them.
const QA_ROLES: [(&str, &str); 6] = [
    ("ceterms:accreditedBy", "Accredited by"),
    ("ceterms:approvedBy", "Approved by"),
    ("ceterms:recognizedBy", "Recognized by"),
    ("ceterms:regulatedBy", "Regulated by"),
    ("ceterms:revokedBy", "Revoked by"),
    ("ceterms:renewedBy", "Renewed by"),
];

/// O*NET's attribution, required wherever its data is shown.
pub const ONET_ATTRIBUTION: &str = "This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.";

impl Engine {
    /// A record by id or by any spelling of its CTID.
    pub async fn record(&self, id: &str) -> Result<Record, EngineError> {
        if let Some(r) = self.store.record(id).await? {
            return Ok(r);
        }
        if let Some(r) = self.store.record(&crate::record_key(id)).await? {
            return Ok(r);
        }
        Err(EngineError::NotFound {
            what: "credential",
            id: id.to_string(),
        })
    }

    /// Everything a credential page shows.
    pub async fn credential(&self, id: &str) -> Result<CredentialView, EngineError> {
        let record = self.record(id).await?;
        let orgs = self.referenced_records(&record).await?;
        let issuers = crate::issuer_names(&record, &orgs);
        let quality_assurance = QA_ROLES
            .iter()
            .flat_map(|(role, label)| {
                record.agents_in(role).map(|a| {
                    let org = a.id.as_deref().and_then(|i| crate::find_org(&orgs, i));
                    AgentView {
                        role: label.to_string(),
                        name: a
                            .name
                            .clone()
                            .or_else(|| org.map(|o| o.name.clone()))
                            .or_else(|| a.id.clone())
                            .unwrap_or_else(|| "unnamed body".into()),
                        record_id: org.map(|o| o.id.clone()),
                    }
                })
            })
            .collect();
        let occupations = self.occupation_links(&record).await?;
        let history = self.history(&record.id).await?;
        let type_definition = if record.classified {
            self.vocab
                .as_ref()
                .and_then(|v| v.definition(&record.ctdl_type))
        } else {
            None
        };
        let mut same_as = self.same_as(&record.id);
        for link in &mut same_as {
            if let Some(other) = self.store.record(&link.id).await? {
                link.name = other.name;
            }
        }
        let canonical = self
            .resolution()
            .cluster_of(&record.id)
            .map(|c| c.canonical.clone())
            .filter(|c| *c != record.id);
        Ok(CredentialView {
            blueprint: self.store.blueprint(&record.id).await?,
            same_as,
            canonical,
            quality: self.quality(&record).await?,
            type_call: crate::type_call(&record),
            type_label: self.type_label(&record),
            type_definition,
            issuers,
            quality_assurance,
            occupations,
            history,
            record,
        })
    }

    /// Organization records a record points to, where the registry holds them.
    async fn referenced_records(&self, record: &Record) -> Result<Vec<Record>, EngineError> {
        let mut out = Vec::new();
        for a in &record.agents {
            let Some(reference) = a.id.as_deref() else {
                continue;
            };
            let key = crate::record_key(reference);
            if out.iter().any(|r: &Record| r.id == key) {
                continue;
            }
            if let Some(r) = self.store.record(&key).await? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Occupation links from a record's codes: O*NET-SOC and SOC 2018 directly, SOC 2010 via the crosswalk.
    async fn occupation_links(&self, record: &Record) -> Result<Vec<OccupationLink>, EngineError> {
        let mut targets: Vec<(String, String)> = Vec::new();
        for code in &record.codes {
            match code.scheme {
                CodeScheme::OnetSoc | CodeScheme::Soc2018 => {
                    let Some(soc) = credence_taxonomy::parse_soc(&code.code) else {
                        continue;
                    };
                    let label = match code.scheme {
                        CodeScheme::OnetSoc => format!("O*NET-SOC {}", code.code),
                        _ => format!("SOC 2018 {}", code.code),
                    };
                    if self.store.soc(&soc.code).await?.is_some() {
                        targets.push((soc.code, label));
                        continue;
                    }
                    // Publishers still use 2010-vintage codes (e.g. 15-1122, 29-1199) under 2018 names.
                    for new in self.store.crosswalk_soc2010(&soc.code).await? {
                        targets.push((
                            new,
                            format!("{label} (a SOC 2010 code) via the BLS 2010→2018 crosswalk"),
                        ));
                    }
                }
                CodeScheme::Soc2010 => {
                    let six = credence_taxonomy::parse_soc(&code.code)
                        .map(|s| s.code)
                        .unwrap_or_else(|| code.code.clone());
                    for soc in self.store.crosswalk_soc2010(&six).await? {
                        targets.push((
                            soc,
                            format!("SOC 2010 {} via the BLS 2010→2018 crosswalk", code.code),
                        ));
                    }
                }
                _ => {}
            }
        }
        let mut links: Vec<OccupationLink> = Vec::new();
        for (soc, via) in targets {
            if links.iter().any(|l| l.soc == soc) {
                continue;
            }
            let wages = self.store.wages(&soc).await?;
            let title = match self.store.soc(&soc).await? {
                Some(s) => s.title,
                None => wages.as_ref().map(|w| w.title.clone()).unwrap_or_default(),
            };
            links.push(OccupationLink {
                soc,
                title,
                via,
                wages,
            });
        }
        Ok(links)
    }

    /// Two to four credentials side by side: the same view for each, in the order asked.
    pub async fn compare(&self, ids: &[String]) -> Result<Vec<CredentialView>, EngineError> {
        if !(2..=4).contains(&ids.len()) {
            return Err(EngineError::Invalid(format!(
                "compare takes 2 to 4 credentials, got {}",
                ids.len()
            )));
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.credential(id).await?);
        }
        Ok(out)
    }

    /// Everything an occupation page shows; accepts SOC 2018 or O*NET-SOC spellings.
    pub async fn occupation(&self, code: &str) -> Result<OccupationView, EngineError> {
        let soc = credence_taxonomy::parse_soc(code)
            .ok_or_else(|| {
                EngineError::Invalid(format!(
                    "`{code}` is not a SOC code (expected e.g. 15-1252 or 15-1252.00)"
                ))
            })?
            .code;
        let entry = self
            .store
            .soc(&soc)
            .await?
            .ok_or_else(|| EngineError::NotFound {
                what: "occupation",
                id: soc.clone(),
            })?;
        let mut credentials = self.store.records_with_code("onet_soc", &soc).await?;
        credentials.extend(self.store.records_with_code("soc2018", &soc).await?);
        for old in self.store.soc2010_codes_for(&soc).await? {
            credentials.extend(self.store.records_with_code("soc2010", &old).await?);
        }
        credentials.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        credentials.dedup_by(|a, b| a.id == b.id);
        Ok(OccupationView {
            onet: self.store.onet_occupations(&soc).await?,
            job_zone: self.store.job_zone(&soc).await?,
            wages: self.store.wages(&soc).await?,
            related: self.store.related_occupations(&soc, 12).await?,
            alternate_titles: self.store.alternate_titles(&soc, 15).await?,
            hot_technologies: self.store.hot_technologies(&soc, 20).await?,
            programs: self.store.programs_for_soc(&soc).await?,
            credentials,
            attribution: vec![
                "SOC 2018 titles and definitions: U.S. Bureau of Labor Statistics (public domain)."
                    .into(),
                format!("Wages: {OEWS_SOURCE}, May 2024, national (public domain)."),
                "Programs: NCES CIP 2020 to SOC 2018 crosswalk (public domain).".into(),
                ONET_ATTRIBUTION.into(),
            ],
            soc,
            title: entry.title,
            level: entry.level,
            definition: entry.definition,
        })
    }

    /// CTDL JSON-LD for some records (by id) or, with `None`, for every record.
    pub async fn export_ctdl(
        &self,
        ids: Option<&[String]>,
    ) -> Result<serde_json::Value, EngineError> {
        let records = match ids {
            None => self.store.all_records().await?,
            Some(ids) => {
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    out.push(self.record(id).await?);
                }
                out
            }
        };
        Ok(credence_registry::export_graph(&records))
    }
}
