//! Removing a body that the scraper captured twice.
//!
//! Works on the lines the rules kept, compared by their trimmed text. The second copy starts at
//! the earliest line `j` that begins a run of lines equal to the run starting at the first
//! occurrence `i` of that line, with the runs not overlapping. A run counts as a repeated body if
//! it has at least [`MIN_RUN_LINES`] lines, or if it holds at least half of the text that comes
//! before the second copy (a short post captured twice); a paragraph that merely repeats (a
//! refrain) does not count. Either way the run must hold at least a third of the text before the
//! second copy ([`MAX_TEXT_PER_RUN_CHAR`]): a page that prints a few lines again far down is
//! not a double capture.
//!
//! Then everything from the end of the first copy on is dropped, except two things that belong
//! to the article:
//! - a header: up to [`MAX_HEADER_LINES`] short lines standing right before the second copy that
//!   do not already occur before it, when the copy does not open with its own title. Such a
//!   title or byline moves to the front (single words alone there are buttons, not a title).
//!   When a footer rule took the second copy (a 'View original' link between the copies), the
//!   title standing only before it still moves to the front; the footer's other lines stay.
//! - the author's continuation: prose right after the second copy (update notes appended to a
//!   repeated description), up to the first line the rules or the structure stage dropped, with
//!   at most [`MAX_LABELS_IN_CONTINUATION`] short lines (labels such as `Note`) between
//!   paragraphs; a label a rule of category `other` dropped (an update's or an ad's) counts as
//!   one and does not end it. The short lines themselves go.

use rustc_hash::FxHashMap;

use crate::classify::Action;
use crate::normalize::{is_prose, word_count};
use crate::rules::{Category, Kind};
use crate::structure::{TITLE_WORDS, is_byline};

/// A run this long is a repeated body whatever its share of the text.
pub const MIN_RUN_LINES: usize = 3;
/// One more differing line is tolerated inside a repeated run per this many matching lines.
pub const LINES_PER_TOLERATED_EDIT: usize = 8;
/// A run with edits must have at least this many matching lines per differing line.
pub const MATCHING_LINES_PER_EDIT: usize = 3;
/// At most this many consecutive differing lines inside a repeated run.
pub const MAX_EDITED_IN_A_ROW: usize = 3;
/// The text before the second copy (first copy included) is at most this many times the
/// repeated run's text.
pub const MAX_TEXT_PER_RUN_CHAR: usize = 3;
/// At most this many lines before the second copy are taken as its header.
pub const MAX_HEADER_LINES: usize = 3;
/// Header lines are titles and bylines: longer lines are body text, not a header.
pub const MAX_HEADER_CHARS: usize = 200;
/// A second copy inside a footer is found by where one of the body's first this many
/// paragraphs stands again.
pub const FOOTER_COPY_PROBES: usize = 3;
/// At most this many short lines in a row between two paragraphs of the author's continuation.
pub const MAX_LABELS_IN_CONTINUATION: usize = 2;

