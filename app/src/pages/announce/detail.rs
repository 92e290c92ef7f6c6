//! `/manage/<programme>/announcements/<id>`: one announcement. A draft
//! shows how many people it reaches and a few of their mails as they will
//! read them, the send button and the form to edit it; a sent one, when
//! it went to how many, and the way to its mail in the outbox.

use super::form::{announcement_form, problem_lines, refusal};
use super::status;
use crate::api::announce::{SaveAnnouncement, SendAnnouncement, get_announcement};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::{id_param, param};
use crate::domain::announce::view::{AnnouncementView, Preview, SampleMail, list_path};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// One announcement of a programme.
#[component]
pub fn AnnouncementPage() -> impl IntoView {
    let lang = use_lang();
    let programme = param("programme");
    let id = id_param("id");
    let data = Resource::new(
        move || (programme(), id()),
        |(p, id)| get_announcement(p, id),
    );
    view! {
        <section class="page manage announcement">
            <SentNotice/>
            {refusal!(SendAnnouncement, lang)}
            {refusal!(SaveAnnouncement, lang)}
            {loaded(data, move |d| page(d, lang))}
        </section>
    }
}

/// "Sent: n mails were queued" after sending (`?sent=n`).
#[component]
fn SentNotice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        query
            .read()
            .get("sent")
            .and_then(|n| n.parse::<usize>().ok())
            .map(|n| {
                let text = td_string!(locale_of(lang), announce.sent_notice, n = n);
                view! { <p class="notice" role="status">{text}</p> }
            })
    }
}

fn page(d: AnnouncementView, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let title = format!(
        "{} – {}",
        td_string!(locale, announce.title),
        d.row.subject_ja
    );
    let draft = d.row.sent_at.is_none();
    let body = if draft {
        let problems = (!d.problems.is_empty()).then(|| {
            let lines = problem_lines(&AppError::Invalid(d.problems.clone()), lang);
            view! {
                <div class="alert" role="alert">
                    <p>{td_string!(locale, announce.cannot_send)}</p>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            }
        });
        let preview = d
            .preview
            .clone()
            .map(|p| preview(&d.programme_slug, d.row.id, p, lang));
        view! {
            {problems}
            {preview}
            <h2>{td_string!(locale, announce.edit)}</h2>
            {announcement_form(&d.programme_slug, d.form.clone(), &d.choices, lang)}
        }
        .into_any()
    } else {
        let outbox = "/manage/outbox?template=announcement";
        view! {
            <h2>{td_string!(locale, announce.texts)}</h2>
            <dl class="announcement-texts">
                <dt>{td_string!(locale, announce.subject_ja)}</dt><dd>{d.form.subject_ja.clone()}</dd>
                <dt>{td_string!(locale, announce.body_ja)}</dt><dd><pre>{d.form.body_ja.clone()}</pre></dd>
                <dt>{td_string!(locale, announce.subject_en)}</dt><dd>{d.form.subject_en.clone()}</dd>
                <dt>{td_string!(locale, announce.body_en)}</dt><dd><pre>{d.form.body_en.clone()}</pre></dd>
            </dl>
            <p><a href=outbox>{td_string!(locale, announce.outbox)}</a></p>
        }
        .into_any()
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>{td_string!(locale, announce.segment)} ": " {d.row.segment.label(lang)}</p>
        <p class="announcement-status">{status(&d.row, lang)}</p>
        {body}
        <p><a href=list_path(&d.programme_slug)>{td_string!(locale, announce.back)}</a></p>
    }
}

fn preview(programme: &str, id: i32, p: Preview, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let count = td_string!(
        locale,
        announce.count,
        n = p.count,
        ja = p.japanese,
        en = p.count - p.japanese
    );
    let samples = p.samples.iter().map(|m| sample(m, lang)).collect_view();
    view! {
        <h2>{td_string!(locale, announce.preview_title)}</h2>
        <p class="announcement-count">{count}</p>
        <p>{td_string!(locale, announce.samples)}</p>
        {samples}
        <form method="post" action=SendAnnouncement::PATH class="send-form">
            <input type="hidden" name="programme" value=programme.to_string()/>
            <input type="hidden" name="id" value=id/>
            <p>{td_string!(locale, announce.send_note)}</p>
            <button type="submit" class="button">{td_string!(locale, announce.send, n = p.count)}</button>
        </form>
    }
}

fn sample(m: &SampleMail, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    view! {
        <article class="sample-mail" lang=m.lang.as_str()>
            <p>{td_string!(locale, announce.to)} ": " {m.to.clone()}</p>
            <p><strong>{m.subject.clone()}</strong></p>
            <pre>{m.body.clone()}</pre>
        </article>
    }
}
