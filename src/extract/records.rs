//! Typed records: every figure filed under the record and field its concept names, plus
//! function lines, 三公 counts and listed projects.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::function;
use super::lists::List;
use super::scan::Scanned;
use super::words::{Occurrences, WordList};
use crate::concept::{Concept, RecordKind};
use crate::model::{Count, Figure, FunctionLine, Project, Records};
use crate::normalize::Normalized;
use crate::source::Source;

/// Counting words of the 三公 records and the words that name what is counted.
const COUNT_UNITS: [&str; 6] = ["人次", "批次", "个", "辆", "人", "次"];
const COUNT_SUBJECTS: [&str; 8] = [
    "团组",
    "车辆",
    "公务用车",
    "保有量",
    "接待",
    "来宾",
    "出国",
    "外宾",
];

pub fn assemble(
    figures: Vec<Figure>,
    scanned: &Scanned,
    functions: &[function::Line],
    lists: &[List],
    text: &str,
    source: &Source,
    normalized: &Normalized,
) -> Records {
    let mut r = Records::default();
    for f in &figures {
        let Some(concept) = f.concept else { continue };
        if f.role != crate::model::Role::Level || f.unit == Some(crate::amount::Unit::Percent) {
            continue;
        }
        let map: &mut BTreeMap<Concept, Vec<usize>> = match concept.record() {
            RecordKind::Income => &mut r.income,
            RecordKind::Expenditure => &mut r.expenditure,
            RecordKind::FiscalAppropriation => &mut r.fiscal_appropriation,
            RecordKind::ThreeOfficialExpenses => &mut r.three_official_expenses,
            RecordKind::AdministrativeRunningCosts => &mut r.administrative_running_costs,
            RecordKind::GovernmentProcurement => &mut r.government_procurement,
            RecordKind::StateAssets => &mut r.state_assets,
        };
        map.entry(concept).or_default().push(f.id);
    }
    r.function_classification = functions
        .iter()
        .map(|l| FunctionLine {
            level: l.level,
            code: l.code.clone(),
            names: l.names.clone(),
            amount: l.amount,
            budget: l.budget,
            rate: l.rate,
            share: l.share,
        })
        .collect();
    r.counts = counts(text, scanned, source, normalized);
    r.projects = projects(scanned, lists);
    r.figures = figures;
    r
}

/// Every digit followed by a counting word (`2人次`), as the range of the digit and the
/// shortest such word: a sentence without one states no count.
fn counted_numbers(text: &str) -> Occurrences {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(digit) = crate::amount::next_digit(bytes, at) {
        // Only the last digit of a run can be followed by a word.
        let run = bytes.get(digit..).map_or(1, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        });
        at = digit + run;
        let after = text.get(at..).unwrap_or("");
        if !after.starts_with(|c: char| !c.is_ascii()) {
            continue;
        }
        if let Some(len) = COUNT_UNITS
            .iter()
            .filter(|u| after.starts_with(**u))
            .map(|u| u.len())
            .min()
        {
            ranges.push((at - 1, at + len));
        }
    }
    Occurrences::from_sorted(ranges)
}

fn counts(text: &str, scanned: &Scanned, source: &Source, normalized: &Normalized) -> Vec<Count> {
    static SUBJECTS: LazyLock<WordList> = LazyLock::new(|| WordList::new(&COUNT_SUBJECTS));
    // Where a count may stand, found in one quick pass over the whole text: only the
    // sentences holding one are read.
    let counted = counted_numbers(text);
    let mut out = Vec::new();
    for sentence in &scanned.sentences {
        let Some(body) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        if !counted.any_within(sentence.start, sentence.end) || !SUBJECTS.any_in(body) {
            continue;
        }
        for token in crate::amount::scan(body) {
            if token.amount.unit.is_some() || token.amount.decimals > 0 {
                continue;
            }
            let after = body.get(token.end..).unwrap_or("");
            let Some(unit) = COUNT_UNITS.iter().find(|u| after.starts_with(*u)) else {
                continue;
            };
            let before = body.get(..token.start).unwrap_or("");
            let label = before
                .rsplit([',', ';', ':', '。', '、', '('])
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            if !COUNT_SUBJECTS.iter().any(|w| label.contains(w)) && !label.contains("购置") {
                continue;
            }
            let Ok(value) = u64::try_from(token.amount.value.trunc().mantissa()) else {
                continue;
            };
            let start = sentence.start + token.start;
            let end = sentence.start + token.end + unit.len();
            out.push(Count {
                label,
                value,
                unit: (*unit).to_owned(),
                span: super::span(source, normalized, start, end, ""),
            });
        }
    }
    out
}

fn projects(scanned: &Scanned, lists: &[List]) -> Vec<Project> {
    let mut out = Vec::new();
    for list in lists.iter().filter(|l| l.multiline) {
        let Some(head) = list.head.and_then(|h| scanned.mentions.get(h)) else {
            continue;
        };
        let is_projects = head.concept == Some(Concept::ProjectExpenditure)
            || head.label.contains("专项业务")
            || head.label.contains("项目");
        if !is_projects {
            continue;
        }
        for &i in &list.items {
            let Some(m) = scanned.mentions.get(i) else {
                continue;
            };
            if m.concept.is_some() {
                continue;
            }
            let name = m
                .label
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '.' | '、' | ' ' | '(' | ')')
                })
                .trim_end_matches(['为', ' '])
                .to_owned();
            if !name.is_empty() {
                out.push(Project {
                    name,
                    figures: vec![i],
                });
            }
        }
    }
    out
}
