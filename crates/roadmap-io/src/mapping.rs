//! The mapping engine: finds the initiative table in a grid and turns its
//! rows into initiatives, recording the cell of every value.
//!
//! What it recognises:
//! - the header row, wherever it is (under a title, an "As of" line, a
//!   legend), as the row with the most headers the profile knows; a second
//!   header row where a group cell ("Deliverables by:") stands over
//!   checkpoint names ("C26" | "PP-26");
//! - a column with no header left of the title column, whose cells are
//!   merged down (or written once and left blank below) over rows: the
//!   initiative those rows are actions of;
//! - section rows ("1  Improving member experience"): the priority area of
//!   the rows below;
//! - repeated header rows (skipped), blank rows (skipped), and the end of
//!   the table at a totals row;
//! - an "As of <date>" line above the table (the report date) and a title.

use std::sync::Arc;

use foldhash::HashMap;
use roadmap_core::rollup::status_from_children;
use roadmap_core::suggest::closest;
use roadmap_core::{
    CellMap, CellRef, CellTable, CodeInfo, Date, Deliverable, Initiative, Issue, Location, SourceRef, Status,
    deliverable_field,
};
use serde::Serialize;

use crate::codes;
use crate::grid::{Grid, Merge, Row, Value, format_number};
use crate::normalize::{fold, slug, words};
use crate::profile::{Field, Vocabulary};
use crate::values::{SerialError, parse_number, parse_revision, parse_text_date, serial_to_date};

/// How many rows from the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 60;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Target {
    /// A field of the initiative.
    Field(Field),
    /// The deliverable due at a checkpoint (by the checkpoint's id).
    Deliverable(String),
    /// The title of the initiative the row is an action of.
    Group,
    /// Kept under `extra`, by this name.
    Extra(String),
}

impl Target {
    /// How a saved profile names the target.
    pub fn profile_name(&self) -> String {
        match self {
            Target::Field(f) => f.as_str().to_owned(),
            Target::Deliverable(c) => format!("deliverables:{c}"),
            Target::Group => "group".to_owned(),
            Target::Extra(_) => "extra".to_owned(),
        }
    }
}

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// 0-based column.
    #[serde(skip)]
    pub index: u32,
    /// Its letters, `F`.
    pub letter: String,
    /// The header text as written (both rows of a two-row header, joined by " / ").
    pub header: String,
    /// What it maps to.
    pub target: Target,
}

/// What was detected in one sheet (or a CSV file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// The sheet.
    pub sheet: Option<String>,
    /// The 1-based header rows (two for a two-row header).
    pub header_rows: Vec<u32>,
    /// The columns and what each maps to.
    pub columns: Vec<Column>,
    /// The 1-based first and last rows read as data.
    pub data_rows: Option<(u32, u32)>,
    /// The 1-based row of the totals row that ended the table.
    pub end_row: Option<u32>,
    /// Section rows: 1-based row and the text (a priority area).
    pub sections: Vec<(u32, String)>,
    /// The title above the table.
    pub title: Option<String>,
    /// The report date above the table.
    pub as_of: Option<Date>,
    /// How many initiatives the sheet gave (groups included).
    pub initiatives: usize,
}

/// A value read from a cell, with the cell it came from (the top-left of a
/// merge for merged cells).
struct Read {
    value: Value,
    cell: CellRef,
}

fn cell_ref(row: u32, col: u32) -> CellRef {
    // Positions were checked by the readers.
    CellRef::clamped(row.saturating_add(1), col.saturating_add(1))
}

fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::Text(t) => Some(t.trim()),
        _ => None,
    }
}

/// Finds the header row: the row (among the first ones) with the most
/// headers the profile knows; at least two.
fn find_header(grid: &Grid, vocab: &Vocabulary) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let mut fields = Vec::new();
        let mut score = 0;
        for (_, v) in &row.cells {
            let Some(t) = text_of(v) else { continue };
            if let Some(f) = vocab.field(t) {
                if !fields.contains(&f) {
                    fields.push(f);
                    score += 1;
                }
            } else if vocab.is_deliverable_group(t)
                || vocab.deliverable_header(t).is_some()
                || vocab.saved_deliverable(t).is_some()
            {
                score += 1;
            }
        }
        let has_item = fields.iter().any(|f| matches!(f, Field::Title | Field::Id));
        if score >= 2 && has_item && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// The checkpoint id a header's checkpoint text names: the profile's id for
