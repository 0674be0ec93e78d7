//! A skip filter in front of the phrase automaton: most lines hold no phrase at all, and a
//! multi-pattern skip search (Wu and Manber's) finds that out without looking at every byte.
//!
//! A skip search slides a window as long as the shortest phrase (up to [`LONGEST_WINDOW`]
//! bytes) over a line and looks at the window's last four bytes: a table says how far the
//! window can move before those four bytes could be part of some phrase's first `window`
//! bytes. When they could end them, the window's first bytes are compared with those of every
//! phrase (one 64-bit lookup), and on a hit the whole phrase with the line from there. The
//! longer the window, the farther it moves: with 8 bytes at most 5 at a time, with 16 up to 13.
//!
//! So the phrases are split: those of at least [`LONG_PHRASE`] bytes (the disclaimers) go to a
//! skip search with a long window, and the few shorter ones (hosts and site names used as
//! fingerprints, short labels) to a vectorised search for a handful of patterns (Teddy, from
//! `aho-corasick`). Where Teddy is not available (a CPU without SSSE3), one skip search takes
//! every phrase, with a window of the shortest.
//!
//! Invariant: [`SkipFilter::holds_phrase`] is true exactly for the lines in which a phrase
//! occurs. Tests check it against a plain search.

use aho_corasick::packed;

/// Bytes looked at per step.
const BLOCK: usize = 4;
/// Bits of the block hash: a 16 KiB table, which stays in the first-level cache (4 KiB made
/// more blocks collide, and the window move less far).
const HASH_BITS: u32 = 14;
/// Below this, phrases are too short for skipping to pay.
const SHORTEST_USEFUL_WINDOW: usize = 6;
/// The longest window of a skip search.
const LONGEST_WINDOW: usize = 16;
/// Phrases at least this long (in bytes) are left to the long-window skip search.
const LONG_PHRASE: usize = 16;

/// See the module docs.
#[derive(Debug)]
pub(crate) enum SkipFilter {
    /// The long phrases (if any) by a skip search, the short ones by Teddy.
    Split { long: Option<SkipSearch>, short: packed::Searcher },
    /// Every phrase by one skip search.
    Whole(SkipSearch),
}

impl SkipFilter {
    /// The filter for `phrases`, or `None` when some phrase is too short for it to pay.
    pub(crate) fn new(phrases: &[String]) -> Option<Self> {
        Self::build(phrases, true)
    }

    /// Like [`SkipFilter::new`]; `split` false (or no Teddy on this CPU) gives one skip search.
    fn build(phrases: &[String], split: bool) -> Option<Self> {
        if phrases.iter().map(String::len).min()? < SHORTEST_USEFUL_WINDOW {
            return None;
        }
        let (long, short): (Vec<String>, Vec<String>) =
            phrases.iter().cloned().partition(|phrase| phrase.len() >= LONG_PHRASE);
        if split {
            if short.is_empty() {
                return SkipSearch::new(&long).map(Self::Whole);
            }
            let teddy = packed::Config::new().builder().extend(short.iter().map(String::as_bytes)).build();
            if let Some(short) = teddy {
                return Some(Self::Split { long: SkipSearch::new(&long), short });
            }
        }
        SkipSearch::new(phrases).map(Self::Whole)
    }

    /// Whether a phrase occurs in `haystack`.
    pub(crate) fn holds_phrase(&self, haystack: &[u8]) -> bool {
        match self {
            Self::Split { long, short } => {
                long.as_ref().is_some_and(|long| long.holds_phrase(haystack)) || short.find(haystack).is_some()
            }
            Self::Whole(search) => search.holds_phrase(haystack),
        }
    }
}

/// One skip search (see the module docs).
#[derive(Debug)]
pub(crate) struct SkipSearch {
    /// The window: the length of the shortest phrase, at most [`LONGEST_WINDOW`].
    window: usize,
    /// For each block hash: how far the window may move when its last bytes hash so.
    shift: Box<[u8; 1 << HASH_BITS]>,
    /// The first bytes (up to 8) of every phrase, as little-endian integers, with the
    /// phrase's index, sorted.
    starts: Vec<(u64, usize)>,
    phrases: Vec<Box<[u8]>>,
}

impl SkipSearch {
    /// The search for `phrases`; `None` when there is none, or one is too short.
    fn new(phrases: &[String]) -> Option<Self> {
        let window = phrases.iter().map(String::len).min()?.min(LONGEST_WINDOW);
        if window < SHORTEST_USEFUL_WINDOW {
            return None;
        }
        let farthest = u8::try_from(window - BLOCK + 1).ok()?;
        let mut shift = Box::new([farthest; 1 << HASH_BITS]);
        let mut starts = Vec::with_capacity(phrases.len());
        for phrase in phrases {
            let start = &phrase.as_bytes()[..window];
            for end in BLOCK - 1..window {
                let slot = &mut shift[block_hash(&start[end + 1 - BLOCK..=end])];
                *slot = (*slot).min(u8::try_from(window - 1 - end).ok()?);
            }
            starts.push((pack(start), starts.len()));
        }
        starts.sort_unstable();
        let phrases = phrases.iter().map(|phrase| phrase.as_bytes().into()).collect();
        Some(Self { window, shift, starts, phrases })
    }

