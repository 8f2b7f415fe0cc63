//! The first pass of extraction: paragraphs, sentences and the figures in them.
//!
//! Owns the decision of which written numbers are figures (money with a unit, a
//! percentage, or a unitless number where a money label asks for one), the label the
//! document puts before each, and its role in the sentence (a level, a change, a share, a
//! rate, a budget). It does not relate figures to each other: that is [`super::lists`] and
//! [`super::statements`].

use std::cell::RefCell;
use std::sync::LazyLock;

use super::words::{LabelMemo, LazyWord, LazyWordList, ListsFound, Word, WordList, WordLists};
use crate::amount::{self, Amount, Unit};
use crate::concept::{self, Concept};
use crate::model::Role;
use crate::normalize::is_toc_line;

pub use crate::model::Direction;

/// Which money a figure is restricted to, as its words say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    All,
    FiscalAppropriation,
    GeneralPublicBudget,
    GovernmentFund,
    StateCapital,
}

/// A line of normalised text.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    /// A table row (cells separated by TABs) or a table-of-contents line.
    pub skipped: bool,
}

/// A sentence: a stretch of a paragraph ending with `。` `!` `?` or the paragraph end.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// One figure found in the text, with what the first pass can tell about it.
#[derive(Debug, Clone)]
pub struct Mention<'t> {
    /// Byte range of the figure (number and unit) in the normalised text.
    pub start: usize,
    pub end: usize,
    pub amount: Amount,
    pub paragraph: usize,
    pub sentence: usize,
    /// Words before the figure, from the start of its clause (or the previous figure):
    /// borrowed from the text (the figure made of the mention holds the one owned copy).
    pub label: &'t str,
    pub role: Role,
    pub direction: Option<Direction>,
    /// For a rate: `超出…预算 X%` states the overrun, not the completion.
    pub overrun: bool,
    /// For a share: what the words naming its base (`总收入`, `基本支出`) name.
    pub share_base: ShareBase,
    /// Inside parentheses: an aside, never a part of a breakdown.
    pub nested: bool,
    pub concept: Option<Concept>,
    pub scope: Scope,
    /// The unit assumed where none was written.
    pub assumed_unit: Option<Unit>,
    /// What the label says in a budget-vs-actual statement.
    pub says: BudgetWords,
    /// The label may name a function line ([`super::function::may_name_in_label`]).
    pub may_name_function: bool,
}

/// What a share's words name as its base (`占总收入的`: 总收入), read with the rest of its
/// label, once, rather than for each pass over the shares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShareBase {
    /// The concept the base words are, little more than its alias
    /// ([`concept::classify_exactly`]).
    pub exactly: Option<Concept>,
    /// The same of the words without an opening quote (`占“三公”经费的`: the alias holds the
    /// closing quote, not the opening one).
    pub unquoted: Option<Concept>,
}

/// What a label says in a budget-vs-actual statement (`年初预算为X,支出决算为Y`): read with
/// the rest of the label, once, rather than once per pass over the sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BudgetWords {
    /// It names an actual (`决算`, `实际`, `执行数`).
    pub actual: bool,
    /// It ends with a budget word and says no `决算` (`年初预算为`).
    pub budget: bool,
    /// It says only "the actual" (`支出决算为`): see [`is_generic_actual`].
    pub generic_actual: bool,
}

impl BudgetWords {
    fn of(label: &str, words: LabelWords) -> Self {
        let t = strip_fillers(label);
        BudgetWords {
            actual: words.actual(),
            budget: !words.final_account() && BUDGET_WORDS.iter().any(|w| t.ends_with(w)),
            generic_actual: is_generic_actual(label, words),
        }
    }
}

impl Mention<'_> {
    pub fn is_money(&self) -> bool {
        self.amount.unit.is_none_or(Unit::is_money)
    }

    pub fn is_money_level(&self) -> bool {
        self.is_money() && self.role == Role::Level
    }

    /// The effective unit: as written, or as assumed.
    pub fn unit(&self) -> Option<Unit> {
        self.amount.unit.or(self.assumed_unit)
    }
}

/// The text split for extraction.
#[derive(Debug, Clone, Default)]
pub struct Scanned<'t> {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention<'t>>,
    /// Every number of the paragraphs read followed by a [`COUNTING_WORDS`] word (`2人次`),
    /// as the range of its last digit and the shortest such word, in text order: where a
    /// count may stand (see [`super::records`]). Noted as the numbers go by, rather than
    /// looked for again over the whole text.
    pub counted: Vec<(usize, usize)>,
}

impl Scanned<'_> {
    /// Room for what a text of `len` bytes holds, grown one push at a time otherwise (each
    /// growth copies what is there): disclosures have a line per 50 to 110 bytes, a
    /// sentence per 90 to 210, a figure per 95 to 420 and a number before a counting word
    /// per 320 or more (a quarter of the generated ones outgrew room for a figure per 128
    /// bytes and a count per 512).
    fn with_capacity_for(len: usize) -> Self {
        Scanned {
            paragraphs: Vec::with_capacity(len / 64 + 1),
            sentences: Vec::with_capacity(len / 96 + 1),
            mentions: Vec::with_capacity(len / 90 + 1),
            counted: Vec::with_capacity(len / 256 + 1),
        }
    }
}

/// The words that count things (`人次`, `批次`, `个`, `辆`, `台`, `人`, `次`): a number
/// written before one may be a count.
pub const COUNTING_WORDS: [&str; 7] = ["人次", "批次", "个", "辆", "台", "人", "次"];

/// The length of the shortest counting word `after` starts with, if any: told by its first
/// character (this is asked of every number without a unit), as each of [`COUNTING_WORDS`]
/// is one character or starts with one (`人次`) but `批次`.
#[inline]
pub fn counting_word_at(after: &str) -> Option<usize> {
    match after.chars().next()? {
        c @ ('个' | '辆' | '台' | '人' | '次') => Some(c.len_utf8()),
        '批' if after.starts_with("批次") => Some("批次".len()),
        _ => None,
    }
}

const UP_WORDS: [&str; 7] = ["增加", "增长", "上升", "提高", "增幅", "增", "多"];
const DOWN_WORDS: [&str; 9] = [
    "减少",
    "下降",
    "降低",
    "节约",
    "降幅",
    "减幅",
    "减",
    "少",
    "下降了",
];

/// Words that may stand between a label and its figure.
const FILLERS: [&str; 11] = [
    "均为",
    "分别为",
    "为",
    "是",
    "达到",
    "达",
    "共计",
    "约",
    "了",
    "合计为",
    "总计为",
];

/// The last characters of the [`FILLERS`]: a label ending otherwise has none to strip.
const FILLER_ENDINGS: [char; 7] = ['为', '是', '到', '达', '计', '约', '了'];

