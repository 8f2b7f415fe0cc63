//! Bytes to text: decoding and the line index of the file as written.
//!
//! Owns encoding detection (UTF-8 with or without BOM, UTF-16 LE/BE with BOM, GB18030/GBK)
//! and the mapping from a byte offset in the decoded text to a 1-based line and a 1-based
//! column counted in Unicode code points. It does not alter the text: normalisation is
//! [`crate::normalize`]'s job, and maps back onto offsets of this text.

use crate::error::InputError;

/// A decoded document: its text exactly as written, and the encoding it was read with.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub encoding: &'static str,
    line_starts: Vec<usize>,
}

/// Decode the raw bytes of one input file.
pub fn decode(bytes: &[u8]) -> Result<Source, InputError> {
    let (text, encoding) = decode_text(bytes)?;
    Ok(Source::new(text, encoding))
}

fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), "UTF-8 (BOM)"))
            .map_err(|e| {
                InputError::Decode(format!(
                    "UTF-8 BOM but invalid UTF-8 at byte {}",
                    e.valid_up_to() + 3
                ))
            });
    }
    for (bom, encoding, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match encoding.decode_without_bom_handling_and_without_replacement(rest) {
                Some(text) => Ok((text.into_owned(), name)),
                None => Err(InputError::Decode(format!(
                    "{name} byte-order mark but malformed {name}"
                ))),
            };
        }
    }
    if bytes.contains(&0) {
        return Err(InputError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8"));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((text.into_owned(), "GB18030")),
        None => Err(InputError::Decode("neither UTF-8 nor GB18030".to_owned())),
    }
}

impl Source {
    pub fn new(text: String, encoding: &'static str) -> Self {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    line_starts.push(i + 2);
                    i += 1;
                }
                b'\r' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Source {
            text,
            encoding,
            line_starts,
        }
    }

    /// 1-based line and 1-based column (in code points) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
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
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The text of a byte range, clamped to character boundaries.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let start = self.floor_char_boundary(start.min(self.text.len()));
        let end = self
            .floor_char_boundary(end.min(self.text.len()))
            .max(start);
        self.text.get(start..end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn binary_and_undecodable_are_errors() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(InputError::Binary)
        ));
        assert!(matches!(
            decode(b"\xff\xff\xff\x80"),
            Err(InputError::Decode(_))
        ));
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
    }
}
