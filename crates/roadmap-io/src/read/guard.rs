//! Checks a zip container (xlsx, xlsm, xlsb, ods) before calamine opens
//! it, for what calamine does not guard against: parts that inflate to
//! gigabytes (sizes are counted while inflating, not taken from the
//! header), shared-strings tables declaring millions of entries (calamine
//! reserves that much up front), DTDs, and `OpenDocument` sheets whose repeat
//! attributes declare more cells than any tracker holds. The same scan
//! collects what calamine does not give: an ods sheet's merged cells,
//! whether an xlsx counts dates from 1904, which cells are formatted as
//! percentages ([`SheetScan`]), and xlsx formulas saved without a value.

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, ErrorKind, Measure, Place};
use crate::grid::Merge;
use crate::limits::Limits;

/// What the scan learnt.
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    /// The workbook counts dates from 1904.
    pub date_1904: bool,
    /// Merged regions per sheet name: ods from content.xml, xlsx from each
    /// sheet's `<mergeCells>` (so the sheet is not parsed a second time).
    pub merges: Vec<(String, Vec<Merge>)>,
    /// ods cells whose value type is `percentage`, per sheet name.
    pub percent: Vec<(String, Vec<(u32, u32)>)>,
}

/// What the checker found in one worksheet part besides its safety.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SheetScan {
    /// The sheet's merged regions.
    pub merges: Vec<Merge>,
    /// The cells (0-based row, column) with a value under a percent number
    /// format, in order.
    pub percent: Vec<(u32, u32)>,
    /// The cells holding a formula saved without a value, in order.
    pub unsaved_formulas: Vec<(u32, u32)>,
}

impl Scanned {
    /// The merged regions of the named sheet.
    pub(super) fn merges_of(&self, sheet: &str) -> Vec<Merge> {
        self.merges.iter().find(|(n, _)| n == sheet).map(|(_, m)| m.clone()).unwrap_or_default()
    }

    /// The percentage cells of the named ods sheet.
    pub(super) fn percent_of(&self, sheet: &str) -> &[(u32, u32)] {
        self.percent.iter().find(|(n, _)| n == sheet).map_or(&[], |(_, p)| p)
    }
}

fn hostile(reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::Hostile { reason: reason.into() })
}

/// What one part of the zip showed.
#[derive(Default)]
struct Part {
    /// Its first 4 KiB.
    head: Vec<u8>,
    /// All of it, for the small parts that are read whole.
    whole: Vec<u8>,
    /// A sheet's bytes from `<mergeCells` on.
    merges_xml: Option<Vec<u8>>,
    /// A sheet's percent and formula cells.
    cells: CellScan,
}