/// Marks the second copy of a repeated body and what follows it; moves its header to the front.
pub fn remove_repeated_body(texts: &[&str], actions: &mut [Action<'_>]) {
    let kept: Vec<usize> = (0..texts.len()).filter(|&line| actions[line] == Action::Keep).collect();
    let Some(run) = find_repeated_run(texts, &kept) else {
        restore_header_in_footer(texts, actions);
        return;
    };
    let (first_end, second_start, second_end) = (run.first_end, run.second_start, run.second_end());
    let header_start = header_start(texts, &kept, &run);
    let continuation = match kept.get(second_end - 1) {
        Some(&last_of_copy) => author_continuation(texts, actions, last_of_copy + 1),
        None => Vec::new(),
    };
    for (position, &line) in kept.iter().enumerate().skip(first_end) {
        actions[line] = if (header_start..second_start).contains(&position) {
            Action::MoveToFront
        } else if (second_start..second_end).contains(&position) {
            Action::Repeat { of: kept[run.of[position - second_start]] }
        } else if continuation.binary_search(&line).is_ok() {
            Action::Keep
        } else {
            Action::AfterRepeat
        };
    }
}

/// Where the second copy's header starts, as a position in `lines` (`run.second_start` when it
/// has none).
fn header_start(texts: &[&str], lines: &[usize], run: &Run) -> usize {
    let (first_end, second_start) = (run.first_end, run.second_start);
    let before_second: Vec<&str> = lines[..first_end].iter().map(|&line| texts[line]).collect();
    // The header: short lines right before the second copy, new to the page. A copy that opens
    // with its own title (a short line, then prose) brings its header along: what stands before
    // it is chrome between the copies ('Trade active'), not a title.
    let second_text = |offset: usize| lines.get(second_start + offset).map(|&line| texts[line]);
    let opens_with_title = matches!(
        (second_text(0), second_text(1)),
        (Some(title), Some(next)) if run.of.len() >= 2 && is_header_candidate(title, &[]) && !is_prose(title) && is_prose(next)
    );
    let mut header_start = second_start;
    while !opens_with_title
        && header_start > first_end
        && second_start - header_start < MAX_HEADER_LINES
        && is_header_candidate(texts[lines[header_start - 1]], &before_second)
    {
        header_start -= 1;
    }
    // A header is a title or a byline: single words alone between the copies are the post's
    // buttons ('Translate'), not its title, and go with the second copy.
    let header_texts = || lines[header_start..second_start].iter().map(|&line| texts[line]);
    if !header_texts().any(|text| word_count(text) >= TITLE_WORDS || is_byline(text)) {
        return second_start;
    }
    header_start
}

/// A footer rule ('View original' to the page's end) may have taken a second copy along with
/// the title that stood only before it: the copy rightly goes, the title belongs to the article
/// and moves to the front. Only the header changes; the footer's other lines stay dropped.
fn restore_header_in_footer(texts: &[&str], actions: &mut [Action<'_>]) {
    let in_footer = |action: Action<'_>| matches!(action, Action::Drop(rule) if rule.kind == Kind::Footer);
    // The footer's marker itself ('View original') is no title, whatever stands after it.
    let Some(marker) = (0..texts.len()).find(|&line| in_footer(actions[line])) else {
        return;
    };
    let kept: Vec<usize> = (0..marker).filter(|&line| actions[line] == Action::Keep).collect();
    let footer: Vec<usize> = (marker..texts.len()).filter(|&line| in_footer(actions[line])).collect();
    // The second copy starts where one of the body's first paragraphs stands again, followed
    // by the line that follows it in the body (or it is a long paragraph on its own): no
    // hashing of the whole page, as the footer's copy is the rare case.
    let probes = (0..kept.len()).filter(|&at| is_prose(texts[kept[at]])).take(FOOTER_COPY_PROBES);
    let same = |a: usize, b: usize| texts[a] == texts[b];
    let copy_start = probes
        .filter_map(|probe| {
            let at = footer.iter().position(|&line| same(kept[probe], line))?;
            let next_matches = match (kept.get(probe + 1), footer.get(at + 1)) {
                (Some(&body), Some(&line)) => same(body, line),
                _ => false,
            };
            (next_matches || is_substantial(1, texts[kept[probe]].chars().count())).then_some(at)
        })
        .min();
    let Some(copy_start) = copy_start else {
        return;
    };
    let before_copy: Vec<&str> = kept.iter().map(|&line| texts[line]).collect();
    // (The marker itself may be the repeated paragraph: then there is no header.)
    let header: Vec<usize> = footer
        .get(1..copy_start)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|&&line| is_header_candidate(texts[line], &before_copy))
        .take(MAX_HEADER_LINES)
        .copied()
        .collect();
    // A header is a title or a byline, not buttons (see `header_start`).
    if header.iter().any(|&line| word_count(texts[line]) >= TITLE_WORDS || is_byline(texts[line])) {
        for line in header {
            actions[line] = Action::MoveToFront;
        }
    }
}

/// The prose lines (ascending indices) that continue the post right after its second copy,
/// starting at line `from`: up to the first line the earlier stages dropped, or a longer run of
/// short lines than labels make.
fn author_continuation(texts: &[&str], actions: &[Action<'_>], from: usize) -> Vec<usize> {
    let mut continuation = Vec::new();
    let mut short_in_a_row = 0;
    for line in from..texts.len() {
        match actions[line] {
            Action::Blank => continue,
            Action::Keep => {}
            // A label that stands between paragraphs ('Note' above an update, an ad's label) is
            // no end of the author's text; a disclaimer, a comment box or a related list is.
            Action::Drop(meta) if meta.category == Category::Other && !is_prose(texts[line]) => {}
            _ => break,
        }
        if is_prose(texts[line]) {
            continuation.push(line);
            short_in_a_row = 0;
        } else {
            short_in_a_row += 1;
            if short_in_a_row > MAX_LABELS_IN_CONTINUATION {
                break;
            }
        }
    }
    continuation
}

/// A title or byline: short, new to the page, and at most one sentence (a notice left between
/// the copies, such as an uncaught disclaimer, has several).
fn is_header_candidate(text: &str, earlier: &[&str]) -> bool {
    let body = text.trim_end_matches(is_sentence_end);
    text.chars().count() <= MAX_HEADER_CHARS && !ends_a_sentence_inside(body) && !earlier.contains(&text)
}

/// True if a sentence ends inside `text`: a question or exclamation mark or an ideographic full
/// stop anywhere, or a full stop that closes a word. The dots of a number ('3.5%') or of an
/// abbreviation ('U.S.', 'ก.ล.ต.', a single letter 'J.') end no sentence.
fn ends_a_sentence_inside(text: &str) -> bool {
    let other_end = |word: &str| word.contains(|c: char| c != '.' && is_sentence_end(c));
    text.split_whitespace().any(|word| match word.strip_suffix('.') {
        Some(stem) => {
            let abbreviation = stem.contains('.') || stem.chars().filter(|c| c.is_alphanumeric()).count() <= 1;
            other_end(stem) || !abbreviation
        }
        None => other_end(word),
    })
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।')
}

/// A repeated body, as positions in the kept lines.
struct Run {
    /// Where the first copy ends (exclusive); it starts at `of[0]`.
    first_end: usize,
    /// Where the second copy starts.
    second_start: usize,
    /// For each line of the second copy, the line of the first copy it repeats (for a line that
    /// differs, the first copy's line at that place).
    of: Vec<usize>,
}

impl Run {
    fn second_end(&self) -> usize {
        self.second_start + self.of.len()
    }
}

/// Finds the repeated body, if there is one.
///
/// The copies may differ in a few lines: a word edited between the two captures, or a line one
/// copy has and the other lacks (a "see also" link inside the first copy). Up to
/// [`MAX_EDITED_IN_A_ROW`] differing lines on either side are part of the run when the lines
/// after them match again; in all, a run tolerates [`MAX_EDITED_IN_A_ROW`] differing lines plus
/// one per [`LINES_PER_TOLERATED_EDIT`] matching lines.
fn find_repeated_run(texts: &[&str], kept: &[usize]) -> Option<Run> {
    let text_at = |position: usize| texts[kept[position]];
    let mut first_seen: FxHashMap<&str, usize> = FxHashMap::default();
    let mut chars_before = 0usize;
    // Realignments to try after a differing line, as (lines skipped in the first copy, in the
    // second): the fewest skipped first, a line edited in both before a line added to one.
    let mut realignments: Vec<(usize, usize)> = (0..=MAX_EDITED_IN_A_ROW)
        .flat_map(|a| (0..=MAX_EDITED_IN_A_ROW).map(move |b| (a, b)))
        .filter(|&(a, b)| a + b > 0)
        .collect();
    realignments.sort_by_key(|&(a, b)| (a.max(b), a + b, a.abs_diff(b)));
    for second in 0..kept.len() {
        let text = text_at(second);
        if let Some(&first) = first_seen.get(text) {
            // (i, j): the next lines to compare, in the first copy and in the second.
            let (mut i, mut j, mut matching, mut edits) = (first, second, 0usize, 0usize);
            let mut of: Vec<usize> = Vec::new();
            let fits = |i: usize, j: usize| i < second && j < kept.len();
            loop {
                if fits(i, j) && text_at(i) == text_at(j) {
                    of.push(i);
                    (i, j, matching) = (i + 1, j + 1, matching + 1);
                    continue;
                }
                let budget = MAX_EDITED_IN_A_ROW + matching / LINES_PER_TOLERATED_EDIT;
                let realigned = realignments.iter().copied().find(|&(a, b)| {
                    edits + a.max(b) <= budget && fits(i + a, j + b) && text_at(i + a) == text_at(j + b)
                });
                let Some((a, b)) = realigned else { break };
                // The second copy's differing lines stand for the first copy's lines at that place.
                of.extend((0..b).map(|k| (i + k.min(a.saturating_sub(1))).min(second - 1)));
                edits += a.max(b);
                (i, j) = (i + a, j + b);
            }
            let run_chars: usize = (first..i).map(|p| text_at(p).chars().count()).sum();
            // Matching lines must dominate: an interview repeats its questions between different
            // answers, which is a run of alternating matches and edits, not a copied body.
            let mostly_matching = edits * MATCHING_LINES_PER_EDIT <= matching;
            let long_enough = matching >= MIN_RUN_LINES
                || (run_chars * 2 >= chars_before && run_chars > 0 && is_substantial(matching, run_chars));
            // A captured-twice body is most of what comes before its second copy; a few lines
            // that a page prints again far down (a menu under plan A and plan B) are not.
            let most_of_the_text = run_chars * MAX_TEXT_PER_RUN_CHAR >= chars_before;
            // A scraper captures a body twice; a third copy of its opening anywhere on the page
            // means a repeated structure (plan A, plan B, plan C of a meal plan), not a capture.
            if mostly_matching && long_enough && most_of_the_text {
                // (Counted here, once, as the search ends: counted for every candidate it was
                // quadratic in the lines; 60,000 lines drawn from a hundred took 79 s.)
                let opening = (text_at(first), text_at(first + 1));
                let third_copy = (1..kept.len()).filter(|&k| (text_at(k - 1), text_at(k)) == opening).count() > 2;
                // Nor is any later run of such a page: it repeats by design.
                return (!third_copy).then_some(Run { first_end: i, second_start: second, of });
            }
        } else {
            first_seen.insert(text, second);
        }
        chars_before += text.chars().count();
    }
    None
}

/// A one- or two-line repeat must carry real text to count as a body, not a refrain.
fn is_substantial(len: usize, chars: usize) -> bool {
    len >= 2 || chars >= 200
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> Vec<Action<'static>> {
        let mut actions: Vec<Action<'static>> = lines.iter().map(|_| Action::Keep).collect();
        remove_repeated_body(lines, &mut actions);
        actions
    }

    const P1: &str = "The first paragraph of the article says what happened and when.";
    const P2: &str = "The second paragraph adds who was involved and why it matters now.";
    const P3: &str = "The third paragraph closes with what is expected to happen next.";

    #[test]
    fn dots_of_numbers_and_abbreviations_end_no_sentence() {
        assert!(is_header_candidate("ตลาดคริปโตคึกคัก หลัง ก.ล.ต. เปิดทางโทเคน", &[]));
        assert!(is_header_candidate("U.S. Treasury holdings rise 3.5% in May", &[]));
        assert!(is_header_candidate("Why J. Powell paused?", &[]));
        assert!(!is_header_candidate("Prices fell. Buyers waited", &[]));
        assert!(!is_header_candidate("Why? Because rates rose", &[]));
        assert!(!is_header_candidate("价格下跌。买家观望", &[]));
    }

    #[test]
    fn drops_second_copy_and_moves_its_header_to_the_front() {
        let lines = [P1, P2, P3, "The Title", "Author: X", P1, P2, P3];
        let actions = run(&lines);
        assert_eq!(&actions[..3], &[Action::Keep; 3]);
        assert_eq!(actions[3], Action::MoveToFront);
        assert_eq!(actions[4], Action::MoveToFront);
        assert_eq!(actions[5], Action::Repeat { of: 0 });
        assert_eq!(actions[7], Action::Repeat { of: 2 });
    }

    /// A rule of `category` and `kind`, as a site's file would give it.
    fn rule(category: Category, kind: Kind) -> crate::rules::RuleMeta {
        crate::rules::RuleMeta {
            id: "site/rule".to_owned(),
            category,
            kind,
            position: crate::rules::Position::Anywhere,
            file: std::sync::Arc::from("site.toml"),
            line: 1,
            fingerprint: false,
            note: None,
            weak: false,
        }
    }

    #[test]
    fn a_title_that_a_footer_rule_took_before_the_second_copy_moves_to_the_front() {
        let footer = rule(Category::ViewOriginal, Kind::Footer);
        let lines = [P1, P2, P3, "View original", "The Title", P1, P2, P3, "Reward"];
        let mut actions: Vec<Action<'_>> = lines.iter().map(|_| Action::Keep).collect();
        for action in &mut actions[3..] {
            *action = Action::Drop(&footer);
        }
        remove_repeated_body(&lines, &mut actions);
        assert_eq!(&actions[..3], &[Action::Keep; 3]);
        assert_eq!(actions[4], Action::MoveToFront, "{actions:?}");
        // The footer's other lines, the second copy among them, stay the footer's.
        for line in [3, 5, 6, 7, 8] {
            assert_eq!(actions[line], Action::Drop(&footer), "line {line}");
        }
        // A marker that is itself the repeated paragraph leaves no header (and no panic).
        let lines = [P1, P2, P3, P1, P2, P3];
        let mut actions: Vec<Action<'_>> = lines.iter().map(|_| Action::Keep).collect();
        for action in &mut actions[3..] {
            *action = Action::Drop(&footer);
        }
        remove_repeated_body(&lines, &mut actions);
        assert!(actions[3..].iter().all(|a| *a == Action::Drop(&footer)), "{actions:?}");
        // Without a second copy after it, a short line in the footer stays dropped.
        let lines = [P1, P2, P3, "View original", "The Title", "Reward"];
        let mut actions: Vec<Action<'_>> = lines.iter().map(|_| Action::Keep).collect();
        for action in &mut actions[3..] {
            *action = Action::Drop(&footer);
        }
        remove_repeated_body(&lines, &mut actions);
        assert!(actions[3..].iter().all(|a| *a == Action::Drop(&footer)), "{actions:?}");
    }

    #[test]
    fn lines_printed_again_far_down_are_not_a_second_copy() {
        // A meal plan prints the same menu under plan A and plan B, with much text between.
        let menu = ["Pre-Workout Meal", "Eat 60-90 minutes before your workout", "Asparagus and eggs"];
        let between: Vec<String> =
            (0..12).map(|i| format!("Step {i}: a different paragraph of instructions for the plan.")).collect();
        let mut lines: Vec<&str> = vec!["Plan A"];
        lines.extend(menu);
        lines.extend(between.iter().map(String::as_str));
        lines.push("Plan B");
        lines.extend(menu);
        let actions = run(&lines);
        assert!(actions.iter().all(|a| *a == Action::Keep), "{actions:?}");
    }

    #[test]
    fn a_structure_printed_three_times_is_no_double_capture() {
        // Plan A, B and C of a meal plan: B repeats A but for a tip, and C follows.
        let plan =
            ["Pre-Workout Meal", "Eat 60-90 minutes before", "Asparagus and eggs", "Meal 1", "Eat every 2-3 hours"];
        let mut lines: Vec<&str> = vec!["Plan A"];
        lines.extend(plan);
        lines.push("Pro tip: get more ideas here!");
        for name in ["Plan B", "Plan C"] {
            lines.push(name);
            lines.extend(plan);
        }
        assert!(run(&lines).iter().all(|a| *a == Action::Keep));
    }

    #[test]
    fn a_line_only_the_first_copy_has_does_not_end_the_copy() {
        let lines = [P1, P2, "See also: another story", P3, "Title", P1, P2, P3];
        let actions = run(&lines);
        assert_eq!(&actions[..4], &[Action::Keep; 4]);
        assert_eq!(actions[5], Action::Repeat { of: 0 });
        assert_eq!(actions[7], Action::Repeat { of: 3 });
    }

    #[test]
    fn header_before_both_copies_stays_in_place() {
        let lines = ["Title", "p1", "p2", "p3", "Title", "p1", "p2", "p3"];
        let actions = run(&lines);
        assert_eq!(&actions[..4], &[Action::Keep; 4]);
        assert_eq!(actions[4], Action::Repeat { of: 0 });
    }

    #[test]
    fn copies_that_differ_in_a_word_are_still_one_body() {
        let lines = ["p1", "p2 original", "p3", "p4", "The Title", "p1", "p2 edited", "p3", "p4"];
        let actions = run(&lines);
        assert_eq!(&actions[..4], &[Action::Keep; 4], "the whole first copy stays");
        assert_eq!(actions[4], Action::MoveToFront);
        assert_eq!(actions[6], Action::Repeat { of: 1 });
        assert_eq!(actions[8], Action::Repeat { of: 3 });
    }

    #[test]
    fn a_single_word_between_the_copies_is_a_button_not_a_header() {
        let lines = [P1, P2, P3, "Translate", P1, P2, P3];
        let actions = run(&lines);
        assert_eq!(actions[3], Action::AfterRepeat);
        let lines = [P1, P2, P3, "Zpráva", "Autor: Jan Novák", P1, P2, P3];
        assert_eq!(run(&lines)[3], Action::MoveToFront, "a one-word title with its byline is a header");
    }

    #[test]
    fn questions_repeated_between_different_answers_are_not_a_body() {
        let lines = [
            "Intro to the interviews.",
            "Anna",
            "What inspired you?",
            "Anna's first answer.",
            "Which cuisine do you like?",
            "Anna's second answer.",
            "Your recipe for a quick dinner.",
            "Anna's recipe.",
            "Boris",
            "What inspired you?",
            "Boris's first answer.",
            "Which cuisine do you like?",
            "Boris's second answer.",
            "Your recipe for a quick dinner.",
            "Boris's recipe.",
        ];
        assert!(run(&lines).iter().all(|a| *a == Action::Keep));
    }

    #[test]
    fn a_refrain_is_not_a_body() {
        let lines = ["intro", "Hold on.", "middle part of the text", "Hold on.", "end"];
        assert!(run(&lines).iter().all(|a| *a == Action::Keep));
    }

    #[test]
    fn update_notes_after_the_second_copy_stay_and_their_labels_go() {
        let title = "Bitcoin: the weekly range is about to resolve";
        let note = "Update: the breakout came on Monday, first target reached.";
        let lines = [title, P1, P2, P3, "Trade active", title, P1, P2, P3, "Note", note, "Short", "link", "menu", P1];
        let actions = run(&lines);
        assert_eq!(&actions[..4], &[Action::Keep; 4]);
        assert_eq!(actions[4], Action::AfterRepeat, "chrome between copies that open with their title is no header");
        assert_eq!(actions[9], Action::AfterRepeat, "the label goes");
        assert_eq!(actions[10], Action::Keep, "the author's update stays");
        // Three short lines in a row end the continuation: what follows is not the author's.
        assert_eq!(actions[14], Action::AfterRepeat);
    }

    #[test]
    fn the_continuation_ends_at_the_first_line_an_earlier_stage_dropped() {
        let lines = [P1, P2, P3, "The Title", P1, P2, P3, "comment widget", "A reader's comment on the article."];
        let mut actions: Vec<Action<'static>> = lines.iter().map(|_| Action::Keep).collect();
        actions[7] = Action::AfterRepeat; // stands in for a rule's drop: anything but Keep or Blank
        remove_repeated_body(&lines, &mut actions);
        assert_eq!(actions[3], Action::MoveToFront);
        assert_eq!(actions[8], Action::AfterRepeat);
    }

    #[test]
    fn a_label_a_rule_dropped_as_other_does_not_end_the_continuation() {
        let note = "Update: the breakout came on Monday, first target reached.";
        let lines =
            [P1, P2, P3, "The Title", P1, P2, P3, "Note", note, "Comments", "A reader's comment on the article."];
        let (label, widget) = (rule(Category::Other, Kind::Exact), rule(Category::CommentWidget, Kind::Exact));
        let mut actions: Vec<Action<'_>> = lines.iter().map(|_| Action::Keep).collect();
        actions[7] = Action::Drop(&label);
        actions[9] = Action::Drop(&widget);
        remove_repeated_body(&lines, &mut actions);
        assert_eq!(actions[8], Action::Keep, "the update under the label stays");
        assert_eq!(actions[10], Action::AfterRepeat, "a comment box ends the author's text");
    }

    #[test]
    fn short_post_captured_twice_is_a_body() {
        let first = "BNB made a new yearly high, but trading volume did not rise with it.";
        let second = "I still hold my position and moved the stop close to my entry.";
        let lines = [first, second, "Disclaimer: third-party opinion. Not financial advice.", first, second];
        let actions = run(&lines);
        assert_eq!(actions[2], Action::AfterRepeat);
        assert_eq!(actions[3], Action::Repeat { of: 0 });
    }
}
