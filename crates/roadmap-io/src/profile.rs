//! Profiles: the data that maps a tracker's words to the model — header
//! aliases, status words, checkpoints, pillars, the date order and decimal
//! separator. Built-in profiles cover English, French, Spanish, Arabic,
//! Chinese and Russian; a profile is JSON or TOML, described by
//! `schemas/profile.schema.json`.

use std::collections::BTreeMap;
use std::path::Path;

use foldhash::HashMap;
use roadmap_core::{DeliverableStatus, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::normalize::{fold, get_folded};

/// A field of an initiative that a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The id.
    Id,
    /// The title.
    Title,
    /// The description.
    Description,
    /// The parent's id or title.
    Parent,
    /// The pillar.
    Pillar,
    /// The priority area.
    PriorityArea,
    /// The business owner.
    Owner,
    /// The status.
    Status,
    /// The start date.
    Start,
    /// The due date.
    Due,
    /// Progress, percent.
    Progress,
    /// Why and how it was revised.
    Revision,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 12] = [
        Field::Id,
        Field::Title,
        Field::Description,
        Field::Parent,
        Field::Pillar,
        Field::PriorityArea,
        Field::Owner,
        Field::Status,
        Field::Start,
        Field::Due,
        Field::Progress,
        Field::Revision,
    ];

    /// The model's field name (`priority_area`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Description => "description",
            Field::Parent => "parent",
            Field::Pillar => "pillar",
            Field::PriorityArea => "priority_area",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Start => "start",
            Field::Due => "due",
            Field::Progress => "progress",
            Field::Revision => "revision",
        }
    }
}

/// How numeric dates like `03/04/2026` are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 03/04/2026 is 3 April.
    #[default]
    DayFirst,
    /// 03/04/2026 is 4 March.
    MonthFirst,
}

/// A known pillar, priority area or checkpoint and the names it goes by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Known {
    /// Its id in the roadmap.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Other names and spellings (any language).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For a checkpoint: its date, when the profile knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<roadmap_core::Date>,
}

/// The words of a tracker, as data. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile's name.
    pub name: String,
    /// How numeric dates are read.
    #[serde(default)]
    pub date_order: DateOrder,
    /// True where `50,5` means fifty and a half.
    #[serde(default)]
    pub decimal_comma: bool,
    /// Header aliases per field.
    #[serde(default)]
    pub fields: BTreeMap<Field, Vec<String>>,
    /// Exact headers mapped to a field or to a deliverable of a checkpoint
    /// (`"deliverables:C26"`); a saved mapping from `inspect` says this.
    /// They win over aliases.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
    /// Group headers standing over checkpoint columns ("Deliverables by:").
    #[serde(default)]
    pub deliverable_groups: Vec<String>,
    /// Prefixes of a deliverable column's header before the checkpoint
    /// ("Deliverable by" in "Deliverable by C26").
    #[serde(default)]
    pub deliverable_prefixes: Vec<String>,
    /// Headers of a sheet that lists checkpoints (with a date column).
    #[serde(default)]
    pub checkpoint_headers: Vec<String>,
    /// Words per status.
    #[serde(default)]
    pub statuses: BTreeMap<Status, Vec<String>>,
    /// Words per deliverable status.
    #[serde(default)]
    pub deliverable_statuses: BTreeMap<DeliverableStatus, Vec<String>>,
    /// Checkpoints a tracker may name.
    #[serde(default)]
    pub checkpoints: Vec<Known>,
    /// Pillars a tracker may name.
    #[serde(default)]
    pub pillars: Vec<Known>,
    /// Priority areas a tracker may name.
    #[serde(default)]
    pub priority_areas: Vec<Known>,
    /// First words of a totals row, where the table ends.
    #[serde(default)]
    pub totals: Vec<String>,
    /// Words before the report date above a table ("As of").
    #[serde(default)]
    pub as_of: Vec<String>,
}

/// The built-in profiles: every language's words, with the locale of each.
const BUILTIN: [(&str, DateOrder, bool); 7] = [
    ("default", DateOrder::DayFirst, false),
    ("en", DateOrder::MonthFirst, false),
    ("fr", DateOrder::DayFirst, true),
    ("es", DateOrder::DayFirst, true),
    ("ar", DateOrder::DayFirst, false),
    ("zh", DateOrder::DayFirst, false),
    ("ru", DateOrder::DayFirst, true),
];

