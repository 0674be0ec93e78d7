//! Structure: deciding the lines no rule names, from their shape and their neighbours.
//!
//! Rule files list strings, and a site's next language or redesign brings strings no file lists.
//! Chrome comes in runs, though: the menu and the author widget before the title, the widget and
//! footer stack after the body. This stage runs after the rules ([`crate::classify`]) and before
//! repeated-body removal, and reads each line as one of:
//!
//! * **chrome**: dropped by a rule;
//! * **shape**: dropped by a `weak` rule (a date, a counter, a handle, a price: see
//!   `rules/common.toml`), which only stands where the line is chrome by context;
//! * **prose**: a kept line that reads as article text (a sentence, a long paragraph, a line that
//!   introduces a list), see [`crate::normalize::is_prose`];
//! * **short**: any other kept line (a title, a heading, a menu item, a name).
//!
//! and then, in order:
//!
//! 1. a line that repeats the line just before it (a title printed twice) goes, the first stays;
//! 2. a run of shape lines between two prose lines is article text (a date in a data list) and
//!    is kept again, and so is one inside the body (prose somewhere before and after it) unless
//!    a rule's chrome stands beside it;
//! 3. the header: before the first prose line, the title is the line with the most words among
//!    the last three short lines that are not a byline (`Label: Name`). When chrome, or a menu
//!    (three short lines or more, mostly of one to three words), stands before the title, or
//!    the title has its date right under it and only labels above it, the short lines before it
//!    are chrome too (menus, the author's name, a follow button), and so are notices among them;
//!    when chrome stands between the title and the body, so are the short lines after that
//!    chrome and the labels right above it, bylines and salutations ('Dear users,') excepted.
//!    A name of a few words right above a date is a post's author widget, never the title. With
//!    no title (no short line of two words or more, or only a button above the author widget),
//!    the header's short lines go once chrome stands among them. Short lines between the title
//!    and its byline are notices ('This article is machine translated', 'Show original'), and
//!    two one-word lines or more between a title with such a header and the body are its
//!    widget ('AltinAnalizci' / 'Long' / 'Updated');
//! 4. after the header, a run of short lines with chrome above it and chrome (or the page's end)
//!    below it is chrome (jusText's context rule, on text lines), when one of those is a rule's
//!    chrome, or the run is in the tail (after the last prose line) under a stack of two lines or
//!    more that are shapes or chrome (a date and its counts, a symbol under the hashtags);
//! 5. the paragraph right under a disclaimer's heading that a rule dropped is the disclaimer;
//! 6. after the last prose line, two headlines or more, each over its date, are other articles,
//!    and so are the short lines after them to the page's end (decided before 2, which would
//!    read a date between two headlines as article text);
//! 7. one to three labels right under the last paragraph, with a rule's chrome or a stack of two
//!    shapes or more under them, go (a label has no digit and no full stop: 'Keine
//!    Anlageberatung.' is a sentence);
//! 8. after the last prose line, a short question with two to four one-word answers under it
//!    (or symbols: '👍' / '👎') is a feedback poll ('Was this helpful?' / 'Yes' / 'No'), and
//!    bounds runs for 4;
//! 9. before the body, two short lines or more that stand again further down, in order, each
//!    heading its own section, are a table of contents: they go with the label above them
//!    (decided first, so that the header reads them as chrome), and the headings they name stay;
//! 10. after the last paragraph, a label over two headlines or more (three words or more, no
//!     full stop), with a rule's chrome under them, is a list of related articles;
//! 11. after the last paragraph, a line that holds the whole title and a few words of its own
//!     (not ending with a full stop) is a comment box's prompt or a share text.
//!
//! Invariants: this stage never drops a prose line except under a disclaimer's heading (5) or
//! as the title's echo (11), never empties a page that the rules left text in, never touches a
//! line a rule kept for a reason of its own (it only turns `Keep` into a drop and shape drops
//! back into `Keep`), and every line it drops is attributed to one of the built-in
//! [`mechanisms`] so that `explain` says which.

use std::sync::{Arc, LazyLock};

use crate::classify::Action;
use crate::normalize::{PROSE_CHARS, is_common_letter, is_prose_of, word_count};
use crate::rules::{Category, Kind, Position, RuleMeta};

/// The built-in mechanisms, as rules that `explain` and the reports can name.
pub struct Mechanisms {
    /// A line equal to the line just before it.
    pub repeated_line: RuleMeta,
    /// A short line before the title, with chrome before it.
    pub before_title: RuleMeta,
    /// One to three sentences inside the header, with header lines (or the page's top) around
    /// them: a region or cookie notice, a campaign promo.
    pub header_notice: RuleMeta,
    /// A short line between the title's chrome and the body.
    pub after_header_chrome: RuleMeta,
    /// A post's author widget with no title after it: a name over a date, and the short lines
    /// above it.
    pub author_widget: RuleMeta,
    /// A short line with chrome on both sides.
    pub between_chrome: RuleMeta,
    /// The paragraph under a disclaimer's heading.
    pub after_disclaimer_label: RuleMeta,
    /// Headlines with their dates after the article, and the label above them.
    pub teaser_list: RuleMeta,
    /// A few labels between the article's last paragraph and a rule's chrome.
    pub tail_labels: RuleMeta,
    /// A short question with one-word answers under it after the article: 'Was this helpful?'.
    pub feedback_poll: RuleMeta,
    /// Before the body, the short lines that stand again further down as the headings of its
    /// sections, and the label above them.
    pub table_of_contents: RuleMeta,
    /// After the article, a label over two headlines or more, with a rule's chrome under them.
    pub related_list: RuleMeta,
    /// A line that holds the whole title with a few words of its own: a comment box's prompt.
    pub title_echo: RuleMeta,
    /// What follows a platform's disclaimer paragraph under the article.
    pub after_disclaimer: RuleMeta,
    /// What follows an announcement's thanks and sign-off.
    pub after_sign_off: RuleMeta,
}

fn mechanism(name: &str, category: Category, note: &str) -> RuleMeta {
    RuleMeta {
        id: format!("structure/{name}"),
        category,
        kind: Kind::Regex,
        position: Position::Anywhere,
        file: Arc::from("built-in (src/structure.rs)"),
        line: 0,
        fingerprint: false,
        note: Some(note.to_owned()),
        weak: false,
    }
}

/// The mechanisms' rules.
pub fn mechanisms() -> &'static Mechanisms {
    static MECHANISMS: LazyLock<Mechanisms> = LazyLock::new(|| Mechanisms {
        repeated_line: mechanism("repeated-line", Category::Other, "the same line as the one just before it"),
        before_title: mechanism(
            "before-title",
            Category::Navigation,
            "a short line before the title, with chrome before it: a menu, a breadcrumb, an author widget",
        ),
        header_notice: mechanism(
            "header-notice",
            Category::Other,
            "one to three sentences among the header's lines, before the title: a region or cookie notice, a campaign promo",
        ),
        after_header_chrome: mechanism(
            "after-header-chrome",
            Category::Timestamp,
            "a short line after the title's chrome and before the body: share labels, a section name",
        ),
        author_widget: mechanism(
            "author-widget",
            Category::AuthorWidget,
            "a name of a few words right above a date before the body, and the short lines above it, when no title follows: a post's author widget",
        ),
        between_chrome: mechanism(
            "between-chrome",
            Category::Other,
            "a short line with chrome on both sides (or chrome and the page's edge)",
        ),
        after_disclaimer_label: mechanism(
            "after-disclaimer-label",
            Category::Disclaimer,
            "the paragraph right under a disclaimer's heading",
        ),
        teaser_list: mechanism(
            "teaser-list",
            Category::Related,
            "after the article, two headlines or more each over its date (and the label above them): related articles",
        ),
        tail_labels: mechanism(
            "tail-labels",
            Category::ShareBar,
            "one to three labels right under the article's last paragraph, with a rule's chrome under them: a status, 'Note', 'Share'",
        ),
        feedback_poll: mechanism(
            "feedback-poll",
            Category::CommentWidget,
            "after the article, a short question with two to four one-word answers under it: 'Was this article helpful?' / 'Yes' / 'No'",
        ),
        table_of_contents: mechanism(
            "table-of-contents",
            Category::Navigation,
            "before the body, two short lines or more that stand again further down, in order, each heading its own section (and the label above them): a table of contents",
        ),
        after_disclaimer: mechanism(
            "after-disclaimer",
            Category::Disclaimer,
            "after a disclaimer paragraph a rule dropped under the article's text, the rest of the page",
        ),
        after_sign_off: mechanism(
            "after-sign-off",
            Category::Other,
            "after an announcement's thanks and the sign-off that names the title's brand, the rest of the page",
        ),
        related_list: mechanism(
            "related-list",
            Category::Related,
            "after the article's last paragraph, a label over two headlines or more, with a rule's chrome under them: related articles",
        ),
        title_echo: mechanism(
            "title-echo",
            Category::CommentWidget,
            "a line that holds the whole title and a few words of its own: a comment box's prompt ('Tell us what you think about: <title>')",
        ),
    });
    &MECHANISMS
}

