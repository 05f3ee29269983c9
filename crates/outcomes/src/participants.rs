//! Participant records in the WIOA PIRL (ETA-9172) layout: headers may be the PIRL element
//! numbers (`201`, `PIRL 201`, `pirl_201`), our field names, or any column a mapping names.
//!
//! Streaming: one CSV record is parsed at a time; the raw identifier is hashed immediately and the
//! date of birth is reduced to an age band at program entry, so neither survives the row.
//! Impossible dates, unknown codes, exits before entry and duplicate participations are rejected
//! with file, line, field and reason, never silently dropped.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{OutcomesError, PersonKeyer, Quarter, Reject};

/// One participation after ingest: hashed key, group attributes and programme dates; no names,
/// no raw identifier, no date of birth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// HMAC of the identifier (see [`crate::key`]).
    pub person: String,
    /// Age band at programme entry (`<25`, `25-34`, `35-44`, `45-54`, `55+`).
    pub age_band: String,
    /// `female`, `male` or `not reported` (PIRL 201).
    pub sex: String,
    /// Race/ethnicity group from PIRL 210–215 (`Hispanic/Latino` first, then one race, or
    /// `two or more races`, or `not reported`).
    pub race: String,
    /// Highest education at entry, PIRL 408 code 0–8.
    pub education: Option<u8>,
    /// Region (county FIPS if given, else PIRL 101 state code, else `unknown`).
    pub region: String,
    /// Quarter of programme entry (PIRL 900).
    pub entry: Quarter,
    /// Quarter of programme exit (PIRL 901); `None` while still participating.
    pub exit: Option<Quarter>,
    /// Received training (PIRL 1300 = 1, or any training dates present).
    pub trained: bool,
    /// Eligible training provider name (PIRL 1301).
    pub provider: Option<String>,
    /// Eligible training provider programme CIP code (PIRL 1305).
    pub cip: Option<String>,
    /// The credential the training leads to: a registry id/CTID (extension column `credential_id`).
    pub credential_id: Option<String>,
    /// Recognized credential type attained (PIRL 1800, 1802, 1804: the earliest attained of up
    /// to three, 1–8); `None` or 0 = none.
    pub credential_type: Option<u8>,
    /// Quarter that credential was attained (PIRL 1801, 1803, 1805).
    pub credential_quarter: Option<Quarter>,
    /// Measurable skill gains recorded (PIRL 1806–1810 dates present).
    pub skill_gains: u8,
}

impl Participant {
    /// Attained a recognized credential during participation or within one year (4 quarters)
    /// after the exit quarter — the WIOA credential attainment numerator.
    pub fn attained(&self) -> bool {
        match (self.credential_type, self.credential_quarter, self.exit) {
            (Some(t), Some(q), Some(exit)) if t > 0 => q <= exit.plus(4),
            (Some(t), None, Some(_)) if t > 0 => true,
            _ => false,
        }
    }
}

