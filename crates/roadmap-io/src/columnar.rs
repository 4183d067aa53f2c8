//! A roadmap as Arrow record batches: one table of initiatives, one of
//! deliverables, one of issues. These are the columnar form every other one
//! is made from — the Parquet files and datasets ([`crate::parquet`]), and
//! the Python package's Arrow stream (`__arrow_c_stream__`), so pyarrow,
//! polars, `DuckDB` and pandas read the same columns under the same names.
//!
//! The schemas are stable: a column is added at the end, never renamed or
//! retyped. Dates are Arrow `date32` (days since 1970-01-01), progress is a
//! `float64` percent (0 to 100), rows and columns are 1-based `uint32` as a
//! spreadsheet shows them. Every text column but `id`, `title` and the
//! issue's `code`, `severity` and `message` may be null.
//!
//! | table | columns |
//! |---|---|
//! | initiatives | `id`, `title`, `parent`, `pillar`, `priority_area`, `owner`, `status` (`completed`, `ongoing`, `planned`, `revised`), `start`, `due`, `progress`, `deliverables` (how many), `revision_reason`, `revision_change` (`scope_changed`, `combined_into`), `combined_into`, `revision_note`, `description`, `source_file`, `source_sheet`, `source_row`, `extra` (the kept columns as a JSON object) |
//! | deliverables | `initiative`, `checkpoint`, `description`, `status` (`not_started`, `in_progress`, `achieved`), `due` (its own, else its checkpoint's date), `source_file`, `source_sheet`, `source_row`, `source_cell` |
//! | issues | `code`, `severity` (`error`, `warning`, `info`), `message`, `initiative`, `file`, `sheet`, `cell`, `row`, `column`, `field`, `suggestion` |
//!
//! The rollup and the diff have tables of their own ([`rollup`], [`diff`]):
//!
//! | table | columns |
//! |---|---|
//! | rollup by pillar, priority area or owner | `id`, `name`, `total`, `completed`, `ongoing`, `planned`, `revised`, `unknown` (`uint64` counts), `completion_rate` (0 to 1), `mean_progress` (percent) |
//! | rollup by checkpoint | `id`, `name`, `date`, `due`, `achieved`, `in_progress`, `not_started`, `unknown`, `overdue` (`uint64` counts) |
//! | diff | `change` (`added`, `removed`, `status`, `progress`, `field`, `deliverable`), `id`, `field`, `from`, `to` (as text) |

use std::sync::{Arc, LazyLock};

use arrow_array::builder::{Date32Builder, Float64Builder, StringBuilder, UInt32Builder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use roadmap_core::rollup::{CheckpointRollup, GroupBy, GroupRollup};
use roadmap_core::{Date, Diff, Initiative, Issue, RevisionChange, Roadmap, Rollup};

/// The three tables of a roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per initiative.
    Initiatives,
    /// One row per deliverable of an initiative.
    Deliverables,
    /// One row per issue of the import and the validation.
    Issues,
}

impl Table {
    /// Every table, in the order datasets list them.
    pub const ALL: [Table; 3] = [Table::Initiatives, Table::Deliverables, Table::Issues];

    /// The table's name: its folder in a dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Initiatives => "initiatives",
            Table::Deliverables => "deliverables",
            Table::Issues => "issues",
        }
    }

    /// The table's schema.
    pub fn schema(self) -> SchemaRef {
        match self {
            Table::Initiatives => INITIATIVES.clone(),
            Table::Deliverables => DELIVERABLES.clone(),
            Table::Issues => ISSUES.clone(),
        }
    }
}

fn schema(columns: &[(&str, DataType, bool)]) -> SchemaRef {
    Arc::new(Schema::new(
        columns.iter().map(|(name, ty, nullable)| Field::new(*name, ty.clone(), *nullable)).collect::<Vec<_>>(),
    ))
}

