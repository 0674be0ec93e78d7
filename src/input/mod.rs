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

/// One piece of a stream: a document's bytes, or the size of a document too large to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A whole document.
    Document(Vec<u8>),
    /// A document larger than the reader's limit: it was read past, never held in memory.
    TooLarge {
        /// Its size in bytes (separator line excluded).
        bytes: u64,
    },
}

/// Splits a byte stream into documents at form-feed lines.
///
/// The separator line itself belongs to no document. A stream that ends right after a separator
/// has no trailing empty document; an empty stream has no documents at all. Memory is bounded by
/// the limit given to [`DocumentReader::with_limit`], however long a line or document is.
pub struct DocumentReader<R> {
    inner: R,
    line: Vec<u8>,
    max_bytes: usize,
    finished: bool,
    /// Bytes to reserve for the next document at once (see [`DocumentReader::expecting`]).
    reserve: usize,
}

impl<R: BufRead> DocumentReader<R> {
    /// Wraps a buffered reader; documents of any size are kept.
    pub fn new(inner: R) -> Self {
        Self::with_limit(inner, usize::MAX)
    }

    /// Wraps a buffered reader; documents larger than `max_bytes` come out as [`Piece::TooLarge`].
    pub fn with_limit(inner: R, max_bytes: usize) -> Self {
        Self { inner, line: Vec::new(), max_bytes, finished: false, reserve: 0 }
    }

    /// The stream's size, when it is known (a file's): the first document's buffer is reserved
    /// at that size (within the limit) instead of growing by doubling, which copies it over.
    #[must_use]
    pub fn expecting(mut self, stream_bytes: u64) -> Self {
        self.reserve = usize::try_from(stream_bytes).unwrap_or(usize::MAX).min(self.max_bytes.saturating_add(1));
        self
    }

    /// Reads the next document, or `None` at the end of the stream.
    ///
    /// Bytes are appended in bulk up to the next line that starts with a form feed (found with
    /// one SIMD search for `\n\x0c`); only such lines are read one by one to see whether they
    /// are separators.
    pub fn next_piece(&mut self) -> io::Result<Option<Piece>> {
        if self.finished {
            return Ok(None);
        }
        let mut document = Vec::with_capacity(std::mem::take(&mut self.reserve));
        // Set once the document is known to be too large: its size so far.
        let mut too_large: Option<u64> = None;
        let mut at_line_start = true;
        loop {
            let buffer = match self.inner.fill_buf() {
                Ok(buffer) => buffer,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if buffer.is_empty() {
                self.finished = true;
                return Ok(match too_large {
                    Some(bytes) => Some(Piece::TooLarge { bytes }),
                    // An empty stream, or one ending in a separator, has no trailing empty document.
                    None => (!document.is_empty()).then_some(Piece::Document(document)),
                });
            }
            let next_form_feed_line = if at_line_start && buffer[0] == FORM_FEED {
                Some(0)
            } else {
                memchr::memmem::find(buffer, b"\n\x0c").map(|at| at + 1)
            };
            if next_form_feed_line == Some(0) {
                // A line that starts with a form feed: read it whole and look at it.
                let room = match too_large {
                    Some(_) => SEPARATOR_MAX_BYTES,
                    None => (self.max_bytes - document.len()).saturating_add(1).max(SEPARATOR_MAX_BYTES),
                };
                let length = read_line_capped(&mut self.inner, &mut self.line, room)?;
                if length <= SEPARATOR_MAX_BYTES as u64 && is_separator_line(&self.line) {
                    return Ok(Some(match too_large {
                        Some(bytes) => Piece::TooLarge { bytes },
                        None => Piece::Document(document),
                    }));
                }
                // The line ran through its newline or to the end of the stream.
                at_line_start = true;
                let line = std::mem::take(&mut self.line);
                self.add(&mut document, &mut too_large, &line, length);
                self.line = line;
                continue;
            }
            // Everything before the next such line (or the whole buffer) is document text.
            let taken = next_form_feed_line.unwrap_or(buffer.len());
            at_line_start = buffer[taken - 1] == b'\n';
            let chunk = &buffer[..taken];
            match &mut too_large {
                Some(bytes) => *bytes += taken as u64,
                None if document.len() + taken > self.max_bytes => {
                    too_large = Some((document.len() + taken) as u64);
                    document = Vec::new();
                }
                None => document.extend_from_slice(chunk),
            }
            self.inner.consume(taken);
        }
    }

    /// Adds `line` (whose full length is `length`; only its start may be held) to the document,
    /// or to the size of a document already known to be too large.
    fn add(&self, document: &mut Vec<u8>, too_large: &mut Option<u64>, line: &[u8], length: u64) {
        match too_large {
            Some(bytes) => *bytes += length,
            None if document.len() as u64 + length > self.max_bytes as u64 => {
                *too_large = Some(document.len() as u64 + length);
                *document = Vec::new();
            }
            None => document.extend_from_slice(line),
        }
    }

    /// Reads the next document's bytes, or `None` at the end of the stream; a document over the
    /// limit is an error of kind [`io::ErrorKind::InvalidData`].
    pub fn next_document(&mut self) -> io::Result<Option<Vec<u8>>> {
        match self.next_piece()? {
            None => Ok(None),
            Some(Piece::Document(bytes)) => Ok(Some(bytes)),
            Some(Piece::TooLarge { bytes }) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a document of {bytes} bytes is larger than the limit of {} bytes", self.max_bytes),
            )),
        }
    }
}

