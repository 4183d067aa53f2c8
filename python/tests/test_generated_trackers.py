"""Trackers of random layouts (scripts/gen_trackers.py), read through the package,
against the truth the generator wrote from what it put in each file.

Run with ``-s`` to see how many files with each trait were read exactly. The
traits the engine does not read yet (``gen_trackers.PENDING``) are left out
here; ``python3 scripts/gen_trackers.py --traits all --check`` includes them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import roadmap

ROOT = Path(__file__).resolve().parents[2]
COUNT = 40
SEED = 5
FORMATS = ["xlsx", "xls", "ods", "csv"]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_trackers", ROOT / "scripts" / "gen_trackers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_trackers"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gen = _generator()


def _read(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    rm = roadmap.read(path)
    return rm.to_dict(), rm.validate().to_dict()


def test_generated_trackers_are_read_as_a_person_reads_them(tmp_path: Path) -> None:
    supported = gen.resolve_traits("supported")
    files = gen.generate(COUNT, SEED, tmp_path, supported, FORMATS)
    table, failures = gen.check(files, _read)
    print(f"\n{len(files)} files from {COUNT} generated trackers (seed {SEED})")
    print(gen.format_table(table))

    for fmt in FORMATS:
        assert table.get(f"format-{fmt}", [0])[0] > 0, f"no {fmt} file was generated"
    # Every trait the generator composes here appears in some file, so the
    # table above says something about each (a trait added to the generator
    # may need another SEED or COUNT for this to hold).
    assert set(supported) - set(table) == set(), f"traits no file had: {sorted(set(supported) - set(table))}"
    detail = []
    for path, diffs in failures.items():
        detail.append(f"{path.name}: " + "; ".join(diffs[:4]))
    assert not failures, f"{len(failures)} of {len(files)} files not read exactly:\n" + "\n".join(detail)
