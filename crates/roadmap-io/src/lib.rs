//! Readers of the trackers roadmaps live in — xlsx, xlsm, xlsb, xls, ods
//! (through calamine), CSV (through csv) and JSON — into one validated
//! [`Roadmap`].
//!
//! Every source becomes a [`Grid`] of typed cells; one mapping engine finds
//! the initiative table in it (a header row under a title block, two-row
//! headers, merged cells, section rows, a totals block) and maps its columns
//! through a [`Profile`] of words in six languages. Every value keeps the
//! cell it came from, so every issue — from import or from validation —
//! names the sheet and cell to fix.
//!
//! ```
//! let csv = "ID,Initiative,Pillar,Status,Due date\nINI-1,Oversight unit,Governance,Done,2026-01-31\n";
//! let import = roadmap_io::read_bytes(csv.as_bytes(), Some("tracker.csv"), &roadmap_io::ReadOptions::default())?;
//! let ini = &import.roadmap.initiatives[0];
//! assert_eq!(ini.status, Some(roadmap_core::Status::Completed));
//! assert_eq!(ini.pillar.as_deref(), Some("governance"));
//! assert_eq!(ini.source.as_ref().unwrap().cells.get("status").unwrap().to_string(), "D2");
//! assert!(import.report().is_ok());
//! # Ok::<(), roadmap_io::Error>(())
//! ```

pub mod codes;
mod csv;
mod error;
mod gate;
mod grid;
mod guard;
mod limits;
mod mapping;
pub mod normalize;
mod profile;
mod stream;
pub mod values;
mod workbook;
pub mod write;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use roadmap_core::{Checkpoint, Initiative, Issue, Location, Pillar, PriorityArea, Report, Roadmap};
use serde::Serialize;

pub use crate::csv::{CsvDetected, CsvOptions};
pub use crate::error::{Error, ErrorKind};
pub use crate::grid::{Grid, Merge, Row, Value};
pub use crate::limits::Limits;
pub use crate::mapping::{Column, Layout, Target};
pub use crate::profile::{DateOrder, Field, Known, Profile, profile_schema};
pub use crate::workbook::WorkbookFormat;

use crate::mapping::{Origin, import_sheet};
use crate::normalize::{fold, slug};
use crate::profile::Vocabulary;

/// What a file holds, told by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// xlsx or xlsm.
    Xlsx,
    /// xlsb.
    Xlsb,
    /// Excel 97-2003.
    Xls,
    /// `OpenDocument` spreadsheet.
    Ods,
    /// Delimited text.
    Csv,
    /// A roadmap document.
    Json,
}

impl Format {
    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    fn workbook(self) -> Option<WorkbookFormat> {
        match self {
            Format::Xlsx => Some(WorkbookFormat::Xlsx),
            Format::Xlsb => Some(WorkbookFormat::Xlsb),
            Format::Xls => Some(WorkbookFormat::Xls),
            Format::Ods => Some(WorkbookFormat::Ods),
            Format::Csv | Format::Json => None,
        }
    }
}

