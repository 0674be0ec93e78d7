//! The gates' cheapest tests, done for a whole list of patterns at once: which patterns' gates
//! may let a line through, judged by its first byte, its last byte and its length, as bitsets.
//!
//! Every line is asked against every line rule, and most lines are prose: long, ending with a
//! full stop, while most patterns are short anchored chrome shapes (`^0/\d{3}$`, a ticker, a
//! counter). Three table rows ANDed together turn most patterns away without touching them;
//! the few left are asked in full ([`super::lazy::LazyRegex::may_match`], then the regex).
//!
//! Invariant: a pattern whose gate admits a line is always among the line's candidates (the
//! masks only ever say "maybe" for it). A pattern without a gate is a candidate for every line.

use super::gate::{self, LineGate};

/// Lines shorter than this have a length row of their own; longer ones share a row per power
/// of two.
const EXACT_LENGTHS: usize = 128;
/// Rows for lengths from [`EXACT_LENGTHS`] on: one per power of two, the last open-ended.
const POWER_ROWS: usize = 8;
const LENGTH_ROWS: usize = EXACT_LENGTHS + POWER_ROWS;
/// The row of an empty line in the byte tables (it has neither a first nor a last byte).
const EMPTY_ROW: usize = 256;

/// See the module docs.
#[derive(Debug, Default)]
pub(crate) struct Prefilter {
    /// `u64` words per row: one bit per pattern, in the order given.
    words: usize,
    /// Row `b`: the patterns whose gate admits a line beginning with byte `b`; row 256: those
    /// that may match an empty line.
    by_first_byte: Vec<u64>,
    /// The same for the line's last byte (row 256 as above).
    by_last_byte: Vec<u64>,
    /// Row [`length_row`]`(n)`: the patterns whose gate admits some line of a length in that
    /// row's range.
    by_length: Vec<u64>,
}

/// The length row of a line of `bytes` bytes.
fn length_row(bytes: usize) -> usize {
    if bytes < EXACT_LENGTHS {
        return bytes;
    }
    let above = (bytes.ilog2() - EXACT_LENGTHS.ilog2()) as usize;
    EXACT_LENGTHS + above.min(POWER_ROWS - 1)
}

/// The shortest length in length row `row`.
fn shortest_in_row(row: usize) -> usize {
    if row < EXACT_LENGTHS { row } else { EXACT_LENGTHS << (row - EXACT_LENGTHS) }
}

