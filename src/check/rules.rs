//! The rule declarations: code, name, severity and documentation of every check.
//!
//! Kept in one table-like file so codes never change meaning and never collide; the logic
//! lives in the family modules ([`super::sum`], [`super::share`], [`super::change`],
//! [`super::rate`], [`super::restated`], [`super::unit`]).

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A total that is, by definition, the sum of the parts the document lists under it:
    /// income sources (财政拨款收入 + 上级补助收入 + 事业收入 + …), expenditure kinds
    /// (基本支出 + 项目支出 + …), 基本支出 = 人员经费 + 公用经费, the 三公 parts, the
    /// procurement parts (货物 + 工程 + 服务), the asset parts, all function classes of the
    /// general public budget, and the items (项) of one class (类). The comparison uses the
    /// interval each written figure stands for, so honest rounding never fails.
    ///
    /// ## Why it matters
    /// A breakdown that does not add up means one of its figures is wrong: a typo, a figure
    /// copied from last year, a line left out of the table.
    ///
    /// ## Example
    /// 保山市医疗保障局 2024 budget: 财政拨款安排支出6,757,101.67元, but the nine function-code
    /// lines that break it down add up to 6,758,101.67元 — 1,000元 too much.
    ///
    /// ## How to fix
    /// Recompute the total from the table the narrative is drawn from, and correct the total
    /// or the part that differs.
    pub struct SumMismatch {
        code: "S001",
        name: "sum-mismatch",
        severity: Error,
        summary: "A total does not equal the sum of the parts that make it up by definition",
    }
}

declare_rule! {
    /// ## What it checks
    /// A partial breakdown (a `其中` list that need not be complete, such as
    /// `医疗费用692.75万元，其中统筹基金支付395.86万元…`): its parts may not add up to more than
    /// the total.
    ///
    /// ## Why it matters
    /// Parts cannot exceed their whole; when they do, the total or a part is wrong.
    ///
    /// ## Example
    /// `项目支出100万元，其中：A项目60万元，B项目50万元` — the two listed projects alone exceed
    /// the total by 10万元.
    ///
    /// ## How to fix
    /// Check the total and each listed part against the accounts.
    pub struct PartsExceedTotal {
        code: "S002",
        name: "parts-exceed-total",
        severity: Error,
        summary: "The listed parts of a total add up to more than the total",
    }
}

declare_rule! {
    /// ## What it checks
    /// A sum that fails when the written figures are read as rounded, but holds when they are
    /// read as truncated (cut off after the written decimals).
    ///
    /// ## Why it matters
    /// Truncating instead of rounding is a publishing habit, not an error of the accounts;
    /// but it makes the figures inconsistent with a rounded table, so it is worth knowing.
    ///
    /// ## Example
    /// Parts 1.19 + 2.29 (true 1.199 and 2.299) against a total of 3.49 (true 3.498).
    ///
    /// ## How to fix
    /// Round figures half-up to the published precision.
    pub struct SumTruncated {
        code: "S003",
        name: "sum-holds-only-truncated",
        severity: Warning,
        summary: "A sum holds only if the figures were truncated instead of rounded",
    }
}

declare_rule! {
    /// ## What it checks
    /// Every share `占…的Y%`: Y must equal the part divided by its base (the total the list is
    /// of, or the figure the words name: 总收入, 基本支出, 一般公共预算财政拨款总支出…), within the
    /// precision of all three figures.
    ///
    /// ## Why it matters
    /// A wrong share misleads readers comparing departments, and usually betrays a changed
    /// part or base that was not carried through.
    ///
    /// ## Example
    /// `基本支出6,458,419.07元，占总支出的78.05%` of a total of 8,274,739.11元 holds; written as
    /// 87.05% it would be off by nine points.
    ///
    /// ## How to fix
    /// Recompute the percentage from the final part and base.
    pub struct ShareMismatch {
        code: "P001",
        name: "share-mismatch",
        severity: Error,
        summary: "A stated share does not equal the part divided by its base",
    }
}

declare_rule! {
    /// ## What it checks
    /// A share stated of a base that is zero (`占政府采购支出总额的100%` with a total of 0).
    ///
    /// ## Why it matters
    /// A percentage of zero is undefined; stating one means the base or the part is wrong.
    ///
    /// ## Example
    /// 怀化市医疗保障事务中心 2022: `授予中小企业合同金额9.6万元，占政府采购支出总额的100%` while
    /// `政府采购支出总额0万元`.
    ///
    /// ## How to fix
    /// Correct the base (here the procurement total), or say that no share can be computed.
    pub struct ShareOfZero {
        code: "P002",
        name: "share-of-zero-base",
        severity: Warning,
        summary: "A share is stated of a base that is zero",
    }
}

