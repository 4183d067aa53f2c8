import datetime
import enum
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Literal, TypedDict, final

from typing_extensions import NotRequired, Self, TypeAlias

_Source: TypeAlias = str | os.PathLike[str] | bytes | IO[bytes]
_Date: TypeAlias = datetime.date | str

# What a custom rule may return for one issue: an Issue's arguments.
class _IssueDict(TypedDict):
    code: str
    message: str
    severity: NotRequired[Literal["error", "warning", "info"]]
    field: NotRequired[str | None]
    initiative: NotRequired[str | None]
    suggestion: NotRequired[str | None]

# What a custom rule returns: None, a message, an Issue, a dict of an issue's
# fields (an _IssueDict, or any dict with those keys), or a list of them.
_RuleIssue: TypeAlias = str | Issue | _IssueDict | dict[str, Any]
_RuleResult: TypeAlias = _RuleIssue | Iterable[_RuleIssue] | None
_Rule: TypeAlias = Callable[[Any], _RuleResult]

__version__: str
__all__ = [
    "Checkpoint",
    "CodeInfo",
    "Deliverable",
    "DeliverableStatus",
    "_Diff",
    "Initiative",
    "InvalidJSONError",
    "Issue",
    "LimitExceededError",
    "Location",
    "NoTableError",
    "Pillar",
    "PriorityArea",
    "ProfileError",
    "_Report",
    "_Roadmap",
    "RoadmapError",
    "_Rollup",
    "RuleError",
    "SheetNotFoundError",
    "Status",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "_Table",
    "__version__",
    "_commit_parquet",
    "_discard_parquet",
    "_error_code",
    "_severity",
    "_stage_parquet",
    "_stage_parquet_failure",
    "_unpickle",
    "inspect",
    "read",
    "rules",
]

class Status(str, enum.Enum):
    """An initiative's status, in dashboard order."""
    def __new__(cls, value: str) -> Self: ...

    COMPLETED = "completed"
    ONGOING = "ongoing"
    PLANNED = "planned"
    REVISED = "revised"

class DeliverableStatus(str, enum.Enum):
    """A deliverable's status."""
    def __new__(cls, value: str) -> Self: ...

    ACHIEVED = "achieved"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"

class RoadmapError(Exception): ...
class UnreadableFileError(RoadmapError): ...
class UnsupportedFormatError(RoadmapError): ...
class LimitExceededError(RoadmapError): ...
class InvalidJSONError(RoadmapError): ...
class ProfileError(RoadmapError): ...
class NoTableError(RoadmapError): ...
class SheetNotFoundError(RoadmapError): ...
class RuleError(RoadmapError): ...

