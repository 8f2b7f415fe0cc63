//! JSON written straight into a `Vec<u8>`: a serde [`Serializer`](ser::Serializer), compact
//! or pretty, for the JSON, JSON Lines and `--out-dir` outputs.
//!
//! Owns [`to_vec_compact`] and [`to_vec_pretty`]. The bytes are serde_json's
//! (`to_writer`, `to_writer_pretty`) for every value: the same escapes (`\"`, `\\`, `\b`,
//! `\f`, `\n`, `\r`, `\t`, `\u00XX` in lowercase hex for the other bytes below 0x20, nothing
//! else, not DEL nor U+2028), integers as itoa writes them, floats by serde_json itself,
//! map keys as strings (integers and booleans quoted), the pretty layout two spaces a level
//! with `[]` and `{}` for empty containers. Pretty output may start some levels deep (an
//! element of the JSON array is written in place), its first line not indented: the
//! caller has placed it.
//!
//! Why not a JSON library: a report is some 400,000 short fields per hundred documents, and
//! a general serializer's work per field (a vectorised escape set up for a five-byte key,
//! room reserved for six times a string's length, every byte through `io::Write`) cost
//! more than the bytes themselves. Here a string of up to fifteen bytes is checked as two
//! words and written with its quotes in one sixteen-byte write cut back to length; one of
//! up to thirty-two as two blocks of sixteen, written the same way; a longer one is
//! checked sixty-four bytes at a time and copied at once. A field's key is
//! written with its comma and colon in one write, and since a derived `Serialize` passes
//! its keys as literals, inlining leaves the compiler to check and assemble them, and to
//! copy exactly their bytes.

use std::fmt::{self, Display};
use std::io;

use serde::ser::{self, Impossible, Serialize};

use crate::digits::digit_pair;

/// Compact JSON of `value`, appended to `out`.
pub(crate) fn to_vec_compact<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> io::Result<()> {
    let mut writer = Writer {
        out,
        layout: Compact,
    };
    value.serialize(&mut writer).map_err(io::Error::other)
}

/// Pretty JSON of `value`, appended to `out`, laid out as though it sat `depth` levels deep
/// (its first line is not indented: the caller has placed it).
pub(crate) fn to_vec_pretty<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> io::Result<()> {
    let mut writer = Writer {
        out,
        layout: Pretty { depth },
    };
    value.serialize(&mut writer).map_err(io::Error::other)
}

/// Why a value could not be written: a map key that is not a string or a number, a
/// non-finite float as a key, or an error of the value's own `Serialize`.
#[derive(Debug)]
pub(crate) struct Error(Box<str>);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string().into())
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".into())
}

/// Where the punctuation and line breaks go.
trait Layout {
    /// An opening bracket, one level deeper.
    fn open(&mut self, out: &mut Vec<u8>, bracket: u8);
    /// Before an element or a key.
    fn item(&mut self, out: &mut Vec<u8>, first: bool);
    /// Between a key and its value.
    fn colon(&self, out: &mut Vec<u8>);
    /// A closing bracket, one level up, on its own line if the container had anything.
    fn close(&mut self, out: &mut Vec<u8>, bracket: u8, had_items: bool);

    /// A field's key with what goes before and after it: [`Layout::item`], the key as a
    /// string, [`Layout::colon`].
    #[inline]
    fn key(&mut self, out: &mut Vec<u8>, first: bool, key: &str) {
        self.item(out, first);
        write_str(out, key);
        self.colon(out);
    }
}

/// No whitespace at all.
struct Compact;

impl Layout for Compact {
    #[inline]
    fn open(&mut self, out: &mut Vec<u8>, bracket: u8) {
        out.push(bracket);
    }

    #[inline]
    fn item(&mut self, out: &mut Vec<u8>, first: bool) {
        if !first {
            out.push(b',');
        }
    }

    #[inline]
    fn colon(&self, out: &mut Vec<u8>) {
        out.push(b':');
    }

    #[inline]
    fn close(&mut self, out: &mut Vec<u8>, bracket: u8, _had_items: bool) {
        out.push(bracket);
    }

    /// `,"key":` in one write (see [`write_key`]).
    #[inline(always)]
    fn key(&mut self, out: &mut Vec<u8>, first: bool, key: &str) {
        if !write_key(out, !first, key, b"") {
            self.item(out, first);
            write_str(out, key);
            self.colon(out);
        }
    }
}

