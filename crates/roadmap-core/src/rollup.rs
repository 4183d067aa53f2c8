//! The dashboard figures of a roadmap.
//!
//! Definitions, which the README repeats:
//!
//! - **Counted initiatives** are the *leaves*: initiatives no other
//!   initiative names as its parent. A programme with three actions counts
//!   three, not four. `total` is their number.
//! - **Status counts** (`completed`, `ongoing`, `planned`, `revised`, and
//!   `unknown` for leaves without a status) always add up to `total`, overall
//!   and in every group.
//! - **Groups** (pillar, priority area) use the leaf's own value, or else the
//!   nearest ancestor's. Defined pillars and areas come first, in the order
//!   the roadmap lists them (zero counts included), then names that are not
//!   defined (sorted), then `id: null` for leaves without one. Owners are
//!   sorted by name, with `id: null` last. Every leaf is in exactly one group
//!   of each grouping, so a grouping's totals add up to `total`.
//! - **Completion rate** = completed / (completed + ongoing + planned).
//!   Revised leaves are left out of the denominator because their scope
//!   changed or went into another initiative; leaves without a status are
//!   left out because nothing is known of them. `null` when the denominator
//!   is zero.
//! - **Mean progress** is the mean of the stated `progress` of the counted,
//!   non-revised leaves that state one; `null` when none does. Nothing is
//!   assumed for leaves that state none.
//! - **Checkpoints**: every deliverable of every initiative (leaf or not)
//!   is counted at its checkpoint: `due` (all of them), `achieved`,
//!   `in_progress`, `not_started`, `unknown` (no status), and `overdue`: not
//!   achieved, and its own due date, or else its checkpoint's date, is before
//!   `as_of`. Defined checkpoints come in date order (undated last, then
//!   undefined names, sorted).
//! - **Overdue initiatives** are all initiatives, leaves or not, that are
//!   neither completed nor revised and whose due date is before `as_of`;
//!   oldest due first. With no `as_of` nothing is overdue.
//! - **Parents** lists every initiative with children, its stated status,
//!   and the status its direct children give it: revised children are set
//!   aside unless all are revised; of the rest, all completed gives
//!   completed, all planned gives planned, any other mix gives ongoing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::hierarchy::{derive_status, inherit};
use crate::keys::Keys;
use crate::validate::Context;
use crate::{Checkpoint, Date, Deliverable, DeliverableStatus, Initiative, Roadmap, Status};

/// How many leaf initiatives have each status. The members add up to the
/// total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StatusCounts {
    /// Planned deliverables achieved.
    pub completed: u64,
    /// Started and in progress.
    pub ongoing: u64,
    /// Not yet started.
    pub planned: u64,
    /// Changed scope or combined with others.
    pub revised: u64,
    /// No status stated.
    pub unknown: u64,
}

impl StatusCounts {
    /// Counts one more initiative of this status.
    pub fn add(&mut self, status: Option<Status>) {
        *match status {
            Some(Status::Completed) => &mut self.completed,
            Some(Status::Ongoing) => &mut self.ongoing,
            Some(Status::Planned) => &mut self.planned,
            Some(Status::Revised) => &mut self.revised,
            None => &mut self.unknown,
        } += 1;
    }

    /// The count of one status (`None`: unknown).
    pub fn get(&self, status: Option<Status>) -> u64 {
        match status {
            Some(Status::Completed) => self.completed,
            Some(Status::Ongoing) => self.ongoing,
            Some(Status::Planned) => self.planned,
            Some(Status::Revised) => self.revised,
            None => self.unknown,
        }
    }

    /// All counted.
    pub fn total(&self) -> u64 {
        self.completed + self.ongoing + self.planned + self.revised + self.unknown
    }

    /// completed / (completed + ongoing + planned); `None` when that is 0/0.
    pub fn completion_rate(&self) -> Option<f64> {
        let denominator = self.completed + self.ongoing + self.planned;
        (denominator > 0).then(|| self.completed as f64 / denominator as f64)
    }
}

