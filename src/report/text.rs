//! The human report: one rustc-style diagnostic per finding, then a summary.
//!
//! Owns the layout of a diagnostic: `error[S001]: message`, `--> path:line:column`, the
//! source lines with carets under the stated figure and secondary labels under the figures
//! it was recomputed from, then the stated, expected and difference values. Drawing is left
//! to annotate-snippets, which places carets correctly after wide (CJK, full-width)
//! characters. Colour is a choice of the caller (`styled`); the renderer never looks at
//! the terminal.

use std::io::{self, Write};

use annotate_snippets::{
    AnnotationKind, Group, Level, Origin, Renderer, Snippet, normalize_untrusted_str,
};

use crate::driver::FileOutcome;
use crate::model::{Finding, Severity};
use crate::source::Source;

use super::{RenderDocument, Reporter, Totals};

/// The human report of a run.
#[derive(Debug, Clone, Copy)]
pub struct TextReporter {
    /// Emit ANSI colours (the caller strips them where they do not belong).
    pub styled: bool,
    /// Print the summary only.
    pub quiet: bool,
    /// Columns available for a source line; long lines are cut around their figures to
    /// fit. `None`: 140, the width used wherever the output is not a terminal.
    pub width: Option<usize>,
}

impl RenderDocument for TextReporter {
    fn render(&self, outcome: &FileOutcome) -> io::Result<Vec<u8>> {
        if self.quiet {
            return Ok(Vec::new());
        }
        Ok(render_with(outcome, self.styled, self.width).into_bytes())
    }
}

impl Reporter for TextReporter {
    fn document(&mut self, outcome: &FileOutcome, out: &mut dyn Write) -> io::Result<()> {
        let text = self.render(outcome)?;
        self.write_rendered(&text, out)
    }

    fn renderer(&self) -> Option<Box<dyn RenderDocument>> {
        Some(Box::new(*self))
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", totals.sentence())?;
        if !self.quiet && totals.errors + totals.warnings + totals.notes > 0 {
            writeln!(
                out,
                "`yujue explain CODE` tells what a check means and how to fix the document."
            )?;
        }
        Ok(())
    }
}

fn renderer(styled: bool, width: Option<usize>) -> Renderer {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    match width {
        Some(width) => renderer.term_width(width),
        None => renderer,
    }
}

/// Render every diagnostic of one outcome without colour, each followed by a blank line.
pub fn render(outcome: &FileOutcome) -> String {
    render_styled(outcome, false)
}

/// Render every diagnostic of one outcome, each followed by a blank line; `styled` adds
/// ANSI colours.
pub fn render_styled(outcome: &FileOutcome, styled: bool) -> String {
    render_with(outcome, styled, None)
}

fn render_with(outcome: &FileOutcome, styled: bool, width: Option<usize>) -> String {
    let mut out = String::new();
    match outcome {
        FileOutcome::Checked(analysis) => {
            for finding in &analysis.report.findings {
                out.push_str(&render_finding_with(
                    &analysis.report.path,
                    &analysis.source,
                    finding,
                    styled,
                    width,
                ));
                out.push_str("\n\n");
            }
        }
        FileOutcome::Failed { path, error } => {
            let path = normalize_untrusted_str(path);
            let message = normalize_untrusted_str(&error.to_string());
            let report = [Level::ERROR
                .primary_title(message)
                .id(error.code())
                .element(Origin::path(path))];
            out.push_str(&trim_trailing(&renderer(styled, width).render(&report)));
            out.push_str("\n\n");
        }
    }
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// One span checked against the text: its byte range, the lines it covers and where it
/// starts and ends on screen (display columns from the start of its first line).
struct Placed<'a> {
    start: usize,
    end: usize,
    first_line: usize,
    last_line: usize,
    start_width: usize,
    end_width: usize,
    label: &'a str,
}

/// How many terminal columns `text` takes (CJK and full-width characters take two).
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
        .sum()
}

