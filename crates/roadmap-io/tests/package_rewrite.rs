//! Differential test of the package scan: a workbook rewritten the ways
//! other programs lay out a package (namespace prefixes and where they are
//! declared, strict namespaces, part names and their case, folders, the
//! workbook at the package root, absolute or relative targets, the zip's
//! entry order) reads the same. For every sheet, the cells and merged
//! regions the importer sees ([`read_grids`]) equal what calamine's range
//! and merge APIs return for the rewritten file, and equal the importer's
//! reading of the original (percent formats included); the roadmap and
//! its issues are unchanged.
//!
//! The inputs are every xlsx fixture, the handed cases, and the trackers
//! the xlsx writer makes of them. `ROADMAP_PACKAGE_CORPUS=<dir>` adds every
//! xlsx in a folder (a large run: `scripts/gen_trackers.py` writes one);
//! `PROPTEST_CASES` sets the number of rewrites.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use proptest::prelude::*;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::ResolveResult;
use roadmap_io::{Grid, Merge, ReadOptions, Value, read_bytes, read_grids};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const MAIN_STRICT: &str = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// How a package is rewritten.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // Each is one independent way to rewrite.
struct Rewrite {
    /// The workbook's folder ("" is the package root).
    folder: &'static str,
    /// The workbook part's name.
    workbook: &'static str,
    /// The worksheets' folder, under the workbook's.
    sheets: &'static str,
    /// A worksheet part's name before its number.
    stem: &'static str,
    /// Targets written absolute (`/xl/...`) rather than relative.
    absolute: bool,
    /// The prefix of `SpreadsheetML` ("" binds the default namespace).
    main_prefix: &'static str,
    /// The prefix of relationship ids.
    rel_prefix: &'static str,
    /// The relationships namespace declared on each `<sheet>`, not the root.
    rel_on_element: bool,
    /// Strict Office Open XML namespaces and relationship types.
    strict: bool,
    /// Zip entry names in upper case (the references keep theirs).
    upper: bool,
    /// The zip's entries in reverse order.
    reverse: bool,
    /// Each sheet's cells written under a second prefix for `SpreadsheetML`,
    /// declared on `<sheetData>` (the scan's second pass reads them).
    inner_prefix: bool,
}

prop_compose! {
    fn rewrites()(
        folder in prop::sample::select(vec!["xl/", "", "Book/", "a/b/"]),
        workbook in prop::sample::select(vec!["workbook.xml", "Main.xml", "wb.XML"]),
        sheets in prop::sample::select(vec!["worksheets/", "", "Sheets/Data/"]),
        stem in prop::sample::select(vec!["sheet", "Tab", "ws_"]),
        absolute in any::<bool>(),
        main_prefix in prop::sample::select(vec!["", "x", "s", "ns0"]),
        rel_prefix in prop::sample::select(vec!["r", "rel", "relationships", "ns1"]),
        rel_on_element in any::<bool>(),
        strict in any::<bool>(),
        upper in any::<bool>(),
        reverse in any::<bool>(),
        inner_prefix in prop::bool::weighted(0.2),
    ) -> Rewrite {
        Rewrite {
            folder, workbook, sheets, stem, absolute, main_prefix, rel_prefix, rel_on_element, strict, upper, reverse,
            inner_prefix,
        }
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The folder of a part name, with its slash ("" at the root).
fn folder_of(part: &str) -> &str {
    part.rfind('/').map_or("", |i| &part[..=i])
}

/// A target resolved against the folder of the part that names it.
fn resolve(folder: &str, target: &str) -> String {
    let mut segments: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { folder.split('/').filter(|s| !s.is_empty()).collect() };
    for s in target.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

fn rels_of(part: &str) -> String {
    let folder = folder_of(part);
    format!("{folder}_rels/{}.rels", &part[folder.len()..])
}

/// (Id, Type, Target, other attributes) of a relationships part.
fn relationships(xml: &[u8]) -> Vec<(String, String, String)> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let get = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
                        .unwrap_or_default()
                };
                if get("TargetMode") != "External" {
                    out.push((get("Id"), get("Type"), get("Target")));
                }
            }
            Event::Eof => return out,
            _ => {}
        }
        buf.clear();
    }
}

