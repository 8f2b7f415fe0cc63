//! Renderers: each output format over the same results. The core never formats.
//!
//! Owns every output format (one module each: [`text`], [`json`], [`jsonl`], [`sarif`],
//! [`csv`]), the per-document `.json` files of `--out-dir` ([`out_dir`]), the rule list and
//! its README table ([`rules`]), and the run [`Totals`] the summaries print. Every renderer
//! implements [`Reporter`]: it is handed each outcome in input order and writes into a
//! [`Write`]; it never decides exit codes and never reads files.

pub mod csv;
pub mod json;
mod json_writer;
pub mod jsonl;
pub mod out_dir;
pub mod rules;
pub mod sarif;
pub mod text;

use std::io::{self, Write};

use crate::driver::FileOutcome;

/// A renderer of one output format. `document` is called once per input in input order,
/// `finish` once at the end; formats that need the whole run (a JSON array, SARIF) write
/// their closing part there.
///
/// A format whose documents render on their own also offers a [`RenderDocument`]: a run
/// then renders each document on the worker thread that checked it and hands the bytes to
/// `write_rendered` in input order, leaving only the writing to the thread that writes.
/// `document` and `render` + `write_rendered` give the same bytes.
pub trait Reporter {
    fn document(&mut self, outcome: &FileOutcome, out: &mut dyn Write) -> io::Result<()>;
    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()>;

    /// How to render one document without the reporter's running state (any thread, any
    /// order); `None` for formats that must see the run in order (SARIF collects it).
    fn renderer(&self) -> Option<Box<dyn RenderDocument>> {
        None
    }

    /// Write one document rendered by [`Reporter::renderer`], in input order.
    fn write_rendered(&mut self, rendered: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(rendered)
    }
}

/// One document's output in a format, from the outcome alone.
pub trait RenderDocument: Send + Sync {
    fn render(&self, outcome: &FileOutcome) -> io::Result<Vec<u8>>;

    /// As `render`, into `buffer` (emptied first) where the format can: a run hands back
    /// the buffer of a document written so that the next one reuses its allocation.
    fn render_reusing(&self, outcome: &FileOutcome, buffer: Vec<u8>) -> io::Result<Vec<u8>> {
        drop(buffer);
        self.render(outcome)
    }
}

