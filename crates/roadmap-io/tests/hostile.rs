//! Hostile and broken input: every case is a typed error naming the file,
//! within bounded memory and time; nothing panics.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::items_after_statements,
    clippy::case_sensitive_file_extension_comparisons,
    clippy::format_collect
)] // Tests fail loudly; brevity over pedantry.

use std::io::Write;

use proptest::prelude::*;
use roadmap_io::{Error, ErrorKind, Limits, ReadOptions, read_bytes};
use zip::write::SimpleFileOptions;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;

fn sheet(cells: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
    )
}

/// An xlsx with these parts besides the workbook's own.
fn xlsx(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let base: [(&str, &[u8]); 4] = [
        ("[Content_Types].xml", TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
    ];
    for (name, data) in base.iter().chain(parts) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="B1" t="inlineStr"><is><t>Initiative</t></is></c></row>"#;

fn read(bytes: &[u8], options: &ReadOptions) -> Result<roadmap_io::Import, Error> {
    read_bytes(bytes, Some("hostile.xlsx"), options)
}

#[test]
fn a_plain_xlsx_made_here_reads() {
    let body = sheet(&format!(
        r#"{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2" t="inlineStr"><is><t>Alpha</t></is></c></row>"#
    ));
    let imp = read(&xlsx(&[("xl/worksheets/sheet1.xml", body.as_bytes())]), &ReadOptions::default()).unwrap();
    assert_eq!(imp.roadmap.initiatives[0].title, "Alpha");
}

#[test]
fn a_decompression_bomb_is_refused_while_inflating() {
    // 8 MiB of one byte inflate from a few KiB; the part limit is 1 MiB here.
    let filler = vec![b' '; 8 << 20];
    let bytes = xlsx(&[("xl/worksheets/sheet1.xml", &filler)]);
    assert!(bytes.len() < 64 * 1024, "the bomb is small: {}", bytes.len());
    let err = read(&bytes, &ReadOptions::default().limits(Limits::default().max_part_bytes(1 << 20))).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::LimitExceeded { .. }), "{err}");
    assert!(err.to_string().contains("xl/worksheets/sheet1.xml"), "{err}");
    let err = read(&bytes, &ReadOptions::default().limits(Limits::default().max_inflated_bytes(4 << 20))).unwrap_err();
    assert!(err.to_string().contains("inflated size of the workbook"), "{err}");
}