impl Profile {
    /// The names of the built-in profiles.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(n, _, _)| *n)
    }

    /// A built-in profile: `default` (every language, day-first dates), or
    /// `en` (month-first), `fr`, `es`, `ru` (day-first, decimal comma),
    /// `ar`, `zh` (day-first). All know the words of all six languages.
    pub fn builtin(name: &str) -> Option<Profile> {
        let (name, order, comma) = BUILTIN.iter().find(|(n, _, _)| *n == name)?;
        let mut profile: Profile = serde_json::from_str(include_str!("../profiles/default.json")).ok()?;
        (*name).clone_into(&mut profile.name);
        profile.date_order = *order;
        profile.decimal_comma = *comma;
        Some(profile)
    }

    /// Reads a profile from JSON or TOML text (JSON when it starts with `{`).
    ///
    /// # Errors
    /// [`ErrorKind::Profile`] naming the line of the mistake.
    pub fn from_text(text: &str) -> Result<Profile, Error> {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') {
            serde_json::from_str(trimmed).map_err(|e| Error::new(ErrorKind::Profile { message: e.to_string() }))
        } else {
            toml::from_str(trimmed).map_err(|e| Error::new(ErrorKind::Profile { message: e.to_string() }))
        }
    }

    /// Reads a profile file (`.json` or `.toml`), or names a built-in one.
    ///
    /// # Errors
    /// The file cannot be read, or is not a profile.
    pub fn load(path_or_name: &str) -> Result<Profile, Error> {
        if let Some(p) = Profile::builtin(path_or_name) {
            return Ok(p);
        }
        let path = Path::new(path_or_name);
        let text =
            std::fs::read_to_string(path).map_err(|source| Error::new(ErrorKind::Io { source }).in_file(path))?;
        Profile::from_text(&text).map_err(|e| e.in_file(path))
    }

    /// The profile as pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A profile compiled for lookups: folded words to what they mean.
pub(crate) struct Vocabulary {
    pub profile: Profile,
    fields: HashMap<String, Field>,
    columns: HashMap<String, String>,
    groups: Vec<String>,
    prefixes: Vec<String>,
    statuses: HashMap<String, Status>,
    /// Folded status words with their status, for suggestions.
    pub status_words: Vec<(String, Status)>,
    deliverable_statuses: HashMap<String, DeliverableStatus>,
    checkpoints: HashMap<String, usize>,
    pillars: HashMap<String, usize>,
    priority_areas: HashMap<String, usize>,
    totals: Vec<String>,
    pub as_of: Vec<String>,
    checkpoint_headers: Vec<String>,
}

fn known_index(list: &[Known]) -> HashMap<String, usize> {
    let mut map = HashMap::default();
    for (i, k) in list.iter().enumerate() {
        for word in std::iter::once(&k.id).chain(std::iter::once(&k.name)).chain(&k.aliases) {
            map.entry(fold(word)).or_insert(i);
        }
    }
    map
}

impl Vocabulary {
    pub(crate) fn new(profile: Profile) -> Vocabulary {
        let mut fields = HashMap::default();
        for (field, aliases) in &profile.fields {
            for alias in aliases {
                fields.entry(fold(alias)).or_insert(*field);
            }
        }
        let mut statuses = HashMap::default();
        let mut status_words = Vec::new();
        for (status, words) in &profile.statuses {
            statuses.entry(fold(status.as_str())).or_insert(*status);
            for w in words {
                statuses.entry(fold(w)).or_insert(*status);
                status_words.push((w.clone(), *status));
            }
        }
        let mut deliverable_statuses = HashMap::default();
        for (status, words) in &profile.deliverable_statuses {
            deliverable_statuses.entry(fold(status.as_str())).or_insert(*status);
            for w in words {
                deliverable_statuses.entry(fold(w)).or_insert(*status);
            }
        }
        let mut prefixes: Vec<String> =
            profile.deliverable_prefixes.iter().map(|p| crate::normalize::words(p)).collect();
        // Longest first, so "deliverables due by" wins over "deliverables".
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Vocabulary {
            fields,
            columns: profile.columns.iter().map(|(h, f)| (fold(h), f.clone())).collect(),
            groups: profile.deliverable_groups.iter().map(|g| fold(g)).collect(),
            prefixes,
            statuses,
            status_words,
            deliverable_statuses,
            checkpoints: known_index(&profile.checkpoints),
            pillars: known_index(&profile.pillars),
            priority_areas: known_index(&profile.priority_areas),
            totals: profile.totals.iter().map(|t| fold(t)).collect(),
            as_of: profile.as_of.iter().map(|a| crate::normalize::words(a)).collect(),
            checkpoint_headers: profile.checkpoint_headers.iter().map(|h| fold(h)).collect(),
            profile,
        }
    }

    /// The field a header names.
    pub(crate) fn field(&self, header: &str) -> Option<Field> {
        let folded = fold(header);
        if let Some(mapped) = self.columns.get(&folded) {
            return Field::ALL.into_iter().find(|f| f.as_str() == mapped);
        }
        self.fields.get(&folded).copied()
    }

    /// The checkpoint a header names through the profile's saved `columns`
    /// (`"deliverables:C26"`).
    pub(crate) fn saved_deliverable(&self, header: &str) -> Option<String> {
        self.columns.get(&fold(header))?.strip_prefix("deliverables:").map(str::to_owned)
    }

