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
//!
//! Where lines start is recorded on the way, in the original (as the cleaning meets their
//! ends) and in the normalised text (as it is written): the source's line index and
//! segmentation take them instead of searching both texts again.
//!
//! Two passes: `Cleaner` rewrites characters over the whole text in one scan (a stretch
//! with nothing to rewrite, line breaks included, is copied whole); then each cleaned line
//! is judged (blank, artefact, joined to the next) and the cleaned text is written out in
//! the longest stretches that follow on, with the pieces of the map they cover.

use std::collections::HashMap;

use crate::segment::heading_marker;

/// The normalised text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
    /// Where the lines of the original text start (0, then one past each `\n`, `\r\n` or
    /// lone `\r`), as the cleaning met their ends: the source's line index, taken by
    /// [`crate::source::Source::adopt_line_starts`] so that the text is not searched again.
    source_line_starts: Vec<usize>,
    /// Where each line of `text` starts (the first at 0, then one past each `\n`): known
    /// from the lines normalisation writes, so that segmentation need not find them again.
    line_starts: Vec<usize>,
}

/// Where each line of `text` starts: 0, then one past each `\n` (what
/// [`Normalized::line_starts`] holds, for a text that did not come from normalisation).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
        .collect()
}

impl Normalized {
    /// Where the lines of the original text start (empty once taken).
    pub fn take_source_line_starts(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.source_line_starts)
    }

    /// Where each line of the text starts: 0, then one past each `\n`.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }
}

/// A stretch of the normalised text that maps onto the original in one way: a replacement
/// (one character standing for `replaced` bytes at `orig`: a full-width form, an entity,
/// a line terminator) followed by the text copied verbatim after it, or verbatim text
/// alone. Most rewrites replace one character in a stretch of Chinese text: one piece
/// each, not one for the replacement and one for the text after it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Start of the piece in the normalised text.
    norm: usize,
    /// Start of what it stands for in the original.
    orig: usize,
    /// Bytes of the replacement at the start of the piece (0: none). The last piece of a
    /// text that ends with a replacement has `usize::MAX`: an offset past the end maps
    /// into the replacement, as its bytes do.
    head: usize,
    /// Bytes in the original of the replacement; the verbatim text after it is copied
    /// from `orig + replaced` on.
    replaced: usize,
}

impl Piece {
    /// Original offset of the normalised byte `norm` of this piece (its start).
    fn start(&self, norm: usize) -> usize {
        let at = norm - self.norm;
        if at < self.head {
            self.orig
        } else {
            self.orig + self.replaced + (at - self.head)
        }
    }

    /// Original offset just past the normalised byte `norm` of this piece.
    fn end(&self, norm: usize) -> usize {
        let at = norm - self.norm;
        if at < self.head {
            self.orig + self.replaced
        } else {
            self.orig + self.replaced + (at - self.head) + 1
        }
    }

    /// The piece cut to start at its normalised byte `norm`, moved to start at `to`.
    fn cut(&self, norm: usize, to: usize) -> Piece {
        let at = norm - self.norm;
        if at < self.head {
            Piece {
                norm: to,
                head: self.head - at,
                ..*self
            }
        } else {
            Piece {
                norm: to,
                orig: self.start(norm),
                head: 0,
                replaced: 0,
            }
        }
    }
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
        self.range_after(self.after_piece_at(start, 0), start, end)
    }

    /// A [`MapCursor`] at the start of the text.
    pub fn cursor(&self) -> MapCursor<'_> {
        MapCursor {
            map: self,
            after_start: 0,
        }
    }

    /// [`OffsetMap::range`], given the index just past the piece of `start`.
    fn range_after(&self, after_start: usize, start: usize, end: usize) -> (usize, usize) {
        let s = start_in(self.piece_before(after_start), start);
        if end <= start {
            return (s, s);
        }
        let last = end - 1;
        // The end lies in the start's piece or after it (a figure, almost always in the
        // same piece): the search goes on from there, not over the whole map again.
        let e = match self.piece_before(self.after_piece_at(last, after_start)) {
            Some(p) => p.end(last),
            None => s,
        };
        (s, e.max(s))
    }
}

/// Original ranges of normalised ranges met in text order (the figures of a document),
/// each found by stepping on from the piece of the one before: the pieces between them
/// are passed once, where [`OffsetMap::range`] searches the whole map for every range. A
/// range starting before the previous one is searched for as by `range`.
#[derive(Debug, Clone)]
pub struct MapCursor<'a> {
    map: &'a OffsetMap,
    /// The index just past the piece of the last start placed.
    after_start: usize,
}

