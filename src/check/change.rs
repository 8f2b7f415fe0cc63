//! Changes against last year (C001–C004): `增加/减少 X，增长/下降 Y%`.

use rust_decimal::Decimal;

use super::eval::{self, Diagnosis, Reading, Verdict};
use super::rules::{ChangeDirection, ChangeMismatch, ChangeOfZero, ChangeTruncated};
use super::{Context, finding, unit};
use crate::extract::Relation;
use crate::extract::scan::Direction;
use crate::model::Finding;

/// The figures of one change.
#[derive(Clone, Copy)]
struct Parts {
    current: usize,
    previous: Option<usize>,
    amount: usize,
    direction: Direction,
    percent: usize,
}

fn evaluate(ctx: &Context, x: Parts, reading: &Reading) -> Verdict {
    let Parts {
        current,
        previous,
        amount,
        direction,
        percent,
    } = x;
    let interval = |i: usize| ctx.interval(i, reading);
    let (Some(c), Some(a), Some(p)) = (interval(current), interval(amount), interval(percent))
    else {
        return Verdict::Undefined;
    };
    let derived = match direction {
        Direction::Up => c.minus(a),
        Direction::Down => c.plus(a),
    };
    let Some(derived) = derived else {
        return Verdict::Undefined;
    };
    // Where last year's figure is stated, it must agree with this year's minus the change.
    let last = match previous.and_then(interval) {
        Some(stated) if !stated.meets(derived) => {
            return Verdict::Fails {
                stated,
                expected: derived,
            };
        }
        Some(stated) => stated,
        None => derived,
    };
    let zero = |i: usize| ctx.figure(i).is_some_and(|f| f.written_value.is_zero());
    if zero(amount) && zero(percent) {
        return Verdict::Holds;
    }
    // Last year's figure as written: this year's minus the change.
    let exact_reading = Reading {
        precision: crate::interval::Precision::Exact,
        ..*reading
    };
    let exact = |i: usize| ctx.interval(i, &exact_reading).map(|x| x.lo);
    if let (Some(cv), Some(av)) = (exact(current), exact(amount))
        && direction == Direction::Up
        && cv <= av
    {
        // Equal: last year was zero. Smaller: last year would be negative, impossible.
        return if cv == av {
            Verdict::ZeroBase
        } else {
            Verdict::Fails {
                stated: p,
                expected: crate::interval::Interval::point(Decimal::ZERO),
            }
        };
    }
    if last.hi <= Decimal::ZERO {
        return Verdict::ZeroBase;
    }
    if last.lo <= Decimal::ZERO {
        // Last year's figure may be zero within rounding: only a lower bound is known.
        let lower =
            a.lo.checked_div(last.hi)
                .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED));
        return match lower {
            Some(l) if p.hi < l => Verdict::Fails {
                stated: p,
                expected: crate::interval::Interval { lo: l, hi: l },
            },
            _ => Verdict::Holds,
        };
    }
    eval::compare_percent(p, a, last)
}

fn word(d: Direction) -> &'static str {
    match d {
        Direction::Up => "an increase",
        Direction::Down => "a decrease",
    }
}

/// Check one change; returns whether it was evaluated.
pub fn check(ctx: &Context, relation: &Relation, out: &mut Vec<Finding>) -> bool {
    let Relation::Change {
        current,
        previous,
        amount,
        direction,
        percent,
        percent_direction,
    } = relation
    else {
        return false;
    };
    let (current, amount, direction) = (*current, *amount, *direction);
    let Some(percent) = *percent else {
        return impossible_increase(ctx, current, amount, direction, out);
    };
    let spans = || -> Vec<_> {
        [
            ctx.span(percent, "stated change"),
            ctx.span(amount, "change"),
            ctx.span(current, "this year"),
        ]
        .into_iter()
        .flatten()
        .collect()
    };
    let (Some(c), Some(a), Some(p)) =
        (ctx.figure(current), ctx.figure(amount), ctx.figure(percent))
    else {
        return false;
    };
    if let Some(pd) = percent_direction
        && *pd != direction
        && !a.written_value.is_zero()
        && !p.written_value.is_zero()
    {
        out.push(finding(
            &ChangeDirection::INFO,
            format!(
                "{} is {} but {} is {}",
                ctx.named(amount),
                word(direction),
                ctx.named(percent),
                word(*pd)
            ),
            Some(eval::plain(p.value)),
            None,
            None,
            spans(),
        ));
        return true;
    }
    let parts = Parts {
        current,
        previous: *previous,
        amount,
        direction,
        percent,
    };
    let mut involved = vec![percent, amount, current];
    involved.extend(*previous);
    let diagnosis = eval::diagnose(
        ctx,
        involved.iter().copied(),
        || None,
        |r| evaluate(ctx, parts, r),
    );
    if !reported(diagnosis) {
        return true;
    }
    let (unit_shown, decimals) = eval::display_unit(c);
    let last = match direction {
        Direction::Up => c.value.checked_sub(a.value),
        Direction::Down => c.value.checked_add(a.value),
    }
    .unwrap_or_default();
    let last = eval::money(last, unit_shown, decimals);
    report(
        ctx,
        Finished {
            diagnosis,
            percent,
            current,
            involved: &involved,
            spans: spans(),
        },
        |r| evaluate(ctx, parts, r),
        format!(
            "for {} changed by {}, but last year's figure ({last}) is zero",
            ctx.named(current),
            a.span.text
        ),
        format!(
            "for {} changed by {}: last year's figure is then {last}, and",
            ctx.named(current),
            a.span.text
        ),
        out,
    );
    true
}

