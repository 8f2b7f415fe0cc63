//! The typed results of one document: figures, records, findings, summary.
//!
//! Owns the per-document JSON contract (`path`, `document`, `records`, `findings`,
//! `summary`). Amounts are serialised as decimal strings in 元; every figure and every
//! finding span carries a 1-based line and column (in code points) of the file as written.
//! Nothing here computes: extraction fills these types, checks read them, renderers print.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};

use crate::amount::Unit;
use crate::concept::Concept;
use crate::digits::digit_pair;

/// Where something is in the file as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character, in Unicode code points.
    pub column: usize,
    /// 1-based line and column just past the last character.
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offsets in the decoded text.
    pub start: usize,
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// What this span is in the finding (`stated`, the label of a part…); empty for figures.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// Whether a disclosure is a budget or a final account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 预算
    Budget,
    /// 决算
    FinalAccount,
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    pub department: Option<String>,
    pub year: Option<u16>,
    pub kind: Option<DocumentKind>,
    /// The unit most money figures in the narrative are written in.
    pub main_unit: Option<Unit>,
    /// The encoding the file was read with.
    pub encoding: String,
    /// Headings of the section tree, in order, with their level (1 = 第X部分).
    pub sections: Vec<SectionOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionOut {
    pub level: u8,
    // Marker and title are shared with the section tree that extraction keeps (not copied);
    // a plain comment, so that the JSON Schema stays as it was.
    pub marker: Arc<str>,
    pub title: Arc<str>,
    pub line: usize,
}

/// One figure as extracted: value, unit, precision, label and place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Index of the figure in the document, referenced by records.
    pub id: usize,
    /// The words the document puts before the figure (normalised).
    pub label: String,
    /// What the figure is, where it could be told.
    pub concept: Option<Concept>,
    /// The role the figure plays in its sentence.
    pub role: Role,
    /// Value in 元 for money (after the unit, or the assumed unit where none was written);
    /// the percentage itself for percentages.
    #[schemars(with = "String")]
    #[serde(serialize_with = "decimal_text")]
    pub value: Decimal,
    /// The number as written, without its unit.
    #[schemars(with = "String")]
    #[serde(serialize_with = "decimal_text")]
    pub written_value: Decimal,
    /// Decimal places as written.
    pub decimals: u32,
    /// The unit as written (`null` where none was written).
    pub unit: Option<Unit>,
    /// The unit assumed where none was written (a warning is raised).
    pub assumed_unit: Option<Unit>,
    /// The function classification code written with the figure (`2101501`, `210`).
    pub function_code: Option<String>,
    /// Heading of the innermost numbered section the figure is in: one string shared by
    /// every figure of the section.
    pub section: Arc<str>,
    pub span: Span,
}

/// A decimal as the string rust_decimal writes for it (every digit of the mantissa, the
/// point `scale` digits from the right, at least one digit before it, a `-` for a negative
/// value, `-0` included), written right to left from the 64-bit mantissa every amount
/// has, two digits at a time: rust_decimal divides a 96-bit mantissa by ten once per
/// digit, then copies the digits twice. A whole number that is not negative is itoa's
/// text, which needs no UTF-8 validation. A larger mantissa is left to rust_decimal.
fn decimal_text<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let (Ok(mantissa), Ok(scale)) = (
        u64::try_from(value.mantissa().unsigned_abs()),
        usize::try_from(value.scale()),
    ) else {
        return Serialize::serialize(value, serializer);
    };
    let negative = value.is_sign_negative();
    if scale == 0 && !negative {
        // A whole number (half of them, mostly `0`) is itoa's text, a `str` already.
        return serializer.serialize_str(itoa::Buffer::new().format(mantissa));
    }
    let mut text = DecimalText::new();
    let mut rest = mantissa;
    // The fraction, `scale` digits (zeros once the mantissa runs out), the point, then the
    // whole part, one digit at the least.
    for _ in 0..scale / 2 {
        text.push_pair(rest % 100);
        rest /= 100;
    }
    if scale % 2 == 1 {
        text.push_digit(rest % 10);
        rest /= 10;
    }
    if scale > 0 {
        text.push(b'.');
    }
    let whole = rest;
    while rest >= 10 {
        text.push_pair(rest % 100);
        rest /= 100;
    }
    // A last odd digit, or the `0` of a whole part that is zero.
    if rest > 0 || whole == 0 {
        text.push_digit(rest);
    }
    if negative {
        text.push(b'-');
    }
    match text.as_str() {
        Some(text) => serializer.serialize_str(text),
        None => Serialize::serialize(value, serializer),
    }
}

