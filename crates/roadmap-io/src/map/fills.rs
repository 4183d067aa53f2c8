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

/// What the merged regions of the data region show. A region shows its
/// top-left value: what a covered cell still stores is not shown, and is
/// dropped from its row; a vertical region's value fills the empty cells
/// below its top ("what does this empty cell show"). Rows come one by one
/// (the table is streamed): each region's top-left value is copied when its
/// row is seen, before the row's values are moved out.
pub(super) struct Fills {
    /// The regions that reach the data region, by first row, not yet met.
    pending: Vec<Merge>,
    /// The regions over the current row.
    active: Vec<Merge>,
    /// Vertical regions' values by column: first and last row, value, cell.
    by_column: HashMap<u32, Vec<(u32, u32, Value, CellRef)>>,
}

impl Fills {
    pub(super) fn new(merges: &[Merge], from_row: u32) -> Fills {
        let mut pending: Vec<Merge> = merges.iter().filter(|m| m.last_row >= from_row).copied().collect();
        // Last first, so the next region to meet is popped off the end.
        pending.sort_by_key(|m| std::cmp::Reverse(m.first_row));
        Fills { pending, active: Vec::new(), by_column: HashMap::default() }
    }

    /// Notes the regions over this row, drops what their covered cells
    /// store, and keeps the values vertical regions starting here show
    /// below. Rows come in order, so each column's list stays sorted by
    /// first row.
    pub(super) fn observe(&mut self, row: &mut Row) {
        let at = row.index;
        self.active.retain(|m| m.last_row >= at);
        while self.pending.last().is_some_and(|m| m.first_row <= at) {
            if let Some(m) = self.pending.pop()
                && m.last_row >= at
            {
                self.active.push(m);
            }
        }
        if self.active.is_empty() {
            return;
        }
        row.cells.retain(|(c, _)| {
            !self.active.iter().any(|m| m.contains(at, *c) && !(m.first_row == at && m.first_column == *c))
        });
        for m in self.active.iter().filter(|m| m.first_row == at && m.last_row > m.first_row) {
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