/// Lines repeated back to back are dropped only up to this length (titles, not paragraphs).
pub const MAX_REPEATED_LINE_CHARS: usize = 300;
/// This many short lines before the title, two thirds of them of at most [`MENU_ITEM_WORDS`]
/// words, are a menu, even with no chrome beside them.
pub const MENU_LINES: usize = 3;
/// A notice in the header (a region notice, a campaign promo) is at most this many sentences
/// in a row.
pub const MAX_NOTICE_LINES: usize = 3;
/// The most words of a menu item ("Krypto kaufen", "Log In").
pub const MENU_ITEM_WORDS: usize = 2;
/// This many menu items in a row before the title are a menu, whatever else the header holds
/// (a share label and a breadcrumb of three words each between the menu and the title).
pub const MENU_RUN_LINES: usize = 4;
/// A disclaimer's heading is at most this long; a longer line is the disclaimer itself.
pub const MAX_LABEL_CHARS: usize = 60;
/// The title is chosen among this many last short lines of the header.
pub const TITLE_CANDIDATES: usize = 3;
/// A byline's name (and its source, 'X / 출처: URL') has at most this many words.
pub const MAX_NAME_WORDS: usize = 6;
/// A display name has at most this many words.
pub const NAME_WORDS: usize = 3;
/// Lines of fewer words right above the body are buttons, not the title.
pub const TITLE_WORDS: usize = 2;
/// This many buttons between the title and the body are a widget (one may be a heading).
pub const MIN_HEADER_BUTTONS: usize = 2;
/// A title of fewer words is too plain for a line holding it to be its echo ('Bitcoin').
pub const ECHO_TITLE_WORDS: usize = 3;
/// An echo of the title adds at most this many bytes to it: a prompt, not a paragraph.
pub const MAX_ECHO_EXTRA_BYTES: usize = 240;

/// How the stage reads one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Blank,
    Chrome,
    Shape,
    Prose,
    /// A kept question or exclamation under [`PROSE_CHARS`]: a title as often as a sentence.
    /// It may be the title and is never dropped (but as a headline of a teaser list, 6), and it
    /// does not vouch for its neighbours.
    Question,
    Short,
}

/// True if the line's last sentence ends with a full stop in any script (not a question, an
/// exclamation or a colon).
fn ends_with_full_stop(text: &str) -> bool {
    trim_closing(text).ends_with(['.', '。', '।', '۔'])
}

/// True if the line's last sentence ends with a full stop or an exclamation mark.
fn ends_with_statement(text: &str) -> bool {
    trim_closing(text).ends_with(['.', '。', '।', '۔', '!', '！'])
}

/// `text` without closing quotes, brackets and spaces at its end.
fn trim_closing(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '»' | ')' | '）'))
}

/// True for a salutation that opens the text ('Dear users,'): a line ending with a comma.
fn is_salutation(text: &str) -> bool {
    trim_closing(text).ends_with([',', '，', '،'])
}

/// True if the line holds a digit of any script.
fn has_digit(text: &str) -> bool {
    text.contains(|c: char| c.is_numeric())
}

/// The first line of `from..end` that is not blank.
fn next_present(classes: &[Class], from: usize, end: usize) -> Option<usize> {
    (from..end).find(|&l| classes[l] != Class::Blank)
}

/// True if a rule (or a mechanism) of `category` dropped the line.
fn dropped_as(action: Action<'_>, category: Category) -> bool {
    matches!(action, Action::Drop(rule) if rule.category == category)
}

/// True if the line ends with a colon: it introduces what follows ('My plan:', 'Share articles
/// to:').
fn ends_with_colon(text: &str) -> bool {
    trim_closing(text).ends_with([':', '：'])
}

/// True for a short line (of `chars` characters) that ends with a question or exclamation mark.
fn is_question(text: &str, chars: usize) -> bool {
    chars < PROSE_CHARS && trim_closing(text).ends_with(['?', '!', '？', '！', '؟'])
}

/// A byline as the gold convention keeps it: `Label: Name`, a short label of at most three words.
pub fn is_byline(text: &str) -> bool {
    is_byline_of(text, text.chars().count())
}

/// [`is_byline`] of a line of `chars` characters.
fn is_byline_of(text: &str, chars: usize) -> bool {
    if chars > 160 {
        return false;
    }
    let Some((label, name)) = text.split_once([':', '：']) else {
        return false;
    };
    let label = label.trim();
    // A name is a few words (a source's URL aside): 'Drex: o que muda com a nova fase de testes'
    // is a title with a colon, not a byline. Only the name before a second label counts ('Anan
    // Suwan / แหล่งที่มา: https://…': the source's label is a word of a dense script).
    let first_name = name.split(" / ").next().unwrap_or(name);
    let name_words: usize = first_name.split_whitespace().filter(|word| !word.contains("://")).map(word_count).sum();
    // (A label starts with a letter: '<The Palace: Tale of Jang Noksu>' is a title.)
    label.starts_with(char::is_alphabetic)
        && label.chars().count() <= 25
        // (Three words, or one word of a script written without spaces: 'ผู้เขียน'.)
        && (word_count(label) <= 3 || !label.contains(char::is_whitespace))
        && !name.trim().is_empty()
        && name_words <= MAX_NAME_WORDS
        && !label.chars().any(|c| c.is_ascii_digit())
        && !reads_as_phrase(name)
        && !is_quantity(name)
}

/// True if `name` is a number with at most one word after it: a quantity ('4 мин', '3分钟',
/// '2025年5月3日'), which a read time, a count or a date puts after its label, and no name does
/// ('21Shares' is a name).
fn is_quantity(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    // What follows the number in its word: nothing, or a unit of a script other than Latin ('分钟').
    let unit = first.trim_start_matches(|c: char| c.is_numeric() || matches!(c, '.' | ','));
    first.starts_with(|c: char| c.is_numeric())
        && !unit.contains(|c: char| c.is_ascii_alphanumeric())
        && words.count() <= 1
}

/// True if `name` is four words or more of a cased script, most of them lower-case: a phrase
/// ('ETH: triângulo simétrico perto do rompimento' is a title), not a person's, team's or
/// source's name ('Lucía Romero', 'equipe de pesquisa', '한지우').
fn reads_as_phrase(name: &str) -> bool {
    let (mut words, mut lower) = (0usize, 0usize);
    for word in name.split_whitespace() {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else { continue };
        if first.is_lowercase() {
            lower += 1;
        } else if !first.is_uppercase() {
            // An uncased script (Korean, Chinese, Arabic) or a number: no reading by case.
            continue;
        }
        words += 1;
    }
    words >= 4 && lower * 2 > words
}

/// What this stage reads from a line's text alone. The pipeline computes it once per document
/// and hands the same values to every round of [`apply`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineText {
    /// Some letter or digit: a line of invisible characters or symbols only is as good as blank.
    visible: bool,
    /// See [`is_question`].
    question: bool,
    /// See [`crate::normalize::is_prose`].
    prose: bool,
    /// See [`is_byline`].
    byline: bool,
}

impl LineText {
    /// Reads one (trimmed) line of `chars` characters.
    pub fn of(text: &str, chars: usize) -> Self {
        // ASCII and the commonest letters first: the Unicode tables are slow to ask.
        let visible = text
            .chars()
            .any(|c| c.is_ascii_alphanumeric() || (!c.is_ascii() && (is_common_letter(c) || c.is_alphanumeric())));
        // A long line is prose, and titles, bylines and menu items are short: the other
        // readings are only ever asked of short lines.
        if chars >= PROSE_CHARS {
            return LineText { visible, question: false, prose: true, byline: false };
        }
        LineText {
            visible,
            question: is_question(text, chars),
            prose: is_prose_of(text, chars),
            byline: is_byline_of(text, chars),
        }
    }
}

/// Applies the structure rules to the actions the rule stage decided.
///
/// The rules' chrome is evidence here, and it is gone when the output is cleaned again, so one
/// run is not the end: the pipeline asks the rules and this stage again about the lines kept,
/// until nothing more goes (see [`crate::pipeline`]).
pub fn apply<'r>(texts: &[&str], lines: &[LineText], actions: &mut [Action<'r>]) {
    let m = mechanisms();
    let before = actions.to_vec();
    drop_repeated_lines(texts, lines, actions, &m.repeated_line);
    let section_headings = drop_table_of_contents(texts, &classify(lines, actions), actions, &m.table_of_contents);
    // A shape never takes a sentence: 'The vote is on 12.03.2025.' is article text.
    for (line, action) in lines.iter().zip(actions.iter_mut()) {
        if matches!(action, Action::Drop(meta) if meta.weak) && line.prose {
            *action = Action::Keep;
        }
    }
    // Before shapes are read as article text: a headline's date reads as one between headlines.
    drop_teaser_lists(&classify(lines, actions), actions, &m.teaser_list);
    let mut classes = classify(lines, actions);
    restore_shapes_in_prose(texts, &mut classes, actions);
    drop_notices_under_first_line(texts, lines, &classes, actions, &m.header_notice);
    let header_end = header(texts, lines, &classes, actions, m);
    // A heading a table of contents named is the body's, even right under the header's chrome.
    for &heading in &section_headings {
        if before[heading] == Action::Keep {
            actions[heading] = Action::Keep;
        }
    }
    drop_after_disclaimer_labels(texts, &classes, actions, &m.after_disclaimer_label);
    drop_title_echoes(texts, &classes, actions, &m.title_echo);
    let mut classes = classify(lines, actions);
    drop_feedback_polls(texts, &mut classes, actions, &m.feedback_poll);
    for class in classes.iter_mut().take(header_end) {
        // The header is settled: runs below may not reach into it.
        if *class == Class::Short {
            *class = Class::Prose;
        }
    }
    drop_between_chrome(&classes, actions, &m.between_chrome);
    drop_tail_labels(texts, &classes, actions, &m.tail_labels);
    drop_after_sign_off(texts, &classes, actions, &m.after_sign_off);
    drop_related_lists(texts, &classes, actions, &m.related_list);
    drop_after_disclaimer(texts, lines, actions, &m.after_disclaimer);
    drop_symbol_lines_between_chrome(lines, actions, &m.between_chrome);
    // Structure alone never empties a page: with every line gone, the rules' word stands.
    if !actions.iter().any(|a| a.is_output()) && before.iter().any(|a| a.is_output()) {
        actions.copy_from_slice(&before);
    }
}

