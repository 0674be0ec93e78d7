//! Properties of cleaning that hold for any input: it is idempotent, it only outputs (trimmed)
//! input lines, and arbitrary bytes never panic.

mod common;

use std::collections::HashSet;

use boilerstrip::input::{DocumentReader, decode};
use proptest::prelude::*;

/// Lines drawn from article text and from the chrome the rules know, so cases hit the rules.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-zÀ-ÿ ,.]{1,60}",
        1 => Just(String::new()),
        1 => prop::sample::select(vec![
            "View Original", "  • Comment", "  • Share", "Comment", "0/400", "No comments", "qrCode",
            "Community", "English", "  • English", "  • Español", "  • 日本語", "BTC0.76%", "#BTC #ETH",
            "Scan to download Gate app", "Trade Crypto Anywhere Anytime", "Author: Someone",
            "This page may contain third-party content, which is provided for information purposes only.",
            "A paragraph that could repeat in the body.", "Another paragraph of the article text.",
        ])
        .prop_map(str::to_owned),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn cleaning_is_idempotent(text in document()) {
        let cleaner = common::default_cleaner();
        let once = cleaner.clean_text(&text);
        prop_assert_eq!(cleaner.clean_text(&once), once);
    }

    #[test]
    fn output_lines_are_trimmed_input_lines(text in document()) {
        let cleaner = common::default_cleaner();
        let input: HashSet<&str> = text.lines().map(str::trim).collect();
        let output = cleaner.clean_text(&text);
        for line in output.lines().filter(|l| !l.is_empty()) {
            prop_assert!(input.contains(line), "{:?} is not an input line", line);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let cleaner = common::default_cleaner();
        for document in DocumentReader::new(bytes.as_slice()) {
            let text = decode(document.expect("reading a slice cannot fail")).text;
            let _ = cleaner.clean_text(&text);
        }
    }
}
