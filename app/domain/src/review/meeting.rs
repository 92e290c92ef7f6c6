//! The selection meeting: organisers, the track's lecturers and its
//! reviewers go through the ranking together, open any application and
//! read its answers, every review, the conflicts and the decision.
//!
//! Who opens what, and how much each person sees, is decided here:
//! organisers (and administrators) see everything; lecturers open every
//! application of their track, reviewers only those assigned to them; and
//! neither reads another reviewer's scores before submitting their own
//! review of the application (or before the review closes), so that their
//! first reading stays independent. Applicants stay anonymous to them as on
//! the score sheet ([`identity_visible`]), and other reviewers are numbered
//! rather than named, as reviewers never see each other elsewhere.

use super::assign::ConflictReason;
use super::rubric::Criterion;
use super::view::{Answer, Identity, identity_visible};
use crate::access::Actor;
use crate::application::{Decision, OfferStatus};
use crate::catalogue::ProgrammeRef;
use crate::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Rows of the meeting's ranking per page.
pub const MEETING_PAGE: usize = 50;

/// The highest score a filter accepts (totals are out of 100).
pub const MAX_SCORE: f64 = 100.0;

/// How someone takes part in a track's selection meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingRole {
    /// Organises the programme, or administers the instance.
    Organiser,
    /// Lectures the track.
    Lecturer,
    /// Reviews for the track.
    Reviewer,
}

/// The person's role at the meeting of `track` (of `programme`), `None`
/// when they have no part in it.
pub fn meeting_role(actor: &Actor, programme: i32, track: i32) -> Option<MeetingRole> {
    if actor.is_admin || actor.grants.iter().any(|g| g.is_organiser_of(programme)) {
        Some(MeetingRole::Organiser)
    } else if actor.grants.iter().any(|g| g.lectures(track)) {
        Some(MeetingRole::Lecturer)
    } else if actor.grants.iter().any(|g| g.reviews(track)) {
        Some(MeetingRole::Reviewer)
    } else {
        None
    }
}

/// The person's own review of an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OwnReview {
    /// Not assigned to them.
    NotAssigned,
    /// Assigned, not submitted yet.
    Pending,
    /// Submitted.
    Submitted,
}

/// Whether someone in `role` opens an application they hold `own` of:
/// reviewers only their assignments, everyone else any application of the
/// track. Anything else is not found, exactly like a missing application.
pub fn opens(role: MeetingRole, own: OwnReview) -> bool {
    role != MeetingRole::Reviewer || own != OwnReview::NotAssigned
}

/// Whether someone in `role` sees the other reviewers' scores and comments
/// of an application (and its mean score): organisers always; lecturers
/// and reviewers once their own review of it is in, or the review closed,
/// so that nobody's first reading leans on another's.
pub fn scores_visible(role: MeetingRole, own: OwnReview, closed: bool) -> bool {
    role == MeetingRole::Organiser || closed || own == OwnReview::Submitted
}

/// Whether someone in `role` sees who applied: organisers always (their
/// ranking names applicants), the others as reviewers do on the score sheet.
pub fn applicant_visible(
    role: MeetingRole,
    anonymous: bool,
    released: bool,
    accepted: bool,
) -> bool {
    role == MeetingRole::Organiser || identity_visible(anonymous, released, accepted)
}

/// Whether someone in `role` sees the reviewers' names: organisers, who
/// assign them; reviewers and lecturers never see each other's names.
pub fn reviewers_named(role: MeetingRole) -> bool {
    role == MeetingRole::Organiser
}