fn relationships_xml(rels: &[(String, String, String)]) -> Vec<u8> {
    let mut xml =
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PACKAGE_RELS}">"#);
    for (id, kind, target) in rels {
        let _ = write!(xml, r#"<Relationship Id="{id}" Type="{kind}" Target="{target}"/>"#);
    }
    xml.push_str("</Relationships>");
    xml.into_bytes()
}

/// Rewrites the prefixes of a `SpreadsheetML` part: `SpreadsheetML` under
/// `main` (or, inside `<sheetData>` when `inner`, under `q`), relationship
/// ids under `rel` declared on the root or on each element that uses it;
/// the other namespaces keep their prefixes. Namespaces become strict ones
/// when `strict`.
fn rebind(xml: &[u8], w: &Rewrite) -> Vec<u8> {
    let (main_uri, rel_uri) = if w.strict { (MAIN_STRICT, REL_STRICT) } else { (MAIN, REL) };
    let mut reader = quick_xml::NsReader::from_reader(xml);
    let mut out = quick_xml::Writer::new(Vec::new());
    let mut buf = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut inner_depth: Option<usize> = None;
    let mut root = true;
    let qualified =
        |prefix: &str, local: &str| if prefix.is_empty() { local.to_owned() } else { format!("{prefix}:{local}") };
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf).unwrap();
        let ns = match ns {
            ResolveResult::Bound(ns) => Some(ns.as_ref().to_owned()),
            _ => None,
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let local = e.local_name().as_ref().to_owned();
                let is_main = ns.as_deref().is_some_and(|n| n == MAIN || n == MAIN_STRICT);
                let starts_inner = w.inner_prefix && is_main && local == "sheetData" && inner_depth.is_none();
                if starts_inner {
                    inner_depth = Some(names.len());
                }
                let main_prefix = if inner_depth.is_some() { "q" } else { w.main_prefix };
                let name = match (&ns, is_main) {
                    (_, true) => qualified(main_prefix, &local),
                    _ => e.name().as_ref().to_owned(),
                };
                let mut start = BytesStart::new(name.clone());
                if root {
                    let main_decl =
                        if w.main_prefix.is_empty() { "xmlns".to_owned() } else { format!("xmlns:{}", w.main_prefix) };
                    start.push_attribute((main_decl.as_str(), main_uri));
                    if !w.rel_on_element {
                        start.push_attribute((format!("xmlns:{}", w.rel_prefix).as_str(), rel_uri));
                    }
                }
                if starts_inner {
                    start.push_attribute(("xmlns:q", main_uri));
                }
                let mut uses_rel = false;
                for a in e.attributes().flatten() {
                    let (ans, alocal) = reader.resolver().resolve_attribute(a.key);
                    let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned();
                    if let Some(declared) = a.key.as_namespace_binding() {
                        let _ = declared;
                        if [MAIN, MAIN_STRICT, REL, REL_STRICT].contains(&value.as_str()) {
                            continue;
                        }
                        start.push_attribute((a.key.as_ref(), value.as_str()));
                        continue;
                    }
                    match ans {
                        ResolveResult::Bound(n) if n.as_ref() == REL || n.as_ref() == REL_STRICT => {
                            uses_rel = true;
                            start.push_attribute((qualified(w.rel_prefix, alocal.as_ref()).as_str(), value.as_str()));
                        }
                        _ => start.push_attribute((a.key.as_ref(), value.as_str())),
                    }
                }
                if uses_rel && w.rel_on_element {
                    start.push_attribute((format!("xmlns:{}", w.rel_prefix).as_str(), rel_uri));
                }
                root = false;
                if empty {
                    if inner_depth == Some(names.len()) {
                        inner_depth = None;
                    }
                    out.write_event(Event::Empty(start)).unwrap();
                } else {
                    names.push(name);
                    out.write_event(Event::Start(start)).unwrap();
                }
            }
            Event::End(_) => {
                let name = names.pop().unwrap();
                if inner_depth == Some(names.len()) {
                    inner_depth = None;
                }
                out.write_event(Event::End(BytesEnd::new(name))).unwrap();
            }
            Event::Eof => break,
            other => out.write_event(other).unwrap(),
        }
        buf.clear();
    }
    out.into_inner()
}

