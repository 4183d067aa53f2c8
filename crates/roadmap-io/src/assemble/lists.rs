//! Sheets of lists: the pillars, priority areas and checkpoints a workbook
//! defines, and the allowed values of its drop-downs (owners, statuses).

use std::sync::Arc;

use roadmap_core::{Checkpoint, Issue, Location, Roadmap};

use crate::codes;
use crate::grid::{Grid, Row};
use crate::map::date_of_value;
use crate::normalize::fold;
use crate::profile::{Field, Vocabulary};

/// A pillar or area listed on a definitions sheet: its id when the sheet
/// has an id column, its name, its description.
#[derive(Clone)]
pub(super) struct ListedItem {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) description: Option<String>,
}

/// The names listed on a definitions sheet.
pub(super) type Listed = Vec<ListedItem>;

/// The items of every sheet that lists a kind of definition, one per name:
/// sheets that list the same names (an allowed-values sheet and a pillars
/// sheet) define each once, with the id and description of the sheet that
/// has them.
pub(super) fn merged(items: impl Iterator<Item = ListedItem>) -> Listed {
    let mut out: Listed = Vec::new();
    for item in items {
        let name = fold(&item.name);
        match out.iter_mut().find(|o| fold(&o.name) == name) {
            Some(known) => {
                if known.id.is_none() {
                    known.id = item.id;
                }
                if known.description.is_none() {
                    known.description = item.description;
                }
            }
            None => out.push(item),
        }
    }
    out
}

/// What a sheet of lists holds: pillars or priority areas it defines, and
/// the allowed values of the owner and status columns (the lists a
/// workbook's drop-downs use).
#[derive(Default)]
pub(super) struct Lists {
    pub(super) definitions: Vec<(Field, Listed)>,
    /// The owners listed.
    pub(super) owners: Vec<String>,
    /// Status words, with their cells.
    pub(super) statuses: Vec<(String, roadmap_core::CellRef)>,
}

/// A sheet of lists: a header whose columns are pillars, priority areas,
/// owners or statuses (with an id and a description column beside a single
/// pillar or area column). Any other field makes it an initiative table.
pub(super) fn lists(grid: &Grid, vocab: &Vocabulary) -> Option<Lists> {
    const LISTABLE: [Field; 4] = [Field::Pillar, Field::PriorityArea, Field::Owner, Field::Status];
    let mapped_of = |row: &Row| -> Vec<(u32, Field)> {
        row.cells.iter().filter_map(|(c, v)| Some((*c, vocab.field(&v.to_text())?))).collect()
    };
    // The header is the row with the most known headers: a title line that
    // is one header word ("Pillars") stands above it.
    let counts = grid.rows.iter().take(20).map(|r| mapped_of(r).len()).enumerate();
    // The first row with the most (and at least one).
    let (i, _) = counts.filter(|(_, n)| *n > 0).fold(None, |best: Option<(usize, usize)>, (i, n)| {
        if best.is_some_and(|(_, m)| m >= n) { best } else { Some((i, n)) }
    })?;
    let mapped = mapped_of(&grid.rows[i]);
    let listed: Vec<(u32, Field)> = mapped.iter().copied().filter(|(_, f)| LISTABLE.contains(f)).collect();
    let beside = mapped.iter().filter(|(_, f)| matches!(f, Field::Id | Field::Description)).count();
    let single_definition = listed.len() == 1 && matches!(listed[0].1, Field::Pillar | Field::PriorityArea);
    if listed.is_empty() || listed.len() + beside != mapped.len() || (beside > 0 && !single_definition) {
        return None;
    }
    let column = |field: Field| mapped.iter().find(|(_, f)| *f == field).map(|(c, _)| *c);
    let (desc, id) = (column(Field::Description), column(Field::Id));
    // A totals row ("Total | 5" under a summary by pillar) lists nothing.
    let text = |r: &Row, c: Option<u32>| {
        c.and_then(|c| r.get(c)).map(|v| v.to_text().trim().to_owned()).filter(|t| !t.is_empty() && !vocab.is_totals(t))
    };
    let below = &grid.rows[i + 1..];
    let mut found = Lists::default();
    for (col, field) in listed {
        match field {
            Field::Owner => found.owners = below.iter().filter_map(|r| text(r, Some(col))).collect(),
            Field::Status => {
                found.statuses = below
                    .iter()
                    .filter_map(|r| {
                        let cell = roadmap_core::CellRef::clamped(r.index + 1, col + 1);
                        Some((text(r, Some(col))?, cell))
                    })
                    .collect();
            }
            _ => {
                let names = below
                    .iter()
                    .filter_map(|r| {
                        let name = text(r, Some(col))?;
                        Some(ListedItem { id: text(r, id), name, description: text(r, desc) })
                    })
                    .collect();
                found.definitions.push((field, names));
            }
        }
    }
    Some(found)
}

