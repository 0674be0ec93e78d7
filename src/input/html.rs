//! Extracting an article's text from an HTML page: one line per block, then the same rules as
//! text input.
//!
//! * The root is the `<article>` with the most paragraph text, else `[itemprop=articleBody]`,
//!   else `<main>`, else `<body>`.
//! * Skipped subtrees: scripts, styles and other non-text elements; form controls; `hidden`,
//!   `aria-hidden="true"` and `display:none` elements; `nav`, `header`, `footer`, `aside`; and
//!   elements whose class or id names chrome (share, social, comment, related, cookie, subscribe,
//!   promo, breadcrumb, menu, meta, disclaimer, ...), even inside the article.
//! * Each block (`p`, `h1`–`h6`, `li`, `blockquote`, `pre`, `td`/`th`, `dt`/`dd`,
//!   `figcaption`, and text directly in a `div`) becomes a line; `<br>` ends a line; inline
//!   markup is flattened, entities are decoded, runs of ASCII whitespace collapse to one space
//!   (U+00A0 is kept).
//!
//! The traversal is iterative, so deeply nested pages cannot overflow the stack. (Parsing itself
//! is quadratic in the nesting depth: a page nested 100,000 levels deep takes about 30 s.)

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// The text of an HTML page and what the page says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// One block per line.
    pub text: String,
    /// The page's canonical URL (`<link rel=canonical>` or `og:url`), if it gives one.
    pub url: Option<String>,
}

const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "input", "button",
    "textarea", "select", "option", "label", "nav", "header", "footer", "aside", "dialog", "head",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dt",
    "dd",
    "figcaption",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "table",
    "tr",
    "dl",
    "figure",
    "address",
];

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
    "widget",
    "download",
    "qrcode",
];

/// Extracts the article text of an HTML page.
pub fn extract(html: &str) -> Extracted {
    let document = Html::parse_document(html);
    let url = canonical_url(&document);
    let root = article_root(&document);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        if is_skipped(element) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = element.name();
                        if name == "br" || BLOCK_TAGS.contains(&name) {
                            flush(&mut current, &mut lines);
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
                    && BLOCK_TAGS.contains(&element.name())
                {
                    flush(&mut current, &mut lines);
                }
            }
        }
    }
    flush(&mut current, &mut lines);
    Extracted { text: lines.join("\n"), url }
}

fn push_text(current: &mut String, text: &str) {
    for (i, piece) in text.split(|c: char| c.is_ascii_whitespace()).enumerate() {
        if i > 0 && !current.ends_with(' ') && !current.is_empty() {
            current.push(' ');
        }
        current.push_str(piece);
    }
}

fn flush(current: &mut String, lines: &mut Vec<String>) {
    let line = current.trim_matches(|c: char| c.is_ascii_whitespace());
    if !line.is_empty() {
        lines.push(line.to_owned());
    }
    current.clear();
}

fn is_skipped(element: &scraper::node::Element) -> bool {
    if SKIPPED_TAGS.contains(&element.name()) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    if element.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    names.flat_map(|value| value.split(|c: char| c.is_whitespace() || c == '-' || c == '_')).any(|word| {
        let word = word.to_ascii_lowercase();
        CHROME_WORDS.contains(&word.as_str())
    })
}

fn selector(css: &str) -> Selector {
    // The selectors are constants of this module; a parse failure would be a programming error.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("constant selector `{css}` parses"))
}

/// The element whose subtree is the article.
fn article_root(document: &Html) -> NodeRef<'_, Node> {
    let paragraphs = selector("p");
    let text_len = |element: &ElementRef<'_>| -> usize {
        element.select(&paragraphs).map(|p| p.text().map(str::len).sum::<usize>()).sum()
    };
    let best_article = document.select(&selector("article")).max_by_key(|a| text_len(a));
    if let Some(article) = best_article.filter(|a| text_len(a) > 0) {
        return *article;
    }
    for css in ["[itemprop=articleBody]", "main", "body"] {
        if let Some(element) = document.select(&selector(css)).next() {
            return *element;
        }
    }
    document.tree.root()
}

fn canonical_url(document: &Html) -> Option<String> {
    let canonical = document.select(&selector("link[rel=canonical]")).next().and_then(|l| l.attr("href"));
    let og = || document.select(&selector("meta[property='og:url']")).next().and_then(|m| m.attr("content"));
    canonical.or_else(og).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn deep_nesting_does_not_overflow() {
        // The traversal is iterative at any depth. (html5ever's tree building is quadratic in
        // the nesting depth, so this test stays at a depth that runs quickly.)
        let page = format!("<body>{}<p>Deep</p>{}</body>", "<div>".repeat(5_000), "</div>".repeat(5_000));
        assert!(extract(&page).text.contains("Deep"));
    }

    #[test]
    fn br_ends_a_line_and_nbsp_stays() {
        assert_eq!(extract("<body><p>a&nbsp;b<br>c</p></body>").text, "a\u{a0}b\nc");
    }
}
