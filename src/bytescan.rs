//! Finding the first byte of a class in a byte string, sixteen bytes at a time.
//!
//! Owns one helper, [`first_flagged`], for passes that copy long stretches of text
//! untouched and stop only at a few byte values: normalisation (full-width forms, spaces,
//! markup) uses it; going byte by byte with a branch per byte was most of its cost. (The
//! JSON writer tests eight bytes at once with integer arithmetic instead: its strings are
//! mostly shorter than a block.)

/// The index of the first byte at or after `from` for which `flag` is non-zero, or
/// `bytes.len()`.
///
/// `flag` should be branch-free (an OR of `u8::from(b == …)` comparisons, not a `match`)
/// so that the compiler computes a whole block of flags with vector instructions; the
/// flags of a block are then read as one integer, whose lowest non-zero byte is the hit.
#[inline]
pub fn first_flagged(bytes: &[u8], from: usize, flag: impl Fn(u8) -> u8) -> usize {
    const BLOCK: usize = 16;
    let mut i = from;
    while let Some(block) = bytes
        .get(i..i.saturating_add(BLOCK))
        .and_then(|b| <&[u8; BLOCK]>::try_from(b).ok())
    {
        let word = u128::from_le_bytes(block.map(&flag));
        if word != 0 {
            return i + word.trailing_zeros() as usize / 8;
        }
        i += BLOCK;
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| flag(b) != 0))
        .map_or(bytes.len(), |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_flagged_byte_in_and_after_blocks() {
        let quote = |b: u8| u8::from(b == b'"');
        let text = format!("{}\"{}\"", "a".repeat(37), "b".repeat(20));
        assert_eq!(first_flagged(text.as_bytes(), 0, quote), 37);
        assert_eq!(first_flagged(text.as_bytes(), 38, quote), 58);
        assert_eq!(first_flagged(text.as_bytes(), 59, quote), 59);
        assert_eq!(first_flagged(b"abc", 0, quote), 3);
        assert_eq!(first_flagged(b"abc", 7, quote), 3);
        for at in 0..40 {
            let mut bytes = vec![b'x'; 40];
            bytes[at] = b'"';
            assert_eq!(first_flagged(&bytes, 0, quote), at);
        }
    }
}
