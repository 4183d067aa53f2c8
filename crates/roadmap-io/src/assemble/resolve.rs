//! Names to ids: the checkpoints the roadmap defines, the pillars and
//! priority areas the table's names resolve to, parents written as titles.

use std::sync::Arc;

use roadmap_core::{Checkpoint, Initiative, Issue, Location};

use crate::assemble::lists::ListedItem;
use crate::codes;
use crate::normalize::{fold, slug};
use crate::profile::{Field, Vocabulary};

fn field_value(ini: &mut Initiative, field: Field) -> Option<&mut String> {
    if field == Field::Pillar { ini.pillar.as_mut() } else { ini.priority_area.as_mut() }
}

/// The checkpoints the roadmap defines: those the table's headers name, in
/// order, then those only a checkpoints sheet lists. A sheet's name and date
/// win; else the profile's.
pub(super) fn define_checkpoints(
    from_headers: Vec<(String, String)>,
    listed: Vec<Checkpoint>,
    vocab: &Vocabulary,
) -> Vec<Checkpoint> {
    // A listed checkpoint's id as the headers spell it: through the profile's aliases.
    let canonical = |c: &Checkpoint| vocab.checkpoint(&c.id).map_or_else(|| c.id.clone(), |k| k.id.clone());
    let mut listed: Vec<(String, Checkpoint)> = listed.into_iter().map(|c| (canonical(&c), c)).collect();
    let mut out: Vec<Checkpoint> = from_headers
        .into_iter()
        .map(|(id, name)| {
            let known = vocab.checkpoint(&id);
            let mut c = Checkpoint { date: known.and_then(|k| k.date), name, id, description: None };
            if let Some(at) = listed.iter().position(|(key, _)| fold(key) == fold(&c.id)) {
                let (_, sheet) = listed.remove(at);
                if !sheet.name.is_empty() {
                    c.name = sheet.name;
                }
                c.date = sheet.date.or(c.date);
                c.description = sheet.description;
            }
            c
        })
        .collect();
    out.extend(listed.into_iter().map(|(id, c)| Checkpoint { id, ..c }));
    out
}

/// Turns the names written in the pillar (or priority area) column into
/// ids, and says which pillars the roadmap defines: a list sheet's, else the
/// profile's when the table uses them, else the table's own values.
pub(super) fn resolve(
    initiatives: &mut [Initiative],
    field: Field,
    listed: &[ListedItem],
    extra_names: &[String],
    vocab: &Vocabulary,
    issues: &mut Vec<Issue>,
    file: Option<&Arc<str>>,
) -> Vec<(String, String, Option<String>)> {
    let profiled = if field == Field::Pillar { &vocab.profile.pillars } else { &vocab.profile.priority_areas };
    let known = |name: &str| if field == Field::Pillar { vocab.pillar(name) } else { vocab.priority_area(name) };
    let written = || {
        initiatives
            .iter()
            .filter_map(|i| if field == Field::Pillar { i.pillar.as_deref() } else { i.priority_area.as_deref() })
            .chain(extra_names.iter().map(String::as_str))
    };
    let defined: Vec<(String, String, Option<String>)> = if !listed.is_empty() {
        listed
            .iter()
            .map(|l| {
                let id = l.id.clone().unwrap_or_else(|| known(&l.name).map_or_else(|| slug(&l.name), |k| k.id.clone()));
                (id, l.name.clone(), l.description.clone())
            })
            .collect()
    } else if !profiled.is_empty() && written().any(|w| known(w).is_some()) {
        // Usually told by the first row; a profile that names none (the
        // default) is not asked about every row.
        profiled.iter().map(|k| (k.id.clone(), k.name.clone(), None)).collect()
    } else {
        let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
        let mut made: Vec<(String, String, Option<String>)> = Vec::new();
        for w in written().filter(|w| seen.insert(w)) {
            if !made.iter().any(|(id, _, _)| *id == slug(w)) {
                made.push((slug(w), w.trim().to_owned(), None));
            }
        }
        if made.is_empty() {
            return Vec::new();
        }
        let noun = if field == Field::Pillar { "pillars" } else { "priority areas" };
        issues.push(
            codes::DEFINITIONS_FROM_DATA
                .issue(format!("{} {noun} were made from the table's values", made.len()))
                .with_location(Location {
                    file: file.cloned(),
                    field: Some(field.as_str().to_owned()),
                    ..Location::default()
                }),
        );
        made
    };
    // Written names to ids: by id, by name, by the profile's aliases; each
    // distinct spelling is worked out once, in the one pass that rewrites.
    let folded: Vec<(String, String)> = defined.iter().map(|(id, name, _)| (fold(id), fold(name))).collect();
    let id_of = |w: &str| {
        let f = fold(w);
        folded
            .iter()
            .position(|(id, name)| *id == f || *name == f)
            .map(|k| defined[k].0.clone())
            .or_else(|| known(w).map(|k| k.id.clone()).filter(|id| defined.iter().any(|(d, _, _)| d == id)))
    };
    let mut ids: foldhash::HashMap<String, Option<String>> = foldhash::HashMap::default();
    for ini in initiatives.iter_mut() {
        let Some(written) = field_value(ini, field) else { continue };
        let id = match ids.get(written.as_str()) {
            Some(id) => id,
            None => ids.entry(written.clone()).or_insert_with(|| id_of(written)),
        };
        if let Some(id) = id.as_ref().filter(|id| *id != written) {
            // In the written name's buffer: an id is rarely longer than its name.
            written.clear();
            written.push_str(id);
        }
    }
    defined
}

