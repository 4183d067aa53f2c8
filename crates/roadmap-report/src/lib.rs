//! The dashboard a governing body reads: a roadmap's status report, as one
//! self-contained HTML page or as Markdown, with every label in one of six
//! languages (the data itself is never translated).
//!
//! ```
//! use roadmap_core::{Initiative, Roadmap, Status};
//! use roadmap_report::{Lang, ReportFormat, ReportOptions, render};
//!
//! let mut ini = Initiative::new("A-1", "Open data portal");
//! ini.status = Some(Status::Completed);
//! let roadmap = Roadmap { initiatives: vec![ini], ..Roadmap::default() };
//! let options = ReportOptions { format: ReportFormat::Markdown, lang: Lang::Fr, ..ReportOptions::default() };
//! let page = render(&roadmap, &options)?;
//! assert!(page.contains("| Achevées | 1 |"));
//! # Ok::<(), roadmap_report::ReportError>(())
//! ```
//!
//! The sections come in the order a council document uses: the headline
//! figures; status by pillar and by priority area; the priority areas with
//! their actions and the deliverables due at each checkpoint (the annex
//! table: action | deliverables by each checkpoint); the checkpoints and the
//! overdue initiatives; the revised initiatives, why, and what they were
//! combined into; with a previous roadmap, the progress since; the data
//! quality (the validation report by code, each issue at its cell); every
//! initiative in a table (the first [`TABLE_ROWS`]).
//!
//! **HTML** is one file that works opened from an e-mail attachment: inline
//! CSS and SVG, no request of any kind, no external font. Script only
//! filters and sorts the initiative table; the page is complete without
//! it. Charts are stacked bars drawn by the templates as inline SVG: one
//! `<svg>` per bar whose segments are rectangles positioned in percent, so a
//! bar fits any width without a plotting library's fixed canvas and its
//! markup (a bar is a few rectangles and numbers); every chart has its
//! figures as a table too (screen readers, black-and-white print). Colours
//! are fixed per status across the page, each with white text at a
//! contrast above 4.5:1. Arabic pages are laid out right to left.
//!
//! **Markdown** has the same sections as tables, for council documents and
//! wikis.
//!
//! Same input, same bytes: the report is dated by its as-of date (the
//! option, else the roadmap's, else the day `SOURCE_DATE_EPOCH` names),
//! never by the clock. Templates go through minijinja (HTML auto-escaped).

mod labels;
mod page;

use minijinja::Environment;
use roadmap_core::{Date, Roadmap};

pub use crate::labels::{Lang, UnknownLang};

/// Rows of the initiative table an HTML or Markdown report shows; a larger
/// roadmap says how to get the rest.
pub const TABLE_ROWS: usize = 1_000;

/// The report's format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    #[default]
    Html,
    /// Markdown tables.
    Markdown,
}

impl ReportFormat {
    /// The format a file name's extension says: `.html`/`.htm`, `.md`.
    pub fn of_name(name: &str) -> Option<ReportFormat> {
        let ext = std::path::Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(ReportFormat::Html),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            _ => None,
        }
    }
}

/// What goes into a report besides the roadmap.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions<'a> {
    /// HTML or Markdown.
    pub format: ReportFormat,
    /// The language of every label.
    pub lang: Lang,
    /// The date the report is dated by and overdue is judged at; else the
    /// roadmap's `as_of`, else the day `SOURCE_DATE_EPOCH` names.
    pub as_of: Option<Date>,
    /// The roadmap of the last report: the progress since.
    pub since: Option<&'a Roadmap>,
    /// The file the roadmap was read from, named in the headline.
    pub source: Option<String>,
    /// Issues met reading the file; the roadmap's validation is added.
    pub issues: Option<&'a roadmap_core::Report>,
}

/// A report that could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A template failed (a bug: the templates are part of the crate).
    #[error("the report's template failed: {0}")]
    Template(#[from] minijinja::Error),
}

/// The templates, with the Markdown cell filter.
fn environment() -> Result<Environment<'static>, ReportError> {
    let mut env = Environment::new();
    env.add_template("report.html", include_str!("../templates/report.html"))?;
    env.add_template("report.md", include_str!("../templates/report.md"))?;
    env.add_template("chart.html", include_str!("../templates/chart.html"))?;
    env.add_template("chart.css", include_str!("../templates/chart.css"))?;
    env.add_template("rollup.html", include_str!("../templates/rollup.html"))?;
    env.add_filter("cell", page::markdown_cell);
    Ok(env)
}

/// A rollup's figures grouped `by` (pillar, priority area, owner: the
/// report's stacked bars and their table; checkpoint: the deliverables due
/// at each) as an HTML fragment with its own style, for a notebook's
/// display of a roadmap or a rollup. `title` heads it when given.
///
/// # Errors
/// [`ReportError::Template`] only if a template is broken.
pub fn rollup_html(
    rollup: &roadmap_core::rollup::Rollup,
    by: roadmap_core::rollup::GroupBy,
    title: Option<&str>,
    lang: Lang,
) -> Result<String, ReportError> {
    let view = page::RollupView::new(rollup, by, title, lang);
    Ok(environment()?.get_template("rollup.html")?.render(&view)?)
}

/// The report of a roadmap.
///
/// # Errors
/// [`ReportError::Template`] only if a template is broken.
pub fn render(roadmap: &Roadmap, options: &ReportOptions<'_>) -> Result<String, ReportError> {
    let as_of = options.as_of.or(roadmap.as_of).or_else(source_date);
    let page = page::Page::new(roadmap, options, as_of);
    let env = environment()?;
    let name = match options.format {
        ReportFormat::Html => "report.html",
        ReportFormat::Markdown => "report.md",
    };
    let text = env.get_template(name)?.render(&page)?;
    Ok(match options.format {
        ReportFormat::Html => text,
        ReportFormat::Markdown => single_blank_lines(&text),
    })
}

/// Markdown with no run of blank lines longer than one (what the
/// templates' optional parts leave).
fn single_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        blank = if line.trim().is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The day `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
/// convention) names, when it is set.
fn source_date() -> Option<Date> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    Date::from_days(seconds.div_euclid(86_400))
}
