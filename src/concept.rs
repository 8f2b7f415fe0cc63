//! What a figure is: the fiscal concepts yujue knows, with the words documents use for them.
//!
//! Owns the vocabulary, in one place: each [`Concept`] has the record it belongs to, its
//! field name in JSON, and the aliases (Chinese phrases) that name it. Extraction asks
//! [`classify`] for the concept of a label; checks ask which breakdowns are exhaustive by
//! definition ([`exhaustive_parts`]). Adding a synonym is one line in [`ALIASES`].

use serde::{Deserialize, Serialize};

use crate::extract::words::LabelMemo;

/// A fiscal concept. The Chinese term is given once, in the doc comment.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Concept {
    /// 收入总计 (本年收入 + 年初结转和结余)
    TotalIncome,
    /// 本年收入合计
    IncomeForYear,
    /// 财政拨款收入
    FiscalAppropriationIncome,
    /// 一般公共预算财政拨款收入
    GeneralPublicBudgetIncome,
    /// 政府性基金预算财政拨款收入
    GovernmentFundIncome,
    /// 国有资本经营预算财政拨款收入
    StateCapitalIncome,
    /// 财政专户管理资金收入
    SpecialAccountIncome,
    /// 上级补助收入
    GrantsFromAbove,
    /// 事业收入
    OperatingServiceIncome,
    /// 经营收入
    BusinessIncome,
    /// 附属单位上缴收入
    FromSubsidiaries,
    /// 其他收入
    OtherIncome,
    /// 年初结转和结余 / 上年结转
    CarryOver,
    /// 使用非财政拨款结余 (用事业基金弥补收支差额)
    NonFiscalSurplusUsed,
    /// 支出总计
    TotalExpenditure,
    /// 本年支出合计
    ExpenditureForYear,
    /// 基本支出
    BasicExpenditure,
    /// 项目支出
    ProjectExpenditure,
    /// 上缴上级支出
    PaidToHigher,
    /// 经营支出
    BusinessExpenditure,
    /// 对附属单位补助支出
    GrantsToSubsidiaries,
    /// 人员经费
    PersonnelCosts,
    /// 公用经费
    OperatingCosts,
    /// 年末结转和结余
    CarryForward,
    /// 财政拨款收支总计
    FiscalAppropriationTotal,
    /// 财政拨款支出
    FiscalAppropriationExpenditure,
    /// 一般公共预算财政拨款支出
    GeneralPublicBudgetExpenditure,
    /// 政府性基金预算财政拨款支出
    GovernmentFundExpenditure,
    /// 国有资本经营预算财政拨款支出
    StateCapitalExpenditure,
    /// “三公”经费
    ThreeOfficialTotal,
    /// 因公出国（境）费
    OverseasTrips,
    /// 公务用车购置及运行维护费
    Vehicles,
    /// 公务用车购置费
    VehiclePurchase,
    /// 公务用车运行维护费
    VehicleOperation,
    /// 公务接待费
    Receptions,
    /// 国内公务接待费
    DomesticReceptions,
    /// 外事接待费
    ForeignReceptions,
    /// 机关运行经费
    AdministrativeRunningCosts,
    /// 政府采购支出总额
    ProcurementTotal,
    /// 政府采购货物支出
    ProcurementGoods,
    /// 政府采购工程支出
    ProcurementWorks,
    /// 政府采购服务支出
    ProcurementServices,
    /// 授予中小企业合同金额
    SmeContracts,
    /// 授予小微企业合同金额
    MicroSmallContracts,
    /// 资产总额
    AssetsTotal,
    /// 流动资产
    CurrentAssets,
    /// 固定资产
    FixedAssets,
    /// 对外投资及有价证券
    ExternalInvestments,
    /// 在建工程
    ConstructionInProgress,
    /// 无形资产
    IntangibleAssets,
    /// 其他资产
    OtherAssets,
}

/// The record a concept belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Income,
    Expenditure,
    FiscalAppropriation,
    ThreeOfficialExpenses,
    AdministrativeRunningCosts,
    GovernmentProcurement,
    StateAssets,
}

impl Concept {
    pub fn record(self) -> RecordKind {
        use Concept::*;
        match self {
            TotalIncome
            | IncomeForYear
            | FiscalAppropriationIncome
            | GeneralPublicBudgetIncome
            | GovernmentFundIncome
            | StateCapitalIncome
            | SpecialAccountIncome
            | GrantsFromAbove
            | OperatingServiceIncome
            | BusinessIncome
            | FromSubsidiaries
            | OtherIncome
            | CarryOver
            | NonFiscalSurplusUsed => RecordKind::Income,
            TotalExpenditure | ExpenditureForYear | BasicExpenditure | ProjectExpenditure
            | PaidToHigher | BusinessExpenditure | GrantsToSubsidiaries | PersonnelCosts
            | OperatingCosts | CarryForward => RecordKind::Expenditure,
            FiscalAppropriationTotal
            | FiscalAppropriationExpenditure
            | GeneralPublicBudgetExpenditure
            | GovernmentFundExpenditure
            | StateCapitalExpenditure => RecordKind::FiscalAppropriation,
            ThreeOfficialTotal | OverseasTrips | Vehicles | VehiclePurchase | VehicleOperation
            | Receptions | DomesticReceptions | ForeignReceptions => {
                RecordKind::ThreeOfficialExpenses
            }
            AdministrativeRunningCosts => RecordKind::AdministrativeRunningCosts,
            ProcurementTotal | ProcurementGoods | ProcurementWorks | ProcurementServices
            | SmeContracts | MicroSmallContracts => RecordKind::GovernmentProcurement,
            AssetsTotal
            | CurrentAssets
            | FixedAssets
            | ExternalInvestments
            | ConstructionInProgress
            | IntangibleAssets
            | OtherAssets => RecordKind::StateAssets,
        }
    }

    /// The JSON field name.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The usual Chinese name, for messages.
    pub fn chinese(self) -> &'static str {
        ALIASES
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(alias, _)| alias)
    }
}

