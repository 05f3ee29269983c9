//! Streams a generated corpus to disk in one of several real-world shapes, with the truth files
//! beside it; memory stays bounded whatever the number of postings.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use serde::Serialize;

use crate::{GeneratedPosting, PostingGenerator, SynthError};

/// The layout of the postings file, after shapes seen in real data sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One flat JSON object per line: `id,title,description,location,date_posted,company`.
    FlatJsonl,
    /// One nested USAJOBS search-result object per line.
    UsajobsJsonl,
    /// CSV: `job_id,job_title,job_description,job_location,posted_at,employer_name`.
    Csv,
}

impl Shape {
    /// Every shape, for tests and command lines.
    pub const ALL: [Shape; 3] = [Shape::FlatJsonl, Shape::UsajobsJsonl, Shape::Csv];

    /// File name of the postings file (before any `.gz`).
    pub fn file_name(self) -> &'static str {
        match self {
            Shape::FlatJsonl => "postings.jsonl",
            Shape::UsajobsJsonl => "usajobs.jsonl",
            Shape::Csv => "postings.csv",
        }
    }

    /// The `--map` string an extractor needs to read this shape.
    pub fn field_mapping(self) -> &'static str {
        match self {
            Shape::FlatJsonl => "id=id,title=title,text=description,location=location,date=date_posted,employer=company",
            Shape::UsajobsJsonl => "id=MatchedObjectId,title=MatchedObjectDescriptor.PositionTitle,text=MatchedObjectDescriptor.UserArea.Details.JobSummary,location=MatchedObjectDescriptor.PositionLocationDisplay,date=MatchedObjectDescriptor.PublicationStartDate,employer=MatchedObjectDescriptor.OrganizationName",
            Shape::Csv => "id=job_id,title=job_title,text=job_description,location=job_location,date=posted_at,employer=employer_name",
        }
    }
}

/// A shape and whether the postings file is gzip-compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// Layout of the postings file.
    pub shape: Shape,
    /// Compress the postings file with gzip (`.gz` suffix).
    pub gzip: bool,
}

/// Paths of the files [`write_corpus`] wrote and how many postings they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFiles {
    /// The postings file.
    pub postings: PathBuf,
    /// `truth.jsonl`: one `PostingMentions` per posting, same order.
    pub truth: PathBuf,
    /// `postings_truth.csv`: `id,soc,country,state,duplicate_of,month`.
    pub postings_truth: PathBuf,
    /// Number of postings written.
    pub count: usize,
}

/// Flat JSONL line.
#[derive(Serialize)]
struct Flat<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    location: &'a str,
    date_posted: &'a str,
    company: &'a str,
}

/// USAJOBS-like line.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Usajobs<'a> {
    matched_object_id: &'a str,
    matched_object_descriptor: Descriptor<'a>,
}

/// The `MatchedObjectDescriptor` object.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Descriptor<'a> {
    position_title: &'a str,
    user_area: UserArea<'a>,
    position_location_display: &'a str,
    publication_start_date: String,
    organization_name: &'a str,
}

/// The `UserArea` object.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct UserArea<'a> {
    details: Details<'a>,
}

/// The `Details` object.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Details<'a> {
    job_summary: &'a str,
}

/// CSV row of the postings file.
#[derive(Serialize)]
struct CsvRow<'a> {
    job_id: &'a str,
    job_title: &'a str,
    job_description: &'a str,
    job_location: &'a str,
    posted_at: String,
    employer_name: &'a str,
}

/// Row of `postings_truth.csv`.
#[derive(Serialize)]
struct TruthRow<'a> {
    id: &'a str,
    soc: &'a str,
    country: &'a str,
    state: &'a str,
    duplicate_of: &'a str,
    month: &'a str,
}

/// An output file, plain or gzip, behind a large buffer.
enum Out {
    /// Uncompressed.
    Plain(BufWriter<File>),
    /// Gzip at the fast level (text compresses about 5:1 even so).
    Gz(Box<BufWriter<GzEncoder<File>>>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::Plain(w) => w.write(buf),
            Out::Gz(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Out::Plain(w) => w.write_all(buf),
            Out::Gz(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Plain(w) => w.flush(),
            Out::Gz(w) => w.flush(),
        }
    }
}

impl Out {
    /// Creates `path`, compressed when `gzip`.
    fn create(path: &Path, gzip: bool) -> Result<Out, SynthError> {
        let file = File::create(path).map_err(|e| SynthError::io(path, e))?;
        Ok(if gzip {
            Out::Gz(Box::new(BufWriter::with_capacity(
                1 << 20,
                GzEncoder::new(file, Compression::fast()),
            )))
        } else {
            Out::Plain(BufWriter::with_capacity(1 << 20, file))
        })
    }

