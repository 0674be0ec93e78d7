//! Reading input: opening a byte stream, telling its format, splitting it into documents and
//! decoding each one to text.
//!
//! A text stream carries one or more documents separated by a line that holds only a form feed
//! (`\f`). [`DocumentReader`] yields one document's bytes at a time, so memory is bounded by the
//! largest document, never by the stream. [`stream`] transcodes a UTF-16 stream to UTF-8 before
//! splitting; [`decode`] turns each document's bytes into text; [`format`] tells text, HTML and
//! JSON Lines apart; [`jsonl`] reads JSON Lines records one at a time.

pub mod decode;
pub mod format;
pub mod html;
pub mod jsonl;
pub mod stream;

pub use decode::{Decoded, decode};

use std::io::{self, BufRead};

/// The byte that, alone on a line, separates documents in a stream.
pub const FORM_FEED: u8 = 0x0c;

/// Splits a byte stream into documents at form-feed lines.
///
/// The separator line itself belongs to no document. A stream that ends right after a separator
/// has no trailing empty document; an empty stream has no documents at all.
pub struct DocumentReader<R> {
    inner: R,
    line: Vec<u8>,
    finished: bool,
}

impl<R: BufRead> DocumentReader<R> {
    /// Wraps a buffered reader.
    pub fn new(inner: R) -> Self {
        Self { inner, line: Vec::new(), finished: false }
    }

    /// Reads the next document's bytes, or `None` at the end of the stream.
    pub fn next_document(&mut self) -> io::Result<Option<Vec<u8>>> {
        if self.finished {
            return Ok(None);
        }
        let mut document = Vec::new();
        loop {
            self.line.clear();
            let read = self.inner.read_until(b'\n', &mut self.line)?;
            if read == 0 {
                self.finished = true;
                // An empty stream, or one ending in a separator, has no trailing empty document.
                return Ok((!document.is_empty()).then_some(document));
            }
            if is_separator_line(&self.line) {
                return Ok(Some(document));
            }
            document.extend_from_slice(&self.line);
        }
    }
}

impl<R: BufRead> Iterator for DocumentReader<R> {
    type Item = io::Result<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_document().transpose()
    }
}

/// True for a line holding only a form feed (with its line ending).
fn is_separator_line(line: &[u8]) -> bool {
    let content = line.strip_suffix(b"\n").unwrap_or(line);
    let content = content.strip_suffix(b"\r").unwrap_or(content);
    content == [FORM_FEED]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(input: &[u8]) -> Vec<Vec<u8>> {
        DocumentReader::new(input).collect::<io::Result<_>>().expect("reading a slice cannot fail")
    }

    #[test]
    fn splits_on_form_feed_lines_only() {
        let docs = split(b"a\nb\n\x0c\nc\x0cd\n\x0c\r\ne\n");
        assert_eq!(docs, vec![b"a\nb\n".to_vec(), b"c\x0cd\n".to_vec(), b"e\n".to_vec()]);
    }

    #[test]
    fn empty_stream_has_no_documents_and_trailing_separator_adds_none() {
        assert!(split(b"").is_empty());
        assert_eq!(split(b"a\n\x0c\n"), vec![b"a\n".to_vec()]);
        assert_eq!(split(b"\x0c\na\n"), vec![Vec::new(), b"a\n".to_vec()]);
    }
}
