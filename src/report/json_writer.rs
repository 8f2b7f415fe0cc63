//! A JSON serializer for the per-document entries, byte for byte what `serde_json` writes
//! (compact, or pretty with two-space indentation), at a fraction of the instructions.
//!
//! Owns only the writing, not the shape: the shape is the `serde` derive of
//! [`crate::model`], so the JSON contract has one definition. What makes it cheaper than
//! `serde_json` is the string escaping: `serde_json` looks at every byte of a string on
//! its own (that was a tenth of a whole run, the output being several times the input),
//! while [`write_str`] tests eight bytes at a time as one integer and copies the stretches needing no
//! escape whole. Everything is written into one `Vec<u8>`.
//!
//! Only the shapes the model has are written (structs, sequences, maps with string or
//! unit-variant keys, options, unit variants, integers, booleans, strings). Anything else
//! is [`Unsupported`], and [`to_vec`] then falls back to `serde_json`: same bytes, slower.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

/// A shape this writer does not write (a float, bytes, a tuple or struct variant…), or a
/// custom error raised by a `Serialize` impl.
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not written by the fast JSON writer: {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_owned()))
}

/// Layout: compact, or pretty with this many levels of indentation before the value (each
/// level two spaces), as `serde_json::to_vec_pretty` with the whole text indented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Compact,
    Pretty { base_indent: usize },
}

/// `value` as JSON, appended to `out`: the bytes `serde_json::to_vec` (compact) or
/// `serde_json::to_vec_pretty` (pretty; with `base_indent` levels added after every newline)
/// would write.
pub fn to_vec<T: Serialize + ?Sized>(value: &T, layout: Layout, out: &mut Vec<u8>) {
    let start = out.len();
    let mut writer = Writer {
        out,
        pretty: matches!(layout, Layout::Pretty { .. }),
        indent: match layout {
            Layout::Compact => 0,
            Layout::Pretty { base_indent } => base_indent,
        },
    };
    if value.serialize(&mut writer).is_err() {
        // A shape the model does not have today: let serde_json write it.
        out.truncate(start);
        let written = match layout {
            Layout::Compact => serde_json::to_vec(value),
            Layout::Pretty { .. } => serde_json::to_vec_pretty(value),
        };
        let Ok(written) = written else { return };
        match layout {
            Layout::Compact => out.extend_from_slice(&written),
            Layout::Pretty { base_indent } => {
                for (i, line) in written.split(|&b| b == b'\n').enumerate() {
                    if i > 0 {
                        out.push(b'\n');
                        push_indent(out, base_indent);
                    }
                    out.extend_from_slice(line);
                }
            }
        }
    }
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    pretty: bool,
    /// Current indentation level (pretty only).
    indent: usize,
}

fn push_indent(out: &mut Vec<u8>, levels: usize) {
    for _ in 0..levels {
        out.extend_from_slice(b"  ");
    }
}

/// Whether a byte cannot stand as is in a JSON string: `"`, `\`, or a control character
/// below 0x20.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The bytes of `word` (eight bytes, little-endian) that need an escape, as the high bit of
/// each such byte. Exact for the lowest flagged byte, which is all that is read: the
/// subtractions may also flag a byte above a true hit through the borrow.
fn escape_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A zero byte of `v`: (v - 1) borrows into its high bit while `!v` keeps it.
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let below_space = word.wrapping_sub(ONES.wrapping_mul(0x20)) & !word & HIGHS;
    let quote = zero_byte(word ^ ONES.wrapping_mul(u64::from(b'"')));
    let backslash = zero_byte(word ^ ONES.wrapping_mul(u64::from(b'\\')));
    below_space | quote | backslash
}

/// The first byte at or after `from` that needs an escape, or `bytes.len()`: eight bytes
/// tested at once as one integer, the last (partial) word re-read as the final eight
/// bytes, so that only strings shorter than a word go byte by byte.
fn next_escape(bytes: &[u8], from: usize) -> usize {
    let word_at = |at: usize| {
        bytes
            .get(at..at.saturating_add(8))
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(|w| escape_mask(u64::from_le_bytes(w)))
    };
    let hit = |at: usize, mask: u64| at + mask.trailing_zeros() as usize / 8;
    let mut i = from;
    while let Some(mask) = word_at(i) {
        if mask != 0 {
            return hit(i, mask);
        }
        i += 8;
    }
    if i >= bytes.len() {
        return bytes.len();
    }
    // Fewer than eight bytes are left. The word ending at the end overlaps bytes already
    // found clean, so its first flagged byte is the first in what is left.
    let last = bytes.len().saturating_sub(8);
    if last >= from
        && let Some(mask) = word_at(last)
    {
        return if mask != 0 {
            hit(last, mask)
        } else {
            bytes.len()
        };
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| needs_escape(b)))
        .map_or(bytes.len(), |p| i + p)
}

