//! Spreadsheet cell addresses in A1 notation (`F12`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest row a spreadsheet has (Excel: 1,048,576).
pub const MAX_ROW: u32 = 1_048_576;
/// The largest column a spreadsheet has (Excel: 16,384, column `XFD`).
pub const MAX_COLUMN: u32 = 16_384;

/// The address of one cell: a 1-based row and column, as a spreadsheet
/// shows them. Serialized in A1 notation, `"F12"`.
///
/// ```
/// use roadmap_core::CellRef;
/// let cell = CellRef::new(12, 6).unwrap();
/// assert_eq!(cell.to_string(), "F12");
/// assert_eq!("AA3".parse::<CellRef>().unwrap(), CellRef::new(3, 27).unwrap());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    row: u32,
    column: u32,
}

/// Why a cell address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CellRefError {
    /// The text is not a column's letters followed by a row number.
    #[error("'{text}' is not a cell address such as F12")]
    Format {
        /// The text given.
        text: String,
    },
    /// The row or column lies outside a spreadsheet's grid.
    #[error("row {row}, column {column} is outside a spreadsheet (rows 1..={MAX_ROW}, columns 1..={MAX_COLUMN})")]
    OutOfGrid {
        /// The row given.
        row: u64,
        /// The column given.
        column: u64,
    },
}

impl CellRef {
    /// The cell at a 1-based `row` and `column`.
    ///
    /// # Errors
    /// [`CellRefError::OutOfGrid`] outside rows 1..=1,048,576 and columns
    /// 1..=16,384.
    pub fn new(row: u32, column: u32) -> Result<CellRef, CellRefError> {
        if (1..=MAX_ROW).contains(&row) && (1..=MAX_COLUMN).contains(&column) {
            Ok(CellRef { row, column })
        } else {
            Err(CellRefError::OutOfGrid { row: row.into(), column: column.into() })
        }
    }

    /// The cell at a 1-based `row` and `column`, each clamped into the grid
    /// (0 becomes 1, past the last row or column becomes the last).
    pub const fn clamped(row: u32, column: u32) -> CellRef {
        let row = if row < 1 {
            1
        } else if row > MAX_ROW {
            MAX_ROW
        } else {
            row
        };
        let column = if column < 1 {
            1
        } else if column > MAX_COLUMN {
            MAX_COLUMN
        } else {
            column
        };
        CellRef { row, column }
    }

    /// The 1-based row.
    pub fn row(self) -> u32 {
        self.row
    }

    /// The 1-based column.
    pub fn column(self) -> u32 {
        self.column
    }

    /// The column's letters (`1` -> `A`, `27` -> `AA`).
    pub fn column_letters(self) -> String {
        column_letters(self.column)
    }
}

/// The letters of a 1-based column number (`1` -> `A`, `27` -> `AA`); empty
/// for 0.
pub fn column_letters(column: u32) -> String {
    let mut n = column;
    let mut letters = Vec::with_capacity(3);
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.column), self.row)
    }
}

impl fmt::Debug for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for CellRef {
    type Err = CellRefError;

    /// Parses `F12`; lower-case letters and `$` anchors (`$F$12`) are accepted.
    fn from_str(text: &str) -> Result<CellRef, CellRefError> {
        let format = || CellRefError::Format { text: text.to_owned() };
        let b: Vec<u8> = text.bytes().filter(|c| *c != b'$').collect();
        let split = b.iter().position(u8::is_ascii_digit).ok_or_else(format)?;
        let (letters, digits) = b.split_at(split);
        if letters.is_empty()
            || letters.len() > 3
            || digits.len() > 7
            || !letters.iter().all(u8::is_ascii_alphabetic)
            || !digits.iter().all(u8::is_ascii_digit)
        {
            return Err(format());
        }
        let column = letters.iter().fold(0u64, |n, c| n * 26 + u64::from(c.to_ascii_uppercase() - b'A' + 1));
        let row = digits.iter().fold(0u64, |n, c| n * 10 + u64::from(c - b'0'));
        match (u32::try_from(row), u32::try_from(column)) {
            (Ok(r), Ok(c)) => CellRef::new(r, c),
            _ => Err(CellRefError::OutOfGrid { row, column }),
        }
    }
}

impl Serialize for CellRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CellRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CellRef, D::Error> {
        let text = Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for CellRef {
    fn schema_name() -> Cow<'static, str> {
        "CellRef".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{1,3}[1-9][0-9]{0,6}$",
            "description": "A cell address in A1 notation, e.g. F12."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(702), "ZZ");
        assert_eq!(column_letters(703), "AAA");
        assert_eq!(column_letters(MAX_COLUMN), "XFD");
        assert_eq!(column_letters(0), "");
    }

    #[test]
    fn refuses_outside_grid_and_bad_text() {
        assert!(CellRef::new(0, 1).is_err());
        assert!(CellRef::new(1, MAX_COLUMN + 1).is_err());
        assert!(matches!("XFE1".parse::<CellRef>(), Err(CellRefError::OutOfGrid { .. })));
        assert!(matches!("A1048577".parse::<CellRef>(), Err(CellRefError::OutOfGrid { .. })));
        for bad in ["", "12", "F", "F1A", "ABCD1", "F-1", "A0"] {
            assert!(bad.parse::<CellRef>().is_err(), "{bad}");
        }
        assert_eq!("$f$12".parse::<CellRef>().unwrap().to_string(), "F12");
    }

    proptest! {
        #[test]
        fn a1_round_trips(row in 1..=MAX_ROW, column in 1..=MAX_COLUMN) {
            let cell = CellRef::new(row, column).unwrap();
            prop_assert_eq!(cell.to_string().parse::<CellRef>().unwrap(), cell);
        }
    }
}
