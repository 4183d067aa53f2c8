//! What an xlsb's binary parts say besides their cells' values (MS-XLSB):
//! the workbook's sheets and date system, which cell formats are
//! percentages, and each worksheet's merged regions and cells under a
//! percent format, read from its records as the guard inflates it.
//!
//! A record is its type (one or two bytes of seven bits), its size (one to
//! four bytes of seven bits) and that many bytes of data.

use crate::grid::Merge;
use crate::read::is_percent_format;
use crate::read::sheetxml::{Cells, SheetScan, after_carry};

/// `BrtRowHdr`: the row the next cells are in.
const ROW: u16 = 0;
/// `BrtCellRk`, `BrtCellReal`, `BrtFmlaNum`: a number in a cell.
const NUMBER_CELLS: [u16; 3] = [2, 5, 9];
/// `BrtFmt`: a number format's id and code.
const FORMAT: u16 = 44;
/// `BrtXF`: a cell format; its number format is its second field.
const XF: u16 = 47;
/// `BrtBeginCellXFs` and `BrtEndCellXFs`: around the cell formats.
const CELL_XFS: (u16, u16) = (617, 618);
/// `BrtBundleSh`: a sheet of the workbook.
const SHEET: u16 = 156;
/// `BrtWbProp`: the workbook's properties (the date system).
const WORKBOOK_PROPERTIES: u16 = 153;
/// `BrtMergeCell`: a merged region.
const MERGE: u16 = 176;
/// The longest record kept whole while the next chunk comes: a cell's
/// text is at most 32,767 UTF-16 units. A longer one is passed over.
const RECORD_BYTES: usize = 1 << 20;

/// A record's type, its data's size, and the size of its header; `None`
/// when the bytes end within the header.
fn header(b: &[u8]) -> Option<(u16, usize, usize)> {
    let first = *b.first()?;
    let (kind, mut at) = if first & 0x80 == 0 {
        (u16::from(first), 1)
    } else {
        (u16::from(first & 0x7F) | (u16::from(*b.get(1)? & 0x7F) << 7), 2)
    };
    let mut size = 0usize;
    for i in 0..4 {
        let byte = *b.get(at)?;
        at += 1;
        size |= usize::from(byte & 0x7F) << (7 * i);
        if byte & 0x80 == 0 {
            break;
        }
    }
    Some((kind, size, at))
}