/// Tells the format from the content: a zip's parts (xlsx, xlsb, ods), the
/// OLE signature (xls), a JSON object, or text (CSV). The file name only
/// breaks no tie: content wins.
///
/// # Errors
/// [`ErrorKind::Empty`] for no bytes, [`ErrorKind::UnsupportedFormat`] for
/// anything else.
pub fn detect(bytes: &[u8]) -> Result<Format, Error> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.is_empty() {
        return Err(ErrorKind::Empty.into());
    }
    let unsupported = |what: &str| Error::new(ErrorKind::UnsupportedFormat { detected: what.to_owned() });
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| Error::new(ErrorKind::Workbook { format: "zip", message: e.to_string() }))?;
        let names: Vec<String> =
            archive.file_names().filter_map(Result::ok).map(std::borrow::Cow::into_owned).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        return if names.contains(&"xl/workbook.bin") {
            Ok(Format::Xlsb)
        } else if names.contains(&"xl/workbook.xml") {
            Ok(Format::Xlsx)
        } else if names.contains(&"content.xml") {
            Ok(Format::Ods)
        } else if names.contains(&"word/document.xml") {
            Err(unsupported("a Word document"))
        } else {
            Err(unsupported("a zip archive that is no workbook"))
        };
    }
    if bytes.starts_with(OLE) {
        return Ok(Format::Xls);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(unsupported("a PDF document"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let text_start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if text_start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return Ok(Format::Json);
    }
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let binary = head.iter().filter(|b| **b == 0 || (**b < 0x09)).count();
    if utf16 || binary == 0 { Ok(Format::Csv) } else { Err(unsupported("binary data")) }
}

/// How to read: the profile, the sheets, the limits, CSV settings.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The words of the tracker; the built-in `default` when `None`.
    pub profile: Option<Profile>,
    /// The sheets to read; every sheet holding a table when empty.
    pub sheets: Vec<String>,
    /// Bounds on the input.
    pub limits: Limits,
    /// CSV delimiter and encoding, detected when unset.
    pub csv: CsvOptions,
    /// The format, detected from the content when `None`.
    pub format: Option<Format>,
}

impl ReadOptions {
    /// Uses this profile.
    #[must_use]
    pub fn profile(mut self, profile: Profile) -> ReadOptions {
        self.profile = Some(profile);
        self
    }

    /// Reads this sheet (call again for more).
    #[must_use]
    pub fn sheet(mut self, name: impl Into<String>) -> ReadOptions {
        self.sheets.push(name.into());
        self
    }

    /// Uses these limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> ReadOptions {
        self.limits = limits;
        self
    }

    /// Reads CSV with this delimiter.
    #[must_use]
    pub fn delimiter(mut self, delimiter: u8) -> ReadOptions {
        self.csv.delimiter = Some(delimiter);
        self
    }

    /// Reads text in this encoding (a WHATWG label such as `windows-1252`);
    /// `None` when the label is unknown.
    pub fn encoding(mut self, label: &str) -> Option<ReadOptions> {
        self.csv.encoding = Some(encoding_rs::Encoding::for_label(label.as_bytes())?);
        Some(self)
    }

    /// Reads the content as this format, whatever it looks like.
    #[must_use]
    pub fn format(mut self, format: Format) -> ReadOptions {
        self.format = Some(format);
        self
    }
}

/// A roadmap read from a file, the issues met reading it, and what was
/// detected.
#[derive(Debug, Clone)]
pub struct Import {
    /// The roadmap.
    pub roadmap: Roadmap,
    /// Issues of the import itself (unknown status words, unreadable dates,
    /// ...), each with its cell.
    pub issues: Report,
    /// The format read.
    pub format: Format,
    /// What was detected in each sheet that held a table.
    pub layouts: Vec<Layout>,
    /// Sheets that held no table and no list.
    pub skipped_sheets: Vec<String>,
    /// For CSV: the encoding and delimiter used.
    pub csv: Option<CsvDetected>,
}

impl Import {
    /// The import issues followed by the validation of the roadmap: the
    /// whole report.
    pub fn report(&self) -> Report {
        let mut report = self.issues.clone();
        report.extend(self.roadmap.validate());
        report
    }

    /// What was detected, as [`Inspection`].
    pub fn inspection(&self, file: Option<&Path>) -> Inspection {
        Inspection {
            file: file.map(|f| f.display().to_string()),
            format: self.format,
            csv_encoding: self.csv.as_ref().map(|c| c.encoding.to_owned()),
            csv_delimiter: self.csv.as_ref().map(|c| char::from(c.delimiter).to_string()),
            sheets: self.layouts.clone(),
            skipped_sheets: self.skipped_sheets.clone(),
            initiatives: self.roadmap.initiatives.len(),
        }
    }
}

