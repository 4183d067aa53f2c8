//! The model as Python classes: `Roadmap` and the values it holds. Every
//! class is frozen; a roadmap is read or built whole, then queried.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDate, PyDict, PyList, PyString};
use roadmap_core::Date;
use roadmap_core::rollup::{GroupBy, UnknownGroupBy};
use roadmap_core::validate::{Context, RuleSet};
use roadmap_io::write::{OutputFormat, UnknownOutputFormat};
use serde::de::DeserializeOwned;

use crate::convert::{python_to_json, to_python};
use crate::errors::InvalidJSONError;
use crate::report::{Diff, Report, Rollup};

/// A model value from keyword arguments, through its serde form: the
/// constructors and `from_dict` share the model's own checks.
fn from_kwargs<T: DeserializeOwned>(what: &str, dict: &Bound<'_, PyDict>) -> PyResult<T> {
    let mut json = python_to_json(dict)?;
    if let Some(map) = json.as_object_mut() {
        map.retain(|_, v| !v.is_null());
        for key in ["status"] {
            if let Some(serde_json::Value::String(s)) = map.get_mut(key) {
                *s = s.trim().to_lowercase().replace(' ', "_");
            }
        }
    }
    serde_json::from_value(json).map_err(|e| InvalidJSONError::new_err(format!("not a valid {what}: {e}")))
}

/// Text as Python's `repr` writes it: in single quotes, escaped.
pub(crate) fn py_repr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A date as `datetime.date`.
fn date(py: Python<'_>, d: Option<Date>) -> PyResult<Option<Bound<'_, PyDate>>> {
    d.map(|d| PyDate::new(py, d.year(), d.month() as u8, d.day() as u8)).transpose()
}

static STATUS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DELIVERABLE_STATUS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A `str` enum made with the standard library's `enum` module, named as
/// the package exports it (`roadmap.<name>`), a member per word: the
/// member `IN_PROGRESS` has the value `"in_progress"`.
fn str_enum<'py>(py: Python<'py>, name: &str, doc: &str, words: &[&str]) -> PyResult<Bound<'py, PyAny>> {
    let members: Vec<(String, &str)> = words.iter().map(|w| (w.to_uppercase(), *w)).collect();
    let kwargs = PyDict::new(py);
    kwargs.set_item("module", "roadmap")?;
    kwargs.set_item("qualname", name)?;
    kwargs.set_item("type", py.get_type::<PyString>())?;
    let class = py.import("enum")?.getattr("Enum")?.call((name, members), Some(&kwargs))?;
    class.setattr("__doc__", doc)?;
    Ok(class)
}

/// `roadmap.Status`: an initiative's status, in dashboard order; `str()` of
/// a member is its label ("Completed").
pub(crate) fn status_enum(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    let class = STATUS.get_or_try_init(py, || {
        let words = roadmap_core::Status::ALL.map(roadmap_core::Status::as_str);
        let class = str_enum(py, "Status", "An initiative's status, in dashboard order.", &words)?;
        class.setattr("__str__", py.get_type::<PyString>().getattr("capitalize")?)?;
        Ok::<_, PyErr>(class.unbind())
    })?;
    Ok(class.bind(py))
}

/// `roadmap.DeliverableStatus`: a deliverable's status.
pub(crate) fn deliverable_status_enum(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    let class = DELIVERABLE_STATUS.get_or_try_init(py, || {
        let words = roadmap_core::DeliverableStatus::ALL.map(roadmap_core::DeliverableStatus::as_str);
        Ok::<_, PyErr>(str_enum(py, "DeliverableStatus", "A deliverable's status.", &words)?.unbind())
    })?;
    Ok(class.bind(py))
}