/// The text of a decimal with a 64-bit mantissa, written from the right: room for at most
/// 28 digits after the point (all but the mantissa's own leading zeros), one before it,
/// the point and the sign, and where the text begins. Aligned so that UTF-8 validation
/// reads it a word at a time.
#[repr(align(16))]
struct DecimalText {
    bytes: [u8; DecimalText::CAPACITY],
    start: usize,
}

impl DecimalText {
    const CAPACITY: usize = 32;

    fn new() -> Self {
        DecimalText {
            bytes: [b'0'; DecimalText::CAPACITY],
            start: DecimalText::CAPACITY,
        }
    }

    /// `bytes` before the text written so far.
    #[inline(always)]
    fn push_bytes<const N: usize>(&mut self, bytes: [u8; N]) {
        let start = self.start.saturating_sub(N);
        if let Some(slot) = self.bytes.get_mut(start..start + N) {
            slot.copy_from_slice(&bytes);
        }
        self.start = start;
    }

    #[inline(always)]
    fn push(&mut self, byte: u8) {
        self.push_bytes([byte]);
    }

    /// The digit `n` (below 10).
    #[inline(always)]
    fn push_digit(&mut self, n: u64) {
        self.push(b'0' + (n % 10) as u8);
    }

    /// The two digits of `n` (below 100).
    #[inline(always)]
    fn push_pair(&mut self, n: u64) {
        self.push_bytes(digit_pair(n).to_le_bytes());
    }

    /// The text: the last sixteen bytes are validated alone where it fits in them, one
    /// aligned block rather than two.
    fn as_str(&self) -> Option<&str> {
        const HALF: usize = DecimalText::CAPACITY / 2;
        let from = if self.start >= HALF { HALF } else { 0 };
        let checked = std::str::from_utf8(self.bytes.get(from..)?).ok()?;
        checked.get(self.start - from..)
    }
}

/// The role of a figure in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A level: an amount for the year.
    Level,
    /// An amount of change against last year (增加 / 减少 X).
    ChangeAmount,
    /// A percentage of change against last year (增长 / 下降 Y%).
    ChangePercent,
    /// A share (占…Y%).
    Share,
    /// A completion or execution rate (完成预算…%, 执行率).
    Rate,
    /// A budget figure in a budget-vs-actual statement (年初预算为…).
    Budget,
    /// The figure a change is measured from (`比2025年年初预算数X万元增加…`).
    Previous,
    /// Any other percentage.
    Percent,
}

/// Direction of a change (增加 / 减少).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

/// What kind of breakdown a sum is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SumKind {
    /// A total and its listed parts (其中…).
    Breakdown,
    /// Function classes or items adding up to their total.
    FunctionClasses,
    /// Items of one function class adding up to the class.
    ClassItems,
    /// 收入总计 = 本年收入 + 年初结转和结余.
    Identity,
}

