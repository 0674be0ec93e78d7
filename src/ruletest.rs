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
            let failure = match load_case(&test.case) {
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

fn load_case(case: &TestCase) -> Result<(String, String), String> {
    match case {
        TestCase::Inline { input, expected } => Ok((input.clone(), expected.clone())),
        TestCase::Files { raw, gold } => {
            let raw_bytes = fs::read(raw).map_err(|err| format!("cannot read {}: {err}", raw.display()))?;
            let gold_text = fs::read_to_string(gold).map_err(|err| format!("cannot read {}: {err}", gold.display()))?;
            Ok((decode(raw_bytes).text, gold_text))
        }
    }
}