def read(
    source: _Source,
    *,
    name: str | None = None,
    sheet: str | list[str] | None = None,
    profile: str | os.PathLike[str] | None = None,
    format: Literal["excel", "csv", "json"] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> _Roadmap:
    """Reads a tracker (xlsx, xlsm, xlsb, xls, ods, CSV or roadmap JSON, told by
    content) into a roadmap that carries the import issues. `name` is the
    file name of bytes or a file object, which issues and sources carry.
    """

def inspect(source: _Source, *, name: str | None = None) -> dict[str, Any]:
    """What the importer detected, as a dict: sheets, header rows, column
    mapping, sections, end of table. `name` as for `read`.
    """

def rules() -> list[CodeInfo]:
    """The catalogue of issue codes: import, writer and validation codes."""

def _severity(word: str) -> str:
    """The severity word as roadmap spells it (`error`, `warning`, `info`), for
    the package's `rule` decorator; `ValueError` for any other word.
    """

@final
class Initiative:
    """One initiative, action or programme of the roadmap."""
    def __new__(cls, id: str, title: str = "", **fields: Any) -> Initiative: ...
    @property
    def id(self) -> str:
        """The id."""
    @property
    def title(self) -> str:
        """The title."""
    @property
    def description(self) -> str | None:
        """The description."""
    @property
    def parent(self) -> str | None:
        """The parent's id."""
    @property
    def pillar(self) -> str | None:
        """The pillar's id."""
    @property
    def priority_area(self) -> str | None:
        """The priority area's id."""
    @property
    def owner(self) -> str | None:
        """The business owner."""
    @property
    def status(self) -> Status | None:
        """The status, a `roadmap.Status`, or None."""
    @property
    def start(self) -> datetime.date | None:
        """The start date."""
    @property
    def due(self) -> datetime.date | None:
        """The due date."""
    @property
    def progress(self) -> float | None:
        """Progress in percent."""
    @property
    def revision(self) -> dict[str, Any] | None:
        """Why and how it was revised: a dict (reason, change, note), or None."""
    @property
    def deliverables(self) -> list[Deliverable]:
        """The deliverables, one per checkpoint."""
    @property
    def source(self) -> dict[str, Any] | None:
        """Where it was read from: a dict (file, sheet, row, cells), or None."""
    @property
    def extra(self) -> dict[str, Any]:
        """The columns the mapping did not know, by header."""
    def to_dict(self) -> dict[str, Any]:
        """The initiative as a dict in the roadmap JSON's shape."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Deliverable:
    """What an initiative delivers by a checkpoint."""
    def __new__(
        cls,
        checkpoint: str,
        description: str = "",
        status: DeliverableStatus | str | None = None,
        due: _Date | None = None,
    ) -> Deliverable: ...
    @property
    def checkpoint(self) -> str:
        """The checkpoint's id."""
    @property
    def description(self) -> str:
        """What is delivered."""
    @property
    def status(self) -> DeliverableStatus | None:
        """A `roadmap.DeliverableStatus`, or None."""
    @property
    def due(self) -> datetime.date | None:
        """Its own due date, when it differs from the checkpoint's."""
    def to_dict(self) -> dict[str, Any]:
        """The deliverable as a dict."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Checkpoint:
    """A named checkpoint (a council session, a conference) deliverables are due at."""
    def __new__(
        cls, id: str, name: str = "", date: _Date | None = None, description: str | None = None
    ) -> Checkpoint: ...
    @property
    def id(self) -> str:
        """The id deliverables name it by."""
    @property
    def name(self) -> str:
        """The display name."""
    @property
    def date(self) -> datetime.date | None:
        """Its date, when known."""
    @property
    def description(self) -> str | None:
        """The description."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Pillar:
    """A pillar of the roadmap."""
    def __new__(cls, id: str, name: str = "", description: str | None = None) -> Pillar: ...
    @property
    def id(self) -> str:
        """The id initiatives name it by."""
    @property
    def name(self) -> str:
        """The display name."""
    @property
    def description(self) -> str | None:
        """The description."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class PriorityArea:
    """A priority area of the roadmap."""
    def __new__(cls, id: str, name: str = "", description: str | None = None) -> PriorityArea: ...
    @property
    def id(self) -> str:
        """The id initiatives name it by."""
    @property
    def name(self) -> str:
        """The display name."""
    @property
    def description(self) -> str | None:
        """The description."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class _Roadmap:
    """A transformation roadmap: checkpoints, pillars, priority areas and
    initiatives, with the issues found reading it. The core of
    `roadmap.Roadmap`, which holds one.
    """
    def __new__(cls, initiatives: list[Initiative | dict[str, Any]] | None = None, **fields: Any) -> _Roadmap: ...
    @staticmethod
    def from_dict(data: dict[str, Any]) -> _Roadmap:
        """A roadmap from a dict in the roadmap JSON's shape."""
    @staticmethod
    def from_json(text: str) -> _Roadmap:
        """A roadmap from JSON text (schemas/roadmap.schema.json)."""
    @property
    def title(self) -> str | None:
        """The title."""
    @property
    def organization(self) -> str | None:
        """The organization."""
    @property
    def as_of(self) -> datetime.date | None:
        """The report date."""
    @property
    def initiatives(self) -> list[Initiative]:
        """The initiatives, in document order."""
    @property
    def checkpoints(self) -> list[Checkpoint]:
        """The checkpoints."""
    @property
    def pillars(self) -> list[Pillar]:
        """The pillars."""
    @property
    def priority_areas(self) -> list[PriorityArea]:
        """The priority areas."""
    @property
    def import_issues(self) -> _Report:
        """The issues found while reading the file (validation is `validate()`)."""
    def __len__(self) -> int: ...
    def __getitem__(self, key: str, /) -> Initiative: ...
    def __contains__(self, key: str, /) -> bool: ...
    def __iter__(self) -> Iterator[Initiative]: ...
    def get(self, id: str, default: Any = None) -> Any:
        """The initiative with this id, or `default`."""
    def children(self, id: str) -> list[Initiative]:
        """The initiatives whose parent is `id`, in document order."""
    def validate(
        self, rules: Sequence[_Rule] | None = None, as_of: _Date | None = None, subject: object | None = None
    ) -> _Report:
        """Every issue: those found reading the file, the built-in rules', and
        those of `rules`, plain Python callables. A rule receives an
        `Initiative` (or, when it has `scope = "roadmap"`, `subject`: the
        `roadmap.Roadmap` holding this one) and returns None, an `Issue`, a
        message, a dict of an issue's fields, or a list of them
        ([`crate::custom_rules`]).
        """
    def rollup(
        self,
        by: Literal["pillar", "priority_area", "priority-area", "owner", "checkpoint"] = "pillar",
        as_of: _Date | None = None,
    ) -> _Rollup:
        """The dashboard figures; `by` chooses the table `to_pandas()` gives
        (pillar, `priority_area`, owner or checkpoint); `as_of` judges overdue.
        """
    def diff(self, newer: _Roadmap) -> _Diff:
        """What changed from this roadmap to `newer`."""
    def to_dict(self) -> dict[str, Any]:
        """The roadmap as a dict in the roadmap JSON's shape."""
    def to_json(self) -> str:
        """The roadmap as JSON text; the same roadmap always gives the same text."""
    def write(self, path: str | os.PathLike[str], format: Literal["json", "csv", "xlsx"] | None = None) -> _Report:
        """Writes the roadmap as JSON, CSV or xlsx (by `format`, else the
        extension), whole or not at all, and never over the file it was read
        from; returns the `not-preserved` warnings as a Report.
        """
    def report(
        self,
        path: str | os.PathLike[str] | None = None,
        format: Literal["html", "md", "markdown"] | None = None,
        since: _Roadmap | None = None,
        lang: Literal["en", "fr", "es", "ar", "zh", "ru"] = "en",
        as_of: datetime.date | str | None = None,
    ) -> str | None:
        """The status report a governing body reads (the `roadmap report`
        command's): an HTML page or Markdown (`format`, else the path's
        extension, else HTML), its labels in `lang` (en, fr, es, ar, zh,
        ru), with the progress since the roadmap `since` of the last report,
        dated and judged at `as_of` (else the roadmap's). Returns the text,
        or writes it to `path` (whole or not at all, never over the file the
        roadmap was read from) and returns None.
        """
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def deliverables_table(self) -> _Table:
        """The deliverables table, as an object with an Arrow C stream."""
    def _repr_html_(self) -> str:
        """The report's headline and status by pillar, drawn as its stacked bars."""

@final
class Location:
    """Where an issue is: file, sheet, cell, row and column (1-based, as the
    spreadsheet shows them), the field and the JSON pointer.
    """
    @property
    def file(self) -> str | None:
        """The file the value was read from."""
    @property
    def sheet(self) -> str | None:
        """The sheet, for workbooks."""
    @property
    def cell(self) -> str | None:
        """The cell, e.g. `F12`."""
    @property
    def row(self) -> int | None:
        """The 1-based row."""
    @property
    def column(self) -> int | None:
        """The 1-based column (`F` is 6)."""
    @property
    def field(self) -> str | None:
        """The field of the initiative (`status`, `deliverables[0]`, ...)."""
    @property
    def pointer(self) -> str | None:
        """A JSON pointer to the value in the roadmap document."""
    @property
    def place(self) -> str | None:
        """Where in the file, as a spreadsheet writes it: `Dashboard!F12`,
        `'Annex 1'!F12`, `F12`, `row 12`, else the pointer or the field.
        """

@final
class Issue:
    """One finding: a stable code, a severity, a message, the initiative, where
    to fix it, and a suggestion. Custom rules return these (or dicts of
    these arguments).
    """
    def __new__(
        cls,
        code: str,
        message: str,
        severity: Literal["error", "warning", "info"] = "warning",
        *,
        initiative: str | None = None,
        field: str | None = None,
        suggestion: str | None = None,
    ) -> Issue: ...
    @property
    def code(self) -> str:
        """The stable code (`unknown-status`)."""
    @property
    def severity(self) -> Literal["error", "warning", "info"]:
        """`error`, `warning` or `info`."""
    @property
    def message(self) -> str:
        """What is wrong."""
    @property
    def initiative(self) -> str | None:
        """The initiative's id."""
    @property
    def suggestion(self) -> str | None:
        """What to do."""
    @property
    def location(self) -> Location | None:
        """Where, or None."""
    def to_dict(self) -> dict[str, Any]:
        """As a dict (schemas/report.schema.json's items)."""

@final
class _Report:
    """Every issue found: import issues, then validation, then custom rules.
    The core of `roadmap.Report`.
    """
    @property
    def ok(self) -> bool:
        """True when no issue is an error."""
    @property
    def issues(self) -> list[Issue]:
        """Every issue."""
    @property
    def errors(self) -> list[Issue]:
        """The errors."""
    @property
    def warnings(self) -> list[Issue]:
        """The warnings."""
    def count_by_code(self) -> dict[str, int]:
        """How many issues have each code."""
    def to_dict(self) -> list[dict[str, Any]]:
        """The issues as a list of dicts (schemas/report.schema.json)."""
    def to_json(self) -> str:
        """The issues as JSON (schemas/report.schema.json)."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __len__(self) -> int: ...
    def __bool__(self) -> bool: ...
    def __getitem__(self, key: int, /) -> Issue: ...

@final
class _Rollup:
    """The dashboard figures: counts by status overall and per pillar, priority
    area and owner; deliverables per checkpoint; overdue initiatives. The
    core of `roadmap.Rollup`.
    """
    @property
    def by(self) -> str:
        """The grouping `to_pandas()` and the HTML show: `pillar`,
        `priority_area`, `owner` or `checkpoint`.
        """
    @property
    def total(self) -> int:
        """Initiatives counted (leaves)."""
    @property
    def by_status(self) -> dict[str, int]:
        """Counts per status: completed, ongoing, planned, revised, unknown."""
    @property
    def completion_rate(self) -> float | None:
        """Completed over counted, or None when nothing is counted."""
    @property
    def groups(self) -> list[dict[str, Any]]:
        """The groups of `by`, as dicts (id, name, total, counts, rates); the
        checkpoints' figures for `by="checkpoint"`.
        """
    def to_dict(self) -> dict[str, Any]:
        """Everything, as a dict (schemas/rollup.schema.json)."""
    def to_json(self) -> str:
        """Everything, as JSON (schemas/rollup.schema.json)."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def _repr_html_(self) -> str:
        """The figures of `by`, drawn as the report's stacked bars (a table of
        deliverables for checkpoints).
        """

@final
class _Diff:
    """What changed between two snapshots. The core of `roadmap.Diff`."""
    def to_dict(self) -> dict[str, Any]:
        """Everything, as a dict (schemas/diff.schema.json)."""
    def to_json(self) -> str:
        """Everything, as JSON (schemas/diff.schema.json)."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __bool__(self) -> bool: ...

@final
class CodeInfo:
    """One code of the catalogue."""
    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def description(self) -> str: ...

@final
class _Table:
    """A table with no object of its own (a roadmap's deliverables): only its
    Arrow stream."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __len__(self) -> int: ...

def _unpickle(state: bytes) -> Any:
    """Rebuilds a pickled _Roadmap, _Report, _Rollup or _Diff from its state;
    ValueError when the state is not one."""

def _stage_parquet(root: str | os.PathLike[str], run: str, source: str, roadmap: _Roadmap, issues: _Report) -> None:
    """Stages the roadmap's tables and the issues as source's snapshot in run
    ``run`` of the dataset ``root``; OSError when a file cannot be written,
    ValueError when the run staged that source's snapshot already."""

def _stage_parquet_failure(root: str | os.PathLike[str], run: str, source: str, code: str, message: str) -> None:
    """Stages a file that could not be read: no initiatives, and one issue of
    severity error with ``code`` and ``message`` at the file ``source``."""

def _commit_parquet(root: str | os.PathLike[str], run: str) -> list[str]:
    """Moves run ``run``'s staged partitions into place; returns their folders."""

def _discard_parquet(root: str | os.PathLike[str], run: str) -> None:
    """Removes run ``run``'s staging folder and what it holds."""

def _error_code(error: BaseException) -> str:
    """The issue code of an exception roadmap raises reading a file (its
    category's: ``no-table``, ``unsupported-format``); ``io-error`` for any
    other OSError, ``unreadable-file`` for anything else."""
