//! Extracting an article's text from an HTML page: one line per block, then the same rules as
//! text input.
//!
//! * The article's container is found as the Readability family finds it: every paragraph
//!   (`p`, `pre`, `td`, `blockquote`, a `div` without block children) of 25 characters or more
//!   credits its score (1, plus its commas, plus a point per 100 characters up to 3) to its
//!   parent in full, its grandparent by half and further ancestors less; tags and class/id words
//!   weigh in; link density discounts. The best container (or a `[itemprop=articleBody]`
//!   element, when the page marks one) is taken, moved up to the ancestor it shares with other
//!   near-best candidates, with its siblings that score nearly as well or read as paragraphs,
//!   and with the page's one `<h1>` when it stands before the container. Pages where nothing
//!   scores fall back to `<article>`, `main`, `<body>`.
//! * Inside the container, blocks that are mostly links (related lists, tag lines) are dropped.
//! * Skipped subtrees: scripts, styles and other non-text elements; form controls; `hidden`,
//!   `aria-hidden="true"` and `display:none` elements; `nav`, `header`, `footer`, `aside`; and
//!   elements whose class or id names chrome (share, social, comment, related, cookie, subscribe,
//!   promo, breadcrumb, menu, meta, disclaimer, ...), even inside the article, unless they hold
//!   half the page's text or more (a `<body class="menu-dropdown">` holds the article).
//! * Each block (`p`, `h1`–`h6`, `li`, `blockquote`, `pre`, `td`/`th`, `dt`/`dd`,
//!   `figcaption`, and text directly in a `div`) becomes a line; `<br>` ends a line; inline
//!   markup is flattened, entities are decoded, runs of ASCII whitespace collapse to one space
//!   (U+00A0 is kept).
//!
//! The traversal is iterative, so deeply nested pages cannot overflow the stack. Tree building is
//! quadratic in the nesting depth (a page nested 100,000 levels deep takes about 30 s), so
//! [`extract_within`] first estimates the depth with a linear byte scan; a page deeper than the
//! limit is extracted from html5ever's token stream instead (linear time; skipped tags and block
//! breaks are honoured, but there is no article-root search and no class-based skipping).

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use rustc_hash::FxHashMap;
use scraper::{ElementRef, Html, Node, Selector};

use crate::normalize::is_prose;

/// The text of an HTML page and what the page says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// One block per line.
    pub text: String,
    /// The page's canonical URL (`<link rel=canonical>` or `og:url`), if it gives one.
    pub url: Option<String>,
    /// The page's title and byline, as metadata (JSON Lines output carries them).
    pub meta: PageMeta,
}

/// What a page says about its article besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The visible `<h1>` (the first one outside skipped chrome), else `og:title`, else `<title>`.
    pub title: Option<String>,
    /// `<meta name=author>`, else the text of the first visible `rel=author` link.
    pub author: Option<String>,
}

/// Elements skipped whatever they hold: no text, form controls, page chrome. (A `match`, as this
/// is asked of every element.)
fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "input"
            | "button"
            | "textarea"
            | "select"
            | "option"
            | "label"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "dialog"
            | "head"
    )
}

/// Elements that begin and end a line of text.
fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "blockquote"
            | "pre"
            | "td"
            | "th"
            | "dt"
            | "dd"
            | "figcaption"
            | "div"
            | "section"
            | "article"
            | "main"
            | "ul"
            | "ol"
            | "table"
            | "tr"
            | "dl"
            | "figure"
            | "address"
    )
}

/// A constant selector of this module, parsed once per process.
macro_rules! selector {
    ($css:literal) => {{
        static SELECTOR: std::sync::LazyLock<Selector> = std::sync::LazyLock::new(|| {
            // A parse failure would be a programming error: the selectors are constants.
            Selector::parse($css).unwrap_or_else(|_| unreachable!("constant selector `{}` parses", $css))
        });
        &*SELECTOR
    }};
}

/// Words in a class or id that mark chrome.
const CHROME_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "comment",
    "comments",
    "related",
    "recommend",
    "recommended",
    "cookie",
    "cookies",
    "consent",
    "subscribe",
    "newsletter",
    "promo",
    "promotion",
    "advert",
    "ads",
    "ad",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "navbar",
    "nav",
    "sidebar",
    "meta",
    "disclaimer",
    "jurisdiction",
    "popup",
    "modal",
    "toolbar",
    "reactions",
    "tags",
    "download",
    "qrcode",
    "hidden",
    "gallery",
    "carousel",
    "slideshow",
    "lightbox",
    "overlay",
    // Readability's "unlikely candidates" and the recommendation widgets of news sites.
    "community",
    "disqus",
    "pagination",
    "pager",
    "replies",
    "shoutbox",
    "skyscraper",
    "sponsor",
    "sponsored",
    "supplemental",
    "agegate",
    "trending",
    "popular",
    "outbrain",
    "taboola",
    "recirc",
    "rail",
];

/// Extracts the article text of an HTML page, whatever its depth (see [`extract_within`]).
pub fn extract(html: &str) -> Extracted {
    extract_within(html, usize::MAX).extracted
}

/// How an [`extract_within`] call went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedWithin {
    /// The text and URL.
    pub extracted: Extracted,
    /// Set when the page was nested deeper than the limit (at least this deep) and was read from
    /// its token stream.
    pub flattened_at_depth: Option<usize>,
}

/// Extracts the article text of an HTML page; a page nested deeper than `max_depth` is read from
/// its token stream instead of being built into a tree.
pub fn extract_within(html: &str, max_depth: usize) -> ExtractedWithin {
    extract_with(html, max_depth, HtmlOptions::default())
}

/// What the extraction keeps besides the article's body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Only the body: no title (`<h1>`), no byline or dateline (`<time>`, `<address>`, short
    /// elements whose class or id says byline, author, date, published, ...), no figure
    /// captions or photo credits. By default the title and a shown byline are part of the text.
    pub body_only: bool,
}

/// What a site's rule file says about its HTML pages (`content` and `strip` in `[site]`).
#[derive(Debug, Clone, Default)]
pub struct SiteHtml {
    /// Selectors of the article's container, in order of preference.
    pub content: Vec<Selector>,
    /// Selectors of elements to leave out.
    pub strip: Vec<Selector>,
    /// What these selectors read, which slimming the page before parsing must keep.
    pub reads: SelectorReads,
}

/// What the slimming of a page before parsing ([`strip_unread_content`]) must keep for site
/// selectors, besides what the extraction reads: found from the selectors' source text, erring
/// on the side of keeping (a name inside a quoted value is kept too, needlessly but harmlessly).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectorReads {
    /// Attribute names the selectors test (`[data-role=post]`), lowercase.
    pub attributes: Vec<String>,
    /// Class and id names the selectors name (`.post-body`, `#main`).
    pub names: Vec<String>,
    /// Some selector escapes a character (`.a\:b`): class and id attributes are kept whole.
    pub whole_names: bool,
    /// Some site has selectors: the elements the extraction never reads are kept (bare) rather
    /// than dropped, so that structural selectors (`:nth-child`, `+`, `~`) still count them.
    pub keeps_shape: bool,
}

impl SelectorReads {
    /// Adds what the selector `css` reads.
    pub fn note(&mut self, css: &str) {
        self.keeps_shape = true;
        let ident = |from: &str| -> String {
            from.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_') || !c.is_ascii()).collect()
        };
        for (at, c) in css.char_indices() {
            match c {
                '[' => {
                    let name = ident(css[at + 1..].trim_start()).to_ascii_lowercase();
                    if !name.is_empty() && !self.attributes.contains(&name) {
                        self.attributes.push(name);
                    }
                }
                '.' | '#' => {
                    let name = ident(&css[at + 1..]);
                    if !name.is_empty() && !self.names.contains(&name) {
                        self.names.push(name);
                    }
                }
                '\\' => self.whole_names = true,
                _ => {}
            }
        }
    }

    /// Adds what `other` reads.
    pub fn merge(&mut self, other: &SelectorReads) {
        for attribute in &other.attributes {
            if !self.attributes.contains(attribute) {
                self.attributes.push(attribute.clone());
            }
        }
        for name in &other.names {
            if !self.names.contains(name) {
                self.names.push(name.clone());
            }
        }
        self.whole_names |= other.whole_names;
        self.keeps_shape |= other.keeps_shape;
    }

    /// Whether the `class` or `id` attribute `attribute` must be kept whole.
    fn keeps_whole(&self, attribute: &str) -> bool {
        self.whole_names || self.attributes.iter().any(|a| a.eq_ignore_ascii_case(attribute))
    }
}

/// [`extract_within`] with options.
pub fn extract_with(html: &str, max_depth: usize, options: HtmlOptions) -> ExtractedWithin {
    extract_for_site(html, max_depth, options, &|_| None, &SelectorReads::default())
}