/// The label to hand to annotate-snippets. It lays labels out by display width but draws
/// them one cell per character, so a label with wide characters that shares a row with a
/// label to its right pushes that one out of place. Trailing spaces up to the next span on
/// the same line make the layout give each such label a row of its own; [`trim_trailing`]
/// removes the spaces afterwards.
fn padded_label(placed: &[&Placed<'_>], this: &Placed<'_>, label: String) -> String {
    if label.is_ascii() {
        return label;
    }
    let gap = placed
        .iter()
        .filter(|p| p.first_line == this.first_line && p.start_width > this.start_width)
        .map(|p| p.start_width.saturating_sub(this.end_width))
        .max()
        .unwrap_or(0);
    format!("{label}{}", " ".repeat(gap))
}

/// A value of a finding for people: digits grouped by thousands and the unit written after
/// it (`1,000,000元`); an interval `[lo, hi]` reads `between lo and hi`. Anything else is
/// left as it is.
fn readable_value(value: &str, unit: &str) -> String {
    if let Some((lo, hi)) = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .and_then(|v| v.split_once(", "))
    {
        return format!(
            "between {} and {}",
            readable_value(lo, unit),
            readable_value(hi, unit)
        );
    }
    let (sign, digits) = match value.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", value),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) || fraction.is_some_and(|f| !is_digits(f)) {
        return value.to_owned();
    }
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}{unit}"),
        None => format!("{sign}{grouped}{unit}"),
    }
}

/// Remove spaces at the end of every line, keeping any colour escapes among them.
fn trim_trailing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Split into escape sequences and characters; drop spaces after the last visible
        // character.
        let mut pieces: Vec<(&str, bool)> = Vec::new();
        let mut rest = line;
        while let Some(c) = rest.chars().next() {
            let len = if c == '\u{1b}' {
                rest.find('m').map_or(rest.len(), |m| m + 1)
            } else {
                c.len_utf8()
            };
            let (piece, tail) = rest.split_at(len);
            pieces.push((piece, c == ' '));
            rest = tail;
        }
        let last_visible = pieces
            .iter()
            .rposition(|(p, space)| !space && !p.starts_with('\u{1b}'));
        for (k, (piece, space)) in pieces.iter().enumerate() {
            if *space && last_visible.is_none_or(|v| k > v) {
                continue;
            }
            out.push_str(piece);
        }
    }
    out
}

/// Render one finding. Spans whose byte range does not fall on the text are left out of the
/// snippet (the location line then comes from the first span's line and column).
pub fn render_finding(path: &str, source: &Source, finding: &Finding, styled: bool) -> String {
    render_finding_with(path, source, finding, styled, None)
}