impl Prefilter {
    /// The prefilter of patterns with these gates, in order (`None`: no gate, always a candidate).
    pub(crate) fn new<'a>(gates: impl ExactSizeIterator<Item = Option<&'a LineGate>>) -> Self {
        let words = gates.len().div_ceil(64).max(1);
        let mut prefilter = Self {
            words,
            by_first_byte: vec![0; (EMPTY_ROW + 1) * words],
            by_last_byte: vec![0; (EMPTY_ROW + 1) * words],
            by_length: vec![0; LENGTH_ROWS * words],
        };
        for (at, gate) in gates.enumerate() {
            let (word, bit) = (at / 64, 1u64 << (at % 64));
            let edge_admits = |set: Option<gate::ByteSet>, byte: u8| set.is_none_or(|set| gate::contains(&set, byte));
            for byte in 0..=u8::MAX {
                let row = usize::from(byte) * words + word;
                if gate.is_none_or(|gate| edge_admits(gate.first, byte)) {
                    prefilter.by_first_byte[row] |= bit;
                }
                if gate.is_none_or(|gate| edge_admits(gate.last, byte)) {
                    prefilter.by_last_byte[row] |= bit;
                }
            }
            if gate.is_none_or(|gate| gate.matches_empty) {
                prefilter.by_first_byte[EMPTY_ROW * words + word] |= bit;
                prefilter.by_last_byte[EMPTY_ROW * words + word] |= bit;
            }
            for row in 0..LENGTH_ROWS {
                if gate.and_then(|gate| gate.longest).is_none_or(|longest| shortest_in_row(row) <= longest) {
                    prefilter.by_length[row * words + word] |= bit;
                }
            }
        }
        prefilter
    }

    /// The rows of `line` in the three tables, for [`Prefilter::word`].
    #[inline]
    pub(crate) fn rows(&self, line: &[u8]) -> Rows {
        let first = line.first().map_or(EMPTY_ROW, |&byte| usize::from(byte));
        let last = line.last().map_or(EMPTY_ROW, |&byte| usize::from(byte));
        Rows { first: first * self.words, last: last * self.words, length: length_row(line.len()) * self.words }
    }

    /// Word `word` of the candidates of a line with these rows: bit `i` set for the pattern
    /// `64 * word + i` when its gate may admit the line.
    #[inline]
    pub(crate) fn word(&self, rows: Rows, word: usize) -> u64 {
        self.by_first_byte[rows.first + word] & self.by_last_byte[rows.last + word] & self.by_length[rows.length + word]
    }

    /// Whether pattern `at` is a candidate for a line with these rows.
    #[inline]
    pub(crate) fn admits(&self, rows: Rows, at: usize) -> bool {
        self.word(rows, at / 64) >> (at % 64) & 1 == 1
    }

    /// Words of the bitsets.
    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// The candidates for `line` among the patterns `wanted` selects (one bit per pattern, as
    /// in the rows), in order.
    pub(crate) fn candidates<'a>(&'a self, line: &[u8], wanted: &'a [u64]) -> impl Iterator<Item = usize> + 'a {
        let rows = self.rows(line);
        wanted.iter().enumerate().flat_map(move |(word, &wanted)| {
            let mut bits = if wanted == 0 { 0 } else { self.word(rows, word) & wanted };
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let bit = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    word * 64 + bit
                })
            })
        })
    }

    /// Whether `found` is true for some candidate for `line` (asked in order, up to the first).
    #[inline]
    pub(crate) fn any_candidate(&self, line: &[u8], mut found: impl FnMut(usize) -> bool) -> bool {
        let rows = self.rows(line);
        for word in 0..self.words {
            let mut bits = self.word(rows, word);
            while bits != 0 {
                let at = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if found(at) {
                    return true;
                }
            }
        }
        false
    }
}

/// Where a line's rows start in the tables of a [`Prefilter`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rows {
    first: usize,
    last: usize,
    length: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rows_cover_every_length_once_in_order() {
        for bytes in 0..5000 {
            let row = length_row(bytes);
            assert!(shortest_in_row(row) <= bytes, "{bytes} in row {row}");
            if row + 1 < LENGTH_ROWS {
                assert!(bytes < shortest_in_row(row + 1), "{bytes} in row {row}");
            }
        }
        assert_eq!(length_row(usize::MAX), LENGTH_ROWS - 1);
    }

    #[test]
    fn a_pattern_whose_gate_admits_a_line_is_a_candidate() {
        let patterns = [
            r"^0/\d{3}$",
            r"^[A-Z]{2,6}[0-9.]+%$",
            r"^Disclaimer:",
            r"(?i)reserved\.$",
            r"^.*$",
            r"unanchored",
            r"^(?:a|b)?$",
        ];
        let gates: Vec<Option<LineGate>> = patterns.iter().map(|pattern| LineGate::of(pattern)).collect();
        let prefilter = Prefilter::new(gates.iter().map(Option::as_ref));
        let lines = [
            "",
            "0/400",
            "0/4000",
            "BTC0.76%",
            "Disclaimer: none",
            "All rights reserved.",
            "a",
            "b",
            &"x".repeat(300),
            "A paragraph of prose that ends with a full stop.",
        ];
        let mut turned_away = 0;
        for line in lines {
            let mut candidates = Vec::new();
            prefilter.any_candidate(line.as_bytes(), |at| {
                candidates.push(at);
                false
            });
            for (at, gate) in gates.iter().enumerate() {
                let admitted = gate.as_ref().is_none_or(|gate| gate.admits(line.as_bytes()));
                if admitted {
                    assert!(candidates.contains(&at), "{} on {line:?}", patterns[at]);
                } else {
                    turned_away += usize::from(!candidates.contains(&at));
                }
            }
        }
        // The prefilter is worth having: it turns most non-matching pairs away by itself.
        assert!(turned_away > 30, "{turned_away}");
    }
}
