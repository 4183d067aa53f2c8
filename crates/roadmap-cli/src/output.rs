//! Where results go: standard output, locked once by `main` and handed to
//! every command as its one writer; or a file, written whole and never over
//! the input by [`roadmap_io::write::write_file`].
//!
//! A reader that closes standard output early (`roadmap rollup ... | head`)
//! ends the command quietly with exit 0, as ripgrep does: the error of the
//! write that finds the pipe closed becomes [`Failure::Closed`].

use std::io::Write;
use std::path::Path;

use roadmap_io::write::{WriteError, write_file};

use crate::Failure;

/// Writes `bytes` to `target`: `-` is standard output (`out`), any other
/// path a file, refused when it is `input`.
pub(crate) fn write(out: &mut impl Write, target: &Path, bytes: &[u8], input: &Path) -> Result<(), Failure> {
    if target == Path::new("-") {
        out.write_all(bytes)?;
    } else {
        write_file(target, bytes, Some(input))?;
    }
    Ok(())
}

/// An error writing standard output.
impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::Closed
        } else {
            Failure::unusable(format!("<stdout>: {e}"))
        }
    }
}

/// An error writing CSV to standard output.
impl From<csv::Error> for Failure {
    fn from(e: csv::Error) -> Failure {
        if !e.is_io_error() {
            return Failure::unusable(format!("<stdout>: {e}"));
        }
        match e.into_kind() {
            csv::ErrorKind::Io(e) => Failure::from(e),
            _ => Failure::unusable("<stdout>: the CSV could not be written"),
        }
    }
}

/// An error writing a file; the message names it.
impl From<WriteError> for Failure {
    fn from(e: WriteError) -> Failure {
        Failure::unusable(e)
    }
}
