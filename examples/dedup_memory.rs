//! Measures the duplicate index's memory per document: indexes N distinct synthetic documents
//! and reports the growth of the resident set size.
//!
//! `cargo run --release --example dedup_memory [N]` (default 1,000,000; Linux only, reads
//! /proc/self/statm).

use std::fs;

use boilerstrip::dedup::{DEFAULT_NEAR_THRESHOLD, DedupIndex, DedupKey, Verdict};

fn resident_bytes() -> u64 {
    let statm = fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4096
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // Keys first, so the measurement sees the index alone.
    let keys: Vec<DedupKey> = (0..n)
        .filter_map(|_| {
            let words: Vec<String> = (0..60).map(|_| format!("w{}", next() % 50_000)).collect();
            DedupKey::of(&words.join(" "))
        })
        .collect();
    let before = resident_bytes();
    let mut index = DedupIndex::new(DEFAULT_NEAR_THRESHOLD);
    let unique = keys.iter().filter(|key| index.check(key) == Verdict::Unique).count();
    let after = resident_bytes();
    let grown = after.saturating_sub(before);
    let per_doc = grown as f64 / unique.max(1) as f64;
    println!(
        "{unique} unique documents indexed; resident set grew by {:.1} MB: {per_doc:.0} bytes per document",
        grown as f64 / 1e6
    );
}
