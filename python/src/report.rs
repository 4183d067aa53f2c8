//! What the roadmap says about itself: the validation `Report` and its
//! `Issue`s, the `Rollup` of dashboard figures, the `Diff` of two snapshots,
//! and the catalogue of codes.

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use roadmap_core::Severity;
use roadmap_core::rollup::GroupBy;

use crate::convert::to_python;

/// Where an issue is: file, sheet, cell, row and column (1-based, as the
/// spreadsheet shows them), the field and the JSON pointer.
#[pyclass(module = "roadmap", frozen)]
pub(crate) struct Location {
    inner: roadmap_core::Location,
}

#[pymethods]
impl Location {
    /// The file the value was read from.
    #[getter]
    fn file(&self) -> Option<&str> {
        self.inner.file.as_deref()
    }

    /// The sheet, for workbooks.
    #[getter]
    fn sheet(&self) -> Option<&str> {
        self.inner.sheet.as_deref()
    }

    /// The cell, e.g. `F12`.
    #[getter]
    fn cell(&self) -> Option<String> {
        self.inner.cell.map(|c| c.to_string())
    }

    /// The 1-based row.
    #[getter]
    fn row(&self) -> Option<u32> {
        self.inner.row
    }

    /// The 1-based column (`F` is 6).
    #[getter]
    fn column(&self) -> Option<u32> {
        self.inner.column
    }

    /// The field of the initiative (`status`, `deliverables[0]`, ...).
    #[getter]
    fn field(&self) -> Option<&str> {
        self.inner.field.as_deref()
    }

    /// A JSON pointer to the value in the roadmap document.
    #[getter]
    fn pointer(&self) -> Option<&str> {
        self.inner.pointer.as_deref()
    }

    /// Where in the file, as a spreadsheet writes it: `Dashboard!F12`,
    /// `'Annex 1'!F12`, `F12`, `row 12`, else the pointer or the field.
    #[getter]
    fn place(&self) -> Option<String> {
        self.inner.short()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<Location {}>", self.inner.short().unwrap_or_default())
    }
}

/// A severity word as the core reads it; `ValueError` for any other word.
pub(crate) fn parse_severity(word: &str) -> PyResult<Severity> {
    word.parse().map_err(|e: roadmap_core::UnknownSeverity| PyValueError::new_err(e.to_string()))
}

/// The severity word as roadmap spells it (`error`, `warning`, `info`), for
/// the package's `rule` decorator; `ValueError` for any other word.
#[pyfunction]
fn _severity(word: &str) -> PyResult<&'static str> {
    parse_severity(word).map(Severity::as_str)
}

/// An issue from an `Issue`'s arguments (the constructor's, or the keys of
/// a dict a custom rule returns).
pub(crate) fn new_issue(
    code: String,
    message: String,
    severity: Severity,
    initiative: Option<String>,
    field: Option<String>,
    suggestion: Option<String>,
) -> roadmap_core::Issue {
    let mut inner = roadmap_core::Issue::new(code, severity, message);
    inner.initiative = initiative;
    inner.suggestion = suggestion;
    if field.is_some() {
        inner.location = Some(roadmap_core::Location { field, ..roadmap_core::Location::default() });
    }
    inner
}

/// One finding: a stable code, a severity, a message, the initiative, where
/// to fix it, and a suggestion. Custom rules return these (or dicts of
/// these arguments).
#[pyclass(module = "roadmap", frozen)]
#[derive(Clone)]
pub(crate) struct Issue {
    pub(crate) inner: roadmap_core::Issue,
}

#[pymethods]
impl Issue {
    #[new]
    #[pyo3(signature = (code, message, severity = "warning", *, initiative = None, field = None, suggestion = None))]
    fn new(
        code: String,
        message: String,
        severity: &str,
        initiative: Option<String>,
        field: Option<String>,
        suggestion: Option<String>,
    ) -> PyResult<Issue> {
        let inner = new_issue(code, message, parse_severity(severity)?, initiative, field, suggestion);
        Ok(Issue { inner })
    }

