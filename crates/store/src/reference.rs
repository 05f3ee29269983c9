//! Reference tables (SOC, O*NET, CIP, NAICS, OEWS): loaded whole by `credence init`, read by pages.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::batch::{insert_rows, Value};
use crate::{Store, StoreError};

/// Attribution every OEWS-derived figure carries.
pub const OEWS_SOURCE: &str = "BLS Occupational Employment and Wage Statistics (OEWS)";
/// Reference period of the OEWS file credence reads.
pub const OEWS_WINDOW: &str = "May 2024";

/// A national wage distribution with its source, window and precision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wages {
    /// SOC code the figures are for.
    pub soc: String,
    /// OEWS occupation title.
    pub title: String,
    /// Employment estimate: the population the wages describe.
    pub employment: Option<f64>,
    /// Percent relative standard error of the employment estimate.
    pub employment_rse: Option<f64>,
    /// Mean annual wage.
    pub mean: Option<f64>,
    /// Percent relative standard error of the mean wage.
    pub mean_rse: Option<f64>,
    /// 10th percentile annual wage.
    pub p10: Option<f64>,
    /// 25th percentile annual wage.
    pub p25: Option<f64>,
    /// Median annual wage.
    pub median: Option<f64>,
    /// 75th percentile annual wage.
    pub p75: Option<f64>,
    /// 90th percentile annual wage.
    pub p90: Option<f64>,
    /// Median hourly wage.
    pub hourly_median: Option<f64>,
    /// Names of values at or above the BLS top code (`p90`, `median`, …): their value is the
    /// top code, a lower bound, and they are shown as "≥".
    pub top_coded: Vec<String>,
    /// Geography ("United States").
    pub area: String,
    /// Reference period.
    pub window: String,
    /// Publisher.
    pub source: String,
}

impl Wages {
    /// One figure by name (`p10`, `p25`, `median`, `p75`, `p90`, `mean`).
    pub fn value(&self, name: &str) -> Option<f64> {
        match name {
            "p10" => self.p10,
            "p25" => self.p25,
            "median" => self.median,
            "p75" => self.p75,
            "p90" => self.p90,
            "mean" => self.mean,
            _ => None,
        }
    }

    /// One figure for display, `≥ $239,200` when BLS top-codes it.
    pub fn formatted(&self, name: &str) -> String {
        let top = self.top_coded.iter().any(|t| t == name);
        credence_taxonomy::format_wage(self.value(name), top, false)
    }
}

/// O*NET job zone: how much preparation an occupation needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobZone {
    /// 1 (little preparation) to 5 (extensive).
    pub zone: i64,
    /// O*NET's name for the zone.
    pub name: String,
}

/// An O*NET-SOC occupation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnetOccupation {
    /// O*NET-SOC code (`15-1252.00`).
    pub code: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
}

/// An O*NET related occupation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedOccupation {
    /// SOC 2018 code of the related occupation.
    pub code: String,
    /// Its title.
    pub title: String,
    /// O*NET relatedness tier (`Primary-Short`, …).
    pub tier: String,
}

/// A SOC 2018 occupation or group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocEntry {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Major, Minor, Broad or Detailed.
    pub level: String,
    /// BLS definition (detailed occupations).
    pub definition: Option<String>,
}

/// A loaded reference file: what, from where, which vintage, under which license.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceFileRow {
    /// Logical name.
    pub name: String,
    /// Path inside the data directory.
    pub path: String,
    /// Publisher.
    pub source: String,
    /// Vintage.
    pub vintage: String,
    /// License and attribution.
    pub license: String,
    /// Public download address.
    pub url: String,
    /// SHA-256 of the file as loaded.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: i64,
    /// When it was loaded.
    pub loaded_at: String,
}

