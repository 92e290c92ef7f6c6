//! `/events/hosts`: organisers approve alumni to host events, and
//! withdraw the approval.

use crate::api::events::{ApproveHost, WithdrawHost, get_hosts};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::components::table::table;
use crate::domain::events::view::HostRow;
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The approved hosts.
#[component]
pub fn EventHostsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_hosts());
    let title = td_string!(locale_of(lang), events.event_hosts);
    view! {
        <Title text=title/>
        <section class="page event-hosts">
            <h1>{title}</h1>
            <p>{td_string!(locale_of(lang), events.hosts_lead)}</p>
            <SavedNotice/>
            {refusal!(ApproveHost, lang)}
            {refusal!(WithdrawHost, lang)}
            <form method="post" action=ApproveHost::PATH class="edit-form">
                <div class="form-field">
                    <label for="host-email">{td_string!(locale_of(lang), events.the_alumnus_s_email_address)}</label>
                    <input type="email" id="host-email" name="email" required/>
                </div>
                <button type="submit" class="button">{td_string!(locale_of(lang), events.approve_as_host)}</button>
            </form>
            {loaded(data, move |rows| hosts_view(rows, lang))}
        </section>
    }
}

fn hosts_view(rows: Vec<HostRow>, lang: Lang) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|h| {
            view! {
                <tr>
                    <td>{h.name.get(lang).to_string()}</td>
                    <td>{h.email}</td>
                    <td>{format_datetime(h.approved_at, lang)}</td>
                    <td>
                        <form method="post" action=WithdrawHost::PATH class="inline-form">
                            <input type="hidden" name="account" value=h.account_id/>
                            <button type="submit" class="button secondary">{td_string!(locale_of(lang), events.withdraw)}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    table(
        "hosts",
        vec![
            td_string!(locale_of(lang), events.name),
            td_string!(locale_of(lang), events.email),
            td_string!(locale_of(lang), events.approved),
            td_string!(locale_of(lang), events.action),
        ],
        body,
    )
}
