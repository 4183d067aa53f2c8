//! Initiatives that group actions: made from a merged (or written-once)
//! cell left of the title, their status derived from their actions'.

use foldhash::HashMap;
use roadmap_core::rollup::status_from_children;
use roadmap_core::{Initiative, Issue, Status};

use super::Origin;
use crate::codes;

/// Grouping initiatives made from merged cells state no status: their
/// children give them one (with an info issue).
pub(super) fn derive_group_statuses(initiatives: &mut [Initiative], origin: &Origin, issues: &mut Vec<Issue>) {
    let mut children: HashMap<&str, Vec<Option<Status>>> = HashMap::default();
    for c in initiatives.iter() {
        if let Some(p) = c.parent.as_deref() {
            children.entry(p).or_default().push(c.status);
        }
    }
    let derived: Vec<(usize, Status)> = initiatives
        .iter()
        .enumerate()
        .filter(|(_, g)| g.status.is_none())
        .filter_map(|(i, g)| Some((i, status_from_children(children.get(g.id.as_str())?.iter().copied())?)))
        .collect();
    for (g, s) in derived {
        let ini = &mut initiatives[g];
        ini.status = Some(s);
        let mut issue = codes::DERIVED_STATUS
            .issue(format!("'{}' states no status; its actions make it {}", ini.title, s.label()))
            .with_initiative(ini.id.clone());
        if let Some(cell) = ini.source.as_ref().and_then(|s| s.cells.get("title")) {
            issue = issue.with_location(origin.location(cell, "status"));
        }
        issues.push(issue);
    }
}
