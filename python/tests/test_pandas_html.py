"""pandas tables and the notebook HTML."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import roadmap


def test_roadmap_to_pandas_has_typed_columns(fixtures: Path) -> None:
    rm = roadmap.read_excel(fixtures / "dashboard.xlsx")
    df = rm.to_pandas()
    assert len(df) == len(rm)
    assert list(df.columns[:4]) == ["id", "title", "parent", "pillar"]
    assert isinstance(df["status"].dtype, pd.CategoricalDtype)
    assert list(df["status"].cat.categories) == ["completed", "ongoing", "planned", "revised"]
    assert df["status"].cat.ordered
    assert pd.api.types.is_datetime64_any_dtype(df["due"])
    assert df["progress"].dtype == "float64"
    assert df.loc[df["id"] == "INI-001", "source_sheet"].item() == "Dashboard"
    assert df["source_row"].dtype == "UInt32"


def test_deliverables_to_pandas(seed: Path) -> None:
    df = roadmap.read_json(seed).deliverables_to_pandas()
    assert list(df.columns) == [
        "initiative",
        "checkpoint",
        "description",
        "status",
        "due",
        "source_file",
        "source_sheet",
        "source_row",
        "source_cell",
    ]
    assert set(df["checkpoint"]) == {"C26", "PP-26"}


def test_report_rollup_and_diff_to_pandas(fixtures: Path, seed: Path) -> None:
    report = roadmap.read_excel(fixtures / "dashboard.xlsx").validate()
    df = report.to_pandas()
    assert len(df) == len(report)
    assert df.loc[0, "cell"] == report[0].location.cell  # type: ignore[union-attr]
    rm = roadmap.read_json(seed)
    by_pillar = rm.rollup(by="pillar").to_pandas()
    assert by_pillar["total"].sum() == 29
    assert set(by_pillar.columns) >= {"completed", "ongoing", "planned", "revised", "completion_rate"}
    by_cp = rm.rollup(by="checkpoint").to_pandas()
    assert list(by_cp["id"]) == ["C26", "PP-26"]
    assert rm.diff(rm).to_pandas().empty


def test_html_reprs(fixtures: Path) -> None:
    rm = roadmap.read_excel(fixtures / "dashboard.xlsx")
    html = rm._repr_html_()
    total = rm.rollup().total
    assert f'data-figure="total">{total}<' in html and 'class="rm-bar"' in html
    report_html = rm.validate()._repr_html_()
    assert "unknown-status" in report_html and "Dashboard!F13" in report_html
    by_owner = rm.rollup(by="owner")._repr_html_()
    assert all(f'data-group="{g["name"]}"' in by_owner for g in rm.rollup(by="owner").groups)
    assert 'data-table="checkpoint"' in rm.rollup(by="checkpoint")._repr_html_()


def test_without_pandas_the_error_says_how_to_install_it(seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    rm = roadmap.read_json(seed)
    with pytest.raises(ImportError, match="pip install pandas"):
        rm.to_pandas()
    # Everything else works without it.
    assert rm.rollup().total == 29


def test_without_pyarrow_or_polars_the_error_says_how_to_install_them(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    rm = roadmap.read_json(seed)
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match="pip install polars"):
        rm.to_polars()
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match="pip install pyarrow"):
        rm.to_pandas()
    with pytest.raises(ImportError, match="pip install pyarrow"):
        rm.validate().to_arrow()


def test_the_status_report(seed: Path, tmp_path: Path) -> None:
    rm = roadmap.read_json(seed)
    html = rm.report()
    assert html is not None and html.startswith("<!DOCTYPE html>")
    assert f'data-figure="total">{rm.rollup().total}<' in html
    arabic = rm.report(lang="ar")
    assert arabic is not None and 'dir="rtl"' in arabic
    out = tmp_path / "report.md"
    assert rm.report(out) is None
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ") and "| Initiatives" in text
    since = rm.report(format="md", since=rm, as_of="2026-01-31")
    assert since is not None and "Nothing changed." in since and "As of 31 January 2026" in since
    with pytest.raises(ValueError, match="de"):
        rm.report(lang="de")  # type: ignore[arg-type]