/// Canonical fields, their PIRL numbers (0 = extension column) and accepted header aliases.
const FIELDS: &[(&str, u32, &[&str])] = &[
    (
        "person",
        100,
        &["ssn", "person_key", "person_id", "unique_id"],
    ),
    ("state", 101, &["state"]),
    ("birth_date", 200, &["dob", "date_of_birth"]),
    ("sex", 201, &["sex", "gender"]),
    ("hispanic", 210, &["hispanic", "ethnicity"]),
    ("american_indian", 211, &[]),
    ("asian", 212, &[]),
    ("black", 213, &[]),
    ("pacific_islander", 214, &[]),
    ("white", 215, &[]),
    ("education", 408, &["highest_education"]),
    ("entry_date", 900, &["program_entry"]),
    ("exit_date", 901, &["program_exit"]),
    ("received_training", 1300, &[]),
    ("provider", 1301, &["training_provider"]),
    ("training_start", 1302, &[]),
    ("training_type", 1303, &[]),
    ("program_cip", 1305, &["cip", "cipcode"]),
    ("training_onet", 1306, &[]),
    ("training_completed", 1307, &[]),
    ("training_end", 1308, &[]),
    ("employed_q1", 1600, &[]),
    ("match_q1", 1601, &[]),
    ("employed_q2", 1602, &[]),
    ("match_q2", 1603, &[]),
    ("employed_q3", 1604, &[]),
    ("match_q3", 1605, &[]),
    ("employed_q4", 1606, &[]),
    ("match_q4", 1607, &[]),
    ("wages_prior_q3", 1700, &[]),
    ("wages_prior_q2", 1701, &[]),
    ("wages_prior_q1", 1702, &[]),
    ("wages_q1", 1703, &[]),
    ("wages_q2", 1704, &[]),
    ("wages_q3", 1705, &[]),
    ("wages_q4", 1706, &[]),
    ("credential_type", 1800, &[]),
    ("credential_date", 1801, &[]),
    ("credential_type_2", 1802, &[]),
    ("credential_date_2", 1803, &[]),
    ("credential_type_3", 1804, &[]),
    ("credential_date_3", 1805, &[]),
    ("education_program_entry", 1811, &[]),
    ("credential_id", 0, &["ctid", "credential"]),
    ("region", 0, &["county", "county_fips"]),
];

/// PIRL element numbers of the measurable-skill-gain dates counted into `skill_gains` (EFL,
/// postsecondary and secondary transcript, training milestone, skills progression).
const SKILL_GAIN_ELEMENTS: std::ops::RangeInclusive<u32> = 1806..=1810;

/// Which column holds which field: defaults from PIRL numbers and names, overridable per field.
#[derive(Debug, Clone, Default)]
pub struct ParticipantMap {
    /// Canonical field name → header, as given with `--map field=column`.
    pub overrides: BTreeMap<String, String>,
}

impl ParticipantMap {
    /// Parses `field=column` pairs; unknown fields are an error naming the known ones.
    pub fn parse(pairs: &[String]) -> Result<ParticipantMap, OutcomesError> {
        let mut overrides = BTreeMap::new();
        for p in pairs {
            let (f, c) = p.split_once('=').ok_or_else(|| {
                OutcomesError::Invalid(format!("mapping `{p}` is not field=column"))
            })?;
            if !FIELDS.iter().any(|(name, _, _)| *name == f) {
                let known: Vec<&str> = FIELDS.iter().map(|(n, _, _)| *n).collect();
                return Err(OutcomesError::Invalid(format!(
                    "unknown participant field `{f}`; known: {}",
                    known.join(", ")
                )));
            }
            overrides.insert(f.to_string(), c.to_string());
        }
        Ok(ParticipantMap { overrides })
    }

    fn resolve(&self, headers: &[String]) -> BTreeMap<&'static str, usize> {
        let norm = |h: &str| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
                .replace([' ', '-'], "_")
        };
        let headers: Vec<String> = headers.iter().map(|h| norm(h)).collect();
        let find = |cands: &[String]| {
            cands
                .iter()
                .find_map(|c| headers.iter().position(|h| h == c))
        };
        let mut out = BTreeMap::new();
        for (name, pirl, aliases) in FIELDS {
            let idx = if let Some(col) = self.overrides.get(*name) {
                find(&[norm(col)])
            } else {
                let mut cands = vec![name.to_string()];
                if *pirl > 0 {
                    cands.extend([
                        pirl.to_string(),
                        format!("pirl_{pirl}"),
                        format!("pirl{pirl}"),
                    ]);
                }
                cands.extend(aliases.iter().map(|a| a.to_string()));
                find(&cands)
            };
            if let Some(i) = idx {
                out.insert(*name, i);
            }
        }
        for e in SKILL_GAIN_ELEMENTS {
            if let Some(i) = find(&[e.to_string(), format!("pirl_{e}"), format!("pirl{e}")]) {
                out.insert(skill_gain_name(e), i);
            }
        }
        out
    }
}

