//! JSON Lines input: any bytes give records or per-line errors, never a panic.
#![no_main]
use boilerstrip::input::jsonl::RecordReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in RecordReader::new(data) {
        match item.expect("reading a slice cannot fail") {
            Ok(record) => {
                let _ = (record.text(), record.url());
            }
            Err(bad) => assert!(bad.line >= 1),
        }
    }
});
