//! The built-in rules, one per validation code.

use crate::codes::{
    COMBINED_INTO_MISSING, COMPLETED_WITH_INCOMPLETE_PROGRESS, COMPLETED_WITH_OPEN_DELIVERABLES, CYCLE,
    DELIVERABLE_AFTER_CHECKPOINT, DUE_BEFORE_START, DUPLICATE_DEFINITION, DUPLICATE_ID, MISSING_ID, MISSING_STATUS,
    MISSING_TITLE, OVERDUE, PARENT_STATUS_MISMATCH, PLANNED_WITH_PROGRESS, PROGRESS_OUT_OF_RANGE,
    REVISED_WITHOUT_REASON, UNKNOWN_CHECKPOINT, UNKNOWN_PARENT, UNKNOWN_PILLAR, UNKNOWN_PRIORITY_AREA,
};
use crate::hierarchy::{NONE, cycles};
use crate::model::deliverable_field;
use crate::suggest::{closest, fold};
use crate::validate::{Context, Rule};
use crate::{CodeInfo, DeliverableStatus, Initiative, Issue, Location, RevisionChange, Status};

pub(super) fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(DuplicateId),
        Box::new(MissingId),
        Box::new(DuplicateDefinition),
        Box::new(Cycle),
        Box::new(MissingTitle),
        Box::new(MissingStatus),
        Box::new(UnknownParent),
        Box::new(UnknownPillar),
        Box::new(UnknownPriorityArea),
        Box::new(UnknownCheckpoint),
        Box::new(RevisedWithoutReason),
        Box::new(CombinedIntoMissing),
        Box::new(DueBeforeStart),
        Box::new(ProgressOutOfRange),
        Box::new(CompletedWithIncompleteProgress),
        Box::new(CompletedWithOpenDeliverables),
        Box::new(PlannedWithProgress),
        Box::new(DeliverableAfterCheckpoint),
        Box::new(ParentStatusMismatch),
        Box::new(Overdue),
    ]
}

/// Where an initiative is, for messages: `Dashboard!A7`, `row 7`, or its
/// JSON pointer.
fn place(cx: &Context<'_>, at: usize) -> String {
    cx.location(at, "id").short().unwrap_or_else(|| format!("/initiatives/{at}"))
}

struct DuplicateId;
impl Rule for DuplicateId {
    fn info(&self) -> CodeInfo {
        DUPLICATE_ID
    }
    fn check_roadmap(&self, cx: &Context<'_>, out: &mut Vec<Issue>) {
        for &(dup, first) in &cx.hierarchy().duplicates {
            let id = &cx.roadmap().initiatives[dup as usize].id;
            let msg = format!("id '{id}' is already used by the initiative at {}", place(cx, first as usize));
            out.push(cx.issue(&DUPLICATE_ID, dup as usize, "id", msg));
        }
    }
}

struct MissingId;
impl Rule for MissingId {
    fn info(&self) -> CodeInfo {
        MISSING_ID
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if ini.id.trim().is_empty() {
            out.push(cx.issue(&MISSING_ID, at, "id", "the initiative has no id"));
        }
    }
}

struct DuplicateDefinition;
impl Rule for DuplicateDefinition {
    fn info(&self) -> CodeInfo {
        DUPLICATE_DEFINITION
    }
    fn check_roadmap(&self, cx: &Context<'_>, out: &mut Vec<Issue>) {
        let rm = cx.roadmap();
        let lists: [(&str, &str, Vec<&str>); 3] = [
            ("pillars", "pillar", rm.pillars.iter().map(|p| p.id.as_str()).collect()),
            ("priority_areas", "priority area", rm.priority_areas.iter().map(|p| p.id.as_str()).collect()),
            ("checkpoints", "checkpoint", rm.checkpoints.iter().map(|c| c.id.as_str()).collect()),
        ];
        for (key, noun, ids) in lists {
            let mut seen = foldhash::HashSet::default();
            for (i, id) in ids.into_iter().enumerate() {
                if !seen.insert(id) {
                    let loc = Location {
                        field: Some("id".into()),
                        pointer: Some(format!("/{key}/{i}/id")),
                        ..Location::default()
                    };
                    out.push(
                        DUPLICATE_DEFINITION.issue(format!("the {noun} '{id}' is defined twice")).with_location(loc),
                    );
                }
            }
        }
    }
}

