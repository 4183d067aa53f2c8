//! The first stage: bytes to a stream of sheets of rows. The format is told
//! by the content; workbooks are checked (bombs, absurd sizes, DTDs) and
//! read through calamine, CSV is decoded and read through the csv crate;
//! either way a reader thread streams the rows to the mapping engine
//! ([`stream`]).

pub(crate) mod csv;
mod gate;
mod guard;
mod package;
mod sheetbin;
mod sheetxml;
pub(crate) mod stream;
pub(crate) mod workbook;

use std::borrow::Cow;
use std::io::Read;

use serde::Serialize;

pub use self::csv::{CsvDetected, CsvOptions};
use self::stream::Events;
pub use self::workbook::WorkbookFormat;
use crate::error::{Error, ErrorKind, Measure, WorkbookCause};
use crate::grid::Grid;
use crate::limits::Limits;
use crate::options::ReadOptions;

/// What a file holds, told by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// xlsx or xlsm.
    Xlsx,
    /// xlsb.
    Xlsb,
    /// Excel 97-2003.
    Xls,
    /// `OpenDocument` spreadsheet.
    Ods,
    /// Delimited text.
    Csv,
    /// A roadmap document.
    Json,
    /// Sheets of rows handed over in memory ([`crate::read_sheets`]), not
    /// read from bytes.
    Rows,
}

impl Format {
    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Rows => "rows",
        }
    }

    /// The format a file name's extension says (`tracker.xlsx`: xlsx), when
    /// it names one: xlsx, xlsm, xltx, xltm, xlsb, xls, ods, csv, tsv, txt,
    /// tab, json (in any case).
    pub fn of_name(name: &str) -> Option<Format> {
        let extension = std::path::Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" | "xlsm" | "xltx" | "xltm" => Some(Format::Xlsx),
            "xlsb" => Some(Format::Xlsb),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" | "tsv" | "txt" | "tab" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// What a file of this format holds, in words: "CSV text".
    fn content(self) -> &'static str {
        match self {
            Format::Xlsx => "an xlsx workbook",
            Format::Xlsb => "an xlsb workbook",
            Format::Xls => "an Excel 97-2003 (xls) workbook",
            Format::Ods => "an OpenDocument (ods) spreadsheet",
            Format::Csv => "CSV text",
            Format::Json => "a JSON document",
            Format::Rows => "rows",
        }
    }

    pub(crate) fn workbook(self) -> Option<WorkbookFormat> {
        match self {
            Format::Xlsx => Some(WorkbookFormat::Xlsx),
            Format::Xlsb => Some(WorkbookFormat::Xlsb),
            Format::Xls => Some(WorkbookFormat::Xls),
            Format::Ods => Some(WorkbookFormat::Ods),
            Format::Csv | Format::Json | Format::Rows => None,
        }
    }
}

/// Bytes of a part read to tell a zip's format: its relationships, the
/// workbook part, an `OpenDocument` manifest. A larger part is read this
/// far (the guard checks it whole before any sheet is read).
const DETECT_PART_BYTES: u64 = 16 << 20;

/// What a zip package is, from its own relationships or manifest.
fn zip_layout(mut archive: zip::ZipArchive<std::io::Cursor<&[u8]>>) -> Result<package::Layout, Error> {
    let zip_error =
        |e| Error::new(ErrorKind::Workbook { format: "zip", part: None, source: Box::new(WorkbookCause::Zip(e)) });
    let names =
        package::Names::new(archive.file_names().filter_map(Result::ok).map(std::borrow::Cow::into_owned).collect());
    package::layout(&names, &mut |entry| {
        let mut bytes = Vec::new();
        let part = archive.by_index(entry).map_err(zip_error)?;
        std::io::Read::read_to_end(&mut std::io::Read::take(part, DETECT_PART_BYTES), &mut bytes).map_err(|e| {
            Error::new(ErrorKind::Workbook {
                format: "zip",
                part: Some(names.name(entry).to_owned()),
                source: Box::new(e.into()),
            })
        })?;
        Ok(bytes)
    })
}