fn strip_fillers(label: &str) -> &str {
    let mut s = label.trim_end();
    // Each pass strips the fillers in their order (`合计为` loses `为`, not `合计为`), until
    // a pass strips nothing; a label that ends with no filler's last character (most do
    // not) is returned before any pass. `s` is always trimmed at the end.
    while s.ends_with(FILLER_ENDINGS) {
        let before = s;
        for f in FILLERS {
            if let Some(rest) = s.strip_suffix(f) {
                s = rest.trim_end();
            }
        }
        if s == before {
            break;
        }
    }
    s
}

/// The direction word a label ends with, if any.
fn trailing_direction(label: &str) -> Option<Direction> {
    let s = strip_fillers(label);
    // Words are compared in full only where their last byte is the label's.
    let last = s.as_bytes().last()?;
    // Longest words first so `下降了` beats `了`.
    let mut best: Option<(usize, Direction)> = None;
    for (words, dir) in [
        (&UP_WORDS[..], Direction::Up),
        (&DOWN_WORDS[..], Direction::Down),
    ] {
        for w in words {
            if w.as_bytes().last() == Some(last)
                && s.ends_with(w)
                && best.is_none_or(|(len, _)| w.len() > len)
            {
                best = Some((w.len(), dir));
            }
        }
    }
    let (len, dir) = best?;
    // A lone 增/减/多/少 must follow a comparison (`比上年增`, `较上年减`), not be part of a
    // noun (`新增`, `人员多`).
    if len <= '增'.len_utf8() {
        let rest = &s[..s.len() - len];
        if ![
            "比上年",
            "较上年",
            "同比",
            "相比",
            "上年",
            "年初预算",
            "预算",
        ]
        .iter()
        .any(|w| rest.ends_with(w))
        {
            return None;
        }
    }
    Some(dir)
}

/// The word lists a label is read against, found in one pass over it (see [`LabelWords`]).
static LABEL_WORDS: LazyLock<WordLists> = LazyLock::new(|| {
    let mut lists: Vec<&[&str]> = SCOPE_WORDS.iter().map(|(word, _)| *word).collect();
    lists.extend([
        LAST_YEAR_WORDS,
        REASON_WORDS,
        NARROWER_WORDS,
        ACTUAL_WORDS,
        FINAL_ACCOUNT_WORDS,
    ]);
    WordLists::new(&lists)
});

/// Words that restrict a label to one kind of money, the first found winning.
const SCOPE_WORDS: [(&[&str], Scope); 4] = [
    (&["一般公共预算"], Scope::GeneralPublicBudget),
    (&["政府性基金"], Scope::GovernmentFund),
    (&["国有资本经营"], Scope::StateCapital),
    (&["财政拨款"], Scope::FiscalAppropriation),
];
/// Words that put a figure in last year.
const LAST_YEAR_WORDS: &[&str] = &["上年", "去年", "上一年", "同期"];
/// Words of a sentence of reasons or changes.
const REASON_WORDS: &[&str] = &["增加", "减少", "增长", "下降", "原因"];
/// Words that look like a concept but name something narrower.
const NARROWER_WORDS: &[&str] = &["基本建设类项目", "项目支出绩效", "专项资金"];

/// Which words of [`LABEL_WORDS`] a label has: its scope, and the words [`classify_money`]
/// and [`BudgetWords`] ask about.
#[derive(Debug, Clone, Copy)]
struct LabelWords(ListsFound);

impl LabelWords {
    fn of(label: &str) -> Self {
        LabelWords(LABEL_WORDS.found_in(label))
    }

    /// Scope of money named by the label.
    fn scope(self) -> Scope {
        SCOPE_WORDS
            .iter()
            .enumerate()
            .find(|&(list, _)| self.0.has(list))
            .map_or(Scope::All, |(_, (_, scope))| *scope)
    }

    fn last_year(self) -> bool {
        self.0.has(SCOPE_WORDS.len())
    }

    fn reason(self) -> bool {
        self.0.has(SCOPE_WORDS.len() + 1)
    }

    fn narrower(self) -> bool {
        self.0.has(SCOPE_WORDS.len() + 2)
    }

    /// A word of [`ACTUAL_WORDS`].
    fn actual(self) -> bool {
        self.0.has(SCOPE_WORDS.len() + 3)
    }

    /// `决算`, in the label or (the same) in the label without its fillers: no filler has
    /// `决` or `算`.
    fn final_account(self) -> bool {
        self.0.has(SCOPE_WORDS.len() + 4)
    }
}

/// Scope of money named by a label.
pub fn scope_of(label: &str) -> Scope {
    LabelWords::of(label).scope()
}

/// Split the normalised text into paragraphs and sentences and find every figure (for a
/// text whose line starts are not at hand: see [`scan_lines_at`]).
pub fn scan(text: &str) -> Scanned<'_> {
    scan_lines_at(text, &crate::normalize::line_starts(text))
}

/// [`scan`], given where each line of `text` starts: 0, then one past each `\n`
/// ([`crate::normalize::Normalized::line_starts`], known from normalisation, so that the
/// scan need not look for the line ends again).
pub fn scan_lines_at<'t>(text: &'t str, line_starts: &[usize]) -> Scanned<'t> {
    let mut out = Scanned::with_capacity_for(text.len());
    // The memo of readings is borrowed once for the text, not once a figure.
    READINGS.with_borrow_mut(|readings| scan_lines(text, line_starts, &mut out, readings));
    assign_budgets_and_subjects(&mut out);
    assign_heading_subjects(text, &mut out);
    forget_project_concepts(text, &mut out);
    out
}

/// The paragraphs of `text` (its lines, starting at `line_starts`), and the sentences and
/// figures of those read.
fn scan_lines<'t>(
    text: &'t str,
    line_starts: &[usize],
    out: &mut Scanned<'t>,
    readings: &mut Readings,
) {
    let bytes = text.as_bytes();
    let searches = &*BYTE_SEARCHES;
    // The first tab at or after the current line (table rows have them): searched for again
    // only once a line has passed it, not once a line.
    let mut next_tab = searches.tab(bytes);
    // Every text has a line, the empty one too.
    let line_starts = if line_starts.is_empty() {
        &[0][..]
    } else {
        line_starts
    };
    for (i, &start) in line_starts.iter().enumerate() {
        // The line ends at the `\n` before the next line, the last at the end of the text.
        let end = line_starts.get(i + 1).map_or(text.len(), |&next| next - 1);
        let line = text.get(start..end).unwrap_or("");
        if next_tab.is_some_and(|tab| tab < start) {
            next_tab = bytes
                .get(start..)
                .and_then(|rest| searches.tab(rest))
                .map(|at| start + at);
        }
        let has_tab = next_tab.is_some_and(|tab| tab < start + line.len());
        // A table row is skipped without trimming it. A line of the table of contents ends
        // with its page number: most lines are told from one by their last byte.
        let trimmed = (!has_tab).then(|| crate::normalize::trim(line));
        let skipped = trimmed
            .is_none_or(|t| t.as_bytes().last().is_some_and(u8::is_ascii_digit) && is_toc_line(t));
        let paragraph = out.paragraphs.len();
        out.paragraphs.push(Paragraph {
            start,
            end: start + line.len(),
            skipped,
        });
        if !skipped && trimmed.is_some_and(|t| !t.is_empty()) {
            scan_paragraph(paragraph, start, line, out, readings);
        }
    }
}

