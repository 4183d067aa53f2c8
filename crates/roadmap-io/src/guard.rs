//! Checks a zip container (xlsx, xlsm, xlsb, ods) before calamine opens
//! it, for what calamine does not guard against: parts that inflate to
//! gigabytes (sizes are counted while inflating, not taken from the
//! header), shared-strings tables declaring millions of entries (calamine
//! reserves that much up front), DTDs, and `OpenDocument` sheets whose repeat
//! attributes declare more cells than any tracker holds. The same scan
//! collects what calamine does not give: an ods sheet's merged cells, and
//! whether an xlsx counts dates from 1904.

use std::io::{Cursor, Read};

use crate::error::{Error, ErrorKind, limit};
use crate::grid::Merge;
use crate::limits::Limits;

/// What the scan learnt.
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    /// The workbook counts dates from 1904.
    pub date_1904: bool,
    /// ods: merged regions per sheet name.
    pub ods_merges: Vec<(String, Vec<Merge>)>,
}

fn hostile(reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::Hostile { reason: reason.into() })
}

/// Scans every part of the zip.
pub(crate) fn scan_zip(bytes: &[u8], limits: &Limits) -> Result<Scanned, Error> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::new(ErrorKind::Workbook { format: "zip", message: e.to_string() }))?;
    let mut scanned = Scanned::default();
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut part = archive
            .by_index(i)
            .map_err(|e| Error::new(ErrorKind::Workbook { format: "zip", message: e.to_string() }))?;
        let name = part
            .name()
            .map_err(|e| Error::new(ErrorKind::Workbook { format: "zip", message: e.to_string() }))?
            .into_owned();
        let is_xml = std::path::Path::new(&name)
            .extension()
            .is_some_and(|e| ["xml", "rels", "vml"].iter().any(|x| e.eq_ignore_ascii_case(x)));
        let keep = name == "xl/workbook.xml" || name == "content.xml" || name == "xl/sharedStrings.xml";
        let mut size = 0u64;
        let mut head: Vec<u8> = Vec::new();
        let mut kept: Vec<u8> = Vec::new();
        let mut tail: Vec<u8> = Vec::new();
        loop {
            let n = part
                .read(&mut buf)
                .map_err(|e| Error::new(ErrorKind::Workbook { format: "zip", message: format!("{name}: {e}") }))?;
            if n == 0 {
                break;
            }
            size += n as u64;
            total += n as u64;
            if size > limits.part_bytes {
                return Err(limit(format!("the inflated size of {name}"), size, limits.part_bytes, None));
            }
            if total > limits.inflated_bytes {
                return Err(limit("the inflated size of the workbook", total, limits.inflated_bytes, None));
            }
            let chunk = &buf[..n];
            if is_xml {
                // A DTD may declare entities; no tracker has one.
                let mut window = std::mem::take(&mut tail);
                window.extend_from_slice(chunk);
                if contains(&window, b"<!DOCTYPE") || contains(&window, b"<!ENTITY") {
                    return Err(hostile(format!("{name} declares a DTD")));
                }
                tail = window[window.len().saturating_sub(16)..].to_vec();
                if head.len() < 4096 {
                    head.extend_from_slice(&chunk[..chunk.len().min(4096 - head.len())]);
                }
                if keep && name == "content.xml" {
                    kept.extend_from_slice(chunk);
                }
            }
        }
        match name.as_str() {
            "xl/sharedStrings.xml" => {
                for attr in [&b"uniqueCount=\""[..], &b"count=\""[..]] {
                    if let Some(n) = attribute_number(&head, attr)
                        && n > limits.shared_strings
                    {
                        return Err(limit("the shared strings the workbook declares", n, limits.shared_strings, None));
                    }
                }
            }
            "xl/workbook.xml" => {
                scanned.date_1904 = attribute_text(&head, b"date1904=\"").is_some_and(|v| v == "1" || v == "true");
            }
            "content.xml" => scanned.ods_merges = scan_ods(&kept, limits)?,
            _ => {}
        }
    }
    Ok(scanned)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
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
/// (`number-rows-spanned`, `number-columns-spanned`) with their positions.
fn scan_ods(xml: &[u8], limits: &Limits) -> Result<Vec<(String, Vec<Merge>)>, Error> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut sheets: Vec<(String, Vec<Merge>)> = Vec::new();
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<u64> {
        e.attributes().flatten().find(|a| a.key.as_ref() == name).and_then(|a| a.value.trim().parse().ok())
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Error::new(ErrorKind::Workbook { format: "ods", message: format!("content.xml: {e}") }))?;
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
                    let has_value = e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type") || !empty;
                    if has_value {
                        max_row = max_row.max(row + row_repeat);
                        max_col = max_col.max(col + repeat);
                        let dense = max_row.saturating_mul(max_col);
                        if dense > limits.cells {
                            return Err(limit(
                                "the cells the sheet's repeat attributes declare",
                                dense,
                                limits.cells,
                                None,
                            ));
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
    Ok(sheets)
}
