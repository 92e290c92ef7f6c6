//! Property tests of the review forms: criteria, score sheets and the
//! free texts (comment, conflict note, decision reason).

use super::rubric::{Criterion, MAX_WEIGHT_OR_SCALE, check_criterion, check_scores};
use super::texts::{MAX_COMMENT, MAX_CONFLICT_NOTE, MAX_CRITERION_NAME, MAX_DECISION_REASON};
use crate::forms::{Problem, one_text};
use crate::fuzz::{assert_explained, config, hostile};
use crate::lang::Localized;
use proptest::prelude::*;
use std::collections::HashMap;

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn criteria_are_read_or_refused_with_messages(ja in hostile(), en in hostile(), weight: i32, scale: i32) {
        let problems = check_criterion(&ja, &en, weight, scale);
        if problems.is_empty() {
            prop_assert!(!ja.trim().is_empty() && ja.trim().chars().count() <= MAX_CRITERION_NAME);
            prop_assert!((1..=MAX_WEIGHT_OR_SCALE).contains(&weight) && (2..=MAX_WEIGHT_OR_SCALE).contains(&scale));
        } else {
            assert_explained(&problems)?;
        }
    }

    #[test]
    fn score_sheets_take_only_scores_on_the_scale(
        scales in prop::collection::vec(2i32..=MAX_WEIGHT_OR_SCALE, 0..4),
        typed in prop::collection::vec(prop_oneof![hostile(), (-5i32..110).prop_map(|n| n.to_string())], 4),
    ) {
        let criteria: Vec<Criterion> = scales.iter().enumerate().map(|(i, s)| Criterion {
            id: i as i32,
            name: Localized::new("動機", ""),
            weight: 1,
            scale_max: *s,
        }).collect();
        let scores: HashMap<i32, String> = typed.iter().cloned().enumerate().map(|(i, t)| (i as i32, t)).collect();
        match check_scores(&criteria, &scores) {
            Ok(valid) => {
                prop_assert_eq!(valid.len(), criteria.len());
                for (id, v) in valid {
                    prop_assert!((1..=criteria[id as usize].scale_max).contains(&v));
                }
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn review_texts_stop_exactly_at_their_limits(
        which in prop::sample::select(&[("comment", MAX_COMMENT), ("note", MAX_CONFLICT_NOTE), ("reason", MAX_DECISION_REASON), ("name_ja", MAX_CRITERION_NAME)][..]),
        extra in 0usize..2,
        c in prop::sample::select(&["a", "あ", "🙂"][..]),
        noise in hostile(),
    ) {
        let (field, max) = which;
        let result = one_text(field, &c.repeat(max + extra), max);
        prop_assert_eq!(result.is_ok(), extra == 0);
        if let Err(problems) = result {
            prop_assert_eq!(problems[0].problem, Problem::TooLong);
        }
        if let Err(problems) = one_text(field, &noise, max) {
            assert_explained(&problems)?;
        }
    }
}
