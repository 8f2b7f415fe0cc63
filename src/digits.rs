//! The ASCII digits of small numbers, two at a time.
//!
//! Owns [`digit_pair`], the table that the JSON writer's integers and the model's decimal
//! text both write from: one lookup for two digits halves the divisions by ten.

/// The two ASCII digits of `n` (below 100) as a little-endian pair, tens first.
#[inline(always)]
pub(crate) fn digit_pair(n: u64) -> u16 {
    const PAIRS: &[u8] = concat!(
        "0001020304050607080910111213141516171819",
        "2021222324252627282930313233343536373839",
        "4041424344454647484950515253545556575859",
        "6061626364656667686970717273747576777879",
        "8081828384858687888990919293949596979899",
    )
    .as_bytes();
    let at = usize::try_from(n).unwrap_or(usize::MAX).saturating_mul(2);
    PAIRS
        .get(at..at.saturating_add(2))
        .and_then(|pair| <[u8; 2]>::try_from(pair).ok())
        .map_or(0, u16::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::digit_pair;

    #[test]
    fn every_pair_is_the_two_digits_of_its_number() {
        for n in 0..100u64 {
            let pair = digit_pair(n).to_le_bytes();
            assert_eq!(std::str::from_utf8(&pair).unwrap(), format!("{n:02}"));
        }
    }
}
