//! Person records read from CSV with a field mapping; bad rows are reported with file, line and
//! field (never the value) and either repaired (a blanked field) or rejected.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use credence_model::{Diagnostic, Location};

use crate::normalize;
use crate::LinkError;

/// The identifying fields linkage knows, in the order comparisons use them.
pub const FIELDS: &[&str] = &[
    "id", "given", "surname", "dob", "sex", "postcode", "city", "address", "ssn",
];

/// Header names recognised without a mapping, per field (lowercase).
const ALIASES: &[(&str, &[&str])] = &[
    (
        "id",
        &["id", "rec_id", "record_id", "person_id", "pid", "100"],
    ),
    (
        "given",
        &["given", "given_name", "first_name", "firstname", "forename"],
    ),
    (
        "surname",
        &["surname", "last_name", "lastname", "family_name"],
    ),
    (
        "dob",
        &["dob", "date_of_birth", "birth_date", "birthdate", "200"],
    ),
    ("sex", &["sex", "gender", "201"]),
    ("postcode", &["postcode", "zip", "zipcode", "postal_code"]),
    ("city", &["city", "suburb", "town"]),
    (
        "address",
        &["address", "address_1", "street", "street_address"],
    ),
    ("ssn", &["ssn", "soc_sec_id", "national_id", "identifier"]),
];

/// A normalized person record. Empty strings mean "not known".
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// The record's own id in its file (not identifying by itself).
    pub id: String,
    /// Given name, normalized.
    pub given: String,
    /// Surname, normalized.
    pub surname: String,
    /// Date of birth as `YYYYMMDD`, validated.
    pub dob: String,
    /// `m`, `f` or `x`.
    pub sex: String,
    /// Postcode, normalized.
    pub postcode: String,
    /// City or suburb, normalized.
    pub city: String,
    /// Street address, normalized.
    pub address: String,
    /// Identifier digits (SSN-like).
    pub ssn: String,
}

impl fmt::Debug for Person {
    // Only the id: identifying values must never reach logs through `{:?}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Person {{ id: {:?}, .. }}", self.id)
    }
}

impl Person {
    /// A field by its mapping name (`given`, `dob`…); empty for unknown names.
    pub fn field(&self, name: &str) -> &str {
        match name {
            "id" => &self.id,
            "given" => &self.given,
            "surname" => &self.surname,
            "dob" => &self.dob,
            "sex" => &self.sex,
            "postcode" => &self.postcode,
            "city" => &self.city,
            "address" => &self.address,
            "ssn" => &self.ssn,
            _ => "",
        }
    }
}

/// Which CSV column feeds which field: `id=rec_id,given=given_name,…`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    columns: HashMap<String, String>,
}

impl FieldMap {
    /// Parses `field=COLUMN` pairs separated by commas; fields are those of [`FIELDS`].
    pub fn parse(text: &str) -> Result<Self, LinkError> {
        let mut columns = HashMap::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, column) = part
                .split_once('=')
                .ok_or_else(|| LinkError::Mapping(format!("`{part}` is not field=COLUMN")))?;
            let field = field.trim().to_ascii_lowercase();
            if !FIELDS.contains(&field.as_str()) {
                return Err(LinkError::Mapping(format!(
                    "unknown field `{field}`; known: {}",
                    FIELDS.join(", ")
                )));
            }
            columns.insert(field, column.trim().to_string());
        }
        Ok(FieldMap { columns })
    }

    /// Column index per field for this header: explicit mapping first, then known aliases.
    fn resolve(&self, header: &[String]) -> HashMap<&'static str, usize> {
        let lower: Vec<String> = header
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let mut out = HashMap::new();
        for (field, aliases) in ALIASES {
            let found = match self.columns.get(*field) {
                Some(col) => lower.iter().position(|h| *h == col.to_ascii_lowercase()),
                None => aliases
                    .iter()
                    .find_map(|a| lower.iter().position(|h| h == a)),
            };
            if let Some(i) = found {
                out.insert(*field, i);
            }
        }
        out
    }
}

