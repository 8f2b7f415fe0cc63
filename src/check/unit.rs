//! Units: a figure with no unit (U002), and the finding for a relation that holds only
//! with one figure in another unit (U001), shared by every family.

use super::eval::{self, Diagnosis};
use super::rules::{MissingUnit, WrongUnit};
use super::{Context, finding};
use crate::amount::Unit;
use crate::model::Finding;

/// U002 for every money figure written without a unit. Returns the number of checks.
pub fn missing_units(ctx: &Context, missing: &[usize], out: &mut Vec<Finding>) -> usize {
    for &i in missing {
        let Some(f) = ctx.figure(i) else { continue };
        let (message, stated) = if f.assumed_unit == Some(Unit::Percent) {
            // The report shows stated values in 元 unless the span has a `%`.
            (
                format!(
                    "{} has no % sign; it is read as a percentage, the rate of the change before it",
                    ctx.named(i)
                ),
                None,
            )
        } else {
            let assumed = f.assumed_unit.map_or("no unit at all", Unit::as_str);
            (
                format!(
                    "{} has no unit; it is read as {assumed}, the unit of most figures in this document",
                    ctx.named(i)
                ),
                Some(eval::plain(f.value)),
            )
        };
        out.push(finding(
            &MissingUnit::INFO,
            message,
            stated,
            None,
            None,
            ctx.span(i, "no unit written").into_iter().collect(),
        ));
    }
    missing.len()
}

/// Report a relation that holds only with `figure` read in `meant`.
pub fn wrong_unit(
    ctx: &Context,
    diagnosis: Diagnosis,
    what: &str,
    involved: &[usize],
    out: &mut Vec<Finding>,
) -> bool {
    let Diagnosis::WrongUnit { figure, meant } = diagnosis else {
        return false;
    };
    let Some(f) = ctx.figure(figure) else {
        return false;
    };
    let written = f.unit.or(f.assumed_unit).map_or("no unit", Unit::as_str);
    let mut spans: Vec<_> = ctx
        .span(figure, &format!("written in {written}"))
        .into_iter()
        .collect();
    spans.extend(
        involved
            .iter()
            .filter(|&&i| i != figure)
            .filter_map(|&i| ctx.span(i, "")),
    );
    let meant_value = f
        .written_value
        .checked_mul(meant.yuan_factor())
        .unwrap_or(f.value);
    out.push(finding(
        &WrongUnit::INFO,
        format!(
            "{} is written in {written}, but the {what} only holds if it is {}{}",
            ctx.named(figure),
            eval::group(f.written_value, f.decimals),
            meant.as_str()
        ),
        Some(eval::plain(f.value)),
        Some(eval::plain(meant_value)),
        Some(eval::plain(
            f.value.checked_sub(meant_value).unwrap_or_default(),
        )),
        spans,
    ));
    true
}
