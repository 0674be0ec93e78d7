//! Reading JSON Lines records one at a time.
//!
//! Each line is a JSON object with the page in `text` (a string); `url` (used to choose the site
//! by host) and `id` are optional; every other field passes through untouched and in order. A
//! line that is not such an object is returned as an error with its line number, and reading
//! goes on with the next line. Blank lines are skipped.
//!
//! Invariant: the fields a cleaner does not set pass through as the bytes of their values in the
//! input ([`Fields`] keeps each value's raw JSON): integers of any size, `1e2`, `1e400`, string
//! escapes and nested objects are written back as they came, and a name given twice stays twice.
//! Only the names are written as JSON strings of their own (an escaped name comes back decoded).

use std::fmt;
use std::io::{self, BufRead, Write};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::Serialize;
use serde_json::value::RawValue;

/// A JSON object's fields as they were written: each name with the raw JSON of its value, in
/// input order, names given twice included.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, Box<RawValue>)>);

impl PartialEq for Fields {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl Fields {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// The names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(name, _)| name.as_str())
    }

    /// The raw JSON of field `name` (its last value when the name is given twice, as JSON
    /// parsers read it).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(field, _)| field == name).map(|(_, value)| value.get())
    }

    /// Field `name` as a string, if it is one.
    pub fn string(&self, name: &str) -> Option<String> {
        self.raw(name).and_then(|raw| serde_json::from_str::<String>(raw).ok())
    }

    /// Sets field `name` to `value`: its last occurrence takes the new value in its place, or
    /// the field is added at the end.
    pub fn set(&mut self, name: &str, value: &impl Serialize) -> serde_json::Result<()> {
        let raw = serde_json::value::to_raw_value(value)?;
        match self.0.iter_mut().rev().find(|(field, _)| field == name) {
            Some((_, old)) => *old = raw,
            None => self.0.push((name.to_owned(), raw)),
        }
        Ok(())
    }

    /// Writes the fields as one JSON object, each value as its raw JSON.
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(b"{")?;
        for (at, (name, value)) in self.0.iter().enumerate() {
            if at > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, name)?;
            out.write_all(b":")?;
            out.write_all(value.get().as_bytes())?;
        }
        out.write_all(b"}")
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some(field) = map.next_entry::<String, Box<RawValue>>()? {
                    fields.push(field);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// One record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line number in the input.
    pub line: usize,
    /// All fields, in input order (`text` included).
    pub fields: Fields,
    /// The page text (`text`, decoded).
    text: String,
}

impl Record {
    /// The page text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The page's URL, if the record has one.
    pub fn url(&self) -> Option<String> {
        self.fields.string("url")
    }

    /// The fields and the page text, taken apart.
    pub fn into_parts(self) -> (Fields, String) {
        (self.fields, self.text)
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
            // (Only an object starts with '{': anything else is no record, however valid.)
            if line.iter().find(|byte| !byte.is_ascii_whitespace()) != Some(&b'{') {
                return match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
                    Err(err) => bad(format!("not valid JSON: {err}")),
                    Ok(_) => bad("not a JSON object".to_owned()),
                };
            }
            return match serde_json::from_slice::<Fields>(line) {
                Err(err) => bad(format!("not valid JSON: {err}")),
                Ok(fields) => match fields.raw("text").map(serde_json::from_str::<String>) {
                    Some(Ok(text)) => Some(Ok(Ok(Record { line: self.line, fields, text }))),
                    Some(Err(_)) => bad("`text` is not a string".to_owned()),
                    None => bad("no `text` field".to_owned()),
                },
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
        assert_eq!(first.fields.names().collect::<Vec<_>>(), ["id", "text", "z"]);
        assert_eq!(items[1].as_ref().expect_err("bad").line, 3);
        assert_eq!(items[2].as_ref().expect_err("no text").message, "no `text` field");
        let last = items[3].as_ref().expect("valid");
        assert_eq!((last.text(), last.url().as_deref()), ("bé", Some("https://x/")));
    }

    #[test]
    fn fields_pass_through_as_their_bytes_and_a_name_given_twice_stays_twice() {
        let line = br#"{"id": 123456789012345678901234567890, "x":1e2, "big":1e400, "s":"caf\u00e9", "n":{"a":[1, 2.50]}, "d":1, "d":2, "text":"body"}"#;
        let record = RecordReader::new(&line[..]).next().expect("a line").expect("no I/O error").expect("valid");
        let mut fields = record.fields.clone();
        fields.set("text", &"clean").expect("a string serialises");
        fields.set("boilerstrip", &serde_json::json!({"site": null})).expect("an object serialises");
        let mut out = Vec::new();
        fields.write_to(&mut out).expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            r#"{"id":123456789012345678901234567890,"x":1e2,"big":1e400,"s":"caf\u00e9","n":{"a":[1, 2.50]},"d":1,"d":2,"text":"clean","boilerstrip":{"site":null}}"#
        );
        // The text read is the decoded string, and the last of two values wins, as in JSON parsers.
        assert_eq!(record.fields.raw("d"), Some("2"));
        let bad: Vec<_> = RecordReader::new(&b"[1]\n{\"text\": 5}\n"[..]).map(|r| r.expect("no I/O error")).collect();
        assert_eq!(bad[0].as_ref().expect_err("array").message, "not a JSON object");
        assert_eq!(bad[1].as_ref().expect_err("number").message, "`text` is not a string");
    }

    #[test]
    fn an_over_long_record_is_reported_and_the_next_one_read() {
        let input = b"{\"text\":\"a long record\"}\n{\"text\":\"b\"}\n";
        let items: Vec<_> = RecordReader::with_limit(&input[..], 16).map(|r| r.expect("no I/O error")).collect();
        assert_eq!(items[0].as_ref().expect_err("too large").too_large, Some(25));
        assert_eq!(items[1].as_ref().expect("fits").text(), "b");
    }
}
