//! The fixtures of tests/fixtures (written by `make_fixtures.py`) imported
//! from every format: the same roadmap, the same issues at the same cells.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::items_after_statements,
    clippy::case_sensitive_file_extension_comparisons,
    clippy::format_collect
)] // Tests fail loudly; brevity over pedantry.

use roadmap_core::{DeliverableStatus, RevisionChange, RevisionReason, Status};
use roadmap_io::{ErrorKind, Format, Import, ReadOptions, SheetRole, read_path};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn import(name: &str) -> Import {
    read_path(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The example organization's profile (`examples/profiles/`): its
/// pillars, priority areas and checkpoints to stable ids.
fn example_profile() -> roadmap_io::Profile {
    roadmap_io::Profile::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/profiles/itu-transformation.profile.json"
    ))
    .unwrap()
}

/// A fixture of that organization's, read with its profile.
fn import_with_example_profile(name: &str) -> Import {
    roadmap_io::read_path_with(fixture(name), &ReadOptions::default().profile(example_profile()))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (code, cell as the report shows it, initiative) of every issue.
fn issues(import: &Import) -> Vec<(String, String, Option<String>)> {
    import
        .report()
        .issues
        .into_iter()
        .map(|i| (i.code.to_string(), i.location.and_then(|l| l.short()).unwrap_or_default(), i.initiative))
        .collect()
}

#[test]
fn the_annex_layout_from_every_format() {
    for (name, format) in [("annex.xlsx", Format::Xlsx), ("annex.xls", Format::Xls), ("annex.ods", Format::Ods)] {
        let imp = import_with_example_profile(name);
        assert_eq!(imp.format, format);
        let rm = &imp.roadmap;
        assert_eq!(rm.title.as_deref(), Some("Priority areas with deliverables by C26 and PP-26"), "{name}");
        assert_eq!(rm.as_of.map(|d| d.to_string()).as_deref(), Some("2025-12-01"), "{name}");
        let layout = &imp.layouts[0];
        assert_eq!(layout.header_rows, [5, 6], "{name}: the two-row header");
        assert_eq!(layout.end_row, Some(24), "{name}: the totals row ends the table");
        let sections: Vec<u32> = layout.sections.iter().map(|(r, _)| *r).collect();
        assert_eq!(sections, [4, 12, 18], "{name}");
        // 5 initiatives (merged cells) with 8 actions under them.
        assert_eq!(rm.initiatives.len(), 13, "{name}");
        let expect = [
            ("Event modernization", "member-experience", 2),
            ("Website and members zone", "member-experience", 2),
            ("Automation of business processes", "operational-efficiency", 1),
            ("Travel and expense management", "operational-efficiency", 1),
            ("Changemakers programme", "staff-empowerment", 2),
        ];
        for (title, area, actions) in expect {
            let parent = rm.initiatives.iter().find(|i| i.title == title).unwrap_or_else(|| panic!("{name}: {title}"));
            assert_eq!(parent.priority_area.as_deref(), Some(area), "{name}: {title}");
            let children: Vec<_> = rm.children(&parent.id).collect();
            assert_eq!(children.len(), actions, "{name}: {title}");
            for child in children {
                assert_eq!(child.priority_area.as_deref(), Some(area), "{name}: {}", child.title);
            }
        }
        // Multi-line deliverables under the right checkpoint, with their cells.
        let delegate = rm.initiatives.iter().find(|i| i.title.starts_with("Introduce digital and AI")).unwrap();
        assert_eq!(delegate.deliverables[0].checkpoint, "C26");
        assert!(delegate.deliverables[0].description.contains("AI agent on PP website\nModernized"), "{name}");
        assert_eq!(delegate.deliverables[1].checkpoint, "PP-26");
        let src = delegate.source.as_ref().unwrap();
        assert_eq!((src.sheet.as_deref(), src.row), (Some("Annex"), Some(8)));
        assert_eq!(src.cells.get("deliverables[1]").unwrap().to_string(), "D8");
        // The action of a merged group points at the group's top cell.
        let cases = rm.initiatives.iter().find(|i| i.title.starts_with("Cases transitioning")).unwrap();
        assert_eq!(cases.deliverables.len(), 1);
        assert_eq!(cases.deliverables[0].checkpoint, "C26");
        let next_phase =
            rm.initiatives.iter().find(|i| i.title.starts_with("Changemakers Programme transitioning")).unwrap();
        assert_eq!(next_phase.deliverables[0].checkpoint, "PP-26");
        assert_eq!(next_phase.parent, cases.parent);
        let group = rm.get(next_phase.parent.as_deref().unwrap()).unwrap();
        assert_eq!(group.source.as_ref().unwrap().cells.get("title").unwrap().to_string(), "A21");
        // Checkpoints come from the header, named by the profile.
        let gates: Vec<(&str, &str)> = rm.checkpoints.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
        assert_eq!(gates, [("C26", "Council 2026"), ("PP-26", "Plenipotentiary Conference 2026")]);
        // Nothing below the totals row became an initiative.
        assert!(!rm.initiatives.iter().any(|i| i.title.contains("Prepared by")));
        assert!(imp.report().is_ok(), "{name}: {:#?}", imp.report());
    }
}

#[test]
fn the_annex_as_csv_fills_groups_down() {
    let imp = import_with_example_profile("annex.csv");
    let rm = &imp.roadmap;
    assert_eq!(rm.initiatives.len(), 13);
    let event = rm.initiatives.iter().find(|i| i.title == "Event modernization").unwrap();
    assert_eq!(rm.children(&event.id).count(), 2);
    assert_eq!(event.priority_area.as_deref(), Some("member-experience"));
    // CSV rows are records as a spreadsheet shows them: this record starts
    // on line 8 and spans lines 8-10; the next starts on line 11 and is row 9.
    let row =
        |title: &str| rm.initiatives.iter().find(|i| i.title.starts_with(title)).unwrap().source.clone().unwrap().row;
    assert_eq!(row("Introduce digital"), Some(8));
    assert_eq!(row("Modernized website"), Some(9));
    assert_eq!(row("Changemakers Programme transitioning"), Some(22));
}

/// Opened in a spreadsheet, this CSV shows the header on row 1, A-1 on row 2
/// (its comment on two lines in one cell), an empty row 3 and A-2 on row 4,
/// its due date in G4.
#[test]
fn csv_issues_are_at_the_rows_a_spreadsheet_shows() {
    let csv = "ID,Initiative,Pillar,Owner,Status,Start date,Due date,Comments\n\
               A-1,Portal,Members,Unit A,Ongoing,2025-01-01,2025-12-31,\"two\nlines\"\n\
               \n\
               A-2,Kiosk,Members,Unit B,Ongoing,2025-06-01,2025-01-01,\n";
    let imp = roadmap_io::read_bytes(csv.as_bytes(), Some("t.csv"), &ReadOptions::default()).unwrap();
    let rows: Vec<Option<u32>> = imp.roadmap.initiatives.iter().map(|i| i.source.as_ref().unwrap().row).collect();
    assert_eq!(rows, [Some(2), Some(4)]);
    assert_eq!(imp.roadmap.initiatives[0].extra["Comments"], "two\nlines");
    let due = issues(&imp).into_iter().find(|(code, _, _)| code == "due-before-start").unwrap();
    assert_eq!((due.1.as_str(), due.2.as_deref()), ("G4", Some("A-2")));
}

/// The same tracker saved as xlsx shows every row where the CSV's records
/// are: a record whose cells hold line breaks is one row.
#[test]
fn the_annex_as_csv_has_the_rows_of_the_annex_as_xlsx() {
    let (csv, xlsx) = (import("annex.csv"), import("annex.xlsx"));
    let (c, x) = (&csv.layouts[0], &xlsx.layouts[0]);
    assert_eq!((&c.header_rows, c.data_rows, c.end_row), (&x.header_rows, x.data_rows, x.end_row));
    assert_eq!(c.sections, x.sections);
    let rows = |imp: &Import| -> Vec<(String, Option<u32>, String)> {
        imp.roadmap
            .initiatives
            .iter()
            .map(|i| {
                let source = i.source.clone().unwrap();
                let title_cell = source.cells.get("title").map(|c| c.to_string()).unwrap_or_default();
                (i.title.clone(), source.row, title_cell)
            })
            .collect()
    };
    assert_eq!(rows(&csv), rows(&xlsx));
}

/// A chart moved to a sheet of its own holds no cells: it is said, not read.
#[test]
fn a_chart_sheet_is_not_read() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
    chart.add_series().set_values("Tracker!$C$2:$C$3");
    book.add_chartsheet().set_name("Progress chart").unwrap().insert_chart(0, 0, &chart).unwrap();
    let sheet = book.add_worksheet().set_name("Tracker").unwrap();
    for (r, row) in
        [["ID", "Initiative", "Progress"], ["A-1", "Portal", "40"], ["A-2", "Archive", "80"]].iter().enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let imp = roadmap_io::read_bytes(&bytes, Some("chart.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!(imp.roadmap.initiatives.len(), 2);
    assert_eq!(roles(&imp), [("Progress chart", SheetRole::Chart), ("Tracker", SheetRole::Table)]);
}

/// Every workbook format gives the same merged regions (xlsb's from its
/// merge records, which calamine does not read) and the same cells.
#[test]
fn every_workbook_format_gives_the_same_sheet() {
    let grids = |name: &str| {
        let bytes = std::fs::read(fixture(name)).unwrap();
        roadmap_io::read_grids(&bytes, Some(name), &ReadOptions::default()).unwrap()
    };
    let xlsx = grids("dashboard.xlsx");
    assert_eq!(xlsx[0].merges.len(), 1, "the title merged over the table's width");
    for name in ["dashboard.xlsb", "dashboard.xls", "dashboard.ods"] {
        let other = grids(name);
        assert_eq!(other[0].merges, xlsx[0].merges, "{name}");
        assert_eq!(other[0].rows.len(), xlsx[0].rows.len(), "{name}");
    }
}

#[test]
fn the_dashboard_from_every_format() {
    for name in ["dashboard.xlsx", "dashboard.xlsb", "dashboard.xls", "dashboard.ods", "dashboard.csv"] {
        let imp = import_with_example_profile(name);
        let rm = &imp.roadmap;
        let sheet = if name.ends_with(".csv") { String::new() } else { "Dashboard!".to_owned() };
        assert_eq!(imp.layouts[0].header_rows, [5], "{name}: the header under a title block");
        assert_eq!(imp.layouts[0].end_row, Some(15), "{name}");
        assert_eq!(rm.as_of.map(|d| d.to_string()).as_deref(), Some("2026-03-01"), "{name}");
        assert_eq!(rm.initiatives.len(), 8, "{name}: the totals block is not initiatives");
        let statuses: Vec<Option<Status>> = rm.initiatives.iter().map(|i| i.status).collect();
        use Status::{Completed as C, Ongoing as O, Planned as P, Revised as R};
        assert_eq!(statuses, [Some(C), Some(O), Some(C), Some(P), Some(C), Some(R), Some(C), None], "{name}");
        let ini = |id: &str| rm.get(id).unwrap();
        assert_eq!(ini("INI-001").start.unwrap().to_string(), "2024-01-15");
        assert_eq!(ini("INI-003").due.unwrap().to_string(), "2026-01-15", "{name}: mid-January");
        assert_eq!(ini("INI-004").start.unwrap().to_string(), "2026-06-30", "{name}: Q2");
        assert_eq!(ini("INI-004").due, None);
        assert_eq!(ini("INI-002").progress, Some(40.0));
        assert_eq!(ini("INI-002").pillar.as_deref(), Some("members-and-partners"));
        assert_eq!(ini("INI-002").priority_area.as_deref(), Some("member-experience"));
        assert_eq!(ini("INI-001").deliverables[0].status, Some(DeliverableStatus::Achieved));
        assert_eq!(ini("INI-001").deliverables[0].description, "Unit staffed");
        assert_eq!(ini("INI-001").extra["Notes"], "Fully staffed by January 2026");
        let revision = ini("INI-006").revision.clone().unwrap();
        assert_eq!(revision.change, Some(RevisionChange::CombinedInto("INI-002".into())));
        assert_eq!(revision.reason, Some(RevisionReason::Rationalization));
        let found = issues(&imp);
        let at = |cell: &str| format!("{sheet}{cell}");
        let expected = [
            ("approximate-date", at("H8"), Some("INI-003")),
            ("approximate-date", at("G9"), Some("INI-004")),
            ("unreadable-date", at("H9"), Some("INI-004")),
            ("status-misspelled", at("F12"), Some("INI-007")),
            ("unknown-status", at("F13"), Some("INI-008")),
            ("unreadable-date", at("G13"), Some("INI-008")),
            // The summary line under the totals row is left out, and said so.
            ("rows-after-table", at("row 16"), None),
            ("missing-status", at("F13"), Some("INI-008")),
            ("unknown-pillar", at("C13"), Some("INI-008")),
        ];
        let expected: Vec<(String, String, Option<String>)> =
            expected.iter().map(|(c, l, i)| ((*c).to_owned(), l.clone(), i.map(str::to_owned))).collect();
        assert_eq!(found, expected, "{name}");
        let misspelled = imp.issues.iter().find(|i| i.code == "status-misspelled").unwrap();
        assert_eq!(misspelled.suggestion.as_deref(), Some("did you mean 'Completed'?"));
    }
}

#[test]
fn french_semicolons_windows_1252_decimal_commas() {
    let imp = import("french.csv");
    let csv = imp.csv.clone().unwrap();
    assert_eq!((csv.encoding, csv.delimiter, csv.encoding_guessed), ("windows-1252", b';', true));
    let rm = &imp.roadmap;
    let a1 = rm.get("A-1").unwrap();
    assert_eq!(a1.title, "Réforme des achats");
    assert_eq!(a1.status, Some(Status::Ongoing));
    // The file's own names: nothing is translated into another
    // organization's vocabulary.
    assert_eq!(a1.pillar.as_deref(), Some("gouvernance"));
    let pillars: Vec<(&str, &str)> = rm.pillars.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    assert_eq!(pillars, [("gouvernance", "Gouvernance"), ("personnel-et-culture", "Personnel et culture")]);
    assert_eq!(a1.start.unwrap().to_string(), "2026-04-03", "day first");
    assert_eq!(a1.progress, Some(50.5));
    assert_eq!(rm.get("A-2").unwrap().status, Some(Status::Completed));
    assert_eq!(rm.get("A-3").unwrap().due.unwrap().to_string(), "2026-09-30", "T3 2026");
    let codes: Vec<String> = issues(&imp).into_iter().map(|(c, _, _)| c).collect();
    // 15/09/2026 and 30/11/2025 prove the file writes the day first: its
    // other dates are read so with no ambiguous-date.
    assert_eq!(codes, ["encoding-guessed", "approximate-date", "definitions-from-data"]);
    // An organization's profile maps its names, in any language, to its ids.
    let imp = import_with_example_profile("french.csv");
    assert_eq!(imp.roadmap.get("A-1").unwrap().pillar.as_deref(), Some("governance"));
    assert_eq!(imp.roadmap.get("A-2").unwrap().pillar.as_deref(), Some("people-and-culture"));
    let codes: Vec<String> = issues(&imp).into_iter().map(|(c, _, _)| c).collect();
    assert_eq!(codes, ["encoding-guessed", "approximate-date"]);
}

#[test]
fn generated_ids_fractions_and_parents_by_title() {
    let imp = import("noid.csv");
    let rm = &imp.roadmap;
    let ids: Vec<&str> = rm.initiatives.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["r2", "r3", "r4"]);
    let progress: Vec<Option<f64>> = rm.initiatives.iter().map(|i| i.progress).collect();
    assert_eq!(progress, [Some(50.0), Some(100.0), Some(0.0)]);
    assert_eq!(rm.get("r3").unwrap().parent.as_deref(), Some("r2"));
    assert_eq!(rm.get("r4").unwrap().parent.as_deref(), Some("r2"));
    assert_eq!(rm.get("r2").unwrap().extra["Budget (CHF)"], "250000");
    let found = issues(&imp);
    assert_eq!(found[0], ("generated-id".to_owned(), "A1".to_owned(), None));
    assert_eq!(found[1].0, "progress-as-fraction");
    assert_eq!(found[2], ("parent-by-title".to_owned(), "D3".to_owned(), Some("r3".to_owned())));
}

/// Each sheet's name and role.
fn roles(imp: &Import) -> Vec<(&str, SheetRole)> {
    imp.sheets.iter().map(|s| (s.sheet.as_deref().unwrap_or_default(), s.role)).collect()
}

#[test]
fn every_sheet_with_a_table_and_the_pillar_list() {
    let imp = import("multi.xlsx");
    let rm = &imp.roadmap;
    let sheets: Vec<&str> = imp.layouts.iter().filter_map(|l| l.sheet.as_deref()).collect();
    assert_eq!(sheets, ["Unit A", "Unit B"]);
    assert_eq!(
        roles(&imp),
        [
            ("Unit A", SheetRole::Table),
            ("Notes", SheetRole::Prose),
            ("Unit B", SheetRole::Table),
            ("Pillars", SheetRole::List),
            ("Checkpoints", SheetRole::Checkpoints)
        ]
    );
    let pillars: Vec<&str> = rm.pillars.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(pillars, ["finance", "people"]);
    assert_eq!(rm.pillars[0].description.as_deref(), Some("Money matters"));
    assert_eq!(rm.get("B-1").unwrap().source.as_ref().unwrap().sheet.as_deref(), Some("Unit B"));
    let bad = issues(&imp).into_iter().find(|(c, _, _)| c == "unknown-pillar").unwrap();
    assert_eq!(bad, ("unknown-pillar".to_owned(), "'Unit B'!C3".to_owned(), Some("B-2".to_owned())));
    // One sheet asked for by name.
    let only = roadmap_io::read_path_with(fixture("multi.xlsx"), &ReadOptions::default().sheet("Unit B")).unwrap();
    assert_eq!(only.roadmap.initiatives.len(), 2);
    let err = roadmap_io::read_path_with(fixture("multi.xlsx"), &ReadOptions::default().sheet("Unit C")).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::SheetNotFound { .. }), "{err}");
    assert!(
        err.to_string().contains("multi.xlsx") && err.to_string().contains("Unit A, Notes, Unit B, Pillars"),
        "{err}"
    );
}

