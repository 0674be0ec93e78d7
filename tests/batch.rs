//! Batch mode through the real binary: a generated tree in, a tree out.

mod common;

use common::files_under;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn boilerstrip(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_boilerstrip")).args(args).output().expect("the binary runs")
}

fn sample(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    fs::read_to_string(dir.join(format!("{name}.raw"))).expect("sample")
}

/// A tree with nested folders, an exact and a near duplicate, a hidden file, a binary file and a
/// dangling symlink.
fn make_tree(root: &Path) {
    let write = |rel: &str, text: &[u8]| {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    write("ar/2025/page-000.txt", sample("000_45d8ac48eca5e8d0").as_bytes());
    write("fr/page-004.txt", sample("004_8f8424779429028a").as_bytes());
    write("id/deep/er/page-002.txt", sample("002_4771df4216d75956").as_bytes());
    // An exact duplicate in another folder (a re-scrape: same article, other tickers).
    write("zz/copy-of-fr.txt", sample("004_8f8424779429028a").replace("BTC0.76%", "BTC1.02%").as_bytes());
    // A near duplicate: one word of the Portuguese article changed.
    let pt = sample("003_4628bbc38c3e18e4");
    write("pt/original.txt", pt.as_bytes());
    write("pt/rescrape.txt", pt.replacen("realidade", "verdade", 1).as_bytes());
    write(".hidden/skip-me.txt", b"Hidden text.\n");
    write("ar/.also-hidden.txt", b"Hidden text.\n");
    write("img/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("does-not-exist.txt"), root.join("broken-link.txt")).expect("symlink");
        std::os::unix::fs::symlink(root.join("ar"), root.join("ar/2025/loop")).expect("symlink");
    }
}

#[test]
fn a_tree_is_cleaned_into_a_tree_with_duplicates_listed() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    let result = boilerstrip(&[input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8"), "-j", "2"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    // The broken link, the loop and the binary file are skipped with reasons, not failures.
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("broken-link.txt: dangling symbolic link"), "{stderr}");
    assert!(stderr.contains("ar/2025/loop: symbolic link loop"), "the symlink loop is reported: {stderr}");
    assert!(stderr.contains("skipped: ") && stderr.contains("logo.png: binary file"), "{stderr}");

    let written: Vec<String> = files_under(&out).iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        written,
        [
            ".boilerstrip/duplicates.tsv",
            // The folder's lock (empty; the lock ends with the run, the file stays).
            ".boilerstrip/lock",
            "ar/2025/page-000.txt",
            "fr/page-004.txt",
            "id/deep/er/page-002.txt",
            "pt/original.txt",
        ],
        "duplicates, hidden files, the binary file and the broken link are not written"
    );
    let gold = |name: &str| fs::read_to_string(manifest().join(format!("samples/{name}.gold.txt"))).expect("gold");
    assert_eq!(fs::read_to_string(out.join("fr/page-004.txt")).expect("output"), gold("004_8f8424779429028a"));
    assert_eq!(fs::read_to_string(out.join("pt/original.txt")).expect("output"), gold("003_4628bbc38c3e18e4"));

    let tsv = fs::read_to_string(out.join(".boilerstrip/duplicates.tsv")).expect("duplicate list");
    let rows: Vec<Vec<&str>> = tsv.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{tsv}");
    assert!(rows[0][0].ends_with("pt/rescrape.txt") && rows[0][1].ends_with("pt/original.txt") && rows[0][2] == "near");
    assert!(
        rows[1][0].ends_with("zz/copy-of-fr.txt") && rows[1][1].ends_with("fr/page-004.txt") && rows[1][2] == "exact"
    );
    // Input files are untouched.
    assert_eq!(fs::read_to_string(input.join("pt/original.txt")).expect("input"), sample("003_4628bbc38c3e18e4"));
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_result_does_not_depend_on_the_number_of_threads() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    make_tree(&input);
    // More files, so that chunks and threads really interleave.
    for i in 0..60 {
        let text =
            format!("Article number {i} about markets.\n\nIts only paragraph, number {i}, says little.\n0/400\n");
        fs::write(input.join(format!("fr/extra-{i:03}.txt")), text).expect("write");
    }
    let mut trees = Vec::new();
    for jobs in ["1", "4"] {
        let out = work.path().join(format!("out-{jobs}"));
        let report = work.path().join(format!("report-{jobs}.json"));
        boilerstrip(&[
            input.to_str().expect("UTF-8"),
            "-o",
            out.to_str().expect("UTF-8"),
            "-j",
            jobs,
            "--quiet",
            "--report",
            report.to_str().expect("UTF-8"),
        ]);
        let files: Vec<(PathBuf, Vec<u8>)> =
            files_under(&out).into_iter().map(|rel| (rel.clone(), fs::read(out.join(&rel)).expect("read"))).collect();
        let mut report: serde_json::Value =
            serde_json::from_slice(&fs::read(&report).expect("report")).expect("report is JSON");
        report["elapsed_seconds"] = serde_json::Value::Null;
        trees.push((files, report));
    }
    assert_eq!(trees[0].0, trees[1].0, "output trees and duplicate lists differ between -j 1 and -j 4");
    assert_eq!(trees[0].1, trees[1].1, "reports differ between -j 1 and -j 4");
    assert_eq!(trees[0].1["exact_duplicates"], 1);
    assert_eq!(trees[0].1["near_duplicates"], 1);
}