/// The records of one file and everything found wrong in it.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// The file as named.
    pub file: String,
    /// Accepted records, in file order.
    pub records: Vec<Person>,
    /// Identifying fields the file provides (mapped columns).
    pub fields: Vec<&'static str>,
    /// Findings: errors rejected a row, warnings blanked a field.
    pub diagnostics: Vec<Diagnostic>,
}

impl People {
    /// Rows rejected.
    pub fn rejected(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == credence_model::Severity::Error)
            .count()
    }
}

/// Reads a CSV (or TSV, by extension) of people with a header row.
pub fn read_people(path: &Path, map: &FieldMap) -> Result<People, LinkError> {
    let file = std::fs::File::open(path).map_err(|source| LinkError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let delimiter = if path.extension().is_some_and(|e| e == "tsv") {
        b'\t'
    } else {
        b','
    };
    read_people_from(file, &path.display().to_string(), map, delimiter)
}

/// Reads people from any reader; `name` labels diagnostics. Never panics on hostile bytes.
pub fn read_people_from<R: std::io::Read>(
    reader: R,
    name: &str,
    map: &FieldMap,
    delimiter: u8,
) -> Result<People, LinkError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(reader);
    let header: Vec<String> = rdr
        .byte_headers()
        .map_err(|e| LinkError::Csv {
            path: name.to_string(),
            message: format!("cannot read the header row: {e}"),
        })?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    let columns = map.resolve(&header);
    if !columns.contains_key("id") {
        return Err(LinkError::Mapping(format!(
            "`{name}` has no id column; map one with id=COLUMN"
        )));
    }
    let fields: Vec<&'static str> = FIELDS
        .iter()
        .copied()
        .filter(|f| *f != "id" && columns.contains_key(f))
        .collect();
    let mut people = People {
        file: name.to_string(),
        fields,
        ..People::default()
    };
    let mut seen = HashSet::new();
    let mut row = csv::ByteRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        match rdr.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = Location::file(name).record(format!("line {line}"));
                if e.is_io_error() {
                    return Err(LinkError::Csv {
                        path: name.to_string(),
                        message: format!("line {line}: {e}"),
                    });
                }
                people
                    .diagnostics
                    .push(Diagnostic::error(at, "unreadable CSV record"));
                continue;
            }
        }
        let line = row.position().map_or(line, |p| p.line());
        let at = || Location::file(name).record(format!("line {line}"));
        let get = |field: &str| -> (String, bool) {
            match columns.get(field).and_then(|i| row.get(*i)) {
                Some(bytes) => match std::str::from_utf8(bytes) {
                    Ok(s) => (s.trim().to_string(), false),
                    Err(_) => (String::from_utf8_lossy(bytes).trim().to_string(), true),
                },
                None => (String::new(), false),
            }
        };
        let mut notes = Vec::new();
        for f in FIELDS {
            if get(f).1 {
                notes.push(Diagnostic::warning(
                    at().field(*f),
                    "not valid UTF-8; invalid bytes replaced",
                ));
            }
        }
        let id = get("id").0;
        if id.is_empty() {
            people.diagnostics.push(Diagnostic::error(
                at().field("id"),
                "missing id; row rejected",
            ));
            continue;
        }
        if id.chars().count() > 128 {
            people.diagnostics.push(Diagnostic::error(
                at().field("id"),
                "id longer than 128 characters; row rejected",
            ));
            continue;
        }
        if !seen.insert(id.clone()) {
            people.diagnostics.push(Diagnostic::error(
                at().field("id"),
                "duplicate id (an earlier row has it); row rejected",
            ));
            continue;
        }
        let (dob_raw, _) = get("dob");
        let dob = if dob_raw.is_empty() {
            String::new()
        } else {
            match parse_dob(&dob_raw) {
                Ok(d) => d,
                Err(why) => {
                    notes.push(Diagnostic::warning(
                        at().field("dob"),
                        format!("{why}; field left blank"),
                    ));
                    String::new()
                }
            }
        };
        let (sex_raw, _) = get("sex");
        let sex = match normalize::fold(&sex_raw).as_str() {
            "" => String::new(),
            "m" | "male" | "1" => "m".into(),
            "f" | "female" | "2" => "f".into(),
            "x" | "other" | "9" | "u" => "x".into(),
            _ => {
                notes.push(Diagnostic::warning(
                    at().field("sex"),
                    "unknown sex code; field left blank",
                ));
                String::new()
            }
        };
        let ssn = normalize::digits(&get("ssn").0);
        let person = Person {
            id,
            given: normalize::name(&get("given").0),
            surname: normalize::name(&get("surname").0),
            dob,
            sex,
            postcode: normalize::code(&get("postcode").0),
            city: normalize::fold(&get("city").0),
            address: normalize::fold(&get("address").0),
            ssn,
        };
        people.diagnostics.extend(notes);
        people.records.push(person);
    }
    Ok(people)
}