impl<R: BufRead> Iterator for DocumentReader<R> {
    type Item = io::Result<Piece>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_piece().transpose()
    }
}

/// The longest separator line: form feed, CR, LF.
const SEPARATOR_MAX_BYTES: usize = 3;

/// Reads one line (through its `\n`, or to the end of the stream) and returns its length in
/// bytes, keeping at most its first `room` bytes in `line`. The rest is read and dropped, so a
/// line of any length costs at most `room` bytes of memory.
pub(crate) fn read_line_capped(reader: &mut impl BufRead, line: &mut Vec<u8>, room: usize) -> io::Result<u64> {
    line.clear();
    let mut length = 0u64;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if buffer.is_empty() {
            return Ok(length);
        }
        let (taken, ends_line) = match memchr::memchr(b'\n', buffer) {
            Some(at) => (at + 1, true),
            None => (buffer.len(), false),
        };
        let keep = taken.min(room.saturating_sub(line.len()));
        line.extend_from_slice(&buffer[..keep]);
        reader.consume(taken);
        length += taken as u64;
        if ends_line {
            return Ok(length);
        }
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

    /// The line-by-line splitter the bulk reader replaced, kept as the reference it must agree
    /// with.
    fn reference_pieces(input: &[u8], max_bytes: usize) -> Vec<Piece> {
        let mut reader = input;
        let mut pieces = Vec::new();
        let mut line = Vec::new();
        loop {
            let mut document = Vec::new();
            let mut too_large: Option<u64> = None;
            let end = loop {
                let room = match too_large {
                    Some(_) => SEPARATOR_MAX_BYTES,
                    None => (max_bytes - document.len()).saturating_add(1).max(SEPARATOR_MAX_BYTES),
                };
                let length = read_line_capped(&mut reader, &mut line, room).expect("slice");
                if length == 0 {
                    break true;
                }
                if length <= SEPARATOR_MAX_BYTES as u64 && is_separator_line(&line) {
                    break false;
                }
                match &mut too_large {
                    Some(bytes) => *bytes += length,
                    None if document.len() as u64 + length > max_bytes as u64 => {
                        too_large = Some(document.len() as u64 + length);
                        document = Vec::new();
                    }
                    None => document.extend_from_slice(&line),
                }
            };
            match too_large {
                Some(bytes) => pieces.push(Piece::TooLarge { bytes }),
                None if end && document.is_empty() => {}
                None => pieces.push(Piece::Document(document)),
            }
            if end {
                return pieces;
            }
        }
    }

    #[test]
    fn the_bulk_reader_agrees_with_the_line_by_line_reference() {
        let alphabet = [b'a', b'\n', b'\r', FORM_FEED, FORM_FEED, b'\n'];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5_000 {
            let len = (next() % 40) as usize;
            let input: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            let limit = [usize::MAX, 1, 4, 8][(next() % 4) as usize];
            let capacity = 1 + (next() % 7) as usize;
            let reader = io::BufReader::with_capacity(capacity, &input[..]);
            let bulk: Vec<Piece> = DocumentReader::with_limit(reader, limit).collect::<io::Result<_>>().expect("slice");
            assert_eq!(bulk, reference_pieces(&input, limit), "{input:?} limit {limit} buffer {capacity}");
        }
    }

    fn split(input: &[u8]) -> Vec<Vec<u8>> {
        let mut reader = DocumentReader::new(input);
        std::iter::from_fn(|| reader.next_document().expect("reading a slice cannot fail")).collect()
    }

    fn split_limited(input: &[u8], limit: usize) -> Vec<Piece> {
        DocumentReader::with_limit(input, limit).collect::<io::Result<_>>().expect("reading a slice cannot fail")
    }

    #[test]
    fn documents_over_the_limit_are_read_past_and_the_next_ones_kept() {
        let input = b"short\n\x0c\nthis one is far too long\nand more\n\x0c\nok\n";
        let pieces = split_limited(input, 10);
        assert_eq!(
            pieces,
            vec![
                Piece::Document(b"short\n".to_vec()),
                Piece::TooLarge { bytes: 34 },
                Piece::Document(b"ok\n".to_vec())
            ]
        );
        // Exactly at the limit is kept; one more byte is not.
        assert_eq!(split_limited(b"12345\n", 6), vec![Piece::Document(b"12345\n".to_vec())]);
        assert_eq!(split_limited(b"123456\n", 6), vec![Piece::TooLarge { bytes: 7 }]);
        // A separator line after an over-long line without a newline at the end.
        assert_eq!(split_limited(b"0123456789abc\x0c\n\x0c", 4), vec![Piece::TooLarge { bytes: 15 }]);
    }

    #[test]
    fn a_huge_line_is_read_in_bounded_memory() {
        let mut line = Vec::new();
        let input = vec![b'x'; 1 << 20];
        let mut reader = io::BufReader::with_capacity(4096, &input[..]);
        assert_eq!(read_line_capped(&mut reader, &mut line, 16).expect("slice"), 1 << 20);
        assert_eq!(line.len(), 16);
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