/// A platform's disclaimer paragraph that a rule dropped ends the article: under article text,
/// what follows it to the page's end is the page's (its calls to trade, a cookie notice, comments),
/// in whatever language the rules lack. The author's own disclaimer is no rule's drop and ends
/// nothing, a heading alone ('Disclaimer') is not the paragraph, and a page that prints the body
/// again after it is left to the repeat stage.
fn drop_after_disclaimer<'r>(texts: &[&str], lines: &[LineText], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let Some(first_text) = (0..lines.len()).find(|&l| actions[l] == Action::Keep && lines[l].prose) else {
        return;
    };
    let is_disclaimer = |l: usize| {
        matches!(actions[l], Action::Drop(rule) if rule.category == Category::Disclaimer && !rule.weak)
            // (A line a rule dropped was never read for prose: its text says it.)
            && (texts[l].chars().count() >= PROSE_CHARS
                || (ends_with_full_stop(texts[l]) && word_count(texts[l]) > NAME_WORDS))
    };
    // A second copy of the body after it is the repeat stage's to weigh: the header above that
    // copy may be the article's (see crate::repeat).
    if let Some(disclaimer) = (first_text + 1..lines.len()).find(|&l| is_disclaimer(l))
        && !texts[disclaimer + 1..].contains(&texts[first_text])
    {
        drop_kept_after(actions, disclaimer, meta);
    }
}

/// Drops every line still kept after `line`: the page ends there.
fn drop_kept_after<'r>(actions: &mut [Action<'r>], line: usize, meta: &'r RuleMeta) {
    for action in &mut actions[line + 1..] {
        if *action == Action::Keep {
            *action = Action::Drop(meta);
        }
    }
}

/// A line of symbols only ('★★★★★', '•••') reads as blank to the other rules, so nothing bounds
/// it; with dropped lines right above and below it (or one of them and the page's edge) it is a
/// widget's, like them. Next to article text it stays: a section break ('* * *') is the author's.
fn drop_symbol_lines_between_chrome<'r>(lines: &[LineText], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    // (A line a rule dropped was never read, so its `visible` says nothing.)
    let present = |l: usize, actions: &[Action<'r>]| match actions[l] {
        Action::Keep => lines[l].visible,
        Action::Blank => false,
        _ => true,
    };
    if !(0..lines.len()).any(|l| actions[l] == Action::Keep && !lines[l].visible) {
        return;
    }
    // The nearest present line above and below each line, one pass each way (a page of a
    // million symbol lines stays linear); a run of symbol lines shares its neighbours.
    let mut above = vec![None; lines.len()];
    let mut nearest = None;
    for (l, slot) in above.iter_mut().enumerate() {
        *slot = nearest;
        if present(l, actions) {
            nearest = Some(l);
        }
    }
    let mut below = vec![None; lines.len()];
    nearest = None;
    for (l, slot) in below.iter_mut().enumerate().rev() {
        *slot = nearest;
        if present(l, actions) {
            nearest = Some(l);
        }
    }
    let dropped = |n: Option<usize>, actions: &[Action<'r>]| n.is_none_or(|n| matches!(actions[n], Action::Drop(_)));
    for l in 0..lines.len() {
        if actions[l] != Action::Keep || lines[l].visible {
            continue;
        }
        let (above, below) = (above[l], below[l]);
        if (above.is_some() || below.is_some()) && dropped(above, actions) && dropped(below, actions) {
            actions[l] = Action::Drop(meta);
        }
    }
}

fn classify(lines: &[LineText], actions: &[Action<'_>]) -> Vec<Class> {
    lines
        .iter()
        .zip(actions)
        .map(|(line, action)| match action {
            // Lines of invisible characters only (zero-width spaces) are as good as blank.
            Action::Keep if !line.visible => Class::Blank,
            // A repeated line stands in for the line before it: it is no chrome to bound a run.
            Action::Blank => Class::Blank,
            Action::Drop(meta) if std::ptr::eq(*meta, &mechanisms().repeated_line) => Class::Blank,
            Action::Drop(meta) if meta.weak => Class::Shape,
            Action::Keep if line.question => Class::Question,
            Action::Keep if line.prose => Class::Prose,
            Action::Keep => Class::Short,
            _ => Class::Chrome,
        })
        .collect()
}

fn drop_repeated_lines<'r>(texts: &[&str], lines: &[LineText], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let mut previous: Option<usize> = None;
    for line in 0..texts.len() {
        // Dropped lines between the two do not part them: a line printed again after a date is
        // still printed twice (and the decision must not change when the date is gone).
        match actions[line] {
            Action::Blank | Action::Drop(_) => continue,
            Action::Keep => {
                if let Some(before) = previous
                    && actions[before] == Action::Keep
                    && texts[before] == texts[line]
                    && texts[line].chars().count() <= MAX_REPEATED_LINE_CHARS
                    && lines[line].visible
                {
                    actions[line] = Action::Drop(meta);
                    continue;
                }
            }
            _ => {}
        }
        previous = Some(line);
    }
}

/// The runs of lines of class `member` (blank lines inside a run belong to it), as
/// `(first line, line after the run)`, with the classes of the nearest non-blank line before
/// the run (`None`: the page's top edge) and of the line after it (`None`: the page's end).
fn runs(classes: &[Class], member: Class) -> Vec<(usize, usize, Option<Class>, Option<Class>)> {
    let mut found = Vec::new();
    let mut previous: Option<Class> = None;
    let mut line = 0;
    while line < classes.len() {
        if classes[line] != member {
            if classes[line] != Class::Blank {
                previous = Some(classes[line]);
            }
            line += 1;
            continue;
        }
        let start = line;
        while classes.get(line).is_some_and(|&c| c == member || c == Class::Blank) {
            line += 1;
        }
        found.push((start, line, previous, classes.get(line).copied()));
        previous = Some(member);
    }
    found
}