/// [`extract_with`], with a site's selectors: `site_html` is given the page's canonical URL (if
/// it has one) and returns the selectors of the site to use, if any; `selector_attributes` are
/// the attributes that the selectors of any site may read, which
/// are kept when the page is slimmed before parsing (see [`SelectorReads`]).
pub fn extract_for_site<'s>(
    html: &str,
    max_depth: usize,
    options: HtmlOptions,
    site_html: &dyn Fn(Option<&str>) -> Option<&'s SiteHtml>,
    selector_reads: &SelectorReads,
) -> ExtractedWithin {
    let stripped = strip_unread_content(html, selector_reads);
    let html: &str = &stripped;
    let depth = nesting_depth(html, max_depth);
    if depth > max_depth {
        return ExtractedWithin { extracted: extract_flat(html), flattened_at_depth: Some(depth) };
    }
    ExtractedWithin { extracted: extract_tree(html, options, site_html), flattened_at_depth: None }
}

/// The page without what the extraction never reads, which the tokenizer would otherwise walk
/// character by character: comments, the contents of scripts and styles and of the elements it
/// always skips ([`UNREAD_ELEMENTS`]), the attributes it does not read, `<meta>` and `<link>`
/// tags other than the canonical, `og:` and author ones, and runs of whitespace between tags
/// (one whitespace character reads the same: the extraction collapses whitespace). The elements
/// themselves stay, so the tree has the same shape for selectors.
///
/// Class and id attributes keep only the names the extraction reads (those that hold a word of
/// its class word lists). `also_read` is what site selectors read besides.
pub fn strip_unread_content<'h>(html: &'h str, also_read: &SelectorReads) -> std::borrow::Cow<'h, str> {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 4);
    let mut scratch = String::new();
    // Bytes before `kept_until` are copied (or were dropped) already.
    let mut kept_until = 0;
    // Where the text before the next tag starts: the end of the last tag.
    let mut text_from = 0;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        if start - text_from > 1 && bytes[text_from..start].iter().all(u8::is_ascii_whitespace) {
            out.push_str(&html[kept_until..text_from]);
            out.push(if bytes[text_from..start].contains(&b'\n') { '\n' } else { ' ' });
            kept_until = start;
        }
        let rest = &bytes[start + 1..];
        let resume = |end: usize, out: &mut String, kept_until: &mut usize| {
            out.push_str(&html[*kept_until..start]);
            *kept_until = end;
            end
        };
        if rest.starts_with(b"!--") {
            let end = memchr::memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3);
            at = resume(end, &mut out, &mut kept_until);
            text_from = at;
            continue;
        }
        let mut name_buffer = [0u8; 16];
        let name = start_tag_name(rest, &mut name_buffer).unwrap_or_default();
        if name == "head"
            && let Some((head, end)) = slim_head(html, start, also_read)
        {
            at = resume(end, &mut out, &mut kept_until);
            out.push_str(&head);
            text_from = at;
            continue;
        }
        // Elements the extraction always skips: their contents go when their end tag is found
        // at the same nesting level (otherwise the element is left whole for the parser). Scripts
        // and styles: their contents go up to their end tag, as the tokenizer reads them.
        let emptied = if UNREAD_ELEMENTS.contains(&name) {
            Some(false)
        } else {
            RAW_TEXT_SKIPPED.contains(&name).then_some(true)
        };
        if let Some(raw_text) = emptied
            && let Some(open_end) = memchr::memchr(b'>', rest).map(|e| start + 1 + e + 1)
        {
            let close = if raw_text {
                Some(find_end_tag(bytes, open_end, name.as_bytes()).unwrap_or(bytes.len()))
            } else if bytes[open_end - 2] != b'/' {
                find_matching_end(bytes, open_end, name.as_bytes())
            } else {
                None
            };
            if let Some(close) = close {
                if also_read.keeps_shape {
                    at = resume(close, &mut out, &mut kept_until);
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                } else {
                    // The whole element goes, its end tag too.
                    let end = memchr::memchr(b'>', &bytes[close..]).map_or(bytes.len(), |e| close + e + 1);
                    at = resume(end, &mut out, &mut kept_until);
                }
                text_from = at;
                continue;
            }
        }
        let void_unread =
            matches!(name, "meta" | "link" | "img" | "input" | "source" | "track" | "wbr" | "embed" | "param" | "area");
        if void_unread {
            scratch.clear();
            let slimmed = slim_tag_into(html, start, &mut scratch, also_read);
            if slimmed.is_none() {
                scratch.clear();
            }
            let end = slimmed.or_else(|| memchr::memchr(b'>', rest).map(|e| start + 1 + e + 1));
            if let Some(end) = end {
                at = resume(end, &mut out, &mut kept_until);
                if matches!(name, "meta" | "link") && is_read_head_tag(&scratch) {
                    out.push_str(&scratch);
                } else if also_read.keeps_shape {
                    // The bare tag keeps the tree's shape.
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                }
                text_from = at;
                continue;
            }
        }
        // Any other start tag: keep only the attributes the extraction reads. (Slimmed aside
        // first: copying the text since the last change for every tag, and taking it back when
        // the tag had nothing to slim, was quadratic on a page of plain tags.)
        scratch.clear();
        if let Some(end) = slim_tag_into(html, start, &mut scratch, also_read) {
            out.push_str(&html[kept_until..start]);
            out.push_str(&scratch);
            kept_until = end;
            at = end;
            text_from = end;
            continue;
        }
        at = start + 1;
        // A tag without attributes, an end tag or a doctype: the text after it starts at its end.
        if rest.first().is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!'))
            && let Some(end) = memchr::memchr(b'>', rest)
        {
            at = start + 1 + end + 1;
            text_from = at;
        }
    }
    if kept_until == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[kept_until.min(html.len())..]);
    std::borrow::Cow::Owned(out)
}

/// Whether the extraction (or a site selector, `also_read`) reads attribute `name` of a `tag`:
/// on any element the ones that say what it is or whether it shows (`class`, `id`, `style`,
/// `hidden`, `aria-hidden`, `itemprop`, `rel`), and those of the canonical `<link>` and of the
/// `og:` and author `<meta>` tags. The others (`src`, `srcset`, `data-*`, event handlers, ...)
/// are most of a page's markup and are dropped before parsing.
fn reads_attribute(tag: &str, name: &str, also_read: &SelectorReads) -> bool {
    let mut buffer = [0u8; 16];
    let lower = lowercase_name(name.as_bytes(), &mut buffer).unwrap_or_default();
    let read = match lower {
        "class" | "id" | "style" | "hidden" | "aria-hidden" | "itemprop" | "rel" => true,
        "href" => tag.eq_ignore_ascii_case("link"),
        "property" | "name" | "content" => tag.eq_ignore_ascii_case("meta"),
        _ => false,
    };
    read || also_read.attributes.iter().any(|attribute| attribute.eq_ignore_ascii_case(name))
}

/// `name` lowercased into `buffer`, when it fits (longer names are none that the extraction
/// treats specially).
fn lowercase_name<'b>(name: &[u8], buffer: &'b mut [u8; 16]) -> Option<&'b str> {
    let lower = buffer.get_mut(..name.len())?;
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// The lowercased name of the start tag that `rest` (the bytes after a `<`) opens: up to
/// whitespace, `/` or `>`, as the tokenizer reads it. `None` when `rest` opens no start tag or
/// the name is too long to be one the extraction treats specially.
fn start_tag_name<'b>(rest: &[u8], buffer: &'b mut [u8; 16]) -> Option<&'b str> {
    if !rest.first()?.is_ascii_alphabetic() {
        return None;
    }
    let length = rest
        .iter()
        .take(buffer.len() + 1)
        .take_while(|b| !matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        .count();
    lowercase_name(&rest[..length], buffer)
}

/// Elements whose contents are raw text (or, for `textarea`, text without tags) that the
/// extraction never reads.
const RAW_TEXT_SKIPPED: &[&str] = &["script", "style", "iframe", "textarea"];

/// Whether a slimmed `<meta>` or `<link>` tag is one the extraction reads: the canonical link,
/// `og:url`, `og:title` and the author tags.
fn is_read_head_tag(slim: &str) -> bool {
    let lower = slim.to_ascii_lowercase();
    ["og:url", "og:title", "author", "canonical"].iter().any(|read| lower.contains(read))
}

fn slim_tag_into(html: &str, start: usize, slim: &mut String, also_read: &SelectorReads) -> Option<usize> {
    let bytes = html.as_bytes();
    let name_end = start + 1 + bytes[start + 1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_end == start + 1 || !bytes[start + 1].is_ascii_alphabetic() || !bytes.get(name_end)?.is_ascii_whitespace() {
        return None;
    }
    slim.push_str(&html[start..name_end]);
    let tag = &html[start + 1..name_end];
    let mut at = name_end;
    loop {
        while bytes.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => {
                slim.push('>');
                return Some(at + 1);
            }
            b'/' if bytes.get(at + 1) == Some(&b'>') => {
                slim.push_str("/>");
                return Some(at + 2);
            }
            _ => {}
        }
        let name_start = at;
        while !matches!(bytes.get(at)?, b'=' | b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            at += 1;
        }
        if at == name_start {
            return None;
        }
        let name = &html[name_start..at];
        let name_end = at;
        let mut value_end = at;
        // The value without its quotes, and the quote.
        let mut value: Option<(&str, &str)> = None;
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            match *bytes.get(at)? {
                quote @ (b'"' | b'\'') => {
                    let value_start = at + 1;
                    at += 1 + memchr::memchr(quote, &bytes[at + 1..])? + 1;
                    value = Some((&html[value_start..at - 1], &html[value_start - 1..value_start]));
                }
                _ => {
                    let value_start = at;
                    while !matches!(bytes.get(at)?, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                        at += 1;
                    }
                    value = Some((&html[value_start..at], ""));
                }
            }
            value_end = at;
        }
        if !reads_attribute(tag, name, also_read) {
            continue;
        }
        let names_attribute = name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id");
        match value {
            Some((value, quote)) if names_attribute && !also_read.keeps_whole(name) => {
                push_read_names(slim, &html[name_start..name_end], value, quote, also_read);
            }
            _ => {
                slim.push(' ');
                slim.push_str(&html[name_start..value_end]);
            }
        }
    }
}

