//! `/audit`: the staff actions organisers and administrators may read.

use crate::api::audit::search_audit;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::audit::AuditPage;
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::domain::url::encode_query_value;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The audit log, searchable, newest first, with the query in the URL.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u64>().ok())
            .map_or(0, crate::domain::forms::bounded_page)
    };
    let data = Resource::new(move || (q(), page()), |(q, page)| search_audit(q, page));
    view! {
        <Title text=td_string!(locale, common.audit_log)/>
        <section class="page audit">
            <h1>{td_string!(locale, common.audit_log)}</h1>
            <form method="get" action="/audit" class="search-form" role="search">
                <label for="audit-q">{td_string!(locale, audit.search)}</label>
                <input id="audit-q" type="search" name="q" value=q/>
                <button type="submit" class="button">{td_string!(locale, audit.search)}</button>
            </form>
            {loaded(data, move |d| audit_table(d, q(), page(), lang))}
        </section>
    }
}

fn audit_table(d: AuditPage, q: String, page: u64, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    if d.rows.is_empty() {
        return view! { <p>{td_string!(locale, audit.audit_empty)}</p> }.into_any();
    }
    let link = move |to: u64| format!("/audit?q={}&page={to}", encode_query_value(&q));
    let prev =
        (page > 0).then(|| view! { <a href=link(page - 1)>{td_string!(locale, common.newer)}</a> });
    let next = d
        .has_more
        .then(|| view! { <a href=link(page + 1)>{td_string!(locale, common.older)}</a> });
    let rows = d
        .rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{format_datetime(r.at, lang)}</td>
                    <td>{r.actor.map(|a| a.get(lang).to_string()).unwrap_or_else(|| td_string!(locale, audit.audit_system).to_string())}</td>
                    <td><code>{r.action}</code></td>
                    <td>{r.record}</td>
                    <td>{r.programme.unwrap_or_default()}</td>
                    <td>{r.summary}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <caption class="visually-hidden">{td_string!(locale, common.audit_log)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, audit.audit_at)}</th>
                        <th scope="col">{td_string!(locale, audit.audit_actor)}</th>
                        <th scope="col">{td_string!(locale, audit.audit_action)}</th>
                        <th scope="col">{td_string!(locale, audit.audit_record)}</th>
                        <th scope="col">{td_string!(locale, common.programme)}</th>
                        <th scope="col">{td_string!(locale, audit.audit_summary)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label=td_string!(locale, common.pages)>{prev} " " {next}</nav>
    }
    .into_any()
}