/// Counts over a whole run, after findings were filtered by the rule selection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Inputs met, readable or not.
    pub documents: usize,
    /// Documents read with no error finding.
    pub reconciled: usize,
    /// Documents with at least one error finding.
    pub with_errors: usize,
    /// Documents with at least one warning.
    pub with_warnings: usize,
    /// Inputs that could not be read or decoded.
    pub unreadable: usize,
    pub figures: usize,
    pub checks: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Totals {
    /// Count one outcome.
    pub fn add(&mut self, outcome: &FileOutcome) {
        self.documents += 1;
        match outcome {
            FileOutcome::Checked(analysis) => {
                let summary = &analysis.report.summary;
                if summary.errors > 0 {
                    self.with_errors += 1;
                } else {
                    self.reconciled += 1;
                }
                if summary.warnings > 0 {
                    self.with_warnings += 1;
                }
                self.figures += summary.figures;
                self.checks += summary.checks;
                self.errors += summary.errors;
                self.warnings += summary.warnings;
                self.notes += summary.notes;
            }
            FileOutcome::Failed { .. } => self.unreadable += 1,
        }
    }

    /// The one-paragraph summary printed at the end of the human report.
    pub fn sentence(&self) -> String {
        format!(
            "{} checked: {} reconciled, {} with errors, {} with warnings, {} unreadable\n\
             {} extracted, {} run; {}, {}, {}",
            plural(self.documents, "document", "documents"),
            self.reconciled,
            self.with_errors,
            self.with_warnings,
            self.unreadable,
            plural(self.figures, "figure", "figures"),
            plural(self.checks, "check", "checks"),
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.notes, "note", "notes"),
        )
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-built outcomes for renderer tests.

    use super::{Reporter, Totals};
    use crate::Analysis;
    use crate::driver::FileOutcome;
    use crate::error::InputError;
    use crate::model::{DocumentMeta, DocumentReport, Finding, Records, Severity, Span, Summary};
    use crate::source::Source;

    /// A disclosure line full of Chinese text and full-width punctuation; the income total
    /// is stated as 100万元 while its parts add up to 110万元.
    pub const TEXT: &str = "一、收入支出决算总体情况\n\
        2023年度收入合计１００万元（本年），其中：财政拨款收入90万元，其他收入20万元。\n\
        支出合计100万元。\n";

    /// Everything `reporter` writes for `outcomes`, handed to it one by one, then `finish`.
    pub fn run(reporter: &mut dyn Reporter, outcomes: &[FileOutcome]) -> String {
        let mut out = Vec::new();
        for outcome in outcomes {
            reporter.document(outcome, &mut out).unwrap();
        }
        reporter.finish(&Totals::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// A span over the first occurrence of `needle` (after `from`) in `text`.
    pub fn span(source: &Source, needle: &str, from: usize, label: &str) -> Span {
        let start = source.text[from..].find(needle).map(|i| i + from).unwrap();
        crate::extract::source_span(source, start, start + needle.len(), label)
    }

    /// The S001 finding over [`TEXT`], with the total and its two parts.
    pub fn sum_finding(source: &Source) -> Finding {
        Finding {
            code: "S001".to_owned(),
            severity: Severity::Error,
            message: "收入合计 100万元 is not the sum of its parts: 财政拨款收入 90万元 + 其他收入 20万元 = 110万元".to_owned(),
            stated: Some("1000000".to_owned()),
            expected: Some("1100000".to_owned()),
            difference: Some("-100000".to_owned()),
            spans: vec![
                span(source, "１００万元", 0, "收入合计"),
                span(source, "90万元", 0, "财政拨款收入"),
                span(source, "20万元", 0, "其他收入"),
            ],
        }
    }

    /// An outcome with the S001 finding and a warning on another line.
    pub fn checked() -> FileOutcome {
        let source = Source::new(TEXT.to_owned(), "UTF-8");
        let warning = Finding {
            code: "U001".to_owned(),
            severity: Severity::Warning,
            message: "支出合计 has no unit written; 万元 assumed".to_owned(),
            stated: None,
            expected: None,
            difference: None,
            spans: vec![span(&source, "100万元", 0, "支出合计")],
        };
        let report = DocumentReport {
            path: "data/收支.txt".to_owned(),
            document: DocumentMeta {
                encoding: "UTF-8".to_owned(),
                ..DocumentMeta::default()
            },
            records: Records::default(),
            findings: vec![sum_finding(&source), warning],
            summary: Summary {
                figures: 4,
                checks: 2,
                errors: 1,
                warnings: 1,
                notes: 0,
                reconciled: false,
            },
        };
        FileOutcome::Checked(Box::new(Analysis { report, source }))
    }

    pub fn failed() -> FileOutcome {
        FileOutcome::Failed {
            path: "data/empty.txt".to_owned(),
            error: InputError::Empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_count_documents_by_verdict() {
        let mut totals = Totals::default();
        totals.add(&testing::checked());
        totals.add(&testing::failed());
        assert_eq!(totals.documents, 2);
        assert_eq!(totals.with_errors, 1);
        assert_eq!(totals.with_warnings, 1);
        assert_eq!(totals.reconciled, 0);
        assert_eq!(totals.unreadable, 1);
        assert_eq!(totals.figures, 4);
        assert_eq!(totals.errors, 1);
        assert_eq!(
            totals.sentence(),
            "2 documents checked: 0 reconciled, 1 with errors, 1 with warnings, 1 unreadable\n\
             4 figures extracted, 2 checks run; 1 error, 1 warning, 0 notes"
        );
    }

    /// Output written through `document` and output rendered ahead (on the workers) then
    /// written through `write_rendered` are the same bytes, in every format that renders
    /// ahead.
    #[test]
    fn rendering_ahead_writes_the_same_bytes() {
        let text = text::TextReporter {
            styled: false,
            quiet: false,
            width: None,
        };
        let outcomes = [testing::checked(), testing::failed(), testing::checked()];
        let every_format = || -> Vec<Box<dyn Reporter>> {
            vec![
                Box::new(json::JsonReporter::default()),
                Box::new(jsonl::JsonlReporter),
                Box::new(csv::CsvReporter::default()),
                Box::new(text),
            ]
        };
        for (mut direct_reporter, mut ahead_reporter) in
            every_format().into_iter().zip(every_format())
        {
            let direct = testing::run(direct_reporter.as_mut(), &outcomes);
            let mut ahead = Vec::new();
            let renderer = ahead_reporter.renderer().expect("renders ahead");
            for outcome in &outcomes {
                let bytes = renderer.render(outcome).unwrap();
                ahead_reporter.write_rendered(&bytes, &mut ahead).unwrap();
            }
            ahead_reporter
                .finish(&Totals::default(), &mut ahead)
                .unwrap();
            assert!(direct.len() > 100);
            assert_eq!(direct, String::from_utf8(ahead).unwrap());
        }
        assert!(
            sarif::SarifReporter::new(crate::check::RULES)
                .renderer()
                .is_none()
        );
    }
}
