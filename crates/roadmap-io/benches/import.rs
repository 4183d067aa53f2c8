//! The whole import (read, map, parse, build the roadmap, validate) of a
//! generated 100k-row tracker against the libraries reading the same cells
//! bare: calamine's range read and cell reader for xlsx, the csv crate's
//! `ByteRecord` read for CSV.
//!
//! The tracker comes from `gen_tracker.py`, beside this file;
//! `scripts/bench-import` generates it and runs this with
//! `ROADMAP_BENCH_TRACKER=/path/to/tracker_100k` (without the extension).
//! Without that variable the bench has nothing to measure and says so.
//!
//! `cargo bench -p roadmap-io --bench import -- <mode> <file>` runs one
//! pipeline once and exits, for timing whole processes (peak memory).

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench fails loudly.

use std::hint::black_box;
use std::io::Cursor;
use std::time::Duration;

use calamine::{Reader, Xlsx};
use criterion::{Criterion, criterion_group};
use roadmap_io::{ReadOptions, read_bytes};

/// The allocator the `roadmap` command and the Python module ship with, for
/// every pipeline alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The whole import, validation included; returns the number of issues.
fn roadmap_import(bytes: &[u8]) -> usize {
    let import = read_bytes(bytes, Some("tracker"), &ReadOptions::default()).unwrap();
    import.report().len() + import.roadmap.initiatives.len()
}

fn calamine_range(bytes: &[u8]) -> usize {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range.used_cells().count()
}

fn calamine_cells(bytes: &[u8]) -> usize {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let mut reader = wb.worksheet_cells_reader(&name).unwrap();
    let mut n = 0;
    while let Some(cell) = reader.next_cell().unwrap() {
        n += usize::from(!matches!(cell.get_value(), calamine::DataRef::Empty));
    }
    n
}

fn csv_bytes(bytes: &[u8]) -> usize {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut n = 0;
    while reader.read_byte_record(&mut record).unwrap() {
        n += record.len();
    }
    n
}

type Pipeline = fn(&[u8]) -> usize;

const PIPELINES: [(&str, &str, Pipeline); 5] = [
    ("roadmap-xlsx", "xlsx", roadmap_import),
    ("calamine-range", "xlsx", calamine_range),
    ("calamine-cells", "xlsx", calamine_cells),
    ("roadmap-csv", "csv", roadmap_import),
    ("csv-byte-record", "csv", csv_bytes),
];

fn bench(c: &mut Criterion) {
    let Ok(stem) = std::env::var("ROADMAP_BENCH_TRACKER") else {
        eprintln!("ROADMAP_BENCH_TRACKER is not set: run scripts/bench-import, which generates the tracker");
        return;
    };
    let mut group = c.benchmark_group("import-100k");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for (name, ext, run) in PIPELINES {
        let bytes = std::fs::read(format!("{stem}.{ext}")).unwrap();
        group.bench_function(name, |b| b.iter(|| black_box(run(black_box(&bytes)))));
    }
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    // `-- <mode> <file>`: one run of one pipeline, for /usr/bin/time.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let [mode, file] = args.as_slice()
        && let Some((_, _, run)) = PIPELINES.iter().find(|(n, _, _)| n == mode)
    {
        let bytes = std::fs::read(file).unwrap();
        println!("{}", run(&bytes));
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
