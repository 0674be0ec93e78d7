//! Matchers built on first use.
//!
//! Compiling every regex and automaton of the shipped rule files takes about 40 ms, far more
//! than cleaning a small input; most runs need one site's rules. The embedded files are checked
//! in full by the test suite (`embedded_rules_compile_eagerly`), so their matchers are built
//! the first time a line reaches them. Files given with `--rules` are compiled at load, so that
//! their errors are reported before any input is read.
//!
//! A regex anchored at the start or end of the line first asks its [`LineGate`]; the gates of
//! the embedded files' patterns were worked out by the build script, so a line the gate turns
//! away costs neither parsing nor compiling the pattern. Most embedded patterns were compiled
//! by the build script too, to sparse DFAs ([`LineRegex`]): a line that passes the gate costs
//! no compiling either, until a pattern has searched enough lines to pay for a faster engine.
//!
//! Invariant: every engine of a pattern answers `is_match` as the general engine would (tested
//! over the samples and the development pages); a deferred matcher compiles to what the eager
//! path would have built; should that fail (it cannot for a file that passed the eager check),
//! it matches nothing.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::gate::LineGate;
use super::skip::SkipFilter;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::dfa::{Automaton, sparse};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, meta};

/// Upper bound on one compiled regex, so a rule file cannot exhaust memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Why a rule pattern did not build.
#[derive(Debug)]
pub(crate) enum RegexBuildError {
    /// Not a valid pattern; the message carries its own caret.
    Syntax(Box<regex_syntax::Error>),
    /// The compiled automaton would be larger than this many bytes.
    SizeLimit(usize),
    /// Anything else the builder refused.
    Other(String),
}

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>>;

/// A rule pattern's matcher: a DFA searching forward, which is all `is_match` needs. (The
/// general `meta::Regex` also compiles a reverse automaton, to report where a match starts: half
/// of the cost of building a rule's regex, which a small input pays at start-up for every rule
/// its lines reach.) Matching stays linear in the line.
pub(crate) struct LineRegex {
    pattern: String,
    engine: Engine,
    /// For a search the DFA cannot finish (a Unicode word boundary next to a non-ASCII
    /// letter): the general engine, built then.
    fallback: OnceLock<Option<meta::Regex>>,
}

enum Engine {
    /// Built by the build script for an embedded rule file's pattern: nothing to compile. A
    /// sparse DFA's transitions are searched, not indexed, and it has no prefilter to skip
    /// through a line, so after [`SWITCH_ENGINE_BYTES`] of haystack the pattern is compiled
    /// as any other after all (`later`), which a long input pays back.
    Embedded { dfa: sparse::DFA<&'static [u8]>, searched: AtomicUsize, later: OnceLock<Option<Box<LineRegex>>> },
    /// A pattern anchored at the line's start (most are), built now: determinised lazily as
    /// lines are searched.
    Lazy { dfa: DFA, caches: CachePool },
    /// A pattern not anchored at the line's start: the general engine, whose literal prefilter
    /// skips through the line where a DFA would step through every byte.
    General(meta::Regex),
}

/// Haystack bytes one pattern's embedded DFA searches before the pattern is compiled as any
/// other: a small input never pays for compiling, a stream soon runs on the faster engines. A
/// sparse DFA searches its transitions one range at a time, so a state under a large Unicode
/// class (`\p{L}`) costs hundreds of instructions a byte: 16 KiB rather than 64 KiB took a
/// 20 MB stream from 1,680 M to 1,646 M instructions, and a 39 KB page compiles no more than
/// before (65.2 M instructions either way).
const SWITCH_ENGINE_BYTES: usize = 16 << 10;

impl std::fmt::Debug for LineRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let engine = match self.engine {
            Engine::Embedded { .. } => "embedded DFA",
            Engine::Lazy { .. } => "lazy DFA",
            Engine::General(_) => "general engine",
        };
        f.debug_struct("LineRegex").field("pattern", &self.pattern).field("engine", &engine).finish_non_exhaustive()
    }
}

