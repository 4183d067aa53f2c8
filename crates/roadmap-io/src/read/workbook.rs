//! Workbooks through calamine: xlsx, xlsm, xlsb (streamed cell by cell,
//! never as a dense grid), xls and ods (as ranges, after the guards).

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsb, Xlsx};

use crate::error::{Error, ErrorKind, Measure, Place, WorkbookCause};
use crate::grid::{Grid, GridBuilder, Merge, Value};
use crate::import::SheetRole;
use crate::limits::Limits;
use crate::read::gate::{Cancelled, Gate, GatedReader};
use crate::read::guard::{SheetMerges, ZipScan, scan_zip};
use crate::read::stream::{Emit, Event, Merges};
use crate::values::serial_to_date;

/// The workbook formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    /// Office Open XML (xlsx, xlsm).
    Xlsx,
    /// Binary Office Open XML.
    Xlsb,
    /// Excel 97-2003.
    Xls,
    /// `OpenDocument` spreadsheet.
    Ods,
}

impl WorkbookFormat {
    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "xlsx",
            WorkbookFormat::Xlsb => "xlsb",
            WorkbookFormat::Xls => "xls",
            WorkbookFormat::Ods => "ods",
        }
    }
}

fn broken(format: WorkbookFormat, cause: impl Into<WorkbookCause>) -> Error {
    Error::workbook(format.name(), cause)
}

/// Runs a calamine call, turning a panic on malformed content into an error.
fn guarded<T>(format: WorkbookFormat, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(broken(format, WorkbookCause::Malformed("the reader failed on malformed content"))))
}

/// Counts cells against the limit and checks each position is on a sheet.
struct Budget<'a> {
    limits: &'a Limits,
    cells: u64,
}

impl Budget<'_> {
    fn take(&mut self, row: u32, col: u32, sheet: &str) -> Result<(), Error> {
        if row >= roadmap_core::MAX_ROW || col >= roadmap_core::MAX_COLUMN {
            return Err(Error::new(ErrorKind::Hostile {
                reason: format!(
                    "sheet '{sheet}' has a cell outside a spreadsheet's grid (row {}, column {})",
                    u64::from(row) + 1,
                    u64::from(col) + 1
                ),
            }));
        }
        if col >= self.limits.columns {
            let place = Some(Place::Sheet(sheet.to_owned()));
            return Err(Error::limit(Measure::Columns, u64::from(col) + 1, u64::from(self.limits.columns), place));
        }
        self.cells += 1;
        if self.cells > self.limits.cells {
            return Err(Error::limit(
                Measure::Cells,
                self.cells,
                self.limits.cells,
                Some(Place::Sheet(sheet.to_owned())),
            ));
        }
        Ok(())
    }

    /// Counts a cell read cell by cell, checks it, and hands it on.
    fn emit(
        &mut self,
        row: u32,
        col: u32,
        value: Option<Value>,
        sheet: &str,
        emit: &mut Emit<'_>,
    ) -> Result<(), Error> {
        let Some(value) = value else { return Ok(()) };
        self.take(row, col, sheet)?;
        check_text(self, &value, row, col)?;
        emit.cell(row, col, value)
    }

    fn text(&self, text: &str, row: u32, col: u32) -> Result<(), Error> {
        if text.len() as u64 > self.limits.field_bytes {
            let place = roadmap_core::CellRef::new(row + 1, col + 1).ok().map(Place::Cell);
            return Err(Error::limit(Measure::CellBytes, text.len() as u64, self.limits.field_bytes, place));
        }
        Ok(())
    }
}

/// A date cell, in the system it was written in. calamine keeps the
/// system to itself; the day it computes tells which one.
fn date_value(dt: &ExcelDateTime, known_1904: Option<bool>) -> Value {
    let serial = dt.as_f64();
    if !dt.is_datetime() {
        return Value::Number(serial);
    }
    let system_1904 = known_1904.unwrap_or_else(|| {
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        let as_1904 = serial_to_date(serial, true).ok().map(|x| (x.year(), x.month(), x.day()));
        let as_1900 = serial_to_date(serial, false).ok().map(|x| (x.year(), x.month(), x.day()));
        let calamine = Some((i32::from(y), u32::from(m), u32::from(d)));
        as_1904 == calamine && as_1900 != calamine
    });
    Value::DateSerial { serial, system_1904 }
}

