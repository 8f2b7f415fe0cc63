//! Finding the bytes of a class in a byte string, 64 bytes at a time, each byte seen
//! with the two after it (so that a class can be whole UTF-8 characters).
//!
//! Owns one helper, [`Flagged`], for passes that copy long stretches of text untouched and
//! stop only at a few characters: normalisation (line breaks, full-width forms, spaces,
//! markup) uses it; going byte by byte with a branch per byte was most of its cost.

const BLOCK: usize = 64;

/// The flagged bytes of a byte string, met in order: the flags of a block of bytes are
/// computed once, however many of its bytes are flagged.
///
/// `flag(byte, next, the one after)` is 1 for a byte of the class, else 0. It should be
/// branch-free (an OR of `u8::from(b == …)` comparisons, not a `match`) so that the
/// compiler computes a whole block of flags with vector instructions; the flags of a
/// block are then gathered into one bit each, and the lowest set bit is the next hit.
/// Bytes past the end read as 0 (as the bytes after the last ones) and are never
/// reported, so `flag` may flag a 0 byte. Seeing the two bytes
/// that follow lets a flag name a whole UTF-8 character (`E3 80 80`), not only its lead
/// byte, which starts common characters too.
pub struct Flagged<'a, F> {
    bytes: &'a [u8],
    flag: F,
    /// Where the block whose flags are in `bits` starts.
    block: usize,
    /// The flags of the bytes of that block not yet passed (bit `k` for byte `block + k`).
    bits: u64,
}

impl<'a, F: Fn(u8, u8, u8) -> u8> Flagged<'a, F> {
    pub fn new(bytes: &'a [u8], flag: F) -> Self {
        let bits = bits_at(bytes, 0, &flag);
        Flagged {
            bytes,
            flag,
            block: 0,
            bits,
        }
    }

    /// The first flagged byte at or after `from`, or the length of the bytes. `from` is
    /// never before the `from` of an earlier call.
    #[inline]
    pub fn first_from(&mut self, mut from: usize) -> usize {
        loop {
            match from.checked_sub(self.block) {
                // Within the current block: its flags before `from` are dropped.
                Some(skip) if skip < BLOCK => self.bits &= u64::MAX << skip,
                _ => {
                    self.block = from;
                    self.bits = bits_at(self.bytes, from, &self.flag);
                }
            }
            if self.bits != 0 {
                return self.block + self.bits.trailing_zeros() as usize;
            }
            from = self.block + BLOCK;
            if from >= self.bytes.len() {
                return self.bytes.len();
            }
        }
    }
}

/// The flags of the block of bytes starting at `at`. The last bytes of `bytes` (fewer than
/// a block and two) are copied into a zeroed buffer.
#[inline]
fn bits_at(bytes: &[u8], at: usize, flag: &impl Fn(u8, u8, u8) -> u8) -> u64 {
    let rest = bytes.get(at..).unwrap_or_default();
    if let Some(bits) = block_bits(rest, flag) {
        return bits;
    }
    let mut padded = [0u8; BLOCK + 2];
    if let Some(head) = padded.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    // The flags of the zeros past the end are dropped.
    let within = u64::MAX
        .checked_shl(rest.len() as u32)
        .map_or(u64::MAX, |past| !past);
    block_bits(&padded, flag).unwrap_or(0) & within
}

/// The flags of the first [`BLOCK`] bytes of `window`, which holds at least two more, one
/// bit each (bit `k` for byte `k` of the window); `None` for a shorter window.
#[inline]
fn block_bits(window: &[u8], flag: &impl Fn(u8, u8, u8) -> u8) -> Option<u64> {
    let here = window.first_chunk::<BLOCK>()?;
    let next = window.get(1..)?.first_chunk::<BLOCK>()?;
    let after = window.get(2..)?.first_chunk::<BLOCK>()?;
    let mut flags = [0u8; BLOCK];
    for (f, ((&b, &n), &a)) in flags.iter_mut().zip(here.iter().zip(next).zip(after)) {
        *f = flag(b, n, a);
    }
    // Eight flags of 0 or 1 at a time, read as one integer: the multiplication moves the
    // flag of byte `k` to bit 56 + `k`, every partial product to a bit of its own.
    let mut bits = 0u64;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(eight.try_into().ok()?);
        let gathered = word.wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= gathered << (8 * k);
    }
    Some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every flagged position from `from` on, as `first_from` finds them.
    fn all_from(bytes: &[u8], flag: impl Fn(u8, u8, u8) -> u8, from: usize) -> Vec<usize> {
        let mut scan = Flagged::new(bytes, flag);
        let mut hits = Vec::new();
        let mut at = from;
        loop {
            let hit = scan.first_from(at);
            if hit >= bytes.len() {
                return hits;
            }
            hits.push(hit);
            at = hit + 1;
        }
    }

    #[test]
    fn finds_every_flagged_byte_in_and_after_blocks() {
        let quote = |b: u8, _: u8, _: u8| u8::from(b == b'"');
        let text = format!("{}\"{}\"\"", "a".repeat(37), "b".repeat(40));
        assert_eq!(all_from(text.as_bytes(), quote, 0), vec![37, 78, 79]);
        assert_eq!(all_from(text.as_bytes(), quote, 38), vec![78, 79]);
        assert_eq!(Flagged::new(b"abc", quote).first_from(0), 3);
        assert_eq!(Flagged::new(b"abc", quote).first_from(7), 3);
        for len in 1..150 {
            for at in 0..len {
                let mut bytes = vec![b'x'; len];
                bytes[at] = b'"';
                assert_eq!(all_from(&bytes, quote, 0), vec![at], "{len} {at}");
                let mut skipping = Flagged::new(&bytes, quote);
                assert_eq!(skipping.first_from(at / 2), at);
                assert_eq!(skipping.first_from(at + 1), len);
            }
        }
    }

    /// A flag on 0 finds the zeros of the bytes, never the zeros read past their end.
    #[test]
    fn the_zeros_past_the_end_are_never_hits() {
        let zero = |b: u8, _: u8, _: u8| u8::from(b == 0);
        for len in 0..80 {
            let mut bytes = vec![b'x'; len];
            assert_eq!(all_from(&bytes, zero, 0), Vec::<usize>::new(), "{len}");
            if let Some(last) = bytes.last_mut() {
                *last = 0;
                assert_eq!(all_from(&bytes, zero, 0), vec![len - 1], "{len}");
            }
        }
    }

    #[test]
    fn a_flag_sees_the_two_bytes_after() {
        let ideographic_space = |b: u8, n: u8, a: u8| u8::from(b == 0xE3 && n == 0x80 && a == 0x80);
        let text = format!("{}。、\u{3000}{}\u{3000}", "甲".repeat(9), "乙".repeat(7));
        let bytes = text.as_bytes();
        let first = text.find('\u{3000}').unwrap();
        let last = text.rfind('\u{3000}').unwrap();
        assert_eq!(all_from(bytes, ideographic_space, 0), vec![first, last]);
        // Past the end of the bytes, they read as 0.
        assert_eq!(
            all_from(&bytes[..bytes.len() - 1], ideographic_space, 0),
            vec![first]
        );
    }
}
