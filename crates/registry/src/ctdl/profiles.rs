//! Summaries of embedded profiles: agents, costs, durations, conditions (with alternatives), renewal,
//! revocation and jurisdictions. Referenced graph nodes (`_:` blank nodes, URIs in the same `@graph`)
//! lend their names.

use credence_model::{AgentRef, ConditionSummary, CostItem, DurationItem};
use serde_json::Value;

use super::Ctx;
use crate::jsonld::{list, number, reference, text, text_of, texts, Node};

/// Properties linking a record to an agent; the property name is kept as the role.
const AGENT_ROLES: &[&str] = &[
    "ceterms:ownedBy",
    "ceterms:owner",
    "ceterms:offeredBy",
    "ceterms:accreditedBy",
    "ceterms:approvedBy",
    "ceterms:recognizedBy",
    "ceterms:regulatedBy",
    "ceterms:revokedBy",
    "ceterms:renewedBy",
    "ceterms:creator",
    "schema:creator",
    "ceterms:copyrightHolder",
];

/// Condition properties summarized into `Record.conditions`.
const CONDITION_KINDS: &[&str] = &[
    "ceterms:requires",
    "ceterms:recommends",
    "ceterms:corequisite",
    "ceterms:coPrerequisite",
    "ceterms:entryCondition",
];

/// Properties of a condition profile that point at what must be earned or passed.
const TARGETS: &[&str] = &[
    "ceterms:targetCredential",
    "ceterms:targetAssessment",
    "ceterms:targetLearningOpportunity",
];

/// Name and description keys across CTDL generations.
const NAME: &[&str] = &["ceterms:name", "schema:name"];
/// Description keys across CTDL generations.
const DESCRIPTION: &[&str] = &["ceterms:description", "schema:description"];

/// Agents in every known role, named when embedded or present in the same graph.
pub(crate) fn agents(node: &Node, ctx: &Ctx) -> Vec<AgentRef> {
    let mut out = Vec::new();
    for role in AGENT_ROLES {
        for value in list(node.get(*role)) {
            let (id, name) = identify(value, ctx);
            if id.is_some() || name.is_some() {
                out.push(AgentRef {
                    role: role.to_string(),
                    id,
                    name,
                });
            }
        }
    }
    out
}

/// Id and name of a referenced or embedded node.
fn identify(value: &Value, ctx: &Ctx) -> (Option<String>, Option<String>) {
    match value {
        Value::Object(map) if !map.contains_key("@id") || map.len() > 1 => {
            let id = text_of(map, &["ceterms:ctid"]).or_else(|| map.get("@id").and_then(reference));
            (id, text_of(map, NAME))
        }
        other => {
            let id = reference(other);
            let name = id
                .as_ref()
                .and_then(|i| ctx.index.get(i))
                .and_then(|n| text_of(n, NAME));
            (id, name)
        }
    }
}

/// Costs of the record and of its condition profiles (renewal fees, exam fees).
pub(crate) fn costs(node: &Node) -> Vec<CostItem> {
    let mut out = cost_profiles(node);
    let holders = CONDITION_KINDS.iter().chain(["ceterms:renewal"].iter());
    for key in holders {
        for profile in list(node.get(*key))
            .into_iter()
            .filter_map(Value::as_object)
        {
            out.extend(cost_profiles(profile));
        }
    }
    out
}

/// `ceterms:estimatedCost` profiles of one node.
fn cost_profiles(node: &Node) -> Vec<CostItem> {
    list(node.get("ceterms:estimatedCost"))
        .into_iter()
        .filter_map(Value::as_object)
        .flat_map(cost_items)
        .collect()
}

/// One cost profile: one item per priced `directCostType` entry, else one item for the profile.
fn cost_items(profile: &Node) -> Vec<CostItem> {
    let currency = text(profile.get("ceterms:currency")).map(|c| currency_code(&c));
    let description = text_of(profile, DESCRIPTION).or_else(|| text_of(profile, NAME));
    let types: Vec<&Value> = list(profile.get("ceterms:directCostType"));
    let priced: Vec<&Node> = types
        .iter()
        .filter_map(|t| t.as_object())
        .filter(|t| t.contains_key("ceterms:price"))
        .collect();
    if !priced.is_empty() {
        return priced
            .into_iter()
            .map(|t| CostItem {
                amount: number(t.get("ceterms:price")),
                currency: currency.clone(),
                kind: cost_kind(t),
                description: description.clone(),
            })
            .collect();
    }
    let kinds: Vec<String> = types
        .iter()
        .filter_map(|t| t.as_object().and_then(cost_kind))
        .collect();
    vec![CostItem {
        amount: number(profile.get("ceterms:price")),
        currency,
        kind: (!kinds.is_empty()).then(|| kinds.join(", ")),
        description,
    }]
}

/// The label of a cost type alignment object.
fn cost_kind(entry: &Node) -> Option<String> {
    text_of(entry, &["ceterms:targetNodeName", "ceterms:targetNode"])
}

