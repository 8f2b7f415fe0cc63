//! The same input gives byte-identical output whatever the thread count (issue 4).
//!
//! Runs the fixtures (and the 24 corpus disclosures beside the repository, where present),
//! mixed with unreadable inputs, through the library's `for_each_in_order` and through the
//! built binary with 1 and 4 threads, and compares the bytes out.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use yujue::driver::{self, FileOutcome};
use yujue::input::{self, InputOptions};

/// A folder holding every fixture, the corpus if present, and some bad inputs.
fn inputs() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut sources: Vec<PathBuf> = Vec::new();
    for folder in [root.join("fixtures"), root.join("../shared/corpus")] {
        if let Ok(entries) = fs::read_dir(&folder) {
            sources.extend(entries.map(|e| e.unwrap().path()));
        }
    }
    sources.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    sources.sort();
    assert!(sources.len() >= 5, "the fixtures are there");
    for (i, source) in sources.iter().enumerate() {
        let name = format!("{i:03}_{}", source.file_name().unwrap().to_string_lossy());
        fs::copy(source, dir.path().join(name)).unwrap();
    }
    fs::write(dir.path().join("empty.txt"), b"").unwrap();
    fs::write(
        dir.path().join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    fs::write(dir.path().join("undecodable.txt"), b"\xFF\x80\xFF\x80").unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("broken.txt")).unwrap();
    dir
}

fn library_json(dir: &Path, threads: usize) -> String {
    let options = InputOptions::default();
    let files = input::discover(&[dir.to_path_buf()], &options);
    let mut values = Vec::new();
    driver::for_each_in_order(&files, &options, threads, |outcome: FileOutcome| {
        values.push(yujue::report::json::to_value(&outcome));
    });
    assert_eq!(values.len(), files.len());
    serde_json::to_string_pretty(&values).unwrap()
}

#[test]
fn library_output_is_the_same_with_1_and_4_threads() {
    let dir = inputs();
    let one = library_json(dir.path(), 1);
    let four = library_json(dir.path(), 4);
    assert!(one == four, "output differs between 1 and 4 threads");
    // And between two runs with 4 threads.
    assert!(
        four == library_json(dir.path(), 4),
        "output differs between runs"
    );
    assert!(one.contains("\"E-BROKEN-LINK\""));
}

/// `yujue check` with the thread count set by `--threads` where the CLI has it, and by
/// RAYON_NUM_THREADS otherwise.
fn binary_output(dir: &Path, format: &str, threads: usize) -> (Option<i32>, Vec<u8>) {
    let help = Command::new(env!("CARGO_BIN_EXE_yujue"))
        .args(["check", "--help"])
        .output()
        .unwrap();
    let has_flag = String::from_utf8_lossy(&help.stdout).contains("--threads");
    let mut command = Command::new(env!("CARGO_BIN_EXE_yujue"));
    command.args(["check", "--format", format]);
    if has_flag {
        command.arg(format!("--threads={threads}"));
    }
    let out = command
        .arg(dir)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code(), out.stdout)
}

#[test]
fn binary_output_is_the_same_with_1_and_4_threads() {
    let dir = inputs();
    for format in ["json", "text"] {
        let (status_one, one) = binary_output(dir.path(), format, 1);
        let (status_four, four) = binary_output(dir.path(), format, 4);
        assert_eq!(status_one, Some(2), "unreadable inputs: exit status 2");
        assert_eq!(status_one, status_four);
        assert!(!one.is_empty());
        assert!(
            one == four,
            "{format} output differs between 1 and 4 threads"
        );
    }
}