fn skill_gain_name(e: u32) -> &'static str {
    const NAMES: [&str; 5] = ["msg_1806", "msg_1807", "msg_1808", "msg_1809", "msg_1810"];
    NAMES[(e - 1806) as usize]
}

/// What a participant import produced: accepted participations and quarantined rejects.
#[derive(Debug, Default, Serialize)]
pub struct ParticipantImport {
    /// Accepted participations, file order.
    pub participants: Vec<Participant>,
    /// Rejected records with where and why.
    pub rejects: Vec<Reject>,
    /// Data records read (header excluded).
    pub records: usize,
}

/// Parses a PIRL date: `YYYYMMDD` (the PIRL format) or `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
        .filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d)))
}

/// Reads a participant CSV from any reader (streaming, one record at a time).
pub fn read_participants<R: Read>(
    input: R,
    file: &str,
    map: &ParticipantMap,
    keyer: &PersonKeyer,
) -> Result<ParticipantImport, OutcomesError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers: Vec<String> = rdr
        .byte_headers()
        .map_err(|e| OutcomesError::Format {
            file: file.into(),
            message: format!("cannot read the header: {e}"),
        })?
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let cols = map.resolve(&headers);
    for required in ["person", "entry_date"] {
        if !cols.contains_key(required) {
            return Err(OutcomesError::Format {
                file: file.into(),
                message: format!(
                    "no `{required}` column (PIRL {}); map one with --map {required}=COLUMN",
                    if required == "person" { 100 } else { 900 }
                ),
            });
        }
    }
    let mut out = ParticipantImport::default();
    let mut seen: HashSet<(String, Quarter)> = HashSet::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                out.records += 1;
                out.rejects.push(Reject::new(
                    file,
                    format!("line {line}"),
                    "",
                    format!("unreadable CSV record: {}", csv_reason(&e)),
                ));
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        out.records += 1;
        let line = record.position().map(|p| p.line()).unwrap_or(line);
        match parse_row(&record, &cols, keyer) {
            Ok(p) => {
                if !seen.insert((p.person.clone(), p.entry)) {
                    out.rejects.push(Reject::new(
                        file,
                        format!("line {line}"),
                        "person",
                        "duplicate participation: same person and entry quarter as an earlier record",
                    ));
                } else {
                    out.participants.push(p);
                }
            }
            Err((field, reason)) => {
                out.rejects
                    .push(Reject::new(file, format!("line {line}"), field, reason));
            }
        }
    }
    Ok(out)
}

/// A CSV error without echoing record content.
fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".into(),
        csv::ErrorKind::Io(_) => "read error".into(),
        _ => "malformed CSV".into(),
    }
}

