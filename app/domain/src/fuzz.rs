//! Property tests of the form decoders and validators that have no domain
//! folder of their own (form checks, dates and times, slugs, addresses,
//! languages, the account form), and what every area's property tests
//! share: hostile text, a fixed seed, and the check that every refusal
//! carries a message in both languages.
//!
//! The seed is fixed so CI runs the same cases every time; a failure
//! prints the shrunk input, which then becomes a plain regression test.

use crate::forms::{FieldError, Problem};
use crate::lang::Lang;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// A configuration of `cases` cases from a fixed seed, writing no
/// regression files (the seed already makes every run the same).
pub fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(0x00C0_FFEE),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces that break naive text handling: NUL and other control
/// characters, right-to-left marks, full-width digits and letters,
/// combining marks, surrogate-free astral characters, markup, line breaks.
const PIECES: &[&str] = &[
    "\0",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{200f}",
    "\u{feff}",
    "１２３",
    "－１",
    "ＡＢＣ",
    "e\u{301}",
    "🙂",
    "𠮷",
    "<script>alert(1)</script>",
    "\"'&",
    "\r\n",
    "\n",
    "\t",
    " ",
    "　",
    "%00",
    "=1+1",
    "-",
    "2027-01-15T12:00",
    "1.5",
    "https://example.jp/",
    "a@example.jp",
    "yes",
    "on",
];

/// Any text at all: arbitrary Unicode (control characters included), runs
/// of the hostile pieces, or one character repeated past every limit.
pub fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|v| v.concat()),
        1 => (prop::sample::select(&["a", "あ", "\0", "🙂", " "][..]), 0usize..25_000)
            .prop_map(|(c, n)| c.repeat(n)),
    ]
}

/// Text a person could type: letters and digits of both scripts with
/// spaces inside, no control characters, within `max` characters and
/// not blank when `non_empty`.
pub fn typed(max: usize, non_empty: bool) -> impl Strategy<Value = String> {
    let min = usize::from(non_empty);
    prop::collection::vec(
        prop::sample::select(&["a", "Z", "9", "あ", "漢", "ｱ", "Ｃ", "🙂", " ", "-"][..]),
        min..=max.min(300),
    )
    .prop_map(|v| v.concat())
    .prop_filter("not blank", move |s| !non_empty || !s.trim().is_empty())
}

/// Fails unless every problem names its field and reads as a sentence in
/// Japanese and in English (two different ones).
pub fn assert_explained(problems: &[FieldError]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty(), "a refusal without a problem");
    for p in problems {
        prop_assert!(!p.field.is_empty(), "{p:?} names no field");
        explained(p.problem)?;
    }
    Ok(())
}

/// Fails unless `problem` has a message in each language.
pub fn explained(problem: Problem) -> Result<(), TestCaseError> {
    let (ja, en) = (problem.message(Lang::Ja), problem.message(Lang::En));
    prop_assert!(
        !ja.trim().is_empty() && !en.trim().is_empty(),
        "{problem:?}"
    );
    prop_assert_ne!(ja, en);
    Ok(())
}

mod properties {
    use super::*;
    use crate::account::{MAX_PERSON_NAME_LEN, ProfileDraft, validate_profile};
    use crate::forms::{Checker, has_control_character, one_text};
    use crate::identity::is_plausible_email;
    use crate::lang::Localized;
    use crate::slug::{MAX_SLUG_LEN, is_valid_slug};
    use crate::time::{DATE_YEARS, parse_date, parse_jst_input, to_jst_input};
    use crate::url::{encode_query_value, local_path_or_root};
    use chrono::{Datelike, Timelike};

