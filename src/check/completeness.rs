//! D001: the tables and explanations a disclosure must contain.
//!
//! Owns the list of required parts for each kind of document (budget 预算, final account
//! 决算) and the names they go by ([`FINAL_ACCOUNT_PARTS`], [`BUDGET_PARTS`],
//! [`EXPLANATIONS`]: the one place to add an alias). Reads the text as written, line by line
//! (normalisation joins a table title to the rows around it, and drops image markers), and
//! the section tree for the 名词解释 section; knows nothing of figures.
//!
//! How a part is found:
//! - a **table** is present when a line outside the table of contents reads as its title: the
//!   name (any alias) with nothing after it but a unit or issuer note (`单位：万元`, `部门：…`,
//!   `（按功能分类）`), not preceded by words that make it another table (`财政拨款` in front
//!   of `收支预算总表`), and followed by a table (a unit note or TAB rows within three lines);
//! - an **explanation** is present when its subject (`三公`, `机关运行经费`, `政府采购`,
//!   `国有资产`) is written outside the table of contents, the table titles and the 名词解释
//!   section (which only defines the words); 名词解释 itself is present when its heading is;
//! - a part is **declared empty** when a sentence names its subject with `本表无数据`, `空表`,
//!   `没有`, `无` or `未` (`本单位无政府性基金预算安排的支出`): no finding then;
//! - tables **published as an attachment** count as present: when the document says so
//!   (`详见附件`, `…公开表附后`, `附件：…部门预算公开表`, a `附表` part) or shows them as images
//!   under the tables heading (`[image: …]`), yujue cannot look inside them, and the
//!   publisher has not left them out. The explanations are still required.

use std::sync::{LazyLock, OnceLock};

use memchr::memmem::Finder;
use regex::Regex;

use crate::extract::Extraction;
use crate::model::{DocumentKind, Finding, Severity, Span};
use crate::normalize::is_toc_line;
use crate::segment::heading_marker;
use crate::source::Source;

crate::declare_rule! {
    /// ## What it checks
    /// That a disclosure contains every part its kind requires. A final account (部门决算)
    /// must hold nine tables — 收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
    /// 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表, 财政拨款“三公”经费支出决算表,
    /// 政府性基金预算财政拨款收入支出决算表, 国有资本经营预算财政拨款支出决算表; a budget (部门预算) the
    /// nine matching budget tables (收支预算总表, 收入预算表, 支出预算表, 财政拨款收支预算总表,
    /// 一般公共预算支出表, 一般公共预算基本支出表, “三公”经费支出预算表, 政府性基金预算支出表,
    /// 国有资本经营预算支出表). Both must explain the three official expenses (三公经费), the
    /// administrative running costs (机关运行经费), government procurement (政府采购) and state
    /// assets (国有资产), and define their terms (名词解释). Table names vary by province and
    /// year; every known alias is accepted.
    ///
    /// A part that the document declares empty (`本表无数据`, `故本表为空表`,
    /// `没有政府性基金预算财政拨款收入和支出`) is not missing. Tables the document says are
    /// attached (`详见附件`, `附件：2024年部门预算公开表`) count as present. Only a whole
    /// disclosure is checked: a text of fewer than 20 lines or 3 headings is an excerpt.
    ///
    /// ## Why it matters
    /// The disclosure rules (《地方预决算公开操作规程》) fix the set of tables and explanations
    /// every department publishes. A missing table is often where a figure that does not add
    /// up would have been caught; a missing 三公 or 国有资产 explanation leaves a required
    /// disclosure unmade.
    ///
    /// ## Example
    /// 西南大学's 2024 final account (`017_southwest_university_2024_final.txt`) publishes
    /// four university tables — 收支决算总表, 收入决算表, 支出决算表, 财政拨款支出决算表 — and
    /// no 一般公共预算财政拨款基本支出决算表 or 财政拨款“三公”经费支出决算表, and does not say they
    /// are empty: D001 names each of them.
    ///
    /// ## How to fix
    /// Publish the missing table or explanation; if the department has nothing to report in
    /// it, keep the table and say so under it (`本单位本年度没有…，故本表无数据`). If a table
    /// has a name yujue does not know, add it to the aliases in `src/check/completeness.rs`.
    pub struct MissingRequiredPart {
        code: "D001",
        name: "missing-required-part",
        severity: Warning,
        summary: "A table or explanation the disclosure must contain is missing",
    }
}

/// Whether a part is a table or a narrative explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Table,
    Explanation,
}

/// A part a disclosure must contain, with the names it goes by.
#[derive(Debug, Clone, Copy)]
pub struct RequiredPart {
    /// The standard Chinese name, used in messages.
    pub name: &'static str,
    /// What it is, in English.
    pub english: &'static str,
    pub kind: PartKind,
    /// Any of these names the part: regular expressions over a line for a table, plain
    /// words for an explanation (searched for as they are, without compiling a pattern).
    pub aliases: &'static [&'static str],
    /// Words that, right before a match, make it another part (`财政拨款` before `收支预算总表`).
    pub not_after: &'static [&'static str],
    /// The words a sentence declaring the part empty names it by (`政府性基金`); `None`
    /// when only the table's own name declares it.
    pub subject: Option<&'static str>,
}

/// An optional quotation mark; `@` in an alias stands for it (`三公@经费` matches `三公”经费`).
const Q: &str = "[\"“”]?";

/// The tables of a final account (部门决算), in their standard order.
pub static FINAL_ACCOUNT_PARTS: &[RequiredPart] = &[
    RequiredPart {
        name: "收入支出决算总表",
        english: "income and expenditure summary",
        kind: PartKind::Table,
        aliases: &["(收入支出|收支)决算总表"],
        not_after: &["拨款"],
        subject: None,
    },
    RequiredPart {
        name: "收入决算表",
        english: "income",
        kind: PartKind::Table,
        aliases: &["收入决算表"],
        not_after: &["拨款", "支出"],
        subject: None,
    },
    RequiredPart {
        name: "支出决算表",
        english: "expenditure",
        kind: PartKind::Table,
        aliases: &["支出决算表"],
        not_after: &[
            "拨款", "预算", "基本", "项目", "费", "经营", "基金", "收入", "采购",
        ],
        subject: None,
    },
    RequiredPart {
        name: "财政拨款收入支出决算总表",
        english: "fiscal appropriation income and expenditure summary",
        kind: PartKind::Table,
        aliases: &["财政拨款(收入支出|收支)决算总表"],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "一般公共预算财政拨款支出决算表",
        english: "general public budget expenditure",
        kind: PartKind::Table,
        aliases: &[
            "一般公共预算(财政)?拨款支出决算表",
            "一般公共预算支出决算表",
        ],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "一般公共预算财政拨款基本支出决算表",
        english: "general public budget basic expenditure",
        kind: PartKind::Table,
        aliases: &[
            "一般公共预算(财政)?拨款基本支出决算表",
            "一般公共预算基本支出决算表",
        ],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "财政拨款“三公”经费支出决算表",
        english: "three official expenses",
        kind: PartKind::Table,
        aliases: &["三公@经费.{0,12}?决算表"],
        not_after: &[],
        subject: Some("三公"),
    },
    RequiredPart {
        name: "政府性基金预算财政拨款收入支出决算表",
        english: "government fund budget",
        kind: PartKind::Table,
        aliases: &["政府性基金.{0,16}?决算表"],
        not_after: &[],
        subject: Some("政府性基金"),
    },
    RequiredPart {
        name: "国有资本经营预算财政拨款支出决算表",
        english: "state capital budget",
        kind: PartKind::Table,
        aliases: &["国有资本经营.{0,16}?决算表"],
        not_after: &[],
        subject: Some("国有资本经营"),
    },
];

