//! Bytes to text: decoding and the line index of the file as written.
//!
//! Owns encoding detection (UTF-8 with or without BOM, UTF-16 LE/BE with BOM or plainly
//! recognisable without one, GB18030/GBK), the refusal of binary files and of bytes no
//! supported encoding reads, and the mapping from a byte offset in the decoded text to a
//! 1-based line and a 1-based column counted in Unicode code points (through a line index
//! built on first use, or adopted from normalisation, which finds the same line ends). It
//! does not alter the text beyond decoding: normalisation is [`crate::normalize`]'s job,
//! and maps back onto offsets of this text.
//!
//! Decoding never guesses in silence: the encoding a file was read with is recorded in
//! [`Source::encoding`], including when a few invalid bytes (a file cut off mid-character,
//! a stray byte) were replaced by U+FFFD rather than the whole file refused.
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use std::sync::OnceLock;

use crate::error::InputError;

/// A decoded document: its text exactly as written, and the encoding it was read with.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub encoding: &'static str,
    /// The line index, built on first use, or adopted from normalisation, which meets
    /// every line end of the text anyway ([`Source::adopt_line_starts`]).
    index: OnceLock<LineIndex>,
}

/// Where the lines of a text start, and its code-point index.
#[derive(Debug, Clone)]
struct LineIndex {
    line_starts: Vec<usize>,
    /// `chars_before[k]`: the number of code points in `text[..k * CHAR_BLOCK]`, so that
    /// a column is found in constant time even on a 10 MB single line. Empty when no line
    /// is longer than [`LONG_LINE`]: columns are then counted from the line start.
    chars_before: Vec<usize>,
}

/// Bytes per entry of the code-point index.
const CHAR_BLOCK: usize = 64;

/// The longest line, in bytes, whose columns are counted from its start rather than
/// found through the code-point index. A text without a longer line (almost every one)
/// does not build the index, which cost about a sixteenth of decoding.
const LONG_LINE: usize = 4096;

/// Ranges up to this many bytes (figures) are measured byte by byte in one pass.
const SHORT_RANGE: usize = 64;

/// A decoding is accepted despite invalid sequences only when they are this rare: at
/// most one per this many well-formed non-ASCII characters.
const TOLERATED_ERROR_RATIO: usize = 50;

/// Decode the raw bytes of one input file.
///
/// Errors: [`InputError::Binary`] for NUL bytes or a known binary format (PNG, PDF, Office,
/// ZIP…), [`InputError::Decode`] for bytes that are neither UTF-8 nor GB18030 (nor UTF-16
/// with a byte-order mark), [`InputError::Empty`] for a file holding only whitespace.
pub fn decode(bytes: &[u8]) -> Result<Source, InputError> {
    let (text, encoding) = decode_text(bytes)?;
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(InputError::Empty);
    }
    Ok(Source::new(text, encoding))
}

/// Magic numbers of binary formats scraped disclosures are often saved as by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (
        b"PK\x03\x04",
        "a ZIP archive or an Office document (docx, xlsx)",
    ),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an Office document (doc, xls)",
    ),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7z archive"),
];

fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, true).ok_or_else(|| {
            InputError::Decode(format!(
                "the file starts with a UTF-8 byte-order mark but is not UTF-8 (invalid byte at offset {})",
                first_invalid_utf8(rest).saturating_add(3)
            ))
        });
    }
    for (bom, encoding, name, lossy) in [
        (
            &b"\xFF\xFE"[..],
            encoding_rs::UTF_16LE,
            "UTF-16LE",
            "UTF-16LE (invalid units replaced)",
        ),
        (
            &b"\xFE\xFF"[..],
            encoding_rs::UTF_16BE,
            "UTF-16BE",
            "UTF-16BE (invalid units replaced)",
        ),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return decode_utf16(rest, encoding, name, lossy);
        }
    }
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(InputError::Binary(format!("{kind} by its first bytes")));
    }
    // `memchr` rather than `contains`: this looks at every byte of every file.
    if let Some(at) = memchr::memchr(0, bytes) {
        if let Some(decoded) = utf16_without_bom(bytes) {
            return Ok(decoded);
        }
        return Err(InputError::Binary(format!(
            "it has a NUL byte at offset {at}"
        )));
    }
    if let Some(decoded) = decode_utf8(bytes, false) {
        return Ok(decoded);
    }
    if let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok((text.into_owned(), "GB18030"));
    }
    let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if tolerable(&text) {
        return Ok((text.into_owned(), "GB18030 (invalid bytes replaced)"));
    }
    Err(InputError::Decode(format!(
        "the bytes are neither UTF-8 (invalid byte at offset {}) nor GB18030/GBK",
        first_invalid_utf8(bytes)
    )))
}

/// UTF-8, strictly, or with its rare invalid sequences replaced (a file cut off in the
/// middle of a character, a stray byte) when the rest is plainly UTF-8.
fn decode_utf8(bytes: &[u8], bom: bool) -> Option<(String, &'static str)> {
    // simdutf8 validates a whole file in a fraction of the instructions `std::str::from_utf8`
    // takes on CJK text (it was a twentieth of a run); it accepts exactly the same bytes.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Some((text.to_owned(), if bom { "UTF-8 (BOM)" } else { "UTF-8" }));
    }
    // With a BOM the writer said UTF-8: take its word unless the bytes are garbage.
    let tolerated = |errors: usize, wide: usize| {
        errors.saturating_mul(TOLERATED_ERROR_RATIO) <= wide
            || (bom && errors.saturating_mul(2) <= wide)
    };
    let mut errors = 0usize;
    let mut wide = 0usize;
    let mut unread = bytes.len();
    for chunk in bytes.utf8_chunks() {
        wide = wide.saturating_add(wide_chars(chunk.valid().as_bytes()));
        if !chunk.invalid().is_empty() {
            errors = errors.saturating_add(1);
        }
        // Every character still to come is at least two bytes: once even that many could
        // not make up for the errors, the text is not UTF-8 (a GB18030 file is given up on
        // after a few hundred characters instead of being walked to its end).
        unread = unread.saturating_sub(chunk.valid().len().saturating_add(chunk.invalid().len()));
        if !tolerated(errors, wide.saturating_add(unread / 2)) {
            return None;
        }
    }
    if !tolerated(errors, wide) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Some((
        text,
        if bom {
            "UTF-8 (BOM, invalid bytes replaced)"
        } else {
            "UTF-8 (invalid bytes replaced)"
        },
    ))
}

fn decode_utf16(
    rest: &[u8],
    encoding: &'static encoding_rs::Encoding,
    name: &'static str,
    lossy: &'static str,
) -> Result<(String, &'static str), InputError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(rest);
    if text.contains('\0') {
        return Err(InputError::Binary(format!(
            "it starts with a {name} byte-order mark but holds NUL characters (UTF-32 or binary)"
        )));
    }
    if !had_errors {
        return Ok((text.into_owned(), name));
    }
    if tolerable(&text) {
        return Ok((text.into_owned(), lossy));
    }
    Err(InputError::Decode(format!(
        "the file starts with a {name} byte-order mark but is not {name}"
    )))
}

/// UTF-16 without a byte-order mark, recognised when every NUL byte sits on the same side
/// of its 16-bit unit (ASCII characters in UTF-16) and the result is clean text.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static str)> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let mut nul_even = 0usize;
    let mut nul_odd = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                nul_even = nul_even.saturating_add(1);
            } else {
                nul_odd = nul_odd.saturating_add(1);
            }
        }
    }
    let (encoding, name) = match (nul_even, nul_odd) {
        (0, _) => (encoding_rs::UTF_16LE, "UTF-16LE (no BOM)"),
        (_, 0) => (encoding_rs::UTF_16BE, "UTF-16BE (no BOM)"),
        _ => return None,
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let clean = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    clean.then(|| (text.into_owned(), name))
}