/// Two spaces a level, each element and each key on its own line.
struct Pretty {
    /// Levels of the container being written.
    depth: usize,
}

impl Pretty {
    /// A comma if asked, a line break and the indentation of the current depth, in one
    /// write where it fits.
    #[inline]
    fn new_line(&self, out: &mut Vec<u8>, comma: bool) {
        const LINE: &[u8; 32] = b"\n                               ";
        const COMMA_LINE: &[u8; 32] = b",\n                              ";
        let width = self
            .depth
            .saturating_mul(2)
            .saturating_add(1 + usize::from(comma));
        if width <= 32 {
            let start = out.len();
            out.extend_from_slice(if comma { COMMA_LINE } else { LINE });
            out.truncate(start + width);
        } else {
            out.extend_from_slice(if comma { b",\n" } else { b"\n" });
            (0..self.depth).for_each(|_| out.extend_from_slice(b"  "));
        }
    }
}

impl Layout for Pretty {
    #[inline]
    fn open(&mut self, out: &mut Vec<u8>, bracket: u8) {
        self.depth = self.depth.saturating_add(1);
        out.push(bracket);
    }

    #[inline]
    fn item(&mut self, out: &mut Vec<u8>, first: bool) {
        self.new_line(out, !first);
    }

    #[inline]
    fn colon(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b": ");
    }

    #[inline]
    fn close(&mut self, out: &mut Vec<u8>, bracket: u8, had_items: bool) {
        self.depth = self.depth.saturating_sub(1);
        if had_items {
            self.new_line(out, false);
        }
        out.push(bracket);
    }

    /// The line, then `"key": ` in one write (see [`write_key`]).
    #[inline(always)]
    fn key(&mut self, out: &mut Vec<u8>, first: bool, key: &str) {
        self.item(out, first);
        if !write_key(out, false, key, b" ") {
            write_str(out, key);
            self.colon(out);
        }
    }
}

/// A field's key as a JSON string with its colon, a comma before it if asked, `after` after
/// it, in one write; false (nothing written) for a key that needs escaping or does not
/// fit in 32 bytes with them. Inlined into every field of a derived `Serialize`, where the key is a
/// literal: the check, the bytes and their length are then worked out by the compiler,
/// and the write is a store or two.
#[inline(always)]
fn write_key(out: &mut Vec<u8>, comma: bool, key: &str, after: &[u8]) -> bool {
    const ROOM: usize = 32;
    let key = key.as_bytes();
    let n = key.len();
    if n + 4 + after.len() > ROOM || key.iter().any(|&byte| byte_needs_escape(byte)) {
        return false;
    }
    // `,"key":` and what comes after, the comma skipped where there is none.
    let mut text = [b','; ROOM];
    let end = n + 4 + after.len();
    let parts: [&[u8]; 4] = [b"\"", key, b"\":", after];
    let mut at = 1;
    for part in parts {
        if let Some(slot) = text.get_mut(at..at + part.len()) {
            slot.copy_from_slice(part);
        }
        at += part.len();
    }
    out.extend_from_slice(text.get(usize::from(!comma)..end).unwrap_or_default());
    true
}

const QUOTE: u128 = b'"' as u128;

/// The `len` (at most 16) low bytes of `word`, written in one sixteen-byte write that is
/// then cut back.
#[inline(always)]
fn write_low(out: &mut Vec<u8>, word: u128, len: usize) {
    let start = out.len();
    out.extend_from_slice(&word.to_le_bytes());
    out.truncate(start + len);
}

/// The escape of a byte in a JSON string: the letter after the backslash, `u` for
/// `\u00XX`, 0 for a byte copied as it is.
#[inline]
fn escape_of(byte: u8) -> u8 {
    match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0a => b'n',
        0x0c => b'f',
        0x0d => b'r',
        0x00..=0x1f => b'u',
        _ => 0,
    }
}

/// Whether one of the sixteen bytes is below 0x20, a `"` or a `\\` (a few vector
/// instructions: `byte ^ 2` is at most 0x20 exactly for the bytes below 0x20 and `"`).
#[inline(always)]
fn block_needs_escape(block: [u8; 16]) -> bool {
    block
        .iter()
        .fold(false, |any, &byte| any | byte_needs_escape(byte))
}