/// The meeting ranking's search and filters as a GET form sends them;
/// anything unreadable is ignored rather than refused, so a typed address
/// never fails (the form shows back what was applied).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingQuery {
    /// Words of the answers, all of which must appear (Japanese matched as
    /// substrings, full- and half-width alike).
    #[serde(default)]
    pub q: String,
    /// `accepted`, `waitlisted`, `rejected`, `none` (undecided) or empty.
    #[serde(default)]
    pub decision: String,
    /// The lowest score, 0–100.
    #[serde(default)]
    pub min: String,
    /// The highest score, 0–100.
    #[serde(default)]
    pub max: String,
    /// Set: only applications the person has submitted a review of.
    #[serde(default)]
    pub mine: Option<String>,
    /// Set: only applications with a conflict of interest marked.
    #[serde(default)]
    pub conflicts: Option<String>,
    /// The page, from 0.
    #[serde(default)]
    pub page: String,
}

/// Which decision the ranking is filtered to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionFilter {
    /// Not decided yet.
    Undecided,
    /// Decided so.
    Is(Decision),
}

/// One search term's substring searcher (SIMD, from `memchr`): about
/// four times faster than `str::contains` over a track's answers, which a
/// search that matches nothing reads in full.
#[derive(Clone, Debug)]
pub struct Finder(memchr::memmem::Finder<'static>);

impl Finder {
    /// The searcher of `term`.
    pub fn new(term: &str) -> Self {
        Self(memchr::memmem::Finder::new(term.as_bytes()).into_owned())
    }

    /// Whether `text` holds the term.
    pub fn found_in(&self, text: &str) -> bool {
        self.0.find(text.as_bytes()).is_some()
    }
}

impl PartialEq for Finder {
    fn eq(&self, other: &Self) -> bool {
        self.0.needle() == other.0.needle()
    }
}

/// A [`MeetingQuery`] read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Normalised search terms.
    pub terms: Vec<String>,
    /// The terms' substring searchers, built once per request: the meeting
    /// reads every answer text of a track (thousands) for each search.
    pub finders: Vec<Finder>,
    /// The decision asked for.
    pub decision: Option<DecisionFilter>,
    /// Lowest score.
    pub min: Option<f64>,
    /// Highest score.
    pub max: Option<f64>,
    /// Only what the person reviewed.
    pub mine: bool,
    /// Only applications with conflicts.
    pub conflicts: bool,
    /// The page, from 0.
    pub page: usize,
}

fn score_of(typed: &str) -> Option<f64> {
    let t = typed.trim();
    // Plain decimals only: `parse` alone takes `inf`, `NaN` and `1e3`.
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    t.parse::<f64>()
        .ok()
        .filter(|x| (0.0..=MAX_SCORE).contains(x))
}

impl MeetingQuery {
    /// The filter the query asks for.
    pub fn filter(&self) -> Filter {
        let decision = match self.decision.trim() {
            "none" => Some(DecisionFilter::Undecided),
            other => Decision::parse(other).map(DecisionFilter::Is),
        };
        let page = self
            .page
            .trim()
            .parse::<usize>()
            .map(crate::forms::bounded_page)
            .unwrap_or(0);
        let terms = crate::alumni::search::terms(&self.q);
        Filter {
            finders: terms.iter().map(|t| Finder::new(t)).collect(),
            terms,
            decision,
            min: score_of(&self.min),
            max: score_of(&self.max),
            mine: self.mine.is_some(),
            conflicts: self.conflicts.is_some(),
            page,
        }
    }

    /// The query as applied, for the form to show back: unreadable values
    /// emptied, the page left out.
    pub fn applied(&self) -> MeetingQuery {
        let f = self.filter();
        let number = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        MeetingQuery {
            q: self
                .q
                .chars()
                .take(crate::alumni::search::MAX_QUERY)
                .collect(),
            decision: match f.decision {
                Some(DecisionFilter::Undecided) => "none".into(),
                Some(DecisionFilter::Is(d)) => d.as_str().into(),
                None => String::new(),
            },
            min: number(f.min),
            max: number(f.max),
            mine: f.mine.then(|| "on".into()),
            conflicts: f.conflicts.then(|| "on".into()),
            page: String::new(),
        }
    }

