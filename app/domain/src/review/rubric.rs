//! A track's rubric: criteria with a weight and a 1..=max scale, and the
//! weighted total of one reviewer's scores.

use crate::forms::{FieldError, Problem};
use crate::lang::Localized;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The largest weight and scale an organiser may set.
pub const MAX_WEIGHT_OR_SCALE: i32 = 100;

/// Totals are given out of this many points, whatever the criteria's scales,
/// so rubrics with mixed scales compare on one number.
pub const TOTAL_OUT_OF: f64 = 100.0;

/// One criterion of the rubric.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Its id.
    pub id: i32,
    /// Its name.
    pub name: Localized,
    /// Weight in the total (1 or more).
    pub weight: i32,
    /// Scores run from 1 to this (2 or more).
    pub scale_max: i32,
}

/// Checks a criterion's names, weight and scale; the problems name the
/// fields `name_ja`, `name_en`, `weight` and `scale_max`.
pub fn check_criterion(
    name_ja: &str,
    name_en: &str,
    weight: i32,
    scale_max: i32,
) -> Vec<FieldError> {
    use super::texts::MAX_CRITERION_NAME;
    let mut c = crate::forms::Checker::default();
    c.text("name_ja", name_ja, true, MAX_CRITERION_NAME);
    c.text("name_en", name_en, false, MAX_CRITERION_NAME);
    if !(1..=MAX_WEIGHT_OR_SCALE).contains(&weight) {
        c.fail("weight", Problem::BadScore);
    }
    if !(2..=MAX_WEIGHT_OR_SCALE).contains(&scale_max) {
        c.fail("scale_max", Problem::BadScore);
    }
    c.into_problems()
}

/// Checks a score sheet: every criterion needs a score from 1 to its scale.
/// `scores` maps criterion id → the text typed; the problems name the
/// fields `score-<criterion id>`.
pub fn check_scores(
    criteria: &[Criterion],
    scores: &HashMap<i32, String>,
) -> Result<Vec<(i32, i32)>, Vec<FieldError>> {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for c in criteria {
        let typed = scores.get(&c.id).map(|s| s.trim()).unwrap_or("");
        match typed.parse::<i32>() {
            Ok(v) if (1..=c.scale_max).contains(&v) => ok.push((c.id, v)),
            _ => problems.push(FieldError {
                field: format!("score-{}", c.id),
                problem: if typed.is_empty() {
                    Problem::Required
                } else {
                    Problem::BadScore
                },
            }),
        }
    }
    if problems.is_empty() {
        Ok(ok)
    } else {
        Err(problems)
    }
}

/// The weighted total of one reviewer's scores, out of [`TOTAL_OUT_OF`]:
/// Σ weight·score / Σ weight·max. `None` until every criterion is scored
/// (an unfinished sheet does not count in the ranking).
pub fn weighted_total(criteria: &[Criterion], scores: &HashMap<i32, i32>) -> Option<f64> {
    if criteria.is_empty() {
        return None;
    }
    let mut got = 0i64;
    let mut max = 0i64;
    for c in criteria {
        let s = *scores.get(&c.id)?;
        got += i64::from(c.weight) * i64::from(s);
        max += i64::from(c.weight) * i64::from(c.scale_max);
    }
    Some(got as f64 / max as f64 * TOTAL_OUT_OF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i32, weight: i32, scale_max: i32) -> Criterion {
        Criterion {
            id,
            name: Localized::new("動機", "Motivation"),
            weight,
            scale_max,
        }
    }

    #[test]
    fn total_weights_each_criterion_on_its_own_scale() {
        let rubric = [c(1, 2, 5), c(2, 1, 10)];
        let scores = HashMap::from([(1, 5), (2, 10)]);
        assert_eq!(weighted_total(&rubric, &scores), Some(100.0));
        // 2·3 + 1·4 = 10 of 2·5 + 1·10 = 20.
        let scores = HashMap::from([(1, 3), (2, 4)]);
        assert_eq!(weighted_total(&rubric, &scores), Some(50.0));
    }

    #[test]
    fn an_unfinished_sheet_or_empty_rubric_has_no_total() {
        let rubric = [c(1, 1, 5), c(2, 1, 5)];
        assert_eq!(weighted_total(&rubric, &HashMap::from([(1, 3)])), None);
        assert_eq!(weighted_total(&[], &HashMap::new()), None);
    }

    #[test]
    fn scores_must_lie_on_the_scale() {
        let rubric = [c(1, 1, 5), c(2, 1, 3)];
        let typed = HashMap::from([(1, " 5 ".to_string()), (2, "1".to_string())]);
        assert_eq!(check_scores(&rubric, &typed), Ok(vec![(1, 5), (2, 1)]));
        let typed = HashMap::from([(1, "0".to_string()), (2, "x".to_string())]);
        let problems = check_scores(&rubric, &typed).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].field, "score-1");
        assert_eq!(problems[0].problem, Problem::BadScore);
        let problems = check_scores(&rubric, &HashMap::new()).unwrap_err();
        assert_eq!(problems[1].problem, Problem::Required);
        let typed = HashMap::from([(1, "5".to_string()), (2, "4".to_string())]);
        assert_eq!(
            check_scores(&rubric, &typed).unwrap_err()[0].field,
            "score-2"
        );
    }

    #[test]
    fn criteria_need_a_name_a_weight_and_a_scale() {
        assert!(check_criterion("動機", "", 1, 2).is_empty());
        let fields: Vec<String> = check_criterion(" ", "", 0, 1)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["name_ja", "weight", "scale_max"]);
        assert_eq!(check_criterion("x", "", 101, 5).len(), 1);
    }
}
