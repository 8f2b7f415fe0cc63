//! Checks: every rule, and the registry that lists them.
//!
//! Each family of rules is a module that evaluates one kind of relation extracted from
//! the text ([`crate::extract::Relation`]) on intervals, never on exact decimals; the
//! registry [`RULES`] lists every rule with its stable code. Adding a check is one module
//! (or one function in a family) and one line in [`RULES`].

pub mod eval;
pub mod rule;
pub mod rules;

mod change;
pub mod completeness;
mod rate;
mod restated;
pub(crate) mod share;
mod sum;
mod unit;

use crate::extract::{Extraction, Relation};
use crate::interval::Interval;
use crate::model::{Figure, Finding, Span};
use crate::source::Source;
pub use rule::RuleInfo;
use rules::*;

/// Every rule, in code order.
pub const RULES: &[RuleInfo] = &[
    ChangeMismatch::INFO,
    ChangeDirection::INFO,
    ChangeOfZero::INFO,
    ChangeTruncated::INFO,
    ShareMismatch::INFO,
    ShareOfZero::INFO,
    ShareTruncated::INFO,
    ShareNudged::INFO,
    RateMismatch::INFO,
    RateOfZero::INFO,
    RateTruncated::INFO,
    SumMismatch::INFO,
    PartsExceedTotal::INFO,
    SumTruncated::INFO,
    WrongUnit::INFO,
    MissingUnit::INFO,
    RestatedMismatch::INFO,
    completeness::MissingRequiredPart::INFO,
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Findings of one document and the number of checks evaluated.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub checks: usize,
}

/// What a family needs to report a finding.
pub struct Context<'a> {
    pub figures: &'a [Figure],
    pub relations: &'a [Relation],
    /// The unit most money figures are written in ([`eval::main_unit`]), counted once a
    /// document rather than once a failing relation.
    pub main_unit: Option<crate::amount::Unit>,
    /// Each figure's interval under [`eval::Reading::ROUNDED`], worked out when first asked
    /// for (see [`Context::interval_in_list`]).
    pub rounded: Vec<std::cell::OnceCell<Option<Interval>>>,
    /// The stated shares of each group: their sum and number (see `share::share_groups`).
    pub share_groups:
        std::cell::OnceCell<std::collections::HashMap<usize, (rust_decimal::Decimal, usize)>>,
}

impl<'a> Context<'a> {
    /// The context of one document's checks: nothing worked out yet.
    pub fn new(extraction: &'a Extraction) -> Self {
        let figures = &extraction.records.figures;
        Context {
            figures,
            relations: &extraction.records.statements,
            main_unit: eval::main_unit(figures),
            rounded: std::iter::repeat_with(std::cell::OnceCell::new)
                .take(figures.len())
                .collect(),
            share_groups: std::cell::OnceCell::new(),
        }
    }

    pub fn figure(&self, i: usize) -> Option<&Figure> {
        self.figures.get(i)
    }

    /// The interval figure `i` stands for under `reading` ([`eval::Reading::interval`]).
    pub fn interval(&self, i: usize, reading: &eval::Reading) -> Option<Interval> {
        self.interval_in_list(i, reading, 0)
    }

    /// The interval figure `i` stands for under `reading`, among figures carrying
    /// `list_decimals` places ([`eval::Reading::interval_in_list`]). Kept for the readings
    /// that read the figure as rounding does: a figure is in several relations (a total in
    /// its sum and its shares), each evaluated under several readings, and building a
    /// `Decimal` interval (a subtraction, an addition, two multiplications) was a third of
    /// the checks' cost.
    pub fn interval_in_list(
        &self,
        i: usize,
        reading: &eval::Reading,
        list_decimals: u32,
    ) -> Option<Interval> {
        let f = self.figure(i)?;
        match self.rounded.get(i) {
            Some(kept) if reading.reads_as_rounded(f, list_decimals) => {
                *kept.get_or_init(|| eval::Reading::ROUNDED.interval(f))
            }
            _ => reading.interval_in_list(f, list_decimals),
        }
    }

    /// The span of a figure, labelled.
    pub fn span(&self, i: usize, label: &str) -> Option<Span> {
        self.figures.get(i).map(|f| Span {
            label: label.to_owned(),
            ..f.span.clone()
        })
    }

