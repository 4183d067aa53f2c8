//! Arbitrary bytes read as each workbook format (the first byte picks it):
//! an error or a roadmap, never a panic, never an abort.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_io::{Format, ReadOptions, read_bytes};

fuzz_target!(|data: &[u8]| {
    let Some((pick, rest)) = data.split_first() else { return };
    let format = [Format::Xlsx, Format::Xlsb, Format::Xls, Format::Ods][usize::from(*pick) % 4];
    let _ = read_bytes(rest, Some("fuzz"), &ReadOptions::default().format(format));
});
