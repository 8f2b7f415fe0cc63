//! Fixed words that extraction asks about over and over: searchers built once, not for each
//! question.
//!
//! Owns the shapes of such questions. [`WordList`] (and [`WordLists`]): does a short text (a
//! label, a sentence) contain any of a list of words — one automaton pass instead of a
//! substring search (with its setup) per word. [`Word`]: where does one word occur in a long
//! text (the whole document) — a vectorised `memmem` search. [`Words`]: where do several
//! words occur in a long text — one vectorised multi-word pass (Teddy), which costs about
//! three `memmem` passes, so it pays for four words or more. None knows what the words mean;
//! the lists live beside the code that asks.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use memchr::memmem;

/// A list of words, any of which may be asked for in a short text.
pub struct WordList {
    automaton: Option<AhoCorasick>,
    /// The length of the shortest word, in bytes.
    shortest: usize,
}

/// The length of the shortest of `words` in bytes (0 for none).
fn shortest(words: &[&str]) -> usize {
    words.iter().map(|w| w.len()).min().unwrap_or(0)
}

impl WordList {
    /// The automaton is a DFA without prefilter: the texts asked about are short (labels of a
    /// few dozen bytes), where setting up a prefilter costs more than it saves, and the
    /// prefilters' rare bytes are not rare in Chinese UTF-8.
    pub fn new(words: &[&str]) -> Self {
        Self::of_kind(words, AhoCorasickKind::DFA)
    }

    /// A list asked about only now and then (behind a [`LabelMemo`]): a contiguous NFA,
    /// searched a little more slowly than a DFA but built for a fraction of its cost.
    pub fn rarely_asked(words: &[&str]) -> Self {
        Self::of_kind(words, AhoCorasickKind::ContiguousNFA)
    }

    fn of_kind(words: &[&str], kind: AhoCorasickKind) -> Self {
        let automaton = AhoCorasick::builder()
            .kind(Some(kind))
            .prefilter(false)
            .build(words)
            .ok();
        WordList {
            automaton,
            shortest: shortest(words),
        }
    }

    /// Whether `text` contains any of the words (`words.iter().any(|w| text.contains(w))`).
    pub fn any_in(&self, text: &str) -> bool {
        // Many labels are empty or a character long: too short for any word.
        text.len() >= self.shortest && self.automaton.as_ref().is_some_and(|a| a.is_match(text))
    }
}

/// Several lists of words asked about the same short texts: which lists have a word in a
/// text, in one pass over it (rather than one pass per list).
pub struct WordLists {
    automaton: Option<AhoCorasick>,
    /// The list of each word, in the automaton's pattern order.
    list_of: Vec<usize>,
    /// The length of the shortest word, in bytes.
    shortest: usize,
}

impl WordLists {
    /// At most 64 lists (a bit each in [`ListsFound`]).
    pub fn new(lists: &[&[&str]]) -> Self {
        let (list_of, words): (Vec<usize>, Vec<&str>) = lists
            .iter()
            .enumerate()
            .flat_map(|(list, words)| words.iter().map(move |w| (list, *w)))
            .unzip();
        // As for `WordList`: a DFA without prefilter, for short texts.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(&words)
            .ok();
        WordLists {
            automaton,
            list_of,
            shortest: shortest(&words),
        }
    }

    /// Which lists have a word in `text`.
    pub fn found_in(&self, text: &str) -> ListsFound {
        let mut found = ListsFound(0);
        if text.len() < self.shortest {
            return found;
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                if let Some(&list) = self.list_of.get(m.pattern().as_usize()) {
                    found.0 |= 1u64.checked_shl(list as u32).unwrap_or(0);
                }
            }
        }
        found
    }
}

/// The lists of a [`WordLists`] with a word in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListsFound(u64);

impl ListsFound {
    /// Whether list `list` (its index in [`WordLists::new`]) has a word in the text.
    pub fn has(self, list: usize) -> bool {
        1u64.checked_shl(list as u32)
            .is_some_and(|bit| self.0 & bit != 0)
    }
}

