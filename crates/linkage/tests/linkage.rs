//! End-to-end linkage on generated people with known truth: each method must reach its
//! precision/recall floor, and hostile input must never panic.

use std::collections::HashSet;

use credence_linkage::eval::score;
use credence_linkage::noise::{generate, write_people, write_truth, NoiseConfig};
use credence_linkage::person::read_people_from;
use credence_linkage::{link, read_people, read_truth, FieldMap, LinkKey, LinkOptions, Method};
use proptest::prelude::*;

struct Case {
    _dir: tempfile::TempDir,
    left: credence_linkage::People,
    right: credence_linkage::People,
    truth: HashSet<(String, String)>,
}

fn case(cfg: &NoiseConfig) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let g = generate(cfg);
    let (l, r, t) = (
        dir.path().join("left.csv"),
        dir.path().join("right.csv"),
        dir.path().join("truth.csv"),
    );
    write_people(&l, &g.left).unwrap();
    write_people(&r, &g.right).unwrap();
    write_truth(&t, &g.truth).unwrap();
    let map = FieldMap::default();
    Case {
        left: read_people(&l, &map).unwrap(),
        right: read_people(&r, &map).unwrap(),
        truth: read_truth(&t).unwrap(),
        _dir: dir,
    }
}

fn run(c: &Case, method: Method, key: Option<&LinkKey>) -> credence_linkage::Scores {
    let opts = LinkOptions {
        method,
        ..LinkOptions::default()
    };
    let res = link(&c.left, &c.right, key, &opts).unwrap();
    score(
        res.pairs
            .iter()
            .map(|p| (p.left.as_str(), p.right.as_str())),
        &c.truth,
    )
}

#[test]
fn fellegi_sunter_recovers_generated_truth() {
    let c = case(&NoiseConfig::default());
    assert!(c.left.diagnostics.is_empty() && c.left.records.len() == 2000);
    let s = run(&c, Method::Fs, None);
    eprintln!("fs on generated: {s:?}");
    assert!(s.precision >= 0.95, "{s:?}");
    assert!(s.recall >= 0.90, "{s:?}");
}

#[test]
fn bloom_encodings_link_almost_as_well_as_plaintext() {
    let c = case(&NoiseConfig::default());
    let key = LinkKey::new(b"test secret shared by both holders").unwrap();
    let s = run(&c, Method::Bloom, Some(&key));
    eprintln!("bloom on generated: {s:?}");
    assert!(s.precision >= 0.93, "{s:?}");
    assert!(s.recall >= 0.85, "{s:?}");
}

#[test]
fn deterministic_key_misses_exactly_the_corrupted_identifiers() {
    let cfg = NoiseConfig {
        id_digit: 0.2,
        missing: 0.0,
        ..NoiseConfig::default()
    };
    let c = case(&cfg);
    let s = run(&c, Method::Deterministic, None);
    eprintln!("deterministic on generated: {s:?}");
    // Random 9-digit identifiers almost never collide, so every hit is true; recall is bounded
    // by the share of copies whose identifier kept all its digits (about 0.8).
    assert!(s.precision >= 0.999, "{s:?}");
    assert!((0.74..0.86).contains(&s.recall), "{s:?}");
}

#[test]
fn stronger_noise_lowers_f1() {
    let clean = case(&NoiseConfig {
        typo: 0.0,
        nickname: 0.0,
        surname_change: 0.0,
        dob_transpose: 0.0,
        id_digit: 0.0,
        missing: 0.0,
        ..NoiseConfig::default()
    });
    let noisy = case(&NoiseConfig {
        typo: 0.6,
        surname_change: 0.3,
        dob_transpose: 0.3,
        id_digit: 0.5,
        missing: 0.3,
        ..NoiseConfig::default()
    });
    let a = run(&clean, Method::Fs, None);
    let b = run(&noisy, Method::Fs, None);
    eprintln!("clean {a:?}\nnoisy {b:?}");
    assert!(a.f1 > 0.99, "{a:?}");
    assert!(b.f1 < a.f1);
}

#[test]
fn explanations_name_fields_and_never_values() {
    let c = case(&NoiseConfig {
        people: 300,
        right_only: 50,
        ..NoiseConfig::default()
    });
    let res = link(&c.left, &c.right, None, &LinkOptions::default()).unwrap();
    assert!(!res.pairs.is_empty());
    let names: HashSet<&str> = c.left.records.iter().map(|p| p.surname.as_str()).collect();
    for p in &res.pairs {
        assert!(p.explanation.contains("surname="), "{}", p.explanation);
        assert!(p.explanation.contains("prior("));
        for part in p.explanation.split(&['=', '(', ';', ' '][..]) {
            assert!(
                !names.contains(part) || part.is_empty(),
                "value leaked: {part}"
            );
        }
        assert!(p.probability >= res.threshold);
    }
}

#[test]
fn empty_and_garbage_names_link_without_crashing() {
    let text =
        "id,given,surname,dob\n1,,,\n2,!!!,???,\n3,\u{0}\u{1},🙂🙂,19800101\n4,a,b,1980-01-01\n";
    let map = FieldMap::default();
    let l = read_people_from(text.as_bytes(), "l.csv", &map, b',').unwrap();
    let r = read_people_from(text.as_bytes(), "r.csv", &map, b',').unwrap();
    for method in [Method::Fs, Method::Bloom] {
        let res = link(
            &l,
            &r,
            None,
            &LinkOptions {
                method,
                ..LinkOptions::default()
            },
        )
        .unwrap();
        assert!(res.pairs.iter().all(|p| p.probability.is_finite()));
    }
    let empty = read_people_from("id,given\n".as_bytes(), "e.csv", &map, b',').unwrap();
    let res = link(&empty, &r, None, &LinkOptions::default()).unwrap();
    assert!(res.pairs.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut input = b"id,given,surname,dob,sex,postcode,ssn\n".to_vec();
        input.extend(bytes);
        let _ = read_people_from(&input[..], "fuzz.csv", &FieldMap::default(), b',');
    }

    #[test]
    fn linkage_never_panics_on_arbitrary_names(
        rows in proptest::collection::vec((".{0,12}", ".{0,12}", ".{0,10}", ".{0,6}"), 0..20)
    ) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["id", "given", "surname", "dob", "ssn"]).unwrap();
        for (i, (g, s, d, n)) in rows.iter().enumerate() {
            w.write_record([&i.to_string(), g, s, d, n]).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let map = FieldMap::default();
        let p = read_people_from(&bytes[..], "fuzz.csv", &map, b',').unwrap();
        for method in [Method::Fs, Method::Bloom, Method::Deterministic] {
            let opts = LinkOptions { method, random_pairs: 500, ..LinkOptions::default() };
            let res = link(&p, &p, None, &opts).unwrap();
            prop_assert!(res.pairs.iter().all(|m| (0.0..=1.0).contains(&m.probability)));
        }
    }
}
