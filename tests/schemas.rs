//! The published schemas match the Rust types, and every JSON example
//! conforms to its schema.
//!
//! When the types change, regenerate with:
//!
//! ```sh
//! UPDATE_SCHEMAS=1 cargo test --test schemas
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benches fail loudly.

use std::path::{Path, PathBuf};

use roadmap::schema::to_pretty_json;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema_path(name: &str) -> PathBuf {
    root().join("schemas").join(format!("{name}.schema.json"))
}

#[test]
fn published_schemas_match_the_types() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut drifted = Vec::new();
    for (name, generate) in roadmap::schemas() {
        let fresh = to_pretty_json(&generate());
        let path = schema_path(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed == fresh {
            continue;
        }
        if update {
            std::fs::write(&path, &fresh).unwrap();
        } else {
            let diff = similar::TextDiff::from_lines(&committed, &fresh);
            drifted.push(format!("{}:\n{}", path.display(), diff.unified_diff().context_radius(2)));
        }
    }
    assert!(
        drifted.is_empty(),
        "the schemas under schemas/ are out of date; regenerate them with\n\n    UPDATE_SCHEMAS=1 cargo test --test schemas\n\n{}",
        drifted.join("\n")
    );
}

/// Which schema an example follows, from its name: `*.report.json` is a
/// report, `*.rollup.json` a rollup, `*.diff.json` a diff,
/// `*.profile.json` a profile, and any other `*.json` a roadmap.
fn schema_of(file: &Path) -> &'static str {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    roadmap::schemas()
        .into_iter()
        .map(|(kind, _)| kind)
        .find(|kind| name.ends_with(&format!(".{kind}.json")))
        .unwrap_or("roadmap")
}

#[test]
fn examples_conform_to_the_schemas() {
    let mut checked = 0;
    let examples = std::fs::read_dir(root().join("examples")).unwrap();
    let profiles = std::fs::read_dir(root().join("examples/profiles")).unwrap();
    for entry in examples.chain(profiles) {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let kind = schema_of(&path);
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(schema_path(kind)).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let instance: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{} does not conform to {kind}.schema.json:\n{}", path.display(), errors.join("\n"));
        checked += 1;
    }
    assert!(checked >= 2, "no JSON example or example profile was checked");
}

#[test]
fn the_schemas_reject_what_the_types_reject() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path("roadmap")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for bad in [
        serde_json::json!({"initiatives": [{"id": "A", "status": "done"}]}),
        serde_json::json!({"initiatives": [{"id": "A", "due": "2026-13-45x"}]}),
        serde_json::json!({"initatives": []}),
        serde_json::json!({"initiatives": [{"title": "no id"}]}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
        assert!(serde_json::from_value::<roadmap::Roadmap>(bad).is_err());
    }
}

#[test]
fn generated_outputs_conform_too() {
    let rm: roadmap::Roadmap =
        serde_json::from_str(&std::fs::read_to_string(root().join("examples/itu-transformation.json")).unwrap())
            .unwrap();
    let mut other = rm.clone();
    other.initiatives[0].status = Some(roadmap::Status::Ongoing);
    other.initiatives.pop();
    let profile = roadmap::io::Profile::builtin("default").unwrap();
    let outputs = [
        ("profile", serde_json::to_value(&profile).unwrap()),
        ("rollup", serde_json::to_value(rm.rollup()).unwrap()),
        ("report", serde_json::to_value(other.validate()).unwrap()),
        ("diff", serde_json::to_value(rm.diff(&other)).unwrap()),
        ("roadmap", serde_json::to_value(&rm).unwrap()),
    ];
    for (kind, value) in outputs {
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(schema_path(kind)).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{kind}: {}", errors.join("\n"));
    }
}
