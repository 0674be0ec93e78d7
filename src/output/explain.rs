//! Explaining a cleaned document: every input line with its decision.
//!
//! This is a renderer of the same [`Cleaned`] actions that the text writer uses, so an
//! explanation can never disagree with the output. Two formats:
//!
//! * text, one line per input line, coloured when asked:
//!   `  53  drop   Voir l'original   gate/view-original (view-original) rules/gate.toml:27`;
//! * JSON Lines, for tools. Per document one `{"type":"document", ...}` record, then per input
//!   line a `{"type":"line", ...}` record with `document`, `line` (1-based), `text`, `decision`
//!   (`keep`, `blank`, `drop`, `repeat`, `after-repeat`, `move-to-front`), `output_position`
//!   (0-based place in the clean text, `null` if not written), `rule` (`{id, category, file,
//!   line}` for drops, else `null`) and `repeat_of` (the 1-based line a repeat copies, else
//!   `null`).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde_json::{Value, json};

use crate::classify::Action;
use crate::document::Document;
use crate::pipeline::Cleaned;
use crate::rules::Registry;
use crate::site::SiteChoice;

/// How to render an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExplainFormat {
    /// For people; with ANSI colours if `color`.
    Text {
        /// Emit ANSI colour codes.
        color: bool,
    },
    /// One JSON object per line.
    Jsonl,
}

/// Text mode shows at most this many characters of a line.
const SHOWN_CHARS: usize = 72;

/// How a document was read, for the explanation's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadAs {
    /// `text`, `html` or `jsonl`, and how the format was chosen.
    pub format: String,
    /// The encoding's name.
    pub encoding: String,
    /// Why that encoding.
    pub encoding_reason: String,
    /// For an HTML page: its title and byline.
    pub page: Option<crate::input::html::PageMeta>,
}

/// Writes the explanation of one document (`number` is 1-based).
pub fn write_explanation(
    number: usize,
    read_as: &ReadAs,
    document: &Document<'_>,
    cleaned: &Cleaned<'_>,
    registry: &Registry,
    format: ExplainFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut output_position = vec![None; document.len()];
    for (position, line) in cleaned.output_lines().enumerate() {
        output_position[line] = Some(position);
    }
    let (site, how, evidence) = describe_site(&cleaned.site, registry);
    match format {
        ExplainFormat::Jsonl => {
            let header = json!({
                "type": "document", "document": number, "site": site, "site_choice": how, "evidence": evidence,
                "format": read_as.format, "encoding": read_as.encoding, "encoding_reason": read_as.encoding_reason,
            });
            writeln!(out, "{header}")?;
            for (index, (line, action)) in document.lines().iter().zip(&cleaned.actions).enumerate() {
                let (decision, rule, repeat_of) = describe_action(*action);
                let record = json!({
                    "type": "line", "document": number, "line": index + 1, "text": line.text,
                    "decision": decision, "output_position": output_position[index],
                    "rule": rule, "repeat_of": repeat_of,
                });
                writeln!(out, "{record}")?;
            }
        }
        ExplainFormat::Text { color } => {
            let paint = |style: Style, text: &str| {
                if color { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_owned() }
            };
            let bold = Style::new().bold();
            let site_text = match (&site, how) {
                (Some(name), "forced") => format!("site {name} (forced with --site)"),
                (Some(name), "url") => format!("site {name} (chosen by the URL: {})", evidence.join(", ")),
                (Some(name), _) => format!("site {name} (detected: {})", evidence.join(", ")),
                (None, _) => "no site matched: global rules only".to_owned(),
            };
            writeln!(out, "{}", paint(bold, &format!("document {number}: {site_text}")))?;
            let read =
                format!("read as {}, encoding {} ({})", read_as.format, read_as.encoding, read_as.encoding_reason);
            writeln!(out, "{}", paint(Style::new().dimmed(), &read))?;
            for (index, (line, action)) in document.lines().iter().zip(&cleaned.actions).enumerate() {
                let (decision, rule, repeat_of) = describe_action(*action);
                let style = match action {
                    Action::Keep => Style::new().fg_color(Some(AnsiColor::Green.into())),
                    Action::MoveToFront => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
                    Action::Blank => Style::new().dimmed(),
                    Action::Drop(_) => Style::new().fg_color(Some(AnsiColor::Red.into())),
                    Action::Repeat { .. } | Action::AfterRepeat => {
                        Style::new().fg_color(Some(AnsiColor::Magenta.into()))
                    }
                };
                let shown = shorten(line.text);
                let why = match (action, &rule, repeat_of) {
                    (Action::Drop(meta), _, _) => {
                        format!("{} ({}) {}:{}", meta.id, meta.category, meta.file, meta.line)
                    }
                    (_, _, Some(of)) => format!("repeats line {of}"),
                    (Action::AfterRepeat, _, _) => "after the first copy of a repeated body".to_owned(),
                    (Action::MoveToFront, _, _) => "header of the second copy, moved to the front".to_owned(),
                    _ => String::new(),
                };
                let label = paint(style, &format!("{decision:<13}"));
                let why = if why.is_empty() { why } else { paint(Style::new().dimmed(), &format!("  ← {why}")) };
                writeln!(out, "{:>5}  {label} {shown}{why}", index + 1)?;
            }
        }
    }
    Ok(())
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(SHOWN_CHARS - 1).collect();
        short.push('…');
        short
    }
}

/// (site name, "detected" / "forced" / "none", evidence).
fn describe_site(choice: &SiteChoice, registry: &Registry) -> (Option<String>, &'static str, Vec<String>) {
    let name = |index: usize| registry.sites().get(index).map(|site| site.name.clone());
    match choice {
        SiteChoice::None => (None, "none", Vec::new()),
        SiteChoice::Forced(index) => (name(*index), "forced", Vec::new()),
        SiteChoice::Host { site, host } => (name(*site), "url", vec![format!("host {host}")]),
        SiteChoice::Detected { site, evidence } => (name(*site), "detected", evidence.clone()),
    }
}

/// (decision name, rule record, 1-based line repeated).
fn describe_action(action: Action<'_>) -> (&'static str, Value, Option<usize>) {
    match action {
        Action::Blank => ("blank", Value::Null, None),
        Action::Keep => ("keep", Value::Null, None),
        Action::Drop(meta) => (
            "drop",
            json!({"id": meta.id, "category": meta.category.as_str(), "file": &*meta.file, "line": meta.line}),
            None,
        ),
        Action::Repeat { of } => ("repeat", Value::Null, Some(of + 1)),
        Action::AfterRepeat => ("after-repeat", Value::Null, None),
        Action::MoveToFront => ("move-to-front", Value::Null, None),
    }
}
