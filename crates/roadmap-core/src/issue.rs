//! Issues found in a roadmap, where they are, and the report that holds them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::CellRef;

/// How serious an issue is. Orders `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Probably wrong; the figures are still computed.
    Warning,
    /// Wrong; the figures that depend on it cannot be trusted.
    Error,
}

impl Severity {
    /// All three, most severe first, as reports count them.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = UnknownSeverity;

    /// Reads `error`, `warning` or `info`, ignoring case and surrounding space.
    ///
    /// ```
    /// use roadmap_core::Severity;
    /// assert_eq!(" Warning ".parse(), Ok(Severity::Warning));
    /// assert!("fatal".parse::<Severity>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Severity, UnknownSeverity> {
        let t = text.trim();
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownSeverity { text: text.to_owned() })
    }
}

/// A word that is not one of the three severities.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("severity must be 'error', 'warning' or 'info', not {text:?}")]
pub struct UnknownSeverity {
    /// The word given.
    pub text: String,
}

/// Where to fix an issue: the file, sheet and cell when the roadmap was read
/// from a tracker, and always the field and a JSON pointer into the roadmap
/// document.
///
/// Every member is present in JSON, `null` when unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// The file the value was read from.
    #[serde(default)]
    pub file: Option<Arc<str>>,
    /// The sheet, for workbooks.
    #[serde(default)]
    pub sheet: Option<Arc<str>>,
    /// The cell, e.g. `F12`.
    #[serde(default)]
    pub cell: Option<CellRef>,
    /// The 1-based row, as the spreadsheet shows it.
    #[serde(default)]
    pub row: Option<u32>,
    /// The 1-based column (`F` is 6).
    #[serde(default)]
    pub column: Option<u32>,
    /// The field of the initiative (`status`, `deliverables[0]`, ...).
    #[serde(default)]
    pub field: Option<String>,
    /// A JSON pointer (RFC 6901) to the value in the roadmap document,
    /// e.g. `/initiatives/3/status`.
    #[serde(default)]
    pub pointer: Option<String>,
}

impl Location {
    /// A location at one cell of a sheet.
    pub fn at_cell(cell: CellRef) -> Location {
        Location { cell: Some(cell), row: Some(cell.row()), column: Some(cell.column()), ..Location::default() }
    }

    /// `Dashboard!F12`, `F12`, `row 12`, or the field, whichever is known
    /// best; the file is not included.
    pub fn short(&self) -> Option<String> {
        let place = match (self.cell, self.row) {
            (Some(cell), _) => Some(cell.to_string()),
            (None, Some(row)) => Some(format!("row {row}")),
            (None, None) => None,
        };
        match (&self.sheet, place) {
            (Some(sheet), Some(place)) => Some(format!("{}!{place}", quote_sheet(sheet))),
            (Some(sheet), None) => Some(quote_sheet(sheet).into_owned()),
            (None, Some(place)) => Some(place),
            (None, None) => self.pointer.clone().or_else(|| self.field.clone()),
        }
    }
}

/// A sheet name as a cell reference writes it, quoted the way Excel quotes
/// it: bare when it is letters, digits, `_` and `.` only, does not start
/// with a digit or `.`, and cannot be read as a cell (`Dashboard`);
/// otherwise in quotes, with `'` doubled (`'Annex 1'`, `'2026'`, `'C26'`,
/// `'R2C3'`, `'Partners'' list'`).
fn quote_sheet(sheet: &str) -> Cow<'_, str> {
    if needs_quotes(sheet) { Cow::Owned(format!("'{}'", sheet.replace('\'', "''"))) } else { Cow::Borrowed(sheet) }
}

fn needs_quotes(sheet: &str) -> bool {
    sheet.is_empty()
        || !sheet.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        || sheet.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || sheet.parse::<CellRef>().is_ok()
        || reads_as_r1c1(sheet)
}

