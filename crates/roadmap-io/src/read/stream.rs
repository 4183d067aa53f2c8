//! Reading and mapping at once: the reader runs on its own thread and hands
//! rows over in batches while the mapping engine turns the rows before them
//! into initiatives, so an import takes about as long as the slower of the
//! two rather than their sum, and the whole sheet is never held as cells.

use std::iter::Peekable;
use std::sync::Arc;
use std::sync::mpsc::sync_channel;

use crate::error::{Error, ErrorKind};
use crate::grid::{Grid, Merge, Row, Value};
use crate::read::gate::Gate;
use crate::read::guard::SheetScan;

/// Rows per batch: large enough that the channel costs nothing per row.
const BATCH: usize = 512;
/// Batches in flight from a workbook: enough that the reader reads on while
/// the mapper waits for a sheet's merged regions, which the checker finds
/// only at the end of the sheet's part, about 16,000 rows of a 13-column
/// tracker.
pub(crate) const IN_FLIGHT_WORKBOOK: usize = 32;
/// Batches in flight from CSV: its reader outruns the mapper and never
/// waits, so more batches would only hold more rows (about 9 MiB at 32 for
/// a 13-column tracker).
pub(crate) const IN_FLIGHT_CSV: usize = 4;
/// Rows a sheet's head holds: where headers, titles and lists are looked for.
pub(crate) const HEAD_ROWS: usize = 80;

/// What a reader reports, in order: the sheets there are, then each sheet's
/// start and its rows.
pub(crate) enum Event {
    /// The sheets that are not read (hidden, or chart and dialog sheets),
    /// before the sheets that are.
    Unread(Vec<(String, crate::import::SheetRole)>),
    /// The workbook's sheets (those to be read), before any of them.
    Sheets(Vec<String>),
    /// A sheet starts: its name (`None` for CSV), merged regions, and about
    /// how many rows it has, when the reader can tell (CSV counts its
    /// records first; a worksheet declares its size, which its bytes bound).
    Sheet { name: Option<Arc<str>>, merges: Merges, rows: Option<usize> },
    /// Rows of the current sheet, in order.
    Rows(Vec<Row>),
}

/// A sheet's merged regions: known when the sheet starts, or found by the
/// checker that scans the sheet's part while it is read ([`crate::read::gate`])
/// with the rest of what that scan finds ([`SheetScan`]).
pub(crate) enum Merges {
    Known(Vec<Merge>),
    Checked {
        gate: Arc<Gate>,
        part: usize,
    },
    /// calamine's, because the scan could not find them: why.
    Fallback {
        merges: Vec<Merge>,
        reason: String,
    },
}

impl Merges {
    /// What the sheet's scan found; `None` when the check failed (its error
    /// comes in the stream).
    fn resolve(self) -> Option<Arc<SheetScan>> {
        match self {
            Merges::Known(merges) => Some(Arc::new(SheetScan { merges, ..SheetScan::default() })),
            Merges::Checked { gate, part } => gate.scan(part),
            Merges::Fallback { merges, reason } => {
                Some(Arc::new(SheetScan { merges, fallback: Some(reason), ..SheetScan::default() }))
            }
        }
    }
}

/// Gives the numbers of a sheet's cells under a percent format as
/// [`Value::Percent`], row by row as the rows come (in order).
struct PercentCells {
    scan: Arc<SheetScan>,
    next: usize,
}

impl PercentCells {
    fn apply(&mut self, row: &mut Row) {
        let cells = &self.scan.percent;
        while cells.get(self.next).is_some_and(|(r, _)| *r < row.index) {
            self.next += 1;
        }
        while let Some(&(r, c)) = cells.get(self.next)
            && r == row.index
        {
            if let Ok(i) = row.cells.binary_search_by_key(&c, |(col, _)| *col)
                && let Value::Number(n) = row.cells[i].1
            {
                row.cells[i].1 = Value::Percent(n);
            }
            self.next += 1;
        }
    }
}

/// The reader's side: where events go. `false` from [`Emit::send`] means
/// the mapper stopped listening; the reader should stop too.
pub(crate) struct Emit<'a> {
    send: &'a mut dyn FnMut(Event) -> bool,
    batch: Vec<Row>,
    current: Option<Row>,
    /// The last row index handed on, to keep the order promise.
    last: Option<u32>,
}

