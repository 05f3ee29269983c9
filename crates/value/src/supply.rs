//! Supply vs demand: how much of a credential list (and of its awards) employers ask for, how much
//! lines up with in-demand occupations, what employers ask for that the list lacks, and the
//! awards-weighted mismatch by career cluster. Every percentage carries its n and definition.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::Share;

/// What the report knows about one list entry after matching.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryFacts {
    /// Line in the list file.
    pub line: usize,
    /// Name as the list gives it.
    pub name: String,
    /// Matched registry id, if any.
    pub matched_id: Option<String>,
    /// Matched registry name.
    pub matched_name: Option<String>,
    /// Confidence of the match (0–1).
    pub confidence: Option<f64>,
    /// How it was matched (rule and scores).
    pub match_reason: String,
    /// Awards, when the list has counts.
    pub awards: Option<u64>,
    /// Distinct postings asking for it in the region and window.
    pub postings: u64,
    /// Demand keys counted.
    pub demand_keys: Vec<String>,
    /// Linked SOC codes (registry codes, catalog occupations, postings' occupations).
    pub socs: Vec<String>,
    /// The linked SOCs that are on the in-demand list.
    pub in_demand_socs: Vec<String>,
    /// Career cluster (SOC major group title of the main linked occupation, or the list's own).
    pub cluster: String,
}

/// A credential employers ask for that the list does not carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ask {
    /// Demand key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Kind (license, certification, …).
    pub kind: String,
    /// Distinct postings in the region and window.
    pub postings: u64,
}

/// One career cluster's row of the mismatch table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterRow {
    /// Cluster name.
    pub cluster: String,
    /// Entries on the list in the cluster.
    pub listed: u64,
    /// Of which requested.
    pub requested: u64,
    /// Of which aligned.
    pub aligned: u64,
    /// Awards in the cluster.
    pub awards: u64,
    /// Awards on entries neither requested nor aligned.
    pub awards_mismatched: u64,
    /// Share of listed entries requested.
    pub share_requested: Share,
    /// Share of listed entries aligned.
    pub share_aligned: Share,
}

/// Settings of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplyOptions {
    /// Minimum distinct postings for "requested" (default 1).
    pub min_postings: u64,
    /// Denominators below this are suppressed (default 10).
    pub min_cell: u64,
    /// How many employer asks not on the list to return.
    pub top_asks: usize,
}

impl Default for SupplyOptions {
    fn default() -> Self {
        SupplyOptions {
            min_postings: 1,
            min_cell: 10,
            top_asks: 25,
        }
    }
}

/// The figures of a supply-vs-demand report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplyReport {
    /// Entries on the list (after duplicates and rejected rows are removed).
    pub listed: u64,
    /// Entries matched to a registry record.
    pub matched: u64,
    /// Share of listed credentials requested in postings.
    pub share_requested: Share,
    /// Share of awards on requested credentials (when the list has counts).
    pub share_awards_requested: Option<Share>,
    /// Share of listed credentials aligned with in-demand occupations.
    pub share_aligned: Share,
    /// Share of awards on aligned credentials.
    pub share_awards_aligned: Option<Share>,
    /// Share of awards on credentials neither requested nor aligned.
    pub awards_mismatch: Option<Share>,
    /// Credentials employers ask for that are not on the list, most asked first.
    pub asked_not_listed: Vec<Ask>,
    /// By career cluster.
    pub clusters: Vec<ClusterRow>,
    /// Every entry.
    pub entries: Vec<EntryFacts>,
}

/// The definitions shown beside the figures.
pub mod definitions {
    /// Share requested.
    pub const REQUESTED: &str = "listed credentials with at least the minimum number of distinct job postings asking for them (required, preferred or obtainable after hire) in the region and window, over all listed credentials; unmatched entries count as not requested";
    /// Share of awards requested.
    pub const AWARDS_REQUESTED: &str =
        "awards of requested credentials over all awards with a count";
    /// Share aligned.
    pub const ALIGNED: &str = "listed credentials with at least one linked occupation (registry SOC codes, the demand catalog's typical occupations, or occupations of postings asking for it) on the state's in-demand occupation list, over all listed credentials";
    /// Share of awards aligned.
    pub const AWARDS_ALIGNED: &str = "awards of aligned credentials over all awards with a count";
    /// Mismatch.
    pub const MISMATCH: &str = "awards of credentials that are neither requested nor aligned, over all awards with a count";
}