impl LineRegex {
    /// True if the pattern matches somewhere in `haystack`.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        let input = Input::new(haystack).earliest(true);
        let found = match &self.engine {
            Engine::Embedded { dfa, searched, later } => {
                if searched.load(Ordering::Relaxed) >= SWITCH_ENGINE_BYTES
                    && let Some(later) = later.get_or_init(|| build_compiled(&self.pattern).ok().map(Box::new))
                {
                    return later.is_match(haystack);
                }
                searched.fetch_add(haystack.len(), Ordering::Relaxed);
                dfa.try_search_fwd(&input)
            }
            Engine::Lazy { dfa, caches } => dfa.try_search_fwd(&mut caches.get(), &input),
            Engine::General(regex) => return regex.is_match(input),
        };
        match found {
            Ok(found) => found.is_some(),
            Err(_) => self
                .fallback
                .get_or_init(|| meta_regex(&self.pattern).ok())
                .as_ref()
                .is_some_and(|regex| regex.is_match(haystack)),
        }
    }

    /// Heap bytes of the automaton (a lazy DFA's caches aside); an embedded DFA is in the
    /// binary and takes none.
    pub(crate) fn memory_usage(&self) -> usize {
        let automaton = match &self.engine {
            Engine::Embedded { .. } => 0,
            Engine::Lazy { dfa, .. } => dfa.get_nfa().memory_usage(),
            Engine::General(regex) => regex.memory_usage(),
        };
        automaton + self.pattern.len()
    }

    /// A matcher that matches nothing.
    fn nothing() -> Self {
        build_lazy("[^\\s\\S]").unwrap_or_else(|_| unreachable!("an empty class always builds"))
    }
}

// The DFAs the build script compiled for the embedded rule files' patterns: `EMBEDDED_DFAS`
// (sorted by pattern) and `EMBEDDED_DFA_BYTES`.
include!(concat!(env!("OUT_DIR"), "/embedded_dfas.rs"));

/// The build script's DFA of `pattern`, if it has one (it is written little-endian; on a
/// big-endian machine every pattern is compiled as any other).
fn embedded_dfa(pattern: &str) -> Option<sparse::DFA<&'static [u8]>> {
    if cfg!(target_endian = "big") {
        return None;
    }
    let found = EMBEDDED_DFAS.binary_search_by(|(known, _, _)| (*known).cmp(pattern)).ok()?;
    let (_, start, end) = EMBEDDED_DFAS[found];
    let bytes = EMBEDDED_DFA_BYTES.get(start..end)?;
    // SAFETY: these bytes are a sparse DFA that `DFA::to_bytes_little_endian` wrote, in the
    // build script of this very build, with the regex-automata of Cargo.lock (the build
    // dependency and the library resolve to the one version), and they are compiled into the
    // binary: nothing else can stand there. Checking them (`from_bytes`) walks every state and
    // costs more than compiling the pattern, which is what they are here to spare; the test
    // `every_embedded_dfa_passes_the_full_check` does that check once for all of them.
    let (dfa, _) = unsafe { sparse::DFA::from_bytes_unchecked(bytes) }.ok()?;
    Some(dfa)
}

fn meta_regex(pattern: &str) -> Result<meta::Regex, Box<meta::BuildError>> {
    let config = meta::Regex::config().nfa_size_limit(Some(REGEX_SIZE_LIMIT)).which_captures(WhichCaptures::Implicit);
    meta::Regex::builder().configure(config).build(pattern).map_err(Box::new)
}

/// Builds the matcher of a rule pattern: the build script's DFA for an embedded pattern, else
/// [`build_compiled`]'s. Only `is_match` is asked, so no capture groups are kept.
pub(crate) fn build_regex(pattern: &str) -> Result<LineRegex, RegexBuildError> {
    match embedded_dfa(pattern) {
        Some(dfa) => {
            let engine = Engine::Embedded { dfa, searched: AtomicUsize::new(0), later: OnceLock::new() };
            Ok(LineRegex { pattern: pattern.to_owned(), engine, fallback: OnceLock::new() })
        }
        None => build_compiled(pattern),
    }
}

/// Compiles a pattern now: a lazy DFA when it is anchored at the line's start, the general
/// engine otherwise.
fn build_compiled(pattern: &str) -> Result<LineRegex, RegexBuildError> {
    if gate_of(pattern).is_some_and(|gate| gate.first.is_some()) {
        return build_lazy(pattern);
    }
    let regex = meta_regex(pattern).map_err(|err| match (err.syntax_error(), err.size_limit()) {
        (Some(syntax), _) => RegexBuildError::Syntax(Box::new(syntax.clone())),
        (None, Some(limit)) => RegexBuildError::SizeLimit(limit),
        (None, None) => RegexBuildError::Other(err.to_string()),
    })?;
    Ok(LineRegex { pattern: pattern.to_owned(), engine: Engine::General(regex), fallback: OnceLock::new() })
}

