//! Hostile input never panics and never yields an out-of-range result: a loop over nasty strings
//! and a property test over arbitrary Unicode.

mod common;

use credence_geo::Level;
use proptest::prelude::*;

/// Strings that have broken parsers before: empty, punctuation only, huge, odd scripts, control
/// characters, combining marks, digits that look like ZIPs, and postcode look-alikes.
fn hostile() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        ",,,,",
        "-",
        " - - - ",
        "()",
        "((((((",
        "\u{0}",
        "\u{feff}Austin, TX",
        "\u{202e}XT ,nitsuA",
        "Zürich, Schweiz",
        "東京都",
        "Москва",
        "القاهرة",
        "🏢 Remote 🌎",
        "e\u{301}\u{301}\u{301}\u{301}",
        "00000",
        "99999-9999",
        "123456789012345678901234567890",
        "A1 1AA",
        "ZZ9 9ZZ",
        "in or me hi ok oh de la pa co ma al id",
        "IN OR ME HI OK OH DE LA PA CO MA AL ID",
        "St. St. St. Saint Ft. Mt.",
        "New York, New York, New York, NY, NY, NY",
        "'; DROP TABLE postings; --",
        "<script>alert(1)</script>",
        "%s%s%s%n",
        "\t\n\r",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("Austin, TX ".repeat(10_000));
    v.push("é".repeat(100_000));
    v.push("a".repeat(100_000));
    v.push("1".repeat(100_000));
    v.push(",".repeat(100_000));
    v
}

#[test]
fn hostile_strings_never_panic_and_stay_in_range() {
    let g = common::gazetteer();
    for s in hostile() {
        let r = g.resolve(&s);
        assert!((0.0..=1.0).contains(&r.confidence), "{:?}", s.get(..40));
        if r.level == Level::Unresolved {
            assert!(r.state.is_none() && r.county_fips.is_none() && r.place.is_none());
        }
    }
}

#[test]
fn empty_and_punctuation_only_input_is_unresolved() {
    let g = common::gazetteer();
    for s in ["", "   ", ",,,", "()", "-"] {
        let r = g.resolve(s);
        assert_eq!(r.level, Level::Unresolved, "{s:?}");
        assert_eq!(r.country, None, "{s:?}");
        assert!(!r.remote);
    }
}

#[test]
fn a_very_long_input_is_cut_not_choked_on() {
    let g = common::gazetteer();
    let long = format!("Denver, CO{}", " x".repeat(50_000));
    let start = std::time::Instant::now();
    let r = g.resolve(&long);
    assert_eq!(r.state.as_deref(), Some("CO"));
    assert!(
        start.elapsed().as_millis() < 500,
        "took {:?}",
        start.elapsed()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,80}") {
        let r = common::gazetteer().resolve(&s);
        prop_assert!((0.0..=1.0).contains(&r.confidence));
    }

    #[test]
    fn location_shaped_noise_never_panics(
        city in "[A-Za-z .'-]{0,20}",
        sep in "[,;/()| -]{0,3}",
        state in "[A-Z]{0,3}",
        zip in "[0-9]{0,6}",
    ) {
        let s = format!("{city}{sep}{state} {zip}");
        let r = common::gazetteer().resolve(&s);
        prop_assert!((0.0..=1.0).contains(&r.confidence));
        if let Some(code) = &r.county_fips {
            prop_assert_eq!(code.len(), 5);
        }
    }
}
