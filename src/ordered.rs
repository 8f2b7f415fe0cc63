//! Counting sorted positions met in text order.
//!
//! Owns one helper, [`count_at_or_before`], for the cursors that place a document's figures
//! one after another (`normalize::MapCursor` through the offset map, `segment::SectionCursor`
//! through the section tree): stepping on from where the previous figure was found passes
//! the items between two figures once, where a search per figure went over all of them.

/// How many of `items`, sorted by `key`, have a key at or before `offset`, given `counted`,
/// that count for an earlier offset: stepped on from there (figures lie a few items apart at
/// most), or searched for again where `offset` lies before the last item counted.
pub fn count_at_or_before<T>(
    items: &[T],
    key: impl Fn(&T) -> usize,
    counted: usize,
    offset: usize,
) -> usize {
    let last_counted = counted.checked_sub(1).and_then(|i| items.get(i));
    if last_counted.is_some_and(|item| key(item) > offset) {
        return items.partition_point(|item| key(item) <= offset);
    }
    let mut count = counted;
    while items.get(count).is_some_and(|item| key(item) <= offset) {
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count is the search's, from the count of any earlier offset, stepping forward or
    /// back.
    #[test]
    fn counts_are_those_of_a_search() {
        let keys = [0, 3, 3, 7, 12, 12, 12, 20];
        let search = |offset: usize| keys.partition_point(|&k| k <= offset);
        for earlier in 0..25 {
            for offset in 0..25 {
                assert_eq!(
                    count_at_or_before(&keys, |&k| k, search(earlier), offset),
                    search(offset),
                    "{earlier} {offset}"
                );
            }
        }
        assert_eq!(count_at_or_before(&[] as &[usize], |&k| k, 0, 5), 0);
    }
}
