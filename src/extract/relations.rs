//! The relations a document states between its figures, ready to be checked.
//!
//! Owns the step from grouped figures to checkable statements: which breakdowns must add up
//! exactly and which only bound their total, what base each share is of, which figure a
//! change or a completion rate speaks of, and which figures restate the same quantity.
//! Checks never look at text; they evaluate these relations.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::function;
use super::lists::{self, List};
use super::scan::{Mention, Scanned, Scope};
use super::words::{Word, final_and_budget_counts};
use crate::concept::{self, Concept};
pub use crate::model::{Direction, Relation, SumKind};
use crate::model::{FunctionLevel, Role};
use crate::segment::Section;

/// Concepts whose parent in a breakdown is another concept listed beside them: a list
/// naming both counts only the parent.
fn parent_of(c: Concept) -> Option<Concept> {
    use Concept::*;
    Some(match c {
        GeneralPublicBudgetIncome | GovernmentFundIncome | StateCapitalIncome => {
            FiscalAppropriationIncome
        }
        PersonnelCosts | OperatingCosts => BasicExpenditure,
        VehiclePurchase | VehicleOperation => Vehicles,
        DomesticReceptions | ForeignReceptions => Receptions,
        MicroSmallContracts => SmeContracts,
        _ => return None,
    })
}

/// Build every relation the document states.
pub fn build(
    text: &str,
    scanned: &Scanned,
    sections: &[Section],
    lists: &[List],
    functions: &[function::Line],
    latest: &lists::Latest,
) -> Vec<Relation> {
    let index = ListIndex::new(lists, scanned, latest);
    let lists = &index;
    let function_amounts = is_function_amount(scanned, functions);
    // Documents state a relation for every two or three figures: room for one for every
    // two, rather than growing (and copying) the vector from nothing.
    let mut relations = Vec::with_capacity(scanned.mentions.len() / 2);
    sums_from_lists(scanned, lists, &function_amounts, &mut relations);
    sums_from_functions(text, scanned, sections, lists, functions, &mut relations);
    identities(text, scanned, &mut relations);
    project_enumerations(text, scanned, lists, &mut relations);
    shares(scanned, lists, &function_amounts, &mut relations);
    shares_of_listed_parts(scanned, lists, &mut relations);
    changes(text, scanned, lists, &mut relations);
    growths(scanned, &mut relations);
    rates(scanned, lists, &mut relations);
    restatements(scanned, lists, &mut relations);
    relations
}

/// The mentions of a sentence: a contiguous run, as mentions are in text order (found by
/// binary search rather than a scan of every mention for each rate or growth).
fn sentence_mentions(scanned: &Scanned, sentence: usize) -> std::ops::Range<usize> {
    let ms = &scanned.mentions;
    let first = ms.partition_point(|x| x.sentence < sentence);
    first..ms.partition_point(|x| x.sentence <= sentence).max(first)
}

fn concept_of(scanned: &Scanned, i: usize) -> Option<Concept> {
    scanned.mentions.get(i).and_then(|m| m.concept)
}

fn sums_from_lists(
    scanned: &Scanned,
    lists: &ListIndex,
    function_amounts: &[bool],
    out: &mut Vec<Relation>,
) {
    for list in lists.iter() {
        let Some(head) = list.head else { continue };
        // Drop parts whose parent is listed beside them.
        let mut listed = ConceptSet::default();
        for &i in &list.items {
            if let Some(c) = concept_of(scanned, i) {
                listed.insert(c);
            }
        }
        let parts: Vec<usize> = list
            .items
            .iter()
            .filter(|&&i| {
                concept_of(scanned, i)
                    .and_then(parent_of)
                    .is_none_or(|p| !listed.contains(p))
            })
            .copied()
            .filter(|&i| i != head)
            .collect();
        if parts.is_empty() {
            continue;
        }
        let all_functions = parts
            .iter()
            .all(|&i| function_amounts.get(i).copied().unwrap_or(false));
        if all_functions {
            // Function class lists are summed by sums_from_functions.
            continue;
        }
        let part_concepts: Vec<Concept> = parts
            .iter()
            .filter_map(|&i| concept_of(scanned, i))
            .collect();
        let head_concept = concept_of(scanned, head).or(list.head_concept);
        let all_known = part_concepts.len() == parts.len();
        let exhaustive = parts.len() >= 2
            && all_known
            && match head_concept {
                Some(h) => concept::exhaustive_parts(h, &part_concepts),
                None => infer_total(&part_concepts),
            };
        out.push(Relation::Sum {
            total: head,
            parts,
            exhaustive,
            kind: SumKind::Breakdown,
        });
    }
}

/// Which mentions are the amount of a function line, by mention index.
fn is_function_amount(scanned: &Scanned, functions: &[function::Line]) -> Vec<bool> {
    let mut flags = vec![false; scanned.mentions.len()];
    for a in functions.iter().filter_map(|l| l.amount) {
        if let Some(flag) = flags.get_mut(a) {
            *flag = true;
        }
    }
    flags
}