const TEXT: DataType = DataType::Utf8;
const DATE: DataType = DataType::Date32;
const COUNT: DataType = DataType::UInt32;

static INITIATIVES: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("id", TEXT, false),
        ("title", TEXT, false),
        ("parent", TEXT, true),
        ("pillar", TEXT, true),
        ("priority_area", TEXT, true),
        ("owner", TEXT, true),
        ("status", TEXT, true),
        ("start", DATE, true),
        ("due", DATE, true),
        ("progress", DataType::Float64, true),
        ("deliverables", COUNT, false),
        ("revision_reason", TEXT, true),
        ("revision_change", TEXT, true),
        ("combined_into", TEXT, true),
        ("revision_note", TEXT, true),
        ("description", TEXT, true),
        ("source_file", TEXT, true),
        ("source_sheet", TEXT, true),
        ("source_row", COUNT, true),
        ("extra", TEXT, true),
    ])
});

static DELIVERABLES: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("initiative", TEXT, false),
        ("checkpoint", TEXT, false),
        ("description", TEXT, false),
        ("status", TEXT, true),
        ("due", DATE, true),
        ("source_file", TEXT, true),
        ("source_sheet", TEXT, true),
        ("source_row", COUNT, true),
        ("source_cell", TEXT, true),
    ])
});

static ISSUES: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("code", TEXT, false),
        ("severity", TEXT, false),
        ("message", TEXT, false),
        ("initiative", TEXT, true),
        ("file", TEXT, true),
        ("sheet", TEXT, true),
        ("cell", TEXT, true),
        ("row", COUNT, true),
        ("column", COUNT, true),
        ("field", TEXT, true),
        ("suggestion", TEXT, true),
    ])
});

/// Days since 1970-01-01, as `date32` holds them; every [`Date`] fits.
fn days(date: Option<Date>) -> Option<i32> {
    date.map(|d| d.days() as i32)
}

/// Text columns filled a record at a time.
struct Texts<const N: usize>([StringBuilder; N]);

impl<const N: usize> Texts<N> {
    fn new() -> Self {
        Texts(std::array::from_fn(|_| StringBuilder::new()))
    }

    fn push(&mut self, values: [Option<&str>; N]) {
        for (b, v) in self.0.iter_mut().zip(values) {
            b.append_option(v);
        }
    }

    fn finish(self) -> [ArrayRef; N] {
        self.0.map(|mut b| Arc::new(b.finish()) as ArrayRef)
    }
}

fn finish_u32(mut b: UInt32Builder) -> ArrayRef {
    Arc::new(b.finish())
}

fn finish_date(mut b: Date32Builder) -> ArrayRef {
    Arc::new(b.finish())
}

