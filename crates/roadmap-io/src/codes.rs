//! The catalogue of issue codes the importers and writers raise. They join
//! the validation codes of `roadmap_core::codes` in one report.

use roadmap_core::{CodeInfo, Severity};

/// A status word that is not in the profile, nor close to one.
pub const UNKNOWN_STATUS: CodeInfo = CodeInfo::new(
    "unknown-status",
    Severity::Error,
    "The status word is not one the profile knows; the status is left empty. Use Completed, Ongoing, Planned or Revised, or add the word to a profile.",
);
/// A status word read as the closest known one.
pub const STATUS_MISSPELLED: CodeInfo = CodeInfo::new(
    "status-misspelled",
    Severity::Warning,
    "The status word was read as the closest known word; correct the spelling.",
);
/// A status word with a note after it.
pub const STATUS_WITH_NOTE: CodeInfo = CodeInfo::new(
    "status-with-note",
    Severity::Info,
    "The status cell opens with a status word and adds a note (\"Ongoing - delayed\", \"Completed (Dec 2025)\"): the status was read, the note is only in the cell.",
);
/// A date that could not be read.
pub const UNREADABLE_DATE: CodeInfo = CodeInfo::new(
    "unreadable-date",
    Severity::Error,
    "The date could not be read; it is left empty. Write it as YYYY-MM-DD.",
);
/// An Excel serial number that is no date.
pub const INVALID_DATE_SERIAL: CodeInfo = CodeInfo::new(
    "invalid-date-serial",
    Severity::Error,
    "The cell's date serial is not a day of the calendar (serial 60 is the 1900-02-29 Excel invents); it is left empty.",
);
/// A rough date read as a day.
pub const APPROXIMATE_DATE: CodeInfo = CodeInfo::new(
    "approximate-date",
    Severity::Info,
    "A rough date (\"Q2 2026\", \"mid-January 2026\") was read as one day.",
);
/// A numeric date whose day and month could be either way round.
pub const AMBIGUOUS_DATE: CodeInfo = CodeInfo::new(
    "ambiguous-date",
    Severity::Info,
    "Day and month could be either way round; the profile's date order decided.",
);
/// A plain number in a date column, read as an Excel serial.
pub const NUMBER_AS_DATE: CodeInfo = CodeInfo::new(
    "number-as-date",
    Severity::Info,
    "A plain number in a date column was read as an Excel date serial.",
);
/// A number that could not be read.
pub const UNREADABLE_NUMBER: CodeInfo =
    CodeInfo::new("unreadable-number", Severity::Error, "The value is not a number; it is left empty.");