static PROJECT: LazyWord = LazyLock::new(|| Word::new("项目"));
static PROJECT_EXPENDITURE: LazyWord = LazyLock::new(|| Word::new("项目支出"));
static PROCUREMENT_PROJECT: LazyWord = LazyLock::new(|| Word::new("采购项目"));

/// Whether a paragraph speaks of one project (`…项目绩效自评综述`, `项目1:“…”项目`): its
/// figures are the project's, not the department's, though they use the same words.
pub fn about_a_project(text: &str, scanned: &Scanned, paragraph: usize) -> bool {
    scanned
        .paragraphs
        .get(paragraph)
        .and_then(|p| text.get(p.start..p.end))
        .is_some_and(|t| {
            // Most paragraphs never say 项目: skip splitting them (this ran for every
            // paragraph and was 3% of a whole run).
            if !PROJECT.in_text(t) {
                return false;
            }
            // The paragraph opens with the project: `1、大病互助保险管理经费项目绩效自评综述:`.
            // `项目支出` and `政府采购项目` are no one project.
            let opening = t.get(..super::words::first_clause_end(t)).unwrap_or(t);
            PROJECT.count(opening)
                > PROJECT_EXPENDITURE.count(opening) + PROCUREMENT_PROJECT.count(opening)
        })
}

/// Figures of a project paragraph name no department-level concept.
fn forget_project_concepts(text: &str, out: &mut Scanned) {
    // Only paragraphs with a figure that has a concept to forget are asked about (most
    // figures have none), each once: its figures are together.
    let mut asked = None;
    let mut project = false;
    for i in 0..out.mentions.len() {
        let Some(m) = out.mentions.get(i) else {
            break;
        };
        if m.concept.is_none() || m.role == Role::ChangeAmount {
            continue;
        }
        let paragraph = m.paragraph;
        if asked != Some(paragraph) {
            asked = Some(paragraph);
            project = about_a_project(text, out, paragraph);
        }
        if project && let Some(m) = out.mentions.get_mut(i) {
            m.concept = None;
        }
    }
}

/// Words that make a money level the actual in a budget-vs-actual statement.
const ACTUAL_WORDS: &[&str] = &["决算", "实际", "执行数"];
/// The word of a final account (a label with it names no budget).
const FINAL_ACCOUNT_WORDS: &[&str] = &["决算"];

/// Words that make a label a budget figure in a budget-vs-actual statement.
const BUDGET_WORDS: [&str; 5] = ["预算", "预算数", "预算总额", "预算安排", "全年预算数"];

/// The words of a label that says only "the actual" (`支出决算`).
const GENERIC_ACTUAL_WORDS: [&str; 9] = [
    "支出", "决算", "数", "总额", "金额", "实际", "全年", "本年", "当年",
];

/// Labels that say only "the actual" and so speak of the sentence's subject.
fn is_generic_actual(label: &str, words: LabelWords) -> bool {
    if !words.final_account() {
        return false;
    }
    let t = strip_fillers(label);
    // A character of none of the words is never removed (most labels have one): the words
    // are removed only from labels made of their characters and spaces.
    if t.chars()
        .any(|c| !c.is_whitespace() && !GENERIC_ACTUAL_WORDS.iter().any(|w| w.contains(c)))
    {
        return false;
    }
    let rest = GENERIC_ACTUAL_WORDS
        .iter()
        .fold(t.to_owned(), |acc, w| acc.replace(w, ""));
    rest.trim().is_empty()
}

/// Second pass over each sentence: in a budget-vs-actual statement (`年初预算为X,支出决算为Y,
/// 完成年初预算的Z%`) the budget figures get the budget role, and a bare `支出决算为Y` takes
/// the concept of the sentence's subject.
fn assign_budgets_and_subjects(out: &mut Scanned) {
    let mut i = 0;
    while i < out.mentions.len() {
        let sentence = out.mentions.get(i).map_or(0, |m| m.sentence);
        let j = out
            .mentions
            .get(i..)
            .unwrap_or_default()
            .iter()
            .position(|m| m.sentence != sentence)
            .map_or(out.mentions.len(), |p| i + p);
        let group = out.mentions.get_mut(i..j).unwrap_or_default();
        let has_actual = group
            .iter()
            .any(|m| m.role == Role::Rate || (m.is_money_level() && m.says.actual));
        if has_actual {
            for m in group.iter_mut() {
                if m.is_money_level() && m.says.budget {
                    m.role = Role::Budget;
                }
            }
        }
        let mut subject: Option<(Concept, Scope)> = None;
        for m in group.iter_mut() {
            if m.nested {
                continue;
            }
            if let Some(c) = m.concept {
                if subject.is_none() && matches!(m.role, Role::Level | Role::Budget) {
                    subject = Some((c, m.scope));
                }
            } else if m.is_money()
                && matches!(m.role, Role::Level | Role::Budget)
                && m.says.generic_actual
                && let Some((c, scope)) = subject
            {
                m.concept = Some(c);
                m.scope = scope;
            }
        }
        i = j;
    }
}

/// The longest heading, in bytes, that names the subject of the sentence after it.
const MAX_SUBJECT_HEADING_BYTES: usize = 90;

/// What a figure-less heading sentence names (`(一)因公出国(境)费用。`, `(二)公务接待费`,
/// `(一)收入预算。`), if anything.
fn heading_subject(sentence: &str) -> Option<Concept> {
    let title = crate::segment::heading_title(sentence.trim())?;
    let title = title
        .trim_start_matches(['、', ' '])
        .trim_end_matches(['。', ':', ' ']);
    if title.is_empty() || title.len() > MAX_SUBJECT_HEADING_BYTES {
        return None;
    }
    concept::classify(title)
}

