//! Line classification with the shipped rules: never panics, and every output line is a line of
//! the input (the pipeline never rewrites text).
#![no_main]
use std::collections::HashSet;
use std::sync::OnceLock;

use boilerstrip::document::Document;
use boilerstrip::pipeline::Cleaner;
use boilerstrip::rules::Registry;
use libfuzzer_sys::fuzz_target;

fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(Registry::embedded().expect("shipped rules compile")))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let clean = cleaner().clean_text(&text);
    // Lines as the pipeline splits them: at LF, CRLF and a lone CR (`str::lines` keeps a lone CR
    // inside a line, which is how the first run of this target reported a false crash).
    let document = Document::parse(&text);
    let input: HashSet<&str> = document.lines().iter().map(|line| line.text).collect();
    for line in clean.lines().filter(|l| !l.is_empty()) {
        assert!(input.contains(line), "output line not in the input: {line:?}");
    }
});
