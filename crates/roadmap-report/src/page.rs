//! What the templates show: every figure computed here, from the core's
//! rollup, diff and validation; the templates only lay it out.

use std::collections::BTreeMap;

use roadmap_core::rollup::{GroupBy, GroupRollup, Rollup};
use roadmap_core::validate::{Context, RuleSet};
use roadmap_core::{
    Date, DeliverableStatus, Initiative, Issue, RevisionChange, RevisionReason, Roadmap, Severity, Status,
};
use serde::Serialize;

use crate::labels::Labels;
use crate::{ReportOptions, TABLE_ROWS};

/// Issues of one code a report lists; `roadmap validate` lists them all.
const ISSUES_PER_CODE: usize = 100;

/// A status as the page shows it: its key (for CSS and filters), label and
/// colour. `None` is the initiatives without a status.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusView {
    key: &'static str,
    /// One initiative's status ("Completed", "Achevée").
    label: String,
    /// A count's ("Completed", "Achevées").
    many: String,
    color: &'static str,
}

/// The statuses in the order the page shows them, each with its colour
/// (white text on each is above 4.5:1 contrast).
const STATUSES: [(Option<Status>, &str, &str); 5] = [
    (Some(Status::Completed), "completed", "#1a7f37"),
    (Some(Status::Ongoing), "ongoing", "#0b5cad"),
    (Some(Status::Planned), "planned", "#8a5a00"),
    (Some(Status::Revised), "revised", "#7a3db8"),
    (None, "unknown", "#5b6470"),
];

fn status_view(s: Option<Status>, label: &dyn Fn(&str) -> String) -> StatusView {
    let (_, key, color) = STATUSES.iter().find(|(x, _, _)| *x == s).copied().unwrap_or(STATUSES[4]);
    StatusView { key, label: label(key), many: label(&format!("{key}_many")), color }
}

fn status_key(status: Option<Status>) -> &'static str {
    STATUSES.iter().find(|(s, _, _)| *s == status).map_or("unknown", |(_, k, _)| k)
}

/// One status's count in a headline or a bar, and its change since the
/// last report when there is one ("+2", "−1", "±0").
#[derive(Debug, Serialize)]
struct StatusCount {
    status: StatusView,
    count: u64,
    change: Option<String>,
}

/// The count of each status (no status only when some have none), with
/// its change since `before`.
fn status_counts(rollup: &Rollup, before: Option<&Rollup>, label: &dyn Fn(&str) -> String) -> Vec<StatusCount> {
    STATUSES
        .iter()
        .map(|(s, _, _)| {
            let count = rollup.by_status.get(*s);
            let change = before.map(|b| change(count, b.by_status.get(*s)));
            StatusCount { status: status_view(*s, label), count, change }
        })
        .filter(|c| c.count > 0 || c.status.key != "unknown")
        .collect()
}

fn change(now: u64, before: u64) -> String {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("+{}", now - before),
        std::cmp::Ordering::Less => format!("−{}", before - now),
        std::cmp::Ordering::Equal => "±0".to_owned(),
    }
}

/// A segment of a stacked bar: where it starts and how wide it is, in
/// percent of the widest bar.
#[derive(Debug, Serialize)]
struct Segment {
    status: StatusView,
    count: u64,
    x: String,
    width: String,
    middle: String,
    /// Wide enough to hold its number.
    labelled: bool,
}

/// A group's bar.
#[derive(Debug, Serialize)]
struct Bar {
    name: String,
    total: u64,
    completion_rate: Option<String>,
    segments: Vec<Segment>,
    /// The bar's figures in words, for screen readers.
    summary: String,
}

/// A deliverable in the annex.
#[derive(Debug, Serialize)]
struct AnnexDeliverable {
    description: String,
    status: Option<&'static str>,
    status_label: Option<String>,
}

/// A row of the annex: an initiative (a group row when it has actions) or
/// one of its actions, with its deliverables per checkpoint.
#[derive(Debug, Serialize)]
struct AnnexRow {
    id: String,
    title: String,
    status: StatusView,
    group: bool,
    action: bool,
    cells: Vec<Vec<AnnexDeliverable>>,
}

/// A priority area and its rows.
#[derive(Debug, Serialize)]
struct AnnexArea {
    name: String,
    rows: Vec<AnnexRow>,
}

