//! Line gates: cheap tests, worked out from a parsed pattern, that turn away lines a regex
//! anchored at the start or the end of the line cannot match, before the regex runs (or is
//! compiled at all, see [`super::lazy`]).
//!
//! A gate holds what can be known from the pattern's syntax tree: the bytes a match can begin
//! and end with, its literal prefixes and suffixes of up to [`AFFIX_BYTES`] bytes when they are
//! few, and, for a pattern anchored at both ends, the longest line it can match.
//!
//! This file is also compiled into the build script, which works out the gates of the embedded
//! rule files' patterns once, at build time (parsing them costs more than cleaning a small
//! input). So it depends on nothing but `std` and `regex-syntax`.
//!
//! Invariant: a gate never turns away a haystack its pattern matches. It may admit haystacks
//! the pattern does not match: it is a gate, never a verdict.

use std::borrow::Cow;

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The longest literal prefix or suffix a gate keeps: three bytes tell most of the rules'
/// opening and closing words apart ("Dis", "Avi", "Haf"; "ved", "%") at the cost of a few
/// lookups.
pub const AFFIX_BYTES: usize = 3;

/// Literal sets larger than this are no gate.
const MAX_AFFIXES: usize = 512;

/// A set of bytes, one bit each.
pub type ByteSet = [u64; 4];

/// What a line must look like to be matched by an anchored pattern (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineGate {
    /// Pattern anchored at the start: the bytes a non-empty match can begin with.
    pub first: Option<ByteSet>,
    /// Pattern anchored at the start, when its literal prefixes are few: each as
    /// [`pack_affix`] gives it, sorted. A match begins with one of them.
    pub prefixes: Option<Cow<'static, [u32]>>,
    /// Pattern anchored at the end: the bytes a non-empty match can end with.
    pub last: Option<ByteSet>,
    /// Pattern anchored at the end, when its literal suffixes are few, packed and sorted like
    /// `prefixes`. A match ends with one of them.
    pub suffixes: Option<Cow<'static, [u32]>>,
    /// Pattern anchored at both ends with matches of bounded length: the longest haystack it can
    /// match (a match is then the whole haystack).
    pub longest: Option<usize>,
    /// Whether the pattern can match an empty haystack.
    pub matches_empty: bool,
    /// A literal every match contains (the longest of three bytes or more that the pattern's
    /// top-level sequence holds: 'KuCoin' in `^[^:]{1,40}:.*KuCoin`). Its test needs a substring
    /// search, which this file leaves to the library ([`super::lazy`]) so that it depends on
    /// `std` and `regex-syntax` alone.
    pub required: Option<Cow<'static, str>>,
}

impl LineGate {
    /// The gate of `pattern`; `None` when it does not parse or is anchored at neither end (or
    /// is anchored at one end only and can match empty, so that it matches every line).
    pub fn of(pattern: &str) -> Option<Self> {
        Self::of_hir(&regex_syntax::parse(pattern).ok()?)
    }

    /// The gate of a parsed pattern (see [`LineGate::of`]).
    pub fn of_hir(hir: &Hir) -> Option<Self> {
        let properties = hir.properties();
        let at_start = properties.look_set_prefix().contains(Look::Start);
        let at_end = properties.look_set_suffix().contains(Look::End);
        let matches_empty = properties.minimum_len().is_none_or(|len| len == 0);
        // Anchored at one end and able to match empty: an empty match there fits every line.
        if !(at_start || at_end) || (matches_empty && !(at_start && at_end)) {
            return None;
        }
        let byte_set = |edge: Edge| {
            let mut set = [0; 4];
            add_edge_bytes(hir, edge, &mut set);
            set
        };
        let affixes = |kind: ExtractKind| {
            let literals =
                Extractor::new().kind(kind).limit_literal_len(AFFIX_BYTES).limit_total(MAX_AFFIXES).extract(hir);
            let all = literals.literals()?;
            if all.iter().any(|literal| literal.as_bytes().is_empty()) {
                return None;
            }
            let mut packed: Vec<u32> = all.iter().map(|literal| pack_affix(literal.as_bytes())).collect();
            packed.sort_unstable();
            packed.dedup();
            Some(Cow::Owned(packed))
        };
        Some(Self {
            first: at_start.then(|| byte_set(Edge::First)),
            prefixes: if at_start { affixes(ExtractKind::Prefix) } else { None },
            last: at_end.then(|| byte_set(Edge::Last)),
            suffixes: if at_end { affixes(ExtractKind::Suffix) } else { None },
            longest: if at_start && at_end { properties.maximum_len() } else { None },
            matches_empty,
            required: required_literal(hir).map(Cow::Owned),
        })
    }

