//! Amounts as written: the one parser for every figure in a disclosure.
//!
//! Owns the grammar of a written number (`8,274,739.11`, `1153.8`, `0.05`), its unit
//! (元 / 万元 / 亿元, a percent sign, or none written) and the precision it was written
//! with. It works on normalised text (ASCII digits and punctuation, see
//! [`crate::normalize`]) and never decides what a figure *means*: that is extraction's job.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The unit a figure was written in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
pub enum Unit {
    /// 元
    #[serde(rename = "元")]
    Yuan,
    /// 万元 (also a bare 万 after a money figure)
    #[serde(rename = "万元")]
    TenThousandYuan,
    /// 亿元
    #[serde(rename = "亿元")]
    HundredMillionYuan,
    /// `%`
    #[serde(rename = "%")]
    Percent,
}

impl Unit {
    /// How many 元 one of this unit is (1 for percent, which is not money).
    pub fn yuan_factor(self) -> Decimal {
        match self {
            Unit::Yuan | Unit::Percent => Decimal::ONE,
            Unit::TenThousandYuan => Decimal::from(10_000),
            Unit::HundredMillionYuan => Decimal::from(100_000_000),
        }
    }

    pub fn is_money(self) -> bool {
        !matches!(self, Unit::Percent)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::TenThousandYuan => "万元",
            Unit::HundredMillionYuan => "亿元",
            Unit::Percent => "%",
        }
    }
}

/// A number as written: its value, the unit written after it (if any) and the number of
/// decimal places it was written with, which fixes the interval it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub value: Decimal,
    pub unit: Option<Unit>,
    pub decimals: u32,
}

/// One number found in normalised text, with the byte range of the whole token
/// (number and unit) and of the number alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub amount: Amount,
    /// Byte range of the number and its unit.
    pub start: usize,
    pub end: usize,
    /// End of the digits (before the unit).
    pub number_end: usize,
}

/// Parse a plain written number (`8,274,739.11`, `0.05`, `1153`) into its value and the
/// number of decimals written. Thousands separators must group by three.
pub fn parse_number(s: &str) -> Option<(Decimal, u32)> {
    let number = read_number(s.as_bytes(), 0)?;
    if number.end != s.len() {
        return None;
    }
    number.value(s)
}

/// The most digits read straight into a mantissa: every 19-digit number fits a `u64`
/// (cheaper to build than a 128-bit one; longer numbers are rare, and parsed in general).
const MAX_EXACT_DIGITS: u32 = 19;

/// A number read from its first digit: where it ends, and its digits as they went by.
#[derive(Debug, Clone, Copy)]
struct Number {
    start: usize,
    /// Just past its last digit.
    end: usize,
    /// Its digits as one integer (meaningful only for at most [`MAX_EXACT_DIGITS`] of them).
    mantissa: u64,
    /// How many digits it has, and how many of them follow its decimal point.
    digits: u32,
    decimals: u32,
}

impl Number {
    /// Read the digits from `self.end` on, into the mantissa.
    fn read_digits(&mut self, bytes: &[u8]) {
        while let Some(&b) = bytes.get(self.end)
            && b.is_ascii_digit()
        {
            // Wraps only past MAX_EXACT_DIGITS digits, where the mantissa is not used.
            self.mantissa = self
                .mantissa
                .wrapping_mul(10)
                .wrapping_add(u64::from(b - b'0'));
            self.digits += 1;
            self.end += 1;
        }
    }

    /// Its value and the number of decimals written, from the digits read with it: every
    /// number in a text is parsed, so not by building a string to parse. Anything else
    /// (more digits than a mantissa holds) takes the general parser.
    #[inline]
    fn value(&self, text: &str) -> Option<(Decimal, u32)> {
        if self.digits > MAX_EXACT_DIGITS {
            return to_decimal_parsed(text.get(self.start..self.end)?);
        }
        let value =
            Decimal::try_from_i128_with_scale(i128::from(self.mantissa), self.decimals).ok()?;
        Some((value, self.decimals))
    }
}

/// [`Number::value`] through the general parser.
fn to_decimal_parsed(s: &str) -> Option<(Decimal, u32)> {
    let plain: String = s.chars().filter(|c| *c != ',').collect();
    let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let value = plain.parse::<Decimal>().ok()?;
    Some((value, decimals))
}

