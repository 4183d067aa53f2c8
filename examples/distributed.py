"""Converts a folder of trackers into one Parquet dataset on a dask.distributed
cluster, then asks the history a question with DuckDB.

    python examples/distributed.py TRACKERS OUT                     # a local cluster, 2 workers
    python examples/distributed.py TRACKERS OUT --scheduler tcp://scheduler:8786
    python examples/distributed.py --demo 200 --rows 50 TRACKERS OUT  # make trackers first

Each task converts one file: the worker reads its bytes (here from the
folder; on a real cluster, from shared storage or an object store's client)
with ``roadmap.read``, validates it, and stages its snapshot into the run
(``roadmap.parquet.stage``). A file that cannot be read is staged as a row of
the issues table and the batch goes on. When every task is done, the client
commits the run: each partition moves into place in one rename, so a run
that fails leaves nothing behind. The question asked of the history: how
initiatives moved between statuses, per pillar, from one snapshot of a
source to its next. The exit code is 1 when any file could not be read.

``--demo N`` first writes N trackers with roadmap itself: units with a
snapshot each month, statuses moving on from month to month (a random
generator, seeded).
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

# This file is named distributed.py, as the package dask.distributed imports:
# its own folder leaves the import path, so `import distributed` finds the
# package and not this script.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import roadmap  # noqa: E402

TRACKER_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".json"}
PILLARS = ["Governance", "Digital services", "People and culture", "Finance", "Partnerships"]
NEXT = {"planned": ["planned", "ongoing"], "ongoing": ["ongoing", "completed", "revised"]}

TRANSITIONS = """
SELECT pillar, previous AS "from", status AS "to", count(*) AS initiatives
FROM (
    SELECT pillar, status,
           lag(status) OVER (PARTITION BY source, id ORDER BY as_of) AS previous
    FROM read_parquet('{out}/initiatives/**/*.parquet', hive_partitioning = true)
    WHERE as_of IS NOT NULL
)
WHERE previous IS NOT NULL AND previous <> status
GROUP BY ALL
ORDER BY pillar, initiatives DESC, "from", "to"
"""


def convert(path: str, out: str, run: str) -> dict[str, Any]:
    """One task: read a tracker's bytes, stage its snapshot. Runs on a worker."""
    name = Path(path).name
    started = time.perf_counter()
    data = Path(path).read_bytes()  # on a cluster: the bytes from any store
    try:
        rm = roadmap.read(data, name=name)
    except (roadmap.RoadmapError, OSError) as e:
        roadmap.parquet.stage_failure(e, out, run=run, source=name)
        return {"file": path, "initiatives": 0, "error": str(e), "seconds": time.perf_counter() - started}
    roadmap.parquet.stage(rm, out, run=run, source=name)
    return {"file": path, "initiatives": len(rm), "error": None, "seconds": time.perf_counter() - started}


def trackers(folder: Path) -> list[str]:
    return sorted(
        str(p)
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in TRACKER_SUFFIXES and not p.name.startswith(("~$", "."))
    )


def make_demo(folder: Path, count: int, rows: int, seed: int = 2026) -> None:
    """Writes `count` trackers: a unit's snapshot per month, its initiatives'
    statuses moving on each month."""
    rnd = random.Random(seed)
    months = 4
    units = max(1, count // months)
    made = 0
    for u in range(units):
        status = {f"U{u:03d}-{k + 1:04d}": rnd.choice(["planned", "ongoing"]) for k in range(rows)}
        pillar = {i: rnd.choice(PILLARS) for i in status}
        for m in range(months):
            if made == count:
                return
            as_of = datetime.date(2026, 3 + 3 * m, 28)
            initiatives = [
                roadmap.Initiative(
                    i, f"Initiative {i}", pillar=pillar[i], status=s, progress=100 if s == "completed" else 0
                )
                for i, s in status.items()
            ]
            rm = roadmap.Roadmap(initiatives, title=f"Unit {u:03d}", as_of=as_of)
            target = folder / as_of.isoformat() / f"unit-{u:03d}.xlsx"
            target.parent.mkdir(parents=True, exist_ok=True)
            rm.write(target)
            made += 1
            status = {i: rnd.choice(NEXT.get(s, [s])) for i, s in status.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("trackers", type=Path, help="a folder of trackers (searched recursively)")
    ap.add_argument("out", type=Path, help="the Parquet dataset's folder")
    ap.add_argument("--workers", type=int, default=2, help="local cluster's workers (default 2)")
    ap.add_argument("--scheduler", help="a running cluster's scheduler address, instead of a local cluster")
    ap.add_argument("--demo", type=int, metavar="N", help="first write N demo trackers into TRACKERS")
    ap.add_argument("--rows", type=int, default=50, help="initiatives per demo tracker (default 50)")
    ap.add_argument("--json", type=Path, help="write the run's figures here as JSON")
    args = ap.parse_args()

    from dask.distributed import Client, LocalCluster

    if args.demo:
        made = time.perf_counter()
        make_demo(args.trackers, args.demo, args.rows)
        print(f"wrote {args.demo} demo trackers in {time.perf_counter() - made:.1f}s", file=sys.stderr)
    files = trackers(args.trackers)
    if not files:
        print(f"{args.trackers}: no tracker to convert", file=sys.stderr)
        return 2
    run = uuid.uuid4().hex
    cluster = None if args.scheduler else LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
    with Client(args.scheduler or cluster) as client:
        started = time.perf_counter()
        futures = client.map(convert, files, out=str(args.out), run=run, pure=False)
        try:
            results = client.gather(futures)
        except BaseException:
            roadmap.parquet.discard(args.out, run=run)
            raise
        roadmap.parquet.commit(args.out, run=run)
        seconds = time.perf_counter() - started
        workers = len(client.scheduler_info()["workers"])
    if cluster is not None:
        cluster.close()

    import duckdb

    failed = [r for r in results if r["error"]]
    initiatives = sum(r["initiatives"] for r in results)
    print(
        f"{len(files)} files, {initiatives} initiatives, {len(failed)} not read, on {workers} workers "
        f"in {seconds:.2f}s: {len(files) / seconds:.1f} files/s"
    )
    for r in failed:
        print(f"  not read: {r['file']}: {r['error']}")
    transitions = duckdb.sql(TRANSITIONS.format(out=args.out.as_posix())).fetchall()
    print("status transitions between snapshots, per pillar:")
    for pillar, before, after, n in transitions:
        print(f"  {pillar}: {before} -> {after}: {n}")
    if args.json:
        figures = {
            "files": len(files),
            "initiatives": initiatives,
            "failed": len(failed),
            "workers": workers,
            "seconds": seconds,
            "task_seconds": sum(r["seconds"] for r in results),
            "transitions": [list(t) for t in transitions],
        }
        args.json.write_text(json.dumps(figures, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
