//! The second stage: one sheet's rows to records. [`SheetMapper`] reads a
//! sheet as a person does, top to bottom: its head (the first rows) tells
//! where the header is and what each column holds; then each row is
//! classed ([`RowKind`]) and a record's cells are read for their fields,
//! each value with the cell it came from.
//!
//! What it recognises:
//! - the header row, wherever it is (under a title, an "As of" line, a
//!   legend), as the row with the most headers the profile knows; a second
//!   header row where a group cell ("Deliverables by:") stands over
//!   checkpoint names ("C26" | "PP-26"), a field's header over periods
//!   ("Status" over "Previous quarter | Current"), or units stand under the
//!   headers ("(%)");
//! - a column with no header left of the title column, whose cells are
//!   merged down (or written once and left blank below) over rows: the
//!   initiative those rows are actions of; bulleted rows with no id under a
//!   record: its actions;
//! - section rows ("1  Improving member experience", a phrase alone in the
//!   id column over records): the priority area of the rows below; lines
//!   naming a pillar by its label ("Pillar 1: Governance"): their pillar;
//! - repeated header rows (skipped), blank rows (skipped), and the end of
//!   the table at a totals row or where its shape breaks;
//! - several tables on a sheet: stacked (another header below the end, or
//!   a line of text over the header repeated) or side by side (blocks split
//!   by an empty column, [`bands`]), and summary blocks beside the table;
//! - a report date above the table (`As of <date>`, "Data as of:") and a
//!   title; the order of day and month the table's own dates prove;
//! - a column per status ("Completed | Ongoing | Planned") with a tick
//!   under the one that holds ([`header`]'s `status_by_ticks`).

mod bands;
mod cells;
mod fields;
mod fills;
mod groups;
mod header;
mod layout;
mod record;
mod rows;
mod shape;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::sync::Arc;

use roadmap_core::{CellMap, CellRef, Initiative, Issue, Location, SourceRef};

use self::bands::Blocks;
use self::cells::{CellColumns, CellKey, KnownColumns, cell_key, extra_name};
pub(crate) use self::fields::date_of_value;
use self::fills::{Fills, take_cell};
use self::header::{above_table, find_header, map_columns};
pub use self::layout::{Column, Layout, Target};
use self::record::Records;
pub(crate) use self::rows::RowKind;
use self::rows::{HeaderWords, labelled_section, numbered_row, section_text};
use self::shape::{After, Shape};
use crate::codes;
use crate::error::Error;
use crate::grid::{Grid, Merge, Row, Value};
use crate::normalize::{fold, slug};
use crate::profile::{DateOrder, Field, Vocabulary};

/// Everything one sheet gave.
pub(crate) struct SheetImport {
    pub layout: Layout,
    pub initiatives: Vec<Initiative>,
    /// Checkpoint ids met in headers, in column order, with their display names.
    pub checkpoints: Vec<(String, String)>,
    /// Priority area names from section rows.
    pub sections: Vec<String>,
    /// The issues met, in the order of the rows.
    pub issues: Vec<Issue>,
}

/// The sheet's file and name, shared by every source reference.
#[derive(Clone)]
pub(crate) struct Origin {
    pub file: Option<Arc<str>>,
    pub sheet: Option<Arc<str>>,
}

impl Origin {
    fn location(&self, cell: CellRef, field: &str) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            field: Some(field.to_owned()),
            ..Location::at_cell(cell)
        }
    }

    fn source(&self, row: u32, cells: CellMap) -> SourceRef {
        SourceRef { file: self.file.clone(), sheet: self.sheet.clone(), row: Some(row), cells }
    }
}

/// The rows of a sheet after its head, as the reader streams them.
pub(crate) type RowStream<'a> = dyn Iterator<Item = Result<Row, Error>> + 'a;

