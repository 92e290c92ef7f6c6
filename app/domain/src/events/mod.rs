//! Community events: kinds, audiences and RSVP states, the rules of
//! places and the waitlist, who sees and joins what, the wire types of
//! the pages and the event mails.

pub mod export;
pub mod form;
#[cfg(test)]
mod fuzz;
pub mod mail;
pub mod rules;
pub mod view;

use crate::enums::stored_enum;
use crate::text::labels;

/// The longest title, venue and supervisor name accepted (characters).
pub const MAX_TITLE: usize = 200;
/// The longest description accepted (characters).
pub const MAX_DESCRIPTION: usize = 5000;
/// The longest link accepted (characters).
pub const MAX_LINK: usize = 500;

stored_enum! {
    /// What kind of event it is.
    pub enum EventKind: varchar(16) {
        /// An informal meetup.
        Meetup = "meetup" / labels::event_kind::meetup,
        /// A study session.
        StudySession = "study_session" / labels::event_kind::study_session,
        /// A symposium.
        Symposium = "symposium" / labels::event_kind::symposium,
        /// An online event.
        Online = "online" / labels::event_kind::online,
    }
}

stored_enum! {
    /// Who may see and join an event.
    pub enum Audience: varchar(16) {
        /// Alumni (and staff) only.
        Alumni = "alumni" / labels::audience::alumni,
        /// Anyone signed in.
        Public = "public" / labels::audience::public,
    }
}

stored_enum! {
    /// Where one person stands with one event.
    pub enum RsvpStatus: varchar(16) {
        /// Has a place.
        Confirmed = "confirmed" / labels::rsvp_status::confirmed,
        /// Waits for a place.
        Waitlisted = "waitlisted" / labels::rsvp_status::waitlisted,
        /// Cancelled their RSVP.
        Cancelled = "cancelled" / labels::rsvp_status::cancelled,
    }
}

stored_enum! {
    /// Whether an event takes place. A cancelled event stays listed, marked
    /// so, and takes no new RSVPs.
    pub enum EventStatus: varchar(16) {
        /// Listed and open.
        Published = "published",
        /// Called off by its host or staff.
        Cancelled = "cancelled",
    }
}
