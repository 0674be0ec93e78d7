//! The forms in which rules look at a line.
//!
//! * The **match key** (for `exact`, `phrase`, `block` lines and fingerprints): the trimmed line
//!   without a leading bullet marker, Unicode NFKC, lowercased, invisible format characters
//!   removed and inner whitespace runs collapsed to one space. `  • Comentário` and
//!   `comentário` have the same key.
//! * The **bare line** (for `regex` patterns): the trimmed line without a leading bullet marker,
//!   otherwise untouched, so patterns can rely on case and exact characters.
//!
//! * **Prose** ([`is_prose`]): whether a line reads as a sentence of article text rather than a
//!   title, a heading or a menu item, in any script.
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
const fn is_nfkc_stable_fast(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x7F
        | 0xAB | 0xBB | 0xC0..=0xFF
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
/// Latin-1, Latin Extended-A (pairs of upper and lower case side by side), basic Cyrillic,
/// and scripts without case (Hebrew, Arabic, Thai, CJK, Hangul).
/// `None` sends the caller to `char::to_lowercase`. The tables cost a binary search per
/// character, and most scraped text is in these ranges.
const fn lowercase_simple(c: char) -> Option<char> {
    let code = c as u32;
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x0410..=0x042F => code + 0x20,
        0x0400..=0x040F => code + 0x50,
        // Latin Extended-A: upper case at even code points, lower case right after; from U+0139
        // to U+0148 and U+0179 to U+017E the other way round. U+0130 (İ) lowercases to two
        // characters and goes to the tables.
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 => code | 1,
        0x0139..=0x0148 | 0x0179..=0x017E => code + (code & 1),
        0x0178 => 0xFF,
        0x0131 | 0x0138 | 0x0149 | 0x017F | 0x2010..=0x2027 => code,
        // Latin Extended Additional (Vietnamese): upper case at even code points.
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => code | 1,
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
    if !simple_key_into(bare, key) {
        key.clear();
        general_key_into(bare, key);
    }
}

/// The match key of the bare line `bare`, for any text (see [`match_key_into`]).
fn general_key_into(bare: &str, key: &mut String) {
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

/// For each character below U+0800 (one or two bytes of UTF-8): its lowercase when
/// [`simple_key_into`] may take it (ASCII letters and symbols, or in the ranges of
/// [`is_nfkc_stable_fast`] with a [`lowercase_simple`] form), else [`NOT_SIMPLE`].
static SIMPLE_LOWER_BELOW_0800: [u16; 0x800] = {
    let mut table = [NOT_SIMPLE; 0x800];
    let mut code = 0;
    while code < 0x800 {
        if let Some(c) = char::from_u32(code as u32)
            && is_nfkc_stable_fast(c)
            && let Some(lower) = lowercase_simple(c)
        {
            table[code] = lower as u32 as u16;
        }
        code += 1;
    }
    table
};
const NOT_SIMPLE: u16 = u16::MAX;

/// The lowercase of `c` if [`simple_key_into`] may take it.
fn simple_lower(c: char) -> Option<char> {
    let code = c as u32;
    if code < 0x800 {
        let lower = SIMPLE_LOWER_BELOW_0800[code as usize];
        return if lower == NOT_SIMPLE { None } else { char::from_u32(u32::from(lower)) };
    }
    if is_nfkc_stable_fast(c) { lowercase_simple(c) } else { None }
}

/// The key of `bare` in one pass without the Unicode tables, for text whose every character is
/// ASCII or in the ranges of [`is_nfkc_stable_fast`] (their key is the lowercase, whitespace
/// collapsed). Runs of characters that are their own key are copied whole. Returns false, with
/// `key` partly written, at the first other character: a combining mark may compose with the
/// character before it, so the whole line must then take the general path.
pub(crate) fn simple_key_into(bare: &str, key: &mut String) -> bool {
    let bytes = bare.as_bytes();
    let is_space = |byte: u8| matches!(byte, b'\t'..=b'\r' | b' ');
    // Start of the bytes not yet copied to `key`, all of them their own key.
    let mut copied_to = 0;
    let mut at = 0;
    // Whether the character before `at` is a letter (or other starter) of the fast ranges.
    let mut after_starter = false;
    while let Some(&byte) = bytes.get(at) {
        // Eight bytes at a time while they are their own key (most of a line of prose in a
        // Latin script). A space at the end of the eight needs the byte after it looked at.
        if let Some(chunk) = bytes.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let chunk = u64::from_le_bytes(chunk);
            let ends_in_space = chunk >> 56 == u64::from(b' ');
            if is_own_key_ascii(chunk) && !(ends_in_space && bytes.get(at + 8).is_some_and(|&next| is_space(next))) {
                at += 8;
                after_starter = !ends_in_space;
                continue;
            }
        }
        if byte.is_ascii() {
            if byte.is_ascii_uppercase() {
                key.push_str(&bare[copied_to..at]);
                key.push(char::from(byte.to_ascii_lowercase()));
                at += 1;
                copied_to = at;
                after_starter = true;
            } else if is_space(byte) && (byte != b' ' || bytes.get(at + 1).is_some_and(|&next| is_space(next))) {
                // A run of whitespace other than one plain space between two non-spaces
                // becomes one space. `bare` is trimmed, so the run has text on both sides.
                at = collapse_whitespace(bare, copied_to, at, key);
                copied_to = at;
                after_starter = false;
            } else {
                at += 1;
                after_starter = !is_space(byte);
            }
            continue;
        }
        // Two-byte characters (Latin, Cyrillic, Arabic, Hebrew...) through the table, undecoded
        // by `chars`; those it does not cover fall through to the general case below.
        if let (0xC2..=0xDF, Some(&next)) = (byte, bytes.get(at + 1)) {
            let code = (u32::from(byte & 0x1F) << 6) | u32::from(next & 0x3F);
            let lower = SIMPLE_LOWER_BELOW_0800[code as usize];
            if u32::from(lower) == code {
                at = own_key_two_byte_run(bytes, at + 2);
                after_starter = true;
                continue;
            }
            if let (false, Some(lower)) = (lower == NOT_SIMPLE, char::from_u32(u32::from(lower))) {
                key.push_str(&bare[copied_to..at]);
                key.push(lower);
                at += 2;
                copied_to = at;
                after_starter = true;
                continue;
            }
        }
        let Some(c) = bare[at..].chars().next() else { break };
        if c.is_whitespace() {
            // NFKC turns no-break and other wide spaces into U+0020, or leaves them whitespace.
            at = collapse_whitespace(bare, copied_to, at, key);
            copied_to = at;
            after_starter = false;
            continue;
        }
        let lower = match simple_lower(c) {
            Some(lower) => lower,
            // Arabic short vowels and tanwin (fathatan to sukun): NFKC-stable and composing with
            // nothing, so one of them after a letter is its own key. Two in a row may need
            // reordering: the general path decides.
            None if after_starter && matches!(u32::from(c), 0x064B..=0x0652) => {
                at += c.len_utf8();
                after_starter = false;
                continue;
            }
            None => return false,
        };
        if lower != c {
            key.push_str(&bare[copied_to..at]);
            key.push(lower);
            copied_to = at + c.len_utf8();
        }
        at += c.len_utf8();
        after_starter = true;
    }
    key.push_str(&bare[copied_to..]);
    true
}

/// The end of the run from `at` of two-byte characters that are their own key, with single
/// plain spaces between them: most of a line of Cyrillic or Arabic prose, walked without the
/// eight-byte ASCII test, which cannot pass on it. The run stops before a character (or a
/// space) the caller must look at, never after a space: a space is taken only with the
/// character after it.
fn own_key_two_byte_run(bytes: &[u8], mut at: usize) -> usize {
    loop {
        let (step, lead, next) = match (bytes.get(at), bytes.get(at + 1), bytes.get(at + 2)) {
            (Some(b' '), Some(&lead), Some(&next)) => (3, lead, next),
            (Some(&lead), Some(&next), _) => (2, lead, next),
            _ => return at,
        };
        if !(0xC2..=0xDF).contains(&lead) {
            return at;
        }
        let code = (u16::from(lead & 0x1F) << 6) | u16::from(next & 0x3F);
        if SIMPLE_LOWER_BELOW_0800[usize::from(code)] != code {
            return at;
        }
        at += step;
    }
}

/// Whether eight bytes (little-endian in `chunk`) are all ASCII that is its own match key: no
/// upper-case letter, no whitespace but the plain space, no two spaces in a row. Each test works
/// on all eight bytes at once: with every byte below 0x80, adding a constant below 0x80 to each
/// cannot carry into the next, and sets a byte's high bit exactly when the byte is at least
/// 0x80 minus the constant.
fn is_own_key_ascii(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    if chunk & HIGHS != 0 {
        return false;
    }
    let at_least = |byte: u8| (chunk + ONES * u64::from(0x80 - byte)) & HIGHS;
    let below_space = !at_least(0x20) & HIGHS;
    let upper_case = at_least(b'A') & !at_least(b'[');
    // Spaces: the bytes that are zero once 0x20 is taken out by exclusive or.
    let spaced = chunk ^ (ONES * u64::from(b' '));
    let spaces = !((spaced + ONES * 0x7F) | spaced) & HIGHS;
    below_space | upper_case | (spaces & (spaces << 8)) == 0
}

/// Copies `text[copied_to..at]` to `key`, then one space for the whitespace run at `at` (none if
/// `key` already ends with one); returns the offset after the run.
fn collapse_whitespace(text: &str, copied_to: usize, at: usize, key: &mut String) -> usize {
    key.push_str(&text[copied_to..at]);
    if !key.ends_with(' ') {
        key.push(' ');
    }
    text[at..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |offset| at + offset)
}

/// The match key of `line`.
pub fn match_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    match_key_into(line, &mut key);
    key
}