/// The number starting at `at` (which must be an ASCII digit), its digits read in the same
/// pass that finds where it ends.
// Inlined, with `Number::value`, into the tokenizer (it runs for every number of a text):
// the number then stays in registers rather than being returned through memory, which cut
// the scan of 100 disclosures by a twentieth.
#[inline]
fn read_number(bytes: &[u8], at: usize) -> Option<Number> {
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut number = Number {
        start: at,
        end: at,
        mantissa: 0,
        digits: 0,
        decimals: 0,
    };
    number.read_digits(bytes);
    if number.digits == 0 {
        return None;
    }
    // Thousands groups: only when the leading run has at most three digits.
    if number.digits <= 3 {
        while bytes.get(number.end) == Some(&b',')
            && digit(number.end + 1)
            && digit(number.end + 2)
            && digit(number.end + 3)
            && !digit(number.end + 4)
        {
            number.end += 1;
            number.read_digits(bytes);
        }
    }
    if bytes.get(number.end) == Some(&b'.') && digit(number.end + 1) {
        number.end += 1;
        let before = number.digits;
        number.read_digits(bytes);
        number.decimals = number.digits - before;
    }
    // At most 28 significant digits fit a Decimal; longer runs are not figures.
    if number.end - at > 40 {
        return None;
    }
    Some(number)
}

/// The unit written right after a number, and its length in bytes.
#[inline]
fn unit_after(rest: &str) -> Option<(Unit, usize)> {
    match rest.as_bytes().first()? {
        b'%' => Some((Unit::Percent, 1)),
        // The first byte of 万 and 亿, and of 元: most numbers are followed by neither (a
        // year's 年, punctuation), told by one byte.
        0xE4 | 0xE5 => money_unit_after(rest),
        _ => None,
    }
}

/// [`unit_after`] for a unit of money.
fn money_unit_after(rest: &str) -> Option<(Unit, usize)> {
    if rest.starts_with("万元") {
        return Some((Unit::TenThousandYuan, "万元".len()));
    }
    if rest.starts_with("亿元") {
        return Some((Unit::HundredMillionYuan, "亿元".len()));
    }
    if rest.starts_with('元') {
        return Some((Unit::Yuan, '元'.len_utf8()));
    }
    if let Some(after) = rest.strip_prefix('万') {
        // A bare 万 is money only where nothing else follows it (`1153.8万。`);
        // `19.3186万人` is a head count.
        let next = after.chars().next();
        if next.is_none_or(|c| !is_cjk(c) || matches!(c, '的' | '和' | '及' | '与')) {
            return Some((Unit::TenThousandYuan, '万'.len_utf8()));
        }
    }
    None
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The first ASCII digit at or after `from`, looked for sixteen bytes at a time: most of a
/// disclosure is Chinese text, with no digit for dozens of bytes.
#[inline]
pub(crate) fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut blocks = rest.chunks_exact(16);
    let mut at = from;
    // Two words a block: one test of both, so the loop's own work (a pointer compare)
    // is shared by sixteen bytes.
    for block in blocks.by_ref() {
        let (low, high) = block.split_at(8);
        let low = digit_bits(low.try_into().ok()?);
        let high = digit_bits(high.try_into().ok()?);
        if low | high != 0 {
            let bits = if low != 0 { low } else { high };
            let within = if low != 0 { 0 } else { 8 };
            return Some(at + within + (bits.trailing_zeros() / 8) as usize);
        }
        at += 16;
    }
    // The last bytes (fewer than sixteen) as words too: one at `at`, if eight are left, and
    // the last eight, which may overlap bytes already seen (they hold no digit, and a
    // borrow only runs upwards from a digit, so the lowest flag is still the first digit).
    let tail = blocks.remainder();
    if let Some(first) = tail.first_chunk::<8>() {
        let bits = digit_bits(*first);
        if bits != 0 {
            return Some(at + (bits.trailing_zeros() / 8) as usize);
        }
    }
    match rest.last_chunk::<8>() {
        Some(last) => {
            let bits = digit_bits(*last);
            (bits != 0).then(|| from + rest.len() - 8 + (bits.trailing_zeros() / 8) as usize)
        }
        // Fewer than eight bytes in all.
        None => tail.iter().position(u8::is_ascii_digit).map(|p| at + p),
    }
}

/// The high bit of each byte of `word` set where the byte is an ASCII digit or follows one
/// (the classic "has a byte less than n" test, after `^ b'0'` makes digits the bytes below
/// 10): its lowest set bit is the first digit's, as a borrow only runs upwards from one.
fn digit_bits(word: [u8; 8]) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let shifted = u64::from_le_bytes(word) ^ (ONES * u64::from(b'0'));
    shifted.wrapping_sub(ONES * 10) & !shifted & HIGHS
}

/// Every number in `text`, left to right, with the unit written after it.
///
/// A number glued to a preceding ASCII letter or digit-like character (`A3`, `No.2`) is
/// still returned; the caller decides from the context whether it is a figure.
pub fn scan(text: &str) -> Vec<Token> {
    tokens(text).collect()
}

/// [`scan`] one number at a time, without collecting them.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || next_token(text, &mut i))
}