#[test]
fn a_bomb_behind_the_table_stops_the_read_it_is_checked_alongside() {
    // The worksheets are checked while calamine reads them: rows come
    // first, then a stretch that inflates past the limit. The read stops
    // with the check's error, whichever thread gets there first.
    let rows: String = (2..2000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>X-{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>Item {r}</t></is></c></row>"#))
        .collect();
    let mut body = sheet(&format!("{HEADER_ROW}{rows}")).into_bytes();
    let tail = body.split_off(body.len() - "</sheetData></worksheet>".len());
    body.extend(std::iter::repeat_n(b' ', 8 << 20));
    body.extend(tail);
    let bytes = xlsx(&[("xl/worksheets/sheet1.xml", &body)]);
    for _ in 0..5 {
        let err = read(&bytes, &ReadOptions::default().limits(Limits::default().max_part_bytes(2 << 20))).unwrap_err();
        assert!(matches!(err.kind, ErrorKind::LimitExceeded { .. }), "{err}");
        assert!(err.to_string().contains("xl/worksheets/sheet1.xml"), "{err}");
    }
    // Within the limits, the same workbook reads.
    let imp = read(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(imp.roadmap.initiatives.len(), 1998);
}

#[test]
fn a_dtd_is_refused() {
    let body = r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet><sheetData/></worksheet>"#;
    let err = read(&xlsx(&[("xl/worksheets/sheet1.xml", body.as_bytes())]), &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Hostile { .. }), "{err}");
}

#[test]
fn a_huge_shared_strings_count_is_refused_before_calamine_reserves_it() {
    let sst = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
    let body = sheet(HEADER_ROW);
    let bytes = xlsx(&[("xl/sharedStrings.xml", sst.as_bytes()), ("xl/worksheets/sheet1.xml", body.as_bytes())]);
    let err = read(&bytes, &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::LimitExceeded { .. }), "{err}");
    assert!(err.to_string().contains("shared strings"), "{err}");
}

/// The same guards for a package laid out another way: the workbook at the
/// package root, its sheet in a folder of its own, every element prefixed.
#[test]
fn the_guards_follow_the_package_wherever_it_puts_its_parts() {
    let package = |sheet: &[u8], extra: &[(&str, &[u8])], main_namespace: &str| {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let root_rels = ROOT_RELS.replace("xl/workbook.xml", "/book.xml");
        let rels = RELS.replace("worksheets/sheet1.xml", "/data/Tab.xml");
        let workbook = WORKBOOK.replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", main_namespace);
        let base: [(&str, &[u8]); 5] = [
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("_rels/.rels", root_rels.as_bytes()),
            ("book.xml", workbook.as_bytes()),
            ("_rels/book.xml.rels", rels.as_bytes()),
            ("DATA/tab.xml", sheet),
        ];
        for (name, data) in base.iter().chain(extra) {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    };
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let prefixed = |cells: &str| {
        sheet(cells)
            .replace("<worksheet xmlns=", "<x:worksheet xmlns:x=")
            .replace('<', "<x:")
            .replace("<x:/", "</x:")
            .replace("<x:?", "<?")
    };
    let limits = Limits::default().max_part_bytes(1 << 20);
    let bomb = prefixed(&" ".repeat(8 << 20));
    let err = read(&package(bomb.as_bytes(), &[], main), &ReadOptions::default().limits(limits)).unwrap_err();
    assert!(err.to_string().contains("DATA/tab.xml"), "{err}");
    let dtd = format!(r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>{}"#, prefixed(HEADER_ROW));
    let err = read(&package(dtd.as_bytes(), &[], main), &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Hostile { .. }), "{err}");
    // Shared strings beside the workbook, even when the workbook is not
    // one the importer knows and the format is forced.
    let sst = r#"<?xml version="1.0"?><sst xmlns="urn:other" count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
    // The count in single quotes, after a comment that names a small one.
    let disguised = r#"<?xml version="1.0"?><!-- uniqueCount="1" count="1" --><x:sst xmlns:x="urn:other" uniqueCount = '4000000000'><x:si><x:t>x</x:t></x:si></x:sst>"#;
    for (namespace, sst) in [(main, sst), ("urn:not-spreadsheetml", sst), (main, disguised)] {
        let bytes = package(prefixed(HEADER_ROW).as_bytes(), &[("sharedStrings.xml", sst.as_bytes())], namespace);
        let err = read(&bytes, &ReadOptions::default().format(roadmap_io::Format::Xlsx)).unwrap_err();
        assert!(err.to_string().contains("shared strings"), "{namespace}: {err}");
    }
    // Within the limits, the same package reads.
    let rows = format!(
        r#"{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2" t="inlineStr"><is><t>Alpha</t></is></c></row>"#
    );
    let imp = read(&package(prefixed(&rows).as_bytes(), &[], main), &ReadOptions::default()).unwrap();
    assert_eq!(imp.roadmap.initiatives[0].title, "Alpha");
}

#[test]
fn a_declared_sheet_size_reserves_no_more_records_than_the_part_can_hold() {
    let rows = |n: u32| -> String {
        (2..n + 2)
            .map(|r| {
                format!(
                    r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>X-{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>T{r}</t></is></c></row>"#
                )
            })
            .collect()
    };
    let with_dimension = |dimension: &str, n: u32| {
        let body = sheet(&format!("{HEADER_ROW}{}", rows(n)))
            .replace("<sheetData>", &format!(r#"<dimension ref="{dimension}"/><sheetData>"#));
        read(&xlsx(&[("xl/worksheets/sheet1.xml", body.as_bytes())]), &ReadOptions::default()).unwrap()
    };
    // A million rows declared over three: the part's few hundred bytes bound the reservation.
    let imp = with_dimension("A1:B1048576", 3);
    assert_eq!(imp.roadmap.initiatives.len(), 3);
    assert!(imp.roadmap.initiatives.capacity() < 1_000, "{}", imp.roadmap.initiatives.capacity());
    // A true size is reserved once: no doubling past it.
    let imp = with_dimension("A1:B3001", 3000);
    assert_eq!(imp.roadmap.initiatives.len(), 3000);
    assert!(imp.roadmap.initiatives.capacity() <= 3001, "{}", imp.roadmap.initiatives.capacity());
}

#[test]
fn a_sheet_spanning_the_whole_grid_is_read_cell_by_cell() {
    // Only A1..B1 and XFD1048576: a dense grid would be 17 billion cells.
    let body = sheet(&format!(r#"{HEADER_ROW}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#));
    let bytes = xlsx(&[("xl/worksheets/sheet1.xml", body.as_bytes())]);
    let imp = read(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(imp.roadmap.initiatives.len(), 1);
    assert_eq!(imp.roadmap.initiatives[0].extra["column XFD"], 1.0);
    let cells = &imp.roadmap.initiatives[0].source.as_ref().unwrap().cells;
    assert_eq!(cells.get("extra.column XFD").unwrap().to_string(), "XFD1048576");
}

#[test]
fn rows_that_each_bring_a_new_column_cost_no_more_than_their_cells() {
    // A staircase: row k has k cells, each row a column the ones above had
    // not. Every late column is kept, with its cell.
    let rows = 800;
    let body: String = (1..=rows).map(|k| format!("X-{k},Item {k}{}\n", ",v".repeat(k))).collect();
    let csv = format!("ID,Initiative\n{body}");
    let imp = read_bytes(csv.as_bytes(), Some("stairs.csv"), &ReadOptions::default()).unwrap();
    assert_eq!(imp.roadmap.initiatives.len(), rows);
    let last = imp.roadmap.initiatives.last().unwrap();
    assert_eq!(last.extra.len(), rows);
    let letters = roadmap_core::column_letters(2 + rows as u32);
    let cell = last.source.as_ref().unwrap().cells.get(&format!("extra.column {letters}")).unwrap();
    assert_eq!(cell.to_string(), format!("{letters}{}", rows + 1));
}

#[test]
fn cells_outside_the_grid_are_errors_not_panics() {
    for cell in
        [r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, r#"<row r="2000000"><c r="A2000000"><v>1</v></c></row>"#]
    {
        let body = sheet(&format!("{HEADER_ROW}{cell}"));
        let err = read(&xlsx(&[("xl/worksheets/sheet1.xml", body.as_bytes())]), &ReadOptions::default()).unwrap_err();
        assert!(matches!(err.kind, ErrorKind::Hostile { .. } | ErrorKind::Workbook { .. }), "{err}");
    }
}

#[test]
fn too_many_cells_are_refused() {
    let rows: String = (2..200)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r}</v></c></row>"#))
        .collect();
    let body = sheet(&format!("{HEADER_ROW}{rows}"));
    let err = read(
        &xlsx(&[("xl/worksheets/sheet1.xml", body.as_bytes())]),
        &ReadOptions::default().limits(Limits::default().max_cells(100)),
    )
    .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::LimitExceeded { .. }), "{err}");
}

#[test]
fn an_ods_declaring_a_hundred_million_cells_is_refused() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="100000"><table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    let err = read_bytes(&out.into_inner(), Some("bomb.ods"), &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::LimitExceeded { .. }), "{err}");
}

#[test]
fn broken_files_are_typed_errors() {
    let good = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dashboard.xlsx")).unwrap();
    let truncated = &good[..good.len() / 2];
    assert!(matches!(read(truncated, &ReadOptions::default()).unwrap_err().kind, ErrorKind::Workbook { .. }));
    assert!(matches!(read(b"", &ReadOptions::default()).unwrap_err().kind, ErrorKind::Empty));
    assert!(matches!(
        read(b"\x00\x01\x02\x03garbage", &ReadOptions::default()).unwrap_err().kind,
        ErrorKind::UnsupportedFormat { .. }
    ));
    assert!(matches!(
        read(b"%PDF-1.7", &ReadOptions::default()).unwrap_err().kind,
        ErrorKind::UnsupportedFormat { .. }
    ));
    let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dashboard.xls")).unwrap();
    assert!(read(&xls[..xls.len() / 3], &ReadOptions::default()).is_err());
    // JSON: malformed, deeply nested, not a roadmap.
    let err = read(b"{\"initiatives\": [}", &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Json { .. }) && err.to_string().contains("line 1"), "{err}");
    let deep = format!("{{\"extra\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(read(deep.as_bytes(), &ReadOptions::default()).is_err());
    // A text with no table.
    assert!(matches!(
        read(b"just, some\ntext, here\n", &ReadOptions::default()).unwrap_err().kind,
        ErrorKind::NoTable { .. }
    ));
}

#[test]
fn csv_limits_the_library_does_not_check() {
    let huge_field = format!("ID,Initiative\n1,\"{}\"\n", "x".repeat(3 << 20));
    let err = read_bytes(huge_field.as_bytes(), Some("t.csv"), &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(err.kind, ErrorKind::LimitExceeded { .. }) && err.to_string().contains("record 2, column 2"),
        "{err}"
    );
    let wide = format!("ID,Initiative{}\n", ",x".repeat(20_000));
    let err = read_bytes(wide.as_bytes(), Some("t.csv"), &ReadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("columns"), "{err}");
    let open = "ID,Initiative\n1,\"never closed\n2,x\n";
    let err = read_bytes(open.as_bytes(), Some("t.csv"), &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::UnterminatedQuote { line: 2 }), "{err}");
    let err = read_bytes(
        b"ID,Initiative\n1,x\n",
        Some("t.csv"),
        &ReadOptions::default().limits(Limits::default().max_file_bytes(8)),
    )
    .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::LimitExceeded { .. }), "{err}");
}

#[test]
fn errors_name_the_file() {
    let err = read(b"", &ReadOptions::default()).unwrap_err();
    assert!(err.to_string().starts_with("hostile.xlsx: "), "{err}");
    let err = roadmap_io::read_path("/nonexistent/tracker.xlsx").unwrap_err();
    assert!(matches!(&err.kind, ErrorKind::Io { source } if source.kind() == std::io::ErrorKind::NotFound));
    assert!(err.to_string().starts_with("/nonexistent/tracker.xlsx: "), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_bytes_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_bytes(&bytes, None, &ReadOptions::default());
    }

    #[test]
    fn no_damaged_fixture_panics(name in prop::sample::select(vec!["dashboard.xlsx", "dashboard.xlsb", "dashboard.xls", "dashboard.ods", "annex.csv"]), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = read_bytes(&bytes, Some(name), &ReadOptions::default());
    }
}

/// An xls workbook stream: the globals (with one BOUNDSHEET), then one
/// sheet holding `sheet` records.
fn xls(sheet: &[(u16, Vec<u8>)]) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, kind: u16, body: &[u8]) {
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&(body.len() as u16).to_le_bytes());
        out.extend_from_slice(body);
    }
    let bof = |kind: u16| [&0x0600u16.to_le_bytes()[..], &kind.to_le_bytes(), &[0u8; 12]].concat();
    let name = b"Sheet1";
    // BOF (20) + BOUNDSHEET (4 + 8 + name) + EOF (4): where the sheet starts.
    let at = 20 + 4 + 8 + name.len() + 4;
    let mut boundsheet = (at as u32).to_le_bytes().to_vec();
    boundsheet.extend_from_slice(&[0, 0, name.len() as u8, 0]);
    boundsheet.extend_from_slice(name);
    let mut stream = Vec::new();
    record(&mut stream, 0x0809, &bof(0x0005));
    record(&mut stream, 0x0085, &boundsheet);
    record(&mut stream, 0x000A, &[]);
    assert_eq!(stream.len(), at);
    record(&mut stream, 0x0809, &bof(0x0010));
    for (kind, body) in sheet {
        record(&mut stream, *kind, body);
    }
    record(&mut stream, 0x000A, &[]);
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
    file.into_inner().into_inner()
}

