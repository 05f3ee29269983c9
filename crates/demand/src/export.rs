//! Demand aggregates as Parquet, for analysis at a scale no page needs: DataFusion, DuckDB,
//! Spark or pandas read these files directly.
//!
//! Rows arrive in chunks (the store pages through its tables) and are written as one row group
//! per chunk, so memory stays bounded by the chunk size, not the table size.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::DemandError;

/// One credential × SOC × region × month cell with its occupation denominator.
#[derive(Debug, Clone, PartialEq)]
pub struct CellRow {
    /// Catalog id, registry id or `kind:name`.
    pub credential_key: String,
    /// SOC 2018 code or `unknown`.
    pub soc: String,
    /// Region key (`US-NJ`, `GB`) or `unknown`.
    pub region: String,
    /// `YYYY-MM` or `unknown`.
    pub month: String,
    /// Postings including duplicates.
    pub postings: i64,
    /// Distinct postings.
    pub unique_postings: i64,
    /// Distinct postings where it is required.
    pub required: i64,
    /// Distinct postings where it is preferred.
    pub preferred: i64,
    /// Distinct postings where it may be obtained after hire.
    pub after_hire: i64,
    /// Distinct postings of the SOC × region × month (the share's denominator), when counted.
    pub occupation_postings: Option<i64>,
}

/// The Parquet schema of [`CellRow`]; `share` is derived so readers need no join.
pub fn cell_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("credential_key", DataType::Utf8, false),
        Field::new("soc", DataType::Utf8, false),
        Field::new("region", DataType::Utf8, false),
        Field::new("month", DataType::Utf8, false),
        Field::new("postings", DataType::Int64, false),
        Field::new("unique_postings", DataType::Int64, false),
        Field::new("required", DataType::Int64, false),
        Field::new("preferred", DataType::Int64, false),
        Field::new("after_hire", DataType::Int64, false),
        Field::new("occupation_postings", DataType::Int64, true),
        Field::new("share", DataType::Float64, true),
    ]))
}

/// Writes cells to a Parquet file chunk by chunk.
pub struct CellWriter {
    writer: ArrowWriter<File>,
    schema: SchemaRef,
    path: String,
    rows: u64,
}

impl CellWriter {
    /// Creates (or truncates) the file; snappy-compressed, statistics on.
    pub fn create(path: &Path) -> Result<Self, DemandError> {
        let file = File::create(path).map_err(|source| DemandError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let schema = cell_schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let path = path.display().to_string();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(|e| {
            DemandError::Parquet {
                path: path.clone(),
                message: e.to_string(),
            }
        })?;
        Ok(CellWriter {
            writer,
            schema,
            path,
            rows: 0,
        })
    }

    fn error(&self, e: impl std::fmt::Display) -> DemandError {
        DemandError::Parquet {
            path: self.path.clone(),
            message: e.to_string(),
        }
    }

    /// Appends a chunk as one row group.
    pub fn write(&mut self, chunk: &[CellRow]) -> Result<(), DemandError> {
        if chunk.is_empty() {
            return Ok(());
        }
        let strings = |f: fn(&CellRow) -> &str| -> ArrayRef {
            Arc::new(StringArray::from_iter_values(chunk.iter().map(f)))
        };
        let ints = |f: fn(&CellRow) -> i64| -> ArrayRef {
            Arc::new(Int64Array::from_iter_values(chunk.iter().map(f)))
        };
        let columns: Vec<ArrayRef> = vec![
            strings(|r| &r.credential_key),
            strings(|r| &r.soc),
            strings(|r| &r.region),
            strings(|r| &r.month),
            ints(|r| r.postings),
            ints(|r| r.unique_postings),
            ints(|r| r.required),
            ints(|r| r.preferred),
            ints(|r| r.after_hire),
            Arc::new(Int64Array::from_iter(
                chunk.iter().map(|r| r.occupation_postings),
            )),
            Arc::new(Float64Array::from_iter(chunk.iter().map(|r| {
                r.occupation_postings
                    .filter(|d| *d > 0)
                    .map(|d| r.unique_postings as f64 / d as f64)
            }))),
        ];
        let batch =
            RecordBatch::try_new(self.schema.clone(), columns).map_err(|e| self.error(e))?;
        self.writer.write(&batch).map_err(|e| self.error(e))?;
        self.writer.flush().map_err(|e| self.error(e))?;
        self.rows += chunk.len() as u64;
        Ok(())
    }

    /// Finishes the file (footer and metadata); returns the rows written.
    pub fn finish(self) -> Result<u64, DemandError> {
        let rows = self.rows;
        let path = self.path;
        self.writer.close().map_err(|e| DemandError::Parquet {
            path,
            message: e.to_string(),
        })?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Array;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn row(key: &str, n: i64, denom: Option<i64>) -> CellRow {
        CellRow {
            credential_key: key.into(),
            soc: "15-1232".into(),
            region: "US-NJ".into(),
            month: "2025-01".into(),
            postings: n + 1,
            unique_postings: n,
            required: n / 2,
            preferred: n / 4,
            after_hire: 0,
            occupation_postings: denom,
        }
    }

    #[test]
    fn chunks_round_trip_with_derived_share() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cells.parquet");
        let mut w = CellWriter::create(&path).unwrap();
        w.write(&[row("a", 4, Some(16)), row("b", 3, None)])
            .unwrap();
        w.write(&[]).unwrap();
        w.write(&[row("c", 10, Some(0))]).unwrap();
        assert_eq!(w.finish().unwrap(), 3);

        let file = File::open(&path).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let mut keys = Vec::new();
        let mut shares = Vec::new();
        for batch in reader {
            let batch = batch.unwrap();
            let k = batch
                .column_by_name("credential_key")
                .unwrap()
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap();
            let s = batch
                .column_by_name("share")
                .unwrap()
                .as_any()
                .downcast_ref::<Float64Array>()
                .unwrap();
            for i in 0..batch.num_rows() {
                keys.push(k.value(i).to_string());
                shares.push((!s.is_null(i)).then(|| s.value(i)));
            }
        }
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(shares, [Some(0.25), None, None]);
    }
}
