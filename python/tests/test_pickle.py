"""Roadmaps, reports, rollups and diffs pickle: they travel to worker
processes (dask, multiprocessing) and come back the same."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import roadmap


def test_a_roadmap_pickles_with_its_import_issues(fixtures: Path) -> None:
    rm = roadmap.read_excel(fixtures / "dashboard.xlsx")
    back = pickle.loads(pickle.dumps(rm))
    assert back.to_dict() == rm.to_dict()
    # What the JSON document does not hold comes back too.
    assert back.import_issues.to_dict() == rm.import_issues.to_dict() and len(rm.import_issues) > 0
    assert back.validate().to_dict() == rm.validate().to_dict()


def test_reports_rollups_and_diffs_pickle(fixtures: Path, seed: Path) -> None:
    rm = roadmap.read_json(seed)
    other = roadmap.read_excel(fixtures / "dashboard.xlsx")
    for obj in [other.validate(), rm.rollup(by="owner"), rm.rollup(by="checkpoint"), rm.diff(other)]:
        back = pickle.loads(pickle.dumps(obj))
        assert type(back) is type(obj)
        assert back.to_dict() == obj.to_dict()
    assert pickle.loads(pickle.dumps(rm.rollup(by="owner"))).by == "owner"


def test_a_damaged_pickle_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a pickled roadmap object"):
        roadmap._roadmap._unpickle(b'{"kind": "roadmap"}')