/// Builds the lazy DFA of a pattern.
fn build_lazy(pattern: &str) -> Result<LineRegex, RegexBuildError> {
    let hir = syntax::parse(pattern).map_err(|err| RegexBuildError::Syntax(Box::new(err)))?;
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().nfa_size_limit(Some(REGEX_SIZE_LIMIT)).which_captures(WhichCaptures::None))
        .build_from_hir(&hir)
        .map_err(|err| match err.size_limit() {
            Some(limit) => RegexBuildError::SizeLimit(limit),
            None => RegexBuildError::Other(err.to_string()),
        })?;
    // (A Unicode word boundary makes the DFA give up on non-ASCII text; the fallback answers.)
    let dfa = DFA::builder()
        .configure(DFA::config().unicode_word_boundary(true))
        .build_from_nfa(nfa)
        .map_err(|err| RegexBuildError::Other(err.to_string()))?;
    let for_caches = dfa.clone();
    let create: Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe> =
        Box::new(move || for_caches.create_cache());
    Ok(LineRegex {
        pattern: pattern.to_owned(),
        engine: Engine::Lazy { dfa, caches: Pool::new(create) },
        fallback: OnceLock::new(),
    })
}

// The gates of the embedded rule files' patterns, worked out by the build script:
// `EMBEDDED_GATES`, sorted by pattern.
include!(concat!(env!("OUT_DIR"), "/embedded_gates.rs"));

/// The gate of `pattern`: from the build script's table for the embedded files' patterns (so
/// start-up does not parse them), worked out now for others.
fn gate_of(pattern: &str) -> Option<LineGate> {
    match EMBEDDED_GATES.binary_search_by(|(known, _)| (*known).cmp(pattern)) {
        Ok(found) => EMBEDDED_GATES[found].1.clone(),
        Err(_) => LineGate::of(pattern),
    }
}

/// A rule pattern and its regex, compiled now or on first use.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    pattern: String,
    compiled: OnceLock<LineRegex>,
    /// For a pattern anchored at the start or the end of the line: what a line must look like
    /// to be matched (see [`super::gate`]). A line the gate turns away is no match, and does not
    /// make the regex compile: most rule patterns begin with a word, a digit or a symbol, and a
    /// small input meets few of them.
    gate: OnceLock<Option<Box<LineGate>>>,
    /// The searcher for the gate's required literal, built once.
    required: OnceLock<Option<memchr::memmem::Finder<'static>>>,
}

impl LazyRegex {
    /// A pattern already compiled (and so checked).
    pub(crate) fn compiled(pattern: &str, regex: LineRegex) -> Self {
        Self {
            pattern: pattern.to_owned(),
            compiled: OnceLock::from(regex),
            gate: OnceLock::new(),
            required: OnceLock::new(),
        }
    }

    /// A pattern to compile when first matched.
    pub(crate) fn deferred(pattern: &str) -> Self {
        Self {
            pattern: pattern.to_owned(),
            compiled: OnceLock::new(),
            gate: OnceLock::new(),
            required: OnceLock::new(),
        }
    }

    /// The compiled regex.
    pub(crate) fn regex(&self) -> &LineRegex {
        // A pattern that does not build (impossible for the embedded files, checked eagerly by a
        // test) matches nothing.
        self.compiled.get_or_init(|| build_regex(&self.pattern).unwrap_or_else(|_| LineRegex::nothing()))
    }

    /// The pattern's gate, `None` when it has none (worked out on first use).
    pub(crate) fn gate(&self) -> Option<&LineGate> {
        self.gate.get_or_init(|| gate_of(&self.pattern).map(Box::new)).as_deref()
    }

