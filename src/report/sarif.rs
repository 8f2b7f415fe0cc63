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

/// Writes the log as the run goes: the opening and each document's results as it is
/// handed over, then, at the end, the run's invocation (with a notification per
/// unreadable input, the only thing kept) and the tool with its rules. A run over any
/// number of documents holds no results.
///
/// The log is written pretty-printed, as `serde_json` would print it whole, with the run's
/// members in the order they can be written: `columnKind`, `results`, `invocations`,
/// `tool`.
#[derive(Debug)]
pub struct SarifReporter {
    rules: &'static [RuleInfo],
    /// Whether the log has been opened (by the first document, or at the end).
    opened: bool,
    /// Results written so far.
    results: usize,
    notifications: Vec<Value>,
    /// Where each value is rendered before it is written.
    scratch: Vec<u8>,
}

/// The indentation of a result: an element of `runs[0].results`, four levels in.
const RESULT_DEPTH: usize = 4;
/// The indentation of a member of `runs[0]`.
const RUN_MEMBER_DEPTH: usize = 3;

impl SarifReporter {
    pub fn new(rules: &'static [RuleInfo]) -> Self {
        SarifReporter {
            rules,
            opened: false,
            results: 0,
            notifications: Vec::new(),
            scratch: Vec::new(),
        }
    }

    fn open(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.opened {
            self.opened = true;
            // The log up to the results array, opened.
            write!(
                out,
                "{{\n  \"$schema\": \"{SCHEMA_URI}\",\n  \"runs\": [\n    {{\n      \
                 \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
            )?;
        }
        Ok(())
    }

    /// `value` pretty-printed at `depth`, after `before`.
    fn write_value(
        &mut self,
        before: &[u8],
        value: &Value,
        depth: usize,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.scratch.clear();
        self.scratch.extend_from_slice(before);
        super::json_writer::to_vec_pretty(&mut self.scratch, value, depth)?;
        out.write_all(&self.scratch)
    }
}

impl Reporter for SarifReporter {
    fn document(&mut self, outcome: &FileOutcome, out: &mut dyn Write) -> io::Result<()> {
        self.open(out)?;
        match outcome {
            FileOutcome::Checked(analysis) => {
                let uri = artifact_uri(&analysis.report.path);
                for finding in &analysis.report.findings {
                    let index = self.rules.iter().position(|r| r.code == finding.code);
                    let before: &[u8] = if self.results == 0 {
                        b"\n        "
                    } else {
                        b",\n        "
                    };
                    self.write_value(before, &result(&uri, finding, index), RESULT_DEPTH, out)?;
                    self.results += 1;
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
        self.open(out)?;
        out.write_all(if self.results == 0 {
            b"]"
        } else {
            b"\n      ]"
        })?;
        let invocations = json!([{
            "executionSuccessful": totals.unreadable == 0,
            "toolExecutionNotifications": std::mem::take(&mut self.notifications),
        }]);
        let rules: Vec<Value> = self.rules.iter().map(rule).collect();
        let tool = json!({
            "driver": {
                "name": "yujue",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }
        });
        let members = [("invocations", invocations), ("tool", tool)];
        for (name, value) in members {
            let before = format!(",\n      \"{name}\": ");
            self.write_value(before.as_bytes(), &value, RUN_MEMBER_DEPTH, out)?;
        }
        out.write_all(b"\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
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

    /// The log of a run over one checked and one unreadable input, and the bytes written
    /// before the end.
    fn run() -> (Value, usize) {
        let mut reporter = SarifReporter::new(RULES);
        let mut totals = Totals::default();
        let mut sink = Vec::new();
        for outcome in [testing::checked(), testing::failed()] {
            totals.add(&outcome);
            reporter.document(&outcome, &mut sink).unwrap();
        }
        let before_the_end = sink.len();
        reporter.finish(&totals, &mut sink).unwrap();
        (serde_json::from_slice(&sink).unwrap(), before_the_end)
    }

    fn log() -> Value {
        run().0
    }

    /// Results are written as documents come: none is held until the end.
    #[test]
    fn results_are_written_before_the_end() {
        let (log, before_the_end) = run();
        assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
        // The opening is 150 bytes; each result is several hundred.
        assert!(before_the_end > 1000, "{before_the_end}");
    }

    /// The streamed log is, member for member, the log printed whole, and printed as
    /// `serde_json` prints it: for no result, one, and several.
    #[test]
    fn the_streamed_log_is_printed_as_serde_json_prints_it() {
        for outcomes in [
            vec![],
            vec![testing::failed()],
            vec![testing::checked()],
            vec![testing::checked(), testing::failed(), testing::checked()],
        ] {
            let mut reporter = SarifReporter::new(RULES);
            let mut totals = Totals::default();
            let mut sink = Vec::new();
            for outcome in &outcomes {
                totals.add(outcome);
                reporter.document(outcome, &mut sink).unwrap();
            }
            reporter.finish(&totals, &mut sink).unwrap();
            let text = String::from_utf8(sink).unwrap();
            let parsed: Value = serde_json::from_str(&text).unwrap();
            let mut reprinted = serde_json::to_string_pretty(&parsed).unwrap();
            reprinted.push('\n');
            // serde_json prints members in key order: the run's differ, the rest agree.
            let order = |t: &str| {
                [
                    "\"columnKind\"",
                    "\"results\"",
                    "\"invocations\"",
                    "\"tool\"",
                ]
                .map(|k| t.find(k).unwrap())
            };
            let (streamed, whole) = (order(&text), order(&reprinted));
            assert!(streamed.windows(2).all(|w| w[0] < w[1]), "{text}");
            assert!(whole[2] < whole[1] && whole[1] < whole[3], "{reprinted}");
            let mut lines: Vec<&str> = text.lines().collect();
            let mut whole_lines: Vec<&str> = reprinted.lines().collect();
            lines.sort_unstable();
            whole_lines.sort_unstable();
            assert_eq!(lines, whole_lines, "{text}");
            let expected_results = outcomes
                .iter()
                .filter(|o| matches!(o, FileOutcome::Checked(_)))
                .count()
                * 2;
            assert_eq!(
                parsed["runs"][0]["results"].as_array().unwrap().len(),
                expected_results
            );
        }
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