/// What the text states between figures (ids into `figures`): the statements yujue checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "statement", rename_all = "snake_case", deny_unknown_fields)]
pub enum Relation {
    /// `total` equals the sum of `parts` (exhaustive) or is at least that sum.
    Sum {
        total: usize,
        parts: Vec<usize>,
        exhaustive: bool,
        kind: SumKind,
    },
    /// `percent` is `part / base`; `together` are the parts listed before it without shares
    /// of their own, for a share stated of several parts at once.
    Share {
        part: usize,
        base: usize,
        percent: usize,
        together: Vec<usize>,
        /// Shares of one list, to recognise a list nudged to add up to 100%.
        group: usize,
    },
    /// `percent` is `part / (sum of parts)`: shares of a total the text names but does not
    /// state (`因公出国(境)费180万元,占“三公”经费的26.86%;公务用车…`), listed with all its
    /// parts, whose shares add up to 100%.
    ShareOfListed {
        part: usize,
        parts: Vec<usize>,
        percent: usize,
        /// As `Share::group`.
        group: usize,
    },
    /// `current` changed by `amount` (`direction`) and by `percent` (`percent_direction`).
    Change {
        current: usize,
        /// Last year's figure, where the text states it.
        previous: Option<usize>,
        amount: usize,
        direction: Direction,
        percent: Option<usize>,
        percent_direction: Option<Direction>,
    },
    /// `percent` is the change from `previous` to `current`, both stated
    /// (`2023年执行数为54.60万元,2024年预算安排53.84万元,比2023年执行数减少1.39%`).
    Growth {
        current: usize,
        previous: usize,
        percent: usize,
        direction: Direction,
    },
    /// `percent` is `actual / budget` (or the overrun `(actual − budget) / budget`).
    Rate {
        actual: usize,
        budget: usize,
        percent: usize,
        overrun: bool,
    },
    /// `again` restates the quantity `first` states.
    Restated { first: usize, again: usize },
}

impl Relation {
    /// Every figure the relation involves, the stated one first.
    pub fn figures(&self) -> Vec<usize> {
        match self {
            Relation::Sum { total, parts, .. } => std::iter::once(*total)
                .chain(parts.iter().copied())
                .collect(),
            Relation::Share {
                part,
                base,
                percent,
                ..
            } => vec![*percent, *part, *base],
            Relation::ShareOfListed {
                part,
                parts,
                percent,
                ..
            } => [*percent, *part]
                .into_iter()
                .chain(parts.iter().copied().filter(|p| p != part))
                .collect(),
            Relation::Change {
                current,
                previous,
                amount,
                percent,
                ..
            } => {
                let mut v = vec![*amount, *current];
                v.extend(*previous);
                v.extend(*percent);
                v
            }
            Relation::Growth {
                current,
                previous,
                percent,
                ..
            } => vec![*percent, *current, *previous],
            Relation::Rate {
                actual,
                budget,
                percent,
                ..
            } => vec![*percent, *actual, *budget],
            Relation::Restated { first, again } => vec![*again, *first],
        }
    }
}

/// A row of the functional classification (类 / 款 / 项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FunctionLine {
    /// `class`, `section` or `item` (类 / 款 / 项): the finest level the line names.
    pub level: FunctionLevel,
    /// The code as written, if any (3, 5 or 7 digits).
    pub code: Option<String>,
    /// Names as written, coarsest first (类, 款, 项).
    pub names: Vec<String>,
    /// Figure ids: the amount (决算 or the amount stated), the budget, the rate, the share.
    pub amount: Option<usize>,
    pub budget: Option<usize>,
    pub rate: Option<usize>,
    pub share: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FunctionLevel {
    Class,
    Section,
    Item,
}

/// A listed project with its amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: String,
    /// Figure ids of the amounts stated for it, in order.
    pub figures: Vec<usize>,
}

/// A count stated in the document (团组, 人次, 辆, 批次…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub label: String,
    pub value: u64,
    pub unit: String,
    pub span: Span,
}

/// The typed records of a document. Each record maps its fields (a concept) to the figure
/// ids stating it, in document order: the same figure is often stated in several places.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// 收入
    pub income: std::collections::BTreeMap<Concept, Vec<usize>>,
    /// 支出
    pub expenditure: std::collections::BTreeMap<Concept, Vec<usize>>,
    /// 财政拨款收支 and 一般公共预算 / 政府性基金 / 国有资本经营 spending
    pub fiscal_appropriation: std::collections::BTreeMap<Concept, Vec<usize>>,
    /// 功能分类 类 / 款 / 项
    pub function_classification: Vec<FunctionLine>,
    /// 三公经费
    pub three_official_expenses: std::collections::BTreeMap<Concept, Vec<usize>>,
    /// 三公 counts (团组, 人次, 辆, 批次)
    pub counts: Vec<Count>,
    /// 机关运行经费
    pub administrative_running_costs: std::collections::BTreeMap<Concept, Vec<usize>>,
    /// 政府采购
    pub government_procurement: std::collections::BTreeMap<Concept, Vec<usize>>,
    /// 国有资产
    pub state_assets: std::collections::BTreeMap<Concept, Vec<usize>>,
    /// Listed projects with their amounts.
    pub projects: Vec<Project>,
    /// What the text states between the figures: sums, shares, changes, rates and
    /// restatements, each checked.
    pub statements: Vec<Relation>,
    /// Every figure, in document order.
    pub figures: Vec<Figure>,
}

