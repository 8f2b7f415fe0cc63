//! What a document says about itself: department, year, budget or final account.
//!
//! Read from the title lines (the first non-empty lines, before the first numbered
//! heading), falling back to the whole text for the kind.

use std::sync::LazyLock;

use super::scan::Scanned;
use super::words::{Word, final_and_budget_counts};
use crate::model::{DocumentKind, DocumentMeta};

/// Words that end the name of a government body.
const BODY_ENDINGS: [&str; 16] = [
    "街道办事处",
    "委员会",
    "办公室",
    "办公厅",
    "管理局",
    "事务中心",
    "中心",
    "支队",
    "大学",
    "学院",
    "福利院",
    "法院",
    "检察院",
    "局",
    "厅",
    "部",
];

fn year_in(s: &str) -> Option<(usize, u16)> {
    // A year starts with a digit: only the digits of the text are looked at (a byte search
    // for them, not a step and a check at every byte).
    let bytes = s.as_bytes();
    let next_digit = |from: usize| crate::amount::next_digit(bytes, from);
    std::iter::successors(next_digit(0), |&i| next_digit(i + 1)).find_map(|i| year_at(s, i))
}

/// The year `YYYY年` starting at byte `i` of `s`, not preceded by a digit, if there is one.
fn year_at(s: &str, i: usize) -> Option<(usize, u16)> {
    let bytes = s.as_bytes();
    let four = s.get(i..i + 4)?;
    let before_ok = i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
    let after = s.get(i + 4..)?;
    if before_ok && four.bytes().all(|b| b.is_ascii_digit()) && after.starts_with('年') {
        let y: u16 = four.parse().ok()?;
        (2000..=2100).contains(&y).then_some((i, y))
    } else {
        None
    }
}

fn kind_in(s: &str) -> Option<DocumentKind> {
    let f = s.find("决算");
    let b = s.find("预算");
    match (f, b) {
        (Some(f), Some(b)) => Some(if f < b {
            DocumentKind::FinalAccount
        } else {
            DocumentKind::Budget
        }),
        (Some(_), None) => Some(DocumentKind::FinalAccount),
        (None, Some(_)) => Some(DocumentKind::Budget),
        (None, None) => None,
    }
}

/// A year written without 年 in a title (`国家信访局年度部门预算 2026`).
fn bare_year(s: &str) -> Option<u16> {
    let arabic = crate::amount::scan(s)
        .iter()
        .filter(|t| t.amount.unit.is_none() && t.amount.decimals == 0)
        .filter_map(|t| u16::try_from(t.amount.value.mantissa()).ok())
        .find(|y| (2000..=2100).contains(y));
    arabic.or_else(|| chinese_year(s))
}

/// A year in Chinese numerals (`二〇二六年`).
fn chinese_year(s: &str) -> Option<u16> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '零').then_some(0))
    };
    let chars: Vec<char> = s.chars().collect();
    chars.windows(5).find_map(|w| {
        let (Some(&'年'), Some(digits)) = (w.get(4), w.get(..4)) else {
            return None;
        };
        let mut year = 0u16;
        for &c in digits {
            year = year * 10 + u16::try_from(digit(c)?).ok()?;
        }
        (2000..=2100).contains(&year).then_some(year)
    })
}

/// Where the last body ending in `s` ends (`BODY_ENDINGS.map(|w| s.rfind(w) + w.len()).max()`):
/// the last place, from the end, where one ends, found by looking at the character before
/// each place rather than by a search (with its setup) for each ending.
fn last_body_ending(s: &str) -> Option<usize> {
    s.char_indices().rev().find_map(|(at, c)| {
        let end = at + c.len_utf8();
        let upto = s.get(..end)?;
        BODY_ENDINGS
            .iter()
            .any(|w| w.ends_with(c) && upto.ends_with(w))
            .then_some(end)
    })
}

