//! boilerstrip turns raw scraped article pages into clean article text.
//!
//! The pipeline runs in one direction, one module per stage:
//!
//! ```text
//! input (split a stream into documents, decode bytes) -> document (lines)
//!   -> site (choose a rule set) -> classify (rules decide per line)
//!   -> structure (shapes and neighbours decide the lines no rule names)
//!   -> repeat (drop a repeated body) -> output (write clean text)
//! ```
//!
//! [`pipeline::Cleaner`] composes the stages; [`rules::Registry`] holds the compiled rule files.
//! The pipeline never rewrites article text: it keeps, drops or moves whole lines, and only trims
//! lines and normalises blank lines between them.
//!
//! ```
//! use boilerstrip::{pipeline::Cleaner, rules::Registry};
//!
//! let cleaner = Cleaner::new(Registry::embedded().expect("shipped rules compile"));
//! let clean = cleaner.clean_text("Title\n\nBody paragraph.\nBTC0.76%\n0/400\n");
//! assert_eq!(clean, "Title\n\nBody paragraph.\n");
//! ```
#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod batch;
pub mod classify;
pub mod dedup;
pub mod document;
pub mod input;
pub mod learn;
pub mod limits;
pub mod normalize;
pub mod ordered;
pub mod output;
pub mod pipeline;
pub mod recurrence;
pub mod repeat;
pub mod rules;
pub mod ruletest;
pub mod site;
pub mod structure;
