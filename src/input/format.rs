//! Telling input formats apart: text, HTML or JSON Lines.
//!
//! From a file name (`.jsonl`, `.html`), else from the first bytes: a first non-blank line that
//! is a JSON object means JSON Lines; markup such as `<!doctype html>`, `<html`, `<head` or
//! `<body` near the start means HTML; anything else is text. A wrong guess is fixed with
//! `--input-format`.

use std::path::Path;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text pages, separated by form-feed lines.
    Text,
    /// HTML pages.
    Html,
    /// One JSON object per line, with the page in `text`.
    Jsonl,
}

impl InputFormat {
    /// The name used in flags and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
        }
    }
}

/// The format a file name says, if it says one.
pub fn from_path(path: &Path) -> Option<InputFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
        "html" | "htm" | "xhtml" => Some(InputFormat::Html),
        _ => None,
    }
}

/// The format the first bytes of a stream suggest.
pub fn sniff(start: &[u8]) -> InputFormat {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let trimmed = trim_ascii_start(start);
    if trimmed.first() == Some(&b'{') {
        let first_line = trimmed.split(|&b| b == b'\n').next().unwrap_or(trimmed);
        if serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(first_line).is_ok() {
            return InputFormat::Jsonl;
        }
    }
    let head = String::from_utf8_lossy(&trimmed[..trimmed.len().min(1024)]).to_ascii_lowercase();
    let markup = ["<!doctype html", "<html", "<head", "<body", "<meta ", "<article", "<?xml"];
    if head.starts_with('<') && markup.iter().any(|tag| head.contains(tag)) {
        return InputFormat::Html;
    }
    InputFormat::Text
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_formats_apart() {
        assert_eq!(sniff(b"{\"text\": \"a\", \"id\": 1}\n{\"text\": \"b\"}\n"), InputFormat::Jsonl);
        assert_eq!(sniff(b"  <!DOCTYPE html><html><body>x</body></html>"), InputFormat::Html);
        assert_eq!(sniff(b"Title\n\n{not json} body\n"), InputFormat::Text);
        assert_eq!(sniff(b"{ braces in a text page\n"), InputFormat::Text);
        assert_eq!(sniff(b"<b>bold</b> text that merely starts with a tag"), InputFormat::Text);
        assert_eq!(from_path(Path::new("crawl/part-0001.JSONL")), Some(InputFormat::Jsonl));
        assert_eq!(from_path(Path::new("page.txt")), None);
    }
}
