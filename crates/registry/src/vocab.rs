//! The CTDL vocabulary, read from the published schema encoding (`@graph` of `rdfs:Class` and
//! `rdf:Property` nodes). The class tree is derived from `rdfs:subClassOf`, never typed in by hand,
//! so a new CTDL release only needs a new file.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use credence_model::RecordClass;
use serde_json::Value;

use crate::error::{read_file, RegistryError};
use crate::jsonld::{list, text};

/// The root of every credential type.
const CREDENTIAL: &str = "ceterms:Credential";

/// One class: its label and direct parents.
#[derive(Debug, Default)]
struct ClassInfo {
    label: Option<String>,
    definition: Option<String>,
    parents: Vec<String>,
}

/// One property: its label, the classes it may be used on and the types its values may take.
#[derive(Debug, Default)]
struct PropertyInfo {
    label: Option<String>,
    /// `schema:domainIncludes`, merged with every class whose `meta:domainFor` names the property;
    /// `None` when the schema states no domain at all.
    domains: Option<Vec<String>>,
    /// `schema:rangeIncludes`; `None` when the schema states no range.
    ranges: Option<Vec<String>>,
}

/// What the schema file defines.
#[derive(Debug, Default)]
struct Inner {
    classes: BTreeMap<String, ClassInfo>,
    properties: BTreeMap<String, PropertyInfo>,
}

/// The CTDL class tree and property list; loaded once, cloned cheaply (shared), passed by reference.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    inner: Arc<Inner>,
}

impl Vocabulary {
    /// Reads the schema encoding file (`ctdl_schema_encoding_*.json`) from disk.
    pub fn load(path: impl AsRef<Path>) -> Result<Vocabulary, RegistryError> {
        let path = path.as_ref();
        let bytes = read_file(path)?;
        Self::parse(&path.display().to_string(), &bytes)
    }

    /// Builds a vocabulary from schema bytes, for tests and embedded copies.
    pub fn from_bytes(bytes: &[u8]) -> Result<Vocabulary, RegistryError> {
        Self::parse("<bytes>", bytes)
    }

