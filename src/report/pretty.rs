//! Pretty JSON, as sonic-rs's `PrettyFormatter` lays it out, from any depth.
//!
//! Owns [`to_writer_pretty`]: two spaces a level, a key and its value on one line, `[]` and
//! `{}` for empty containers, exactly sonic-rs's layout. Two things differ in how, not in
//! what: the output may start some levels deep (an element of the JSON array is written
//! in place, not written at depth 0 and indented line by line afterwards, a pass that cost
//! as much as a third of the rendering), and a line's indentation is written at once rather
//! than two spaces at a time. Strings, numbers and escaping stay sonic-rs's.

use std::io::{self, Write};

use serde::Serialize;
use sonic_rs::format::Formatter;

/// Pretty JSON of `value`, laid out as though it sat `depth` levels deep (its first line is
/// not indented: the caller has placed it).
pub(crate) fn to_writer_pretty<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> io::Result<()> {
    let formatter = Indented {
        depth,
        has_value: false,
    };
    let mut serializer = sonic_rs::Serializer::with_formatter(out, formatter);
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// sonic-rs's `PrettyFormatter` with two spaces a level, from `depth`.
#[derive(Debug, Clone)]
struct Indented {
    /// Levels of the container being written.
    depth: usize,
    /// Whether the container being closed has had a value (and so ends on its own line).
    has_value: bool,
}

/// A line break and the indentation of `depth` levels, in one write where it fits.
fn new_line<W: ?Sized + Write>(writer: &mut W, depth: usize) -> io::Result<()> {
    const LINE: &[u8] = b"\n                                                                ";
    match depth.checked_mul(2).and_then(|n| LINE.get(..n + 1)) {
        Some(line) => writer.write_all(line),
        None => {
            writer.write_all(b"\n")?;
            (0..depth).try_for_each(|_| writer.write_all(b"  "))
        }
    }
}

impl Indented {
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_add(1);
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            new_line(writer, self.depth)?;
        }
        writer.write_all(bracket)
    }

    fn next_item<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        new_line(writer, self.depth)
    }
}

impl Formatter for Indented {
    #[inline]
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_item(writer, first)
    }

    #[inline]
    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_item(writer, first)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn sample() -> impl Serialize {
        let mut map = BTreeMap::new();
        map.insert("parts", vec![vec![], vec![1, 2], vec![3]]);
        map.insert("none", vec![]);
        let deep = (0..40).fold(
            serde_json::json!([1]),
            |v, _| serde_json::json!({ "a": [v, {}] }),
        );
        (
            map,
            "收入\"合计\"\n",
            Some(1.5),
            None::<u8>,
            BTreeMap::<u8, u8>::new(),
            deep,
        )
    }

    #[test]
    fn same_bytes_as_sonic_rs() {
        let mut out = Vec::new();
        to_writer_pretty(&mut out, &sample(), 0).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(sonic_rs::to_vec_pretty(&sample()).unwrap()).unwrap()
        );
    }

    /// From depth 1, every line but the first is indented two spaces more.
    #[test]
    fn from_a_depth_indents_every_further_line() {
        let mut nested = Vec::new();
        to_writer_pretty(&mut nested, &sample(), 1).unwrap();
        let flat = String::from_utf8(sonic_rs::to_vec_pretty(&sample()).unwrap()).unwrap();
        assert_eq!(
            String::from_utf8(nested).unwrap(),
            flat.replace('\n', "\n  ")
        );
    }
}
