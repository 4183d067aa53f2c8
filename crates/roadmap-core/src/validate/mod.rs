//! Validation: rules that look at a roadmap and report issues.
//!
//! A [`Rule`] checks each initiative ([`Rule::check_initiative`]) and/or the
//! roadmap as a whole ([`Rule::check_roadmap`]). A [`RuleSet`] runs its
//! rules in one pass over the initiatives, so validation is linear in their
//! number. [`RuleSet::builtin`] holds the built-in rules; applications add
//! their own with [`RuleSet::with`].
//!
//! ```
//! use roadmap_core::{CodeInfo, Initiative, Issue, Roadmap, Severity};
//! use roadmap_core::validate::{Context, Rule, RuleSet};
//!
//! /// Every initiative needs an owner.
//! struct NeedsOwner;
//! const NO_OWNER: CodeInfo = CodeInfo::new("no-owner", Severity::Warning, "Every initiative needs an owner.");
//!
//! impl Rule for NeedsOwner {
//!     fn info(&self) -> CodeInfo { NO_OWNER }
//!     fn check_initiative(&self, cx: &Context<'_>, at: usize, ini: &Initiative, out: &mut Vec<Issue>) {
//!         if ini.owner.is_none() {
//!             out.push(cx.issue(&NO_OWNER, at, "owner", "no owner"));
//!         }
//!     }
//! }
//!
//! let mut rm = Roadmap::default();
//! rm.initiatives.push(Initiative::new("A", "Alpha"));
//! let report = RuleSet::builtin().with(NeedsOwner).validate(&rm);
//! assert_eq!(report.count_by_code().get("no-owner"), Some(&1));
//! ```

mod rules;

use crate::hierarchy::{Hierarchy, derive_status};
use crate::keys::Keys;
use crate::{Checkpoint, CodeInfo, Date, Initiative, Issue, Location, Report, Roadmap, Status};

/// Initiatives from which validation uses more than one core.
const PARALLEL_FROM: usize = 20_000;
/// The most parts a validation is split into.
const MAX_PARTS: usize = 4;

/// A check over a roadmap. Implement one or both methods.
pub trait Rule: Send + Sync {
    /// The code, severity and summary of the issues this rule raises.
    fn info(&self) -> CodeInfo;

    /// Checks the initiative at position `at`. Called once per initiative;
    /// a large roadmap is checked in parts on several threads, so a rule
    /// must not count on the order of the calls. Its issues are reported in
    /// document order all the same.
    fn check_initiative(&self, cx: &Context<'_>, at: usize, initiative: &Initiative, out: &mut Vec<Issue>) {
        let _ = (cx, at, initiative, out);
    }

    /// Checks the roadmap as a whole; runs before the per-initiative checks.
    fn check_roadmap(&self, cx: &Context<'_>, out: &mut Vec<Issue>) {
        let _ = (cx, out);
    }
}

/// What rules see: the roadmap, the report date, and lookups built once.
pub struct Context<'a> {
    roadmap: &'a Roadmap,
    as_of: Option<Date>,
    hierarchy: Hierarchy<'a>,
    pillars: Keys<'a>,
    priority_areas: Keys<'a>,
    /// Checkpoint ids; the first definition of each, at the same position.
    checkpoint_ids: Keys<'a>,
    checkpoints: Vec<&'a Checkpoint>,
}

impl<'a> Context<'a> {
    /// Builds the lookups for `roadmap`, judging "overdue" at `as_of` (by
    /// default the roadmap's own `as_of`).
    pub fn new(roadmap: &'a Roadmap, as_of: Option<Date>) -> Context<'a> {
        let mut checkpoint_ids = Keys::default();
        let checkpoints = roadmap.checkpoints.iter().filter(|c| checkpoint_ids.find_or_add(&c.id).1).collect();
        Context {
            roadmap,
            as_of: as_of.or(roadmap.as_of),
            hierarchy: Hierarchy::new(roadmap),
            pillars: keys(roadmap.pillars.iter().map(|p| p.id.as_str())),
            priority_areas: keys(roadmap.priority_areas.iter().map(|p| p.id.as_str())),
            checkpoint_ids,
            checkpoints,
        }
    }

    /// The roadmap being checked.
    pub fn roadmap(&self) -> &'a Roadmap {
        self.roadmap
    }

    /// The date "overdue" is judged at, if any.
    pub fn as_of(&self) -> Option<Date> {
        self.as_of
    }

