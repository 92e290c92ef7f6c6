//! Event pages: the list with its filters and the calendar feed, one
//! event (RSVP, cancel, check-in), the event form, and the approved
//! hosts. Every form is a plain post that works without JavaScript; a
//! refused post comes back to its page with the problem shown.

mod event;
mod form;
mod hosts;
mod list;

pub use event::EventPage;
pub use form::{EditEventPage, NewEventPage};
pub use hosts::EventHostsPage;
pub use list::EventsPage;

use crate::components::lang::locale_of;
use crate::domain::events::rules::format_tenths;
use crate::domain::events::view::EventSummary;
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;

/// The facts of an event, as the list and the event page show them.
pub fn facts(e: &EventSummary, lang: Lang) -> impl IntoView + use<> {
    let places = format!(
        "{} / {}{}",
        e.confirmed,
        e.capacity,
        if e.waitlisted > 0 {
            format!(
                " ({} {})",
                td_string!(locale_of(lang), events.waitlisted),
                e.waitlisted
            )
        } else {
            String::new()
        }
    );
    let credits = (e.credit_tenths > 0).then(|| {
        view! {
            <div><dt>{td_string!(locale_of(lang), events.credits)}</dt><dd>{format!("{} {}", format_tenths(e.credit_tenths), td_string!(locale_of(lang), events.hours))}</dd></div>
        }
    });
    let venue = (!e.venue.is_empty()).then(|| {
        view! { <div><dt>{td_string!(locale_of(lang), events.venue)}</dt><dd>{e.venue.clone()}</dd></div> }
    });
    view! {
        <dl class="facts">
            <div><dt>{td_string!(locale_of(lang), events.kind)}</dt><dd>{e.kind.label(lang)}</dd></div>
            <div><dt>{td_string!(locale_of(lang), events.audience)}</dt><dd>{e.audience.label(lang)}</dd></div>
            <div><dt>{td_string!(locale_of(lang), events.starts)}</dt><dd>{format_datetime(e.starts_at, lang)}</dd></div>
            <div><dt>{td_string!(locale_of(lang), events.ends)}</dt><dd>{format_datetime(e.ends_at, lang)}</dd></div>
            {venue}
            <div><dt>{td_string!(locale_of(lang), events.registered_places)}</dt><dd>{places}</dd></div>
            {credits}
        </dl>
    }
}
