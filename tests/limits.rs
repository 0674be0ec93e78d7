//! Limits and odd inputs through the real binary: each limit's message and flag, binary and
//! special files in a batch, `--strict`, stale temporaries, and read-only inputs.

mod common;

use std::fs;
use std::process::{Command, Output};

/// The real binary with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_binary(args, stdin)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const ARTICLE: &str = "A title for the article\n\nThe body paragraph says enough to be article text here.\n";

#[test]
fn documents_of_more_lines_than_the_limit_are_skipped_before_they_are_split() {
    // Newlines alone: each line costs bookkeeping while it is cleaned, so a page of them would
    // cost many times its size (60 MB of newlines peaked at 12 GB before the limit).
    let many = "x\n".repeat(150);
    let stream = format!("{ARTICLE}\x0c\n{many}\x0c\n{ARTICLE}Another body line closes it.\n");
    let out = run(&["--max-document-lines", "100"], stream.as_bytes());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "a skip is not a failure: {stderr}");
    assert!(
        stderr.contains("document 2: 150 lines, more than the limit of 100 lines; skipped (--max-document-lines)"),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches('\x0c').count(), 1, "two documents written: {stdout}");
    assert!(stdout.contains("Another body line closes it."));
    let strict = run(&["--max-document-lines", "100", "--strict"], stream.as_bytes());
    assert_eq!(strict.status.code(), Some(1), "--strict makes a skip a failure");
    // A document at the limit is cleaned; CRLF and a lone CR break lines too.
    let at_limit = run(&["--max-document-lines", "150"], stream.as_bytes());
    assert!(!text(&at_limit.stderr).contains("--max-document-lines"), "{}", text(&at_limit.stderr));
    let mixed = format!("{ARTICLE}\x0c\n{}\x0c\n{ARTICLE}", "x\r\ny\rz\n".repeat(40));
    let out = run(&["--max-document-lines", "100"], mixed.as_bytes());
    assert!(text(&out.stderr).contains("lines, more than the limit of 100 lines"), "{}", text(&out.stderr));
}

#[test]
fn documents_over_the_size_limit_are_skipped_with_a_warning_and_the_rest_cleaned() {
    let big = format!("{}\n", "A long line of article text. ".repeat(100));
    let stream = format!("{ARTICLE}\x0c\n{big}\x0c\n{ARTICLE}Another body line closes it.\n");
    let out = run(&["--max-document-size", "1K"], stream.as_bytes());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "a skip is not a failure: {stderr}");
    assert!(
        stderr.contains("document 2: 2901 bytes, larger than the limit of 1024 bytes; skipped (--max-document-size)"),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches('\x0c').count(), 1, "two documents written: {stdout}");
    assert!(!stdout.contains("A long line"));

    let strict = run(&["--max-document-size", "1K", "--strict"], stream.as_bytes());
    assert_eq!(strict.status.code(), Some(1), "--strict makes a skip a failure");
    assert_eq!(strict.stdout, out.stdout);

    // JSON Lines: the record over the limit is skipped, the next one cleaned.
    let records = format!(
        "{{\"id\":1,\"text\":{}}}\n{{\"id\":2,\"text\":{}}}\n",
        serde_json::to_string(&big).expect("JSON"),
        serde_json::to_string(ARTICLE).expect("JSON")
    );
    let out =
        run(&["--input-format", "jsonl", "--output-format", "jsonl", "--max-document-size", "1K"], records.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("document 1: 2921 bytes, larger than the limit"), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 1);
    assert!(text(&out.stdout).starts_with("{\"id\":2,"));
}

#[test]
fn lines_over_the_length_limit_are_kept_unmatched() {
    let hashtags: Vec<String> = (0..60).map(|i| format!("#tag{i}")).collect();
    let page = format!("{ARTICLE}{}\n", hashtags.join(" "));
    let default = run(&[], page.as_bytes());
    assert!(!text(&default.stdout).contains("#tag0"), "a hashtag line is chrome");
    let limited = run(&["--max-line-length", "100"], page.as_bytes());
    assert_eq!(limited.status.code(), Some(0));
    assert!(text(&limited.stdout).contains("#tag0 #tag1"), "too long to match, so kept as it is");

    let bad = run(&["--max-line-length", "lots"], b"");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("invalid value 'lots' for '--max-line-length <SIZE>'"), "{}", text(&bad.stderr));
}

#[test]
fn html_deeper_than_the_limit_is_read_from_its_token_stream() {
    let page = format!(
        "<html><body>{}<article><h1>Deep title</h1><p>Deep body text of the page.</p></article><nav>Menu</nav>{}</body></html>",
        "<div>".repeat(60),
        "</div>".repeat(60)
    );
    let default = run(&["--input-format", "html"], page.as_bytes());
    assert_eq!(text(&default.stdout), "Deep title\n\nDeep body text of the page.\n");
    assert!(default.stderr.is_empty(), "{}", text(&default.stderr));

    let limited = run(&["--input-format", "html", "--max-html-depth", "50"], page.as_bytes());
    assert_eq!(limited.status.code(), Some(0));
    assert_eq!(text(&limited.stdout), "Deep title\n\nDeep body text of the page.\n");
    assert!(
        text(&limited.stderr).contains("document 1: HTML nested at least 51 levels deep, over the limit of 50; its text was read without the page structure (--max-html-depth)"),
        "{}",
        text(&limited.stderr)
    );
}