#[derive(Debug, Serialize)]
struct CheckpointView {
    id: String,
    name: String,
    date: Option<String>,
    due: u64,
    achieved: u64,
    in_progress: u64,
    not_started: u64,
    unknown: u64,
    overdue: u64,
}

#[derive(Debug, Serialize)]
struct OverdueView {
    id: String,
    title: String,
    owner: Option<String>,
    due: String,
    days: i64,
    status: StatusView,
}

#[derive(Debug, Serialize)]
struct RevisedView {
    id: String,
    title: String,
    reason: Option<String>,
    note: Option<String>,
    combined_into: Option<(String, String)>,
    scope_changed: bool,
}

#[derive(Debug, Serialize)]
struct Change {
    id: String,
    title: String,
    from: String,
    to: String,
}

#[derive(Debug, Serialize)]
struct Since {
    from: Option<String>,
    to: Option<String>,
    added: Vec<(String, String)>,
    removed: Vec<(String, String)>,
    statuses: Vec<Change>,
    progress: Vec<Change>,
    achieved: Vec<(String, String, String)>,
    /// Other fields that changed: id, field, before, now.
    fields: Vec<(String, String, String, String)>,
    empty: bool,
}

#[derive(Debug, Serialize)]
struct IssueView {
    cell: Option<String>,
    initiative: Option<String>,
    message: String,
    suggestion: Option<String>,
}

#[derive(Debug, Serialize)]
struct IssueGroup {
    code: String,
    /// Issues of the code beyond those shown.
    more: usize,
    severity: &'static str,
    severity_label: String,
    issues: Vec<IssueView>,
}

#[derive(Debug, Serialize)]
struct Quality {
    errors: usize,
    warnings: usize,
    infos: usize,
    groups: Vec<IssueGroup>,
}

#[derive(Debug, Serialize)]
struct TableRow {
    id: String,
    title: String,
    pillar: String,
    area: String,
    owner: String,
    status: StatusView,
    due: String,
    progress: String,
}

#[derive(Debug, Serialize)]
struct Table {
    rows: Vec<TableRow>,
    total: usize,
    truncated: Option<String>,
    pillars: Vec<String>,
    areas: Vec<String>,
    owners: Vec<String>,
    statuses: Vec<StatusView>,
}

/// Everything a report shows.
#[derive(Debug, Serialize)]
pub(crate) struct Page<'a> {
    lang: &'static str,
    dir: &'static str,
    l: &'a Labels,
    title: String,
    organization: Option<String>,
    as_of: Option<String>,
    /// The as-of date as the page's language writes it.
    as_of_text: Option<String>,
    source: Option<String>,
    total: u64,
    /// What the total counts, when the roadmap has more initiatives.
    counted: Option<String>,
    counts: Vec<StatusCount>,
    completion_rate: Option<String>,
    mean_progress: Option<String>,
    /// Overdue is judged only at a report date.
    judged: bool,
    /// The statuses with their definitions.
    definitions: Vec<(StatusView, String)>,
    by_pillar: Vec<Bar>,
    by_area: Vec<Bar>,
    checkpoint_names: Vec<String>,
    annex: Vec<AnnexArea>,
    /// The annex shows the first rows of a larger roadmap.
    annex_truncated: Option<String>,
    checkpoints: Vec<CheckpointView>,
    overdue: Vec<OverdueView>,
    revised: Vec<RevisedView>,
    since: Option<Since>,
    quality: Quality,
    table: Table,
}

/// A date as a language writes it in prose ("1 March 2026", "1 mars 2026",
/// "2026年3月1日"); tables keep ISO dates, which sort and are unambiguous.
fn written_date(date: Date, label: &dyn Fn(&str) -> String) -> String {
    label("date_pattern")
        .replace("{day}", &date.day().to_string())
        .replace("{month}", &label(&format!("month_{}", date.month())))
        .replace("{year}", &date.year().to_string())
}

fn percent(rate: f64) -> String {
    format!("{}%", (rate * 100.0).round())
}

fn progress_text(p: f64) -> String {
    let rounded = (p * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}%") } else { format!("{rounded:.1}%") }
}

