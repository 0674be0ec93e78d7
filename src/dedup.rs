//! Duplicate documents: exact and near duplicates across a whole run.
//!
//! * A [`DedupKey`] is computed from a document's clean text alone (a pure function, so it is
//!   computed in the parallel stage): an xxh3 hash of the normalised text (its lines' match keys,
//!   see [`crate::normalize`]: lowercase, compatibility forms folded, bullets and invisible
//!   characters dropped, whitespace runs collapsed; joined by one space) for exact duplicates,
//!   and a MinHash signature of its 5-token shingles for near duplicates. The cleaner has
//!   computed the match keys already ([`crate::pipeline::Cleaned::keys`]), so
//!   [`DedupKey::of_output`] reuses them. Tokens are whitespace-separated words, except that each CJK character is a
//!   token of its own, since those scripts do not separate words. The signature uses
//!   one-permutation hashing (one hash per shingle, [`SIGNATURE_LEN`] bins, empty bins filled by
//!   rotation from the next filled bin) and keeps 4 bits per bin; the similarity estimate is
//!   corrected for the chance agreement of 4-bit values.
//! * A [`DedupIndex`] decides, one document at a time and in the caller's order, whether a key
//!   repeats an earlier one. Only the first copy is kept; "earlier" is the order of calls, which
//!   the batch driver makes the sorted path order so every run decides the same way.
//!
//! Memory: per unique document the index keeps a [`SIGNATURE_BYTES`]-byte signature, one exact
//! hash entry, [`BANDS`] LSH entries and a 4-byte stamp; README states the measured bytes per
//! document. Time: a check compares at most [`BANDS`] × [`CANDIDATES_PER_BAND`] earlier
//! documents, each once, so a run stays linear in its documents even when many are alike.

use std::collections::HashMap;

use std::borrow::Cow;

use crate::document::Document;
use crate::normalize::{is_cjk, match_key};
use crate::pipeline::Cleaned;
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_64_with_seed};

/// MinHash bins per signature (4 bits each, two per byte).
pub const SIGNATURE_LEN: usize = 256;
/// Bytes per signature.
pub const SIGNATURE_BYTES: usize = SIGNATURE_LEN / 2;
/// LSH bands over the first `BANDS * ROWS` bins; a pair of documents becomes a candidate if one
/// band of rows is identical.
pub const BANDS: usize = 8;
const ROWS: usize = 8;
/// Tokens per shingle.
pub const SHINGLE_TOKENS: usize = 5;
/// The default near-duplicate threshold (estimated Jaccard similarity of shingle sets).
pub const DEFAULT_NEAR_THRESHOLD: f32 = 0.9;

/// What identifies a document for deduplication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DedupKey {
    exact: u64,
    signature: Option<[u8; SIGNATURE_BYTES]>,
}

impl DedupKey {
    /// The key of a clean text. Empty texts have no key (they are never duplicates).
    pub fn of(text: &str) -> Option<Self> {
        Self::of_keys(text.lines().map(|line| Cow::Owned(match_key(line))))
    }

    /// The key of a cleaned document's output (the text [`crate::output::render_text`] writes),
    /// from the match keys the cleaner computed; a line without one (too long for the rules, or
    /// no rule file loaded) is keyed here.
    pub fn of_output(document: &Document<'_>, cleaned: &Cleaned<'_>) -> Option<Self> {
        Self::of_keys(cleaned.output_lines().map(|line| match cleaned.keys.get(line) {
            Some(key) if !key.is_empty() => Cow::Borrowed(key.as_str()),
            _ => Cow::Owned(document.lines().get(line).map(|l| match_key(l.text)).unwrap_or_default()),
        }))
    }

    /// The key of a text given as its lines' match keys, in order.
    fn of_keys<'k>(keys: impl Iterator<Item = Cow<'k, str>>) -> Option<Self> {
        let mut exact = Xxh3::new();
        let mut tokens = Vec::new();
        let mut empty = true;
        for key in keys.filter(|key| !key.is_empty()) {
            if !empty {
                exact.update(b" ");
            }
            exact.update(key.as_bytes());
            push_token_hashes(&key, &mut tokens);
            empty = false;
        }
        (!empty).then(|| Self { exact: exact.digest(), signature: minhash(&tokens) })
    }
}

