//! Matchers built on first use.
//!
//! Compiling every regex and automaton of the shipped rule files takes about 40 ms, far more
//! than cleaning a small input; most runs need one site's rules. The embedded files are checked
//! in full by the test suite (`embedded_rules_compile_eagerly`), so their matchers are built
//! the first time a line reaches them. Files given with `--rules` are compiled at load, so that
//! their errors are reported before any input is read.
//!
//! Invariant: a deferred matcher compiles to what the eager path would have built; should that
//! fail (it cannot for a file that passed the eager check), it matches nothing.

use std::sync::OnceLock;

use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::WhichCaptures;

/// Upper bound on one compiled regex, so a rule file cannot exhaust memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Builds the regex of a rule pattern. Only `is_match` is asked, so no capture groups are kept;
/// matching stays linear in the line.
pub(crate) fn build_regex(pattern: &str) -> Result<Regex, Box<regex_automata::meta::BuildError>> {
    let config = Regex::config().nfa_size_limit(Some(REGEX_SIZE_LIMIT)).which_captures(WhichCaptures::Implicit);
    Regex::builder().configure(config).build(pattern).map_err(Box::new)
}

/// A rule pattern and its regex, compiled now or on first use.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
    /// For a pattern anchored at the start of the line: the bytes a match can begin with (see
    /// [`first_bytes`]). A line that begins with another byte is no match, and does not make
    /// the regex compile: most rule patterns begin with a word, a digit or a symbol, and a small
    /// input meets few of them.
    gate: OnceLock<Option<Box<LineStartGate>>>,
}

impl LazyRegex {
    /// A pattern already compiled (and so checked).
    pub(crate) fn compiled(pattern: &str, regex: Regex) -> Self {
        Self { pattern: pattern.to_owned(), compiled: OnceLock::from(regex), gate: OnceLock::new() }
    }

    /// A pattern to compile when first matched.
    pub(crate) fn deferred(pattern: &str) -> Self {
        Self { pattern: pattern.to_owned(), compiled: OnceLock::new(), gate: OnceLock::new() }
    }

    /// The compiled regex.
    pub(crate) fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            build_regex(&self.pattern).unwrap_or_else(|_| {
                // Unreachable for the embedded files (checked eagerly by a test): match nothing.
                Regex::new_many::<&str>(&[]).unwrap_or_else(|_| unreachable!("an empty regex set always builds"))
            })
        })
    }

    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        let gate = self.gate.get_or_init(|| LineStartGate::of(&self.pattern).map(Box::new));
        if gate.as_ref().is_some_and(|gate| !gate.admits(haystack.as_bytes())) {
            return false;
        }
        self.regex().is_match(haystack)
    }

    /// Heap bytes of the compiled regex (compiling it if needed).
    pub(crate) fn memory_usage(&self) -> usize {
        self.regex().memory_usage() + self.pattern.len()
    }
}

/// What a line must begin with to be matched by a pattern anchored at the start of the line.
#[derive(Debug)]
pub(crate) struct LineStartGate {
    /// The bytes a match can begin with ([`first_bytes`]).
    first: [bool; 256],
    /// When the pattern's literal prefixes (up to [`PREFIX_BYTES`] long) are few: each as its
    /// length and bytes packed in a `u32`. A match begins with one of them.
    prefixes: Option<rustc_hash::FxHashSet<u32>>,
    /// When the pattern is anchored at the end too and its matches are of bounded length: the
    /// longest haystack it can match (a match is then the whole haystack).
    longest: Option<usize>,
}

/// The longest literal prefix a [`LineStartGate`] keeps: three bytes tell most of the rules'
/// opening words apart ("Dis", "Avi", "Haf") at the cost of a few hash lookups.
const PREFIX_BYTES: usize = 3;

