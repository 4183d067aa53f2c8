//! The shape of a roadmap that validation and rollup both need: ids to
//! positions, parents, children's statuses, loops, and inherited values.
//! Built once per call, in time linear in the number of initiatives.

use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashMapExt};

use crate::{Initiative, Roadmap, Status};

/// No edge: a root, or a reference that does not resolve.
pub(crate) const NONE: u32 = u32::MAX;

/// Counts of children per status: `Status as usize`, then `UNKNOWN`.
pub(crate) type Tally = [u32; 5];
/// The tally slot of a child without a status.
pub(crate) const UNKNOWN: usize = 4;

pub(crate) fn tally_index(status: Option<Status>) -> usize {
    status.map_or(UNKNOWN, |s| s as usize)
}

pub(crate) struct Hierarchy<'a> {
    /// The position of the first initiative with each id.
    pub by_id: HashMap<&'a str, u32>,
    /// Each later initiative whose id was taken, with the first one's position.
    pub duplicates: Vec<(u32, u32)>,
    /// The position of each initiative's parent, or [`NONE`].
    pub parent: Vec<u32>,
    /// For each initiative, its slot in `tallies`, or [`NONE`] for a leaf.
    /// (Parents are few; a tally per initiative would be most of the memory.)
    tally_slot: Vec<u32>,
    /// The statuses of each parent's direct children.
    tallies: Vec<Tally>,
}

impl<'a> Hierarchy<'a> {
    /// One pass over the initiatives; parents named before they appear are
    /// resolved after it.
    pub(crate) fn new(roadmap: &'a Roadmap) -> Hierarchy<'a> {
        let initiatives = &roadmap.initiatives;
        let n = initiatives.len();
        let mut h = Hierarchy {
            by_id: HashMap::with_capacity(n),
            duplicates: Vec::new(),
            parent: vec![NONE; n],
            tally_slot: vec![NONE; n],
            tallies: Vec::new(),
        };
        let mut forward = Vec::new();
        for (i, ini) in initiatives.iter().enumerate() {
            let i = i as u32;
            match h.by_id.entry(ini.id.as_str()) {
                Entry::Occupied(first) => h.duplicates.push((i, *first.get())),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
            if let Some(parent) = ini.parent.as_deref() {
                match h.by_id.get(parent) {
                    Some(&p) => h.link(i, p, ini.status),
                    None => forward.push(i),
                }
            }
        }
        for i in forward {
            let ini = &initiatives[i as usize];
            if let Some(&p) = ini.parent.as_deref().and_then(|p| h.by_id.get(p)) {
                h.link(i, p, ini.status);
            }
        }
        h
    }

    fn link(&mut self, child: u32, parent: u32, status: Option<Status>) {
        self.parent[child as usize] = parent;
        let slot = &mut self.tally_slot[parent as usize];
        if *slot == NONE {
            *slot = self.tallies.len() as u32;
            self.tallies.push([0; 5]);
        }
        self.tallies[*slot as usize][tally_index(status)] += 1;
    }

    /// The position of the initiative with this id (the first, if several).
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|i| *i as usize)
    }

    /// The statuses of the direct children of the initiative at `i`.
    pub(crate) fn children(&self, i: usize) -> Tally {
        match self.tally_slot[i] {
            NONE => [0; 5],
            slot => self.tallies[slot as usize],
        }
    }

    /// True when no initiative names the one at `i` as its parent.
    pub(crate) fn is_leaf(&self, i: usize) -> bool {
        self.tally_slot[i] == NONE
    }
}

/// The status a parent's direct children give it, or `None` without
/// children (or with none that has a status).
///
/// Revised children are set aside (their scope went elsewhere) unless all
/// are revised. Of the rest: all completed gives completed, all planned gives
/// planned, any other mix gives ongoing.
pub(crate) fn derive_status(children: Tally) -> Option<Status> {
    let [completed, ongoing, planned, revised, _unknown] = children;
    let active = completed + ongoing + planned;
    if active == 0 {
        return (revised > 0).then_some(Status::Revised);
    }
    Some(if completed == active {
        Status::Completed
    } else if planned == active {
        Status::Planned
    } else {
        Status::Ongoing
    })
}