/// The tables of a budget (部门预算 / 单位预算), in their standard order.
pub static BUDGET_PARTS: &[RequiredPart] = &[
    RequiredPart {
        name: "收支预算总表",
        english: "income and expenditure summary",
        kind: PartKind::Table,
        // 收支总表, 收支预算总表, 财务收支预算总表, 部门收支总体情况表
        aliases: &["收支(预算)?总(体情况)?表"],
        not_after: &["拨款"],
        subject: None,
    },
    RequiredPart {
        name: "收入预算表",
        english: "income",
        kind: PartKind::Table,
        // 收入总表, 收入预算总表, 收入预算表, 收入总体情况表
        aliases: &["收入(预算)?总?(体情况)?表"],
        not_after: &["拨款", "基金", "资本"],
        subject: None,
    },
    RequiredPart {
        name: "支出预算表",
        english: "expenditure",
        kind: PartKind::Table,
        // 支出总表, 支出预算总表, 支出预算表, 本年支出总体情况表
        aliases: &["支出(预算)?总?(体情况)?表"],
        not_after: &[
            "拨款", "预算", "基本", "项目", "费", "经营", "基金", "采购", "收入",
        ],
        subject: None,
    },
    RequiredPart {
        name: "财政拨款收支预算总表",
        english: "fiscal appropriation income and expenditure summary",
        kind: PartKind::Table,
        aliases: &["财政拨款收支(预算)?总(体情况)?表"],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "一般公共预算支出表",
        english: "general public budget expenditure",
        kind: PartKind::Table,
        // 一般公共预算支出(预算)表, 一般公共预算拨款支出预算表, 一般公共预算支出功能分类预算表,
        // 一般公共预算支出情况表, 本年一般公共预算支出表
        aliases: &["一般公共预算(拨款)?支出(功能分类)?(预算)?(情况)?表"],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "一般公共预算基本支出表",
        english: "general public budget basic expenditure",
        kind: PartKind::Table,
        // …基本支出(预算)表, …基本支出部门预算经济分类预算表, …基本支出经济分类情况表;
        // Shenzhen's 基本支出总表 (with a 一般公共预算拨款 column) is this table.
        aliases: &[
            "一般公共预算(拨款)?基本支出.{0,12}?表",
            "^(表\\s*\\d+\\s*)?基本支出总表",
        ],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "“三公”经费支出预算表",
        english: "three official expenses",
        kind: PartKind::Table,
        // “三公”经费支出(预算)表, “三公”经费、会议费、培训费支出预算表,
        // “三公”经费和机关运行经费预算表, 行政经费及“三公”经费预算表
        aliases: &["三公@经费.{0,16}?表"],
        not_after: &[],
        subject: Some("三公"),
    },
    RequiredPart {
        name: "政府性基金预算支出表",
        english: "government fund budget",
        kind: PartKind::Table,
        aliases: &["政府性基金.{0,16}?表"],
        not_after: &[],
        subject: Some("政府性基金"),
    },
    RequiredPart {
        name: "国有资本经营预算支出表",
        english: "state capital budget",
        kind: PartKind::Table,
        aliases: &["国有资本经营.{0,16}?表"],
        not_after: &[],
        subject: Some("国有资本经营"),
    },
];

/// The explanations every disclosure must give, whatever its kind.
pub static EXPLANATIONS: &[RequiredPart] = &[
    RequiredPart {
        name: "“三公”经费情况说明",
        english: "three official expenses explanation",
        kind: PartKind::Explanation,
        aliases: &["三公"],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "机关运行经费情况说明",
        english: "administrative running costs explanation",
        kind: PartKind::Explanation,
        aliases: &["机关运行经费", "行政经费", "运行经费"],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "政府采购情况说明",
        english: "government procurement explanation",
        kind: PartKind::Explanation,
        aliases: &["政府采购"],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "国有资产占用情况说明",
        english: "state assets explanation",
        kind: PartKind::Explanation,
        aliases: &["国有资产", "资产占用", "资产占有", "资产总额", "共有车辆"],
        not_after: &[],
        subject: None,
    },
    RequiredPart {
        name: "名词解释",
        english: "glossary",
        kind: PartKind::Explanation,
        aliases: &["名词解释", "名词说明", "术语解释"],
        not_after: &[],
        subject: None,
    },
];

/// The parts a document of `kind` must contain: its tables, then the explanations.
pub fn required_parts(kind: DocumentKind) -> impl Iterator<Item = &'static RequiredPart> {
    let tables = match kind {
        DocumentKind::FinalAccount => FINAL_ACCOUNT_PARTS,
        DocumentKind::Budget => BUDGET_PARTS,
    };
    tables.iter().chain(EXPLANATIONS.iter())
}

fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(&pattern.replace('@', Q)).ok()
}

/// A table and its aliases, compiled when first asked for.
type TableRegexes = (&'static RequiredPart, OnceLock<Vec<Regex>>);

/// Every table's aliases, in the order of the tables above, each table's compiled once
/// when first asked for: a run that never looks for a table (its documents say their tables
/// are attached, or have no line that could be its title) does not compile its patterns,
/// the larger part of this check's one-time cost.
static COMPILED: LazyLock<Vec<TableRegexes>> = LazyLock::new(|| {
    FINAL_ACCOUNT_PARTS
        .iter()
        .chain(BUDGET_PARTS)
        .map(|p| (p, OnceLock::new()))
        .collect()
});

/// The compiled aliases of one of the tables above (found by address: the lists are
/// statics, and this runs for every line of every document); none for an explanation.
fn regexes(part: &RequiredPart) -> &'static [Regex] {
    COMPILED
        .iter()
        .find(|(p, _)| std::ptr::eq(*p, part))
        .map_or(&[], |(p, compiled)| {
            compiled
                .get_or_init(|| p.aliases.iter().filter_map(|a| compile(a)).collect())
                .as_slice()
        })
}

/// The words of every explanation, with their searchers built once: plain words, they
/// need no regular expression (compiling one for each was most of the one-time cost of
/// this check).
static WORDS: LazyLock<Vec<(&'static RequiredPart, Vec<Finder<'static>>)>> = LazyLock::new(|| {
    EXPLANATIONS
        .iter()
        .map(|p| {
            let finders = p.aliases.iter().map(|a| Finder::new(a.as_bytes()));
            (p, finders.collect())
        })
        .collect()
});

/// The searchers of one of the explanations above, found by address; none for a table.
fn words(part: &RequiredPart) -> &'static [Finder<'static>] {
    WORDS
        .iter()
        .find(|(p, _)| std::ptr::eq(*p, part))
        .map_or(&[], |(_, w)| w.as_slice())
}

/// What a title may be followed by on its line: a unit, the issuer, a qualifier.
const AFTER_TITLE: &[&str] = &[
    "单位",
    "部门",
    "编制",
    "(",
    "（",
    "表",
    "[",
    "预算单位",
    "公开",
    "续",
    "-",
    "—",
];

/// A pattern of [`ATTACHED`]: the words one of which a match holds, and the pattern,
/// compiled when a line outside a table of contents first holds one of the words.
struct AttachedPattern {
    words: &'static [&'static str],
    pattern: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl AttachedPattern {
    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(self.pattern).ok())
            .as_ref()
    }
}

