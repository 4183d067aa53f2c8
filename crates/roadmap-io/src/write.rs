//! Writers: a roadmap as the tracker people open — CSV, one row per
//! initiative, or an xlsx workbook with typed cells, a filter and a frozen
//! header, and sheets listing the pillars, priority areas and checkpoints.
//!
//! Both write the same table, which the readers of this crate read back to
//! the same roadmap (ids, titles, statuses, dates, progress, revisions,
//! deliverables and unknown columns):
//!
//! | column | holds |
//! | --- | --- |
//! | ID, Initiative, Description, Parent, Owner | the text as it is |
//! | Pillar, Priority area | the name when the roadmap defines one, else the id |
//! | Status | Completed, Ongoing, Planned or Revised |
//! | Revision | the note, or words made from the reason and change |
//! | Start, Due | dates (ISO text in CSV, date cells in xlsx) |
//! | Progress | `50%` in CSV; a fraction formatted `0%` in xlsx |
//! | Deliverable by `<checkpoint>` | one per checkpoint: `Achieved: description` |
//! | any other | the initiative's `extra` values, under their names |
//!
//! What a table cannot hold is never dropped silently: each such value gets
//! a `not-preserved` warning in [`Written::issues`] (a deliverable's own due
//! date, two deliverables at one checkpoint, nested `extra` values, and, in
//! CSV, the lists of pillars, areas and checkpoints).
//!
//! Text is never written where a spreadsheet would evaluate it (OWASP "CSV
//! injection"): in CSV a text cell starting with `=`, `+`, `-`, `@`, tab or
//! carriage return gets a leading `'`, which the CSV reader removes again;
//! in xlsx text is always a string cell, and such text also carries Excel's
//! quote prefix.
//!
//! [`write_file`] puts the bytes on disk whole or not at all, and never over
//! the file they were made from; the `roadmap` command and the Python
//! package both write through it.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use roadmap_core::{
    Date, DeliverableStatus, Initiative, Issue, Report, RevisionChange, RevisionReason, Roadmap, deliverable_field,
};

use crate::codes;

/// The characters that make a spreadsheet evaluate a cell's text.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text as a CSV cell that no spreadsheet evaluates: `'` before text that
/// starts like a formula. [`unneutralize`] undoes it.
/// Text that already starts with quotes and then a formula character gets
/// one more, so the round trip is exact.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_START) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text [`neutralize`] was given: one leading `'` is taken off quotes
/// that stand before a formula character.
pub fn unneutralize(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => text,
    }
}

/// The format a roadmap is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Roadmap JSON (`schemas/roadmap.schema.json`), pretty-printed.
    Json,
    /// CSV, one row per initiative.
    Csv,
    /// An xlsx workbook.
    Xlsx,
}

impl OutputFormat {
    /// All three.
    pub const ALL: [OutputFormat; 3] = [OutputFormat::Json, OutputFormat::Csv, OutputFormat::Xlsx];

    /// The format a file name's extension says, if it says one.
    pub fn from_extension(path: &std::path::Path) -> Option<OutputFormat> {
        path.extension()?.to_str()?.parse().ok()
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Csv => "csv",
            OutputFormat::Xlsx => "xlsx",
        }
    }
}

impl std::str::FromStr for OutputFormat {
    type Err = UnknownOutputFormat;

    /// Reads `json`, `csv` or `xlsx`, ignoring case and surrounding space.
    ///
    /// ```
    /// use roadmap_io::write::OutputFormat;
    /// assert_eq!("XLSX".parse(), Ok(OutputFormat::Xlsx));
    /// assert!("parquet".parse::<OutputFormat>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<OutputFormat, UnknownOutputFormat> {
        let t = text.trim();
        OutputFormat::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownOutputFormat { text: text.to_owned() })
    }
}

/// A word that is not one of the output formats.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("format must be json, csv or xlsx, not {text:?}")]
pub struct UnknownOutputFormat {
    /// The word given.
    pub text: String,
}

