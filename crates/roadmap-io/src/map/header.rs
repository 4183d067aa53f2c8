//! The table's head: the header row (under a title block, an "As of"
//! line, a legend), a second header row under group cells, and what each
//! column maps to.

use roadmap_core::{CellRef, Date, Issue, Location, Status};

use super::cells::{KeptNames, extra_name};
use super::fields::date_of_value;
use super::fills::cell_ref;
use super::layout::{Column, Target};
use crate::codes;
use crate::grid::{Grid, Row, Value};
use crate::normalize::words;
use crate::profile::{DateOrder, Field, Vocabulary};
use crate::values::{parse_number, parse_text_date};

/// How many rows from the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 60;

/// The cell's text, trimmed, when it holds text.
pub(super) fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::Text(t) => Some(t.trim()),
        _ => None,
    }
}

/// Finds the header row: the row (among the first ones) with the most
/// headers the profile knows; at least two.
pub(super) fn find_header(grid: &Grid, vocab: &Vocabulary) -> Option<usize> {
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
pub(super) fn map_columns(
    grid: &Grid,
    h: usize,
    vocab: &Vocabulary,
    issues: &mut Vec<Issue>,
    loc: &dyn Fn(CellRef, &str) -> Location,
) -> (Vec<Column>, usize) {
    let header = &grid.rows[h];
    let below = grid.rows.get(h + 1).filter(|r| r.index == header.index + 1);
    let spans = group_spans(grid, h, below, vocab);
    let inside = |spans: &[(u32, u32, Span)], c: u32| spans.iter().find(|(a, b, _)| (*a..=*b).contains(&c)).copied();
    // The row below names checkpoints or periods only when nothing stands
    // outside the group cells' spans: a row with an id or a title is the
    // first record, and a field's header then spans nothing.
    let below = below.filter(|b| b.cells.iter().all(|(c, _)| inside(&spans, *c).is_some()));
    let spans: Vec<_> = spans.into_iter().filter(|s| below.is_some() || s.2 == Span::Deliverables).collect();
    // A row of units under headers ("(%)", "(USD '000)", "[dd/mm/yyyy]") is
    // part of the header: each note joins its column's header.
    let units = grid.rows.get(h + 1).filter(|r| {
        r.index == header.index + 1
            && below.is_none()
            && !r.cells.is_empty()
            && r.cells.iter().all(|(c, v)| header.get(*c).is_some() && text_of(v).is_some_and(is_unit_note))
    });
    let span_of = |c: u32| inside(&spans, c);
    let in_span = |c: u32| span_of(c).is_some();
    let mut sub_used = false;
    let status_declared = header.cells.iter().any(|(_, v)| vocab.field(&v.to_text()) == Some(Field::Status));
    let mut columns: Vec<Column> = Vec::new();
    let mut seen: Vec<Field> = Vec::new();
    let mut all: Vec<u32> = header.cells.iter().map(|(c, _)| *c).collect();
    if let Some(b) = below {
        all.extend(b.cells.iter().map(|(c, _)| *c).filter(|c| in_span(*c)));
    }
    all.sort_unstable();
    all.dedup();
    let mut kept = KeptNames::new(header.cells.iter().filter_map(|(_, v)| text_of(v)));
    // A header that names its field only as a second choice ("Completion
    // date") is kept where another column names it first ("Target date").
    let choices: Vec<(u32, Field, bool)> = (header.cells.iter())
        .filter(|(c, _)| !in_span(*c))
        .filter_map(|(c, v)| text_of(v).and_then(|t| vocab.field_choice(t)).map(|(f, second)| (*c, f, second)))
        .collect();
    let first_choice_of = |f: Field| choices.iter().find(|(_, g, second)| *g == f && !second).map(|(at, ..)| *at);
    let second =
        |f: Field, c: u32| choices.iter().any(|(at, _, second)| *at == c && *second) && first_choice_of(f).is_some();
    for c in all {
        // Under a field's header spanning periods ("Status" over "Previous
        // quarter | Current"), each column reads the field's header; the
        // rightmost period is the field (trackers add a column to the right
        // each period), the others are kept.
        let field_span = span_of(c).and_then(|(a, end, kind)| match kind {
            Span::Field(_) => Some((a, c == end)),
            Span::Deliverables => None,
        });
        let top = field_span.map_or(c, |(a, _)| a);
        let top = header.get(top).map(Value::to_text).unwrap_or_default();
        let sub = below.and_then(|b| b.get(c)).map(Value::to_text).filter(|_| in_span(c));
        let unit = units.and_then(|u| u.get(c)).map(Value::to_text);
        let header_text = match (&sub, unit) {
            (Some(s), _) if !top.trim().is_empty() => format!("{} / {}", top.trim(), s.trim()),
            (Some(s), _) => s.trim().to_owned(),
            (None, Some(u)) => format!("{} {}", top.trim(), u.trim()),
            (None, None) => top.trim().to_owned(),
        };
        sub_used |= sub.is_some();
        let target = if let Some((_, false)) = field_span {
            Target::Extra(kept.give(header_text.clone()).0)
        } else if let Some(s) = sub.as_ref().filter(|_| field_span.is_none()) {
            Target::Deliverable(checkpoint_id(vocab, s))
        } else if let Some(cp) = vocab.saved_deliverable(&top) {
            Target::Deliverable(cp)
        } else if let Some(f) = vocab.field(&top).map(|f| read_by_values(f, grid, h, c, vocab, status_declared)) {
            if seen.contains(&f) || (vocab.field(&top) == Some(f) && second(f, c)) {
                let (name, _) = kept.give(top.trim().to_owned());
                let cell = cell_ref(header.index, c);
                let read = (columns.iter().find(|k| k.target == Target::Field(f)).map(|k| k.header.clone()))
                    .or_else(|| first_choice_of(f).and_then(|at| header.get(at)).map(|v| v.to_text().trim().to_owned()))
                    .unwrap_or_default();
                issues.push(
                    codes::DUPLICATE_HEADER
                        .issue(format!(
                            "'{}' also names the {} column, read from '{read}'; it is kept under extra as '{name}'",
                            top.trim(),
                            f.as_str()
                        ))
                        .with_location(loc(cell, f.as_str())),
                );
                Target::Extra(name)
            } else {
                seen.push(f);
                Target::Field(f)
            }
        } else if let Some(cp) = vocab.deliverable_header(&top) {
            Target::Deliverable(checkpoint_id(vocab, &cp))
        } else {
            // Unknown headers, and group cells with nothing under them, are
            // kept; a second column of the same header under a name of its own.
            let (name, renamed) = kept.give(extra_name(top.trim(), &roadmap_core::column_letters(c + 1)));
            if renamed && !top.trim().is_empty() {
                let key = format!("extra.{name}");
                issues.push(
                    codes::DUPLICATE_HEADER
                        .issue(format!(
                            "a second column is headed '{}'; it is kept under extra as '{name}'",
                            top.trim()
                        ))
                        .with_location(loc(cell_ref(header.index, c), &key)),
                );
            }
            Target::Extra(name)
        };
        columns.push(Column { index: c, letter: roadmap_core::column_letters(c + 1), header: header_text, target });
    }
    let header_rows = if sub_used || units.is_some() { 2 } else { 1 };
    status_by_ticks(grid, h + header_rows, vocab, &mut columns, &mut kept);
    status_by_values(grid, h + header_rows, vocab, &mut columns, &mut kept);
    unnamed_columns(grid, h + header_rows, &mut columns, &mut kept);
    columns.sort_by_key(|c| c.index);
    (columns, header_rows)
}

/// True for a note of units or format under a header: "(%)", "(USD '000)",
/// "[dd/mm/yyyy]", "%".
fn is_unit_note(text: &str) -> bool {
    let t = text.trim();
    t == "%" || ((t.starts_with('(') && t.ends_with(')')) || (t.starts_with('[') && t.ends_with(']'))) && t.len() > 2
}

/// The field a column holds, when its values say otherwise than a header
/// that can mean either: "État d'avancement" ("state of progress") over
/// "En cours", "Achevé" is the status, where no other header names it.
fn read_by_values(
    field: Field,
    grid: &Grid,
    h: usize,
    column: u32,
    vocab: &Vocabulary,
    status_declared: bool,
) -> Field {
    if field != Field::Progress || status_declared {
        return field;
    }
    let (mut statuses, mut numbers) = (0usize, 0usize);
    for value in grid.rows[h + 1..].iter().take(30).filter_map(|r| r.get(column)) {
        let text = value.text();
        let text = text.trim();
        if vocab.status(text).is_some() {
            statuses += 1;
        } else if !matches!(value, Value::Text(_)) || parse_number(text.trim_end_matches('%'), false).is_some() {
            numbers += 1;
        }
    }
    if statuses > numbers { Field::Status } else { field }
}

/// What a group cell of the header row spans: checkpoint names under
/// "Deliverables by:", or the periods of one field under its header
/// ("Status" over "Previous quarter | Current").
#[derive(Clone, Copy, PartialEq)]
enum Span {
    Deliverables,
    Field(Field),
}

/// The status column, told by its values where its header says less: a
/// kept column ("Stage", "Phase") whose first values are mostly status
/// words is the status where no column is headed so, or where the one
/// headed so holds mostly other words (a "Status (RAG)" of Red, Amber,
/// Green): that one is then kept by its header.
fn status_by_values(grid: &Grid, data_start: usize, vocab: &Vocabulary, columns: &mut [Column], kept: &mut KeptNames) {
    if columns.iter().any(|c| matches!(c.target, Target::StatusMark(_))) {
        return;
    }
    let rows = &grid.rows[data_start.min(grid.rows.len())..];
    let count = |c: u32| status_words(rows, c, vocab);
    let headed = columns.iter().position(|c| c.target == Target::Field(Field::Status));
    let (own, own_filled) = headed.map_or((0, 0), |i| count(columns[i].index));
    // A status column mostly of status words (or empty) stays the status.
    if headed.is_some() && (own_filled == 0 || own * 2 >= own_filled) {
        return;
    }
    let best = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.target, Target::Extra(_)) && !c.header.is_empty())
        .map(|(i, c)| (i, count(c.index)))
        .filter(|(_, (words, filled))| words * 2 > *filled && *words > own)
        .max_by_key(|(i, (words, _))| (*words, std::cmp::Reverse(*i)));
    let Some((found, _)) = best else { return };
    if let Some(i) = headed {
        let name = kept.give(columns[i].header.clone()).0;
        columns[i].target = Target::Extra(name);
    }
    columns[found].target = Target::Field(Field::Status);
}

