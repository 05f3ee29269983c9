//! Unemployment-insurance wage records, one row per person × employer × quarter (LEHD-style):
//! person key, employer id, NAICS, county, year, quarter, wages. CSV or Parquet, streamed.
//!
//! Rows are validated (year and quarter in range, wages a non-negative number, no duplicate
//! person-employer-quarter) and summed into quarterly earnings per person. When a set of wanted
//! persons is given (the participants), rows of anyone else are counted and skipped, so memory is
//! bounded by the cohort, not the wage file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::path::Path;

use arrow::array::{Array, StringArray};
use arrow::datatypes::DataType;
use serde::Serialize;

use crate::{OutcomesError, PersonKeyer, Quarter, Reject};

/// Input format of a wage file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WageFormat {
    /// Comma-separated with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
}

impl WageFormat {
    /// The format implied by a file name (`.parquet`/`.pq` → Parquet, else CSV).
    pub fn from_path(path: &Path) -> WageFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some("parquet") | Some("pq") => WageFormat::Parquet,
            _ => WageFormat::Csv,
        }
    }
}

/// Canonical wage fields and accepted header aliases (first match wins).
const FIELDS: &[(&str, &[&str])] = &[
    ("person", &["person_key", "ssn", "person_id", "person"]),
    ("employer", &["employer_id", "ein", "sein", "employer"]),
    ("naics", &["naics", "naics_code"]),
    ("county", &["county", "county_fips", "region"]),
    ("year", &["year"]),
    ("quarter", &["quarter", "qtr"]),
    ("wage", &["wage", "wages", "earnings"]),
];

/// Which column holds which wage field; overrides by `field=column`.
#[derive(Debug, Clone, Default)]
pub struct WageMap {
    /// Field → header.
    pub overrides: BTreeMap<String, String>,
}

impl WageMap {
    /// Parses `field=column` pairs; unknown fields are an error.
    pub fn parse(pairs: &[String]) -> Result<WageMap, OutcomesError> {
        let mut overrides = BTreeMap::new();
        for p in pairs {
            let (f, c) = p.split_once('=').ok_or_else(|| {
                OutcomesError::Invalid(format!("mapping `{p}` is not field=column"))
            })?;
            if !FIELDS.iter().any(|(n, _)| *n == f) {
                return Err(OutcomesError::Invalid(format!(
                    "unknown wage field `{f}`; known: person, employer, naics, county, year, quarter, wage"
                )));
            }
            overrides.insert(f.to_string(), c.to_string());
        }
        Ok(WageMap { overrides })
    }

    fn resolve(&self, file: &str, headers: &[String]) -> Result<[Option<usize>; 7], OutcomesError> {
        let headers: Vec<String> = headers
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        let mut out = [None; 7];
        for (i, (name, aliases)) in FIELDS.iter().enumerate() {
            out[i] = match self.overrides.get(*name) {
                Some(c) => headers.iter().position(|h| *h == c.to_ascii_lowercase()),
                None => aliases
                    .iter()
                    .find_map(|a| headers.iter().position(|h| h == a)),
            };
        }
        for (i, name) in [(0, "person"), (4, "year"), (5, "quarter"), (6, "wage")] {
            if out[i].is_none() {
                return Err(OutcomesError::Format {
                    file: file.into(),
                    message: format!("no `{name}` column; map one with --wage-map {name}=COLUMN"),
                });
            }
        }
        Ok(out)
    }
}

/// Quarterly earnings per person (all employers summed), for the cohort that was asked for.
#[derive(Debug, Default)]
pub struct WageHistory {
    /// Person key → quarter → total wages.
    pub earnings: HashMap<String, BTreeMap<Quarter, f64>>,
    /// Rows read.
    pub rows: usize,
    /// Rows kept (belonging to wanted persons).
    pub kept: usize,
    /// Rows of persons outside the cohort, skipped.
    pub other_persons: usize,
    /// Rejected rows (first 10,000 kept; all are counted in `rejected`).
    pub rejects: Vec<Reject>,
    /// Rejected rows.
    pub rejected: usize,
    /// Earliest and latest quarter seen.
    pub window: Option<(Quarter, Quarter)>,
    seen: HashSet<(String, String, Quarter)>,
}

const MAX_REJECTS_KEPT: usize = 10_000;

impl WageHistory {
    /// Total wages of a person in a quarter (0 when no UI record: not covered or not employed).
    pub fn earnings(&self, person: &str, q: Quarter) -> f64 {
        self.earnings
            .get(person)
            .and_then(|m| m.get(&q))
            .copied()
            .unwrap_or(0.0)
    }