impl<'a> Page<'a> {
    pub(crate) fn new(roadmap: &Roadmap, options: &ReportOptions<'_>, as_of: Option<Date>) -> Page<'a> {
        let lang = options.lang;
        let l: &'a Labels = lang.labels();
        let label = |key: &str| l.get(key).cloned().unwrap_or_else(|| key.to_owned());
        let status = |s: Option<Status>| status_view(s, &label);
        let rollup = match as_of {
            Some(date) => roadmap.rollup_at(date),
            None => roadmap.rollup(),
        };
        let before = options.since.map(Roadmap::rollup);
        let counts = status_counts(&rollup, before.as_ref(), &label);
        Page {
            lang: lang.as_str(),
            dir: if lang.is_rtl() { "rtl" } else { "ltr" },
            l,
            title: roadmap.title.clone().unwrap_or_else(|| label("report")),
            organization: roadmap.organization.clone(),
            as_of: as_of.map(|d| d.to_string()),
            as_of_text: as_of.map(|d| written_date(d, &label)),
            source: options.source.clone(),
            total: rollup.total,
            counted: (rollup.total != roadmap.initiatives.len() as u64)
                .then(|| label("counted_note").replace("{all}", &roadmap.initiatives.len().to_string())),
            counts,
            completion_rate: rollup.completion_rate.map(percent),
            mean_progress: rollup.mean_progress.map(progress_text),
            judged: as_of.is_some(),
            definitions: Status::ALL
                .iter()
                .map(|s| (status(Some(*s)), label(&format!("def_{}", status_key(Some(*s))))))
                .collect(),
            by_pillar: bars(&rollup.by_pillar, lang.is_rtl(), &label),
            by_area: bars(&rollup.by_priority_area, lang.is_rtl(), &label),
            checkpoint_names: roadmap.checkpoints.iter().map(|c| c.name.clone()).collect(),
            annex: annex(roadmap, &status, &label),
            annex_truncated: (roadmap.initiatives.len() > TABLE_ROWS).then(|| {
                let shown = TABLE_ROWS.to_string();
                label("annex_first").replace("{shown}", &shown)
            }),
            checkpoints: checkpoints(&rollup),
            overdue: rollup
                .overdue
                .iter()
                .map(|o| OverdueView {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    owner: o.owner.clone(),
                    due: o.due.to_string(),
                    days: o.days_overdue,
                    status: status(o.status),
                })
                .collect(),
            revised: revised(roadmap, &label),
            since: options.since.map(|old| since(old, roadmap, &label)),
            quality: quality(roadmap, as_of, options.issues, &label),
            table: table(roadmap, &status, &label),
        }
    }
}

/// A rollup's figures, grouped one way, for a notebook.
#[derive(Debug, Serialize)]
pub(crate) struct RollupView<'a> {
    lang: &'static str,
    dir: &'static str,
    l: &'a Labels,
    title: Option<String>,
    as_of: Option<String>,
    total: u64,
    counts: Vec<StatusCount>,
    completion_rate: Option<String>,
    by: &'static str,
    heading: String,
    group_label: String,
    bars: Vec<Bar>,
    checkpoints: Vec<CheckpointView>,
}

impl<'a> RollupView<'a> {
    pub(crate) fn new(rollup: &Rollup, by: GroupBy, title: Option<&str>, lang: crate::Lang) -> RollupView<'a> {
        let l: &'a Labels = lang.labels();
        let label = |key: &str| l.get(key).cloned().unwrap_or_else(|| key.to_owned());
        let (heading, group_label) = match by {
            GroupBy::Pillar => (label("by_pillar"), label("pillar")),
            GroupBy::PriorityArea => (label("by_area"), label("priority_area")),
            GroupBy::Owner => (label("owner"), label("owner")),
            GroupBy::Checkpoint => (label("checkpoints"), label("checkpoint")),
        };
        RollupView {
            lang: lang.as_str(),
            dir: if lang.is_rtl() { "rtl" } else { "ltr" },
            l,
            title: title.map(str::to_owned),
            as_of: rollup.as_of.map(|d| d.to_string()),
            total: rollup.total,
            counts: status_counts(rollup, None, &label),
            completion_rate: rollup.completion_rate.map(percent),
            by: by.as_str(),
            heading,
            group_label,
            bars: rollup.groups(by).map(|g| bars(g, lang.is_rtl(), &label)).unwrap_or_default(),
            checkpoints: checkpoints(rollup),
        }
    }
}