/// a name it knows, else the text itself.
fn checkpoint_id(vocab: &Vocabulary, text: &str) -> String {
    vocab.checkpoint(text).map_or_else(|| text.trim().to_owned(), |k| k.id.clone())
}

/// Maps the header row (and a second one under group cells) to columns.
/// Returns the columns and the number of header rows.
fn map_columns(
    grid: &Grid,
    h: usize,
    vocab: &Vocabulary,
    issues: &mut Vec<Issue>,
    loc: &dyn Fn(CellRef, &str) -> Location,
) -> (Vec<Column>, usize) {
    let header = &grid.rows[h];
    let below = grid.rows.get(h + 1).filter(|r| r.index == header.index + 1);
    let last_col = grid.rows.iter().map(|r| r.cells.last().map_or(0, |(c, _)| *c)).max().unwrap_or(0);
    // Group cells ("Deliverables by:") and the columns they span.
    let mut sub_used = false;
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for (c, v) in &header.cells {
        if text_of(v).is_some_and(|t| vocab.is_deliverable_group(t)) {
            let merged = grid.merges.iter().find(|m| m.first_row == header.index && m.first_column == *c);
            let end = if let Some(m) = merged {
                m.last_column
            } else {
                let next = header.cells.iter().map(|(k, _)| *k).find(|k| k > c).map_or(last_col, |k| k - 1);
                // Without a merge, the group reaches as far as the row below has names.
                below.map_or(*c, |b| {
                    b.cells.iter().map(|(k, _)| *k).filter(|k| *k >= *c && *k <= next).max().unwrap_or(*c)
                })
            };
            spans.push((*c, end));
        }
    }
    let in_span = |c: u32| spans.iter().any(|(a, b)| (*a..=*b).contains(&c));
    let mut columns: Vec<Column> = Vec::new();
    let mut seen: Vec<Field> = Vec::new();
    let mut all: Vec<u32> = header.cells.iter().map(|(c, _)| *c).collect();
    if let Some(b) = below {
        all.extend(b.cells.iter().map(|(c, _)| *c).filter(|c| in_span(*c)));
    }
    all.sort_unstable();
    all.dedup();
    for c in all {
        let top = header.get(c).map(Value::to_text).unwrap_or_default();
        let sub = below.and_then(|b| b.get(c)).map(Value::to_text).filter(|_| in_span(c));
        let header_text = match &sub {
            Some(s) if !top.trim().is_empty() => format!("{} / {}", top.trim(), s.trim()),
            Some(s) => s.trim().to_owned(),
            None => top.trim().to_owned(),
        };
        let target = if let Some(s) = &sub {
            sub_used = true;
            Target::Deliverable(checkpoint_id(vocab, s))
        } else if let Some(cp) = vocab.saved_deliverable(&top) {
            Target::Deliverable(cp)
        } else if let Some(f) = vocab.field(&top) {
            if seen.contains(&f) {
                let cell = cell_ref(header.index, c);
                issues.push(
                    codes::DUPLICATE_HEADER
                        .issue(format!("'{}' is a second {} column; it is kept under extra", top.trim(), f.as_str()))
                        .with_location(loc(cell, f.as_str())),
                );
                Target::Extra(top.trim().to_owned())
            } else {
                seen.push(f);
                Target::Field(f)
            }
        } else if let Some(cp) = vocab.deliverable_header(&top) {
            Target::Deliverable(checkpoint_id(vocab, &cp))
        } else {
            // Unknown headers, and group cells with nothing under them, are kept.
            Target::Extra(top.trim().to_owned())
        };
        columns.push(Column { index: c, letter: roadmap_core::column_letters(c + 1), header: header_text, target });
    }
    // Columns with data but no header: left of the title, the grouping
    // initiative; elsewhere, kept by their letter.
    let title_col = columns.iter().find(|c| c.target == Target::Field(Field::Title)).map(|c| c.index);
    let data_start = h + if sub_used { 2 } else { 1 };
    let mut unnamed: Vec<u32> = grid.rows[data_start.min(grid.rows.len())..]
        .iter()
        .flat_map(|r| r.cells.iter().map(|(c, _)| *c))
        .filter(|c| !columns.iter().any(|col| col.index == *c))
        .collect();
    unnamed.sort_unstable();
    unnamed.dedup();
    for c in unnamed {
        let letter = roadmap_core::column_letters(c + 1);
        let target = if title_col.is_some_and(|t| c < t) && !columns.iter().any(|col| col.target == Target::Group) {
            Target::Group
        } else {
            Target::Extra(extra_name("", &letter))
        };
        columns.push(Column { index: c, letter, header: String::new(), target });
    }
    columns.sort_by_key(|c| c.index);
    (columns, if sub_used { 2 } else { 1 })
}