/// The initiatives table: one row per initiative, in the roadmap's order.
///
/// # Errors
/// Never for a roadmap built by this crate; an [`ArrowError`] names a
/// column whose length or type disagrees with the schema.
pub fn initiatives(roadmap: &Roadmap) -> Result<RecordBatch, ArrowError> {
    let n = roadmap.initiatives.len();
    // id, title, parent, pillar, priority_area, owner, status
    let mut head: Texts<7> = Texts::new();
    let (mut start, mut due) = (Date32Builder::with_capacity(n), Date32Builder::with_capacity(n));
    let mut progress = Float64Builder::with_capacity(n);
    let mut count = UInt32Builder::with_capacity(n);
    // revision_reason, revision_change, combined_into, revision_note, description, source_file, source_sheet
    let mut tail: Texts<7> = Texts::new();
    let mut row = UInt32Builder::with_capacity(n);
    let mut extra = StringBuilder::new();
    for i in &roadmap.initiatives {
        head.push([
            Some(&i.id),
            Some(&i.title),
            i.parent.as_deref(),
            i.pillar.as_deref(),
            i.priority_area.as_deref(),
            i.owner.as_deref(),
            i.status.map(roadmap_core::Status::as_str),
        ]);
        start.append_option(days(i.start));
        due.append_option(days(i.due));
        progress.append_option(i.progress);
        count.append_value(u32::try_from(i.deliverables.len()).unwrap_or(u32::MAX));
        let revision = i.revision.as_ref();
        let reason = revision.and_then(|r| r.reason).map(reason_str);
        let (change, into) = match revision.and_then(|r| r.change.as_ref()) {
            Some(RevisionChange::ScopeChanged) => (Some("scope_changed"), None),
            Some(RevisionChange::CombinedInto(id)) => (Some("combined_into"), Some(id.as_str())),
            None => (None, None),
        };
        let source = i.source.as_ref();
        tail.push([
            reason,
            change,
            into,
            revision.and_then(|r| r.note.as_deref()),
            i.description.as_deref(),
            source.and_then(|s| s.file.as_deref()),
            source.and_then(|s| s.sheet.as_deref()),
        ]);
        row.append_option(source.and_then(|s| s.row));
        extra.append_option(extra_json(i));
    }
    let [id, title, parent, pillar, area, owner, status] = head.finish();
    let [reason, change, into, note, description, file, sheet] = tail.finish();
    RecordBatch::try_new(
        INITIATIVES.clone(),
        vec![
            id,
            title,
            parent,
            pillar,
            area,
            owner,
            status,
            finish_date(start),
            finish_date(due),
            Arc::new(progress.finish()),
            finish_u32(count),
            reason,
            change,
            into,
            note,
            description,
            file,
            sheet,
            finish_u32(row),
            Arc::new(extra.finish()),
        ],
    )
}

fn reason_str(reason: roadmap_core::RevisionReason) -> &'static str {
    use roadmap_core::RevisionReason as R;
    match reason {
        R::Feasibility => "feasibility",
        R::Prioritization => "prioritization",
        R::Rationalization => "rationalization",
        R::Other => "other",
    }
}

/// The kept columns as one JSON object, or null when there are none.
fn extra_json(i: &Initiative) -> Option<String> {
    (!i.extra.is_empty()).then(|| serde_json::to_string(&i.extra).unwrap_or_default())
}

/// The deliverables table: one row per deliverable, initiative by
/// initiative. `due` is the deliverable's own date, else its checkpoint's.
///
/// # Errors
/// As [`initiatives`].
pub fn deliverables(roadmap: &Roadmap) -> Result<RecordBatch, ArrowError> {
    // initiative, checkpoint, description, status, source_file, source_sheet, source_cell
    let mut texts: Texts<7> = Texts::new();
    let mut due = Date32Builder::new();
    let mut row = UInt32Builder::new();
    for i in &roadmap.initiatives {
        let source = i.source.as_ref();
        for (k, d) in i.deliverables.iter().enumerate() {
            let cp = roadmap.checkpoints.iter().find(|c| c.id == d.checkpoint);
            let cell = source.and_then(|s| s.cells.get(&roadmap_core::deliverable_field(k))).map(|c| c.to_string());
            texts.push([
                Some(&i.id),
                Some(&d.checkpoint),
                Some(&d.description),
                d.status.map(roadmap_core::DeliverableStatus::as_str),
                source.and_then(|s| s.file.as_deref()),
                source.and_then(|s| s.sheet.as_deref()),
                cell.as_deref(),
            ]);
            due.append_option(days(d.due_by(cp)));
            row.append_option(source.and_then(|s| s.row));
        }
    }
    let [initiative, checkpoint, description, status, file, sheet, cell] = texts.finish();
    RecordBatch::try_new(
        DELIVERABLES.clone(),
        vec![initiative, checkpoint, description, status, finish_date(due), file, sheet, finish_u32(row), cell],
    )
}

