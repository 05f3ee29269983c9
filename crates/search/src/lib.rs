//! Full-text and faceted search over registry records, built on tantivy.
//!
//! The index lives in memory and is rebuilt from the store at start-up (the whole national
//! registry is tens of thousands of records: a rebuild takes well under a second per 10,000).
//! Ranking is BM25 over name, alternate names, issuers, keywords and description with field
//! boosts; queries and documents share one normalization so `A+`, `a plus` and `a+` meet.

#![deny(missing_docs)]

mod normalize;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

pub use normalize::normalize_text;

/// What the index knows about one record: the searchable text and the facet values.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SearchDoc {
    /// Record id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Alternate names and acronyms.
    pub alternate_names: Vec<String>,
    /// Description.
    pub description: String,
    /// Issuer / owner names.
    pub issuers: Vec<String>,
    /// Keywords, subjects, occupation titles.
    pub keywords: Vec<String>,
    /// Human label of the declared type ("Certification", or "Unclassified").
    pub type_label: String,
    /// Record class family (`credential`, `organization`, …).
    pub class: String,
    /// SOC 2018 major groups (`29-0000`) and detailed codes (`29-1141`).
    pub soc: Vec<String>,
    /// CIP 2020 codes.
    pub cip: Vec<String>,
    /// State or country jurisdictions.
    pub states: Vec<String>,
    /// Whether the record is live; retired ones rank lower.
    pub active: bool,
}

/// A search request: free text plus facet filters, paged.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Free text; empty lists everything that passes the filters.
    pub text: String,
    /// Only this type label.
    pub type_label: Option<String>,
    /// Only this issuer.
    pub issuer: Option<String>,
    /// Only this SOC code (major group `29-0000` or detailed `29-1141`).
    pub soc: Option<String>,
    /// Only this CIP code.
    pub cip: Option<String>,
    /// Only this state.
    pub state: Option<String>,
    /// Only this class family.
    pub class: Option<String>,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Record id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Type label.
    pub type_label: String,
    /// Issuer names.
    pub issuers: Vec<String>,
    /// BM25 score (comparable within one query only).
    pub score: f32,
}

/// Counts of matching records per facet value, for narrowing a search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    /// Per type label.
    pub types: Vec<(String, u64)>,
    /// Per issuer.
    pub issuers: Vec<(String, u64)>,
    /// Per SOC major group.
    pub soc_major: Vec<(String, u64)>,
    /// Per CIP 2-digit family.
    pub cip: Vec<(String, u64)>,
    /// Per state.
    pub states: Vec<(String, u64)>,
}

/// The page of hits, the total and the facets over all matches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Matches in all.
    pub total: usize,
    /// The requested page.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches.
    pub facets: Facets,
}

/// Search failures; all are internal (bad queries are normalized, never rejected).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed.
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

struct Fields {
    id: Field,
    name: Field,
    name_display: Field,
    alt: Field,
    description: Field,
    issuer_text: Field,
    keywords: Field,
    type_text: Field,
    type_label: Field,
    issuers_stored: Field,
    active: Field,
    f_type: Field,
    f_issuer: Field,
    f_soc: Field,
    f_cip: Field,
    f_state: Field,
    f_class: Field,
}

/// An in-memory search index over registry records.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    docs: usize,
}

const ANALYZER: &str = "credence_en";

/// Deepest result a client may page to; past it, narrow the query instead.
pub const MAX_OFFSET: usize = 10_000;