    /// True when the header stands over checkpoint columns.
    pub(crate) fn is_deliverable_group(&self, header: &str) -> bool {
        let f = fold(header);
        !f.is_empty() && self.groups.contains(&f)
    }

    /// The checkpoint text of a header such as "Deliverable by C26", or of a
    /// bare checkpoint header ("PP-26") the profile knows.
    pub(crate) fn deliverable_header(&self, header: &str) -> Option<String> {
        let w = crate::normalize::words(header);
        for prefix in &self.prefixes {
            if let Some(rest) = w.strip_prefix(prefix.as_str())
                && rest.starts_with(' ')
            {
                // Keep the original spelling of what follows the prefix.
                let n = prefix.split(' ').count();
                let original: Vec<&str> =
                    header.split(|c: char| c.is_whitespace()).filter(|s| !s.is_empty()).skip(n).collect();
                let name = original.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
                return (!name.is_empty()).then_some(name);
            }
        }
        self.checkpoint(header).map(|_| header.trim().to_owned())
    }

    pub(crate) fn status(&self, word: &str) -> Option<Status> {
        get_folded(&self.statuses, word).copied()
    }

    pub(crate) fn deliverable_status(&self, word: &str) -> Option<DeliverableStatus> {
        get_folded(&self.deliverable_statuses, word).copied()
    }

    pub(crate) fn checkpoint(&self, name: &str) -> Option<&Known> {
        get_folded(&self.checkpoints, name).map(|i| &self.profile.checkpoints[*i])
    }

    pub(crate) fn pillar(&self, name: &str) -> Option<&Known> {
        get_folded(&self.pillars, name).map(|i| &self.profile.pillars[*i])
    }

    pub(crate) fn priority_area(&self, name: &str) -> Option<&Known> {
        get_folded(&self.priority_areas, name).map(|i| &self.profile.priority_areas[*i])
    }

    /// True when the header names the checkpoint column of a list of checkpoints.
    pub(crate) fn is_checkpoint_header(&self, header: &str) -> bool {
        let f = fold(header);
        !f.is_empty() && self.checkpoint_headers.contains(&f)
    }

    pub(crate) fn is_totals(&self, text: &str) -> bool {
        // Most first cells are ids or titles: tell them apart without folding.
        let first = text.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_lowercase().next().unwrap_or(c));
        if !first.is_some_and(|c| self.totals.iter().any(|t| t.starts_with(c))) {
            return false;
        }
        let f = fold(text);
        !f.is_empty() && self.totals.iter().any(|t| f == *t || (f.starts_with(t.as_str()) && t.len() >= 5))
    }
}

/// The JSON Schema of a profile, published as `schemas/profile.schema.json`.
pub fn profile_schema() -> schemars::Schema {
    schemars::schema_for!(Profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads_and_knows_six_languages() {
        for name in Profile::builtin_names() {
            let v = Vocabulary::new(Profile::builtin(name).unwrap());
            assert_eq!(v.field("Progress %"), Some(Field::Progress), "{name}");
            assert_eq!(v.field("Date de début"), Some(Field::Start));
            assert_eq!(v.field("Fecha límite"), Some(Field::Due));
            assert_eq!(v.field("Статус"), Some(Field::Status));
            assert_eq!(v.field("负责人"), Some(Field::Owner));
            assert_eq!(v.field("الحالة"), Some(Field::Status));
            assert_eq!(v.status("Achevé"), Some(Status::Completed));
            assert_eq!(v.status(" completed "), Some(Status::Completed));
            assert_eq!(v.status("On-going"), Some(Status::Ongoing));
            assert_eq!(v.status("Not started"), Some(Status::Planned));
            assert_eq!(v.status("En cours"), Some(Status::Ongoing));
        }
    }

    #[test]
    fn deliverable_headers() {
        let v = Vocabulary::new(Profile::builtin("default").unwrap());
        assert_eq!(v.deliverable_header("Deliverable by C26").as_deref(), Some("C26"));
        assert_eq!(v.deliverable_header("Deliverables by: PP-26").as_deref(), Some("PP-26"));
        assert_eq!(v.deliverable_header("PP-26").as_deref(), Some("PP-26"));
        assert_eq!(v.deliverable_header("Owner"), None);
        assert!(v.is_deliverable_group("Deliverables by:"));
        assert_eq!(v.checkpoint("Council 2026").map(|k| k.id.as_str()), Some("C26"));
    }

    #[test]
    fn profiles_read_from_json_and_toml() {
        let p = Profile::from_text(
            "name = \"mine\"\ndate_order = \"month_first\"\n[fields]\ntitle = [\"Workstream item\"]\n",
        )
        .unwrap();
        assert_eq!(p.date_order, DateOrder::MonthFirst);
        assert_eq!(Vocabulary::new(p).field("workstream item"), Some(Field::Title));
        let err = Profile::from_text("{\"name\": \"x\", \"nope\": 1}").unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
    }
}
