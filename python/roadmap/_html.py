"""Compact HTML for Jupyter: a status table for roadmaps and rollups, the
report grouped by code."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._roadmap import Report, Roadmap, Rollup

STATUSES = ["completed", "ongoing", "planned", "revised", "unknown"]
MAX_ISSUES = 50


def _table(header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


def rollup_html(rollup: Rollup) -> str:
    s = rollup.by_status
    title = (
        f"<p><b>{rollup.total}</b> initiatives: {s['completed']} completed, {s['ongoing']} ongoing, "
        f"{s['planned']} planned, {s['revised']} revised; completion {_percent(rollup.completion_rate)}</p>"
    )
    if rollup.by == "checkpoint":
        rows: list[list[object]] = [
            [g["name"], g.get("date"), g["due"], g["achieved"], g["overdue"]] for g in rollup.groups
        ]
        return title + _table(["checkpoint", "date", "due", "achieved", "overdue"], rows)
    rows = [
        [g["name"], g["total"], *(g.get(k, 0) for k in STATUSES), _percent(g.get("completion_rate"))]
        for g in rollup.groups
    ]
    return title + _table([rollup.by.replace("_", " "), "total", *STATUSES, "completion"], rows)


def roadmap_html(rm: Roadmap) -> str:
    head = f"<p><b>{escape(rm.title or 'Roadmap')}</b>"
    if rm.as_of is not None:
        head += f", as of {rm.as_of.isoformat()}"
    head += f" &mdash; {len(rm)} initiatives</p>"
    return head + rollup_html(rm.rollup(by="pillar"))


def report_html(report: Report) -> str:
    counts = report.count_by_code()
    head = f"<p>{escape(repr(report)[1:-1])}</p>"
    by_code = _table(["code", "issues"], [[code, n] for code, n in counts.items()])
    rows: list[list[object]] = []
    for issue in report.issues[:MAX_ISSUES]:
        where = (issue.location and issue.location.place) or ""
        rows.append([issue.severity, issue.code, where, issue.initiative, issue.message, issue.suggestion])
    more = f"<p>... and {len(report) - MAX_ISSUES} more</p>" if len(report) > MAX_ISSUES else ""
    return head + by_code + _table(["severity", "code", "cell", "initiative", "message", "suggestion"], rows) + more
