//! Profiles: the data that maps a tracker's words to the model — header
//! aliases, status words, checkpoints, pillars, the date order and decimal
//! separator. A profile is JSON or TOML, described by
//! `schemas/profile.schema.json`.
//!
//! The built-in profiles know the words of the trade in English, French,
//! Spanish, Arabic, Chinese and Russian, and no organization's names: without
//! a profile, a tracker's pillars, priority areas and checkpoints are the
//! names the file writes. An organization that wants stable ids across
//! languages and years writes a profile that `extends` a built-in one with
//! its names (`examples/profiles/itu-transformation.profile.json`).

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
    /// A built-in profile (`default`, `en`, `fr`, ...) whose words this one
    /// adds to: its lists are joined to the built-in's, and a word it lists
    /// under a field or status takes that word from wherever the built-in
    /// had it. Its own `date_order` and `decimal_comma` apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
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
    /// Words trackers write in a status column that are none of the four
    /// statuses ("On hold", "Cancelled", "Blocked"): never read as a
    /// misspelling of one, always reported as an unknown status.
    #[serde(default)]
    pub non_statuses: Vec<String>,
    /// Words that say how an initiative keeps to its schedule ("delayed",
    /// "on track", "at risk"). Alone in a status cell they may be a
    /// status word; as the note after another status ("Completed -
    /// delayed") they say when, not what, so the first word is the status.
    #[serde(default)]
    pub schedule: Vec<String>,
    /// What a person writes to tick a box ("x", "✓", "yes", "oui"): under
    /// columns headed by statuses ("Completed | Ongoing | Planned"), the
    /// column marked is the status. Compared case-insensitively with the
    /// whole cell, or with what opens it before a note ("X (merged)").
    #[serde(default)]
    pub marks: Vec<String>,
    /// What a person writes in a box left unticked ("no", "non", "×"), beside
    /// the blank, 0, FALSE and dashes every profile reads so.
    #[serde(default)]
    pub unmarks: Vec<String>,
    /// Headers that name their field only where no other column does: a
    /// "Completion date" beside a "Target date" is when the work ended, and
    /// the target date is the due date.
    #[serde(default)]
    pub second_choice: Vec<String>,
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

    /// Reads a profile from JSON or TOML text (JSON when it starts with `{`);
    /// one that `extends` a built-in profile comes back joined to it.
    ///
    /// # Errors
    /// [`ErrorKind::Profile`] naming the line of the mistake, or the
    /// built-in profile it extends when there is none of that name.
    pub fn from_text(text: &str) -> Result<Profile, Error> {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        let profile: Profile = if trimmed.starts_with('{') {
            serde_json::from_str(trimmed).map_err(|e| Error::new(ErrorKind::Profile { message: e.to_string() }))?
        } else {
            toml::from_str(trimmed).map_err(|e| Error::new(ErrorKind::Profile { message: e.to_string() }))?
        };
        profile.joined()
    }

    /// This profile joined to the built-in one it `extends` (see there);
    /// itself when it extends none.
    ///
    /// # Errors
    /// [`ErrorKind::Profile`] when no built-in profile has that name.
    pub fn joined(mut self) -> Result<Profile, Error> {
        let Some(base_name) = self.extends.take() else { return Ok(self) };
        let Some(base) = Profile::builtin(&base_name) else {
            let names: Vec<&str> = Profile::builtin_names().collect();
            let message =
                format!("'extends': there is no built-in profile '{base_name}' (there are {})", names.join(", "));
            return Err(Error::new(ErrorKind::Profile { message }));
        };
        // Every word this profile gives a field or a status: the built-in's
        // lists lose it, so the profile's meaning is the one read.
        let claimed: foldhash::HashSet<String> = (self.fields.values())
            .chain(self.statuses.values())
            .chain(self.deliverable_statuses.values())
            .flatten()
            .map(|w| fold(w))
            .collect();
        Ok(Profile {
            name: self.name,
            extends: None,
            date_order: self.date_order,
            decimal_comma: self.decimal_comma,
            fields: layered(base.fields, self.fields, &claimed),
            columns: base.columns.into_iter().chain(self.columns).collect(),
            deliverable_groups: joined(base.deliverable_groups, self.deliverable_groups),
            deliverable_prefixes: joined(base.deliverable_prefixes, self.deliverable_prefixes),
            checkpoint_headers: joined(base.checkpoint_headers, self.checkpoint_headers),
            statuses: layered(base.statuses, self.statuses, &claimed),
            non_statuses: joined(
                base.non_statuses.into_iter().filter(|w| !claimed.contains(&fold(w))).collect(),
                self.non_statuses,
            ),
            schedule: joined(base.schedule, self.schedule),
            marks: joined(base.marks, self.marks),
            unmarks: joined(base.unmarks, self.unmarks),
            second_choice: joined(base.second_choice, self.second_choice),
            deliverable_statuses: layered(base.deliverable_statuses, self.deliverable_statuses, &claimed),
            checkpoints: base.checkpoints.into_iter().chain(self.checkpoints).collect(),
            pillars: base.pillars.into_iter().chain(self.pillars).collect(),
            priority_areas: base.priority_areas.into_iter().chain(self.priority_areas).collect(),
            totals: joined(base.totals, self.totals),
            as_of: joined(base.as_of, self.as_of),
        })
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

/// `own`'s words per key added to `base`'s, which lose the words `claimed`.
fn layered<K: Ord>(
    base: BTreeMap<K, Vec<String>>,
    own: BTreeMap<K, Vec<String>>,
    claimed: &foldhash::HashSet<String>,
) -> BTreeMap<K, Vec<String>> {
    let mut out: BTreeMap<K, Vec<String>> = base
        .into_iter()
        .map(|(k, words)| (k, words.into_iter().filter(|w| !claimed.contains(&fold(w))).collect()))
        .collect();
    for (k, words) in own {
        let list = out.entry(k).or_default();
        *list = joined(std::mem::take(list), words);
    }
    out
}

/// `base`, then the words of `own` it does not have (folded).
fn joined(mut base: Vec<String>, own: Vec<String>) -> Vec<String> {
    let mut seen: foldhash::HashSet<String> = base.iter().map(|w| fold(w)).collect();
    base.extend(own.into_iter().filter(|w| seen.insert(fold(w))));
    base
}

/// A profile compiled for lookups: folded words to what they mean.
pub(crate) struct Vocabulary {
    pub profile: Profile,
    fields: HashMap<String, Field>,
    /// Folded headers that name their field only where no other column
    /// does ([`Profile::second_choice`]).
    second_choice: foldhash::HashSet<String>,
    columns: HashMap<String, String>,
    groups: Vec<String>,
    prefixes: Vec<String>,
    statuses: HashMap<String, Status>,
    /// Every status word and non-status word, folded, for telling a
    /// misspelling from a different word ([`Vocabulary::misspelled_status`]).
    spellings: Vec<Spelling>,
    /// Folded words that are none of the four statuses.
    non_statuses: foldhash::HashSet<String>,
    /// Folded words of keeping to a schedule ([`Profile::schedule`]).
    schedule: foldhash::HashSet<String>,
    /// Ticks, trimmed and lowercased ([`Profile::marks`]).
    marks: foldhash::HashSet<String>,
    /// Unticked boxes, trimmed and lowercased ([`Profile::unmarks`]).
    unmarks: foldhash::HashSet<String>,
    deliverable_statuses: HashMap<String, DeliverableStatus>,
    checkpoints: HashMap<String, usize>,
    pillars: HashMap<String, usize>,
    priority_areas: HashMap<String, usize>,
    totals: Vec<String>,
    pub as_of: Vec<String>,
    checkpoint_headers: Vec<String>,
}

/// A known status word or non-status word, folded, as letters.
struct Spelling {
    letters: Vec<char>,
    /// `None` for a word that is no status.
    status: Option<Status>,
}

/// Damerau–Levenshtein distance (optimal string alignment): the fewest
/// letters added, dropped or changed, or neighbours swapped, that make `a`
/// into `b`.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    // Three rows of the table: two back, one back, this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    last[b.len()]
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
        for (status, words) in &profile.statuses {
            statuses.entry(fold(status.as_str())).or_insert(*status);
            for w in words {
                statuses.entry(fold(w)).or_insert(*status);
            }
        }
        let non_statuses: foldhash::HashSet<String> =
            profile.non_statuses.iter().map(|w| fold(w)).filter(|w| !statuses.contains_key(w)).collect();
        let spellings = (statuses.iter().map(|(w, s)| (w, Some(*s))))
            .chain(non_statuses.iter().map(|w| (w, None)))
            .map(|(w, status)| Spelling { letters: w.chars().collect(), status })
            .collect();
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
            spellings,
            non_statuses,
            schedule: profile.schedule.iter().map(|w| fold(w)).collect(),
            marks: profile.marks.iter().map(|m| m.trim().to_lowercase()).collect(),
            unmarks: profile.unmarks.iter().map(|m| m.trim().to_lowercase()).collect(),
            second_choice: profile.second_choice.iter().map(|w| fold(w)).collect(),
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

    /// The field a header names; a header of parts ("Initiative / Action")
    /// names the field of its first part that names one, and a header with
    /// a qualifier the profile does not know — "Status (select)", "Due date
    /// [dd/mm/yyyy]", "Owner*" — names the field of what stands before it.
    pub(crate) fn field(&self, header: &str) -> Option<Field> {
        self.field_choice(header).map(|(f, _)| f)
    }

    /// The field a header names and whether it is a second choice
    /// ([`Profile::second_choice`]): of two columns naming one field, a
    /// first choice is the field.
    pub(crate) fn field_choice(&self, header: &str) -> Option<(Field, bool)> {
        let named = |text: &str| {
            let folded = fold(text);
            if let Some(mapped) = self.columns.get(&folded) {
                return Field::ALL.into_iter().find(|f| f.as_str() == mapped).map(|f| (f, false));
            }
            self.fields.get(&folded).map(|f| (*f, self.second_choice.contains(&folded)))
        };
        // "Initiative / Action": the first part that names a field.
        let parts = || header.split('/').map(str::trim).filter(|p| !p.is_empty()).find_map(&named);
        named(header).or_else(|| header.contains('/').then(parts).flatten()).or_else(|| {
            let trimmed = header.trim().trim_end_matches('*').trim_end();
            let bare = match trimmed.chars().last() {
                Some(')') => trimmed.rfind('(').map(|at| &trimmed[..at]),
                Some(']') => trimmed.rfind('[').map(|at| &trimmed[..at]),
                _ => Some(trimmed),
            }?;
            (bare.len() < header.trim().len() && !bare.trim().is_empty()).then(|| named(bare)).flatten()
        })
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

    /// The status a word of the profile opens, with the note after it:
    /// "Completed (Dec 2025)", "Ongoing - delayed", "In progress (70%)",
    /// "Planned for 2027", "Revised / merged into Q-2". `None` when no known
    /// status opens the text, or when the note names another status or a
    /// word that is none ("Planned / Ongoing", "Planned but on hold").
    pub(crate) fn qualified_status(&self, text: &str) -> Option<(Status, String)> {
        let text = text.trim();
        let (head, note): (String, String) = if let Some(open) = text.find(['(', '['])
            && text.ends_with([')', ']'])
        {
            (text[..open].to_owned(), text[open + 1..text.len() - 1].to_owned())
        } else if let Some((head, note)) =
            [" - ", " – ", " — ", " / ", ": ", ", ", "; "].iter().find_map(|sep| text.split_once(sep))
        {
            (head.to_owned(), note.to_owned())
        } else {
            // The longest run of first words that is a status: "Planned for 2027".
            let words: Vec<&str> = text.split_whitespace().collect();
            let k = (1..words.len()).rev().find(|k| self.status(&words[..*k].join(" ")).is_some())?;
            (words[..k].join(" "), words[k..].join(" "))
        };
        let status = self.status(head.trim())?;
        let note = note.trim();
        let words: Vec<&str> = note.split_whitespace().collect();
        let names_other = (0..words.len()).any(|i| {
            (i + 1..=(i + 2).min(words.len())).any(|j| {
                let phrase = words[i..j].join(" ");
                self.is_non_status(&phrase)
                    || (self.status(&phrase).is_some_and(|s| s != status) && !self.schedule.contains(&fold(&phrase)))
            })
        });
        (!names_other && !note.is_empty()).then(|| (status, note.to_owned()))
    }

    /// True when `text` is a tick of the profile's ([`Profile::marks`]).
    pub(crate) fn is_mark(&self, text: &str) -> bool {
        let t = text.trim();
        !t.is_empty() && t.chars().count() <= 16 && self.marks.contains(&t.to_lowercase())
    }

    /// True when `text` is an unticked box of the profile's ([`Profile::unmarks`]).
    pub(crate) fn is_unmark(&self, text: &str) -> bool {
        let t = text.trim();
        !t.is_empty() && t.chars().count() <= 16 && self.unmarks.contains(&t.to_lowercase())
    }

    /// True when the word is one the profile says is none of the four
    /// statuses ("On hold", "Cancelled").
    pub(crate) fn is_non_status(&self, word: &str) -> bool {
        self.non_statuses.contains(&fold(word))
    }

    /// The status `word` is a misspelling of, and the known word it was
    /// taken for; `None` when it is no small edit of exactly one status's
    /// words, or when it is nearer a word that is no status.
    ///
    /// A misspelling is a small edit of a known word ("Compelted",
    /// "En cour"); a different real word is not one, however close
    /// ("Stalled" is not "Started"). The rule, on folded words (case,
    /// accents, spaces and punctuation aside):
    /// - the distance is Damerau's (optimal string alignment): a letter
    ///   added, dropped or changed, or two neighbours swapped, is one edit;
    /// - a known word of 4 letters or fewer is never guessed (in Chinese a
    ///   letter is a word: 未完成, "not completed", is one from 完成), one of
    ///   5 to 8 letters takes 1 edit, a longer one 2;
    /// - the first letter is kept: typing rarely misses it, and a negation
    ///   is a prefix ("no completado", "незавершено", "incomplete");
    /// - the nearest known word decides, among the status words and the
    ///   profile's `non_statuses` (a word nearest "stalled" is no status),
    ///   and a tie between two statuses is no guess.
    pub(crate) fn misspelled_status(&self, word: &str) -> Option<Status> {
        let letters: Vec<char> = fold(word).chars().collect();
        let first = *letters.first()?;
        let mut best: Option<(usize, Option<Status>)> = None;
        let mut tied = false;
        for known in &self.spellings {
            let allowed = match known.letters.len() {
                0..=4 => continue,
                5..=8 => 1,
                _ => 2,
            };
            if known.letters[0] != first || known.letters.len().abs_diff(letters.len()) > allowed {
                continue;
            }
            let d = edit_distance(&letters, &known.letters);
            if d > allowed {
                continue;
            }
            match best {
                Some((b, s)) if d == b => tied |= s != known.status,
                Some((b, _)) if d > b => {}
                _ => {
                    best = Some((d, known.status));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied).and_then(|(_, s)| s)
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

    /// The example organization's profile, which extends `default`.
    fn example() -> Profile {
        Profile::from_text(include_str!("../../../examples/profiles/itu-transformation.profile.json")).unwrap()
    }

    #[test]
    fn the_builtins_know_no_organization_s_names() {
        for name in Profile::builtin_names() {
            let p = Profile::builtin(name).unwrap();
            assert!(p.pillars.is_empty() && p.priority_areas.is_empty() && p.checkpoints.is_empty(), "{name}");
            let v = Vocabulary::new(p);
            for written in ["Governance", "Gouvernance", "Personal y cultura", "C26", "Enhancing member experience"] {
                assert!(v.pillar(written).is_none() && v.priority_area(written).is_none(), "{name}: {written}");
                assert!(v.checkpoint(written).is_none(), "{name}: {written}");
            }
        }
    }

    #[test]
    fn a_profile_extends_a_builtin_with_its_names() {
        let p = example();
        assert_eq!((p.name.as_str(), p.extends.as_deref()), ("itu-transformation", None));
        let v = Vocabulary::new(p);
        // The default's words...
        assert_eq!(v.field("% de avance"), Some(Field::Progress));
        assert_eq!(v.status("En cours de réalisation"), Some(Status::Ongoing));
        // ...and the organization's names, in any language, to stable ids.
        assert_eq!(v.pillar("Gouvernance").map(|k| k.id.as_str()), Some("governance"));
        assert_eq!(v.priority_area("Improving member experience").map(|k| k.id.as_str()), Some("member-experience"));
        assert_eq!(v.checkpoint("Conseil 2026").map(|k| k.id.as_str()), Some("C26"));
        // Joined once: what it gives is a whole profile, the same read again.
        let again = Profile::from_text(&example().to_json_pretty()).unwrap();
        assert_eq!(again, example());
    }

    #[test]
    fn a_word_a_profile_gives_is_taken_from_the_builtin() {
        let own = "{\"name\": \"mine\", \"extends\": \"fr\", \"decimal_comma\": true,
            \"fields\": {\"pillar\": [\"Workstream\"]}, \"statuses\": {\"planned\": [\"On hold\"]}}";
        let p = Profile::from_text(own).unwrap();
        assert_eq!((p.date_order, p.decimal_comma), (DateOrder::DayFirst, true));
        let v = Vocabulary::new(p);
        assert_eq!(v.field("Workstream"), Some(Field::Pillar));
        assert_eq!(v.field("Task"), Some(Field::Title), "the rest of the built-in's words");
        assert_eq!(v.status("On hold"), Some(Status::Planned));
        assert!(!v.is_non_status("On hold"));
        let err = Profile::from_text("{\"name\": \"x\", \"extends\": \"nope\"}").unwrap_err();
        assert!(err.to_string().contains("'nope'") && err.to_string().contains("default"), "{err}");
    }

    /// Header words trackers use, in each language, and the field each names.
    #[test]
    fn header_words_of_the_six_languages() {
        use Field::{Owner, Pillar, Progress, Revision, Title};
        let cases: &[(&str, &str, Field)] = &[
            ("en", "Task", Title),
            ("en", "Activity", Title),
            ("en", "Action", Title),
            ("en", "Project", Title),
            ("en", "Workstream", Title),
            ("fr", "Tâche", Title),
            ("fr", "Activité", Title),
            ("fr", "Projet", Title),
            ("fr", "Chantier", Title),
            ("es", "Tarea", Title),
            ("es", "Actividad", Title),
            ("es", "Proyecto", Title),
            ("ru", "Задача", Title),
            ("ru", "Мероприятие", Title),
            ("zh", "任务", Title),
            ("zh", "活动", Title),
            ("ar", "المهمة", Title),
            ("ar", "النشاط", Title),
            ("en", "Lead", Owner),
            ("en", "Focal point", Owner),
            ("en", "Responsible", Owner),
            ("en", "Accountable", Owner),
            ("en", "Lead unit", Owner),
            ("fr", "Point focal", Owner),
            ("fr", "Responsable", Owner),
            ("fr", "Unité responsable", Owner),
            ("es", "Punto focal", Owner),
            ("es", "Unidad responsable", Owner),
            ("ru", "Ответственный исполнитель", Owner),
            ("zh", "责任单位", Owner),
            ("ar", "جهة الاتصال", Owner),
            ("en", "% complete", Progress),
            ("en", "Progress (%)", Progress),
            ("fr", "% achevé", Progress),
            ("fr", "% d'avancement", Progress),
            ("fr", "Taux de réalisation", Progress),
            ("es", "% de avance", Progress),
            ("es", "% completado", Progress),
            ("es", "Porcentaje de avance", Progress),
            ("ru", "% выполнения", Progress),
            ("ru", "Процент выполнения", Progress),
            ("zh", "完成百分比", Progress),
            ("zh", "完成率", Progress),
            ("zh", "进度 (%)", Progress),
            ("ar", "نسبة الإنجاز", Progress),
            ("ar", "نسبة الانجاز", Progress),
            ("ar", "نسبة التقدم", Progress),
            ("en", "Revision notes", Revision),
            ("en", "Reason for revision", Revision),
            ("fr", "Motif de la révision", Revision),
            ("fr", "Observations sur la révision", Revision),
            ("es", "Observaciones sobre la revisión", Revision),
            ("es", "Motivo de la revisión", Revision),
            ("ru", "Причина пересмотра", Revision),
            ("ru", "Комментарий к пересмотру", Revision),
            ("zh", "修订说明", Revision),
            ("zh", "调整原因", Revision),
            ("ar", "سبب المراجعة", Revision),
            ("ar", "ملاحظات المراجعة", Revision),
            // Pillars named as strategic axes.
            ("en", "Strategic axis", Pillar),
            ("fr", "Axe stratégique", Pillar),
            ("es", "Eje estratégico", Pillar),
            ("ru", "Стратегическое направление", Pillar),
            ("zh", "战略方向", Pillar),
            ("ar", "المحور الاستراتيجي", Pillar),
        ];
        let v = Vocabulary::new(Profile::builtin("default").unwrap());
        for (language, header, field) in cases {
            assert_eq!(v.field(header), Some(*field), "{language}: {header}");
        }
        // The number sign Russian trackers head their numbering with.
        assert_eq!(v.field("№"), Some(Field::Id));
        assert_eq!(v.field("№ п/п"), Some(Field::Id));
        // A RAG column (Green, Amber, Red) says how an initiative fares, not
        // which of the four statuses it is in: kept, not read as the status.
        assert_eq!(v.field("RAG"), None);
    }

    /// Status words and phrases trackers write, of one word or several,
    /// hyphenated or not, in each language.
    #[test]
    fn status_words_of_the_six_languages() {
        use Status::{Completed, Ongoing, Planned, Revised};
        let cases: &[(&str, &str, Status)] = &[
            ("en", "Done", Completed),
            ("en", "Completed", Completed),
            ("en", "In progress", Ongoing),
            ("en", "In-progress", Ongoing),
            ("en", "On track", Ongoing),
            ("en", "Work in progress", Ongoing),
            ("en", "Not started", Planned),
            ("en", "Not yet started", Planned),
            ("en", "Re-scoped", Revised),
            ("fr", "Achevé", Completed),
            ("fr", "Terminée", Completed),
            ("fr", "En cours", Ongoing),
            ("fr", "En-cours", Ongoing),
            ("fr", "En cours de réalisation", Ongoing),
            ("fr", "En cours d'exécution", Ongoing),
            ("fr", "Non commencé", Planned),
            ("fr", "Non démarré", Planned),
            ("fr", "Pas encore commencé", Planned),
            ("fr", "Prévu", Planned),
            ("fr", "Révisé", Revised),
            ("es", "Completado", Completed),
            ("es", "Finalizado", Completed),
            ("es", "En curso", Ongoing),
            ("es", "En ejecución", Ongoing),
            ("es", "No iniciado", Planned),
            ("es", "Sin iniciar", Planned),
            ("es", "Revisado", Revised),
            ("ru", "Завершено", Completed),
            ("ru", "Выполнено", Completed),
            ("ru", "В работе", Ongoing),
            ("ru", "В процессе", Ongoing),
            ("ru", "Не начато", Planned),
            ("ru", "Запланировано", Planned),
            ("ru", "Пересмотрено", Revised),
            ("zh", "已完成", Completed),
            ("zh", "进行中", Ongoing),
            ("zh", "实施中", Ongoing),
            ("zh", "未开始", Planned),
            ("zh", "尚未开始", Planned),
            ("zh", "已修订", Revised),
            ("ar", "مكتمل", Completed),
            ("ar", "تم الإنجاز", Completed),
            ("ar", "قيد التنفيذ", Ongoing),
            ("ar", "جاري التنفيذ", Ongoing),
            ("ar", "لم يبدأ", Planned),
            ("ar", "لم يبدأ بعد", Planned),
            ("ar", "معدل", Revised),
        ];
        let v = Vocabulary::new(Profile::builtin("default").unwrap());
        for (language, word, status) in cases {
            assert_eq!(v.status(word), Some(*status), "{language}: {word}");
        }
    }

    /// A misspelling is a small edit of a known word; a different word,
    /// however close, is no status.
    #[test]
    fn misspellings_and_different_words() {
        use Status::{Completed, Ongoing, Planned, Revised};
        let cases: &[(&str, &str, Option<Status>)] = &[
            ("en", "Compelted", Some(Completed)),
            ("en", "Completd", Some(Completed)),
            ("en", "Ongoign", Some(Ongoing)),
            ("en", "Planed", Some(Planned)),
            ("en", "Revsied", Some(Revised)),
            ("en", "Not strated", Some(Planned)),
            ("fr", "En cour", Some(Ongoing)),
            ("fr", "En cours de réalisaton", Some(Ongoing)),
            ("es", "Completdo", Some(Completed)),
            ("es", "En crso", Some(Ongoing)),
            ("ru", "Завершон", Some(Completed)),
            ("ru", "Выполенно", Some(Completed)),
            ("ar", "مكتمال", Some(Completed)),
            // Different real words: a state the four statuses do not have...
            ("en", "Stalled", None),
            ("en", "Stalld", None),
            ("en", "On hold", None),
            ("en", "Blocked", None),
            ("en", "Paused", None),
            ("en", "Cancelled", None),
            ("fr", "Suspendu", None),
            ("fr", "Annulé", None),
            ("es", "Cancelado", None),
            ("ru", "Отменено", None),
            ("zh", "暂停", None),
            ("ar", "معلق", None),
            // ...or a known word's opposite.
            ("en", "Incomplete", None),
            ("es", "No completado", None),
            ("ru", "Незавершено", None),
            ("zh", "未完成", None),
            ("ar", "غير مكتمل", None),
            ("en", "Finance", None),
        ];
        let v = Vocabulary::new(Profile::builtin("default").unwrap());
        for (language, word, status) in cases {
            assert_eq!(v.status(word), None, "{language}: {word} is no known word");
            assert_eq!(v.misspelled_status(word), *status, "{language}: {word}");
        }
    }

    /// Every status word of the six languages, with two neighbours swapped
    /// or a letter dropped past the first, is read as its own status or not
    /// at all: never as another.
    #[test]
    fn no_small_edit_of_a_status_word_is_read_as_another_status() {
        let v = Vocabulary::new(Profile::builtin("default").unwrap());
        for (status, words) in &v.profile.statuses {
            for word in words {
                let letters: Vec<char> = fold(word).chars().collect();
                for at in 1..letters.len().saturating_sub(1) {
                    let mut swapped = letters.clone();
                    swapped.swap(at, at + 1);
                    let mut dropped = letters.clone();
                    dropped.remove(at);
                    for edit in [swapped, dropped] {
                        let edit: String = edit.into_iter().collect();
                        let read = v.status(&edit).or_else(|| v.misspelled_status(&edit));
                        assert!(read.is_none_or(|s| s == *status), "{word} -> {edit}: {read:?}");
                    }
                }
                if letters.len() >= 5 {
                    let mut swapped = letters.clone();
                    swapped.swap(1, 2);
                    let edit: String = swapped.into_iter().collect();
                    assert_eq!(v.status(&edit).or_else(|| v.misspelled_status(&edit)), Some(*status), "{word}");
                }
            }
        }
    }

    #[test]
    fn damerau_distance() {
        let d = |a: &str, b: &str| edit_distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        assert_eq!(d("compelted", "completed"), 1);
        assert_eq!(d("stalled", "started"), 2);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", "abc"), 0);
        assert_eq!(d("ca", "abc"), 3);
    }

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
        assert_eq!(v.deliverable_header("Owner"), None);
        assert!(v.is_deliverable_group("Deliverables by:"));
        // A bare checkpoint header is one only an organization's profile names.
        assert_eq!(v.deliverable_header("PP-26"), None);
        assert_eq!(v.checkpoint("Council 2026"), None);
        let v = Vocabulary::new(example());
        assert_eq!(v.deliverable_header("PP-26").as_deref(), Some("PP-26"));
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