/// Whether a lossy decoding has few enough replacement characters to be the right one.
fn tolerable(text: &str) -> bool {
    let errors = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let wide = text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    errors.saturating_mul(TOLERATED_ERROR_RATIO) <= wide
}

fn first_invalid_utf8(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |s| s.len())
}

/// Where the lines of `bytes` start: at 0 and after each `\n`, `\r\n` or lone `\r`.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    // Room for a line in 64 bytes, more than most texts have: not grown and copied a
    // doubling at a time.
    let mut line_starts = Vec::with_capacity((bytes.len() / 64).saturating_add(1));
    line_starts.push(0);
    // Most texts end their lines with `\n` alone: one search for a `\r` over the whole
    // text, then a search for one byte per line, cheaper than one for either of two.
    if memchr::memchr(b'\r', bytes).is_none() {
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i.saturating_add(1)));
        return line_starts;
    }
    let mut previous_cr = None;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let next = i.saturating_add(1);
        if previous_cr == Some(i) && bytes.get(i) == Some(&b'\n') {
            // `\r\n`: the line was opened at the `\r`; move its start past the `\n`.
            if let Some(last) = line_starts.last_mut() {
                *last = next;
            }
            continue;
        }
        line_starts.push(next);
        if bytes.get(i) == Some(&b'\r') {
            previous_cr = Some(next);
        }
    }
    line_starts
}

impl LineIndex {
    fn new(text: &str, line_starts: Vec<usize>) -> Self {
        let ends = line_starts.iter().skip(1).copied().chain([text.len()]);
        let longest_line = line_starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| end.saturating_sub(start))
            .max()
            .unwrap_or(0);
        let chars_before = if longest_line > LONG_LINE {
            char_index(text.as_bytes())
        } else {
            Vec::new()
        };
        LineIndex {
            line_starts,
            chars_before,
        }
    }
}

impl Source {
    /// A decoded text, its lines indexed on first use. Lines end at `\n`, `\r\n` or a
    /// lone `\r`.
    pub fn new(text: String, encoding: &'static str) -> Self {
        Source {
            text,
            encoding,
            index: OnceLock::new(),
        }
    }

    /// Take `line_starts`, where the lines of the text start (0, then one past each `\n`,
    /// `\r\n` or lone `\r`), as the line index, unless it is built already: the text is
    /// not searched for them again. Normalisation meets every line end of the text
    /// ([`crate::normalize::Normalized::take_source_line_starts`]).
    pub fn adopt_line_starts(&self, line_starts: Vec<usize>) {
        debug_assert_eq!(line_starts, self::line_starts(self.text.as_bytes()));
        self.index
            .get_or_init(|| LineIndex::new(&self.text, line_starts));
    }

    fn index(&self) -> &LineIndex {
        self.index
            .get_or_init(|| LineIndex::new(&self.text, line_starts(self.text.as_bytes())))
    }

    /// The number of code points in `text[..offset]`, `offset` on a character boundary,
    /// through the code-point index.
    fn chars_upto(&self, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        let base = self.index().chars_before.get(block).copied().unwrap_or(0);
        let from = block.saturating_mul(CHAR_BLOCK);
        let tail = self.text.as_bytes().get(from..offset).map_or(0, char_count);
        base.saturating_add(tail)
    }

    /// The number of code points in `text[start..offset]`, both on character boundaries:
    /// counted directly unless the text has a long line and so the index.
    fn chars_between(&self, start: usize, offset: usize) -> usize {
        if self.index().chars_before.is_empty() {
            self.text
                .as_bytes()
                .get(start..offset)
                .map_or(0, char_count)
        } else {
            self.chars_upto(offset)
                .saturating_sub(self.chars_upto(start))
        }
    }

