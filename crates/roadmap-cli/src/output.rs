//! Where results go: standard output, or a file written atomically (a
//! temporary file in the same folder, renamed over the target), so a failed
//! run never leaves a half-written file and never overwrites its input.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Failure;

/// A destination.
pub(crate) enum Output {
    Stdout,
    File(PathBuf),
}

impl Output {
    /// `None` or `-` is standard output; a path is a file, refused when it
    /// is the input itself.
    pub fn to(target: Option<&Path>, input: &Path) -> Result<Output, Failure> {
        match target {
            None => Ok(Output::Stdout),
            Some(t) if t == Path::new("-") => Ok(Output::Stdout),
            Some(t) => {
                let same =
                    std::fs::canonicalize(t).ok().zip(std::fs::canonicalize(input).ok()).is_some_and(|(a, b)| a == b);
                if same {
                    return Err(Failure::unusable(format!("{}: refusing to overwrite the input", t.display())));
                }
                Ok(Output::File(t.to_path_buf()))
            }
        }
    }

    /// Writes everything, or nothing.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Failure> {
        match self {
            Output::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| Failure::unusable(format!("<stdout>: {e}")))
            }
            Output::File(path) => {
                let fail = |e: std::io::Error| Failure::unusable(format!("{}: {e}", path.display()));
                let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
                tmp.write_all(bytes).map_err(fail)?;
                tmp.as_file().sync_all().map_err(fail)?;
                tmp.persist(path).map_err(|e| fail(e.error))?;
                Ok(())
            }
        }
    }
}
