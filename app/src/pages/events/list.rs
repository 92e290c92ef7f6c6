//! `/events`: upcoming events first, filtered by kind and audience (the
//! filter is in the URL), with the personal calendar feed.

use super::facts;
use crate::api::events::{NewCalendarFeed, get_events};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::events::view::EventList;
use crate::domain::events::{Audience, EventKind};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The list of events.
#[component]
pub fn EventsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        (q.get("kind"), q.get("audience"))
    };
    let data = Resource::new(filter, |(k, a)| get_events(k, a));
    let feed = query.read_untracked().get("feed");
    let (kind, audience) = {
        let q = query.read_untracked();
        (q.get("kind"), q.get("audience"))
    };
    let title = td_string!(locale_of(lang), common.nav_events);
    view! {
        <Title text=title/>
        <section class="page events">
            <h1>{title}</h1>
            {filter_form(kind.unwrap_or_default(), audience.unwrap_or_default(), lang)}
            {loaded(data, move |l| list_view(l, feed.clone(), lang))}
        </section>
    }
}

fn options<T: Copy + 'static>(
    all: &'static [T],
    chosen: &str,
    key: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
    lang: Lang,
) -> impl IntoView + use<T> {
    let chosen = chosen.to_string();
    let mut out = vec![
        view! { <option value="">{td_string!(locale_of(lang), events.all)}</option> }.into_any(),
    ];
    out.extend(all.iter().map(|v| {
        let k = key(*v);
        view! { <option value=k selected=chosen == k>{label(*v, lang)}</option> }.into_any()
    }));
    out
}

fn filter_form(kind: String, audience: String, lang: Lang) -> impl IntoView {
    view! {
        <form method="get" action="/events" class="filters" role="search">
            <label for="kind">{td_string!(locale_of(lang), events.kind)}</label>
            <select id="kind" name="kind">{options(&EventKind::ALL, &kind, EventKind::as_str, EventKind::label, lang)}</select>
            <label for="audience">{td_string!(locale_of(lang), events.audience)}</label>
            <select id="audience" name="audience">{options(&Audience::ALL, &audience, Audience::as_str, Audience::label, lang)}</select>
            <button type="submit" class="button secondary">{td_string!(locale_of(lang), events.filter)}</button>
        </form>
    }
}

fn list_view(l: EventList, feed: Option<String>, lang: Lang) -> impl IntoView {
    let actions = view! {
        <p class="actions">
            {l.may_create.then(|| view! { <a class="button" href="/events/new">{td_string!(locale_of(lang), events.create_an_event)}</a> })}
            " "
            {l.may_approve_hosts.then(|| view! { <a href="/events/hosts">{td_string!(locale_of(lang), events.approve_hosts)}</a> })}
        </p>
    };
    let events = if l.events.is_empty() {
        view! { <p>{td_string!(locale_of(lang), events.no_events_match)}</p> }.into_any()
    } else {
        l.events
            .into_iter()
            .map(|e| {
                let href = format!("/events/{}", e.id);
                let mine = e
                    .mine
                    .map(|s| view! { <p class="status">{s.label(lang)}</p> });
                let cancelled = e
                    .cancelled
                    .then(|| view! { <p class="alert">{td_string!(locale_of(lang), events.cancelled)}</p> });
                view! {
                    <article class="event" data-event=e.id>
                        <h2><a href=href>{e.title.get(lang).to_string()}</a></h2>
                        {cancelled}
                        {facts(&e, lang)}
                        {mine}
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    let feed_section = l.signed_in.then(|| {
        let shown = feed.map(|token| {
            let url = format!("{}/calendar/{token}.ics", l.site);
            view! {
                <p class="notice" role="status">
                    {td_string!(locale_of(lang), events.feed_subscribe_note)}
                    " " <code>{url}</code>
                </p>
            }
        });
        view! {
            <section class="calendar-feed">
                <h2>{td_string!(locale_of(lang), events.calendar_feed)}</h2>
                <p>{td_string!(locale_of(lang), events.a_secret_address_your_calendar)}</p>
                {shown}
                <form method="post" action=NewCalendarFeed::PATH>
                    <button type="submit" class="button secondary">{td_string!(locale_of(lang), events.make_a_feed_address)}</button>
                </form>
            </section>
        }
    });
    view! {
        {actions}
        {events}
        {feed_section}
    }
}
