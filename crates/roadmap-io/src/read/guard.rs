//! Checks a zip container (xlsx, xlsm, xlsb, ods) before calamine opens
//! it, for what calamine does not guard against: parts that inflate to
//! gigabytes (sizes are counted while inflating, not taken from the
//! header), shared-strings tables declaring millions of entries (calamine
//! reserves that much up front), DTDs, and `OpenDocument` sheets whose repeat
//! attributes declare more cells than any tracker holds. The same scan
//! collects what calamine does not give: an ods sheet's merged cells,
//! whether an xlsx counts dates from 1904, and what each worksheet's XML
//! holds besides its values ([`SheetScan`]). Which part is what comes from
//! the package's own relationships ([`crate::read::package`]).

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::error::{Error, ErrorKind, Measure, Place};
use crate::grid::Merge;
use crate::limits::Limits;
use crate::read::package::{self, Layout, Names, Ooxml};
use crate::read::sheetbin::{self, BinSheet};
pub(crate) use crate::read::sheetxml::SheetScan;
use crate::read::sheetxml::{self, SheetXml, percent_styles};

/// What the scan learnt.
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    /// The workbook counts dates from 1904.
    pub date_1904: bool,
    /// Merged regions per sheet name: ods from content.xml, xlsx from each
    /// sheet's merged-regions block (so the sheet is not parsed a second time).
    pub merges: Vec<(String, Vec<Merge>)>,
    /// ods cells whose value type is `percentage`, per sheet name.
    pub percent: Vec<(String, Vec<(u32, u32)>)>,
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

/// What a part is, for its scan; `whole` parts are kept whole.
#[derive(Clone, Copy, PartialEq)]
enum PartKind {
    /// Not XML (pictures, binary parts): its size is counted.
    Other { whole: bool },
    /// XML: also checked for DTDs.
    Xml { whole: bool },
    /// A worksheet's XML: also scanned for what it holds ([`SheetXml`]).
    Worksheet,
    /// A binary (xlsb) worksheet: also scanned for what it holds ([`BinSheet`]).
    BinarySheet,
}

impl PartKind {
    /// An XML part (by its name's extension) or another one.
    fn of_name(name: &str, whole: bool) -> PartKind {
        let xml = std::path::Path::new(name)
            .extension()
            .is_some_and(|e| ["xml", "rels", "vml"].iter().any(|x| e.eq_ignore_ascii_case(x)));
        if xml { PartKind::Xml { whole } } else { PartKind::Other { whole } }
    }
}

/// What one part of the zip showed.
#[derive(Default)]
struct Part {
    /// Its first 4 KiB.
    head: Vec<u8>,
    /// All of it, for the small parts that are read whole.
    whole: Vec<u8>,
    /// A worksheet's scan.
    sheet: SheetXml,
    /// A binary worksheet's scan.
    bin: BinSheet,
}

