//! Readers of the trackers roadmaps live in — xlsx, xlsm, xlsb, xls, ods
//! (through calamine), CSV (through csv) and JSON — into one validated
//! [`Roadmap`], and writers back to CSV and xlsx ([`write`]).
//!
//! An import runs in three stages, a module each:
//! - `read`: bytes to a stream of sheets of rows — the format
//!   told by the content, workbooks checked and read through calamine, CSV
//!   decoded and read through csv, on a reader thread;
//! - `map`: one sheet's rows to records — the header row found, the columns
//!   mapped to fields through a [`Profile`] of words in six languages, each
//!   row classed (record, section, repeated header, end of table) and each
//!   cell read with the cell it came from;
//! - `assemble`: sheets to one roadmap — lists of definitions, pillar, area
//!   and checkpoint names resolved to ids.
//!
//! A sheet of rows, [`Grid`], is the one seam between reading and mapping:
//! rows that come from elsewhere (a database, an online spreadsheet's API)
//! map through the same engine with [`read_sheets`]. Every value keeps the
//! cell it came from, so every issue — from import or from validation —
//! names the sheet and cell to fix. Rows and cells are 1-based, as a
//! spreadsheet shows them; in CSV a record is one row however many lines
//! its quoted cells span, and a blank line is an empty row, as Excel and
//! `LibreOffice` show the file.
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

mod assemble;
pub mod codes;
#[cfg(feature = "arrow")]
pub mod columnar;
mod error;
mod grid;
mod import;
mod limits;
mod map;
pub mod normalize;
mod options;
#[cfg(feature = "parquet")]
pub mod parquet;
mod profile;
mod read;
pub mod values;
pub mod write;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use roadmap_core::{Location, Report, Roadmap};

pub use crate::error::{Error, ErrorCategory, ErrorKind, Measure, Place, WorkbookCause};
pub use crate::grid::{Grid, Merge, Row, Value};
pub use crate::import::{Import, Inspection, SheetInfo, SheetRole};
pub use crate::limits::Limits;
pub use crate::map::{Column, Layout, Target};
pub use crate::options::ReadOptions;
pub use crate::profile::{DateOrder, Field, Known, Profile, profile_schema};
pub use crate::read::{CsvDetected, CsvOptions, Format, WorkbookFormat, detect, sheet_names};

use crate::profile::Vocabulary;
use crate::read::Source;

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
    let bytes = read::read_limited(file, size, &options.limits).map_err(|e| e.in_file(path))?;
    read_bytes(&bytes, Some(&path.display().to_string()), options)
}

/// Reads everything from a reader (stdin, a socket), up to the file limit.
///
/// # Errors
/// As [`read_bytes`].
pub fn read_reader(reader: impl Read, name: Option<&str>, options: &ReadOptions) -> Result<Import, Error> {
    let bytes = read::read_limited(reader, 0, &options.limits)?;
    read_bytes(&bytes, name, options)
}

/// Reads bytes; `name` is recorded as the file of every source reference.
///
/// # Errors
/// The bytes are not a format roadmap reads, exceed a limit, or hold no
/// initiative table.
pub fn read_bytes(bytes: &[u8], name: Option<&str>, options: &ReadOptions) -> Result<Import, Error> {
    in_file(read_named(bytes, name, options), name)
}

/// Maps sheets of rows that come from elsewhere (a database, an online
/// spreadsheet's API) through the same engine as a file's: each [`Grid`]
/// is a sheet, its rows in order (0-based indexes, cells sorted by column);
/// `name` is recorded as the file of every source reference. The options'
/// profile applies; its sheets, limits and CSV settings do not.
///
/// ```
/// use roadmap_io::{Grid, ReadOptions, Row, Value};
/// let row = |index, cells: &[&str]| Row {
///     index,
///     cells: cells.iter().enumerate().map(|(c, t)| (c as u32, Value::Text((*t).into()))).collect(),
/// };
/// let sheet = Grid {
///     sheet: Some("Tracker".into()),
///     rows: vec![row(0, &["ID", "Initiative", "Status"]), row(1, &["A-1", "Open data portal", "Ongoing"])],
///     merges: Vec::new(),
/// };
/// let import = roadmap_io::read_sheets(vec![sheet], Some("db://tracker"), &ReadOptions::default())?;
/// assert_eq!(import.roadmap.initiatives[0].id, "A-1");
/// # Ok::<(), roadmap_io::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::NoTable`] when no sheet holds an initiative table;
/// [`ErrorKind::Hostile`] when a sheet's rows are out of order.
pub fn read_sheets(sheets: Vec<Grid>, name: Option<&str>, options: &ReadOptions) -> Result<Import, Error> {
    in_file(import(Source::Grids(sheets), Format::Rows, name, options, Vec::new()), name)
}

