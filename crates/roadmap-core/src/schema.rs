//! The JSON Schemas of the documents roadmap reads and writes, generated
//! from the Rust types. The repository publishes them under `schemas/`.

use schemars::{JsonSchema, Schema, schema_for};

use crate::{Diff, Report, Roadmap, Rollup};

/// Makes one schema.
pub type Generator = fn() -> Schema;

/// The name of each published schema, with the function that generates it.
/// `schemas/<name>.schema.json` holds each.
pub const SCHEMAS: [(&str, Generator); 4] = [
    ("roadmap", generate::<Roadmap>),
    ("report", generate::<Report>),
    ("rollup", generate::<Rollup>),
    ("diff", generate::<Diff>),
];

fn generate<T: JsonSchema>() -> Schema {
    schema_for!(T)
}

/// The schema called `name` (`roadmap`, `report`, `rollup`, `diff`).
pub fn by_name(name: &str) -> Option<Schema> {
    SCHEMAS.iter().find(|(n, _)| *n == name).map(|(_, make)| make())
}

/// A schema as the repository stores it: pretty JSON with a final newline.
pub fn to_pretty_json(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
