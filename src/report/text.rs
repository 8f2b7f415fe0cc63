//! The human report: one diagnostic per finding, then a summary.

use std::fmt::Write;

use crate::driver::FileOutcome;

/// Render one outcome as text.
pub fn render(outcome: &FileOutcome) -> String {
    let mut out = String::new();
    match outcome {
        FileOutcome::Checked(analysis) => {
            for f in &analysis.report.findings {
                let _ = writeln!(out, "{}[{}]: {}", f.severity.as_str(), f.code, f.message);
                if let Some(span) = f.spans.first() {
                    let _ = writeln!(
                        out,
                        "  --> {}:{}:{}",
                        analysis.report.path, span.line, span.column
                    );
                }
                for s in &f.spans {
                    let _ = writeln!(out, "   = {}:{} {} {}", s.line, s.column, s.label, s.text);
                }
                out.push('\n');
            }
        }
        FileOutcome::Failed { path, error } => {
            let _ = writeln!(out, "error[{}]: {}\n  --> {}\n", error.code(), error, path);
        }
    }
    out
}
