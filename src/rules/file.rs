//! The rule-file format as written by people: a serde mirror of the TOML. Unknown keys are
//! reported by `shape` (all of them, with suggestions), so these structs do not reject them;
//! unknown values (a kind, a category) are errors here. Spans are kept so that every later problem
//! can be reported as `file:line:col`. Compiling into matchers happens in `compile`.

use serde::Deserialize;
use toml::Spanned;

/// One rule file: a `[site]` table and any number of `[[rule]]` tables.
#[derive(Debug, Deserialize)]
pub struct RuleFile {
    /// Which site the file describes, and how to recognise its pages.
    pub site: Spanned<SiteTable>,
    /// The rules, in file order (earlier rules win when several match one line).
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RuleTable>>,
    /// Test cases that `boilerstrip rules test` (and `cargo test`) run against the file.
    #[serde(default, rename = "test")]
    pub tests: Vec<Spanned<TestTable>>,
}

/// One `[[test]]` table: an input and the exact clean output expected, written inline or named
/// as a pair of files relative to the rule file.
#[derive(Debug, Deserialize)]
pub struct TestTable {
    /// What the case shows, for people.
    pub name: Spanned<String>,
    /// Raw page text.
    #[serde(default)]
    pub input: Option<String>,
    /// The exact clean text expected for `input`.
    #[serde(default)]
    pub expected: Option<String>,
    /// A raw page file, relative to the rule file.
    #[serde(default)]
    pub raw: Option<Spanned<String>>,
    /// The gold file for `raw`, relative to the rule file.
    #[serde(default)]
    pub gold: Option<Spanned<String>>,
}

/// The `[site]` table.
#[derive(Debug, Deserialize)]
pub struct SiteTable {
    /// Short lowercase name, also the prefix of every rule id (`gate`, `common`).
    pub name: Spanned<String>,
    /// What the file covers, for people.
    #[serde(default)]
    pub description: Option<String>,
    /// Site-independent rules: applied to every document, whatever site is chosen.
    #[serde(default)]
    pub global: bool,
    /// Host names of the site (`gate.com`); a line containing one counts as a fingerprint.
    #[serde(default)]
    pub hosts: Vec<Spanned<String>>,
    /// Phrases that identify the site's pages when a line contains them.
    #[serde(default)]
    pub fingerprints: Vec<Spanned<String>>,
    /// Encodings the site's pages usually come in (`shift_jis`, `gbk`), preferred when the
    /// encoding detector is unsure.
    #[serde(default)]
    pub encodings: Vec<Spanned<String>>,
    /// HTML pages: CSS selectors of the article's container, tried in order; the first that
    /// matches is the article (instead of the generic search).
    #[serde(default)]
    pub content: Vec<Spanned<String>>,
    /// HTML pages: CSS selectors of elements to leave out wherever they are.
    #[serde(default)]
    pub strip: Vec<Spanned<String>>,
}

/// One `[[rule]]` table.
#[derive(Debug, Deserialize)]
pub struct RuleTable {
    /// Name of the rule inside its file; the full id is `site/name`.
    pub id: Spanned<String>,
    /// What kind of chrome the rule removes.
    pub category: Spanned<Category>,
    /// How the rule matches.
    pub kind: Spanned<Kind>,
    /// Whole lines, compared by match key (`exact`, `block` items, `footer` markers).
    #[serde(default)]
    pub lines: Vec<Spanned<String>>,
    /// Phrases a line's match key must contain (`phrase`).
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    /// Regular expressions tried on the bare line (`regex`, `block` items, `footer` markers).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// For `block`: the fewest matching lines that make a block (default 3).
    #[serde(default)]
    pub min_lines: Option<Spanned<usize>>,
    /// For `block`: how many consecutive unknown lines a run may absorb between two items
    /// (default 0). Only short lines are absorbed, and only when an item follows them.
    #[serde(default)]
    pub max_gap: Option<Spanned<usize>>,
    /// Where in the document a match counts (default `anywhere`).
    #[serde(default)]
    pub position: Option<Spanned<Position>>,
    /// Lines longer than this many characters never match (guards article sentences).
    #[serde(default)]
    pub max_chars: Option<Spanned<usize>>,
    /// Lines with more words than this never match (words are runs of letters; a run of
    /// CJK, kana or Thai letters counts one word per two characters).
    #[serde(default)]
    pub max_words: Option<Spanned<usize>>,
    /// A shape, not a string: the line is chrome only where it does not stand between two lines
    /// of article text (a date in a data list stays, a date under the title goes). See
    /// `crate::structure`.
    #[serde(default)]
    pub weak: bool,
    /// Lines this rule matches count as evidence that a page comes from this site.
    #[serde(default)]
    pub fingerprint: bool,
    /// For `exact` and `regex` rules: the lines that stand right before a matched line, in page
    /// order, as slots of one or more lines each. Where they all match (blank lines aside), they
    /// go with the matched line: a language-independent anchor (`0/400`) takes the reaction bar
    /// above it in any language.
    #[serde(default)]
    pub preceded_by: Vec<Spanned<SlotTable>>,
    /// Free text for people: where the strings come from, what the rule is for.
    #[serde(default)]
    pub note: Option<String>,
}

