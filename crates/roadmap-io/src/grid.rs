//! The one shape every source becomes: a sheet of typed cells with their
//! positions and merged regions, so one mapping engine serves every format.

use std::sync::Arc;

use compact_str::CompactString;

/// A cell's value, typed as the source typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (every CSV cell is text). Up to 24 bytes are kept inline, so
    /// the short cells most of a tracker holds (ids, statuses, dates,
    /// names) cost the reader no allocation.
    Text(CompactString),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A date stored as an Excel serial number of days.
    DateSerial {
        /// Days (and a fraction of a day).
        serial: f64,
        /// True in the 1904 date system (old Mac workbooks).
        system_1904: bool,
    },
    /// A date or date-time written in ISO 8601 (`OpenDocument`).
    DateIso(String),
    /// An error value such as `#N/A` or `#REF!`.
    Error(String),
    /// A number under a percent number format (`0%`, `0.0%`), or an
    /// `OpenDocument` percentage: the fraction as stored, 0.375 for the
    /// 37.5% a spreadsheet shows.
    Percent(f64),
}

impl Value {
    /// The value as text, borrowed when it is text already.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Value::Text(t) => std::borrow::Cow::Borrowed(t.as_str()),
            Value::DateIso(t) | Value::Error(t) => std::borrow::Cow::Borrowed(t),
            _ => std::borrow::Cow::Owned(self.to_text()),
        }
    }

    /// The value as a person would read it in the cell.
    pub fn to_text(&self) -> String {
        match self {
            Value::Text(t) => t.to_string(),
            Value::DateIso(t) | Value::Error(t) => t.clone(),
            Value::Number(n) => format_number(*n),
            Value::Percent(f) => format!("{}%", format_number(percent_of(*f))),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Value::DateSerial { serial, system_1904 } => crate::values::serial_to_date(*serial, *system_1904)
                .map_or_else(|_| format_number(*serial), |d| d.to_string()),
        }
    }

    /// True for text that is empty or only white space.
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Text(t) if t.trim().is_empty())
    }
}

/// The percent a fraction shows (0.375 is 37.5), rounded to a billionth so
/// that 1.15 is 115 rather than 114.99999999999999.
pub(crate) fn percent_of(fraction: f64) -> f64 {
    (fraction * 1e11).round() / 1e9
}

/// `3` rather than `3.0`; other numbers as Rust prints them.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// One row: its 0-based index and its non-empty cells, sorted by column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// 0-based row index in the sheet.
    pub index: u32,
    /// `(0-based column, value)`, sorted by column, blanks left out.
    pub cells: Vec<(u32, Value)>,
}

impl Row {
    /// Moves the value at a 0-based column out of the row (it is left blank).
    pub fn take(&mut self, column: u32) -> Option<Value> {
        let i = self.cells.binary_search_by_key(&column, |(c, _)| *c).ok()?;
        Some(std::mem::replace(&mut self.cells[i].1, Value::Text(CompactString::default())))
    }

    /// The value at a 0-based column.
    pub fn get(&self, column: u32) -> Option<&Value> {
        self.cells.binary_search_by_key(&column, |(c, _)| *c).ok().map(|i| &self.cells[i].1)
    }
}

/// A rectangle of merged cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_column: u32,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_column: u32,
}

impl Merge {
    /// True when the merge covers the cell.
    pub fn contains(&self, row: u32, column: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row) && (self.first_column..=self.last_column).contains(&column)
    }
}

/// A sheet of cells: rows in order, blank rows left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name (`None` for CSV).
    pub sheet: Option<Arc<str>>,
    /// The rows that hold at least one cell, in order.
    pub rows: Vec<Row>,
    /// Merged regions.
    pub merges: Vec<Merge>,
}

/// Builds a grid from cells as a reader streams them: in order, rows are
/// appended as they come; out of order, they are sorted at the end.
#[derive(Debug, Default)]
pub(crate) struct GridBuilder {
    rows: Vec<Row>,
    in_order: bool,
}

impl GridBuilder {
    pub(crate) fn new() -> GridBuilder {
        GridBuilder { rows: Vec::new(), in_order: true }
    }

    /// Adds a cell at a 0-based position; blank text is dropped.
    pub(crate) fn push(&mut self, row: u32, column: u32, value: Value) {
        if value.is_blank() {
            return;
        }
        match self.rows.last_mut() {
            Some(last) if last.index == row => {
                if last.cells.last().is_some_and(|(c, _)| *c >= column) {
                    self.in_order = false;
                }
                last.cells.push((column, value));
            }
            last => {
                if last.as_ref().is_some_and(|l| l.index > row) {
                    self.in_order = false;
                }
                // Rows of a table are alike: room for as many cells as the last one had.
                let mut cells = Vec::with_capacity(last.map_or(1, |l| l.cells.len()));
                cells.push((column, value));
                self.rows.push(Row { index: row, cells });
            }
        }
    }

    pub(crate) fn finish(self, sheet: Option<Arc<str>>, merges: Vec<Merge>) -> Grid {
        if self.in_order {
            return Grid { sheet, rows: self.rows, merges };
        }
        let cells =
            self.rows.into_iter().flat_map(|r| r.cells.into_iter().map(move |(c, v)| (r.index, c, v))).collect();
        Grid::from_cells(sheet, cells, merges)
    }
}

impl Grid {
    /// Builds a grid from cells in any order (0-based positions); blank
    /// text cells are dropped, as a spreadsheet shows them empty.
    pub fn from_cells(sheet: Option<Arc<str>>, mut cells: Vec<(u32, u32, Value)>, merges: Vec<Merge>) -> Grid {
        cells.retain(|(_, _, v)| !v.is_blank());
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        let mut rows: Vec<Row> = Vec::new();
        for (r, c, v) in cells {
            match rows.last_mut() {
                Some(row) if row.index == r => {
                    // A source that repeats a position keeps the last value.
                    if row.cells.last().is_some_and(|(lc, _)| *lc == c) {
                        row.cells.pop();
                    }
                    row.cells.push((c, v));
                }
                _ => rows.push(Row { index: r, cells: vec![(c, v)] }),
            }
        }
        Grid { sheet, rows, merges }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn builder_keeps_order_or_sorts() {
        let mut b = GridBuilder::new();
        for (r, c, v) in [(0, 0, "a"), (0, 2, "b"), (3, 1, "c"), (3, 4, " ")] {
            b.push(r, c, t(v));
        }
        let g = b.finish(None, Vec::new());
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1].cells, vec![(1, t("c"))]);

        let mut b = GridBuilder::new();
        for (r, c, v) in [(2, 0, "late"), (0, 1, "b"), (0, 0, "a")] {
            b.push(r, c, t(v));
        }
        let g = b.finish(None, Vec::new());
        let order: Vec<(u32, u32)> =
            g.rows.iter().flat_map(|r| r.cells.iter().map(move |(c, _)| (r.index, *c))).collect();
        assert_eq!(order, [(0, 0), (0, 1), (2, 0)]);
    }

    #[test]
    fn take_leaves_the_cell_blank() {
        let mut row = Row { index: 0, cells: vec![(1, t("x"))] };
        assert_eq!(row.take(1), Some(t("x")));
        assert_eq!(row.get(1), Some(&t("")));
        assert_eq!(row.take(2), None);
    }
}
