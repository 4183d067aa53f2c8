//! The domain of `roadmap`: an organization's transformation roadmap as data.
//!
//! A [`Roadmap`] holds initiatives grouped under pillars and priority areas,
//! each [`Status::Completed`], [`Status::Ongoing`], [`Status::Planned`] or
//! [`Status::Revised`], with deliverables due at named checkpoints. This
//! crate validates it ([`Roadmap::validate`], a [`Report`] of coded issues
//! that point at the cell to fix), rolls it up into the dashboard figures
//! ([`Roadmap::rollup`]) and compares two snapshots ([`Roadmap::diff`]).
//!
//! It reads no files: the `roadmap-io` crate turns trackers into a
//! [`Roadmap`]; here a roadmap is read from JSON text.
//!
//! ```
//! use roadmap_core::Roadmap;
//! let rm = Roadmap::from_json(r#"{
//!   "as_of": "2026-05-01",
//!   "pillars": [{"id": "governance", "name": "Governance"}],
//!   "initiatives": [
//!     {"id": "INI-1", "title": "Oversight unit", "pillar": "governance", "status": "completed"},
//!     {"id": "INI-2", "title": "Ombudsman", "pillar": "governanse", "status": "ongoing"}
//!   ]
//! }"#)?;
//! let report = rm.validate();
//! let issue = report.errors().next().unwrap();
//! assert_eq!(issue.code, "unknown-pillar");
//! assert_eq!(issue.suggestion.as_deref(), Some("did you mean 'governance'?"));
//! assert_eq!(rm.rollup().by_status.completed, 1);
//! # Ok::<(), roadmap_core::Error>(())
//! ```

mod cell;
mod cellmap;
pub mod codes;
mod date;
pub mod diff;
mod error;
mod hierarchy;
mod issue;
mod keys;
mod model;
pub mod rollup;
pub mod schema;
pub mod suggest;
pub mod text;
pub mod validate;

pub use cell::{CellRef, CellRefError, MAX_COLUMN, MAX_ROW, column_letters};
pub use cellmap::{CellMap, CellTable, Iter as CellIter};
pub use codes::catalogue;
pub use date::{Date, DateError};
pub use diff::Diff;
pub use error::Error;
pub use issue::{CodeInfo, Issue, Location, Report, Severity, UnknownSeverity};
pub use model::{
    Checkpoint, Deliverable, DeliverableStatus, Extra, FlatMap, Initiative, Pillar, PriorityArea, Revision,
    RevisionChange, RevisionReason, Roadmap, SourceRef, Status, UnknownStatus, deliverable_field,
};
pub use rollup::Rollup;

impl Roadmap {
    /// Reads a roadmap from JSON text.
    ///
    /// # Errors
    /// [`Error::Json`], with the line and column, when the text is not JSON
    /// or not a roadmap (an unknown field, a status that is not one of the
    /// four, a date that is not `YYYY-MM-DD`, ...).
    pub fn from_json(text: &str) -> Result<Roadmap, Error> {
        Ok(serde_json::from_str(text)?)
    }

    /// Reads a roadmap from JSON bytes (UTF-8).
    ///
    /// # Errors
    /// As [`Roadmap::from_json`]; invalid UTF-8 is an error too.
    pub fn from_json_slice(bytes: &[u8]) -> Result<Roadmap, Error> {
        Ok(serde_json::from_slice(bytes)?)
    }

    /// The roadmap as pretty JSON. The same roadmap always gives the same
    /// bytes.
    pub fn to_json_pretty(&self) -> String {
        // Serializing the model cannot fail: every map key is a string and
        // non-finite progress becomes null.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The (first) initiative with this id.
    pub fn get(&self, id: &str) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    /// The initiatives that name `id` as their parent, in document order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Initiative> + 'a {
        self.initiatives.iter().filter(move |i| i.parent.as_deref() == Some(id))
    }
}
