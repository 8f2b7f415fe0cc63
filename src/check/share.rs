//! Shares (P001–P004): `占…Y%` against part / base.

use rust_decimal::Decimal;

use super::eval::{self, Diagnosis, Reading, Verdict};
use super::rules::{ShareMismatch, ShareNudged, ShareOfZero, ShareTruncated};
use super::{Context, finding, unit};
use crate::extract::Relation;
use crate::interval::Interval;
use crate::model::Finding;

fn evaluate(
    ctx: &Context,
    parts: &[usize],
    base: usize,
    percent: usize,
    reading: &Reading,
) -> Verdict {
    let interval = |i: usize| ctx.figure(i).and_then(|f| reading.interval(f));
    let (Some(b), Some(s)) = (interval(base), interval(percent)) else {
        return Verdict::Undefined;
    };
    let mut p = Interval::point(Decimal::ZERO);
    for &i in parts {
        let Some(x) = interval(i).and_then(|x| p.plus(x)) else {
            return Verdict::Undefined;
        };
        p = x;
    }
    if b.lo <= Decimal::ZERO {
        let zero_written = |i: usize| ctx.figure(i).is_some_and(|f| f.written_value.is_zero());
        // 0 of 0 stated as 0% is the documents' way of saying "nothing".
        if zero_written(base) && parts.iter().all(|&i| zero_written(i)) && zero_written(percent) {
            return Verdict::Holds;
        }
        return if zero_written(base) {
            Verdict::ZeroBase
        } else {
            Verdict::Undefined
        };
    }
    match p.percent_of(b) {
        Some(expected) => eval::compare(s, expected),
        None => Verdict::Undefined,
    }
}

/// Whether the stated shares of a group add up to exactly 100.
fn group_sums_to_100(ctx: &Context, group: usize) -> bool {
    ctx.share_groups
        .get_or_init(|| share_groups(ctx))
        .get(&group)
        .is_some_and(|&(sum, n)| n >= 2 && sum == Decimal::ONE_HUNDRED)
}

/// The sum and number of stated shares of each group, added once a document (adding a
/// group's shares for each of its shares was quadratic on a text of percentages).
pub fn share_groups(ctx: &Context) -> std::collections::HashMap<usize, (Decimal, usize)> {
    let mut groups: std::collections::HashMap<usize, (Decimal, usize)> =
        std::collections::HashMap::new();
    for r in ctx.relations {
        if let Relation::Share {
            percent, group: g, ..
        } = r
            && let Some(f) = ctx.figure(*percent)
        {
            let (sum, n) = groups.entry(*g).or_insert((Decimal::ZERO, 0));
            *sum = sum.checked_add(f.written_value).unwrap_or(Decimal::MAX);
            *n += 1;
        }
    }
    groups
}

/// Check one share; returns whether it was evaluated.
pub fn check(ctx: &Context, relation: &Relation, out: &mut Vec<Finding>) -> bool {
    let Relation::Share {
        part,
        base,
        percent,
        together,
        group,
    } = relation
    else {
        return false;
    };
    let (part, base, percent) = (*part, *base, *percent);
    let involved = [percent, part, base];
    let nudge = group_sums_to_100(ctx, *group).then_some(percent);
    let single = eval::diagnose(ctx, &involved, nudge, |r| {
        evaluate(ctx, &[part], base, percent, r)
    });
    let diagnosis = if matches!(single, Diagnosis::Fails { .. }) && !together.is_empty() {
        // `A a，B b，占T的Y%`: the share may be of the parts together.
        let mut all = together.clone();
        all.push(part);
        match eval::diagnose(ctx, &involved, None, |r| {
            evaluate(ctx, &all, base, percent, r)
        }) {
            Diagnosis::Holds => Diagnosis::Holds,
            _ => single,
        }
    } else {
        single
    };
    let Some(s) = ctx.figure(percent) else {
        return false;
    };
    let spans: Vec<_> = [
        ctx.span(percent, "stated share"),
        ctx.span(part, "part"),
        ctx.span(base, "base"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let what = format!("{} of {}", ctx.named(part), ctx.named(base));
    match diagnosis {
        Diagnosis::Holds | Diagnosis::Undefined => {}
        Diagnosis::ZeroBase => out.push(finding(
            &ShareOfZero::INFO,
            format!("share {} is stated for {what}, but the base is zero", s.span.text),
            Some(eval::plain(s.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::Truncated => out.push(finding(
            &ShareTruncated::INFO,
            format!("share {} of {what} holds only if the figures were truncated, not rounded", s.span.text),
            Some(eval::plain(s.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::Nudged { .. } => out.push(finding(
            &ShareNudged::INFO,
            format!(
                "share {} of {what} is one unit off in its last digit: the list of shares was nudged to add up to 100%",
                s.span.text
            ),
            Some(eval::plain(s.value)),
            None,
            None,
            spans,
        )),
        Diagnosis::WrongUnit { .. } => {
            unit::wrong_unit(ctx, diagnosis, "share", &involved, out);
        }
        Diagnosis::Fails { expected, .. } => {
            let point = eval::recomputed(|r| evaluate(ctx, &[part], base, percent, r)).unwrap_or(expected.mid());
            let diff = s.value.checked_sub(point).unwrap_or_default();
            out.push(finding(
                &ShareMismatch::INFO,
                format!(
                    "share {} is stated for {what}, but the part is {}% of the base (rounding allows {}%); difference {} percentage points",
                    s.span.text,
                    eval::group(point, 2),
                    range(expected),
                    eval::group(diff, 2)
                ),
                Some(eval::plain(s.value)),
                Some(eval::plain(point.round_dp(6))),
                Some(eval::plain(diff.round_dp(6))),
                spans,
            ));
        }
    }
    true
}

/// An interval of percentages for messages: `52.40–52.50`.
pub fn range(i: Interval) -> String {
    format!("{}–{}", eval::group(i.lo, 2), eval::group(i.hi, 2))
}
