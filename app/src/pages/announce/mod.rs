//! `/manage/<programme>/announcements`: a programme's announcements (the
//! history) and the form of a new one; `<id>` is one announcement with its
//! preview and the send button ([`detail`]). Plain forms: the pages work
//! without JavaScript.

pub mod detail;
mod form;

pub use detail::AnnouncementPage;

use crate::api::announce::{SaveAnnouncement, get_announcements};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::domain::announce::view::{
    AnnouncementRow, AnnouncementsPage as Data, announcement_path,
};
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The announcements of a programme, and a new one's form.
#[component]
pub fn AnnouncementsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(param("programme"), get_announcements);
    view! {
        <section class="page manage announcements">
            {form::refusal!(SaveAnnouncement, lang)}
            {loaded(data, move |d| page(d, lang))}
        </section>
    }
}

fn page(d: Data, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let title = format!(
        "{} – {}",
        td_string!(locale, announce.title),
        d.programme.get(lang)
    );
    let rows = if d.rows.is_empty() {
        view! { <p>{td_string!(locale, announce.none)}</p> }.into_any()
    } else {
        let rows = d
            .rows
            .iter()
            .map(|r| row(&d.programme_slug, r, lang))
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="announcement-list">
                    <caption class="visually-hidden">{td_string!(locale, announce.history)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, announce.created)}</th>
                            <th scope="col">{td_string!(locale, announce.segment)}</th>
                            <th scope="col">{td_string!(locale, announce.subject_ja)}</th>
                            <th scope="col">{td_string!(locale, announce.author)}</th>
                            <th scope="col">{td_string!(locale, announce.status)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="lead">{td_string!(locale, announce.lead)}</p>
        <h2>{td_string!(locale, announce.new_announcement)}</h2>
        {form::announcement_form(&d.programme_slug, d.form, &d.choices, lang)}
        <h2>{td_string!(locale, announce.history)}</h2>
        {rows}
        <p><a href=format!("/manage/{}", d.programme_slug)>{d.programme.get(lang).to_string()}</a></p>
    }
}

/// "Sent … to n people", or "Draft".
pub(crate) fn status(r: &AnnouncementRow, lang: Lang) -> String {
    let locale = locale_of(lang);
    match r.sent_at {
        Some(at) => td_string!(
            locale,
            announce.sent_on,
            when = format_datetime(at, lang),
            n = r.recipient_count.unwrap_or(0)
        )
        .to_string(),
        None => td_string!(locale, announce.draft).to_string(),
    }
}

fn row(programme: &str, r: &AnnouncementRow, lang: Lang) -> impl IntoView + use<> {
    view! {
        <tr data-sent=r.sent_at.is_some().then_some("true")>
            <td>{format_datetime(r.created_at, lang)}</td>
            <td>{r.segment.label(lang)}</td>
            <td><a href=announcement_path(programme, r.id)>{r.subject_ja.clone()}</a></td>
            <td>{r.author.get(lang).to_string()}</td>
            <td>{status(r, lang)}</td>
        </tr>
    }
}
