//! The cells a record's fields were read from, kept as little as they can
//! be: a table's records share the column of each field, so a record keeps
//! its row and which fields it has, and spells out only the cells that lie
//! elsewhere (a value merged down from a row above, a key added later).

use std::cmp::Ordering;
use std::fmt;
use std::iter::Peekable;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{CellRef, FlatMap};

/// Keys a record can mark as present in its row; keys past these are spelled
/// out in the record like any other cell.
const MARKED: usize = 64;

/// The columns of one table: each key of its records' cell maps (`title`,
/// `deliverables[0]`, `extra.Notes`, ...) with the 1-based column that key's
/// cells are in. Made once per table and shared by its records.
///
/// ```
/// use std::sync::Arc;
/// use roadmap_core::{CellMap, CellRef, CellTable};
/// let table = Arc::new(CellTable::new([("title".into(), 2), ("status".into(), 4)]));
/// let mut cells = CellMap::for_row(Arc::clone(&table), 12);
/// cells.set(table.index("status").unwrap(), CellRef::new(12, 4).unwrap());
/// cells.insert("title".into(), CellRef::new(10, 2).unwrap()); // merged down from row 10
/// assert_eq!(cells.get("status").unwrap().to_string(), "D12");
/// assert_eq!(cells.get("title").unwrap().to_string(), "B10");
/// assert_eq!(cells.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellTable {
    /// Sorted by key, each key once.
    keys: Vec<(Arc<str>, u32)>,
}

impl CellTable {
    /// A table of keys and their 1-based columns; a key given twice keeps
    /// its last column.
    pub fn new(keys: impl IntoIterator<Item = (Arc<str>, u32)>) -> CellTable {
        let mut keys: Vec<(Arc<str>, u32)> = keys.into_iter().collect();
        // Stable: of equal keys the last given ends last, and is the one kept.
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let mut unique: Vec<(Arc<str>, u32)> = Vec::with_capacity(keys.len());
        for (key, column) in keys {
            match unique.last_mut() {
                Some(last) if last.0 == key => last.1 = column,
                _ => unique.push((key, column)),
            }
        }
        CellTable { keys: unique }
    }

    /// The index of a key, for [`CellMap::set`].
    pub fn index(&self, key: &str) -> Option<usize> {
        self.keys.binary_search_by(|(k, _)| k.as_ref().cmp(key)).ok()
    }

    /// How many keys the table has.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the table has no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The cell each field of a record was read from, by key: the field's name
/// (`title`, `status`, ...), `deliverables[N]` for the N-th deliverable
/// (0-based), `extra.<header>` for a kept column. Its JSON is an object of
/// A1 addresses, `{"status": "D12"}`.
///
/// Records read from a table share a [`CellTable`]: a cell in the record's
/// row and its key's column costs one bit. Any other cell is kept as it is.
#[derive(Clone, Default)]
pub struct CellMap {
    table: Option<Arc<CellTable>>,
    /// The row of the cells the table's columns give.
    row: u32,
    /// Bit `i`: the table's key `i` has its cell at (`row`, its column).
    present: u64,
    /// Cells the bits do not hold; never a key whose bit is set.
    own: FlatMap<Arc<str>, CellRef>,
}

impl CellMap {
    /// An empty map.
    pub fn new() -> CellMap {
        CellMap::default()
    }

    /// An empty map for a record in `row` (1-based) of a table.
    pub fn for_row(table: Arc<CellTable>, row: u32) -> CellMap {
        CellMap { table: Some(table), row, present: 0, own: FlatMap::new() }
    }

    /// Sets the cell of the table's key at `index` (from
    /// [`CellTable::index`]). An index the table does not have is ignored.
    pub fn set(&mut self, index: usize, cell: CellRef) {
        let Some(table) = &self.table else { return };
        let Some((key, column)) = table.keys.get(index) else { return };
        if index < MARKED && cell.row() == self.row && cell.column() == *column {
            self.present |= 1 << index;
            if !self.own.is_empty() {
                self.own.remove(key.as_ref());
            }
        } else {
            if index < MARKED {
                self.present &= !(1 << index);
            }
            self.own.insert(Arc::clone(key), cell);
        }
    }

