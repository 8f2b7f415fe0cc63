//! Breakdowns: a total followed by its parts (其中… / 主要用于以下方面… / 如下:).
//!
//! Owns the grouping of figures into lists — inline (`收入合计X元。其中:A a;B b`) and over
//! several lines (a paragraph ending with `:` followed by one item a line) — and the
//! choice of each list's total (its head). It does not decide whether a list is
//! exhaustive: [`super::relations`] does, from the concepts involved.

use super::scan::Scanned;
use crate::concept::{self, Concept};

/// A total and the parts the text lists under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Index (into mentions) of the total, if the text states one.
    pub head: Option<usize>,
    /// The concept named as the head where no figure is (`“三公”经费支出决算中,`).
    pub head_concept: Option<Concept>,
    /// Indices (into mentions) of the parts: money levels, not asides.
    pub items: Vec<usize>,
    /// Where the list starts in the normalised text.
    pub start: usize,
    pub end: usize,
    /// One item a line (a numbered list), rather than parts within a sentence.
    pub multiline: bool,
}

/// Markers that open a list in a sentence.
const INLINE_MARKERS: [&str; 4] = ["其中", "主要用于以下方面", "主要用于以下几个方面", "具体是"];

/// The head a list marker refers to: the last money level before `pos` in the same
/// sentence that is not an aside.
fn last_level_before(
    scanned: &Scanned,
    sentence: usize,
    pos: usize,
    exclude: &[usize],
) -> Option<usize> {
    scanned
        .mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            m.sentence == sentence
                && m.end <= pos
                && m.is_money_level()
                && !m.nested
                && !exclude.contains(i)
        })
        .map(|(i, _)| i)
        .next_back()
}

/// Resolve a concept to the latest money level stating it before `pos`.
pub fn latest_of(scanned: &Scanned, concept: Concept, pos: usize) -> Option<usize> {
    scanned
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.end <= pos && m.is_money_level() && m.concept == Some(concept))
        .map(|(i, _)| i)
        .next_back()
}

/// The concept a list's head words name (`“三公”经费财政拨款支出决算中,`).
fn concept_head(text: &str, sentence_start: usize, pos: usize) -> Option<Concept> {
    let before = text.get(sentence_start..pos)?;
    let clause = before.trim_end_matches([',', ':', ' ']);
    let clause = clause.strip_suffix('中').unwrap_or(clause);
    let clause = clause.rsplit([',', ';', ':']).next().unwrap_or(clause);
    concept::classify(clause)
}

/// Find every list in the document.
pub fn find(text: &str, scanned: &Scanned) -> Vec<List> {
    let mut lists = inline_lists(text, scanned);
    lists.extend(multiline_lists(text, scanned, &lists));
    lists
}

