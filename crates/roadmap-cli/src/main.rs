//! `roadmap`: converts trackers to validated JSON, validates them with the
//! cell of every issue, rolls them up into the dashboard figures, writes the
//! status report, shows what the importer detected, compares two snapshots,
//! and prints the schemas.
//!
//! Exit codes: 0 success; 1 the data has errors (`validate`, or `convert
//! --strict`); 2 unusable input or a usage error.

mod convert;
mod output;
mod render;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use roadmap_core::rollup::GroupBy;
use roadmap_core::schema::to_pretty_json;
use roadmap_core::{Date, Report, Severity};
use roadmap_io::{Import, Profile, ReadOptions};
use roadmap_report::{Lang, ReportFormat as PageFormat, ReportOptions};

/// mimalloc: a tracker becomes millions of small strings and records, and
/// the system allocator spends a quarter of an import on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Validated data for an organization's transformation roadmap.
///
/// Reads xlsx, xlsm, xlsb, xls, ods, CSV and roadmap JSON (told by content);
/// `-` reads standard input. Exit codes: 0 success, 1 the data has errors
/// (validate, convert --strict), 2 unusable input or usage error.
#[derive(Parser)]
#[command(name = "roadmap", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How to read a tracker.
#[derive(clap::Args, Clone)]
struct ReadArgs {
    /// A profile: a built-in name (default, en, fr, es, ar, zh, ru) or a JSON/TOML file.
    #[arg(long, value_name = "PROFILE")]
    profile: Option<String>,
    /// Read only this sheet (repeat for more); every sheet with a table by default.
    #[arg(long = "sheet", value_name = "NAME")]
    sheets: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Convert trackers to roadmap JSON, CSV or a clean xlsx tracker; the
    /// import report goes to stderr.
    Convert(ConvertArgs),
    /// Report every issue, with the cell to fix.
    Validate(ValidateArgs),
    /// The dashboard figures: counts by status per pillar, priority area,
    /// owner; deliverables per checkpoint.
    Rollup(RollupArgs),
    /// The status report a governing body reads: a self-contained HTML page
    /// or Markdown, in one of six languages.
    Report(ReportArgs),
    /// What the importer detected: sheets, header rows, column mapping, sections, end of table.
    Inspect(InspectArgs),
    /// Progress since the last report: added, removed, status transitions,
    /// progress moves, deliverable changes.
    Diff(DiffArgs),
    /// Print a published JSON Schema.
    Schema(SchemaArgs),
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Trackers to convert, or folders of them (`-` for standard input).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write (`-` for standard output). With several inputs or a
    /// folder, a folder; without it, each output goes beside its input as
    /// `<name>.<format>`.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// The output format; by default the output's extension, else JSON.
    /// `parquet` writes one Parquet dataset of every input (a folder,
    /// partitioned by snapshot and source; `<name>.parquet` beside a single
    /// input by default).
    #[arg(long, value_parser = vocabulary::<convert::To>(convert::To::NAMES))]
    to: Option<convert::To>,
    /// Write nothing when the data has errors (exit 1).
    #[arg(long)]
    strict: bool,
    /// How many inputs convert at once; one per core by default.
    #[arg(short, long, value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args)]
struct ValidateArgs {
    /// Trackers to validate (`-` for standard input).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Text grouped by code, or JSON (schemas/report.schema.json).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Show issues at least this severe.
    #[arg(long, default_value_t = Severity::Info, value_parser = vocabulary::<Severity>(Severity::ALL.map(Severity::as_str)))]
    severity: Severity,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args)]