    /// Whether the pattern may match the haystack `bytes`. Asked for every line and every gated
    /// pattern of the rules in force, so the cheapest tests come first.
    #[inline]
    pub fn admits(&self, bytes: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return self.matches_empty;
        };
        let has = |set: &Option<ByteSet>, byte: u8| set.as_ref().is_none_or(|set| contains(set, byte));
        if !has(&self.first, first) || self.longest.is_some_and(|max| bytes.len() > max) || !has(&self.last, last) {
            return false;
        }
        let most = AFFIX_BYTES.min(bytes.len());
        self.prefixes.as_ref().is_none_or(|set| (1..=most).any(|len| has_affix(set, &bytes[..len])))
            && self
                .suffixes
                .as_ref()
                .is_none_or(|set| (1..=most).any(|len| has_affix(set, &bytes[bytes.len() - len..])))
    }
}

/// The longest literal of [`AFFIX_BYTES`] bytes or more among the parts of the pattern's
/// top-level sequence: every match holds it. (Case-insensitive letters are classes, not
/// literals, so they never count.)
fn required_literal(hir: &Hir) -> Option<String> {
    let HirKind::Concat(parts) = hir.kind() else { return None };
    parts
        .iter()
        .filter_map(|part| match part.kind() {
            HirKind::Literal(literal) => std::str::from_utf8(&literal.0).ok(),
            _ => None,
        })
        .filter(|literal| literal.len() >= AFFIX_BYTES)
        .max_by_key(|literal| literal.len())
        .map(str::to_owned)
}

/// Whether the sorted packed affixes `set` hold `affix`. Packed affixes sort by length first,
/// so a length the set lacks is turned away by the ends of the set.
#[inline]
fn has_affix(set: &[u32], affix: &[u8]) -> bool {
    let packed = pack_affix(affix);
    match (set.first(), set.last()) {
        (Some(&low), Some(&high)) if (low..=high).contains(&packed) => set.binary_search(&packed).is_ok(),
        _ => false,
    }
}

/// Whether `byte` is in `set`.
#[inline]
pub fn contains(set: &ByteSet, byte: u8) -> bool {
    set[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
}

fn insert(set: &mut ByteSet, byte: u8) {
    set[usize::from(byte >> 6)] |= 1 << (byte & 63);
}

fn insert_range(set: &mut ByteSet, start: u8, end: u8) {
    for byte in start..=end {
        insert(set, byte);
    }
}

/// At most [`AFFIX_BYTES`] bytes with their count, in one `u32` (the first bytes if there are
/// more).
#[inline]
pub fn pack_affix(bytes: &[u8]) -> u32 {
    let kept = &bytes[..bytes.len().min(AFFIX_BYTES)];
    kept.iter().fold(kept.len() as u32, |packed, &byte| (packed << 8) | u32::from(byte))
}

/// Which end of a match [`add_edge_bytes`] looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// The bytes a match begins with.
    First,
    /// The bytes a match ends with.
    Last,
}

