//! Each rule kind, position and option on a small fixture, with only that rule loaded.

use boilerstrip::pipeline::Cleaner;
use boilerstrip::rules::{Registry, RuleSource};

fn cleaner(rules: &str) -> Cleaner {
    let source = RuleSource { path: "test.toml".to_owned(), text: rules.to_owned(), embedded: false };
    let registry = Registry::from_sources(Vec::new(), vec![source]).unwrap_or_else(|e| panic!("{e}"));
    Cleaner::new(registry)
}

fn global(rule: &str) -> Cleaner {
    cleaner(&format!("[site]\nname = \"t\"\nglobal = true\n\n[[rule]]\nid = \"r\"\ncategory = \"other\"\n{rule}"))
}

#[test]
fn exact_compares_match_keys() {
    let c = global("kind = \"exact\"\nlines = [\"No comments\"]");
    assert_eq!(c.clean_text("Body.\n  • NO   comments\nNo comments here.\n"), "Body.\n\nNo comments here.\n");
}

#[test]
fn phrase_matches_inside_a_line_and_respects_max_chars() {
    let c = global("kind = \"phrase\"\nmax_chars = 40\nphrases = [\"scan to download\"]");
    assert_eq!(
        c.clean_text("Body.\nScan to download the app\nYou can scan to download the app, but this sentence is long.\n"),
        "Body.\n\nYou can scan to download the app, but this sentence is long.\n"
    );
}

#[test]
fn regex_sees_the_bare_line_with_case() {
    let c = global("kind = \"regex\"\npatterns = ['^[A-Z]{2,5}-?\\d+(\\.\\d+)?%$']");
    assert_eq!(
        c.clean_text("The body comes first.\n  • BTC0.76%\nbtc0.76%\nETH rose 2% today.\n"),
        "The body comes first.\n\nbtc0.76%\n\nETH rose 2% today.\n"
    );
}

#[test]
fn block_needs_min_lines_and_position() {
    let c =
        global("kind = \"block\"\nmin_lines = 3\nposition = \"tail\"\nlines = [\"English\", \"Español\", \"Türkçe\"]");
    // In the middle of the article the list stays; at the tail it goes.
    let text = "We support:\nEnglish\nEspañol\nTürkçe\nMore text.\nEnglish\n\n• Español\n• Türkçe\n";
    assert_eq!(c.clean_text(text), "We support:\n\nEnglish\n\nEspañol\n\nTürkçe\n\nMore text.\n");
    // Two names are not a menu.
    assert_eq!(c.clean_text("Body.\nEnglish\nEspañol\n"), "Body.\n\nEnglish\n\nEspañol\n");
}

#[test]
fn head_position_needs_everything_before_to_be_dropped() {
    let c = global("kind = \"block\"\nposition = \"head\"\nlines = [\"Futures\", \"Options\", \"Launch\"]");
    assert_eq!(c.clean_text("Futures\nOptions\nLaunch\nTitle\n"), "Title\n");
    assert_eq!(c.clean_text("Title\nFutures\nOptions\nLaunch\n"), "Title\n\nFutures\n\nOptions\n\nLaunch\n");
}

#[test]
fn footer_cuts_from_the_first_marker_after_article_text() {
    let c = global("kind = \"footer\"\nlines = [\"View Original\"]");
    assert_eq!(c.clean_text("View Original\nBody.\nView Original\nDisclaimer.\nMore.\n"), "View Original\n\nBody.\n");
}

#[test]
fn tail_line_rules_chain_through_trailing_chrome() {
    let c = cleaner(
        "[site]\nname = \"t\"\nglobal = true\n\n\
         [[rule]]\nid = \"label\"\ncategory = \"other\"\nkind = \"exact\"\nposition = \"tail\"\nlines = [\"Community\"]\n\n\
         [[rule]]\nid = \"menu\"\ncategory = \"language-menu\"\nkind = \"block\"\nposition = \"tail\"\nlines = [\"English\", \"Español\", \"Türkçe\"]\n",
    );
    let text = "Community\nBody about the community.\nCommunity\nEnglish\nEspañol\nTürkçe\n";
    assert_eq!(c.clean_text(text), "Community\n\nBody about the community.\n");
}

#[test]
fn first_rule_in_file_order_explains_a_line() {
    let c = cleaner(
        "[site]\nname = \"t\"\nglobal = true\n\n\
         [[rule]]\nid = \"first\"\ncategory = \"ticker\"\nkind = \"regex\"\npatterns = ['\\d%$']\n\n\
         [[rule]]\nid = \"second\"\ncategory = \"other\"\nkind = \"exact\"\nlines = [\"BTC1%\"]\n",
    );
    let text = "Body.\nBTC1%\n";
    let document = boilerstrip::document::Document::parse(text);
    let cleaned = c.clean(&document);
    match cleaned.actions[1] {
        boilerstrip::classify::Action::Drop(meta) => assert_eq!(meta.id, "t/first"),
        other => panic!("expected a drop, got {other:?}"),
    }
}