/// Whether a byte is below 0x20, a `"` or a `\\`, without a branch.
#[inline(always)]
fn byte_needs_escape(byte: u8) -> bool {
    ((byte ^ 2) <= 0x20) | (byte == b'\\')
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
/// Eight spaces, which never need escaping: the padding of a short text's word.
const SPACES: u64 = ONES * 0x20;

/// Whether one of the eight bytes of `word` is below 0x20, a `"` or a `\\`.
#[inline(always)]
fn word_needs_escape(word: u64) -> bool {
    // A byte below n sets its high bit in (x − n) & !x (exactly for the question whether
    // some byte does); a byte equal to c is a zero byte of x ^ c, that is below 1.
    // (`byte ^ 2` is below 0x21 exactly for the bytes below 0x20 and `"`.)
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let control_or_quote = below(word ^ (ONES * 2), 0x21);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    (control_or_quote | backslash) != 0
}

/// Eight bytes of `bytes` from `at` as a little-endian word (0 past the end, which the
/// callers never ask for).
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.wrapping_add(8))
        .and_then(|eight| <[u8; 8]>::try_from(eight).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Sixteen bytes of `bytes` from `at` (zeros past the end, which the callers never ask
/// for).
#[inline(always)]
fn block_at(bytes: &[u8], at: usize) -> [u8; 16] {
    bytes
        .get(at..at.wrapping_add(16))
        .and_then(|block| <[u8; 16]>::try_from(block).ok())
        .unwrap_or([0; 16])
}

/// At most eight bytes in the low bytes of a word, zeros above: two overlapping loads
/// instead of a loop.
#[inline(always)]
fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let u32_at = |at: usize| {
        bytes
            .get(at..at.wrapping_add(4))
            .and_then(|four| <[u8; 4]>::try_from(four).ok())
            .map_or(0, |four| u64::from(u32::from_le_bytes(four)))
    };
    let u16_at = |at: usize| {
        bytes
            .get(at..at.wrapping_add(2))
            .and_then(|two| <[u8; 2]>::try_from(two).ok())
            .map_or(0, |two| u64::from(u16::from_le_bytes(two)))
    };
    match n {
        8.. => word_at(bytes, 0),
        4.. => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        2.. => u16_at(0) | u16_at(n - 2) << (8 * (n - 2)),
        1 => bytes.first().map_or(0, |&byte| u64::from(byte)),
        0 => 0,
    }
}

/// At most sixteen bytes in the low bytes of a word, zeros above, and whether none of
/// them needs escaping.
#[inline(always)]
fn load_short(bytes: &[u8]) -> (u128, bool) {
    let n = bytes.len();
    if n > 8 {
        let low = word_at(bytes, 0);
        // The last eight bytes: all of them text, so checked as they are.
        let tail = word_at(bytes, n - 8);
        let high = tail >> (8 * (16 - n).min(7));
        let clean = !word_needs_escape(low) && !word_needs_escape(tail);
        (u128::from(low) | u128::from(high) << 64, clean)
    } else {
        let word = short_word(bytes);
        let padded = if n < 8 {
            word | SPACES << (8 * n)
        } else {
            word
        };
        (u128::from(word), !word_needs_escape(padded))
    }
}

/// `text` as a JSON string, quotes included.
#[inline(always)]
fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if n > MEDIUM {
        return write_long_str(out, bytes);
    }
    if n > 15 {
        return write_medium_str(out, bytes);
    }
    let (word, clean) = load_short(bytes);
    if !clean {
        return write_escaped(out, bytes);
    }
    if n < 15 {
        write_low(out, QUOTE | word << 8 | QUOTE << (8 * (n + 1)), n + 2);
    } else {
        out.extend_from_slice(&(QUOTE | word << 8).to_le_bytes());
        out.push(b'"');
    }
}

/// A string longer than [`MEDIUM`] (headings, titles): checked for escapes, then copied
/// at once.
#[inline(never)]
fn write_long_str(out: &mut Vec<u8>, bytes: &[u8]) {
    if long_needs_escape(bytes) {
        return write_escaped(out, bytes);
    }
    write_quoted(out, bytes);
}

/// The longest string [`write_medium_str`] takes: two blocks of sixteen.
const MEDIUM: usize = 32;

