"""Compact HTML for Jupyter: a validation report grouped by code (roadmaps
and rollups draw the status report's stacked bars, from Rust)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._model import Report

MAX_ISSUES = 50


def _table(header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


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
