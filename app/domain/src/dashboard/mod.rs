//! The organiser's dashboard of a cohort: applications per track and per
//! day, drafts against submissions, submissions the eligibility rules
//! refused and what would stop drafts from being submitted, review
//! progress, decisions against seats, offers, and the applicants' ages and
//! regions with small groups hidden. The store counts (grouped queries);
//! this module holds the page's data and the pure parts: age bands,
//! regions, refusals by reason, draft checks, small-group suppression and
//! the chart.

pub mod ages;
pub mod chart;
pub mod drafts;
pub mod refusals;
pub mod regions;
pub mod suppress;

use crate::catalogue::ProgrammeRef;
use crate::lang::Localized;
use ages::AgeBand;
use chrono::NaiveDate;
use refusals::{RefusalCount, RefusedPeople};
use regions::RegionRow;
use serde::{Deserialize, Serialize};
use suppress::Shown;

/// Where the offers of one track stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCounts {
    /// Taken by the applicant.
    pub accepted: u64,
    /// Turned down.
    pub declined: u64,
    /// Waiting for an answer.
    pub pending: u64,
    /// Not answered in time.
    pub lapsed: u64,
}

/// One track's applications, decisions and offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackFigures {
    /// The track's name.
    pub name: Localized,
    /// Seats for participants.
    pub capacity: i32,
    /// Applications still being written.
    pub drafts: u64,
    /// Applications submitted (and not withdrawn).
    pub submitted: u64,
    /// Applications taken back.
    pub withdrawn: u64,
    /// Submitted and holding a place: accepted, the offer not declined
    /// nor lapsed (what counts against the seats).
    pub accepted: u64,
    /// Submitted and on the waitlist.
    pub waitlisted: u64,
    /// Submitted and not selected.
    pub rejected: u64,
    /// Submitted and not decided on yet.
    pub undecided: u64,
    /// The offers' answers.
    pub offers: OfferCounts,
}

/// One day's first submissions (in Japan), per track in the order of
/// [`CohortDashboard::tracks`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    /// The day (JST).
    pub day: NaiveDate,
    /// Applications first submitted that day, per track.
    pub per_track: Vec<u64>,
}

impl DayCounts {
    /// All tracks together.
    pub fn total(&self) -> u64 {
        self.per_track.iter().sum()
    }
}

/// One reviewer's assignments on one track.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerProgress {
    /// The track, as an index into [`CohortDashboard::tracks`].
    pub track: usize,
    /// The reviewer's name.
    pub reviewer: Localized,
    /// Assignments made.
    pub assigned: u64,
    /// Assignments whose scores are complete.
    pub done: u64,
}

/// How many drafts one eligibility rule would stop at submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftProblemCount {
    /// The rule, as a refused submission would be recorded under.
    pub problem: crate::application::refusal::RefusalReason,
    /// Drafts that have it.
    pub drafts: u64,
}

/// One age band's submitted applications, as published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRow {
    /// The band.
    pub band: AgeBand,
    /// Its count, or hidden.
    pub shown: Shown,
}

/// Everything the dashboard page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortDashboard {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's URL name.
    pub cohort_slug: String,
    /// The cohort's title.
    pub cohort_title: Localized,
    /// The cohort's first day (JST), the day ages are counted on.
    pub starts_on: NaiveDate,
    /// The tracks in listing order.
    pub tracks: Vec<TrackFigures>,
    /// Every day from the first to the last first submission, gaps filled.
    pub days: Vec<DayCounts>,
    /// Review assignments per track and reviewer.
    pub reviewers: Vec<ReviewerProgress>,
    /// Submissions the eligibility rules refused, by reason: people per
    /// track (every reason listed).
    pub refusals: Vec<RefusalCount>,
    /// Per track, the people refused at least once and how many of them
    /// stand submitted now.
    pub refused: Vec<RefusedPeople>,
    /// Drafts that would be refused if submitted now.
    pub refusable_drafts: u64,
    /// Those drafts by problem (a draft may have several).
    pub draft_problems: Vec<DraftProblemCount>,
    /// Submitted applications per age band on the first day.
    pub ages: Vec<AgeRow>,
    /// Submitted applications per region of residence.
    pub regions: Vec<RegionRow>,
}