/// Tells the format from the content: a zip's parts (xlsx, xlsb, ods, found
/// through the package's relationships or manifest, [`package`]), the
/// OLE signature (xls), a JSON object, or text (CSV). The file name breaks
/// no tie: content wins (a name that says another format is an
/// `extension-mismatch` warning of the import).
///
/// # Errors
/// [`ErrorKind::Empty`] for no bytes, [`ErrorKind::UnsupportedFormat`] for
/// anything else.
pub fn detect(bytes: &[u8]) -> Result<Format, Error> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.is_empty() {
        return Err(ErrorKind::Empty.into());
    }
    let unsupported = |what: &str| Error::new(ErrorKind::UnsupportedFormat { detected: what.to_owned() });
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            Error::new(ErrorKind::Workbook { format: "zip", part: None, source: Box::new(WorkbookCause::Zip(e)) })
        })?;
        return match zip_layout(archive)? {
            package::Layout::Ooxml(found) if found.binary => Ok(Format::Xlsb),
            package::Layout::Ooxml(_) => Ok(Format::Xlsx),
            package::Layout::Ods => Ok(Format::Ods),
            package::Layout::Other(what) => Err(unsupported(&what)),
        };
    }
    if bytes.starts_with(OLE) {
        return compound_document(bytes).map_err(&unsupported);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(unsupported("a PDF document"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let text_start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if text_start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return Ok(Format::Json);
    }
    if let Some(what) = markup(text_start) {
        return Err(unsupported(what));
    }
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let binary = head.iter().filter(|b| **b == 0 || (**b < 0x09)).count();
    if utf16 || binary == 0 { Ok(Format::Csv) } else { Err(unsupported("binary data")) }
}

/// What an OLE compound document holds: an xls workbook (a `Workbook` or
/// `Book` stream), or what it is instead, said for a person.
fn compound_document(bytes: &[u8]) -> Result<Format, &'static str> {
    let Ok(file) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        // Damaged: the reader says how.
        return Ok(Format::Xls);
    };
    let has = |name: &str| file.exists(name);
    if has("/Workbook") || has("/Book") {
        Ok(Format::Xls)
    } else if has("/EncryptedPackage") || has("/EncryptionInfo") {
        Err("a password-protected (encrypted) Office file: remove its password in Excel and save it again")
    } else if has("/WordDocument") {
        Err("a Word 97-2003 document")
    } else if has("/PowerPoint Document") {
        Err("a PowerPoint 97-2003 presentation")
    } else {
        Err("a compound document with no workbook stream")
    }
}

/// What a text that is markup is, when it is a kind of file people save
/// trackers as by mistake: a web page (an "Excel" export from a web
/// application), an Excel 2003 XML spreadsheet, a flat `OpenDocument` file.
fn markup(text: &[u8]) -> Option<&'static str> {
    let start = &text[text.iter().position(|b| !b.is_ascii_whitespace())?..];
    let lower = |n: usize| start[..start.len().min(n)].to_ascii_lowercase();
    let head = lower(4096);
    if !(head.starts_with(b"<?xml") || head.starts_with(b"<!doctype") || head.starts_with(b"<html")) {
        return None;
    }
    let has = |needle: &[u8]| memchr::memmem::find(&head, needle).is_some();
    Some(if has(b"<html") || has(b"<!doctype html") {
        "an HTML page (a web export?): open it in a spreadsheet program and save it as xlsx"
    } else if has(b"urn:schemas-microsoft-com:office:spreadsheet") {
        "an Excel 2003 XML spreadsheet: open it in Excel and save it as xlsx"
    } else if has(b"opendocument") {
        "a flat OpenDocument file (fods): save it as ods"
    } else {
        "an XML document, not a table"
    })
}

/// An `extension-mismatch` warning when the file's name says another format
/// than the one it was read as (the content decides; a misnamed file still
/// reads, but other tools may refuse it).
pub(crate) fn name_mismatch(name: &str, format: Format) -> Option<roadmap_core::Issue> {
    let named = Format::of_name(name)?;
    if named == format {
        return None;
    }
    let extension = std::path::Path::new(name).extension()?.to_string_lossy();
    let message = format!(
        "the file is named .{extension} but holds {}, and was read as such; rename it .{}",
        format.content(),
        format.name()
    );
    let location =
        roadmap_core::Location { file: Some(std::sync::Arc::from(name)), ..roadmap_core::Location::default() };
    Some(crate::codes::EXTENSION_MISMATCH.issue(message).with_location(location))
}

/// True for a number format that shows a number as a percentage: a `%` in
/// its first section, outside quoted text, escapes and `[...]`.
pub(crate) fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => return true,
            ';' => return false,
            '"' => while chars.next().is_some_and(|q| q != '"') {},
            '[' => while chars.next().is_some_and(|q| q != ']') {},
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => {}
        }
    }
    false
}

/// Refuses more bytes than the file limit allows.
pub(crate) fn check_size(size: u64, limits: &Limits) -> Result<(), Error> {
    if size > limits.file_bytes {
        return Err(Error::limit(Measure::FileBytes, size, limits.file_bytes, None));
    }
    Ok(())
}