/// The most lines in a row (blank lines between them aside) among `range` that `member` holds.
fn longest_run(classes: &[Class], range: std::ops::Range<usize>, member: impl Fn(usize) -> bool) -> usize {
    let (mut longest, mut current) = (0, 0);
    for l in range.filter(|&l| classes[l] != Class::Blank) {
        current = if member(l) { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// The first and the last prose line, if there is one.
fn prose_bounds(classes: &[Class]) -> Option<(usize, usize)> {
    let first = classes.iter().position(|&c| c == Class::Prose)?;
    let last = classes.iter().rposition(|&c| c == Class::Prose)?;
    Some((first, last))
}

/// A sentence of this many words or more that ends with a colon introduces the body's list
/// ('Share articles to:' is a label of the header).
pub const INTRODUCTION_WORDS: usize = 6;

/// A date line of this many words or more, with its own date stamp right under it or first on
/// the page, is a dated title ('Bitget will perform maintenance on 15 October 2025' /
/// '2025-10-13 08:20').
pub const DATED_TITLE_WORDS: usize = 5;

/// Where the body starts: at the first prose line that the next prose line follows without a
/// header between them (short lines and chrome together). A lone sentence above the header (a
/// cookie or region notice) is not the body's start, a heading or a ticker line inside the body
/// is no header. A paragraph (a line of [`PROSE_CHARS`] or more) is never such a notice: the body
/// starts there at the latest, whatever follows it (a heading under an ad label between two
/// paragraphs is no header).
fn body_start(texts: &[&str], classes: &[Class]) -> Option<usize> {
    let mut prose_lines = (0..classes.len()).filter(|&l| classes[l] == Class::Prose);
    let first = prose_lines.next()?;
    // Between a headline and the first paragraph stands the header: its labels and chrome, or,
    // once rules name every label ('Share' / 'Copy link' under the date), two pieces of chrome
    // under a line with no full stop. One piece alone may be a data line inside the body.
    // The same with one piece of chrome (its date) under a headline that only short lines
    // stand above (a menu, a breadcrumb): nothing before it reads as the body.
    // (Only the first prose line can have nothing but short lines above it: worked out once, so
    // that the walk below stays linear.)
    let first_under_menu = classes[..first].contains(&Class::Short)
        && classes[..first].iter().all(|&c| matches!(c, Class::Short | Class::Chrome | Class::Shape | Class::Blank));
    let no_header_between = |from: usize, to: usize| {
        let gap = &classes[from + 1..to];
        let chrome = gap.iter().filter(|&&c| matches!(c, Class::Chrome | Class::Shape)).count();
        let headline = texts[from].chars().count() < PROSE_CHARS && !ends_with_full_stop(texts[from]);
        let under_menu = from == first && first_under_menu;
        !((gap.iter().any(|&c| matches!(c, Class::Short | Class::Question)) && chrome >= 1)
            || (headline && (chrome >= 2 || (chrome == 1 && under_menu))))
    };
    // A short line that ends with a colon introduces what follows it: a list in the body ('My
    // plan:'), or a row of share buttons in the header ('Share articles to:'). It confirms no
    // body above it; the line after it does.
    let introduces = |l: usize| ends_with_colon(texts[l]) && texts[l].chars().count() < PROSE_CHARS;
    let mut previous = first;
    for next in prose_lines {
        // A sentence that introduces a list ('... as follows:') starts the body: the data lines
        // under it ('Start: 15 October 2025, 02:00 (UTC)') are its list, not a header.
        let previous_is_paragraph = texts[previous].chars().count() >= PROSE_CHARS
            || (ends_with_colon(texts[previous]) && word_count(texts[previous]) >= INTRODUCTION_WORDS);
        if introduces(next) && !previous_is_paragraph {
            continue;
        }
        if previous_is_paragraph || no_header_between(previous, next) {
            return Some(previous);
        }
        previous = next;
    }
    Some(first)
}

fn restore_shapes_in_prose(texts: &[&str], classes: &mut [Class], actions: &mut [Action<'_>]) {
    let prose = prose_bounds(classes);
    // The body's start, not the first sentence: a date under the title follows a region notice
    // above the menu, and it is no article text for that.
    let body = body_start(texts, classes);
    // Before the body, a date line of many words with a date stamp right under it is the title
    // that names a date. (Stamps have few words: 'Published 05/22/2025' over 'Updated ...'.) So is
    // one that opens the page: once its stamp and the menu above it are gone (a later round, or
    // the output cleaned again), it stands first.
    let first_present = classes.iter().position(|&c| c != Class::Blank);
    for l in 0..body.unwrap_or(0) {
        // (The look for the stamp comes last: it walks the blank lines under a shape only.)
        let stamp_under =
            || next_present(classes, l + 1, classes.len()).is_some_and(|n| dropped_as(actions[n], Category::Timestamp));
        if classes[l] == Class::Shape
            && dropped_as(actions[l], Category::Timestamp)
            && word_count(texts[l]) >= DATED_TITLE_WORDS
            && (first_present == Some(l) || stamp_under())
        {
            classes[l] = Class::Short;
            actions[l] = Action::Keep;
        }
    }
    // The body ends at its last prose line, or at a thanks after it that closes an announcement
    // ('Cảm ơn bạn đã ủng hộ Bitget!'): an exclamation of a few words. (A question after the
    // body is as often a feedback poll.)
    let closing = (0..classes.len()).rev().find(|&l| {
        classes[l] == Class::Question
            && trim_closing(texts[l]).ends_with(['!', '！'])
            && word_count(texts[l]) >= crate::normalize::PROSE_WORDS
    });
    let body_end = prose.map(|(_, last)| closing.map_or(last, |closing| closing.max(last)));
    for (start, end, before, after) in runs(classes, Class::Shape) {
        // Inside the body (prose before and after, however far), a shape needs strong chrome
        // beside it: a date or a price among article lines is article text on its own ('Thời
        // gian rút: 7 tháng 2 năm 2025, 13:00 (UTC)' above the thanks).
        let after_body_start = body.is_some_and(|first| first < start);
        let in_body = after_body_start && body_end.is_some_and(|last| last >= end);
        let beside_chrome = before == Some(Class::Chrome) || after == Some(Class::Chrome);
        // After the body's first line, one shape alone with no chrome beside it (a tweet's date
        // line closing an article) is article text too.
        let lone = classes[start..end].iter().filter(|&&c| c == Class::Shape).count() == 1;
        let next_is_chrome = after.is_some_and(|c| matches!(c, Class::Chrome | Class::Shape));
        if (before == Some(Class::Prose) && after == Some(Class::Prose))
            || (in_body && !beside_chrome)
            || (after_body_start && lone && !beside_chrome && !next_is_chrome && before != Some(Class::Shape))
        {
            for l in start..end {
                if classes[l] == Class::Shape {
                    classes[l] = Class::Short;
                    actions[l] = Action::Keep;
                }
            }
        }
    }
}

/// Decides the header (the lines before the first prose line); returns where it ends.
fn header<'r>(
    texts: &[&str],
    lines: &[LineText],
    classes: &[Class],
    actions: &mut [Action<'r>],
    m: &'r Mechanisms,
) -> usize {
    let Some(body) = body_start(texts, classes) else {
        return 0;
    };
    // A headline in a script written without sentence ends (Thai) reads as prose: a short
    // prose line with no full stop before the body is a candidate too (a sentence with one is
    // a notice, see below).
    let headline_prose = |l: usize| {
        classes[l] == Class::Prose && texts[l].chars().count() < PROSE_CHARS && !ends_with_full_stop(texts[l])
    };
    // A name right above a date or a handle is the author widget of a post ('MarcoTrader' /
    // '2025-11-18 21:03'), not its title: no title is a few words long.
    // ('क्रिप्टो राहुल' / '@crypto_rahul'.)
    let widget_under = |l: usize| {
        next_present(classes, l + 1, body).is_some_and(|n| {
            dropped_as(actions[n], Category::Timestamp) || dropped_as(actions[n], Category::AuthorWidget)
        })
    };
    let author_names: Vec<usize> = (0..body)
        .filter(|&l| {
            classes[l] == Class::Short && !lines[l].byline && word_count(texts[l]) <= NAME_WORDS && widget_under(l)
        })
        .collect();
    let candidates: Vec<usize> = (0..body)
        .filter(|&l| (matches!(classes[l], Class::Short | Class::Question) && !lines[l].byline) || headline_prose(l))
        // (The names are in page order: a binary search keeps a page of many widgets linear-log.)
        .filter(|l| author_names.binary_search(l).is_err())
        // A salutation ('Dear users,') opens the text under the title; it is never the title.
        .filter(|&l| !is_salutation(texts[l]))
        .collect();
    // The most words among the last few short lines wins; among equals the earliest, as a title
    // comes before what follows it. A row of one-word buttons right above the body ('Follow',
    // 'X', 'Telegram') takes no place among the few, and when every short line is one word
    // ('Live', 'Bullish'), the post has no title. Nor does a widget under a longer title: lines
    // of a few words, two of them one word, at the end ('TraderMinhAnh' / 'Short' / 'Đã cập
    // nhật', a status in a language of short words).
    let one_word_run = candidates.iter().rev().take_while(|&&l| word_count(texts[l]) < TITLE_WORDS).count();
    let few_word_run = candidates.iter().rev().take_while(|&&l| word_count(texts[l]) <= NAME_WORDS).count();
    let one_word_in_it =
        candidates.iter().rev().take(few_word_run).filter(|&&l| word_count(texts[l]) < TITLE_WORDS).count();
    let is_widget = few_word_run < candidates.len() && one_word_in_it >= MIN_HEADER_BUTTONS;
    let buttons = if is_widget { few_word_run } else { one_word_run };
    let pool = &candidates[..candidates.len() - buttons];
    let recent = &pool[pool.len().saturating_sub(TITLE_CANDIDATES)..];
    let title = recent.iter().copied().max_by_key(|&l| (word_count(texts[l]), std::cmp::Reverse(l)));
    // Above an author widget, a line of a few words is a button or a label ('Learn more' under
    // a pinned promo), not the title: the post has none, and every short line down to the
    // widget goes.
    let last_author = author_names.last().copied();
    let title = title.filter(|&t| word_count(texts[t]) > NAME_WORDS || last_author.is_none_or(|a| a < t));
    for &name in &author_names {
        actions[name] = Action::Drop(&m.author_widget);
    }
    // With no title, the header's short lines (one-word lines, an author's name) are its menu,
    // widget and buttons once a rule's chrome or a shape stands among them (the author's date).
    // A word with a full stop ('Body.', 'Done!') is a sentence, which no button is.
    if title.is_none() && (0..body).any(|l| matches!(classes[l], Class::Chrome | Class::Shape)) {
        let meta = if last_author.is_some() { &m.author_widget } else { &m.before_title };
        let button = |l: usize| classes[l] == Class::Short && !lines[l].byline && !ends_with_statement(texts[l]);
        for l in (0..body).filter(|&l| button(l)) {
            actions[l] = Action::Drop(meta);
        }
    }
    let is_chrome = |l: usize| matches!(classes[l], Class::Chrome | Class::Shape);
    if let Some(title) = title {
        // The title is the article's first line: what stands before it is chrome once chrome
        // or a menu says the page has a header there.
        let before: Vec<usize> = (0..title).filter(|&l| classes[l] == Class::Short && !lines[l].byline).collect();
        let is_menu_item = |l: usize| word_count(texts[l]) <= MENU_ITEM_WORDS;
        let menu_items = before.iter().filter(|&&l| is_menu_item(l)).count();
        let is_menu = (before.len() >= MENU_LINES && menu_items * 3 >= before.len() * 2)
            || longest_run(classes, 0..title, |l| classes[l] == Class::Short && !lines[l].byline && is_menu_item(l))
                >= MENU_RUN_LINES;
        // Evidence of a header: a rule's chrome, two shapes (a date and a count), or a menu
        // before the title; or a shape before it and two pieces of chrome under it (the title's
        // date and views), which say the title is the title.
        let strong = (0..title).any(|l| classes[l] == Class::Chrome);
        let shapes = (0..title).filter(|&l| classes[l] == Class::Shape).count();
        let under_title = (title + 1..body).filter(|&l| is_chrome(l)).count();
        // Or a title with its date right under it, and nothing but menu items and labels above
        // it, of a few words or at most half the title's (a section and a subsection: 'News',
        // 'Flash'; a breadcrumb without separators: 'Learn Bitcoin Article').
        let dated = next_present(classes, title + 1, body).is_some_and(is_chrome);
        let only_labels = || {
            let title_words = word_count(texts[title]);
            !before.is_empty()
                && before.iter().all(|&l| word_count(texts[l]) <= NAME_WORDS || word_count(texts[l]) * 2 <= title_words)
        };
        let has_header =
            strong || shapes >= 2 || is_menu || (shapes >= 1 && under_title >= 2) || (dated && only_labels());
        if has_header {
            for &l in &before {
                actions[l] = Action::Drop(&m.before_title);
            }
            drop_header_notices(texts, classes, title, &before, actions, &m.header_notice);
        }
        // Two one-word lines or more between such a title and the body are the post's widget
        // ('AltinAnalizci' / 'Long' / 'Updated': its author, direction and status); one alone may
        // be the body's first heading, and a word with a full stop is a sentence.
        let buttons_after_title = &candidates[candidates.len() - buttons..];
        if has_header && buttons_after_title.iter().filter(|&&l| l > title).count() >= MIN_HEADER_BUTTONS {
            for &l in buttons_after_title.iter().filter(|&&l| l > title && !ends_with_statement(texts[l])) {
                actions[l] = Action::Drop(&m.after_header_chrome);
            }
        }
        // The byline follows the title: short lines between them are notices ('This article is
        // machine translated', 'Show original'), not a subtitle, which comes after the byline.
        if let Some(byline) = (title + 1..body).find(|&l| lines[l].byline && classes[l] == Class::Short) {
            let notice = |l: usize| classes[l] == Class::Short && !has_digit(texts[l]);
            for l in (title + 1..byline).filter(|&l| notice(l)) {
                actions[l] = Action::Drop(&m.header_notice);
            }
        }
        if let Some(chrome) = (title + 1..body).find(|&l| is_chrome(l)) {
            // An author widget (a name, then a handle, 'Follow' and an age) starts with the
            // name: with two pieces of chrome under the title, a name-length line above them
            // belongs to the widget.
            // (Fewer words than the title: it is the title's neighbour, not a second title.)
            let widget = (title + 1..body).filter(|&l| is_chrome(l)).count() >= 2;
            let name_words = NAME_WORDS.min(word_count(texts[title]).saturating_sub(1));
            // A line right above a handle ('@satoshi_daily') is the handle's display name,
            // however many words it has.
            let above_handle = |l: usize| {
                next_present(classes, l + 1, body).is_some_and(|n| dropped_as(actions[n], Category::AuthorWidget))
            };
            let is_name =
                |l: usize| classes[l] == Class::Short && (word_count(texts[l]) <= name_words || above_handle(l));
            // The name-length lines right above that chrome are its labels: the author's name
            // and 'Updated' above the date. Under a rule's chrome ('Show original'), not a
            // shape, every short line between it and the title is its label or notice ('This
            // article was machine-translated').
            let is_label = |l: usize| {
                (is_name(l) || (classes[chrome] == Class::Chrome && classes[l] == Class::Short)) && !lines[l].byline
            };
            let labels_from = (title + 1..chrome)
                .rev()
                .take_while(|&l| classes[l] == Class::Blank || is_label(l))
                .last()
                .unwrap_or(chrome);
            // Under that chrome, a line of two words or more with a word in lower case after the
            // first, right above a paragraph, is the body's first heading ('Key takeaways',
            // 'Ключевые моменты'), not a name or a button: names are capitalised, and buttons
            // are one word or named by a rule ('Share this article').
            let opens_body = |l: usize| {
                l > chrome
                    && word_count(texts[l]) >= 2
                    && !has_digit(texts[l])
                    && texts[l].split_whitespace().skip(1).any(|word| word.starts_with(char::is_lowercase))
                    && next_present(classes, l + 1, classes.len()).is_some_and(|n| classes[n] == Class::Prose)
            };
            let widget_lines: Vec<usize> = (title + 1..body)
                .filter(|&l| classes[l] == Class::Short && !lines[l].byline && !is_salutation(texts[l]))
                .filter(|&l| !opens_body(l))
                .filter(|&l| l > chrome || l >= labels_from || (widget && is_name(l)))
                .collect();
            for l in widget_lines {
                actions[l] = Action::Drop(&m.after_header_chrome);
            }
        }
    }
    body
}

/// At most this many notices stand between the title and its byline.
pub const MAX_NOTICES_BEFORE_BYLINE: usize = 3;

/// When the page opens with its title and a byline follows it, the short lines between them are
/// notices ('บทความนี้แปลโดยเครื่อง' / 'แสดงต้นฉบับ'), as [`header`] finds under a title it
/// chose; this covers a title that reads as prose (a Thai headline), which leaves no header to
/// choose from.
fn drop_notices_under_first_line<'r>(
    texts: &[&str],
    lines: &[LineText],
    classes: &[Class],
    actions: &mut [Action<'r>],
    meta: &'r RuleMeta,
) {
    let mut present = (0..classes.len()).filter(|&l| classes[l] != Class::Blank);
    let Some(title) = present.next() else { return };
    // (A short first line may be a menu's first item: the header decides about those.)
    let headline = classes[title] == Class::Prose
        && texts[title].chars().count() < PROSE_CHARS
        && !ends_with_full_stop(texts[title])
        && !lines[title].byline;
    if !headline {
        return;
    }
    let mut notices = Vec::new();
    for l in present.take(MAX_NOTICES_BEFORE_BYLINE + 1) {
        // (A byline with a source in a script written without spaces may read as prose.)
        match classes[l] {
            Class::Short | Class::Prose if lines[l].byline => {
                for &notice in &notices {
                    actions[notice] = Action::Drop(meta);
                }
                return;
            }
            // A notice holds no digit ('2018 Theater Series' is a subtitle).
            Class::Short if !has_digit(texts[l]) => notices.push(l),
            _ => return,
        }
    }
}

/// A sentence (or two or three in a row) standing among the header's lines, or between the
/// page's top and them ('Some products may not be available in your region.' between the menu
/// and a share label), is a notice, not the article: the article starts at the title. A notice
/// is a statement or a call ('Win $10,000 in prizes!'), not a question (which may be the real
/// title), and under a paragraph's length; a line that is prose without a full stop (a Thai
/// headline) is none. Only under a title that reads as a headline: when the best short line is a
/// name ('Julie Martin'), the sentence may well be the title itself. `before` are the short
/// lines before the title that go.
fn drop_header_notices<'r>(
    texts: &[&str],
    classes: &[Class],
    title: usize,
    before: &[usize],
    actions: &mut [Action<'r>],
    meta: &'r RuleMeta,
) {
    if word_count(texts[title]) <= NAME_WORDS {
        return;
    }
    let is_header_line = |l: usize| before.contains(&l) || matches!(classes[l], Class::Chrome | Class::Shape);
    // (A label that ends with a colon, 'Share articles to:', introduces nothing of the article
    // before its title: it goes with the notices.)
    let is_notice = |l: usize| {
        matches!(classes[l], Class::Prose | Class::Question)
            && texts[l].chars().count() < PROSE_CHARS
            && (ends_with_statement(texts[l]) || ends_with_colon(texts[l]))
    };
    let non_blank: Vec<usize> = (0..title).filter(|&l| classes[l] != Class::Blank).collect();
    let mut at = 0;
    while at < non_blank.len() {
        let run = non_blank[at..].iter().take_while(|&&l| is_notice(l)).count();
        if run == 0 {
            at += 1;
            continue;
        }
        let above = at.checked_sub(1).map(|i| non_blank[i]);
        let below = non_blank.get(at + run).copied();
        if run <= MAX_NOTICE_LINES && above.is_none_or(is_header_line) && below.is_some_and(is_header_line) {
            for &l in &non_blank[at..at + run] {
                actions[l] = Action::Drop(meta);
            }
        }
        at += run;
    }
}

/// A disclaimer's heading ('Disclaimer', 'Haftungsausschluss:') that a rule dropped takes the
/// paragraph right under it: the rules know the headings in many languages, the text under them
/// in few.
fn drop_after_disclaimer_labels<'r>(texts: &[&str], classes: &[Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let mut label = false;
    for line in 0..classes.len() {
        match (classes[line], actions[line]) {
            (Class::Blank, _) => continue,
            (Class::Prose, Action::Keep) if label => actions[line] = Action::Drop(meta),
            _ => {}
        }
        label = matches!(actions[line], Action::Drop(rule) if rule.category == Category::Disclaimer)
            && texts[line].chars().count() <= MAX_LABEL_CHARS;
    }
}

/// After the last prose line, headlines each followed by their date ('Was ist Staking?' /
/// '2025-03-28'), two of them or more, are a list of other articles, the short line right above
/// them is its label ('Related'), and the short lines after them to the page's end are the
/// page's too (a 'More' link, the next sidebar box). An item is one or two short lines (a
/// headline and its level, 'Beginner') over a date: one headline with a date is an
/// announcement's sign-off as often ('Gate Team' / '2025-09-03').
fn drop_teaser_lists<'r>(classes: &[Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let Some((_, last_prose)) = prose_bounds(classes) else {
        return;
    };
    let tail: Vec<usize> = (last_prose + 1..classes.len()).filter(|&l| classes[l] != Class::Blank).collect();
    // (A relative time, '3시간 전', is a rule's chrome rather than a shape: a date either way.)
    let is_date = |l: usize| dropped_as(actions[l], Category::Timestamp);
    let is_headline = |l: usize| matches!(classes[l], Class::Short | Class::Question);
    // The list ends at its last date; the latest list of two items or more wins. (Each date is
    // tried as an end once, and a list is walked only from its own last date: linear.)
    let items_before = |end: usize| {
        let (mut start, mut items) = (end, 0);
        while start > 0 && is_date(tail[start - 1]) {
            let headlines = tail[..start - 1].iter().rev().take(2).take_while(|&&l| is_headline(l)).count();
            if headlines == 0 {
                break;
            }
            start -= 1 + headlines;
            items += 1;
        }
        (start, items)
    };
    let Some((start, _)) = (1..=tail.len())
        .rev()
        .filter(|&end| is_date(tail[end - 1]) && (end == tail.len() || !is_date(tail[end])))
        .map(items_before)
        .find(|&(_, items)| items >= 2)
    else {
        return;
    };
    // What follows the list up to the page's end is the page's too: a 'More' link, the next
    // sidebar box ('Fear & Greed Index' and its question and buttons).
    let label = start.checked_sub(1).map(|i| tail[i]).filter(|&l| classes[l] == Class::Short);
    for &l in label.iter().chain(&tail[start..]) {
        if is_headline(l) {
            actions[l] = Action::Drop(meta);
        }
    }
}

/// How many lines in a row, blank lines aside, are chrome or shapes, from the first of `classes`.
fn chrome_stack<'c>(classes: impl Iterator<Item = &'c Class>) -> usize {
    classes.filter(|&&c| c != Class::Blank).take_while(|&&c| matches!(c, Class::Chrome | Class::Shape)).count()
}

