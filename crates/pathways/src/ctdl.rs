//! Reads pathway facts out of a record's lossless CTDL JSON-LD: condition profiles (`requires`,
//! `recommends`, `entryCondition`, `alternativeCondition`) as condition trees, the connection
//! properties (`isPreparationFor`, `advancedStandingFrom`, `hasPart`, …) and Pathway components,
//! plus earn and renewal costs and durations.
//!
//! Text-only requirements become [`Condition::Statement`]s, except a few unambiguous phrasings
//! (high school, a named degree level, "N years of experience", "at least N years old").

use std::collections::HashMap;

use credence_model::{Ctid, Diagnostic, Location, Record};
use serde_json::{Map, Value};

use crate::condition::{Condition, EducationLevel};

type Node = Map<String, Value>;

/// How a record points at another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// The source must be held (a `holds` in the target's requirement) or completed first.
    Prerequisite,
    /// The source is recommended before the target.
    Recommended,
    /// `isPreparationFor` / `preparationFrom`.
    PreparationFor,
    /// `advancedStandingFrom` / `isAdvancedStandingFor`: the source shortens the target.
    AdvancedStanding,
    /// `hasPart` / `isPartOf`: the target is a part of the source.
    HasPart,
    /// `ceterms:precedes` between CTDL Pathway components.
    PathwayComponent,
    /// A credential or program leads to an occupation (SOC codes, CIP↔SOC).
    LeadsTo,
    /// O*NET related occupation.
    RelatedOccupation,
    /// College credit for a credential in a program (ACE-style or institution rule).
    Credit,
}

impl EdgeKind {
    /// Stable name for the API and the map legend.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Prerequisite => "prerequisite",
            EdgeKind::Recommended => "recommended",
            EdgeKind::PreparationFor => "preparation_for",
            EdgeKind::AdvancedStanding => "advanced_standing",
            EdgeKind::HasPart => "has_part",
            EdgeKind::PathwayComponent => "pathway_component",
            EdgeKind::LeadsTo => "leads_to",
            EdgeKind::RelatedOccupation => "related_occupation",
            EdgeKind::Credit => "credit",
        }
    }
}

/// A reference from a record to something else, as published.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Kind of connection.
    pub kind: EdgeKind,
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// The CTDL property it came from.
    pub property: &'static str,
    /// Name of whichever end is not this record, when the document gives one.
    pub other_name: Option<String>,
    /// CTDL type of the other end, when the document gives one.
    pub other_type: Option<String>,
}

/// Everything pathways need from one record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordPathway {
    /// What must be met to earn it (requires + entry conditions, all of them).
    pub requires: Condition,
    /// What is recommended (informational; never blocks).
    pub recommends: Option<Condition>,
    /// Outgoing and incoming connections.
    pub links: Vec<Link>,
    /// Sum of published prices to earn it, in USD, if any.
    pub earn_cost: Option<f64>,
    /// Published renewal cost, in USD, if any.
    pub renewal_cost: Option<f64>,
    /// Years between renewals (`renewalFrequency`), if published.
    pub renewal_every_years: Option<f64>,
    /// Time to earn, in years, from `estimatedDuration`, if published.
    pub years: Option<f64>,
    /// What could not be read.
    pub diagnostics: Vec<Diagnostic>,
}

/// How deep alternatives may nest before the rest is ignored (references can form cycles).
const MAX_DEPTH: usize = 8;

struct Ctx<'a> {
    record: &'a Record,
    index: HashMap<String, &'a Node>,
    diagnostics: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn warn(&mut self, field: &str, message: String) {
        let loc = Location::file(self.record.provenance.file.clone())
            .record(self.record.id.clone())
            .field(field.to_string());
        self.diagnostics.push(Diagnostic::warning(loc, message));
    }
}

/// Text of a string, language map (English first) or the first element of an array.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| text(Some(x))),
        Value::Object(m) => {
            for k in ["en", "en-US", "en-us", "en-GB", "@value"] {
                if let Some(t) = text(m.get(k)) {
                    return Some(t);
                }
            }
            m.values().find_map(|x| text(Some(x)))
        }
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Every text of a value (language map arrays included).
fn texts(v: Option<&Value>) -> Vec<String> {
    match v {
        None => Vec::new(),
        Some(Value::String(s)) => vec![s.trim().to_string()],
        Some(Value::Array(a)) => a.iter().flat_map(|x| texts(Some(x))).collect(),
        Some(Value::Object(m)) => {
            let en = ["en", "en-US", "en-us", "en-GB"]
                .iter()
                .find_map(|k| m.get(*k));
            match en {
                Some(x) => texts(Some(x)),
                None => m.values().take(1).flat_map(|x| texts(Some(x))).collect(),
            }
        }
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Array(a) => a.iter().find_map(|x| number(Some(x))),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite())
}

fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
    }
}

/// A node id for a reference: the canonical CTID when one can be read, else the reference.
pub fn node_id(reference: &str) -> String {
    match Ctid::normalize(reference) {
        Ok((c, _)) => c.as_str().to_string(),
        Err(_) => reference.trim().to_string(),
    }
}

/// Resolves a reference or embedded object to (id, name, type, node).
fn resolve<'a>(v: &'a Value, ctx: &Ctx<'a>) -> Option<(String, Option<String>, Option<String>)> {
    let (id, node): (Option<String>, Option<&Node>) = match v {
        Value::String(s) => (Some(s.clone()), ctx.index.get(s).copied()),
        Value::Object(m) if m.len() == 1 && m.contains_key("@id") => {
            let s = text(m.get("@id"))?;
            let node = ctx.index.get(&s).copied();
            (Some(s), node)
        }
        Value::Object(m) => {
            let id = text(m.get("ceterms:ctid")).or_else(|| text(m.get("@id")));
            (id, Some(m))
        }
        _ => return None,
    };
    let name =
        node.and_then(|n| text(n.get("ceterms:name")).or_else(|| text(n.get("schema:name"))));
    let ty = node.and_then(|n| text(n.get("@type")));
    let ctid = node.and_then(|n| text(n.get("ceterms:ctid")));
    let id = match (ctid, id) {
        (Some(c), _) => node_id(&c),
        (None, Some(i)) if i.starts_with("_:") => match &name {
            // A blank node with no CTID is named, not identified: key it by its name.
            Some(n) => format!("name:{n}"),
            None => i,
        },
        (None, Some(i)) => node_id(&i),
        (None, None) => format!("name:{}", name.clone()?),
    };
    Some((id, name, ty))
}

/// Reads a duration (`P2Y6M`, `PT40H`) as years; `None` when unparseable.
pub fn iso_years(iso: &str) -> Option<f64> {
    let body = iso.trim().strip_prefix('P')?;
    let mut years = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in body.chars() {
        match c {
            'T' => in_time = true,
            d if d.is_ascii_digit() || d == '.' => number.push(d),
            unit => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                any = true;
                years += n * match (unit, in_time) {
                    ('Y', false) => 1.0,
                    ('M', false) => 1.0 / 12.0,
                    ('W', false) => 1.0 / 52.0,
                    ('D', false) => 1.0 / 365.0,
                    // Clock hours of study, at 40 hours a week for 52 weeks.
                    ('H', true) => 1.0 / 2080.0,
                    ('M', true) => 1.0 / 124_800.0,
                    ('S', true) => 1.0 / 7_488_000.0,
                    _ => return None,
                };
            }
        }
    }
    (any && number.is_empty() && years.is_finite()).then_some(years)
}

/// The few text requirements whose meaning is unambiguous; everything else stays a statement.
pub fn text_atom(s: &str) -> Condition {
    let l = s.to_lowercase();
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .collect();
    let short = words.len() <= 12;
    if short {
        if l.contains("high school") || words.contains(&"ged") {
            return Condition::Education(EducationLevel::HighSchool);
        }
        for (cue, level) in [
            ("bachelor", EducationLevel::Bachelor),
            ("associate degree", EducationLevel::Associate),
            ("master's degree", EducationLevel::Master),
            ("doctoral degree", EducationLevel::Doctorate),
        ] {
            if l.contains(cue) && !l.contains(" or ") {
                return Condition::Education(level);
            }
        }
        if let Some(i) = words.iter().position(|w| *w == "years" || *w == "year") {
            let n = i
                .checked_sub(1)
                .and_then(|j| words.get(j))
                .and_then(|w| w.parse::<f64>().ok().or_else(|| word_number(w)));
            if let Some(n) = n {
                if l.contains("experience") && !l.contains(" or ") {
                    return Condition::Experience {
                        years: n,
                        field: None,
                    };
                }
                if (l.contains("old") || l.contains("of age")) && n.fract() == 0.0 && n < 150.0 {
                    return Condition::MinAge(n as u32);
                }
            }
        }
    }
    Condition::Statement(s.trim().to_string())
}

fn word_number(w: &str) -> Option<f64> {
    let n = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ]
    .iter()
    .position(|x| *x == w)?;
    Some(n as f64)
}

