//! Every input that ever crashed a fuzz target, run again through the whole pipeline with
//! the fuzz targets' own invariants (`fuzz/fuzz_targets/common.rs`).
//!
//! To add one: copy `fuzz/artifacts/<target>/crash-…` into `tests/fuzz_regressions/`,
//! named after what it found. Files are run as bytes (the `pipeline` target) and, when
//! they are UTF-8, as text (the `text` target).

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

#[test]
fn every_kept_crash_input_runs_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "the regression inputs are there");
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        println!("{} ({} bytes)", path.display(), bytes.len());
        common::run_bytes(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            common::run_text(text);
        }
    }
}