/// A heading naming a quantity, with no figure of its own, is the subject of the sentence
/// right after it (`(一)因公出国(境)费用。2026年预算数166.98万元`, `(一)收入预算。2026年年初
/// 预算数19,230.18万元`): there, a first money figure whose words name nothing else is the
/// quantity's.
fn assign_heading_subjects(text: &str, out: &mut Scanned) {
    let Scanned {
        sentences,
        mentions,
        ..
    } = out;
    let mut next = 0;
    // The sentence before, if it has no figure: read as a heading only when a sentence
    // with figures follows it (most figure-less sentences are followed by another).
    let mut figureless: Option<&Sentence> = None;
    for (si, sentence) in sentences.iter().enumerate() {
        let from = next;
        while mentions.get(next).is_some_and(|m| m.sentence == si) {
            next += 1;
        }
        if from == next {
            figureless = Some(sentence);
            continue;
        }
        let subject = figureless
            .take()
            .and_then(|heading| text.get(heading.start..heading.end))
            .and_then(heading_subject);
        let Some(topic) = subject else {
            continue;
        };
        let here = mentions.get_mut(from..next).unwrap_or_default();
        let unnamed = |m: &Mention| {
            m.concept.is_none() && concept::names_nothing_but(strip_fillers(m.label), topic)
        };
        // Two such figures (`2025年执行数X万元,2026年预算数Y万元`): which is the topic's is
        // not said.
        let stated = here
            .iter()
            .filter(|m| m.is_money() && matches!(m.role, Role::Level | Role::Budget) && !m.nested);
        // A figure already named for the topic is its figure.
        if here.iter().any(|m| m.concept == Some(topic))
            || stated.filter(|m| unnamed(m)).count() != 1
        {
            continue;
        }
        if let Some(m) = here
            .iter_mut()
            .find(|m| m.is_money_level() && !m.nested)
            .filter(|m| unnamed(m))
        {
            m.concept = Some(topic);
        }
    }
}

fn scan_paragraph<'t>(
    paragraph: usize,
    start: usize,
    line: &'t str,
    out: &mut Scanned<'t>,
    readings: &mut Readings,
) {
    let tokens = amount::tokens(line);
    // Sentences.
    let first_sentence = out.sentences.len();
    let mut s_start = 0;
    // Most lines end with their last sentence's `。`: nothing is left to search.
    while s_start < line.len()
        && let Some(end) = sentence_end(line, s_start)
    {
        out.sentences.push(Sentence {
            paragraph,
            start: start + s_start,
            end: start + end,
        });
        s_start = end;
    }
    if s_start < line.len() && !crate::normalize::trim(&line[s_start..]).is_empty() {
        out.sentences.push(Sentence {
            paragraph,
            start: start + s_start,
            end: start + line.len(),
        });
    }
    // Tokens come in order: the first sentence ending after a token is found by stepping on
    // from the one of the token before (each sentence is stepped past once).
    let mut next_sentence = first_sentence;
    let mut sentence_of = |sentences: &[Sentence], pos: usize| {
        while sentences
            .get(next_sentence)
            .is_some_and(|s| s.end <= start + pos)
        {
            next_sentence += 1;
        }
        if next_sentence < sentences.len() {
            next_sentence
        } else {
            sentences.len().saturating_sub(1)
        }
    };
    // Parenthesis depth of the current sentence up to `depth_at`, advanced token by token
    // over the parentheses of the line, each found by a vectorised search from the one
    // before (ASCII bytes never occur inside a multi-byte character; most text between
    // figures has none). `next_paren` is the first not yet counted: `None` until the first
    // token asks for it.
    let mut depth_at = 0;
    let mut depth: i32 = 0;
    let searches = &*BYTE_SEARCHES;
    let paren_from = |from: usize| {
        let rest = line.as_bytes().get(from..)?;
        searches.paren(rest).map(|at| from + at)
    };
    let mut next_paren: Option<Option<usize>> = None;

    let mut prev_figure_end = 0;
    let mut sentence_start_local = 0;
    let mut current_sentence = usize::MAX;
    for token in tokens {
        let sentence = sentence_of(&out.sentences, token.start);
        if sentence != current_sentence {
            current_sentence = sentence;
            sentence_start_local = out.sentences.get(sentence).map_or(0, |s| s.start - start);
            prev_figure_end = prev_figure_end.max(sentence_start_local);
            depth_at = sentence_start_local;
            depth = 0;
        }
        if depth_at <= token.start {
            let mut paren = *next_paren.get_or_insert_with(|| paren_from(0));
            while let Some(at) = paren.filter(|&at| at < token.start) {
                paren = paren_from(at + 1);
                // Those before `depth_at` are of an earlier sentence.
                if at < depth_at {
                    continue;
                }
                if line.as_bytes().get(at) == Some(&b'(') {
                    depth = depth.saturating_add(1);
                } else {
                    // A stray `)` does not go below zero.
                    depth = (depth - 1).max(0);
                }
            }
            next_paren = Some(paren);
            depth_at = token.start;
        }
        // The label is searched for only as far back as it can reach: past the previous
        // figure, the sentence start and MAX_LABEL_BYTES, nothing is looked at. (And only
        // for a number that may still be a figure: see `classify_token`.)
        let label = || {
            let mut lower = prev_figure_end
                .max(sentence_start_local)
                .max(token.start.saturating_sub(MAX_LABEL_BYTES))
                .min(token.start);
            while !line.is_char_boundary(lower) {
                lower += 1;
            }
            let window = line.as_bytes().get(lower..token.start).unwrap_or_default();
            // The clause starts after the last `,` `;` `:` (a vectorised search backwards).
            // A `。` would end it too, but the window holds none: it lies in the token's
            // sentence, before the `。` that ends it (see `sentence_end`).
            let last_break = searches.last_clause_break(window);
            let label_start = last_break.map_or(lower, |at| lower + at + 1);
            crate::normalize::trim(line.get(label_start..token.start).unwrap_or(""))
        };
        let after = line.get(token.end..).unwrap_or("");
        // A number with no unit written may be a count (a unit's last character is no digit).
        if token.amount.unit.is_none()
            && let Some(len) = counting_word_at(after)
        {
            out.counted
                .push((start + token.end - 1, start + token.end + len));
        }
        let nested = depth > 0;
        let Some((label, reading)) = classify_token(&token, label, after, line, nested, readings)
        else {
            continue;
        };
        prev_figure_end = token.end;
        // Built in its place in the list, not returned and then moved there.
        let Reading {
            role,
            direction,
            overrun,
            share_base,
            concept,
            scope,
            says,
            may_name_function,
        } = reading;
        out.mentions.push(Mention {
            start: start + token.start,
            end: start + token.end,
            amount: token.amount,
            paragraph,
            sentence,
            label,
            role,
            direction,
            overrun,
            share_base,
            nested,
            concept,
            scope,
            assumed_unit: None,
            says,
            may_name_function,
        });
    }
}

/// Where the sentence of `line` starting at `from` ends (just after its `。` `!` `?`), if it
/// ends before the line does. It ends at the first of them at the latest: a sentence holds no
/// `。` before its end.
///
/// A "sentence" far longer than any written one (the longest in the fixtures and the
/// corpus is 1,191 bytes) is cut at a clause break, or anywhere at twice the bound: work
/// per sentence stays bounded on a megabyte without a full stop.
fn sentence_end(line: &str, from: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let stop = next_full_stop(bytes, from);
    // No character reaches the bound before the full stop: it ends the sentence. (The
    // byte search finds it without decoding every character.)
    if stop.map_or(line.len(), |(at, _)| at) <= from + MAX_SENTENCE_BYTES {
        return stop.map(|(at, len)| at + len);
    }
    let rest = line.get(from..)?;
    rest.char_indices().find_map(|(i, c)| {
        let overlong = (i >= MAX_SENTENCE_BYTES && matches!(c, ';' | ',' | ':'))
            || i >= 2 * MAX_SENTENCE_BYTES;
        (matches!(c, '。' | '!' | '?') || overlong).then(|| from + i + c.len_utf8())
    })
}

