//! Who may apply to a programme: the rules an organiser sets per programme,
//! checked on the server at submission and explained to the applicant
//! before they start.

use super::{age_on, jst_date};
use crate::forms::{FieldError, Problem};
use crate::lang::{Lang, Localized};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A programme's eligibility rules (no stored row means [`Default`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityRules {
    /// Youngest age accepted on the cohort's start date.
    pub min_age: Option<i32>,
    /// Oldest age accepted on the cohort's start date (the national camp: 22).
    pub max_age: Option<i32>,
    /// Whoever completed a cohort of the programme may not apply again.
    pub once_only: bool,
    /// Submitted applications allowed per person per cohort.
    pub max_applications_per_cohort: i32,
    /// Statements the applicant must tick, one per line.
    pub declarations: Localized,
    /// Whether the applicant states a field of expertise (Connect).
    pub ask_expertise: bool,
}

impl Default for EligibilityRules {
    fn default() -> Self {
        Self {
            min_age: None,
            max_age: None,
            once_only: false,
            max_applications_per_cohort: 1,
            declarations: Localized::default(),
            ask_expertise: false,
        }
    }
}

/// What the server knows about the applicant when they submit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applicant<'a> {
    /// Date of birth as given.
    pub birth_date: Option<NaiveDate>,
    /// Holds a participant grant on a finished cohort of this programme.
    pub completed: bool,
    /// Their submitted applications to other tracks of the same cohort.
    pub other_submitted_in_cohort: i32,
    /// Ticked the declarations.
    pub declarations_accepted: bool,
    /// Field of expertise as given.
    pub expertise: &'a str,
}

impl EligibilityRules {
    /// The declarations in `lang`, one per non-empty line.
    pub fn declaration_lines(&self, lang: Lang) -> Vec<String> {
        self.declarations
            .get(lang)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Every reason `who` may not submit to a cohort starting at
    /// `starts_at`, by form field; empty when they may.
    pub fn check(&self, who: &Applicant<'_>, starts_at: DateTime<Utc>) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let mut fail = |field: &str, problem| {
            problems.push(FieldError {
                field: field.into(),
                problem,
            })
        };
        match who.birth_date {
            None => fail("birth_date", Problem::Required),
            Some(birth) => {
                let age = age_on(birth, jst_date(starts_at));
                if let Some(min) = self.min_age.filter(|m| age < *m) {
                    fail("birth_date", Problem::TooYoung(min));
                } else if let Some(max) = self.max_age.filter(|m| age > *m) {
                    fail("birth_date", Problem::TooOld(max));
                }
            }
        }
        if self.once_only && who.completed {
            fail("eligibility", Problem::AlreadyCompleted);
        }
        if who.other_submitted_in_cohort >= self.max_applications_per_cohort {
            fail(
                "eligibility",
                Problem::TooManyApplications(self.max_applications_per_cohort),
            );
        }
        if self.ask_expertise && who.expertise.trim().is_empty() {
            fail("expertise", Problem::Required);
        }
        if !self.declarations.ja.trim().is_empty() && !who.declarations_accepted {
            fail("declarations", Problem::NotConfirmed);
        }
        problems
    }

    /// The rules as sentences for the applicant, before they start.
    pub fn explain(&self, lang: Lang) -> Vec<String> {
        use crate::text::labels::eligibility as e;
        let mut out = Vec::new();
        match (self.min_age, self.max_age) {
            (Some(min), Some(max)) => out.push(e::age_between(lang, max, min)),
            (Some(min), None) => out.push(e::age_at_least(lang, min)),
            (None, Some(max)) => out.push(e::age_at_most(lang, max)),
            (None, None) => {}
        }
        if self.once_only {
            out.push(e::once_only(lang).into());
        }
        out.push(e::max_applications(lang, self.max_applications_per_cohort));
        if self.ask_expertise {
            out.push(e::expertise(lang).into());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn camp() -> EligibilityRules {
        EligibilityRules {
            max_age: Some(22),
            once_only: true,
            declarations: Localized::new("規約に同意します", "I agree to the rules"),
            ..Default::default()
        }
    }

    fn start() -> DateTime<Utc> {
        // 00:00 JST on 10 Aug 2027.
        Utc.with_ymd_and_hms(2027, 8, 9, 15, 0, 0).unwrap()
    }

    fn who(birth: (i32, u32, u32)) -> Applicant<'static> {
        Applicant {
            birth_date: NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2),
            completed: false,
            other_submitted_in_cohort: 0,
            declarations_accepted: true,
            expertise: "",
        }
    }

    fn problems(r: &EligibilityRules, a: &Applicant<'_>) -> Vec<Problem> {
        r.check(a, start()).into_iter().map(|e| e.problem).collect()
    }

    #[test]
    fn age_is_counted_on_the_japanese_start_date() {
        // 22 on 10 Aug 2027 (born 10 Aug 2005): still eligible; one day older is 23.
        assert!(problems(&camp(), &who((2005, 8, 10))).is_empty());
        assert_eq!(
            problems(&camp(), &who((2004, 8, 10))),
            vec![Problem::TooOld(22)]
        );
        let young = EligibilityRules {
            min_age: Some(15),
            ..Default::default()
        };
        assert_eq!(
            problems(&young, &who((2012, 8, 11))),
            vec![Problem::TooYoung(15)]
        );
        assert_eq!(
            problems(
                &camp(),
                &Applicant {
                    birth_date: None,
                    ..who((2005, 1, 1))
                }
            ),
            vec![Problem::Required]
        );
    }

    #[test]
    fn once_only_limit_declarations_and_expertise() {
        let a = Applicant {
            completed: true,
            other_submitted_in_cohort: 1,
            declarations_accepted: false,
            ..who((2006, 1, 1))
        };
        assert_eq!(
            problems(&camp(), &a),
            vec![
                Problem::AlreadyCompleted,
                Problem::TooManyApplications(1),
                Problem::NotConfirmed
            ]
        );
        let connect = EligibilityRules {
            max_applications_per_cohort: 2,
            ask_expertise: true,
            ..Default::default()
        };
        // Completing is no bar without once-only; a second application is fine.
        assert_eq!(problems(&connect, &a), vec![Problem::Required]);
        let expert = Applicant {
            expertise: "自動車",
            ..a
        };
        assert!(problems(&connect, &expert).is_empty());
    }

    #[test]
    fn rules_are_explained_in_both_languages() {
        let ja = camp().explain(Lang::Ja);
        assert_eq!(ja[0], "開催初日に 22 歳以下");
        assert_eq!(ja.len(), 3);
        let en = camp().explain(Lang::En);
        assert_eq!(en[0], "Aged 22 or younger on the first day");
        assert_eq!(
            camp().declaration_lines(Lang::En),
            vec!["I agree to the rules"]
        );
    }
}
