"""pandas tables of roadmaps, reports, rollups and diffs.

The columns are built in Rust and handed over whole (one list per column);
here they only become typed pandas columns. pandas is optional: without it
these raise ImportError with the command that installs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ._roadmap import Diff, Report, Roadmap, Rollup

STATUS_ORDER = ["completed", "ongoing", "planned", "revised"]
SEVERITY_ORDER = ["error", "warning", "info"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "roadmap's pandas tables need pandas: pip install pandas (or pip install 'roadmap[pandas]')"
        ) from e
    return pandas


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        return None
    return pyarrow


def _dates(pd: Any, values: list[str | None]) -> Any:
    return pd.to_datetime(pd.Series(values, dtype="str"), format="ISO8601")


def _column(pd: Any, pa: Any, value: Any) -> Any:
    """A column as Rust handed it (see python/src/columns.rs) as a typed
    pandas column; plain lists are left to pandas."""
    if not isinstance(value, tuple):
        return value
    import numpy as np

    kind = value[0]
    if kind == "utf8":
        _, offsets, data, validity, nulls, n = value
        buffers = [pa.py_buffer(validity), pa.py_buffer(offsets), pa.py_buffer(data)]
        return pd.Series(pa.Array.from_buffers(pa.large_string(), n, buffers, null_count=nulls), dtype="str")
    raw = value[1]
    if kind == "days":
        # i64 days, NaT as numpy spells it: datetime64[D], then seconds for pandas.
        return np.frombuffer(raw, dtype="<i8").view("datetime64[D]").astype("datetime64[s]")
    if kind == "f64":
        return np.frombuffer(raw, dtype="<f8").copy()
    if kind == "i64":
        ints = np.frombuffer(raw, dtype="<i8")
        return pd.arrays.IntegerArray(ints.copy(), ints == np.iinfo(np.int64).min)
    if kind == "codes":
        return np.frombuffer(raw, dtype="<i1")
    raise ValueError(f"unknown column kind {kind!r}")


TEXT_COLUMNS = ["id", "title", "parent", "pillar", "priority_area", "owner", "revision", "description", "sheet"]


def roadmap_frame(rm: Roadmap) -> pd.DataFrame:
    pd = _pandas()
    pa = _pyarrow()
    cols: dict[str, Any] = {name: _column(pd, pa, v) for name, v in rm._columns(arrow=pa is not None).items()}
    for name in TEXT_COLUMNS:
        if isinstance(cols[name], list):
            cols[name] = pd.Series(cols[name], dtype="str")
    cols["status"] = pd.Categorical.from_codes(cols["status"], categories=STATUS_ORDER, ordered=True)
    cols["deliverables"] = cols["deliverables"].astype("int64")
    # The columns are typed already: the frame takes them without copying.
    return pd.DataFrame(cols, copy=False)


def deliverables_frame(rm: Roadmap) -> pd.DataFrame:
    pd = _pandas()
    cols = rm._deliverable_columns()
    cols["status"] = pd.Categorical(cols["status"], categories=["achieved", "in_progress", "not_started"])
    cols["due"] = _dates(pd, cols["due"])
    return pd.DataFrame(cols)


def report_frame(report: Report) -> pd.DataFrame:
    pd = _pandas()
    cols = report._columns()
    cols["severity"] = pd.Categorical(cols["severity"], categories=SEVERITY_ORDER, ordered=True)
    cols["row"] = pd.array(cols["row"], dtype="Int64")
    cols["column"] = pd.array(cols["column"], dtype="Int64")
    return pd.DataFrame(cols)


def rollup_frame(rollup: Rollup) -> pd.DataFrame:
    pd = _pandas()
    groups = rollup.groups
    if rollup.by == "checkpoint":
        return pd.DataFrame(
            groups,
            columns=["id", "name", "date", "due", "achieved", "in_progress", "not_started", "unknown", "overdue"],
        )
    rows = []
    for g in groups:
        rows.append(
            {
                "id": g.get("id"),
                "name": g.get("name"),
                "total": g.get("total"),
                **{s: g.get(s, 0) for s in [*STATUS_ORDER, "unknown"]},
                "completion_rate": g.get("completion_rate"),
                "mean_progress": g.get("mean_progress"),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["id", "name", "total", *STATUS_ORDER, "unknown", "completion_rate", "mean_progress"]
    )
    return frame.astype({"completion_rate": "float64", "mean_progress": "float64"})


def diff_frame(diff: Diff) -> pd.DataFrame:
    pd = _pandas()
    return pd.DataFrame(diff._rows(), columns=["change", "id", "field", "from", "to"])