impl Store {
    /// A SOC 2018 entry by code.
    pub async fn soc(&self, code: &str) -> Result<Option<SocEntry>, StoreError> {
        let row = sqlx::query(
            "SELECT code, title, level, definition FROM soc_occupations WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SocEntry {
                code: r.try_get(0)?,
                title: r.try_get(1)?,
                level: r.try_get(2)?,
                definition: r.try_get(3)?,
            })
        })
        .transpose()
    }

    /// National wages for a SOC code, when OEWS publishes them.
    pub async fn wages(&self, soc: &str) -> Result<Option<Wages>, StoreError> {
        let row = sqlx::query(
            "SELECT soc, title, tot_emp, emp_prse, a_mean, mean_prse, a_pct10, a_pct25, a_median, \
             a_pct75, a_pct90, h_median, top_coded FROM oews_wages WHERE soc = $1",
        )
        .bind(soc)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            let top: String = r.try_get(12)?;
            let top_coded: Vec<String> = top
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            // A top-coded value is only known to be at least the top code: carry that lower bound.
            let bounded = |name: &str, v: Option<f64>| {
                v.or_else(|| {
                    top_coded
                        .iter()
                        .any(|t| t == name)
                        .then_some(credence_taxonomy::TOP_CODE_ANNUAL)
                })
            };
            Ok(Wages {
                soc: r.try_get(0)?,
                title: r.try_get(1)?,
                employment: r.try_get(2)?,
                employment_rse: r.try_get(3)?,
                mean: bounded("mean", r.try_get(4)?),
                mean_rse: r.try_get(5)?,
                p10: bounded("p10", r.try_get(6)?),
                p25: bounded("p25", r.try_get(7)?),
                median: bounded("median", r.try_get(8)?),
                p75: bounded("p75", r.try_get(9)?),
                p90: bounded("p90", r.try_get(10)?),
                hourly_median: r.try_get(11)?,
                top_coded,
                area: "United States".into(),
                window: OEWS_WINDOW.into(),
                source: OEWS_SOURCE.into(),
            })
        })
        .transpose()
    }

    /// O*NET occupations under a SOC 2018 code.
    pub async fn onet_occupations(&self, soc: &str) -> Result<Vec<OnetOccupation>, StoreError> {
        let rows = sqlx::query(
            "SELECT code, title, description FROM onet_occupations WHERE soc = $1 ORDER BY code",
        )
        .bind(soc)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OnetOccupation {
                    code: r.try_get(0)?,
                    title: r.try_get(1)?,
                    description: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// Job zone of the first O*NET occupation under a SOC code.
    pub async fn job_zone(&self, soc: &str) -> Result<Option<JobZone>, StoreError> {
        let row = sqlx::query(
            "SELECT z.zone, n.name FROM onet_job_zones z JOIN onet_occupations o ON o.code = z.code \
             JOIN job_zone_names n ON n.zone = z.zone WHERE o.soc = $1 ORDER BY o.code LIMIT 1",
        )
        .bind(soc)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(JobZone {
                zone: r.try_get(0)?,
                name: r.try_get(1)?,
            })
        })
        .transpose()
    }

    /// O*NET related occupations of a SOC code, best first, one row per related SOC code.
    pub async fn related_occupations(
        &self,
        soc: &str,
        limit: usize,
    ) -> Result<Vec<RelatedOccupation>, StoreError> {
        let rows = sqlx::query(
            "SELECT o2.soc, o2.title, r.tier, r.rank FROM onet_related r \
             JOIN onet_occupations o1 ON o1.code = r.code \
             JOIN onet_occupations o2 ON o2.code = r.related \
             WHERE o1.soc = $1 AND o2.soc <> $1",
        )
        .bind(soc)
        .fetch_all(&self.pool)
        .await?;
        let mut all: Vec<(i64, RelatedOccupation)> = rows
            .iter()
            .map(|r| {
                Ok((
                    r.try_get(3)?,
                    RelatedOccupation {
                        code: r.try_get(0)?,
                        title: r.try_get(1)?,
                        tier: r.try_get(2)?,
                    },
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        // Best rank first; the tier shown is the one of that best-ranked pair.
        all.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
        let mut out: Vec<RelatedOccupation> = Vec::new();
        for (_, r) in all {
            if out.len() < limit && !out.iter().any(|o| o.code == r.code) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Sample of O*NET alternate titles for a SOC code, alphabetical.
    pub async fn alternate_titles(
        &self,
        soc: &str,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        self.sorted_texts(
            "SELECT DISTINCT a.title FROM onet_alternate_titles a JOIN onet_occupations o ON o.code = a.code \
             WHERE o.soc = $1",
            soc,
            limit,
        )
        .await
    }

    /// O*NET "hot technologies" for a SOC code, alphabetical.
    pub async fn hot_technologies(
        &self,
        soc: &str,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        self.sorted_texts(
            "SELECT DISTINCT t.example FROM onet_tech_skills t JOIN onet_occupations o ON o.code = t.code \
             WHERE o.soc = $1 AND t.hot = 1",
            soc,
            limit,
        )
        .await
    }

    /// Runs a one-column text query and sorts in Rust, so both backends agree on the order
    /// (SQLite sorts bytes, PostgreSQL by its collation).
    async fn sorted_texts(
        &self,
        sql: &str,
        soc: &str,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(sql).bind(soc).fetch_all(&self.pool).await?;
        let mut out: Vec<String> = rows
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        out.sort();
        out.truncate(limit);
        Ok(out)
    }

    /// CIP 2020 programs crosswalked to a SOC code.
    pub async fn programs_for_soc(&self, soc: &str) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query("SELECT cip, cip_title FROM cip_soc WHERE soc = $1 ORDER BY cip")
            .bind(soc)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// SOC 2018 codes a SOC 2010 code maps to (BLS crosswalk; may be several).
    pub async fn crosswalk_soc2010(&self, soc2010: &str) -> Result<Vec<String>, StoreError> {
        let rows =
            sqlx::query("SELECT soc2018 FROM soc_crosswalk WHERE soc2010 = $1 ORDER BY soc2018")
                .bind(soc2010)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// SOC 2010 codes that map to a SOC 2018 code (to find records still coded in 2010).
    pub async fn soc2010_codes_for(&self, soc2018: &str) -> Result<Vec<String>, StoreError> {
        let rows =
            sqlx::query("SELECT soc2010 FROM soc_crosswalk WHERE soc2018 = $1 ORDER BY soc2010")
                .bind(soc2018)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// The reference files loaded, with checksums and licenses.
    pub async fn reference_files(&self) -> Result<Vec<ReferenceFileRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT name, path, source, vintage, license, url, sha256, bytes, loaded_at \
             FROM reference_files ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReferenceFileRow {
                    name: r.try_get(0)?,
                    path: r.try_get(1)?,
                    source: r.try_get(2)?,
                    vintage: r.try_get(3)?,
                    license: r.try_get(4)?,
                    url: r.try_get(5)?,
                    sha256: r.try_get(6)?,
                    bytes: r.try_get(7)?,
                    loaded_at: r.try_get(8)?,
                })
            })
            .collect()
    }
}

/// Reference tables in load order, cleared and refilled together.
const REFERENCE_TABLES: [&str; 12] = [
    "reference_files",
    "soc_occupations",
    "soc_crosswalk",
    "onet_occupations",
    "onet_alternate_titles",
    "onet_job_zones",
    "job_zone_names",
    "onet_related",
    "onet_tech_skills",
    "cip_soc",
    "naics",
    "oews_wages",
];

impl Store {
    /// Replaces the reference tables with `data` in one transaction; returns (rows, unchanged).
    ///
    /// When every file's checksum matches the previous load nothing is rewritten, so `init` is
    /// idempotent and cheap to repeat.
    pub async fn load_reference(
        &self,
        data: &credence_taxonomy::ReferenceData,
    ) -> Result<(u64, bool), StoreError> {
        let loaded = self.reference_files().await?;
        let unchanged = loaded.len() == data.files.len()
            && data.files.iter().all(|f| {
                loaded
                    .iter()
                    .any(|l| l.name == f.name && l.sha256 == f.sha256)
            });
        if unchanged {
            return Ok((0, true));
        }
        let mut tx = self.pool.begin().await?;
        for table in REFERENCE_TABLES {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await?;
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let mut rows = 0u64;
        for (table, columns, values) in reference_rows(data, &now) {
            rows += values.len() as u64;
            insert_rows(&mut tx, table, columns, values).await?;
        }
        tx.commit().await?;
        Ok((rows, false))
    }
}

type TableRows = (&'static str, &'static [&'static str], Vec<Vec<Value>>);

/// Every reference table's rows, converted from the taxonomy's typed rows.
fn reference_rows(d: &credence_taxonomy::ReferenceData, now: &str) -> Vec<TableRows> {
    let files = d
        .files
        .iter()
        .map(|f| {
            vec![
                f.name.clone().into(),
                f.path.clone().into(),
                f.source.clone().into(),
                f.vintage.clone().into(),
                format!("{} — {}", f.license, f.attribution).into(),
                f.download_url.clone().into(),
                f.sha256.clone().into(),
                (f.bytes as i64).into(),
                now.into(),
            ]
        })
        .collect();
    let soc = d
        .soc
        .iter()
        .map(|s| {
            vec![
                s.code.clone().into(),
                s.title.clone().into(),
                s.level.as_str().into(),
                s.parent.clone().into(),
                s.definition.clone().into(),
            ]
        })
        .collect();
    let crosswalk = d
        .crosswalk
        .rows()
        .iter()
        .map(|c| {
            vec![
                c.soc2010.clone().into(),
                c.soc2010_title.clone().into(),
                c.soc2018.clone().into(),
                c.soc2018_title.clone().into(),
            ]
        })
        .collect();
    let onet = d
        .onet_occupations
        .iter()
        .map(|o| {
            vec![
                o.code.clone().into(),
                o.soc.clone().into(),
                o.title.clone().into(),
                o.description.clone().into(),
            ]
        })
        .collect();
    let alt = d
        .alternate_titles
        .iter()
        .map(|a| {
            vec![
                a.code.clone().into(),
                a.title.clone().into(),
                a.short_title.clone().into(),
            ]
        })
        .collect();
    let zones = d
        .job_zones
        .iter()
        .map(|z| vec![z.code.clone().into(), i64::from(z.zone).into()])
        .collect();
    let zone_names = d
        .job_zone_names
        .iter()
        .map(|z| vec![i64::from(z.zone).into(), z.name.clone().into()])
        .collect();
    let related = d
        .related
        .iter()
        .map(|r| {
            vec![
                r.code.clone().into(),
                r.related_code.clone().into(),
                r.tier.as_str().into(),
                i64::from(r.index).into(),
            ]
        })
        .collect();
    let tech = d
        .tech_skills
        .iter()
        .map(|t| {
            vec![
                t.code.clone().into(),
                t.example.clone().into(),
                t.commodity_code.to_string().into(),
                t.commodity_title.clone().into(),
                i64::from(t.hot_technology).into(),
                i64::from(t.in_demand).into(),
            ]
        })
        .collect();
    let cip = d
        .cip_soc
        .iter()
        .map(|c| {
            vec![
                c.cip.clone().into(),
                c.cip_title.clone().into(),
                c.soc.clone().into(),
            ]
        })
        .collect();
    let naics = d
        .naics
        .iter()
        .map(|n| {
            vec![
                n.code.clone().into(),
                n.title.clone().into(),
                i64::from(n.level).into(),
            ]
        })
        .collect();
    vec![
        (
            "reference_files",
            &[
                "name",
                "path",
                "source",
                "vintage",
                "license",
                "url",
                "sha256",
                "bytes",
                "loaded_at",
            ],
            files,
        ),
        (
            "soc_occupations",
            &["code", "title", "level", "parent", "definition"],
            soc,
        ),
        (
            "soc_crosswalk",
            &["soc2010", "soc2010_title", "soc2018", "soc2018_title"],
            crosswalk,
        ),
        (
            "onet_occupations",
            &["code", "soc", "title", "description"],
            onet,
        ),
        (
            "onet_alternate_titles",
            &["code", "title", "short_title"],
            alt,
        ),
        ("onet_job_zones", &["code", "zone"], zones),
        ("job_zone_names", &["zone", "name"], zone_names),
        (
            "onet_related",
            &["code", "related", "tier", "rank"],
            related,
        ),
        (
            "onet_tech_skills",
            &[
                "code",
                "example",
                "commodity_code",
                "commodity_title",
                "hot",
                "in_demand",
            ],
            tech,
        ),
        ("cip_soc", &["cip", "cip_title", "soc"], cip),
        ("naics", &["code", "title", "level"], naics),
        ("oews_wages", OEWS_COLUMNS, wage_rows(d)),
    ]
}

const OEWS_COLUMNS: &[&str] = &[
    "soc",
    "title",
    "o_group",
    "tot_emp",
    "emp_prse",
    "a_mean",
    "mean_prse",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
    "h_median",
    "top_coded",
];

/// One wage row per SOC code, preferring the detailed row where OEWS publishes several.
fn wage_rows(d: &credence_taxonomy::ReferenceData) -> Vec<Vec<Value>> {
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    let mut ordered: Vec<&credence_taxonomy::OewsWage> = d.wages.iter().collect();
    ordered.sort_by_key(|w| w.group != credence_taxonomy::OewsGroup::Detailed);
    for w in ordered {
        if !seen.insert(w.soc.clone()) {
            continue;
        }
        let top: Vec<&str> = w.top_coded.iter().filter_map(|f| view_name(f)).collect();
        rows.push(vec![
            w.soc.clone().into(),
            w.title.clone().into(),
            format!("{:?}", w.group).to_lowercase().into(),
            w.tot_emp.into(),
            w.emp_prse.into(),
            w.a_mean.into(),
            w.mean_prse.into(),
            w.a_pct10.into(),
            w.a_pct25.into(),
            w.a_median.into(),
            w.a_pct75.into(),
            w.a_pct90.into(),
            w.h_median.into(),
            top.join(",").into(),
        ]);
    }
    rows
}

/// The name a view uses for an annual OEWS field (`a_pct90` → `p90`); hourly fields have none.
fn view_name(field: &str) -> Option<&'static str> {
    Some(match field {
        "a_pct10" => "p10",
        "a_pct25" => "p25",
        "a_median" => "median",
        "a_pct75" => "p75",
        "a_pct90" => "p90",
        "a_mean" => "mean",
        _ => return None,
    })
}
