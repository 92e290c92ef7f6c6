//! `/manage/outbox`: the mail Camp Connect sends, for organisers (their
//! programmes) and administrators (all), with hold and release.

use crate::api::outbox::{HoldMessage, ReleaseMessage, get_outbox};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::mail::{OutboxPage, OutboxRow, OutboxStatus};
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The outbox, newest first, paged with `?page=` in the URL.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u64>().ok())
            .map_or(0, crate::domain::forms::bounded_page)
    };
    let data = Resource::new(page, get_outbox);
    view! {
        <Title text=td_string!(locale, common.outbox)/>
        <section class="page outbox">
            <h1>{td_string!(locale, common.outbox)}</h1>
            <p class="lead">{td_string!(locale, outbox.outbox_lead)}</p>
            <SavedNotice/>
            {loaded(data, move |d| outbox_table(d, page(), lang))}
        </section>
    }
}

fn status_label(status: OutboxStatus, lang: Lang) -> &'static str {
    let locale = locale_of(lang);
    match status {
        OutboxStatus::Pending => td_string!(locale, outbox.outbox_pending),
        OutboxStatus::Held => td_string!(locale, outbox.outbox_held),
        OutboxStatus::Sending => td_string!(locale, outbox.outbox_sending),
        OutboxStatus::Sent => td_string!(locale, outbox.outbox_sent),
        OutboxStatus::Failed => td_string!(locale, outbox.outbox_failed),
    }
}

fn outbox_table(d: OutboxPage, page: u64, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let off = (!d.sending_enabled)
        .then(|| view! { <p class="notice">{td_string!(locale, outbox.outbox_off)}</p> });
    if d.rows.is_empty() {
        return view! { {off} <p>{td_string!(locale, outbox.outbox_empty)}</p> }.into_any();
    }
    let link = move |to: u64| format!("/manage/outbox?page={to}");
    let prev =
        (page > 0).then(|| view! { <a href=link(page - 1)>{td_string!(locale, common.newer)}</a> });
    let next = d
        .has_more
        .then(|| view! { <a href=link(page + 1)>{td_string!(locale, common.older)}</a> });
    let rows = d.rows.into_iter().map(|r| row(r, lang)).collect_view();
    view! {
        {off}
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{td_string!(locale, common.outbox)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, outbox.outbox_created)}</th>
                        <th scope="col">{td_string!(locale, outbox.outbox_recipient)}</th>
                        <th scope="col">{td_string!(locale, outbox.outbox_subject)}</th>
                        <th scope="col">{td_string!(locale, common.programme)}</th>
                        <th scope="col">{td_string!(locale, outbox.outbox_status)}</th>
                        <th scope="col">{td_string!(locale, outbox.outbox_attempts)}</th>
                        <th scope="col">{td_string!(locale, outbox.outbox_last_error)}</th>
                        <th scope="col"><span class="visually-hidden">{td_string!(locale, outbox.outbox_actions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label=td_string!(locale, common.pages)>{prev} " " {next}</nav>
    }
    .into_any()
}

/// When the status's moment is: the next try while waiting, the sending
/// time once sent.
fn status_time(r: &OutboxRow, lang: Lang) -> Option<String> {
    let locale = locale_of(lang);
    match r.status {
        OutboxStatus::Pending => Some(format!(
            "{} {}",
            td_string!(locale, outbox.outbox_next_attempt),
            format_datetime(r.next_attempt_at, lang)
        )),
        OutboxStatus::Sent => r.sent_at.map(|t| format_datetime(t, lang)),
        _ => None,
    }
}

fn row(r: OutboxRow, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let recipient = match r.recipient_name.trim() {
        "" => r.recipient_email.clone(),
        n => format!("{n} <{}>", r.recipient_email),
    };
    let when = status_time(&r, lang).map(|t| view! { <br/><small>{t}</small> });
    // Plain form posts: they work without JavaScript, and the server
    // function answers a browser form with a redirect back to this page.
    let button = |url: &'static str, text: &'static str| {
        let label = format!("{text}: {}", r.subject);
        view! {
            <form method="post" action=url>
                <input type="hidden" name="message" value=r.id/>
                <button type="submit" class="link-button" aria-label=label>{text}</button>
            </form>
        }
    };
    let action = if r.status.can_hold() {
        Some(button(
            <HoldMessage as server_fn::ServerFn>::PATH,
            td_string!(locale, outbox.outbox_hold),
        ))
    } else if r.status.can_release() {
        Some(button(
            <ReleaseMessage as server_fn::ServerFn>::PATH,
            td_string!(locale, outbox.outbox_release),
        ))
    } else {
        None
    };
    view! {
        <tr data-status=r.status.as_str()>
            <td>{format_datetime(r.created_at, lang)}</td>
            <td>{recipient}<br/><small lang=r.language.as_str()>{r.language.as_str()}</small></td>
            <td lang=r.language.as_str()>{r.subject.clone()}<br/><small><code>{r.template}</code></small></td>
            <td>{r.programme.unwrap_or_default()}</td>
            <td>{status_label(r.status, lang)}{when}</td>
            <td>{r.attempts}</td>
            <td>{r.last_error.unwrap_or_default()}</td>
            <td>{action}</td>
        </tr>
    }
}
