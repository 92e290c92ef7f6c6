//! Property tests of the event form and of hours typed as `1.5`: any
//! values, refusals explained, the limits exact, valid events round trip
//! through the form.

use super::form::check;
use super::rules::{MAX_HOURS, format_tenths, parse_tenths};
use super::view::EventForm;
use super::{Audience, EventKind, MAX_DESCRIPTION, MAX_TITLE};
use crate::forms::{Problem, has_control_character};
use crate::fuzz::{assert_explained, config, hostile};
use crate::time::to_jst_input;
use proptest::prelude::*;

fn choice<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
    spell: fn(T) -> &'static str,
) -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(all).prop_map(move |v| spell(v).to_string()),
        hostile()
    ]
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn any_event_form_is_read_or_refused_with_messages(
        v in prop::collection::vec(hostile(), 8),
        kind in choice(&EventKind::ALL, EventKind::as_str),
        audience in choice(&Audience::ALL, Audience::as_str),
        starts in prop_oneof![hostile(), Just("2027-01-10T19:00".to_string())],
        ends in prop_oneof![hostile(), Just("2027-01-10T21:00".to_string())],
        credits in prop_oneof![hostile(), Just("1.5".to_string()), Just(String::new())],
        count in prop_oneof![hostile(), Just("30".to_string())],
        cancelled: bool,
    ) {
        let f = EventForm {
            title_ja: v[0].clone(),
            title_en: v[1].clone(),
            description_ja: v[2].clone(),
            description_en: v[3].clone(),
            kind,
            starts_at: if v[4].is_empty() { v[4].clone() } else { starts },
            ends_at: ends,
            venue: v[5].clone(),
            online_link: v[6].clone(),
            capacity: if v[7].len() % 2 == 0 { count } else { v[7].clone() },
            audience,
            credits,
            cancelled: cancelled.then(|| "on".to_string()),
            ..EventForm::default()
        };
        match check(&f) {
            Ok(e) => {
                prop_assert!(e.ends_at > e.starts_at);
                prop_assert!(e.title_ja.chars().count() <= MAX_TITLE && !e.title_ja.is_empty());
                prop_assert!(e.description_ja.chars().count() <= MAX_DESCRIPTION);
                prop_assert!(!has_control_character(&e.venue));
                prop_assert!((0..=MAX_HOURS * 10).contains(&e.credit_tenths));
                // What was saved shows again in the form and reads the same.
                let again = EventForm {
                    starts_at: to_jst_input(e.starts_at),
                    ends_at: to_jst_input(e.ends_at),
                    credits: format_tenths(e.credit_tenths),
                    ..f.clone()
                };
                prop_assert_eq!(check(&again), Ok(e));
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn a_title_limit_is_exact(extra in 0usize..2, c in prop::sample::select(&["a", "あ", "🙂"][..])) {
        let f = EventForm {
            title_ja: c.repeat(MAX_TITLE + extra),
            kind: "study_session".into(),
            starts_at: "2027-01-10T19:00".into(),
            ends_at: "2027-01-10T21:00".into(),
            capacity: "2".into(),
            audience: "public".into(),
            ..EventForm::default()
        };
        let result = check(&f);
        prop_assert_eq!(result.is_ok(), extra == 0);
        if let Err(problems) = result {
            prop_assert_eq!(problems[0].problem, Problem::TooLong);
        }
    }

    #[test]
    fn hours_read_back_as_typed(t in 0i32..=MAX_HOURS * 10 + 20, noise in hostile()) {
        if let Some(x) = parse_tenths(&noise) {
            prop_assert!((0..=MAX_HOURS * 10).contains(&x));
        }
        let typed = format_tenths(t);
        prop_assert_eq!(parse_tenths(&typed), (t <= MAX_HOURS * 10).then_some(t));
    }
}

#[test]
fn hours_stop_at_the_maximum_itself() {
    assert_eq!(parse_tenths("1000"), Some(10_000));
    assert_eq!(parse_tenths("1000.0"), Some(10_000));
    // Once 1000.9 was taken: the limit compared whole hours only.
    assert_eq!(parse_tenths("1000.1"), None);
    assert_eq!(parse_tenths("99999999999"), None);
    assert_eq!(parse_tenths("１.５"), None);
}
