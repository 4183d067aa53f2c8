//! The mapping stage on sheets written in the test, as a person sees them.
//!
//! A sheet is text, one line per row, the first line being row 1
//! ([`sheet`]): cells are split by `|` and trimmed, and an empty cell is
//! left out, as the readers leave out blank cells; a blank line is a row
//! with no cells (the grid skips it; the rows below keep their numbers).
//! A cell is text unless it starts with
//! - `#` and a number: a number (`#0.5`; `#` alone is the text `#`),
//! - `@`: an Excel date serial of the 1900 system (`@46023` is 2026-01-01),
//! - `!`: an error value (`!#N/A`).
//!
//! [`row`] writes one row the same way, for `classify` and `push`; its
//! number is the 1-based row it stands for.
//!
//! Merged cells are added with [`Sheet::merge`] in A1 form (`"A3:A5"`).
//! Every sheet is named `Plan`, so generated ids start with `plan-`.
//! Expected cells are written in A1 form (`"D2"`), as a person reads them.

use std::sync::{Arc, LazyLock};

use roadmap_core::Status::{Completed, Ongoing, Planned, Revised};
use roadmap_core::{CellRef, DeliverableStatus, Initiative, Issue, Status};

use super::{Origin, RowKind, SheetImport, SheetMapper, Target, map_sheet};
use crate::error::Error;
use crate::grid::{Grid, Merge, Row, Value};
use crate::profile::{Field, Profile, Vocabulary};

static DEFAULT: LazyLock<Vocabulary> = LazyLock::new(|| vocab("default"));

/// The example organization's profile: the default's words and its names
/// (checkpoints "C26" and "PP-26", pillars, priority areas).
static ITU: LazyLock<Vocabulary> = LazyLock::new(|| {
    let text = include_str!("../../../../examples/profiles/itu-transformation.profile.json");
    Vocabulary::new(Profile::from_text(text).expect("the example profile"))
});

fn vocab(profile: &str) -> Vocabulary {
    Vocabulary::new(Profile::builtin(profile).expect("a built-in profile"))
}

/// A sheet written as text; see the module docs.
struct Sheet {
    grid: Grid,
}

fn sheet(text: &str) -> Sheet {
    let rows = text.split('\n').enumerate().map(|(i, line)| row(i as u32 + 1, line));
    let rows = rows.filter(|r| !r.cells.is_empty()).collect();
    Sheet { grid: Grid { sheet: Some(Arc::from("Plan")), rows, merges: Vec::new() } }
}

impl Sheet {
    /// Merges a range written in A1 form, `"A3:A5"`.
    fn merge(mut self, range: &str) -> Sheet {
        let (from, to) = range.split_once(':').expect("a range such as A3:A5");
        let (from, to) = (a1(from), a1(to));
        self.grid.merges.push(Merge {
            first_row: from.row() - 1,
            first_column: from.column() - 1,
            last_row: to.row() - 1,
            last_column: to.column() - 1,
        });
        self
    }
}

fn a1(cell: &str) -> CellRef {
    cell.parse().expect("a cell such as D2")
}

/// Row `number` (1-based, as the sheet shows it) written as one line.
fn row(number: u32, line: &str) -> Row {
    let cells = line.split('|').map(str::trim).enumerate().filter(|(_, c)| !c.is_empty());
    Row { index: number - 1, cells: cells.map(|(c, text)| (c as u32, value(text))).collect() }
}

fn value(cell: &str) -> Value {
    let number = |s: &str| s.parse::<f64>().ok();
    if let Some(n) = cell.strip_prefix('#').and_then(number) {
        Value::Number(n)
    } else if let Some(serial) = cell.strip_prefix('@').and_then(number) {
        Value::DateSerial { serial, system_1904: false }
    } else if let Some(error) = cell.strip_prefix('!') {
        Value::Error(error.to_owned())
    } else {
        Value::Text(cell.into())
    }
}

fn origin() -> Origin {
    Origin { file: None, sheet: Some(Arc::from("Plan")) }
}

/// The mapper of a sheet's head (every row of `sheet`), or `None`.
fn mapper<'v>(sheet: &mut Sheet, vocab: &'v Vocabulary) -> Option<SheetMapper<'v>> {
    SheetMapper::new(&mut sheet.grid, None, vocab, origin())
}

/// Every table of the sheet, mapped with a profile's words.
fn tables_with(sheet: Sheet, vocab: &Vocabulary) -> Vec<SheetImport> {
    let mut grid = sheet.grid;
    map_sheet(&mut grid, &mut std::iter::empty::<Result<Row, Error>>(), None, vocab, &origin()).expect("no read error")
}

/// The sheet's one table, mapped with a profile's words.
fn import_with(sheet: Sheet, vocab: &Vocabulary) -> SheetImport {
    let mut tables = tables_with(sheet, vocab);
    assert_eq!(tables.len(), 1, "one table");
    tables.remove(0)
}

fn import(sheet: Sheet) -> SheetImport {
    import_with(sheet, &DEFAULT)
}

fn by_id<'a>(imp: &'a SheetImport, id: &str) -> &'a Initiative {
    imp.initiatives.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("no initiative {id}"))
}

/// The cell a field of the initiative was read from, `"D2"`.
fn source_cell(ini: &Initiative, key: &str) -> Option<String> {
    ini.source.as_ref()?.cells.get(key).map(|c| c.to_string())
}

fn issue_cell(issue: &Issue) -> Option<String> {
    issue.location.as_ref()?.cell.map(|c| c.to_string())
}

/// Each issue as `"code cell"`, in order.
fn issue_list(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(|i| format!("{} {}", i.code, issue_cell(i).unwrap_or_else(|| "-".into()))).collect()
}

/// The issues at a cell, as `(code, suggestion)`.
fn issues_at<'a>(imp: &'a SheetImport, cell: &str) -> Vec<(&'a str, Option<&'a str>)> {
    let at = imp.issues.iter().filter(|i| issue_cell(i).as_deref() == Some(cell));
    at.map(|i| (&*i.code, i.suggestion.as_deref())).collect()
}

/// A table under `header` with one row per value: `{id}0 | Item | value`,
/// `{id}1 | ...` from row 2 on, so the k-th value is in row k + 2.
fn one_column(header: &str, id: &str, values: impl IntoIterator<Item = impl AsRef<str>>) -> Sheet {
    let rows = values.into_iter().enumerate().map(|(k, v)| format!("{id}{k} | Item | {}", v.as_ref()));
    sheet(&std::iter::once(header.to_owned()).chain(rows).collect::<Vec<_>>().join("\n"))
}

fn date(ini_date: Option<roadmap_core::Date>) -> Option<String> {
    ini_date.map(|d| d.to_string())
}

#[test]
fn the_sheet_builder_reads_as_documented() {
    let s = sheet(
        "ID | Initiative |  | Progress

         | #0.5 | @46023 | !#N/A
         #",
    )
    .merge("A3:B4");
    let t = |s: &str| Value::Text(s.into());
    let rows = vec![
        Row { index: 0, cells: vec![(0, t("ID")), (1, t("Initiative")), (3, t("Progress"))] },
        Row {
            index: 2,
            cells: vec![
                (1, Value::Number(0.5)),
                (2, Value::DateSerial { serial: 46023.0, system_1904: false }),
                (3, Value::Error("#N/A".into())),
            ],
        },
        Row { index: 3, cells: vec![(0, t("#"))] },
    ];
    assert_eq!(s.grid.rows, rows);
    assert_eq!(s.grid.merges, [Merge { first_row: 2, first_column: 0, last_row: 3, last_column: 1 }]);
}

