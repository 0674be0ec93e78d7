//! Compiling a parsed rule file into a [`RuleSet`] of ready matchers.
//!
//! Every rule keeps its provenance ([`RuleMeta`]: id, category, file and line) so that each
//! dropped line can be explained. Compilation reports every problem of a file, not just the
//! first.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use toml::Spanned;

use super::error::RuleError;
use super::file::{Category, Kind, Position, RuleFile, RuleTable, SlotTable};
use super::lazy::{LazyAutomaton, LazyRegex, RegexBuildError, build_regex};
use super::prefilter::Prefilter;
use crate::input::html::SiteHtml;
use crate::normalize::match_key;

/// The default smallest block.
const DEFAULT_MIN_LINES: usize = 3;
/// Lines longer than this are never absorbed into a block as gap lines.
pub const MAX_GAP_LINE_CHARS: usize = 80;
/// Upper bound on all that one rule file compiles to (regexes, phrase automaton, line keys).
/// The largest shipped file (gate, 17 languages) takes about 2 MiB.
pub const RULE_SET_SIZE_LIMIT: usize = 16 << 20;

/// Which line rules a match query considers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFilter {
    /// Rules that apply anywhere in a document (the first classification pass).
    Anywhere,
    /// Rules marked `fingerprint = true` (site detection), except phrase rules: those are found
    /// by [`crate::rules::Registry::scan`].
    Fingerprints,
}

/// A line as rules see it (see [`crate::normalize`]).
#[derive(Debug, Clone, Copy)]
pub struct LineView<'a> {
    /// The match key.
    pub key: &'a str,
    /// The trimmed line without a leading bullet.
    pub bare: &'a str,
    /// Length of the trimmed line in characters.
    pub chars: usize,
    /// False for a line too long to be matched (see [`crate::limits::Limits::max_line_bytes`]):
    /// no rule matches it.
    pub matchable: bool,
    /// The phrase rules (of every rule set) whose phrases occur in `key`, as the registry's one
    /// scan of the line found them ([`crate::rules::Registry::scan`]).
    pub phrases: &'a [PhraseHit],
}

/// A phrase of rule `rule` of the rule set numbered `set` (see [`RuleSet::scan_id`]) occurs in a
/// line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PhraseHit {
    /// The rule set's number in the registry.
    pub set: u32,
    /// The rule's index in its set.
    pub rule: u32,
}

/// Who a rule is and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// `site/name`.
    pub id: String,
    /// What the rule removes.
    pub category: Category,
    /// How it matches.
    pub kind: Kind,
    /// Where a match counts.
    pub position: Position,
    /// The rule file.
    pub file: Arc<str>,
    /// 1-based line of the rule in its file.
    pub line: usize,
    /// Matches are evidence for the site.
    pub fingerprint: bool,
    /// The rule's note for people, if it has one.
    pub note: Option<String>,
    /// A shape rule: its drops stand only where the line is not between two lines of article
    /// text ([`crate::structure`]).
    pub weak: bool,
}

/// A test case of a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTest {
    /// What the case shows.
    pub name: String,
    /// 1-based line of the `[[test]]` table in its file.
    pub line: usize,
    /// Input and expected output.
    pub case: TestCase,
}

/// Where a test's input and expected output are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestCase {
    /// Written in the rule file.
    Inline {
        /// Raw page text.
        input: String,
        /// Exact clean text.
        expected: String,
    },
    /// A raw file and its gold file, resolved against the rule file's folder.
    Files {
        /// The raw page.
        raw: PathBuf,
        /// The expected clean text.
        gold: PathBuf,
    },
}

/// Matches lines against a list of keys and patterns (block items, footer markers).
#[derive(Debug, Default)]
struct ItemMatcher {
    keys: FxHashSet<String>,
    /// The longest of `keys`, in bytes: a longer line is none of them, without hashing it.
    longest_key: usize,
    patterns: Vec<LazyRegex>,
    /// The patterns' quick tests, built on first use (like the patterns' gates).
    prefilter: OnceLock<Prefilter>,
}

impl ItemMatcher {
    fn matches(&self, view: &LineView<'_>) -> bool {
        if view.key.len() <= self.longest_key && self.keys.contains(view.key) {
            return true;
        }
        if self.patterns.is_empty() {
            return false;
        }
        let prefilter = self.prefilter.get_or_init(|| Prefilter::new(self.patterns.iter().map(LazyRegex::gate)));
        prefilter.any_candidate(view.bare.as_bytes(), |at| self.patterns[at].is_match(view.bare))
    }
}