declare_rule! {
    /// ## What it checks
    /// A share that fails under rounding but holds if the percentage (or its inputs) were
    /// truncated rather than rounded.
    ///
    /// ## Why it matters
    /// Truncation is a habit, not an accounting error, but it leaves the figures one unit off.
    ///
    /// ## Example
    /// 12.49 / 593.16 = 2.1057%, published as 2.10% instead of 2.11%.
    ///
    /// ## How to fix
    /// Round percentages half-up.
    pub struct ShareTruncated {
        code: "P003",
        name: "share-holds-only-truncated",
        severity: Warning,
        summary: "A share holds only if it was truncated instead of rounded",
    }
}

declare_rule! {
    /// ## What it checks
    /// A share one unit off in its last digit inside a list of shares that adds up to exactly
    /// 100%: the publisher nudged one share so the list sums to 100%.
    ///
    /// ## Why it matters
    /// Nudging is common and harmless, but the nudged share no longer equals part / base.
    ///
    /// ## Example
    /// Three equal parts of 100 published as 33.33%, 33.33% and 33.34%.
    ///
    /// ## How to fix
    /// Publish the rounded shares, even if they add up to 99.99% or 100.01%.
    pub struct ShareNudged {
        code: "P004",
        name: "share-nudged-to-100",
        severity: Warning,
        summary: "A share was moved one unit so that its list adds up to 100%",
    }
}

declare_rule! {
    /// ## What it checks
    /// Every change against last year, `增加/减少 X，增长/下降 Y%`: last year's figure is this
    /// year's minus the change, and Y must equal X divided by last year's figure.
    ///
    /// ## Why it matters
    /// A change that does not match its percentage means this year's figure, last year's or
    /// the change was mistyped.
    ///
    /// ## Example
    /// `收入合计减少3,878,054.23元，下降31.91%` with a 2022 income of 8,274,739.11元: last year
    /// 12,152,793.34元, and 3,878,054.23 / 12,152,793.34 = 31.91% — holds.
    ///
    /// ## How to fix
    /// Recompute the change and the percentage from both years' final figures.
    pub struct ChangeMismatch {
        code: "C001",
        name: "change-mismatch",
        severity: Error,
        summary: "A change against last year does not match its percentage",
    }
}

declare_rule! {
    /// ## What it checks
    /// The direction words of a change agree: an amount that `增加` cannot `下降` by a
    /// percentage, and the reverse.
    ///
    /// ## Why it matters
    /// A contradictory direction tells the reader the opposite of what happened.
    ///
    /// ## Example
    /// `比上年增加5万元，下降10%`.
    ///
    /// ## How to fix
    /// Use the same direction for the amount and the percentage.
    pub struct ChangeDirection {
        code: "C002",
        name: "change-direction-conflict",
        severity: Error,
        summary: "The amount and the percentage of a change go in opposite directions",
    }
}

declare_rule! {
    /// ## What it checks
    /// A percentage change of a figure that was zero last year (`增加12.49万元，增长100%`
    /// where last year was 0).
    ///
    /// ## Why it matters
    /// Growth from zero has no percentage; stating one hides that the item is new.
    ///
    /// ## Example
    /// `机关运行经费增加4.4万元，增长100%` with this year's 4.4万元.
    ///
    /// ## How to fix
    /// Say the item is new this year instead of giving a percentage.
    pub struct ChangeOfZero {
        code: "C003",
        name: "change-of-zero-base",
        severity: Warning,
        summary: "A percentage change is stated from a base of zero",
    }
}

declare_rule! {
    /// ## What it checks
    /// A change whose percentage fails under rounding but holds if figures were truncated.
    ///
    /// ## Why it matters
    /// See S003: a habit worth knowing, not an accounting error.
    ///
    /// ## Example
    /// A change of 0.29 on 0.54 published as 53.7% where 0.29/0.54 rounds to 53.7% but the
    /// written figures were truncated.
    ///
    /// ## How to fix
    /// Round half-up.
    pub struct ChangeTruncated {
        code: "C004",
        name: "change-holds-only-truncated",
        severity: Warning,
        summary: "A change holds only if the figures were truncated",
    }
}

