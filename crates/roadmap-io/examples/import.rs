//! Imports a tracker and prints what was detected, the import and
//! validation issues, and the roadmap as JSON.
//!
//! ```sh
//! cargo run -p roadmap-io --example import -- tests/fixtures/annex.xlsx
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: import TRACKER");
        return ExitCode::from(2);
    };
    match roadmap_io::read_path(&path) {
        Ok(import) => {
            let inspection = import.inspection(Some(path.as_ref()));
            println!("{}", serde_json::to_string_pretty(&inspection).unwrap_or_default());
            for issue in &import.report() {
                println!("{issue}");
            }
            println!("{}", import.roadmap.to_json_pretty());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
