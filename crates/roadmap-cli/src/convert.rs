//! `roadmap convert`: which file goes where, and the conversions run on
//! every core with a progress bar on a terminal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use roadmap_io::ReadOptions;
use roadmap_io::write::{OutputFormat, write, write_file};

use crate::{Failure, read, render};

/// What `--to` names: a file format of [`OutputFormat`], or a Parquet
/// dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum To {
    File(OutputFormat),
    Parquet,
}

impl To {
    pub(crate) const NAMES: [&'static str; 4] = ["json", "csv", "xlsx", "parquet"];
}

impl std::str::FromStr for To {
    type Err = roadmap_io::write::UnknownOutputFormat;

    fn from_str(text: &str) -> Result<To, Self::Err> {
        if text.trim().eq_ignore_ascii_case("parquet") { Ok(To::Parquet) } else { text.parse().map(To::File) }
    }
}

/// The extensions a folder's trackers have.
const TRACKER_EXTENSIONS: [&str; 7] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "json"];

/// One conversion: an input, where its output goes (`None`: standard
/// output), and the format.
pub(crate) struct Job {
    input: PathBuf,
    target: Option<PathBuf>,
    format: OutputFormat,
}

/// Works out every conversion before any runs, so a usage error writes
/// nothing: folders become their trackers (sorted; Excel's `~$` lock files
/// and, when writing beside the inputs, files already in the output format
/// are left out), and two inputs that would write the same file are refused.
pub(crate) fn plan(inputs: &[PathBuf], output: Option<&Path>, to: Option<OutputFormat>) -> Result<Vec<Job>, Failure> {
    let to_stdout = output.is_some_and(|o| o == Path::new("-"));
    let format = to.or_else(|| output.and_then(OutputFormat::from_extension)).unwrap_or(OutputFormat::Json);
    let (files, from_folder) = trackers(inputs, |p| is_tracker(p, Some(format.extension()), output.is_none()))?;
    let several = files.len() > 1 || from_folder;
    if several && to_stdout {
        return Err(Failure::unusable("with several inputs, -o must be a folder (or left out), not -"));
    }
    if several && output.is_some_and(|o| !o.is_dir()) {
        let o = output.map(Path::display).map(|d| d.to_string()).unwrap_or_default();
        return Err(Failure::unusable(format!("{o}: with several inputs, -o must be an existing folder")));
    }
    let ext = format.extension();
    let jobs: Vec<Job> = files
        .into_iter()
        .map(|input| {
            let name = PathBuf::from(input.file_stem().unwrap_or_default()).with_extension(ext);
            let target = match output {
                _ if to_stdout => None,
                Some(o) if several => Some(o.join(name)),
                Some(o) => Some(o.to_path_buf()),
                None if input == Path::new("-") => None,
                None => Some(input.with_extension(ext)),
            };
            Job { input, target, format }
        })
        .collect();
    let mut targets: Vec<&Path> = jobs.iter().filter_map(|j| j.target.as_deref()).collect();
    targets.sort();
    if let Some(w) = targets.windows(2).find(|w| w[0] == w[1]) {
        return Err(Failure::unusable(format!(
            "{}: two inputs would write this file (same name, different extensions); convert them into separate folders",
            w[0].display()
        )));
    }
    Ok(jobs)
}