/// The figures of one group: a pillar, a priority area or an owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupRollup {
    /// The pillar's or area's id, or the owner; `null` for leaves that have none.
    pub id: Option<String>,
    /// The display name (the id when the roadmap does not define it;
    /// "(none)" for the `null` group).
    pub name: String,
    /// True when the roadmap defines this pillar or area (always true for
    /// owners, false for the `null` group).
    pub defined: bool,
    /// Leaf initiatives in the group.
    pub total: u64,
    /// Counts per status.
    #[serde(flatten)]
    pub counts: StatusCounts,
    /// See the module docs.
    pub completion_rate: Option<f64>,
    /// See the module docs.
    pub mean_progress: Option<f64>,
}

/// The deliverables due at one checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CheckpointRollup {
    /// The checkpoint's id.
    pub id: String,
    /// Its name (the id when it is not defined).
    pub name: String,
    /// Its date.
    pub date: Option<Date>,
    /// True when the roadmap defines this checkpoint.
    pub defined: bool,
    /// Deliverables due at it.
    pub due: u64,
    /// Of those, achieved.
    pub achieved: u64,
    /// Of those, in progress.
    pub in_progress: u64,
    /// Of those, not started.
    pub not_started: u64,
    /// Of those, without a status.
    pub unknown: u64,
    /// Of those, not achieved and due before `as_of`.
    pub overdue: u64,
}

/// An initiative past its due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OverdueInitiative {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Option<Status>,
    /// Its owner.
    pub owner: Option<String>,
    /// When it was due.
    pub due: Date,
    /// Days from `due` to `as_of`.
    pub days_overdue: i64,
}

/// A parent initiative, with the status its children give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ParentStatus {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The status the roadmap states.
    pub stated: Option<Status>,
    /// The status its direct children give it (`null` when none has one).
    pub derived: Option<Status>,
    /// Its direct children.
    pub children: u64,
}

/// The dashboard: see the module docs for every definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rollup {
    /// The date "overdue" was judged at.
    pub as_of: Option<Date>,
    /// Leaf initiatives counted.
    pub total: u64,
    /// Leaf initiatives per status.
    pub by_status: StatusCounts,
    /// completed / (completed + ongoing + planned).
    pub completion_rate: Option<f64>,
    /// Mean stated progress of non-revised leaves.
    pub mean_progress: Option<f64>,
    /// Per pillar.
    pub by_pillar: Vec<GroupRollup>,
    /// Per priority area.
    pub by_priority_area: Vec<GroupRollup>,
    /// Per owner.
    pub by_owner: Vec<GroupRollup>,
    /// Deliverables per checkpoint.
    pub by_checkpoint: Vec<CheckpointRollup>,
    /// Initiatives past their due date, oldest first.
    pub overdue: Vec<OverdueInitiative>,
    /// Initiatives with children, and the status the children give them.
    pub parents: Vec<ParentStatus>,
}

/// How a rollup is grouped for a table: by pillar, priority area, owner, or
/// checkpoint (the deliverables due at each).
///
/// ```
/// use roadmap_core::rollup::GroupBy;
/// assert_eq!("priority-area".parse(), Ok(GroupBy::PriorityArea));
/// assert_eq!(GroupBy::PriorityArea.as_str(), "priority_area");
/// assert!("colour".parse::<GroupBy>().is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// [`Rollup::by_pillar`].
    #[default]
    Pillar,
    /// [`Rollup::by_priority_area`].
    PriorityArea,
    /// [`Rollup::by_owner`].
    Owner,
    /// [`Rollup::by_checkpoint`].
    Checkpoint,
}

impl GroupBy {
    /// All four, in the order the rollup holds them.
    pub const ALL: [GroupBy; 4] = [GroupBy::Pillar, GroupBy::PriorityArea, GroupBy::Owner, GroupBy::Checkpoint];

