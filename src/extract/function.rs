//! The functional classification (功能分类): classes (类), sections (款) and items (项).
//!
//! Owns the recognition of function lines — `社会保障和就业支出(类208)…(项2080101)`,
//! `2080109社会保障和就业支出—…—社会保险经办机构支出20,000元`, `1.一般公共服务(类)支出11,000元`,
//! `住房保障支出24.77万元` inside a list of classes — with their names, codes and amounts,
//! and the runs of such lines that break a total down.

use std::sync::LazyLock;

use super::scan::{Mention, Scanned};
use super::words::{FULL_STOP, LazyWordList, WordList};
use crate::model::{FunctionLevel, Role};

/// The classes of the general public budget's functional classification, with their
/// codes. Older names are kept beside current ones.
pub const CLASSES: &[(&str, &str)] = &[
    ("一般公共服务", "201"),
    ("外交", "202"),
    ("国防", "203"),
    ("公共安全", "204"),
    ("教育", "205"),
    ("科学技术", "206"),
    ("文化旅游体育与传媒", "207"),
    ("文化体育与传媒", "207"),
    ("社会保障和就业", "208"),
    ("社会保险基金", "209"),
    ("卫生健康", "210"),
    ("医疗卫生与计划生育", "210"),
    ("节能环保", "211"),
    ("城乡社区", "212"),
    ("农林水", "213"),
    ("交通运输", "214"),
    ("资源勘探工业信息等", "215"),
    ("资源勘探信息等", "215"),
    ("商业服务业等", "216"),
    ("金融", "217"),
    ("援助其他地区", "219"),
    ("自然资源海洋气象等", "220"),
    ("国土海洋气象等", "220"),
    ("住房保障", "221"),
    ("粮油物资储备", "222"),
    ("国有资本经营预算", "223"),
    ("灾害防治及应急管理", "224"),
    ("预备费", "227"),
    ("其他", "229"),
    ("转移性", "230"),
    ("债务还本", "231"),
    ("债务付息", "232"),
    ("债务发行费用", "233"),
    ("抗疫特别国债安排", "234"),
];

/// The names of [`CLASSES`] and [`SECTIONS_LISTED_AS_CLASSES`], to tell at once that a
/// label names none.
static CLASS_NAMES: LazyWordList = LazyLock::new(|| {
    let names: Vec<&str> = CLASSES
        .iter()
        .chain(SECTIONS_LISTED_AS_CLASSES)
        .map(|(name, _)| *name)
        .collect();
    // Asked only for labels not met before (see `may_name_in_label`, read with the rest of
    // a label and kept with it).
    WordList::rarely_asked(&names)
});

/// Whether a figure's label may name a function line in a sentence: [`named_in_label`]
/// needs a class or listed section's name where the label's words start, and
/// [`is_year_and_amount_word`] a `年`. Most labels have neither, and are not stripped and
/// parsed. Read once per label, with what else it says (`Mention::may_name_function`).
pub(super) fn may_name_in_label(label: &str) -> bool {
    label.contains('年') || CLASS_NAMES.any_in(label)
}

/// One function line: names, code, level and the figures stated for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub level: FunctionLevel,
    pub code: Option<String>,
    /// Names as written, coarsest first.
    pub names: Vec<String>,
    /// The class code this line belongs to (written, or known from the class name).
    pub class_code: Option<String>,
    /// The class name, normalised (without 支出 / (类)).
    pub class_name: String,
    /// Indices into mentions.
    pub amount: Option<usize>,
    pub budget: Option<usize>,
    pub rate: Option<usize>,
    pub share: Option<usize>,
    /// Paragraph the line starts in (for runs).
    pub paragraph: usize,
    /// Whether the line is a paragraph of its own (a listed item) or a figure in a sentence.
    pub standalone: bool,
}

fn strip_list_marker(s: &str) -> &str {
    let mut t = crate::normalize::trim_start(s);
    loop {
        if t.is_empty() {
            return t;
        }
        let before = t;
        if let Some((_, _)) = crate::segment::heading_marker(t) {
            // Drop `1.`, `1、`, `(1)`, `(一)`.
            let end = t
                .char_indices()
                .find(|(_, c)| matches!(c, '.' | '、' | ')'))
                .map(|(i, c)| i + c.len_utf8());
            if let Some(e) = end {
                t = crate::normalize::trim_start(&t[e..]);
            }
        }
        t = t.trim_start_matches(['[', ']', ' ']);
        // `t` is a suffix of `before`: the same text when as long (no comparison of bytes).
        if t.len() == before.len() {
            return t;
        }
    }
}

