//! The rollup's definitions and the diff, on small roadmaps whose figures
//! are worked out in the comments.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benches fail loudly.

use roadmap_core::diff::DeliverableChangeKind;
use roadmap_core::{Checkpoint, Date, Deliverable, DeliverableStatus, Initiative, Pillar, Roadmap, Status};

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn ini(id: &str, status: Option<Status>, pillar: Option<&str>, progress: Option<f64>) -> Initiative {
    Initiative { status, pillar: pillar.map(Into::into), progress, ..Initiative::new(id, id) }
}

#[test]
fn groups_defined_then_undefined_then_none() {
    let rm = Roadmap {
        pillars: vec![
            Pillar { id: "b".into(), name: "Bee".into(), description: None },
            Pillar { id: "a".into(), name: String::new(), description: None },
        ],
        initiatives: vec![
            ini("1", Some(Status::Completed), Some("zz"), Some(100.0)),
            ini("2", Some(Status::Ongoing), Some("b"), Some(40.0)),
            ini("3", Some(Status::Revised), Some("b"), Some(10.0)),
            ini("4", None, None, None),
            ini("5", Some(Status::Planned), Some("yy"), None),
        ],
        ..Roadmap::default()
    };
    let r = rm.rollup();
    let groups: Vec<(Option<&str>, &str, bool, u64)> =
        r.by_pillar.iter().map(|g| (g.id.as_deref(), g.name.as_str(), g.defined, g.total)).collect();
    // Defined in definition order (a has no name: its id is shown), then
    // undefined sorted, then none.
    assert_eq!(
        groups,
        [
            (Some("b"), "Bee", true, 2),
            (Some("a"), "a", true, 0),
            (Some("yy"), "yy", false, 1),
            (Some("zz"), "zz", false, 1),
            (None, "(none)", false, 1)
        ]
    );
    // Completion: 1 completed / (1 completed + 1 ongoing + 1 planned); the
    // revised and the unknown are left out.
    assert_eq!(r.completion_rate, Some(1.0 / 3.0));
    assert_eq!(r.by_status.unknown, 1);
    // Mean progress: (100 + 40) / 2; the revised one's 10 is left out.
    assert_eq!(r.mean_progress, Some(70.0));
    // In group b: ongoing 40 only.
    assert_eq!(r.by_pillar[0].mean_progress, Some(40.0));
    assert_eq!(r.by_pillar[0].completion_rate, Some(0.0));
    assert_eq!(r.by_pillar[1].completion_rate, None);
}

#[test]
fn deliverables_per_checkpoint_and_overdue() {
    let gate = |id: &str, d: Option<&str>| Checkpoint {
        id: id.into(),
        name: String::new(),
        date: d.map(date),
        description: None,
    };
    let deliv = |c: &str, s: Option<DeliverableStatus>, due: Option<&str>| Deliverable {
        checkpoint: c.into(),
        description: String::new(),
        status: s,
        due: due.map(date),
    };
    let mut parent = ini("P", Some(Status::Ongoing), None, None);
    parent.deliverables = vec![deliv("LATE", Some(DeliverableStatus::NotStarted), None)];
    let mut child = ini("C", Some(Status::Ongoing), None, None);
    child.parent = Some("P".into());
    child.due = Some(date("2026-01-10"));
    child.deliverables = vec![
        deliv("EARLY", Some(DeliverableStatus::Achieved), None),
        deliv("EARLY", Some(DeliverableStatus::InProgress), None),
        deliv("LATE", None, Some("2026-01-15")),
        deliv("ELSEWHERE", None, None),
    ];
    let rm = Roadmap {
        as_of: Some(date("2026-02-01")),
        checkpoints: vec![gate("LATE", Some("2026-06-01")), gate("NODATE", None), gate("EARLY", Some("2026-01-20"))],
        initiatives: vec![parent, child],
        ..Roadmap::default()
    };
    let r = rm.rollup();
    let rows: Vec<(&str, bool, u64, u64, u64)> =
        r.by_checkpoint.iter().map(|c| (c.id.as_str(), c.defined, c.due, c.achieved, c.overdue)).collect();
    // EARLY (2026-01-20): 2 due, 1 achieved, the in-progress one overdue.
    // LATE (2026-06-01): the parent's (not due yet) and the child's own
    // 2026-01-15 (overdue). NODATE: none. ELSEWHERE: undefined, no date.
    assert_eq!(
        rows,
        [("EARLY", true, 2, 1, 1), ("LATE", true, 2, 0, 1), ("NODATE", true, 0, 0, 0), ("ELSEWHERE", false, 1, 0, 0)]
    );
    // The child is overdue by 22 days; the parent has no due date.
    assert_eq!(r.overdue.len(), 1);
    assert_eq!((r.overdue[0].id.as_str(), r.overdue[0].days_overdue), ("C", 22));
    // Only the leaf is counted.
    assert_eq!(r.total, 1);
    assert_eq!(r.parents[0].derived, Some(Status::Ongoing));
    // Without a report date, nothing is overdue.
    let mut undated = rm.clone();
    undated.as_of = None;
    let r = undated.rollup();
    assert!(r.overdue.is_empty());
    assert!(r.by_checkpoint.iter().all(|c| c.overdue == 0));
}

