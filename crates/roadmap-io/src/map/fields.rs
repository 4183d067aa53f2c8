//! What a cell means for its field: a status word, a date, a progress
//! figure, a deliverable; each lenient read raises the issue it deserves.

use roadmap_core::{CellRef, CodeInfo, Date};

use crate::codes;
use crate::grid::{Value, format_number};
use crate::profile::{DateOrder, Vocabulary};
use crate::values::{SerialError, parse_text_date, serial_to_date};

/// A date cell's value, without issues: for the "As of" line.
pub(crate) fn date_of_value(v: &Value, order: DateOrder) -> Result<Option<Date>, ()> {
    match v {
        Value::DateSerial { serial, system_1904 } => serial_to_date(*serial, *system_1904).map(Some).map_err(|_| ()),
        Value::Text(_) | Value::DateIso(_) => Ok(parse_text_date(&v.text(), order).map(|d| d.date)),
        _ => Err(()),
    }
}

/// Text without surrounding space, reusing the cell's string when it has none.
pub(super) fn into_text(value: Value) -> String {
    let text = match value {
        Value::Text(t) => t.into_string(),
        other => other.to_text(),
    };
    if text.trim().len() == text.len() { text } else { text.trim().to_owned() }
}

/// A deliverable cell: "Achieved: Working prototype in place." gives the
/// status and the description; text with no status word before a colon or
/// dash is all description.
pub(super) fn deliverable_text(vocab: &Vocabulary, text: String) -> (Option<roadmap_core::DeliverableStatus>, String) {
    // Status words are short: long text is all description.
    if text.len() <= 24
        && let Some(status) = vocab.deliverable_status(&text)
    {
        return (Some(status), String::new());
    }
    let head_end = text.find([':', '-', '–', '—']).filter(|at| *at <= 24);
    if let Some(at) = head_end
        && let Some(status) = vocab.deliverable_status(&text[..at])
    {
        let rest = text[at..].trim_start_matches([':', '-', '–', '—']).trim().to_owned();
        return (Some(status), rest);
    }
    (None, text)
}

/// Where a lenient read reports its issue: code, cell, field, message, suggestion.
pub(super) type IssueSink<'a> = dyn FnMut(&CodeInfo, CellRef, &str, String, Option<String>) + 'a;

/// Reads a date cell, raising the issue a lenient read deserves.
pub(super) fn read_date(
    v: &Value,
    order: DateOrder,
    field: &str,
    cell: CellRef,
    issue: &mut IssueSink<'_>,
) -> Option<Date> {
    match v {
        Value::DateSerial { serial, system_1904 } => serial_date(*serial, *system_1904, field, cell, issue),
        // A year typed as a number ("2026") is the year, not serial 2026 (1905).
        Value::Number(n) if n.fract() == 0.0 && (1900.0..=2100.0).contains(n) => {
            text_date(&format_number(*n), order, field, cell, issue)
        }
        Value::Number(n) => {
            let d = serial_date(*n, false, field, cell, issue)?;
            let message = format!("the number {} was read as the date {d}", format_number(*n));
            issue(&codes::NUMBER_AS_DATE, cell, field, message, None);
            Some(d)
        }
        Value::DateIso(_) | Value::Text(_) => text_date(v.text().trim(), order, field, cell, issue),
        Value::Bool(_) | Value::Error(_) | Value::Percent(_) => {
            issue(&codes::UNREADABLE_DATE, cell, field, format!("'{}' is not a date", v.to_text()), None);
            None
        }
    }
}

/// A date serial's day, or an issue when it names none.
fn serial_date(serial: f64, system_1904: bool, field: &str, cell: CellRef, issue: &mut IssueSink<'_>) -> Option<Date> {
    match serial_to_date(serial, system_1904) {
        Ok(d) => Some(d),
        Err(SerialError::NonexistentLeapDay) => {
            let message = "serial 60 is 1900-02-29, a day that never was".to_owned();
            let suggestion = "did you mean 1900-02-28 or 1900-03-01?".to_owned();
            issue(&codes::INVALID_DATE_SERIAL, cell, field, message, Some(suggestion));
            None
        }
        Err(SerialError::OutOfRange) => {
            let message = format!("serial {} is not a date", format_number(serial));
            issue(&codes::INVALID_DATE_SERIAL, cell, field, message, None);
            None
        }
    }
}

/// A date written as text (trimmed), with an issue when it is approximate,
/// ambiguous or unreadable.
fn text_date(t: &str, order: DateOrder, field: &str, cell: CellRef, issue: &mut IssueSink<'_>) -> Option<Date> {
    let Some(td) = parse_text_date(t, order) else {
        let suggestion = Some("write it as YYYY-MM-DD".to_owned());
        issue(&codes::UNREADABLE_DATE, cell, field, format!("'{t}' is not a date"), suggestion);
        return None;
    };
    if td.approximate {
        issue(&codes::APPROXIMATE_DATE, cell, field, format!("'{t}' was read as {}", td.date), None);
    } else if td.ambiguous {
        issue(&codes::AMBIGUOUS_DATE, cell, field, format!("'{t}' was read as {} ({order:?})", td.date), None);
    }
    Some(td.date)
}

/// A kept value as JSON: text as a string, numbers and booleans as such,
/// dates as ISO text.
pub(super) fn json_of(v: Value) -> serde_json::Value {
    match v {
        Value::Number(n) => serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Bool(b) => serde_json::Value::Bool(b),
        Value::Text(t) => serde_json::Value::String(t.into_string()),
        other => serde_json::Value::String(other.to_text()),
    }
}