/// One compiled rule file.
#[derive(Debug)]
pub struct RuleSet {
    /// The site name (`gate`, `common`).
    pub name: String,
    /// Applied to every document.
    pub global: bool,
    /// Which documents a global set applies to: all of them, unless it was learned from one
    /// site's pages of a run ([`crate::recurrence`]).
    pub scope: Scope,
    /// What the file covers, for people.
    pub description: Option<String>,
    /// Where the file came from.
    pub file: Arc<str>,
    /// Compiled into the binary (rather than read from `file`).
    pub embedded: bool,
    /// The rules in file order; a rule's index is its precedence.
    pub rules: Vec<RuleMeta>,
    /// Host names of the site, lowercase (`gate.com`).
    pub hosts: Vec<String>,
    /// Usual encodings of the site's pages.
    pub encodings: Vec<&'static encoding_rs::Encoding>,
    /// Fingerprint phrases (hosts and fingerprints) as match keys.
    pub fingerprints: Vec<String>,
    /// Byte spans of the fingerprints in the file, in the same order (for messages).
    pub fingerprint_spans: Vec<std::ops::Range<usize>>,
    /// HTML pages of the site: where the article is and what to leave out.
    pub html: SiteHtml,
    /// The file's test cases.
    pub tests: Vec<RuleTest>,
    exact: FxHashMap<String, usize>,
    /// The longest key of `exact`, in bytes: longer lines skip the lookup.
    longest_exact_key: usize,
    /// The set's own phrase automaton: built only to check a file (`rules check`, files given
    /// with `--rules`) and to measure it; lines are matched by the registry's shared scan.
    phrases: LazyAutomaton,
    /// The phrases (as match keys) of the phrase rules, and the rule of each.
    pub(crate) phrase_keys: Vec<String>,
    pub(crate) phrase_rules: Vec<usize>,
    /// This set's number in the registry, as [`PhraseHit::set`] gives it.
    pub(crate) scan_id: u32,
    regexes: Vec<(usize, LazyRegex)>,
    /// What a line must look like for a fingerprint line rule to match it (worked out on first
    /// use, as the gates are).
    fingerprint_lines: OnceLock<FingerprintLines>,
    /// Which `regexes` may match a line with a given first byte (worked out on first use).
    regex_index: OnceLock<RegexIndex>,
    max_chars: Vec<Option<usize>>,
    max_words: Vec<Option<usize>>,
    items: FxHashMap<usize, ItemMatcher>,
    min_lines: HashMap<usize, usize>,
    max_gap: HashMap<usize, usize>,
    /// The `preceded_by` slots of the rules that have them (in rule order, as classification
    /// asks them).
    preceded_by: BTreeMap<usize, Vec<Slot>>,
    /// The longest line (in characters) any phrase rule may match; `None` when one has no limit.
    longest_phrase_line: Option<usize>,
}

/// The documents a global rule set applies to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every document.
    #[default]
    Everywhere,
    /// Documents of this site (by name).
    Site(String),
    /// Documents of no known site.
    NoSite,
}

impl Scope {
    /// True when a document of site `site` (`None`: no known site) is in scope.
    pub fn admits(&self, site: Option<&str>) -> bool {
        match self {
            Scope::Everywhere => true,
            Scope::Site(name) => site == Some(name.as_str()),
            Scope::NoSite => site.is_none(),
        }
    }
}

/// One slot of a rule's `preceded_by`: `min` to `max` consecutive lines its pattern matches.
#[derive(Debug)]
pub struct Slot {
    regex: LazyRegex,
    /// The fewest lines.
    pub min: usize,
    /// The most lines.
    pub max: usize,
}

impl Slot {
    /// Whether the line may fill this slot.
    pub fn matches(&self, view: &LineView<'_>) -> bool {
        view.matchable && self.regex.is_match(view.bare)
    }
}

/// A quick, conservative test for site detection, which asks every line of every document
/// whether it matches one of each site's fingerprint line rules (`exact`, `regex`, and the
/// items of `block` and `footer` rules): a line longer than every fingerprint key, which no
/// fingerprint pattern's gate lets through, matches none of them.
#[derive(Debug)]
struct FingerprintLines {
    /// The longest key of a fingerprint `exact` rule or item, in bytes.
    longest_key: usize,
    /// The fingerprint patterns: positions in `regexes`, and (rule, pattern) of items.
    patterns: Vec<Pattern>,
    /// Which `patterns` a line's first and last bytes and length leave in play.
    prefilter: Prefilter,
}

/// The gates' quick tests of a set's `regexes` (see [`Prefilter`]), done once per set rather
/// than once per pattern and line.
#[derive(Debug)]
struct RegexIndex {
    prefilter: Prefilter,
    /// The patterns of rules that apply anywhere, and of fingerprint rules (one bit each, in
    /// `regexes` order).
    anywhere: Vec<u64>,
    fingerprints: Vec<u64>,
    /// For each rule, the range of its patterns in `regexes` (empty for rules of other kinds).
    of_rule: Vec<std::ops::Range<usize>>,
}

