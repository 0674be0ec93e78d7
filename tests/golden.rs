//! The five sample pages clean to their gold output byte for byte.

mod common;

use std::path::Path;

#[test]
fn samples_clean_to_their_gold_exactly() {
    let pairs = common::raw_gold_pairs(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"));
    assert_eq!(pairs.len(), 5, "samples/ holds five raw pages");
    let report = common::mismatches(common::default_cleaner(), &pairs);
    assert!(report.is_empty(), "{report}");
}