/// Aliases, most specific first: [`classify`] takes the first alias the label contains,
/// preferring the one that ends nearest the end of the label.
pub const ALIASES: &[(&str, Concept)] = {
    use Concept::*;
    &[
        // Income
        ("收入总计", TotalIncome),
        ("收、支总计", TotalIncome),
        ("收入、支出预算总计", TotalIncome),
        ("收、支预算总计", TotalIncome),
        ("收支预算总计", TotalIncome),
        ("收支总预算", TotalIncome),
        ("收支总计", TotalIncome),
        ("财务总收入", TotalIncome),
        ("收入总额", TotalIncome),
        ("本年收入合计", IncomeForYear),
        ("总收入", IncomeForYear),
        ("收入合计", IncomeForYear),
        ("收入决算总额", IncomeForYear),
        ("本年收入", IncomeForYear),
        ("本年收入预算", IncomeForYear),
        ("本年预算收入", IncomeForYear),
        ("收入预算合计", IncomeForYear),
        ("财政预算收入", TotalIncome),
        ("收入预算", TotalIncome),
        ("预算收入", TotalIncome),
        ("一般公共预算财政拨款收入", GeneralPublicBudgetIncome),
        ("一般公共预算拨款收入", GeneralPublicBudgetIncome),
        ("一般公共预算财政拨款", GeneralPublicBudgetIncome),
        ("一般公共预算收入", GeneralPublicBudgetIncome),
        ("政府性基金预算财政拨款收入", GovernmentFundIncome),
        ("政府性基金预算财政拨款", GovernmentFundIncome),
        ("政府性基金预算拨款收入", GovernmentFundIncome),
        ("政府性基金收入", GovernmentFundIncome),
        ("国有资本经营预算拨款收入", StateCapitalIncome),
        ("国有资本经营预算财政拨款收入", StateCapitalIncome),
        ("国有资本经营收益财政拨款", StateCapitalIncome),
        ("国有资本经营预算财政拨款", StateCapitalIncome),
        ("国有资本经营收益", StateCapitalIncome),
        ("国有资本经营预算收入", StateCapitalIncome),
        ("一般公共预算", GeneralPublicBudgetIncome),
        ("政府性基金", GovernmentFundIncome),
        ("财政专户管理事业收入", SpecialAccountIncome),
        ("财政专户管理资金", SpecialAccountIncome),
        ("财政补助收入", FiscalAppropriationIncome),
        ("财政拨款收入", FiscalAppropriationIncome),
        ("上级补助收入", GrantsFromAbove),
        ("事业单位经营服务收入", BusinessIncome),
        ("事业单位经营收入", BusinessIncome),
        ("事业收入", OperatingServiceIncome),
        ("经营收入", BusinessIncome),
        ("附属单位上缴收入", FromSubsidiaries),
        ("附属单位缴款收入", FromSubsidiaries),
        ("其他收入", OtherIncome),
        ("年初结转和结余", CarryOver),
        ("使用非财政拨款结余", NonFiscalSurplusUsed),
        ("用事业基金弥补收支差额", NonFiscalSurplusUsed),
        ("上年结转资金", CarryOver),
        ("上年结转结余", CarryOver),
        ("上年结转收入", CarryOver),
        ("上年结转", CarryOver),
        // Expenditure
        ("支出总计", TotalExpenditure),
        ("支出总额", TotalExpenditure),
        ("预算总支出", TotalExpenditure),
        ("本年支出合计", ExpenditureForYear),
        ("支出合计", ExpenditureForYear),
        ("支出决算总金额", ExpenditureForYear),
        ("支出决算总额", ExpenditureForYear),
        ("总支出", ExpenditureForYear),
        ("本年支出预算", ExpenditureForYear),
        ("本年预算支出", ExpenditureForYear),
        ("支出预算合计", ExpenditureForYear),
        ("支出预算", TotalExpenditure),
        ("预算支出", TotalExpenditure),
        ("基本支出合计", BasicExpenditure),
        ("项目支出合计", ProjectExpenditure),
        ("基本支出", BasicExpenditure),
        ("项目支出", ProjectExpenditure),
        ("上缴上级支出", PaidToHigher),
        ("经营支出", BusinessExpenditure),
        ("对附属单位补助支出", GrantsToSubsidiaries),
        ("人员经费", PersonnelCosts),
        ("公用经费", OperatingCosts),
        ("人员支出", PersonnelCosts),
        ("日常公用支出", OperatingCosts),
        ("公用支出", OperatingCosts),
        ("年末结转和结余", CarryForward),
        ("年终结转结余资金", CarryForward),
        ("年终结转结余", CarryForward),
        ("结转下年", CarryForward),
        // Fiscal appropriation
        ("财政拨款收、支总计", FiscalAppropriationTotal),
        ("财政拨款收支总预算", FiscalAppropriationTotal),
        ("财政拨款收、支总预算", FiscalAppropriationTotal),
        ("财政拨款收、支预算", FiscalAppropriationTotal),
        ("财政拨款收支总计", FiscalAppropriationTotal),
        ("财政拨款收入支出总计", FiscalAppropriationTotal),
        ("一般公共预算财政拨款总支出", GeneralPublicBudgetExpenditure),
        ("一般公共预算财政拨款支出", GeneralPublicBudgetExpenditure),
        ("一般公共预算支出", GeneralPublicBudgetExpenditure),
        ("一般公共预算拨款支出", GeneralPublicBudgetExpenditure),
        ("政府性基金支出预算", GovernmentFundExpenditure),
        ("政府性基金拨款支出", GovernmentFundExpenditure),
        ("政府性基金预算财政拨款支出", GovernmentFundExpenditure),
        ("政府性基金预算拨款支出", GovernmentFundExpenditure),
        ("政府性基金预算支出", GovernmentFundExpenditure),
        ("国有资本经营预算财政拨款支出", StateCapitalExpenditure),
        ("国有资本经营预算拨款支出", StateCapitalExpenditure),
        ("国有资本经营预算支出", StateCapitalExpenditure),
        ("财政拨款预算支出", FiscalAppropriationExpenditure),
        ("财政拨款安排支出", FiscalAppropriationExpenditure),
        ("财政拨款支出总计", FiscalAppropriationExpenditure),
        ("财政拨款支出", FiscalAppropriationExpenditure),
        // 三公
        ("三公”经费", ThreeOfficialTotal),
        ("三公\"经费", ThreeOfficialTotal),
        ("三公经费", ThreeOfficialTotal),
        ("因公出国(境)", OverseasTrips),
        ("公务用车购置及运行维护费", Vehicles),
        ("公务用车购置及运行费", Vehicles),
        ("公务用车购置费及运行维护费", Vehicles),
        ("公务用车购置和运行维护费", Vehicles),
        ("公务车购置及运行费", Vehicles),
        ("公务车购置费", VehiclePurchase),
        ("公务用车购置", VehiclePurchase),
        ("公务用车运行维护费", VehicleOperation),
        ("公务用车运行维护", VehicleOperation),
        ("公务车用车运行费", VehicleOperation),
        ("公务车运行费", VehicleOperation),
        ("公务用车运行费", VehicleOperation),
        ("公务用车运行", VehicleOperation),
        ("国内公务接待", DomesticReceptions),
        ("国内接待", DomesticReceptions),
        ("外事接待", ForeignReceptions),
        ("外宾接待", ForeignReceptions),
        ("国(境)外接待", ForeignReceptions),
        ("公务接待", Receptions),
        // Others
        ("机关运行经费", AdministrativeRunningCosts),
        ("政府采购支出总额", ProcurementTotal),
        ("政府采购预算总额", ProcurementTotal),
        ("政府采购支出预算总额", ProcurementTotal),
        ("政府采购安排", ProcurementTotal),
        ("政府采购资金", ProcurementTotal),
        ("政府采购预算总金额", ProcurementTotal),
        ("政府采购预算", ProcurementTotal),
        ("拟购买货物", ProcurementGoods),
        ("拟购买工程", ProcurementWorks),
        ("拟购买服务", ProcurementServices),
        ("拟采购货物", ProcurementGoods),
        ("拟采购工程", ProcurementWorks),
        ("拟采购服务", ProcurementServices),
        ("货物采购金额", ProcurementGoods),
        ("工程采购金额", ProcurementWorks),
        ("服务采购金额", ProcurementServices),
        ("货物类项目", ProcurementGoods),
        ("工程类项目", ProcurementWorks),
        ("服务类项目", ProcurementServices),
        ("货物类采购预算", ProcurementGoods),
        ("工程类采购预算", ProcurementWorks),
        ("服务类采购预算", ProcurementServices),
        ("政府采购总额", ProcurementTotal),
        ("政府采购货物", ProcurementGoods),
        ("政府采购工程", ProcurementWorks),
        ("政府采购服务", ProcurementServices),
        ("政府采购金额", ProcurementTotal),
        ("政府采购项目", ProcurementTotal),
        ("授予小微企业合同金额", MicroSmallContracts),
        ("授予中小企业合同金额", SmeContracts),
        // A budget's reservation for small firms: what it means to award them.
        ("面向中小企业预留政府采购项目预算", SmeContracts),
        ("面向小微企业预留政府采购项目预算", MicroSmallContracts),
        (
            "预留给小型和微型企业的政府采购项目预算",
            MicroSmallContracts,
        ),
        ("资产总额", AssetsTotal),
        ("流动资产", CurrentAssets),
        ("固定资产总额", FixedAssets),
        ("固定资产", FixedAssets),
        ("对外投资及有价证券", ExternalInvestments),
        ("对外投资", ExternalInvestments),
        ("长期投资", ExternalInvestments),
        ("在建工程", ConstructionInProgress),
        ("无形资产", IntangibleAssets),
        ("其他资产", OtherAssets),
    ]
};

