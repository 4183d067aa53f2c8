//! How names, header text and status words are compared: case-, accent-,
//! space- and punctuation-insensitively; and ids made from names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case letters and digits, accents removed: `"Progress %"` and
/// `"progress"` fold alike, as do `"Achevé"` and `"acheve"`. Symbols that
/// carry meaning in headers (`%`, `#`, `№`) are kept.
///
/// ```
/// use roadmap_core::text::fold;
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
pub fn kept_ascii(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'%' | b'#')
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
}