    /// 1-based line and 1-based column (in code points) of a byte offset. An offset past
    /// the end or inside a character is clamped to the character it falls in.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self
            .index()
            .line_starts
            .partition_point(|&s| s <= offset)
            .max(1);
        let start = self
            .index()
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self.chars_between(start, offset);
        (line, column.saturating_add(1))
    }

    /// [`Source::line_col`] of both ends of a range. A range within one line (every
    /// figure) has its end counted from its start, not from the line start again.
    pub fn line_col_range(&self, start: usize, end: usize) -> ((usize, usize), (usize, usize)) {
        let (line, column) = self.line_col(start);
        match self.width_within_line(start, end) {
            Some(width) => ((line, column), (line, column.saturating_add(width))),
            None => ((line, column), self.line_col(end)),
        }
    }

    /// The code points of `start..end` when the range lies within one line, both ends on
    /// character boundaries.
    fn width_within_line(&self, start: usize, end: usize) -> Option<usize> {
        if !(self.text.is_char_boundary(start) && self.text.is_char_boundary(end)) {
            return None;
        }
        let bytes = self.text.as_bytes().get(start..end)?;
        if bytes.len() > SHORT_RANGE {
            return memchr::memchr2(b'\n', b'\r', bytes)
                .is_none()
                .then(|| char_count(bytes));
        }
        // A figure's few bytes in one pass: not worth a search and a blocked count.
        bytes.iter().try_fold(0usize, |chars, &b| {
            (b != b'\n' && b != b'\r').then(|| chars.wrapping_add(usize::from(!is_continuation(b))))
        })
    }

    /// A [`LineCursor`] at the start of the text.
    pub fn cursor(&self) -> LineCursor<'_> {
        LineCursor {
            source: self,
            line_starts: &self.index().line_starts,
            offset: 0,
            line_index: 0,
            column: 1,
        }
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.index().line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .index()
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.index()
            .line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.index().line_starts.len()
    }

    /// The largest character boundary at or before `offset` (clamped to the text).
    pub fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        offset
    }

    /// The text of a byte range, clamped to character boundaries.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let start = self.floor_char_boundary(start);
        let end = self.floor_char_boundary(end).max(start);
        self.text.get(start..end).unwrap_or("")
    }
}

/// Lines and columns of offsets met in text order (the figures of a document), each found
/// from the one before: the code points between them are counted once, where
/// [`Source::line_col`] searches the line index and counts from two block boundaries for
/// every offset. An offset before the previous one is looked up as by `line_col`.
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    source: &'a Source,
    /// The line starts of the source, looked up once.
    line_starts: &'a [usize],
    /// The last offset placed, on a character boundary.
    offset: usize,
    /// Its line, as an index into `line_starts`.
    line_index: usize,
    /// Its 1-based column.
    column: usize,
}

impl LineCursor<'_> {
    /// As [`Source::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let source = self.source;
        let offset = source.floor_char_boundary(offset);
        if offset < self.offset {
            return source.line_col(offset);
        }
        let line_starts = self.line_starts;
        let mut line_index = self.line_index;
        while line_starts
            .get(line_index.saturating_add(1))
            .is_some_and(|&next| next <= offset)
        {
            line_index = line_index.saturating_add(1);
        }
        let (from, column) = if line_index == self.line_index {
            (self.offset, self.column)
        } else {
            (line_starts.get(line_index).copied().unwrap_or(0), 1)
        };
        let counted = source
            .text
            .as_bytes()
            .get(from..offset)
            .map_or(0, char_count);
        self.offset = offset;
        self.line_index = line_index;
        self.column = column.saturating_add(counted);
        (line_index.saturating_add(1), self.column)
    }

    /// As [`Source::line_col_range`]. The cursor moves on to `end`, so that a range's bytes
    /// are counted once: from the start here, not again from the start of the next range.
    pub fn line_col_range(&mut self, start: usize, end: usize) -> ((usize, usize), (usize, usize)) {
        (self.line_col(start), self.line_col(end))
    }

    pub fn source(&self) -> &Source {
        self.source
    }
}

