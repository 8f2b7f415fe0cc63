//! Evaluating a relation on the intervals its figures stand for.
//!
//! Owns the ladder every check climbs when a relation fails under honest rounding:
//! does it hold if the publisher truncated instead ([`Precision::Truncated`])? does it hold
//! if one figure's unit were another (元 written for 万元)? Only what fails every reading
//! is an error. Also owns number formatting for messages.

use rust_decimal::Decimal;

use crate::amount::Unit;
use crate::interval::{Interval, Precision};
use crate::model::Figure;

/// How written figures are read into intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub precision: Precision,
    /// Read this figure in that unit instead of the one written.
    pub unit_override: Option<(usize, Unit)>,
    /// Move this percentage figure by this many units of its last digit.
    pub nudge: Option<(usize, i64)>,
}

impl Reading {
    pub const ROUNDED: Reading = Reading {
        precision: Precision::Rounded,
        unit_override: None,
        nudge: None,
    };
    pub const TRUNCATED: Reading = Reading {
        precision: Precision::Truncated,
        unit_override: None,
        nudge: None,
    };
    pub const EXACT: Reading = Reading {
        precision: Precision::Exact,
        unit_override: None,
        nudge: None,
    };

    /// The interval, in 元 for money and in percent for percentages, a figure stands for.
    pub fn interval(&self, f: &Figure) -> Option<Interval> {
        self.interval_in_list(f, 0)
    }

    /// Whether this reading reads `f`, among figures carrying `list_decimals` places, as
    /// [`Reading::ROUNDED`] reads it on its own: rounded, `f` neither read in another unit
    /// nor nudged, and not a whole number that takes the places of its list.
    pub fn reads_as_rounded(&self, f: &Figure, list_decimals: u32) -> bool {
        self.precision == Precision::Rounded
            && self.unit_override.is_none_or(|(id, _)| id != f.id)
            && self.nudge.is_none_or(|(id, _)| id != f.id)
            && (list_decimals == 0 || f.decimals != 0 || !f.unit.is_some_and(Unit::is_money))
    }

    /// The interval of a figure written among figures carrying `list_decimals` places: a
    /// whole number there (`116万元` beside `15.56万元` under `474.56万元`) dropped its
    /// zeros and stands for `116.00`, not for anything that rounds to 116.
    pub fn interval_in_list(&self, f: &Figure, list_decimals: u32) -> Option<Interval> {
        let unit = match self.unit_override {
            Some((id, u)) if id == f.id => Some(u),
            _ => f.unit.or(f.assumed_unit),
        };
        let factor = unit.map_or(Decimal::ONE, Unit::yuan_factor);
        let mut value = f.written_value;
        if let Some((id, steps)) = self.nudge
            && id == f.id
        {
            let step = Decimal::new(1, f.decimals.min(28));
            value = value.checked_add(step.checked_mul(Decimal::from(steps))?)?;
        }
        // A bare `0` states an absence, not a rounded amount: it is exactly zero.
        if value.is_zero() && f.decimals == 0 {
            return Some(Interval::point(Decimal::ZERO));
        }
        let decimals = if f.decimals == 0 && f.unit.is_some_and(Unit::is_money) {
            list_decimals
        } else {
            f.decimals
        };
        Interval::written(value, decimals, factor, self.precision, true)
    }
}

/// The result of evaluating a relation under one reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Holds,
    /// The stated figure's interval and the recomputed one do not meet.
    Fails {
        stated: Interval,
        expected: Interval,
    },
    /// A percentage of a base that is zero.
    ZeroBase,
    /// Arithmetic overflowed: the figures are too large to check.
    Undefined,
}

/// Why a relation that fails under rounding was still accepted, or how it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diagnosis {
    Holds,
    ZeroBase,
    Undefined,
    /// Holds only if the written figures were truncated, not rounded.
    Truncated,
    /// Holds if the figure was written in another unit.
    WrongUnit {
        figure: usize,
        meant: Unit,
    },
    /// Holds only with this percentage moved one unit in its last digit.
    Nudged {
        figure: usize,
    },
    Fails {
        stated: Interval,
        expected: Interval,
    },
}

/// The value recomputed from the figures exactly as written (for messages), if the
/// relation does not hold exactly.
pub fn recomputed(relation: impl Fn(&Reading) -> Verdict) -> Option<Decimal> {
    match relation(&Reading::EXACT) {
        Verdict::Fails { expected, .. } => Some(expected.lo),
        _ => None,
    }
}