/// Computes the report from per-entry facts and the employer asks in the region and window.
pub fn supply_demand(entries: Vec<EntryFacts>, asks: &[Ask], opts: &SupplyOptions) -> SupplyReport {
    let requested = |e: &EntryFacts| e.postings >= opts.min_postings.max(1);
    let aligned = |e: &EntryFacts| !e.in_demand_socs.is_empty();
    let listed = entries.len() as u64;
    let n_req = entries.iter().filter(|e| requested(e)).count() as u64;
    let n_al = entries.iter().filter(|e| aligned(e)).count() as u64;
    let with_counts: Vec<&EntryFacts> = entries.iter().filter(|e| e.awards.is_some()).collect();
    let total_awards: u64 = with_counts.iter().filter_map(|e| e.awards).sum();
    let awards_where = |f: &dyn Fn(&EntryFacts) -> bool| -> u64 {
        with_counts
            .iter()
            .filter(|e| f(e))
            .filter_map(|e| e.awards)
            .sum()
    };
    let award_share = |num: u64, def: &str| {
        (!with_counts.is_empty()).then(|| Share::new(num, total_awards, opts.min_cell, def))
    };
    let listed_keys: BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| e.demand_keys.iter().map(String::as_str))
        .collect();
    let mut asked_not_listed: Vec<Ask> = asks
        .iter()
        .filter(|a| !listed_keys.contains(a.key.as_str()) && a.kind != "unspecified")
        .cloned()
        .collect();
    asked_not_listed.sort_by(|a, b| {
        b.postings
            .cmp(&a.postings)
            .then_with(|| a.name.cmp(&b.name))
    });
    asked_not_listed.truncate(opts.top_asks);

    let mut by_cluster: BTreeMap<String, Vec<&EntryFacts>> = BTreeMap::new();
    for e in &entries {
        by_cluster.entry(e.cluster.clone()).or_default().push(e);
    }
    let mut clusters: Vec<ClusterRow> = by_cluster
        .into_iter()
        .map(|(cluster, es)| {
            let listed = es.len() as u64;
            let requested_n = es.iter().filter(|e| requested(e)).count() as u64;
            let aligned_n = es.iter().filter(|e| aligned(e)).count() as u64;
            ClusterRow {
                share_requested: Share::new(
                    requested_n,
                    listed,
                    opts.min_cell,
                    definitions::REQUESTED,
                ),
                share_aligned: Share::new(aligned_n, listed, opts.min_cell, definitions::ALIGNED),
                cluster,
                listed,
                requested: requested_n,
                aligned: aligned_n,
                awards: es.iter().filter_map(|e| e.awards).sum(),
                awards_mismatched: es
                    .iter()
                    .filter(|e| !requested(e) && !aligned(e))
                    .filter_map(|e| e.awards)
                    .sum(),
            }
        })
        .collect();
    clusters.sort_by(|a, b| {
        b.listed
            .cmp(&a.listed)
            .then_with(|| a.cluster.cmp(&b.cluster))
    });

    SupplyReport {
        listed,
        matched: entries.iter().filter(|e| e.matched_id.is_some()).count() as u64,
        share_requested: Share::new(n_req, listed, opts.min_cell, definitions::REQUESTED),
        share_awards_requested: award_share(
            awards_where(&requested),
            definitions::AWARDS_REQUESTED,
        ),
        share_aligned: Share::new(n_al, listed, opts.min_cell, definitions::ALIGNED),
        share_awards_aligned: award_share(awards_where(&aligned), definitions::AWARDS_ALIGNED),
        awards_mismatch: award_share(
            awards_where(&|e: &EntryFacts| !requested(e) && !aligned(e)),
            definitions::MISMATCH,
        ),
        asked_not_listed,
        clusters,
        entries,
    }
}