/// Sentences that say tables are published elsewhere (attached, appended, as images), each
/// with the words one of which it holds: a pattern is run only around its words (see
/// [`Document::tables_attached`]), and not compiled while no text has them. Four patterns
/// rather than one alternation: each has its own words.
static ATTACHED: [AttachedPattern; 4] = [
    AttachedPattern {
        words: &["附件"],
        pattern: r"(详见|见)附件",
        compiled: OnceLock::new(),
    },
    AttachedPattern {
        words: &["附后", "另行公开"],
        pattern: r"(预算|决算)(公开)?(报)?表(附后|另行公开)",
        compiled: OnceLock::new(),
    },
    AttachedPattern {
        words: &["附件"],
        pattern: r"附件[:：]?\s*[^\n]{0,40}(预算|决算)(公开)?(报)?表",
        compiled: OnceLock::new(),
    },
    AttachedPattern {
        words: &["附表"],
        pattern: r"第.{1,3}部分\s*附表",
        compiled: OnceLock::new(),
    },
];

/// Each word of the [`ATTACHED`] patterns once, with its searcher and the patterns that
/// hold it (a bit for each, by index).
static ATTACHED_WORDS: LazyLock<Vec<(Finder<'static>, u32)>> = LazyLock::new(|| {
    let mut words: Vec<(&'static str, u32)> = Vec::new();
    for (k, pattern) in ATTACHED.iter().enumerate() {
        for &word in pattern.words {
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, patterns)) => *patterns |= pattern_bit(k),
                None => words.push((word, pattern_bit(k))),
            }
        }
    }
    words
        .into_iter()
        .map(|(word, patterns)| (Finder::new(word.as_bytes()), patterns))
        .collect()
});

/// The bit of the [`ATTACHED`] pattern at index `k`.
fn pattern_bit(k: usize) -> u32 {
    u32::try_from(k)
        .ok()
        .and_then(|k| 1u32.checked_shl(k))
        .unwrap_or(0)
}

/// `[image:`, the converter's marker of an image.
static IMAGE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("[image:"));

/// Words that declare a part empty, in the same sentence as its subject.
static EMPTY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"本表无数据|此表无数据|表无数据|为空表|空表|没有|未使用|未安排|无此|无|(^|[^\d.,])0(\.0+)?\s*万?元")
        .ok()
});

/// Whether a lazily compiled pattern matches (a pattern that failed to compile never does).
fn matches(pattern: &LazyLock<Option<Regex>>, text: &str) -> bool {
    pattern.as_ref().is_some_and(|r| r.is_match(text))
}

/// `表`, searched for in every line.
static TABLE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("表"));

/// `名词`, the start of a 名词解释 section's title words.
static NOUN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("名词"));

/// Whether a section title holds `名词解释` or `名词说明`: one search for the words' common
/// start in each title (titles run to whole lines, and every section's is read), not one for
/// each word; a `find` from each occurrence on rather than a `find_iter`, whose set-up cost
/// as much as the search on a title.
fn names_glossary(title: &str) -> bool {
    let mut rest = title.as_bytes();
    while let Some(at) = NOUN.find(rest) {
        rest = rest.get(at + "名词".len()..).unwrap_or_default();
        if rest.starts_with("解释".as_bytes()) || rest.starts_with("说明".as_bytes()) {
            return true;
        }
    }
    false
}

/// A line of the text as written: from the start of the text or a `\n` to the next `\n`
/// or the end, less the `\r`s before that `\n`.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The byte offset the line starts at.
    start: usize,
    /// The byte offset of the `\n` that ends it, or the length of the text.
    end: usize,
    text: &'a str,
}

/// Whether a line may be a table title: whether it holds a `表` followed by nothing but
/// what may follow a title ([`ends_a_title`]). Every table alias ends with `表`, so no other
/// line is the title of any table: a test that spares the alias patterns of all the tables
/// most lines that name an explanation's subject (prose, with a `表` in a sentence).
fn may_be_a_title(line: &str) -> bool {
    let line = line.trim();
    TABLE
        .find_iter(line.as_bytes())
        .any(|at| ends_a_title(line, at + "表".len()))
}

/// `录`, the last character of a `目录` heading.
static LU: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("录"));

/// The text as written, cut into what the check needs.
///
/// Lines are found when asked for, from the byte asked about (a search back and one forward
/// for `\n`), not cut all up front: most documents ask about a few dozen lines, those
/// holding the words searched for, and cutting every line and testing it for a table of
/// contents was most of this check's cost.
struct Document<'a> {
    text: &'a str,
    /// The tables of contents that follow a `目录` heading: the start of the heading line and
    /// of the last line of the run of entry-like lines after it, in order.
    toc_runs: Vec<(usize, usize)>,
    /// Byte ranges of 名词解释 sections.
    glossary: Vec<(usize, usize)>,
    /// The sentences of the body outside tables (see [`Document::sentences`]), cut once.
    sentences: std::cell::OnceCell<Vec<&'a str>>,
    /// The body lines that hold `表` (see [`Document::table_lines`]), found once.
    table_lines: std::cell::OnceCell<Vec<Line<'a>>>,
    /// The start of the line the last explanation was found on (see [`Document::mentions`]).
    explained_at: std::cell::Cell<usize>,
}

/// `目录` (`目  录`) on a line of its own, at most 40 characters: a table of contents follows.
fn is_toc_heading(line: &str) -> bool {
    line.trim_end().ends_with('录') && {
        let squeezed = squeeze(line);
        squeezed.ends_with("目录") && squeezed.chars().count() <= 40
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_page_number(s: &str) -> bool {
    let t = squeeze(s);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '–' | '第' | '页' | '/'))
}