/// The issues table: one row per issue, in the order given.
///
/// # Errors
/// As [`initiatives`].
pub fn issues<'a>(issues: impl IntoIterator<Item = &'a Issue>) -> Result<RecordBatch, ArrowError> {
    // code, severity, message, initiative, file, sheet, cell, field, suggestion
    let mut texts: Texts<9> = Texts::new();
    let (mut row, mut column) = (UInt32Builder::new(), UInt32Builder::new());
    for issue in issues {
        let at = issue.location.as_ref();
        let cell = at.and_then(|l| l.cell).map(|c| c.to_string());
        texts.push([
            Some(&issue.code),
            Some(issue.severity.as_str()),
            Some(&issue.message),
            issue.initiative.as_deref(),
            at.and_then(|l| l.file.as_deref()),
            at.and_then(|l| l.sheet.as_deref()),
            cell.as_deref(),
            at.and_then(|l| l.field.as_deref()),
            issue.suggestion.as_deref(),
        ]);
        row.append_option(at.and_then(|l| l.row));
        column.append_option(at.and_then(|l| l.column));
    }
    let [code, severity, message, initiative, file, sheet, cell, field, suggestion] = texts.finish();
    RecordBatch::try_new(
        ISSUES.clone(),
        vec![
            code,
            severity,
            message,
            initiative,
            file,
            sheet,
            cell,
            finish_u32(row),
            finish_u32(column),
            field,
            suggestion,
        ],
    )
}

static GROUPS: LazyLock<SchemaRef> = LazyLock::new(|| {
    let count = DataType::UInt64;
    schema(&[
        ("id", TEXT, true),
        ("name", TEXT, false),
        ("total", count.clone(), false),
        ("completed", count.clone(), false),
        ("ongoing", count.clone(), false),
        ("planned", count.clone(), false),
        ("revised", count.clone(), false),
        ("unknown", count, false),
        ("completion_rate", DataType::Float64, true),
        ("mean_progress", DataType::Float64, true),
    ])
});

static CHECKPOINTS: LazyLock<SchemaRef> = LazyLock::new(|| {
    let count = DataType::UInt64;
    schema(&[
        ("id", TEXT, false),
        ("name", TEXT, false),
        ("date", DATE, true),
        ("due", count.clone(), false),
        ("achieved", count.clone(), false),
        ("in_progress", count.clone(), false),
        ("not_started", count.clone(), false),
        ("unknown", count.clone(), false),
        ("overdue", count, false),
    ])
});

static DIFF: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("change", TEXT, false),
        ("id", TEXT, false),
        ("field", TEXT, false),
        ("from", TEXT, true),
        ("to", TEXT, true),
    ])
});

/// Counts in columns, one builder per column.
fn counts<const N: usize>(rows: &[[u64; N]]) -> [ArrayRef; N] {
    std::array::from_fn(|k| {
        let mut b = UInt64Builder::with_capacity(rows.len());
        for row in rows {
            b.append_value(row[k]);
        }
        Arc::new(b.finish()) as ArrayRef
    })
}

/// The rollup's table by `by`: one row per pillar, priority area or owner
/// (their status counts, completion rate and mean progress), or per
/// checkpoint (its deliverables by status, and those overdue).
///
/// # Errors
/// As [`initiatives`].
pub fn rollup(rollup: &Rollup, by: GroupBy) -> Result<RecordBatch, ArrowError> {
    match rollup.groups(by) {
        Some(groups) => group_table(groups),
        None => checkpoint_table(&rollup.by_checkpoint),
    }
}

fn group_table(groups: &[GroupRollup]) -> Result<RecordBatch, ArrowError> {
    let mut names: Texts<2> = Texts::new();
    let (mut rate, mut mean) = (Float64Builder::new(), Float64Builder::new());
    let mut rows = Vec::with_capacity(groups.len());
    for g in groups {
        names.push([g.id.as_deref(), Some(&g.name)]);
        let c = &g.counts;
        rows.push([g.total, c.completed, c.ongoing, c.planned, c.revised, c.unknown]);
        rate.append_option(g.completion_rate);
        mean.append_option(g.mean_progress);
    }
    let [id, name] = names.finish();
    let [total, completed, ongoing, planned, revised, unknown] = counts(&rows);
    RecordBatch::try_new(
        GROUPS.clone(),
        vec![
            id,
            name,
            total,
            completed,
            ongoing,
            planned,
            revised,
            unknown,
            Arc::new(rate.finish()),
            Arc::new(mean.finish()),
        ],
    )
}

