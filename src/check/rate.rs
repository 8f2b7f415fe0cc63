//! Completion and execution rates (R001–R003): `完成年初预算的Z%` against actual / budget.

use rust_decimal::Decimal;

use super::eval::{self, Diagnosis, Reading, Verdict};
use super::rules::{RateMismatch, RateOfZero, RateTruncated};
use super::{Context, finding, unit};
use crate::extract::Relation;
use crate::model::Finding;

fn evaluate(
    ctx: &Context,
    actual: usize,
    budget: usize,
    percent: usize,
    overrun: bool,
    reading: &Reading,
) -> Verdict {
    let interval = |i: usize| ctx.interval(i, reading);
    let (Some(a), Some(b), Some(p)) = (interval(actual), interval(budget), interval(percent))
    else {
        return Verdict::Undefined;
    };
    let zero = |i: usize| ctx.figure(i).is_some_and(|f| f.written_value.is_zero());
    if b.lo <= Decimal::ZERO {
        if zero(budget) && zero(actual) && zero(percent) {
            return Verdict::Holds;
        }
        return if zero(budget) {
            Verdict::ZeroBase
        } else {
            Verdict::Undefined
        };
    }
    let numerator = if overrun { a.minus(b) } else { Some(a) };
    match numerator {
        Some(n) => eval::compare_percent(p, n, b),
        None => Verdict::Undefined,
    }
}

/// Check one rate; returns whether it was evaluated.
pub fn check(ctx: &Context, relation: &Relation, out: &mut Vec<Finding>) -> bool {
    let Relation::Rate {
        actual,
        budget,
        percent,
        overrun,
    } = relation
    else {
        return false;
    };
    let (actual, budget, percent, overrun) = (*actual, *budget, *percent, *overrun);
    let involved = [percent, actual, budget];
    let diagnosis = eval::diagnose(
        ctx,
        involved,
        || None,
        |r| evaluate(ctx, actual, budget, percent, overrun, r),
    );
    let Some(p) = ctx.figure(percent) else {
        return false;
    };
    // Most rates hold: their spans and names are only built for a finding.
    if matches!(
        diagnosis,
        Diagnosis::Holds | Diagnosis::Undefined | Diagnosis::Nudged { .. }
    ) {
        return true;
    }
    let spans: Vec<_> = [
        ctx.span(percent, "stated rate"),
        ctx.span(actual, "actual"),
        ctx.span(budget, "budget"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let what = if overrun {
        "overrun"
    } else {
        "completion rate"
    };
    match diagnosis {
        Diagnosis::Holds | Diagnosis::Undefined | Diagnosis::Nudged { .. } => {}
        Diagnosis::ZeroBase => out.push(finding(
            &RateOfZero::INFO,
            format!(
                "{what} {} is stated for {} against {}, a budget of zero",
                p.span.text,
                ctx.named(actual),
                ctx.named(budget)
            ),
            Some(eval::plain(p.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::Truncated => out.push(finding(
            &RateTruncated::INFO,
            format!(
                "{what} {} of {} holds only if the figures were truncated, not rounded",
                p.span.text,
                ctx.named(actual)
            ),
            Some(eval::plain(p.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::WrongUnit { .. } => {
            unit::wrong_unit(ctx, diagnosis, what, &involved, out);
        }
        Diagnosis::Fails { expected, .. } => {
            let point = eval::recomputed(|r| evaluate(ctx, actual, budget, percent, overrun, r))
                .unwrap_or(expected.mid());
            let diff = p.value.checked_sub(point).unwrap_or_default();
            out.push(finding(
                &RateMismatch::INFO,
                format!(
                    "{what} {} is stated for {} against {}, but the ratio is {}% (rounding allows {}%); difference {} percentage points",
                    p.span.text,
                    ctx.named(actual),
                    ctx.named(budget),
                    eval::group(point, 2),
                    super::share::range(expected),
                    eval::group(diff, 2)
                ),
                Some(eval::plain(p.value)),
                Some(eval::plain(point.round_dp(6))),
                Some(eval::plain(diff.round_dp(6))),
                spans,
            ));
        }
    }
    true
}
