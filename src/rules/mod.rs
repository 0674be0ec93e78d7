//! Rule files: loading, validating, compiling and holding them.
//!
//! A rule file (TOML, see `rules/README.md`) describes one site (`rules/gate.toml`) or a set of
//! site-independent rules (`global = true`, `rules/common.toml`). The files under `rules/` are
//! embedded in the binary as defaults; `--rules PATH` adds files or replaces an embedded file of
//! the same site name. Loading reports every problem of every file at once, each as
//! `path:line:col: message`, before any input is read.
//!
//! Invariant: a [`Registry`] keeps sites and global sets sorted by name, so nothing downstream
//! depends on the order in which files were given.

mod compile;
mod error;
mod file;
mod gate;
mod lazy;
mod prefilter;
mod shape;
mod skip;

use lazy::LazyAutomaton;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use compile::{
    Build, LineView, MAX_GAP_LINE_CHARS, PhraseHit, RuleFilter, RuleMeta, RuleSet, RuleTest, Scope, Slot, TestCase,
};
pub use error::{RuleError, RuleErrors};
pub use file::{Category, Kind, Position};

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
include!(concat!(env!("OUT_DIR"), "/embedded_fixtures.rs"));

/// A fixture an embedded rule file's test names (`rules/../samples/x.raw`), compiled in.
pub fn embedded_fixture(path: &Path) -> Option<&'static [u8]> {
    EMBEDDED_FIXTURES.iter().find(|(known, _)| Path::new(known) == path).map(|(_, bytes)| *bytes)
}

/// The text of one rule file and where it came from.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Path shown in messages.
    pub path: String,
    /// The TOML text.
    pub text: String,
    /// Compiled into the binary rather than read from a path.
    pub embedded: bool,
}

impl RuleSource {
    /// The rule files compiled into the binary.
    pub fn embedded() -> Vec<RuleSource> {
        EMBEDDED_RULE_FILES
            .iter()
            .map(|(path, text)| RuleSource { path: (*path).to_owned(), text: (*text).to_owned(), embedded: true })
            .collect()
    }

    /// Reads rule files from a file or a folder (every `*.toml` in it, sorted by name).
    pub fn read_path(path: &Path) -> Result<Vec<RuleSource>, RuleError> {
        let shown = path.display().to_string();
        let read_one = |file: &Path| {
            fs::read_to_string(file)
                .map(|text| RuleSource { path: file.display().to_string(), text, embedded: false })
                .map_err(|err| RuleError::whole_file(&file.display().to_string(), format!("cannot read: {err}")))
        };
        if path.is_dir() {
            let entries = fs::read_dir(path)
                .map_err(|err| RuleError::whole_file(&shown, format!("cannot read folder: {err}")))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
                .collect();
            files.sort();
            // A FIFO or a device named `*.toml` would block the read or never end: a folder's
            // rule files are regular files (or links to them), and anything else is named.
            for file in &files {
                let problem = match fs::metadata(file) {
                    Ok(meta) if meta.is_file() => continue,
                    Ok(_) => "not a regular file (a FIFO, a socket or a device): a rule file must be one".to_owned(),
                    Err(err) => format!("cannot read: {err}"),
                };
                return Err(RuleError::whole_file(&file.display().to_string(), problem));
            }
            files.iter().map(|f| read_one(f)).collect()
        } else {
            read_one(path).map(|source| vec![source])
        }
    }
}

/// Which rule files to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Drop the embedded rule files.
    pub no_default_rules: bool,
    /// Files or folders whose rule files add to, or replace by site name, the embedded ones.
    pub paths: Vec<PathBuf>,
    /// Compile the embedded files at load too, as files from `paths` always are (`rules check`).
    pub build_embedded_now: bool,
}

/// All compiled rule sets: one per site, plus the global ones.
#[derive(Debug)]
pub struct Registry {
    sites: Vec<RuleSet>,
    globals: Vec<RuleSet>,
    /// One automaton over every site's fingerprints and the phrases of every phrase rule of
    /// every rule set, so each line's key is scanned once, whatever the number of sites, for
    /// detection and classification alike (see [`Registry::scan`]).
    line_finder: LazyAutomaton,
    /// For each pattern of `line_finder`: what it stands for.
    pattern_owners: Vec<PatternOwner>,
    /// What any site's HTML selectors read (see [`crate::input::html::SelectorReads`]).
    html_reads: crate::input::html::SelectorReads,
}

/// What a pattern of the registry's line automaton stands for.
#[derive(Debug, Clone, Copy)]
enum PatternOwner {
    /// Fingerprint `index` of `site` (`[site]` hosts and fingerprints).
    Fingerprint { site: usize, index: usize },
    /// A phrase of rule `rule` of the rule set numbered `set` ([`RuleSet::scan_id`]).
    Phrase { set: u32, rule: u32 },
}

