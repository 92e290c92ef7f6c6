//! Applications to tracks: the states an application, its decision and its
//! offer pass through, and the age rules that eligibility and guardian
//! consent share. The rest of selection builds on these types.

pub mod consent;
pub mod eligibility;
pub mod files;
pub mod form;
#[cfg(test)]
mod fuzz;
pub mod mail;
pub mod prefecture;
pub mod questions;
pub mod refusal;
pub mod setup;

use crate::enums::stored_enum;
use crate::time::to_jst;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Below this age on the cohort's start date an applicant needs a
/// guardian's consent (Japan's age of majority).
pub const GUARDIAN_CONSENT_BELOW_AGE: i32 = 18;

stored_enum! {
    /// Where an application stands from the applicant's side.
    pub enum ApplicationStatus: varchar(16) {
        /// Being written; nobody but the applicant sees it.
        Draft = "draft",
        /// Sent before the deadline; may still be edited and resubmitted until
        /// then, unless decided on already.
        Submitted = "submitted",
        /// Taken back by the applicant.
        Withdrawn = "withdrawn",
    }
}

stored_enum! {
    /// What the organisers decided.
    pub enum Decision: varchar(16) {
        /// Offered a place.
        Accepted = "accepted",
        /// An alternate (補欠): offered a place when one frees up, in rank order.
        Waitlisted = "waitlisted",
        /// Not selected.
        Rejected = "rejected",
    }
}

stored_enum! {
    /// Where an offered place stands.
    pub enum OfferStatus: varchar(16) {
        /// Waiting for the applicant's answer until the offer's deadline.
        Offered = "offered",
        /// Taken: the applicant is a participant of the track.
        Confirmed = "confirmed",
        /// Turned down; the place goes to the waitlist.
        Declined = "declined",
        /// Not answered in time; the place goes to the waitlist.
        Expired = "expired",
    }
}

/// Age in whole years on `day` of someone born on `birth` (a person born on
/// 29 February turns a year older on 1 March in other years).
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The date (in Japan) of `t`: cohort start dates are counted in JST.
pub fn jst_date(t: DateTime<Utc>) -> NaiveDate {
    to_jst(t).date_naive()
}

/// Whether someone born on `birth` needs a guardian's consent to attend a
/// cohort starting at `starts_at`.
pub fn needs_guardian_consent(birth: NaiveDate, starts_at: DateTime<Utc>) -> bool {
    age_on(birth, jst_date(starts_at)) < GUARDIAN_CONSENT_BELOW_AGE
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_whole_years_up_to_the_birthday() {
        assert_eq!(age_on(d(2005, 8, 10), d(2027, 8, 9)), 21);
        assert_eq!(age_on(d(2005, 8, 10), d(2027, 8, 10)), 22);
        assert_eq!(age_on(d(2004, 2, 29), d(2027, 2, 28)), 22);
        assert_eq!(age_on(d(2004, 2, 29), d(2027, 3, 1)), 23);
    }

    #[test]
    fn guardian_consent_is_judged_on_the_japanese_start_date() {
        // 15:00 UTC on 9 Aug is 00:00 JST on 10 Aug: the 18th birthday.
        let start = Utc.with_ymd_and_hms(2027, 8, 9, 15, 0, 0).unwrap();
        assert!(!needs_guardian_consent(d(2009, 8, 10), start));
        assert!(needs_guardian_consent(d(2009, 8, 11), start));
    }

    #[test]
    fn stored_names_round_trip() {
        for s in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(s.as_str()), Some(s));
        }
        for s in Decision::ALL {
            assert_eq!(Decision::parse(s.as_str()), Some(s));
        }
        for s in OfferStatus::ALL {
            assert_eq!(OfferStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(Decision::parse("maybe"), None);
    }
}
