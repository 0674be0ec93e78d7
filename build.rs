//! Embeds every `rules/*.toml` file into the binary as the default rule set, with the line
//! gates of their regex patterns worked out (`src/rules/gate.rs`, compiled here too) and their
//! regexes compiled to sparse DFAs: building a regex at start-up costs more than cleaning a small
//! input, and a DFA built here costs nothing to load.
//!
//! Scanning the folder here (rather than listing files in Rust) means shipping a new site is a
//! data-only change: drop `rules/<site>.toml` in and rebuild. A file that does not parse gets no
//! gates here; loading reports its errors as for any file.

#[allow(dead_code)]
#[path = "src/rules/gate.rs"]
mod gate;

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

    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("embedded_rules.rs"), table).expect("OUT_DIR is writable");
    fs::write(Path::new(&out_dir).join("embedded_gates.rs"), gate_table(&files)).expect("OUT_DIR is writable");
    fs::write(Path::new(&out_dir).join("embedded_fixtures.rs"), fixture_table(&files)).expect("OUT_DIR is writable");
    let (dfa_table, dfa_bytes) = dfa_table(&embedded_patterns(&files));
    fs::write(Path::new(&out_dir).join("embedded_dfas.rs"), dfa_table).expect("OUT_DIR is writable");
    fs::write(Path::new(&out_dir).join("embedded_dfas.bin"), dfa_bytes).expect("OUT_DIR is writable");
}

/// A pattern whose DFA would take more than this many bytes is left to be compiled on first use
/// (a Unicode class under a counted repetition can make a very large DFA).
const MAX_DFA_BYTES: usize = 2 << 20;

/// The `EMBEDDED_DFAS` table and the bytes it points into: for every pattern whose DFA builds
/// within [`MAX_DFA_BYTES`], the sparse DFA that answers `is_match` (unanchored, earliest match,
/// no captures: what `src/rules/lazy.rs` asks), serialised little-endian. Sorted by pattern.
fn dfa_table(patterns: &std::collections::BTreeSet<String>) -> (String, Vec<u8>) {
    use regex_automata::dfa::{StartKind, dense};
    use regex_automata::nfa::thompson::{self, WhichCaptures};
    let mut table = String::from(
        "/// Sparse DFAs of the embedded rule files' patterns, built by the build script: (pattern,\n\
         /// start, end) into `EMBEDDED_DFA_BYTES`, sorted by pattern. A pattern missing here is\n\
         /// compiled on first use.\n\
         pub(crate) static EMBEDDED_DFAS: &[(&str, usize, usize)] = &[\n",
    );
    let mut bytes = Vec::new();
    for pattern in patterns {
        let built = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .start_kind(StartKind::Unanchored)
                    .unicode_word_boundary(true)
                    .dfa_size_limit(Some(MAX_DFA_BYTES * 4))
                    .determinize_size_limit(Some(MAX_DFA_BYTES * 8)),
            )
            .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
            .build(pattern);
        let Ok(dense) = built else { continue };
        let Ok(sparse) = dense.to_sparse() else { continue };
        let serialised = sparse.to_bytes_little_endian();
        if serialised.len() > MAX_DFA_BYTES {
            continue;
        }
        let start = bytes.len();
        bytes.extend_from_slice(&serialised);
        writeln!(table, "    ({pattern:?}, {start}, {}),", bytes.len()).expect("writing to a String cannot fail");
    }
    table.push_str("];\n/// The serialised DFAs `EMBEDDED_DFAS` points into.\n");
    table.push_str(
        "pub(crate) static EMBEDDED_DFA_BYTES: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/embedded_dfas.bin\"));\n",
    );
    (table, bytes)
}

/// Every regex pattern of the rule files that parse.
fn embedded_patterns(files: &[std::path::PathBuf]) -> std::collections::BTreeSet<String> {
    let mut patterns = std::collections::BTreeSet::new();
    for path in files {
        let Ok(Ok(file)) = fs::read_to_string(path).map(|text| text.parse::<toml::Table>()) else { continue };
        for rule in file.get("rule").and_then(toml::Value::as_array).into_iter().flatten() {
            let listed = rule.get("patterns").and_then(toml::Value::as_array).into_iter().flatten();
            patterns.extend(listed.chain(rule.get("pattern")).filter_map(toml::Value::as_str).map(str::to_owned));
        }
    }
    patterns
}

/// The `EMBEDDED_FIXTURES` table: the raw and gold files the embedded rule files' `[[test]]`
/// cases name, compiled in, so that `rules test` on the shipped rules runs anywhere (an installed
/// binary has no source tree beside it). Keyed by the path as the rule compiler resolves it
/// (`rules/../samples/x.raw`); a fixture that does not exist is left out, and its test then fails
/// with the reason.
fn fixture_table(files: &[std::path::PathBuf]) -> String {
    let mut fixtures = std::collections::BTreeMap::new();
    for path in files {
        let Ok(Ok(file)) = fs::read_to_string(path).map(|text| text.parse::<toml::Table>()) else { continue };
        let folder = path.parent().expect("a rule file is in the rules folder");
        for test in file.get("test").and_then(toml::Value::as_array).into_iter().flatten() {
            for key in ["raw", "gold"] {
                let Some(fixture) = test.get(key).and_then(toml::Value::as_str) else { continue };
                let on_disk = folder.join(fixture);
                if on_disk.is_file() {
                    println!("cargo:rerun-if-changed={}", on_disk.display());
                    let shown = Path::new("rules").join(fixture).display().to_string();
                    fixtures.insert(shown, on_disk.display().to_string());
                }
            }
        }
    }
    let mut table = String::from(
        "/// The fixtures the embedded rule files' tests name: (path as resolved, contents).\n\
         pub(crate) static EMBEDDED_FIXTURES: &[(&str, &[u8])] = &[\n",
    );
    for (shown, on_disk) in &fixtures {
        writeln!(table, "    ({shown:?}, include_bytes!({on_disk:?})),").expect("writing to a String cannot fail");
    }
    table.push_str("];\n");
    table
}

/// The `EMBEDDED_GATES` table: every regex pattern of the rule files with its gate, sorted by
/// pattern.
fn gate_table(files: &[std::path::PathBuf]) -> String {
    let patterns = embedded_patterns(files);
    let mut table = String::from(
        "/// The line gate of every regex pattern of the embedded rule files, sorted by pattern.\n\
         pub(crate) static EMBEDDED_GATES: &[(&str, Option<LineGate>)] = &[\n",
    );
    for pattern in &patterns {
        let gate = match gate::LineGate::of(pattern) {
            None => "None".to_owned(),
            Some(gate) => format!(
                "Some(LineGate {{ first: {:?}, prefixes: {}, last: {:?}, suffixes: {}, longest: {:?}, matches_empty: {}, required: {} }})",
                gate.first,
                affixes(gate.prefixes.as_deref()),
                gate.last,
                affixes(gate.suffixes.as_deref()),
                gate.longest,
                gate.matches_empty,
                gate.required
                    .as_deref()
                    .map_or_else(|| "None".to_owned(), |literal| format!("Some(Cow::Borrowed({literal:?}))")),
            ),
        };
        writeln!(table, "    ({pattern:?}, {gate}),").expect("writing to a String cannot fail");
    }
    table.push_str("];\n");
    table
}

fn affixes(affixes: Option<&[u32]>) -> String {
    affixes.map_or_else(|| "None".to_owned(), |list| format!("Some(Cow::Borrowed(&{list:?}))"))
}
