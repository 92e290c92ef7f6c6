//! Roster pages: the organiser's roster of a track and the staffing
//! dashboard, the open tutor calls people volunteer for, the lecturer
//! invitation link, and one's own availability. Every form is a plain post
//! that works without JavaScript; a refused post comes back to its page
//! with the problem shown.

mod availability;
mod calls;
mod invitation;
mod roster;
mod staffing;

pub use availability::AvailabilityFormPage;
pub use calls::TutorCallsPage;
pub use invitation::LecturerInvitationPage;
pub use roster::ManageRosterPage;
pub use staffing::ManageStaffingPage;

use crate::components::lang::locale_of;
use crate::domain::lang::Lang;
use crate::i18n::td_string;

/// The breadcrumbs down to the programme's manage page, for pages below it.
pub fn programme_crumbs(
    programme: &crate::domain::catalogue::ProgrammeRef,
    lang: Lang,
) -> Vec<crate::components::breadcrumbs::Crumb> {
    use crate::components::breadcrumbs::Crumb;
    vec![
        Crumb {
            label: td_string!(locale_of(lang), rosters.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: programme.name.get(lang).to_string(),
            href: Some(format!("/manage/{}", programme.slug)),
        },
    ]
}

/// "assigned / target" of a headcount.
pub fn of_target(h: crate::domain::rosters::gap::Headcount) -> String {
    format!("{} / {}", h.assigned, h.target)
}