/// Inflates one part, counting its size and the workbook's against the
/// limits, refusing DTDs, and keeping what later steps read. `checked` is
/// told after each chunk. `percent_styles` are the workbook's
/// ([`percent_styles`]), for a worksheet's cells.
fn scan_part(
    part: &mut impl Read,
    name: &str,
    limits: &Limits,
    percent_styles: &[bool],
    total: &mut u64,
    checked: &mut dyn FnMut() -> Result<(), Error>,
) -> Result<Part, Error> {
    let is_xml = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| ["xml", "rels", "vml"].iter().any(|x| e.eq_ignore_ascii_case(x)));
    let is_sheet = name.starts_with("xl/worksheets/") && is_xml;
    let keep_whole = matches!(name, "xl/workbook.xml" | "xl/_rels/workbook.xml.rels" | "xl/styles.xml" | "content.xml");
    let declaration = memchr::memmem::Finder::new(b"<!");
    let merge_block = memchr::memmem::Finder::new(b"<mergeCells");
    let mut out = Part::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    // The last bytes of the previous chunk, for needles that straddle two.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = part.read(&mut buf).map_err(|e| {
            Error::new(ErrorKind::Workbook { format: "zip", part: Some(name.to_owned()), source: Box::new(e.into()) })
        })?;
        if n == 0 {
            out.cells.carry = Vec::new();
            return Ok(out);
        }
        size += n as u64;
        *total += n as u64;
        if size > limits.part_bytes {
            return Err(Error::limit(Measure::PartBytes { part: name.to_owned() }, size, limits.part_bytes, None));
        }
        if *total > limits.inflated_bytes {
            return Err(Error::limit(Measure::InflatedBytes, *total, limits.inflated_bytes, None));
        }
        if !is_xml {
            checked()?;
            continue;
        }
        let chunk = &buf[..n];
        let mut window = std::mem::take(&mut carry);
        window.extend_from_slice(&chunk[..chunk.len().min(32)]);
        // A DTD may declare entities; no tracker has one.
        for hay in [&window[..], chunk] {
            for at in declaration.find_iter(hay) {
                let rest = &hay[at + 2..];
                if rest.starts_with(b"DOCTYPE") || rest.starts_with(b"ENTITY") {
                    return Err(hostile(format!("{name} declares a DTD")));
                }
            }
        }
        if out.head.len() < 4096 {
            out.head.extend_from_slice(&chunk[..chunk.len().min(4096 - out.head.len())]);
        }
        if keep_whole {
            out.whole.extend_from_slice(chunk);
        }
        if is_sheet {
            out.cells.feed(chunk, percent_styles);
        }
        if let Some(xml) = &mut out.merges_xml {
            xml.extend_from_slice(chunk);
        } else if is_sheet {
            // Across the seam with the previous chunk first, then in this one.
            if let Some(at) = merge_block.find(&window) {
                let mut xml = window[at..].to_vec();
                xml.extend_from_slice(&chunk[chunk.len().min(32)..]);
                out.merges_xml = Some(xml);
            } else if let Some(at) = merge_block.find(chunk) {
                out.merges_xml = Some(chunk[at..].to_vec());
            }
        }
        carry.extend_from_slice(&chunk[chunk.len().saturating_sub(32)..]);
        checked()?;
    }
}

/// The zip's bytes, noting where the latest read began. The zip reader
/// inflates through a buffer it refills only once it has used all of it, so
/// every compressed byte before that offset has been inflated and handed on.
struct Tracked<'a> {
    cursor: Cursor<&'a [u8]>,
    read_from: Arc<AtomicU64>,
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.read_from.store(self.cursor.position(), Ordering::Relaxed);
        self.cursor.read(buf)
    }
}

impl Seek for Tracked<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.cursor.seek(to)
    }
}

/// Bytes of slack for what an inflater holds between reads (its bit buffer).
const INFLATER_SLACK: u64 = 64;

/// A worksheet part whose scan is left for [`ZipScan::check_deferred`].
pub(crate) struct Deferred {
    index: usize,
    part: String,
    /// Its compressed bytes in the file: `start..end`.
    pub start: u64,
    pub end: u64,
}

/// The scan of a zip, part by part.
pub(crate) struct ZipScan<'a> {
    archive: zip::ZipArchive<Tracked<'a>>,
    read_from: Arc<AtomicU64>,
    limits: &'a Limits,
    total: u64,
    /// What the parts scanned so far showed.
    pub scanned: Scanned,
    /// Each sheet's name and its part, from workbook.xml and its relationships.
    sheet_parts: Vec<(String, String)>,
    /// The merged regions of each worksheet part scanned.
    part_merges: Vec<(String, Vec<Merge>)>,
    /// The worksheets left for later, in the zip's order.
    pub deferred: Vec<Deferred>,
    /// Which cell styles are percent formats ([`percent_styles`]).
    percent_styles: Vec<bool>,
}

#[allow(clippy::needless_pass_by_value)] // Made for `map_err`.
fn zip_error(e: zip::result::ZipError) -> Error {
    Error::workbook("zip", e)
}

/// True for an xlsx or xlsb worksheet part.
fn is_worksheet(name: &str) -> bool {
    name.starts_with("xl/worksheets/")
        && std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("bin"))
}

