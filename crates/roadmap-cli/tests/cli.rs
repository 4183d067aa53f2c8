//! The `roadmap` command, end to end: every command, format and exit code.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::path::PathBuf;

use assert_cmd::Command;

fn roadmap() -> Command {
    Command::cargo_bin("roadmap").unwrap()
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

fn fixture(name: &str) -> PathBuf {
    repo(&format!("crates/roadmap-io/tests/fixtures/{name}"))
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn rollup_of_the_seed_as_table_json_and_csv() {
    let seed = repo("examples/itu-transformation.json");
    let table = stdout(roadmap().arg("rollup").arg(&seed));
    assert!(table.starts_with("29 initiatives: 7 completed, 19 ongoing, 2 planned, 1 revised"), "{table}");
    assert!(table.contains("People and culture"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap().args(["rollup", "--format", "json"]).arg(&seed))).unwrap();
    assert_eq!(json["total"], 29);
    assert_eq!(json["by_status"]["completed"], 7);
    assert_eq!(json["by_pillar"][0]["id"], "governance");
    assert_eq!(json["by_pillar"][0]["total"], 5);
    let csv = stdout(roadmap().args(["rollup", "--format", "csv", "--by", "checkpoint"]).arg(&seed));
    assert_eq!(csv.lines().next(), Some("id,name,date,due,achieved,in_progress,not_started,unknown,overdue"));
    assert!(csv.contains("C26,Council 2026,,10,0,0,0,10,0"), "{csv}");
}

#[test]
fn rollup_judged_at_another_date() {
    let json = stdout(
        roadmap()
            .args(["rollup", "--format", "json", "--as-of", "2026-02-01"])
            .arg(repo("examples/itu-transformation.json")),
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["overdue"][0]["id"], "innovation-hub.setup");
}

#[test]
fn validate_exit_codes_and_formats() {
    roadmap().arg("validate").arg(repo("examples/itu-transformation.json")).assert().code(0);
    // The dashboard writes the example organization's names: read with its profile.
    let profile = repo("examples/profiles/itu-transformation.profile.json");
    let out = roadmap().arg("validate").arg(fixture("dashboard.xlsx")).arg("--profile").arg(&profile).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the dashboard has errors");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("4 errors, 2 warnings, 3 info"), "{text}");
    assert!(text.contains("Dashboard!F13 (INI-008): 'Blocked' is not a status"), "{text}");
    let json = stdout(
        roadmap()
            .args(["validate", "--format", "json", "--severity", "error"])
            .arg(fixture("dashboard.xlsx"))
            .arg("--profile")
            .arg(&profile),
    );
    let issues: serde_json::Value = serde_json::from_str(&json).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 4);
    let first = &issues[0];
    assert_eq!(first["code"], "unreadable-date");
    assert_eq!(first["initiative"], "INI-004");
    assert_eq!(first["location"]["sheet"], "Dashboard");
    assert_eq!(first["location"]["cell"], "H9");
    assert_eq!(first["location"]["row"], 9);
    assert_eq!(first["location"]["column"], 8);
}

#[test]
fn unusable_input_is_exit_2_with_the_file_named() {
    let out = roadmap().args(["validate", "/nonexistent/tracker.xlsx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("roadmap: /nonexistent/tracker.xlsx: "), "{err}");
    assert!(!err.contains("panicked"));
    let dir = tempfile::tempdir().unwrap();
    let corrupt = dir.path().join("corrupt.xlsx");
    let good = std::fs::read(fixture("dashboard.xlsx")).unwrap();
    std::fs::write(&corrupt, &good[..good.len() / 2]).unwrap();
    let out = roadmap().arg("rollup").arg(&corrupt).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("corrupt.xlsx"));
    roadmap().args(["rollup", "--by", "nonsense", "x"]).assert().code(2);
}

#[test]
fn convert_writes_json_atomically_and_strict_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annex.json");
    roadmap().arg("convert").arg(fixture("annex.xlsx")).arg("-o").arg(&out).assert().code(0);
    let rm = roadmap_core::Roadmap::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(rm.initiatives.len(), 13);
    // JSON in, JSON out: the same roadmap, byte for byte on a second pass.
    let again = dir.path().join("again.json");
    roadmap().arg("convert").arg(&out).arg("-o").arg(&again).assert().code(0);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
    // --strict writes nothing for data with errors.
    let strict = dir.path().join("strict.json");
    roadmap().arg("convert").arg("--strict").arg(fixture("dashboard.xlsx")).arg("-o").arg(&strict).assert().code(1);
    assert!(!strict.exists());
    // Never over the input.
    roadmap().arg("convert").arg(&out).arg("-o").arg(&out).assert().code(2);
    // No temporary files are left behind.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn convert_several_inputs_into_a_folder_and_stdin_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    roadmap()
        .arg("convert")
        .arg(fixture("annex.csv"))
        .arg(fixture("noid.csv"))
        .arg("-o")
        .arg(dir.path())
        .assert()
        .code(0);
    assert!(dir.path().join("annex.json").exists() && dir.path().join("noid.json").exists());
    let json = stdout(roadmap().args(["convert", "-"]).write_stdin(std::fs::read(fixture("noid.csv")).unwrap()));
    let rm = roadmap_core::Roadmap::from_json(&json).unwrap();
    assert_eq!(rm.initiatives.len(), 3);
}

#[test]
fn inspect_and_save_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("annex.profile.json");
    let json = stdout(roadmap().arg("inspect").arg(fixture("annex.xlsx")).arg("--save-profile").arg(&profile));
    let inspection: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(inspection["sheets"][0]["header_rows"], serde_json::json!([5, 6]));
    assert_eq!(inspection["sheets"][0]["end_row"], 24);
    let saved = std::fs::read_to_string(&profile).unwrap();
    assert!(saved.contains("\"Action\": \"title\""), "{saved}");
    roadmap().arg("validate").arg(fixture("annex.xlsx")).arg("--profile").arg(&profile).assert().code(0);
}