type RowError = (&'static str, String);

fn parse_row(
    rec: &csv::ByteRecord,
    cols: &BTreeMap<&'static str, usize>,
    keyer: &PersonKeyer,
) -> Result<Participant, RowError> {
    let get = |f: &'static str| -> Result<Option<&str>, RowError> {
        match cols.get(f).and_then(|&i| rec.get(i)) {
            None => Ok(None),
            Some(b) => match std::str::from_utf8(b) {
                Ok(s) if s.trim().is_empty() => Ok(None),
                Ok(s) => Ok(Some(s.trim())),
                Err(_) => Err((f, "invalid UTF-8".to_string())),
            },
        }
    };
    let date = |f: &'static str, what: &str| -> Result<Option<NaiveDate>, RowError> {
        match get(f)? {
            None => Ok(None),
            Some(s) => parse_date(s)
                .map(Some)
                .ok_or((f, format!("{what} is not a valid date (YYYYMMDD)"))),
        }
    };
    let code = |f: &'static str, allowed: &[u8]| -> Result<Option<u8>, RowError> {
        match get(f)? {
            None => Ok(None),
            Some(s) => match s.parse::<u8>() {
                Ok(v) if allowed.contains(&v) => Ok(Some(v)),
                _ => Err((
                    f,
                    format!(
                        "unknown code `{}`; expected one of {:?}",
                        s.chars().take(12).collect::<String>(),
                        allowed
                    ),
                )),
            },
        }
    };
    let money = |f: &'static str| -> Result<Option<f64>, RowError> {
        match get(f)? {
            None => Ok(None),
            Some(s) => match s.replace([',', '$'], "").parse::<f64>() {
                Ok(v) if (0.0..1e9).contains(&v) => Ok(Some(v)),
                Ok(v) if v < 0.0 => Err((f, "negative wages".into())),
                _ => Err((f, "wages are not a number".into())),
            },
        }
    };

    let person = get("person")?
        .and_then(|raw| keyer.key(raw))
        .ok_or(("person", "missing identifier".to_string()))?;
    let entry_date = date("entry_date", "programme entry date")?
        .ok_or(("entry_date", "missing programme entry date".to_string()))?;
    let exit_date = date("exit_date", "programme exit date")?;
    if let Some(x) = exit_date {
        if x < entry_date {
            return Err(("exit_date", "exit date is before the entry date".into()));
        }
    }
    let age_band = match date("birth_date", "date of birth")? {
        None => "not reported".to_string(),
        Some(b) => {
            let age = entry_date.years_since(b).ok_or((
                "birth_date",
                "date of birth is after the programme entry date".to_string(),
            ))?;
            if !(14..=100).contains(&age) {
                return Err(("birth_date", "age at entry outside 14–100".into()));
            }
            age_band(age).to_string()
        }
    };
    let sex = match code("sex", &[1, 2, 9])? {
        Some(1) => "male",
        Some(2) => "female",
        _ => "not reported",
    }
    .to_string();
    let yes_no = [0, 1, 9];
    let hisp = code("hispanic", &yes_no)?;
    let races = [
        (
            "American Indian/Alaska Native",
            code("american_indian", &yes_no)?,
        ),
        ("Asian", code("asian", &yes_no)?),
        ("Black/African American", code("black", &yes_no)?),
        (
            "Native Hawaiian/Pacific Islander",
            code("pacific_islander", &yes_no)?,
        ),
        ("White", code("white", &yes_no)?),
    ];
    let marked: Vec<&str> = races
        .iter()
        .filter(|(_, v)| *v == Some(1))
        .map(|(n, _)| *n)
        .collect();
    let race = if hisp == Some(1) {
        "Hispanic/Latino".to_string()
    } else if marked.len() > 1 {
        "two or more races".to_string()
    } else if let Some(r) = marked.first() {
        r.to_string()
    } else {
        "not reported".to_string()
    };
    let education = code("education", &[0, 1, 2, 3, 4, 5, 6, 7, 8])?;
    let training_start = date("training_start", "training start date")?;
    let training_end = date("training_end", "training completion date")?;
    if let (Some(a), Some(b)) = (training_start, training_end) {
        if b < a {
            return Err(("training_end", "training ends before it starts".into()));
        }
    }
    let received = code("received_training", &[0, 1])?;
    code("training_type", &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])?;
    code("training_completed", &[0, 1, 2, 3, 9])?;
    for f in ["employed_q1", "employed_q2", "employed_q3", "employed_q4"] {
        code(f, &[0, 1, 2, 3, 9])?;
    }
    for f in ["match_q1", "match_q2", "match_q3", "match_q4"] {
        code(f, &[0, 1, 2, 3, 4, 5, 6])?;
    }
    let education_program = date("education_program_entry", "education programme entry date")?;
    for f in [
        "wages_prior_q3",
        "wages_prior_q2",
        "wages_prior_q1",
        "wages_q1",
        "wages_q2",
        "wages_q3",
        "wages_q4",
    ] {
        money(f)?;
    }
    // Up to three recognized credentials (1800/1801, 1802/1803, 1804/1805); the earliest
    // attained one is the participant's credential for the attainment measure.
    let mut credential: Option<(u8, Option<NaiveDate>)> = None;
    for (tf, df) in [
        ("credential_type", "credential_date"),
        ("credential_type_2", "credential_date_2"),
        ("credential_type_3", "credential_date_3"),
    ] {
        let t = code(tf, &[0, 1, 2, 3, 4, 5, 6, 7, 8])?;
        let d = date(df, "credential attainment date")?;
        if d.is_some_and(|c| c < entry_date) {
            return Err((df, "credential attained before programme entry".into()));
        }
        let Some(t) = t.filter(|&t| t > 0) else {
            continue;
        };
        let earlier = match (credential, d) {
            (None, _) => true,
            (Some((_, Some(best))), Some(d)) => d < best,
            (Some((_, None)), Some(_)) => true,
            (Some(_), None) => false,
        };
        if earlier {
            credential = Some((t, d));
        }
    }
    let mut skill_gains = 0u8;
    for e in SKILL_GAIN_ELEMENTS {
        let f = skill_gain_name(e);
        if date(f, "skill gain date")?.is_some() {
            skill_gains += 1;
        }
    }
    let cip = match get("program_cip")? {
        None => None,
        Some(s) => {
            let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() != 6 {
                return Err((
                    "program_cip",
                    "CIP code must have 6 digits (NN.NNNN)".into(),
                ));
            }
            Some(format!("{}.{}", &digits[..2], &digits[2..]))
        }
    };
    let region = get("region")?
        .or(get("state")?)
        .map(|s| s.chars().take(16).collect())
        .unwrap_or_else(|| "unknown".into());
    Ok(Participant {
        person,
        age_band,
        sex,
        race,
        education,
        region,
        entry: Quarter::of(entry_date),
        exit: exit_date.map(Quarter::of),
        trained: received == Some(1) || training_start.is_some() || education_program.is_some(),
        provider: get("provider")?.map(|s| s.chars().take(200).collect()),
        cip,
        credential_id: get("credential_id")?.map(|s| s.chars().take(200).collect()),
        credential_type: credential.map(|(t, _)| t),
        credential_quarter: credential.and_then(|(_, d)| d).map(Quarter::of),
        skill_gains,
    })
}