/// A word searched for in long texts.
pub struct Word {
    finder: memmem::Finder<'static>,
}

impl Word {
    pub fn new(word: &'static str) -> Self {
        Word {
            finder: memmem::Finder::new(word),
        }
    }

    /// The length of the word in bytes.
    pub fn byte_len(&self) -> usize {
        self.finder.needle().len()
    }

    /// Whether `text` contains the word.
    pub fn in_text(&self, text: &str) -> bool {
        self.finder.find(text.as_bytes()).is_some()
    }

    /// Where the word first starts in `bytes`.
    pub fn find(&self, bytes: &[u8]) -> Option<usize> {
        self.finder.find(bytes)
    }

    /// Where the word starts in `text`, left to right, not overlapping
    /// (`text.match_indices(word)`).
    pub fn starts<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        self.finder.find_iter(text.as_bytes())
    }

    /// How many times the word occurs in `text` (`text.matches(word).count()`).
    pub fn count(&self, text: &str) -> usize {
        self.starts(text).count()
    }
}

/// Several words searched for in long texts together: where each occurs, in one pass over
/// the text rather than one [`Word`] search each.
///
/// For [`Words::starts`], the words must be such that no occurrence of one can overlap an occurrence of any
/// (itself included): then the leftmost-first matches of a single pass are every
/// occurrence of every word. Words of whole characters none of which share a character
/// are (a character cannot start inside another, and a word cannot overlap itself without
/// repeating one).
pub struct Words {
    /// A vectorised multi-word search (Teddy), where the machine has one.
    packed: Option<aho_corasick::packed::Searcher>,
    /// One search per word otherwise.
    each: Vec<Word>,
}

impl Words {
    pub fn new(words: &[&'static str]) -> Self {
        Self::searched(words, true)
    }

    /// `packed`: whether to try the vectorised search (false: one search per word, as on a
    /// machine without it).
    fn searched(words: &[&'static str], packed: bool) -> Self {
        // Not `AhoCorasick` with its prefilter: for these words it would choose to look for
        // their first bytes, which in Chinese UTF-8 begin most characters.
        let packed = packed
            .then(|| {
                aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(words)
                    .build()
            })
            .flatten();
        let each = match packed {
            Some(_) => Vec::new(),
            None => words.iter().map(|w| Word::new(w)).collect(),
        };
        Words { packed, each }
    }

    /// Whether `text` contains any of the words (`words.iter().any(|w| text.contains(w))`):
    /// one pass however many words there are, and for this question the words may overlap.
    pub fn any_in(&self, text: &str) -> bool {
        match &self.packed {
            Some(packed) => packed.find(text).is_some(),
            None => self.each.iter().any(|word| word.in_text(text)),
        }
    }

    /// Where the words occur in `text[from..to]`, pushed onto `found` by start: (index of the
    /// word, start in `text`). Nothing for a range that is not one of `text`.
    pub fn starts(&self, text: &str, from: usize, to: usize, found: &mut Vec<(usize, usize)>) {
        let Some(stretch) = text.get(from..to) else {
            return;
        };
        match &self.packed {
            Some(packed) => found.extend(
                packed
                    .find_iter(stretch)
                    .map(|m| (m.pattern().as_usize(), from + m.start())),
            ),
            None => {
                let first = found.len();
                found.extend(
                    self.each
                        .iter()
                        .enumerate()
                        .flat_map(|(k, word)| word.starts(stretch).map(move |at| (k, from + at))),
                );
                if let Some(these) = found.get_mut(first..) {
                    these.sort_unstable_by_key(|&(_, at)| at);
                }
            }
        }
    }
}

/// Answers to a question asked of labels, kept by label: disclosures say the same few
/// hundred labels over and over (1,860 figures of the corpus have 800), so a lookup (with a
/// fast, non-cryptographic hash) saves the searches that answer it. Bounded: past
/// [`LabelMemo::MAX_LABELS`] labels it starts again. Meant for a `thread_local!`.
pub struct LabelMemo<V> {
    answers: foldhash::HashMap<String, V>,
}

impl<V> Default for LabelMemo<V> {
    fn default() -> Self {
        LabelMemo {
            answers: foldhash::HashMap::default(),
        }
    }
}

impl<V: Clone> LabelMemo<V> {
    /// The most labels kept.
    pub const MAX_LABELS: usize = 4096;

    /// The answer for `label`: kept, or found by `ask` and kept.
    pub fn answer(&mut self, label: &str, ask: impl FnOnce() -> V) -> V {
        if let Some(answer) = self.answers.get(label) {
            return answer.clone();
        }
        let answer = ask();
        if self.answers.len() >= Self::MAX_LABELS {
            self.answers.clear();
        }
        self.answers.insert(label.to_owned(), answer.clone());
        answer
    }
}

/// A lazily built [`WordList`], for `static`s.
pub type LazyWordList = LazyLock<WordList>;

/// A lazily built [`Word`], for `static`s.
pub type LazyWord = LazyLock<Word>;

/// Where the first clause of `text` ends: at its first `:` `,` `。` or `;`, or its end
/// (`text.find([':', ',', '。', ';'])`, by byte searches rather than decoding each
/// character).
pub fn first_clause_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let ascii = memchr::memchr3(b':', b',', b';', bytes).unwrap_or(bytes.len());
    bytes.get(..ascii).and_then(find_full_stop).unwrap_or(ascii)
}

/// Where the clauses of `text` break: each `:` `,` `;` and `。` (the starts of
/// `text.match_indices([':', ',', ';', '。'])`), by bytes rather than decoding each
/// character.
pub fn clause_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter_map(move |(at, &b)| match b {
            b':' | b',' | b';' => Some(at),
            FULL_STOP_LAST => full_stop_ending_at(bytes, at),
            _ => None,
        })
}

