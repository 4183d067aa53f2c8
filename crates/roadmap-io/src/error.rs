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
        "unreadable {format} workbook: {message} (the file may be truncated or damaged: open it in a spreadsheet program and save it again)"
    )]
    Workbook {
        /// The format tried.
        format: &'static str,
        /// The reader's words.
        message: String,
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
    #[error("CSV record {record}: {message}")]
    Csv {
        /// The 1-based record.
        record: u64,
        /// What is wrong.
        message: String,
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
    #[error("{what} is {value}, over the limit of {limit}{}", where_.as_deref().map(|w| format!(" ({w})")).unwrap_or_default())]
    LimitExceeded {
        /// What was measured ("inflated size of xl/worksheets/sheet1.xml", "cells", ...).
        what: String,
        /// The measure (at least; counting stops at the limit).
        value: u64,
        /// The limit; raise it with [`crate::Limits`].
        limit: u64,
        /// Where: a cell, a record, a part.
        where_: Option<String>,
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
        "no initiative table found: no row has at least two recognised column headers (such as ID, Initiative, Status); sheets looked at: {sheets}"
    )]
    NoTable {
        /// The sheets looked at.
        sheets: String,
    },
}

impl Error {
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

pub(crate) fn limit(what: impl Into<String>, value: u64, limit: u64, where_: Option<String>) -> Error {
    Error::new(ErrorKind::LimitExceeded { what: what.into(), value, limit, where_ })
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
