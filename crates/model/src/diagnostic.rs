//! Per-record findings from importers: bad input is reported precisely and never lost silently.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How much a finding matters: errors reject a record, warnings keep it with a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The record was kept; something was repaired or looks odd.
    Warning,
    /// The record was rejected (or quarantined with `--keep-going`).
    Error,
}

/// Where a finding points: file, record (line number or `@id`) and field, as precisely as known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The input file as the user named it.
    pub file: String,
    /// A line number (`line 12`) or a JSON-LD `@id` / JSON pointer identifying the record.
    pub record: Option<String>,
    /// The property or column at fault.
    pub field: Option<String>,
}

/// One finding about one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Whether the record survives it.
    pub severity: Severity,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in words a data publisher can act on.
    pub message: String,
}

impl Diagnostic {
    /// A finding that keeps the record.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
        }
    }

    /// A finding that rejects the record.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }
}

impl Location {
    /// A location in a file, refined with [`Location::record`] and [`Location::field`].
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            record: None,
            field: None,
        }
    }

    /// The same location narrowed to a record.
    pub fn record(mut self, record: impl Into<String>) -> Self {
        self.record = Some(record.into());
        self
    }

    /// The same location narrowed to a field.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(r) = &self.record {
            write!(f, ": {r}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.location, self.message)
    }
}
