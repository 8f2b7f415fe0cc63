//! Breakdowns: a total followed by its parts (其中… / 主要用于以下方面… / 如下:).
//!
//! Owns the grouping of figures into lists — inline (`收入合计X元。其中:A a;B b`) and over
//! several lines (a paragraph ending with `:` followed by one item a line) — and the
//! choice of each list's total (its head). It does not decide whether a list is
//! exhaustive: [`super::relations`] does, from the concepts involved.

use std::sync::LazyLock;

use super::scan::Scanned;
use super::words::Words;
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
const INLINE_MARKERS: [&str; 6] = [
    "其中",
    "主要用于以下方面",
    "主要用于以下几个方面",
    "具体是",
    "主要包括",
    "包括:",
];

/// A list marker found in the text: where it starts, and which (an index into
/// [`INLINE_MARKERS`], or [`NAMED_HEAD`] for `中,`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct MarkerAt {
    start: usize,
    marker: usize,
}

/// The marker index of `中,` (`“三公”经费财政拨款支出决算中,A a,B b`): the words before it
/// name the total.
const NAMED_HEAD: usize = INLINE_MARKERS.len();

impl MarkerAt {
    fn len(self) -> usize {
        marker_word(self.marker).map_or(0, str::len)
    }

    fn end(self) -> usize {
        self.start + self.len()
    }
}

/// Words one of which most markers contain: the text is searched for these, and each
/// occurrence checked for the markers around it.
const ANCHORS: [&str; 4] = ["中", "主要", "具体是", "包括:"];

/// The marker at `marker` (an index into [`INLINE_MARKERS`], or [`NAMED_HEAD`]).
fn marker_word(marker: usize) -> Option<&'static str> {
    INLINE_MARKERS
        .get(marker)
        .copied()
        .or((marker == NAMED_HEAD).then_some("中,"))
}

/// The search [`markers_in`] makes: the anchors (for each marker, the first of [`ANCHORS`]
/// it contains, or the marker itself), looked for together, and for each anchor the
/// markers it finds with where it stands in them.
struct AnchorSearch {
    anchors: Words,
    markers: Vec<Vec<(usize, usize)>>,
}

fn anchor_search() -> &'static AnchorSearch {
    static SEARCH: LazyLock<AnchorSearch> = LazyLock::new(|| {
        let mut anchors: Vec<&'static str> = Vec::new();
        let mut markers: Vec<Vec<(usize, usize)>> = Vec::new();
        for marker in 0..=NAMED_HEAD {
            let Some(word) = marker_word(marker) else {
                continue;
            };
            let (anchor, offset) = ANCHORS
                .iter()
                .find_map(|a| word.find(a).map(|offset| (*a, offset)))
                .unwrap_or((word, 0));
            match anchors.iter().position(|a| *a == anchor) {
                Some(k) => markers
                    .get_mut(k)
                    .into_iter()
                    .for_each(|m| m.push((marker, offset))),
                None => {
                    anchors.push(anchor);
                    markers.push(vec![(marker, offset)]);
                }
            }
        }
        // The anchors share no character, so none can overlap another (see `Words`).
        AnchorSearch {
            anchors: Words::new(&anchors),
            markers,
        }
    });
    &SEARCH
}

/// Every inline marker and every `中,` that starts and ends in one of `stretches` of the
/// text (byte ranges in text order, not overlapping), by start: each marker's
/// `match_indices` (none overlaps itself) there. One vectorised search of each stretch for
/// all the anchors, rather than an automaton over each sentence (a tenth of extraction)
/// or a search for each anchor.
fn markers_in(text: &str, stretches: &[(usize, usize)]) -> Vec<MarkerAt> {
    let search = anchor_search();
    let mut anchors = Vec::new();
    for &(from, to) in stretches {
        search.anchors.starts(text, from, to, &mut anchors);
    }
    let mut found = Vec::new();
    for (anchor, at) in anchors {
        for &(marker, offset) in search.markers.get(anchor).map_or(&[][..], Vec::as_slice) {
            let Some(start) = at.checked_sub(offset) else {
                continue;
            };
            let here = text.get(start..).unwrap_or("");
            if marker_word(marker).is_some_and(|w| here.starts_with(w)) {
                found.push(MarkerAt { start, marker });
            }
        }
    }
    found.sort_unstable();
    found
}

