//! `rules check`, `rules test`, `rules list` and `explain` through the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn boilerstrip(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_boilerstrip")).current_dir(dir).args(args).output().expect("the binary runs")
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each fixture under tests/fixtures/check gives exactly its `.stderr` (messages, snippets,
/// and the exit code on the last line).
#[test]
fn rules_check_reports_every_kind_of_problem_exactly() {
    let dir = manifest().join("tests/fixtures/check");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "stderr") {
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).expect("UTF-8 name").to_owned();
        let stem = name.trim_end_matches(".toml");
        let want = fs::read_to_string(dir.join(format!("{stem}.stderr"))).expect("expected stderr");
        let out = boilerstrip(&dir, &["rules", "check", "--no-default-rules", &name]);
        let got = format!("{}exit {}\n", String::from_utf8_lossy(&out.stderr), out.status.code().unwrap_or(-1));
        assert_eq!(got, want, "fixture {name}");
        assert!(out.stdout.is_empty());
        checked += 1;
    }
    assert!(checked >= 9, "found {checked} fixtures");
}

#[test]
fn rules_check_passes_on_the_shipped_rules() {
    let out = boilerstrip(&manifest(), &["rules", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
}

#[test]
fn rules_test_runs_the_tests_of_shipped_files_and_reports_a_diff_on_failure() {
    let out = boilerstrip(&manifest(), &["rules", "test"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("mine.toml"),
        "[site]\nname = \"mine\"\n\n[[rule]]\nid = \"promo\"\ncategory = \"app-promo\"\nkind = \"exact\"\nlines = [\"Get the app\"]\n\n\
         [[test]]\nname = \"promo goes\"\ninput = \"Body.\\nGet the app\\n\"\nexpected = \"Body.\\n\"\n\n\
         [[test]]\nname = \"wrong on purpose\"\ninput = \"Body.\\nKeep me\\n\"\nexpected = \"Body.\\n\"\n",
    )
    .expect("write rule file");
    let out = boilerstrip(dir.path(), &["rules", "test", "mine.toml"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("ok      mine.toml:11: promo goes"), "{stdout}");
    assert!(stdout.contains("FAILED  mine.toml:16: wrong on purpose"), "{stdout}");
    assert!(stdout.contains("+Keep me"), "{stdout}");
    assert!(stdout.ends_with("1 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn the_shipped_rules_tests_pass_anywhere_and_fixtures_stay_beside_the_rules() {
    // An installed binary has no source tree beside it: the shipped tests' pages are compiled in.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = boilerstrip(elsewhere.path(), &["rules", "test"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(" 0 failed"), "{stdout}");
    // A rule file's test may not make `rules test` read (and show) any file of the machine.
    for (fixture, why) in
        [("/etc/passwd", "is an absolute path"), ("../../../../etc/passwd", "leaves the folder above the rule file's")]
    {
        fs::write(
            elsewhere.path().join("mine.toml"),
            format!(
                "[site]\nname = \"mine\"\n\n[[rule]]\nid = \"x\"\ncategory = \"other\"\nkind = \"exact\"\nlines = [\"x\"]\n\n\
                 [[test]]\nname = \"peeks\"\nraw = \"{fixture}\"\ngold = \"ok.txt\"\n"
            ),
        )
        .expect("write rule file");
        let out = boilerstrip(elsewhere.path(), &["rules", "test", "mine.toml"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("mine.toml:12:7: test fixture `{fixture}` {why}")), "{stderr}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"), "the file was read");
    }
}

#[test]
fn rules_list_shows_sites_counts_and_origins() {
    let out = boilerstrip(&manifest(), &["rules", "list"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().any(|l| l.starts_with("gate ") && l.contains("[embedded rules/gate.toml]")), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("common ") && l.contains("global")), "{stdout}");
}

/// The explanation is a rendering of the same decisions as the output: rebuilding the clean
/// text from `explain --format jsonl` gives exactly what the cleaner writes.
#[test]
fn explain_agrees_with_the_cleaner_on_every_sample() {
    let samples = manifest().join("samples");
    let mut checked = 0;
    for entry in fs::read_dir(&samples).expect("samples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "raw") {
            continue;
        }
        let file = path.to_str().expect("UTF-8 path");
        let cleaned = boilerstrip(&manifest(), &[file]).stdout;
        let explained = boilerstrip(&manifest(), &["explain", "--format", "jsonl", file]).stdout;
        let mut kept: Vec<(u64, String)> = Vec::new();
        let mut lines = 0;
        for record in String::from_utf8(explained).expect("UTF-8").lines() {
            let value: serde_json::Value = serde_json::from_str(record).expect("each record is JSON");
            if value["type"] == "line" {
                lines += 1;
                if let Some(position) = value["output_position"].as_u64() {
                    kept.push((position, value["text"].as_str().expect("text").to_owned()));
                }
            }
        }
        kept.sort();
        let rebuilt: Vec<String> = kept.into_iter().map(|(_, text)| text).collect();
        let rebuilt = format!("{}\n", rebuilt.join("\n\n"));
        assert_eq!(rebuilt, String::from_utf8(cleaned).expect("UTF-8"), "{file}");
        let raw_lines = fs::read_to_string(&path).expect("raw").lines().count();
        assert_eq!(lines, raw_lines, "one record per input line in {file}");
        checked += 1;
    }
    assert_eq!(checked, 5);
}

#[test]
fn explain_text_names_the_rule_and_is_plain_when_piped() {
    let sample = manifest().join("samples/004_8f8424779429028a.raw");
    let out = boilerstrip(&manifest(), &["explain", sample.to_str().expect("UTF-8")]);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!stdout.contains('\u{1b}'), "no colour codes when stdout is not a terminal");
    assert!(stdout.starts_with("document 1: site gate (detected: "), "{stdout}");
    assert!(stdout.contains("drop          Voir l'original  ← gate/view-original (view-original) rules/gate.toml:"));
}
