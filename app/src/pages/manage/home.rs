//! `/manage`: the programmes the person runs.

use crate::api::manage::get_managed_programmes;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::catalogue::ProgrammeRef;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The organisers' start page.
#[component]
pub fn ManageHomePage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let programmes = Resource::new(|| (), |_| get_managed_programmes());
    view! {
        <Title text=td_string!(locale, common.manage)/>
        <section class="page manage">
            <h1>{td_string!(locale, common.manage)}</h1>
            <p class="lead">{td_string!(locale, manage.manage_lead)}</p>
            <ul class="link-list">
                <li><a href="/audit">{td_string!(locale, common.audit_log)}</a></li>
                <li><a href="/manage/outbox">{td_string!(locale, common.outbox)}</a></li>
            </ul>
            {loaded(programmes, move |list| programme_links(list, lang))}
        </section>
    }
}

fn programme_links(list: Vec<ProgrammeRef>, lang: Lang) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>{td_string!(locale_of(lang), manage.no_managed)}</p> }.into_any();
    }
    view! {
        <ul class="link-list">
            {list
                .into_iter()
                .map(|p| view! { <li><a href=format!("/manage/{}", p.slug)>{p.name.get(lang).to_string()}</a></li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