/// What the importer detected in a file: per sheet, the header rows, the
/// column-to-field mapping, the section rows and where the table ends.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    /// The file.
    pub file: Option<String>,
    /// The format.
    pub format: Format,
    /// CSV: the encoding used.
    pub csv_encoding: Option<String>,
    /// CSV: the delimiter used.
    pub csv_delimiter: Option<String>,
    /// The sheets that held a table.
    pub sheets: Vec<Layout>,
    /// The sheets that did not.
    pub skipped_sheets: Vec<String>,
    /// Initiatives read in all.
    pub initiatives: usize,
}

impl Inspection {
    /// `base` with the detected mapping saved in its `columns`, so the same
    /// tracker maps the same way next time.
    pub fn to_profile(&self, base: &Profile) -> Profile {
        let mut profile = base.clone();
        for column in self.sheets.iter().flat_map(|s| &s.columns) {
            if matches!(column.target, Target::Field(_) | Target::Deliverable(_)) && !column.header.is_empty() {
                let header = column.header.rsplit(" / ").next().unwrap_or(&column.header).to_owned();
                profile.columns.insert(header, column.target.profile_name());
            }
        }
        profile
    }
}

/// Reads a file with default options.
///
/// # Errors
/// The file cannot be read, is not a format roadmap reads, exceeds a limit,
/// or holds no initiative table. Data problems are issues, not errors.
pub fn read_path(path: impl AsRef<Path>) -> Result<Import, Error> {
    read_path_with(path, &ReadOptions::default())
}

/// Reads a file.
///
/// # Errors
/// As [`read_path`]; every error names the file.
pub fn read_path_with(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Import, Error> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| Error::new(ErrorKind::Io { source }).in_file(path))?;
    // The file's size, when the system says it, sizes the buffer once.
    let size = file.metadata().map_or(0, |m| m.len());
    let bytes = read_limited(file, size, &options.limits).map_err(|e| e.in_file(path))?;
    read_bytes(&bytes, Some(&path.display().to_string()), options)
}

/// Reads everything from a reader (stdin, a socket), up to the file limit.
///
/// # Errors
/// As [`read_bytes`].
pub fn read_reader(reader: impl Read, name: Option<&str>, options: &ReadOptions) -> Result<Import, Error> {
    let bytes = read_limited(reader, 0, &options.limits)?;
    read_bytes(&bytes, name, options)
}

