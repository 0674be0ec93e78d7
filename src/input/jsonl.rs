//! Reading JSON Lines records one at a time.
//!
//! Each line is a JSON object with the page in `text` (a string); `url` (used to choose the site
//! by host) and `id` are optional; every other field passes through untouched and in order. A
//! line that is not such an object is returned as an error with its line number, and reading
//! goes on with the next line. Blank lines are skipped.

use std::io::{self, BufRead};

use serde_json::{Map, Value};

/// One record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line number in the input.
    pub line: usize,
    /// All fields, in input order (`text` included).
    pub fields: Map<String, Value>,
}

impl Record {
    /// The page text.
    pub fn text(&self) -> &str {
        self.fields.get("text").and_then(Value::as_str).unwrap_or("")
    }

    /// The page's URL, if the record has one.
    pub fn url(&self) -> Option<&str> {
        self.fields.get("url").and_then(Value::as_str)
    }
}

/// A line that is not a valid record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct BadRecord {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// Set when the line was only too large (its size in bytes): it was read past, not parsed.
    pub too_large: Option<u64>,
}

/// Reads records from a stream, one line at a time.
pub struct RecordReader<R> {
    inner: R,
    buffer: Vec<u8>,
    line: usize,
    max_bytes: usize,
}

impl<R: BufRead> RecordReader<R> {
    /// Wraps a buffered reader.
    pub fn new(inner: R) -> Self {
        Self::with_limit(inner, usize::MAX)
    }

    /// Wraps a buffered reader; a line longer than `max_bytes` is read past (never held whole in
    /// memory) and returned as a [`BadRecord`] with `too_large` set.
    pub fn with_limit(inner: R, max_bytes: usize) -> Self {
        Self { inner, buffer: Vec::new(), line: 0, max_bytes }
    }
}

impl<R: BufRead> Iterator for RecordReader<R> {
    /// An I/O error ends the stream; a bad line is an inner error and reading goes on.
    type Item = io::Result<Result<Record, BadRecord>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let room = self.max_bytes.saturating_add(1);
            let length = match super::read_line_capped(&mut self.inner, &mut self.buffer, room) {
                Err(err) => return Some(Err(err)),
                Ok(0) => return None,
                Ok(length) => length,
            };
            self.line += 1;
            if length > self.max_bytes as u64 {
                let message =
                    format!("a record of {length} bytes is larger than the limit of {} bytes", self.max_bytes);
                return Some(Ok(Err(BadRecord { line: self.line, message, too_large: Some(length) })));
            }
            let line = self.buffer.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.buffer);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let bad = |message: String| Some(Ok(Err(BadRecord { line: self.line, message, too_large: None })));
            return match serde_json::from_slice::<Value>(line) {
                Err(err) => bad(format!("not valid JSON: {err}")),
                Ok(Value::Object(fields)) => match fields.get("text") {
                    Some(Value::String(_)) => Some(Ok(Ok(Record { line: self.line, fields }))),
                    Some(_) => bad("`text` is not a string".to_owned()),
                    None => bad("no `text` field".to_owned()),
                },
                Ok(_) => bad("not a JSON object".to_owned()),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_in_order_and_reports_bad_lines() {
        let input = b"{\"id\":1,\"text\":\"a\",\"z\":0}\n\nnot json\n{\"id\":2}\n{\"text\":\"b\\u00e9\",\"url\":\"https://x/\"}\n";
        let items: Vec<_> = RecordReader::new(&input[..]).map(|r| r.expect("no I/O error")).collect();
        assert_eq!(items.len(), 4);
        let first = items[0].as_ref().expect("valid");
        assert_eq!(first.fields.keys().collect::<Vec<_>>(), ["id", "text", "z"]);
        assert_eq!(items[1].as_ref().expect_err("bad").line, 3);
        assert_eq!(items[2].as_ref().expect_err("no text").message, "no `text` field");
        let last = items[3].as_ref().expect("valid");
        assert_eq!((last.text(), last.url()), ("bé", Some("https://x/")));
    }

    #[test]
    fn an_over_long_record_is_reported_and_the_next_one_read() {
        let input = b"{\"text\":\"a long record\"}\n{\"text\":\"b\"}\n";
        let items: Vec<_> = RecordReader::with_limit(&input[..], 16).map(|r| r.expect("no I/O error")).collect();
        assert_eq!(items[0].as_ref().expect_err("too large").too_large, Some(25));
        assert_eq!(items[1].as_ref().expect("fits").text(), "b");
    }
}
