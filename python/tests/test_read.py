"""Reading every format, from paths, bytes and file objects."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest

import roadmap
from roadmap import Status


def test_version_comes_from_the_crate() -> None:
    assert roadmap.__version__.count(".") == 2


@pytest.mark.parametrize("name", ["annex.xlsx", "annex.ods", "annex.xls"])
def test_read_excel_reads_the_annex_layout(fixtures: Path, profile: str, name: str) -> None:
    # The organization's profile maps its names to stable ids.
    rm = roadmap.read_excel(fixtures / name, profile=profile)
    assert rm.as_of == datetime.date(2025, 12, 1)
    event = next(i for i in rm.initiatives if i.title == "Event modernization")
    assert event.priority_area == "member-experience"
    assert len(rm.children(event.id)) == 2
    assert [c.id for c in rm.checkpoints] == ["C26", "PP-26"]


def test_read_excel_path_bytes_and_file_object_agree(example: Path) -> None:
    from_path = roadmap.read_excel(str(example))
    from_bytes = roadmap.read_excel(example.read_bytes())
    with open(example, "rb") as f:
        from_file = roadmap.read_excel(f)
    assert len(from_path) == len(from_bytes) == len(from_file) == 38
    assert [i.id for i in from_bytes] == [i.id for i in from_path]


def test_read_excel_one_sheet(fixtures: Path) -> None:
    rm = roadmap.read_excel(fixtures / "multi.xlsx", sheet="Unit B")
    assert len(rm) == 2


def test_read_csv_with_encoding_and_delimiter(fixtures: Path) -> None:
    rm = roadmap.read_csv(fixtures / "dashboard.csv")
    assert rm["INI-001"].status is Status.COMPLETED
    french = roadmap.read_csv(fixtures / "french.csv", profile="fr")
    assert len(french) > 0
    text = "ID;Initiative;Status\nA-1;Portal;Done\n".encode("cp1252")
    rm = roadmap.read_csv(io.BytesIO(text), encoding="windows-1252", delimiter=";")
    assert rm["A-1"].status is Status.COMPLETED


def test_read_json_from_path_text_and_bytes(seed: Path) -> None:
    a = roadmap.read_json(seed)
    b = roadmap.read_json(seed.read_text())
    c = roadmap.read_json(seed.read_bytes())
    assert a.to_json() == b.to_json() == c.to_json()
    assert len(a) == 38


def test_read_tells_the_format_by_content(fixtures: Path, seed: Path) -> None:
    assert len(roadmap.read(fixtures / "annex.ods")) == 13
    assert len(roadmap.read(seed)) == 38
    assert len(roadmap.read(fixtures / "noid.csv")) == 3


def test_a_misnamed_file_is_read_with_a_warning(fixtures: Path, tmp_path: Path) -> None:
    misnamed = tmp_path / "tracker.xlsx"
    misnamed.write_bytes((fixtures / "noid.csv").read_bytes())
    rm = roadmap.read(misnamed)
    assert len(rm) == 3
    warning = next(i for i in rm.import_issues.issues if i.code == "extension-mismatch")
    assert warning.severity == "warning"
    assert "named .xlsx but holds CSV text" in warning.message
    assert warning.location is not None and warning.location.file == str(misnamed)


def test_csv_rows_are_the_rows_a_spreadsheet_shows() -> None:
    # Row 1 the header, row 2 A-1 (its note on two lines in one cell), row 3
    # empty, row 4 A-2; two Notes columns, both kept.
    data = b'ID,Initiative,Notes,Notes\nA-1,Portal,"two\nlines",second\n\nA-2,Kiosk,x,y\n'
    rm = roadmap.read_csv(data)
    assert [(i.source or {}).get("row") for i in rm] == [2, 4]
    assert rm["A-1"].extra == {"Notes": "two\nlines", "Notes (2)": "second"}
    dup = next(i for i in rm.import_issues.issues if i.code == "duplicate-header")
    assert dup.location is not None and dup.location.cell == "D1"


def test_inspect_says_what_was_detected(fixtures: Path) -> None:
    found = roadmap.inspect(fixtures / "annex.xlsx")
    sheet = found["sheets"][0]
    assert sheet["header_rows"] == [5, 6]
    assert sheet["end_row"] == 24


def test_import_issues_name_their_cells(fixtures: Path) -> None:
    rm = roadmap.read_excel(fixtures / "dashboard.xlsx")
    unknown = next(i for i in rm.import_issues.issues if i.code == "unknown-status")
    assert unknown.location is not None
    assert (unknown.location.sheet, unknown.location.cell) == ("Dashboard", "F13")
    assert (unknown.location.row, unknown.location.column) == (13, 6)
    assert unknown.suggestion is not None


def test_bytes_read_under_a_name_carry_it(fixtures: Path) -> None:
    data = (fixtures / "dashboard.xlsx").read_bytes()
    rm = roadmap.read(data, name="unit-a/dashboard.xlsx")
    unknown = next(i for i in rm.import_issues if i.code == "unknown-status")
    assert unknown.location is not None
    assert unknown.location.file == "unit-a/dashboard.xlsx"
    assert all(i.source is not None and i.source["file"] == "unit-a/dashboard.xlsx" for i in rm)
    # A file object's own name gives way to the one given.
    assert roadmap.read(io.BytesIO(data), name="given.xlsx")[rm.initiatives[0].id].source["file"] == "given.xlsx"
    # Without a name, bytes have none.
    nameless = roadmap.read(data)
    assert all(i.source is None or i.source.get("file") is None for i in nameless)
    with pytest.raises(ValueError, match="a path names itself"):
        roadmap.read(fixtures / "dashboard.xlsx", name="other.xlsx")
