//! What a worksheet's XML holds besides its cells' values, found by a byte
//! scan as the guard inflates it ([`crate::read::guard`]), never by a second
//! parse: its merged regions, the cells with a value under a percent number
//! format, and the formulas saved without a value.
//!
//! Tags are matched as the sheet spells them: the prefix its root element
//! binds to the `SpreadsheetML` namespace (none, `x:`, any other) is read
//! from that element, and every later namespace declaration is checked not
//! to rebind it or to bind the namespace to another prefix. Where the scan
//! cannot tell what a tag means, it says why ([`SheetScan::fallback`]): the
//! sheet's merged regions are then taken from calamine, and its cells from
//! a second pass that parses the XML ([`parse`]).

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::grid::Merge;
use crate::read::is_percent_format;
use crate::read::package::is_spreadsheetml;

/// What the scan of one worksheet part found.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SheetScan {
    /// The sheet's merged regions.
    pub merges: Vec<Merge>,
    /// The cells with a value under a percent number format.
    pub percent: Cells,
    /// The cells holding a formula saved without a value.
    pub unsaved_formulas: Cells,
    /// Why the byte scan could not read the sheet, when it could not: its
    /// merged regions are then calamine's, and its cells a second pass's.
    pub fallback: Option<String>,
}

/// Cells by 0-based row and column, in order.
pub(crate) type Cells = Vec<(u32, u32)>;

/// The longest cell a worksheet holds, in XML: a formula of 8,192
/// characters and a text of 32,767, escaped. A longer one is not looked at.
const CELL_BYTES: usize = 1 << 20;
/// Bytes a sheet's root element may take before the scan gives up on it.
const ROOT_BYTES: usize = 64 * 1024;
/// The longest namespace prefix the scan follows.
const PREFIX_BYTES: usize = 64;
/// Bytes of the previous chunk kept for what straddles two chunks: the
/// longest tag looked for, or a namespace declaration.
const SEAM: usize = 512;

/// The tags looked for, spelled with the sheet's prefix: each is the
/// start of a tag (`<c`, `</c`), which [`is_tag`] checks is followed by
/// what ends a tag's name.
#[derive(Debug)]
struct Tags {
    /// The prefix bound to `SpreadsheetML`, without its colon (empty: none).
    prefix: Vec<u8>,
    cell: Vec<u8>,
    cell_end: Vec<u8>,
    formula: Vec<u8>,
    value: Vec<u8>,
    merge_block: Vec<u8>,
    merge: Vec<u8>,
}

impl Tags {
    fn new(prefix: &[u8]) -> Tags {
        let p = if prefix.is_empty() { Vec::new() } else { [prefix, b":"].concat() };
        let tag = |before: &[u8], name: &[u8]| [before, &p, name].concat();
        Tags {
            prefix: prefix.to_vec(),
            cell: tag(b"<", b"c"),
            cell_end: tag(b"</", b"c"),
            formula: tag(b"<", b"f"),
            value: tag(b"<", b"v"),
            merge_block: tag(b"<", b"mergeCells"),
            merge: tag(b"<", b"mergeCell"),
        }
    }
}

/// True when `xml` at `at` starts the tag `name`: the name is followed by
/// whitespace, `>` or `/` (`<c ` and `<c>`, not `<col`).
fn is_tag(xml: &[u8], at: usize, name: &[u8]) -> bool {
    xml[at..].starts_with(name)
        && xml.get(at + name.len()).is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
}

/// Where the tags `name` start in `xml`, in order.
fn find_tags<'a>(xml: &'a [u8], name: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(xml, name).filter(move |&at| is_tag(xml, at, name))
}

/// Where the last tag `name` starts in `xml`.
fn last_tag(xml: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::rfind_iter(xml, name).find(|&at| is_tag(xml, at, name))
}