    fn reject(&mut self, r: Reject) {
        self.rejected += 1;
        if self.rejects.len() < MAX_REJECTS_KEPT {
            self.rejects.push(r);
        }
    }

    /// Validates one row and adds it; `fields` in [`FIELDS`] order.
    fn add(
        &mut self,
        file: &str,
        record: &dyn Fn() -> String,
        fields: [Option<&str>; 7],
        keyer: &PersonKeyer,
        wanted: Option<&HashSet<String>>,
    ) {
        self.rows += 1;
        let Some(person) = fields[0].and_then(|raw| keyer.key(raw)) else {
            return self.reject(Reject::new(file, record(), "person", "missing identifier"));
        };
        if let Some(w) = wanted {
            if !w.contains(&person) {
                self.other_persons += 1;
                return;
            }
        }
        let year = fields[4].and_then(|s| s.trim().parse::<i32>().ok());
        let qn =
            fields[5].and_then(|s| s.trim().trim_start_matches(['Q', 'q']).parse::<u32>().ok());
        let Some(year) = year.filter(|y| (1950..=2100).contains(y)) else {
            return self.reject(Reject::new(
                file,
                record(),
                "year",
                "year missing or outside 1950–2100",
            ));
        };
        let Some(q) = qn.and_then(|n| Quarter::new(year, n)) else {
            return self.reject(Reject::new(
                file,
                record(),
                "quarter",
                "quarter must be 1–4",
            ));
        };
        let wage = match fields[6].map(|s| s.trim().replace([',', '$'], "").parse::<f64>()) {
            Some(Ok(v)) if (0.0..1e9).contains(&v) => v,
            Some(Ok(v)) if v < 0.0 => {
                return self.reject(Reject::new(file, record(), "wage", "negative wages"))
            }
            _ => {
                return self.reject(Reject::new(
                    file,
                    record(),
                    "wage",
                    "wages missing or not a number",
                ))
            }
        };
        let employer: String = fields[1].unwrap_or("").trim().chars().take(64).collect();
        if !self.seen.insert((person.clone(), employer.clone(), q)) {
            return self.reject(Reject::new(
                file,
                record(),
                "employer",
                format!("duplicate person-employer-quarter ({q}); the first row was kept"),
            ));
        }
        self.kept += 1;
        *self
            .earnings
            .entry(person)
            .or_default()
            .entry(q)
            .or_insert(0.0) += wage;
        self.window = Some(match self.window {
            None => (q, q),
            Some((a, b)) => (a.min(q), b.max(q)),
        });
    }

    /// Frees the duplicate-detection set once all files are read.
    pub fn finish(&mut self) {
        self.seen = HashSet::new();
    }
}

/// Reads one wage file (CSV or Parquet) into `history`.
pub fn read_wages(
    path: &Path,
    format: WageFormat,
    map: &WageMap,
    keyer: &PersonKeyer,
    wanted: Option<&HashSet<String>>,
    history: &mut WageHistory,
) -> Result<(), OutcomesError> {
    let file = path.display().to_string();
    let f = File::open(path).map_err(|source| OutcomesError::Io {
        file: file.clone(),
        source,
    })?;
    match format {
        WageFormat::Csv => read_csv(f, &file, map, keyer, wanted, history),
        WageFormat::Parquet => read_parquet(f, &file, map, keyer, wanted, history),
    }
}

/// Reads wage CSV from any reader.
pub fn read_csv<R: std::io::Read>(
    input: R,
    file: &str,
    map: &WageMap,
    keyer: &PersonKeyer,
    wanted: Option<&HashSet<String>>,
    history: &mut WageHistory,
) -> Result<(), OutcomesError> {
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
    let cols = map.resolve(file, &headers)?;
    let mut rec = csv::ByteRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                history.rows += 1;
                history.reject(Reject::new(
                    file,
                    format!("line {line}"),
                    "",
                    "malformed CSV record",
                ));
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        let line = rec.position().map(|p| p.line()).unwrap_or(line);
        let mut fields: [Option<&str>; 7] = [None; 7];
        let mut bad_utf8 = None;
        for (i, c) in cols.iter().enumerate() {
            if let Some(b) = c.and_then(|c| rec.get(c)) {
                match std::str::from_utf8(b) {
                    Ok(s) if !s.trim().is_empty() => fields[i] = Some(s),
                    Ok(_) => {}
                    Err(_) => bad_utf8 = Some(FIELDS[i].0),
                }
            }
        }
        if let Some(field) = bad_utf8 {
            history.rows += 1;
            history.reject(Reject::new(
                file,
                format!("line {line}"),
                field,
                "invalid UTF-8",
            ));
            continue;
        }
        history.add(file, &|| format!("line {line}"), fields, keyer, wanted);
    }
    Ok(())
}