/// Reads at most the file limit; `size` (when known) reserves the buffer.
fn read_limited(reader: impl Read, size: u64, limits: &Limits) -> Result<Vec<u8>, Error> {
    if size > limits.file_bytes {
        return Err(error::limit("the file's size in bytes", size, limits.file_bytes, None));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    reader
        .take(limits.file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::new(ErrorKind::Io { source }))?;
    if bytes.len() as u64 > limits.file_bytes {
        return Err(error::limit("the file's size in bytes", bytes.len() as u64, limits.file_bytes, None));
    }
    Ok(bytes)
}

/// Reads bytes; `name` is recorded as the file of every source reference.
///
/// # Errors
/// The bytes are not a format roadmap reads, exceed a limit, or hold no
/// initiative table.
pub fn read_bytes(bytes: &[u8], name: Option<&str>, options: &ReadOptions) -> Result<Import, Error> {
    read_named(bytes, name, options).map_err(|e| match name {
        Some(name) => e.in_file(name),
        None => e,
    })
}

fn read_named(bytes: &[u8], name: Option<&str>, options: &ReadOptions) -> Result<Import, Error> {
    if bytes.len() as u64 > options.limits.file_bytes {
        return Err(error::limit("the file's size in bytes", bytes.len() as u64, options.limits.file_bytes, None));
    }
    let format = match options.format {
        Some(f) => f,
        None => detect(bytes)?,
    };
    let file: Option<Arc<str>> = name.map(Arc::from);
    let mut issues = Vec::new();
    if format == Format::Json {
        let roadmap = Roadmap::from_json_slice(bytes).map_err(|source| Error::new(ErrorKind::Json { source }))?;
        return Ok(Import {
            roadmap,
            issues: Report::default(),
            format,
            layouts: Vec::new(),
            skipped_sheets: Vec::new(),
            csv: None,
        });
    }
    let profile = match &options.profile {
        Some(p) => p.clone(),
        None => Profile::builtin("default").unwrap_or_default(),
    };
    let vocab = Vocabulary::new(profile);
    let limits = &options.limits;
    // The reader streams rows on its own thread; the mapping engine reads
    // them here as they come.
    let ((roadmap, layouts, skipped), csv) = if format == Format::Csv {
        let (text, detected) = crate::csv::prepare(bytes, options.csv)?;
        if detected.encoding_guessed {
            issues.push(
                codes::ENCODING_GUESSED
                    .issue("the file was read as Windows-1252")
                    .with_location(Location { file: file.clone(), ..Location::default() }),
            );
        }
        let text = text.as_ref();
        let assembled = stream::run(
            stream::IN_FLIGHT_CSV,
            |emit| crate::csv::stream(text, detected.delimiter, limits, emit),
            |events| assemble(events, &vocab, file.as_ref(), &mut issues),
        )?;
        (assembled, Some(detected))
    } else {
        let wb = format.workbook().unwrap_or(WorkbookFormat::Xlsx);
        let assembled = stream::run(
            stream::IN_FLIGHT_WORKBOOK,
            |emit| workbook::stream(bytes, wb, &options.sheets, limits, emit),
            |events| assemble(events, &vocab, file.as_ref(), &mut issues),
        )?;
        (assembled, None)
    };
    Ok(Import { roadmap, issues: Report::new(issues), format, layouts, skipped_sheets: skipped, csv })
}

/// A pillar or area listed on a definitions sheet: its id when the sheet
/// has an id column, its name, its description.
#[derive(Clone)]
struct ListedItem {
    id: Option<String>,
    name: String,
    description: Option<String>,
}

/// The names listed on a definitions sheet.
type Listed = Vec<ListedItem>;

/// What a sheet of lists holds: pillars or priority areas it defines, and
/// the allowed values of the owner and status columns (the lists a
/// workbook's drop-downs use).
#[derive(Default)]
struct Lists {
    definitions: Vec<(Field, Listed)>,
    /// The owners listed.
    owners: Vec<String>,
    /// Status words, with their cells.
    statuses: Vec<(String, roadmap_core::CellRef)>,
}

/// A sheet of lists: a header whose columns are pillars, priority areas,
/// owners or statuses (with an id and a description column beside a single
/// pillar or area column). Any other field makes it an initiative table.
fn lists(grid: &Grid, vocab: &Vocabulary) -> Option<Lists> {
    const LISTABLE: [Field; 4] = [Field::Pillar, Field::PriorityArea, Field::Owner, Field::Status];
    for (i, row) in grid.rows.iter().enumerate().take(20) {
        let mapped: Vec<(u32, Field)> =
            row.cells.iter().filter_map(|(c, v)| Some((*c, vocab.field(&v.to_text())?))).collect();
        if mapped.is_empty() {
            continue;
        }
        let listed: Vec<(u32, Field)> = mapped.iter().copied().filter(|(_, f)| LISTABLE.contains(f)).collect();
        let beside = mapped.iter().filter(|(_, f)| matches!(f, Field::Id | Field::Description)).count();
        let single_definition = listed.len() == 1 && matches!(listed[0].1, Field::Pillar | Field::PriorityArea);
        if listed.is_empty() || listed.len() + beside != mapped.len() || (beside > 0 && !single_definition) {
            return None;
        }
        let column = |field: Field| mapped.iter().find(|(_, f)| *f == field).map(|(c, _)| *c);
        let (desc, id) = (column(Field::Description), column(Field::Id));
        let text = |r: &Row, c: Option<u32>| {
            c.and_then(|c| r.get(c)).map(|v| v.to_text().trim().to_owned()).filter(|t| !t.is_empty())
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
        return Some(found);
    }
    None
}

/// The issues the lists of allowed values raise: a listed status word the
/// profile cannot read, an owner not in the list of owners.
fn check_against_lists(
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
fn checkpoint_list(grid: &Grid, vocab: &Vocabulary) -> Option<Vec<Checkpoint>> {
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
                let date =
                    date_col.and_then(|c| r.get(c)).and_then(|v| mapping::date_of_value(v, order).ok().flatten());
                let description =
                    desc_col.and_then(|c| r.get(c)).map(|v| v.text().trim().to_owned()).filter(|t| !t.is_empty());
                Some(Checkpoint { id, name, date, description })
            })
            .collect();
        return Some(list);
    }
    None
}