/// Check a percentage change between two stated figures; returns whether it was evaluated.
pub fn check_growth(ctx: &Context, relation: &Relation, out: &mut Vec<Finding>) -> bool {
    let Relation::Growth {
        current,
        previous,
        percent,
        direction,
    } = relation
    else {
        return false;
    };
    let (current, previous, percent, direction) = (*current, *previous, *percent, *direction);
    let evaluate = |reading: &Reading| {
        let interval = |i: usize| ctx.interval(i, reading);
        let (Some(c), Some(prev), Some(p)) =
            (interval(current), interval(previous), interval(percent))
        else {
            return Verdict::Undefined;
        };
        if prev.is_zero_only() {
            return Verdict::ZeroBase;
        }
        let delta = match direction {
            Direction::Up => c.minus(prev),
            Direction::Down => prev.minus(c),
        };
        match delta {
            Some(d) => eval::compare_percent(p, d, prev),
            None => Verdict::Undefined,
        }
    };
    let involved = [percent, current, previous];
    let diagnosis = eval::diagnose(ctx, involved, || None, evaluate);
    if ctx.figure(percent).is_none() || ctx.figure(current).is_none() {
        return false;
    }
    if !reported(diagnosis) {
        return true;
    }
    let spans: Vec<_> = [
        ctx.span(percent, "stated change"),
        ctx.span(current, "this year"),
        ctx.span(previous, "compared with"),
    ]
    .into_iter()
    .flatten()
    .collect();
    report(
        ctx,
        Finished {
            diagnosis,
            percent,
            current,
            involved: &involved,
            spans,
        },
        evaluate,
        format!(
            "for {} against {}, which is zero",
            ctx.named(current),
            ctx.named(previous)
        ),
        format!(
            "for {} against {}, but",
            ctx.named(current),
            ctx.named(previous)
        ),
        out,
    );
    true
}

/// `0万元,比上年增加1421.25万元`: an increase larger than this year's figure leaves last
/// year negative. Returns whether the change was evaluated.
fn impossible_increase(
    ctx: &Context,
    current: usize,
    amount: usize,
    direction: Direction,
    out: &mut Vec<Finding>,
) -> bool {
    if direction != Direction::Up {
        return false;
    }
    let (Some(c), Some(a)) = (ctx.figure(current), ctx.figure(amount)) else {
        return false;
    };
    let (Some(ci), Some(ai)) = (
        ctx.interval(current, &Reading::ROUNDED),
        ctx.interval(amount, &Reading::ROUNDED),
    ) else {
        return false;
    };
    if ai.lo > ci.hi {
        let (unit_shown, decimals) = eval::display_unit(c);
        let last = c.value.checked_sub(a.value).unwrap_or_default();
        out.push(finding(
            &ChangeMismatch::INFO,
            format!(
                "{} is said to have increased by {}, more than the figure itself: last year's figure would be {}",
                ctx.named(current),
                a.span.text,
                eval::money(last, unit_shown, decimals)
            ),
            Some(eval::plain(a.value)),
            Some(format!("at most {}", eval::plain(c.value))),
            Some(eval::plain(a.value.checked_sub(c.value).unwrap_or_default())),
            [ctx.span(amount, "stated change"), ctx.span(current, "this year")]
                .into_iter()
                .flatten()
                .collect(),
        ));
    }
    true
}

/// A change evaluated, with what its findings point at.
struct Finished<'a> {
    diagnosis: Diagnosis,
    percent: usize,
    current: usize,
    involved: &'a [usize],
    spans: Vec<crate::model::Span>,
}

/// Report the finding a change's diagnosis calls for; `zero` and `fails` are the words
/// after "{percentage} is stated" naming what the percentage is of.
/// Whether [`report`] makes a finding of a diagnosis: the spans and names a finding needs
/// are built only then (most changes hold).
fn reported(diagnosis: Diagnosis) -> bool {
    !matches!(
        diagnosis,
        Diagnosis::Holds | Diagnosis::Undefined | Diagnosis::Nudged { .. }
    )
}

fn report(
    ctx: &Context,
    done: Finished,
    recompute: impl Fn(&Reading) -> Verdict,
    zero: String,
    fails: String,
    out: &mut Vec<Finding>,
) {
    let Finished {
        diagnosis,
        percent,
        current,
        involved,
        spans,
    } = done;
    let Some(p) = ctx.figure(percent) else { return };
    match diagnosis {
        Diagnosis::Holds | Diagnosis::Undefined | Diagnosis::Nudged { .. } => {}
        Diagnosis::ZeroBase => out.push(finding(
            &ChangeOfZero::INFO,
            format!("{} is stated {zero}", p.span.text),
            Some(eval::plain(p.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::Truncated => out.push(finding(
            &ChangeTruncated::INFO,
            format!(
                "change {} of {} holds only if the figures were truncated, not rounded",
                p.span.text,
                ctx.named(current)
            ),
            Some(eval::plain(p.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::WrongUnit { .. } => {
            unit::wrong_unit(ctx, diagnosis, "change", involved, out);
        }
        Diagnosis::Fails { expected, .. } => {
            let point = eval::recomputed(recompute).unwrap_or(expected.mid());
            let diff = p.value.checked_sub(point).unwrap_or_default();
            out.push(finding(
                &ChangeMismatch::INFO,
                format!(
                    "{} is stated {fails} the change is {}% (rounding allows {}%); difference {} percentage points",
                    p.span.text,
                    eval::group(point, 2),
                    super::share::range(expected),
                    eval::group(diff, 2),
                ),
                Some(eval::plain(p.value)),
                Some(eval::plain(point.round_dp(6))),
                Some(eval::plain(diff.round_dp(6))),
                spans,
            ));
        }
    }
}