/// Why a roadmap could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A text is longer than a spreadsheet cell holds (32,767 characters).
    #[error("initiative '{initiative}': the {field} has {chars} characters; an xlsx cell holds at most 32767")]
    TextTooLong {
        /// The initiative's id.
        initiative: String,
        /// The field.
        field: String,
        /// Its length in characters.
        chars: usize,
    },
    /// The table has more rows than a worksheet (1,048,576).
    #[error("{rows} initiatives do not fit in one xlsx worksheet (at most 1048575 under the header)")]
    TooManyRows {
        /// The initiatives to write.
        rows: usize,
    },
    /// The xlsx library refused the workbook.
    #[error("the xlsx workbook could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The CSV writer failed.
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] csv::Error),
    /// The file to write is the input it was made from.
    #[error("{}: refusing to overwrite the input", path.display())]
    WouldOverwriteInput {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be written: the folder is missing or read-only,
    /// the disk is full, ...
    #[error("{}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

/// A written roadmap: its bytes, and a warning for every value the format
/// could not hold.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// `not-preserved` warnings, with the initiative and field of each.
    pub issues: Report,
}

/// Writes a roadmap in a format.
///
/// # Errors
/// Only xlsx fails in practice: text too long for a cell, or more
/// initiatives than a worksheet has rows (CSV is written to memory, which
/// its writer does not fail on).
pub fn write(roadmap: &Roadmap, format: OutputFormat) -> Result<Written, WriteError> {
    match format {
        OutputFormat::Json => {
            let mut json = roadmap.to_json_pretty();
            json.push('\n');
            Ok(Written { bytes: json.into_bytes(), issues: Report::default() })
        }
        OutputFormat::Csv => to_csv(roadmap),
        OutputFormat::Xlsx => to_xlsx(roadmap),
    }
}

/// Writes `bytes` to the file `path` whole or not at all: they go to a
/// temporary file in the same folder, which is synced to disk and then
/// renamed over `path`, so a failed run never leaves a half-written file.
/// `input`, the file the bytes were made from, is never replaced.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// use roadmap_io::write::{WriteError, write_file};
/// let input = dir.path().join("tracker.csv");
/// std::fs::write(&input, "ID,Initiative\n")?;
/// let out = dir.path().join("roadmap.json");
/// write_file(&out, b"{}\n", Some(&input))?;
/// assert_eq!(std::fs::read(&out)?, b"{}\n");
/// let refused = write_file(&input, b"{}\n", Some(&input));
/// assert!(matches!(refused, Err(WriteError::WouldOverwriteInput { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`WriteError::WouldOverwriteInput`] when `path` names `input` (compared
/// as canonical paths, so a link or `./` does not hide it);
/// [`WriteError::File`] when the temporary file cannot be made, written,
/// synced or renamed.
pub fn write_file(path: &Path, bytes: &[u8], input: Option<&Path>) -> Result<(), WriteError> {
    if input.is_some_and(|input| same_file(path, input)) {
        return Err(WriteError::WouldOverwriteInput { path: path.to_path_buf() });
    }
    replace(path, bytes).map_err(|source| WriteError::File { path: path.to_path_buf(), source })
}

/// tempfile's error names the temporary file, a name nobody sees: when the
/// folder itself is missing or unreadable, its own error says so.
fn folder_error(dir: &Path, e: std::io::Error) -> std::io::Error {
    std::fs::metadata(dir).err().unwrap_or(e)
}

/// True when both paths exist and name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The temporary file, written, synced and renamed over `path`.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    // The file replaced keeps its permissions; a new one gets a written
    // file's usual 0644 (a temporary file's own 0600 would hide a report
    // meant for a file share).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let kept = std::fs::metadata(path).map(|m| m.permissions());
        builder.permissions(kept.unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644)));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| folder_error(dir, e))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename is on disk once the folder is synced. Some file systems
    // refuse to sync a folder; the file is whole either way.
    #[cfg(unix)]
    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

/// A value of the written table.
#[derive(Debug, Clone, PartialEq)]
enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    Bool(bool),
    Date(Date),
    /// Progress in percent.
    Percent(f64),
}

/// The columns of the written table and how each initiative fills them; both
/// writers walk it.
struct Table<'a> {
    roadmap: &'a Roadmap,
    /// Checkpoint ids, one deliverable column each: the defined ones, then
    /// those only deliverables name.
    checkpoints: Vec<&'a str>,
    /// `extra` names, in the order first met.
    extras: Vec<&'a str>,
    issues: Vec<Issue>,
}

