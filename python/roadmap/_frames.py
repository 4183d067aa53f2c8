"""Arrow, polars and pandas tables of roadmaps, reports, rollups and diffs.

Every table is built once, in Rust, as Arrow record batches (the columns of
``roadmap_io::columnar``) and handed over through the Arrow PyCapsule
interface (``__arrow_c_stream__``) without a copy: pyarrow, polars and
DuckDB read the objects themselves. pandas tables are pyarrow's conversion
of that stream, with the status and severity as ordered categoricals.
pyarrow, polars and pandas are optional: without them these raise
ImportError with the command that installs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ._roadmap import Diff, Report, Roadmap, Rollup

STATUS_ORDER = ["completed", "ongoing", "planned", "revised"]
SEVERITY_ORDER = ["error", "warning", "info"]


def _needs(module: str, what: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"roadmap's {what} need {module}: pip install {module} (or pip install 'roadmap[{extra}]')"
        ) from e


def _pandas() -> Any:
    return _needs("pandas", "pandas tables", "pandas")


def _pyarrow() -> Any:
    return _needs("pyarrow", "Arrow and pandas tables", "arrow")


def to_arrow(obj: Any) -> Any:
    """The object's Arrow stream as a ``pyarrow.Table``."""
    return _pyarrow().table(obj)


def to_polars(obj: Any) -> Any:
    """The object's Arrow stream as a ``polars.DataFrame``."""
    return _needs("polars", "polars tables", "polars").DataFrame(obj)


def _frame(obj: Any) -> pd.DataFrame:
    """pandas' reading of the object's Arrow stream: dates as datetime64,
    counts and rows as nullable unsigned integers."""
    pd = _pandas()
    pa = _pyarrow()
    mapping = {pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype()}
    return pa.table(obj).to_pandas(date_as_object=False, types_mapper=mapping.get)


def _ordered(frame: pd.DataFrame, column: str, order: list[str]) -> pd.DataFrame:
    pd = _pandas()
    frame[column] = pd.Categorical(frame[column], categories=order, ordered=True)
    return frame


def roadmap_frame(rm: Roadmap) -> pd.DataFrame:
    return _ordered(_frame(rm), "status", STATUS_ORDER)


def deliverables_frame(rm: Roadmap) -> pd.DataFrame:
    return _frame(rm._deliverables())


def report_frame(report: Report) -> pd.DataFrame:
    return _ordered(_frame(report), "severity", SEVERITY_ORDER)


def rollup_frame(rollup: Rollup) -> pd.DataFrame:
    return _frame(rollup)


def diff_frame(diff: Diff) -> pd.DataFrame:
    return _frame(diff)