/// A set of concepts (a list's parts), without a search through the list for each.
#[derive(Default)]
struct ConceptSet {
    small: u128,
    other: Vec<Concept>,
}

impl ConceptSet {
    fn insert(&mut self, c: Concept) {
        match 1u128.checked_shl(c as u32) {
            Some(bit) => self.small |= bit,
            None => self.other.push(c),
        }
    }

    fn contains(&self, c: Concept) -> bool {
        match 1u128.checked_shl(c as u32) {
            Some(bit) => self.small & bit != 0,
            None => self.other.contains(&c),
        }
    }
}

/// Most parts a project enumeration may have (as many as an inline list).
const MAX_PROJECTS: usize = 64;

/// `项目支出预算474.56万元，2026信访接待中心运行费116万元，2026信访专项经费30万元，…。`:
/// a sentence that states the project expenditure and then only names projects with their
/// amounts. The project expenditure is by definition the sum of its projects, and a list
/// that says neither `其中`, `主要`, `包括` nor `等` leaves none out: the sum is exact.
/// Anything else in the sentence (a change, a share, a purpose, a known concept) and it is
/// not such a list.
fn project_enumerations(text: &str, scanned: &Scanned, lists: &ListIndex, out: &mut Vec<Relation>) {
    const NOT_AN_ENUMERATION: [&str; 12] = [
        "其中", "主要", "包括", "等", "如下", "用于", "比", "较", "占", "增", "减", "合计",
    ];
    let ms = &scanned.mentions;
    for (hi, h) in ms.iter().enumerate() {
        if h.concept != Some(Concept::ProjectExpenditure) || !h.is_money_level() || h.nested {
            continue;
        }
        // The total opens its sentence.
        if hi
            .checked_sub(1)
            .and_then(|k| ms.get(k))
            .is_some_and(|x| x.sentence == h.sentence)
        {
            continue;
        }
        let Some(sentence) = scanned.sentences.get(h.sentence) else {
            continue;
        };
        let parts: Vec<usize> = (hi + 1..ms.len())
            .take_while(|&k| ms.get(k).is_some_and(|x| x.sentence == h.sentence))
            .take(MAX_PROJECTS + 1)
            .collect();
        if parts.len() < 2 || parts.len() > MAX_PROJECTS {
            continue;
        }
        let projects = parts.iter().all(|&k| {
            ms.get(k).is_some_and(|x| {
                x.is_money_level()
                    && x.concept.is_none()
                    && !x.nested
                    && x.unit().is_some()
                    && list_of(lists, k).is_none()
            })
        });
        let Some(last) = parts.last().and_then(|&k| ms.get(k)) else {
            continue;
        };
        let words = text.get(h.end..last.start).unwrap_or("");
        let tail = text.get(last.end..sentence.end).unwrap_or("x");
        // Each project after a comma: `…万元,名称 金额`.
        let separated = parts.iter().all(|&k| {
            let prev = k
                .checked_sub(1)
                .and_then(|j| ms.get(j))
                .map_or(0, |x| x.end);
            ms.get(k)
                .and_then(|x| text.get(prev..x.start))
                .is_some_and(|between| between.trim_start().starts_with([',', '、', ';']))
        });
        if projects
            && separated
            && tail.trim_matches(['。', ' ']).is_empty()
            && !NOT_AN_ENUMERATION.iter().any(|w| words.contains(w))
        {
            out.push(Relation::Sum {
                total: hi,
                parts,
                exhaustive: true,
                kind: SumKind::Breakdown,
            });
        }
    }
}

/// Whether parts with no stated total concept are still a complete breakdown of something
/// (人员经费 + 公用经费 under a total the text calls 日常支出).
fn infer_total(parts: &[Concept]) -> bool {
    use Concept::*;
    [
        BasicExpenditure,
        ExpenditureForYear,
        ProcurementTotal,
        AssetsTotal,
        ThreeOfficialTotal,
    ]
    .iter()
    .any(|&t| concept::exhaustive_parts(t, parts))
}

/// The total a run of function lines breaks down: the head of the list the run is in, or
/// the latest general-public-budget (or fiscal-appropriation) spending figure before it.
fn function_total(
    text: &str,
    scanned: &Scanned,
    lists: &ListIndex,
    first: usize,
    amounts: &[usize],
) -> Option<usize> {
    if let Some(list) = lists.first_containing(amounts) {
        // A list mixing classes with other parts (`结转下年`) is summed as a breakdown.
        if list.items.iter().any(|i| !amounts.contains(i)) {
            return None;
        }
        if let Some(head) = list.head {
            return Some(head);
        }
    }
    let pos = scanned.mentions.get(first)?.start;
    // The heading or opening words right above the run name the total.
    let before = text.get(..pos)?;
    let opening = before.trim_end().rsplit('\n').nth(1).unwrap_or("");
    let named = concept::mentioned(opening).filter(|c| {
        matches!(
            c,
            Concept::GeneralPublicBudgetExpenditure | Concept::FiscalAppropriationExpenditure
        )
    });
    let candidates = match named {
        Some(c) => vec![c],
        None => vec![
            Concept::GeneralPublicBudgetExpenditure,
            Concept::FiscalAppropriationExpenditure,
        ],
    };
    candidates
        .into_iter()
        .filter_map(|c| lists.latest.of(c, pos))
        .max()
}

