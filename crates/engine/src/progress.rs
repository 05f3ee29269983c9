//! Progress reporting for long jobs, so the CLI can draw bars without the engine knowing how.

/// Receives progress of a long job; the CLI implements it with progress bars.
pub trait Progress: Send + Sync {
    /// A new phase starts with `total` units of work (0 when unknown).
    fn start(&self, label: &str, total: u64);
    /// `n` more units are done.
    fn advance(&self, n: u64);
    /// The phase is over.
    fn finish(&self);
}

/// Progress that goes nowhere: for tests, the server and `--json` runs.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}