/// The words of the extraction's class and id word lists, for [`push_read_names`]:
/// first those that [`class_weight`] finds anywhere in a name ([`POSITIVE_WORDS`],
/// [`NEGATIVE_WORDS`]), then those that [`names_word_in`] compares with whole parts of a name
/// ([`CHROME_WORDS`], [`HEADER_MATTER_WORDS`]), longest first; ASCII case-insensitively.
struct ReadNameWords {
    finder: aho_corasick::AhoCorasick,
    /// Patterns below this index count anywhere in a name.
    anywhere: usize,
}

static READ_NAME_WORDS: std::sync::LazyLock<ReadNameWords> = std::sync::LazyLock::new(|| {
    let anywhere = [POSITIVE_WORDS, NEGATIVE_WORDS].concat();
    let mut parts = [CHROME_WORDS, HEADER_MATTER_WORDS].concat();
    parts.sort_by_key(|word| std::cmp::Reverse(word.len()));
    let finder = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build([&anywhere[..], &parts[..]].concat())
        .unwrap_or_else(|_| unreachable!("constant words"));
    ReadNameWords { finder, anywhere: anywhere.len() }
});

impl ReadNameWords {
    /// The spans of the names in `value` (separated by ASCII whitespace) that hold a word where
    /// it counts, in order.
    ///
    /// Among the words found at one position, one that counts anywhere comes first, then the
    /// longest whole-part word: a shorter word that the longer one begins with is followed by a
    /// letter, so it is no whole part. Hence when the word found is not a whole part, no word at
    /// its position counts, and the search goes on from the next byte.
    fn read_names(&self, value: &str) -> impl Iterator<Item = std::ops::Range<usize>> {
        let bytes = value.as_bytes();
        // A part of a name ends at `-`, `_` or whitespace; a non-ASCII byte may be part of
        // Unicode whitespace, so it counts as an end too (keeping more, never less).
        let ends_part = |at: usize| {
            bytes.get(at).is_none_or(|b| matches!(b, b'-' | b'_') || !b.is_ascii() || b.is_ascii_whitespace())
        };
        let mut from = 0;
        std::iter::from_fn(move || {
            while from < bytes.len() {
                let found = self.finder.find(aho_corasick::Input::new(bytes).span(from..bytes.len()))?;
                let (start, end) = (found.start(), found.end());
                let counts = found.pattern().as_usize() < self.anywhere
                    || ((start == 0 || ends_part(start - 1)) && ends_part(end));
                if !counts {
                    from = start + 1;
                    continue;
                }
                let name_start = bytes[..start].iter().rposition(u8::is_ascii_whitespace).map_or(0, |space| space + 1);
                let name_end =
                    bytes[end..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |space| end + space);
                from = name_end;
                return Some(name_start..name_end);
            }
            None
        })
    }
}

/// Appends ` class="..."` (or `id`) with only the names that are read: those that hold a word of
/// [`READ_NAME_WORDS`] where it counts, or that a site selector names. The attribute goes when
/// none is left; a value with a character reference (`&...;`) is kept whole, as it reads
/// differently decoded.
fn push_read_names(slim: &mut String, attribute: &str, value: &str, quote: &str, also_read: &SelectorReads) {
    let mut kept = false;
    let mut push = |name: &str| {
        slim.push(' ');
        if !kept {
            slim.push_str(attribute);
            slim.push('=');
            slim.push_str(quote);
        }
        slim.push_str(name);
        kept = true;
    };
    if value.contains('&') {
        push(value);
    } else if also_read.names.is_empty() {
        // Names are visited only where a word is found: most hold none.
        for span in READ_NAME_WORDS.read_names(value) {
            push(&value[span]);
        }
    } else {
        let names = value.as_bytes().split(u8::is_ascii_whitespace).filter(|n| !n.is_empty());
        for name in names.filter_map(|name| std::str::from_utf8(name).ok()) {
            let named = also_read.names.iter().any(|n| n.eq_ignore_ascii_case(name));
            if named || READ_NAME_WORDS.read_names(name).next().is_some() {
                push(name);
            }
        }
    }
    if kept {
        slim.push_str(quote);
    }
}

/// True when `rest` (the bytes after a `<`) opens tag `name`, ASCII case-insensitively.
fn starts_with_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(rest[name.len()], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The `<head>` at `start` reduced to what is read from it (the `<title>`, the `og:` and author
/// `<meta>` tags and the canonical `<link>`), without its end tag, and the offset of that end
/// tag. `None` (the head is then left whole) when it holds text or any element that does not
/// belong in a head: the parser would then leave the head early and put what follows in the
/// body.
fn slim_head(html: &str, start: usize, also_read: &SelectorReads) -> Option<(String, usize)> {
    let bytes = html.as_bytes();
    let open_end = start + 1 + memchr::memchr(b'>', &bytes[start + 1..])? + 1;
    let close = find_matching_end(bytes, open_end, b"head")?;
    let mut head = String::from("<head>");
    let mut at = open_end;
    while at < close {
        let offset = memchr::memchr(b'<', &bytes[at..close]).unwrap_or(close - at);
        // Only whitespace may stand between the tags of a head.
        if !bytes[at..at + offset].iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        if at + offset == close {
            break;
        }
        let tag = at + offset;
        let rest = &bytes[tag + 1..];
        if rest.starts_with(b"!--") {
            at = tag + 4 + memchr::memmem::find(&rest[3..], b"-->")? + 3;
        } else if let Some(name) = [&b"script"[..], b"style", b"noscript", b"template", b"title"]
            .into_iter()
            .find(|n| starts_with_tag(rest, n))
        {
            let content = tag + 1 + memchr::memchr(b'>', rest)? + 1;
            let end_tag = find_end_tag(bytes, content, name)?;
            let after = end_tag + memchr::memchr(b'>', &bytes[end_tag..])? + 1;
            if name == b"title" {
                head.push_str(&html[tag..after]);
            }
            at = after;
        } else if starts_with_tag(rest, b"meta") || starts_with_tag(rest, b"link") || starts_with_tag(rest, b"base") {
            let mut slim = String::new();
            at = match slim_tag_into(html, tag, &mut slim, also_read) {
                Some(after) => {
                    if is_read_head_tag(&slim) {
                        head.push_str(&slim);
                    }
                    after
                }
                None => tag + 1 + memchr::memchr(b'>', rest)? + 1,
            };
        } else if rest.first() == Some(&b'/') {
            // A stray end tag: the parser ignores it in a head.
            at = tag + 1 + memchr::memchr(b'>', rest)? + 1;
        } else {
            return None;
        }
    }
    // The original end tag follows at `close`.
    Some((head, close))
}

/// Elements [`is_skipped`] drops whatever they hold and nothing else reads (`header` stays: a
/// `rel=author` byline is read from it), whose contents [`strip_unread_content`] removes.
const UNREAD_ELEMENTS: &[&str] = &[
    "nav", "footer", "aside", "svg", "noscript", "template", "canvas", "object", "select", "button", "label", "dialog",
];

/// The offset of the `</name` that closes an element of that name opened just before `from`:
/// nested elements of the same name are counted; comments, scripts and styles are stepped
/// over, so a tag inside them does not count. `None` when there is none.
fn find_matching_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    let mut at = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = start + 4 + memchr::memmem::find(&rest[3..], b"-->")? + 3;
            continue;
        }
        if let Some(raw) = [&b"script"[..], b"style"].into_iter().find(|raw| starts_with_tag(rest, raw)) {
            let open_end = start + 1 + memchr::memchr(b'>', rest)? + 1;
            at = find_end_tag(bytes, open_end, raw)? + 2;
            continue;
        }
        if rest.first() == Some(&b'/') && starts_with_tag(&rest[1..], name) {
            depth -= 1;
            if depth == 0 {
                return Some(start);
            }
        } else if starts_with_tag(rest, name) {
            depth += 1;
        }
        at = start + 1;
    }
    None
}

/// The offset of the `</name` that ends raw text begun at `from`, as the tokenizer finds it.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    static END_TAG_OPENER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"</"));
    let mut at = from;
    // Scripts hold many `<` (comparisons, markup in strings) and few `</`.
    while let Some(offset) = END_TAG_OPENER.find(&bytes[at..]) {
        let start = at + offset;
        if starts_with_tag(&bytes[start + 2..], name) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// How the nesting estimate ([`nesting_depth`]) treats an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nesting {
    /// Never holds content (`br`, `img`, ...).
    Void,
    /// Its end tag may be left out (a parser closes it by itself): it does not nest.
    OptionalEnd,
    /// Its content is raw text up to its end tag (`script`, `style`, ...).
    RawText,
    /// Nests.
    Nests,
}

