//! `/admin/programmes`: every programme, in listing order.

use super::forms::kind_name;
use super::nav::AdminNav;
use crate::api::programmes::get_admin_programmes;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::components::table::table;
use crate::domain::catalogue::admin::AdminProgramme;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The programmes page.
#[component]
pub fn AdminProgrammesPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let data = Resource::new(|| (), |_| get_admin_programmes());
    view! {
        <Title text=td_string!(locale, admin.programmes)/>
        <section class="page admin">
            <h1>{td_string!(locale, admin.programmes)}</h1>
            <AdminNav/>
            <SavedNotice/>
            <p class="lead">{td_string!(locale, admin.programmes_lead)}</p>
            <p><a class="button" href="/admin/programmes/new">{td_string!(locale, admin.new_programme)}</a></p>
            {loaded(data, move |list| programmes_table(list, lang))}
        </section>
    }
}

fn programmes_table(list: Vec<AdminProgramme>, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    if list.is_empty() {
        return view! { <p>{td_string!(locale, admin.no_programmes)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|p| {
            let slug = p.programme.slug;
            view! {
                <tr>
                    <td><a href=format!("/admin/programmes/{slug}")>{p.programme.name.get(lang).to_string()}</a></td>
                    <td>{kind_name(p.programme.kind, locale)}</td>
                    <td><code>{slug}</code></td>
                    <td>{p.position}</td>
                    <td>{p.cohorts}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = vec![
        td_string!(locale, common.programme),
        td_string!(locale, admin.kind),
        td_string!(locale, admin.slug),
        td_string!(locale, admin.position),
        td_string!(locale, admin.cohorts),
    ];
    table("programmes", heads, rows).into_any()
}
