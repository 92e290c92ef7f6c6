//! `/manage/outbox`: the mail Camp Connect sends, for organisers (their
//! programmes) and administrators (all): counts per status at the top, a
//! filter by status and template in the URL, and hold, release and sending
//! failed mail again.

mod table;

use crate::api::outbox::{
    HoldMessage, ReleaseMessage, RetryFailedMessages, RetryMessage, get_outbox,
};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::mail::{OUTBOX_PATH, OutboxFilter, OutboxPage, OutboxStatus};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The outbox, newest first, paged and filtered by the URL's query
/// (`?status=…&template=…&page=…`).
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
    let status = move || query.read().get("status");
    let template = move || query.read().get("template");
    let data = Resource::new(
        move || (page(), status(), template()),
        |(page, status, template)| get_outbox(page, status, template),
    );
    let retried = move || {
        let n = query.read().get("retried")?.parse::<u64>().ok()?;
        Some(
            view! { <p class="notice" role="status">{td_string!(locale, outbox.outbox_retried, n)}</p> },
        )
    };
    view! {
        <Title text=td_string!(locale, common.outbox)/>
        <section class="page outbox">
            <h1>{td_string!(locale, common.outbox)}</h1>
            <p class="lead">{td_string!(locale, outbox.outbox_lead)}</p>
            <SavedNotice/>
            {retried}
            {refusal!(HoldMessage, lang)}
            {refusal!(ReleaseMessage, lang)}
            {refusal!(RetryMessage, lang)}
            {refusal!(RetryFailedMessages, lang)}
            {loaded(data, move |d| outbox_view(d, page(), lang))}
        </section>
    }
}

/// A status's name on the page.
pub(super) fn status_label(status: OutboxStatus, lang: Lang) -> &'static str {
    let locale = locale_of(lang);
    match status {
        OutboxStatus::Pending => td_string!(locale, outbox.outbox_pending),
        OutboxStatus::Held => td_string!(locale, outbox.outbox_held),
        OutboxStatus::Sending => td_string!(locale, outbox.outbox_sending),
        OutboxStatus::Sent => td_string!(locale, outbox.outbox_sent),
        OutboxStatus::Failed => td_string!(locale, outbox.outbox_failed),
        OutboxStatus::Skipped => td_string!(locale, outbox.outbox_skipped),
    }
}

fn outbox_view(d: OutboxPage, page: u64, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let off = (!d.sending_enabled)
        .then(|| view! { <p class="notice">{td_string!(locale, outbox.outbox_off)}</p> });
    view! {
        {off}
        {counts(&d, lang)}
        {filter_form(&d, lang)}
        {retry_all(&d, lang)}
        {table::messages(d, page, lang)}
    }
}

/// Every status with its count (of the chosen template), each a link to
/// the messages in it, and one to all of them.
fn counts(d: &OutboxPage, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let link = |status: Option<OutboxStatus>, label: &'static str, n: u64| {
        let filter = OutboxFilter {
            status,
            template: d.filter.template.clone(),
        };
        let current = (d.filter.status == status).then_some("true");
        view! {
            <li data-status=status.map(OutboxStatus::as_str)>
                <a href=filter.url(&[]) aria-current=current>{label} " " <strong>{n}</strong></a>
            </li>
        }
    };
    let total = d.counts.iter().map(|c| c.count).sum();
    let mut items = vec![link(None, td_string!(locale, outbox.outbox_all), total)];
    items.extend(
        d.counts
            .iter()
            .map(|c| link(Some(c.status), status_label(c.status, lang), c.count)),
    );
    view! {
        <nav aria-label=td_string!(locale, outbox.outbox_counts)>
            <ul class="chips outbox-counts">{items}</ul>
        </nav>
    }
}

/// The filter: a plain GET form, so it works without JavaScript and the
/// filtered page has an address of its own.
fn filter_form(d: &OutboxPage, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let all = td_string!(locale, outbox.outbox_all);
    let status = d.filter.status;
    let statuses = OutboxStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=status == Some(s)>{status_label(s, lang)}</option> })
        .collect_view();
    let chosen = d.filter.template.clone();
    let mut names = d.templates.clone();
    // A template with no message in reach stays choosable while chosen.
    if let Some(t) = &chosen
        && !names.contains(t)
    {
        names.push(t.clone());
    }
    let templates = names
        .into_iter()
        .map(|t| {
            let selected = chosen.as_deref() == Some(t.as_str());
            let value = t.clone();
            view! { <option value=value selected=selected>{t}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=OUTBOX_PATH class="search-form" role="search">
            <label for="outbox-status">{td_string!(locale, outbox.outbox_status)}</label>
            <select id="outbox-status" name="status">
                <option value="">{all}</option>
                {statuses}
            </select>
            <label for="outbox-template">{td_string!(locale, outbox.outbox_template)}</label>
            <select id="outbox-template" name="template">
                <option value="">{all}</option>
                {templates}
            </select>
            <button type="submit" class="button secondary">{td_string!(locale, outbox.outbox_filter)}</button>
        </form>
    }
}

/// The page's filter as hidden fields, so a form's answer comes back to
/// the same filtered page.
pub(super) fn filter_fields(filter: &OutboxFilter) -> impl IntoView + use<> {
    let status = filter.status.map(OutboxStatus::as_str);
    let template = filter.template.clone();
    view! {
        {status.map(|s| view! { <input type="hidden" name="status" value=s/> })}
        {template.map(|t| view! { <input type="hidden" name="template" value=t/> })}
    }
}

/// Sends every failed message of the chosen template (or of all) again,
/// when there is any.
fn retry_all(d: &OutboxPage, lang: Lang) -> Option<impl IntoView + use<>> {
    let n = d.count_of(OutboxStatus::Failed);
    (n > 0).then(|| {
        view! {
            <form method="post" action=RetryFailedMessages::PATH class="inline-form">
                {filter_fields(&d.filter)}
                <button type="submit" class="button">
                    {td_string!(locale_of(lang), outbox.outbox_retry_all, n)}
                </button>
            </form>
        }
    })
}