impl MapCursor<'_> {
    /// As [`OffsetMap::range`].
    pub fn range(&mut self, start: usize, end: usize) -> (usize, usize) {
        let map = self.map;
        self.after_start =
            crate::ordered::count_at_or_before(&map.pieces, |p| p.norm, self.after_start, start);
        map.range_after(self.after_start, start, end)
    }
}

/// Original offset of the normalised byte `norm`, which lies in `piece`.
fn start_in(piece: Option<&Piece>, norm: usize) -> usize {
    piece.map_or(0, |p| p.start(norm))
}

impl OffsetMap {
    /// Record that the text about to be written at `norm` is copied from `orig`, unless it
    /// continues the piece before it (the verbatim text after a replacement, most often).
    fn verbatim_at(&mut self, norm: usize, orig: usize) {
        let continues = self
            .pieces
            .last()
            .is_some_and(|p| norm - p.norm >= p.head && p.start(norm) == orig);
        if !continues {
            self.pieces.push(Piece {
                norm,
                orig,
                head: 0,
                replaced: 0,
            });
        }
    }

    /// Record that the character `c` about to be written at `norm` replaces `orig_len`
    /// bytes at `orig`.
    fn replaced_at(&mut self, norm: usize, c: char, orig: usize, orig_len: usize) {
        self.pieces.push(Piece {
            norm,
            orig,
            head: c.len_utf8(),
            replaced: orig_len,
        });
    }
}

/// A line after character normalisation: its content in [`Cleaned::plain`], without the
/// `\n` that follows every line but the last.
struct CleanLine {
    start: usize,
    end: usize,
    /// Whether the line holds a TAB (perhaps only in the indentation trimmed later).
    has_tab: bool,
}

/// The text after character normalisation, before lines are joined: every line in one
/// buffer, each terminator (`\n`, `\r\n`, `\r`) written as `\n`, and the map from that
/// buffer back to the original. A removed stretch (a tag, `**`, a dropped space) leaves
/// no piece in the map.
struct Cleaned {
    plain: String,
    map: OffsetMap,
    lines: Vec<CleanLine>,
    /// Where each line starts in the original.
    source_line_starts: Vec<usize>,
    /// Whether an entity was written as a `\n` (`&#10;`) within a line.
    entity_breaks: bool,
}

/// Character normalisation of a whole text in one pass: a stretch with nothing to rewrite
/// (most of the text, line breaks included) is copied in one go, and the map gets a piece
/// only where a rewrite breaks the run of verbatim text.
struct Cleaner<'a> {
    text: &'a str,
    out: Cleaned,
    /// Start in `text` of the stretch copied verbatim since the last rewrite, not yet
    /// written to `out.plain`.
    run: usize,
    /// Where the current line starts in `text`, and where it starts (or will, once the
    /// stretch pending before it is written) in `out.plain`.
    line_orig: usize,
    line_plain: usize,
    has_tab: bool,
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

/// 1 if the byte `b` (followed by another and then `after`) may start something
/// [`Cleaner::clean`] looks at, else 0: a line terminator, a TAB or a space (with the
/// other, rare, control characters, in one comparison: `clean` passes over them),
/// `&` `<` `[` `*`, a full-width form (U+FF00–U+FF3F: `EF BC xx`), U+3000 (`E3 80 80`)
/// or U+00A0 (`C2 A0`). Each is told by as few bytes as keep the common characters out:
/// `EF` and `C2` alone (their other characters are rare in Chinese text); `E3` with the
/// `80` two bytes on, which the common `。` and `、` (`E3 80 82`, `E3 80 81`) do not
/// have. `clean` passes over the rare characters flagged with them. All of these start
/// with an ASCII or a UTF-8 lead byte, so a stretch without them ends on a character
/// boundary. Written as comparisons combined with `|` and `&`, not a `match`, so that a
/// block of bytes is tested with vector instructions; each comparison left out is a
/// tenth less to scan.
fn candidate_flag(b: u8, _next: u8, after: u8) -> u8 {
    u8::from(b <= b' ')
        | u8::from(b == b'&')
        | u8::from(b == b'<')
        | u8::from(b == b'[')
        | u8::from(b == b'*')
        | u8::from(b == 0xEF)
        | u8::from(b == 0xC2)
        | (u8::from(b == 0xE3) & u8::from(after == 0x80))
}