fn sums_from_functions(
    text: &str,
    scanned: &Scanned,
    sections: &[Section],
    lists: &ListIndex,
    functions: &[function::Line],
    out: &mut Vec<Relation>,
) {
    // Runs: consecutive standalone lines, or the class figures of one sentence.
    let mut runs: Vec<Vec<&function::Line>> = Vec::new();
    for line in functions {
        let continues = runs.last().and_then(|r| r.last()).is_some_and(|prev| {
            if line.standalone != prev.standalone {
                return false;
            }
            if line.standalone {
                // No heading of level ≤ 3 between them.
                let gap_start = scanned.paragraphs.get(prev.paragraph).map_or(0, |p| p.end);
                let gap_end = scanned.paragraphs.get(line.paragraph).map_or(0, |p| p.start);
                !super::words::lines(text.get(gap_start..gap_end).unwrap_or("")).any(|l| {
                    matches!(crate::segment::heading_marker(l.trim_start()), Some((lvl, _)) if lvl <= 3)
                })
            } else {
                let sentence = |l: &function::Line| l.amount.and_then(|a| scanned.mentions.get(a)).map(|m| m.sentence);
                let list = |l: &function::Line| l.amount.and_then(|a| list_of(lists, a)).map(|(i, _)| i);
                // One sentence, one list, or a sentence run on after `;` over a line break
                // (`…占比0.7%;⏎住房改革支出预算数为…`).
                let run_on = sentence(prev).zip(sentence(line)).is_some_and(|(a, b)| {
                    b == a + 1
                        && scanned
                            .sentences
                            .get(a)
                            .and_then(|s| text.get(s.start..s.end))
                            .is_some_and(|t| t.trim_end().ends_with(';'))
                });
                sentence(prev) == sentence(line)
                    || run_on
                    || (list(prev).is_some() && list(prev) == list(line))
            }
        });
        if continues {
            if let Some(r) = runs.last_mut() {
                r.push(line);
            }
        } else {
            runs.push(vec![line]);
        }
    }
    // Classes and their items pair up within one chapter (一、二、…): another chapter may
    // break down another total (财政拨款 with carry-over, then 一般公共预算 alone).
    let chapter = |figure: Option<usize>| -> usize {
        let at = figure
            .and_then(|a| scanned.mentions.get(a))
            .map_or(0, |m| m.start);
        // The nearest section around it (itself first) at level 1 or 2: up the parents,
        // without collecting them.
        let mut up = crate::segment::innermost(sections, at);
        while let Some(s) = up.and_then(|i| sections.get(i)) {
            if s.level <= 2 {
                return s.start;
            }
            up = s.parent;
        }
        0
    };
    // Keyed by chapter and class code, the codes borrowed from the lines.
    let mut class_totals: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    // The coarsest rank of each class code of a run: one map for every run.
    let mut coarsest: foldhash::HashMap<Option<&str>, u8> = foldhash::HashMap::default();
    for run in &runs {
        let amounts: Vec<usize> = run.iter().filter_map(|l| l.amount).collect();
        let Some(&first) = amounts.first() else {
            continue;
        };
        let standalone = run.iter().all(|l| l.standalone);
        let in_list = lists.first_containing(&amounts).is_some();
        if !standalone && !in_list {
            // Classes named in passing (`其中:公共安全支出X万元,主要用于…`) break nothing down.
            continue;
        }
        // The top of the breakdown: each class at the coarsest level the run gives it
        // (`(一)204-公共安全支出…` beside `2080501-行政单位离退休…`), so nothing counts twice.
        let rank = |l: FunctionLevel| match l {
            FunctionLevel::Class => 0,
            FunctionLevel::Section => 1,
            FunctionLevel::Item => 2,
        };
        // In one pass over the run (asking the whole run for each line was quadratic in
        // the run's length).
        coarsest.clear();
        for l in run {
            let best = coarsest.entry(l.class_code.as_deref()).or_insert(u8::MAX);
            *best = (*best).min(rank(l.level));
        }
        let top: Vec<usize> = run
            .iter()
            .filter(|l| coarsest.get(&l.class_code.as_deref()) == Some(&rank(l.level)))
            .filter_map(|l| l.amount)
            .collect();
        // Classes in a sentence break down only the total their list names.
        let total = if standalone {
            function_total(text, scanned, lists, first, &top)
        } else {
            lists
                .first_containing(&top)
                .filter(|l| l.items.iter().all(|i| top.contains(i)))
                .and_then(|l| l.head)
        };
        if let Some(total) = total
            && !top.contains(&total)
            && (standalone || top.len() >= 2)
        {
            out.push(Relation::Sum {
                total,
                parts: top,
                exhaustive: true,
                kind: SumKind::FunctionClasses,
            });
        }
        for line in run.iter().filter(|l| l.level == FunctionLevel::Class) {
            if let (Some(code), Some(a)) = (&line.class_code, line.amount) {
                class_totals.insert((chapter(Some(a)), code.as_str()), a);
            }
        }
    }
    // Items of one class add up to the class amount stated elsewhere.
    let mut items_by_class: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for line in functions
        .iter()
        .filter(|l| l.level != FunctionLevel::Class && l.standalone)
    {
        // Only the finest level: items (or sections where no item is named).
        if let (Some(code), Some(a)) = (&line.class_code, line.amount) {
            items_by_class
                .entry((chapter(Some(a)), code.as_str()))
                .or_default()
                .push(a);
        }
    }
    for (key, items) in items_by_class {
        if let Some(&total) = class_totals.get(&key) {
            out.push(Relation::Sum {
                total,
                parts: items,
                exhaustive: true,
                kind: SumKind::ClassItems,
            });
        }
    }
}

