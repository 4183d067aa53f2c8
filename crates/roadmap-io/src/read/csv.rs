//! CSV: the encoding detected (UTF-8 with or without BOM, UTF-16 with BOM,
//! else Windows-1252 as European Excel writes it), the delimiter sniffed
//! (`,` `;` tab `|`), and what the csv crate does not check — unterminated
//! quotes and oversized fields — checked before it parses.
//!
//! Rows are numbered as a spreadsheet opening the file shows them: the
//! header is row 1, a record whose quoted cell holds line breaks is one row,
//! and a blank line is an empty row (Excel and `LibreOffice` show one), so
//! an issue's row and cell (`G7`) are where a person finds the value.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::{Error, ErrorKind, Measure, Place};
use crate::grid::{Row, Value};
use crate::limits::Limits;
use crate::read::stream::{Emit, Event, Merges};

/// How to read a CSV file; by default everything is detected.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// The delimiter; sniffed from the first lines when `None`.
    pub delimiter: Option<u8>,
    /// The encoding; detected when `None`.
    pub encoding: Option<&'static Encoding>,
}

/// What was detected about a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvDetected {
    /// The encoding used.
    pub encoding: &'static str,
    /// True when no BOM said so and UTF-8 failed: Windows-1252 was assumed.
    pub encoding_guessed: bool,
    /// The delimiter used.
    pub delimiter: u8,
}

/// Decodes the bytes to text: the BOM decides, else valid UTF-8, else
/// Windows-1252.
pub(crate) fn decode<'b>(
    bytes: &'b [u8],
    forced: Option<&'static Encoding>,
) -> Result<(Cow<'b, str>, &'static str, bool), Error> {
    if let Some(enc) = forced {
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err(Error::new(ErrorKind::Encoding { encoding: enc.name() }));
        }
        return Ok((text, enc.name(), false));
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(Error::new(ErrorKind::Encoding { encoding: enc.name() }));
        }
        let name = if enc == UTF_16LE || enc == UTF_16BE { enc.name() } else { UTF_8.name() };
        return Ok((text, name, false));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), UTF_8.name(), false)),
        Err(_) => Ok((WINDOWS_1252.decode_without_bom_handling(bytes).0, WINDOWS_1252.name(), true)),
    }
}

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter whose count per line is most consistent (and non-zero)
/// over the first lines, quotes respected; `,` when nothing stands out.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts: Vec<[usize; 4]> = Vec::new();
    let mut current = [0usize; 4];
    let mut in_quotes = false;
    for b in text.bytes().take(64 * 1024) {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                counts.push(current);
                current = [0; 4];
                if counts.len() >= 50 {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(k) = CANDIDATES.iter().position(|c| *c == b) {
                    current[k] += 1;
                }
            }
            _ => {}
        }
    }
    if current.iter().any(|n| *n > 0) {
        counts.push(current);
    }
    // Score: lines agreeing with the most common non-zero count, times that count's presence.
    let mut best = (0usize, b',');
    for (k, delimiter) in CANDIDATES.iter().enumerate() {
        let mut freq: foldhash::HashMap<usize, usize> = foldhash::HashMap::default();
        for line in &counts {
            if line[k] > 0 {
                *freq.entry(line[k]).or_insert(0) += 1;
            }
        }
        let agreeing = freq.values().max().copied().unwrap_or(0);
        if agreeing > best.0 {
            best = (agreeing, *delimiter);
        }
    }
    best.1
}

/// The length of the line break at `at`: `\r\n` is one break, as are a lone
/// `\n` and a lone `\r` (the csv crate, Excel and `LibreOffice` all read the
/// three so).
fn break_len(bytes: &[u8], at: usize) -> usize {
    if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { 2 } else { 1 }
}

