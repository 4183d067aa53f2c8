//! Columns handed to Python whole, as buffers rather than one object per
//! value: `roadmap._frames` turns each into a typed pandas column without a
//! loop in Python. Each is a tuple whose first item says its kind.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use roadmap_core::Date;

/// Text: with `arrow`, `("utf8", offsets, data, validity, nulls, n)`, the
/// buffers of an Arrow `large_string` array; else a list of str or None.
pub(crate) fn text<'a, 'py>(
    py: Python<'py>,
    values: impl ExactSizeIterator<Item = Option<&'a str>>,
    arrow: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if !arrow {
        return Ok(PyList::new(py, values)?.into_any());
    }
    let values: Vec<Option<&str>> = values.collect();
    let n = values.len();
    let size: usize = values.iter().flatten().map(|t| t.len()).sum();
    let mut validity: Vec<u8> = vec![0; n.div_ceil(8)];
    let mut nulls = 0usize;
    // Written straight into the Python objects: no buffer is copied.
    let offsets = PyBytes::new_with(py, (n + 1) * 8, |out| {
        let mut end = 0usize;
        out[..8].copy_from_slice(&0i64.to_le_bytes());
        for (k, v) in values.iter().enumerate() {
            match v {
                Some(t) => {
                    end += t.len();
                    validity[k / 8] |= 1 << (k % 8);
                }
                None => nulls += 1,
            }
            let at = (k + 1) * 8;
            out[at..at + 8].copy_from_slice(&i64::try_from(end).unwrap_or(i64::MAX).to_le_bytes());
        }
        Ok(())
    })?;
    let data = PyBytes::new_with(py, size, |out| {
        let mut at = 0;
        for t in values.iter().flatten() {
            out[at..at + t.len()].copy_from_slice(t.as_bytes());
            at += t.len();
        }
        Ok(())
    })?;
    let items: [Bound<'py, PyAny>; 6] = [
        "utf8".into_pyobject(py)?.into_any(),
        offsets.into_any(),
        data.into_any(),
        PyBytes::new(py, &validity).into_any(),
        nulls.into_pyobject(py)?.into_any(),
        n.into_pyobject(py)?.into_any(),
    ];
    Ok(PyTuple::new(py, items)?.into_any())
}

fn buffer<'py>(py: Python<'py>, kind: &str, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyTuple::new(py, [kind.into_pyobject(py)?.into_any(), PyBytes::new(py, bytes).into_any()])?.into_any())
}

/// Dates: `("days", i64 days since 1970-01-01, i64::MIN for none)` — the
/// layout of numpy's `datetime64[D]`, whose `NaT` is `i64::MIN`.
pub(crate) fn days(py: Python<'_>, values: impl Iterator<Item = Option<Date>>) -> PyResult<Bound<'_, PyAny>> {
    let bytes: Vec<u8> = values.flat_map(|d| d.map_or(i64::MIN, Date::days).to_le_bytes()).collect();
    buffer(py, "days", &bytes)
}

/// Numbers: `("f64", f64 values, NaN for none)`.
pub(crate) fn floats(py: Python<'_>, values: impl Iterator<Item = Option<f64>>) -> PyResult<Bound<'_, PyAny>> {
    let bytes: Vec<u8> = values.flat_map(|v| v.unwrap_or(f64::NAN).to_le_bytes()).collect();
    buffer(py, "f64", &bytes)
}

/// Counts: `("i64", values, i64::MIN for none)`.
pub(crate) fn ints(py: Python<'_>, values: impl Iterator<Item = Option<i64>>) -> PyResult<Bound<'_, PyAny>> {
    let bytes: Vec<u8> = values.flat_map(|v| v.unwrap_or(i64::MIN).to_le_bytes()).collect();
    buffer(py, "i64", &bytes)
}

/// Category codes: `("codes", i8 values, -1 for none)`.
pub(crate) fn codes(py: Python<'_>, values: impl Iterator<Item = Option<usize>>) -> PyResult<Bound<'_, PyAny>> {
    let bytes: Vec<u8> = values.map(|v| v.and_then(|c| i8::try_from(c).ok()).unwrap_or(-1).to_le_bytes()[0]).collect();
    buffer(py, "codes", &bytes)
}
