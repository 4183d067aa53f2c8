//! The Arrow C stream (`__arrow_c_stream__`, in a capsule) of a table built
//! by `roadmap_io::columnar`: pyarrow, polars, duckdb and pandas take the
//! record batch's buffers through the Arrow C stream interface, without a
//! copy. pyo3-arrow makes the capsule.

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StructArray};
use arrow_schema::{ArrowError, Field};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3_arrow::ffi::{ArrayIterator, to_stream_pycapsule};

/// A capsule holding an Arrow C stream of `batch`, cast to
/// `requested_schema` when the consumer asks for one.
pub(crate) fn stream<'py>(
    py: Python<'py>,
    batch: Result<RecordBatch, ArrowError>,
    requested_schema: Option<Bound<'py, PyCapsule>>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let batch = batch.map_err(|e| PyValueError::new_err(e.to_string()))?;
    let schema = batch.schema();
    let field = Field::new_struct("", schema.fields().clone(), false).with_metadata(schema.metadata().clone());
    let arrays = std::iter::once(Ok(Arc::new(StructArray::from(batch)) as ArrayRef));
    Ok(to_stream_pycapsule(py, Box::new(ArrayIterator::new(arrays, Arc::new(field))), requested_schema)?)
}

/// A table of a roadmap that is no object of its own (the deliverables):
/// only its Arrow stream.
#[pyclass(module = "roadmap", frozen, name = "_Table")]
pub(crate) struct Table {
    batch: RecordBatch,
}

impl Table {
    pub(crate) fn new(batch: Result<RecordBatch, ArrowError>) -> PyResult<Table> {
        Ok(Table { batch: batch.map_err(|e| PyValueError::new_err(e.to_string()))? })
    }
}

#[pymethods]
impl Table {
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        stream(py, Ok(self.batch.clone()), requested_schema)
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }
}