/// The scan of one worksheet part, fed its bytes chunk by chunk.
#[derive(Debug, Default)]
pub(crate) struct SheetXml {
    /// The part's first bytes, until its root element is read.
    head: Vec<u8>,
    tags: Option<Tags>,
    /// The last bytes of the previous chunk.
    seam: Vec<u8>,
    /// The bytes from the merged-regions block on.
    merges_xml: Option<Vec<u8>>,
    cells: CellScan,
    fallback: Option<String>,
}

impl SheetXml {
    /// Scans the next bytes of the part. `percent_styles` are the
    /// workbook's ([`percent_styles`]).
    pub(crate) fn feed(&mut self, chunk: &[u8], percent_styles: &[bool]) {
        if self.fallback.is_some() {
            return;
        }
        if self.tags.is_none() {
            self.head.extend_from_slice(chunk);
            match root_prefix(&self.head) {
                Root::Found { prefix, end } => {
                    let head = std::mem::take(&mut self.head);
                    self.tags = Some(Tags::new(&prefix));
                    self.scan(&head[end..], percent_styles);
                }
                Root::NotYet if self.head.len() < ROOT_BYTES => {}
                Root::NotYet => self.give_up("its root element is too long to read"),
                Root::Unsure(why) => self.give_up(why),
            }
            return;
        }
        self.scan(chunk, percent_styles);
    }

    fn give_up(&mut self, why: &str) {
        self.fallback = Some(why.to_owned());
        self.head = Vec::new();
        self.merges_xml = None;
        self.cells = CellScan::default();
    }

    fn scan(&mut self, chunk: &[u8], percent_styles: &[bool]) {
        let Some(tags) = self.tags.take() else { return };
        let why = self.scan_with(chunk, percent_styles, &tags);
        self.tags = Some(tags);
        if let Some(why) = why {
            self.give_up(why);
        }
    }

    fn scan_with(&mut self, chunk: &[u8], percent_styles: &[bool], tags: &Tags) -> Option<&'static str> {
        let mut window = std::mem::take(&mut self.seam);
        let seam = window.len();
        window.extend_from_slice(&chunk[..chunk.len().min(SEAM)]);
        if let Some(why) = rebinding(&window, seam, chunk, tags) {
            return Some(why);
        }
        if let Some(xml) = &mut self.merges_xml {
            xml.extend_from_slice(chunk);
        } else if let Some(at) = memchr::memmem::find(&window, &tags.merge_block) {
            // Across the seam with the previous chunk first, then in this one.
            let mut xml = window[at..].to_vec();
            xml.extend_from_slice(&chunk[chunk.len().min(SEAM)..]);
            self.merges_xml = Some(xml);
        } else if let Some(at) = memchr::memmem::find(chunk, &tags.merge_block) {
            self.merges_xml = Some(chunk[at..].to_vec());
        }
        if let Err(why) = self.cells.feed(chunk, percent_styles, tags) {
            return Some(why);
        }
        // The last bytes of the part so far.
        let tail = if chunk.len() >= SEAM { chunk } else { &window[..] };
        self.seam = tail[tail.len() - tail.len().min(SEAM)..].to_vec();
        None
    }

    /// What the scan found, the cells in order.
    pub(crate) fn finish(self, percent_styles: &[bool]) -> SheetScan {
        if self.tags.is_none() && self.fallback.is_none() {
            // The part ended before its root element did.
            return SheetScan { fallback: Some("has no root element".to_owned()), ..SheetScan::default() };
        }
        let mut cells = self.cells;
        if let Some(tags) = &self.tags
            && let Err(why) = cells.finish(percent_styles, tags)
        {
            return SheetScan { fallback: Some(why.to_owned()), ..SheetScan::default() };
        }
        cells.percent.sort_unstable();
        cells.unsaved_formulas.sort_unstable();
        let merges = match (&self.tags, &self.merges_xml) {
            (Some(tags), Some(xml)) => merges(xml, &tags.merge),
            _ => Vec::new(),
        };
        SheetScan { merges, percent: cells.percent, unsaved_formulas: cells.unsaved_formulas, fallback: self.fallback }
    }
}

