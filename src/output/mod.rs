//! Writing a cleaned document as text.
//!
//! Format: the lines moved to the front, then the kept lines in their order, each trimmed,
//! separated by exactly one blank line, ending with a single newline. A document with nothing
//! kept is written as nothing. Documents of a stream are separated by a form-feed line.

use crate::document::Document;
use crate::pipeline::Cleaned;

pub mod explain;
pub mod jsonl;

/// The line that separates documents in the output stream.
pub const DOCUMENT_SEPARATOR: &[u8] = b"\x0c\n";

/// The clean text of one document: its kept lines, a blank line between them, a newline after
/// the last. Built from slices of the document's text, so it is UTF-8 without a check.
pub fn render_text(document: &Document<'_>, cleaned: &Cleaned<'_>) -> String {
    let lines = document.lines();
    let mut out = String::with_capacity(cleaned.output_lines().map(|line| lines[line].text.len() + 2).sum());
    for (i, line) in cleaned.output_lines().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(lines[line].text);
    }
    if cleaned.output_lines().next().is_some() {
        out.push('\n');
    }
    out
}