/// The root's namespace of an XML part, when it is `SpreadsheetML`.
fn is_spreadsheetml(xml: &[u8]) -> bool {
    let mut reader = quick_xml::NsReader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_resolved_event_into(&mut buf) {
            Ok((ResolveResult::Bound(ns), Event::Start(_) | Event::Empty(_))) => {
                return ns.as_ref() == MAIN || ns.as_ref() == MAIN_STRICT;
            }
            Ok((_, Event::Start(_) | Event::Empty(_) | Event::Eof)) | Err(_) => return false,
            _ => {}
        }
        buf.clear();
    }
}

/// Rewrites an xlsx package.
fn rewrite(bytes: &[u8], w: &Rewrite) -> Vec<u8> {
    let entries = unzip(bytes);
    let by_key: HashMap<String, usize> = entries.iter().enumerate().map(|(i, (n, _))| (n.to_lowercase(), i)).collect();
    let find = |part: &str| by_key.get(&part.trim_start_matches('/').to_lowercase()).copied().unwrap();
    let package_rels = relationships(&entries[find("_rels/.rels")].1);
    let main = package_rels.iter().find(|r| r.1.ends_with("/officeDocument")).unwrap();
    let old_workbook = resolve("", &main.2);
    let old_folder = folder_of(&old_workbook).to_owned();
    let workbook_rels = relationships(&entries[find(&rels_of(&old_workbook))].1);

    // Where each part goes: old part name (lower case) -> new.
    let mut moved: HashMap<String, String> = HashMap::new();
    let new_workbook = format!("{}{}", w.folder, w.workbook);
    moved.insert(old_workbook.to_lowercase(), new_workbook.clone());
    let mut sheet_number = 0;
    let mut new_rels = Vec::new();
    for (id, kind, target) in &workbook_rels {
        let old = resolve(&old_folder, target);
        let new = if kind.ends_with("/worksheet") {
            sheet_number += 1;
            format!("{}{}{}{sheet_number}.xml", w.folder, w.sheets, w.stem)
        } else {
            // Styles, shared strings, theme: beside the workbook, as calamine
            // looks for them, in their folders under it.
            let under = old.strip_prefix(old_folder.as_str()).unwrap_or(&old);
            format!("{}{under}", w.folder)
        };
        let written = if w.absolute { format!("/{new}") } else { new[w.folder.len()..].to_owned() };
        let kind = if w.strict { kind.replace(REL, REL_STRICT) } else { kind.clone() };
        new_rels.push((id.clone(), kind, written));
        moved.insert(old.to_lowercase(), new);
    }
    // A moved sheet's own relationships go with it, their targets absolute.
    for (old, new) in moved.clone() {
        let rels = rels_of(&old).to_lowercase();
        if let Some(&i) = by_key.get(&rels) {
            let targets: Vec<(String, String, String)> = relationships(&entries[i].1)
                .into_iter()
                .map(|(id, kind, target)| (id, kind, format!("/{}", resolve(folder_of(&old), &target))))
                .collect();
            moved.insert(rels.clone(), rels_of(&new));
            moved.insert(format!("{rels}#content"), String::from_utf8(relationships_xml(&targets)).unwrap());
        }
    }
    let mut out = Vec::new();
    for (name, data) in &entries {
        let key = name.to_lowercase();
        let (new_name, mut data) = match moved.get(&key) {
            Some(new) => {
                let data = match moved.get(&format!("{key}#content")) {
                    Some(content) => content.clone().into_bytes(),
                    None => data.clone(),
                };
                (new.clone(), data)
            }
            None => (name.clone(), data.clone()),
        };
        if key == rels_of(&old_workbook).to_lowercase() {
            data = relationships_xml(&new_rels);
        } else if key == "_rels/.rels" {
            let target = if w.absolute { format!("/{new_workbook}") } else { new_workbook.clone() };
            let rels: Vec<_> = package_rels
                .iter()
                .map(|(id, kind, t)| {
                    if kind.ends_with("/officeDocument") {
                        let kind = if w.strict { kind.replace(REL, REL_STRICT) } else { kind.clone() };
                        (id.clone(), kind, target.clone())
                    } else {
                        (id.clone(), kind.clone(), t.clone())
                    }
                })
                .collect();
            data = relationships_xml(&rels);
        } else if key == "[content_types].xml" {
            let mut text = String::from_utf8(data).unwrap();
            for (old, new) in &moved {
                if !old.contains('#') {
                    text = text.replace(&format!("PartName=\"/{old}\""), &format!("PartName=\"/{new}\""));
                }
            }
            data = text.into_bytes();
        } else if name.to_lowercase().ends_with(".xml") && is_spreadsheetml(&data) {
            data = rebind(&data, w);
        }
        let entry = if w.upper && moved.contains_key(&key) { new_name.to_uppercase() } else { new_name };
        out.push((entry, data));
    }
    if w.reverse {
        out.reverse();
    }
    zip(&out)
}

