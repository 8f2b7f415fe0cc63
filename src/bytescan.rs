//! Finding the first byte of a class in a byte string, sixteen bytes at a time, each byte
//! seen with the two after it (so that a class can be whole UTF-8 characters).
//!
//! Owns one helper, [`first_flagged`], for passes that copy long stretches of text
//! untouched and stop only at a few characters: normalisation (full-width forms, spaces,
//! markup) uses it; going byte by byte with a branch per byte was most of its cost.

const BLOCK: usize = 16;

/// The index of the first byte in `from..end` for which `flag(byte, next, the one after)`
/// is non-zero, or `end` (clamped to `bytes.len()`). The bytes after `end` are read, as
/// far as they go, to fill the last block; bytes past the end of `bytes` read as 0, and
/// `flag` must not flag a 0 byte. Seeing the two bytes that follow lets a flag name a
/// whole UTF-8 character (`E3 80 80`), not only its lead byte, which starts common
/// characters too.
///
/// `flag` should be branch-free (an OR of `u8::from(b == …)` comparisons, not a `match`)
/// so that the compiler computes a whole block of flags with vector instructions; the
/// flags of a block are then read as one integer, whose lowest non-zero byte is the hit.
#[inline]
pub fn first_flagged(
    bytes: &[u8],
    from: usize,
    end: usize,
    flag: impl Fn(u8, u8, u8) -> u8,
) -> usize {
    let end = end.min(bytes.len());
    let mut i = from;
    while i < end {
        let Some(word) = bytes.get(i..).and_then(|window| block_flags(window, &flag)) else {
            break;
        };
        if word != 0 {
            return (i + lowest_flagged(word)).min(end);
        }
        i += BLOCK;
    }
    if i >= end {
        return end;
    }
    // The last bytes of `bytes`, fewer than a block and two, in a zeroed buffer of two
    // blocks: a byte at a time, the flag was not computed with vector instructions.
    let rest = bytes.get(i..).unwrap_or_default();
    let mut padded = [0u8; 2 * BLOCK + 2];
    if let Some(head) = padded.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    [0, BLOCK]
        .into_iter()
        .find_map(|start| {
            let word = padded.get(start..).and_then(|w| block_flags(w, &flag))?;
            (word != 0).then(|| i + start + lowest_flagged(word))
        })
        .map_or(end, |at| at.min(end))
}

/// The flags of the first [`BLOCK`] bytes of `window`, which holds at least two more, as
/// one integer (byte `k` of it for byte `k` of the window); `None` for a shorter window.
#[inline]
fn block_flags(window: &[u8], flag: &impl Fn(u8, u8, u8) -> u8) -> Option<u128> {
    let here = window.first_chunk::<BLOCK>()?;
    let next = window.get(1..)?.first_chunk::<BLOCK>()?;
    let after = window.get(2..)?.first_chunk::<BLOCK>()?;
    let mut flags = [0u8; BLOCK];
    for (f, ((&b, &n), &a)) in flags.iter_mut().zip(here.iter().zip(next).zip(after)) {
        *f = flag(b, n, a);
    }
    Some(u128::from_le_bytes(flags))
}

/// The index of the lowest non-zero byte of a non-zero block of flags.
fn lowest_flagged(word: u128) -> usize {
    word.trailing_zeros() as usize / 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_flagged_byte_in_and_after_blocks() {
        let quote = |b: u8, _: u8, _: u8| u8::from(b == b'"');
        let text = format!("{}\"{}\"", "a".repeat(37), "b".repeat(20));
        assert_eq!(first_flagged(text.as_bytes(), 0, text.len(), quote), 37);
        assert_eq!(first_flagged(text.as_bytes(), 38, text.len(), quote), 58);
        assert_eq!(first_flagged(text.as_bytes(), 59, text.len(), quote), 59);
        assert_eq!(first_flagged(b"abc", 0, 3, quote), 3);
        assert_eq!(first_flagged(b"abc", 7, 3, quote), 3);
        for at in 0..40 {
            let mut bytes = vec![b'x'; 40];
            bytes[at] = b'"';
            assert_eq!(first_flagged(&bytes, 0, 40, quote), at);
        }
    }

    #[test]
    fn a_flag_sees_the_two_bytes_after_and_stops_at_the_end() {
        let ideographic_space = |b: u8, n: u8, a: u8| u8::from(b == 0xE3 && n == 0x80 && a == 0x80);
        let text = format!("{}。、\u{3000}{}\u{3000}", "甲".repeat(9), "乙".repeat(7));
        let bytes = text.as_bytes();
        let len = bytes.len();
        let first = text.find('\u{3000}').unwrap();
        let last = text.rfind('\u{3000}').unwrap();
        assert_eq!(first_flagged(bytes, 0, len, ideographic_space), first);
        assert_eq!(
            first_flagged(bytes, first + 3, len, ideographic_space),
            last
        );
        // A hit after `end` is not one; past the end of the bytes, they read as 0.
        assert_eq!(first_flagged(bytes, 0, first, ideographic_space), first);
        assert_eq!(
            first_flagged(bytes, first + 3, last, ideographic_space),
            last
        );
        assert_eq!(
            first_flagged(&bytes[..len - 1], first + 3, len, ideographic_space),
            len - 1
        );
    }
}