impl<'a> ZipScan<'a> {
    /// Scans every part of the zip but, with `defer_sheets`, the worksheets:
    /// those are listed in [`ZipScan::deferred`] for a later check.
    pub(crate) fn head(bytes: &'a [u8], limits: &'a Limits, defer_sheets: bool) -> Result<ZipScan<'a>, Error> {
        let read_from = Arc::new(AtomicU64::new(0));
        let tracked = Tracked { cursor: Cursor::new(bytes), read_from: Arc::clone(&read_from) };
        let archive = zip::ZipArchive::new(tracked).map_err(zip_error)?;
        let mut scan = ZipScan {
            archive,
            read_from,
            limits,
            total: 0,
            scanned: Scanned::default(),
            sheet_parts: Vec::new(),
            part_merges: Vec::new(),
            deferred: Vec::new(),
            percent_styles: Vec::new(),
        };
        let mut workbook_xml = Vec::new();
        let mut workbook_rels = Vec::new();
        for i in 0..scan.archive.len() {
            if defer_sheets {
                let raw = scan.archive.by_index_raw(i).map_err(zip_error)?;
                let name = raw.name().map_err(zip_error)?.into_owned();
                if is_worksheet(&name)
                    && let Some(start) = raw.data_start()
                {
                    let end = start.saturating_add(raw.compressed_size());
                    scan.deferred.push(Deferred { index: i, part: name, start, end });
                    continue;
                }
            }
            let mut part = scan.archive.by_index(i).map_err(zip_error)?;
            let name = part.name().map_err(zip_error)?.into_owned();
            let found = scan_part(&mut part, &name, limits, &scan.percent_styles, &mut scan.total, &mut || Ok(()))?;
            match name.as_str() {
                "xl/sharedStrings.xml" => {
                    for attr in [&b"uniqueCount=\""[..], &b"count=\""[..]] {
                        if let Some(n) = attribute_number(&found.head, attr)
                            && n > limits.shared_strings
                        {
                            return Err(Error::limit(Measure::SharedStrings, n, limits.shared_strings, None));
                        }
                    }
                }
                "xl/workbook.xml" => {
                    scan.scanned.date_1904 =
                        attribute_text(&found.head, b"date1904=\"").is_some_and(|v| v == "1" || v == "true");
                    workbook_xml = found.whole;
                }
                "xl/_rels/workbook.xml.rels" => workbook_rels = found.whole,
                "xl/styles.xml" => scan.percent_styles = percent_styles(&found.whole),
                "content.xml" => (scan.scanned.merges, scan.scanned.percent) = scan_ods(&found.whole, limits)?,
                _ => {
                    if let Some(xml) = found.merges_xml {
                        scan.part_merges.push((name, xlsx_merges(&xml)));
                    }
                }
            }
        }
        if !workbook_xml.is_empty() {
            scan.sheet_parts = sheet_parts(&workbook_xml, &workbook_rels);
        }
        Ok(scan)
    }

    /// Each sheet's merged regions: known when its part was scanned
    /// already, else the position of its part in [`ZipScan::deferred`].
    pub(crate) fn sheet_merges(&self) -> Vec<(String, Result<Vec<Merge>, usize>)> {
        self.sheet_parts
            .iter()
            .filter_map(|(name, part)| {
                let merges = match self.deferred.iter().position(|d| d.part == *part) {
                    Some(k) => Err(k),
                    None => Ok(self.part_merges.iter().find(|(p, _)| p == part)?.1.clone()),
                };
                Some((name.clone(), merges))
            })
            .collect()
    }

    /// Scans the deferred parts in order, telling `passed` after each chunk
    /// of part `k` how far its compressed bytes are checked, and at its end
    /// what its scan found.
    pub(crate) fn check_deferred(
        &mut self,
        passed: &mut dyn FnMut(usize, u64, Option<SheetScan>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        for k in 0..self.deferred.len() {
            let (index, start) = (self.deferred[k].index, self.deferred[k].start);
            let mut part = self.archive.by_index(index).map_err(zip_error)?;
            let name = part.name().map_err(zip_error)?.into_owned();
            let read_from = &self.read_from;
            let mut chunk =
                || passed(k, read_from.load(Ordering::Relaxed).saturating_sub(INFLATER_SLACK).max(start), None);
            let found = scan_part(&mut part, &name, self.limits, &self.percent_styles, &mut self.total, &mut chunk)?;
            let mut cells = found.cells;
            cells.percent.sort_unstable();
            cells.unsaved_formulas.sort_unstable();
            passed(
                k,
                0,
                Some(SheetScan {
                    merges: found.merges_xml.map(|xml| xlsx_merges(&xml)).unwrap_or_default(),
                    percent: cells.percent,
                    unsaved_formulas: cells.unsaved_formulas,
                }),
            )?;
        }
        Ok(())
    }

    /// What the whole scan showed, each sheet's merges by its name.
    pub(crate) fn finish(mut self) -> Scanned {
        if !self.sheet_parts.is_empty() {
            let mut parts = std::mem::take(&mut self.part_merges);
            self.scanned.merges = std::mem::take(&mut self.sheet_parts)
                .into_iter()
                .filter_map(|(name, part)| {
                    let at = parts.iter().position(|(p, _)| *p == part)?;
                    Some((name, parts.swap_remove(at).1))
                })
                .collect();
        }
        self.scanned
    }
}