/// The name of a body in `s`: the text up to the last body ending.
fn body_name(s: &str) -> Option<String> {
    let s = s
        .trim()
        .trim_start_matches(|c: char| !crate::amount::is_cjk(c) || c == '年' || c == '度')
        .trim_start_matches("目录");
    let end = last_body_ending(s)?;
    let name = s.get(..end)?.trim();
    let name = name.trim_start_matches(['(', ')', ' ']);
    // A sentence, not a name (`二)决算单位构成。怀化市…`), or a heading (`第二部`).
    if name.contains(['。', ',', ';', ':', ')', '(']) || name.starts_with('第') {
        return None;
    }
    // `长春市信访局(本级)`: keep a qualifier in parentheses, written as the documents do.
    let qualifier = s
        .get(end..)
        .and_then(|r| r.strip_prefix('('))
        .and_then(|r| r.split_once(')'))
        .map(|(q, _)| q);
    let name = match qualifier {
        Some(q) if q.chars().count() <= 4 => format!("{name}（{q}）"),
        _ => name.to_owned(),
    };
    (name.chars().count() >= 3).then_some(name)
}

/// Words that end a title and say what kind of disclosure it is.
const TITLE_KINDS: [&str; 10] = [
    "部门预算",
    "部门决算",
    "单位预算",
    "单位决算",
    "预算公开",
    "决算公开",
    "年度预算",
    "年度决算",
    "区级部门预算",
    "市级单位预算",
];

/// Labels that introduce the department's name (`预算单位:上海市财政局`).
const NAME_LABELS: [&str; 5] = [
    "预算单位:",
    "预算主管部门:",
    "单位名称:",
    "部门名称:",
    "决算单位:",
];

/// The department named in a title line: `某局2022年度部门决算`, `2022年度某局部门决算`,
/// `国家信访局 年度部门预算`.
fn department_in_title(body: &str) -> Option<String> {
    // Every kind says 预算 or 决算: a line without 算 (most lines) names none.
    if !body.contains('算') {
        return None;
    }
    let cut = TITLE_KINDS.iter().filter_map(|w| body.find(w)).min()?;
    let before = body.get(..cut)?;
    // Drop a year (`2022年度`, `2026年`) standing before the kind.
    let before = match year_in(before) {
        Some((p, _)) if p > 0 => before.get(..p)?,
        Some(_) => before
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['年', '度']),
        None => before,
    };
    let before = before
        .trim_end_matches(['年', '度'])
        .trim_end_matches("年度");
    body_name(before)
}

/// Whether a label ends at the `:` at `colon` of `text`.
fn label_ends_at(text: &str, colon: usize) -> bool {
    text.get(..=colon)
        .is_some_and(|upto| NAME_LABELS.iter().any(|label| upto.ends_with(label)))
}

/// The department named after a label (`预算主管部门:上海市普陀区人民政府万里街道办事处`).
#[cfg(test)]
fn department_after_label(line: &str) -> Option<String> {
    // Every label ends with `:`: a line has one only where a `:` ends it (most lines have
    // `:`, few after a label). A byte search for the `:`s and a look at the words before
    // each, rather than a search of the line for each label.
    let has_label =
        memchr::memchr_iter(b':', line.as_bytes()).any(|colon| label_ends_at(line, colon));
    if !has_label {
        return None;
    }
    named_after_label(line)
}

/// The department named after a label in one of the first `lines` lines of `text`, the
/// first line naming one winning (`lines(text).take(lines).find_map(department_after_label)`).
/// One byte search for the `:`s of all those lines (a label ends with one, and holds no
/// line break), and only a line with a label read further: not two searches a line.
fn department_after_label_in(text: &str, lines: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let end = memchr::memchr_iter(b'\n', bytes)
        .nth(lines.checked_sub(1)?)
        .unwrap_or(bytes.len());
    // The colons before this are on a line already read.
    let mut next_line = 0;
    for colon in memchr::memchr_iter(b':', bytes.get(..end)?) {
        if colon < next_line || !label_ends_at(text, colon) {
            continue;
        }
        let start = bytes
            .get(..colon)
            .and_then(|before| memchr::memrchr(b'\n', before))
            .map_or(0, |p| p + 1);
        let line_end = bytes
            .get(colon..)
            .and_then(|after| memchr::memchr(b'\n', after))
            .map_or(bytes.len(), |p| colon + p);
        if let Some(name) = text.get(start..line_end).and_then(named_after_label) {
            return Some(name);
        }
        next_line = line_end;
    }
    None
}

