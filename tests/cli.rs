//! The real binary: stdin, file arguments, form-feed streams, rule errors, closed pipes.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

fn boilerstrip() -> Command {
    Command::new(env!("CARGO_BIN_EXE_boilerstrip"))
}

/// Starts the binary with all three standard streams piped.
fn spawn(args: &[&str]) -> Child {
    boilerstrip()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_binary(args, stdin)
}

fn sample(name: &str) -> (Vec<u8>, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let raw = fs::read(dir.join(format!("{name}.raw"))).expect("sample raw");
    let gold = fs::read_to_string(dir.join(format!("{name}.gold.txt"))).expect("sample gold");
    (raw, gold)
}

const SAMPLE: &str = "004_8f8424779429028a";

#[test]
fn stdin_to_stdout() {
    let (raw, gold) = sample(SAMPLE);
    let out = run(&[], &raw);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), gold);
    assert!(out.stderr.is_empty());
}

#[test]
fn dash_and_file_argument() {
    let (raw, gold) = sample(SAMPLE);
    let dash = run(&["-"], &raw);
    assert_eq!(String::from_utf8(dash.stdout).expect("UTF-8"), gold);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("samples/{SAMPLE}.raw"));
    let file = run(&[path.to_str().expect("UTF-8 path")], b"");
    assert_eq!(file.status.code(), Some(0));
    assert_eq!(String::from_utf8(file.stdout).expect("UTF-8"), gold);
}

#[test]
fn form_feed_separates_documents_in_and_out() {
    let (raw_a, gold_a) = sample("002_4771df4216d75956");
    let (raw_b, gold_b) = sample("000_45d8ac48eca5e8d0");
    let mut stream = raw_a.clone();
    // The separator is a line of its own.
    if !stream.ends_with(b"\n") {
        stream.push(b'\n');
    }
    stream.extend_from_slice(b"\x0c\n");
    stream.extend_from_slice(&raw_b);
    let out = run(&[], &stream);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), format!("{gold_a}\x0c\n{gold_b}"));
}

#[test]
fn empty_input_gives_empty_output() {
    let out = run(&[], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn bom_crlf_and_lone_cr_are_read_as_plain_lines() {
    let out = run(&[], b"\xEF\xBB\xBFTitle\r\n\r\nBody one.\rBody two.\r\n0/400\r\n");
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), "Title\n\nBody one.\n\nBody two.\n");
}

#[test]
fn undecodable_bytes_warn_once_with_their_offset_and_continue() {
    let out = run(&["--encoding", "utf-8"], b"Good line.\n\xFF\xFEbad bytes\nMore \xC3 text.\n");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    assert!(stdout.starts_with("Good line.\n\n\u{FFFD}\u{FFFD}bad bytes"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("boilerstrip: warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("bytes at offset 11 are not valid UTF-8"), "{stderr}");
}

#[test]
fn legacy_encodings_are_detected() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Биткойн снова вырос.\n\nАналитики ждут продолжения роста.\n");
    let out = run(&[], &bytes);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        "Биткойн снова вырос.\n\nАналитики ждут продолжения роста.\n"
    );
}

#[test]
fn missing_file_is_reported_and_the_rest_is_cleaned() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("samples/{SAMPLE}.raw"));
    let out = run(&["/nonexistent/page.txt", path.to_str().expect("UTF-8")], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/page.txt"));
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), sample(SAMPLE).1);
}

#[test]
fn broken_rule_file_stops_before_reading_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("bad.toml");
    fs::write(
        &rules,
        "[site]\nname = \"bad\"\n\n[[rule]]\nid = \"x\"\ncategory = \"ticker\"\nkind = \"regex\"\npatterns = ['(unclosed']\ncolour = 1\n",
    )
    .expect("write rule file");
    let out = run(&["--rules", rules.to_str().expect("UTF-8")], b"Body.\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no input may be cleaned");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let shown = rules.display().to_string();
    assert!(
        stderr.contains(&format!("{shown}:9:1: unknown key `colour` in [[rule]]; allowed: id, category,")),
        "{stderr}"
    );
    assert!(stderr.contains("9 | colour = 1"), "the offending line is shown: {stderr}");
}

