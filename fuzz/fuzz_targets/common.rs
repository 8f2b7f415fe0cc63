//! Shared by the fuzz targets: run the pipeline and every renderer, then check the
#![allow(dead_code)] // each target uses one entry point
//! invariants a result must keep whatever the input.

use yujue::driver::FileOutcome;
use yujue::report;

pub fn run_bytes(data: &[u8]) {
    let outcome = match yujue::analyze_bytes("fuzz.txt", data) {
        Ok(analysis) => FileOutcome::Checked(Box::new(analysis)),
        Err(error) => FileOutcome::Failed {
            path: "fuzz.txt".to_owned(),
            error,
        },
    };
    render_and_check(&outcome);
}

pub fn run_text(text: &str) {
    let analysis = yujue::analyze_text("fuzz.txt", text.to_owned(), "UTF-8");
    render_and_check(&FileOutcome::Checked(Box::new(analysis)));
}

fn render_and_check(outcome: &FileOutcome) {
    let value = report::json::to_value(outcome);
    let json = serde_json::to_string(&value).expect("JSON renders");
    let back: serde_json::Value = serde_json::from_str(&json).expect("JSON parses back");
    assert_eq!(back, value);
    let text = report::text::render(outcome);
    match outcome {
        FileOutcome::Failed { error, .. } => {
            assert!(error.code().starts_with("E-"));
            assert!(text.contains(error.code()));
        }
        FileOutcome::Checked(analysis) => {
            let source = &analysis.source;
            let len = source.text.len();
            let lines = source.line_count();
            let spans = analysis
                .report
                .records
                .figures
                .iter()
                .map(|f| &f.span)
                .chain(analysis.report.findings.iter().flat_map(|f| f.spans.iter()));
            for span in spans {
                assert!(span.start <= span.end && span.end <= len, "{span:?}");
                assert!(span.line >= 1 && span.line <= lines, "{span:?}");
                assert!(span.column >= 1, "{span:?}");
                assert_eq!((span.line, span.column), source.line_col(span.start));
            }
            let summary = &analysis.report.summary;
            assert_eq!(
                summary.errors + summary.warnings + summary.notes,
                analysis.report.findings.len()
            );
            assert_eq!(summary.reconciled, summary.errors == 0);
        }
    }
}
