//! A skip filter in front of the phrase automaton: most lines hold no phrase at all, and a
//! multi-pattern skip search (Wu and Manber's) finds that out without looking at every byte.
//!
//! Every phrase is at least `window` bytes long (up to 8). The filter slides a window of that
//! many bytes over a line and looks at the window's last four bytes: a table says how far the
//! window can move before those four bytes could be part of some phrase's first `window`
//! bytes. When they could end them, the window's bytes are compared with those first bytes of
//! every phrase (one 64-bit lookup), and on a hit the whole phrase with the line from there.
//!
//! Invariant: [`SkipFilter::holds_phrase`] is true exactly for the lines in which a phrase
//! occurs. A test checks it against a plain search.

/// Bytes looked at per step.
const BLOCK: usize = 4;
/// Bits of the block hash: a 16 KiB table, which stays in the first-level cache (4 KiB made
/// more blocks collide, and the window move less far).
const HASH_BITS: u32 = 14;
/// Below this, phrases are too short for skipping to pay.
const SHORTEST_USEFUL_WINDOW: usize = 6;

/// See the module docs.
#[derive(Debug)]
pub(crate) struct SkipFilter {
    /// The window: the length of the shortest phrase, at most 8.
    window: usize,
    /// For each block hash: how far the window may move when its last bytes hash so.
    shift: Box<[u8; 1 << HASH_BITS]>,
    /// The first `window` bytes of every phrase, as little-endian integers, with the phrase's
    /// index, sorted.
    starts: Vec<(u64, usize)>,
    phrases: Vec<Box<[u8]>>,
}

impl SkipFilter {
    /// The filter for `phrases`, or `None` when some phrase is too short for it to pay.
    pub(crate) fn new(phrases: &[String]) -> Option<Self> {
        let window = phrases.iter().map(String::len).min()?.min(8);
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
    pub(crate) fn holds_phrase(&self, haystack: &[u8]) -> bool {
        let mut end = self.window - 1;
        while let Some(block) = haystack.get(end + 1 - BLOCK..=end) {
            match self.shift[block_hash(block)] {
                0 => {
                    let start = end + 1 - self.window;
                    let packed = pack(&haystack[start..=end]);
                    let first = self.starts.partition_point(|&(known, _)| known < packed);
                    let rest = &haystack[start..];
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

/// Up to eight bytes as a little-endian integer.
fn pack(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0, |packed, &byte| packed << 8 | u64::from(byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_says_whether_a_line_holds_a_phrase() {
        let phrases: Vec<String> =
            ["disclaimer", "gate.io", "scan to download", "все права", "免责声明：本文", "abcabcab"]
                .iter()
                .map(|p| (*p).to_owned())
                .collect();
        let filter = SkipFilter::new(&phrases).expect("phrases of 7 bytes or more");
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
            assert_eq!(filter.holds_phrase(line.as_bytes()), truly, "{line:?}");
            held += usize::from(truly);
        }
        assert!(held > 2000, "{held} lines held a phrase");
        assert!(!filter.holds_phrase(b"") && !filter.holds_phrase(b"gate.i"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 3000, failure_persistence: None, ..proptest::prelude::ProptestConfig::default()
        })]

        // Phrases and lines over a few letters, so that phrases overlap each other and recur in
        // the lines in every way.
        #[test]
        fn it_agrees_with_a_plain_search(
            phrases in proptest::collection::vec("[abé ]{6,12}", 1..8),
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
            if let Some(filter) = SkipFilter::new(&phrases) {
                for line in &lines {
                    let truly = phrases.iter().any(|p| line.contains(p.as_str()));
                    proptest::prop_assert_eq!(filter.holds_phrase(line.as_bytes()), truly, "{:?} in {:?}", phrases, line);
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