/// How bad a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Cannot hold under any rounding of the written figures.
    Error,
    /// Suspicious or undefined (a percentage of zero, a missing unit, truncation).
    Warning,
    /// For information.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One discrepancy found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Stable rule code (`S001`…).
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// The stated figure, as a decimal string in 元 (or in % for percentages).
    pub stated: Option<String>,
    /// The recomputed value or interval.
    pub expected: Option<String>,
    /// stated − recomputed (nearest bound of the interval).
    pub difference: Option<String>,
    /// The stated figure first, then every figure it was recomputed from.
    pub spans: Vec<Span>,
}

/// Counts for one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub figures: usize,
    pub checks: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// True when no error finding was made.
    pub reconciled: bool,
}

/// The result for one document: the per-document JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentReport {
    pub path: String,
    pub document: DocumentMeta,
    pub records: Records,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

impl DocumentReport {
    pub fn figure(&self, id: usize) -> Option<&Figure> {
        self.records.figures.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    proptest::proptest! {
        /// The same, for any 96-bit mantissa, sign and scale.
        #[test]
        fn decimal_text_is_rust_decimals_for_any_decimal(
            low in proptest::prelude::any::<u64>(),
            high in 0u32..4,
            negative in proptest::prelude::any::<bool>(),
            scale in 0u32..=28,
            small in proptest::prelude::any::<bool>(),
        ) {
            #[derive(Serialize)]
            struct Cheap(#[serde(serialize_with = "decimal_text")] Decimal);
            let mantissa = if small { i128::from(low % 1_000_000_000) } else { i128::from(high) << 64 | i128::from(low) };
            let mut d = Decimal::from_i128_with_scale(mantissa, scale);
            d.set_sign_negative(negative);
            proptest::prop_assert_eq!(
                serde_json::to_string(&Cheap(d)).unwrap(),
                serde_json::to_string(&d).unwrap()
            );
        }
    }

    /// The cheap decimal text is rust_decimal's, digit for digit.
    #[test]
    fn decimal_text_is_rust_decimals() {
        #[derive(Serialize)]
        struct Cheap(#[serde(serialize_with = "decimal_text")] Decimal);
        let mut values: Vec<Decimal> = [
            "0",
            "-0",
            "0.00",
            "-0.00",
            "1",
            "-1",
            "0.5",
            "-0.05",
            "0.001",
            "593.16",
            "5931600.00",
            // Whole parts of one, two and three digits after a fraction of odd and even
            // length: the digit pairs and the last odd digit.
            "9.9",
            "10.5",
            "-10.00",
            "99.999",
            "100.01",
            "1000.1",
            "100",
            "1e3",
            "12345678901234567890",
            "18446744073709551615",
            "18446744073709551616",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "7.9228162514264337593543950335",
            "123456789.123456789",
        ]
        .iter()
        .map(|s| {
            Decimal::from_str(s)
                .or_else(|_| Decimal::from_scientific(s))
                .unwrap()
        })
        .collect();
        values.push(Decimal::from_i128_with_scale(-0, 5));
        // The longest texts: all the digits of a 64-bit mantissa after the point, or all
        // but one.
        for scale in [0, 1, 19, 20, 21, 28] {
            values.push(Decimal::from_i128_with_scale(-i128::from(u64::MAX), scale));
            values.push(Decimal::from_i128_with_scale(i128::from(u64::MAX), scale));
            values.push(Decimal::from_i128_with_scale(1, scale));
        }
        let mut negative_zero = Decimal::new(0, 3);
        negative_zero.set_sign_negative(true);
        values.push(negative_zero);
        for d in values {
            assert_eq!(
                serde_json::to_string(&Cheap(d)).unwrap(),
                serde_json::to_string(&d).unwrap(),
                "{d:?}"
            );
        }
    }
}
