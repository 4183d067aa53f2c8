//! A calendar date without time zone, as roadmaps speak of them.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (proleptic Gregorian), years 1 to 9999.
///
/// Serialized as an ISO 8601 string, `"2026-05-12"`. Dates order
/// chronologically and compare in constant time.
///
/// ```
/// use roadmap_core::Date;
/// let d: Date = "2026-05-12".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2026, 5, 12));
/// assert_eq!(d.to_string(), "2026-05-12");
/// assert_eq!(Date::from_days(d.days()), Some(d));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order gives the chronological `Ord`.
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not `YYYY-MM-DD`.
    #[error("'{text}' is not a date in YYYY-MM-DD form")]
    Format {
        /// The text that was given.
        text: String,
    },
    /// Year, month and day do not name a day of the calendar.
    #[error("{year:04}-{month:02}-{day:02} is not a day of the calendar")]
    OutOfRange {
        /// The year given.
        year: i64,
        /// The month given.
        month: i64,
        /// The day given.
        day: i64,
    },
}

/// Days from 0001-01-01 to 1970-01-01 are not needed: the algorithm below
/// counts from 0000-03-01 and shifts to the Unix epoch.
const DAYS_0000_03_01_TO_EPOCH: i64 = 719_468;

impl Date {
    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };
    /// The latest date, 9999-12-31.
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };

    /// Makes a date from its year, month (1–12) and day (1–31).
    ///
    /// # Errors
    /// [`DateError::OutOfRange`] when the three do not name a day from
    /// 0001-01-01 to 9999-12-31 (so 2025-02-29 is refused).
    pub fn new(year: i64, month: i64, day: i64) -> Result<Date, DateError> {
        let out = || DateError::OutOfRange { year, month, day };
        let y = u16::try_from(year).ok().filter(|y| (1..=9999).contains(y)).ok_or_else(out)?;
        let m = u8::try_from(month).ok().filter(|m| (1..=12).contains(m)).ok_or_else(out)?;
        let d = u8::try_from(day).ok().filter(|d| *d >= 1 && *d <= days_in_month(y, m)).ok_or_else(out)?;
        Ok(Date { year: y, month: m, day: d })
    }

    /// The year, 1–9999.
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - DAYS_0000_03_01_TO_EPOCH
    }

    /// The date `days` after 1970-01-01, or `None` outside 0001-01-01 to
    /// 9999-12-31.
    pub fn from_days(days: i64) -> Option<Date> {
        if !(Date::MIN.days()..=Date::MAX.days()).contains(&days) {
            return None;
        }
        // Howard Hinnant's civil_from_days.
        let z = days + DAYS_0000_03_01_TO_EPOCH;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(y, m, d).ok()
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days() - self.days()
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD`; friendlier forms are the importers' job.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let format = || DateError::Format { text: text.to_owned() };
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(format());
        }
        let num = |range: std::ops::Range<usize>| -> Result<i64, DateError> {
            let part = &b[range];
            if part.iter().all(u8::is_ascii_digit) {
                Ok(part.iter().fold(0, |n, c| n * 10 + i64::from(c - b'0')))
            } else {
                Err(format())
            }
        };
        Date::new(num(0..4)?, num(5..7)?, num(8..10)?)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, ISO 8601 (YYYY-MM-DD)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days(), 11_017);
        assert_eq!(Date::new(1900, 1, 1).unwrap().days(), -25_567);
        assert_eq!(Date::MIN.days(), -719_162);
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        assert!(Date::new(2025, 2, 29).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(2026, 4, 31).is_err());
        assert!(Date::new(0, 1, 1).is_err());
        assert!(Date::new(10_000, 1, 1).is_err());
        assert!(Date::new(2026, 13, 1).is_err());
        assert!(Date::new(2026, 1, 0).is_err());
    }

    #[test]
    fn parses_only_iso() {
        assert_eq!("2026-12-01".parse::<Date>().unwrap(), Date::new(2026, 12, 1).unwrap());
        for bad in ["2026-1-01", "2026/01/01", "01-01-2026", "", "2026-01-01T00", "２０２６-01-01", "2026-02-30"] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn out_of_range_days_are_none() {
        assert_eq!(Date::from_days(Date::MIN.days() - 1), None);
        assert_eq!(Date::from_days(Date::MAX.days() + 1), None);
        assert_eq!(Date::from_days(i64::MIN), None);
    }

    #[test]
    fn serde_is_iso_text() {
        let d = Date::new(2026, 9, 7).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-09-07\"");
        assert_eq!(serde_json::from_str::<Date>("\"2026-09-07\"").unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2026-09-31\"").is_err());
    }

    proptest! {
        #[test]
        fn days_round_trip(days in Date::MIN.days()..=Date::MAX.days()) {
            let d = Date::from_days(days).unwrap();
            prop_assert_eq!(d.days(), days);
            prop_assert_eq!(d.to_string().parse::<Date>().unwrap(), d);
        }

        #[test]
        fn order_follows_days(a in Date::MIN.days()..=Date::MAX.days(), b in Date::MIN.days()..=Date::MAX.days()) {
            let (da, db) = (Date::from_days(a).unwrap(), Date::from_days(b).unwrap());
            prop_assert_eq!(da.cmp(&db), a.cmp(&b));
        }
    }
}
