//! Rounding-aware arithmetic on the intervals written figures stand for.
//!
//! `1,153.8万元` stands for anything in [1153.75, 1153.85] 万元. Every check compares such
//! intervals, never exact decimals, so honest rounding never raises an alarm: a relation is
//! broken only when the interval computed from its inputs and the interval of the stated
//! figure do not meet (the rule of XBRL Calculations 1.1, extended to division).
//!
//! All operations are checked: an overflow yields `None`, which callers turn into a
//! finding or a skipped check, never a panic.

use rust_decimal::Decimal;

/// How a written figure was derived from the true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Rounded half-up to the written decimals: ± half a unit of the last digit.
    Rounded,
    /// Cut off after the written decimals: the true value lies within one unit above.
    Truncated,
    /// Exactly as written (for reporting the recomputed value, not for deciding).
    Exact,
}

/// A closed interval [lo, hi].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

/// Half a unit of the last of `decimals` places, built rather than divided (a `Decimal`
/// division was a third of reading a figure), with the very mantissa and scale that
/// `10^-decimals / 2` has, since a scale can show in recomputed values: `rust_decimal`
/// divides `1` by `2` into `0.50`, `0.01` into `0.0050`, and from 20 places on into a
/// bare `5` (a test holds this to the division). `None` from 28 places on, where the
/// division itself is done.
fn half_unit(decimals: u32) -> Option<Decimal> {
    match decimals {
        0..=19 => Some(Decimal::new(50, decimals + 2)),
        20..=27 => Some(Decimal::new(5, decimals + 1)),
        _ => None,
    }
}

/// `value ∓ half_unit(decimals)` for a value with `decimals` places (every figure as
/// written), on the mantissas: the value's widened by the half unit's two more places, less
/// and plus 50, at its scale; the very mantissa and scale `rust_decimal`'s subtraction and
/// addition give, without their rescaling (which was most of reading a figure). `None`
/// where they may differ (another scale, more than 19 places, a mantissa past 96 bits):
/// the caller does the arithmetic then.
fn rounded_bounds(value: Decimal, decimals: u32) -> Option<(Decimal, Decimal)> {
    if decimals > 19 || value.scale() != decimals {
        return None;
    }
    let widened = value.mantissa().checked_mul(100)?;
    let scale = decimals + 2;
    let bound = |mantissa: i128| Decimal::try_from_i128_with_scale(mantissa, scale).ok();
    Some((
        bound(widened.checked_sub(50)?)?,
        bound(widened.checked_add(50)?)?,
    ))
}

/// The largest mantissa (in magnitude) and scale of the bounds
/// [`Interval::percent_of_surely_meets`] decides on: those of written figures, read in 元
/// or in percent, with room to spare.
const EXACT_MANTISSA: u64 = 1_000_000_000_000_000_000;
const EXACT_SCALE: u32 = 8;

/// `10^n` for the scale differences of two products of such bounds (`n <= 2 × 8`).
const POWERS_OF_TEN: [i128; 17] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
    10_000_000_000_000_000,
];

/// A bound as mantissa and scale, if within [`EXACT_MANTISSA`] and [`EXACT_SCALE`].
fn small(d: Decimal) -> Option<(i64, u32)> {
    let mantissa = i64::try_from(d.mantissa()).ok()?;
    (mantissa.unsigned_abs() <= EXACT_MANTISSA && d.scale() <= EXACT_SCALE)
        .then_some((mantissa, d.scale()))
}

/// `a × b` against `k × c`, exactly, for values given as mantissa and scale; `None` where
/// the integers would overflow. The products of two mantissas of 64 bits cannot; only
/// bringing one to the other's scale is checked.
fn compare_products(
    (a, a_scale): (i64, u32),
    (b, b_scale): (i64, u32),
    (c, c_scale): (i64, u32),
    k: i64,
) -> Option<std::cmp::Ordering> {
    let left = i128::from(a) * i128::from(b);
    let right = i128::from(c) * i128::from(k);
    let left_scale = a_scale + b_scale;
    let (left, right) = if left_scale >= c_scale {
        let power = POWERS_OF_TEN.get(usize::try_from(left_scale - c_scale).ok()?)?;
        (left, right.checked_mul(*power)?)
    } else {
        let power = POWERS_OF_TEN.get(usize::try_from(c_scale - left_scale).ok()?)?;
        (left.checked_mul(*power)?, right)
    };
    Some(left.cmp(&right))
}

