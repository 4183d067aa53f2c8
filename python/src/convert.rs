//! Values between serde and Python: any serializable value becomes plain
//! Python (dict, list, str, int, float, bool, None), and plain Python
//! becomes JSON for the model's deserializers.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

/// A serializable value as plain Python objects.
pub(crate) fn to_python(py: Python<'_>, value: &impl serde::Serialize) -> PyResult<Py<PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    json_to_python(py, &json)
}

/// A JSON value as plain Python objects.
pub(crate) fn json_to_python(py: Python<'_>, value: &Value) -> PyResult<Py<PyAny>> {
    Ok(match value {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any().unbind(),
            (None, Some(f)) => f.into_pyobject(py)?.into_any().unbind(),
            (None, None) => py.None(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any().unbind(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_python(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_python(py, v)?)?;
            }
            dict.into_any().unbind()
        }
    })
}

/// Plain Python (dicts, lists, str, numbers, bool, None, dates, enums with
/// a `value`) as JSON.
pub(crate) fn python_to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(obj
            .extract::<i64>()
            .map_or_else(|_| Value::from(obj.extract::<f64>().unwrap_or(f64::NAN)), Value::from));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if obj.is_instance_of::<PyString>() {
        return Ok(Value::String(obj.extract()?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d {
            let key: String = k.extract().map_err(|_| PyTypeError::new_err("dict keys must be str"))?;
            map.insert(key, python_to_json(&v)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        return obj.try_iter()?.map(|item| python_to_json(&item?)).collect::<PyResult<Vec<_>>>().map(Value::Array);
    }
    // A date (ISO text), an enum (its value), or an object with to_dict().
    if obj.hasattr("isoformat")? {
        return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
    }
    if obj.hasattr("to_dict")? {
        return python_to_json(&obj.call_method0("to_dict")?);
    }
    if let Ok(value) = obj.getattr("value") {
        return python_to_json(&value);
    }
    Err(PyTypeError::new_err(format!("cannot store a {} in a roadmap", obj.get_type().name()?)))
}