    /// Parses the `@graph` document; `file` only names the input in errors.
    fn parse(file: &str, bytes: &[u8]) -> Result<Vocabulary, RegistryError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let doc: Value = serde_json::from_slice(bytes).map_err(|e| RegistryError::Json {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let graph = doc.get("@graph").and_then(Value::as_array).ok_or_else(|| {
            RegistryError::Vocabulary {
                file: file.to_string(),
                message: "no `@graph` array".into(),
            }
        })?;
        let mut inner = Inner::default();
        graph.iter().for_each(|node| add_term(&mut inner, node));
        graph
            .iter()
            .for_each(|node| add_domain_for(&mut inner, node));
        if inner.classes.is_empty() {
            return Err(RegistryError::Vocabulary {
                file: file.to_string(),
                message: "the `@graph` defines no `rdfs:Class`".into(),
            });
        }
        Ok(Vocabulary {
            inner: Arc::new(inner),
        })
    }

    /// Whether a compact name (`ceterms:Certification`) is a class of the vocabulary.
    pub fn is_class(&self, name: &str) -> bool {
        self.inner.classes.contains_key(name)
    }

    /// Whether a compact name (`ceterms:ownedBy`) is a property of the vocabulary.
    pub fn is_property(&self, name: &str) -> bool {
        self.inner.properties.contains_key(name)
    }

    /// The English label of a class or property, for display.
    pub fn label(&self, name: &str) -> Option<&str> {
        match self.inner.classes.get(name) {
            Some(c) => c.label.as_deref(),
            None => self.inner.properties.get(name)?.label.as_deref(),
        }
    }

    /// The classes a property may be used on (`schema:domainIncludes` of the property merged with
    /// `meta:domainFor` of the classes), sorted and deduplicated. `None` for unknown properties
    /// and for properties whose schema entry states no domain (any class may use them).
    /// Subclasses of a listed class inherit it: check with [`Vocabulary::allows_property`].
    pub fn property_domains(&self, property: &str) -> Option<&[String]> {
        self.inner.properties.get(property)?.domains.as_deref()
    }

    /// The value types of a property (`schema:rangeIncludes`): classes such as
    /// `ceterms:CostProfile` or literal datatypes such as `xsd:string`, `rdf:langString`.
    /// `None` for unknown properties and for properties without a stated range.
    pub fn property_ranges(&self, property: &str) -> Option<&[String]> {
        self.inner.properties.get(property)?.ranges.as_deref()
    }

    /// Whether `property` may be used on a node of type `class`: true when the property states no
    /// domain, or when `class` or one of its ancestors is in the domain. False for unknown
    /// properties.
    pub fn allows_property(&self, class: &str, property: &str) -> bool {
        let Some(info) = self.inner.properties.get(property) else {
            return false;
        };
        match &info.domains {
            None => true,
            Some(domains) => domains
                .iter()
                .any(|d| d == class || self.is_subclass_of(class, d)),
        }
    }

    /// The CTDL definition of a class (`rdfs:comment`), so pages can say what a type means.
    pub fn definition(&self, class: &str) -> Option<String> {
        self.inner.classes.get(class)?.definition.clone()
    }

    /// Whether `child` descends from `ancestor` through `rdfs:subClassOf` (transitive, not reflexive).
    pub fn is_subclass_of(&self, child: &str, ancestor: &str) -> bool {
        let mut seen = HashSet::new();
        let mut stack: Vec<&str> = self.parents(child).collect();
        while let Some(c) = stack.pop() {
            if c == ancestor {
                return true;
            }
            if seen.insert(c) {
                stack.extend(self.parents(c));
            }
        }
        false
    }

    /// Every class below `ceterms:Credential`, sorted; the credential types a record may declare.
    pub fn credential_subclasses(&self) -> Vec<&str> {
        self.inner
            .classes
            .keys()
            .filter(|c| self.is_subclass_of(c, CREDENTIAL))
            .map(String::as_str)
            .collect()
    }

    /// The family of a declared type; decides which pages and analyses apply.
    pub fn record_class(&self, ctdl_type: &str) -> RecordClass {
        let is = |root: &str| ctdl_type == root || self.is_subclass_of(ctdl_type, root);
        if is(CREDENTIAL) {
            RecordClass::Credential
        } else if is("ceterms:Agent") || is("ceterms:Organization") {
            RecordClass::Organization
        } else if is("ceterms:AssessmentProfile") || is("ceterms:Assessment") {
            RecordClass::Assessment
        } else if [
            "ceterms:LearningOpportunityProfile",
            "ceterms:LearningOpportunity",
        ]
        .iter()
        .chain(["ceterms:Course", "ceterms:LearningProgram"].iter())
        .any(|r| is(r))
        {
            RecordClass::LearningOpportunity
        } else {
            self.record_class_rest(ctdl_type, &is)
        }
    }

    /// The families after the credential, agent, assessment and learning ones.
    fn record_class_rest(&self, ctdl_type: &str, is: &dyn Fn(&str) -> bool) -> RecordClass {
        if is("ceterms:ConditionManifest") {
            RecordClass::ConditionManifest
        } else if is("ceterms:CostManifest") {
            RecordClass::CostManifest
        } else if ctdl_type == "ceasn:CompetencyFramework" || ctdl_type == "ceasn:Competency" {
            RecordClass::Competency
        } else if is("ceterms:Pathway") || is("ceterms:PathwayComponent") {
            RecordClass::Pathway
        } else if ctdl_type.starts_with("qdata:") {
            RecordClass::OutcomeData
        } else {
            RecordClass::Other
        }
    }

    /// Direct parents of a class (none for unknown names).
    fn parents<'a>(&'a self, class: &str) -> impl Iterator<Item = &'a str> {
        self.inner
            .classes
            .get(class)
            .into_iter()
            .flat_map(|c| c.parents.iter().map(String::as_str))
    }
}

/// Records one schema node if it is a class or a property.
fn add_term(inner: &mut Inner, node: &Value) {
    let Some(id) = node.get("@id").and_then(Value::as_str) else {
        return;
    };
    let types: Vec<&str> = list(node.get("@type"))
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    let label = text(node.get("rdfs:label"));
    if types.contains(&"rdfs:Class") {
        let parents = list(node.get("rdfs:subClassOf"))
            .into_iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        let definition = text(node.get("rdfs:comment"));
        inner.classes.insert(
            id.to_string(),
            ClassInfo {
                label,
                definition,
                parents,
            },
        );
    } else if types.contains(&"rdf:Property") {
        let info = PropertyInfo {
            label,
            domains: node.get("schema:domainIncludes").map(|v| names(Some(v))),
            ranges: node.get("schema:rangeIncludes").map(|v| names(Some(v))),
        };
        inner.properties.insert(id.to_string(), info);
    }
}

