//! Embeds every `rules/*.toml` file into the binary as the default rule set, with the line
//! gates of their regex patterns worked out (`src/rules/gate.rs`, compiled here too).
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
    let mut patterns = std::collections::BTreeSet::new();
    for path in files {
        let Ok(file) = fs::read_to_string(path).map(|text| text.parse::<toml::Table>()) else { continue };
        let Ok(file) = file else { continue };
        for rule in file.get("rule").and_then(toml::Value::as_array).into_iter().flatten() {
            let listed = rule.get("patterns").and_then(toml::Value::as_array).into_iter().flatten();
            patterns.extend(listed.chain(rule.get("pattern")).filter_map(toml::Value::as_str).map(str::to_owned));
        }
    }
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