const FIELD_HEADERS: [&str; 12] = [
    "ID",
    "Initiative",
    "Description",
    "Parent",
    "Pillar",
    "Priority area",
    "Owner",
    "Status",
    "Revision",
    "Start",
    "Due",
    "Progress",
];

impl<'a> Table<'a> {
    fn new(roadmap: &'a Roadmap) -> Table<'a> {
        let mut checkpoints: Vec<&str> = roadmap.checkpoints.iter().map(|c| c.id.as_str()).collect();
        let mut extras: Vec<&str> = Vec::new();
        for ini in &roadmap.initiatives {
            for d in &ini.deliverables {
                if !checkpoints.contains(&d.checkpoint.as_str()) {
                    checkpoints.push(&d.checkpoint);
                }
            }
            for name in ini.extra.keys() {
                if !extras.contains(&name.as_str()) {
                    extras.push(name);
                }
            }
        }
        Table { roadmap, checkpoints, extras, issues: Vec::new() }
    }

    fn headers(&self) -> Vec<String> {
        let mut headers: Vec<String> = FIELD_HEADERS.iter().map(|h| (*h).to_owned()).collect();
        headers.extend(self.checkpoints.iter().map(|c| format!("Deliverable by {c}")));
        headers.extend(self.extras.iter().map(|e| (*e).to_owned()));
        headers
    }

    /// A `not-preserved` warning at a field of an initiative.
    fn not_preserved(issues: &mut Vec<Issue>, ini: &Initiative, at: usize, field: &str, message: String) {
        let location = roadmap_core::validate::location(ini, at, field);
        issues.push(codes::NOT_PRESERVED.issue(message).with_initiative(ini.id.clone()).with_location(location));
    }

    /// The name written for a pillar or area id: its defined name, else the id.
    fn name_of(&self, id: &'a str, pillar: bool) -> &'a str {
        let name = if pillar {
            self.roadmap.pillars.iter().find(|p| p.id == id).map(|p| p.name.as_str())
        } else {
            self.roadmap.priority_areas.iter().find(|a| a.id == id).map(|a| a.name.as_str())
        };
        name.filter(|n| !n.is_empty()).unwrap_or(id)
    }

    fn row(&mut self, at: usize) -> Vec<Cell<'a>> {
        let roadmap = self.roadmap;
        let ini = &roadmap.initiatives[at];
        let text = |t: Option<&'a String>| t.map_or(Cell::Empty, |t| Cell::Text(Cow::Borrowed(t.as_str())));
        let date = |d: Option<Date>| d.map_or(Cell::Empty, Cell::Date);
        let mut row = vec![
            Cell::Text(Cow::Borrowed(&ini.id)),
            Cell::Text(Cow::Borrowed(&ini.title)),
            text(ini.description.as_ref()),
            text(ini.parent.as_ref()),
            ini.pillar.as_deref().map_or(Cell::Empty, |p| Cell::Text(Cow::Borrowed(self.name_of(p, true)))),
            ini.priority_area.as_deref().map_or(Cell::Empty, |a| Cell::Text(Cow::Borrowed(self.name_of(a, false)))),
            text(ini.owner.as_ref()),
            ini.status.map_or(Cell::Empty, |s| Cell::Text(Cow::Borrowed(s.label()))),
            ini.revision.as_ref().map_or(Cell::Empty, |r| Cell::Text(revision_text(r))),
            date(ini.start),
            date(ini.due),
            ini.progress.map_or(Cell::Empty, Cell::Percent),
        ];
        if let Some(p) = ini.progress
            && !(0.0..=100.0).contains(&p)
        {
            Self::not_preserved(
                &mut self.issues,
                ini,
                at,
                "progress",
                format!("progress {p} is outside 0-100; a spreadsheet may read it back differently"),
            );
        }
        for &cp in &self.checkpoints {
            let mut here = ini.deliverables.iter().enumerate().filter(|(_, d)| d.checkpoint == cp);
            let Some((n, first)) = here.next() else {
                row.push(Cell::Empty);
                continue;
            };
            let mut cell = deliverable_text(first.status, &first.description);
            if cell.is_empty() {
                Self::not_preserved(
                    &mut self.issues,
                    ini,
                    at,
                    &deliverable_field(n),
                    format!("the deliverable at {cp} has no text"),
                );
            }
            if first.due.is_some() {
                Self::not_preserved(
                    &mut self.issues,
                    ini,
                    at,
                    &format!("{}.due", deliverable_field(n)),
                    format!("the deliverable's own due date at {cp} has no column; it is not written"),
                );
            }
            for (m, more) in here {
                Self::not_preserved(
                    &mut self.issues,
                    ini,
                    at,
                    &deliverable_field(m),
                    format!("a second deliverable at {cp} is written on a new line of the same cell"),
                );
                cell.push('\n');
                cell.push_str(&deliverable_text(more.status, &more.description));
            }
            row.push(if cell.is_empty() { Cell::Empty } else { Cell::Text(Cow::Owned(cell)) });
        }
        for &name in &self.extras {
            let value = match ini.extra.get(name) {
                None | Some(serde_json::Value::Null) => Cell::Empty,
                Some(serde_json::Value::String(s)) => Cell::Text(Cow::Borrowed(s)),
                Some(serde_json::Value::Bool(b)) => Cell::Bool(*b),
                Some(serde_json::Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
                Some(nested) => {
                    Self::not_preserved(
                        &mut self.issues,
                        ini,
                        at,
                        &format!("extra.{name}"),
                        format!("the value of '{name}' is nested; it is written as JSON text"),
                    );
                    Cell::Text(Cow::Owned(nested.to_string()))
                }
            };
            row.push(value);
        }
        row
    }
}

/// A deliverable cell's text: `Achieved: description`, the status alone, or
/// the description alone.
fn deliverable_text(status: Option<DeliverableStatus>, description: &str) -> String {
    let word = status.map(|s| match s {
        DeliverableStatus::Achieved => "Achieved",
        DeliverableStatus::InProgress => "In progress",
        DeliverableStatus::NotStarted => "Not started",
    });
    match (word, description.is_empty()) {
        (Some(w), true) => w.to_owned(),
        (Some(w), false) => format!("{w}: {description}"),
        (None, _) => description.to_owned(),
    }
}

/// A revision as the words the reader parses back to it: its note when it
/// has one.
fn revision_text(r: &roadmap_core::Revision) -> Cow<'_, str> {
    if let Some(note) = r.note.as_deref().filter(|n| !n.trim().is_empty()) {
        return Cow::Borrowed(note);
    }
    let mut text = match &r.change {
        Some(RevisionChange::CombinedInto(id)) => format!("Combined with {id}"),
        Some(RevisionChange::ScopeChanged) => "Scope changed".to_owned(),
        None => "Revised".to_owned(),
    };
    let reason = match r.reason {
        Some(RevisionReason::Feasibility) => Some("feasibility"),
        Some(RevisionReason::Prioritization) => Some("prioritization"),
        Some(RevisionReason::Rationalization) => Some("rationalization"),
        Some(RevisionReason::Other) | None => None,
    };
    if let Some(reason) = reason {
        let _ = write!(text, " ({reason})");
    }
    Cow::Owned(text)
}

/// The roadmap as CSV: a header row and one row per initiative.
///
/// # Errors
/// [`WriteError::Csv`] if the CSV writer fails, which writing to memory
/// does not.
pub fn to_csv(roadmap: &Roadmap) -> Result<Written, WriteError> {
    let mut table = Table::new(roadmap);
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut record: Vec<Cow<'_, str>> = Vec::new();
    out.write_record(table.headers().iter().map(|h| neutralize(h).into_owned()))?;
    for at in 0..roadmap.initiatives.len() {
        record.clear();
        record.extend(table.row(at).into_iter().map(|cell| match cell {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => match neutralize(&t) {
                Cow::Borrowed(_) => t,
                Cow::Owned(o) => Cow::Owned(o),
            },
            Cell::Number(n) => Cow::Owned(crate::grid::format_number(n)),
            Cell::Bool(b) => Cow::Borrowed(if b { "TRUE" } else { "FALSE" }),
            Cell::Date(d) => Cow::Owned(d.to_string()),
            Cell::Percent(p) => Cow::Owned(format!("{}%", crate::grid::format_number(p))),
        }));
        out.write_record(record.iter().map(|c| c.as_bytes()))?;
    }
    let bytes = out.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    let r = roadmap;
    let lists = [
        (r.title.is_some(), "the title"),
        (r.organization.is_some(), "the organization"),
        (r.as_of.is_some(), "the as-of date"),
        (r.pillars.iter().any(|p| p.description.is_some()), "the pillars' descriptions"),
        (r.priority_areas.iter().any(|a| a.description.is_some()), "the priority areas' descriptions"),
        (r.checkpoints.iter().any(|c| c.date.is_some() || c.description.is_some()), "the checkpoints' dates"),
    ];
    let lost: Vec<&str> = lists.iter().filter(|(lost, _)| *lost).map(|(_, what)| *what).collect();
    if !lost.is_empty() {
        table.issues.push(codes::NOT_PRESERVED.issue(format!(
            "CSV holds the initiative table only: {} are not written; write xlsx or JSON to keep them",
            lost.join(", ")
        )));
    }
    Ok(Written { bytes, issues: Report::new(table.issues) })
}

/// The most characters an xlsx cell holds.
const XLSX_CELL_CHARS: usize = 32_767;

/// The roadmap as an xlsx workbook: the sheet "Initiatives" under a title
/// block (title, "As of" date), with a filter and a frozen header, and the
/// sheets "Pillars", "Priority areas" and "Checkpoints" when the roadmap
/// defines them.
///
/// # Errors
/// Text longer than a cell holds, more initiatives than a worksheet holds,
/// or the xlsx library's refusal.
pub fn to_xlsx(roadmap: &Roadmap) -> Result<Written, WriteError> {
    if roadmap.initiatives.len() >= 1_048_570 {
        return Err(WriteError::TooManyRows { rows: roadmap.initiatives.len() });
    }
    let mut table = Table::new(roadmap);
    let mut book = rust_xlsxwriter::Workbook::new();
    book.set_properties(&properties(roadmap));
    let formats = Formats::new();
    initiatives_sheet(&mut book, &mut table, &formats)?;
    let pillars = roadmap.pillars.iter().map(|p| (p.id.as_str(), p.name.as_str(), p.description.as_deref()));
    list_sheet(&mut book, "Pillars", "Pillar", pillars, &formats)?;
    let areas = roadmap.priority_areas.iter().map(|a| (a.id.as_str(), a.name.as_str(), a.description.as_deref()));
    list_sheet(&mut book, "Priority areas", "Priority area", areas, &formats)?;
    checkpoints_sheet(&mut book, roadmap, &formats)?;
    if let Some(org) = &roadmap.organization {
        table.issues.push(
            codes::NOT_PRESERVED
                .issue(format!("the organization '{org}' has no place in the workbook; it is not written")),
        );
    }
    let bytes = book.save_to_buffer()?;
    Ok(Written { bytes, issues: Report::new(table.issues) })
}

/// The workbook's document properties: the roadmap's title and
/// organization, and a creation date that does not make the same roadmap
/// give different bytes: `SOURCE_DATE_EPOCH` when set (as reproducible
/// builds do), else the roadmap's as-of date, else now.
fn properties(roadmap: &Roadmap) -> rust_xlsxwriter::DocProperties {
    let mut props = rust_xlsxwriter::DocProperties::new();
    if let Some(title) = &roadmap.title {
        props = props.set_title(title);
    }
    if let Some(org) = &roadmap.organization {
        props = props.set_company(org);
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    let day = epoch.and_then(|secs| Date::from_days(secs.div_euclid(86_400))).or(roadmap.as_of);
    let created = day.and_then(|d| {
        let year = u16::try_from(d.year()).ok()?;
        rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
    });
    if let Some(created) = created {
        props = props.set_creation_datetime(&created);
    }
    props
}

/// The cell formats of a written workbook.
struct Formats {
    header: rust_xlsxwriter::Format,
    date: rust_xlsxwriter::Format,
    percent: rust_xlsxwriter::Format,
    /// Excel's quote prefix: text that starts like a formula stays text.
    quoted: rust_xlsxwriter::Format,
    wrap: rust_xlsxwriter::Format,
}

impl Formats {
    fn new() -> Formats {
        use rust_xlsxwriter::{Format, FormatAlign};
        Formats {
            header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            percent: Format::new().set_num_format("0%"),
            quoted: Format::new().set_quote_prefix(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

fn initiatives_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    table: &mut Table<'_>,
    formats: &Formats,
) -> Result<(), WriteError> {
    let roadmap = table.roadmap;
    let headers = table.headers();
    let sheet = book.add_worksheet();
    sheet.set_name("Initiatives")?;
    let mut top = 0u32;
    if let Some(title) = &roadmap.title {
        let big = rust_xlsxwriter::Format::new().set_bold().set_font_size(14);
        sheet.write_string_with_format(top, 0, title, &big)?;
        top += 1;
    }
    if let Some(as_of) = roadmap.as_of {
        sheet.write_string(top, 0, format!("As of {as_of}"))?;
        top += 1;
    }
    // A blank row between the title block and the table.
    let header_row = if top > 0 { top + 1 } else { 0 };
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, h, &formats.header)?;
    }
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count().clamp(8, 40)).collect();
    for at in 0..roadmap.initiatives.len() {
        let r = header_row + 1 + at as u32;
        for (c, cell) in table.row(at).into_iter().enumerate() {
            let col = c as u16;
            let written = match cell {
                Cell::Empty => continue,
                Cell::Text(t) => {
                    let chars = t.chars().count();
                    if chars > XLSX_CELL_CHARS {
                        return Err(WriteError::TextTooLong {
                            initiative: roadmap.initiatives[at].id.clone(),
                            field: headers[c].clone(),
                            chars,
                        });
                    }
                    widths[c] = widths[c].max(t.lines().map(|l| l.chars().count()).max().unwrap_or(0).min(60));
                    let format = if t.contains('\n') { Some(&formats.wrap) } else { None };
                    write_text(sheet, r, col, &t, format, formats)
                }
                Cell::Number(n) => sheet.write_number(r, col, n).map(|_| ()),
                Cell::Bool(b) => sheet.write_boolean(r, col, b).map(|_| ()),
                Cell::Percent(p) => sheet.write_number_with_format(r, col, p / 100.0, &formats.percent).map(|_| ()),
                Cell::Date(d) => {
                    widths[c] = widths[c].max(10);
                    write_date(sheet, r, col, d, formats)
                }
            };
            written?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w as f64 + 2.0)?;
    }
    let last_col = headers.len().saturating_sub(1) as u16;
    let last_row = header_row + roadmap.initiatives.len() as u32;
    sheet.autofilter(header_row, 0, last_row, last_col)?;
    sheet.set_freeze_panes(header_row + 1, 2)?;
    Ok(())
}

/// A sheet listing pillars or priority areas as the reader reads them back:
/// an id column, the name, a description. Nothing for an empty list.
fn list_sheet<'a>(
    book: &mut rust_xlsxwriter::Workbook,
    name: &str,
    noun: &str,
    rows: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)>,
    formats: &Formats,
) -> Result<(), WriteError> {
    let mut rows = rows.peekable();
    if rows.peek().is_none() {
        return Ok(());
    }
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (c, h) in ["ID", noun, "Description"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &formats.header)?;
    }
    for (r, (id, name, description)) in rows.enumerate() {
        let r = r as u32 + 1;
        write_text(sheet, r, 0, id, None, formats)?;
        let name = if name.is_empty() { id } else { name };
        write_text(sheet, r, 1, name, None, formats)?;
        if let Some(d) = description {
            write_text(sheet, r, 2, d, None, formats)?;
        }
    }
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(2, 60)?;
    Ok(())
}

