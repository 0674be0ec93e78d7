//! The `[[test]]` cases written in the shipped rule files all pass.

mod common;

use boilerstrip::ruletest::run_rule_tests;

#[test]
fn shipped_rule_files_pass_their_own_tests() {
    let outcomes = run_rule_tests(common::default_cleaner(), |_| true);
    assert!(outcomes.len() >= 10, "expected the shipped rule tests, found {}", outcomes.len());
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.failure.as_ref().map(|why| format!("{}:{}: {}\n{why}", o.file, o.line, o.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