impl LineStartGate {
    /// The gate of `pattern`, if it is anchored at the start and cannot match empty.
    fn of(pattern: &str) -> Option<Self> {
        let hir = regex_syntax::parse(pattern).ok()?;
        let first = first_bytes_of(&hir)?;
        // Every match begins with one of a finite set of prefix literals (the empty one would
        // say nothing); a set that grows too large is none.
        let literals = regex_syntax::hir::literal::Extractor::new()
            .kind(regex_syntax::hir::literal::ExtractKind::Prefix)
            .limit_literal_len(PREFIX_BYTES)
            .limit_total(512)
            .extract(&hir);
        let prefixes = literals.literals().filter(|all| all.iter().all(|l| !l.as_bytes().is_empty())).map(|all| {
            all.iter().map(|literal| pack_prefix(literal.as_bytes())).collect::<rustc_hash::FxHashSet<u32>>()
        });
        let properties = hir.properties();
        let longest = properties
            .look_set_suffix()
            .contains(regex_syntax::hir::Look::End)
            .then(|| properties.maximum_len())
            .flatten();
        Some(Self { first, prefixes, longest })
    }

    /// Whether a haystack beginning with `bytes` may be matched.
    fn admits(&self, bytes: &[u8]) -> bool {
        let Some(&first) = bytes.first() else { return false };
        if !self.first[usize::from(first)] || self.longest.is_some_and(|longest| bytes.len() > longest) {
            return false;
        }
        self.prefixes.as_ref().is_none_or(|prefixes| {
            (1..=PREFIX_BYTES.min(bytes.len())).any(|len| prefixes.contains(&pack_prefix(&bytes[..len])))
        })
    }
}

/// A prefix of at most [`PREFIX_BYTES`] bytes with its length, in one `u32`.
fn pack_prefix(bytes: &[u8]) -> u32 {
    bytes.iter().take(PREFIX_BYTES).fold(u32::try_from(bytes.len().min(PREFIX_BYTES)).unwrap_or(0), |packed, &byte| {
        (packed << 8) | u32::from(byte)
    })
}

/// The bytes that a match of `pattern` can begin with, when every match begins at the start of
/// the haystack and is not empty (so an empty haystack cannot match either); `None` otherwise,
/// or when the pattern does not parse. Worked out from the parsed pattern, which costs a small
/// part of compiling it; case-insensitive letters are in it in both cases, as the parser gives
/// them. The set may hold bytes that begin no match (it is a gate, never a verdict).
#[cfg(test)]
fn first_bytes(pattern: &str) -> Option<[bool; 256]> {
    first_bytes_of(&regex_syntax::parse(pattern).ok()?)
}

/// [`first_bytes`] of a parsed pattern.
fn first_bytes_of(hir: &regex_syntax::hir::Hir) -> Option<[bool; 256]> {
    use regex_syntax::hir::Look;
    let properties = hir.properties();
    if !properties.look_set_prefix().contains(Look::Start) || properties.minimum_len().is_none_or(|len| len == 0) {
        return None;
    }
    let mut set = [false; 256];
    let nullable = add_first_bytes(hir, &mut set);
    (!nullable).then_some(set)
}

/// Adds to `set` the bytes a match of `hir` can begin with; returns whether it can match empty
/// (then what follows it can begin the match too).
fn add_first_bytes(hir: &regex_syntax::hir::Hir, set: &mut [bool; 256]) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match literal.0.first() {
            Some(&byte) => {
                set[usize::from(byte)] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                set[usize::from(range.start())..=usize::from(range.end())].fill(true);
            }
            false
        }
        HirKind::Class(Class::Unicode(class)) => {
            for range in class.ranges() {
                add_utf8_lead_bytes(u32::from(range.start()), u32::from(range.end()), set);
            }
            false
        }
        HirKind::Repetition(repetition) => add_first_bytes(&repetition.sub, set) || repetition.min == 0,
        HirKind::Capture(capture) => add_first_bytes(&capture.sub, set),
        HirKind::Concat(parts) => parts.iter().all(|part| add_first_bytes(part, set)),
        // Every branch is visited: `any` would stop at the first that can match empty.
        HirKind::Alternation(branches) => {
            branches.iter().fold(false, |nullable, branch| add_first_bytes(branch, set) | nullable)
        }
    }
}

