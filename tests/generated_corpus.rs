//! The checker at scale: a few hundred documents from `yujue-gen` (derived from the
//! fixtures, with one injected error in a known share of them, listed in the manifest).
//! Every injected error must be reported as an error finding on its line, and no clean
//! document may have an error finding.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use yujue::driver::{self, FileOutcome};
use yujue::input::{self, InputOptions};
use yujue::model::Severity;

const COUNT: usize = 300;
const SEED: u64 = 20_240_601;

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn generate() -> (TempDir, Value) {
    let dir = TempDir(
        std::env::temp_dir().join(format!("yujue-generated-corpus-{}", std::process::id())),
    );
    let _ = std::fs::remove_dir_all(&dir.0);
    let status = Command::new(env!("CARGO_BIN_EXE_yujue-gen"))
        .args(["--out"])
        .arg(&dir.0)
        .args(["--count", &COUNT.to_string(), "--seed", &SEED.to_string()])
        .args(["--error-share", "0.3"])
        .status()
        .expect("run yujue-gen");
    assert!(status.success());
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.0.join("manifest.json")).unwrap()).unwrap();
    (dir, manifest)
}

#[test]
fn every_injected_error_is_found_and_clean_documents_reconcile() {
    let (dir, manifest) = generate();
    let documents = manifest["documents"].as_array().unwrap();
    let errors = manifest["errors"].as_array().unwrap();
    assert_eq!(documents.len(), COUNT);
    assert_eq!(errors.len(), COUNT * 3 / 10);
    let injected: BTreeMap<String, &Value> = errors
        .iter()
        .map(|e| (e["file"].as_str().unwrap().to_owned(), e))
        .collect();

    let files = input::discover(std::slice::from_ref(&dir.0), &InputOptions::default());
    assert_eq!(files.len(), COUNT, "manifest.json is not a document");

    let mut missed = Vec::new();
    let mut false_errors = Vec::new();
    let mut unreadable = Vec::new();
    let mut found_by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    driver::for_each_in_order(&files, &InputOptions::default(), 2, |outcome| {
        let analysis = match outcome {
            FileOutcome::Checked(a) => a,
            FileOutcome::Failed { path, error } => {
                unreadable.push(format!("{path}: {error}"));
                return;
            }
        };
        let report = &analysis.report;
        let relative = PathBuf::from(&report.path)
            .strip_prefix(&dir.0)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let error_findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        match injected.get(&relative) {
            None => {
                for f in error_findings {
                    let at = f.spans.first().map_or(0, |s| s.line);
                    false_errors.push(format!("{relative}:{at}: {} {}", f.code, f.message));
                }
            }
            Some(e) => {
                let line = e["line"].as_u64().unwrap() as usize;
                let kind = e["kind"].as_str().unwrap().to_owned();
                let hit = error_findings
                    .iter()
                    .any(|f| f.spans.iter().any(|s| s.line == line));
                let entry = found_by_kind.entry(kind.clone()).or_default();
                entry.1 += 1;
                if hit {
                    entry.0 += 1;
                } else {
                    missed.push(format!(
                        "{relative}:{line}: {kind} `{}` → `{}` not reported (errors on lines {:?})",
                        e["before"].as_str().unwrap(),
                        e["after"].as_str().unwrap(),
                        error_findings
                            .iter()
                            .map(|f| f.spans.first().map_or(0, |s| s.line))
                            .collect::<Vec<_>>()
                    ));
                }
            }
        }
    });
    for (kind, (found, total)) in &found_by_kind {
        eprintln!("injected {kind}: {found}/{total} found");
    }
    assert!(unreadable.is_empty(), "unreadable: {unreadable:#?}");
    // Every kind of error is exercised.
    for kind in ["sum_part", "share", "change_direction", "unit_slip"] {
        let total = found_by_kind.get(kind).map_or(0, |k| k.1);
        assert!(total >= 10, "{kind}: only {total} injected");
    }
    assert!(
        missed.is_empty() && false_errors.is_empty(),
        "{} injected errors missed:\n{}\n{} error findings on clean documents:\n{}",
        missed.len(),
        missed.join("\n"),
        false_errors.len(),
        false_errors.join("\n")
    );
}

#[test]
fn the_corpus_is_deterministic() {
    let out = |name: &str| {
        let dir = TempDir(
            std::env::temp_dir().join(format!("yujue-generated-{name}-{}", std::process::id())),
        );
        let status = Command::new(env!("CARGO_BIN_EXE_yujue-gen"))
            .arg("--out")
            .arg(&dir.0)
            .args(["--count", "12", "--seed", "9"])
            .status()
            .unwrap();
        assert!(status.success());
        let mut all = Vec::new();
        for f in ["manifest.json", "00/00000.txt", "00/00011.txt"] {
            all.extend(std::fs::read(dir.0.join(f)).unwrap());
        }
        all
    };
    assert_eq!(out("a"), out("b"));
}
