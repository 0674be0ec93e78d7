//! The cleaning pipeline: one document in, decisions and clean text out.
//!
//! [`Cleaner::clean`] runs the stages in order: line views (match keys), site choice, rule
//! classification and structure (asked again on the lines they keep until both settle, see
//! `settle_lines`), repeated-body removal. The result, [`Cleaned`], holds one action per line;
//! writers and explanations are renderings of those same actions.

use crate::classify::{Action, Matched, decide, demote_chrome_headers};
use crate::document::Document;
use crate::structure::{self, LineText};
use std::io::{self, BufRead};
use std::path::Path;
use std::time::Instant;

use crate::input::decode::{DecodeOptions, Decoded, EncodingReason, decode_with};
use crate::input::format::{self, InputFormat};
use crate::input::jsonl::{BadRecord, Fields, RecordReader};
use crate::input::{DocumentReader, Piece, html, stream};
use crate::limits::{Deadline, Limits, Overrun};
use crate::normalize::{bare_line, match_key};
use crate::output::render_text;
use crate::repeat::remove_repeated_body;
use crate::rules::{LineView, Registry, RuleSet};
use crate::site::{SiteChoice, detect};

/// What is known about a document besides its bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Source<'a> {
    /// The page's URL (from `--url` or a JSON Lines record): its host can choose the site.
    pub url: Option<&'a str>,
    /// An encoding forced with `--encoding`.
    pub forced_encoding: Option<&'static encoding_rs::Encoding>,
    /// Set when the stream was UTF-16 and was transcoded to UTF-8 before splitting.
    pub transcoded_from: Option<crate::input::decode::Transcoded>,
    /// When work on the document began (reading it), for the time budget; `None`: when cleaning
    /// begins.
    pub started: Option<Instant>,
}

/// An unknown name given to `--site`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown site `{name}` (known sites: {known})")]
pub struct UnknownSite {
    /// The name asked for.
    pub name: String,
    /// The names that exist, comma-separated.
    pub known: String,
}

/// Cleans documents with a fixed set of rules.
#[derive(Debug)]
pub struct Cleaner {
    registry: Registry,
    forced_site: Option<usize>,
    limits: Limits,
}

/// The decisions for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned<'r> {
    /// Which site's rules ran, and why.
    pub site: SiteChoice,
    /// One action per line of the document.
    pub actions: Vec<Action<'r>>,
    /// Set when cleaning ran past the time budget: the document is to be skipped (its actions
    /// then keep every line).
    pub overrun: Option<Overrun>,
    /// The match key of every line, as the rules saw it (see [`crate::normalize`]): empty for a
    /// line too long to match, and for every line when no rule file is loaded. Duplicate
    /// detection reuses them ([`crate::dedup::DedupKey::of_output`]).
    pub keys: Vec<String>,
}

impl Cleaned<'_> {
    /// Indices of the lines to write, in output order.
    pub fn output_lines(&self) -> impl Iterator<Item = usize> + '_ {
        let moved = self.actions.iter().enumerate().filter(|(_, a)| **a == Action::MoveToFront);
        let kept = self.actions.iter().enumerate().filter(|(_, a)| **a == Action::Keep);
        moved.chain(kept).map(|(line, _)| line)
    }
}

impl Cleaner {
    /// A cleaner that detects each document's site.
    pub fn new(registry: Registry) -> Self {
        Self { registry, forced_site: None, limits: Limits::default() }
    }

    /// Uses these limits instead of [`Limits::default`].
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Applies one site's rules to every document instead of detecting it.
    pub fn with_site(mut self, name: &str) -> Result<Self, UnknownSite> {
        match self.registry.site_index(name) {
            Some(index) => {
                self.forced_site = Some(index);
                Ok(self)
            }
            None => Err(UnknownSite {
                name: name.to_owned(),
                known: self.registry.sites().iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
            }),
        }
    }

    /// The rules in use.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Decides what happens to every line of `document`.
    pub fn clean(&self, document: &Document<'_>) -> Cleaned<'_> {
        self.run(document, None, None)
    }

    /// Like [`Cleaner::clean`], choosing the site by the source's URL host when it names one.
    pub fn clean_from(&self, document: &Document<'_>, source: &Source<'_>) -> Cleaned<'_> {
        if self.forced_site.is_none()
            && let Some((site, host)) = source.url.and_then(|url| self.registry.site_for_url(url))
        {
            let mut cleaned = self.run(document, Some(Some(site)), source.started);
            cleaned.site = SiteChoice::Host { site, host };
            return cleaned;
        }
        self.run(document, None, source.started)
    }

