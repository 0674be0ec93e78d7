//! Opening an input stream: a UTF-16 stream (recognised by its byte-order mark, or forced) or a
//! UTF-32 one (by its byte-order mark) is transcoded to UTF-8 before it is split into documents,
//! because form-feed lines can only be found in an ASCII-compatible byte stream. Every other
//! stream passes through untouched; its documents are decoded one by one.

use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use encoding_rs_io::DecodeReaderBytesBuilder;

use crate::input::decode::Transcoded;

/// A stream ready to be split, and the encoding it was transcoded from, if any.
pub struct OpenedStream {
    /// The bytes to split into documents.
    pub reader: Box<dyn BufRead>,
    /// Set when the stream was UTF-16 or UTF-32 and is now UTF-8.
    pub transcoded_from: Option<Transcoded>,
}

/// Buffer size for reading inputs.
pub const READ_BUFFER: usize = 1 << 16;

/// The byte-order marks of UTF-32, little and big endian (the first two bytes of the little
/// endian one are UTF-16's: UTF-32 is asked first).
const UTF32LE_BOM: [u8; 4] = [0xFF, 0xFE, 0x00, 0x00];
const UTF32BE_BOM: [u8; 4] = [0x00, 0x00, 0xFE, 0xFF];

/// Looks at the start of `reader` and transcodes UTF-16 or UTF-32 to UTF-8 (`forced` may name
/// UTF-16; encoding_rs knows no UTF-32, so only its byte-order mark names it).
pub fn open(mut reader: Box<dyn BufRead>, forced: Option<&'static Encoding>) -> io::Result<OpenedStream> {
    let start = fill_at_least(&mut reader, 4)?;
    let utf32_big_endian = match start.get(..4) {
        Some(bom) if forced.is_none() && bom == UTF32LE_BOM => Some(false),
        Some(bom) if forced.is_none() && bom == UTF32BE_BOM => Some(true),
        _ => None,
    };
    if let Some(big_endian) = utf32_big_endian {
        let transcoder = Utf32Reader::new(reader, big_endian);
        return Ok(OpenedStream {
            reader: Box::new(BufReader::with_capacity(READ_BUFFER, transcoder)),
            transcoded_from: Some(Transcoded::Utf32 { big_endian }),
        });
    }
    let utf16 = match forced {
        Some(encoding) if encoding == UTF_16LE || encoding == UTF_16BE => Some(encoding),
        Some(_) => None,
        None => match Encoding::for_bom(&start) {
            Some((encoding, _)) if encoding == UTF_16LE || encoding == UTF_16BE => Some(encoding),
            _ => None,
        },
    };
    match utf16 {
        None => Ok(OpenedStream { reader, transcoded_from: None }),
        Some(encoding) => {
            let transcoder: Box<dyn Read> =
                Box::new(DecodeReaderBytesBuilder::new().encoding(Some(encoding)).strip_bom(true).build(reader));
            Ok(OpenedStream {
                reader: Box::new(BufReader::with_capacity(READ_BUFFER, transcoder)),
                transcoded_from: Some(Transcoded::Utf16(encoding)),
            })
        }
    }
}

/// The first bytes of `reader` (at least `want` of them unless the stream is shorter), without
/// consuming them. A pipe may hand over fewer bytes than a byte-order mark in its first read.
fn fill_at_least(reader: &mut Box<dyn BufRead>, want: usize) -> io::Result<Vec<u8>> {
    let start = reader.fill_buf()?.to_vec();
    if start.len() >= want || start.is_empty() {
        return Ok(start);
    }
    // Too few bytes buffered: read them out and put them back in front of the rest.
    let mut head = Vec::with_capacity(want);
    while head.len() < want {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let take = chunk.len().min(want - head.len());
        head.extend_from_slice(&chunk[..take]);
        reader.consume(take);
    }
    let rest = std::mem::replace(reader, Box::new(io::empty()));
    *reader = Box::new(BufReader::with_capacity(READ_BUFFER, io::Cursor::new(head.clone()).chain(rest)));
    Ok(head)
}

