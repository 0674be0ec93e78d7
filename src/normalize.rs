//! The forms in which rules look at a line.
//!
//! * The **match key** (for `exact`, `phrase`, `block` lines and fingerprints): the trimmed line
//!   without a leading bullet marker, Unicode NFKC, lowercased, invisible format characters
//!   removed and inner whitespace runs collapsed to one space. `  • Comentário` and
//!   `comentário` have the same key.
//! * The **bare line** (for `regex` patterns): the trimmed line without a leading bullet marker,
//!   otherwise untouched, so patterns can rely on case and exact characters.
//!
//! Keys are only compared, never written out.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Glyphs that mark a list item when they open a line.
const BULLET_GLYPHS: &[char] =
    &['•', '·', '◦', '▪', '▫', '●', '○', '■', '□', '►', '▸', '▹', '‣', '⁃', '∙', '・', '➤', '✓'];
/// ASCII-style markers that count as bullets only when followed by whitespace (`- item`), so
/// that `-0.52%` keeps its sign.
const DASH_MARKERS: &[char] = &['-', '*', '–', '—', '+'];

/// Characters that render as nothing and would make equal-looking lines differ.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Characters known to be their own NFKC form in any context (quick-check `Yes`, combining class
/// 0) without the Unicode tables: ASCII, Latin letters (Latin-1, Extended-A except its few
/// compatibility letters, Vietnamese), common quotes and dashes, Cyrillic, Arabic letters and
/// digits, Thai consonants and vowels, kana, CJK ideographs and Hangul syllables. A unit test
/// checks every character of these ranges against the tables.
fn is_nfkc_stable_fast(c: char) -> bool {
    matches!(u32::from(c),
        0x00..=0x7F
        | 0xC0..=0xFF
        | 0x0100..=0x0131 | 0x0134..=0x013E | 0x0141..=0x0148 | 0x014A..=0x017E
        | 0x01A0 | 0x01A1 | 0x01AF | 0x01B0 | 0x1EA0..=0x1EF9
        | 0x2013 | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2022
        | 0x0400..=0x0482 | 0x048A..=0x04FF
        | 0x060C | 0x061B | 0x061F | 0x0621..=0x063A | 0x0640..=0x064A | 0x0660..=0x0669
        | 0x0E01..=0x0E30 | 0x0E32 | 0x0E40..=0x0E46 | 0x0E50..=0x0E59
        | 0x3001 | 0x3002 | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3
    )
}

/// Kana, CJK ideographs and Hangul syllables: scripts written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The trimmed line without one leading bullet marker (and the space after it).
pub fn bare_line(line: &str) -> &str {
    let trimmed = line.trim();
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) if BULLET_GLYPHS.contains(&first) => chars.as_str().trim_start(),
        Some(first) if DASH_MARKERS.contains(&first) => {
            let after = chars.as_str();
            if after.starts_with(char::is_whitespace) { after.trim_start() } else { trimmed }
        }
        _ => trimmed,
    }
}

/// The lowercase of `c` where it is one character found without the Unicode tables: ASCII,
/// Latin-1, basic Cyrillic, and scripts without case (Hebrew, Arabic, Thai, CJK, Hangul).
/// `None` sends the caller to `char::to_lowercase`. The tables cost a binary search per
/// character, and most scraped text is in these ranges.
fn lowercase_simple(c: char) -> Option<char> {
    let code = u32::from(c);
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x0410..=0x042F => code + 0x20,
        0x0400..=0x040F => code + 0x50,
        0..=0x40 | 0x5B..=0xBF | 0xD7 | 0xDF..=0xFF | 0x0430..=0x045F => code,
        0x0590..=0x08FF | 0x0E00..=0x0FFF | 0x3000..=0x9FFF | 0xAC00..=0xD7AF => code,
        _ => return None,
    };
    char::from_u32(lower)
}

/// Appends the lowercase of `c` to `out`.
pub(crate) fn push_lowercase(c: char, out: &mut String) {
    match lowercase_simple(c) {
        Some(lower) => out.push(lower),
        None => out.extend(c.to_lowercase()),
    }
}

/// Writes the match key of `line` into `key` (cleared first), reusing its allocation.
pub fn match_key_into(line: &str, key: &mut String) {
    key.clear();
    let bare = bare_line(line);
    if bare.is_ascii() {
        // The common case, byte by byte: ASCII is its own NFKC and has no invisible characters.
        let mut pending_space = false;
        for &byte in bare.as_bytes() {
            // The ASCII characters `char::is_whitespace` accepts.
            if matches!(byte, b'\t'..=b'\r' | b' ') {
                pending_space = true;
                continue;
            }
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(char::from(byte.to_ascii_lowercase()));
        }
        return;
    }
    let mut pending_space = false;
    let mut push = |c: char, key: &mut String| {
        if c.is_whitespace() {
            pending_space = true;
            return;
        }
        if is_invisible(c) {
            return;
        }
        if pending_space && !key.is_empty() {
            key.push(' ');
        }
        pending_space = false;
        push_lowercase(c, key);
    };
    // Most lines are ASCII or already NFKC: the quick check spares the decomposition, and a
    // range test spares the quick check's table lookups for the common scripts.
    if bare.chars().all(is_nfkc_stable_fast) || is_nfkc_quick(bare.chars()) == IsNormalized::Yes {
        bare.chars().for_each(|c| push(c, key));
    } else {
        bare.nfkc().for_each(|c| push(c, key));
    }
}

/// The match key of `line`.
pub fn match_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    match_key_into(line, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_nfkc_ranges_agree_with_the_unicode_tables() {
        use unicode_normalization::char::canonical_combining_class;
        let fast: Vec<char> =
            (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| is_nfkc_stable_fast(c)).collect();
        assert!(fast.len() > 30_000, "the ranges cover the common scripts");
        for c in fast {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", u32::from(c));
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", u32::from(c));
            assert!(std::iter::once(c).nfkc().eq(std::iter::once(c)), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn keys_ignore_bullets_case_width_and_spacing() {
        assert_eq!(match_key("  • Comentário "), "comentário");
        assert_eq!(match_key("- View   Original"), "view original");
        assert_eq!(match_key("ＱＲ Code"), "qr code");
        assert_eq!(match_key("No\u{200B} comments"), "no comments");
        // The ASCII path and the general path agree on whitespace and case.
        assert_eq!(match_key("\tMixed  CASE\x0b line\r"), "mixed case line");
        assert_eq!(match_key("\tMixed  CASE\x0b liné\r"), "mixed case liné");
    }

    #[test]
    fn the_simple_lowercase_agrees_with_unicode() {
        for code in 0..=0x10FFFF {
            let Some(c) = char::from_u32(code) else { continue };
            if let Some(lower) = lowercase_simple(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), lower.to_string(), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn signs_are_not_bullets() {
        assert_eq!(bare_line("-0.52%"), "-0.52%");
        assert_eq!(bare_line("  • BTC0.76%"), "BTC0.76%");
        assert_eq!(bare_line("* item"), "item");
    }
}
