//! Every built-in rule: one roadmap that triggers it (with the expected code
//! and location) and one where it stays silent.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benches fail loudly.

use roadmap_core::codes::VALIDATION;
use roadmap_core::{
    CellRef, Checkpoint, Date, Deliverable, DeliverableStatus, Initiative, Issue, Pillar, PriorityArea, Revision,
    RevisionChange, RevisionReason, Roadmap, Severity, SourceRef, Status,
};

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

/// Columns of the fixture tracker "Dashboard": A id, B title, C pillar,
/// D priority area, E status, F start, G due, H progress, I parent,
/// J C26 deliverable, K revision.
const COLUMNS: [(&str, u32); 12] = [
    ("id", 1),
    ("title", 2),
    ("pillar", 3),
    ("priority_area", 4),
    ("status", 5),
    ("start", 6),
    ("due", 7),
    ("progress", 8),
    ("parent", 9),
    ("deliverables[0]", 10),
    ("deliverables[1]", 11),
    ("revision", 12),
];

/// An initiative read from row `row` of the sheet "Dashboard" of t.xlsx.
fn row(id: &str, row: u32, status: Status) -> Initiative {
    let cells =
        COLUMNS.iter().map(|(f, c)| (std::sync::Arc::<str>::from(*f), CellRef::new(row, *c).unwrap())).collect();
    Initiative {
        pillar: Some("gov".into()),
        priority_area: Some("members".into()),
        status: Some(status),
        source: Some(SourceRef { file: Some("t.xlsx".into()), sheet: Some("Dashboard".into()), row: Some(row), cells }),
        ..Initiative::new(id, format!("Initiative {id}"))
    }
}

/// A clean roadmap: no rule fires on it.
fn base() -> Roadmap {
    Roadmap {
        as_of: Some(date("2026-03-01")),
        checkpoints: vec![Checkpoint {
            id: "C26".into(),
            name: "Council 2026".into(),
            date: Some(date("2026-06-15")),
            description: None,
        }],
        pillars: vec![Pillar { id: "gov".into(), name: "Governance".into(), description: None }],
        priority_areas: vec![PriorityArea {
            id: "members".into(),
            name: "Member experience".into(),
            description: None,
        }],
        initiatives: vec![row("A", 2, Status::Ongoing), row("B", 3, Status::Completed), row("C", 4, Status::Planned)],
        ..Roadmap::default()
    }
}

fn issues_of(rm: &Roadmap, code: &str) -> Vec<Issue> {
    rm.validate().issues.into_iter().filter(|i| i.code == code).collect()
}

/// Asserts exactly one issue of `code`, about `initiative`, at `cell` of the
/// sheet Dashboard; returns it.
fn one(rm: &Roadmap, code: &str, initiative: &str, cell: &str) -> Issue {
    let found = issues_of(rm, code);
    assert_eq!(found.len(), 1, "{code}: {found:#?}");
    let issue = found.into_iter().next().unwrap();
    assert_eq!(issue.initiative.as_deref(), Some(initiative), "{issue}");
    let loc = issue.location.clone().unwrap();
    assert_eq!(loc.file.as_deref(), Some("t.xlsx"));
    assert_eq!(loc.sheet.as_deref(), Some("Dashboard"));
    assert_eq!(loc.cell.map(|c| c.to_string()).as_deref(), Some(cell), "{issue}");
    let parsed: CellRef = cell.parse().unwrap();
    assert_eq!((loc.row, loc.column), (Some(parsed.row()), Some(parsed.column())));
    issue
}

#[test]
fn the_base_roadmap_is_clean() {
    assert_eq!(base().validate().issues, vec![]);
}

#[test]
fn duplicate_id() {
    let mut rm = base();
    rm.initiatives[2].id = "A".into();
    let issue = one(&rm, "duplicate-id", "A", "A4");
    assert_eq!(issue.severity, Severity::Error);
    assert!(issue.message.contains("Dashboard!A2"), "{}", issue.message);
    assert!(issues_of(&base(), "duplicate-id").is_empty());
}

#[test]
fn missing_id() {
    let mut rm = base();
    rm.initiatives[1].id = "  ".into();
    one(&rm, "missing-id", "  ", "A3");
}