/// A string of sixteen to [`MEDIUM`] bytes (labels, concept names): its first and last
/// sixteen bytes, which overlap, checked as two blocks and placed between quotes in an
/// array that is written at once and cut back, where a copy of the string's own length
/// would be a call to `memcpy`.
#[inline(always)]
fn write_medium_str(out: &mut Vec<u8>, bytes: &[u8]) {
    let n = bytes.len();
    let (first, last) = (block_at(bytes, 0), block_at(bytes, n - 16));
    if block_needs_escape(first) | block_needs_escape(last) {
        return write_escaped(out, bytes);
    }
    // All quotes: the one after the string stays.
    let mut text = [b'"'; MEDIUM + 2];
    for (at, block) in [(1, first), (n - 15, last)] {
        if let Some(slot) = text.get_mut(at..at + 16) {
            slot.copy_from_slice(&block);
        }
    }
    let start = out.len();
    out.extend_from_slice(&text);
    out.truncate(start + n + 2);
}

/// Whether a string of sixteen bytes or more holds a byte to escape: checked sixty-four
/// bytes at a time, then sixteen, the last sixteen overlapping the others. A report's
/// long strings (sections, titles) are mostly a hundred bytes and more.
#[inline(always)]
fn long_needs_escape(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(64);
    for chunk in &mut chunks {
        if chunk_needs_escape(chunk) {
            return true;
        }
    }
    let mut blocks = chunks.remainder().chunks_exact(16);
    for block in &mut blocks {
        if block_needs_escape(block_at(block, 0)) {
            return true;
        }
    }
    !blocks.remainder().is_empty() && block_needs_escape(block_at(bytes, bytes.len() - 16))
}

/// Whether one of (up to) sixty-four bytes is below 0x20, a `"` or a `\\`. The four blocks
/// are folded lane by lane into two minimums before one test: the least `byte ^ 2` (at
/// most 0x20 exactly for the bytes below 0x20 and `"`) and the least `byte ^ b'\\'` (0
/// exactly for `\\`), some two vector instructions a block instead of six.
#[inline(always)]
fn chunk_needs_escape(chunk: &[u8]) -> bool {
    let least = |mask: u8| {
        [0, 16, 32, 48]
            .into_iter()
            .fold([u8::MAX; 16], |mut least, at| {
                for (lane, byte) in least.iter_mut().zip(block_at(chunk, at)) {
                    *lane = (*lane).min(byte ^ mask);
                }
                least
            })
    };
    let (control_or_quote, backslash) = (least(2), least(b'\\'));
    control_or_quote
        .iter()
        .zip(&backslash)
        .fold(false, |any, (&low, &slash)| {
            any | (low <= 0x20) | (slash == 0)
        })
}

/// `bytes`, which need no escape, between quotes.
#[inline(always)]
fn write_quoted(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    out.extend_from_slice(bytes);
    out.push(b'"');
}

/// A JSON string that needs escapes: runs copied, escapes written.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let mut run = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = escape_of(byte);
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(bytes.get(run..at).unwrap_or_default());
        out.push(b'\\');
        out.push(escape);
        if escape == b'u' {
            let hex = |nibble: u8| HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'0', b'0', hex(byte >> 4), hex(byte & 0xf)]);
        }
        run = at + 1;
    }
    out.extend_from_slice(bytes.get(run..).unwrap_or_default());
    out.push(b'"');
}

/// A float as serde_json writes it (`null` where it is not finite).
fn write_float<T: Serialize>(out: &mut Vec<u8>, value: T) -> Result<(), Error> {
    serde_json::to_writer(out, &value).map_err(ser::Error::custom)
}

/// The serializer: where the bytes go and how they are laid out.
struct Writer<'a, L> {
    out: &'a mut Vec<u8>,
    layout: L,
}

/// An integer as itoa writes it.
#[inline]
fn write_integer<I: itoa::Integer>(out: &mut Vec<u8>, value: I) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// An unsigned integer in decimal; below 10⁸ (every id, line, column and offset) its digits
/// are worked out two at a time, gathered in one word and written at once.
#[inline]
fn write_u64(out: &mut Vec<u8>, value: u64) {
    if value >= 100_000_000 {
        return write_integer(out, value);
    }
    // Each pair goes in below the digits after it: the first digit ends in the lowest byte.
    let (mut rest, mut word, mut digits) = (value, 0u64, 0);
    while rest >= 100 {
        word = word << 16 | u64::from(digit_pair(rest % 100));
        rest /= 100;
        digits += 2;
    }
    if rest >= 10 {
        word = word << 16 | u64::from(digit_pair(rest));
        digits += 2;
    } else {
        word = word << 8 | (u64::from(b'0') + rest);
        digits += 1;
    }
    let start = out.len();
    out.extend_from_slice(&word.to_le_bytes());
    out.truncate(start + digits);
}

