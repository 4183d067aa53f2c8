"""examples/distributed.py on a local dask cluster of 2 workers: 200
trackers (and one file that is no tracker) into one Parquet dataset, read
back with pyarrow and DuckDB."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")
pa = pytest.importorskip("pyarrow")
ds = pytest.importorskip("pyarrow.dataset")
duckdb = pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parents[2]
FILES, ROWS = 200, 20


def test_a_folder_converts_on_two_workers_into_one_dataset(tmp_path: Path) -> None:
    trackers, out = tmp_path / "trackers", tmp_path / "history"
    trackers.mkdir()
    (trackers / "notes.xlsx").write_bytes(b"\x00\x01\x02 not a workbook")
    figures = tmp_path / "figures.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "distributed.py"), str(trackers), str(out)]
        + ["--demo", str(FILES), "--rows", str(ROWS), "--workers", "2", "--json", str(figures)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The file that is no tracker is a row of the issues table, and says so in the exit code.
    assert run.returncode == 1, run.stdout + run.stderr
    got = json.loads(figures.read_text())
    assert (got["files"], got["failed"], got["workers"]) == (FILES + 1, 1, 2)

    # The truth, from the folder: each demo tracker is <as_of>/unit-<n>.xlsx with ROWS initiatives.
    want = {(p.parent.name, p.name): ROWS for p in trackers.rglob("unit-*.xlsx")}
    assert len(want) == FILES

    part = ds.partitioning(pa.schema([("as_of", pa.date32()), ("source", pa.string())]), flavor="hive")
    initiatives = ds.dataset(out / "initiatives", partitioning=part).to_table()
    counts: dict[tuple[str, str], int] = {}
    for as_of, source in zip(initiatives.column("as_of").to_pylist(), initiatives.column("source").to_pylist()):
        counts[(as_of.isoformat(), source)] = counts.get((as_of.isoformat(), source), 0) + 1
    assert counts == want

    issues = ds.dataset(out / "issues", partitioning=part).to_table().to_pylist()
    failures = [i for i in issues if i["source"] == "notes.xlsx"]
    assert [(f["code"], f["severity"], f["file"], f["as_of"]) for f in failures] == [
        ("unsupported-format", "error", "notes.xlsx", None)
    ]

    # The query engine reads the same folders, and the example's answer is its.
    total = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{out.as_posix()}/initiatives/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert total == [(FILES * ROWS,)]
    assert got["transitions"], "statuses move between snapshots in the demo"
    assert all(before != after for _, before, after, _ in got["transitions"])
    assert not any(p.name.startswith(".roadmap-staging") for p in out.iterdir())