/// A status as a `roadmap.Status` member.
fn status(py: Python<'_>, s: Option<roadmap_core::Status>) -> PyResult<Option<Bound<'_, PyAny>>> {
    s.map(|s| status_enum(py)?.call1((s.as_str(),))).transpose()
}

/// One initiative, action or programme of the roadmap.
#[pyclass(module = "roadmap", frozen, from_py_object)]
#[derive(Clone)]
pub(crate) struct Initiative {
    pub(crate) inner: roadmap_core::Initiative,
}

#[pymethods]
impl Initiative {
    #[new]
    #[pyo3(signature = (id, title = "", **fields))]
    fn new(py: Python<'_>, id: String, title: &str, fields: Option<&Bound<'_, PyDict>>) -> PyResult<Initiative> {
        let dict = fields.map_or_else(|| PyDict::new(py), std::clone::Clone::clone);
        dict.set_item("id", id)?;
        dict.set_item("title", title)?;
        Ok(Initiative { inner: from_kwargs("initiative", &dict)? })
    }

    /// The id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// The description.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.inner.description.as_deref()
    }

    /// The parent's id.
    #[getter]
    fn parent(&self) -> Option<&str> {
        self.inner.parent.as_deref()
    }

    /// The pillar's id.
    #[getter]
    fn pillar(&self) -> Option<&str> {
        self.inner.pillar.as_deref()
    }

    /// The priority area's id.
    #[getter]
    fn priority_area(&self) -> Option<&str> {
        self.inner.priority_area.as_deref()
    }

    /// The business owner.
    #[getter]
    fn owner(&self) -> Option<&str> {
        self.inner.owner.as_deref()
    }

    /// The status, a `roadmap.Status`, or None.
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        status(py, self.inner.status)
    }

    /// The start date.
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        date(py, self.inner.start)
    }

    /// The due date.
    #[getter]
    fn due<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        date(py, self.inner.due)
    }

    /// Progress in percent.
    #[getter]
    fn progress(&self) -> Option<f64> {
        self.inner.progress
    }

    /// Why and how it was revised: a dict (reason, change, note), or None.
    #[getter]
    fn revision(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner.revision)
    }

    /// The deliverables, one per checkpoint.
    #[getter]
    fn deliverables(&self) -> Vec<Deliverable> {
        self.inner.deliverables.iter().map(|d| Deliverable { inner: d.clone() }).collect()
    }

    /// Where it was read from: a dict (file, sheet, row, cells), or None.
    #[getter]
    fn source(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner.source)
    }

    /// The columns the mapping did not know, by header.
    #[getter]
    fn extra(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner.extra)
    }

    /// The initiative as a dict in the roadmap JSON's shape.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Initiative>().is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let status = self.inner.status.map_or("no status", |s| s.label());
        format!("Initiative({}, {}, {status})", py_repr(&self.inner.id), py_repr(&self.inner.title))
    }
}

/// What an initiative delivers by a checkpoint.
#[pyclass(module = "roadmap", frozen, from_py_object)]
#[derive(Clone)]
pub(crate) struct Deliverable {
    inner: roadmap_core::Deliverable,
}

#[pymethods]
impl Deliverable {
    #[new]
    #[pyo3(signature = (checkpoint, description = "", status = None, due = None))]
    fn new(
        py: Python<'_>,
        checkpoint: String,
        description: &str,
        status: Option<&Bound<'_, PyAny>>,
        due: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Deliverable> {
        let dict = PyDict::new(py);
        dict.set_item("checkpoint", checkpoint)?;
        dict.set_item("description", description)?;
        dict.set_item("status", status)?;
        dict.set_item("due", due)?;
        Ok(Deliverable { inner: from_kwargs("deliverable", &dict)? })
    }

    /// The checkpoint's id.
    #[getter]
    fn checkpoint(&self) -> &str {
        &self.inner.checkpoint
    }

    /// What is delivered.
    #[getter]
    fn description(&self) -> &str {
        &self.inner.description
    }

    /// A `roadmap.DeliverableStatus`, or None.
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.status.map(|s| deliverable_status_enum(py)?.call1((s.as_str(),))).transpose()
    }

    /// Its own due date, when it differs from the checkpoint's.
    #[getter]
    fn due<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        date(py, self.inner.due)
    }

    /// The deliverable as a dict.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Deliverable>().is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!("Deliverable({}, {})", py_repr(&self.inner.checkpoint), py_repr(&self.inner.description))
    }
}

