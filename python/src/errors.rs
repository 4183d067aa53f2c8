//! The exceptions: `RoadmapError` and a subclass per kind of failure;
//! `FileNotFoundError` for a missing file. (A strict read's
//! `ValidationError` is the package's, raised in Python.)

use std::path::Path;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyFileNotFoundError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use roadmap_io::ErrorCategory;
use roadmap_io::write::WriteError;

create_exception!(_roadmap, RoadmapError, PyException, "The base of every error roadmap raises.");
create_exception!(
    _roadmap,
    UnreadableFileError,
    RoadmapError,
    "The file is damaged, truncated, or not the format its content claims."
);
create_exception!(_roadmap, UnsupportedFormatError, RoadmapError, "The content is not a format roadmap reads.");
create_exception!(
    _roadmap,
    LimitExceededError,
    RoadmapError,
    "The input is larger than a limit allows, or declares something no tracker holds."
);
create_exception!(_roadmap, InvalidJSONError, RoadmapError, "The JSON is not a roadmap document.");
create_exception!(_roadmap, ProfileError, RoadmapError, "A profile could not be read.");
create_exception!(_roadmap, NoTableError, RoadmapError, "No sheet holds an initiative table.");
create_exception!(_roadmap, SheetNotFoundError, RoadmapError, "A sheet asked for is not in the workbook.");
create_exception!(_roadmap, RuleError, RoadmapError, "A custom rule returned something that is not an issue.");

/// An import error as the matching exception; the message names the file.
#[allow(clippy::needless_pass_by_value)] // Taken whole, as `map_err` hands it over.
pub(crate) fn to_py(e: roadmap_io::Error) -> PyErr {
    let message = e.to_string();
    // The category is a closed enum: a new category does not compile until
    // it is mapped here.
    match e.kind.category() {
        ErrorCategory::Io => match e.kind.io_error() {
            Some(source) => io_error(source, e.file.as_deref(), message),
            None => UnreadableFileError::new_err(message),
        },
        ErrorCategory::Unreadable => UnreadableFileError::new_err(message),
        ErrorCategory::Unsupported => UnsupportedFormatError::new_err(message),
        ErrorCategory::Refused => LimitExceededError::new_err(message),
        ErrorCategory::InvalidJson => InvalidJSONError::new_err(message),
        ErrorCategory::Profile => ProfileError::new_err(message),
        ErrorCategory::NoTable => NoTableError::new_err(message),
        ErrorCategory::SheetNotFound => SheetNotFoundError::new_err(message),
    }
}

/// The issue code of an exception [`to_py`] raises — its category's code
/// (`no-table`, `unsupported-format`); `io-error` for any other `OSError`,
/// `unreadable-file` for anything else. A batch lists a file it could not
/// read under this code.
#[pyfunction]
pub(crate) fn _error_code(error: &Bound<'_, PyAny>) -> &'static str {
    let category = if error.is_instance_of::<UnsupportedFormatError>() {
        ErrorCategory::Unsupported
    } else if error.is_instance_of::<LimitExceededError>() {
        ErrorCategory::Refused
    } else if error.is_instance_of::<InvalidJSONError>() {
        ErrorCategory::InvalidJson
    } else if error.is_instance_of::<ProfileError>() {
        ErrorCategory::Profile
    } else if error.is_instance_of::<NoTableError>() {
        ErrorCategory::NoTable
    } else if error.is_instance_of::<SheetNotFoundError>() {
        ErrorCategory::SheetNotFound
    } else if error.is_instance_of::<PyOSError>() {
        ErrorCategory::Io
    } else {
        ErrorCategory::Unreadable
    };
    category.code()
}

/// A write error as the matching exception: `OSError` (`FileNotFoundError`
/// and `PermissionError` where they fit) when the file could not be written,
/// else `RoadmapError`; the message names the file.
pub(crate) fn write_error(e: &WriteError, path: &Path) -> PyErr {
    match e {
        WriteError::File { source, .. } => os_error(source, path).unwrap_or_else(|| PyOSError::new_err(e.to_string())),
        WriteError::WouldOverwriteInput { .. } => RoadmapError::new_err(e.to_string()),
        WriteError::TextTooLong { .. } | WriteError::TooManyRows { .. } | WriteError::Xlsx(_) | WriteError::Csv(_) => {
            RoadmapError::new_err(format!("{}: {e}", path.display()))
        }
    }
}

/// An I/O error reading a file, as Python's own `OSError` subclasses where
/// one fits, else `UnreadableFileError`.
fn io_error(e: &std::io::Error, path: Option<&Path>, message: String) -> PyErr {
    path.and_then(|p| os_error(e, p)).unwrap_or_else(|| UnreadableFileError::new_err(message))
}

/// Python's `FileNotFoundError` or `PermissionError`, with errno and
/// filename, for the I/O errors that have one.
fn os_error(e: &std::io::Error, path: &Path) -> Option<PyErr> {
    let file = path.display().to_string();
    match e.kind() {
        std::io::ErrorKind::NotFound => Some(PyFileNotFoundError::new_err((2, "No such file", file))),
        std::io::ErrorKind::PermissionDenied => Some(PyPermissionError::new_err((13, "Permission denied", file))),
        _ => None,
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("RoadmapError", py.get_type::<RoadmapError>())?;
    m.add("UnreadableFileError", py.get_type::<UnreadableFileError>())?;
    m.add("UnsupportedFormatError", py.get_type::<UnsupportedFormatError>())?;
    m.add("LimitExceededError", py.get_type::<LimitExceededError>())?;
    m.add("InvalidJSONError", py.get_type::<InvalidJSONError>())?;
    m.add("ProfileError", py.get_type::<ProfileError>())?;
    m.add("NoTableError", py.get_type::<NoTableError>())?;
    m.add("SheetNotFoundError", py.get_type::<SheetNotFoundError>())?;
    m.add("RuleError", py.get_type::<RuleError>())?;
    Ok(())
}