#[test]
fn globs_select_files_and_a_directory_without_output_is_refused() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    let result =
        boilerstrip(&[input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8"), "--glob", "fr/*.txt"]);
    // The broken link is still met (and reported as skipped) by the walk.
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("dangling symbolic link"), "{stderr}");
    let written: Vec<PathBuf> = files_under(&out).into_iter().filter(|p| !p.starts_with(".boilerstrip")).collect();
    assert_eq!(written, [PathBuf::from("fr/page-004.txt")]);

    let refused = boilerstrip(&[input.to_str().expect("UTF-8")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("-o OUT"));
}

#[test]
fn an_output_whose_input_now_gives_none_is_removed() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    let args = [input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8")];
    assert_eq!(boilerstrip(&args).status.code(), Some(0));
    assert!(out.join("fr/page-004.txt").exists() && out.join("id/deep/er/page-002.txt").exists());
    // Between the runs one input becomes empty and another a copy of an earlier file.
    fs::write(input.join("fr/page-004.txt"), b"").expect("write");
    fs::copy(input.join("ar/2025/page-000.txt"), input.join("id/deep/er/page-002.txt")).expect("copy");
    let again = boilerstrip(&args);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(0), "{stderr}");
    assert!(!out.join("fr/page-004.txt").exists(), "the empty input's old output stays");
    assert!(!out.join("id/deep/er/page-002.txt").exists(), "the duplicate's old output stays");
    assert!(out.join("ar/2025/page-000.txt").exists());
    assert!(stderr.contains("removed 2 outputs of an earlier run"), "{stderr}");
}

#[test]
fn a_duplicate_list_that_cannot_be_written_is_an_error_and_the_summary_names_no_list() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    make_tree(&input);
    // The list's folder would have to be made inside a regular file.
    fs::write(work.path().join("blocker"), b"a file").expect("write");
    let list = work.path().join("blocker/duplicates.tsv");
    let out = work.path().join("out");
    let result = boilerstrip(&[
        input.to_str().expect("UTF-8"),
        "-o",
        out.to_str().expect("UTF-8"),
        "--dup-report",
        list.to_str().expect("UTF-8"),
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("blocker/duplicates.tsv: cannot write"), "{stderr}");
    assert!(stderr.contains("duplicate list not written"), "{stderr}");
    assert!(!stderr.contains("duplicates listed in"), "{stderr}");
    // The outputs themselves are written.
    assert!(out.join("ar/2025/page-000.txt").exists());
}

#[test]
fn a_second_run_into_a_locked_output_folder_is_refused_and_touches_nothing() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    // Another run holds the folder (as a running batch does): the lock this test takes stands in
    // for it, so that the conflict does not depend on timing.
    fs::create_dir_all(out.join(".boilerstrip")).expect("mkdir");
    let lock = fs::File::create(out.join(".boilerstrip/lock")).expect("lock file");
    lock.lock().expect("lock");
    // A temporary of the other run in flight must survive the refused run.
    fs::write(out.join(".busy.txt.boilerstrip-tmp"), b"half").expect("write");
    let args = [input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8")];
    let refused = boilerstrip(&args);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("another boilerstrip run is writing into this folder"), "{stderr}");
    assert!(out.join(".busy.txt.boilerstrip-tmp").exists(), "the other run's temporary was removed");
    assert!(!out.join("ar/2025/page-000.txt").exists(), "an output was written beside the other run");
    // Once the other run ends, the folder is free (and its leftover temporary is cleaned up).
    drop(lock);
    let again = boilerstrip(&args);
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(out.join("ar/2025/page-000.txt").exists());
    assert!(!out.join(".busy.txt.boilerstrip-tmp").exists());
}

#[cfg(unix)]
#[test]
fn past_a_file_size_limit_one_output_fails_and_the_run_goes_on() {
    // Under `ulimit -f`, SIGXFSZ used to kill the run without a word; now the write that passes
    // the limit fails with its reason, leaves no temporary, and the other files are written.
    let work = tempfile::tempdir().expect("temp dir");
    let (input, out) = (work.path().join("in"), work.path().join("out"));
    fs::create_dir_all(&input).expect("mkdir");
    let paragraphs: Vec<String> =
        (0..400).map(|i| format!("Paragraph {i} of a long article about markets and the week ahead.")).collect();
    fs::write(input.join("big.txt"), paragraphs.join("\n")).expect("write");
    fs::write(input.join("small.txt"), "A short article of one sentence.\n").expect("write");
    let script = "ulimit -f 8 && exec \"$0\" \"$1\" -o \"$2\"";
    let result = Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_boilerstrip")])
        .args([input.to_str().expect("UTF-8"), out.to_str().expect("UTF-8")])
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("big.txt: cannot write: File too large"), "{stderr}");
    assert!(out.join("small.txt").exists(), "{stderr}");
    let left: Vec<PathBuf> = files_under(&out).into_iter().filter(|p| !p.starts_with(".boilerstrip")).collect();
    assert_eq!(left, [PathBuf::from("small.txt")], "no temporary and no partial output stays");
}

#[test]
fn a_file_named_on_the_command_line_is_cleaned_whatever_the_globs_say() {
    // As ripgrep does: globs select among the files found in folders; a path the user names is
    // always read (README, batch mode).
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    let named = input.join("fr/page-004.txt");
    let folder = input.join("pt");
    let args = [named.to_str().expect("UTF-8"), folder.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8")];
    let result = boilerstrip(&[&args[..], &["--glob", "!*.txt"]].concat());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    let written: Vec<PathBuf> = files_under(&out).into_iter().filter(|p| !p.starts_with(".boilerstrip")).collect();
    assert_eq!(written, [PathBuf::from("page-004.txt")], "the folder's files are filtered, the named file is not");
}

#[test]
fn a_killed_batch_leaves_no_partial_output() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let words = [
        "bitcoin",
        "miners",
        "regulators",
        "liquidity",
        "funding",
        "stablecoin",
        "ledger",
        "yield",
        "custody",
        "hashrate",
        "validators",
        "exchange",
        "margin",
        "oracle",
        "treasury",
        "auditors",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..200 {
        let path = input.join(format!("d{:02}/page-{i:04}.txt", i % 20));
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        // Distinct articles (random word sequences), so that none is a duplicate, plus chrome.
        let mut text = format!("Article {i}\n\n");
        for _ in 0..12 {
            let paragraph: Vec<&str> = (0..40).map(|_| words[(next() % words.len() as u64) as usize]).collect();
            text.push_str(&paragraph.join(" "));
            text.push_str(".\n\n");
        }
        text.push_str("BTC0.76%\n0/400\nqrCode\n");
        fs::write(path, text).expect("write");
    }
    let complete = work.path().join("complete");
    boilerstrip(&[input.to_str().expect("UTF-8"), "-o", complete.to_str().expect("UTF-8"), "--quiet", "-j", "1"]);

    let killed = work.path().join("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_boilerstrip"))
        .args([input.to_str().expect("UTF-8"), "-o", killed.to_str().expect("UTF-8"), "--quiet", "-j", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let started = Instant::now();
    let visible_outputs = |dir: &Path| {
        if !dir.exists() {
            return 0;
        }
        files_under(dir)
            .iter()
            // (Not the temporaries, nor the run's own `.boilerstrip/` folder: its lock is there.)
            .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
            .filter(|p| !p.starts_with(".boilerstrip"))
            .count()
    };
    while visible_outputs(&killed) < 10 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    let mut visible = 0;
    for rel in files_under(&killed) {
        let hidden = rel.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden || rel.starts_with(".boilerstrip") {
            continue;
        }
        visible += 1;
        let got = fs::read(killed.join(&rel)).expect("read");
        let want = fs::read(complete.join(&rel)).expect("the complete run wrote it too");
        assert_eq!(got, want, "{} is partial", rel.display());
    }
    assert!(visible >= 10, "the batch was killed before writing ({visible} outputs)");

    // Running again completes the tree and leaves no temporary behind.
    boilerstrip(&[input.to_str().expect("UTF-8"), "-o", killed.to_str().expect("UTF-8"), "--quiet"]);
    let leftovers: Vec<PathBuf> =
        files_under(&killed).into_iter().filter(|p| p.to_string_lossy().ends_with(".boilerstrip-tmp")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    for rel in files_under(&complete).into_iter().filter(|p| !p.starts_with(".boilerstrip")) {
        assert_eq!(fs::read(killed.join(&rel)).expect("rerun output"), fs::read(complete.join(&rel)).expect("output"));
    }
}

#[test]
fn duplicates_are_found_across_a_stdin_stream() {
    let text = sample("002_4771df4216d75956");
    let stream = format!("{text}\n\x0c\n{text}\n\x0c\nAnother article entirely, with its own text.\n");
    let run = |args: &[&str]| common::run_binary(args, stream.as_bytes());
    let deduped = String::from_utf8(run(&[]).stdout).expect("UTF-8");
    assert_eq!(deduped.matches('\x0c').count(), 1, "two documents out of three: {deduped}");
    let kept = String::from_utf8(run(&["--keep-duplicates"]).stdout).expect("UTF-8");
    assert_eq!(kept.matches('\x0c').count(), 2);
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("dups.tsv");
    run(&["--dup-report", report.to_str().expect("UTF-8")]);
    let tsv = fs::read_to_string(&report).expect("report");
    assert_eq!(tsv.lines().nth(1), Some("<stdin>#2\t<stdin>#1\texact\t1.000"));
}

#[test]
fn ctrl_c_stops_cleanly_and_says_how_far_it_got() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    for i in 0..3000 {
        let path = input.join(format!("d{:02}/page-{i:05}.txt", i % 30));
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, format!("Article {i} {}\n\nBody of article {i}, {}.\n", i * 7919, i * 104_729)).expect("write");
    }
    let out = work.path().join("out");
    let child = Command::new(env!("CARGO_BIN_EXE_boilerstrip"))
        .args([input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8"), "-j", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let started = Instant::now();
    while !out.join("d00").exists() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let output = child.wait_with_output().expect("finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("interrupted after") && stderr.contains("of 3000 files"), "{stderr}");
    assert!(stderr.contains("files read"), "the summary is printed: {stderr}");
}

#[test]
fn no_output_or_report_may_overwrite_an_input() {
    let work = tempfile::tempdir().expect("temp dir");
    let page = work.path().join("a.txt");
    let raw = sample("000_45d8ac48eca5e8d0");
    fs::write(&page, &raw).expect("write");
    let page_arg = page.to_str().expect("UTF-8");
    let out = work.path().join("out");
    let out_arg = out.to_str().expect("UTF-8");
    for args in [
        // The file's own folder as the output folder: its output would be the file itself.
        vec![page_arg, "-o", work.path().to_str().expect("UTF-8")],
        vec![page_arg, "-o", out_arg, "--report", page_arg],
        vec![page_arg, "-o", out_arg, "--dup-report", page_arg],
    ] {
        let result = boilerstrip(&args);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("would overwrite the input"), "{stderr}");
        assert_eq!(fs::read_to_string(&page).expect("read"), raw, "{args:?} changed the input");
        assert!(!out.exists(), "{args:?} wrote before refusing");
    }
    // A link in the output folder that leads to the input counts as the input.
    #[cfg(unix)]
    {
        fs::create_dir_all(&out).expect("mkdir");
        std::os::unix::fs::symlink(&page, out.join("a.txt")).expect("symlink");
        let result = boilerstrip(&[page_arg, "-o", out_arg]);
        assert_eq!(result.status.code(), Some(2), "{}", String::from_utf8_lossy(&result.stderr));
        assert_eq!(fs::read_to_string(&page).expect("read"), raw);
    }
    // Apart from the inputs, the same run writes.
    fs::remove_dir_all(&out).expect("rm");
    let result = boilerstrip(&[page_arg, "-o", out_arg]);
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(out.join("a.txt").exists());
}

#[test]
fn one_bad_byte_in_a_utf8_page_leaves_it_utf8_and_is_reported() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    fs::create_dir_all(&input).expect("mkdir");
    // The Arabic sample with one stray byte in its language menu, after the body (a splice by
    // the scraper).
    let raw = sample("000_45d8ac48eca5e8d0");
    let mut bytes = raw.as_bytes().to_vec();
    let at = raw.trim_end().rfind(' ').expect("a space") + 1;
    bytes.insert(at, 0xFF);
    fs::write(input.join("ar.txt"), &bytes).expect("write");
    let report = work.path().join("report.json");
    let result = boilerstrip(&[
        input.to_str().expect("UTF-8"),
        "-o",
        out.to_str().expect("UTF-8"),
        "--report",
        report.to_str().expect("UTF-8"),
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("not valid UTF-8; replaced with U+FFFD"), "{stderr}");
    assert!(fs::read_to_string(&report).expect("report").contains("replaced with U+FFFD"));
    let clean = fs::read_to_string(out.join("ar.txt")).expect("output");
    let gold = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/000_45d8ac48eca5e8d0.gold.txt"))
        .expect("gold");
    // Read as UTF-8 (not windows-1252 mojibake), the page is cleaned as the intact one is.
    assert_eq!(clean, gold);
}

#[test]
fn an_invalid_glob_is_a_usage_error_before_anything_is_written() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    let result =
        boilerstrip(&[input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8"), "--glob", "fr/[*.txt"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("invalid --glob \"fr/[*.txt\""), "{stderr}");
    // Not run unfiltered: nothing was written.
    assert!(!out.exists(), "{stderr}");
}

#[test]
fn a_mistyped_input_fails_the_run_and_the_rest_is_cleaned() {
    let work = tempfile::tempdir().expect("temp dir");
    let page = work.path().join("a.txt");
    fs::write(&page, sample("004_8f8424779429028a")).expect("write");
    let missing = work.path().join("typo.txt");
    let out = work.path().join("out");
    let result = boilerstrip(&[
        page.to_str().expect("UTF-8"),
        missing.to_str().expect("UTF-8"),
        "-o",
        out.to_str().expect("UTF-8"),
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    // Not "skipped: vanished while the folder was listed" with exit 0.
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error:") && stderr.contains("typo.txt"), "{stderr}");
    assert!(out.join("a.txt").exists(), "{stderr}");
}

#[cfg(unix)]
#[test]
fn nothing_is_written_outside_the_output_folder_through_links() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    let victim = work.path().join("victim.txt");
    fs::write(&victim, "precious\n").expect("write");
    let elsewhere = work.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).expect("mkdir");
    fs::create_dir_all(&out).expect("mkdir");
    // A link planted at a temporary name, and a folder of the tree that is a link out of OUT.
    std::os::unix::fs::symlink(&victim, out.join(".page-004.txt.boilerstrip-tmp")).expect("symlink");
    fs::create_dir_all(out.join("fr")).expect("mkdir");
    std::os::unix::fs::symlink(&victim, out.join("fr/.page-004.txt.boilerstrip-tmp")).expect("symlink");
    std::os::unix::fs::symlink(&elsewhere, out.join("pt")).expect("symlink");
    let result = boilerstrip(&[input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(fs::read_to_string(&victim).expect("read"), "precious\n", "{stderr}");
    assert!(fs::read_dir(&elsewhere).expect("list").next().is_none(), "written through the link: {stderr}");
    assert!(stderr.contains("symbolic link inside the output folder"), "{stderr}");
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    // The file whose temporary name held a link is written, as a file.
    let written = out.join("fr/page-004.txt");
    assert!(fs::symlink_metadata(&written).expect("written").file_type().is_file(), "{stderr}");
}

#[test]
fn a_name_of_up_to_255_bytes_is_written() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    fs::create_dir_all(&input).expect("mkdir");
    // 250 bytes: with a dot and the temporary suffix around it, over the file system's 255.
    let name = format!("{}.txt", "a".repeat(246));
    fs::write(input.join(&name), sample("004_8f8424779429028a")).expect("write");
    let result = boilerstrip(&[input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(out.join(&name).is_file(), "{stderr}");
}

#[test]
fn far_more_jobs_than_cores_are_capped_with_a_warning() {
    let work = tempfile::tempdir().expect("temp dir");
    let input = work.path().join("in");
    let out = work.path().join("out");
    make_tree(&input);
    let result = boilerstrip(&[input.to_str().expect("UTF-8"), "-o", out.to_str().expect("UTF-8"), "-j", "100000"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("-j 100000 capped at"), "{stderr}");
    assert!(out.join("fr/page-004.txt").is_file(), "{stderr}");
}

#[test]
fn an_output_folder_that_is_a_file_is_a_usage_error() {
    let work = tempfile::tempdir().expect("temp dir");
    let page = work.path().join("a.txt");
    fs::write(&page, sample("004_8f8424779429028a")).expect("write");
    let not_a_folder = work.path().join("out.txt");
    fs::write(&not_a_folder, "keep me\n").expect("write");
    let result = boilerstrip(&[page.to_str().expect("UTF-8"), "-o", not_a_folder.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    assert_eq!(fs::read_to_string(&not_a_folder).expect("read"), "keep me\n");
}