impl<'a> Cleaner<'a> {
    /// Normalise the characters of `text`: full-width forms, entities, residue, spaces,
    /// line terminators.
    fn clean(text: &'a str) -> Cleaned {
        let mut cleaner = Cleaner {
            text,
            out: Cleaned {
                plain: String::with_capacity(text.len()),
                map: OffsetMap {
                    // A piece for each rewrite, one in 50 bytes or so of Chinese text.
                    pieces: Vec::with_capacity(text.len() / 32 + 1),
                },
                lines: Vec::with_capacity(text.len() / 64 + 1),
                source_line_starts: Vec::with_capacity(text.len() / 64 + 2),
                entity_breaks: false,
            },
            run: 0,
            line_orig: 0,
            line_plain: 0,
            has_tab: false,
        };
        cleaner.out.source_line_starts.push(0);
        let bytes = text.as_bytes();
        let mut flagged = crate::bytescan::Flagged::new(bytes, candidate_flag);
        let mut at = 0;
        loop {
            at = flagged.first_from(at);
            let Some(&b) = bytes.get(at) else { break };
            at = match b {
                b'\n' => {
                    // The `\n` is copied with the stretch around it: only the line is ended.
                    let end = cleaner.plain_at(at);
                    cleaner.end_line(end, at + 1)
                }
                b'\r' => {
                    // Written as `\n`, standing for the `\r` (and the `\n` of a `\r\n`).
                    cleaner.write_run(at);
                    let end = cleaner.out.plain.len();
                    cleaner.out.map.verbatim_at(end, at);
                    cleaner.out.plain.push('\n');
                    let next = if bytes.get(at + 1) == Some(&b'\n') {
                        at + 2
                    } else {
                        at + 1
                    };
                    cleaner.run = next;
                    cleaner.end_line(end, next)
                }
                b'\t' => {
                    cleaner.has_tab = true;
                    at + 1
                }
                _ => cleaner.rewrite(at),
            };
        }
        cleaner.write_run(text.len());
        let end = cleaner.out.plain.len();
        cleaner.end_line(end, text.len());
        // The end of the text starts no line.
        cleaner.out.source_line_starts.pop();
        cleaner.out
    }

    /// Where the byte `orig` of the text (in the stretch pending or just after it) is, or
    /// will be once the stretch is written, in the cleaned text.
    fn plain_at(&self, orig: usize) -> usize {
        self.out.plain.len() + (orig - self.run)
    }

    /// Write the pending verbatim stretch up to `upto`.
    ///
    /// This and [`Cleaner::replace`] run for every rewrite (one in 50 bytes of Chinese
    /// text): inlined into the scan, not called, they take a twelfth off normalisation.
    #[inline(always)]
    fn write_run(&mut self, upto: usize) {
        if let Some(stretch) = self.text.get(self.run..upto).filter(|s| !s.is_empty()) {
            self.out.map.verbatim_at(self.out.plain.len(), self.run);
            self.out.plain.push_str(stretch);
            self.run = upto;
        }
    }

    /// End the current line at `end` in the cleaned text; the next starts at `next` in
    /// the original, after the `\n` at `end`. Returns `next`.
    fn end_line(&mut self, end: usize, next: usize) -> usize {
        self.out.lines.push(CleanLine {
            start: self.line_plain,
            end,
            has_tab: self.has_tab,
        });
        self.line_orig = next;
        self.out.source_line_starts.push(next);
        self.line_plain = end + 1;
        self.has_tab = false;
        next
    }

    /// Replace `len` bytes at `at` by `with` (`None`: remove them).
    #[inline(always)]
    fn replace(&mut self, at: usize, len: usize, with: Option<char>) {
        self.write_run(at);
        if let Some(c) = with {
            self.out.map.replaced_at(self.out.plain.len(), c, at, len);
            self.out.plain.push(c);
        }
        self.run = at + len;
    }

