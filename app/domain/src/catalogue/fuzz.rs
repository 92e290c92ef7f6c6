//! Property tests of the organiser's cohort and track forms.

use super::edit::{
    CohortDraft, MAX_NAME_LEN, MAX_TEXT_LEN, TrackDraft, validate_cohort, validate_track,
};
use super::field_form::{FieldDraft, validate_field};
use super::programme_form::{ProgrammeDraft, validate_programme};
use crate::forms::{MAX_COUNT, has_control_character};
use crate::fuzz::{assert_explained, config, hostile, typed};
use crate::slug::{is_reserved_programme_slug, is_valid_slug};
use proptest::prelude::*;

fn time() -> impl Strategy<Value = String> {
    prop_oneof![
        hostile(),
        (2026i32..2029, 1u32..=12, 0u32..24)
            .prop_map(|(y, m, h)| format!("{y}-{m:02}-10T{h:02}:00")),
    ]
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn any_cohort_form_is_read_or_refused_with_messages(v in prop::collection::vec(hostile(), 5), t in prop::collection::vec(time(), 4)) {
        let d = CohortDraft {
            slug: v[0].clone(),
            title_ja: v[1].clone(),
            title_en: v[2].clone(),
            venue_ja: v[3].clone(),
            venue_en: v[4].clone(),
            applications_open_at: t[0].clone(),
            applications_close_at: t[1].clone(),
            sessions_start_at: t[2].clone(),
            sessions_end_at: t[3].clone(),
        };
        match validate_cohort(&d) {
            Ok(c) => {
                prop_assert!(is_valid_slug(&c.slug));
                prop_assert!(c.title.ja.chars().count() <= MAX_NAME_LEN && !has_control_character(&c.title.ja));
                prop_assert!(c.schedule.validate().is_ok());
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn any_track_form_is_read_or_refused_with_messages(v in prop::collection::vec(hostile(), 14)) {
        let d = TrackDraft {
            slug: v[0].clone(),
            name_ja: v[1].clone(),
            name_en: v[2].clone(),
            summary_ja: v[3].clone(),
            summary_en: v[4].clone(),
            description_ja: v[5].clone(),
            description_en: v[6].clone(),
            vector: v[7].clone(),
            field: v[8].clone(),
            dss_role_ja: v[9].clone(),
            dss_role_en: v[10].clone(),
            capacity: v[11].clone(),
            lecturer_target: v[12].clone(),
            tutor_target: v[13].clone(),
        };
        match validate_track(&d) {
            Ok(t) => {
                prop_assert!(is_valid_slug(&t.slug));
                prop_assert!(t.summary.ja.chars().count() <= MAX_TEXT_LEN);
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn any_programme_form_is_read_or_refused_with_messages(v in prop::collection::vec(hostile(), 7)) {
        let d = ProgrammeDraft {
            slug: v[0].clone(),
            kind: v[1].clone(),
            name_ja: v[2].clone(),
            name_en: v[3].clone(),
            description_ja: v[4].clone(),
            description_en: v[5].clone(),
            position: v[6].clone(),
        };
        match validate_programme(&d) {
            Ok(p) => {
                prop_assert!(is_valid_slug(&p.slug) && !is_reserved_programme_slug(&p.slug));
                prop_assert!(p.name.ja.chars().count() <= MAX_NAME_LEN && !has_control_character(&p.name.en));
                prop_assert!((0..=MAX_COUNT).contains(&p.position));
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn a_typed_programme_round_trips_through_its_form(name in typed(MAX_NAME_LEN, true), text in typed(300, true), position in 0..=MAX_COUNT) {
        let d = ProgrammeDraft {
            slug: "next".into(),
            kind: "connect".into(),
            name_ja: name.clone(),
            name_en: name.clone(),
            description_ja: text.clone(),
            description_en: String::new(),
            position: position.to_string(),
        };
        let p = validate_programme(&d).expect("typed values pass");
        prop_assert_eq!(p.name.ja, name.trim());
        prop_assert_eq!(p.description.ja, text.trim());
        prop_assert_eq!(p.position, position);
    }

    #[test]
    fn any_field_form_is_read_or_refused_with_messages(v in prop::collection::vec(hostile(), 3)) {
        let d = FieldDraft {
            slug: v[0].clone(),
            name_ja: v[1].clone(),
            name_en: v[2].clone(),
        };
        match validate_field(&d) {
            Ok(f) => {
                prop_assert!(is_valid_slug(&f.slug));
                prop_assert!(!f.name.ja.is_empty() && f.name.en.chars().count() <= MAX_NAME_LEN);
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }
}