impl RegexIndex {
    fn new(regexes: &[(usize, LazyRegex)], rules: &[RuleMeta]) -> Self {
        let prefilter = Prefilter::new(regexes.iter().map(|(_, regex)| regex.gate()));
        let words = prefilter.words();
        let mut anywhere = vec![0u64; words];
        let mut fingerprints = vec![0u64; words];
        let mut of_rule = vec![0..0; rules.len()];
        for (at, (rule, _)) in regexes.iter().enumerate() {
            let (word, bit) = (at / 64, 1u64 << (at % 64));
            let meta = &rules[*rule];
            if meta.position == Position::Anywhere {
                anywhere[word] |= bit;
            }
            if meta.fingerprint {
                fingerprints[word] |= bit;
            }
            let range = &mut of_rule[*rule];
            *range = if range.start == range.end { at..at + 1 } else { range.start..at + 1 };
        }
        RegexIndex { prefilter, anywhere, fingerprints, of_rule }
    }

    /// The patterns, in order, that `wanted` selects and whose gate may let `line` through.
    fn candidates<'a>(&'a self, line: &'a str, wanted: &'a [u64]) -> impl Iterator<Item = usize> + 'a {
        self.prefilter.candidates(line.as_bytes(), wanted)
    }
}

/// Where a fingerprint pattern is: a `regex` rule's (position in `regexes`), or an item
/// pattern (block or footer rule, pattern).
#[derive(Debug, Clone, Copy)]
enum Pattern {
    Regex(usize),
    Item(usize, usize),
}

impl RuleSet {
    /// False only when no fingerprint line rule (`exact`, `regex`, or an item of a `block` or
    /// `footer` rule) can match `view`; see [`FingerprintLines`]. Detection asks it before
    /// trying the rules on a line.
    pub(crate) fn may_match_fingerprint_line(&self, view: &LineView<'_>) -> bool {
        let lines = self.fingerprint_lines.get_or_init(|| self.fingerprint_lines());
        if view.key.len() <= lines.longest_key {
            return true;
        }
        let regex = |pattern: &Pattern| match *pattern {
            Pattern::Regex(at) => self.regexes.get(at).map(|(_, regex)| regex),
            Pattern::Item(rule, at) => self.items.get(&rule).and_then(|items| items.patterns.get(at)),
        };
        let may_match = |pattern: &Pattern| regex(pattern).is_some_and(|regex| regex.may_match(view.bare));
        lines.prefilter.any_candidate(view.bare.as_bytes(), |at| lines.patterns.get(at).is_some_and(may_match))
    }

    fn fingerprint_lines(&self) -> FingerprintLines {
        let is_fingerprint = |rule: usize| self.rules[rule].fingerprint;
        let exact = self.exact.iter().filter(|&(_, &rule)| is_fingerprint(rule)).map(|(key, _)| key.len());
        let mut items: Vec<(&usize, &ItemMatcher)> =
            self.items.iter().filter(|&(&rule, _)| is_fingerprint(rule)).collect();
        // The map's order is arbitrary; the patterns' order only matters for speed, but keep it stable.
        items.sort_unstable_by_key(|&(&rule, _)| rule);
        let longest_key = exact.chain(items.iter().map(|(_, items)| items.longest_key)).max().unwrap_or(0);
        let patterns: Vec<(Pattern, &LazyRegex)> = (0..self.regexes.len())
            .filter(|&at| is_fingerprint(self.regexes[at].0))
            .map(|at| (Pattern::Regex(at), &self.regexes[at].1))
            .chain(items.iter().flat_map(|&(&rule, items)| {
                items.patterns.iter().enumerate().map(move |(at, regex)| (Pattern::Item(rule, at), regex))
            }))
            .collect();
        let prefilter = Prefilter::new(patterns.iter().map(|(_, regex)| regex.gate()));
        FingerprintLines {
            longest_key,
            patterns: patterns.into_iter().map(|(pattern, _)| pattern).collect(),
            prefilter,
        }
    }

    /// Whether a phrase of `rule` found in `view` counts: the line is matchable and no longer
    /// than the rule's `max_chars`.
    pub(crate) fn phrase_rule_fits(&self, rule: usize, view: &LineView<'_>) -> bool {
        view.matchable && self.max_chars[rule].is_none_or(|max| view.chars <= max)
    }