struct RollupArgs {
    /// The tracker (`-` for standard input).
    input: PathBuf,
    /// The grouping the table and CSV show.
    #[arg(long, default_value_t = GroupBy::Pillar, value_parser = vocabulary::<GroupBy>(GroupBy::ALL.map(GroupBy::as_str)))]
    by: GroupBy,
    /// A table, JSON (schemas/rollup.schema.json) or CSV.
    #[arg(long, value_enum, default_value_t = RollupFormat::Table)]
    format: RollupFormat,
    /// Judge "overdue" at this date (YYYY-MM-DD) instead of the roadmap's.
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// The tracker (`-` for standard input).
    input: PathBuf,
    /// Where to write; `-` (the default) for standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// HTML or Markdown; by default the output's extension (.html, .md), else HTML.
    #[arg(long, value_enum)]
    format: Option<PageFormatArg>,
    /// The tracker of the last report: the progress since it.
    #[arg(long, value_name = "OLD")]
    since: Option<PathBuf>,
    /// Date the report, and judge "overdue", at this date (YYYY-MM-DD)
    /// instead of the roadmap's.
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// The language of the labels (the data is never translated).
    #[arg(long, default_value = "en", value_parser = vocabulary::<Lang>(Lang::ALL.map(Lang::as_str)))]
    lang: Lang,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum PageFormatArg {
    Html,
    Md,
}

#[derive(clap::Args)]
struct InspectArgs {
    /// The tracker (`-` for standard input).
    input: PathBuf,
    /// Save the detected mapping as a profile (JSON) to reuse with --profile.
    #[arg(long, value_name = "PROFILE")]
    save_profile: Option<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The older snapshot.
    old: PathBuf,
    /// The newer snapshot.
    new: PathBuf,
    /// Text or JSON (schemas/diff.schema.json).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args)]
struct SchemaArgs {
    /// Which one.
    #[arg(default_value = "roadmap", value_parser = PossibleValuesParser::new(roadmap_io::schemas().into_iter().map(|(name, _)| name)))]
    name: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum RollupFormat {
    Table,
    Json,
    Csv,
}

/// A clap parser for a word of the core's vocabulary: clap offers and checks
/// the words (spelled in kebab-case, as every value of this command is), the
/// core's `FromStr` reads them.
fn vocabulary<T>(words: impl IntoIterator<Item = &'static str>) -> impl TypedValueParser<Value = T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    PossibleValuesParser::new(words.into_iter().map(|w| PossibleValue::new(w.replace('_', "-"))))
        .try_map(|w| w.parse::<T>())
}

/// Why a command ends early.
pub(crate) enum Failure {
    /// Unusable input or a usage error: a message for standard error, exit 2.
    Unusable(String),
    /// The reader of standard output closed it (`roadmap rollup ... | head`):
    /// nothing more can be shown and nothing went wrong, so the command ends
    /// quietly with exit 0, as ripgrep does.
    Closed,
}

impl Failure {
    pub(crate) fn unusable(message: impl std::fmt::Display) -> Failure {
        Failure::Unusable(message.to_string())
    }

    /// The exit code.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Failure::Unusable(_) => 2,
            Failure::Closed => 0,
        }
    }

    /// Says what went wrong on standard error; nothing for a closed pipe.
    pub(crate) fn report(&self) {
        if let Failure::Unusable(message) = self {
            eprintln!("roadmap: {message}");
        }
    }
}

impl From<roadmap_io::Error> for Failure {
    fn from(e: roadmap_io::Error) -> Failure {
        Failure::unusable(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    match run(cli.command, &mut out).and_then(|code| Ok(out.flush().map(|()| code)?)) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            failure.report();
            ExitCode::from(failure.code())
        }
    }
}

/// Runs one command; everything it shows goes through `out`.
fn run(command: Command, out: &mut impl Write) -> Result<u8, Failure> {
    match command {
        Command::Convert(args) => convert(&args, out),
        Command::Validate(args) => validate(&args, out),
        Command::Rollup(args) => rollup(&args, out),
        Command::Report(args) => report(&args, out),
        Command::Inspect(args) => inspect(&args, out),
        Command::Diff(args) => diff(&args, out),
        Command::Schema(args) => schema(&args.name, out),
    }
}

fn convert(args: &ConvertArgs, out: &mut impl Write) -> Result<u8, Failure> {
    let options = options(&args.read)?;
    let jobs = args
        .jobs
        .map_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get), std::num::NonZero::get);
    match args.to {
        Some(convert::To::Parquet) => {
            convert::dataset(&args.inputs, args.output.as_deref(), args.strict, jobs, &options)
        }
        Some(convert::To::File(format)) => convert::run(
            &convert::plan(&args.inputs, args.output.as_deref(), Some(format))?,
            args.strict,
            jobs,
            &options,
            out,
        ),
        None => {
            convert::run(&convert::plan(&args.inputs, args.output.as_deref(), None)?, args.strict, jobs, &options, out)
        }
    }
}