/// The sheet of checkpoints: id, name, date, description.
fn checkpoints_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    roadmap: &Roadmap,
    formats: &Formats,
) -> Result<(), WriteError> {
    if roadmap.checkpoints.is_empty() {
        return Ok(());
    }
    let sheet = book.add_worksheet();
    sheet.set_name("Checkpoints")?;
    for (c, h) in ["Checkpoint", "Name", "Date", "Description"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &formats.header)?;
    }
    for (r, cp) in roadmap.checkpoints.iter().enumerate() {
        let r = r as u32 + 1;
        write_text(sheet, r, 0, &cp.id, None, formats)?;
        if !cp.name.is_empty() {
            write_text(sheet, r, 1, &cp.name, None, formats)?;
        }
        if let Some(d) = cp.date {
            write_date(sheet, r, 2, d, formats)?;
        }
        if let Some(desc) = &cp.description {
            write_text(sheet, r, 3, desc, None, formats)?;
        }
    }
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(2, 12)?;
    Ok(())
}

/// Writes a date cell; a day before Excel's calendar starts (1900) stays
/// ISO text.
fn write_date(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    date: Date,
    formats: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let excel = u16::try_from(date.year())
        .ok()
        .filter(|y| *y >= 1900)
        .and_then(|y| rust_xlsxwriter::ExcelDateTime::from_ymd(y, date.month() as u8, date.day() as u8).ok());
    match excel {
        Some(x) => sheet.write_date_with_format(row, col, &x, &formats.date).map(|_| ()),
        None => sheet.write_string(row, col, date.to_string()).map(|_| ()),
    }
}

