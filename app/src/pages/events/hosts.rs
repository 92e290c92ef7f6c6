//! `/events/hosts`: organisers approve alumni to host events, and
//! withdraw the approval.

use crate::api::events::{ApproveHost, WithdrawHost, get_hosts};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::components::table::table;
use crate::domain::events::view::HostRow;
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::pages::rosters::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The approved hosts.
#[component]
pub fn EventHostsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_hosts());
    let title = tr(lang, "イベント主催者の承認", "Event hosts");
    view! {
        <Title text=title/>
        <section class="page event-hosts">
            <h1>{title}</h1>
            <p>{tr(lang, "承認された修了生は、イベントを作成・運営できます。", "Approved alumni may create and run events.")}</p>
            <SavedNotice/>
            {refusal!(ApproveHost, lang)}
            {refusal!(WithdrawHost, lang)}
            <form method="post" action=ApproveHost::PATH class="edit-form">
                <div class="form-field">
                    <label for="host-email">{tr(lang, "修了生のメールアドレス", "The alumnus's email address")}</label>
                    <input type="email" id="host-email" name="email" required/>
                </div>
                <button type="submit" class="button">{tr(lang, "主催者として承認", "Approve as host")}</button>
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
                            <button type="submit" class="button secondary">{tr(lang, "承認を取り消す", "Withdraw")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    table(
        "hosts",
        vec![
            tr(lang, "名前", "Name"),
            tr(lang, "メール", "Email"),
            tr(lang, "承認日時", "Approved"),
            tr(lang, "操作", "Action"),
        ],
        body,
    )
}