/// Validates a date of birth written `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD` or `MM/DD/YYYY`
/// (a trailing `.0` from spreadsheet exports is ignored) and returns it as `YYYYMMDD`.
pub fn parse_dob(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    let raw = raw.strip_suffix(".0").unwrap_or(raw);
    let formats = ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%m/%d/%Y"];
    let date = formats
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
        .ok_or("date of birth is not a valid calendar date")?;
    if date.year() < 1900 || date > chrono::Utc::now().date_naive() {
        return Err("date of birth is impossible (before 1900 or in the future)");
    }
    Ok(date.format("%Y%m%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, map: &str) -> People {
        read_people_from(
            text.as_bytes(),
            "t.csv",
            &FieldMap::parse(map).unwrap(),
            b',',
        )
        .unwrap()
    }

    #[test]
    fn reads_with_aliases_and_mapping() {
        let p = read(
            "rec_id,given_name,surname,date_of_birth,fam\nr1,José,O'Neil,19560409,x\n",
            "",
        );
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].given, "jose");
        assert_eq!(p.records[0].surname, "oneil");
        assert_eq!(p.records[0].dob, "19560409");
        let q = read("a,b\n1,Smith\n", "id=a,surname=b");
        assert_eq!(q.records[0].surname, "smith");
        assert_eq!(q.fields, vec!["surname"]);
    }

    #[test]
    fn rejects_and_repairs_with_line_and_field_but_no_value() {
        let p = read(
            "id,given,dob,sex\n1,Ann,1990-02-30,F\n,Bob,1980-01-01,M\n1,Cy,1970-01-01,Q\n2,Di,2999-01-01,\n",
            "",
        );
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.rejected(), 2);
        let text: Vec<String> = p.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(text
            .iter()
            .any(|t| t.contains("line 2") && t.contains("`dob`")));
        assert!(text
            .iter()
            .any(|t| t.contains("line 3") && t.contains("missing id")));
        assert!(text
            .iter()
            .any(|t| t.contains("line 4") && t.contains("duplicate")));
        assert!(text
            .iter()
            .any(|t| t.contains("line 5") && t.contains("impossible")));
        assert!(text
            .iter()
            .all(|t| !t.contains("Ann") && !t.contains("1990-02-30")));
    }

    #[test]
    fn debug_hides_identifying_fields() {
        let p = Person {
            id: "7".into(),
            given: "secretname".into(),
            ..Person::default()
        };
        assert!(!format!("{p:?}").contains("secretname"));
    }

    #[test]
    fn unknown_mapping_field_is_an_error() {
        assert!(FieldMap::parse("nme=x").is_err());
        assert!(FieldMap::parse("given").is_err());
    }
}