    /// `pillar`, `priority_area`, `owner` or `checkpoint`: the rollup's
    /// member is `by_` and this.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Pillar => "pillar",
            GroupBy::PriorityArea => "priority_area",
            GroupBy::Owner => "owner",
            GroupBy::Checkpoint => "checkpoint",
        }
    }
}

impl std::fmt::Display for GroupBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for GroupBy {
    type Err = UnknownGroupBy;

    /// Reads the four names, ignoring case and surrounding space, with `-`
    /// or `_` between words (`priority-area`, `priority_area`).
    fn from_str(text: &str) -> Result<GroupBy, UnknownGroupBy> {
        let t = text.trim().replace('-', "_");
        GroupBy::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(&t))
            .ok_or_else(|| UnknownGroupBy { text: text.to_owned() })
    }
}

/// A word that is not one of the four groupings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("by must be 'pillar', 'priority_area', 'owner' or 'checkpoint', not {text:?}")]
pub struct UnknownGroupBy {
    /// The word given.
    pub text: String,
}

impl Rollup {
    /// The groups of a grouping by pillar, priority area or owner; `None`
    /// for [`GroupBy::Checkpoint`], whose figures are
    /// [`Rollup::by_checkpoint`].
    pub fn groups(&self, by: GroupBy) -> Option<&[GroupRollup]> {
        match by {
            GroupBy::Pillar => Some(&self.by_pillar),
            GroupBy::PriorityArea => Some(&self.by_priority_area),
            GroupBy::Owner => Some(&self.by_owner),
            GroupBy::Checkpoint => None,
        }
    }
}

/// The status a parent's children give it (`None` when none has a
/// status): revised children are set aside unless all are revised; of the
/// rest, all completed gives completed, all planned gives planned, any other
/// mix gives ongoing.
///
/// ```
/// use roadmap_core::Status;
/// use roadmap_core::rollup::status_from_children;
/// assert_eq!(status_from_children([Some(Status::Completed), Some(Status::Planned)]), Some(Status::Ongoing));
/// ```
pub fn status_from_children(children: impl IntoIterator<Item = Option<Status>>) -> Option<Status> {
    let mut tally = [0u32; 5];
    for status in children {
        tally[crate::hierarchy::tally_index(status)] += 1;
    }
    derive_status(tally)
}

/// Running figures of one group.
#[derive(Default, Clone, Copy)]
struct Acc {
    counts: StatusCounts,
    progress_sum: f64,
    progress_n: u64,
}

impl Acc {
    fn add(&mut self, ini: &Initiative) {
        self.counts.add(ini.status);
        if let Some(p) = ini.progress.filter(|p| p.is_finite())
            && ini.status != Some(Status::Revised)
        {
            self.progress_sum += p;
            self.progress_n += 1;
        }
    }

    fn finish(self, id: Option<String>, name: String, defined: bool) -> GroupRollup {
        GroupRollup {
            id,
            name,
            defined,
            total: self.counts.total(),
            counts: self.counts,
            completion_rate: self.counts.completion_rate(),
            mean_progress: (self.progress_n > 0).then(|| self.progress_sum / self.progress_n as f64),
        }
    }
}

/// Groups leaves by a key: defined keys first (in definition order), then
/// undefined keys (sorted), then `None`.
struct Grouping<'a> {
    keys: Keys<'a>,
    /// Display name and whether defined, per key position.
    names: Vec<(String, bool)>,
    accs: Vec<Acc>,
    none: Acc,
}

