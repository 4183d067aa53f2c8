//! What `roadmap` prints, command by command, format by format, exit code
//! by exit code, as insta snapshots under `tests/snapshots/`. A change to
//! any output shows up as a snapshot diff to review (`cargo insta review`,
//! or `INSTA_UPDATE=always cargo test -p roadmap-cli --test snapshots`).
//!
//! Commands run from the repository's root with relative paths, so the
//! paths printed are the same on every machine.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

const EXAMPLE: &str = "examples/itu-transformation.xlsx";
const SEED: &str = "examples/itu-transformation.json";
const DASHBOARD: &str = "crates/roadmap-io/tests/fixtures/dashboard.xlsx";
const ANNEX: &str = "crates/roadmap-io/tests/fixtures/annex.xlsx";
const NOID: &str = "crates/roadmap-io/tests/fixtures/noid.csv";
/// The organization's names (pillars, priority areas, checkpoints) that the
/// example tracker, the dashboard and the annex write, to stable ids.
const PROFILE: &str = "examples/profiles/itu-transformation.profile.json";

/// Runs `roadmap` with `args` (and `stdin`), and shows the exit code,
/// standard output and standard error as one text.
fn run(args: &[&str], stdin: Option<Vec<u8>>) -> String {
    let mut cmd = Command::cargo_bin("roadmap").unwrap();
    cmd.current_dir(root()).args(args).env("NO_COLOR", "1").env("COLUMNS", "100");
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().map_or_else(|| "signal".to_owned(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

macro_rules! snap {
    ($name:literal, $args:expr) => {
        insta::assert_snapshot!($name, run(&$args, None), &$args.join(" "));
    };
}

#[test]
fn rollup() {
    snap!("rollup_table_by_pillar", ["rollup", EXAMPLE, "--profile", PROFILE]);
    snap!("rollup_table_by_priority_area", ["rollup", EXAMPLE, "--profile", PROFILE, "--by", "priority-area"]);
    snap!("rollup_table_by_owner", ["rollup", EXAMPLE, "--profile", PROFILE, "--by", "owner"]);
    snap!("rollup_table_by_checkpoint", ["rollup", EXAMPLE, "--profile", PROFILE, "--by", "checkpoint"]);
    snap!("rollup_json", ["rollup", SEED, "--format", "json", "--as-of", "2026-02-01"]);
    snap!("rollup_csv_by_pillar", ["rollup", EXAMPLE, "--profile", PROFILE, "--format", "csv"]);
    snap!(
        "rollup_csv_by_checkpoint",
        ["rollup", EXAMPLE, "--profile", PROFILE, "--format", "csv", "--by", "checkpoint"]
    );
}

#[test]
fn validate() {
    snap!("validate_clean", ["validate", SEED]);
    snap!("validate_text", ["validate", DASHBOARD, "--profile", PROFILE]);
    snap!(
        "validate_json_errors_only",
        ["validate", DASHBOARD, "--profile", PROFILE, "--format", "json", "--severity", "error"]
    );
}

#[test]
fn inspect() {
    snap!("inspect_annex", ["inspect", ANNEX, "--profile", PROFILE]);
}

#[test]
fn convert() {
    snap!("convert_csv_to_json", ["convert", NOID, "-o", "-"]);
    snap!("convert_csv_to_csv", ["convert", NOID, "-o", "-", "--to", "csv"]);
    snap!("convert_strict_refuses", ["convert", "--strict", DASHBOARD, "--profile", PROFILE, "-o", "-"]);
}

#[test]
fn diff() {
    let mut rm = roadmap_core::Roadmap::from_json(&std::fs::read_to_string(root().join(SEED)).unwrap()).unwrap();
    rm.initiatives[7].status = Some(roadmap_core::Status::Ongoing);
    rm.initiatives[5].status = Some(roadmap_core::Status::Completed);
    rm.initiatives.remove(2);
    rm.initiatives.push(roadmap_core::Initiative::new("new-one", "A new initiative"));
    // The newer snapshot comes on standard input, so no temporary path shows.
    let newer = rm.to_json_pretty().into_bytes();
    insta::assert_snapshot!("diff_text", run(&["diff", SEED, "-"], Some(newer.clone())), "diff SEED -");
    insta::assert_snapshot!(
        "diff_json",
        run(&["diff", SEED, "-", "--format", "json"], Some(newer)),
        "diff SEED - --format json"
    );
    snap!("diff_same", ["diff", SEED, SEED]);
}

#[test]
fn schema() {
    snap!("schema_report", ["schema", "report"]);
}

#[test]
fn unusable_input_and_usage_errors() {
    snap!("missing_file", ["validate", "no/such/tracker.xlsx"]);
    snap!("no_arguments", ["rollup"]);
    snap!("bad_date_argument", ["rollup", SEED, "--as-of", "2026-13-01"]);
    snap!("several_inputs_to_stdout", ["convert", NOID, SEED, "-o", "-"]);
    // A picture is not a tracker; a truncated workbook is not one either.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    insta::assert_snapshot!("wrong_type_on_stdin", run(&["validate", "-"], Some(png)));
    let xlsx = std::fs::read(root().join(EXAMPLE)).unwrap();
    insta::assert_snapshot!("corrupt_workbook_on_stdin", run(&["rollup", "-"], Some(xlsx[..xlsx.len() / 2].to_vec())));
}