/// Defines a frozen class over an (id, name, description) model type.
macro_rules! named_class {
    ($name:ident, $model:ty, $doc:literal) => {
        #[doc = $doc]
        #[pyclass(module = "roadmap", frozen, from_py_object)]
        #[derive(Clone)]
        pub(crate) struct $name {
            inner: $model,
        }

        #[pymethods]
        impl $name {
            #[new]
            #[pyo3(signature = (id, name = "", description = None))]
            fn new(py: Python<'_>, id: String, name: &str, description: Option<String>) -> PyResult<$name> {
                let dict = PyDict::new(py);
                dict.set_item("id", id)?;
                dict.set_item("name", name)?;
                dict.set_item("description", description)?;
                Ok($name { inner: from_kwargs(stringify!($name), &dict)? })
            }

            /// The id initiatives name it by.
            #[getter]
            fn id(&self) -> &str {
                &self.inner.id
            }

            /// The display name.
            #[getter]
            fn name(&self) -> &str {
                &self.inner.name
            }

            /// The description.
            #[getter]
            fn description(&self) -> Option<&str> {
                self.inner.description.as_deref()
            }

            /// As a dict.
            fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                to_python(py, &self.inner)
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other.cast::<$name>().is_ok_and(|o| o.get().inner == self.inner)
            }

            fn __repr__(&self) -> String {
                format!("{}({}, {})", stringify!($name), py_repr(&self.inner.id), py_repr(&self.inner.name))
            }
        }
    };
}

named_class!(Pillar, roadmap_core::Pillar, "A pillar of the roadmap.");
named_class!(PriorityArea, roadmap_core::PriorityArea, "A priority area of the roadmap.");

/// A named checkpoint (a council session, a conference) deliverables are due at.
#[pyclass(module = "roadmap", frozen, from_py_object)]
#[derive(Clone)]
pub(crate) struct Checkpoint {
    inner: roadmap_core::Checkpoint,
}

#[pymethods]
impl Checkpoint {
    #[new]
    #[pyo3(signature = (id, name = "", date = None, description = None))]
    fn new(
        py: Python<'_>,
        id: String,
        name: &str,
        date: Option<&Bound<'_, PyAny>>,
        description: Option<String>,
    ) -> PyResult<Checkpoint> {
        let dict = PyDict::new(py);
        dict.set_item("id", id)?;
        dict.set_item("name", name)?;
        dict.set_item("date", date)?;
        dict.set_item("description", description)?;
        Ok(Checkpoint { inner: from_kwargs("checkpoint", &dict)? })
    }

    /// The id deliverables name it by.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The display name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Its date, when known.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        date(py, self.inner.date)
    }

    /// The description.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.inner.description.as_deref()
    }

    /// As a dict.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Checkpoint>().is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!("Checkpoint({}, {})", py_repr(&self.inner.id), py_repr(&self.inner.name))
    }
}

/// A transformation roadmap: checkpoints, pillars, priority areas and
/// initiatives, with the issues found reading it. The core of
/// `roadmap.Roadmap`, which holds one.
#[pyclass(name = "_Roadmap", module = "roadmap._roadmap", frozen)]
pub(crate) struct Roadmap {
    pub(crate) inner: Arc<roadmap_core::Roadmap>,
    /// The import issues (empty for a roadmap built in Python or from JSON).
    pub(crate) import_issues: roadmap_core::Report,
    /// The file it was read from, which `write` never replaces.
    pub(crate) input: Option<PathBuf>,
}

impl Roadmap {
    pub(crate) fn from_import(import: roadmap_io::Import, input: Option<PathBuf>) -> Roadmap {
        Roadmap { inner: Arc::new(import.roadmap), import_issues: import.issues, input }
    }

    fn from_model(inner: roadmap_core::Roadmap) -> Roadmap {
        Roadmap { inner: Arc::new(inner), import_issues: roadmap_core::Report::default(), input: None }
    }

