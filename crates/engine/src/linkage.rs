//! Record linkage as a product operation: read two person files, link them with the chosen
//! method, write the pairs with probabilities and explanations, and report counts (never names).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use credence_linkage::bloom;
use credence_linkage::model::Model;
use credence_linkage::{FieldMap, LinkError, LinkKey, LinkOptions, Method, People, Scores};
use credence_model::Diagnostic;
use serde::Serialize;

use crate::{Engine, EngineError};

/// What `credence outcomes link` asks for.
#[derive(Debug, Clone)]
pub struct LinkRequest {
    /// Left file (e.g. participant records).
    pub left: PathBuf,
    /// Right file (e.g. wage-record identities).
    pub right: PathBuf,
    /// Field mapping of the left file (`id=…,given=…`), else header aliases.
    pub map_left: Option<String>,
    /// Field mapping of the right file.
    pub map_right: Option<String>,
    /// `deterministic`, `fs` or `bloom`.
    pub method: String,
    /// File holding the shared secret (deterministic and Bloom methods).
    pub key_file: Option<PathBuf>,
    /// Where the pairs CSV goes.
    pub out: PathBuf,
    /// Optional true pairs (`left_id,right_id`) to score against.
    pub truth: Option<PathBuf>,
    /// Estimated precision the threshold must keep.
    pub target_precision: f64,
    /// At most one partner per record.
    pub one_to_one: bool,
    /// Largest block compared.
    pub max_block: usize,
}

/// Counts for one input file.
#[derive(Debug, Clone, Serialize)]
pub struct LinkFileSummary {
    /// The file as named.
    pub file: String,
    /// Records accepted.
    pub records: usize,
    /// Rows rejected (see diagnostics).
    pub rejected: usize,
    /// Fields blanked with a warning.
    pub warnings: usize,
    /// Identifying fields mapped.
    pub fields: Vec<&'static str>,
}

/// The outcome of a linkage run: counts, the model, the threshold and (with truth) the scores.
#[derive(Debug, Clone, Serialize)]
pub struct LinkReport {
    /// Method used.
    pub method: Method,
    /// Left file.
    pub left: LinkFileSummary,
    /// Right file.
    pub right: LinkFileSummary,
    /// Fields compared.
    pub fields: Vec<&'static str>,
    /// Blocking rules united.
    pub rules: Vec<&'static str>,
    /// Candidate pairs compared.
    pub candidates: usize,
    /// Blocks skipped as too large.
    pub oversized_blocks: usize,
    /// Probability threshold chosen from the estimated precision.
    pub threshold: f64,
    /// Pairs written.
    pub matched: usize,
    /// Estimated precision of the written pairs.
    pub estimated_precision: f64,
    /// Estimated recall among candidate pairs.
    pub estimated_recall: f64,
    /// Keys matching several records (deterministic).
    pub ambiguous: usize,
    /// Fitted m/u per field and level.
    pub model: Option<Model>,
    /// Precision, recall, F1 against `--truth`.
    pub evaluation: Option<Scores>,
    /// Rejected rows and blanked fields (file, line, field; never values).
    pub diagnostics: Vec<Diagnostic>,
    /// The pairs file.
    pub out: String,
    /// Wall time of read + link + write, seconds.
    pub seconds: f64,
}

fn link_error(e: LinkError) -> EngineError {
    match e {
        LinkError::Io { path, source } => EngineError::Io { path, source },
        other => EngineError::Invalid(other.to_string()),
    }
}

fn summary(p: &People) -> LinkFileSummary {
    LinkFileSummary {
        file: p.file.clone(),
        records: p.records.len(),
        rejected: p.rejected(),
        warnings: p.diagnostics.len() - p.rejected(),
        fields: p.fields.clone(),
    }
}

fn read(path: &Path, map: Option<&str>) -> Result<People, EngineError> {
    let map = match map {
        Some(m) => FieldMap::parse(m).map_err(link_error)?,
        None => FieldMap::default(),
    };
    credence_linkage::read_people(path, &map).map_err(link_error)
}

