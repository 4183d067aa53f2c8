#![doc = include_str!("../README.md")]

pub use roadmap_core::*;
/// Readers of trackers: xlsx, xlsm, xlsb, xls, ods, CSV and JSON (the
/// `roadmap-io` crate).
pub use roadmap_io as io;

/// Every published schema by name, with the function that generates it:
/// `schemas/<name>.schema.json` holds each (the roadmap, report, rollup and
/// diff documents, and import profiles).
pub fn schemas() -> Vec<(&'static str, schema::Generator)> {
    let mut all = schema::SCHEMAS.to_vec();
    all.push(("profile", roadmap_io::profile_schema));
    all
}
