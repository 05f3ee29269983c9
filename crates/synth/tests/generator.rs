//! Properties of the generated corpus: determinism, the offset invariant, catalog ids, the level
//! mix, and writers that read back to the same postings.

use std::collections::HashMap;
use std::io::Read;

use credence_model::{Level, MentionKind, PostingMentions};
use credence_synth::{
    builtin_titles, write_corpus, Catalog, Format, GeneratedPosting, PostingGenerator, Shape,
};

/// `n` postings from seed `seed` with the built-in titles.
fn sample(seed: u64, n: usize) -> Vec<GeneratedPosting> {
    PostingGenerator::new(seed, &Catalog::builtin(), builtin_titles())
        .take(n)
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_postings_and_another_seed_does_not() {
    assert_eq!(sample(7, 300), sample(7, 300));
    assert_ne!(sample(7, 50), sample(8, 50));
}

#[test]
fn every_mention_surface_is_its_code_point_slice_and_mentions_are_sorted() {
    let mut non_ascii = 0;
    for p in sample(11, 5000) {
        let chars: Vec<char> = p.text.chars().collect();
        non_ascii += usize::from(!p.text.is_ascii());
        let mut last = 0;
        for m in &p.truth.mentions {
            assert!(
                m.start >= last && m.start < m.end && m.end <= chars.len(),
                "{}: {m:?}",
                p.id
            );
            let slice: String = chars[m.start..m.end].iter().collect();
            assert_eq!(slice, m.surface, "{}", p.id);
            assert!(
                !slice.contains(['<', '>', '&']) || !p.text.contains("</"),
                "{}: {slice}",
                p.id
            );
            assert_eq!(slice.trim(), slice);
            last = m.start;
        }
        assert_eq!(p.truth.id, p.id);
    }
    assert!(
        non_ascii > 500,
        "only {non_ascii} postings with non-ASCII text"
    );
}

#[test]
fn every_credential_id_exists_in_the_catalog_with_its_name_and_kind() {
    let catalog = Catalog::builtin();
    for p in sample(3, 3000) {
        for m in &p.truth.mentions {
            match &m.credential_id {
                Some(id) => {
                    let e = catalog.get(id).unwrap_or_else(|| panic!("unknown id {id}"));
                    assert_eq!(e.name, m.credential);
                    assert_eq!(e.kind.as_written(&m.surface), m.kind);
                }
                None => assert_eq!(m.credential, "unspecified"),
            }
        }
    }
}

#[test]
fn levels_kinds_and_posting_rates_follow_the_configuration() {
    let posts = sample(5, 20_000);
    let mut levels: HashMap<Level, usize> = HashMap::new();
    let mut kinds: HashMap<MentionKind, usize> = HashMap::new();
    let (mut empty, mut html, mut dup, mut uk, mut total) = (0, 0, 0, 0, 0usize);
    for p in &posts {
        empty += usize::from(p.truth.mentions.is_empty());
        html += usize::from(p.text.contains("<br>") || p.text.contains("</"));
        dup += usize::from(p.duplicate_of.is_some());
        uk += usize::from(p.country_truth == "GB");
        for m in &p.truth.mentions {
            *levels.entry(m.level).or_default() += 1;
            *kinds.entry(m.kind).or_default() += 1;
            total += 1;
        }
    }
    let share = |n: usize, of: usize| n as f64 / of as f64;
    let want = [0.50, 0.20, 0.07, 0.12, 0.11];
    for (l, w) in Level::ALL.iter().zip(want) {
        let got = share(levels.get(l).copied().unwrap_or(0), total);
        assert!((got - w).abs() < 0.05, "{l:?}: {got:.3} vs {w}");
    }
    for k in MentionKind::ALL {
        assert!(
            kinds.get(&k).copied().unwrap_or(0) > 50,
            "{k:?} too rare: {kinds:?}"
        );
    }
    let n = posts.len();
    assert!(
        (share(empty, n) - 0.2).abs() < 0.06,
        "no-mention share {}",
        share(empty, n)
    );
    assert!(
        (share(html, n) - 0.2).abs() < 0.04,
        "html share {}",
        share(html, n)
    );
    assert!(
        (share(dup, n) - 0.08).abs() < 0.02,
        "duplicate share {}",
        share(dup, n)
    );
    assert!(
        (share(uk, n) - 0.15).abs() < 0.03,
        "uk share {}",
        share(uk, n)
    );
}

#[test]
fn postings_are_realistic_in_length_date_and_place() {
    for p in sample(9, 2000) {
        let words = p.text.split_whitespace().count();
        assert!((100..=900).contains(&words), "{}: {words} words", p.id);
        assert!(
            p.date.as_str() >= "2022-01-01" && p.date.as_str() <= "2024-12-31",
            "{}",
            p.date
        );
        assert!(p.country_truth == "US" || p.country_truth == "GB");
        if let Some(s) = &p.state_truth {
            let ok = if p.country_truth == "GB" {
                ["ENG", "SCT", "WLS", "NIR"].contains(&s.as_str())
            } else {
                s.len() == 2
            };
            assert!(ok, "{}: {s}", p.id);
        }
    }
}

#[test]
fn duplicates_point_at_an_earlier_original_with_the_same_text_core() {
    let posts = sample(13, 3000);
    let by_id: HashMap<&str, &GeneratedPosting> =
        posts.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut seen = 0;
    for p in &posts {
        if let Some(orig) = &p.duplicate_of {
            let o = by_id[orig.as_str()];
            assert!(o.duplicate_of.is_none() && o.id < p.id && o.date <= p.date);
            // The first 200 bytes, cut back to a character boundary.
            let cut = (0..=o.text.len().min(200))
                .rev()
                .find(|&i| o.text.is_char_boundary(i))
                .unwrap_or(0);
            assert!(
                p.text.contains(&o.text[..cut].replace("UPDATED: ", ""))
                    || p.text.starts_with("UPDATED: ")
            );
            assert_eq!(o.truth.mentions.len(), p.truth.mentions.len());
            seen += 1;
        }
    }
    assert!(seen > 100);
}

/// Reads a possibly gzipped file to a string.
fn read(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .unwrap();
        s
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

/// The (id, text) pairs of a postings file in any shape.
fn read_back(shape: Shape, text: &str) -> Vec<(String, String)> {
    match shape {
        Shape::Csv => csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[2].to_string())
            })
            .collect(),
        _ => text
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                match shape {
                    Shape::FlatJsonl => (
                        v["id"].as_str().unwrap().into(),
                        v["description"].as_str().unwrap().into(),
                    ),
                    _ => (
                        v["MatchedObjectId"].as_str().unwrap().into(),
                        v["MatchedObjectDescriptor"]["UserArea"]["Details"]["JobSummary"]
                            .as_str()
                            .unwrap()
                            .into(),
                    ),
                }
            })
            .collect(),
    }
}