type Assembled = (Roadmap, Vec<Layout>, Vec<String>);

fn assemble(
    events: &mut stream::Events,
    vocab: &Vocabulary,
    file: Option<&Arc<str>>,
    issues: &mut Vec<Issue>,
) -> Result<Assembled, Error> {
    let mut roadmap = Roadmap::default();
    let mut layouts = Vec::new();
    let mut skipped = Vec::new();
    let mut checkpoints: Vec<(String, String)> = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    let mut listed: Vec<(Field, Listed)> = Vec::new();
    let mut listed_owners: Vec<String> = Vec::new();
    let mut listed_statuses: Vec<(String, roadmap_core::CellRef, Option<Arc<str>>)> = Vec::new();
    let mut listed_checkpoints: Vec<Checkpoint> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    while let Some(event) = events.next_event() {
        let (name, merges, rows) = match event? {
            stream::Event::Sheets(all) => {
                names = all;
                continue;
            }
            stream::Event::Sheet { name, merges, rows } => (name, merges, rows),
            stream::Event::Rows(_) => continue,
        };
        let several = names.len() > 1;
        let (mut grid, mut rest) = events.sheet(name, merges)?;
        let origin = Origin { file: file.cloned(), sheet: grid.sheet.clone() };
        // Lists first: their headers are narrow, and an initiative table's
        // header is never one. A list is read whole.
        let is_list = checkpoint_list(&grid, vocab).is_some() || lists(&grid, vocab).is_some();
        if is_list {
            for row in rest.by_ref() {
                grid.rows.push(row?);
            }
        }
        if let Some(list) = is_list.then(|| checkpoint_list(&grid, vocab)).flatten() {
            listed_checkpoints.extend(list);
        } else if let Some(found) = is_list.then(|| lists(&grid, vocab)).flatten() {
            listed.extend(found.definitions);
            listed_owners.extend(found.owners);
            listed_statuses.extend(found.statuses.into_iter().map(|(w, c)| (w, c, grid.sheet.clone())));
        } else if let Some(sheet) = import_sheet(&mut grid, &mut rest, rows, vocab, &origin, issues)? {
            if roadmap.title.is_none() {
                roadmap.title.clone_from(&sheet.layout.title);
            }
            if roadmap.as_of.is_none() {
                roadmap.as_of = sheet.layout.as_of;
            }
            for cp in sheet.checkpoints {
                if !checkpoints.iter().any(|(id, _)| *id == cp.0) {
                    checkpoints.push(cp);
                }
            }
            sections.extend(sheet.sections);
            if roadmap.initiatives.is_empty() {
                // The first table's records are moved, not copied.
                roadmap.initiatives = sheet.initiatives;
            } else {
                roadmap.initiatives.extend(sheet.initiatives);
            }
            layouts.push(sheet.layout);
        } else {
            // Its rows are read (a reader error still counts) and dropped.
            for row in rest.by_ref() {
                row?;
            }
            let name = grid.sheet.as_deref().unwrap_or("(text)").to_owned();
            if several {
                issues.push(
                    codes::SKIPPED_SHEET.issue(format!("the sheet '{name}' holds no initiative table")).with_location(
                        Location { file: file.cloned(), sheet: grid.sheet.clone(), ..Location::default() },
                    ),
                );
            }
            skipped.push(name);
        }
        // A table's rows are all read by now; what a reader said after them
        // (an error) comes with the next event.
        for row in rest {
            row?;
        }
    }
    if layouts.is_empty() {
        let sheets = names.join(", ");
        return Err(Error::new(ErrorKind::NoTable { sheets }));
    }
    roadmap.checkpoints = define_checkpoints(checkpoints, listed_checkpoints, vocab);
    let pillar_list: Listed = listed.iter().filter(|(f, _)| *f == Field::Pillar).flat_map(|(_, l)| l.clone()).collect();
    let area_list: Listed =
        listed.iter().filter(|(f, _)| *f == Field::PriorityArea).flat_map(|(_, l)| l.clone()).collect();
    let pillars = resolve(&mut roadmap.initiatives, Field::Pillar, &pillar_list, &[], vocab, issues, file);
    roadmap.pillars = pillars.into_iter().map(|(id, name, description)| Pillar { id, name, description }).collect();
    let areas = resolve(&mut roadmap.initiatives, Field::PriorityArea, &area_list, &sections, vocab, issues, file);
    roadmap.priority_areas =
        areas.into_iter().map(|(id, name, description)| PriorityArea { id, name, description }).collect();
    resolve_parents(&mut roadmap.initiatives, issues);
    check_against_lists(&roadmap, &listed_owners, &listed_statuses, vocab, file, issues);
    Ok((roadmap, layouts, skipped))
}