fn drop_between_chrome<'r>(classes: &[Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let is_chrome = |c: Class| matches!(c, Class::Chrome | Class::Shape);
    let last_prose = prose_bounds(classes).map(|(_, last)| last);
    for (start, end, before, after) in runs(classes, Class::Short) {
        // A run at the top of the page is the header's to judge (it may hold the title).
        let bounded_before = before.is_some_and(is_chrome);
        let bounded_after = after.is_none_or(is_chrome);
        // Shapes alone bound a run only in the tail, after the last prose line: in the body a
        // product box (a price, a name, a price) is article text.
        let strong = before == Some(Class::Chrome) || after == Some(Class::Chrome);
        let in_tail = last_prose.is_none_or(|last| last < start);
        // (A symbol and its price under the hashtags: the stack may mix shapes and chrome.)
        let stack_above = chrome_stack(classes[..start].iter().rev());
        if bounded_before && bounded_after && (strong || (in_tail && stack_above >= 2)) {
            for l in (start..end).filter(|&l| classes[l] == Class::Short) {
                actions[l] = Action::Drop(meta);
            }
        }
    }
}

/// A feedback poll offers at most this many answers ('Yes' / 'No' / 'Partly').
pub const MAX_POLL_ANSWERS: usize = 4;
/// A poll's answer is one word of at most this many characters.
pub const MAX_ANSWER_CHARS: usize = 12;

