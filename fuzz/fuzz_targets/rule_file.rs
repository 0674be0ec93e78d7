//! Rule-file parsing and compiling: any text gives rules or errors with positions, never a panic;
//! every error renders.
#![no_main]
use boilerstrip::rules::{Registry, RuleSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = RuleSource { path: "fuzz.toml".to_owned(), text: text.to_owned(), embedded: false };
    if let Err(errors) = Registry::from_sources(Vec::new(), vec![source]) {
        for error in &errors.0 {
            let _ = error.render();
        }
    }
});