/// UTF-32 bytes in, UTF-8 bytes out. The byte-order mark goes; a unit that is no scalar value
/// (a surrogate, beyond U+10FFFF) and a truncated last unit become U+FFFD, as encoding_rs does
/// for malformed input.
struct Utf32Reader<R> {
    inner: R,
    big_endian: bool,
    /// Bytes of a unit split across two reads.
    partial: Vec<u8>,
    /// UTF-8 ready to hand out, from `at` on.
    out: Vec<u8>,
    at: usize,
    /// False until the first unit (the byte-order mark) has been skipped.
    past_bom: bool,
}

impl<R: Read> Utf32Reader<R> {
    fn new(inner: R, big_endian: bool) -> Self {
        Utf32Reader { inner, big_endian, partial: Vec::new(), out: Vec::new(), at: 0, past_bom: false }
    }

    fn push_unit(&mut self, unit: [u8; 4]) {
        let value = if self.big_endian { u32::from_be_bytes(unit) } else { u32::from_le_bytes(unit) };
        if !self.past_bom {
            self.past_bom = true;
            if value == 0xFEFF {
                return;
            }
        }
        let c = char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut buf = [0u8; 4];
        self.out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

impl<R: Read> Read for Utf32Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            self.out.clear();
            self.at = 0;
            let mut raw = [0u8; 1 << 14];
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                if self.partial.is_empty() {
                    return Ok(0);
                }
                self.partial.clear();
                self.out.extend_from_slice(char::REPLACEMENT_CHARACTER.to_string().as_bytes());
                break;
            }
            let mut bytes = std::mem::take(&mut self.partial);
            bytes.extend_from_slice(&raw[..n]);
            let whole = bytes.len() / 4 * 4;
            for unit in bytes[..whole].chunks_exact(4) {
                self.push_unit([unit[0], unit[1], unit[2], unit[3]]);
            }
            self.partial = bytes[whole..].to_vec();
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::DocumentReader;

    #[test]
    fn utf16_streams_are_split_after_transcoding() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "один\n\u{c}\nдва\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let opened = open(Box::new(io::Cursor::new(bytes)), None).expect("in-memory read");
        assert_eq!(opened.transcoded_from, Some(Transcoded::Utf16(UTF_16LE)));
        let mut reader = DocumentReader::new(opened.reader);
        let docs: Vec<Vec<u8>> = std::iter::from_fn(|| reader.next_document().expect("read")).collect();
        assert_eq!(docs, vec!["один\n".as_bytes().to_vec(), "два\n".as_bytes().to_vec()]);
    }

    #[test]
    fn utf32_streams_with_a_byte_order_mark_are_transcoded() {
        let text = "один\n\u{c}\nдва 🚀\n";
        for big_endian in [false, true] {
            let mut bytes: Vec<u8> = Vec::new();
            for c in std::iter::once('\u{feff}').chain(text.chars()) {
                let unit = c as u32;
                bytes.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
            }
            // A trickle of one byte per read, as a slow pipe gives: units split across reads.
            let trickle = BufReader::with_capacity(1, io::Cursor::new(bytes));
            let opened = open(Box::new(trickle), None).expect("in-memory read");
            assert_eq!(opened.transcoded_from, Some(Transcoded::Utf32 { big_endian }));
            let mut reader = DocumentReader::new(opened.reader);
            let docs: Vec<Vec<u8>> = std::iter::from_fn(|| reader.next_document().expect("read")).collect();
            assert_eq!(docs, vec!["один\n".as_bytes().to_vec(), "два 🚀\n".as_bytes().to_vec()]);
        }
    }

    #[test]
    fn a_bad_utf32_unit_becomes_a_replacement_character() {
        let mut bytes = vec![0xFF, 0xFE, 0x00, 0x00];
        bytes.extend_from_slice(&0x61u32.to_le_bytes());
        bytes.extend_from_slice(&0xD800u32.to_le_bytes());
        bytes.extend_from_slice(&[0x62, 0x00]);
        let opened = open(Box::new(io::Cursor::new(bytes)), None).expect("in-memory read");
        let mut out = String::new();
        opened.reader.take(100).read_to_string(&mut out).expect("UTF-8 out");
        assert_eq!(out, "a\u{fffd}\u{fffd}");
    }
}
