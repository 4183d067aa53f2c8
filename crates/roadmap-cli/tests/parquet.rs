//! `roadmap convert --to parquet`: the dataset read back with the parquet
//! crate, compared with the roadmap the same files give.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, UInt32Type};
use arrow_array::{Array, RecordBatch};
use assert_cmd::Command;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn roadmap() -> Command {
    Command::cargo_bin("roadmap").unwrap()
}

fn read_table(path: &Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let mut batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    assert_eq!(batches.len(), 1, "a small table is one batch");
    batches.remove(0)
}

fn texts(batch: &RecordBatch, column: &str) -> Vec<Option<String>> {
    let a = batch.column_by_name(column).unwrap().as_string::<i32>();
    (0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i).to_owned())).collect()
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

const HEADER: &str = "ID,Initiative,Pillar,Status,Due date,Progress,Budget\n";

#[test]
fn a_dataset_of_snapshots_reads_back_as_the_roadmaps() {
    let dir = tempfile::tempdir().unwrap();
    let q1 = write(
        &dir.path().join("2026-03/unit-a.csv"),
        &format!(
            "As of 31/03/2026\n{HEADER}A-1,Portal,Digital,Ongoing,30/09/2026,40%,1200\nA-2,Audit,Governance,Planned,,,\n"
        ),
    );
    let q2 = write(
        &dir.path().join("2026-06/unit-a.csv"),
        &format!(
            "As of 30/06/2026\n{HEADER}A-1,Portal,Digital,Done,30/09/2026,100%,1200\nA-2,Audit,Governance,Stalled,,10%,\n"
        ),
    );
    let bad = write(&dir.path().join("bad.xlsx"), "\u{0}\u{1}not a workbook");
    let out = dir.path().join("out");
    // A file not read is a row of the issues table; the others are written, and the exit code says one failed.
    roadmap().arg("convert").args([&q1, &q2, &bad]).args(["--to", "parquet", "-o"]).arg(&out).assert().code(2);

    for (file, as_of) in [(&q1, "2026-03-31"), (&q2, "2026-06-30")] {
        let part = |table: &str| out.join(format!("{table}/as_of={as_of}/source=unit-a.csv/part-0.parquet"));
        let import = roadmap_io::read_path(file).unwrap();
        let (rm, report) = (&import.roadmap, import.report());
        let got = read_table(&part("initiatives"));
        let ids: Vec<Option<String>> = rm.initiatives.iter().map(|i| Some(i.id.clone())).collect();
        assert_eq!(texts(&got, "id"), ids);
        let statuses: Vec<Option<String>> =
            rm.initiatives.iter().map(|i| i.status.map(|s| s.as_str().to_owned())).collect();
        assert_eq!(texts(&got, "status"), statuses);
        let progress = got.column_by_name("progress").unwrap().as_primitive::<Float64Type>();
        let want: Vec<Option<f64>> = rm.initiatives.iter().map(|i| i.progress).collect();
        assert_eq!(progress.iter().collect::<Vec<_>>(), want);
        let due = got.column_by_name("due").unwrap().as_primitive::<Date32Type>();
        let want: Vec<Option<i32>> = rm.initiatives.iter().map(|i| i.due.map(|d| d.days() as i32)).collect();
        assert_eq!(due.iter().collect::<Vec<_>>(), want);
        // Every initiative keeps the file, sheet and row it came from.
        let rows = got.column_by_name("source_row").unwrap().as_primitive::<UInt32Type>();
        assert_eq!(rows.iter().collect::<Vec<_>>(), [Some(3), Some(4)]);
        assert!(texts(&got, "source_file").iter().all(|f| f.as_deref().is_some_and(|f| f.ends_with("unit-a.csv"))));
        // The kept columns are one JSON object; A-2 has no budget.
        let extra = texts(&got, "extra");
        let kept: serde_json::Value = serde_json::from_str(extra[0].as_deref().unwrap()).unwrap();
        assert_eq!(kept, serde_json::to_value(&rm.initiatives[0].extra).unwrap());
        assert!(kept.get("Budget").is_some());
        assert_eq!(extra[1], None);
        // The issues are the import's and the validation's, with their cells.
        let issues = read_table(&part("issues"));
        assert_eq!(texts(&issues, "code"), report.iter().map(|i| Some(i.code.to_string())).collect::<Vec<_>>());
        assert!(part("deliverables").exists());
    }
    let issues = read_table(&out.join("issues/as_of=__HIVE_DEFAULT_PARTITION__/source=bad.xlsx/part-0.parquet"));
    assert_eq!(texts(&issues, "code"), [Some("unsupported-format".to_owned())]);
    assert!(texts(&issues, "file")[0].as_deref().is_some_and(|f| f.ends_with("bad.xlsx")));
    assert!(!std::fs::read_dir(&out).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with('.')));

    // A later run replaces the same source's partition of the same snapshot.
    let q2_again = write(
        &dir.path().join("again/unit-a.csv"),
        &format!("As of 30/06/2026\n{HEADER}A-1,Portal,Digital,Done,30/09/2026,100%,1200\n"),
    );
    roadmap().arg("convert").arg(&q2_again).args(["--to", "parquet", "-o"]).arg(&out).assert().code(0);
    let got = read_table(&out.join("initiatives/as_of=2026-06-30/source=unit-a.csv/part-0.parquet"));
    assert_eq!(got.num_rows(), 1);
    assert!(out.join("initiatives/as_of=2026-03-31/source=unit-a.csv/part-0.parquet").exists());
}

#[test]
fn a_run_that_fails_leaves_no_partition() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("As of 30/06/2026\n{HEADER}A-1,Portal,Digital,Done,30/09/2026,100%,\n");
    let a = write(&dir.path().join("a/unit.csv"), &text);
    let b = write(&dir.path().join("b/unit.csv"), &text);
    let out = dir.path().join("out");
    // Two inputs are the same source's same snapshot: the run stops and writes nothing.
    let assert = roadmap().arg("convert").args([&a, &b]).args(["--to", "parquet", "-o"]).arg(&out).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("source 'unit.csv' of snapshot 2026-06-30"), "{stderr}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "nothing is left in {}", out.display());
    // A single input goes beside itself as <name>.parquet.
    roadmap().arg("convert").arg(&a).args(["--to", "parquet"]).assert().code(0);
    assert!(dir.path().join("a/unit.parquet/initiatives/as_of=2026-06-30/source=unit.csv/part-0.parquet").exists());
}
