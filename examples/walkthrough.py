"""A walk through the Python package: read a tracker, validate it, roll it up
by pillar, and plot the status of each pillar.

    python examples/walkthrough.py [TRACKER] [--plot status.png]

Runs in CI (scripts/test) on the bundled example tracker.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt

import roadmap

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tracker", nargs="?", default=HERE / "itu-transformation.xlsx", type=Path)
    parser.add_argument("--plot", default=Path("status-by-pillar.png"), type=Path)
    args = parser.parse_args()

    # 1. Read the tracker: every sheet with an initiative table.
    rm = roadmap.read_excel(args.tracker)
    print(rm)

    # 2. Validate: import issues, the built-in rules, and one rule of our own.
    @roadmap.rule(severity="info")
    def ongoing_without_owner(ini: roadmap.Initiative) -> str | None:
        if ini.status is roadmap.Status.ONGOING and not ini.owner and not rm.children(ini.id):
            return f"'{ini.title}' is ongoing with no owner"
        return None

    report = rm.validate(rules=[ongoing_without_owner])
    print(report)
    print(report.to_pandas().groupby("code").size().to_string())

    # 3. Roll up by pillar: the dashboard figures.
    by_pillar = rm.rollup(by="pillar").to_pandas().set_index("name")
    print(by_pillar[["total", "completed", "ongoing", "planned", "revised", "completion_rate"]].to_string())

    # 4. Plot the status of each pillar as stacked bars.
    statuses = ["completed", "ongoing", "planned", "revised"]
    ax = by_pillar[statuses].plot.barh(stacked=True, figsize=(8, 4), color=["#2e7d32", "#f9a825", "#90a4ae", "#8e24aa"])
    ax.set_xlabel("initiatives")
    ax.set_ylabel("")
    ax.set_title(rm.title or "Status by pillar")
    plt.tight_layout()
    plt.savefig(args.plot)
    print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
