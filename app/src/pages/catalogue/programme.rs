//! `/programmes/<programme>`: one programme and its cohorts.

use super::home::cohort_item;
use super::labels::kind_label;
use crate::api::catalogue::get_programme;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::components::text::Paragraphs;
use crate::domain::catalogue::Programme;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// A programme's page.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    let lang = use_lang();
    let programme = Resource::new(param("programme"), get_programme);
    loaded(programme, move |p| programme_view(p, lang))
}

fn programme_view(p: Programme, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = p.name.get(lang).to_string();
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.home).into(),
            href: Some("/".into()),
        },
        Crumb {
            label: name.clone(),
            href: None,
        },
    ];
    let cohorts = p
        .cohorts
        .iter()
        .map(|c| cohort_item(&p.slug, c, lang))
        .collect_view();
    let empty = p
        .cohorts
        .is_empty()
        .then(|| view! { <p>{td_string!(locale, catalogue.no_cohorts)}</p> });
    view! {
        <Title text=name.clone()/>
        <Breadcrumbs crumbs/>
        <article class="page programme">
            <p class="eyebrow">{kind_label(p.kind, locale)}</p>
            <h1>{name}</h1>
            <Paragraphs text=p.description.get(lang).to_string()/>
            <h2>{td_string!(locale, common.cohorts_heading)}</h2>
            {empty}
            <ul class="cohort-list">{cohorts}</ul>
        </article>
    }
}
