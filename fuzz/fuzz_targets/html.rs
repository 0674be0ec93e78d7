//! HTML extraction: never panics or overflows the stack, whatever the markup.
#![no_main]
use boilerstrip::input::html::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let extracted = extract(&html);
    assert!(!extracted.text.contains('\u{0}') || html.contains('\u{0}'));
});
