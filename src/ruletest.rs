//! Running the test cases written in rule files (`[[test]]` tables).
//!
//! Each case is cleaned with its file's rules (the site is forced to the file's site; a global
//! file's cases run with global rules only) and must give exactly the expected text. A failure
//! carries a unified diff of expected against actual.

use std::fs;

use similar::TextDiff;

use crate::input::decode;
use crate::pipeline::Cleaner;
use crate::rules::{RuleSet, TestCase};

/// The result of one test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    /// The rule file.
    pub file: String,
    /// 1-based line of the test in the file.
    pub line: usize,
    /// The test's name.
    pub name: String,
    /// `None` if it passed; else why it failed (a diff, or a file that cannot be read).
    pub failure: Option<String>,
}

/// Runs the test cases of every rule set for which `wanted` holds.
pub fn run_rule_tests(cleaner: &Cleaner, wanted: impl Fn(&RuleSet) -> bool) -> Vec<TestOutcome> {
    let registry = cleaner.registry();
    let mut outcomes = Vec::new();
    for set in registry.all().filter(|set| wanted(set)) {
        let site = if set.global { None } else { registry.site_index(&set.name) };
        for test in &set.tests {
            let failure = match load_case(&test.case, set.embedded) {
                Err(why) => Some(why),
                Ok((input, expected)) => {
                    let got = cleaner.clean_text_as(&input, site);
                    (got != expected).then(|| {
                        TextDiff::from_lines(&expected, &got)
                            .unified_diff()
                            .header("expected", "actual")
                            .context_radius(2)
                            .to_string()
                    })
                }
            };
            outcomes.push(TestOutcome {
                file: set.file.to_string(),
                line: test.line,
                name: test.name.clone(),
                failure,
            });
        }
    }
    outcomes
}

/// A test's page or gold is a fixture: a regular file of at most this many bytes.
pub const MAX_FIXTURE_BYTES: u64 = 16 << 20;

/// A test's page and gold. An embedded rule file's fixtures were compiled in with it: the
/// installed binary tests its shipped rules with no source tree beside it.
fn load_case(case: &TestCase, embedded: bool) -> Result<(String, String), String> {
    let read = |path: &std::path::Path| match crate::rules::embedded_fixture(path) {
        Some(bytes) if embedded => Ok(bytes.to_vec()),
        _ => read_fixture(path),
    };
    match case {
        TestCase::Inline { input, expected } => Ok((input.clone(), expected.clone())),
        TestCase::Files { raw, gold } => {
            let raw_bytes = read(raw)?;
            let gold_text = String::from_utf8(read(gold)?)
                .map_err(|err| format!("cannot read {}: not UTF-8 ({err})", gold.display()))?;
            Ok((decode(raw_bytes).text, gold_text))
        }
    }
}

/// Reads a fixture a `[[test]]` names. Only a regular file, and not a huge one: a test naming
/// `/dev/zero` or a FIFO must fail, not read forever.
fn read_fixture(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let cannot = |why: String| format!("cannot read {}: {why}", path.display());
    let meta = fs::metadata(path).map_err(|err| cannot(err.to_string()))?;
    if !meta.is_file() {
        return Err(cannot("not a regular file".to_owned()));
    }
    if meta.len() > MAX_FIXTURE_BYTES {
        return Err(cannot(format!("larger than {} MB", MAX_FIXTURE_BYTES >> 20)));
    }
    fs::read(path).map_err(|err| cannot(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fixture_must_be_a_regular_file() {
        let case = TestCase::Files { raw: "/dev/zero".into(), gold: "/dev/null".into() };
        let failure = load_case(&case, false).expect_err("a device is no fixture");
        assert!(failure.contains("not a regular file"), "{failure}");
    }
}