/// True for a tick: a mark of the profile ("x", "✓", "yes"), `TRUE`, or 1;
/// also a mark with a note after it ("X (merged into A-3)", "X*").
pub(super) fn is_tick(value: &Value, vocab: &Vocabulary) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Number(n) => (n - 1.0).abs() < f64::EPSILON,
        Value::Text(t) => {
            let t = t.trim();
            t == "1" || t.eq_ignore_ascii_case("true") || vocab.is_mark(tick_of(t).unwrap_or(t))
        }
        _ => false,
    }
}

/// The mark that opens a cell with a note after it, set apart by a
/// bracket, an asterisk, a colon, a comma or a dash between spaces: "X" of
/// "X (merged into A-3)", "X*", "✓ - late"; `None` for anything else ("•
/// Launched portal" is a bullet, not a tick).
pub(super) fn tick_of(text: &str) -> Option<&str> {
    let end = text.find(['(', '[', '*', ':', ',']).into_iter().chain(text.find(" - ")).chain(text.find(" – ")).min()?;
    Some(text[..end].trim()).filter(|m| !m.is_empty())
}

/// True for a cell that says "not this one" in a column of ticks: empty,
/// `FALSE`, 0, a dash, or an unticked box of the profile ("no", "non", "×").
pub(super) fn is_untick(value: &Value, vocab: &Vocabulary) -> bool {
    match value {
        Value::Bool(b) => !*b,
        Value::Number(n) => n.abs() < f64::EPSILON,
        Value::Text(t) => {
            let t = t.trim();
            t.is_empty()
                || t == "0"
                || t.eq_ignore_ascii_case("false")
                || matches!(t, "-" | "–" | "—")
                || vocab.is_unmark(t)
        }
        _ => false,
    }
}