fn render_finding_with(
    path: &str,
    source: &Source,
    finding: &Finding,
    styled: bool,
    width: Option<usize>,
) -> String {
    let placed: Vec<Option<Placed<'_>>> = finding
        .spans
        .iter()
        .map(|span| {
            let text = source.text.get(span.start..span.end)?;
            if text.is_empty() {
                return None;
            }
            let first_line = source.line_col(span.start).0;
            let line_start = source.line_start(first_line);
            let width = |end: usize| display_width(source.text.get(line_start..end).unwrap_or(""));
            Some(Placed {
                start: span.start,
                end: span.end,
                first_line,
                last_line: source
                    .line_col(span.end.saturating_sub(1).max(span.start))
                    .0,
                start_width: width(span.start),
                end_width: width(span.end),
                label: &span.label,
            })
        })
        .collect();
    let message = normalize_untrusted_str(&finding.message);
    let title = level(finding.severity)
        .primary_title(message)
        .id(finding.code.as_str());
    let mut group: Group<'_> = match placed.first() {
        Some(Some(_)) => {
            let first = placed.iter().flatten().map(|p| p.first_line).min();
            let last = placed.iter().flatten().map(|p| p.last_line).max();
            let (first, last) = (first.unwrap_or(1), last.unwrap_or(1));
            let window_start = source.line_start(first);
            let window_end = source.line_start(last + 1);
            let window = source.text.get(window_start..window_end).unwrap_or("");
            let window = window.trim_end_matches(['\n', '\r']);
            let valid: Vec<&Placed<'_>> = placed.iter().flatten().collect();
            let annotations = valid.iter().enumerate().map(|(i, p)| {
                let kind = if i == 0 {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                let range = p.start.saturating_sub(window_start)
                    ..p.end.saturating_sub(window_start).min(window.len());
                let label = if p.label.is_empty() && i == 0 {
                    "stated".to_owned()
                } else {
                    normalize_untrusted_str(p.label)
                };
                kind.span(range).label(padded_label(&valid, p, label))
            });
            title.element(
                Snippet::source(window)
                    .line_start(first)
                    .path(normalize_untrusted_str(path))
                    .fold(true)
                    .annotations(annotations.collect::<Vec<_>>()),
            )
        }
        _ => {
            let mut origin = Origin::path(normalize_untrusted_str(path));
            if let Some(span) = finding.spans.first() {
                origin = origin.line(span.line).char_column(span.column);
            }
            title.element(origin)
        }
    };
    // Values are in 元, or in % when the stated figure is a percentage.
    let unit = match finding.spans.first() {
        Some(span) if span.text.contains(['%', '％']) => "%",
        _ => "元",
    };
    for (name, value) in [
        ("stated", &finding.stated),
        ("expected", &finding.expected),
        ("difference", &finding.difference),
    ] {
        if let Some(value) = value {
            group = group.element(
                Level::NOTE
                    .with_name(name)
                    .message(normalize_untrusted_str(&readable_value(value, unit))),
            );
        }
    }
    trim_trailing(&renderer(styled, width).render(&[group]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing;

    #[test]
    fn carets_land_under_the_figures_after_wide_characters() {
        let outcome = testing::checked();
        let text = render(&outcome);
        insta::assert_snapshot!(text);
        // The caret line under the stated figure starts where the figure starts on screen:
        // every CJK or full-width character before it takes two columns.
        let lines: Vec<&str> = text.lines().collect();
        let source_line = lines
            .iter()
            .position(|l| l.contains("2023年度收入合计"))
            .unwrap();
        let caret_line = lines[source_line + 1];
        let width = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        };
        let prefix = &lines[source_line][..lines[source_line].find("１００万元").unwrap()];
        assert_eq!(caret_line.find('^').unwrap(), width(prefix));
    }

    #[test]
    fn parts_on_other_lines_are_shown_and_the_lines_between_folded() {
        let text = "2023年度支出合计２００万元（决算数），具体如下：\n\
            一、基本支出120万元。\n\
            （说明文字第一行）\n\
            （说明文字第二行）\n\
            （说明文字第三行）\n\
            （说明文字第四行）\n\
            二、项目支出90万元。\n";
        let source = Source::new(text.to_owned(), "UTF-8");
        let finding = Finding {
            code: "S001".to_owned(),
            severity: Severity::Error,
            message: "支出合计 200万元 ≠ 基本支出 120万元 + 项目支出 90万元 = 210万元".to_owned(),
            stated: Some("2000000".to_owned()),
            expected: Some("2100000".to_owned()),
            difference: Some("-100000".to_owned()),
            spans: vec![
                testing::span(&source, "２００万元", 0, "支出合计"),
                testing::span(&source, "120万元", 0, "基本支出"),
                testing::span(&source, "90万元", 0, "项目支出"),
            ],
        };
        let rendered = render_finding("b.txt", &source, &finding, false);
        insta::assert_snapshot!(rendered);
        assert!(rendered.contains("1 | 2023年度支出合计"), "{rendered}");
        assert!(rendered.contains("7 | 二、项目支出90万元"), "{rendered}");
        assert!(!rendered.contains("说明文字第二行"), "{rendered}");
    }

    #[test]
    fn unreadable_input_is_one_error_with_its_code() {
        let text = render(&testing::failed());
        assert_eq!(
            text,
            "error[E-EMPTY]: the file is empty (nothing but whitespace)\n--> data/empty.txt\n\n"
        );
    }

    #[test]
    fn a_finding_without_spans_still_names_the_file() {
        let source = Source::new(testing::TEXT.to_owned(), "UTF-8");
        let mut finding = testing::sum_finding(&source);
        finding.spans.clear();
        finding.stated = None;
        finding.expected = None;
        finding.difference = None;
        let text = render_finding("a.txt", &source, &finding, false);
        assert!(text.starts_with("error[S001]: 收入合计"), "{text}");
        assert!(text.contains("--> a.txt"), "{text}");
    }

    #[test]
    fn spans_off_the_text_are_left_out_not_panicked_on() {
        let source = Source::new("收入合计100万元。".to_owned(), "UTF-8");
        let mut finding = testing::sum_finding(&Source::new(testing::TEXT.to_owned(), "UTF-8"));
        // Byte offsets from a longer text: outside this one, or inside a character.
        finding.spans[0].start = 1;
        finding.spans[0].end = 2;
        let text = render_finding("a.txt", &source, &finding, false);
        assert!(text.contains("--> a.txt:2:"), "{text}");
        assert!(!text.contains('^'), "{text}");
    }

    #[test]
    fn values_are_grouped_and_carry_their_unit() {
        assert_eq!(readable_value("6757101.67", "元"), "6,757,101.67元");
        assert_eq!(readable_value("-100000", "元"), "-100,000元");
        assert_eq!(readable_value("999", "元"), "999元");
        assert_eq!(readable_value("15.79", "%"), "15.79%");
        assert_eq!(
            readable_value("[1099999.5, 1100000.5]", "元"),
            "between 1,099,999.5元 and 1,100,000.5元"
        );
        assert_eq!(readable_value("n/a", "元"), "n/a");
        assert_eq!(readable_value("1.2.3", "元"), "1.2.3");
    }

    #[test]
    fn trailing_spaces_go_but_colour_escapes_stay() {
        assert_eq!(trim_trailing("a  \n  |  b   "), "a\n  |  b");
        assert_eq!(
            trim_trailing("\u{1b}[1m收入\u{1b}[0m   \u{1b}[0m\n   "),
            "\u{1b}[1m收入\u{1b}[0m\u{1b}[0m\n"
        );
    }

    #[test]
    fn a_narrow_terminal_cuts_long_lines_around_the_figures() {
        let outcome = testing::checked();
        let mut reporter = TextReporter {
            styled: false,
            quiet: false,
            width: Some(40),
        };
        let mut out = Vec::new();
        reporter.document(&outcome, &mut out).unwrap();
        let narrow = String::from_utf8(out).unwrap();
        let wide = render(&outcome);
        let source_line = |text: &str| {
            text.lines()
                .find(|l| l.starts_with("2 | "))
                .unwrap()
                .to_owned()
        };
        assert!(source_line(&wide).ends_with("其他收入20万元。"));
        assert!(source_line(&narrow).contains("..."), "{narrow}");
        assert!(source_line(&narrow).len() < source_line(&wide).len());
    }

    #[test]
    fn styled_output_has_colour_and_plain_has_none() {
        let outcome = testing::checked();
        assert!(render_styled(&outcome, true).contains('\u{1b}'));
        assert!(!render(&outcome).contains('\u{1b}'));
    }

    #[test]
    fn quiet_prints_the_summary_only() {
        let mut reporter = TextReporter {
            styled: false,
            quiet: true,
            width: None,
        };
        let mut out = Vec::new();
        let outcome = testing::checked();
        let mut totals = Totals::default();
        totals.add(&outcome);
        reporter.document(&outcome, &mut out).unwrap();
        reporter.finish(&totals, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.starts_with("1 document checked: 0 reconciled, 1 with errors"),
            "{out}"
        );
        assert_eq!(out.lines().count(), 2);
    }
}
