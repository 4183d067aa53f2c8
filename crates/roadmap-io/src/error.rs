//! Why a file could not be read. Data problems are not errors: they are
//! issues in the import report.

use std::fmt;
use std::path::PathBuf;

/// An error reading a file: what went wrong, and the file it happened in.
#[derive(Debug)]
pub struct Error {
    /// The file, when the input was one.
    pub file: Option<PathBuf>,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// What went wrong reading a file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be opened or read.
    #[error("{}", io_words(source))]
    Io {
        /// The operating system's error; `NotFound` for a missing file.
        #[source]
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The content is not a format roadmap reads.
    #[error("not a tracker roadmap can read ({detected}); it reads xlsx, xlsm, xls, xlsb, ods, CSV and JSON")]
    UnsupportedFormat {
        /// What the content looks like.
        detected: String,
    },
    /// The workbook is damaged or not what its signature says.
    #[error(
        "unreadable {format} workbook: {}{source} (the file may be truncated or damaged: open it in a spreadsheet program and save it again)",
        part.as_deref().map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    Workbook {
        /// The format tried (`xlsx`, `xls`, ..., or `zip` for the container).
        format: &'static str,
        /// The part of the package that could not be read, when one.
        part: Option<String>,
        /// What the reader said.
        #[source]
        source: Box<WorkbookCause>,
    },
    /// A sheet asked for is not in the workbook.
    #[error("no sheet named '{name}' (the workbook has: {available})")]
    SheetNotFound {
        /// The name asked for.
        name: String,
        /// The sheets there are, comma-separated.
        available: String,
    },
    /// The CSV could not be parsed.
    #[error("CSV record {record}: {source}")]
    Csv {
        /// The 1-based record.
        record: u64,
        /// The csv crate's error.
        #[source]
        source: csv::Error,
    },
    /// A quoted CSV field is never closed: the rest of the file would become one field.
    #[error("line {line}: a quoted field opened here is never closed")]
    UnterminatedQuote {
        /// The 1-based line where the field opens.
        line: u64,
    },
    /// The text is not in an encoding roadmap can read.
    #[error("the text is not valid {encoding}")]
    Encoding {
        /// The encoding tried.
        encoding: &'static str,
    },
    /// The input is larger than a limit allows.
    #[error("{measure} is {value}, over the limit of {limit}{}", place.as_ref().map(|p| format!(" ({p})")).unwrap_or_default())]
    LimitExceeded {
        /// What was measured; [`Measure::limit`] names the limit.
        measure: Measure,
        /// The measure (at least; counting stops at the limit).
        value: u64,
        /// The limit; raise it with [`crate::Limits`].
        limit: u64,
        /// Where: a cell, a record, a sheet.
        place: Option<Place>,
    },
    /// The content declares something no tracker holds (a DTD, a cell outside the grid).
    #[error("refused: {reason}")]
    Hostile {
        /// What was found.
        reason: String,
    },
    /// The JSON is not a roadmap.
    #[error("{source}")]
    Json {
        /// The core's error, with line and column.
        #[source]
        source: roadmap_core::Error,
    },
    /// A profile could not be read.
    #[error("profile: {message}")]
    Profile {
        /// What is wrong, with the line where the format says it.
        message: String,
    },
    /// No sheet holds an initiative table.
    #[error(
        "no initiative table found: no row has at least two recognised column headers, one of them an id or a title (such as ID, Initiative, Status); sheets looked at: {sheets}"
    )]
    NoTable {
        /// The sheets looked at.
        sheets: String,
    },
}

/// What kind of failure an error is, for callers that map errors onto
/// their own (exceptions, exit codes). Unlike [`ErrorKind`] it is closed:
/// a match over it needs no catch-all arm, and every new [`ErrorKind`]
/// must say which category it falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCategory {
    /// The file could not be opened or read ([`ErrorKind::Io`]).
    Io,
    /// The file is empty, damaged, truncated or badly encoded.
    Unreadable,
    /// The content is not a format roadmap reads.
    Unsupported,
    /// The input exceeds a limit or declares what no tracker holds.
    Refused,
    /// The JSON is not a roadmap document.
    InvalidJson,
    /// A profile could not be read.
    Profile,
    /// No sheet holds an initiative table.
    NoTable,
    /// A sheet asked for is not in the workbook.
    SheetNotFound,
}

