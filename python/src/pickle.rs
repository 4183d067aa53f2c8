//! Pickling: a `Roadmap`, `Report`, `Rollup` or `Diff` travels to another
//! process (a dask worker, a multiprocessing pool) as its JSON, with what
//! the JSON document does not hold (a roadmap's import issues and input
//! file, a rollup's grouping) beside it. `__reduce__` names
//! `roadmap._roadmap._unpickle` and the state. The function is kept when the
//! module starts ([`register`]), not imported by name: importing
//! `roadmap._roadmap` would import the package `roadmap` first.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyBytes;
use serde::{Deserialize, Serialize};

use crate::model::Roadmap;
use crate::report::{Diff, Report, Rollup};

/// What a pickle holds.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum State {
    Roadmap { roadmap: roadmap_core::Roadmap, import_issues: roadmap_core::Report, input: Option<PathBuf> },
    Report { report: roadmap_core::Report },
    Rollup { rollup: roadmap_core::Rollup, by: String },
    Diff { diff: roadmap_core::Diff },
}

/// What `__reduce__` returns: the function and its arguments.
pub(crate) type Reduced<'py> = (Bound<'py, PyAny>, (Bound<'py, PyBytes>,));

/// The module's `_unpickle`, kept by [`register`].
static UNPICKLE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `(roadmap._roadmap._unpickle, (state,))` for `__reduce__`.
pub(crate) fn reduce<'py>(py: Python<'py>, state: &State) -> PyResult<Reduced<'py>> {
    let bytes = serde_json::to_vec(state).map_err(|e| PyValueError::new_err(format!("cannot pickle: {e}")))?;
    let unpickle =
        UNPICKLE.get(py).ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("roadmap._roadmap did not start"))?;
    Ok((unpickle.bind(py).clone(), (PyBytes::new(py, &bytes),)))
}

/// Adds `_unpickle` to the module and keeps it for [`reduce`].
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let f = wrap_pyfunction!(_unpickle, m)?;
    m.add_function(f.clone())?;
    let _ = UNPICKLE.set(m.py(), f.into_any().unbind());
    Ok(())
}

/// Rebuilds a pickled object from its state.
#[pyfunction]
pub(crate) fn _unpickle(py: Python<'_>, state: &[u8]) -> PyResult<Py<PyAny>> {
    let state: State = serde_json::from_slice(state)
        .map_err(|e| PyValueError::new_err(format!("not a pickled roadmap object: {e}")))?;
    Ok(match state {
        State::Roadmap { roadmap, import_issues, input } => {
            Roadmap { inner: Arc::new(roadmap), import_issues, input }.into_pyobject(py)?.into_any().unbind()
        }
        State::Report { report } => Report { inner: report }.into_pyobject(py)?.into_any().unbind(),
        State::Rollup { rollup, by } => {
            let by =
                by.parse().map_err(|e: roadmap_core::rollup::UnknownGroupBy| PyValueError::new_err(e.to_string()))?;
            Rollup { inner: rollup, by }.into_pyobject(py)?.into_any().unbind()
        }
        State::Diff { diff } => Diff { inner: diff }.into_pyobject(py)?.into_any().unbind(),
    })
}