/// How `name` (lowercase) nests; one `match`, as this is asked of every tag of a page.
fn nesting(name: &str) -> Nesting {
    match name {
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "param" | "source"
        | "track" | "wbr" => Nesting::Void,
        "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option" | "optgroup" | "thead" | "tbody" | "tfoot"
        | "colgroup" | "rt" | "rp" => Nesting::OptionalEnd,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes" => Nesting::RawText,
        _ => Nesting::Nests,
    }
}

/// An estimate of the deepest element nesting, from a linear scan of the tags; the scan stops
/// once the depth passes `stop_above`. Start tags of elements that nest open one, as a tree
/// builder does: a `/>` closes it only inside `<svg>` or `<math>` (in HTML, `<div/>` opens a div).
/// An end tag closes the innermost open element of its name and those inside it, and an end tag
/// with no open element of its name closes nothing (`<div></span>` a hundred thousand times is
/// that deep). Comments and raw text (scripts, styles) are skipped. Linear: at most
/// `stop_above` elements are open, and each is closed once.
pub fn nesting_depth(html: &str, stop_above: usize) -> usize {
    let bytes = html.as_bytes();
    let (mut deepest, mut at) = (0usize, 0usize);
    // The open elements' names (lowercased, at most 16 bytes; longer names share the empty one).
    let mut open: Vec<([u8; 16], usize)> = Vec::new();
    // How many of them are `svg` or `math`: inside, `/>` closes an element (foreign content).
    let mut foreign = 0usize;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            continue;
        }
        let mut name_buffer = [0u8; 16];
        // Longer names are no element this scan treats specially.
        let name = lowercase_name(&rest[name_start..name_start + name_len], &mut name_buffer).unwrap_or_default();
        let key = {
            let mut key = [0u8; 16];
            key[..name.len()].copy_from_slice(name.as_bytes());
            (key, name.len())
        };
        let tag_end = memchr::memchr(b'>', rest).map_or(rest.len(), |end| end + 1);
        let self_closing = tag_end >= 2 && rest[tag_end - 2] == b'/';
        at += tag_end;
        if closing {
            if !matches!(nesting(name), Nesting::Void | Nesting::OptionalEnd)
                && let Some(innermost) = open.iter().rposition(|&open_name| open_name == key)
            {
                foreign -= open[innermost..].iter().filter(|(n, len)| is_foreign_root(&n[..*len])).count();
                open.truncate(innermost);
            }
            continue;
        }
        let kind = nesting(name);
        if kind == Nesting::RawText {
            // Skip to the matching end tag (ASCII case-insensitively), as the tokenizer does.
            at = find_end_tag(bytes, at.min(bytes.len()), name.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        if kind != Nesting::Nests || (self_closing && (foreign > 0 || is_foreign_root(name.as_bytes()))) {
            continue;
        }
        foreign += usize::from(is_foreign_root(name.as_bytes()));
        open.push(key);
        deepest = deepest.max(open.len());
        if deepest > stop_above {
            break;
        }
    }
    deepest
}

/// True for the elements that start foreign content (SVG, MathML), where `/>` closes a tag.
fn is_foreign_root(name: &[u8]) -> bool {
    name == b"svg" || name == b"math"
}

/// The token-stream extraction for pages too deep to build into a tree.
fn extract_flat(html: &str) -> Extracted {
    use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
    let sink = FlatSink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut state = tokenizer.sink.state.take();
    flush(&mut state.current, &mut state.lines);
    Extracted { text: state.lines.join("\n"), url: state.url, meta: PageMeta::default() }
}

#[derive(Default)]
struct FlatState {
    lines: Vec<String>,
    current: String,
    /// Open skipped elements (scripts, navigation, ...): text is dropped while this is above 0.
    skipping: usize,
    url: Option<String>,
}

#[derive(Default)]
struct FlatSink {
    state: std::cell::RefCell<FlatState>,
}

impl html5ever::tokenizer::TokenSink for FlatSink {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{TagKind, Token, TokenSinkResult};
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let attr = |wanted: &str| tag.attrs.iter().find(|a| &*a.name.local == wanted).map(|a| &*a.value);
                if tag.kind == TagKind::StartTag && state.url.is_none() {
                    let canonical = name == "link" && attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                    let og = name == "meta" && attr("property") == Some("og:url");
                    let value = if canonical {
                        attr("href")
                    } else if og {
                        attr("content")
                    } else {
                        None
                    };
                    state.url = value.map(str::to_owned);
                }
                if is_skipped_tag(name) && nesting(name) != Nesting::Void {
                    match tag.kind {
                        TagKind::StartTag if !tag.self_closing => state.skipping += 1,
                        TagKind::EndTag => state.skipping = state.skipping.saturating_sub(1),
                        TagKind::StartTag => {}
                    }
                }
                if name == "br" || is_block_tag(name) {
                    let FlatState { current, lines, .. } = &mut *state;
                    flush(current, lines);
                }
                if tag.kind == TagKind::StartTag {
                    return match name {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    };
                }
            }
            Token::CharacterTokens(text) if state.skipping == 0 => push_text(&mut state.current, &text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tree extraction: see the module documentation.
fn extract_tree<'s>(
    html: &str,
    options: HtmlOptions,
    site_html: &dyn Fn(Option<&str>) -> Option<&'s SiteHtml>,
) -> Extracted {
    let document = Html::parse_document(html);
    let url = canonical_url(&document);
    let site = site_html(url.as_deref());
    let stripped: rustc_hash::FxHashSet<ego_tree::NodeId> = site
        .map(|site| site.strip.iter().flat_map(|selector| document.select(selector).map(|e| e.id())).collect())
        .unwrap_or_default();
    let skips = Skips::new(&document, stripped);
    let roots = site
        .and_then(|site| site_roots(&document, &skips, site, options))
        .unwrap_or_else(|| article_roots(&document, &skips, options));
    // The article starts with its title: what the roots hold before the page's one `<h1>` (an
    // author card, a category label) is chrome, unless some of it reads as a sentence.
    let title = lone_heading(&document, &skips);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in roots.iter().flat_map(|root| root.traverse()) {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        let is_root = roots.iter().any(|r| r.id() == node.id());
                        if skips.skips(node)
                            || (!is_root && skips.is_link_block(node))
                            || (options.body_only && skips.is_header_matter(node))
                        {
                            skipping = Some(node.id());
                            continue;
                        }
                        // "You may also like" and the like: the heading and the rest of its
                        // parent go (the list of other articles under it).
                        if !is_root
                            && skips.is_related_heading(node)
                            && let Some(parent) = node.parent()
                        {
                            flush(&mut current, &mut lines);
                            skipping = Some(parent.id());
                            continue;
                        }
                        let name = element.name();
                        if name == "br" || is_block_tag(name) {
                            flush(&mut current, &mut lines);
                        }
                        if title.is_some_and(|title| title.id() == node.id())
                            && !lines.iter().any(|line: &String| is_prose(line))
                        {
                            lines.clear();
                        }
                    }
                    Node::Text(text) => push_text(&mut current, text),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_none()
                    && let Node::Element(element) = node.value()
                    && is_block_tag(element.name())
                {
                    flush(&mut current, &mut lines);
                }
            }
        }
    }
    flush(&mut current, &mut lines);
    let meta = page_meta(&document, &skips);
    Extracted { text: lines.join("\n"), url, meta }
}

/// The title and byline the page gives (see [`PageMeta`]).
fn page_meta(document: &Html, skips: &Skips) -> PageMeta {
    let visible_text = |element: ElementRef<'_>| {
        let mut text = String::new();
        for piece in element.text() {
            push_text(&mut text, piece);
        }
        let text = text.trim().to_owned();
        (!text.is_empty()).then_some(text)
    };
    let meta_content = |selector: &Selector| {
        document
            .select(selector)
            .filter_map(|m| m.attr("content"))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|c| !c.is_empty())
    };
    let heading = document.select(selector!("h1")).filter(|h| !skips.skipped_within(**h)).find_map(visible_text);
    let title = heading
        .or_else(|| meta_content(selector!("meta[property='og:title']")))
        .or_else(|| document.select(selector!("title")).find_map(visible_text));
    let author = meta_content(selector!("meta[name=author]"))
        .or_else(|| document.select(selector!("[rel=author]")).find_map(visible_text));
    PageMeta { title, author }
}

fn push_text(current: &mut String, text: &str) {
    for (i, piece) in text.split(|c: char| c.is_ascii_whitespace()).enumerate() {
        if i > 0 && !current.ends_with(' ') && !current.is_empty() {
            current.push(' ');
        }
        current.push_str(piece);
    }
}

/// Characters other than whitespace, and commas (Latin, CJK and Arabic), of a text node, in one
/// pass; ASCII goes byte by byte.
fn count_text(text: &str) -> (usize, usize) {
    let (mut chars, mut commas) = (0, 0);
    if text.is_ascii() {
        for &byte in text.as_bytes() {
            chars += usize::from(!byte.is_ascii_whitespace() && byte != 0x0b);
            commas += usize::from(byte == b',');
        }
        return (chars, commas);
    }
    for c in text.chars() {
        chars += usize::from(!c.is_whitespace());
        commas += usize::from(matches!(c, ',' | '，' | '、' | '،'));
    }
    (chars, commas)
}

