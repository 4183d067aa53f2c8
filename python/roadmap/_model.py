"""The package's classes over the native core: :class:`Roadmap`,
:class:`Report`, :class:`Rollup` and :class:`Diff` each hold one object of
``roadmap._roadmap`` (``_Roadmap``, ``_Report``, ``_Rollup``, ``_Diff``),
which does the work in Rust; these classes add what belongs to Python — the
tables as pyarrow, polars and pandas objects, and notebook HTML. Their values
(:class:`~roadmap.Initiative`, :class:`~roadmap.Issue`, ...) are the core's
own frozen classes.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from . import _frames, _html, _roadmap
from ._roadmap import Checkpoint, Initiative, Issue, Pillar, PriorityArea

if TYPE_CHECKING:
    import pandas as pd
    from typing_extensions import Self


class _Native:
    """A Python object holding its native core in ``_native``."""

    __slots__ = ("_native",)
    _native: Any

    def __init_subclass__(cls) -> None:
        # The public name: reprs, help() and pickles say roadmap.Roadmap.
        cls.__module__ = "roadmap"

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError(
            f"{type(self).__name__} objects come from a Roadmap (validate, rollup, diff, write), not from a constructor"
        )

    @classmethod
    def _wrap(cls, native: Any) -> Self:
        obj = cls.__new__(cls)
        obj._native = native
        return obj

    def __repr__(self) -> str:
        return repr(self._native)

    @classmethod
    def _core_of(cls, obj: object, argument: str) -> Any:
        """The core of ``obj``, which must be one of these; TypeError naming
        ``argument`` otherwise."""
        if not isinstance(obj, cls):
            raise TypeError(f"{argument} must be a roadmap.{cls.__name__}, not {type(obj).__name__}")
        return obj._native


class _Tabular(_Native):
    """An object with a table (schemas/columnar.json gives its columns),
    handed over as an Arrow C stream and read by pyarrow, polars and pandas
    from that one stream."""

    __slots__ = ()
    #: The column pandas reads as an ordered categorical, and its order.
    _categorical: ClassVar[tuple[str, Sequence[str]] | None] = None

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The table as an Arrow C stream (the Arrow PyCapsule interface):
        ``pyarrow.table(x)``, ``polars.DataFrame(x)`` and DuckDB read it
        without a copy. Cast to ``requested_schema`` when one is given."""
        return self._native.__arrow_c_stream__(requested_schema)

    def to_arrow(self) -> Any:
        """The table as a ``pyarrow.Table``. Raises ImportError without pyarrow."""
        return _frames.to_arrow(self)

    def to_polars(self) -> Any:
        """The table as a ``polars.DataFrame``. Raises ImportError without polars."""
        return _frames.to_polars(self)

    def to_json(self) -> str:
        """The whole object as JSON text, in its published shape
        (schemas/roadmap, report, rollup or diff .schema.json)."""
        return str(self._native.to_json())

    def to_pandas(self) -> pd.DataFrame:
        """The table as a ``pandas.DataFrame``: pyarrow's reading of the Arrow
        stream, dates as datetime64, counts and source rows as nullable
        unsigned integers. Raises ImportError without pandas or pyarrow."""
        return _frames.to_pandas(self, self._categorical)


class Report(_Tabular):
    """Every issue found: import issues, then validation, then custom rules.

    A sequence of :class:`~roadmap.Issue`; its table has one row per issue:
    code, severity (an ordered categorical in pandas: error, warning, info),
    message, initiative, file, sheet, cell, row, column (1-based), field,
    suggestion.
    """

    __slots__ = ()
    _categorical = ("severity", _frames.SEVERITY_ORDER)

    @property
    def ok(self) -> bool:
        """True when no issue is an error."""
        return bool(self._native.ok)

    @property
    def issues(self) -> list[Issue]:
        """Every issue."""
        return list(self._native.issues)

    @property
    def errors(self) -> list[Issue]:
        """The errors."""
        return list(self._native.errors)

    @property
    def warnings(self) -> list[Issue]:
        """The warnings."""
        return list(self._native.warnings)

    def count_by_code(self) -> dict[str, int]:
        """How many issues have each code."""
        return dict(self._native.count_by_code())

    def to_dict(self) -> list[dict[str, Any]]:
        """The issues as a list of dicts (schemas/report.schema.json)."""
        return list(self._native.to_dict())

    def __len__(self) -> int:
        return len(self._native)

    def __bool__(self) -> bool:
        return bool(self._native)

    def __getitem__(self, index: int) -> Issue:
        return self._native[index]  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Issue]:
        return iter(self._native.issues)

    def _repr_html_(self) -> str:
        """The issues grouped by code, then the first issues with their cells."""
        return _html.report_html(self)


