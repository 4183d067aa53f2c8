//! The roadmap of the seed report, `examples/itu-transformation.json`:
//! it validates, and its rollup matches figures counted by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benches fail loudly.

use roadmap::{Roadmap, Severity, Status};

fn seed() -> Roadmap {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/itu-transformation.json");
    Roadmap::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn it_validates_without_errors_or_warnings() {
    let report = seed().validate();
    assert!(report.is_ok(), "{report:#?}");
    assert_eq!(report.count(Severity::Warning), 0, "{report:#?}");
}

#[test]
fn it_carries_what_the_report_says() {
    let rm = seed();
    assert_eq!(rm.pillars.len(), 5);
    assert_eq!(rm.priority_areas.len(), 3);
    let gates: Vec<&str> = rm.checkpoints.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(gates, ["C26", "PP-26"]);
    // The annex: each initiative's actions are its children.
    let actions: Vec<&str> = rm.children("event-modernization").map(|i| i.id.as_str()).collect();
    assert_eq!(actions, ["event-modernization.pilot", "event-modernization.delegate-experience"]);
    let pilot = rm.get("event-modernization.pilot").unwrap();
    assert_eq!(pilot.deliverables[0].checkpoint, "C26");
    assert_eq!(pilot.deliverables[0].description, "System implementation in progress.");
    assert_eq!(pilot.deliverables[1].checkpoint, "PP-26");
    let revised = rm.get("transformation-in-plans").unwrap();
    assert_eq!(revised.status, Some(Status::Revised));
    assert!(revised.revision.as_ref().and_then(|r| r.reason).is_some());
}

#[test]
fn its_rollup_matches_the_hand_count() {
    let r = seed().rollup();
    // 38 initiatives, of which 9 are parents (digital-strategy and the 8
    // initiatives of the annex), so 29 leaves are counted:
    //   completed: oversight-unit, operational-planning, ombudsman,
    //              performance-management, financial-transformation,
    //              genai-guidelines, task-force                       = 7
    //   ongoing:   adaptive-leadership, recruitment, evaluation-community,
    //              document-process, delivery-model                  = 5
    //              + the 4 digital-strategy areas                    = 4
    //              + the annex actions but changemakers.next-phase   = 10
    //                                                                 = 19
    //   planned:   rewards-recognition, changemakers.next-phase      = 2
    //   revised:   transformation-in-plans                           = 1
    assert_eq!(r.total, 29);
    assert_eq!((r.by_status.completed, r.by_status.ongoing, r.by_status.planned, r.by_status.revised), (7, 19, 2, 1));
    assert_eq!(r.by_status.unknown, 0);
    // 7 / (7 + 19 + 2): revised is left out of the denominator.
    assert_eq!(r.completion_rate, Some(0.25));
    // No initiative states a progress.
    assert_eq!(r.mean_progress, None);

    // Per pillar; children inherit their parent's pillar.
    //   governance: oversight-unit C, task-force C, evaluation-community O,
    //               delivery-model O, transformation-in-plans R       = 5
    //   members-and-partners: 2 event + 2 website actions, all O      = 4
    //   people-and-culture: ombudsman C, performance-management C,
    //               adaptive-leadership O, recruitment O, rewards P,
    //               innovation-hub.setup O, staff-engagement.platform O,
    //               changemakers.cases O, changemakers.next-phase P   = 9
    //   resource-optimization: operational-planning C,
    //               financial-transformation C, crm O                 = 3
    //   systems-processes-tools: document-process O, genai C,
    //               4 digital areas O, automation O, travel O         = 8
    let pillars: Vec<(&str, u64, u64, u64, u64, u64)> = r
        .by_pillar
        .iter()
        .map(|g| {
            (
                g.id.as_deref().unwrap(),
                g.total,
                g.counts.completed,
                g.counts.ongoing,
                g.counts.planned,
                g.counts.revised,
            )
        })
        .collect();
    assert_eq!(
        pillars,
        [
            ("governance", 5, 2, 2, 0, 1),
            ("members-and-partners", 4, 0, 4, 0, 0),
            ("people-and-culture", 9, 2, 5, 2, 0),
            ("resource-optimization", 3, 2, 1, 0, 0),
            ("systems-processes-tools", 8, 1, 7, 0, 0),
        ]
    );

    // Per priority area: the annex's 11 actions, and 18 leaves without one.
    let areas: Vec<(Option<&str>, u64, u64, u64)> =
        r.by_priority_area.iter().map(|g| (g.id.as_deref(), g.total, g.counts.ongoing, g.counts.planned)).collect();
    assert_eq!(
        areas,
        [
            (Some("member-experience"), 4, 4, 0),
            (Some("operational-efficiency"), 3, 3, 0),
            (Some("staff-empowerment"), 4, 3, 1),
            (None, 18, 9, 1),
        ]
    );

    // Deliverables: 9 actions have one at each checkpoint; changemakers.cases
    // only at C26 and changemakers.next-phase only at PP-26. None states a status.
    let gates: Vec<(&str, u64, u64, u64)> =
        r.by_checkpoint.iter().map(|c| (c.id.as_str(), c.due, c.achieved, c.unknown)).collect();
    assert_eq!(gates, [("C26", 10, 0, 10), ("PP-26", 10, 0, 10)]);

    // Every parent states ongoing, and its children agree.
    assert_eq!(r.parents.len(), 9);
    assert!(r.parents.iter().all(|p| p.stated == Some(Status::Ongoing) && p.derived == Some(Status::Ongoing)));
    // No report date is stated, so nothing is overdue ...
    assert!(r.overdue.is_empty());
}

#[test]
fn judged_after_mid_january_2026_the_innovation_hub_is_overdue() {
    // "the Innovation Hub ... will be located on the main floor of the
    // Montbrillant Building by mid-January 2026"
    let rm = seed();
    let r = rm.rollup_at("2026-02-01".parse().unwrap());
    let overdue: Vec<(&str, i64)> = r.overdue.iter().map(|o| (o.id.as_str(), o.days_overdue)).collect();
    assert_eq!(overdue, [("innovation-hub.setup", 17)]);
    let report = rm.validate_at("2026-02-01".parse().unwrap());
    assert_eq!(report.count_by_code().get("overdue"), Some(&1));
}

#[test]
fn the_bundled_workbook_gives_the_same_roadmap_figures() {
    // examples/itu-transformation.xlsx is the same roadmap laid out as a
    // tracker (examples/make_tracker.py writes it from the JSON).
    // Read with the organization's profile, which names its pillars,
    // priority areas and checkpoints with the JSON's ids.
    let profile = roadmap::io::Profile::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/profiles/itu-transformation.profile.json"
    ))
    .unwrap();
    let import = roadmap::io::read_path_with(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/itu-transformation.xlsx"),
        &roadmap::io::ReadOptions::default().profile(profile),
    )
    .unwrap();
    let report = import.report();
    assert!(report.is_empty(), "{report:#?}");
    let from_json = seed();
    assert_eq!(import.roadmap.rollup(), from_json.rollup());
    assert_eq!(import.roadmap.initiatives.len(), from_json.initiatives.len());
    for (a, b) in import.roadmap.initiatives.iter().zip(&from_json.initiatives) {
        assert_eq!(
            (&a.id, &a.title, &a.parent, a.status, &a.deliverables),
            (&b.id, &b.title, &b.parent, b.status, &b.deliverables)
        );
    }
}