impl<'a> Emit<'a> {
    pub(crate) fn new(send: &'a mut dyn FnMut(Event) -> bool) -> Emit<'a> {
        Emit { send, batch: Vec::with_capacity(BATCH), current: None, last: None }
    }

    /// Sends an event as it is (sheet lists, sheet starts).
    pub(crate) fn event(&mut self, event: Event) -> Result<(), Error> {
        self.flush()?;
        if matches!(event, Event::Sheet { .. }) {
            self.last = None;
        }
        if (self.send)(event) { Ok(()) } else { Err(stopped()) }
    }

    /// Adds a cell at a 0-based position; blank text is dropped. Cells come
    /// row by row, left to right, as spreadsheet files store them.
    ///
    /// # Errors
    /// A cell of a row before the current one: the sheet's rows are out of
    /// order, which the file formats do not allow.
    pub(crate) fn cell(&mut self, row: u32, column: u32, value: Value) -> Result<(), Error> {
        if value.is_blank() {
            return Ok(());
        }
        if self.current.as_ref().is_some_and(|c| c.index != row) {
            let width = self.current.as_ref().map_or(1, |r| r.cells.len());
            if let Some(done) = self.current.take() {
                self.row(done)?;
            }
            self.start(row, width)?;
        } else if self.current.is_none() {
            self.start(row, 1)?;
        }
        match &mut self.current {
            Some(current) => {
                if current.cells.last().is_some_and(|(c, _)| *c >= column) {
                    // Out of order within the row: put it in its place.
                    let at = current.cells.partition_point(|(c, _)| *c < column);
                    if current.cells.get(at).is_some_and(|(c, _)| *c == column) {
                        current.cells[at].1 = value;
                    } else {
                        current.cells.insert(at, (column, value));
                    }
                } else {
                    current.cells.push((column, value));
                }
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Opens a row, with room for as many cells as the last one had.
    fn start(&mut self, row: u32, width: usize) -> Result<(), Error> {
        if self.last.is_some_and(|l| l >= row) {
            return Err(out_of_order(row));
        }
        self.current = Some(Row { index: row, cells: Vec::with_capacity(width) });
        Ok(())
    }

    /// Adds a whole row (cells sorted by column, none blank).
    pub(crate) fn row(&mut self, row: Row) -> Result<(), Error> {
        if self.last.is_some_and(|l| l >= row.index) {
            return Err(out_of_order(row.index));
        }
        self.last = Some(row.index);
        self.batch.push(row);
        if self.batch.len() >= BATCH { self.flush() } else { Ok(()) }
    }

    /// Hands on whole grids (from the readers that only give ranges, or
    /// from the caller of [`crate::read_sheets`]).
    pub(crate) fn grids(&mut self, grids: Vec<Grid>) -> Result<(), Error> {
        let names = grids.iter().map(|g| g.sheet.as_deref().unwrap_or_default().to_owned()).collect();
        self.event(Event::Sheets(names))?;
        for grid in grids {
            let rows = Some(grid.rows.len());
            self.event(Event::Sheet { name: grid.sheet, merges: Merges::Known(grid.merges), rows })?;
            for row in grid.rows {
                self.row(row)?;
            }
        }
        Ok(())
    }

    /// Hands on what is pending.
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        if let Some(done) = self.current.take() {
            self.last = Some(done.index);
            self.batch.push(done);
        }
        if self.batch.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        if (self.send)(Event::Rows(rows)) { Ok(()) } else { Err(stopped()) }
    }
}

fn out_of_order(row: u32) -> Error {
    Error::new(ErrorKind::Hostile {
        reason: format!("the sheet's rows are out of order (row {} comes again after later rows)", u64::from(row) + 1),
    })
}

/// The error a reader stops with when nobody listens; never shown.
fn stopped() -> Error {
    Error::new(ErrorKind::Hostile { reason: "the import stopped".to_owned() })
}

/// Runs `read` on its own thread and `map` on this one, `read`'s events
/// flowing to `map` as they come, at most `in_flight` batches ahead: that
/// bounds the memory between them (and the cells limit bounds it too). A
/// reader error reaches `map` in the stream; when `map` returns early the
/// reader stops at its next batch.
pub(crate) fn run<T: Send>(
    in_flight: usize,
    read: impl FnOnce(&mut Emit<'_>) -> Result<(), Error> + Send,
    map: impl FnOnce(&mut Events) -> Result<T, Error>,
) -> Result<T, Error> {
    let (tx, rx) = sync_channel::<Result<Event, Error>>(in_flight);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut send = |e: Event| tx.send(Ok(e)).is_ok();
            let mut emit = Emit::new(&mut send);
            // A panic on this thread would come back out of the scope: it
            // becomes an error like any other.
            let result =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(&mut emit).and_then(|()| emit.flush())))
                    .unwrap_or_else(|_| Err(Error::new(ErrorKind::Hostile { reason: "the reader failed".to_owned() })));
            if let Err(e) = result {
                let _ = tx.send(Err(e));
            }
        });
        let mut events = Events { inner: rx.into_iter().peekable() };
        map(&mut events)
        // The receiver is dropped here, so a reader still sending stops.
    })
}

