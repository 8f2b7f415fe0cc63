//! The section tree: headings and the ranges of text under them.
//!
//! Owns heading recognition (第X部分 / 一、 / （一） / 1. 1、 / （1）), including misnumbered
//! headings (`7、 财政拨款三公经费…` after `六、`) and table-of-contents lines, which are not
//! sections, and the title of a run-in heading (`公务接待费支出0.25万元。公务接待费…`: its
//! words up to the first sentence end or colon). Works on normalised text (ASCII
//! parentheses and digits); knows nothing of figures.

use std::sync::Arc;

use crate::normalize::is_toc_line;

/// One heading and the text under it (until the next heading of the same or a higher level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1 = 第X部分, 2 = 一、, 3 = （一）, 4 = 1. / 1、, 5 = （1）.
    pub level: u8,
    /// The numbering as written (`一、`, `(二)`, `7、`), shared with the document's
    /// list of headings rather than copied into it.
    pub marker: Arc<str>,
    /// The heading text after the marker, shared likewise.
    pub title: Arc<str>,
    /// Byte range in the normalised text: from the heading line to the end of the section.
    pub start: usize,
    pub end: usize,
    /// Index of the enclosing section.
    pub parent: Option<usize>,
}

/// 一二三四五六七八九十百零〇: a `match`, not a search of a string of them (this runs on
/// the first characters of every line, several times).
fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇'
    )
}

/// The value of a Chinese digit 零 to 九 (a `match`, not a search of a string of them).
fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_number(s: &str) -> Option<u32> {
    let mut total = 0;
    let mut current = 0;
    for c in s.chars() {
        let digit = chinese_digit(c);
        match (c, digit) {
            (_, Some(d)) => current = d,
            ('〇', None) => current = 0,
            ('十', None) => {
                total += current.max(1) * 10;
                current = 0;
            }
            ('百', None) => {
                total += current.max(1) * 100;
                current = 0;
            }
            _ => return None,
        }
    }
    Some(total + current)
}

/// The heading marker a line starts with: its level and numeric value.
pub fn heading_marker(line: &str) -> Option<(u8, u32)> {
    marker_len(line).map(|(level, n, _)| (level, n))
}

/// The words after the heading marker `line` starts with (`因公出国(境)费用。` of
/// `(一)因公出国(境)费用。`), if it starts with one.
pub fn heading_title(line: &str) -> Option<&str> {
    marker_len(line).and_then(|(_, _, len)| line.get(len..))
}

/// Level, number and byte length of the heading marker at the start of `line`.
fn marker_len(line: &str) -> Option<(u8, u32, usize)> {
    let is_cn = is_chinese_numeral;
    // Every marker starts with `第`, a numeral, `(` or a digit: one character turns most
    // lines away (this runs for every line, and again for many in extraction).
    let first = line.chars().next()?;
    // One branch per first character (`第`, `(`, a digit or a numeral): the character
    // is decoded once, not once per kind of marker tried.
    match first {
        '第' => {
            let rest = line.get('第'.len_utf8()..)?;
            let n = prefix_while(rest, |c| is_cn(c) || c.is_ascii_digit());
            if !n.is_empty() && rest[n.len()..].starts_with("部分") {
                let value = chinese_number(n).or_else(|| n.parse().ok())?;
                return Some((1, value, '第'.len_utf8() + n.len() + "部分".len()));
            }
            None
        }
        '(' => {
            let rest = line.get(1..)?;
            let cn = prefix_while(rest, is_cn);
            if !cn.is_empty() && rest[cn.len()..].starts_with(')') {
                return Some((3, chinese_number(cn)?, 1 + cn.len() + 1));
            }
            let digits = ascii_digits(rest);
            if !digits.is_empty() && digits.len() <= 2 && rest[digits.len()..].starts_with(')') {
                return Some((5, digits.parse().ok()?, 1 + digits.len() + 1));
            }
            None
        }
        c if c.is_ascii_digit() => {
            let digits = ascii_digits(line);
            if digits.len() > 2 {
                return None;
            }
            let rest = &line[digits.len()..];
            let sep = rest.chars().next()?;
            let after = &rest[sep.len_utf8()..];
            let ok = match sep {
                '、' => true,
                // `1.5万元` is a number, but `4.2022年中央…` is item 4 about 2022.
                '.' => !after.starts_with(|c: char| c.is_ascii_digit()) || starts_with_year(after),
                _ => false,
            };
            if ok {
                return Some((4, digits.parse().ok()?, digits.len() + sep.len_utf8()));
            }
            None
        }
        c if is_cn(c) => {
            let cn = prefix_while(line, is_cn);
            let rest = &line[cn.len()..];
            if rest.starts_with('、')
                || (rest.starts_with('.') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()))
            {
                let sep = rest.chars().next().map_or(0, char::len_utf8);
                return Some((2, chinese_number(cn)?, cn.len() + sep));
            }
            None
        }
        _ => None,
    }
}

