//! Reading cell values as the model's types: Excel serial dates (1900 and
//! 1904 systems), text dates in many spellings, numbers with either decimal
//! separator, percentages, and revision notes.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use roadmap_core::{Date, Revision, RevisionChange, RevisionReason};

use crate::normalize::words;
use crate::profile::DateOrder;

/// Why a serial number is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SerialError {
    /// Serial 60 of the 1900 system is 1900-02-29, a day that never was
    /// (Excel keeps Lotus 1-2-3's leap-year bug).
    NonexistentLeapDay,
    /// Before the system's first day or after 9999-12-31, or not a number.
    OutOfRange,
}

/// 1899-12-30, day 0 of the 1900 system for serials from 61 on.
const EPOCH_1900: i64 = -25_569;
/// 1904-01-01, day 0 of the 1904 system.
const EPOCH_1904: i64 = -24_107;

/// The date of an Excel serial number (its time of day is dropped).
///
/// # Errors
/// [`SerialError`] for serial 60 of the 1900 system, and for serials before
/// the system's first day, after 9999-12-31, or not finite.
///
/// ```
/// use roadmap_io::values::serial_to_date;
/// assert_eq!(serial_to_date(46_023.0, false).unwrap().to_string(), "2026-01-01");
/// assert_eq!(serial_to_date(44_561.0, true).unwrap().to_string(), "2026-01-01");
/// assert!(serial_to_date(60.0, false).is_err());
/// ```
pub fn serial_to_date(serial: f64, system_1904: bool) -> Result<Date, SerialError> {
    if !serial.is_finite() || !(0.0..=3_000_000.0).contains(&serial) {
        return Err(SerialError::OutOfRange);
    }
    let day = serial.floor() as i64;
    let days = if system_1904 {
        EPOCH_1904 + day
    } else {
        match day {
            0 => return Err(SerialError::OutOfRange),
            60 => return Err(SerialError::NonexistentLeapDay),
            1..=59 => EPOCH_1900 + day + 1,
            _ => EPOCH_1900 + day,
        }
    };
    Date::from_days(days).ok_or(SerialError::OutOfRange)
}

/// A date read from text, and whether the text only gave it roughly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextDate {
    /// The date.
    pub date: Date,
    /// True for "Q2 2026", "mid-January 2026", "2026": the day was chosen.
    pub approximate: bool,
    /// True when day and month could be either way round and the profile's
    /// date order decided.
    pub ambiguous: bool,
}

