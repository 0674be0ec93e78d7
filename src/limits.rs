//! Limits that keep one hostile input from exhausting memory or stalling a run.
//!
//! Each limit has a default large enough for real pages and a flag to change it; what happens
//! past a limit is bounded and reported, never an out-of-memory or a hang:
//!
//! - a document (or JSON Lines record) larger than [`Limits::max_document_bytes`] is skipped
//!   while it is read: at most the limit is ever buffered;
//! - a document of more lines than [`Limits::max_document_lines`] is skipped before it is split
//!   into lines: every line costs some hundred bytes of bookkeeping while it is cleaned, so a
//!   document of newlines alone would cost a hundred times its size (60 MB of them peaked at
//!   12 GB); with the limit, a document costs at most its size and a constant;
//! - a line longer than [`Limits::max_line_bytes`] is kept as it is without being matched
//!   against the rules (no rule is written for a line that long);
//! - an HTML page nested deeper than [`Limits::max_html_depth`] is extracted from its token
//!   stream, in linear time, without the article-root search (a tree builder spends time
//!   quadratic in the depth on such a page);
//! - a document whose cleaning runs past [`Limits::time_budget`] is skipped. The budget is
//!   checked between stages and between rounds of the positional sweep, so the overshoot is at
//!   most one stage.

use std::fmt;
use std::time::{Duration, Instant};

/// The limits in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document or JSON Lines record, in bytes.
    pub max_document_bytes: usize,
    /// Most lines of one document (after HTML extraction).
    pub max_document_lines: usize,
    /// Longest line, in bytes, that rules are matched against.
    pub max_line_bytes: usize,
    /// Deepest element nesting an HTML page may have to be parsed as a tree.
    pub max_html_depth: usize,
    /// Longest time one document may take from being read to being cleaned; `None` for no limit.
    pub time_budget: Option<Duration>,
}

impl Limits {
    /// Default [`Limits::max_document_bytes`]: 64 MiB, some hundred times a large real page.
    pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 64 << 20;
    /// Default [`Limits::max_document_lines`]: 100,000, twenty times the lines of a long real
    /// page; at some hundred bytes a line, the bookkeeping of such a document stays near 20 MB.
    pub const DEFAULT_MAX_DOCUMENT_LINES: usize = 100_000;
    /// Default [`Limits::max_line_bytes`]: 1 MiB.
    pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;
    /// Default [`Limits::max_html_depth`]: 512, the depth at which browsers stop nesting.
    pub const DEFAULT_MAX_HTML_DEPTH: usize = 512;
    /// Default [`Limits::time_budget`]: 10 s; real pages take milliseconds.
    pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(10);

    /// No limits at all (for tests and trusted input).
    pub fn none() -> Self {
        Self {
            max_document_bytes: usize::MAX,
            max_document_lines: usize::MAX,
            max_line_bytes: usize::MAX,
            max_html_depth: usize::MAX,
            time_budget: None,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_document_bytes: Self::DEFAULT_MAX_DOCUMENT_BYTES,
            max_document_lines: Self::DEFAULT_MAX_DOCUMENT_LINES,
            max_line_bytes: Self::DEFAULT_MAX_LINE_BYTES,
            max_html_depth: Self::DEFAULT_MAX_HTML_DEPTH,
            time_budget: Some(Self::DEFAULT_TIME_BUDGET),
        }
    }
}

/// When one document's time runs out.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    started: Instant,
    budget: Option<Duration>,
}

impl Deadline {
    /// A deadline `budget` after `started`.
    pub fn new(started: Instant, budget: Option<Duration>) -> Self {
        Self { started, budget }
    }

    /// Fails once the budget is spent (a zero budget is always spent).
    pub fn check(&self, stage: &'static str) -> Result<(), Overrun> {
        match self.budget {
            Some(budget) if self.started.elapsed() >= budget => {
                Err(Overrun { stage, elapsed: self.started.elapsed(), budget })
            }
            _ => Ok(()),
        }
    }
}

/// A document that ran past its time budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overrun {
    /// The stage that was running when the budget ran out.
    pub stage: &'static str,
    /// Time spent on the document.
    pub elapsed: Duration,
    /// The budget.
    pub budget: Duration,
}

impl fmt::Display for Overrun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "took {:.3} s, over the time budget of {:.3} s (stopped at {}); document skipped (--time-budget)",
            self.elapsed.as_secs_f64(),
            self.budget.as_secs_f64(),
            self.stage
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_budget_is_spent_at_once_and_no_budget_never() {
        let now = Instant::now();
        assert!(Deadline::new(now, Some(Duration::ZERO)).check("classify").is_err());
        assert!(Deadline::new(now, None).check("classify").is_ok());
        assert!(Deadline::new(now, Some(Duration::from_secs(3600))).check("classify").is_ok());
    }
}