impl Fields {
    /// Text fields with their boosts: the name matters most, descriptions least.
    fn boosted(&self) -> [(Field, f32); 6] {
        [
            (self.name, 4.0),
            (self.alt, 3.0),
            (self.issuer_text, 1.5),
            (self.keywords, 1.0),
            (self.type_text, 1.0),
            (self.description, 0.4),
        ]
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        name: b.add_text_field("name", text.clone()),
        name_display: b.add_text_field("name_display", STORED),
        alt: b.add_text_field("alt", text.clone()),
        description: b.add_text_field("description", text.clone()),
        issuer_text: b.add_text_field("issuer_text", text.clone()),
        keywords: b.add_text_field("keywords", text.clone()),
        type_text: b.add_text_field("type_text", text),
        type_label: b.add_text_field("type_label", STRING | STORED),
        issuers_stored: b.add_text_field("issuers", STORED),
        active: b.add_text_field("active", STRING),
        f_type: b.add_facet_field("f_type", FacetOptions::default()),
        f_issuer: b.add_facet_field("f_issuer", FacetOptions::default()),
        f_soc: b.add_facet_field("f_soc", FacetOptions::default()),
        f_cip: b.add_facet_field("f_cip", FacetOptions::default()),
        f_state: b.add_facet_field("f_state", FacetOptions::default()),
        f_class: b.add_facet_field("f_class", FacetOptions::default()),
    };
    (b.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn facet(value: &str) -> Facet {
    Facet::from_path([value])
}

impl SearchIndex {
    /// Builds an index over `docs`; call again to rebuild after imports.
    pub fn build(docs: impl IntoIterator<Item = SearchDoc>) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(ANALYZER, analyzer());
        let mut writer: tantivy::IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(1, 50_000_000)?;
        let mut count = 0;
        for d in docs {
            writer.add_document(to_document(&fields, &d))?;
            count += 1;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            docs: count,
        })
    }

    /// Number of indexed records.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Runs a query: ranked page, total and facets.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let query = self.build_query(q, &searcher);
        let limit = q.limit.clamp(1, 1000);
        // tantivy keeps offset + limit candidates in memory: bound the depth of paging.
        let offset = q.offset.min(MAX_OFFSET);
        let mut multi = MultiCollector::new();
        let top = multi.add_collector(TopDocs::with_limit(limit).and_offset(offset));
        let count = multi.add_collector(Count);
        let f = &self.fields;
        let facet_fields = [f.f_type, f.f_issuer, f.f_soc, f.f_cip, f.f_state];
        let facet_handles: Vec<_> = facet_fields
            .iter()
            .map(|field| {
                let mut c = FacetCollector::for_field(
                    self.index.schema().get_field_name(*field).to_string(),
                );
                c.add_facet("/");
                multi.add_collector(c)
            })
            .collect();
        let mut fruits = searcher.search(&query, &multi)?;
        let top_docs = top.extract(&mut fruits);
        let total = count.extract(&mut fruits);
        let mut facet_counts: Vec<Vec<(String, u64)>> = facet_handles
            .into_iter()
            .zip(facet_fields)
            .map(|(h, field)| {
                let counts = h.extract(&mut fruits);
                let mut v: Vec<(String, u64)> = counts
                    .get("/")
                    .map(|(facet, n)| (facet_label(facet), n))
                    // The SOC and CIP facets list groups: major groups and 2-digit families.
                    .filter(|(label, _)| {
                        (field != f.f_soc || label.ends_with("-0000"))
                            && (field != f.f_cip || label.len() == 2)
                    })
                    .collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v.truncate(50);
                v
            })
            .collect();
        let mut hits = Vec::with_capacity(top_docs.len());
        for (score, addr) in top_docs {
            let d: TantivyDocument = searcher.doc(addr)?;
            hits.push(Hit {
                id: first_text(&d, f.id),
                name: first_text(&d, f.name_display),
                type_label: first_text(&d, f.type_label),
                issuers: d
                    .get_all(f.issuers_stored)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                score,
            });
        }
        let states = facet_counts.pop().unwrap_or_default();
        let cip = facet_counts.pop().unwrap_or_default();
        let soc_major = facet_counts.pop().unwrap_or_default();
        let issuers = facet_counts.pop().unwrap_or_default();
        let types = facet_counts.pop().unwrap_or_default();
        Ok(SearchResults {
            total,
            hits,
            facets: Facets {
                types,
                issuers,
                soc_major,
                cip,
                states,
            },
        })
    }

    fn build_query(&self, q: &SearchQuery, searcher: &tantivy::Searcher) -> Box<dyn Query> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text) = self.text_query(&q.text, searcher) {
            must.push((Occur::Must, text));
            // Live records outrank retired ones with the same text score.
            let active = TermQuery::new(
                Term::from_field_text(f.active, "yes"),
                IndexRecordOption::Basic,
            );
            must.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(active), 0.5)),
            ));
        } else {
            must.push((Occur::Must, Box::new(AllQuery)));
        }
        let filters = [
            (f.f_type, &q.type_label),
            (f.f_issuer, &q.issuer),
            (f.f_soc, &q.soc),
            (f.f_cip, &q.cip),
            (f.f_state, &q.state),
            (f.f_class, &q.class),
        ];
        for (field, value) in filters {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                let term = Term::from_facet(field, &facet(v));
                must.push((
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
        }
        Box::new(BooleanQuery::new(must))
    }

    /// Each query token may match any text field (boosted); fuzzy matches catch typos.
    fn text_query(&self, text: &str, searcher: &tantivy::Searcher) -> Option<Box<dyn Query>> {
        let normalized = normalize_text(text);
        let mut analyzer = analyzer();
        let mut tokens = Vec::new();
        let mut stream = analyzer.token_stream(&normalized);
        while let Some(t) = stream.next() {
            if !tokens.contains(&t.text) {
                tokens.push(t.text.clone());
            }
        }
        if tokens.is_empty() {
            return None;
        }
        // "a+ certification": the kind word says what sort of credential is wanted, not what it
        // is called, so it only prefers matching types unless the query has nothing else.
        let (kinds, words): (Vec<String>, Vec<String>) = tokens
            .into_iter()
            .partition(|t| KIND_WORDS.contains(&t.as_str()));
        let (words, kinds) = if words.is_empty() {
            (kinds, Vec::new())
        } else {
            (words, kinds)
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for token in &words {
            for (field, boost) in self.fields.boosted() {
                let term = Term::from_field_text(field, token);
                let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(exact), boost)),
                ));
                // Fuzzy matching only for words no name contains: typos, not every long word.
                if token.chars().count() >= 5
                    && boost >= 3.0
                    && !self.known_name_word(searcher, token)
                {
                    let fuzzy = FuzzyTermQuery::new(term, 1, true);
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(fuzzy), boost * 0.3)),
                    ));
                }
            }
        }
        let text: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        if kinds.is_empty() {
            return Some(text);
        }
        let mut combined: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
        for kind in &kinds {
            let term = Term::from_field_text(self.fields.type_text, kind);
            let q = TermQuery::new(term, IndexRecordOption::Basic);
            combined.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 1.0))));
        }
        Some(Box::new(BooleanQuery::new(combined)))
    }
}

