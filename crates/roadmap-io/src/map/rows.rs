//! What a row of the table is: a record, a section, a repeated header, the
//! end of the table. [`RowKind`] names them; the functions here tell them.

use super::header::text_of;
use super::layout::{Column, Target};
use crate::grid::{Merge, Row};
use crate::normalize::fold;
use crate::profile::{Field, Vocabulary};

/// What a row of the table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RowKind {
    /// An initiative (or an action of the group above it).
    Record,
    /// Nothing but the group cell: the grouping initiative itself.
    Group,
    /// A row naming a section ("1  Improving member experience"): the
    /// priority area of the records below it.
    Section(String),
    /// A row naming a pillar by its label ("Pillar 1: Governance", "PILIER
    /// II — Gouvernance"): the pillar of the records below it.
    Pillar(String),
    /// The header again (tables split by sections repeat it); skipped.
    HeaderRepeat,
    /// No cell at all; skipped.
    Blank,
    /// A totals word ("Total", "Subtotal", "Итого") and figures only: no
    /// record, and the end of the table unless records of the table's
    /// shape follow (then it was a subtotal).
    Totals,
    /// The table has ended (a row that breaks its shape, after the table
    /// or after its totals row); the rest of the sheet is not read as it.
    EndOfTable,
}

/// The header's words by column, folded: a repeated header row is told by
/// them.
#[derive(PartialEq, Eq)]
pub(super) struct HeaderWords {
    by_column: Vec<Vec<String>>,
}

impl HeaderWords {
    /// The words of the header rows.
    pub(super) fn new(header_rows: &[Row]) -> HeaderWords {
        let mut by_column: Vec<Vec<String>> = Vec::new();
        for (c, v) in header_rows.iter().flat_map(|r| r.cells.iter()) {
            let at = *c as usize;
            if by_column.len() <= at {
                by_column.resize_with(at + 1, Vec::new);
            }
            by_column[at].push(fold(&v.to_text()));
        }
        HeaderWords { by_column }
    }

    /// True when the row repeats the header: two of its cells are their
    /// column's header words, or all of them (when it has one).
    pub(super) fn repeated_in(&self, row: &Row) -> bool {
        let repeats = row
            .cells
            .iter()
            .filter(|(c, v)| {
                let Some(t) = text_of(v) else { return false };
                self.by_column.get(*c as usize).is_some_and(|folds| folds.iter().any(|hf| same_header(t, hf)))
            })
            .count();
        repeats >= 2 || (repeats >= 1 && repeats == row.cells.len())
    }
}

/// True for a row that only names a section: one text (or a number and a
/// text) left of the data columns, numbered ("1  Improving ...") or merged
/// across the table.
pub(super) fn section_text(row: &Row, merges: &[Merge], columns: &[Column], title_col: Option<u32>) -> Option<String> {
    if row.cells.len() > 2 {
        return None;
    }
    let texts: Vec<(u32, String)> = row.cells.iter().map(|(c, v)| (*c, v.to_text().trim().to_owned())).collect();
    if texts.is_empty() || texts.len() > 2 {
        return None;
    }
    let leftmost =
        title_col.unwrap_or(0).max(columns.iter().find(|c| c.target == Target::Group).map_or(0, |c| c.index));
    if texts.iter().any(|(c, _)| *c > leftmost) {
        return None;
    }
    let (first_col, first) = &texts[0];
    let merged_wide = merges
        .iter()
        .any(|m| m.first_row == row.index && m.first_column == *first_col && m.last_column > m.first_column + 1);
    let numbered = |t: &str| {
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        !digits.is_empty() && t[digits.len()..].starts_with(|c: char| c.is_whitespace() || c == ')')
    };
    let name = if texts.len() == 2 {
        let (_, second) = &texts[1];
        if first.chars().all(|c| c.is_ascii_digit() || c == '.') && second.chars().any(char::is_alphabetic) {
            second.clone()
        } else {
            return None;
        }
    } else if numbered(first) {
        first.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')').trim().to_owned()
    } else if merged_wide {
        first.clone()
    } else {
        return None;
    };
    (!name.is_empty()).then_some(name)
}

/// True when `text` folds to the header `folded`; most cells differ in
/// their first letter, and are told apart without folding.
fn same_header(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        // Compared as folded, byte by byte, without building the folded text:
        // this runs for every cell of the table.
        let mut kept = text.bytes().filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'%' | b'#'));
        return !folded.is_empty()
            && folded.bytes().all(|f| kept.next().is_some_and(|b| b.to_ascii_lowercase() == f))
            && kept.next().is_none();
    }
    // Every ASCII letter and digit survives folding: text with more of them
    // than the header (a long note) is not the header.
    crate::normalize::kept_ascii_len(text) <= folded.len() && fold(text) == folded
}

/// True when the row's first cell starts with a section number ("1", "2.").
pub(super) fn numbered_row(row: &Row) -> bool {
    row.cells.first().is_some_and(|(_, v)| v.to_text().trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// A line that names its kind by a label: "Pillar 1: Governance", "PILIER
/// II — Gouvernance", "Priority area 3. Members", "Eje: Personas". The label
/// is a header word of the pillar or priority area, followed by a number
/// (digits, a Roman numeral, one letter) or a colon; the name is what
/// follows them.
pub(super) fn labelled_section(text: &str, vocab: &Vocabulary) -> Option<(Field, String)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let separator = |c: char| matches!(c, ':' | '：' | '-' | '–' | '—' | '.' | ')' | '/');
    for k in (1..=tokens.len().min(3)).rev() {
        let written = tokens[..k].join(" ");
        let label = written.trim_end_matches(separator);
        let Some(field @ (Field::Pillar | Field::PriorityArea)) = vocab.field(label) else { continue };
        let mut rest = &tokens[k..];
        let numbered = rest.first().is_some_and(|t| is_numbering(t.trim_end_matches(separator)));
        if numbered {
            rest = &rest[1..];
        }
        if !numbered && label.len() == written.len() && !rest.first().is_some_and(|t| t.chars().all(separator)) {
            // "Pillar reforms in schools": a title, not a label.
            return None;
        }
        let name = rest.join(" ");
        let name = without_figures(name.trim_start_matches(|c: char| separator(c) || c.is_whitespace()));
        return Some((field, if name.is_empty() { text.trim().to_owned() } else { name.to_owned() }));
    }
    None
}

/// A section's name without the figures written after it: "Governance (2
/// initiatives, 1 completed)", "Digital — 50% average progress".
fn without_figures(name: &str) -> &str {
    // Figures: a count or a share first, or a percent anywhere.
    let figures = |t: &str| t.trim_start().starts_with(|c: char| c.is_ascii_digit()) || t.contains('%');
    let mut name = name.trim();
    if name.ends_with(')')
        && let Some(open) = name.rfind('(')
        && figures(&name[open + 1..])
    {
        name = name[..open].trim_end();
    }
    for sep in [" — ", " – ", " - ", ": "] {
        if let Some((head, tail)) = name.split_once(sep)
            && figures(tail)
            && !head.trim().is_empty()
        {
            name = head.trim_end();
        }
    }
    name
}

/// True for a section's number: `1`, `2.1`, `IV`, `B`.
fn is_numbering(token: &str) -> bool {
    let roman =
        |t: &str| !t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x'));
    !token.is_empty()
        && (token.chars().all(|c| c.is_ascii_digit() || c == '.')
            || roman(token)
            || (token.chars().count() == 1 && token.chars().all(|c| c.is_ascii_uppercase())))
}