fn flush(current: &mut String, lines: &mut Vec<String>) {
    let line = current.trim_matches(|c: char| c.is_ascii_whitespace());
    if !line.is_empty() {
        lines.push(line.to_owned());
    }
    current.clear();
}

/// Skipped whatever it holds: non-text elements, form controls, page chrome tags, hidden ones.
fn is_skipped(element: &scraper::node::Element) -> bool {
    if is_skipped_tag(element.name()) {
        return true;
    }
    // One pass over the attributes (the parser lowercases their names).
    element.attrs().any(|(name, value)| match name {
        "hidden" => true,
        "aria-hidden" => value.eq_ignore_ascii_case("true"),
        "style" => hides(value),
        _ => false,
    })
}

/// Whether a `style` attribute hides its element (`display: none`, `visibility: hidden`).
fn hides(style: &str) -> bool {
    let has = |word: &[u8]| style.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    // Most styles name neither value: that check needs no allocation.
    if !has(b"none") && !has(b"hidden") {
        return false;
    }
    let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Named as chrome by a class or id word (share, comment, menu, ...), or a `<form>` (a search
/// box, a comment form; but some sites wrap the whole page in one). Such an element is skipped
/// unless it holds the article: see [`Skips::skips`].
fn is_chrome_named(element: &scraper::node::Element) -> bool {
    match element.name() {
        "html" | "body" | "main" | "article" => false,
        "form" => true,
        _ => names_word_in(element, CHROME_WORDS),
    }
}

/// Whether a word of the element's class or id (split at spaces, `-` and `_`) is one of
/// `words` (lowercase), compared without case and without allocating.
fn names_word_in(element: &scraper::node::Element, words: &[&str]) -> bool {
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    names
        .flat_map(|value| value.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|word| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
}

/// Text statistics of one element's visible subtree.
#[derive(Debug, Clone, Copy, Default)]
struct TextStats {
    /// Characters of visible text.
    chars: usize,
    /// Of which inside links.
    link_chars: usize,
    /// Commas (Latin, CJK and Arabic), a sign of prose.
    commas: usize,
    /// Holds a block element (a `div` without one is a paragraph).
    has_block_child: bool,
}

/// Headings of "related articles" lists, in the common languages (the whole heading text).
static RELATED_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:related(?: articles| posts| stories| news| reading| content)?|you (?:may|might) also (?:like|enjoy)|more (?:stories|articles|news)(?: from .*)?|recommended(?: for you| articles)?|(?:leia|veja) também|você (?:também )?pode gostar|(?:también )?te puede interesar|artículos relacionados|notícias relacionadas|vous aimerez aussi|à lire aussi|articles similaires|das könnte sie auch interessieren|weitere artikel|ähnliche artikel|читайте также|похожие (?:статьи|новости)|相关(?:文章|阅读|新闻)|推荐阅读|関連記事|おすすめ記事|관련 기사|함께 보면 좋은 글)\s*[.:…]*$",
    )
    .unwrap_or_else(|_| unreachable!("constant regex"))
});

/// Words in a class or id that mark a byline, dateline, caption or credit ([`HtmlOptions::body_only`]).
const HEADER_MATTER_WORDS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "dateline",
    "date",
    "timestamp",
    "published",
    "updated",
    "posted",
    "caption",
    "credit",
    "credits",
];
/// A byline or caption is short; a longer element with such a class word is a container.
const MAX_HEADER_MATTER_CHARS: usize = 200;

/// Above this share of link text, a block inside the article is a list of links, not text.
const LINK_BLOCK_DENSITY: f64 = 0.5;

/// A `[itemprop=articleBody]` element with at least this much text is the article's container.
const MARKED_BODY_MIN_CHARS: usize = 250;

/// Words in a class or id that make an element more likely to hold the article.
const POSITIVE_WORDS: &[&str] =
    &["article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story", "prose"];
/// Words that make it less likely.
const NEGATIVE_WORDS: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "contact",
    "foot",
    "footer",
    "footnote",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "nav",
    "menu",
    "subscribe",
    "newsletter",
    "recirc",
    "teaser",
    "card",
    "gallery",
    "caption",
    "slide",
    "carousel",
    "photo",
];

/// The visible text statistics of every element, in one pass (skipped subtrees count nothing).
/// The text statistics of every element outside structurally skipped subtrees (see [`Skips`]),
/// from one walk that also collects those subtrees (`within`: all their nodes, `roots`: their
/// tops) and, in document order, the elements named as chrome outside them.
struct Walked {
    stats: FxHashMap<ego_tree::NodeId, TextStats>,
    within: rustc_hash::FxHashSet<ego_tree::NodeId>,
    roots: rustc_hash::FxHashSet<ego_tree::NodeId>,
    chrome_named: Vec<ego_tree::NodeId>,
}

fn text_stats(document: &Html, stripped: &rustc_hash::FxHashSet<ego_tree::NodeId>) -> Walked {
    let mut stats = FxHashMap::with_capacity_and_hasher(document.tree.nodes().len(), Default::default());
    let mut within = rustc_hash::FxHashSet::default();
    let mut roots = rustc_hash::FxHashSet::default();
    let mut chrome_named = Vec::new();
    // One frame per open element: its id, its statistics so far, and whether it is a link.
    let mut stack: Vec<(ego_tree::NodeId, TextStats, bool)> = Vec::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Element(element) if is_skipped(element) || stripped.contains(&node.id()) => {
                    skipping = Some(node.id());
                    roots.insert(node.id());
                    within.insert(node.id());
                }
                Node::Element(element) => {
                    if is_chrome_named(element) {
                        chrome_named.push(node.id());
                    }
                    stack.push((node.id(), TextStats::default(), element.name() == "a"));
                }
                Node::Text(text) => {
                    if let Some((_, frame, _)) = stack.last_mut() {
                        let (chars, commas) = count_text(text);
                        frame.chars += chars;
                        frame.commas += commas;
                    }
                }
                _ => {}
            },
            Edge::Open(node) => {
                within.insert(node.id());
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() || !matches!(node.value(), Node::Element(_)) {
                    continue;
                }
                let Some((id, mut frame, is_link)) = stack.pop() else { continue };
                if is_link {
                    frame.link_chars = frame.chars;
                }
                stats.insert(id, frame);
                if let Some((_, parent, _)) = stack.last_mut() {
                    parent.chars += frame.chars;
                    parent.link_chars += frame.link_chars;
                    parent.commas += frame.commas;
                    let is_block =
                        node.value().as_element().is_some_and(|e| is_block_tag(e.name()) && e.name() != "li");
                    parent.has_block_child |= is_block;
                }
            }
        }
    }
    Walked { stats, within, roots, chrome_named }
}

/// Which elements the extraction leaves out: structural skips always; elements named as chrome
/// only when they hold less than half the page's text (a `<body class="menu-dropdown">` or a
/// `<div id="comments-and-article">` wrapper holds the article and stays).
struct Skips {
    stats: FxHashMap<ego_tree::NodeId, TextStats>,
    page_chars: usize,
    /// Every node that is skipped or inside a skipped element, found in one walk.
    within_skipped: rustc_hash::FxHashSet<ego_tree::NodeId>,
    /// The outermost skipped elements (the roots of the skipped subtrees).
    skipped_roots: rustc_hash::FxHashSet<ego_tree::NodeId>,
    /// Elements the site's `strip` selectors name.
    stripped: rustc_hash::FxHashSet<ego_tree::NodeId>,
}

impl Skips {
    fn new(document: &Html, stripped: rustc_hash::FxHashSet<ego_tree::NodeId>) -> Self {
        let Walked { stats, mut within, mut roots, chrome_named } = text_stats(document, &stripped);
        let page_chars = stats.values().map(|s| s.chars).max().unwrap_or(0);
        // Chrome-named elements, outermost first: one is skipped (with all it holds) unless it
        // holds half the page's text or more.
        for id in chrome_named {
            if within.contains(&id) {
                continue;
            }
            if stats.get(&id).is_none_or(|s| s.chars * 2 < page_chars)
                && let Some(node) = document.tree.get(id)
            {
                roots.insert(id);
                within.extend(node.descendants().map(|n| n.id()));
            }
        }
        Self { stats, page_chars, within_skipped: within, skipped_roots: roots, stripped }
    }

    /// Whether the extraction leaves `node` out (with all it holds).
    fn skips(&self, node: NodeRef<'_, Node>) -> bool {
        if !self.within_skipped.contains(&node.id()) {
            return false;
        }
        self.skipped_roots.contains(&node.id()) || self.evaluate(node)
    }

    fn evaluate(&self, node: NodeRef<'_, Node>) -> bool {
        let Some(element) = node.value().as_element() else { return false };
        if is_skipped(element) || self.stripped.contains(&node.id()) {
            return true;
        }
        is_chrome_named(element) && self.stats.get(&node.id()).is_none_or(|s| s.chars * 2 < self.page_chars)
    }