/// How many of a status column's first values are status words (misspelt,
/// with a note, or words that are none, such as "On hold"), and how many
/// are filled.
fn status_words(rows: &[Row], column: u32, vocab: &Vocabulary) -> (usize, usize) {
    let values = rows.iter().take(30).filter_map(|r| r.get(column));
    values.fold((0usize, 0usize), |(words, filled), v| {
        let status_like = text_of(v).is_some_and(|t| {
            vocab.status(t).is_some()
                || vocab.is_non_status(t)
                || vocab.misspelled_status(t).is_some()
                || vocab.qualified_status(t).is_some()
        });
        (words + usize::from(status_like), filled + 1)
    })
}

/// What a row holds under the statuses' columns, for [`status_by_ticks`].
#[derive(Clone, Copy, PartialEq)]
enum TickRow {
    /// Blanks and unticked boxes only.
    Unticked,
    /// One tick (or ticks under one status's columns).
    Once,
    /// Ticks under two statuses.
    Twice,
    /// Another value: a count, a date, a word.
    Other,
}

/// The status told by ticks, in a tracker with a column per status
/// ("Completed | Ongoing | Planned | Revised", or those under a "Status"
/// group cell) and a tick under the one that holds. Evidence: columns
/// headed by two statuses or more (the whole header, or its part under a
/// group cell) whose first rows are records with one tick each — at least
/// two, and most of the records down to the first blank row after the last
/// tick — and otherwise blanks and
/// unticked boxes. Rows of other values after the last tick that are no
/// records (totals counting the ticks, a share) end the rows looked at;
/// one row of other values among the records (totals over them) is
/// allowed, more are no ticks (counts per initiative). Those columns
/// become [`Target::StatusMark`].
/// A status column of status words stays the status (ticks fill its
/// blanks); another one — of colours or notes, or a column beside the
/// statuses under their group cell ("Status / Remarks") — is kept by its
/// header, or read as the field its own part names ("Status / %
/// complete": progress).
fn status_by_ticks(grid: &Grid, data_start: usize, vocab: &Vocabulary, columns: &mut [Column], kept: &mut KeptNames) {
    let marked: Vec<(usize, Status)> = (columns.iter().enumerate())
        .filter(|(_, c)| matches!(c.target, Target::Extra(_) | Target::Field(Field::Status)))
        .filter_map(|(i, c)| vocab.status(c.last_part()).map(|s| (i, s)))
        .collect();
    let mut statuses: Vec<Status> = marked.iter().map(|&(_, s)| s).collect();
    statuses.sort_unstable();
    statuses.dedup();
    if statuses.len() < 2 {
        return;
    }
    let column_of = |f: Field| columns.iter().find(|c| c.target == Target::Field(f)).map(|c| c.index);
    let (title, id) = (column_of(Field::Title), column_of(Field::Id));
    let rows = &grid.rows[data_start.min(grid.rows.len())..];
    // Each row: what it holds under the statuses' columns, whether it has
    // a title, and whether it is a record (an id, no totals word).
    let kinds: Vec<(TickRow, bool, bool)> = (rows.iter().take(30))
        .map(|row| {
            let mut ticked: Vec<Status> = Vec::new();
            let mut other = false;
            for &(i, status) in &marked {
                match row.get(columns[i].index) {
                    Some(v) if is_tick(v, vocab) => ticked.push(status),
                    Some(v) if !is_untick(v, vocab) => other = true,
                    _ => {}
                }
            }
            ticked.sort_unstable();
            ticked.dedup();
            let kind = match (other, ticked.len()) {
                (true, _) => TickRow::Other,
                (false, 0) => TickRow::Unticked,
                (false, 1) => TickRow::Once,
                _ => TickRow::Twice,
            };
            let totals = row.cells.iter().any(|(_, v)| text_of(v).is_some_and(|t| vocab.is_totals(t)));
            let record = !totals && id.is_none_or(|i| row.get(i).is_some());
            (kind, title.is_none_or(|t| row.get(t).is_some()), record)
        })
        .collect();
    let Some(last) = kinds.iter().rposition(|(k, ..)| matches!(k, TickRow::Once | TickRow::Twice)) else { return };
    let looked = &kinds[..=last];
    let count = |kind: TickRow| looked.iter().filter(|(k, ..)| *k == kind).count();
    // The records: up to the first blank row after the last tick (below
    // it, a summary's rows are no records of the table).
    let rows_looked = &rows[..kinds.len()];
    let end = (last + 1..kinds.len()).find(|&at| rows_looked[at].index > rows_looked[at - 1].index + 1);
    let records = (kinds[..end.unwrap_or(kinds.len())].iter())
        .filter(|(k, titled, record)| *titled && *record && *k != TickRow::Other)
        .count();
    let once = count(TickRow::Once);
    // Other values in records (counts per initiative), or in rows before
    // the last tick: one such row at most (totals over the records).
    let others = (kinds.iter().enumerate())
        .filter(|(at, (k, _, record))| *k == TickRow::Other && (*record || *at < last))
        .count();
    if others > 1 || once < 2.min(records) || once * 2 < records || count(TickRow::Twice) >= once {
        return;
    }
    let group = |c: &Column| c.header.rsplit_once(" / ").map(|(g, _)| g.trim().to_owned());
    let groups: Vec<Option<String>> = marked.iter().map(|&(i, _)| group(&columns[i])).collect();
    for &(i, status) in &marked {
        columns[i].target = Target::StatusMark(status);
    }
    let taken: Vec<Field> =
        (columns.iter()).filter_map(|c| if let Target::Field(f) = c.target { Some(f) } else { None }).collect();
    for c in columns.iter_mut().filter(|c| c.target == Target::Field(Field::Status)) {
        let grouped = group(c).is_some() && groups.contains(&group(c));
        let (words, filled) = status_words(rows, c.index, vocab);
        if !grouped && words * 2 >= filled && filled > 0 {
            continue;
        }
        c.target = match vocab.field(c.last_part()) {
            Some(f) if grouped && f != Field::Status && !taken.contains(&f) => Target::Field(f),
            _ => Target::Extra(kept.give(c.header.clone()).0),
        };
    }
}