/// The longest prefix of `s` whose characters all satisfy `keep` (a slice, not a copy:
/// this runs several times for every line).
fn prefix_while(s: &str, keep: impl Fn(char) -> bool) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or(s)
}

/// The ASCII digits `s` starts with, counted byte by byte.
fn ascii_digits(s: &str) -> &str {
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    s.get(..end).unwrap_or(s)
}

fn starts_with_year(s: &str) -> bool {
    s.len() > 4 && s.as_bytes().iter().take(4).all(u8::is_ascii_digit) && s[4..].starts_with('年')
}

/// Words a section title is made of, as opposed to a list item that happens to be numbered.
fn looks_like_title(title: &str) -> bool {
    title.chars().count() <= 40
        && crate::amount::scan(title)
            .iter()
            .all(|t| t.amount.unit.is_none())
        && [
            "情况", "说明", "概况", "解释", "附件", "职能", "职责", "设置",
        ]
        .iter()
        .any(|w| title.contains(w))
}

/// Build the section tree of a normalised text.
pub fn segment(text: &str) -> Vec<Section> {
    // Lines found with `memchr`, not collected: only a heading looks past its own line.
    sections(text, memchr::memchr_iter(b'\n', text.as_bytes()))
}

/// [`segment`] of a normalised text, over the lines normalisation wrote: they are not
/// searched for again.
pub fn segment_normalized(normalized: &crate::normalize::Normalized) -> Vec<Section> {
    let breaks = normalized.line_starts().iter().skip(1).map(|&s| s - 1);
    sections(&normalized.text, breaks)
}

/// The section tree of `text`, whose line breaks are at `breaks`, in order.
fn sections(text: &str, breaks: impl Iterator<Item = usize>) -> Vec<Section> {
    // Room for a heading every 256 bytes, more than most texts have: the tree is not
    // grown (and copied) a doubling at a time.
    let mut sections: Vec<Section> = Vec::with_capacity(text.len() / 256);
    let mut open: Vec<usize> = Vec::new();
    let mut last_level2: Option<u32> = None;
    let ends = breaks.chain(std::iter::once(text.len()));
    let mut next_line = 0;
    for end in ends {
        let line_start = next_line;
        next_line = end + 1;
        let line = crate::normalize::trim_start(text.get(line_start..end).unwrap_or_default());
        // The marker first: it turns away most lines with one character.
        let Some((mut level, number, len)) = marker_len(line) else {
            continue;
        };
        if is_toc_line(line) {
            continue;
        }
        let marker = &line[..len];
        let mut title = crate::normalize::trim(&line[len..]);
        // A misnumbered level-2 heading: `7、 财政拨款三公经费…` right after `六、`.
        if level == 4 && last_level2.is_some_and(|n| n + 1 == number) && looks_like_title(title) {
            level = 2;
        }
        if level == 2 {
            last_level2 = Some(number);
        }
        if level == 1 {
            last_level2 = None;
            if title.is_empty() {
                // `第一部分` alone on its line: the title is on the next non-empty line.
                if let Some(next) = text
                    .get(next_line..)
                    .unwrap_or_default()
                    .split('\n')
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    && marker_len(next).is_none()
                    && next.chars().count() <= 40
                {
                    title = next;
                }
            }
        }
        // Close sections of the same or a deeper level. The open sections form a chain
        // of strictly rising levels, kept as a stack: linear time however many headings.
        while let Some(&top) = open.last() {
            match sections.get_mut(top) {
                Some(s) if s.level >= level => {
                    s.end = line_start;
                    open.pop();
                }
                _ => break,
            }
        }
        let parent = open.last().copied();
        open.push(sections.len());
        sections.push(Section {
            level,
            marker: Arc::from(marker),
            title: heading_of(title),
            start: line_start,
            end: usize::MAX,
            parent,
        });
    }
    for s in sections.iter_mut() {
        if s.end == usize::MAX {
            s.end = text.len();
        }
    }
    sections
}