/// Adds the first bytes of the UTF-8 encodings of the code points `start..=end`.
fn add_utf8_lead_bytes(start: u32, end: u32, set: &mut [bool; 256]) {
    // The code points of each encoded length; the lead byte of a code point of that length.
    let lead = |c: u32| match c {
        0..=0x7F => c,
        0x80..=0x7FF => 0xC0 | (c >> 6),
        0x800..=0xFFFF => 0xE0 | (c >> 12),
        _ => 0xF0 | (c >> 18),
    };
    for (low, high) in [(0, 0x7F), (0x80, 0x7FF), (0x800, 0xFFFF), (0x1_0000, 0x10_FFFF)] {
        let (from, to) = (start.max(low), end.min(high));
        if from <= to {
            for byte in lead(from)..=lead(to) {
                set[byte as usize] = true;
            }
        }
    }
}

/// Haystack bytes searched with the quick-to-build automaton before the fast one is built: a
/// DFA over the shipped fingerprints takes about 8 ms to build and searches 3x faster than the
/// NFA, which builds in under 1 ms; the DFA pays for itself after about 2 MB.
const SWITCH_TO_DFA_BYTES: usize = 2 << 20;

/// A multi-phrase automaton, built on first use: a contiguous NFA (quick to build) for the first
/// [`SWITCH_TO_DFA_BYTES`] searched, then a DFA (quick to search). Both find the same matches.
#[derive(Debug)]
pub(crate) struct LazyAutomaton {
    phrases: Vec<String>,
    /// `None` inside: the phrases did not build (only possible past the automaton's size limits).
    quick: OnceLock<Option<AhoCorasick>>,
    fast: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
}

impl LazyAutomaton {
    /// Builds the automaton of `phrases` now (its fast form), reporting whether it builds.
    pub(crate) fn compiled(phrases: Vec<String>) -> Result<Self, aho_corasick::BuildError> {
        let fast = if phrases.is_empty() { None } else { Some(Self::build(&phrases, AhoCorasickKind::DFA)?) };
        Ok(Self { phrases, quick: OnceLock::new(), fast: OnceLock::from(fast), searched: AtomicUsize::new(0) })
    }

    /// Keeps `phrases` to build their automaton on first use.
    pub(crate) fn deferred(phrases: Vec<String>) -> Self {
        Self { phrases, quick: OnceLock::new(), fast: OnceLock::new(), searched: AtomicUsize::new(0) }
    }

    fn build(phrases: &[String], kind: AhoCorasickKind) -> Result<AhoCorasick, aho_corasick::BuildError> {
        AhoCorasick::builder().kind(Some(kind)).build(phrases)
    }

    /// The automaton to search `haystack_bytes` more bytes with, or `None` when there are no
    /// phrases.
    pub(crate) fn searcher(&self, haystack_bytes: usize) -> Option<&AhoCorasick> {
        if let Some(fast) = self.fast.get() {
            return fast.as_ref();
        }
        if self.phrases.is_empty() {
            return None;
        }
        let searched = self.searched.fetch_add(haystack_bytes, Ordering::Relaxed) + haystack_bytes;
        if searched >= SWITCH_TO_DFA_BYTES {
            return self.fast.get_or_init(|| Self::build(&self.phrases, AhoCorasickKind::DFA).ok()).as_ref();
        }
        self.quick.get_or_init(|| Self::build(&self.phrases, AhoCorasickKind::ContiguousNFA).ok()).as_ref()
    }

