//! What would stop drafts from being submitted. Past refusals are
//! recorded at submission (`super::refusals`); this looks ahead: which
//! saved drafts the programme's rules would refuse now, for the rules a
//! draft's own fields decide, so organisers can remind people before the
//! deadline. The per-cohort limit and the once-only rule depend on the
//! person's other applications at the moment of submission and are left
//! out.

use super::DraftProblemCount;
use crate::application::eligibility::{Applicant, EligibilityRules};
use crate::application::refusal::RefusalReason;
use chrono::{DateTime, NaiveDate, Utc};

/// Drafts sharing the fields the rules read, with how many there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DraftGroup {
    /// Date of birth as saved.
    pub birth_date: Option<NaiveDate>,
    /// The declarations are ticked.
    pub declarations_accepted: bool,
    /// A field of expertise is given.
    pub expertise_given: bool,
    /// Drafts like this.
    pub drafts: u64,
}

/// How many of the drafts `groups` hold the rules would refuse for a
/// cohort starting at `starts_at`, and how many have each reason a
/// draft's own fields decide ([`RefusalReason::OWN_FIELDS`], zeroes
/// included).
pub fn draft_problems(
    rules: &EligibilityRules,
    groups: &[DraftGroup],
    starts_at: DateTime<Utc>,
) -> (u64, Vec<DraftProblemCount>) {
    let mut counts = [0u64; RefusalReason::OWN_FIELDS.len()];
    let mut refusable = 0;
    for g in groups {
        let who = Applicant {
            birth_date: g.birth_date,
            completed: false,
            other_submitted_in_cohort: 0,
            declarations_accepted: g.declarations_accepted,
            expertise: if g.expertise_given { "-" } else { "" },
        };
        // The same reasons submissions are recorded under, so the two
        // tables of the page read alike.
        let found: Vec<RefusalReason> = RefusalReason::found(&rules.check(&who, starts_at))
            .into_iter()
            .filter(|r| RefusalReason::OWN_FIELDS.contains(r))
            .collect();
        if !found.is_empty() {
            refusable += g.drafts;
        }
        for r in found {
            if let Some(i) = RefusalReason::OWN_FIELDS.iter().position(|x| *x == r) {
                counts[i] += g.drafts;
            }
        }
    }
    let listed = RefusalReason::OWN_FIELDS
        .into_iter()
        .zip(counts)
        .map(|(problem, drafts)| DraftProblemCount { problem, drafts })
        .collect();
    (refusable, listed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Localized;
    use chrono::TimeZone;

    fn group(birth: Option<(i32, u32, u32)>, ticked: bool, expertise: bool, n: u64) -> DraftGroup {
        DraftGroup {
            birth_date: birth.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            declarations_accepted: ticked,
            expertise_given: expertise,
            drafts: n,
        }
    }

    #[test]
    fn drafts_are_counted_once_and_under_each_problem() {
        let rules = EligibilityRules {
            min_age: Some(15),
            max_age: Some(22),
            declarations: Localized::new("誓約", "Pledge"),
            ask_expertise: true,
            ..Default::default()
        };
        // 10 Aug 2027 in Japan.
        let start = Utc
            .with_ymd_and_hms(2027, 8, 9, 15, 0, 0)
            .single()
            .unwrap_or_default();
        let (refusable, listed) = draft_problems(
            &rules,
            &[
                group(Some((2008, 1, 1)), true, true, 7),
                group(None, false, true, 2),
                group(Some((2013, 1, 1)), true, false, 3),
                group(Some((2004, 8, 10)), true, true, 1),
            ],
            start,
        );
        assert_eq!(refusable, 6);
        let n: Vec<u64> = listed.iter().map(|c| c.drafts).collect();
        assert_eq!(n, vec![2, 3, 1, 3, 2]);
    }

    #[test]
    fn without_rules_only_a_missing_birth_date_counts() {
        let start = Utc
            .with_ymd_and_hms(2027, 8, 9, 15, 0, 0)
            .single()
            .unwrap_or_default();
        let (refusable, listed) = draft_problems(
            &EligibilityRules::default(),
            &[
                group(None, false, false, 4),
                group(Some((1990, 1, 1)), false, false, 9),
            ],
            start,
        );
        assert_eq!(refusable, 4);
        assert_eq!(
            listed[0],
            DraftProblemCount {
                problem: RefusalReason::NoBirthDate,
                drafts: 4
            }
        );
        assert!(listed[1..].iter().all(|c| c.drafts == 0));
    }
}