/// Adds to `set` the bytes a non-empty match of `hir` can begin (or end) with; returns whether
/// `hir` can match empty (then what follows it, or precedes it, can begin or end the match
/// too). Case-insensitive letters are in it in both cases, as the parser gives them.
pub fn add_edge_bytes(hir: &Hir, edge: Edge, set: &mut ByteSet) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match if edge == Edge::First { literal.0.first() } else { literal.0.last() } {
            Some(&byte) => {
                insert(set, byte);
                false
            }
            None => true,
        },
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                insert_range(set, range.start(), range.end());
            }
            false
        }
        HirKind::Class(Class::Unicode(class)) => {
            let add = if edge == Edge::First { add_utf8_lead_bytes } else { add_utf8_last_bytes };
            for range in class.ranges() {
                add(u32::from(range.start()), u32::from(range.end()), set);
            }
            false
        }
        HirKind::Repetition(repetition) => add_edge_bytes(&repetition.sub, edge, set) || repetition.min == 0,
        HirKind::Capture(capture) => add_edge_bytes(&capture.sub, edge, set),
        // From the edge inwards, until a part that cannot match empty.
        HirKind::Concat(parts) if edge == Edge::First => parts.iter().all(|part| add_edge_bytes(part, edge, set)),
        HirKind::Concat(parts) => parts.iter().rev().all(|part| add_edge_bytes(part, edge, set)),
        // Every branch is visited: `any` would stop at the first that can match empty.
        HirKind::Alternation(branches) => {
            branches.iter().fold(false, |nullable, branch| add_edge_bytes(branch, edge, set) | nullable)
        }
    }
}

/// Adds the first bytes of the UTF-8 encodings of the code points `start..=end`.
fn add_utf8_lead_bytes(start: u32, end: u32, set: &mut ByteSet) {
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
            insert_range(set, lead(from) as u8, lead(to) as u8);
        }
    }
}

/// Adds the last bytes of the UTF-8 encodings of the code points `start..=end`: the code point
/// itself for ASCII, a continuation byte (its low six bits) for the others.
fn add_utf8_last_bytes(start: u32, end: u32, set: &mut ByteSet) {
    if start <= 0x7F {
        insert_range(set, start as u8, end.min(0x7F) as u8);
    }
    let from = start.max(0x80);
    if from > end {
        return;
    }
    if end - from >= 63 {
        insert_range(set, 0x80, 0xBF);
    } else {
        for c in from..=end {
            insert(set, 0x80 | (c & 0x3F) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Small patterns over a few ASCII and non-ASCII characters: literals, classes, optional
    /// parts, repetitions and alternations, anchored at either end, both or neither, with or
    /// without case folding.
    fn pattern() -> impl Strategy<Value = String> {
        let atom = prop::sample::select(vec![
            "a",
            "B",
            "é",
            "д",
            "下",
            "%",
            " ",
            r"\d",
            r"\s",
            "[aé]",
            "[^a]",
            ".",
            r"\b",
            r"\B",
            r"\w",
            r"\pL",
            r"\p{Cyrillic}",
            "[a-zé-ð]",
            "(?m:^)",
            "(?m:$)",
            "^",
            "$",
            r"(?-u:[\x00-\x7F])",
        ])
        .prop_map(str::to_owned);
        let piece = atom.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                (inner.clone(), prop_oneof![Just("?"), Just("*"), Just("+"), Just("{1,2}"), Just("")])
                    .prop_map(|(atom, repeat)| format!("(?:{atom}){repeat}")),
                prop::collection::vec(inner.clone(), 1..4).prop_map(|parts| parts.concat()),
                prop::collection::vec(inner, 2..4).prop_map(|parts| format!("(?:{})", parts.join("|"))),
            ]
        });
        (piece, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(body, start, end, fold)| {
            format!(
                "{}{}{body}{}",
                if fold { "(?i)" } else { "" },
                if start { "^" } else { "" },
                if end { "$" } else { "" }
            )
        })
    }

    fn haystack() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["a", "A", "b", "B", "é", "É", "д", "Д", "下", "%", " ", "7", "٣"]),
            0..8,
        )
        .prop_map(|chars| chars.concat())
    }

    proptest! {
        // Failing cases are not saved: the repository keeps no `proptest-regressions` folder.
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn a_gate_never_turns_away_a_line_its_pattern_matches(pattern in pattern(), lines in prop::collection::vec(haystack(), 1..12)) {
            let regex = regex::Regex::new(&pattern).expect("generated patterns are valid");
            if let Some(gate) = LineGate::of(&pattern) {
                for line in &lines {
                    if regex.is_match(line) {
                        prop_assert!(gate.admits(line.as_bytes()), "{pattern} on {line:?}: {gate:?}");
                        prop_assert!(gate.required.as_deref().is_none_or(|literal| line.contains(literal)), "{pattern} on {line:?}: {gate:?}");
                    }
                }
            }
        }
    }
}