/// The first money level of the whole (not of one kind of funds) naming each of `concepts`:
/// one pass over the figures for all of them, not one for each.
fn first_levels<const N: usize>(scanned: &Scanned, concepts: [Concept; N]) -> [Option<usize>; N] {
    let mut first = [None; N];
    for (i, m) in scanned.mentions.iter().enumerate() {
        let Some(c) = m
            .concept
            .filter(|_| m.is_money_level() && m.scope == Scope::All)
        else {
            continue;
        };
        for (slot, _) in first.iter_mut().zip(concepts).filter(|(_, k)| *k == c) {
            slot.get_or_insert(i);
        }
    }
    first
}

fn identities(text: &str, scanned: &Scanned, out: &mut Vec<Relation>) {
    use Concept::*;
    // 收入总计 = 本年收入 + 年初结转和结余 holds exactly in a final account that uses no
    // other funds (事业基金, 非财政拨款结余); otherwise the two only bound the total.
    static OTHER_FUNDS: LazyLock<[Word; 3]> =
        LazyLock::new(|| ["事业基金", "非财政拨款结余", "使用非财政"].map(Word::new));
    // Whole-text searches: made only for a document that states an identity.
    // The other funds first: three searches, where telling the kind counts every `算`.
    let exhaustive = || {
        let other_funds = OTHER_FUNDS.iter().any(|w| w.in_text(text));
        !other_funds && {
            let (finals, budgets) = final_and_budget_counts(text);
            finals * 2 >= budgets
        }
    };
    let mut known_exhaustive = None;
    let [
        income,
        income_for_year,
        carry_over,
        expenditure,
        expenditure_for_year,
        carry_forward,
    ] = first_levels(
        scanned,
        [
            TotalIncome,
            IncomeForYear,
            CarryOver,
            TotalExpenditure,
            ExpenditureForYear,
            CarryForward,
        ],
    );
    for (total, a, b) in [
        (income, income_for_year, carry_over),
        (expenditure, expenditure_for_year, carry_forward),
    ] {
        let (Some(t), Some(a), Some(b)) = (total, a, b) else {
            continue;
        };
        out.push(Relation::Sum {
            total: t,
            parts: vec![a, b],
            exhaustive: *known_exhaustive.get_or_insert_with(exhaustive),
            kind: SumKind::Identity,
        });
    }
}

/// The lists of a document with an index from each part to its list (looking a part up
/// by scanning every list was quadratic on long texts).
pub struct ListIndex<'a> {
    lists: &'a [List],
    /// The first list of each figure, by figure id (no hashing: asked for every figure).
    owner: Vec<Option<usize>>,
    /// The latest figure of a concept before a position.
    latest: &'a lists::Latest<'a>,
}

impl<'a> ListIndex<'a> {
    fn new(lists: &'a [List], scanned: &Scanned, latest: &'a lists::Latest<'a>) -> Self {
        let mut owner = vec![None; scanned.mentions.len()];
        for (k, l) in lists.iter().enumerate() {
            for &i in &l.items {
                if let Some(slot @ None) = owner.get_mut(i) {
                    *slot = Some(k);
                }
            }
        }
        ListIndex {
            lists,
            owner,
            latest,
        }
    }
}

impl ListIndex<'_> {
    /// The first list (inline lists, then lists over lines) with any of `ids` among its parts.
    fn first_containing(&self, ids: &[usize]) -> Option<&List> {
        let k = ids
            .iter()
            .filter_map(|&i| self.owner.get(i).copied().flatten())
            .min()?;
        self.lists.get(k)
    }
}

impl std::ops::Deref for ListIndex<'_> {
    type Target = [List];
    fn deref(&self) -> &[List] {
        self.lists
    }
}

/// The list a figure is a part of.
fn list_of<'a>(lists: &'a ListIndex, i: usize) -> Option<(usize, &'a List)> {
    let k = lists.owner.get(i).copied().flatten()?;
    lists.lists.get(k).map(|l| (k, l))
}

