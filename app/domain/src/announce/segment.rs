//! Who an announcement goes to. A segment is a kind and, for most kinds,
//! the record it is about: a cohort's applicants, a track's accepted,
//! waitlisted or rejected applicants, a track's reviewers, the programme's
//! alumni, an event's registrants. Forms carry it as one value,
//! `kind-id` (`accepted-12`) or `kind` (`alumni`).
//!
//! Decisions reach a segment only once released: an applicant whose
//! decision is not yet told is in no decision segment, so an announcement
//! cannot tell it before the release does.

use crate::application::{Decision, OfferStatus};
use crate::enums::stored_enum;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// Which people of a programme an announcement goes to.
    pub enum SegmentKind: varchar(16) {
        /// Everyone who submitted an application to a track of a cohort.
        Applicants = "applicants" / crate::text::labels::segment::applicants,
        /// A track's applicants whose acceptance was released (and who did
        /// not decline or let the offer lapse).
        Accepted = "accepted" / crate::text::labels::segment::accepted,
        /// A track's applicants told they are on the waitlist.
        Waitlisted = "waitlisted" / crate::text::labels::segment::waitlisted,
        /// A track's applicants told they were not selected.
        Rejected = "rejected" / crate::text::labels::segment::rejected,
        /// A track's reviewers and lecturers (those who review it).
        Reviewers = "reviewers" / crate::text::labels::segment::reviewers,
        /// Everyone who completed a track of the programme (certificate
        /// not revoked).
        Alumni = "alumni" / crate::text::labels::segment::alumni,
        /// An event's registrants: those with a place and those waiting.
        Registrants = "registrants" / crate::text::labels::segment::registrants,
    }
}

/// What record a kind of segment is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// A cohort of the programme.
    Cohort,
    /// A track of one of the programme's cohorts.
    Track,
    /// An event of the programme.
    Event,
    /// The programme itself: no id.
    Programme,
}

/// Offer states in which an accepted applicant still counts as accepted:
/// one who declined or let the offer lapse has given the place up.
pub const STILL_ACCEPTED: [OfferStatus; 2] = [OfferStatus::Offered, OfferStatus::Confirmed];

impl SegmentKind {
    /// The record the kind is about.
    pub fn target(self) -> Target {
        match self {
            SegmentKind::Applicants => Target::Cohort,
            SegmentKind::Accepted
            | SegmentKind::Waitlisted
            | SegmentKind::Rejected
            | SegmentKind::Reviewers => Target::Track,
            SegmentKind::Alumni => Target::Programme,
            SegmentKind::Registrants => Target::Event,
        }
    }

    /// The released decision whose applicants make up the segment, for the
    /// decision kinds.
    pub fn decision(self) -> Option<Decision> {
        match self {
            SegmentKind::Accepted => Some(Decision::Accepted),
            SegmentKind::Waitlisted => Some(Decision::Waitlisted),
            SegmentKind::Rejected => Some(Decision::Rejected),
            _ => None,
        }
    }

    /// The template variables the organiser's text may use with this kind:
    /// the recipient's name and the programme always, and the names of the
    /// records the segment is about.
    pub fn variables(self) -> &'static [&'static str] {
        match self.target() {
            Target::Cohort => &["name", "programme", "cohort"],
            Target::Track => &["name", "programme", "cohort", "track"],
            Target::Event => &["name", "programme", "event"],
            Target::Programme => &["name", "programme"],
        }
    }

    /// The sentence naming the segment's people at `place` (a cohort,
    /// track, event or programme name), for the mail's footer and the
    /// list of announcements. A rejected applicant is called an applicant.
    pub fn audience(self, lang: Lang, place: &str) -> String {
        use crate::text::labels::segment_audience as audience;
        match self {
            SegmentKind::Applicants | SegmentKind::Rejected => audience::applicants(lang, place),
            SegmentKind::Accepted => audience::accepted(lang, place),
            SegmentKind::Waitlisted => audience::waitlisted(lang, place),
            SegmentKind::Reviewers => audience::reviewers(lang, place),
            SegmentKind::Alumni => audience::alumni(lang, place),
            SegmentKind::Registrants => audience::registrants(lang, place),
        }
    }
}

/// Whether an application with these facts is in the decision segment of
/// `kind`: its decision is `kind`'s, released, and (for acceptances) the
/// place was not given up. The store's query says the same in SQL.
pub fn in_decision_segment(
    kind: SegmentKind,
    decision: Option<Decision>,
    released: bool,
    offer: Option<OfferStatus>,
) -> bool {
    let Some(wanted) = kind.decision() else {
        return false;
    };
    released
        && decision == Some(wanted)
        && (wanted != Decision::Accepted || offer.is_none_or(|o| STILL_ACCEPTED.contains(&o)))
}

