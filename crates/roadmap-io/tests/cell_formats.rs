//! What a cell shows (issue 12): numbers under a percent format are the
//! percent they show; a formula saved without a value is an issue at its
//! cell. Expected values are what a spreadsheet shows for each cell.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    clippy::type_complexity,
    clippy::format_push_string
)] // Tests fail loudly.

use std::io::Write;

use roadmap_io::{Import, ReadOptions, read_bytes, read_path};
use rust_xlsxwriter::{Format, Workbook};
use zip::write::SimpleFileOptions;

fn issues(import: &Import) -> Vec<(String, String)> {
    import
        .report()
        .issues
        .into_iter()
        .map(|i| (i.code.to_string(), i.location.and_then(|l| l.short()).unwrap_or_default()))
        .collect()
}

fn progress(import: &Import, id: &str) -> Option<f64> {
    import.roadmap.get(id).unwrap_or_else(|| panic!("no {id}")).progress
}

/// A tracker as a person writes it: `0%` and `0.0%` progress, a date
/// column, and one progress typed as the text "60%".
#[test]
fn percent_formats_are_read_as_the_percent_they_show() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Tracker").unwrap();
    for (c, h) in ["ID", "Initiative", "Status", "Due", "Progress"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let whole = Format::new().set_num_format("0%");
    let tenth = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd mmm yyyy");
    // (id, status, due serial, progress: fraction and its format, or text)
    let rows: [(&str, &str, f64, Result<(f64, &Format), &str>); 5] = [
        ("P-1", "Ongoing", 46_023.0, Ok((0.375, &whole))), // shows 38%
        ("P-2", "Completed", 46_054.0, Ok((1.0, &whole))), // shows 100%
        ("P-3", "Ongoing", 46_082.0, Ok((1.15, &tenth))),  // shows 115.0%
        ("P-4", "Ongoing", 46_113.0, Ok((0.125, &tenth))), // shows 12.5%
        ("P-5", "Ongoing", 46_143.0, Err("60%")),          // the text 60%
    ];
    for (r, (id, status, due, progress)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *id).unwrap();
        sheet.write_string(r, 1, format!("Initiative {id}")).unwrap();
        sheet.write_string(r, 2, *status).unwrap();
        sheet.write_number_with_format(r, 3, *due, &date).unwrap();
        match progress {
            Ok((fraction, format)) => sheet.write_number_with_format(r, 4, *fraction, format).unwrap(),
            Err(text) => sheet.write_string(r, 4, *text).unwrap(),
        };
    }
    let bytes = book.save_to_buffer().unwrap();
    let imp = read_bytes(&bytes, Some("percent.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!(progress(&imp, "P-1"), Some(37.5));
    assert_eq!(progress(&imp, "P-2"), Some(100.0));
    assert_eq!(progress(&imp, "P-3"), Some(115.0));
    assert_eq!(progress(&imp, "P-4"), Some(12.5));
    assert_eq!(progress(&imp, "P-5"), Some(60.0));
    assert_eq!(imp.roadmap.get("P-1").unwrap().due.map(|d| d.to_string()).as_deref(), Some("2026-01-01"));
    let found = issues(&imp);
    assert!(found.contains(&("progress-out-of-range".into(), "Tracker!E4".into())), "{found:?}");
    for code in ["progress-as-fraction", "completed-with-incomplete-progress"] {
        assert!(!found.iter().any(|(c, _)| c == code), "{code}: {found:?}");
    }
}

/// A grid handed over by the caller: a percentage is shown as one.
#[test]
fn a_percent_value_shows_as_a_percent() {
    assert_eq!(roadmap_io::Value::Percent(0.375).to_text(), "37.5%");
    assert_eq!(roadmap_io::Value::Percent(1.15).to_text(), "115%");
}

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
/// Style 1 is the built-in `0%` (9), style 2 a custom `0.0%`.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

fn xlsx(sheet: &str) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in [
        ("[Content_Types].xml", TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", RELS),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", sheet),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn text(cell: &str, t: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{t}</t></is></c>"#)
}

/// Rows enough that the sheet's bytes span many chunks of the scan (a cell
/// is cut at each chunk's end somewhere): every percent cell is found, and
/// every formula saved without a value (plain and shared) is an issue.
#[test]
fn a_long_sheet_with_percent_cells_and_formulas_without_values() {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    xml.push_str(&format!(
        r#"<row r="1">{}{}{}{}</row>"#,
        text("A1", "ID"),
        text("B1", "Initiative"),
        text("C1", "Status"),
        text("D1", "Progress")
    ));
    let rows = 3000u32;
    let mut unsaved = Vec::new();
    for r in 2..=rows {
        let status = match r % 500 {
            7 => {
                unsaved.push(format!("Plan!C{r}"));
                format!(r#"<c r="C{r}" t="str"><f>IF(D{r}=1,"Completed","Ongoing")</f></c>"#)
            }
            8 => {
                unsaved.push(format!("Plan!C{r}"));
                format!(r#"<c r="C{r}" t="str"><f t="shared" si="0"/></c>"#)
            }
            // A formula with its value saved: no issue.
            9 => format!(r#"<c r="C{r}" t="str"><f>"Ongoing"</f><v>Ongoing</v></c>"#),
            _ => text(&format!("C{r}"), "Ongoing"),
        };
        // Progress r % 100 percent, as a fraction under style 1 or 2; every
        // tenth row a number with no format (a plain 0.5 stays 0.5).
        let progress = if r % 10 == 0 {
            format!(r#"<c r="D{r}"><v>0.5</v></c>"#)
        } else {
            format!(r#"<c r="D{r}" s="{}"><v>{}</v></c>"#, 1 + r % 2, f64::from(r % 100) / 100.0)
        };
        xml.push_str(&format!(
            r#"<row r="{r}">{}{}{status}{progress}<c r="E{r}" s="1"/></row>"#,
            text(&format!("A{r}"), &format!("X-{r}")),
            text(&format!("B{r}"), "Something"),
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    assert!(xml.len() > 6 * 64 * 1024);
    let imp = read_bytes(&xlsx(&xml), Some("long.xlsx"), &ReadOptions::default()).unwrap();
    for r in 2..=rows {
        let want = if r % 10 == 0 { 0.5 } else { f64::from(r % 100) };
        assert_eq!(progress(&imp, &format!("X-{r}")), Some(want), "row {r}");
    }
    let found: Vec<String> =
        issues(&imp).into_iter().filter(|(c, _)| c == "formula-without-value").map(|(_, at)| at).collect();
    assert_eq!(found, unsaved);
}

fn case(name: &str) -> Import {
    read_path(format!("{}/tests/fixtures/cases/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `shared/cases` c02, as cases.json reads it.
#[test]
fn case_c02_percent_format() {
    let imp = case("c02-percent-format.xlsx");
    let want = [
        ("PRJ-01", 100.0),
        ("PRJ-02", 25.0),
        ("PRJ-03", 50.0),
        ("PRJ-04", 0.0),
        ("PRJ-05", 115.0),
        ("PRJ-06", 100.0),
        ("PRJ-07", 100.0),
        ("PRJ-08", 60.0),
    ];
    for (id, p) in want {
        assert_eq!(progress(&imp, id), Some(p), "{id}");
    }
    let found = issues(&imp);
    assert!(found.contains(&("progress-out-of-range".into(), "Tracker!H6".into())), "{found:?}");
    assert!(!found.iter().any(|(c, _)| c == "completed-with-incomplete-progress"), "{found:?}");
}

/// `shared/cases` b10, as cases.json reads it.
#[test]
fn case_b10_formulas() {
    let imp = case("b10-formulas.xlsx");
    assert_eq!(imp.roadmap.initiatives.len(), 5);
    let found = issues(&imp);
    let at = |code: &str, cell: &str| found.iter().any(|(c, a)| c == code && a.ends_with(&format!("!{cell}")));
    assert!(at("error-value", "H6"), "{found:?}");
    assert!(at("formula-without-value", "E4"), "{found:?}");
}

/// An `OpenDocument` percentage is the percent it shows.
#[test]
fn ods_percentages_are_read_as_the_percent_they_show() {
    let cell =
        |v: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#);
    let pct = |f: &str, shown: &str| {
        format!(
            r#"<table:table-cell office:value-type="percentage" office:value="{f}"><text:p>{shown}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(&[cell("ID"), cell("Initiative"), cell("Progress")]),
        row(&[cell("O-1"), cell("One"), pct("0.375", "38%")]),
        row(&[cell("O-2"), cell("Two"), pct("1", "100%")]),
    ];
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Plan">{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        rows.concat()
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let imp = read_bytes(&out.into_inner(), Some("percent.ods"), &ReadOptions::default()).unwrap();
    assert_eq!(progress(&imp, "O-1"), Some(37.5));
    assert_eq!(progress(&imp, "O-2"), Some(100.0));
    assert!(!issues(&imp).iter().any(|(c, _)| c == "progress-as-fraction"));
}