    /// Decodes a document's bytes (see [`crate::input::decode`]). Sites' usual encodings are the
    /// hints: only the forced or URL-chosen site's when there is one, otherwise every site's,
    /// each accepted only if the text it gives is detected as that site's page.
    pub fn decode(&self, bytes: Vec<u8>, source: &Source<'_>) -> Decoded {
        let known_site =
            self.forced_site.or_else(|| source.url.and_then(|u| self.registry.site_for_url(u)).map(|(s, _)| s));
        let sites = self.registry.sites();
        let hints: Vec<(&str, &'static encoding_rs::Encoding)> = sites
            .iter()
            .enumerate()
            .filter(|(index, _)| known_site.is_none_or(|k| k == *index))
            .flat_map(|(_, site)| site.encodings.iter().map(|e| (site.name.as_str(), *e)))
            .collect();
        let options =
            DecodeOptions { forced: source.forced_encoding, transcoded_from: source.transcoded_from, hints: &hints };
        decode_with(bytes, &options, |site, text| {
            known_site.is_some() || {
                let document = Document::parse(text);
                let keys = self.match_keys(&document);
                let views = self.line_views(&document, &keys);
                let detected = detect(&self.registry, &views, &self.registry.scan(&views)).site();
                detected.is_some_and(|index| sites[index].name == site)
            }
        })
    }

    /// The site whose rules [`Cleaner::clean_from`] would apply to `document` (an index into
    /// [`Registry::sites`]), without cleaning it.
    pub fn site_of(&self, document: &Document<'_>, source: &Source<'_>) -> Option<usize> {
        if let Some(forced) = self.forced_site {
            return Some(forced);
        }
        if let Some((site, _)) = source.url.and_then(|url| self.registry.site_for_url(url)) {
            return Some(site);
        }
        let keys = self.match_keys(document);
        let views = self.line_views(document, &keys);
        detect(&self.registry, &views, &self.registry.scan(&views)).site()
    }

    /// Like [`Cleaner::clean`], with the rules of site `site` (an index into
    /// [`Registry::sites`]), or of no site when `None`, instead of detecting the site.
    pub fn clean_as(&self, document: &Document<'_>, site: Option<usize>) -> Cleaned<'_> {
        self.run(document, Some(site), None)
    }

    fn run(
        &self,
        document: &Document<'_>,
        site_override: Option<Option<usize>>,
        started: Option<Instant>,
    ) -> Cleaned<'_> {
        let deadline = Deadline::new(started.unwrap_or_else(Instant::now), self.limits.time_budget);
        let overrun = |site: SiteChoice, overrun: Overrun| Cleaned {
            site,
            actions: vec![Action::Keep; document.len()],
            overrun: Some(overrun),
            keys: Vec::new(),
        };
        if let Err(err) = deadline.check("reading") {
            return overrun(SiteChoice::None, err);
        }
        let keys = self.match_keys(document);
        let mut views = self.line_views(document, &keys);
        // One scan of every line for fingerprints and phrases, for detection and classification.
        let scan = self.registry.scan(&views);
        for (line, view) in views.iter_mut().enumerate() {
            view.phrases = scan.phrases_of(line);
        }

        let site = match (site_override, self.forced_site) {
            (Some(Some(index)), _) | (None, Some(index)) => SiteChoice::Forced(index),
            (Some(None), _) => SiteChoice::None,
            (None, None) => detect(&self.registry, &views, &scan),
        };
        let mut sets: Vec<&RuleSet> = Vec::new();
        if let Some(index) = site.site() {
            sets.push(&self.registry.sites()[index]);
        }
        let site_name = site.site().map(|index| self.registry.sites()[index].name.as_str());
        sets.extend(self.registry.globals().iter().filter(|set| set.scope.admits(site_name)));

        let texts: Vec<&str> = document.lines().iter().map(|line| line.text).collect();
        let mut actions = match settle_lines(&views, &texts, &sets, &deadline) {
            Ok(actions) => actions,
            Err(err) => return overrun(site, err),
        };
        remove_repeated_body(&texts, &mut actions);
        demote_chrome_headers(&views, &sets, &mut actions);
        if let Err(err) = deadline.check("repeated-body removal") {
            return overrun(site, err);
        }
        drop(views);
        Cleaned { site, actions, overrun: None, keys }
    }

    /// The match key of every line (empty for lines too long to match).
    fn match_keys(&self, document: &Document<'_>) -> Vec<String> {
        let max = self.limits.max_line_bytes;
        // Without any rule file (`--no-default-rules` alone) nothing ever compares a key.
        if self.registry.sites().is_empty() && self.registry.globals().is_empty() {
            return vec![String::new(); document.len()];
        }
        document
            .lines()
            .iter()
            .map(|line| if line.text.len() > max { String::new() } else { match_key(line.text) })
            .collect()
    }

    /// The lines as rules see them; lines over the length limit match no rule.
    fn line_views<'a>(&self, document: &Document<'a>, keys: &'a [String]) -> Vec<LineView<'a>> {
        let max = self.limits.max_line_bytes;
        document
            .lines()
            .iter()
            .zip(keys)
            .map(|(line, key)| LineView {
                key,
                bare: bare_line(line.text),
                chars: line.text.chars().count(),
                matchable: line.text.len() <= max,
                phrases: &[],
            })
            .collect()
    }

    /// The HTML selectors of the site a page belongs to: the forced site's, else the site whose
    /// host the URL names. `None` when that site has none.
    fn site_html(&self, url: Option<&str>) -> Option<&html::SiteHtml> {
        let site = self.forced_site.or_else(|| url.and_then(|url| self.registry.site_for_url(url)).map(|(s, _)| s))?;
        let selectors = &self.registry.sites()[site].html;
        (!selectors.content.is_empty() || !selectors.strip.is_empty()).then_some(selectors)
    }

    /// Cleans one document given as text and returns the clean text.
    pub fn clean_text(&self, text: &str) -> String {
        let document = Document::parse(text);
        render_text(&document, &self.clean(&document))
    }

    /// Like [`Cleaner::clean_text`], with a site chosen as for [`Cleaner::clean_as`].
    pub fn clean_text_as(&self, text: &str, site: Option<usize>) -> String {
        let document = Document::parse(text);
        render_text(&document, &self.clean_as(&document, site))
    }
}

/// The rules' and the structure stage's actions for every line, settled.
///
/// Both read context: a `tail` rule asks whether anything after a line is kept, the structure
/// stage reads chrome as evidence. A line the structure stage drops changes what a positional
/// rule sees, and chrome the rules drop is gone when the output is cleaned a second time. So the
/// lines kept are asked again, as if they were the whole page, until a round drops nothing more:
/// the result is a page both stages leave as it is, which is what makes cleaning idempotent.
/// Every round only drops lines, so this ends. The rules settle positions again only after the
/// structure stage dropped a line they kept (they are idempotent on their own), and every round
/// reuses the one match of every line against the rules.
fn settle_lines<'r>(
    views: &[LineView<'_>],
    texts: &[&str],
    sets: &[&'r RuleSet],
    deadline: &Deadline,
) -> Result<Vec<Action<'r>>, Overrun> {
    let matched = Matched::new(views, sets);
    // Lines a context-free rule drops as chrome stay chrome: their text is never read again.
    let line_texts: Vec<LineText> = texts
        .iter()
        .enumerate()
        .map(|(line, text)| match matched.first_action(line) {
            Action::Drop(meta) if !meta.weak => LineText::default(),
            _ => LineText::of(text, views[line].chars),
        })
        .collect();
    let mut present = vec![true; views.len()];
    let mut settled = vec![Action::Blank; views.len()];
    let mut rules = matched.first_actions(|_| true);
    decide(views, sets, &matched, &mut rules, deadline)?;
    loop {
        let mut round = rules.clone();
        structure::apply(texts, &line_texts, &mut round);
        let (mut dropped, mut dropped_kept) = (false, false);
        for line in 0..views.len() {
            if !present[line] {
                continue;
            }
            settled[line] = round[line];
            if !round[line].is_output() && round[line] != Action::Blank {
                present[line] = false;
                dropped = true;
                dropped_kept |= rules[line] == Action::Keep;
            }
        }
        if !dropped {
            return Ok(settled);
        }
        deadline.check("structure")?;
        if dropped_kept {
            rules = matched.first_actions(|line| present[line]);
            decide(views, sets, &matched, &mut rules, deadline)?;
        } else {
            for (line, action) in rules.iter_mut().enumerate() {
                if !present[line] {
                    *action = Action::Blank;
                }
            }
        }
    }
}

/// How to read one input stream.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    /// A forced format; `None` decides from the file name, then the first bytes.
    pub format: Option<InputFormat>,
    /// A forced encoding.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The pages' URL (a JSON Lines record's own `url` wins; an HTML page's canonical URL too).
    pub url: Option<&'a str>,
    /// What HTML extraction keeps besides the body.
    pub html: html::HtmlOptions,
    /// The input's size in bytes, when known (a file's), to read it without reallocating.
    pub size: Option<u64>,
}