    /// A block inside the article that is mostly links (a related list, a tag line, a "read
    /// more" box) — as Readability's conditional cleaning drops them.
    fn is_link_block(&self, node: NodeRef<'_, Node>) -> bool {
        let Some(element) = node.value().as_element() else { return false };
        let Some(stat) = self.stats.get(&node.id()) else { return false };
        if stat.chars == 0 {
            return false;
        }
        let density = stat.link_chars as f64 / stat.chars as f64;
        match element.name() {
            "div" | "section" | "ul" | "ol" | "table" | "dl" | "aside" | "figure" => {
                density > LINK_BLOCK_DENSITY || (class_weight(element) < 0.0 && density > 0.2)
            }
            "p" | "li" | "span" => density > 0.8 && stat.chars < 120 && stat.commas == 0,
            _ => false,
        }
    }

    /// With [`HtmlOptions::body_only`]: the title, a byline or dateline, a caption or credit.
    fn is_header_matter(&self, node: NodeRef<'_, Node>) -> bool {
        let Some(element) = node.value().as_element() else { return false };
        if matches!(element.name(), "h1" | "time" | "address" | "figcaption") {
            return true;
        }
        let short = self.stats.get(&node.id()).is_none_or(|s| s.chars < MAX_HEADER_MATTER_CHARS);
        short && names_word_in(element, HEADER_MATTER_WORDS)
    }

    /// A short heading that introduces a list of other articles.
    fn is_related_heading(&self, node: NodeRef<'_, Node>) -> bool {
        let Some(element) = node.value().as_element() else { return false };
        if !matches!(element.name(), "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div" | "span" | "strong") {
            return false;
        }
        if self.stats.get(&node.id()).is_none_or(|s| s.chars == 0 || s.chars > 40) {
            return false;
        }
        let Some(element_ref) = ElementRef::wrap(node) else { return false };
        let text: String = element_ref.text().collect();
        RELATED_HEADING.is_match(text.trim())
    }

    /// True when `node` or one of its ancestors is skipped.
    fn skipped_within(&self, node: NodeRef<'_, Node>) -> bool {
        self.within_skipped.contains(&node.id())
    }
}

fn class_weight(element: &scraper::node::Element) -> f64 {
    // The words have no spaces, so class and id are searched one at a time, lowercased only
    // when they hold an upper-case letter.
    let names: Vec<std::borrow::Cow<'_, str>> = [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
        .filter(|value| !value.is_empty())
        .map(|value| {
            if value.bytes().any(|b| b.is_ascii_uppercase()) {
                std::borrow::Cow::Owned(value.to_ascii_lowercase())
            } else {
                std::borrow::Cow::Borrowed(value)
            }
        })
        .collect();
    let named = |words: &[&str]| names.iter().any(|name| words.iter().any(|w| name.contains(w)));
    let mut weight = 0.0;
    if named(NEGATIVE_WORDS) {
        weight -= 25.0;
    }
    if named(POSITIVE_WORDS) {
        weight += 25.0;
    }
    weight
}

fn tag_weight(name: &str) -> f64 {
    match name {
        "article" => 10.0,
        "div" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The elements that hold the article, in document order: the best-scoring container, as the
/// Readability family scores them (paragraph text and commas credited to parents and
/// grandparents, weighted by tag and class, discounted by link density), with the siblings
/// that score nearly as well or read as paragraphs. Falls back to `article_root`.
fn article_roots<'d>(document: &'d Html, skips: &Skips, options: HtmlOptions) -> Vec<NodeRef<'d, Node>> {
    let stats = &skips.stats;
    let mut scores: FxHashMap<ego_tree::NodeId, f64> = FxHashMap::default();
    let initial =
        |node: NodeRef<'_, Node>| node.value().as_element().map_or(0.0, |e| tag_weight(e.name()) + class_weight(e));
    for node in document.tree.root().descendants() {
        let Some(element) = node.value().as_element() else { continue };
        let Some(stat) = stats.get(&node.id()) else { continue };
        let paragraph = matches!(element.name(), "p" | "pre" | "td" | "blockquote")
            || (element.name() == "div" && !stat.has_block_child);
        if !paragraph || stat.chars < 25 || skips.skipped_within(node) {
            continue;
        }
        let score = 1.0 + stat.commas as f64 + (stat.chars as f64 / 100.0).min(3.0);
        for (level, ancestor) in node.ancestors().filter(|a| a.value().is_element()).take(5).enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f64 * 3.0,
            };
            *scores.entry(ancestor.id()).or_insert_with(|| initial(ancestor)) += score / divider;
        }
    }
    let final_score = |id: ego_tree::NodeId, score: f64| {
        let stat = stats.get(&id).copied().unwrap_or_default();
        let density = if stat.chars == 0 { 0.0 } else { stat.link_chars as f64 / stat.chars as f64 };
        score * (1.0 - density)
    };
    // A page that marks its article body with schema.org microdata says where it is.
    let marked = document
        .select(selector!("[itemprop=articleBody]"))
        .map(|e| *e)
        .find(|n| !skips.skipped_within(*n) && stats.get(&n.id()).is_some_and(|s| s.chars >= MARKED_BODY_MIN_CHARS));
    let best = scores
        .iter()
        .map(|(&id, &score)| (id, final_score(id, score)))
        .filter(|(id, _)| {
            document
                .tree
                .get(*id)
                .is_some_and(|n| n.value().as_element().is_some_and(|e| e.name() != "body" && e.name() != "html"))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    let best = match marked {
        Some(node) => Some((node.id(), scores.get(&node.id()).map_or(0.0, |&s| final_score(node.id(), s)))),
        None => best.map(|(id, score)| climb(document, &scores, &final_score, id, score)),
    };
    let Some((best_id, best_score)) = best else { return vec![article_root(document)] };
    let Some(top) = document.tree.get(best_id) else { return vec![article_root(document)] };
    let Some(parent) = top.parent() else { return vec![top] };
    let threshold = (best_score * 0.2).max(10.0);
    let mut roots = Vec::new();
    // The title: the page's one visible `<h1>`, when it stands before the article's container
    // rather than in it (the container is often the body `div` under the headline).
    let title = lone_heading_before(document, skips, best_id, |id| id == best_id);
    for sibling in parent.children() {
        if sibling.id() == best_id {
            roots.push(sibling);
            continue;
        }
        let Some(element) = sibling.value().as_element() else { continue };
        if skips.skips(sibling) {
            continue;
        }
        let stat = stats.get(&sibling.id()).copied().unwrap_or_default();
        let score = scores.get(&sibling.id()).map_or(0.0, |&s| final_score(sibling.id(), s));
        let density = if stat.chars == 0 { 1.0 } else { stat.link_chars as f64 / stat.chars as f64 };
        let paragraph_like = element.name() == "p"
            && ((stat.chars > 80 && density < 0.25) || (stat.chars > 0 && density == 0.0 && stat.commas > 0));
        if score >= threshold || paragraph_like {
            roots.push(sibling);
        }
    }
    if let Some(title) = title.filter(|_| !options.body_only)
        && !roots.iter().any(|root| title.ancestors().any(|a| a.id() == root.id()))
    {
        roots.insert(0, title);
    }
    roots
}

/// The article's containers as the site's `content` selectors name them: every element the
/// first selector that matches anything finds (not inside another match or a skipped
/// element), with the page's one `<h1>` in front when it stands before them. `None` when no
/// selector matches: the generic search runs.
fn site_roots<'d>(
    document: &'d Html,
    skips: &Skips,
    site: &SiteHtml,
    options: HtmlOptions,
) -> Option<Vec<NodeRef<'d, Node>>> {
    let mut roots: Vec<NodeRef<'d, Node>> = site.content.iter().find_map(|selector| {
        let found: Vec<NodeRef<'d, Node>> =
            document.select(selector).map(|e| *e).filter(|n| !skips.skipped_within(*n)).collect();
        (!found.is_empty()).then_some(found)
    })?;
    let ids: rustc_hash::FxHashSet<ego_tree::NodeId> = roots.iter().map(NodeRef::id).collect();
    roots.retain(|root| !root.ancestors().any(|a| ids.contains(&a.id())));
    let first = roots.first()?.id();
    if let Some(heading) = lone_heading_before(document, skips, first, |id| ids.contains(&id))
        && !options.body_only
    {
        roots.insert(0, heading);
    }
    Some(roots)
}

/// The page's one visible `<h1>`, when it stands before node `first` and inside none of the
/// containers `is_container` names.
fn lone_heading_before<'d>(
    document: &'d Html,
    skips: &Skips,
    first: ego_tree::NodeId,
    is_container: impl Fn(ego_tree::NodeId) -> bool,
) -> Option<NodeRef<'d, Node>> {
    lone_heading(document, skips)
        .filter(|heading| heading.id() < first && !heading.ancestors().any(|a| is_container(a.id())))
}

/// The page's one visible `<h1>` (outside skipped chrome), if it has exactly one.
fn lone_heading<'d>(document: &'d Html, skips: &Skips) -> Option<NodeRef<'d, Node>> {
    let mut headings = document
        .tree
        .root()
        .descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "h1"))
        .filter(|n| !skips.skipped_within(*n));
    let heading = headings.next()?;
    headings.next().is_none().then_some(heading)
}

