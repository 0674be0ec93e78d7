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
mod lazy;
mod shape;

use lazy::LazyAutomaton;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use compile::{Build, LineView, MAX_GAP_LINE_CHARS, RuleFilter, RuleMeta, RuleSet, RuleTest, TestCase};
pub use error::{RuleError, RuleErrors};
pub use file::{Category, Kind, Position};

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

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
    /// One automaton over every site's fingerprints and the phrases of its fingerprint rules,
    /// so detection reads each line once whatever the number of sites.
    fingerprint_finder: LazyAutomaton,
    /// For each pattern of `fingerprint_finder`: what it stands for.
    fingerprint_owners: Vec<FingerprintOwner>,
    /// What any site's HTML selectors read (see [`crate::input::html::SelectorReads`]).
    html_reads: crate::input::html::SelectorReads,
}

/// What a pattern of the registry's fingerprint automaton stands for.
#[derive(Debug, Clone, Copy)]
enum FingerprintOwner {
    /// Fingerprint `index` of `site` (`[site]` hosts and fingerprints).
    Site { site: usize, index: usize },
    /// A phrase of the fingerprint rule `rule` of `site`.
    Rule { site: usize, rule: usize },
}

/// Where the fingerprints of each site occur in a document (see [`Registry::fingerprint_lines`]).
#[derive(Debug, Clone, Default)]
pub struct FingerprintHits {
    /// For every site, the first line on which each of its fingerprints occurs, in the order of
    /// [`RuleSet::fingerprints`].
    pub fingerprints: Vec<Vec<Option<usize>>>,
    /// For every site, each fingerprint phrase rule found, with the first line it occurs on, in
    /// line order.
    pub rule_phrases: Vec<Vec<(usize, usize)>>,
}

impl Registry {
    /// The embedded rule files only.
    pub fn embedded() -> Result<Self, RuleErrors> {
        Self::from_sources(RuleSource::embedded(), Vec::new())
    }

    /// Loads rule files as `options` says.
    pub fn load(options: &LoadOptions) -> Result<Self, RuleErrors> {
        let defaults = if options.no_default_rules { Vec::new() } else { RuleSource::embedded() };
        let mut user = Vec::new();
        let mut errors = Vec::new();
        for path in &options.paths {
            match RuleSource::read_path(path) {
                Ok(sources) => user.extend(sources),
                Err(err) => errors.push(err),
            }
        }
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
        let (globals, sites): (Vec<RuleSet>, Vec<RuleSet>) =
            by_name.into_values().map(|(set, _, _)| set).partition(|set| set.global);
        let mut fingerprint_owners = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for (site, set) in sites.iter().enumerate() {
            for (index, key) in set.fingerprints.iter().enumerate() {
                fingerprint_owners.push(FingerprintOwner::Site { site, index });
                patterns.push(key.clone());
            }
            for (key, rule) in &set.fingerprint_phrases {
                fingerprint_owners.push(FingerprintOwner::Rule { site, rule: *rule });
                patterns.push(key.clone());
            }
        }
        // Every line of every page goes through this automaton: it becomes a DFA once the input
        // is large enough to pay for building one (see `lazy`).
        let fingerprint_finder = if all_deferred {
            LazyAutomaton::deferred(patterns)
        } else {
            LazyAutomaton::compiled(patterns)
                .map_err(|err| RuleErrors(vec![RuleError::whole_file("<fingerprints>", err.to_string())]))?
        };
        let mut html_reads = crate::input::html::SelectorReads::default();
        for site in &sites {
            html_reads.merge(&site.html.reads);
        }
        Ok(Self { sites, globals, fingerprint_finder, fingerprint_owners, html_reads })
    }

    /// Where each site's fingerprints and fingerprint-rule phrases occur in `views`, found in one
    /// scan of each line.
    pub fn fingerprint_lines(&self, views: &[LineView<'_>]) -> FingerprintHits {
        let mut hits = FingerprintHits {
            fingerprints: self.sites.iter().map(|s| vec![None; s.fingerprints.len()]).collect(),
            rule_phrases: vec![Vec::new(); self.sites.len()],
        };
        let bytes = views.iter().map(|view| view.key.len()).sum();
        let Some(finder) = self.fingerprint_finder.searcher(bytes) else { return hits };
        for (line, view) in views.iter().enumerate() {
            if !view.matchable || !finder.is_match(view.key) {
                continue;
            }
            for hit in finder.find_overlapping_iter(view.key) {
                match self.fingerprint_owners[hit.pattern().as_usize()] {
                    FingerprintOwner::Site { site, index } => {
                        if on_word_boundaries(view.key, hit.start(), hit.end()) {
                            hits.fingerprints[site][index].get_or_insert(line);
                        }
                    }
                    FingerprintOwner::Rule { site, rule } => {
                        if self.sites[site].phrase_rule_fits(rule, view)
                            && !hits.rule_phrases[site].iter().any(|&(_, r)| r == rule)
                        {
                            hits.rule_phrases[site].push((line, rule));
                        }
                    }
                }
            }
        }
        hits
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
        assert!(registry.fingerprint_finder.searcher(0).is_some());
        let lazy = Registry::embedded().unwrap_or_else(|errors| panic!("{errors}"));
        for (eager, deferred) in registry.all().zip(lazy.all()) {
            assert_eq!(eager.compiled_bytes(), deferred.compiled_bytes(), "{}", eager.name);
        }
    }
}