impl Engine {
    /// Links two person files and writes `left_id,right_id,probability,match_weight,explanation`;
    /// needs no database, so the edges call it without opening one.
    pub fn link_files(req: &LinkRequest) -> Result<LinkReport, EngineError> {
        let started = Instant::now();
        let method = Method::parse(&req.method).ok_or_else(|| {
            EngineError::Invalid(format!(
                "unknown method `{}`; use deterministic, fs or bloom",
                req.method
            ))
        })?;
        if !(0.0..=1.0).contains(&req.target_precision) {
            return Err(EngineError::Invalid(
                "--target-precision must be between 0 and 1".into(),
            ));
        }
        let key = req
            .key_file
            .as_deref()
            .map(LinkKey::from_file)
            .transpose()
            .map_err(link_error)?;
        let opts = LinkOptions {
            method,
            target_precision: req.target_precision,
            one_to_one: req.one_to_one,
            max_block: req.max_block,
            ..LinkOptions::default()
        };
        let (left, right, result) = if is_encoded(&req.left)? || is_encoded(&req.right)? {
            // The linking party's view: two encoding files, no identifying field at all.
            if method != Method::Bloom {
                return Err(EngineError::Invalid(
                    "encoded (bf:) files can only be linked with --method bloom".into(),
                ));
            }
            let l = bloom::read_encoded(&req.left).map_err(link_error)?;
            let r = bloom::read_encoded(&req.right).map_err(link_error)?;
            let fields: Vec<&'static str> = l
                .fields
                .iter()
                .copied()
                .filter(|f| r.fields.contains(f))
                .collect();
            if fields.is_empty() {
                return Err(EngineError::Invalid(
                    "the two encoding files share no encoded field".into(),
                ));
            }
            let result = credence_linkage::link::link_encoded(
                &bloom::select(&l, &fields),
                &bloom::select(&r, &fields),
                fields,
                &opts,
            );
            (encoded_people(&l), encoded_people(&r), result)
        } else {
            let left = read(&req.left, req.map_left.as_deref())?;
            let right = read(&req.right, req.map_right.as_deref())?;
            let result =
                credence_linkage::link(&left, &right, key.as_ref(), &opts).map_err(link_error)?;
            (left, right, result)
        };
        write_pairs(&req.out, &result.pairs)?;
        let evaluation = match &req.truth {
            Some(t) => {
                let truth = credence_linkage::read_truth(t).map_err(link_error)?;
                Some(credence_linkage::eval::score(
                    result
                        .pairs
                        .iter()
                        .map(|p| (p.left.as_str(), p.right.as_str())),
                    &truth,
                ))
            }
            None => None,
        };
        tracing::info!(
            candidates = result.blocking.candidates,
            matched = result.pairs.len(),
            "linkage finished"
        );
        let mut diagnostics = left.diagnostics.clone();
        diagnostics.extend(right.diagnostics.iter().cloned());
        Ok(LinkReport {
            method,
            left: summary(&left),
            right: summary(&right),
            fields: result.fields,
            rules: result.rules,
            candidates: result.blocking.candidates,
            oversized_blocks: result.blocking.oversized_blocks,
            threshold: result.threshold,
            matched: result.pairs.len(),
            estimated_precision: result.estimated_precision,
            estimated_recall: result.estimated_recall,
            ambiguous: result.ambiguous,
            model: result.model,
            evaluation,
            diagnostics,
            out: req.out.display().to_string(),
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

/// The counts of an encoding file, in the shape of a people file (no records kept).
fn encoded_people(e: &bloom::EncodedFile) -> People {
    People {
        file: e.file.clone(),
        records: Vec::new(),
        fields: e.fields.clone(),
        diagnostics: e.diagnostics.clone(),
    }
}

/// Whether a file is an encoding file (`id,bf:…` header) rather than plaintext people.
fn is_encoded(path: &Path) -> Result<bool, EngineError> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).map_err(|source| EngineError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut first = String::new();
    let _ = std::io::BufReader::new(file)
        .take(1 << 16)
        .read_line(&mut first);
    Ok(first.split(',').any(|h| h.trim().starts_with("bf:")))
}

/// What `credence outcomes encode` asks for.
#[derive(Debug, Clone)]
pub struct EncodeRequest {
    /// Plaintext people file.
    pub input: PathBuf,
    /// Its field mapping.
    pub map: Option<String>,
    /// The shared secret (required: an ephemeral key would make the encodings unlinkable).
    pub key_file: PathBuf,
    /// Where the encodings go.
    pub out: PathBuf,
}

/// The outcome of an encoding run.
#[derive(Debug, Clone, Serialize)]
pub struct EncodeReport {
    /// Input counts.
    pub input: LinkFileSummary,
    /// Fields encoded.
    pub fields: Vec<&'static str>,
    /// Rejected rows and blanked fields.
    pub diagnostics: Vec<Diagnostic>,
    /// The encodings file.
    pub out: String,
}

impl Engine {
    /// Encodes a people file into keyed Bloom filters and block tokens (`id,bf:FIELD…,block:N…`)
    /// so it can be sent to a linking party that never sees names.
    pub fn encode_file(req: &EncodeRequest) -> Result<EncodeReport, EngineError> {
        let key = LinkKey::from_file(&req.key_file).map_err(link_error)?;
        let people = read(&req.input, req.map.as_deref())?;
        let rules = credence_linkage::block::DEFAULT_RULES;
        let encoded: Vec<bloom::Encoded> = people
            .records
            .iter()
            .map(|p| bloom::encode(&key, p, &people.fields, rules))
            .collect();
        bloom::write_encoded(&req.out, &people.fields, &encoded).map_err(link_error)?;
        Ok(EncodeReport {
            input: summary(&people),
            fields: people.fields.clone(),
            diagnostics: people.diagnostics.clone(),
            out: req.out.display().to_string(),
        })
    }
}

fn write_pairs(path: &Path, pairs: &[credence_linkage::MatchPair]) -> Result<(), EngineError> {
    let io = |source| EngineError::Io {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::create(path).map_err(io)?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
    let csv_err = |e: csv::Error| EngineError::Internal(format!("writing pairs: {e}"));
    w.write_record([
        "left_id",
        "right_id",
        "probability",
        "match_weight",
        "explanation",
    ])
    .map_err(csv_err)?;
    for p in pairs {
        w.write_record([
            p.left.as_str(),
            p.right.as_str(),
            &format!("{:.6}", p.probability),
            &format!("{:.3}", p.weight),
            p.explanation.as_str(),
        ])
        .map_err(csv_err)?;
    }
    w.flush().map_err(io)?;
    let mut inner = w
        .into_inner()
        .map_err(|e| EngineError::Internal(e.to_string()))?;
    inner.flush().map_err(io)
}