/// What, the sheet, its 1-based header rows (`None`: no table), its title and "As of" date.
type HeaderCase = (&'static str, Sheet, Option<Vec<u32>>, Option<&'static str>, Option<&'static str>);

#[test]
fn the_header_is_the_row_with_most_known_headers() {
    let cases: Vec<HeaderCase> = vec![
        ("on row 1", sheet("ID | Initiative | Status\nA-1 | Portal | Done"), Some(vec![1]), None, None),
        (
            "under a title and an As of line",
            sheet("Transformation roadmap\nAs of 3 May 2026\n\nID | Initiative | Status\nA-1 | Portal | Done"),
            Some(vec![4]),
            Some("Transformation roadmap"),
            Some("2026-05-03"),
        ),
        (
            "As of, and the date in the next cell",
            sheet("Roadmap tracker\nAs of: | @46145\nID | Initiative\nA-1 | Portal"),
            Some(vec![3]),
            Some("Roadmap tracker"),
            Some("2026-05-03"),
        ),
        (
            "in French",
            sheet("Feuille de route\nSituation au 31/03/2026\nRéf | Intitulé | Statut\nA-1 | Portail | Achevé"),
            Some(vec![3]),
            Some("Feuille de route"),
            Some("2026-03-31"),
        ),
        (
            "the best-scoring row, not the first with two",
            sheet("Roadmap 2026\nProject | Lead\nID | Project | Lead | Status\nA-1 | Portal | Ana | Done"),
            Some(vec![3]),
            Some("Roadmap 2026"),
            None,
        ),
        (
            "of two equal rows, the first",
            sheet("ID | Initiative\nA-1 | Portal\nID | Initiative"),
            Some(vec![1]),
            None,
            None,
        ),
        (
            "two rows: a merged group cell over checkpoint names",
            sheet("ID | Initiative | Deliverables by: |\n | | C26 | PP-26\nA-1 | Portal | Prototype | Launch")
                .merge("C1:D1"),
            Some(vec![1, 2]),
            None,
            None,
        ),
        (
            "two rows: the group cell not merged",
            sheet("ID | Initiative | Deliverables by: |\n | | C26 | PP-26\nA-1 | Portal | Prototype | Launch"),
            Some(vec![1, 2]),
            None,
            None,
        ),
        ("one known header is not a header", sheet("Initiative | Remarks\nPortal | fine"), None, None, None),
        ("known headers but no title nor id", sheet("Status | Owner\nDone | Ana"), None, None, None),
        ("nothing like a header", sheet("Budget | 2026\nTravel | #1200"), None, None, None),
    ];
    check_header_cases(cases);
}

fn check_header_cases(cases: Vec<HeaderCase>) {
    for (what, mut s, header_rows, title, as_of) in cases {
        let found = mapper(&mut s, &DEFAULT);
        let Some(header_rows) = header_rows else {
            assert!(found.is_none(), "{what}");
            assert!(tables_with(s, &DEFAULT).is_empty(), "{what}");
            continue;
        };
        let layout = &found.unwrap_or_else(|| panic!("{what}: no header")).layout;
        assert_eq!(layout.header_rows, header_rows, "{what}");
        assert_eq!(layout.title.as_deref(), title, "{what}");
        assert_eq!(date(layout.as_of).as_deref(), as_of, "{what}");
    }
}

#[test]
fn the_report_date_under_other_phrases() {
    let cases: Vec<HeaderCase> = vec![
        (
            "words before the phrase, the date in the next cell",
            sheet("Roadmap tracker\nData as of: | @46188\nID | Initiative\nA-1 | Portal"),
            Some(vec![3]),
            Some("Roadmap tracker"),
            Some("2026-06-15"),
        ),
        (
            "other phrases of the report date",
            sheet("Status as at 15 June 2026\nID | Initiative\nA-1 | Portal"),
            Some(vec![2]),
            None,
            Some("2026-06-15"),
        ),
        (
            "the longest phrase: updated on",
            sheet("Roadmap\nLast updated on 15/06/2026\nID | Initiative\nA-1 | Portal"),
            Some(vec![3]),
            Some("Roadmap"),
            Some("2026-06-15"),
        ),
        (
            "a phrase inside a title with no date is the title",
            sheet("Plan d'action au Sénégal\nÉtat d'avancement au 15/06/2026\nRéf | Intitulé\nA-1 | Portail"),
            Some(vec![3]),
            Some("Plan d'action au Sénégal"),
            Some("2026-06-15"),
        ),
        (
            "a date before the phrase is not a report date",
            sheet("2026 plan as of June\nID | Initiative\nA-1 | Portal"),
            Some(vec![2]),
            None,
            None,
        ),
    ];
    check_header_cases(cases);
}

#[test]
fn a_two_row_header_names_a_deliverable_column_per_checkpoint() {
    // The checkpoints' ids and names are the example profile's.
    let text = "ID | Initiative | Deliverables by: |\n | | Council 2026 | PP-26\nA-1 | Portal | Prototype | Launch";
    for s in [sheet(text).merge("C1:D1"), sheet(text)] {
        let imp = import_with(s, &ITU);
        let columns: Vec<(&str, &str, &Target)> =
            imp.layout.columns.iter().map(|c| (&*c.letter, &*c.header, &c.target)).collect();
        let deliverable = |id: &str| Target::Deliverable(id.to_owned());
        assert_eq!(
            columns,
            [
                ("A", "ID", &Target::Field(Field::Id)),
                ("B", "Initiative", &Target::Field(Field::Title)),
                ("C", "Deliverables by: / Council 2026", &deliverable("C26")),
                ("D", "PP-26", &deliverable("PP-26")),
            ]
        );
        let names = [("C26", "Council 2026"), ("PP-26", "Plenipotentiary Conference 2026")];
        assert_eq!(imp.checkpoints, names.map(|(i, n)| (i.to_owned(), n.to_owned())));
        // The second header row is no record: row 3 is the first.
        assert_eq!(imp.layout.data_rows, Some((3, 3)));
        let ini = by_id(&imp, "A-1");
        let got: Vec<(&str, &str)> = ini.deliverables.iter().map(|d| (&*d.checkpoint, &*d.description)).collect();
        assert_eq!(got, [("C26", "Prototype"), ("PP-26", "Launch")]);
        assert_eq!(source_cell(ini, "deliverables[0]").as_deref(), Some("C3"));
        assert_eq!(source_cell(ini, "deliverables[1]").as_deref(), Some("D3"));
        assert!(imp.issues.is_empty(), "{:?}", imp.issues);
    }
}

#[test]
fn every_field_is_known_by_its_aliases_in_six_languages() {
    use Field::{Description, Due, Id, Owner, Parent, Pillar, PriorityArea, Progress, Revision, Start, Title};
    let fields =
        [Id, Title, Description, Parent, Pillar, PriorityArea, Owner, Field::Status, Start, Due, Progress, Revision];
    let headers = [
        "ID | Initiative | Description | Parent | Pillar | Priority area | Owner | Status | Start date | Due date \
         | Progress % | Revision reason",
        "Réf | Intitulé | Descriptif | Programme | Pilier | Domaine prioritaire | Responsable | Statut | Date de début \
         | Échéance | Avancement | Motif de révision",
        "Código | Iniciativa | Descripción | Programa | Pilar | Área prioritaria | Encargado | Estado | Fecha de inicio \
         | Fecha límite | Progreso | Motivo de revisión",
        "Номер | Название | Описание | Программа | Направление | Приоритетная область | Ответственный | Статус \
         | Дата начала | Срок | Прогресс | Причина пересмотра",
        "编号 | 名称 | 描述 | 上级 | 支柱 | 优先领域 | 负责人 | 状态 | 开始日期 | 截止日期 | 进度 | 调整原因",
        "الرقم | العنوان | الوصف | البرنامج | الركيزة | مجال الأولوية | المسؤول | الحالة | تاريخ البدء \
         | الموعد النهائي | التقدم | سبب المراجعة",
    ];
    for header in headers {
        let mut s = sheet(header);
        let m = mapper(&mut s, &DEFAULT).unwrap_or_else(|| panic!("no header in {header}"));
        let targets: Vec<Target> = m.table.columns.iter().map(|c| c.target.clone()).collect();
        assert_eq!(targets, fields.map(Target::Field), "{header}");
    }
}

/// What, the sheet, each column's letter and target, the issues.
type ColumnCase = (&'static str, &'static str, Vec<(&'static str, Target)>, Vec<&'static str>);

#[test]
fn columns_the_profile_does_not_name() {
    let extra = |name: &str| Target::Extra(name.to_owned());
    let (id, title, status) = (Target::Field(Field::Id), Target::Field(Field::Title), Target::Field(Field::Status));
    let cases: Vec<ColumnCase> = vec![
        (
            "an unknown header is kept by its name",
            "ID | Initiative | Budget (USD)\nA-1 | Portal | #1200",
            vec![("A", id.clone()), ("B", title.clone()), ("C", extra("Budget (USD)"))],
            vec![],
        ),
        (
            "a second status column is kept, with an issue at its header",
            "ID | Initiative | Status | State\nA-1 | Portal | Done | Ongoing",
            vec![("A", id.clone()), ("B", title.clone()), ("C", status.clone()), ("D", extra("State"))],
            vec!["duplicate-header D1"],
        ),
        (
            "no header, left of the title: the group",
            " | ID | Initiative\nDigital | A-1 | Portal",
            vec![("A", Target::Group), ("B", id.clone()), ("C", title.clone())],
            vec![],
        ),
        (
            "no header, left of the title, a group already found",
            " |  | ID | Initiative\nDigital | Web | A-1 | Portal",
            vec![("A", Target::Group), ("B", extra("column B")), ("C", id.clone()), ("D", title.clone())],
            vec![],
        ),
        (
            "no header, right of the title",
            "ID | Initiative\nA-1 | Portal | see notes",
            vec![("A", id.clone()), ("B", title.clone()), ("C", extra("column C"))],
            vec![],
        ),
        (
            "no header and no title column",
            " | ID | Status\nDigital | A-1 | Done",
            vec![("A", extra("column A")), ("B", id.clone()), ("C", status.clone())],
            vec![],
        ),
        (
            "two columns headed alike are kept under distinct names",
            "ID | Initiative | Notes | Notes\nA-1 | Portal | first | second",
            vec![("A", id.clone()), ("B", title.clone()), ("C", extra("Notes")), ("D", extra("Notes (2)"))],
            vec!["duplicate-header D1"],
        ),
        (
            "the name given to a second column is not one another header has",
            "ID | Initiative | Notes | Notes | Notes (2) | Notes\nA-1 | Portal | a | b | c | d",
            vec![
                ("A", id.clone()),
                ("B", title.clone()),
                ("C", extra("Notes")),
                ("D", extra("Notes (3)")),
                ("E", extra("Notes (2)")),
                ("F", extra("Notes (4)")),
            ],
            vec!["duplicate-header D1", "duplicate-header F1"],
        ),
        (
            "a second and a third status column",
            "ID | Initiative | Status | Status | Status\nA-1 | Portal | Done | Ongoing | Planned",
            vec![
                ("A", id.clone()),
                ("B", title.clone()),
                ("C", status.clone()),
                ("D", extra("Status")),
                ("E", extra("Status (2)")),
            ],
            vec!["duplicate-header D1", "duplicate-header E1"],
        ),
        (
            "a header that reads as a column with no header's name",
            "ID | Initiative | column D\nA-1 | Portal | x | y",
            vec![("A", id.clone()), ("B", title.clone()), ("C", extra("column D")), ("D", extra("column D (2)"))],
            vec![],
        ),
    ];
    for (what, text, columns, issues) in cases {
        let imp = import(sheet(text));
        let got: Vec<(&str, Target)> = imp.layout.columns.iter().map(|c| (&*c.letter, c.target.clone())).collect();
        assert_eq!(got, columns, "{what}");
        assert_eq!(issue_list(&imp.issues), issues, "{what}");
    }
}

#[test]
fn a_duplicate_header_issue_names_the_field() {
    let imp = import(sheet("ID | Title | Initiative\nA-1 | Portal | Web portal"));
    let ini = &imp.initiatives[0];
    assert_eq!((&*ini.title, ini.extra.get("Initiative")), ("Portal", Some(&serde_json::json!("Web portal"))));
    assert_eq!(source_cell(ini, "extra.Initiative").as_deref(), Some("C2"));
    let issue = imp.issues.iter().find(|i| i.code == "duplicate-header").expect("duplicate-header");
    let location = issue.location.as_ref().expect("a location");
    assert_eq!((issue_cell(issue).as_deref(), location.field.as_deref()), (Some("C1"), Some("title")));
}

#[test]
fn columns_headed_alike_keep_every_value() {
    let imp = import(sheet(
        "ID | Initiative | Status | Notes | Notes | Status\n\
         A-1 | Portal | Done | first note | second note | Ongoing",
    ));
    let ini = &imp.initiatives[0];
    let extra: std::collections::BTreeMap<&str, &str> =
        ini.extra.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect();
    let want = [("Notes", "first note"), ("Notes (2)", "second note"), ("Status", "Ongoing")];
    assert_eq!(extra, want.into_iter().collect());
    // The field keeps the first status column; the second is kept under
    // extra by the same name, each value with its own cell.
    assert_eq!(ini.status, Some(Completed));
    let cells = ["status", "extra.Notes", "extra.Notes (2)", "extra.Status"].map(|k| source_cell(ini, k));
    assert_eq!(cells.each_ref().map(Option::as_deref), [Some("C2"), Some("D2"), Some("E2"), Some("F2")]);
    let duplicates: Vec<(Option<String>, Option<&str>)> = imp
        .issues
        .iter()
        .filter(|i| i.code == "duplicate-header")
        .map(|i| (issue_cell(i), i.location.as_ref().and_then(|l| l.field.as_deref())))
        .collect();
    assert_eq!(duplicates, [(Some("E1".into()), Some("extra.Notes (2)")), (Some("F1".into()), Some("status"))]);
}

/// The head of the sheet the row tests read: a group column (A, no
/// header), then ID, Initiative, Status, Owner; one record.
fn head() -> Sheet {
    sheet(" | ID | Initiative | Status | Owner\nDigital services | A-1 | Portal | Done | Ana")
}

#[test]
fn each_row_is_classed_from_what_the_head_said() {
    let mut s = head().merge("A9:E9");
    let m = mapper(&mut s, &DEFAULT).expect("a header");
    let section = |name: &str| RowKind::Section(name.to_owned());
    // (1-based row, the row, what it is)
    let cases = [
        (3, " | A-2 | Kiosk | Ongoing", RowKind::Record),
        (3, " |  | Kiosk", RowKind::Record),
        (3, " | A-9 | Total cost review", RowKind::Record),
        (3, "Staff training", RowKind::Group),
        (3, "Operational efficiency", RowKind::Group),
        (9, "Operational efficiency", section("Operational efficiency")),
        (3, "1  Improving member experience", section("Improving member experience")),
        (3, "2. | Boosting efficiency", section("Boosting efficiency")),
        (3, "3) Empowering staff", section("Empowering staff")),
        (3, " | ID | Initiative | Status | Owner", RowKind::HeaderRepeat),
        (3, " |  | Initiative", RowKind::HeaderRepeat),
        (3, "", RowKind::Blank),
        (3, "Total |  |  |  | #12", RowKind::Totals),
        (3, "Totals", RowKind::Totals),
        (3, "Grand total", RowKind::Totals),
        (3, "Total général | #12", RowKind::Totals),
        (3, "Итого", RowKind::Totals),
    ];
    for (number, line, kind) in cases {
        assert_eq!(m.classify(&row(number, line)), kind, "row {number}: {line}");
    }
}

/// An initiative's id, title, parent, priority area and status.
type Outline<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, Option<Status>);

#[test]
fn push_reads_rows_in_order_into_groups_and_sections() {
    let mut s = head();
    let mut m = mapper(&mut s, &DEFAULT).expect("a header");
    let section = |name: &str| RowKind::Section(name.to_owned());
    let mut rows: Vec<(Row, RowKind)> = s.grid.rows.drain(..).map(|r| (r, RowKind::Record)).collect();
    for (number, line, kind) in [
        (3, "1  Improving member experience", section("Improving member experience")),
        (4, "Member services", RowKind::Group),
        (5, " | A-2 | Kiosk | Ongoing", RowKind::Record),
        (6, " | ID | Initiative | Status | Owner", RowKind::HeaderRepeat),
        (7, "", RowKind::Blank),
        (8, "2  Empowering staff", section("Empowering staff")),
        (9, " | A-3 | Training | Planned | Li | room 4", RowKind::Record),
        (10, "Total |  |  |  | #3", RowKind::Totals),
    ] {
        rows.push((row(number, line), kind));
    }
    for (r, kind) in rows {
        let number = r.index + 1;
        assert_eq!(m.push(r), kind, "row {number}");
    }
    let imp = m.finish();
    let got: Vec<Outline> = imp
        .initiatives
        .iter()
        .map(|i| (&*i.id, &*i.title, i.parent.as_deref(), i.priority_area.as_deref(), i.status))
        .collect();
    let (improving, empowering) = (Some("Improving member experience"), Some("Empowering staff"));
    assert_eq!(
        got,
        [
            ("plan-g2", "Digital services", None, None, Some(Completed)),
            ("A-1", "Portal", Some("plan-g2"), None, Some(Completed)),
            ("plan-g4", "Member services", None, improving, Some(Ongoing)),
            ("A-2", "Kiosk", Some("plan-g4"), improving, Some(Ongoing)),
            ("A-3", "Training", None, empowering, Some(Planned)),
        ]
    );
    assert_eq!(source_cell(&imp.initiatives[2], "title").as_deref(), Some("A4"));
    assert_eq!(issue_list(&imp.issues), ["derived-status A2", "derived-status A4"]);
    let sections = [(3, "Improving member experience"), (8, "Empowering staff")];
    assert_eq!(imp.layout.sections, sections.map(|(r, s)| (r, s.to_owned())));
    assert_eq!(imp.sections, ["Improving member experience", "Empowering staff"]);
    assert_eq!((imp.layout.data_rows, imp.layout.end_row, imp.layout.initiatives), (Some((2, 9)), Some(10), 5));
    // Column F first shows in row 9: kept by its letter.
    let a3 = by_id(&imp, "A-3");
    assert_eq!(a3.extra.get("column F"), Some(&serde_json::json!("room 4")));
    assert_eq!(source_cell(a3, "extra.column F").as_deref(), Some("F9"));
    let f = imp.layout.columns.iter().find(|c| c.letter == "F").expect("column F in the layout");
    assert_eq!(f.target, Target::Extra("column F".into()));
}

#[test]
fn a_totals_row_ends_the_table_and_the_rows_below_are_left_out_with_an_issue() {
    let mut s = sheet("ID | Initiative\nA-1 | Portal");
    let rest = [row(3, "A-2 | Kiosk"), row(4, "Total | #2"), row(5, "A-3 | Notes below the table")];
    let mut read = Vec::new();
    let mut stream = rest.into_iter().inspect(|r| read.push(r.index + 1)).map(Ok::<Row, Error>);
    let mut tables = map_sheet(&mut s.grid, &mut stream, None, &DEFAULT, &origin()).expect("no read error");
    assert_eq!(tables.len(), 1);
    let imp = tables.remove(0);
    drop(stream);
    // The rows below are read to say what was left out, not as records.
    assert_eq!(read, [3, 4, 5]);
    let ids: Vec<&str> = imp.initiatives.iter().map(|i| &*i.id).collect();
    assert_eq!(ids, ["A-1", "A-2"]);
    assert_eq!((imp.layout.data_rows, imp.layout.end_row), (Some((2, 3)), Some(4)));
    let left_out = imp.issues.iter().find(|i| i.code == "rows-after-table").expect("an issue for row 5");
    assert_eq!(left_out.location.as_ref().and_then(|l| l.row), Some(5));
    assert!(left_out.message.contains("row 5 below the table"), "{}", left_out.message);
}

#[test]
fn a_numbered_section_above_the_header_opens_the_table() {
    let imp = import(sheet(
        "1  Improving member experience\nID | Initiative\nA-1 | Portal\n2  Empowering staff\nA-2 | Training",
    ));
    assert_eq!(by_id(&imp, "A-1").priority_area.as_deref(), Some("Improving member experience"));
    assert_eq!(by_id(&imp, "A-2").priority_area.as_deref(), Some("Empowering staff"));
    let sections = [(1, "Improving member experience"), (4, "Empowering staff")];
    assert_eq!(imp.layout.sections, sections.map(|(r, s)| (r, s.to_owned())));
    assert_eq!(imp.layout.title, None);
}

/// The cell, what it holds, what a person reads there, the issue there and its suggestion.
type ReadCase<T, S> = (&'static str, &'static str, Option<T>, Option<(&'static str, S)>);

#[test]
fn status_words_in_any_language_and_their_misspellings() {
    const ANY: &str = "use Completed, Ongoing, Planned or Revised";
    let cases: &[ReadCase<Status, &str>] = &[
        ("C2", "Done", Some(Completed), None),
        ("C3", "completed", Some(Completed), None),
        ("C4", "On-going", Some(Ongoing), None),
        ("C5", "TERMINE", Some(Completed), None),
        ("C6", "En curso", Some(Ongoing), None),
        ("C7", "В процессе", Some(Ongoing), None),
        ("C8", "已完成", Some(Completed), None),
        ("C9", "قيد التنفيذ", Some(Ongoing), None),
        ("C10", "Not started", Some(Planned), None),
        ("C11", "Revised", Some(Revised), None),
        ("C12", "Completd", Some(Completed), Some(("status-misspelled", "did you mean 'Completed'?"))),
        ("C13", "En cour", Some(Ongoing), Some(("status-misspelled", "did you mean 'Ongoing'?"))),
        ("C14", "On hold", None, Some(("unknown-status", ANY))),
        ("C15", "#3", None, Some(("unknown-status", ANY))),
    ];
    let imp = import(one_column("ID | Initiative | Status", "S", cases.iter().map(|c| c.1)));
    for (k, (cell, written, status, issue)) in cases.iter().enumerate() {
        let ini = by_id(&imp, &format!("S{k}"));
        assert_eq!(ini.status, *status, "{written}");
        assert_eq!(source_cell(ini, "status").as_deref(), Some(*cell), "{written}");
        let expected: Vec<(&str, Option<&str>)> = issue.iter().map(|(code, s)| (*code, Some(*s))).collect();
        assert_eq!(issues_at(&imp, cell), expected, "{written}");
    }
}

#[test]
fn dates_from_text_serials_and_numbers() {
    const ISO: &str = "write it as YYYY-MM-DD";
    const LEAP: &str = "did you mean 1900-02-28 or 1900-03-01?";
    let cases: &[ReadCase<&str, Option<&str>>] = &[
        ("C2", "2026-06-30", Some("2026-06-30"), None),
        ("C3", "30 June 2026", Some("2026-06-30"), None),
        ("C4", "30/06/2026", Some("2026-06-30"), None),
        ("C5", "2026年6月30日", Some("2026-06-30"), None),
        ("C6", "@46203", Some("2026-06-30"), None),
        ("C7", "@61", Some("1900-03-01"), None),
        ("C8", "@60", None, Some(("invalid-date-serial", Some(LEAP)))),
        ("C9", "#46203", Some("2026-06-30"), Some(("number-as-date", None))),
        ("C10", "soon", None, Some(("unreadable-date", Some(ISO)))),
        ("C11", "31/02/2026", None, Some(("unreadable-date", Some(ISO)))),
        ("C12", "Q2 2026", Some("2026-06-30"), Some(("approximate-date", None))),
        ("C13", "mid-January 2026", Some("2026-01-15"), Some(("approximate-date", None))),
        ("C14", "June 2026", Some("2026-06-30"), Some(("approximate-date", None))),
        ("C15", "04/04/2026", Some("2026-04-04"), None),
        // A year typed as a number is the year (its last day), not serial 2026 (1905-07-18).
        ("C16", "#2026", Some("2026-12-31"), Some(("approximate-date", None))),
    ];
    let imp = import(one_column("ID | Initiative | Due", "D", cases.iter().map(|c| c.1)));
    for (k, (cell, written, due, issue)) in cases.iter().enumerate() {
        let ini = by_id(&imp, &format!("D{k}"));
        assert_eq!(date(ini.due).as_deref(), *due, "{written}");
        assert_eq!(source_cell(ini, "due").as_deref(), Some(*cell), "{written}");
        assert_eq!(issues_at(&imp, cell), issue.iter().copied().collect::<Vec<_>>(), "{written}");
    }
}

#[test]
fn numeric_dates_follow_the_profiles_date_order() {
    // (profile, start cell B2, the date read, the issue at B2)
    let cases = [
        ("default", "03/04/2026", "2026-04-03", Some("ambiguous-date")),
        ("en", "03/04/2026", "2026-03-04", Some("ambiguous-date")),
        ("fr", "03.04.2026", "2026-04-03", Some("ambiguous-date")),
        ("en", "13/04/2026", "2026-04-13", None),
        ("default", "04/13/2026", "2026-04-13", None),
    ];
    for (profile, written, start, issue) in cases {
        let imp = import_with(sheet(&format!("Initiative | Start\nPortal | {written}")), &vocab(profile));
        let ini = &imp.initiatives[0];
        assert_eq!(date(ini.start).as_deref(), Some(start), "{profile}: {written}");
        assert_eq!(source_cell(ini, "start").as_deref(), Some("B2"));
        let codes: Vec<&str> = issues_at(&imp, "B2").into_iter().map(|(code, _)| code).collect();
        assert_eq!(codes, issue.into_iter().collect::<Vec<_>>(), "{profile}: {written}");
    }
}

/// The profile, the progress column C from row 2, the percent read in each row, the issues.
type ProgressCase = (&'static str, &'static [&'static str], &'static [Option<f64>], &'static [&'static str]);

#[test]
fn progress_figures_and_a_column_of_fractions() {
    let cases: &[ProgressCase] = &[
        (
            "default",
            &["#45", "45", "45%", "60 %", "12,5"],
            &[Some(45.0), Some(45.0), Some(45.0), Some(60.0), Some(12.5)],
            &[],
        ),
        ("fr", &["12,5", "7,25"], &[Some(12.5), Some(7.25)], &[]),
        (
            "default",
            &["#0.5", "#0.25", "#1", ""],
            &[Some(50.0), Some(25.0), Some(100.0), None],
            &["progress-as-fraction C1"],
        ),
        ("default", &["0,5"], &[Some(50.0)], &["progress-as-fraction C1"]),
        // Not fractions: a "%" sign, a figure over 1, nothing over 0.
        ("default", &["#0.5", "50%"], &[Some(0.5), Some(50.0)], &[]),
        ("default", &["#0.5", "#80"], &[Some(0.5), Some(80.0)], &[]),
        ("default", &["#0", "#0"], &[Some(0.0), Some(0.0)], &[]),
        ("default", &["about half", "#40"], &[None, Some(40.0)], &["unreadable-number C2"]),
    ];
    for (profile, column, percents, issues) in cases {
        let imp = import_with(one_column("ID | Initiative | Progress", "P", column.iter()), &vocab(profile));
        let got: Vec<Option<f64>> = imp.initiatives.iter().map(|i| i.progress).collect();
        assert_eq!(got, *percents, "{profile}: {column:?}");
        assert_eq!(issue_list(&imp.issues), *issues, "{profile}: {column:?}");
        let cells: Vec<Option<String>> = imp.initiatives.iter().map(|i| source_cell(i, "progress")).collect();
        let written: Vec<Option<String>> =
            column.iter().enumerate().map(|(k, v)| (!v.is_empty()).then(|| format!("C{}", k + 2))).collect();
        assert_eq!(cells, written, "{profile}: {column:?}");
    }
}

/// A deliverable's checkpoint, status, description and cell.
type Delivered<'a, C> = (&'a str, Option<DeliverableStatus>, &'a str, C);

#[test]
fn deliverable_cells_give_a_status_word_and_a_description() {
    use DeliverableStatus::{Achieved, InProgress, NotStarted};
    let imp = import(sheet(
        "ID | Initiative | Deliverable by C26 | Deliverable by PP-26
         D-1 | a | Achieved: Working prototype in place. |
         D-2 | b | Prototype in place |
         D-3 | c | Done |
         D-4 | d | In progress - design approved | Pending
         D-5 | e |  | Livré : plateforme ouverte
         D-6 | f | Re-design of the portal |",
    ));
    // The N-th deliverable written in a row is `deliverables[N]`, in whichever column.
    let cases: [(&str, Vec<Delivered<&str>>); 6] = [
        ("D-1", vec![("C26", Some(Achieved), "Working prototype in place.", "C2")]),
        ("D-2", vec![("C26", None, "Prototype in place", "C3")]),
        ("D-3", vec![("C26", Some(Achieved), "", "C4")]),
        ("D-4", vec![("C26", Some(InProgress), "design approved", "C5"), ("PP-26", Some(NotStarted), "", "D5")]),
        ("D-5", vec![("PP-26", Some(Achieved), "plateforme ouverte", "D6")]),
        ("D-6", vec![("C26", None, "Re-design of the portal", "C7")]),
    ];
    for (id, expected) in cases {
        let ini = by_id(&imp, id);
        let cell = |n: usize| source_cell(ini, &format!("deliverables[{n}]")).unwrap_or_default();
        let got: Vec<Delivered<String>> = ini
            .deliverables
            .iter()
            .enumerate()
            .map(|(n, d)| (&*d.checkpoint, d.status, &*d.description, cell(n)))
            .collect();
        let expected: Vec<Delivered<String>> =
            expected.into_iter().map(|(c, s, d, cell)| (c, s, d, cell.to_owned())).collect();
        assert_eq!(got, expected, "{id}");
    }
    assert!(imp.issues.is_empty(), "{:?}", imp.issues);
}

#[test]
fn missing_ids_are_generated_with_an_issue() {
    let imp =
        import(sheet("ID | Initiative | Status\nA-1 | Portal | Done\n | Kiosk | Planned\n#7 | Training | Ongoing"));
    let ids: Vec<&str> = imp.initiatives.iter().map(|i| &*i.id).collect();
    assert_eq!(ids, ["A-1", "plan-r3", "7"]);
    assert_eq!(source_cell(by_id(&imp, "A-1"), "id").as_deref(), Some("A2"));
    assert_eq!(source_cell(by_id(&imp, "plan-r3"), "id"), None);
    assert_eq!(issue_list(&imp.issues), ["generated-id A3"]);
    let field = imp.issues[0].location.as_ref().and_then(|l| l.field.as_deref());
    assert_eq!((imp.issues[0].initiative.as_deref(), field), (Some("plan-r3"), Some("id")));

    // No id column: every id is generated, and one issue says so at the header.
    let imp = import(sheet("Initiative | Status\nPortal | Done\nKiosk | Planned"));
    let ids: Vec<&str> = imp.initiatives.iter().map(|i| &*i.id).collect();
    assert_eq!(ids, ["plan-r2", "plan-r3"]);
    assert_eq!(issue_list(&imp.issues), ["generated-id A1"]);
    assert_eq!(imp.issues[0].initiative, None);
    assert!(imp.issues[0].message.contains("2 ids"), "{}", imp.issues[0].message);
}

#[test]
fn error_values_are_read_as_empty_except_in_kept_columns() {
    let imp = import(sheet(
        "ID | Initiative | Status | Due | Deliverable by C26 | Budget
         E-1 | Portal | !#N/A | !#REF! | !#VALUE! | !#DIV/0!
         !#N/A | Kiosk | Done",
    ));
    let e1 = by_id(&imp, "E-1");
    assert_eq!((e1.status, e1.due, e1.deliverables.len()), (None, None, 0));
    assert_eq!((source_cell(e1, "status"), source_cell(e1, "due")), (None, None));
    assert_eq!(e1.extra.get("Budget"), Some(&serde_json::json!("#DIV/0!")));
    assert_eq!(source_cell(e1, "extra.Budget").as_deref(), Some("F2"));
    let kiosk = by_id(&imp, "plan-r3");
    assert_eq!((&*kiosk.title, kiosk.status), ("Kiosk", Some(Completed)));
    assert_eq!(
        issue_list(&imp.issues),
        ["error-value C2", "error-value D2", "error-value E2", "error-value A3", "generated-id A3"]
    );
    let fields: Vec<Option<&str>> =
        imp.issues[..2].iter().map(|i| i.location.as_ref().and_then(|l| l.field.as_deref())).collect();
    assert_eq!(fields, [Some("status"), Some("due")]);
    let initiatives: Vec<Option<&str>> = imp.issues.iter().map(|i| i.initiative.as_deref()).collect();
    assert_eq!(initiatives, [Some("E-1"), Some("E-1"), Some("E-1"), Some("plan-r3"), Some("plan-r3")]);
}

#[test]
fn a_group_cell_makes_the_parent_and_its_actions_give_its_status() {
    let text = " | ID | Action | Status
                Digital portal | A-1 | Design | Done
                 | A-2 | Build | Ongoing
                 | A-3 | Launch | Planned
                Staff training | B-1 | Course | Done
                 | B-2 | Tutoring | Done";
    // Merged down, or written once and left blank below: the same groups.
    for (what, s) in [("merged", sheet(text).merge("A2:A4").merge("A5:A6")), ("written once", sheet(text))] {
        let imp = import(s);
        let got: Vec<(&str, &str, Option<&str>, Option<Status>)> =
            imp.initiatives.iter().map(|i| (&*i.id, &*i.title, i.parent.as_deref(), i.status)).collect();
        assert_eq!(
            got,
            [
                ("plan-g2", "Digital portal", None, Some(Ongoing)),
                ("A-1", "Design", Some("plan-g2"), Some(Completed)),
                ("A-2", "Build", Some("plan-g2"), Some(Ongoing)),
                ("A-3", "Launch", Some("plan-g2"), Some(Planned)),
                ("plan-g5", "Staff training", None, Some(Completed)),
                ("B-1", "Course", Some("plan-g5"), Some(Completed)),
                ("B-2", "Tutoring", Some("plan-g5"), Some(Completed)),
            ],
            "{what}"
        );
        let groups = [by_id(&imp, "plan-g2"), by_id(&imp, "plan-g5")];
        let cells: Vec<Option<String>> = groups.iter().map(|g| source_cell(g, "title")).collect();
        assert_eq!(cells, [Some("A2".into()), Some("A5".into())], "{what}");
        assert_eq!(issue_list(&imp.issues), ["derived-status A2", "derived-status A5"], "{what}");
        let about: Vec<Option<&str>> = imp.issues.iter().map(|i| i.initiative.as_deref()).collect();
        assert_eq!(about, [Some("plan-g2"), Some("plan-g5")], "{what}");
        // The actions' own cells are their rows', whatever the group cell.
        assert_eq!(source_cell(by_id(&imp, "A-2"), "title").as_deref(), Some("C3"), "{what}");
    }
}

/// The ids, and where the table ended and why.
fn outcome(imp: &SheetImport) -> (Vec<&str>, Option<u32>, Option<&str>) {
    let ids = imp.initiatives.iter().map(|i| &*i.id).collect();
    (ids, imp.layout.end_row, imp.layout.end_reason.as_deref())
}

/// What stands below a table, the ids read, the row it ends at and why.
type Ending<'a> = (&'a str, &'a [&'a str], Option<u32>, Option<&'a str>);

#[test]
fn the_table_ends_where_its_shape_does() {
    let table = "ID | Initiative | Pillar | Owner | Status | Due | Progress\n\
                 A-1 | Portal | Members | Events | Done | @45930 | #100\n\
                 A-2 | Mobile app | Members | Events | Ongoing | @46203 | #25\n\
                 A-3 | Expense pilot | Resources | Finance | Ongoing | @46081 | #50\n\
                 A-4 | CRM | Resources | Partners | Planned | @46387 | #0";
    let shape = "the key columns every record fills are empty";
    let kinds = "its values are not of the kind their columns hold";
    let gap = "after blank rows, it does not fill the columns every record fills";
    let other = "after blank rows or totals, it is the header of another table";
    // (what stands below the table, the ids read, the end row, why)
    let cases: [Ending; 7] = [
        // A row under the table with neither id nor title, nor most of what every record fills.
        ("\n |  |  |  | Done", &["A-1", "A-2", "A-3", "A-4"], Some(6), Some(shape)),
        // A summary block after two blank rows, starting in column B: a person reads a summary.
        (
            "\n\n\n | Status | Count | Share\n | Completed | #1 | #0.25\n | Total | #4",
            &["A-1", "A-2", "A-3", "A-4"],
            Some(8),
            Some(other),
        ),
        // The same right under the table: counts under names.
        ("\nStatus | #1 | #0.25", &["A-1", "A-2", "A-3", "A-4"], Some(6), Some(kinds)),
        // A note after a blank row, in the id and title columns.
        ("\n\nNB | Figures as the units reported them", &["A-1", "A-2", "A-3", "A-4"], Some(7), Some(gap)),
        // More records after a blank row: the same table.
        (
            "\n\nA-5 | Archive | Systems | Records | Ongoing | @46112 | #60",
            &["A-1", "A-2", "A-3", "A-4", "A-5"],
            None,
            None,
        ),
        // A subtotal, then more records: the table goes on to its grand total.
        (
            "\nSubtotal |  |  |  |  |  | #4\nA-5 | Archive | Systems | Records | Ongoing | @46112 | #60\nGrand total |  |  |  |  |  | #5",
            &["A-1", "A-2", "A-3", "A-4", "A-5"],
            Some(8),
            Some("a totals row"),
        ),
        // A totals row, then a summary line: the table ends at the totals row.
        ("\nTotal | #4\nCompleted | #1", &["A-1", "A-2", "A-3", "A-4"], Some(6), Some("a totals row")),
    ];
    for (below, ids, end, why) in cases {
        let imp = import(sheet(&format!("{table}{below}")));
        assert_eq!(outcome(&imp), (ids.to_vec(), end, why), "below the table: {below:?}");
        let left_out = imp.issues.iter().any(|i| i.code == "rows-after-table");
        let expect_left_out = end.is_some() && !below.contains("Grand total");
        assert_eq!(left_out, expect_left_out, "rows-after-table for {below:?}");
    }
}

#[test]
fn a_title_that_starts_with_a_totals_word_is_a_record() {
    let imp = import(sheet(
        "Initiative | Status\nPortal | Done\nTotal rewards review | Planned\nSum insured update | Ongoing",
    ));
    let titles: Vec<&str> = imp.initiatives.iter().map(|i| &*i.title).collect();
    assert_eq!(titles, ["Portal", "Total rewards review", "Sum insured update"]);
    assert_eq!(imp.layout.end_row, None);
}

#[test]
fn a_group_header_over_a_record_is_a_one_row_header() {
    // "Deliverables" stands over no checkpoint names: the row below is the first record.
    let imp = import(sheet("ID | Initiative | Deliverables\nA-1 | Portal | Prototype\nA-2 | Kiosk | Launch"));
    let ids: Vec<&str> = imp.initiatives.iter().map(|i| &*i.id).collect();
    assert_eq!(ids, ["A-1", "A-2"]);
    assert_eq!(imp.layout.header_rows, [1]);
    let portal = by_id(&imp, "A-1");
    let kept = portal.extra.get("Deliverables").cloned();
    let as_deliverable = portal.deliverables.first().map(|d| d.description.clone());
    assert!(
        kept == Some(serde_json::json!("Prototype")) || as_deliverable.as_deref() == Some("Prototype"),
        "the cell is kept: {portal:?}"
    );
}

#[test]
fn a_numbered_row_is_a_record_where_the_ids_are_numbers() {
    // Ids are numbers: "7 | Training" is a record with few cells, not a section "Training".
    let numbered = "No. | Initiative | Status | Owner\n1 | Portal | Done | Li\n2 | Kiosk | Ongoing | Li\n\
                    3 | Fair | Planned | Wu\n7 | Training";
    let imp = import(sheet(numbered));
    let titles: Vec<&str> = imp.initiatives.iter().map(|i| &*i.title).collect();
    assert_eq!(titles, ["Portal", "Kiosk", "Fair", "Training"]);
    assert!(imp.layout.sections.is_empty());
    // Ids are words: a number and a name alone is a section.
    let sectioned = "ID | Initiative | Status | Owner\nA-1 | Portal | Done | Li\nA-2 | Kiosk | Ongoing | Li\n\
                     A-3 | Fair | Planned | Wu\n2 | Empowering staff\nA-4 | Training | Planned | Wu";
    let imp = import(sheet(sectioned));
    assert_eq!(imp.layout.sections, [(5, "Empowering staff".to_owned())]);
    assert_eq!(by_id(&imp, "A-4").priority_area.as_deref(), Some("Empowering staff"));
}

#[test]
fn below_a_table_of_two_records_a_summary_is_no_record() {
    let table = "ID | Initiative | Pillar | Status | Progress %\nA1 | Pilot the intranet | Data | Completed | 100\n\
                 A2 | Review records | Data | Ongoing | 50\n";
    let other = "after blank rows or totals, it is the header of another table";
    let keys = "the key columns every record fills are empty";
    let gap = "after blank rows, it does not fill the columns every record fills";
    for (below, why) in [
        ("\nNumber of initiatives: 2", keys),
        ("\nStatus | Count | Share\nCompleted | 1 | 50%\nOngoing | 1 | 50%\nTotal | 2 | 100%", other),
        ("\nStatut | Nombre | %\nAchevé | 1 | 50%", other),
        ("\n状态 | 数量 | 占比\n已完成 | 1 | 50%", other),
        // A phrase in the id column of tokens: a label, however few the records.
        ("\nSummary by status | Count | Share\nCompleted | 1 | 50%", gap),
    ] {
        let imp = import(sheet(&format!("{table}{below}")));
        assert_eq!(outcome(&imp), (vec!["A1", "A2"], Some(5), Some(why)), "below the table: {below:?}");
    }
}

#[test]
fn below_blank_rows_a_phrase_in_the_id_column_is_a_label() {
    let table = "ID | Initiative | Pillar | Status | Progress\nTR-1 | Portal | Risk | Done | 100\n\
                 TR-2 | Kiosk | Risk | Ongoing | 50\nTR-3 | Fair | Talent | Planned | 0\nTR-4 | Desk | Talent | Ongoing | 10\n";
    let gap = "after blank rows, it does not fill the columns every record fills";
    let imp = import(sheet(&format!("{table}\n\n\nSummary by status | Count | Share\nCompleted | 1 | 25%")));
    assert_eq!(outcome(&imp), (vec!["TR-1", "TR-2", "TR-3", "TR-4"], Some(9), Some(gap)));
    // A record below blank rows, its id a token like the others', goes on.
    let imp = import(sheet(&format!("{table}\n\nTR-5 | Archive | Risk | Planned")));
    assert_eq!(outcome(&imp), (vec!["TR-1", "TR-2", "TR-3", "TR-4", "TR-5"], None, None));
}

#[test]
fn below_blank_rows_a_count_under_the_titles_is_no_record() {
    let table = "ID | Initiative | Pillar | Status | Progress\nA1 | Portal | Data | Done | 100\n\
                 A2 | Kiosk | Data | Ongoing | 50\nA3 | Fair | Talent | Planned\nA4 | Desk | Talent | Ongoing | 10\n";
    let gap = "after blank rows, it does not fill the columns every record fills";
    // "Number of initiatives: | 4", in Chinese: a label and a figure where titles are words.
    let imp = import(sheet(&format!("{table}\n\n\n举措数量: | 4")));
    assert_eq!(outcome(&imp), (vec!["A1", "A2", "A3", "A4"], Some(9), Some(gap)));
}

#[test]
fn a_header_that_can_mean_status_or_progress_is_read_by_its_values() {
    // "État d'avancement" (state of progress) over status words is the status column.
    let words = import(sheet(
        "Réf. | Action | État d'avancement | % achevé\nFR-1 | Portail | En cours de réalisation | 45%\nFR-2 | Archives | Achevé | 100%",
    ));
    let read: Vec<(Option<Status>, Option<f64>)> = words.initiatives.iter().map(|i| (i.status, i.progress)).collect();
    assert_eq!(read, [(Some(Ongoing), Some(45.0)), (Some(Completed), Some(100.0))]);
    assert!(words.issues.iter().all(|i| i.code != "duplicate-header"), "{:?}", issue_list(&words.issues));
    // Over figures it is the progress.
    let figures = import(sheet("Réf. | Action | Statut | État d'avancement\nFR-1 | Portail | En cours | 45%"));
    assert_eq!((figures.initiatives[0].status, figures.initiatives[0].progress), (Some(Ongoing), Some(45.0)));
}

/// A revised initiative's reason in a notes column is read as its revision
/// (the note stays among the kept columns); notes of other initiatives,
/// and notes that say nothing of a revision, are only kept.
#[test]
fn a_revision_written_in_a_notes_column() {
    let imp = import(sheet(
        "ID | Initiative | Status | Comments
         A-1 | Portal | Revised | Combined with A-3 after rationalization
         A-2 | Archive | Completed | Combined with A-3
         A-3 | Records | Revised | see the minutes of May
         A-4 | Travel | Révisé | Périmètre revu",
    ));
    let revision = by_id(&imp, "A-1").revision.as_ref().expect("read from the notes");
    assert_eq!(revision.change, Some(roadmap_core::RevisionChange::CombinedInto("A-3".into())));
    assert_eq!(revision.reason, Some(roadmap_core::RevisionReason::Rationalization));
    assert!(by_id(&imp, "A-1").extra.values().any(|v| v.as_str() == Some("Combined with A-3 after rationalization")));
    assert_eq!(by_id(&imp, "A-2").revision, None);
    assert_eq!(by_id(&imp, "A-3").revision, None);
    assert_eq!(
        by_id(&imp, "A-4").revision.as_ref().and_then(|r| r.change.clone()),
        Some(roadmap_core::RevisionChange::ScopeChanged)
    );
}

/// A subtotal under each pillar's first records, and a total right under
/// the header: the records below them are the table's, as a person reads
/// them; the totals rows are not records.
#[test]
fn subtotals_under_few_records_and_a_total_under_the_header() {
    let imp = import(sheet(
        "ID | Initiative | Pillar | Owner | Status | Progress
         GOV-1 | Ethics code | Governance | Ana | Completed | #1
         GOV-2 | Internal audit | Governance | Bob | Ongoing | #0.375
          | Subtotal Governance |  |  | 2 initiatives |
         DIG-1 | Cloud | Digital | Cy | Ongoing | #0.5
          | Subtotal Digital |  |  | 1 initiatives |
          | Grand total |  |  | 3 initiatives |
          |  |  |  |  |
         Status | Count
         Ongoing | #2",
    ));
    let ids: Vec<&str> = imp.initiatives.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["GOV-1", "GOV-2", "DIG-1"]);
    assert_eq!(imp.layout.end_row, Some(7), "the grand total ends it");
    let top = import(sheet(
        "ID | Initiative | Status | Progress
          | TOTAL PROGRAMME (2 initiatives) |  | #0.5
         A-1 | Portal | Ongoing | #0.4
         A-2 | Archive | Completed | #1",
    ));
    let ids: Vec<&str> = top.initiatives.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["A-1", "A-2"]);
}