/// The next number in `text` at or after `*at`, moving `*at` past it.
#[inline]
fn next_token(text: &str, at: &mut usize) -> Option<Token> {
    let bytes = text.as_bytes();
    let mut i = *at;
    while i < bytes.len() {
        let Some(next) = next_digit(bytes, i) else {
            break;
        };
        i = next;
        // A digit right after a '.' or another digit is part of something else
        // (a version, a date like 2023.10.12 handled as separate numbers).
        let Some(number) = read_number(bytes, i) else {
            // Too long to be a figure: skip the whole digit run.
            while bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.')
            {
                i += 1;
            }
            continue;
        };
        let number_end = number.end;
        let Some((value, decimals)) = number.value(text) else {
            i = number_end;
            continue;
        };
        let (unit, end) = match text.get(number_end..).and_then(unit_after) {
            Some((unit, ulen)) => (Some(unit), number_end + ulen),
            None => (None, number_end),
        };
        *at = end;
        return Some(Token {
            amount: Amount {
                value,
                unit,
                decimals,
            },
            start: i,
            end,
            number_end,
        });
    }
    *at = bytes.len();
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn one(text: &str) -> Token {
        let tokens = scan(text);
        assert_eq!(tokens.len(), 1, "{text}: {tokens:?}");
        tokens[0]
    }

    #[test]
    fn yuan_with_thousands_separators_and_cents() {
        let t = one("收入合计8,274,739.11元。");
        assert_eq!(t.amount.value, dec!(8274739.11));
        assert_eq!(t.amount.unit, Some(Unit::Yuan));
        assert_eq!(t.amount.decimals, 2);
        assert_eq!(
            &"收入合计8,274,739.11元。"[t.start..t.end],
            "8,274,739.11元"
        );
    }

    #[test]
    fn wan_yuan_one_decimal() {
        let t = one("收、支总计1,153.8万元。");
        assert_eq!(t.amount.value, dec!(1153.8));
        assert_eq!(t.amount.unit, Some(Unit::TenThousandYuan));
        assert_eq!(t.amount.decimals, 1);
    }

    #[test]
    fn yi_yuan_and_bare_wan() {
        assert_eq!(
            one("完成疫苗清算1.85亿元").amount.unit,
            Some(Unit::HundredMillionYuan)
        );
        let t = one("支出决算总金额为1153.8万。");
        assert_eq!(t.amount.unit, Some(Unit::TenThousandYuan));
        // 万人 is a head count, not money
        assert_eq!(one("参保人数18.577万人").amount.unit, None);
    }

    #[test]
    fn percent_and_missing_unit() {
        let t = one("占总收入的97.5%；");
        assert_eq!(t.amount.unit, Some(Unit::Percent));
        assert_eq!(t.amount.decimals, 1);
        let t = one("收、支总计均为553.29。");
        assert_eq!(t.amount.unit, None);
        assert_eq!(t.amount.value, dec!(553.29));
    }

    #[test]
    fn comma_is_a_separator_only_before_three_digits() {
        // A clause comma after a figure must not be swallowed.
        let tokens = scan("一般公共预算6,411,100元,政府性基金0元");
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[0].amount.value, dec!(6411100));
        assert_eq!(tokens[1].amount.value, dec!(0));
        let tokens = scan("团组2,累计15人次");
        assert_eq!(tokens[0].amount.value, dec!(2));
        // A four-digit leading run is not a thousands group.
        let tokens = scan("1153,800元");
        assert_eq!(tokens[0].amount.value, dec!(1153));
    }

    #[test]
    fn parse_number_rejects_garbage() {
        assert_eq!(parse_number("1,234.50"), Some((dec!(1234.50), 2)));
        assert_eq!(parse_number("12,34"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn digits_straight_into_a_mantissa_agree_with_the_parser() {
        for s in [
            "0",
            "007",
            "1.0",
            "0.05",
            "12.50",
            "8,274,739.11",
            "1,153.8",
            "9999999999999999999",
            "99999999999999999999",
            "999,999,999,999,999,999.9",
            "9999999999999999999999999999",
            "99999999999999999999999999999",
            "0.000000000000000000000000001",
            "0.0000000000000000000000000001",
            "123456789012345678901234567890.5",
        ] {
            let number = read_number(s.as_bytes(), 0).expect(s);
            assert_eq!(number.end, s.len(), "{s}");
            let fast = number.value(s).map(|(v, d)| (v.mantissa(), v.scale(), d));
            let slow = to_decimal_parsed(s).map(|(v, d)| (v.mantissa(), v.scale(), d));
            assert_eq!(fast, slow, "{s}");
        }
        for s in ["1.2.3", ".5", "", "12,34", "1,2345"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    /// The extent of a number as found before its digits were read in the same pass: the
    /// reference [`read_number`] must agree with.
    fn number_len_reference(bytes: &[u8], at: usize) -> Option<usize> {
        let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        if !digit(at) {
            return None;
        }
        let mut i = at;
        while digit(i) {
            i += 1;
        }
        if i - at <= 3 {
            while bytes.get(i) == Some(&b',')
                && digit(i + 1)
                && digit(i + 2)
                && digit(i + 3)
                && !digit(i + 4)
            {
                i += 4;
            }
        }
        if bytes.get(i) == Some(&b'.') && digit(i + 1) {
            i += 1;
            while digit(i) {
                i += 1;
            }
        }
        (i - at <= 40).then_some(i - at)
    }

    #[test]
    fn numbers_read_in_one_pass_agree_with_finding_then_parsing_them() {
        // Every text of up to seven bytes of digits, separators, a dot and a letter, from
        // every start; and long runs around the 19-digit and 40-byte bounds.
        let alphabet = b"079,.x";
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..7 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .filter(|t| t.len() == texts.last().map_or(0, Vec::len))
                .flat_map(|t| {
                    alphabet.iter().map(move |&b| {
                        let mut t = t.clone();
                        t.push(b);
                        t
                    })
                })
                .collect();
            texts.extend(longer);
        }
        for len in [18, 19, 20, 28, 29, 39, 40, 41] {
            let digits = "9".repeat(len);
            texts.push(digits.clone().into_bytes());
            texts.push(format!("1,{}", &digits[..len.min(3)]).into_bytes());
            texts.push(format!("0.{digits}").into_bytes());
            texts.push(format!("{digits}.5").into_bytes());
            texts.push(format!("999,999,999,999,999,999.{digits}").into_bytes());
        }
        for bytes in &texts {
            let text = std::str::from_utf8(bytes).unwrap();
            for at in 0..bytes.len() {
                let number = read_number(bytes, at);
                assert_eq!(
                    number.map(|n| n.end - at),
                    number_len_reference(bytes, at),
                    "{text} {at}"
                );
                if let Some(number) = number {
                    let s = &text[at..number.end];
                    let fast = number
                        .value(text)
                        .map(|(v, d)| (v.mantissa(), v.scale(), d));
                    let slow = to_decimal_parsed(s).map(|(v, d)| (v.mantissa(), v.scale(), d));
                    assert_eq!(fast, slow, "{s}");
                }
            }
        }
    }

    #[test]
    fn units_are_told_by_their_first_byte() {
        for unit in ["万", "亿", "元"] {
            assert!(
                matches!(unit.as_bytes().first(), Some(0xE4 | 0xE5)),
                "{unit}"
            );
        }
        for (rest, unit) in [
            ("%", Some((Unit::Percent, 1))),
            ("万元", Some((Unit::TenThousandYuan, 6))),
            ("亿元", Some((Unit::HundredMillionYuan, 6))),
            ("元", Some((Unit::Yuan, 3))),
            ("万。", Some((Unit::TenThousandYuan, 3))),
            ("万", Some((Unit::TenThousandYuan, 3))),
            ("万人", None),
            ("亿", None),
            ("年", None),
            ("", None),
            ("个", None),
        ] {
            assert_eq!(unit_after(rest), unit, "{rest}");
        }
    }

    #[test]
    fn the_next_digit_is_found_sixteen_bytes_at_a_time() {
        let text =
            "收入合计为一百万元,其中财政拨款9万元;2022年度:0.5%,以及更多的中文文字7".as_bytes();
        for from in 0..=text.len() {
            let expected = text
                .get(from..)
                .and_then(|r| r.iter().position(u8::is_ascii_digit))
                .map(|p| from + p);
            assert_eq!(next_digit(text, from), expected, "{from}");
        }
        let all: Vec<u8> = (0..=255).collect();
        for from in 0..all.len() {
            assert_eq!(
                next_digit(&all, from),
                (from <= 0x30)
                    .then_some(0x30.max(from))
                    .or((from <= 0x39).then_some(from))
            );
        }
    }

    #[test]
    fn the_next_digit_is_found_in_every_length_of_tail() {
        // A digit, or a byte next to a digit in value (`/`, `:`), at each place of texts of
        // every length up to three blocks, from every start.
        for len in 0..50 {
            for at in 0..=len {
                for (b, other) in [(b'7', b'x'), (b'0', 0xE5), (b'/', b'9'), (b':', 0x82)] {
                    let mut bytes = vec![other; len];
                    if let Some(byte) = bytes.get_mut(at) {
                        *byte = b;
                    }
                    for from in 0..=len + 1 {
                        let expected = bytes
                            .get(from..)
                            .and_then(|r| r.iter().position(u8::is_ascii_digit))
                            .map(|p| from + p);
                        assert_eq!(next_digit(&bytes, from), expected, "{bytes:?} {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn overlong_digit_runs_are_not_figures() {
        let text = "1".repeat(60) + "元";
        assert!(scan(&text).is_empty());
    }
}