/// How many words a line has, in a way that works without knowing its language: runs of letters
/// (marks and zero-width joiners inside a run belong to it) count one each, and letters of
/// scripts written without spaces (CJK ideographs, kana, Thai, Lao, Khmer, Myanmar) count one
/// word per two characters, rounded up.
pub fn word_count(line: &str) -> usize {
    let (mut runs, mut dense, mut in_run) = (0usize, 0usize, false);
    for c in line.chars() {
        // ASCII and the commonest letters first: the Unicode tables are slow to ask.
        if c.is_ascii() || is_common_letter(c) {
            let letter = !c.is_ascii() || c.is_ascii_alphabetic();
            runs += usize::from(letter && !in_run);
            in_run = letter;
        } else if is_dense_script(c) {
            dense += 1;
            in_run = false;
        } else if c.is_alphabetic() || (in_run && (is_invisible(c) || is_mark(c))) {
            runs += usize::from(!in_run);
            in_run = true;
        } else {
            in_run = false;
        }
    }
    runs + dense.div_ceil(2)
}

/// Letters of the Latin-1, Latin Extended, basic Cyrillic and basic Arabic blocks: all
/// alphabetic, none of a dense script (a unit test checks them against the tables).
pub fn is_common_letter(c: char) -> bool {
    matches!(c as u32, 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x0410..=0x044F | 0x0621..=0x063A | 0x0641..=0x064A)
}

