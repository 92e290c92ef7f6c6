//! `/manage/<programme>`: the programme's cohorts and a form for a new one.

use super::forms::CohortForm;
use crate::api::manage::get_managed_programme;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::components::status::StatusBadge;
use crate::domain::catalogue::manage::ManagedProgramme;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// A programme's management page.
#[component]
pub fn ManageProgrammePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(param("programme"), get_managed_programme);
    loaded(data, move |d| programme_view(d, lang))
}

fn programme_view(d: ManagedProgramme, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = d.programme.name.get(lang).to_string();
    let slug = d.programme.slug.clone();
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: name.clone(),
            href: None,
        },
    ];
    let cohorts = d
        .cohorts
        .into_iter()
        .map(|c| {
            view! {
                <li>
                    <a href=format!("/manage/{slug}/{}", c.slug)>{c.title.get(lang).to_string()}</a>
                    " " <StatusBadge status=c.status/>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{name} – {}", td_string!(locale, common.manage))/>
        <Breadcrumbs crumbs/>
        <section class="page manage">
            <h1>{name}</h1>
            <p><a href=format!("/manage/{slug}/eligibility")>{td_string!(locale, manage.eligibility)}</a></p>
            <p><a href=format!("/manage/{slug}/settings")>{td_string!(locale, manage.reminders)}</a></p>
            <p><a href=format!("/manage/{slug}/candidates")>{td_string!(locale_of(lang), manage.candidate_support)}</a></p>
            <p><a href=format!("/manage/{slug}/funnel")>{td_string!(locale_of(lang), manage.funnel)}</a></p>
            <p><a href=format!("/manage/{slug}/staffing")>{td_string!(locale_of(lang), manage.staffing)}</a></p>
            <p><a href=format!("/manage/{slug}/announcements")>{td_string!(locale_of(lang), announce.link)}</a></p>
            <h2>{td_string!(locale, common.cohorts_heading)}</h2>
            <ul class="link-list">{cohorts}</ul>
            <h2 id="new-cohort">{td_string!(locale, manage.new_cohort)}</h2>
            <CohortForm programme=d.programme.slug.clone() original=String::new() draft=d.new_cohort.clone()/>
        </section>
    }
}