declare_rule! {
    /// ## What it checks
    /// Every completion or execution rate (`完成年初预算的Z%`, `执行率Z%`, `超出年初预算Z%`):
    /// Z must equal the actual divided by the budget (or the overrun divided by the budget).
    ///
    /// ## Why it matters
    /// The completion rate is the headline of budget execution; a wrong one misstates how
    /// well the budget was kept.
    ///
    /// ## Example
    /// 安阳市龙安区医疗保障局 2023: `年初预算为5037.32万元，支出决算为593.16万元，完成年初预算的
    /// 11.78%` holds (593.16 / 5037.32 = 11.775%).
    ///
    /// ## How to fix
    /// Recompute the rate from the final budget and actual figures.
    pub struct RateMismatch {
        code: "R001",
        name: "rate-mismatch",
        severity: Error,
        summary: "A completion or execution rate does not equal actual / budget",
    }
}

declare_rule! {
    /// ## What it checks
    /// A completion or overrun rate stated against a budget of zero (`年初预算为0万元，支出决算为
    /// 12.49万元，超出年初预算100%`).
    ///
    /// ## Why it matters
    /// Spending with no budget has no completion rate; the sentence hides unbudgeted spending.
    ///
    /// ## Example
    /// 安阳市龙安区医疗保障局 2023, 其他一般公共服务支出: budget 0, actual 12.49万元, `超出年初预算100%`.
    ///
    /// ## How to fix
    /// State that the spending was not in the initial budget and explain it.
    pub struct RateOfZero {
        code: "R002",
        name: "rate-of-zero-budget",
        severity: Warning,
        summary: "A rate is stated against a budget of zero",
    }
}

declare_rule! {
    /// ## What it checks
    /// A rate that fails under rounding but holds if figures were truncated.
    ///
    /// ## Why it matters
    /// See S003.
    ///
    /// ## Example
    /// 28.55 / 100 published as 28.5%.
    ///
    /// ## How to fix
    /// Round half-up.
    pub struct RateTruncated {
        code: "R003",
        name: "rate-holds-only-truncated",
        severity: Warning,
        summary: "A rate holds only if the figures were truncated",
    }
}

declare_rule! {
    /// ## What it checks
    /// The same quantity stated in several places (收入合计 in the overview and in the income
    /// section, 基本支出 in the expenditure section and in the performance report…) has the
    /// same value everywhere, within rounding.
    ///
    /// ## Why it matters
    /// Two different values for one quantity mean at least one is wrong, and readers cannot
    /// tell which.
    ///
    /// ## Example
    /// 乐山市市中区医疗保障局 2022: `基本支出300.11万元` and, in the attached report,
    /// `基本支出300.1万元` — consistent within rounding, so not reported.
    ///
    /// ## How to fix
    /// Use the final figure everywhere.
    pub struct RestatedMismatch {
        code: "X001",
        name: "restated-figure-disagrees",
        severity: Error,
        summary: "The same quantity is stated with different values in different places",
    }
}

declare_rule! {
    /// ## What it checks
    /// A relation (sum, share, change, rate, restatement) that fails as written but holds if
    /// one figure's unit were another — typically `元` written where the neighbouring
    /// figures, and the arithmetic, are in `万元`.
    ///
    /// ## Why it matters
    /// A wrong unit changes a figure ten-thousandfold.
    ///
    /// ## Example
    /// 安阳市龙安区医疗保障局 2023: `年初预算为2311.99元，支出决算为365.07万元，完成年初预算的
    /// 15.79%` — 365.07 / 2311.99 = 15.79% only if the budget is 2311.99万元.
    ///
    /// ## How to fix
    /// Correct the unit of the figure named.
    pub struct WrongUnit {
        code: "U001",
        name: "wrong-unit",
        severity: Error,
        summary: "A figure's checks hold only if its unit were another",
    }
}

declare_rule! {
    /// ## What it checks
    /// A money figure written with no unit where one is expected (`收、支总计均为553.29。`).
    /// yujue reads it in the document's main unit and says so. A growth rate that lost its
    /// `%` (`增加1193.20万元，增长13.95。`) is read as a percentage and reported likewise.
    ///
    /// ## Why it matters
    /// Without a unit a figure can be read as 元 or as 万元: ten thousand times apart.
    ///
    /// ## Example
    /// 怀化市医疗保障事务中心 2022: `2022年度收、支总计均为553.29。`; 上海市普陀区规划和
    /// 自然资源局 2024: `一般公共预算财政拨款支出增加1193.20万元，增长13.95。`
    ///
    /// ## How to fix
    /// Write the unit after every amount.
    pub struct MissingUnit {
        code: "U002",
        name: "missing-unit",
        severity: Warning,
        summary: "A money figure has no unit",
    }
}