/// Scans every part of the zip.
pub(crate) fn scan_zip(bytes: &[u8], limits: &Limits) -> Result<Scanned, Error> {
    Ok(ZipScan::head(bytes, limits, false)?.finish())
}

/// The longest cell a worksheet holds, in XML: a formula of 8,192
/// characters and a text of 32,767, escaped. A longer one is not looked at.
const CELL_BYTES: usize = 1 << 20;

/// Finds, in a worksheet's bytes as they are inflated, the cells with a
/// value under a percent format and the formulas saved without a value: a
/// byte scan for `<c ` tags and `</f></c>` ends, never a second parse. With
/// no percent style in the workbook it looks only for the formula ends (one
/// `memmem` pass a chunk, like the DTD check's).
#[derive(Debug, Default)]
struct CellScan {
    /// The start of the last cell of the previous chunk, when it was cut.
    carry: Vec<u8>,
    percent: Vec<(u32, u32)>,
    unsaved_formulas: Vec<(u32, u32)>,
}

impl CellScan {
    fn feed(&mut self, chunk: &[u8], percent_styles: &[bool]) {
        let mut rest = chunk;
        if !self.carry.is_empty() {
            // The cut cell ends at the first cell end of this chunk.
            let across = (1..4).find(|&k| self.carry.ends_with(&b"</c>"[..k]) && chunk.starts_with(&b"</c>"[k..]));
            let end = across.map(|k| 4 - k).or_else(|| memchr::memmem::find(chunk, b"</c>").map(|at| at + 4));
            let Some(end) = end else {
                if self.carry.len() + chunk.len() <= CELL_BYTES {
                    self.carry.extend_from_slice(chunk);
                } else {
                    self.carry.clear();
                }
                return;
            };
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(&chunk[..end]);
            self.cells(&joined, percent_styles);
            rest = &chunk[end..];
        }
        // A cell cut by the chunk's end waits for the next chunk.
        if let Some(last) = memchr::memmem::rfind(rest, b"<c ") {
            let tail = &rest[last..];
            let closed = match memchr::memchr(b'>', tail) {
                Some(gt) => tail[gt - 1] == b'/' || memchr::memmem::find(&tail[gt..], b"</c>").is_some(),
                None => false,
            };
            if !closed {
                self.carry = tail.to_vec();
                rest = &rest[..last];
            }
        }
        // A `<c ` cut before its space.
        if self.carry.is_empty() {
            for cut in [&b"<c"[..], b"<"] {
                if rest.ends_with(cut) {
                    self.carry = cut.to_vec();
                    rest = &rest[..rest.len() - cut.len()];
                    break;
                }
            }
        }
        self.cells(rest, percent_styles);
    }