    /// Whether a phrase occurs in `haystack`.
    fn holds_phrase(&self, haystack: &[u8]) -> bool {
        let mut end = self.window - 1;
        while let Some(block) = haystack.get(end + 1 - BLOCK..=end) {
            match self.shift[block_hash(block)] {
                0 => {
                    let start = end + 1 - self.window;
                    let rest = &haystack[start..];
                    let packed = pack(&rest[..self.window]);
                    let first = self.starts.partition_point(|&(known, _)| known < packed);
                    let same_start = self.starts[first..].iter().take_while(|&&(known, _)| known == packed);
                    if same_start.into_iter().any(|&(_, phrase)| rest.starts_with(&self.phrases[phrase])) {
                        return true;
                    }
                    end += 1;
                }
                step => end += usize::from(step),
            }
        }
        false
    }
}

fn block_hash(block: &[u8]) -> usize {
    let value = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
    (value.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// The first eight bytes (or fewer, if shorter) as a little-endian integer.
fn pack(bytes: &[u8]) -> u64 {
    bytes.iter().take(8).rev().fold(0, |packed, &byte| packed << 8 | u64::from(byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_says_whether_a_line_holds_a_phrase() {
        let phrases: Vec<String> = [
            "disclaimer",
            "gate.io",
            "scan to download",
            "все права",
            "免责声明：本文",
            "abcabcab",
            "this page may contain third-party content",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        let split = SkipFilter::build(&phrases, true).expect("phrases of 7 bytes or more");
        let whole = SkipFilter::build(&phrases, false).expect("phrases of 7 bytes or more");
        assert!(matches!(whole, SkipFilter::Whole(_)));
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("ssse3") {
            assert!(matches!(split, SkipFilter::Split { long: Some(_), .. }));
        }
        let filler = ["", "x", "lorem ipsum ", "ab", "abcab", "привет ", "日本語", "\u{0640}"];
        let mut state = 1u64;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        let mut held = 0;
        for _ in 0..5000 {
            let mut line = String::new();
            for _ in 0..next(6) {
                line.push_str(filler[next(filler.len())]);
            }
            let holds = next(2) == 0;
            if holds {
                let at = line.char_indices().map(|(i, _)| i).nth(next(line.chars().count() + 1)).unwrap_or(line.len());
                line.insert_str(at, &phrases[next(phrases.len())]);
            }
            let truly = phrases.iter().any(|p| line.contains(p.as_str()));
            assert_eq!(split.holds_phrase(line.as_bytes()), truly, "{line:?}");
            assert_eq!(whole.holds_phrase(line.as_bytes()), truly, "{line:?}");
            held += usize::from(truly);
        }
        assert!(held > 2000, "{held} lines held a phrase");
        for filter in [&split, &whole] {
            assert!(!filter.holds_phrase(b"") && !filter.holds_phrase(b"gate.i"));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 3000, failure_persistence: None, ..proptest::prelude::ProptestConfig::default()
        })]

        // Phrases and lines over a few letters, so that phrases overlap each other and recur in
        // the lines in every way.
        #[test]
        fn it_agrees_with_a_plain_search(
            // 6 to 40 bytes: both sides of the split between short and long phrases.
            phrases in proptest::collection::vec("[abé ]{6,24}", 1..8),
            pieces in proptest::collection::vec(
                proptest::collection::vec((0..3u8, 0..8usize, 0..12usize, "[abé ]{0,6}"), 0..6),
                1..16,
            ),
        ) {
            // Each line: whole phrases, cut-off phrases (near misses) and filler, in any order.
            let lines: Vec<String> = pieces
                .iter()
                .map(|line| {
                    line.iter()
                        .map(|(kind, which, cut, filler)| {
                            let phrase = &phrases[which % phrases.len()];
                            match kind {
                                0 => phrase.clone(),
                                1 => phrase.chars().take(cut % phrase.chars().count()).collect(),
                                _ => filler.clone(),
                            }
                        })
                        .collect()
                })
                .collect();
            for split in [true, false] {
                if let Some(filter) = SkipFilter::build(&phrases, split) {
                    for line in &lines {
                        let truly = phrases.iter().any(|p| line.contains(p.as_str()));
                        proptest::prop_assert_eq!(
                            filter.holds_phrase(line.as_bytes()), truly, "{:?} in {:?} ({:?})", phrases, line, split
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn short_phrases_get_no_filter() {
        assert!(SkipFilter::new(&["abcd".to_owned(), "longer phrase".to_owned()]).is_none());
        assert!(SkipFilter::new(&[]).is_none());
    }
}