/// The issues the lists of allowed values raise: a listed status word the
/// profile cannot read, an owner not in the list of owners.
pub(super) fn check_against_lists(
    roadmap: &Roadmap,
    owners: &[String],
    statuses: &[(String, roadmap_core::CellRef, Option<Arc<str>>)],
    vocab: &Vocabulary,
    file: Option<&Arc<str>>,
    issues: &mut Vec<Issue>,
) {
    for (word, cell, sheet) in statuses {
        if vocab.status(word).is_none() {
            issues.push(
                codes::UNREADABLE_LISTED_STATUS
                    .issue(format!("the listed status '{word}' is not one the profile can read"))
                    .with_suggestion("add it to a profile's statuses, or list Completed, Ongoing, Planned or Revised")
                    .with_location(Location {
                        file: file.cloned(),
                        sheet: sheet.clone(),
                        cell: Some(*cell),
                        row: Some(cell.row()),
                        column: Some(cell.column()),
                        field: Some("status".to_owned()),
                        ..Location::default()
                    }),
            );
        }
    }
    if owners.is_empty() {
        return;
    }
    let allowed: foldhash::HashSet<String> = owners.iter().map(|o| fold(o)).collect();
    for (at, ini) in roadmap.initiatives.iter().enumerate() {
        let Some(owner) = ini.owner.as_deref() else { continue };
        if allowed.contains(&fold(owner)) {
            continue;
        }
        let mut issue = codes::OWNER_NOT_LISTED
            .issue(format!("the owner '{owner}' is not in the list of owners"))
            .with_initiative(ini.id.clone())
            .with_location(roadmap_core::validate::location(ini, at, "owner"));
        if let Some(near) = roadmap_core::suggest::closest(owner, owners.iter().map(String::as_str)) {
            issue = issue.with_suggestion(format!("did you mean '{near}'?"));
        }
        issues.push(issue);
    }
}

/// A sheet that lists checkpoints: a checkpoint column ("Checkpoint",
/// "Milestone", "Jalon", ...), and a date and a name column when it has
/// them.
pub(super) fn checkpoint_list(grid: &Grid, vocab: &Vocabulary) -> Option<Vec<Checkpoint>> {
    let order = vocab.profile.date_order;
    for (i, row) in grid.rows.iter().enumerate().take(20) {
        let Some(&(col, _)) = row.cells.iter().find(|(_, v)| vocab.is_checkpoint_header(&v.text())) else { continue };
        // Beside the checkpoint, a list has a name, a description and dates:
        // any other field makes it an initiative table.
        let other_field = row
            .cells
            .iter()
            .filter_map(|(_, v)| vocab.field(&v.text()))
            .any(|f| !matches!(f, Field::Title | Field::Description | Field::Start | Field::Due));
        if other_field {
            return None;
        }
        let column_where =
            |pick: &dyn Fn(&str) -> bool| row.cells.iter().find(|(c, v)| *c != col && pick(&v.text())).map(|(c, _)| *c);
        let date_col =
            column_where(&|h| fold(h) == "date" || matches!(vocab.field(h), Some(Field::Due | Field::Start)));
        let name_col = column_where(&|h| vocab.field(h) == Some(Field::Title))
            .or_else(|| column_where(&|h| vocab.field(h) == Some(Field::Description)));
        let desc_col = column_where(&|h| vocab.field(h) == Some(Field::Description)).filter(|c| Some(*c) != name_col);
        let list = grid.rows[i + 1..]
            .iter()
            .filter_map(|r| {
                let id = r.get(col)?.text().trim().to_owned();
                if id.is_empty() {
                    return None;
                }
                let name = name_col.and_then(|c| r.get(c)).map(|v| v.text().trim().to_owned()).unwrap_or_default();
                let date = date_col.and_then(|c| r.get(c)).and_then(|v| date_of_value(v, order).ok().flatten());
                let description =
                    desc_col.and_then(|c| r.get(c)).map(|v| v.text().trim().to_owned()).filter(|t| !t.is_empty());
                Some(Checkpoint { id, name, date, description })
            })
            .collect();
        return Some(list);
    }
    None
}