#[test]
fn invalid_regex_is_located_in_its_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("bad.toml");
    fs::write(&rules, "[site]\nname = \"bad\"\n\n[[rule]]\nid = \"x\"\ncategory = \"ticker\"\nkind = \"regex\"\npatterns = ['(unclosed']\n")
        .expect("write rule file");
    let out = run(&["--rules", rules.to_str().expect("UTF-8")], b"Body.\n");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:8:13: invalid regex `(unclosed`: unclosed group", rules.display())),
        "{stderr}"
    );
}

#[test]
fn user_rules_replace_an_embedded_site_by_name_and_add_new_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("common.toml"),
        "[site]\nname = \"common\"\nglobal = true\n\n[[rule]]\nid = \"promo\"\ncategory = \"app-promo\"\nkind = \"exact\"\nlines = [\"Get the app\"]\n",
    )
    .expect("write rule file");
    let out = run(
        &["--rules", dir.path().to_str().expect("UTF-8")],
        b"The post starts here.\nGet the app\n0/2000\nThe post goes on here.\n",
    );
    // The replaced common rules no longer drop the counter; the new rule drops the promo. (A
    // counter of 2000, not Gate's 0/400, which names the Gate site and its rules.)
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        "The post starts here.\n\n0/2000\n\nThe post goes on here.\n"
    );
    let none = run(&["--no-default-rules"], b"Body.\n0/2000\n");
    assert_eq!(String::from_utf8(none.stdout).expect("UTF-8"), "Body.\n\n0/2000\n");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_rule_file_in_a_rules_folder_is_named_not_read() {
    // Reading it would block forever: the run stops at once with a rule error (exit 2).
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("blocked.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let out = run(&["--rules", dir.path().to_str().expect("UTF-8")], b"Body.\n");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("blocked.toml") && stderr.contains("not a regular file"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdout_is_an_error_and_dev_null_is_not() {
    let with_stdout = |redirect: &str| {
        let mut child = Command::new("sh")
            .args(["-c", &format!("exec \"$0\" {redirect}"), env!("CARGO_BIN_EXE_boilerstrip")])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sh runs");
        child.stdin.take().expect("stdin").write_all(b"Body of the article.\n").expect("write");
        child.wait_with_output().expect("wait")
    };
    // `>&-`: the text would vanish with exit 0; it is a usage error that says so.
    let closed = with_stdout(">&-");
    assert_eq!(closed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&closed.stderr).contains("standard output is closed"));
    // Discarding the text on purpose is fine.
    let discarded = with_stdout(">/dev/null");
    assert_eq!(discarded.status.code(), Some(0), "{}", String::from_utf8_lossy(&discarded.stderr));
    // Opened read-write, as Python's `subprocess.DEVNULL` opens it (and as the runtime opens it
    // in place of a closed descriptor, which is why the check runs before the runtime starts).
    let read_write = with_stdout("1<>/dev/null");
    assert_eq!(read_write.status.code(), Some(0), "{}", String::from_utf8_lossy(&read_write.stderr));
}

#[test]
fn unknown_site_is_a_usage_error() {
    let out = run(&["--site", "nosuch"], b"Body.\n");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown site `nosuch` (known sites: "), "{stderr}");
    assert!(stderr.contains("gate") && stderr.contains("okx"), "{stderr}");
}

#[test]
fn directory_argument_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&[dir.path().to_str().expect("UTF-8")], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
}