/// What the registry's one scan of a document's lines found (see [`Registry::scan`]).
#[derive(Debug, Clone, Default)]
pub struct LineScan {
    /// For every site, the first line on which each of its fingerprints occurs, in the order of
    /// [`RuleSet::fingerprints`].
    pub fingerprints: Vec<Vec<Option<usize>>>,
    /// For every site, each fingerprint phrase rule found, with the first line it occurs on, in
    /// line order.
    pub rule_phrases: Vec<Vec<(usize, usize)>>,
    /// The phrase rules found in each line: line `i`'s are `phrases[spans[i].clone()]`.
    pub phrases: Vec<PhraseHit>,
    /// See `phrases`.
    pub spans: Vec<std::ops::Range<usize>>,
}

impl LineScan {
    /// The phrase rules found in line `line`.
    pub fn phrases_of(&self, line: usize) -> &[PhraseHit] {
        self.spans.get(line).map_or(&[], |span| &self.phrases[span.clone()])
    }
}

impl Registry {
    /// The embedded rule files only.
    pub fn embedded() -> Result<Self, RuleErrors> {
        Self::from_sources(RuleSource::embedded(), Vec::new())
    }

    /// Loads rule files as `options` says.
    pub fn load(options: &LoadOptions) -> Result<Self, RuleErrors> {
        Self::load_with(options, Vec::new())
    }

    /// Like [`Registry::load`], with `extra` rule files added after those of the paths (rules
    /// learned from a run, [`crate::recurrence`]).
    pub fn load_with(options: &LoadOptions, extra: Vec<RuleSource>) -> Result<Self, RuleErrors> {
        let defaults = if options.no_default_rules { Vec::new() } else { RuleSource::embedded() };
        let mut user = Vec::new();
        let mut errors = Vec::new();
        for path in &options.paths {
            match RuleSource::read_path(path) {
                Ok(sources) => user.extend(sources),
                Err(err) => errors.push(err),
            }
        }
        user.extend(extra);
        let build = if options.build_embedded_now { Build::Now } else { Build::OnFirstUse };
        match Self::from_sources_built(defaults, user, build) {
            Ok(registry) if errors.is_empty() => Ok(registry),
            Ok(_) => Err(RuleErrors(errors)),
            Err(RuleErrors(more)) => {
                errors.extend(more);
                Err(RuleErrors(errors))
            }
        }
    }

    /// Compiles default and user rule files; a user file replaces a default of the same site.
    /// The embedded files' matchers are built on first use (see [`Build`]); all others at once.
    pub fn from_sources(defaults: Vec<RuleSource>, user: Vec<RuleSource>) -> Result<Self, RuleErrors> {
        Self::from_sources_built(defaults, user, Build::OnFirstUse)
    }

