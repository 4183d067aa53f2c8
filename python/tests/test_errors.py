"""Every exception: its class, its base, its message."""

from __future__ import annotations

from pathlib import Path

import pytest

import roadmap


def test_missing_file_is_file_not_found() -> None:
    with pytest.raises(FileNotFoundError):
        roadmap.read("no/such/tracker.xlsx")


def test_unsupported_format() -> None:
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"
    with pytest.raises(roadmap.UnsupportedFormatError) as e:
        roadmap.read(png)
    assert isinstance(e.value, roadmap.RoadmapError)


def test_read_excel_refuses_csv(fixtures: Path) -> None:
    with pytest.raises(roadmap.UnsupportedFormatError, match="read_csv"):
        roadmap.read_excel(fixtures / "noid.csv")


def test_truncated_workbook_is_unreadable(example: Path) -> None:
    data = example.read_bytes()
    with pytest.raises(roadmap.UnreadableFileError) as e:
        roadmap.read_excel(data[: len(data) // 2])
    assert isinstance(e.value, roadmap.RoadmapError)


def test_oversized_input_exceeds_a_limit() -> None:
    # One 2 MiB field, over the 1 MiB default field limit.
    data = b"ID,Initiative\nA-1," + b"x" * (2 << 20) + b"\n"
    with pytest.raises(roadmap.LimitExceededError) as e:
        roadmap.read_csv(data)
    assert isinstance(e.value, roadmap.RoadmapError)
    assert "limit" in str(e.value)


def test_invalid_json() -> None:
    with pytest.raises(roadmap.InvalidJSONError) as e:
        roadmap.read_json('{"initiatives": 3}')
    assert "line 1" in str(e.value)


def test_profile_error(fixtures: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(roadmap.ProfileError):
        roadmap.read_excel(fixtures / "annex.xlsx", profile=bad)


def test_no_table_and_missing_sheet(fixtures: Path) -> None:
    with pytest.raises(roadmap.NoTableError):
        roadmap.read_csv(b"just,some\nwords,here\n")
    with pytest.raises(roadmap.SheetNotFoundError, match="Unit B"):
        roadmap.read_excel(fixtures / "multi.xlsx", sheet="Unit Z")


def test_strict_read_raises_validation_error_with_the_report(fixtures: Path, profile: str) -> None:
    with pytest.raises(roadmap.ValidationError) as e:
        roadmap.read_excel(fixtures / "dashboard.xlsx", strict=True, profile=profile)
    assert isinstance(e.value, ValueError)
    assert isinstance(e.value, roadmap.RoadmapError)
    assert len(e.value.report.errors) == 4


def test_text_file_object_is_a_type_error(fixtures: Path) -> None:
    with open(fixtures / "noid.csv") as f, pytest.raises(TypeError, match="binary"):
        roadmap.read(f)
