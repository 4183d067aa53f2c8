//! The third stage: sheets to one [`Roadmap`]. Each sheet is a list of
//! definitions or an initiative table ([`crate::map`]); the tables'
//! records are joined, and the names they write resolve to the pillars,
//! priority areas and checkpoints the lists or the profile define.

mod lists;
mod resolve;
mod roles;

use std::sync::Arc;

use roadmap_core::{CellRef, Checkpoint, Issue, Location, Pillar, PriorityArea, Roadmap};

use self::lists::{Listed, Lists, checkpoint_list, lists};
use crate::codes;
use crate::error::{Error, ErrorKind};
use crate::grid::Grid;
use crate::import::{SheetInfo, SheetRole};
use crate::map::{Layout, Origin, SheetImport, map_sheet};
use crate::profile::{Field, Vocabulary};
use crate::read::stream::{Event, Events, SheetRows};

/// The roadmap of every sheet, what was detected in each table, and what
/// each sheet is.
pub(crate) struct Assembled {
    pub roadmap: Roadmap,
    pub layouts: Vec<Layout>,
    pub sheets: Vec<SheetInfo>,
}

/// What the sheets gave so far.
struct Assembly<'a> {
    vocab: &'a Vocabulary,
    file: Option<&'a Arc<str>>,
    roadmap: Roadmap,
    layouts: Vec<Layout>,
    sheets: Vec<SheetInfo>,
    /// Checkpoints the tables' headers name: id and display name.
    checkpoints: Vec<(String, String)>,
    /// Priority area names from section rows.
    sections: Vec<String>,
    /// Pillar names from labelled section rows.
    pillar_sections: Vec<String>,
    /// Pillars and areas the list sheets define.
    listed: Vec<(Field, Listed)>,
    listed_owners: Vec<String>,
    listed_statuses: Vec<(String, CellRef, Option<Arc<str>>)>,
    listed_checkpoints: Vec<Checkpoint>,
}

/// Reads every sheet of the stream into one roadmap; the issues met go to
/// `issues`, in the order of the sheets.
pub(crate) fn assemble(
    events: &mut Events,
    vocab: &Vocabulary,
    file: Option<&Arc<str>>,
    issues: &mut Vec<Issue>,
) -> Result<Assembled, Error> {
    let mut assembly = Assembly {
        vocab,
        file,
        roadmap: Roadmap::default(),
        layouts: Vec::new(),
        sheets: Vec::new(),
        checkpoints: Vec::new(),
        sections: Vec::new(),
        pillar_sections: Vec::new(),
        listed: Vec::new(),
        listed_owners: Vec::new(),
        listed_statuses: Vec::new(),
        listed_checkpoints: Vec::new(),
    };
    let mut names: Vec<String> = Vec::new();
    while let Some(event) = events.next_event() {
        let (name, merges, rows) = match event? {
            Event::Sheets(all) => {
                names = all;
                continue;
            }
            Event::Unread(unread) => {
                for (sheet, role) in unread {
                    let evidence = match role {
                        SheetRole::Hidden => {
                            let location = Location {
                                file: file.cloned(),
                                sheet: Some(Arc::from(sheet.as_str())),
                                ..Location::default()
                            };
                            let message = format!(
                                "the sheet '{sheet}' is hidden and was not read; name it with --sheet to read it"
                            );
                            issues.push(codes::HIDDEN_SHEET.issue(message).with_location(location));
                            "hidden in the workbook; name it with --sheet to read it"
                        }
                        SheetRole::Chart => "a chart sheet: a chart, no cells",
                        _ => "a dialog or macro sheet: no cells",
                    };
                    assembly.sheets.push(SheetInfo { sheet: Some(sheet), role, evidence: evidence.to_owned() });
                }
                continue;
            }
            Event::Sheet { name, merges, rows } => (name, merges, rows),
            Event::Rows(_) => continue,
        };
        let (grid, mut rest, scan) = events.sheet(name, merges)?;
        if let Some(reason) = &scan.fallback {
            let location = Location { file: file.cloned(), sheet: grid.sheet.clone(), ..Location::default() };
            let message = format!(
                "the sheet's XML {reason}, which the importer's own scan does not follow; it was read in a second pass"
            );
            issues.push(codes::SHEET_SCAN_FALLBACK.issue(message).with_location(location));
        }
        for &(row, column) in &scan.unsaved_formulas {
            let cell = roadmap_core::CellRef::new(row + 1, column + 1).ok();
            let location = Location {
                file: file.cloned(),
                sheet: grid.sheet.clone(),
                cell,
                row: Some(row + 1),
                column: Some(column + 1),
                ..Location::default()
            };
            let message = format!(
                "the cell {} holds a formula with no saved value; recalculate and save the workbook in a spreadsheet program",
                cell.map(|c| c.to_string()).unwrap_or_default()
            );
            issues.push(codes::FORMULA_WITHOUT_VALUE.issue(message).with_location(location));
        }
        assembly.sheet(grid, &mut rest, rows, names.len() > 1, issues)?;
        // A table's rows are all read by now; what a reader said after them
        // (an error) comes with the next event.
        for row in rest {
            row?;
        }
    }
    if assembly.layouts.is_empty() {
        return Err(Error::new(ErrorKind::NoTable { sheets: names.join(", ") }));
    }
    Ok(assembly.finish(issues))
}

