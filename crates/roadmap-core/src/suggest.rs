//! "Did you mean ...?": the nearest known word to a word that is not known.

pub use crate::text::fold;

/// The candidate closest to `word`: one equal after folding case, spaces and
/// punctuation, or else the nearest within an edit distance of a third of
/// the word's length (at least 1). Ties go to the earlier candidate.
///
/// ```
/// use roadmap_core::suggest::closest;
/// assert_eq!(closest("Govrnance", ["governance", "people"]), Some("governance"));
/// assert_eq!(closest("finance", ["governance", "people"]), None);
/// ```
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let target: Vec<char> = fold(word).chars().collect();
    if target.is_empty() {
        return None;
    }
    let limit = (target.len() / 3).max(1);
    let mut best: Option<(usize, &'c str)> = None;
    for candidate in candidates {
        let folded: Vec<char> = fold(candidate).chars().collect();
        if folded.len().abs_diff(target.len()) > limit {
            continue;
        }
        let d = distance(&target, &folded);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_measures() {
        assert_eq!(fold("On-going "), "ongoing");
        assert_eq!(distance(&['a', 'b'], &['a', 'c', 'b']), 1);
        assert_eq!(closest("Systems, processes & tools", ["systems-processes-tools"]), Some("systems-processes-tools"));
        assert_eq!(closest("PP26", ["C26", "PP-26"]), Some("PP-26"));
        assert_eq!(closest("", ["x"]), None);
    }
}