/// The code-point index of a text (see `Source::chars_before`).
fn char_index(bytes: &[u8]) -> Vec<usize> {
    // Blocks are counted whole, each of a fixed size (a loop the compiler unrolls and
    // vectorises), not byte by byte; only the last, short block is counted as a slice.
    let mut chars_before = Vec::with_capacity((bytes.len() / CHAR_BLOCK).saturating_add(1));
    let mut chars = 0usize;
    let mut blocks = bytes.chunks_exact(CHAR_BLOCK);
    for block in blocks.by_ref() {
        chars_before.push(chars);
        let starts = block
            .iter()
            .fold(0u8, |n, &b| n.wrapping_add(u8::from(!is_continuation(b))));
        chars = chars.saturating_add(usize::from(starts));
    }
    if !blocks.remainder().is_empty() {
        chars_before.push(chars);
    }
    chars_before
}

/// The non-ASCII code points in well-formed UTF-8 bytes: their lead bytes.
fn wide_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b >= 0xC0).count()
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The code points in well-formed UTF-8 bytes: the bytes that are not continuations.
fn char_count(bytes: &[u8]) -> usize {
    // Counted in blocks of at most 255 bytes into a `u8`, a loop the compiler vectorises;
    // a plain `filter().count()` went byte by byte.
    bytes
        .chunks(255)
        .map(|block| {
            let starts = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(!is_continuation(b))));
            usize::from(starts)
        })
        .fold(0usize, usize::wrapping_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cursor gives every offset the line and column `line_col` gives it, moving forward,
    /// standing still or sent back.
    #[test]
    fn cursor_agrees_with_line_col() {
        let long_line = "一行很长的文字 with ASCII ".repeat(12);
        let text = format!(
            "一、收入\r\n合计１００万元\r其中\n\n90万元，\r\n\r\n{long_line}\n其他20万元\n末"
        )
        .repeat(3);
        let source = Source::new(text.clone(), "UTF-8");
        let len = text.len();
        let mut forward = source.cursor();
        for offset in 0..=len + 2 {
            assert_eq!(
                forward.line_col(offset),
                source.line_col(offset),
                "{offset}"
            );
            assert_eq!(
                forward.line_col(offset),
                source.line_col(offset),
                "{offset} again"
            );
        }
        for step in [1, 3, 7, 16] {
            let mut cursor = source.cursor();
            for start in (0..len).step_by(step) {
                for end in [
                    start,
                    start + 1,
                    start + 5,
                    start + 40,
                    start.saturating_sub(2),
                ] {
                    assert_eq!(
                        cursor.line_col_range(start, end),
                        source.line_col_range(start, end),
                        "{start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("收入".as_bytes()).unwrap().encoding, "UTF-8");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("收入".as_bytes());
        let s = decode(&bom).unwrap();
        assert_eq!((s.text.as_str(), s.encoding), ("收入", "UTF-8 (BOM)"));
    }

    #[test]
    fn gb18030_is_read_not_rejected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("收入合计553.29万元");
        let s = decode(&bytes).unwrap();
        assert_eq!(s.text, "收入合计553.29万元");
        assert_eq!(s.encoding, "GB18030");
    }

    #[test]
    fn utf16_both_byte_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "支出".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "支出");
        assert_eq!(decode(&be).unwrap().text, "支出");
    }

    #[test]
    fn utf16_without_bom_when_plainly_text() {
        let le: Vec<u8> = "2022年 total 100元\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let s = decode(&le).unwrap();
        assert_eq!(
            (s.text.as_str(), s.encoding),
            ("2022年 total 100元\n", "UTF-16LE (no BOM)")
        );
    }

    #[test]
    fn binary_and_undecodable_are_errors() {
        let png = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(
            png,
            InputError::Binary("a PNG image by its first bytes".into())
        );
        assert_eq!(
            decode(b"abc\0def").unwrap_err(),
            InputError::Binary("it has a NUL byte at offset 3".into())
        );
        assert!(matches!(
            decode(b"\xff\xff\xff\x80"),
            Err(InputError::Decode(_))
        ));
    }

    #[test]
    fn utf8_cut_mid_character_is_still_utf8() {
        let text = "收入合计553.29万元。".repeat(10);
        let bytes = text.as_bytes();
        let cut = &bytes[..bytes.len() - 1];
        let s = decode(cut).unwrap();
        assert_eq!(s.encoding, "UTF-8 (invalid bytes replaced)");
        assert!(s.text.starts_with("收入合计553.29万元。"));
        assert!(s.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(decode(b" \r\n\t ").unwrap_err(), InputError::Empty);
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), InputError::Empty);
        assert_eq!(
            decode("\u{3000}\n".as_bytes()).unwrap_err(),
            InputError::Empty
        );
    }

    #[test]
    fn a_range_has_the_ends_line_col_gives() {
        let s = Source::new(
            "第一行\r\n收入合计5,000.5万元\r其他\n末".to_owned(),
            "UTF-8",
        );
        for start in 0..=s.text.len() {
            for end in start..=s.text.len() {
                if s.text.is_char_boundary(start) && s.text.is_char_boundary(end) {
                    assert_eq!(
                        s.line_col_range(start, end),
                        (s.line_col(start), s.line_col(end)),
                        "{start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn line_and_column_in_code_points_for_every_line_end() {
        let s = Source::new("第一行\r\n收入合计5元\r其他\n末".to_owned(), "UTF-8");
        let offset = s.text.find('5').unwrap();
        assert_eq!(s.line_col(offset), (2, 5));
        assert_eq!(s.line_text(2), "收入合计5元");
        assert_eq!(s.line_col(s.text.find('其').unwrap()), (3, 1));
        assert_eq!(s.line_col(s.text.find('末').unwrap()), (4, 1));
        assert_eq!(s.line_count(), 4);
        // A `\r` before `\r\n` ends a line of its own (an empty one).
        let s = Source::new("甲\r\r\n乙".to_owned(), "UTF-8");
        assert_eq!(s.line_count(), 3);
        assert_eq!(s.line_col(s.text.find('乙').unwrap()), (3, 1));
    }

    /// Lines and columns as a reader counts them, character by character.
    fn naive_line_col(text: &str, offset: usize) -> (usize, usize) {
        let (mut line, mut column) = (1, 1);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if i >= offset {
                break;
            }
            let crlf = c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n');
            // The `\r` of a `\r\n` is a column of its line; the `\n` ends it.
            if (c == '\n' || c == '\r') && !crlf {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        (line, column)
    }

    /// Columns are counted from the line start in a text of short lines and through the
    /// code-point index in one with a long line: the same either way.
    #[test]
    fn columns_with_and_without_the_index() {
        let short = "第一行\r\n收入合计5元\r其他\n\n末行ABC，".to_owned();
        let long = format!("{short}\n{}\r\n尾", "收入1元，".repeat(LONG_LINE / 5));
        for text in [short, long] {
            let s = Source::new(text.clone(), "UTF-8");
            assert_eq!(s.index().chars_before.is_empty(), text.len() < LONG_LINE);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                assert_eq!(
                    s.line_col(offset),
                    naive_line_col(&text, offset),
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn columns_on_a_long_line_cross_index_blocks() {
        let line = "收入1元，".repeat(200);
        let s = Source::new(format!("标题\n{line}"), "UTF-8");
        let last = s.text.rfind('1').unwrap();
        // 199 repetitions of 5 code points before it, then "收入".
        assert_eq!(s.line_col(last), (2, 199 * 5 + 3));
        assert_eq!(s.line_col(s.text.len()), (2, 200 * 5 + 1));
    }
}