/// Letters of scripts written without spaces between words.
pub fn is_dense_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF // CJK ideographs
    ) && (c.is_alphabetic() || is_mark(c))
}

/// Combining marks (Thai vowels and tone marks, Arabic harakat, Hebrew points, Devanagari signs).
fn is_mark(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
        || matches!(c as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0900..=0x0903 | 0x093A..=0x094F)
}

// Whether a line reads as article text, from its text alone: the rules' `header` position, the
// structure stage, the repeat stage and `learn` all ask it.

/// Lines longer than this are prose whatever their punctuation.
pub const PROSE_CHARS: usize = 100;
/// A sentence needs at least this many words to be prose ("Co dalej?" is a heading).
pub const PROSE_WORDS: usize = 3;
/// True if a kept line reads as article text: long, or a sentence of a few words (ending with a
/// full stop, a question or exclamation mark in any script, or a colon that introduces what
/// follows).
pub fn is_prose(text: &str) -> bool {
    is_prose_of(text, text.chars().count())
}

/// [`is_prose`] of a line of `chars` characters.
pub fn is_prose_of(text: &str, chars: usize) -> bool {
    if chars >= PROSE_CHARS {
        return true;
    }
    // Hashtags and cashtags after the last sentence are its tags ('... the breakout. #BTC #ETH'):
    // the sentence ends before them.
    let mut text = text.trim_end();
    while let Some((head, tag)) = text.rsplit_once(char::is_whitespace)
        && tag.chars().count() > 1
        && tag.starts_with(['#', '$'])
    {
        text = head.trim_end();
    }
    let end = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | '«' | '」' | '』' | ')' | '）' | ']') || c.is_whitespace()
    });
    let ends_sentence = end.ends_with(|c: char| {
        matches!(c, '.' | '!' | '?' | ':' | '。' | '！' | '？' | '：' | '؟' | '۔' | '।' | '…' | ';' | '؛')
    });
    // Thai, Lao, Khmer and Myanmar mark no sentence end; a long enough run of words is prose
    // there. (Chinese and Japanese end sentences with '。': a long line without one is a title or
    // a headline.) Twelve words take twelve characters at least: shorter lines are not asked.
    let dense_unpunctuated =
        !ends_sentence && chars >= 12 && text.chars().any(is_unpunctuated_script) && word_count(text) >= 12;
    (ends_sentence && word_count(text) >= PROSE_WORDS) || dense_unpunctuated
}

