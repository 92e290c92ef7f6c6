//! `/admin/programmes/new` and `/admin/programmes/<programme>`: create or
//! edit one programme.

use super::forms::ProgrammeForm;
use super::nav::AdminNav;
use crate::api::programmes::get_admin_programme;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::components::saved_notice::SavedNotice;
use crate::domain::catalogue::admin::ProgrammeEditor;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The form for a new programme.
#[component]
pub fn NewProgrammePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_admin_programme(String::new()));
    loaded(data, move |e| programme_view(e, lang))
}

/// An existing programme's form.
#[component]
pub fn AdminProgrammePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(param("programme"), get_admin_programme);
    loaded(data, move |e| programme_view(e, lang))
}

fn programme_view(e: ProgrammeEditor, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let slug = e.original.clone();
    let title = match (slug.is_empty(), lang) {
        (true, _) => td_string!(locale, admin.new_programme).to_string(),
        (false, Lang::Ja) => e.draft.name_ja.clone(),
        (false, Lang::En) => e.draft.name_en.clone(),
    };
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, admin.programmes).into(),
            href: Some("/admin/programmes".into()),
        },
        Crumb {
            label: title.clone(),
            href: None,
        },
    ];
    let fixed = (e.cohorts > 0)
        .then(|| view! { <p class="notice">{td_string!(locale, admin.slug_fixed)}</p> });
    let links = (!slug.is_empty()).then(|| {
        view! {
            <h2>{td_string!(locale, admin.programme_links)}</h2>
            <ul class="link-list">
                <li><a href=format!("/programmes/{slug}")>{td_string!(locale, manage.view_public)}</a></li>
                <li><a href=format!("/manage/{slug}")>{td_string!(locale, admin.manage_programme)}</a></li>
                <li><a href="/admin/organisers">{td_string!(locale, admin.organisers)}</a></li>
            </ul>
        }
    });
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page admin">
            <h1>{title}</h1>
            <AdminNav/>
            <SavedNotice/>
            {fixed}
            <ProgrammeForm original=e.original.clone() draft=e.draft.clone()/>
            {links}
        </section>
    }
}