#[test]
fn tables_stacked_on_one_sheet_are_each_read() {
    let unit = |name: &str, p: &str| {
        format!("{name}\nID | Initiative | Owner | Status\n{p}-1 | Portal | Ana | Done\n{p}-2 | Kiosk | Bo | Ongoing\n")
    };
    for between in ["\n\n", "\n", "", "Total | #2\n\n", "Total | #2\n"] {
        let text = format!("{}{between}{}", unit("Unit A — Finance", "A"), unit("Unit B — HR", "B"));
        let tables = tables_with(sheet(&text), &DEFAULT);
        let ids: Vec<Vec<&str>> = tables.iter().map(|t| t.initiatives.iter().map(|i| &*i.id).collect()).collect();
        assert_eq!(ids, [vec!["A-1", "A-2"], vec!["B-1", "B-2"]], "between: {between:?}");
        let titles: Vec<Option<&str>> = tables.iter().map(|t| t.layout.title.as_deref()).collect();
        assert_eq!(titles, [Some("Unit A — Finance"), Some("Unit B — HR")], "between: {between:?}");
        // Nothing was left out: the rows between are the second table's head.
        let left: Vec<&str> = tables.iter().flat_map(|t| &t.issues).map(|i| &*i.code).collect();
        assert!(!left.contains(&"rows-after-table"), "between: {between:?}: {left:?}");
        let b1 = text.lines().position(|l| l.starts_with("B-1")).map(|k| k as u32 + 1);
        assert_eq!(tables[1].initiatives[0].source.as_ref().and_then(|s| s.row), b1, "between: {between:?}");
    }
}

