//! Rules learned from the run itself: chrome that recurs across many pages of one site.
//!
//! A batch of one site's pages shows its chrome the way `learn` sees it: lines that recur on many
//! pages of different articles. With recurrence on, a first pass samples the run's pages, grouped
//! by the site each is detected as (pages of no known site form one group), and drafts a rule
//! file per group of at least [`MIN_GROUP_PAGES`] distinct articles with [`crate::learn`]. The
//! second pass cleans with those drafts loaded as global rule sets named `learned-<site>` (or
//! `learned` for pages of no known site), each limited to its group's pages ([`Scope`]) and
//! applied after every rule file: a learned rule only adds drops, and `explain` names it.
//!
//! Invariants:
//! - the drafts depend only on the pages and their order, not on threads or timing;
//! - an article counts once however often the run holds it (keyed by its longest line): copies
//!   of one article, or of its body in another capture, cannot make its sentences recur;
//! - a group samples at most [`MAX_GROUP_PAGES`] distinct articles, the first ones read.

use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::document::Document;
use crate::learn::{LearnOptions, draft};
use crate::rules::{RuleSource, Scope};

/// A group needs at least this many distinct articles: fewer say little about what recurs.
pub const MIN_GROUP_PAGES: usize = 10;
/// At most this many distinct articles of a group are sampled.
pub const MAX_GROUP_PAGES: usize = 1000;
/// The name of the set learned from pages of no known site.
pub const NO_SITE_SET: &str = "learned";

/// Pages of a run, grouped by site, for learning what recurs.
#[derive(Debug, Default)]
pub struct PageSample {
    /// By site name; `None` for pages of no known site.
    groups: BTreeMap<Option<String>, Group>,
}

#[derive(Debug, Default)]
struct Group {
    pages: Vec<String>,
    articles: HashSet<u64>,
    read: usize,
}

/// Rules learned from one group of a run's pages.
#[derive(Debug, Clone)]
pub struct LearnedRules {
    /// The site the pages were detected as; `None`: no known site.
    pub site: Option<String>,
    /// Pages of the group read, and distinct articles among them (learned from).
    pub pages_read: usize,
    /// See `pages_read`.
    pub articles: usize,
    /// Rules drafted.
    pub rules: usize,
    /// The drafted file: a global set named [`LearnedRules::set_name`].
    pub source: RuleSource,
}

impl LearnedRules {
    /// The rule set's name: `learned-<site>`, or [`NO_SITE_SET`].
    pub fn set_name(&self) -> String {
        match &self.site {
            Some(site) => format!("{NO_SITE_SET}-{site}"),
            None => NO_SITE_SET.to_owned(),
        }
    }

    /// The documents the set applies to.
    pub fn scope(&self) -> Scope {
        match &self.site {
            Some(site) => Scope::Site(site.clone()),
            None => Scope::NoSite,
        }
    }
}

impl PageSample {
    /// An empty sample.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a page of site `site` (`None`: no known site): its text and the document parsed
    /// from it.
    pub fn add(&mut self, site: Option<&str>, document: &Document<'_>, text: &str) {
        let group = self.groups.entry(site.map(str::to_owned)).or_default();
        group.read += 1;
        if group.pages.len() >= MAX_GROUP_PAGES {
            return;
        }
        let Some(longest) = document.lines().iter().map(|line| line.text).max_by_key(|text| text.len()) else {
            return;
        };
        let mut hasher = DefaultHasher::new();
        longest.hash(&mut hasher);
        if group.articles.insert(hasher.finish()) {
            group.pages.push(text.to_owned());
        }
    }

    /// Pages added, in all groups.
    pub fn pages(&self) -> usize {
        self.groups.values().map(|group| group.read).sum()
    }

    /// Drafts the rules of every group large enough; groups whose draft holds no rule are left
    /// out.
    pub fn learn(&self) -> Vec<LearnedRules> {
        let mut learned = Vec::new();
        for (site, group) in &self.groups {
            if group.pages.len() < MIN_GROUP_PAGES {
                continue;
            }
            let mut rules = LearnedRules {
                site: site.clone(),
                pages_read: group.read,
                articles: group.pages.len(),
                rules: 0,
                source: RuleSource { path: String::new(), text: String::new(), embedded: false },
            };
            let whose = site.as_deref().map_or_else(|| "pages of no known site".to_owned(), |s| format!("{s} pages"));
            let about = format!("learned from {} {whose} of this run", group.pages.len());
            let mut options = LearnOptions::new(&rules.set_name());
            options.global = true;
            options.description = Some(format!("Chrome {about}."));
            let drafted = draft(&group.pages, &options);
            rules.rules = drafted.toml.matches("\n[[rule]]\n").count();
            if rules.rules == 0 {
                continue;
            }
            rules.source = RuleSource { path: format!("<{about}>"), text: drafted.toml, embedded: false };
            learned.push(rules);
        }
        learned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(i: usize, chrome: &[&str]) -> String {
        let body = format!(
            "Article {i} has its own first sentence about market number {i}.\nIts second sentence differs too, with figure {}.\n",
            i * 7
        );
        format!("{}\n{body}{}\n", chrome[0], chrome[1..].join("\n"))
    }

    #[test]
    fn groups_by_site_and_counts_an_article_once() {
        let mut sample = PageSample::new();
        for i in 0..12 {
            let text = page(i, &["Menu", "Footer link", "Another link", "Third link"]);
            sample.add(None, &Document::parse(&text), &text);
            // The same article again: no new evidence.
            sample.add(None, &Document::parse(&text), &text);
        }
        for i in 0..5 {
            let text = page(i, &["Menu", "Footer link", "Another link", "Third link"]);
            sample.add(Some("gate"), &Document::parse(&text), &text);
        }
        assert_eq!(sample.pages(), 29);
        let learned = sample.learn();
        assert_eq!(learned.len(), 1, "the gate group is too small");
        assert_eq!(learned[0].site, None);
        assert_eq!(learned[0].articles, 12);
        assert_eq!(learned[0].set_name(), "learned");
        assert_eq!(learned[0].scope(), Scope::NoSite);
        assert!(learned[0].source.text.contains("global = true"), "{}", learned[0].source.text);
        assert!(learned[0].source.text.contains("\"Footer link\""), "{}", learned[0].source.text);
        assert!(!learned[0].source.text.contains("Article 3"), "article text never recurs");
    }
}