fn value_of_ref(v: &DataRef<'_>, known_1904: Option<bool>) -> Option<Value> {
    Some(match v {
        DataRef::Empty => return None,
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) | DataRef::DurationIso(s) => Value::Text(s.as_str().into()),
        DataRef::SharedString(s) => Value::Text((*s).into()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => date_value(dt, known_1904),
        DataRef::DateTimeIso(s) => Value::DateIso(s.clone()),
        DataRef::Error(e) => Value::Error(e.to_string()),
    })
}

fn value_of(v: &Data) -> Option<Value> {
    Some(match v {
        Data::Empty => return None,
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) | Data::DurationIso(s) => Value::Text(s.as_str().into()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => date_value(dt, None),
        Data::DateTimeIso(s) => Value::DateIso(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    })
}

fn check_text(budget: &Budget<'_>, v: &Value, row: u32, col: u32) -> Result<(), Error> {
    match v {
        Value::Text(_) | Value::DateIso(_) => budget.text(&v.text(), row, col),
        _ => Ok(()),
    }
}

fn merge_of(d: &calamine::Dimensions) -> Merge {
    Merge { first_row: d.start.0, first_column: d.start.1, last_row: d.end.0, last_column: d.end.1 }
}

/// The sheets of a workbook, in order.
pub(crate) fn sheet_names(bytes: &[u8], format: WorkbookFormat, limits: &Limits) -> Result<Vec<String>, Error> {
    if format != WorkbookFormat::Xls {
        scan_zip(bytes, limits)?;
    }
    guarded(format, || {
        let cursor = Cursor::new(bytes);
        Ok(match format {
            WorkbookFormat::Xlsx => Xlsx::new(cursor).map_err(|e| broken(format, e))?.sheet_names(),
            WorkbookFormat::Xlsb => Xlsb::new(cursor).map_err(|e| broken(format, e))?.sheet_names(),
            WorkbookFormat::Xls => Xls::new(cursor).map_err(|e| broken(format, e))?.sheet_names(),
            WorkbookFormat::Ods => Ods::new(cursor).map_err(|e| broken(format, e))?.sheet_names(),
        })
    })
}

/// Streams the named sheets (all when `only` is empty): their names first,
/// then each sheet's start and rows, in order.
pub(crate) fn stream(
    bytes: &[u8],
    format: WorkbookFormat,
    only: &[String],
    limits: &Limits,
    emit: &mut Emit<'_>,
) -> Result<(), Error> {
    match format {
        WorkbookFormat::Xlsx | WorkbookFormat::Xlsb => stream_checked(bytes, format, only, limits, emit),
        WorkbookFormat::Xls => {
            let percent = guarded(format, || crate::read::guard::scan_xls(bytes, limits))?;
            let grids = guarded(format, || {
                let wb = Xls::new(Cursor::new(bytes)).map_err(|e| broken(format, e))?;
                read_ranges(wb, format, only, &mut Budget { limits, cells: 0 }, emit, |wb, name| {
                    let merges = wb
                        .merge_cells_by_sheet_name(name)
                        .map_err(|e| broken(format, e))?
                        .iter()
                        .map(merge_of)
                        .collect();
                    // The scan's sheets are calamine's, in the same order.
                    let at = wb.sheets_metadata().iter().position(|s| s.name == name);
                    Ok((merges, at.and_then(|k| percent.get(k)).map_or(&[][..], Vec::as_slice)))
                })
            })?;
            emit.grids(grids)
        }
        WorkbookFormat::Ods => {
            let scanned = scan_zip(bytes, limits)?;
            let grids = guarded(format, || {
                let wb = Ods::new(Cursor::new(bytes)).map_err(|e| broken(format, e))?;
                read_ranges(wb, format, only, &mut Budget { limits, cells: 0 }, emit, |_, name| {
                    Ok((scanned.merges_of(name), scanned.percent_of(name)))
                })
            })?;
            emit.grids(grids)
        }
    }
}

/// Streams an xlsx or xlsb cell by cell while a checker thread scans its
/// worksheets ([`crate::read::gate`]); every other part is scanned first.
fn stream_checked(
    bytes: &[u8],
    format: WorkbookFormat,
    only: &[String],
    limits: &Limits,
    emit: &mut Emit<'_>,
) -> Result<(), Error> {
    let mut scan = ZipScan::head(bytes, limits, true)?;
    let gate = Arc::new(Gate::new(scan.deferred.iter().map(|d| (d.start, d.end))));
    let date_1904 = scan.scanned.date_1904;
    let sheets = scan.sheet_merges();
    let sizes: Vec<u64> = scan.deferred.iter().map(|d| d.end.saturating_sub(d.start)).collect();
    // A sheet's merged regions, and its part's compressed size when the
    // part is checked alongside the read; or why calamine is asked for them.
    let sheet = |name: &str| {
        let Some(sheets) = &sheets else { return Ok((Merges::Known(Vec::new()), None)) };
        match sheets.iter().find(|(n, _)| n == name).map(|(_, merges)| merges) {
            Some(SheetMerges::Deferred(k)) => {
                Ok((Merges::Checked { gate: Arc::clone(&gate), part: *k }, sizes.get(*k).copied()))
            }
            Some(SheetMerges::Known(known)) => Ok((Merges::Known(known.clone()), None)),
            Some(SheetMerges::Unresolved(why)) => Err(why.clone()),
            None => Err("is not named by the package's relationships".to_owned()),
        }
    };
    // calamine's merged regions of a sheet the scan could not follow, asked
    // for once every part is checked.
    let mut calamine: Option<Xlsx<Cursor<&[u8]>>> = None;
    let mut fallback = |name: &str| -> Result<Vec<Merge>, Error> {
        let wb = match &mut calamine {
            Some(wb) => wb,
            None => calamine.insert(Xlsx::new(Cursor::new(bytes)).map_err(|e| broken(format, e))?),
        };
        Ok(wb.merge_cells_by_sheet_name(name).map_err(|e| broken(format, e))?.iter().map(merge_of).collect())
    };
    std::thread::scope(|s| {
        let checker = s.spawn(|| {
            let mut cancelled = false;
            let mut passed = |k, at, merges| {
                gate.passed(k, at, merges).map_err(|Cancelled| {
                    cancelled = true;
                    broken(format, WorkbookCause::Malformed("the check was cancelled"))
                })
            };
            let result = catch_unwind(AssertUnwindSafe(|| scan.check_deferred(&mut passed, &mut fallback)))
                .unwrap_or_else(|_| {
                    Err(broken(format, WorkbookCause::Malformed("the check failed on malformed content")))
                });
            gate.ended(result.is_ok());
            // A check cancelled because the reader stopped is no error of its own.
            result.map_err(|e| (!cancelled).then_some(e))
        });
        let read = guarded(format, || {
            read_cells(GatedReader::new(bytes, &gate), format, only, limits, date_1904, &sheet, emit)
        });
        if read.is_err() {
            gate.cancel();
        }
        let verdict =
            checker.join().unwrap_or_else(|_| Err(Some(broken(format, WorkbookCause::Malformed("the check failed")))));
        // The check's refusal explains a read it cut short.
        match verdict {
            Err(Some(e)) => Err(e),
            _ => read,
        }
    })
}

/// How many rows a worksheet of `compressed` bytes may hold, about: sheet
/// XML rarely inflates more than 16-fold (the benchmark tracker's: 7.4),
/// and a row with a value takes at least 24 bytes of it. Bounds the size a
/// sheet declares, which a hostile file can set to a million rows.
fn rows_in(compressed: u64) -> u64 {
    compressed.saturating_mul(16) / 24
}

/// A sheet's merged regions and the compressed size of its part, or why
/// the scan could not find them.
type SheetSource<'a> = dyn Fn(&str) -> Result<(Merges, Option<u64>), String> + 'a;

/// Reads the chosen sheets of an xlsx or xlsb cell by cell. `sheet` gives
/// a sheet's merged regions and the compressed size of its part, or why
/// the scan could not find them: calamine's are read then.
fn read_cells<RS: std::io::Read + std::io::Seek>(
    reader: RS,
    format: WorkbookFormat,
    only: &[String],
    limits: &Limits,
    date_1904: bool,
    sheet: &SheetSource<'_>,
    emit: &mut Emit<'_>,
) -> Result<(), Error> {
    let mut budget = Budget { limits, cells: 0 };
    // The same loop over two readers whose cell readers are different types.
    macro_rules! each_cell {
        ($wb:expr, $known_1904:expr, $merges_of:expr) => {{
            let mut wb = $wb;
            let known_1904 = $known_1904(&wb);
            let names = chosen(wb.sheets_metadata(), only, emit)?;
            emit.event(Event::Sheets(names.clone()))?;
            for name in names {
                let (merges, compressed) = match sheet(&name) {
                    Ok(found) => found,
                    Err(reason) => (Merges::Fallback { merges: $merges_of(&mut wb, &name)?, reason }, None),
                };
                let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| broken(format, e))?;
                let declared = reader.dimensions();
                let rows = compressed
                    .map(|c| rows_in(c).min(u64::from(declared.end.0.saturating_sub(declared.start.0)) + 1))
                    .and_then(|r| usize::try_from(r).ok());
                emit.event(Event::Sheet { name: Some(Arc::from(name.as_str())), merges, rows })?;
                while let Some(cell) = reader.next_cell().map_err(|e| broken(format, e))? {
                    let (r, c) = cell.get_position();
                    budget.emit(r, c, value_of_ref(cell.get_value(), known_1904), &name, emit)?;
                }
            }
        }};
    }
    if format == WorkbookFormat::Xlsx {
        let merges_of = |wb: &mut Xlsx<RS>, name: &str| -> Result<Vec<Merge>, Error> {
            Ok(wb.merge_cells_by_sheet_name(name).map_err(|e| broken(format, e))?.iter().map(merge_of).collect())
        };
        each_cell!(Xlsx::new(reader).map_err(|e| broken(format, e))?, |_: &Xlsx<RS>| Some(date_1904), merges_of);
    } else {
        // calamine reads no merged regions of an xlsb.
        let merges_of = |_: &mut Xlsb<RS>, _: &str| -> Result<Vec<Merge>, Error> { Ok(Vec::new()) };
        each_cell!(
            Xlsb::new(reader).map_err(|e| broken(format, e))?,
            |wb: &Xlsb<RS>| Some(wb.has_1904_epoch()),
            merges_of
        );
    }
    Ok(())
}

