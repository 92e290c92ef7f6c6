//! The outbox's table of messages, each with what staff may do to it, and
//! the pager.

use super::{filter_fields, status_label};
use crate::api::outbox::{HoldMessage, ReleaseMessage, RetryMessage};
use crate::components::lang::locale_of;
use crate::domain::lang::Lang;
use crate::domain::mail::{OutboxFilter, OutboxPage, OutboxRow, OutboxStatus};
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use server_fn::ServerFn;

/// The messages of page `page`, or a line saying there are none.
pub(super) fn messages(d: OutboxPage, page: u64, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    if d.rows.is_empty() {
        return view! { <p>{td_string!(locale, outbox.outbox_empty)}</p> }.into_any();
    }
    let filter = d.filter;
    let link = {
        let filter = filter.clone();
        move |to: u64| filter.url(&[("page", to.to_string())])
    };
    let prev = (page > 0).then(|| {
        view! { <a href=link(page - 1)>{td_string!(locale, common.newer)}</a> }
    });
    let next = d
        .has_more
        .then(|| view! { <a href=link(page + 1)>{td_string!(locale, common.older)}</a> });
    let rows = d
        .rows
        .into_iter()
        .map(|r| row(r, &filter, lang))
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
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

/// What staff may do to a message in its status: hold a pending one,
/// release a held one, send a failed one again. A plain form post: it
/// works without JavaScript, and the server function answers a browser
/// form with a redirect back to the page, its filter kept.
fn action(r: &OutboxRow, filter: &OutboxFilter, lang: Lang) -> Option<impl IntoView + use<>> {
    let locale = locale_of(lang);
    let (url, text) = if r.status.can_hold() {
        (HoldMessage::PATH, td_string!(locale, outbox.outbox_hold))
    } else if r.status.can_release() {
        (
            ReleaseMessage::PATH,
            td_string!(locale, outbox.outbox_release),
        )
    } else if r.status.can_retry() {
        (RetryMessage::PATH, td_string!(locale, outbox.outbox_retry))
    } else {
        return None;
    };
    let label = format!("{text}: {}", r.subject);
    Some(view! {
        <form method="post" action=url>
            <input type="hidden" name="message" value=r.id/>
            {filter_fields(filter)}
            <button type="submit" class="link-button" aria-label=label>{text}</button>
        </form>
    })
}

fn row(r: OutboxRow, filter: &OutboxFilter, lang: Lang) -> impl IntoView {
    let recipient = match r.recipient_name.trim() {
        "" => r.recipient_email.clone(),
        n => format!("{n} <{}>", r.recipient_email),
    };
    let when = status_time(&r, lang).map(|t| view! { <br/><small>{t}</small> });
    let action = action(&r, filter, lang);
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
