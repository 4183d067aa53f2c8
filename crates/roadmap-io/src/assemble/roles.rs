//! What a sheet that holds no initiative table and no list is: prose,
//! a summary of figures, empty, or something else; decided from its cells.

use crate::grid::{Grid, Value};
use crate::import::SheetRole;

/// A text cell that reads as a sentence: words ending with a full stop,
/// many words, or a long text.
fn is_sentence(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let stop = text.trim_end().ends_with(['.', '!', '?', '。', '؟', '।']);
    (words >= 4 && stop) || words >= 8 || text.chars().count() > 60
}

/// The role of a sheet with no table and no list, and the evidence.
pub(super) fn role_of(grid: &Grid) -> (SheetRole, String) {
    let cells: Vec<&Value> = grid.rows.iter().flat_map(|r| r.cells.iter().map(|(_, v)| v)).collect();
    if cells.is_empty() {
        return (SheetRole::Empty, "no cells".to_owned());
    }
    let texts: Vec<String> = cells.iter().filter(|v| matches!(v, Value::Text(_))).map(|v| v.to_text()).collect();
    let sentences = texts.iter().filter(|t| is_sentence(t)).count();
    let numeric = |v: &Value| matches!(v, Value::Number(_) | Value::Percent(_));
    let numbers = cells.iter().filter(|v| numeric(v)).count();
    // A row that labels figures: a text, then numbers.
    let labelled = grid
        .rows
        .iter()
        .filter(|r| {
            r.cells.first().is_some_and(|(_, v)| matches!(v, Value::Text(_)))
                && r.cells.iter().skip(1).any(|(_, v)| numeric(v))
        })
        .count();
    if sentences > 0 && sentences * 2 >= texts.len() && numbers * 4 <= cells.len() {
        let evidence = format!("{sentences} of its {} text cells are sentences", texts.len());
        return (SheetRole::Prose, evidence);
    }
    if labelled >= 2 && labelled * 2 >= grid.rows.len().saturating_sub(1) {
        let evidence = format!("{labelled} of its {} rows are a label followed by figures", grid.rows.len());
        return (SheetRole::Summary, evidence);
    }
    let evidence = format!("{} cells, with no header of initiative or list columns", cells.len());
    (SheetRole::Other, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Row;

    fn grid(rows: &[&[Value]]) -> Grid {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                index: i as u32,
                cells: cells.iter().enumerate().map(|(c, v)| (c as u32, v.clone())).collect(),
            })
            .collect();
        Grid { sheet: Some("S".into()), rows, merges: Vec::new() }
    }

    fn text(t: &str) -> Value {
        Value::Text(t.into())
    }

    #[test]
    fn roles_from_the_cells() {
        assert_eq!(role_of(&grid(&[])).0, SheetRole::Empty);
        let prose = grid(&[
            &[text("How to fill in this tracker")],
            &[text("Each initiative has one row; write its status in the Status column, one of the four words.")],
            &[text("Dates are written as day, month and year; leave a cell empty when you do not know it.")],
        ]);
        assert_eq!(role_of(&prose).0, SheetRole::Prose);
        let summary = grid(&[
            &[text("Status"), text("Count"), text("Share")],
            &[text("Completed"), Value::Number(12.0), Value::Percent(0.3)],
            &[text("Ongoing"), Value::Number(20.0), Value::Percent(0.5)],
            &[text("Total"), Value::Number(32.0), Value::Percent(0.8)],
        ]);
        let (role, evidence) = role_of(&summary);
        assert_eq!(role, SheetRole::Summary, "{evidence}");
        assert_eq!(evidence, "3 of its 4 rows are a label followed by figures");
        let notes = grid(&[&[text("These notes explain the tracker.")], &[text("Nothing here is an initiative.")]]);
        assert_eq!(role_of(&notes).0, SheetRole::Prose);
        let other = grid(&[&[text("a"), text("b")], &[text("c"), text("d")]]);
        assert_eq!(role_of(&other).0, SheetRole::Other);
    }
}