    /// Flushes everything and writes the gzip trailer, reporting any failure.
    fn finish(self, path: &Path) -> Result<(), SynthError> {
        let io = |e| SynthError::io(path, e);
        match self {
            Out::Plain(mut w) => w.flush().map_err(io),
            Out::Gz(w) => {
                let gz = (*w).into_inner().map_err(|e| io(e.into_error()))?;
                gz.finish().map_err(io)?.flush().map_err(io)
            }
        }
    }
}

/// The postings file: JSON lines or CSV records.
enum Sink {
    /// JSONL shapes.
    Json(Out),
    /// The CSV shape.
    Csv(Box<csv::Writer<Out>>),
}

/// Writes one posting in the JSONL shapes.
fn write_json_line(out: &mut Out, shape: Shape, p: &GeneratedPosting) -> Result<(), SynthError> {
    match shape {
        Shape::FlatJsonl => serde_json::to_writer(
            &mut *out,
            &Flat {
                id: &p.id,
                title: &p.title,
                description: &p.text,
                location: &p.location,
                date_posted: &p.date,
                company: &p.employer,
            },
        )?,
        _ => serde_json::to_writer(
            &mut *out,
            &Usajobs {
                matched_object_id: &p.id,
                matched_object_descriptor: Descriptor {
                    position_title: &p.title,
                    user_area: UserArea {
                        details: Details {
                            job_summary: &p.text,
                        },
                    },
                    position_location_display: &p.location,
                    publication_start_date: format!("{}T00:00:00.0000", p.date),
                    organization_name: &p.employer,
                },
            },
        )?,
    }
    Ok(())
}

/// Generates `n` postings from `generator` into `out_dir` (created if missing) in `format`,
/// with `truth.jsonl` and `postings_truth.csv` beside the postings file.
pub fn write_corpus(
    out_dir: &Path,
    n: usize,
    format: Format,
    generator: &mut PostingGenerator,
) -> Result<CorpusFiles, SynthError> {
    std::fs::create_dir_all(out_dir).map_err(|e| SynthError::io(out_dir, e))?;
    let mut name = format.shape.file_name().to_string();
    if format.gzip {
        name.push_str(".gz");
    }
    let files = CorpusFiles {
        postings: out_dir.join(name),
        truth: out_dir.join("truth.jsonl"),
        postings_truth: out_dir.join("postings_truth.csv"),
        count: n,
    };
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| SynthError::io(p, e)
    };
    let out = Out::create(&files.postings, format.gzip)?;
    let mut sink = match format.shape {
        Shape::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
        _ => Sink::Json(out),
    };
    let mut truth = Out::create(&files.truth, false)?;
    let mut meta = csv::Writer::from_writer(Out::create(&files.postings_truth, false)?);
    for p in generator.take(n) {
        match &mut sink {
            Sink::Csv(w) => w.serialize(CsvRow {
                job_id: &p.id,
                job_title: &p.title,
                job_description: &p.text,
                job_location: &p.location,
                posted_at: format!("{} 00:00:00", p.date),
                employer_name: &p.employer,
            })?,
            Sink::Json(w) => {
                write_json_line(w, format.shape, &p)?;
                w.write_all(b"\n").map_err(io(&files.postings))?;
            }
        }
        serde_json::to_writer(&mut truth, &p.truth)?;
        truth.write_all(b"\n").map_err(io(&files.truth))?;
        meta.serialize(TruthRow {
            id: &p.id,
            soc: &p.soc_truth,
            country: &p.country_truth,
            state: p.state_truth.as_deref().unwrap_or(""),
            duplicate_of: p.duplicate_of.as_deref().unwrap_or(""),
            month: p.month(),
        })?;
    }
    let out = match sink {
        Sink::Json(w) => w,
        Sink::Csv(w) => w
            .into_inner()
            .map_err(|e| SynthError::io(&files.postings, e.into_error()))?,
    };
    out.finish(&files.postings)?;
    truth.finish(&files.truth)?;
    let meta = meta
        .into_inner()
        .map_err(|e| SynthError::io(&files.postings_truth, e.into_error()))?;
    meta.finish(&files.postings_truth)?;
    Ok(files)
}
