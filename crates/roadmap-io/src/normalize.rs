//! How header text and status words are compared: case-, accent-, space-
//! and punctuation-insensitively.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case letters and digits, accents removed: `"Progress %"` and
/// `"progress"` fold alike, as do `"Achevé"` and `"acheve"`. Symbols that
/// carry meaning in headers (`%`, `#`, `№`) are kept.
///
/// ```
/// use roadmap_io::normalize::fold;
/// assert_eq!(fold("  Date de début "), "datededebut");
/// assert_eq!(fold("On-going"), "ongoing");
/// assert_eq!(fold("% complete"), "%complete");
/// ```
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // The common case, without decomposition.
        return text.bytes().filter(|b| kept_ascii(*b)).map(|b| char::from(b.to_ascii_lowercase())).collect();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .filter(|c| c.is_alphanumeric() || matches!(c, '%' | '#' | '№'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// An ASCII byte [`fold`] keeps (lower-cased).
fn kept_ascii(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'%' | b'#')
}

/// How many bytes of `text` are ASCII that [`fold`] keeps: a lower bound of
/// the folded text's length, known without folding.
pub(crate) fn kept_ascii_len(text: &str) -> usize {
    text.bytes().filter(|b| kept_ascii(*b)).count()
}

/// The value `map` holds for `text` folded ([`fold`]). Short ASCII text, the
/// common case of a status word or a header, is folded on the stack: this
/// runs for cells of every row.
pub(crate) fn get_folded<'m, T, S: std::hash::BuildHasher>(
    map: &'m std::collections::HashMap<String, T, S>,
    text: &str,
) -> Option<&'m T> {
    const ROOM: usize = 64;
    if text.is_ascii() {
        let mut buf = [0u8; ROOM];
        let mut n = 0;
        for b in text.bytes().filter(|b| kept_ascii(*b)) {
            let Some(slot) = buf.get_mut(n) else { return map.get(&fold(text)) };
            *slot = b.to_ascii_lowercase();
            n += 1;
        }
        if let Ok(key) = std::str::from_utf8(&buf[..n]) {
            return map.get(key);
        }
    }
    map.get(&fold(text))
}

/// Lower case, accents removed, runs of space and punctuation made one
/// space: for finding words inside longer text ("as of 3 May 2026").
pub fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    if text.is_ascii() {
        // The common case, without decomposition.
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() || b == b'%' {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                gap = true;
            }
        }
        return out;
    }
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() || c == '%' {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// A stable id made from a name: `"Members and partners"` ->
/// `"members-and-partners"`.
pub fn slug(text: &str) -> String {
    words(text).replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_script() {
        assert_eq!(fold("ACHEVÉ"), "acheve");
        assert_eq!(fold("В процессе"), "впроцессе");
        assert_eq!(fold("进行中"), "进行中");
        assert_eq!(fold("قيد التنفيذ"), "قيدالتنفيذ");
        assert_eq!(words("As of: 3 May, 2026"), "as of 3 may 2026");
        assert_eq!(words("  Scope -- réduit, 50%!"), "scope reduit 50%");
        assert_eq!(words("  Scope -- REDUCED, 50%!"), "scope reduced 50%");
        assert_eq!(slug("Systems, processes and tools"), "systems-processes-and-tools");
    }

    #[test]
    fn looks_up_folded_on_the_stack_or_not() {
        let map: std::collections::HashMap<String, u8> =
            [("ongoing".to_owned(), 1), ("acheve".to_owned(), 2), ("x".repeat(70), 3)].into_iter().collect();
        assert_eq!(get_folded(&map, " On-Going "), Some(&1));
        assert_eq!(get_folded(&map, "Achevé"), Some(&2));
        assert_eq!(get_folded(&map, &"X".repeat(70)), Some(&3), "longer than the stack room");
        assert_eq!(get_folded(&map, "planned"), None);
        assert_eq!(kept_ascii_len("Progrès %"), 7);
    }
}
