//! The README documents what the code does. Its Rust snippets run as
//! doctests of the facade crate (`src/lib.rs` includes it), its Python
//! snippets under pytest (`python/tests/test_readme.py`); this checks the
//! rest.

const README: &str = include_str!("../README.md");

#[test]
fn every_code_is_documented_with_its_severity() {
    for info in roadmap::io::catalogue() {
        let row = format!("| `{}` | {} |", info.code, info.severity);
        assert!(README.contains(&row), "the README's code table lacks {row}");
    }
}

#[test]
fn the_set_up_commands_are_the_ones_ci_runs() {
    let ci = include_str!("../.ci/run");
    assert!(ci.contains("./scripts/test"), ".ci/run must call ./scripts/test");
    assert!(README.contains("./scripts/test"));
    assert!(README.contains("cargo run -p roadmap-cli -- rollup examples/itu-transformation.xlsx"));
}

#[test]
fn every_published_schema_is_named() {
    for (name, _) in roadmap::schemas() {
        assert!(README.contains(&format!("{name}.schema.json")), "{name}");
    }
}