/// Month names and abbreviations (folded: no accents), English, French,
/// Spanish, Russian.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("enero", 1),
    ("январь", 1),
    ("января", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("февраль", 2),
    ("февраля", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("marzo", 3),
    ("март", 3),
    ("марта", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("апрель", 4),
    ("апреля", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("май", 5),
    ("мая", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("junio", 6),
    ("июнь", 6),
    ("июня", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("julio", 7),
    ("июль", 7),
    ("июля", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("agosto", 8),
    ("август", 8),
    ("августа", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("сентябрь", 9),
    ("сентября", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("октябрь", 10),
    ("октября", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("ноябрь", 11),
    ("ноября", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("декабрь", 12),
    ("декабря", 12),
];

fn month(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(w, _)| *w == word).map(|(_, m)| *m)
}

fn last_day(year: i64, month: i64) -> Option<Date> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    Date::from_days(Date::new(y, m, 1).ok()?.days() - 1)
}

fn year_of(token: &str) -> Option<i64> {
    let n: i64 = token.parse().ok()?;
    match token.len() {
        4 => Some(n),
        2 => Some(2000 + n),
        _ => None,
    }
}

/// Reads a date written as text: ISO (`2026-05-12`, with or without a
/// time), numeric with `/`, `.` or `-` (day or month first as `order`
/// says, unless one part is over 12), with month names in English, French,
/// Spanish or Russian (`12 May 2026`, `May 12, 2026`, `May 2026`), Chinese
/// (`2026年5月12日`), and rough forms read as approximate: `Q2 2026` (the
/// quarter's last day), `H1 2026`, `mid-January 2026` (the 15th),
/// `early`/`end of` a month, a month alone (its last day), a year alone
/// (31 December).
pub fn parse_text_date(text: &str, order: DateOrder) -> Option<TextDate> {
    let t = text.trim();
    let exact = |date| TextDate { date, approximate: false, ambiguous: false };
    let rough = |date| TextDate { date, approximate: true, ambiguous: false };
    // ISO, possibly with a time.
    let head = t.split(['T', ' ']).next().unwrap_or(t);
    if let Ok(d) = head.parse::<Date>() {
        return Some(exact(d));
    }
    // Chinese: 2026年5月12日 / 2026年5月
    if let Some((y, rest)) = t.split_once('年') {
        let y: i64 = y.trim().parse().ok()?;
        let (m, rest) = rest.split_once('月')?;
        let m: i64 = m.trim().parse().ok()?;
        let d = rest.trim_end_matches('日').trim();
        return if d.is_empty() { last_day(y, m).map(rough) } else { Date::new(y, m, d.parse().ok()?).ok().map(exact) };
    }
    // Numeric with separators.
    let parts: Vec<&str> = t.split(['/', '.', '-']).map(str::trim).collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        let n: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if parts[0].len() == 4 {
            return Date::new(n[0], n[1], n[2]).ok().map(exact);
        }
        let year = year_of(parts[2])?;
        let (a, b) = (n[0], n[1]);
        let (day, month, ambiguous) = if a > 12 {
            (a, b, false)
        } else if b > 12 {
            (b, a, false)
        } else {
            match order {
                DateOrder::DayFirst => (a, b, a != b),
                DateOrder::MonthFirst => (b, a, a != b),
            }
        };
        return Date::new(year, month, day).ok().map(|date| TextDate { date, approximate: false, ambiguous });
    }
    // Words.
    let w = words(t);
    let tokens: Vec<&str> = w.split(' ').collect();
    let year = tokens.iter().rev().find_map(|t| if t.len() == 4 { year_of(t) } else { None });
    let year = year?;
    let quarter = tokens.iter().find_map(|t| {
        // The first character (of any width), then the number.
        let first = t.chars().next()?;
        let (k, n) = t.split_at(first.len_utf8());
        let n: i64 = n.parse().ok()?;
        match (k, n) {
            ("q" | "t", 1..=4) => Some(n * 3),
            ("h" | "s", 1..=2) => Some(n * 6),
            _ => None,
        }
    });
    if let Some(end_month) = quarter {
        return last_day(year, end_month).map(rough);
    }
    let named = tokens.iter().position(|t| month(t).is_some());
    let Some(mi) = named else {
        return (tokens.len() == 1).then(|| Date::new(year, 12, 31).ok().map(rough)).flatten();
    };
    let m = i64::from(month(tokens[mi]).unwrap_or(1));
    let day_token = tokens.iter().enumerate().find_map(|(i, t)| {
        (i != mi && t.len() <= 2)
            .then(|| t.trim_end_matches(|c: char| !c.is_ascii_digit()).parse::<i64>().ok())
            .flatten()
    });
    if let Some(d) = day_token {
        return Date::new(year, m, d).ok().map(exact);
    }
    let has = |words: &[&str]| tokens.iter().any(|t| words.contains(t));
    let day = if has(&["mid", "middle", "mi", "mitad", "mediados", "середина", "середине"]) {
        Some(15)
    } else if has(&["early", "beginning", "start", "debut", "principios", "inicio", "начало", "начале"]) {
        Some(1)
    } else {
        None
    };
    match day {
        Some(d) => Date::new(year, m, d).ok().map(rough),
        None => last_day(year, m).map(rough),
    }
}

/// Reads a number written as text: `1 234,5` or `1,234.5`, with the decimal
/// comma where `decimal_comma` says (a dot before other than three digits,
/// `2.5`, is a decimal point all the same); a trailing `%` is left for the
/// caller.
pub fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let plain = text.trim();
    // The common case, plain digits with nothing to normalize.
    if plain.bytes().all(|b| b.is_ascii_digit() || b == b'-' || (b == b'.' && !decimal_comma))
        && let Ok(n) = plain.parse::<f64>()
    {
        return n.is_finite().then_some(n);
    }
    let t: String = text.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').collect();
    if t.is_empty() {
        return None;
    }
    // A dot groups thousands only before three digits: "1.234,5" and
    // "12.500" group, "2.5" has a decimal point even where commas are the
    // decimal mark.
    let dots_group = t.split('.').skip(1).all(|g| g.len() >= 3 && g.as_bytes()[..3].iter().all(u8::is_ascii_digit));
    let normalized = if decimal_comma && (dots_group || t.contains(',')) {
        t.replace('.', "").replace(',', ".")
    } else if decimal_comma {
        t
    } else if t.contains('.') || t.matches(',').count() > 1 || t.split(',').nth(1).is_some_and(|f| f.len() == 3) {
        t.replace(',', "")
    } else {
        // "50,5" with no dot: a decimal comma even where the profile expects a dot.
        t.replace(',', ".")
    };
    let n: f64 = normalized.parse().ok()?;
    n.is_finite().then_some(n)
}

/// Reads a revision note: how ("combined with INI-012", "merged into X",
/// "scope changed") and why (feasibility, prioritization, rationalization;
/// any other note is a reason of its own, `other`), keeping the words as the
/// note. "Merged with a related initiative" names no id: the change stays
/// unknown. `None` for empty text.
pub fn parse_revision(text: &str) -> Option<Revision> {
    let note = text.trim();
    if note.is_empty() {
        return None;
    }
    let w = words(note);
    let found = |f: &Finder<'_>| f.find(w.as_bytes());
    let words = &*REVISION_WORDS;
    let reason = words
        .reasons
        .iter()
        .find(|(stems, _)| stems.iter().any(|s| found(s).is_some()))
        .map_or(RevisionReason::Other, |(_, r)| *r);
    let combined = words.combined.iter().find_map(|phrase| {
        let at = found(phrase)?;
        let phrase = std::str::from_utf8(phrase.needle()).ok()?;
        // The id in its original spelling: the first token after the
        // phrase, when it looks like an id (it has a digit).
        original_after(note, phrase.split(' ').count(), &w[..at]).filter(|t| t.chars().any(|c| c.is_ascii_digit()))
    });
    let change = if let Some(into) = combined {
        Some(RevisionChange::CombinedInto(into))
    } else if words.scope.iter().any(|s| found(s).is_some()) {
        Some(RevisionChange::ScopeChanged)
    } else {
        None
    };
    Some(Revision { reason: Some(reason), change, note: Some(note.to_owned()) })
}

/// A note that reads as a revision, written where no revision column is
/// (a "Notes" or "Comments" column): it says how the initiative changed
/// (combined into an id, a changed scope) or why (a known reason). `None`
/// for any other note.
pub(crate) fn revision_note(text: &str) -> Option<Revision> {
    parse_revision(text).filter(|r| r.change.is_some() || r.reason.is_some_and(|x| x != RevisionReason::Other))
}

/// What a revision note is searched for (in its [`words`] form), each
/// searcher built once: a tracker has a note on every revised row.
struct RevisionWords {
    /// Stems of each reason.
    reasons: Vec<(Vec<Finder<'static>>, RevisionReason)>,
    /// Phrases that name the initiative this one was combined into.
    combined: Vec<Finder<'static>>,
    /// Stems of a changed scope.
    scope: Vec<Finder<'static>>,
}

static REVISION_WORDS: LazyLock<RevisionWords> = LazyLock::new(|| {
    let finders = |words: &[&'static str]| words.iter().map(|w| Finder::new(w.as_bytes())).collect::<Vec<_>>();
    RevisionWords {
        reasons: vec![
            (finders(&["feasib", "faisab", "factib", "viabil", "осуществ", "可行"]), RevisionReason::Feasibility),
            (finders(&["priorit", "приорит", "优先"]), RevisionReason::Prioritization),
            (finders(&["rational", "streamlin", "рационал", "合理"]), RevisionReason::Rationalization),
        ],
        combined: finders(&[
            "combined with",
            "combined into",
            "merged with",
            "merged into",
            "fused with",
            "fusionne avec",
            "fusionnee avec",
            "combine avec",
            "combinado con",
            "fusionado con",
            "объединено с",
            "合并到",
            "合并入",
        ]),
        scope: finders(&["scope", "perimetre", "alcance", "охват", "范围", "rescop", "descop"]),
    }
});

/// The token of `note` that follows the phrase found after `before` (the
/// folded text before the phrase), in its original spelling.
fn original_after(note: &str, phrase_words: usize, before: &str) -> Option<String> {
    let skip = before.split(' ').filter(|s| !s.is_empty()).count() + phrase_words;
    let token = note
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .filter(|s| !s.is_empty() && s.chars().any(char::is_alphanumeric))
        .nth(skip)?;
    let token = token.trim_end_matches(['.', ':']);
    (!token.is_empty()).then(|| token.to_owned())
}

/// The order a numeric date's spelling proves: `13/06/2026` is day first,
/// `6/30/2026` month first; `None` when both parts could be the month (or
/// the text is no such date).
pub(crate) fn date_order_evidence(text: &str) -> Option<DateOrder> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).map(str::trim).collect();
    let [a, b, y] = parts.as_slice() else { return None };
    if a.len() > 2
        || b.len() > 2
        || y.len() < 2
        || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    match (a > 12 && b <= 12, b > 12 && a <= 12) {
        (true, _) => Some(DateOrder::DayFirst),
        (_, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// True for a cell a person reads as no value: only dashes or other
/// punctuation ("-", "—", "?"), or a "not applicable / to be confirmed"
/// mark ("N/A", "TBC", "TBD", "s.o.", "н/д", "待定").
pub(crate) fn is_placeholder(text: &str) -> bool {
    const MARKS: [&str; 12] =
        ["n/a", "na", "n.a.", "tbc", "tbd", "t.b.c.", "t.b.d.", "s.o.", "n/d", "н/д", "待定", "غير متوفر"];
    // Lower-cased only at a mark's length: this runs for owner cells of every row.
    if text.len() > 24 {
        return !text.chars().any(char::is_alphanumeric);
    }
    let t = text.trim();
    !t.is_empty()
        && (!t.chars().any(char::is_alphanumeric)
            || MARKS.iter().any(|m| m.len() == t.len() && (t.eq_ignore_ascii_case(m) || t.to_lowercase() == *m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn serials_in_both_systems() {
        assert_eq!(serial_to_date(1.0, false).unwrap(), d("1900-01-01"));
        assert_eq!(serial_to_date(59.0, false).unwrap(), d("1900-02-28"));
        assert_eq!(serial_to_date(60.0, false), Err(SerialError::NonexistentLeapDay));
        assert_eq!(serial_to_date(61.0, false).unwrap(), d("1900-03-01"));
        assert_eq!(serial_to_date(45_658.75, false).unwrap(), d("2025-01-01"));
        assert_eq!(serial_to_date(0.0, true).unwrap(), d("1904-01-01"));
        assert_eq!(serial_to_date(2_958_465.0, false).unwrap(), d("9999-12-31"));
        for bad in [-1e300, -1.0, 0.0, 2_958_466.0, f64::NAN, f64::INFINITY] {
            assert!(serial_to_date(bad, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_dates() {
        let day = DateOrder::DayFirst;
        let p = |t: &str| parse_text_date(t, day).map(|x| (x.date.to_string(), x.approximate));
        assert_eq!(p("2026-05-12"), Some(("2026-05-12".into(), false)));
        assert_eq!(p("2026-05-12T00:00:00"), Some(("2026-05-12".into(), false)));
        assert_eq!(p("12/05/2026"), Some(("2026-05-12".into(), false)));
        assert_eq!(p("31.12.2026"), Some(("2026-12-31".into(), false)));
        assert_eq!(p("12 May 2026"), Some(("2026-05-12".into(), false)));
        assert_eq!(p("May 12, 2026"), Some(("2026-05-12".into(), false)));
        assert_eq!(p("12 mai 2026"), Some(("2026-05-12".into(), false)));
        assert_eq!(p("2026年5月12日"), Some(("2026-05-12".into(), false)));
        assert_eq!(p("Q2 2026"), Some(("2026-06-30".into(), true)));
        assert_eq!(p("H1 2026"), Some(("2026-06-30".into(), true)));
        assert_eq!(p("mid-January 2026"), Some(("2026-01-15".into(), true)));
        assert_eq!(p("February 2028"), Some(("2028-02-29".into(), true)));
        assert_eq!(p("2026"), Some(("2026-12-31".into(), true)));
        assert_eq!(p("31/02/2025"), None);
        assert_eq!(p("TBD"), None);
        assert_eq!(p(""), None);
        let us = parse_text_date("03/04/2026", DateOrder::MonthFirst).unwrap();
        assert_eq!((us.date, us.ambiguous), (d("2026-03-04"), true));
        let eu = parse_text_date("03/04/2026", DateOrder::DayFirst).unwrap();
        assert_eq!(eu.date, d("2026-04-03"));
        assert!(!parse_text_date("13/04/2026", DateOrder::MonthFirst).unwrap().ambiguous);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("50", false), Some(50.0));
        assert_eq!(parse_number("50,5", true), Some(50.5));
        assert_eq!(parse_number("50,5", false), Some(50.5));
        assert_eq!(parse_number("1,234.5", false), Some(1234.5));
        assert_eq!(parse_number("1 234,5", true), Some(1234.5));
        // Where commas are decimal marks, a dot groups thousands only before three digits.
        assert_eq!(parse_number("1.234,5", true), Some(1234.5));
        assert_eq!(parse_number("12.500", true), Some(12500.0));
        assert_eq!(parse_number("2.5", true), Some(2.5));
        assert_eq!(parse_number("37.5", true), Some(37.5));
        assert_eq!(parse_number("1,234", false), Some(1234.0));
        assert_eq!(parse_number("abc", false), None);
        assert_eq!(parse_number("NaN", false), None);
        assert_eq!(parse_number("inf", false), None);
        assert_eq!(parse_number(" 76 ", false), Some(76.0));
        assert_eq!(parse_number("-5", true), Some(-5.0));
        assert_eq!(parse_number("12.5", false), Some(12.5));
        // Where the locale writes decimal commas, a dot groups thousands.
        assert_eq!(parse_number("1.500", true), Some(1500.0));
        assert_eq!(parse_number("", false), None);
    }

    #[test]
    fn non_ascii_words_near_a_year_are_no_quarter() {
        // Found by the damaged-fixture property test: a byte split inside 'ø'.
        assert_eq!(parse_text_date("øecember 2025", DateOrder::DayFirst).map(|d| d.date.month()), None);
        assert!(parse_text_date("Q3 2026", DateOrder::DayFirst).is_some());
    }

    #[test]
    fn placeholders_are_no_value() {
        for t in ["-", " — ", "?", "N/A", "n/a", "TBC", "tbd", "S.O.", "н/д", "待定"] {
            assert!(is_placeholder(t), "{t:?}");
        }
        for t in ["", "Ana", "NATO", "TBC soon", "0", "A-1"] {
            assert!(!is_placeholder(t), "{t:?}");
        }
    }

    #[test]
    fn revisions() {
        let r = parse_revision("Combined with INI-012 after rationalization").unwrap();
        assert_eq!(r.change, Some(RevisionChange::CombinedInto("INI-012".into())));
        assert_eq!(r.reason, Some(RevisionReason::Rationalization));
        let r = parse_revision("Scope changed (feasibility)").unwrap();
        assert_eq!((r.change, r.reason), (Some(RevisionChange::ScopeChanged), Some(RevisionReason::Feasibility)));
        let r = parse_revision("Reprioritized for 2027").unwrap();
        assert_eq!((r.change, r.reason), (None, Some(RevisionReason::Prioritization)));
        let r = parse_revision("Merged with related initiative").unwrap();
        assert_eq!((r.change, r.reason), (None, Some(RevisionReason::Other)));
        let r = parse_revision("Budget reduced by 20%").unwrap();
        assert_eq!(r.reason, Some(RevisionReason::Other));
        let r = parse_revision("Fusionné avec INI-7 (périmètre revu)").unwrap();
        assert_eq!(r.change, Some(RevisionChange::CombinedInto("INI-7".into())));
        let r = parse_revision("Объединено с INI-9").unwrap();
        assert_eq!(r.change, Some(RevisionChange::CombinedInto("INI-9".into())));
        assert_eq!(parse_revision("  "), None);
    }
}
