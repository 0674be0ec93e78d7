//! HTML pages that stress the extractor, each cleaned to its gold through the real binary:
//! a trading-platform post page built around a real sample's article, which must give exactly
//! the text-mode gold of that sample (its twin); an article in a soup of meaningless `div`s; and
//! a page whose comments hold more text than the article.

mod common;

use std::fs;
use std::path::Path;

#[test]
fn html_pages_clean_to_their_gold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let pairs = common::raw_gold_pairs(&dir);
    assert!(pairs.len() >= 3, "found {} fixtures", pairs.len());
    for (page, gold) in pairs {
        let out = common::run_binary(&[page.to_str().expect("UTF-8 path")], b"");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let want = fs::read_to_string(&gold).expect("readable gold");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{}", page.display());
    }
}

#[test]
fn the_post_page_twin_gives_the_text_pages_gold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let twin = fs::read_to_string(root.join("tests/fixtures/html/gate-post-twin.gold.txt")).expect("gold");
    let text_gold = fs::read_to_string(root.join("samples/004_8f8424779429028a.gold.txt")).expect("gold");
    assert_eq!(twin, text_gold, "the twin's gold is the text page's gold");
    let raw = fs::read(root.join("samples/004_8f8424779429028a.raw")).expect("raw sample");
    let from_text = common::run_binary(&[], &raw);
    assert_eq!(String::from_utf8_lossy(&from_text.stdout), text_gold);
}

#[test]
fn a_sites_content_and_strip_selectors_choose_the_article() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html-site");
    let page = dir.join("page.html");
    let rules = dir.join("example.toml");
    let gold = fs::read_to_string(dir.join("page.gold.txt")).expect("gold");
    // Generic extraction takes the longer story beside the article, and the offer inside it.
    let generic = common::run_binary(&[page.to_str().expect("UTF-8")], b"");
    let generic = String::from_utf8_lossy(&generic.stdout);
    assert!(generic.contains("city council") && generic.contains("morning briefing"), "{generic}");
    // The site is chosen by the page's canonical URL; its first matching selector wins.
    let chosen = common::run_binary(&["--rules", rules.to_str().expect("UTF-8"), page.to_str().expect("UTF-8")], b"");
    assert_eq!(chosen.status.code(), Some(0), "{}", String::from_utf8_lossy(&chosen.stderr));
    assert_eq!(String::from_utf8_lossy(&chosen.stdout), gold);
    // --site applies them whatever the URL says.
    let html = fs::read_to_string(&page).expect("page").replace("news.example", "elsewhere.example");
    let forced = common::run_binary(
        &["--rules", rules.to_str().expect("UTF-8"), "--site", "example-news", "--input-format", "html"],
        html.as_bytes(),
    );
    assert_eq!(String::from_utf8_lossy(&forced.stdout), gold);
}

#[test]
fn a_broken_selector_is_reported_at_its_place() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let rules = dir.path().join("broken.toml");
    fs::write(&rules, "[site]\nname = \"broken\"\nhosts = [\"broken.example\"]\ncontent = [\"div..post\"]\n")
        .expect("write");
    let out = common::run_binary(&["--rules", rules.to_str().expect("UTF-8")], b"<p>x</p>");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.toml:4:12") && stderr.contains("invalid CSS selector `div..post`"), "{stderr}");
}
