//! Choosing which site's rules apply to a document.
//!
//! A site is chosen by `--site`, or by fingerprints: a site scores one point for each distinct
//! fingerprint phrase found in the document's lines and for each distinct fingerprint rule
//! (`fingerprint = true`) that matches a line. The highest score wins; ties go to the name that
//! sorts first, so the choice never depends on the order rule files were loaded. With no point
//! for any site, only the global rules run.

use crate::rules::{Kind, LineScan, LineView, Registry, RuleFilter};

/// The site chosen for a document and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteChoice {
    /// No site matched: only global rules apply.
    None,
    /// Forced by the caller (`--site`); the index is into [`Registry::sites`].
    Forced(usize),
    /// Chosen by the host of the page's URL.
    Host {
        /// Index into [`Registry::sites`].
        site: usize,
        /// The host that matched.
        host: String,
    },
    /// Detected from the document.
    Detected {
        /// Index into [`Registry::sites`].
        site: usize,
        /// What matched, for people: `fingerprint "gate.io" (line 64)`.
        evidence: Vec<String>,
    },
}

impl SiteChoice {
    /// The chosen site's index, if any.
    pub fn site(&self) -> Option<usize> {
        match self {
            SiteChoice::None => None,
            SiteChoice::Forced(site) | SiteChoice::Host { site, .. } | SiteChoice::Detected { site, .. } => Some(*site),
        }
    }
}

