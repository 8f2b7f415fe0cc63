//! The whole pipeline on arbitrary bytes: decode → normalise → segment → extract → check →
//! every renderer (JSON, text). It must never panic; the invariants every result keeps are
//! checked in `yujue_fuzz_common`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::run_bytes(data);
});