/// Where no figure names a share's base exactly, the latest money level naming the same
/// total in other words (`占总支出的` of `各项支出总计`).
fn latest_same_total(lists: &ListIndex, concept: Concept, pos: usize) -> Option<usize> {
    use Concept::*;
    // The pairs of `concept::same_total`: a total goes by two names.
    let other = match concept {
        TotalIncome => IncomeForYear,
        IncomeForYear => TotalIncome,
        TotalExpenditure => ExpenditureForYear,
        ExpenditureForYear => TotalExpenditure,
        _ => return None,
    };
    lists.latest.of(other, pos)
}

fn shares(
    scanned: &Scanned,
    lists: &ListIndex,
    function_amounts: &[bool],
    out: &mut Vec<Relation>,
) {
    let ms = &scanned.mentions;
    for (pi, m) in ms.iter().enumerate() {
        if m.role != Role::Share {
            continue;
        }
        let Some(part) = part_of_share(ms, pi) else {
            continue;
        };
        let base_concept = m.share_base.exactly;
        let list = list_of(lists, part);
        let function_run = function_amounts.get(part).copied().unwrap_or(false);
        let base = match (list, base_concept) {
            (Some((_, l)), None) => l.head,
            (Some((_, l)), Some(c)) => {
                let head_concept = l
                    .head
                    .and_then(|h| concept_of(scanned, h))
                    .or(l.head_concept);
                if head_concept.is_none_or(|h| concept::same_total(h, c)) {
                    l.head
                } else {
                    lists.latest.of(c, m.start)
                }
            }
            (None, Some(c)) => lists
                .latest
                .of(c, m.start)
                .or_else(|| latest_same_total(lists, c, m.start)),
            (None, None) if function_run => lists
                .latest
                .of(Concept::GeneralPublicBudgetExpenditure, m.start),
            (None, None) => None,
        };
        let Some(base) = base.filter(|&b| b != part) else {
            continue;
        };
        // Parts listed before this one in the same sentence with no share of their own.
        let mut together = Vec::new();
        if let Some((_, l)) = list {
            for &k in l.items.iter().filter(|&&k| k < part) {
                let has_own_share = ms
                    .get(k + 1)
                    .is_some_and(|n| n.role == Role::Share && n.sentence == m.sentence);
                if ms.get(k).is_some_and(|x| x.sentence == m.sentence) && !has_own_share {
                    together.push(k);
                }
            }
        }
        out.push(Relation::Share {
            part,
            base,
            percent: pi,
            together,
            // Function classes' shares add up among themselves, apart from other shares of
            // the same base (`基本支出…占76.26%` beside `教育支出…占93.06%`).
            group: match list {
                Some((li, _)) => 1_000_000 + li,
                None if function_run => 2_000_000 + base,
                None => base,
            },
        });
    }
}

/// The part a share speaks of: the nearest money level before it in the same sentence, with
/// no other percentage between them (the search stops at one: on a run of percentages it
/// went back to the sentence start for each).
fn part_of_share(ms: &[Mention], share: usize) -> Option<usize> {
    let sentence = ms.get(share)?.sentence;
    (0..share)
        .rev()
        .take_while(|&k| ms.get(k).is_some_and(|p| p.sentence == sentence))
        .find(|&k| {
            ms.get(k)
                .is_some_and(|p| (p.is_money_level() && !p.nested) || p.role == Role::Share)
        })
        .filter(|&k| ms.get(k).is_some_and(|p| p.role != Role::Share))
}

/// Shares of a total the text names but never states (`因公出国(境)费180万元,占“三公”经费的
/// 26.86%;公务用车购置及运行费304.4万元,占“三公”经费的45.43%;公务接待费185.72万元,占“三公”
/// 经费的27.71%`). Where one sentence lists parts of that total that are parts by definition,
/// each once, and their shares add up to 100% within their rounding, the list is the whole
/// breakdown and the base is the parts' sum.
fn shares_of_listed_parts(scanned: &Scanned, lists: &ListIndex, out: &mut Vec<Relation>) {
    let ms = &scanned.mentions;
    let mut groups: BTreeMap<(usize, Concept), Vec<(usize, usize)>> = BTreeMap::new();
    for (pi, m) in ms.iter().enumerate() {
        if m.role != Role::Share {
            continue;
        }
        // Read without an opening quote: see `ShareBase`.
        let Some(total) = m.share_base.unquoted else {
            continue;
        };
        // A stated base: `shares` checks against it.
        if lists.latest.of(total, m.start).is_some()
            || latest_same_total(lists, total, m.start).is_some()
        {
            continue;
        }
        if let Some(part) = part_of_share(ms, pi) {
            groups
                .entry((m.sentence, total))
                .or_default()
                .push((part, pi));
        }
    }
    for ((_, total), members) in groups {
        let parts: Vec<usize> = members.iter().map(|&(part, _)| part).collect();
        let Some(concepts) = parts
            .iter()
            .map(|&p| concept_of(scanned, p))
            .collect::<Option<Vec<Concept>>>()
        else {
            continue;
        };
        let distinct = concepts
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        if parts.len() < 2
            || distinct < concepts.len()
            || !concept::exhaustive_parts(total, &concepts)
            || !shares_add_up_to_100(ms, members.iter().map(|&(_, percent)| percent))
        {
            continue;
        }
        let group = 3_000_000 + members.first().map_or(0, |&(_, percent)| percent);
        for (part, percent) in members {
            out.push(Relation::ShareOfListed {
                part,
                parts: parts.clone(),
                percent,
                group,
            });
        }
    }
}