impl<'a> Grouping<'a> {
    fn new(defined: impl Iterator<Item = (&'a str, &'a str)>) -> Grouping<'a> {
        let mut g = Grouping { keys: Keys::default(), names: Vec::new(), accs: Vec::new(), none: Acc::default() };
        for (id, name) in defined {
            if g.keys.find_or_add(id).1 {
                g.names.push((if name.is_empty() { id } else { name }.to_owned(), true));
                g.accs.push(Acc::default());
            }
        }
        g
    }

    fn add(&mut self, key: Option<&'a str>, ini: &Initiative) {
        let Some(key) = key else {
            self.none.add(ini);
            return;
        };
        let (slot, added) = self.keys.find_or_add(key);
        if added {
            self.names.push((key.to_owned(), false));
            self.accs.push(Acc::default());
        }
        self.accs[slot].add(ini);
    }

    /// `undefined_as_defined`: owners are not declared anywhere, so every
    /// owner counts as defined and all are sorted by name.
    fn finish(self, undefined_as_defined: bool) -> Vec<GroupRollup> {
        let mut groups: Vec<GroupRollup> = self
            .keys
            .list()
            .iter()
            .zip(self.names)
            .zip(self.accs)
            .map(|((id, (name, defined)), acc)| {
                acc.finish(Some((*id).to_owned()), name, defined || undefined_as_defined)
            })
            .collect();
        // Defined keys come first and keep their order; the others are sorted by id.
        let first_undefined = groups.iter().position(|g| !g.defined || undefined_as_defined).unwrap_or(groups.len());
        groups[first_undefined..].sort_by(|a, b| a.id.cmp(&b.id));
        if self.none.counts.total() > 0 {
            groups.push(self.none.finish(None, "(none)".to_owned(), false));
        }
        groups
    }
}

impl Roadmap {
    /// The dashboard figures, judging "overdue" at the roadmap's `as_of`
    /// (nothing is overdue without one).
    ///
    /// ```
    /// use roadmap_core::{Initiative, Roadmap, Status};
    /// let mut rm = Roadmap::default();
    /// for (id, status) in [("A", Status::Completed), ("B", Status::Ongoing), ("C", Status::Revised)] {
    ///     rm.initiatives.push(Initiative { status: Some(status), ..Initiative::new(id, id) });
    /// }
    /// let rollup = rm.rollup();
    /// assert_eq!(rollup.total, 3);
    /// assert_eq!(rollup.completion_rate, Some(0.5)); // revised is left out
    /// ```
    pub fn rollup(&self) -> Rollup {
        Context::new(self, None).rollup()
    }

    /// The dashboard figures, judging "overdue" at `as_of`.
    pub fn rollup_at(&self, as_of: Date) -> Rollup {
        Context::new(self, Some(as_of)).rollup()
    }
}

impl Context<'_> {
    /// The dashboard figures of the context's roadmap, judged at its
    /// `as_of`. Validating and rolling up through one context builds the
    /// lookups once:
    ///
    /// ```
    /// use roadmap_core::Roadmap;
    /// use roadmap_core::validate::{Context, RuleSet};
    /// let rm = Roadmap::default();
    /// let cx = Context::new(&rm, None);
    /// let (report, rollup) = (RuleSet::builtin().validate_in(&cx), cx.rollup());
    /// assert!(report.is_ok() && rollup.total == 0);
    /// ```
    pub fn rollup(&self) -> Rollup {
        let rm = self.roadmap();
        let as_of = self.as_of();
        let hierarchy = self.hierarchy();
        let inis = &rm.initiatives;
        let pillar = inherit(inis, &hierarchy.parent, |i| i.pillar.as_deref());
        let area = inherit(inis, &hierarchy.parent, |i| i.priority_area.as_deref());

        let mut all = Acc::default();
        let mut by_pillar = Grouping::new(rm.pillars.iter().map(|p| (p.id.as_str(), p.name.as_str())));
        let mut by_area = Grouping::new(rm.priority_areas.iter().map(|p| (p.id.as_str(), p.name.as_str())));
        let mut by_owner = Grouping::new(std::iter::empty());
        let mut gates = Gates::new(&rm.checkpoints);
        let mut overdue = Vec::new();
        let mut parents = Vec::new();
        for (i, ini) in inis.iter().enumerate() {
            for d in &ini.deliverables {
                gates.add(d, as_of);
            }
            if let (Some(at), Some(due)) = (as_of, ini.due)
                && ini.is_overdue(at)
            {
                overdue.push(OverdueInitiative {
                    id: ini.id.clone(),
                    title: ini.title.clone(),
                    status: ini.status,
                    owner: ini.owner.clone(),
                    due,
                    days_overdue: due.days_until(at),
                });
            }
            if hierarchy.is_leaf(i) {
                all.add(ini);
                by_pillar.add(pillar[i], ini);
                by_area.add(area[i], ini);
                by_owner.add(ini.owner.as_deref(), ini);
            } else {
                let tally = hierarchy.children(i);
                parents.push(ParentStatus {
                    id: ini.id.clone(),
                    title: ini.title.clone(),
                    stated: ini.status,
                    derived: derive_status(tally),
                    children: tally.iter().map(|n| u64::from(*n)).sum(),
                });
            }
        }
        let overall = all.finish(None, String::new(), false);
        // Oldest first; the sort is stable, so one day keeps document order.
        overdue.sort_by_key(|o| o.due);

        Rollup {
            as_of,
            total: overall.total,
            by_status: overall.counts,
            completion_rate: overall.completion_rate,
            mean_progress: overall.mean_progress,
            by_pillar: by_pillar.finish(false),
            by_priority_area: by_area.finish(false),
            by_owner: by_owner.finish(true),
            by_checkpoint: gates.finish(),
            overdue,
            parents,
        }
    }
}

