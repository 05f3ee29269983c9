//! The curated UK table (`data/uk_places.csv`, compiled in): postcode areas and larger towns with
//! the nation each lies in. The Census files stop at the U.S. border, so this small hand-made
//! table is what lets "Leeds LS1 4AP" or "Cardiff, Wales" resolve to GB and a nation.

use std::collections::HashMap;

use crate::text::key;
use crate::GeoError;

/// The curated table, as shipped in the crate.
const UK_PLACES: &str = include_str!("../data/uk_places.csv");

/// A UK town from the curated table.
#[derive(Debug, Clone)]
pub(crate) struct UkTown {
    /// Display name, as written in the table.
    pub name: String,
    /// Nation code: ENG, SCT, WLS or NIR.
    pub nation: &'static str,
    /// Rounded population, for ranking a bare name against U.S. places.
    pub population: u32,
}

/// Postcode areas and towns, keyed by normalized name.
#[derive(Debug, Default)]
pub(crate) struct UkTable {
    /// Postcode area (lowercase letters) → nation, `None` when the area straddles a border.
    pub areas: HashMap<String, Option<&'static str>>,
    /// Normalized town name → town.
    pub towns: HashMap<String, UkTown>,
}

/// The static nation code for a table value, `Some(None)` for a cross-border area.
fn nation(code: &str) -> Option<Option<&'static str>> {
    Some(match code {
        "ENG" => Some("ENG"),
        "SCT" => Some("SCT"),
        "WLS" => Some("WLS"),
        "NIR" => Some("NIR"),
        "MIX" => None,
        _ => return None,
    })
}

/// The table error for line `line`.
fn bad(line: u64, message: impl Into<String>) -> GeoError {
    GeoError::UkTable {
        line,
        message: message.into(),
    }
}

/// Parses the compiled-in table.
pub(crate) fn load() -> Result<UkTable, GeoError> {
    let mut table = UkTable::default();
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(UK_PLACES.as_bytes());
    for row in reader.records() {
        let row = row.map_err(|e| bad(0, e.to_string()))?;
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        let (kind, name, code) = (
            row.get(0).unwrap_or(""),
            row.get(1).unwrap_or(""),
            row.get(2).unwrap_or(""),
        );
        let nation = nation(code).ok_or_else(|| bad(line, format!("unknown nation {code:?}")))?;
        match kind {
            "area" => {
                table.areas.insert(name.to_ascii_lowercase(), nation);
            }
            "town" => {
                let nation = nation.ok_or_else(|| bad(line, "a town needs one nation"))?;
                let population = row.get(3).and_then(|p| p.parse().ok()).unwrap_or(0);
                let town = UkTown {
                    name: name.to_string(),
                    nation,
                    population,
                };
                table.towns.insert(key(name), town);
            }
            other => return Err(bad(line, format!("unknown kind {other:?}"))),
        }
    }
    Ok(table)
}

/// The postcode area of an outward code such as `ls1`, `sw1a`, `m1` or `ec1a`, if the token has that shape.
pub(crate) fn outward_area(word: &str) -> Option<&str> {
    let b = word.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    if !(1..=2).contains(&letters) || !(2..=4).contains(&b.len()) {
        return None;
    }
    let rest = b.get(letters..)?;
    let first_digit = rest.first().is_some_and(|c| c.is_ascii_digit());
    let tail_ok = rest
        .iter()
        .skip(1)
        .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase());
    (first_digit && tail_ok && rest.len() <= 2).then(|| word.get(..letters))?
}

/// Whether a token is the inward half of a postcode ("4ap": a digit and two letters).
pub(crate) fn is_inward(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 3
        && b.first().is_some_and(|c| c.is_ascii_digit())
        && b.iter().skip(1).all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curated_table_parses_and_covers_the_postcode_areas() {
        let t = load().expect("table parses");
        assert!(t.areas.len() >= 118, "{} areas", t.areas.len());
        assert!(t.towns.len() >= 100, "{} towns", t.towns.len());
        assert_eq!(t.areas.get("bt"), Some(&Some("NIR")));
        assert_eq!(t.areas.get("td"), Some(&None));
        assert_eq!(t.towns.get("cardiff").map(|t| t.nation), Some("WLS"));
    }

    #[test]
    fn outward_codes_have_the_royal_mail_shapes() {
        assert_eq!(outward_area("ls1"), Some("ls"));
        assert_eq!(outward_area("sw1a"), Some("sw"));
        assert_eq!(outward_area("m1"), Some("m"));
        assert_eq!(outward_area("ec1a"), Some("ec"));
        assert_eq!(outward_area("bt15"), Some("bt"));
        assert_eq!(outward_area("80012"), None);
        assert_eq!(outward_area("tx"), None);
        assert_eq!(outward_area("abc1"), None);
        assert!(is_inward("4ap"));
        assert!(!is_inward("4a"));
    }
}
