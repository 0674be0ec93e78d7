//! Opening an input stream: a UTF-16 stream (recognised by its byte-order mark, or forced) is
//! transcoded to UTF-8 before it is split into documents, because form-feed lines can only be
//! found in an ASCII-compatible byte stream. Every other stream passes through untouched; its
//! documents are decoded one by one.

use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// A stream ready to be split, and the encoding it was transcoded from, if any.
pub struct OpenedStream {
    /// The bytes to split into documents.
    pub reader: Box<dyn BufRead>,
    /// Set when the stream was UTF-16 and is now UTF-8.
    pub transcoded_from: Option<&'static Encoding>,
}

/// Buffer size for reading inputs.
pub const READ_BUFFER: usize = 1 << 16;

/// Looks at the start of `reader` and transcodes UTF-16 to UTF-8 (`forced` may name UTF-16).
pub fn open(mut reader: Box<dyn BufRead>, forced: Option<&'static Encoding>) -> io::Result<OpenedStream> {
    let start = reader.fill_buf()?;
    let utf16 = match forced {
        Some(encoding) if encoding == UTF_16LE || encoding == UTF_16BE => Some(encoding),
        Some(_) => None,
        None => match Encoding::for_bom(start) {
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
                transcoded_from: Some(encoding),
            })
        }
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
        assert_eq!(opened.transcoded_from, Some(UTF_16LE));
        let mut reader = DocumentReader::new(opened.reader);
        let docs: Vec<Vec<u8>> = std::iter::from_fn(|| reader.next_document().expect("read")).collect();
        assert_eq!(docs, vec!["один\n".as_bytes().to_vec(), "два\n".as_bytes().to_vec()]);
    }
}