/// A cell as compared: numbers whatever their format.
#[derive(Debug, PartialEq)]
enum Cell {
    Text(String),
    Number(u64),
    Bool(bool),
    Date(u64),
    Error(String),
}

fn cell_of(v: &Value) -> Cell {
    match v {
        Value::Text(t) => Cell::Text(t.to_string()),
        Value::Number(n) | Value::Percent(n) => Cell::Number(n.to_bits()),
        Value::Bool(b) => Cell::Bool(*b),
        Value::DateSerial { serial, .. } => Cell::Date(serial.to_bits()),
        Value::DateIso(s) => Cell::Text(s.clone()),
        Value::Error(e) => Cell::Error(e.clone()),
    }
}

type Sheet = (BTreeSet<(u32, u32, String)>, BTreeSet<(u32, u32, u32, u32)>);

fn ours(grid: &Grid) -> Sheet {
    let cells = grid
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(move |(c, v)| (r.index, *c, format!("{:?}", cell_of(v)))))
        .collect();
    let merges = grid.merges.iter().map(|m: &Merge| (m.first_row, m.first_column, m.last_row, m.last_column)).collect();
    (cells, merges)
}

/// What calamine's range and merge APIs give for each visible sheet.
fn calamine_sheets(bytes: &[u8]) -> Vec<(String, Sheet)> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    let visible: Vec<String> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    visible
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .filter_map(|(r, c, v)| {
                    let cell = match v {
                        Data::Empty => return None,
                        Data::String(s) | Data::DurationIso(s) if s.trim().is_empty() => return None,
                        Data::String(s) | Data::DurationIso(s) | Data::DateTimeIso(s) => Cell::Text(s.clone()),
                        Data::Int(i) => Cell::Number((*i as f64).to_bits()),
                        Data::Float(f) => Cell::Number(f.to_bits()),
                        Data::Bool(b) => Cell::Bool(*b),
                        Data::DateTime(d) if d.is_datetime() => Cell::Date(d.as_f64().to_bits()),
                        Data::DateTime(d) => Cell::Number(d.as_f64().to_bits()),
                        Data::Error(e) => Cell::Error(e.to_string()),
                    };
                    Some((r0 + r as u32, c0 + c as u32, format!("{cell:?}")))
                })
                .collect();
            let merges = wb
                .merge_cells_by_sheet_name(&name)
                .unwrap()
                .iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect();
            (name, (cells, merges))
        })
        .collect()
}