    /// Looks at whole cells.
    fn cells(&mut self, xml: &[u8], percent_styles: &[bool]) {
        // A formula with no `<v>` after it: `<f>..</f></c>` or a shared
        // formula's `<f t="shared" si="0"/></c>`.
        for needle in [&b"</f></c>"[..], &b"\"/></c>"[..]] {
            for at in memchr::memmem::find_iter(xml, needle) {
                let Some(start) = memchr::memmem::rfind(&xml[..at], b"<c ") else { continue };
                if needle[0] == b'"' {
                    let Some(open) = memchr::memrchr(b'<', &xml[..at]) else { continue };
                    if !xml[open..].starts_with(b"<f ") {
                        continue;
                    }
                }
                if let Some(cell) = cell_position(&xml[start..at]) {
                    self.unsaved_formulas.push(cell);
                }
            }
        }
        if percent_styles.is_empty() {
            return;
        }
        for at in memchr::memmem::find_iter(xml, b"<c ") {
            let tag = &xml[at..];
            let Some(gt) = memchr::memchr(b'>', tag) else { continue };
            // A cell with no value (`<c .../>`) shows nothing.
            if tag[gt - 1] == b'/' {
                continue;
            }
            let tag = &tag[..gt];
            let style = attribute_text(tag, b" s=\"").and_then(|s| s.parse::<usize>().ok());
            if style.is_some_and(|s| percent_styles.get(s).copied().unwrap_or(false))
                && let Some(cell) = cell_position(tag)
            {
                self.percent.push(cell);
            }
        }
    }
}

/// A cell's 0-based position from its tag's `r` attribute.
fn cell_position(tag: &[u8]) -> Option<(u32, u32)> {
    let at = memchr::memmem::find(tag, b" r=\"")?;
    let cell = attribute_text(&tag[at..], b" r=\"")?.parse::<roadmap_core::CellRef>().ok()?;
    Some((cell.row() - 1, cell.column() - 1))
}

/// Which cell styles (`cellXfs` indexes, a cell's `s`) have a percent
/// number format: the built-in 9 (`0%`) and 10 (`0.00%`), or a custom
/// `numFmt` whose code has a `%` outside quotes. Empty when none has.
fn percent_styles(xml: &[u8]) -> Vec<bool> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut custom: Vec<u32> = Vec::new();
    let mut styles = Vec::new();
    let mut in_cell_xfs = false;
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(std::borrow::Cow::into_owned))
    };
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode"))
                        && let Ok(id) = id.trim().parse()
                        && is_percent_format(&code)
                    {
                        custom.push(id);
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id: u32 = attr(&e, "numFmtId").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
                    styles.push(matches!(id, 9 | 10) || custom.contains(&id));
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    if styles.contains(&true) { styles } else { Vec::new() }
}

/// True for a number format that shows a number as a percentage: a `%` in
/// its first section, outside quoted text, escapes and `[...]`.
fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => return true,
            ';' => return false,
            '"' => while chars.next().is_some_and(|q| q != '"') {},
            '[' => while chars.next().is_some_and(|q| q != ']') {},
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => {}
        }
    }
    false
}

/// The merged regions of a sheet's `<mergeCells>` block.
fn xlsx_merges(xml: &[u8]) -> Vec<Merge> {
    let mut merges = Vec::new();
    for at in memchr::memmem::find_iter(xml, b"<mergeCell ") {
        let Some(range) = attribute_text(&xml[at..], b"ref=\"") else { continue };
        let (a, b) = range.split_once(':').unwrap_or((range, range));
        if let (Ok(a), Ok(b)) = (a.parse::<roadmap_core::CellRef>(), b.parse::<roadmap_core::CellRef>()) {
            merges.push(Merge {
                first_row: a.row() - 1,
                first_column: a.column() - 1,
                last_row: b.row() - 1,
                last_column: b.column() - 1,
            });
        }
    }
    merges
}