/// Whether a document repeats an earlier one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Not seen before: it is kept, and later documents are compared with it.
    Unique,
    /// The same text as document `of` (an index of an earlier unique document).
    Exact {
        /// Index, in call order among unique documents, of the first copy.
        of: u32,
    },
    /// Near the text of document `of`.
    Near {
        /// Index, in call order among unique documents, of the first copy.
        of: u32,
        /// Estimated Jaccard similarity of the two shingle sets.
        similarity: f32,
    },
}

/// A document listed as a duplicate.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Duplicate {
    /// The duplicate (`path`, or `path#N` for the N-th document of a multi-document input).
    pub document: String,
    /// The first copy.
    pub duplicate_of: String,
    /// `exact` or `near`.
    pub kind: &'static str,
    /// Estimated similarity (1 for exact duplicates).
    pub similarity: f32,
}

/// Named documents checked in order: keeps the names of the unique ones and lists duplicates.
#[derive(Debug)]
pub struct DuplicateTracker {
    index: DedupIndex,
    unique_names: Vec<String>,
    /// The duplicates found so far, in the order they were checked (kept only when a list is
    /// wanted: see [`DuplicateTracker::without_list`]).
    pub found: Vec<Duplicate>,
    keep_list: bool,
}

impl DuplicateTracker {
    /// An empty tracker that lists the duplicates it finds (see [`DedupIndex::new`] for the
    /// threshold).
    pub fn new(threshold: f32) -> Self {
        Self { index: DedupIndex::new(threshold), unique_names: Vec::new(), found: Vec::new(), keep_list: true }
    }

    /// An empty tracker that keeps no list: only unique documents cost memory, so a stream of
    /// millions of copies runs in the memory of its distinct documents.
    pub fn without_list(threshold: f32) -> Self {
        Self { keep_list: false, ..Self::new(threshold) }
    }

    /// Checks document `name` (whose key is `key`; `None` for an empty text) and returns the
    /// listing when it repeats an earlier document.
    pub fn check(&mut self, name: &str, key: Option<&DedupKey>) -> Option<Duplicate> {
        let verdict = key.map(|key| self.index.check(key))?;
        let (of, kind, similarity) = match verdict {
            Verdict::Unique => {
                self.unique_names.push(name.to_owned());
                return None;
            }
            Verdict::Exact { of } => (of, "exact", 1.0),
            Verdict::Near { of, similarity } => (of, "near", similarity),
        };
        let duplicate_of = self.unique_names[of as usize].clone();
        let duplicate = Duplicate { document: name.to_owned(), duplicate_of, kind, similarity };
        if self.keep_list {
            self.found.push(duplicate.clone());
        }
        Some(duplicate)
    }
}

/// The documents seen so far.
#[derive(Debug)]
pub struct DedupIndex {
    threshold: f32,
    exact: HashMap<u64, u32>,
    signatures: Vec<[u8; SIGNATURE_BYTES]>,
    /// Band hash (32 bits: a collision only adds a candidate, which the signature then rejects)
    /// → the latest unique document with it; `band_next` chains to earlier ones.
    band_heads: HashMap<u32, u32>,
    band_next: Vec<[u32; BANDS]>,
    /// For each unique document, the last check that compared it (see `best_near`).
    compared_in_check: Vec<u32>,
    checks: u32,
    unique: u32,
}

/// The most documents of one LSH band's chain compared per check, newest first. Real feeds
/// rarely have more than a few documents per band value; a corpus of many variants of one text
/// would otherwise make every check compare against all of them (quadratic time).
pub const CANDIDATES_PER_BAND: usize = 256;

const NONE: u32 = u32::MAX;

impl DedupIndex {
    /// An empty index; documents with an estimated similarity of at least `threshold` (0 to 1)
    /// to an earlier one are near duplicates. A threshold above 1 turns near duplicates off.
    pub fn new(threshold: f32) -> Self {
        Self {
            threshold,
            exact: HashMap::new(),
            signatures: Vec::new(),
            band_heads: HashMap::new(),
            band_next: Vec::new(),
            compared_in_check: Vec::new(),
            checks: 0,
            unique: 0,
        }
    }

