//! Bounds on what a reader accepts, so hostile files are refused within
//! bounded memory and time.

/// Limits every reader enforces. The defaults keep any input under about
/// 512 MiB of memory; callers with larger trackers raise them.
///
/// ```
/// use roadmap_io::Limits;
/// let limits = Limits::default().max_cells(50_000_000);
/// assert_eq!(limits.cells, 50_000_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the file itself.
    pub file_bytes: u64,
    /// Bytes one part of a zip container (a sheet's XML, the shared strings)
    /// may inflate to.
    pub part_bytes: u64,
    /// Bytes all parts of a zip container may inflate to together.
    pub inflated_bytes: u64,
    /// Non-empty cells of a workbook, over all sheets read, or CSV fields.
    pub cells: u64,
    /// Bytes of one cell or field.
    pub field_bytes: u64,
    /// Columns of a row.
    pub columns: u32,
    /// Entries a shared-strings table may declare.
    pub shared_strings: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file_bytes: 256 << 20,
            part_bytes: 512 << 20,
            inflated_bytes: 1 << 30,
            cells: 4_000_000,
            field_bytes: 1 << 20,
            columns: 16_384,
            shared_strings: 10_000_000,
        }
    }
}

impl Limits {
    /// Sets [`Limits::file_bytes`].
    #[must_use]
    pub fn max_file_bytes(mut self, n: u64) -> Limits {
        self.file_bytes = n;
        self
    }

    /// Sets [`Limits::part_bytes`].
    #[must_use]
    pub fn max_part_bytes(mut self, n: u64) -> Limits {
        self.part_bytes = n;
        self
    }

    /// Sets [`Limits::inflated_bytes`].
    #[must_use]
    pub fn max_inflated_bytes(mut self, n: u64) -> Limits {
        self.inflated_bytes = n;
        self
    }

    /// Sets [`Limits::cells`].
    #[must_use]
    pub fn max_cells(mut self, n: u64) -> Limits {
        self.cells = n;
        self
    }

    /// Sets [`Limits::field_bytes`].
    #[must_use]
    pub fn max_field_bytes(mut self, n: u64) -> Limits {
        self.field_bytes = n;
        self
    }

    /// Sets [`Limits::columns`].
    #[must_use]
    pub fn max_columns(mut self, n: u32) -> Limits {
        self.columns = n;
        self
    }

    /// Sets [`Limits::shared_strings`].
    #[must_use]
    pub fn max_shared_strings(mut self, n: u64) -> Limits {
        self.shared_strings = n;
        self
    }
}