/// Whether `text` may open with function names as [`parse_names`] reads them: it has a
/// level marker (`(类`, `(款`, `(项`), a code in parentheses (`(2050202)`) or a code before
/// a name (`2080109社会…`), wherever a list marker may have been stripped. (What
/// [`first_clause`] tells of a paragraph's first clause in its one pass, and works out by
/// this definition, with searches, for a first clause too long for that pass.)
fn may_name_functions(text: &str) -> bool {
    let bytes = text.as_bytes();
    let marked = memchr::memchr_iter(b'(', bytes).any(|open| opens_marked_name(text, open));
    marked || has_code_before_name(text)
}

/// Whether the `(` at `open` of `text` opens a level marker (`(类`, `(款`, `(项`) or a code in
/// parentheses (`(2050202)`).
fn opens_marked_name(text: &str, open: usize) -> bool {
    let inside = text.get(open + 1..).unwrap_or("");
    let run = digit_run(inside.as_bytes());
    inside.starts_with(['类', '款', '项'])
        || (matches!(run, 3 | 5 | 7) && inside.as_bytes().get(run) == Some(&b')'))
}

/// How many ASCII digits `bytes` starts with.
fn digit_run(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Whether `text` has a run of exactly 3, 5 or 7 digits followed by a name, where the words
/// left after stripping a list marker may start (at the start, or after a space, `.`, `、`,
/// `)`, `[` or `]`): as [`parse_names`] reads a leading code.
fn has_code_before_name(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(start) = crate::amount::next_digit(bytes, i) {
        let run = bytes.get(start..).map_or(0, digit_run);
        i = start + run;
        if code_before_name(text, start, run) {
            return true;
        }
    }
    false
}

/// Whether the run of `run` digits at `start` of `text` is a code before a name (see
/// `has_code_before_name`). The words after it are read up to a `:` (which ends a first
/// clause, where [`parse_names`] reads past one): the same answer for a first clause and for
/// the text it starts.
fn code_before_name(text: &str, start: usize, run: usize) -> bool {
    // The run's length first: most runs (years, amounts) are not codes.
    if !matches!(run, 3 | 5 | 7) {
        return false;
    }
    let may_start = text
        .get(..start)
        .and_then(|before| before.chars().next_back())
        .is_none_or(|c| c.is_whitespace() || matches!(c, '.' | '、' | ')' | '[' | ']'));
    may_start
        && text
            .get(start + run..)
            .unwrap_or("")
            .trim_start_matches(['-', '—', '–', ' '])
            .starts_with(crate::amount::is_cjk)
}

/// Where the first clause of a paragraph ends (at its first `:` `,` `;` or `。`, or its end:
/// [`super::words::first_clause_end`]), and whether that clause may open with function
/// names (`may_name_functions` of it). One pass over its characters (most are Chinese,
/// stepped over whole) rather than four searches, each with its setup, for the breaks, the
/// full stop, the `(`s and the digits: this runs for every paragraph.
///
/// What follows a `(` or a digit run is read in the paragraph, not the clause: a marker or
/// code holds no break, and the words after a code are read up to one (see
/// [`code_before_name`]), so the answers are those for the clause.
///
/// A first clause runs a few dozen bytes; one still going after [`CLAUSE_WALK`] bytes (a
/// paragraph with no break at all, such as a line of a megabyte of `%`) is left to the
/// vectorised searches, which cost less than a step a byte over a long run.
fn first_clause(body: &str) -> (usize, bool) {
    let bytes = body.as_bytes();
    let walked = bytes.get(..CLAUSE_WALK).unwrap_or(bytes);
    let step: &[u8; 256] = &CLAUSE_STEP;
    let mut may_name = false;
    let mut i = 0;
    while let Some(&b) = walked.get(i) {
        // Most characters: stepped over by a look-up of their width.
        let width = step.get(usize::from(b)).copied().unwrap_or(1);
        if width != 0 {
            i += usize::from(width);
            continue;
        }
        match b {
            b':' | b',' | b';' => return (i, may_name),
            b'(' => {
                may_name = may_name || opens_marked_name(body, i);
                i += 1;
            }
            b'0'..=b'9' => {
                let run = bytes.get(i..).map_or(1, digit_run);
                may_name = may_name || code_before_name(body, i, run);
                i += run;
            }
            // `。` (E3 80 82): its first byte begins a character only, so it is found here.
            _ if bytes.get(i..i + FULL_STOP.len()) == Some(FULL_STOP) => return (i, may_name),
            _ => i += 3,
        }
    }
    if walked.len() < bytes.len() {
        return first_clause_by_searches(body);
    }
    (bytes.len(), may_name)
}

/// [`first_clause`] of a paragraph whose first clause outruns the walk, by the searches it
/// is defined by; out of line, so that the walk stays small.
#[cold]
#[inline(never)]
fn first_clause_by_searches(body: &str) -> (usize, bool) {
    let end = super::words::first_clause_end(body);
    (end, may_name_functions(body.get(..end).unwrap_or(body)))
}

/// How far [`first_clause`] walks before it leaves a clause to the searches.
const CLAUSE_WALK: usize = 512;

/// How far [`first_clause`] steps over a character, by its first byte (a table: the
/// `match` it is made from costs a chain of comparisons a byte).
static CLAUSE_STEP: LazyLock<[u8; 256]> =
    LazyLock::new(|| std::array::from_fn(|b| u8::try_from(b).map_or(1, clause_step)));

/// How far [`first_clause`] steps over a character by its first byte: its width, or 0 for
/// the bytes it looks at (`:` `,` `;` `(`, digits, and the first byte of `。`).
fn clause_step(first: u8) -> u8 {
    match first {
        b'0'..=b'9' | b':' | b',' | b';' | b'(' | 0xE3 => 0,
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

fn starts_with_code(s: &str) -> bool {
    let digits = s
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    matches!(digits, 3 | 5 | 7)
}

/// `text` without the copies of `word` it starts with (`trim_start_matches` with a word
/// sets up a substring search each time; this runs for every figure).
fn trim_word<'a>(mut text: &'a str, word: &str) -> &'a str {
    while let Some(rest) = text.strip_prefix(word) {
        text = rest;
    }
    text
}

/// The class a name starts with, if it is a class name.
pub fn class_of(name: &str) -> Option<(&'static str, &'static str)> {
    /// The first three bytes of each class name (its first character: every one is a CJK
    /// character of three bytes) as a number, in the order of [`CLASSES`].
    static FIRST: LazyLock<Vec<u32>> = LazyLock::new(|| {
        CLASSES
            .iter()
            .map(|(n, _)| first_three(n).unwrap_or(u32::MAX))
            .collect()
    });
    // Asked for many labels: compare numbers before whole names.
    let first = first_three(name)?;
    CLASSES
        .iter()
        .zip(FIRST.iter())
        .filter(|(_, f)| **f == first)
        .map(|(class, _)| class)
        .filter(|(n, _)| name.starts_with(n))
        .max_by_key(|(n, _)| n.len())
        .copied()
}

/// The first three bytes of `text` as a number (`None` for a shorter text).
fn first_three(text: &str) -> Option<u32> {
    let [a, b, c] = *text.as_bytes().first_chunk::<3>()?;
    Some(u32::from_be_bytes([0, a, b, c]))
}

fn normalise_name(name: &str) -> String {
    let n = crate::normalize::trim(name);
    let n = n.split('(').next().unwrap_or(n);
    let n = n.strip_suffix("支出").unwrap_or(n);
    crate::normalize::trim(n).to_owned()
}

/// Parse `社会保障和就业支出(类208)人力资源和社会保障管理事务(款20801)行政运行(项2080101)`
/// and `2080109社会保障和就业支出—人力资源…—社会保险经办机构支出`.
///
/// `may_name_functions` (and so [`first_clause`]) must stay true of every text this parses:
/// a new way of naming needs its pre-check there too.
fn parse_names(text: &str) -> Option<(FunctionLevel, Option<String>, Vec<String>)> {
    let t = strip_list_marker(text);
    // Leading code: 3, 5 or 7 digits straight before the name.
    let digits = t.get(..digit_run(t.as_bytes())).unwrap_or("");
    // `2010301-行政运行`, `2010301 行政运行`, `2080109社会保障和就业支出—…`.
    let after_code = t
        .get(digits.len()..)
        .unwrap_or("")
        .trim_start_matches(['-', '—', '–', ' ', ':']);
    if matches!(digits.len(), 3 | 5 | 7)
        && after_code.starts_with(|c: char| crate::amount::is_cjk(c))
    {
        let rest = after_code;
        let names: Vec<String> = rest
            .split(['—', '-'])
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let level = match digits.len() {
            3 => FunctionLevel::Class,
            5 => FunctionLevel::Section,
            _ => FunctionLevel::Item,
        };
        return Some((level, Some(digits.to_owned()), names));
    }
    // Marked names: `名(类…)名(款…)名(项…)`.
    let mut names = Vec::new();
    let mut level = None;
    let mut code = None;
    let mut rest = t;
    for (marker, lvl) in [
        ('类', FunctionLevel::Class),
        ('款', FunctionLevel::Section),
        ('项', FunctionLevel::Item),
    ] {
        if let Some(p) = find_level_marker(rest, marker) {
            let name = crate::normalize::trim(&rest[..p]);
            let after = &rest[p + '('.len_utf8() + marker.len_utf8()..];
            let close = after.find(')')?;
            let inner = after[..close].trim();
            if !name.is_empty() {
                names.push(name.to_owned());
            }
            if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
                code = Some(inner.to_owned());
            }
            level = Some(lvl);
            rest = &after[close + 1..];
        }
    }
    if level.is_none() {
        return name_then_code(t);
    }
    let level = level?;
    Some((level, code, names))
}