    /// Whether the gate lets `haystack` through (true without a gate): false means no match.
    pub(crate) fn may_match(&self, haystack: &str) -> bool {
        self.gate().is_none_or(|gate| {
            gate.admits(haystack.as_bytes())
                && self
                    .required
                    .get_or_init(|| {
                        gate.required.as_deref().map(|literal| memchr::memmem::Finder::new(literal).into_owned())
                    })
                    .as_ref()
                    .is_none_or(|finder| finder.find(haystack.as_bytes()).is_some())
        })
    }

    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.may_match(haystack) && self.regex().is_match(haystack)
    }

    /// Heap bytes of the compiled regex (compiling it if needed).
    pub(crate) fn memory_usage(&self) -> usize {
        self.regex().memory_usage() + self.pattern.len()
    }
}

/// Haystack bytes searched with the quick-to-build automaton before the fast one is built: a
/// DFA over the shipped fingerprints takes about 8 ms to build and searches 3x faster than the
/// NFA, which builds in under 1 ms; the DFA pays for itself after about 2 MB.
const SWITCH_TO_DFA_BYTES: usize = 2 << 20;

/// Haystack bytes searched phrase by phrase (`memmem`) before any automaton is built: building
/// even the quick automaton over the shipped fingerprints and phrases takes about 0.6 ms, while
/// looking for each phrase in turn in a few kilobytes takes a fraction of that. A small input
/// never builds one.
const SEARCH_ONE_BY_ONE_BYTES: usize = 4 << 10;

/// A multi-phrase matcher, built on first use: each phrase looked for in turn for the first
/// [`SEARCH_ONE_BY_ONE_BYTES`] searched, then a contiguous NFA (quick to build) up to
/// [`SWITCH_TO_DFA_BYTES`], then a DFA (quick to search). All find the same matches.
#[derive(Debug)]
pub(crate) struct LazyAutomaton {
    phrases: Vec<String>,
    one_by_one: OnceLock<Vec<memchr::memmem::Finder<'static>>>,
    /// `None` inside: the phrases did not build (only possible past the automaton's size limits).
    quick: OnceLock<Option<AhoCorasick>>,
    fast: OnceLock<Option<AhoCorasick>>,
    /// In front of either automaton: says whether a line holds any phrase at all, skipping
    /// bytes; the automaton then finds where, on the few lines that do.
    skip: OnceLock<Option<SkipFilter>>,
    searched: AtomicUsize,
}

/// One of a [`LazyAutomaton`]'s forms, chosen for a search.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PhraseSearcher<'a> {
    /// Every phrase looked for in turn.
    OneByOne(&'a [memchr::memmem::Finder<'static>]),
    /// An Aho-Corasick automaton, behind a skip filter when the phrases are long enough.
    Automaton(&'a AhoCorasick, Option<&'a SkipFilter>),
}

impl PhraseSearcher<'_> {
    /// Whether any phrase occurs in `haystack`.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        match self {
            Self::OneByOne(finders) => finders.iter().any(|finder| finder.find(haystack.as_bytes()).is_some()),
            Self::Automaton(automaton, skip) => {
                skip.is_none_or(|skip| skip.holds_phrase(haystack.as_bytes())) && automaton.is_match(haystack)
            }
        }
    }

    /// Calls `found(phrase, start, end)` for every occurrence of every phrase in `haystack`,
    /// overlapping ones included, in no particular order.
    pub(crate) fn for_each_occurrence(&self, haystack: &str, mut found: impl FnMut(usize, usize, usize)) {
        match self {
            Self::OneByOne(finders) => {
                for (phrase, finder) in finders.iter().enumerate() {
                    let mut from = 0;
                    while let Some(at) = haystack.as_bytes().get(from..).and_then(|rest| finder.find(rest)) {
                        found(phrase, from + at, from + at + finder.needle().len());
                        from += at + 1;
                    }
                }
            }
            Self::Automaton(automaton, _) => {
                for hit in automaton.find_overlapping_iter(haystack) {
                    found(hit.pattern().as_usize(), hit.start(), hit.end());
                }
            }
        }
    }
}

impl LazyAutomaton {
    /// Builds the automaton of `phrases` now (its fast form), reporting whether it builds.
    pub(crate) fn compiled(phrases: Vec<String>) -> Result<Self, aho_corasick::BuildError> {
        let fast = if phrases.is_empty() { None } else { Some(Self::build(&phrases, AhoCorasickKind::DFA)?) };
        Ok(Self {
            phrases,
            one_by_one: OnceLock::new(),
            quick: OnceLock::new(),
            fast: OnceLock::from(fast),
            skip: OnceLock::new(),
            searched: AtomicUsize::new(0),
        })
    }