    /// Number of unique documents indexed.
    pub fn len(&self) -> usize {
        self.unique as usize
    }

    /// True if no document has been indexed.
    pub fn is_empty(&self) -> bool {
        self.unique == 0
    }

    /// Decides whether `key` repeats an earlier document; a unique one is added to the index.
    pub fn check(&mut self, key: &DedupKey) -> Verdict {
        if let Some(&of) = self.exact.get(&key.exact) {
            return Verdict::Exact { of };
        }
        let id = self.unique;
        if let Some(signature) = &key.signature {
            if self.threshold <= 1.0
                && let Some((of, similarity)) = self.best_near(signature)
            {
                return Verdict::Near { of, similarity };
            }
            let mut next = [NONE; BANDS];
            for (band, slot) in next.iter_mut().enumerate() {
                let head = self.band_heads.entry(band_hash(band, signature)).or_insert(NONE);
                *slot = *head;
                *head = id;
            }
            self.band_next.push(next);
            self.signatures.push(*signature);
        } else {
            // Too short for shingles: exact matching only. Keep the vectors aligned by id.
            self.band_next.push([NONE; BANDS]);
            self.signatures.push([0; SIGNATURE_BYTES]);
        }
        self.compared_in_check.push(self.checks);
        self.exact.insert(key.exact, id);
        self.unique += 1;
        Verdict::Unique
    }

    /// The most similar candidate at or above the threshold (the earliest one on a tie). Each
    /// band's chain is walked newest first, at most [`CANDIDATES_PER_BAND`] long, and a
    /// candidate met in several bands is compared once, so a check costs at most
    /// `BANDS * CANDIDATES_PER_BAND` comparisons however many similar documents came before.
    fn best_near(&mut self, signature: &[u8; SIGNATURE_BYTES]) -> Option<(u32, f32)> {
        if self.checks == u32::MAX {
            // Stamps restart rather than wrap, so no old stamp equals a new check.
            self.compared_in_check.fill(0);
            self.checks = 0;
        }
        self.checks += 1;
        let mut best: Option<(u32, f32)> = None;
        for band in 0..BANDS {
            let mut candidate = self.band_heads.get(&band_hash(band, signature)).copied().unwrap_or(NONE);
            let mut walked = 0;
            while candidate != NONE && walked < CANDIDATES_PER_BAND {
                walked += 1;
                let seen = &mut self.compared_in_check[candidate as usize];
                if *seen != self.checks {
                    *seen = self.checks;
                    let similarity = estimate(signature, &self.signatures[candidate as usize]);
                    if similarity >= self.threshold
                        && best.is_none_or(|(of, s)| similarity > s || (similarity == s && candidate < of))
                    {
                        best = Some((candidate, similarity));
                    }
                }
                candidate = self.band_next[candidate as usize][band];
            }
        }
        best
    }
}

/// Appends the hashes of the tokens of a match key (words between single spaces; each CJK
/// character a token of its own).
fn push_token_hashes(key: &str, hashes: &mut Vec<u64>) {
    let bytes = key.as_bytes();
    // CJK characters start with a byte of E3 or above in UTF-8. Most keys have none (one quick
    // pass says so), and then every word is one token.
    // (The largest byte, rather than `any`, so that the pass runs on whole vectors.)
    let may_hold_cjk = bytes.iter().copied().max().is_some_and(|byte| byte >= 0xE3);
    let mut start = 0;
    // Words end at spaces. Most words are a few bytes long, so a plain scan finds the next
    // space sooner than a vectorised search (memchr) gets going.
    for word in bytes.split(|&byte| byte == b' ') {
        let word_start = start;
        start += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        if !may_hold_cjk || word.iter().all(|&byte| byte < 0xE3) {
            hashes.push(xxh3_64(word));
            continue;
        }
        // Spaces are ASCII, so the word's bounds are character bounds.
        let mut rest = &key[word_start..word_start + word.len()];
        while !rest.is_empty() {
            // Split a word into runs: each CJK character alone, other characters together.
            let first = rest.chars().next().map_or(0, char::len_utf8);
            let run = if rest.starts_with(is_cjk) { first } else { rest.find(is_cjk).unwrap_or(rest.len()) };
            hashes.push(xxh3_64(&rest.as_bytes()[..run]));
            rest = &rest[run..];
        }
    }
}