impl Assembly<'_> {
    /// One sheet: a list, a table, or neither. `several` when the workbook
    /// has other sheets (a sheet skipped is then worth an issue).
    fn sheet(
        &mut self,
        mut grid: Grid,
        rest: &mut SheetRows<'_>,
        rows: Option<usize>,
        several: bool,
        issues: &mut Vec<Issue>,
    ) -> Result<(), Error> {
        let vocab = self.vocab;
        // Lists first: their headers are narrow, and an initiative table's
        // header is never one. A list is read whole.
        let is_list = checkpoint_list(&grid, vocab).is_some() || lists(&grid, vocab).is_some();
        if is_list {
            for row in rest.by_ref() {
                grid.rows.push(row?);
            }
            if let Some(list) = checkpoint_list(&grid, vocab) {
                let evidence = format!("{} checkpoints under a checkpoint header", list.len());
                self.role(&grid, SheetRole::Checkpoints, evidence);
                self.listed_checkpoints.extend(list);
            } else if let Some(found) = lists(&grid, vocab) {
                let mut listed: Vec<String> =
                    found.definitions.iter().map(|(f, l)| format!("{} ({})", f.as_str(), l.len())).collect();
                listed.extend((!found.owners.is_empty()).then(|| format!("owner ({})", found.owners.len())));
                listed.extend((!found.statuses.is_empty()).then(|| format!("status ({})", found.statuses.len())));
                self.role(&grid, SheetRole::List, format!("a list under a header: {}", listed.join(", ")));
                self.list(found, &grid);
            }
            return Ok(());
        }
        let origin = Origin { file: self.file.cloned(), sheet: grid.sheet.clone() };
        let tables = map_sheet(&mut grid, rest, rows, vocab, &origin)?;
        if !tables.is_empty() {
            let evidence: Vec<String> = tables
                .iter()
                .map(|sheet| {
                    let layout = &sheet.layout;
                    let header = layout.header_rows.iter().map(u32::to_string).collect::<Vec<_>>().join(" and ");
                    let read =
                        layout.columns.iter().filter(|c| !matches!(c.target, crate::map::Target::Extra(_))).count();
                    format!(
                        "a header in row {header} whose columns map to {read} fields and checkpoints; {} initiatives",
                        layout.initiatives
                    )
                })
                .collect();
            self.role(&grid, SheetRole::Table, evidence.join("; "));
            for mut sheet in tables {
                issues.append(&mut sheet.issues);
                self.table(sheet);
            }
            return Ok(());
        }
        // Its rows are read (a reader error still counts) and dropped.
        for row in rest.by_ref() {
            row?;
        }
        let name = grid.sheet.as_deref().unwrap_or("(text)").to_owned();
        let (role, evidence) = roles::role_of(&grid);
        self.role(&grid, role, evidence);
        if several {
            issues.push(
                codes::SKIPPED_SHEET.issue(format!("the sheet '{name}' holds no initiative table")).with_location(
                    Location { file: self.file.cloned(), sheet: grid.sheet.clone(), ..Location::default() },
                ),
            );
        }
        Ok(())
    }

    fn role(&mut self, grid: &Grid, role: SheetRole, evidence: String) {
        self.sheets.push(SheetInfo { sheet: grid.sheet.as_deref().map(str::to_owned), role, evidence });
    }

    /// A sheet of lists: definitions and allowed values.
    fn list(&mut self, found: Lists, grid: &Grid) {
        self.listed.extend(found.definitions);
        self.listed_owners.extend(found.owners);
        self.listed_statuses.extend(found.statuses.into_iter().map(|(w, c)| (w, c, grid.sheet.clone())));
    }

    /// An initiative table: its records join the roadmap's.
    fn table(&mut self, sheet: SheetImport) {
        let roadmap = &mut self.roadmap;
        if roadmap.title.is_none() {
            roadmap.title.clone_from(&sheet.layout.title);
        }
        if roadmap.as_of.is_none() {
            roadmap.as_of = sheet.layout.as_of;
        }
        for cp in sheet.checkpoints {
            if !self.checkpoints.iter().any(|(id, _)| *id == cp.0) {
                self.checkpoints.push(cp);
            }
        }
        self.sections.extend(sheet.sections);
        self.pillar_sections.extend(sheet.layout.pillar_sections.iter().map(|(_, name)| name.clone()));
        if roadmap.initiatives.is_empty() {
            // The first table's records are moved, not copied.
            roadmap.initiatives = sheet.initiatives;
        } else {
            roadmap.initiatives.extend(sheet.initiatives);
        }
        self.layouts.push(sheet.layout);
    }

    /// Resolves names to the definitions, and checks the lists.
    fn finish(self, issues: &mut Vec<Issue>) -> Assembled {
        let Assembly { vocab, file, mut roadmap, layouts, sheets, .. } = self;
        roadmap.checkpoints = resolve::define_checkpoints(self.checkpoints, self.listed_checkpoints, vocab);
        let listed_of = |field: Field| -> Listed {
            lists::merged(self.listed.iter().filter(|(f, _)| *f == field).flat_map(|(_, l)| l.iter().cloned()))
        };
        let (pillar_list, area_list) = (listed_of(Field::Pillar), listed_of(Field::PriorityArea));
        let initiatives = &mut roadmap.initiatives;
        let pillars =
            resolve::resolve(initiatives, Field::Pillar, &pillar_list, &self.pillar_sections, vocab, issues, file);
        roadmap.pillars = pillars.into_iter().map(|(id, name, description)| Pillar { id, name, description }).collect();
        let areas = resolve::resolve(
            &mut roadmap.initiatives,
            Field::PriorityArea,
            &area_list,
            &self.sections,
            vocab,
            issues,
            file,
        );
        roadmap.priority_areas =
            areas.into_iter().map(|(id, name, description)| PriorityArea { id, name, description }).collect();
        resolve::outline_parents(&mut roadmap.initiatives);
        resolve::resolve_parents(&mut roadmap.initiatives, issues);
        lists::check_against_lists(&roadmap, &self.listed_owners, &self.listed_statuses, vocab, file, issues);
        Assembled { roadmap, layouts, sheets }
    }
}