/// Group cells of the header row and the columns each spans: its merge's,
/// else as far as the row below has names before the next header cell. A
/// field's header spans columns only when merged over them, or when the row
/// below names each.
fn group_spans(grid: &Grid, h: usize, below: Option<&Row>, vocab: &Vocabulary) -> Vec<(u32, u32, Span)> {
    let header = &grid.rows[h];
    let last_col = grid.rows.iter().map(|r| r.cells.last().map_or(0, |(c, _)| *c)).max().unwrap_or(0);
    let mut spans: Vec<(u32, u32, Span)> = Vec::new();
    for (c, v) in &header.cells {
        let Some(t) = text_of(v) else { continue };
        let kind = if vocab.is_deliverable_group(t) {
            Span::Deliverables
        } else if let Some(f) = vocab.field(t) {
            Span::Field(f)
        } else {
            continue;
        };
        let merged = grid.merges.iter().find(|m| m.first_row == header.index && m.first_column == *c);
        let end = if let Some(m) = merged {
            m.last_column
        } else {
            let next = header.cells.iter().map(|(k, _)| *k).find(|k| k > c).map_or(last_col, |k| k - 1);
            below.map_or(*c, |b| b.cells.iter().map(|(k, _)| *k).filter(|k| *k >= *c && *k <= next).max().unwrap_or(*c))
        };
        let named_below = |k: u32| below.is_some_and(|b| b.get(k).is_some());
        if kind == Span::Deliverables || (end > *c && (*c..=end).all(named_below)) {
            spans.push((*c, end, kind));
        }
    }
    spans
}