    /// Sets the cell of a key; returns the cell it had.
    pub fn insert(&mut self, key: Arc<str>, cell: CellRef) -> Option<CellRef> {
        let before = self.get(&key);
        match self.table.as_ref().and_then(|t| t.index(&key)) {
            Some(index) => self.set(index, cell),
            None => {
                self.own.insert(key, cell);
            }
        }
        before
    }

    /// Takes a key's cell out.
    pub fn remove(&mut self, key: &str) -> Option<CellRef> {
        let before = self.get(key);
        if let Some(index) = self.marked_index(key) {
            self.present &= !(1 << index);
        }
        self.own.remove(key);
        before
    }

    /// The cell of a key.
    pub fn get(&self, key: &str) -> Option<CellRef> {
        if let Some(cell) = self.own.get(key) {
            return Some(*cell);
        }
        let index = self.marked_index(key)?;
        (self.present & (1 << index) != 0).then(|| self.table_cell(index))
    }

    /// True when the key has a cell.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The keys and their cells, in key order.
    pub fn iter(&self) -> Iter<'_> {
        let marked = self.table.as_ref().map_or(&[][..], |t| &t.keys[..t.keys.len().min(MARKED)]);
        Iter { map: self, marked: marked.iter().enumerate().peekable(), own: self.own.as_slice().iter().peekable() }
    }

    /// How many keys have a cell.
    pub fn len(&self) -> usize {
        self.present.count_ones() as usize + self.own.len()
    }

    /// True when no key has a cell.
    pub fn is_empty(&self) -> bool {
        self.present == 0 && self.own.is_empty()
    }

    fn marked_index(&self, key: &str) -> Option<usize> {
        self.table.as_ref()?.index(key).filter(|i| *i < MARKED)
    }

    fn table_cell(&self, index: usize) -> CellRef {
        let column = self.table.as_ref().and_then(|t| t.keys.get(index)).map_or(0, |(_, c)| *c);
        // Exact: a bit is set only for a cell at this row and column.
        CellRef::clamped(self.row, column)
    }
}

/// A table's keys, numbered.
type Keys<'a> = std::iter::Enumerate<std::slice::Iter<'a, (Arc<str>, u32)>>;

/// The keys and cells of a [`CellMap`], in key order.
pub struct Iter<'a> {
    map: &'a CellMap,
    marked: Peekable<Keys<'a>>,
    own: Peekable<std::slice::Iter<'a, (Arc<str>, CellRef)>>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, CellRef);

    fn next(&mut self) -> Option<(&'a str, CellRef)> {
        // Skip the table's keys this record does not have.
        while self.marked.next_if(|(i, _)| self.map.present & (1 << i) == 0).is_some() {}
        let order = match (self.marked.peek(), self.own.peek()) {
            (None, None) => return None,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((_, (a, _))), Some((b, _))) => a.as_ref().cmp(b.as_ref()),
        };
        if order == Ordering::Greater {
            self.own.next().map(|(k, c)| (k.as_ref(), *c))
        } else {
            self.marked.next().map(|(i, (k, _))| (k.as_ref(), self.map.table_cell(i)))
        }
    }
}

impl Extend<(Arc<str>, CellRef)> for CellMap {
    /// Sets many cells at once; a wide record's cells cost n log n, not n².
    fn extend<I: IntoIterator<Item = (Arc<str>, CellRef)>>(&mut self, pairs: I) {
        let mut own = Vec::new();
        for (key, cell) in pairs {
            match self.table.as_ref().and_then(|t| t.index(&key)) {
                Some(index) => self.set(index, cell),
                None => own.push((key, cell)),
            }
        }
        if !own.is_empty() {
            // Given later, so kept over an earlier cell of the same key.
            self.own = self.own.take_pairs().into_iter().chain(own).collect();
        }
    }
}

