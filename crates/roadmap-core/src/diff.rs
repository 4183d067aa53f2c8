//! What changed between two snapshots of a roadmap: "progress since the last
//! report".
//!
//! Initiatives are matched by id (the first of duplicated ids). Lists follow
//! the newer roadmap's order; removals follow the older one's.
//! Deliverables are matched by checkpoint and by their order among the
//! initiative's deliverables of that checkpoint.

use foldhash::{HashMap, HashMapExt};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Date, Deliverable, Initiative, Roadmap, Status};

/// An initiative that was added or removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InitiativeSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Option<Status>,
}

/// A status that changed, e.g. planned -> ongoing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatusChange {
    /// The initiative's id.
    pub id: String,
    /// Its title (in the newer roadmap).
    pub title: String,
    /// The status before.
    pub from: Option<Status>,
    /// The status now.
    pub to: Option<Status>,
}

/// Progress that moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProgressChange {
    /// The initiative's id.
    pub id: String,
    /// Its title (in the newer roadmap).
    pub title: String,
    /// Progress before.
    pub from: Option<f64>,
    /// Progress now.
    pub to: Option<f64>,
}

/// Another field that changed (title, description, parent, pillar,
/// priority area, owner, start, due, revision), as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FieldChange {
    /// The initiative's id.
    pub id: String,
    /// The field's JSON name.
    pub field: String,
    /// The value before (`null`: absent).
    pub from: Option<String>,
    /// The value now (`null`: absent).
    pub to: Option<String>,
}

/// What happened to a deliverable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliverableChangeKind {
    /// New in the newer roadmap.
    Added,
    /// Gone from the newer roadmap.
    Removed,
    /// Its description, status or due date changed.
    Changed,
}

/// A deliverable added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeliverableChange {
    /// The initiative's id.
    pub initiative: String,
    /// The checkpoint it is due at.
    pub checkpoint: String,
    /// What happened.
    pub change: DeliverableChangeKind,
    /// The deliverable before (`null` when added).
    pub from: Option<Deliverable>,
    /// The deliverable now (`null` when removed).
    pub to: Option<Deliverable>,
}

/// The differences between an older and a newer roadmap.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    /// The older roadmap's report date.
    pub from_as_of: Option<Date>,
    /// The newer roadmap's report date.
    pub to_as_of: Option<Date>,
    /// Initiatives only in the newer roadmap.
    pub added: Vec<InitiativeSummary>,
    /// Initiatives only in the older roadmap.
    pub removed: Vec<InitiativeSummary>,
    /// Status transitions.
    pub status_changes: Vec<StatusChange>,
    /// Progress moves.
    pub progress_changes: Vec<ProgressChange>,
    /// Other fields that changed.
    pub field_changes: Vec<FieldChange>,
    /// Deliverables added, removed or changed.
    pub deliverable_changes: Vec<DeliverableChange>,
}

impl Diff {
    /// True when nothing changed (report dates aside).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.status_changes.is_empty()
            && self.progress_changes.is_empty()
            && self.field_changes.is_empty()
            && self.deliverable_changes.is_empty()
    }
}

fn summary(i: &Initiative) -> InitiativeSummary {
    InitiativeSummary { id: i.id.clone(), title: i.title.clone(), status: i.status }
}

fn first_by_id(roadmap: &Roadmap) -> HashMap<&str, &Initiative> {
    let mut map = HashMap::with_capacity(roadmap.initiatives.len());
    for i in &roadmap.initiatives {
        map.entry(i.id.as_str()).or_insert(i);
    }
    map
}

impl Roadmap {
    /// What changed from `self` (the older snapshot) to `newer`.
    ///
    /// ```
    /// use roadmap_core::{Initiative, Roadmap, Status};
    /// let mut old = Roadmap::default();
    /// old.initiatives.push(Initiative { status: Some(Status::Planned), ..Initiative::new("A", "Alpha") });
    /// let mut new = old.clone();
    /// new.initiatives[0].status = Some(Status::Ongoing);
    /// new.initiatives.push(Initiative::new("B", "Beta"));
    /// let diff = old.diff(&new);
    /// assert_eq!(diff.added[0].id, "B");
    /// assert_eq!((diff.status_changes[0].from, diff.status_changes[0].to), (Some(Status::Planned), Some(Status::Ongoing)));
    /// ```
    pub fn diff(&self, newer: &Roadmap) -> Diff {
        let old = first_by_id(self);
        let new = first_by_id(newer);
        let mut diff = Diff { from_as_of: self.as_of, to_as_of: newer.as_of, ..Diff::default() };
        let mut seen = foldhash::HashSet::default();
        for n in &newer.initiatives {
            if !seen.insert(n.id.as_str()) {
                continue;
            }
            match old.get(n.id.as_str()) {
                None => diff.added.push(summary(n)),
                Some(o) => compare(o, n, &mut diff),
            }
        }
        let mut seen = foldhash::HashSet::default();
        diff.removed = self
            .initiatives
            .iter()
            .filter(|o| seen.insert(o.id.as_str()) && !new.contains_key(o.id.as_str()))
            .map(summary)
            .collect();
        diff
    }
}