    /// The position of the (first) initiative with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.hierarchy.position(id)
    }

    /// The (first) initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<&'a Initiative> {
        self.position(id).map(|i| &self.roadmap.initiatives[i])
    }

    /// True when the roadmap defines a pillar with this id.
    pub fn has_pillar(&self, id: &str) -> bool {
        self.pillars.find(id).is_some()
    }

    /// True when the roadmap defines a priority area with this id.
    pub fn has_priority_area(&self, id: &str) -> bool {
        self.priority_areas.find(id).is_some()
    }

    /// The checkpoint with this id.
    pub fn checkpoint(&self, id: &str) -> Option<&'a Checkpoint> {
        self.checkpoint_ids.find(id).map(|p| self.checkpoints[p])
    }

    /// The parent of the initiative at `at`, when it names one that exists
    /// (the first initiative with that id).
    pub fn parent(&self, at: usize) -> Option<&'a Initiative> {
        match self.hierarchy.parent[at] {
            crate::hierarchy::NONE => None,
            p => Some(&self.roadmap.initiatives[p as usize]),
        }
    }

    /// How many initiatives name the one at `at` as their parent.
    pub fn child_count(&self, at: usize) -> usize {
        self.hierarchy.children(at).iter().map(|n| *n as usize).sum()
    }

    /// The status the children of the initiative at `at` give it (see
    /// [`crate::rollup`] for the definition), or `None` for a leaf.
    pub fn derived_status(&self, at: usize) -> Option<Status> {
        derive_status(self.hierarchy.children(at))
    }

    /// Where `field` of the initiative at `at` is: its cell when the
    /// initiative records one, its row otherwise, and always a JSON pointer.
    pub fn location(&self, at: usize, field: &str) -> Location {
        location(&self.roadmap.initiatives[at], at, field)
    }

    /// An issue of `info`'s code about `field` of the initiative at `at`.
    pub fn issue(&self, info: &CodeInfo, at: usize, field: &str, message: impl Into<String>) -> Issue {
        let ini = &self.roadmap.initiatives[at];
        info.issue(message).with_initiative(ini.id.clone()).with_location(self.location(at, field))
    }

    pub(crate) fn hierarchy(&self) -> &Hierarchy<'a> {
        &self.hierarchy
    }
}

fn keys<'a>(ids: impl Iterator<Item = &'a str>) -> Keys<'a> {
    let mut keys = Keys::default();
    for id in ids {
        keys.find_or_add(id);
    }
    keys
}

/// The location of `field` of `initiative`, which sits at position `at`.
///
/// The cell is looked up in the initiative's [`crate::SourceRef`] under the
/// field's name, then under each shorter prefix (`deliverables[0].due`, then
/// `deliverables[0]`); without one, the row of the record is given.
pub fn location(initiative: &Initiative, at: usize, field: &str) -> Location {
    let mut loc = Location { field: Some(field.to_owned()), pointer: Some(pointer(at, field)), ..Location::default() };
    if let Some(src) = &initiative.source {
        loc.file.clone_from(&src.file);
        loc.sheet.clone_from(&src.sheet);
        loc.row = src.row;
        let mut key = field;
        let cell = loop {
            if let Some(cell) = src.cells.get(key) {
                break Some(cell);
            }
            // A kept column's header may hold dots: it has no shorter form.
            match key.rfind(['.', '[']) {
                Some(cut) if !field.starts_with("extra.") => key = &key[..cut],
                _ => break None,
            }
        };
        if let Some(cell) = cell {
            loc.cell = Some(cell);
            loc.row = Some(cell.row());
            loc.column = Some(cell.column());
        }
    }
    loc
}

/// The JSON pointer of `field` of the initiative at position `at`:
/// `deliverables[0].due` becomes `/initiatives/7/deliverables/0/due`.
fn pointer(at: usize, field: &str) -> String {
    let mut out = format!("/initiatives/{at}");
    if let Some(key) = field.strip_prefix("extra.") {
        out.push_str("/extra/");
        out.push_str(&key.replace('~', "~0").replace('/', "~1"));
        return out;
    }
    for part in field.split(['.', '[']) {
        if !part.is_empty() {
            out.push('/');
            out.push_str(part.trim_end_matches(']'));
        }
    }
    out
}

/// An ordered set of rules: the built-in ones and any an application adds.
pub struct RuleSet {
    rules: Vec<Box<dyn Rule>>,
}

impl RuleSet {
    /// No rules at all.
    pub fn empty() -> RuleSet {
        RuleSet { rules: Vec::new() }
    }