#[test]
fn duplicate_definition() {
    let mut rm = base();
    rm.pillars.push(rm.pillars[0].clone());
    let found = issues_of(&rm, "duplicate-definition");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location.as_ref().unwrap().pointer.as_deref(), Some("/pillars/1/id"));
    assert!(issues_of(&base(), "duplicate-definition").is_empty());
}

#[test]
fn unknown_pillar_with_suggestion() {
    let mut rm = base();
    rm.initiatives[0].pillar = Some("Governance".into());
    let issue = one(&rm, "unknown-pillar", "A", "C2");
    assert_eq!(issue.suggestion.as_deref(), Some("did you mean 'gov'?"));
    rm.initiatives[0].pillar = Some("finance".into());
    assert_eq!(one(&rm, "unknown-pillar", "A", "C2").suggestion, None);
    assert!(issues_of(&base(), "unknown-pillar").is_empty());
}

#[test]
fn unknown_priority_area() {
    let mut rm = base();
    rm.initiatives[1].priority_area = Some("membres".into());
    let issue = one(&rm, "unknown-priority-area", "B", "D3");
    assert_eq!(issue.suggestion.as_deref(), Some("did you mean 'members'?"));
    assert!(issues_of(&base(), "unknown-priority-area").is_empty());
}

#[test]
fn unknown_checkpoint() {
    let mut rm = base();
    rm.initiatives[0].deliverables = vec![
        Deliverable { checkpoint: "C26".into(), ..Deliverable::default() },
        Deliverable { checkpoint: "c-26".into(), ..Deliverable::default() },
    ];
    let issue = one(&rm, "unknown-checkpoint", "A", "K2");
    assert_eq!(issue.suggestion.as_deref(), Some("did you mean 'C26'?"));
    assert_eq!(issue.location.unwrap().pointer.as_deref(), Some("/initiatives/0/deliverables/1/checkpoint"));
    rm.initiatives[0].deliverables.pop();
    assert!(issues_of(&rm, "unknown-checkpoint").is_empty());
}

#[test]
fn unknown_parent() {
    let mut rm = base();
    rm.initiatives[2].parent = Some("Z".into());
    one(&rm, "unknown-parent", "C", "I4");
    rm.initiatives[2].parent = Some("A".into());
    assert!(issues_of(&rm, "unknown-parent").is_empty());
}

#[test]
fn cycle_of_parents_and_of_combinations() {
    let mut rm = base();
    rm.initiatives[0].parent = Some("B".into());
    rm.initiatives[1].parent = Some("A".into());
    let issue = one(&rm, "cycle", "A", "I2");
    assert!(issue.message.contains("A -> B -> A"), "{}", issue.message);

    let mut rm = base();
    for (at, into) in [(0, "B"), (1, "A")] {
        rm.initiatives[at].status = Some(Status::Revised);
        rm.initiatives[at].revision = Some(Revision {
            reason: Some(RevisionReason::Rationalization),
            change: Some(RevisionChange::CombinedInto(into.into())),
            note: None,
        });
    }
    let issue = one(&rm, "cycle", "A", "L2");
    assert!(issue.message.contains("combined"), "{}", issue.message);

    // A chain is not a loop.
    let mut rm = base();
    rm.initiatives[1].parent = Some("A".into());
    rm.initiatives[2].parent = Some("B".into());
    assert!(issues_of(&rm, "cycle").is_empty());
}

#[test]
fn self_parent_is_a_cycle() {
    let mut rm = base();
    rm.initiatives[1].parent = Some("B".into());
    let issue = one(&rm, "cycle", "B", "I3");
    assert!(issue.message.contains("B -> B"));
}

#[test]
fn revised_without_reason() {
    let mut rm = base();
    rm.initiatives[2].status = Some(Status::Revised);
    one(&rm, "revised-without-reason", "C", "L4");
    rm.initiatives[2].revision = Some(Revision { change: Some(RevisionChange::ScopeChanged), ..Revision::default() });
    one(&rm, "revised-without-reason", "C", "L4");
    rm.initiatives[2].revision.as_mut().unwrap().reason = Some(RevisionReason::Feasibility);
    assert!(issues_of(&rm, "revised-without-reason").is_empty());
}