/// Moves the top candidate up to the ancestor that holds the article when the text is split
/// into several blocks (as Readability does): an ancestor shared by at least three of the five
/// best candidates that score near the top, or the parent of an only child.
fn climb(
    document: &Html,
    scores: &FxHashMap<ego_tree::NodeId, f64>,
    final_score: &dyn Fn(ego_tree::NodeId, f64) -> f64,
    best_id: ego_tree::NodeId,
    best_score: f64,
) -> (ego_tree::NodeId, f64) {
    let mut ranked: Vec<(ego_tree::NodeId, f64)> =
        scores.iter().map(|(&id, &score)| (id, final_score(id, score))).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let near: Vec<ego_tree::NodeId> =
        ranked.iter().skip(1).take(4).filter(|(_, score)| *score >= best_score * 0.75).map(|(id, _)| *id).collect();
    let Some(top) = document.tree.get(best_id) else { return (best_id, best_score) };
    let is_page = |n: &NodeRef<'_, Node>| n.value().as_element().is_none_or(|e| matches!(e.name(), "body" | "html"));
    if near.len() >= 2 {
        for ancestor in top.ancestors().take_while(|a| !is_page(a)) {
            let holding = near
                .iter()
                .filter(|id| document.tree.get(**id).is_some_and(|n| n.ancestors().any(|a| a.id() == ancestor.id())))
                .count();
            if holding + 1 >= 3 {
                let score = scores.get(&ancestor.id()).map_or(best_score, |&s| final_score(ancestor.id(), s));
                return (ancestor.id(), score);
            }
        }
    }
    let mut node = top;
    while let Some(parent) = node.parent().filter(|p| !is_page(p)) {
        if parent.children().filter(|c| c.value().is_element()).count() != 1 {
            break;
        }
        node = parent;
    }
    (node.id(), best_score)
}

/// The element whose subtree is the article, by markup alone (when nothing scores).
fn article_root(document: &Html) -> NodeRef<'_, Node> {
    let paragraphs = selector!("p");
    let text_len = |element: &ElementRef<'_>| -> usize {
        element.select(paragraphs).map(|p| p.text().map(str::len).sum::<usize>()).sum()
    };
    let best_article = document.select(selector!("article")).max_by_key(|a| text_len(a));
    if let Some(article) = best_article.filter(|a| text_len(a) > 0) {
        return *article;
    }
    for selector in [selector!("[itemprop=articleBody]"), selector!("main"), selector!("body")] {
        if let Some(element) = document.select(selector).next() {
            return *element;
        }
    }
    document.tree.root()
}