/// After the article's last paragraph, a short question with two to four one-word answers under
/// it ('Cet article vous a-t-il été utile ?' / 'Oui' / 'Non') is a feedback poll: it goes, and
/// as chrome it bounds the short lines after it (a related list) for step 4. A question over
/// sentences or longer lines is the article's own ('What next?' over a paragraph).
fn drop_feedback_polls<'r>(texts: &[&str], classes: &mut [Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let Some((_, last_prose)) = prose_bounds(classes) else {
        return;
    };
    // A kept line of symbols only ('👍' / '👎') reads as blank elsewhere; here it may be an answer.
    let symbols = |l: usize| classes[l] == Class::Blank && actions[l] == Action::Keep && !texts[l].is_empty();
    let tail: Vec<usize> =
        (last_prose + 1..classes.len()).filter(|&l| classes[l] != Class::Blank || symbols(l)).collect();
    let is_answer = |l: usize| {
        (classes[l] == Class::Short || symbols(l))
            && !texts[l].contains(|c: char| c.is_whitespace() || c.is_numeric())
            && texts[l].chars().count() <= MAX_ANSWER_CHARS
    };
    let mut polls = Vec::new();
    for (at, &question) in tail.iter().enumerate() {
        if classes[question] != Class::Question || !trim_closing(texts[question]).ends_with(['?', '？', '؟']) {
            continue;
        }
        let answers = tail[at + 1..].iter().take_while(|&&l| is_answer(l)).take(MAX_POLL_ANSWERS + 1).count();
        if (2..=MAX_POLL_ANSWERS).contains(&answers) {
            polls.extend_from_slice(&tail[at..=at + answers]);
        }
    }
    // (Read as the rules' chrome from here on, which bounds the runs under the poll.)
    for l in polls {
        actions[l] = Action::Drop(meta);
        classes[l] = Class::Chrome;
    }
}

/// At most this many labels stand between the article's last paragraph and the chrome under it.
pub const MAX_TAIL_LABELS: usize = 3;

/// Whether `label` names who the page's title names ('Tim Bitget' under 'Bitget akan melakukan
/// ...', 'L'équipe Gate'): a capitalised word of three letters or more that the title holds too.
fn signs_off(texts: &[&str], title: Option<usize>, label: &str) -> bool {
    title.is_some_and(|title| {
        label.split(|c: char| !c.is_alphanumeric()).any(|word| {
            word.chars().count() >= 3 && word.starts_with(char::is_uppercase) && texts[title].contains(word)
        })
    })
}

/// The page's first kept line: its title, when it has one.
fn page_title(classes: &[Class], actions: &[Action<'_>]) -> Option<usize> {
    (0..classes.len()).find(|&l| classes[l] != Class::Blank && actions[l].is_output())
}

/// An announcement ends with its thanks and its sign-off ('Merci pour votre soutien !' / 'L'équipe
/// Gate'): what follows the sign-off is the page's (its date, a sign-up box, 'Contact us!', the
/// social links), in whatever language. Only when nothing after it reads as a paragraph.
fn drop_after_sign_off<'r>(texts: &[&str], classes: &[Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let Some((first_prose, _)) = prose_bounds(classes) else {
        return;
    };
    let title = page_title(classes, actions);
    let present: Vec<usize> = (first_prose..classes.len()).filter(|&l| classes[l] != Class::Blank).collect();
    let sign_off = present.windows(2).find(|pair| {
        let (thanks, label) = (pair[0], pair[1]);
        matches!(classes[thanks], Class::Question | Class::Prose)
            && trim_closing(texts[thanks]).ends_with(['!', '！'])
            && classes[label] == Class::Short
            && is_label(texts[label])
            && signs_off(texts, title, texts[label])
    });
    let Some(&[_, sign_off]) = sign_off else {
        return;
    };
    let paragraph_after =
        (sign_off + 1..classes.len()).any(|l| classes[l] == Class::Prose && texts[l].chars().count() >= PROSE_CHARS);
    if !paragraph_after {
        drop_kept_after(actions, sign_off, meta);
    }
}

/// A label is a few words with no digit and no full stop: 'Keine Anlageberatung.' is the
/// author's sentence, 'CPI 3.1%' a data line.
fn is_label(text: &str) -> bool {
    word_count(text) <= NAME_WORDS && !has_digit(text) && !ends_with_full_stop(text)
}

/// Right under the article's last paragraph, one to three labels of a few words with a rule's
/// chrome under them ('Trade active', 'Note' above the disclaimer) are the page's, not the
/// article's. A label holds no digit: 'CPI 3.1%' above a ticker line is a data line. Only under a paragraph that is a statement: a sign-off ('Gate Team') follows a
/// thanks that ends with an exclamation mark, which reads as a question here and bounds no run.
fn drop_tail_labels<'r>(texts: &[&str], classes: &[Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let Some((first_prose, last_prose)) = prose_bounds(classes) else {
        return;
    };
    if first_prose == last_prose {
        return;
    }
    let title = page_title(classes, actions);
    let signs_off = |label: &str| signs_off(texts, title, label);
    // Under the labels, a rule's chrome, or a stack of two shapes or more ('USDT' / 'USDC' /
    // 'Likes 15' under a tag): one shape may be the article's closing date.
    for (start, end, before, after) in runs(classes, Class::Short) {
        let labels: Vec<usize> = (start..end).filter(|&l| classes[l] == Class::Short).collect();
        if start > last_prose
            && before == Some(Class::Prose)
            && (after == Some(Class::Chrome)
                || (after == Some(Class::Shape) && chrome_stack(classes[end..].iter()) >= 2))
            && labels.len() <= MAX_TAIL_LABELS
            && labels.iter().all(|&l| is_label(texts[l]) && !signs_off(texts[l]))
        {
            for l in labels {
                actions[l] = Action::Drop(meta);
            }
        }
    }
}

/// Before the first paragraph, a run of two short lines or more (blank lines aside), each of
/// which stands again further down as its own line, in the same order, with article text
/// between any two of those later copies: a table of contents over the headings of the body's
/// sections. Its entries go, and so does one label right above them ('Contents'). A title and
/// byline printed again above a second copy of the body have no text between their copies and
/// stay (see [`crate::repeat`]). Returns the headings the table named.
fn drop_table_of_contents<'r>(
    texts: &[&str],
    classes: &[Class],
    actions: &mut [Action<'r>],
    meta: &'r RuleMeta,
) -> Vec<usize> {
    let mut headings = Vec::new();
    let Some((first_prose, _)) = prose_bounds(classes) else {
        return headings;
    };
    let is_entry = |l: usize| matches!(classes[l], Class::Short | Class::Question) && !is_byline(texts[l]);
    let mut line = 0;
    while line < first_prose {
        if !is_entry(line) {
            line += 1;
            continue;
        }
        // The run of entries from `line`, each found again below the run, in order.
        let mut entries: Vec<usize> = Vec::new();
        let mut copies: Vec<usize> = Vec::new();
        let mut at = line;
        while at < first_prose && (classes[at] == Class::Blank || is_entry(at)) {
            if classes[at] != Class::Blank {
                let search_from = copies.last().map_or(at + 1, |&copy| copy + 1).max(at + 1);
                let copy = (search_from..classes.len()).find(|&l| texts[l] == texts[at] && is_entry(l));
                let Some(copy) = copy else { break };
                entries.push(at);
                copies.push(copy);
            }
            at += 1;
        }
        let first_copy_below = copies.first().is_some_and(|&copy| copy > entries[entries.len() - 1]);
        let text_between = copies.windows(2).all(|pair| (pair[0] + 1..pair[1]).any(|l| classes[l] == Class::Prose));
        if entries.len() >= 2 && first_copy_below && text_between {
            let label = (0..entries[0]).rev().find(|&l| classes[l] != Class::Blank);
            if let Some(label) = label.filter(|&l| classes[l] == Class::Short && is_label(texts[l])) {
                actions[label] = Action::Drop(meta);
            }
            for &entry in &entries {
                actions[entry] = Action::Drop(meta);
            }
            headings.extend(copies);
        }
        line = at.max(line + 1);
    }
    headings
}

/// Headlines have a few words: single words under a label are a list's items ('Ethereum',
/// 'Arbitrum'), not articles.
pub const HEADLINE_WORDS: usize = 3;
/// ... and no more than a sentence's worth.
pub const MAX_HEADLINE_WORDS: usize = 16;

