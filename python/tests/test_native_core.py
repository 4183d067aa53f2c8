"""The native core (``roadmap._roadmap``) stands alone: loaded without the
package, it reads, validates, rolls up, diffs and streams Arrow, and never
imports ``roadmap`` — the package is built on it, not the other way round.
(Pickling names ``roadmap._roadmap._unpickle``, and ``pickle.dumps`` imports
a name's package to check it: that import is pickle's.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import roadmap

ALONE = """
import importlib.machinery, importlib.util, pickle, sys
path, tracker = sys.argv[1], sys.argv[2]
loader = importlib.machinery.ExtensionFileLoader("roadmap._roadmap", path)
spec = importlib.util.spec_from_file_location("roadmap._roadmap", path, loader=loader)
core = importlib.util.module_from_spec(spec)
sys.modules["roadmap._roadmap"] = core
loader.exec_module(core)
rm = core.read(tracker)
statuses = sorted({str(i.status) for i in rm.initiatives if i.status is not None})
report = rm.validate()
rollup = rm.rollup("pillar")
diff = rm.diff(rm)
capsule = rm.__arrow_c_stream__()
reduced = rm.__reduce__()
print("roadmap" in sys.modules)
back = pickle.loads(pickle.dumps(rm))
print(len(rm), len(back), statuses, len(report) >= 0, rollup.total, bool(diff), type(capsule).__name__)
"""


def test_the_native_core_never_imports_the_package(fixtures: Path) -> None:
    tracker = fixtures / "dashboard.xlsx"
    native = roadmap._roadmap.__file__
    assert native is not None
    out = subprocess.run(
        [sys.executable, "-c", ALONE, native, str(tracker)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rm = roadmap.read(tracker)
    statuses = sorted({str(i.status) for i in rm if i.status is not None})
    want = f"{len(rm)} {len(rm)} {statuses} True {rm.rollup().total} False PyCapsule"
    assert out == ["False", want]


def test_the_package_needs_no_typing_extensions() -> None:
    code = "import sys; sys.modules['typing_extensions'] = None; import roadmap; print(roadmap.Roadmap.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "Roadmap"


def test_the_package_classes_hold_the_core(fixtures: Path) -> None:
    rm = roadmap.read(fixtures / "dashboard.xlsx")
    assert isinstance(rm._native, roadmap._roadmap._Roadmap)
    assert isinstance(rm.validate()._native, roadmap._roadmap._Report)
    assert isinstance(rm.rollup()._native, roadmap._roadmap._Rollup)
    assert isinstance(rm.diff(rm)._native, roadmap._roadmap._Diff)
    assert [c.__module__ for c in (roadmap.Roadmap, roadmap.Report, roadmap.Rollup, roadmap.Diff)] == ["roadmap"] * 4
    assert roadmap.Status is roadmap._roadmap.Status
    assert str(roadmap.Status.COMPLETED) == "Completed"
    assert roadmap.Status("ongoing") == "ongoing"


def test_only_a_roadmap_makes_reports_rollups_and_diffs() -> None:
    for cls in (roadmap.Report, roadmap.Rollup, roadmap.Diff):
        try:
            cls()
        except TypeError as e:
            assert "come from a Roadmap" in str(e)
        else:
            raise AssertionError(f"{cls.__name__}() made an object with no core")


def test_a_roadmap_scope_rule_receives_the_package_roadmap(fixtures: Path) -> None:
    rm = roadmap.read(fixtures / "dashboard.xlsx")
    seen: list[object] = []

    @roadmap.rule(scope="roadmap")
    def whole(r: roadmap.Roadmap) -> None:
        seen.append(r)

    rm.validate(rules=[whole])
    assert seen == [rm]


def test_a_core_argument_of_another_type_is_a_type_error(fixtures: Path, tmp_path: Path) -> None:
    rm = roadmap.read(fixtures / "dashboard.xlsx")
    with pytest.raises(TypeError, match="newer must be a roadmap.Roadmap, not str"):
        rm.diff("x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="since must be a roadmap.Roadmap, not dict"):
        rm.report(since={})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="issues must be a roadmap.Report, not list"):
        roadmap.parquet.stage(rm, tmp_path, run="r", source="a.xlsx", issues=rm.validate().issues)  # type: ignore[arg-type]
    with pytest.raises(roadmap.InvalidJSONError):
        roadmap.Roadmap(rm)  # type: ignore[arg-type]