/// The first `。` `!` or `?` at or after `from`, and its length in bytes. `。` is found by
/// its last byte (see [`super::words::FULL_STOP_LAST`]).
fn next_full_stop(bytes: &[u8], mut from: usize) -> Option<(usize, usize)> {
    use super::words::{FULL_STOP, FULL_STOP_LAST, full_stop_ending_at};
    let start = from;
    loop {
        let at = from + BYTE_SEARCHES.full_stop(bytes.get(from..)?)?;
        if bytes.get(at) != Some(&FULL_STOP_LAST) {
            return Some((at, 1));
        }
        if let Some(begin) = full_stop_ending_at(bytes, at).filter(|&begin| begin >= start) {
            return Some((begin, FULL_STOP.len()));
        }
        from = at + 1;
    }
}

/// The bytes that break a clause: `,` `;` `:`.
const CLAUSE_BREAKS: [u8; 3] = [b',', b';', b':'];
/// The bytes that may end a sentence: `!` `?` and the last byte of `。` (see
/// [`next_full_stop`]).
const FULL_STOP_BYTES: [u8; 3] = [b'!', b'?', super::words::FULL_STOP_LAST];
/// The parentheses.
const PARENS: [u8; 2] = [b'(', b')'];

/// The byte searches of the scan, each set up once. `memchr::memchr` and its kin choose an
/// implementation through a function pointer and set up its vectors on every call: on the
/// lines, sentences and labels of the scan, a few dozen bytes each, that costs about as much
/// as the search itself (set up once, the scan of 100 generated disclosures took 1.3 M
/// fewer of its 49 M instructions). Without AVX2, those functions.
struct ByteSearches {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<Avx2Searches>,
}

#[cfg(target_arch = "x86_64")]
struct Avx2Searches {
    tab: memchr::arch::x86_64::avx2::memchr::One,
    paren: memchr::arch::x86_64::avx2::memchr::Two,
    full_stop: memchr::arch::x86_64::avx2::memchr::Three,
    clause_break: memchr::arch::x86_64::avx2::memchr::Three,
}

#[cfg(target_arch = "x86_64")]
impl Avx2Searches {
    /// The searches, where the machine has AVX2.
    fn new() -> Option<Self> {
        use memchr::arch::x86_64::avx2::memchr::{One, Three, Two};
        let [stop1, stop2, stop3] = FULL_STOP_BYTES;
        let [break1, break2, break3] = CLAUSE_BREAKS;
        let [open, close] = PARENS;
        Some(Avx2Searches {
            tab: One::new(b'\t')?,
            paren: Two::new(open, close)?,
            full_stop: Three::new(stop1, stop2, stop3)?,
            clause_break: Three::new(break1, break2, break3)?,
        })
    }
}

static BYTE_SEARCHES: LazyLock<ByteSearches> = LazyLock::new(|| ByteSearches {
    #[cfg(target_arch = "x86_64")]
    avx2: Avx2Searches::new(),
});

impl ByteSearches {
    /// The first tab in `haystack`.
    fn tab(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = &self.avx2 {
            return avx2.tab.find(haystack);
        }
        memchr::memchr(b'\t', haystack)
    }

    /// The first of [`PARENS`] in `haystack`.
    fn paren(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = &self.avx2 {
            return avx2.paren.find(haystack);
        }
        let [open, close] = PARENS;
        memchr::memchr2(open, close, haystack)
    }

    /// The first of [`FULL_STOP_BYTES`] in `haystack`.
    fn full_stop(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = &self.avx2 {
            return avx2.full_stop.find(haystack);
        }
        let [stop1, stop2, stop3] = FULL_STOP_BYTES;
        memchr::memchr3(stop1, stop2, stop3, haystack)
    }

    /// The last of [`CLAUSE_BREAKS`] in `haystack`.
    fn last_clause_break(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = &self.avx2 {
            return avx2.clause_break.rfind(haystack);
        }
        let [break1, break2, break3] = CLAUSE_BREAKS;
        memchr::memrchr3(break1, break2, break3, haystack)
    }
}

/// The bound past which a sentence is cut (see `scan_paragraph`).
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// The longest label kept before a figure, in bytes (the longest in the fixtures and the
/// corpus is 279): a bound that keeps the scan linear on a megabyte without a clause break.
const MAX_LABEL_BYTES: usize = 600;

/// Whether `token` is a figure, and if so its label (given by `label`, asked only once the
/// number may still be a figure) and what the label says about it.
fn classify_token<'l>(
    token: &amount::Token,
    label: impl FnOnce() -> &'l str,
    after: &str,
    line: &str,
    nested: bool,
    readings: &mut Readings,
) -> Option<(&'l str, Reading)> {
    let amount = token.amount;
    // A number with no unit is a figure only where a money label asks for one and nothing
    // else (a count word, a year) follows it. (Asked first: it turns away most numbers,
    // with one character.)
    if amount.unit.is_none() {
        let next = after.chars().next();
        let ends = next.is_none_or(|c| matches!(c, '。' | ',' | ';' | ':' | ')' | '、' | ' '));
        if !ends || amount.value.is_zero() && amount.decimals == 0 {
            return None;
        }
    }
    // Codes and numbering: `(类208)`, `第3`, `No.2`, dates: told by the character before
    // (`(类`, `(款`, `(项` then by the one before it).
    let mut before = line.get(..token.start).unwrap_or("").chars();
    let code_or_numbering = match before.next_back() {
        Some(c) if c.is_ascii() => matches!(c, '.' | '-' | '/' | '~') || c.is_ascii_alphabetic(),
        Some('第' | '—') => true,
        Some('类' | '款' | '项') => before.as_str().ends_with('('),
        _ => false,
    };
    if code_or_numbering {
        return None;
    }
    // `单位价值50万元以上的设备`: a threshold, not an amount. (Looked for only after a
    // parenthesis or a character that is not ASCII, and then only after one that may start
    // the words: most figures are followed by punctuation, a `。` among them.)
    if matches!(after.as_bytes().first(), Some(b'(' | b')' | 0x80..))
        && after.starts_with(['(', ')', '含', '以', '及'])
    {
        let after_unit = after.trim_start_matches(['(', '含', ')']);
        if ["以上", "以下", "及以上"]
            .iter()
            .any(|w| after_unit.starts_with(w))
        {
            return None;
        }
    }
    let label = label();
    let mut reading = |kind| readings.of(label, kind);
    let reading = match amount.unit {
        Some(Unit::Percent) => reading(Kind::Percent),
        Some(_) => reading(Kind::Money),
        None => {
            // `增加1193.20万元,增长13.95。`: a growth rate that lost its `%` sign.
            let tail = strip_fillers(label);
            if amount.decimals > 0
                && ["增长", "下降", "增幅", "减幅", "降幅"]
                    .iter()
                    .any(|w| tail.ends_with(w))
            {
                let reading = reading(Kind::Percent);
                if reading.role != Role::ChangePercent {
                    return None;
                }
                reading
            } else {
                let reading = reading(Kind::Money);
                if reading.role != Role::Level || reading.concept.is_none() || nested {
                    return None;
                }
                reading
            }
        }
    };
    Some((label, reading))
}

