//! Per-stage throughput on fixed inputs (divan): decoding, splitting, the whole cleaner, the
//! duplicate key and HTML extraction. `cargo bench --bench stages`. Reported as bytes/s; compare
//! runs on one machine, never against a wall-clock limit.

use std::hint::black_box;
use std::sync::OnceLock;

use boilerstrip::dedup::DedupKey;
use boilerstrip::input::{DocumentReader, decode, html};
use boilerstrip::pipeline::Cleaner;
use boilerstrip::rules::Registry;
use divan::counter::BytesCount;
use divan::{Bencher, bench};

fn main() {
    divan::main();
}

fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(Registry::embedded().expect("the shipped rules compile")))
}

/// The five sample pages, each as it was scraped.
fn samples() -> &'static [String] {
    static SAMPLES: OnceLock<Vec<String>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
            .expect("samples/ is readable")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "raw"))
            .collect();
        paths.sort();
        paths.iter().map(|p| std::fs::read_to_string(p).expect("a sample is UTF-8")).collect()
    })
}

/// The samples as one form-feed separated stream, repeated to about 2 MB.
fn stream() -> &'static Vec<u8> {
    static STREAM: OnceLock<Vec<u8>> = OnceLock::new();
    STREAM.get_or_init(|| {
        let one = samples().join("\n\u{c}\n");
        let mut out = String::new();
        while out.len() < 2_000_000 {
            out.push_str(&one);
            out.push_str("\n\u{c}\n");
        }
        out.into_bytes()
    })
}

#[bench]
fn split_stream(bencher: Bencher) {
    let bytes = stream();
    bencher.counter(BytesCount::of_slice(bytes)).bench(|| {
        let mut reader = DocumentReader::new(&bytes[..]);
        let mut count = 0;
        while let Ok(Some(document)) = reader.next_document() {
            count += document.len();
        }
        black_box(count)
    });
}

#[bench]
fn decode_utf8_samples(bencher: Bencher) {
    let bytes = stream();
    bencher.counter(BytesCount::of_slice(bytes)).bench(|| black_box(decode(bytes.clone()).text.len()));
}

#[bench]
fn decode_legacy_koi8r(bencher: Bencher) {
    let text = samples()[1].clone();
    let (bytes, _, _) = encoding_rs::KOI8_R.encode(&text);
    let bytes = bytes.into_owned();
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| black_box(decode(bytes.clone()).text.len()));
}

#[bench]
fn clean_samples(bencher: Bencher) {
    let total: usize = samples().iter().map(String::len).sum();
    bencher.counter(BytesCount::new(total)).bench(|| {
        for text in samples() {
            black_box(cleaner().clean_text(text));
        }
    });
}

#[bench]
fn dedup_key_of_clean_samples(bencher: Bencher) {
    let clean: Vec<String> = samples().iter().map(|t| cleaner().clean_text(t)).collect();
    let total: usize = clean.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(total)).bench(|| {
        for text in &clean {
            black_box(DedupKey::of(text));
        }
    });
}

#[bench]
fn html_extract_real_page(bencher: Bencher) {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sites/okx/es-real.html"))
        .expect("the fixture is readable");
    bencher.counter(BytesCount::of_str(&page)).bench(|| black_box(html::extract(&page).text.len()));
}

#[bench]
fn load_embedded_rules() -> Registry {
    Registry::embedded().expect("the shipped rules compile")
}

/// What start-up costs besides the process: the embedded rules loaded, then one short line
/// cleaned with them (gates, phrase search and any regex the line reaches, all on first use).
#[bench]
fn load_rules_and_clean_one_line() -> String {
    let cleaner = Cleaner::new(Registry::embedded().expect("the shipped rules compile"));
    cleaner.clean_text("Hello world, this is a short line of text.\n")
}
