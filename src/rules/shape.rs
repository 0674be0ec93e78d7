//! The first check of a rule file: TOML syntax and the names of its keys.
//!
//! Works on the generic TOML tree so that it can report **every** syntax error and unknown key
//! of a file at once (typed deserialisation stops at the first problem), each with the allowed
//! keys and a did-you-mean. Only a file that passes this check is deserialised and compiled.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::RuleError;

const TOP_KEYS: &[&str] = &["site", "rule", "test"];
const SITE_KEYS: &[&str] = &["name", "description", "global", "hosts", "fingerprints", "encodings", "content", "strip"];
const RULE_KEYS: &[&str] = &[
    "id",
    "category",
    "kind",
    "lines",
    "phrases",
    "patterns",
    "min_lines",
    "max_gap",
    "position",
    "max_chars",
    "max_words",
    "weak",
    "fingerprint",
    "note",
    "preceded_by",
];
const TEST_KEYS: &[&str] = &["name", "input", "expected", "raw", "gold"];
const SLOT_KEYS: &[&str] = &["pattern", "min", "max"];

/// Problems found by the shape check.
pub struct Shape {
    /// Syntax errors and unknown keys.
    pub errors: Vec<RuleError>,
    /// The file parsed as TOML, so its typed check can still run and report more problems.
    pub parsed: bool,
}

/// Returns every syntax error and unknown key of a rule file.
pub fn check(path: &str, text: &str) -> Shape {
    let errors = problems(path, text);
    let parsed = !errors.iter().any(|e| !e.message.starts_with("unknown key"));
    Shape { errors, parsed }
}

fn problems(path: &str, text: &str) -> Vec<RuleError> {
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    let mut errors: Vec<RuleError> = syntax_errors
        .iter()
        .map(|err| RuleError::at(path, text, err.span().unwrap_or(0..0), err.message().trim_end().to_owned()))
        .collect();
    if !errors.is_empty() {
        return errors;
    }
    let root = root.into_inner();
    check_keys(path, text, &root, TOP_KEYS, "the top level", &mut errors);
    if let Some(site) = root.get("site") {
        for_each_table(site, |table| check_keys(path, text, table, SITE_KEYS, "[site]", &mut errors));
    }
    if let Some(rules) = root.get("rule") {
        for_each_table(rules, |table| {
            check_keys(path, text, table, RULE_KEYS, "[[rule]]", &mut errors);
            if let Some(slots) = table.get("preceded_by") {
                for_each_table(slots, |slot| {
                    check_keys(path, text, slot, SLOT_KEYS, "a `preceded_by` slot", &mut errors)
                });
            }
        });
    }
    if let Some(tests) = root.get("test") {
        for_each_table(tests, |table| check_keys(path, text, table, TEST_KEYS, "[[test]]", &mut errors));
    }
    errors
}

/// Calls `f` on a table, or on each table of an array of tables; other values are left to the
/// typed check, which names the expected type.
fn for_each_table<'i>(value: &Spanned<DeValue<'i>>, mut f: impl FnMut(&DeTable<'i>)) {
    match value.get_ref() {
        DeValue::Table(table) => f(table),
        DeValue::Array(items) => {
            for item in items {
                if let DeValue::Table(table) = item.get_ref() {
                    f(table);
                }
            }
        }
        _ => {}
    }
}

fn check_keys(path: &str, text: &str, table: &DeTable<'_>, allowed: &[&str], place: &str, errors: &mut Vec<RuleError>) {
    for key in table.keys() {
        let name: &str = key.get_ref();
        if allowed.contains(&name) {
            continue;
        }
        let mut message = format!("unknown key `{name}` in {place}; allowed: {}", allowed.join(", "));
        if let Some(suggestion) = did_you_mean(name, allowed) {
            message.push_str(&format!("; did you mean `{suggestion}`?"));
        }
        errors.push(RuleError::at(path, text, key.span(), message));
    }
}

/// The allowed name closest to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_unknown_key_with_a_suggestion() {
        let text = "[site]\nnmae = \"x\"\n\n[[rule]]\nid = \"a\"\ncatgory = \"ticker\"\nkindd = \"exact\"\n";
        let errors = check("f.toml", text).errors;
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 3, "{shown:?}");
        assert!(shown[0].starts_with("f.toml:2:1: unknown key `nmae` in [site]; allowed: name,"), "{}", shown[0]);
        assert!(shown[0].ends_with("did you mean `name`?"));
        assert!(shown[1].contains("did you mean `category`?"));
        assert!(shown[2].contains("did you mean `kind`?"));
    }

    #[test]
    fn reports_syntax_errors_with_their_place() {
        let shape = check("f.toml", "[site]\nname = \"x\n");
        assert!(!shape.parsed);
        let errors = shape.errors;
        assert!(!errors.is_empty());
        assert!(errors[0].to_string().starts_with("f.toml:2:"), "{}", errors[0]);
    }
}
