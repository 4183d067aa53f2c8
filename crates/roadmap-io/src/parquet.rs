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
//! it commits leaves no partition behind. Processes that share the folder
//! — the workers of a cluster — stage into one named run with [`Staging`]
//! and one of them commits it.

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

/// A dataset being written by one process: parts are staged as they come,
/// and moved into place together by [`Dataset::commit`]; dropped before,
/// it leaves nothing. Processes that share a folder (workers of a cluster)
/// use [`Staging`] with a run name instead.
#[derive(Debug)]
pub struct Dataset {
    staging: Staging,
    /// Removes the staging folder however the run ends.
    _guard: tempfile::TempDir,
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
        let guard = tempfile::Builder::new().prefix(STAGING_PREFIX).tempdir_in(root).map_err(io)?;
        let staging = Staging { root: root.to_path_buf(), dir: guard.path().to_path_buf() };
        Ok(Dataset { staging, _guard: guard })
    }

    /// Stages one source's snapshot: its initiatives, deliverables and
    /// issues (those of the import and the validation, or the one error
    /// that kept the file from being read, with an empty roadmap). Parts
    /// may be added from several threads at once.
    ///
    /// # Errors
    /// As [`Staging::add`].
    pub fn add(&self, source: &str, roadmap: &Roadmap, issues: &[Issue]) -> Result<(), ParquetError> {
        self.staging.add(source, roadmap, issues)
    }

    /// How many parts are staged.
    pub fn len(&self) -> usize {
        self.staging.parts().len()
    }

    /// True when no part is staged.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves every staged partition into place, each in one rename, and
    /// removes the staging folder. Returns the partitions' folders.
    ///
    /// # Errors
    /// As [`Staging::commit`].
    pub fn commit(self) -> Result<Vec<PathBuf>, ParquetError> {
        self.staging.commit()
    }
}

/// How staging folders inside a dataset are named; readers skip them as
/// hidden.
const STAGING_PREFIX: &str = ".roadmap-staging-";

/// A named staging folder inside a dataset that several processes write
/// parts into (`OUT/.roadmap-staging-<run>`), then one commits: the
/// distributed form of [`Dataset`]. Nothing is in place before
/// [`Staging::commit`]; [`Staging::discard`] removes what was staged.
#[derive(Debug, Clone)]
pub struct Staging {
    root: PathBuf,
    dir: PathBuf,
}

impl Staging {
    /// The staging folder of run `run` in the dataset `root` (made when
    /// the first part is added). The run name is any text; processes that
    /// name the same run share the folder.
    pub fn new(root: &Path, run: &str) -> Staging {
        Staging { root: root.to_path_buf(), dir: root.join(format!("{STAGING_PREFIX}{}", partition_value(run))) }
    }

    /// Stages one source's snapshot, as [`Dataset::add`].
    ///
    /// # Errors
    /// [`ParquetError::SameSource`] when the run staged this source's
    /// snapshot already; [`ParquetError::Io`] when a file cannot be written;
    /// else as [`to_parquet`].
    pub fn add(&self, source: &str, roadmap: &Roadmap, issues: &[Issue]) -> Result<(), ParquetError> {
        let as_of = roadmap.as_of.map_or_else(|| NULL_PARTITION.to_owned(), |d: Date| d.to_string());
        let key = (as_of, partition_value(source));
        // The first table's folder is the part's claim: made once, by one process.
        let claim = self.dir.join(partition(Table::ALL[0], &key));
        if let Some(parent) = claim.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| ParquetError::Io { path: parent.to_path_buf(), source })?;
        }
        match std::fs::create_dir(&claim) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(ParquetError::SameSource { source_name: source.to_owned(), as_of: key.0 });
            }
            Err(source) => return Err(ParquetError::Io { path: claim, source }),
            Ok(()) => {}
        }
        for table in Table::ALL {
            let dir = self.dir.join(partition(table, &key));
            std::fs::create_dir_all(&dir).map_err(|source| ParquetError::Io { path: dir.clone(), source })?;
            let batch = batch_of(roadmap, issues, table)?;
            let path = dir.join("part-0.parquet");
            let file =
                std::fs::File::create(&path).map_err(|source| ParquetError::Io { path: path.clone(), source })?;
            write_batch(&batch, table, std::io::BufWriter::new(file))?;
        }
        Ok(())
    }

    /// The partition values (`as_of`, `source`) of every part staged, in
    /// order.
    pub fn parts(&self) -> Vec<(String, String)> {
        let values = |dir: &Path, key: &str| -> Vec<(String, PathBuf)> {
            let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
            let mut found: Vec<(String, PathBuf)> = entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_prefix(&format!("{key}=")).map(|v| (v.to_owned(), e.path()))
                })
                .collect();
            found.sort();
            found
        };
        let first = self.dir.join(Table::ALL[0].as_str());
        let mut parts = Vec::new();
        for (as_of, dir) in values(&first, "as_of") {
            for (source, _) in values(&dir, "source") {
                parts.push((as_of.clone(), source));
            }
        }
        parts
    }

    /// Moves every staged partition into place, each in one rename
    /// (replacing the same source's earlier partition of the same
    /// snapshot), and removes the staging folder. Returns the partitions'
    /// folders.
    ///
    /// # Errors
    /// [`ParquetError::Io`] when a partition cannot be moved; those moved
    /// before it stay, each whole, and the rest stay staged.
    pub fn commit(self) -> Result<Vec<PathBuf>, ParquetError> {
        let parts = self.parts();
        let mut placed = Vec::with_capacity(parts.len() * Table::ALL.len());
        let trash = self.dir.join(".replaced");
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ParquetError::Io { path, source }
        };
        for key in &parts {
            for table in Table::ALL {
                let rel = partition(table, key);
                let (from, to) = (self.dir.join(&rel), self.root.join(&rel));
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent).map_err(io(parent))?;
                }
                if to.exists() {
                    // The earlier partition goes aside first, and away with
                    // the staging folder.
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
        self.discard()?;
        Ok(placed)
    }

    /// Removes the staging folder and everything staged in it.
    ///
    /// # Errors
    /// [`ParquetError::Io`] when it cannot be removed.
    pub fn discard(self) -> Result<(), ParquetError> {
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(ParquetError::Io { path: self.dir, source: e }),
            _ => Ok(()),
        }
    }
}

fn partition(table: Table, (as_of, source): &(String, String)) -> PathBuf {
    Path::new(table.as_str()).join(format!("as_of={as_of}")).join(format!("source={source}"))
}