/// The department named after the first label of a line that has one.
fn named_after_label(line: &str) -> Option<String> {
    // The labels' searchers are built once, not for each line asked.
    static LABELS: LazyLock<[Word; NAME_LABELS.len()]> =
        LazyLock::new(|| NAME_LABELS.map(Word::new));
    LABELS.iter().find_map(|label| {
        let at = label.find(line.as_bytes())?;
        let rest = line.get(at + label.byte_len()..)?;
        body_name(rest.split([',', ';', '。', ' ', '\t']).next()?)
    })
}

/// The body that lines keep opening with, before a year (`江苏省政协办公厅2019年度收入、支出
/// 预算总计…`, `江苏省政协办公厅本年…` aside): for a document whose title does not name it.
/// Three such lines at least, the most frequent name winning.
fn department_as_subject(text: &str) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for line in super::words::lines(text) {
        let Some(name) = year_in(line)
            .filter(|&(p, _)| p > 0 && p <= 90)
            .and_then(|(p, _)| line.get(..p))
            .and_then(body_name)
        else {
            continue;
        };
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|&(_, count)| count >= 3)
        .max_by_key(|&(_, count)| count)
        .map(|(name, _)| name)
}

/// The title lines: the first non-empty lines, with web residue (`• 索引号`) dropped and any
/// `第X部分` prefix removed.
fn title_lines(text: &str) -> Vec<&str> {
    super::words::lines(text)
        .map(|l| l.trim().trim_start_matches(['•', '·', ' ']))
        .filter(|l| !l.is_empty() && !l.contains('•'))
        .take(12)
        .filter_map(|line| match crate::segment::heading_marker(line) {
            Some((1, _)) => line.split_once("部分").map(|(_, rest)| rest.trim()),
            Some(_) => None,
            None => Some(line),
        })
        .collect()
}