/// Whether stated percentages add up to 100 within their written precision.
fn shares_add_up_to_100(ms: &[Mention], percents: impl Iterator<Item = usize>) -> bool {
    let mut sum = Decimal::ZERO;
    let mut slack = Decimal::ZERO;
    for m in percents.filter_map(|p| ms.get(p)) {
        let half_unit = Decimal::new(5, m.amount.decimals.saturating_add(1));
        let (Some(s), Some(h)) = (
            sum.checked_add(m.amount.value),
            slack.checked_add(half_unit),
        ) else {
            return false;
        };
        sum = s;
        slack = h;
    }
    sum.checked_sub(Decimal::ONE_HUNDRED)
        .is_some_and(|d| d.abs() <= slack)
}

fn changes(text: &str, scanned: &Scanned, lists: &ListIndex, out: &mut Vec<Relation>) {
    let ms = &scanned.mentions;
    for (ai, m) in ms.iter().enumerate() {
        if m.role != Role::ChangeAmount {
            continue;
        }
        let Some(direction) = m.direction else {
            continue;
        };
        // Words naming a subject yujue does not know (`支出比2025年增加`): which figure
        // changed cannot be told, so nothing is checked.
        if m.concept.is_none() && super::scan::names_unknown_subject(m.label) {
            continue;
        }
        // The figure that changed: named by the words, or the level just before.
        let current = match m.concept {
            // Figures are in text order and do not overlap: those ending before this one
            // are those before it, searched from the nearest.
            Some(c) => (0..ai).rev().find(|&k| {
                ms.get(k).is_some_and(|x| {
                    x.end <= m.start
                        && x.is_money_level()
                        && x.concept == Some(c)
                        && (m.scope == Scope::All || x.scope == m.scope)
                })
            }),
            None => (0..ai)
                .rev()
                .take_while(|&k| ms.get(k).is_some_and(|x| x.paragraph == m.paragraph))
                .find(|&k| {
                    ms.get(k).is_some_and(|x| {
                        // In a later sentence, the change speaks of the total, not of a part
                        // listed under it.
                        let listed_elsewhere =
                            x.sentence != m.sentence && list_of(lists, k).is_some();
                        x.is_money_level()
                            && !x.nested
                            && x.concept != Some(Concept::CarryOver)
                            && !listed_elsewhere
                    })
                }),
        };
        // `3.上级转移支付项目10,289.74万元,主要包括:…。较2025年年初预算增加…`: a change
        // sentence with no subject of its own, in a numbered item, speaks of the item.
        // A named quantity just before (`基本支出预算数为X。与上年相比增加…`) keeps it.
        let named = current
            .and_then(|c| ms.get(c))
            .is_some_and(|x| x.concept.is_some());
        // The item is looked for only where it would be taken (a walk back over paragraphs).
        let current = if m.concept.is_none() && !named && sentence_has_no_subject(text, scanned, m)
        {
            item_head(text, scanned, m).or(current)
        } else {
            current
        };
        let Some(current) = current else { continue };
        // `比2025年年初预算数X万元增加…`: last year's figure, stated just before the change.
        let previous =
            (current + 1..ai).find(|&k| ms.get(k).is_some_and(|x| x.role == Role::Previous));
        // Its percentage: the next change percentage in the same sentence, before any
        // other figure of change or level.
        let percent = (ai + 1..ms.len())
            .take_while(|&k| ms.get(k).is_some_and(|x| x.sentence == m.sentence))
            .find(|&k| ms.get(k).is_some_and(|x| x.role != Role::Share))
            .filter(|&k| ms.get(k).is_some_and(|x| x.role == Role::ChangePercent));
        out.push(Relation::Change {
            current,
            previous,
            amount: ai,
            direction,
            percent,
            percent_direction: percent.and_then(|k| ms.get(k)).and_then(|x| x.direction),
        });
    }
}

/// How many paragraphs back a change sentence looks for the numbered item it continues.
const ITEM_REACH: usize = 8;