    /// A figure as the document writes it, with its label: `收入合计 8,274,739.11元`.
    pub fn named(&self, i: usize) -> String {
        self.figures.get(i).map_or_else(String::new, |f| {
            let label = short_label(&f.label);
            if label.is_empty() {
                f.span.text.clone()
            } else {
                format!("{label} {}", f.span.text)
            }
        })
    }
}

/// The label trimmed for messages: the last words before the figure.
fn short_label(label: &str) -> String {
    let l = label
        .trim()
        .trim_start_matches(['、', ',', ';', ':'])
        .trim_start_matches("其中")
        .trim_start_matches([':', ',']);
    let chars: Vec<char> = l.chars().collect();
    if chars.len() > 24 {
        let tail: String = chars.iter().skip(chars.len() - 24).collect();
        format!("…{tail}")
    } else {
        l.to_owned()
    }
}

/// Build a finding.
pub fn finding(
    rule: &RuleInfo,
    message: String,
    stated: Option<String>,
    expected: Option<String>,
    difference: Option<String>,
    spans: Vec<Span>,
) -> Finding {
    Finding {
        code: rule.code.to_owned(),
        severity: rule.severity,
        message,
        stated,
        expected,
        difference,
        spans,
    }
}

/// Run every check on one document.
pub fn run(extraction: &Extraction, source: &Source) -> Outcome {
    let ctx = Context::new(extraction);
    let mut out = Outcome::default();
    for relation in &extraction.records.statements {
        let evaluated = match relation {
            Relation::Sum { .. } => sum::check(&ctx, relation, &mut out.findings),
            Relation::Share { .. } | Relation::ShareOfListed { .. } => {
                share::check(&ctx, relation, &mut out.findings)
            }
            Relation::Change { .. } => change::check(&ctx, relation, &mut out.findings),
            Relation::Growth { .. } => change::check_growth(&ctx, relation, &mut out.findings),
            Relation::Rate { .. } => rate::check(&ctx, relation, &mut out.findings),
            Relation::Restated { .. } => restated::check(&ctx, relation, &mut out.findings),
        };
        out.checks += usize::from(evaluated);
    }
    out.checks += unit::missing_units(&ctx, &extraction.missing_units, &mut out.findings);
    out.findings.extend(completeness::check(extraction, source));
    // One wrong unit breaks every relation its figure is in: report it once.
    let mut seen = std::collections::HashSet::new();
    out.findings.retain(|f| {
        f.code != rules::WrongUnit::INFO.code || seen.insert(f.spans.first().map(|s| s.start))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::eval::Reading;
    use super::*;
    use crate::amount::Unit;

    /// The intervals a context keeps are those the readings work out.
    #[test]
    fn kept_intervals_are_the_readings_intervals() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(root.join("fixtures/000_1a870d402bb54ab0.txt")).unwrap();
        let source = crate::source::decode(&bytes).unwrap();
        let normalized = crate::normalize::normalize(&source.text);
        let sections = crate::segment::segment(&normalized.text);
        let extraction = crate::extract::extract(&source, normalized, sections);
        let figures = &extraction.records.figures;
        assert!(figures.len() > 20);
        let ctx = Context::new(&extraction);
        // Compared digit for digit: a scale can show in messages.
        let digits = |i: Option<Interval>| {
            i.map(|i| (i.lo.mantissa(), i.lo.scale(), i.hi.mantissa(), i.hi.scale()))
        };
        // Twice: the second time from what was kept.
        for _ in 0..2 {
            for (i, f) in figures.iter().enumerate() {
                let other = (f.id + 1) % figures.len();
                let mut readings = vec![Reading::ROUNDED, Reading::TRUNCATED, Reading::EXACT];
                for id in [f.id, other] {
                    readings.push(Reading {
                        unit_override: Some((id, Unit::Yuan)),
                        ..Reading::ROUNDED
                    });
                    readings.push(Reading {
                        nudge: Some((id, 1)),
                        ..Reading::ROUNDED
                    });
                }
                for reading in &readings {
                    for places in [0, 1, 2] {
                        assert_eq!(
                            digits(ctx.interval_in_list(i, reading, places)),
                            digits(reading.interval_in_list(f, places)),
                            "{} {reading:?} {places}",
                            f.span.text
                        );
                    }
                }
            }
        }
    }
}
