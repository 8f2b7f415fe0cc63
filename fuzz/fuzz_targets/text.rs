//! The pipeline after decoding, on arbitrary valid UTF-8: spends the fuzzer's time on
//! normalisation, segmentation, extraction and checks rather than on the decoder.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        common::run_text(text);
    }
});
