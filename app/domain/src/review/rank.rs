//! Ranking: each application's mean weighted total over its finished
//! reviews, raw or with every reviewer's totals normalised, and the spread
//! between its reviewers.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One finished review's total.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Total {
    /// The application.
    pub application_id: i32,
    /// The reviewer.
    pub reviewer_id: i32,
    /// The weighted total (0..=100).
    pub total: f64,
}

fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Each reviewer's totals as z-scores mapped back onto the scale of all
/// totals (overall mean + z · overall standard deviation, kept in 0..=100),
/// so a harsh and a lenient reviewer count alike.
///
/// A reviewer with a single review tells nothing about their leniency, so
/// that total stays raw. A reviewer whose totals are all equal (zero spread)
/// separates nobody: their totals become the overall mean.
pub fn normalise(totals: &[Total]) -> Vec<Total> {
    if totals.is_empty() {
        return Vec::new();
    }
    let all: Vec<f64> = totals.iter().map(|t| t.total).collect();
    let (g_mean, g_sd) = mean_sd(&all);
    let mut by_reviewer: HashMap<i32, Vec<f64>> = HashMap::new();
    for t in totals {
        by_reviewer.entry(t.reviewer_id).or_default().push(t.total);
    }
    let stats: HashMap<i32, (usize, f64, f64)> = by_reviewer
        .into_iter()
        .map(|(r, xs)| {
            let (m, sd) = mean_sd(&xs);
            (r, (xs.len(), m, sd))
        })
        .collect();
    totals
        .iter()
        .map(|t| {
            let (n, m, sd) = stats[&t.reviewer_id];
            let total = if n < 2 {
                t.total
            } else if sd < 1e-9 {
                g_mean
            } else {
                (g_mean + (t.total - m) / sd * g_sd).clamp(0.0, super::rubric::TOTAL_OUT_OF)
            };
            Total { total, ..*t }
        })
        .collect()
}

/// An application's place in the ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// The application.
    pub application_id: i32,
    /// 1 = best; applications without a finished review come last, unranked.
    pub rank: Option<usize>,
    /// Mean total over its finished reviews.
    pub score: Option<f64>,
    /// Highest minus lowest total between its reviewers.
    pub spread: Option<f64>,
    /// Finished reviews.
    pub done: usize,
}

/// Ranks `applications` by the mean of their `totals` (normalised first when
/// `normalised`), best first; ties and unscored ones by application id.
/// One pass over the totals.
pub fn rank(applications: &[i32], totals: &[Total], normalised: bool) -> Vec<Ranked> {
    let used = if normalised {
        normalise(totals)
    } else {
        totals.to_vec()
    };
    let mut per: HashMap<i32, Vec<f64>> = HashMap::new();
    for t in &used {
        per.entry(t.application_id).or_default().push(t.total);
    }
    let mut out: Vec<Ranked> = applications
        .iter()
        .map(|&a| {
            let xs = per.get(&a).map(Vec::as_slice).unwrap_or(&[]);
            let score = (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64);
            let spread = (!xs.is_empty()).then(|| {
                let max = xs.iter().copied().fold(f64::MIN, f64::max);
                let min = xs.iter().copied().fold(f64::MAX, f64::min);
                max - min
            });
            Ranked {
                application_id: a,
                rank: None,
                score,
                spread,
                done: xs.len(),
            }
        })
        .collect();
    out.sort_by(|x, y| match (x.score, y.score) {
        (Some(a), Some(b)) => b
            .total_cmp(&a)
            .then(x.application_id.cmp(&y.application_id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.application_id.cmp(&y.application_id),
    });
    for (i, r) in out.iter_mut().enumerate() {
        if r.score.is_some() {
            r.rank = Some(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(a: i32, r: i32, total: f64) -> Total {
        Total {
            application_id: a,
            reviewer_id: r,
            total,
        }
    }

    #[test]
    fn ranks_by_mean_with_spread_and_unscored_last() {
        let totals = [
            t(1, 10, 60.0),
            t(1, 11, 80.0),
            t(2, 10, 90.0),
            t(3, 11, 70.0),
        ];
        let r = rank(&[1, 2, 3, 4], &totals, false);
        let order: Vec<i32> = r.iter().map(|x| x.application_id).collect();
        assert_eq!(order, vec![2, 1, 3, 4]);
        assert_eq!(r[1].score, Some(70.0));
        assert_eq!(r[1].spread, Some(20.0));
        assert_eq!(r[1].done, 2);
        assert_eq!(r[1].rank, Some(2));
        assert_eq!(r[3].rank, None);
        assert_eq!(r[3].score, None);
        // Ties go by application id.
        let r = rank(&[5, 4], &[t(5, 1, 50.0), t(4, 1, 50.0)], false);
        assert_eq!(r[0].application_id, 4);
    }

    #[test]
    fn normalising_makes_a_harsh_and_a_lenient_reviewer_count_alike() {
        // Reviewer 1 is harsh (20/40), reviewer 2 lenient (80/100); each
        // prefers application 2 on their own scale, but sees different ones.
        let totals = [t(1, 1, 20.0), t(2, 1, 40.0), t(3, 2, 80.0), t(4, 2, 100.0)];
        let raw = rank(&[1, 2, 3, 4], &totals, false);
        assert_eq!(raw[0].application_id, 4);
        assert_eq!(raw[3].application_id, 1);
        let n = rank(&[1, 2, 3, 4], &totals, true);
        let score = |a: i32| {
            n.iter()
                .find(|x| x.application_id == a)
                .unwrap()
                .score
                .unwrap()
        };
        assert!((score(2) - score(4)).abs() < 1e-9);
        assert!((score(1) - score(3)).abs() < 1e-9);
        assert!(score(2) > score(1));
    }

    #[test]
    fn single_reviews_stay_raw_and_flat_reviewers_become_the_mean() {
        let totals = [
            t(1, 1, 30.0),
            t(2, 2, 50.0),
            t(3, 2, 50.0),
            t(4, 3, 70.0),
            t(5, 3, 90.0),
        ];
        let n = normalise(&totals);
        assert_eq!(n[0].total, 30.0);
        let mean = (30.0 + 50.0 + 50.0 + 70.0 + 90.0) / 5.0;
        assert!((n[1].total - mean).abs() < 1e-9);
        assert!((n[2].total - mean).abs() < 1e-9);
        assert!(n[3].total < n[4].total);
        assert!(n.iter().all(|x| (0.0..=100.0).contains(&x.total)));
        assert!(normalise(&[]).is_empty());
    }
}
