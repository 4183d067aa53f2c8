//! Validate + rollup on generated roadmaps of 100k and 1M initiatives.
//!
//! ```sh
//! cargo bench -p roadmap-core --bench validate_rollup
//! ```
//!
//! The goal: at least one million initiatives a second for validate and
//! rollup together. Validation splits a roadmap of 20,000 initiatives or
//! more over the machine's cores; the rollup runs on one. Figures are in
//! BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines, clippy::cast_possible_wrap)] // A generator, not library code.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use roadmap_core::validate::{Context, RuleSet};
use roadmap_core::{
    Checkpoint, Date, Deliverable, DeliverableStatus, Initiative, Pillar, PriorityArea, Report, Revision,
    RevisionChange, RevisionReason, Roadmap, Rollup, Status,
};

/// A small deterministic generator (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` initiatives shaped like a real tracker: five pillars, three priority
/// areas, a fifth of them actions under a parent, one or two deliverables
/// each, dates, progress, a few revised ones and ~0.5% defects.
fn roadmap(n: usize) -> Roadmap {
    let mut rng = Rng(42);
    let pillars = [
        "governance",
        "members-and-partners",
        "people-and-culture",
        "resource-optimization",
        "systems-processes-tools",
    ];
    let areas = ["member-experience", "operational-efficiency", "staff-empowerment"];
    let owners: Vec<String> = (0..40).map(|i| format!("Owner {i}")).collect();
    let base = Date::new(2024, 1, 1).unwrap().days();
    let mut initiatives = Vec::with_capacity(n);
    for i in 0..n {
        // An action shares its parent's status, so the parent agrees with
        // what its children make it.
        let status = match initiatives.last().map(|p: &Initiative| p.status) {
            Some(Some(parent)) if i % 5 == 4 => parent,
            _ => match rng.below(100) {
                0..25 => Status::Completed,
                25..70 => Status::Ongoing,
                70..90 => Status::Planned,
                _ => Status::Revised,
            },
        };
        // Started over two years; due 3 to 24 months later; about 4% of the
        // unfinished ones are overdue at the report date.
        let start = base + rng.below(730) as i64;
        let due = start + 90 + rng.below(640) as i64;
        let mut ini = Initiative::new(format!("INI-{i:07}"), format!("Initiative number {i}"));
        // Every fifth initiative is an action of the one before it.
        if i % 5 == 4 {
            ini.parent = Some(format!("INI-{:07}", i - 1));
        } else {
            ini.pillar = Some(pillars[rng.below(5) as usize].to_owned());
            ini.priority_area = (rng.below(4) < 3).then(|| areas[rng.below(3) as usize].to_owned());
        }
        ini.owner = Some(owners[rng.below(40) as usize].clone());
        ini.status = Some(status);
        ini.start = Date::from_days(start);
        ini.due = Date::from_days(due);
        ini.progress = Some(match status {
            Status::Completed => 100.0,
            Status::Planned => 0.0,
            _ => rng.below(100) as f64,
        });
        if status == Status::Revised {
            let change = if rng.below(2) == 0 {
                RevisionChange::ScopeChanged
            } else {
                RevisionChange::CombinedInto(format!("INI-{:07}", rng.below(n as u64)))
            };
            ini.revision =
                Some(Revision { reason: Some(RevisionReason::Rationalization), change: Some(change), note: None });
        }
        let (first, second) = match status {
            Status::Completed => (DeliverableStatus::Achieved, DeliverableStatus::Achieved),
            Status::Planned => (DeliverableStatus::NotStarted, DeliverableStatus::NotStarted),
            _ => (DeliverableStatus::InProgress, DeliverableStatus::NotStarted),
        };
        ini.deliverables.push(Deliverable {
            checkpoint: "C26".into(),
            description: "Report to Council 2026".into(),
            status: Some(first),
            due: None,
        });
        if rng.below(2) == 0 {
            ini.deliverables.push(Deliverable {
                checkpoint: "PP-26".into(),
                description: "Final report".into(),
                status: Some(second),
                due: None,
            });
        }
        // About 0.5% of rows carry a defect.
        match rng.below(1000) {
            0 => ini.pillar = Some("Goverance".into()),
            1 => ini.progress = Some(140.0),
            2 => ini.due = Date::from_days(start - 10),
            3 => ini.id = format!("INI-{:07}", i.saturating_sub(1)),
            4 => ini.deliverables[0].checkpoint = "C-26".into(),
            _ => {}
        }
        initiatives.push(ini);
    }
    Roadmap {
        as_of: Date::new(2024, 9, 1).ok(),
        checkpoints: vec![
            Checkpoint {
                id: "C26".into(),
                name: "Council 2026".into(),
                date: Date::new(2026, 6, 1).ok(),
                description: None,
            },
            Checkpoint {
                id: "PP-26".into(),
                name: "Plenipotentiary 2026".into(),
                date: Date::new(2026, 11, 9).ok(),
                description: None,
            },
        ],
        pillars: pillars.iter().map(|p| Pillar { id: (*p).into(), name: (*p).into(), description: None }).collect(),
        priority_areas: areas
            .iter()
            .map(|p| PriorityArea { id: (*p).into(), name: (*p).into(), description: None })
            .collect(),
        initiatives,
        ..Roadmap::default()
    }
}

/// Validate and roll up through one context, as the CLI and bindings do.
fn both(rm: &Roadmap) -> (Report, Rollup) {
    let cx = Context::new(rm, None);
    (RuleSet::builtin().validate_in(&cx), cx.rollup())
}

fn bench(c: &mut Criterion) {
    if let Ok(n) = std::env::var("ROADMAP_BENCH_PROFILE") {
        // For profilers: the time of each phase, three times, without criterion.
        let rm = roadmap(n.parse().unwrap_or(1_000_000));
        let report = rm.validate();
        eprintln!("{} issues: {:?}", report.len(), report.count_by_code());
        eprintln!("size of an Initiative: {} bytes", std::mem::size_of::<Initiative>());
        black_box(both(&rm));
        for _ in 0..3 {
            let t = std::time::Instant::now();
            let cx = Context::new(&rm, None);
            let t1 = t.elapsed();
            let report = RuleSet::builtin().validate_in(&cx);
            let t2 = t.elapsed();
            let rollup = cx.rollup();
            let t3 = t.elapsed();
            black_box((report, rollup));
            eprintln!("context {t1:?}, validate {:?}, rollup {:?}", t2.saturating_sub(t1), t3.saturating_sub(t2));
        }
        return;
    }
    let mut group = c.benchmark_group("validate+rollup");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in [100_000, 1_000_000] {
        let rm = roadmap(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("validate", n), &rm, |b, rm| b.iter(|| black_box(rm.validate())));
        group.bench_with_input(BenchmarkId::new("rollup", n), &rm, |b, rm| b.iter(|| black_box(rm.rollup())));
        group.bench_with_input(BenchmarkId::new("both", n), &rm, |b, rm| b.iter(|| black_box(both(rm))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
