//! Embeds every `rules/*.toml` file into the binary as the default rule set.
//!
//! Scanning the folder here (rather than listing files in Rust) means shipping a new site is a
//! data-only change: drop `rules/<site>.toml` in and rebuild.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let rules_dir = Path::new(&manifest_dir).join("rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());

    let mut files: Vec<_> = fs::read_dir(&rules_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
                .collect()
        })
        .unwrap_or_default();
    // Sorted so the generated table, and everything derived from it, is the same on every machine.
    files.sort();

    let mut table = String::from("/// Rule files compiled into the binary: (path shown in messages, contents).\n");
    table.push_str("pub(crate) static EMBEDDED_RULE_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file_name = path.file_name().and_then(|n| n.to_str()).expect("rule file names are UTF-8");
        writeln!(table, "    (\"rules/{file_name}\", include_str!({:?})),", path.display().to_string())
            .expect("writing to a String cannot fail");
    }
    table.push_str("];\n");

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_rules.rs");
    fs::write(out, table).expect("OUT_DIR is writable");
}
