//! Blocks side by side: the header row split where a column is empty from
//! the header down through the head's rows. Two blocks that each head an
//! initiative table are two tables (one per unit, side by side); a block
//! beside the table that heads no initiative table and repeats one of its
//! fields ("Status | Count | Share"; French "Nombre", a count, reads as the
//! Spanish for a name) or ends in a totals row ("Summary by status |
//! Count", then "Total | 12") is a summary, not columns of the records.

use super::header::text_of;
use crate::grid::{Grid, Merge, Row};
use crate::profile::{Field, Vocabulary};

/// One block of the header row: its columns and the fields its headers name.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Band {
    pub first: u32,
    pub last: u32,
    fields: Vec<Field>,
    /// A row of the block (below the header, in the head) opens with a
    /// totals word: "Total | 12".
    totals: bool,
}

impl Band {
    /// True when the block heads an initiative table: a title column and
    /// at least three fields (as a second table on a sheet must).
    pub(super) fn heads_initiatives(&self) -> bool {
        self.fields.contains(&Field::Title) && self.fields.len() >= 3
    }

    pub(super) fn holds(&self, column: u32) -> bool {
        (self.first..=self.last).contains(&column)
    }
}

/// The blocks of the header row `h`: runs of columns split where a column
/// is empty in the header row and in every row of the head below it.
pub(super) fn bands(grid: &Grid, h: usize, vocab: &Vocabulary) -> Vec<Band> {
    let header = &grid.rows[h];
    let used: std::collections::BTreeSet<u32> =
        grid.rows[h..].iter().flat_map(|r| r.cells.iter().map(|(c, _)| *c)).collect();
    let mut bands: Vec<Band> = Vec::new();
    let mut last_used: Option<u32> = None;
    for &c in &used {
        if last_used.is_none_or(|l| c > l + 1) {
            bands.push(Band { first: c, last: c, fields: Vec::new(), totals: false });
        }
        let Some(band) = bands.last_mut() else { continue };
        band.last = c;
        if let Some(f) = header.get(c).and_then(text_of).and_then(|t| vocab.field(t))
            && !band.fields.contains(&f)
        {
            band.fields.push(f);
        }
        last_used = Some(c);
    }
    bands.retain(|b| header.cells.iter().any(|(c, _)| b.holds(*c)));
    for band in &mut bands {
        band.totals = grid.rows[h + 1..].iter().any(|r| {
            r.cells
                .iter()
                .find(|(c, _)| band.holds(*c))
                .is_some_and(|(_, v)| text_of(v).is_some_and(|t| vocab.is_totals(t)))
        });
    }
    bands
}

/// What to do with the blocks of a sheet's header row.
pub(super) enum Blocks {
    /// One table (the blocks beside it, if any, are its columns).
    One,
    /// Tables side by side: each block's columns.
    SideBySide(Vec<Band>),
    /// One table, with summary blocks beside it to leave out.
    Beside(Vec<Band>),
}

/// Judges the blocks of the header row.
pub(super) fn judge(bands: Vec<Band>) -> Blocks {
    if bands.len() < 2 {
        return Blocks::One;
    }
    let tables = bands.iter().filter(|b| b.heads_initiatives()).count();
    if tables >= 2 {
        return Blocks::SideBySide(bands.into_iter().filter(Band::heads_initiatives).collect());
    }
    let Some(main) = bands.iter().find(|b| b.fields.contains(&Field::Title)).cloned() else { return Blocks::One };
    let beside: Vec<Band> = bands
        .into_iter()
        .filter(|b| {
            *b != main && !b.heads_initiatives() && (b.totals || b.fields.iter().any(|f| main.fields.contains(f)))
        })
        .collect();
    if beside.is_empty() { Blocks::One } else { Blocks::Beside(beside) }
}

/// The row's cells within `band`.
pub(super) fn within(row: &Row, band: &Band) -> Row {
    Row { index: row.index, cells: row.cells.iter().filter(|(c, _)| band.holds(*c)).cloned().collect() }
}

/// The merged regions that start within `band`.
pub(super) fn merges_within(merges: &[Merge], band: &Band) -> Vec<Merge> {
    merges.iter().filter(|m| band.holds(m.first_column)).copied().collect()
}
