//! Every site fixture (`tests/sites/<site>/NAME.raw`) cleans to its gold, and is recognised as
//! that site.

mod common;

use std::fs;
use std::path::Path;

use boilerstrip::document::Document;
use boilerstrip::site::SiteChoice;

#[test]
fn site_fixtures_clean_to_their_gold_and_detect_their_site() {
    let cleaner = common::default_cleaner();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites");
    let mut checked = 0;
    let mut report = String::new();
    for entry in fs::read_dir(&root).expect("tests/sites exists") {
        let site_dir = entry.expect("readable entry").path();
        let site_name = site_dir.file_name().and_then(|n| n.to_str()).expect("UTF-8 name").to_owned();
        let pairs = common::raw_gold_pairs(&site_dir);
        report.push_str(&common::mismatches(cleaner, &pairs));
        for (raw, _) in pairs.iter().filter(|(raw, _)| raw.extension().is_some_and(|e| e == "raw")) {
            let text = boilerstrip::input::decode(fs::read(raw).expect("readable")).text;
            let document = Document::parse(&text);
            let chosen = cleaner.clean(&document).site;
            let name = chosen.site().map(|i| cleaner.registry().sites()[i].name.as_str());
            if name != Some(site_name.as_str()) || !matches!(chosen, SiteChoice::Detected { .. }) {
                report.push_str(&format!("\n=== {}: detected {name:?}, expected {site_name}\n", raw.display()));
            }
        }
        checked += pairs.len();
    }
    assert!(checked >= 20, "expected the Gate fixtures, found {checked}");
    assert!(report.is_empty(), "{report}");
}