/// True when Excel would read the start of the name as an R1C1 reference:
/// `R`, `C` or `RC` alone, or followed by a row (`R2`, `R2C3`, `R2x`) or a
/// column (`C3`, `RC3`) in range.
fn reads_as_r1c1(sheet: &str) -> bool {
    let upper = sheet.to_ascii_uppercase();
    if matches!(upper.as_str(), "R" | "C" | "RC") {
        return true;
    }
    let Some(split) = upper.find(|c: char| c.is_ascii_digit()) else { return false };
    let (head, tail) = upper.split_at(split);
    let digits = tail.find(|c: char| !c.is_ascii_digit()).map_or(tail, |end| &tail[..end]);
    let Ok(n) = digits.parse::<u32>() else { return false };
    match head {
        "R" => (1..=crate::MAX_ROW).contains(&n),
        "C" | "RC" => (1..=crate::MAX_COLUMN).contains(&n),
        _ => false,
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.short()) {
            (Some(file), Some(place)) => write!(f, "{file}: {place}"),
            (Some(file), None) => write!(f, "{file}"),
            (None, Some(place)) => f.write_str(&place),
            (None, None) => Ok(()),
        }
    }
}

/// One problem found in a roadmap.
///
/// Every member is present in JSON, `null` when unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Issue {
    /// Stable kebab-case code, e.g. `unknown-pillar`; see [`crate::catalogue`].
    pub code: Cow<'static, str>,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in words a person understands.
    pub message: String,
    /// The id of the initiative concerned, if one is.
    #[serde(default)]
    pub initiative: Option<String>,
    /// Where to fix it.
    #[serde(default)]
    pub location: Option<Location>,
    /// What the value should probably be, e.g. "did you mean 'governance'?".
    #[serde(default)]
    pub suggestion: Option<String>,
}

impl Issue {
    /// An issue with a code, severity and message, and no place yet.
    pub fn new(code: impl Into<Cow<'static, str>>, severity: Severity, message: impl Into<String>) -> Issue {
        Issue {
            code: code.into(),
            severity,
            message: message.into(),
            initiative: None,
            location: None,
            suggestion: None,
        }
    }

    /// Names the initiative concerned.
    #[must_use]
    pub fn with_initiative(mut self, id: impl Into<String>) -> Issue {
        self.initiative = Some(id.into());
        self
    }

    /// Says where to fix it.
    #[must_use]
    pub fn with_location(mut self, location: Location) -> Issue {
        self.location = Some(location);
        self
    }

    /// Adds a suggestion.
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Issue {
        self.suggestion = Some(suggestion.into());
        self
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.severity, self.code)?;
        if let Some(place) = self.location.as_ref().filter(|l| l != &&Location::default()) {
            write!(f, " {place}")?;
        }
        if let Some(id) = &self.initiative {
            write!(f, " ({id})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; {s}")?;
        }
        Ok(())
    }
}

/// The issues found in a roadmap, in the order they were found: import
/// issues first, then validation's, roadmap-wide checks before each
/// initiative's in document order.
///
/// In JSON a report is the list of its issues.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Report {
    /// The issues.
    pub issues: Vec<Issue>,
}

impl Report {
    /// A report holding these issues.
    pub fn new(issues: Vec<Issue>) -> Report {
        Report { issues }
    }

    /// True when no issue is an error.
    pub fn is_ok(&self) -> bool {
        !self.has(Severity::Error)
    }

    /// True when some issue is at least this severe.
    pub fn has(&self, severity: Severity) -> bool {
        self.issues.iter().any(|i| i.severity >= severity)
    }

    /// The issues that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.with_severity(Severity::Error)
    }

    /// The issues that are warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.with_severity(Severity::Warning)
    }

    /// The issues of exactly this severity.
    pub fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.severity == severity)
    }

    /// How many issues have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.with_severity(severity).count()
    }

    /// How many issues carry each code, by code.
    pub fn count_by_code(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for issue in &self.issues {
            *counts.entry(issue.code.as_ref()).or_insert(0) += 1;
        }
        counts
    }

    /// Keeps only the issues at least as severe as `min`.
    #[must_use]
    pub fn at_least(mut self, min: Severity) -> Report {
        self.issues.retain(|i| i.severity >= min);
        self
    }

    /// Appends another report's issues after this one's.
    pub fn extend(&mut self, other: Report) {
        self.issues.extend(other.issues);
    }

    /// The issues, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Issue> {
        self.issues.iter()
    }

    /// The number of issues.
    pub fn len(&self) -> usize {
        self.issues.len()
    }

    /// True when there is no issue at all.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }
}

impl IntoIterator for Report {
    type Item = Issue;
    type IntoIter = std::vec::IntoIter<Issue>;
    fn into_iter(self) -> Self::IntoIter {
        self.issues.into_iter()
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Issue;
    type IntoIter = std::slice::Iter<'a, Issue>;
    fn into_iter(self) -> Self::IntoIter {
        self.issues.iter()
    }
}

/// What a code means: the catalogue entry of one kind of issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CodeInfo {
    /// The stable kebab-case code.
    pub code: Cow<'static, str>,
    /// The severity issues of this code have.
    pub severity: Severity,
    /// One sentence: what it means and how to fix it.
    pub summary: Cow<'static, str>,
}