struct Cycle;
impl Rule for Cycle {
    fn info(&self) -> CodeInfo {
        CYCLE
    }
    fn check_roadmap(&self, cx: &Context<'_>, out: &mut Vec<Issue>) {
        let rm = cx.roadmap();
        let path = |cycle: &[u32]| {
            let mut ids: Vec<&str> = cycle.iter().map(|i| rm.initiatives[*i as usize].id.as_str()).collect();
            ids.push(ids[0]);
            ids.join(" -> ")
        };
        for cycle in cycles(&cx.hierarchy().parent) {
            let msg = format!("the initiative is its own ancestor: parent of {}", path(&cycle));
            out.push(cx.issue(&CYCLE, cycle[0] as usize, "parent", msg));
        }
        let combined: Vec<u32> = rm
            .initiatives
            .iter()
            .map(|ini| match ini.revision.as_ref().and_then(|r| r.change.as_ref()) {
                Some(RevisionChange::CombinedInto(into)) => cx.position(into).map_or(NONE, |p| p as u32),
                _ => NONE,
            })
            .collect();
        for cycle in cycles(&combined) {
            let msg = format!("initiatives were combined into each other in a loop: {}", path(&cycle));
            out.push(cx.issue(&CYCLE, cycle[0] as usize, "revision.change", msg));
        }
    }
}

struct MissingTitle;
impl Rule for MissingTitle {
    fn info(&self) -> CodeInfo {
        MISSING_TITLE
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if ini.title.trim().is_empty() {
            out.push(cx.issue(&MISSING_TITLE, at, "title", "the initiative has no title"));
        }
    }
}

struct MissingStatus;
impl Rule for MissingStatus {
    fn info(&self) -> CodeInfo {
        MISSING_STATUS
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if ini.status.is_none() {
            let mut issue = cx.issue(&MISSING_STATUS, at, "status", "the initiative has no status");
            if let Some(derived) = cx.derived_status(at) {
                issue = issue.with_suggestion(format!("its children make it '{}'", derived.as_str()));
            }
            out.push(issue);
        }
    }
}

struct UnknownParent;
impl Rule for UnknownParent {
    fn info(&self) -> CodeInfo {
        UNKNOWN_PARENT
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let Some(parent) = &ini.parent
            && cx.parent(at).is_none()
        {
            out.push(cx.issue(
                &UNKNOWN_PARENT,
                at,
                "parent",
                format!("the parent '{parent}' is not an initiative of the roadmap"),
            ));
        }
    }
}

/// "did you mean 'x'?" for a reference to a pillar or priority area: the id
/// whose id or name is closest to what was written.
fn suggest_definition<'a>(written: &str, defined: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Option<String> {
    let by_name = defined.clone().find(|(_, name)| fold(name) == fold(written)).map(|(id, _)| id);
    let by_spelling = || {
        let names: Vec<(&str, &str)> = defined.collect();
        let word = closest(written, names.iter().flat_map(|(id, name)| [*id, *name]))?;
        names.iter().find(|(id, name)| *id == word || *name == word).map(|(id, _)| *id)
    };
    by_name.or_else(by_spelling).map(|id| format!("did you mean '{id}'?"))
}

/// An issue about a reference to a pillar, area or checkpoint the roadmap
/// does not define, suggesting the closest one it does.
#[allow(clippy::too_many_arguments)] // All are the issue's parts.
fn undefined<'a>(
    cx: &Context<'_>,
    info: &CodeInfo,
    at: usize,
    field: &str,
    noun: &str,
    written: &str,
    defined: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Issue {
    let issue = cx.issue(info, at, field, format!("the {noun} '{written}' is not defined"));
    match suggest_definition(written, defined) {
        Some(s) => issue.with_suggestion(s),
        None => issue,
    }
}