/// Where `(` and `level` (`类`, `款` or `项`) first stand in `text` (`text.find("(类")`): a
/// byte search for the `(`, rare in prose, rather than a substring search with its setup.
fn find_level_marker(text: &str, level: char) -> Option<usize> {
    memchr::memchr_iter(b'(', text.as_bytes())
        .find(|&open| text.get(open + 1..).is_some_and(|r| r.starts_with(level)))
}

/// `小学教育(2050202),2024年度决算数为…`: a name followed by its code in parentheses.
fn name_then_code(t: &str) -> Option<(FunctionLevel, Option<String>, Vec<String>)> {
    let open = t.find('(')?;
    let name = t.get(..open)?.trim();
    let rest = t.get(open + 1..)?;
    let close = rest.find(')')?;
    let code = rest.get(..close)?;
    if name.is_empty()
        || !name.chars().all(crate::amount::is_cjk)
        || !code.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let level = match code.len() {
        3 => FunctionLevel::Class,
        5 => FunctionLevel::Section,
        7 => FunctionLevel::Item,
        _ => return None,
    };
    Some((level, Some(code.to_owned()), vec![name.to_owned()]))
}

/// Find every function line.
pub fn find(text: &str, scanned: &Scanned) -> Vec<Line> {
    let mut lines = Vec::new();
    let paragraphs = &scanned.paragraphs;
    let starts = paragraph_starts(scanned);
    let starts = starts.as_deref();
    let mut pi = 0;
    while pi < paragraphs.len() {
        let Some(p) = paragraphs.get(pi) else { break };
        pi += 1;
        // Table rows and contents lines name no function lines (and are not sliced).
        if p.skipped {
            continue;
        }
        let Some(body) = text.get(p.start..p.end) else {
            break;
        };
        if crate::normalize::trim(body).is_empty() {
            continue;
        }
        // A paragraph that opens with function names.
        let (first_clause_end, may_name) = first_clause(body);
        let head = body.get(..first_clause_end).unwrap_or(body);
        // A listed line names one class, section or item; a paragraph with several class
        // figures (`一般公共服务支出(类)264.87万元,占86.05%;社会保障和就业支出(类)…`) is a
        // sentence of classes, read figure by figure below.
        let levels_in_paragraph = || {
            mentions_of(scanned, starts, pi - 1)
                .filter(|(_, m)| m.paragraph == pi - 1 && m.is_money_level())
                .count()
        };
        // Most paragraphs open with no function names, and are not parsed.
        let parsed = may_name
            .then(|| parse_names(head))
            .flatten()
            .filter(|(_, _, names)| !names.is_empty())
            .filter(|_| {
                levels_in_paragraph() <= 1
                    || crate::segment::heading_marker(body.trim_start()).is_some()
                    || starts_with_code(body)
            });
        if let Some((level, code, names)) = parsed {
            let mut figure_paragraph = pi - 1;
            let has_money = mentions_of(scanned, starts, figure_paragraph).any(|(_, m)| {
                m.paragraph == figure_paragraph && m.is_money() && m.role != Role::Share
            });
            // Names alone on their line: the figures are on the next line.
            if !has_money
                && let Some(next) = paragraphs.get(pi)
                && let Some(next_body) = text.get(next.start..next.end)
                && parse_names(next_body).is_none()
                && crate::segment::heading_marker(next_body.trim_start())
                    .is_none_or(|(l, _)| l >= 4)
            {
                figure_paragraph = pi;
                pi += 1;
            }
            let class_name = names.first().map(|n| normalise_name(n)).unwrap_or_default();
            let class_code = code
                .as_ref()
                .map(|c| c.chars().take(3).collect())
                .or_else(|| class_of(&class_name).map(|(_, c)| c.to_owned()));
            let mut line = Line {
                level,
                code,
                names,
                class_code,
                class_name,
                amount: None,
                budget: None,
                rate: None,
                share: None,
                paragraph: pi - 1,
                standalone: true,
            };
            attach_figures(
                &mut line,
                mentions_of(scanned, starts, figure_paragraph)
                    .filter(|(_, m)| m.paragraph == figure_paragraph),
            );
            lines.push(line);
            continue;
        }
        // Class figures inside a sentence: `社会保障和就业支出(类)支出290.22万元,占52.45%`.
        for (i, m) in mentions_of(scanned, starts, pi - 1) {
            if m.paragraph != pi - 1 || !m.is_money_level() || !m.may_name_function {
                continue;
            }
            // `包括一般公共服务支出…`, `、公共安全支出…`, `1.“一般公共服务支出”科目…`.
            let label = m.label.trim_start_matches(['、', ',', ';']);
            let label = strip_list_marker(
                trim_word(trim_word(label, "其中"), "包括").trim_start_matches(':'),
            );
            let label = strip_list_marker(label).trim_start_matches(['“', '"', '"']);
            let share = scanned
                .mentions
                .get(i + 1)
                .filter(|n| n.sentence == m.sentence && n.role == Role::Share)
                .map(|_| i + 1);
            let line = |level, code: Option<&str>, name: &str, class_code: &str| Line {
                level,
                code: code.map(str::to_owned),
                names: vec![name.to_owned()],
                class_code: Some(class_code.to_owned()),
                class_name: normalise_name(name),
                amount: Some(i),
                budget: None,
                rate: None,
                share,
                paragraph: pi - 1,
                standalone: false,
            };
            if let Some((level, name, code, class_code)) = named_in_label(label) {
                let mut found = line(level, code, name, class_code);
                if let Some(n) = found.names.first_mut() {
                    *n = label.trim_end_matches(['为', ' ']).to_owned();
                }
                lines.push(found);
            } else if is_year_and_amount_word(label)
                && let Some((code, name)) = coded_name_before(text, m.start, label)
            {
                // `项级支出科目为2014099其他信访事务支出,2026年预算数为3,623.98万元`.
                let level = match code.len() {
                    3 => FunctionLevel::Class,
                    5 => FunctionLevel::Section,
                    _ => FunctionLevel::Item,
                };
                lines.push(line(level, Some(code), name, code.get(..3).unwrap_or(code)));
            }
        }
    }
    lines
}

