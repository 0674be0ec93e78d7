//! The floor under the streaming throughput: only the per-byte work every line of a stream must
//! go through, with the library's own implementation of each step, and nothing else (no
//! classification, no repeated-body removal, no MinHash, no output). `benches/compare.py
//! --floor` times it beside ripgrep in the same run, stage by stage, cumulatively:
//!
//! 1. `split`: read stdin, check UTF-8, split into documents (form-feed lines) and lines;
//! 2. `keys`: + the match key of every line (NFKC, lowercase, bullets and spaces);
//! 3. `phrases`: + the registry's scan of every key for fingerprints and phrases (skip filter,
//!    then the automaton on the lines that hold one);
//! 4. `tokens`: + the duplicate key's hash of every word and of the whole text.
//!
//! Whatever the full tool does costs at least this much, so its throughput is at most the
//! floor's: `cargo run --release --example stream_floor -- tokens < corpus.txt`.

use std::io::{self, Read};
use std::ops::Range;
use std::process::ExitCode;

use boilerstrip::normalize::{bare_line, match_key_into};
use boilerstrip::rules::{LineView, Registry};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Stage {
    Split,
    Keys,
    Phrases,
    Tokens,
}

fn main() -> ExitCode {
    let stage = match std::env::args().nth(1).as_deref() {
        Some("split") => Stage::Split,
        Some("keys") => Stage::Keys,
        Some("phrases") => Stage::Phrases,
        Some("tokens") | None => Stage::Tokens,
        Some(other) => {
            eprintln!("stream_floor: unknown stage `{other}` (split, keys, phrases, tokens)");
            return ExitCode::from(2);
        }
    };
    let registry = match Registry::embedded() {
        Ok(registry) => registry,
        Err(err) => {
            eprintln!("stream_floor: {err}");
            return ExitCode::from(2);
        }
    };
    let mut bytes = Vec::new();
    if let Err(err) = io::stdin().lock().read_to_end(&mut bytes) {
        eprintln!("stream_floor: {err}");
        return ExitCode::FAILURE;
    }
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        eprintln!("stream_floor: the input is not UTF-8");
        return ExitCode::FAILURE;
    };
    let mut floor = Floor { stage, registry: &registry, keys: String::new(), spans: Vec::new(), checksum: 0 };
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim_end_matches('\r') == "\u{c}" {
            floor.document(&lines);
            lines.clear();
        } else {
            lines.push(line);
        }
    }
    floor.document(&lines);
    // Printed so that no step can be optimised away.
    println!("{:016x}", floor.checksum);
    ExitCode::SUCCESS
}

struct Floor<'r> {
    stage: Stage,
    registry: &'r Registry,
    /// Every key of the document, one after the other (one buffer, no allocation per line).
    keys: String,
    spans: Vec<Range<usize>>,
    checksum: u64,
}

impl Floor<'_> {
    fn document(&mut self, lines: &[&str]) {
        self.checksum = self.checksum.wrapping_add(lines.len() as u64);
        if self.stage < Stage::Keys {
            return;
        }
        self.keys.clear();
        self.spans.clear();
        let mut key = String::new();
        for line in lines {
            match_key_into(line, &mut key);
            let start = self.keys.len();
            self.keys.push_str(&key);
            self.spans.push(start..self.keys.len());
        }
        self.checksum = self.checksum.wrapping_add(self.keys.len() as u64);
        if self.stage < Stage::Phrases {
            return;
        }
        let views: Vec<LineView<'_>> = lines
            .iter()
            .zip(&self.spans)
            .map(|(line, span)| LineView {
                key: &self.keys[span.clone()],
                bare: bare_line(line),
                chars: 0,
                matchable: true,
                phrases: &[],
            })
            .collect();
        let scan = self.registry.scan(&views);
        self.checksum =
            self.checksum.wrapping_add((0..views.len()).map(|line| scan.phrases_of(line).len() as u64).sum());
        if self.stage < Stage::Tokens {
            return;
        }
        let mut exact = Xxh3::new();
        let mut tokens = 0u64;
        for span in &self.spans {
            let key = &self.keys[span.clone()];
            exact.update(key.as_bytes());
            for word in key.as_bytes().split(|&byte| byte == b' ').filter(|word| !word.is_empty()) {
                tokens = tokens.wrapping_add(xxh3_64(word));
            }
        }
        self.checksum = self.checksum.wrapping_add(tokens ^ exact.digest());
    }
}
