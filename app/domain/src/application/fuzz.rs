//! Property tests of the application forms: the applicant's profile
//! fields and answers, the organiser's questions and eligibility rules,
//! and the eligibility check on any birth date.

use super::eligibility::{Applicant, EligibilityRules};
use super::files::{FileRule, FileType};
use super::form::{ApplicationDraft, validate_profile};
use super::prefecture::Prefecture;
use super::questions::{
    DRAFT_ANSWER_CAP, Question, QuestionKind, collect_answers, draft_problems, submission_problems,
};
use super::setup::{
    EligibilityDraft, MAX_CHOICE, MAX_CHOICES, MAX_PROMPT, QuestionDraft, question_draft,
    validate_eligibility, validate_question,
};
use crate::forms::{Problem, has_control_character};
use crate::fuzz::{assert_explained, config, hostile, typed};
use crate::lang::Localized;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use std::collections::HashMap;

fn kind() -> impl Strategy<Value = QuestionKind> {
    prop::sample::select(&QuestionKind::ALL[..])
}

fn question() -> impl Strategy<Value = Question> {
    (
        1i32..6,
        kind(),
        prop::option::of(1i32..40),
        any::<bool>(),
        0usize..4,
    )
        .prop_map(|(id, kind, max_chars, required, n)| Question {
            id,
            kind,
            prompt: Localized::new("問", "Q"),
            choices: (0..n)
                .map(|i| Localized::new(format!("選{i}"), ""))
                .collect(),
            max_chars,
            required,
            file: (kind == QuestionKind::File).then(|| FileRule {
                max_mb: 1,
                types: vec![FileType::Pdf],
            }),
        })
}