impl SearchIndex {
    /// Whether some name or alternate name contains `token` exactly.
    fn known_name_word(&self, searcher: &tantivy::Searcher, token: &str) -> bool {
        [self.fields.name, self.fields.alt].iter().any(|f| {
            searcher
                .doc_freq(&Term::from_field_text(*f, token))
                .is_ok_and(|n| n > 0)
        })
    }
}

/// Words that name a kind of credential rather than a credential (after normalization).
const KIND_WORDS: [&str; 8] = [
    "certification",
    "certificate",
    "cert",
    "license",
    "licence",
    "credential",
    "badge",
    "licensure",
];

fn facet_label(facet: &Facet) -> String {
    facet
        .to_path()
        .last()
        .map(|s| s.to_string())
        .unwrap_or_default()
}

fn first_text(d: &TantivyDocument, field: Field) -> String {
    d.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn to_document(f: &Fields, d: &SearchDoc) -> TantivyDocument {
    let mut doc = doc!(
        f.id => d.id.clone(),
        f.name => normalize_text(&d.name),
        f.name_display => d.name.clone(),
        f.description => normalize_text(&d.description),
        f.type_label => d.type_label.clone(),
        f.type_text => normalize_text(&d.type_label),
        f.active => if d.active { "yes" } else { "no" },
        f.f_type => facet(&d.type_label),
        f.f_class => facet(&d.class),
    );
    for a in &d.alternate_names {
        doc.add_text(f.alt, normalize_text(a));
    }
    for i in &d.issuers {
        doc.add_text(f.issuer_text, normalize_text(i));
        doc.add_text(f.issuers_stored, i);
        doc.add_facet(f.f_issuer, facet(i));
    }
    for k in &d.keywords {
        doc.add_text(f.keywords, normalize_text(k));
    }
    for s in &d.soc {
        doc.add_facet(f.f_soc, facet(s));
    }
    for c in &d.cip {
        doc.add_facet(f.f_cip, facet(c));
    }
    for s in &d.states {
        doc.add_facet(f.f_state, facet(s));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(id: &str, name: &str, issuer: &str, ty: &str, active: bool) -> SearchDoc {
        SearchDoc {
            id: id.into(),
            name: name.into(),
            issuers: vec![issuer.into()],
            type_label: ty.into(),
            class: "credential".into(),
            soc: vec!["15-0000".into(), "15-1231".into()],
            states: vec!["NJ".into()],
            active,
            ..Default::default()
        }
    }

    fn index() -> SearchIndex {
        SearchIndex::build(vec![
            d("1", "CompTIA A+", "CompTIA", "Certification", true),
            d(
                "2",
                "CompTIA Network+ (Net+)",
                "CompTIA",
                "Certification",
                true,
            ),
            d(
                "3",
                "Certified Nursing Assistant",
                "NJ DOH",
                "License",
                true,
            ),
            d(
                "4",
                "A Certification of Plus Things",
                "Other",
                "Certificate",
                true,
            ),
            d(
                "6",
                "Project Management Certification",
                "PMI",
                "Certification",
                true,
            ),
            d("7", "Welding Certification", "AWS", "Certification", true),
            d("8", "Safety Certification", "OSHA", "Certificate", true),
            d("5", "CompTIA A+ (old)", "CompTIA", "Certification", false),
        ])
        .unwrap()
    }

    fn top(ix: &SearchIndex, text: &str) -> Vec<String> {
        ix.search(&SearchQuery {
            text: text.into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
    }

    #[test]
    fn a_plus_spellings_rank_comptia_a_plus_first() {
        let ix = index();
        for q in ["a+ certification", "comptia a plus", "CompTIA A+", "A+"] {
            assert_eq!(
                top(&ix, q).first().map(String::as_str),
                Some("1"),
                "query {q}"
            );
        }
    }

    #[test]
    fn kind_words_prefer_a_type_instead_of_matching_names() {
        let ix = SearchIndex::build(vec![
            d("short", "CompTIA A+", "CompTIA", "Unclassified", true),
            d(
                "course",
                "A+/MCP Certification Training",
                "Acme",
                "Unclassified",
                true,
            ),
        ])
        .unwrap();
        // Without the rule, "certification" in the course's name would put the course first.
        assert_eq!(
            top(&ix, "a+ certification").first().map(String::as_str),
            Some("short")
        );
        // A query made only of kind words still searches names.
        assert_eq!(top(&ix, "certification"), vec!["course".to_string()]);
    }

    #[test]
    fn retired_ranks_below_live_and_typos_still_match() {
        let ix = index();
        let ids = top(&ix, "comptia a+");
        let live = ids.iter().position(|i| i == "1").unwrap();
        let old = ids.iter().position(|i| i == "5").unwrap();
        assert!(live < old);
        assert_eq!(
            top(&ix, "nursng assistant").first().map(String::as_str),
            Some("3")
        );
    }

    #[test]
    fn facets_count_all_matches_and_filters_apply() {
        let ix = index();
        let all = ix
            .search(&SearchQuery {
                limit: 2,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(all.total, 8);
        assert_eq!(all.hits.len(), 2);
        assert_eq!(all.facets.types[0], ("Certification".to_string(), 5));
        assert_eq!(all.facets.soc_major, vec![("15-0000".to_string(), 8)]);
        let lic = ix
            .search(&SearchQuery {
                type_label: Some("License".into()),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(lic.total, 1);
        assert_eq!(lic.hits[0].name, "Certified Nursing Assistant");
        let none = ix
            .search(&SearchQuery {
                text: "+++ ((".into(),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(none.total, 8, "a query with no words lists everything");
    }
}