/// Each sheet's name and its part, through workbook.xml (`<sheet name=...
/// r:id=...>`) and its relationships (`Id` to `Target`).
fn sheet_parts(workbook: &[u8], rels: &[u8]) -> Vec<(String, String)> {
    let elements = |xml: &[u8], tag: &str, keys: [&str; 2]| -> Vec<[String; 2]> {
        let mut out = Vec::new();
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                    if e.local_name().as_ref() == tag =>
                {
                    let get = |key: &str| {
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == key)
                            .and_then(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .ok()
                                    .map(std::borrow::Cow::into_owned)
                            })
                            .unwrap_or_default()
                    };
                    out.push([get(keys[0]), get(keys[1])]);
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
        out
    };
    let sheets = elements(workbook, "sheet", ["name", "r:id"]);
    let targets = elements(rels, "Relationship", ["Id", "Target"]);
    sheets
        .into_iter()
        .filter_map(|[name, id]| {
            let target = &targets.iter().find(|[rid, _]| *rid == id)?[1];
            let path = target.strip_prefix('/').map_or_else(|| format!("xl/{target}"), str::to_owned);
            Some((name, path))
        })
        .collect()
}

fn attribute_text<'a>(xml: &'a [u8], attr: &[u8]) -> Option<&'a str> {
    let at = xml.windows(attr.len()).position(|w| w == attr)? + attr.len();
    let end = xml[at..].iter().position(|b| *b == b'"')?;
    std::str::from_utf8(&xml[at..at + end]).ok()
}

fn attribute_number(xml: &[u8], attr: &[u8]) -> Option<u64> {
    // "count=" also matches inside "uniqueCount=": both are checked anyway.
    attribute_text(xml, attr)?.parse().ok()
}

/// Walks an `OpenDocument` content.xml: the cells its repeat attributes
/// declare (calamine materializes them), and the merged regions
/// (`number-rows-spanned`, `number-columns-spanned`) with their positions,
/// and the cells whose value type is `percentage`.
type OdsSheets = (Vec<(String, Vec<Merge>)>, Vec<(String, Vec<(u32, u32)>)>);
fn scan_ods(xml: &[u8], limits: &Limits) -> Result<OdsSheets, Error> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut sheets: Vec<(String, Vec<Merge>)> = Vec::new();
    let mut percent: Vec<(String, Vec<(u32, u32)>)> = Vec::new();
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<u64> {
        e.attributes().flatten().find(|a| a.key.as_ref() == name).and_then(|a| a.value.trim().parse().ok())
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            Error::new(ErrorKind::Workbook {
                format: "ods",
                part: Some("content.xml".to_owned()),
                source: Box::new(e.into()),
            })
        })?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row += row_repeat;
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table" => {
                    let name = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "table:name")
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    percent.push((name.clone(), Vec::new()));
                    sheets.push((name, Vec::new()));
                    (row, max_row, max_col) = (0, 0, 0);
                }
                "table:table-row" => {
                    row_repeat = attr(&e, "table:number-rows-repeated").unwrap_or(1).max(1);
                    col = 0;
                    if empty {
                        row += row_repeat;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeat = attr(&e, "table:number-columns-repeated").unwrap_or(1).max(1);
                    let value_type = e.attributes().flatten().find(|a| a.key.as_ref() == "office:value-type");
                    let is_percent = value_type.as_ref().is_some_and(|a| a.value.as_ref() == "percentage");
                    let has_value = value_type.is_some() || !empty;
                    if has_value {
                        max_row = max_row.max(row + row_repeat);
                        max_col = max_col.max(col + repeat);
                        let dense = max_row.saturating_mul(max_col);
                        if dense > limits.cells {
                            return Err(Error::limit(Measure::RepeatedCells, dense, limits.cells, None));
                        }
                    }
                    if is_percent && let Some((_, cells)) = percent.last_mut() {
                        // Bounded by the cells limit, checked just above.
                        for r in row..row + row_repeat {
                            for c in col..col + repeat {
                                if let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) {
                                    cells.push((r, c));
                                }
                            }
                        }
                    }
                    let rows = attr(&e, "table:number-rows-spanned").unwrap_or(1);
                    let cols = attr(&e, "table:number-columns-spanned").unwrap_or(1);
                    if (rows > 1 || cols > 1) && row < u64::from(u32::MAX) && col < u64::from(u32::MAX) {
                        let merge = Merge {
                            first_row: row as u32,
                            first_column: col as u32,
                            last_row: (row + rows - 1).min(u64::from(u32::MAX)) as u32,
                            last_column: (col + cols - 1).min(u64::from(u32::MAX)) as u32,
                        };
                        if let Some((_, merges)) = sheets.last_mut() {
                            merges.push(merge);
                        }
                    }
                    col = col.saturating_add(repeat);
                }
                _ => {}
            }
        }
        buf.clear();
    }
    percent.retain(|(_, cells)| !cells.is_empty());
    Ok((sheets, percent))
}