/// The files the inputs name: each file, and each folder's trackers
/// (sorted); and whether a folder was among them.
fn trackers(inputs: &[PathBuf], keep: impl Fn(&Path) -> bool) -> Result<(Vec<PathBuf>, bool), Failure> {
    let mut files = Vec::new();
    let mut from_folder = false;
    for input in inputs {
        if input.is_dir() {
            from_folder = true;
            let entries =
                std::fs::read_dir(input).map_err(|e| Failure::unusable(format!("{}: {e}", input.display())))?;
            let mut found: Vec<PathBuf> =
                entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file() && keep(p)).collect();
            found.sort();
            if found.is_empty() {
                return Err(Failure::unusable(format!("{}: the folder holds no tracker to convert", input.display())));
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok((files, from_folder))
}

fn is_tracker(path: &Path, output_extension: Option<&str>, beside_inputs: bool) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    // Excel's lock files and hidden files are not trackers; nor, beside the
    // inputs, the outputs of an earlier run.
    let skipped =
        name.starts_with("~$") || name.starts_with('.') || (beside_inputs && output_extension == Some(ext.as_str()));
    !skipped && TRACKER_EXTENSIONS.contains(&ext.as_str())
}

/// Runs the conversions, `jobs` at a time. The exit code is the worst of the
/// inputs'; each failure is reported as it is met, and the others go on.
/// Files are written as their conversions finish; what goes to standard
/// output is written through `out` at the end, in the order of the plan.
pub(crate) fn run(
    plan: &[Job],
    strict: bool,
    jobs: usize,
    options: &ReadOptions,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let to_stdout: Mutex<Vec<(usize, Vec<u8>)>> = Mutex::new(Vec::new());
    let worst = in_parallel(
        plan,
        jobs,
        |job| &job.input,
        |i, job, bar| match convert_one(job, strict, options, bar) {
            Ok(Converted { code, stdout }) => {
                if let (Some(bytes), Ok(mut all)) = (stdout, to_stdout.lock()) {
                    all.push((i, bytes));
                }
                code
            }
            Err(f) => {
                bar.suspend(|| f.report());
                f.code()
            }
        },
    );
    let mut to_stdout = to_stdout.into_inner().unwrap_or_default();
    to_stdout.sort_by_key(|(i, _)| *i);
    for (_, bytes) in to_stdout {
        out.write_all(&bytes)?;
    }
    Ok(worst)
}

/// Runs `each` over `items` (its index, the item, the bar), `jobs` at a
/// time, under a progress bar naming each input as it starts; returns the
/// worst exit code.
fn in_parallel<T: Sync>(
    items: &[T],
    jobs: usize,
    input: impl Fn(&T) -> &Path + Sync,
    each: impl Fn(usize, &T, &ProgressBar) -> u8 + Sync,
) -> u8 {
    let bar = progress(items.len());
    let next = AtomicUsize::new(0);
    let worst = Mutex::new(0u8);
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if items.len() > 1 {
                        bar.set_message(input(item).display().to_string());
                    }
                    let code = each(i, item, &bar);
                    if let Ok(mut w) = worst.lock() {
                        *w = (*w).max(code);
                    }
                    bar.inc(1);
                }
            });
        }
    });
    bar.finish_and_clear();
    worst.into_inner().unwrap_or(2)
}

