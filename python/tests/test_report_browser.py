"""The status report in a real browser (headless Chromium): its figures read
back from the page equal `roadmap rollup --format json`; nothing overflows
its box at desktop and phone widths; it prints to PDF; Arabic is laid out
right to left. The desktop screenshot of the bundled example is the one in
the README (`ROADMAP_UPDATE_SCREENSHOT=1` writes it to docs/)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import roadmap

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "debug" / "roadmap"
OUT = ROOT / "target" / "report-browser"
BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium: install it (Debian: apt-get install chromium) to test the report in a browser"
)

# Run after the page: what overflows the viewport, and the page's direction.
PROBE = """<script>
(function () {
  var width = document.documentElement.clientWidth, over = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return;
    // Wide tables scroll inside their own box, which is what must fit.
    if (el.closest(".table-wrap") && !el.classList.contains("table-wrap")) return;
    if (r.right > width + 1 || r.left < -1) over.push(el.tagName.toLowerCase() + "." + el.className);
  });
  document.body.setAttribute("data-probe-overflow", over.join(" "));
  document.body.setAttribute("data-probe-width", String(width));
  document.body.setAttribute("data-probe-direction", getComputedStyle(document.body).direction);
})();
</script>"""


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=3000"]
    return subprocess.run([BROWSER, *flags, *args], capture_output=True, text=True, timeout=120, check=True)


class Figures(HTMLParser):
    """The page's `data-figure` values and its status-by-group tables."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, str] = {}
        self.groups: dict[str, dict[str, dict[str, str]]] = {}
        self.body: dict[str, str] = {}
        self._figure: str | None = None
        self._table: str | None = None
        self._group: str | None = None
        self._status: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.body = a
        if "data-figure" in a:
            self._figure = a["data-figure"]
        if tag == "table" and "data-table" in a:
            self._table = a["data-table"]
            self.groups.setdefault(self._table, {})
        if tag == "tr" and self._table and "data-group" in a:
            self._group = a["data-group"]
            self.groups[self._table][self._group] = {}
        if tag == "td" and self._group and "data-status" in a:
            self._status = a["data-status"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        if tag == "tr":
            self._group = None

    def handle_data(self, data: str) -> None:
        if self._figure is not None:
            self.figures[self._figure] = data.strip()
            self._figure = None
        if self._status is not None and self._table and self._group:
            self.groups[self._table][self._group][self._status] = data.strip()
            self._status = None


def load(page: Path, width: int, height: int) -> Figures:
    """The page as the browser built it, with the probe's findings."""
    probed = page.with_name(page.stem + ".probe.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = chromium(f"--window-size={width},{height}", "--dump-dom", probed.as_uri()).stdout
    parsed = Figures()
    parsed.feed(dom)
    return parsed


def rollup_json(tracker: Path, *profile: str) -> dict:
    assert CLI.exists(), f"{CLI}: `cargo build -p roadmap-cli` first (the test command does)"
    out = subprocess.run(
        [str(CLI), "rollup", str(tracker), "--format", "json", *profile], capture_output=True, check=True
    )
    return json.loads(out.stdout)


CASES = [
    (
        "example",
        ROOT / "examples" / "itu-transformation.xlsx",
        ["--profile", str(ROOT / "examples" / "profiles" / "itu-transformation.profile.json")],
    ),
    ("dashboard", ROOT / "crates" / "roadmap-io" / "tests" / "fixtures" / "dashboard.xlsx", []),
]


@pytest.mark.parametrize(("name", "tracker", "profile"), CASES, ids=[c[0] for c in CASES])
def test_the_figures_in_the_browser_are_the_rollup(name: str, tracker: Path, profile: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    options = {"profile": profile[1]} if profile else {}
    rm = roadmap.read_excel(tracker, **options)
    page = OUT / f"{name}.html"
    rm.report(page)
    want = rollup_json(tracker, *profile)
    shown = load(page, 1280, 900)
    assert int(shown.figures["total"]) == want["total"]
    for status in ("completed", "ongoing", "planned", "revised"):
        assert int(shown.figures[status]) == want["by_status"][status], status
    rate = want["completion_rate"]
    assert shown.figures["completion-rate"] == (f"{round(rate * 100)}%" if rate is not None else "–")
    for table, key in (("by-pillar", "by_pillar"), ("by-area", "by_priority_area")):
        groups = {g["name"]: g for g in want[key] if g["total"] > 0}
        assert set(shown.groups[table]) == set(groups), table
        for group, cells in shown.groups[table].items():
            assert int(cells["total"]) == groups[group]["total"], (table, group)
            for status in ("completed", "ongoing", "planned", "revised"):
                if status in cells:
                    assert int(cells[status]) == groups[group][status], (table, group, status)
    if name == "dashboard":
        quality = rm.validate()
        assert int(shown.figures["errors"]) + int(shown.figures["warnings"]) + int(shown.figures["infos"]) == len(
            quality
        )


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_nothing_overflows_its_box(width: int, height: int, monkeypatch: pytest.MonkeyPatch) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    name, tracker, profile = CASES[0]
    # Read by the path a reader of the README types: the page names its source.
    monkeypatch.chdir(ROOT)
    rm = roadmap.read_excel(tracker.relative_to(ROOT), profile=profile[1])
    page = OUT / f"{name}-{width}.html"
    rm.report(page, as_of="2026-01-31")
    shown = load(page, width, height)
    assert shown.body["data-probe-overflow"] == "", shown.body["data-probe-overflow"]
    assert int(shown.body["data-probe-width"]) <= max(width, 500)  # Chromium's narrowest headless window
    shot = OUT / f"dashboard-{width}.png"
    chromium(f"--window-size={width},{height * 3}", f"--screenshot={shot}", page.as_uri())
    assert shot.stat().st_size > 10_000
    if width == 1280 and os.environ.get("ROADMAP_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "dashboard.png")


def test_it_prints_to_pdf() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rm = roadmap.read_excel(CASES[0][1], profile=CASES[0][2][1])
    page = OUT / "print.html"
    rm.report(page)
    pdf = OUT / "dashboard.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # A4 (595 x 842 points), more than one page: the sections break.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595) < 1 and abs(float(h) - 842) < 1 for w, h in boxes), boxes
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) > 1


def test_arabic_is_right_to_left() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rm = roadmap.read_excel(CASES[0][1], profile=CASES[0][2][1])
    page = OUT / "arabic.html"
    rm.report(page, lang="ar")
    shown = load(page, 1280, 900)
    assert shown.body["data-probe-direction"] == "rtl"
    assert shown.body["data-probe-overflow"] == ""
