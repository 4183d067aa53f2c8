//! What a read gives: [`Import`], and what was detected, [`Inspection`].

use std::path::Path;

use roadmap_core::{Report, Roadmap};
use serde::Serialize;

use crate::map::{Layout, Target};
use crate::profile::Profile;
use crate::read::{CsvDetected, Format};

/// A roadmap read from a file, the issues met reading it, and what was
/// detected.
#[derive(Debug, Clone)]
pub struct Import {
    /// The roadmap.
    pub roadmap: Roadmap,
    /// Issues of the import itself (unknown status words, unreadable dates,
    /// ...), each with its cell.
    pub issues: Report,
    /// The format read.
    pub format: Format,
    /// What was detected in each sheet that held a table.
    pub layouts: Vec<Layout>,
    /// What each sheet is: the hidden ones not read, then those read, in order.
    pub sheets: Vec<SheetInfo>,
    /// For CSV: the encoding and delimiter used.
    pub csv: Option<CsvDetected>,
}

impl Import {
    /// A roadmap document read as it is: no import issues, nothing detected.
    pub(crate) fn of_document(roadmap: Roadmap, format: Format) -> Import {
        Import { roadmap, issues: Report::default(), format, layouts: Vec::new(), sheets: Vec::new(), csv: None }
    }

    /// The import issues followed by the validation of the roadmap: the
    /// whole report.
    pub fn report(&self) -> Report {
        let mut report = self.issues.clone();
        report.extend(self.roadmap.validate());
        report
    }

    /// What was detected, as [`Inspection`].
    pub fn inspection(&self, file: Option<&Path>) -> Inspection {
        Inspection {
            file: file.map(|f| f.display().to_string()),
            format: self.format,
            csv_encoding: self.csv.as_ref().map(|c| c.encoding.to_owned()),
            csv_delimiter: self.csv.as_ref().map(|c| char::from(c.delimiter).to_string()),
            sheets: self.layouts.clone(),
            roles: self.sheets.clone(),
            initiatives: self.roadmap.initiatives.len(),
        }
    }
}

/// What a sheet is, as the importer decided from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SheetRole {
    /// An initiative table (what was detected in it is its [`Layout`]).
    Table,
    /// Definitions or allowed values: pillars, priority areas, owners,
    /// statuses.
    List,
    /// A list of checkpoints.
    Checkpoints,
    /// Text: paragraphs, notes, instructions.
    Prose,
    /// Figures under labels: counts, shares, totals.
    Summary,
    /// No cells.
    Empty,
    /// Cells that are none of the above, or a dialog or macro sheet.
    Other,
    /// Hidden in the workbook, and not read.
    Hidden,
    /// A chart sheet: a chart, no cells; not read.
    Chart,
}

/// A sheet, its role, and the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetInfo {
    /// The sheet's name (`None` for CSV).
    pub sheet: Option<String>,
    /// What it is.
    pub role: SheetRole,
    /// What in the sheet says so, for a person.
    pub evidence: String,
}

/// What the importer detected in a file: per sheet, the header rows, the
/// column-to-field mapping, the section rows and where the table ends.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    /// The file.
    pub file: Option<String>,
    /// The format.
    pub format: Format,
    /// CSV: the encoding used.
    pub csv_encoding: Option<String>,
    /// CSV: the delimiter used.
    pub csv_delimiter: Option<String>,
    /// The sheets that held a table.
    pub sheets: Vec<Layout>,
    /// What each sheet is, and the evidence.
    pub roles: Vec<SheetInfo>,
    /// Initiatives read in all.
    pub initiatives: usize,
}

impl Inspection {
    /// `base` with the detected mapping saved in its `columns`, so the same
    /// tracker maps the same way next time.
    pub fn to_profile(&self, base: &Profile) -> Profile {
        let mut profile = base.clone();
        for column in self.sheets.iter().flat_map(|s| &s.columns) {
            if matches!(column.target, Target::Field(_) | Target::Deliverable(_)) && !column.header.is_empty() {
                profile.columns.insert(column.last_part().to_owned(), column.target.profile_name());
            }
        }
        profile
    }
}