/// Writes text as a string cell, never a formula, with Excel's quote prefix
/// where it starts like one.
fn write_text(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: Option<&rust_xlsxwriter::Format>,
    formats: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let format = if text.starts_with(FORMULA_START) { Some(&formats.quoted) } else { format };
    match format {
        Some(f) => sheet.write_string_with_format(row, col, text, f).map(|_| ()),
        None => sheet.write_string(row, col, text).map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralizing_round_trips() {
        for text in ["=SUM(A1)", "+1", "-x", "@cmd", "\tx", "\rx", "plain", "'quoted", "'=already"] {
            assert_eq!(unneutralize(&neutralize(text)), text, "{text:?}");
        }
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("1+1"), "1+1");
    }

    #[test]
    fn write_file_replaces_the_target_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        std::fs::write(&out, "old").unwrap();
        write_file(&out, b"new", None).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["out.json"]);
    }

    #[test]
    fn write_file_never_replaces_its_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("tracker.csv");
        std::fs::write(&input, "ID\n").unwrap();
        let mut targets = vec![input.clone(), dir.path().join(".").join("tracker.csv")];
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            targets.push(link);
        }
        for target in &targets {
            let err = write_file(target, b"{}", Some(&input)).unwrap_err();
            assert!(matches!(&err, WriteError::WouldOverwriteInput { path } if path == target), "{err:?}");
            assert_eq!(err.to_string(), format!("{}: refusing to overwrite the input", target.display()));
        }
        assert_eq!(std::fs::read(&input).unwrap(), b"ID\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), targets.len() - 1, "no temporary file is left");
        // Another file is written, input or not.
        write_file(&dir.path().join("roadmap.json"), b"{}", Some(&input)).unwrap();
    }

    /// A new file is readable by others, as files programs write are; a
    /// replaced one keeps its permissions.
    #[cfg(unix)]
    #[test]
    fn written_files_have_a_written_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_file(&path, b"a", None).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&path, b"b", None).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn write_file_errors_keep_the_path_and_the_cause() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("missing").join("out.json");
        let err = write_file(&out, b"{}", None).unwrap_err();
        let WriteError::File { path, source } = &err else { panic!("{err:?}") };
        assert_eq!(path, &out);
        assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        assert!(std::error::Error::source(&err).is_some());
        assert!(!err.to_string().contains(" at path "), "the temporary file is not named: {err}");
    }

    #[test]
    fn xlsx_errors_keep_their_cause() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let rows = std::iter::once(("A", "Alpha", None));
        let err = list_sheet(&mut book, "Bad[name]", "Pillar", rows, &Formats::new()).unwrap_err();
        assert!(matches!(err, WriteError::Xlsx(rust_xlsxwriter::XlsxError::SheetnameContainsInvalidCharacter(_))));
        assert!(std::error::Error::source(&err).is_some());
        assert!(err.to_string().starts_with("the xlsx workbook could not be written: "), "{err}");
    }

    #[test]
    fn revision_words_parse_back() {
        use roadmap_core::Revision;
        for r in [
            Revision {
                reason: Some(RevisionReason::Rationalization),
                change: Some(RevisionChange::CombinedInto("INI-7".into())),
                note: None,
            },
            Revision {
                reason: Some(RevisionReason::Feasibility),
                change: Some(RevisionChange::ScopeChanged),
                note: None,
            },
            Revision { reason: Some(RevisionReason::Prioritization), change: None, note: None },
        ] {
            let back = crate::values::parse_revision(&revision_text(&r)).unwrap();
            assert_eq!((back.reason, back.change), (r.reason, r.change));
        }
    }
}