/// Columns with data but no header: left of the title, the grouping
/// initiative (one); elsewhere, kept by their letter.
fn unnamed_columns(grid: &Grid, data_start: usize, columns: &mut Vec<Column>, kept: &mut KeptNames) {
    let title_col = columns.iter().find(|c| c.target == Target::Field(Field::Title)).map(|c| c.index);
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
            Target::Extra(kept.give(extra_name("", &letter)).0)
        };
        columns.push(Column { index: c, letter, header: String::new(), target });
    }
}

/// Reads "As of <date>" and a title from the rows above the header.
pub(super) fn above_table(
    grid: &Grid,
    h: usize,
    vocab: &Vocabulary,
    order: DateOrder,
) -> (Option<String>, Option<Date>) {
    let mut title = None;
    let mut as_of = None;
    for row in &grid.rows[..h] {
        for (k, (_, v)) in row.cells.iter().enumerate() {
            let Some(t) = text_of(v) else { continue };
            match report_date_at(row, k, vocab, order) {
                Some((lead, Some(date))) => {
                    as_of = Some(date);
                    // "Digital roadmap — update of 30 June 2026": words set
                    // apart before the phrase are the title ("Data as of"
                    // is no title).
                    let before = t[..t.len() - after_words(t, lead).len()].trim_end();
                    let set_apart = before.ends_with(['—', '–', '-', ':', '|', ',', ';']);
                    let before = before.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
                    if title.is_none() && set_apart && !before.is_empty() {
                        title = Some(before.to_owned());
                    }
                    continue;
                }
                // "As of" with no date anywhere is not a title either.
                Some((0, None)) => continue,
                _ => {}
            }
            if title.is_none() && t.chars().any(char::is_alphabetic) && !t.starts_with(|c: char| c.is_ascii_digit()) {
                title = Some(t.to_owned());
            }
        }
    }
    (title, as_of)
}