#[test]
fn below_a_table_a_summary_with_two_known_headers_is_no_second_table() {
    let table = "ID | Initiative | Pillar | Status\nA1 | Portal | Data | Done\nA2 | Kiosk | Data | Ongoing\nA3 | Fair | Risk | Ongoing\n";
    let tables = tables_with(sheet(&format!("{table}\n\nPillar | Initiatives\nData | #2\nRisk | #1")), &DEFAULT);
    assert_eq!(tables.len(), 1);
    assert_eq!(outcome(&tables[0]).0, ["A1", "A2", "A3"]);
    assert!(tables[0].issues.iter().any(|i| i.code == "rows-after-table"));
}

#[test]
fn a_line_labelled_pillar_names_the_pillar_of_the_records_below() {
    let text = "Pillar 1: Governance\nID | Initiative | Status\nA-1 | Portal | Done\n\
                PILLAR II — Digital services (2 initiatives, 1 ongoing)\nA-2 | Kiosk | Ongoing\n1  Members\nA-3 | Desk | Planned\n\
                Pilier 3 : Personnes et culture — 50% en moyenne\nA-4 | Fair | Planned\nPillar reforms in schools | Survey | Done";
    let imp = import(sheet(text));
    let pillars: Vec<(&str, Option<&str>, Option<&str>)> =
        imp.initiatives.iter().map(|i| (&*i.id, i.pillar.as_deref(), i.priority_area.as_deref())).collect();
    assert_eq!(
        pillars,
        [
            ("A-1", Some("Governance"), None),
            ("A-2", Some("Digital services"), None),
            ("A-3", Some("Digital services"), Some("Members")),
            ("A-4", Some("Personnes et culture"), None),
            // A title that starts with the word is no label.
            ("Pillar reforms in schools", Some("Personnes et culture"), None),
        ]
    );
    let named: Vec<&str> = imp.layout.pillar_sections.iter().map(|(_, name)| name.as_str()).collect();
    assert_eq!(named, ["Governance", "Digital services", "Personnes et culture"]);
    // A pillar column's own value wins over the section's.
    let imp = import(sheet("ID | Initiative | Pillar\nPillar 1: Governance\nA-1 | Portal | Data"));
    assert_eq!(imp.initiatives[0].pillar.as_deref(), Some("Data"));
}