impl<'a> IntoIterator for &'a CellMap {
    type Item = (&'a str, CellRef);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl PartialEq for CellMap {
    fn eq(&self, other: &CellMap) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for CellMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl FromIterator<(Arc<str>, CellRef)> for CellMap {
    /// A map of the pairs; a key given twice keeps its last cell.
    fn from_iter<I: IntoIterator<Item = (Arc<str>, CellRef)>>(pairs: I) -> CellMap {
        CellMap { own: pairs.into_iter().collect(), ..CellMap::default() }
    }
}

impl Serialize for CellMap {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for CellMap {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<CellMap, D::Error> {
        Ok(CellMap { own: FlatMap::deserialize(deserializer)?, ..CellMap::default() })
    }
}

impl JsonSchema for CellMap {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <FlatMap<Arc<str>, CellRef> as JsonSchema>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <FlatMap<Arc<str>, CellRef> as JsonSchema>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn cell(a1: &str) -> CellRef {
        a1.parse().unwrap()
    }

    fn table() -> Arc<CellTable> {
        Arc::new(CellTable::new([("title".into(), 2), ("status".into(), 4), ("deliverables[0]".into(), 6)]))
    }

    #[test]
    fn table_and_own_cells_read_as_one_sorted_map() {
        let t = table();
        let mut m = CellMap::for_row(Arc::clone(&t), 7);
        m.set(t.index("title").unwrap(), cell("B7"));
        m.set(t.index("deliverables[0]").unwrap(), cell("G7")); // not its column: kept as is
        m.insert("extra.Notes".into(), cell("H7"));
        let pairs: Vec<(String, String)> = m.iter().map(|(k, c)| (k.to_owned(), c.to_string())).collect();
        assert_eq!(
            pairs,
            [("deliverables[0]", "G7"), ("extra.Notes", "H7"), ("title", "B7")]
                .map(|(k, c)| (k.to_owned(), c.to_owned()))
        );
        assert_eq!(m.len(), 3);
        assert_eq!(m.get("status"), None);
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"deliverables[0]":"G7","extra.Notes":"H7","title":"B7"}"#);
        let back: CellMap = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn a_key_moves_between_its_bit_and_its_own_cell() {
        let t = table();
        let mut m = CellMap::for_row(Arc::clone(&t), 7);
        assert_eq!(m.insert("status".into(), cell("D3")), None);
        assert_eq!(m.insert("status".into(), cell("D7")), Some(cell("D3")));
        assert_eq!(m.iter().count(), 1);
        assert_eq!(m.get("status"), Some(cell("D7")));
        assert_eq!(m.remove("status"), Some(cell("D7")));
        assert!(m.is_empty());
        m.set(99, cell("A1"));
        assert!(m.is_empty());
    }

    #[test]
    fn extending_sets_table_keys_and_keeps_the_last_of_the_rest() {
        let t = table();
        let mut m = CellMap::for_row(Arc::clone(&t), 7);
        m.insert("extra.B".into(), cell("Z1"));
        m.extend([("title".into(), cell("B7")), ("extra.B".into(), cell("H7")), ("extra.A".into(), cell("I7"))]);
        assert_eq!(m.present, 1 << t.index("title").unwrap());
        let pairs: Vec<String> = m.iter().map(|(k, c)| format!("{k}={c}")).collect();
        assert_eq!(pairs, ["extra.A=I7", "extra.B=H7", "title=B7"]);
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_column() {
        let t = CellTable::new([("a".into(), 1), ("b".into(), 2), ("a".into(), 3)]);
        assert_eq!(t.len(), 2);
        let mut m = CellMap::for_row(Arc::new(t), 1);
        m.insert("a".into(), cell("C1"));
        assert_eq!(m.present, 1);
    }
}