    /// The first line rule (`exact`, `phrase`, `regex`), by precedence, that matches `view` and
    /// that `filter` selects.
    pub fn first_line_match(&self, view: &LineView<'_>, filter: RuleFilter) -> Option<usize> {
        let wanted = |meta: &RuleMeta| match filter {
            RuleFilter::Anywhere => meta.position == Position::Anywhere,
            RuleFilter::Fingerprints => meta.fingerprint,
        };
        if !view.matchable {
            return None;
        }
        let fits = |rule: usize| wanted(&self.rules[rule]) && self.max_chars[rule].is_none_or(|max| view.chars <= max);
        let mut best: Option<usize> = None;
        let consider = |rule: usize, best: &mut Option<usize>| {
            if best.is_none_or(|b| rule < b) && fits(rule) && self.words_fit(rule, view) {
                *best = Some(rule);
            }
        };
        if view.key.len() <= self.longest_exact_key
            && let Some(&rule) = self.exact.get(view.key)
        {
            consider(rule, &mut best);
        }
        // Phrases were found by the registry's one scan of the line (with every site's
        // fingerprints); only those of this set's wanted rules count.
        let phrases_wanted = filter == RuleFilter::Anywhere
            && self.phrase_rules.iter().any(|&rule| wanted(&self.rules[rule]))
            && self.longest_phrase_line.is_none_or(|max| view.chars <= max);
        if phrases_wanted {
            for hit in view.phrases.iter().filter(|hit| hit.set == self.scan_id) {
                consider(hit.rule as usize, &mut best);
            }
        }
        let index = self.regex_index();
        let wanted = match filter {
            RuleFilter::Anywhere => &index.anywhere,
            RuleFilter::Fingerprints => &index.fingerprints,
        };
        for (rule, regex) in index.candidates(view.bare, wanted).map(|at| &self.regexes[at]) {
            if best.is_some_and(|b| b < *rule) {
                break;
            }
            // Ask whether the rule is wanted and the line short enough before paying for its regex.
            if fits(*rule) && regex.is_match(view.bare) && self.words_fit(*rule, view) {
                consider(*rule, &mut best);
            }
        }
        best
    }

    /// True if line rule `rule` alone matches `view` (its position is not checked).
    pub fn rule_matches_line(&self, rule: usize, view: &LineView<'_>) -> bool {
        if !view.matchable || self.max_chars[rule].is_some_and(|max| view.chars > max) || !self.words_fit(rule, view) {
            return false;
        }
        match self.rules[rule].kind {
            Kind::Exact => view.key.len() <= self.longest_exact_key && self.exact.get(view.key) == Some(&rule),
            Kind::Phrase => view.phrases.iter().any(|hit| hit.set == self.scan_id && hit.rule as usize == rule),
            Kind::Regex => {
                let index = self.regex_index();
                let patterns = index.of_rule.get(rule).cloned().unwrap_or_default();
                let rows = index.prefilter.rows(view.bare.as_bytes());
                patterns
                    .into_iter()
                    .any(|at| index.prefilter.admits(rows, at) && self.regexes[at].1.is_match(view.bare))
            }
            Kind::Block | Kind::Footer => false,
        }
    }

    fn regex_index(&self) -> &RegexIndex {
        self.regex_index.get_or_init(|| RegexIndex::new(&self.regexes, &self.rules))
    }

    /// The `preceded_by` slots of rule `rule`, in page order; empty for most rules.
    pub fn preceded_by(&self, rule: usize) -> &[Slot] {
        self.preceded_by.get(&rule).map_or(&[], Vec::as_slice)
    }

    /// Rules with `preceded_by` slots, in rule order.
    pub fn rules_preceded(&self) -> impl Iterator<Item = usize> + '_ {
        self.preceded_by.keys().copied()
    }

    /// True if `view` is an item of the block rule or a marker of the footer rule `rule`.
    pub fn item_matches(&self, rule: usize, view: &LineView<'_>) -> bool {
        view.matchable
            && self.items.get(&rule).is_some_and(|items| {
                self.max_chars[rule].is_none_or(|max| view.chars <= max)
                    && items.matches(view)
                    && self.words_fit(rule, view)
            })
    }

    /// Whether the line has no more words than rule `rule` allows (counted only for rules with
    /// a `max_words`, and only once the rest of the rule matched).
    fn words_fit(&self, rule: usize, view: &LineView<'_>) -> bool {
        self.max_words.get(rule).copied().flatten().is_none_or(|max| crate::normalize::word_count(view.bare) <= max)
    }

    /// Heap bytes of the compiled matchers (regexes, phrase automaton, line keys), estimated from
    /// the automata's own accounting plus the keys. Builds any matcher not built yet.
    pub fn compiled_bytes(&self) -> usize {
        // A hash-set or map entry: the key's bytes plus the String and a slot.
        let keys = |keys: &mut dyn Iterator<Item = &String>| keys.map(|k| k.len() + 48).sum::<usize>();
        let regexes: usize = self.regexes.iter().map(|(_, r)| r.memory_usage()).sum();
        let items: usize = self
            .items
            .values()
            .map(|items| {
                keys(&mut items.keys.iter()) + items.patterns.iter().map(LazyRegex::memory_usage).sum::<usize>()
            })
            .sum();
        regexes + items + self.phrases.memory_usage() + keys(&mut self.exact.keys())
    }

    /// The fewest item lines that make a block for block rule `rule`.
    pub fn min_lines(&self, rule: usize) -> usize {
        self.min_lines.get(&rule).copied().unwrap_or(DEFAULT_MIN_LINES)
    }

    /// How many consecutive unknown lines block rule `rule` may absorb between items.
    pub fn max_gap(&self, rule: usize) -> usize {
        self.max_gap.get(&rule).copied().unwrap_or(0)
    }
}

