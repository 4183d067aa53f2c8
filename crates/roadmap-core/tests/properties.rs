//! Properties over arbitrary roadmaps: JSON round trips are lossless, the
//! rollup's invariants hold, validation and diff never panic.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benches fail loudly.

use std::collections::HashSet;

use proptest::prelude::*;
use roadmap_core::{
    CellRef, Checkpoint, Date, Deliverable, DeliverableStatus, Initiative, Pillar, PriorityArea, Revision,
    RevisionChange, RevisionReason, Roadmap, SourceRef, Status,
};
use serde_json::Value;

fn date() -> impl Strategy<Value = Date> {
    (Date::MIN.days()..=Date::MAX.days()).prop_map(|d| Date::from_days(d).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z0-9 ]{1,12}", any::<String>()]
}

/// Ids from a small pool so duplicates, parents and combinations collide.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![(0..12u8).prop_map(|n| format!("I{n}")), Just(String::new()), any::<String>()]
}

fn status() -> impl Strategy<Value = Option<Status>> {
    prop::option::of(prop::sample::select(Status::ALL.to_vec()))
}

fn revision() -> impl Strategy<Value = Revision> {
    (
        prop::option::of(prop::sample::select(vec![
            RevisionReason::Feasibility,
            RevisionReason::Prioritization,
            RevisionReason::Rationalization,
            RevisionReason::Other,
        ])),
        prop::option::of(prop_oneof![Just(RevisionChange::ScopeChanged), id().prop_map(RevisionChange::CombinedInto)]),
        prop::option::of(text()),
    )
        .prop_map(|(reason, change, note)| Revision { reason, change, note })
}

fn deliverable() -> impl Strategy<Value = Deliverable> {
    (
        prop::sample::select(vec!["C26", "PP-26", "X"]),
        text(),
        prop::option::of(prop::sample::select(vec![
            DeliverableStatus::Achieved,
            DeliverableStatus::InProgress,
            DeliverableStatus::NotStarted,
        ])),
        prop::option::of(date()),
    )
        .prop_map(|(c, description, status, due)| Deliverable { checkpoint: c.into(), description, status, due })
}

fn extra_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
}

fn source() -> impl Strategy<Value = SourceRef> {
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(1..=1_048_576u32),
        prop::collection::btree_map(
            prop_oneof![
                Just(std::sync::Arc::<str>::from("title")),
                Just(std::sync::Arc::<str>::from("status")),
                "extra\\.[a-z ]{1,6}".prop_map(|s| std::sync::Arc::<str>::from(s.as_str()))
            ],
            (1..=1_048_576u32, 1..=16_384u32).prop_map(|(r, c)| CellRef::new(r, c).unwrap()),
            0..4,
        ),
    )
        .prop_map(|(file, sheet, row, cells)| SourceRef {
            file: file.map(Into::into),
            sheet: sheet.map(Into::into),
            row,
            cells: cells.into_iter().collect(),
        })
}

prop_compose! {
    fn initiative()(
        id in id(), title in text(), description in prop::option::of(text()), parent in prop::option::of(id()),
        pillar in prop::option::of(prop::sample::select(vec!["gov", "ppl", "nope"])),
        area in prop::option::of(prop::sample::select(vec!["members", "staff", "gone"])),
        owner in prop::option::of(prop::sample::select(vec!["CIO", "SG", "HR"])),
        status in status(), revision in prop::option::of(revision()),
        start in prop::option::of(date()), due in prop::option::of(date()),
        progress in prop::option::of(prop_oneof![0.0..=100.0f64, -1e6..1e6f64]),
        deliverables in prop::collection::vec(deliverable(), 0..3),
        source in prop::option::of(source()),
        extra in prop::collection::btree_map("[a-zA-Z %]{1,8}", extra_value(), 0..3),
    ) -> Initiative {
        Initiative {
            id, title, description, parent,
            pillar: pillar.map(Into::into), priority_area: area.map(Into::into), owner: owner.map(Into::into),
            status, revision, start, due, progress, deliverables, source, extra: extra.into_iter().collect(),
        }
    }
}

prop_compose! {
    fn roadmap()(
        title in prop::option::of(text()), as_of in prop::option::of(date()),
        gates in prop::collection::vec((prop::sample::select(vec!["C26", "PP-26"]), prop::option::of(date())), 0..3),
        initiatives in prop::collection::vec(initiative(), 0..40),
    ) -> Roadmap {
        Roadmap {
            title,
            as_of,
            checkpoints: gates.into_iter().map(|(id, date)| Checkpoint { id: id.into(), name: String::new(), date, description: None }).collect(),
            pillars: ["gov", "ppl"].map(|id| Pillar { id: id.into(), name: id.to_uppercase(), description: None }).to_vec(),
            priority_areas: ["members", "staff"].map(|id| PriorityArea { id: id.into(), name: String::new(), description: None }).to_vec(),
            initiatives,
            ..Roadmap::default()
        }
    }
}

