//! Small-group suppression for published counts: a group of fewer than
//! [`MIN_GROUP`] people is hidden, and so are as many of the smallest
//! other groups as it takes for the total (shown elsewhere on the page)
//! minus the visible groups never to give a hidden one back
//! (complementary suppression).

use serde::{Deserialize, Serialize};

/// The smallest group whose size is shown.
pub const MIN_GROUP: u64 = 5;

/// One group's count as published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Shown {
    /// The exact count.
    Count(u64),
    /// Hidden: shown as "fewer than 5", with a note that a group hidden to
    /// cover a smaller one may hold more.
    Hidden,
}

impl Shown {
    /// The count, when it is shown.
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Hidden => None,
        }
    }
}

/// The counts of one breakdown (the groups add up to a total published
/// elsewhere), with every group of 1 to 4 hidden. Then the smallest
/// visible group (one with people in it before an empty one; the first of
/// equals) is hidden too, again and again, while the total minus the
/// visible groups would still give a hidden one back: while exactly one
/// group is hidden, while the hidden groups hold fewer than 5 in all, or
/// while they are all small ones holding one each or four each. Empty
/// groups are otherwise shown: a zero tells nothing about anyone.
pub fn suppress(counts: &[u64]) -> Vec<Shown> {
    let small = |n: u64| n > 0 && n < MIN_GROUP;
    let mut hidden: Vec<bool> = counts.iter().map(|&n| small(n)).collect();
    loop {
        let held: Vec<u64> = (0..counts.len())
            .filter(|&i| hidden[i])
            .map(|i| counts[i])
            .collect();
        let (k, sum) = (held.len() as u64, held.iter().sum::<u64>());
        let all_small = held.iter().all(|&n| small(n));
        // A reader who knows that every hidden group holds 1 to 4 can
        // work them out when they hold the least or the most they could.
        let pinned = all_small && (sum == k || sum == k * (MIN_GROUP - 1));
        if k == 0 || (k > 1 && sum >= MIN_GROUP && !pinned) {
            break;
        }
        let next = (0..counts.len())
            .filter(|&i| !hidden[i])
            .min_by_key(|&i| (counts[i] == 0, counts[i]));
        match next {
            Some(i) => hidden[i] = true,
            None => break,
        }
    }
    counts
        .iter()
        .zip(hidden)
        .map(|(&n, h)| if h { Shown::Hidden } else { Shown::Count(n) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Shown::{Count, Hidden};

    #[test]
    fn groups_of_five_and_more_and_empty_groups_are_shown() {
        assert_eq!(
            suppress(&[5, 0, 12, 40]),
            vec![Count(5), Count(0), Count(12), Count(40)]
        );
        assert_eq!(suppress(&[]), vec![]);
    }

    #[test]
    fn two_small_groups_holding_five_hide_each_other() {
        assert_eq!(
            suppress(&[3, 10, 2, 7]),
            vec![Hidden, Count(10), Hidden, Count(7)]
        );
    }

    #[test]
    fn one_small_group_takes_the_smallest_other_with_it() {
        // Without the second, 30 − (10 + 12 + 6) would give the 2 back.
        assert_eq!(
            suppress(&[10, 2, 12, 6]),
            vec![Count(10), Hidden, Count(12), Hidden]
        );
        // Ties: the first of the smallest.
        assert_eq!(suppress(&[6, 4, 6]), vec![Hidden, Hidden, Count(6)]);
    }

    #[test]
    fn small_groups_holding_fewer_than_five_take_another() {
        // Two hidden groups holding 2 between them would both be 1.
        assert_eq!(
            suppress(&[1, 9, 1, 20]),
            vec![Hidden, Hidden, Hidden, Count(20)]
        );
        // Two hidden groups of "fewer than 5" holding 8 would both be 4.
        assert_eq!(
            suppress(&[4, 30, 4, 20]),
            vec![Hidden, Count(30), Hidden, Hidden]
        );
    }

    #[test]
    fn an_empty_group_covers_when_nobody_else_can() {
        assert_eq!(suppress(&[0, 3, 0]), vec![Hidden, Hidden, Hidden]);
        assert_eq!(suppress(&[4]), vec![Hidden]);
    }

    /// Every breakdown of `len` groups of up to `max` people.
    fn breakdowns(len: u32, max: u64) -> Vec<Vec<u64>> {
        (0..(max + 1).pow(len))
            .map(|mut code| {
                (0..len)
                    .map(|_| {
                        let n = code % (max + 1);
                        code /= max + 1;
                        n
                    })
                    .collect()
            })
            .collect()
    }

    /// What a reader learns from the total and the visible groups: the
    /// hidden groups' sum. It is shared by two groups at least and holds
    /// 5 or more (unless every group is hidden), and the hidden groups
    /// are never all small ones holding one each or four each, so it does
    /// not give back any group; every shown count is exact and 0 or 5+.
    fn nothing_hidden_is_revealed(len: u32, max: u64) {
        for b in breakdowns(len, max) {
            let shown = suppress(&b);
            let held: Vec<u64> = (0..b.len())
                .filter(|&i| shown[i] == Hidden)
                .map(|i| b[i])
                .collect();
            let (k, sum) = (held.len() as u64, held.iter().sum::<u64>());
            let everything = held.len() == b.len();
            for (i, s) in shown.iter().enumerate() {
                if let Count(n) = s {
                    assert_eq!(*n, b[i]);
                    assert!(*n == 0 || *n >= MIN_GROUP, "{b:?}");
                } else {
                    assert!(b[i] < MIN_GROUP || k > 1, "{b:?}");
                }
            }
            if k == 0 || everything {
                continue;
            }
            assert!(k >= 2 && sum >= MIN_GROUP, "{b:?} → {shown:?}");
            let all_small = held.iter().all(|&n| n < MIN_GROUP && n > 0);
            assert!(
                !(all_small && (sum == k || sum == 4 * k)),
                "{b:?} → {shown:?}"
            );
        }
    }

    #[test]
    fn no_hidden_group_can_be_worked_out_from_the_total() {
        nothing_hidden_is_revealed(2, 14);
        nothing_hidden_is_revealed(3, 12);
        nothing_hidden_is_revealed(4, 9);
        nothing_hidden_is_revealed(7, 5);
    }
}
