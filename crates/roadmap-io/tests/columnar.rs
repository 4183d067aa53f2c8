//! The published columnar schema (`schemas/columnar.json`) is the one the
//! code builds; the Python package's test reads the same file.
//!
//! When the tables change, regenerate with:
//!
//! ```sh
//! UPDATE_SCHEMAS=1 cargo test -p roadmap-io --features arrow --test columnar
//! ```

#![cfg(feature = "arrow")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

#[test]
fn the_published_columnar_schema_matches_the_tables() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/columnar.json");
    let fresh = serde_json::to_string_pretty(&roadmap_io::columnar::describe()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date; regenerate it with\n\n    UPDATE_SCHEMAS=1 cargo test -p roadmap-io --features arrow --test columnar\n\n{}",
        path.display(),
        similar_lines(&committed, &fresh)
    );
}

/// The lines of `fresh` that `committed` lacks.
fn similar_lines(committed: &str, fresh: &str) -> String {
    fresh.lines().filter(|l| !committed.lines().any(|c| c == *l)).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_tables_of_a_roadmap_follow_the_schema() {
    let csv =
        "ID,Initiative,Status,Due date,Progress,Budget\nA-1,Portal,Done,2026-01-31,100%,1200\nA-2,Kiosk,Bogus,,,\n";
    let import = roadmap_io::read_bytes(csv.as_bytes(), Some("t.csv"), &roadmap_io::ReadOptions::default()).unwrap();
    let rm = &import.roadmap;
    let initiatives = roadmap_io::columnar::initiatives(rm).unwrap();
    assert_eq!(initiatives.schema(), roadmap_io::columnar::Table::Initiatives.schema());
    assert_eq!(initiatives.num_rows(), 2);
    let report = import.report();
    let issues = roadmap_io::columnar::issues(report.iter()).unwrap();
    assert_eq!(issues.num_rows(), report.len());
    assert!(report.iter().any(|i| i.code == "unknown-status"));
    let rollup = rm.rollup();
    for by in roadmap_core::rollup::GroupBy::ALL {
        let table = roadmap_io::columnar::rollup(&rollup, by).unwrap();
        let described = &roadmap_io::columnar::describe()
            [if by == roadmap_core::rollup::GroupBy::Checkpoint { "rollup_checkpoints" } else { "rollup_groups" }];
        assert_eq!(table.num_columns(), described.as_array().unwrap().len(), "{by}");
    }
}