/// One slot of `preceded_by`: a pattern for `min` to `max` consecutive lines (default 1 to 1;
/// `max` defaults to `min`).
#[derive(Debug, Deserialize)]
pub struct SlotTable {
    /// A regular expression tried on the bare line.
    pub pattern: Spanned<String>,
    /// The fewest lines of the slot (0: the slot may be absent).
    #[serde(default)]
    pub min: Option<Spanned<usize>>,
    /// The most lines of the slot.
    #[serde(default)]
    pub max: Option<Spanned<usize>>,
}

/// How a rule matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The whole line equals one of `lines` (by match key).
    Exact,
    /// The line contains one of `phrases` (by match key).
    Phrase,
    /// One of `patterns` matches the bare line.
    Regex,
    /// A run of `min_lines` or more consecutive lines, each matching `lines` or `patterns`
    /// (blank lines inside the run are allowed).
    Block,
    /// From the first line matching `lines` or `patterns` to the end of the document.
    Footer,
}

/// Where in a document a rule's match counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    /// Anywhere.
    Anywhere,
    /// Only if every non-blank line before the match is already dropped.
    Head,
    /// Only if no line before the match that is still kept reads as article text (a sentence,
    /// see [`crate::normalize::is_prose`]): the lines above may be a menu's other items or the
    /// title, in a language no rule names.
    Header,
    /// Only if every non-blank line after the match is already dropped.
    Tail,
    /// At the head or at the tail.
    Edge,
}

/// What kind of chrome a rule removes. Every dropped line is explained by one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Legal disclaimers and risk notices of the platform.
    Disclaimer,
    /// Menus of language names.
    LanguageMenu,
    /// Standalone ticker and price lines.
    Ticker,
    /// Comment boxes, counters and their labels.
    CommentWidget,
    /// Like / comment / share / reward rows.
    ShareBar,
    /// App download and trading promos.
    AppPromo,
    /// "View original" links and machine-translation notices.
    ViewOriginal,
    /// Site navigation and breadcrumbs.
    Navigation,
    /// Author widgets: display name, handle, follow button.
    AuthorWidget,
    /// Timestamps, read times, view counts.
    Timestamp,
    /// Lines made only of hashtags or cashtags.
    Hashtags,
    /// Related, trending and "you may also like" lists.
    Related,
    /// Sign-up and log-in boxes.
    Signup,
    /// Cookie banners.
    CookieBanner,
    /// Page footers and copyright lines.
    Footer,
    /// Anything else that is chrome.
    Other,
}

impl Category {
    /// The name used in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Disclaimer => "disclaimer",
            Category::LanguageMenu => "language-menu",
            Category::Ticker => "ticker",
            Category::CommentWidget => "comment-widget",
            Category::ShareBar => "share-bar",
            Category::AppPromo => "app-promo",
            Category::ViewOriginal => "view-original",
            Category::Navigation => "navigation",
            Category::AuthorWidget => "author-widget",
            Category::Timestamp => "timestamp",
            Category::Hashtags => "hashtags",
            Category::Related => "related",
            Category::Signup => "signup",
            Category::CookieBanner => "cookie-banner",
            Category::Footer => "footer",
            Category::Other => "other",
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
