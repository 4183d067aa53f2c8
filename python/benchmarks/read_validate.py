"""Reading a generated 100k-row tracker in one run, four ways:

1. roadmap.read_excel(path) + validate() + to_pandas()   (ours: read, map, type, validate, DataFrame)
2. fastexcel.read_excel(path).load_sheet(0).to_pandas()  (plain read, no validation)
3. pandas.read_excel(path, engine="calamine")            (plain read, no validation)
4. pandas.read_excel(path) + pydantic row validation     (read, then validate each row)

    python python/benchmarks/read_validate.py [--rows 100000] [--repeat 3]

It generates the tracker with the repository's generator (crates/roadmap-io/benches/gen_tracker.py,
needs xlsxwriter) into target/bench-data/ unless it is there, and prints the median seconds of
each and the ratios the goals are stated in.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]


def tracker(rows: int) -> Path:
    stem = ROOT / "target" / "bench-data" / f"tracker_{rows}"
    path = stem.with_suffix(".xlsx")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        gen = ROOT / "crates" / "roadmap-io" / "benches" / "gen_tracker.py"
        subprocess.run(
            [sys.executable, str(gen), "--rows", str(rows), "--out", str(stem), "--format", "xlsx"], check=True
        )
    return path


def ours(path: Path) -> int:
    import roadmap

    rm = roadmap.read_excel(path)
    rm.validate()
    return len(rm.to_pandas())


def fastexcel_plain(path: Path) -> int:
    import fastexcel

    return len(fastexcel.read_excel(str(path)).load_sheet(0).to_pandas())


def pandas_calamine(path: Path) -> int:
    import pandas as pd

    return len(pd.read_excel(path, engine="calamine"))


def pandas_pydantic(path: Path) -> int:
    import pandas as pd
    from pydantic import BaseModel, ValidationError, field_validator

    class Row(BaseModel):
        ID: str
        Initiative: str
        Pillar: str
        Status: str
        Start_date: datetime.date | None = None
        Due_date: datetime.date | None = None
        Progress: float | None = None

        @field_validator("Status")
        @classmethod
        def known_status(cls, v: str) -> str:
            if v.strip().lower() not in {"completed", "ongoing", "planned", "revised"}:
                raise ValueError("unknown status")
            return v

    df = pd.read_excel(path, engine="calamine")
    df = df.rename(columns={"Start date": "Start_date", "Due date": "Due_date", "Progress %": "Progress"})
    ok = 0
    for record in df.to_dict("records"):
        clean = {k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}
        for k in ("Start_date", "Due_date"):
            if isinstance(clean.get(k), (datetime.datetime, pd.Timestamp)):
                clean[k] = clean[k].date()
            elif not isinstance(clean.get(k), datetime.date):
                clean[k] = None
        try:
            Row(
                **{
                    k: (str(v) if k in ("ID", "Initiative", "Pillar", "Status") and v is not None else v)
                    for k, v in clean.items()
                    if k in Row.model_fields
                }
            )
            ok += 1
        except ValidationError:
            pass
    return len(df)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = tracker(args.rows)
    # Every library is imported before any clock starts: pandas alone takes
    # most of a second to import, which would land on whichever runs first.
    import fastexcel  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
    import pydantic  # noqa: F401
    import python_calamine  # noqa: F401

    import roadmap  # noqa: F401

    ways: list[tuple[str, Callable[[Path], int]]] = [
        ("roadmap read_excel + validate + to_pandas", ours),
        ("fastexcel load_sheet + to_pandas", fastexcel_plain),
        ("pandas read_excel (calamine)", pandas_calamine),
        ("pandas read_excel + pydantic rows", pandas_pydantic),
    ]
    medians: dict[str, float] = {}
    for name, f in ways:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            n = f(path)
            times.append(time.perf_counter() - start)
        medians[name] = statistics.median(times)
        print(f"{name:<45} {medians[name]:8.2f} s  ({n} rows)")
    ours_s = medians[ways[0][0]]
    for name, _ in ways[1:]:
        print(f"{name:<45} / ours = {medians[name] / ours_s:5.2f}x")


if __name__ == "__main__":
    main()
