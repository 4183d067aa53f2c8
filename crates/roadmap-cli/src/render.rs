//! Text for people: the report grouped by code, the rollup as a table or
//! CSV, the diff as a list.

use std::borrow::Cow;
use std::fmt::Write;

use roadmap_core::diff::DeliverableChangeKind;
use roadmap_core::rollup::{CheckpointRollup, GroupBy};
use roadmap_core::{Diff, Report, Rollup, Severity};

/// True when text for this stream may be colored: a terminal, and no
/// `NO_COLOR` in the environment.
pub(crate) fn color_for(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The severity word, colored for a terminal (red, yellow, cyan).
fn severity_word(severity: Severity, color: bool) -> String {
    if !color {
        return severity.as_str().to_owned();
    }
    let code = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "33",
        Severity::Info => "36",
    };
    format!("\x1b[{code}m{}\x1b[0m", severity.as_str())
}

/// Counts first (by severity, then by code), then every issue with its
/// cell and suggestion; colored when `color` says so.
pub(crate) fn report_text(report: &Report, color: bool) -> String {
    let mut out = String::new();
    let count = |s| report.count(s);
    let _ = writeln!(
        out,
        "{} errors, {} warnings, {} info",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    for (code, n) in report.count_by_code() {
        let _ = writeln!(out, "  {n:>6}  {code}");
    }
    for issue in report {
        let line = issue.to_string();
        // Display starts with the severity word; color just that.
        let rest = line.strip_prefix(issue.severity.as_str()).unwrap_or(&line);
        let _ = writeln!(out, "{}{rest}", severity_word(issue.severity, color));
    }
    out
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".to_owned(), |r| format!("{:.0}%", r * 100.0))
}

/// The dashboard as an aligned table.
pub(crate) fn rollup_table(rollup: &Rollup, by: GroupBy) -> String {
    let mut out = String::new();
    let s = &rollup.by_status;
    let _ = writeln!(
        out,
        "{} initiatives: {} completed, {} ongoing, {} planned, {} revised, {} without status; completion {}",
        rollup.total,
        s.completed,
        s.ongoing,
        s.planned,
        s.revised,
        s.unknown,
        percent(rollup.completion_rate)
    );
    if let Some(groups) = rollup.groups(by) {
        let heading = match by {
            GroupBy::PriorityArea => "Priority area",
            GroupBy::Owner => "Owner",
            GroupBy::Pillar | GroupBy::Checkpoint => "Pillar",
        };
        let width = groups.iter().map(|g| g.name.chars().count()).max().unwrap_or(0).max(heading.len());
        out.push('\n');
        let head = ["total", "completed", "ongoing", "planned", "revised", "unknown", "completion"].map(str::to_owned);
        group_row(&mut out, width, heading, &head);
        for g in groups {
            let c = &g.counts;
            let mut columns: Vec<String> = [g.total, c.completed, c.ongoing, c.planned, c.revised, c.unknown]
                .iter()
                .map(ToString::to_string)
                .collect();
            columns.push(percent(g.completion_rate));
            group_row(&mut out, width, &g.name, &columns);
        }
    } else {
        checkpoint_table(&mut out, &rollup.by_checkpoint);
    }
    if !rollup.overdue.is_empty() {
        let _ = writeln!(out, "\nOverdue at {}:", rollup.as_of.map(|d| d.to_string()).unwrap_or_default());
        for o in &rollup.overdue {
            let _ = writeln!(out, "  {}  {} (due {}, {} days)", o.id, o.title, o.due, o.days_overdue);
        }
    }
    out
}

/// One line of the group table: the name, then seven right-aligned columns,
/// each as wide as its heading.
fn group_row(out: &mut String, width: usize, name: &str, columns: &[String]) {
    const WIDTHS: [usize; 7] = [5, 9, 7, 7, 7, 7, 10];
    let _ = write!(out, "{name:<width$}");
    for (text, w) in columns.iter().zip(WIDTHS) {
        let _ = write!(out, "  {text:>w$}");
    }
    out.push('\n');
}

fn checkpoint_table(out: &mut String, rows: &[CheckpointRollup]) {
    let width = rows.iter().map(|c| c.name.chars().count()).max().unwrap_or(0).max("Checkpoint".len());
    let _ = writeln!(
        out,
        "\n{:<width$}  {:>10}  {:>5}  {:>8}  {:>11}  {:>11}  {:>7}",
        "Checkpoint", "date", "due", "achieved", "in progress", "not started", "overdue"
    );
    for c in rows {
        let date = c.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<width$}  {date:>10}  {:>5}  {:>8}  {:>11}  {:>11}  {:>7}",
            c.name, c.due, c.achieved, c.in_progress, c.not_started, c.overdue
        );
    }
}