    /// The stable code (`unknown-status`).
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }

    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }

    /// What is wrong.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// The initiative's id.
    #[getter]
    fn initiative(&self) -> Option<&str> {
        self.inner.initiative.as_deref()
    }

    /// What to do.
    #[getter]
    fn suggestion(&self) -> Option<&str> {
        self.inner.suggestion.as_deref()
    }

    /// Where, or None.
    #[getter]
    fn location(&self) -> Option<Location> {
        self.inner.location.clone().map(|inner| Location { inner })
    }

    /// As a dict (schemas/report.schema.json's items).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<Issue {}>", self.inner)
    }
}

/// Every issue found: import issues, then validation, then custom rules.
/// The core of `roadmap.Report`.
#[pyclass(name = "_Report", module = "roadmap._roadmap", frozen, sequence)]
pub(crate) struct Report {
    pub(crate) inner: roadmap_core::Report,
}

#[pymethods]
impl Report {
    /// True when no issue is an error.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.is_ok()
    }

    /// Every issue.
    #[getter]
    fn issues(&self) -> Vec<Issue> {
        self.inner.iter().map(|i| Issue { inner: i.clone() }).collect()
    }

    /// The errors.
    #[getter]
    fn errors(&self) -> Vec<Issue> {
        self.inner.errors().map(|i| Issue { inner: i.clone() }).collect()
    }

    /// The warnings.
    #[getter]
    fn warnings(&self) -> Vec<Issue> {
        self.inner.warnings().map(|i| Issue { inner: i.clone() }).collect()
    }

    /// How many issues have each code.
    fn count_by_code(&self) -> std::collections::BTreeMap<String, usize> {
        self.inner.count_by_code().into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    /// The issues as a list of dicts (schemas/report.schema.json).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    /// The issues as JSON (schemas/report.schema.json).
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.inner).unwrap_or_default()
    }

    /// The issues table as an Arrow C stream (the Arrow `PyCapsule`
    /// interface); its columns are `roadmap_io::columnar`'s.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, pyo3::types::PyCapsule>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        crate::arrow::stream(py, roadmap_io::columnar::issues(&self.inner.issues), requested_schema)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, &crate::pickle::State::Report { report: self.inner.clone() })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __bool__(&self) -> bool {
        !self.inner.is_empty()
    }

    fn __getitem__(&self, index: isize) -> PyResult<Issue> {
        let n = self.inner.len().cast_signed();
        let at = if index < 0 { index + n } else { index };
        usize::try_from(at)
            .ok()
            .and_then(|at| self.inner.issues.get(at))
            .map(|i| Issue { inner: i.clone() })
            .ok_or_else(|| PyIndexError::new_err("report index out of range"))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Report: {} errors, {} warnings, {} info>",
            self.inner.count(Severity::Error),
            self.inner.count(Severity::Warning),
            self.inner.count(Severity::Info)
        )
    }
}

/// The dashboard figures: counts by status overall and per pillar, priority
/// area and owner; deliverables per checkpoint; overdue initiatives. The
/// core of `roadmap.Rollup`.
#[pyclass(name = "_Rollup", module = "roadmap._roadmap", frozen)]
pub(crate) struct Rollup {
    pub(crate) inner: roadmap_core::Rollup,
    /// The grouping `to_pandas()` and the HTML show.
    pub(crate) by: GroupBy,
}

