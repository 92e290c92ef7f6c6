//! `/events`: upcoming events first, filtered by kind and audience (the
//! filter is in the URL), with the personal calendar feed.

use super::facts;
use crate::api::events::{NewCalendarFeed, get_events};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::domain::events::view::EventList;
use crate::domain::events::{Audience, EventKind};
use crate::domain::lang::Lang;
use crate::pages::rosters::tr;
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
    let title = tr(lang, "イベント", "Events");
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
    let mut out = vec![view! { <option value="">{tr(lang, "すべて", "All")}</option> }.into_any()];
    out.extend(all.iter().map(|v| {
        let k = key(*v);
        view! { <option value=k selected=chosen == k>{label(*v, lang)}</option> }.into_any()
    }));
    out
}

fn filter_form(kind: String, audience: String, lang: Lang) -> impl IntoView {
    view! {
        <form method="get" action="/events" class="filters" role="search">
            <label for="kind">{tr(lang, "種類", "Kind")}</label>
            <select id="kind" name="kind">{options(EventKind::ALL, &kind, EventKind::as_str, EventKind::label, lang)}</select>
            <label for="audience">{tr(lang, "対象", "Audience")}</label>
            <select id="audience" name="audience">{options(Audience::ALL, &audience, Audience::as_str, Audience::label, lang)}</select>
            <button type="submit" class="button secondary">{tr(lang, "絞り込む", "Filter")}</button>
        </form>
    }
}

fn list_view(l: EventList, feed: Option<String>, lang: Lang) -> impl IntoView {
    let actions = view! {
        <p class="actions">
            {l.may_create.then(|| view! { <a class="button" href="/events/new">{tr(lang, "イベントを作成", "Create an event")}</a> })}
            " "
            {l.may_approve_hosts.then(|| view! { <a href="/events/hosts">{tr(lang, "主催者の承認", "Approve hosts")}</a> })}
        </p>
    };
    let events = if l.events.is_empty() {
        view! { <p>{tr(lang, "該当するイベントはありません。", "No events match.")}</p> }.into_any()
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
                    .then(|| view! { <p class="alert">{tr(lang, "中止", "Cancelled")}</p> });
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
                    {tr(lang, "カレンダーアプリにこのアドレスを登録してください（この画面でのみ表示されます）：", "Subscribe to this address in your calendar app (it is shown only now):")}
                    " " <code>{url}</code>
                </p>
            }
        });
        view! {
            <section class="calendar-feed">
                <h2>{tr(lang, "カレンダー連携", "Calendar feed")}</h2>
                <p>{tr(lang, "参加登録したイベントを、カレンダーアプリで購読できる秘密のアドレスです。新しく発行すると以前のアドレスは使えなくなります。", "A secret address your calendar app can subscribe to, with the events you registered for. Making a new one stops the old one.")}</p>
                {shown}
                <form method="post" action=NewCalendarFeed::PATH>
                    <button type="submit" class="button secondary">{tr(lang, "購読用アドレスを発行", "Make a feed address")}</button>
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