#[test]
fn closed_pipe_ends_quietly() {
    // Like `boilerstrip < big | head -1`: read one line, then close the pipe.
    let (raw, _) = sample(SAMPLE);
    let mut stream = Vec::new();
    for _ in 0..300 {
        stream.extend_from_slice(&raw);
        stream.extend_from_slice(b"\x0c\n");
    }
    // Identical documents would be dropped as duplicates; keep them so the output is large.
    let mut child = spawn(&["--keep-duplicates"]);
    let mut input = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stream);
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().expect("piped stderr").read_to_string(&mut stderr).expect("stderr");
    let status = child.wait().expect("the binary finishes");
    writer.join().expect("stdin writer");
    assert_eq!(status.code(), Some(0));
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn html_pages_are_detected_and_their_article_extracted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/okx");
    let out = run(&[dir.join("es-real.html").to_str().expect("UTF-8")], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let gold = fs::read_to_string(dir.join("es-real.gold.txt")).expect("gold");
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), gold);
    // From stdin too, detected by its first bytes.
    let html = fs::read(dir.join("es-real.html")).expect("page");
    assert_eq!(String::from_utf8(run(&[], &html).stdout).expect("UTF-8"), gold);
}

#[test]
fn body_only_drops_the_title_of_an_html_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/okx");
    let page = dir.join("es-real.html");
    let gold = fs::read_to_string(dir.join("es-real.gold.txt")).expect("gold");
    let title = gold.lines().next().expect("the gold opens with the title");
    let out = run(&["--body-only", page.to_str().expect("UTF-8")], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let body = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!body.lines().any(|line| line == title), "{body}");
    // What is left is the gold's body, in order: nothing is added.
    let gold_lines: Vec<&str> = gold.lines().collect();
    let mut from = 0;
    for line in body.lines().filter(|l| !l.is_empty()) {
        let found =
            gold_lines[from..].iter().position(|g| *g == line).unwrap_or_else(|| panic!("{line:?} not in gold"));
        from += found + 1;
    }
}

