//! What an empty cell shows: the value of the merged region it lies in.

use foldhash::HashMap;
use roadmap_core::CellRef;

use crate::grid::{Merge, Row, Value};

/// A value read from a cell, with the cell it came from (the top-left of a
/// merge for merged cells).
pub(super) struct Read {
    pub value: Value,
    pub cell: CellRef,
}

pub(super) fn cell_ref(row: u32, col: u32) -> CellRef {
    // Positions were checked by the readers.
    CellRef::clamped(row.saturating_add(1), col.saturating_add(1))
}

/// Per-column lookups of vertical merges in the data region, sorted by
/// first row, for "what does this empty cell show". Rows come one by one
/// (the table is streamed): each merge's top-left value is copied when its
/// row is seen, before the row's values are moved out.
pub(super) struct Fills {
    /// Vertical merges of the data region, by their first row.
    starts: HashMap<u32, Vec<Merge>>,
    by_column: HashMap<u32, Vec<(u32, u32, Value, CellRef)>>,
}

impl Fills {
    pub(super) fn new(merges: &[Merge], from_row: u32) -> Fills {
        let mut starts: HashMap<u32, Vec<Merge>> = HashMap::default();
        for m in merges.iter().filter(|m| m.last_row > m.first_row && m.first_row >= from_row) {
            starts.entry(m.first_row).or_default().push(*m);
        }
        Fills { starts, by_column: HashMap::default() }
    }

    /// Notes the merges that start at this row. Rows come in order, so each
    /// column's list stays sorted by first row.
    pub(super) fn observe(&mut self, row: &Row) {
        let Some(merges) = self.starts.get(&row.index) else { return };
        for m in merges {
            let Some(v) = row.get(m.first_column) else { continue };
            for c in m.first_column..=m.last_column.min(m.first_column + 64) {
                let cell = cell_ref(m.first_row, m.first_column);
                self.by_column.entry(c).or_default().push((m.first_row, m.last_row, v.clone(), cell));
            }
        }
    }

    /// The value a merge shows at an empty cell.
    fn at(&self, row: u32, col: u32) -> Option<Read> {
        let list = self.by_column.get(&col)?;
        let k = list.partition_point(|(first, ..)| *first <= row);
        let (top, bottom, value, cell) = list.get(k.checked_sub(1)?)?;
        (*top < row && row <= *bottom).then(|| Read { value: value.clone(), cell: *cell })
    }
}

/// The value at a column of the row, moved out of it; or what a merge shows
/// there.
pub(super) fn take_cell(row: &mut Row, fills: &Fills, col: u32) -> Option<Read> {
    match row.take(col) {
        Some(value) => Some(Read { value, cell: cell_ref(row.index, col) }),
        None => fills.at(row.index, col),
    }
}
