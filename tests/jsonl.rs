//! JSON Lines in and out through the real binary.

mod common;

use std::process::Output;

use serde_json::Value;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_binary(args, stdin)
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect()
}

#[test]
fn records_round_trip_with_their_fields_in_order() {
    let input = concat!(
        r#"{"id":"a1","lang":"fr","text":"Titre\n\nCorps de l'article.\nBTC0.76%\n0/400\n","fetched":"2025-05-01","n":3}"#,
        "\n",
        r#"{"text":"\u4e2d\u6587\u6b63\u6587\u3002\n#BTC #ETH","id":"a2","meta":{"k":[1,2]}}"#,
        "\n"
    );
    let out = run(&["--output-format", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let records = records(&out);
    assert_eq!(records.len(), 2);
    let first = records[0].as_object().expect("object");
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "lang", "text", "fetched", "n", "boilerstrip"]);
    assert_eq!(first["text"], "Titre\n\nCorps de l'article.\n");
    assert_eq!(first["n"], 3);
    let meta = &first["boilerstrip"];
    assert_eq!(meta["removed"]["ticker"], 1);
    assert_eq!(meta["removed"]["comment-widget"], 1);
    assert_eq!(meta["encoding"], "UTF-8");
    assert_eq!(meta["duplicate_of"], Value::Null);
    assert_eq!(records[1]["text"], "中文正文。\n");
    assert_eq!(records[1]["meta"]["k"][1], 2);
}

#[test]
fn a_url_chooses_the_site_by_host() {
    // The same text: under a gate.com URL Gate's rules cut the page at "Voir l'original"; under
    // an okx.com URL the URL wins over the text's Gate fingerprint, and OKX's rules keep it.
    let text = "Titre\\n\\nCorps.\\nVoir l'original\\nTexte après.\\n";
    let input = format!(
        "{{\"url\":\"https://www.gate.com/fr/post/status/1\",\"text\":\"{text}\"}}\n{{\"url\":\"https://www.okx.com/fr/learn/x\",\"text\":\"{text}\"}}\n"
    );
    let out = run(&["--output-format", "jsonl"], input.as_bytes());
    let records = records(&out);
    assert_eq!(records[0]["boilerstrip"]["site"], "gate");
    assert_eq!(records[0]["text"], "Titre\n\nCorps.\n");
    assert_eq!(records[1]["boilerstrip"]["site"], "okx");
    assert_eq!(records[1]["text"], "Titre\n\nCorps.\n\nVoir l'original\n\nTexte après.\n");
}

#[test]
fn a_malformed_line_is_reported_and_skipped() {
    let input =
        "{\"id\":1,\"text\":\"One.\"}\n{\"id\":2,\"text\":\"broken\n{\"id\":3}\n{\"id\":4,\"text\":\"Four.\"}\n";
    let out = run(&["--input-format", "jsonl", "--output-format", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<i64> = records(&out).iter().map(|r| r["id"].as_i64().expect("id")).collect();
    assert_eq!(ids, [1, 4]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>: line 2: not valid JSON"), "{stderr}");
    assert!(stderr.contains("<stdin>: line 3: no `text` field"), "{stderr}");
}

#[test]
fn jsonl_input_is_detected_and_text_output_is_the_default() {
    let out = run(&[], b"{\"text\":\"Body.\\nqrCode\"}\n{\"text\":\"Two.\"}\n");
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), "Body.\n\x0c\nTwo.\n");
}

#[test]
fn text_input_can_be_written_as_jsonl() {
    let out = run(&["--output-format", "jsonl"], b"One.\n0/400\n\x0c\nTwo.\n");
    let records = records(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["source"], "<stdin>");
    assert_eq!(records[1]["document"], 2);
    assert_eq!(records[1]["text"], "Two.\n");
    assert_eq!(records[0]["boilerstrip"]["format"], "text (by first bytes)");
}
