//! Property tests (proptest) for the two pieces every check stands on:
//! - the amount parser: any decimal written in any supported style (plain, thousands
//!   separators, full-width digits and punctuation, a space before the unit, units 元 /
//!   万元 / 万 / 亿元 / %) is read back as itself, with its written precision and its unit,
//!   and its span maps back onto the text as written;
//! - interval arithmetic: the true value behind written figures always lies inside the
//!   interval computed from them (sums, differences, scaling, division, percentages), so
//!   honest rounding never raises an alarm.

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use yujue::amount::{self, Unit};
use yujue::interval::{Interval, Precision};

/// A non-negative decimal with 0..=4 decimal places, up to about 10^12.
fn written_decimal() -> impl Strategy<Value = Decimal> {
    (0u64..1_000_000_000_000_000u64, 0u32..=4).prop_map(|(m, scale)| {
        // Keep the integer part at most 12 digits whatever the scale.
        let mantissa = m / 10u64.pow(4 - scale);
        Decimal::from_i128_with_scale(i128::from(mantissa), scale)
    })
}

#[derive(Debug, Clone, Copy)]
enum Style {
    Plain,
    Thousands,
    FullWidth,
    FullWidthThousands,
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![
        Just(Style::Plain),
        Just(Style::Thousands),
        Just(Style::FullWidth),
        Just(Style::FullWidthThousands),
    ]
}

/// How the unit is written after the number, and the unit it stands for.
fn unit() -> impl Strategy<Value = (&'static str, Option<Unit>)> {
    prop_oneof![
        Just(("", None)),
        Just(("元", Some(Unit::Yuan))),
        Just(("万元", Some(Unit::TenThousandYuan))),
        Just(("万", Some(Unit::TenThousandYuan))),
        Just(("亿元", Some(Unit::HundredMillionYuan))),
        Just(("%", Some(Unit::Percent))),
        Just(("％", Some(Unit::Percent))),
        Just((" 万元", Some(Unit::TenThousandYuan))),
    ]
}

/// `value` written in `style`, keeping its scale (trailing zeros are written).
fn write(value: Decimal, style: Style) -> String {
    let plain = value.to_string();
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (plain.clone(), None),
    };
    let grouped = |int: &str| {
        let digits: Vec<char> = int.chars().collect();
        let mut out = String::new();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(*d);
        }
        out
    };
    let int = match style {
        Style::Thousands | Style::FullWidthThousands => grouped(&int),
        Style::Plain | Style::FullWidth => int,
    };
    let ascii = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    match style {
        Style::FullWidth | Style::FullWidthThousands => ascii
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
                ',' => '，',
                '.' => '．',
                other => other,
            })
            .collect(),
        Style::Plain | Style::Thousands => ascii,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `parse_number` reads back every plain or grouped ASCII number.
    #[test]
    fn parse_number_reads_back_what_was_written(
        value in written_decimal(),
        grouped in any::<bool>(),
    ) {
        let style = if grouped { Style::Thousands } else { Style::Plain };
        let written = write(value, style);
        prop_assert_eq!(amount::parse_number(&written), Some((value, value.scale())));
    }

    /// Written in a sentence in any style and unit, the figure is scanned as itself, and
    /// its span covers exactly the number and unit as written.
    #[test]
    fn scan_reads_back_any_style_and_unit(
        value in written_decimal(),
        style in style(),
        (unit_text, unit) in unit(),
    ) {
        let number = write(value, style);
        let text = format!("2023年收入合计{number}{unit_text}，比上年有所增加。");
        let normalized = yujue::normalize::normalize(&text);
        let tokens: Vec<_> = amount::scan(&normalized.text)
            .into_iter()
            .filter(|t| t.amount.value != Decimal::from(2023))
            .collect();
        prop_assert_eq!(tokens.len(), 1, "{} → {} → {:?}", text, normalized.text, tokens);
        let token = tokens[0];
        prop_assert_eq!(token.amount.value, value);
        prop_assert_eq!(token.amount.decimals, value.scale());
        prop_assert_eq!(token.amount.unit, unit);
        let (start, end) = normalized.map.range(token.start, token.end);
        let expected = format!("{number}{unit_text}");
        prop_assert_eq!(&text[start..end], expected.as_str());
    }
}

/// A true (unrounded) non-negative value: up to 10^10 with 6 decimals.
fn true_value() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000_000_000_000).prop_map(|m| Decimal::new(m, 6))
}

fn unit_factor() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ONE),
        Just(Decimal::from(10_000)),
        Just(Decimal::from(100_000_000)),
    ]
}

/// What a publisher writes for the true value `x` (in units of `factor`) with `k`
/// decimals, and the interval yujue reads back from it (in 元).
fn written(x: Decimal, factor: Decimal, k: u32, precision: Precision) -> Interval {
    let in_unit = x / factor;
    let strategy = match precision {
        Precision::Rounded => RoundingStrategy::MidpointAwayFromZero,
        Precision::Truncated => RoundingStrategy::ToZero,
        Precision::Exact => unreachable!("exact figures are not written by rounding"),
    };
    let shown = in_unit.round_dp_with_strategy(k, strategy);
    Interval::written(shown, k, factor, precision, true).unwrap()
}

