//! The writers read back: every fixture, and the bundled example, written as
//! xlsx and CSV and read again gives the same roadmap (but for where each
//! value was read from), and writing that again gives the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use roadmap_core::{
    Deliverable, DeliverableStatus, Initiative, Revision, RevisionChange, RevisionReason, Roadmap, Status,
};
use roadmap_io::write::{OutputFormat, write};
use roadmap_io::{ReadOptions, read_bytes, read_path};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The roadmap without the cells its values came from.
fn without_sources(mut rm: Roadmap) -> Roadmap {
    for i in &mut rm.initiatives {
        i.source = None;
    }
    rm
}

fn reread(bytes: &[u8]) -> Roadmap {
    let import = read_bytes(bytes, Some("written"), &ReadOptions::default()).unwrap();
    without_sources(import.roadmap)
}

#[test]
fn xlsx_round_trips_every_fixture() {
    let files = ["annex.xlsx", "annex.xls", "annex.ods", "dashboard.xlsx", "dashboard.ods", "multi.xlsx", "noid.csv"];
    for name in files {
        let original = without_sources(read_path(fixture(name)).unwrap().roadmap);
        let written = write(&original, OutputFormat::Xlsx).unwrap();
        let back = reread(&written.bytes);
        assert_eq!(back, original, "{name}: xlsx -> roadmap -> xlsx -> roadmap changed it");
        assert!(written.issues.is_empty(), "{name}: {:?}", written.issues);
    }
}

#[test]
fn csv_round_trips_every_csv_fixture() {
    for name in ["annex.csv", "dashboard.csv", "french.csv", "noid.csv"] {
        let original = read_path(fixture(name)).unwrap();
        let json = without_sources(original.roadmap);
        let first = write(&json, OutputFormat::Csv).unwrap();
        let back = reread(&first.bytes);
        assert_eq!(back.initiatives, json.initiatives, "{name}: csv -> roadmap -> csv -> roadmap changed it");
        assert_eq!(back.pillars, json.pillars, "{name}");
        let second = write(&back, OutputFormat::Csv).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&second.bytes),
            String::from_utf8_lossy(&first.bytes),
            "{name}: writing it again changed the CSV"
        );
    }
}

/// Columns headed alike are kept under distinct names, which the writers
/// write as headers and read back under the same names.
#[test]
fn columns_headed_alike_round_trip() {
    let csv = "ID,Initiative,Status,Notes,Notes,Status\nA-1,Portal,Done,first,second,Ongoing\n";
    let original = reread(csv.as_bytes());
    let extra: Vec<(&str, &str)> =
        original.initiatives[0].extra.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap())).collect();
    assert_eq!(extra, [("Notes", "first"), ("Notes (2)", "second"), ("Status", "Ongoing")]);
    for format in [OutputFormat::Csv, OutputFormat::Xlsx] {
        let written = write(&original, format).unwrap();
        assert_eq!(reread(&written.bytes).initiatives, original.initiatives, "{format:?}");
    }
}

#[test]
fn the_bundled_example_round_trips_through_xlsx() {
    let path = format!("{}/../../examples/itu-transformation.xlsx", env!("CARGO_MANIFEST_DIR"));
    let original = without_sources(read_path(path).unwrap().roadmap);
    let once = write(&original, OutputFormat::Xlsx).unwrap();
    assert_eq!(reread(&once.bytes), original);
}