/// A bar over the files (a spinner for one), drawn on standard error only
/// when it is a terminal.
fn progress(files: usize) -> ProgressBar {
    let bar = if files > 1 {
        ProgressBar::new(files as u64).with_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        )
    } else {
        ProgressBar::new_spinner().with_message("converting")
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// What one conversion gave: its exit code, and its bytes when they go to
/// standard output.
struct Converted {
    code: u8,
    stdout: Option<Vec<u8>>,
}

fn convert_one(job: &Job, strict: bool, options: &ReadOptions, bar: &ProgressBar) -> Result<Converted, Failure> {
    let import = read(&job.input, options)?;
    let mut report = import.report();
    if strict && !report.is_ok() {
        bar.suspend(|| {
            eprint!("{}", render::report_text(&report, render::color_for(&std::io::stderr())));
            eprintln!("roadmap: {}: not written: the data has errors (--strict)", job.input.display());
        });
        return Ok(Converted { code: 1, stdout: None });
    }
    let written = write(&import.roadmap, job.format)
        .map_err(|e| Failure::unusable(format!("{}: not written: {e}", job.input.display())))?;
    report.extend(written.issues);
    if !report.is_empty() {
        bar.suspend(|| eprint!("{}", render::report_text(&report, render::color_for(&std::io::stderr()))));
    }
    match &job.target {
        Some(target) => {
            write_file(target, &written.bytes, Some(&job.input))?;
            Ok(Converted { code: 0, stdout: None })
        }
        None => Ok(Converted { code: 0, stdout: Some(written.bytes) }),
    }
}

/// `roadmap convert --to parquet`: every input into one Parquet dataset
/// (`roadmap_io::parquet`), `jobs` read at once. A file that cannot be read
/// is a row of the issues table (its error's code and message) and the run
/// goes on; the exit code is the worst of the inputs' (2 for a file not
/// read, 1 for errors in the data with `--strict`, which also leaves that
/// file's data out). Nothing is in place until every input is staged.
pub(crate) fn dataset(
    inputs: &[PathBuf],
    output: Option<&Path>,
    strict: bool,
    jobs: usize,
    options: &ReadOptions,
) -> Result<u8, Failure> {
    if inputs.iter().any(|i| i == Path::new("-")) || output.is_some_and(|o| o == Path::new("-")) {
        return Err(Failure::unusable("a Parquet dataset is a folder: name the inputs as files and -o as a folder"));
    }
    let (files, from_folder) = trackers(inputs, |p| is_tracker(p, None, false))?;
    let root = match (output, files.as_slice()) {
        (Some(o), _) => o.to_path_buf(),
        (None, [one]) if !from_folder => one.with_extension("parquet"),
        (None, _) => return Err(Failure::unusable("with several inputs, name the dataset's folder with -o")),
    };
    let staged =
        roadmap_io::parquet::Dataset::create(&root).map_err(|e| Failure::unusable(format!("not written: {e}")))?;
    let failed: Mutex<Option<String>> = Mutex::new(None);
    // Each worker writes its own part's files; the staging folder is shared.
    let worst = in_parallel(&files, jobs, PathBuf::as_path, |_, file, bar| {
        let (code, roadmap, issues) = snapshot(file, strict, options, bar);
        if let (Err(e), Ok(mut f)) = (staged.add(&source_name(file), &roadmap, &issues), failed.lock()) {
            f.get_or_insert(format!("{}: {e}", file.display()));
        }
        code
    });
    if let Some(e) = failed.into_inner().ok().flatten() {
        return Err(Failure::unusable(format!("the dataset was not written: {e}")));
    }
    let n = staged.len();
    staged.commit().map_err(|e| Failure::unusable(format!("the dataset was not written whole: {e}")))?;
    eprintln!("roadmap: {n} snapshot(s) written to the dataset {}", root.display());
    Ok(worst)
}

/// The source partition's name of an input: its file name.
fn source_name(file: &Path) -> String {
    file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// One input read for a dataset: its exit code, roadmap and issues. A file
/// not read gives an empty roadmap and its error as the one issue.
fn snapshot(
    file: &Path,
    strict: bool,
    options: &ReadOptions,
    bar: &ProgressBar,
) -> (u8, roadmap_core::Roadmap, Vec<roadmap_core::Issue>) {
    match roadmap_io::read_path_with(file, options) {
        Ok(import) => {
            let report = import.report();
            if !report.is_empty() {
                bar.suspend(|| eprint!("{}", render::report_text(&report, render::color_for(&std::io::stderr()))));
            }
            if strict && !report.is_ok() {
                bar.suspend(|| {
                    eprintln!("roadmap: {}: its data left out: the data has errors (--strict)", file.display());
                });
                return (1, roadmap_core::Roadmap { as_of: import.roadmap.as_of, ..Default::default() }, report.issues);
            }
            (0, import.roadmap, report.issues)
        }
        Err(e) => {
            bar.suspend(|| eprintln!("roadmap: {e}"));
            (2, roadmap_core::Roadmap::default(), vec![e.to_issue()])
        }
    }
}
