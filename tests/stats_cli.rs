//! `yujue stats` over the fixtures, and the note on a text that is not a disclosure.

use std::process::Command;

fn yujue(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yujue"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn stats_counts_documents_records_and_findings() {
    let (code, out) = yujue(&["stats", "--json", "fixtures/"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["documents"], 5);
    // 000 and 002 reconcile; 001, 003 and 004 have errors.
    assert_eq!(v["reconciled"], 2);
    let text = yujue(&["stats", "fixtures/"]).1;
    assert!(text.starts_with("5 documents, 2 reconciled"), "{text}");
    assert!(
        text.contains("S001 error                          2 / 5       3"),
        "{text}"
    );
}

#[test]
fn a_text_that_is_not_a_disclosure_gets_a_note_not_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("note.txt");
    std::fs::write(&path, "会议纪要：下周二开会。").expect("write");
    let (code, out) = yujue(&["check", "--format", "json", path.to_str().expect("utf-8")]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["findings"][0]["code"], "E-NOT-DISCLOSURE");
    assert_eq!(v[0]["findings"][0]["severity"], "note");
}
