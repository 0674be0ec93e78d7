//! Encoding detection and decoding: never panics; the text is valid UTF-8 by construction, and a
//! valid UTF-8 input (without BOM) decodes to itself.
#![no_main]
use boilerstrip::input::decode::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data.to_vec());
    if let Ok(text) = std::str::from_utf8(data)
        && !text.starts_with('\u{feff}')
    {
        assert_eq!(decoded.text, text, "valid UTF-8 must decode to itself");
    }
});