#[test]
fn combined_into_missing() {
    let mut rm = base();
    rm.initiatives[2].status = Some(Status::Revised);
    rm.initiatives[2].revision = Some(Revision {
        reason: Some(RevisionReason::Prioritization),
        change: Some(RevisionChange::CombinedInto("INI-9".into())),
        note: None,
    });
    let issue = one(&rm, "combined-into-missing", "C", "L4");
    assert!(issue.message.contains("INI-9"));
    rm.initiatives[2].revision.as_mut().unwrap().change = Some(RevisionChange::CombinedInto("A".into()));
    assert!(issues_of(&rm, "combined-into-missing").is_empty());
    assert!(rm.validate().is_ok());
}

#[test]
fn due_before_start() {
    let mut rm = base();
    rm.initiatives[0].start = Some(date("2026-05-01"));
    rm.initiatives[0].due = Some(date("2026-04-30"));
    one(&rm, "due-before-start", "A", "G2");
    rm.initiatives[0].due = Some(date("2026-05-01"));
    assert!(issues_of(&rm, "due-before-start").is_empty());
}

#[test]
fn progress_out_of_range() {
    for bad in [-1.0, 100.5, f64::NAN, f64::INFINITY] {
        let mut rm = base();
        rm.initiatives[0].progress = Some(bad);
        one(&rm, "progress-out-of-range", "A", "H2");
    }
    for good in [0.0, 42.5, 100.0] {
        let mut rm = base();
        rm.initiatives[0].progress = Some(good);
        assert!(issues_of(&rm, "progress-out-of-range").is_empty());
    }
}

#[test]
fn completed_with_incomplete_progress() {
    let mut rm = base();
    rm.initiatives[1].progress = Some(80.0);
    let issue = one(&rm, "completed-with-incomplete-progress", "B", "H3");
    assert_eq!(issue.severity, Severity::Warning);
    rm.initiatives[1].progress = Some(100.0);
    assert!(issues_of(&rm, "completed-with-incomplete-progress").is_empty());
}

#[test]
fn completed_with_open_deliverables() {
    let mut rm = base();
    rm.initiatives[1].deliverables = vec![
        Deliverable { checkpoint: "C26".into(), status: Some(DeliverableStatus::Achieved), ..Deliverable::default() },
        Deliverable { checkpoint: "C26".into(), status: Some(DeliverableStatus::InProgress), ..Deliverable::default() },
    ];
    let issue = one(&rm, "completed-with-open-deliverables", "B", "K3");
    assert!(issue.message.contains("C26 (in_progress)"), "{}", issue.message);
    rm.initiatives[1].deliverables[1].status = Some(DeliverableStatus::Achieved);
    assert!(issues_of(&rm, "completed-with-open-deliverables").is_empty());
}

#[test]
fn planned_with_progress() {
    let mut rm = base();
    rm.initiatives[2].progress = Some(10.0);
    let issue = one(&rm, "planned-with-progress", "C", "E4");
    assert_eq!(issue.suggestion.as_deref(), Some("did you mean 'ongoing'?"));
    rm.initiatives[2].progress = Some(0.0);
    assert!(issues_of(&rm, "planned-with-progress").is_empty());
}

#[test]
fn deliverable_after_checkpoint() {
    let mut rm = base();
    rm.initiatives[0].deliverables =
        vec![Deliverable { checkpoint: "C26".into(), due: Some(date("2026-07-01")), ..Deliverable::default() }];
    let issue = one(&rm, "deliverable-after-checkpoint", "A", "J2");
    assert_eq!(issue.location.unwrap().pointer.as_deref(), Some("/initiatives/0/deliverables/0/due"));
    rm.initiatives[0].deliverables[0].due = Some(date("2026-06-15"));
    assert!(issues_of(&rm, "deliverable-after-checkpoint").is_empty());
}

#[test]
fn parent_status_mismatch() {
    let mut rm = base();
    // A (ongoing) has children B (completed) and C (planned): derived ongoing, fine.
    rm.initiatives[1].parent = Some("A".into());
    rm.initiatives[2].parent = Some("A".into());
    assert!(issues_of(&rm, "parent-status-mismatch").is_empty());
    // Stated completed with a planned child: mismatch.
    rm.initiatives[0].status = Some(Status::Completed);
    let issue = one(&rm, "parent-status-mismatch", "A", "E2");
    assert_eq!(issue.suggestion.as_deref(), Some("did you mean 'ongoing'?"));
    assert!(issue.message.contains("1 completed, 1 planned"), "{}", issue.message);
    // A revised parent is left alone.
    rm.initiatives[0].status = Some(Status::Revised);
    rm.initiatives[0].revision = Some(Revision { reason: Some(RevisionReason::Other), ..Revision::default() });
    assert!(issues_of(&rm, "parent-status-mismatch").is_empty());
}