struct UnknownPillar;
impl Rule for UnknownPillar {
    fn info(&self) -> CodeInfo {
        UNKNOWN_PILLAR
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let Some(pillar) = ini.pillar.as_deref().filter(|p| !cx.has_pillar(p)) {
            let defined = cx.roadmap().pillars.iter().map(|p| (p.id.as_str(), p.name.as_str()));
            out.push(undefined(cx, &UNKNOWN_PILLAR, at, "pillar", "pillar", pillar, defined));
        }
    }
}

struct UnknownPriorityArea;
impl Rule for UnknownPriorityArea {
    fn info(&self) -> CodeInfo {
        UNKNOWN_PRIORITY_AREA
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let Some(area) = ini.priority_area.as_deref().filter(|a| !cx.has_priority_area(a)) {
            let defined = cx.roadmap().priority_areas.iter().map(|p| (p.id.as_str(), p.name.as_str()));
            out.push(undefined(cx, &UNKNOWN_PRIORITY_AREA, at, "priority_area", "priority area", area, defined));
        }
    }
}

struct UnknownCheckpoint;
impl Rule for UnknownCheckpoint {
    fn info(&self) -> CodeInfo {
        UNKNOWN_CHECKPOINT
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        for (k, d) in ini.deliverables.iter().enumerate() {
            if cx.checkpoint(&d.checkpoint).is_none() {
                let field = format!("{}.checkpoint", deliverable_field(k));
                let defined = cx.roadmap().checkpoints.iter().map(|c| (c.id.as_str(), c.name.as_str()));
                out.push(undefined(cx, &UNKNOWN_CHECKPOINT, at, &field, "checkpoint", &d.checkpoint, defined));
            }
        }
    }
}

struct RevisedWithoutReason;
impl Rule for RevisedWithoutReason {
    fn info(&self) -> CodeInfo {
        REVISED_WITHOUT_REASON
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if ini.status == Some(Status::Revised) && ini.revision.as_ref().is_none_or(|r| r.reason.is_none()) {
            out.push(
                cx.issue(&REVISED_WITHOUT_REASON, at, "revision", "the initiative is revised but does not say why")
                    .with_suggestion("give a reason: feasibility, prioritization, rationalization or other"),
            );
        }
    }
}

struct CombinedIntoMissing;
impl Rule for CombinedIntoMissing {
    fn info(&self) -> CodeInfo {
        COMBINED_INTO_MISSING
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let Some(RevisionChange::CombinedInto(into)) = ini.revision.as_ref().and_then(|r| r.change.as_ref())
            && cx.position(into).is_none()
        {
            let msg = format!("the initiative was combined into '{into}', which is not in the roadmap");
            out.push(cx.issue(&COMBINED_INTO_MISSING, at, "revision.change", msg));
        }
    }
}

struct DueBeforeStart;
impl Rule for DueBeforeStart {
    fn info(&self) -> CodeInfo {
        DUE_BEFORE_START
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let (Some(start), Some(due)) = (ini.start, ini.due)
            && due < start
        {
            out.push(cx.issue(&DUE_BEFORE_START, at, "due", format!("due {due}, before its start {start}")));
        }
    }
}

struct ProgressOutOfRange;
impl Rule for ProgressOutOfRange {
    fn info(&self) -> CodeInfo {
        PROGRESS_OUT_OF_RANGE
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let Some(p) = ini.progress
            && !(0.0..=100.0).contains(&p)
        {
            out.push(cx.issue(&PROGRESS_OUT_OF_RANGE, at, "progress", format!("progress {p} is outside 0 to 100")));
        }
    }
}

struct CompletedWithIncompleteProgress;
impl Rule for CompletedWithIncompleteProgress {
    fn info(&self) -> CodeInfo {
        COMPLETED_WITH_INCOMPLETE_PROGRESS
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let (Some(Status::Completed), Some(p)) = (ini.status, ini.progress)
            && p < 100.0
        {
            let msg = format!("completed, but progress is {p}%");
            out.push(
                cx.issue(&COMPLETED_WITH_INCOMPLETE_PROGRESS, at, "progress", msg)
                    .with_suggestion("set progress to 100, or the status to 'ongoing'"),
            );
        }
    }
}

