//! Community events: kinds, audiences and RSVP states, the rules of
//! places and the waitlist, who sees and joins what, the wire types of
//! the pages and the event mails.

pub mod form;
#[cfg(test)]
mod fuzz;
pub mod mail;
pub mod rules;
pub mod view;

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// The longest title, venue and supervisor name accepted (characters).
pub const MAX_TITLE: usize = 200;
/// The longest description accepted (characters).
pub const MAX_DESCRIPTION: usize = 5000;
/// The longest link accepted (characters).
pub const MAX_LINK: usize = 500;

macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $v:ident = $s:literal / $ja:literal / $en:literal),+ $(,)? }) => {
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

            /// The name shown to people.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$v, Lang::Ja) => $ja, ($name::$v, Lang::En) => $en),+
                }
            }
        }
    };
}
pub(crate) use stored_enum;

stored_enum! {
    /// What kind of event it is.
    EventKind {
        /// An informal meetup.
        Meetup = "meetup" / "交流会" / "Meetup",
        /// A study session.
        StudySession = "study_session" / "勉強会" / "Study session",
        /// A symposium.
        Symposium = "symposium" / "シンポジウム" / "Symposium",
        /// An online event.
        Online = "online" / "オンライン" / "Online",
    }
}

stored_enum! {
    /// Who may see and join an event.
    Audience {
        /// Alumni (and staff) only.
        Alumni = "alumni" / "修了生限定" / "Alumni only",
        /// Anyone signed in.
        Public = "public" / "一般公開" / "Public",
    }
}

stored_enum! {
    /// Where one person stands with one event.
    RsvpStatus {
        /// Has a place.
        Confirmed = "confirmed" / "参加登録済み" / "Registered",
        /// Waits for a place.
        Waitlisted = "waitlisted" / "キャンセル待ち" / "Waitlisted",
        /// Cancelled their RSVP.
        Cancelled = "cancelled" / "キャンセル済み" / "Cancelled",
    }
}