/// A line with full-width brackets, digits and stops made ASCII, for heading markers.
fn ascii(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A numbered list entry: `4．2023年部门财政拨款收支预算总表` (the digit after the stop keeps
/// it from being a heading marker).
static LIST_ENTRY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}\s*[.、]\s*\S").ok());

/// A line that can belong to a table of contents: blank, a page number, dot leaders, a short
/// numbered heading or list entry, or a short continuation (`表` wrapped from the line above).
fn toc_like(line: &str) -> bool {
    let t = &ascii(line);
    let chars = t.chars().count();
    let sentence = t
        .trim_end_matches(['。', '.'])
        .contains(['。', '，', ',', '；', ';']);
    t.is_empty()
        || is_page_number(t)
        || is_toc_line(t)
        || (chars <= 6 && !sentence)
        || (chars <= 60 && !sentence && (heading_marker(t).is_some() || matches(&LIST_ENTRY, t)))
}

impl<'a> Document<'a> {
    fn new(text: &'a str, glossary: Vec<(usize, usize)>) -> Self {
        let mut document = Document {
            text,
            toc_runs: Vec::new(),
            glossary,
            sentences: std::cell::OnceCell::new(),
            table_lines: std::cell::OnceCell::new(),
            explained_at: std::cell::Cell::new(0),
        };
        document.toc_runs = document.find_toc_runs();
        document
    }

    /// The tables of contents after `目录` headings: from each heading over the lines after
    /// it that can be entries ([`toc_like`]). With the dot-leader lines anywhere, these are
    /// the lines that reading every line in order finds, opening a table of contents at a
    /// heading and closing it at the first line that cannot be an entry (a test holds them
    /// to that reading); a heading ends in `录`, so only the lines holding one are read.
    fn find_toc_runs(&self) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        // Where the lines read so far end: a `录` before it lies on a line already read.
        let mut read_to = 0;
        for at in LU.find_iter(self.text.as_bytes()) {
            if at < read_to {
                continue;
            }
            let heading = self.line_at(at);
            read_to = heading.end + 1;
            if !is_toc_heading(heading.text) {
                continue;
            }
            let mut last = heading;
            while let Some(next) = self.next_line(&last).filter(|l| toc_like(l.text)) {
                last = next;
            }
            read_to = last.end + 1;
            runs.push((heading.start, last.start));
        }
        runs
    }

    /// Whether `line` lies in a table of contents: in a run after a `目录` heading, or a
    /// dot-leader entry on its own.
    fn in_toc(&self, line: &Line) -> bool {
        let after = self
            .toc_runs
            .partition_point(|&(heading, _)| heading <= line.start);
        let in_run = after
            .checked_sub(1)
            .and_then(|run| self.toc_runs.get(run))
            .is_some_and(|&(_, last)| line.start <= last);
        in_run || is_toc_line(line.text)
    }

    /// The line that starts at byte `start` (the start of the text or just after a `\n`).
    fn line_from(&self, start: usize) -> Line<'a> {
        let rest = self.text.as_bytes().get(start..).unwrap_or_default();
        let end = memchr::memchr(b'\n', rest).map_or(self.text.len(), |at| start + at);
        let mut text = self.text.get(start..end).unwrap_or_default();
        while let Some(rest) = text.strip_suffix('\r') {
            text = rest;
        }
        Line { start, end, text }
    }

    /// The line that holds byte `offset` (a `\n` belongs to the line it ends).
    fn line_at(&self, offset: usize) -> Line<'a> {
        let before = self.text.as_bytes().get(..offset).unwrap_or_default();
        self.line_from(memchr::memrchr(b'\n', before).map_or(0, |at| at + 1))
    }

    fn next_line(&self, line: &Line) -> Option<Line<'a>> {
        (line.end < self.text.len()).then(|| self.line_from(line.end + 1))
    }

    fn previous_line(&self, line: &Line) -> Option<Line<'a>> {
        line.start.checked_sub(1).map(|end| self.line_at(end))
    }

    /// Every line, in order.
    fn lines(&self) -> impl Iterator<Item = Line<'a>> + '_ {
        std::iter::successors(Some(self.line_from(0)), |l| self.next_line(l))
    }

    fn in_glossary(&self, offset: usize) -> bool {
        self.glossary.iter().any(|&(s, e)| s < offset && offset < e)
    }

    /// Lines outside the table of contents.
    fn body(&self) -> impl Iterator<Item = Line<'a>> + '_ {
        self.lines().filter(|l| !self.in_toc(l))
    }

    /// The lines outside the table of contents that hold `表`, in order: one search over
    /// the whole text with a prebuilt `memmem` finder (once per line, the searcher's start-up
    /// cost was most of the search; the last byte of `表` is a common continuation byte, a
    /// false hit every few characters for a byte search), made when a table is first looked
    /// for (a document whose tables are attached never looks).
    fn table_lines(&self) -> &[Line<'a>] {
        self.table_lines.get_or_init(|| {
            let mut lines = HitLines::new(self);
            TABLE
                .find_iter(self.text.as_bytes())
                .filter_map(|at| lines.new_line_at(at))
                .filter(|l| !self.in_toc(l))
                .collect()
        })
    }

    /// The first line that reads as the title of one of `part`'s names.
    fn table_title(&self, part: &RequiredPart) -> Option<&Line<'a>> {
        self.table_lines()
            .iter()
            .find(|l| is_title_of(l.text, part) && self.table_follows(l))
    }

    /// Whether a table follows the title `line`: its unit note (`单位：万元`) or a TAB row on
    /// the title line or one of the next three lines with text. A list of table names
    /// (`表1.收支预算总表` / `表2.收入预算总表` / …) is not the tables.
    fn table_follows(&self, line: &Line<'a>) -> bool {
        std::iter::successors(Some(*line), |l| self.next_line(l))
            .filter(|l| !l.text.trim().is_empty())
            .take(4)
            .any(|l| l.text.contains('\t') || l.text.contains("单位"))
    }

    fn mentions(&self, part: &RequiredPart) -> bool {
        let any_title = |line: &str| {
            FINAL_ACCOUNT_PARTS
                .iter()
                .chain(BUDGET_PARTS)
                .any(|p| is_title_of(line, p))
        };
        // Each alias is searched for over the whole text, and only the lines it is found on
        // are looked at (aliases of explanations never span a line end), each once: whether
        // a line names the part does not depend on where in it the alias is.
        // An explanation's aliases are words: their occurrences, without overlaps, are
        // where a regular expression of the word would match.
        if part.name == "名词解释" && self.glossary_heading_names(part) {
            return true;
        }
        let names = |l: &Line| {
            if self.in_toc(l) {
                return false;
            }
            if part.name == "名词解释" {
                return true;
            }
            !(l.text.contains('\t')
                || self.in_glossary(l.start)
                || (may_be_a_title(l.text) && any_title(l.text)))
        };
        // The explanations are most often written together (a 情况说明 part, or a section of
        // other matters), after the table of contents, the overview and the tables: each
        // alias is searched for from the line the part before was found on to the end, then
        // from the start up to there, rather than reading all that again for every part.
        // Any occurrence counts the same: the order only changes how far the search reads.
        let bytes = self.text.as_bytes();
        let from = self.explained_at.get();
        let found = words(part).iter().find_map(|w| {
            let mut lines = HitLines::new(self);
            let later = w
                .find_iter(bytes.get(from..).unwrap_or_default())
                .map(|at| from + at);
            // Up to the last byte an occurrence starting before `from` can reach.
            let reach = (from + w.needle().len()).saturating_sub(1);
            let earlier = w.find_iter(bytes.get(..reach).unwrap_or(bytes));
            later
                .chain(earlier)
                .find_map(|at| lines.new_line_at(at).filter(|l| names(l)))
        });
        if let Some(line) = found {
            self.explained_at.set(line.start);
        }
        found.is_some()
    }

    /// Whether the heading line of a 名词解释 section, outside the table of contents, holds
    /// one of `part`'s names: then 名词解释 is there without a search of the whole text for
    /// it (the section is most often the last of a disclosure: the search read most of it).
    fn glossary_heading_names(&self, part: &RequiredPart) -> bool {
        self.glossary.iter().any(|&(start, _)| {
            let heading = self.line_at(start);
            !self.in_toc(&heading)
                && words(part)
                    .iter()
                    .any(|w| w.find(heading.text.as_bytes()).is_some())
        })
    }

    /// The sentences of the lines outside the table of contents and outside tables (TAB
    /// rows), cut at `。`, `；` and line ends.
    fn sentences(&self) -> &[&'a str] {
        self.sentences.get_or_init(|| {
            self.body()
                .map(|l| l.text)
                .filter(|t| !t.contains('\t'))
                .flat_map(|t| t.split(['。', ';', '；']))
                .collect()
        })
    }

    /// Whether a sentence outside the table of contents declares `part` empty.
    fn declared_empty(&self, part: &RequiredPart) -> bool {
        let sentences = self.sentences();
        sentences.iter().enumerate().any(|(i, sentence)| {
            let named = match part.subject {
                Some(subject) => sentence.contains(subject),
                None => regexes(part).iter().any(|r| r.is_match(sentence)),
            };
            // The reason often follows in its own sentence: `…收入为0万元。主要原因是本部门无此项`.
            let next = sentences.get(i + 1).copied().unwrap_or("");
            named
                && (matches(&EMPTY, sentence)
                    || next.starts_with("主要原因") && matches(&EMPTY, next))
        })
    }

    /// Whether the document says its tables are published elsewhere: whether one of the
    /// [`ATTACHED`] patterns matches the lines outside the table of contents, joined.
    ///
    /// A match holds one of its pattern's words, and reaches beyond that word's line only
    /// across whitespace (`附件：` with the tables' name on the next line, `第五部分` above
    /// `附表`). So each pattern is run only on the body lines around an occurrence of its
    /// words (see [`Document::around`]), not over the whole body: joining the body and
    /// running patterns that begin with common words (`预算`, `第`) over all of it was most
    /// of this test's cost.
    fn tables_attached(&self) -> bool {
        ATTACHED_WORDS.iter().any(|(word, patterns)| {
            // Each line is run around once: a line that holds the word many times (a whole
            // file on one line) is joined and searched once, not once for each occurrence.
            let mut lines = HitLines::new(self);
            word.find_iter(self.text.as_bytes()).any(|at| {
                let Some(line) = lines.new_line_at(at) else {
                    return false;
                };
                if self.in_toc(&line) {
                    return false;
                }
                let around = self.around(&line);
                ATTACHED.iter().enumerate().any(|(k, pattern)| {
                    patterns & pattern_bit(k) != 0
                        && pattern.regex().is_some_and(|r| r.is_match(&around))
                })
            })
        })
    }

    /// The body lines (outside the table of contents) around body line `line`, joined as in
    /// the whole body: back to the nearest line with text before it and on to the nearest
    /// after it, with the blank lines between. A stretch of the joined body, it holds every
    /// match that holds `line` and crosses other lines only across whitespace.
    fn around(&self, line: &Line<'a>) -> String {
        let has_text = |l: &Line| !l.text.trim().is_empty();
        // Up to and with the first line with text.
        let up_to_text = |past_text: &mut bool, l: Line<'a>| {
            (!*past_text).then(|| {
                *past_text = has_text(&l);
                l
            })
        };
        let before: Vec<Line> =
            std::iter::successors(self.previous_line(line), |l| self.previous_line(l))
                .filter(|l| !self.in_toc(l))
                .scan(false, up_to_text)
                .collect();
        let after = std::iter::successors(self.next_line(line), |l| self.next_line(l))
            .filter(|l| !self.in_toc(l))
            .scan(false, up_to_text);
        let mut joined = String::new();
        let lines = before
            .into_iter()
            .rev()
            .chain(std::iter::once(*line))
            .chain(after);
        for (n, line) in lines.enumerate() {
            if n > 0 {
                joined.push('\n');
            }
            joined.push_str(line.text);
        }
        joined
    }

    /// Where to point a finding: the tables heading, else the first line with text.
    fn anchor(&self) -> Option<Line<'a>> {
        self.body()
            .find(|l| is_tables_heading(l.text))
            .or_else(|| self.lines().find(|l| !l.text.trim().is_empty()))
    }
}