class Rollup(_Tabular):
    """The dashboard figures: counts by status overall and per pillar, priority
    area and owner; deliverables per checkpoint; overdue initiatives.

    Its table is that of :attr:`by`: one row per group (id, name, total, a
    count per status and unknown, completion_rate from 0 to 1,
    mean_progress in percent), or per checkpoint (id, name, date, due,
    achieved, in_progress, not_started, unknown, overdue).
    """

    __slots__ = ()

    @property
    def by(self) -> str:
        """The grouping the table and the HTML show: ``pillar``,
        ``priority_area``, ``owner`` or ``checkpoint``."""
        return str(self._native.by)

    @property
    def total(self) -> int:
        """Initiatives counted (leaves)."""
        return int(self._native.total)

    @property
    def by_status(self) -> dict[str, int]:
        """Counts per status: completed, ongoing, planned, revised, unknown."""
        return dict(self._native.by_status)

    @property
    def completion_rate(self) -> float | None:
        """Completed over counted (0 to 1), or None when nothing is counted."""
        return self._native.completion_rate  # type: ignore[no-any-return]

    @property
    def groups(self) -> list[dict[str, Any]]:
        """The groups of :attr:`by`, as dicts (id, name, total, counts,
        rates); the checkpoints' figures for ``by="checkpoint"``."""
        return list(self._native.groups)

    def to_dict(self) -> dict[str, Any]:
        """Everything, as a dict (schemas/rollup.schema.json)."""
        return dict(self._native.to_dict())

    def _repr_html_(self) -> str:
        """The figures of :attr:`by`, drawn as the report's stacked bars (a
        table of deliverables for checkpoints)."""
        return str(self._native._repr_html_())


class Diff(_Tabular):
    """What changed between two snapshots; its table has one row per change:
    change (added, removed, status, progress, field, deliverable), id, field,
    from, to (values as text). False when nothing changed."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Everything, as a dict (schemas/diff.schema.json)."""
        return dict(self._native.to_dict())

    def __bool__(self) -> bool:
        return bool(self._native)