/// A signed integer in decimal.
#[inline]
fn write_i64(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_u64(out, value.unsigned_abs());
}

impl<L: Layout> Writer<'_, L> {
    /// `{"variant":` before the value of an externally tagged variant.
    fn open_variant(&mut self, variant: &str) {
        self.layout.open(self.out, b'{');
        self.layout.item(self.out, true);
        write_str(self.out, variant);
        self.layout.colon(self.out);
    }
}

/// An array, object or variant being written.
struct Compound<'s, 'a, L> {
    writer: &'s mut Writer<'a, L>,
    /// No element or key written yet.
    first: bool,
    /// Inside `{"variant": …}`, to close as well.
    variant: bool,
}

impl<'s, 'a, L: Layout> Compound<'s, 'a, L> {
    fn open(writer: &'s mut Writer<'a, L>, bracket: u8, variant: bool) -> Self {
        writer.layout.open(writer.out, bracket);
        Compound {
            writer,
            first: true,
            variant,
        }
    }

    #[inline]
    fn item(&mut self) {
        self.writer.layout.item(self.writer.out, self.first);
        self.first = false;
    }

    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item();
        value.serialize(&mut *self.writer)
    }

    #[inline(always)]
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.writer.layout.key(self.writer.out, self.first, key);
        self.first = false;
        value.serialize(&mut *self.writer)
    }

    #[inline]
    fn close(self, bracket: u8) -> Result<(), Error> {
        let Compound {
            writer,
            first,
            variant,
        } = self;
        writer.layout.close(writer.out, bracket, !first);
        if variant {
            writer.layout.close(writer.out, b'}', true);
        }
        Ok(())
    }
}

impl<'s, 'a, L: Layout> ser::Serializer for &'s mut Writer<'a, L> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a, L>;
    type SerializeTuple = Compound<'s, 'a, L>;
    type SerializeTupleStruct = Compound<'s, 'a, L>;
    type SerializeTupleVariant = Compound<'s, 'a, L>;
    type SerializeMap = Compound<'s, 'a, L>;
    type SerializeStruct = Compound<'s, 'a, L>;
    type SerializeStructVariant = Compound<'s, 'a, L>;

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    #[inline]
    fn serialize_i8(self, value: i8) -> Result<(), Error> {
        write_i64(self.out, i64::from(value));
        Ok(())
    }

    #[inline]
    fn serialize_i16(self, value: i16) -> Result<(), Error> {
        write_i64(self.out, i64::from(value));
        Ok(())
    }

    #[inline]
    fn serialize_i32(self, value: i32) -> Result<(), Error> {
        write_i64(self.out, i64::from(value));
        Ok(())
    }

    #[inline]
    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        write_i64(self.out, value);
        Ok(())
    }

    #[inline]
    fn serialize_i128(self, value: i128) -> Result<(), Error> {
        write_integer(self.out, value);
        Ok(())
    }

    #[inline]
    fn serialize_u8(self, value: u8) -> Result<(), Error> {
        write_u64(self.out, u64::from(value));
        Ok(())
    }

    #[inline]
    fn serialize_u16(self, value: u16) -> Result<(), Error> {
        write_u64(self.out, u64::from(value));
        Ok(())
    }

    #[inline]
    fn serialize_u32(self, value: u32) -> Result<(), Error> {
        write_u64(self.out, u64::from(value));
        Ok(())
    }

    #[inline]
    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        write_u64(self.out, value);
        Ok(())
    }

    #[inline]
    fn serialize_u128(self, value: u128) -> Result<(), Error> {
        write_integer(self.out, value);
        Ok(())
    }

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        write_float(self.out, value)
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        write_float(self.out, value)
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    #[inline(always)]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::open(self, b'[', false);
        for byte in value {
            seq.element(byte)?;
        }
        seq.close(b']')
    }

    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.layout.close(self.out, b'}', true);
        Ok(())
    }

    #[inline]
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(Compound::open(self, b'[', false))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(Compound::open(self, b'[', false))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(Compound::open(self, b'[', false))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.open_variant(variant);
        Ok(Compound::open(self, b'[', true))
    }

    #[inline]
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(Compound::open(self, b'{', false))
    }

    #[inline]
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Ok(Compound::open(self, b'{', false))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.open_variant(variant);
        Ok(Compound::open(self, b'{', true))
    }
}