/// A JSON string, escaped exactly as `serde_json` does: `\"`, `\\`, `\b \t \n \f \r`, and
/// `\u00xx` (lowercase hex) for the other control characters; everything else as is.
/// Stretches needing no escape (nearly always the whole string) are copied at once.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    loop {
        let at = next_escape(bytes, from);
        out.extend_from_slice(bytes.get(from..at).unwrap_or_default());
        let Some(&b) = bytes.get(at) else { break };
        write_escape(out, b);
        from = at + 1;
    }
    out.push(b'"');
}

/// A field or variant name as a JSON string. Names are identifiers or `rename`s in the
/// model (`total_income`, `万元`) and never hold a byte to escape, so they are copied
/// without looking at them: a scan per key was a third of the writing, there being some
/// twenty keys per figure. Debug builds check each name, and the tests compare whole
/// entries with what `serde_json` writes.
fn write_name(out: &mut Vec<u8>, name: &'static str) {
    debug_assert!(
        !name.bytes().any(needs_escape),
        "a name to escape: {name:?}"
    );
    out.reserve(name.len() + 2);
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

fn write_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\n' => out.extend_from_slice(b"\\n"),
        0x0C => out.extend_from_slice(b"\\f"),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => {
            out.extend_from_slice(b"\\u00");
            out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
            out.push(HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'));
        }
    }
}

impl Writer<'_> {
    fn integer(&mut self, n: impl itoa::Integer) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// Before an element or a key: the separator and, pretty, the newline and indentation.
    fn separator(&mut self, first: bool) {
        if !first {
            self.out.push(b',');
        }
        if self.pretty {
            self.out.push(b'\n');
            push_indent(self.out, self.indent);
        }
    }
}

/// Open an object or array; an empty one is closed at once (`{}`, `[]`).
fn open<'w, 'a>(
    writer: &'w mut Writer<'a>,
    bracket: u8,
    close: u8,
    len: Option<usize>,
) -> Compound<'w, 'a> {
    writer.out.push(bracket);
    let closed = len == Some(0);
    if closed {
        writer.out.push(close);
    } else {
        writer.indent += 1;
    }
    Compound {
        writer,
        close,
        first: true,
        closed,
    }
}

/// An object or array being written.
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    close: u8,
    first: bool,
    /// Already closed (it was declared empty).
    closed: bool,
}