#[test]
fn every_shape_round_trips_ids_text_and_truth() {
    let expected = sample(21, 400);
    let dir = tempfile::tempdir().unwrap();
    for shape in Shape::ALL {
        for gzip in [false, true] {
            let out = dir.path().join(format!("{shape:?}-{gzip}"));
            let mut g = PostingGenerator::new(21, &Catalog::builtin(), builtin_titles());
            let files = write_corpus(&out, 400, Format { shape, gzip }, &mut g).unwrap();
            let got = read_back(shape, &read(&files.postings));
            assert_eq!(got.len(), 400);
            for (p, (id, text)) in expected.iter().zip(&got) {
                assert_eq!((&p.id, &p.text), (id, text), "{shape:?} gzip={gzip}");
            }
            let truth: Vec<PostingMentions> = read(&files.truth)
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(
                truth,
                expected.iter().map(|p| p.truth.clone()).collect::<Vec<_>>()
            );
            let meta = read(&files.postings_truth);
            assert!(meta.starts_with("id,soc,country,state,duplicate_of,month\n"));
            assert_eq!(meta.lines().count(), 401);
        }
    }
}

#[test]
fn onet_titles_read_the_shared_data_when_present() {
    let dir = credence_testkit::data_dir();
    if !dir.join("onet_29_2").exists() {
        eprintln!(
            "skipped: no O*NET files under {} (set CREDENCE_DATA)",
            dir.display()
        );
        return;
    }
    let titles = credence_synth::onet_titles(&dir).unwrap();
    assert!(titles.len() > 40_000, "{}", titles.len());
    assert!(titles
        .iter()
        .any(|(t, s)| s == "53-3032" && t.contains("Truck")));
    let posts: Vec<_> = PostingGenerator::new(1, &Catalog::builtin(), titles)
        .take(500)
        .collect();
    assert!(
        posts
            .iter()
            .filter(|p| !p.truth.mentions.is_empty())
            .count()
            > 300
    );
}

#[test]
fn every_source_file_starts_with_a_doc_comment() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["src", "tests", "examples"] {
        for f in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = f.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(text.starts_with("//!"), "{}", path.display());
            }
        }
    }
}
