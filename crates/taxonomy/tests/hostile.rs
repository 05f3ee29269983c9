//! Hostile and broken input: diagnostics with file, line and field, never panics.

use std::fs;
use std::path::Path;

use credence_model::Severity;
use credence_taxonomy::*;
use proptest::prelude::*;

#[test]
fn missing_file_error_names_download_url() {
    let dir = tempfile::tempdir().unwrap();
    let err = load_all(dir.path()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("`soc2018_structure`"), "{msg}");
    assert!(msg.contains("https://www.bls.gov/soc/2018/"), "{msg}");
    let status = check_files(dir.path());
    let oews = status.iter().find(|s| s.name == "oews_national").unwrap();
    assert!(!oews.present);
    assert_eq!(
        oews.download_url,
        "https://www.bls.gov/oes/special-requests/oesm24nat.zip"
    );
}

#[test]
fn missing_onet_file_names_the_zip() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::env::var_os("CREDENCE_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    for e in MANIFEST
        .iter()
        .filter(|e| e.loaded && e.name != "onet_job_zones")
    {
        let to = dir.path().join(e.path);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(real.join(e.path), to).unwrap();
    }
    let msg = load_all(dir.path()).unwrap_err().to_string();
    assert!(msg.contains("Job Zones.txt"), "{msg}");
    assert!(
        msg.contains("https://www.onetcenter.org/dl_files/database/db_29_2_text.zip"),
        "{msg}"
    );
}

#[test]
fn bad_soc_rows_become_diagnostics() {
    let csv = "code,title,Level,Hierarchical_structure,parent\n\
               15-0000,Computer,2,Major,NA\n\
               15-12x2,Bad code,6,Detailed,15-1250\n\
               15-1252,Dev,6,Sideways,15-1250\n\
               15-1253,,6,Detailed,15-1250\n\
               15-1254,Ok,6,Detailed,15-1250\n\
               15-1254,Dup,6,Detailed,15-1250\n\
               15-1255\n";
    let p = parse_soc_structure(csv.as_bytes(), "soc.csv").unwrap();
    assert_eq!(p.rows.len(), 2);
    let fields: Vec<_> = p
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.location.record.clone().unwrap(),
                d.location.field.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(fields[0], ("line 3".into(), "code".into()));
    assert_eq!(
        fields[1],
        ("line 4".into(), "Hierarchical_structure".into())
    );
    assert_eq!(fields[2], ("line 5".into(), "title".into()));
    assert_eq!(fields[3], ("line 7".into(), "code".into()));
    assert_eq!(fields[4], ("line 8".into(), "title".into()));
    assert!(p.diagnostics[0].message.contains("`15-12x2`"));
    assert!(p.diagnostics.iter().all(|d| d.location.file == "soc.csv"));
}

#[test]
fn missing_column_is_a_file_error() {
    let err = parse_oews(b"OCC_CODE,OCC_TITLE\n15-1252,Dev\n", "w.csv").unwrap_err();
    assert!(err.to_string().contains("`O_GROUP`"), "{err}");
    assert!(parse_soc_structure(b"", "empty.csv").is_err());
}

#[test]
fn oews_hostile_values() {
    let header = "OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY";
    let body = [
        "15-1252,Dev,detailed,\"1,654,440\",0.9,*,\"133,080\",0.4,*,*,*,*,*,1,2,3,4,#,TRUE,",
        "15-1253,Bad,detailed,**,x,1,2,3,4,5,6,7,8,9,10,11,12,NaN,,",
        "15-1254,Neg,detailed,10,1,1,2,3,4,5,6,7,8,9,10,-11,12,13,,",
        "15-1255,Grp,sideways,10,1,1,2,3,4,5,6,7,8,9,10,11,12,13,,",
        "15-1256,TC,broad,#,1,1,2,3,4,5,6,7,8,9,10,11,12,13,,",
    ];
    let text = format!("{header}\n{}\n", body.join("\n"));
    let p = parse_oews(text.as_bytes(), "w.csv").unwrap();
    assert_eq!(p.rows.len(), 2);
    let dev = &p.rows[0];
    assert_eq!(dev.tot_emp, Some(1_654_440.0));
    assert_eq!(dev.a_mean, Some(133_080.0));
    assert_eq!(dev.h_mean, None);
    assert_eq!(dev.top_coded, vec!["a_pct90".to_string()]);
    assert!(dev.annual_only);
    let errs: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errs.len(), 3);
    assert_eq!(errs[0].location.field.as_deref(), Some("EMP_PRSE"));
    assert_eq!(errs[1].location.field.as_deref(), Some("A_MEDIAN"));
    assert_eq!(errs[2].location.field.as_deref(), Some("O_GROUP"));
    let warn = p
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .unwrap();
    assert_eq!(warn.location.record.as_deref(), Some("line 6"));
}

#[test]
fn onet_tab_files_keep_quotes_literal() {
    let text = "O*NET-SOC Code\tTitle\tDescription\r\n15-1252.00\tSoftware \"Dev\tWrites \"code\r\n15-1252\tNo suffix\tx\r\n";
    let p = parse_onet_occupations(text.as_bytes(), "occ.txt").unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].title, "Software \"Dev");
    assert_eq!(p.diagnostics[0].location.record.as_deref(), Some("line 3"));
}

