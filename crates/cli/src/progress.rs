//! Progress bars for long jobs (indicatif), hidden for `--json` and `--quiet`.

use credence_engine::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::sync::Mutex;

/// Draws one bar per phase on stderr.
pub struct Bars {
    current: Mutex<Option<ProgressBar>>,
    hidden: bool,
}

impl Bars {
    /// Bars that draw unless `hidden`.
    pub fn new(hidden: bool) -> Bars {
        Bars {
            current: Mutex::new(None),
            hidden,
        }
    }
}

impl Progress for Bars {
    fn start(&self, label: &str, total: u64) {
        if self.hidden {
            return;
        }
        let bar = if total == 0 {
            ProgressBar::new_spinner()
        } else {
            ProgressBar::new(total)
        };
        let style =
            ProgressStyle::with_template("{spinner} {msg:<28} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(label.to_string());
        if let Ok(mut slot) = self.current.lock() {
            if let Some(old) = slot.replace(bar) {
                old.finish_and_clear();
            }
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(slot) = self.current.lock() {
            if let Some(bar) = slot.as_ref() {
                bar.inc(n);
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.current.lock() {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        }
    }
}