fn field_value(ini: &mut Initiative, field: Field) -> Option<&mut String> {
    if field == Field::Pillar { ini.pillar.as_mut() } else { ini.priority_area.as_mut() }
}

/// The checkpoints the roadmap defines: those the table's headers name, in
/// order, then those only a checkpoints sheet lists. A sheet's name and date
/// win; else the profile's.
fn define_checkpoints(
    from_headers: Vec<(String, String)>,
    listed: Vec<Checkpoint>,
    vocab: &Vocabulary,
) -> Vec<Checkpoint> {
    // A listed checkpoint's id as the headers spell it: through the profile's aliases.
    let canonical = |c: &Checkpoint| vocab.checkpoint(&c.id).map_or_else(|| c.id.clone(), |k| k.id.clone());
    let mut listed: Vec<(String, Checkpoint)> = listed.into_iter().map(|c| (canonical(&c), c)).collect();
    let mut out: Vec<Checkpoint> = from_headers
        .into_iter()
        .map(|(id, name)| {
            let known = vocab.checkpoint(&id);
            let mut c = Checkpoint { date: known.and_then(|k| k.date), name, id, description: None };
            if let Some(at) = listed.iter().position(|(key, _)| fold(key) == fold(&c.id)) {
                let (_, sheet) = listed.remove(at);
                if !sheet.name.is_empty() {
                    c.name = sheet.name;
                }
                c.date = sheet.date.or(c.date);
                c.description = sheet.description;
            }
            c
        })
        .collect();
    out.extend(listed.into_iter().map(|(id, c)| Checkpoint { id, ..c }));
    out
}