/// The lines that hold the occurrences of a word, found in text order: each once, however
/// many occurrences it holds, and without searching again for the line last found.
struct HitLines<'d, 'a> {
    document: &'d Document<'a>,
    last: Option<Line<'a>>,
}

impl<'d, 'a> HitLines<'d, 'a> {
    fn new(document: &'d Document<'a>) -> Self {
        HitLines {
            document,
            last: None,
        }
    }

    /// The line that holds byte `offset`, unless it is the line last found.
    fn new_line_at(&mut self, offset: usize) -> Option<Line<'a>> {
        if self
            .last
            .is_some_and(|l| l.start <= offset && offset <= l.end)
        {
            return None;
        }
        let line = self.document.line_at(offset);
        self.last = Some(line);
        Some(line)
    }
}

/// Whether the text as written shows the tables as images right under the tables heading
/// (`第二部分 2023年度部门决算表` then `[image: image10.png]`); normalisation drops the image
/// markers, so this reads the original, through the document's lines.
fn tables_as_images(document: &Document) -> bool {
    if IMAGE.find(document.text.as_bytes()).is_none() {
        return false;
    }
    document.lines().any(|l| {
        l.text.trim_end().ends_with('表')
            && is_tables_heading(l.text)
            && std::iter::successors(document.next_line(&l), |n| document.next_line(n))
                .filter(|n| !n.text.trim().is_empty())
                .take(2)
                .any(|n| n.text.contains("[image:"))
    })
}

/// `第二部分 2023年度部门决算表`: the heading of the part that holds the tables.
fn is_tables_heading(line: &str) -> bool {
    let t = squeeze(&ascii(line));
    matches!(heading_marker(&t), Some((1, _)))
        && (t.ends_with("预算表")
            || t.ends_with("决算表")
            || t.ends_with("报表")
            || t.ends_with("公开表"))
}

/// Whether `line` reads as the title of `part`: one of its names, preceded by nothing that
/// makes it another table and followed by nothing but a unit or issuer note.
pub fn is_title_of(line: &str, part: &RequiredPart) -> bool {
    let line = line.trim();
    if line.chars().count() > 90 || (line.contains('\t') && !line.starts_with('表')) {
        return false;
    }
    regexes(part).iter().any(|r| {
        r.find_iter(line).any(|m| {
            let before = line.get(..m.start()).unwrap_or("");
            let before_ok = !part.not_after.iter().any(|w| before.ends_with(w))
                && !before.contains(['。', '，', ','])
                && !before.contains("说明")
                && !before.contains("详见");
            before_ok && ends_a_title(line, m.end())
        })
    })
}

/// Whether the title `line` (trimmed) may end at byte `end`: followed by nothing, a page
/// number, or a unit, issuer or qualifier note, and not by `情况说明`.
fn ends_a_title(line: &str, end: usize) -> bool {
    let after = line.get(end..).unwrap_or("").trim_start();
    let after_ok = after.is_empty()
        || is_page_number(after)
        || AFTER_TITLE.iter().any(|w| after.starts_with(w));
    after_ok && !after.starts_with("情况说明")
}

/// The kind of a document: from the meta, else from the words of its title.
fn kind_of(extraction: &Extraction) -> Option<DocumentKind> {
    if let Some(kind) = extraction.meta.kind {
        return Some(kind);
    }
    let head: String = extraction
        .normalized
        .text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .collect();
    if head.contains("决算") {
        Some(DocumentKind::FinalAccount)
    } else if head.contains("预算") {
        Some(DocumentKind::Budget)
    } else {
        None
    }
}

/// The required parts missing from a document of `kind`, given the text as written and the
/// byte ranges (in that text) of its 名词解释 sections.
pub fn missing_parts(
    original: &str,
    glossary: &[(usize, usize)],
    kind: DocumentKind,
) -> Vec<&'static RequiredPart> {
    missing_from(&Document::new(original, glossary.to_vec()), kind)
}

fn missing_from(document: &Document, kind: DocumentKind) -> Vec<&'static RequiredPart> {
    let attached = document.tables_attached() || tables_as_images(document);
    required_parts(kind)
        .filter(|part| match part.kind {
            PartKind::Table => {
                !attached && document.table_title(part).is_none() && !document.declared_empty(part)
            }
            PartKind::Explanation => !document.mentions(part),
        })
        .collect()
}

/// The 名词解释 sections of an extraction, as byte ranges of the text as written.
fn glossary(extraction: &Extraction) -> Vec<(usize, usize)> {
    extraction
        .sections
        .iter()
        .filter(|s| names_glossary(&s.title))
        .map(|s| extraction.normalized.map.range(s.start, s.end))
        .collect()
}

fn span(source: &Source, start: usize, end: usize) -> Span {
    crate::extract::source_span(source, start, end, "document")
}

/// Fewer lines or headings than this make a text an excerpt, not a disclosure.
const MIN_LINES: usize = 20;
const MIN_HEADINGS: usize = 3;

/// Whether the text is a whole disclosure rather than an excerpt (a paragraph pasted into a
/// test, a single explanation): only a whole disclosure can be missing parts.
fn is_whole_disclosure(extraction: &Extraction) -> bool {
    // Counted only up to the threshold: the rest of the text does not change the answer.
    let lines = crate::extract::words::lines(&extraction.normalized.text)
        .filter(|l| !l.trim().is_empty())
        .take(MIN_LINES)
        .count();
    lines >= MIN_LINES && extraction.sections.len() >= MIN_HEADINGS
}

