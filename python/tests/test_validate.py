"""Validation: the report, custom Python rules, rollup and diff."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import roadmap
from roadmap import Issue, Status


def test_report_of_a_tracker_with_issues(fixtures: Path, profile: str) -> None:
    rm = roadmap.read_excel(fixtures / "dashboard.xlsx", profile=profile)
    report = rm.validate()
    assert not report.ok
    assert len(report.errors) == 4
    assert report.count_by_code()["unreadable-date"] == 2
    first = report.errors[0]
    assert first.code == "unreadable-date"
    assert first.severity == "error"
    assert first.initiative == "INI-004"
    assert first.location is not None and first.location.cell == "H9"
    assert report[0].code == report.issues[0].code
    assert report.to_dict()[0]["code"] == report.issues[0].code
    assert "4 errors" in repr(report)


def test_clean_roadmap_is_ok(seed: Path) -> None:
    assert roadmap.read_json(seed).validate().ok


def test_custom_rules_run_beside_the_builtin_ones(fixtures: Path) -> None:
    rm = roadmap.read_excel(fixtures / "dashboard.xlsx")

    def needs_due_date(ini: roadmap.Initiative) -> str | None:
        return None if ini.due else "no due date"

    @roadmap.rule("too-many-ongoing", severity="error", scope="roadmap")
    def too_many_ongoing(rm: roadmap.Roadmap) -> list[Issue]:
        ongoing = [i for i in rm if i.status is Status.ONGOING]
        return [Issue("too-many-ongoing", "ongoing", "error", initiative=i.id, field="status") for i in ongoing[:1]]

    builtin = rm.validate()
    report = rm.validate(rules=[needs_due_date, too_many_ongoing])
    codes = report.count_by_code()
    assert codes["needs-due-date"] > 0
    assert codes["too-many-ongoing"] == 1
    assert len(report) > len(builtin)
    custom = next(i for i in report.issues if i.code == "too-many-ongoing")
    assert custom.location is not None and custom.location.sheet == "Dashboard"
    assert custom.location.cell is not None and custom.location.cell.startswith("F")


def test_a_rule_returning_garbage_is_a_rule_error(seed: Path) -> None:
    with pytest.raises(roadmap.RuleError):
        roadmap.read_json(seed).validate(rules=[lambda ini: 42])


def test_rules_catalogue() -> None:
    catalogue = roadmap.rules()
    codes = {c.code: c for c in catalogue}
    assert codes["unknown-status"].severity == "error"
    assert "not-preserved" in codes
    assert len(catalogue) > 30


def test_rollup_by_pillar_and_checkpoint(seed: Path) -> None:
    rm = roadmap.read_json(seed)
    r = rm.rollup()
    assert r.total == 29
    assert r.by_status["completed"] == 7
    assert r.groups[0]["id"] == "governance"
    assert r.to_dict()["total"] == 29
    cp = rm.rollup(by="checkpoint")
    assert cp.groups[0]["id"] == "C26"
    late = rm.rollup(as_of=datetime.date(2026, 2, 1)).to_dict()
    assert late["overdue"][0]["id"] == "innovation-hub.setup"
    with pytest.raises(ValueError):
        rm.rollup(by="colour")


def test_diff(seed: Path) -> None:
    old = roadmap.read_json(seed)
    data = old.to_dict()
    data["initiatives"][7]["status"] = "ongoing"
    new = roadmap.Roadmap.from_dict(data)
    d = old.diff(new)
    assert d
    assert d.to_dict()["status_changes"][0]["to"] == "ongoing"
    assert not old.diff(old)
