//! Helpers shared by the integration tests.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use boilerstrip::pipeline::Cleaner;
use boilerstrip::rules::Registry;

/// A cleaner with the embedded rules, compiled once per test binary.
pub fn default_cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(Registry::embedded().expect("the shipped rule files compile")))
}

/// Every `NAME.raw` (or `NAME.html`) in `dir` with its `NAME.gold.txt`, sorted by name.
pub fn raw_gold_pairs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut pairs: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "raw" || ext == "html"))
        .map(|raw| {
            let gold = raw.with_extension("gold.txt");
            assert!(gold.exists(), "{} has no gold file", raw.display());
            (raw, gold)
        })
        .collect();
    pairs.sort();
    pairs
}

/// Cleans every pair and returns a report of the ones that differ (empty when all match).
pub fn mismatches(cleaner: &Cleaner, pairs: &[(PathBuf, PathBuf)]) -> String {
    let mut report = String::new();
    for (raw, gold) in pairs {
        let got = clean_fixture(cleaner, raw);
        let want = fs::read_to_string(gold).expect("readable gold");
        if got != want {
            report.push_str(&format!("\n=== {} differs from its gold\n", raw.display()));
            for line in got.lines().filter(|l| !l.is_empty() && !want.lines().any(|w| w == *l)) {
                report.push_str(&format!("  + {line}\n"));
            }
            for line in want.lines().filter(|l| !l.is_empty() && !got.lines().any(|g| g == *l)) {
                report.push_str(&format!("  - {line}\n"));
            }
            if report.ends_with("gold\n") {
                report.push_str("  (same lines, different order or spacing)\n");
            }
        }
    }
    report
}

/// The clean text of a fixture file: HTML pages go through the extractor first.
pub fn clean_fixture(cleaner: &Cleaner, path: &Path) -> String {
    let text = boilerstrip::input::decode(fs::read(path).expect("readable fixture")).text;
    if path.extension().is_some_and(|ext| ext == "html") {
        let extracted = boilerstrip::input::html::extract(&text);
        let document = boilerstrip::document::Document::parse(&extracted.text);
        let source = boilerstrip::pipeline::Source { url: extracted.url.as_deref(), ..Default::default() };
        let cleaned = cleaner.clean_from(&document, &source);
        boilerstrip::output::render_text(&document, &cleaned)
    } else {
        cleaner.clean_text(&text)
    }
}

/// Runs the real binary with `args`, feeding `stdin` from a thread (so large inputs cannot
/// deadlock against a full stdout pipe).
pub fn run_binary(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_boilerstrip"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("piped stdin");
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let output = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("stdin writer thread");
    output
}

/// Every file under `root`, as paths relative to it, sorted.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("readable folder") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(root).expect("under root").to_path_buf());
            }
        }
    }
    out.sort();
    out
}