/// One document of an input, decoded and ready to clean.
#[derive(Debug)]
pub struct InputDocument<'a> {
    /// 1-based: the document's place in a text stream, or the record's line in JSON Lines.
    pub number: usize,
    /// The text to clean (for HTML, the extracted article blocks).
    pub text: &'a str,
    /// The URL that may choose the site.
    pub url: Option<&'a str>,
    /// A JSON Lines record's fields, in order.
    pub fields: Option<Fields>,
    /// `text (by first bytes)`, `jsonl (by file name)`, `html (by --input-format)`.
    pub format: &'a str,
    /// How the bytes were decoded.
    pub encoding: &'static encoding_rs::Encoding,
    /// Why that encoding.
    pub encoding_reason: &'a EncodingReason,
    /// Offset of the first byte that did not decode, if any.
    pub first_invalid_byte: Option<usize>,
    /// Set when an HTML page was nested deeper than the limit (at least this deep) and its text
    /// was read from the token stream (see [`html::extract_within`]).
    pub html_flattened_at_depth: Option<usize>,
    /// For an HTML page: its title and byline.
    pub page: Option<&'a html::PageMeta>,
    /// When reading the document began: pass it on in [`Source::started`] for the time budget.
    pub started: Instant,
}

/// A document, or a JSON Lines line, that was not handed on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skipped {
    /// A JSON Lines line that is not a record: a failure of the input.
    #[error("{0}; record skipped")]
    Malformed(BadRecord),
    /// A document (or record) larger than [`Limits::max_document_bytes`]: skipped on purpose.
    #[error("document {number}: {bytes} bytes, larger than the limit of {limit} bytes; skipped (--max-document-size)")]
    TooLarge {
        /// The document's number (or the record's line).
        number: usize,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: usize,
    },
    /// A document (or record) of more lines than [`Limits::max_document_lines`]: skipped on
    /// purpose, before it is split into lines.
    #[error("document {number}: {lines} lines, more than the limit of {limit} lines; skipped (--max-document-lines)")]
    TooManyLines {
        /// The document's number (or the record's line).
        number: usize,
        /// Its lines.
        lines: usize,
        /// The limit.
        limit: usize,
    },
}

