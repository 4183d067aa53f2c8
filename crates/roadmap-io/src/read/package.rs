//! Where a workbook package's parts are, as the package itself says.
//!
//! Office Open XML (xlsx, xlsm, xlsb) follows the Open Packaging
//! Conventions (ECMA-376 Part 2): `_rels/.rels` names the main part (the
//! workbook) by an `officeDocument` relationship, and the workbook's own
//! relationships (`<folder>/_rels/<name>.rels`) name its sheets, styles and
//! shared strings. Targets are absolute (`/xl/workbook.xml`) or relative to
//! the folder of the part that names them; part names compare without
//! regard to ASCII case. XML is matched by namespace URI, never by prefix,
//! in both the transitional and the strict namespaces. `OpenDocument`
//! (ods) says what it is in its `mimetype` entry and its
//! `META-INF/manifest.xml`.
//!
//! [`layout`] resolves a package once; the format detection
//! ([`crate::read::detect`]), the guard and its merge and number-format
//! scans ([`crate::read::guard`]) all use what it finds.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::error::Error;

/// The `SpreadsheetML` namespaces: transitional and strict.
const SPREADSHEETML: [&str; 2] =
    ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];
/// The namespaces of a relationship id attribute (`r:id`).
const RELATIONSHIP_IDS: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];
/// The namespace of a relationships part (the same in strict packages).
const PACKAGE_RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// The `OpenDocument` manifest's namespace.
const MANIFEST: &str = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
/// The media types of an `OpenDocument` spreadsheet and its template.
const ODS_TYPES: [&str; 2] =
    ["application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template"];

/// True for a `SpreadsheetML` namespace URI.
pub(crate) fn is_spreadsheetml(uri: &str) -> bool {
    SPREADSHEETML.contains(&uri)
}

/// The entries of a zip, found by part name.
pub(crate) struct Names {
    names: Vec<String>,
    by_key: HashMap<String, usize>,
}

/// A part name as looked up: no leading `/`, `/` between folders, lower case.
fn key(name: &str) -> String {
    name.replace('\\', "/").trim_start_matches('/').to_lowercase()
}

impl Names {
    pub(crate) fn new(names: Vec<String>) -> Names {
        let mut by_key = HashMap::with_capacity(names.len());
        // Two entries with one name but for case: the later one, as calamine takes it.
        for (i, name) in names.iter().enumerate() {
            by_key.insert(key(name), i);
        }
        Names { names, by_key }
    }

    /// The entry holding a part.
    pub(crate) fn find(&self, part: &str) -> Option<usize> {
        self.by_key.get(&key(part)).copied()
    }

    /// An entry's name as the zip spells it.
    pub(crate) fn name(&self, entry: usize) -> &str {
        &self.names[entry]
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// The part a relationship's target names, without its leading `/`:
/// absolute, or relative to the folder of `source` (the part whose
/// relationships name it; `""` for the package), with `.` and `..`
/// segments resolved. `None` for one that climbs above the package root.
pub(crate) fn resolve(source: &str, target: &str) -> Option<String> {
    let target = target.replace('\\', "/");
    let target = target.split(['#', '?']).next().unwrap_or_default();
    let (mut segments, relative): (Vec<&str>, &str) = match target.strip_prefix('/') {
        Some(absolute) => (Vec::new(), absolute),
        None => (source.split('/').filter(|s| !s.is_empty()).collect(), target),
    };
    if !target.starts_with('/') {
        // The source part's own name is not a folder.
        segments.pop();
    }
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            name => segments.push(name),
        }
    }
    Some(segments.join("/"))
}

/// The relationships part of a part: `xl/workbook.xml` →
/// `xl/_rels/workbook.xml.rels`; the package's own is `_rels/.rels`.
fn relationships_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// One relationship of a part: its id, the last segment of its type
/// (`worksheet`, `styles`, `officeDocument`) and the part it targets.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// An attribute's value, its entities resolved.
fn value(a: &quick_xml::events::attributes::Attribute<'_>) -> Option<String> {
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(std::borrow::Cow::into_owned)
}