/// Reads at most the file limit; `size` (when known) reserves the buffer.
pub(crate) fn read_limited(reader: impl Read, size: u64, limits: &Limits) -> Result<Vec<u8>, Error> {
    check_size(size, limits)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    reader
        .take(limits.file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::new(ErrorKind::Io { source }))?;
    check_size(bytes.len() as u64, limits)?;
    Ok(bytes)
}

/// What the reader thread reads: decoded CSV text, a workbook's bytes, or
/// sheets already in memory.
pub(crate) enum Source<'b> {
    Csv { text: Cow<'b, str>, detected: CsvDetected },
    Workbook { bytes: &'b [u8], format: WorkbookFormat },
    Grids(Vec<Grid>),
}

impl<'b> Source<'b> {
    /// The source of bytes in a format that holds sheets (not JSON). CSV is
    /// decoded here, before the reader starts.
    pub(crate) fn new(bytes: &'b [u8], format: Format, options: &ReadOptions) -> Result<Source<'b>, Error> {
        match format.workbook() {
            Some(format) => Ok(Source::Workbook { bytes, format }),
            None if format == Format::Csv => {
                let (text, detected) = csv::prepare(bytes, options.csv)?;
                Ok(Source::Csv { text, detected })
            }
            None => Err(Error::new(ErrorKind::UnsupportedFormat { detected: format.name().to_owned() })),
        }
    }

    /// What was detected of a CSV source.
    pub(crate) fn csv_detected(&self) -> Option<CsvDetected> {
        match self {
            Source::Csv { detected, .. } => Some(detected.clone()),
            Source::Workbook { .. } | Source::Grids(_) => None,
        }
    }

    /// Reads the source on a reader thread while `map` consumes its events
    /// on this one.
    pub(crate) fn run<T: Send>(
        self,
        options: &ReadOptions,
        map: impl FnOnce(&mut Events) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let limits = &options.limits;
        match self {
            Source::Csv { text, detected } => stream::run(
                stream::IN_FLIGHT_CSV,
                move |emit| csv::stream(&text, detected.delimiter, limits, emit),
                map,
            ),
            Source::Workbook { bytes, format } => stream::run(
                stream::IN_FLIGHT_WORKBOOK,
                |emit| workbook::stream(bytes, format, &options.sheets, limits, emit),
                map,
            ),
            Source::Grids(grids) => stream::run(stream::IN_FLIGHT_WORKBOOK, move |emit| emit.grids(grids), map),
        }
    }
}

/// The sheets of a workbook, for choosing one; none for CSV and JSON.
///
/// # Errors
/// As [`crate::read_bytes`].
pub fn sheet_names(bytes: &[u8], limits: &Limits) -> Result<Vec<String>, Error> {
    match detect(bytes)?.workbook() {
        Some(wb) => workbook::sheet_names(bytes, wb, limits),
        None => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_people_save_trackers_as_by_mistake_are_named() {
        let what = |bytes: &[u8]| match detect(bytes) {
            Err(Error { kind: ErrorKind::UnsupportedFormat { detected }, .. }) => detected,
            other => panic!("{other:?}"),
        };
        assert!(what(b"<!DOCTYPE html><html><table><tr><td>ID</td></tr></table></html>").starts_with("an HTML page"));
        let xml2003 = br#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>"#;
        assert!(what(xml2003).starts_with("an Excel 2003 XML"));
        let fods = br#"<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>"#;
        assert!(what(fods).starts_with("a flat OpenDocument"));
        // A CSV whose first cell starts with '<' is still a CSV.
        assert_eq!(detect(b"<ID>,Initiative\nA-1,Portal\n").ok(), Some(Format::Csv));
        for (stream, said) in [
            ("EncryptedPackage", "a password-protected"),
            ("WordDocument", "a Word 97-2003 document"),
            ("Other", "a compound document with no workbook stream"),
        ] {
            let mut file =
                cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap_or_else(|e| panic!("{e}"));
            file.create_stream(stream).unwrap_or_else(|e| panic!("{e}"));
            let bytes = file.into_inner().into_inner();
            assert!(what(&bytes).starts_with(said), "{stream}");
        }
    }

    #[test]
    fn percent_formats_from_their_codes() {
        for code in ["0%", "0.0%", "0.00%;[Red]-0.00%", "#,##0%"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in ["0", "dd mmm yyyy", r#"0" %""#, r"0\%", "0;0%", "[$%-409]0"] {
            assert!(!is_percent_format(code), "{code}");
        }
    }
}