/// Read the meta data of a document.
pub fn read(text: &str, _scanned: &Scanned) -> DocumentMeta {
    let mut meta = DocumentMeta::default();
    let titles = title_lines(text);
    // A title names the year and the kind: `…2022年度部门决算`.
    for body in &titles {
        let is_title = body.contains("预算") || body.contains("决算");
        if !is_title {
            continue;
        }
        let year = year_in(body).map(|(_, y)| y).or_else(|| bare_year(body));
        if year.is_some() {
            meta.kind = meta.kind.or_else(|| kind_in(body));
            meta.year = meta.year.or(year);
        }
        meta.department = meta.department.take().or_else(|| department_in_title(body));
    }
    // `预算单位:上海市财政局` names it outright.
    if let Some(name) = department_after_label_in(text, 80) {
        meta.department = Some(name);
    }
    // The first short title line naming a body, or a title further in (after a table of
    // contents).
    if meta.department.is_none() {
        meta.department = titles
            .iter()
            .filter(|l| l.chars().count() <= 30 && !l.contains("目录"))
            .find_map(|l| body_name(l));
    }
    if meta.department.is_none() {
        meta.department = super::words::lines(text)
            .take(300)
            .find_map(department_in_title);
    }
    if meta.department.is_none() {
        meta.department = department_as_subject(text);
    }
    if meta.kind.is_none() {
        let (finals, budgets) = final_and_budget_counts(text);
        meta.kind = match (finals, budgets) {
            (0, 0) => None,
            (f, b) if f * 2 >= b => Some(DocumentKind::FinalAccount),
            _ => Some(DocumentKind::Budget),
        };
    }
    if meta.year.is_none() {
        meta.year = year_in(text).map(|(_, y)| y);
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::scan::scan;

    fn meta(text: &str) -> DocumentMeta {
        read(text, &scan(text))
    }

    #[test]
    fn the_last_body_ending_is_where_the_last_ending_ends() {
        // The search for each ending it replaces.
        let reference = |s: &str| {
            BODY_ENDINGS
                .iter()
                .filter_map(|w| s.rfind(w).map(|p| p + w.len()))
                .max()
        };
        for s in [
            "",
            "局",
            "a",
            "怀化市西城区农业农村局",
            "怀化市西城区农业农村局2022年度",
            "某某街道办事处",
            "某某办事处",
            "中心学院局部x",
            "检察院法院",
            "事务中心委员会(本级)",
            "部门预算",
            "管理局局",
            "é局é",
        ] {
            assert_eq!(last_body_ending(s), reference(s), "{s}");
        }
    }

    /// The one search over the first lines finds what a search of each line finds.
    #[test]
    fn a_label_is_found_in_the_first_lines_as_line_by_line() {
        let fixtures = [
            include_str!("../../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../../fixtures/001_b7b7f0797132f662.txt"),
            include_str!("../../fixtures/002_12402e3d59484724.txt"),
        ];
        let edges = [
            "",
            "\n",
            "预算单位:",
            "预算单位:上海市财政局",
            "说明:无\n预算单位:上海市财政局\n",
            "预算单位:,\n单位名称:上海市财政局",
            "时间:2025,预算单位:上海市财政局\r\n决算单位:某局",
            "a\nb\nc\n预算单位:上海市财政局",
            "预算单位\n:上海市财政局",
            "部门名称:某某局:预算单位:上海市财政局",
        ];
        for text in fixtures.into_iter().chain(edges) {
            for lines in [0, 1, 2, 3, 80] {
                assert_eq!(
                    department_after_label_in(text, lines),
                    crate::extract::words::lines(text)
                        .take(lines)
                        .find_map(department_after_label),
                    "{text} {lines}"
                );
            }
        }
    }

    #[test]
    fn a_name_label_is_found_after_other_colons() {
        let m = meta("某市2025年单位预算\n说明:无\n时间:2025,预算单位:上海市财政局\n");
        assert_eq!(m.department.as_deref(), Some("上海市财政局"));
    }

    #[test]
    fn every_title_kind_says_suan_and_every_name_label_ends_with_a_colon() {
        // The line pre-checks of `department_in_title` and `department_after_label`.
        assert!(TITLE_KINDS.iter().all(|k| k.contains('算')));
        assert!(NAME_LABELS.iter().all(|l| l.ends_with(':')));
    }

    #[test]
    fn department_before_or_after_the_year() {
        let m = meta(
            " 昆明市呈贡区医疗保障局2022年度部门决算\n 第一部分  昆明市呈贡区医疗保障局概况\n",
        );
        assert_eq!(m.department.as_deref(), Some("昆明市呈贡区医疗保障局"));
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.kind, Some(DocumentKind::FinalAccount));
        let m = meta("2022年度乐山市市中区医疗保障局部门决算目录\n");
        assert_eq!(m.department.as_deref(), Some("乐山市市中区医疗保障局"));
        let m = meta(
            "  • 索引号\n  • 11533000MB15059162/20240319-00003\n保山市医疗保障局2024年部门预算公开目录\n",
        );
        assert_eq!(m.kind, Some(DocumentKind::Budget));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.department.as_deref(), Some("保山市医疗保障局"));
        let m = meta("上海市2025年市级单位预算\n预算单位:上海市财政局\n目 录\n");
        assert_eq!(m.department.as_deref(), Some("上海市财政局"));
        let m = meta("国家信访局年度部门预算二〇二六年三月\n");
        assert_eq!(m.department.as_deref(), Some("国家信访局"));
        assert_eq!(m.year, Some(2026));
        let m = meta(".长春市信访局(本级)2026年度部门预算公开\n");
        assert_eq!(m.department.as_deref(), Some("长春市信访局（本级）"));
        assert_eq!(m.year, Some(2026));
        assert_eq!(m.kind, Some(DocumentKind::Budget));
    }

    /// ../shared/corpus/004: no title names the office; its sentences do.
    #[test]
    fn department_named_by_the_sentences_when_no_title_does() {
        let line = |what: &str| {
            format!(
                "江苏省政协办公厅2019年度{what}13,377.11万元,与上年相比增加3,226.63万元,增长32.04%。\n"
            )
        };
        let text = format!(
            "目录\n{}{}{}",
            line("收入、支出预算总计"),
            line("财政拨款收、支预算"),
            line("财政拨款预算支出")
        );
        assert_eq!(meta(&text).department.as_deref(), Some("江苏省政协办公厅"));
        // Twice is not enough to be sure.
        let text = format!("目录\n{}{}", line("收入预算总计"), line("支出预算总计"));
        assert_eq!(meta(&text).department, None);
    }
}