/// The whole records at the start of `b` (type and data), and where the
/// first one cut short begins.
fn records(b: &[u8]) -> (Vec<(u16, &[u8])>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((kind, size, head)) = header(&b[at..]) {
        let Some(data) = b.get(at + head..at + head + size) else { break };
        out.push((kind, data));
        at += head + size;
    }
    (out, at)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// An `XLWideString` at `at`: a count of UTF-16 units, then the units; the
/// text and where it ends. A count of `0xFFFFFFFF` is a null string.
fn wide_string(b: &[u8], at: usize) -> Option<(String, usize)> {
    let units = u32_at(b, at)?;
    if units == u32::MAX {
        return Some((String::new(), at + 4));
    }
    let end = at + 4 + usize::try_from(units).ok()?.checked_mul(2)?;
    let text: Vec<u16> = b.get(at + 4..end)?.chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
    Some((String::from_utf16_lossy(&text), end))
}

/// Which cell formats (a cell's style index) have a percent number format,
/// from the styles part: the built-in 9 and 10, or a custom format whose
/// code has a `%`. Empty when none has.
pub(crate) fn percent_styles(styles: &[u8]) -> Vec<bool> {
    let (records, _) = records(styles);
    let mut custom = Vec::new();
    let mut styles = Vec::new();
    let mut in_cell_xfs = false;
    for (kind, data) in records {
        match kind {
            FORMAT => {
                if let (Some(id), Some((code, _))) = (u16_at(data, 0), wide_string(data, 2))
                    && is_percent_format(&code)
                {
                    custom.push(id);
                }
            }
            k if k == CELL_XFS.0 => in_cell_xfs = true,
            k if k == CELL_XFS.1 => in_cell_xfs = false,
            XF if in_cell_xfs => {
                let id = u16_at(data, 2).unwrap_or(0);
                styles.push(matches!(id, 9 | 10) || custom.contains(&id));
            }
            _ => {}
        }
    }
    if styles.contains(&true) { styles } else { Vec::new() }
}

/// The workbook part's sheets (name and relationship id, in order) and
/// whether it counts dates from 1904.
pub(crate) fn workbook(workbook: &[u8]) -> (Vec<(String, String)>, bool) {
    let (records, _) = records(workbook);
    let mut sheets = Vec::new();
    let mut date_1904 = false;
    for (kind, data) in records {
        match kind {
            WORKBOOK_PROPERTIES => date_1904 = data.first().is_some_and(|b| b & 1 == 1),
            SHEET => {
                // The state and tab id, the relationship id, the name.
                if let Some((id, end)) = wide_string(data, 8)
                    && let Some((name, _)) = wide_string(data, end)
                {
                    sheets.push((name, id));
                }
            }
            _ => {}
        }
    }
    (sheets, date_1904)
}

/// The scan of one binary worksheet part, fed its bytes chunk by chunk.
#[derive(Debug, Default)]
pub(crate) struct BinSheet {
    /// The start of a record the previous chunk cut.
    carry: Vec<u8>,
    /// Bytes of a record too long to keep, still to pass over.
    skip: usize,
    row: u32,
    percent: Cells,
    merges: Vec<Merge>,
}

impl BinSheet {
    /// Scans the next bytes of the part. `percent_styles` are the
    /// workbook's ([`percent_styles`]).
    pub(crate) fn feed(&mut self, chunk: &[u8], percent_styles: &[bool]) {
        let skipped = self.skip.min(chunk.len());
        self.skip -= skipped;
        let mut joined = Vec::new();
        let bytes = after_carry(&mut self.carry, &chunk[skipped..], &mut joined);
        let (records, used) = records(bytes);
        for (kind, data) in records {
            self.record(kind, data, percent_styles);
        }
        let rest = &bytes[used..];
        match header(rest) {
            Some((_, size, head)) if head + size > RECORD_BYTES => self.skip = head + size - rest.len(),
            _ => self.carry = rest.to_vec(),
        }
    }

    fn record(&mut self, kind: u16, data: &[u8], percent_styles: &[bool]) {
        match kind {
            ROW => self.row = u32_at(data, 0).unwrap_or(self.row),
            k if NUMBER_CELLS.contains(&k) && !percent_styles.is_empty() => {
                if let (Some(column), Some(style)) = (u32_at(data, 0), u32_at(data, 4)) {
                    let style = (style & 0x00FF_FFFF) as usize;
                    if percent_styles.get(style).copied().unwrap_or(false) {
                        self.percent.push((self.row, column));
                    }
                }
            }
            MERGE => {
                if let (Some(first_row), Some(last_row), Some(first_column), Some(last_column)) =
                    (u32_at(data, 0), u32_at(data, 4), u32_at(data, 8), u32_at(data, 12))
                {
                    self.merges.push(Merge { first_row, first_column, last_row, last_column });
                }
            }
            _ => {}
        }
    }

    /// What the scan found, the cells in order.
    pub(crate) fn finish(mut self) -> SheetScan {
        self.percent.sort_unstable();
        SheetScan { merges: self.merges, percent: self.percent, ..SheetScan::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record: its type and size headers, then its data.
    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = if kind < 0x80 { vec![kind as u8] } else { vec![(kind & 0x7F) as u8 | 0x80, (kind >> 7) as u8] };
        let mut size = data.len();
        loop {
            let byte = (size & 0x7F) as u8;
            size >>= 7;
            out.push(if size > 0 { byte | 0x80 } else { byte });
            if size == 0 {
                break;
            }
        }
        out.extend_from_slice(data);
        out
    }

    fn wide(text: &str) -> Vec<u8> {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut out = (units.len() as u32).to_le_bytes().to_vec();
        out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        out
    }

    fn cell(column: u32, style: u32, value: &[u8]) -> Vec<u8> {
        [&column.to_le_bytes()[..], &style.to_le_bytes(), value].concat()
    }

    #[test]
    fn styles_workbook_and_a_sheet_from_their_records() {
        let styles = [
            record(FORMAT, &[&164u16.to_le_bytes()[..], &wide("0.0%")].concat()),
            record(FORMAT, &[&165u16.to_le_bytes()[..], &wide("yyyy")].concat()),
            record(XF, &[0, 0, 9, 0]), // a cell style's XF, not a cell's
            record(CELL_XFS.0, &1u32.to_le_bytes()),
            record(XF, &[0, 0, 0, 0]),
            record(XF, &[0, 0, 164, 0]),
            record(XF, &[0, 0, 165, 0]),
            record(XF, &[0, 0, 9, 0]),
            record(CELL_XFS.1, &[]),
        ]
        .concat();
        let percent = percent_styles(&styles);
        assert_eq!(percent, [false, true, false, true]);

        let book = [
            record(WORKBOOK_PROPERTIES, &1u32.to_le_bytes()),
            record(SHEET, &[&[0u8; 8][..], &wide("rId1"), &wide("Plan")].concat()),
        ]
        .concat();
        assert_eq!(workbook(&book), (vec![("Plan".to_owned(), "rId1".to_owned())], true));

        let long_text = vec![b'x'; 300];
        let sheet = [
            record(ROW, &4u32.to_le_bytes()),
            record(5, &cell(1, 1, &0.375f64.to_le_bytes())),
            record(5, &cell(2, 2, &7.0f64.to_le_bytes())),
            record(6, &cell(3, 1, &long_text)), // text under a percent style: not a number
            record(ROW, &5u32.to_le_bytes()),
            record(2, &cell(1, 0x0100_0003, &0u32.to_le_bytes())), // flags above the style index
            record(MERGE, &[4u32, 5, 0, 0].map(u32::to_le_bytes).concat()),
        ]
        .concat();
        for cut in 0..sheet.len() {
            let mut scan = BinSheet::default();
            scan.feed(&sheet[..cut], &percent);
            scan.feed(&sheet[cut..], &percent);
            let found = scan.finish();
            assert_eq!(found.percent, [(4, 1), (5, 1)], "cut at {cut}");
            assert_eq!(found.merges, [Merge { first_row: 4, first_column: 0, last_row: 5, last_column: 0 }]);
        }
    }

    #[test]
    fn a_record_too_long_to_keep_is_passed_over() {
        let mut sheet = record(6, &vec![0u8; RECORD_BYTES + 10]);
        sheet.extend(record(ROW, &9u32.to_le_bytes()));
        sheet.extend(record(5, &cell(0, 1, &1f64.to_le_bytes())));
        let mut scan = BinSheet::default();
        for chunk in sheet.chunks(64 * 1024) {
            scan.feed(chunk, &[false, true]);
            assert!(scan.carry.len() <= 64 * 1024);
        }
        assert_eq!(scan.finish().percent, [(9, 0)]);
    }
}