/// How a label is read: as the words before a percentage, or before money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Percent,
    Money,
}

/// What a label says about the figure after it: its role, direction, concept and scope.
#[derive(Debug, Clone, Copy)]
struct Reading {
    role: Role,
    direction: Option<Direction>,
    overrun: bool,
    share_base: ShareBase,
    concept: Option<Concept>,
    scope: Scope,
    says: BudgetWords,
    may_name_function: bool,
}

/// Readings kept per thread, by label (reading one takes word lists, the concept
/// automaton, fillers and directions), for each kind of figure.
#[derive(Default)]
struct Readings {
    percent: LabelMemo<Reading>,
    money: LabelMemo<Reading>,
}

thread_local! {
    static READINGS: RefCell<Readings> = RefCell::new(Readings::default());
}

impl Readings {
    /// The reading of `label` as `kind`, from the memo when it has been read before.
    fn of(&mut self, label: &str, kind: Kind) -> Reading {
        let memo = match kind {
            Kind::Percent => &mut self.percent,
            Kind::Money => &mut self.money,
        };
        memo.answer(label, || Reading::read(label, kind))
    }
}

impl Reading {
    /// Read `label` as `kind`.
    fn read(label: &str, kind: Kind) -> Reading {
        let words = LabelWords::of(label);
        let mut reading = Reading {
            role: Role::Level,
            direction: None,
            overrun: false,
            share_base: ShareBase::default(),
            concept: None,
            scope: words.scope(),
            says: BudgetWords::of(label, words),
            may_name_function: super::function::may_name_in_label(label),
        };
        match kind {
            Kind::Percent => classify_percent(&mut reading, label),
            Kind::Money => classify_money(&mut reading, label, words),
        }
        reading
    }
}

/// `text` without the copies of `word` it ends with (`trim_end_matches` with a word sets up
/// a substring search each time).
fn trim_end_word<'a>(mut text: &'a str, word: &str) -> &'a str {
    while let Some(rest) = text.strip_suffix(word) {
        text = rest;
    }
    text
}

/// Every word [`classify_percent`] reads as an overrun or a completion rate.
static RATE_WORDS: LazyWordList =
    LazyLock::new(|| WordList::new(&["超出", "超过", "超支", "执行率", "完成率", "完成"]));

fn classify_percent(m: &mut Reading, label: &str) {
    let tail = strip_fillers(label);
    if let Some(pos) = tail.rfind('占') {
        m.role = Role::Share;
        let base = &tail[pos + '占'.len_utf8()..];
        let base = ["的比重", "的比例", "比重", "比例"]
            .iter()
            .fold(base, |b, w| trim_end_word(b, w))
            .trim_end_matches('的')
            .trim_start_matches('比')
            .trim();
        m.share_base = ShareBase {
            exactly: concept::classify_exactly(base),
            unquoted: concept::classify_exactly(base.trim_start_matches(['“', '"'])),
        };
        return;
    }
    if let Some(dir) = trailing_direction(tail) {
        m.role = Role::ChangePercent;
        m.direction = Some(dir);
        return;
    }
    // Most percentages name neither an overrun nor a completion.
    if !RATE_WORDS.any_in(tail) {
        m.role = Role::Percent;
        return;
    }
    if tail.contains("超出") || tail.contains("超过") || tail.contains("超支") {
        if tail.contains("预算") {
            m.role = Role::Rate;
            m.overrun = true;
        }
        return;
    }
    if tail.contains("执行率")
        || tail.contains("完成率")
        || (tail.contains("完成") && tail.contains("预算"))
    {
        m.role = Role::Rate;
        return;
    }
    m.role = Role::Percent;
}

/// Split a change label at its comparison words and name the subject.
/// Whether a change's words name a subject of their own before the comparison
/// (`支出比2025年增加`), as opposed to only comparing (`比上年预算减少`, `与上年相比,增加`).
pub fn names_unknown_subject(label: &str) -> bool {
    let label = strip_fillers(label);
    // The subject ends where the comparison begins (`与上年…`, `比…`, `较…`, `同比`).
    let cut = ["与", "比", "较", "同比"]
        .iter()
        .filter_map(|w| label.find(w))
        .min();
    let Some(cut) = cut else { return false };
    let subject = label[..cut].trim_matches(|c: char| !is_cjk_letter(c));
    !subject.is_empty()
}

fn is_cjk_letter(c: char) -> bool {
    crate::amount::is_cjk(c)
}

/// Words that compare a figure with another year's.
const COMPARE: [&str; 7] = [
    "与上年相比",
    "与上年度相比",
    "比上年",
    "较上年",
    "同比",
    "相比",
    "比年初预算",
];

/// The characters of a comparison: each of [`COMPARE`] has one.
const COMPARING: [char; 2] = ['比', '较'];

fn change_subject(label: &str) -> Option<Concept> {
    // Drop the direction word itself: `收入合计减少` names 收入合计.
    let mut label = strip_fillers(label);
    for w in UP_WORDS.iter().chain(DOWN_WORDS.iter()) {
        if let Some(rest) = label.strip_suffix(w) {
            label = strip_fillers(rest);
            break;
        }
    }
    // Every comparison says 比 or 较: without them, the label is the subject.
    if !label.contains(COMPARING) {
        return concept::classify(label);
    }
    let mut cut = label.len();
    let mut after = 0;
    for w in COMPARE {
        if let Some(p) = label.find(w) {
            cut = cut.min(p);
            after = after.max(p + w.len());
        }
    }
    // `比2021年` / `较2025年年初预算`: a comparison with a named year.
    for (p, c) in label
        .char_indices()
        .filter(|(_, c)| matches!(c, '比' | '较'))
    {
        let rest = &label[p + c.len_utf8()..];
        if rest.starts_with(|d: char| d.is_ascii_digit()) {
            cut = cut.min(p);
            after = after.max(label.len());
        }
    }
    let head = label.get(..cut).unwrap_or("");
    let tail = label.get(after.min(label.len())..).unwrap_or("");
    concept::classify(head).or_else(|| concept::classify(tail))
}