#[test]
fn a_document_over_the_time_budget_is_skipped_and_named() {
    // A zero budget is spent before any work, so every document goes over it, deterministically.
    let stream = format!("{ARTICLE}\x0c\n{ARTICLE}");
    let out = run(&["--time-budget", "0"], stream.as_bytes());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.matches("over the time budget of 0.000 s").count(), 2, "{stderr}");
    assert!(stderr.contains("<stdin>: document 2: took"), "{stderr}");
    assert_eq!(run(&["--time-budget", "0", "--strict"], stream.as_bytes()).status.code(), Some(1));
    // The default budget, `off` and a duration all clean normally.
    for budget in ["10s", "off", "250ms", "1.5"] {
        let out = run(&["--time-budget", budget], stream.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{budget}");
        assert_eq!(text(&out.stdout).matches("The body paragraph").count(), 1, "{budget}: one copy, one duplicate");
    }
    assert_eq!(run(&["--time-budget", "soon"], b"").status.code(), Some(2));
}

#[test]
fn odd_files_in_a_batch_are_skipped_with_reasons_and_strict_fails_on_them() {
    let work = tempfile::tempdir().expect("temporary folder");
    let input = work.path().join("in");
    let out = work.path().join("out");
    fs::create_dir_all(input.join("sub")).expect("mkdir");
    fs::write(input.join("article.txt"), ARTICLE).expect("write");
    fs::write(input.join("empty.txt"), "").expect("write");
    fs::write(input.join("image.png"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10").expect("write");
    fs::write(input.join("sub/archive.txt.gz"), b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9")
        .expect("write");
    fs::write(input.join("sub/blob.bin"), b"some text\x00\x01\x02 then binary").expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(work.path().join("gone.txt"), input.join("dangling.txt")).expect("symlink");
        let fifo = input.join("sub/pipe");
        let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
    }
    // A stale temporary of a killed run, next to a finished output.
    fs::create_dir_all(out.join("sub")).expect("mkdir");
    fs::write(out.join("sub/.half.txt.boilerstrip-tmp"), "half").expect("write");
    fs::write(out.join("keep.txt"), "an earlier output").expect("write");
    let before = fs::read(input.join("article.txt")).expect("read");

    let args = [input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8"), "-j", "2"];
    let result = run(&args, b"");
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "skips are not failures: {stderr}");
    for expected in [
        "empty.txt: empty file",
        "image.png: binary file (png, image/png)",
        "archive.txt.gz: binary file (gz, application/gzip)",
        "blob.bin: binary file (NUL bytes)",
        "dangling.txt: dangling symbolic link",
        "sub/pipe: not a regular file (FIFO)",
        "removed 1 temporary files left in the output folder by an interrupted run",
        "0 failed, 6 skipped",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    assert!(!out.join("sub/.half.txt.boilerstrip-tmp").exists(), "the stale temporary is removed");
    assert_eq!(fs::read_to_string(out.join("keep.txt")).expect("read"), "an earlier output", "nothing else is");
    assert_eq!(fs::read_to_string(out.join("article.txt")).expect("output"), common_clean(ARTICLE));
    assert_eq!(fs::read(input.join("article.txt")).expect("read"), before, "inputs are never modified");

    let report = work.path().join("report.json");
    let strict = run(&[&args[..], &["--strict", "--report", report.to_str().expect("UTF-8")]].concat(), b"");
    assert_eq!(strict.status.code(), Some(1), "--strict: any skip fails the run");
    let report: serde_json::Value = serde_json::from_slice(&fs::read(&report).expect("report")).expect("JSON");
    assert_eq!(report["skipped"].as_array().map(Vec::len), Some(6));
    assert_eq!(report["failed"].as_array().map(Vec::len), Some(0));
}

#[test]
fn an_unreadable_file_is_skipped_when_permissions_apply() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let work = tempfile::tempdir().expect("temporary folder");
        let input = work.path().join("in");
        fs::create_dir_all(&input).expect("mkdir");
        fs::write(input.join("ok.txt"), ARTICLE).expect("write");
        let locked = input.join("locked.txt");
        fs::write(&locked, ARTICLE).expect("write");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read(&locked).is_ok() {
            // Running as root: permissions do not apply, so there is nothing to observe.
            return;
        }
        let out = work.path().join("out");
        let result = run(&[input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8")], b"");
        let stderr = text(&result.stderr);
        assert_eq!(result.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("locked.txt: permission denied"), "{stderr}");
        assert!(out.join("ok.txt").exists());
    }
}

#[test]
fn huge_single_line_and_nul_bytes_on_stdin_are_bounded_and_do_not_panic() {
    // 8 MB on one line with NUL bytes and invalid UTF-8 mixed in: cleaned, not refused.
    let mut input = Vec::new();
    for i in 0..200_000 {
        input.extend_from_slice(format!("word{i} \u{0}\u{ff} ").as_bytes());
        input.push(0xC3);
    }
    input.push(b'\n');
    // No time budget: this test is about memory and panics, and a debug build on a loaded
    // machine may take longer than the default budget on 8 MB.
    let out = run(&["--max-line-length", "64K", "--time-budget", "off"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.len() > 1_000_000);
}

fn common_clean(text: &str) -> String {
    common::default_cleaner().clean_text(text)
}