/// What the start of a sheet part says of its root element.
enum Root {
    /// The prefix bound to `SpreadsheetML`, and where the element ends.
    Found { prefix: Vec<u8>, end: usize },
    /// More bytes are needed.
    NotYet,
    /// The scan cannot follow this part.
    Unsure(&'static str),
}

fn root_prefix(head: &[u8]) -> Root {
    let mut reader = quick_xml::NsReader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match reader.read_resolved_event_into(&mut buf) {
            Ok((ns, Event::Start(e))) => {
                let ResolveResult::Bound(ns) = ns else { return Root::Unsure("has a root element in no namespace") };
                if !is_spreadsheetml(ns.as_ref()) {
                    return Root::Unsure("has a root element that is not SpreadsheetML");
                }
                let bound = e
                    .attributes()
                    .flatten()
                    .filter(|a| a.key.as_namespace_binding().is_some() && is_spreadsheetml(a.value.trim()))
                    .count();
                if bound > 1 {
                    return Root::Unsure("binds the SpreadsheetML namespace to two prefixes");
                }
                let prefix = e.name().prefix().map(|p| p.as_ref().as_bytes().to_vec()).unwrap_or_default();
                if prefix.len() > PREFIX_BYTES {
                    return Root::Unsure("has a namespace prefix too long to follow");
                }
                let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX).min(head.len());
                return Root::Found { prefix, end };
            }
            Ok((_, Event::Empty(_))) => return Root::Unsure("has an empty root element"),
            Ok((_, Event::Eof)) | Err(_) => return Root::NotYet,
            _ => {}
        }
        buf.clear();
    }
}

/// Why a namespace declaration in these bytes stops the scan: it binds
/// the sheet's prefix to another namespace, or `SpreadsheetML` to another
/// prefix. `window` is the previous chunk's last `seam` bytes and this
/// chunk's first ones, for a declaration that starts in the former.
fn rebinding(window: &[u8], seam: usize, chunk: &[u8], tags: &Tags) -> Option<&'static str> {
    let finder = memchr::memmem::Finder::new(b"xmlns");
    let across = finder.find_iter(window).take_while(|at| *at < seam).map(|at| (&window[at..], false));
    // One that the chunk's end cuts is read whole with the next chunk.
    let cut_later = |at: usize| at + SEAM >= chunk.len();
    for (declaration, later) in across.chain(finder.find_iter(chunk).map(|at| (&chunk[at..], cut_later(at)))) {
        match declaration_of(declaration) {
            Declaration::Binds { prefix, uri } => {
                let main = is_spreadsheetml(std::str::from_utf8(uri).unwrap_or_default().trim());
                if prefix == tags.prefix.as_slice() && !main {
                    return Some("binds its SpreadsheetML prefix to another namespace inside the sheet");
                }
                if prefix != tags.prefix.as_slice() && main {
                    return Some("binds the SpreadsheetML namespace to another prefix inside the sheet");
                }
            }
            Declaration::Cut if !later => return Some("has a namespace declaration too long to follow"),
            Declaration::Cut | Declaration::None => {}
        }
    }
    None
}

enum Declaration<'a> {
    /// `xmlns="uri"` (an empty prefix) or `xmlns:prefix="uri"`.
    Binds { prefix: &'a [u8], uri: &'a [u8] },
    /// It runs past the bytes at hand.
    Cut,
    /// The word `xmlns` that declares nothing (in a text, a longer name).
    None,
}