impl Compound<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.writer.separator(self.first);
        self.first = false;
        value.serialize(&mut *self.writer)
    }

    fn key(&mut self, key: &'static str) {
        self.writer.separator(self.first);
        self.first = false;
        write_name(self.writer.out, key);
        self.writer
            .out
            .extend_from_slice(if self.writer.pretty { b": " } else { b":" });
    }

    fn end(self) -> Result<(), Unsupported> {
        if self.closed {
            return Ok(());
        }
        self.writer.indent = self.writer.indent.saturating_sub(1);
        if self.writer.pretty && !self.first {
            self.writer.out.push(b'\n');
            push_indent(self.writer.out, self.writer.indent);
        }
        self.writer.out.push(self.close);
        Ok(())
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.integer(v);
        Ok(())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Unsupported> {
        unsupported("f32")
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Unsupported> {
        unsupported("f64")
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        write_name(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Unsupported> {
        unsupported("newtype variant")
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(open(self, b'[', b']', len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(open(self, b'[', b']', Some(len)))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(open(self, b'[', b']', Some(len)))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("tuple variant")
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(open(self, b'{', b'}', len))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(open(self, b'{', b'}', Some(len)))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("struct variant")
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.element(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.element(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.element(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        let key = key.serialize(MapKey)?;
        self.key(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

/// A map key: the model's keys are unit variants (`Concept`) or strings, whose text is
/// borrowed for the `'static` lifetime of a variant name; anything else is unsupported
/// (an owned string key is too: no map in the model has one).
struct MapKey;

impl ser::Serializer for MapKey {
    type Ok = &'static str;
    type Error = Unsupported;
    type SerializeSeq = Impossible<&'static str, Unsupported>;
    type SerializeTuple = Impossible<&'static str, Unsupported>;
    type SerializeTupleStruct = Impossible<&'static str, Unsupported>;
    type SerializeTupleVariant = Impossible<&'static str, Unsupported>;
    type SerializeMap = Impossible<&'static str, Unsupported>;
    type SerializeStruct = Impossible<&'static str, Unsupported>;
    type SerializeStructVariant = Impossible<&'static str, Unsupported>;

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<&'static str, Unsupported> {
        Ok(variant)
    }
    fn serialize_bool(self, _v: bool) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_i8(self, _v: i8) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_i16(self, _v: i16) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_i32(self, _v: i32) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_i64(self, _v: i64) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_u8(self, _v: u8) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_u16(self, _v: u16) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_u32(self, _v: u32) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_u64(self, _v: u64) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_f32(self, _v: f32) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_f64(self, _v: f64) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_char(self, _v: char) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_str(self, _v: &str) -> Result<&'static str, Unsupported> {
        unsupported("owned string key")
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_none(self) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _v: &T) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_unit(self) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<&'static str, Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<&'static str, Unsupported> {
        unsupported("key")
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        unsupported("key")
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("key")
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("key")
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("key")
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("key")
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        unsupported("key")
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("key")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::EntryRef;
    use crate::report::testing;

    fn both(value: &(impl Serialize + ?Sized)) {
        let mut compact = Vec::new();
        to_vec(value, Layout::Compact, &mut compact);
        assert_eq!(
            String::from_utf8(compact).unwrap(),
            serde_json::to_string(value).unwrap()
        );
        let mut pretty = Vec::new();
        to_vec(value, Layout::Pretty { base_indent: 0 }, &mut pretty);
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            serde_json::to_string_pretty(value).unwrap()
        );
    }

    #[test]
    fn entries_are_written_as_serde_json_writes_them() {
        for outcome in [testing::checked(), testing::failed()] {
            both(&EntryRef::new(&outcome));
        }
        let analysis = crate::analyze_text(
            "a.txt",
            "一、收入支出决算总体情况\n2023年度收入合计100万元，其中：财政拨款收入90万元，\
             其他收入20万元，占20%。比上年增加10万元，增长11.1%。"
                .to_owned(),
            "UTF-8",
        );
        both(&analysis.report);
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let long = "收入合计\"引号\"\\反斜杠\u{1}\u{1f}\u{7f}\t\n\r\u{8}\u{c}\u{2028} ".repeat(5);
        for s in [
            "",
            "a",
            "\"",
            "0123456789abcdef",
            "0123456789abcde\"",
            long.as_str(),
        ] {
            both(s);
            both(&vec![s, s]);
        }
        both(&Vec::<String>::new());
        both(&(
            Vec::<u8>::new(),
            vec![Vec::<u8>::new()],
            Some(1u64),
            None::<u8>,
            -5i32,
        ));
    }

    #[test]
    fn what_it_does_not_write_serde_json_does() {
        both(&vec![1.5f64, 2.0]);
        let mut map = std::collections::BTreeMap::new();
        map.insert("key".to_owned(), 1);
        both(&map);
    }

    #[test]
    fn an_escape_is_found_in_every_position() {
        for len in 0..20 {
            for at in 0..len {
                for special in ['"', '\\', '\0', '\u{1f}'] {
                    let mut chars = vec!['x'; len];
                    chars[at] = special;
                    // A byte just above a hit must not hide it.
                    if at + 1 < len {
                        chars[at + 1] = '\u{1f}';
                    }
                    both(&chars.iter().collect::<String>());
                }
            }
            for c in [' ', '\u{7f}', '!', '收'] {
                both(&c.to_string().repeat(len));
            }
        }
    }

    #[test]
    fn pretty_with_a_base_indent_indents_every_line() {
        let mut out = Vec::new();
        to_vec(&vec![1, 2], Layout::Pretty { base_indent: 1 }, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "[\n    1,\n    2\n  ]");
    }
}