fn inline_lists(text: &str, scanned: &Scanned) -> Vec<List> {
    let mut lists = Vec::new();
    for (si, sentence) in scanned.sentences.iter().enumerate() {
        let Some(body) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        let mut markers: Vec<(usize, usize)> = Vec::new();
        for marker in INLINE_MARKERS {
            for (p, _) in body.match_indices(marker) {
                // Skip markers inside parentheses: asides.
                let depth =
                    body[..p].matches('(').count() as i64 - body[..p].matches(')').count() as i64;
                if depth <= 0 {
                    markers.push((sentence.start + p, marker.len()));
                }
            }
        }
        // `“三公”经费财政拨款支出决算中,A a,B b`: the words before `中,` name the total.
        for (p, _) in body.match_indices("中,") {
            let clause = body[..p].rsplit([',', ';', ':']).next().unwrap_or("");
            if concept::classify(clause).is_some() && !clause.contains("其") {
                markers.push((sentence.start + p, "中".len()));
            }
        }
        markers.sort_unstable();
        for (pos, len) in markers {
            let after = text.get(pos + len..sentence.end).unwrap_or("");
            let colon = after.starts_with(':') || after.starts_with("包括") || len == "中".len();
            let end = if colon || len > "其中".len() {
                sentence.end
            } else {
                after.find(';').map_or(sentence.end, |p| pos + len + p)
            };
            let at_start = text
                .get(sentence.start..pos)
                .is_some_and(|s| s.trim_matches([' ', ',', ':', ';']).is_empty());
            let named_head = len == "中".len();
            let mut head = if named_head {
                None
            } else {
                last_level_before(scanned, si, pos, &[])
            };
            let mut head_concept = None;
            if head.is_none() && at_start && !named_head {
                head = previous_principal(scanned, &lists, si);
            }
            if head.is_none() {
                head_concept = concept_head(text, sentence.start, pos);
                head = head_concept.and_then(|c| latest_of(scanned, c, pos));
            }
            let items: Vec<usize> = scanned
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.start >= pos && m.end <= end && m.is_money_level() && !m.nested)
                .map(|(i, _)| i)
                .collect();
            if items.is_empty() {
                continue;
            }
            lists.push(List {
                head,
                head_concept,
                items,
                start: pos,
                end,
                multiline: false,
            });
        }
    }
    // A figure belongs to the innermost list that contains it.
    let spans: Vec<(usize, usize)> = lists.iter().map(|l| (l.start, l.end)).collect();
    for list in lists.iter_mut() {
        let (start, end) = (list.start, list.end);
        list.items.retain(|&i| {
            let Some(m) = scanned.mentions.get(i) else {
                return false;
            };
            !spans
                .iter()
                .any(|&(s, e)| s > start && s <= m.start && m.end <= e && (s, e) != (start, end))
        });
    }
    lists.retain(|l| !l.items.is_empty());
    lists
}

/// The principal figure of the sentence before `sentence` in the same paragraph: its last
/// money level that is not itself a listed part.
fn previous_principal(scanned: &Scanned, lists: &[List], sentence: usize) -> Option<usize> {
    let current = scanned.sentences.get(sentence)?;
    let previous = sentence.checked_sub(1)?;
    let prev = scanned.sentences.get(previous)?;
    if prev.paragraph != current.paragraph {
        return None;
    }
    let listed: Vec<usize> = lists.iter().flat_map(|l| l.items.iter().copied()).collect();
    // Only an unambiguous principal: one money level in that sentence.
    let candidates = scanned
        .mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            m.sentence == previous && m.is_money_level() && !m.nested && !listed.contains(i)
        })
        .count();
    if candidates != 1 {
        return None;
    }
    last_level_before(scanned, previous, prev.end, &listed)
}

/// Whether a paragraph opens a list over the following lines.
fn opens_list(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(':') || t.ends_with("如下") || t.ends_with("如下。")
}