/// Calls `each` with every start (or empty) element of `xml` in the
/// namespaces `namespaces`, its local name and a way to read its attributes
/// by namespace and local name. Stops at the end or at malformed XML
/// (what was read before counts).
fn elements(xml: &[u8], namespaces: &[&str], mut each: impl FnMut(&str, &Attributes<'_>)) {
    let mut reader = quick_xml::NsReader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_resolved_event_into(&mut buf) {
            Ok((ResolveResult::Bound(ns), Event::Start(e) | Event::Empty(e))) if namespaces.contains(&ns.as_ref()) => {
                let local = e.local_name();
                each(local.as_ref(), &Attributes { element: &e, resolver: reader.resolver() });
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

/// An element's attributes, found by namespace and local name.
struct Attributes<'a> {
    element: &'a BytesStart<'a>,
    resolver: &'a quick_xml::name::NamespaceResolver,
}

impl Attributes<'_> {
    /// The attribute `local` with no namespace (`namespaces` empty) or in
    /// one of `namespaces`.
    fn get(&self, namespaces: &[&str], local: &str) -> Option<String> {
        self.element.attributes().flatten().find_map(|a| {
            let (ns, name) = self.resolver.resolve_attribute(a.key);
            let in_ns = match ns {
                ResolveResult::Unbound => namespaces.is_empty(),
                ResolveResult::Bound(ns) => namespaces.contains(&ns.as_ref()),
                ResolveResult::Unknown(_) => false,
            };
            (in_ns && name.as_ref() == local).then(|| value(&a)).flatten()
        })
    }
}

/// The relationships a relationships part lists for `source`; external
/// targets (web addresses) are left out.
pub(crate) fn relationships(xml: &[u8], source: &str) -> Vec<Relationship> {
    let mut out = Vec::new();
    elements(xml, &[PACKAGE_RELATIONSHIPS], |local, attrs| {
        if local != "Relationship" || attrs.get(&[], "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
            return;
        }
        let (Some(id), Some(kind), Some(target)) =
            (attrs.get(&[], "Id"), attrs.get(&[], "Type"), attrs.get(&[], "Target"))
        else {
            return;
        };
        let kind = kind.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_owned();
        if let Some(target) = resolve(source, target.trim()) {
            out.push(Relationship { id, kind, target });
        }
    });
    out
}

/// What a workbook part says: its sheets (name and relationship id, in
/// order) and whether it counts dates from 1904.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct WorkbookXml {
    pub sheets: Vec<(String, String)>,
    pub date_1904: bool,
}

pub(crate) fn workbook_xml(xml: &[u8]) -> WorkbookXml {
    let mut out = WorkbookXml::default();
    elements(xml, &SPREADSHEETML, |local, attrs| match local {
        "sheet" => {
            if let (Some(name), Some(id)) = (attrs.get(&[], "name"), attrs.get(&RELATIONSHIP_IDS, "id")) {
                out.sheets.push((name, id));
            }
        }
        "workbookPr" => {
            if let Some(v) = attrs.get(&[], "date1904") {
                out.date_1904 = v == "1" || v == "true";
            }
        }
        _ => {}
    });
    out
}

/// Where an Office Open XML workbook's parts are, by zip entry.
#[derive(Debug, Default)]
pub(crate) struct Ooxml {
    /// The workbook part is binary (xlsb: its parts are records, not XML).
    pub binary: bool,
    /// The styles part.
    pub styles: Option<usize>,
    /// The shared-strings parts: the one the relationships name, and the
    /// one calamine reads (`sharedStrings.xml` beside the workbook) when
    /// that is another.
    pub shared_strings: Vec<usize>,
    /// Every worksheet part.
    pub worksheets: Vec<usize>,
    /// Each sheet's name and its part.
    pub sheets: Vec<(String, usize)>,
    /// The workbook counts dates from 1904.
    pub date_1904: bool,
}

/// What a zip package is.
#[derive(Debug)]
pub(crate) enum Layout {
    /// An Office Open XML workbook.
    Ooxml(Ooxml),
    /// An `OpenDocument` spreadsheet.
    Ods,
    /// Something else: what it holds, said for a person.
    Other(String),
}

/// Reads a zip entry whole (bounded by the caller's limits).
pub(crate) type ReadPart<'a> = dyn FnMut(usize) -> Result<Vec<u8>, Error> + 'a;

/// Resolves a package: the main part through `_rels/.rels`, then the
/// workbook's relationships and sheets. `read` is called for each part
/// this needs, once: `_rels/.rels`, the workbook part, its relationships,
/// and the `mimetype` and manifest of an `OpenDocument` file.
///
/// # Errors
/// What `read` returns.
pub(crate) fn layout(names: &Names, read: &mut ReadPart<'_>) -> Result<Layout, Error> {
    let main = match names.find("_rels/.rels") {
        Some(entry) => relationships(&read(entry)?, "").into_iter().find(|r| r.kind == "officeDocument"),
        None => None,
    };
    if let Some(main) = main {
        let Some(entry) = names.find(&main.target) else {
            return Ok(Layout::Other(format!("a zip archive whose main part {} is missing", main.target)));
        };
        let binary = std::path::Path::new(&main.target).extension().is_some_and(|e| e.eq_ignore_ascii_case("bin"));
        let xml = read(entry)?;
        if !binary && !is_workbook(&xml) {
            let name = names.name(entry);
            let utf16 = xml.starts_with(b"\xFF\xFE") || xml.starts_with(b"\xFE\xFF");
            return Ok(Layout::Other(match root(&xml) {
                Some(_) if !utf16 => {
                    format!("a zip archive with no workbook part: it holds {name}{}", office_guess(&xml))
                }
                _ => format!(
                    "a zip archive whose main part {name} is not XML the reader can read (saved in UTF-16?): open it in a spreadsheet program and save it again"
                ),
            }));
        }
        return Ok(Layout::Ooxml(ooxml(names, read, &main.target, binary, &xml)?));
    }
    if let Some(media_type) = odf_media_type(names, read)? {
        if !ODS_TYPES.contains(&media_type.as_str()) {
            return Ok(Layout::Other(format!("an OpenDocument file of another kind ({media_type})")));
        }
        if encrypted(names, read)? {
            let what = "a password-protected OpenDocument spreadsheet: remove its password and save it again";
            return Ok(Layout::Other(what.to_owned()));
        }
        return Ok(Layout::Ods);
    }
    Ok(Layout::Other(format!("a zip archive with no workbook part: it holds {}", listing(names))))
}

/// The workbook's relationships and sheets.
fn ooxml(names: &Names, read: &mut ReadPart<'_>, part: &str, binary: bool, xml: &[u8]) -> Result<Ooxml, Error> {
    let rels = match names.find(&relationships_of(part)) {
        Some(rels) => relationships(&read(rels)?, part),
        None => Vec::new(),
    };
    let found = |kind: &'static str| rels.iter().filter(move |r| r.kind == kind).filter_map(|r| names.find(&r.target));
    // calamine reads styles and shared strings beside the workbook, by name.
    let beside = |name: &str| names.find(&resolve(part, name).unwrap_or_default());
    let suffix = if binary { "bin" } else { "xml" };
    let mut shared_strings: Vec<usize> = found("sharedStrings").collect();
    shared_strings.extend(beside(&format!("sharedStrings.{suffix}")));
    shared_strings.sort_unstable();
    shared_strings.dedup();
    let workbook = if binary {
        let (sheets, date_1904) = crate::read::sheetbin::workbook(xml);
        WorkbookXml { sheets, date_1904 }
    } else {
        workbook_xml(xml)
    };
    let sheets = workbook
        .sheets
        .into_iter()
        .filter_map(|(name, id)| {
            let target = &rels.iter().find(|r| r.id == id)?.target;
            Some((name, names.find(target)?))
        })
        .collect();
    Ok(Ooxml {
        binary,
        styles: found("styles").next().or_else(|| beside(&format!("styles.{suffix}"))),
        shared_strings,
        worksheets: found("worksheet").collect(),
        sheets,
        date_1904: workbook.date_1904,
    })
}

/// The namespace and local name of an XML document's root element.
fn root(xml: &[u8]) -> Option<(String, String)> {
    let mut reader = quick_xml::NsReader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_resolved_event_into(&mut buf) {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => {
                let ns = match ns {
                    ResolveResult::Bound(ns) => ns.as_ref().to_owned(),
                    _ => String::new(),
                };
                return Some((ns, e.local_name().as_ref().to_owned()));
            }
            Ok((_, Event::Eof)) | Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// True when an XML part's root is a `SpreadsheetML` workbook.
fn is_workbook(xml: &[u8]) -> bool {
    root(xml).is_some_and(|(ns, local)| is_spreadsheetml(&ns) && local == "workbook")
}

/// What an Office main part that is no workbook probably is.
fn office_guess(xml: &[u8]) -> &'static str {
    match root(xml).map(|(_, local)| local) {
        Some(l) if l == "document" => " — a Word document?",
        Some(l) if l == "presentation" => " — a PowerPoint presentation?",
        _ => "",
    }
}

/// The media type an `OpenDocument` file declares: its `mimetype` entry,
/// else its manifest's entry for the whole package (`full-path="/"`).
fn odf_media_type(names: &Names, read: &mut ReadPart<'_>) -> Result<Option<String>, Error> {
    if let Some(entry) = names.find("mimetype") {
        let bytes = read(entry)?;
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let text = text.trim();
            if text.starts_with("application/") {
                return Ok(Some(text.to_owned()));
            }
        }
    }
    let Some(entry) = names.find("META-INF/manifest.xml") else { return Ok(None) };
    let mut media_type = None;
    elements(&read(entry)?, &[MANIFEST], |local, attrs| {
        if local == "file-entry" && attrs.get(&[MANIFEST], "full-path").as_deref() == Some("/") {
            media_type = attrs.get(&[MANIFEST], "media-type");
        }
    });
    Ok(media_type)
}

/// True when an `OpenDocument` manifest says its parts are encrypted.
fn encrypted(names: &Names, read: &mut ReadPart<'_>) -> Result<bool, Error> {
    let Some(entry) = names.find("META-INF/manifest.xml") else { return Ok(false) };
    let mut found = false;
    elements(&read(entry)?, &[MANIFEST], |local, _| found |= local == "encryption-data");
    Ok(found)
}

/// A few of the zip's entries, for a person.
fn listing(names: &Names) -> String {
    let shown: Vec<&str> = (0..names.len().min(3)).map(|i| names.name(i)).collect();
    match names.len() {
        0 => "no entries".to_owned(),
        n if n <= 3 => shown.join(", "),
        n => format!("{} and {} more", shown.join(", "), n - 3),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn targets_resolve_against_the_naming_part() {
        assert_eq!(resolve("", "xl/workbook.xml").as_deref(), Some("xl/workbook.xml"));
        assert_eq!(resolve("", "/workbook.xml").as_deref(), Some("workbook.xml"));
        assert_eq!(resolve("xl/workbook.xml", "worksheets/sheet1.xml").as_deref(), Some("xl/worksheets/sheet1.xml"));
        assert_eq!(resolve("xl/workbook.xml", "/xl/worksheets/s.xml").as_deref(), Some("xl/worksheets/s.xml"));
        assert_eq!(resolve("xl/workbook.xml", "../sheets/./s.xml").as_deref(), Some("sheets/s.xml"));
        assert_eq!(resolve("workbook.xml", "sheet1.xml").as_deref(), Some("sheet1.xml"));
        assert_eq!(resolve("a/b/wb.xml", "..\\c\\s.xml").as_deref(), Some("a/c/s.xml"));
        assert_eq!(resolve("workbook.xml", "../s.xml"), None);
        assert_eq!(relationships_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
        assert_eq!(relationships_of("workbook.xml"), "_rels/workbook.xml.rels");
        assert_eq!(relationships_of("a/b/wb.bin"), "a/b/_rels/wb.bin.rels");
    }

    #[test]
    fn names_compare_without_case() {
        let names = Names::new(vec!["XL/Workbook.xml".into(), "xl\\worksheets\\Sheet1.xml".into()]);
        assert_eq!(names.find("/xl/workbook.xml"), Some(0));
        assert_eq!(names.find("xl/worksheets/sheet1.XML"), Some(1));
        assert_eq!(names.find("xl/styles.xml"), None);
    }

    #[test]
    fn relationships_by_namespace_not_prefix() {
        let xml = br#"<p:Relationships xmlns:p="http://schemas.openxmlformats.org/package/2006/relationships"><p:Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="sheets/a.xml"/><p:Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/><Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></p:Relationships>"#;
        let rels = relationships(xml, "xl/workbook.xml");
        assert_eq!(
            rels,
            [Relationship { id: "rId1".into(), kind: "worksheet".into(), target: "xl/sheets/a.xml".into() }]
        );
    }

    #[test]
    fn sheets_by_the_relationships_namespace() {
        for xml in [
            &br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="A &amp; B" r:id="rId1"/></sheets></workbook>"#[..],
            br#"<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:workbookPr date1904="true"/><x:sheets><x:sheet name="A &amp; B" sheetId="1" xmlns:ns="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ns:id="rId1"/></x:sheets></x:workbook>"#,
            br#"<w:workbook xmlns:w="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:relationships="http://purl.oclc.org/ooxml/officeDocument/relationships"><w:workbookPr date1904="1"/><w:sheets><w:sheet name="A &amp; B" relationships:id="rId1"/></w:sheets></w:workbook>"#,
        ] {
            let found = workbook_xml(xml);
            assert_eq!(found.sheets, [("A & B".to_owned(), "rId1".to_owned())], "{}", String::from_utf8_lossy(xml));
            assert!(found.date_1904);
        }
        // An `id` in no namespace, or in another, names no relationship.
        let other = br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:o="urn:other"><sheets><sheet name="A" id="rId1"/><sheet name="B" o:id="rId2"/></sheets></workbook>"#;
        assert!(workbook_xml(other).sheets.is_empty());
    }

    fn package(parts: &[(&str, &str)]) -> Result<Layout, Error> {
        let names = Names::new(parts.iter().map(|(n, _)| (*n).to_owned()).collect());
        layout(&names, &mut |i| Ok(parts[i].1.as_bytes().to_vec()))
    }

    const MAIN: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="TARGET"/></Relationships>"#;

    #[test]
    fn the_workbook_wherever_the_package_puts_it() {
        let main = MAIN.replace("TARGET", "/Book/WB.xml");
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../Sheets/One.xml"/><Relationship Id="st" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="look.xml"/></Relationships>"#;
        let wb = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" r:id="s1"/></sheets></workbook>"#;
        let parts = [
            ("_rels/.rels", main.as_str()),
            ("book/wb.xml", wb),
            ("book/_rels/wb.xml.rels", rels),
            ("sheets/one.xml", "<worksheet/>"),
            ("book/look.xml", "<styleSheet/>"),
            ("book/sharedStrings.xml", "<sst/>"),
        ];
        let Layout::Ooxml(found) = package(&parts).unwrap() else { panic!("no workbook") };
        assert_eq!((found.binary, found.styles), (false, Some(4)));
        assert_eq!(
            (found.worksheets, found.sheets, found.shared_strings),
            (vec![3], vec![("Plan".to_owned(), 3)], vec![5])
        );
    }

    #[test]
    fn says_what_a_package_that_is_no_workbook_holds() {
        let main = MAIN.replace("TARGET", "word/document.xml");
        let word = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#;
        let Layout::Other(what) = package(&[("_rels/.rels", &main), ("word/document.xml", word)]).unwrap() else {
            panic!("a workbook")
        };
        assert_eq!(what, "a zip archive with no workbook part: it holds word/document.xml — a Word document?");
        let Layout::Other(what) = package(&[("mimetype", "application/vnd.oasis.opendocument.text")]).unwrap() else {
            panic!("a workbook")
        };
        assert!(what.contains("opendocument.text"), "{what}");
        let Layout::Other(what) = package(&[("a.txt", ""), ("b.png", ""), ("c", ""), ("d", "")]).unwrap() else {
            panic!("a workbook")
        };
        assert_eq!(what, "a zip archive with no workbook part: it holds a.txt, b.png, c and 1 more");
        let locked = r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#;
        let parts = [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("META-INF/manifest.xml", locked)];
        let Layout::Other(what) = package(&parts).unwrap() else { panic!("read as a workbook") };
        assert!(what.starts_with("a password-protected OpenDocument"), "{what}");
        let manifest = r#"<m:manifest xmlns:m="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><m:file-entry m:full-path="/" m:media-type="application/vnd.oasis.opendocument.spreadsheet"/></m:manifest>"#;
        assert!(matches!(package(&[("META-INF/manifest.xml", manifest), ("content.xml", "")]).unwrap(), Layout::Ods));
    }
}
