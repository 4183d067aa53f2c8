//! Positions of a handful of string keys: pillars, priority areas,
//! checkpoints, owners. They are looked up once per initiative, and are few,
//! so a short list is scanned and only a long one is hashed.

use foldhash::{HashMap, HashMapExt};

/// Up to this many keys are scanned rather than hashed.
const FEW: usize = 16;

/// Maps each key to its position, in insertion order.
#[derive(Default)]
pub(crate) struct Keys<'a> {
    list: Vec<&'a str>,
    hashed: Option<HashMap<&'a str, u32>>,
}

impl<'a> Keys<'a> {
    /// The position of `key`.
    pub(crate) fn find(&self, key: &str) -> Option<usize> {
        match &self.hashed {
            Some(map) => map.get(key).map(|p| *p as usize),
            None => self.list.iter().position(|k| *k == key),
        }
    }

    /// The position of `key`, and whether it was just added.
    pub(crate) fn find_or_add(&mut self, key: &'a str) -> (usize, bool) {
        if let Some(p) = self.find(key) {
            return (p, false);
        }
        let p = self.list.len();
        self.list.push(key);
        if let Some(map) = &mut self.hashed {
            map.insert(key, p as u32);
        } else if self.list.len() > FEW {
            let mut map = HashMap::with_capacity(self.list.len() * 2);
            for (i, k) in self.list.iter().enumerate() {
                map.insert(*k, i as u32);
            }
            self.hashed = Some(map);
        }
        (p, true)
    }

    /// The keys, in insertion order.
    pub(crate) fn list(&self) -> &[&'a str] {
        &self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_scanned_or_hashed() {
        let names: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        let mut keys = Keys::default();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(keys.find_or_add(n), (i, true));
            assert_eq!(keys.find_or_add(n), (i, false));
            for (j, m) in names.iter().enumerate().take(i + 1) {
                assert_eq!(keys.find(m), Some(j));
            }
            assert_eq!(keys.find("absent"), None);
        }
        assert_eq!(keys.list().len(), 40);
    }
}