/// The innermost section containing byte `offset`, if any.
///
/// Sections are in order of their start and nest, so the innermost one containing
/// `offset` is the last one starting at or before it, or one of its ancestors: a binary
/// search and a walk up at most five levels.
pub fn innermost(sections: &[Section], offset: usize) -> Option<usize> {
    innermost_of_started(
        sections,
        offset,
        sections.partition_point(|s| s.start <= offset),
    )
}

/// [`innermost`], given how many sections start at or before `offset`.
fn innermost_of_started(sections: &[Section], offset: usize, started: usize) -> Option<usize> {
    let mut at = Some(started.checked_sub(1)?);
    while let Some(i) = at {
        let s = sections.get(i)?;
        if s.start <= offset && offset < s.end {
            return Some(i);
        }
        at = s.parent;
    }
    None
}

/// Innermost sections of offsets met in text order (the figures of a document), each found
/// by stepping on from the one before: the headings between them are passed once, where
/// [`innermost`] searches all sections for every offset. An offset before the previous
/// one is searched for as by `innermost`.
#[derive(Debug, Clone)]
pub struct SectionCursor<'a> {
    sections: &'a [Section],
    /// How many sections start at or before the last offset placed.
    started: usize,
}

impl<'a> SectionCursor<'a> {
    /// A cursor at the start of the text.
    pub fn new(sections: &'a [Section]) -> Self {
        SectionCursor {
            sections,
            started: 0,
        }
    }

    /// As [`innermost`].
    pub fn innermost(&mut self, offset: usize) -> Option<usize> {
        self.started =
            crate::ordered::count_at_or_before(self.sections, |s| s.start, self.started, offset);
        innermost_of_started(self.sections, offset, self.started)
    }
}

/// The longest heading title kept, in bytes (100 Chinese characters): a numbered line
/// with no sentence end or colon this early is a paragraph (or a whole file on one line)
/// that starts with a number, and each figure under it carries its title.
pub const MAX_TITLE_BYTES: usize = 300;