/// Where the mentions of each paragraph start among the mentions, with one more entry for
/// where the last ends: paragraph `p`'s are `starts[p]..starts[p + 1]`. Made in one walk,
/// when mentions are in paragraph order (as the scan makes them); `None` otherwise.
fn paragraph_starts(scanned: &Scanned) -> Option<Vec<usize>> {
    let mut starts = Vec::with_capacity(scanned.paragraphs.len() + 1);
    for (i, m) in scanned.mentions.iter().enumerate() {
        // A mention of a paragraph before the last one seen: not in paragraph order.
        if m.paragraph + 1 < starts.len() {
            return None;
        }
        while starts.len() <= m.paragraph {
            starts.push(i);
        }
    }
    while starts.len() <= scanned.paragraphs.len() {
        starts.push(scanned.mentions.len());
    }
    Some(starts)
}

/// The mentions of paragraph `p` with their indices: a contiguous run looked up in
/// [`paragraph_starts`], else all of them (callers still filter by paragraph). Scanning
/// every mention for every paragraph was quadratic in the length of a document.
fn mentions_of<'a>(
    scanned: &'a Scanned<'a>,
    starts: Option<&[usize]>,
    p: usize,
) -> impl Iterator<Item = (usize, &'a Mention<'a>)> {
    let all = &scanned.mentions;
    let (a, b) = match starts {
        Some(starts) => {
            let at = |q: usize| starts.get(q).copied().unwrap_or(all.len());
            (at(p), at(p + 1))
        }
        None => (0, all.len()),
    };
    all.get(a..b)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(move |(k, m)| (a + k, m))
}