impl Interval {
    pub fn point(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }

    /// The interval a value written with `decimals` places stands for, scaled by `factor`
    /// (e.g. 10,000 for 万元). Money is never negative, so lower bounds are clamped at 0
    /// when `non_negative` is set.
    pub fn written(
        value: Decimal,
        decimals: u32,
        factor: Decimal,
        precision: Precision,
        non_negative: bool,
    ) -> Option<Self> {
        let unit = || Decimal::new(1, decimals.min(28));
        let (lo, hi) = match precision {
            Precision::Rounded => match rounded_bounds(value, decimals) {
                Some(bounds) => bounds,
                None => {
                    let half = half_unit(decimals).or_else(|| unit().checked_div(Decimal::TWO))?;
                    (value.checked_sub(half)?, value.checked_add(half)?)
                }
            },
            Precision::Exact => (value, value),
            Precision::Truncated if value.is_sign_negative() => (value.checked_sub(unit())?, value),
            Precision::Truncated => (value, value.checked_add(unit())?),
        };
        let mut lo = lo.checked_mul(factor)?;
        let hi = hi.checked_mul(factor)?;
        if non_negative && lo.is_sign_negative() {
            lo = Decimal::ZERO;
        }
        Some(Interval { lo, hi })
    }

    pub fn plus(self, other: Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_add(other.lo)?,
            hi: self.hi.checked_add(other.hi)?,
        })
    }

    pub fn minus(self, other: Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_sub(other.hi)?,
            hi: self.hi.checked_sub(other.lo)?,
        })
    }

    pub fn scale(self, k: Decimal) -> Option<Interval> {
        let a = self.lo.checked_mul(k)?;
        let b = self.hi.checked_mul(k)?;
        Some(Interval {
            lo: a.min(b),
            hi: a.max(b),
        })
    }

    /// `self / divisor`, defined only when the divisor is strictly positive throughout.
    pub fn divided_by(self, divisor: Interval) -> Option<Interval> {
        if divisor.lo <= Decimal::ZERO {
            return None;
        }
        if !self.lo.is_sign_negative() {
            // A dividend that is not negative over a positive divisor: the quotient grows
            // with the dividend and shrinks as the divisor grows, so of the four quotients of
            // the bounds (below) the least is `lo / divisor.hi` and the greatest
            // `hi / divisor.lo`; the two others are not computed (a `Decimal` division is the
            // dearest step of a check). Where another quotient equals one of them (a zero
            // bound, a divisor of one value), it is the one taken below (the first least,
            // the last greatest), for its scale.
            let point_divisor = divisor.lo == divisor.hi;
            let lo_over = if self.lo.is_zero() || point_divisor {
                divisor.lo
            } else {
                divisor.hi
            };
            let hi_over = if self.hi.is_zero() || point_divisor {
                divisor.hi
            } else {
                divisor.lo
            };
            return Some(Interval {
                lo: self.lo.checked_div(lo_over)?,
                hi: self.hi.checked_div(hi_over)?,
            });
        }
        let candidates = [
            self.lo.checked_div(divisor.lo)?,
            self.lo.checked_div(divisor.hi)?,
            self.hi.checked_div(divisor.lo)?,
            self.hi.checked_div(divisor.hi)?,
        ];
        let lo = candidates.iter().copied().min()?;
        let hi = candidates.iter().copied().max()?;
        Some(Interval { lo, hi })
    }

    /// `self / divisor × 100`, the percentage a part is of a base.
    pub fn percent_of(self, divisor: Interval) -> Option<Interval> {
        self.divided_by(divisor)?.scale(Decimal::ONE_HUNDRED)
    }

    /// Whether `stated` meets `self / divisor × 100` ([`Interval::percent_of`]), decided
    /// without a `Decimal` division (two divisions and two multiplications were most of a
    /// share's, a rate's or a change's check): `true` where the exact quotients meet it,
    /// compared as products of integers; `false` where they do not, or where the bounds are
    /// too large or too fine for that, and the caller divides.
    ///
    /// Where the exact quotients meet `stated`, so do the rounded ones: with every bound
    /// within 10^18 and 8 places and a positive divisor, `percent_of` cannot overflow, and
    /// it rounds a quotient to one of its neighbours on a grid of at least 8 places near
    /// `stated` (of at most 8) and to within 1 far from it, so it never crosses a bound of
    /// `stated` (a test holds this to the division). Only a relation that fails is divided.
    pub fn percent_of_surely_meets(self, divisor: Interval, stated: Interval) -> bool {
        let exact = || {
            if self.lo.is_sign_negative() {
                return None;
            }
            let (part_lo, part_hi) = (small(self.lo)?, small(self.hi)?);
            let (base_lo, base_hi) = (small(divisor.lo)?, small(divisor.hi)?);
            let (stated_lo, stated_hi) = (small(stated.lo)?, small(stated.hi)?);
            // Both bounds of the divisor positive (an interval read from a negative figure
            // can be inverted): multiplying by them keeps the comparisons' sense.
            if base_lo.0 <= 0 || base_hi.0 <= 0 {
                return None;
            }
            // stated.lo <= 100 × part.hi / base.lo and 100 × part.lo / base.hi <= stated.hi.
            let below = compare_products(stated_lo, base_lo, part_hi, 100)?.is_le();
            let above = compare_products(stated_hi, base_hi, part_lo, 100)?.is_ge();
            Some(below && above)
        };
        exact().unwrap_or(false)
    }

    pub fn meets(self, other: Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    pub fn contains(self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// The middle of the interval, used to report "recomputed" values.
    pub fn mid(self) -> Decimal {
        self.lo
            .checked_add(self.hi)
            .and_then(|s| s.checked_div(Decimal::TWO))
            .unwrap_or(self.lo)
    }

    /// Distance between two disjoint intervals (0 when they meet).
    pub fn gap(self, other: Interval) -> Decimal {
        if self.meets(other) {
            Decimal::ZERO
        } else if self.hi < other.lo {
            other.lo.checked_sub(self.hi).unwrap_or(Decimal::MAX)
        } else {
            self.lo.checked_sub(other.hi).unwrap_or(Decimal::MAX)
        }
    }

    pub fn is_zero_only(self) -> bool {
        self.hi <= Decimal::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rounded(v: Decimal, d: u32) -> Interval {
        Interval::written(v, d, Decimal::ONE, Precision::Rounded, true).unwrap()
    }

    #[test]
    fn written_precision_sets_the_width() {
        let i = rounded(dec!(1153.8), 1);
        assert_eq!((i.lo, i.hi), (dec!(1153.75), dec!(1153.85)));
        let t = Interval::written(dec!(2.10), 2, Decimal::ONE, Precision::Truncated, true).unwrap();
        assert_eq!((t.lo, t.hi), (dec!(2.10), dec!(2.11)));
        let z = rounded(dec!(0), 0);
        assert_eq!((z.lo, z.hi), (dec!(0), dec!(0.5)));
    }

    #[test]
    fn half_a_unit_is_built_as_division_would_give_it() {
        for decimals in 0..=30 {
            let divided = Decimal::new(1, decimals.min(28)).checked_div(Decimal::TWO);
            let built = half_unit(decimals).or(divided);
            assert_eq!(
                built.map(|h| (h.mantissa(), h.scale())),
                divided.map(|h| (h.mantissa(), h.scale())),
                "{decimals}"
            );
        }
    }

    #[test]
    fn rounded_bounds_are_those_the_decimal_arithmetic_gives() {
        let mantissas: [i128; 10] = [
            0,
            1,
            5,
            49,
            50,
            99,
            115_380,
            i128::from(u64::MAX),
            (1 << 96) / 100,
            (1 << 96) - 1,
        ];
        let mut compared = 0;
        for &m in &mantissas {
            for sign in [1, -1] {
                for scale in 0..=28 {
                    let value = Decimal::from_i128_with_scale(sign * m, scale);
                    for decimals in [scale, scale.saturating_sub(1), scale + 1] {
                        let Some(half) = half_unit(decimals) else {
                            continue;
                        };
                        let Some((lo, hi)) = rounded_bounds(value, decimals) else {
                            continue;
                        };
                        let (want_lo, want_hi) = (value - half, value + half);
                        assert_eq!(
                            (lo.to_string(), hi.to_string()),
                            (want_lo.to_string(), want_hi.to_string()),
                            "{value} with {decimals} places"
                        );
                        compared += 1;
                    }
                }
            }
        }
        // Every value at every scale up to 19 places, bar those past 96 bits once widened.
        assert!(compared >= 300, "{compared}");
        // A negative zero as written.
        let minus_zero = -Decimal::from_i128_with_scale(0, 2);
        let half = half_unit(2).unwrap();
        let (lo, hi) = rounded_bounds(minus_zero, 2).unwrap();
        assert_eq!(
            (lo.to_string(), hi.to_string()),
            (
                (minus_zero - half).to_string(),
                (minus_zero + half).to_string()
            )
        );
    }

    #[test]
    fn honest_rounding_of_a_sum_meets() {
        // 003: items 14.56 + 20.18 + 0.05 + 228.28 = 263.07, class stated 263.08.
        let parts = [dec!(14.56), dec!(20.18), dec!(0.05), dec!(228.28)];
        let sum = parts
            .iter()
            .map(|p| rounded(*p, 2))
            .try_fold(Interval::point(dec!(0)), |acc, p| acc.plus(p))
            .unwrap();
        assert!(sum.meets(rounded(dec!(263.08), 2)));
        assert!(!sum.meets(rounded(dec!(263.20), 2)));
    }

    #[test]
    fn division_needs_a_positive_divisor() {
        assert!(
            rounded(dec!(5), 0)
                .divided_by(rounded(dec!(0), 0))
                .is_none()
        );
        let share = rounded(dec!(290.22), 2)
            .percent_of(rounded(dec!(553.29), 2))
            .unwrap();
        assert!(share.meets(rounded(dec!(52.45), 2)));
    }

    /// `divided_by` as the least and greatest of all four quotients of the bounds.
    fn divided_by_all_four(a: Interval, d: Interval) -> Option<Interval> {
        if d.lo <= Decimal::ZERO {
            return None;
        }
        let q = [
            a.lo.checked_div(d.lo)?,
            a.lo.checked_div(d.hi)?,
            a.hi.checked_div(d.lo)?,
            a.hi.checked_div(d.hi)?,
        ];
        Some(Interval {
            lo: q.iter().copied().min()?,
            hi: q.iter().copied().max()?,
        })
    }

    #[test]
    fn division_takes_the_quotients_all_four_would_give() {
        let values = [
            dec!(0),
            dec!(0.00),
            dec!(1),
            dec!(1.5),
            dec!(2.50),
            dec!(3),
            dec!(290.22),
            dec!(553.29),
            dec!(10000),
        ];
        let mut intervals = vec![];
        for v in values {
            intervals.push(Interval::point(v));
            for d in 0..3 {
                for p in [Precision::Rounded, Precision::Truncated] {
                    intervals.extend(Interval::written(v, d, Decimal::ONE, p, true));
                    intervals.extend(Interval::written(v, d, dec!(10000), p, true));
                }
            }
        }
        for &a in &intervals {
            for &d in &intervals {
                let (fast, all) = (a.divided_by(d), divided_by_all_four(a, d));
                // Equal values and equal scales (the scale shows in recomputed values).
                assert_eq!(format!("{fast:?}"), format!("{all:?}"), "{a:?} / {d:?}");
            }
        }
    }

    /// Whether the `Decimal` arithmetic finds that `stated` meets `part / base × 100`.
    fn meets_when_divided(part: Interval, base: Interval, stated: Interval) -> bool {
        part.percent_of(base).is_some_and(|e| stated.meets(e))
    }

    /// Bounds of a stated percentage on and either side of `e`, at every scale the exact
    /// test decides on: where rounding a quotient could cross one.
    fn bounds_near(e: Decimal) -> Vec<Decimal> {
        use rust_decimal::RoundingStrategy::{AwayFromZero, ToZero};
        let mut near = vec![e];
        for places in 0..=EXACT_SCALE + 1 {
            let step = Decimal::new(1, places);
            for strategy in [ToZero, AwayFromZero] {
                let r = e.round_dp_with_strategy(places, strategy);
                near.extend([r, r - step, r + step]);
            }
        }
        near
    }

    #[test]
    fn a_percentage_surely_met_is_met_by_the_divided_bounds() {
        // Parts and bases as figures give them (a written value, its places, its unit), and
        // a few at and past the limits of the exact test.
        let mut values: Vec<Interval> = Vec::new();
        let written = [
            dec!(0),
            dec!(1),
            dec!(3),
            dec!(7.7),
            dec!(52.45),
            dec!(290.22),
            dec!(553.29),
            dec!(1153.8),
            dec!(6758101.67),
            dec!(99999999.9999),
            dec!(123456789012.34),
            // Negative: read clamped at zero, inverted intervals.
            dec!(-7.7),
            dec!(-553.29),
        ];
        for v in written {
            for d in 0..=4u32 {
                let v = v.round_dp(d);
                for factor in [dec!(1), dec!(10000), dec!(100000000)] {
                    for p in [Precision::Rounded, Precision::Truncated, Precision::Exact] {
                        values.extend(Interval::written(v, d, factor, p, true));
                    }
                }
            }
        }
        values.push(Interval {
            lo: dec!(0.00000001),
            hi: dec!(0.00000003),
        });
        values.push(Interval::point(Decimal::from_i128_with_scale(
            i128::from(EXACT_MANTISSA),
            0,
        )));
        values.push(Interval::point(Decimal::from_i128_with_scale(
            i128::from(EXACT_MANTISSA) + 1,
            3,
        )));
        values.push(Interval::point(dec!(1.000000001)));
        let mut surely = 0;
        let mut compared = 0;
        for &part in &values {
            for &base in values.iter().step_by(7) {
                let Some(e) = part.percent_of(base) else {
                    assert!(!part.percent_of_surely_meets(base, Interval::point(dec!(0))));
                    continue;
                };
                let far = dec!(1000000000000000000);
                let mut stated: Vec<Interval> = Vec::new();
                for lo in bounds_near(e.hi) {
                    stated.push(Interval { lo, hi: far });
                }
                for hi in bounds_near(e.lo) {
                    stated.push(Interval {
                        lo: Decimal::ZERO,
                        hi,
                    });
                }
                for s in stated {
                    compared += 1;
                    if part.percent_of_surely_meets(base, s) {
                        surely += 1;
                        assert!(
                            meets_when_divided(part, base, s),
                            "{part:?} / {base:?} against {s:?}"
                        );
                    }
                }
            }
        }
        // Bounds either side of the quotients: about a third are met.
        assert!(surely * 4 > compared, "{surely} of {compared}");
    }

    #[test]
    fn powers_of_ten_are_powers_of_ten() {
        for (n, power) in (0u32..).zip(POWERS_OF_TEN) {
            assert_eq!(power, 10i128.pow(n));
        }
    }

    #[test]
    fn a_percentage_on_the_exact_bound_is_surely_met() {
        // 1 of 3 is 33.33…%: 100/3 exactly is not a decimal, but 1/4 is 25%.
        let part = Interval::point(dec!(1));
        let base = Interval::point(dec!(4));
        assert!(part.percent_of_surely_meets(base, Interval::point(dec!(25))));
        assert!(part.percent_of_surely_meets(
            base,
            Interval {
                lo: dec!(25),
                hi: dec!(26)
            }
        ));
        assert!(!part.percent_of_surely_meets(
            base,
            Interval {
                lo: dec!(25.0001),
                hi: dec!(26)
            }
        ));
        assert!(!part.percent_of_surely_meets(
            base,
            Interval {
                lo: dec!(24),
                hi: dec!(24.9999)
            }
        ));
        // A divisor that may be zero is left to the division.
        let zero_base = Interval {
            lo: dec!(0),
            hi: dec!(1),
        };
        assert!(!part.percent_of_surely_meets(zero_base, Interval::point(dec!(25))));
        // So is an inverted one, whose upper bound is negative.
        let inverted = Interval {
            lo: dec!(4),
            hi: dec!(-4),
        };
        let stated = Interval {
            lo: dec!(-100),
            hi: dec!(-50),
        };
        assert!(!meets_when_divided(part, inverted, stated));
        assert!(!part.percent_of_surely_meets(inverted, stated));
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        let big = Interval::point(Decimal::MAX);
        assert!(big.plus(big).is_none());
        assert!(
            Interval::written(Decimal::MAX, 0, dec!(100000000), Precision::Rounded, true).is_none()
        );
    }

    #[test]
    fn gap_between_disjoint_intervals() {
        let a = rounded(dec!(10), 0);
        let b = rounded(dec!(20), 0);
        assert_eq!(a.gap(b), dec!(9));
        assert_eq!(b.gap(a), dec!(9));
        assert_eq!(a.gap(a), dec!(0));
    }
}
