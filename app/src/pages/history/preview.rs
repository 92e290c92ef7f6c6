//! `/manage/history/<batch>`: what importing an uploaded file does, row by
//! row with the reasons in the reader's language, and the button that
//! imports it (optionally inviting each person it makes by mail).

use crate::api::history::{ApplyHistory, get_history_preview};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::id_param;
use crate::components::saved_notice::SavedNotice;
use crate::domain::history::view::{Outcome, Preview, Report, RowResult};
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The preview of one uploaded file.
#[component]
pub fn HistoryPreviewPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(id_param("batch"), get_history_preview);
    view! {
        <section class="page manage history-preview">
            <SavedNotice/>
            {refusal!(ApplyHistory, lang)}
            {loaded(data, move |d| page(d, lang))}
            <p><a href="/manage/history">{td_string!(locale_of(lang), history.back)}</a></p>
        </section>
    }
}

fn page(d: Preview, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let title = format!(
        "{} – {}",
        td_string!(locale, history.title),
        d.upload.file_name
    );
    let uploaded = format!(
        "{}: {}",
        td_string!(locale, history.uploaded),
        format_datetime(d.upload.uploaded_at, lang)
    );
    let body = match d.plan {
        None => view! {
            <p class="notice">{td_string!(locale, history.applied)}</p>
            <p><code>{d.summary}</code></p>
        }
        .into_any(),
        Some(Err(p)) => view! { <p class="alert" role="alert">{p.message(lang)}</p> }.into_any(),
        Some(Ok(report)) => plan(d.upload.id, report, lang).into_any(),
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>{uploaded}</p>
        {body}
    }
}

fn plan(batch: i32, report: Report, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let counts = Outcome::ALL
        .into_iter()
        .map(|o| view! { <li data-outcome=o.as_str()>{o.label(lang)} ": " {report.count(o)}</li> })
        .collect_view();
    let people = td_string!(locale, history.people_created, n = report.people_created);
    let certificates = td_string!(locale, history.certificates, n = report.certificates);
    let rows = report.rows.iter().map(|r| row(r, lang)).collect_view();
    view! {
        <p class="lead">{td_string!(locale, history.preview_lead)}</p>
        <ul class="counts">{counts}<li>{people}</li><li>{certificates}</li></ul>
        <form method="post" action=ApplyHistory::PATH class="apply-form">
            <input type="hidden" name="batch" value=batch/>
            <input id="history-invite" type="checkbox" name="invite" value="on"/>
            <label for="history-invite">{td_string!(locale, history.invite)}</label>
            <button type="submit" class="button">{td_string!(locale, history.apply)}</button>
        </form>
        <div class="table-wrap" tabindex="0">
            <table class="history-rows">
                <caption class="visually-hidden">{td_string!(locale, history.preview_lead)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, history.line)}</th>
                        <th scope="col">{td_string!(locale, history.outcome)}</th>
                        <th scope="col">{td_string!(locale, history.name)}</th>
                        <th scope="col">{td_string!(locale, history.email)}</th>
                        <th scope="col">{td_string!(locale, history.place)}</th>
                        <th scope="col">{td_string!(locale, history.role)}</th>
                        <th scope="col">{td_string!(locale, history.reasons)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn row(r: &RowResult, lang: Lang) -> impl IntoView + use<> {
    view! {
        <tr data-outcome=r.outcome.as_str()>
            <td>{r.line}</td>
            <td>{r.outcome.label(lang)}</td>
            <td>{r.name.clone()}</td>
            <td>{r.email.clone()}</td>
            <td>{r.place.clone()}</td>
            <td>{r.role.map(|role| role.label(lang))}</td>
            <td>{r.reasons(lang)}</td>
        </tr>
    }
}