/// A roadmap with every kind of value, made in code rather than read.
fn everything() -> Roadmap {
    let mut rm = Roadmap::from_json(
        r#"{
          "title": "Transformation roadmap",
          "as_of": "2026-03-01",
          "checkpoints": [{"id": "C26", "name": "Council 2026", "date": "2026-06-10", "description": "Council session"}],
          "pillars": [{"id": "P1", "name": "Governance", "description": "How decisions are made"}],
          "priority_areas": [{"id": "A1", "name": "Member experience"}]
        }"#,
    )
    .unwrap();
    let mut parent = Initiative::new("INI-1", "=Programme");
    parent.pillar = Some("P1".into());
    parent.status = Some(Status::Ongoing);
    let mut child = Initiative::new("INI-2", "Portal, \"phase 2\"\nwith a second line");
    child.parent = Some("INI-1".into());
    child.pillar = Some("P1".into());
    child.priority_area = Some("A1".into());
    child.owner = Some("@ops".into());
    child.status = Some(Status::Revised);
    child.revision = Some(Revision {
        reason: Some(RevisionReason::Rationalization),
        change: Some(RevisionChange::CombinedInto("INI-1".into())),
        note: Some("Combined with INI-1 (rationalization)".into()),
    });
    child.start = Some("2025-01-15".parse().unwrap());
    child.due = Some("2026-12-31".parse().unwrap());
    child.progress = Some(12.3);
    child.description = Some("-5 days of work; +1 @ risk".into());
    child.deliverables = vec![Deliverable {
        checkpoint: "C26".into(),
        description: "Portal live".into(),
        status: Some(DeliverableStatus::Achieved),
        due: None,
    }];
    child.extra.insert("Budget".into(), serde_json::json!(125_000.5));
    child.extra.insert("Risk".into(), serde_json::json!("=HYPERLINK(\"http://x\")"));
    child.extra.insert("Funded".into(), serde_json::json!(true));
    rm.initiatives = vec![parent, child];
    rm
}

#[test]
fn every_value_survives_xlsx() {
    let rm = everything();
    let written = write(&rm, OutputFormat::Xlsx).unwrap();
    assert!(written.issues.is_empty(), "{:?}", written.issues);
    assert_eq!(reread(&written.bytes), rm);
    // The same roadmap gives the same bytes: its as-of date dates the file.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(write(&rm, OutputFormat::Xlsx).unwrap().bytes, written.bytes);
}

#[test]
fn every_initiative_value_survives_csv_and_the_rest_is_reported() {
    let rm = everything();
    let written = write(&rm, OutputFormat::Csv).unwrap();
    let text = String::from_utf8(written.bytes.clone()).unwrap();
    // Text that starts like a formula is never left for a spreadsheet to evaluate.
    assert!(text.contains("'=Programme"), "{text}");
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'-5 days"), "{text}");
    let back = reread(&written.bytes);
    // Extra values come back as text from CSV, which has no types.
    let mut expected = rm.initiatives.clone();
    expected[1].extra.insert("Budget".into(), serde_json::json!("125000.5"));
    expected[1].extra.insert("Funded".into(), serde_json::json!("TRUE"));
    // Pillar and area ids come from the names CSV holds.
    for i in &mut expected {
        i.pillar = i.pillar.as_ref().map(|_| "governance".into());
        i.priority_area = i.priority_area.as_ref().map(|_| "member-experience".into());
    }
    assert_eq!(back.initiatives, expected);
    let codes: Vec<&str> = written.issues.iter().map(|i| i.code.as_ref()).collect();
    assert_eq!(codes, ["not-preserved"], "{:?}", written.issues);
    assert!(written.issues.iter().next().unwrap().message.contains("the as-of date"));
}

#[test]
fn what_a_table_cannot_hold_is_reported() {
    let mut rm = everything();
    let ini = &mut rm.initiatives[1];
    ini.deliverables[0].due = Some("2026-05-01".parse().unwrap());
    ini.deliverables.push(Deliverable {
        checkpoint: "C26".into(),
        description: "Second".into(),
        ..Deliverable::default()
    });
    ini.extra.insert("Nested".into(), serde_json::json!({"a": 1}));
    ini.progress = Some(150.0);
    let written = write(&rm, OutputFormat::Xlsx).unwrap();
    let fields: Vec<String> = written.issues.iter().filter_map(|i| i.location.as_ref()?.field.clone()).collect();
    assert_eq!(fields, ["progress", "deliverables[0].due", "deliverables[1]", "extra.Nested"]);
    assert!(written.issues.iter().all(|i| i.code == "not-preserved" && i.initiative.as_deref() == Some("INI-2")));
}

#[test]
fn text_longer_than_a_cell_is_refused_by_xlsx() {
    let mut rm = everything();
    rm.initiatives[0].description = Some("x".repeat(40_000));
    let err = write(&rm, OutputFormat::Xlsx).unwrap_err();
    assert!(err.to_string().contains("INI-1"), "{err}");
    assert!(err.to_string().contains("40000 characters"), "{err}");
}
