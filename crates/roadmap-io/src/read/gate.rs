//! Checking a workbook's sheets while they are read. The zip scan
//! ([`crate::read::guard`]) inflates every part before calamine may touch it; for
//! the worksheets, by far the largest parts, that would cost a whole extra
//! pass before the first row. Instead a checker thread scans them while the
//! reader reads, and calamine reads the zip through a [`GatedReader`] that
//! lets it have a worksheet's compressed bytes only once the checker has
//! inflated and passed them. Calamine can then never inflate what the scan
//! has not seen, and a refused part stops the reader.

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use crate::read::guard::SheetScan;

/// How far the checker has come through each deferred part, shared by the
/// checker, the reader and the mapping engine (which waits for what the
/// scan of a sheet found, [`SheetScan`], known at the end of its part).
pub(crate) struct Gate {
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    parts: Vec<Part>,
    /// The checker refused a part, or stopped before the end.
    failed: bool,
    /// Nobody reads any more: the checker may stop.
    cancelled: bool,
}

struct Part {
    /// The part's compressed bytes in the file: `start..end`.
    start: u64,
    end: u64,
    /// Everything before this offset has been checked.
    checked: u64,
    /// What the scan found, once the part is checked to the end.
    scan: Option<Arc<SheetScan>>,
}

/// The checker was told to stop.
pub(crate) struct Cancelled;

impl Gate {
    /// A gate over parts given as compressed byte ranges `(start, end)`.
    pub(crate) fn new(parts: impl IntoIterator<Item = (u64, u64)>) -> Gate {
        let parts = parts.into_iter().map(|(start, end)| Part { start, end, checked: start, scan: None }).collect();
        Gate { state: Mutex::new(State { parts, failed: false, cancelled: false }), changed: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The checker passed part `k` up to `checked`, or (with what its scan
    /// found) to its end.
    ///
    /// # Errors
    /// [`Cancelled`] when nobody reads any more.
    pub(crate) fn passed(&self, k: usize, checked: u64, scan: Option<SheetScan>) -> Result<(), Cancelled> {
        let mut state = self.lock();
        if state.cancelled {
            return Err(Cancelled);
        }
        if let Some(part) = state.parts.get_mut(k) {
            let done = scan.is_some();
            part.checked = if done { part.end } else { checked.clamp(part.checked, part.end) };
            if done {
                part.scan = scan.map(Arc::new);
            }
        }
        drop(state);
        self.changed.notify_all();
        Ok(())
    }

    /// The checker ended: every part passed, or not (refused, stopped).
    pub(crate) fn ended(&self, all_passed: bool) {
        let mut state = self.lock();
        if !all_passed || state.parts.iter().any(|p| p.scan.is_none()) {
            state.failed = true;
        }
        drop(state);
        self.changed.notify_all();
    }

    /// Tells the checker to stop: nobody reads any more.
    pub(crate) fn cancel(&self) {
        self.lock().cancelled = true;
        self.changed.notify_all();
    }

    /// Waits until the bytes `from..to` of the file are checked.
    fn wait_checked(&self, from: u64, to: u64) -> std::io::Result<()> {
        let mut state = self.lock();
        loop {
            if state.failed {
                return Err(std::io::Error::other("the workbook did not pass its check"));
            }
            let waiting = state.parts.iter().any(|p| p.start < to && from < p.end && p.checked < to.min(p.end));
            if !waiting {
                return Ok(());
            }
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// What the scan of part `k` found, once it is checked to its end;
    /// `None` when the check failed.
    pub(crate) fn scan(&self, k: usize) -> Option<Arc<SheetScan>> {
        let mut state = self.lock();
        loop {
            if let Some(scan) = state.parts.get(k)?.scan.as_ref() {
                return Some(Arc::clone(scan));
            }
            if state.failed {
                return None;
            }
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// The file as calamine reads it: bytes of a deferred part only once the
/// checker has passed them.
pub(crate) struct GatedReader<'a> {
    cursor: Cursor<&'a [u8]>,
    gate: &'a Gate,
}

impl<'a> GatedReader<'a> {
    pub(crate) fn new(bytes: &'a [u8], gate: &'a Gate) -> GatedReader<'a> {
        GatedReader { cursor: Cursor::new(bytes), gate }
    }
}

impl Read for GatedReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let from = self.cursor.position();
        self.gate.wait_checked(from, from + buf.len() as u64)?;
        self.cursor.read(buf)
    }
}

impl Seek for GatedReader<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.cursor.seek(to)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn reads_wait_for_the_check_and_fail_with_it() {
        let bytes: Vec<u8> = (0..100).collect();
        let gate = Gate::new([(10, 50)]);
        std::thread::scope(|s| {
            let reader = s.spawn(|| {
                let mut r = GatedReader::new(&bytes, &gate);
                let mut head = [0u8; 10];
                r.read_exact(&mut head).unwrap(); // before the part: never waits
                let mut part = [0u8; 40];
                r.read_exact(&mut part).unwrap(); // waits for the checker
                part[39]
            });
            gate.passed(0, 30, None).ok();
            gate.passed(0, 0, Some(SheetScan::default())).ok();
            assert_eq!(reader.join().unwrap(), 49);
        });
        assert_eq!(gate.scan(0).as_deref(), Some(&SheetScan::default()));

        let refused = Gate::new([(0, 50)]);
        refused.ended(false);
        let mut r = GatedReader::new(&bytes, &refused);
        assert!(r.read(&mut [0u8; 8]).is_err());
        assert_eq!(refused.scan(0), None);
        refused.cancel();
        assert!(refused.passed(0, 10, None).is_err());
    }
}