/// A text field of the rollup CSV, with formula injection neutralized (the
/// CSV writer quotes it where it must).
fn field(text: &str) -> Cow<'_, str> {
    roadmap_io::write::neutralize(text)
}

/// One row per group (or checkpoint), under a header row.
pub(crate) fn rollup_csv(rollup: &Rollup, by: GroupBy, out: impl std::io::Write) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let Some(groups) = rollup.groups(by) else {
        csv.write_record([
            "id",
            "name",
            "date",
            "due",
            "achieved",
            "in_progress",
            "not_started",
            "unknown",
            "overdue",
        ])?;
        for c in &rollup.by_checkpoint {
            let date = c.date.map(|d| d.to_string()).unwrap_or_default();
            let counts = [c.due, c.achieved, c.in_progress, c.not_started, c.unknown, c.overdue];
            let mut row = vec![field(&c.id), field(&c.name), Cow::Owned(date)];
            row.extend(counts.map(|n| Cow::Owned(n.to_string())));
            csv.write_record(row.iter().map(|f| f.as_bytes()))?;
        }
        return Ok(csv.flush()?);
    };
    csv.write_record([
        "id",
        "name",
        "total",
        "completed",
        "ongoing",
        "planned",
        "revised",
        "unknown",
        "completion_rate",
        "mean_progress",
    ])?;
    let rate = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for g in groups {
        let c = &g.counts;
        let counts = [g.total, c.completed, c.ongoing, c.planned, c.revised, c.unknown];
        let mut row = vec![field(g.id.as_deref().unwrap_or_default()), field(&g.name)];
        row.extend(counts.map(|n| Cow::Owned(n.to_string())));
        row.extend([rate(g.completion_rate), rate(g.mean_progress)].map(Cow::Owned));
        csv.write_record(row.iter().map(|f| f.as_bytes()))?;
    }
    Ok(csv.flush()?)
}

/// Progress since the last report, as a list.
pub(crate) fn diff_text(diff: &Diff) -> String {
    let mut out = String::new();
    let date = |d: Option<roadmap_core::Date>| d.map_or_else(|| "?".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "From {} to {}", date(diff.from_as_of), date(diff.to_as_of));
    if diff.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    let status = |s: Option<roadmap_core::Status>| s.map_or("(none)", roadmap_core::Status::label);
    for a in &diff.added {
        let _ = writeln!(out, "+ {}  {} ({})", a.id, a.title, status(a.status));
    }
    for r in &diff.removed {
        let _ = writeln!(out, "- {}  {}", r.id, r.title);
    }
    for c in &diff.status_changes {
        let _ = writeln!(out, "~ {}  {}: {} -> {}", c.id, c.title, status(c.from), status(c.to));
    }
    for p in &diff.progress_changes {
        let pct = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |x| format!("{x}%"));
        let _ = writeln!(out, "~ {}  progress {} -> {}", p.id, pct(p.from), pct(p.to));
    }
    for f in &diff.field_changes {
        let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "(none)".to_owned());
        let _ = writeln!(out, "~ {}  {}: {} -> {}", f.id, f.field, v(&f.from), v(&f.to));
    }
    for d in &diff.deliverable_changes {
        let kind = match d.change {
            DeliverableChangeKind::Added => "added",
            DeliverableChangeKind::Removed => "removed",
            DeliverableChangeKind::Changed => "changed",
        };
        let _ = writeln!(out, "~ {}  deliverable at {} {kind}", d.initiative, d.checkpoint);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    /// A field as the rollup CSV writes it, alone on its line.
    fn written(text: &str) -> String {
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record([field(text).as_bytes()]).unwrap();
        String::from_utf8(csv.into_inner().unwrap()).unwrap().trim_end_matches('\n').to_owned()
    }

    #[test]
    fn csv_fields_are_quoted_and_neutralized() {
        assert_eq!(written("plain"), "plain");
        assert_eq!(written("a,b"), "\"a,b\"");
        assert_eq!(written("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(written("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
