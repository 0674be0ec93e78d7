//! Deciding, line by line, what the rules drop.
//!
//! Input: the document's [`LineView`]s and the active rule sets in precedence order (the chosen
//! site first, then the global sets by name). Output: one [`Action`] per line. Passes:
//!
//! 1. line rules (`exact`, `phrase`, `regex`) with position `anywhere`;
//! 2. until nothing changes: `block` rules and positional line rules, where `head` / `tail` /
//!    `edge` mean "every non-blank line before / after it is already dropped". Tail checks sweep
//!    from the end and head checks from the start, so chains of chrome resolve in one round;
//! 3. footers: from the first marker that follows some kept line, everything to the end;
//! 4. step 2 again, now that the footer is gone.
//!
//! Pass 1 is [`Matched`], done once per document; passes 2 to 4 are [`decide`], which the
//! pipeline runs again with lines left out (as blank lines) once a later stage dropped some.
//! When several rules match a line, the first by precedence explains it. This stage only drops;
//! [`crate::repeat`] later marks repeated bodies.

use crate::limits::{Deadline, Overrun};
use crate::normalize::is_prose_of;
use crate::rules::{Kind, LineView, MAX_GAP_LINE_CHARS, Position, RuleFilter, RuleMeta, RuleSet, Slot};

/// What happens to one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'r> {
    /// An empty line: paragraph spacing is regenerated on output.
    Blank,
    /// Article text, written in place.
    Keep,
    /// Chrome, dropped by a rule.
    Drop(&'r RuleMeta),
    /// Part of the second copy of a repeated body; `of` is the line it repeats.
    Repeat {
        /// Index of the line of the first copy that this line repeats.
        of: usize,
    },
    /// After the end of the first copy of a repeated body, and not its header.
    AfterRepeat,
    /// A header (title, byline) that stood only before the second copy: written first.
    MoveToFront,
}

impl Action<'_> {
    /// True for lines that are written out.
    pub fn is_output(self) -> bool {
        matches!(self, Action::Keep | Action::MoveToFront)
    }
}

/// Applies the rule sets to a document's lines.
pub fn classify<'r>(views: &[LineView<'_>], sets: &[&'r RuleSet]) -> Vec<Action<'r>> {
    let no_deadline = Deadline::new(std::time::Instant::now(), None);
    match classify_within(views, sets, &no_deadline) {
        Ok(actions) => actions,
        Err(_) => unreachable!("a deadline without a budget never passes"),
    }
}

/// Like [`classify`], giving up once `deadline` passes (checked between rounds).
pub fn classify_within<'r>(
    views: &[LineView<'_>],
    sets: &[&'r RuleSet],
    deadline: &Deadline,
) -> Result<Vec<Action<'r>>, Overrun> {
    let matched = Matched::new(views, sets);
    let mut actions = matched.first_actions(|_| true);
    decide(views, sets, &matched, &mut actions, deadline)?;
    Ok(actions)
}

/// What the rules say of each line on its own, whatever its neighbours: the first rule in
/// position `anywhere` that drops it, and which lines each positional, block and footer rule
/// matches. Computed once per document; [`decide`] then settles positions, as often as a later
/// stage asks for it with fewer lines.
pub struct Matched<'r> {
    anywhere: Vec<Action<'r>>,
    hits: RuleHits,
}

impl<'r> Matched<'r> {
    /// Matches every line of a document against the rule sets (pass 1 of the module doc).
    pub fn new(views: &[LineView<'_>], sets: &[&'r RuleSet]) -> Self {
        let anywhere = views
            .iter()
            .map(|view| {
                if view.chars == 0 {
                    return Action::Blank;
                }
                // A shape (a weak rule) is only evidence: a later set's definite rule for the
                // same line wins (a date line a learned or user rule names as chrome).
                let mut matches = sets
                    .iter()
                    .filter_map(|set| set.first_line_match(view, RuleFilter::Anywhere).map(|rule| &set.rules[rule]));
                let first = matches.next();
                let definite = match first {
                    Some(meta) if meta.weak => matches.find(|meta| !meta.weak),
                    _ => None,
                };
                definite.or(first).map_or(Action::Keep, Action::Drop)
            })
            .collect();
        Matched { anywhere, hits: rule_hits(views, sets) }
    }