#[test]
fn overdue() {
    let mut rm = base();
    rm.initiatives[0].due = Some(date("2026-02-27"));
    let issue = one(&rm, "overdue", "A", "G2");
    assert!(issue.message.contains("2 days before 2026-03-01"), "{}", issue.message);
    // Due on the report date is not overdue; neither are completed or revised ones.
    rm.initiatives[0].due = Some(date("2026-03-01"));
    rm.initiatives[1].due = Some(date("2020-01-01"));
    assert!(issues_of(&rm, "overdue").is_empty());
    // Judged at another date.
    let report = rm.validate_at(date("2026-03-02"));
    assert_eq!(report.count_by_code().get("overdue"), Some(&1));
    // Without a report date nothing is overdue.
    rm.as_of = None;
    assert!(issues_of(&rm, "overdue").is_empty());
}

#[test]
fn missing_title() {
    let mut rm = base();
    rm.initiatives[1].title = " \n".into();
    one(&rm, "missing-title", "B", "B3");
}

#[test]
fn missing_status() {
    let mut rm = base();
    rm.initiatives[2].status = None;
    one(&rm, "missing-status", "C", "E4");
}

#[test]
fn without_a_source_the_location_is_a_json_pointer() {
    let mut rm = base();
    rm.initiatives[1].source = None;
    rm.initiatives[1].title = String::new();
    let issue = &issues_of(&rm, "missing-title")[0];
    let loc = issue.location.as_ref().unwrap();
    assert_eq!((loc.file.as_deref(), loc.cell, loc.row), (None, None, None));
    assert_eq!(loc.pointer.as_deref(), Some("/initiatives/1/title"));
    assert_eq!(loc.field.as_deref(), Some("title"));
}

#[test]
fn every_code_has_a_test_here() {
    let source = include_str!("rules.rs");
    for info in &VALIDATION {
        assert!(source.contains(&format!("\"{}\"", info.code)), "no test names {}", info.code);
    }
    assert_eq!(roadmap_core::validate::RuleSet::builtin().codes(), VALIDATION.to_vec());
}

#[test]
fn severities_follow_the_catalogue() {
    let mut rm = base();
    rm.initiatives[0].title = String::new();
    rm.initiatives[0].progress = Some(120.0);
    rm.initiatives[2].progress = Some(5.0);
    for issue in rm.validate() {
        let info = VALIDATION.iter().find(|i| i.code == issue.code).unwrap();
        assert_eq!(issue.severity, info.severity, "{issue}");
    }
}

#[test]
fn a_large_roadmap_checked_in_parts_reports_in_document_order() {
    // Past the size from which validation uses several threads: the issues
    // must come as one pass would give them.
    let mut rm = Roadmap::default();
    let mut expected = Vec::new();
    for i in 0..50_000u32 {
        let id = format!("I-{i:05}"); // zero-padded: sorted ids are document order
        let mut ini = Initiative::new(id.clone(), if i % 7 == 0 { "" } else { "Work" });
        ini.status = Some(Status::Planned);
        if i % 7 == 0 {
            expected.push(("missing-title".to_owned(), id.clone()));
        }
        if i % 11 == 0 {
            ini.progress = Some(150.0);
            expected.push(("progress-out-of-range".to_owned(), id));
        }
        rm.initiatives.push(ini);
    }
    let found: Vec<(String, String)> = rm
        .validate()
        .iter()
        .filter(|i| ["missing-title", "progress-out-of-range"].contains(&i.code.as_ref()))
        .map(|i| (i.code.to_string(), i.initiative.clone().unwrap()))
        .collect();
    assert!(found.windows(2).all(|w| w[0].1 <= w[1].1), "the initiatives in document order");
    let (mut found, mut expected) = (found, expected);
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
}
