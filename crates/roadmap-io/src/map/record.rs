//! A record row to an initiative: each cell read for its column's field,
//! with the cell it came from and the issues a lenient read raises.

use std::sync::Arc;

use foldhash::HashMap;
use roadmap_core::suggest::closest;
use roadmap_core::{CellMap, CellRef, CodeInfo, Deliverable, Initiative, Issue, Status};

use super::cells::{CellKey, extra_name};
use super::fields::{deliverable_text, into_text, json_of, read_date};
use super::fills::{Fills, Read, cell_ref, take_cell};
use super::groups::derive_group_statuses;
use super::header::{is_tick, is_untick, tick_of};
use super::layout::{Column, Target};
use super::{Origin, Table};
use crate::codes;
use crate::grid::{Row, Value, percent_of};
use crate::profile::{DateOrder, Field, Vocabulary};
use crate::values::parse_number;

/// A progress figure as written, kept until the whole column is seen: a
/// column of fractions of one is read as percent.
struct Progress {
    /// The initiative's index.
    at: usize,
    value: f64,
    /// Written with a `%` sign.
    percent_sign: bool,
}

/// What the records of a sheet gave.
pub(super) struct Mapped {
    pub(super) initiatives: Vec<Initiative>,
    pub(super) issues: Vec<Issue>,
    /// The 1-based first and last rows read as records.
    pub(super) data_rows: Option<(u32, u32)>,
}

/// What the records of a sheet gave so far.
pub(super) struct Records<'v> {
    pub(super) vocab: &'v Vocabulary,
    pub(super) origin: Origin,
    initiatives: Vec<Initiative>,
    issues: Vec<Issue>,
    /// Few distinct words fill a status column: each is looked up once.
    statuses: HashMap<String, Option<Status>>,
    progress: Vec<Progress>,
    generated_ids: usize,
    /// The 1-based first and last rows read as records.
    first_row: Option<u32>,
    last_row: u32,
    /// The order of day and month the sheet's own dates prove, where they
    /// do (see [`crate::values::date_order_evidence`]); else the profile's.
    pub(super) date_order: Option<DateOrder>,
    /// The last record with an id of its own: bulleted rows below it are
    /// its actions.
    last_with_id: Option<usize>,
}

