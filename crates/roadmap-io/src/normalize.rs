//! How header text and status words are compared: case-, accent-, space-
//! and punctuation-insensitively ([`fold`], the core's), and the lookups of
//! folded words the mapping engine makes for cells of every row.

use roadmap_core::text::kept_ascii;
pub use roadmap_core::text::{fold, slug, words};

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

#[cfg(test)]
mod tests {
    use super::*;

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