/// Reads "As of <date>" and a title from the rows above the header.
fn above_table(
    grid: &Grid,
    h: usize,
    vocab: &Vocabulary,
    order: crate::profile::DateOrder,
) -> (Option<String>, Option<Date>) {
    let mut title = None;
    let mut as_of = None;
    for row in &grid.rows[..h] {
        let texts: Vec<(u32, &Value)> = row.cells.iter().map(|(c, v)| (*c, v)).collect();
        for (k, (_, v)) in texts.iter().enumerate() {
            let Some(t) = text_of(v) else { continue };
            let w = words(t);
            if let Some(prefix) = vocab.as_of.iter().find(|p| w == **p || w.starts_with(&format!("{p} "))) {
                let rest: String = if w.len() > prefix.len() {
                    // The date in its original spelling: drop as many words as the prefix has.
                    let n = prefix.split(' ').count();
                    t.split(|c: char| c.is_whitespace()).filter(|s| !s.is_empty()).skip(n).collect::<Vec<_>>().join(" ")
                } else {
                    String::new()
                };
                let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
                let date = if rest.is_empty() {
                    texts.get(k + 1).and_then(|(_, v)| date_of_value(v, order).ok().flatten())
                } else {
                    parse_text_date(rest, order).map(|d| d.date)
                };
                if date.is_some() {
                    as_of = date;
                }
            } else if title.is_none()
                && t.chars().any(char::is_alphabetic)
                && !t.starts_with(|c: char| c.is_ascii_digit())
            {
                title = Some(t.to_owned());
            }
        }
    }
    (title, as_of)
}

/// A date cell's value, without issues: for the "As of" line.
pub(crate) fn date_of_value(v: &Value, order: crate::profile::DateOrder) -> Result<Option<Date>, ()> {
    match v {
        Value::DateSerial { serial, system_1904 } => serial_to_date(*serial, *system_1904).map(Some).map_err(|_| ()),
        Value::Text(_) | Value::DateIso(_) => Ok(parse_text_date(&v.text(), order).map(|d| d.date)),
        _ => Err(()),
    }
}

/// Everything one sheet gave.
pub(crate) struct SheetImport {
    pub layout: Layout,
    pub initiatives: Vec<Initiative>,
    /// Checkpoint ids met in headers, in column order, with their display names.
    pub checkpoints: Vec<(String, String)>,
    /// Priority area names from section rows.
    pub sections: Vec<String>,
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
}