impl<L: Layout> ser::SerializeSeq for Compound<'_, '_, L> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<L: Layout> ser::SerializeTuple for Compound<'_, '_, L> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<L: Layout> ser::SerializeTupleStruct for Compound<'_, '_, L> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<L: Layout> ser::SerializeTupleVariant for Compound<'_, '_, L> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b']')
    }
}

impl<L: Layout> ser::SerializeMap for Compound<'_, '_, L> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.item();
        key.serialize(KeyWriter {
            out: self.writer.out,
        })
    }

    #[inline]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.layout.colon(self.writer.out);
        value.serialize(&mut *self.writer)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        self.close(b'}')
    }
}

impl<L: Layout> ser::SerializeStruct for Compound<'_, '_, L> {
    type Ok = ();
    type Error = Error;

    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        self.close(b'}')
    }
}

impl<L: Layout> ser::SerializeStructVariant for Compound<'_, '_, L> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b'}')
    }
}

/// A map key: a string, or a number or boolean written as a string.
struct KeyWriter<'a> {
    out: &'a mut Vec<u8>,
}

impl KeyWriter<'_> {
    fn quoted_integer<I: itoa::Integer>(self, value: I) -> Result<(), Error> {
        self.out.push(b'"');
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
        self.out.push(b'"');
        Ok(())
    }

    fn quoted_float<T: Serialize>(self, value: T, finite: bool) -> Result<(), Error> {
        if !finite {
            return Err(Error("float key must be finite (got NaN or +/-inf)".into()));
        }
        self.out.push(b'"');
        write_float(self.out, value)?;
        self.out.push(b'"');
        Ok(())
    }
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"\"true\"" } else { b"\"false\"" });
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_i16(self, value: i16) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_i32(self, value: i32) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_i128(self, value: i128) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_u8(self, value: u8) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_u16(self, value: u16) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_u32(self, value: u32) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_u128(self, value: u128) -> Result<(), Error> {
        self.quoted_integer(value)
    }

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.quoted_float(value, value.is_finite())
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        self.quoted_float(value, value.is_finite())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn compact<T: Serialize + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        to_vec_compact(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn pretty<T: Serialize + ?Sized>(value: &T, depth: usize) -> String {
        let mut out = Vec::new();
        to_vec_pretty(&mut out, value, depth).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Compact, pretty, and pretty from depths 1 and 40 (every further line indented two
    /// spaces a level more), all as serde_json writes them.
    fn assert_as_serde_json<T: Serialize + ?Sized>(value: &T) {
        assert_eq!(compact(value), serde_json::to_string(value).unwrap());
        let flat = serde_json::to_string_pretty(value).unwrap();
        assert_eq!(pretty(value, 0), flat);
        assert_eq!(pretty(value, 1), flat.replace('\n', "\n  "));
        assert_eq!(
            pretty(value, 40),
            flat.replace('\n', &format!("\n{}", "  ".repeat(40)))
        );
    }

    #[derive(Serialize)]
    struct Unit;

    /// Bytes, which serde_json writes as an array of numbers.
    struct Bytes(&'static [u8]);

    impl Serialize for Bytes {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }

    #[derive(Serialize)]
    struct Tuple(u8, &'static str);

    #[derive(Serialize)]
    struct Newtype(i32);

    #[derive(Serialize)]
    enum External {
        Plain,
        Newtype(Vec<u8>),
        Tuple(u8, Option<bool>),
        EmptyTuple(),
        Struct { a: i64, b: Vec<()> },
        EmptyStruct {},
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Internal {
        One { x: u32 },
        Two(BTreeMap<String, u8>),
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Untagged {
        A(Box<Internal>),
        B(std::sync::Arc<str>),
    }

    #[derive(Serialize)]
    struct Skips {
        #[serde(skip_serializing_if = "String::is_empty")]
        empty: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        none: Option<u8>,
        #[serde(rename = "we\"ird\\key\n")]
        weird: (),
    }

    #[derive(Serialize)]
    struct AllSkipped {
        #[serde(skip_serializing_if = "Option::is_none")]
        none: Option<u8>,
    }

    #[test]
    fn every_shape_serde_derives() {
        assert_as_serde_json(&(
            Unit,
            Tuple(7, "七"),
            Newtype(-3),
            vec![
                External::Plain,
                External::Newtype(vec![]),
                External::Newtype(vec![1, 2]),
                External::Tuple(1, None),
                External::EmptyTuple(),
                External::Struct {
                    a: i64::MIN,
                    b: vec![(), ()],
                },
                External::EmptyStruct {},
            ],
            (Internal::One { x: 1 }, Internal::Two(BTreeMap::new())),
            (
                Untagged::A(Box::new(Internal::One { x: u32::MAX })),
                Untagged::B("收入".into()),
            ),
            (
                Skips {
                    empty: String::new(),
                    none: None,
                    weird: (),
                },
                AllSkipped { none: None },
                AllSkipped { none: Some(0) },
            ),
            (Bytes(&[0, 1, 255]), Bytes(&[])),
        ));
        assert_as_serde_json(&(
            'x',
            '\u{1}',
            '"',
            true,
            false,
            (i8::MIN, i16::MIN, i32::MIN, i64::MIN, i128::MIN),
            (u8::MAX, u16::MAX, u32::MAX, u64::MAX, u128::MAX),
            (
                0u64,
                9u64,
                10u64,
                99_999_999u64,
                100_000_000u64,
                -1i64,
                -99_999_999i64,
            ),
            (
                1.5f64,
                -0.0f64,
                1e300f64,
                f64::NAN,
                f64::INFINITY,
                0.1f32,
                f32::NEG_INFINITY,
            ),
        ));
    }

    #[test]
    fn map_keys_as_serde_json_writes_them() {
        let numbers: BTreeMap<i64, u8> = [(-1, 1), (0, 2), (10, 3)].into();
        let unsigned: BTreeMap<u128, ()> = [(u128::MAX, ())].into();
        let booleans: BTreeMap<bool, bool> = [(false, true), (true, false)].into();
        let chars: BTreeMap<char, u8> = [('\n', 1), ('键', 2)].into();
        let units: BTreeMap<crate::amount::Unit, u8> = [
            (crate::amount::Unit::TenThousandYuan, 1),
            (crate::amount::Unit::Percent, 2),
        ]
        .into();
        let nested: BTreeMap<&str, BTreeMap<&str, Vec<u8>>> = [
            ("a", [("b", vec![1]), ("c", vec![])].into()),
            ("d", BTreeMap::new()),
        ]
        .into();
        assert_as_serde_json(&(numbers, unsigned, booleans, chars, units, nested));
        let floats: Vec<(f64, u8)> = vec![(1.5, 1), (-0.0, 2)];
        let float_map = FloatKeys(floats);
        assert_as_serde_json(&float_map);
    }

    /// A map with float keys, which no std map can hold.
    struct FloatKeys(Vec<(f64, u8)>);

    impl Serialize for FloatKeys {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }

    #[test]
    fn keys_that_are_not_strings_are_refused_like_serde_json() {
        let cases: Vec<Box<dyn Fn() -> (bool, bool)>> = vec![
            Box::new(|| refused(&[(vec![1u8], 1u8)].into_iter().collect::<BTreeMap<_, _>>())),
            Box::new(|| refused(&[((), 1u8)].into_iter().collect::<BTreeMap<_, _>>())),
            Box::new(|| refused(&[(None::<u8>, 1u8)].into_iter().collect::<BTreeMap<_, _>>())),
            Box::new(|| refused(&FloatKeys(vec![(f64::NAN, 1)]))),
        ];
        for case in cases {
            assert_eq!(case(), (true, true));
        }
    }

    /// Whether both this writer and serde_json refuse `value`.
    fn refused<T: Serialize>(value: &T) -> (bool, bool) {
        let mut out = Vec::new();
        (
            to_vec_compact(&mut out, value).is_err(),
            serde_json::to_string(value).is_err(),
        )
    }

    /// A pretty value written into a buffer that already holds text is appended.
    #[test]
    fn appends() {
        let mut out = b"[\n  ".to_vec();
        to_vec_pretty(&mut out, &vec![1, 2], 1).unwrap();
        assert_eq!(out, b"[\n  [\n    1,\n    2\n  ]");
    }

    /// Every byte below 0x80 alone, then with text around it: the escapes and what is left
    /// as it is (DEL, U+2028, U+2029, characters beyond the BMP) are serde_json's.
    #[test]
    fn every_ascii_byte_and_the_special_characters() {
        for byte in 0u8..0x80 {
            let c = char::from(byte);
            for text in [
                c.to_string(),
                format!("收{c}"),
                format!("{c}abcdefgh"),
                format!("abcdefghijklmno{c}pqrstuvwxyz"),
            ] {
                assert_as_serde_json(&text);
            }
        }
        for text in ["\u{2028}\u{2029}", "\u{7f}", "𝄞𠀀😀", "\u{feff}", ""] {
            assert_as_serde_json(text);
        }
    }

    /// A long string with one byte that escapes, or one next to those that do, at every
    /// place: in a 64-byte chunk, in a 16-byte block after the chunks, in the last 16
    /// bytes that overlap them.
    #[test]
    fn long_strings_with_a_byte_to_escape_anywhere() {
        let lengths = (16..=80).chain([127, 128, 129, 143, 144, 191, 192, 193, 200]);
        for n in lengths {
            for at in 0..n {
                for byte in [
                    b'"', b'\\', 0x00, 0x0a, 0x1f, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f,
                ] {
                    let mut bytes = vec![b'a'; n];
                    bytes[at] = byte;
                    let text = String::from_utf8(bytes).unwrap();
                    assert_eq!(
                        compact(&text),
                        serde_json::to_string(&text).unwrap(),
                        "{n} {at} {byte}"
                    );
                }
            }
        }
    }

    /// Characters that escape or sit next to escapes, and some that do not.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => any::<char>(),
            2 => (0u8..0x20).prop_map(char::from),
            2 => prop::sample::select(vec![
                '"', '\\', '/', '\u{7f}', '\u{80}', '\u{2028}', '\u{2029}', '\u{feff}',
                '𝄞', '😀', '收', '元', ' ', 'a', '0',
            ]),
        ]
    }

    fn tricky_string() -> impl Strategy<Value = String> {
        prop::collection::vec(tricky_char(), 0..48).prop_map(|chars| chars.into_iter().collect())
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (0u64..1000).prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            tricky_string().prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 96, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::btree_map(tricky_string(), inner, 0..8)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn strings_as_serde_json(text in tricky_string()) {
            prop_assert_eq!(compact(&text), serde_json::to_string(&text).unwrap());
            let keyed: BTreeMap<&str, &str> = [(text.as_str(), text.as_str())].into();
            prop_assert_eq!(compact(&keyed), serde_json::to_string(&keyed).unwrap());
            prop_assert_eq!(pretty(&keyed, 0), serde_json::to_string_pretty(&keyed).unwrap());
        }

        #[test]
        fn integers_as_serde_json(unsigned in any::<u64>(), signed in any::<i64>(), small in 0u64..100_000_000) {
            prop_assert_eq!(compact(&(unsigned, signed, small)), serde_json::to_string(&(unsigned, signed, small)).unwrap());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn values_as_serde_json(value in json_value()) {
            prop_assert_eq!(compact(&value), serde_json::to_string(&value).unwrap());
            let flat = serde_json::to_string_pretty(&value).unwrap();
            prop_assert_eq!(pretty(&value, 0), flat.clone());
            prop_assert_eq!(pretty(&value, 2), flat.replace('\n', "\n    "));
        }
    }

    /// The reports of the fixtures and of the renderer tests' outcomes, as serde_json
    /// writes them.
    #[test]
    fn real_reports_as_serde_json() {
        let fixtures = [
            include_str!("../../fixtures/000_1a870d402bb54ab0.txt"),
            include_str!("../../fixtures/002_12402e3d59484724.txt"),
            include_str!("../../fixtures/004_7039478323f8a84b.txt"),
        ];
        for text in fixtures {
            let analysis = crate::analyze_text("fixture \"one\"\\.txt", text.to_owned(), "UTF-8");
            assert!(!analysis.report.records.figures.is_empty());
            assert_as_serde_json(&analysis.report);
        }
        for outcome in [
            crate::report::testing::checked(),
            crate::report::testing::failed(),
        ] {
            assert_as_serde_json(&super::super::json::EntryRef::new(&outcome));
        }
    }
}