/// Reads sheets that calamine only gives as ranges (xls, ods). `facts`
/// gives a sheet's merged regions and its percentage cells.
fn read_ranges<'b, 'p, R>(
    mut wb: R,
    format: WorkbookFormat,
    only: &[String],
    budget: &mut Budget<'_>,
    emit: &mut Emit<'_>,
    facts: impl Fn(&R, &str) -> Result<(Vec<Merge>, &'p [(u32, u32)]), Error>,
) -> Result<Vec<Grid>, Error>
where
    R: Reader<Cursor<&'b [u8]>>,
    R::Error: Into<WorkbookCause>,
{
    let mut grids = Vec::new();
    for name in chosen(wb.sheets_metadata(), only, emit)? {
        let range = wb.worksheet_range(&name).map_err(|e| broken(format, e))?;
        let (merges, percent) = facts(&wb, &name)?;
        grids.push(range_grid(&name, &range, merges, percent, budget)?);
    }
    Ok(grids)
}

fn range_grid(
    name: &str,
    range: &calamine::Range<Data>,
    merges: Vec<Merge>,
    percent: &[(u32, u32)],
    budget: &mut Budget<'_>,
) -> Result<Grid, Error> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut cells = GridBuilder::new();
    for (r, c, v) in range.used_cells() {
        let (r, c) = (r0 + r as u32, c0 + c as u32);
        if let Some(mut v) = value_of(v) {
            if let Value::Number(n) = v
                && !percent.is_empty()
                && percent.binary_search(&(r, c)).is_ok()
            {
                v = Value::Percent(n);
            }
            budget.take(r, c, name)?;
            check_text(budget, &v, r, c)?;
            cells.push(r, c, v);
        }
    }
    Ok(cells.finish(Some(Arc::from(name)), merges))
}

