#![doc = include_str!("../README.md")]

pub use roadmap_core::*;
/// Readers of trackers: xlsx, xlsm, xlsb, xls, ods, CSV and JSON (the
/// `roadmap-io` crate).
pub use roadmap_io as io;
/// The status report as a self-contained HTML page or Markdown (the
/// `roadmap-report` crate).
pub use roadmap_report as report;

pub use roadmap_io::schemas;