    /// Rewrite what starts with the flagged byte at `at`, if it is to be rewritten;
    /// returns where to look on.
    fn rewrite(&mut self, at: usize) -> usize {
        // Most rewrites are of a full-width form (`EF BC xx`, U+FF00 + the low six bits of
        // `xx`): the character is read from its last byte, not decoded.
        if let Some(&[0xEF, 0xBC, low]) = self.text.as_bytes().get(at..at + 3)
            && let Some(r) = char::from_u32(0xFF00 | u32::from(low & 0x3F)).and_then(full_width)
        {
            self.replace(at, 3, Some(r));
            return at + 3;
        }
        let rest = self.text.get(at..).unwrap_or_default();
        let Some(c) = rest.chars().next() else {
            return self.text.len();
        };
        let clen = c.len_utf8();
        // The replacement character (`None`: the stretch is removed) and the length of
        // what it replaces.
        let replacement = if let Some(r) = full_width(c) {
            Some((Some(r), clen))
        } else if matches!(c, '&' | '<' | '[' | '*') {
            // Entities and residue end on the line they start on.
            let line = memchr::memchr2(b'\n', b'\r', rest.as_bytes())
                .and_then(|end| rest.get(..end))
                .unwrap_or(rest);
            if c == '&' {
                let found = entity(line);
                self.out.entity_breaks |= found.is_some_and(|(r, _)| r == '\n');
                found.map(|(r, len)| (Some(r), len))
            } else {
                residue_len(line).map(|len| (None, len))
            }
        } else if c == ' ' {
            self.droppable_spaces(at, rest).map(|len| (None, len))
        } else {
            None
        };
        match replacement {
            Some((r, len)) => {
                self.replace(at, len, r);
                at + len
            }
            None => at + clen,
        }
    }

    /// The length of the spaces starting at `at` (`rest` is the text from there) if they
    /// are to be dropped: between a number and its unit or between digits and a decimal
    /// point, or between Chinese words.
    fn droppable_spaces(&self, at: usize, rest: &str) -> Option<usize> {
        // The character before, in the normalised line: the last of the stretch pending
        // on this line, else the last one written on it.
        let pending = self.text.get(self.run.max(self.line_orig)..at);
        let prev = match pending {
            Some(run) if !run.is_empty() => run.chars().next_back(),
            _ => self
                .out
                .plain
                .get(self.line_plain..)
                .and_then(|p| p.chars().next_back()),
        };
        // The run of spaces (` `, U+3000 `E3 80 80`, U+00A0 `C2 A0`), read byte by byte.
        let bytes = rest.as_bytes();
        let mut run = 0;
        loop {
            run += match bytes.get(run..) {
                Some([b' ', ..]) => 1,
                Some([0xE3, 0x80, 0x80, ..]) => 3,
                Some([0xC2, 0xA0, ..]) => 2,
                _ => break,
            };
        }
        let after = rest.get(run..).unwrap_or_default();
        let next = after.chars().next().filter(|&c| c != '\n' && c != '\r');
        let tight = |c: char| {
            c.is_ascii_digit()
                || crate::amount::is_cjk(c)
                || is_cjk_punct(c)
                || full_width(c).is_some_and(|f| f.is_ascii_digit() || is_unit_start(f))
        };
        // PDF text puts spaces around numbers and between letters (`2017 年`,
        // `位 职 业`); Chinese has no spaces between words, so they carry nothing.
        // Spaces between two numbers are kept: they separate figures.
        let digit =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let joins_number = prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| is_unit_start(n) || full_width(n).is_some_and(is_unit_start));
        let between_words =
            prev.is_some_and(tight) && next.is_some_and(tight) && !(digit(prev) && digit(next));
        (joins_number || between_words).then_some(run)
    }
}

/// `text.trim()`, which first looks at the end bytes: lines and the words before a figure
/// rarely start or end with white space, and `str::trim` decodes a character at each end
/// and looks it up among Unicode's white space.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    if starts_with_space(bytes) || ends_with_space(bytes) {
        text.trim()
    } else {
        text
    }
}

/// `text.trim_start()`, which first looks at the first bytes (see [`trim`]).
#[inline]
pub(crate) fn trim_start(text: &str) -> &str {
    if starts_with_space(text.as_bytes()) {
        text.trim_start()
    } else {
        text
    }
}

/// `text.trim_end()`, which first looks at the last bytes (see [`trim`]).
#[inline]
pub(crate) fn trim_end(text: &str) -> &str {
    if ends_with_space(text.as_bytes()) {
        text.trim_end()
    } else {
        text
    }
}

/// Whether `bytes` start with a white space character: ASCII `\t`…`\r` and space, U+0085,
/// U+00A0, U+1680, U+2000…U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (every one
/// `char::is_whitespace` accepts), in UTF-8.
fn starts_with_space(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0x09..=0x0D | b' ', ..]
            | [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Whether `bytes` end with a white space character (see [`starts_with_space`]).
fn ends_with_space(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [.., 0x09..=0x0D | b' ']
            | [.., 0xC2, 0x85 | 0xA0]
            | [.., 0xE1, 0x9A, 0x80]
            | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [.., 0xE2, 0x81, 0x9F]
            | [.., 0xE3, 0x80, 0x80]
    )
}