#[test]
fn diff_two_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo("examples/itu-transformation.json");
    let mut rm = roadmap_core::Roadmap::from_json(&std::fs::read_to_string(&seed).unwrap()).unwrap();
    rm.initiatives[7].status = Some(roadmap_core::Status::Ongoing);
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, rm.to_json_pretty()).unwrap();
    let text = stdout(roadmap().arg("diff").arg(&seed).arg(&newer));
    assert!(text.contains("~ rewards-recognition"), "{text}");
    assert!(text.contains("Planned -> Ongoing"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap().args(["diff", "--format", "json"]).arg(&seed).arg(&newer))).unwrap();
    assert_eq!(json["status_changes"][0]["to"], "ongoing");
}

#[test]
fn schema_prints_the_published_files() {
    for name in ["roadmap", "report", "rollup", "diff", "profile"] {
        let printed = stdout(roadmap().args(["schema", name]));
        let published = std::fs::read_to_string(repo(&format!("schemas/{name}.schema.json"))).unwrap();
        assert_eq!(printed, published, "{name}");
    }
}

/// The roadmap JSON a file converts to, without the cells it was read from.
fn converted(path: &std::path::Path) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        if let Some(list) = v.get_mut("initiatives").and_then(|i| i.as_array_mut()) {
            for i in list {
                i.as_object_mut().unwrap().remove("source");
            }
        }
    }
    let mut json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap().arg("convert").arg(path).args(["-o", "-"]))).unwrap();
    strip(&mut json);
    json
}