fn profile_condition(p: &Node, ctx: &mut Ctx, depth: usize, field: &str) -> Option<Condition> {
    let mut parts = Vec::new();
    for line in texts(p.get("ceterms:condition")) {
        parts.push(text_atom(&line));
    }
    if let Some(y) = number(p.get("ceterms:yearsOfExperience")) {
        if y >= 0.0 {
            parts.push(Condition::Experience {
                years: y,
                field: None,
            });
        } else {
            ctx.warn(field, format!("negative yearsOfExperience {y} ignored"));
        }
    } else if let Some(exp) = text(p.get("ceterms:experience")) {
        parts.push(text_atom(&exp));
    }
    if let Some(age) = number(p.get("ceterms:minimumAge")) {
        if (0.0..150.0).contains(&age) {
            parts.push(Condition::MinAge(age as u32));
        }
    }
    for v in list(p.get("ceterms:targetCredential")) {
        if let Some((id, _, _)) = resolve(v, ctx) {
            parts.push(Condition::Holds {
                credential: id,
                active: false,
            });
        }
    }
    for v in list(p.get("ceterms:targetAssessment")) {
        if let Some((id, name, _)) = resolve(v, ctx) {
            parts.push(Condition::Passes(if id.starts_with("name:") {
                name.unwrap_or(id)
            } else {
                id
            }));
        }
    }
    for v in list(p.get("ceterms:targetLearningOpportunity")) {
        if let Some((id, name, _)) = resolve(v, ctx) {
            parts.push(Condition::Completes(if id.starts_with("name:") {
                name.unwrap_or(id)
            } else {
                id
            }));
        }
    }
    let mut alternatives = Vec::new();
    if depth < MAX_DEPTH {
        let alts: Vec<Node> = list(p.get("ceterms:alternativeCondition"))
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(m) if !(m.len() == 1 && m.contains_key("@id")) => Some(m.clone()),
                other => text(Some(other)).and_then(|id| ctx.index.get(&id).map(|n| (*n).clone())),
            })
            .collect();
        for alt in &alts {
            if let Some(c) = profile_condition(alt, ctx, depth + 1, field) {
                alternatives.push(c);
            }
        }
    } else if p.contains_key("ceterms:alternativeCondition") {
        ctx.warn(
            field,
            format!("alternative conditions nested deeper than {MAX_DEPTH} levels (or cyclic) were ignored"),
        );
    }
    if parts.is_empty() && alternatives.is_empty() {
        let what = text(p.get("ceterms:description")).or_else(|| text(p.get("ceterms:name")));
        return what.map(Condition::Statement);
    }
    let main = match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Condition::All(parts)),
    };
    Some(match (main, alternatives.is_empty()) {
        (Some(m), true) => m,
        (None, false) if alternatives.len() == 1 => alternatives.remove(0),
        (None, false) => Condition::Any(alternatives),
        (Some(m), false) => {
            let mut v = vec![m];
            v.extend(alternatives);
            Condition::Any(v)
        }
        (None, true) => return None,
    })
}

fn conditions_under(node: &Node, key: &str, ctx: &mut Ctx) -> Vec<Condition> {
    let profiles: Vec<Node> = list(node.get(key))
        .into_iter()
        .filter_map(|v| match v {
            Value::Object(m) if !(m.len() == 1 && m.contains_key("@id")) => Some(m.clone()),
            other => text(Some(other)).and_then(|id| ctx.index.get(&id).map(|n| (*n).clone())),
        })
        .collect();
    profiles
        .iter()
        .filter_map(|p| profile_condition(p, ctx, 0, key))
        .collect()
}

fn join_all(mut v: Vec<Condition>) -> Condition {
    if v.len() == 1 {
        v.remove(0)
    } else {
        Condition::All(v)
    }
}

/// Sum of USD (or currency-less) prices of `estimatedCost` profiles on a node.
fn prices(node: &Node, ctx: &mut Ctx, field: &str) -> Option<f64> {
    let mut total = None;
    for p in list(node.get("ceterms:estimatedCost"))
        .into_iter()
        .filter_map(Value::as_object)
    {
        let currency = text(p.get("ceterms:currency")).unwrap_or_else(|| "USD".into());
        let usd = matches!(
            currency.to_ascii_lowercase().as_str(),
            "usd" | "us dollar" | "us dollars" | "$"
        );
        let mut amounts: Vec<f64> = list(p.get("ceterms:directCostType"))
            .into_iter()
            .filter_map(|t| t.as_object().and_then(|t| number(t.get("ceterms:price"))))
            .collect();
        if amounts.is_empty() {
            amounts.extend(number(p.get("ceterms:price")));
        }
        if amounts.is_empty() {
            continue;
        }
        if !usd {
            ctx.warn(
                field,
                format!("cost in {currency} not counted (plans are in USD)"),
            );
            continue;
        }
        *total.get_or_insert(0.0) += amounts.iter().filter(|a| **a >= 0.0).sum::<f64>();
    }
    total
}

