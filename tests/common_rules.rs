//! The site-independent rules on lines they must drop and lines of article text they must keep.

mod common;

/// Cleans `line` placed between two article paragraphs (so no head/tail rule applies) and tells
/// whether it survived.
fn kept_in_the_middle(line: &str) -> bool {
    let text = format!("First paragraph of the article.\n{line}\nLast paragraph of the article.\n");
    common::default_cleaner().clean_text(&text).lines().any(|l| l == line.trim())
}

#[test]
fn drops_chrome_lines_anywhere() {
    for line in [
        "BTC0.76%",
        "TOKEN3.78%",
        "ETH-0.52%",
        "GT2.41%",
        "BNB +2.14%",
        "$SOL +4.5%",
        "ETH -1.2%",
        "1INCH-0.5%",
        "  • BTC0.76%",
        "0/400",
        "0 / 2000",
        "qrCode",
        "#BTC #ETH",
        "#الإمارات #تنظيم",
        "$BTC $ETH",
        "Tags: Bitcoin, ETF",
        "Štítky: Bitcoin, Ťažba",
        "Subscribe to our newsletter",
        "Teilen Sie diesen Artikel",
        "Kopiér link",
        "#Fed, #BTC",
        "•",
        "• •",
    ] {
        assert!(!kept_in_the_middle(line), "{line:?} should be dropped");
    }
}

#[test]
fn keeps_article_lines_that_look_like_chrome() {
    for line in [
        "BTC rose 3% to $97,000 while ETH0.5% lagged.",
        "CPI 3.1%",
        "Q1 2025: 2,84 USD",
        "$100",
        "#1",
        "1/5",
        "Anh em nào đang lướt sóng thì nhớ quản lý vốn. #BNB",
        "English",
        "Share",
        "Share price",
        "Our newsletter reported the same figures last week.",
        "Community",
        "The disclaimer says the content is for reference only.",
    ] {
        assert!(kept_in_the_middle(line), "{line:?} should be kept");
    }
}

#[test]
fn language_names_are_a_menu_only_at_an_edge() {
    let cleaner = common::default_cleaner();
    let body_list = "Intro line of the article.\nEnglish\nEspañol\nTürkçe\nClosing line of the article.\n";
    assert_eq!(cleaner.clean_text(body_list).lines().filter(|l| !l.is_empty()).count(), 5);
    let menu = "Intro line of the article.\nClosing line.\nEnglish\n  • English\n  • Español\n  • Türkçe\n";
    assert_eq!(cleaner.clean_text(menu), "Intro line of the article.\n\nClosing line.\n");
}
