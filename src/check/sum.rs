//! Sums (S001–S003): a total against the parts the document lists under it.

use super::eval::{self, Diagnosis, Reading, Verdict};
use super::rules::{PartsExceedTotal, SumMismatch, SumTruncated};
use super::{Context, finding, unit};
use crate::extract::{Relation, SumKind};
use crate::interval::Interval;
use crate::model::Finding;

fn evaluate(
    ctx: &Context,
    total: usize,
    parts: &[usize],
    exhaustive: bool,
    reading: &Reading,
) -> Verdict {
    let Some(t) = ctx.interval(total, reading) else {
        return Verdict::Undefined;
    };
    let places = list_decimals(ctx, total, parts);
    let mut sum = Interval::point(rust_decimal::Decimal::ZERO);
    for &p in parts {
        let Some(i) = ctx.interval_in_list(p, reading, places) else {
            return Verdict::Undefined;
        };
        let Some(s) = sum.plus(i) else {
            return Verdict::Undefined;
        };
        sum = s;
    }
    if exhaustive {
        eval::compare(t, sum)
    } else if sum.lo <= t.hi {
        Verdict::Holds
    } else {
        Verdict::Fails {
            stated: t,
            expected: sum,
        }
    }
}

/// The places a list is written to, where its whole numbers dropped their zeros: the
/// total's, when the total and some part carry them in the same unit (`474.56万元` =
/// `116万元` + … + `15.56万元`); else none, and a whole number stands for what rounds to it.
fn list_decimals(ctx: &Context, total: usize, parts: &[usize]) -> u32 {
    let Some(t) = ctx.figure(total) else {
        return 0;
    };
    let same = |p: &usize| {
        ctx.figure(*p)
            .is_some_and(|f| f.unit.is_some() && f.unit == t.unit && f.decimals == t.decimals)
    };
    if t.decimals > 0 && t.unit.is_some() && parts.iter().any(same) {
        t.decimals
    } else {
        0
    }
}

fn describe(kind: SumKind) -> &'static str {
    match kind {
        SumKind::Breakdown => "parts listed under it",
        SumKind::FunctionClasses => "function classification lines listed under it",
        SumKind::ClassItems => "items (项) of this class",
        SumKind::Identity => {
            "income for the year and the carry-over (收入总计 = 本年收入 + 年初结转和结余)"
        }
    }
}

/// Check one sum; returns whether it was evaluated.
pub fn check(ctx: &Context, relation: &Relation, out: &mut Vec<Finding>) -> bool {
    let Relation::Sum {
        total,
        parts,
        exhaustive,
        kind,
    } = relation
    else {
        return false;
    };
    let (total, exhaustive, kind) = (*total, *exhaustive, *kind);
    let involved = || std::iter::once(total).chain(parts.iter().copied());
    let diagnosis = eval::diagnose(
        ctx,
        involved(),
        || None,
        |r| evaluate(ctx, total, parts, exhaustive, r),
    );
    let Some(t) = ctx.figure(total) else {
        return false;
    };
    // Most sums hold: their spans and names are only built for a finding.
    if matches!(
        diagnosis,
        Diagnosis::Holds | Diagnosis::Undefined | Diagnosis::ZeroBase | Diagnosis::Nudged { .. }
    ) {
        return true;
    }
    let (unit_shown, decimals) = eval::display_unit(t);
    let mut spans: Vec<_> = ctx.span(total, "stated total").into_iter().collect();
    spans.extend(parts.iter().filter_map(|&p| ctx.span(p, "part")));
    let part_names: Vec<String> = parts.iter().take(4).map(|&p| ctx.named(p)).collect();
    let more = if parts.len() > 4 {
        format!(" and {} more", parts.len() - 4)
    } else {
        String::new()
    };
    match diagnosis {
        Diagnosis::Holds
        | Diagnosis::Undefined
        | Diagnosis::ZeroBase
        | Diagnosis::Nudged { .. } => {}
        Diagnosis::Truncated => out.push(finding(
            &SumTruncated::INFO,
            format!(
                "{} equals the sum of the {} {} only if the figures were truncated, not rounded",
                ctx.named(total),
                parts.len(),
                describe(kind)
            ),
            Some(eval::plain(t.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::WrongUnit { .. } => {
            let involved: Vec<usize> = involved().collect();
            unit::wrong_unit(ctx, diagnosis, "sum", &involved, out);
        }
        Diagnosis::Fails { stated, expected } => {
            let _ = stated;
            let sum_mid = eval::recomputed(|r| evaluate(ctx, total, parts, exhaustive, r))
                .unwrap_or(expected.mid());
            let diff = t.value.checked_sub(sum_mid).unwrap_or_default();
            let rule = if exhaustive {
                &SumMismatch::INFO
            } else {
                &PartsExceedTotal::INFO
            };
            let verb = if exhaustive {
                "not the sum of"
            } else {
                "less than the sum of"
            };
            out.push(finding(
                rule,
                format!(
                    "{} is {verb} the {} {} ({}{more}), which add up to {}; difference {}",
                    ctx.named(total),
                    parts.len(),
                    describe(kind),
                    part_names.join(", "),
                    eval::money(sum_mid, unit_shown, decimals),
                    eval::money(diff, unit_shown, decimals),
                ),
                Some(eval::plain(t.value)),
                Some(eval::plain(sum_mid)),
                Some(eval::plain(diff)),
                spans,
            ));
        }
    }
    true
}