/// Posted fields: the answers' own names (`q3`, `q3_c1`) with hostile
/// values, and stray names.
fn posted() -> impl Strategy<Value = HashMap<String, String>> {
    let name = prop_oneof![
        (1i32..6).prop_map(|i| format!("q{i}")),
        (1i32..6, 0usize..5).prop_map(|(i, c)| format!("q{i}_c{c}")),
        hostile(),
    ];
    prop::collection::hash_map(name, hostile(), 0..8)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1900i32..=9999, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn the_profile_fields_never_panic_and_explain(
        v in prop::collection::vec(hostile(), 7),
        birth in prop_oneof![hostile(), date().prop_map(|d| d.to_string())],
        prefecture in prop_oneof![
            hostile(),
            prop::sample::select(&Prefecture::ALL[..]).prop_map(|p| p.as_str().to_string()),
        ],
    ) {
        let d = ApplicationDraft {
            birth_date: birth,
            affiliation: v[0].clone(),
            prefecture: prefecture.clone(),
            expertise: v[1].clone(),
            mentors: v[2].clone(),
            guardian_name: v[3].clone(),
            guardian_email: v[4].clone(),
            declarations: Some(v[5].clone()),
            answers: HashMap::from([("q1".to_string(), v[6].clone())]),
        };
        match validate_profile(&d) {
            Ok(p) => {
                for t in [&p.affiliation, &p.expertise, &p.mentors, &p.guardian_name, &p.guardian_email] {
                    prop_assert!(!has_control_character(t) && t.chars().count() <= 500);
                }
                prop_assert_eq!(p.declarations_accepted, v[5] == "yes");
                // Stored values round-trip: what was kept is what the select posts.
                let kept = p.prefecture.map(|p| p.as_str()).unwrap_or("");
                prop_assert_eq!(kept, prefecture.trim());
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn answers_never_panic_and_every_refusal_is_explained(
        questions in prop::collection::vec(question(), 0..5),
        posted in posted(),
    ) {
        let answers = collect_answers(&questions, &posted);
        prop_assert!(answers.keys().all(|id| questions.iter().any(|q| q.id == *id)));
        let draft = draft_problems(&questions, &answers);
        if !draft.is_empty() {
            assert_explained(&draft)?;
        }
        let submit = submission_problems(&questions, &answers);
        if submit.is_empty() {
            for q in &questions {
                let a = answers[&q.id].trim();
                if let (Some(max), false) = (q.max_chars, q.kind.is_choice() || matches!(q.kind, QuestionKind::Url | QuestionKind::File)) {
                    prop_assert!(a.chars().count() <= max as usize);
                }
                prop_assert!(!q.required || !a.is_empty());
            }
        } else {
            assert_explained(&submit)?;
        }
    }

    #[test]
    fn an_answer_limit_is_exact_in_characters(
        max in 1i32..60,
        extra in 0usize..2,
        c in prop::sample::select(&["a", "あ", "🙂", "e\u{301}"][..]),
    ) {
        let q = Question {
            id: 1,
            kind: QuestionKind::LongText,
            prompt: Localized::new("問", "Q"),
            choices: Vec::new(),
            max_chars: Some(max),
            required: true,
            file: None,
        };
        let typed = c.repeat(max as usize + extra);
        let answers = collect_answers(std::slice::from_ref(&q), &HashMap::from([("q1".to_string(), typed.clone())]));
        let problems: Vec<Problem> = submission_problems(&[q], &answers).into_iter().map(|e| e.problem).collect();
        let over = typed.chars().count() > max as usize;
        prop_assert_eq!(problems, if over { vec![Problem::OverLimit(max)] } else { vec![] });
    }

    #[test]
    fn question_forms_never_panic_and_valid_ones_round_trip(
        v in prop::collection::vec(hostile(), 8),
        kind in prop_oneof![kind().prop_map(|k| k.as_str().to_string()), hostile()],
        required: bool,
    ) {
        let d = QuestionDraft {
            kind,
            prompt_ja: v[0].clone(),
            prompt_en: v[1].clone(),
            choices_ja: v[2].clone(),
            choices_en: v[3].clone(),
            max_chars: v[4].clone(),
            required: required.then(|| "yes".to_string()),
            position: v[5].clone(),
            max_mb: v[6].clone(),
            file_types: [("pdf".to_string(), v[7].clone()), ("zip".to_string(), "yes".to_string())].into(),
        };
        match validate_question(&d) {
            Ok(q) => {
                prop_assert!(q.prompt.ja.chars().count() <= MAX_PROMPT);
                prop_assert!(q.choices.len() <= MAX_CHOICES);
                prop_assert!(q.choices.iter().all(|c| c.ja.chars().count() <= MAX_CHOICE && !has_control_character(&c.ja)));
                let stored = Question { id: 1, kind: q.kind, prompt: q.prompt.clone(), choices: q.choices.clone(), max_chars: q.max_chars, required: q.required, file: q.file.clone() };
                let again = validate_question(&question_draft(&stored, 0)).expect("a stored question is valid");
                prop_assert_eq!((again.kind, again.prompt, again.choices, again.max_chars, again.required, again.file), (q.kind, q.prompt, q.choices, q.max_chars, q.required, q.file));
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn typed_choices_round_trip(
        ja in prop::collection::vec(typed(MAX_CHOICE, true), 1..=MAX_CHOICES),
        prompt in typed(MAX_PROMPT, true),
    ) {
        let d = QuestionDraft {
            kind: "multiple_choice".into(),
            prompt_ja: prompt,
            choices_ja: ja.join("\n"),
            ..QuestionDraft::default()
        };
        let q = validate_question(&d).expect("typed choices within the limits");
        prop_assert_eq!(q.choices.len(), ja.len());
    }

    #[test]
    fn eligibility_forms_never_panic_and_round_trip(v in prop::collection::vec(hostile(), 6), ticks in any::<(bool, bool)>()) {
        let d = EligibilityDraft {
            min_age: v[0].clone(),
            max_age: v[1].clone(),
            once_only: ticks.0.then(|| "yes".into()),
            max_applications_per_cohort: v[2].clone(),
            declarations_ja: v[3].clone(),
            declarations_en: v[4].clone(),
            ask_expertise: ticks.1.then(|| v[5].clone()),
        };
        match validate_eligibility(&d) {
            Ok(rules) => {
                prop_assert!(rules.max_applications_per_cohort >= 1);
                prop_assert_eq!(validate_eligibility(&EligibilityDraft::of(&rules)), Ok(rules));
            }
            Err(problems) => assert_explained(&problems)?,
        }
    }

    #[test]
    fn eligibility_holds_for_any_birth_date(
        birth in prop::option::of(date()),
        starts in instant(),
        min in prop::option::of(0i32..=120),
        max in prop::option::of(0i32..=120),
        others in 0i32..5,
        expertise in hostile(),
    ) {
        let rules = EligibilityRules { min_age: min, max_age: max, ..EligibilityRules::default() };
        let who = Applicant {
            birth_date: birth,
            completed: false,
            other_submitted_in_cohort: others,
            declarations_accepted: true,
            expertise: &expertise,
        };
        let problems = rules.check(&who, starts);
        if !problems.is_empty() {
            assert_explained(&problems)?;
        }
        prop_assert_eq!(problems.iter().any(|p| p.field == "birth_date"), birth.is_none() || {
            let age = super::age_on(birth.unwrap_or_default(), super::jst_date(starts));
            min.is_some_and(|m| age < m) || max.is_some_and(|m| age > m)
        });
    }
}

#[test]
fn a_draft_answer_over_the_cap_or_with_a_nul_is_refused() {
    let q = Question {
        id: 1,
        kind: QuestionKind::LongText,
        prompt: Localized::new("問", "Q"),
        choices: Vec::new(),
        max_chars: None,
        required: false,
        file: None,
    };
    let problems = |text: String| {
        let asked = std::slice::from_ref(&q);
        let answers = collect_answers(asked, &HashMap::from([("q1".to_string(), text)]));
        draft_problems(asked, &answers)
            .into_iter()
            .map(|e| e.problem)
            .collect::<Vec<_>>()
    };
    assert!(problems("あ".repeat(DRAFT_ANSWER_CAP)).is_empty());
    assert_eq!(
        problems("あ".repeat(DRAFT_ANSWER_CAP + 1)),
        [Problem::OverLimit(DRAFT_ANSWER_CAP as i32)]
    );
    assert_eq!(problems("志望\0動機".into()), [Problem::ControlCharacter]);
    assert!(problems("一行目\r\n二行目\tタブ".into()).is_empty());
}

#[test]
fn a_choice_longer_than_its_limit_is_refused() {
    let d = |choice: String| QuestionDraft {
        kind: "single_choice".into(),
        prompt_ja: "経験".into(),
        choices_ja: format!("なし\n{choice}"),
        ..QuestionDraft::default()
    };
    assert!(validate_question(&d("あ".repeat(MAX_CHOICE))).is_ok());
    let problems = validate_question(&d("あ".repeat(MAX_CHOICE + 1))).unwrap_err();
    assert_eq!(problems[0].field, "choices_ja");
    assert_eq!(problems[0].problem, Problem::TooLong);
}

#[test]
fn birth_dates_outside_four_digit_years_are_refused() {
    for bad in [
        "+12345-01-01",
        "-0001-01-01",
        "1899-12-31",
        "2008-4-1",
        "２００８-04-01",
    ] {
        let d = ApplicationDraft {
            birth_date: bad.into(),
            ..ApplicationDraft::default()
        };
        let problems = validate_profile(&d).unwrap_err();
        assert_eq!(problems[0].problem, Problem::BadDate, "{bad}");
    }
}

#[test]
fn a_prefecture_outside_the_list_is_refused_and_explained() {
    for bad in [
        "48",
        "東京都",
        "tokyo",
        "13\u{200f}",
        "１３",
        "undisclosed\0",
    ] {
        let d = ApplicationDraft {
            prefecture: bad.into(),
            ..ApplicationDraft::default()
        };
        let problems = validate_profile(&d).unwrap_err();
        assert_eq!(
            (problems[0].field.as_str(), problems[0].problem),
            ("prefecture", Problem::UnknownPrefecture),
            "{bad:?}"
        );
    }
    for p in Prefecture::ALL {
        let d = ApplicationDraft {
            prefecture: p.as_str().into(),
            ..ApplicationDraft::default()
        };
        assert_eq!(validate_profile(&d).map(|v| v.prefecture), Ok(Some(p)));
    }
}