/// Each group's stacked bar; right to left, the bars grow from the right.
fn bars(groups: &[GroupRollup], rtl: bool, label: &dyn Fn(&str) -> String) -> Vec<Bar> {
    let widest = groups.iter().map(|g| g.total).max().unwrap_or(0).max(1) as f64;
    groups
        .iter()
        .filter(|g| g.total > 0)
        .map(|g| {
            // The group of initiatives with none: named in the page's language.
            let name = if g.id.is_some() { g.name.clone() } else { label("none") };
            let mut x = 0.0;
            let segments: Vec<Segment> = STATUSES
                .iter()
                .filter_map(|(s, _, _)| {
                    let count = g.counts.get(*s);
                    (count > 0).then(|| {
                        let width = count as f64 / widest * 100.0;
                        let start = if rtl { 100.0 - x - width } else { x };
                        let segment = Segment {
                            status: status_view(*s, label),
                            count,
                            x: format!("{start:.3}%"),
                            width: format!("{width:.3}%"),
                            middle: format!("{:.3}%", start + width / 2.0),
                            labelled: width >= 4.0,
                        };
                        x += width;
                        segment
                    })
                })
                .collect();
            let summary = segments.iter().map(|s| format!("{} {}", s.count, s.status.many)).collect::<Vec<_>>();
            Bar {
                summary: format!("{name}: {}", summary.join(", ")),
                name,
                total: g.total,
                completion_rate: g.completion_rate.map(percent),
                segments,
            }
        })
        .collect()
}

/// The annex: each priority area (in the roadmap's order, then initiatives
/// with none), its top initiatives and their actions, with the
/// deliverables due at each of the roadmap's checkpoints.
fn annex(
    roadmap: &Roadmap,
    status: &dyn Fn(Option<Status>) -> StatusView,
    label: &dyn Fn(&str) -> String,
) -> Vec<AnnexArea> {
    let cells = |ini: &Initiative| -> Vec<Vec<AnnexDeliverable>> {
        roadmap
            .checkpoints
            .iter()
            .map(|cp| {
                ini.deliverables
                    .iter()
                    .filter(|d| d.checkpoint == cp.id)
                    .map(|d| AnnexDeliverable {
                        description: d.description.clone(),
                        status: d.status.map(DeliverableStatus::as_str),
                        status_label: d.status.map(|s| label(s.as_str())),
                    })
                    .collect()
            })
            .collect()
    };
    let row = |ini: &Initiative, group: bool, action: bool| AnnexRow {
        id: ini.id.clone(),
        title: ini.title.clone(),
        status: status(ini.status),
        group,
        action,
        cells: cells(ini),
    };
    let mut children: BTreeMap<&str, Vec<&Initiative>> = BTreeMap::new();
    for ini in &roadmap.initiatives {
        if let Some(parent) = ini.parent.as_deref() {
            children.entry(parent).or_default().push(ini);
        }
    }
    let top = roadmap.initiatives.iter().filter(|i| i.parent.is_none());
    let mut areas: Vec<(Option<&str>, String)> =
        roadmap.priority_areas.iter().map(|a| (Some(a.id.as_str()), a.name.clone())).collect();
    areas.push((None, label("none")));
    let mut room = TABLE_ROWS;
    areas
        .into_iter()
        .filter_map(|(id, name)| {
            let mut rows = Vec::new();
            for ini in top.clone().filter(|i| i.priority_area.as_deref() == id) {
                let actions = children.get(ini.id.as_str());
                // Outside the priority areas, only what has deliverables.
                let delivers = !ini.deliverables.is_empty()
                    || actions.is_some_and(|a| a.iter().any(|c| !c.deliverables.is_empty()));
                if id.is_none() && !delivers {
                    continue;
                }
                if room == 0 {
                    break;
                }
                rows.push(row(ini, actions.is_some(), false));
                for action in actions.into_iter().flatten().take(room - 1) {
                    rows.push(row(action, false, true));
                }
                room = room.saturating_sub(1 + actions.map_or(0, Vec::len));
            }
            (!rows.is_empty()).then_some(AnnexArea { name, rows })
        })
        .collect()
}