/// Turns the names written in the pillar (or priority area) column into
/// ids, and says which pillars the roadmap defines: a list sheet's, else the
/// profile's when the table uses them, else the table's own values.
fn resolve(
    initiatives: &mut [Initiative],
    field: Field,
    listed: &[ListedItem],
    extra_names: &[String],
    vocab: &Vocabulary,
    issues: &mut Vec<Issue>,
    file: Option<&Arc<str>>,
) -> Vec<(String, String, Option<String>)> {
    let known = |name: &str| if field == Field::Pillar { vocab.pillar(name) } else { vocab.priority_area(name) };
    let written = || {
        initiatives
            .iter()
            .filter_map(|i| if field == Field::Pillar { i.pillar.as_deref() } else { i.priority_area.as_deref() })
            .chain(extra_names.iter().map(String::as_str))
    };
    let defined: Vec<(String, String, Option<String>)> = if !listed.is_empty() {
        listed
            .iter()
            .map(|l| {
                let id = l.id.clone().unwrap_or_else(|| known(&l.name).map_or_else(|| slug(&l.name), |k| k.id.clone()));
                (id, l.name.clone(), l.description.clone())
            })
            .collect()
    } else if written().any(|w| known(w).is_some()) {
        // Usually told by the first row.
        let list = if field == Field::Pillar { &vocab.profile.pillars } else { &vocab.profile.priority_areas };
        list.iter().map(|k| (k.id.clone(), k.name.clone(), None)).collect()
    } else {
        let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
        let mut made: Vec<(String, String, Option<String>)> = Vec::new();
        for w in written().filter(|w| seen.insert(w)) {
            if !made.iter().any(|(id, _, _)| *id == slug(w)) {
                made.push((slug(w), w.trim().to_owned(), None));
            }
        }
        if made.is_empty() {
            return Vec::new();
        }
        let noun = if field == Field::Pillar { "pillars" } else { "priority areas" };
        issues.push(
            codes::DEFINITIONS_FROM_DATA
                .issue(format!("{} {noun} were made from the table's values", made.len()))
                .with_location(Location {
                    file: file.cloned(),
                    field: Some(field.as_str().to_owned()),
                    ..Location::default()
                }),
        );
        made
    };
    // Written names to ids: by id, by name, by the profile's aliases; each
    // distinct spelling is worked out once, in the one pass that rewrites.
    let folded: Vec<(String, String)> = defined.iter().map(|(id, name, _)| (fold(id), fold(name))).collect();
    let id_of = |w: &str| {
        let f = fold(w);
        folded
            .iter()
            .position(|(id, name)| *id == f || *name == f)
            .map(|k| defined[k].0.clone())
            .or_else(|| known(w).map(|k| k.id.clone()).filter(|id| defined.iter().any(|(d, _, _)| d == id)))
    };
    let mut ids: foldhash::HashMap<String, Option<String>> = foldhash::HashMap::default();
    for ini in initiatives.iter_mut() {
        let Some(written) = field_value(ini, field) else { continue };
        let id = match ids.get(written.as_str()) {
            Some(id) => id,
            None => ids.entry(written.clone()).or_insert_with(|| id_of(written)),
        };
        if let Some(id) = id.as_ref().filter(|id| *id != written) {
            // In the written name's buffer: an id is rarely longer than its name.
            written.clear();
            written.push_str(id);
        }
    }
    defined
}

/// A parent written as a title rather than an id is matched to that title's
/// initiative.
fn resolve_parents(initiatives: &mut [Initiative], issues: &mut Vec<Issue>) {
    // A flat table has no parents: no index of every id is needed.
    if initiatives.iter().all(|i| i.parent.is_none()) {
        return;
    }
    let unresolved: Vec<usize> = {
        let ids: foldhash::HashSet<&str> = initiatives.iter().map(|i| i.id.as_str()).collect();
        (0..initiatives.len()).filter(|i| initiatives[*i].parent.as_deref().is_some_and(|p| !ids.contains(p))).collect()
    };
    if unresolved.is_empty() {
        return;
    }
    let mut by_title: foldhash::HashMap<String, String> = foldhash::HashMap::default();
    for i in initiatives.iter() {
        by_title.entry(fold(&i.title)).or_insert_with(|| i.id.clone());
    }
    for at in unresolved {
        let ini = &mut initiatives[at];
        let Some(p) = ini.parent.clone() else { continue };
        if let Some(id) = by_title.get(&fold(&p)) {
            let loc = roadmap_core::validate::location(ini, at, "parent");
            issues.push(
                codes::PARENT_BY_TITLE
                    .issue(format!("the parent '{p}' was matched to the initiative '{id}'"))
                    .with_initiative(ini.id.clone())
                    .with_location(loc),
            );
            ini.parent = Some(id.clone());
        }
    }
}

/// The catalogue of import codes followed by the validation codes.
pub fn catalogue() -> Vec<roadmap_core::CodeInfo> {
    codes::IMPORT.iter().chain(&codes::EXPORT).chain(&roadmap_core::codes::VALIDATION).cloned().collect()
}

/// The sheets of a workbook, for choosing one.
///
/// # Errors
/// As [`read_bytes`].
pub fn sheet_names(bytes: &[u8], limits: &Limits) -> Result<Vec<String>, Error> {
    match detect(bytes)?.workbook() {
        Some(wb) => workbook::sheet_names(bytes, wb, limits),
        None => Ok(Vec::new()),
    }
}
