"""The Arrow PyCapsule stream: pyarrow, polars and DuckDB read the same
tables as to_pandas(), under the columns schemas/columnar.json publishes."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import roadmap

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parents[2]
# Arrow types as pyarrow names them, and as arrow-rs does in schemas/columnar.json.
TYPE_NAMES = {"string": "Utf8", "date32[day]": "Date32", "double": "Float64", "uint32": "UInt32", "uint64": "UInt64"}


def _plain(value: Any) -> Any:
    """A cell as a plain Python value: dates as dates, NaN and NA as None."""
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _rows_of_pandas(frame: Any) -> list[list[Any]]:
    return [[_plain(v) for v in row] for row in frame.astype(object).itertuples(index=False, name=None)]


def _rows_of_arrow(table: Any) -> list[list[Any]]:
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return [[_plain(c[k]) for c in columns] for k in range(table.num_rows)]


def _objects(fixtures: Path, seed: Path) -> dict[str, Any]:
    rm = roadmap.read_excel(fixtures / "dashboard.xlsx")
    seeded = roadmap.read_json(seed)
    changed = roadmap.read_excel(fixtures / "dashboard.xlsx")
    return {
        "roadmap": rm,
        "report": rm.validate(),
        "rollup by pillar": seeded.rollup(by="pillar"),
        "rollup by checkpoint": seeded.rollup(by="checkpoint"),
        "diff": seeded.diff(changed),
    }


def test_the_stream_read_by_pyarrow_polars_and_duckdb_equals_to_pandas(fixtures: Path, seed: Path) -> None:
    for what, obj in _objects(fixtures, seed).items():
        want = _rows_of_pandas(obj.to_pandas())
        by_pyarrow = pa.table(obj)
        assert list(by_pyarrow.column_names) == list(obj.to_pandas().columns), what
        assert _rows_of_arrow(by_pyarrow) == want, what
        assert _rows_of_arrow(obj.to_arrow()) == want, what
        frame = pl.DataFrame(obj)
        assert frame.columns == by_pyarrow.column_names, what
        assert [[_plain(v) for v in row] for row in frame.rows()] == want, what
        assert obj.to_polars().shape == (len(want), by_pyarrow.num_columns), what
        # DuckDB scans the object itself through its stream.
        con = duckdb.connect()
        con.register("t", obj)
        got = con.execute("SELECT * FROM t").fetchall()
        assert [[_plain(v) for v in row] for row in got] == want, what
    assert len(want) > 0


def test_the_stream_schema_is_the_published_one(fixtures: Path, seed: Path) -> None:
    published = json.loads((ROOT / "schemas" / "columnar.json").read_text())
    objects = _objects(fixtures, seed)
    rm = objects["roadmap"]
    for table, obj in [
        ("initiatives", rm),
        ("deliverables", rm._native.deliverables_table()),
        ("issues", objects["report"]),
        ("rollup_groups", objects["rollup by pillar"]),
        ("rollup_checkpoints", objects["rollup by checkpoint"]),
        ("diff", objects["diff"]),
    ]:
        schema = pa.table(obj).schema
        got = [{"name": f.name, "type": TYPE_NAMES[str(f.type)], "nullable": f.nullable} for f in schema]
        assert got == published[table], table


def test_a_requested_schema_is_honoured(seed: Path) -> None:
    rm = roadmap.read_json(seed)
    # A consumer may ask for other types: large strings here.
    schema = pa.schema([(f.name, pa.large_string() if f.type == pa.string() else f.type) for f in pa.table(rm).schema])
    table = pa.table(rm).cast(schema)
    assert table.schema.field("id").type == pa.large_string()
    reader = pa.RecordBatchReader.from_stream(rm, schema=schema)
    assert reader.read_all().equals(table)
