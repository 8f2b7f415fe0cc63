//! Shares (P001–P004): `占…Y%` against part / base.

use rust_decimal::Decimal;

use super::eval::{self, Diagnosis, Reading, Verdict};
use super::rules::{ShareMismatch, ShareNudged, ShareOfZero, ShareTruncated};
use super::{Context, finding, unit};
use crate::extract::Relation;
use crate::interval::Interval;
use crate::model::Finding;

/// The sum of some figures' intervals under a reading.
fn sum(ctx: &Context, figures: &[usize], reading: &Reading) -> Option<Interval> {
    figures
        .iter()
        .try_fold(Interval::point(Decimal::ZERO), |acc, &i| {
            acc.plus(ctx.interval(i, reading)?)
        })
}

/// The share `percent` against `parts` (one, or several stated together) over `base` (one
/// stated figure, or the listed parts of an unstated total).
fn evaluate(
    ctx: &Context,
    parts: &[usize],
    base: &[usize],
    percent: usize,
    reading: &Reading,
) -> Verdict {
    let s = ctx.interval(percent, reading);
    let (Some(b), Some(s), Some(p)) = (sum(ctx, base, reading), s, sum(ctx, parts, reading)) else {
        return Verdict::Undefined;
    };
    if b.lo <= Decimal::ZERO {
        let zero_written = |i: usize| ctx.figure(i).is_some_and(|f| f.written_value.is_zero());
        let base_zero = base.iter().all(|&i| zero_written(i));
        // 0 of 0 stated as 0% is the documents' way of saying "nothing".
        if base_zero && parts.iter().all(|&i| zero_written(i)) && zero_written(percent) {
            return Verdict::Holds;
        }
        return if base_zero {
            Verdict::ZeroBase
        } else {
            Verdict::Undefined
        };
    }
    eval::compare_percent(s, p, b)
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
        }
        | Relation::ShareOfListed {
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
    let (part, base, percent, together, group) = match relation {
        Relation::Share {
            part,
            base,
            percent,
            together,
            group,
        } => (
            *part,
            std::slice::from_ref(base),
            *percent,
            &together[..],
            *group,
        ),
        Relation::ShareOfListed {
            part,
            parts,
            percent,
            group,
        } => (*part, &parts[..], *percent, &[][..], *group),
        _ => return false,
    };
    let involved = || {
        [percent, part]
            .into_iter()
            .chain(base.iter().copied().filter(move |&b| b != part))
    };
    let nudge = || group_sums_to_100(ctx, group).then_some(percent);
    let single = eval::diagnose(ctx, involved(), nudge, |r| {
        evaluate(ctx, &[part], base, percent, r)
    });
    let diagnosis = if matches!(single, Diagnosis::Fails { .. }) && !together.is_empty() {
        // `A a，B b，占T的Y%`: the share may be of the parts together.
        let mut all = together.to_vec();
        all.push(part);
        match eval::diagnose(
            ctx,
            involved(),
            || None,
            |r| evaluate(ctx, &all, base, percent, r),
        ) {
            Diagnosis::Holds => Diagnosis::Holds,
            _ => single,
        }
    } else {
        single
    };
    let Some(s) = ctx.figure(percent) else {
        return false;
    };
    // Most shares hold: their spans and names are only built for a finding.
    if matches!(diagnosis, Diagnosis::Holds | Diagnosis::Undefined) {
        return true;
    }
    let (spans, base_named) = match base {
        [one] => (
            [
                ctx.span(percent, "stated share"),
                ctx.span(part, "part"),
                ctx.span(*one, "base"),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
            ctx.named(*one),
        ),
        listed => (
            [ctx.span(percent, "stated share"), ctx.span(part, "part")]
                .into_iter()
                .chain(
                    listed
                        .iter()
                        .filter(|&&b| b != part)
                        .map(|&b| ctx.span(b, "other part of the base")),
                )
                .flatten()
                .collect(),
            format!(
                "its {} listed parts together ({})",
                listed.len(),
                match (sum(ctx, listed, &Reading::ROUNDED), ctx.figure(part)) {
                    (Some(b), Some(f)) => {
                        let (unit, decimals) = eval::display_unit(f);
                        eval::money(b.mid(), unit, decimals)
                    }
                    _ => String::from("not stated"),
                }
            ),
        ),
    };
    let what = format!("{} of {base_named}", ctx.named(part));
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
            let involved: Vec<usize> = involved().collect();
            unit::wrong_unit(ctx, diagnosis, "share", &involved, out);
        }
        Diagnosis::Fails { expected, .. } => {
            let point = eval::recomputed(|r| evaluate(ctx, &[part], base, percent, r))
                .unwrap_or(expected.mid());
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
