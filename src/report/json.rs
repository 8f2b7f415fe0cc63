//! JSON: one array of entries, one entry per input in input order.
//!
//! Owns the entry type shared with JSON Lines and `--out-dir`: an [`Entry`] is either the
//! per-document object ([`crate::model::DocumentReport`]) or, for an input that could not
//! be read, `{"path", "error": {"code", "message"}}`. Also owns the JSON Schema that
//! `yujue schema` prints. The array is streamed: each entry is written as soon as it is
//! handed over, and the bytes equal those of pretty-printing the whole array at once.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::driver::FileOutcome;
use crate::model::DocumentReport;

use super::{RenderDocument, Reporter, Totals};

/// An input that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorEntry {
    pub path: String,
    pub error: ErrorBody,
}

/// Why an input could not be checked: a stable `E-…` code and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

/// One entry of the JSON, JSON Lines and `--out-dir` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Entry {
    Document(Box<DocumentReport>),
    Error(ErrorEntry),
}

impl Entry {
    pub fn from_outcome(outcome: &FileOutcome) -> Entry {
        match outcome {
            FileOutcome::Checked(analysis) => Entry::Document(Box::new(analysis.report.clone())),
            FileOutcome::Failed { path, error } => Entry::Error(ErrorEntry {
                path: path.clone(),
                error: ErrorBody {
                    code: error.code().to_owned(),
                    message: error.to_string(),
                },
            }),
        }
    }
}

/// An entry borrowed from an outcome, serialised exactly as [`Entry`] without copying the
/// document.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum EntryRef<'a> {
    Document(&'a DocumentReport),
    Error(ErrorEntry),
}

impl<'a> EntryRef<'a> {
    pub(crate) fn new(outcome: &'a FileOutcome) -> EntryRef<'a> {
        match outcome {
            FileOutcome::Checked(analysis) => EntryRef::Document(&analysis.report),
            FileOutcome::Failed { path, error } => EntryRef::Error(ErrorEntry {
                path: path.clone(),
                error: ErrorBody {
                    code: error.code().to_owned(),
                    message: error.to_string(),
                },
            }),
        }
    }
}

/// Room to reserve for the compact JSON of one outcome: the entry is a few times the
/// size of the text (every figure carries its label, section and span), and growing the
/// buffer step by step copied it over and over.
pub(crate) fn rendered_size_hint(outcome: &FileOutcome) -> usize {
    match outcome {
        FileOutcome::Checked(analysis) => analysis.source.text.len().saturating_mul(4),
        FileOutcome::Failed { .. } => 256,
    }
}

/// The JSON value of one outcome.
pub fn to_value(outcome: &FileOutcome) -> serde_json::Value {
    serde_json::to_value(EntryRef::new(outcome)).unwrap_or(serde_json::Value::Null)
}

/// The JSON Schema of one entry, pretty-printed.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Entry);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The JSON array, streamed.
#[derive(Debug, Default)]
pub struct JsonReporter {
    written: usize,
}

/// One entry of the array, pretty-printed and indented as an element.
#[derive(Debug, Clone, Copy)]
struct ArrayElement;

impl RenderDocument for ArrayElement {
    fn render(&self, outcome: &FileOutcome) -> io::Result<Vec<u8>> {
        self.render_reusing(outcome, Vec::new())
    }

    fn render_reusing(&self, outcome: &FileOutcome, mut element: Vec<u8>) -> io::Result<Vec<u8>> {
        element.clear();
        element.reserve(rendered_size_hint(outcome).saturating_mul(2));
        // In place as an element of the array: indented one level, every line of it.
        element.extend_from_slice(b"  ");
        super::json_writer::to_vec_pretty(&mut element, &EntryRef::new(outcome), 1)?;
        Ok(element)
    }
}

impl Reporter for JsonReporter {
    fn document(&mut self, outcome: &FileOutcome, out: &mut dyn Write) -> io::Result<()> {
        let element = ArrayElement.render(outcome)?;
        self.write_rendered(&element, out)
    }

    fn renderer(&self) -> Option<Box<dyn RenderDocument>> {
        Some(Box::new(ArrayElement))
    }

    fn write_rendered(&mut self, element: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        out.write_all(element)?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, _totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        if self.written == 0 {
            out.write_all(b"[]\n")
        } else {
            out.write_all(b"\n]\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing;

    fn run(outcomes: &[FileOutcome]) -> String {
        testing::run(&mut JsonReporter::default(), outcomes)
    }

    #[test]
    fn streamed_array_equals_the_pretty_array() {
        let outcomes = [testing::checked(), testing::failed()];
        let entries: Vec<Entry> = outcomes.iter().map(Entry::from_outcome).collect();
        let expected = serde_json::to_string_pretty(&entries).unwrap() + "\n";
        assert_eq!(run(&outcomes), expected);
        assert_eq!(run(&[]), "[]\n");
    }

    #[test]
    fn entries_parse_back_into_the_typed_structs() {
        let out = run(&[testing::checked(), testing::failed()]);
        let entries: Vec<Entry> = serde_json::from_str(&out).unwrap();
        let Entry::Document(doc) = &entries[0] else {
            panic!("first entry is not a document: {entries:?}")
        };
        assert_eq!(doc.findings[0].code, "S001");
        assert_eq!(doc.findings[0].spans[0].text, "１００万元");
        assert_eq!(
            entries[1],
            Entry::Error(ErrorEntry {
                path: "data/empty.txt".to_owned(),
                error: ErrorBody {
                    code: "E-EMPTY".to_owned(),
                    message: "the file is empty (nothing but whitespace)".to_owned(),
                },
            })
        );
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let mut value = to_value(&testing::failed());
        value["error"]["extra"] = serde_json::json!(1);
        assert!(serde_json::from_value::<Entry>(value).is_err());
    }
}
