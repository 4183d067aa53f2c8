//! Arbitrary bytes read as Json: an error or a roadmap, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_io::{Format, ReadOptions, read_bytes};

fuzz_target!(|data: &[u8]| {
    let _ = read_bytes(data, Some("fuzz"), &ReadOptions::default().format(Format::Json));
});