/// Reads a namespace declaration at the start of `bytes` (`xmlns...`).
fn declaration_of(bytes: &[u8]) -> Declaration<'_> {
    let rest = &bytes[5..];
    let (prefix, rest) = match rest.first() {
        Some(b':') => {
            let Some(end) = rest.iter().position(|b| *b == b'=' || b.is_ascii_whitespace() || *b == b'>') else {
                return Declaration::Cut;
            };
            (&rest[1..end], &rest[end..])
        }
        Some(_) => (&rest[..0], rest),
        None => return Declaration::Cut,
    };
    let rest = rest.trim_ascii_start();
    let Some(rest) = rest.strip_prefix(b"=") else {
        return if rest.is_empty() { Declaration::Cut } else { Declaration::None };
    };
    let rest = rest.trim_ascii_start();
    let Some(&quote) = rest.first() else { return Declaration::Cut };
    if quote != b'"' && quote != b'\'' {
        return Declaration::None;
    }
    match memchr::memchr(quote, &rest[1..]) {
        Some(end) => Declaration::Binds { prefix, uri: &rest[1..=end] },
        None => Declaration::Cut,
    }
}

/// Finds, in a worksheet's bytes as they are inflated, the cells with a
/// value under a percent format and the formulas saved without a value: a
/// byte scan for cell and formula tags, never a second parse. With no
/// percent style in the workbook it looks only at the cells that hold a
/// formula (one `memmem` pass a chunk, like the DTD check's).
#[derive(Debug, Default)]
struct CellScan {
    /// The bytes from the last cell start of what was fed so far: that
    /// cell may be cut, so it is looked at with the next bytes.
    carry: Vec<u8>,
    percent: Cells,
    unsaved_formulas: Cells,
}

/// Why a cell scan stops: a cell it must place has no reference.
const NO_REFERENCE: &str = "has cells without a reference (r attribute)";

/// The bytes to scan: the chunk, after what the previous one left
/// (`carry`, taken) when it left any; `joined` holds them joined.
pub(crate) fn after_carry<'a>(carry: &mut Vec<u8>, chunk: &'a [u8], joined: &'a mut Vec<u8>) -> &'a [u8] {
    if carry.is_empty() {
        return chunk;
    }
    *joined = std::mem::take(carry);
    joined.extend_from_slice(chunk);
    joined
}

impl CellScan {
    fn feed(&mut self, chunk: &[u8], percent_styles: &[bool], tags: &Tags) -> Result<(), &'static str> {
        let mut joined = Vec::new();
        let bytes = after_carry(&mut self.carry, chunk, &mut joined);
        // The cells before the last start are whole; the last waits, with
        // a cell tag the chunk's end may have cut before its name ended.
        let split = last_tag(bytes, &tags.cell).unwrap_or(bytes.len().saturating_sub(tags.cell.len()));
        self.cells(&bytes[..split], percent_styles, tags)?;
        let rest = &bytes[split..];
        if rest.len() > CELL_BYTES {
            // No cell is this long: what follows the last one is not a cell.
            return self.cells(rest, percent_styles, tags);
        }
        self.carry = rest.to_vec();
        Ok(())
    }

    /// Looks at what is left at the end of the part.
    fn finish(&mut self, percent_styles: &[bool], tags: &Tags) -> Result<(), &'static str> {
        let rest = std::mem::take(&mut self.carry);
        self.cells(&rest, percent_styles, tags)
    }

    /// Looks at whole cells (a cell whose end is not in `xml` is left).
    fn cells(&mut self, xml: &[u8], percent_styles: &[bool], tags: &Tags) -> Result<(), &'static str> {
        // A formula with no value after it in its cell (or an empty one:
        // `<v/>`, `<v></v>`).
        let mut last_cell = None;
        for at in find_tags(xml, &tags.formula) {
            let Some(start) = last_tag(&xml[..at], &tags.cell) else { continue };
            let Some(end) = find_tags(&xml[at..], &tags.cell_end).next().map(|e| at + e) else { continue };
            let content = &xml[at..end];
            let has_value = find_tags(content, &tags.value).any(|v| {
                let value = &content[v + tags.value.len()..];
                let gt = memchr::memchr(b'>', value).unwrap_or(value.len());
                value[..gt].last() != Some(&b'/') && !value[gt + 1..].starts_with(b"</")
            });
            if last_cell == Some(start) || has_value {
                continue;
            }
            last_cell = Some(start);
            self.unsaved_formulas.push(cell_position(&xml[start..at]).ok_or(NO_REFERENCE)?);
        }
        if percent_styles.is_empty() {
            return Ok(());
        }
        for at in find_tags(xml, &tags.cell) {
            let tag = &xml[at..];
            let Some(gt) = memchr::memchr(b'>', tag) else { continue };
            // A cell with no value (`<c .../>`) shows nothing.
            if tag[gt - 1] == b'/' {
                continue;
            }
            let tag = &tag[..gt];
            let style = attribute(tag, b"s").and_then(|s| s.trim().parse::<usize>().ok());
            if style.is_some_and(|s| percent_styles.get(s).copied().unwrap_or(false)) {
                self.percent.push(cell_position(tag).ok_or(NO_REFERENCE)?);
            }
        }
        Ok(())
    }
}