/// The loops of a graph where each node has at most one outgoing edge
/// (`next[i]`, or [`NONE`]). Each loop is listed once, in edge order,
/// starting from its lowest position; loops are ordered by that position.
pub(crate) fn cycles(next: &[u32]) -> Vec<Vec<u32>> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; next.len()];
    let mut path = Vec::new();
    let mut found = Vec::new();
    for start in 0..next.len() {
        if state[start] != NEW {
            continue;
        }
        let mut v = start as u32;
        while v != NONE && state[v as usize] == NEW {
            state[v as usize] = ON_PATH;
            path.push(v);
            v = next[v as usize];
        }
        if v != NONE
            && state[v as usize] == ON_PATH
            && let Some(at) = path.iter().position(|p| *p == v)
        {
            let mut cycle = path[at..].to_vec();
            if let Some(min_at) = cycle.iter().enumerate().min_by_key(|(_, p)| **p).map(|(k, _)| k) {
                cycle.rotate_left(min_at);
            }
            found.push(cycle);
        }
        for p in path.drain(..) {
            state[p as usize] = DONE;
        }
    }
    found.sort_by_key(|c| c[0]);
    found
}

/// Each initiative's own value, or the nearest ancestor's when it has none
/// (`None` when no ancestor has one, or the chain loops).
pub(crate) fn inherit<'a>(
    initiatives: &'a [Initiative],
    parent: &[u32],
    own: impl Fn(&'a Initiative) -> Option<&'a str>,
) -> Vec<Option<&'a str>> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut value: Vec<Option<&'a str>> = vec![None; initiatives.len()];
    let mut state = vec![NEW; initiatives.len()];
    let mut path = Vec::new();
    for start in 0..initiatives.len() {
        let mut v = start;
        let found = loop {
            match state[v] {
                DONE => break value[v],
                ON_PATH => break None, // a parent loop: nobody on it has a value
                _ => {}
            }
            if let Some(x) = own(&initiatives[v]) {
                value[v] = Some(x);
                state[v] = DONE;
                break Some(x);
            }
            state[v] = ON_PATH;
            path.push(v);
            match parent[v] {
                NONE => break None,
                p => v = p as usize,
            }
        };
        for p in path.drain(..) {
            value[p] = found;
            state[p] = DONE;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_found_once_each() {
        // 0 -> 1 -> 2 -> 0 ; 3 -> 0 ; 4 -> 4 ; 5 -> none
        let next = [1, 2, 0, 0, 4, NONE];
        assert_eq!(cycles(&next), vec![vec![0, 1, 2], vec![4]]);
        assert!(cycles(&[NONE, 0, 1]).is_empty());
        // Found from the middle of a chain: the loop still starts at its lowest.
        assert_eq!(cycles(&[2, 0, 1]), vec![vec![0, 2, 1]]);
    }

    #[test]
    fn derive_status_rules() {
        assert_eq!(derive_status([2, 0, 0, 0, 0]), Some(Status::Completed));
        assert_eq!(derive_status([2, 0, 0, 1, 0]), Some(Status::Completed));
        assert_eq!(derive_status([0, 0, 3, 0, 0]), Some(Status::Planned));
        assert_eq!(derive_status([1, 0, 1, 0, 0]), Some(Status::Ongoing));
        assert_eq!(derive_status([0, 1, 0, 0, 0]), Some(Status::Ongoing));
        assert_eq!(derive_status([0, 0, 0, 2, 0]), Some(Status::Revised));
        assert_eq!(derive_status([0, 0, 0, 0, 2]), None);
        assert_eq!(derive_status([0; 5]), None);
    }

    #[test]
    fn inherit_follows_parents_and_survives_loops() {
        let mut inis: Vec<Initiative> = (0..6).map(|i| Initiative::new(format!("I{i}"), "t")).collect();
        inis[0].pillar = Some("gov".into());
        inis[4].pillar = Some("ppl".into());
        // 2 -> 1 -> 0 ; 3 <-> 5 loop ; 4 own
        let parent = [NONE, 0, 1, 5, NONE, 3];
        let got = inherit(&inis, &parent, |i| i.pillar.as_deref());
        assert_eq!(got, vec![Some("gov"), Some("gov"), Some("gov"), None, Some("ppl"), None]);
    }
}
