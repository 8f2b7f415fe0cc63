//! yujue (预决): reads Chinese department budget and final-account disclosures
//! (部门预算公开 / 部门决算公开), turns their figures into typed records and checks whether
//! those figures add up.
//!
//! The flow runs one way: bytes → [`source`] (decode) → [`normalize`] → [`segment`] →
//! [`extract`] (typed figures and the relations the text states between them) →
//! [`check`] (findings) → a renderer of the CLI. The library never prints.
//!
//! ```
//! let text = "2022年度收入合计100万元。其中:财政拨款收入90万元,其他收入20万元。";
//! let analysis = yujue::analyze_text("example.txt", text.to_owned(), "UTF-8");
//! let finding = &analysis.report.findings[0];
//! assert_eq!(finding.code, "S001");
//! assert_eq!(finding.spans[0].text, "100万元");
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

/// The five bundled fixtures as published, for unit tests that hold a fast path to the
/// definition it replaces on real text.
#[cfg(test)]
pub(crate) const FIXTURES: [&str; 5] = [
    include_str!("../fixtures/000_1a870d402bb54ab0.txt"),
    include_str!("../fixtures/001_b7b7f0797132f662.txt"),
    include_str!("../fixtures/002_12402e3d59484724.txt"),
    include_str!("../fixtures/003_b6464b9a7bea3343.txt"),
    include_str!("../fixtures/004_7039478323f8a84b.txt"),
];

pub mod amount;
pub mod bytescan;
pub mod check;
pub mod concept;
pub mod config;
mod digits;
pub mod driver;
pub mod error;
pub mod extract;
pub mod input;
pub mod interval;
pub mod model;
pub mod normalize;
pub mod ordered;
pub mod report;
pub mod segment;
pub mod source;
pub mod stats;

use model::{DocumentReport, Severity, Summary};
use source::Source;

pub use error::InputError;

/// A checked document together with its source text, which renderers need for snippets.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub report: DocumentReport,
    pub source: Source,
}

/// Decode and check one document read from `path`.
pub fn analyze_bytes(path: &str, bytes: &[u8]) -> Result<Analysis, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    let source = source::decode(bytes)?;
    Ok(analyze_source(path, source))
}

/// Check one document given as text.
pub fn analyze_text(path: &str, text: String, encoding: &'static str) -> Analysis {
    analyze_source(path, Source::new(text, encoding))
}

/// Normalise, segment and extract one decoded document (no checks).
pub fn extract_source(source: &Source) -> extract::Extraction {
    let mut normalized = normalize::normalize(&source.text);
    source.adopt_line_starts(normalized.take_source_line_starts());
    let sections = segment::segment_normalized(&normalized);
    extract::extract(source, normalized, sections)
}

fn analyze_source(path: &str, source: Source) -> Analysis {
    let extraction = extract_source(&source);
    let outcome = check::run(&extraction, &source);
    let mut findings = outcome.findings;
    findings.sort_by(|a, b| {
        let key = |f: &model::Finding| {
            f.spans
                .first()
                .map(|s| (s.line, s.column))
                .unwrap_or((0, 0))
        };
        key(a).cmp(&key(b)).then_with(|| a.code.cmp(&b.code))
    });
    // A text with no sections and no figures is not a disclosure: say so, don't fail.
    if !input::looks_like_disclosure(&source.text) {
        findings.push(input::not_a_disclosure_note(&source));
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = Summary {
        figures: extraction.records.figures.len(),
        checks: outcome.checks,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Note),
        reconciled: count(Severity::Error) == 0,
    };
    // The extraction is done with: its records move into the report (cloning every
    // figure was a tenth of the time on figure-dense texts).
    let report = DocumentReport {
        path: path.to_owned(),
        document: extraction.meta,
        records: extraction.records,
        findings,
        summary,
    };
    Analysis { report, source }
}
