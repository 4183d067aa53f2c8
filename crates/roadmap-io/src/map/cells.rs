//! Where each value came from: a table's cell keys, shared by its records
//! ([`CellTable`]), and the columns the table has seen.

use std::sync::Arc;

use roadmap_core::{CellTable, deliverable_field};

use super::layout::{Column, Target};

/// The columns a table has seen, by index.
pub(super) struct KnownColumns(Vec<bool>);

impl KnownColumns {
    pub(super) fn new(columns: impl Iterator<Item = u32>) -> KnownColumns {
        let mut known = KnownColumns(Vec::new());
        for c in columns {
            known.insert(c);
        }
        known
    }

    /// Marks a column as known; true when it was not.
    pub(super) fn insert(&mut self, column: u32) -> bool {
        let at = column as usize;
        if self.0.len() <= at {
            self.0.resize(at + 1, false);
        }
        !std::mem::replace(&mut self.0[at], true)
    }
}

/// The key of a column's cells in a record's cell map: the field, or
/// `extra.<name>` for a kept column; none for groups and deliverables.
pub(super) fn cell_key(col: &Column) -> Option<Arc<str>> {
    match &col.target {
        Target::Field(f) => Some(Arc::from(f.as_str())),
        Target::Extra(name) => Some(Arc::from(format!("extra.{}", extra_name(name, &col.letter)).as_str())),
        // A tick's cell is the status's, set where the tick is read.
        Target::Deliverable(_) | Target::Group | Target::StatusMark(_) => None,
    }
}

/// Where a column's cells go in a record's cell map.
pub(super) enum CellKey {
    /// The shared table's key at this index.
    Table(usize),
    /// A key of the record's own (a column first seen after the head: the
    /// table is made once per sheet, whatever the rows bring).
    Own(Arc<str>),
}

/// A table's cell keys, shared by its records, with the key of each
/// column and of each deliverable.
pub(super) struct CellColumns {
    pub(super) table: Arc<CellTable>,
    /// By column, as the columns are listed; none for groups and deliverables.
    pub(super) columns: Vec<Option<CellKey>>,
    /// The key of the N-th deliverable written in a row, `deliverables[N]`,
    /// whose cell is usually in the N-th deliverable column.
    pub(super) deliverables: Vec<usize>,
    /// How many kept columns the head showed.
    pub(super) extras: usize,
}

impl CellColumns {
    pub(super) fn new(columns: &[Column]) -> CellColumns {
        let keys: Vec<Option<Arc<str>>> = columns.iter().map(cell_key).collect();
        let deliverable_keys: Vec<(Arc<str>, u32)> = columns
            .iter()
            .filter(|c| matches!(c.target, Target::Deliverable(_)))
            .enumerate()
            .map(|(n, c)| (Arc::from(deliverable_field(n).as_str()), c.index + 1))
            .collect();
        let table = CellTable::new(
            keys.iter()
                .zip(columns)
                .filter_map(|(k, c)| Some((Arc::clone(k.as_ref()?), c.index + 1)))
                .chain(deliverable_keys.iter().cloned()),
        );
        let extras = columns.iter().filter(|c| matches!(c.target, Target::Extra(_))).count();
        let columns = keys.iter().map(|k| k.as_deref().and_then(|k| table.index(k)).map(CellKey::Table)).collect();
        let deliverables = deliverable_keys.iter().filter_map(|(k, _)| table.index(k)).collect();
        CellColumns { table: Arc::new(table), columns, deliverables, extras }
    }
}

/// The name a kept column goes by: its header, or its letter.
pub(super) fn extra_name(header: &str, letter: &str) -> String {
    if header.is_empty() { format!("column {letter}") } else { header.to_owned() }
}

/// The names of a table's kept columns, distinct so that no value is
/// dropped: a column keeps its name ([`extra_name`]) unless an earlier
/// kept column has it; then it is the name with " (2)", " (3)", ...
/// appended, the first that no kept column has and no header of the table
/// reads (so "Notes", "Notes", "Notes (2)" are kept as "Notes", "Notes (3)"
/// and "Notes (2)").
pub(super) struct KeptNames {
    /// Every header of the table, as written (trimmed).
    headers: foldhash::HashSet<String>,
    /// The names given so far.
    given: foldhash::HashSet<String>,
}

impl KeptNames {
    pub(super) fn new<'h>(headers: impl IntoIterator<Item = &'h str>) -> KeptNames {
        KeptNames {
            headers: headers.into_iter().map(|h| h.trim().to_owned()).collect(),
            given: foldhash::HashSet::default(),
        }
    }

    /// The name for a kept column that would go by `name`, and whether it
    /// had to be changed (another kept column has `name`).
    pub(super) fn give(&mut self, name: String) -> (String, bool) {
        if self.given.insert(name.clone()) {
            return (name, false);
        }
        // Of these, fewer are taken than there are names: one is free.
        let candidates = u32::try_from(self.headers.len() + self.given.len()).unwrap_or(u32::MAX).saturating_add(2);
        let name = (2..=candidates)
            .map(|n| format!("{name} ({n})"))
            .find(|candidate| !self.headers.contains(candidate) && !self.given.contains(candidate))
            .unwrap_or_default();
        self.given.insert(name.clone());
        (name, true)
    }
}
