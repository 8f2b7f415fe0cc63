//! Normalised text: what extraction reads, with a map back to the file as written.
//!
//! Owns every rewrite of the text before segmentation:
//! - full-width digits and punctuation (`０-９，．：％（）；`) become ASCII;
//! - spaces between a number and its unit (`9.6 万元`) are dropped;
//! - HTML residue (`&nbsp;`, tags), Markdown bold markers and converter residue
//!   (`[bookmark: …]`, `[image: …]`) are removed;
//! - page artefacts (a line that is only a page number, a running header repeated on
//!   many pages) are blanked;
//! - a sentence broken across lines (`一般行政\n\n管理事务`) is joined: such *soft* breaks
//!   are removed, while breaks after sentence ends, around headings and table rows stay.
//!
//! Every byte of the normalised text maps back to a byte range of the original through
//! [`OffsetMap`], so figures and findings point at the file as written.

use std::collections::HashMap;

use crate::segment::heading_marker;

/// The normalised text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Start of the piece in the normalised text.
    norm: usize,
    /// Start of what it stands for in the original.
    orig: usize,
    /// Length in the original of a replacement; `None` for text copied verbatim.
    replaced_len: Option<usize>,
}

/// Maps byte offsets of the normalised text back to the original text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// The index just past the last piece starting at or before `norm`, looking from piece
    /// `from` on (every piece before `from` starts at or before `norm`).
    fn after_piece_at(&self, norm: usize, from: usize) -> usize {
        let rest = self.pieces.get(from..).unwrap_or_default();
        match rest.first() {
            // `norm` lies before piece `from`: no search.
            Some(p) if p.norm > norm => from,
            _ => from + rest.partition_point(|p| p.norm <= norm),
        }
    }

    /// The piece before index `after`.
    fn piece_before(&self, after: usize) -> Option<&Piece> {
        self.pieces.get(after.checked_sub(1)?)
    }

    /// Original offset of the normalised byte `norm` (its start).
    pub fn start(&self, norm: usize) -> usize {
        start_in(self.piece_before(self.after_piece_at(norm, 0)), norm)
    }

    /// Original range covered by the normalised range `[start, end)`.
    pub fn range(&self, start: usize, end: usize) -> (usize, usize) {
        let after_start = self.after_piece_at(start, 0);
        let s = start_in(self.piece_before(after_start), start);
        if end <= start {
            return (s, s);
        }
        let last = end - 1;
        // The end lies in the start's piece or after it (a figure, almost always in the
        // same piece): the search goes on from there, not over the whole map again.
        let e = match self.piece_before(self.after_piece_at(last, after_start)) {
            Some(p) => match p.replaced_len {
                None => p.orig + (last - p.norm) + 1,
                Some(len) => p.orig + len,
            },
            None => s,
        };
        (s, e.max(s))
    }
}

/// Original offset of the normalised byte `norm`, which lies in `piece`.
fn start_in(piece: Option<&Piece>, norm: usize) -> usize {
    match piece {
        Some(p) if p.replaced_len.is_none() => p.orig + (norm - p.norm),
        Some(p) => p.orig,
        None => 0,
    }
}

struct Builder {
    text: String,
    map: OffsetMap,
}

impl Builder {
    /// Record that the text about to be written at `norm` is copied from `orig`, unless it
    /// continues the piece before it.
    fn verbatim_at(&mut self, norm: usize, orig: usize) {
        let continues = self
            .map
            .pieces
            .last()
            .is_some_and(|p| p.replaced_len.is_none() && p.orig + (norm - p.norm) == orig);
        if !continues {
            self.map.pieces.push(Piece {
                norm,
                orig,
                replaced_len: None,
            });
        }
    }

    /// Record that the text about to be written at `norm` replaces `orig_len` bytes at `orig`.
    fn replaced_at(&mut self, norm: usize, orig: usize, orig_len: usize) {
        self.map.pieces.push(Piece {
            norm,
            orig,
            replaced_len: Some(orig_len),
        });
    }

    /// A line break standing for the terminator at `orig`.
    fn line_break(&mut self, orig: usize) {
        self.replaced_at(self.text.len(), orig, 1);
        self.text.push('\n');
    }
}

/// A line of the original: its byte range without the terminator.
struct Line {
    start: usize,
    end: usize,
}

