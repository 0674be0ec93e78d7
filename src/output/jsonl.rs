//! Writing cleaned documents as JSON Lines.
//!
//! One object per document: the input record's fields in their order (for text input, `source`
//! and `document`), with `text` replaced by the clean text, plus
//! `"boilerstrip": {"site", "encoding", "encoding_reason", "format", "removed", "duplicate_of",
//! "title", "author"}` where `removed` counts dropped lines per category (and `repeated-body` for
//! a second copy), `duplicate_of` names an earlier document this one duplicates (`null` when
//! none), and `title` and `author` are an HTML page's (`null` for text).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;

use crate::classify::Action;
use crate::input::html::PageMeta;
use crate::input::jsonl::Fields;
use crate::pipeline::Cleaned;
use crate::rules::Registry;

/// How the document was read, for the `boilerstrip` object.
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    /// `text`, `html` or `jsonl`.
    pub format: &'a str,
    /// The encoding's name.
    pub encoding: &'a str,
    /// Why that encoding.
    pub encoding_reason: &'a str,
    /// The earlier document this one duplicates, when duplicates are kept.
    pub duplicate_of: Option<&'a str>,
    /// For an HTML page: its title and byline.
    pub page: Option<&'a PageMeta>,
}

/// Lines removed from a document, per category (`repeated-body` for a second copy).
pub fn removed_by_category(cleaned: &Cleaned<'_>) -> BTreeMap<&'static str, usize> {
    let mut removed: BTreeMap<&'static str, usize> = BTreeMap::new();
    for action in &cleaned.actions {
        let category = match action {
            Action::Drop(meta) => meta.category.as_str(),
            Action::Repeat { .. } | Action::AfterRepeat => "repeated-body",
            Action::Blank | Action::Keep | Action::MoveToFront => continue,
        };
        *removed.entry(category).or_default() += 1;
    }
    removed
}

/// Writes one record: `fields` with `text` set to `clean_text`, and the `boilerstrip` object.
pub fn write_record(
    fields: Fields,
    clean_text: String,
    cleaned: &Cleaned<'_>,
    registry: &Registry,
    provenance: Provenance<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    let site = cleaned.site.site().and_then(|index| registry.sites().get(index)).map(|s| s.name.as_str());
    write_record_parts(fields, clean_text, site, &removed_by_category(cleaned), provenance, out)
}

/// Like [`write_record`], from the parts a caller kept after cleaning (site name and counts).
pub fn write_record_parts(
    mut fields: Fields,
    clean_text: String,
    site: Option<&str>,
    removed: &BTreeMap<&str, usize>,
    provenance: Provenance<'_>,
    out: &mut impl Write,
) -> io::Result<()> {
    fields.set("text", &clean_text)?;
    fields.set(
        "boilerstrip",
        &json!({
            "site": site,
            "encoding": provenance.encoding,
            "encoding_reason": provenance.encoding_reason,
            "format": provenance.format,
            "removed": removed,
            "duplicate_of": provenance.duplicate_of,
            "title": provenance.page.and_then(|page| page.title.as_deref()),
            "author": provenance.page.and_then(|page| page.author.as_deref()),
        }),
    )?;
    fields.write_to(out)?;
    out.write_all(b"\n")
}
