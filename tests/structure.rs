//! The structure stage on pages in a language no rule file lists: what it drops from context
//! alone, and the article lines it must keep although they sit beside chrome.

mod common;

/// The kept lines of `text`, cleaned with the embedded rules.
fn kept(text: &str) -> Vec<String> {
    common::default_cleaner().clean_text(text).lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Asserts that `page` comes out as `title` and a body of two lines, nothing else.
fn assert_title_and_body(page: &str, title: &str) {
    let lines = kept(page);
    assert_eq!(lines[0], title, "{lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");
}

const BODY: &str = "Dit is de eerste alinea van het artikel over de markt van vandaag.\n\
                    En dit is de tweede alinea, met nog wat meer uitleg erbij.\n";

#[test]
fn a_line_printed_twice_in_a_row_is_kept_once() {
    let page = format!("Bitcoin stijgt weer\nBitcoin stijgt weer\n{BODY}");
    assert_eq!(kept(&page).iter().filter(|l| *l == "Bitcoin stijgt weer").count(), 1);
}

#[test]
fn a_menu_before_the_title_goes_and_the_title_stays() {
    let page = format!("Kopen\nMarkten\nHandelen\nInloggen\nWat is een liquiditeitspool?\n{BODY}");
    let lines = kept(&page);
    assert_eq!(lines[0], "Wat is een liquiditeitspool?");
    assert!(!lines.iter().any(|l| l == "Markten" || l == "Inloggen"), "{lines:?}");
}

#[test]
fn the_paragraph_under_a_disclaimer_heading_goes() {
    let page = format!(
        "{BODY}Vrijwaring\nDeze inhoud is uitsluitend bedoeld ter informatie en vormt geen advies van welke aard dan ook.\n"
    );
    assert_eq!(kept(&page).len(), 2, "{:?}", kept(&page));
}

#[test]
fn a_labelled_disclaimer_goes_but_a_short_author_note_stays() {
    let page =
        format!("{BODY}Risicowaarschuwing: handelen in crypto brengt hoge risico's met zich mee voor iedereen.\n");
    assert_eq!(kept(&page).len(), 2);
    let note = format!("{BODY}Disclaimer: ik heb zelf BTC.\n");
    assert_eq!(kept(&note).len(), 3);
}

#[test]
fn prose_beside_chrome_is_never_dropped_and_a_page_is_never_emptied() {
    let page = "0/400\nDit is een zin van het artikel die tussen chrome staat.\nqrCode\n";
    assert_eq!(kept(page), vec!["Dit is een zin van het artikel die tussen chrome staat."]);
    let shorts = "Kopen\nMarkten\n0/400\n";
    assert!(!kept(shorts).is_empty());
}

#[test]
fn update_notes_after_a_description_printed_twice_stay() {
    let title = "Ethereum: de wekelijkse range breekt bijna";
    let page = format!(
        "ETHUSD\n{title}\n{BODY}Trade actief\n{title}\n{BODY}Notitie\n\
         Update: de uitbraak kwam op maandag, het eerste doel is bereikt.\n"
    );
    let lines = kept(&page);
    assert_eq!(lines[0], title);
    assert_eq!(
        lines.last().map(String::as_str),
        Some("Update: de uitbraak kwam op maandag, het eerste doel is bereikt.")
    );
    assert!(!lines.iter().any(|l| l == "Trade actief" || l == "Notitie"), "{lines:?}");
    assert_eq!(lines.len(), 4, "{lines:?}");
}

#[test]
fn the_title_stays_above_an_author_widget_or_a_row_of_share_buttons() {
    let widget =
        format!("Kopen\nMarkten\nInloggen\nBitcoin stijgt voor de derde week\nAnna de Vries\nVolgen\nhace 3 h\n{BODY}");
    assert_eq!(kept(&widget)[0], "Bitcoin stijgt voor de derde week", "{:?}", kept(&widget));
    let share = format!("Kopen\nMarkten\nInloggen\nBitcoin stijgt voor de derde week\nDelen\nX\nTelegram\n{BODY}");
    assert_eq!(kept(&share)[0], "Bitcoin stijgt voor de derde week", "{:?}", kept(&share));
}

#[test]
fn a_display_name_above_a_widget_goes_and_a_byline_stays() {
    let page = format!(
        "Kopen\nMarkten\nInloggen\nBitcoin stijgt voor de derde week\nAnna de Vries\n@annadv\nVolgen\n3 uur\n{BODY}"
    );
    assert_eq!(kept(&page).len(), 3, "{:?}", kept(&page));
    let byline = format!(
        "Kopen\nMarkten\nInloggen\nBitcoin stijgt voor de derde week\nAuteur: Anna de Vries\n@annadv\nVolgen\n3 uur\n{BODY}"
    );
    assert_eq!(kept(&byline)[1], "Auteur: Anna de Vries", "{:?}", kept(&byline));
}

#[test]
fn a_site_rule_for_a_line_beats_a_shape_of_an_earlier_file() {
    // Under a standfirst, a date line looks like article text to the structure stage; a rule
    // file that names the line as chrome decides it, although common's shape matched first.
    use boilerstrip::pipeline::Cleaner;
    use boilerstrip::rules::{Registry, RuleSource};
    let page = format!(
        "Bitcoin stijgt voor de derde week\nDe koers steeg opnieuw, en dat zegt iets over de markt.\n16/03/2025 · 6 min lezen\n{BODY}"
    );
    assert!(kept(&page).iter().any(|l| l.starts_with("16/03/2025")), "{:?}", kept(&page));
    let extra = RuleSource {
        path: "extra.toml".to_owned(),
        text: "[site]\nname = \"zz-extra\"\nglobal = true\n\n[[rule]]\nid = \"meta\"\ncategory = \"timestamp\"\nkind = \"regex\"\npatterns = ['^\\d+/\\d+/\\d+ · \\d+ min lezen$']\n".to_owned(),
        embedded: false,
    };
    let registry = Registry::from_sources(RuleSource::embedded(), vec![extra]).expect("the rules load");
    let cleaned = Cleaner::new(registry).clean_text(&page);
    assert!(!cleaned.contains("16/03/2025"), "{cleaned}");
}

#[test]
fn a_date_under_the_title_confirms_it_and_the_breadcrumb_above_goes() {
    let page = format!(
        "OKB\nNieuws\nMarktinzichten\nBitcoin financieringstarieven worden negatief\n2025-08-14 09:30\n1.204 weergaven\n{BODY}"
    );
    let lines = kept(&page);
    assert_eq!(lines[0], "Bitcoin financieringstarieven worden negatief", "{lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");
    // A date right under the title confirms it too: a section label above it goes.
    let dated = format!("Nieuws\nBitcoin financieringstarieven worden negatief\n2025-08-14 09:30\n{BODY}");
    assert!(!kept(&dated).contains(&"Nieuws".to_owned()), "{:?}", kept(&dated));
    // Without any evidence, a short line above the title stays (it may be a kicker the
    // article keeps), and so does a longer line above a dated title.
    let plain = format!("Nieuws\nBitcoin financieringstarieven worden negatief\n{BODY}");
    assert!(kept(&plain).contains(&"Nieuws".to_owned()), "{:?}", kept(&plain));
    let kicker =
        format!("Analyse van de week\nBitcoin financieringstarieven worden negatief\n2025-08-14 09:30\n{BODY}");
    assert!(kept(&kicker).contains(&"Analyse van de week".to_owned()), "{:?}", kept(&kicker));
}

const MENU: &str = "Crypto kopen\nMarkten\nHandelen\nEarn\nInloggen\nRegistreren\n";

#[test]
fn a_notice_sentence_between_the_menu_and_the_title_goes_a_paragraph_stays() {
    let title = "Wat is het Lightning-netwerk van Bitcoin precies?";
    let notice = "Sommige producten zijn mogelijk niet in alle regio's beschikbaar.";
    let page = format!(
        "{MENU}{notice}\nArtikel delen op\n\nLeren Bitcoin Artikel\n\n{title}\n\nGepubliceerd op 3 apr. 2025\n\n{BODY}"
    );
    assert_title_and_body(&page, title);
    // A paragraph (a hundred characters or more) is article text wherever it stands.
    let paragraph =
        "Sommige producten zijn mogelijk niet in alle regio's beschikbaar, en de voorwaarden verschillen per land.";
    let page = format!(
        "{MENU}{paragraph}\nArtikel delen op\n\nLeren Bitcoin Artikel\n\n{title}\n\nGepubliceerd op 3 apr. 2025\n\n{BODY}"
    );
    assert!(kept(&page).iter().any(|l| l == paragraph), "{:?}", kept(&page));
}

#[test]
fn a_sentence_above_a_name_may_be_the_title_and_stays() {
    let sentence = "De markt stijgt na een rustige week.";
    let page = format!("{MENU}{sentence}\nRedactie\nJan Jansen\n12.03.2025 10:40\n{BODY}");
    let lines = kept(&page);
    assert_eq!(lines[0], sentence, "{lines:?}");
}

#[test]
fn a_menu_in_a_row_is_a_menu_whatever_follows_it_before_the_title() {
    // Four lines of three words (two offers, a share label, a section): the header is not
    // mostly menu items, but six in a row are a menu.
    let title = "Prioriteitskosten op Solana uitgelegd voor beginners";
    let page = format!(
        "Koop crypto direct\nHandel in futures\n{MENU}Artikel delen op\n\nLeren Solana Artikel\n\n{title}\n\n\
         Gepubliceerd op 12 mei 2025\n\n{BODY}"
    );
    assert_title_and_body(&page, title);
}

#[test]
fn a_display_name_right_above_a_handle_goes_however_long() {
    let title = "Mijn kijk op de bitcoinmarkt deze week";
    let page = format!("{title}\nDe Vrolijke Satoshi Club\n@vrolijkesatoshi\nVolgen\n3 u\n{BODY}");
    assert_title_and_body(&page, title);
}

#[test]
fn a_thai_headline_is_the_title_and_the_buttons_under_its_date_go() {
    let title = "บิตคอยน์พุ่งขึ้นแตะระดับสูงสุดใหม่หลังกองทุนอีทีเอฟมีเงินไหลเข้าต่อเนื่อง";
    let body = "นักวิเคราะห์หลายรายระบุว่าแรงซื้อจากนักลงทุนสถาบันยังคงเป็นปัจจัยหลักที่หนุนราคาในสัปดาห์นี้\n\n\
                ขณะเดียวกันปริมาณการซื้อขายในตลาดฟิวเจอร์สก็เพิ่มขึ้นอย่างต่อเนื่องตามไปด้วยเช่นกัน\n";
    let page = format!("ตลาด\nเทรด\n{title}\n2025/07/01 10:00:00\nแชร์\nบันทึกบทความนี้\n\n{body}");
    assert_title_and_body(&page, title);
    // Also when rules name every line under the date ('Copy link'), so that no short line is
    // left there to say a header stands between the headline and the body.
    let page = format!("ตลาด\nเทรด\n{title}\n2025/07/01 10:00:00\nแชร์\nคัดลอกลิงก์\n\n{body}");
    assert_title_and_body(&page, title);
}

#[test]
fn a_campaign_promo_pinned_above_a_post_goes_a_question_there_stays() {
    let title = "Waarom ik deze maand uit memecoins ben gestapt";
    let promo = "🎉 Deel je jaaroverzicht en win mooie prijzen!\n\
                 Doe nu mee aan de campagne en laat de community je beste trades van het jaar zien.\n\
                 Meer info\n";
    let page = format!("{promo}CryptoVoorhoede\n2025-12-03 09:41\n{title}\n{BODY}");
    assert_title_and_body(&page, title);
    // A question above the header may be the title itself: it stays.
    let question = "Is dit het einde van de memecoins?\nMeer info\nCryptoVoorhoede\n2025-12-03 09:41\n";
    let lines = kept(&format!("{question}{title}\n{BODY}"));
    assert_eq!(lines[0], "Is dit het einde van de memecoins?", "{lines:?}");
}

#[test]
fn a_heading_under_an_ad_label_between_two_paragraphs_stays() {
    let title = "Rynek kryptowalut rośnie po spokojnym tygodniu";
    let first = "Rynek kryptowalut wzrósł po tygodniu wysokich obrotów i niskiej płynności w sieci, jak podają analitycy rynku.";
    let page = format!(
        "Wiadomości\nRynki\nPoradniki\nStart / Wiadomości / Bitcoin\n{title}\n27.10.2025\n{first}\nReklama\nW skrócie\n{BODY}"
    );
    let lines = kept(&page);
    assert_eq!(lines[0], title, "{lines:?}");
    assert!(lines.iter().any(|l| l == "W skrócie"), "the heading is article text: {lines:?}");
    assert!(!lines.iter().any(|l| l == "Reklama"), "{lines:?}");
}

#[test]
fn headlines_with_their_dates_after_the_article_go_but_a_sign_off_stays() {
    let page = format!("{BODY}Tengdar greinar\nHvað er staking?\n2025-03-28\nHvernig virkar bálkakeðja?\n2025-03-15\n");
    assert_eq!(kept(&page).len(), 2, "{:?}", kept(&page));
    // One name over a date is an announcement's sign-off, not a list.
    let page = format!("{BODY}Gate teymið\n2025-09-03\n");
    assert!(kept(&page).iter().any(|l| l == "Gate teymið"), "{:?}", kept(&page));
}

#[test]
fn the_names_right_above_the_titles_date_go() {
    let page = format!("Bitcoin prófar viðnám við hundrað þúsund\nNordicTrader\nUppfært\n12. júní\n{BODY}");
    assert_title_and_body(&page, "Bitcoin prófar viðnám við hundrað þúsund");
}

#[test]
fn a_label_inside_a_ticker_card_under_the_hashtags_goes() {
    let page = format!("{BODY}#BTC #ETF\nBTCUSDT\nSífelldur\n97,000.1\n+1.2%\n");
    assert_eq!(kept(&page).len(), 2, "{:?}", kept(&page));
}

#[test]
fn labels_between_the_last_paragraph_and_the_disclaimer_go_a_sign_off_after_thanks_stays() {
    let disclaimer =
        "Vrijwaring\nDeze inhoud is uitsluitend bedoeld ter informatie en vormt geen advies van welke aard dan ook.\n";
    let page = format!("{BODY}Handel actief\nNotitie\n{disclaimer}");
    assert_eq!(kept(&page).len(), 2, "{:?}", kept(&page));
    let page = format!("{BODY}Bedankt voor uw steun!\nHet Gate-team\n{disclaimer}");
    assert!(kept(&page).iter().any(|l| l == "Het Gate-team"), "{:?}", kept(&page));
}

#[test]
fn a_heading_under_the_titles_date_opens_the_body_buttons_there_go() {
    let title = "Bitcoin prófar viðnám við hundrað þúsund";
    let page = format!("{title}\n12.06.2025\nHelstu atriði\n{BODY}");
    let lines = kept(&page);
    assert_eq!((lines.len(), lines[0].as_str(), lines[1].as_str()), (4, title, "Helstu atriði"), "{lines:?}");
    // Capitalised words under the date are a name, one-word lines there buttons.
    let page = format!("{title}\n12.06.2025\nJón Jónsson\n{BODY}");
    assert_title_and_body(&page, title);
    let page = format!("{title}\n12.06.2025\nDeila\nVista\n{BODY}");
    assert_title_and_body(&page, title);
}

#[test]
fn a_rating_widget_after_the_article_goes_a_section_break_inside_it_stays() {
    let page =
        format!("{BODY}Gefðu greininni einkunn\n★★★★★\n4,6 (128 atkvæði)\n© 2025 Dæmi ehf. Allur réttur áskilinn.\n");
    assert_eq!(kept(&page).len(), 2, "{:?}", kept(&page));
    let page = "Dit is de eerste alinea van het artikel over de markt van vandaag.\n* * *\n\
                En dit is de tweede alinea, met nog wat meer uitleg erbij.\n";
    assert!(kept(page).iter().any(|l| l == "* * *"), "{:?}", kept(page));
}

#[test]
fn the_page_after_a_platform_disclaimer_under_the_article_goes() {
    let disclaimer =
        "Vrijwaring\nDeze inhoud is uitsluitend bedoeld ter informatie en vormt geen advies van welke aard dan ook.\n";
    let tail = "Begin met handelen op Voorbeeld\nNu registreren\nWij gebruiken koekjes om uw ervaring op de site te verbeteren.\nAlles accepteren\n";
    let page = format!("{BODY}{disclaimer}{tail}");
    assert_eq!(kept(&page).len(), 2, "{:?}", kept(&page));
    // Without the disclaimer the tail's sentence is no one's to drop.
    let page = format!("{BODY}{tail}");
    assert!(kept(&page).iter().any(|l| l.starts_with("Wij gebruiken")), "{:?}", kept(&page));
}

#[test]
fn the_page_after_an_announcements_thanks_and_sign_off_goes() {
    let title = "Gate skráir Sonic (S) á skyndimarkaði";
    let body = "Kæru notendur Gate,\nViðskipti með S/USDT hefjast 19. september 2025 klukkan 10:00 (UTC) á skyndimarkaði.\n\
                Innlagnir eru þegar opnar og úttektir opna daginn eftir.\nTakk fyrir stuðninginn!\nGate teymið\n";
    let tail = "18. september 2025\nGáttin að rafmyntum\nVerslaðu með yfir 1.700 rafmyntir á öruggan og fljótlegan hátt\nHafðu samband!\nTwitter\nTelegram\n";
    let lines = kept(&format!("{title}\n{body}{tail}"));
    assert_eq!(lines.last().map(String::as_str), Some("Gate teymið"), "{lines:?}");
    // A sign-off with a paragraph after it ends nothing.
    let more = "Viðauki: nánari upplýsingar um verkefnið eru birtar á vefsíðu þess og í tilkynningum næstu daga, ásamt tímasetningum.\n";
    let lines = kept(&format!("{title}\n{body}{tail}{more}"));
    assert!(lines.iter().any(|l| l.starts_with("Verslaðu")), "{lines:?}");
}

#[test]
fn a_thai_headline_with_its_date_under_a_breadcrumb_is_the_title() {
    let title = "ก.ล.ต. อนุญาตให้กองทุนรวมลงทุนในอีทีเอฟต่างประเทศ";
    let body = "สำนักงานคณะกรรมการกำกับหลักทรัพย์ออกหลักเกณฑ์ใหม่ที่อนุญาตให้กองทุนรวมสำหรับผู้ลงทุนทั่วไปลงทุนในกองทุนอีทีเอฟที่จดทะเบียนในต่างประเทศได้\n\
                ทั้งนี้ สัดส่วนการลงทุนต้องไม่เกินร้อยละสิบของมูลค่าทรัพย์สินสุทธิของกองทุนตามที่กำหนดไว้ในประกาศฉบับนี้\n";
    let page = format!("ข่าว\nตลาด\n{title}\n2025-12-06 10:45\n{body}");
    assert_title_and_body(&page, title);
}