/// The mapper's side of the stream.
pub(crate) struct Events {
    inner: Peekable<std::sync::mpsc::IntoIter<Result<Event, Error>>>,
}

impl Events {
    /// The next event that is not rows (rows of a sheet nobody read are
    /// skipped); `None` at the end.
    pub(crate) fn next_event(&mut self) -> Option<Result<Event, Error>> {
        loop {
            match self.inner.next()? {
                Ok(Event::Rows(_)) => {}
                other => return Some(other),
            }
        }
    }

    /// The current sheet's rows, until the next sheet.
    pub(crate) fn rows(&mut self) -> SheetRows<'_> {
        SheetRows { events: self, batch: Vec::new().into_iter(), percent: None }
    }

    /// A sheet whose start was just read: its head (the first
    /// [`HEAD_ROWS`] rows and the merges) as a grid, the stream of its
    /// other rows, and what the scan of its part found ([`SheetScan`]: the
    /// formulas saved without a value, whether calamine's merges were used).
    /// Numbers under a percent format come as [`Value::Percent`].
    pub(crate) fn sheet(
        &mut self,
        name: Option<Arc<str>>,
        merges: Merges,
    ) -> Result<(Grid, SheetRows<'_>, Arc<SheetScan>), Error> {
        let mut rows = self.rows();
        let mut head = Vec::with_capacity(HEAD_ROWS);
        while head.len() < HEAD_ROWS {
            match rows.next() {
                Some(row) => head.push(row?),
                None => break,
            }
        }
        // Asked for after the head, so the reader reads on while the
        // checker finishes the sheet.
        let Some(scan) = merges.resolve() else {
            // The check failed: the reader stops with its error.
            let error = rows.find_map(Result::err);
            return Err(error.unwrap_or_else(|| {
                Error::new(ErrorKind::Hostile { reason: "the workbook did not pass its check".to_owned() })
            }));
        };
        let merges = scan.merges.clone();
        // Nothing to do per row when the sheet has no percent format.
        if !scan.percent.is_empty() {
            let mut percent = PercentCells { scan: Arc::clone(&scan), next: 0 };
            for row in &mut head {
                percent.apply(row);
            }
            rows.percent = Some(percent);
        }
        Ok((Grid { sheet: name, rows: head, merges }, rows, scan))
    }
}

/// Every sheet of the stream, whole.
pub(crate) fn grids(events: &mut Events) -> Result<Vec<Grid>, Error> {
    let mut grids = Vec::new();
    while let Some(event) = events.next_event() {
        let Event::Sheet { name, merges, .. } = event? else { continue };
        let (mut grid, rest, _) = events.sheet(name, merges)?;
        for row in rest {
            grid.rows.push(row?);
        }
        grids.push(grid);
    }
    Ok(grids)
}

/// The rows of one sheet, as they arrive.
pub(crate) struct SheetRows<'a> {
    events: &'a mut Events,
    batch: std::vec::IntoIter<Row>,
    percent: Option<PercentCells>,
}

impl Iterator for SheetRows<'_> {
    type Item = Result<Row, Error>;

    fn next(&mut self) -> Option<Result<Row, Error>> {
        loop {
            if let Some(mut row) = self.batch.next() {
                if let Some(percent) = &mut self.percent {
                    percent.apply(&mut row);
                }
                return Some(Ok(row));
            }
            match self.events.inner.peek()? {
                Ok(Event::Rows(_)) => {
                    if let Some(Ok(Event::Rows(rows))) = self.events.inner.next() {
                        self.batch = rows.into_iter();
                    }
                }
                Err(_) => return self.events.inner.next().and_then(Result::err).map(Err),
                Ok(_) => return None,
            }
        }
    }
}