/// The sheets to read: the ones asked for, or every visible worksheet; the
/// sheets left out (hidden ones, chart and dialog sheets, which hold no
/// cells) are told to the mapper first.
fn chosen(sheets: &[calamine::Sheet], only: &[String], emit: &mut Emit<'_>) -> Result<Vec<String>, Error> {
    if only.is_empty() {
        let mut unread = Vec::new();
        let mut read = Vec::new();
        for sheet in sheets {
            let role = match (sheet.typ, sheet.visible) {
                (calamine::SheetType::WorkSheet, calamine::SheetVisible::Visible) => {
                    read.push(sheet.name.clone());
                    continue;
                }
                (calamine::SheetType::WorkSheet, _) => SheetRole::Hidden,
                (calamine::SheetType::ChartSheet, _) => SheetRole::Chart,
                _ => SheetRole::Other,
            };
            unread.push((sheet.name.clone(), role));
        }
        if !unread.is_empty() {
            emit.event(Event::Unread(unread))?;
        }
        return Ok(read);
    }
    let available: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    only.iter()
        .map(|want| {
            available.iter().find(|a| *a == want || a.eq_ignore_ascii_case(want)).cloned().ok_or_else(|| {
                Error::new(ErrorKind::SheetNotFound { name: want.clone(), available: available.join(", ") })
            })
        })
        .collect()
}