fn multiline_lists(text: &str, scanned: &Scanned, inline: &[List]) -> Vec<List> {
    let listed: Vec<usize> = inline
        .iter()
        .flat_map(|l| l.items.iter().copied())
        .collect();
    let mut lists = Vec::new();
    let paragraphs = &scanned.paragraphs;
    for (pi, p) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(p.start..p.end) else {
            continue;
        };
        if p.skipped || !opens_list(body) {
            continue;
        }
        // The head: the last principal money level of the paragraph, or the concept the
        // opening words name.
        let head_in_paragraph = scanned
            .mentions
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                m.paragraph == pi && m.is_money_level() && !m.nested && !listed.contains(i)
            })
            .map(|(i, _)| i)
            .next_back();
        let opening = body.trim_end().trim_end_matches([':', '。']);
        let opening = opening.rsplit(['。', ';']).next().unwrap_or(opening);
        let head_concept = if head_in_paragraph.is_none() {
            concept::classify(opening)
        } else {
            None
        };
        let head =
            head_in_paragraph.or_else(|| head_concept.and_then(|c| latest_of(scanned, c, p.start)));
        let mut items = Vec::new();
        let mut end = p.end;
        for (qi, q) in paragraphs.iter().enumerate().skip(pi + 1) {
            let Some(line) = text.get(q.start..q.end) else {
                break;
            };
            if line.trim().is_empty() {
                continue;
            }
            if q.skipped
                || matches!(crate::segment::heading_marker(line.trim_start()), Some((level, _)) if level <= 3)
            {
                break;
            }
            // The item: the paragraph's first money figure, a level in its first clause.
            let inside_figure = |pos: usize| {
                scanned
                    .mentions
                    .iter()
                    .any(|m| m.paragraph == qi && m.start <= pos && pos < m.end)
            };
            let first_clause_end = line
                .match_indices([',', ';', '。', ':'])
                .map(|(e, _)| q.start + e)
                .find(|&e| !inside_figure(e))
                .unwrap_or(q.end);
            let first = scanned
                .mentions
                .iter()
                .enumerate()
                .find(|(_, m)| m.paragraph == qi && m.is_money())
                .filter(|(_, m)| {
                    m.role == crate::model::Role::Level && !m.nested && m.end <= first_clause_end
                })
                .map(|(i, _)| i);
            match first {
                Some(i) => {
                    items.push(i);
                    end = q.end;
                }
                None => break,
            }
        }
        if !items.is_empty() {
            lists.push(List {
                head,
                head_concept,
                items,
                start: p.start,
                end,
                multiline: true,
            });
        }
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::scan::scan;

    fn lists(text: &str) -> (Scanned, Vec<List>) {
        let s = scan(text);
        let l = find(text, &s);
        (s, l)
    }

    fn values(s: &Scanned, ids: &[usize]) -> Vec<String> {
        ids.iter()
            .map(|&i| s.mentions[i].amount.value.to_string())
            .collect()
    }

    #[test]
    fn inline_list_after_the_total_in_the_previous_sentence() {
        let text = "2022年度收入合计100万元。其中:财政拨款收入90万元,占90%;事业收入0万元(含教育收费0万元),占0%;其他收入10万元。";
        let (s, l) = lists(text);
        assert_eq!(l.len(), 1);
        assert_eq!(values(&s, &[l[0].head.unwrap()]), ["100"]);
        assert_eq!(values(&s, &l[0].items), ["90", "0", "10"]);
    }

    #[test]
    fn a_list_without_colon_ends_at_the_semicolon() {
        let text = "发生医疗费用692.75万元,其中统筹基金支付395.86万元,大病支付10.56万元;门特医疗总费用202.68万元,其中统筹基金支付146.28万元。";
        let (s, l) = lists(text);
        assert_eq!(l.len(), 2);
        assert_eq!(values(&s, &[l[0].head.unwrap()]), ["692.75"]);
        assert_eq!(values(&s, &l[0].items), ["395.86", "10.56"]);
        assert_eq!(values(&s, &[l[1].head.unwrap()]), ["202.68"]);
    }

    #[test]
    fn nested_list_takes_its_own_items() {
        let text = "授予中小企业合同金额9.6万元,占100%,其中:授予小微企业合同金额9.6万元,占100%。政府采购支出总额0万元,其中:政府采购货物支出9.6万元、政府采购工程支出0万元。";
        let (s, l) = lists(text);
        assert_eq!(l.len(), 2);
        assert_eq!(values(&s, &l[1].items), ["9.6", "0"]);
        assert_eq!(values(&s, &[l[1].head.unwrap()]), ["0"]);
    }

    #[test]
    fn head_named_by_words_only() {
        let text = "“三公”经费支出决算为3.72万元。2022年度“三公”经费财政拨款支出决算中,公务接待费支出决算3.72万元,占100%,因公出国(境)费支出决算0万元。";
        let (s, l) = lists(text);
        let list = l.iter().find(|l| l.head_concept.is_some()).unwrap();
        assert_eq!(list.head_concept, Some(Concept::ThreeOfficialTotal));
        assert_eq!(values(&s, &[list.head.unwrap()]), ["3.72"]);
        assert_eq!(values(&s, &list.items), ["3.72", "0"]);
    }

    #[test]
    fn multiline_list_under_a_line_ending_with_colon() {
        let text = "2022年一般公共预算财政拨款基本支出300.11万元,其中:\n人员经费265.7万元,主要包括:基本工资。\n公用经费34.41万元,主要包括:办公费。\n七、“三公”经费\n";
        let (s, l) = lists(text);
        let multi = l.iter().find(|l| l.items.len() == 2).unwrap();
        assert_eq!(values(&s, &[multi.head.unwrap()]), ["300.11"]);
        assert_eq!(values(&s, &multi.items), ["265.7", "34.41"]);
    }
}
