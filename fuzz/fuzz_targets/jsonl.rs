//! JSON Lines input: any bytes give records or per-line errors, never a panic; and a record's
//! fields pass through as their bytes: written back with `text` replaced, every other value's raw
//! JSON is unchanged, in order, and the output reads back as the same fields.
#![no_main]
use boilerstrip::input::jsonl::{Fields, RecordReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in RecordReader::new(data) {
        match item.expect("reading a slice cannot fail") {
            Ok(record) => {
                let _ = (record.text(), record.url());
                let mut fields = record.fields.clone();
                fields.set("text", &"clean").expect("a string serialises");
                let mut out = Vec::new();
                fields.write_to(&mut out).expect("writing to a Vec cannot fail");
                let again: Fields = serde_json::from_slice(&out).expect("the output is a JSON object");
                assert_eq!(again, fields, "{}", String::from_utf8_lossy(&out));
                let names: Vec<&str> = record.fields.names().collect();
                assert_eq!(again.names().collect::<Vec<_>>(), names);
                for name in names.iter().filter(|&&name| name != "text") {
                    assert_eq!(again.raw(name), record.fields.raw(name), "{name}");
                }
            }
            Err(bad) => assert!(bad.line >= 1),
        }
    }
});