/// The head of the numbered item (`3.上级转移支付项目10,289.74万元,…`) a figure is in: the
/// first money level in the first clause of its paragraph, if the paragraph opens with a
/// number of level 4 or deeper.
///
/// A paragraph with no number of its own continues the item before it only where the
/// layout, not the words, broke the item: the change sentence opens the paragraph right
/// after the item's paragraph (`1.…专项经费40.00万元,主要用于…。` / `较2025年…增加40万元`),
/// or the item enumerates its parts (`3.…项目10,289.74万元,主要包括:…`) and the paragraphs
/// between go on enumerating them. A paragraph that names its own subject after an item
/// that lists nothing (`4.结转下年…0万元,主要原因是…` / `单位预留机动经费预算数为…。与上年
/// 相比增加…`) speaks of that subject.
fn item_head(text: &str, scanned: &Scanned, m: &Mention) -> Option<usize> {
    let p = scanned.paragraphs.get(m.paragraph)?;
    let body = text.get(p.start..p.end)?;
    if crate::segment::heading_marker(body.trim_start()).is_some() {
        return head_of_item(text, scanned, m.paragraph)
            .filter(|&i| scanned.mentions.get(i).is_some_and(|x| x.start < m.start));
    }
    let opens_paragraph = scanned
        .sentences
        .get(m.sentence)
        .and_then(|s| text.get(p.start..s.start))
        .is_some_and(|before| before.trim().is_empty());
    let mut adjacent = true;
    let mut seen = 0;
    for q in (0..m.paragraph).rev() {
        let para = scanned.paragraphs.get(q)?;
        let line = text.get(para.start..para.end)?.trim();
        if line.is_empty() {
            continue;
        }
        if para.skipped || seen == ITEM_REACH {
            return None;
        }
        seen += 1;
        if crate::segment::heading_marker(line).is_none() {
            adjacent = false;
            continue;
        }
        let head = head_of_item(text, scanned, q)?;
        let enumerates = scanned
            .mentions
            .get(head)
            .and_then(|x| text.get(x.end..para.end))
            .map(|rest| rest.trim_start_matches([',', ' ']))
            .is_some_and(|rest| {
                ["主要包括:", "具体包括:", "包括:"]
                    .iter()
                    .any(|w| rest.starts_with(w))
            });
        return ((adjacent && opens_paragraph) || enumerates).then_some(head);
    }
    None
}

/// The head of the numbered item paragraph `q` opens (level 4 or deeper): its first money
/// level, if no clause break comes before it.
fn head_of_item(text: &str, scanned: &Scanned, q: usize) -> Option<usize> {
    let p = scanned.paragraphs.get(q)?;
    let body = text.get(p.start..p.end)?;
    let (level, _) = crate::segment::heading_marker(body.trim_start())?;
    if level < 4 {
        return None;
    }
    let ms = &scanned.mentions;
    let first = ms.partition_point(|x| x.start < p.start);
    let i = (first..ms.len())
        .take_while(|&k| ms.get(k).is_some_and(|x| x.paragraph == q))
        .find(|&k| ms.get(k).is_some_and(Mention::is_money_level))?;
    let x = ms.get(i)?;
    let before = text.get(p.start..x.start)?;
    (!before.contains([',', ':', ';', '。'])).then_some(i)
}

/// Whether a change's sentence opens with the comparison (`较2025年年初预算增加…`).
fn sentence_has_no_subject(text: &str, scanned: &Scanned, m: &Mention) -> bool {
    scanned
        .sentences
        .get(m.sentence)
        .and_then(|s| text.get(s.start..s.end))
        .is_some_and(|t| {
            t.trim_start().starts_with(['较', '比']) || t.trim_start().starts_with("与上年")
        })
}

/// `比2023年预算执行数减少1.39%` with both years' figures stated in the sentence: the
/// earlier year's figure is the one whose words name the year compared with.
fn growths(scanned: &Scanned, out: &mut Vec<Relation>) {
    let ms = &scanned.mentions;
    let year_of = |label: &str| -> Option<String> {
        let p = label.find('年')?;
        let digits: String = label[..p]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        (digits.len() == 4).then(|| digits.chars().rev().collect())
    };
    for (pi, m) in ms.iter().enumerate() {
        if m.role != Role::ChangePercent {
            continue;
        }
        let Some(direction) = m.direction else {
            continue;
        };
        // Only a percentage with no change amount of its own.
        let same_sentence: Vec<usize> = (sentence_mentions(scanned, m.sentence).start..pi)
            .filter(|&k| ms.get(k).is_some_and(|x| x.sentence == m.sentence))
            .collect();
        if same_sentence
            .iter()
            .any(|&k| ms.get(k).is_some_and(|x| x.role == Role::ChangeAmount))
        {
            continue;
        }
        let Some(compared) = m
            .label
            .find(['比', '较'])
            .and_then(|p| year_of(&m.label[p..]))
        else {
            continue;
        };
        let levels: Vec<usize> = same_sentence
            .iter()
            .copied()
            .filter(|&k| {
                ms.get(k).is_some_and(|x| {
                    x.is_money() && matches!(x.role, Role::Level | Role::Budget) && !x.nested
                })
            })
            .collect();
        let previous = levels.iter().copied().find(|&k| {
            ms.get(k).and_then(|x| year_of(x.label)).as_deref() == Some(compared.as_str())
        });
        let current = levels.iter().copied().rev().find(|&k| {
            Some(k) != previous
                && ms.get(k).and_then(|x| year_of(x.label)).as_deref() != Some(compared.as_str())
        });
        if let (Some(current), Some(previous)) = (current, previous) {
            out.push(Relation::Growth {
                current,
                previous,
                percent: pi,
                direction,
            });
        }
    }
}