/// The second pass over a sheet the byte scan could not follow: a parse of
/// its XML, elements matched by namespace, for the cells with a value under
/// a percent format and the formulas saved without a value (both in order).
/// A cell without a reference is placed as calamine places it: after the
/// row's previous cell, in the row after the previous row. Malformed XML
/// ends the pass (calamine reports it when it reads the sheet).
pub(crate) fn parse(xml: impl std::io::BufRead, percent_styles: &[bool]) -> (Cells, Cells) {
    /// The cell being read: where it is, whether its style is a percent
    /// format, whether it has a formula, and a value.
    struct Open {
        at: (u32, u32),
        percent: bool,
        formula: bool,
        value: bool,
    }
    let mut reader = quick_xml::NsReader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let (mut percent, mut unsaved) = (Vec::new(), Vec::new());
    let (mut row, mut column) = (0u32, 0u32);
    let mut cell: Option<Open> = None;
    let mut in_value = false;
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| {
        e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| a.value.trim().to_owned())
    };
    loop {
        match reader.read_resolved_event_into(&mut buf) {
            Ok((ResolveResult::Bound(ns), Event::Start(e))) if is_spreadsheetml(ns.as_ref()) => {
                match e.local_name().as_ref() {
                    "row" => {
                        if let Some(r) = attr(&e, "r").and_then(|r| r.parse::<u32>().ok()) {
                            row = r.saturating_sub(1);
                        }
                    }
                    "c" => {
                        if let Some(at) = attr(&e, "r").and_then(|r| r.parse::<roadmap_core::CellRef>().ok()) {
                            (row, column) = (at.row() - 1, at.column() - 1);
                        }
                        let style = attr(&e, "s").and_then(|s| s.parse::<usize>().ok());
                        let percent = style.is_some_and(|s| percent_styles.get(s).copied().unwrap_or(false));
                        cell = Some(Open { at: (row, column), percent, formula: false, value: false });
                    }
                    "f" => cell.iter_mut().for_each(|c| c.formula = true),
                    "v" => in_value = true,
                    "is" => cell.iter_mut().for_each(|c| c.value = true),
                    _ => {}
                }
            }
            // A value is its text: `<v/>` and `<v></v>` hold none.
            Ok((_, Event::Text(t))) if in_value && !t.is_empty() => {
                if let Some(c) = &mut cell {
                    c.value = true;
                }
            }
            Ok((ResolveResult::Bound(ns), Event::End(e))) if is_spreadsheetml(ns.as_ref()) => {
                match e.local_name().as_ref() {
                    "v" => in_value = false,
                    "row" => (row, column) = (row.saturating_add(1), 0),
                    "c" => {
                        if let Some(done) = cell.take() {
                            if done.percent && done.value {
                                percent.push(done.at);
                            }
                            if done.formula && !done.value {
                                unsaved.push(done.at);
                            }
                            column = column.saturating_add(1);
                        }
                    }
                    "sheetData" => break,
                    _ => {}
                }
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    percent.sort_unstable();
    unsaved.sort_unstable();
    (percent, unsaved)
}

/// The value of the attribute `name` in a start tag's bytes, however the
/// tag spells it: whitespace before the name and around `=`, either quote.
pub(crate) fn attribute<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a str> {
    for at in memchr::memmem::find_iter(tag, name) {
        if at == 0 || !tag[at - 1].is_ascii_whitespace() {
            continue;
        }
        let Some(rest) = tag[at + name.len()..].trim_ascii_start().strip_prefix(b"=") else { continue };
        let rest = rest.trim_ascii_start();
        let Some((&quote, rest)) = rest.split_first() else { continue };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let end = memchr::memchr(quote, rest)?;
        return std::str::from_utf8(&rest[..end]).ok();
    }
    None
}

/// A cell's 0-based position from its tag's `r` attribute.
fn cell_position(tag: &[u8]) -> Option<(u32, u32)> {
    let cell = attribute(tag, b"r")?.trim().parse::<roadmap_core::CellRef>().ok()?;
    Some((cell.row() - 1, cell.column() - 1))
}

/// The merged regions of a sheet's merged-regions block; `merge` is the
/// tag of one region as the sheet spells it.
fn merges(xml: &[u8], merge: &[u8]) -> Vec<Merge> {
    let mut out = Vec::new();
    for at in find_tags(xml, merge) {
        let tag = &xml[at..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        let Some(range) = attribute(tag, b"ref").map(str::trim) else { continue };
        let (a, b) = range.split_once(':').unwrap_or((range, range));
        if let (Ok(a), Ok(b)) = (a.parse::<roadmap_core::CellRef>(), b.parse::<roadmap_core::CellRef>()) {
            out.push(Merge {
                first_row: a.row() - 1,
                first_column: a.column() - 1,
                last_row: b.row() - 1,
                last_column: b.column() - 1,
            });
        }
    }
    out
}

/// Which cell styles (`cellXfs` indexes, a cell's `s`) have a percent
/// number format: the built-in 9 (`0%`) and 10 (`0.00%`), or a custom
/// `numFmt` whose code has a `%` outside quotes. Empty when none has.
/// Elements are matched by namespace, whatever their prefix.
pub(crate) fn percent_styles(xml: &[u8]) -> Vec<bool> {
    let mut reader = quick_xml::NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut custom: Vec<u32> = Vec::new();
    let mut styles = Vec::new();
    let mut in_cell_xfs = false;
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(std::borrow::Cow::into_owned))
    };
    loop {
        match reader.read_resolved_event_into(&mut buf) {
            Ok((ResolveResult::Bound(ns), Event::Start(e) | Event::Empty(e))) if is_spreadsheetml(ns.as_ref()) => {
                match e.local_name().as_ref() {
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
                }
            }
            Ok((ResolveResult::Bound(ns), Event::End(e)))
                if is_spreadsheetml(ns.as_ref()) && e.local_name().as_ref() == "cellXfs" =>
            {
                in_cell_xfs = false;
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    if styles.contains(&true) { styles } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_that_are_percent_whatever_their_prefix() {
        let xml = br#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy"/></numFmts><cellStyleXfs><xf numFmtId="9"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="165"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>"#;
        assert_eq!(percent_styles(xml), [false, true, false, true, true]);
        let prefixed = String::from_utf8_lossy(xml)
            .replace("<styleSheet xmlns=", "<s:styleSheet xmlns:s=")
            .replace("<numF", "<s:numF")
            .replace("<cell", "<s:cell")
            .replace("</cell", "</s:cell")
            .replace("<xf", "<s:xf")
            .replace("</numFmts", "</s:numFmts")
            .replace("</styleSheet", "</s:styleSheet");
        assert_eq!(percent_styles(prefixed.as_bytes()), [false, true, false, true, true], "{prefixed}");
        let none = br#"<styleSheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
        assert!(percent_styles(none).is_empty());
        // Another namespace's elements are not styles.
        let other = br#"<styleSheet xmlns="urn:other"><cellXfs><xf numFmtId="9"/></cellXfs></styleSheet>"#;
        assert!(percent_styles(other).is_empty());
    }

    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// A sheet whose elements carry `prefix` (empty: none).
    fn sheet(prefix: &str, body: &str) -> String {
        let (p, declaration) = if prefix.is_empty() {
            (String::new(), "xmlns".to_owned())
        } else {
            (format!("{prefix}:"), format!("xmlns:{prefix}"))
        };
        let body = body.replace('<', &format!("<{p}")).replace(&format!("<{p}/"), &format!("</{p}"));
        format!(r#"<?xml version="1.0"?><{p}worksheet {declaration}="{MAIN}" xmlns:r="urn:r">{body}</{p}worksheet>"#)
    }

    const BODY: &str = r#"<sheetData><row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="1"/><c r="C1" t="str"><f>A1</f></c></row><row r="2"><c r="A2" s="2"><v>1</v></c><c r="B2" s="1" t="str"><f t="shared" si="0"/></c><c r="C2"><f>A1</f><v>3</v></c><c r="D2" s="1"><v>0.25</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="C1:D1"/></mergeCells>"#;

    fn scan_in_two(xml: &[u8], cut: usize) -> SheetScan {
        let mut scan = SheetXml::default();
        scan.feed(&xml[..cut], &[false, true, false]);
        scan.feed(&xml[cut..], &[false, true, false]);
        scan.finish(&[false, true, false])
    }

    /// The same sheet spelled as other writers spell XML: single quotes,
    /// line breaks and tabs between attributes, spaces around `=` and
    /// before `>`, an element on each line.
    fn respelled(xml: &str, how: usize) -> String {
        match how {
            0 => xml.to_owned(),
            1 => xml.replace('"', "'"),
            2 => xml.replace(" r=", "\n\tr=").replace(" s=", "\r\n s=").replace(" ref=", "\n ref="),
            3 => xml.replace("=\"", " = \"").replace("\">", "\" >").replace("\"/>", "\" />"),
            _ => xml.replace("><", ">\n  <"),
        }
    }

    /// The same cells and merges whatever the prefix and wherever the
    /// chunks are cut.
    #[test]
    fn cells_and_merges_across_every_cut_and_prefix() {
        let merges = [
            Merge { first_row: 0, first_column: 0, last_row: 1, last_column: 0 },
            Merge { first_row: 0, first_column: 2, last_row: 0, last_column: 3 },
        ];
        // Rows enough that the merged regions come chunks after the root.
        let padding =
            (3..80).map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#)).collect::<Vec<_>>().concat();
        let long = BODY.replace("</sheetData>", &format!("{padding}</sheetData>"));
        let cases = [("", BODY), ("x", BODY), ("ss", BODY), ("main0", BODY), ("", &long), ("x", &long)];
        for ((prefix, body), how) in cases.into_iter().flat_map(|c| (0..5).map(move |how| (c, how))) {
            let xml = respelled(&sheet(prefix, body), how);
            for cut in 0..xml.len() {
                let found = scan_in_two(xml.as_bytes(), cut);
                let case = format!("{prefix} spelled {how}, cut at {cut}");
                assert_eq!(found.fallback, None, "{case}");
                assert_eq!(found.percent, [(0, 0), (1, 1), (1, 3)], "{case}");
                assert_eq!(found.unsaved_formulas, [(0, 2), (1, 1)], "{case}");
                assert_eq!(found.merges, merges, "{case}");
            }
        }
    }

    /// A formula saved with an empty value, as openpyxl writes it, has none.
    #[test]
    fn an_empty_value_is_no_value() {
        for empty in ["<v/>", "<v />", "<v></v>"] {
            let body =
                BODY.replace(r#"<c r="C1" t="str"><f>A1</f></c>"#, &format!(r#"<c r="C1"><f>A1</f>{empty}</c>"#));
            let xml = sheet("", &body);
            let found = scan_in_two(xml.as_bytes(), 40);
            assert_eq!(found.unsaved_formulas, [(0, 2), (1, 1)], "{empty}");
            assert_eq!(parse(xml.as_bytes(), &[]).1, [(0, 2), (1, 1)], "{empty}: the second pass");
        }
    }

    /// Tags of another namespace that look like cells are not cells.
    #[test]
    fn tags_of_another_prefix_are_not_cells() {
        let xml = sheet("x", BODY).replace("</x:worksheet>", r#"<c r="Z9" s="1"><v>1</v></c></x:worksheet>"#);
        let found = scan_in_two(xml.as_bytes(), 10);
        assert_eq!(found.percent, [(0, 0), (1, 1), (1, 3)]);
    }

    #[test]
    fn what_the_scan_cannot_follow_is_said() {
        let cases = [
            // The sheet's prefix bound to another namespace inside the sheet.
            sheet("x", &BODY.replace("<sheetData>", r#"<sheetData xmlns:x="urn:other">"#)),
            // SpreadsheetML bound to a second prefix inside the sheet.
            sheet("", &BODY.replace("<mergeCells ", &format!(r#"<mergeCells xmlns:y="{MAIN}" "#))),
            // The default namespace rebound.
            sheet("", &BODY.replace("<sheetData>", r#"<sheetData xmlns="urn:other">"#)),
            // Two prefixes for SpreadsheetML on the root.
            sheet("x", BODY).replace("xmlns:r=", &format!(r#"xmlns="{MAIN}" xmlns:r="#)),
            // A cell without a reference.
            sheet("", &BODY.replace(r#"<c r="D2" s="1">"#, r#"<c s="1">"#)),
            // Not a worksheet.
            r#"<worksheet xmlns="urn:other"><sheetData/></worksheet>"#.to_owned(),
        ];
        for xml in &cases {
            for cut in [0, xml.len() / 2, xml.len()] {
                let found = scan_in_two(xml.as_bytes(), cut);
                assert!(found.fallback.is_some(), "{xml} cut at {cut}");
                assert_eq!((found.merges, found.percent), (Vec::new(), Vec::new()));
            }
        }
        // The second pass reads what the scan could not, by namespace (the
        // cases whose cells are SpreadsheetML; in the others they are not).
        let plain = sheet("", BODY);
        let (before, rest) = plain.split_once("<sheetData>").unwrap_or_default();
        let (rows, after) = rest.split_once("</sheetData>").unwrap_or_default();
        let rows = rows.replace('<', "<y:").replace("<y:/", "</y:");
        let second_prefix = format!(r#"{before}<y:sheetData xmlns:y="{MAIN}">{rows}</y:sheetData>{after}"#);
        assert!(scan_in_two(second_prefix.as_bytes(), 7).fallback.is_some());
        for xml in [&cases[1], &cases[3], &cases[4], &second_prefix] {
            let (percent, unsaved) = parse(xml.as_bytes(), &[false, true, false]);
            // B2 has a percent style and no value: it shows nothing.
            assert_eq!(percent, [(0, 0), (1, 3)], "{xml}");
            assert_eq!(unsaved, [(0, 2), (1, 1)], "{xml}");
        }
        // Other namespaces declared inside the sheet (Excel's extensions) are fine.
        let ext = sheet("", &format!(r#"{BODY}<extLst><ext uri="{{1}}" xmlns:x14="urn:x14"><x14:y/></ext></extLst>"#));
        assert_eq!(scan_in_two(ext.as_bytes(), 100).fallback, None);
        // A declaration rebinding the prefix to the same namespace changes nothing.
        let same = sheet("x", &BODY.replace("<sheetData>", &format!(r#"<sheetData xmlns:x="{MAIN}">"#)));
        assert_eq!(scan_in_two(same.as_bytes(), 100).fallback, None);
    }
}