/// Checks an xls workbook before calamine reads it. On opening, calamine
/// builds every sheet as a dense grid spanning its outermost cells (cells at
/// A1 and IV65536 cost 16.7M cells, over 500 MiB) and reserves room for the
/// cells a sheet's DIMENSIONS record declares; either can abort the process
/// on a crafted file. This walks the BIFF records the way calamine does:
/// each sheet from the offset its BOUNDSHEET record gives, nested substreams
/// skipped, continuation records folded in. A sheet whose declared or
/// spanned cells exceed `limits.cells` is refused; so is a file whose
/// compound-document container cannot be read.
pub(crate) fn scan_xls(bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    let unreadable = |e: std::io::Error| {
        Error::new(ErrorKind::Workbook {
            format: "xls",
            part: Some("the compound document".to_owned()),
            source: Box::new(e.into()),
        })
    };
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let name = if file.exists("/Workbook") { "/Workbook" } else { "/Book" };
    let stream = file.open_stream(name).map_err(unreadable)?;
    let mut data = Vec::new();
    stream.take(limits.part_bytes.saturating_add(1)).read_to_end(&mut data).map_err(unreadable)?;
    if data.len() as u64 > limits.part_bytes {
        return Err(Error::limit(Measure::XlsStreamBytes, data.len() as u64, limits.part_bytes, None));
    }
    // The globals: where each sheet starts.
    let mut sheets = Vec::new();
    for (kind, body) in biff_records(&data) {
        match kind {
            0x0085 if body.len() >= 4 => sheets.push(u32_at(body, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    for (n, at) in sheets.into_iter().enumerate() {
        if let Some(sheet) = data.get(at..) {
            scan_xls_sheet(sheet, n + 1, limits)?;
        }
    }
    Ok(())
}

fn u16_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 2).map_or(0, |s| u32::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// BIFF records as calamine iterates them: (type, body), a record's
/// CONTINUE records (0x003C) consumed with it; ends where a length runs
/// past the stream.
fn biff_records(mut data: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    std::iter::from_fn(move || {
        if data.len() < 4 {
            return None;
        }
        let kind = u16_at(data, 0);
        let len = u16_at(data, 2) as usize;
        let body = data.get(4..4 + len)?;
        data = &data[4 + len..];
        if data.len() > 4 && u16_at(data, 0) == 0x003C {
            while data.len() > 4 && u16_at(data, 0) == 0x003C {
                let len = u16_at(data, 2) as usize;
                data = data.get(4 + len..)?;
            }
        }
        Some((kind, body))
    })
}

/// The rows and columns cells span, as `Range::from_sparse` will size them.
#[derive(Default)]
struct Span(Option<(u32, u32, u32, u32)>);

impl Span {
    fn add(&mut self, row: u32, first: u32, last: u32) -> u64 {
        let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, first, last));
        let s = (r0.min(row), r1.max(row), c0.min(first).min(last), c1.max(last).max(first));
        self.0 = Some(s);
        u64::from(s.1 - s.0 + 1) * u64::from(s.3 - s.2 + 1)
    }
}

fn scan_xls_sheet(sheet: &[u8], n: usize, limits: &Limits) -> Result<(), Error> {
    let too_many = |spanned: bool, cells: u64| {
        Error::limit(Measure::XlsCells { spanned }, cells, limits.cells, Some(Place::SheetNumber(n)))
    };
    let (mut cells, mut formulas) = (Span::default(), Span::default());
    let mut formula_at = (0u32, 0u32);
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (kind, body) in biff_records(sheet) {
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let spanned = match kind {
            0x0809 if seen_bof => {
                depth += 1;
                0
            }
            0x0809 => {
                seen_bof = true;
                0
            }
            // DIMENSIONS: calamine reserves room for what it declares.
            0x0200 => {
                let (rf, rl, cf, cl) = match body.len() {
                    10 => (u16_at(body, 0), u16_at(body, 2), u16_at(body, 4), u16_at(body, 6)),
                    14 | 16 => (u32_at(body, 0), u32_at(body, 4), u16_at(body, 8), u16_at(body, 10)),
                    _ => continue,
                };
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                let (start, end) = if rl >= 1 && cl >= 1 { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
                let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
                let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
                let declared = rows.saturating_mul(cols);
                if declared > limits.cells {
                    return Err(too_many(false, declared));
                }
                0
            }
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST: one cell.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if body.len() >= 4 => {
                cells.add(u16_at(body, 0), u16_at(body, 2), u16_at(body, 2))
            }
            // STRING: the value of the last formula's cell.
            0x0207 => cells.add(formula_at.0, formula_at.1, formula_at.1),
            // MULRK: a run of cells.
            0x00BD if body.len() >= 6 => cells.add(u16_at(body, 0), u16_at(body, 2), u16_at(body, body.len() - 2)),
            0x0006 if body.len() >= 20 => {
                formula_at = (u16_at(body, 0), u16_at(body, 2));
                formulas.add(formula_at.0, formula_at.1, formula_at.1);
                cells.add(formula_at.0, formula_at.1, formula_at.1)
            }
            0x000A => break,
            _ => 0,
        };
        let spanned = spanned.max(formulas.0.map_or(0, |s| u64::from(s.1 - s.0 + 1) * u64::from(s.3 - s.2 + 1)));
        if spanned > limits.cells {
            return Err(too_many(true, spanned));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_from_their_codes() {
        for code in ["0%", "0.0%", "0.00%;[Red]-0.00%", "#,##0%"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in ["0", "dd mmm yyyy", r#"0" %""#, r"0\%", "0;0%", "[$%-409]0"] {
            assert!(!is_percent_format(code), "{code}");
        }
    }

    #[test]
    fn styles_that_are_percent() {
        let xml = br#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy"/></numFmts><cellStyleXfs><xf numFmtId="9"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="165"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>"#;
        assert_eq!(percent_styles(xml), [false, true, false, true, true]);
        let none = br#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
        assert!(percent_styles(none).is_empty());
    }

    /// The same cells wherever the chunks are cut.
    #[test]
    fn cells_found_across_every_cut() {
        let xml = br#"<sheetData><row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="1"/><c r="C1" t="str"><f>A1</f></c></row><row r="2"><c r="A2" s="2"><v>1</v></c><c r="B2" s="1" t="str"><f t="shared" si="0"/></c><c r="C2"><f>A1</f><v>3</v></c><c r="D2" s="1"><v>0.25</v></c></row></sheetData>"#;
        let styles = [false, true, false];
        for cut in 0..xml.len() {
            let mut scan = CellScan::default();
            scan.feed(&xml[..cut], &styles);
            scan.feed(&xml[cut..], &styles);
            assert_eq!(scan.percent, [(0, 0), (1, 1), (1, 3)], "cut at {cut}");
            let mut unsaved = scan.unsaved_formulas.clone();
            unsaved.sort_unstable();
            assert_eq!(unsaved, [(0, 2), (1, 1)], "cut at {cut}");
        }
    }
}