/// A line that is only a page number: `12`, `- 12 -`, `第12页`, `12/40`.
///
/// What is left after spaces and dashes starts with `第` or a digit: a line that starts
/// with anything else (almost every line) is turned away on its first character, here,
/// before the call (this runs for every line).
#[inline]
fn is_page_number(line: &str) -> bool {
    // No whitespace comes after U+3000: a CJK character is turned away without a lookup.
    let starts_like_one = |c: char| {
        c == '第'
            || c.is_ascii_digit()
            || c == '-'
            || c == '—'
            || (c <= '\u{3000}' && c.is_whitespace())
    };
    line.chars().next().is_some_and(starts_like_one) && is_page_number_text(line)
}

/// [`is_page_number`] for a line that starts like one.
fn is_page_number_text(line: &str) -> bool {
    // Only these characters can make up a page number line: most lines that start with a
    // digit (`2022年…`) are turned away on their first word, before any trimming.
    let page_char = |c: char| {
        c.is_ascii_digit() || matches!(c, ' ' | '/' | '-' | '—' | '第' | '页') || c.is_whitespace()
    };
    if !line.chars().all(page_char) {
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

/// Whether a trimmed line ends a sentence.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['。', ';', '!', '?', ':', '…', '；', '：'])
}

/// A run of this many digits or more is a function classification code (`2010399`), which
/// makes a numbered line a list item whose name may wrap, not a title.
const FUNCTION_CODE_DIGITS: usize = 5;

/// Whether a line ends a sentence (`情况。`): the tail of a sentence broken across lines,
/// however often the same tail recurs, not a running header or footer.
fn ends_a_sentence(line: &str) -> bool {
    line.ends_with(['。', ';', '；'])
}

/// A heading line that is only a title (`（二）支出预算情况说明`), not a heading followed by
/// its text on the same line (`（二）支出预算。2026年年初预算数…`), which may run on.
fn is_major_heading(line: &str) -> bool {
    // 40 characters are at most 160 bytes: a longer line (a numbered paragraph) is not
    // read. The rest is one pass over the bytes: no `。` (`E3 80 82`), no `:`, no function
    // code, at most 40 characters.
    if !matches!(heading_marker(line.trim_start()), Some((level, _)) if level <= 3)
        || line.len() > 160
    {
        return false;
    }
    let bytes = line.as_bytes();
    let mut chars = 0;
    let mut digits = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b':' || (b == 0xE3 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82])) {
            return false;
        }
        digits = if b.is_ascii_digit() { digits + 1 } else { 0 };
        if digits >= FUNCTION_CODE_DIGITS {
            return false;
        }
        chars += usize::from(b & 0xC0 != 0x80);
    }
    chars <= 40
}

/// What normalisation finds out about a cleaned line before writing it.
#[derive(Debug, Clone)]
struct LineFacts<'t> {
    /// The line, trimmed.
    text: &'t str,
    /// Whether it holds a TAB: a table row.
    tabbed: bool,
    /// Which count of short lines it adds to (running headers), if it is counted.
    count: Option<usize>,
    /// Empty or a page artefact: not written.
    blank: bool,
    /// The next line after it that is not blank.
    next_written: Option<usize>,
}