#[test]
fn round_trips_xlsx_json_xlsx_and_csv_json_csv() {
    let dir = tempfile::tempdir().unwrap();
    // xlsx -> json -> xlsx: the written workbook reads back to the same roadmap.
    let json = dir.path().join("example.json");
    roadmap().arg("convert").arg(repo("examples/itu-transformation.xlsx")).arg("-o").arg(&json).assert().code(0);
    let xlsx = dir.path().join("example.xlsx");
    roadmap().arg("convert").arg(&json).arg("-o").arg(&xlsx).assert().code(0);
    assert_eq!(converted(&xlsx), converted(&repo("examples/itu-transformation.xlsx")));
    // csv -> json -> csv: the same, and the CSV written twice is the same bytes.
    let json = dir.path().join("annex.json");
    roadmap().arg("convert").arg(fixture("annex.csv")).arg("-o").arg(&json).assert().code(0);
    let csv = dir.path().join("annex.csv");
    roadmap().arg("convert").arg(&json).args(["--to", "csv", "-o"]).arg(&csv).assert().code(0);
    let (original, back) = (converted(&fixture("annex.csv")), converted(&csv));
    assert_eq!(back["initiatives"], original["initiatives"]);
    let again = dir.path().join("again.csv");
    roadmap().arg("convert").arg(&csv).arg("-o").arg(&again).assert().code(0);
    assert_eq!(std::fs::read(&csv).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn convert_a_folder_in_parallel_skips_lock_files_and_refuses_clashes() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["annex.xlsx", "dashboard.csv", "noid.csv"] {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("~$annex.xlsx"), b"lock").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    roadmap().arg("convert").arg(dir.path()).args(["--to", "xlsx", "-j", "2", "-o"]).arg(&out).assert().code(0);
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["annex.xlsx", "dashboard.xlsx", "noid.xlsx"]);
    // Two inputs that would write the same file are refused before anything is written.
    std::fs::copy(fixture("annex.csv"), dir.path().join("annex.csv")).unwrap();
    let err = roadmap().arg("convert").arg(dir.path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).contains("two inputs would write this file"));
    assert!(!out.join("annex.json").exists());
}

/// A reader that closes standard output early (`roadmap rollup ... | head -1`)
/// ends the command quietly with exit 0, as ripgrep does.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};

    let spawn = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_roadmap"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Closed before the tracker arrives on standard input, so the first
    // write already finds the pipe closed, whatever the output's size.
    let xlsx = std::fs::read(repo("examples/itu-transformation.xlsx")).unwrap();
    for args in [
        &["rollup", "-"][..],
        &["rollup", "-", "--format", "csv"],
        &["rollup", "-", "--format", "json", "--by", "checkpoint"],
        &["inspect", "-"],
    ] {
        let mut child = spawn(args);
        drop(child.stdout.take());
        child.stdin.take().unwrap().write_all(&xlsx).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // As `head -1` does it: one line read, then the pipe closed while the
    // command is still writing (a megabyte of JSON, more than a pipe holds).
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("big.csv");
    let rows = (0..3000).map(|i| format!("A-{i},Initiative number {i},Ongoing\n"));
    std::fs::write(&csv, std::iter::once("ID,Initiative,Status\n".to_owned()).chain(rows).collect::<String>()).unwrap();
    let mut child = spawn(&["convert", csv.to_str().unwrap(), "-o", "-"]);
    drop(child.stdin.take());
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert_eq!(first, "{\n");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn report_as_html_or_markdown_in_any_language() {
    let seed = repo("examples/itu-transformation.xlsx");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("dashboard.html");
    roadmap().arg("report").arg(&seed).arg("-o").arg(&page).assert().success();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("data-figure=\"total\">29<"), "the headline");
    // The format from the output's name; `-` and no output are standard output.
    let md = dir.path().join("dashboard.md");
    roadmap().arg("report").arg(&seed).arg("-o").arg(&md).assert().success();
    assert!(std::fs::read_to_string(&md).unwrap().contains("38 in the roadmap) | 29 |"));
    let arabic = stdout(roadmap().args(["report", "--lang", "ar"]).arg(&seed));
    assert!(arabic.contains("dir=\"rtl\""));
    let french = stdout(roadmap().args(["report", "--format", "md", "--lang", "fr", "-o", "-"]).arg(&seed));
    assert!(french.contains("## Statut par pilier"), "{french}");
    // The last report's tracker: progress since it.
    let since = stdout(roadmap().args(["report", "--format", "md", "--since"]).arg(&seed).arg(&seed));
    assert!(since.contains("## Progress since the last report") && since.contains("Nothing changed."), "{since}");
    // Usage errors: exit 2, said.
    let bad = roadmap().args(["report", "--lang", "de"]).arg(&seed).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'de'"));
    let into_input = roadmap().arg("report").arg(&seed).arg("-o").arg(&seed).output().unwrap();
    assert_eq!(into_input.status.code(), Some(2), "never over the input");
}