    /// Keeps `phrases` to build their automaton on first use.
    pub(crate) fn deferred(phrases: Vec<String>) -> Self {
        Self {
            phrases,
            one_by_one: OnceLock::new(),
            quick: OnceLock::new(),
            fast: OnceLock::new(),
            skip: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }

    fn build(phrases: &[String], kind: AhoCorasickKind) -> Result<AhoCorasick, aho_corasick::BuildError> {
        AhoCorasick::builder().kind(Some(kind)).build(phrases)
    }

    /// The form to search `haystack_bytes` more bytes with, or `None` when there are no phrases
    /// (or they did not build).
    pub(crate) fn searcher(&self, haystack_bytes: usize) -> Option<PhraseSearcher<'_>> {
        if let Some(fast) = self.fast.get() {
            return self.behind_skip(fast);
        }
        if self.phrases.is_empty() {
            return None;
        }
        let searched = self.searched.fetch_add(haystack_bytes, Ordering::Relaxed) + haystack_bytes;
        if searched >= SWITCH_TO_DFA_BYTES {
            return self.behind_skip(self.fast.get_or_init(|| Self::build(&self.phrases, AhoCorasickKind::DFA).ok()));
        }
        if searched > SEARCH_ONE_BY_ONE_BYTES || self.quick.get().is_some() {
            return self.behind_skip(
                self.quick.get_or_init(|| Self::build(&self.phrases, AhoCorasickKind::ContiguousNFA).ok()),
            );
        }
        let finders = self.one_by_one.get_or_init(|| {
            self.phrases.iter().map(|phrase| memchr::memmem::Finder::new(phrase.as_bytes()).into_owned()).collect()
        });
        Some(PhraseSearcher::OneByOne(finders))
    }

    /// An automaton form, behind the skip filter.
    fn behind_skip<'a>(&'a self, automaton: &'a Option<AhoCorasick>) -> Option<PhraseSearcher<'a>> {
        let skip = self.skip.get_or_init(|| SkipFilter::new(&self.phrases)).as_ref();
        automaton.as_ref().map(|automaton| PhraseSearcher::Automaton(automaton, skip))
    }

