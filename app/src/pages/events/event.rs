//! `/events/<id>`: one event. Signed-in people RSVP or cancel; the online
//! link is shown only once registered; those who run the event edit it
//! and check people in.

use super::facts;
use crate::api::events::{CancelRsvp, CheckIn, Rsvp, get_event};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::components::table::table;
use crate::domain::events::RsvpStatus;
use crate::domain::events::view::{AttendeeRow, EventPage as Page};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// One event's page.
#[component]
pub fn EventPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(id, get_event);
    let answered = use_query_map().read_untracked().get("rsvp");
    view! {
        <section class="page event">
            <p><a href="/events">{td_string!(locale_of(lang), events.all_events)}</a></p>
            <SavedNotice/>
            {answered.map(|a| answered_notice(&a, lang))}
            {refusal!(Rsvp, lang)}
            {refusal!(CancelRsvp, lang)}
            {refusal!(CheckIn, lang)}
            {loaded(data, move |p| page_view(p, lang))}
        </section>
    }
}

fn answered_notice(a: &str, lang: Lang) -> impl IntoView + use<> {
    let text = match RsvpStatus::parse(a) {
        Some(RsvpStatus::Confirmed) => td_string!(locale_of(lang), events.you_are_registered),
        Some(RsvpStatus::Waitlisted) => td_string!(locale_of(lang), events.waitlisted_notice),
        _ => td_string!(locale_of(lang), events.your_rsvp_is_cancelled),
    };
    view! { <p class="notice" role="status">{text}</p> }
}

fn page_view(p: Page, lang: Lang) -> impl IntoView {
    let s = &p.summary;
    let title = s.title.get(lang).to_string();
    let id = s.id;
    let cancelled = s.cancelled.then(|| view! { <p class="alert" role="alert">{td_string!(locale_of(lang), events.this_event_was_cancelled)}</p> });
    let link = p.online_link.clone().map(|l| {
        view! {
            <p>{td_string!(locale_of(lang), events.online_link)} <a href=l.clone() rel="noopener noreferrer">{l.clone()}</a></p>
        }
    });
    let host = (!p.host.get(lang).is_empty()).then(|| {
        view! { <p>{td_string!(locale_of(lang), events.host)} {p.host.get(lang).to_string()}</p> }
    });
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {cancelled}
        {facts(s, lang)}
        {host}
        <div class="description">{p.description.get(lang).to_string()}</div>
        {link}
        {answer_view(&p, lang)}
        <p>
            <a href=format!("/events/{id}.ics") download>{td_string!(locale_of(lang), events.add_to_calendar_ics)}</a>
            {p.may_manage.then(|| view! { " · " <a href=format!("/events/{id}/edit")>{td_string!(locale_of(lang), events.edit)}</a> })}
        </p>
        {p.may_manage.then(|| attendees_view(id, p.attendees.clone(), lang))}
    }
}

fn answer_view(p: &Page, lang: Lang) -> impl IntoView + use<> {
    let id = p.summary.id;
    if !p.signed_in {
        let href = format!("/sign-in?next=/events/{id}");
        return view! {
            <p><a href=href>{td_string!(locale_of(lang), events.sign_in_to_rsvp)}</a></p>
        }
        .into_any();
    }
    let cancel = view! {
        <form method="post" action=CancelRsvp::PATH class="inline-form">
            <input type="hidden" name="id" value=id/>
            <button type="submit" class="button secondary">{td_string!(locale_of(lang), events.cancel_my_rsvp)}</button>
        </form>
    };
    match (p.summary.mine, p.blocked) {
        (Some(RsvpStatus::Confirmed), _) => view! {
            <p class="status" role="status">{RsvpStatus::Confirmed.label(lang)}</p>
            {cancel}
        }
        .into_any(),
        (Some(RsvpStatus::Waitlisted), _) => {
            let pos = p.position.unwrap_or(0);
            view! {
                <p class="status" role="status">{format!("{}（{} {pos}）", RsvpStatus::Waitlisted.label(lang), td_string!(locale_of(lang), events.position))}</p>
                {cancel}
            }
            .into_any()
        }
        (_, Some(problem)) => view! { <p class="why-not">{problem.message(lang)}</p> }.into_any(),
        (_, None) => {
            let full = p.summary.confirmed >= p.summary.capacity;
            let label = if full {
                td_string!(locale_of(lang), events.join_the_waitlist)
            } else {
                td_string!(locale_of(lang), events.rsvp)
            };
            view! {
                <form method="post" action=Rsvp::PATH class="inline-form">
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button">{label}</button>
                </form>
            }
            .into_any()
        }
    }
}

fn attendees_view(event: i32, rows: Vec<AttendeeRow>, lang: Lang) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|r| {
            let status = match r.position {
                Some(n) => format!("{} {n}", r.status.label(lang)),
                None => r.status.label(lang).to_string(),
            };
            let check = (r.status == RsvpStatus::Confirmed).then(|| {
                let label = if r.checked_in {
                    td_string!(locale_of(lang), events.undo_check_in)
                } else {
                    td_string!(locale_of(lang), events.check_in)
                };
                view! {
                    <form method="post" action=CheckIn::PATH class="inline-form">
                        <input type="hidden" name="event" value=event/>
                        <input type="hidden" name="rsvp" value=r.rsvp_id/>
                        {(!r.checked_in).then(|| view! { <input type="hidden" name="present" value="on"/> })}
                        <button type="submit" class="button secondary">{label}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{r.name.get(lang).to_string()}</td>
                    <td>{status}</td>
                    <td>{if r.checked_in { td_string!(locale_of(lang), events.present) } else { "" }}</td>
                    <td>{check}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{td_string!(locale_of(lang), events.people)}</h2>
        <p><a href=format!("/events/{event}/attendees.csv") download="">{td_string!(locale_of(lang), events.download_attendees_csv)}</a></p>
        {table(
            "attendees",
            vec![td_string!(locale_of(lang), events.name), td_string!(locale_of(lang), events.status), td_string!(locale_of(lang), events.attended), td_string!(locale_of(lang), events.action)],
            body,
        )}
    }
}
