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
    let mut files = Vec::new();
    let mut from_folder = false;
    for input in inputs {
        if input.is_dir() {
            from_folder = true;
            let entries =
                std::fs::read_dir(input).map_err(|e| Failure::unusable(format!("{}: {e}", input.display())))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_tracker(p, format, output.is_none()))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Failure::unusable(format!("{}: the folder holds no tracker to convert", input.display())));
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
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

fn is_tracker(path: &Path, format: OutputFormat, beside_inputs: bool) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    // Excel's lock files and hidden files are not trackers; nor, beside the
    // inputs, the outputs of an earlier run.
    let skipped = name.starts_with("~$") || name.starts_with('.') || (beside_inputs && ext == format.extension());
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
    let bar = progress(plan.len());
    let next = AtomicUsize::new(0);
    let worst = Mutex::new(0u8);
    let to_stdout: Mutex<Vec<(usize, Vec<u8>)>> = Mutex::new(Vec::new());
    let workers = jobs.clamp(1, plan.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = plan.get(i) else { break };
                    if plan.len() > 1 {
                        bar.set_message(job.input.display().to_string());
                    }
                    let code = match convert_one(job, strict, options, &bar) {
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
                    };
                    if let Ok(mut w) = worst.lock() {
                        *w = (*w).max(code);
                    }
                    bar.inc(1);
                }
            });
        }
    });
    bar.finish_and_clear();
    let mut to_stdout = to_stdout.into_inner().unwrap_or_default();
    to_stdout.sort_by_key(|(i, _)| *i);
    for (_, bytes) in to_stdout {
        out.write_all(&bytes)?;
    }
    Ok(worst.into_inner().unwrap_or(2))
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