/// The lines of `text` (`text.split('\n')`), found by a vectorised byte search.
pub fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain([text.len()])
        .map(move |end| {
            let line = text.get(start..end).unwrap_or("");
            start = end + 1;
            line
        })
}

/// `。` in UTF-8.
pub(crate) const FULL_STOP: &[u8] = "。".as_bytes();

/// The last byte of [`FULL_STOP`]: it ends fewer other characters than its first byte
/// begins (`、`, `《》` and `【】` share that), so `。` is looked for by it.
pub(crate) const FULL_STOP_LAST: u8 = 0x82;

/// Where a `。` ending at `last` (a [`FULL_STOP_LAST`]) of `bytes` starts, if one does.
pub(crate) fn full_stop_ending_at(bytes: &[u8], last: usize) -> Option<usize> {
    let start = (last + 1).checked_sub(FULL_STOP.len())?;
    (bytes.get(start..=last) == Some(FULL_STOP)).then_some(start)
}

/// Where the first `。` of `bytes` starts (a byte search for its last byte).
fn find_full_stop(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(FULL_STOP_LAST, bytes).find_map(|at| full_stop_ending_at(bytes, at))
}

/// How many times a text says `决算` and `预算` (`text.matches(…).count()` of each): how
/// a final account is told from a budget. One search for the `算` they end with.
pub fn final_and_budget_counts(text: &str) -> (usize, usize) {
    static SUAN: LazyWord = LazyLock::new(|| Word::new("算"));
    let mut counts = (0, 0);
    for at in SUAN.starts(text) {
        let before = text.get(..at).unwrap_or("");
        if before.ends_with('决') {
            counts.0 += 1;
        } else if before.ends_with('预') {
            counts.1 += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_stop_is_looked_for_by_its_last_byte() {
        assert_eq!(FULL_STOP.last(), Some(&FULL_STOP_LAST));
    }

    #[test]
    fn the_first_clause_ends_at_the_first_break() {
        for text in [
            "",
            "收入",
            "收入。合计,1",
            "a:b。c",
            "一、收入;支出",
            "。",
            "收入,",
            // Characters sharing bytes with `。`: `、` its first two, `傂` (E5 82 82) its last.
            "一、二《三》傂。",
            "傂,",
        ] {
            assert_eq!(
                first_clause_end(text),
                text.find([':', ',', '。', ';']).unwrap_or(text.len()),
                "{text}"
            );
        }
    }

    #[test]
    fn clauses_break_where_str_finds_the_breaks() {
        for text in [
            "",
            "收入",
            "收入。合计,1",
            "a:b。c;d",
            "。。",
            ",",
            "一、二《三》傂。傂,",
        ] {
            assert_eq!(
                clause_breaks(text).collect::<Vec<_>>(),
                text.match_indices([':', ',', ';', '。'])
                    .map(|(at, _)| at)
                    .collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn lines_are_those_of_split() {
        for text in ["", "\n", "a", "a\n", "\na\n\nb", "收入\n支出\r\n"] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.split('\n').collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn lists_and_words_agree_with_str_searches() {
        let list = WordList::new(&["上年", "去年", "上一年"]);
        for text in [
            "",
            "上",
            "比上年增加",
            "去",
            "2021年去年",
            "上一",
            "上一年度",
        ] {
            let expected = ["上年", "去年", "上一年"].iter().any(|w| text.contains(w));
            assert_eq!(list.any_in(text), expected, "{text}");
        }
        let word = Word::new("决算");
        let text = "决算决算,预算决算。";
        assert_eq!(word.count(text), text.matches("决算").count());
        assert_eq!(
            word.starts(text).collect::<Vec<_>>(),
            text.match_indices("决算")
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        );
        assert!(!word.in_text("预算"));
        assert_eq!(word.byte_len(), "决算".len());
        let lists: [&[&str]; 3] = [&["上年", "上一年"], &["年"], &["增加"]];
        let found = WordLists::new(&lists);
        for text in ["", "上一年度", "比上年增加", "增", "年初"] {
            for (i, list) in lists.iter().enumerate() {
                let expected = list.iter().any(|w| text.contains(w));
                assert_eq!(found.found_in(text).has(i), expected, "{text} {i}");
            }
        }
        let words = ["中", "主要", "具体是", "包括:"];
        for text in [
            "",
            "中",
            "其中:主要包括:具体是中中,包括:",
            "主要用于以下几个方面:中,包括",
            "包括:中",
        ] {
            let mut expected: Vec<(usize, usize)> = words
                .iter()
                .enumerate()
                .flat_map(|(k, w)| text.match_indices(w).map(move |(at, _)| (k, at)))
                .collect();
            expected.sort_unstable_by_key(|&(_, at)| at);
            for packed in [true, false] {
                let searched = Words::searched(&words, packed);
                let mut found = Vec::new();
                searched.starts(text, 0, text.len(), &mut found);
                assert_eq!(found, expected, "{text}");
                // A stretch of the text: the words wholly inside it, at their places in the
                // text, after what was found before.
                let (from, to) = ("其".len().min(text.len()), text.len());
                if let Some(stretch) = text.get(from..to) {
                    let mut inside: Vec<(usize, usize)> = words
                        .iter()
                        .enumerate()
                        .flat_map(|(k, w)| {
                            stretch.match_indices(w).map(move |(at, _)| (k, from + at))
                        })
                        .collect();
                    inside.sort_unstable_by_key(|&(_, at)| at);
                    let before = found.len();
                    searched.starts(text, from, to, &mut found);
                    assert_eq!(found.get(before..), Some(inside.as_slice()), "{text}");
                }
            }
        }
        // Overlapping words (`公务用车辆`), asked only whether any is there.
        let words = ["车辆", "机动车", "公务用车", "团组"];
        for text in [
            "",
            "车",
            "公务用车辆",
            "机动",
            "派出团组",
            "公务用",
            "机动车",
        ] {
            let expected = words.iter().any(|w| text.contains(w));
            for packed in [true, false] {
                assert_eq!(
                    Words::searched(&words, packed).any_in(text),
                    expected,
                    "{text}"
                );
            }
        }
        let text = "决算预算决算,算了预决算。预算";
        assert_eq!(
            final_and_budget_counts(text),
            (text.matches("决算").count(), text.matches("预算").count())
        );
    }
}