/// Inflates one part, counting its size and the workbook's against the
/// limits, refusing DTDs, and keeping what later steps read. `checked` is
/// told after each chunk. `percent_styles` are the workbook's
/// ([`percent_styles`]), for a worksheet's cells.
fn scan_part(
    part: &mut impl Read,
    name: &str,
    kind: PartKind,
    limits: &Limits,
    percent_styles: &[bool],
    total: &mut u64,
    checked: &mut dyn FnMut() -> Result<(), Error>,
) -> Result<Part, Error> {
    let declaration = memchr::memmem::Finder::new(b"<!");
    let mut out = Part::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    // The last bytes of the previous chunk, for a DTD that straddles two.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = part.read(&mut buf).map_err(|e| {
            Error::new(ErrorKind::Workbook { format: "zip", part: Some(name.to_owned()), source: Box::new(e.into()) })
        })?;
        if n == 0 {
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
        let chunk = &buf[..n];
        match kind {
            PartKind::Other { whole } => {
                if whole {
                    out.whole.extend_from_slice(chunk);
                }
                checked()?;
                continue;
            }
            PartKind::BinarySheet => {
                out.bin.feed(chunk, percent_styles);
                checked()?;
                continue;
            }
            _ => {}
        }
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
        match kind {
            PartKind::Xml { whole: true } => out.whole.extend_from_slice(chunk),
            PartKind::Worksheet => out.sheet.feed(chunk, percent_styles),
            _ => {}
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
    /// Its zip entry.
    entry: usize,
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
    /// Where the workbook's parts are, for an Office Open XML package.
    ooxml: Option<Ooxml>,
    /// What the scan of each worksheet part scanned so far found, by entry.
    sheet_scans: Vec<(usize, SheetScan)>,
    /// The worksheets left for later, in the zip's order.
    pub deferred: Vec<Deferred>,
    /// Which cell styles are percent formats ([`percent_styles`]).
    percent_styles: Vec<bool>,
}

#[allow(clippy::needless_pass_by_value)] // Made for `map_err`.
fn zip_error(e: zip::result::ZipError) -> Error {
    Error::workbook("zip", e)
}

/// A sheet's merged regions as the scan found them.
pub(crate) enum SheetMerges {
    /// Known already.
    Known(Vec<Merge>),
    /// Found by the scan of the deferred part at this position.
    Deferred(usize),
    /// The scan could not find them (the package's relationships name no
    /// part for the sheet, or the scan could not follow the part's XML):
    /// why. The reader then asks calamine.
    Unresolved(String),
}

impl<'a> ZipScan<'a> {
    /// Scans every part of the zip but, with `defer_sheets`, the worksheets:
    /// those are listed in [`ZipScan::deferred`] for a later check. The
    /// parts that say where the others are come first: the package's
    /// relationships, the workbook and its relationships, the styles.
    pub(crate) fn head(bytes: &'a [u8], limits: &'a Limits, defer_sheets: bool) -> Result<ZipScan<'a>, Error> {
        let read_from = Arc::new(AtomicU64::new(0));
        let tracked = Tracked { cursor: Cursor::new(bytes), read_from: Arc::clone(&read_from) };
        let mut archive = zip::ZipArchive::new(tracked).map_err(zip_error)?;
        let names = Names::new(archive.file_names().filter_map(Result::ok).map(std::borrow::Cow::into_owned).collect());
        let mut scanned = vec![false; names.len()];
        let mut total = 0;
        let mut whole = |entry: usize, archive: &mut zip::ZipArchive<Tracked<'a>>, total: &mut u64| {
            let mut part = archive.by_index(entry).map_err(zip_error)?;
            let found = scan_part(
                &mut part,
                names.name(entry),
                PartKind::of_name(names.name(entry), true),
                limits,
                &[],
                total,
                &mut || Ok(()),
            )?;
            scanned[entry] = true;
            Ok::<_, Error>(found)
        };
        let layout = package::layout(&names, &mut |entry| Ok(whole(entry, &mut archive, &mut total)?.whole))?;
        let is_ods = matches!(layout, Layout::Ods);
        let ooxml = match layout {
            Layout::Ooxml(found) => Some(found),
            Layout::Ods | Layout::Other(_) => None,
        };
        let mut percent = Vec::new();
        if let Some(ooxml) = &ooxml
            && let Some(styles) = ooxml.styles
        {
            let found = whole(styles, &mut archive, &mut total)?.whole;
            percent = if ooxml.binary { sheetbin::percent_styles(&found) } else { percent_styles(&found) };
        }
        let mut scan = ZipScan {
            archive,
            read_from,
            limits,
            total,
            scanned: Scanned { date_1904: ooxml.as_ref().is_some_and(|o| o.date_1904), ..Scanned::default() },
            ooxml,
            sheet_scans: Vec::new(),
            deferred: Vec::new(),
            percent_styles: percent,
        };
        for entry in (0..names.len()).filter(|e| !scanned[*e]) {
            let worksheet = scan.ooxml.as_ref().is_some_and(|o| o.worksheets.contains(&entry));
            if defer_sheets && worksheet {
                let raw = scan.archive.by_index_raw(entry).map_err(zip_error)?;
                if let Some(start) = raw.data_start() {
                    let end = start.saturating_add(raw.compressed_size());
                    scan.deferred.push(Deferred { entry, start, end });
                    continue;
                }
            }
            let name = names.name(entry);
            let content = is_ods && name == "content.xml";
            let kind = match &scan.ooxml {
                Some(o) if worksheet && o.binary => PartKind::BinarySheet,
                Some(_) if worksheet => PartKind::Worksheet,
                _ => PartKind::of_name(name, content),
            };
            let mut part = scan.archive.by_index(entry).map_err(zip_error)?;
            let found =
                scan_part(&mut part, name, kind, limits, &scan.percent_styles, &mut scan.total, &mut || Ok(()))?;
            // The shared strings the relationships name, and any part named
            // like them (calamine reads one by name; a package that is no
            // workbook may still be read as one when its format is forced).
            let shared_strings = scan.ooxml.as_ref().is_some_and(|o| o.shared_strings.contains(&entry))
                || name.to_ascii_lowercase().ends_with("sharedstrings.xml");
            if shared_strings {
                check_shared_strings(&found.head, name, limits)?;
            }
            if content {
                (scan.scanned.merges, scan.scanned.percent) = scan_ods(&found.whole, limits)?;
            }
            match kind {
                PartKind::Worksheet => scan.sheet_scans.push((entry, found.sheet.finish(&scan.percent_styles))),
                PartKind::BinarySheet => scan.sheet_scans.push((entry, found.bin.finish())),
                _ => {}
            }
        }
        Ok(scan)
    }

    /// Each sheet's merged regions, by its name: known when its part was
    /// scanned already, else the position of its part in
    /// [`ZipScan::deferred`]; `None` for a package that is not Office Open
    /// XML. Sheets the relationships name no part for are left out.
    pub(crate) fn sheet_merges(&self) -> Option<Vec<(String, SheetMerges)>> {
        let ooxml = self.ooxml.as_ref()?;
        let merges = ooxml.sheets.iter().map(|(name, entry)| {
            let merges = if let Some(k) = self.deferred.iter().position(|d| d.entry == *entry) {
                SheetMerges::Deferred(k)
            } else {
                match self.sheet_scans.iter().find(|(e, _)| e == entry) {
                    Some((_, SheetScan { fallback: Some(why), .. })) => SheetMerges::Unresolved(why.clone()),
                    Some((_, scan)) => SheetMerges::Known(scan.merges.clone()),
                    None => SheetMerges::Known(Vec::new()),
                }
            };
            (name.clone(), merges)
        });
        Some(merges.collect())
    }

    /// Scans the deferred parts in order, telling `passed` after each chunk
    /// of part `k` how far its compressed bytes are checked, and at its end
    /// what its scan found. A part whose XML the scan could not follow gets
    /// its merged regions from `fallback` (given the sheet's name) and its
    /// cells from a second pass ([`sheetxml::parse`]), once every part is
    /// checked, so that nothing unchecked is read for them.
    pub(crate) fn check_deferred(
        &mut self,
        passed: &mut dyn FnMut(usize, u64, Option<SheetScan>) -> Result<(), Error>,
        fallback: &mut dyn FnMut(&str) -> Result<Vec<Merge>, Error>,
    ) -> Result<(), Error> {
        let mut unresolved = Vec::new();
        for k in 0..self.deferred.len() {
            let (entry, start) = (self.deferred[k].entry, self.deferred[k].start);
            let binary = self.ooxml.as_ref().is_some_and(|o| o.binary);
            let mut part = self.archive.by_index(entry).map_err(zip_error)?;
            let name = part.name().map_err(zip_error)?.into_owned();
            let read_from = &self.read_from;
            let mut chunk =
                || passed(k, read_from.load(Ordering::Relaxed).saturating_sub(INFLATER_SLACK).max(start), None);
            let kind = if binary { PartKind::BinarySheet } else { PartKind::Worksheet };
            let found =
                scan_part(&mut part, &name, kind, self.limits, &self.percent_styles, &mut self.total, &mut chunk)?;
            let scan = if binary { found.bin.finish() } else { found.sheet.finish(&self.percent_styles) };
            if scan.fallback.is_some() {
                passed(k, self.deferred[k].end, None)?;
                unresolved.push((k, scan));
            } else {
                passed(k, 0, Some(scan))?;
            }
        }
        for (k, mut scan) in unresolved {
            let entry = self.deferred[k].entry;
            let sheet = self.ooxml.as_ref().and_then(|o| o.sheets.iter().find(|(_, e)| *e == entry));
            if let Some((name, _)) = sheet {
                scan.merges = fallback(name)?;
            }
            let part = self.archive.by_index(entry).map_err(zip_error)?;
            (scan.percent, scan.unsaved_formulas) =
                sheetxml::parse(std::io::BufReader::new(part), &self.percent_styles);
            passed(k, 0, Some(scan))?;
        }
        Ok(())
    }

    /// What the whole scan showed, each sheet's merges by its name.
    pub(crate) fn finish(mut self) -> Scanned {
        if let Some(ooxml) = self.ooxml.take() {
            let mut scans = std::mem::take(&mut self.sheet_scans);
            self.scanned.merges = ooxml
                .sheets
                .into_iter()
                .filter_map(|(name, entry)| {
                    let at = scans.iter().position(|(e, _)| *e == entry)?;
                    Some((name, scans.swap_remove(at).1.merges))
                })
                .collect();
        }
        self.scanned
    }
}