/// Records `field` when it differs, as text; allocates only then.
fn field_change<T: PartialEq + ToString + ?Sized>(
    diff: &mut Diff,
    id: &str,
    field: &str,
    from: Option<&T>,
    to: Option<&T>,
) {
    if from != to {
        diff.field_changes.push(FieldChange {
            id: id.to_owned(),
            field: field.to_owned(),
            from: from.map(ToString::to_string),
            to: to.map(ToString::to_string),
        });
    }
}

fn compare(o: &Initiative, n: &Initiative, diff: &mut Diff) {
    if o.status != n.status {
        diff.status_changes.push(StatusChange {
            id: n.id.clone(),
            title: n.title.clone(),
            from: o.status,
            to: n.status,
        });
    }
    let same_progress =
        o.progress == n.progress || (o.progress.is_some_and(f64::is_nan) && n.progress.is_some_and(f64::is_nan));
    if !same_progress {
        diff.progress_changes.push(ProgressChange {
            id: n.id.clone(),
            title: n.title.clone(),
            from: o.progress,
            to: n.progress,
        });
    }
    let id = n.id.as_str();
    field_change(diff, id, "title", Some(o.title.as_str()), Some(n.title.as_str()));
    field_change(diff, id, "description", o.description.as_deref(), n.description.as_deref());
    field_change(diff, id, "parent", o.parent.as_deref(), n.parent.as_deref());
    field_change(diff, id, "pillar", o.pillar.as_deref(), n.pillar.as_deref());
    field_change(diff, id, "priority_area", o.priority_area.as_deref(), n.priority_area.as_deref());
    field_change(diff, id, "owner", o.owner.as_deref(), n.owner.as_deref());
    field_change(diff, id, "start", o.start.as_ref(), n.start.as_ref());
    field_change(diff, id, "due", o.due.as_ref(), n.due.as_ref());
    if o.revision != n.revision {
        let json = |i: &Initiative| i.revision.as_ref().and_then(|r| serde_json::to_string(r).ok());
        field_change(diff, id, "revision", json(o).as_deref(), json(n).as_deref());
    }
    compare_deliverables(o, n, diff);
}

/// Pairs deliverables by (checkpoint, k-th of that checkpoint).
fn compare_deliverables(o: &Initiative, n: &Initiative, diff: &mut Diff) {
    if o.deliverables == n.deliverables {
        return;
    }
    let keyed = |i: &Initiative| -> Vec<((String, usize), Deliverable)> {
        let mut nth: HashMap<&str, usize> = HashMap::new();
        i.deliverables
            .iter()
            .map(|d| {
                let k = nth.entry(d.checkpoint.as_str()).or_insert(0);
                *k += 1;
                ((d.checkpoint.clone(), *k), d.clone())
            })
            .collect()
    };
    let before = keyed(o);
    let after = keyed(n);
    let change = |checkpoint: &str, kind, from, to| DeliverableChange {
        initiative: n.id.clone(),
        checkpoint: checkpoint.to_owned(),
        change: kind,
        from,
        to,
    };
    for (key, d) in &after {
        match before.iter().find(|(k, _)| k == key) {
            None => diff.deliverable_changes.push(change(&key.0, DeliverableChangeKind::Added, None, Some(d.clone()))),
            Some((_, was)) if was != d => {
                diff.deliverable_changes.push(change(
                    &key.0,
                    DeliverableChangeKind::Changed,
                    Some(was.clone()),
                    Some(d.clone()),
                ));
            }
            Some(_) => {}
        }
    }
    for (key, was) in &before {
        if !after.iter().any(|(k, _)| k == key) {
            diff.deliverable_changes.push(change(&key.0, DeliverableChangeKind::Removed, Some(was.clone()), None));
        }
    }
}
