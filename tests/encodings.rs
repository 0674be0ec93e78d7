//! Every supported legacy encoding decodes to its UTF-8 gold through the same path the CLI uses
//! (stream opening, document splitting, per-document decoding), and the reason is reported.

mod common;

use std::fs;
use std::io::{BufReader, Cursor};
use std::path::Path;

use boilerstrip::input::DocumentReader;
use boilerstrip::input::decode::{Decoded, EncodingReason};
use boilerstrip::input::stream;
use boilerstrip::pipeline::{Cleaner, Source};
use boilerstrip::rules::{Registry, RuleSource};

fn read(cleaner: &Cleaner, bytes: Vec<u8>) -> Vec<Decoded> {
    let opened = stream::open(Box::new(BufReader::new(Cursor::new(bytes))), None).expect("in-memory stream");
    let source = Source { transcoded_from: opened.transcoded_from, ..Source::default() };
    let mut reader = DocumentReader::new(opened.reader);
    std::iter::from_fn(|| reader.next_document().expect("in-memory read"))
        .map(|doc| cleaner.decode(doc, &source))
        .collect()
}

fn fixture(name: &str) -> (Vec<u8>, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encodings");
    let bytes = fs::read(dir.join(format!("{name}.bin"))).expect("fixture bytes");
    let gold = fs::read_to_string(dir.join(format!("{name}.gold.txt"))).expect("fixture gold");
    (bytes, gold)
}

#[test]
fn every_encoding_decodes_to_its_gold() {
    let cases = [
        ("gbk", "GBK"),
        ("gb18030", "gb18030"),
        ("big5", "Big5"),
        ("shift_jis", "Shift_JIS"),
        ("euc-jp", "EUC-JP"),
        ("euc-kr", "EUC-KR"),
        ("windows-1251", "windows-1251"),
        ("koi8-r", "KOI8-R"),
        ("windows-1256", "windows-1256"),
        ("windows-1252", "windows-1252"),
        ("iso-8859-1", "windows-1252"),
        ("utf-16le-bom", "UTF-16LE"),
        ("utf-16be-bom", "UTF-16BE"),
        // encoding_rs has no UTF-32: the stream is transcoded, and its text is UTF-8 from then on.
        ("utf-32le-bom", "UTF-8"),
        ("utf-32be-bom", "UTF-8"),
        ("declared-lies-utf8", "UTF-8"),
        ("declared-utf8-is-gbk", "GBK"),
        ("declared-shift_jis", "Shift_JIS"),
    ];
    let mut report = String::new();
    for (name, expected_encoding) in cases {
        let (bytes, gold) = fixture(name);
        let decoded = read(common::default_cleaner(), bytes);
        assert_eq!(decoded.len(), 1, "{name}: one document");
        let got = &decoded[0];
        // Supersets that decode these bytes identically: GB18030 over GBK, and KOI8-U over
        // KOI8-R (they differ only in a few Ukrainian letters, absent from Russian text).
        let encoding_ok = got.encoding.name() == expected_encoding
            || (expected_encoding == "gb18030" && got.encoding.name() == "GBK")
            || (expected_encoding == "KOI8-R" && got.encoding.name() == "KOI8-U");
        if got.text != gold || !encoding_ok || got.first_invalid_byte.is_some() {
            report.push_str(&format!(
                "{name}: read as {} ({}), text equal: {}\n",
                got.encoding.name(),
                got.reason,
                got.text == gold
            ));
        }
    }
    assert!(report.is_empty(), "{report}");
}

#[test]
fn the_reason_is_reported() {
    let (bytes, _) = fixture("declared-shift_jis");
    assert!(matches!(read(common::default_cleaner(), bytes)[0].reason, EncodingReason::Declared(_)));
    let (bytes, _) = fixture("utf-16le-bom");
    assert_eq!(read(common::default_cleaner(), bytes)[0].reason, EncodingReason::StreamByteOrderMark);
    let (bytes, _) = fixture("utf-32be-bom");
    assert_eq!(
        read(common::default_cleaner(), bytes)[0].reason,
        EncodingReason::Utf32ByteOrderMark { big_endian: true }
    );
    let (bytes, _) = fixture("declared-lies-utf8");
    assert_eq!(read(common::default_cleaner(), bytes)[0].reason, EncodingReason::ValidUtf8);
    let (bytes, _) = fixture("koi8-r");
    assert_eq!(read(common::default_cleaner(), bytes)[0].reason, EncodingReason::Detected);
}

#[test]
fn a_short_page_decodes_with_its_site_hint_where_the_detector_is_wrong() {
    // Nine bytes of GBK that the detector alone reads as EUC-KR.
    let (bytes, gold) = fixture("short-gbk-misguessed");
    let alone = &read(common::default_cleaner(), bytes.clone())[0];
    assert_eq!(alone.encoding.name(), "EUC-KR", "the detector's guess without a hint");

    let rules = "[site]\nname = \"cn-news\"\nencodings = [\"gbk\"]\nfingerprints = [\"币价\"]\n";
    let source = RuleSource { path: "cn-news.toml".to_owned(), text: rules.to_owned(), embedded: false };
    let cleaner = Cleaner::new(Registry::from_sources(Vec::new(), vec![source]).expect("rules compile"));
    let decoded = &read(&cleaner, bytes)[0];
    assert_eq!(decoded.text, gold);
    assert_eq!(
        decoded.reason,
        EncodingReason::SiteHint { site: "cn-news".to_owned(), guessed: "EUC-KR" },
        "the hint wins because the text it gives is detected as the hinting site"
    );

    // A hint whose text is not that site's page is not taken.
    let other = "[site]\nname = \"cn-news\"\nencodings = [\"gbk\"]\nfingerprints = [\"以太坊\"]\n";
    let source = RuleSource { path: "cn-news.toml".to_owned(), text: other.to_owned(), embedded: false };
    let cleaner = Cleaner::new(Registry::from_sources(Vec::new(), vec![source]).expect("rules compile"));
    let (bytes, _) = fixture("short-gbk-misguessed");
    assert_eq!(read(&cleaner, bytes)[0].encoding.name(), "EUC-KR");
}

#[test]
fn a_short_page_still_decodes_without_hints() {
    let (bytes, gold) = fixture("short-gbk");
    assert!(bytes.len() < 300);
    assert_eq!(read(common::default_cleaner(), bytes)[0].text, gold);
}
