//! Errors in rule files, each located as `path:line:col`.
//!
//! Loading collects every problem in every file before failing, so one run of the tool shows
//! them all ([`RuleErrors`]).

use std::fmt;
use std::ops::Range;

/// One problem in one rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The file as the user named it (or `rules/<name>.toml` for an embedded file).
    pub path: String,
    /// 1-based line, 0 when the problem has no place in the file (for example it cannot be read).
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// What is wrong, lowercase, naming the bad value.
    pub message: String,
    /// The line of the file the problem is on, for a snippet.
    pub source_line: Option<String>,
}

impl RuleError {
    /// An error at a byte span of a file's text.
    pub fn at(path: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let (line, col) = line_col(text, span.start);
        let source_line = text.lines().nth(line - 1).map(|l| l.trim_end().to_owned());
        Self { path: path.to_owned(), line, col, message: message.into(), source_line }
    }

    /// An error about a whole file.
    pub fn whole_file(path: &str, message: impl Into<String>) -> Self {
        Self { path: path.to_owned(), line: 0, col: 0, message: message.into(), source_line: None }
    }

    /// The error with the offending source line and a caret under the column:
    ///
    /// ```text
    /// rules/x.toml:9:1: unknown key `colour` in [[rule]]; ...
    ///   |
    /// 9 | colour = 1
    ///   | ^
    /// ```
    pub fn render(&self) -> String {
        let mut out = self.to_string();
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String =
                source.chars().take(self.col.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            out.push_str(&format!("\n{pad} |\n{number} | {source}\n{pad} | {caret_pad}^"));
        }
        out
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.path, self.line, self.col, self.message)
        }
    }
}

/// Every problem found while loading rule files; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_in_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        let x = text.find('x').expect("x is in the text");
        assert_eq!(line_col(text, x), (2, 6));
    }

    #[test]
    fn displays_as_path_line_col() {
        let e = RuleError::at("rules/x.toml", "k = 1\n", 4..5, "bad value");
        assert_eq!(e.to_string(), "rules/x.toml:1:5: bad value");
    }
}