fn rates(scanned: &Scanned, lists: &ListIndex, out: &mut Vec<Relation>) {
    let ms = &scanned.mentions;
    for (ri, m) in ms.iter().enumerate() {
        if m.role != Role::Rate {
            continue;
        }
        let in_same_list = |k: usize| {
            list_of(lists, k).is_none_or(|(_, l)| l.start <= m.start && m.start <= l.end)
        };
        let candidates = |sentence: usize| -> Vec<usize> {
            (sentence_mentions(scanned, sentence).start..ri)
                .filter(|&k| {
                    ms.get(k).is_some_and(|x| {
                        x.sentence == sentence
                            && x.is_money()
                            && matches!(x.role, Role::Level | Role::Budget)
                            && !x.nested
                    }) && in_same_list(k)
                })
                .collect()
        };
        let mut pool = candidates(m.sentence);
        let own_money = ms
            .get(sentence_mentions(scanned, m.sentence))
            .unwrap_or_default()
            .iter()
            .any(|x| x.sentence == m.sentence && x.is_money() && x.start < m.start);
        if !own_money
            && let Some(prev) = m.sentence.checked_sub(1)
            && scanned.sentences.get(prev).is_some_and(|s| {
                Some(s.paragraph) == scanned.sentences.get(m.sentence).map(|c| c.paragraph)
            })
        {
            pool = candidates(prev);
        }
        // The actual: the last level; the budget: the last budget before it, or the level
        // before it that names a budget or an income.
        let Some(pos) = pool
            .iter()
            .rposition(|&k| ms.get(k).is_some_and(|x| x.role == Role::Level))
        else {
            continue;
        };
        let Some(&actual) = pool.get(pos) else {
            continue;
        };
        let before = pool.get(..pos).unwrap_or_default();
        // `年初预算为0万元,全年预算为321.02万元,…,完成年初预算的95.89%`: the rate names its
        // budget; take the figure the same words name.
        let named = ["年初预算", "全年预算", "调整预算"]
            .iter()
            .find(|w| m.label.contains(**w))
            .and_then(|w| {
                before
                    .iter()
                    .rev()
                    .copied()
                    .find(|&k| ms.get(k).is_some_and(|x| x.label.contains(*w)))
            });
        let budget = named.or_else(|| {
            before.iter().rev().copied().find(|&k| {
                ms.get(k).is_some_and(|x| {
                    x.role == Role::Budget || x.label.contains("预算") || x.label.contains("收入")
                })
            })
        });
        let Some(budget) = budget else { continue };
        out.push(Relation::Rate {
            actual,
            budget,
            percent: ri,
            overrun: m.overrun,
        });
    }
}

/// How many scopes there are: the indices of [`scope_index`].
const SCOPES: usize = 5;

/// A scope as an index below [`SCOPES`] (a `match`, so that a new scope must be given one).
fn scope_index(scope: Scope) -> usize {
    match scope {
        Scope::All => 0,
        Scope::FiscalAppropriation => 1,
        Scope::GeneralPublicBudget => 2,
        Scope::GovernmentFund => 3,
        Scope::StateCapital => 4,
    }
}

fn restatements(scanned: &Scanned, lists: &ListIndex, out: &mut Vec<Relation>) {
    // Looked up for every named money level: a table by concept and scope (no hashing;
    // the order of its keys is never read), with room for the concepts there are, grown
    // only past them.
    let mut first: Vec<Option<usize>> = Vec::with_capacity(128 * SCOPES);
    for (i, m) in scanned.mentions.iter().enumerate() {
        let Some(concept) = m.concept else { continue };
        if !m.is_money_level() || m.nested {
            continue;
        }
        // Parts of a list take the scope of their total.
        let scope = match (m.scope, list_of(lists, i).and_then(|(_, l)| l.head)) {
            (Scope::All, Some(h)) => scanned.mentions.get(h).map_or(Scope::All, |x| x.scope),
            (s, _) => s,
        };
        let key = concept as usize * SCOPES + scope_index(scope);
        if first.len() <= key {
            first.resize(key + 1, None);
        }
        match first.get_mut(key) {
            Some(Some(f)) => out.push(Relation::Restated {
                first: *f,
                again: i,
            }),
            Some(slot) => *slot = Some(i),
            None => {}
        }
    }
}

/// Mentions, for callers that need them with relations.
pub fn mention<'a>(scanned: &'a Scanned<'a>, i: usize) -> Option<&'a Mention<'a>> {
    scanned.mentions.get(i)
}