/// The one-permutation MinHash signature of the text's shingles, or `None` if it has too few
/// tokens.
fn minhash(tokens: &[u64]) -> Option<[u8; SIGNATURE_BYTES]> {
    if tokens.len() < SHINGLE_TOKENS {
        return None;
    }
    let mut minimums = [u64::MAX; SIGNATURE_LEN];
    for hash in shingle_hashes(tokens) {
        let bin = (hash % SIGNATURE_LEN as u64) as usize;
        let value = hash / SIGNATURE_LEN as u64;
        if value < minimums[bin] {
            minimums[bin] = value;
        }
    }
    // Rotation densification: an empty bin takes the value of the next filled bin to its right,
    // salted by the distance, so that two documents agree on it only when they agree there.
    let mut signature = [0u8; SIGNATURE_BYTES];
    for bin in 0..SIGNATURE_LEN {
        let (distance, value) = (0..SIGNATURE_LEN)
            .map(|d| (d, minimums[(bin + d) % SIGNATURE_LEN]))
            .find(|(_, value)| *value != u64::MAX)
            .unwrap_or((0, 0));
        // b-bit MinHash: 4 bits of a mixed minimum per bin, two bins per byte.
        let nibble = (mix(value ^ SEEDS[distance % SEEDS.len()]) & 0xF) as u8;
        signature[bin / 2] |= if bin % 2 == 0 { nibble } else { nibble << 4 };
    }
    Some(signature)
}

/// The mixed hash of every run of [`SHINGLE_TOKENS`] tokens, in order. A shingle's hash is its
/// tokens' hashes rotated 13 bits apart and combined by exclusive or (rot(t0, 52) ^ rot(t1, 39)
/// ^ rot(t2, 26) ^ rot(t3, 13) ^ t4), so the next one follows from it: take out the first
/// token, rotate, add the new last one.
fn shingle_hashes(tokens: &[u64]) -> impl Iterator<Item = u64> + '_ {
    const SPAN: u32 = 13 * (SHINGLE_TOKENS as u32 - 1);
    let head = tokens.get(..SHINGLE_TOKENS - 1).unwrap_or_default();
    let mut shingle = head.iter().fold(0u64, |hash, &token| hash.rotate_left(13) ^ token);
    let lasts = tokens.get(SHINGLE_TOKENS - 1..).unwrap_or_default();
    lasts.iter().zip(tokens).map(move |(&last, &first)| {
        shingle = shingle.rotate_left(13) ^ last;
        let hash = mix(shingle);
        shingle ^= first.rotate_left(SPAN);
        hash
    })
}

/// splitmix64's finaliser: a bijective mix of 64 bits.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const SEEDS: [u64; SIGNATURE_LEN] = {
    let mut seeds = [0u64; SIGNATURE_LEN];
    let mut i = 0;
    while i < SIGNATURE_LEN {
        seeds[i] = mix(0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i as u64 + 1));
        i += 1;
    }
    seeds
};

fn band_hash(band: usize, signature: &[u8; SIGNATURE_BYTES]) -> u32 {
    // A band is ROWS bins of 4 bits: ROWS / 2 bytes. Truncation to 32 bits keeps the table small.
    let bytes = &signature[band * ROWS / 2..(band + 1) * ROWS / 2];
    (xxh3_64_with_seed(bytes, band as u64) >> 32) as u32
}