fn precision() -> impl Strategy<Value = Precision> {
    prop_oneof![Just(Precision::Rounded), Just(Precision::Truncated)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// A single written figure stands for an interval holding its true value.
    #[test]
    fn a_written_figure_holds_its_true_value(
        x in true_value(), factor in unit_factor(), k in 0u32..=4, p in precision(),
    ) {
        let i = written(x, factor, k, p);
        prop_assert!(i.contains(x), "{x} not in {i:?}");
    }

    /// The sum of written parts holds the sum of the true parts.
    #[test]
    fn sums_hold_the_true_sum(
        parts in prop::collection::vec((true_value(), 0u32..=4), 1..12),
        factor in unit_factor(),
        p in precision(),
    ) {
        let mut sum = Interval::point(Decimal::ZERO);
        let mut truth = Decimal::ZERO;
        for (x, k) in &parts {
            sum = sum.plus(written(*x, factor, *k, p)).unwrap();
            truth += *x;
        }
        prop_assert!(sum.contains(truth));
        // And the total, written and rounded the same way, meets it: honest rounding
        // never fails a sum check.
        let k = parts[0].1;
        prop_assert!(sum.meets(written(truth, factor, k, p)));
    }

    /// The difference of two written figures holds the true difference.
    #[test]
    fn differences_hold_the_true_difference(
        a in true_value(), b in true_value(),
        ka in 0u32..=4, kb in 0u32..=4,
        factor in unit_factor(), p in precision(),
    ) {
        let d = written(a, factor, ka, p).minus(written(b, factor, kb, p)).unwrap();
        prop_assert!(d.contains(a - b), "{} not in {:?}", a - b, d);
    }

    /// Scaling a written figure holds the scaled true value, for either sign.
    #[test]
    fn scaling_holds_the_scaled_value(
        x in true_value(), k in 0u32..=4,
        s in -1_000_000i64..1_000_000, scale in 0u32..=4,
    ) {
        let s = Decimal::new(s, scale);
        let i = written(x, Decimal::ONE, k, Precision::Rounded).scale(s).unwrap();
        prop_assert!(i.contains(x * s), "{} not in {:?}", x * s, i);
    }

    /// A share computed from written figures holds the true share, and the share written
    /// by the publisher (rounded to 0–2 decimals) meets it.
    #[test]
    fn shares_hold_the_true_share(
        part_permille in 0u32..=1000,
        total in 1_000_000i64..10_000_000_000_000_000,
        kt in 0u32..=2, ks in 0u32..=2,
        factor in unit_factor(),
    ) {
        let total = Decimal::new(total, 6);
        let part = (total * Decimal::from(part_permille) / Decimal::from(1000)).round_dp(6);
        let t = written(total, factor, kt, Precision::Rounded);
        let p = written(part, factor, kt, Precision::Rounded);
        prop_assume!(t.lo > Decimal::ZERO);
        let share = p.percent_of(t).unwrap();
        let truth = part / total * Decimal::ONE_HUNDRED;
        prop_assert!(share.contains(truth), "{truth} not in {share:?}");
        let stated = truth.round_dp_with_strategy(ks, RoundingStrategy::MidpointAwayFromZero);
        let stated = Interval::written(stated, ks, Decimal::ONE, Precision::Rounded, true).unwrap();
        prop_assert!(stated.meets(share), "stated {stated:?} vs {share:?}");
    }

    /// Division by a written figure holds the true quotient.
    #[test]
    fn quotients_hold_the_true_quotient(
        a in true_value(), b in 1_000_000i64..10_000_000_000_000_000,
        ka in 0u32..=4, kb in 0u32..=4,
    ) {
        let b = Decimal::new(b, 6);
        let divisor = written(b, Decimal::ONE, kb, Precision::Rounded);
        prop_assume!(divisor.lo > Decimal::ZERO);
        let q = written(a, Decimal::ONE, ka, Precision::Rounded).divided_by(divisor).unwrap();
        prop_assert!(q.contains(a / b), "{} not in {:?}", a / b, q);
    }

    /// Arithmetic never panics, whatever the operands: overflow is `None`.
    #[test]
    fn arithmetic_never_panics(
        a in any::<i64>(), b in any::<i64>(), sa in 0u32..=28, sb in 0u32..=28,
        k in 0u32..=40,
    ) {
        let x = Decimal::new(a, sa);
        let y = Decimal::new(b, sb);
        for factor in [Decimal::ONE, Decimal::from(100_000_000), Decimal::MAX] {
            for p in [Precision::Rounded, Precision::Truncated, Precision::Exact] {
                if let (Some(i), Some(j)) = (
                    Interval::written(x, k, factor, p, false),
                    Interval::written(y, k, factor, p, true),
                ) {
                    let _ = i.plus(j);
                    let _ = i.minus(j);
                    let _ = i.scale(y);
                    let _ = i.divided_by(j);
                    let _ = i.percent_of(j);
                    let _ = i.gap(j);
                    let _ = i.mid();
                }
            }
        }
    }
}
