//! What the review pages show, and the one rule on what a reviewer may see
//! of an applicant.

use super::rubric::Criterion;
use crate::application::{Decision, OfferStatus};
use crate::catalogue::ProgrammeRef;
use crate::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Rows of the ranking per page.
pub const RANKING_PAGE: usize = 50;

/// Whether reviewers see who applied: on tracks reviewed openly, or once
/// the application was released as accepted into the track. Applicants
/// who were rejected or waitlisted stay anonymous to reviewers for good
/// (a waitlisted applicant offered a place off the waitlist is accepted).
pub fn identity_visible(anonymous: bool, released: bool, accepted: bool) -> bool {
    !anonymous || (released && accepted)
}

/// A track's review settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Reviewers see no identity until release.
    pub anonymous: bool,
    /// Reviewers per application for automatic assignment.
    pub k: i32,
    /// Rank by normalised totals.
    pub normalise: bool,
    /// Days an applicant has to answer an offer.
    pub offer_days: i32,
    /// Review closed: scores can no longer change.
    pub closed: bool,
    /// When the review is due (reviewers are reminded before it).
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            anonymous: true,
            k: 2,
            normalise: false,
            offer_days: 7,
            closed: false,
            due_at: None,
        }
    }
}

/// A reviewer of a track, for organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerRow {
    /// Their account.
    pub account_id: i32,
    /// Their name.
    pub name: Localized,
    /// Their email.
    pub email: String,
    /// Their declared affiliation.
    pub affiliation: String,
    /// Assignments.
    pub assigned: usize,
    /// Finished reviews.
    pub done: usize,
    /// Holds the reviewer role here, which organisers may revoke
    /// (lecturers review through the roster and leave it there).
    pub revocable: bool,
}

/// One reviewer on one application, for organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedReviewer {
    /// The reviewer's account.
    pub reviewer_id: i32,
    /// Their name.
    pub name: Localized,
    /// Whether they finished.
    pub done: bool,
}

/// One reviewer on one application as a single form value,
/// `<application>-<reviewer>`: the ranking page's unassign buttons all
/// submit one shared form (fewer elements on a page of a hundred
/// assignments), and a button sends exactly one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssignmentKey {
    /// The application.
    pub application: i32,
    /// The reviewer's account.
    pub reviewer: i32,
}

impl AssignmentKey {
    /// The form value.
    pub fn value(self) -> String {
        format!("{}-{}", self.application, self.reviewer)
    }

    /// Reads a form value; `None` unless it is two whole numbers joined by `-`.
    pub fn parse(s: &str) -> Option<Self> {
        let (a, r) = s.trim().split_once('-')?;
        // Digits only: `parse` alone would take a leading `+`.
        let whole = |x: &str| {
            x.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| x.parse().ok())
                .flatten()
        };
        Some(Self {
            application: whole(a)?,
            reviewer: whole(r)?,
        })
    }
}

/// One line of the ranking, for organisers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankingRow {
    /// The application.
    pub application_id: i32,
    /// Its rank (1 = best), once reviewed.
    pub rank: Option<usize>,
    /// The applicant's name.
    pub applicant: Localized,
    /// Mean total (raw or normalised).
    pub score: Option<f64>,
    /// Spread between its reviewers.
    pub spread: Option<f64>,
    /// Its reviewers.
    pub reviewers: Vec<AssignedReviewer>,
    /// The decision, if any.
    pub decision: Option<Decision>,
    /// Place on the waitlist.
    pub waitlist_position: Option<i32>,
    /// Whether the decision was released.
    pub released: bool,
    /// Its offer.
    pub offer: Option<OfferStatus>,
}