    /// Heap bytes of the fast automaton (building it if needed).
    pub(crate) fn memory_usage(&self) -> usize {
        if self.phrases.is_empty() {
            return 0;
        }
        self.fast
            .get_or_init(|| Self::build(&self.phrases, AhoCorasickKind::DFA).ok())
            .as_ref()
            .map_or(0, AhoCorasick::memory_usage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes_of(set: Option<super::super::gate::ByteSet>) -> Option<Vec<u8>> {
        set.map(|set| (0..=255u8).filter(|&b| super::super::gate::contains(&set, b)).collect())
    }

    #[test]
    fn a_gate_holds_the_bytes_a_match_begins_and_ends_with() {
        let first = |pattern: &str| bytes_of(LineGate::of(pattern).and_then(|gate| gate.first));
        let last = |pattern: &str| bytes_of(LineGate::of(pattern).and_then(|gate| gate.last));
        assert_eq!(first("^(?i)ab|^x"), Some(b"AXax".to_vec()));
        assert_eq!(first(r"^a*(?:b|c?)d"), Some(b"abcd".to_vec()));
        assert_eq!(first(r"^[#$]\w+"), Some(b"#$".to_vec()));
        assert_eq!(last(r"(?:ab|c?d)+%?$"), Some(b"%bd".to_vec()));
        // Unicode digits: ASCII ones and the lead (or last) bytes of the others.
        let digits = first(r"^\d+").expect("anchored");
        assert!(digits.contains(&b'7') && digits.contains(&0xD9) && !digits.contains(&b'a'));
        let digits = last(r"\d+$").expect("anchored");
        assert!(digits.contains(&b'7') && digits.contains(&0xA3) && !digits.contains(&b'a'));
        // Not anchored, anchored at one end and possibly empty, or anchored only in multi-line
        // mode: no gate.
        for pattern in ["abc", r"^\s*", r"\s*$", "(?m)^abc", "^a|b", "a$|b"] {
            assert_eq!(LineGate::of(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn a_gate_turns_away_lines_that_cannot_match() {
        // Literal prefixes and suffixes, when few, tell more than the first and last bytes.
        let gate = LineGate::of("^(?i:Disclaimer|Haftungsausschluss)").expect("anchored");
        assert!(gate.prefixes.is_some());
        assert!(
            gate.admits(b"DISCLAIMER: x") && gate.admits(b"haftung") && !gate.admits(b"Hello") && !gate.admits(b"")
        );
        assert!(LineGate::of(r"^\d{2}").is_some_and(|gate| gate.admits(b"12") && !gate.admits(b"x1")));
        let gate = LineGate::of(r"(?i)[^.]{0,60}all rights reserved\.?$").expect("anchored at the end");
        assert!(gate.suffixes.is_some() && gate.prefixes.is_none());
        assert!(gate.admits(b"2024 X. All Rights Reserved.") && !gate.admits(b"All rights reserved here."));
        // Anchored at both ends and bounded: a longer line is no match.
        let bounded = LineGate::of(r"^[A-Z]{2,5}$").expect("anchored");
        assert!(bounded.admits(b"BTC") && !bounded.admits(b"BTCETHSOL") && !bounded.admits(b""));
        assert_eq!(LineGate::of(r"^[A-Z]{2,5}").and_then(|gate| gate.longest), None);
        // Anchored at both ends and possibly empty: the empty line may match, others must end
        // (and begin) right.
        let bullets = LineGate::of(r"^[•·\s]*$").expect("anchored at both ends");
        assert!(bullets.admits(b"") && bullets.admits("• ·".as_bytes()) && !bullets.admits(b"Hello."));
    }

    #[test]
    fn the_build_script_worked_out_every_embedded_gate_as_the_library_does() {
        assert!(EMBEDDED_GATES.len() > 50, "{} embedded patterns", EMBEDDED_GATES.len());
        assert!(EMBEDDED_GATES.windows(2).all(|pair| pair[0].0 < pair[1].0), "sorted, no repeats");
        for (pattern, gate) in EMBEDDED_GATES {
            assert_eq!(gate, &LineGate::of(pattern), "{pattern}");
        }
    }

    #[test]
    fn the_gate_never_turns_a_match_away() {
        // Every regex of the shipped rule files, over every line of the samples, the development
        // pages and odd lines, answers the same with and without the gate, and as the general
        // engine does.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = ["", " ", "0", "#", "$BTC", "©", "١٢ دقيقة", "Ünïcödé", "\u{feff}x"]
            .iter()
            .map(|line| (*line).to_owned())
            .collect();
        // (And the development pages: many languages and scripts, chrome and prose.)
        for folder in ["samples", "benches/heldout/corpus"] {
            for entry in std::fs::read_dir(root.join(folder)).expect("pages") {
                let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
                lines.extend(text.lines().map(|line| crate::normalize::bare_line(line).to_owned()));
            }
        }
        lines.sort_unstable();
        lines.dedup();
        let mut patterns = Vec::new();
        for entry in std::fs::read_dir(root.join("rules")).expect("rules") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let file: toml::Value =
                    toml::from_str(&std::fs::read_to_string(&path).expect("rule file")).expect("TOML");
                for rule in file.get("rule").and_then(toml::Value::as_array).into_iter().flatten() {
                    let listed = rule.get("patterns").and_then(toml::Value::as_array).into_iter().flatten();
                    patterns
                        .extend(listed.chain(rule.get("pattern")).filter_map(toml::Value::as_str).map(str::to_owned));
                }
            }
        }
        assert!(patterns.len() > 50, "{} patterns", patterns.len());
        let gated = patterns.iter().filter(|p| LineGate::of(p).is_some()).count();
        assert!(gated * 2 > patterns.len(), "most rule patterns have a gate: {gated} of {}", patterns.len());
        for pattern in &patterns {
            let lazy = LazyRegex::deferred(pattern);
            let regex = build_regex(pattern).expect("valid");
            // The build script's DFA and a lazy DFA answer as the general engine does.
            let general = meta_regex(pattern).expect("valid");
            let lazy_dfa = build_lazy(pattern).expect("valid");
            let gate = LineGate::of(pattern);
            for line in &lines {
                assert_eq!(lazy.is_match(line), regex.is_match(line.as_str()), "{pattern} on {line:?}");
                assert_eq!(general.is_match(line.as_str()), regex.is_match(line.as_str()), "{pattern} on {line:?}");
                assert_eq!(general.is_match(line.as_str()), lazy_dfa.is_match(line.as_str()), "{pattern} on {line:?}");
                if regex.is_match(line.as_str()) {
                    assert!(gate.as_ref().is_none_or(|gate| gate.admits(line.as_bytes())), "{pattern} on {line:?}");
                }
            }
        }
    }

    #[test]
    fn a_deferred_regex_matches_like_a_compiled_one() {
        let deferred = LazyRegex::deferred(r"^\d+ min read$");
        let compiled = LazyRegex::compiled(r"^\d+ min read$", build_regex(r"^\d+ min read$").expect("valid"));
        for line in ["5 min read", "five min read", "12 min read"] {
            assert_eq!(deferred.is_match(line), compiled.is_match(line), "{line}");
        }
    }

    #[test]
    fn a_unicode_word_boundary_on_non_ascii_text_is_answered_by_the_fallback() {
        let regex = build_regex(r"\bKuCoin\b").expect("valid");
        assert!(regex.is_match("Trade on KuCoin today"));
        assert!(regex.is_match("Giao dịch trên KuCoin ngay"));
        assert!(!regex.is_match("Giao dịch trênKuCoin"));
        assert!(!regex.is_match("KuCoinĐ"));
        assert!(!LineRegex::nothing().is_match("anything"));
    }

    #[test]
    fn every_embedded_dfa_passes_the_full_check() {
        assert!(EMBEDDED_DFAS.len() > 100, "{} embedded DFAs", EMBEDDED_DFAS.len());
        for &(pattern, start, end) in EMBEDDED_DFAS {
            assert!(sparse::DFA::from_bytes(&EMBEDDED_DFA_BYTES[start..end]).is_ok(), "{pattern}");
            assert!(embedded_dfa(pattern).is_some(), "{pattern}");
        }
    }

    #[test]
    fn a_deferred_regex_that_does_not_compile_matches_nothing() {
        let broken = LazyRegex::deferred("(unclosed");
        assert!(!broken.is_match("(unclosed"));
        assert!(!broken.is_match(""));
    }

    #[test]
    fn a_deferred_automaton_goes_from_one_by_one_to_a_dfa_finding_the_same_occurrences() {
        let phrases = ["scan to download", "app", "aa", "download the app", "ppa"];
        let automaton = LazyAutomaton::deferred(phrases.iter().map(|p| (*p).to_owned()).collect());
        assert!(automaton.one_by_one.get().is_none() && automaton.quick.get().is_none());
        let occurrences = |searcher: PhraseSearcher<'_>, line: &str| {
            let mut found = Vec::new();
            searcher.for_each_occurrence(line, |phrase, start, end| found.push((phrase, start, end)));
            found.sort_unstable();
            (searcher.is_match(line), found)
        };
        let lines = ["please scan to download the app", "aaaa appa", "", "nothing here", "ppapp"];
        let one_by_one = automaton.searcher(1).expect("phrases");
        assert!(matches!(one_by_one, PhraseSearcher::OneByOne(_)));
        let quick = automaton.searcher(SEARCH_ONE_BY_ONE_BYTES).expect("phrases");
        assert!(matches!(quick, PhraseSearcher::Automaton(a, _) if a.kind() == AhoCorasickKind::ContiguousNFA));
        let fast = automaton.searcher(SWITCH_TO_DFA_BYTES).expect("phrases");
        assert!(matches!(fast, PhraseSearcher::Automaton(a, _) if a.kind() == AhoCorasickKind::DFA));
        for line in lines {
            let expected = occurrences(fast, line);
            assert_eq!(occurrences(one_by_one, line), expected, "{line}");
            assert_eq!(occurrences(quick, line), expected, "{line}");
        }
        // Overlapping occurrences of one phrase count each.
        assert_eq!(occurrences(fast, "aaaa").1.len(), 3);
        assert_eq!(occurrences(fast, "please scan to download the app").1.len(), 3);
        assert!(LazyAutomaton::deferred(Vec::new()).searcher(1).is_none());
    }
}
