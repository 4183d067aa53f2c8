//! The shape of a table, learnt from its records: how full each column is
//! and what kind of value it holds. A row that breaks the shape — the key
//! columns empty where every record fills them, figures where a column
//! holds words — is not a record: the table has ended, and what follows
//! (a summary block, notes, another table) is not the table's.

use crate::grid::{Row, Value};

/// How many records the shape needs before it judges a row.
const MIN_RECORDS: u32 = 3;
/// How many records the shape learns from each of, before it samples.
const SETTLED: u32 = 512;

/// What kind of value a cell holds, as a person tells at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Text that starts with a letter (names, words, ids like `PRJ-01`).
    Words,
    /// Numbers, percentages, dates (typed or written with digits first).
    Figure,
    /// Booleans and error values: no evidence either way.
    Other,
}

/// True when the value is words (text that starts with a letter), as
/// names and statuses are; figures, dates and blanks are not.
pub(super) fn is_words(value: &Value) -> bool {
    kind(value) == Kind::Words
}

fn kind(value: &Value) -> Kind {
    match value {
        Value::Number(_) | Value::Percent(_) | Value::DateSerial { .. } | Value::DateIso(_) => Kind::Figure,
        Value::Text(t) => {
            // Most cells start with an ASCII letter or digit: told by the
            // first byte, without decoding or trimming.
            let first = match t.as_bytes().first() {
                Some(b) if b.is_ascii_alphabetic() => return Kind::Words,
                Some(b) if b.is_ascii_digit() => return Kind::Figure,
                Some(b) if b.is_ascii_whitespace() => t.trim_start().chars().next(),
                _ => t.chars().next(),
            };
            match first {
                Some(c) if c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | ',') => Kind::Figure,
                Some(c) if c.is_alphabetic() => Kind::Words,
                _ => Kind::Other,
            }
        }
        Value::Bool(_) | Value::Error(_) => Kind::Other,
    }
}

impl Shape {
    /// Below blank rows or totals: a key column holding another kind than
    /// its records do (a count where titles are words), or a phrase in an
    /// id column of single tokens (a label, "Summary by status"). Judged
    /// from the records so far, however few.
    pub(super) fn key_out_of_kind(&self, row: &Row) -> bool {
        let key_contradicts = self.keys.iter().any(|k| {
            let column = self.verdicts.get(*k as usize).and_then(|v| v.kind);
            let cell = row.get(*k).map(kind);
            column.zip(cell).is_some_and(|(column, cell)| cell != Kind::Other && cell != column)
        });
        key_contradicts
            || self.id.is_some_and(|id| {
                self.verdicts.get(id as usize).is_some_and(|v| v.tokens) && row.get(id).is_some_and(is_phrase)
            })
    }
}

/// True for text of several words.
fn is_phrase(value: &Value) -> bool {
    matches!(value, Value::Text(t) if t.trim().contains(char::is_whitespace))
}

/// What stands between a row and the record above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum After {
    /// Nothing: the row follows a record (or a section, a group).
    Record,
    /// Blank rows.
    Gap,
    /// A totals row.
    Totals,
}

/// What the records say of a column.
#[derive(Debug, Clone, Copy, Default)]
struct Verdict {
    /// Every record (but one in ten) fills it.
    always_filled: bool,
    /// The kind nearly all of its values have, when one has.
    kind: Option<Kind>,
    /// No value is a phrase (ids such as `PRJ-01`).
    tokens: bool,
}

/// Counts of one column over the records.
#[derive(Debug, Clone, Copy, Default)]
struct ColumnCounts {
    filled: u32,
    words: u32,
    figures: u32,
    /// Text with a space inside: a phrase, where ids are single tokens.
    phrases: u32,
}

/// Why a row is not one of the table's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Break {
    /// The key columns (id, title) that every record fills are empty, and
    /// so are most columns every record fills.
    KeyColumnsEmpty,
    /// Most of the row's values are of another kind than their columns
    /// hold (figures under names: a summary's counts and shares).
    KindsContradict,
    /// After blank rows, a row that fills few of the columns every record
    /// fills, or not its key columns: not more of the same table.
    OtherShapeAfterGap,
}

impl Break {
    /// In words, for `inspect` and the issue.
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            Break::KeyColumnsEmpty => "the key columns every record fills are empty",
            Break::KindsContradict => "its values are not of the kind their columns hold",
            Break::OtherShapeAfterGap => "after blank rows, it does not fill the columns every record fills",
        }
    }
}

