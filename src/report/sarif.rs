//! SARIF 2.1.0: one run, the rules with their help text, one result per finding.
//!
//! Owns the mapping of findings onto SARIF: the stated figure is the result's physical
//! location, the figures it was recomputed from are related locations, and line and column
//! are counted in Unicode code points (`columnKind: "unicodeCodePoints"`), as yujue counts
//! them. An input that could not be read is a `toolExecutionNotification` carrying its
//! `E-…` code. GitHub code scanning and other SARIF viewers read this output.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::check::RuleInfo;
use crate::driver::FileOutcome;
use crate::model::{Finding, Span};

use super::{Reporter, Totals};

/// The schema URI written into the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Collects results over the run and writes the log at the end.
#[derive(Debug)]
pub struct SarifReporter {
    rules: &'static [RuleInfo],
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl SarifReporter {
    pub fn new(rules: &'static [RuleInfo]) -> Self {
        SarifReporter {
            rules,
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }

    /// The whole SARIF log as a JSON value.
    pub fn log(&self, totals: &Totals) -> Value {
        let rules: Vec<Value> = self.rules.iter().map(rule).collect();
        json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "yujue",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "invocations": [{
                    "executionSuccessful": totals.unreadable == 0,
                    "toolExecutionNotifications": self.notifications,
                }],
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }]
        })
    }
}

impl Reporter for SarifReporter {
    fn document(&mut self, outcome: &FileOutcome, _out: &mut dyn Write) -> io::Result<()> {
        match outcome {
            FileOutcome::Checked(analysis) => {
                let uri = artifact_uri(&analysis.report.path);
                for finding in &analysis.report.findings {
                    let index = self.rules.iter().position(|r| r.code == finding.code);
                    self.results.push(result(&uri, finding, index));
                }
            }
            FileOutcome::Failed { path, error } => self.notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{path}: {error}") },
                "descriptor": { "id": error.code() },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": artifact_uri(path) } }
                }],
            })),
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.log(totals)).map_err(io::Error::other)?;
        writeln!(out)
    }
}

fn rule(info: &RuleInfo) -> Value {
    let doc = info
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let doc = doc.trim();
    let help = if doc.is_empty() { info.summary } else { doc };
    json!({
        "id": info.code,
        "name": info.name,
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": info.summary },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": info.severity.as_str() },
    })
}

fn result(uri: &str, finding: &Finding, rule_index: Option<usize>) -> Value {
    let mut text = finding.message.clone();
    let values: Vec<String> = [
        ("stated", &finding.stated),
        ("expected", &finding.expected),
        ("difference", &finding.difference),
    ]
    .iter()
    .filter_map(|(name, v)| v.as_ref().map(|v| format!("{name} {v}")))
    .collect();
    if !values.is_empty() {
        text.push_str(&format!(" ({})", values.join(", ")));
    }
    let location = match finding.spans.first() {
        Some(span) => json!({ "physicalLocation": physical(uri, span) }),
        None => json!({ "physicalLocation": { "artifactLocation": { "uri": uri } } }),
    };
    let related: Vec<Value> = finding
        .spans
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, span)| {
            let mut location = serde_json::Map::new();
            location.insert("id".to_owned(), json!(i));
            location.insert("physicalLocation".to_owned(), physical(uri, span));
            if !span.label.is_empty() {
                location.insert("message".to_owned(), json!({ "text": span.label }));
            }
            Value::Object(location)
        })
        .collect();
    let mut result = serde_json::Map::new();
    result.insert("ruleId".to_owned(), json!(finding.code));
    if let Some(index) = rule_index {
        result.insert("ruleIndex".to_owned(), json!(index));
    }
    result.insert("level".to_owned(), json!(finding.severity.as_str()));
    result.insert("message".to_owned(), json!({ "text": text }));
    result.insert("locations".to_owned(), json!([location]));
    if !related.is_empty() {
        result.insert("relatedLocations".to_owned(), Value::Array(related));
    }
    let mut properties = serde_json::Map::new();
    for (name, value) in [
        ("stated", &finding.stated),
        ("expected", &finding.expected),
        ("difference", &finding.difference),
    ] {
        if let Some(value) = value {
            properties.insert(name.to_owned(), json!(value));
        }
    }
    if !properties.is_empty() {
        result.insert("properties".to_owned(), Value::Object(properties));
    }
    Value::Object(result)
}

fn physical(uri: &str, span: &Span) -> Value {
    json!({
        "artifactLocation": { "uri": uri },
        "region": {
            "startLine": span.line.max(1),
            "startColumn": span.column.max(1),
            "endLine": span.end_line.max(span.line).max(1),
            "endColumn": span.end_column.max(1),
            "snippet": { "text": span.text },
        }
    })
}

/// A path as a URI reference: relative paths stay relative (with `/`), absolute ones become
/// `file://` URIs; every byte outside the unreserved set is percent-encoded.
pub fn artifact_uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use crate::report::testing;

    const RULES: &[RuleInfo] = &[RuleInfo {
        code: "S001",
        name: "sum-mismatch",
        severity: Severity::Error,
        summary: "A total is not the sum of its parts.",
        doc: " What it checks.\n",
    }];

    fn log() -> Value {
        let mut reporter = SarifReporter::new(RULES);
        let mut totals = Totals::default();
        let mut sink = Vec::new();
        for outcome in [testing::checked(), testing::failed()] {
            totals.add(&outcome);
            reporter.document(&outcome, &mut sink).unwrap();
        }
        assert!(sink.is_empty(), "SARIF writes nothing before the end");
        reporter.log(&totals)
    }

    #[test]
    fn results_point_at_the_stated_figure_in_code_points() {
        let log = log();
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "S001");
        assert_eq!(result["ruleIndex"], 0);
        assert_eq!(result["level"], "error");
        let region = &result["locations"][0]["physicalLocation"]["region"];
        // 2023年度收入合计 is 10 code points: the figure starts at column 11.
        assert_eq!(region["startLine"], 2);
        assert_eq!(region["startColumn"], 11);
        assert_eq!(region["endColumn"], 16);
        assert_eq!(region["snippet"]["text"], "１００万元");
        assert_eq!(result["relatedLocations"].as_array().unwrap().len(), 2);
        assert_eq!(
            result["relatedLocations"][0]["message"]["text"],
            "财政拨款收入"
        );
        assert_eq!(result["properties"]["difference"], "-100000");
        // The warning has no rule in the table: no ruleIndex.
        assert!(run["results"][1].get("ruleIndex").is_none());
        assert_eq!(run["results"][1]["level"], "warning");
    }

    #[test]
    fn unreadable_input_is_a_tool_notification() {
        let log = log();
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let note = &invocation["toolExecutionNotifications"][0];
        assert_eq!(note["descriptor"]["id"], "E-EMPTY");
        assert_eq!(
            note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "data/empty.txt"
        );
    }

    #[test]
    fn rules_carry_their_help_text() {
        let rule = &log()["runs"][0]["tool"]["driver"]["rules"][0];
        assert_eq!(rule["id"], "S001");
        assert_eq!(rule["help"]["text"], "What it checks.");
        assert_eq!(rule["defaultConfiguration"]["level"], "error");
    }

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(
            artifact_uri("./data/收支.txt"),
            "data/%E6%94%B6%E6%94%AF.txt"
        );
        assert_eq!(artifact_uri("/tmp/a b.txt"), "file:///tmp/a%20b.txt");
        assert_eq!(artifact_uri("a\\b.txt"), "a/b.txt");
    }
}