/// The lines of `text`, split at `\n`, `\r\n` or a lone `\r`; the last line may be empty.
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n`, already consumed with its `\r`.
            continue;
        }
        out.push(Line { start, end: i });
        start = i + 1;
        if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            start = i + 2;
        }
    }
    out.push(Line {
        start,
        end: bytes.len(),
    });
    out
}

/// One piece of a cleaned line: a stretch of [`Cleaner::plain`] that is either the
/// original copied verbatim or one replacement.
#[derive(Debug, Clone, Copy)]
struct CleanPiece {
    /// Byte range in [`Cleaner::plain`].
    plain_start: usize,
    plain_end: usize,
    /// Where it starts in the original.
    orig: usize,
    /// Length in the original of a replacement; `None` for text copied verbatim.
    replaced_len: Option<usize>,
}

/// A line after character normalisation, before lines are joined: ranges into the
/// [`Cleaner`]'s shared buffers.
struct CleanLine {
    /// The normalised line, a range of [`Cleaner::plain`].
    plain: std::ops::Range<usize>,
    /// Its pieces, a range of [`Cleaner::pieces`].
    pieces: std::ops::Range<usize>,
}

/// Character normalisation of every line into one text buffer and one piece list, shared
/// by all lines (a buffer and a list per line were two allocations per line). A removed
/// stretch (a tag, `**`, a dropped space) leaves no piece.
struct Cleaner {
    plain: String,
    pieces: Vec<CleanPiece>,
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
        '，' => ',',
        '．' => '.',
        '：' => ':',
        '％' => '%',
        '（' => '(',
        '）' => ')',
        '；' => ';',
        '！' => '!',
        '？' => '?',
        '\u{3000}' | '\u{a0}' => ' ',
        '－' => '-',
        _ => return None,
    })
}

fn entity(s: &str) -> Option<(char, usize)> {
    const NAMED: [(&str, char); 6] = [
        ("&nbsp;", ' '),
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&ensp;", ' '),
    ];
    for (name, c) in NAMED {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    let rest = s.strip_prefix("&#")?;
    let end = rest.find(';').filter(|&e| e > 0 && e <= 8)?;
    let body = rest.get(..end)?;
    let code = match body.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => body.parse().ok()?,
    };
    Some((char::from_u32(code)?, end + 3))
}

/// Length of an HTML tag or converter residue starting at `s`, if it is one.
fn residue_len(s: &str) -> Option<usize> {
    for prefix in ["[bookmark:", "[image:"] {
        if s.starts_with(prefix) {
            return s.find(']').map(|e| e + 1);
        }
    }
    if s.starts_with("**") {
        return Some(2);
    }
    let rest = s.strip_prefix('<')?;
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    let end = rest.find('>')?;
    let inner = rest.get(..end)?;
    if end > 300 || inner.contains('<') || inner.chars().any(crate::amount::is_cjk) {
        return None;
    }
    Some(end + 2)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '（'
            | '）'
            | '“'
            | '”'
            | '('
            | ')'
            | ','
            | ':'
            | ';'
            | '%'
            | '％'
    )
}

fn is_unit_start(c: char) -> bool {
    matches!(c, '万' | '元' | '亿' | '%')
}

/// 1 if the character starting with byte `b` (followed by `next` and `after`) may be one
/// [`Cleaner::clean_line`] rewrites, else 0: `&` `<` `[` `*`, a space, a full-width form
/// (U+FF00–U+FF3F: `EF BC xx`), U+3000 (`E3 80 80`) or U+00A0 (`C2 A0`). The common `。`
/// and `、` (`E3 80 82`, `E3 80 81`) share a lead byte with U+3000 and are not flagged.
/// All of these start with an ASCII or a UTF-8 lead byte, so a stretch without them ends
/// on a character boundary. Written as comparisons combined with `|` and `&`, not a
/// `match`, so that a block of bytes is tested with vector instructions.
fn candidate_flag(b: u8, next: u8, after: u8) -> u8 {
    u8::from(b == b'&')
        | u8::from(b == b'<')
        | u8::from(b == b'[')
        | u8::from(b == b'*')
        | u8::from(b == b' ')
        | (u8::from(b == 0xEF) & u8::from(next == 0xBC))
        | (u8::from(b == 0xE3) & u8::from(next == 0x80) & u8::from(after == 0x80))
        | (u8::from(b == 0xC2) & u8::from(next == 0xA0))
}

impl Cleaner {
    fn push_piece(&mut self, s: &str, orig: usize, replaced_len: Option<usize>) {
        let plain_start = self.plain.len();
        self.plain.push_str(s);
        self.pieces.push(CleanPiece {
            plain_start,
            plain_end: self.plain.len(),
            orig,
            replaced_len,
        });
    }

    /// One replacement character (a `String::push`, not a copy of its encoding).
    fn push_char(&mut self, c: char, orig: usize, replaced_len: usize) {
        let plain_start = self.plain.len();
        self.plain.push(c);
        self.pieces.push(CleanPiece {
            plain_start,
            plain_end: self.plain.len(),
            orig,
            replaced_len: Some(replaced_len),
        });
    }

    /// Normalise the characters of one line: full-width forms, entities, residue, spaces.
    fn clean_line(&mut self, text: &str, line: &Line) -> CleanLine {
        let s = text.get(line.start..line.end).unwrap_or_default();
        let plain_start = self.plain.len();
        let pieces_start = self.pieces.len();
        // Start of the stretch copied verbatim since the last replacement, not yet pushed.
        let mut verbatim_from = 0;
        let mut i = 0;
        while i < s.len() {
            // Searched in the text up to the line's end: the bytes after it (its
            // terminator, the next line) fill the last block, which does not stop short.
            i = crate::bytescan::first_flagged(
                text.as_bytes(),
                line.start + i,
                line.end,
                candidate_flag,
            )
            .saturating_sub(line.start);
            if i >= s.len() {
                break;
            }
            let Some(rest) = s.get(i..) else { break };
            let Some(c) = rest.chars().next() else { break };
            let clen = c.len_utf8();
            // The replacement character (`None`: the stretch is removed) and the length
            // of what it replaces.
            let mut replacement: Option<(Option<char>, usize)> = None;
            if let Some(r) = full_width(c) {
                replacement = Some((Some(r), clen));
            } else if c == '&' {
                if let Some((r, len)) = entity(rest) {
                    replacement = Some((Some(r), len));
                }
            } else if (c == '<' || c == '[' || c == '*')
                && let Some(len) = residue_len(rest)
            {
                replacement = Some((None, len));
            }
            // Spaces between a number and its unit or between digits and a decimal point.
            if replacement.is_none() && (c == ' ' || c == '\u{3000}' || c == '\u{a0}') {
                // The character before, in the normalised line.
                let prev = match s.get(verbatim_from..i) {
                    Some(run) if !run.is_empty() => run.chars().next_back(),
                    _ => self
                        .plain
                        .get(plain_start..)
                        .and_then(|p| p.chars().next_back()),
                };
                let after = rest.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
                let next = after.chars().next();
                let tight = |c: char| {
                    c.is_ascii_digit()
                        || crate::amount::is_cjk(c)
                        || is_cjk_punct(c)
                        || full_width(c).is_some_and(|f| f.is_ascii_digit() || is_unit_start(f))
                };
                // PDF text puts spaces around numbers and between letters (`2017 年`,
                // `位 职 业`); Chinese has no spaces between words, so they carry nothing.
                // Spaces between two numbers are kept: they separate figures.
                let digit = |c: Option<char>| {
                    c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                };
                let joins_number = prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| {
                        is_unit_start(n) || full_width(n).is_some_and(is_unit_start)
                    });
                let between_words = prev.is_some_and(tight)
                    && next.is_some_and(tight)
                    && !(digit(prev) && digit(next));
                if joins_number || between_words {
                    replacement = Some((None, rest.len() - after.len()));
                }
            }
            match replacement {
                Some((r, len)) => {
                    if let Some(run) = s.get(verbatim_from..i).filter(|run| !run.is_empty()) {
                        self.push_piece(run, line.start + verbatim_from, None);
                    }
                    if let Some(r) = r {
                        self.push_char(r, line.start + i, len);
                    }
                    i += len;
                    verbatim_from = i;
                }
                None => i += clen,
            }
        }
        if let Some(run) = s.get(verbatim_from..).filter(|run| !run.is_empty()) {
            self.push_piece(run, line.start + verbatim_from, None);
        }
        CleanLine {
            plain: plain_start..self.plain.len(),
            pieces: pieces_start..self.pieces.len(),
        }
    }
}

/// A line that is only a page number: `12`, `- 12 -`, `第12页`, `12/40`.
fn is_page_number(line: &str) -> bool {
    // What is left after spaces and dashes starts with `第` or a digit: a line that starts
    // with anything else (almost every line) is turned away on its first character.
    let starts_like_one =
        |c: char| c == '第' || c.is_ascii_digit() || c == '-' || c == '—' || c.is_whitespace();
    if !line.chars().next().is_some_and(starts_like_one) {
        return false;
    }
    let t = line.trim().trim_matches(['-', '—', ' ']);
    if t.is_empty() || t.len() > 12 {
        return false;
    }
    let t = t.strip_prefix('第').unwrap_or(t);
    let t = t.strip_suffix('页').unwrap_or(t);
    // Letter-spaced by the PDF extraction: `2 1` is page 21.
    let joined: String = t.chars().filter(|c| *c != ' ').collect();
    let t = if t.split(' ').all(|p| p.len() <= 2) {
        joined.as_str()
    } else {
        t
    };
    let mut parts = t.splitn(2, '/');
    let a = parts.next().unwrap_or("");
    let b = parts.next();
    let digits = |x: &str| !x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit());
    digits(a) && b.is_none_or(digits)
}

/// A table-of-contents line: a title followed by dot leaders or a TAB and a page number.
pub fn is_toc_line(line: &str) -> bool {
    // The page number is a digit at the end, perhaps before spaces: one character turns
    // away most lines (this runs for every line, in several passes).
    if !line
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c.is_whitespace())
    {
        return false;
    }
    let t = line.trim_end();
    let body = t
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches([' ', '\t', '\u{3000}']);
    if body.len() == t.len() {
        return false;
    }
    body.ends_with("..") || body.ends_with('…') || body.ends_with('·')
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['。', ';', '!', '?', ':', '…', '；', '：'])
}

/// A run of five or more digits: a function classification code (`2010399`), which makes
/// a numbered line a list item whose name may wrap, not a title.
fn has_function_code(line: &str) -> bool {
    let mut run = 0;
    for b in line.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 5 {
            return true;
        }
    }
    false
}

/// Whether a line ends a sentence (`情况。`): the tail of a sentence broken across lines,
/// however often the same tail recurs, not a running header or footer.
fn ends_a_sentence(line: &str) -> bool {
    line.ends_with(['。', ';', '；'])
}

/// A heading line that is only a title (`（二）支出预算情况说明`), not a heading followed by
/// its text on the same line (`（二）支出预算。2026年年初预算数…`), which may run on.
fn is_major_heading(line: &str) -> bool {
    matches!(heading_marker(line.trim_start()), Some((level, _)) if level <= 3)
        && !line.contains('。')
        && !line.contains(':')
        && !has_function_code(line)
        && line.chars().count() <= 40
}

/// Normalise a decoded text.
pub fn normalize(text: &str) -> Normalized {
    let raw_lines = lines(text);
    let mut cleaner = Cleaner {
        plain: String::with_capacity(text.len()),
        pieces: Vec::with_capacity(raw_lines.len().saturating_mul(4)),
    };
    let cleaned: Vec<CleanLine> = raw_lines
        .iter()
        .map(|l| cleaner.clean_line(text, l))
        .collect();
    // Each cleaned line trimmed, once: the passes below look at every line several times.
    let trimmed: Vec<&str> = cleaned
        .iter()
        .map(|l| cleaner.plain.get(l.plain.clone()).map_or("", str::trim))
        .collect();
    let plain = |i: usize| trimmed.get(i).copied().unwrap_or("");
    // Whether each line holds a TAB (a table row), found once.
    let tabs: Vec<bool> = trimmed
        .iter()
        .map(|t| memchr::memchr(b'\t', t.as_bytes()).is_some())
        .collect();
    let tabbed = |i: usize| tabs.get(i).copied().unwrap_or(false);

    // Running headers and footers: short lines repeated on many pages. A line longer
    // than 40 characters or with a TAB is never one, and is not looked up.
    // foldhash, randomly seeded (the counts do not depend on the order of the map): SipHash
    // was a tenth of normalisation. A line that ends a sentence is never a header, and is
    // not counted either.
    let mut counts: HashMap<&str, usize, foldhash::fast::RandomState> = HashMap::default();
    let mut counted = vec![false; cleaned.len()];
    for (i, slot) in counted.iter_mut().enumerate() {
        let t = plain(i);
        // 40 characters are at most 160 bytes: longer lines are not counted in characters.
        if !t.is_empty()
            && t.len() <= 160
            && !ends_a_sentence(t)
            && t.chars().count() <= 40
            && !tabbed(i)
        {
            *counts.entry(t).or_default() += 1;
            *slot = true;
        }
    }
    let artefact: Vec<bool> = counted
        .iter()
        .enumerate()
        .map(|(i, &counted)| {
            let t = plain(i);
            is_page_number(t)
                || (counted
                    && counts.get(t).copied().unwrap_or(0) >= 3
                    && heading_marker(t).is_none()
                    && !ends_a_sentence(t)
                    && crate::amount::scan(t)
                        .iter()
                        .all(|tok| tok.amount.unit.is_none()))
        })
        .collect();

    let mut b = Builder {
        text: String::with_capacity(text.len()),
        map: OffsetMap {
            pieces: Vec::with_capacity(cleaner.pieces.len() + cleaned.len()),
        },
    };
    let blank = |i: usize| artefact.get(i).copied().unwrap_or(true) || plain(i).is_empty();
    // The next line that is not blank after each line, found once from the end: looking
    // it up line by line would be quadratic in a text of blank or repeated lines.
    let mut next_written: Vec<Option<usize>> = vec![None; cleaned.len()];
    let mut following = None;
    for (j, slot) in next_written.iter_mut().enumerate().rev() {
        *slot = following;
        if !blank(j) {
            following = Some(j);
        }
    }
    let mut i = 0;
    let mut joined = false;
    while i < cleaned.len() {
        if !blank(i)
            && let Some(line) = cleaned.get(i)
        {
            emit_line(&mut b, &cleaner, line, joined);
        }
        joined = false;
        if i + 1 == cleaned.len() {
            break;
        }
        // Where does the next non-blank line start, and is this break soft?
        let next = next_written.get(i).copied().flatten();
        let soft = !blank(i)
            && next.is_some_and(|j| {
                let a = plain(i);
                let bl = plain(j);
                !ends_sentence(a)
                    && !tabbed(i)
                    && !tabbed(j)
                    && !is_major_heading(a)
                    && heading_marker(bl).is_none()
                    && !is_toc_line(a)
                    && !is_toc_line(bl)
            });
        match (soft, next) {
            (true, Some(j)) => {
                // Drop the break, the blank lines and the indentation of the next line.
                trim_trailing_space(&mut b);
                i = j;
                joined = true;
                continue;
            }
            _ => {
                let nl_at = raw_lines.get(i).map_or(text.len(), |l| l.end);
                b.line_break(nl_at);
            }
        }
        i += 1;
    }
    Normalized {
        text: b.text,
        map: b.map,
    }
}

/// Write one cleaned line; a line joined onto the previous one loses its indentation.
///
/// A line's pieces are its [`Cleaner::plain`] text end to end, so the text is copied once
/// for the whole line and only the pieces are written one by one.
fn emit_line(b: &mut Builder, cleaner: &Cleaner, line: &CleanLine, trim_start: bool) {
    let plain = cleaner.plain.get(line.plain.clone()).unwrap_or_default();
    let kept = if trim_start {
        plain.trim_start_matches([' ', '\t'])
    } else {
        plain
    };
    // Where in `Cleaner::plain` the written text starts.
    let cut = line.plain.start + (plain.len() - kept.len());
    let base = b.text.len();
    for piece in cleaner.pieces.get(line.pieces.clone()).unwrap_or_default() {
        if piece.plain_end <= cut {
            continue;
        }
        let start = piece.plain_start.max(cut);
        let norm = base + (start - cut);
        match piece.replaced_len {
            None => b.verbatim_at(norm, piece.orig + (start - piece.plain_start)),
            Some(len) => b.replaced_at(norm, piece.orig, len),
        }
    }
    b.text.push_str(kept);
}

fn trim_trailing_space(b: &mut Builder) {
    while b.text.ends_with([' ', '\t']) {
        b.text.pop();
    }
    let len = b.text.len();
    while b.map.pieces.last().is_some_and(|p| p.norm >= len) {
        b.map.pieces.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orig_of<'a>(text: &'a str, n: &Normalized, needle: &str) -> &'a str {
        let s = n.text.find(needle).unwrap();
        let (a, b) = n.map.range(s, s + needle.len());
        &text[a..b]
    }

    #[test]
    fn full_width_digits_and_punctuation_map_back() {
        let text = "收入合计１，１５３．８万元，占９７．５％";
        let n = normalize(text);
        assert_eq!(n.text, "收入合计1,153.8万元,占97.5%");
        assert_eq!(orig_of(text, &n, "1,153.8万元"), "１，１５３．８万元");
    }

    #[test]
    fn space_between_number_and_unit_is_dropped() {
        let n = normalize("政府采购货物支出9.6 万元、工程0万元");
        assert_eq!(n.text, "政府采购货物支出9.6万元、工程0万元");
    }

    #[test]
    fn broken_sentence_is_joined_but_headings_are_not() {
        let text = "8. 卫生健康支出(类)医疗保障管理事务(款)一般行政\n\n管理事务（项）：支出决算为13.2万元。\n二、支出决算情况说明\n2022年支出合计5元。";
        let n = normalize(text);
        assert_eq!(
            n.text,
            "8. 卫生健康支出(类)医疗保障管理事务(款)一般行政管理事务(项):支出决算为13.2万元。\n二、支出决算情况说明\n2022年支出合计5元。"
        );
        assert_eq!(orig_of(text, &n, "13.2万元"), "13.2万元");
        assert_eq!(orig_of(text, &n, "管理事务(项)"), "管理事务（项）");
    }

    #[test]
    fn pdf_spacing_around_numbers_and_letters_is_dropped() {
        let n = normalize(
            "江苏省高级人民法院 2017 年度 单 位 职 业 年 金 ( 项 ) 1,391.68 万元, 占 0.00 %",
        );
        assert_eq!(
            n.text,
            "江苏省高级人民法院2017年度单位职业年金(项)1,391.68万元,占0.00%"
        );
        assert_eq!(
            normalize("收入总计 490,808.40 支出总计").text,
            "收入总计490,808.40支出总计"
        );
        assert_eq!(normalize("合计 12 34").text, "合计12 34");
    }

    #[test]
    fn html_residue_and_bold_markers_are_removed() {
        let n = normalize("<p>收入&nbsp;合计**5**元</p>");
        assert_eq!(n.text, "收入 合计5元");
    }

    #[test]
    fn page_numbers_and_running_headers_are_blanked() {
        let text = "某局2024年部门决算\n本年收入合计\n12\n某局2024年部门决算\n100万元。\n某局2024年部门决算\n";
        let n = normalize(text);
        assert_eq!(n.text.trim(), "本年收入合计100万元。");
        assert_eq!(orig_of(text, &n, "100万元"), "100万元");
    }

    /// ../shared/corpus/001 breaks `本表反映…预算安排` / `情况。` the same way under several
    /// headings: the recurring tail ends a sentence, it is not a running header.
    #[test]
    fn a_recurring_sentence_tail_is_not_a_running_header() {
        let text = "本表反映某局收入预算\n情况。\n某局收入预算100万元。\n本表反映某局支出预算\n情况。\n本表反映某局基金预算\n情况。\n";
        let n = normalize(text);
        assert_eq!(n.text.matches("情况。").count(), 3, "{}", n.text);
        assert!(
            n.text
                .starts_with("本表反映某局收入预算情况。\n某局收入预算100万元。"),
            "{}",
            n.text
        );
    }

    #[test]
    fn letter_spaced_page_numbers_are_page_numbers() {
        assert!(is_page_number("2 1"));
        assert!(is_page_number("- 12 -"));
        assert!(!is_page_number("1234 5678"));
    }

    #[test]
    fn toc_lines_are_recognised() {
        assert!(is_toc_line("第一部分 部门概况.....\t1"));
        assert!(is_toc_line("一、部门职责……5"));
        assert!(!is_toc_line("收入合计8,274,739.11元"));
        assert!(is_toc_line(
            "四、一般公共预算拨款支出预算表.............. 14"
        ));
    }
}