    /// Like [`Registry::from_sources`], building the embedded files' matchers as `embedded` says.
    pub fn from_sources_built(
        defaults: Vec<RuleSource>,
        user: Vec<RuleSource>,
        embedded: Build,
    ) -> Result<Self, RuleErrors> {
        let mut errors = Vec::new();
        let mut all_deferred = true;
        let mut by_name: BTreeMap<String, (RuleSet, bool, String)> = BTreeMap::new();
        for (source, from_user) in defaults.into_iter().map(|s| (s, false)).chain(user.into_iter().map(|s| (s, true))) {
            // Unknown keys are reported, and the typed check still runs to find more problems;
            // a syntax error ends the file's check.
            let build = if source.embedded { embedded } else { Build::Now };
            // The embedded files pass the full check in the test suite; at start-up a typed
            // parse is enough for them.
            if build == Build::OnFirstUse
                && let Ok(parsed) = toml::from_str::<file::RuleFile>(&source.text)
                && let Ok(mut set) = compile::compile(&source.path, &source.text, parsed, build)
            {
                set.embedded = true;
                by_name.insert(set.name.clone(), (set, false, source.text));
                continue;
            }
            let shape = shape::check(&source.path, &source.text);
            let shape_failed = !shape.errors.is_empty();
            errors.extend(shape.errors);
            if !shape.parsed {
                continue;
            }
            let parsed: file::RuleFile = match toml::from_str(&source.text) {
                Ok(parsed) => parsed,
                Err(err) => {
                    let span = err.span().unwrap_or(0..0);
                    let message = err.message().trim_end().to_owned();
                    errors.push(RuleError::at(&source.path, &source.text, span, message));
                    continue;
                }
            };
            let name_span = parsed.site.get_ref().name.span();
            all_deferred &= build == Build::OnFirstUse;
            let set = match compile::compile(&source.path, &source.text, parsed, build) {
                Ok(_) if shape_failed => continue,
                Ok(mut set) => {
                    set.embedded = source.embedded;
                    set
                }
                Err(more) => {
                    errors.extend(more);
                    continue;
                }
            };
            match by_name.get(&set.name) {
                // A user file replaces the embedded file of the same site.
                Some((_, false, _)) if from_user => {}
                Some((existing, _, _)) => {
                    errors.push(RuleError::at(
                        &source.path,
                        &source.text,
                        name_span,
                        format!("site `{}` is already defined in {}", set.name, existing.file),
                    ));
                    continue;
                }
                None => {}
            }
            by_name.insert(set.name.clone(), (set, from_user, source.text));
        }
        errors.extend(shared_fingerprints(by_name.values().map(|(set, _, text)| (set, text.as_str()))));
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        let (mut globals, mut sites): (Vec<RuleSet>, Vec<RuleSet>) =
            by_name.into_values().map(|(set, _, _)| set).partition(|set| set.global);
        let mut pattern_owners = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for (site, set) in sites.iter().enumerate() {
            for (index, key) in set.fingerprints.iter().enumerate() {
                pattern_owners.push(PatternOwner::Fingerprint { site, index });
                patterns.push(key.clone());
            }
        }
        for (scan_id, set) in sites.iter_mut().chain(globals.iter_mut()).enumerate() {
            set.scan_id = u32::try_from(scan_id).unwrap_or(u32::MAX);
            for (key, &rule) in set.phrase_keys.iter().zip(&set.phrase_rules) {
                let rule = u32::try_from(rule).unwrap_or(u32::MAX);
                pattern_owners.push(PatternOwner::Phrase { set: set.scan_id, rule });
                patterns.push(key.clone());
            }
        }
        // Every line of every page goes through this automaton: it becomes a DFA once the input
        // is large enough to pay for building one (see `lazy`).
        let line_finder = if all_deferred {
            LazyAutomaton::deferred(patterns)
        } else {
            LazyAutomaton::compiled(patterns)
                .map_err(|err| RuleErrors(vec![RuleError::whole_file("<fingerprints and phrases>", err.to_string())]))?
        };
        let mut html_reads = crate::input::html::SelectorReads::default();
        for site in &sites {
            html_reads.merge(&site.html.reads);
        }
        Ok(Self { sites, globals, line_finder, pattern_owners, html_reads })
    }

    /// Scans every line's key once for every site's fingerprints and every rule set's phrases:
    /// where each site's fingerprints and fingerprint phrase rules first occur (for detection),
    /// and which phrase rules each line holds (for classification, through
    /// [`LineView::phrases`]).
    pub fn scan(&self, views: &[LineView<'_>]) -> LineScan {
        let mut scan = LineScan {
            fingerprints: self.sites.iter().map(|s| vec![None; s.fingerprints.len()]).collect(),
            rule_phrases: vec![Vec::new(); self.sites.len()],
            phrases: Vec::new(),
            spans: Vec::with_capacity(views.len()),
        };
        let bytes = views.iter().map(|view| view.key.len()).sum();
        let finder = self.line_finder.searcher(bytes);
        for (line, view) in views.iter().enumerate() {
            let start = scan.phrases.len();
            if let Some(finder) = finder
                && view.matchable
                && finder.is_match(view.key)
            {
                finder.for_each_occurrence(view.key, |pattern, hit_start, hit_end| {
                    match self.pattern_owners[pattern] {
                        PatternOwner::Fingerprint { site, index } => {
                            if on_word_boundaries(view.key, hit_start, hit_end) {
                                scan.fingerprints[site][index].get_or_insert(line);
                            }
                        }
                        PatternOwner::Phrase { set, rule } => scan.phrases.push(PhraseHit { set, rule }),
                    }
                });
                // In one order, once each, whichever form of the automaton searched.
                sort_and_dedup_from(&mut scan.phrases, start);
                for &PhraseHit { set, rule } in &scan.phrases[start..] {
                    let (set, rule) = (set as usize, rule as usize);
                    // A site's fingerprint phrase rule counts once, at its first line.
                    if let Some(site) = self.sites.get(set)
                        && site.rules[rule].fingerprint
                        && site.phrase_rule_fits(rule, view)
                        && !scan.rule_phrases[set].iter().any(|&(_, r)| r == rule)
                    {
                        scan.rule_phrases[set].push((line, rule));
                    }
                }
            }
            scan.spans.push(start..scan.phrases.len());
        }
        scan
    }

    /// What the HTML selectors of any site read, which HTML pages must keep until they are
    /// parsed.
    pub fn html_reads(&self) -> &crate::input::html::SelectorReads {
        &self.html_reads
    }

    /// Site rule sets, sorted by name.
    pub fn sites(&self) -> &[RuleSet] {
        &self.sites
    }

    /// Global rule sets, sorted by name.
    pub fn globals(&self) -> &[RuleSet] {
        &self.globals
    }

    /// Every rule set: sites, then global sets.
    pub fn all(&self) -> impl Iterator<Item = &RuleSet> {
        self.sites.iter().chain(&self.globals)
    }

    /// The index of the site whose hosts include the host of `url` (or a parent domain of it).
    pub fn site_for_url(&self, url: &str) -> Option<(usize, String)> {
        let parsed = url::Url::parse(url).ok()?;
        let host = parsed.host_str()?.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
        self.sites
            .iter()
            .position(|site| {
                site.hosts.iter().any(|h| host == *h || host.strip_suffix(h.as_str()).is_some_and(|p| p.ends_with('.')))
            })
            .map(|index| (index, host))
    }

    /// The index of the site called `name` in [`Registry::sites`].
    pub fn site_index(&self, name: &str) -> Option<usize> {
        self.sites.iter().position(|site| site.name == name)
    }

    /// Limits the global set `name` to the documents `scope` admits (a set learned from one
    /// site's pages applies to that site's pages only). False when there is no such set.
    pub fn set_scope(&mut self, name: &str, scope: Scope) -> bool {
        match self.globals.iter_mut().find(|set| set.name == name) {
            Some(set) => {
                set.scope = scope;
                true
            }
            None => false,
        }
    }
}

/// Whether `text[start..end]` neither starts nor ends inside a word, so that the fingerprint
/// "Followin" is not found in "following". Scripts written without spaces between words (CJK,
/// kana, Hangul with its attached particles, Thai) have no such boundary and always pass.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let cuts_word = |inside: Option<char>, outside: Option<char>| match (inside, outside) {
        (Some(a), Some(b)) => is_spaced_word_char(a) && is_spaced_word_char(b),
        _ => false,
    };
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    !cuts_word(first, text[..start].chars().next_back()) && !cuts_word(last, text[end..].chars().next())
}