#[test]
fn jsonl_fields_pass_through_as_their_bytes_in_stream_and_batch_mode() {
    let record = br#"{"id":123456789012345678901234567890,"score":1e2,"huge":1e400,"tag":"caf\u00e9","meta":{"a": [1, 2.50]},"k":1,"k":2,"text":"Bitcoin rose 3% on Monday as ETF inflows returned.\nBTC0.76%"}"#;
    let expected_fields = r#"{"id":123456789012345678901234567890,"score":1e2,"huge":1e400,"tag":"caf\u00e9","meta":{"a": [1, 2.50]},"k":1,"k":2,"text":"#;
    let streamed = run(&["--input-format", "jsonl", "--output-format", "jsonl"], record);
    assert_eq!(streamed.status.code(), Some(0), "{}", String::from_utf8_lossy(&streamed.stderr));
    let streamed = String::from_utf8(streamed.stdout).expect("UTF-8");
    assert!(streamed.starts_with(expected_fields), "{streamed}");
    assert!(
        streamed.contains(r#""text":"Bitcoin rose 3% on Monday as ETF inflows returned.\n","boilerstrip":{"#),
        "{streamed}"
    );
    let work = tempfile::tempdir().expect("temp dir");
    fs::write(work.path().join("records.jsonl"), record).expect("write");
    let out = work.path().join("out");
    let batch = run(
        &[
            work.path().join("records.jsonl").to_str().expect("UTF-8"),
            "-o",
            out.to_str().expect("UTF-8"),
            "--output-format",
            "jsonl",
        ],
        b"",
    );
    assert_eq!(batch.status.code(), Some(0), "{}", String::from_utf8_lossy(&batch.stderr));
    let written = fs::read_to_string(out.join("records.jsonl")).expect("output");
    assert!(written.starts_with(expected_fields), "{written}");
}

#[test]
fn jsonl_output_carries_an_html_pages_title_and_null_for_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/okx");
    let page = dir.join("es-real.html");
    let out = run(&["--output-format", "jsonl", page.to_str().expect("UTF-8")], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let gold = fs::read_to_string(dir.join("es-real.gold.txt")).expect("gold");
    assert_eq!(record["boilerstrip"]["title"].as_str(), gold.lines().next());
    let text = run(&["--output-format", "jsonl"], "A line of text.\n".as_bytes());
    let record: serde_json::Value = serde_json::from_slice(&text.stdout).expect("one JSON object");
    assert!(record["boilerstrip"]["title"].is_null() && record["boilerstrip"]["author"].is_null());
}

#[test]
fn a_stream_cleaned_on_several_threads_is_written_as_on_one() {
    // 150 documents (every sample 30 times, so most are duplicates), several chunks' worth.
    let names =
        ["000_45d8ac48eca5e8d0", "001_f1217b955badd853", "002_4771df4216d75956", "003_4628bbc38c3e18e4", SAMPLE];
    let mut stream = Vec::new();
    for round in 0..30 {
        for name in names {
            let (mut raw, _) = sample(name);
            if round % 2 == 1 {
                // A variant: one more paragraph, a near duplicate.
                raw.extend_from_slice(format!("\nOne more line in round {round}.\n").as_bytes());
            }
            if !stream.is_empty() {
                stream.extend_from_slice(b"\n\x0c\n");
            }
            stream.extend_from_slice(&raw);
        }
    }
    for flags in [&[][..], &["--output-format", "jsonl", "--keep-duplicates"][..]] {
        let one = run(&[&["-j", "1"], flags].concat(), &stream);
        assert_eq!(one.status.code(), Some(0), "{}", String::from_utf8_lossy(&one.stderr));
        for jobs in ["2", "3"] {
            let many = run(&[&["-j", jobs], flags].concat(), &stream);
            assert_eq!(many.status.code(), Some(0));
            assert!(many.stdout == one.stdout, "-j {jobs} {flags:?} wrote other output");
            assert_eq!(many.stderr, one.stderr);
        }
    }
    // Only the first copy of each sample is written, as its gold text.
    let one = run(&["-j", "2"], &stream);
    let golds: Vec<String> = names.iter().map(|name| sample(name).1).collect();
    assert_eq!(String::from_utf8(one.stdout).expect("UTF-8"), golds.join("\x0c\n"));
}

#[test]
fn a_closed_stderr_loses_the_warnings_not_the_documents() {
    let mut child = spawn(&["--encoding", "utf-8"]);
    // Nobody reads stderr: the first warning meets a closed pipe.
    drop(child.stderr.take());
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"First \xFF document line.\n\x0c\nSecond document line.\n").expect("write stdin");
    drop(stdin);
    let mut stdout = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut stdout).expect("read stdout");
    let status = child.wait().expect("the binary ends");
    assert_eq!(status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Second document line."), "{stdout}");
}

#[test]
fn batch_only_options_without_an_output_folder_are_usage_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.json");
    let out = run(&["--report", report.to_str().expect("UTF-8")], b"Body.\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing is cleaned");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--report applies to batch mode only"), "{stderr}");
    assert!(!report.exists());
    let page = dir.path().join("page.txt");
    fs::write(&page, "Body.\n").expect("write page");
    let out = run(&[page.to_str().expect("UTF-8"), "--glob", "*.md"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--glob applies to batch mode only"));
}

#[test]
fn quiet_strict_failures_still_say_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir(&input).expect("mkdir");
    fs::write(input.join("empty.txt"), "").expect("write");
    let out = dir.path().join("out");
    let args = [input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8"), "--quiet", "--strict"];
    let batch = run(&args, b"");
    assert_eq!(batch.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&batch.stderr);
    assert!(stderr.contains("1 input(s) skipped, and --strict counts a skip as a failure"), "{stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "one line, nothing else: {stderr:?}");
    // Without --strict, --quiet stays silent.
    let quiet = run(&args[..4], b"");
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty(), "{:?}", String::from_utf8_lossy(&quiet.stderr));
}
