"""roadmap.parquet from one process: staged snapshots and failures, then a
commit, read back with pyarrow."""

from __future__ import annotations

from pathlib import Path

import pytest

import roadmap

pq = pytest.importorskip("pyarrow.parquet")


def test_a_failure_is_a_row_of_its_issues_coded_by_its_error(tmp_path: Path, seed: Path) -> None:
    out = tmp_path / "history"
    rm = roadmap.read_json(seed)
    roadmap.parquet.stage(rm, out, run="r1", source="seed.json")
    with pytest.raises(roadmap.NoTableError) as no_table:
        roadmap.read_csv(b"Budget,2026\nTravel,1200\n")
    roadmap.parquet.stage_failure(no_table.value, out, run="r1", source="budget.csv")
    roadmap.parquet.stage_failure(FileNotFoundError("gone.xlsx"), out, run="r1", source="gone.xlsx")
    # Nothing is in place before the commit.
    assert [p.name for p in out.iterdir()] == [".roadmap-staging-r1"]
    placed = roadmap.parquet.commit(out, run="r1")
    assert len(placed) == 9
    null = "as_of=__HIVE_DEFAULT_PARTITION__"
    for source, code in [("budget.csv", "no-table"), ("gone.xlsx", "io-error")]:
        issues = pq.read_table(out / "issues" / null / f"source={source}" / "part-0.parquet").to_pylist()
        assert [(i["code"], i["severity"], i["file"]) for i in issues] == [(code, "error", source)]
    as_of = rm.as_of.isoformat() if rm.as_of else "__HIVE_DEFAULT_PARTITION__"
    initiatives = pq.read_table(out / "initiatives" / f"as_of={as_of}" / "source=seed.json" / "part-0.parquet")
    assert initiatives.column("id").to_pylist() == [i.id for i in rm]