/// Maps the initiative tables of a sheet, top to bottom; empty when it has
/// none. `grid` holds the sheet's first rows (where the header is looked
/// for) and its merges; `rest` streams the rows after them, which are mapped
/// as they come. `rows`, when the reader knows it, is how many rows the
/// sheet has.
///
/// Where a table ends, the rows below it are searched for the header of
/// another initiative table (units stacked on one sheet, each under its
/// title and header); what is neither is left out with an issue.
///
/// Blocks side by side on the header row (split by a column empty from the
/// header down) are judged first ([`bands`]): two initiative tables are
/// each read; a summary block beside the table is left out, with an issue.
pub(crate) fn map_sheet(
    grid: &mut Grid,
    rest: &mut RowStream<'_>,
    rows: Option<usize>,
    vocab: &Vocabulary,
    origin: &Origin,
) -> Result<Vec<SheetImport>, Error> {
    let Some(h) = find_header(grid, vocab) else { return Ok(Vec::new()) };
    match bands::judge(bands::bands(grid, h, vocab)) {
        Blocks::One => map_tables(grid, rest, rows, vocab, origin, None),
        Blocks::SideBySide(blocks) => {
            // Each block is read over the whole sheet: its rows are kept.
            let mut all = std::mem::take(&mut grid.rows);
            for row in rest {
                all.push(row?);
            }
            let mut tables = Vec::new();
            let header_row = all[h].index;
            for (k, band) in blocks.iter().enumerate() {
                // Above the header, the sheet's title and report date are the
                // first table's; each other table has what stands over it.
                let rows = all
                    .iter()
                    .map(|r| if k == 0 && r.index < header_row { r.clone() } else { bands::within(r, band) })
                    .filter(|r| !r.cells.is_empty())
                    .collect();
                let merges = bands::merges_within(&grid.merges, band);
                let mut block = Grid { sheet: grid.sheet.clone(), rows, merges };
                // A table beside the first reads dates as the first's prove.
                let proven = tables.first().and_then(|t: &SheetImport| t.layout.date_order);
                tables.extend(map_tables(&mut block, &mut std::iter::empty(), None, vocab, origin, proven)?);
            }
            Ok(tables)
        }
        Blocks::Beside(blocks) => {
            let header = grid.rows[h].clone();
            let beside = |c: u32| blocks.iter().any(|b| b.holds(c));
            for row in &mut grid.rows {
                row.cells.retain(|(c, _)| !beside(*c));
            }
            grid.rows.retain(|r| !r.cells.is_empty());
            grid.merges.retain(|m| !beside(m.first_column));
            let mut kept = rest.map(|row| {
                row.map(|mut row| {
                    row.cells.retain(|(c, _)| !beside(*c));
                    row
                })
            });
            let mut tables = map_tables(grid, &mut kept, rows, vocab, origin, None)?;
            if let Some(first) = tables.first_mut() {
                for band in &blocks {
                    let heads: Vec<String> =
                        header.cells.iter().filter(|(c, _)| band.holds(*c)).map(|(_, v)| v.to_text()).collect();
                    let (from, to) =
                        (roadmap_core::column_letters(band.first + 1), roadmap_core::column_letters(band.last + 1));
                    let message = format!(
                        "the columns {from}:{to} beside the table hold another block ('{}'); they were not read as the records' columns",
                        heads.join(" | ")
                    );
                    let location = Location {
                        file: origin.file.clone(),
                        sheet: origin.sheet.clone(),
                        ..Location::at_cell(fills::cell_ref(header.index, band.first))
                    };
                    first.issues.push(codes::COLUMNS_BESIDE_TABLE.issue(message).with_location(location));
                }
            }
            Ok(tables)
        }
    }
}