/// What a row holds under the statuses' columns ([`Target::StatusMark`]).
#[derive(Default)]
struct Ticks<'t> {
    /// Each tick: its status, cell and column header.
    ticked: Vec<(Status, CellRef, &'t str)>,
    /// The first tick written with a note after it ("X (merged into A-3)").
    noted: Option<String>,
    /// The first value that is neither a tick nor an unticked box, with its
    /// cell and column header.
    other: Option<(CellRef, String, &'t str)>,
    /// The row's status column holds a value: it, not the ticks, tells.
    status_written: bool,
}

impl<'t> Ticks<'t> {
    /// Reads a cell of `column`, one of `status`; returns what is kept
    /// under `extra`, by its name: a value that is neither a tick nor an
    /// unticked box, or a tick with a note after it (the note is only there).
    fn read(
        &mut self,
        status: Status,
        value: Value,
        cell: CellRef,
        column: &'t Column,
        vocab: &Vocabulary,
    ) -> Option<(String, serde_json::Value)> {
        let header = column.header.as_str();
        if is_tick(&value, vocab) {
            self.ticked.push((status, cell, header));
            let Value::Text(t) = &value else { return None };
            tick_of(t.trim())?;
            self.noted.get_or_insert_with(|| t.trim().to_owned());
        } else if is_untick(&value, vocab) {
            return None;
        } else {
            self.other.get_or_insert_with(|| (cell, value.text().trim().to_owned(), header));
        }
        Some((extra_name(&column.header, &column.letter), json_of(value)))
    }
}

/// What opens an action's title written as a bullet.
const BULLETS: [char; 8] = ['-', '–', '—', '•', '·', '*', '▪', '◦'];

impl<'v> Records<'v> {
    /// `rows`, when the reader can tell, is about one initiative per row:
    /// reserved once (up to a million), so the records are not moved again
    /// and again (nor held twice while they are).
    pub(super) fn new(vocab: &'v Vocabulary, origin: Origin, rows: Option<usize>, issues: Vec<Issue>) -> Records<'v> {
        Records {
            vocab,
            origin,
            initiatives: Vec::with_capacity(rows.unwrap_or(0).min(1 << 20)),
            issues,
            statuses: HashMap::default(),
            progress: Vec::new(),
            generated_ids: 0,
            first_row: None,
            last_row: 0,
            date_order: None,
            last_with_id: None,
        }
    }

    /// Adds a grouping initiative; returns its index.
    pub(super) fn push_group(&mut self, group: Initiative) -> usize {
        self.initiatives.push(group);
        self.initiatives.len() - 1
    }

    /// An issue at a cell of the record being read.
    fn issue(&mut self, info: &CodeInfo, cell: CellRef, field: &str, message: String, suggestion: Option<String>) {
        let mut issue = info.issue(message).with_location(self.origin.location(cell, field));
        if let Some(s) = suggestion {
            issue = issue.with_suggestion(s);
        }
        self.issues.push(issue);
    }

    /// Rows `first` to `last` (1-based), `count` of them with cells, stand
    /// below the table's end and were not read; `ending` says where and
    /// why the table ends.
    pub(super) fn left_out(&mut self, first: u32, last: u32, count: usize, ending: &str) {
        let rows = if first == last { format!("row {first}") } else { format!("rows {first}-{last}") };
        let read = if count == 1 { "was not read as an initiative" } else { "were not read as initiatives" };
        let message = format!("{rows} below the table {read}: {ending}");
        let location = roadmap_core::Location {
            file: self.origin.file.clone(),
            sheet: self.origin.sheet.clone(),
            row: Some(first),
            ..roadmap_core::Location::default()
        };
        self.issues.push(codes::ROWS_AFTER_TABLE.issue(message).with_location(location));
    }

    /// Reads a record row: the initiative of the group `parent` (an index)
    /// when it has one, under the pillar and priority area section rows
    /// name (`sections`) where no cell says them.
    pub(super) fn record(
        &mut self,
        table: &Table,
        fills: &Fills,
        mut row: Row,
        parent: Option<usize>,
        sections: (Option<&String>, Option<&String>),
    ) {
        let row_no = row.index + 1;
        self.first_row.get_or_insert(row_no);
        self.last_row = row_no;
        let at = self.initiatives.len();
        let first_issue = self.issues.len();
        let mut ini = Initiative::default();
        let mut cells = CellMap::for_row(Arc::clone(&table.keys.table), row_no);
        // Kept columns and the cells of columns first seen after the head,
        // made maps once the row is read.
        let mut extra = Vec::with_capacity(table.keys.extras);
        let mut own_cells = Vec::new();
        let mut ticks = Ticks::default();
        for (col, key) in table.columns.iter().zip(&table.keys.columns) {
            if col.target == Target::Group {
                continue;
            }
            let Some(Read { value, cell }) = take_cell(&mut row, fills, col.index) else { continue };
            if let Value::Error(e) = &value
                && !matches!(col.target, Target::Extra(_))
            {
                let field = col.target.profile_name();
                self.issue(&codes::ERROR_VALUE, cell, &field, format!("the cell holds {e}"), None);
                continue;
            }
            match key {
                Some(CellKey::Table(key)) => cells.set(*key, cell),
                Some(CellKey::Own(key)) => own_cells.push((Arc::clone(key), cell)),
                None => {}
            }
            match &col.target {
                Target::Group => {}
                Target::Extra(name) => extra.push((extra_name(name, &col.letter), json_of(value))),
                Target::Deliverable(cp) => {
                    let text = into_text(value);
                    if !text.is_empty() {
                        if let Some(key) = table.keys.deliverables.get(ini.deliverables.len()) {
                            cells.set(*key, cell);
                        }
                        self.deliverable(&mut ini, table, cp, text);
                    }
                }
                Target::Field(field) => {
                    ticks.status_written |= *field == Field::Status && !value.text().trim().is_empty();
                    self.field(&mut ini, *field, value, cell, at);
                }
                Target::StatusMark(status) => {
                    if let Some((name, kept)) = ticks.read(*status, value, cell, col, self.vocab) {
                        own_cells.push((Arc::from(format!("extra.{name}").as_str()), cell));
                        extra.push((name, kept));
                    }
                }
            }
        }
        if let Some(cell) = self.ticked(&mut ini, ticks) {
            own_cells.push((Arc::from(Field::Status.as_str()), cell));
        }
        // A revised initiative whose reason is written in a notes column.
        if ini.status == Some(Status::Revised) && ini.revision.is_none() {
            ini.revision = extra.iter().find_map(|(_, v)| v.as_str().and_then(crate::values::revision_note));
        }
        if !extra.is_empty() {
            ini.extra = extra.into_iter().collect();
        }
        if !own_cells.is_empty() {
            cells.extend(own_cells);
        }
        // A row with no id whose title is a bullet ("- Pilot with 2
        // agencies") under a record with one: an action of that record.
        let had_id = !ini.id.is_empty();
        let mut action_of = None;
        if !had_id && parent.is_none() && ini.title.starts_with(BULLETS) {
            let bare = ini.title.trim_start_matches(BULLETS);
            if bare.starts_with(char::is_whitespace) && self.last_with_id.is_some() {
                action_of = self.last_with_id;
                let title = bare.trim().to_owned();
                ini.title = title;
            }
        }
        let parent = parent.or(action_of);
        if table.id_col.is_none() || ini.id.is_empty() {
            ini.id = format!("{}r{row_no}", table.id_prefix);
            self.generated_ids += 1;
            if let Some(id_col) = table.id_col.filter(|_| action_of.is_none()) {
                let message = format!("the row has no id; '{}' was generated", ini.id);
                self.issue(&codes::GENERATED_ID, cell_ref(row.index, id_col), "id", message, None);
            }
        }
        for issue in &mut self.issues[first_issue..] {
            issue.initiative.get_or_insert_with(|| ini.id.clone());
        }
        if let Some(p) = parent {
            ini.parent = Some(self.initiatives[p].id.clone());
        }
        let (pillar, area) = sections;
        if ini.pillar.is_none() {
            ini.pillar = pillar.cloned();
        }
        if ini.priority_area.is_none() {
            ini.priority_area = area.cloned();
        }
        ini.source = Some(self.origin.source(row_no, cells));
        if had_id {
            self.last_with_id = Some(self.initiatives.len());
        }
        self.initiatives.push(ini);
    }

    /// The status the row's ticks give, where its status column (if any)
    /// is blank: one tick under the statuses' columns (a note after it is
    /// told); two ticks or more are an error, and no status; a value there
    /// that is no tick, with none beside it, is an unknown status. Returns
    /// the tick's cell.
    fn ticked(&mut self, ini: &mut Initiative, ticks: Ticks<'_>) -> Option<CellRef> {
        if ticks.status_written {
            return None;
        }
        // Ticks under two columns of one status ("Delivered | Closed") are one.
        let mut seen: Vec<Status> = Vec::new();
        let mut ticked = ticks.ticked;
        ticked.retain(|(status, ..)| {
            let first = !seen.contains(status);
            seen.push(*status);
            first
        });
        match ticked.as_slice() {
            [] => {
                let (cell, text, header) = ticks.other?;
                let message = format!("'{text}' under '{header}' is neither a tick nor an unticked box");
                let suggestion = "tick the status's column (X, ✓, yes), or add the mark to a profile's marks";
                self.issue(&codes::UNKNOWN_STATUS, cell, Field::Status.as_str(), message, Some(suggestion.to_owned()));
                None
            }
            [(status, cell, _)] => {
                ini.status = Some(*status);
                if let Some(text) = ticks.noted {
                    let message = format!("'{text}' was read as a tick for '{}', with a note", status.label());
                    self.issue(&codes::STATUS_WITH_NOTE, *cell, Field::Status.as_str(), message, None);
                }
                Some(*cell)
            }
            [(_, cell, first), rest @ ..] => {
                let others: Vec<String> = rest.iter().map(|(_, _, h)| format!("'{h}'")).collect();
                let message = format!("ticks under '{first}' and {}: which status holds?", others.join(" and "));
                self.issue(&codes::STATUS_MARKED_TWICE, *cell, Field::Status.as_str(), message, None);
                None
            }
        }
    }

    /// A deliverable cell's text: its status and description, due at `checkpoint`.
    fn deliverable(&self, ini: &mut Initiative, table: &Table, checkpoint: &str, text: String) {
        // Room for one per checkpoint column, not the four a first push gives.
        if ini.deliverables.capacity() == 0 {
            ini.deliverables.reserve_exact(table.keys.deliverables.len());
        }
        let (status, description) = deliverable_text(self.vocab, text);
        ini.deliverables.push(Deliverable { checkpoint: checkpoint.to_owned(), description, status, due: None });
    }

    /// Reads a cell for a field of the initiative (the `at`-th of the sheet).
    fn field(&mut self, ini: &mut Initiative, field: Field, value: Value, cell: CellRef, at: usize) {
        // "-", "N/A", "TBC" for an owner, a pillar, an area: none is named.
        // (Under a date, a status or progress, such a mark stays an issue at
        // its cell: the figure the report needs is missing.)
        if matches!(field, Field::Owner | Field::Pillar | Field::PriorityArea)
            && matches!(&value, Value::Text(t) if crate::values::is_placeholder(t))
        {
            return;
        }
        match field {
            Field::Id => ini.id = into_text(value),
            Field::Title => ini.title = into_text(value),
            Field::Description => ini.description = Some(into_text(value)),
            Field::Parent => ini.parent = Some(into_text(value)),
            Field::Pillar => ini.pillar = Some(into_text(value)),
            Field::PriorityArea => ini.priority_area = Some(into_text(value)),
            Field::Owner => ini.owner = Some(into_text(value)),
            Field::Revision => ini.revision = crate::values::parse_revision(&value.text()),
            Field::Status => ini.status = self.status(&value, cell),
            Field::Start | Field::Due => {
                // Where the sheet's dates prove their order, an ambiguous
                // one is read in it, with no issue: no guess was made.
                let order = self.date_order.unwrap_or(self.vocab.profile.date_order);
                let proven = self.date_order.is_some();
                let date =
                    read_date(&value, order, field.as_str(), cell, &mut |info, cell, field, message, suggestion| {
                        if !(proven && info.code == codes::AMBIGUOUS_DATE.code) {
                            self.issue(info, cell, field, message, suggestion);
                        }
                    });
                if field == Field::Start { ini.start = date } else { ini.due = date }
            }
            Field::Progress => self.progress(&value, cell, at),
        }
    }

    /// A status cell: a word the profile knows; else a small misspelling of
    /// one (read, with an issue; see [`Vocabulary::misspelled_status`]);
    /// else no status, with an issue — a word that is no status ("On hold")
    /// is never guessed into one.
    fn status(&mut self, value: &Value, cell: CellRef) -> Option<Status> {
        const ANY: &str = "use Completed, Ongoing, Planned or Revised";
        let is_text = matches!(value, Value::Text(_));
        let text = value.text();
        let text = text.trim();
        let vocab = self.vocab;
        let status = if is_text {
            match self.statuses.get(text) {
                Some(s) => *s,
                None => *self.statuses.entry(text.to_owned()).or_insert_with(|| vocab.status(text)),
            }
        } else {
            None
        };
        if status.is_some() {
            return status;
        }
        if is_text && let Some(s) = vocab.misspelled_status(text) {
            let message = format!("'{text}' was read as '{}'", s.label());
            let suggestion = format!("did you mean '{}'?", s.label());
            self.issue(&codes::STATUS_MISSPELLED, cell, "status", message, Some(suggestion));
            return Some(s);
        }
        if is_text && let Some((s, note)) = vocab.qualified_status(text) {
            let message = format!("'{text}' was read as '{}', with the note '{note}'", s.label());
            self.issue(&codes::STATUS_WITH_NOTE, cell, "status", message, None);
            return Some(s);
        }
        // A word that is no status gets no "did you mean": it means something else.
        let near = if is_text && vocab.is_non_status(text) {
            None
        } else {
            closest(text, Status::ALL.iter().map(|s| s.label()))
        };
        let suggestion = near.map_or_else(|| ANY.to_owned(), |w| format!("did you mean '{w}'?"));
        self.issue(&codes::UNKNOWN_STATUS, cell, "status", format!("'{text}' is not a status"), Some(suggestion));
        None
    }

    /// A progress cell: a number, or text with or without `%`; kept until
    /// the whole column is seen ([`Records::finish`]).
    fn progress(&mut self, value: &Value, cell: CellRef, at: usize) {
        match value {
            Value::Number(n) => {
                self.progress.push(Progress { at, value: *n, percent_sign: false });
                return;
            }
            // The file says it is a percentage: as good as a "%" sign.
            Value::Percent(f) => {
                self.progress.push(Progress { at, value: percent_of(*f), percent_sign: true });
                return;
            }
            _ => {}
        }
        let text = value.text();
        let text = text.trim();
        let (body, percent_sign) = match text.strip_suffix('%') {
            Some(b) => (b, true),
            None => (text, false),
        };
        if let Some(value) = parse_number(body, self.vocab.profile.decimal_comma) {
            self.progress.push(Progress { at, value, percent_sign });
        } else {
            let message = format!("progress '{text}' is not a number");
            self.issue(&codes::UNREADABLE_NUMBER, cell, "progress", message, None);
        }
    }

    /// The sheet's initiatives and issues: the table's ids and progress
    /// column judged whole, the groups' statuses derived.
    pub(super) fn finish(mut self, table: &Table) -> Mapped {
        let header_cell = |col: u32| cell_ref(table.header_row, col);
        if self.generated_ids > 0 && table.id_col.is_none() {
            let cell = header_cell(table.columns.first().map_or(0, |c| c.index));
            let message =
                format!("the table has no id column; {} ids were generated from the sheet and row", self.generated_ids);
            self.issues.push(codes::GENERATED_ID.issue(message).with_location(self.origin.location(cell, "id")));
        }
        // Progress as fractions of one, when every value of the column is.
        let fractions = !self.progress.is_empty()
            && self.progress.iter().all(|p| !p.percent_sign && (0.0..=1.0).contains(&p.value))
            && self.progress.iter().any(|p| p.value > 0.0);
        if fractions && let Some(col) = table.columns.iter().find(|c| c.target == Target::Field(Field::Progress)) {
            let message = format!("{} progress values were read as fractions of one", self.progress.len());
            let location = self.origin.location(header_cell(col.index), "progress");
            self.issues.push(codes::PROGRESS_AS_FRACTION.issue(message).with_location(location));
        }
        for p in self.progress {
            // Percent from a fraction, rounded to a billionth so 0.123 reads as 12.3.
            self.initiatives[p.at].progress = Some(if fractions { percent_of(p.value) } else { p.value });
        }
        derive_group_statuses(&mut self.initiatives, &self.origin, &mut self.issues);
        let data_rows = self.first_row.map(|first| (first, self.last_row));
        Mapped { initiatives: self.initiatives, issues: self.issues, data_rows }
    }
}