impl ErrorCategory {
    /// The category as an issue code, for a batch that reports a file it
    /// could not read as a row of its issues (`no-table`, `unreadable-file`).
    pub fn code(self) -> &'static str {
        match self {
            ErrorCategory::Io => "io-error",
            ErrorCategory::Unreadable => "unreadable-file",
            ErrorCategory::Unsupported => "unsupported-format",
            ErrorCategory::Refused => "refused-file",
            ErrorCategory::InvalidJson => "invalid-json",
            ErrorCategory::Profile => "profile-error",
            ErrorCategory::NoTable => "no-table",
            ErrorCategory::SheetNotFound => "sheet-not-found",
        }
    }
}

impl ErrorKind {
    /// The category of this failure.
    pub fn category(&self) -> ErrorCategory {
        match self {
            ErrorKind::Io { .. } => ErrorCategory::Io,
            ErrorKind::Empty
            | ErrorKind::Workbook { .. }
            | ErrorKind::Csv { .. }
            | ErrorKind::UnterminatedQuote { .. }
            | ErrorKind::Encoding { .. } => ErrorCategory::Unreadable,
            ErrorKind::UnsupportedFormat { .. } => ErrorCategory::Unsupported,
            ErrorKind::LimitExceeded { .. } | ErrorKind::Hostile { .. } => ErrorCategory::Refused,
            ErrorKind::Json { .. } => ErrorCategory::InvalidJson,
            ErrorKind::Profile { .. } => ErrorCategory::Profile,
            ErrorKind::NoTable { .. } => ErrorCategory::NoTable,
            ErrorKind::SheetNotFound { .. } => ErrorCategory::SheetNotFound,
        }
    }

    /// The operating system's error of an [`ErrorKind::Io`].
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            ErrorKind::Io { source } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    /// The error as an issue of severity error, coded by its category and
    /// located at its file: how a batch lists a file it could not read.
    pub fn to_issue(&self) -> roadmap_core::Issue {
        let issue =
            roadmap_core::Issue::new(self.kind.category().code(), roadmap_core::Severity::Error, self.kind.to_string());
        match &self.file {
            Some(file) => issue.with_location(roadmap_core::Location {
                file: Some(file.to_string_lossy().into()),
                ..roadmap_core::Location::default()
            }),
            None => issue,
        }
    }

    /// An error not tied to a file yet.
    pub fn new(kind: ErrorKind) -> Error {
        Error { file: None, kind }
    }

    /// Names the file the error happened in.
    #[must_use]
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Error {
        self.file.get_or_insert_with(|| file.into());
        self
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}: {}", file.display(), self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}

impl Error {
    /// A limit exceeded.
    pub(crate) fn limit(measure: Measure, value: u64, limit: u64, place: Option<Place>) -> Error {
        Error::new(ErrorKind::LimitExceeded { measure, value, limit, place })
    }