/// Progress written as fractions of one.
pub const PROGRESS_AS_FRACTION: CodeInfo = CodeInfo::new(
    "progress-as-fraction",
    Severity::Info,
    "Every progress value of the column is between 0 and 1; they were read as fractions (0.5 is 50%).",
);
/// Two columns map to the same field, or have the same header.
pub const DUPLICATE_HEADER: CodeInfo = CodeInfo::new(
    "duplicate-header",
    Severity::Warning,
    "Two columns map to the same field, or have the same header; the first is used, the second is kept under extra by its header, with \" (2)\" (or the next free number) appended when that name is taken. Nothing is dropped; rename a column to say which is which.",
);
/// Ids were generated.
pub const GENERATED_ID: CodeInfo = CodeInfo::new(
    "generated-id",
    Severity::Warning,
    "The table has no id (or this row's is empty); an id was generated from the sheet and row. Add an ID column so ids survive edits.",
);
/// A spreadsheet error value in a field.
pub const ERROR_VALUE: CodeInfo = CodeInfo::new(
    "error-value",
    Severity::Warning,
    "The cell holds an error value (#N/A, #REF!, ...); it is read as empty.",
);
/// A parent's status derived from its children.
pub const DERIVED_STATUS: CodeInfo = CodeInfo::new(
    "derived-status",
    Severity::Info,
    "A grouping initiative (a merged or repeated cell) has no status of its own; its children's statuses gave it one.",
);
/// Pillars or priority areas made from the values of the table.
pub const DEFINITIONS_FROM_DATA: CodeInfo = CodeInfo::new(
    "definitions-from-data",
    Severity::Info,
    "No list of pillars (or priority areas) was found and the profile's did not match; they were made from the table's values.",
);
/// A parent named by its title rather than its id.
pub const PARENT_BY_TITLE: CodeInfo = CodeInfo::new(
    "parent-by-title",
    Severity::Info,
    "The parent was named by its title; it was matched to that initiative's id.",
);
/// The text encoding was guessed.
pub const ENCODING_GUESSED: CodeInfo = CodeInfo::new(
    "encoding-guessed",
    Severity::Info,
    "The file is not UTF-8 and has no byte-order mark; it was read as Windows-1252.",
);
/// A file whose name says another format than its content.
pub const EXTENSION_MISMATCH: CodeInfo = CodeInfo::new(
    "extension-mismatch",
    Severity::Warning,
    "The file's name says one format (.xlsx) and its content is another (CSV text); the content decides and the file was read as what it holds. Rename the file so that other tools open it too.",
);
/// A sheet without an initiative table.
pub const SKIPPED_SHEET: CodeInfo = CodeInfo::new(
    "skipped-sheet",
    Severity::Info,
    "The sheet holds no initiative table and no list roadmap reads; it was skipped.",
);
/// Rows below where a table ends that were not read as its records.
pub const ROWS_AFTER_TABLE: CodeInfo = CodeInfo::new(
    "rows-after-table",
    Severity::Info,
    "Rows below the table (a summary block, notes, another table) do not have the table's shape and were not read as initiatives; `roadmap inspect` says where the table ends and why.",
);
/// Ticks under two status columns of one row.
pub const STATUS_MARKED_TWICE: CodeInfo = CodeInfo::new(
    "status-marked-twice",
    Severity::Error,
    "The row has a tick under two of the columns headed by statuses (\"X\" under Completed and under Ongoing); the status is left empty. Keep one tick.",
);
/// A block beside the table (a summary to its right) left out.
pub const COLUMNS_BESIDE_TABLE: CodeInfo = CodeInfo::new(
    "columns-beside-table",
    Severity::Info,
    "Columns beside the table, past an empty column, hold another block (a summary by status) that repeats the table's headers; they were not read as the records' columns.",
);
/// A formula saved without its value.
pub const FORMULA_WITHOUT_VALUE: CodeInfo = CodeInfo::new(
    "formula-without-value",
    Severity::Warning,
    "The cell holds a formula with no saved value (the program that wrote the file did not calculate it), so it reads as empty; recalculate and save the workbook in a spreadsheet program.",
);
/// A hidden sheet that was not read.
pub const HIDDEN_SHEET: CodeInfo = CodeInfo::new(
    "hidden-sheet",
    Severity::Info,
    "The sheet is hidden (often an old copy or a working sheet) and was not read; name it with --sheet to read it.",
);
/// A sheet whose XML the package scan could not follow.
pub const SHEET_SCAN_FALLBACK: CodeInfo = CodeInfo::new(
    "sheet-scan-fallback",
    Severity::Info,
    "The sheet's XML is written in a way the importer's own scan does not follow (a namespace bound to another prefix inside the sheet, cells without a reference, a sheet the package's relationships do not name); it was read in a second pass (its merged cells by the spreadsheet reader), which takes longer. Nothing is lost.",
);

/// A value the output format has no place for (a writer's warning).
pub const NOT_PRESERVED: CodeInfo = CodeInfo::new(
    "not-preserved",
    Severity::Warning,
    "The output format has no place for this value (CSV keeps only the initiative table; a deliverable's own due date has no column); it is not written, or written as text. Write JSON to keep everything.",
);

/// Every code the writers raise.
pub static EXPORT: [CodeInfo; 1] = [NOT_PRESERVED];

/// An owner missing from the workbook's list of owners.
pub const OWNER_NOT_LISTED: CodeInfo = CodeInfo::new(
    "owner-not-listed",
    Severity::Warning,
    "The workbook has a list of owners (a sheet of allowed values) and this owner is not in it; correct the spelling or add the owner to the list.",
);
/// A listed status word the profile cannot read.
pub const UNREADABLE_LISTED_STATUS: CodeInfo = CodeInfo::new(
    "unreadable-listed-status",
    Severity::Warning,
    "The workbook's list of allowed statuses has a word the profile cannot read; initiatives with it get no status. Add the word to a profile.",
);

/// Every import code.
pub static IMPORT: [CodeInfo; 27] = [
    UNKNOWN_STATUS,
    STATUS_MARKED_TWICE,
    STATUS_MISSPELLED,
    STATUS_WITH_NOTE,
    UNREADABLE_DATE,
    INVALID_DATE_SERIAL,
    APPROXIMATE_DATE,
    AMBIGUOUS_DATE,
    NUMBER_AS_DATE,
    UNREADABLE_NUMBER,
    PROGRESS_AS_FRACTION,
    DUPLICATE_HEADER,
    GENERATED_ID,
    ERROR_VALUE,
    DERIVED_STATUS,
    DEFINITIONS_FROM_DATA,
    PARENT_BY_TITLE,
    ENCODING_GUESSED,
    EXTENSION_MISMATCH,
    SKIPPED_SHEET,
    OWNER_NOT_LISTED,
    UNREADABLE_LISTED_STATUS,
    ROWS_AFTER_TABLE,
    COLUMNS_BESIDE_TABLE,
    HIDDEN_SHEET,
    FORMULA_WITHOUT_VALUE,
    SHEET_SCAN_FALLBACK,
];
