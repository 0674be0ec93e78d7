//! Reading input: splitting a byte stream into documents and decoding each one to text.
//!
//! A stream carries one or more documents separated by a line that holds only a form feed
//! (`\f`). [`DocumentReader`] yields one document's bytes at a time, so memory is bounded by the
//! largest document, never by the stream. [`decode`] turns a document's bytes into text: a UTF-8
//! byte-order mark is dropped and invalid UTF-8 is replaced by U+FFFD (never a panic), with the
//! offset of the first bad byte reported so the caller can warn once.

use std::io::{self, BufRead};

/// The byte that, alone on a line, separates documents in a stream.
pub const FORM_FEED: u8 = 0x0c;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

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

/// A document's bytes turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with any byte-order mark removed.
    pub text: String,
    /// Byte offset (in the input bytes) of the first invalid UTF-8 sequence, if there was one.
    pub first_invalid_byte: Option<usize>,
}

/// Decodes a document as UTF-8, dropping a byte-order mark and replacing invalid bytes.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let bom_len = if bytes.starts_with(UTF8_BOM) { UTF8_BOM.len() } else { 0 };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            text.drain(..bom_len);
            Decoded { text, first_invalid_byte: None }
        }
        Err(err) => {
            let first_invalid_byte = Some(err.utf8_error().valid_up_to());
            let bytes = err.into_bytes();
            let text = String::from_utf8_lossy(&bytes[bom_len..]).into_owned();
            Decoded { text, first_invalid_byte }
        }
    }
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

    #[test]
    fn decode_drops_bom_and_reports_first_invalid_byte() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).text, "hi");
        let bad = decode(b"ok\xFFno".to_vec());
        assert_eq!(bad.text, "ok\u{FFFD}no");
        assert_eq!(bad.first_invalid_byte, Some(2));
        let bad_after_bom = decode(b"\xEF\xBB\xBFa\xC3".to_vec());
        assert_eq!(bad_after_bom.text, "a\u{FFFD}");
    }
}