const LINKS: &[(&str, EdgeKind, bool)] = &[
    // (property, kind, this record is the source?)
    ("ceterms:isPreparationFor", EdgeKind::PreparationFor, true),
    ("ceterms:preparationFrom", EdgeKind::PreparationFor, false),
    (
        "ceterms:isAdvancedStandingFor",
        EdgeKind::AdvancedStanding,
        true,
    ),
    (
        "ceterms:advancedStandingFrom",
        EdgeKind::AdvancedStanding,
        false,
    ),
    ("ceterms:isRequiredFor", EdgeKind::Prerequisite, true),
    ("ceterms:isRecommendedFor", EdgeKind::Recommended, true),
    ("ceterms:hasPart", EdgeKind::HasPart, true),
    ("ceterms:isPartOf", EdgeKind::HasPart, false),
];

/// Condition-profile targets of a connection property, or direct references.
fn link_targets<'a>(v: &'a Value, ctx: &Ctx<'a>) -> Vec<(String, Option<String>, Option<String>)> {
    if let Value::Object(m) = v {
        let is_profile = [
            "ceterms:targetCredential",
            "ceterms:targetAssessment",
            "ceterms:targetLearningOpportunity",
        ]
        .iter()
        .any(|k| m.contains_key(*k));
        if is_profile {
            return [
                "ceterms:targetCredential",
                "ceterms:targetAssessment",
                "ceterms:targetLearningOpportunity",
            ]
            .iter()
            .flat_map(|k| list(m.get(*k)))
            .filter_map(|t| resolve(t, ctx))
            .collect();
        }
    }
    resolve(v, ctx).into_iter().collect()
}

/// Reads conditions, connections, costs and durations from a record's JSON-LD.
pub fn read_record(record: &Record) -> RecordPathway {
    let empty = Map::new();
    let doc = record.document.as_object().unwrap_or(&empty);
    let mut index: HashMap<String, &Node> = HashMap::new();
    for n in record.attached.iter().filter_map(Value::as_object) {
        if let Some(id) = text(n.get("@id")) {
            index.insert(id, n);
        }
    }
    let mut ctx = Ctx {
        record,
        index,
        diagnostics: Vec::new(),
    };
    let mut required = conditions_under(doc, "ceterms:requires", &mut ctx);
    required.extend(conditions_under(doc, "ceterms:entryCondition", &mut ctx));
    let recommended = conditions_under(doc, "ceterms:recommends", &mut ctx);
    let requires = join_all(required);
    if let Some(why) = requires.contradiction() {
        ctx.warn(
            "ceterms:requires",
            format!("contradictory requirements, nobody can meet them: {why}"),
        );
    }
    let this = record.id.clone();
    let mut links = Vec::new();
    for c in requires.held_credentials() {
        links.push(Link {
            kind: EdgeKind::Prerequisite,
            from: c.to_string(),
            to: this.clone(),
            property: "ceterms:requires",
            other_name: None,
            other_type: None,
        });
    }
    let mut lo_targets = Vec::new();
    requires.walk(&mut |c| {
        if let Condition::Completes(x) | Condition::Passes(x) = c {
            lo_targets.push(x.clone());
        }
    });
    for x in lo_targets.into_iter().filter(|x| x.starts_with("ce-")) {
        links.push(Link {
            kind: EdgeKind::Prerequisite,
            from: x,
            to: this.clone(),
            property: "ceterms:requires",
            other_name: None,
            other_type: Some("ceterms:LearningOpportunityProfile".into()),
        });
    }
    if let Some(rec) = recommended.first() {
        let mut held = Vec::new();
        rec.walk(&mut |c| {
            if let Condition::Holds { credential, .. } = c {
                held.push(credential.clone());
            }
        });
        for h in held {
            links.push(Link {
                kind: EdgeKind::Recommended,
                from: h,
                to: this.clone(),
                property: "ceterms:recommends",
                other_name: None,
                other_type: None,
            });
        }
    }
    for (prop, kind, outgoing) in LINKS {
        for v in list(doc.get(*prop)) {
            for (id, name, ty) in link_targets(v, &ctx) {
                let (from, to) = if *outgoing {
                    (this.clone(), id)
                } else {
                    (id, this.clone())
                };
                links.push(Link {
                    kind: *kind,
                    from,
                    to,
                    property: prop,
                    other_name: name,
                    other_type: ty,
                });
            }
        }
    }
    pathway_components(record, doc, &ctx, &mut links);
    // Fill in names of referenced blank nodes for links made from conditions.
    let earn_cost = {
        let mut total = prices(doc, &mut ctx, "ceterms:estimatedCost");
        for key in ["ceterms:requires", "ceterms:entryCondition"] {
            for p in list(doc.get(key)).into_iter().filter_map(Value::as_object) {
                if let Some(x) = prices(p, &mut ctx, key) {
                    *total.get_or_insert(0.0) += x;
                }
            }
        }
        total
    };
    let mut renewal_cost = None;
    for p in list(doc.get("ceterms:renewal"))
        .into_iter()
        .filter_map(Value::as_object)
    {
        if let Some(x) = prices(p, &mut ctx, "ceterms:renewal") {
            *renewal_cost.get_or_insert(0.0) += x;
        }
    }
    let renewal_every_years = text(doc.get("ceterms:renewalFrequency")).and_then(|s| iso_years(&s));
    let years = record
        .durations
        .iter()
        .filter_map(|d| d.iso8601.as_deref().and_then(iso_years))
        .fold(None, |acc: Option<f64>, y| {
            Some(acc.map_or(y, |a| a.max(y)))
        });
    RecordPathway {
        requires,
        recommends: (!recommended.is_empty()).then(|| join_all(recommended)),
        links,
        earn_cost,
        renewal_cost,
        renewal_every_years,
        years,
        diagnostics: ctx.diagnostics,
    }
}