#[test]
fn owners_sorted_with_none_last() {
    let mut a = ini("a", Some(Status::Completed), None, None);
    a.owner = Some("Zoe".into());
    let mut b = ini("b", Some(Status::Planned), None, None);
    b.owner = Some("Ali".into());
    let c = ini("c", Some(Status::Planned), None, None);
    let r = Roadmap { initiatives: vec![a, b, c], ..Roadmap::default() }.rollup();
    let owners: Vec<Option<&str>> = r.by_owner.iter().map(|g| g.id.as_deref()).collect();
    assert_eq!(owners, [Some("Ali"), Some("Zoe"), None]);
}

#[test]
fn diff_reports_progress_since_the_last_report() {
    let mut old = Roadmap { as_of: Some(date("2025-11-01")), ..Roadmap::default() };
    let mut a = ini("A", Some(Status::Planned), Some("gov"), None);
    a.deliverables = vec![
        Deliverable { checkpoint: "C26".into(), description: "Draft".into(), ..Deliverable::default() },
        Deliverable { checkpoint: "PP-26".into(), description: "Final".into(), ..Deliverable::default() },
    ];
    old.initiatives = vec![a, ini("B", Some(Status::Ongoing), None, Some(20.0)), ini("GONE", None, None, None)];

    let mut new = old.clone();
    new.as_of = Some(date("2026-02-01"));
    new.initiatives.retain(|i| i.id != "GONE");
    new.initiatives[0].status = Some(Status::Ongoing);
    new.initiatives[0].owner = Some("CIO".into());
    new.initiatives[0].deliverables[0].status = Some(DeliverableStatus::Achieved);
    new.initiatives[0].deliverables.remove(1);
    new.initiatives[0].deliverables.push(Deliverable {
        checkpoint: "C26".into(),
        description: "Second".into(),
        ..Deliverable::default()
    });
    new.initiatives[1].progress = Some(60.0);
    new.initiatives.push(ini("NEW", Some(Status::Planned), None, None));

    let d = old.diff(&new);
    assert_eq!((d.from_as_of, d.to_as_of), (Some(date("2025-11-01")), Some(date("2026-02-01"))));
    assert_eq!(d.added.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["NEW"]);
    assert_eq!(d.removed.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["GONE"]);
    assert_eq!(d.status_changes.len(), 1);
    assert_eq!((d.status_changes[0].from, d.status_changes[0].to), (Some(Status::Planned), Some(Status::Ongoing)));
    assert_eq!(d.progress_changes.len(), 1);
    assert_eq!((d.progress_changes[0].from, d.progress_changes[0].to), (Some(20.0), Some(60.0)));
    assert_eq!(d.field_changes.len(), 1);
    assert_eq!((d.field_changes[0].field.as_str(), d.field_changes[0].to.as_deref()), ("owner", Some("CIO")));
    let kinds: Vec<(&str, DeliverableChangeKind)> =
        d.deliverable_changes.iter().map(|c| (c.checkpoint.as_str(), c.change)).collect();
    assert_eq!(
        kinds,
        [
            ("C26", DeliverableChangeKind::Changed),
            ("C26", DeliverableChangeKind::Added),
            ("PP-26", DeliverableChangeKind::Removed)
        ]
    );
    assert!(!d.is_empty());
    assert!(new.diff(&new).is_empty());
}
