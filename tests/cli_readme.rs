//! The README's list of checks is generated from `check::RULES`: this test fails when the
//! two drift apart. Refresh the README with
//! `UPDATE_README=1 cargo test --test cli_readme` and commit the result.

use yujue::check::RULES;
use yujue::report::rules::replace_readme_section;

#[test]
fn readme_lists_every_check() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let expected = replace_readme_section(&readme, RULES)
        .expect("README.md has lost the `<!-- rules:start … -->` / `<!-- rules:end -->` markers");
    if expected != readme && std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(path, &expected).unwrap();
        return;
    }
    assert!(
        expected == readme,
        "README.md's list of checks differs from check::RULES; run \
         `UPDATE_README=1 cargo test --test cli_readme` and commit README.md"
    );
    for rule in RULES {
        assert!(readme.contains(&format!("| `{}` |", rule.code)));
    }
}

/// The example report in the README is the real output of the command it shows.
#[test]
fn readme_example_is_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = "$ yujue check tests/cli_data/error\n";
    let start = readme
        .find(command)
        .expect("README shows `yujue check tests/cli_data/error`")
        + command.len();
    let end = start + readme[start..].find("```").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_yujue"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "tests/cli_data/error"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        &readme[start..end],
        String::from_utf8(output.stdout).unwrap()
    );
}