/// Refuses a shared-strings table that declares more entries than the
/// limit (calamine reserves room for what `count` or `uniqueCount` on its
/// root element says), from the part's first bytes. The root is read as
/// XML, so no comment or text before it can stand in for its attributes.
fn check_shared_strings(head: &[u8], part: &str, limits: &Limits) -> Result<(), Error> {
    let mut reader = quick_xml::Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for a in e.attributes().flatten() {
                    if matches!(a.key.local_name().as_ref(), "count" | "uniqueCount")
                        && let Ok(n) = a.value.trim().parse::<u64>()
                        && n > limits.shared_strings
                    {
                        return Err(Error::limit(Measure::SharedStrings, n, limits.shared_strings, None));
                    }
                }
                return Ok(());
            }
            Ok(Event::Eof) if reader.buffer_position() < 4096 => return Ok(()),
            Ok(Event::Eof) | Err(_) => {
                return Err(hostile(format!("{part} does not begin with its root element")));
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Scans every part of the zip.
pub(crate) fn scan_zip(bytes: &[u8], limits: &Limits) -> Result<Scanned, Error> {
    Ok(ZipScan::head(bytes, limits, false)?.finish())
}

/// The `OpenDocument` namespaces a sheet's cells use.
const ODF_TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const ODF_OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// Walks an `OpenDocument` content.xml: the cells its repeat attributes
/// declare (calamine materializes them), and the merged regions
/// (`number-rows-spanned`, `number-columns-spanned`) with their positions,
/// and the cells whose value type is `percentage`. Elements and attributes
/// are matched by namespace, whatever their prefix.
type OdsSheets = (Vec<(String, Vec<Merge>)>, Vec<(String, Vec<(u32, u32)>)>);
fn scan_ods(xml: &[u8], limits: &Limits) -> Result<OdsSheets, Error> {
    let mut reader = quick_xml::NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut sheets: Vec<(String, Vec<Merge>)> = Vec::new();
    let mut percent: Vec<(String, Vec<(u32, u32)>)> = Vec::new();
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    let (mut max_row, mut max_col) = (0u64, 0u64);
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf).map_err(|e| {
            Error::new(ErrorKind::Workbook {
                format: "ods",
                part: Some("content.xml".to_owned()),
                source: Box::new(e.into()),
            })
        })?;
        let in_table = matches!(ns, ResolveResult::Bound(ns) if ns.as_ref() == ODF_TABLE);
        let (start, empty) = match event {
            Event::Start(e) if in_table => (e, false),
            Event::Empty(e) if in_table => (e, true),
            Event::End(e) if in_table && e.local_name().as_ref() == "table-row" => {
                row += row_repeat;
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        // An attribute by namespace and local name.
        let attr = |namespace: &str, local: &str| {
            start.attributes().flatten().find(|a| {
                let (ns, name) = reader.resolver().resolve_attribute(a.key);
                matches!(ns, ResolveResult::Bound(ns) if ns.as_ref() == namespace) && name.as_ref() == local
            })
        };
        let number =
            |local: &str| -> Option<u64> { attr(ODF_TABLE, local).and_then(|a| a.value.trim_ascii().parse().ok()) };
        match start.local_name().as_ref() {
            "table" => {
                let name = attr(ODF_TABLE, "name")
                    .and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(std::borrow::Cow::into_owned)
                    })
                    .unwrap_or_default();
                percent.push((name.clone(), Vec::new()));
                sheets.push((name, Vec::new()));
                (row, max_row, max_col) = (0, 0, 0);
            }
            "table-row" => {
                row_repeat = number("number-rows-repeated").unwrap_or(1).max(1);
                col = 0;
                if empty {
                    row += row_repeat;
                }
            }
            "table-cell" | "covered-table-cell" => {
                let repeat = number("number-columns-repeated").unwrap_or(1).max(1);
                let value_type = attr(ODF_OFFICE, "value-type");
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
                let rows = number("number-rows-spanned").unwrap_or(1);
                let cols = number("number-columns-spanned").unwrap_or(1);
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
///
/// The same walk finds what calamine does not give: the cells whose number
/// format is a percentage (their XF record's FORMAT), per sheet in the
/// order of the BOUNDSHEET records (calamine's order of sheets).
pub(crate) fn scan_xls(bytes: &[u8], limits: &Limits) -> Result<Vec<Vec<(u32, u32)>>, Error> {
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
    // The globals: where each sheet starts, and the number formats.
    let mut sheets = Vec::new();
    let mut biff8 = true;
    let mut percent_formats: Vec<u32> = vec![9, 10];
    let mut percent_xf: Vec<bool> = Vec::new();
    for (kind, body) in biff_records(&data) {
        match kind {
            0x0809 if body.len() >= 2 => biff8 = u16_at(body, 0) >= 0x0600,
            0x0085 if body.len() >= 4 => sheets.push(u32_at(body, 0) as usize),
            // FORMAT: an id and its code.
            0x041E
                if body.len() >= 3
                    && format_code(&body[2..], biff8).is_some_and(|code| crate::read::is_percent_format(&code)) =>
            {
                percent_formats.push(u16_at(body, 0));
            }
            // XF: the cell formats, in order; the FORMAT id is its second field.
            0x00E0 if body.len() >= 4 => percent_xf.push(percent_formats.contains(&u16_at(body, 2))),
            0x000A => break,
            _ => {}
        }
    }
    let mut percent = Vec::with_capacity(sheets.len());
    for (n, at) in sheets.into_iter().enumerate() {
        let cells = match data.get(at..) {
            Some(sheet) => scan_xls_sheet(sheet, n + 1, limits, &percent_xf)?,
            None => Vec::new(),
        };
        percent.push(cells);
    }
    Ok(percent)
}

/// A FORMAT record's code: a BIFF8 unicode string (a 16-bit length, flags,
/// then 8- or 16-bit characters after any rich-text and extension counts)
/// or a BIFF5 byte string (an 8-bit length).
fn format_code(b: &[u8], biff8: bool) -> Option<String> {
    if !biff8 {
        let len = usize::from(*b.first()?);
        return Some(b.get(1..1 + len)?.iter().map(|&c| char::from(c)).collect());
    }
    let len = u16_at(b, 0) as usize;
    let flags = *b.get(2)?;
    let mut at = 3 + if flags & 0x08 != 0 { 2 } else { 0 } + if flags & 0x04 != 0 { 4 } else { 0 };
    if flags & 0x01 == 0 {
        return Some(b.get(at..at + len)?.iter().map(|&c| char::from(c)).collect());
    }
    let mut units = Vec::with_capacity(len);
    for _ in 0..len {
        units.push(u16_at(b.get(at..at + 2)?, 0) as u16);
        at += 2;
    }
    Some(String::from_utf16_lossy(&units))
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

/// Checks one xls sheet's records; its cells under a percent format
/// (`percent_xf`, by XF index), sorted.
fn scan_xls_sheet(sheet: &[u8], n: usize, limits: &Limits, percent_xf: &[bool]) -> Result<Vec<(u32, u32)>, Error> {
    let is_percent = |xf: u32| percent_xf.get(xf as usize).copied().unwrap_or(false);
    let mut percent = Vec::new();
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
        match kind {
            // NUMBER, RK, FORMULA: a number whose XF comes after the position.
            0x0203 | 0x027E | 0x0006 if body.len() >= 6 && is_percent(u16_at(body, 4)) => {
                percent.push((u16_at(body, 0), u16_at(body, 2)));
            }
            // MULRK: a run of (XF, number) from the first column.
            0x00BD if body.len() >= 6 => {
                let (row, first) = (u16_at(body, 0), u16_at(body, 2));
                for (k, cell) in body[4..body.len() - 2].chunks_exact(6).enumerate() {
                    if is_percent(u16_at(cell, 0)) {
                        percent.push((row, first + k as u32));
                    }
                }
            }
            _ => {}
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
    percent.sort_unstable();
    Ok(percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xls_format_codes_in_every_string_form() {
        // BIFF8, 8-bit characters; with a rich-text run count; 16-bit characters.
        assert_eq!(format_code(b"\x04\x00\x000.0%", true).as_deref(), Some("0.0%"));
        assert_eq!(format_code(b"\x02\x00\x08\x01\x000%", true).as_deref(), Some("0%"));
        assert_eq!(format_code(b"\x02\x00\x010\x00%\x00", true).as_deref(), Some("0%"));
        // BIFF5: an 8-bit length.
        assert_eq!(format_code(b"\x050.00%", false).as_deref(), Some("0.00%"));
        // Cut short: no code.
        assert_eq!(format_code(b"\x09\x00\x000%", true), None);
    }

    /// The same merges and percentage cells whatever prefixes the
    /// `OpenDocument` namespaces are bound to.
    #[test]
    fn ods_by_namespace_not_prefix() {
        let content = |t: &str, o: &str| {
            format!(
                r#"<{o}:document-content xmlns:{o}="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:{t}="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><{o}:body><{o}:spreadsheet><{t}:table {t}:name="Plan"><{t}:table-row {t}:number-rows-repeated="2"><{t}:table-cell/></{t}:table-row><{t}:table-row><{t}:table-cell {t}:number-rows-spanned="2" {o}:value-type="string"/><{t}:table-cell {o}:value-type="percentage" {o}:value="0.5" {t}:number-columns-repeated="2"/></{t}:table-row></{t}:table></{o}:spreadsheet></{o}:body></{o}:document-content>"#
            )
        };
        let merge = Merge { first_row: 2, first_column: 0, last_row: 3, last_column: 0 };
        for (t, o) in [("table", "office"), ("t", "of"), ("x", "table")] {
            let (merges, percent) = scan_ods(content(t, o).as_bytes(), &Limits::default()).unwrap_or_default();
            assert_eq!(merges, [("Plan".to_owned(), vec![merge])], "{t} {o}");
            assert_eq!(percent, [("Plan".to_owned(), vec![(2, 1), (2, 2)])], "{t} {o}");
        }
    }
}