#[test]
fn trailing_chrome_alternating_between_rules_resolves() {
    let c = cleaner(
        "[site]\nname = \"t\"\nglobal = true\n\n\
         [[rule]]\nid = \"a\"\ncategory = \"other\"\nkind = \"exact\"\nposition = \"tail\"\nlines = [\"Alpha\"]\n\n\
         [[rule]]\nid = \"b\"\ncategory = \"other\"\nkind = \"exact\"\nposition = \"tail\"\nlines = [\"Beta\"]\n",
    );
    let mut text = String::from("Body.\n");
    for _ in 0..500 {
        text.push_str("Alpha\nBeta\n");
    }
    assert_eq!(c.clean_text(&text), "Body.\n");
}

#[test]
fn block_absorbs_short_unknown_lines_only_between_items() {
    let c = global(
        "kind = \"block\"\nposition = \"head\"\nmax_gap = 2\nlines = [\"Futures\", \"Options\", \"Launch\", \"Gate AI\"]",
    );
    // New menu entries between known ones go with the menu; the title after the menu stays.
    assert_eq!(
        c.clean_text("Futures\nOptions\nKorean Stocks\nSK Hynix\nLaunch\nGate AI\nTitle\nBody.\n"),
        "Title\n\nBody.\n"
    );
    // Three unknown lines exceed the gap: the run ends before them.
    assert_eq!(
        c.clean_text("Futures\nOptions\nLaunch\nA\nB\nC\nGate AI\nBody.\n"),
        "A\n\nB\n\nC\n\nGate AI\n\nBody.\n"
    );
}

#[test]
fn preceded_by_takes_the_lines_above_an_anchor_only_when_every_slot_fits() {
    let c = global(
        "kind = \"regex\"\npatterns = ['^0/\\d+$']\npreceded_by = [\n\
         { pattern = '^\\S+(?:\\s\\S+)?$', min = 0, max = 1 },\n\
         { pattern = '^.{40,}$' },\n\
         { pattern = '^\\S+$', min = 2, max = 4 },\n]",
    );
    let body = "Het artikel begint hier met een eerste alinea.\nEn het eindigt met een tweede alinea.\n";
    // Link, disclaimer, reactions and the counter go, in a language no rule lists.
    let page = format!(
        "{body}Origineel bekijken\nDeze inhoud dient alleen ter informatie en is geen beleggingsadvies.\nLeuk\nReageren\nDelen\n0/400\n"
    );
    assert_eq!(
        c.clean_text(&page),
        "Het artikel begint hier met een eerste alinea.\n\nEn het eindigt met een tweede alinea.\n"
    );
    // Without the long line above the reactions the template does not fit: only the anchor goes.
    // (Four of them: up to three labels under the last paragraph are the structure stage's to drop.)
    let short = format!("{body}Leuk\nReageren\nDelen\nOpslaan\n0/400\n");
    assert_eq!(
        c.clean_text(&short),
        format!("{}\n\nLeuk\n\nReageren\n\nDelen\n\nOpslaan\n", body.trim_end().replace('\n', "\n\n"))
    );
    // Nothing above the anchor goes when no article text would remain above it.
    let bare = "Deze inhoud dient alleen ter informatie en is geen beleggingsadvies.\nLeuk\nDelen\n0/400\n";
    assert!(c.clean_text(bare).contains("Leuk"));
}

#[test]
fn preceded_by_is_checked_where_it_is_written() {
    let source = RuleSource {
        path: "bad.toml".to_owned(),
        text: "[site]\nname = \"bad\"\nglobal = true\n\n[[rule]]\nid = \"b\"\ncategory = \"other\"\nkind = \"block\"\nlines = [\"a\"]\npreceded_by = [{ pattern = 'x' }]\n\n[[rule]]\nid = \"r\"\ncategory = \"other\"\nkind = \"regex\"\npatterns = ['y']\npreceded_by = [{ pattern = 'x', min = 3, max = 2 }, { pattern = 'z', mni = 1 }]\n".to_owned(),
        embedded: false,
    };
    let errors = Registry::from_sources(Vec::new(), vec![source]).expect_err("the file has errors").to_string();
    assert!(errors.contains("bad.toml:10:"), "{errors}");
    assert!(errors.contains("`preceded_by` does not apply to `block` rules"), "{errors}");
    assert!(errors.contains("must be at least 1 and at least its `min`"), "{errors}");
    assert!(errors.contains("mni"), "{errors}");
}