/// Share of equal bins, corrected for the chance agreement of 4-bit values.
fn estimate(a: &[u8; SIGNATURE_BYTES], b: &[u8; SIGNATURE_BYTES]) -> f32 {
    // Eight bytes (16 bins) at a time: a bin is equal when its nibble of `a ^ b` is zero.
    const LOW_BIT_OF_EACH_NIBBLE: u64 = 0x1111_1111_1111_1111;
    let differing_nibbles: u32 = a
        .chunks_exact(8)
        .zip(b.chunks_exact(8))
        .map(|(x, y)| {
            let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8]));
            let diff = word(x) ^ word(y);
            ((diff | diff >> 1 | diff >> 2 | diff >> 3) & LOW_BIT_OF_EACH_NIBBLE).count_ones()
        })
        .sum();
    let equal = (SIGNATURE_LEN as u32 - differing_nibbles) as f32 / SIGNATURE_LEN as f32;
    let chance = 1.0 / 16.0;
    ((equal - chance) / (1.0 - chance)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tracker_without_a_list_decides_the_same_and_keeps_nothing_per_copy() {
        let texts = ["A first article about bitcoin and its price.", "Another one, on ether fees."];
        let mut listing = DuplicateTracker::new(DEFAULT_NEAR_THRESHOLD);
        let mut silent = DuplicateTracker::without_list(DEFAULT_NEAR_THRESHOLD);
        for copy in 0..1000 {
            for (at, text) in texts.iter().enumerate() {
                let key = DedupKey::of(text);
                let name = format!("doc#{copy}-{at}");
                let listed = listing.check(&name, key.as_ref()).map(|d| d.duplicate_of);
                let told = silent.check(&name, key.as_ref()).map(|d| d.duplicate_of);
                assert_eq!(listed, told);
            }
        }
        assert_eq!(listing.found.len(), 1998);
        assert!(silent.found.is_empty() && silent.found.capacity() == 0, "copies cost memory");
    }

    fn article(seed: usize, words: usize) -> String {
        (0..words).map(|i| format!("w{}", (i * 7919 + seed * 104_729) % 5000)).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn rolling_shingle_hashes_match_hashing_each_window() {
        let tokens: Vec<u64> = (0..40u64).map(|i| mix(i.wrapping_mul(0x9E37_79B9_7F4A_7C15))).collect();
        for len in [0, 4, 5, 6, 40] {
            let naive: Vec<u64> = tokens[..len]
                .windows(SHINGLE_TOKENS)
                .map(|window| mix(window.iter().fold(0u64, |hash, &token| hash.rotate_left(13) ^ token)))
                .collect();
            assert_eq!(shingle_hashes(&tokens[..len]).collect::<Vec<_>>(), naive, "{len} tokens");
        }
    }

    #[test]
    fn exact_duplicates_ignore_case_and_spacing() {
        let mut index = DedupIndex::new(DEFAULT_NEAR_THRESHOLD);
        let a = DedupKey::of("Title\n\nSome body text here.\n").expect("key");
        let b = DedupKey::of("title   some BODY text here.").expect("key");
        assert_eq!(index.check(&a), Verdict::Unique);
        assert_eq!(index.check(&b), Verdict::Exact { of: 0 });
    }

    #[test]
    fn a_few_changed_words_are_a_near_duplicate_and_a_different_text_is_not() {
        let mut index = DedupIndex::new(DEFAULT_NEAR_THRESHOLD);
        let original = article(1, 600);
        let mut words: Vec<&str> = original.split(' ').collect();
        words[100] = "changed";
        words[350] = "edited";
        words.remove(500);
        let near = words.join(" ");
        let other = article(2, 600);
        assert_eq!(index.check(&DedupKey::of(&original).expect("key")), Verdict::Unique);
        assert_eq!(index.check(&DedupKey::of(&other).expect("key")), Verdict::Unique);
        match index.check(&DedupKey::of(&near).expect("key")) {
            Verdict::Near { of, similarity } => {
                assert_eq!(of, 0);
                assert!(similarity > 0.85, "{similarity}");
            }
            other => panic!("expected a near duplicate, got {other:?}"),
        }
    }

    #[test]
    fn the_word_wise_estimate_counts_equal_bins_like_a_bin_by_bin_count() {
        let bin_by_bin = |a: &[u8; SIGNATURE_BYTES], b: &[u8; SIGNATURE_BYTES]| {
            let equal: u32 =
                a.iter().zip(b).map(|(x, y)| u32::from(x & 0x0F == y & 0x0F) + u32::from(x >> 4 == y >> 4)).sum();
            ((equal as f32 / SIGNATURE_LEN as f32 - 1.0 / 16.0) / (1.0 - 1.0 / 16.0)).clamp(0.0, 1.0)
        };
        let mut state = 7u64;
        let mut next = || {
            state = mix(state);
            state
        };
        for round in 0..200 {
            let a: [u8; SIGNATURE_BYTES] = std::array::from_fn(|_| next() as u8);
            // From unrelated to equal in most bins.
            let b: [u8; SIGNATURE_BYTES] =
                std::array::from_fn(|i| if (next() % 200) < round { a[i] } else { next() as u8 });
            assert_eq!(estimate(&a, &b), bin_by_bin(&a, &b));
            assert_eq!(estimate(&a, &a), 1.0);
        }
    }

    #[test]
    fn a_near_duplicate_is_found_among_many_similar_unique_documents() {
        // Variants of one text, each far enough from the others to be unique, share LSH bands;
        // the near copy of the first must still be found, compared once per candidate.
        let mut index = DedupIndex::new(DEFAULT_NEAR_THRESHOLD);
        let base = article(11, 1000);
        let own = |n: usize| (0..120).map(|i| format!("v{n}x{i}")).collect::<Vec<_>>().join(" ");
        let variant = |n: usize| format!("{base} {}", own(n));
        for n in 0..40 {
            assert_eq!(index.check(&DedupKey::of(&variant(n)).expect("key")), Verdict::Unique, "variant {n}");
        }
        let mut copy = variant(0);
        copy.push_str(" one more word");
        assert!(matches!(index.check(&DedupKey::of(&copy).expect("key")), Verdict::Near { of: 0, .. }));
        // The variants did share band values (or this test would not test the chains).
        assert!(index.band_heads.len() < BANDS * 40 * 3 / 4, "{} band values", index.band_heads.len());
    }

    #[test]
    fn half_shared_texts_are_not_duplicates() {
        let mut index = DedupIndex::new(DEFAULT_NEAR_THRESHOLD);
        let shared = article(3, 300);
        let a = format!("{shared} {}", article(4, 300));
        let b = format!("{shared} {}", article(5, 300));
        assert_eq!(index.check(&DedupKey::of(&a).expect("key")), Verdict::Unique);
        assert_eq!(index.check(&DedupKey::of(&b).expect("key")), Verdict::Unique);
    }

    #[test]
    fn the_key_from_the_cleaners_match_keys_is_the_key_of_the_written_text() {
        // Lines the rules keep, in several scripts and with bullets, invisible characters and a
        // line too long for the rules (which the cleaner leaves without a match key).
        let long = "word ".repeat(20_000);
        let text = format!(
            "  Title\n\nSome BODY text  here.\n• Привет, МИР!\u{A0}Ёлка\nقال الرئيسُ إنَّ السوقَ\n\
             Đây là TIẾNG Việt; ÇA VA?\n比特币 PRICE 上涨\u{3000}ｆｕｌｌ\nNo\u{200B} e\u{301} İstanbul\n{long}\n"
        );
        for registry in [
            crate::rules::Registry::embedded().expect("rules"),
            crate::rules::Registry::from_sources(Vec::new(), Vec::new()).expect("none"),
        ] {
            let cleaner = crate::pipeline::Cleaner::new(registry);
            let document = crate::document::Document::parse(&text);
            let cleaned = cleaner.clean(&document);
            let written = crate::output::render_text(&document, &cleaned);
            assert!(written.contains("Ёлка") && written.contains("word word"), "{written}");
            assert_eq!(DedupKey::of_output(&document, &cleaned), DedupKey::of(&written));
        }
        // Case, spacing and bullets do not make texts differ.
        assert_eq!(DedupKey::of("• Title\n\nSome body"), DedupKey::of("title   SOME body"));
    }

    #[test]
    fn cjk_text_is_shingled_by_character() {
        let mut tokens = Vec::new();
        push_token_hashes("比特币 price 上涨", &mut tokens);
        assert_eq!(tokens.len(), 6);
        let a = "香港稳定币新规落地发行人要过哪几道关第一道关是储备资产条例要求发行人持有与流通量等值的高质量资产"
            .repeat(3);
        let b = a.replacen("储备", "准备", 1);
        let mut index = DedupIndex::new(DEFAULT_NEAR_THRESHOLD);
        assert_eq!(index.check(&DedupKey::of(&a).expect("key")), Verdict::Unique);
        assert!(matches!(index.check(&DedupKey::of(&b).expect("key")), Verdict::Near { of: 0, .. }));
    }
}