/// `收入…包括:A a、B b;支出包括:…`: a list that names its parts up to the clause of the
/// next `包括:`.
const UNTIL_SEMICOLON: &str = "包括:";

/// The indices of the mentions starting in `[from, to)`: mentions are in text order, so
/// this is a binary search, not a scan of every mention.
fn mentions_between(scanned: &Scanned, from: usize, to: usize) -> std::ops::Range<usize> {
    let a = scanned.mentions.partition_point(|m| m.start < from);
    let b = scanned.mentions.partition_point(|m| m.start < to);
    a..b.max(a)
}

/// The indices of the mentions of one sentence.
fn mentions_of_sentence(scanned: &Scanned, sentence: usize) -> std::ops::Range<usize> {
    scanned
        .sentences
        .get(sentence)
        .map_or(0..0, |s| mentions_between(scanned, s.start, s.end))
}

/// The latest money level stating a concept before a position, by binary search over an
/// index of each concept's figures built on first use (a walk back over every figure for
/// each question was quadratic on texts of many lists or shares naming a concept).
pub struct Latest<'a> {
    scanned: &'a Scanned<'a>,
    index: std::cell::OnceCell<Vec<(Concept, usize)>>,
}

impl<'a> Latest<'a> {
    pub fn new(scanned: &'a Scanned) -> Self {
        Latest {
            scanned,
            index: std::cell::OnceCell::new(),
        }
    }

    /// The last money level of `concept` ending at `pos` or before.
    pub fn of(&self, concept: Concept, pos: usize) -> Option<usize> {
        let mentions = &self.scanned.mentions;
        let index = self.index.get_or_init(|| {
            let mut index: Vec<(Concept, usize)> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.is_money_level())
                .filter_map(|(i, m)| m.concept.map(|c| (c, i)))
                .collect();
            index.sort_unstable();
            index
        });
        let from = index.partition_point(|&(c, _)| c < concept);
        let to = index.partition_point(|&(c, _)| c <= concept);
        let these = index.get(from..to).unwrap_or_default();
        // Figures are in text order and do not overlap: their ends increase too.
        let before = these.partition_point(|&(_, i)| mentions.get(i).is_some_and(|m| m.end <= pos));
        before
            .checked_sub(1)
            .and_then(|k| these.get(k))
            .map(|&(_, i)| i)
    }
}

/// The concept a list's head words name (`“三公”经费财政拨款支出决算中,`).
fn concept_head(text: &str, sentence_start: usize, pos: usize) -> Option<Concept> {
    let before = text.get(sentence_start..pos)?;
    let clause = before.trim_end_matches([',', ':', ' ']);
    let clause = clause.strip_suffix('中').unwrap_or(clause);
    let clause = clause.rsplit([',', ';', ':']).next().unwrap_or(clause);
    concept::classify(clause)
}

/// Where each sentence's run ends, by sentence: the end of the sentence, or of the sentences
/// after it while each paragraph ends with `;` (a list broken over lines by a PDF,
/// `…占0.31%;⏎住房保障支出…`, goes on). Every sentence of a run has the same end: found
/// from the last sentence back, each sentence is looked at once (not once per list marker,
/// nor again for each sentence of a run).
fn run_on_ends(text: &str, scanned: &Scanned) -> Vec<usize> {
    let sentences = &scanned.sentences;
    let mut ends = vec![0; sentences.len()];
    for k in (0..sentences.len()).rev() {
        let Some(s) = sentences.get(k) else { continue };
        let run_on = sentences.get(k + 1).is_some_and(|next| {
            let ends_open = text
                .get(..s.end)
                .is_some_and(|t| crate::normalize::trim_end(t).ends_with(';'));
            ends_open
                && !text.get(next.start..next.end).is_some_and(|t| {
                    crate::segment::heading_marker(crate::normalize::trim_start(t)).is_some()
                })
        });
        let end = if run_on {
            ends.get(k + 1).copied().unwrap_or(s.end)
        } else {
            s.end
        };
        if let Some(slot) = ends.get_mut(k) {
            *slot = end;
        }
    }
    ends
}