fn read_parquet(
    f: File,
    file: &str,
    map: &WageMap,
    keyer: &PersonKeyer,
    wanted: Option<&HashSet<String>>,
    history: &mut WageHistory,
) -> Result<(), OutcomesError> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let q = |e: &dyn std::fmt::Display| OutcomesError::Format {
        file: file.into(),
        message: format!("not readable as Parquet: {e}"),
    };
    let builder = ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| q(&e))?;
    let headers: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let cols = map.resolve(file, &headers)?;
    let reader = builder.with_batch_size(65_536).build().map_err(|e| q(&e))?;
    let mut row = 0usize;
    for batch in reader {
        let batch = batch.map_err(|e| q(&e))?;
        let strings: Vec<Option<StringArray>> = cols
            .iter()
            .map(|c| {
                c.map(|i| {
                    arrow::compute::cast(batch.column(i), &DataType::Utf8)
                        .map_err(|e| q(&e))
                        .map(|a| {
                            a.as_any()
                                .downcast_ref::<StringArray>()
                                .cloned()
                                .unwrap_or_else(|| StringArray::from(Vec::<Option<&str>>::new()))
                        })
                })
                .transpose()
            })
            .collect::<Result<_, _>>()?;
        for r in 0..batch.num_rows() {
            row += 1;
            let mut fields: [Option<&str>; 7] = [None; 7];
            for (i, a) in strings.iter().enumerate() {
                if let Some(a) = a {
                    if r < a.len() && a.is_valid(r) {
                        fields[i] = Some(a.value(r));
                    }
                }
            }
            let n = row;
            history.add(file, &|| format!("row {n}"), fields, keyer, wanted);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyer() -> PersonKeyer {
        PersonKeyer::new(b"test-secret-0123456789").unwrap()
    }

    #[test]
    fn rows_sum_per_quarter_and_bad_rows_are_rejected() {
        let csv = "person_key,employer_id,naics,county,year,quarter,wage\n\
                   900000001,E1,622110,34013,2020,3,5000\n\
                   900000001,E2,722511,34013,2020,3,1200.50\n\
                   900000001,E2,722511,34013,2020,3,1200.50\n\
                   900000001,E1,622110,34013,2020,5,5000\n\
                   900000001,E1,622110,34013,2020,4,-10\n\
                   900000002,E1,622110,34013,2020,3,7000\n\
                   ,E1,622110,34013,2020,3,7000\n";
        let mut h = WageHistory::default();
        let wanted: HashSet<String> = [keyer().key("900000001").unwrap()].into();
        read_csv(
            csv.as_bytes(),
            "w.csv",
            &WageMap::default(),
            &keyer(),
            Some(&wanted),
            &mut h,
        )
        .unwrap();
        let k = keyer().key("900000001").unwrap();
        assert_eq!(h.earnings(&k, Quarter::new(2020, 3).unwrap()), 6200.5);
        assert_eq!(h.rows, 7);
        assert_eq!(h.kept, 2);
        assert_eq!(h.other_persons, 1);
        let fields: Vec<(&str, &str)> = h
            .rejects
            .iter()
            .map(|r| (r.record.as_str(), r.field.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("line 4", "employer"),
                ("line 5", "quarter"),
                ("line 6", "wage"),
                ("line 8", "person")
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let mut input = b"person_key,employer_id,year,quarter,wage\n".to_vec();
            input.extend_from_slice(&bytes);
            let mut h = WageHistory::default();
            let _ = read_csv(&input[..], "fuzz.csv", &WageMap::default(), &keyer(), None, &mut h);
            let _ = read_csv(&bytes[..], "fuzz.csv", &WageMap::default(), &keyer(), None, &mut h);
        }

        #[test]
        fn arbitrary_bytes_as_parquet_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("fuzz.parquet");
            let mut data = b"PAR1".to_vec();
            data.extend_from_slice(&bytes);
            data.extend_from_slice(b"PAR1");
            std::fs::write(&path, &data).unwrap();
            let mut h = WageHistory::default();
            let _ = read_wages(&path, WageFormat::Parquet, &WageMap::default(), &keyer(), None, &mut h);
        }
    }
}