    /// Every built-in rule, one per code of [`crate::codes::VALIDATION`].
    pub fn builtin() -> RuleSet {
        RuleSet { rules: rules::builtin() }
    }

    /// Adds a rule; it runs after the ones already in the set.
    #[must_use]
    pub fn with(mut self, rule: impl Rule + 'static) -> RuleSet {
        self.rules.push(Box::new(rule));
        self
    }

    /// Adds a boxed rule.
    pub fn push(&mut self, rule: Box<dyn Rule>) {
        self.rules.push(rule);
    }

    /// Drops the rules that raise `code`.
    #[must_use]
    pub fn without(mut self, code: &str) -> RuleSet {
        self.rules.retain(|r| r.info().code != code);
        self
    }

    /// The codes the rules raise, in the order they run.
    pub fn codes(&self) -> Vec<CodeInfo> {
        self.rules.iter().map(|r| r.info()).collect()
    }

    /// Runs every rule over `roadmap`, judging "overdue" at its `as_of`.
    pub fn validate(&self, roadmap: &Roadmap) -> Report {
        self.validate_in(&Context::new(roadmap, None))
    }

    /// Runs every rule with a context built by the caller (for another
    /// `as_of`, or to share the context with other work).
    ///
    /// A large roadmap's initiatives are checked in contiguous parts on the
    /// machine's cores (up to four); the issues come in document order all
    /// the same.
    pub fn validate_in(&self, cx: &Context<'_>) -> Report {
        let mut out = Vec::new();
        for rule in &self.rules {
            rule.check_roadmap(cx, &mut out);
        }
        let n = cx.roadmap.initiatives.len();
        let parts = if n < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(MAX_PARTS)
        };
        let size = n.div_ceil(parts.max(1)).max(1);
        let check = |from: usize, out: &mut Vec<Issue>| {
            for (k, ini) in cx.roadmap.initiatives[from.min(n)..(from + size).min(n)].iter().enumerate() {
                for rule in &self.rules {
                    rule.check_initiative(cx, from + k, ini, out);
                }
            }
        };
        if parts <= 1 {
            check(0, &mut out);
        } else {
            std::thread::scope(|scope| {
                let others: Vec<_> = (1..parts)
                    .map(|p| {
                        scope.spawn(move || {
                            let mut part = Vec::new();
                            check(p * size, &mut part);
                            part
                        })
                    })
                    .collect();
                check(0, &mut out);
                for other in others {
                    // A rule that panicked panics here, as it would have on one thread.
                    out.extend(other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                }
            });
        }
        Report::new(out)
    }
}

impl Default for RuleSet {
    fn default() -> RuleSet {
        RuleSet::builtin()
    }
}

impl Roadmap {
    /// Checks the roadmap with the built-in rules; "overdue" is judged at
    /// its `as_of`.
    pub fn validate(&self) -> Report {
        RuleSet::builtin().validate(self)
    }

    /// Checks the roadmap with the built-in rules, judging "overdue" at `as_of`.
    pub fn validate_at(&self, as_of: Date) -> Report {
        RuleSet::builtin().validate_in(&Context::new(self, Some(as_of)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CellRef, SourceRef};

    #[test]
    fn pointers() {
        assert_eq!(pointer(3, "status"), "/initiatives/3/status");
        assert_eq!(pointer(0, "deliverables[2].due"), "/initiatives/0/deliverables/2/due");
        assert_eq!(pointer(1, "extra.a/b.c"), "/initiatives/1/extra/a~1b.c");
    }

    #[test]
    fn location_falls_back_to_prefix_then_row() {
        let mut ini = Initiative::new("A", "a");
        let mut src = SourceRef {
            file: Some("t.xlsx".into()),
            sheet: Some("Annex".into()),
            row: Some(9),
            ..SourceRef::default()
        };
        src.cells.insert("deliverables[0]".into(), CellRef::new(9, 4).unwrap());
        ini.source = Some(src);
        let loc = location(&ini, 0, "deliverables[0].due");
        assert_eq!(loc.cell.map(|c| c.to_string()).as_deref(), Some("D9"));
        assert_eq!((loc.row, loc.column), (Some(9), Some(4)));
        let loc = location(&ini, 0, "owner");
        assert_eq!((loc.cell, loc.row, loc.column), (None, Some(9), None));
        assert_eq!(loc.sheet.as_deref(), Some("Annex"));
    }
}