/// Checks what the csv crate does not: every quoted field is closed, and no
/// field is larger than the limit. Returns the row of each record the csv
/// crate reads (0-based), as a spreadsheet opening the file shows it: the
/// header is row 1, a quoted field's line breaks stay in its cell (the
/// record is one row however many lines it spans), and a blank line is an
/// empty row — the csv crate reads no record from it, but Excel and
/// `LibreOffice` show it, so the rows below keep the numbers a person sees.
///
/// An unterminated quote is reported at the line (as a text editor counts
/// them) where the field opens: a spreadsheet would swallow the rest of the
/// file into that cell, so the quote is fixed in an editor.
fn record_rows(text: &str, delimiter: u8, limits: &Limits) -> Result<Vec<u32>, Error> {
    let bytes = text.as_bytes();
    // Line breaks so far: outside quotes (`row`), and all of them (`line`).
    let (mut row, mut line, mut column) = (0u64, 0u64, 1u64);
    let mut fields = 0u64;
    let mut rows = Vec::new();
    let too_big = |size: usize, row: u64, column: u64| {
        let place = Place::Record { record: row + 1, column: Some(column) };
        Err(Error::limit(Measure::FieldBytes, size as u64, limits.field_bytes, Some(place)))
    };
    // Field by field, jumping to the next byte that matters (memchr).
    let mut i = 0;
    let mut at_row_start = true;
    while i < bytes.len() {
        let field_start = i;
        if at_row_start {
            at_row_start = false;
            if !matches!(bytes[i], b'\n' | b'\r') {
                rows.push(u32::try_from(row).unwrap_or(u32::MAX));
            }
        }
        if bytes[i] == b'"' {
            let open_line = line + 1;
            i += 1;
            loop {
                let Some(off) = memchr::memchr3(b'"', b'\n', b'\r', &bytes[i..]) else {
                    return Err(Error::new(ErrorKind::UnterminatedQuote { line: open_line }));
                };
                let j = i + off;
                if bytes[j] != b'"' {
                    line += 1;
                    i = j + break_len(bytes, j);
                } else if bytes.get(j + 1) == Some(&b'"') {
                    i = j + 2;
                } else {
                    i = j + 1;
                    break;
                }
                if (i - field_start) as u64 > limits.field_bytes {
                    return too_big(i - field_start, row, column);
                }
            }
        }
        // The (rest of the) field runs to the next delimiter or line break.
        let end = memchr::memchr3(delimiter, b'\n', b'\r', &bytes[i..]).map_or(bytes.len(), |off| i + off);
        if (end - field_start) as u64 > limits.field_bytes {
            return too_big(end - field_start, row, column);
        }
        fields += 1;
        if fields > limits.cells {
            return Err(Error::limit(Measure::Fields, fields, limits.cells, None));
        }
        column += 1;
        i = end;
        if i < bytes.len() && bytes[i] != delimiter {
            row += 1;
            line += 1;
            column = 1;
            at_row_start = true;
            i += break_len(bytes, i);
        } else {
            i += 1;
        }
    }
    Ok(rows)
}

/// Decodes CSV bytes and finds the delimiter (unless `options` say them).
pub(crate) fn prepare(bytes: &[u8], options: CsvOptions) -> Result<(Cow<'_, str>, CsvDetected), Error> {
    let (text, encoding, encoding_guessed) = decode(bytes, options.encoding)?;
    let delimiter = options.delimiter.unwrap_or_else(|| sniff_delimiter(&text));
    Ok((text, CsvDetected { encoding, encoding_guessed, delimiter }))
}

/// Streams decoded CSV as one sheet of text cells, record by record; each
/// row is numbered as a spreadsheet shows it ([`record_rows`]).
pub(crate) fn stream(text: &str, delimiter: u8, limits: &Limits, emit: &mut Emit<'_>) -> Result<(), Error> {
    let rows = record_rows(text, delimiter, limits)?;
    emit.event(Event::Sheets(vec!["(text)".to_owned()]))?;
    emit.event(Event::Sheet { name: None, merges: Merges::Known(Vec::new()), rows: Some(rows.len()) })?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    // `record_rows` finds the records the csv crate reads; should they ever
    // disagree, the rows go on counting from the last one.
    let mut rows = rows.into_iter().peekable();
    let mut next = 0u32;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = u64::from(rows.peek().copied().unwrap_or(next)) + 1;
                return Err(Error::new(ErrorKind::Csv { record: at, source: e }));
            }
        }
        let index = rows.next().unwrap_or(next);
        next = index.saturating_add(1);
        if record.len() > limits.columns as usize {
            let place = Place::Record { record: u64::from(index) + 1, column: None };
            return Err(Error::limit(Measure::Columns, record.len() as u64, u64::from(limits.columns), Some(place)));
        }
        let mut cells: Vec<(u32, Value)> = Vec::with_capacity(record.len());
        cells.extend(
            record
                .iter()
                .enumerate()
                .filter(|(_, field)| !field.trim().is_empty())
                .map(|(c, field)| (c as u32, Value::Text(crate::write::unneutralize(field).into()))),
        );
        if !cells.is_empty() {
            emit.row(Row { index, cells })?;
        }
    }
    Ok(())
}

