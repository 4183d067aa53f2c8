//! The report of a 100,000-initiative roadmap, HTML and Markdown:
//! `cargo bench -p roadmap-report` (figures in BENCHMARKS.md).

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use roadmap_core::{Checkpoint, Deliverable, Initiative, Pillar, PriorityArea, Roadmap, Status};
use roadmap_report::{ReportFormat, ReportOptions, render};

/// Five pillars, three areas, two checkpoints; every fourth initiative an
/// action of the one before it; statuses in turn; one deliverable each.
fn roadmap(n: usize) -> Roadmap {
    let pillars = (0..5).map(|p| Pillar { id: format!("p{p}"), name: format!("Pillar {p}"), description: None });
    let areas = (0..3).map(|a| PriorityArea { id: format!("a{a}"), name: format!("Area {a}"), description: None });
    let checkpoints =
        ["C26", "PP-26"].map(|id| Checkpoint { id: id.into(), name: id.into(), date: None, description: None });
    let initiatives = (0..n)
        .map(|i| {
            let mut ini = Initiative::new(format!("INI-{i:06}"), format!("Initiative number {i}"));
            ini.status = Some(Status::ALL[i % 4]);
            ini.pillar = Some(format!("p{}", i % 5));
            ini.priority_area = Some(format!("a{}", i % 3));
            ini.owner = Some(format!("Unit {}", i % 40));
            ini.progress = Some((i % 101) as f64);
            if i % 4 == 3 {
                ini.parent = Some(format!("INI-{:06}", i - 1));
            }
            ini.deliverables.push(Deliverable {
                checkpoint: ["C26", "PP-26"][i % 2].into(),
                description: "A deliverable".into(),
                status: None,
                due: None,
            });
            ini
        })
        .collect();
    Roadmap {
        pillars: pillars.collect(),
        priority_areas: areas.collect(),
        checkpoints: checkpoints.to_vec(),
        initiatives,
        ..Roadmap::default()
    }
}

fn bench(c: &mut Criterion) {
    let rm = roadmap(100_000);
    let mut group = c.benchmark_group("report 100k");
    group.sample_size(10);
    for (name, format) in [("html", ReportFormat::Html), ("markdown", ReportFormat::Markdown)] {
        let options = ReportOptions { format, ..ReportOptions::default() };
        let size = render(&rm, &options).unwrap().len();
        println!("report 100k {name}: {size} bytes");
        group.bench_function(name, |b| b.iter(|| render(&rm, &options).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
