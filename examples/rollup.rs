//! Reads a roadmap — a tracker workbook (xlsx, xlsm, xlsb, xls, ods), a CSV
//! file or a roadmap JSON document; by default the bundled
//! `examples/itu-transformation.json` — validates it, and prints its
//! dashboard: counts by status overall, per pillar and per priority area,
//! and the deliverables per checkpoint. Issues go to stderr, each with the
//! cell to fix.
//!
//! ```sh
//! cargo run --example rollup [-- path/to/tracker.xlsx]
//! ```

use std::error::Error;
use std::fmt::{self, Write};
use std::path::{Path, PathBuf};

use roadmap::rollup::GroupRollup;
use roadmap::{Roadmap, Rollup};

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args_os().nth(1).map_or_else(bundled, PathBuf::from);
    run(&path)
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/itu-transformation.json")
}

fn run(path: &Path) -> Result<(), Box<dyn Error>> {
    let import = roadmap::io::read_path(path)?;
    let report = import.report();
    let roadmap = import.roadmap;
    for issue in &report {
        eprintln!("{issue}");
    }
    print!("{}", render(&roadmap, &roadmap.rollup())?);
    if report.is_ok() { Ok(()) } else { Err(format!("{}: the roadmap has errors", path.display()).into()) }
}

fn render(roadmap: &Roadmap, rollup: &Rollup) -> Result<String, fmt::Error> {
    let mut out = String::new();
    writeln!(out, "{}\n", roadmap.title.as_deref().unwrap_or("Roadmap"))?;
    let s = &rollup.by_status;
    write!(
        out,
        "{} initiatives counted (leaves): {} completed, {} ongoing, {} planned, {} revised",
        rollup.total, s.completed, s.ongoing, s.planned, s.revised
    )?;
    if s.unknown > 0 {
        write!(out, ", {} without status", s.unknown)?;
    }
    writeln!(out)?;
    if let Some(rate) = rollup.completion_rate {
        writeln!(out, "completion rate {:.0}% (revised left out)", rate * 100.0)?;
    }
    for (heading, groups) in [("Pillar", &rollup.by_pillar), ("Priority area", &rollup.by_priority_area)] {
        writeln!(out)?;
        table(&mut out, heading, groups)?;
    }
    writeln!(out, "\n{:<44} {:>5} {:>9} {:>8}", "Checkpoint", "due", "achieved", "overdue")?;
    for c in &rollup.by_checkpoint {
        writeln!(out, "{:<44} {:>5} {:>9} {:>8}", c.name, c.due, c.achieved, c.overdue)?;
    }
    Ok(out)
}

fn table(out: &mut String, heading: &str, groups: &[GroupRollup]) -> fmt::Result {
    writeln!(
        out,
        "{heading:<44} {:>5} {:>9} {:>7} {:>7} {:>7}",
        "total", "completed", "ongoing", "planned", "revised"
    )?;
    for g in groups {
        let c = &g.counts;
        writeln!(
            out,
            "{:<44} {:>5} {:>9} {:>7} {:>7} {:>7}",
            g.name, g.total, c.completed, c.ongoing, c.planned, c.revised
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_on_the_bundled_example() {
        super::run(&super::bundled()).unwrap();
    }
}