/// Sections (款) that disclosures list beside classes, standing in for their class (a
/// university's 住房保障 is all 住房改革支出): name and code.
const SECTIONS_LISTED_AS_CLASSES: &[(&str, &str)] = &[("住房改革", "22102")];

/// What an in-sentence label names: a class (`一般公共服务支出(类)`, `教育支出预算数为`) or a
/// section listed as one (`住房改革支出预算数为`), with level, name as matched, written code
/// and class code. Only qualifying words may follow the name. (A label this names must pass
/// [`may_name_in_label`].)
fn named_in_label(
    label: &str,
) -> Option<(
    FunctionLevel,
    &'static str,
    Option<&'static str>,
    &'static str,
)> {
    let (level, name, code, class_code) = match class_of(label) {
        Some((name, code)) => (FunctionLevel::Class, name, None, code),
        None => {
            let (name, code) = SECTIONS_LISTED_AS_CLASSES
                .iter()
                .find(|(name, _)| label.starts_with(name))?;
            (FunctionLevel::Section, *name, Some(*code), code.get(..3)?)
        }
    };
    let rest = label.get(name.len()..)?.trim();
    let rest = rest.strip_prefix("支出").unwrap_or(rest);
    let rest = rest.strip_prefix("(类)").unwrap_or(rest);
    let rest = match rest.strip_prefix("(类") {
        Some(r) => r.split_once(')').map_or(r, |(_, after)| after),
        None => rest,
    };
    let rest = rest.strip_prefix("支出").unwrap_or(rest);
    let rest = rest
        .trim_start_matches(['”', '"'])
        .trim_start_matches("科目");
    is_amount_word(rest.trim()).then_some((level, name, code, class_code))
}

