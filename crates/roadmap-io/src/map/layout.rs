//! What was detected in a sheet: its columns and what each holds, the
//! header rows, the sections, where the table ends.

use roadmap_core::{Date, Status};
use serde::Serialize;

use crate::profile::{DateOrder, Field};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Target {
    /// A field of the initiative.
    Field(Field),
    /// The deliverable due at a checkpoint (by the checkpoint's id).
    Deliverable(String),
    /// The title of the initiative the row is an action of.
    Group,
    /// Kept under `extra`, by this name.
    Extra(String),
    /// One of the columns headed by a status ("Completed | Ongoing |
    /// Planned"): a tick in it ("X", "✓") says the initiative has that status.
    StatusMark(Status),
}

impl Target {
    /// How a saved profile names the target; the field a tick column gives
    /// (`status`).
    pub fn profile_name(&self) -> String {
        match self {
            Target::Field(f) => f.as_str().to_owned(),
            Target::Deliverable(c) => format!("deliverables:{c}"),
            Target::Group => "group".to_owned(),
            Target::Extra(_) => "extra".to_owned(),
            Target::StatusMark(_) => Field::Status.as_str().to_owned(),
        }
    }
}

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// 0-based column.
    #[serde(skip)]
    pub index: u32,
    /// Its letters, `F`.
    pub letter: String,
    /// The header text as written (both rows of a two-row header, joined by " / ").
    pub header: String,
    /// What it maps to.
    pub target: Target,
}

impl Column {
    /// The header's own part: under a group cell ("Status / Completed"),
    /// the part below it; else the whole header.
    pub fn last_part(&self) -> &str {
        self.header.rsplit(" / ").next().unwrap_or(&self.header).trim()
    }
}

/// What was detected in one sheet (or a CSV file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// The sheet.
    pub sheet: Option<String>,
    /// The 1-based header rows (two for a two-row header).
    pub header_rows: Vec<u32>,
    /// The columns and what each maps to.
    pub columns: Vec<Column>,
    /// The 1-based first and last rows read as data.
    pub data_rows: Option<(u32, u32)>,
    /// The 1-based row that ended the table: a totals row, or the first
    /// row that breaks the table's shape.
    pub end_row: Option<u32>,
    /// Why the table ended there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_reason: Option<String>,
    /// Section rows: 1-based row and the text (a priority area).
    pub sections: Vec<(u32, String)>,
    /// Rows naming a pillar by its label ("Pillar 1: Governance"): 1-based
    /// row and the pillar's name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pillar_sections: Vec<(u32, String)>,
    /// The title above the table.
    pub title: Option<String>,
    /// The report date above the table.
    pub as_of: Option<Date>,
    /// The order of day and month the sheet's own dates prove ("30/06/2026"
    /// is day first), which reads its ambiguous ones; absent where they
    /// prove none, and the profile's order reads them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_order: Option<DateOrder>,
    /// How many initiatives the sheet gave (groups included).
    pub initiatives: usize,
}