    proptest! {
        #![proptest_config(config(256))]

        #[test]
        fn checked_text_is_trimmed_and_refused_with_a_message(v in hostile(), max in 0usize..300, required: bool) {
            let mut c = Checker::default();
            let out = c.text("f", &v, required, max);
            prop_assert_eq!(out.as_str(), v.trim().replace("\r\n", "\n"));
            if c.is_clean() {
                prop_assert!(out.chars().count() <= max);
                prop_assert!(!has_control_character(&out));
                prop_assert!(!required || !out.is_empty());
            } else {
                assert_explained(&c.into_problems())?;
            }
        }

        #[test]
        fn one_text_refuses_exactly_past_its_limit(v in typed(300, false), max in 0usize..300) {
            let n = v.trim().chars().count();
            match one_text("comment", &v, max) {
                Ok(t) => { prop_assert!(n <= max); prop_assert_eq!(t.as_str(), v.trim()); }
                Err(problems) => {
                    prop_assert!(n > max);
                    prop_assert_eq!(problems[0].problem, Problem::TooLong);
                }
            }
        }

        #[test]
        fn counts_take_only_whole_numbers_in_range(v in prop_oneof![hostile(), (-20i64..20_020).prop_map(|n| n.to_string())]) {
            let mut c = Checker::default();
            let n = c.count("capacity", &v);
            if c.is_clean() {
                prop_assert_eq!(v.trim().parse::<i32>().ok(), Some(n));
                prop_assert!((0..=crate::forms::MAX_COUNT).contains(&n));
            } else {
                assert_explained(&c.into_problems())?;
            }
        }

        #[test]
        fn jst_times_round_trip_and_never_panic(v in hostile(), y in 1900i32..=9999, mo in 1u32..=12, d in 1u32..=28, h in 0u32..24, mi in 0u32..60) {
            if let Some(t) = parse_jst_input(&v) {
                prop_assert_eq!(parse_jst_input(&to_jst_input(t)), Some(t));
            }
            let typed = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}");
            let t = parse_jst_input(&typed).expect("a well-formed time");
            prop_assert_eq!(to_jst_input(t), typed);
            let jst = crate::time::to_jst(t);
            prop_assert_eq!((jst.year(), jst.hour(), jst.minute()), (y, h, mi));
        }