    fn position(&self, id: &str) -> PyResult<usize> {
        self.inner
            .initiatives
            .iter()
            .position(|i| i.id == id)
            .ok_or_else(|| PyKeyError::new_err(format!("no initiative with the id {id:?}")))
    }
}

#[pymethods]
impl Roadmap {
    #[new]
    #[pyo3(signature = (initiatives = None, **fields))]
    fn new(
        py: Python<'_>,
        initiatives: Option<&Bound<'_, PyAny>>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Roadmap> {
        let dict = fields.map_or_else(|| PyDict::new(py), std::clone::Clone::clone);
        if let Some(list) = initiatives {
            dict.set_item("initiatives", list)?;
        }
        Ok(Roadmap::from_model(from_kwargs("roadmap", &dict)?))
    }

    /// A roadmap from a dict in the roadmap JSON's shape.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyDict>) -> PyResult<Roadmap> {
        Ok(Roadmap::from_model(from_kwargs("roadmap", data)?))
    }

    /// A roadmap from JSON text (schemas/roadmap.schema.json).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Roadmap> {
        let rm = py
            .detach(|| roadmap_core::Roadmap::from_json(text))
            .map_err(|e| InvalidJSONError::new_err(e.to_string()))?;
        Ok(Roadmap::from_model(rm))
    }

    /// The title.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }

    /// The organization.
    #[getter]
    fn organization(&self) -> Option<&str> {
        self.inner.organization.as_deref()
    }

    /// The report date.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        date(py, self.inner.as_of)
    }

    /// The initiatives, in document order.
    #[getter]
    fn initiatives(&self) -> Vec<Initiative> {
        self.inner.initiatives.iter().map(|i| Initiative { inner: i.clone() }).collect()
    }

    /// The checkpoints.
    #[getter]
    fn checkpoints(&self) -> Vec<Checkpoint> {
        self.inner.checkpoints.iter().map(|c| Checkpoint { inner: c.clone() }).collect()
    }

    /// The pillars.
    #[getter]
    fn pillars(&self) -> Vec<Pillar> {
        self.inner.pillars.iter().map(|p| Pillar { inner: p.clone() }).collect()
    }

    /// The priority areas.
    #[getter]
    fn priority_areas(&self) -> Vec<PriorityArea> {
        self.inner.priority_areas.iter().map(|a| PriorityArea { inner: a.clone() }).collect()
    }

    /// The issues found while reading the file (validation is `validate()`).
    #[getter]
    fn import_issues(&self) -> Report {
        Report { inner: self.import_issues.clone() }
    }

    fn __len__(&self) -> usize {
        self.inner.initiatives.len()
    }

    fn __getitem__(&self, id: &str) -> PyResult<Initiative> {
        Ok(Initiative { inner: self.inner.initiatives[self.position(id)?].clone() })
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.get(id).is_some()
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(PyList::new(py, self.initiatives())?.try_iter()?.into_any().unbind())
    }

    /// The initiative with this id, or `default`.
    #[pyo3(signature = (id, default = None))]
    fn get(&self, id: &str, default: Option<Py<PyAny>>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.inner.get(id) {
            Some(i) => Ok(Py::new(py, Initiative { inner: i.clone() })?.into_any()),
            None => Ok(default.unwrap_or_else(|| py.None())),
        }
    }

    /// The initiatives whose parent is `id`, in document order.
    fn children(&self, id: &str) -> PyResult<Vec<Initiative>> {
        self.position(id)?;
        Ok(self.inner.children(id).map(|i| Initiative { inner: i.clone() }).collect())
    }

    /// Every issue: those found reading the file, the built-in rules', and
    /// those of `rules`, plain Python callables. A rule receives an
    /// `Initiative` (or, when it has `scope = "roadmap"`, `subject`: the
    /// `roadmap.Roadmap` holding this one) and returns None, an `Issue`, a
    /// message, a dict of an issue's fields, or a list of them
    /// ([`crate::custom_rules`]).
    #[pyo3(signature = (rules = None, as_of = None, subject = None))]
    fn validate<'py>(
        slf: &Bound<'py, Self>,
        rules: Option<Vec<Bound<'py, PyAny>>>,
        as_of: Option<&Bound<'py, PyAny>>,
        subject: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Report> {
        let py = slf.py();
        let this = slf.get();
        let subject = subject.unwrap_or(slf.as_any());
        let as_of = as_of.map(parse_date).transpose()?;
        let rm = Arc::clone(&this.inner);
        let mut report = this.import_issues.clone();
        report.extend(py.detach(|| RuleSet::builtin().validate_in(&Context::new(&rm, as_of.or(rm.as_of)))));
        for rule in rules.unwrap_or_default() {
            crate::custom_rules::run(&this.inner, subject, &rule, &mut report)?;
        }
        Ok(Report { inner: report })
    }

    /// The dashboard figures; `by` chooses the table `to_pandas()` gives
    /// (pillar, `priority_area`, owner or checkpoint); `as_of` judges overdue.
    #[pyo3(signature = (by = "pillar", as_of = None))]
    fn rollup(&self, py: Python<'_>, by: &str, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Rollup> {
        let by: GroupBy = by.parse().map_err(|e: UnknownGroupBy| PyValueError::new_err(e.to_string()))?;
        let as_of = as_of.map(parse_date).transpose()?;
        let rm = Arc::clone(&self.inner);
        let inner = py.detach(|| as_of.map_or_else(|| rm.rollup(), |d| rm.rollup_at(d)));
        Ok(Rollup { inner, by })
    }

    /// What changed from this roadmap to `newer`.
    fn diff(&self, py: Python<'_>, newer: &Roadmap) -> Diff {
        let (a, b) = (Arc::clone(&self.inner), Arc::clone(&newer.inner));
        Diff { inner: py.detach(|| a.diff(&b)) }
    }

    /// The roadmap as a dict in the roadmap JSON's shape.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &*self.inner)
    }

    /// The roadmap as JSON text; the same roadmap always gives the same text.
    fn to_json(&self, py: Python<'_>) -> String {
        let rm = Arc::clone(&self.inner);
        py.detach(|| rm.to_json_pretty())
    }

    /// Writes the roadmap as JSON, CSV or xlsx (by `format`, else the
    /// extension), whole or not at all, and never over the file it was read
    /// from; returns the `not-preserved` warnings as a Report.
    #[pyo3(signature = (path, format = None))]
    fn write(&self, py: Python<'_>, path: &Bound<'_, PyAny>, format: Option<&str>) -> PyResult<Report> {
        let path: PathBuf = py.import("os")?.call_method1("fspath", (path,))?.extract()?;
        let format = match format {
            Some(word) => word.parse().map_err(|e: UnknownOutputFormat| PyValueError::new_err(e.to_string()))?,
            None => OutputFormat::from_extension(&path).ok_or_else(|| {
                PyValueError::new_err(format!("{}: say format='json', 'csv' or 'xlsx'", path.display()))
            })?,
        };
        let rm = Arc::clone(&self.inner);
        let input = self.input.as_deref();
        let written = py
            .detach(|| {
                let written = roadmap_io::write::write(&rm, format)?;
                roadmap_io::write::write_file(&path, &written.bytes, input)?;
                Ok(written)
            })
            .map_err(|e| crate::errors::write_error(&e, &path))?;
        Ok(Report { inner: written.issues })
    }

    /// The status report a governing body reads (the `roadmap report`
    /// command's): an HTML page or Markdown (`format`, else the path's
    /// extension, else HTML), its labels in `lang` (en, fr, es, ar, zh,
    /// ru), with the progress since the roadmap `since` of the last report,
    /// dated and judged at `as_of` (else the roadmap's). Returns the text,
    /// or writes it to `path` (whole or not at all, never over the file the
    /// roadmap was read from) and returns None.
    #[pyo3(signature = (path = None, format = None, since = None, lang = "en", as_of = None))]
    fn report(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        format: Option<&str>,
        since: Option<&Roadmap>,
        lang: &str,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        use roadmap_report::{Lang, ReportFormat, ReportOptions, UnknownLang};
        let lang: Lang = lang.parse().map_err(|e: UnknownLang| PyValueError::new_err(e.to_string()))?;
        let path: Option<PathBuf> =
            path.map(|p| py.import("os")?.call_method1("fspath", (p,))?.extract()).transpose()?;
        let format = match format {
            Some("html") => ReportFormat::Html,
            Some("md" | "markdown") => ReportFormat::Markdown,
            Some(other) => {
                return Err(PyValueError::new_err(format!("no report format {other:?}: say 'html' or 'md'")));
            }
            None => path.as_deref().and_then(|p| ReportFormat::of_name(&p.to_string_lossy())).unwrap_or_default(),
        };
        let as_of = as_of.map(parse_date).transpose()?;
        let (rm, old) = (Arc::clone(&self.inner), since.map(|s| Arc::clone(&s.inner)));
        let options = ReportOptions {
            format,
            lang,
            as_of,
            since: old.as_deref(),
            source: self.input.as_ref().map(|p| p.display().to_string()),
            issues: Some(&self.import_issues),
        };
        let text = py
            .detach(|| roadmap_report::render(&rm, &options))
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        let Some(path) = path else { return Ok(Some(text)) };
        let input = self.input.as_deref();
        py.detach(|| roadmap_io::write::write_file(&path, text.as_bytes(), input))
            .map_err(|e| crate::errors::write_error(&e, &path))?;
        Ok(None)
    }

    /// The initiatives table as an Arrow C stream (the Arrow `PyCapsule`
    /// interface): `pyarrow.table(rm)`, `polars.DataFrame(rm)` and duckdb
    /// read it without a copy. Its columns are `roadmap_io::columnar`'s.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, pyo3::types::PyCapsule>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        crate::arrow::stream(py, roadmap_io::columnar::initiatives(&self.inner), requested_schema)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::pickle::Reduced<'py>> {
        let state = crate::pickle::State::Roadmap {
            roadmap: (*self.inner).clone(),
            import_issues: self.import_issues.clone(),
            input: self.input.clone(),
        };
        crate::pickle::reduce(py, &state)
    }

    /// The deliverables table, as an object with an Arrow C stream.
    fn deliverables_table(&self) -> PyResult<crate::arrow::Table> {
        crate::arrow::Table::new(roadmap_io::columnar::deliverables(&self.inner))
    }

    /// The report's headline and status by pillar, drawn as its stacked bars.
    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let rm = Arc::clone(&self.inner);
        let title = rm.title.clone().unwrap_or_else(|| "Roadmap".to_owned());
        py.detach(|| roadmap_report::rollup_html(&rm.rollup(), GroupBy::Pillar, Some(&title), roadmap_report::Lang::En))
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        let rm = &self.inner;
        let title = rm.title.as_deref().map(|t| format!("{}: ", py_repr(t))).unwrap_or_default();
        let as_of = rm.as_of.map(|d| format!(", as of {d}")).unwrap_or_default();
        format!(
            "<Roadmap {title}{} initiatives, {} pillars, {} priority areas, {} checkpoints{as_of}>",
            rm.initiatives.len(),
            rm.pillars.len(),
            rm.priority_areas.len(),
            rm.checkpoints.len()
        )
    }
}

/// A date from `datetime.date` or ISO text.
fn parse_date(obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    let text: String =
        if obj.hasattr("isoformat")? { obj.call_method0("isoformat")?.extract()? } else { obj.extract()? };
    let day = text.get(..10).unwrap_or(&text);
    day.parse().map_err(|e| PyValueError::new_err(format!("{text:?} is not a date: {e}")))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Roadmap>()?;
    m.add("Status", status_enum(m.py())?)?;
    m.add("DeliverableStatus", deliverable_status_enum(m.py())?)?;
    m.add_class::<Initiative>()?;
    m.add_class::<Deliverable>()?;
    m.add_class::<Checkpoint>()?;
    m.add_class::<Pillar>()?;
    m.add_class::<PriorityArea>()?;
    Ok(())
}
