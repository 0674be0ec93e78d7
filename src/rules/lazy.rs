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
}

impl LazyRegex {
    /// A pattern already compiled (and so checked).
    pub(crate) fn compiled(pattern: &str, regex: Regex) -> Self {
        Self { pattern: pattern.to_owned(), compiled: OnceLock::from(regex) }
    }

    /// A pattern to compile when first matched.
    pub(crate) fn deferred(pattern: &str) -> Self {
        Self { pattern: pattern.to_owned(), compiled: OnceLock::new() }
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
        self.regex().is_match(haystack)
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
