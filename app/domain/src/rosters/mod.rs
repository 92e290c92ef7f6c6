//! Rosters: who lectures and tutors a track and where lecturers come from,
//! staffing targets against what is assigned, and the calls for tutors
//! alumni volunteer for. Pure rules and the pages' wire types.

pub mod export;
pub mod gap;
pub mod mail;
pub mod rules;
pub mod view;

use crate::enums::stored_enum;
use crate::text::labels;

stored_enum! {
    /// Where a lecturer comes from.
    pub enum LecturerSource: varchar(16) {
        /// A university or research institute.
        Academia = "academia" / labels::lecturer_source::academia,
        /// A company.
        Industry = "industry" / labels::lecturer_source::industry,
        /// A government agency.
        Government = "government" / labels::lecturer_source::government,
        /// A past participant of the programme.
        Alumni = "alumni" / labels::lecturer_source::alumni,
    }
}

stored_enum! {
    /// Where a volunteer for a tutor call stands.
    pub enum VolunteerStatus: varchar(16) {
        /// Waiting for an organiser.
        Pending = "pending" / labels::volunteer_status::pending,
        /// Approved: on the track's tutor roster.
        Approved = "approved" / labels::volunteer_status::approved,
        /// Declined by an organiser.
        Declined = "declined" / labels::volunteer_status::declined,
    }
}

stored_enum! {
    /// A lecturer's answer to a roster invitation.
    pub enum InvitationOutcome: varchar(16) {
        /// Took it: a lecturer of the track.
        Accepted = "accepted",
        /// Turned it down.
        Declined = "declined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn sources_and_statuses_round_trip_with_two_labels() {
        for s in LecturerSource::ALL {
            assert_eq!(LecturerSource::parse(s.as_str()), Some(s));
            assert_ne!(s.label(Lang::Ja), s.label(Lang::En));
        }
        for s in VolunteerStatus::ALL {
            assert_eq!(VolunteerStatus::parse(s.as_str()), Some(s));
            assert_ne!(s.label(Lang::Ja), s.label(Lang::En));
        }
        assert_eq!(LecturerSource::parse("military"), None);
        assert_eq!(VolunteerStatus::parse("maybe"), None);
    }
}