/// Reads CSV bytes into one grid at once (for tests and tools).
#[cfg(test)]
pub(crate) fn read(
    bytes: &[u8],
    options: CsvOptions,
    limits: &Limits,
) -> Result<(crate::grid::Grid, CsvDetected), Error> {
    let (text, detected) = prepare(bytes, options)?;
    let mut rows = Vec::new();
    let mut send = |e: Event| {
        if let Event::Rows(r) = e {
            rows.extend(r);
        }
        true
    };
    let mut emit = Emit::new(&mut send);
    stream(&text, detected.delimiter, limits, &mut emit)?;
    emit.flush()?;
    drop(emit);
    Ok((crate::grid::Grid { sheet: None, rows, merges: Vec::new() }, detected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t\"x;y;z\"\n"), b'\t');
        assert_eq!(sniff_delimiter("a,b|c\n1,2|3\n4,5|6"), b',');
        assert_eq!(sniff_delimiter("only one column\n"), b',');
    }

    #[test]
    fn decodes_every_encoding() {
        let (t, e, g) = decode(b"\xEF\xBB\xBFAchev\xC3\xA9", None).unwrap();
        assert_eq!((t.as_ref(), e, g), ("Achevé", "UTF-8", false));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Achevé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16, None).unwrap().0, "Achevé");
        let (t, e, g) = decode(b"Achev\xE9", None).unwrap();
        assert_eq!((t.as_ref(), e, g), ("Achevé", "windows-1252", true));
    }

    #[test]
    fn refuses_unterminated_quotes_and_huge_fields() {
        // The quote is reported at the line it opens on, as an editor shows it.
        let err = record_rows("a,b\n1,\"never\nclosed,x\n", b',', &Limits::default()).unwrap_err();
        assert!(matches!(err.kind, ErrorKind::UnterminatedQuote { line: 2 }), "{err}");
        let err = record_rows("a,\"b\nc\"\r\n\r\n1,\"never\nclosed,x\n", b',', &Limits::default()).unwrap_err();
        assert!(matches!(err.kind, ErrorKind::UnterminatedQuote { line: 4 }), "{err}");
        let big = format!("a,{}\n", "x".repeat(2000));
        let err = record_rows(&big, b',', &Limits::default().max_field_bytes(1000)).unwrap_err();
        assert!(err.to_string().contains("record 1, column 2"), "{err}");
        // A huge field on the third row a spreadsheet shows (the second spans two lines).
        let big = format!("a\n\"b\nc\"\n{}\n", "x".repeat(2000));
        let err = record_rows(&big, b',', &Limits::default().max_field_bytes(1000)).unwrap_err();
        assert!(err.to_string().contains("record 3, column 1"), "{err}");
    }

    /// The rows a spreadsheet shows for each record: what Excel and
    /// `LibreOffice` show opening the text, written out by hand.
    #[test]
    fn records_are_numbered_as_a_spreadsheet_shows_them() {
        let rows = |text: &str| record_rows(text, b',', &Limits::default()).unwrap();
        // Header, a record, a record with a line break in a quoted cell: rows 1-3.
        assert_eq!(rows("a,b\n1,x\n2,\"two\nlines\"\n3,y\n"), [0, 1, 2, 3]);
        // A quoted cell of three lines, with an escaped quote and a comma.
        assert_eq!(rows("a,b\n1,\"say \"\"hi\"\",\nthen\n\nbye\"\n2,z"), [0, 1, 2]);
        // A blank line is an empty row: the record below it is row 4.
        assert_eq!(rows("a,b\n1,x\n\n2,y\n"), [0, 1, 3]);
        assert_eq!(rows("a,\"b \"\"q\"\"\"\n\n1,\"2\n3\"\n4"), [0, 2, 3]);
        // Windows and old Mac line breaks; "\r\r\n" shows a blank row in Excel.
        assert_eq!(rows("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n"), [0, 1, 2]);
        assert_eq!(rows("a,b\r1,x\r2,y"), [0, 1, 2]);
        assert_eq!(rows("a,b\r\r\n1,x\r\r\n"), [0, 2]);
        // A line of spaces or of delimiters is a record (of blank cells).
        assert_eq!(rows("a,b\n \n,\n1,x"), [0, 1, 2, 3]);
        // A quote inside an unquoted cell is text, and opens nothing.
        assert_eq!(rows("a,b\n1,5\" screen\n2,x"), [0, 1, 2]);
    }

    #[test]
    fn reads_a_grid() {
        let (grid, d) =
            read(b"ID;Title\n1;\"Multi\nline\"\n\n2;x\n", CsvOptions::default(), &Limits::default()).unwrap();
        assert_eq!(d.delimiter, b';');
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.rows[1].get(1), Some(&Value::Text("Multi\nline".into())));
        // "2;x" is on row 4 as a spreadsheet shows it: the two-line record is
        // row 2, the blank line row 3.
        assert_eq!(grid.rows[2].index, 3);
    }

    fn csv_records(text: &str) -> usize {
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes()).records().count()
    }

    /// The rows agree with the records the csv crate reads.
    #[test]
    fn the_rows_match_the_csv_crates_records() {
        let texts =
            ["a,b\n\n\n1,\"x\r\n\ry\"\r\r\n2\r", "\"\"\n\"a\"\"\n\"\n,\n\r\n\"q\"x\"y\n", "x\"\n\"y\"z,\"w\n\"\"\"\n"];
        for text in texts {
            let rows = record_rows(text, b',', &Limits::default()).unwrap();
            assert_eq!(rows.len(), csv_records(text), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Whatever the text, the rows are one per record the csv crate reads
        /// (unless a quote is never closed), and never go backwards.
        #[test]
        fn every_record_has_a_row(text in "[a,\" \r\n]{0,40}") {
            if let Ok(rows) = record_rows(&text, b',', &Limits::default()) {
                proptest::prop_assert_eq!(rows.len(), csv_records(&text));
                proptest::prop_assert!(rows.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}
