//! Columns handed to Python whole, as buffers rather than one object per
//! value: `roadmap._frames` turns each into a typed pandas column without a
//! loop in Python. Each is a tuple whose first item says its kind.
//!
//! The builders are filled in one pass over the records, not a pass per
//! column: each record's fields are read once, while they are in cache.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use roadmap_core::Date;

/// A text column: the buffers of an Arrow `large_string` array.
#[derive(Default)]
pub(crate) struct Text {
    /// Where each value ends in `data` (the first 0 is implied).
    ends: Vec<i64>,
    data: Vec<u8>,
    /// One bit per value, set when it is not null.
    validity: Vec<u8>,
    nulls: usize,
}

impl Text {
    pub(crate) fn with_capacity(n: usize) -> Text {
        Text { ends: Vec::with_capacity(n), validity: Vec::with_capacity(n.div_ceil(8)), ..Text::default() }
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn push(&mut self, value: Option<&str>) {
        let k = self.ends.len();
        if k.is_multiple_of(8) {
            self.validity.push(0);
        }
        match value {
            Some(t) => {
                self.data.extend_from_slice(t.as_bytes());
                if let Some(byte) = self.validity.last_mut() {
                    *byte |= 1 << (k % 8);
                }
            }
            None => self.nulls += 1,
        }
        self.ends.push(i64::try_from(self.data.len()).unwrap_or(i64::MAX));
    }

    /// The value at `k`, as pushed.
    fn get(&self, k: usize) -> Option<&str> {
        if self.validity.get(k / 8).is_none_or(|b| b & (1 << (k % 8)) == 0) {
            return None;
        }
        let start = k.checked_sub(1).map_or(0, |p| self.ends[p]);
        let (start, end) = (usize::try_from(start).ok()?, usize::try_from(self.ends[k]).ok()?);
        // Whole strings were pushed, so the bounds are on character boundaries.
        std::str::from_utf8(self.data.get(start..end)?).ok()
    }

    /// With `arrow`, `("utf8", offsets, data, validity, nulls, n)`; else a
    /// list of str or None.
    pub(crate) fn into_python(self, py: Python<'_>, arrow: bool) -> PyResult<Bound<'_, PyAny>> {
        let n = self.len();
        if !arrow {
            return Ok(PyList::new(py, (0..n).map(|k| self.get(k)))?.into_any());
        }
        let offsets = PyBytes::new_with(py, (n + 1) * 8, |out| {
            for (slot, end) in out[8..].chunks_exact_mut(8).zip(&self.ends) {
                slot.copy_from_slice(&end.to_le_bytes());
            }
            Ok(())
        })?;
        let items: [Bound<'_, PyAny>; 6] = [
            "utf8".into_pyobject(py)?.into_any(),
            offsets.into_any(),
            PyBytes::new(py, &self.data).into_any(),
            PyBytes::new(py, &self.validity).into_any(),
            self.nulls.into_pyobject(py)?.into_any(),
            n.into_pyobject(py)?.into_any(),
        ];
        Ok(PyTuple::new(py, items)?.into_any())
    }
}

/// A column of fixed-size little-endian values: `(kind, bytes)`.
pub(crate) struct Fixed {
    kind: &'static str,
    bytes: Vec<u8>,
}

impl Fixed {
    fn new(kind: &'static str, n: usize, width: usize) -> Fixed {
        Fixed { kind, bytes: Vec::with_capacity(n * width) }
    }

    /// Dates: i64 days since 1970-01-01, `i64::MIN` for none — the layout
    /// of numpy's `datetime64[D]`, whose `NaT` is `i64::MIN`.
    pub(crate) fn days(n: usize) -> Fixed {
        Fixed::new("days", n, 8)
    }

    /// Numbers: f64, NaN for none.
    pub(crate) fn floats(n: usize) -> Fixed {
        Fixed::new("f64", n, 8)
    }

    /// Counts: i64, `i64::MIN` for none.
    pub(crate) fn ints(n: usize) -> Fixed {
        Fixed::new("i64", n, 8)
    }

    /// Category codes: i8, -1 for none.
    pub(crate) fn codes(n: usize) -> Fixed {
        Fixed::new("codes", n, 1)
    }

    pub(crate) fn day(&mut self, value: Option<Date>) {
        self.bytes.extend_from_slice(&value.map_or(i64::MIN, Date::days).to_le_bytes());
    }

    pub(crate) fn float(&mut self, value: Option<f64>) {
        self.bytes.extend_from_slice(&value.unwrap_or(f64::NAN).to_le_bytes());
    }

    pub(crate) fn int(&mut self, value: Option<i64>) {
        self.bytes.extend_from_slice(&value.unwrap_or(i64::MIN).to_le_bytes());
    }

    pub(crate) fn code(&mut self, value: Option<usize>) {
        self.bytes.extend_from_slice(&value.and_then(|c| i8::try_from(c).ok()).unwrap_or(-1).to_le_bytes());
    }

    pub(crate) fn into_python(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(PyTuple::new(py, [self.kind.into_pyobject(py)?.into_any(), PyBytes::new(py, &self.bytes).into_any()])?
            .into_any())
    }
}