/// When a rule file's regexes and phrase automaton are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// At load: every regex is checked and the file's size limit enforced (files from users).
    Now,
    /// On first use (the embedded files, which the test suite compiles with [`Build::Now`]).
    OnFirstUse,
}

/// Why a test's fixture path is refused, if it is: it must be relative and stay within the
/// rule file's folder or the folder above it (`rules/` and `samples/` side by side), so that a
/// rule file cannot make `rules test` read and show any file of the machine (`/etc/passwd`).
fn fixture_problem(path: &str) -> Option<&'static str> {
    use std::path::Component;
    let mut depth: i32 = 0;
    for component in Path::new(path).components() {
        match component {
            Component::Prefix(_) | Component::RootDir => {
                return Some("is an absolute path: give it relative to the rule file");
            }
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
        if depth < -1 {
            return Some("leaves the folder above the rule file's: fixtures stay beside the rules");
        }
    }
    None
}

/// Compiles a parsed file; `path` and `text` locate errors.
pub fn compile(path: &str, text: &str, file: RuleFile, build: Build) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors = Vec::new();
    let at = |span: std::ops::Range<usize>, message: String| RuleError::at(path, text, span, message);
    let file_name: Arc<str> = Arc::from(path);

    let site_span = file.site.span();
    let site = file.site.into_inner();
    let name = site.name.get_ref().clone();
    if !is_valid_name(&name, true) {
        errors.push(at(
            site.name.span(),
            format!("invalid site name `{name}`: use lowercase letters, digits, `-`, `_` and `.`"),
        ));
    }
    let mut fingerprints = Vec::new();
    let mut fingerprint_spans = Vec::new();
    for phrase in site.hosts.iter().chain(&site.fingerprints) {
        match non_empty_key(phrase) {
            Some(key) => {
                fingerprints.push(key);
                fingerprint_spans.push(phrase.span());
            }
            None => errors.push(at(phrase.span(), "empty fingerprint".to_owned())),
        }
    }
    let hosts: Vec<String> = site.hosts.iter().map(|h| h.get_ref().trim().to_ascii_lowercase()).collect();
    let mut encodings = Vec::new();
    for label in &site.encodings {
        match encoding_rs::Encoding::for_label(label.get_ref().trim().as_bytes()) {
            Some(encoding) => encodings.push(encoding),
            None => errors.push(at(label.span(), format!("unknown encoding `{}`", label.get_ref()))),
        }
    }
    if site.global && !fingerprints.is_empty() {
        errors.push(at(site_span.clone(), "a global file applies to every page and takes no fingerprints".to_owned()));
    }
    let mut html = SiteHtml::default();
    for (selectors, into) in [(&site.content, &mut html.content), (&site.strip, &mut html.strip)] {
        for css in selectors {
            match scraper::Selector::parse(css.get_ref()) {
                Ok(selector) => {
                    into.push(selector);
                    html.reads.note(css.get_ref());
                }
                Err(err) => errors.push(at(
                    css.span(),
                    format!("invalid CSS selector `{}`: {}", css.get_ref(), selector_problem(&err)),
                )),
            }
        }
    }
    if site.global && !(html.content.is_empty() && html.strip.is_empty()) {
        errors.push(at(
            site_span,
            "a global file takes no `content` or `strip` selectors (they are a site's)".to_owned(),
        ));
    }

    let mut set = RuleSet {
        name: name.clone(),
        global: site.global,
        scope: Scope::Everywhere,
        description: site.description,
        file: Arc::clone(&file_name),
        embedded: false,
        rules: Vec::new(),
        hosts,
        encodings,
        fingerprints,
        fingerprint_spans,
        html,
        tests: Vec::new(),
        exact: FxHashMap::default(),
        longest_exact_key: 0,
        phrases: LazyAutomaton::deferred(Vec::new()),
        phrase_rules: Vec::new(),
        phrase_keys: Vec::new(),
        scan_id: 0,
        regexes: Vec::new(),
        fingerprint_lines: OnceLock::new(),
        regex_index: OnceLock::new(),
        max_chars: Vec::new(),
        max_words: Vec::new(),
        items: FxHashMap::default(),
        min_lines: HashMap::new(),
        max_gap: HashMap::new(),
        preceded_by: BTreeMap::new(),
        longest_phrase_line: None,
    };
    let mut phrase_keys = Vec::new();
    // The regex that takes the most memory, to point at when the file is too large.
    let mut largest_regex: Option<(usize, std::ops::Range<usize>)> = None;
    let mut note_size = |regex: &LazyRegex, pattern: &Spanned<String>| {
        if build == Build::Now && largest_regex.as_ref().is_none_or(|(size, _)| regex.memory_usage() > *size) {
            largest_regex = Some((regex.memory_usage(), pattern.span()));
        }
    };
    let mut seen_ids: HashMap<String, usize> = HashMap::new();

    for spanned in file.rules {
        let span = spanned.span();
        let table = spanned.into_inner();
        let index = set.rules.len();
        let id_name = table.id.get_ref().clone();
        if !is_valid_name(&id_name, false) {
            errors.push(at(
                table.id.span(),
                format!("invalid rule id `{id_name}`: use lowercase letters, digits and `-`"),
            ));
        }
        let line = line_of(text, table.id.span().start);
        if let Some(first_line) = seen_ids.insert(id_name.clone(), line) {
            errors.push(at(
                table.id.span(),
                format!("duplicate rule id `{name}/{id_name}` (first defined on line {first_line})"),
            ));
        }
        let kind = *table.kind.get_ref();
        check_fields(&table, span.clone(), &at, &mut errors);
        let position = table.position.as_ref().map_or(Position::Anywhere, |p| *p.get_ref());

        match kind {
            Kind::Exact => {
                // The first rule that lists a line keeps it: file order is precedence.
                for key in line_keys(&table.lines, &at, &mut errors) {
                    set.exact.entry(key).or_insert(index);
                }
            }
            Kind::Phrase => {
                for phrase in &table.phrases {
                    match non_empty_key(phrase) {
                        Some(key) => {
                            phrase_keys.push(key);
                            set.phrase_rules.push(index);
                        }
                        None => errors.push(at(phrase.span(), "empty phrase".to_owned())),
                    }
                }
            }
            Kind::Regex => {
                for pattern in &table.patterns {
                    if let Some(regex) = compile_regex(pattern, build, &at, &mut errors) {
                        note_size(&regex, pattern);
                        set.regexes.push((index, regex));
                    }
                }
            }
            Kind::Block | Kind::Footer => {
                let mut items = ItemMatcher::default();
                items.keys.extend(line_keys(&table.lines, &at, &mut errors));
                items.longest_key = items.keys.iter().map(String::len).max().unwrap_or(0);
                for pattern in &table.patterns {
                    if let Some(regex) = compile_regex(pattern, build, &at, &mut errors) {
                        note_size(&regex, pattern);
                        items.patterns.push(regex);
                    }
                }
                set.items.insert(index, items);
                if let Some(min) = &table.min_lines {
                    set.min_lines.insert(index, *min.get_ref());
                }
                if let Some(gap) = &table.max_gap {
                    set.max_gap.insert(index, *gap.get_ref());
                }
            }
        }
        if !table.preceded_by.is_empty() {
            let slots = compile_slots(&table.preceded_by, build, &at, &mut errors);
            set.preceded_by.insert(index, slots);
        }
        set.max_chars.push(table.max_chars.as_ref().map(|m| *m.get_ref()));
        set.max_words.push(table.max_words.as_ref().map(|m| *m.get_ref()));
        set.rules.push(RuleMeta {
            id: format!("{name}/{id_name}"),
            category: *table.category.get_ref(),
            kind,
            position,
            file: Arc::clone(&file_name),
            line,
            fingerprint: table.fingerprint,
            note: table.note,
            weak: table.weak,
        });
    }

    let folder = Path::new(path).parent().unwrap_or(Path::new(""));
    for spanned in file.tests {
        let span = spanned.span();
        let test = spanned.into_inner();
        let line = line_of(text, test.name.span().start);
        let case = match (test.input, test.expected, test.raw, test.gold) {
            (Some(input), Some(expected), None, None) => TestCase::Inline { input, expected },
            (None, None, Some(raw), Some(gold)) => {
                if let Some((fixture, why)) =
                    [&raw, &gold].into_iter().find_map(|f| fixture_problem(f.get_ref()).map(|why| (f, why)))
                {
                    errors.push(at(fixture.span(), format!("test fixture `{}` {why}", fixture.get_ref())));
                    continue;
                }
                TestCase::Files { raw: folder.join(raw.get_ref()), gold: folder.join(gold.get_ref()) }
            }
            _ => {
                errors.push(at(span, "a test needs either `input` and `expected`, or `raw` and `gold`".to_owned()));
                continue;
            }
        };
        set.tests.push(RuleTest { name: test.name.into_inner(), line, case });
    }

    set.phrase_keys = phrase_keys.clone();
    set.phrases = match build {
        Build::OnFirstUse => LazyAutomaton::deferred(phrase_keys),
        Build::Now => match LazyAutomaton::compiled(phrase_keys) {
            Ok(automaton) => automaton,
            Err(err) => {
                errors.push(RuleError::whole_file(path, format!("phrases do not compile: {err}")));
                LazyAutomaton::deferred(Vec::new())
            }
        },
    };
    set.longest_exact_key = set.exact.keys().map(String::len).max().unwrap_or(0);
    set.longest_phrase_line =
        set.phrase_rules.iter().map(|&rule| set.max_chars[rule]).try_fold(0, |longest, max| Some(longest.max(max?)));
    let compiled_bytes = if build == Build::Now { set.compiled_bytes() } else { 0 };
    if compiled_bytes > RULE_SET_SIZE_LIMIT {
        let mib = |bytes: usize| bytes as f64 / f64::from(1 << 20);
        let message = format!(
            "the rules compile to {:.1} MiB, over the limit of {} MiB per rule file; split the file or simplify its largest regexes",
            mib(compiled_bytes),
            RULE_SET_SIZE_LIMIT >> 20
        );
        errors.push(match largest_regex {
            Some((size, span)) => at(span, format!("{message} (the largest, this one, takes {:.1} MiB)", mib(size))),
            None => RuleError::whole_file(path, message),
        });
    }
    if errors.is_empty() { Ok(set) } else { Err(errors) }
}