#[test]
fn a_field_header_over_periods_reads_the_rightmost_and_keeps_the_others() {
    let text = "ID | Initiative | Status | | Due date | | Progress\n\
                | | Previous quarter | Current | Original | Forecast |\n\
                Q1 | Portal | Completed | Ongoing | 2026-03-31 | 2026-09-30 | 40";
    for merged in [true, false] {
        let s = sheet(text);
        let s = if merged { s.merge("C1:D1").merge("E1:F1") } else { s };
        let imp = import(s);
        assert_eq!(imp.layout.header_rows, [1, 2], "merged: {merged}");
        let heads: Vec<(&str, String)> =
            imp.layout.columns.iter().map(|c| (c.header.as_str(), c.target.profile_name())).collect();
        assert_eq!(
            heads,
            [
                ("ID", "id".to_owned()),
                ("Initiative", "title".to_owned()),
                ("Status / Previous quarter", "extra".to_owned()),
                ("Status / Current", "status".to_owned()),
                ("Due date / Original", "extra".to_owned()),
                ("Due date / Forecast", "due".to_owned()),
                ("Progress", "progress".to_owned()),
            ],
            "merged: {merged}"
        );
        let q1 = by_id(&imp, "Q1");
        assert_eq!(q1.status, Some(roadmap_core::Status::Ongoing));
        assert_eq!(q1.due.map(|d| d.to_string()).as_deref(), Some("2026-09-30"));
        assert_eq!(q1.extra.get("Status / Previous quarter").and_then(|v| v.as_str()), Some("Completed"));
        assert!(imp.issues.is_empty(), "{:?}", imp.issues);
    }
    // A header cell with an unnamed column beside it, over a record: no span.
    let imp = import(sheet("ID | Initiative | Status | | Due\nQ1 | Portal | Done | x | 2026-03-31"));
    assert_eq!(imp.layout.header_rows, [1]);
    assert_eq!(by_id(&imp, "Q1").status, Some(roadmap_core::Status::Completed));
}