/// Leaves, counted without the library: initiatives that are not the first
/// holder of an id some initiative's parent names.
fn leaves(rm: &Roadmap) -> u64 {
    let ids: HashSet<&str> = rm.initiatives.iter().map(|i| i.id.as_str()).collect();
    let parents: HashSet<&str> =
        rm.initiatives.iter().filter_map(|i| i.parent.as_deref()).filter(|p| ids.contains(p)).collect();
    let mut seen = HashSet::new();
    rm.initiatives.iter().filter(|i| !(seen.insert(i.id.as_str()) && parents.contains(i.id.as_str()))).count() as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_round_trip_is_lossless(rm in roadmap()) {
        let json = serde_json::to_string(&rm).unwrap();
        let back = Roadmap::from_json(&json).unwrap();
        prop_assert_eq!(&back, &rm);
        // And the bytes are stable.
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
        prop_assert_eq!(Roadmap::from_json(&rm.to_json_pretty()).unwrap(), rm);
    }

    #[test]
    fn rollup_invariants(rm in roadmap()) {
        let r = rm.rollup();
        prop_assert_eq!(r.total, leaves(&rm));
        prop_assert_eq!(r.by_status.total(), r.total);
        for groups in [&r.by_pillar, &r.by_priority_area, &r.by_owner] {
            prop_assert_eq!(groups.iter().map(|g| g.total).sum::<u64>(), r.total);
            let ids: HashSet<_> = groups.iter().map(|g| g.id.clone()).collect();
            prop_assert_eq!(ids.len(), groups.len(), "one group per key");
            for g in groups {
                prop_assert_eq!(g.counts.total(), g.total);
                if let Some(rate) = g.completion_rate {
                    prop_assert!((0.0..=1.0).contains(&rate));
                }
            }
        }
        // Every defined pillar has a group, zero or not, in definition order.
        prop_assert_eq!(r.by_pillar[0].id.as_deref(), Some("gov"));
        prop_assert_eq!(r.by_pillar[1].id.as_deref(), Some("ppl"));
        if let Some(rate) = r.completion_rate {
            prop_assert!((0.0..=1.0).contains(&rate));
        }
        let deliverables: u64 = rm.initiatives.iter().map(|i| i.deliverables.len() as u64).sum();
        prop_assert_eq!(r.by_checkpoint.iter().map(|c| c.due).sum::<u64>(), deliverables);
        for c in &r.by_checkpoint {
            prop_assert_eq!(c.achieved + c.in_progress + c.not_started + c.unknown, c.due);
            prop_assert!(c.overdue <= c.due - c.achieved);
        }
        prop_assert_eq!(r.parents.len() as u64 + r.total, rm.initiatives.len() as u64);
        prop_assert!(r.overdue.windows(2).all(|w| w[0].due <= w[1].due));
        prop_assert!(r.overdue.iter().all(|o| o.days_overdue > 0));
    }

    #[test]
    fn validation_and_diff_never_panic(a in roadmap(), b in roadmap()) {
        let report = a.validate();
        for issue in &report {
            prop_assert!(issue.location.is_some() || issue.code == "duplicate-definition" || issue.initiative.is_none());
        }
        let _ = serde_json::to_string(&report).unwrap();
        prop_assert!(a.diff(&a).is_empty());
        let d = a.diff(&b);
        let a_ids: HashSet<&str> = a.initiatives.iter().map(|i| i.id.as_str()).collect();
        let b_ids: HashSet<&str> = b.initiatives.iter().map(|i| i.id.as_str()).collect();
        prop_assert_eq!(d.added.len(), b_ids.difference(&a_ids).count());
        prop_assert_eq!(d.removed.len(), a_ids.difference(&b_ids).count());
        let _ = serde_json::to_string(&d).unwrap();
    }
}

#[test]
fn extra_is_kept_verbatim() {
    let mut extra = roadmap_core::Extra::new();
    extra.insert("Budget (CHF)".to_owned(), Value::from(1_250_000));
    extra.insert("Notes".to_owned(), Value::from("see annex, row 4"));
    let rm = Roadmap { initiatives: vec![Initiative { extra, ..Initiative::new("A", "a") }], ..Roadmap::default() };
    let json = serde_json::to_value(&rm).unwrap();
    assert_eq!(json["initiatives"][0]["extra"]["Budget (CHF)"], 1_250_000);
    assert_eq!(Roadmap::from_json(&json.to_string()).unwrap(), rm);
}