impl CohortDashboard {
    /// All tracks' figures added up.
    pub fn totals(&self) -> TrackFigures {
        self.tracks
            .iter()
            .fold(TrackFigures::default(), |mut t, f| {
                t.capacity += f.capacity;
                t.drafts += f.drafts;
                t.submitted += f.submitted;
                t.withdrawn += f.withdrawn;
                t.accepted += f.accepted;
                t.waitlisted += f.waitlisted;
                t.rejected += f.rejected;
                t.undecided += f.undecided;
                t.offers.accepted += f.offers.accepted;
                t.offers.declined += f.offers.declined;
                t.offers.pending += f.offers.pending;
                t.offers.lapsed += f.offers.lapsed;
                t
            })
    }

    /// Per track, its reviewers' assignments added up: (assigned, done).
    pub fn review_totals(&self) -> Vec<(u64, u64)> {
        let mut out = vec![(0, 0); self.tracks.len()];
        for r in &self.reviewers {
            if let Some(t) = out.get_mut(r.track) {
                t.0 += r.assigned;
                t.1 += r.done;
            }
        }
        out
    }
}

/// `counted` (day, track index, applications) as one line per day from
/// the first to the last, days without submissions included with zeroes.
pub fn fill_days(counted: &[(NaiveDate, usize, u64)], tracks: usize) -> Vec<DayCounts> {
    let (Some(first), Some(last)) = (
        counted.iter().map(|c| c.0).min(),
        counted.iter().map(|c| c.0).max(),
    ) else {
        return Vec::new();
    };
    let mut days: Vec<DayCounts> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|day| DayCounts {
            day,
            per_track: vec![0; tracks],
        })
        .collect();
    for &(day, track, n) in counted {
        let i = usize::try_from((day - first).num_days()).unwrap_or(0);
        if let Some(slot) = days.get_mut(i).and_then(|d| d.per_track.get_mut(track)) {
            *slot += n;
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap_or_default()
    }

    #[test]
    fn days_are_filled_from_the_first_to_the_last() {
        let days = fill_days(&[(d(5, 3), 1, 2), (d(5, 1), 0, 4), (d(5, 3), 0, 1)], 2);
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].per_track, vec![4, 0]);
        assert_eq!(days[1].per_track, vec![0, 0]);
        assert_eq!((days[2].day, days[2].total()), (d(5, 3), 3));
        assert!(fill_days(&[], 2).is_empty());
    }

    #[test]
    fn totals_add_tracks_and_reviewers_up() {
        let t = TrackFigures {
            capacity: 10,
            submitted: 12,
            accepted: 3,
            waitlisted: 2,
            rejected: 1,
            undecided: 6,
            ..Default::default()
        };
        let dash = CohortDashboard {
            programme: ProgrammeRef {
                slug: "p".into(),
                kind: crate::catalogue::ProgrammeKind::Connect,
                name: Localized::default(),
            },
            cohort_slug: "c".into(),
            cohort_title: Localized::default(),
            starts_on: d(8, 1),
            tracks: vec![t.clone(), t],
            days: vec![],
            reviewers: vec![
                ReviewerProgress {
                    track: 1,
                    reviewer: Localized::default(),
                    assigned: 4,
                    done: 1,
                },
                ReviewerProgress {
                    track: 1,
                    reviewer: Localized::default(),
                    assigned: 2,
                    done: 2,
                },
            ],
            refusals: vec![],
            refused: vec![],
            refusable_drafts: 0,
            draft_problems: vec![],
            ages: vec![],
            regions: vec![],
        };
        let totals = dash.totals();
        assert_eq!(
            (totals.capacity, totals.submitted, totals.undecided),
            (20, 24, 12)
        );
        assert_eq!(dash.review_totals(), vec![(0, 0), (6, 3)]);
    }
}
