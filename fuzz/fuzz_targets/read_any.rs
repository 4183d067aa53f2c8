//! Arbitrary bytes, the format detected from the content as `read_path`
//! does: an error or a roadmap, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_io::{ReadOptions, read_bytes};

fuzz_target!(|data: &[u8]| {
    let _ = read_bytes(data, Some("fuzz"), &ReadOptions::default());
});
