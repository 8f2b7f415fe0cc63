//! Restated figures (X001): the same quantity stated in several places agrees everywhere.

use super::eval::{self, Diagnosis};
use super::rules::RestatedMismatch;
use super::{Context, finding, unit};
use crate::extract::Relation;
use crate::model::Finding;

/// Check one restatement; returns whether it was evaluated.
pub fn check(ctx: &Context, relation: &Relation, out: &mut Vec<Finding>) -> bool {
    let Relation::Restated { first, again } = relation else {
        return false;
    };
    let (first, again) = (*first, *again);
    let involved = [again, first];
    let diagnosis = eval::diagnose(
        ctx,
        involved,
        || None,
        |r| match (ctx.interval(again, r), ctx.interval(first, r)) {
            (Some(a), Some(b)) => eval::compare(a, b),
            _ => eval::Verdict::Undefined,
        },
    );
    let (Some(a), Some(f)) = (ctx.figure(again), ctx.figure(first)) else {
        return false;
    };
    match diagnosis {
        Diagnosis::Fails { expected, .. } => {
            let (unit_shown, decimals) = eval::display_unit(a);
            let _ = expected;
            let diff = a.value.checked_sub(f.value).unwrap_or_default();
            out.push(finding(
                &RestatedMismatch::INFO,
                format!(
                    "{} is stated again as {} (line {}); difference {}",
                    ctx.named(first),
                    ctx.named(again),
                    a.span.line,
                    eval::money(diff, unit_shown, decimals)
                ),
                Some(eval::plain(a.value)),
                Some(eval::plain(f.value)),
                Some(eval::plain(diff)),
                [
                    ctx.span(again, "stated again"),
                    ctx.span(first, "first stated"),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ));
        }
        Diagnosis::WrongUnit { .. } => {
            unit::wrong_unit(ctx, diagnosis, "restatement", &involved, out);
        }
        _ => {}
    }
    true
}
