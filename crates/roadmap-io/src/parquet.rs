//! Roadmaps as Parquet: one file of a table ([`to_parquet`]), and datasets
//! of many roadmaps — one per source and snapshot — that query engines read
//! as one table each ([`Dataset`]).
//!
//! A dataset is a folder with a sub-folder per table of [`crate::columnar`],
//! partitioned the Hive way by snapshot and source:
//!
//! ```text
//! OUT/initiatives/as_of=2026-06-30/source=unit-a.xlsx/part-0.parquet
//! OUT/deliverables/as_of=2026-06-30/source=unit-a.xlsx/part-0.parquet
//! OUT/issues/as_of=2026-06-30/source=unit-a.xlsx/part-0.parquet
//! ```
//!
//! `as_of` is the roadmap's report date (`__HIVE_DEFAULT_PARTITION__`, read
//! as null, when the tracker gives none); `source` names the input, with
//! every character but letters, digits, `-` and `.` percent-encoded (as
//! pyarrow decodes partition values), and a leading `.` too, since readers
//! skip hidden names. pyarrow reads it with
//! `pyarrow.dataset.dataset("OUT/initiatives", partitioning=part)` where
//! `part = ds.partitioning(pa.schema([("as_of", pa.date32()), ("source",
//! pa.string())]), flavor="hive")` (a schema, since a dataset whose trackers
//! give no report date has no `as_of` to infer a type from); `DuckDB` with
//! `read_parquet('OUT/initiatives/**/*.parquet', hive_partitioning = true)`.
//!
//! Writing is atomic per partition: every file is written into a staging
//! folder inside `OUT` first, and only [`Dataset::commit`] moves each
//! finished partition into place (replacing the same source's earlier
//! partition of the same snapshot). A run that fails or is dropped before
//! it commits leaves no partition behind.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::Compression;
use ::parquet::file::properties::WriterProperties;
use arrow_array::RecordBatch;
use roadmap_core::{Date, Issue, Roadmap};

use crate::columnar::{self, Table};

/// Why a Parquet file or dataset could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParquetError {
    /// A file or folder could not be written, made or moved.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The Parquet writer refused a table.
    #[error("{table}: {source}")]
    Parquet {
        /// The table.
        table: &'static str,
        /// What the writer said.
        source: ::parquet::errors::ParquetError,
    },
    /// A table could not be built.
    #[error("{table}: {source}")]
    Arrow {
        /// The table.
        table: &'static str,
        /// What Arrow said.
        source: arrow_schema::ArrowError,
    },
    /// Two inputs of one run name the same source.
    #[error("two inputs are the source '{source_name}' of snapshot {as_of}: give them different names")]
    SameSource {
        /// The source name.
        source_name: String,
        /// The snapshot.
        as_of: String,
    },
}

fn properties() -> WriterProperties {
    WriterProperties::builder().set_compression(Compression::SNAPPY).build()
}

fn write_batch(batch: &RecordBatch, table: Table, out: impl std::io::Write + Send) -> Result<(), ParquetError> {
    let wrap = |source| ParquetError::Parquet { table: table.as_str(), source };
    let mut writer = ArrowWriter::try_new(out, batch.schema(), Some(properties())).map_err(wrap)?;
    writer.write(batch).map_err(wrap)?;
    writer.close().map_err(wrap)?;
    Ok(())
}

/// One table as a Parquet file, in memory (snappy-compressed).
///
/// # Errors
/// [`ParquetError::Arrow`] or [`ParquetError::Parquet`], which a roadmap
/// built by this crate does not give.
pub fn to_parquet(roadmap: &Roadmap, issues: &[Issue], table: Table) -> Result<Vec<u8>, ParquetError> {
    let batch = batch_of(roadmap, issues, table)?;
    let mut bytes = Vec::new();
    write_batch(&batch, table, &mut bytes)?;
    Ok(bytes)
}

fn batch_of(roadmap: &Roadmap, issues: &[Issue], table: Table) -> Result<RecordBatch, ParquetError> {
    match table {
        Table::Initiatives => columnar::initiatives(roadmap),
        Table::Deliverables => columnar::deliverables(roadmap),
        Table::Issues => columnar::issues(issues),
    }
    .map_err(|source| ParquetError::Arrow { table: table.as_str(), source })
}