#[test]
fn placeholders_and_qualified_headers() {
    let imp = import(sheet(
        "ID | Initiative | Owner* | Pillar | Status (select) | Due date [dd/mm/yyyy]\n\
         A-1 | Portal | N/A | TBC | Done | 30/06/2026\nA-2 | Kiosk | - | Data | Ongoing | TBD",
    ));
    let a1 = by_id(&imp, "A-1");
    assert_eq!((a1.owner.as_deref(), a1.pillar.as_deref()), (None, None));
    assert_eq!(a1.status, Some(roadmap_core::Status::Completed));
    assert_eq!(a1.due.map(|d| d.to_string()).as_deref(), Some("2026-06-30"));
    assert_eq!(by_id(&imp, "A-2").owner, None);
    // Under a date, the mark is still a date the report lacks, at its cell.
    let codes: Vec<(&str, Option<String>)> = imp.issues.iter().map(|i| (&*i.code, issue_cell(i))).collect();
    assert_eq!(codes, [("unreadable-date", Some("F3".to_owned()))]);
}

#[test]
fn a_pillar_written_once_over_its_records_is_theirs() {
    let text = "ID | Initiative | Pillar | Status\nG1 | Ethics | Governance | Done\nG2 | Audit | | Ongoing\n\
                D1 | Cloud | Digital | Ongoing\nD2 | ERP | | Planned\nD3 | Data | | Planned";
    let imp = import(sheet(text));
    let pillars: Vec<Option<&str>> = imp.initiatives.iter().map(|i| i.pillar.as_deref()).collect();
    assert_eq!(pillars, [Some("Governance"), Some("Governance"), Some("Digital"), Some("Digital"), Some("Digital")]);
    // A column filled record by record, with a gap: the gap stays.
    let text = "ID | Initiative | Pillar | Status\nG1 | Ethics | Governance | Done\nG2 | Audit | | Ongoing\n\
                D1 | Cloud | Governance | Ongoing";
    let imp = import(sheet(text));
    assert_eq!(imp.initiatives[1].pillar, None);
}