fn checkpoints(rollup: &Rollup) -> Vec<CheckpointView> {
    rollup
        .by_checkpoint
        .iter()
        .map(|c| CheckpointView {
            id: c.id.clone(),
            name: c.name.clone(),
            date: c.date.map(|d| d.to_string()),
            due: c.due,
            achieved: c.achieved,
            in_progress: c.in_progress,
            not_started: c.not_started,
            unknown: c.unknown,
            overdue: c.overdue,
        })
        .collect()
}

fn revised(roadmap: &Roadmap, label: &dyn Fn(&str) -> String) -> Vec<RevisedView> {
    roadmap
        .initiatives
        .iter()
        .filter(|i| i.status == Some(Status::Revised))
        .map(|i| {
            let revision = i.revision.as_ref();
            let reason = revision.and_then(|r| r.reason).map(|r| {
                label(match r {
                    RevisionReason::Feasibility => "feasibility",
                    RevisionReason::Prioritization => "prioritization",
                    RevisionReason::Rationalization => "rationalization",
                    RevisionReason::Other => "other",
                })
            });
            let change = revision.and_then(|r| r.change.as_ref());
            let combined_into = match change {
                Some(RevisionChange::CombinedInto(id)) => {
                    let title = roadmap.get(id).map(|t| t.title.clone()).unwrap_or_default();
                    Some((id.clone(), title))
                }
                _ => None,
            };
            RevisedView {
                id: i.id.clone(),
                title: i.title.clone(),
                reason,
                note: revision.and_then(|r| r.note.clone()),
                combined_into,
                scope_changed: matches!(change, Some(RevisionChange::ScopeChanged)),
            }
        })
        .collect()
}

fn since(old: &Roadmap, new: &Roadmap, label: &dyn Fn(&str) -> String) -> Since {
    let diff = old.diff(new);
    let status_label = |s: Option<Status>| label(status_key(s));
    let value = |p: Option<f64>| p.map_or_else(|| label("none"), progress_text);
    let achieved: Vec<(String, String, String)> = diff
        .deliverable_changes
        .iter()
        .filter(|c| c.to.as_ref().and_then(|d| d.status) == Some(DeliverableStatus::Achieved))
        .filter(|c| c.from.as_ref().and_then(|d| d.status) != Some(DeliverableStatus::Achieved))
        .map(|c| {
            let description = c.to.as_ref().map(|d| d.description.clone()).unwrap_or_default();
            (c.initiative.clone(), c.checkpoint.clone(), description)
        })
        .collect();
    let summary = |s: &roadmap_core::diff::InitiativeSummary| (s.id.clone(), s.title.clone());
    let statuses: Vec<Change> = diff
        .status_changes
        .iter()
        .map(|c| Change {
            id: c.id.clone(),
            title: c.title.clone(),
            from: status_label(c.from),
            to: status_label(c.to),
        })
        .collect();
    let progress: Vec<Change> = diff
        .progress_changes
        .iter()
        .map(|c| Change { id: c.id.clone(), title: c.title.clone(), from: value(c.from), to: value(c.to) })
        .collect();
    let added: Vec<_> = diff.added.iter().map(summary).collect();
    let removed: Vec<_> = diff.removed.iter().map(summary).collect();
    let none = || label("none");
    let fields: Vec<_> = diff
        .field_changes
        .iter()
        .map(|c| {
            (c.id.clone(), c.field.clone(), c.from.clone().unwrap_or_else(none), c.to.clone().unwrap_or_else(none))
        })
        .collect();
    let empty = added.is_empty()
        && removed.is_empty()
        && statuses.is_empty()
        && progress.is_empty()
        && achieved.is_empty()
        && fields.is_empty();
    Since {
        from: diff.from_as_of.map(|d| d.to_string()),
        to: diff.to_as_of.map(|d| d.to_string()),
        added,
        removed,
        statuses,
        progress,
        achieved,
        fields,
        empty,
    }
}