/// The shape the records so far give the table.
#[derive(Debug, Default)]
pub(super) struct Shape {
    records: u32,
    /// Rows offered to learn from, sampled or not.
    seen: u32,
    /// By column index.
    columns: Vec<ColumnCounts>,
    /// What the counts say of each column, by index, as of the last
    /// record learnt from.
    verdicts: Vec<Verdict>,
    /// How many columns every record fills.
    expected: usize,
    /// The id and title columns.
    keys: Vec<u32>,
    /// The id column.
    id: Option<u32>,
}

impl Shape {
    /// The shape of a table with these id and title columns.
    pub(super) fn new(id: Option<u32>, title: Option<u32>) -> Shape {
        Shape { keys: [id, title].into_iter().flatten().collect(), id, ..Shape::default() }
    }

    /// Whether enough records were seen to judge a row by their shape.
    pub(super) fn knows_enough(&self) -> bool {
        self.records >= MIN_RECORDS
    }

    /// Whether the records' values in the column are figures (numbered ids).
    pub(super) fn holds_figures(&self, column: u32) -> bool {
        self.knows_enough() && self.verdicts.get(column as usize).is_some_and(|v| v.kind == Some(Kind::Figure))
    }

    /// Learns from a row read as a record.
    pub(super) fn learn(&mut self, row: &Row) {
        // The shape is settled by the first records; past them a sample of
        // one row in eight keeps it current for less.
        self.seen += 1;
        if self.seen > SETTLED && !self.seen.is_multiple_of(8) {
            return;
        }
        self.records += 1;
        for (c, v) in &row.cells {
            let at = *c as usize;
            if self.columns.len() <= at {
                self.columns.resize(at + 1, ColumnCounts::default());
            }
            let counts = &mut self.columns[at];
            counts.filled += 1;
            match kind(v) {
                Kind::Words => counts.words += 1,
                Kind::Figure => counts.figures += 1,
                Kind::Other => {}
            }
            if Some(*c) == self.id {
                counts.phrases += u32::from(is_phrase(v));
            }
        }
        self.verdicts = (0..self.columns.len() as u32)
            .map(|c| Verdict {
                always_filled: self.always_filled(c),
                kind: self.kind_of(c),
                tokens: self.columns[c as usize].filled > 0 && self.columns[c as usize].phrases == 0,
            })
            .collect();
        self.expected = self.verdicts.iter().filter(|v| v.always_filled).count();
    }

    /// Whether every record (but one in ten) fills the column.
    fn always_filled(&self, column: u32) -> bool {
        self.columns.get(column as usize).is_some_and(|c| c.filled * 10 >= self.records * 9)
    }

    /// The kind nearly all of a column's values have, when one has.
    fn kind_of(&self, column: u32) -> Option<Kind> {
        let c = self.columns.get(column as usize)?;
        if c.words * 10 >= c.filled * 9 && c.words > 0 {
            Some(Kind::Words)
        } else if c.figures * 10 >= c.filled * 9 && c.figures > 0 {
            Some(Kind::Figure)
        } else {
            None
        }
    }

    /// Why the row breaks the shape, if it does. Below blank rows or a
    /// totals row (`after`), the row must show the table's shape to be read
    /// on: its key columns, and most (below a totals row, nearly all) of
    /// the columns every record fills.
    pub(super) fn breaks(&self, row: &Row, after: After) -> Option<Break> {
        if !self.knows_enough() {
            return None;
        }
        // One pass over the row's cells, none allocated: this runs for
        // every row.
        let (mut present, mut typed, mut contradicting) = (0usize, 0usize, 0usize);
        for (c, v) in &row.cells {
            let Some(verdict) = self.verdicts.get(*c as usize) else { continue };
            present += usize::from(verdict.always_filled);
            if let Some(column) = verdict.kind {
                typed += 1;
                let cell = kind(v);
                contradicting += usize::from(cell != Kind::Other && cell != column);
            }
        }
        let expected = self.expected;
        let missing = expected - present;
        let always = |k: u32| self.verdicts.get(k as usize).is_some_and(|v| v.always_filled);
        let key_missing = self.keys.iter().any(|k| always(*k) && row.get(*k).is_none());
        let mostly_missing = expected >= 2 && missing * 2 > expected;
        let after_gap = after != After::Record;
        let too_many_missing = match after {
            After::Totals => missing * 3 > expected,
            After::Record | After::Gap => mostly_missing,
        };
        let kinds_contradict = contradicting >= 2 && contradicting * 2 >= typed;
        if kinds_contradict {
            Some(Break::KindsContradict)
        } else if key_missing && mostly_missing {
            Some(Break::KeyColumnsEmpty)
        } else if after_gap && (key_missing || too_many_missing || self.key_out_of_kind(row)) {
            Some(Break::OtherShapeAfterGap)
        } else {
            None
        }
    }
}