/// Most bytes between two sentences searched as one stretch for list markers (a marker
/// found between sentences belongs to none, and is passed over).
const STRETCH_GAP: usize = 64;

/// The stretches of text where a list marker may open a list: the sentences with a money
/// level (not an aside) starting between the sentence's start and the end of its run,
/// joined where they follow each other. A list is kept only with parts, and its parts are
/// such money levels after its marker and before the end of its run: a marker in any other
/// sentence lists nothing. (A marker across a stretch's edge crosses its sentence's, and is
/// passed over as well.)
fn listing_stretches(scanned: &Scanned, run_ends: &[usize]) -> Vec<(usize, usize)> {
    let levels = &scanned.mentions;
    let mut next_level = 0;
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for (s, &run_end) in scanned.sentences.iter().zip(run_ends) {
        // Sentences come in text order: the first money level starting in each or after
        // it is found on from the one before.
        while levels
            .get(next_level)
            .is_some_and(|m| m.start < s.start || !m.is_money_level() || m.nested)
        {
            next_level += 1;
        }
        if levels.get(next_level).is_none_or(|m| m.start >= run_end) {
            continue;
        }
        match stretches.last_mut() {
            Some(last) if last.1 + STRETCH_GAP >= s.start => last.1 = last.1.max(s.end),
            _ => stretches.push((s.start, s.end)),
        }
    }
    stretches
}

/// Where a `其中` list without a colon ends: at the first `;`, unless the next clause lists
/// a sibling of the first part (`其中基本支出X元,占…;项目支出Y元,占…`).
fn siblings_end(text: &str, scanned: &Scanned, from: usize, sentence_end: usize) -> usize {
    let first_concept = |a: usize, b: usize| {
        scanned
            .mentions
            .get(mentions_between(scanned, a, b))
            .unwrap_or_default()
            .iter()
            .find(|m| m.start >= a && m.end <= b && m.is_money_level() && !m.nested)
            .and_then(|m| m.concept)
    };
    let mut end = from;
    let mut family: Option<Concept> = None;
    loop {
        let rest = text.get(end..sentence_end).unwrap_or("");
        let next = rest.find(';').map_or(sentence_end, |p| end + p);
        let concept = first_concept(end, next);
        let first = end == from;
        let sibling = match (family, concept) {
            _ if first => {
                family = concept;
                true
            }
            (Some(f), Some(c)) => concept::are_siblings(f, c),
            _ => false,
        };
        if !sibling {
            return end.saturating_sub(1).max(from);
        }
        if next >= sentence_end {
            return sentence_end;
        }
        end = next + 1;
    }
}

/// The most figures one list may take as its parts: inline, among the first `MAX_PARTS`
/// figures after its marker; over lines, its first `MAX_PARTS` item lines. No disclosure
/// lists that many (the longest breakdown in the fixtures, the corpus and generated
/// documents has 12 parts); a text of endless `其中:` or of lines each opening a list stays
/// linear.
const MAX_PARTS: usize = 64;

/// Find every list in the document. `latest` answers for its figures (and is shared with
/// the relations, which ask it too: its index is built once a document).
pub fn find(text: &str, scanned: &Scanned, latest: &Latest) -> Vec<List> {
    let mut lists = inline_lists(text, scanned, latest);
    lists.extend(multiline_lists(text, scanned, &lists, latest));
    lists
}

/// The parenthesis depth at increasing offsets of one sentence, counted once over it (not
/// again from the sentence start at each list marker).
struct Depth<'a> {
    body: &'a str,
    at: usize,
    depth: i64,
}