#[pymethods]
impl Rollup {
    /// The grouping `to_pandas()` and the HTML show: `pillar`,
    /// `priority_area`, `owner` or `checkpoint`.
    #[getter]
    fn by(&self) -> &'static str {
        self.by.as_str()
    }

    /// Initiatives counted (leaves).
    #[getter]
    fn total(&self) -> u64 {
        self.inner.total
    }

    /// Counts per status: completed, ongoing, planned, revised, unknown.
    #[getter]
    fn by_status(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner.by_status)
    }

    /// Completed over counted, or None when nothing is counted.
    #[getter]
    fn completion_rate(&self) -> Option<f64> {
        self.inner.completion_rate
    }

    /// The groups of `by`, as dicts (id, name, total, counts, rates); the
    /// checkpoints' figures for `by="checkpoint"`.
    #[getter]
    fn groups(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.inner.groups(self.by) {
            Some(groups) => to_python(py, &groups),
            None => to_python(py, &self.inner.by_checkpoint),
        }
    }

    /// Everything, as a dict (schemas/rollup.schema.json).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    /// Everything, as JSON (schemas/rollup.schema.json).
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.inner).unwrap_or_default()
    }

    /// The table of `by` as an Arrow C stream (the Arrow `PyCapsule`
    /// interface): one row per group with its counts and rates, or per
    /// checkpoint with its deliverables by status.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, pyo3::types::PyCapsule>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        crate::arrow::stream(py, roadmap_io::columnar::rollup(&self.inner, self.by), requested_schema)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        let state = crate::pickle::State::Rollup { rollup: self.inner.clone(), by: self.by.as_str().to_owned() };
        crate::pickle::reduce(py, &state)
    }

    /// The figures of `by`, drawn as the report's stacked bars (a table of
    /// deliverables for checkpoints).
    fn _repr_html_(&self) -> PyResult<String> {
        roadmap_report::rollup_html(&self.inner, self.by, None, roadmap_report::Lang::En)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.by_status;
        format!(
            "<Rollup by {}: {} initiatives, {} completed, {} ongoing, {} planned, {} revised>",
            self.by, self.inner.total, s.completed, s.ongoing, s.planned, s.revised
        )
    }
}

/// What changed between two snapshots. The core of `roadmap.Diff`.
#[pyclass(name = "_Diff", module = "roadmap._roadmap", frozen)]
pub(crate) struct Diff {
    pub(crate) inner: roadmap_core::Diff,
}

#[pymethods]
impl Diff {
    /// Everything, as a dict (schemas/diff.schema.json).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    /// Everything, as JSON (schemas/diff.schema.json).
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.inner).unwrap_or_default()
    }

    /// The diff's table as an Arrow C stream (the Arrow `PyCapsule`
    /// interface): change, id, field, from, to.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, pyo3::types::PyCapsule>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        crate::arrow::stream(py, roadmap_io::columnar::diff(&self.inner), requested_schema)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        crate::pickle::reduce(py, &crate::pickle::State::Diff { diff: self.inner.clone() })
    }

    fn __bool__(&self) -> bool {
        !self.inner.is_empty()
    }

    fn __repr__(&self) -> String {
        let d = &self.inner;
        format!(
            "<Diff: {} added, {} removed, {} status changes, {} progress changes, {} deliverable changes>",
            d.added.len(),
            d.removed.len(),
            d.status_changes.len(),
            d.progress_changes.len(),
            d.deliverable_changes.len()
        )
    }
}

/// One code of the catalogue.
#[pyclass(module = "roadmap", frozen, get_all)]
pub(crate) struct CodeInfo {
    code: String,
    severity: String,
    description: String,
}

impl From<roadmap_core::CodeInfo> for CodeInfo {
    fn from(c: roadmap_core::CodeInfo) -> CodeInfo {
        CodeInfo {
            code: c.code.to_string(),
            severity: c.severity.as_str().to_owned(),
            description: c.summary.to_string(),
        }
    }
}

#[pymethods]
impl CodeInfo {
    fn __repr__(&self) -> String {
        format!("<CodeInfo {} ({})>", self.code, self.severity)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_severity, m)?)?;
    m.add_class::<Report>()?;
    m.add_class::<Issue>()?;
    m.add_class::<Location>()?;
    m.add_class::<Rollup>()?;
    m.add_class::<Diff>()?;
    m.add_class::<CodeInfo>()?;
    Ok(())
}