#[test]
fn tables_side_by_side_are_each_read() {
    let text = "Unit A | | | | | Unit B\n\
                ID | Initiative | Owner | Status | | ID | Initiative | Owner | Status\n\
                A-1 | Portal | Ana | Done | | B-1 | Fleet | Dov | Ongoing\n\
                A-2 | Kiosk | Bo | Ongoing | | B-2 | Canteen | Eli | Planned\n\
                A-3 | Desk | Cy | Planned";
    let tables = tables_with(sheet(text), &DEFAULT);
    let ids: Vec<Vec<&str>> = tables.iter().map(|t| t.initiatives.iter().map(|i| &*i.id).collect()).collect();
    assert_eq!(ids, [vec!["A-1", "A-2", "A-3"], vec!["B-1", "B-2"]]);
    let titles: Vec<Option<&str>> = tables.iter().map(|t| t.layout.title.as_deref()).collect();
    assert_eq!(titles, [Some("Unit A"), Some("Unit B")]);
    let b2 = &tables[1].initiatives[1];
    assert_eq!((b2.owner.as_deref(), b2.status), (Some("Eli"), Some(roadmap_core::Status::Planned)));
    assert_eq!(source_cell(b2, "status").as_deref(), Some("I4"));
    assert!(tables.iter().all(|t| t.issues.is_empty()), "no duplicate-header: {:?}", tables[0].issues);
}

#[test]
fn a_summary_beside_the_table_is_no_column_of_its_records() {
    let text = "ID | Initiative | Status | Progress | | Status | Count\n\
                A-1 | Portal | Done | 100 | | Completed | #1\n\
                A-2 | Kiosk | Ongoing | 50 | | Ongoing | #2\n\
                A-3 | Desk | Ongoing | 20 | | Total | #3\n\
                A-4 | Fair | Planned | 0";
    let imp = import(sheet(text));
    assert_eq!(outcome(&imp).0, ["A-1", "A-2", "A-3", "A-4"]);
    assert!(imp.initiatives.iter().all(|i| i.extra.is_empty()), "{:?}", imp.initiatives[0].extra);
    assert_eq!(issue_list(&imp.issues), ["columns-beside-table F1"]);
    // A column past an empty one that repeats no field of the table is its own.
    let imp =
        import(sheet("ID | Initiative | Status | | Comments\nA-1 | Portal | Done | | fine\nA-2 | Kiosk | Ongoing"));
    assert_eq!(imp.initiatives[0].extra.get("Comments").and_then(|v| v.as_str()), Some("fine"));
}

#[test]
fn the_sheets_own_dates_prove_the_order_of_day_and_month() {
    let due = |imp: &SheetImport| -> Vec<String> {
        imp.initiatives.iter().map(|i| i.due.map(|d| d.to_string()).unwrap_or_default()).collect()
    };
    // Month first, proven by 6/30/2026: 12/1/2026 is the first of December.
    let imp = import(sheet("ID | Initiative | Due date\nA-1 | Portal | 6/30/2026\nA-2 | Kiosk | 12/1/2026"));
    assert_eq!(due(&imp), ["2026-06-30", "2026-12-01"]);
    assert!(imp.issues.is_empty(), "no ambiguous-date: {:?}", issue_list(&imp.issues));
    // Day first, proven by 30/06/2026 in the start column, under a month-first profile.
    let en = vocab("en");
    let imp =
        import_with(sheet("ID | Initiative | Start date | Due date\nA-1 | Portal | 30/06/2026 | 01/07/2026"), &en);
    assert_eq!(due(&imp), ["2026-07-01"]);
    // Both orders proven: the profile's order reads the ambiguous one, and says so.
    let imp = import(sheet(
        "ID | Initiative | Due date\nA-1 | Portal | 6/30/2026\nA-2 | Kiosk | 30/06/2026\nA-3 | Desk | 01/07/2026",
    ));
    assert_eq!(due(&imp), ["2026-06-30", "2026-06-30", "2026-07-01"]);
    assert_eq!(issue_list(&imp.issues), ["ambiguous-date C4"]);
}

#[test]
fn a_status_word_with_a_note_is_the_status() {
    let text = "ID | Initiative | Status\nA-1 | Portal | Completed (Dec 2025)\nA-2 | Kiosk | Ongoing - delayed\n\
                A-3 | Desk | In progress (70%)\nA-4 | Fair | Planned for 2027\nA-5 | Desk | Revised / merged into A-2\n\
                A-6 | Hub | Planned / Ongoing\nA-7 | Lab | On hold - budget\nA-8 | Web | Planned but on hold\n\
                A-9 | App | Completed - delayed\nA-10 | Kit | Planned (at risk)";
    let imp = import(sheet(text));
    let statuses: Vec<Option<Status>> = imp.initiatives.iter().map(|i| i.status).collect();
    // A note of schedule ("delayed", "at risk") says when, not what: the
    // status is the first word's, though "Delayed" alone is Ongoing.
    assert_eq!(
        statuses,
        [
            Some(Completed),
            Some(Ongoing),
            Some(Ongoing),
            Some(Planned),
            Some(Revised),
            None,
            None,
            None,
            Some(Completed),
            Some(Planned)
        ]
    );
    let codes = issue_list(&imp.issues);
    assert_eq!(codes.iter().filter(|c| c.starts_with("status-with-note")).count(), 7, "{codes:?}");
    assert!(codes.contains(&"unknown-status C7".to_owned()), "{codes:?}");
}

#[test]
fn a_row_of_units_under_the_headers_is_part_of_the_header() {
    let imp = import(sheet(
        "ID | Initiative | Progress | Budget | Due date\n | | (%) | (USD '000) | [dd/mm/yyyy]\n\
         U-1 | Portal | 35 | 1200 | 30/09/2026\nU-2 | Audit | 100 | 80 | 31/12/2025",
    ));
    assert_eq!(imp.layout.header_rows, [1, 2]);
    assert_eq!(outcome(&imp).0, ["U-1", "U-2"]);
    let heads: Vec<&str> = imp.layout.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(heads, ["ID", "Initiative", "Progress (%)", "Budget (USD '000)", "Due date [dd/mm/yyyy]"]);
    assert_eq!(by_id(&imp, "U-1").progress, Some(35.0));
}

#[test]
fn a_phrase_alone_in_the_id_column_over_records_is_a_heading() {
    let text = "ID | Initiative | Status\nDigital Transformation\nD1 | Portal | Ongoing\nD2 | Cloud | Done\n\
                Governance and Accountability\nG1 | Risk policy | Planned\n\nNumber of initiatives: 3";
    let imp = import(sheet(text));
    let areas: Vec<(&str, Option<&str>)> =
        imp.initiatives.iter().map(|i| (&*i.id, i.priority_area.as_deref())).collect();
    assert_eq!(
        areas,
        [
            ("D1", Some("Digital Transformation")),
            ("D2", Some("Digital Transformation")),
            ("G1", Some("Governance and Accountability"))
        ]
    );
}

#[test]
fn bulleted_rows_with_no_id_are_actions_of_the_record_above() {
    let imp = import(sheet(
        "ID | Initiative / Deliverable | Status\n1 | Digital identity | Ongoing\n | - Requirements | Completed\n\
         | • Pilot | Ongoing\n2 | Procurement reform | Planned\n | – e-Tendering | Planned\n | No bullet | Planned",
    ));
    let rows: Vec<(&str, Option<&str>)> = imp.initiatives.iter().map(|i| (&*i.title, i.parent.as_deref())).collect();
    assert_eq!(
        rows,
        [
            ("Digital identity", None),
            ("Requirements", Some("1")),
            ("Pilot", Some("1")),
            ("Procurement reform", None),
            ("e-Tendering", Some("2")),
            ("No bullet", None),
        ]
    );
    // Only the row with no bullet lacks an id worth a warning.
    assert_eq!(issue_list(&imp.issues), ["generated-id A7"]);
}

#[test]
fn the_status_column_is_told_by_its_values_where_its_header_says_less() {
    // A RAG column headed as the status, the statuses under "Stage".
    let imp = import(sheet(
        "ID | Initiative | Status (RAG) | Stage\nA-1 | Portal | Green | Ongoing\nA-2 | Kiosk | Amber | Completed\n\
         A-3 | Desk | Red | Planned",
    ));
    let got: Vec<(Option<Status>, Option<&str>)> =
        imp.initiatives.iter().map(|i| (i.status, i.extra.get("Status (RAG)").and_then(|v| v.as_str()))).collect();
    assert_eq!(got, [(Some(Ongoing), Some("Green")), (Some(Completed), Some("Amber")), (Some(Planned), Some("Red"))]);
    assert!(imp.issues.is_empty(), "{:?}", issue_list(&imp.issues));
    // A status column of status words keeps them, beside another of more.
    let imp = import(sheet(
        "ID | Initiative | Status | Last quarter\nA-1 | Portal | Ongoing | Planned\nA-2 | Kiosk | | Planned\n\
         A-3 | Desk | Done | Ongoing",
    ));
    let statuses: Vec<Option<Status>> = imp.initiatives.iter().map(|i| i.status).collect();
    assert_eq!(statuses, [Some(Ongoing), None, Some(Completed)]);
}

#[test]
fn a_report_date_in_a_footer_below_the_table() {
    let table = "ID | Initiative | Status\nA-1 | Portal | Done\nA-2 | Kiosk | Ongoing\nA-3 | Desk | Planned\n";
    let imp = import(sheet(&format!("{table}\nLast updated: | @46203")));
    assert_eq!(date(imp.layout.as_of).as_deref(), Some("2026-06-30"));
    // Above the table, the title block's date wins.
    let imp = import(sheet(&format!("As of 31/03/2026\n{table}\nLast updated on 30/06/2026")));
    assert_eq!(date(imp.layout.as_of).as_deref(), Some("2026-03-31"));
}