/// The workbooks to rewrite, read once for every case.
static INPUTS: std::sync::LazyLock<Vec<(String, Vec<u8>)>> = std::sync::LazyLock::new(inputs);

fn inputs() -> Vec<(String, Vec<u8>)> {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![fixtures.clone(), fixtures.join("cases")];
    if let Ok(extra) = std::env::var("ROADMAP_PACKAGE_CORPUS") {
        dirs.push(PathBuf::from(extra));
    }
    for dir in dirs {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    let mut out: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(p).unwrap()))
        .collect();
    // The trackers the xlsx writer makes of the fixtures: another writer's package.
    for name in ["dashboard.xlsx", "annex.xlsx"] {
        let import =
            read_bytes(&std::fs::read(fixtures.join(name)).unwrap(), Some(name), &ReadOptions::default()).unwrap();
        let written = roadmap_io::write::to_xlsx(&import.roadmap).unwrap();
        out.push((format!("written-{name}"), written.bytes));
    }
    out
}

fn check(name: &str, original: &[u8], w: &Rewrite) -> Result<(), TestCaseError> {
    let rewritten = rewrite(original, w);
    let options = ReadOptions::default();
    let before = read_grids(original, Some(name), &options).unwrap();
    let after =
        read_grids(&rewritten, Some(name), &options).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
    let theirs = calamine_sheets(&rewritten);
    prop_assert_eq!(after.len(), theirs.len(), "{}: sheets", name);
    for ((grid, old), (sheet, calamine)) in after.iter().zip(&before).zip(&theirs) {
        prop_assert_eq!(grid.sheet.as_deref(), Some(sheet.as_str()));
        prop_assert_eq!(&ours(grid), calamine, "{}: sheet {} against calamine", name, sheet);
        prop_assert_eq!(grid, old, "{}: sheet {} against the original", name, sheet);
    }
    let read = |bytes: &[u8]| read_bytes(bytes, Some(name), &options);
    match (read(original), read(&rewritten)) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(&a.roadmap, &b.roadmap, "{}: roadmap", name);
            let codes = |i: &roadmap_io::Import| -> Vec<String> {
                i.issues.iter().filter(|x| x.code != "sheet-scan-fallback").map(|x| format!("{x:?}")).collect()
            };
            prop_assert_eq!(codes(&a), codes(&b), "{}: issues", name);
            let fallback = b.issues.iter().any(|x| x.code == "sheet-scan-fallback");
            prop_assert_eq!(fallback, w.inner_prefix, "{}: sheet-scan-fallback", name);
        }
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        (a, b) => prop_assert!(false, "{}: {:?} against {:?}", name, a.err(), b.err()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn rewritten_packages_read_the_same(w in rewrites()) {
        for (name, bytes) in INPUTS.iter() {
            check(name, bytes, &w)?;
        }
    }
}

/// Every rewrite kind at least once, whatever proptest draws.
#[test]
fn each_kind_of_rewrite() {
    let base = Rewrite {
        folder: "xl/",
        workbook: "workbook.xml",
        sheets: "worksheets/",
        stem: "sheet",
        absolute: false,
        main_prefix: "",
        rel_prefix: "r",
        rel_on_element: false,
        strict: false,
        upper: false,
        reverse: false,
        inner_prefix: false,
    };
    let kinds = [
        Rewrite { folder: "", ..base.clone() },
        Rewrite { folder: "a/b/", workbook: "Main.xml", sheets: "Sheets/Data/", absolute: true, ..base.clone() },
        Rewrite { main_prefix: "x", rel_prefix: "ns1", rel_on_element: true, ..base.clone() },
        Rewrite { strict: true, upper: true, reverse: true, ..base.clone() },
        Rewrite { inner_prefix: true, main_prefix: "s", ..base.clone() },
    ];
    for w in &kinds {
        for (name, bytes) in INPUTS.iter() {
            check(name, bytes, w).unwrap_or_else(|e| panic!("{w:?}: {e}"));
        }
    }
}