/// The tables of a sheet (or of one block of it), top to bottom. A table
/// whose dates prove no order of day and month reads them in the order
/// `proven` by the tables before it, if any.
fn map_tables(
    grid: &mut Grid,
    rest: &mut RowStream<'_>,
    rows: Option<usize>,
    vocab: &Vocabulary,
    origin: &Origin,
    proven: Option<DateOrder>,
) -> Result<Vec<SheetImport>, Error> {
    let mut tables = Vec::new();
    let Some(mut mapper) = SheetMapper::new(grid, rows, vocab, origin.clone()) else { return Ok(tables) };
    mapper.inherit_date_order(proven);
    let merges = mapper.table.merges.clone();
    // The head's data rows, then the streamed ones; each row is moved: its
    // strings become the initiative's. `pending` holds rows read ahead
    // while looking for another table's header.
    let mut source = std::mem::take(&mut grid.rows).into_iter().map(Ok).chain(rest);
    let mut pending: VecDeque<Row> = VecDeque::new();
    let next = |pending: &mut VecDeque<Row>, source: &mut dyn Iterator<Item = Result<Row, Error>>| {
        pending.pop_front().map(Ok).or_else(|| source.next())
    };
    loop {
        let mut ended_by = None;
        while let Some(row) = next(&mut pending, &mut source) {
            let row = row?;
            // Two rows of look-ahead: a line of text right above the header
            // again (or above a line over it) is the title of the next table.
            while pending.len() < 2 {
                match source.next() {
                    Some(ahead) => pending.push_back(ahead?),
                    None => break,
                }
            }
            // (Only a line of text alone can be a heading: the look is for it.)
            mapper.record_follows = matches!(row.cells.as_slice(), [(_, Value::Text(_))])
                && pending
                    .front()
                    .is_some_and(|next| mapper.fills_keys(next) && !mapper.table.header_words.repeated_in(next));
            if mapper.titles_next_table(&row, &pending) {
                mapper.end_at(&row, TITLE_OVER_HEADER);
                ended_by = Some(row);
                break;
            }
            if mapper.push(row) == RowKind::EndOfTable {
                ended_by = mapper.ended_by.take();
                break;
            }
        }
        let Some(ended_by) = ended_by else {
            tables.push(mapper.finish());
            return Ok(tables);
        };
        // The rows from the one that ended the table: the head of another?
        pending.push_front(ended_by);
        while pending.len() < crate::read::stream::HEAD_ROWS {
            match source.next() {
                Some(row) => pending.push_back(row?),
                None => break,
            }
        }
        let mut below = Grid { sheet: grid.sheet.clone(), rows: pending.drain(..).collect(), merges: merges.clone() };
        let another = SheetMapper::new(&mut below, None, vocab, origin.clone()).filter(SheetMapper::heads_initiatives);
        let Some(mut following) = another else {
            // What stands below the table's end is read (a reader error
            // still counts) and left out, with an issue that says so.
            let mut left_out = below.rows.len().saturating_sub(1);
            let mut last_row = below.rows.last().map(|r| r.index);
            // With no report date above the table, a footer's ("Last
            // updated: 30/06/2026") is the table's.
            let order = mapper.records.date_order.unwrap_or(vocab.profile.date_order);
            let footer_date = |row: &Row, layout: &mut Layout| {
                if layout.as_of.is_none() {
                    layout.as_of = header::report_date_in(row, vocab, order);
                }
            };
            for row in &below.rows {
                footer_date(row, &mut mapper.layout);
            }
            while let Some(row) = next(&mut pending, &mut source) {
                let row = row?;
                footer_date(&row, &mut mapper.layout);
                left_out += 1;
                last_row = Some(row.index);
            }
            mapper.left_out(left_out, last_row);
            tables.push(mapper.finish());
            return Ok(tables);
        };
        // The rows between the two tables are the next one's head.
        pending.extend(below.rows);
        // Under the same header, the blocks are one table's: what its
        // records showed of its shape holds for the next block.
        if following.table.header_words == mapper.table.header_words {
            following.shape = std::mem::take(&mut mapper.shape);
        }
        following.inherit_date_order(mapper.records.date_order);
        tables.push(std::mem::replace(&mut mapper, following).finish());
    }
}

/// Why a table ends at its totals row.
const TOTALS: &str = "a totals row";
/// Why a table ends at a line of text over its header repeated.
const TITLE_OVER_HEADER: &str = "a line of text over the header repeated: the title of another table";
/// Why a table ends at the header of another.
const OTHER_HEADER: &str = "after blank rows or totals, it is the header of another table";

/// What the head says of the table: its columns (and those first seen
/// below it), the key columns, the header's words, the merged regions.
pub(crate) struct Table {
    columns: Vec<Column>,
    /// The keys of the records' cell maps, shared by the records.
    keys: CellColumns,
    known: KnownColumns,
    title_col: Option<u32>,
    group_col: Option<u32>,
    id_col: Option<u32>,
    /// The 0-based row of the (first) header row.
    header_row: u32,
    header_words: HeaderWords,
    merges: Vec<Merge>,
    /// What generated ids start with: the sheet's name, slugged.
    id_prefix: String,
}