    /// Heap bytes of the fast automaton (building it if needed).
    pub(crate) fn memory_usage(&self) -> usize {
        self.searcher(SWITCH_TO_DFA_BYTES).map_or(0, AhoCorasick::memory_usage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_byte_gate_holds_the_bytes_a_match_begins_with() {
        let gate = |pattern: &str| -> Option<Vec<u8>> {
            first_bytes(pattern).map(|set| (0..=255u8).filter(|&b| set[usize::from(b)]).collect())
        };
        assert_eq!(gate("^(?i)ab|^x"), Some(b"AXax".to_vec()));
        assert_eq!(gate(r"^a*(?:b|c?)d"), Some(b"abcd".to_vec()));
        assert_eq!(gate(r"^[#$]\w+"), Some(b"#$".to_vec()));
        // Unicode digits: ASCII ones and the lead bytes of the others.
        let digits = gate(r"^\d+").expect("anchored");
        assert!(digits.contains(&b'7') && digits.contains(&0xD9) && !digits.contains(&b'a'));
        // Not anchored, possibly empty, or anchored only in multi-line mode: no gate.
        for pattern in ["abc", "^$", r"^\s*", "(?m)^abc", "^a|b"] {
            assert_eq!(gate(pattern), None, "{pattern}");
        }
        // Literal prefixes, when few, tell more than the first byte.
        let gate = LineStartGate::of("^(?i:Disclaimer|Haftungsausschluss)").expect("anchored");
        assert!(gate.prefixes.is_some());
        assert!(
            gate.admits(b"DISCLAIMER: x") && gate.admits(b"haftung") && !gate.admits(b"Hello") && !gate.admits(b"")
        );
        assert!(LineStartGate::of(r"^\d{2}").is_some_and(|gate| gate.admits(b"12") && !gate.admits(b"x1")));
        // Anchored at both ends and bounded: a longer line is no match.
        let bounded = LineStartGate::of(r"^[A-Z]{2,5}$").expect("anchored");
        assert!(bounded.admits(b"BTC") && !bounded.admits(b"BTCETHSOL"));
        assert_eq!(LineStartGate::of(r"^[A-Z]{2,5}").and_then(|gate| gate.longest), None);
    }

    #[test]
    fn the_gate_never_turns_a_match_away() {
        // Every regex of the shipped rule files, over every line of the samples and of odd
        // lines, answers the same with and without the gate.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = ["", " ", "0", "#", "$BTC", "©", "١٢ دقيقة", "Ünïcödé", "\u{feff}x"]
            .iter()
            .map(|line| (*line).to_owned())
            .collect();
        for entry in std::fs::read_dir(root.join("samples")).expect("samples") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
            lines.extend(text.lines().map(|line| crate::normalize::bare_line(line).to_owned()));
        }
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
        let gated = patterns.iter().filter(|p| first_bytes(p).is_some()).count();
        assert!(gated * 2 > patterns.len(), "most rule patterns have a gate: {gated} of {}", patterns.len());
        for pattern in &patterns {
            let lazy = LazyRegex::deferred(pattern);
            let regex = build_regex(pattern).expect("valid");
            for line in &lines {
                assert_eq!(lazy.is_match(line), regex.is_match(line.as_str()), "{pattern} on {line:?}");
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
    fn a_deferred_regex_that_does_not_compile_matches_nothing() {
        let broken = LazyRegex::deferred("(unclosed");
        assert!(!broken.is_match("(unclosed"));
        assert!(!broken.is_match(""));
    }

    #[test]
    fn a_deferred_automaton_builds_on_first_use_and_switches_to_a_dfa() {
        let automaton = LazyAutomaton::deferred(vec!["scan to download".to_owned(), "app".to_owned()]);
        assert!(automaton.quick.get().is_none() && automaton.fast.get().is_none());
        let line = "please scan to download the app";
        let quick = automaton.searcher(line.len()).expect("phrases");
        assert_eq!(quick.kind(), AhoCorasickKind::ContiguousNFA);
        let quick_hits: Vec<_> = quick.find_overlapping_iter(line).map(|m| (m.pattern(), m.span())).collect();
        let fast = automaton.searcher(SWITCH_TO_DFA_BYTES).expect("phrases");
        assert_eq!(fast.kind(), AhoCorasickKind::DFA);
        let fast_hits: Vec<_> = fast.find_overlapping_iter(line).map(|m| (m.pattern(), m.span())).collect();
        assert_eq!(quick_hits, fast_hits);
        assert_eq!(fast_hits.len(), 2);
        assert!(LazyAutomaton::deferred(Vec::new()).searcher(1).is_none());
    }
}
