//! Parquet datasets from Python (`roadmap.parquet`): processes that share a
//! folder — a cluster's workers — each stage the snapshots they convert
//! into one named run, and one process commits the run into place
//! (`roadmap_io::parquet::Staging`).

use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use roadmap_io::parquet::{ParquetError, Staging};

use crate::model::Roadmap;
use crate::report::Report;

fn to_py(e: &ParquetError) -> PyErr {
    match e {
        ParquetError::Io { .. } => PyOSError::new_err(e.to_string()),
        ParquetError::SameSource { .. } => PyValueError::new_err(e.to_string()),
        _ => PyRuntimeError::new_err(e.to_string()),
    }
}

/// Stages `roadmap`'s tables, with `issues`, as `source`'s snapshot in run
/// `run` of the dataset `root`.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands arguments over owned.
pub(crate) fn _stage_parquet(
    py: Python<'_>,
    root: PathBuf,
    run: &str,
    source: &str,
    roadmap: &Roadmap,
    issues: &Report,
) -> PyResult<()> {
    let staging = Staging::new(&root, run);
    let (rm, issues) = (&roadmap.inner, &issues.inner.issues);
    py.detach(|| staging.add(source, rm, issues)).map_err(|e| to_py(&e))
}

/// Moves run `run`'s partitions into place; returns their folders.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands arguments over owned.
pub(crate) fn _commit_parquet(py: Python<'_>, root: PathBuf, run: &str) -> PyResult<Vec<String>> {
    let staging = Staging::new(&root, run);
    let placed = py.detach(|| staging.commit()).map_err(|e| to_py(&e))?;
    Ok(placed.iter().map(|p| p.to_string_lossy().into_owned()).collect())
}

/// Removes run `run`'s staging folder.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands arguments over owned.
pub(crate) fn _discard_parquet(py: Python<'_>, root: PathBuf, run: &str) -> PyResult<()> {
    let staging = Staging::new(&root, run);
    py.detach(|| staging.discard()).map_err(|e| to_py(&e))
}

/// Stages a file that could not be read: no initiatives, and one issue of
/// severity error with `code` and `message`, located at the file `source`.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands arguments over owned.
pub(crate) fn _stage_parquet_failure(
    py: Python<'_>,
    root: PathBuf,
    run: &str,
    source: &str,
    code: String,
    message: String,
) -> PyResult<()> {
    let staging = Staging::new(&root, run);
    let issue = roadmap_core::Issue::new(code, roadmap_core::Severity::Error, message)
        .with_location(roadmap_core::Location { file: Some(source.into()), ..roadmap_core::Location::default() });
    py.detach(|| staging.add(source, &roadmap_core::Roadmap::default(), &[issue])).map_err(|e| to_py(&e))
}
