//! A decoded document split into lines.
//!
//! Line ends are `\n`, `\r\n` or a lone `\r`. Each [`Line`] keeps the untouched raw text and the
//! trimmed text; later stages only ever choose among these lines, they never build new text.

/// One line of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line as it was, without its line ending.
    pub raw: &'a str,
    /// The line without leading and trailing whitespace: what the output writes.
    pub text: &'a str,
}

impl Line<'_> {
    /// True if the line holds only whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// A document as a sequence of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    lines: Vec<Line<'a>>,
}

impl<'a> Document<'a> {
    /// Splits text into lines at `\n`, `\r\n` and lone `\r`.
    pub fn parse(text: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let (raw, after) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
                Some(end) => {
                    let ending = if rest[end..].starts_with("\r\n") { 2 } else { 1 };
                    (&rest[..end], &rest[end + ending..])
                }
                None => (rest, ""),
            };
            lines.push(Line { raw, text: raw.trim() });
            rest = after;
        }
        Self { lines }
    }

    /// The lines, in order.
    pub fn lines(&self) -> &[Line<'a>] {
        &self.lines
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True if the document has no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_line_ending_style() {
        let doc = Document::parse("a\r\nb\rc\n  d  \n");
        let texts: Vec<_> = doc.lines().iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        assert_eq!(doc.lines()[3].raw, "  d  ");
    }

    #[test]
    fn keeps_blank_lines_and_a_missing_final_newline() {
        let doc = Document::parse("a\n\n\nb");
        assert_eq!(doc.len(), 4);
        assert!(doc.lines()[1].is_blank());
        assert_eq!(doc.lines()[3].text, "b");
    }
}