    /// The query string of the applied search and filters with `page`
    /// (`?` included; empty values left out), for links that keep them.
    pub fn href(&self, page: Option<usize>) -> String {
        let a = self.applied();
        let mut parts: Vec<String> = Vec::new();
        for (k, v) in [
            ("q", a.q.as_str()),
            ("decision", a.decision.as_str()),
            ("min", a.min.as_str()),
            ("max", a.max.as_str()),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", crate::url::encode_query_value(v)));
            }
        }
        if a.mine.is_some() {
            parts.push("mine=on".into());
        }
        if a.conflicts.is_some() {
            parts.push("conflicts=on".into());
        }
        if let Some(p) = page.filter(|p| *p > 0) {
            parts.push(format!("page={p}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// What the filter reads of one application, as the person may see it.
#[derive(Clone, Copy, Debug)]
pub struct RowFacts<'a> {
    /// Its mean score, if reviewed.
    pub score: Option<f64>,
    /// Whether the person may see that score ([`scores_visible`]).
    pub score_shown: bool,
    /// Its decision.
    pub decision: Option<Decision>,
    /// Whether the person submitted a review of it.
    pub reviewed_by_me: bool,
    /// Whether a conflict of interest is marked on it.
    pub conflicted: bool,
    /// Its normalised answer text.
    pub text: &'a str,
}

impl Filter {
    /// Whether the application is kept. A score range keeps only scores the
    /// person may see: otherwise which applications a range keeps would
    /// tell them the scores they are not to read yet.
    pub fn keeps(&self, f: &RowFacts<'_>) -> bool {
        if self.mine && !f.reviewed_by_me {
            return false;
        }
        if self.conflicts && !f.conflicted {
            return false;
        }
        match self.decision {
            Some(DecisionFilter::Undecided) if f.decision.is_some() => return false,
            Some(DecisionFilter::Is(d)) if f.decision != Some(d) => return false,
            _ => {}
        }
        if self.min.is_some() || self.max.is_some() {
            let Some(s) = f.score.filter(|_| f.score_shown) else {
                return false;
            };
            if self.min.is_some_and(|m| s < m) || self.max.is_some_and(|m| s > m) {
                return false;
            }
        }
        self.finders.iter().all(|t| t.found_in(f.text))
    }
}

/// Where an application stands in the order the person reads the meeting's
/// ranking: those whose scores they see by rank (`rank_index`, their place
/// in the ranking), then those whose scores are still hidden from them by
/// number. Ranked in place, a hidden score would show through its row's
/// position (the first hidden row above every shown one is the best), so
/// a lecturer's first reading would lean on the others' after all.
pub fn reading_key(score_shown: bool, rank_index: usize, application_id: i32) -> (bool, i64) {
    if score_shown {
        (false, i64::try_from(rank_index).unwrap_or(i64::MAX))
    } else {
        (true, i64::from(application_id))
    }
}

/// The applications before and after `id` in `order`, its place (from 1).
pub fn neighbours(order: &[i32], id: i32) -> (Option<i32>, Option<usize>, Option<i32>) {
    match order.iter().position(|&x| x == id) {
        Some(i) => (
            i.checked_sub(1).map(|j| order[j]),
            Some(i + 1),
            order.get(i + 1).copied(),
        ),
        None => (None, None, None),
    }
}

/// One application in the meeting's ranking, as the person may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingRow {
    /// The application.
    pub application_id: i32,
    /// Its rank, once reviewed; `None` while its scores are hidden.
    pub rank: Option<usize>,
    /// Who applied; `None` when hidden from the person.
    pub applicant: Option<Localized>,
    /// Its mean score; `None` when unscored or hidden.
    pub score: Option<f64>,
    /// Whether the score is hidden until the person's own review.
    pub score_hidden: bool,
    /// Finished reviews.
    pub done: usize,
    /// Assigned reviews.
    pub assigned: usize,
    /// The person's own review of it.
    pub own: OwnReview,
    /// Conflicts marked.
    pub conflicts: usize,
    /// Its decision.
    pub decision: Option<Decision>,
}

/// The track's page of the meeting: one page of the filtered ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingRanking {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The track's slug.
    pub track_slug: String,
    /// The track's name.
    pub track_name: Localized,
    /// The person's role.
    pub role: MeetingRole,
    /// Review closed.
    pub closed: bool,
    /// The search and filters applied.
    pub query: MeetingQuery,
    /// Applications matching, in all.
    pub total: usize,
    /// The page shown (0 = first).
    pub page: usize,
    /// The page's rows, in ranking order.
    pub rows: Vec<MeetingRow>,
}

/// Who wrote a review, as the person may know them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewerLabel {
    /// The person themself.
    Me,
    /// Named (for organisers).
    Named(Localized),
    /// Numbered in the application's assignment order, from 1.
    Numbered(usize),
    /// A reviewer, unnamed (one who stepped aside with a conflict).
    Someone,
}