/// The unit most money figures of the document are written in.
pub fn main_unit(figures: &[Figure]) -> Option<Unit> {
    let mut counts: Vec<(Unit, usize)> = Vec::new();
    for u in figures
        .iter()
        .filter_map(|f| f.unit)
        .filter(|u| u.is_money())
    {
        match counts.iter_mut().find(|(x, _)| *x == u) {
            Some((_, n)) => *n += 1,
            None => counts.push((u, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(u, _)| u)
}

/// Evaluate `relation` under rounding, then truncation, then with each candidate figure
/// read in another unit, then (for percentages in a list adding to 100%) nudged.
///
/// The figures `involved` and the nudge candidate are only looked at for a relation that
/// fails under rounding and truncation (few do): an iterator and a closure, so that the
/// others neither gather the one nor work out the other.
pub fn diagnose(
    ctx: &super::Context,
    involved: impl IntoIterator<Item = usize>,
    nudge_candidate: impl FnOnce() -> Option<usize>,
    relation: impl Fn(&Reading) -> Verdict,
) -> Diagnosis {
    let first = relation(&Reading::ROUNDED);
    let (stated, expected) = match first {
        Verdict::Holds => return Diagnosis::Holds,
        Verdict::ZeroBase => return Diagnosis::ZeroBase,
        Verdict::Undefined => return Diagnosis::Undefined,
        Verdict::Fails { stated, expected } => (stated, expected),
    };
    if relation(&Reading::TRUNCATED) == Verdict::Holds {
        return Diagnosis::Truncated;
    }
    // A figure whose unit differs from the other money figures of the relation; those in a
    // unit other than the document's main unit are suspected first.
    let figures = ctx.figures;
    let main = ctx.main_unit;
    let mut money: Vec<&Figure> = involved
        .into_iter()
        .filter_map(|i| figures.get(i))
        .filter(|f| f.unit.or(f.assumed_unit).is_some_and(Unit::is_money))
        .collect();
    money.sort_by_key(|f| f.unit.or(f.assumed_unit) == main);
    for f in &money {
        let Some(unit) = f.unit.or(f.assumed_unit) else {
            continue;
        };
        let others_differ = money
            .iter()
            .any(|o| o.id != f.id && o.unit.or(o.assumed_unit).is_some_and(|u| u != unit));
        if !others_differ {
            continue;
        }
        for meant in [Unit::Yuan, Unit::TenThousandYuan, Unit::HundredMillionYuan] {
            if meant == unit {
                continue;
            }
            let reading = Reading {
                unit_override: Some((f.id, meant)),
                ..Reading::ROUNDED
            };
            if relation(&reading) == Verdict::Holds {
                return Diagnosis::WrongUnit {
                    figure: f.id,
                    meant,
                };
            }
        }
    }
    if let Some(figure) = nudge_candidate() {
        for steps in [-1, 1] {
            let reading = Reading {
                nudge: Some((figure, steps)),
                ..Reading::ROUNDED
            };
            if relation(&reading) == Verdict::Holds {
                return Diagnosis::Nudged { figure };
            }
        }
    }
    Diagnosis::Fails { stated, expected }
}

/// Compare a stated interval with a recomputed one.
pub fn compare(stated: Interval, expected: Interval) -> Verdict {
    if stated.meets(expected) {
        Verdict::Holds
    } else {
        Verdict::Fails { stated, expected }
    }
}

/// Compare a stated percentage with `part / base × 100`: without dividing where the exact
/// quotients meet it ([`Interval::percent_of_surely_meets`], most relations), else on the
/// `Decimal` quotients, whose bounds a failure reports.
pub fn compare_percent(stated: Interval, part: Interval, base: Interval) -> Verdict {
    if part.percent_of_surely_meets(base, stated) {
        return Verdict::Holds;
    }
    match part.percent_of(base) {
        Some(expected) => compare(stated, expected),
        None => Verdict::Undefined,
    }
}

/// Format a decimal with thousands separators and at most `decimals` places.
pub fn group(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp(decimals);
    let s = format!("{:.*}", decimals as usize, rounded);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A money amount in 元 shown in `unit` with `decimals` places (`1,153.80万元`).
pub fn money(value_yuan: Decimal, unit: Unit, decimals: u32) -> String {
    let v = value_yuan
        .checked_div(unit.yuan_factor())
        .unwrap_or(value_yuan);
    format!("{}{}", group(v, decimals), unit.as_str())
}

/// The unit and decimals to show recomputed money in, taken from the stated figure.
pub fn display_unit(f: &Figure) -> (Unit, u32) {
    (
        f.unit.or(f.assumed_unit).unwrap_or(Unit::Yuan),
        f.decimals.max(2),
    )
}

/// Plain decimal string for the JSON fields (no grouping).
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `expected` as a JSON string: a value, or `[lo, hi]` for an interval.
pub fn interval_str(i: Interval) -> String {
    if i.lo == i.hi {
        plain(i.lo)
    } else {
        format!("[{}, {}]", plain(i.lo.round_dp(6)), plain(i.hi.round_dp(6)))
    }
}

/// Signed distance from the recomputed interval to the stated value (stated − nearest bound).
pub fn difference(stated: Decimal, expected: Interval) -> Decimal {
    if stated < expected.lo {
        stated.checked_sub(expected.lo).unwrap_or_default()
    } else if stated > expected.hi {
        stated.checked_sub(expected.hi).unwrap_or_default()
    } else {
        Decimal::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn grouping() {
        assert_eq!(group(dec!(6758101.67), 2), "6,758,101.67");
        assert_eq!(group(dec!(-1000), 2), "-1,000.00");
        assert_eq!(group(dec!(553.29), 2), "553.29");
        assert_eq!(
            money(dec!(11538000), Unit::TenThousandYuan, 1),
            "1,153.8万元"
        );
    }

    #[test]
    fn difference_to_the_nearest_bound() {
        let i = Interval {
            lo: dec!(10),
            hi: dec!(12),
        };
        assert_eq!(difference(dec!(9), i), dec!(-1));
        assert_eq!(difference(dec!(15), i), dec!(3));
        assert_eq!(difference(dec!(11), i), dec!(0));
    }
}