/// True for a row that only names a section: one text (or a number and a
/// text) left of the data columns, numbered ("1  Improving ...") or merged
/// across the table.
fn section_text(row: &Row, merges: &[Merge], columns: &[Column], title_col: Option<u32>) -> Option<String> {
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
fn numbered_row(row: &Row) -> bool {
    row.cells.first().is_some_and(|(_, v)| v.to_text().trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Per-column lookups of vertical merges in the data region, sorted by
/// first row, for "what does this empty cell show". Rows come one by one
/// (the table is streamed): each merge's top-left value is copied when its
/// row is seen, before the row's values are moved out.
struct Fills {
    /// Vertical merges of the data region, by their first row.
    starts: HashMap<u32, Vec<Merge>>,
    by_column: HashMap<u32, Vec<(u32, u32, Value, CellRef)>>,
}

impl Fills {
    fn new(merges: &[Merge], from_row: u32) -> Fills {
        let mut starts: HashMap<u32, Vec<Merge>> = HashMap::default();
        for m in merges.iter().filter(|m| m.last_row > m.first_row && m.first_row >= from_row) {
            starts.entry(m.first_row).or_default().push(*m);
        }
        Fills { starts, by_column: HashMap::default() }
    }

    /// Notes the merges that start at this row. Rows come in order, so each
    /// column's list stays sorted by first row.
    fn observe(&mut self, row: &Row) {
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
fn take_cell(row: &mut Row, fills: &Fills, col: u32) -> Option<Read> {
    match row.take(col) {
        Some(value) => Some(Read { value, cell: cell_ref(row.index, col) }),
        None => fills.at(row.index, col),
    }
}

/// Marks a column as known.
fn mark(known: &mut Vec<bool>, column: u32) {
    let at = column as usize;
    if known.len() <= at {
        known.resize(at + 1, false);
    }
    known[at] = true;
}

/// Text without surrounding space, reusing the cell's string when it has none.
fn into_text(value: Value) -> String {
    let text = match value {
        Value::Text(t) => t.into_string(),
        other => other.to_text(),
    };
    if text.trim().len() == text.len() { text } else { text.trim().to_owned() }
}

/// The key of a column's cells in a record's cell map: the field, or
/// `extra.<name>` for a kept column; none for groups and deliverables.
fn cell_key(col: &Column) -> Option<Arc<str>> {
    match &col.target {
        Target::Field(f) => Some(Arc::from(f.as_str())),
        Target::Extra(name) => Some(Arc::from(format!("extra.{}", extra_name(name, &col.letter)).as_str())),
        Target::Deliverable(_) | Target::Group => None,
    }
}

/// Where a column's cells go in a record's cell map.
enum CellKey {
    /// The shared table's key at this index.
    Table(usize),
    /// A key of the record's own (a column first seen after the head: the
    /// table is made once per sheet, whatever the rows bring).
    Own(Arc<str>),
}

/// A table's cell keys, shared by its records, with the key of each
/// column and of each deliverable.
struct CellColumns {
    table: Arc<CellTable>,
    /// By column, as the columns are listed; none for groups and deliverables.
    columns: Vec<Option<CellKey>>,
    /// The key of the N-th deliverable written in a row, `deliverables[N]`,
    /// whose cell is usually in the N-th deliverable column.
    deliverables: Vec<usize>,
    /// How many kept columns the head showed.
    extras: usize,
}

impl CellColumns {
    fn new(columns: &[Column]) -> CellColumns {
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
fn extra_name(header: &str, letter: &str) -> String {
    if header.is_empty() { format!("column {letter}") } else { header.to_owned() }
}

/// The rows of a sheet after its head, as the reader streams them.
pub(crate) type RowStream<'a> = dyn Iterator<Item = Result<Row, crate::Error>> + 'a;

/// Imports the initiative table of a sheet, or `None` when it has none.
/// `grid` holds the sheet's first rows (where the header is looked for) and
/// its merges; `rest` streams the rows after them, which are mapped as they
/// come. Columns that first show up in `rest` are kept like any other.
/// `rows`, when the reader knows it, is how many rows the sheet has.
#[allow(clippy::too_many_lines)] // One pass over the rows, in the order a reader would.
pub(crate) fn import_sheet(
    grid: &mut Grid,
    rest: &mut RowStream<'_>,
    rows: Option<usize>,
    vocab: &Vocabulary,
    origin: &Origin,
    issues: &mut Vec<Issue>,
) -> Result<Option<SheetImport>, crate::Error> {
    let Some(h) = find_header(grid, vocab) else { return Ok(None) };
    let loc = |cell: CellRef, field: &str| origin.location(cell, field);
    let (mut columns, header_rows) = map_columns(grid, h, vocab, issues, &loc);
    let order = vocab.profile.date_order;
    let (title, as_of) = above_table(grid, h, vocab, order);
    let header_row = grid.rows[h].index;
    let mut layout = Layout {
        sheet: origin.sheet.as_deref().map(str::to_owned),
        header_rows: (0..header_rows as u32).map(|k| header_row + k + 1).collect(),
        columns: columns.clone(),
        title,
        as_of,
        ..Layout::default()
    };
    let title_col = columns.iter().find(|c| c.target == Target::Field(Field::Title)).map(|c| c.index);
    let group_col = columns.iter().find(|c| c.target == Target::Group).map(|c| c.index);
    let id_col = columns.iter().find(|c| c.target == Target::Field(Field::Id)).map(|c| c.index);
    // The header's words by column, folded: a repeated header row is told by them.
    let mut header_folds: Vec<Vec<String>> = Vec::new();
    for (c, v) in grid.rows[h..h + header_rows].iter().flat_map(|r| r.cells.iter()) {
        let at = *c as usize;
        if header_folds.len() <= at {
            header_folds.resize_with(at + 1, Vec::new);
        }
        header_folds[at].push(fold(&v.to_text()));
    }
    let data_from = h + header_rows;
    let mut fills = Fills::new(&grid.merges, grid.rows.get(data_from).map_or(header_row + 1, |r| r.index));
    let prefix = origin.sheet.as_deref().map(|s| format!("{}-", slug(s))).unwrap_or_default();

    // About one initiative per row: reserved once (up to a million) when the
    // reader can tell the rows, so the records are not moved again and again
    // (nor held twice while they are).
    let mut initiatives: Vec<Initiative> = Vec::with_capacity(rows.unwrap_or(0).min(1 << 20));
    // A numbered section right above the header opens the table.
    let mut section: Option<String> = grid.rows[..h]
        .iter()
        .rev()
        .take(3)
        .find_map(|r| {
            section_text(r, &grid.merges, &columns, title_col).filter(|_| numbered_row(r)).map(|name| (r.index, name))
        })
        .map(|(row, name)| {
            layout.sections.push((row + 1, name.clone()));
            name
        });
    let mut group: Option<(String, usize)> = None; // (folded title + top row, index of the group initiative)
    let mut checkpoints: Vec<(String, String)> = Vec::new();
    for col in &columns {
        if let Target::Deliverable(id) = &col.target
            && !checkpoints.iter().any(|(c, _)| c == id)
        {
            let name = vocab.checkpoint(id).map_or_else(|| id.clone(), |k| k.name.clone());
            checkpoints.push((id.clone(), name));
        }
    }
    let mut progress_cells: Vec<(usize, f64, bool)> = Vec::new(); // (initiative, value, written with %)
    let mut generated_ids = 0usize;
    let mut first_data: Option<u32> = None;
    let mut last_data = 0u32;

    // The keys of the records' cell maps and their columns, shared by the records.
    let mut cell_table = CellColumns::new(&columns);
    let mut status_memo: HashMap<String, Option<Status>> = HashMap::default();
    let merges = std::mem::take(&mut grid.merges);
    let mut known: Vec<bool> = Vec::new();
    for c in &columns {
        mark(&mut known, c.index);
    }
    // The head's data rows, then the streamed ones; each row is moved: its
    // strings become the initiative's.
    let head_rows = std::mem::take(&mut grid.rows);
    for row in head_rows.into_iter().skip(data_from).map(Ok).chain(rest) {
        let mut row = row?;
        fills.observe(&row);
        // A column the head did not show: kept by its letter, as map_columns does.
        for &(c, _) in &row.cells {
            if !known.get(c as usize).copied().unwrap_or(false) {
                mark(&mut known, c);
                let letter = roadmap_core::column_letters(c + 1);
                let target = Target::Extra(extra_name("", &letter));
                let column = Column { index: c, letter, header: String::new(), target };
                cell_table.columns.push(cell_key(&column).map(CellKey::Own));
                layout.columns.push(column.clone());
                columns.push(column);
            }
        }
        let first_text = row.cells.first().map(|(_, v)| v.text()).unwrap_or_default();
        if vocab.is_totals(&first_text) {
            layout.end_row = Some(row.index + 1);
            break;
        }
        // A repeated header row (tables split by sections repeat it).
        let repeats = row
            .cells
            .iter()
            .filter(|(c, v)| {
                let Some(t) = text_of(v) else { return false };
                header_folds.get(*c as usize).is_some_and(|folds| folds.iter().any(|hf| same_header(t, hf)))
            })
            .count();
        if repeats >= 2 || (repeats >= 1 && repeats == row.cells.len()) {
            continue;
        }
        if let Some(name) = section_text(&row, &merges, &columns, title_col) {
            layout.sections.push((row.index + 1, name.clone()));
            section = Some(name);
            group = None;
            continue;
        }
        // A row with nothing but the group cell is the group itself.
        let has_own = row.cells.iter().any(|(c, _)| Some(*c) != group_col);
        // The grouping initiative: a merged or written-once cell left of the title.
        let mut parent_index = None;
        if let Some(gc) = group_col {
            match take_cell(&mut row, &fills, gc) {
                Some(r) if r.value.text().trim().is_empty() => {}
                Some(r) => {
                    let title = into_text(r.value);
                    let key = format!("{}@{}", fold(&title), r.cell);
                    if group.as_ref().is_none_or(|(k, _)| *k != key) {
                        let top_row = r.cell.row();
                        let mut parent = Initiative::new(format!("{prefix}g{top_row}"), title);
                        parent.priority_area.clone_from(&section);
                        let mut cells = CellMap::for_row(Arc::clone(&cell_table.table), top_row);
                        cells.insert(Arc::from("title"), r.cell);
                        parent.source = Some(SourceRef {
                            file: origin.file.clone(),
                            sheet: origin.sheet.clone(),
                            row: Some(top_row),
                            cells,
                        });
                        initiatives.push(parent);
                        group = Some((key, initiatives.len() - 1));
                    }
                    parent_index = group.as_ref().map(|(_, i)| *i);
                }
                None => parent_index = group.as_ref().map(|(_, i)| *i),
            }
        }
        if !has_own {
            continue;
        }
        first_data.get_or_insert(row.index + 1);
        last_data = row.index + 1;

        let at = initiatives.len();
        let first_issue = issues.len();
        let mut ini = Initiative::default();
        let row_no = row.index + 1;
        let mut cells = CellMap::for_row(Arc::clone(&cell_table.table), row_no);
        let mut pending_issue =
            |info: &CodeInfo, cell: CellRef, field: &str, message: String, suggestion: Option<String>| {
                let mut issue = info.issue(message).with_location(loc(cell, field));
                if let Some(s) = suggestion {
                    issue = issue.with_suggestion(s);
                }
                issues.push(issue);
            };
        let mut deliverable_no = 0;
        // Kept columns and the cells of columns first seen after the head,
        // made maps once the row is read.
        let mut extra = Vec::with_capacity(cell_table.extras);
        let mut own_cells = Vec::new();
        for (col, key) in columns.iter().zip(&cell_table.columns) {
            if col.target == Target::Group {
                continue;
            }
            let Some(Read { value, cell }) = take_cell(&mut row, &fills, col.index) else { continue };
            if let Value::Error(e) = &value
                && !matches!(col.target, Target::Extra(_))
            {
                let field = col.target.profile_name();
                pending_issue(&codes::ERROR_VALUE, cell, &field, format!("the cell holds {e}"), None);
                continue;
            }
            match key {
                Some(CellKey::Table(key)) => cells.set(*key, cell),
                Some(CellKey::Own(key)) => own_cells.push((Arc::clone(key), cell)),
                None => {}
            }
            match &col.target {
                Target::Group => {}
                Target::Extra(name) => {
                    extra.push((extra_name(name, &col.letter), json_of(value)));
                }
                Target::Deliverable(cp) => {
                    let text = into_text(value);
                    if !text.is_empty() {
                        if let Some(key) = cell_table.deliverables.get(deliverable_no) {
                            cells.set(*key, cell);
                        }
                        deliverable_no += 1;
                        // Room for one per checkpoint column, not the four a first push gives.
                        if ini.deliverables.capacity() == 0 {
                            ini.deliverables.reserve_exact(cell_table.deliverables.len());
                        }
                        let (status, description) = deliverable_text(vocab, text);
                        ini.deliverables.push(Deliverable { checkpoint: cp.clone(), description, status, due: None });
                    }
                }
                Target::Field(field) => match field {
                    Field::Id => ini.id = into_text(value),
                    Field::Title => ini.title = into_text(value),
                    Field::Description => ini.description = Some(into_text(value)),
                    Field::Parent => ini.parent = Some(into_text(value)),
                    Field::Pillar => ini.pillar = Some(into_text(value)),
                    Field::PriorityArea => ini.priority_area = Some(into_text(value)),
                    Field::Owner => ini.owner = Some(into_text(value)),
                    Field::Revision => ini.revision = parse_revision(&value.text()),
                    Field::Status => {
                        let is_text = matches!(value, Value::Text(_));
                        let text = value.text();
                        let text = text.trim();
                        ini.status = if is_text {
                            // Few distinct words fill a status column: fold each once.
                            match status_memo.get(text) {
                                Some(s) => *s,
                                None => *status_memo.entry(text.to_owned()).or_insert_with(|| vocab.status(text)),
                            }
                        } else {
                            None
                        };
                        if ini.status.is_none() {
                            let words = vocab.status_words.iter().map(|(w, _)| w.as_str());
                            let near = closest(text, words).and_then(|w| vocab.status(w));
                            match near {
                                Some(s) if is_text => {
                                    ini.status = Some(s);
                                    pending_issue(
                                        &codes::STATUS_MISSPELLED,
                                        cell,
                                        "status",
                                        format!("'{text}' was read as '{}'", s.label()),
                                        Some(format!("did you mean '{}'?", s.label())),
                                    );
                                }
                                _ => {
                                    let suggestion = closest(text, Status::ALL.iter().map(|s| s.label())).map_or_else(
                                        || "use Completed, Ongoing, Planned or Revised".to_owned(),
                                        |w| format!("did you mean '{w}'?"),
                                    );
                                    pending_issue(
                                        &codes::UNKNOWN_STATUS,
                                        cell,
                                        "status",
                                        format!("'{text}' is not a status"),
                                        Some(suggestion),
                                    );
                                }
                            }
                        }
                    }
                    Field::Start | Field::Due => {
                        let date = read_date(&value, order, field.as_str(), cell, &mut pending_issue);
                        if *field == Field::Start { ini.start = date } else { ini.due = date }
                    }
                    Field::Progress => {
                        if let Value::Number(n) = value {
                            progress_cells.push((at, n, false));
                        } else {
                            let text = value.text();
                            let text = text.trim();
                            let (body, percent) = match text.strip_suffix('%') {
                                Some(b) => (b, true),
                                None => (text, false),
                            };
                            match parse_number(body, vocab.profile.decimal_comma) {
                                Some(n) => progress_cells.push((at, n, percent)),
                                None => pending_issue(
                                    &codes::UNREADABLE_NUMBER,
                                    cell,
                                    "progress",
                                    format!("progress '{text}' is not a number"),
                                    None,
                                ),
                            }
                        }
                    }
                },
            }
        }
        if !extra.is_empty() {
            ini.extra = extra.into_iter().collect();
        }
        if !own_cells.is_empty() {
            cells.extend(own_cells);
        }
        if id_col.is_none() || ini.id.is_empty() {
            ini.id = format!("{prefix}r{row_no}");
            generated_ids += 1;
            if let Some(id_col) = id_col {
                let cell = cell_ref(row.index, id_col);
                pending_issue(
                    &codes::GENERATED_ID,
                    cell,
                    "id",
                    format!("the row has no id; '{}' was generated", ini.id),
                    None,
                );
            }
        }
        for issue in &mut issues[first_issue..] {
            issue.initiative.get_or_insert_with(|| ini.id.clone());
        }
        if let Some(p) = parent_index {
            ini.parent = Some(initiatives[p].id.clone());
        }
        if ini.priority_area.is_none() {
            ini.priority_area.clone_from(&section);
        }
        ini.source =
            Some(SourceRef { file: origin.file.clone(), sheet: origin.sheet.clone(), row: Some(row_no), cells });
        initiatives.push(ini);
    }
    if generated_ids > 0 && id_col.is_none() {
        let cell = cell_ref(header_row, columns.first().map_or(0, |c| c.index));
        issues.push(
            codes::GENERATED_ID
                .issue(format!("the table has no id column; {generated_ids} ids were generated from the sheet and row"))
                .with_location(loc(cell, "id")),
        );
    }
    // Progress as fractions of one, when every value of the column is.
    let fractions = !progress_cells.is_empty()
        && progress_cells.iter().all(|(_, n, pct)| !*pct && (0.0..=1.0).contains(n))
        && progress_cells.iter().any(|(_, n, _)| *n > 0.0);
    if fractions && let Some(col) = columns.iter().find(|c| c.target == Target::Field(Field::Progress)) {
        issues.push(
            codes::PROGRESS_AS_FRACTION
                .issue(format!("{} progress values were read as fractions of one", progress_cells.len()))
                .with_location(loc(cell_ref(header_row, col.index), "progress")),
        );
    }
    for (at, n, _) in progress_cells {
        // Percent from a fraction, rounded to a billionth so 0.123 reads as 12.3.
        initiatives[at].progress = Some(if fractions { (n * 1e11).round() / 1e9 } else { n });
    }
    derive_group_statuses(&mut initiatives, origin, issues);
    layout.data_rows = first_data.map(|f| (f, last_data));
    layout.initiatives = initiatives.len();
    let sections = layout.sections.iter().map(|(_, s)| s.clone()).collect();
    Ok(Some(SheetImport { layout, initiatives, checkpoints, sections }))
}

/// A deliverable cell: "Achieved: Working prototype in place." gives the
/// status and the description; text with no status word before a colon or
/// dash is all description.
fn deliverable_text(vocab: &Vocabulary, text: String) -> (Option<roadmap_core::DeliverableStatus>, String) {
    // Status words are short: long text is all description.
    if text.len() <= 24
        && let Some(status) = vocab.deliverable_status(&text)
    {
        return (Some(status), String::new());
    }
    let head_end = text.find([':', '-', '–', '—']).filter(|at| *at <= 24);
    if let Some(at) = head_end
        && let Some(status) = vocab.deliverable_status(&text[..at])
    {
        let rest = text[at..].trim_start_matches([':', '-', '–', '—']).trim().to_owned();
        return (Some(status), rest);
    }
    (None, text)
}

/// Where a lenient read reports its issue: code, cell, field, message, suggestion.
type IssueSink<'a> = dyn FnMut(&CodeInfo, CellRef, &str, String, Option<String>) + 'a;

/// Reads a date cell, raising the issue a lenient read deserves.
fn read_date(
    v: &Value,
    order: crate::profile::DateOrder,
    field: &str,
    cell: CellRef,
    issue: &mut IssueSink<'_>,
) -> Option<Date> {
    let serial = |serial: f64, system_1904: bool, issue: &mut IssueSink<'_>| match serial_to_date(serial, system_1904) {
        Ok(d) => Some(d),
        Err(SerialError::NonexistentLeapDay) => {
            issue(
                &codes::INVALID_DATE_SERIAL,
                cell,
                field,
                "serial 60 is 1900-02-29, a day that never was".to_owned(),
                Some("did you mean 1900-02-28 or 1900-03-01?".to_owned()),
            );
            None
        }
        Err(SerialError::OutOfRange) => {
            issue(
                &codes::INVALID_DATE_SERIAL,
                cell,
                field,
                format!("serial {} is not a date", format_number(serial)),
                None,
            );
            None
        }
    };
    match v {
        Value::DateSerial { serial: s, system_1904 } => serial(*s, *system_1904, issue),
        Value::Number(n) => {
            let d = serial(*n, false, issue);
            if let Some(d) = d {
                issue(
                    &codes::NUMBER_AS_DATE,
                    cell,
                    field,
                    format!("the number {} was read as the date {d}", format_number(*n)),
                    None,
                );
            }
            d
        }
        Value::DateIso(_) | Value::Text(_) => {
            let t = v.text();
            let t = t.as_ref();
            if let Some(td) = parse_text_date(t, order) {
                if td.approximate {
                    issue(
                        &codes::APPROXIMATE_DATE,
                        cell,
                        field,
                        format!("'{}' was read as {}", t.trim(), td.date),
                        None,
                    );
                } else if td.ambiguous {
                    issue(
                        &codes::AMBIGUOUS_DATE,
                        cell,
                        field,
                        format!("'{}' was read as {} ({:?})", t.trim(), td.date, order),
                        None,
                    );
                }
                Some(td.date)
            } else {
                issue(
                    &codes::UNREADABLE_DATE,
                    cell,
                    field,
                    format!("'{}' is not a date", t.trim()),
                    Some("write it as YYYY-MM-DD".to_owned()),
                );
                None
            }
        }
        Value::Bool(_) | Value::Error(_) => {
            issue(&codes::UNREADABLE_DATE, cell, field, format!("'{}' is not a date", v.to_text()), None);
            None
        }
    }
}

/// A kept value as JSON: text as a string, numbers and booleans as such,
/// dates as ISO text.
fn json_of(v: Value) -> serde_json::Value {
    match v {
        Value::Number(n) => serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Bool(b) => serde_json::Value::Bool(b),
        Value::Text(t) => serde_json::Value::String(t.into_string()),
        other => serde_json::Value::String(other.to_text()),
    }
}

/// Grouping initiatives made from merged cells state no status: their
/// children give them one (with an info issue).
fn derive_group_statuses(initiatives: &mut [Initiative], origin: &Origin, issues: &mut Vec<Issue>) {
    let mut children: HashMap<&str, Vec<Option<Status>>> = HashMap::default();
    for c in initiatives.iter() {
        if let Some(p) = c.parent.as_deref() {
            children.entry(p).or_default().push(c.status);
        }
    }
    let derived: Vec<(usize, Status)> = initiatives
        .iter()
        .enumerate()
        .filter(|(_, g)| g.status.is_none())
        .filter_map(|(i, g)| Some((i, status_from_children(children.get(g.id.as_str())?.iter().copied())?)))
        .collect();
    for (g, s) in derived {
        let ini = &mut initiatives[g];
        ini.status = Some(s);
        let mut issue = codes::DERIVED_STATUS
            .issue(format!("'{}' states no status; its actions make it {}", ini.title, s.label()))
            .with_initiative(ini.id.clone());
        if let Some(cell) = ini.source.as_ref().and_then(|s| s.cells.get("title")) {
            issue = issue.with_location(origin.location(cell, "status"));
        }
        issues.push(issue);
    }
}
