//! The roadmap document: initiatives under pillars and priority areas, with
//! deliverables due at checkpoints.
//!
//! Field names are `snake_case` in JSON and stable. Optional fields that are
//! empty are left out of the JSON; reading accepts them absent or `null`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{CellMap, Date};

/// One roadmap: the document every reader produces and every face consumes.
///
/// ```
/// use roadmap_core::{Initiative, Roadmap, Status};
/// let mut rm = Roadmap::default();
/// rm.initiatives.push(Initiative { status: Some(Status::Ongoing), ..Initiative::new("INI-1", "Modernize the website") });
/// assert_eq!(rm.get("INI-1").map(|i| i.title.as_str()), Some("Modernize the website"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// The JSON Schema the document declares for editors, e.g.
    /// `"schemas/roadmap.schema.json"`; kept as given.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The roadmap's title, e.g. "ITU Transformation Roadmap".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The organization whose roadmap this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The date the status is reported at; "overdue" is judged against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Named gates deliverables are due by (a council session, a conference).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkpoints: Vec<Checkpoint>,
    /// The pillars initiatives are grouped under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pillars: Vec<Pillar>,
    /// The priority areas of delivery initiatives contribute to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priority_areas: Vec<PriorityArea>,
    /// The roadmap's items, in source order. Children name their parent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
}

/// A named gate deliverables are due by, e.g. `C26`, Council 2026.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Short, unique id as trackers write it in column headers: `C26`, `PP-26`.
    pub id: String,
    /// Full name: "Council 2026".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The day of the gate; deliverables not achieved by then are overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A pillar of the roadmap, e.g. "Governance".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// Unique id initiatives refer to.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A priority area of delivery, e.g. "Enhancing member experience".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityArea {
    /// Unique id initiatives refer to.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One item of the roadmap: a programme, an initiative or an action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Unique id. Importers generate one (and warn) when the source has none.
    pub id: String,
    /// What the initiative is called.
    #[serde(default)]
    pub title: String,
    /// Longer text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The id of the initiative this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The id of its pillar; a child without one inherits its parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pillar: Option<String>,
    /// The id of its priority area; a child without one inherits its parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_area: Option<String>,
    /// The business owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Where it stands; absent when the source did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Why and how a revised initiative changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
    /// When work starts or started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Percent complete, 0 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<f64>,
    /// What is due at which checkpoint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<Deliverable>,
    /// Where the initiative was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// Every field of the source the model does not know, kept verbatim and
    /// named by its header.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Initiative {
    /// An initiative with an id and a title and nothing else.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Initiative {
        Initiative { id: id.into(), title: title.into(), ..Initiative::default() }
    }

    /// True when it is neither completed nor revised and was due before
    /// `as_of`. Revised initiatives are never overdue: their scope went
    /// elsewhere.
    pub fn is_overdue(&self, as_of: Date) -> bool {
        !matches!(self.status, Some(Status::Completed | Status::Revised)) && self.due.is_some_and(|d| d < as_of)
    }
}

/// The four dashboard categories, in dashboard order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Planned deliverables achieved.
    Completed,
    /// Work on the initiative started and in progress.
    Ongoing,
    /// Not yet started.
    Planned,
    /// Changed scope or combined with others, for feasibility,
    /// prioritization or rationalization.
    Revised,
}

impl Status {
    /// All four, in dashboard order.
    pub const ALL: [Status; 4] = [Status::Completed, Status::Ongoing, Status::Planned, Status::Revised];

    /// The JSON name: `completed`, `ongoing`, `planned`, `revised`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Ongoing => "ongoing",
            Status::Planned => "planned",
            Status::Revised => "revised",
        }
    }

    /// The dashboard label: `Completed`, `Ongoing`, `Planned`, `Revised`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Completed => "Completed",
            Status::Ongoing => "Ongoing",
            Status::Planned => "Planned",
            Status::Revised => "Revised",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A word that is not one of the four statuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a status (completed, ongoing, planned, revised)")]
pub struct UnknownStatus {
    /// The word given.
    pub text: String,
}

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Reads the four names, ignoring case and surrounding space. Synonyms
    /// and other languages ("Done", "En cours") are the importers' profiles.
    fn from_str(text: &str) -> Result<Status, UnknownStatus> {
        let t = text.trim();
        Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownStatus { text: text.to_owned() })
    }
}

/// Why and how a revised initiative changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// Why it was revised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<RevisionReason>,
    /// How it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<RevisionChange>,
    /// The words of the source, e.g. "Combined with INI-012 after IMAC review".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why an initiative was revised, as the dashboard classes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RevisionReason {
    /// It could not be done as planned.
    Feasibility,
    /// Other work came first.
    Prioritization,
    /// The list of initiatives was streamlined.
    Rationalization,
    /// Another reason, given in the note.
    Other,
}

/// How a revised initiative changed.
///
/// JSON: `"scope_changed"`, or `{"combined_into": "INI-012"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RevisionChange {
    /// Its scope changed; it goes on under the same id.
    ScopeChanged,
    /// It was combined into another initiative, named by id.
    CombinedInto(String),
}

/// What is due at a checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deliverable {
    /// The id of the checkpoint it is due by.
    pub checkpoint: String,
    /// What will be delivered.
    #[serde(default)]
    pub description: String,
    /// Where it stands; absent when the source did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DeliverableStatus>,
    /// A due date of its own, when earlier than the checkpoint's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

