//! Community events: kinds, audiences and RSVP states, the rules of
//! places and the waitlist, who sees and joins what, the wire types of
//! the pages and the event mails.

pub mod form;
#[cfg(test)]
mod fuzz;
pub mod mail;
pub mod rules;
pub mod view;

use crate::text::labels;
use serde::{Deserialize, Serialize};

/// The longest title, venue and supervisor name accepted (characters).
pub const MAX_TITLE: usize = 200;
/// The longest description accepted (characters).
pub const MAX_DESCRIPTION: usize = 5000;
/// The longest link accepted (characters).
pub const MAX_LINK: usize = 500;

/// An enum stored by name, each value written `Variant = "stored" /
/// labels::group::key`: its spelling in the database and forms, and the
/// accessor of its label in `labels.json`.
macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $v:ident = $s:literal / $label:path),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vdoc])* $v),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The spelling stored in the database and used in forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }

            /// Parses the stored spelling.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The name shown to people (`labels.json`).
            pub fn label(self, lang: $crate::lang::Lang) -> &'static str {
                match self { $($name::$v => $label(lang)),+ }
            }
        }
    };
}
pub(crate) use stored_enum;

stored_enum! {
    /// What kind of event it is.
    EventKind {
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
    Audience {
        /// Alumni (and staff) only.
        Alumni = "alumni" / labels::audience::alumni,
        /// Anyone signed in.
        Public = "public" / labels::audience::public,
    }
}

stored_enum! {
    /// Where one person stands with one event.
    RsvpStatus {
        /// Has a place.
        Confirmed = "confirmed" / labels::rsvp_status::confirmed,
        /// Waits for a place.
        Waitlisted = "waitlisted" / labels::rsvp_status::waitlisted,
        /// Cancelled their RSVP.
        Cancelled = "cancelled" / labels::rsvp_status::cancelled,
    }
}
