"""Validated data for an organization's transformation roadmap.

Read the trackers programme offices keep (xlsx, xlsm, xlsb, xls, ods, CSV,
roadmap JSON) into a typed :class:`Roadmap`, validate it (every issue names
its cell), roll it up into the dashboard figures, diff two snapshots, and get
Arrow, polars and pandas tables::

    import roadmap

    rm = roadmap.read_excel("tracker.xlsx")
    report = rm.validate()
    report.to_pandas()
    rm.rollup(by="pillar").to_pandas()
"""

from __future__ import annotations

import os
from typing import IO, Any, Callable, TypeVar, Union

from . import _roadmap, parquet
from ._model import Diff, Report, Roadmap, Rollup
from ._roadmap import (
    Checkpoint,
    CodeInfo,
    Deliverable,
    DeliverableStatus,
    Initiative,
    InvalidJSONError,
    Issue,
    LimitExceededError,
    Location,
    NoTableError,
    Pillar,
    PriorityArea,
    ProfileError,
    RoadmapError,
    RuleError,
    SheetNotFoundError,
    Status,
    UnreadableFileError,
    UnsupportedFormatError,
    inspect,
    rules,
)

__version__: str = _roadmap.__version__

__all__ = [
    "Checkpoint",
    "CodeInfo",
    "Deliverable",
    "DeliverableStatus",
    "Diff",
    "Initiative",
    "InvalidJSONError",
    "Issue",
    "LimitExceededError",
    "Location",
    "NoTableError",
    "Pillar",
    "PriorityArea",
    "ProfileError",
    "Report",
    "Roadmap",
    "RoadmapError",
    "Rollup",
    "RuleError",
    "SheetNotFoundError",
    "Status",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "ValidationError",
    "__version__",
    "inspect",
    "parquet",
    "read",
    "read_csv",
    "read_excel",
    "read_json",
    "rule",
    "rules",
]

#: What the readers accept: a path, the file's bytes, or a binary file object.
Source = Union[str, "os.PathLike[str]", bytes, IO[bytes]]


class ValidationError(RoadmapError, ValueError):
    """A strict read found errors; ``.report`` holds every issue."""

    report: Report


def _read(source: Source, *, strict: bool, **options: Any) -> Roadmap:
    """The native reader's roadmap; with ``strict``, ValidationError when
    the import or the built-in rules find an error."""
    rm = Roadmap._wrap(_roadmap.read(source, **options))
    if strict:
        report = rm.validate()
        if not report.ok:
            errors = report.errors
            error = ValidationError(f"{len(errors)} errors; the first: {errors[0]}")
            error.report = report
            raise error
    return rm


def read(
    source: Source,
    *,
    sheet: str | list[str] | None = None,
    profile: str | os.PathLike[str] | None = None,
    strict: bool = False,
    name: str | None = None,
) -> Roadmap:
    """Reads any tracker roadmap reads, told by its content.

    ``sheet`` reads only those sheets; ``profile`` is a built-in profile name
    (default, en, fr, es, ar, zh, ru) or a JSON/TOML profile file; ``strict``
    raises :class:`ValidationError` when the data has errors. ``name`` is the
    file name of bytes or a file object (read from a store, say), which
    issues and every initiative's source carry; a path names itself.
    """
    return _read(source, sheet=sheet, profile=profile, strict=strict, name=name)


def read_excel(
    source: Source,
    sheet: str | list[str] | None = None,
    profile: str | os.PathLike[str] | None = None,
    *,
    strict: bool = False,
    name: str | None = None,
) -> Roadmap:
    """Reads a workbook (xlsx, xlsm, xlsb, xls, ods); every sheet holding a
    table by default. Raises :class:`UnsupportedFormatError` for CSV or JSON.
    ``name`` as for :func:`read`."""
    return _read(source, sheet=sheet, profile=profile, format="excel", strict=strict, name=name)


def read_csv(
    source: Source,
    profile: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    *,
    strict: bool = False,
    name: str | None = None,
) -> Roadmap:
    """Reads a CSV tracker. The encoding (UTF-8, UTF-16 with BOM, else
    Windows-1252) and the delimiter are detected unless given. ``name`` as
    for :func:`read`."""
    return _read(
        source, profile=profile, format="csv", encoding=encoding, delimiter=delimiter, strict=strict, name=name
    )


def read_json(path_or_str: Source) -> Roadmap:
    """Reads a roadmap JSON document: a path, its text, bytes or a file."""
    if isinstance(path_or_str, str) and path_or_str.lstrip().startswith("{"):
        return Roadmap.from_json(path_or_str)
    return _read(path_or_str, format="json", strict=False)


F = TypeVar("F", bound=Callable[..., object])


def rule(code: str | None = None, *, severity: str = "warning", scope: str = "initiative") -> Callable[[F], F]:
    """Marks a function as a validation rule for :meth:`Roadmap.validate`.

    The function receives an :class:`Initiative` (``scope="roadmap"``: the
    :class:`Roadmap`) and returns None, a message, an :class:`Issue`, a dict
    of an issue's fields, or a list of them; messages get ``code`` (the
    function's name by default) and ``severity``. A dict has an
    :class:`Issue`'s arguments as keys: ``code`` and ``message`` (required),
    ``severity`` (this rule's when left out), ``field``, ``initiative`` and
    ``suggestion``::

        @roadmap.rule()
        def owner_named(ini):
            if not ini.owner:
                return {"code": "no-owner", "severity": "warning", "message": "no owner", "field": "owner"}

    Anything else, or a dict without ``code`` or ``message``, with another
    key, or with a severity other than error, warning or info, raises
    :class:`RuleError` naming the rule. Plain functions work too, as
    initiative rules with warnings.
    """
    severity = _roadmap._severity(severity)
    if scope not in ("initiative", "roadmap"):
        raise ValueError(f"scope must be 'initiative' or 'roadmap', not {scope!r}")

    def mark(f: F) -> F:
        f.code = code or f.__name__.replace("_", "-")  # type: ignore[attr-defined]
        f.severity = severity  # type: ignore[attr-defined]
        f.scope = scope  # type: ignore[attr-defined]
        return f

    return mark