#[test]
fn a_report_date_inside_the_title_line() {
    let table = "ID | Initiative | Status\nA-1 | Portal | Done\n";
    let cases = [
        ("Digital roadmap — update of 30 June 2026", Some("Digital roadmap"), Some("2026-06-30")),
        // Past the first words, the date ends the line.
        (
            "Transformation roadmap of the Secretariat: status as at 31/03/2026",
            Some("Transformation roadmap of the Secretariat"),
            Some("2026-03-31"),
        ),
        (
            "Feuille de route de la transformation – situation au 15/06/2026",
            Some("Feuille de route de la transformation"),
            Some("2026-06-15"),
        ),
        // Words not set apart from the phrase are no title.
        ("Data as of 30 June 2026", None, Some("2026-06-30")),
        // A phrase in a long line with no date after it gives nothing.
        ("Roadmap of initiatives as of the last review", Some("Roadmap of initiatives as of the last review"), None),
    ];
    for (line, title, as_of) in cases {
        let imp = import(sheet(&format!("{line}\n{table}")));
        assert_eq!(imp.layout.title.as_deref(), title, "{line}");
        assert_eq!(date(imp.layout.as_of).as_deref(), as_of, "{line}");
    }
}

#[test]
fn a_completion_date_beside_a_target_date_is_kept() {
    // The target date is the due date, whichever column comes first.
    for text in [
        "ID | Initiative | Completion date | Target date\nA-1 | Portal | 15/05/2026 | 31/03/2026",
        "ID | Initiative | Target date | Completion date\nA-1 | Portal | 31/03/2026 | 15/05/2026",
    ] {
        let imp = import(sheet(text));
        let ini = &imp.initiatives[0];
        assert_eq!(date(ini.due).as_deref(), Some("2026-03-31"), "{text}");
        assert_eq!(ini.extra.get("Completion date"), Some(&serde_json::json!("15/05/2026")), "{text}");
        let issue = imp.issues.iter().find(|i| i.code == "duplicate-header").expect("duplicate-header");
        assert!(issue.message.contains("read from 'Target date'"), "{}", issue.message);
    }
    // Alone, it is the due date.
    let imp = import(sheet("ID | Initiative | Completion date\nA-1 | Portal | 15/05/2026"));
    assert_eq!(date(imp.initiatives[0].due).as_deref(), Some("2026-05-15"));
}

#[test]
fn ticks_under_a_column_per_status_are_the_status() {
    let text = "Ref | Initiative | Done | In progress | Not started | Revised | Total\n\
                1 | Portal | X | | | | 1\n\
                2 | Kiosk | | ✓ | | | 1\n\
                3 | Desk | | | x | | 1\n\
                4 | Fair | | | | Yes | 1\n\
                5 | Fleet | | X | X | | 2\n\
                6 | Canteen | | | | | 0";
    let imp = import(sheet(text));
    let statuses: Vec<Option<Status>> = imp.initiatives.iter().map(|i| i.status).collect();
    assert_eq!(statuses, [Some(Completed), Some(Ongoing), Some(Planned), Some(Revised), None, None]);
    assert_eq!(source_cell(&imp.initiatives[1], "status").as_deref(), Some("D3"));
    assert_eq!(issue_list(&imp.issues), ["status-marked-twice D6"]);
    let columns: Vec<&Target> = imp.layout.columns.iter().map(|c| &c.target).collect();
    assert_eq!(
        columns[2..6],
        [
            &Target::StatusMark(Completed),
            &Target::StatusMark(Ongoing),
            &Target::StatusMark(Planned),
            &Target::StatusMark(Revised)
        ]
    );
    // The same under a "Status" group cell over the statuses.
    let text = "Ref | Initiative | Status | | |\n\
                | | Completed | Ongoing | Planned | Revised\n\
                1 | Portal | X | | |\n\
                2 | Kiosk | | X | |\n\
                3 | Desk | | | | X";
    let imp = import(sheet(text).merge("C1:F1"));
    let statuses: Vec<Option<Status>> = imp.initiatives.iter().map(|i| i.status).collect();
    assert_eq!(statuses, [Some(Completed), Some(Ongoing), Some(Revised)]);
}

#[test]
fn columns_headed_by_statuses_without_ticks_stay_columns() {
    // Dates under "Completed": not ticks; the status column holds the status.
    let text = "Ref | Initiative | Status | Completed | Revised\n\
                1 | Portal | Ongoing | 2026-01-31 | 2026-02-01\n\
                2 | Kiosk | Ongoing | | ";
    let imp = import(sheet(text));
    assert!(imp.initiatives.iter().all(|i| i.status == Some(Ongoing)));
    // Counts under status columns, and no status column: no status is guessed.
    let text = "Ref | Initiative | Completed | Ongoing\n1 | Portal | 3 | 2\n2 | Kiosk | 0 | 4";
    let imp = import(sheet(text));
    assert!(imp.initiatives.iter().all(|i| i.status.is_none()));
    assert!(imp.layout.columns.iter().all(|c| !matches!(c.target, Target::StatusMark(_))));
    let no_ticks = |text: &str| {
        let imp = import(sheet(text));
        imp.layout.columns.iter().all(|c| !matches!(c.target, Target::StatusMark(_)))
    };
    // Counts per initiative that happen to start with ones and noughts.
    assert!(no_ticks(
        "Ref | Initiative | Completed | Ongoing | Planned\n1 | Portal | 1 | 0 | 0\n2 | Kiosk | 0 | 1 | 0\n\
         3 | Desk | 2 | 1 | 0\n4 | Fair | 0 | 3 | 1"
    ));
    // One "x" among many records.
    assert!(no_ticks(
        "Ref | Initiative | Completed | Revised\n1 | Portal | x | \n2 | Kiosk | | \n3 | Desk | | \n4 | Fair | | \n5 | Fleet | | "
    ));
    // Two columns of one status ("Delivered | Closed").
    assert!(no_ticks("Ref | Initiative | Delivered | Closed\n1 | Portal | X | X\n2 | Kiosk | X | \n3 | Desk | | X"));
    // Bulleted notes under a status's header are no ticks.
    assert!(no_ticks(
        "Ref | Initiative | Completed | Planned\n1 | Portal | • Launched portal | \n2 | Kiosk | | • Tender\n\
         3 | Desk | • Desks bought | "
    ));
    // A tick with a note: the note is kept with the cell's text.
    let imp =
        import(sheet("Ref | Initiative | Completed | Ongoing\n1 | Portal | X (merged into 2) | \n2 | Kiosk | | X"));
    assert_eq!(imp.initiatives[0].status, Some(Completed));
    assert_eq!(imp.initiatives[0].extra.get("Completed"), Some(&serde_json::json!("X (merged into 2)")));
    assert_eq!(source_cell(&imp.initiatives[0], "extra.Completed").as_deref(), Some("C2"));
}

#[test]
fn ticks_are_read_whatever_stands_beside_them() {
    let statuses = |imp: &SheetImport| imp.initiatives.iter().map(|i| i.status).collect::<Vec<_>>();
    let cases: Vec<(&str, Sheet, Vec<Option<Status>>)> = vec![
        (
            "a column beside the statuses under their group cell",
            sheet(
                "Ref | Initiative | Estado | | | | \n\
                 | | Completado | En curso | Planificado | Revisado | Observaciones\n\
                 1 | Portal | X | | | | Entregado en marzo\n\
                 2 | Kiosk | | X | | | \n\
                 3 | Desk | | | X | | Sin fondos",
            )
            .merge("C1:G1"),
            vec![Some(Completed), Some(Ongoing), Some(Planned)],
        ),
        (
            "ticks and unticked boxes (Oui / Non)",
            sheet(
                "Réf | Action | Achevé | En cours | Prévu\n1 | Portail | Oui | Non | Non\n\
                 2 | Guichet | Non | Oui | Non\n3 | Bureau | Non | Non | Oui",
            ),
            vec![Some(Completed), Some(Ongoing), Some(Planned)],
        ),
        (
            "a tick with a note, and a status column of colours",
            sheet(
                "Ref | Initiative | Status | Completed | Ongoing | Revised\n1 | Portal | Green | X (merged into 2) | | \n\
                 2 | Kiosk | Amber | | X | \n3 | Desk | Red | | | ✔",
            ),
            vec![Some(Completed), Some(Ongoing), Some(Revised)],
        ),
        (
            "a status column of words, blank in some rows",
            sheet(
                "Ref | Initiative | Status | Completed | Ongoing | Planned\n1 | Portal | Completed | X | | \n\
                 2 | Kiosk | | | X | \n3 | Desk | Planned | | | X\n4 | Fair | | | | X",
            ),
            vec![Some(Completed), Some(Ongoing), Some(Planned), Some(Planned)],
        ),
        (
            "remarks in schedule words",
            sheet(
                "Ref | Initiative | Completed | Ongoing | Planned | Remarks\n1 | Portal | X | | | On track\n\
                 2 | Kiosk | | | X | At risk\n3 | Desk | | X | | Delayed",
            ),
            vec![Some(Completed), Some(Planned), Some(Ongoing)],
        ),
    ];
    for (what, s, want) in cases {
        let imp = import(s);
        assert_eq!(statuses(&imp), want, "{what}: {:?}", imp.issues);
    }
    // Unticked boxes after blank rows are values, not the header of another
    // table ("No" is also a header word of ids).
    let imp = import(sheet(
        "Code | Initiative | Done | Ongoing | Planned\nA-1 | Portal | No | X | No\nA-2 | Kiosk | X | No | No\n\n\n\
         A-3 | Desk | No | No | X",
    ));
    assert_eq!(statuses(&imp), [Some(Ongoing), Some(Completed), Some(Planned)]);
    // The note after a tick is told; a mark no profile knows is an unknown status.
    let imp = import(sheet(
        "Ref | Initiative | Completed | Ongoing\n1 | Portal | X* | \n2 | Kiosk | | X\n3 | Desk | | X\n4 | Fair | ? | ",
    ));
    assert_eq!(issue_list(&imp.issues), ["status-with-note C2", "unknown-status C5"]);
    // Progress named under the statuses' group cell is the progress.
    let imp = import(
        sheet(
            "Ref | Initiative | Status | | \n | | Completed | Ongoing | % complete\n1 | Portal | X | | 1\n\
             2 | Kiosk | | X | 0.4",
        )
        .merge("C1:E1"),
    );
    assert_eq!(statuses(&imp), [Some(Completed), Some(Ongoing)]);
    assert!(imp.initiatives[1].progress.is_some(), "{:?}", imp.layout.columns);
}