impl Depth<'_> {
    fn at(&mut self, p: usize) -> i64 {
        if p < self.at {
            self.at = 0;
            self.depth = 0;
        }
        // Parentheses are ASCII, never inside a multi-byte character: a vectorised byte
        // search, not a look at every byte.
        let bytes = self.body.get(self.at..p).unwrap_or("").as_bytes();
        for at in memchr::memchr2_iter(b'(', b')', bytes) {
            if bytes.get(at) == Some(&b'(') {
                self.depth += 1;
            } else {
                self.depth -= 1;
            }
        }
        self.at = p.max(self.at);
        self.depth
    }
}

/// What lies before a position of one sentence, for positions taken in increasing order:
/// its last money level that is not an aside (the head a list marker refers to) and
/// whether any money figure ends there. Each mention is looked at once a sentence.
struct Before<'a> {
    scanned: &'a Scanned<'a>,
    sentence: usize,
    next: usize,
    end: usize,
    last_level: Option<usize>,
    any_money: bool,
}

impl<'a> Before<'a> {
    fn new(scanned: &'a Scanned, sentence: usize) -> Self {
        let range = mentions_of_sentence(scanned, sentence);
        Before {
            scanned,
            sentence,
            next: range.start,
            end: range.end,
            last_level: None,
            any_money: false,
        }
    }

    fn advance(&mut self, pos: usize) {
        while self.next < self.end {
            let Some(m) = self.scanned.mentions.get(self.next) else {
                break;
            };
            if m.end > pos {
                break;
            }
            if m.sentence == self.sentence {
                if m.is_money_level() && !m.nested {
                    self.last_level = Some(self.next);
                }
                self.any_money |= m.is_money();
            }
            self.next += 1;
        }
    }
}

fn inline_lists(text: &str, scanned: &Scanned, latest: &Latest) -> Vec<List> {
    let run_ends = run_on_ends(text, scanned);
    let markers = markers_in(text, &listing_stretches(scanned, &run_ends));
    lists_at_markers(text, scanned, latest, &run_ends, &markers)
}