struct CompletedWithOpenDeliverables;
impl Rule for CompletedWithOpenDeliverables {
    fn info(&self) -> CodeInfo {
        COMPLETED_WITH_OPEN_DELIVERABLES
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if ini.status != Some(Status::Completed) {
            return;
        }
        let open: Vec<usize> = (0..ini.deliverables.len())
            .filter(|k| {
                matches!(
                    ini.deliverables[*k].status,
                    Some(DeliverableStatus::InProgress | DeliverableStatus::NotStarted)
                )
            })
            .collect();
        if let Some(&first) = open.first() {
            let list: Vec<String> = open
                .iter()
                .map(|k| {
                    let d = &ini.deliverables[*k];
                    format!("{} ({})", d.checkpoint, d.status.map_or("", DeliverableStatus::as_str))
                })
                .collect();
            let msg = format!("completed, but deliverables are still open: {}", list.join(", "));
            out.push(cx.issue(
                &COMPLETED_WITH_OPEN_DELIVERABLES,
                at,
                &format!("{}.status", deliverable_field(first)),
                msg,
            ));
        }
    }
}

struct PlannedWithProgress;
impl Rule for PlannedWithProgress {
    fn info(&self) -> CodeInfo {
        PLANNED_WITH_PROGRESS
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        if let (Some(Status::Planned), Some(p)) = (ini.status, ini.progress)
            && p > 0.0
        {
            out.push(
                cx.issue(&PLANNED_WITH_PROGRESS, at, "status", format!("planned (not started), but progress is {p}%"))
                    .with_suggestion("did you mean 'ongoing'?"),
            );
        }
    }
}

struct DeliverableAfterCheckpoint;
impl Rule for DeliverableAfterCheckpoint {
    fn info(&self) -> CodeInfo {
        DELIVERABLE_AFTER_CHECKPOINT
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        for (k, d) in ini.deliverables.iter().enumerate() {
            let gate = cx.checkpoint(&d.checkpoint).and_then(|c| c.date);
            if let (Some(due), Some(gate)) = (d.due, gate)
                && due > gate
            {
                let msg = format!("the deliverable is due {due}, after {} on {gate}", d.checkpoint);
                out.push(cx.issue(&DELIVERABLE_AFTER_CHECKPOINT, at, &format!("{}.due", deliverable_field(k)), msg));
            }
        }
    }
}

struct ParentStatusMismatch;
impl Rule for ParentStatusMismatch {
    fn info(&self) -> CodeInfo {
        PARENT_STATUS_MISMATCH
    }
    /// A revised parent is left alone: revision is a statement about its
    /// scope, not about its children's progress.
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        let (Some(stated), Some(derived)) = (ini.status, cx.derived_status(at)) else {
            return;
        };
        if stated != derived && stated != Status::Revised {
            let tally = cx.hierarchy().children(at);
            let counts: Vec<String> = Status::ALL
                .iter()
                .filter(|s| tally[**s as usize] > 0)
                .map(|s| format!("{} {}", tally[*s as usize], s.as_str()))
                .collect();
            let msg = format!(
                "the status is '{}', but its children ({}) make it '{}'",
                stated.as_str(),
                counts.join(", "),
                derived.as_str()
            );
            out.push(
                cx.issue(&PARENT_STATUS_MISMATCH, at, "status", msg)
                    .with_suggestion(format!("did you mean '{}'?", derived.as_str())),
            );
        }
    }
}

struct Overdue;
impl Rule for Overdue {
    fn info(&self) -> CodeInfo {
        OVERDUE
    }
    fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
        let Some(as_of) = cx.as_of() else { return };
        if ini.is_overdue(as_of)
            && let Some(due) = ini.due
        {
            let state = ini.status.map_or("without a status", Status::as_str);
            let msg = format!("due {due}, {} days before {as_of}, and still {state}", due.days_until(as_of));
            out.push(cx.issue(&OVERDUE, at, "due", msg));
        }
    }
}