/// The issues of reading the file and the roadmap's validation, judged at
/// the report's date.
fn quality(
    roadmap: &Roadmap,
    as_of: Option<Date>,
    read: Option<&roadmap_core::Report>,
    label: &dyn Fn(&str) -> String,
) -> Quality {
    let validation = RuleSet::builtin().validate_in(&Context::new(roadmap, as_of));
    let issues: Vec<&Issue> = read.into_iter().flat_map(|r| r.iter()).chain(validation.iter()).collect();
    let count = |s: Severity| issues.iter().filter(|i| i.severity == s).count();
    let mut groups: Vec<IssueGroup> = Vec::new();
    for severity in Severity::ALL {
        let mut codes: Vec<&str> = issues.iter().filter(|i| i.severity == severity).map(|i| &*i.code).collect();
        codes.sort_unstable();
        codes.dedup();
        for code in codes {
            let found = issues.iter().filter(|i| i.severity == severity && i.code == code);
            groups.push(IssueGroup {
                code: code.to_owned(),
                severity: severity.as_str(),
                severity_label: label(severity.as_str()),
                more: (issues.iter().filter(|i| i.severity == severity && i.code == code).count())
                    .saturating_sub(ISSUES_PER_CODE),
                issues: found
                    .take(ISSUES_PER_CODE)
                    .map(|i| IssueView {
                        cell: i.location.as_ref().and_then(roadmap_core::Location::short),
                        initiative: i.initiative.clone(),
                        message: i.message.clone(),
                        suggestion: i.suggestion.clone(),
                    })
                    .collect(),
            });
        }
    }
    Quality { errors: count(Severity::Error), warnings: count(Severity::Warning), infos: count(Severity::Info), groups }
}

fn table(roadmap: &Roadmap, status: &dyn Fn(Option<Status>) -> StatusView, label: &dyn Fn(&str) -> String) -> Table {
    let name_of = |id: &Option<String>, defined: &dyn Fn(&str) -> Option<String>| {
        id.as_deref().map(|id| defined(id).unwrap_or_else(|| id.to_owned())).unwrap_or_default()
    };
    let pillar = |id: &str| roadmap.pillars.iter().find(|p| p.id == id).map(|p| p.name.clone());
    let area = |id: &str| roadmap.priority_areas.iter().find(|a| a.id == id).map(|a| a.name.clone());
    // An action without its own pillar or area has its initiative's (as the rollup counts it).
    let inherited = |i: &Initiative, field: fn(&Initiative) -> &Option<String>| -> Option<String> {
        let mut at = i;
        for _ in 0..roadmap.initiatives.len() {
            if let Some(v) = field(at) {
                return Some(v.clone());
            }
            at = roadmap.get(at.parent.as_deref()?)?;
        }
        None
    };
    let rows: Vec<TableRow> = roadmap
        .initiatives
        .iter()
        .take(TABLE_ROWS)
        .map(|i| TableRow {
            id: i.id.clone(),
            title: i.title.clone(),
            pillar: name_of(&inherited(i, |x| &x.pillar), &pillar),
            area: name_of(&inherited(i, |x| &x.priority_area), &area),
            owner: i.owner.clone().unwrap_or_default(),
            status: status(i.status),
            due: i.due.map(|d| d.to_string()).unwrap_or_default(),
            progress: i.progress.map(progress_text).unwrap_or_default(),
        })
        .collect();
    let distinct = |f: &dyn Fn(&TableRow) -> &String| {
        let mut values: Vec<String> = rows.iter().map(|r| f(r).clone()).filter(|v| !v.is_empty()).collect();
        values.sort_unstable();
        values.dedup();
        values
    };
    let total = roadmap.initiatives.len();
    Table {
        pillars: distinct(&|r| &r.pillar),
        areas: distinct(&|r| &r.area),
        owners: distinct(&|r| &r.owner),
        statuses: STATUSES.iter().map(|(s, _, _)| status(*s)).collect(),
        truncated: (total > rows.len()).then(|| {
            label("shown_of").replace("{shown}", &rows.len().to_string()).replace("{total}", &total.to_string())
        }),
        rows,
        total,
    }
}

/// A Markdown table cell: `|` escaped, line breaks as `<br>`.
#[allow(clippy::needless_pass_by_value)] // minijinja passes filter arguments by value.
pub(crate) fn markdown_cell(value: String) -> String {
    value.replace('\\', "\\\\").replace('|', "\\|").replace("\r\n", "<br>").replace('\n', "<br>")
}