/// The compact names in a string or array value (`"a"`, `["a", "b"]`, `{"@id": "a"}`), sorted
/// and deduplicated.
fn names(value: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = list(value)
        .into_iter()
        .filter_map(|v| v.as_str().or_else(|| v.get("@id").and_then(Value::as_str)))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Adds a class to the domain of every property its `meta:domainFor` lists (after all terms are
/// known, so the order of the `@graph` does not matter). Properties without a stated domain keep
/// none: the class list would otherwise narrow an unrestricted property.
fn add_domain_for(inner: &mut Inner, node: &Value) {
    let Some(class) = node.get("@id").and_then(Value::as_str) else {
        return;
    };
    if !inner.classes.contains_key(class) {
        return;
    }
    for property in names(node.get("meta:domainFor")) {
        let domains = inner
            .properties
            .get_mut(&property)
            .and_then(|p| p.domains.as_mut());
        if let Some(domains) = domains {
            if let Err(at) = domains.binary_search_by(|d| d.as_str().cmp(class)) {
                domains.insert(at, class.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Vocabulary {
        let doc = br#"{"@graph":[
          {"@id":"ceterms:Credential","@type":"rdfs:Class","rdfs:label":{"en-US":"Credential"}},
          {"@id":"ceterms:Degree","@type":"rdfs:Class","rdfs:subClassOf":["ceterms:Credential"]},
          {"@id":"ceterms:MasterDegree","@type":"rdfs:Class","rdfs:subClassOf":"ceterms:Degree"},
          {"@id":"ceterms:Loop","@type":"rdfs:Class","rdfs:subClassOf":["ceterms:Loop"]},
          {"@id":"ceterms:name","@type":"rdf:Property","rdfs:label":{"en-US":"Name"}}
        ]}"#;
        Vocabulary::from_bytes(doc).expect("tiny vocabulary parses")
    }

    #[test]
    fn transitive_and_cycle_safe() {
        let v = tiny();
        assert_eq!(v.definition("ceterms:Degree"), None);
        assert!(v.is_subclass_of("ceterms:MasterDegree", "ceterms:Credential"));
        assert!(!v.is_subclass_of("ceterms:Credential", "ceterms:Credential"));
        assert!(!v.is_subclass_of("ceterms:Loop", "ceterms:Credential"));
        assert_eq!(
            v.credential_subclasses(),
            vec!["ceterms:Degree", "ceterms:MasterDegree"]
        );
        assert_eq!(v.label("ceterms:name"), Some("Name"));
        assert!(v.is_property("ceterms:name") && !v.is_class("ceterms:name"));
        assert_eq!(
            v.record_class("ceterms:MasterDegree"),
            RecordClass::Credential
        );
        assert_eq!(
            v.record_class("qdata:DataSetProfile"),
            RecordClass::OutcomeData
        );
        assert_eq!(v.record_class("ceterms:Nope"), RecordClass::Other);
    }

    #[test]
    fn domains_and_ranges() {
        let doc = br#"{"@graph":[
          {"@id":"ceterms:Credential","@type":"rdfs:Class",
           "meta:domainFor":["ceterms:owns","ceterms:free"]},
          {"@id":"ceterms:Degree","@type":"rdfs:Class","rdfs:subClassOf":["ceterms:Credential"]},
          {"@id":"ceterms:Agent","@type":"rdfs:Class"},
          {"@id":"ceterms:name","@type":"rdf:Property",
           "schema:domainIncludes":["ceterms:Agent","ceterms:Agent"],
           "schema:rangeIncludes":["rdf:langString"]},
          {"@id":"ceterms:owns","@type":"rdf:Property","schema:domainIncludes":["ceterms:Agent"],
           "schema:rangeIncludes":"ceterms:Credential"},
          {"@id":"ceterms:free","@type":"rdf:Property"}
        ]}"#;
        let v = Vocabulary::from_bytes(doc).expect("parses");
        assert_eq!(
            v.property_domains("ceterms:name"),
            Some(&["ceterms:Agent".to_string()][..])
        );
        assert_eq!(
            v.property_domains("ceterms:owns"),
            Some(
                &[
                    "ceterms:Agent".to_string(),
                    "ceterms:Credential".to_string()
                ][..]
            )
        );
        assert_eq!(
            v.property_ranges("ceterms:owns"),
            Some(&["ceterms:Credential".to_string()][..])
        );
        assert_eq!(v.property_domains("ceterms:free"), None);
        assert_eq!(v.property_ranges("ceterms:nope"), None);
        assert!(v.allows_property("ceterms:Degree", "ceterms:owns"));
        assert!(!v.allows_property("ceterms:Degree", "ceterms:name"));
        assert!(v.allows_property("ceterms:Degree", "ceterms:free"));
        assert!(!v.allows_property("ceterms:Degree", "ceterms:nope"));
    }

    #[test]
    fn rejects_non_vocabulary() {
        assert!(matches!(
            Vocabulary::from_bytes(b"{}"),
            Err(RegistryError::Vocabulary { .. })
        ));
        assert!(matches!(
            Vocabulary::from_bytes(b"{"),
            Err(RegistryError::Json { .. })
        ));
    }
}