class Roadmap(_Tabular):
    """A transformation roadmap: checkpoints, pillars, priority areas and
    initiatives, with the issues found reading it.

    Built from a tracker (:func:`roadmap.read`), from a dict or JSON text in
    the roadmap JSON's shape (schemas/roadmap.schema.json), or from
    keyword arguments: ``Roadmap([Initiative("1", "Digital ID")],
    title="...")``. A mapping of initiatives by id: ``rm["1.2"]``, ``"1.2" in
    rm``, ``len(rm)``, iteration in document order. Its table has one row
    per initiative (schemas/columnar.json): status an ordered categorical in
    pandas, progress a float percent, the source file, sheet and row of each.
    """

    __slots__ = ()
    _categorical = ("status", _frames.STATUS_ORDER)

    def __init__(self, initiatives: list[Initiative | dict[str, Any]] | None = None, **fields: Any) -> None:
        self._native = _roadmap._Roadmap(initiatives, **fields)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Roadmap:
        """A roadmap from a dict in the roadmap JSON's shape; InvalidJSONError
        when it is not one."""
        return cls._wrap(_roadmap._Roadmap.from_dict(data))

    @classmethod
    def from_json(cls, text: str) -> Roadmap:
        """A roadmap from JSON text (schemas/roadmap.schema.json);
        InvalidJSONError when it is not one."""
        return cls._wrap(_roadmap._Roadmap.from_json(text))

    @property
    def title(self) -> str | None:
        """The title."""
        return self._native.title  # type: ignore[no-any-return]

    @property
    def organization(self) -> str | None:
        """The organization."""
        return self._native.organization  # type: ignore[no-any-return]

    @property
    def as_of(self) -> datetime.date | None:
        """The report date."""
        return self._native.as_of  # type: ignore[no-any-return]

    @property
    def initiatives(self) -> list[Initiative]:
        """The initiatives, in document order."""
        return list(self._native.initiatives)

    @property
    def checkpoints(self) -> list[Checkpoint]:
        """The checkpoints."""
        return list(self._native.checkpoints)

    @property
    def pillars(self) -> list[Pillar]:
        """The pillars."""
        return list(self._native.pillars)

    @property
    def priority_areas(self) -> list[PriorityArea]:
        """The priority areas."""
        return list(self._native.priority_areas)

    @property
    def import_issues(self) -> Report:
        """The issues found while reading the file (validation is :meth:`validate`)."""
        return Report._wrap(self._native.import_issues)

    def __len__(self) -> int:
        return len(self._native)

    def __getitem__(self, id: str) -> Initiative:
        """The initiative with this id; KeyError when there is none."""
        return self._native[id]  # type: ignore[no-any-return]

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and id in self._native

    def __iter__(self) -> Iterator[Initiative]:
        return iter(self._native)  # type: ignore[no-any-return]

    def get(self, id: str, default: Any = None) -> Any:
        """The initiative with this id, or ``default``."""
        return self._native.get(id, default)

    def children(self, id: str) -> list[Initiative]:
        """The initiatives whose parent is ``id``, in document order;
        KeyError when no initiative has that id."""
        return list(self._native.children(id))

    def validate(self, rules: Sequence[Any] | None = None, as_of: datetime.date | str | None = None) -> Report:
        """Every issue: those found reading the file, the built-in rules'
        (judging "overdue" at ``as_of``, else the roadmap's report date), and
        those of ``rules``, plain Python callables (see :func:`roadmap.rule`).
        A rule receives an :class:`~roadmap.Initiative` (or, when it has
        ``scope = "roadmap"``, this Roadmap) and returns None, an
        :class:`~roadmap.Issue`, a message, a dict of an issue's fields, or a
        list of them; anything else raises RuleError naming the rule."""
        return Report._wrap(self._native.validate(None if rules is None else list(rules), as_of, self))

    def rollup(
        self,
        by: Literal["pillar", "priority_area", "priority-area", "owner", "checkpoint"] = "pillar",
        as_of: datetime.date | str | None = None,
    ) -> Rollup:
        """The dashboard figures; ``by`` chooses the table (pillar,
        ``priority_area``, owner or checkpoint); ``as_of`` judges overdue
        (else the roadmap's report date). ValueError for another ``by``."""
        return Rollup._wrap(self._native.rollup(by, as_of))

    def diff(self, newer: Roadmap) -> Diff:
        """What changed from this roadmap to ``newer``."""
        return Diff._wrap(self._native.diff(Roadmap._core_of(newer, "newer")))

    def to_dict(self) -> dict[str, Any]:
        """The roadmap as a dict in the roadmap JSON's shape."""
        return dict(self._native.to_dict())

    def write(self, path: str | os.PathLike[str], format: Literal["json", "csv", "xlsx"] | None = None) -> Report:
        """Writes the roadmap as JSON, CSV or xlsx (by ``format``, else the
        extension), whole or not at all, and never over the file it was read
        from; returns the ``not-preserved`` warnings as a Report. OSError
        when the file cannot be written, RoadmapError when the roadmap does
        not fit the format (a cell's 32,767-character limit, a sheet's rows).
        """
        return Report._wrap(self._native.write(path, format))

    def report(
        self,
        path: str | os.PathLike[str] | None = None,
        format: Literal["html", "md", "markdown"] | None = None,
        since: Roadmap | None = None,
        lang: Literal["en", "fr", "es", "ar", "zh", "ru"] = "en",
        as_of: datetime.date | str | None = None,
    ) -> str | None:
        """The status report a governing body reads (the ``roadmap report``
        command's): an HTML page or Markdown (``format``, else the path's
        extension, else HTML), its labels in ``lang`` (en, fr, es, ar, zh,
        ru), with the progress since the roadmap ``since`` of the last
        report, dated and judged at ``as_of`` (else the roadmap's). Returns
        the text, or writes it to ``path`` (whole or not at all, never over
        the file the roadmap was read from) and returns None."""
        old = None if since is None else Roadmap._core_of(since, "since")
        return self._native.report(path, format, old, lang, as_of)  # type: ignore[no-any-return]

    def deliverables_to_pandas(self) -> pd.DataFrame:
        """One row per deliverable: initiative, checkpoint, description,
        status, due (its own, else its checkpoint's), source_file,
        source_sheet, source_row, source_cell. Raises ImportError without
        pandas or pyarrow."""
        return _frames.to_pandas(self._native.deliverables_table())

    def _repr_html_(self) -> str:
        """The report's headline and status by pillar, drawn as its stacked bars."""
        return str(self._native._repr_html_())