impl Table {
    /// A column the head did not show: kept by its letter, as
    /// [`map_columns`] keeps a column with no header.
    fn see_columns(&mut self, row: &Row) {
        for &(c, _) in &row.cells {
            if self.known.insert(c) {
                let letter = roadmap_core::column_letters(c + 1);
                let target = Target::Extra(extra_name("", &letter));
                let column = Column { index: c, letter, header: String::new(), target };
                self.keys.columns.push(cell_key(&column).map(CellKey::Own));
                self.columns.push(column);
            }
        }
    }
}

/// Maps one sheet's rows to initiatives: made from the sheet's head with
/// [`SheetMapper::new`], fed the rows below it with [`SheetMapper::push`],
/// and closed with [`SheetMapper::finish`].
pub(crate) struct SheetMapper<'v> {
    table: Table,
    fills: Fills,
    layout: Layout,
    /// Checkpoint ids the deliverable columns name, with display names.
    checkpoints: Vec<(String, String)>,
    /// The section (priority area) of the rows being read.
    section: Option<String>,
    /// The pillar a labelled section row names for the rows being read.
    pillar: Option<String>,
    /// The group being read: its folded title and top cell, and the index
    /// of its initiative.
    group: Option<(String, usize)>,
    /// What the records so far say a record looks like.
    shape: Shape,
    /// The 0-based index of the last row read.
    last_row: Option<u32>,
    /// The 1-based totals row the table ends at unless records follow.
    totals_row: Option<u32>,
    /// The 1-based first row below the table's end.
    first_left_out: Option<u32>,
    /// The row that ended the table, as read (merges' covered cells dropped).
    ended_by: Option<Row>,
    /// Whether the row after the one being pushed fills the key columns.
    record_follows: bool,
    records: Records<'v>,
}