impl Deliverable {
    /// The day it is due: its own due date, or else its checkpoint's date.
    pub fn due_by(&self, checkpoint: Option<&Checkpoint>) -> Option<Date> {
        self.due.or_else(|| checkpoint.and_then(|c| c.date))
    }

    /// True when it is not achieved and the day it is due ([`Self::due_by`])
    /// is before `as_of`.
    pub fn is_overdue(&self, checkpoint: Option<&Checkpoint>, as_of: Date) -> bool {
        self.status != Some(DeliverableStatus::Achieved) && self.due_by(checkpoint).is_some_and(|d| d < as_of)
    }
}

/// Where a deliverable stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliverableStatus {
    /// Delivered.
    Achieved,
    /// Work on it has started.
    InProgress,
    /// Not yet started.
    NotStarted,
}

impl DeliverableStatus {
    /// Every status, from done to not started.
    pub const ALL: [DeliverableStatus; 3] =
        [DeliverableStatus::Achieved, DeliverableStatus::InProgress, DeliverableStatus::NotStarted];

    /// The JSON name: `achieved`, `in_progress`, `not_started`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliverableStatus::Achieved => "achieved",
            DeliverableStatus::InProgress => "in_progress",
            DeliverableStatus::NotStarted => "not_started",
        }
    }
}

/// Where an initiative was read from: the file, the sheet, the row, and the
/// cell of each field.
///
/// Keys of `cells` are field names (`title`, `status`, ...), `deliverables[N]`
/// for the N-th deliverable (0-based), and `extra.<header>` for kept columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The file, as it was named to the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    /// The sheet, for workbooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Arc<str>>,
    /// The 1-based row of the record, as the spreadsheet shows it (for CSV,
    /// the line the record starts on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The cell each field was read from.
    #[serde(default, skip_serializing_if = "CellMap::is_empty")]
    pub cells: CellMap,
}

/// The key of the N-th deliverable in [`SourceRef::cells`] and in issue
/// locations: `deliverables[N]`.
pub fn deliverable_field(n: usize) -> String {
    format!("deliverables[{n}]")
}

/// A small map kept as a sorted list: one allocation, however few entries,
/// where a `BTreeMap` allocates a whole node for one. Records hold a dozen
/// cells and a few kept columns each, and are far more often built,
/// serialized and dropped than searched. Its JSON is an object, as a map's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatMap<K, V>(Vec<(K, V)>);

/// The values of the columns a mapping did not know, by header.
pub type Extra = FlatMap<String, serde_json::Value>;

impl<K, V> Default for FlatMap<K, V> {
    fn default() -> FlatMap<K, V> {
        FlatMap(Vec::new())
    }
}

impl<K: Ord, V> FlatMap<K, V> {
    /// An empty map.
    pub fn new() -> FlatMap<K, V> {
        FlatMap(Vec::new())
    }

    /// An empty map with room for `n` entries.
    pub fn with_capacity(n: usize) -> FlatMap<K, V> {
        FlatMap(Vec::with_capacity(n))
    }

    /// The value of a key.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key)).ok().map(|i| &self.0[i].1)
    }

    /// True when the key has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
    {
        self.get(key).is_some()
    }

    /// Sets the value of a key; returns the value it had.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Takes a key's value out.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
    {
        let i = self.0.binary_search_by(|(k, _)| k.borrow().cmp(key)).ok()?;
        Some(self.0.remove(i).1)
    }

    /// The entries, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs, in key order.
    pub(crate) fn as_slice(&self) -> &[(K, V)] {
        &self.0
    }

    /// Takes every pair out, in key order.
    pub(crate) fn take_pairs(&mut self) -> Vec<(K, V)> {
        std::mem::take(&mut self.0)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for FlatMap<K, V> {
    /// A map of the pairs; a key given twice keeps its last value. Sorted
    /// once, so building a wide record costs n log n, not n².
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> FlatMap<K, V> {
        let mut pairs: Vec<(K, V)> = pairs.into_iter().collect();
        if !pairs.is_sorted_by(|a, b| a.0 < b.0) {
            // Reversed, then sorted stably: of equal keys the last given
            // comes first, and is the one `dedup_by` keeps. In place.
            pairs.reverse();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            pairs.dedup_by(|later, kept| later.0 == kept.0);
        }
        FlatMap(pairs)
    }
}

impl<K: Ord + std::borrow::Borrow<str>, V> std::ops::Index<&str> for FlatMap<K, V> {
    type Output = V;

    /// The value of a key; panics when it has none, as a map's index does.
    fn index(&self, key: &str) -> &V {
        self.get(key).unwrap_or_else(|| panic!("no entry for the key {key:?}"))
    }
}

impl<K: Serialize, V: Serialize> Serialize for FlatMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for FlatMap<K, V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<FlatMap<K, V>, D::Error> {
        // A BTreeMap is sorted already.
        Ok(FlatMap(BTreeMap::<K, V>::deserialize(deserializer)?.into_iter().collect()))
    }
}

impl<K, V: JsonSchema> JsonSchema for FlatMap<K, V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <BTreeMap<String, V> as JsonSchema>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <BTreeMap<String, V> as JsonSchema>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::FlatMap;

    #[test]
    fn a_flat_map_from_pairs_is_sorted_and_keeps_the_last_of_a_key() {
        let map: FlatMap<&str, u32> = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)].into_iter().collect();
        assert_eq!(map.as_slice(), [("a", 5), ("b", 3), ("c", 4)]);
        let sorted: FlatMap<&str, u32> = [("a", 1), ("b", 2)].into_iter().collect();
        assert_eq!(sorted.as_slice(), [("a", 1), ("b", 2)]);
    }
}
