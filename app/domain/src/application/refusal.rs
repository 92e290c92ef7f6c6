//! Why the eligibility rules refused a submission, as the dashboard counts
//! it. A refused submission writes nothing of the form, but the reasons it
//! was refused are kept per person and track (each reason once, with the
//! first and last time): a first submission without a saved draft has no
//! application to hang them on, and organisers should see how many people
//! the rules turn away and why, without any of what they typed.

use crate::enums::stored_enum;
use crate::forms::{FieldError, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

stored_enum! {
    /// One rule of [`EligibilityRules::check`](super::eligibility::EligibilityRules::check)
    /// a submission did not meet.
    pub enum RefusalReason: varchar(32) {
        /// No date of birth given.
        NoBirthDate = "no_birth_date",
        /// Younger than the programme's minimum age on the first day.
        TooYoung = "too_young",
        /// Older than the programme's maximum age on the first day.
        TooOld = "too_old",
        /// Completed the programme, which accepts each person once.
        AlreadyCompleted = "already_completed",
        /// Already holds the most submitted applications allowed per cohort.
        TooManyApplications = "too_many_applications",
        /// The programme asks for a field of expertise and none was given.
        NoExpertise = "no_expertise",
        /// The programme's declarations were not ticked.
        DeclarationsNotTicked = "declarations_not_ticked",
    }
}

impl RefusalReason {
    /// The reasons a draft's own fields decide (the other two depend on
    /// the person's other applications at the moment they submit).
    pub const OWN_FIELDS: [RefusalReason; 5] = [
        RefusalReason::NoBirthDate,
        RefusalReason::TooYoung,
        RefusalReason::TooOld,
        RefusalReason::NoExpertise,
        RefusalReason::DeclarationsNotTicked,
    ];

    /// The reason a problem of the eligibility check stands for; `None`
    /// for every other problem of a submission (answers, guardian,
    /// deadline), which are not eligibility.
    pub fn of(e: &FieldError) -> Option<RefusalReason> {
        match (e.field.as_str(), e.problem) {
            ("birth_date", Problem::Required) => Some(RefusalReason::NoBirthDate),
            ("birth_date", Problem::TooYoung(_)) => Some(RefusalReason::TooYoung),
            ("birth_date", Problem::TooOld(_)) => Some(RefusalReason::TooOld),
            ("eligibility", Problem::AlreadyCompleted) => Some(RefusalReason::AlreadyCompleted),
            ("eligibility", Problem::TooManyApplications(_)) => {
                Some(RefusalReason::TooManyApplications)
            }
            ("expertise", Problem::Required) => Some(RefusalReason::NoExpertise),
            ("declarations", Problem::NotConfirmed) => Some(RefusalReason::DeclarationsNotTicked),
            _ => None,
        }
    }

    /// The eligibility reasons among a refusal's problems, each once, in
    /// the order of [`RefusalReason::ALL`].
    pub fn found(problems: &[FieldError]) -> Vec<RefusalReason> {
        let found: Vec<RefusalReason> = problems.iter().filter_map(RefusalReason::of).collect();
        RefusalReason::ALL
            .into_iter()
            .filter(|r| found.contains(r))
            .collect()
    }
}

/// One recorded refusal in "download my data": the person sees what the
/// organisers can count about them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRefusal {
    /// `programme/cohort/track`.
    pub track: String,
    /// The reason's stored name ([`RefusalReason::as_str`]).
    pub reason: String,
    /// The first submission refused for it.
    pub first_at: DateTime<Utc>,
    /// The latest submission refused for it.
    pub last_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::eligibility::{Applicant, EligibilityRules};
    use crate::lang::Localized;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn err(field: &str, problem: Problem) -> FieldError {
        FieldError {
            field: field.into(),
            problem,
        }
    }

    #[test]
    fn every_refusal_of_the_rules_has_its_reason() {
        let rules = EligibilityRules {
            max_age: Some(22),
            once_only: true,
            declarations: Localized::new("誓約", "Pledge"),
            ask_expertise: true,
            ..Default::default()
        };
        let start = Utc
            .with_ymd_and_hms(2027, 8, 9, 15, 0, 0)
            .single()
            .unwrap_or_default();
        let who = Applicant {
            birth_date: NaiveDate::from_ymd_opt(1990, 1, 1),
            completed: true,
            other_submitted_in_cohort: 1,
            declarations_accepted: false,
            expertise: " ",
        };
        assert_eq!(
            RefusalReason::found(&rules.check(&who, start)),
            vec![
                RefusalReason::TooOld,
                RefusalReason::AlreadyCompleted,
                RefusalReason::TooManyApplications,
                RefusalReason::NoExpertise,
                RefusalReason::DeclarationsNotTicked,
            ]
        );
        let young = EligibilityRules {
            min_age: Some(15),
            ..Default::default()
        };
        let child = Applicant {
            birth_date: NaiveDate::from_ymd_opt(2020, 1, 1),
            completed: false,
            other_submitted_in_cohort: 0,
            declarations_accepted: true,
            expertise: "",
        };
        assert_eq!(
            RefusalReason::found(&young.check(&child, start)),
            vec![RefusalReason::TooYoung]
        );
        let unborn = Applicant {
            birth_date: None,
            ..child
        };
        assert_eq!(
            RefusalReason::found(&young.check(&unborn, start)),
            vec![RefusalReason::NoBirthDate]
        );
    }

    #[test]
    fn other_problems_are_no_eligibility_and_reasons_count_once() {
        let problems = [
            err("q3", Problem::Required),
            err("guardian_name", Problem::Required),
            err("deadline", Problem::DeadlinePassed),
            err("birth_date", Problem::BadDate),
            err("eligibility", Problem::TooManyApplications(1)),
            err("eligibility", Problem::TooManyApplications(1)),
            err("birth_date", Problem::Required),
        ];
        assert_eq!(
            RefusalReason::found(&problems),
            vec![
                RefusalReason::NoBirthDate,
                RefusalReason::TooManyApplications
            ]
        );
        assert!(RefusalReason::found(&problems[..4]).is_empty());
    }

    #[test]
    fn stored_names_round_trip() {
        for r in RefusalReason::ALL {
            assert_eq!(RefusalReason::parse(r.as_str()), Some(r));
            assert!(r.as_str().len() <= 32);
        }
    }
}