/// The heading a numbered line holds. Many are run-in: the paragraph goes on after the
/// heading on the same line (`公务接待费支出0.25万元,完成预算100%。公务接待费…`,
/// `机关运行经费:是指…`, `(1)医保基金收支情况。共支付…`). The heading ends at the first
/// sentence end (`。` `;` `!` `?`) or colon outside brackets and quotes; a line with none
/// within [`MAX_TITLE_BYTES`] is cut there (at a character boundary), with an ellipsis.
/// A line that starts with one keeps its text as written.
fn heading_of(title: &str) -> Arc<str> {
    let bound = title.floor_char_boundary(MAX_TITLE_BYTES);
    let head = title.get(..bound).unwrap_or_default();
    // Titles are half the bytes of some texts: the characters looked for are found a
    // block of bytes at a time, not decoded one by one.
    let mut marks = crate::bytescan::Flagged::new(head.as_bytes(), may_end_or_nest);
    let mut depth = 0u32;
    let mut at = 0;
    loop {
        let mark = marks.first_from(at);
        let Some(c) = head.get(mark..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        match c {
            '(' | '（' | '“' | '‘' | '《' | '[' | '【' | '「' => depth += 1,
            ')' | '）' | '”' | '’' | '》' | ']' | '】' | '」' => {
                depth = depth.saturating_sub(1)
            }
            '。' | ';' | '；' | '!' | '！' | '?' | '？' | ':' | '：' if depth == 0 && mark > 0 =>
            {
                return Arc::from(crate::normalize::trim_end(&head[..mark]));
            }
            _ => {}
        }
        at = mark + c.len_utf8();
    }
    if bound < title.len() {
        return Arc::from(format!("{head}…"));
    }
    Arc::from(title)
}

/// 1 for a byte that may start one of the characters [`heading_of`] looks for: the ASCII
/// brackets and sentence ends, `“”‘’` (E2 80 …), `。《》「」【】` (E3 80 …, not the
/// frequent `、`) and the full-width forms (EF BC …). Branch-free, for
/// [`Flagged`](crate::bytescan::Flagged).
fn may_end_or_nest(b: u8, next: u8, after: u8) -> u8 {
    let ascii = u8::from(b == b'(')
        | u8::from(b == b')')
        | u8::from(b == b'[')
        | u8::from(b == b']')
        | u8::from(b == b';')
        | u8::from(b == b':')
        | u8::from(b == b'!')
        | u8::from(b == b'?');
    let wide = (u8::from(b == 0xE2) & u8::from(next == 0x80))
        | (u8::from(b == 0xE3) & u8::from(next == 0x80) & u8::from(after != 0x81))
        | (u8::from(b == 0xEF) & u8::from(next == 0xBC));
    ascii | wide
}

/// The chain of sections from the outermost to `index`.
pub fn ancestry(sections: &[Section], index: usize) -> Vec<usize> {
    let mut chain = vec![index];
    let mut at = index;
    while let Some(p) = sections.get(at).and_then(|s| s.parent) {
        chain.push(p);
        at = p;
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_every_level() {
        assert_eq!(
            heading_marker("第三部分 2022年度部门决算情况说明"),
            Some((1, 3))
        );
        assert_eq!(heading_marker("十二、关于政府采购支出说明"), Some((2, 12)));
        assert_eq!(heading_marker("(二)财政拨款支出决算结构情况"), Some((3, 2)));
        assert_eq!(heading_marker("1.贯彻落实"), Some((4, 1)));
        assert_eq!(heading_marker("7、 财政拨款三公经费"), Some((4, 7)));
        assert_eq!(heading_marker("(10)巩固扶贫成果"), Some((5, 10)));
        assert_eq!(heading_marker("1.5万元用于"), None);
        assert_eq!(heading_marker("4.2022年中央医疗服务"), Some((4, 4)));
        assert_eq!(heading_marker("2022年度收入合计"), None);
        assert_eq!(heading_marker("一般公共服务"), None);
    }

    #[test]
    fn tree_with_a_misnumbered_heading_and_toc_lines() {
        let text = "第一部分 目录.....\t1\n第三部分 情况说明\n六、基本支出情况说明\n人员经费5元。\n7、 财政拨款三公经费支出决算情况说明\n(一)总体情况说明\n1、因公出国(境)费支出决算为0万元。\n八、政府性基金预算收入支出决算情况\n";
        let s = segment(text);
        let titles: Vec<(u8, &str)> = s.iter().map(|s| (s.level, &*s.title)).collect();
        assert_eq!(
            titles,
            vec![
                (1, "情况说明"),
                (2, "基本支出情况说明"),
                (2, "财政拨款三公经费支出决算情况说明"),
                (3, "总体情况说明"),
                (4, "因公出国(境)费支出决算为0万元"),
                (2, "政府性基金预算收入支出决算情况"),
            ]
        );
        assert_eq!(s[3].parent, Some(2));
        assert_eq!(s[2].parent, Some(0));
        let inside = text.find("因公").unwrap();
        assert_eq!(innermost(&s, inside), Some(4));
        assert_eq!(ancestry(&s, 4), vec![0, 2, 3, 4]);
    }

    /// A run-in heading is titled by its words up to the first sentence end or colon
    /// outside brackets and quotes; a line with none is cut at the bound, with an ellipsis.
    #[test]
    fn a_run_in_heading_is_titled_by_its_heading_words() {
        let long = "一".repeat(MAX_TITLE_BYTES / 3 + 5);
        let text = format!(
            "1. 机关运行经费:是指各部门的公用经费。\n\
             2. 公务接待费支出0.25万元,完成预算100%。公务接待费支出决算比2021年减少0.29万元。\n\
             3. 安排国内公务接待0批次(其中:外事接待0批次);接待人次0人。\n\
             4. “三公”经费:指部门用财政拨款安排的支出。\n\
             5. 政府采购情况。\n\
             6. :以冒号开头的行\n\
             7. 卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项):支出决算为188.16万元\n\
             8. {long}\n"
        );
        let titles: Vec<String> = segment(&text).iter().map(|s| s.title.to_string()).collect();
        let cut = format!("{}…", "一".repeat(MAX_TITLE_BYTES / 3));
        assert_eq!(
            titles,
            [
                "机关运行经费",
                "公务接待费支出0.25万元,完成预算100%",
                "安排国内公务接待0批次(其中:外事接待0批次)",
                "“三公”经费",
                "政府采购情况",
                ":以冒号开头的行",
                "卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项)",
                cut.as_str(),
            ]
        );
    }

    /// The line starts normalisation writes are where `\n`s are in the normalised text,
    /// and the tree over them is the one over the lines found again, whatever the lines
    /// joined, blanked or ended by an entity (`&#10;`).
    #[test]
    fn the_tree_over_the_lines_normalisation_wrote_is_the_same() {
        for text in [
            include_str!("../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../fixtures/003_b6464b9a7bea3343.txt"),
            include_str!("../fixtures/004_7039478323f8a84b.txt"),
            "第一部分\r\n\r\n部门概况\n一、职责\n一般行政\n\n管理事务（项）：5元。\n12\n",
            "(一)标题&#10;二、收入&#10;\n1.说明\n第二部分",
            "某局\n12\n某局\n第二部分\n某局\n",
            "",
            "\n",
            "收入",
        ] {
            let normalized = crate::normalize::normalize(text);
            let found: Vec<usize> = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', normalized.text.as_bytes()).map(|i| i + 1))
                .collect();
            assert_eq!(normalized.line_starts(), found, "{text:?}");
            assert_eq!(
                segment_normalized(&normalized),
                segment(&normalized.text),
                "{text:?}"
            );
        }
    }

    /// The cursor finds what `innermost` finds at every offset, met in order or stepping
    /// back now and then.
    #[test]
    fn the_section_cursor_finds_the_innermost_section() {
        for text in [
            include_str!("../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../fixtures/003_b6464b9a7bea3343.txt"),
            "第一部分 目录.....\t1\n第三部分 情况说明\n六、基本支出情况说明\n人员经费5元。\n7、 财政拨款三公经费支出决算情况说明\n(一)总体情况说明\n1、因公出国(境)费支出决算为0万元。\n八、政府性基金预算收入支出决算情况\n",
            "收入5元。",
            "",
        ] {
            let s = segment(text);
            let len = text.len();
            let mut cursor = SectionCursor::new(&s);
            for offset in 0..=len + 1 {
                assert_eq!(cursor.innermost(offset), innermost(&s, offset), "{offset}");
            }
            let mut cursor = SectionCursor::new(&s);
            for at in 0..=len + 1 {
                for offset in [at, at.saturating_sub(40), at.saturating_sub(3), len, at] {
                    assert_eq!(
                        cursor.innermost(offset),
                        innermost(&s, offset),
                        "{offset} after {at}"
                    );
                }
            }
        }
    }
}