fn validate(args: &ValidateArgs, out: &mut impl Write) -> Result<u8, Failure> {
    let options = options(&args.read)?;
    let mut any_errors = false;
    let mut all = Report::default();
    for input in &args.inputs {
        let report = read(input, &options)?.report();
        any_errors |= !report.is_ok();
        all.extend(report.at_least(args.severity));
    }
    match args.format {
        ReportFormat::Text => write!(out, "{}", render::report_text(&all, render::color_for(&std::io::stdout())))?,
        ReportFormat::Json => writeln!(out, "{}", to_json(&all))?,
    }
    Ok(u8::from(any_errors))
}

fn rollup(args: &RollupArgs, out: &mut impl Write) -> Result<u8, Failure> {
    let import = read(&args.input, &options(&args.read)?)?;
    let rm = &import.roadmap;
    let rollup = args.as_of.map_or_else(|| rm.rollup(), |d| rm.rollup_at(d));
    match args.format {
        RollupFormat::Json => writeln!(out, "{}", to_json(&rollup))?,
        RollupFormat::Table => write!(out, "{}", render::rollup_table(&rollup, args.by))?,
        RollupFormat::Csv => render::rollup_csv(&rollup, args.by, out)?,
    }
    Ok(0)
}

fn report(args: &ReportArgs, out: &mut impl Write) -> Result<u8, Failure> {
    let options = options(&args.read)?;
    let import = read(&args.input, &options)?;
    let old = args.since.as_deref().map(|p| read(p, &options)).transpose()?;
    let target = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    let format = match args.format {
        Some(PageFormatArg::Html) => PageFormat::Html,
        Some(PageFormatArg::Md) => PageFormat::Markdown,
        None => PageFormat::of_name(&target.to_string_lossy()).unwrap_or_default(),
    };
    let page = roadmap_report::render(
        &import.roadmap,
        &ReportOptions {
            format,
            lang: args.lang,
            as_of: args.as_of,
            since: old.as_ref().map(|o| &o.roadmap),
            source: Some(args.input.display().to_string()),
            issues: Some(&import.issues),
        },
    )
    .map_err(Failure::unusable)?;
    output::write(out, &target, page.as_bytes(), &args.input)?;
    if target != Path::new("-") {
        let errors = import.report().count(Severity::Error);
        let flagged = if errors > 0 { format!("; the data has {errors} errors, listed in it") } else { String::new() };
        eprintln!("roadmap: wrote {} ({} initiatives{flagged})", target.display(), import.roadmap.initiatives.len());
    }
    Ok(0)
}

fn inspect(args: &InspectArgs, out: &mut impl Write) -> Result<u8, Failure> {
    let options = options(&args.read)?;
    let import = read(&args.input, &options)?;
    let inspection = import.inspection(Some(&args.input));
    writeln!(out, "{}", to_json(&inspection))?;
    if let Some(path) = &args.save_profile {
        let base = options.profile.clone().unwrap_or_else(|| Profile::builtin("default").unwrap_or_default());
        let mut text = inspection.to_profile(&base).to_json_pretty();
        text.push('\n');
        output::write(out, path, text.as_bytes(), &args.input)?;
        eprintln!("roadmap: saved the mapping as {}", path.display());
    }
    Ok(0)
}

fn diff(args: &DiffArgs, out: &mut impl Write) -> Result<u8, Failure> {
    let options = options(&args.read)?;
    let diff = read(&args.old, &options)?.roadmap.diff(&read(&args.new, &options)?.roadmap);
    match args.format {
        ReportFormat::Text => write!(out, "{}", render::diff_text(&diff))?,
        ReportFormat::Json => writeln!(out, "{}", to_json(&diff))?,
    }
    Ok(0)
}

fn schema(name: &str, out: &mut impl Write) -> Result<u8, Failure> {
    let (_, generate) = roadmap_io::schemas()
        .into_iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| Failure::unusable(format!("no schema named {name}")))?;
    write!(out, "{}", to_pretty_json(&generate()))?;
    Ok(0)
}

fn options(read: &ReadArgs) -> Result<ReadOptions, Failure> {
    let mut options = ReadOptions::default();
    if let Some(p) = &read.profile {
        options = options.profile(Profile::load(p)?);
    }
    options.sheets.clone_from(&read.sheets);
    Ok(options)
}

pub(crate) fn read(input: &Path, options: &ReadOptions) -> Result<Import, Failure> {
    if input == Path::new("-") {
        Ok(roadmap_io::read_reader(std::io::stdin().lock(), Some("<stdin>"), options)?)
    } else {
        Ok(roadmap_io::read_path_with(input, options)?)
    }
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