/// The concept a label names, if any: the alias whose occurrence ends last in the label
/// (the words nearest the figure), the most specific (longest) one at equal ends.
pub fn classify(label: &str) -> Option<Concept> {
    classify_match(label).map(|(c, _, _)| c)
}

/// Whether a concept is a topic of its own (三公, 机关运行经费, 政府采购, 国有资产): named
/// anywhere in a label, it is the label's subject (`“三公”经费财政拨款支出` is about 三公).
pub fn is_topic(c: Concept) -> bool {
    matches!(
        c.record(),
        RecordKind::ThreeOfficialExpenses
            | RecordKind::AdministrativeRunningCosts
            | RecordKind::GovernmentProcurement
            | RecordKind::StateAssets
    )
}

/// The concept a label names, and where its alias stands in the label.
fn classify_match(label: &str) -> Option<(Concept, usize, usize)> {
    // Too short to hold any alias (most figures of figure-dense text have no label at all).
    if label.len() < SHORTEST_ALIAS {
        return None;
    }
    // Nor can a label name a concept whose last character neither ends an alias nor ends
    // what may follow one (about a quarter of the labels not met before): the test costs
    // less than a memo lookup.
    if !label.chars().next_back().is_some_and(may_end_named_label) {
        return None;
    }
    MATCHES
        .with_borrow_mut(|memo| memo.answer(label, || best_alias(label, &last_occurrences(label))))
}

/// The concept a label names, and where its alias starts and ends in the label.
type AliasMatch = (Concept, usize, usize);

thread_local! {
    /// What each label names, kept per thread: a lookup costs a fraction of the automaton
    /// pass and the choice among the aliases found.
    static MATCHES: std::cell::RefCell<LabelMemo<Option<AliasMatch>>> =
        std::cell::RefCell::default();
}

/// Whether a label ending in `last` may name a concept: the alias [`best_alias`] chooses
/// must be followed by nothing but what [`only_trailing_words`] skips, so a label naming
/// one ends in the last character of an alias, of a [`TRAILING_WORDS`] word, of a year
/// (`2026年度`), of an aside (`(…)`), or in a character that function trims.
fn may_end_named_label(last: char) -> bool {
    static LAST_CHARACTERS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let words = ALIASES.iter().map(|(alias, _)| *alias);
        let mut last: Vec<char> = words
            .chain(TRAILING_WORDS.iter().copied())
            .filter_map(|word| word.chars().next_back())
            .chain([' ', ':', ',', '"', '”', '“', '年', '度', ')'])
            .collect();
        last.sort_unstable();
        last.dedup();
        last
    });
    last.is_ascii_digit() || LAST_CHARACTERS.binary_search(&last).is_ok()
}

/// The length in bytes of the shortest alias.
const SHORTEST_ALIAS: usize = {
    let mut shortest = usize::MAX;
    let mut rest = ALIASES;
    while let [(alias, _), tail @ ..] = rest {
        if alias.len() < shortest {
            shortest = alias.len();
        }
        rest = tail;
    }
    shortest
};

/// One automaton over every alias, built once.
fn alias_automaton() -> Option<&'static aho_corasick::AhoCorasick> {
    static AUTOMATON: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    AUTOMATON
        .get_or_init(|| {
            // A contiguous NFA without prefilter: labels are short, and a prefilter's rare
            // bytes are common in Chinese UTF-8. Not a DFA: it is searched only for labels
            // not met before (see `MATCHES`), and a DFA over every alias cost more to build
            // (15 M instructions, once per process) than all those searches.
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .prefilter(false)
                .build(ALIASES.iter().map(|(a, _)| *a))
                .ok()
        })
        .as_ref()
}