/// After the article's last paragraph, a kept line that holds the whole title (of three words or
/// more) and a few words of its own is the page's echo of it: a comment box's prompt ('Napisz, co
/// myślisz o: <title>'), a share text. In the body it may be a heading that grows the title ('What
/// is staking' / 'What is staking and how it pays'), and a line whose own words end with a full
/// stop is a sentence quoting it; both stay, and so does the title printed again on its own (the
/// repeated body's to judge).
fn drop_title_echoes<'r>(texts: &[&str], classes: &[Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let Some(title) = (0..texts.len()).find(|&l| classes[l] != Class::Blank && actions[l] == Action::Keep) else {
        return;
    };
    let title_text = texts[title];
    let is_echo = |text: &str| {
        text.len() > title_text.len()
            && text.len() <= title_text.len() + MAX_ECHO_EXTRA_BYTES
            && text.find(title_text).is_some_and(|at| {
                let own = format!("{}{}", &text[..at], &text[at + title_text.len()..]);
                own.chars().any(char::is_alphanumeric) && !ends_with_full_stop(&own)
            })
    };
    // From the page's end up to the last paragraph that is not an echo: only the tail is read.
    let mut echoes = Vec::new();
    for l in (title + 1..texts.len()).rev() {
        if actions[l] != Action::Keep {
            continue;
        }
        if is_echo(texts[l]) {
            echoes.push(l);
        } else if classes[l] == Class::Prose {
            break;
        }
    }
    if echoes.is_empty() || word_count(title_text) < ECHO_TITLE_WORDS {
        return;
    }
    for l in echoes {
        actions[l] = Action::Drop(meta);
    }
}