/// What is wrong with a selector, in words: scraper's message, or for the errors it reports as
/// unexpected, the name of the error (`ClassNeedsIdent` becomes "class needs ident").
fn selector_problem(err: &scraper::error::SelectorErrorKind) -> String {
    let message = err.to_string();
    if !message.contains("report this to the developer") {
        return message;
    }
    let name = message.lines().last().unwrap_or_default().trim();
    let mut words = String::new();
    for c in name.chars().filter(|c| c.is_alphanumeric()) {
        if c.is_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    words
}

/// Checks that a rule has the fields its kind needs and none that it would ignore.
fn check_fields(
    table: &RuleTable,
    span: std::ops::Range<usize>,
    at: &impl Fn(std::ops::Range<usize>, String) -> RuleError,
    errors: &mut Vec<RuleError>,
) {
    let kind = *table.kind.get_ref();
    let kind_name = match kind {
        Kind::Exact => "exact",
        Kind::Phrase => "phrase",
        Kind::Regex => "regex",
        Kind::Block => "block",
        Kind::Footer => "footer",
    };
    let mut forbid = |present: Option<std::ops::Range<usize>>, key: &str| {
        if let Some(key_span) = present {
            errors.push(at(key_span, format!("`{key}` does not apply to `{kind_name}` rules")));
        }
    };
    let first_span = |list: &[Spanned<String>]| list.first().map(Spanned::span);
    let uses_lines = matches!(kind, Kind::Exact | Kind::Block | Kind::Footer);
    let uses_patterns = matches!(kind, Kind::Regex | Kind::Block | Kind::Footer);
    if !uses_lines {
        forbid(first_span(&table.lines), "lines");
    }
    if kind != Kind::Phrase {
        forbid(first_span(&table.phrases), "phrases");
    }
    if !uses_patterns {
        forbid(first_span(&table.patterns), "patterns");
    }
    if kind != Kind::Block {
        forbid(table.min_lines.as_ref().map(Spanned::span), "min_lines");
        forbid(table.max_gap.as_ref().map(Spanned::span), "max_gap");
    }
    if kind == Kind::Footer {
        forbid(table.position.as_ref().map(Spanned::span), "position");
    }
    if !matches!(kind, Kind::Exact | Kind::Regex) {
        forbid(table.preceded_by.first().map(Spanned::span), "preceded_by");
    }
    let needs = match kind {
        Kind::Exact => table.lines.is_empty().then_some("`lines`"),
        Kind::Phrase => table.phrases.is_empty().then_some("`phrases`"),
        Kind::Regex => table.patterns.is_empty().then_some("`patterns`"),
        Kind::Block | Kind::Footer => {
            (table.lines.is_empty() && table.patterns.is_empty()).then_some("`lines` or `patterns`")
        }
    };
    if let Some(what) = needs {
        errors.push(at(span, format!("`{kind_name}` rules need a non-empty {what}")));
    }
    if let Some(min) = &table.min_lines
        && *min.get_ref() == 0
    {
        errors.push(at(min.span(), "`min_lines` must be at least 1".to_owned()));
    }
}

/// Compiles `preceded_by` slots, checking that each has a `max` of at least 1 and not below
/// its `min`.
fn compile_slots(
    tables: &[Spanned<SlotTable>],
    build: Build,
    at: &impl Fn(std::ops::Range<usize>, String) -> RuleError,
    errors: &mut Vec<RuleError>,
) -> Vec<Slot> {
    let mut slots = Vec::new();
    for table in tables {
        let slot = table.get_ref();
        let min = slot.min.as_ref().map_or(1, |m| *m.get_ref());
        let max = slot.max.as_ref().map_or(min.max(1), |m| *m.get_ref());
        if max == 0 || max < min {
            let span = slot.max.as_ref().map_or_else(|| table.span(), Spanned::span);
            errors.push(at(span, format!("a slot's `max` ({max}) must be at least 1 and at least its `min` ({min})")));
            continue;
        }
        if let Some(regex) = compile_regex(&slot.pattern, build, at, errors) {
            slots.push(Slot { regex, min, max });
        }
    }
    slots
}

fn compile_regex(
    pattern: &Spanned<String>,
    build: Build,
    at: &impl Fn(std::ops::Range<usize>, String) -> RuleError,
    errors: &mut Vec<RuleError>,
) -> Option<LazyRegex> {
    if build == Build::OnFirstUse {
        return Some(LazyRegex::deferred(pattern.get_ref()));
    }
    match build_regex(pattern.get_ref()) {
        Ok(regex) => Some(LazyRegex::compiled(pattern.get_ref(), regex)),
        Err(err) => {
            // A syntax error is several lines with its own caret; its last line says what is wrong.
            let text = match err {
                RegexBuildError::Syntax(syntax) => syntax.to_string(),
                RegexBuildError::SizeLimit(limit) => format!("compiled regex exceeds size limit of {limit} bytes"),
                RegexBuildError::Other(text) => text,
            };
            let what = text.lines().last().unwrap_or(&text).trim_start_matches("error: ").to_owned();
            errors.push(at(pattern.span(), format!("invalid regex `{}`: {what}", pattern.get_ref())));
            None
        }
    }
}

/// The match keys of a rule's `lines`, reporting empty ones.
fn line_keys(
    lines: &[Spanned<String>],
    at: &impl Fn(std::ops::Range<usize>, String) -> RuleError,
    errors: &mut Vec<RuleError>,
) -> Vec<String> {
    let mut keys = Vec::new();
    for line in lines {
        match non_empty_key(line) {
            Some(key) => keys.push(key),
            None => errors.push(at(line.span(), "empty line in `lines`".to_owned())),
        }
    }
    keys
}

fn non_empty_key(text: &Spanned<String>) -> Option<String> {
    let key = match_key(text.get_ref());
    (!key.is_empty()).then_some(key)
}

fn is_valid_name(name: &str, allow_dots: bool) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (allow_dots && matches!(c, '.' | '_')))
}

