"""The handed cases (crates/roadmap-io/tests/fixtures/cases, with what a person
reads in each, cases.json) read through Python as through the command
(crates/roadmap-cli/tests/cases.rs checks the same through the CLI)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import roadmap

CASES = Path(__file__).resolve().parents[2] / "crates" / "roadmap-io" / "tests" / "fixtures" / "cases"
SPEC = json.loads((CASES / "cases.json").read_text(encoding="utf-8"))["cases"]


def norm(text: str) -> str:
    """Lower-case ASCII letters and digits: how cases.json's names compare."""
    return "".join(c.lower() for c in text if c.isascii() and c.isalnum())


def failures(file: str, expect: dict[str, Any]) -> list[str]:
    rm = roadmap.read(CASES / file)
    doc = rm.to_dict()
    issues = rm.validate().to_dict()
    inits = doc["initiatives"]
    by_id = {i["id"]: i for i in inits}
    pillar_names = {p["id"]: p["name"] for p in doc.get("pillars", [])}
    wrong: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            wrong.append(what)

    if "initiatives" in expect:
        check(len(inits) == expect["initiatives"], f"{expect['initiatives']} initiatives, got {len(inits)}")
    if "ids" in expect:
        check(sorted(by_id) == sorted(expect["ids"]), f"ids {expect['ids']}")
    for status, n in expect.get("status_counts", {}).items():
        got = sum(1 for i in inits if i.get("status") == status)
        check(got == n, f"{n} {status}, got {got}")
    for field in ("status", "owner", "due", "progress"):
        for id_, want in expect.get(field, {}).items():
            got = by_id.get(id_, {}).get(field)
            same = (
                math.isclose(got, want, abs_tol=1e-6)
                if isinstance(got, (int, float)) and isinstance(want, (int, float))
                else got == want
            )
            check(same, f"{id_} {field} {want}, got {got}")
    for key in ("pillars", "pillar_names"):
        if key not in expect:
            continue
        want = [norm(w) for w in expect[key]]
        used = [norm(pillar_names.get(i["pillar"], i["pillar"])) for i in inits if i.get("pillar")]
        named = [norm(n) for n in pillar_names.values()] + used
        check(all(w in named for w in want) and all(u in want for u in used), f"pillar names {want}, used {used}")
    for id_, row in expect.get("rows", {}).items():
        got = by_id.get(id_, {}).get("source", {}).get("row")
        check(got == row, f"{id_} on row {row}, got {got}")
    for want in expect.get("issues", []):
        found = any(
            (want.get("code") is None or issue["code"] == want["code"])
            and all(
                want.get(k) is None or (issue.get("location") or {}).get(k) == want[k] for k in ("row", "cell", "sheet")
            )
            for issue in issues
        )
        check(found, f"an issue {want}")
    for code in expect.get("no_issues", []):
        n = sum(1 for i in issues if i["code"] == code)
        check(n == 0, f"no {code}, got {n}")
    for id_, values in expect.get("extra_values", {}).items():
        kept = list((by_id.get(id_, {}).get("extra") or {}).values())
        check(all(v in kept for v in values), f"{id_} keeps {values}, extra {kept}")
    return wrong


@pytest.mark.parametrize("case", SPEC, ids=[c["file"] for c in SPEC])
def test_every_case_reads_as_a_person_reads_it(case: dict[str, Any]) -> None:
    assert failures(case["file"], case["expect"]) == [], case["kind"]