/// D001 over one document: a warning for each required part that is missing and not
/// declared empty. Excerpts (fewer than 20 lines or 3 headings) are not checked.
pub fn check(extraction: &Extraction, source: &Source) -> Vec<Finding> {
    if !is_whole_disclosure(extraction) {
        return Vec::new();
    }
    let Some(kind) = kind_of(extraction) else {
        return Vec::new();
    };
    let glossary = glossary(extraction);
    let document = Document::new(&source.text, glossary);
    let missing = missing_from(&document, kind);
    if missing.is_empty() {
        return Vec::new();
    }
    let anchor = document
        .anchor()
        .map(|l| span(source, l.start, l.start + l.text.trim_end().len()));
    let kind_name = match kind {
        DocumentKind::FinalAccount => "final account (决算)",
        DocumentKind::Budget => "budget (预算)",
    };
    missing
        .into_iter()
        .map(|part| {
            let what = match part.kind {
                PartKind::Table => format!(
                    "the {kind_name} has no table {} ({} table), and does not say it is empty",
                    part.name, part.english
                ),
                PartKind::Explanation => {
                    format!("the {kind_name} has no {} ({})", part.name, part.english)
                }
            };
            Finding {
                code: MissingRequiredPart::INFO.code.to_owned(),
                severity: Severity::Warning,
                message: format!("required part missing: {what}"),
                stated: None,
                expected: Some(part.name.to_owned()),
                difference: None,
                spans: anchor.iter().cloned().collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentKind::{Budget, FinalAccount};

    fn names(text: &str, kind: DocumentKind) -> Vec<&'static str> {
        let source = Source::new(text.to_owned(), "UTF-8");
        let normalized = crate::normalize::normalize(text);
        let sections = crate::segment::segment(&normalized.text);
        let extraction = crate::extract::extract(&source, normalized, sections);
        missing_parts(text, &glossary(&extraction), kind)
            .iter()
            .map(|p| p.name)
            .collect()
    }

    /// Lines end at `\n` alone, less the `\r`s before it; a lone `\r` does not end one.
    #[test]
    fn document_lines_end_at_line_feeds_only() {
        let document = Document::new("a\rb\r\nc\n\nd\r", Vec::new());
        let lines: Vec<(usize, &str)> = document.lines().map(|l| (l.start, l.text)).collect();
        assert_eq!(lines, [(0, "a\rb"), (5, "c"), (7, ""), (8, "d")]);
    }

    /// Which lines are in a table of contents, read line by line in order: a `目录` heading
    /// opens a table, the first line that cannot be an entry closes it, and a dot-leader
    /// line is an entry anywhere.
    fn toc_lines_in_order(text: &str) -> Vec<(usize, bool)> {
        let mut toc_open = false;
        let mut start = 0;
        let mut lines = Vec::new();
        for raw in text.split('\n') {
            let line = raw.trim_end_matches('\r');
            let in_toc = if toc_open && toc_like(line) {
                true
            } else {
                toc_open = is_toc_heading(line);
                toc_open || is_toc_line(line)
            };
            lines.push((start, in_toc));
            start += raw.len() + 1;
        }
        lines
    }

    #[test]
    fn toc_runs_find_the_lines_reading_in_order_finds() {
        let mut texts: Vec<String> = [
            "",
            "目录",
            "目录\n",
            "目 录\r\n一、收入\r\n二、支出\r\n本部门收入增加，主要是因为……。\r\n",
            "前言\n目  录\n第一部分 概况\n1．收支总表\n表\n\n第二部分 部门预算表......5\n正文，很长的一句话。\n目录\n",
            "目录\n一、收入\n2024年度部门决算目录\n一、支出\n说明，见后。\n录\n附录目录录\n一、甲",
            "一、概况..........3\n二、收入……5\n三、支出 7\n目录目录\n目录\n",
            "a\rb\r\n目录\r\r\n一、收入\n",
            "总目录\n（一）部门职责\n（二）机构设置\n1. 收入\n这是一段正文，不是目录。\n（三）人员",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [root.join("fixtures"), root.join("../shared/corpus")] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(bytes) = std::fs::read(entry.path())
                    && let Ok(source) = crate::source::decode(&bytes)
                {
                    texts.push(source.text);
                }
            }
        }
        let mut toc_lines = 0;
        for text in &texts {
            let document = Document::new(text, Vec::new());
            let found: Vec<(usize, bool)> = document
                .lines()
                .map(|l| (l.start, document.in_toc(&l)))
                .collect();
            assert_eq!(found, toc_lines_in_order(text), "{text}");
            toc_lines += found.iter().filter(|(_, in_toc)| *in_toc).count();
        }
        // The texts have tables of contents to find.
        assert!(toc_lines > 20, "{toc_lines}");
    }

    #[test]
    fn lines_are_found_from_any_byte() {
        let text = "目录\r\n一、收入\n\n说明\r\r\n末行";
        let document = Document::new(text, Vec::new());
        let lines: Vec<Line> = document.lines().collect();
        for offset in 0..text.len() {
            let l = document.line_at(offset);
            let expected = lines.iter().find(|e| e.start <= offset && offset <= e.end);
            assert_eq!(
                Some((l.start, l.end, l.text)),
                expected.map(|e| (e.start, e.end, e.text))
            );
        }
        for pair in lines.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert_eq!(document.next_line(&a).map(|l| l.start), Some(b.start));
            assert_eq!(document.previous_line(&b).map(|l| l.start), Some(a.start));
        }
        assert!(document.previous_line(&lines[0]).is_none());
        assert!(document.next_line(&lines[lines.len() - 1]).is_none());
    }

    #[test]
    fn glossary_titles_are_found_as_str_finds_them() {
        for title in [
            "",
            "名",
            "名词",
            "第四部分 名词解释",
            "名词说明",
            "四、名词 解释",
            "名名词解释",
            "词名词说明",
            "专用名词",
            "名词名词解释",
            "名词，名词说明",
            "解释名词",
            "词",
            "词名词解释",
            "诗词名词，名词解释",
            "名词解",
            "名词说",
        ] {
            let expected = title.contains("名词解释") || title.contains("名词说明");
            assert_eq!(names_glossary(title), expected, "{title}");
        }
    }

    /// A line that is not a possible title is the title of no table.
    #[test]
    fn a_line_that_cannot_be_a_title_is_no_tables_title() {
        let lines = [
            "",
            "表",
            "收支预算总表",
            "  一、收支预算总表（单位：万元）  ",
            "2024年财政拨款收支预算总表\t单位：万元",
            "表1 基本支出总表",
            "“三公”经费支出预算表情况说明",
            "“三公”经费支出预算表详见附件",
            "本部门“三公”经费支出决算表反映了……，其中：",
            "政府性基金预算支出表 3",
            "政府性基金预算支出表-续",
            "国有资本经营预算支出表（按功能分类）表",
            "三公经费 表",
        ];
        for line in lines {
            if !may_be_a_title(line) {
                for p in FINAL_ACCOUNT_PARTS.iter().chain(BUDGET_PARTS) {
                    assert!(!is_title_of(line, p), "{line}: {}", p.name);
                }
            }
        }
        assert!(!may_be_a_title(
            "本部门“三公”经费支出决算表反映了……，其中："
        ));
        assert!(may_be_a_title("  一、收支预算总表（单位：万元）  "));
    }

    fn part(name: &str) -> &'static RequiredPart {
        FINAL_ACCOUNT_PARTS
            .iter()
            .chain(BUDGET_PARTS)
            .chain(EXPLANATIONS)
            .find(|p| p.name == name)
            .unwrap()
    }

    #[test]
    fn every_alias_compiles() {
        for p in FINAL_ACCOUNT_PARTS
            .iter()
            .chain(BUDGET_PARTS)
            .chain(EXPLANATIONS)
        {
            let compiled = match p.kind {
                PartKind::Table => regexes(p).len(),
                PartKind::Explanation => words(p).len(),
            };
            assert_eq!(compiled, p.aliases.len(), "{}", p.name);
        }
    }

    #[test]
    fn explanation_aliases_are_plain_words() {
        // Searched for as words: each must mean itself as a regular expression too.
        for p in EXPLANATIONS {
            assert_eq!(p.kind, PartKind::Explanation);
            for a in p.aliases {
                assert_eq!(&regex::escape(a), a, "{}", p.name);
                assert!(!a.is_empty() && !a.contains('@'), "{}", p.name);
            }
        }
    }

    #[test]
    fn titles_as_the_corpus_writes_them() {
        let summary = part("收支预算总表");
        assert!(is_title_of(
            "一、2017年度江苏省高级人民法院部门收支预算总表",
            summary
        ));
        assert!(is_title_of(
            "收支预算总表部门:江苏省政协办公厅 单位:万元",
            summary
        ));
        assert!(is_title_of("2026年部门收支总体情况表", summary));
        assert!(is_title_of("2025年预算单位财务收支预算总表", summary));
        // Another table, an explanation heading, a sentence.
        assert!(!is_title_of("四、财政拨款收支预算总表", summary));
        assert!(!is_title_of("一、收支预算总表情况说明", summary));
        assert!(!is_title_of(
            "填列数与《收支预算总表》收入数一致。",
            summary
        ));
        let expenditure = part("支出预算表");
        assert!(is_title_of(
            "三、2017年度江苏省高级人民法院部门支出预算总表",
            expenditure
        ));
        assert!(is_title_of("2026年部门支出总体情况表", expenditure));
        assert!(!is_title_of("八、一般公共预算支出预算表", expenditure));
        assert!(!is_title_of("十二、政府采购支出预算表", expenditure));
        assert!(!is_title_of(
            "十、一般公共预算“三公”经费、会议费、培训费支出预算表",
            expenditure
        ));
        let gpb = part("一般公共预算支出表");
        assert!(is_title_of(
            "2025年预算单位一般公共预算支出功能分类预算表",
            gpb
        ));
        assert!(is_title_of(
            "五、一般公共预算支出情况表(按功能分类科目)",
            gpb
        ));
        assert!(!is_title_of("八、一般公共预算支出经济分类情况表", gpb));
        let three = part("财政拨款“三公”经费支出决算表");
        assert!(is_title_of("财政拨款“三公”经费支出决算表", three));
        assert!(is_title_of("七、财政拨款\"三公\"经费支出决算表", three));
        let final_expenditure = part("支出决算表");
        assert!(is_title_of("表 3:高等学校支出决算表", final_expenditure));
        assert!(!is_title_of(
            "表 4:高等学校财政拨款支出决算表",
            final_expenditure
        ));
    }

    const FINAL_TABLES: &str = "收入支出决算总表\n单位:万元\n收入决算表\n单位:万元\n支出决算表\n单位:万元\n\
财政拨款收入支出决算总表\n单位:万元\n一般公共预算财政拨款支出决算表\n单位:万元\n\
一般公共预算财政拨款基本支出决算表\n单位:万元\n财政拨款“三公”经费支出决算表\n单位:万元\n\
政府性基金预算财政拨款收入支出决算表\n单位:万元\n说明:本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。\n\
国有资本经营预算财政拨款收入支出决算表\n单位:万元\n";

    const EXPLAINED: &str = "第三部分 情况说明\n七、财政拨款“三公”经费支出决算情况说明\n“三公”经费支出0.39万元。\n\
十一、其他重要事项的情况说明\n(一)机关运行经费支出情况\n机关运行经费支出142.80万元。\n\
(二)政府采购支出情况\n政府采购金额2319.21万元。\n(三)国有资产占有使用情况说明\n共有车辆0辆。\n\
第四部分 名词解释\n一、财政拨款收入:指……\n";

    #[test]
    fn a_complete_final_account_has_no_finding() {
        let text = format!("某局2024年度部门决算\n第二部分 部门决算表\n{FINAL_TABLES}{EXPLAINED}");
        assert_eq!(names(&text, FinalAccount), Vec::<&str>::new());
    }

    #[test]
    fn a_missing_table_is_named_and_a_toc_entry_does_not_count() {
        let tables = FINAL_TABLES.replace("一般公共预算财政拨款基本支出决算表\n", "");
        let text = format!(
            "某局2024年度部门决算\n目 录\n第二部分 部门决算表\n六、一般公共预算财政拨款基本支出决算表\n\n\
第二部分 部门决算表\n{tables}{EXPLAINED}"
        );
        assert_eq!(
            names(&text, FinalAccount),
            vec!["一般公共预算财政拨款基本支出决算表"]
        );
    }

    #[test]
    fn a_list_of_table_names_is_not_the_tables() {
        let listed: String = FINAL_TABLES
            .lines()
            .filter(|l| !l.starts_with("单位") && !l.starts_with("说明"))
            .enumerate()
            .map(|(i, l)| format!("表{}.{l}\n", i + 1))
            .collect();
        let text = format!("某局2024年度部门决算\n四、2024年决算公开表\n{listed}{EXPLAINED}");
        let missing = names(&text, FinalAccount);
        assert_eq!(missing.len(), 9, "{missing:?}");
        assert!(missing.iter().all(|n| n.ends_with('表')));
    }

    #[test]
    fn a_table_declared_empty_is_not_missing() {
        let tables =
            FINAL_TABLES.replace("国有资本经营预算财政拨款收入支出决算表\n单位:万元\n", "");
        let declared = format!(
            "某局2024年度部门决算\n{tables}九、国有资本经营预算财政拨款收入支出决算情况说明\n本部门2024年度无国有资本经营预算财政拨款收入和支出。\n{EXPLAINED}"
        );
        assert_eq!(names(&declared, FinalAccount), Vec::<&str>::new());
        let silent = format!("某局2024年度部门决算\n{tables}{EXPLAINED}");
        assert_eq!(
            names(&silent, FinalAccount),
            vec!["国有资本经营预算财政拨款支出决算表"]
        );
    }

    #[test]
    fn attached_tables_are_present_but_explanations_are_still_required() {
        let text = "某局2022年度部门决算\n第二部分 2022年度部门决算表\n(详见附件)\n\
第三部分 情况说明\n“三公”经费支出0万元。\n政府采购支出0万元。\n第五部分 名词解释\n一、……\n";
        assert_eq!(
            names(text, FinalAccount),
            vec!["机关运行经费情况说明", "国有资产占用情况说明"]
        );
        let images = "某局2023年度部门决算\n第二部分 2023年度部门决算表\n 说明:我部门没有三公经费预算收入，故本表无数据。[image: image10.png]\n";
        assert!(
            names(images, FinalAccount)
                .iter()
                .all(|n| !n.ends_with('表'))
        );
    }

    #[test]
    fn terms_defined_in_the_glossary_do_not_make_an_explanation() {
        let text = "某局2026年部门预算\n第三部分 情况说明\n一、收支预算总表\n单位:万元\n\
第四部分 名词解释\n一、机关运行经费:指行政单位……\n二、“三公”经费:指……\n";
        let missing = names(text, Budget);
        assert!(missing.contains(&"机关运行经费情况说明"));
        assert!(missing.contains(&"“三公”经费情况说明"));
        assert!(!missing.contains(&"名词解释"));
        assert!(!missing.contains(&"收支预算总表"));
    }

    #[test]
    fn explanations_are_found_before_and_after_the_one_found_first() {
        // 机关运行经费 and 政府采购 above the 三公 explanation, 国有资产 below it.
        let text = "某局2024年度部门决算\n机关运行经费支出142.80万元。\n政府采购金额2319.21万元。\n\
第三部分 情况说明\n“三公”经费支出0.39万元。\n共有车辆0辆。\n第四部分 名词解释\n一、财政拨款收入:指……\n";
        let explanations: Vec<&str> = names(text, FinalAccount)
            .into_iter()
            .filter(|n| !n.ends_with('表'))
            .collect();
        assert_eq!(explanations, Vec::<&str>::new());
        let without = text.replace("政府采购", "采购");
        let explanations: Vec<&str> = names(&without, FinalAccount)
            .into_iter()
            .filter(|n| !n.ends_with('表'))
            .collect();
        assert_eq!(explanations, vec!["政府采购情况说明"]);
    }

    fn check_text(text: &str) -> Vec<Finding> {
        let source = Source::new(text.to_owned(), "UTF-8");
        let normalized = crate::normalize::normalize(text);
        let sections = crate::segment::segment(&normalized.text);
        let extraction = crate::extract::extract(&source, normalized, sections);
        check(&extraction, &source)
    }

    #[test]
    fn findings_point_at_the_tables_heading() {
        let filler: String = (1..=20)
            .map(|i| format!("本部门第{i}项工作按计划完成。\n"))
            .collect();
        let text = format!(
            "某局2024年度部门决算\n\n第一部分 部门概况\n{filler}第二部分 部门决算表\n收入决算表\n单位:万元\n第三部分 情况说明\n"
        );
        let findings = check_text(&text);
        assert!(!findings.is_empty());
        let f = &findings[0];
        assert_eq!(f.code, "D001");
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.spans[0].line, 24);
        assert_eq!(f.spans[0].text, "第二部分 部门决算表");
        let named: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.expected.as_deref())
            .collect();
        assert!(named.contains(&"收入支出决算总表"));
        assert!(!named.contains(&"收入决算表"));
        assert!(
            f.message.contains("收入支出决算总表")
                && f.message.starts_with("required part missing"),
            "{}",
            f.message
        );
    }

    #[test]
    fn an_excerpt_is_not_checked() {
        let text = "2023年度一般公共预算财政拨款支出年初预算为5037.32万元,支出决算为593.16万元,完成年初预算的11.78%。";
        assert!(check_text(text).is_empty());
    }
}