/// Normalise a decoded text.
pub fn normalize(text: &str) -> Normalized {
    let mut cleaned = Cleaner::clean(text);
    let source_line_starts = std::mem::take(&mut cleaned.source_line_starts);
    let lines = &cleaned.lines;
    // What the passes below know of each line, in one table: each cleaned line trimmed
    // once (they look at every line several times), and whether it holds a TAB (a table
    // row) once trimmed, searched for only where the cleaning saw one.
    let mut facts: Vec<LineFacts> = lines
        .iter()
        .map(|l| {
            let text = cleaned.plain.get(l.start..l.end).map_or("", trim);
            LineFacts {
                text,
                tabbed: l.has_tab && memchr::memchr(b'\t', text.as_bytes()).is_some(),
                count: None,
                blank: text.is_empty(),
                next_written: None,
            }
        })
        .collect();

    // Running headers and footers: short lines repeated on many pages. A line longer
    // than 40 characters or with a TAB is never one, and is not looked up.
    // foldhash, randomly seeded (the counts do not depend on the order of the map): SipHash
    // was a tenth of normalisation. A line that ends a sentence or starts with a heading
    // marker is never a header, and is not counted either (headings are two thirds of
    // the short lines: the marker is cheaper to read than the line to hash). Each counted
    // line's text is looked up once: it gets the index of its count. The map is sized
    // for a counted line in four (one in six or so), not grown a doubling at a time.
    let mut ids: HashMap<&str, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(facts.len() / 4, Default::default());
    let mut counts: Vec<usize> = Vec::new();
    for line in facts.iter_mut() {
        let t = line.text;
        // 40 characters are at most 160 bytes: longer lines are not counted in characters.
        if !t.is_empty()
            && t.len() <= 160
            && !ends_a_sentence(t)
            && !line.tabbed
            && t.chars().count() <= 40
            && heading_marker(t).is_none()
        {
            let fresh = counts.len();
            let id = *ids.entry(t).or_insert(fresh);
            if id == fresh {
                counts.push(0);
            }
            if let Some(count) = counts.get_mut(id) {
                *count += 1;
            }
            line.count = Some(id);
        }
    }
    // Page artefacts are blank: page numbers, and counted lines (neither headings nor
    // sentence ends) seen three times or more without an amount in a unit. The next line
    // that is not blank after each line is found once, from the end: looking it up line
    // by line would be quadratic in a text of blank or repeated lines.
    let mut following = None;
    for (j, line) in facts.iter_mut().enumerate().rev() {
        let t = line.text;
        line.blank = line.blank
            || is_page_number(t)
            || (line
                .count
                .and_then(|id| counts.get(id))
                .is_some_and(|&n| n >= 3)
                && crate::amount::scan(t)
                    .iter()
                    .all(|tok| tok.amount.unit.is_none()));
        line.next_written = following;
        if !line.blank {
            following = Some(j);
        }
    }
    let plain = |i: usize| facts.get(i).map_or("", |l| l.text);
    let tabbed = |i: usize| facts.get(i).is_some_and(|l| l.tabbed);
    let blank = |i: usize| facts.get(i).is_none_or(|l| l.blank);

    let mut out = Emitter {
        cleaned: &cleaned,
        text: String::with_capacity(cleaned.plain.len()),
        map: OffsetMap {
            // The cleaned pieces written, and one cut piece for most stretches (a stretch
            // ends where a line is trimmed, dropped or joined): sized once, not grown.
            pieces: Vec::with_capacity(cleaned.map.pieces.len() + lines.len() + 1),
        },
        from: 0,
        to: 0,
        piece: 0,
        line_starts: Vec::with_capacity(lines.len() + 1),
    };
    out.line_starts.push(0);
    let mut i = 0;
    let mut joined = false;
    while let Some(line) = lines.get(i) {
        let last = i + 1 == lines.len();
        // Where does the next non-blank line start, and is this break soft?
        let next = facts.get(i).and_then(|l| l.next_written);
        let soft = !last
            && !blank(i)
            && next.is_some_and(|j| {
                let a = plain(i);
                let bl = plain(j);
                // The cheap tests first.
                !ends_sentence(a)
                    && !tabbed(i)
                    && !tabbed(j)
                    && heading_marker(bl).is_none()
                    && !is_major_heading(a)
                    && !is_toc_line(a)
                    && !is_toc_line(bl)
            });
        if !blank(i) {
            // A line joined onto the one before loses its indentation; one joined onto
            // the next, its trailing spaces. It is not blank: something is left.
            let content = cleaned.plain.get(line.start..line.end).unwrap_or_default();
            let start = if joined {
                line.end - content.trim_start_matches([' ', '\t']).len()
            } else {
                line.start
            };
            let end = if soft {
                line.start + content.trim_end_matches([' ', '\t']).len()
            } else {
                line.end
            };
            out.write(start, end);
        }
        if last {
            break;
        }
        match (soft, next) {
            (true, Some(j)) => {
                // Drop the break, the blank lines and the indentation of the next line.
                i = j;
                joined = true;
            }
            _ => {
                // The line break, as cleaned.
                out.write(line.end, line.end + 1);
                out.line_starts.push(out.written());
                i += 1;
                joined = false;
            }
        }
    }
    Normalized {
        source_line_starts,
        ..out.finish()
    }
}

/// Writes stretches of the cleaned text, in order, into the normalised text, and the
/// pieces of the cleaned map they cover into its map. Stretches that follow on from each
/// other are written as one: most of a text is one stretch, up to a joined line.
struct Emitter<'a> {
    cleaned: &'a Cleaned,
    text: String,
    map: OffsetMap,
    /// The stretch `from..to` of the cleaned text not yet written.
    from: usize,
    to: usize,
    /// A piece of the cleaned map at or before the one holding `from`.
    piece: usize,
    /// Where each line written starts in the normalised text.
    line_starts: Vec<usize>,
}