/// Running figures per checkpoint: defined ones in date order (undated
/// last), then undefined ids met in deliverables (sorted at the end).
struct Gates<'a> {
    keys: Keys<'a>,
    /// The defined checkpoint of each row (for its date), beside the rows.
    defined: Vec<Option<&'a Checkpoint>>,
    rows: Vec<CheckpointRollup>,
}

impl<'a> Gates<'a> {
    fn new(checkpoints: &'a [Checkpoint]) -> Gates<'a> {
        let mut gates = Gates { keys: Keys::default(), defined: Vec::new(), rows: Vec::new() };
        let mut in_date_order: Vec<&Checkpoint> = checkpoints.iter().collect();
        // The sort is stable: checkpoints of one date keep the roadmap's order.
        in_date_order.sort_by_key(|c| (c.date.is_none(), c.date));
        for c in in_date_order {
            if gates.keys.find_or_add(&c.id).1 {
                let name = if c.name.is_empty() { c.id.clone() } else { c.name.clone() };
                gates.rows.push(CheckpointRollup::empty(c.id.clone(), name, c.date, true));
                gates.defined.push(Some(c));
            }
        }
        gates
    }

    fn add(&mut self, d: &'a Deliverable, as_of: Option<Date>) {
        let (slot, added) = self.keys.find_or_add(&d.checkpoint);
        if added {
            self.rows.push(CheckpointRollup::empty(d.checkpoint.clone(), d.checkpoint.clone(), None, false));
            self.defined.push(None);
        }
        let row = &mut self.rows[slot];
        row.due += 1;
        *match d.status {
            Some(DeliverableStatus::Achieved) => &mut row.achieved,
            Some(DeliverableStatus::InProgress) => &mut row.in_progress,
            Some(DeliverableStatus::NotStarted) => &mut row.not_started,
            None => &mut row.unknown,
        } += 1;
        if as_of.is_some_and(|at| d.is_overdue(self.defined[slot], at)) {
            row.overdue += 1;
        }
    }

    fn finish(mut self) -> Vec<CheckpointRollup> {
        let first_undefined = self.defined.iter().position(Option::is_none).unwrap_or(self.rows.len());
        self.rows[first_undefined..].sort_by(|a, b| a.id.cmp(&b.id));
        self.rows
    }
}

impl CheckpointRollup {
    fn empty(id: String, name: String, date: Option<Date>, defined: bool) -> CheckpointRollup {
        CheckpointRollup {
            id,
            name,
            date,
            defined,
            due: 0,
            achieved: 0,
            in_progress: 0,
            not_started: 0,
            unknown: 0,
            overdue: 0,
        }
    }
}