/// One segment: a kind and the id of its record (none for the programme).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Segment {
    /// Which people.
    pub kind: SegmentKind,
    /// The cohort, track or event they belong to.
    pub target: Option<i32>,
}

impl Segment {
    /// The segment of a form's value (`kind-id` or `kind`); `None` for a
    /// value that names no segment (an unknown kind, an id where none
    /// belongs or none where one does, an id that is no positive number).
    pub fn parse(value: &str) -> Option<Segment> {
        let value = value.trim();
        let (kind, id) = match value.split_once('-') {
            Some((kind, id)) => (kind, Some(id)),
            None => (value, None),
        };
        let kind = SegmentKind::parse(kind)?;
        let target = match (kind.target(), id) {
            (Target::Programme, None) => None,
            (Target::Programme, Some(_)) | (_, None) => return None,
            (_, Some(id)) => {
                let digits = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
                Some(id.parse::<i32>().ok().filter(|n| digits && *n > 0)?)
            }
        };
        Some(Segment { kind, target })
    }

    /// The form's value for the segment; [`Segment::parse`] reads it back.
    pub fn key(self) -> String {
        match self.target {
            Some(id) => format!("{}-{id}", self.kind.as_str()),
            None => self.kind.as_str().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip_through_their_form_value() {
        for kind in SegmentKind::ALL {
            let s = Segment {
                kind,
                target: (kind.target() != Target::Programme).then_some(42),
            };
            assert_eq!(Segment::parse(&s.key()), Some(s), "{kind:?}");
        }
        assert_eq!(
            Segment::parse(" accepted-7 "),
            Some(Segment {
                kind: SegmentKind::Accepted,
                target: Some(7)
            })
        );
    }

    #[test]
    fn a_value_naming_no_segment_is_refused() {
        for bad in [
            "",
            "accepted",
            "alumni-3",
            "accepted-",
            "accepted-0",
            "accepted--1",
            "accepted-+1",
            "accepted-１２",
            "accepted-99999999999",
            "everyone",
            "reviewers-1-2",
        ] {
            assert_eq!(Segment::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn only_released_decisions_make_a_decision_segment() {
        use Decision::*;
        let k = SegmentKind::Accepted;
        assert!(in_decision_segment(k, Some(Accepted), true, None));
        assert!(!in_decision_segment(k, Some(Accepted), false, None));
        assert!(in_decision_segment(
            k,
            Some(Accepted),
            true,
            Some(OfferStatus::Confirmed)
        ));
        for gone in [OfferStatus::Declined, OfferStatus::Expired] {
            assert!(!in_decision_segment(k, Some(Accepted), true, Some(gone)));
        }
        assert!(in_decision_segment(
            SegmentKind::Waitlisted,
            Some(Waitlisted),
            true,
            None
        ));
        assert!(!in_decision_segment(
            SegmentKind::Waitlisted,
            Some(Waitlisted),
            false,
            None
        ));
        assert!(in_decision_segment(
            SegmentKind::Rejected,
            Some(Rejected),
            true,
            None
        ));
        assert!(!in_decision_segment(
            SegmentKind::Rejected,
            None,
            true,
            None
        ));
        assert!(!in_decision_segment(
            SegmentKind::Applicants,
            Some(Accepted),
            true,
            None
        ));
    }

    #[test]
    fn each_kind_offers_the_names_of_its_records() {
        assert_eq!(
            SegmentKind::Applicants.variables(),
            ["name", "programme", "cohort"]
        );
        assert!(SegmentKind::Reviewers.variables().contains(&"track"));
        assert!(!SegmentKind::Alumni.variables().contains(&"track"));
        assert_eq!(
            SegmentKind::Registrants.variables(),
            ["name", "programme", "event"]
        );
        for kind in SegmentKind::ALL {
            assert!(kind.variables().starts_with(&["name", "programme"]));
            for lang in [Lang::Ja, Lang::En] {
                assert!(!kind.label(lang).is_empty());
                assert!(kind.audience(lang, "X").contains('X'));
            }
        }
        // A rejected applicant is not told so by the footer.
        assert_eq!(
            SegmentKind::Rejected.audience(Lang::En, "AI"),
            SegmentKind::Applicants.audience(Lang::En, "AI")
        );
    }
}
