//! The whole reading path (format sniffing, UTF-16 transcoding, splitting, decoding, HTML or JSON
//! Lines) followed by cleaning: arbitrary bytes never panic.
#![no_main]
use std::io::{BufReader, Cursor};
use std::sync::OnceLock;

use boilerstrip::document::Document;
use boilerstrip::pipeline::{Cleaner, ReadOptions, Source};
use boilerstrip::rules::Registry;
use libfuzzer_sys::fuzz_target;

fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(Registry::embedded().expect("shipped rules compile")))
}

fuzz_target!(|data: &[u8]| {
    let reader = Box::new(BufReader::new(Cursor::new(data.to_vec())));
    let _ = cleaner().read_documents(
        reader,
        None,
        &ReadOptions::default(),
        |document| {
            let parsed = Document::parse(document.text);
            let _ = cleaner().clean_from(&parsed, &Source { url: document.url, ..Source::default() });
            Ok(())
        },
        |_| {},
    );
});