/// A track's review page, for organisers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManageReview {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The track's slug.
    pub track_slug: String,
    /// The track's name.
    pub track_name: Localized,
    /// Seats.
    pub capacity: i32,
    /// Accepted applications (offered or confirmed, released or not).
    pub accepted: i32,
    /// Settings.
    pub settings: Settings,
    /// The rubric.
    pub criteria: Vec<Criterion>,
    /// The reviewers.
    pub reviewers: Vec<ReviewerRow>,
    /// One page of the ranking, best first.
    pub ranking: Vec<RankingRow>,
    /// Ranked applications in all.
    pub ranking_total: usize,
    /// The page shown (0 = first).
    pub page: usize,
    /// Decided applications not yet released.
    pub unreleased: usize,
    /// Submitted applications without a finished review (bulk decisions
    /// leave them undecided).
    pub unreviewed: usize,
    /// Submitted applications with fewer reviewers than the track's k
    /// (conflicts of interest or too few reviewers).
    pub short_of_reviewers: usize,
}

/// A track a person reviews, with their progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTrack {
    /// The track.
    pub track_id: i32,
    /// Its name.
    pub name: Localized,
    /// Its cohort's title.
    pub cohort: Localized,
    /// Assignments.
    pub assigned: usize,
    /// Finished.
    pub done: usize,
    /// Review closed.
    pub closed: bool,
    /// The track's selection meeting page.
    pub meeting: String,
    /// The track's questions page, for its lecturers (`None` for reviewers).
    pub questions: Option<String>,
}

/// Who applied, shown only when [`identity_visible`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Name.
    pub name: Localized,
    /// Email.
    pub email: String,
    /// School or employer.
    pub affiliation: String,
    /// Field of expertise.
    pub expertise: String,
}

/// One answer with its question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The question's prompt.
    pub prompt: Localized,
    /// The answer as given (choices joined by commas; empty for a file).
    pub value: String,
    /// The file of a file question, without its uploaded name (which
    /// often names the applicant): its id, type and size.
    #[serde(default)]
    pub file: Option<crate::application::files::FileAnswer>,
}

/// One assignment's score sheet, for its reviewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    /// The assignment.
    pub assignment_id: i32,
    /// The application's number.
    pub application_id: i32,
    /// The track.
    pub track_id: i32,
    /// Its name.
    pub track_name: Localized,
    /// Who applied; `None` on anonymised tracks before release.
    pub identity: Option<Identity>,
    /// The answers of the latest submission.
    pub answers: Vec<Answer>,
    /// The rubric.
    pub criteria: Vec<Criterion>,
    /// Scores given so far: (criterion, score).
    pub scores: Vec<(i32, i32)>,
    /// The comment.
    pub comment: String,
    /// Review closed.
    pub closed: bool,
}

/// An offer, for the applicant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferView {
    /// The application.
    pub application_id: i32,
    /// The track's name.
    pub track_name: Localized,
    /// The released decision (none shown before release).
    pub decision: Option<Decision>,
    /// Place on the waitlist.
    pub waitlist_position: Option<i32>,
    /// The offer.
    pub offer: Option<OfferStatus>,
    /// When it lapses.
    pub expires_at: Option<DateTime<Utc>>,
    /// Whether it can still be answered.
    pub open: bool,
    /// Whether a guardian's consent is needed and still missing.
    pub consent_missing: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymised_tracks_show_only_the_accepted_after_release() {
        assert!(!identity_visible(true, false, false));
        assert!(!identity_visible(true, false, true));
        assert!(!identity_visible(true, true, false));
        assert!(identity_visible(true, true, true));
        assert!(identity_visible(false, false, false));
    }

    #[test]
    fn assignment_keys_round_trip_and_refuse_anything_else() {
        let k = AssignmentKey {
            application: 4021,
            reviewer: 17,
        };
        assert_eq!(k.value(), "4021-17");
        assert_eq!(AssignmentKey::parse(&k.value()), Some(k));
        assert_eq!(AssignmentKey::parse(" 4021-17 "), Some(k));
        for bad in [
            "",
            "-",
            "4021",
            "4021-",
            "-17",
            "4021-17-1",
            "+4021-17",
            "4021--17",
            "a-17",
            "４０２１-17",
            "99999999999-1",
        ] {
            assert_eq!(AssignmentKey::parse(bad), None, "{bad:?}");
        }
    }
}