/// Where each alias last starts in `label` (`label.rfind(alias)` for every alias), in one
/// pass over the label: searching for each alias in turn dominated the whole pipeline's
/// profile.
fn last_occurrences(label: &str) -> Occurrences {
    let mut found = Occurrences {
        last: [0; ALIASES.len()],
        present: [0; ALIAS_WORDS],
    };
    if let Some(automaton) = alias_automaton() {
        for m in automaton.find_overlapping_iter(label) {
            let index = m.pattern().as_usize();
            // Labels are far shorter than 4 GiB.
            let Ok(start) = u32::try_from(m.start()) else {
                continue;
            };
            let Some(word) = found.present.get_mut(index / 64) else {
                continue;
            };
            let bit = 1 << (index % 64);
            if let Some(slot) = found.last.get_mut(index) {
                *slot = if *word & bit == 0 {
                    start
                } else {
                    (*slot).max(start)
                };
            }
            *word |= bit;
        }
    }
    found
}

const ALIAS_WORDS: usize = ALIASES.len().div_ceil(64);

/// The aliases found in a label: where each last starts, and which were found at all.
struct Occurrences {
    /// Where each alias found last starts (meaningless for the others): positions fit in
    /// 32 bits, and this is set up for every label (as `Option<usize>`s it was four times
    /// the bytes to clear and copy).
    last: [u32; ALIASES.len()],
    /// A bit per alias, so only the aliases found are visited.
    present: [u64; ALIAS_WORDS],
}

impl Occurrences {
    /// The aliases found, in the order of [`ALIASES`], with where each last starts.
    fn iter(&self) -> impl Iterator<Item = (&'static (&'static str, Concept), usize)> + '_ {
        self.present.iter().enumerate().flat_map(move |(w, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + bit)
            })
            .filter_map(|i| Some((ALIASES.get(i)?, *self.last.get(i)? as usize)))
        })
    }

    /// Where alias `index` last starts, if it was found.
    #[cfg(test)]
    fn last_start(&self, index: usize) -> Option<usize> {
        let found = self
            .present
            .get(index / 64)
            .is_some_and(|w| w & (1 << (index % 64)) != 0);
        found
            .then(|| self.last.get(index).map(|&s| s as usize))
            .flatten()
    }
}

/// Words that may follow a concept's name in a label without changing what it names
/// (`基本支出预算数为`, `公务接待费支出决算`, `“三公”经费财政拨款支出`).
const TRAILING_WORDS: &[&str] = &[
    "财政拨款",
    "一般公共预算",
    "拨款",
    "总量",
    "当年拨款",
    "当年",
    "年初",
    "经费",
    "预算数",
    "决算数",
    "执行数",
    "预算",
    "决算",
    "支出",
    "收入",
    "合计",
    "总计",
    "总额",
    "金额",
    "安排",
    "费用",
    "费",
    "共计",
    "共有",
    "均为",
    "为",
    "数",
    "的",
    "是",
    "达",
    "共",
    "计",
    "各",
    "中",
    "全年",
    "本年",
    "年度",
];

/// Words right before a concept's name that make it name something else (`其他固定资产`,
/// `拟购置固定资产`, `新增资产`, `临聘人员经费`: a project for temporary staff, not the
/// 人员经费 of basic expenditure; `预留给小微企业的政府采购项目`: a share of procurement).
const MODIFIERS: &[&str] = &[
    "其他",
    "购置",
    "新增",
    "处置",
    "拟",
    "报废",
    "出租",
    "下年",
    "每",
    "涉及",
    "临聘",
    "预留",
    "预留的",
];

/// How many bytes of qualifying words (`预算`, `支出决算`…) open `rest`.
fn trailing_len(rest: &str) -> usize {
    let mut at = 0;
    while let Some(w) = rest.get(at..).and_then(|r| word_opening(TRAILING_WORDS, r)) {
        at += w.len();
    }
    at
}