    /// A workbook the reader could not read.
    pub(crate) fn workbook(format: &'static str, source: impl Into<WorkbookCause>) -> Error {
        Error::new(ErrorKind::Workbook { format, part: None, source: Box::new(source.into()) })
    }
}

/// Why a workbook could not be read: the reader's own error, kept whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkbookCause {
    /// calamine's xlsx reader.
    #[error(transparent)]
    Xlsx(#[from] calamine::XlsxError),
    /// calamine's xlsb reader.
    #[error(transparent)]
    Xlsb(#[from] calamine::XlsbError),
    /// calamine's xls reader.
    #[error(transparent)]
    Xls(#[from] calamine::XlsError),
    /// calamine's ods reader.
    #[error(transparent)]
    Ods(#[from] calamine::OdsError),
    /// The zip container.
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    /// XML the package scan could not parse.
    #[error(transparent)]
    Xml(#[from] quick_xml::Error),
    /// Reading a part or the compound document.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The reader failed on malformed content (it panicked, or its check
    /// did).
    #[error("{0}")]
    Malformed(&'static str),
}

/// What a limit measured: each names the [`crate::Limits`] field that
/// bounds it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Measure {
    /// The file's size in bytes ([`crate::Limits::file_bytes`]).
    FileBytes,
    /// The inflated size of one part of a zip container, by its name
    /// ([`crate::Limits::part_bytes`]).
    PartBytes {
        /// The part, `xl/worksheets/sheet1.xml`.
        part: String,
    },
    /// The size of an xls workbook stream ([`crate::Limits::part_bytes`]).
    XlsStreamBytes,
    /// The inflated size of a whole zip container
    /// ([`crate::Limits::inflated_bytes`]).
    InflatedBytes,
    /// Non-empty cells read ([`crate::Limits::cells`]).
    Cells,
    /// CSV fields ([`crate::Limits::cells`]).
    Fields,
    /// Cells an ods sheet's repeat attributes declare ([`crate::Limits::cells`]).
    RepeatedCells,
    /// Cells an xls sheet declares (its DIMENSIONS record) or spans
    /// ([`crate::Limits::cells`]).
    XlsCells {
        /// True for the span of the cells it holds, false for what it declares.
        spanned: bool,
    },
    /// A CSV field's size in bytes ([`crate::Limits::field_bytes`]).
    FieldBytes,
    /// A cell's size in bytes ([`crate::Limits::field_bytes`]).
    CellBytes,
    /// Columns of a row ([`crate::Limits::columns`]).
    Columns,
    /// Shared strings a workbook declares ([`crate::Limits::shared_strings`]).
    SharedStrings,
}

impl Measure {
    /// The name of the [`crate::Limits`] field that bounds this measure.
    pub fn limit(&self) -> &'static str {
        match self {
            Measure::FileBytes => "file_bytes",
            Measure::PartBytes { .. } | Measure::XlsStreamBytes => "part_bytes",
            Measure::InflatedBytes => "inflated_bytes",
            Measure::Cells | Measure::Fields | Measure::RepeatedCells | Measure::XlsCells { .. } => "cells",
            Measure::FieldBytes | Measure::CellBytes => "field_bytes",
            Measure::Columns => "columns",
            Measure::SharedStrings => "shared_strings",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::FileBytes => f.write_str("the file's size in bytes"),
            Measure::PartBytes { part } => write!(f, "the inflated size of {part}"),
            Measure::XlsStreamBytes => f.write_str("the size of the xls workbook stream"),
            Measure::InflatedBytes => f.write_str("the inflated size of the workbook"),
            Measure::Cells => f.write_str("cells"),
            Measure::Fields => f.write_str("fields"),
            Measure::RepeatedCells => f.write_str("the cells the sheet's repeat attributes declare"),
            Measure::XlsCells { spanned } => write!(
                f,
                "cells {} (calamine builds xls sheets as dense grids)",
                if *spanned { "spanned" } else { "declared" }
            ),
            Measure::FieldBytes => f.write_str("a field's size in bytes"),
            Measure::CellBytes => f.write_str("a cell's size in bytes"),
            Measure::Columns => f.write_str("columns"),
            Measure::SharedStrings => f.write_str("the shared strings the workbook declares"),
        }
    }
}

/// Where a limit was exceeded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// A CSV record (1-based), and the field's column when one.
    Record {
        /// The 1-based record.
        record: u64,
        /// The 1-based column.
        column: Option<u64>,
    },
    /// A sheet, by name.
    Sheet(String),
    /// A sheet, by its 1-based position (xls).
    SheetNumber(usize),
    /// A cell.
    Cell(roadmap_core::CellRef),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Record { record, column: Some(column) } => write!(f, "record {record}, column {column}"),
            Place::Record { record, column: None } => write!(f, "record {record}"),
            Place::Sheet(name) => write!(f, "sheet '{name}'"),
            Place::SheetNumber(n) => write!(f, "sheet {n}"),
            Place::Cell(cell) => write!(f, "{cell}"),
        }
    }
}

/// An I/O error in words for people: the common kinds without the
/// operating system's error number.
fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied: roadmap may not read this file".to_owned(),
        std::io::ErrorKind::IsADirectory => "a folder, not a file".to_owned(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}