fn checkpoint_table(checkpoints: &[CheckpointRollup]) -> Result<RecordBatch, ArrowError> {
    let mut names: Texts<2> = Texts::new();
    let mut date = Date32Builder::new();
    let mut rows = Vec::with_capacity(checkpoints.len());
    for c in checkpoints {
        names.push([Some(&c.id), Some(&c.name)]);
        date.append_option(days(c.date));
        rows.push([c.due, c.achieved, c.in_progress, c.not_started, c.unknown, c.overdue]);
    }
    let [id, name] = names.finish();
    let [due, achieved, in_progress, not_started, unknown, overdue] = counts(&rows);
    RecordBatch::try_new(
        CHECKPOINTS.clone(),
        vec![id, name, finish_date(date), due, achieved, in_progress, not_started, unknown, overdue],
    )
}

/// The diff's table: one row per change — initiatives added and removed,
/// status and progress changes, other fields changed, deliverables changed
/// (`field` is then the checkpoint) — values as text.
///
/// # Errors
/// As [`initiatives`].
pub fn diff(diff: &Diff) -> Result<RecordBatch, ArrowError> {
    let mut texts: Texts<5> = Texts::new();
    let status = |s: Option<roadmap_core::Status>| s.map(roadmap_core::Status::as_str);
    for a in &diff.added {
        texts.push([Some("added"), Some(&a.id), Some(""), None, status(a.status)]);
    }
    for r in &diff.removed {
        texts.push([Some("removed"), Some(&r.id), Some(""), status(r.status), None]);
    }
    for c in &diff.status_changes {
        texts.push([Some("status"), Some(&c.id), Some("status"), status(c.from), status(c.to)]);
    }
    for p in &diff.progress_changes {
        let (from, to) = (p.from.map(|x| x.to_string()), p.to.map(|x| x.to_string()));
        texts.push([Some("progress"), Some(&p.id), Some("progress"), from.as_deref(), to.as_deref()]);
    }
    for f in &diff.field_changes {
        texts.push([Some("field"), Some(&f.id), Some(&f.field), f.from.as_deref(), f.to.as_deref()]);
    }
    for c in &diff.deliverable_changes {
        let (from, to) =
            (c.from.as_ref().map(|d| d.description.as_str()), c.to.as_ref().map(|d| d.description.as_str()));
        texts.push([Some("deliverable"), Some(&c.initiative), Some(&c.checkpoint), from, to]);
    }
    RecordBatch::try_new(DIFF.clone(), texts.finish().to_vec())
}

/// Every table's columns — name, Arrow type, nullable — as JSON, the way
/// `schemas/columnar.json` publishes them: `{"initiatives": [{"name": "id",
/// "type": "Utf8", "nullable": false}, …], …}`, with `rollup_groups`,
/// `rollup_checkpoints` and `diff` after the three tables.
pub fn describe() -> serde_json::Value {
    let columns = |schema: &SchemaRef| {
        schema
            .fields()
            .iter()
            .map(|f| serde_json::json!({"name": f.name(), "type": f.data_type().to_string(), "nullable": f.is_nullable()}))
            .collect::<Vec<_>>()
    };
    let mut out = serde_json::Map::new();
    for table in Table::ALL {
        out.insert(table.as_str().to_owned(), columns(&table.schema()).into());
    }
    for (name, schema) in [("rollup_groups", &*GROUPS), ("rollup_checkpoints", &*CHECKPOINTS), ("diff", &*DIFF)] {
        out.insert(name.to_owned(), columns(schema).into());
    }
    out.into()
}