/// The first of `words` that `text` starts with (`words.iter().find(|w| text.starts_with(w))`
/// for words that are not empty): whole words are compared only where the first bytes
/// agree, as this is asked for every alias found in every label.
fn word_opening(words: &[&'static str], text: &str) -> Option<&'static str> {
    let first = text.as_bytes().first()?;
    words
        .iter()
        .find(|w| w.as_bytes().first() == Some(first) && text.starts_with(**w))
        .copied()
}

/// Whether `text` ends with one of `words` (none empty), comparing whole words only where
/// the last bytes agree.
fn ends_with_word(words: &[&str], text: &str) -> bool {
    text.as_bytes().last().is_some_and(|last| {
        words
            .iter()
            .any(|w| w.as_bytes().last() == Some(last) && text.ends_with(w))
    })
}

/// Aliases that name the whole budget only when nothing narrower stands before them:
/// `本单位收入预算` is the total, `会议费支出预算` is not.
const GENERIC: [&str; 4] = ["收入预算", "支出预算", "预算收入", "预算支出"];

/// Whether the words before a generic alias leave it naming the whole department's budget.
fn names_the_whole(before: &str) -> bool {
    let b = before.trim_end_matches([',', ':', ' ']);
    b.is_empty()
        || is_item_marker(b)
        || b.ends_with(|c: char| c.is_ascii_digit())
        || [
            "年",
            "年度",
            "本单位",
            "本部门",
            "部门",
            "单位",
            "相应安排",
            "安排",
        ]
        .iter()
        .any(|w| b.ends_with(w))
        || [
            "局",
            "厅",
            "院",
            "室",
            "处",
            "中心",
            "委员会",
            "大学",
            "学院",
            "支队",
            "办事处",
        ]
        .iter()
        .any(|w| b.ends_with(w))
}

/// Whether `words` are only an item's number (`(一)`, `1.`, `二、`): `(一)收入预算总计` is
/// the whole budget's income, as `收入预算总计` is.
fn is_item_marker(words: &str) -> bool {
    words
        .chars()
        .all(|c| c.is_ascii_digit() || "()、.一二三四五六七八九十".contains(c))
}

/// Whether the words after an alias only qualify it.
/// Whether a label names nothing but `subject`: it says only qualifiers (`2026年预算安排`,
/// `支出决算为`), or ends with a shortened name of `subject` (`一般公共预算财政拨款运行经费`
/// for 机关运行经费). Under a heading naming `subject`, such a figure is the subject's.
pub fn names_nothing_but(label: &str, subject: Concept) -> bool {
    if only_trailing_words(label) {
        return true;
    }
    ALIASES
        .iter()
        .filter(|(_, c)| *c == subject)
        // Proper tails of the alias, of two characters or more.
        .flat_map(|&(alias, _)| {
            alias
                .char_indices()
                .skip(1)
                .filter_map(move |(i, _)| alias.get(i..))
        })
        .filter(|tail| tail.chars().count() >= 2)
        .any(|tail| {
            label.rfind(tail).is_some_and(|p| {
                only_trailing_words(&label[..p]) && only_trailing_words(&label[p + tail.len()..])
            })
        })
}

/// Besides qualifying words, a year (`公务用车购置费2026年预算数`) and an aside in
/// parentheses without figures (`政府采购金额(以合同签订为准)为`) may follow the name.
/// What it skips may end a label: [`may_end_named_label`] must know each last character.
fn only_trailing_words(mut rest: &str) -> bool {
    loop {
        rest = rest.trim_start_matches([' ', ':', ',', '"', '”', '“']);
        if rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit() || c == '年') {
            return true;
        }
        if let Some(after) = strip_year(rest).or_else(|| strip_aside(rest)) {
            rest = after;
            continue;
        }
        match word_opening(TRAILING_WORDS, rest) {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
}

/// `rest` after the year it opens with (`2026年`, `2026年度`), if it opens with one.
fn strip_year(rest: &str) -> Option<&str> {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = rest.get(digits..).filter(|_| digits == 4)?;
    after
        .strip_prefix("年度")
        .or_else(|| after.strip_prefix('年'))
}

/// `rest` after the aside in parentheses it opens with, if the aside holds no figure.
fn strip_aside(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')')?;
    let aside = inner.get(..close)?;
    let plain =
        !aside.is_empty() && !aside.contains('(') && !aside.chars().any(|c| c.is_ascii_digit());
    plain.then(|| inner.get(close + 1..)).flatten()
}

/// The alias a label names, among those found in it: the best topic (see [`is_topic`]) if
/// any, else the best of all — both chosen in one pass over the aliases found.
fn best_alias(label: &str, found: &Occurrences) -> Option<(Concept, usize, usize)> {
    let mut topic = Choice::default();
    let mut any = Choice::default();
    for ((alias, concept), pos) in found.iter() {
        let topical = is_topic(*concept);
        let before = &label[..pos];
        let end = pos + alias.len();
        // A generic total (`收入预算`) after a narrower noun names nothing by itself.
        if GENERIC.contains(alias) && !names_the_whole(before) {
            continue;
        }
        // Where an alias stands after a modifier (`其他国内公务接待`), the label names
        // something else: no shorter alias inside it may stand in.
        if ends_with_word(MODIFIERS, before) && !alias.starts_with("其他") {
            any.block(end);
            if topical {
                topic.block(end);
            }
            continue;
        }
        // Qualifying words after an alias (`预算`, `支出`) do not make a shorter alias
        // ending on them more specific: `财政拨款收入预算` is 财政拨款收入, not 收入预算.
        let reach = end + trailing_len(&label[end..]);
        any.offer(reach, end, alias.len(), *concept);
        if topical {
            topic.offer(reach, end, alias.len(), *concept);
        }
    }
    topic.named_by(label).or_else(|| any.named_by(label))
}

/// The best alias among those offered, and how far aliases after a modifier block.
#[derive(Default)]
struct Choice {
    /// Reach (end with the qualifying words after it), end, length and concept.
    best: Option<(usize, usize, usize, Concept)>,
    blocked_end: usize,
}

impl Choice {
    fn block(&mut self, end: usize) {
        self.blocked_end = self.blocked_end.max(end);
    }

    /// The alias reaching furthest wins, the longest at equal reach.
    fn offer(&mut self, reach: usize, end: usize, len: usize, concept: Concept) {
        let better = match self.best {
            None => true,
            Some((best_reach, _, best_len, _)) => {
                reach > best_reach || (reach == best_reach && len > best_len)
            }
        };
        if better {
            self.best = Some((reach, end, len, concept));
        }
    }

    /// The concept the label names through the best alias, and where the alias stands.
    fn named_by(&self, label: &str) -> Option<(Concept, usize, usize)> {
        let (_, end, len, concept) = self.best?;
        if self.blocked_end >= end {
            return None;
        }
        // The alias must be the head of the label: only qualifying words may follow it.
        only_trailing_words(&label[end..]).then_some((concept, end - len, end))
    }
}

/// The first concept a phrase mentions anywhere (topics first): for the opening words of
/// a list (`财政拨款安排支出按功能科目分类情况,主要用于:`), whose subject comes first.
pub fn mentioned(phrase: &str) -> Option<Concept> {
    // The earliest alias occurrence (the longest at equal starts), in one pass over the
    // phrase; the same as taking each alias's first occurrence and the least of those.
    let automaton = alias_automaton()?;
    let mut topic = None;
    let mut any = None;
    for m in automaton.find_overlapping_iter(phrase) {
        let Some((alias, c)) = ALIASES.get(m.pattern().as_usize()) else {
            continue;
        };
        let key = (m.start(), std::cmp::Reverse(alias.len()), *c);
        if is_topic(*c) && topic.is_none_or(|t| key < t) {
            topic = Some(key);
        }
        if any.is_none_or(|a| key < a) {
            any = Some(key);
        }
    }
    topic.or(any).map(|(_, _, c)| c)
}

/// The words [`classify_exactly`] drops around an alias, in the order it drops them.
const EXACT_DROPPED: [&str; 13] = [
    "年度",
    "年",
    "本年",
    "本部门",
    "部门",
    "单位",
    "总额",
    "总",
    "合计",
    "决算",
    "数",
    "的",
    "额",
];

/// The concept a phrase names when the phrase is little more than its alias: `总收入`,
/// `基本支出`, `政府采购支出总额` — but not `所有项目支出总额`, which names something else.
pub fn classify_exactly(phrase: &str) -> Option<Concept> {
    let (concept, start, end) = classify_match(phrase)?;
    let (before, after) = (phrase.get(..start)?, phrase.get(end..)?);
    // The phrase is the alias alone (most are); or it has a character that no dropped word
    // has and the trim keeps: then something else is named, without building the rest.
    if before.is_empty() && after.is_empty() {
        return Some(concept);
    }
    let kept = |c: char| {
        !c.is_ascii_digit() && !c.is_whitespace() && !EXACT_DROPPED.iter().any(|w| w.contains(c))
    };
    if before.chars().chain(after.chars()).any(kept) {
        return None;
    }
    let rest = format!("{before}{after}");
    let rest = EXACT_DROPPED.iter().fold(rest, |acc, w| acc.replace(w, ""));
    rest.trim_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .is_empty()
        .then_some(concept)
}

/// Whether `parts` form a breakdown of `total` that is complete by definition, so the parts
/// must add up to the total exactly (income sources, expenditure kinds, personnel +
/// operating costs, 三公 parts, procurement parts, asset parts).
pub fn exhaustive_parts(total: Concept, parts: &[Concept]) -> bool {
    use Concept::*;
    let allowed: &[Concept] = match total {
        TotalIncome => &[
            IncomeForYear,
            NonFiscalSurplusUsed,
            FiscalAppropriationIncome,
            GeneralPublicBudgetIncome,
            GovernmentFundIncome,
            StateCapitalIncome,
            SpecialAccountIncome,
            GrantsFromAbove,
            OperatingServiceIncome,
            BusinessIncome,
            FromSubsidiaries,
            OtherIncome,
            CarryOver,
        ],
        IncomeForYear => &[
            FiscalAppropriationIncome,
            GeneralPublicBudgetIncome,
            GovernmentFundIncome,
            StateCapitalIncome,
            SpecialAccountIncome,
            GrantsFromAbove,
            OperatingServiceIncome,
            BusinessIncome,
            FromSubsidiaries,
            OtherIncome,
        ],
        FiscalAppropriationIncome => &[
            IncomeForYear,
            GeneralPublicBudgetIncome,
            GovernmentFundIncome,
            StateCapitalIncome,
            CarryOver,
        ],
        TotalExpenditure | ExpenditureForYear | FiscalAppropriationExpenditure => &[
            BasicExpenditure,
            ProjectExpenditure,
            PaidToHigher,
            BusinessExpenditure,
            GrantsToSubsidiaries,
            CarryForward,
        ],
        FiscalAppropriationTotal => &[
            FiscalAppropriationIncome,
            GeneralPublicBudgetIncome,
            GovernmentFundIncome,
            StateCapitalIncome,
            CarryOver,
        ],
        GeneralPublicBudgetExpenditure => &[BasicExpenditure, ProjectExpenditure],
        BasicExpenditure => &[PersonnelCosts, OperatingCosts],
        ThreeOfficialTotal => &[
            OverseasTrips,
            Vehicles,
            VehiclePurchase,
            VehicleOperation,
            Receptions,
        ],
        Vehicles => &[VehiclePurchase, VehicleOperation],
        Receptions => &[DomesticReceptions, ForeignReceptions],
        ProcurementTotal => &[ProcurementGoods, ProcurementWorks, ProcurementServices],
        AssetsTotal => &[
            CurrentAssets,
            FixedAssets,
            ExternalInvestments,
            ConstructionInProgress,
            IntangibleAssets,
            OtherAssets,
        ],
        _ => return false,
    };
    !parts.is_empty() && parts.iter().all(|p| allowed.contains(p))
}

/// Whether two concepts may name the same total: documents say 总收入 of a total that may
/// or may not include the carry-over.
pub fn same_total(a: Concept, b: Concept) -> bool {
    use Concept::*;
    let group = |c: Concept| match c {
        TotalIncome | IncomeForYear => 1,
        TotalExpenditure | ExpenditureForYear => 2,
        _ => 0,
    };
    a == b || (group(a) != 0 && group(a) == group(b))
}

/// Whether two concepts are parts of one breakdown (人员经费 and 公用经费, 基本支出 and
/// 项目支出): neither details the other.
pub fn are_siblings(a: Concept, b: Concept) -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    // Asked for every part of every list: each answer is worked out once per process
    // (0 = not yet, 1 = no, 2 = yes) rather than through `exhaustive_parts` each time.
    const SIDE: usize = 64;
    static MEMO: [AtomicU8; SIDE * SIDE] = [const { AtomicU8::new(0) }; SIDE * SIDE];
    let (x, y) = (a as usize, b as usize);
    let Some(slot) = (x < SIDE && y < SIDE)
        .then(|| MEMO.get(x * SIDE + y))
        .flatten()
    else {
        return siblings_uncached(a, b);
    };
    match slot.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let answer = siblings_uncached(a, b);
            slot.store(if answer { 2 } else { 1 }, Ordering::Relaxed);
            answer
        }
    }
}

