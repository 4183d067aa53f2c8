"""Arrow, polars and pandas tables from an object's Arrow C stream.

Every table is built once, in Rust, as Arrow record batches (the columns of
``roadmap_io::columnar``, published as schemas/columnar.json) and handed
over through the Arrow PyCapsule interface (``__arrow_c_stream__``) without
a copy: pyarrow, polars and DuckDB read the objects themselves. pandas
tables are pyarrow's conversion of that stream. pyarrow, polars and pandas
are optional: without them these raise ImportError with the command that
installs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

STATUS_ORDER = ("completed", "ongoing", "planned", "revised")
SEVERITY_ORDER = ("error", "warning", "info")


def _needs(module: str, what: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"roadmap's {what} need {module}: pip install {module} (or pip install 'roadmap[{extra}]')"
        ) from e


def to_arrow(stream: object) -> Any:
    """The stream as a ``pyarrow.Table``."""
    return _needs("pyarrow", "Arrow and pandas tables", "arrow").table(stream)


def to_polars(stream: object) -> Any:
    """The stream as a ``polars.DataFrame``."""
    return _needs("polars", "polars tables", "polars").DataFrame(stream)


def to_pandas(stream: object, categorical: tuple[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """pandas' reading of the stream: dates as datetime64, counts and rows
    as nullable unsigned integers, and ``categorical``'s column (if any) an
    ordered categorical of its words."""
    pd = _needs("pandas", "pandas tables", "pandas")
    pa = _needs("pyarrow", "Arrow and pandas tables", "arrow")
    mapping = {pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype()}
    frame = pa.table(stream).to_pandas(date_as_object=False, types_mapper=mapping.get)
    if categorical is not None:
        column, order = categorical
        frame[column] = pd.Categorical(frame[column], categories=list(order), ordered=True)
    return frame