#[test]
fn the_format_comes_from_the_content() {
    let dir = std::env::temp_dir().join(format!("roadmap-io-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let disguised = dir.join("tracker.csv");
    std::fs::copy(fixture("dashboard.xlsx"), &disguised).unwrap();
    assert_eq!(read_path(&disguised).unwrap().format, Format::Xlsx);
    let json = dir.join("roadmap.xlsx");
    std::fs::write(&json, include_str!("../../../examples/itu-transformation.json")).unwrap();
    let imp = read_path(&json).unwrap();
    assert_eq!((imp.format, imp.roadmap.initiatives.len()), (Format::Json, 38));
    // Each with a warning that the name says another format.
    for (path, holds) in [(&disguised, "an xlsx workbook"), (&json, "a JSON document")] {
        let imp = read_path(path).unwrap();
        let issue = imp.issues.issues.iter().find(|i| i.code == "extension-mismatch").expect("extension-mismatch");
        let file = issue.location.as_ref().and_then(|l| l.file.as_deref());
        assert_eq!(file, Some(path.display().to_string().as_str()));
        assert!(issue.message.contains(holds), "{}", issue.message);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file whose name says another format is read as what it holds, with a
/// warning naming the file.
#[test]
fn a_misnamed_file_is_read_with_a_warning() {
    let bytes = |name: &str| std::fs::read(fixture(name)).unwrap();
    let json = include_bytes!("../../../examples/itu-transformation.json").to_vec();
    let mismatches = |data: &[u8], name: &str| -> Vec<(String, Option<String>, String)> {
        let imp = roadmap_io::read_bytes(data, Some(name), &ReadOptions::default()).unwrap();
        imp.issues
            .issues
            .iter()
            .filter(|i| i.code == "extension-mismatch")
            .map(|i| {
                let file = i.location.as_ref().and_then(|l| l.file.as_deref()).map(str::to_owned);
                (i.severity.as_str().to_owned(), file, i.message.clone())
            })
            .collect()
    };
    let warned = |data: &[u8], name: &str, says: &str| {
        let got = mismatches(data, name);
        assert_eq!(got.len(), 1, "{name}: {got:?}");
        assert_eq!((got[0].0.as_str(), got[0].1.as_deref()), ("warning", Some(name)), "{name}");
        assert!(got[0].2.contains(says), "{name}: {}", got[0].2);
    };
    warned(&bytes("dashboard.csv"), "in/tracker.xlsx", "named .xlsx but holds CSV text");
    warned(&bytes("dashboard.xlsx"), "tracker.csv", "named .csv but holds an xlsx workbook");
    warned(&json, "roadmap.xlsx", "named .xlsx but holds a JSON document");
    warned(&bytes("annex.xls"), "annex.xlsx", "named .xlsx but holds an Excel 97-2003 (xls) workbook");
    warned(&bytes("annex.ods"), "annex.XLS", "named .XLS but holds an OpenDocument (ods) spreadsheet");
    warned(&bytes("dashboard.xlsb"), "dashboard.xlsx", "holds an xlsb workbook");
    // Names that say what the file holds, or say no format, give none.
    for (data, name) in [
        (bytes("dashboard.csv"), "tracker.csv"),
        (bytes("dashboard.csv"), "tracker.TXT"),
        (bytes("dashboard.csv"), "tracker"),
        (bytes("dashboard.csv"), "-"),
        (bytes("dashboard.xlsx"), "Tracker.XLSX"),
        (bytes("dashboard.xlsx"), "tracker.xlsm"),
        (bytes("dashboard.xlsx"), "tracker.backup"),
        (json.clone(), "roadmap.json"),
    ] {
        assert_eq!(mismatches(&data, name), [], "{name}");
    }
}

#[test]
fn inspect_saves_a_profile_that_maps_the_same_way() {
    let imp = import("annex.xlsx");
    let inspection = imp.inspection(None);
    let base = roadmap_io::Profile::builtin("default").unwrap();
    let saved = inspection.to_profile(&base);
    assert_eq!(saved.columns.get("Action").map(String::as_str), Some("title"));
    assert_eq!(saved.columns.get("C26").map(String::as_str), Some("deliverables:C26"));
    let reread = roadmap_io::Profile::from_text(&saved.to_json_pretty()).unwrap();
    let again = roadmap_io::read_path_with(fixture("annex.xlsx"), &ReadOptions::default().profile(reread)).unwrap();
    assert_eq!(again.roadmap, imp.roadmap);
}

#[test]
fn a_checkpoints_sheet_gives_names_and_dates() {
    let imp = import_with_example_profile("multi.xlsx");
    let gates: Vec<(String, String, Option<String>)> =
        imp.roadmap.checkpoints.iter().map(|c| (c.id.clone(), c.name.clone(), c.date.map(|d| d.to_string()))).collect();
    // C26 from the header of Unit A, named and dated by the sheet (which
    // calls it "Council 2026", an alias the profile knows); PP-26 only listed.
    assert_eq!(
        gates,
        [
            ("C26".to_owned(), "Council session 2026".to_owned(), Some("2026-06-01".to_owned())),
            ("PP-26".to_owned(), "Plenipotentiary 2026".to_owned(), Some("2026-11-02".to_owned())),
        ]
    );
    assert!(roles(&imp).contains(&("Notes", SheetRole::Prose)), "{:?}", imp.sheets);
}

/// A workbook with a sheet of allowed values (the lists its drop-downs use):
/// pillars, owners and statuses side by side.
#[test]
fn a_sheet_of_allowed_values_defines_pillars_and_checks_owners_and_statuses() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let table = book.add_worksheet().set_name("Tracker").unwrap();
    for (c, h) in ["ID", "Initiative", "Pillar", "Owner", "Status"].iter().enumerate() {
        table.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["A-1", "Portal", "Digital services", "Chief Information Officer", "Ongoing"],
        ["A-2", "Training", "People", "Head of HR", "Planned"],
        ["A-3", "Budget", "People", "Cheif Information Officer", "Done"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            table.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    let lists = book.add_worksheet().set_name("Lists").unwrap();
    for (c, h) in ["Pillar", "Owner", "Status"].iter().enumerate() {
        lists.write_string(0, c as u16, *h).unwrap();
    }
    let columns: [&[&str]; 3] = [
        &["Digital services", "People", "Finance"],
        &["Chief Information Officer", "Head of HR"],
        &["Ongoing", "Planned", "Done", "On hold"],
    ];
    for (c, values) in columns.iter().enumerate() {
        for (r, v) in values.iter().enumerate() {
            lists.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let imp = roadmap_io::read_bytes(&bytes, Some("lists.xlsx"), &ReadOptions::default()).unwrap();
    let rm = &imp.roadmap;
    let pillars: Vec<(&str, &str)> = rm.pillars.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    assert_eq!(pillars, [("digital-services", "Digital services"), ("people", "People"), ("finance", "Finance")]);
    assert_eq!(rm.get("A-2").unwrap().pillar.as_deref(), Some("people"));
    assert!(imp.sheets.iter().all(|s| matches!(s.role, SheetRole::Table | SheetRole::List)), "{:?}", imp.sheets);
    let found = issues(&imp);
    assert!(found.contains(&("owner-not-listed".into(), "Tracker!D4".into(), Some("A-3".into()))), "{found:?}");
    assert!(found.contains(&("unreadable-listed-status".into(), "Lists!C5".into(), None)), "{found:?}");
    let owner = imp.report().issues.into_iter().find(|i| i.code == "owner-not-listed").unwrap();
    assert_eq!(owner.suggestion.as_deref(), Some("did you mean 'Chief Information Officer'?"));
    assert!(!found.iter().any(|(code, ..)| code == "definitions-from-data"), "{found:?}");
}

/// Without a profile, a tracker's names are its own (issue 12): a Spanish
/// tracker of an organization the tool has never seen keeps its pillars,
/// with ids made from them, and nothing is `unknown-pillar`; its "% de
/// avance" is progress.
#[test]
fn the_file_s_own_names_without_a_profile() {
    let csv = "Código,Iniciativa,Pilar,Responsable,Estado,% de avance\n\
               PRJ-01,Portal,Miembros y asociados,Eventos,Completado,100\n\
               PRJ-02,Plataforma,Personal y cultura,RR. HH.,En curso,50\n\
               PRJ-03,Archivo,Gobernanza,Registro,No iniciado,0\n";
    let imp = roadmap_io::read_bytes(csv.as_bytes(), None, &ReadOptions::default()).unwrap();
    let rm = &imp.roadmap;
    let pillars: Vec<(&str, &str)> = rm.pillars.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    assert_eq!(
        pillars,
        [
            ("miembros-y-asociados", "Miembros y asociados"),
            ("personal-y-cultura", "Personal y cultura"),
            ("gobernanza", "Gobernanza")
        ]
    );
    assert_eq!(rm.get("PRJ-02").unwrap().pillar.as_deref(), Some("personal-y-cultura"));
    assert_eq!(rm.get("PRJ-02").unwrap().progress, Some(50.0));
    assert_eq!(rm.get("PRJ-02").unwrap().owner.as_deref(), Some("RR. HH."));
    let codes: Vec<String> = issues(&imp).into_iter().map(|(c, _, _)| c).collect();
    assert!(!codes.iter().any(|c| c == "unknown-pillar"), "{codes:?}");
    // An organization's profile maps the names it knows to its ids.
    let imp = roadmap_io::read_bytes(csv.as_bytes(), None, &ReadOptions::default().profile(example_profile())).unwrap();
    assert_eq!(imp.roadmap.get("PRJ-03").unwrap().pillar.as_deref(), Some("governance"));
}

/// Words in a status column: a different real word is `unknown-status`,
/// never a guess; a small edit of a known word is a misspelling; revision
/// notes under a French header are read.
#[test]
fn status_words_are_read_or_refused_never_guessed() {
    let csv = "ID;Initiative;Statut;Motif de la révision\n\
               A-1;Portail;Stalled;\n\
               A-2;Plateforme;On hold;\n\
               A-3;Outil;Compelted;\n\
               A-4;Archives;En cours de réalisation;\n\
               A-5;Salle;Révisé;Fusionné avec A-1\n";
    let imp = roadmap_io::read_bytes(csv.as_bytes(), None, &ReadOptions::default()).unwrap();
    let rm = &imp.roadmap;
    let statuses: Vec<Option<Status>> = rm.initiatives.iter().map(|i| i.status).collect();
    use Status::{Completed, Ongoing, Revised};
    assert_eq!(statuses, [None, None, Some(Completed), Some(Ongoing), Some(Revised)]);
    let found: Vec<(String, String)> =
        issues(&imp).into_iter().filter(|(c, _, _)| c.contains("status")).map(|(c, cell, _)| (c, cell)).collect();
    let expected = [("unknown-status", "C2"), ("unknown-status", "C3"), ("status-misspelled", "C4")];
    assert_eq!(found[..3], expected.map(|(c, cell)| (c.to_owned(), cell.to_owned())));
    let refused = imp.issues.iter().find(|i| i.code == "unknown-status").unwrap();
    assert_eq!(refused.suggestion.as_deref(), Some("use Completed, Ongoing, Planned or Revised"), "no guess");
    let revision = rm.get("A-5").unwrap().revision.clone().unwrap();
    assert_eq!(revision.change, Some(RevisionChange::CombinedInto("A-1".into())));
}

/// A sheet written as lines of cells split by `|`, rows from 1.
fn sheet(name: &str, text: &str) -> roadmap_io::Grid {
    let rows = text
        .lines()
        .enumerate()
        .map(|(i, line)| roadmap_io::Row {
            index: i as u32,
            cells: line
                .split('|')
                .map(str::trim)
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(c, t)| (c as u32, roadmap_io::Value::Text(t.into())))
                .collect(),
        })
        .filter(|r| !r.cells.is_empty())
        .collect();
    roadmap_io::Grid { sheet: Some(name.into()), rows, merges: Vec::new() }
}

#[test]
fn sheets_that_list_the_same_pillars_define_each_once() {
    let tracker = sheet(
        "Tracker",
        "ID | Initiative | Pillar | Status\nA-1 | Portal | Members | Done\nA-2 | Payroll | People | Ongoing",
    );
    let allowed = sheet("Lists", "Pillar | Owner | Status\nMembers | Li | Done\nPeople | Wu | Ongoing");
    let pillars = sheet(
        "Pillars",
        "Strategic pillars\n\nPillar | Description\nMembers | Members and partners\nPeople | People and culture",
    );
    let import =
        roadmap_io::read_sheets(vec![tracker, allowed, pillars], Some("book"), &ReadOptions::default()).unwrap();
    let defined: Vec<(&str, &str, Option<&str>)> =
        import.roadmap.pillars.iter().map(|p| (&*p.id, &*p.name, p.description.as_deref())).collect();
    assert_eq!(
        defined,
        [("members", "Members", Some("Members and partners")), ("people", "People", Some("People and culture"))]
    );
    let report = import.report();
    assert!(report.iter().all(|i| i.code != "duplicate-definition"), "{report:?}");
    assert_eq!(import.roadmap.initiatives[1].pillar.as_deref(), Some("people"));
}

#[test]
fn a_list_sheet_under_a_title_that_is_one_header_word() {
    let tracker = sheet(
        "Tracker",
        "ID | Initiative | Pillar | Status\nA-1 | Portal | Data | Done\nA-2 | Payroll | Talent | Ongoing",
    );
    let pillars =
        sheet("Pillars", "Pillars\n\nNo. | Pillar | Description\n1 | Data | Data and tools\n2 | Talent | People");
    let import = roadmap_io::read_sheets(vec![tracker, pillars], None, &ReadOptions::default()).unwrap();
    let names: Vec<&str> = import.roadmap.pillars.iter().map(|p| &*p.name).collect();
    assert_eq!(names, ["Data", "Talent"]);
    assert!(import.report().iter().all(|i| i.code != "unknown-pillar"));
}

#[test]
fn outline_numbers_as_ids_make_parts_of_the_initiatives_they_extend() {
    // Two tables side by side: 2.2 on the right is a part of 2 on the left.
    let csv = "ID,Initiative,Status,,ID,Initiative,Status\n1,Portal,Ongoing,,2.1,Fair,Planned\n\
               1.1,Design,Completed,,2.2,Desk,Planned\n1.1.1,Mock-ups,Completed,,3.1,Orphan,Planned\n\
               1.2,Build,Ongoing,,,,\n2,Kiosk,Planned,,,,\n";
    let imp = roadmap_io::read_bytes(csv.as_bytes(), Some("wbs.csv"), &ReadOptions::default()).unwrap();
    let parents: Vec<(&str, Option<&str>)> =
        imp.roadmap.initiatives.iter().map(|i| (&*i.id, i.parent.as_deref())).collect();
    assert_eq!(
        parents,
        [
            ("1", None),
            ("1.1", Some("1")),
            ("1.1.1", Some("1.1")),
            ("1.2", Some("1")),
            ("2", None),
            ("2.1", Some("2")),
            ("2.2", Some("2")),
            ("3.1", None),
        ]
    );
}

#[test]
fn a_summary_by_pillar_defines_no_total_pillar_and_a_pillar_line_is_no_title() {
    let summary = sheet(
        "Summary",
        "Pillar | Completed | Ongoing | Total\nGovernance | 1 | 1 | 2\nDigital | 0 | 1 | 1\nTotal | 1 | 2 | 3",
    );
    let p1 = sheet(
        "P1",
        "Pillar 1: Governance\nID | Initiative | Status\nGV-1 | Charter | Completed\nGV-2 | Risk | Ongoing",
    );
    let p2 = sheet("P2", "Pillar 2: Digital\nID | Initiative | Status\nDG-1 | Portal | Ongoing");
    let import = roadmap_io::read_sheets(vec![summary, p1, p2], None, &ReadOptions::default()).unwrap();
    let names: Vec<&str> = import.roadmap.pillars.iter().map(|p| &*p.name).collect();
    assert_eq!(names, ["Governance", "Digital"]);
    let pillars: Vec<Option<&str>> = import.roadmap.initiatives.iter().map(|i| i.pillar.as_deref()).collect();
    assert_eq!(pillars, [Some("governance"), Some("governance"), Some("digital")]);
    assert_eq!(import.roadmap.title, None);
}