#[cfg(test)]
mod corpus {
    use super::*;

    /// D001 over every file of a folder: file name → missing part names.
    pub(super) fn run(dir: &std::path::Path) -> Vec<(String, Vec<&'static str>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        files.sort();
        files
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path).unwrap();
                let source = crate::source::decode(&bytes).unwrap();
                let normalized = crate::normalize::normalize(&source.text);
                let sections = crate::segment::segment(&normalized.text);
                let extraction = crate::extract::extract(&source, normalized, sections);
                let names = check(&extraction, &source)
                    .iter()
                    .filter_map(|f| f.expected.clone())
                    .map(|name| {
                        required_parts(DocumentKind::Budget)
                            .chain(FINAL_ACCOUNT_PARTS)
                            .find(|p| p.name == name)
                            .map_or("?", |p| p.name)
                    })
                    .collect();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                (file, names)
            })
            .collect()
    }

    const NONE: &[&str] = &[];
    const MOE_BUDGET: &[&str] = &[
        "财政拨款收支预算总表",
        "一般公共预算支出表",
        "一般公共预算基本支出表",
        "“三公”经费支出预算表",
        "政府性基金预算支出表",
        "国有资本经营预算支出表",
        "“三公”经费情况说明",
        "机关运行经费情况说明",
        "政府采购情况说明",
        "国有资产占用情况说明",
    ];

    /// Every D001 finding on the seeds and the corpus, each confirmed by reading the
    /// document (see README, "Completeness and corpus coverage").
    const CONFIRMED: &[(&str, &[&str])] = &[
        ("000_1a870d402bb54ab0.txt", NONE),
        ("001_b7b7f0797132f662.txt", NONE),
        ("002_12402e3d59484724.txt", NONE),
        ("003_b6464b9a7bea3343.txt", NONE),
        ("004_7039478323f8a84b.txt", NONE),
        (
            "001_jiangsu_high_court_2017_budget.txt",
            &["国有资本经营预算支出表", "国有资产占用情况说明"],
        ),
        (
            "003_jiangsu_npc_standing_committee_office_2018_budget.txt",
            &["国有资产占用情况说明"],
        ),
        ("004_jiangsu_cppcc_office_2019_budget.txt", NONE),
        ("006_shanghai_finance_bureau_2025_unit_budget.txt", NONE),
        ("008_shanghai_putuo_wanli_subdistrict_2023_budget.txt", NONE),
        (
            "009_shanghai_putuo_social_welfare_home_2024_unit_budget.txt",
            NONE,
        ),
        ("011_shanghai_putuo_planning_resources_2024_final.txt", NONE),
        ("012_shanghai_putuo_social_work_dept_2024_final.txt", NONE),
        ("014_southwest_university_2021_budget.txt", MOE_BUDGET),
        ("016_southwest_university_2024_budget.txt", MOE_BUDGET),
        (
            "017_southwest_university_2024_final.txt",
            &[
                "财政拨款收入支出决算总表",
                "一般公共预算财政拨款支出决算表",
                "一般公共预算财政拨款基本支出决算表",
                "财政拨款“三公”经费支出决算表",
                "政府性基金预算财政拨款收入支出决算表",
                "国有资本经营预算财政拨款支出决算表",
                "“三公”经费情况说明",
                "机关运行经费情况说明",
                "国有资产占用情况说明",
            ],
        ),
        (
            "019_national_public_complaints_bureau_2026_budget.txt",
            NONE,
        ),
        (
            "021_beijing_transport_commission_2026_budget_textonly.txt",
            NONE,
        ),
        ("022_shenzhen_port_office_2026_budget.txt", NONE),
        (
            "023_chongqing_gov_general_office_2026_budget.txt",
            &["国有资本经营预算支出表"],
        ),
        ("025_suzhou_audit_bureau_2026_budget.txt", NONE),
        ("026_hangzhou_justice_bureau_2026_budget.txt", NONE),
        (
            "028_changsha_public_security_2025_budget.txt",
            &["国有资本经营预算支出表"],
        ),
        (
            "029_fuzhou_police_public_order_detachment_2026_unit_budget.txt",
            NONE,
        ),
        ("031_quanzhou_gov_office_2026_budget.txt", NONE),
        ("032_yantai_gov_office_2026_budget.txt", NONE),
        ("034_zhuhai_commerce_bureau_2026_budget.txt", NONE),
        ("035_changchun_petition_bureau_2026_budget.txt", NONE),
        (
            "036_shanghai_jiaotong_vocational_college_2026_unit_budget.txt",
            NONE,
        ),
    ];

    #[test]
    fn d001_on_the_seeds_and_the_corpus_is_what_reading_confirmed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = run(&root.join("fixtures"));
        let corpus = root.join("../shared/corpus");
        if corpus.is_dir() {
            found.extend(run(&corpus));
        }
        for (file, names) in &found {
            let expected = CONFIRMED
                .iter()
                .find(|(f, _)| f == file)
                .map(|(_, n)| n.to_vec())
                .unwrap_or_else(|| panic!("{file}: no confirmed D001 list"));
            assert_eq!(names, &expected, "D001 on {file}");
        }
    }
}
