"""Parquet datasets of every snapshot: the layout ``roadmap convert --to
parquet`` writes, from Python and from the workers of a cluster.

A dataset is a folder with a sub-folder per table (``initiatives``,
``deliverables``, ``issues``), partitioned the Hive way by snapshot and
source: ``OUT/initiatives/as_of=2026-06-30/source=unit-a.xlsx/part-0.parquet``
(``schemas/columnar.json`` gives the columns). Processes that share the
folder stage their snapshots into one named run; one process commits the
run, which moves each partition into place in one rename. Until then
nothing is in place, and :func:`discard` removes what a failed run staged::

    run = "2026-06"
    for path in trackers:               # on any process or worker
        rm = roadmap.read(path)
        roadmap.parquet.stage(rm, "history", run=run, source=path.name)
    roadmap.parquet.commit("history", run=run)
"""

from __future__ import annotations

import os
from typing import Union

from . import _roadmap
from ._model import Report, Roadmap

_Path = Union[str, "os.PathLike[str]"]

__all__ = ["commit", "discard", "stage", "stage_failure"]


def stage(rm: Roadmap, root: _Path, *, run: str, source: str, issues: Report | None = None) -> None:
    """Stages ``rm``'s initiatives, deliverables and issues as ``source``'s
    snapshot (``rm.as_of``) in run ``run`` of the dataset ``root``.

    ``issues`` are the import's and the validation's (``rm.validate()``) by
    default. Raises ValueError when the run staged that source's snapshot
    already, OSError when a file cannot be written.
    """
    native = Roadmap._core_of(rm, "rm")
    issues = rm.validate() if issues is None else issues
    _roadmap._stage_parquet(root, run, source, native, Report._core_of(issues, "issues"))


def stage_failure(error: BaseException, root: _Path, *, run: str, source: str) -> None:
    """Stages a file that could not be read: no initiatives, and the error as
    the one row of its issues (code from the error's class, such as
    ``unsupported-format``; its message; the file), so a batch never stops
    at a bad file and its failures can be queried with the rest."""
    _roadmap._stage_parquet_failure(root, run, source, _roadmap._error_code(error), str(error))


def commit(root: _Path, *, run: str) -> list[str]:
    """Moves every partition run ``run`` staged into place (each replacing
    the same source's earlier partition of the same snapshot) and removes
    the staging folder; returns the partitions' folders."""
    return _roadmap._commit_parquet(root, run)


def discard(root: _Path, *, run: str) -> None:
    """Removes run ``run``'s staging folder and everything staged in it."""
    _roadmap._discard_parquet(root, run)