/// After the last paragraph, a label over two headlines or more (a few words each, none ending
/// with a full stop or a colon), with a rule's chrome under them: other articles ('Related
/// news' and their titles, before the footer).
fn drop_related_lists<'r>(texts: &[&str], classes: &[Class], actions: &mut [Action<'r>], meta: &'r RuleMeta) {
    let Some((first_prose, last_prose)) = prose_bounds(classes) else {
        return;
    };
    if first_prose == last_prose {
        return;
    }
    let is_headline = |l: usize| {
        let words = word_count(texts[l]);
        (HEADLINE_WORDS..=MAX_HEADLINE_WORDS).contains(&words)
            && !ends_with_full_stop(texts[l])
            && !ends_with_colon(texts[l])
            && !is_byline(texts[l])
    };
    for (start, end, before, after) in runs(classes, Class::Short) {
        let lines: Vec<usize> = (start..end).filter(|&l| classes[l] == Class::Short).collect();
        let Some((&label, headlines)) = lines.split_first() else { continue };
        if start > last_prose
            && before == Some(Class::Prose)
            && after == Some(Class::Chrome)
            && is_label(texts[label])
            && headlines.len() >= 2
            && headlines.iter().all(|&l| is_headline(l))
        {
            for &l in &lines {
                actions[l] = Action::Drop(meta);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::is_prose;

    #[test]
    fn prose_is_told_from_headings_and_menus() {
        assert!(is_prose("Thank you for your support!"));
        assert!(is_prose("Three things I am watching:"));
        assert!(is_prose("하지만 과제도 분명하다."));
        assert!(!is_prose("Co dalej?"));
        assert!(!is_prose("Related articles"));
        assert!(!is_prose("Bitcoin Miners Sold Less in April, Data Shows"));
        // Tags after the last sentence are no part of it; tags alone are no sentence.
        assert!(is_prose("Ich warte jetzt geduldig auf den Ausbruch nach oben. #BTC #Volatilität"));
        assert!(!is_prose("#BTC #ETH #Solana #Altcoins #Bullrun #Crypto #Trading"));
        // Japanese ends sentences with '。': a long headline without one is no sentence; Thai
        // marks no sentence end, so a long run of words is.
        assert!(!is_prose("ビットコインが三週連続で上昇し市場の期待が高まる理由と今後の見通し"));
        // Bylines are a label and a few words of name; a title may hold a colon too.
        let byline = |text: &str| is_byline_of(text, text.chars().count());
        assert!(byline("Autor: Liu Honglin") && byline("作者：陈可欣"));
        assert!(byline("저자: 한지우 / 출처: https://research.example.com/stablecoin-payments"));
        assert!(!byline("Bitcoin: the weekly range is about to resolve"));
        assert!(!byline("円安と暗号資産：国内投資家の資金はどこへ向かうのか"));
        assert!(is_prose("ราคาบิตคอยน์ปรับตัวขึ้นต่อเนื่องเป็นสัปดาห์ที่สามติดต่อกันหลังจากนักลงทุนสถาบันกลับเข้าซื้อ"));
    }

    #[test]
    fn a_lower_case_phrase_after_a_colon_is_no_name() {
        assert!(!is_byline("ETH: triângulo simétrico perto do rompimento"));
        assert!(!is_byline("BTC: why the range will not hold much longer"));
        assert!(is_byline("Por: equipe de pesquisa"));
        assert!(is_byline("Autor: Juan Carlos de la Fuente"));
        assert!(is_byline("저자: 한지우 / 출처: https://research.example.com/a"));
    }

    #[test]
    fn bylines_are_labels_with_a_name() {
        assert!(is_byline("Autore: Giulia Ferri"));
        assert!(is_byline("著者：佐藤健 / 出典：https://news.example.jp/x"));
        assert!(!is_byline("Q1 2025: 2,84 USD"));
        assert!(!is_byline("Related articles"));
        assert!(is_byline("Source: 21Shares"));
        assert!(is_byline("ผู้เขียน: Anan Suwan / แหล่งที่มา: https://research.example.com/x"));
        assert!(!is_byline("Время чтения: 4 мин"));
        assert!(!is_byline("阅读时间：3分钟"));
    }

    #[test]
    fn a_question_with_one_word_answers_after_the_article_is_a_poll() {
        let texts = [
            "Bitget lists a new perpetual contract with up to 50x leverage from Monday morning.",
            "Thank you for your support!",
            "The Bitget Team",
            "Was this article helpful?",
            "Yes",
            "No",
            "Related",
            "Bitget lists another contract",
        ];
        assert_eq!(kept_with_dates(&texts, &[]), [true, true, true, false, false, false, false, false]);
        // Answers may be symbols.
        let texts = [texts[0], "Was this article helpful?", "👍", "👎", "Related", "Bitget lists another contract"];
        assert_eq!(kept_with_dates(&texts, &[]), [true, false, false, false, false, false]);
        // Answers of more than one word are the article's list.
        let texts = ["The fund closed the year up by a fifth.", "Will it last?", "Maybe not soon", "Nobody knows"];
        assert_eq!(kept_with_dates(&texts, &[]), [true; 4]);
    }

    /// Keeps of `texts` after the stage, with `dates` dropped as timestamps by a rule.
    fn kept_with_dates(texts: &[&str], dates: &[usize]) -> Vec<bool> {
        let lines: Vec<LineText> = texts.iter().map(|t| LineText::of(t, t.chars().count())).collect();
        // A weak rule of the timestamp category, as rules/common.toml's date lines are.
        static DATE: LazyLock<RuleMeta> =
            LazyLock::new(|| RuleMeta { weak: true, ..mechanism("test-date", Category::Timestamp, "a date line") });
        let date = &*DATE;
        let mut actions: Vec<Action<'_>> =
            (0..texts.len()).map(|l| if dates.contains(&l) { Action::Drop(date) } else { Action::Keep }).collect();
        apply(texts, &lines, &mut actions);
        actions.iter().map(|a| a.is_output()).collect()
    }

    #[test]
    fn a_name_over_a_date_is_the_author_widget_not_the_title() {
        let body = [
            "BTC is forming a symmetric triangle on the four-hour chart.",
            "A breakout above 92,000 opens the way to 96,000.",
        ];
        let texts = [&["MarcoTrader", "2025-11-18 21:03"][..], &body].concat();
        assert_eq!(kept_with_dates(&texts, &[1]), [false, false, true, true]);
        // A button above the widget goes with it.
        let texts = [&["Learn more", "MarcoTrader", "2025-11-18 21:03"][..], &body].concat();
        assert_eq!(kept_with_dates(&texts, &[2]), [false, false, false, true, true]);
        // A title of more words stays, above the name or below the widget.
        let texts = [&["Why the triangle matters this week", "Marco Rossi", "2025-11-18 21:03"][..], &body].concat();
        assert_eq!(kept_with_dates(&texts, &[2]), [true, false, false, true, true]);
        let texts = [&["MarcoTrader", "2025-11-18 21:03", "Why the triangle matters this week"][..], &body].concat();
        assert_eq!(kept_with_dates(&texts, &[1]), [false, false, true, true, true]);
    }

    #[test]
    fn one_word_header_lines_with_chrome_among_them_are_no_title() {
        let texts = [
            "Feed",
            "Live",
            "@criptoluca",
            "Bullish",
            "On-chain volume of LINK doubled over the last week, with many new addresses.",
            "Short-term target 28 dollars, invalidated below 21.",
        ];
        assert_eq!(kept_with_dates(&texts, &[2]), [false, false, false, false, true, true]);
        // Without chrome they stay: nothing says they are a header.
        assert_eq!(kept_with_dates(&texts, &[]), [true, true, true, true, true, true]);
    }

    #[test]
    fn notices_between_the_title_and_its_byline_go() {
        let texts = [
            "Why crypto exchanges suddenly offer stocks",
            "This article is machine translated",
            "Show original",
            "Author: Lena Hoffmann",
            "Several large exchanges added tokenized stocks to their offer this year.",
            "Customers can trade them around the clock, even at weekends.",
        ];
        assert_eq!(kept_with_dates(&texts, &[]), [true, false, false, true, true, true]);
    }

    #[test]
    fn headlines_over_relative_times_are_a_teaser_list() {
        let texts = [
            "Bitcoin fell below 114,000 dollars right after the weak jobs report and recovered.",
            "Traders now expect a rate cut in September.",
            "More news from CoinDesk",
            "Ether funds see a seventh day of inflows",
            "3 hours ago",
            "Solana staking fund starts trading",
            "6 hours ago",
        ];
        assert_eq!(kept_with_dates(&texts, &[4, 6]), [true, true, false, false, false, false, false]);
    }

    #[test]
    fn dates_above_the_thanks_that_closes_an_announcement_are_article_text() {
        let texts = [
            "Bitget will list Berachain (BERA) in the spot market.",
            "Deposits: open",
            "Trading: 6 February 2025, 13:00 (UTC)",
            "Withdrawals: 7 February 2025, 13:00 (UTC)",
            "Thank you for your support!",
            "The Bitget Team",
        ];
        assert_eq!(kept_with_dates(&texts, &[2, 3]), [true; 6]);
    }

    #[test]
    fn notices_under_a_title_that_reads_as_prose_go_before_its_byline() {
        let texts = [
            "ทำไมธนาคารกลางหลายประเทศเร่งทดสอบเงินดิจิทัล",
            "บทความนี้แปลโดยเครื่อง",
            "แสดงต้นฉบับ",
            "ผู้เขียน: Anan Suwan / แหล่งที่มา: https://research.example.com/cbdc-asia",
            "ธนาคารกลางในเอเชียหลายแห่งกำลังทดสอบการชำระเงินข้ามพรมแดนด้วยเงินดิจิทัลของธนาคารกลาง เพื่อลดต้นทุนและเวลาในการโอนเงิน",
        ];
        assert_eq!(kept_with_dates(&texts, &[]), [true, false, false, true, true]);
        // A line with a digit is a subtitle, and '<A: B>' no byline.
        let texts = [
            "@noksutagram <The Palace: Tale of Jang Noksu> 2018 Welcome Festival Performance",
            "2018 Jeongdong Theater Tradition Series Performance",
            "<The Palace: Tale of Jang Noksu>",
            "The refreshing autumn sky made the evening performance even better for the crowd.",
        ];
        assert_eq!(kept_with_dates(&texts, &[]), [true; 4]);
    }

    #[test]
    fn an_announcement_keeps_its_dated_title_its_list_and_its_sign_off() {
        let texts = [
            "Help Center",
            "Announcements",
            "Bitget will perform system maintenance on 15 October 2025",
            "2025-10-13 08:20",
            "Dear Bitget users,",
            "To improve the quality of our service, Bitget will perform maintenance as follows:",
            "Start: 15 October 2025, 02:00 (UTC)",
            "Expected duration: 60 minutes",
            "Deposits and withdrawals will be suspended during the maintenance. Trading is not affected.",
            "We apologise for the inconvenience.",
            "The Bitget Team",
            "Related articles",
        ];
        // The title and the list's first line are date lines, the stamp too; a rule's chrome
        // closes the page.
        let lines: Vec<LineText> = texts.iter().map(|t| LineText::of(t, t.chars().count())).collect();
        let kept = kept_with_dates(&texts, &[2, 3, 6]);
        assert_eq!(&kept[2..11], [true, false, true, true, true, true, true, true, true], "{lines:?}");
        // Cleaned again (the menu and the stamp gone), the title still opens the page.
        let again = [&texts[2..3], &texts[4..11]].concat();
        assert_eq!(kept_with_dates(&again, &[0, 2]), [true; 8]);
    }

    #[test]
    fn a_sign_off_that_names_whom_the_title_names_is_no_tail_label() {
        let texts = [
            "Bitget will perform system maintenance on Wednesday",
            "Deposits and withdrawals will be suspended during the maintenance window.",
            "We apologise for the inconvenience.",
            "The Bitget Team",
            "Related articles",
        ];
        let lines: Vec<LineText> = texts.iter().map(|t| LineText::of(t, t.chars().count())).collect();
        let chrome = &mechanisms().between_chrome;
        let mut actions = vec![Action::Keep, Action::Keep, Action::Keep, Action::Keep, Action::Drop(chrome)];
        apply(&texts, &lines, &mut actions);
        assert!(actions[3].is_output());
        // A status label names nothing of the title: it goes.
        let texts = [texts[0], texts[1], texts[2], "Trade active", "Related articles"];
        let lines: Vec<LineText> = texts.iter().map(|t| LineText::of(t, t.chars().count())).collect();
        let mut actions = vec![Action::Keep, Action::Keep, Action::Keep, Action::Keep, Action::Drop(chrome)];
        apply(&texts, &lines, &mut actions);
        assert!(!actions[3].is_output());
    }

    #[test]
    fn a_short_sentence_under_the_last_paragraph_is_no_label() {
        let texts = [
            "Ether keeps losing ground against bitcoin and the ratio sits at a five-year low.",
            "Keine Anlageberatung.",
            "$ETH",
        ];
        let lines: Vec<LineText> = texts.iter().map(|t| LineText::of(t, t.chars().count())).collect();
        let mut actions = vec![Action::Keep, Action::Keep, Action::Drop(&mechanisms().between_chrome)];
        apply(&texts, &lines, &mut actions);
        assert!(actions[1].is_output());
    }

    #[test]
    fn a_table_of_contents_goes_and_its_headings_stay() {
        let texts = [
            "How lending pools set their rates",
            "Contents",
            "Supply and demand",
            "The kink in the curve",
            "Supply and demand",
            "Rates rise as more of the pool is borrowed, which pulls in new lenders.",
            "The kink in the curve",
            "Past a set usage, the rate climbs steeply to keep some cash in the pool.",
        ];
        assert_eq!(kept_with_dates(&texts, &[]), [true, false, false, false, true, true, true, true]);
        // A title and a byline printed again with no text between their copies are no table of
        // contents: they are a header above a second copy of the body.
        let texts = [
            "How lending pools set their rates",
            "Author: Dana Reyes",
            "Rates rise as more of the pool is borrowed, which pulls in new lenders.",
            "How lending pools set their rates",
            "Author: Dana Reyes",
            "Rates rise as more of the pool is borrowed, which pulls in new lenders.",
        ];
        let kept = kept_with_dates(&texts, &[]);
        assert!(kept[0] && kept[1], "{kept:?}");
    }

    #[test]
    fn a_label_over_headlines_before_the_footer_is_a_related_list() {
        let texts = [
            "Solana fees stay low",
            "The network handled a record number of transactions on Tuesday.",
            "Fees stayed under a cent throughout the day.",
            "More news",
            "Ether price holds steady near support",
            "Bitcoin funds see fresh inflows again",
            "© 2025 Example Media",
        ];
        let lines: Vec<LineText> = texts.iter().map(|t| LineText::of(t, t.chars().count())).collect();
        let chrome = &mechanisms().between_chrome;
        let mut actions = vec![Action::Keep; 6];
        actions.push(Action::Drop(chrome));
        apply(&texts, &lines, &mut actions);
        assert_eq!(
            actions.iter().map(|a| a.is_output()).collect::<Vec<_>>(),
            [true, true, true, false, false, false, false]
        );
        // One- and two-word items under a label are the article's list, not headlines.
        let texts = [texts[0], texts[1], texts[2], "Supported networks", "Ethereum", "Arbitrum One", "Base", texts[6]];
        let lines: Vec<LineText> = texts.iter().map(|t| LineText::of(t, t.chars().count())).collect();
        let mut actions = vec![Action::Keep; 7];
        actions.push(Action::Drop(chrome));
        apply(&texts, &lines, &mut actions);
        assert!(actions[4].is_output() && actions[5].is_output(), "{actions:?}");
    }

    #[test]
    fn a_prompt_holding_the_title_after_the_article_goes_a_heading_growing_it_stays() {
        let texts = [
            "Bitcoin slips after the Fed decision",
            "Bitcoin fell on Wednesday evening after the Federal Reserve signalled fewer cuts next year.",
            "Bitcoin slips after the Fed decision: what the dot plot says",
            "Long positions worth more than 400 million dollars were liquidated on the futures market.",
            "Bitcoin slips after the Fed decision. We said so last week.",
            "Tell us what you think about: Bitcoin slips after the Fed decision",
        ];
        let kept = kept_with_dates(&texts, &[]);
        assert_eq!(kept, [true, true, true, true, true, false]);
    }

    #[test]
    fn one_word_lines_between_a_title_under_a_menu_and_the_body_are_its_widget() {
        let texts = [
            "Products",
            "Community",
            "Markets",
            "Gold: holding above 4,000 dollars matters",
            "GoldTrader",
            "Long",
            "Updated",
            "Gold bounced from the lower band of the rising channel on the four-hour chart.",
            "As long as closes stay above 4,000, my target is the 4,120 area.",
        ];
        let kept = kept_with_dates(&texts, &[]);
        assert_eq!(kept, [false, false, false, true, false, false, false, true, true]);
        // A status of a few short words among them goes with them, and the title stays.
        let mut with_status = texts;
        with_status[6] = "Was updated today";
        assert_eq!(kept_with_dates(&with_status, &[]), [false, false, false, true, false, false, false, true, true]);
        // One such line may be the body's first heading, and stays.
        let texts = [
            "Products",
            "Community",
            "Markets",
            "Gold: holding above 4,000 dollars matters",
            "Overview",
            texts[7],
            texts[8],
        ];
        assert!(kept_with_dates(&texts, &[])[4]);
    }

    #[test]
    fn a_tag_over_a_stack_of_shapes_after_the_article_goes_over_one_date_it_stays() {
        let texts = [
            "Stablecoin supply passes 300 billion dollars",
            "Total stablecoin market capitalisation crossed 300 billion dollars for the first time.",
            "USDT holds about 60 percent of it, while USDC grew fastest over the last month.",
            "Stablecoins",
            "USDT",
            "USDC",
        ];
        assert_eq!(kept_with_dates(&texts, &[4, 5]), [true, true, true, false, false, false]);
        assert_eq!(kept_with_dates(&texts[..5], &[4]), [true, true, true, true, true]);
    }
}