/// A label without the number of items it ends with (`无形资产471项` → `无形资产`): assets
/// are counted, then valued.
fn without_item_count(label: &str) -> &str {
    let Some(rest) = label.strip_suffix('项') else {
        return label;
    };
    let name = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    if name.len() < rest.len() { name } else { label }
}

fn classify_money(m: &mut Reading, label: &str, words: LabelWords) {
    if let Some(dir) = trailing_direction(label) {
        m.role = Role::ChangeAmount;
        m.direction = Some(dir);
        m.concept = change_subject(label);
        return;
    }
    m.concept = concept::classify(without_item_count(label));
    // A figure for last year is not this year's level (but 上年结转 is this year's income);
    // a figure in a sentence of reasons (`主要原因是…增加人员经费X`) is a change, not a level.
    if let Some(c) = m.concept
        && ((words.last_year() && c != Concept::CarryOver) || words.reason())
    {
        m.concept = None;
    }
    // `比2025年年初预算数X万元增加…`: the figure compared with, last year's.
    let t = strip_fillers(label).trim_start_matches([',', ':']);
    if (t.starts_with('比') || t.starts_with('较') || t.starts_with('与'))
        && t.chars().count() <= 16
    {
        m.role = Role::Previous;
        m.concept = None;
    }
    // Words that look like a concept but are narrower than it.
    if words.narrower() {
        m.concept = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn mentions(text: &str) -> Vec<Mention<'_>> {
        scan(text).mentions
    }

    #[test]
    fn labels_roles_and_concepts_of_an_income_sentence() {
        let m = mentions(
            "2022年度收入合计8,274,739.11元。其中:财政拨款收入8,274,739.11元,占总收入的100%;事业收入0元(含教育收费0元),占总收入的0%。",
        );
        assert_eq!(m.len(), 6);
        assert_eq!(m[0].label, "2022年度收入合计");
        assert_eq!(m[0].concept, Some(Concept::IncomeForYear));
        assert_eq!(m[1].concept, Some(Concept::FiscalAppropriationIncome));
        assert_eq!(m[2].role, Role::Share);
        assert_eq!(m[2].share_base.exactly, Some(Concept::IncomeForYear));
        assert_eq!(m[3].concept, Some(Concept::OperatingServiceIncome));
        assert!(m[4].nested);
        assert_eq!(m[4].amount.value, dec!(0));
        // A label starts after the full stop of the sentence before, and after the last
        // clause break, but not at characters sharing bytes with `。` (`、《》`, `傂`).
        let m = mentions("收入合计5万元。支出、《合计》傂6万元,其中基本支出3万元");
        let labels: Vec<&str> = m.iter().map(|m| m.label).collect();
        assert_eq!(labels, ["收入合计", "支出、《合计》傂", "其中基本支出"]);
    }

    #[test]
    fn changes_with_directions_and_subjects() {
        let m = mentions(
            "与上年相比,收入合计减少3,878,054.23元,下降31.91%。基本支出6,271,100元,比上年预算减少155,500元,同比下降2.42%",
        );
        assert_eq!(m[0].role, Role::ChangeAmount);
        assert_eq!(m[0].direction, Some(Direction::Down));
        assert_eq!(m[0].concept, Some(Concept::IncomeForYear));
        assert_eq!(m[1].role, Role::ChangePercent);
        assert_eq!(m[1].direction, Some(Direction::Down));
        assert_eq!(m[2].role, Role::Level);
        assert_eq!(m[3].role, Role::ChangeAmount);
        assert_eq!(m[3].concept, None);
        assert_eq!(m[4].role, Role::ChangePercent);
    }

    #[test]
    fn rates_and_overruns() {
        let m = mentions("年初预算为0万元,支出决算为12.49万元,超出年初预算100%。执行率为100.00%");
        assert_eq!(m[2].role, Role::Rate);
        assert!(m[2].overrun);
        assert_eq!(m[3].role, Role::Rate);
        assert!(!m[3].overrun);
    }

    #[test]
    fn unitless_numbers_are_figures_only_where_a_money_label_asks() {
        let m = mentions("2022年度收、支总计均为553.29。在职人员编制38人,参保率97.66%");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].amount.unit, None);
        assert_eq!(m[0].concept, Some(Concept::TotalIncome));
        assert_eq!(m[1].role, Role::Percent);
        // Codes in function classes are not figures.
        assert!(mentions("社会保障和就业支出(类208)行政运行(项2080101)。").is_empty());
    }

    #[test]
    fn last_year_figures_have_no_concept_but_carry_over_does() {
        let m = mentions("上年收入合计5万元,上年结转收入346,001.67元");
        assert_eq!(m[0].concept, None);
        assert_eq!(m[1].concept, Some(Concept::CarryOver));
    }

    #[test]
    fn a_topic_heading_names_the_figure_after_it() {
        let m = mentions(
            "(一)因公出国(境)费用。2026年预算数166.98万元,主要用于国际交流。\n\
             (二)公务接待费\n2026年预算安排2.00万元,与上年持平。\n\
             (一)机关运行经费。2026年一般公共预算财政拨款运行经费1,815万元,比2025年增加21.99万元。",
        );
        let concepts: Vec<_> = m.iter().map(|m| (m.amount.value, m.concept)).collect();
        assert_eq!(
            concepts,
            [
                (dec!(166.98), Some(Concept::OverseasTrips)),
                (dec!(2.00), Some(Concept::Receptions)),
                (dec!(1815), Some(Concept::AdministrativeRunningCosts)),
                (dec!(21.99), None),
            ]
        );
        // Not a topic, not right after the heading, or named otherwise: no subject.
        for text in [
            "(一)主要职能。2026年预算数5万元。",
            "(一)因公出国(境)费用。本年不安排。2026年预算数5万元。",
            "(一)因公出国(境)费用。会议费5万元。",
            "因公出国(境)费用。2026年预算数5万元。",
            "(一)因公出国(境)费用。2025年执行数4万元,2026年预算数5万元。",
        ] {
            assert_eq!(mentions(text)[0].concept, None, "{text}");
        }
    }

    #[test]
    fn assets_counted_then_valued() {
        let m = mentions("长期投资0项0万元。在建工程1项12277.73万元。无形资产471项234.37万元。");
        let concepts: Vec<_> = m.iter().map(|m| (m.amount.value, m.concept)).collect();
        assert_eq!(
            concepts,
            [
                (dec!(0), Some(Concept::ExternalInvestments)),
                (dec!(12277.73), Some(Concept::ConstructionInProgress)),
                (dec!(234.37), Some(Concept::IntangibleAssets)),
            ]
        );
    }

    #[test]
    fn procurement_projects_are_no_one_project() {
        let m = mentions(
            "2024年度本部门面向中小企业预留政府采购项目预算金额21.07万元,面向小微企业预留政府采购项目预算金额20.07万元。",
        );
        assert_eq!(m[0].concept, Some(Concept::SmeContracts));
        assert_eq!(m[1].concept, Some(Concept::MicroSmallContracts));
        // A project's paragraph still names no department figure.
        let m = mentions("1、宣传经费项目,项目支出5万元。");
        assert_eq!(m[0].concept, None);
    }

    #[test]
    fn counting_words_are_told_by_their_first_character() {
        let shortest = |after: &str| {
            COUNTING_WORDS
                .iter()
                .filter(|w| after.starts_with(**w))
                .map(|w| w.len())
                .min()
        };
        let mut texts: Vec<String> = ["", "批", "批次", "人次", "人", "次日", "个人", "元", ","]
            .iter()
            .map(|t| t.to_string())
            .collect();
        texts.extend(COUNTING_WORDS.iter().map(|w| format!("{w}。")));
        texts.extend(('\u{4e00}'..='\u{9fff}').map(|c| format!("{c}次")));
        for text in &texts {
            assert_eq!(counting_word_at(text), shortest(text), "{text}");
        }
    }

    #[test]
    fn codes_and_numbering_are_not_figures() {
        for text in [
            "第3万元",
            "No.2万元",
            "A3万元",
            "2023-12万元",
            "1/2万元",
            "3~4万元",
            "一—5万元",
            "社会保障(类208万元",
            "(款2万元",
            "(项2万元",
        ] {
            let last = mentions(text).last().map(|m| m.amount.value);
            assert!(
                last.is_none_or(|v| !text.ends_with(&format!("{v}万元"))),
                "{text}"
            );
        }
        // Only those: a CJK character or a space before the number does not turn it away.
        for text in ["收入5万元", "收入 5万元", "(类)5万元", "第一5万元"] {
            assert_eq!(mentions(text).len(), 1, "{text}");
        }
        // Thresholds, however the unit is followed.
        for text in [
            "单位价值50万元以上的设备",
            "50万元(含)以上",
            "50万元含以下",
            "50万元及以上",
        ] {
            assert!(mentions(text).is_empty(), "{text}");
        }
        for text in ["50万元,以上", "50万元以外", "50万元。以下"] {
            assert_eq!(mentions(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn every_comparison_has_a_comparing_character() {
        assert!(COMPARE.iter().all(|w| w.contains(COMPARING)));
        assert!(FILLERS.iter().all(|f| f.ends_with(FILLER_ENDINGS)));
        // `决算` is in a label as it is in the label without its fillers.
        assert!(FILLERS.iter().all(|f| !f.contains(['决', '算'])));
    }

    #[test]
    fn byte_searches_set_up_once_agree_with_memchr() {
        let searches = &*BYTE_SEARCHES;
        // Each byte looked for, and bytes next to them, at each place of texts of every
        // length up to two vectors and a half (a byte-by-byte, a 16-byte and a 32-byte
        // search), from a few starts.
        for len in 0..80 {
            for at in 0..=len {
                for b in [
                    b'\n', b'\t', b'(', b')', b'!', b'?', 0x82, b',', b';', b':', b'0',
                ] {
                    let mut bytes = "收入".repeat(len).into_bytes();
                    bytes.truncate(len);
                    if let Some(byte) = bytes.get_mut(at) {
                        *byte = b;
                    }
                    for from in [0, 1, 17].into_iter().filter(|&from| from <= len) {
                        let h = &bytes[from..];
                        assert_eq!(searches.tab(h), memchr::memchr(b'\t', h));
                        assert_eq!(searches.paren(h), memchr::memchr2(b'(', b')', h));
                        assert_eq!(searches.full_stop(h), memchr::memchr3(b'!', b'?', 0x82, h));
                        assert_eq!(
                            searches.last_clause_break(h),
                            memchr::memrchr3(b',', b';', b':', h)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn paragraphs_are_the_lines_of_the_text() {
        for text in [
            "",
            "a",
            "a\n",
            "\n",
            "\n\n",
            "a\nb",
            "收入5万元\n\t6\n1.....2\n",
        ] {
            let ranges: Vec<(usize, usize)> = scan(text)
                .paragraphs
                .iter()
                .map(|p| (p.start, p.end))
                .collect();
            let mut start = 0;
            let expected: Vec<(usize, usize)> = text
                .split('\n')
                .map(|line| {
                    let range = (start, start + line.len());
                    start += line.len() + 1;
                    range
                })
                .collect();
            assert_eq!(ranges, expected, "{text:?}");
        }
    }

    /// The line starts normalisation knows split the text as a search for its `\n` does.
    #[test]
    fn line_starts_of_normalisation_give_the_same_scan() {
        for raw in [
            "",
            "a",
            "\n\n",
            "收入5万元\r\n支出6万元\r\n",
            "收入5万元\r支出6万元",
            "收入5万元\n\t6\n1.....2\n",
            "(一)收入预算。年初预算数19,230.18万元。\n\n支出12万元;其中:基本支出3万元",
        ] {
            let normalized = crate::normalize::normalize(raw);
            let text = normalized.text.as_str();
            let given = scan_lines_at(text, normalized.line_starts());
            let searched = scan(text);
            let paragraphs = |s: &Scanned| -> Vec<(usize, usize, bool)> {
                s.paragraphs
                    .iter()
                    .map(|p| (p.start, p.end, p.skipped))
                    .collect()
            };
            let figures = |s: &Scanned| -> Vec<(usize, usize, String)> {
                s.mentions
                    .iter()
                    .map(|m| (m.start, m.end, m.label.to_owned()))
                    .collect()
            };
            assert_eq!(paragraphs(&given), paragraphs(&searched), "{raw:?}");
            assert_eq!(figures(&given), figures(&searched), "{raw:?}");
        }
    }

    #[test]
    fn tables_and_toc_lines_are_skipped() {
        assert!(mentions("收入合计\t5\t6").is_empty());
        assert!(mentions("一、收入决算情况说明.....6").is_empty());
    }

    /// ../shared/corpus/023: `(一)收入预算。` heads its own paragraph's first figure.
    #[test]
    fn a_heading_run_into_its_paragraph_names_the_first_figure() {
        let text = "(一)收入预算。2026年年初预算数19,230.18万元,其中:一般公共预算拨款18,417.70万元。\n(二)支出预算。2026年年初预算数19,230.18万元。\n";
        let s = scan(text);
        let concepts: Vec<Option<Concept>> = s.mentions.iter().map(|m| m.concept).collect();
        assert_eq!(
            concepts,
            [
                Some(Concept::TotalIncome),
                Some(Concept::GeneralPublicBudgetIncome),
                Some(Concept::TotalExpenditure)
            ]
        );
        // Not after a sentence that is not a heading.
        let s = scan("本部门收支情况如下。2026年年初预算数19,230.18万元。\n");
        assert_eq!(s.mentions.first().and_then(|m| m.concept), None);
    }
}