impl Emitter<'_> {
    /// The length of the normalised text written so far, the stretch pending included.
    fn written(&self) -> usize {
        self.text.len() + (self.to - self.from)
    }

    /// Write the cleaned text `start..end` (after all written before it).
    fn write(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        if start != self.to {
            self.flush();
            self.from = start;
        }
        self.to = end;
    }

    fn flush(&mut self) {
        let (from, to) = (self.from, self.to);
        let Some(stretch) = self.cleaned.plain.get(from..to).filter(|s| !s.is_empty()) else {
            return;
        };
        let pieces = &self.cleaned.map;
        let after = pieces.after_piece_at(from, self.piece);
        let base = self.text.len();
        // The piece holding `from`, cut to start there, then every piece starting before `to`.
        if let Some(first) = pieces.piece_before(after) {
            self.map.pieces.push(first.cut(from, base));
        }
        let rest = pieces.pieces.get(after..).unwrap_or_default();
        let within = rest.get(..rest.partition_point(|p| p.norm < to));
        self.map
            .pieces
            .extend(within.unwrap_or_default().iter().map(|p| Piece {
                norm: base + (p.norm - from),
                ..*p
            }));
        self.piece = after.saturating_sub(1);
        self.text.push_str(stretch);
    }

    fn finish(mut self) -> Normalized {
        self.flush();
        // A line break is copied with the verbatim text around it, which maps it the same;
        // but an offset past the end is mapped from the last piece, and a final line
        // break has always been a piece of its own, a replacement of its terminator.
        let last_byte = self.text.len().checked_sub(1);
        if let (Some(at), Some(last)) = (last_byte, self.map.pieces.last_mut())
            && at - last.norm >= last.head
            && self.text.ends_with('\n')
        {
            let orig = last.start(at);
            if last.norm == at {
                (last.head, last.replaced) = (1, 1);
            } else {
                self.map.pieces.push(Piece {
                    norm: at,
                    orig,
                    head: 1,
                    replaced: 1,
                });
            }
        }
        // A text that ends with a replacement maps every offset past its end into it.
        if let (Some(at), Some(last)) = (last_byte, self.map.pieces.last_mut())
            && at - last.norm < last.head
        {
            last.head = usize::MAX;
        }
        // An entity written as a line break starts a line of its own: found again.
        let line_starts = if self.cleaned.entity_breaks {
            line_starts(&self.text)
        } else {
            self.line_starts
        };
        Normalized {
            text: self.text,
            map: self.map,
            source_line_starts: Vec::new(),
            line_starts,
        }
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
    fn trim_is_that_of_str() {
        let spaces: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for c in spaces
            .iter()
            .copied()
            .chain(['a', '1', '收', '。', '、', '\u{3001}', '\u{2030}'])
        {
            for text in [
                format!("{c}"),
                format!("{c}收入"),
                format!("收入{c}"),
                format!("{c}收入{c}"),
                format!("{c}{c}1{c}"),
            ] {
                assert_eq!(trim(&text), text.trim(), "{:?}", text);
                assert_eq!(trim_start(&text), text.trim_start(), "{:?}", text);
                assert_eq!(trim_end(&text), text.trim_end(), "{:?}", text);
            }
        }
        assert_eq!(trim(""), "");
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

    /// The rare characters flagged with U+3000 and U+00A0 (`C2 xx`, `E3 xx 80`) pass
    /// through; the spaces themselves are made ASCII (U+3000, U+00A0 alone) or dropped
    /// (U+00A0 between words) as ever.
    #[test]
    fn characters_flagged_with_the_wide_spaces_pass_through() {
        let n = normalize(
            "收入·合计°\u{3080}5\u{3000}万元，支出\u{a0}3万元\u{a0}\u{a0}2\u{3400}1　2\u{3000}",
        );
        assert_eq!(n.text, "收入·合计°\u{3080}5 万元,支出 3万元  2\u{3400}1 2 ");
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

    /// Every terminator is written as `\n` and maps back to its first byte; an offset past
    /// the end maps as after a replaced final line break.
    #[test]
    fn line_breaks_of_every_kind_map_back() {
        let text = "收入１元。\r\n支出2元。\r其他3元。\n";
        let n = normalize(text);
        assert_eq!(n.text, "收入1元。\n支出2元。\n其他3元。\n");
        assert_eq!(orig_of(text, &n, "2元"), "2元");
        assert_eq!(orig_of(text, &n, "3元"), "3元");
        assert_eq!(orig_of(text, &n, "。\n支出"), "。\r\n支出");
        let last = text.len() - 1;
        assert_eq!(n.map.start(n.text.len()), last);
        assert_eq!(
            n.map.range(n.text.len() - 1, n.text.len() + 1),
            (last, last + 1)
        );
    }

    /// Every character of the normalised text maps back to what was written for it (itself,
    /// or the full-width form, entity or line terminator it replaces), in order and without
    /// overlaps; an offset past the end maps on from the last character, into it when it
    /// is a replacement.
    #[test]
    fn every_character_maps_back_to_what_it_replaces() {
        let writes = |orig: &str, c: char| {
            orig == c.to_string()
                || (orig.chars().count() == 1
                    && orig.chars().next().and_then(full_width) == Some(c))
                || entity(orig) == Some((c, orig.len()))
                || (c == '\n' && orig == "\r")
        };
        for text in [
            "收入合计１，１５３．８万元，占９７．５％\r\n支出&nbsp;2元；&#x4e2d;\r其他 3 万元。\n\n（一）标题\n一般行政\n\n管理事务（项）：5元。\n",
            "<p>收入&amp;合计**5**元</p>\n某局\n12\n某局\n第二部分\n某局\n",
            "收入，",
            "收入&#10;",
            "收入\r",
            "收入",
            "，，１２",
        ] {
            let n = normalize(text);
            let mut previous_end = 0;
            for (a, c) in n.text.char_indices() {
                let (s, e) = n.map.range(a, a + c.len_utf8());
                assert!(s >= previous_end && e > s, "{text:?} {a}");
                assert!(
                    writes(&text[s..e], c),
                    "{text:?} {a}: {:?} for {c:?}",
                    &text[s..e]
                );
                previous_end = e;
            }
            let (last, c) = n.text.char_indices().next_back().unwrap();
            let (s, e) = n.map.range(last, last + c.len_utf8());
            // A final line break is a replacement of its terminator, whatever it was.
            let verbatim = text[s..e] == c.to_string() && c != '\n';
            let past = if verbatim { e } else { s };
            assert_eq!(n.map.start(n.text.len()), past, "{text:?}");
        }
    }

    /// The cursor gives what `range` gives at every offset (character boundary or not, past
    /// the end too), met in order or stepping back now and then.
    #[test]
    fn the_map_cursor_ranges_are_those_of_the_map() {
        for text in [
            include_str!("../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../fixtures/003_b6464b9a7bea3343.txt"),
            include_str!("../fixtures/004_7039478323f8a84b.txt"),
            "收入合计１，１５３．８万元，占９７．５％\r\n支出&nbsp;2元；&#x4e2d;\r其他 3 万元。\n\n（一）标题\n一般行政\n\n管理事务（项）：5元。\n",
            "",
            "收入",
            "１收入１",
            "&nbsp;收入２元&amp;",
            "\r\n收入\r\n",
            "，，１２",
            "收入\r",
        ] {
            let n = normalize(text);
            let len = n.text.len();
            let ends = |start: usize| [start, start + 1, start + 3, start + 40, len + 1];
            let mut cursor = n.map.cursor();
            for start in 0..=len + 1 {
                for end in ends(start) {
                    assert_eq!(
                        cursor.range(start, end),
                        n.map.range(start, end),
                        "{start}..{end} of {text:?}"
                    );
                }
            }
            let mut cursor = n.map.cursor();
            for at in 0..=len + 1 {
                for start in [at, at.saturating_sub(5), at.saturating_sub(2), len, at] {
                    assert_eq!(
                        cursor.range(start, start + 3),
                        n.map.range(start, start + 3),
                        "{start} after {at} of {text:?}"
                    );
                }
            }
        }
    }

    /// The line starts the cleaning meets are those of the source's own line index, for
    /// every kind of line end, at the end of the text or not, and entities that stand for
    /// line breaks (which end no line of the source).
    #[test]
    fn source_line_starts_are_those_of_the_source() {
        for text in [
            "",
            "收入",
            "\n",
            "\r",
            "\r\n",
            "\n\n",
            "\r\r\n",
            "\r\n\r",
            "收入１元。\r\n支出2元。\r其他3元。\n",
            "甲\r\r\n乙\n\n丙\r",
            "收入&#10;支出&#13;\n其他\t　\r\n",
            include_str!("../fixtures/003_b6464b9a7bea3343.txt"),
        ] {
            let source = crate::source::Source::new(text.to_owned(), "UTF-8");
            let expected: Vec<usize> = (1..=source.line_count())
                .map(|line| source.line_start(line))
                .collect();
            assert_eq!(
                normalize(text).take_source_line_starts(),
                expected,
                "{text:?}"
            );
        }
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
