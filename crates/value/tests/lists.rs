//! List import: mapping, duplicates, mixed years, missing counts reported row by row; the parser
//! never panics on arbitrary bytes.

use credence_value::list::{read_csv_bytes, read_list, ListFieldMap};
use proptest::prelude::*;

fn map() -> ListFieldMap {
    ListFieldMap::parse("name=Credential,awards=Earned,year=Year,id=Code").unwrap()
}

#[test]
fn rows_are_reported_one_by_one() {
    let csv = "Code,Credential,Earned,Year\n\
               A1,CompTIA A+,120,2023\n\
               A1,CompTIA A+,120,2023\n\
               B2,,4,2023\n\
               C3,Certified Nursing Assistant,,2023\n\
               D4,OSHA 10,lots,2023\n\
               E5,ServSafe Food Handler,30,2022\n";
    let l = read_csv_bytes(csv.as_bytes(), "awards.csv", &map(), None).unwrap();
    assert_eq!(l.entries.len(), 4);
    assert_eq!(l.main_year, Some(2023));
    let at = |line: &str| -> Vec<String> {
        l.diagnostics
            .iter()
            .filter(|d| d.location.record.as_deref() == Some(line))
            .map(|d| d.message.clone())
            .collect()
    };
    assert!(at("line 3")[0].contains("duplicate of line 2"));
    assert!(at("line 4")[0].contains("name is missing"));
    assert!(at("line 5")[0].contains("award count is missing"));
    assert!(at("line 6")[0].contains("not a whole number"));
    assert!(at("line 7")[0].contains("mixes years"));
    assert_eq!(l.rejected.len(), 2);
    assert_eq!(l.total_awards(), 150);
    // Selecting a year leaves the other year's rows out, with the reason.
    let l = read_csv_bytes(csv.as_bytes(), "awards.csv", &map(), Some(2022)).unwrap();
    assert_eq!(l.entries.len(), 1);
    assert!(l
        .rejected
        .iter()
        .any(|(line, why)| *line == 2 && why.contains("not the selected year")));
}

#[test]
fn a_mapped_column_that_is_absent_is_rejected() {
    let err = read_csv_bytes(b"Name\nx\n", "a.csv", &map(), None).unwrap_err();
    assert!(err.to_string().contains("Credential"), "{err}");
    assert!(ListFieldMap::parse("colour=x").is_err());
}

#[test]
fn the_new_jersey_table_reads_whole() {
    let Some(dir) = std::env::var_os("CREDENCE_DATA") else {
        eprintln!("SKIPPED: CREDENCE_DATA not set");
        return;
    };
    let path = std::path::Path::new(&dir).join("nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv");
    let l = read_list(&path, &ListFieldMap::nj_industry(), None).unwrap();
    // Independent count: non-empty data lines with a name, via the csv crate directly.
    let mut rdr = csv::Reader::from_path(&path).unwrap();
    let names: std::collections::BTreeSet<(String, String)> = rdr
        .records()
        .map(|r| r.unwrap())
        .filter(|r| !r[1].trim().is_empty())
        .map(|r| {
            (
                r[0].to_string(),
                r[1].split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase(),
            )
        })
        .collect();
    assert_eq!(l.entries.len(), names.len());
}

#[test]
fn xlsx_that_is_not_a_workbook_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("list.xlsx");
    std::fs::write(&p, b"not a zip").unwrap();
    assert!(read_list(&p, &map(), None).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn list_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = read_csv_bytes(&bytes, "fuzz.csv", &map(), None);
    }

    #[test]
    fn framework_parser_never_panics(text in "\\PC{0,400}") {
        let _ = credence_value::Framework::parse(&text, "fuzz.toml");
    }

    #[test]
    fn framework_parser_never_panics_near_valid(extra in "[a-z_ =\\[\\]\"0-9.\n]{0,200}") {
        let text = format!("[framework]\nid = \"t\"\nname = \"T\"\nsource = \"S\"\nvintage = \"v\"\n[[criteria]]\nid = \"a\"\n{extra}");
        let _ = credence_value::Framework::parse(&text, "fuzz.toml");
    }
}