/// Outline numbers as ids ("1", "1.1", "1.1.2"): an initiative with no
/// parent is a part of the one whose number its own extends, where the
/// roadmap has that one (a work breakdown, also across tables stacked or
/// side by side). "1.1" under a pillar numbered 1 that is no initiative
/// stays on its own.
pub(super) fn outline_parents(initiatives: &mut [Initiative]) {
    let outline = |id: &str| id.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !initiatives.iter().any(|i| i.parent.is_none() && i.id.contains('.') && outline(&i.id)) {
        return;
    }
    let ids: foldhash::HashSet<String> = initiatives.iter().filter(|i| outline(&i.id)).map(|i| i.id.clone()).collect();
    if ids.len() < 2 {
        return;
    }
    for ini in initiatives.iter_mut().filter(|i| i.parent.is_none() && outline(&i.id)) {
        if let Some((head, _)) = ini.id.rsplit_once('.')
            && ids.contains(head)
        {
            ini.parent = Some(head.to_owned());
        }
    }
}

/// A parent written as a title rather than an id is matched to that title's
/// initiative.
pub(super) fn resolve_parents(initiatives: &mut [Initiative], issues: &mut Vec<Issue>) {
    // A flat table has no parents: no index of every id is needed.
    if initiatives.iter().all(|i| i.parent.is_none()) {
        return;
    }
    let unresolved: Vec<usize> = {
        let ids: foldhash::HashSet<&str> = initiatives.iter().map(|i| i.id.as_str()).collect();
        (0..initiatives.len()).filter(|i| initiatives[*i].parent.as_deref().is_some_and(|p| !ids.contains(p))).collect()
    };
    if unresolved.is_empty() {
        return;
    }
    let mut by_title: foldhash::HashMap<String, String> = foldhash::HashMap::default();
    for i in initiatives.iter() {
        by_title.entry(fold(&i.title)).or_insert_with(|| i.id.clone());
    }
    for at in unresolved {
        let ini = &mut initiatives[at];
        let Some(p) = ini.parent.clone() else { continue };
        if let Some(id) = by_title.get(&fold(&p)) {
            let loc = roadmap_core::validate::location(ini, at, "parent");
            issues.push(
                codes::PARENT_BY_TITLE
                    .issue(format!("the parent '{p}' was matched to the initiative '{id}'"))
                    .with_initiative(ini.id.clone())
                    .with_location(loc),
            );
            ini.parent = Some(id.clone());
        }
    }
}
