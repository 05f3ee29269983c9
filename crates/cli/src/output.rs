//! Exit codes and printing: one place decides what a failure means to a shell script.

use credence_engine::{EngineError, ErrorKind};
use serde::Serialize;

/// Exit codes: 0 ok, 1 internal, 2 usage (clap), 3 invalid input, 4 not found, 5 unavailable.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<EngineError>().map(EngineError::kind) {
        Some(ErrorKind::Invalid) => 3,
        Some(ErrorKind::NotFound) => 4,
        Some(ErrorKind::Unavailable) => 5,
        Some(ErrorKind::Internal) | None => 1,
    }
}

/// Prints a value as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