/// An xls sheet with cells only at A1 and IV65536 (calamine would build a
/// dense grid of 16.7M cells, over 500 MiB), or one whose DIMENSIONS record
/// declares that many (calamine reserves them): both are refused from the
/// BIFF records, before calamine reads the file.
#[test]
fn xls_sheets_spanning_or_declaring_the_whole_grid_are_refused_before_calamine() {
    let number =
        |row: u16, col: u16| [&row.to_le_bytes()[..], &col.to_le_bytes(), &[0, 0], &1.0f64.to_le_bytes()].concat();
    let spanning = xls(&[(0x0203, number(0, 0)), (0x0203, number(65_535, 255))]);
    let declaring = xls(&[(
        0x0200,
        [&0u32.to_le_bytes()[..], &65_536u32.to_le_bytes(), &0u16.to_le_bytes(), &256u16.to_le_bytes(), &[0, 0]]
            .concat(),
    )]);
    for (what, bytes) in [("spanned", spanning), ("declared", declaring)] {
        let err = read_bytes(&bytes, Some("span.xls"), &ReadOptions::default()).unwrap_err();
        assert!(matches!(err.kind, ErrorKind::LimitExceeded { .. }), "{what}: {err}");
        assert!(err.to_string().contains(what), "{err}");
    }
    // A damaged container is a typed error, not a guess.
    let err = read_bytes(
        &[&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], &[0u8; 600]].concat(),
        Some("bad.xls"),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Workbook { .. }), "{err}");
}