/// 1-based line number of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use crate::normalize::bare_line;

    /// The prefilter is a gate too: it may let a pattern through that does not match, never
    /// turn one away that does (every set's every pattern and block or footer item, on every
    /// line of the samples and a few chrome shapes).
    #[test]
    fn the_regex_index_never_turns_a_match_away() {
        let registry = crate::rules::Registry::embedded().unwrap_or_else(|errors| panic!("{errors}"));
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut lines: Vec<String> = vec![String::new(), "0/400".into(), "BTC0.76%".into(), "12:30".into()];
        for entry in std::fs::read_dir(&samples).expect("samples folder") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("sample text");
            lines.extend(text.lines().map(str::to_owned));
        }
        let mut checked = 0;
        for set in registry.all() {
            let index = set.regex_index();
            let everything = vec![u64::MAX; index.prefilter.words()];
            for line in &lines {
                let bare = bare_line(line);
                let admitted: Vec<usize> = index.candidates(bare, &everything).collect();
                for (at, (rule, regex)) in set.regexes.iter().enumerate() {
                    if regex.regex().is_match(bare) {
                        checked += 1;
                        assert!(admitted.contains(&at), "{}: pattern {at} matches {bare:?}", set.rules[*rule].id);
                    }
                    assert!(index.of_rule[*rule].contains(&at));
                }
                for (rule, items) in &set.items {
                    let matched = items.patterns.iter().any(|pattern| pattern.regex().is_match(bare));
                    let view =
                        super::LineView { key: "", bare, chars: bare.chars().count(), matchable: true, phrases: &[] };
                    checked += usize::from(matched);
                    assert!(!matched || items.matches(&view), "{}: an item matches {bare:?}", set.rules[*rule].id);
                }
            }
        }
        assert!(checked > 100, "the samples exercise the patterns ({checked} matches)");
    }
}