fn canonical_url(document: &Html) -> Option<String> {
    let canonical = document.select(selector!("link[rel=canonical]")).next().and_then(|l| l.attr("href"));
    let og = || document.select(selector!("meta[property='og:url']")).next().and_then(|m| m.attr("content"));
    canonical.or_else(og).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(html: &str) -> std::borrow::Cow<'_, str> {
        strip_unread_content(html, &SelectorReads::default())
    }

    /// Slimming as when some site has selectors: unread elements stay, bare.
    fn strip_keeping_shape(html: &str) -> std::borrow::Cow<'_, str> {
        strip_unread_content(html, &SelectorReads { keeps_shape: true, ..SelectorReads::default() })
    }
    use crate::limits::Limits;

    #[test]
    fn keeps_article_blocks_and_drops_chrome() {
        let page = r#"<html><head><title>T</title><link rel="canonical" href="https://www.okx.com/es/learn/x"></head>
<body><nav><a>Home</a></nav><article><div class="share-bar">Share</div><h1>Title &amp; more</h1>
<div class="article-meta">5 min read</div><p>First <em>para</em>graph,
  wrapped.</p><ul><li>One</li><li>Two</li></ul><p hidden>Hidden</p><p style="display: none">Gone</p>
<section class="related"><h3>Related</h3><p>Other</p></section><script>var x = 1;</script></article>
<footer>© Site</footer></body></html>"#;
        let extracted = extract(page);
        assert_eq!(extracted.text, "Title & more\nFirst paragraph, wrapped.\nOne\nTwo");
        assert_eq!(extracted.url.as_deref(), Some("https://www.okx.com/es/learn/x"));
    }

    #[test]
    fn body_only_leaves_out_title_byline_dateline_and_captions() {
        let page = r#"<html><body><h1>Markets rally</h1><div class="post">
<div class="byline">By Ana Silva</div><p class="date-published">Published <time>Nov 19, 2019</time></p>
<p>Stocks rose on Tuesday, led by technology shares, as investors weighed new data.</p>
<figure><img src="a.jpg"><figcaption>Traders on the floor. Photo: Reuters</figcaption></figure>
<p>Bond yields fell, and the dollar slipped against the euro and the yen in late trading.</p>
</div></body></html>"#;
        let body = "Stocks rose on Tuesday, led by technology shares, as investors weighed new data.\n\
                    Bond yields fell, and the dollar slipped against the euro and the yen in late trading.";
        let only = extract_with(page, usize::MAX, HtmlOptions { body_only: true }).extracted.text;
        assert_eq!(only, body);
        let whole = extract(page).text;
        assert!(whole.starts_with("Markets rally\nBy Ana Silva\nPublished Nov 19, 2019\n"), "{whole}");
        assert!(whole.contains("Traders on the floor."), "{whole}");
    }

    #[test]
    fn title_and_byline_come_from_the_page() {
        let page = r#"<html><head><title>Site | Markets rally</title><meta property="og:title" content="OG title">
<meta name="author" content="  Ana   Silva "></head><body><nav><h1>Site menu</h1></nav>
<article><h1>Markets <em>rally</em></h1><p>Stocks rose on Tuesday, led by technology shares.</p></article></body></html>"#;
        let meta = extract(page).meta;
        assert_eq!(meta.title.as_deref(), Some("Markets rally"), "the visible h1, not the one in the nav");
        assert_eq!(meta.author.as_deref(), Some("Ana Silva"));
        let bare = r#"<html><head><title> Only the title </title></head><body><p>Text <a rel="author" href="/a">Bo Li</a></p></body></html>"#;
        let meta = extract(bare).meta;
        assert_eq!(meta.title.as_deref(), Some("Only the title"));
        assert_eq!(meta.author.as_deref(), Some("Bo Li"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // The traversal is iterative at any depth. (html5ever's tree building is quadratic in
        // the nesting depth, so this test stays at a depth that runs quickly.)
        let page = format!("<body>{}<p>Deep</p>{}</body>", "<div>".repeat(5_000), "</div>".repeat(5_000));
        assert!(extract(&page).text.contains("Deep"));
    }

    #[test]
    fn script_and_style_contents_and_comments_are_stripped_before_parsing() {
        let page =
            "<p>a</p><SCRIPT type=x>if (a<b) { s = '<p>no</p>'; }</script ><!-- <p>c</p> --><style>p{}</style><p>d</p>";
        assert_eq!(strip(page), "<p>a</p><p>d</p>");
        assert_eq!(strip_keeping_shape(page), "<p>a</p><script></script ><style></style><p>d</p>");
        // Only the attributes the extraction reads stay; quoted values may hold `>`.
        let tag = r#"<div data-x='a>b' class="post body" onclick=go() hidden><img src=x.png alt="y"/>"#;
        assert_eq!(strip(tag), r#"<div class="post body" hidden>"#);
        assert_eq!(strip_keeping_shape(tag), r#"<div class="post body" hidden><img>"#);
        assert_eq!(extract(page).text, "a\nd");
        // Unclosed: everything after the open tag is script text, as for the tokenizer.
        assert_eq!(strip("<p>a</p><script>x"), "<p>a</p>");
        assert_eq!(strip_keeping_shape("<p>a</p><script>x"), "<p>a</p><script>");
        assert!(matches!(strip("<p>plain</p>"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn contents_of_always_skipped_elements_are_stripped_when_their_end_is_found() {
        // Nested navs count; a `</nav>` in a comment or a script does not end the element.
        let page = "<p>a</p><nav class=x><ul><li>Home<nav>inner</nav></li></ul><!-- </nav> -->\
                    <script>s = '</nav>';</script>menu</nav><p>b</p><svg viewBox=0><path d=M0/></svg>";
        assert_eq!(strip(page), "<p>a</p><p>b</p>");
        assert_eq!(strip_keeping_shape(page), "<p>a</p><nav></nav><p>b</p><svg></svg>");
        assert_eq!(extract(page).text, extract_tree(page, HtmlOptions::default(), &|_| None).text);
        // Without its end tag the element is left whole for the parser.
        let unclosed = "<p>a</p><footer><p>c";
        assert_eq!(strip(unclosed), unclosed);
        assert_eq!(strip("<p>a</p><svg/><p>b</p>"), "<p>a</p><svg/><p>b</p>");
    }

    #[test]
    fn the_head_keeps_only_what_is_read_from_it() {
        let page = "<html><head>\n<meta charset=utf-8><title>A &lt;b&gt; title</title>\
                    <link rel=stylesheet href=a.css><link rel=\"canonical\" href=\"https://x.test/a\">\
                    <meta property=og:title content=\"OG\"><!-- c --><script>var a = '</head>';</script>\
                    <meta name=author content=\"Ana\"></head><body><p>Text</p></body></html>";
        assert_eq!(
            strip(page),
            "<html><head><title>A &lt;b&gt; title</title><link rel=\"canonical\" href=\"https://x.test/a\">\
             <meta property=og:title content=\"OG\"><meta name=author content=\"Ana\"></head><body><p>Text</p></body></html>"
        );
        let extracted = extract(page);
        assert_eq!(extracted.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(extracted.meta.author.as_deref(), Some("Ana"));
        // Text or a body element in the head ends it early for the parser: the head stays whole.
        for odd in ["<head><title>T</title>stray<p>x</p></head>", "<head><div>x</div></head>"] {
            assert!(strip(odd).starts_with("<head><title>T</title>") || strip(odd) == odd);
            assert!(strip(odd).contains('x'), "{odd}");
        }
    }

    #[test]
    fn only_read_names_links_and_metas_stay_and_whitespace_between_tags_shrinks() {
        // Class and id names without a word the extraction reads go; the attribute goes when
        // none is left. A character reference keeps the value whole.
        let tag = r#"<div class="flex mt-4 Share-Bar p-2" id=x91><span class='pl-2'>t</span><p class="&#115;hare">"#;
        assert_eq!(strip(tag), r#"<div class="Share-Bar"><span>t</span><p class="&#115;hare">"#);
        // `href` is read from a canonical `<link>` only; metas and links the extraction does not
        // read go (or stay as bare tags, keeping the tree's shape for site selectors).
        let body = "<body><a href=\"/x\" rel=author>A</a><meta itemprop=x content=y>\
                    <link rel=canonical href=\"https://x.test/a\"><link rel=stylesheet href=s.css></body>";
        assert_eq!(strip(body), "<body><a rel=author>A</a><link rel=canonical href=\"https://x.test/a\"></body>");
        assert_eq!(
            strip_keeping_shape(body),
            "<body><a rel=author>A</a><meta><link rel=canonical href=\"https://x.test/a\"><link></body>"
        );
        // One whitespace character reads as a run does.
        let spaced = "<ul>\n    <li>a</li>\n\n  <li>b  c</li> \t </ul>";
        assert_eq!(strip(spaced), "<ul>\n<li>a</li>\n<li>b  c</li> </ul>");
        for page in [tag, body, spaced] {
            assert_eq!(extract(page).text, extract_tree(page, HtmlOptions::default(), &|_| None).text);
        }
    }

    #[test]
    fn a_name_is_kept_when_a_word_counts_in_it() {
        fn kept(value: &str) -> Vec<&str> {
            READ_NAME_WORDS.read_names(value).map(|span| &value[span]).collect()
        }
        // Whole-part words (`ad`, `advert`, `comments`) count only between `-`, `_`, spaces;
        // words that class weights find anywhere (`post`, `tool`) count anywhere.
        assert_eq!(kept("header padding ad-slot"), ["ad-slot"]);
        assert_eq!(kept("advert-box adverts x_COMMENTS"), ["advert-box", "x_COMMENTS"]);
        assert_eq!(kept("postedx toolbar\tgrid"), ["postedx", "toolbar"]);
        // Every kept name is one the extraction reads, and the others are not.
        for name in ["header", "padding", "adverts", "grid", "mt-4"] {
            let element = Html::parse_fragment(&format!("<div class={name}></div>"));
            let div = element.select(selector!("div")).next().map(|d| d.value().clone());
            let div = div.expect("a div");
            assert!(!names_word_in(&div, CHROME_WORDS) && class_weight(&div) == 0.0, "{name}");
        }
    }

    #[test]
    fn what_site_selectors_read_survives_the_slimming() {
        let mut reads = SelectorReads::default();
        for css in ["div[data-role = post] > .Post-Body", "#main p", "article:not(.x1)"] {
            reads.note(css);
        }
        assert_eq!(reads.attributes, ["data-role"]);
        // Structural selectors (`:nth-child`) count elements the extraction never reads.
        assert!(reads.keeps_shape);
        assert_eq!(reads.names, ["Post-Body", "main", "x1"]);
        let page = r#"<div data-role=post data-x=1 class="Post-Body grid"><p id=main class=x1>Text</p></div>"#;
        assert_eq!(
            strip_unread_content(page, &reads),
            r#"<div data-role=post class="Post-Body"><p id=main class=x1>Text</p></div>"#
        );
        // An attribute selector over class (or an escape) keeps class and id whole.
        reads.note("[class*=grid]");
        assert_eq!(
            strip_unread_content(page, &reads),
            r#"<div data-role=post class="Post-Body grid"><p id=main class=x1>Text</p></div>"#
        );
    }

    #[test]
    fn a_page_wrapped_in_a_form_is_read() {
        let page = "<body><form id=aspnetForm><div><p>An article paragraph, long enough, with commas, to read as text.</p></div></form>\
                    <form class=search><input name=q><p>Search</p></form></body>";
        assert_eq!(extract(page).text, "An article paragraph, long enough, with commas, to read as text.");
    }

    #[test]
    fn text_counts_agree_for_ascii_and_other_text() {
        for text in ["a, b\t\x0b c\r\n", "  ", "", "x\u{1c}y", "один, два\u{a0}три，四、五،"] {
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let commas = text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count();
            assert_eq!(count_text(text), (chars, commas), "{text:?}");
        }
    }

    #[test]
    fn elements_stripped_before_parsing_are_ones_the_extraction_always_skips() {
        // Removing an element's contents is only safe if nothing would have read them.
        for name in UNREAD_ELEMENTS.iter().chain(RAW_TEXT_SKIPPED) {
            assert!(is_skipped_tag(name), "{name}");
        }
    }

    #[test]
    fn tag_soup_never_panics_the_stripping_or_the_extraction() {
        let pieces = [
            "<head",
            "</head>",
            "<nav",
            "</nav>",
            "<svg",
            "</svg>",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<title>",
            "</title>",
            "<meta ",
            "<link rel=canonical href=",
            ">",
            "/>",
            "/",
            "\"",
            "'",
            "x",
            " ",
            "=",
            "<p>",
            "<div class=a>",
            "</div>",
            "<h1>",
            "é",
            "\u{0}",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..3_000 {
            let mut page = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for step in 0..(state % 24) {
                page.push_str(pieces[(state.rotate_left(step as u32 * 7) % pieces.len() as u64) as usize]);
            }
            let _ = strip(&page);
            let _ = extract_with(&page, 64, HtmlOptions { body_only: true });
            let _ = extract(&page);
        }
    }

    #[test]
    fn depth_estimate_counts_nesting_elements_only() {
        assert_eq!(nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>", 100), 3);
        assert_eq!(nesting_depth("<div><!-- <div><div> --><script>'<div><div>'</script></div>", 100), 1);
        // In HTML, `/>` does not close a span: it is open inside the two divs until `</dIV>`.
        assert_eq!(nesting_depth("<DIV><Div><span/></dIV>", 100), 3);
        // Inside SVG it does: the icons' paths add nothing.
        assert_eq!(nesting_depth(&format!("<div><svg>{}</svg></div>", "<path d=x/>".repeat(1_000)), 100), 2);
        // End tags that close nothing open leave the depth as it is, as a tree builder does.
        assert_eq!(nesting_depth(&"<div></span>".repeat(1_000), 100), 101);
        assert_eq!(nesting_depth(&"<div/>".repeat(1_000), 100), 101);
        assert_eq!(nesting_depth(&"<div></div>".repeat(1_000), 100), 1);
        assert_eq!(nesting_depth("<div><span><b>x</div><p>y", 100), 3);
        // The scan stops once past the limit.
        assert_eq!(nesting_depth(&"<div>".repeat(1_000), 10), 11);
    }

    #[test]
    fn pages_deeper_than_the_limit_are_read_from_the_token_stream() {
        let page = format!(
            "<html><head><link rel=canonical href=\"https://x.test/a\"><script>var s = '<p>no</p>';</script></head><body>{}<h1>Title &amp; more</h1><p>Deep<br>text</p><nav>Menu</nav>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let within = extract_within(&page, Limits::DEFAULT_MAX_HTML_DEPTH);
        assert_eq!(within.flattened_at_depth, Some(Limits::DEFAULT_MAX_HTML_DEPTH + 1));
        assert_eq!(within.extracted.text, "Title & more\nDeep\ntext");
        assert_eq!(within.extracted.url.as_deref(), Some("https://x.test/a"));
        // Within the limit, the tree extraction runs and gives the same blocks here.
        let shallow = page.replace(&"<div>".repeat(100_000), "<div>").replace(&"</div>".repeat(100_000), "</div>");
        let tree = extract_within(&shallow, Limits::DEFAULT_MAX_HTML_DEPTH);
        assert_eq!(tree.flattened_at_depth, None);
        assert_eq!((tree.extracted.text, tree.extracted.url), (within.extracted.text, within.extracted.url));
    }

    #[test]
    fn br_ends_a_line_and_nbsp_stays() {
        assert_eq!(extract("<body><p>a&nbsp;b<br>c</p></body>").text, "a\u{a0}b\nc");
    }
}
