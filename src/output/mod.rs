//! Writing a cleaned document as text.
//!
//! Format: the lines moved to the front, then the kept lines in their order, each trimmed,
//! separated by exactly one blank line, ending with a single newline. A document with nothing
//! kept is written as nothing. Documents of a stream are separated by a form-feed line.

use std::io::{self, Write};

use crate::document::Document;
use crate::pipeline::Cleaned;

pub mod explain;
pub mod jsonl;

/// The line that separates documents in the output stream.
pub const DOCUMENT_SEPARATOR: &[u8] = b"\x0c\n";

/// Writes the clean text of one document.
pub fn write_text(document: &Document<'_>, cleaned: &Cleaned<'_>, out: &mut impl Write) -> io::Result<()> {
    for (i, line) in cleaned.output_lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n\n")?;
        }
        out.write_all(document.lines()[line].text.as_bytes())?;
    }
    if cleaned.output_lines().next().is_some() {
        out.write_all(b"\n")?;
    }
    Ok(())
}