/// The words that may stand between a name and its amount: `为`, `决算`, `预算数为`….
fn is_amount_word(words: &str) -> bool {
    matches!(
        words,
        "" | "为"
            | "决算"
            | "决算为"
            | "支出决算"
            | "支出决算为"
            | "预算"
            | "预算为"
            | "预算数"
            | "预算数为"
            | "决算数"
            | "决算数为"
    )
}

/// `2026年预算数为`: a label that is only a year and an amount word, naming nothing itself.
/// (A label this accepts must pass [`may_name_in_label`].)
fn is_year_and_amount_word(label: &str) -> bool {
    let words = label.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    words.len() < label.len()
        && words
            .strip_prefix("年度")
            .or_else(|| words.strip_prefix('年'))
            .is_some_and(|w| !w.is_empty() && is_amount_word(w))
}

/// The coded function name that ends the clause before a figure's clause:
/// `…科目为2014099其他信访事务支出,` before `2026年预算数为3,623.98万元`. Returns the code
/// (3, 5 or 7 digits) and the name.
fn coded_name_before<'t>(
    text: &'t str,
    figure_start: usize,
    label: &str,
) -> Option<(&'t str, &'t str)> {
    let before = text.get(..figure_start)?;
    let clause_start = before.rfind(label)?;
    let before = before.get(..clause_start)?.trim_end().strip_suffix(',')?;
    let clause = before
        .rfind([',', '。', ';', ':'])
        .and_then(|i| before.get(i + 1..))
        .unwrap_or(before);
    let code_end = clause.rfind(|c: char| c.is_ascii_digit())? + 1;
    let code_start = clause
        .get(..code_end)?
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .len();
    let code = clause.get(code_start..code_end)?;
    let name = clause.get(code_end..)?.trim();
    (matches!(code.len(), 3 | 5 | 7)
        && name.ends_with("支出")
        && name.chars().all(crate::amount::is_cjk))
    .then_some((code, name))
}