impl<'v> SheetMapper<'v> {
    /// Reads the sheet's head: finds the header row and maps the columns;
    /// `None` when no row is a header. `grid.rows` is left holding the
    /// head's rows below the header, for [`SheetMapper::push`].
    pub(crate) fn new(
        grid: &mut Grid,
        rows: Option<usize>,
        vocab: &'v Vocabulary,
        origin: Origin,
    ) -> Option<SheetMapper<'v>> {
        let h = find_header(grid, vocab)?;
        let mut issues = Vec::new();
        let (columns, header_rows) =
            map_columns(grid, h, vocab, &mut issues, &|cell, field| origin.location(cell, field));
        // The table's own dates prove the order the report date above it is written in, too.
        let proven = proven_date_order(&grid.rows[(h + header_rows).min(grid.rows.len())..], &columns);
        let (title, as_of) = above_table(grid, h, vocab, proven.unwrap_or(vocab.profile.date_order));
        let header_row = grid.rows[h].index;
        let column_of = |target: &Target| columns.iter().find(|c| c.target == *target).map(|c| c.index);
        let title_col = column_of(&Target::Field(Field::Title));
        let layout = Layout {
            sheet: origin.sheet.as_deref().map(str::to_owned),
            header_rows: (0..header_rows as u32).map(|k| header_row + k + 1).collect(),
            title,
            as_of,
            ..Layout::default()
        };
        let data_from = h + header_rows;
        let fills = Fills::new(&grid.merges, grid.rows.get(data_from).map_or(header_row + 1, |r| r.index));
        let table = Table {
            keys: CellColumns::new(&columns),
            known: KnownColumns::new(columns.iter().map(|c| c.index)),
            title_col,
            group_col: column_of(&Target::Group),
            id_col: column_of(&Target::Field(Field::Id)),
            header_row,
            header_words: HeaderWords::new(&grid.rows[h..data_from]),
            merges: std::mem::take(&mut grid.merges),
            id_prefix: origin.sheet.as_deref().map(|s| format!("{}-", slug(s))).unwrap_or_default(),
            columns,
        };
        let mut mapper = SheetMapper {
            checkpoints: checkpoints_of(&table.columns, vocab),
            section: None,
            pillar: None,
            group: None,
            shape: Shape::new(table.id_col, table.title_col),
            last_row: None,
            totals_row: None,
            first_left_out: None,
            ended_by: None,
            record_follows: false,
            fills,
            layout,
            records: Records::new(vocab, origin, rows, issues),
            table,
        };
        mapper.records.date_order = proven;
        // A numbered section right above the header opens the table.
        mapper.section = grid.rows[..h]
            .iter()
            .rev()
            .take(3)
            .find_map(|r| {
                let t = &mapper.table;
                section_text(r, &t.merges, &t.columns, t.title_col).filter(|_| numbered_row(r)).map(|n| (r.index, n))
            })
            .map(|(row, name)| {
                mapper.layout.sections.push((row + 1, name.clone()));
                name
            });
        // So does a line naming a pillar by its label (one table per pillar).
        let pillar_above = grid.rows[..h].iter().rev().take(3).find_map(|r| match mapper.labelled_section(r) {
            Some(RowKind::Pillar(name)) => Some((r.index, name)),
            _ => None,
        });
        if let Some((row, name)) = pillar_above {
            // The line names the pillar: it is no title of the roadmap.
            let line =
                grid.rows.iter().find(|r| r.index == row).and_then(|r| r.cells.first()).map(|(_, v)| v.to_text());
            if mapper.layout.title.as_deref().map(str::trim) == line.as_deref().map(str::trim) {
                mapper.layout.title = None;
            }
            mapper.layout.pillar_sections.push((row + 1, name.clone()));
            mapper.pillar = Some(name);
        }
        grid.rows.drain(..data_from);
        Some(mapper)
    }

    /// What a row below the header is, from what the head said and the
    /// shape of the records above it: what [`SheetMapper::push`] classes it
    /// as.
    #[cfg(test)]
    pub(crate) fn classify(&self, row: &Row) -> RowKind {
        self.judge(row).0
    }

    /// What a row is, and when it ends the table, why.
    fn judge(&self, row: &Row) -> (RowKind, Option<&'static str>) {
        let Some((_, first)) = row.cells.first() else { return (RowKind::Blank, None) };
        // A totals word with figures beside it, not words: "Total rewards
        // review | Planned" is a record.
        if self.records.vocab.is_totals(&first.text()) && !row.cells[1..].iter().any(|(_, v)| shape::is_words(v)) {
            return (RowKind::Totals, None);
        }
        if self.table.header_words.repeated_in(row) {
            return (RowKind::HeaderRepeat, None);
        }
        let t = &self.table;
        if let Some(labelled) = self.labelled_section(row) {
            return (labelled, None);
        }
        if let Some(name) = section_text(row, &t.merges, &t.columns, t.title_col) {
            // Where the ids are numbers, a number in the id column beside a
            // title is a record with few cells, not a numbered section.
            let numbered_id = t.id_col.is_some_and(|id| {
                row.cells.first().is_some_and(|(c, _)| *c == id) && row.cells.len() == 2 && self.shape.holds_figures(id)
            });
            if !numbered_id {
                return (RowKind::Section(name), None);
            }
        }
        if let Some(name) = self.heading(row) {
            return (RowKind::Section(name), None);
        }
        let group_only = !row.cells.iter().any(|(c, _)| Some(*c) != t.group_col);
        // Below a totals row, only records of the table's shape go on: not
        // a line of text alone; and when the records are still too few to
        // show a shape (a subtotal under a pillar's first two records, a
        // total right under the header), only a row that fills every key
        // column and a few more, as the records above it do.
        let fills_keys = || {
            let keys = [t.id_col, t.title_col].into_iter().flatten().count();
            self.fills_keys(row) && row.cells.len() >= keys + 2
        };
        if self.totals_row.is_some() && (group_only || (!self.shape.knows_enough() && !fills_keys())) {
            return (RowKind::EndOfTable, Some(TOTALS));
        }
        if group_only {
            return (RowKind::Group, None);
        }
        let after = if self.totals_row.is_some() {
            After::Totals
        } else if self.last_row.is_some_and(|last| row.index > last.saturating_add(1)) {
            After::Gap
        } else {
            After::Record
        };
        if after != After::Record {
            if self.heads_another_table(row) {
                return (RowKind::EndOfTable, Some(OTHER_HEADER));
            }
            // Too few records to show a shape: below them, a row must at
            // least fill the key columns, with values of their kind (no
            // phrase in an id column of tokens).
            let key_missing = [t.id_col, t.title_col].into_iter().flatten().any(|k| row.get(k).is_none());
            if !self.shape.knows_enough() {
                if key_missing {
                    return (RowKind::EndOfTable, Some(shape::Break::KeyColumnsEmpty.reason()));
                }
                if self.shape.key_out_of_kind(row) {
                    return (RowKind::EndOfTable, Some(shape::Break::OtherShapeAfterGap.reason()));
                }
            }
        }
        match self.shape.breaks(row, after) {
            Some(broken) => (RowKind::EndOfTable, Some(broken.reason())),
            None => (RowKind::Record, None),
        }
    }

    /// True when the header maps the fields an initiative table has beyond
    /// a title: enough for a second table on a sheet, where a summary
    /// block's "Pillar | Initiatives" must not pass for one.
    fn heads_initiatives(&self) -> bool {
        let columns = &self.table.columns;
        let fields = columns.iter().filter(|c| matches!(c.target, Target::Field(_))).count();
        // The statuses' tick columns are the status field, once.
        let ticks = columns.iter().any(|c| matches!(c.target, Target::StatusMark(_)));
        self.table.title_col.is_some() && fields + usize::from(ticks) >= 3
    }

    /// A line of text alone, left of the data columns, that names a pillar
    /// or priority area by its label ("Pillar 1: Governance").
    fn labelled_section(&self, row: &Row) -> Option<RowKind> {
        let [(c, Value::Text(text))] = row.cells.as_slice() else { return None };
        let t = &self.table;
        let leftmost = t.title_col.unwrap_or(0).max(t.group_col.unwrap_or(0));
        if *c > leftmost {
            return None;
        }
        labelled_section(text, self.records.vocab).map(|(field, name)| match field {
            Field::Pillar => RowKind::Pillar(name),
            _ => RowKind::Section(name),
        })
    }

    /// True when the row fills the key columns (id and title) the table has.
    fn fills_keys(&self, row: &Row) -> bool {
        let t = &self.table;
        let keys: Vec<u32> = [t.id_col, t.title_col].into_iter().flatten().collect();
        !keys.is_empty() && keys.iter().all(|k| row.get(*k).is_some())
    }

    /// A heading over a group of records: a phrase alone in the id column
    /// ("Digital Transformation"), no label ("Number of initiatives: 2"),
    /// right above a record. Its name, as a section's.
    fn heading(&self, row: &Row) -> Option<String> {
        let [(c, Value::Text(text))] = row.cells.as_slice() else { return None };
        let t = &self.table;
        let text = text.trim();
        let in_id_column = t.id_col == Some(*c) && t.title_col.is_some_and(|tc| tc != *c);
        // Words, not an id: spaces between them, or letters of a script
        // written without spaces ("治理与数据").
        let words = text.contains(char::is_whitespace)
            || text.chars().filter(|ch| !ch.is_ascii() && ch.is_alphabetic()).count() >= 2;
        let phrase = words && !text.ends_with(|ch: char| ch.is_ascii_digit() || ch == ':');
        (self.record_follows && in_id_column && phrase && !self.records.vocab.is_totals(text)).then(|| text.to_owned())
    }

    /// True when a cell of the row is a header word of a field other than
    /// its column's ("Status" in the id column): the header of another
    /// table, such as a summary block's "Status | Count | Share". A tick or
    /// an unticked box ("No", "X") is a value, whatever header it spells.
    fn heads_another_table(&self, row: &Row) -> bool {
        let vocab = self.records.vocab;
        row.cells.iter().any(|(c, v)| {
            let Some(text) = header::text_of(v).filter(|t| !vocab.is_mark(t) && !vocab.is_unmark(t)) else {
                return false;
            };
            let Some(field) = vocab.field(text) else { return false };
            let own = self.table.columns.iter().find(|col| col.index == *c).map(|col| &col.target);
            own != Some(&Target::Field(field))
        })
    }

    /// Reads the next row (rows come in order). Returns what it was; after
    /// [`RowKind::EndOfTable`] the rest of the sheet is not the table's.
    pub(crate) fn push(&mut self, mut row: Row) -> RowKind {
        let row_index = row.index;
        self.fills.observe(&mut row);
        self.table.see_columns(&row);
        let (kind, end_reason) = self.judge(&row);
        match &kind {
            RowKind::EndOfTable => {
                self.end_at(&row, end_reason.unwrap_or_default());
                self.ended_by = Some(row);
                return RowKind::EndOfTable;
            }
            RowKind::Totals => self.totals_row = Some(row.index + 1),
            RowKind::HeaderRepeat | RowKind::Blank => {}
            RowKind::Section(name) => {
                self.layout.sections.push((row.index + 1, name.clone()));
                self.section = Some(name.clone());
                self.group = None;
            }
            RowKind::Pillar(name) => {
                self.layout.pillar_sections.push((row.index + 1, name.clone()));
                self.pillar = Some(name.clone());
                self.section = None;
                self.group = None;
            }
            RowKind::Group | RowKind::Record => {
                let parent = self.group_of(&mut row);
                if kind == RowKind::Record {
                    // Records below a totals row: it was a subtotal.
                    self.totals_row = None;
                    self.shape.learn(&row);
                    self.records.record(
                        &self.table,
                        &self.fills,
                        row,
                        parent,
                        (self.pillar.as_ref(), self.section.as_ref()),
                    );
                }
            }
        }
        if kind != RowKind::Blank {
            self.last_row = Some(self.last_row.map_or(row_index, |last| last.max(row_index)));
        }
        kind
    }

    /// Reads dates in the order the tables before proved, where this
    /// table's own dates prove none.
    fn inherit_date_order(&mut self, proven: Option<DateOrder>) {
        if self.records.date_order.is_none() {
            self.records.date_order = proven;
        }
    }

    /// Ends the table at `row`, for `reason`; below a totals row, the table
    /// ended at it.
    fn end_at(&mut self, row: &Row, reason: &'static str) {
        let (end, reason) = match self.totals_row {
            Some(totals) => (totals, TOTALS),
            None => (row.index + 1, reason),
        };
        self.layout.end_row = Some(end);
        self.layout.end_reason = (!reason.is_empty()).then(|| reason.to_owned());
        self.first_left_out = Some(row.index + 1);
    }

    /// True when `row` is a line of text alone (no section) and a row
    /// after it repeats the header, right below it or below one more cell
    /// alone (a group label over a header): the title of a table stacked
    /// below.
    fn titles_next_table(&self, row: &Row, ahead: &VecDeque<Row>) -> bool {
        let lone_text = |r: &Row| matches!(r.cells.as_slice(), [(_, Value::Text(_))]);
        if !lone_text(row) {
            return false;
        }
        let repeats = |k: usize| ahead.get(k).is_some_and(|r| self.table.header_words.repeated_in(r));
        (repeats(0) || (ahead.front().is_some_and(|r| r.cells.len() == 1) && repeats(1)))
            && matches!(self.judge(row).0, RowKind::Record | RowKind::Group)
    }

    /// Notes the rows below the table's end that were not read as its
    /// records: `count` rows, the last at the 0-based `last_row`.
    pub(crate) fn left_out(&mut self, count: usize, last_row: Option<u32>) {
        let (Some(first), Some(end)) = (self.first_left_out, self.layout.end_row) else { return };
        let last = last_row.map_or(first, |r| r.saturating_add(1));
        let ending = match self.layout.end_reason.as_deref() {
            Some(TOTALS) | None => format!("the table ends at the totals row {end}"),
            Some(reason) => format!("the table ends at row {end}, where {reason}"),
        };
        self.records.left_out(first, last, count + 1, &ending);
    }

    /// The grouping initiative of a row: the one its group cell (merged, or
    /// written once above) names, made when the cell is new.
    fn group_of(&mut self, row: &mut Row) -> Option<usize> {
        let gc = self.table.group_col?;
        match take_cell(row, &self.fills, gc) {
            Some(r) if r.value.text().trim().is_empty() => None,
            Some(r) => {
                let title = fields::into_text(r.value);
                let key = format!("{}@{}", fold(&title), r.cell);
                if self.group.as_ref().is_none_or(|(k, _)| *k != key) {
                    let top_row = r.cell.row();
                    let mut parent = Initiative::new(format!("{}g{top_row}", self.table.id_prefix), title);
                    parent.priority_area.clone_from(&self.section);
                    parent.pillar.clone_from(&self.pillar);
                    let mut cells = CellMap::for_row(Arc::clone(&self.table.keys.table), top_row);
                    cells.insert(Arc::from("title"), r.cell);
                    parent.source = Some(self.records.origin.source(top_row, cells));
                    self.group = Some((key, self.records.push_group(parent)));
                }
                self.group.as_ref().map(|(_, i)| *i)
            }
            None => self.group.as_ref().map(|(_, i)| *i),
        }
    }

    /// Everything the sheet gave.
    pub(crate) fn finish(self) -> SheetImport {
        let SheetMapper { table, mut layout, checkpoints, records, totals_row, .. } = self;
        // A totals row with nothing of the table below it is where it ends.
        if let Some(totals) = totals_row.filter(|_| layout.end_row.is_none()) {
            layout.end_row = Some(totals);
            layout.end_reason = Some(TOTALS.to_owned());
        }
        layout.date_order = records.date_order;
        let mut mapped = records.finish(&table);
        if table.group_col.is_none() {
            for field in [Field::Pillar, Field::PriorityArea] {
                if table.columns.iter().any(|c| c.target == Target::Field(field)) {
                    fill_written_once(&mut mapped.initiatives, field);
                }
            }
        }
        layout.columns = table.columns;
        layout.data_rows = mapped.data_rows;
        layout.initiatives = mapped.initiatives.len();
        let sections = layout.sections.iter().map(|(_, s)| s.clone()).collect();
        SheetImport { layout, initiatives: mapped.initiatives, checkpoints, sections, issues: mapped.issues }
    }
}