/// The sheets of a file as its reader sees them, before any mapping: the
/// read stage alone, the other side of the seam [`read_sheets`] enters by.
/// Each [`Grid`] holds a sheet's non-blank cells, rows in order, and its
/// merged regions (0-based rows and columns); numbers under a percent
/// format are [`Value::Percent`] and dates [`Value::DateSerial`]. The
/// options' sheets and limits apply (hidden sheets are left out unless
/// named); a CSV file is one grid with no name.
///
/// ```
/// let bytes = std::fs::read("tests/fixtures/annex.xlsx")?;
/// let sheets = roadmap_io::read_grids(&bytes, Some("annex.xlsx"), &roadmap_io::ReadOptions::default())?;
/// assert!(sheets.iter().any(|g| !g.merges.is_empty())); // initiative names merged over their actions
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`read_bytes`], but for [`ErrorKind::NoTable`]: every sheet is
/// returned, table or not. Roadmap JSON holds no sheets:
/// [`ErrorKind::UnsupportedFormat`].
pub fn read_grids(bytes: &[u8], name: Option<&str>, options: &ReadOptions) -> Result<Vec<Grid>, Error> {
    let grids = || {
        read::check_size(bytes.len() as u64, &options.limits)?;
        let format = match options.format {
            Some(f) => f,
            None => detect(bytes)?,
        };
        if format == Format::Json {
            let detected = "roadmap JSON, which holds no sheets".to_owned();
            return Err(Error::new(ErrorKind::UnsupportedFormat { detected }));
        }
        Source::new(bytes, format, options)?.run(options, read::stream::grids)
    };
    in_file(grids(), name)
}

fn in_file<T>(result: Result<T, Error>, name: Option<&str>) -> Result<T, Error> {
    result.map_err(|e| match name {
        Some(name) => e.in_file(name),
        None => e,
    })
}

fn read_named(bytes: &[u8], name: Option<&str>, options: &ReadOptions) -> Result<Import, Error> {
    read::check_size(bytes.len() as u64, &options.limits)?;
    let format = match options.format {
        Some(f) => f,
        None => detect(bytes)?,
    };
    let mut issues: Vec<roadmap_core::Issue> = name.and_then(|n| read::name_mismatch(n, format)).into_iter().collect();
    if format == Format::Json {
        let roadmap = Roadmap::from_json_slice(bytes).map_err(|source| Error::new(ErrorKind::Json { source }))?;
        let mut import = Import::of_document(roadmap, format);
        import.issues = Report::new(issues);
        return Ok(import);
    }
    let source = Source::new(bytes, format, options)?;
    if source.csv_detected().is_some_and(|d| d.encoding_guessed) {
        issues.push(
            codes::ENCODING_GUESSED
                .issue("the file was read as Windows-1252")
                .with_location(Location { file: name.map(Arc::from), ..Location::default() }),
        );
    }
    import(source, format, name, options, issues)
}

/// Reads a source's sheets on the reader thread while they are mapped and
/// assembled on this one.
fn import(
    source: Source<'_>,
    format: Format,
    name: Option<&str>,
    options: &ReadOptions,
    mut issues: Vec<roadmap_core::Issue>,
) -> Result<Import, Error> {
    let vocab =
        Vocabulary::new(options.profile.clone().unwrap_or_else(|| Profile::builtin("default").unwrap_or_default()));
    let file: Option<Arc<str>> = name.map(Arc::from);
    let csv = source.csv_detected();
    let assembled = source.run(options, |events| assemble::assemble(events, &vocab, file.as_ref(), &mut issues))?;
    Ok(Import {
        roadmap: assembled.roadmap,
        issues: Report::new(issues),
        format,
        layouts: assembled.layouts,
        sheets: assembled.sheets,
        csv,
    })
}

/// Every published schema by name, with the function that generates it:
/// the core's documents (roadmap, report, rollup, diff) and import
/// profiles; `schemas/<name>.schema.json` holds each.
pub fn schemas() -> Vec<(&'static str, roadmap_core::schema::Generator)> {
    roadmap_core::schema::SCHEMAS
        .into_iter()
        .chain([("profile", profile_schema as roadmap_core::schema::Generator)])
        .collect()
}

/// The catalogue of import codes followed by the validation codes.
pub fn catalogue() -> Vec<roadmap_core::CodeInfo> {
    codes::IMPORT.iter().chain(&codes::EXPORT).chain(&roadmap_core::codes::VALIDATION).cloned().collect()
}