/// The first level, budget, rate and share among `figures` (indices and mentions).
fn attach_figures<'a>(line: &mut Line, figures: impl Iterator<Item = (usize, &'a Mention<'a>)>) {
    for (i, m) in figures {
        if m.nested {
            continue;
        }
        match m.role {
            Role::Level if m.is_money() && line.amount.is_none() => line.amount = Some(i),
            Role::Budget if line.budget.is_none() => line.budget = Some(i),
            Role::Rate if line.rate.is_none() => line.rate = Some(i),
            Role::Share if line.share.is_none() => line.share = Some(i),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::scan::scan;

    #[test]
    fn names_and_codes_in_both_styles() {
        let (level, code, names) = parse_names(
            "1、社会保障和就业支出(类208)人力资源和社会保障管理事务(款20801)行政运行(项2080101)。",
        )
        .unwrap();
        assert_eq!(level, FunctionLevel::Item);
        assert_eq!(code.as_deref(), Some("2080101"));
        assert_eq!(
            names,
            [
                "社会保障和就业支出",
                "人力资源和社会保障管理事务",
                "行政运行"
            ]
        );
        let (level, code, names) = parse_names(
            "2080109社会保障和就业支出—人力资源和社会保障管理事务—社会保险经办机构支出20,000元",
        )
        .unwrap();
        assert_eq!(level, FunctionLevel::Item);
        assert_eq!(code.as_deref(), Some("2080109"));
        assert_eq!(names.len(), 3);
        assert!(parse_names("一、收入决算情况说明").is_none());
        let (level, code, names) =
            parse_names("1.小学教育(2050202),2024年度决算数为8,627.17").unwrap();
        assert_eq!(
            (level, code.as_deref(), names[0].as_str()),
            (FunctionLevel::Item, Some("2050202"), "小学教育")
        );
        assert!(parse_names("1.收入(含教育收费)").is_none());
    }

    /// The pre-checks skip only what the full reading would find nothing in, on every
    /// line and label of the fixtures.
    #[test]
    fn pre_checks_pass_everything_the_full_reading_names() {
        for text in crate::FIXTURES {
            let text = crate::normalize::normalize(text).text;
            for line in text.lines() {
                let head = line
                    .get(..super::super::words::first_clause_end(line))
                    .unwrap();
                if parse_names(head).is_some() {
                    assert!(may_name_functions(head), "{head}");
                }
            }
            for m in scan(&text).mentions {
                let label = m.label.trim_start_matches(['、', ',', ';']);
                let label = strip_list_marker(
                    trim_word(trim_word(label, "其中"), "包括").trim_start_matches(':'),
                );
                let label = strip_list_marker(label).trim_start_matches(['“', '"', '"']);
                if named_in_label(label).is_some() || is_year_and_amount_word(label) {
                    assert!(may_name_in_label(m.label), "{}", m.label);
                }
            }
        }
    }

    /// The one pass over a first clause finds where it ends and whether it may name
    /// functions as the searches over it do.
    #[test]
    fn a_first_clause_is_read_as_by_searches() {
        let fixtures = crate::FIXTURES.map(|t| crate::normalize::normalize(t).text);
        let edges = [
            "",
            "201",
            "201一般",
            "201:一般",
            "201 :一般",
            "201—一般",
            "201 - 一般,支出",
            "201,一般",
            "201。一般",
            "1.201-一般公共服务支出。",
            "收入。201一般",
            "(一)201 一般公共服务支出",
            "a201一般",
            "、201一般",
            "é201一般",
            "𠀀201一般",
            "201𠀀",
            "(",
            "(类",
            "(款",
            "a(项)",
            "(2050202)",
            "(2050202",
            "(205020)",
            "小学教育(2050202),2024年度",
            "收入(,类)",
            "收入:(类)",
            "。(类",
            "傂。(类",
            "一、二《三》傂,(类",
            "12345678行政运行",
            "201一般\r\n",
            "\t201一般",
            "\u{3000}201一般",
        ];
        // First clauses longer than the walk, left to the searches: with and without a
        // break, a marker or a code beyond the walk's limit.
        let long = "%".repeat(CLAUSE_WALK);
        let long_edges = [
            long.clone(),
            format!("{long}:201一般"),
            format!("{long}(类)"),
            format!("{long}。201一般"),
            format!("201一般{long}"),
            format!("{long} 201一般,支出"),
            format!("{}(2050202)", "一".repeat(CLAUSE_WALK / 3)),
        ];
        let edges = edges
            .iter()
            .copied()
            .chain(long_edges.iter().map(String::as_str));
        for text in fixtures.iter().flat_map(|t| t.split('\n')).chain(edges) {
            let end = crate::extract::words::first_clause_end(text);
            let head = text.get(..end).unwrap();
            assert_eq!(
                first_clause(text),
                (end, may_name_functions(head)),
                "{text}"
            );
        }
    }

    /// `class_of` compares first characters' bytes (as numbers) before names: it finds what
    /// a comparison of whole names finds.
    #[test]
    fn a_class_is_found_as_by_comparing_names() {
        assert!(
            CLASSES
                .iter()
                .all(|(n, _)| n.starts_with(crate::amount::is_cjk))
        );
        let naive = |name: &str| {
            CLASSES
                .iter()
                .filter(|(n, _)| name.starts_with(n))
                .max_by_key(|(n, _)| n.len())
                .copied()
        };
        let names = CLASSES.iter().flat_map(|(n, _)| {
            [
                n.to_string(),
                format!("{n}支出"),
                n.chars().take(1).collect(),
                n.chars().skip(1).collect(),
                format!("1{n}"),
            ]
        });
        for name in names.chain(["", "a", "ab", "一", "一般", "教", "教育"].map(String::from))
        {
            assert_eq!(class_of(&name), naive(&name), "{name}");
        }
    }

    /// The table of where each paragraph's mentions start, made in one walk over the
    /// mentions, is that of a search for each paragraph.
    #[test]
    fn paragraph_starts_are_where_each_paragraphs_mentions_start() {
        for text in [
            include_str!("../../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../../fixtures/003_b6464b9a7bea3343.txt"),
            "",
            "收入1万元。\n\n\n支出2万元,3万元。",
        ] {
            let text = crate::normalize::normalize(text).text;
            let s = scan(&text);
            let expected: Vec<usize> = (0..=s.paragraphs.len())
                .map(|p| s.mentions.partition_point(|m| m.paragraph < p))
                .collect();
            assert_eq!(paragraph_starts(&s), Some(expected));
        }
    }

    #[test]
    fn level_markers_are_found_where_str_finds_them() {
        for text in ["", "(", "(类", "a(款(类)(项", "((类", "收入(类", "(项目(项"] {
            for (level, word) in [('类', "(类"), ('款', "(款"), ('项', "(项")] {
                assert_eq!(find_level_marker(text, level), text.find(word), "{text}");
            }
        }
    }

    #[test]
    fn only_texts_with_a_code_before_a_name_may_open_with_one() {
        assert!(has_code_before_name("2080109社会保障和就业支出"));
        assert!(has_code_before_name("1.201-一般公共服务支出"));
        assert!(!has_code_before_name("2022年度收入合计8,274,739.11元"));
        assert!(!has_code_before_name("12345678行政运行"));
        assert!(!has_code_before_name("收入合计100万元"));
        assert!(has_code_before_name("(一)201 一般公共服务支出"));
        assert!(may_name_functions("社会保障和就业支出(类208)"));
        assert!(may_name_functions(
            "小学教育(2050202),2024年度决算数为8,627.17"
        ));
        assert!(!may_name_functions("(一)收入支出预算总体情况"));
        assert!(!may_name_functions("事业收入0元(含教育收费0元)"));
        for text in [
            "1、社会保障和就业支出(类208)人力资源和社会保障管理事务(款20801)行政运行(项2080101)。",
            "2080109社会保障和就业支出—人力资源和社会保障管理事务—社会保险经办机构支出20,000元",
            "1.小学教育(2050202),2024年度决算数为8,627.17",
            "(三)204-公共安全支出",
            "(一)201一般公共服务支出",
        ] {
            assert!(parse_names(text).is_some(), "{text}");
            assert!(may_name_functions(text), "{text}");
        }
    }

    #[test]
    fn names_on_one_line_figures_on_the_next() {
        let text = "1、社会保障和就业支出(类208)行政运行(项2080101)。\n年初预算为199.16万元,支出决算为199.16万元,完成年初预算的100%。\n";
        let s = scan(text);
        let lines = find(text, &s);
        assert_eq!(lines.len(), 1);
        let l = &lines[0];
        assert_eq!(l.class_code.as_deref(), Some("208"));
        assert_eq!(s.mentions[l.amount.unwrap()].label, "支出决算为");
        assert!(l.budget.is_some() || s.mentions.iter().any(|m| m.label == "年初预算为"));
        assert!(l.rate.is_some());
    }

    #[test]
    fn classes_inside_a_sentence() {
        let text = "2023年度一般公共预算财政拨款支出593.16万元,主要用于以下方面:一般公共服务(类)支出12.49万元,占2.10%;社会保障和就业支出21.94万元,占3.70%。\n";
        let s = scan(text);
        let lines = find(text, &s);
        let names: Vec<&str> = lines.iter().map(|l| l.class_name.as_str()).collect();
        assert_eq!(names, ["一般公共服务", "社会保障和就业"]);
        assert!(lines.iter().all(|l| l.share.is_some()));
    }

    #[test]
    fn classes_and_listed_sections_named_before_an_amount_word() {
        let (level, name, code, class) = named_in_label("教育支出预算数为").unwrap();
        assert_eq!(
            (level, name, code, class),
            (FunctionLevel::Class, "教育", None, "205")
        );
        let (level, name, code, class) = named_in_label("住房改革支出预算数为").unwrap();
        assert_eq!(
            (level, name, code, class),
            (FunctionLevel::Section, "住房改革", Some("22102"), "221")
        );
        assert!(named_in_label("教育支出主要用于").is_none());
        for label in ["教育支出预算数为", "住房改革支出预算数为", "2026年预算数为"]
        {
            assert!(may_name_in_label(label), "{label}");
        }
        assert!(!may_name_in_label("其中:基本支出"));
        assert!(is_year_and_amount_word("2026年预算数为"));
        assert!(is_year_and_amount_word("2024年度决算数"));
        assert!(!is_year_and_amount_word("预算数为"));
        assert!(!is_year_and_amount_word("2026年"));
    }

    #[test]
    fn a_coded_item_named_in_the_clause_before_its_amount() {
        let text = "其他信访事务方面的支出规模较大,主要是2014099其他信访事务支出,2026年预算数为3,623.98万元,占部门支出总额的22.00%。\n";
        let s = scan(text);
        let lines = find(text, &s);
        assert_eq!(lines.len(), 1, "{lines:#?}");
        let l = &lines[0];
        assert_eq!(l.level, FunctionLevel::Item);
        assert_eq!(l.code.as_deref(), Some("2014099"));
        assert_eq!(l.class_code.as_deref(), Some("201"));
        assert_eq!(l.names, ["其他信访事务支出"]);
        assert_eq!(
            s.mentions[l.amount.unwrap()].amount.value.to_string(),
            "3623.98"
        );
        // A name with no code before it is not an item.
        let text = "主要是其他信访事务支出,2026年预算数为3,623.98万元。\n";
        assert!(find(text, &scan(text)).is_empty());
    }
}