/// One review of the application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingReview {
    /// Who wrote it.
    pub reviewer: ReviewerLabel,
    /// Submitted.
    pub done: bool,
    /// Whether its scores and comment are hidden from the person.
    pub hidden: bool,
    /// Score per criterion of the rubric, in rubric order (empty when hidden).
    pub scores: Vec<Option<i32>>,
    /// The weighted total out of 100, once complete (never when hidden).
    pub total: Option<f64>,
    /// The comment (empty when hidden).
    pub comment: String,
}

/// A conflict of interest marked on the application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingConflict {
    /// The reviewer, as the person may know them.
    pub reviewer: ReviewerLabel,
    /// Why.
    pub reason: ConflictReason,
}

/// One step of the application's decision, from the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    /// When.
    pub at: DateTime<Utc>,
    /// The audit action (`review.decide`, `offer.answer` …).
    pub action: String,
    /// Its summary as recorded (numbers and states, never names).
    pub summary: String,
}

/// One application at the meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingApplication {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The track's slug.
    pub track_slug: String,
    /// The track's name.
    pub track_name: Localized,
    /// The person's role.
    pub role: MeetingRole,
    /// The application.
    pub application_id: i32,
    /// Its rank, once reviewed.
    pub rank: Option<usize>,
    /// Its place in the filtered ranking (from 1), if it is in it.
    pub position: Option<usize>,
    /// Applications in the filtered ranking.
    pub total: usize,
    /// The one before it in the filtered ranking.
    pub previous: Option<i32>,
    /// The one after it.
    pub next: Option<i32>,
    /// The search and filters the person came with.
    pub query: MeetingQuery,
    /// Who applied; `None` when hidden from the person.
    pub identity: Option<Identity>,
    /// The answers of the latest submission.
    pub answers: Vec<Answer>,
    /// The rubric.
    pub criteria: Vec<Criterion>,
    /// Whether the other reviews' scores are hidden until the person's own.
    pub scores_hidden: bool,
    /// Its mean score (raw or normalised), `None` when unscored or hidden.
    pub score: Option<f64>,
    /// Its reviews, in assignment order.
    pub reviews: Vec<MeetingReview>,
    /// Conflicts marked.
    pub conflicts: Vec<MeetingConflict>,
    /// Its decision.
    pub decision: Option<Decision>,
    /// Place on the waitlist.
    pub waitlist_position: Option<i32>,
    /// Released to the applicant.
    pub released: bool,
    /// Its offer.
    pub offer: Option<OfferStatus>,
    /// The reason given for accepting beyond capacity.
    pub decision_reason: Option<String>,
    /// The decision's history, oldest first.
    pub history: Vec<HistoryLine>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{Grant, Role};

    const P: i32 = 1;
    const T: i32 = 100;

    fn person(is_admin: bool, grants: Vec<Grant>) -> Actor {
        Actor {
            account_id: 9,
            is_admin,
            grants,
        }
    }

    #[test]
    fn hidden_scores_do_not_show_through_the_order() {
        // The ranking by score: application 30 is best, then 10, 20, 40.
        let ranked = [(30, true), (10, false), (20, true), (40, false)];
        let mut order: Vec<(usize, bool, i32)> = ranked
            .iter()
            .enumerate()
            .map(|(i, &(id, shown))| (i, shown, id))
            .collect();
        order.sort_by_key(|&(i, shown, id)| reading_key(shown, i, id));
        let ids: Vec<i32> = order.iter().map(|x| x.2).collect();
        // Shown ones by rank, then the hidden ones by number: 40's place
        // no longer says it ranks below 10.
        assert_eq!(ids, vec![30, 20, 10, 40]);
        // Reversing the hidden ones' scores changes nothing of the order.
        let swapped = [(30, true), (40, false), (20, true), (10, false)];
        let mut again: Vec<(usize, bool, i32)> = swapped
            .iter()
            .enumerate()
            .map(|(i, &(id, shown))| (i, shown, id))
            .collect();
        again.sort_by_key(|&(i, shown, id)| reading_key(shown, i, id));
        assert_eq!(again.iter().map(|x| x.2).collect::<Vec<_>>(), ids);
    }

    #[test]
    fn roles_come_from_the_programme_and_the_track() {
        let on = |r: Role, t: i32| person(false, vec![Grant::on_track(r, P, 10, t)]);
        let org = person(false, vec![Grant::organiser(P)]);
        assert_eq!(meeting_role(&org, P, T), Some(MeetingRole::Organiser));
        assert_eq!(
            meeting_role(&person(true, vec![]), P, T),
            Some(MeetingRole::Organiser)
        );
        assert_eq!(
            meeting_role(&on(Role::Lecturer, T), P, T),
            Some(MeetingRole::Lecturer)
        );
        assert_eq!(
            meeting_role(&on(Role::Reviewer, T), P, T),
            Some(MeetingRole::Reviewer)
        );
        for nobody in [
            on(Role::Lecturer, T + 1),
            on(Role::Reviewer, T + 1),
            on(Role::Tutor, T),
            on(Role::Participant, T),
            person(false, vec![Grant::organiser(P + 1)]),
            person(false, vec![]),
        ] {
            assert_eq!(meeting_role(&nobody, P, T), None, "{nobody:?}");
        }
    }

    #[test]
    fn reviewers_open_only_their_assignments() {
        use MeetingRole::*;
        use OwnReview::*;
        for own in [NotAssigned, Pending, Submitted] {
            assert!(opens(Organiser, own));
            assert!(opens(Lecturer, own));
        }
        assert!(!opens(Reviewer, NotAssigned));
        assert!(opens(Reviewer, Pending));
        assert!(opens(Reviewer, Submitted));
    }

    #[test]
    fn others_scores_wait_for_ones_own_review_or_the_close() {
        use MeetingRole::*;
        use OwnReview::*;
        for own in [NotAssigned, Pending, Submitted] {
            assert!(scores_visible(Organiser, own, false));
        }
        for role in [Lecturer, Reviewer] {
            assert!(!scores_visible(role, NotAssigned, false));
            assert!(!scores_visible(role, Pending, false));
            assert!(scores_visible(role, Submitted, false));
            assert!(scores_visible(role, Pending, true));
            assert!(scores_visible(role, NotAssigned, true));
        }
    }

    #[test]
    fn anonymity_holds_for_lecturers_and_reviewers_until_release() {
        use MeetingRole::*;
        assert!(applicant_visible(Organiser, true, false, false));
        for role in [Lecturer, Reviewer] {
            assert!(!applicant_visible(role, true, false, true));
            assert!(!applicant_visible(role, true, true, false));
            assert!(applicant_visible(role, true, true, true));
            assert!(applicant_visible(role, false, false, false));
            assert!(!reviewers_named(role));
        }
        assert!(reviewers_named(Organiser));
    }

    fn facts(text: &str) -> RowFacts<'_> {
        RowFacts {
            score: Some(70.0),
            score_shown: true,
            decision: None,
            reviewed_by_me: false,
            conflicted: false,
            text,
        }
    }

    fn query(q: &str) -> MeetingQuery {
        MeetingQuery {
            q: q.into(),
            ..Default::default()
        }
    }

    #[test]
    fn search_matches_japanese_substrings_across_widths() {
        let text = crate::alumni::search::normalise("ＣＴＦで暗号を学びたい");
        assert!(query("暗号").filter().keeps(&facts(&text)));
        assert!(query("ctf 暗号").filter().keeps(&facts(&text)));
        assert!(query("ＣＴＦ").filter().keeps(&facts(&text)));
        assert!(!query("暗号 web").filter().keeps(&facts(&text)));
        // A LIKE wildcard is no term at all, never a match-anything.
        assert!(query("%_").filter().terms.is_empty());
    }

    #[test]
    fn filters_combine_and_a_hidden_score_is_never_in_a_range() {
        let mut q = MeetingQuery {
            min: "60".into(),
            max: "80".into(),
            ..Default::default()
        };
        let f = q.filter();
        assert!(f.keeps(&facts("")));
        assert!(!f.keeps(&RowFacts {
            score: Some(81.0),
            ..facts("")
        }));
        assert!(!f.keeps(&RowFacts {
            score_shown: false,
            ..facts("")
        }));
        assert!(!f.keeps(&RowFacts {
            score: None,
            ..facts("")
        }));
        q.decision = "none".into();
        assert!(q.filter().keeps(&facts("")));
        assert!(!q.filter().keeps(&RowFacts {
            decision: Some(Decision::Rejected),
            ..facts("")
        }));
        q.decision = "accepted".into();
        assert!(q.filter().keeps(&RowFacts {
            decision: Some(Decision::Accepted),
            ..facts("")
        }));
        q.mine = Some("on".into());
        assert!(!q.filter().keeps(&RowFacts {
            decision: Some(Decision::Accepted),
            ..facts("")
        }));
        q.conflicts = Some("on".into());
        assert!(q.filter().keeps(&RowFacts {
            decision: Some(Decision::Accepted),
            reviewed_by_me: true,
            conflicted: true,
            ..facts("")
        }));
    }

    #[test]
    fn unreadable_values_are_ignored_and_links_keep_what_applied() {
        let q = MeetingQuery {
            q: "暗号 & x".into(),
            decision: "maybe".into(),
            min: "NaN".into(),
            max: "1e3".into(),
            mine: Some(String::new()),
            conflicts: None,
            page: "-1".into(),
        };
        let f = q.filter();
        assert_eq!(f.decision, None);
        assert_eq!((f.min, f.max), (None, None));
        assert_eq!(f.page, 0);
        assert_eq!(
            q.href(Some(2)),
            "?q=%E6%9A%97%E5%8F%B7%20%26%20x&mine=on&page=2"
        );
        assert_eq!(MeetingQuery::default().href(Some(0)), "");
        let big = MeetingQuery {
            page: "99999999999999999999".into(),
            min: "101".into(),
            ..Default::default()
        };
        assert_eq!(big.filter().page, 0);
        assert_eq!(big.filter().min, None);
    }

    #[test]
    fn neighbours_follow_the_order() {
        let order = [5, 3, 9];
        assert_eq!(neighbours(&order, 5), (None, Some(1), Some(3)));
        assert_eq!(neighbours(&order, 3), (Some(5), Some(2), Some(9)));
        assert_eq!(neighbours(&order, 9), (Some(3), Some(3), None));
        assert_eq!(neighbours(&order, 4), (None, None, None));
    }
}