/// The report date a row gives ("Last updated: 30/06/2026" in a footer
/// below the table), if any.
pub(super) fn report_date_in(row: &Row, vocab: &Vocabulary, order: DateOrder) -> Option<Date> {
    (0..row.cells.len()).find_map(|k| report_date_at(row, k, vocab, order).and_then(|(_, date)| date))
}

/// A report-date phrase in the row's `k`-th cell: how many words stand
/// before it, and the date it gives — in the cell, or in the next one.
fn report_date_at(row: &Row, k: usize, vocab: &Vocabulary, order: DateOrder) -> Option<(usize, Option<Date>)> {
    let t = row.cells.get(k).and_then(|(_, v)| text_of(v))?;
    let Some((lead, rest)) = report_date_phrase(t, vocab) else {
        return dated_phrase_after_words(t, vocab, order).map(|(lead, date)| (lead, Some(date)));
    };
    let date = if rest.is_empty() {
        row.cells.get(k + 1).and_then(|(_, v)| date_of_value(v, order).ok().flatten())
    } else {
        parse_text_date(rest, order).map(|d| d.date)
    };
    Some((lead, date))
}

/// How many words may stand before a report-date phrase: "Data as of:",
/// "Status as at 15 June 2026", "État d'avancement au 15/06/2026".
const REPORT_DATE_LEAD_WORDS: usize = 3;

/// Finds a report-date phrase of the profile ("as of", "last updated",
/// "situation au") among the first words of `text`: how many words stand
/// before it, and the text after it in its own spelling (the date, or empty
/// when the date is in the next cell).
fn report_date_phrase<'t>(text: &'t str, vocab: &Vocabulary) -> Option<(usize, &'t str)> {
    let w = words(text);
    if w.is_empty() {
        return None;
    }
    // A phrase written with no space before its date ("截至2026年3月31日").
    if let Some(phrase) = vocab
        .as_of
        .iter()
        .filter(|p| !p.is_ascii())
        .find(|p| w.strip_prefix(p.as_str()).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit())))
    {
        let trimmed = text.trim_start();
        if let Some(rest) = trimmed.strip_prefix(phrase.as_str()) {
            return Some((0, rest));
        }
    }
    for (lead, at) in word_starts(&w).take(REPORT_DATE_LEAD_WORDS + 1).enumerate() {
        // Words before the phrase are words, not a date or a number.
        if w[..at].bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let Some(phrase) = phrase_at(&w[at..], vocab) else { continue };
        return Some((lead, after_words(text, lead + phrase.split(' ').count())));
    }
    None
}

/// Where each word of `w` (words as [`words`] gives them) starts.
fn word_starts(w: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(w.match_indices(' ').map(|(i, _)| i + 1))
}

/// The longest report-date phrase `tail` opens with, as whole words:
/// "updated on", not "updated".
fn phrase_at<'v>(tail: &str, vocab: &'v Vocabulary) -> Option<&'v str> {
    let whole =
        |p: &&String| tail.strip_prefix(p.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    vocab.as_of.iter().filter(whole).max_by_key(|p| p.len()).map(String::as_str)
}

/// A report-date phrase after more words than [`report_date_phrase`]
/// allows, in a line that ends with its date ("Transformation roadmap of
/// the Secretariat 2026 — update of 30 June 2026"): how many words stand
/// before it, and the date.
fn dated_phrase_after_words(text: &str, vocab: &Vocabulary, order: DateOrder) -> Option<(usize, Date)> {
    let w = words(text);
    word_starts(&w).enumerate().skip(REPORT_DATE_LEAD_WORDS + 1).find_map(|(lead, at)| {
        let phrase = phrase_at(&w[at..], vocab)?;
        let date = parse_text_date(after_words(text, lead + phrase.split(' ').count()), order)?;
        Some((lead, date.date))
    })
}

/// The text after its first `n` words, where a word is a run of the
/// characters [`words`] keeps.
fn after_words(text: &str, n: usize) -> &str {
    let kept = |c: char| c.is_alphanumeric() || c == '%';
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if kept(c) {
            if !in_word {
                if seen == n {
                    return &text[i..];
                }
                seen += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    ""
}
