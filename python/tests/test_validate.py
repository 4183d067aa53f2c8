"""Validation: the report, custom Python rules, rollup and diff."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

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


# A tracker as a person reads it: A-1 (row 2) has no owner, its Owner cell is C2;
# A-2 (row 3) is owned by Unit B.
TRACKER = b"ID,Initiative,Owner,Status\nA-1,Portal,,Ongoing\nA-2,Kiosk,Unit B,Planned\n"


def test_a_rule_may_return_a_dict_as_analysts_write_them() -> None:
    rm = roadmap.read_csv(TRACKER)

    def ongoing_needs_owner(ini: roadmap.Initiative) -> dict[str, str] | None:
        if ini.owner or ini.status is not Status.ONGOING:
            return None
        return {"code": "no-owner", "severity": "error", "message": "ongoing, no owner", "field": "status"}

    report = rm.validate(rules=[ongoing_needs_owner])
    found = [i for i in report.issues if i.code == "no-owner"]
    assert [(i.initiative, i.severity, i.message) for i in found] == [("A-1", "error", "ongoing, no owner")]
    # At the cell of the field it names: A-1's status, "Ongoing", is in D2.
    location = found[0].location
    assert location is not None and (location.cell, location.field) == ("D2", "status")


def test_a_rule_may_return_a_list_of_dicts_issues_and_messages() -> None:
    rm = roadmap.read_csv(TRACKER)

    @roadmap.rule("tracker-check", severity="info", scope="roadmap")
    def tracker_check(rm: roadmap.Roadmap) -> list[Any]:
        return [
            {"code": "kiosk-late", "message": "the kiosk is late", "initiative": "A-2", "field": "status"},
            {"code": "portal-note", "severity": "warning", "message": "see the portal", "suggestion": "ask Unit A"},
            Issue("portal-issue", "an Issue", "error", initiative="A-1"),
            "a message",
        ]

    report = rm.validate(rules=[tracker_check])
    custom = [i for i in report.issues if i.code in ("kiosk-late", "portal-note", "portal-issue", "tracker-check")]
    got = [(i.code, i.severity, i.initiative, i.suggestion) for i in custom]
    assert got == [
        # No severity in the dict: the rule's.
        ("kiosk-late", "info", "A-2", None),
        ("portal-note", "warning", None, "ask Unit A"),
        ("portal-issue", "error", "A-1", None),
        ("tracker-check", "info", None, None),
    ]
    # Located at the initiative and field it names: A-2's status is D3.
    assert custom[0].location is not None and custom[0].location.cell == "D3"


@pytest.mark.parametrize(
    ("returned", "says"),
    [
        ({"severity": "warning", "message": "no owner"}, "without a 'code'"),
        ({"code": "no-owner", "severity": "warning"}, "without a 'message'"),
        ({"code": "", "message": "no owner"}, "without a 'code'"),
        ({"code": "no-owner", "severity": "critical", "message": "no owner"}, 'severity is "critical"'),
        ({"code": "no-owner", "sevrity": "error", "message": "no owner"}, "the key 'sevrity'"),
        ({"code": 42, "message": "no owner"}, "'code' is 42, not text"),
        ([{"code": "no-owner", "message": "fine"}, {"message": "no code"}], "without a 'code'"),
        ([42], "42, not None, a message, an Issue, a dict or a list of them"),
    ],
)
def test_a_rule_returning_a_bad_dict_is_a_rule_error(returned: object, says: str) -> None:
    def owner_named(ini: roadmap.Initiative) -> Any:
        return returned

    with pytest.raises(roadmap.RuleError) as e:
        roadmap.read_csv(TRACKER).validate(rules=[owner_named])
    assert "rule owner_named returned" in str(e.value)
    assert says in str(e.value)