        #[test]
        fn dates_are_four_digit_years_in_range(v in hostile(), y in -300_000i32..300_000) {
            if let Some(d) = parse_date(&v) {
                prop_assert!(DATE_YEARS.contains(&d.year()));
                prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Some(d));
            }
            let typed = format!("{y}-04-01");
            prop_assert_eq!(parse_date(&typed).is_some(), DATE_YEARS.contains(&y));
        }

        #[test]
        fn slugs_are_ascii_and_bounded(v in hostile(), good in "[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?") {
            if is_valid_slug(&v) {
                prop_assert!(v.len() <= MAX_SLUG_LEN && v.is_ascii() && !has_control_character(&v));
            }
            prop_assert!(is_valid_slug(&good));
        }

        #[test]
        fn query_values_encode_to_url_safe_ascii(v in hostile()) {
            let e = encode_query_value(&v);
            prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        }

        #[test]
        fn redirects_stay_on_site(v in hostile()) {
            let to = local_path_or_root(&v);
            prop_assert!(to.starts_with('/') && !to.starts_with("//") && !to.contains('\\'));
            prop_assert!(!to.chars().any(char::is_control));
        }

        #[test]
        fn languages_parse_only_their_tags(v in hostile()) {
            if let Some(lang) = Lang::parse(&v) {
                prop_assert_eq!(lang.as_str(), v.as_str());
            }
            let l = Localized::new(v.clone(), "");
            prop_assert!(l.get(Lang::En) == v || l.get(Lang::En).is_empty());
        }

        #[test]
        fn plausible_emails_hold_no_control_or_space(v in hostile()) {
            if is_plausible_email(&v) {
                let t = v.trim();
                prop_assert!(t.contains('@') && !t.chars().any(|c| c.is_whitespace() || c.is_control()));
            }
        }

        #[test]
        fn the_account_form_never_panics_and_explains(name_ja in hostile(), name_en in hostile(), language in prop_oneof![hostile(), Just("ja".to_string()), Just("en".to_string())]) {
            let d = ProfileDraft { name_ja, name_en, language };
            match validate_profile(&d) {
                Ok(v) => {
                    prop_assert!(v.name.ja.chars().count() <= MAX_PERSON_NAME_LEN);
                    prop_assert!(!v.name.ja.is_empty() || !v.name.en.is_empty());
                    prop_assert!(!has_control_character(&v.name.ja) && !has_control_character(&v.name.en));
                }
                Err(problems) => assert_explained(&problems)?,
            }
        }

        #[test]
        fn the_account_form_limit_is_exact(n in 1usize..=MAX_PERSON_NAME_LEN + 1, c in prop::sample::select(&['a', 'あ', '🙂'][..])) {
            let d = ProfileDraft {
                name_ja: c.to_string().repeat(n),
                name_en: String::new(),
                language: "ja".into(),
            };
            prop_assert_eq!(validate_profile(&d).is_ok(), n <= MAX_PERSON_NAME_LEN);
        }
    }

    /// Every problem, so a new one cannot go without messages: the match
    /// below stops compiling until the new problem is added to it.
    fn every_problem() -> Vec<Problem> {
        use crate::catalogue::ScheduleError;
        use crate::pipeline::Refusal;
        let all = vec![
            Problem::Required,
            Problem::TooLong,
            Problem::BadSlug,
            Problem::ReservedSlug,
            Problem::BadDateTime,
            Problem::BadCount,
            Problem::BadChoice,
            Problem::Taken,
            Problem::Schedule(ScheduleError::WindowReversed),
            Problem::Schedule(ScheduleError::SessionsBeforeDeadline),
            Problem::Schedule(ScheduleError::SessionsReversed),
            Problem::NoSuchAccount,
            Problem::NotConfirmed,
            Problem::LastIdentity,
            Problem::LastAdmin,
            Problem::StatusChanged,
            Problem::OverLimit(800),
            Problem::BadUrl,
            Problem::BadDate,
            Problem::TooYoung(15),
            Problem::TooOld(22),
            Problem::AlreadyCompleted,
            Problem::TooManyApplications(2),
            Problem::DeadlinePassed,
            Problem::EditedElsewhere,
            Problem::BadScore,
            Problem::OverCapacity,
            Problem::ReviewClosed,
            Problem::OfferClosed,
            Problem::ConsentMissing,
            Problem::PlaceHeldInCohort,
            Problem::OwnGuardian,
            Problem::AlreadyDecided,
            Problem::Conflicted,
            Problem::ConflictedScore,
            Problem::Pipeline(Refusal::ReasonTooLong),
            Problem::NotAlumnus,
            Problem::CallClosed,
            Problem::AlreadyVolunteered,
            Problem::InvitationUsed,
            Problem::InvitationNotYours,
            Problem::AlreadyOnRoster,
            Problem::AlumniOnly,
            Problem::EventClosed,
            Problem::EndsBeforeStart,
            Problem::BadHours,
            Problem::ConfirmationUsed,
            Problem::SupervisorIsClaimant,
            Problem::SelfCheckIn,
            Problem::HostNotAlumnus,
            Problem::ControlCharacter,
            Problem::TooManyMails,
            Problem::SlugInUse,
            Problem::FieldInUse,
            Problem::NotFailed,
            Problem::MailLinkGone,
            Problem::NothingToRetry,
            Problem::TemplateSyntax(3),
            Problem::NotAVariable(1),
            Problem::UnknownVariable(12),
            Problem::NoRecipients,
            Problem::NotReleased,
            Problem::AlreadySent,
            Problem::QuestionsOpened,
            Problem::UnknownPrefecture,
        ];
        let all: Vec<Problem> = all
            .into_iter()
            .chain(crate::history::HistoryProblem::ALL.map(Problem::History))
            .chain(crate::application::files::FileProblem::ALL.map(Problem::File))
            .collect();
        for p in &all {
            match p {
                Problem::Required
                | Problem::TooLong
                | Problem::BadSlug
                | Problem::ReservedSlug
                | Problem::BadDateTime
                | Problem::BadCount
                | Problem::BadChoice
                | Problem::Taken
                | Problem::Schedule(_)
                | Problem::NoSuchAccount
                | Problem::NotConfirmed
                | Problem::LastIdentity
                | Problem::LastAdmin
                | Problem::StatusChanged
                | Problem::OverLimit(_)
                | Problem::BadUrl
                | Problem::BadDate
                | Problem::TooYoung(_)
                | Problem::TooOld(_)
                | Problem::AlreadyCompleted
                | Problem::TooManyApplications(_)
                | Problem::DeadlinePassed
                | Problem::EditedElsewhere
                | Problem::BadScore
                | Problem::OverCapacity
                | Problem::ReviewClosed
                | Problem::OfferClosed
                | Problem::ConsentMissing
                | Problem::PlaceHeldInCohort
                | Problem::OwnGuardian
                | Problem::AlreadyDecided
                | Problem::Conflicted
                | Problem::ConflictedScore
                | Problem::Pipeline(_)
                | Problem::NotAlumnus
                | Problem::CallClosed
                | Problem::AlreadyVolunteered
                | Problem::InvitationUsed
                | Problem::InvitationNotYours
                | Problem::AlreadyOnRoster
                | Problem::AlumniOnly
                | Problem::EventClosed
                | Problem::EndsBeforeStart
                | Problem::BadHours
                | Problem::ConfirmationUsed
                | Problem::SupervisorIsClaimant
                | Problem::SelfCheckIn
                | Problem::HostNotAlumnus
                | Problem::ControlCharacter
                | Problem::TooManyMails
                | Problem::SlugInUse
                | Problem::FieldInUse
                | Problem::History(_)
                | Problem::NotFailed
                | Problem::MailLinkGone
                | Problem::NothingToRetry
                | Problem::File(_) => {}
                Problem::TemplateSyntax(_)
                | Problem::NotAVariable(_)
                | Problem::UnknownVariable(_)
                | Problem::NoRecipients
                | Problem::NotReleased
                | Problem::AlreadySent => {}
                Problem::QuestionsOpened => {}
                Problem::UnknownPrefecture => {}
            }
        }
        all
    }

    #[test]
    fn every_problem_reads_in_both_languages() {
        for p in every_problem() {
            explained(p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        }
    }

    #[test]
    fn line_breaks_posted_as_cr_lf_count_once() {
        // A text area's 2000 characters with line breaks, as a browser
        // posts them: 1991 letters and nine CR LF pairs. Once refused as
        // 2009 characters after the browser had allowed them.
        let typed = vec!["あ".repeat(199); 10].join("\r\n") + "あ";
        let mut c = Checker::default();
        let kept = c.text("evidence", &typed, true, 2000);
        assert!(c.is_clean(), "{:?}", c.into_problems());
        assert_eq!(kept.chars().count(), 2000);
        assert!(!kept.contains('\r'));
        let mut c = Checker::default();
        c.text("evidence", &typed, true, 1999);
        assert_eq!(c.into_problems()[0].problem, Problem::TooLong);
    }

    #[test]
    fn control_characters_are_refused_with_their_own_message() {
        let mut c = Checker::default();
        c.text("name_ja", "山田\0太郎", true, 100);
        c.text("name_en", "Taro\u{1b}[31m", false, 100);
        c.text("bio", "一行目\r\n\t二行目", false, 100);
        let problems = c.into_problems();
        assert_eq!(
            problems.len(),
            2,
            "tabs and line breaks are text: {problems:?}"
        );
        assert!(
            problems
                .iter()
                .all(|p| p.problem == Problem::ControlCharacter)
        );
    }
}
