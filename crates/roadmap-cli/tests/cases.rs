//! The handed cases (`crates/roadmap-io/tests/fixtures/cases`, copied from
//! the project's shared cases): small trackers of the kinds programme
//! offices keep, each with what a person reads there (`cases.json`), read
//! through the command as a user would. Each case is one example of a
//! family; the families are tested in roadmap-io and by the generated
//! trackers.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Cases known not to read right yet, each checked to still fail, so
/// fixing one fails this test until it leaves the list. None today.
const PENDING: [&str; 0] = [];

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../roadmap-io/tests/fixtures/cases")
}

fn json_of(args: &[&str], path: &Path) -> Option<Value> {
    let out = Command::cargo_bin("roadmap").unwrap().args(args).arg(path).output().unwrap();
    serde_json::from_slice(&out.stdout).ok()
}

/// Lower-case ASCII letters and digits: how cases.json's names compare.
fn norm(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// What does not hold of a case's expectations, in words.
fn failures(file: &str, expect: &Value) -> Vec<String> {
    let path = cases_dir().join(file);
    let Some(doc) = json_of(&["convert", "-o", "-"], &path) else { return vec!["does not convert to JSON".into()] };
    let report = json_of(&["validate", "--format", "json"], &path).unwrap_or(Value::Null);
    let issues = report.get("issues").or(Some(&report)).and_then(Value::as_array).cloned().unwrap_or_default();
    let inits = doc["initiatives"].as_array().cloned().unwrap_or_default();
    let by_id: BTreeMap<&str, &Value> = inits.iter().map(|i| (i["id"].as_str().unwrap_or(""), i)).collect();
    let pillar_names: BTreeMap<&str, &str> = doc["pillars"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut wrong = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            wrong.push(what);
        }
    };
    if let Some(n) = expect["initiatives"].as_u64() {
        check(inits.len() as u64 == n, format!("{n} initiatives, got {}", inits.len()));
    }
    if let Some(ids) = expect["ids"].as_array() {
        let mut want: Vec<&str> = ids.iter().filter_map(Value::as_str).collect();
        want.sort_unstable();
        check(by_id.keys().copied().collect::<Vec<_>>() == want, format!("ids {want:?}"));
    }
    for (status, n) in expect["status_counts"].as_object().into_iter().flatten() {
        let got = inits.iter().filter(|i| i["status"] == *status).count() as u64;
        check(Some(got) == n.as_u64(), format!("{n} {status}, got {got}"));
    }
    for field in ["status", "owner", "due", "progress"] {
        for (id, want) in expect[field].as_object().into_iter().flatten() {
            let got = by_id.get(id.as_str()).map_or(&Value::Null, |i| &i[field]);
            let same = match (got.as_f64(), want.as_f64()) {
                (Some(g), Some(w)) => (g - w).abs() < 1e-6,
                _ => got == want,
            };
            check(same, format!("{id} {field} {want}, got {got}"));
        }
    }
    for key in ["pillars", "pillar_names"] {
        let Some(want) = expect[key].as_array() else { continue };
        let want: Vec<String> = want.iter().filter_map(Value::as_str).map(norm).collect();
        let name_of = |p: &str| norm(pillar_names.get(p).copied().unwrap_or(p));
        let used: Vec<String> = inits.iter().filter_map(|i| i["pillar"].as_str()).map(name_of).collect();
        let named: Vec<String> = pillar_names.values().map(|n| norm(n)).chain(used.iter().cloned()).collect();
        let ok = want.iter().all(|w| named.contains(w)) && used.iter().all(|u| want.contains(u));
        check(ok, format!("pillar names as written {want:?}, used {used:?}"));
    }
    for (id, row) in expect["rows"].as_object().into_iter().flatten() {
        let got = by_id.get(id.as_str()).map_or(&Value::Null, |i| &i["source"]["row"]);
        check(got == row, format!("{id} on row {row}, got {got}"));
    }
    for want in expect["issues"].as_array().into_iter().flatten() {
        let found = issues.iter().any(|issue| {
            let at = &issue["location"];
            ["code"].iter().all(|k| want.get(*k).is_none_or(|w| issue.get(*k) == Some(w)))
                && ["row", "cell", "sheet"].iter().all(|k| want.get(*k).is_none_or(|w| at.get(*k) == Some(w)))
        });
        check(found, format!("an issue {want}"));
    }
    for code in expect["no_issues"].as_array().into_iter().flatten() {
        let n = issues.iter().filter(|i| i["code"] == *code).count();
        check(n == 0, format!("no {code}, got {n}"));
    }
    for (id, values) in expect["extra_values"].as_object().into_iter().flatten() {
        let extra = by_id.get(id.as_str()).map_or(&Value::Null, |i| &i["extra"]);
        let kept: Vec<&Value> = extra.as_object().into_iter().flatten().map(|(_, v)| v).collect();
        let ok = values.as_array().into_iter().flatten().all(|v| kept.contains(&v));
        check(ok, format!("{id} keeps {values}, extra {extra}"));
    }
    wrong
}

#[test]
fn every_case_reads_as_a_person_reads_it() {
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(cases_dir().join("cases.json")).unwrap()).unwrap();
    let mut report = Vec::new();
    for case in spec["cases"].as_array().unwrap() {
        let file = case["file"].as_str().unwrap();
        let wrong = failures(file, &case["expect"]);
        let pending = PENDING.contains(&file);
        if pending && wrong.is_empty() {
            report.push(format!("{file}: now reads right; take it off PENDING"));
        } else if !pending && !wrong.is_empty() {
            report.push(format!("{file} ({}): {}", case["kind"], wrong.join("; ")));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