/// The age band a participant is reported in.
pub fn age_band(age: u32) -> &'static str {
    match age {
        0..=24 => "<25",
        25..=34 => "25-34",
        35..=44 => "35-44",
        45..=54 => "45-54",
        _ => "55+",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyer() -> PersonKeyer {
        PersonKeyer::new(b"test-secret-0123456789").unwrap()
    }

    fn read_default(csv: &str) -> ParticipantImport {
        read_participants(
            csv.as_bytes(),
            "p.csv",
            &ParticipantMap::default(),
            &keyer(),
        )
        .unwrap()
    }

    #[test]
    fn pirl_numbered_csv_imports_and_bad_rows_are_quarantined() {
        let csv = "100,200,201,210,213,215,408,900,901,1300,1305,1800,1801,credential_id,region\n\
                   900000001,19900115,2,0,1,0,1,20200110,20200620,1,51.3902,7,20200701,ce-1,34013\n\
                   900000002,19900231,1,0,0,1,1,20200110,20200620,1,51.3902,,,ce-1,34013\n\
                   900000003,19800101,7,0,0,1,1,20200110,20200620,1,51.3902,,,ce-1,34013\n\
                   900000004,19800101,1,0,0,1,1,20200110,20190620,1,51.3902,,,ce-1,34013\n\
                   900000001,19900115,2,0,1,0,1,20200110,20200620,1,51.3902,7,20200701,ce-1,34013\n\
                   900000005,19800101,1,1,0,1,1,20200110,,1,51.39,,,ce-1,34013\n";
        let out = read_default(csv);
        assert_eq!(out.records, 6);
        assert_eq!(out.participants.len(), 1, "{:?}", out.rejects);
        let p = &out.participants[0];
        assert_eq!(p.sex, "female");
        assert_eq!(p.race, "Black/African American");
        assert_eq!(p.age_band, "25-34");
        assert_eq!(p.cip.as_deref(), Some("51.3902"));
        assert_eq!(p.entry, Quarter::new(2020, 1).unwrap());
        assert_eq!(p.exit, Quarter::new(2020, 2));
        assert!(p.attained());
        assert_ne!(p.person, "900000001");
        let why: Vec<(&str, &str, &str)> = out
            .rejects
            .iter()
            .map(|r| (r.record.as_str(), r.field.as_str(), r.reason.as_str()))
            .collect();
        assert_eq!(why[0].0, "line 3");
        assert_eq!(why[0].1, "birth_date");
        assert_eq!(why[1].1, "sex");
        assert_eq!(why[2].1, "exit_date");
        assert!(why[3].2.starts_with("duplicate"));
        assert_eq!(why[4].1, "program_cip");
        for r in &out.rejects {
            assert!(
                !r.reason.contains("9000000") && !r.reason.contains("1990"),
                "{r:?}"
            );
        }
    }

    #[test]
    fn pirl_training_employment_and_second_credentials_are_read() {
        let csv = "100,200,900,901,1301,1302,1303,1305,1308,1603,1800,1801,1802,1803,1804,1805,1811\n\
                   A1,19900115,20200110,20200620,ETP,20200115,6,513902,20200601,1,0,,6,20200801,3,20200701,\n\
                   A2,19900115,20200110,20200620,,,,,,,,,,,,,20200301\n\
                   A3,19900115,20200110,20200620,,,,,,8,,,,,,,\n\
                   A4,19900115,20200110,20200620,,20200301,6,,20200201,,,,,,,,\n";
        let out = read_default(csv);
        assert_eq!(out.participants.len(), 2, "{:?}", out.rejects);
        let a = &out.participants[0];
        assert_eq!(a.provider.as_deref(), Some("ETP"));
        assert_eq!(a.cip.as_deref(), Some("51.3902"));
        assert!(a.trained);
        assert_eq!(a.credential_type, Some(3), "the earliest of 1802/1804");
        assert_eq!(a.credential_quarter, Quarter::new(2020, 3));
        assert!(out.participants[1].trained, "1811 alone marks training");
        assert_eq!(out.participants[1].credential_type, None);
        let why: Vec<(&str, &str)> = out
            .rejects
            .iter()
            .map(|r| (r.record.as_str(), r.field.as_str()))
            .collect();
        assert_eq!(why, [("line 4", "match_q2"), ("line 5", "training_end")]);
    }

    #[test]
    fn mapping_renames_columns() {
        let csv = "id,start\nA1,2021-03-04\n";
        let map = ParticipantMap::parse(&["person=id".into(), "entry_date=start".into()]).unwrap();
        let out = read_participants(csv.as_bytes(), "m.csv", &map, &keyer()).unwrap();
        assert_eq!(out.participants.len(), 1);
        assert!(ParticipantMap::parse(&["nosuch=x".into()]).is_err());
        let missing = read_participants(
            "x,y\n1,2\n".as_bytes(),
            "m.csv",
            &ParticipantMap::default(),
            &keyer(),
        );
        assert!(matches!(missing, Err(OutcomesError::Format { .. })));
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let mut input = b"100,200,201,900,901,1800,1801\n".to_vec();
            input.extend_from_slice(&bytes);
            let _ = read_participants(&input[..], "fuzz.csv", &ParticipantMap::default(), &keyer());
            let _ = read_participants(&bytes[..], "fuzz.csv", &ParticipantMap::default(), &keyer());
        }

        #[test]
        fn arbitrary_strings_never_panic(s in "\\PC{0,300}") {
            let input = format!("100,200,201,900,901,210,1305,1802,1803\n{s}\n");
            let _ = read_participants(input.as_bytes(), "fuzz.csv", &ParticipantMap::default(), &keyer());
        }
    }
}