/// ISO 4217 for the spellings seen in 2018 data (`US Dollar`); other text is kept as published.
fn currency_code(raw: &str) -> String {
    match raw.trim().to_ascii_lowercase().as_str() {
        "us dollar" | "us dollars" | "u.s. dollar" | "dollar" | "dollars" | "$" => {
            "USD".to_string()
        }
        _ => raw.trim().to_string(),
    }
}

/// `ceterms:estimatedDuration` profiles: exact duration, else the range, with the description.
pub(crate) fn durations(node: &Node) -> Vec<DurationItem> {
    list(node.get("ceterms:estimatedDuration"))
        .into_iter()
        .filter_map(Value::as_object)
        .map(duration_item)
        .filter(|d| d.iso8601.is_some() || d.description.is_some())
        .collect()
}

/// One duration profile; a min–max range keeps the maximum and states the range in the description.
fn duration_item(profile: &Node) -> DurationItem {
    let exact = text(profile.get("ceterms:exactDuration"));
    let min = text(profile.get("ceterms:minimumDuration"));
    let max = text(profile.get("ceterms:maximumDuration"));
    let mut description = text_of(profile, DESCRIPTION);
    if exact.is_none() {
        if let (Some(lo), Some(hi)) = (&min, &max) {
            let range = format!("from {lo} to {hi}");
            description = Some(match description {
                Some(d) => format!("{d} ({range})"),
                None => range,
            });
        }
    }
    DurationItem {
        iso8601: exact.or(max).or(min),
        description,
    }
}

/// Prerequisites, recommendations, corequisites and entry conditions.
pub(crate) fn conditions(node: &Node, ctx: &Ctx) -> Vec<ConditionSummary> {
    CONDITION_KINDS
        .iter()
        .flat_map(|k| condition_list(node, k, ctx, 0))
        .collect()
}

/// Renewal conditions.
pub(crate) fn renewal(node: &Node, ctx: &Ctx) -> Vec<ConditionSummary> {
    condition_list(node, "ceterms:renewal", ctx, 0)
}

/// How deep alternatives may nest; graph references can form cycles (`_:a` → `_:a`), and no
/// real condition tree is anywhere near this deep.
const MAX_CONDITION_DEPTH: usize = 8;

/// Condition profiles under one property.
fn condition_list(node: &Node, kind: &str, ctx: &Ctx, depth: usize) -> Vec<ConditionSummary> {
    if depth >= MAX_CONDITION_DEPTH {
        return Vec::new();
    }
    list(node.get(kind))
        .into_iter()
        .filter_map(|v| condition_node(v, ctx))
        .map(|p| condition(p, kind, ctx, depth))
        .collect()
}

/// An embedded condition profile, or one referenced from the same graph.
fn condition_node<'a>(value: &'a Value, ctx: &'a Ctx) -> Option<&'a Node> {
    match value {
        Value::Object(map) if !map.contains_key("@id") || map.len() > 1 => Some(map),
        other => reference(other).and_then(|id| ctx.index.get(&id).copied()),
    }
}

/// One condition profile, with its alternatives summarized recursively.
fn condition(profile: &Node, kind: &str, ctx: &Ctx, depth: usize) -> ConditionSummary {
    ConditionSummary {
        kind: kind.to_string(),
        name: text_of(profile, NAME),
        description: text_of(profile, DESCRIPTION),
        requirements: texts(profile.get("ceterms:condition")),
        experience: text(profile.get("ceterms:experience")),
        years_of_experience: number(profile.get("ceterms:yearsOfExperience")),
        targets: targets(profile, ctx),
        alternatives: condition_list(profile, "ceterms:alternativeCondition", ctx, depth + 1),
    }
}

/// Names (else ids) of target credentials, assessments and learning opportunities.
fn targets(profile: &Node, ctx: &Ctx) -> Vec<String> {
    TARGETS
        .iter()
        .flat_map(|k| list(profile.get(*k)))
        .filter_map(|v| {
            let (id, name) = identify(v, ctx);
            name.or(id)
        })
        .collect()
}

/// Descriptions (else names) of revocation profiles.
pub(crate) fn revocation(node: &Node) -> Vec<String> {
    list(node.get("ceterms:revocation"))
        .into_iter()
        .filter_map(|v| match v {
            Value::Object(map) => text_of(map, DESCRIPTION).or_else(|| text_of(map, NAME)),
            other => text(Some(other)),
        })
        .collect()
}

/// Main jurisdictions by name, region or country (exceptions are not jurisdictions).
pub(crate) fn jurisdictions(node: &Node) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let profiles = list(node.get("ceterms:jurisdiction"))
        .into_iter()
        .filter_map(Value::as_object);
    for profile in profiles {
        for place in list(profile.get("ceterms:mainJurisdiction"))
            .into_iter()
            .filter_map(Value::as_object)
        {
            let keys = [
                "ceterms:name",
                "ceterms:addressRegion",
                "ceterms:addressCountry",
            ];
            if let Some(name) = text_of(place, &keys) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}