/// A letter or digit of a script that separates words with spaces.
fn is_spaced_word_char(c: char) -> bool {
    let thai_or_jamo = matches!(c as u32, 0x0E00..=0x0E7F | 0x1100..=0x11FF);
    c.is_alphanumeric() && !crate::normalize::is_cjk(c) && !thai_or_jamo
}

/// A fingerprint that identifies two sites identifies neither: report each repeat at its place.
fn shared_fingerprints<'a>(sets: impl Iterator<Item = (&'a RuleSet, &'a str)>) -> Vec<RuleError> {
    let mut first_site: BTreeMap<&str, &str> = BTreeMap::new();
    let mut errors = Vec::new();
    for (set, text) in sets {
        for (key, span) in set.fingerprints.iter().zip(&set.fingerprint_spans) {
            match first_site.get(key.as_str()) {
                Some(other) if *other != set.name => errors.push(RuleError::at(
                    &set.file,
                    text,
                    span.clone(),
                    format!(
                        "fingerprint \"{key}\" is also a fingerprint of site `{other}`; it cannot tell the two apart"
                    ),
                )),
                Some(_) => {}
                None => {
                    first_site.insert(key, &set.name);
                }
            }
        }
    }
    errors
}

/// Sorts `items[start..]` and drops its repeats.
fn sort_and_dedup_from<T: Ord + Copy>(items: &mut Vec<T>, start: usize) {
    items[start..].sort_unstable();
    let mut kept = start;
    for index in start..items.len() {
        if kept == start || items[kept - 1] != items[index] {
            items[kept] = items[index];
            kept += 1;
        }
    }
    items.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_match_whole_words_in_spaced_scripts() {
        let text = "the following text names followin once";
        let hit = text.find("followin ").expect("present");
        assert!(!on_word_boundaries(text, 4, 12), "'followin' inside 'following'");
        assert!(on_word_boundaries(text, hit, hit + 8));
        assert!(on_word_boundaries("www.gate.com/post", 4, 12));
        // No spaces between words: a brand attached to a particle or a CJK word still counts.
        assert!(on_word_boundaries("followin에서 읽기", 0, 8));
        let chinese = "下载followin应用";
        let start = chinese.find('f').expect("present");
        assert!(on_word_boundaries(chinese, start, start + 8));
    }

    /// The embedded files' matchers are built on first use; this is the check that they all
    /// compile, within the size limit, as a user's file would be checked at load.
    #[test]
    fn embedded_rules_compile_eagerly() {
        let registry = Registry::from_sources_built(RuleSource::embedded(), Vec::new(), Build::Now)
            .unwrap_or_else(|errors| panic!("{errors}"));
        assert!(registry.line_finder.searcher(0).is_some());
        let lazy = Registry::embedded().unwrap_or_else(|errors| panic!("{errors}"));
        for (eager, deferred) in registry.all().zip(lazy.all()) {
            assert_eq!(eager.compiled_bytes(), deferred.compiled_bytes(), "{}", eager.name);
        }
    }
}