/// Letters of the scripts written without sentence-ending punctuation: Thai, Lao, Myanmar, Khmer.
fn is_unpunctuated_script(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF) && is_dense_script(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_letters_are_letters_of_no_dense_script() {
        for code in 0..=0x10FFFF {
            if let Some(c) = char::from_u32(code)
                && is_common_letter(c)
            {
                assert!(c.is_alphabetic() && !is_dense_script(c) && !is_invisible(c), "{c:?} (U+{code:04X})");
            }
        }
    }

    #[test]
    fn words_are_counted_in_every_script() {
        assert_eq!(word_count("Published 05/22/2025, 09:14 AM"), 2);
        assert_eq!(word_count("۱۸:۳۰ · ۲۰ خرداد ۱۴۰۴ · ۷٫۳ هزار بازدید"), 3);
        assert_eq!(word_count("#بیت‌کوین"), 1);
        assert_eq!(word_count("2025年3月18日"), 2);
        assert_eq!(word_count("ข่าวที่เกี่ยวข้อง"), 9);
        assert_eq!(word_count("13088 瀏覽量"), 2);
        assert_eq!(word_count(""), 0);
    }

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

    /// Random lines of characters from `pool`, up to `max_len` long: the one-pass key must agree
    /// with the general path on each.
    fn random_lines_agree(pool: &str, mut state: u64, max_len: u64) {
        let pool: Vec<char> = pool.chars().collect();
        for _ in 0..20_000 {
            let mut line = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for step in 0..state % max_len {
                let pick = (state.rotate_left(7 * step as u32) ^ step).wrapping_mul(0x9E37_79B9) as usize % pool.len();
                line.push(pool[pick]);
            }
            let bare = bare_line(&line);
            let mut general = String::new();
            general_key_into(bare, &mut general);
            assert_eq!(match_key(&line), general, "{line:?}");
        }
    }

    #[test]
    fn the_one_pass_key_agrees_with_the_general_one() {
        // Characters of every kind the two paths treat differently: ASCII, fast-range letters
        // of several scripts, combining marks, compatibility forms, invisible and non-ASCII
        // whitespace, cased letters outside the simple ranges.
        let pool = "aZ 09\t\x0b.Éé ÿ ДдЁё ЯЯ ع٣ ก ア漢한 \u{301}\u{308}ﬁＡ①\u{200B}\u{AD}\u{A0}\u{3000}\u{202F}ΣσςĞİǅ–—•«»\u{64B}\u{651}\u{64E}\u{653}\u{654}ا";
        random_lines_agree(pool, 0x9E37_79B9_7F4A_7C15, 12);
    }

    #[test]
    fn the_eight_byte_path_agrees_with_the_general_one() {
        // Long lines mostly of plain ASCII, so runs of eight bytes that are their own key occur,
        // with upper case, tabs, double spaces and non-ASCII letters at any offset.
        random_lines_agree("abcdefghij klmnop qrstuvwxyz 0123456789,.;-'  AZ\tÉé\u{A0}Дд", 0x2545_F491_4F6C_DD1D, 48);
        for chunk in [*b"plain te", *b"two  spa", *b"Upper ca", *b"tab\there", *b"[x]~{|}@"] {
            let own = !chunk.iter().any(|b| b.is_ascii_uppercase() || (b.is_ascii_whitespace() && *b != b' '))
                && !chunk.windows(2).any(|w| w == b"  ");
            assert_eq!(is_own_key_ascii(u64::from_le_bytes(chunk)), own, "{:?}", std::str::from_utf8(&chunk));
        }
    }

    #[test]
    fn the_two_byte_run_agrees_with_the_general_one() {
        // Long lines mostly of two-byte letters that are their own key and single spaces, so
        // runs occur, broken at any offset by upper case, Arabic marks, two spaces, a no-break
        // space, ASCII and three-byte characters.
        random_lines_agree(
            "абвгдежзий клмн опрс ابتثجحخ دذرز سشص  ДЁ\u{64B}\u{651}\u{A0}a.—漢",
            0x1234_5678_9ABC_DEF1,
            48,
        );
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