/// CTDL Pathway records: components (`hasChild`, `hasDestinationComponent`, embedded or attached)
/// proxy for credentials; `precedes` between components becomes an edge between those credentials.
fn pathway_components(record: &Record, doc: &Node, ctx: &Ctx, links: &mut Vec<Link>) {
    let is_pathway = record.ctdl_type.ends_with("Pathway");
    if !is_pathway {
        return;
    }
    let mut proxy: HashMap<String, String> = HashMap::new();
    let mut components: Vec<&Node> = Vec::new();
    for n in record.attached.iter().filter_map(Value::as_object) {
        if text(n.get("@type")).is_some_and(|t| t.ends_with("Component")) {
            components.push(n);
        }
    }
    for key in [
        "ceterms:hasChild",
        "ceterms:hasDestinationComponent",
        "ceterms:hasPart",
    ] {
        for v in list(doc.get(key)) {
            if let Value::Object(m) = v {
                if m.len() > 1 {
                    components.push(m);
                }
            }
        }
    }
    for c in &components {
        let (Some(id), Some(p)) = (
            text(c.get("@id")).or_else(|| text(c.get("ceterms:ctid"))),
            text(c.get("ceterms:proxyFor")),
        ) else {
            continue;
        };
        proxy.insert(id, node_id(&p));
        if let Some(ctid) = text(c.get("ceterms:ctid")) {
            proxy.insert(ctid, node_id(&p));
        }
    }
    let _ = ctx;
    for c in &components {
        let Some(from_id) = text(c.get("@id")).or_else(|| text(c.get("ceterms:ctid"))) else {
            continue;
        };
        let Some(from) = proxy.get(&from_id) else {
            continue;
        };
        for next in list(c.get("ceterms:precedes")) {
            let Some(next_id) = text(Some(next)) else {
                continue;
            };
            if let Some(to) = proxy.get(&next_id) {
                links.push(Link {
                    kind: EdgeKind::PathwayComponent,
                    from: from.clone(),
                    to: to.clone(),
                    property: "ceterms:precedes",
                    other_name: None,
                    other_type: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_years() {
        assert_eq!(iso_years("P2Y"), Some(2.0));
        assert_eq!(iso_years("P6M"), Some(0.5));
        assert_eq!(iso_years("PT2080H"), Some(1.0));
        assert_eq!(iso_years("P"), None);
        assert_eq!(iso_years("P2Q"), None);
        assert_eq!(iso_years("P1Y2"), None);
    }

    #[test]
    fn text_atoms_only_when_unambiguous() {
        assert_eq!(
            text_atom("Complete High School"),
            Condition::Education(EducationLevel::HighSchool)
        );
        assert_eq!(
            text_atom("Three years of related work experience"),
            Condition::Experience {
                years: 3.0,
                field: None
            }
        );
        assert_eq!(
            text_atom("Must be at least 18 years old"),
            Condition::MinAge(18)
        );
        assert!(matches!(
            text_atom("Have a drivers licence."),
            Condition::Statement(_)
        ));
        assert!(matches!(
            text_atom("a bachelor's degree or three years of experience"),
            Condition::Statement(_)
        ));
    }
}