/// The lines of `text` as [`Document::parse`] splits it, at LF, CRLF and a lone CR (a final
/// line without a break counted too), without splitting it. Only counted when `text` has more
/// bytes than `limit`: a shorter text cannot hold more lines.
fn lines_over(text: &str, limit: usize) -> Option<usize> {
    if text.len() <= limit {
        return None;
    }
    let bytes = text.as_bytes();
    let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes).count() - memchr::memmem::find_iter(bytes, b"\r\n").count();
    let lines = breaks + usize::from(!bytes.ends_with(b"\n") && !bytes.ends_with(b"\r"));
    (lines > limit).then_some(lines)
}

/// A failure while reading documents: of the input itself, or of the caller's handler.
#[derive(Debug)]
pub enum ReadError {
    /// The input could not be read.
    Input(io::Error),
    /// The handler failed (usually writing output).
    Handler(io::Error),
}

impl Cleaner {
    /// Reads every document of one input, one at a time: chooses the format (forced, file name,
    /// first bytes), transcodes a UTF-16 stream, splits text at form-feed lines or reads JSON Lines
    /// records, decodes each document (with the sites' encoding hints) and extracts HTML. Each
    /// document goes to `handle`; a malformed JSON Lines line or a document over the size limit
    /// goes to `skip`, and reading goes on. At most [`Limits::max_document_bytes`] of a document
    /// is ever held in memory.
    pub fn read_documents(
        &self,
        reader: Box<dyn BufRead>,
        path: Option<&Path>,
        options: &ReadOptions<'_>,
        mut handle: impl FnMut(InputDocument<'_>) -> io::Result<()>,
        mut skip: impl FnMut(Skipped),
    ) -> Result<(), ReadError> {
        let mut opened = stream::open(reader, options.encoding).map_err(ReadError::Input)?;
        let (format, chosen_by) = match (options.format, path.and_then(format::from_path)) {
            (Some(format), _) => (format, "--input-format"),
            (None, Some(format)) => (format, "file name"),
            (None, None) => (format::sniff(opened.reader.fill_buf().map_err(ReadError::Input)?), "first bytes"),
        };
        let format_text = format!("{} (by {chosen_by})", format.as_str());
        match format {
            InputFormat::Jsonl => {
                let reason = EncodingReason::Json;
                let limit = self.limits.max_document_bytes;
                for item in RecordReader::with_limit(opened.reader, limit) {
                    let started = Instant::now();
                    match item.map_err(ReadError::Input)? {
                        Err(BadRecord { line, too_large: Some(bytes), .. }) => {
                            skip(Skipped::TooLarge { number: line, bytes, limit });
                        }
                        Err(record) => skip(Skipped::Malformed(record)),
                        Ok(record) => {
                            let max_lines = self.limits.max_document_lines;
                            if let Some(lines) = lines_over(record.text(), max_lines) {
                                skip(Skipped::TooManyLines { number: record.line, lines, limit: max_lines });
                                continue;
                            }
                            let (number, url) = (record.line, record.url());
                            let (fields, text) = record.into_parts();
                            let document = InputDocument {
                                number,
                                text: &text,
                                url: url.as_deref().or(options.url),
                                fields: Some(fields),
                                format: &format_text,
                                encoding: encoding_rs::UTF_8,
                                encoding_reason: &reason,
                                first_invalid_byte: None,
                                html_flattened_at_depth: None,
                                page: None,
                                started,
                            };
                            handle(document).map_err(ReadError::Handler)?;
                        }
                    }
                }
            }
            InputFormat::Text | InputFormat::Html => {
                let source = Source {
                    url: options.url,
                    forced_encoding: options.encoding,
                    transcoded_from: opened.transcoded_from,
                    started: None,
                };
                let limit = self.limits.max_document_bytes;
                let mut pieces = DocumentReader::with_limit(&mut opened.reader, limit);
                if let Some(size) = options.size {
                    pieces = pieces.expecting(size);
                }
                let mut number = 0;
                loop {
                    let started = Instant::now();
                    let bytes = match pieces.next_piece().map_err(ReadError::Input)? {
                        None => break,
                        Some(Piece::Document(bytes)) => bytes,
                        Some(Piece::TooLarge { bytes }) => {
                            number += 1;
                            skip(Skipped::TooLarge { number, bytes, limit });
                            continue;
                        }
                    };
                    number += 1;
                    let decoded = self.decode(bytes, &source);
                    // HTML: the article's blocks become lines; the canonical URL can choose the site.
                    let (text, page_url, html_flattened_at_depth, page) = match format {
                        InputFormat::Html => {
                            let within = html::extract_for_site(
                                &decoded.text,
                                self.limits.max_html_depth,
                                options.html,
                                &|canonical| self.site_html(canonical.or(options.url)),
                                self.registry.html_reads(),
                            );
                            let extracted = within.extracted;
                            (extracted.text, extracted.url, within.flattened_at_depth, Some(extracted.meta))
                        }
                        _ => (decoded.text, None, None, None),
                    };
                    let max_lines = self.limits.max_document_lines;
                    if let Some(lines) = lines_over(&text, max_lines) {
                        skip(Skipped::TooManyLines { number, lines, limit: max_lines });
                        continue;
                    }
                    let document = InputDocument {
                        number,
                        text: &text,
                        url: page_url.as_deref().or(options.url),
                        fields: None,
                        format: &format_text,
                        encoding: decoded.encoding,
                        encoding_reason: &decoded.reason,
                        first_invalid_byte: decoded.first_invalid_byte,
                        html_flattened_at_depth,
                        page: page.as_ref(),
                        started,
                    };
                    handle(document).map_err(ReadError::Handler)?;
                }
            }
        }
        Ok(())
    }
}