fn siblings_uncached(a: Concept, b: Concept) -> bool {
    use Concept::*;
    // A part of the other is its child, not its sibling.
    let parent_child = exhaustive_parts(a, &[b]) || exhaustive_parts(b, &[a]);
    a != b
        && !parent_child
        && [
            IncomeForYear,
            TotalIncome,
            ExpenditureForYear,
            BasicExpenditure,
            ThreeOfficialTotal,
            Vehicles,
            Receptions,
            ProcurementTotal,
            AssetsTotal,
        ]
        .iter()
        .any(|&t| exhaustive_parts(t, &[a, b]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `mentioned` as first written: each alias's first occurrence, the least of those.
    fn mentioned_naive(phrase: &str) -> Option<Concept> {
        let first = |topics_only: bool| {
            ALIASES
                .iter()
                .filter(|(_, c)| !topics_only || is_topic(*c))
                .filter_map(|(alias, c)| {
                    phrase
                        .find(alias)
                        .map(|p| (p, std::cmp::Reverse(alias.len()), *c))
                })
                .min()
                .map(|(_, _, c)| c)
        };
        first(true).or_else(|| first(false))
    }

    #[test]
    fn labels_skipped_by_their_last_character_name_nothing() {
        let agrees = |label: &str| {
            let full = (label.len() >= SHORTEST_ALIAS)
                .then(|| best_alias(label, &last_occurrences(label)))
                .flatten();
            assert_eq!(classify_match(label), full, "{label}");
        };
        // Every alias, followed by what may or may not follow one.
        let followers = TRAILING_WORDS.iter().copied().chain([
            "",
            " ",
            ":",
            ",",
            "\"",
            "”",
            "“",
            "2026",
            "2026年",
            "2026年度",
            "年",
            "(含结转)",
            "(12)",
            "情况",
            "构成",
            "个",
            "辆",
            "(",
            "为5",
            "比上年",
        ]);
        for follower in followers {
            for (alias, _) in ALIASES {
                agrees(&format!("{alias}{follower}"));
                agrees(&format!("本部门{alias}{follower}"));
                agrees(&format!("其他{alias}{follower}"));
            }
        }
        // The words before the figures of real documents.
        for text in [
            include_str!("../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../fixtures/002_12402e3d59484724.txt"),
        ] {
            let text = crate::normalize::normalize(text).text;
            for line in text.lines() {
                let ends = line.char_indices().map(|(at, _)| at).chain([line.len()]);
                for end in ends.step_by(2) {
                    let start = line.floor_char_boundary(end.saturating_sub(45));
                    agrees(&line[start..end]);
                }
            }
        }
    }

    #[test]
    fn one_pass_mentioned_agrees_with_searching_each_alias() {
        for text in [
            include_str!("../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../fixtures/002_12402e3d59484724.txt"),
            include_str!("../fixtures/003_b6464b9a7bea3343.txt"),
        ] {
            let text = crate::normalize::normalize(text).text;
            for line in text.lines() {
                for (start, _) in line.char_indices().step_by(5) {
                    let phrase = &line[start..];
                    assert_eq!(mentioned(phrase), mentioned_naive(phrase), "{phrase}");
                }
            }
        }
    }

    #[test]
    fn one_pass_finds_where_each_alias_last_starts() {
        let fixtures = crate::FIXTURES;
        let check = |label: &str| {
            let found = last_occurrences(label);
            for (i, (alias, _)) in ALIASES.iter().enumerate() {
                assert_eq!(
                    found.last_start(i),
                    label.rfind(alias),
                    "{alias} in {label}"
                );
            }
            let visited: Vec<&str> = found.iter().map(|((alias, _), _)| *alias).collect();
            let expected: Vec<&str> = ALIASES
                .iter()
                .map(|(alias, _)| *alias)
                .filter(|alias| label.contains(alias))
                .collect();
            assert_eq!(visited, expected, "{label}");
        };
        let mut labels = 0;
        for text in fixtures {
            let text = crate::normalize::normalize(text).text;
            for line in text.lines() {
                // Prefixes of every line, as labels are the words before a figure.
                for (end, _) in line.char_indices().step_by(7) {
                    check(&line[..end]);
                    labels += 1;
                }
            }
        }
        assert!(labels > 3_000, "{labels}");
        // Repeated and overlapping aliases.
        for label in [
            "收入合计收入合计",
            "公务用车购置及运行维护费公务用车购置",
            "“三公”经费财政拨款支出",
            "财政拨款收、支总计",
            "",
        ] {
            check(label);
        }
    }

    #[test]
    fn the_words_nearest_the_figure_win() {
        assert_eq!(classify("2022年度收入合计"), Some(Concept::IncomeForYear));
        assert_eq!(
            classify("其中:财政拨款收入"),
            Some(Concept::FiscalAppropriationIncome)
        );
        assert_eq!(
            classify("2022年度一般公共预算财政拨款支出"),
            Some(Concept::GeneralPublicBudgetExpenditure)
        );
        assert_eq!(classify("人员经费"), Some(Concept::PersonnelCosts));
        assert_eq!(classify("公务用车购置费"), Some(Concept::VehiclePurchase));
        assert_eq!(
            classify("公务用车运行维护费"),
            Some(Concept::VehicleOperation)
        );
        assert_eq!(
            classify("公务用车购置及运行维护费"),
            Some(Concept::Vehicles)
        );
        assert_eq!(
            classify("政府采购货物支出"),
            Some(Concept::ProcurementGoods)
        );
        assert_eq!(classify("主要用于宣传"), None);
        // The concept must be the head of the label, not a qualifier of another noun.
        assert_eq!(
            classify("2017年度一般公共预算拨款安排的会议费预算支出"),
            None
        );
        assert_eq!(classify("2026年一般公共预算财政拨款运行经费"), None);
        assert_eq!(classify("其他固定资产"), None);
        assert_eq!(classify("信访局临聘人员经费"), None);
        assert_eq!(classify("2026年预算收入"), Some(Concept::TotalIncome));
        assert_eq!(
            classify("深圳市人民政府口岸办公室部门预算支出"),
            Some(Concept::TotalExpenditure)
        );
        assert_eq!(classify("会议费预算支出"), None);
        assert_eq!(classify("本年度拟购置固定资产"), None);
        assert_eq!(
            classify("项目支出合计为"),
            Some(Concept::ProjectExpenditure)
        );
        assert_eq!(
            classify("“三公”经费财政拨款支出预算为"),
            Some(Concept::ThreeOfficialTotal)
        );
        assert_eq!(classify("公务接待费支出决算"), Some(Concept::Receptions));
        assert_eq!(classify_exactly("固定资产总额"), Some(Concept::FixedAssets));
        assert_eq!(classify_exactly("所有项目支出总额"), None);
        assert_eq!(
            classify_exactly("部门支出总额"),
            Some(Concept::TotalExpenditure)
        );
        assert_eq!(
            classify_exactly("政府采购支出总额"),
            Some(Concept::ProcurementTotal)
        );
        assert_eq!(classify("2025年本单位收入预算"), Some(Concept::TotalIncome));
        assert_eq!(
            classify("财政拨款收入预算"),
            Some(Concept::FiscalAppropriationIncome)
        );
        assert_eq!(
            classify("财政拨款支出预算"),
            Some(Concept::FiscalAppropriationExpenditure)
        );
        assert_eq!(
            classify("一般公共预算拨款支出预算"),
            Some(Concept::GeneralPublicBudgetExpenditure)
        );
    }

    /// Phrasings of budget documents from Jiangsu, Suzhou, Hangzhou, Beijing, Changsha,
    /// Changchun and the national petition bureau (../shared/corpus/001, 003, 004, 008, 014,
    /// 019, 021, 025, 026, 028, 035).
    #[test]
    fn budget_phrasings_of_the_corpus() {
        use Concept::*;
        let cases = [
            ("(一)收入预算总计", Some(TotalIncome)),
            ("(二)支出预算总计", Some(TotalExpenditure)),
            ("1.收入预算总计", Some(TotalIncome)),
            ("(一)会议费支出预算", None),
            (
                "江苏省高级人民法院2017年度财政拨款收、支总预算",
                Some(FiscalAppropriationTotal),
            ),
            (
                "江苏省政协办公厅2019年度财政拨款收、支预算",
                Some(FiscalAppropriationTotal),
            ),
            (
                "苏州市审计局2026年财政拨款预算支出",
                Some(FiscalAppropriationExpenditure),
            ),
            (
                "苏州市审计局2026年政府性基金支出预算支出",
                Some(GovernmentFundExpenditure),
            ),
            ("政府性基金拨款支出预算", Some(GovernmentFundExpenditure)),
            ("(3)国有资本经营预算拨款收入", Some(StateCapitalIncome)),
            ("4.上年结转资金预算数为", Some(CarryOver)),
            ("2.年终结转结余为", Some(CarryForward)),
            ("(三)年终结转结余资金", Some(CarryForward)),
            ("结转下年", Some(CarryForward)),
            ("苏州市审计局2026年支出预算合计", Some(ExpenditureForYear)),
            ("苏州市审计局2026年收入预算合计", Some(IncomeForYear)),
            (
                "国家信访局2026年一般公共预算当年财政拨款",
                Some(GeneralPublicBudgetIncome),
            ),
            ("财政专户管理事业收入", Some(SpecialAccountIncome)),
            ("事业单位经营服务收入", Some(BusinessIncome)),
            ("财政预算收入为", Some(TotalIncome)),
            ("其中财政补助收入", Some(FiscalAppropriationIncome)),
            ("包括人员支出", Some(PersonnelCosts)),
            ("日常公用支出", Some(OperatingCosts)),
        ];
        for (label, concept) in cases {
            assert_eq!(classify(label), concept, "{label}");
        }
    }

    #[test]
    fn names_of_three_official_parts_procurement_and_assets() {
        use Concept::*;
        for (label, concept) in [
            ("(二)、公务车购置及运行费", Vehicles),
            ("(三)公务用车购置和运行维护费", Vehicles),
            ("公务车用车运行费", VehicleOperation),
            ("公务用车运行维护支出", VehicleOperation),
            ("其中:因公出国(境)费用", OverseasTrips),
            ("拟采购货物支出", ProcurementGoods),
            ("、拟采购工程支出", ProcurementWorks),
            ("、拟采购服务支出", ProcurementServices),
            ("货物采购金额", ProcurementGoods),
            ("、工程采购金额", ProcurementWorks),
            ("、服务采购金额", ProcurementServices),
            ("货物类项目", ProcurementGoods),
            ("、服务类项目", ProcurementServices),
            ("纳入2026年部门预算的政府采购项目共有", ProcurementTotal),
            ("长期投资", ExternalInvestments),
            (
                "2024年度本部门面向中小企业预留政府采购项目预算金额",
                SmeContracts,
            ),
            ("面向小微企业预留政府采购项目预算金额", MicroSmallContracts),
            (
                "其中,预留给小型和微型企业的政府采购项目预算为",
                MicroSmallContracts,
            ),
        ] {
            assert_eq!(classify(label), Some(concept), "{label}");
        }
        // A reserved share of procurement is not all of it.
        assert_eq!(classify("在面向小微企业预留政府采购项目"), None);
        assert_eq!(classify("在面向中小企业预留的政府采购项目"), None);
    }

    #[test]
    fn a_year_or_a_plain_aside_may_follow_the_name() {
        assert_eq!(
            classify("公务用车购置费2026年预算数"),
            Some(Concept::VehiclePurchase)
        );
        assert_eq!(
            classify("公务用车运行维护费2026年度预算"),
            Some(Concept::VehicleOperation)
        );
        assert_eq!(
            classify("2024年度政府采购金额(以合同签订为准)为"),
            Some(Concept::ProcurementTotal)
        );
        // An aside with figures, or a number that is no year, is more than a qualifier.
        assert_eq!(classify("政府采购金额(含2个项目)为"), None);
        assert_eq!(classify("公务用车购置费26年预算数"), None);
    }

    #[test]
    fn labels_that_name_nothing_but_a_heading_subject() {
        use Concept::*;
        assert!(names_nothing_but("2026年预算数", OverseasTrips));
        assert!(names_nothing_but("2026年预算安排", Receptions));
        assert!(names_nothing_but(
            "2026年一般公共预算财政拨款运行经费",
            AdministrativeRunningCosts
        ));
        assert!(!names_nothing_but("会议费", OverseasTrips));
        assert!(!names_nothing_but(
            "2026年项目运行经费",
            AdministrativeRunningCosts
        ));
    }

    #[test]
    fn words_compared_by_their_first_or_last_character_first() {
        assert!(
            TRAILING_WORDS
                .iter()
                .chain(MODIFIERS)
                .all(|w| !w.is_empty())
        );
        for text in ["", "预算数为", "年度", "x", "支出决算", "拟购置", "其他"] {
            assert_eq!(
                word_opening(TRAILING_WORDS, text),
                TRAILING_WORDS
                    .iter()
                    .find(|w| text.starts_with(**w))
                    .copied()
            );
            assert_eq!(
                ends_with_word(MODIFIERS, text),
                MODIFIERS.iter().any(|m| text.ends_with(m))
            );
        }
    }

    #[test]
    fn exhaustive_breakdowns_are_those_complete_by_definition() {
        use Concept::*;
        assert!(exhaustive_parts(
            BasicExpenditure,
            &[PersonnelCosts, OperatingCosts]
        ));
        assert!(exhaustive_parts(
            IncomeForYear,
            &[FiscalAppropriationIncome, OtherIncome]
        ));
        assert!(!exhaustive_parts(IncomeForYear, &[PersonnelCosts]));
        assert!(!exhaustive_parts(
            AdministrativeRunningCosts,
            &[OperatingCosts]
        ));
        assert!(!exhaustive_parts(BasicExpenditure, &[]));
    }

    #[test]
    fn siblings_are_parts_of_one_breakdown() {
        use Concept::*;
        assert!(are_siblings(PersonnelCosts, OperatingCosts));
        assert!(are_siblings(BasicExpenditure, ProjectExpenditure));
        assert!(!are_siblings(IncomeForYear, FiscalAppropriationIncome));
        assert!(!are_siblings(BasicExpenditure, PersonnelCosts));
    }

    #[test]
    fn every_concept_has_a_record_and_a_name() {
        for (_, c) in ALIASES {
            let _ = c.record();
            assert!(!c.name().is_empty());
            assert!(!c.chinese().is_empty());
        }
    }
}
