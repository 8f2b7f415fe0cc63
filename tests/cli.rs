//! The real binary, run on small hand-written disclosures under `tests/cli_data/`: every
//! output format and every exit status, each pinned as a snapshot of exit code, stdout and
//! stderr.
//!
//! `cli_data/error/收入.txt` states 收入合计100万元 on a line of Chinese text with
//! full-width punctuation while its parts add up to 110万元 (an S001 error);
//! `cli_data/ok/` reconciles; `cli_data/warning/` has a total with no unit (a warning);
//! `cli_data/unreadable/` holds an empty and a binary file.

use std::path::Path;
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn yujue() -> Command {
    let mut cmd = Command::new(get_cargo_bin("yujue"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

fn check(args: &[&str]) -> Command {
    let mut cmd = yujue();
    cmd.arg("check").args(args);
    cmd
}

const ERROR: &str = "tests/cli_data/error";
const OK: &str = "tests/cli_data/ok";
const WARNING: &str = "tests/cli_data/warning";
const UNREADABLE: &str = "tests/cli_data/unreadable";

// ── The human report and exit statuses ──────────────────────────────────────────────

#[test]
fn text_error_on_a_line_of_chinese_exits_1() {
    assert_cmd_snapshot!(check(&[ERROR]));
}

#[test]
fn text_reconciled_exits_0() {
    assert_cmd_snapshot!(check(&[OK]));
}

#[test]
fn text_warning_exits_0() {
    assert_cmd_snapshot!(check(&[WARNING]));
}

#[test]
fn deny_warnings_makes_a_warning_exit_1() {
    assert_cmd_snapshot!(check(&["--deny", "warnings", WARNING]));
}

#[test]
fn unreadable_inputs_exit_2_and_the_others_are_still_checked() {
    assert_cmd_snapshot!(check(&[
        UNREADABLE,
        "tests/cli_data/missing.txt",
        ERROR,
        OK
    ]));
}

#[test]
fn too_large_is_unreadable() {
    assert_cmd_snapshot!(check(&["--max-bytes", "16", OK]));
}

#[test]
fn quiet_prints_the_summary_only() {
    assert_cmd_snapshot!(check(&["--quiet", ERROR, OK]));
}

#[test]
fn colour_always_styles_the_report() {
    assert_cmd_snapshot!(check(&["--color", "always", ERROR]));
}

#[test]
fn no_color_and_a_pipe_mean_no_escapes() {
    let output = check(&[ERROR]).env("NO_COLOR", "1").output().unwrap();
    assert!(!output.stdout.contains(&0x1b));
    let output = check(&["--color", "never", ERROR]).output().unwrap();
    assert!(!output.stdout.contains(&0x1b));
    let output = check(&["--color", "always", ERROR]).output().unwrap();
    assert!(output.stdout.contains(&0x1b));
}

// ── Machine formats ─────────────────────────────────────────────────────────────────

#[test]
fn json_array_with_an_error_entry() {
    assert_cmd_snapshot!(check(&[
        "--format",
        "json",
        ERROR,
        "tests/cli_data/unreadable/empty.txt"
    ]));
}

#[test]
fn jsonl_one_entry_per_line() {
    assert_cmd_snapshot!(check(&[
        "--format",
        "jsonl",
        ERROR,
        "tests/cli_data/unreadable/empty.txt",
        OK
    ]));
}

#[test]
fn sarif_log() {
    let output = check(&[
        "--format",
        "sarif",
        ERROR,
        "tests/cli_data/unreadable/empty.txt",
    ])
    .output()
    .unwrap();
    let mut log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // The rules' help texts are the rules' own documentation, pinned by `explain` and the
    // README test; here only which rules the log lists.
    let rules = &mut log["runs"][0]["tool"]["driver"]["rules"];
    let ids: Vec<serde_json::Value> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(ids.len(), yujue::check::RULES.len());
    *rules = serde_json::Value::Array(ids);
    insta::assert_json_snapshot!(serde_json::json!({
        "exit_code": output.status.code(),
        "stderr": String::from_utf8_lossy(&output.stderr),
        "stdout": log,
    }));
}

#[test]
fn csv_rows() {
    assert_cmd_snapshot!(check(&[
        "--format",
        "csv",
        ERROR,
        "tests/cli_data/unreadable/empty.txt"
    ]));
}

#[test]
fn output_does_not_depend_on_threads() {
    let run = |threads: &str| {
        check(&[
            "--format",
            "jsonl",
            "-j",
            threads,
            "tests/cli_data",
            "fixtures",
        ])
        .output()
        .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one.status.code(), Some(2));
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stderr, two.stderr);
}

// ── Rule selection and settings ─────────────────────────────────────────────────────

#[test]
fn ignore_drops_the_error_and_the_counts_follow() {
    assert_cmd_snapshot!(check(&["--ignore", "S001", ERROR]));
}

#[test]
fn select_other_rules_only() {
    assert_cmd_snapshot!(check(&["--select", "P,C", ERROR]));
}

#[test]
fn yujue_toml_in_the_checked_folder_applies() {
    assert_cmd_snapshot!(check(&["tests/cli_data/configured"]));
}

#[test]
fn config_flag_names_the_settings() {
    assert_cmd_snapshot!(check(&[
        "--config",
        "tests/cli_data/deny-warnings.toml",
        WARNING
    ]));
}

#[test]
fn bad_settings_exit_2_before_checking() {
    assert_cmd_snapshot!(check(&["--config", "tests/cli_data/typo.toml", OK]));
}

#[test]
fn unknown_rule_code_exits_2() {
    assert_cmd_snapshot!(check(&["--select", "Q999", OK]));
}

#[test]
fn unknown_format_exits_2() {
    assert_cmd_snapshot!(check(&["--format", "xml", OK]));
}

#[test]
fn help_documents_the_exit_statuses() {
    let output = check(&["--help"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    for line in [
        "0  every document reconciles",
        "1  a document has an error finding",
        "2  an input could not be read",
    ] {
        assert!(help.contains(line), "{line} missing from:\n{help}");
    }
}

// ── Rules as documentation ──────────────────────────────────────────────────────────

#[test]
fn rules_lists_every_check() {
    let output = yujue().arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), yujue::check::RULES.len());
    for rule in yujue::check::RULES {
        assert!(
            text.lines()
                .any(|l| l.starts_with(rule.code) && l.contains(rule.name)),
            "{} missing from:\n{text}",
            rule.code
        );
    }
}

#[test]
fn explain_prints_the_rule_doc() {
    for rule in yujue::check::RULES {
        let output = yujue()
            .args(["explain", &rule.code.to_lowercase()])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).unwrap();
        let heading = format!(
            "{} {} ({})\n\n{}\n\n",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.summary
        );
        assert!(text.starts_with(&heading), "{text}");
        // Every line of the doc comment, without the space after `///`.
        for line in rule.doc.lines() {
            assert!(text.contains(line.trim()), "{line:?} missing from:\n{text}");
        }
        assert!(text.contains("## What it checks"), "{}: {text}", rule.code);
    }
}

#[test]
fn explain_unknown_code_exits_2() {
    assert_cmd_snapshot!(yujue().args(["explain", "Z999"]));
}

// ── --out-dir ───────────────────────────────────────────────────────────────────────

fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn out_dir_mirrors_inputs_and_never_leaves_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // Run from inside tests/cli_data/ok so that inputs can be named with `..`.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let absolute = manifest.join("tests/cli_data/warning/总计.txt");
    let output = Command::new(get_cargo_bin("yujue"))
        .current_dir(manifest.join("tests/cli_data/ok"))
        .arg("check")
        .arg("--quiet")
        .arg("--out-dir")
        .arg(&out)
        .args(["income.txt", "../error", "../unreadable/empty.txt"])
        .arg(&absolute)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let absolute_entry = format!(
        "{}.json",
        absolute
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/")
    );
    let mut expected = vec![
        "__/error/收入.txt.json".to_owned(),
        "__/unreadable/empty.txt.json".to_owned(),
        "income.txt.json".to_owned(),
        absolute_entry,
    ];
    expected.sort();
    assert_eq!(files_under(&out), expected);
    // Nothing was written beside the output folder.
    assert_eq!(files_under(tmp.path()).len(), expected.len());
    let entry: yujue::report::json::Entry = serde_json::from_str(
        &std::fs::read_to_string(out.join("__/unreadable/empty.txt.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&entry).unwrap()["error"]["code"],
        "E-EMPTY"
    );
    let entry: yujue::report::json::Entry =
        serde_json::from_str(&std::fs::read_to_string(out.join("income.txt.json")).unwrap())
            .unwrap();
    let yujue::report::json::Entry::Document(doc) = entry else {
        panic!("income.txt.json is not a document entry")
    };
    assert_eq!(doc.path, "income.txt");
}

// ── Input flags wired to the input module ───────────────────────────────────────────

#[cfg(unix)]
#[test]
fn follow_takes_links_leading_out_of_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        manifest.join("tests/cli_data/error/收入.txt"),
        outside.join("收入.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, root.join("linked")).unwrap();
    let run = |follow: bool| {
        let mut cmd = check(&["--quiet"]);
        if follow {
            cmd.arg("--follow");
        }
        let output = cmd.arg(&root).output().unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (code, out) = run(false);
    // Nothing found is not an error, but stderr says so.
    assert_eq!(code, Some(0));
    assert!(out.starts_with("0 documents checked"), "{out}");
    let (code, out) = run(true);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("1 document checked: 0 reconciled, 1 with errors"),
        "{out}"
    );
}

#[test]
fn an_empty_folder_is_reported_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let output = check(&[]).arg(tmp.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "warning: no documents found under the paths given (looked for .txt files; --ext adds others)\n"
    );
}

#[test]
fn ext_adds_extensions_taken_from_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read(manifest.join("tests/cli_data/error/收入.txt")).unwrap();
    std::fs::write(tmp.path().join("a.md"), &text).unwrap();
    let quiet = |args: &[&str]| {
        let output = check(args).arg(tmp.path()).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(quiet(&["-q"]).starts_with("0 documents checked"));
    assert!(quiet(&["-q", "--ext", "md"]).starts_with("1 document checked"));
    assert!(quiet(&["-q", "--ext", ".md"]).starts_with("1 document checked"));
}