/// The folder name of a partition value: letters, digits, `-` and `.`
/// kept, every other byte percent-encoded, and a leading `.` too.
pub fn partition_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.char_indices() {
        if c.is_alphanumeric() || c == '-' || (c == '.' && i > 0) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    if out.is_empty() { "%20".to_owned() } else { out }
}

/// The partition value of a snapshot with no report date, read as null.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// A dataset being written: parts are staged as they come, and moved into
/// place together by [`Dataset::commit`].
#[derive(Debug)]
pub struct Dataset {
    root: PathBuf,
    staging: tempfile::TempDir,
    /// The partition values (`as_of`, `source`) of every part staged.
    parts: Vec<(String, String)>,
}

impl Dataset {
    /// Starts a dataset in `root` (made if missing; what it holds already
    /// stays, but for the partitions this run replaces).
    ///
    /// # Errors
    /// [`ParquetError::Io`] when the folder cannot be made or written.
    pub fn create(root: &Path) -> Result<Dataset, ParquetError> {
        let io = |source| ParquetError::Io { path: root.to_path_buf(), source };
        std::fs::create_dir_all(root).map_err(io)?;
        let staging = tempfile::Builder::new().prefix(".roadmap-staging-").tempdir_in(root).map_err(io)?;
        Ok(Dataset { root: root.to_path_buf(), staging, parts: Vec::new() })
    }

    /// Stages one source's snapshot: its initiatives, deliverables and
    /// issues (those of the import and the validation, or the one error
    /// that kept the file from being read, with an empty roadmap).
    ///
    /// # Errors
    /// [`ParquetError::SameSource`] when this run staged the source's
    /// snapshot already; else as [`to_parquet`] and [`Dataset::create`].
    pub fn add(&mut self, source: &str, roadmap: &Roadmap, issues: &[Issue]) -> Result<(), ParquetError> {
        let as_of = roadmap.as_of.map_or_else(|| NULL_PARTITION.to_owned(), |d: Date| d.to_string());
        let key = (as_of, partition_value(source));
        if self.parts.contains(&key) {
            return Err(ParquetError::SameSource { source_name: source.to_owned(), as_of: key.0 });
        }
        for table in Table::ALL {
            let dir = self.staging.path().join(partition(table, &key));
            let io = |source| ParquetError::Io { path: dir.clone(), source };
            std::fs::create_dir_all(&dir).map_err(io)?;
            let batch = batch_of(roadmap, issues, table)?;
            let path = dir.join("part-0.parquet");
            let file =
                std::fs::File::create(&path).map_err(|source| ParquetError::Io { path: path.clone(), source })?;
            write_batch(&batch, table, std::io::BufWriter::new(file))?;
        }
        self.parts.push(key);
        Ok(())
    }

    /// How many parts are staged.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// True when no part is staged.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Moves every staged partition into place, each in one rename, and
    /// removes the staging folder. Returns the partitions' folders.
    ///
    /// # Errors
    /// [`ParquetError::Io`] when a partition cannot be moved; those moved
    /// before it stay, each whole.
    pub fn commit(self) -> Result<Vec<PathBuf>, ParquetError> {
        let mut placed = Vec::with_capacity(self.parts.len() * Table::ALL.len());
        let trash = self.staging.path().join(".replaced");
        for key in &self.parts {
            for table in Table::ALL {
                let rel = partition(table, key);
                let (from, to) = (self.staging.path().join(&rel), self.root.join(&rel));
                let io = |path: &Path| {
                    let path = path.to_path_buf();
                    move |source| ParquetError::Io { path, source }
                };
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent).map_err(io(parent))?;
                }
                if to.exists() {
                    // The earlier partition of this source and snapshot goes
                    // aside first, and away with the staging folder.
                    let aside = trash.join(&rel);
                    if let Some(parent) = aside.parent() {
                        std::fs::create_dir_all(parent).map_err(io(parent))?;
                    }
                    std::fs::rename(&to, &aside).map_err(io(&to))?;
                }
                std::fs::rename(&from, &to).map_err(io(&to))?;
                placed.push(to);
            }
        }
        Ok(placed)
    }
}

fn partition(table: Table, (as_of, source): &(String, String)) -> PathBuf {
    Path::new(table.as_str()).join(format!("as_of={as_of}")).join(format!("source={source}"))
}