impl CodeInfo {
    /// A catalogue entry.
    pub const fn new(code: &'static str, severity: Severity, summary: &'static str) -> CodeInfo {
        CodeInfo { code: Cow::Borrowed(code), severity, summary: Cow::Borrowed(summary) }
    }

    /// An issue of this code with a message.
    pub fn issue(&self, message: impl Into<String>) -> Issue {
        Issue::new(self.code.clone(), self.severity, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_location_names_sheet_and_cell() {
        let mut loc = Location::at_cell(CellRef::new(12, 6).unwrap());
        assert_eq!(loc.short().as_deref(), Some("F12"));
        loc.sheet = Some("Dashboard".into());
        assert_eq!(loc.short().as_deref(), Some("Dashboard!F12"));
        loc.sheet = Some("Annex 1".into());
        assert_eq!(loc.short().as_deref(), Some("'Annex 1'!F12"));
        loc.file = Some("t.xlsx".into());
        assert_eq!(loc.to_string(), "t.xlsx: 'Annex 1'!F12");
        let pointer = Location { pointer: Some("/initiatives/0/status".into()), ..Location::default() };
        assert_eq!(pointer.to_string(), "/initiatives/0/status");
    }

    #[test]
    fn sheet_names_are_quoted_as_excel_quotes_them() {
        let bare = ["Dashboard", "Sheet1", "Annex_B", "v1.2", "Données", "Checkpoints", "XFE1", "R0", "Rx"];
        let quoted = [
            ("Annex 1", "'Annex 1'"),
            ("Partners' list", "'Partners'' list'"),
            ("PP-26", "'PP-26'"),
            ("2026", "'2026'"),
            (".hidden", "'.hidden'"),
            ("C26", "'C26'"),
            ("xfd1048576", "'xfd1048576'"),
            ("R2C3", "'R2C3'"),
            ("R12x", "'R12x'"),
            ("rc7", "'rc7'"),
            ("C", "'C'"),
            ("", "''"),
        ];
        let cell = CellRef::new(12, 6).unwrap();
        for name in bare {
            let loc = Location { sheet: Some(name.into()), ..Location::at_cell(cell) };
            assert_eq!(loc.to_string(), format!("{name}!F12"), "{name}");
        }
        for (name, shown) in quoted {
            let loc = Location { sheet: Some(name.into()), ..Location::at_cell(cell) };
            assert_eq!(loc.to_string(), format!("{shown}!F12"), "{name}");
        }
    }

    #[test]
    fn severities_parse_from_their_words() {
        for s in Severity::ALL {
            assert_eq!(s.as_str().parse(), Ok(s));
            assert_eq!(s.as_str().to_uppercase().parse(), Ok(s));
        }
        let err = "fatal".parse::<Severity>().unwrap_err();
        assert_eq!(err.to_string(), "severity must be 'error', 'warning' or 'info', not \"fatal\"");
    }

    #[test]
    fn report_counts_and_filters() {
        let report = Report::new(vec![
            Issue::new("a", Severity::Error, "x"),
            Issue::new("b", Severity::Warning, "y"),
            Issue::new("b", Severity::Info, "z"),
        ]);
        assert!(!report.is_ok());
        assert_eq!(report.count(Severity::Warning), 1);
        assert_eq!(report.count_by_code().get("b"), Some(&2));
        let warnings_up = report.clone().at_least(Severity::Warning);
        assert_eq!(warnings_up.len(), 2);
        assert!(Report::new(vec![Issue::new("b", Severity::Warning, "y")]).is_ok());
    }

    #[test]
    fn json_keeps_every_member() {
        let issue = Issue::new("missing-title", Severity::Error, "no title").with_location(Location::default());
        let json = serde_json::to_value(Report::new(vec![issue])).unwrap();
        let first = &json[0];
        for key in ["code", "severity", "message", "initiative", "location", "suggestion"] {
            assert!(first.get(key).is_some(), "{key}");
        }
        for key in ["file", "sheet", "cell", "row", "column"] {
            assert!(first["location"].get(key).is_some(), "{key}");
        }
    }
}