/// The inline lists opened by `all_markers` (by start), given the end of each sentence's
/// run.
fn lists_at_markers(
    text: &str,
    scanned: &Scanned,
    latest: &Latest,
    run_ends: &[usize],
    all_markers: &[MarkerAt],
) -> Vec<List> {
    let mut lists: Vec<List> = Vec::new();
    // Sentences are in text order and do not overlap: the markers of each follow those of
    // the one before.
    let mut next_marker = 0;
    let mut markers: Vec<(usize, usize)> = Vec::new();
    for (si, sentence) in scanned.sentences.iter().enumerate() {
        // Most sentences have no marker: a step past the markers before each, not a binary
        // search per sentence.
        let starts_before = |k: usize, at: usize| all_markers.get(k).is_some_and(|m| m.start < at);
        while starts_before(next_marker, sentence.start) {
            next_marker += 1;
        }
        let first = next_marker;
        while starts_before(next_marker, sentence.end) {
            next_marker += 1;
        }
        let here = all_markers.get(first..next_marker).unwrap_or_default();
        if here.is_empty() {
            continue;
        }
        let Some(body) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        markers.clear();
        let mut depth = Depth {
            body,
            at: 0,
            depth: 0,
        };
        for m in here.iter().filter(|m| m.end() <= sentence.end) {
            let p = m.start - sentence.start;
            if m.marker != NAMED_HEAD {
                // Skip markers inside parentheses: asides.
                if depth.at(p) <= 0 {
                    markers.push((m.start, m.len()));
                }
            } else {
                // `“三公”经费财政拨款支出决算中,A a,B b`: the words before `中,` name the total.
                let before = body.get(..p).unwrap_or("");
                let clause = before.rsplit([',', ';', ':']).next().unwrap_or("");
                if concept::classify(clause).is_some() && !clause.contains("其") {
                    markers.push((sentence.start + p, "中".len()));
                }
            }
        }
        markers.sort_unstable();
        let run_end = run_ends.get(si).copied().unwrap_or(text.len());
        let mut before = Before::new(scanned, si);
        for &(pos, len) in &markers {
            before.advance(pos);
            let after = text.get(pos + len..sentence.end).unwrap_or("");
            let colon = after.starts_with(':') || after.starts_with("包括") || len == "中".len();
            let marker = text.get(pos..pos + len).unwrap_or("");
            let end = if marker == UNTIL_SEMICOLON {
                // Up to the clause of the next `包括:`, or on to the end.
                match after
                    .find(UNTIL_SEMICOLON)
                    .and_then(|q| after.get(..q))
                    .and_then(|b| b.rfind(';'))
                {
                    Some(p) => pos + len + p,
                    None => run_end,
                }
            } else if colon || len > "其中".len() {
                run_end
            } else {
                siblings_end(text, scanned, pos + len, sentence.end)
            };
            let at_start = text
                .get(sentence.start..pos)
                .is_some_and(|s| s.trim_matches([' ', ',', ':', ';']).is_empty());
            let named_head = len == "中".len();
            // A `包括:` list's total stands in its own `;`-separated clause.
            let segment_start = if marker == UNTIL_SEMICOLON {
                text.get(sentence.start..pos)
                    .and_then(|b| b.rfind(';'))
                    .map_or(sentence.start, |p| sentence.start + p)
            } else {
                sentence.start
            };
            let mut head = if named_head {
                None
            } else {
                before.last_level.filter(|&h| {
                    scanned
                        .mentions
                        .get(h)
                        .is_some_and(|m| m.start >= segment_start)
                })
            };
            // `收入…包括:…;支出包括:…`: the second clause lists parts of the same total.
            if head.is_none() && marker == UNTIL_SEMICOLON && segment_start > sentence.start {
                head = lists
                    .iter()
                    .rev()
                    .find(|l| l.start >= sentence.start && l.start < segment_start)
                    .and_then(|l| l.head);
            }
            let mut head_concept = None;
            // Nothing stated before the marker in its sentence: the previous sentence's
            // one figure is the total (`…总预算18,728.91万元。收入…包括:`).
            let nothing_before =
                segment_start == sentence.start && before.last_level.is_none() && !before.any_money;
            if head.is_none()
                && (at_start || (nothing_before && marker == UNTIL_SEMICOLON))
                && !named_head
            {
                head = previous_principal(scanned, &lists, si);
            }
            if head.is_none() {
                head_concept = concept_head(text, sentence.start, pos);
                head = head_concept.and_then(|c| latest.of(c, pos));
            }
            // No real breakdown lists hundreds of parts in one sentence; bounding the
            // window keeps a text of endless `其中:` linear.
            let window = mentions_between(scanned, pos, end);
            let window = window.start..window.end.min(window.start + MAX_PARTS);
            let items: Vec<usize> = window
                .clone()
                .zip(scanned.mentions.get(window).unwrap_or_default())
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
    // A figure belongs to the innermost list that contains it, unless it is a sibling of
    // that list's total (`人员经费X,主要包括:…;公用经费Y`): then it is a part of the list
    // around both.
    let heads: Vec<Option<Concept>> = lists
        .iter()
        .map(|l| {
            l.head
                .and_then(|h| scanned.mentions.get(h))
                .and_then(|m| m.concept)
        })
        .collect();
    let accepts = |k: usize, i: usize| {
        let (Some(l), Some(m)) = (lists.get(k), scanned.mentions.get(i)) else {
            return false;
        };
        let inside = l.start <= m.start && m.end <= l.end;
        let sibling = match (heads.get(k).copied().flatten(), m.concept) {
            (Some(h), Some(c)) => concept::are_siblings(h, c),
            _ => false,
        };
        inside && !sibling
    };
    // The owning list of each figure, by figure id (no hashing: this pass touches every
    // part of every list).
    let mut owner: Vec<Option<usize>> = vec![None; scanned.mentions.len()];
    for k in 0..lists.len() {
        for &i in lists.get(k).map(|l| l.items.as_slice()).unwrap_or_default() {
            if !accepts(k, i) {
                continue;
            }
            let Some(slot) = owner.get_mut(i) else {
                continue;
            };
            let inner = slot
                .and_then(|o| lists.get(o))
                .is_some_and(|o| lists.get(k).is_some_and(|l| o.start > l.start));
            if !inner {
                *slot = Some(k);
            }
        }
    }
    for (k, list) in lists.iter_mut().enumerate() {
        list.items
            .retain(|&i| owner.get(i).copied().flatten() == Some(k));
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
    // The parts already listed in that sentence: lists come in text order, so only the
    // last few can reach it. A list's parts are among the MAX_PARTS mentions from its
    // start, so once a list starts that far before the sentence, no earlier one reaches it.
    let range = mentions_of_sentence(scanned, previous);
    let mut listed = vec![false; range.len()];
    for l in lists
        .iter()
        .rev()
        .take_while(|l| l.end > prev.start || l.start >= prev.start)
    {
        let first = scanned.mentions.partition_point(|m| m.start < l.start);
        if first + MAX_PARTS <= range.start {
            break;
        }
        for &i in &l.items {
            if scanned
                .mentions
                .get(i)
                .is_some_and(|m| m.sentence == previous)
                && let Some(flag) = i.checked_sub(range.start).and_then(|k| listed.get_mut(k))
            {
                *flag = true;
            }
        }
    }
    // Only an unambiguous principal: one money level in that sentence.
    let origin = range.start;
    let principal = |(i, m): &(usize, &super::scan::Mention)| {
        m.sentence == previous
            && m.is_money_level()
            && !m.nested
            && !listed.get(i - origin).copied().unwrap_or(false)
    };
    let here = scanned.mentions.get(range.clone()).unwrap_or_default();
    let candidates = range.clone().zip(here).filter(principal).count();
    if candidates != 1 {
        return None;
    }
    // The last of them ending in the sentence.
    range
        .zip(here)
        .filter(|(_, m)| m.end <= prev.end)
        .filter(principal)
        .map(|(i, _)| i)
        .next_back()
}

/// Whether a paragraph opens a list over the following lines.
fn opens_list(text: &str) -> bool {
    let t = crate::normalize::trim_end(text);
    t.ends_with(':') || t.ends_with("如下") || t.ends_with("如下。")
}

fn multiline_lists(text: &str, scanned: &Scanned, inline: &[List], latest: &Latest) -> Vec<List> {
    let mut listed = vec![false; scanned.mentions.len()];
    for &i in inline.iter().flat_map(|l| &l.items) {
        if let Some(flag) = listed.get_mut(i) {
            *flag = true;
        }
    }
    let is_listed = |i: usize| listed.get(i).copied().unwrap_or(false);
    // The mentions of a paragraph, by binary search (a scan of every mention for each line
    // was quadratic on a text of many short lines).
    let of_paragraph = |q: &super::scan::Paragraph| mentions_between(scanned, q.start, q.end + 1);
    let mut lists = Vec::new();
    let paragraphs = &scanned.paragraphs;
    for (pi, p) in paragraphs.iter().enumerate() {
        if p.skipped {
            continue;
        }
        let Some(body) = text.get(p.start..p.end) else {
            continue;
        };
        if !opens_list(body) {
            continue;
        }
        // The head: the last principal money level of the paragraph, or the concept the
        // opening words name.
        let range = of_paragraph(p);
        let head_in_paragraph = range
            .clone()
            .zip(scanned.mentions.get(range).unwrap_or_default())
            .filter(|(i, m)| m.paragraph == pi && m.is_money_level() && !m.nested && !is_listed(*i))
            .map(|(i, _)| i)
            .next_back();
        let opening = body.trim_end().trim_end_matches([':', '。']);
        let opening = opening.rsplit(['。', ';']).next().unwrap_or(opening);
        let head_concept = if head_in_paragraph.is_none() {
            concept::mentioned(opening)
        } else {
            None
        };
        let head = head_in_paragraph.or_else(|| head_concept.and_then(|c| latest.of(c, p.start)));
        let mut items = Vec::new();
        let mut end = p.end;
        // Items share the numbering level of the first (`1.` … `2.`); a line numbered at
        // another level (`(1)` under `1.`, or the next `3.` after `(2)`) ends the list.
        let mut item_level: Option<Option<u8>> = None;
        for (qi, q) in paragraphs.iter().enumerate().skip(pi + 1) {
            let Some(line) = text.get(q.start..q.end) else {
                break;
            };
            if crate::normalize::trim(line).is_empty() {
                continue;
            }
            let level =
                crate::segment::heading_marker(crate::normalize::trim_start(line)).map(|(l, _)| l);
            match item_level {
                None => item_level = Some(level),
                // A deeper line (`(1)` under `1.`) details the item before it.
                Some(Some(first)) if level.is_some_and(|l| l > first) => continue,
                Some(first) if first != level => break,
                Some(_) => {}
            }
            if q.skipped || level.is_some_and(|level| level <= 3) {
                break;
            }
            if items.len() >= MAX_PARTS {
                break;
            }
            // The item: the paragraph's first money figure, a level in its first clause.
            let range = of_paragraph(q);
            let here = scanned.mentions.get(range.clone()).unwrap_or_default();
            // Figures do not overlap: only the last starting at `pos` or before can hold it.
            let inside_figure = |pos: usize| {
                let k = here.partition_point(|m| m.start <= pos);
                k.checked_sub(1)
                    .and_then(|k| here.get(k))
                    .is_some_and(|m| m.paragraph == qi && m.start <= pos && pos < m.end)
            };
            let first_clause_end = super::words::clause_breaks(line)
                .map(|e| q.start + e)
                .find(|&e| !inside_figure(e))
                .unwrap_or(q.end);
            let first = range
                .zip(here)
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

    fn lists(text: &str) -> (Scanned<'_>, Vec<List>) {
        let s = scan(text);
        let l = find(text, &s, &Latest::new(&s));
        (s, l)
    }

    fn values(s: &Scanned, ids: &[usize]) -> Vec<String> {
        ids.iter()
            .map(|&i| s.mentions[i].amount.value.to_string())
            .collect()
    }

    /// The anchor search finds what a search for each marker finds.
    #[test]
    fn markers_are_those_of_a_search_for_each() {
        let naive = |text: &str| {
            let mut found: Vec<MarkerAt> = (0..=NAMED_HEAD)
                .flat_map(|marker| {
                    let word = marker_word(marker).unwrap();
                    text.match_indices(word)
                        .map(move |(start, _)| MarkerAt { start, marker })
                })
                .collect();
            found.sort_unstable();
            found
        };
        let fixtures = crate::FIXTURES.map(|t| crate::normalize::normalize(t).text);
        let edges = [
            "",
            "中",
            "中,",
            "其中",
            "其中:其中中,中中,",
            "主要包括:主要用于以下几个方面主要用于以下方面具体是包括:包括",
            "包括:\n具体是,主要",
            "其",
        ];
        for text in fixtures.iter().map(String::as_str).chain(edges) {
            assert_eq!(markers_in(text, &[(0, text.len())]), naive(text), "{text}");
        }
    }

    /// Markers searched for only where a list may be kept open the lists that markers
    /// searched for everywhere do.
    #[test]
    fn markers_outside_the_listing_stretches_list_nothing() {
        let fixtures = crate::FIXTURES.map(|t| crate::normalize::normalize(t).text);
        let edges = [
            "",
            "其中:",
            "收入合计100万元。其中:",
            "支出如下,其中:基本工作;\n人员经费20万元,公用经费30万元。",
            "其中:说明;\n一、收入\n财政拨款收入90万元。",
            "支出100万元,主要包括:(其中:另有说明);项目支出50万元。其中",
            "“三公”经费支出决算中,公务接待费3万元;\n因公出国(境)费0万元。中,",
        ];
        for text in fixtures.iter().map(String::as_str).chain(edges) {
            let s = scan(text);
            let latest = Latest::new(&s);
            let run_ends = run_on_ends(text, &s);
            let everywhere = markers_in(text, &[(0, text.len())]);
            assert_eq!(
                inline_lists(text, &s, &latest),
                lists_at_markers(text, &s, &latest, &run_ends, &everywhere),
                "{text}"
            );
        }
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
