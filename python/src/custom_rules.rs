//! Custom rules: plain Python callables run by `Roadmap.validate(rules=...)`
//! beside the built-in ones. A rule receives an `Initiative` (or, with
//! `scope = "roadmap"`, the `Roadmap`) and returns what analysts write:
//! None, a message, an `Issue`, a dict of an issue's fields, or a list (any
//! iterable) of them. Anything else is a `RuleError` naming the rule.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use roadmap_core::Severity;

use crate::errors::RuleError;
use crate::model::Initiative;
use crate::report::{Issue, new_issue};

/// The keys of a dict a rule returns: an `Issue`'s arguments.
const ISSUE_KEYS: [&str; 6] = ["code", "message", "severity", "field", "initiative", "suggestion"];

/// What a rule says of itself: its name, and the code and severity of the
/// messages it returns (its `code` and `severity` attributes, set by
/// `roadmap.rule`; else its name and `warning`).
struct Rule<'py> {
    callable: &'py Bound<'py, PyAny>,
    name: String,
    code: String,
    severity: Severity,
}

impl<'py> Rule<'py> {
    fn new(callable: &'py Bound<'py, PyAny>) -> PyResult<Rule<'py>> {
        if !callable.is_callable() {
            return Err(PyTypeError::new_err("a rule must be callable"));
        }
        let name: String =
            callable.getattr("__name__").and_then(|n| n.extract()).unwrap_or_else(|_| "custom-rule".into());
        let code: String =
            callable.getattr("code").and_then(|c| c.extract()).unwrap_or_else(|_| name.replace('_', "-"));
        let severity: String =
            callable.getattr("severity").and_then(|s| s.extract()).unwrap_or_else(|_| "warning".into());
        let severity: Severity = severity.parse().map_err(|e| PyValueError::new_err(format!("rule {name}: {e}")))?;
        Ok(Rule { callable, name, code, severity })
    }

    /// A `RuleError` naming the rule.
    fn error(&self, what: impl std::fmt::Display) -> PyErr {
        RuleError::new_err(format!("rule {} returned {what}", self.name))
    }

    /// The issues a rule returned, before they are located.
    fn issues(&self, returned: &Bound<'py, PyAny>) -> PyResult<Vec<roadmap_core::Issue>> {
        if returned.is_none() {
            return Ok(Vec::new());
        }
        // A dict and a string are iterable, but each is one issue.
        if returned.cast::<Issue>().is_ok() || returned.cast::<PyDict>().is_ok() || returned.extract::<String>().is_ok()
        {
            return Ok(vec![self.issue(returned)?]);
        }
        let items = returned.try_iter().map_err(|_| self.error(format_args!("{returned:?}, {}", Self::EXPECTED)))?;
        items.map(|item| self.issue(&item?)).collect()
    }

    const EXPECTED: &'static str = "not None, a message, an Issue, a dict or a list of them";

    /// One issue: an `Issue`, a message, or a dict.
    fn issue(&self, item: &Bound<'py, PyAny>) -> PyResult<roadmap_core::Issue> {
        if let Ok(issue) = item.cast::<Issue>() {
            Ok(issue.get().inner.clone())
        } else if let Ok(dict) = item.cast::<PyDict>() {
            self.issue_of_dict(dict)
        } else if let Ok(message) = item.extract::<String>() {
            Ok(roadmap_core::Issue::new(self.code.clone(), self.severity, message))
        } else {
            Err(self.error(format_args!("{item:?}, {}", Self::EXPECTED)))
        }
    }

    /// The issue a dict describes, with an `Issue`'s arguments as keys:
    /// `code` and `message` required, `severity` (the rule's when absent),
    /// `field`, `initiative` and `suggestion` optional; every value text
    /// (or None for the optional ones).
    fn issue_of_dict(&self, dict: &Bound<'py, PyDict>) -> PyResult<roadmap_core::Issue> {
        let wrong = |what: String| self.error(format_args!("a dict {what}: {dict:?}"));
        for key in dict.keys() {
            if !key.extract::<String>().is_ok_and(|k| ISSUE_KEYS.contains(&k.as_str())) {
                return Err(wrong(format!("with the key {key:?}, which is none of {}", ISSUE_KEYS.join(", "))));
            }
        }
        let text = |key: &str| -> PyResult<Option<String>> {
            match dict.get_item(key)? {
                Some(value) if !value.is_none() => value
                    .extract::<String>()
                    .map(Some)
                    .map_err(|_| wrong(format!("whose '{key}' is {value:?}, not text"))),
                _ => Ok(None),
            }
        };
        let required = |key: &str| -> PyResult<String> {
            text(key)?
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(|| wrong(format!("without a '{key}' (an issue needs a code and a message)")))
        };
        let (code, message) = (required("code")?, required("message")?);
        let severity = match text("severity")? {
            None => self.severity,
            Some(s) => {
                s.parse().map_err(|_| wrong(format!("whose severity is {s:?}, not 'error', 'warning' or 'info'")))?
            }
        };
        Ok(new_issue(code, message, severity, text("initiative")?, text("field")?, text("suggestion")?))
    }
}

/// Runs one Python rule and adds its issues, each located at its
/// initiative's cell (the one it ran on, else the one the issue names).
/// A roadmap-scope rule receives `subject` (the Python object standing for
/// `rm`).
pub(crate) fn run(
    rm: &roadmap_core::Roadmap,
    subject: &Bound<'_, PyAny>,
    rule: &Bound<'_, PyAny>,
    report: &mut roadmap_core::Report,
) -> PyResult<()> {
    let py = subject.py();
    let rule = Rule::new(rule)?;
    let scope: String =
        rule.callable.getattr("scope").and_then(|s| s.extract()).unwrap_or_else(|_| "initiative".into());
    let mut collect = |returned: Bound<'_, PyAny>, at: Option<usize>| -> PyResult<()> {
        for mut issue in rule.issues(&returned)? {
            let at = at
                .or_else(|| issue.initiative.as_deref().and_then(|id| rm.initiatives.iter().position(|i| i.id == id)));
            if let Some(at) = at {
                let ini = &rm.initiatives[at];
                issue.initiative.get_or_insert_with(|| ini.id.clone());
                let field = issue.location.as_ref().and_then(|l| l.field.clone()).unwrap_or_default();
                issue.location = Some(roadmap_core::validate::location(ini, at, &field));
            }
            report.issues.push(issue);
        }
        Ok(())
    };
    if scope == "roadmap" {
        collect(rule.callable.call1((subject,))?, None)?;
    } else {
        for (at, ini) in rm.initiatives.iter().enumerate() {
            let obj = Py::new(py, Initiative { inner: ini.clone() })?;
            collect(rule.callable.call1((obj,))?, Some(at))?;
        }
    }
    Ok(())
}