/// Scores every site on the document's lines and returns the best one.
///
/// The phrases were found by the registry's shared scan; the line fingerprints (a rule's
/// pattern, a footer's item) cost a pass over the lines per site. A site that could not reach
/// the best score found so far even if every fingerprint rule of its own matched is not scanned:
/// the sites are tried from the highest such bound down, which leaves the choice as it would be
/// with every site scored (the most points; on a tie, the site first by name).
pub fn detect(registry: &Registry, views: &[LineView<'_>], hits: &LineScan) -> SiteChoice {
    let sites = registry.sites();
    let bound = |index: usize| {
        let phrases = hits.fingerprints[index].iter().filter(|line| line.is_some()).count();
        let rules = sites[index].rules.iter().filter(|rule| rule.fingerprint).count();
        phrases + hits.rule_phrases[index].len() + rules
    };
    let mut order: Vec<(usize, usize)> = (0..sites.len()).map(|index| (bound(index), index)).collect();
    order.sort_unstable_by_key(|&(bound, index)| (std::cmp::Reverse(bound), index));
    let mut best: Option<(usize, Vec<String>)> = None;
    for (bound, index) in order {
        // (Not scanned when even its bound would not outscore the best so far.)
        if best.as_ref().is_some_and(|(at, evidence)| !outscores(bound, index, evidence.len(), *at)) {
            continue;
        }
        let evidence = site_evidence(registry, index, views, hits);
        if !evidence.is_empty() && best.as_ref().is_none_or(|(at, e)| outscores(evidence.len(), index, e.len(), *at)) {
            best = Some((index, evidence));
        }
    }
    match best {
        Some((site, evidence)) => SiteChoice::Detected { site, evidence },
        None => SiteChoice::None,
    }
}

/// Whether site `index` with `points` beats site `other` with `other_points`: more points, or as
/// many and first by name (the registry's order).
fn outscores(points: usize, index: usize, other_points: usize, other: usize) -> bool {
    points > other_points || (points == other_points && index < other)
}

/// What site `index` scores on the document: one line of evidence per point.
fn site_evidence(registry: &Registry, index: usize, views: &[LineView<'_>], hits: &LineScan) -> Vec<String> {
    let site = &registry.sites()[index];
    let mut evidence = Vec::new();
    for (fingerprint, line) in site.fingerprints.iter().zip(&hits.fingerprints[index]) {
        if let Some(line) = line {
            evidence.push(format!("fingerprint \"{fingerprint}\" (line {})", line + 1));
        }
    }
    let line_fingerprints = site.rules.iter().any(|r| r.fingerprint && r.kind != Kind::Phrase);
    if site.rules.iter().any(|rule| rule.fingerprint) {
        // Each fingerprint rule counts once, at the first line it matches. Phrase rules were
        // found by the registry's shared scan; line rules and block/footer items are tried here.
        let mut matched: Vec<(usize, usize)> = hits.rule_phrases[index].clone();
        let item_fingerprints: Vec<usize> = (0..site.rules.len())
            .filter(|&r| site.rules[r].fingerprint && matches!(site.rules[r].kind, Kind::Block | Kind::Footer))
            .collect();
        let lines = if line_fingerprints { views } else { &[] };
        for (line, view) in lines.iter().enumerate() {
            if view.key.is_empty() || !site.may_match_fingerprint_line(view) {
                continue;
            }
            let by_item = || item_fingerprints.iter().copied().find(|&r| site.item_matches(r, view));
            if let Some(rule) = site.first_line_match(view, RuleFilter::Fingerprints).or_else(by_item)
                && !matched.iter().any(|&(_, r)| r == rule)
            {
                matched.push((line, rule));
            }
        }
        matched.sort_unstable();
        evidence
            .extend(matched.iter().map(|&(line, rule)| format!("rule {} (line {})", site.rules[rule].id, line + 1)));
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{bare_line, match_key};

    /// The lines of the pages shipped with the repository: the samples and every site's fixtures.
    fn shipped_lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("samples")];
        let sites = std::fs::read_dir(root.join("tests/sites")).expect("tests/sites is readable");
        folders.extend(sites.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| path.is_dir()));
        let mut lines = Vec::new();
        for folder in folders {
            for entry in std::fs::read_dir(&folder).expect("a fixture folder is readable").filter_map(Result::ok) {
                if entry.path().extension().is_some_and(|e| e == "raw") {
                    let bytes = std::fs::read(entry.path()).expect("a fixture is readable");
                    lines.extend(String::from_utf8_lossy(&bytes).lines().map(str::to_owned));
                }
            }
        }
        lines
    }

    /// The shipped pages, each as its lines.
    fn shipped_pages() -> Vec<Vec<String>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("samples")];
        let sites = std::fs::read_dir(root.join("tests/sites")).expect("tests/sites is readable");
        folders.extend(sites.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| path.is_dir()));
        let mut paths: Vec<std::path::PathBuf> = folders
            .iter()
            .flat_map(|folder| std::fs::read_dir(folder).expect("a fixture folder is readable").filter_map(Result::ok))
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "raw"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path).expect("a fixture is readable");
                String::from_utf8_lossy(&bytes).lines().map(str::to_owned).collect()
            })
            .collect()
    }

    #[test]
    fn skipping_sites_that_cannot_win_chooses_as_scoring_every_site_does() {
        let registry = Registry::embedded().expect("the shipped rules compile");
        let pages = shipped_pages();
        // Each page alone, and each joined to the next one: two sites' evidence in one document.
        let documents = pages
            .iter()
            .cloned()
            .chain(pages.windows(2).map(|pair| pair.concat()))
            .chain(pages.windows(3).map(|three| [&three[2][..], &three[0][..]].concat()));
        let mut detected = 0;
        for lines in documents {
            let keys: Vec<String> = lines.iter().map(|line| match_key(line)).collect();
            let views: Vec<LineView<'_>> = lines
                .iter()
                .zip(&keys)
                .map(|(line, key)| LineView {
                    key,
                    bare: bare_line(line),
                    chars: line.chars().count(),
                    matchable: true,
                    phrases: &[],
                })
                .collect();
            let hits = registry.scan(&views);
            let mut every: Option<(usize, Vec<String>)> = None;
            for index in 0..registry.sites().len() {
                let evidence = site_evidence(&registry, index, &views, &hits);
                if !evidence.is_empty()
                    && every.as_ref().is_none_or(|(at, e)| outscores(evidence.len(), index, e.len(), *at))
                {
                    every = Some((index, evidence));
                }
            }
            let expected = match every {
                Some((site, evidence)) => SiteChoice::Detected { site, evidence },
                None => SiteChoice::None,
            };
            assert_eq!(detect(&registry, &views, &hits), expected, "{:?}", lines.first());
            detected += usize::from(expected != SiteChoice::None);
        }
        // The pages name many sites: the comparison is not between two empty choices.
        assert!(detected > 20, "{detected}");
    }

    #[test]
    fn the_quick_fingerprint_line_test_never_turns_away_a_match() {
        let registry = Registry::embedded().expect("the shipped rules compile");
        let (mut matched, mut turned_away, mut tried) = (0, 0, 0);
        for line in shipped_lines() {
            let key = match_key(&line);
            let view = LineView {
                key: &key,
                bare: bare_line(&line),
                chars: line.chars().count(),
                matchable: true,
                phrases: &[],
            };
            for site in registry.sites() {
                let item_match = (0..site.rules.len()).any(|rule| {
                    site.rules[rule].fingerprint
                        && matches!(site.rules[rule].kind, Kind::Block | Kind::Footer)
                        && site.item_matches(rule, &view)
                });
                let matches = site.first_line_match(&view, RuleFilter::Fingerprints).is_some() || item_match;
                let may_match = site.may_match_fingerprint_line(&view);
                assert!(may_match || !matches, "{}: {line:?}", site.name);
                matched += usize::from(matches);
                turned_away += usize::from(!may_match);
                tried += 1;
            }
        }
        // The pages hold fingerprint lines of many sites, and most lines are none.
        assert!(matched >= 20, "{matched} fingerprint lines");
        assert!(turned_away * 10 > tried * 7, "{turned_away} of {tried} turned away");
    }
}
