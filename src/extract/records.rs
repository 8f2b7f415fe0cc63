//! Typed records: every figure filed under the record and field its concept names, plus
//! function lines, 三公 counts and listed projects.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::function;
use super::lists::List;
use super::scan::{COUNTING_WORDS, Scanned, Sentence};
use super::words::{LazyWord, Word, WordList, Words};
use crate::concept::{Concept, RecordKind};
use crate::model::{Count, Figure, FunctionLine, Project, Records};
use crate::normalize::Normalized;
use crate::source::Source;

/// The words that name what the 三公 records count.
const COUNT_SUBJECTS: [&str; 9] = [
    "团组",
    "车辆",
    "机动车",
    "公务用车",
    "保有量",
    "接待",
    "来宾",
    "出国",
    "外宾",
];

/// The records of a document. The function lines are consumed: their codes and names move
/// into the records rather than being copied.
pub fn assemble(
    figures: Vec<Figure>,
    scanned: &Scanned,
    functions: Vec<function::Line>,
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
        .into_iter()
        .map(|l| FunctionLine {
            level: l.level,
            code: l.code,
            names: l.names,
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

/// Whether `body` has a digit followed by a counting word (`2人次`): a sentence without one
/// states no count.
fn has_counted_number(body: &str) -> bool {
    let bytes = body.as_bytes();
    COUNTING_WORDS.iter().any(|word| {
        body.match_indices(word).any(|(at, _)| {
            at.checked_sub(1)
                .and_then(|d| bytes.get(d))
                .is_some_and(u8::is_ascii_digit)
        })
    })
}

/// Whether a sentence starts where the one before it was cut for its length (see
/// [`super::scan::MAX_SENTENCE_BYTES`]), not after a `。` `!` `?` or at its paragraph's start: it
/// may start inside a number.
fn follows_a_cut(text: &str, scanned: &Scanned, sentence: &Sentence) -> bool {
    let paragraph_start = scanned
        .paragraphs
        .get(sentence.paragraph)
        .map_or(0, |p| p.start);
    // The bytes before the start, not the character decoded: asked of every sentence.
    sentence.start > paragraph_start
        && !text.get(..sentence.start).is_some_and(|before| {
            let before = before.as_bytes();
            before.ends_with("。".as_bytes()) || before.ends_with(b"!") || before.ends_with(b"?")
        })
}

fn counts(text: &str, scanned: &Scanned, source: &Source, normalized: &Normalized) -> Vec<Count> {
    static SUBJECTS: LazyLock<WordList> = LazyLock::new(|| WordList::new(&COUNT_SUBJECTS));
    // A sentence is asked by one vectorised search for all the words, not by the automaton
    // (a step per byte over sentences of hundreds of bytes, most with no subject), nor by
    // one search per word (nine passes over a sentence without a subject).
    static SUBJECT_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&COUNT_SUBJECTS));
    // Asked of labels: searchers built once (a `str` search sets one up each time).
    static PURCHASE: LazyWord = LazyLock::new(|| Word::new("购置"));
    static EXCLUDING: LazyWord = LazyLock::new(|| Word::new("不含"));
    // Only the sentences holding a number followed by a counting word are read: those the
    // scan noted (ranges in text order, as the sentences are, and not overlapping), and,
    // where a sentence was cut inside a number, those found by a search of it.
    let counted = &scanned.counted;
    let mut next = 0;
    let mut out = Vec::new();
    for sentence in &scanned.sentences {
        while counted.get(next).is_some_and(|&(s, _)| s < sentence.start) {
            next += 1;
        }
        let noted = counted.get(next).is_some_and(|&(_, e)| e <= sentence.end);
        let cut = follows_a_cut(text, scanned, sentence);
        if !noted && !cut {
            continue;
        }
        let Some(body) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        if (cut && !has_counted_number(body)) || !SUBJECT_WORDS.any_in(body) {
            continue;
        }
        // Where the last count of the sentence ended: `团组0个、累计0人次` counts one subject
        // twice, the second with no words of its own.
        let mut last_count_end: Option<usize> = None;
        for token in crate::amount::tokens(body) {
            if token.amount.unit.is_some() || token.amount.decimals > 0 {
                continue;
            }
            let after = body.get(token.end..).unwrap_or("");
            let Some(unit) = COUNTING_WORDS.iter().find(|u| after.starts_with(*u)) else {
                continue;
            };
            let before = body.get(..token.start).unwrap_or("");
            let label = before
                .rsplit([',', ';', ':', '。', '、', '('])
                .next()
                .unwrap_or("")
                .trim();
            let same_subject = last_count_end
                .and_then(|e| body.get(e..token.start))
                .is_some_and(continues_count);
            let counted = same_subject || SUBJECTS.any_in(label) || PURCHASE.in_text(label);
            // `台` counts vehicles here, not the equipment counted in the same words
            // (`设备(不含车辆)1台`).
            let vehicles = || label.contains('车') && !EXCLUDING.in_text(label);
            if !counted || (*unit == "台" && !vehicles()) {
                continue;
            }
            let Ok(value) = u64::try_from(token.amount.value.trunc().mantissa()) else {
                continue;
            };
            let start = sentence.start + token.start;
            let end = sentence.start + token.end + unit.len();
            last_count_end = Some(token.end + unit.len());
            out.push(Count {
                label: label.to_owned(),
                value,
                unit: (*unit).to_owned(),
                span: super::span(source, normalized, start, end, ""),
            });
        }
    }
    out
}

/// Whether the words between two counts join them as counts of one subject: `、`, with
/// at most `累计` / `共` (`团组0个、累计0人次`, `接待2批次、26人次`).
fn continues_count(between: &str) -> bool {
    between
        .strip_prefix('、')
        .is_some_and(|rest| ["", "累计", "共", "共计"].contains(&rest.trim()))
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

#[cfg(test)]
mod tests {
    use crate::source::Source;

    /// The counts of a text: value, unit and line.
    fn counts(text: &str) -> Vec<(u64, String, usize)> {
        crate::extract_source(&Source::new(text.to_owned(), "UTF-8"))
            .records
            .counts
            .into_iter()
            .map(|c| (c.value, c.unit, c.span.line))
            .collect()
    }

    #[test]
    fn a_count_after_a_count_counts_the_same_subject() {
        assert_eq!(
            counts(
                "全年安排因公出国(境)团组0个、累计0人次。\n列明公务接待2批次、26人次,其中:接待外宾0批次、0人次。"
            ),
            [
                (0, "个".to_owned(), 1),
                (0, "人次".to_owned(), 1),
                (2, "批次".to_owned(), 2),
                (26, "人次".to_owned(), 2),
                (0, "批次".to_owned(), 2),
                (0, "人次".to_owned(), 2),
            ]
        );
        // Joined by more than `、`, a number needs words of its own.
        assert_eq!(
            counts("公务接待2批次,参观3人次。"),
            [(2, "批次".to_owned(), 1)]
        );
    }

    #[test]
    fn counts_past_the_cut_of_an_overlong_sentence() {
        // No full stop for far more than a sentence's bound: cut at a clause break, the
        // sentences after the cut are searched for counts themselves.
        let clause = "公务接待2批次,";
        let n = 2 * crate::extract::scan::MAX_SENTENCE_BYTES / clause.len();
        let found = counts(&clause.repeat(n));
        assert_eq!(found.len(), n);
        assert!(found.iter().all(|(v, u, _)| *v == 2 && u == "批次"));
    }

    #[test]
    fn vehicles_counted_in_tai_but_not_equipment() {
        assert_eq!(
            counts("截至2025年底,部门共有车辆328台,单位价值100万元以上的设备118台(套)。"),
            [(328, "台".to_owned(), 1)]
        );
        assert!(
            counts("共有车辆0辆;单价100万元(含)以上设备(不含车辆)1台(套)。")
                .iter()
                .all(|(_, unit, _)| unit != "台")
        );
        assert_eq!(
            counts("截止2025年12月31日,固定资产账上共有机动车3辆。"),
            [(3, "辆".to_owned(), 1)]
        );
    }
}
