//! `roadmap._roadmap`: the package's private native core. It reads
//! trackers, validates, rolls up and diffs with the GIL released, and hands
//! Python typed values, Arrow streams and typed exceptions. The package
//! `roadmap` (python/roadmap) is built on it: its `Roadmap`, `Report`,
//! `Rollup` and `Diff` are Python classes each holding one of this module's
//! `_Roadmap`, `_Report`, `_Rollup`, `_Diff`. This module never imports the
//! package.

mod arrow;
mod convert;
mod custom_rules;
mod dataset;
mod errors;
mod model;
mod pickle;
mod report;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use roadmap_io::{Format, Profile, ReadOptions};

use crate::model::Roadmap;

/// mimalloc for the Rust side's allocations: a tracker becomes millions of
/// small strings and records (the same allocator as the `roadmap` command).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a reader is given: bytes, a binary file object, or a path.
enum Source {
    Bytes(Vec<u8>, Option<String>),
    Path(PathBuf),
}

/// The source `obj` is; `name` names bytes or a file object (else a file
/// object's own `name`, if it has one); a path names itself.
fn source_of(obj: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<Source> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Source::Bytes(b.as_bytes().to_vec(), name));
    }
    if obj.hasattr("read")? && !obj.is_instance_of::<PyString>() {
        let data = obj.call_method0("read")?;
        let bytes = data.cast::<PyBytes>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err("the file object must be opened in binary mode ('rb')")
        })?;
        let name = name.or_else(|| obj.getattr("name").ok().and_then(|n| n.extract::<String>().ok()));
        return Ok(Source::Bytes(bytes.as_bytes().to_vec(), name));
    }
    if name.is_some() {
        return Err(pyo3::exceptions::PyValueError::new_err("name= names bytes or a file object; a path names itself"));
    }
    let path: PathBuf = obj.py().import("os")?.call_method1("fspath", (obj,))?.extract()?;
    Ok(Source::Path(path))
}

/// Reads a source with the GIL released; also gives the file's name.
fn import(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    options: &ReadOptions,
) -> PyResult<(roadmap_io::Import, Option<PathBuf>)> {
    let source = source_of(source, name)?;
    py.detach(|| match source {
        Source::Bytes(bytes, name) => {
            roadmap_io::read_bytes(&bytes, name.as_deref(), options).map(|i| (i, name.map(PathBuf::from)))
        }
        Source::Path(path) => roadmap_io::read_path_with(&path, options).map(|i| (i, Some(path))),
    })
    .map_err(errors::to_py)
}

/// Reads a tracker (xlsx, xlsm, xlsb, xls, ods, CSV or roadmap JSON, told by
/// content) into a roadmap that carries the import issues. `name` is the
/// file name of bytes or a file object, which issues and sources carry.
#[pyfunction]
#[pyo3(signature = (source, *, name=None, sheet=None, profile=None, format=None, encoding=None, delimiter=None))]
#[allow(clippy::too_many_arguments, clippy::needless_pass_by_value)]
fn read(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    sheet: Option<&Bound<'_, PyAny>>,
    profile: Option<&Bound<'_, PyAny>>,
    format: Option<&str>,
    encoding: Option<&str>,
    delimiter: Option<&str>,
) -> PyResult<Roadmap> {
    let mut options = ReadOptions::default();
    if let Some(sheet) = sheet {
        if let Ok(name) = sheet.extract::<String>() {
            options = options.sheet(name);
        } else {
            for name in sheet.extract::<Vec<String>>()? {
                options = options.sheet(name);
            }
        }
    }
    if let Some(p) = profile {
        let name: String = py.import("os")?.call_method1("fspath", (p,))?.extract().or_else(|_| p.extract())?;
        options = options.profile(py.detach(|| Profile::load(&name)).map_err(errors::to_py)?);
    }
    match format {
        None | Some("excel") => {}
        Some("csv") => options = options.format(Format::Csv),
        Some("json") => options = options.format(Format::Json),
        Some(other) => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "format must be 'excel', 'csv' or 'json', not {other:?}"
            )));
        }
    }
    if let Some(label) = encoding {
        options = options.encoding(label).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "unknown encoding {label:?} (try 'utf-8' or 'windows-1252')"
            ))
        })?;
    }
    if let Some(d) = delimiter {
        let [byte] = d.as_bytes() else {
            return Err(pyo3::exceptions::PyValueError::new_err("delimiter must be one ASCII character"));
        };
        options = options.delimiter(*byte);
    }
    let (import, input) = import(py, source, name, &options)?;
    if format == Some("excel") && matches!(import.format, Format::Csv | Format::Json) {
        return Err(errors::UnsupportedFormatError::new_err(format!(
            "read_excel: the content is {}, not a workbook; use roadmap.read_csv, roadmap.read_json or roadmap.read",
            import.format.name()
        )));
    }
    Ok(Roadmap::from_import(import, input))
}

/// What the importer detected, as a dict: sheets, header rows, column
/// mapping, sections, end of table. `name` as for `read`.
#[pyfunction]
#[pyo3(signature = (source, *, name=None))]
fn inspect(py: Python<'_>, source: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<Py<PyAny>> {
    let (import, name) = import(py, source, name, &ReadOptions::default())?;
    convert::to_python(py, &import.inspection(name.as_deref()))
}

/// The catalogue of issue codes: import, writer and validation codes.
#[pyfunction]
fn rules() -> Vec<report::CodeInfo> {
    roadmap_io::catalogue().into_iter().map(report::CodeInfo::from).collect()
}

/// The module. Every class is frozen (immutable after construction), so it
/// is safe without the GIL.
#[pymodule(gil_used = false)]
fn _roadmap(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(inspect, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    model::register(m)?;
    report::register(m)?;
    m.add_class::<arrow::Table>()?;
    pickle::register(m)?;
    m.add_function(wrap_pyfunction!(errors::_error_code, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::_stage_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::_stage_parquet_failure, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::_commit_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(dataset::_discard_parquet, m)?)?;
    errors::register(m)?;
    Ok(())
}