#[test]
fn invalid_utf8_and_bad_flags() {
    let mut bytes =
        b"O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n"
            .to_vec();
    bytes.extend_from_slice(b"15-1252.00\tPy\xff\t43232202\tx\tY\tN\n");
    bytes.extend_from_slice(b"15-1252.00\tPython\t43232202\tx\tmaybe\tN\n");
    bytes.extend_from_slice(b"15-1252.00\tPython\t99999999999\tx\tY\tN\n");
    bytes.extend_from_slice(b"15-1252.00\tPython\t43232202\tx\tY\tN\n");
    let p = parse_tech_skills(&bytes, "t.txt").unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.diagnostics.len(), 3);
    assert_eq!(p.diagnostics[0].location.record.as_deref(), Some("line 2"));
    assert_eq!(
        p.diagnostics[1].location.field.as_deref(),
        Some("Hot Technology")
    );
    assert_eq!(
        p.diagnostics[2].location.field.as_deref(),
        Some("Commodity Code")
    );
}

#[test]
fn job_zone_out_of_range() {
    let p = parse_job_zones(
        b"O*NET-SOC Code\tJob Zone\n15-1252.00\t9\n15-1252.00\t4\n",
        "z",
    )
    .unwrap();
    assert_eq!(p.rows.len(), 1);
    assert!(p.diagnostics[0].message.contains("outside 1"));
}

#[test]
fn hostile_file_in_data_dir_yields_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("naics.csv");
    fs::write(
        &path,
        "code,title,Level\n\"unterminated,x,2\n11,Ag,3\n\u{0}\u{0},,\n",
    )
    .unwrap();
    let bytes = fs::read(&path).unwrap();
    let p = parse_naics_file(&bytes, &path.display().to_string()).unwrap();
    assert!(p.rows.len() <= 1);
    assert!(!p.diagnostics.is_empty());
}

fn any_parser() -> impl Strategy<Value = usize> {
    0usize..11
}

fn n<T>(r: Result<Parsed<T>, TaxonomyError>) -> usize {
    r.map_or(0, |p| p.rows.len() + p.diagnostics.len())
}

fn run(which: usize, bytes: &[u8]) -> usize {
    let f = "fuzz";
    match which {
        0 => n(parse_soc_structure(bytes, f)),
        1 => n(parse_soc_definitions(bytes, f)),
        2 => n(parse_soc_crosswalk(bytes, f)),
        3 => n(parse_cip_soc(bytes, f)),
        4 => n(parse_naics_file(bytes, f)),
        5 => n(parse_onet_occupations(bytes, f)),
        6 => n(parse_alternate_titles(bytes, f)),
        7 => n(parse_job_zones(bytes, f)),
        8 => n(parse_related_occupations(bytes, f)),
        9 => n(parse_tech_skills(bytes, f)),
        _ => n(parse_oews(bytes, f)),
    }
}

const HEADERS: [&str; 11] = [
    "code,title,Level,Hierarchical_structure,parent\n",
    "SOCGroup,SOCCode,SOCTitle,SOCDefinition\n",
    "soc2010,soc2010_title,soc2018,soc2018_title\n",
    "SOC2018Code,SOC2018Title,CIP2020Code,CIP2020Title\n",
    "code,title,Level\n",
    "O*NET-SOC Code\tTitle\tDescription\n",
    "O*NET-SOC Code\tAlternate Title\tShort Title\n",
    "O*NET-SOC Code\tJob Zone\n",
    "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n",
    "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n",
    "OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY\n",
];

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic_on_bytes(which in any_parser(), body in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut bytes = HEADERS[which].as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        run(which, &bytes);
        run(which, &body);
    }

    #[test]
    fn readers_never_panic_on_cells(which in any_parser(), cells in proptest::collection::vec("[0-9#*~.,\"\t\r\n a-zA-Z-]{0,12}", 0..40)) {
        let sep = if (5..=9).contains(&which) { "\t" } else { "," };
        let text = format!("{}{}", HEADERS[which], cells.join(sep));
        run(which, text.as_bytes());
    }

    #[test]
    fn code_parsers_never_panic(s in "\\PC{0,16}") {
        let _ = (parse_soc(&s), parse_cip(&s), parse_naics(&s), onet_to_soc(&s), soc_major_group(&s));
    }

    #[test]
    fn soc_parse_is_idempotent(s in "[0-9]{2}-?[0-9]{4}(\\.[0-9]{2})?") {
        let c = parse_soc(&s).unwrap();
        prop_assert_eq!(parse_soc(&c.code).unwrap().code, c.code.clone());
        prop_assert_eq!(parse_soc(&c.onet_code()).unwrap().code, c.code);
    }

    #[test]
    fn cip_parse_is_idempotent(s in "[0-9]{1,2}(\\.[0-9]{1,4})?|[0-9]{1,6}") {
        let c = parse_cip(&s).unwrap();
        prop_assert_eq!(parse_cip(&c.code).unwrap(), c);
    }
}