/// The order of day and month the dates of the start and due columns
/// prove, in the rows `rows`: day first when some are ("13/06/2026") and
/// none is month first ("6/30/2026"), and so on; `None` when they prove
/// neither or both (then the profile's order reads them, as before).
fn proven_date_order(rows: &[Row], columns: &[Column]) -> Option<DateOrder> {
    let dates: Vec<u32> = columns
        .iter()
        .filter(|c| matches!(c.target, Target::Field(Field::Start | Field::Due)))
        .map(|c| c.index)
        .collect();
    let (mut day_first, mut month_first) = (false, false);
    for v in rows.iter().flat_map(|r| dates.iter().filter_map(|c| r.get(*c))) {
        match header::text_of(v).and_then(crate::values::date_order_evidence) {
            Some(DateOrder::DayFirst) => day_first = true,
            Some(DateOrder::MonthFirst) => month_first = true,
            None => {}
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// Fills a pillar (or priority area) column written once over each group
/// of records and left blank below, as a grouped listing is: the blanks
/// read the value above. The evidence: the first record has a value, some
/// records have none, and no value is written twice — a column filled
/// record by record with a few gaps repeats its values, and its gaps stay
/// gaps.
fn fill_written_once(initiatives: &mut [Initiative], field: Field) {
    fn slot(i: &mut Initiative, field: Field) -> &mut Option<String> {
        if field == Field::Pillar { &mut i.pillar } else { &mut i.priority_area }
    }
    let first_written = initiatives.first_mut().is_some_and(|i| slot(i, field).is_some());
    if !first_written || initiatives.iter_mut().all(|i| slot(i, field).is_some()) {
        return;
    }
    // A value written twice, as is, ends the look before any folding.
    let mut written: Vec<&str> = initiatives
        .iter()
        .filter_map(|i| if field == Field::Pillar { i.pillar.as_deref() } else { i.priority_area.as_deref() })
        .collect();
    written.sort_unstable();
    if written.windows(2).any(|w| w[0] == w[1]) {
        return;
    }
    let mut distinct: Vec<String> = written.iter().map(|w| fold(w)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != written.len() {
        return;
    }
    let mut above: Option<String> = None;
    for ini in initiatives {
        let value = slot(ini, field);
        match value {
            Some(v) => above = Some(v.clone()),
            None => value.clone_from(&above),
        }
    }
}

/// The checkpoints the deliverable columns name, in column order, each
/// once, with the profile's display name when it knows the checkpoint.
fn checkpoints_of(columns: &[Column], vocab: &Vocabulary) -> Vec<(String, String)> {
    let mut checkpoints: Vec<(String, String)> = Vec::new();
    for col in columns {
        if let Target::Deliverable(id) = &col.target
            && !checkpoints.iter().any(|(c, _)| c == id)
        {
            let name = vocab.checkpoint(id).map_or_else(|| id.clone(), |k| k.name.clone());
            checkpoints.push((id.clone(), name));
        }
    }
    checkpoints
}