    /// The action of pass 1 for line `line`: dropped by a rule in position `anywhere`, blank,
    /// or kept so far.
    pub fn first_action(&self, line: usize) -> Action<'r> {
        self.anywhere[line]
    }

    /// Pass 1's actions of the lines `present` admits, and [`Action::Blank`] for the others:
    /// a blank line is no neighbour to any rule, so a line left out is as absent as it is from a
    /// page cleaned once already.
    pub fn first_actions(&self, present: impl Fn(usize) -> bool) -> Vec<Action<'r>> {
        self.anywhere
            .iter()
            .enumerate()
            .map(|(line, &action)| if present(line) { action } else { Action::Blank })
            .collect()
    }
}

/// Settles positions (passes 2 to 4 of the module doc) on `actions`, which start as
/// [`Matched::first_actions`] gives them: "before" and "after" mean among the lines that are
/// not blank there.
pub fn decide<'r>(
    views: &[LineView<'_>],
    sets: &[&'r RuleSet],
    matched: &Matched<'r>,
    actions: &mut [Action<'r>],
    deadline: &Deadline,
) -> Result<(), Overrun> {
    let hits = &matched.hits;
    // Positional rules run before the footer cut too, so that lines a specific rule explains
    // (a language menu after the footer marker) are attributed to it; the kept lines are the
    // same either way.
    deadline.check("line rules")?;
    while apply_positional(views, sets, hits, actions) {
        deadline.check("positional rules")?;
    }
    apply_footers(views, sets, hits, actions);
    // After the footers, so that a line a footer or a specific rule explains keeps its word.
    apply_preceded_by(views, sets, hits, actions);
    // Each round either drops at least one line or ends the loop, so it terminates.
    while apply_positional(views, sets, hits, actions) {
        deadline.check("positional rules")?;
    }
    Ok(())
}

/// For each rule of each set (indices as in `sets` and [`RuleSet::rules`]), which lines it
/// matches: items of block and footer rules, whole lines of positional line rules; `None` for
/// rules that apply anywhere (the first pass asks those once per line). Computed once per
/// document because the positional rounds ask the same questions again and again.
type RuleHits = Vec<Vec<Option<Vec<bool>>>>;

fn rule_hits(views: &[LineView<'_>], sets: &[&RuleSet]) -> RuleHits {
    sets.iter()
        .map(|set| {
            set.rules
                .iter()
                .enumerate()
                .map(|(rule, meta)| match meta.kind {
                    Kind::Block | Kind::Footer => Some(views.iter().map(|view| set.item_matches(rule, view)).collect()),
                    Kind::Exact | Kind::Phrase | Kind::Regex
                        if meta.position != Position::Anywhere || !set.preceded_by(rule).is_empty() =>
                    {
                        Some(views.iter().map(|view| set.rule_matches_line(rule, view)).collect())
                    }
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// The lines rule `rule` of set `set` matches, from [`rule_hits`].
fn hits_of(hits: &RuleHits, set: usize, rule: usize) -> &[bool] {
    hits[set][rule].as_deref().unwrap_or(&[])
}

fn apply_footers<'r>(views: &[LineView<'_>], sets: &[&'r RuleSet], hits: &RuleHits, actions: &mut [Action<'r>]) {
    let mut cut: Option<(usize, &'r RuleMeta)> = None;
    for (set_index, set) in sets.iter().enumerate() {
        for (rule, meta) in set.rules.iter().enumerate().filter(|(_, m)| m.kind == Kind::Footer) {
            let markers = hits_of(hits, set_index, rule);
            let mut seen_kept = false;
            for (line, action) in actions.iter().enumerate().take(views.len()) {
                if cut.is_some_and(|(at, _)| at <= line) {
                    break;
                }
                // A marker only cuts after some article text: it never empties a page. A line
                // left out (blank) is no marker.
                if seen_kept && *action != Action::Blank && markers.get(line).copied().unwrap_or(false) {
                    cut = Some((line, meta));
                    break;
                }
                seen_kept |= *action == Action::Keep;
            }
        }
    }
    if let Some((start, meta)) = cut {
        for action in &mut actions[start..] {
            if *action == Action::Keep {
                *action = Action::Drop(meta);
            }
        }
    }
}

/// Rules with `preceded_by` slots: where the rule matches a line and the lines right before it
/// fill every slot in order (blank and left-out lines skipped), those lines go with it. Lines
/// another rule already dropped keep that rule's word. Article text must remain before them: a
/// page is never emptied this way.
fn apply_preceded_by<'r>(views: &[LineView<'_>], sets: &[&'r RuleSet], hits: &RuleHits, actions: &mut [Action<'r>]) {
    for (set_index, set) in sets.iter().enumerate() {
        for rule in set.rules_preceded() {
            let slots = set.preceded_by(rule);
            let longest: usize = slots.iter().map(|slot| slot.max).sum();
            let anchors = hits_of(hits, set_index, rule);
            for anchor in (0..views.len()).filter(|&line| anchors.get(line).copied().unwrap_or(false)) {
                if actions[anchor] == Action::Blank {
                    continue;
                }
                // The present lines before the anchor, nearest first, as far as the slots reach.
                let before: Vec<usize> =
                    (0..anchor).rev().filter(|&line| actions[line] != Action::Blank).take(longest).collect();
                let Some(taken) = fill_slots(slots, views, &before) else { continue };
                let first = before[taken - 1];
                if !actions[..first].contains(&Action::Keep) {
                    continue;
                }
                for &line in &before[..taken] {
                    if actions[line] == Action::Keep {
                        actions[line] = Action::Drop(&set.rules[rule]);
                    }
                }
            }
        }
    }
}

/// How many of `before` (present lines, nearest the anchor first) fill `slots` (in page order,
/// so matched from the last), or `None` if they cannot. Each slot takes as many lines as it can,
/// and gives some back when the slots above it need them.
fn fill_slots(slots: &[Slot], views: &[LineView<'_>], before: &[usize]) -> Option<usize> {
    let Some((slot, above)) = slots.split_last() else { return Some(0) };
    let fitting = before.iter().take(slot.max).take_while(|&&line| slot.matches(&views[line])).count();
    (slot.min..=fitting).rev().find_map(|taken| fill_slots(above, views, &before[taken..]).map(|more| taken + more))
}

/// A run of consecutive item lines of one block rule (blank and already dropped lines allowed
/// inside).
struct Run {
    first: usize,
    last: usize,
    items: Vec<usize>,
}

fn block_runs(set: &RuleSet, rule: usize, views: &[LineView<'_>], items: &[bool], actions: &[Action<'_>]) -> Vec<Run> {
    let min_lines = set.min_lines(rule);
    let max_gap = set.max_gap(rule);
    let mut runs = Vec::new();
    let mut current: Option<Run> = None;
    // Unknown lines seen since the run's last item: part of the run only if an item follows.
    let mut gap: Vec<usize> = Vec::new();
    for (line, view) in views.iter().enumerate() {
        let is_item = items.get(line).copied().unwrap_or(false);
        // Blank lines, and lines other rules already dropped, do not break a run: a menu or a
        // reaction row is often interleaved with other chrome (a ticker, a comment counter).
        if actions[line] == Action::Blank || (!is_item && matches!(actions[line], Action::Drop(_))) {
            continue;
        }
        if is_item {
            let run = current.get_or_insert(Run { first: line, last: line, items: Vec::new() });
            run.items.append(&mut gap);
            run.last = line;
            run.items.push(line);
        } else if current.is_some() && gap.len() < max_gap && view.chars <= MAX_GAP_LINE_CHARS {
            gap.push(line);
        } else {
            gap.clear();
            runs.extend(current.take());
        }
    }
    runs.extend(current);
    // The count that makes a block is of item lines, not absorbed gap lines.
    runs.retain(|run| run.items.iter().filter(|&&line| items.get(line).copied().unwrap_or(false)).count() >= min_lines);
    runs
}

fn is_open(action: Action<'_>) -> bool {
    action == Action::Keep
}

/// A run of one positional rule, ready to be dropped if its position holds.
struct Candidate<'r> {
    run: Run,
    meta: &'r RuleMeta,
    head: bool,
    tail: bool,
}

/// One round of block and positional line rules; true if anything changed.
///
/// All rules' candidate runs are swept together, from the end for tail positions and from the
/// start for head positions, so trailing (or leading) chrome that alternates between rules
/// resolves in one round rather than one round per line.
fn apply_positional<'r>(
    views: &[LineView<'_>],
    sets: &[&'r RuleSet],
    hits: &RuleHits,
    actions: &mut [Action<'r>],
) -> bool {
    let mut changed = false;
    let mut candidates: Vec<Candidate<'r>> = Vec::new();
    for (set_index, set) in sets.iter().enumerate() {
        for (rule, meta) in set.rules.iter().enumerate() {
            let is_block = meta.kind == Kind::Block;
            let is_positional_line =
                matches!(meta.kind, Kind::Exact | Kind::Phrase | Kind::Regex) && meta.position != Position::Anywhere;
            if !is_block && !is_positional_line {
                continue;
            }
            let matches = hits_of(hits, set_index, rule);
            let runs: Vec<Run> = if is_block {
                block_runs(set, rule, views, matches, actions)
            } else {
                (0..views.len())
                    .filter(|&line| is_open(actions[line]) && matches.get(line).copied().unwrap_or(false))
                    .map(|line| Run { first: line, last: line, items: vec![line] })
                    .collect()
            };
            let (head, tail) = match meta.position {
                Position::Anywhere => (false, false),
                Position::Head | Position::Header => (true, false),
                Position::Tail => (false, true),
                Position::Edge => (true, true),
            };
            for run in runs {
                if !head && !tail {
                    changed |= drop_run(&run, meta, actions);
                } else {
                    candidates.push(Candidate { run, meta, head, tail });
                }
            }
        }
    }
    if candidates.is_empty() {
        return changed;
    }

    // Tail sweep: a run is at the tail if no line after it is kept.
    let mut by_last: Vec<&Candidate<'r>> = candidates.iter().filter(|c| c.tail).collect();
    by_last.sort_by_key(|c| std::cmp::Reverse(c.run.last));
    let mut next = by_last.into_iter().peekable();
    let mut clear_after = true;
    for line in (0..views.len()).rev() {
        while let Some(candidate) = next.next_if(|c| c.run.last >= line) {
            if clear_after {
                changed |= drop_run(&candidate.run, candidate.meta, actions);
            }
        }
        clear_after &= !is_open(actions[line]);
    }

    // Head sweep: a run is at the head if no line before it is kept, in the header if no
    // sentence before it is kept.
    let mut by_first: Vec<&Candidate<'r>> = candidates.iter().filter(|c| c.head).collect();
    by_first.sort_by_key(|c| c.run.first);
    let (mut clear_before, mut no_sentence_before) = (true, true);
    // At the head of a `header` run is before any kept sentence, not before any kept line.
    let is_header = |c: &Candidate<'_>| c.meta.position == Position::Header;
    let any_header = by_first.iter().any(|c| is_header(c));
    let mut next = by_first.into_iter().peekable();
    for line in 0..views.len() {
        while let Some(candidate) = next.next_if(|c| c.run.first <= line) {
            if clear_before || (is_header(candidate) && no_sentence_before) {
                changed |= drop_run(&candidate.run, candidate.meta, actions);
            }
        }
        if next.peek().is_none() || !(clear_before || (any_header && no_sentence_before)) {
            break;
        }
        let kept = is_open(actions[line]);
        clear_before &= !kept;
        // (Asked only while a `header` run may still count: reading a line costs.)
        if any_header && no_sentence_before && kept {
            no_sentence_before = !is_prose_of(views[line].bare, views[line].chars);
        }
    }
    changed
}

/// Drops the still-kept lines of a run; true if any was kept.
fn drop_run<'r>(run: &Run, meta: &'r RuleMeta, actions: &mut [Action<'r>]) -> bool {
    let mut changed = false;
    for &line in &run.items {
        if is_open(actions[line]) {
            actions[line] = Action::Drop(meta);
            changed = true;
        }
    }
    changed
}

/// Turns header lines that the repeat stage moved to the front back into dropped lines when a
/// rule recognises them as chrome (a line rule in any position, or an item of a block or footer
/// rule): a title or byline never is, but a language menu stranded between two copies of a body
/// looks like a short header.
pub fn demote_chrome_headers(views: &[LineView<'_>], sets: &[&RuleSet], actions: &mut [Action<'_>]) {
    for (line, view) in views.iter().enumerate() {
        if actions[line] != Action::MoveToFront {
            continue;
        }
        let is_chrome = sets.iter().any(|set| {
            set.rules.iter().enumerate().any(|(rule, meta)| match meta.kind {
                Kind::Exact | Kind::Phrase | Kind::Regex => set.rule_matches_line(rule, view),
                Kind::Block | Kind::Footer => set.item_matches(rule, view),
            })
        });
        if is_chrome {
            actions[line] = Action::AfterRepeat;
        }
    }
}
